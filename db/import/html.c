/*
 * HTML pages through libxml2's HTML parser (a real parser: no regular
 * expressions over markup). The statement is the text of <article>, else
 * <main>, else the element whose own <p> children hold the most text; page
 * furniture elements (nav, footer, aside, forms, scripts, share bars) are
 * skipped. Each block (paragraph, heading, list item, <br>) becomes a
 * paragraph of its own, its white space collapsed as a browser shows it.
 */
#include "html.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "expect.h"
#include "strbuf.h"
#include "utf8.h"

static bool named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcasecmp((const char *)node->name, name) == 0;
}

static bool named_any(const xmlNode *node, const char *const *names)
{
    for (; *names; names++)
        if (named(node, *names))
            return true;
    return false;
}

static const char *const skipped[] = {"script", "style", "noscript", "nav", "aside", "footer", "form", "iframe",
                                      "svg", "button", "select", "template", "figcaption", "head", NULL};
static const char *const blocks[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr",
                                     "section", "article", "main", "ul", "ol", "table", "pre", "dd", "dt",
                                     "figure", "address", "header", "br", "hr", "td", "center", NULL};

/* class or id naming furniture ("breadcrumb", "share-bar", "sidebar"). */
static bool furniture_attribute(const xmlNode *node)
{
    static const char *const words[] = {"breadcrumb", "share", "social", "sidebar", "comment", "related",
                                        "menu", "cookie", "navbar", "footer", "print", NULL};
    static const char *const attributes[] = {"class", "id", "role", NULL};
    for (const char *const *a = attributes; *a; a++) {
        xmlChar *value = xmlGetProp(node, (const xmlChar *)*a);
        if (!value)
            continue;
        char lower[256];
        size_t n = 0;
        for (; value[n] && n + 1 < sizeof lower; n++)
            lower[n] = (char)tolower(value[n]);
        lower[n] = '\0';
        xmlFree(value);
        if (strcmp(*a, "role") == 0 && strcmp(lower, "navigation") == 0)
            return true;
        for (const char *const *w = words; *w && strcmp(*a, "role") != 0; w++)
            if (strstr(lower, *w))
                return true;
    }
    return false;
}

static bool skip_element(const xmlNode *node, bool in_article)
{
    return named_any(node, skipped) || (named(node, "header") && !in_article) || furniture_attribute(node);
}

/* Appends text with runs of ASCII white space as one space. */
static void append_collapsed(rs_strbuf *line, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (isspace((unsigned char)*p)) {
            if (line->length > 0 && line->data[line->length - 1] != ' ')
                rs_strbuf_append(line, " ", 1);
        } else {
            rs_strbuf_append(line, p, 1);
        }
    }
}

static void flush(rs_page *page, rs_strbuf *line)
{
    size_t n = line->length;
    while (n > 0 && line->data[n - 1] == ' ')
        n--;
    size_t start = 0;
    while (start < n && line->data[start] == ' ')
        start++;
    if (n > start) {
        rs_page_add_line(page, line->data + start, n - start, 0);
        rs_page_add_line(page, "", 0, 0);
    }
    line->length = 0;
    if (line->data)
        line->data[0] = '\0';
}

static void emit(rs_page *page, const xmlNode *node, rs_strbuf *line, bool in_article)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            append_collapsed(line, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || skip_element(n, in_article))
            continue;
        bool block = named_any(n, blocks);
        if (block)
            flush(page, line);
        emit(page, n->children, line, in_article || named(n, "article"));
        if (block)
            flush(page, line);
    }
}

/* Text length of node's direct <p> children: how much of the page's prose
 * sits right in this element. */
static size_t paragraph_text(const xmlNode *node)
{
    size_t total = 0;
    for (const xmlNode *c = node->children; c; c = c->next)
        if (named(c, "p")) {
            xmlChar *text = xmlNodeGetContent(c);
            total += text ? strlen((const char *)text) : 0;
            xmlFree(text);
        }
    return total;
}

static void find_container(const xmlNode *node, const xmlNode **article, const xmlNode **main_element,
                           const xmlNode **densest, size_t *density, const xmlNode **h1)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || named_any(n, skipped))
            continue;
        if (!*article && named(n, "article"))
            *article = n;
        if (!*h1 && named(n, "h1"))
            *h1 = n;
        if (!*main_element && named(n, "main"))
            *main_element = n;
        size_t d = paragraph_text(n);
        if (d > *density) {
            *density = d;
            *densest = n;
        }
        find_container(n->children, article, main_element, densest, density, h1);
    }
}

static void set_text_hint(rs_page *page, rs_hint hint, const xmlNode *node, const char *from)
{
    xmlChar *text = xmlNodeGetContent(node);
    rs_strbuf collapsed = {0};
    append_collapsed(&collapsed, text ? (const char *)text : "");
    rs_page_set_hint(page, hint, collapsed.data, from);
    rs_strbuf_clear(&collapsed);
    xmlFree(text);
}

typedef struct { const char *key; rs_hint hint; } meta_row;

static void read_meta(rs_page *page, const xmlNode *node)
{
    static const meta_row rows[] = {
        {"og:title", RS_HINT_TITLE}, {"article:published_time", RS_HINT_DATE}, {"datePublished", RS_HINT_DATE},
        {"pubdate", RS_HINT_DATE}, {"publishdate", RS_HINT_DATE}, {"PubDate", RS_HINT_DATE},
        {"dc.date", RS_HINT_DATE}, {"DC.date.issued", RS_HINT_DATE}, {"date", RS_HINT_DATE},
        {"og:url", RS_HINT_URL}, {"og:site_name", RS_HINT_OUTLET}};
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (named(n, "meta")) {
            xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
            if (!key)
                key = xmlGetProp(n, (const xmlChar *)"name");
            if (!key)
                key = xmlGetProp(n, (const xmlChar *)"itemprop");
            xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
            for (size_t i = 0; key && content && i < sizeof rows / sizeof rows[0]; i++)
                if (strcasecmp((const char *)key, rows[i].key) == 0) {
                    char from[96];
                    snprintf(from, sizeof from, "meta %s", rows[i].key);
                    rs_page_set_hint(page, rows[i].hint, (const char *)content, from);
                }
            xmlFree(key);
            xmlFree(content);
        } else if (named(n, "link")) {
            xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
            xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
            if (rel && href && strcasecmp((const char *)rel, "canonical") == 0)
                rs_page_set_hint(page, RS_HINT_URL, (const char *)href, "link rel=canonical");
            xmlFree(rel);
            xmlFree(href);
        } else if (named(n, "time")) {
            xmlChar *when = xmlGetProp(n, (const xmlChar *)"datetime");
            rs_page_set_hint(page, RS_HINT_DATE, (const char *)when, "<time datetime>");
            xmlFree(when);
        } else if (named(n, "html")) {
            xmlChar *lang = xmlGetProp(n, (const xmlChar *)"lang");
            rs_page_set_hint(page, RS_HINT_LANGUAGE, (const char *)lang, "<html lang>");
            xmlFree(lang);
        }
        read_meta(page, n->children);
    }
}

/* The first date with a year printed anywhere in the page's visible text
 * (outside the container too: bylines sit beside articles). */
static bool printed_date(rs_page *page, const xmlNode *node)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            rs_date_found found;
            if (rs_dates_find((const char *)n->content, &found, NULL)) {
                rs_page_set_hint(page, RS_HINT_DATE, found.said, RS_HTML_PRINTED);
                return true;
            }
        } else if (n->type == XML_ELEMENT_NODE && !named_any(n, skipped) && printed_date(page, n->children)) {
            return true;
        }
    }
    return false;
}

/* <title> without the site's name: the longest part around " - ", " | ", "_". */
static void set_title_hint(rs_page *page, const xmlNode *root)
{
    const xmlNode *stack[64];
    size_t depth = 0;
    for (const xmlNode *n = root; n;) {
        if (named(n, "title")) {
            xmlChar *text = xmlNodeGetContent(n);
            rs_strbuf t = {0};
            append_collapsed(&t, text ? (const char *)text : "");
            xmlFree(text);
            const char *best = t.data ? t.data : "";
            size_t best_length = 0;
            for (char *part = t.data; part && *part;) {
                char *end = part + strcspn(part, "|_");
                char *dash = strstr(part, " - ");
                if (dash && dash < end)
                    end = dash;
                size_t length = (size_t)(end - part);
                if (length > best_length) {
                    best = part;
                    best_length = length;
                }
                part = *end ? end + (strncmp(end, " - ", 3) == 0 ? 3 : 1) : end;
            }
            char *cut = t.data ? rs_xstrndup(best, best_length) : NULL;
            rs_page_set_hint(page, RS_HINT_TITLE, cut, "<title>");
            free(cut);
            rs_strbuf_clear(&t);
            return;
        }
        if (n->children && depth < 64) {
            stack[depth++] = n->next;
            n = n->children;
        } else if (n->next) {
            n = n->next;
        } else {
            n = NULL;
            while (!n && depth > 0)
                n = stack[--depth];
        }
    }
}

/* The charset a page declares in its first 4 KB (<meta charset=...> or
 * content="...; charset=..."), lower case, into out; false when none. */
static bool declared_charset(const char *bytes, size_t size, char *out, size_t out_size)
{
    size_t n = size < 4096 ? size : 4096;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(bytes + i, "charset=", 8) != 0)
            continue;
        size_t at = i + 8, k = 0;
        while (at < n && (bytes[at] == '"' || bytes[at] == '\''))
            at++;
        while (at < n && k + 1 < out_size && (isalnum((unsigned char)bytes[at]) || bytes[at] == '-' || bytes[at] == '_'))
            out[k++] = (char)tolower((unsigned char)bytes[at++]);
        out[k] = '\0';
        return k > 0;
    }
    return false;
}

bool rs_html_read(rs_page *page, const char *name, const char *bytes, size_t size, char *error, size_t error_size)
{
    char charset[64];
    bool declared = declared_charset(bytes, size, charset, sizeof charset);
    bool is_utf8 = !declared || strcmp(charset, "utf-8") == 0 || strcmp(charset, "utf8") == 0;
    size_t offset;
    if (is_utf8 && !rs_utf8_valid(bytes, size, &offset)) {
        snprintf(error, error_size, "%s: invalid UTF-8 at byte offset %zu (%s; save the page as UTF-8)", name,
                 offset, declared ? "the page declares UTF-8" : "the page declares no charset");
        return false;
    }
    if (size > (size_t)INT32_MAX) {
        snprintf(error, error_size, "%s: too large for the HTML parser", name);
        return false;
    }
    htmlDocPtr doc = htmlReadMemory(bytes, (int)size, NULL, is_utf8 ? "UTF-8" : charset,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) {
        snprintf(error, error_size, "%s: the HTML parser could not read the page%s%s", name,
                 is_utf8 ? "" : " in its declared charset ", is_utf8 ? "" : charset);
        return false;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    printed_date(page, root);
    read_meta(page, root);
    const xmlNode *article = NULL, *main_element = NULL, *densest = NULL, *h1 = NULL;
    size_t density = 0;
    find_container(root, &article, &main_element, &densest, &density, &h1);
    if (h1)
        set_text_hint(page, RS_HINT_TITLE, h1, "<h1>");
    /* og:title was read above; <title> comes last. */
    set_title_hint(page, root);
    const xmlNode *container = article ? article : main_element ? main_element : densest ? densest : root;
    rs_strbuf line = {0};
    emit(page, container->children, &line, article != NULL);
    flush(page, &line);
    rs_strbuf_clear(&line);
    xmlFreeDoc(doc);
    return true;
}
