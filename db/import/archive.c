/*
 * Archive records. A JSON record's text field is unescaped by the JSON
 * parser (jansson); if it holds HTML it goes through the HTML reader. A
 * Markdown file's front matter (YAML between "---" lines) is read with
 * libyaml for its title, date, URL, outlet and language; the Markdown body
 * loses its backslash escapes, emphasis marks and link targets, which are
 * not part of the statement's words.
 */
#include "archive.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "expect.h"
#include "html.h"
#include "strbuf.h"

typedef struct { const char *key; rs_hint hint; } field_row;

/* Field names archives use, in order of preference within each hint. */
static const field_row hint_fields[] = {
    {"title", RS_HINT_TITLE},     {"headline", RS_HINT_TITLE},       {"date", RS_HINT_DATE},
    {"published", RS_HINT_DATE},  {"published_at", RS_HINT_DATE},    {"datePublished", RS_HINT_DATE},
    {"pubdate", RS_HINT_DATE},    {"url", RS_HINT_URL},              {"link", RS_HINT_URL},
    {"source_url", RS_HINT_URL},  {"outlet", RS_HINT_OUTLET},        {"publisher", RS_HINT_OUTLET},
    {"source", RS_HINT_OUTLET},   {"site", RS_HINT_OUTLET},          {"language", RS_HINT_LANGUAGE},
    {"lang", RS_HINT_LANGUAGE},
};
static const char *const text_fields[] = {"text", "body", "content", "article", "fulltext", "full_text", "html",
                                          NULL};

static bool looks_like_html(const char *text)
{
    const char *p = text + strspn(text, " \t\r\n");
    return *p == '<' && (strstr(text, "</p>") || strstr(text, "<br") || strstr(text, "</div>") ||
                         strstr(text, "<P>"));
}

bool rs_archive_read_json(rs_page *page, const char *name, const char *bytes, size_t size, char *error,
                          size_t error_size)
{
    json_error_t json_error;
    json_t *root = json_loadb(bytes, size, JSON_DECODE_ANY, &json_error);
    if (!root) {
        snprintf(error, error_size, "%s:%d: not a JSON record: %s", name, json_error.line, json_error.text);
        return false;
    }
    if (json_is_array(root) && json_array_size(root) == 1) {
        json_t *only = json_incref(json_array_get(root, 0));
        json_decref(root);
        root = only;
    }
    if (!json_is_object(root)) {
        snprintf(error, error_size, "%s: not a JSON object (import reads a record, or an array of records)", name);
        json_decref(root);
        return false;
    }
    const char *text = NULL, *text_key = NULL;
    for (const char *const *k = text_fields; *k && !text; k++) {
        text = json_string_value(json_object_get(root, *k));
        text_key = *k;
    }
    if (!text) {
        snprintf(error, error_size, "%s: no text field in the record (expected one of: text, body, content, article, "
                 "fulltext, html)", name);
        json_decref(root);
        return false;
    }
    for (size_t i = 0; i < sizeof hint_fields / sizeof hint_fields[0]; i++) {
        char from[64];
        snprintf(from, sizeof from, "JSON field \"%s\"", hint_fields[i].key);
        rs_page_set_hint(page, hint_fields[i].hint, json_string_value(json_object_get(root, hint_fields[i].key)), from);
    }
    bool ok = true;
    if (looks_like_html(text)) {
        ok = rs_html_read(page, name, text, strlen(text), error, error_size);
    } else {
        (void)text_key;
        rs_page_add_text(page, text, strlen(text), 0);
    }
    json_decref(root);
    return ok;
}

bool rs_archive_split_json(const char *bytes, size_t size, char ***records, size_t *count)
{
    json_error_t json_error;
    json_t *root = json_loadb(bytes, size, JSON_DECODE_ANY, &json_error);
    if (!json_is_array(root) || json_array_size(root) < 2) {
        json_decref(root);
        return false;
    }
    *count = json_array_size(root);
    *records = rs_xcalloc(*count, sizeof **records);
    for (size_t i = 0; i < *count; i++) {
        char *text = json_dumps(json_array_get(root, i), JSON_ENCODE_ANY);
        RS_EXPECT(text != NULL);
        (*records)[i] = rs_xstrdup(text);
        free(text);
    }
    json_decref(root);
    return true;
}

/* The front matter's "key: value" pairs (scalars only) as hints. */
static bool read_front_matter(rs_page *page, const char *name, const char *yaml, size_t size, char *error,
                              size_t error_size)
{
    yaml_parser_t parser;
    yaml_document_t document;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, size);
    if (!yaml_parser_load(&parser, &document)) {
        snprintf(error, error_size, "%s:%zu: the front matter is not YAML: %s", name, parser.problem_mark.line + 2,
                 parser.problem ? parser.problem : "syntax error");
        yaml_parser_delete(&parser);
        return false;
    }
    yaml_node_t *root = yaml_document_get_root_node(&document);
    if (root && root->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
            yaml_node_t *key = yaml_document_get_node(&document, pair->key);
            yaml_node_t *value = yaml_document_get_node(&document, pair->value);
            if (!key || !value || key->type != YAML_SCALAR_NODE || value->type != YAML_SCALAR_NODE)
                continue;
            for (size_t i = 0; i < sizeof hint_fields / sizeof hint_fields[0]; i++)
                if (strcasecmp((const char *)key->data.scalar.value, hint_fields[i].key) == 0) {
                    char from[64];
                    snprintf(from, sizeof from, "front matter line %zu", key->start_mark.line + 2);
                    rs_page_set_hint(page, hint_fields[i].hint, (const char *)value->data.scalar.value, from);
                }
        }
    }
    yaml_document_delete(&document);
    yaml_parser_delete(&parser);
    return true;
}

/* One Markdown line without its markup: "\*" -> "*", "**x**" and "__x__"
 * -> "x", "[text](url)" -> "text", a heading's leading "#"s dropped. */
static void unmark_line(rs_strbuf *out, const char *line, size_t length)
{
    size_t i = 0;
    if (line[0] == '#') {
        while (i < length && line[i] == '#')
            i++;
        while (i < length && line[i] == ' ')
            i++;
    }
    for (; i < length; i++) {
        char c = line[i];
        if (c == '\\' && i + 1 < length && strchr("\\`*_{}[]()#+-.!>\"'|~", line[i + 1])) {
            rs_strbuf_append(out, &line[++i], 1);
        } else if ((c == '*' || c == '_') && i + 1 < length && line[i + 1] == c) {
            i++; /* strong emphasis marks */
        } else if (c == '*' && i + 1 < length && line[i + 1] != ' ' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '"')) {
            /* an opening emphasis mark */
        } else if (c == '*' && i > 0 && line[i - 1] != ' ') {
            /* a closing emphasis mark */
        } else if (c == '[') {
            const char *close = memchr(line + i, ']', length - i);
            if (close && (size_t)(close - line) + 1 < length && close[1] == '(' &&
                memchr(close, ')', length - (size_t)(close - line))) {
                rs_strbuf_append(out, line + i + 1, (size_t)(close - line) - i - 1);
                i = (size_t)((const char *)memchr(close, ')', length - (size_t)(close - line)) - line);
            } else {
                rs_strbuf_append(out, &c, 1);
            }
        } else {
            rs_strbuf_append(out, &c, 1);
        }
    }
}

bool rs_archive_read_markdown(rs_page *page, const char *name, const char *bytes, size_t size, char *error,
                              size_t error_size)
{
    size_t at = 0;
    int line_number = 1;
    if (size >= 4 && (strncmp(bytes, "---\n", 4) == 0 || strncmp(bytes, "---\r\n", 5) == 0)) {
        size_t start = bytes[3] == '\r' ? 5 : 4;
        const char *end = NULL;
        int lines = 1;
        for (size_t i = start; i < size; i++) {
            if (bytes[i - 1] == '\n') {
                lines++;
                if (size - i >= 3 && strncmp(bytes + i, "---", 3) == 0 && (i + 3 == size || bytes[i + 3] == '\n' || bytes[i + 3] == '\r')) {
                    end = bytes + i;
                    break;
                }
            }
        }
        if (!end) {
            snprintf(error, error_size, "%s:1: the front matter is not closed (expected a line '---' after it)", name);
            return false;
        }
        if (!read_front_matter(page, name, bytes + start, (size_t)(end - bytes) - start, error, error_size))
            return false;
        at = (size_t)(end - bytes) + 3;
        while (at < size && (bytes[at] == '\r' || bytes[at] == '\n')) {
            if (bytes[at] == '\n')
                lines++;
            at++;
        }
        line_number = lines;
    }
    for (size_t i = at; i < size;) {
        size_t n = 0;
        while (i + n < size && bytes[i + n] != '\n' && bytes[i + n] != '\r')
            n++;
        rs_strbuf clean = {0};
        unmark_line(&clean, bytes + i, n);
        rs_page_add_line(page, clean.data ? clean.data : "", clean.length, line_number++);
        rs_strbuf_clear(&clean);
        i += n;
        if (i < size && bytes[i] == '\r')
            i++;
        if (i < size && bytes[i] == '\n')
            i++;
    }
    return true;
}
