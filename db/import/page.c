/*
 * Reading an input file into a page. Every refusal happens here, before
 * anything is written, so a bad input never leaves a half-written draft.
 */
#include "page.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "archive.h"
#include "expect.h"
#include "file.h"
#include "html.h"
#include "strbuf.h"
#include "utf8.h"

struct rs_page {
    rs_page_kind kind;
    char **lines;
    int *line_numbers;
    size_t count, capacity, number_capacity;
    char *hints[RS_HINT_COUNT];
    char *hint_from[RS_HINT_COUNT];
};

static bool kind_from_name(const char *name, rs_page_kind *kind)
{
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (!dot || (slash && dot < slash))
        return false;
    static const struct { const char *ext; rs_page_kind kind; } kinds[] = {
        {".txt", RS_PAGE_TEXT}, {".text", RS_PAGE_TEXT}, {".html", RS_PAGE_HTML}, {".htm", RS_PAGE_HTML},
        {".json", RS_PAGE_JSON}, {".md", RS_PAGE_MARKDOWN}, {".markdown", RS_PAGE_MARKDOWN}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcasecmp(dot, kinds[i].ext) == 0) {
            *kind = kinds[i].kind;
            return true;
        }
    return false;
}

/* A NUL, or many control characters other than tab and line ends, in the
 * first 64 KB: a binary file saved under a text name. */
static bool looks_binary(const char *bytes, size_t size, size_t *offset)
{
    size_t controls = 0, n = size < 65536 ? size : 65536;
    for (size_t i = 0; i < size; i++)
        if (bytes[i] == '\0') {
            *offset = i;
            return true;
        }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            controls++;
    }
    *offset = 0;
    return controls * 100 > n;
}

static bool only_space(const char *bytes, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (!strchr(" \t\r\n\f\v", bytes[i]))
            return false;
    return true;
}

rs_page *rs_page_from_bytes(const char *name, const char *bytes, size_t size, char *error, size_t error_size)
{
    rs_page_kind kind;
    char count[32];
    if (!kind_from_name(name, &kind)) {
        const char *dot = strrchr(name, '.');
        const char *slash = strrchr(name, '/');
        if (dot && (!slash || dot > slash))
            snprintf(error, error_size, "%s: unknown extension '%s' (import reads .txt, .html, .htm, .json and .md)",
                     name, dot);
        else
            snprintf(error, error_size, "%s: no extension (import reads .txt, .html, .htm, .json and .md)", name);
        return NULL;
    }
    if (size > RS_PAGE_MAX_BYTES) {
        snprintf(error, error_size, "%s: is %s bytes; the limit is 16 MB (a page is one statement: save only its text)",
                 name, rs_format_count(size, count));
        return NULL;
    }
    if (size == 0 || only_space(bytes, size)) {
        snprintf(error, error_size, "%s: the file is empty (nothing to import)", name);
        return NULL;
    }
    size_t offset;
    if (looks_binary(bytes, size, &offset)) {
        snprintf(error, error_size, "%s: not text: a NUL byte at byte offset %zu (is it a binary file?)", name, offset);
        if (offset == 0 && bytes[0] != '\0')
            snprintf(error, error_size, "%s: not text: control characters throughout (is it a binary file?)", name);
        return NULL;
    }
    const char *start = bytes;
    if (size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        size -= 3;
    }
    /* The builder refuses control characters other than tab and line ends:
     * so does the importer, before anything is written. */
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            snprintf(error, error_size, "%s: control character 0x%02X at byte offset %zu (is this a text file?)", name, c,
                     i + (bytes > start ? 3 : 0));
            return NULL;
        }
    }
    rs_page *page = rs_xcalloc(1, sizeof *page);
    page->kind = kind;
    bool ok;
    if (kind == RS_PAGE_HTML) {
        ok = rs_html_read(page, name, bytes, size, error, error_size);
    } else if (!rs_utf8_valid(bytes, size, &offset)) {
        snprintf(error, error_size, "%s: invalid UTF-8 at byte offset %zu (save the page as UTF-8)", name, offset);
        ok = false;
    } else if (kind == RS_PAGE_JSON) {
        ok = rs_archive_read_json(page, name, bytes, size, error, error_size);
    } else if (kind == RS_PAGE_MARKDOWN) {
        ok = rs_archive_read_markdown(page, name, bytes, size, error, error_size);
    } else {
        rs_page_add_text(page, bytes, size, 1);
        ok = true;
    }
    if (ok && page->count == 0) {
        snprintf(error, error_size, "%s: no text found in the page (nothing to import)", name);
        ok = false;
    }
    if (!ok) {
        rs_page_destroy(page);
        return NULL;
    }
    return page;
}

rs_page *rs_page_read(const char *path, char *error, size_t error_size)
{
    char reason[256];
    size_t size = 0;
    char *bytes = rs_file_read_regular(path, RS_PAGE_MAX_BYTES, &size, reason, sizeof reason);
    if (!bytes) {
        snprintf(error, error_size, "%s: %s%s", path, reason,
                 strstr(reason, "the limit") ? " (a page is one statement: save only its text)" : "");
        return NULL;
    }
    rs_page *page = rs_page_from_bytes(path, bytes, size, error, error_size);
    free(bytes);
    return page;
}

rs_page **rs_page_read_all(const char *path, size_t *count, char ***errors, char *error, size_t error_size)
{
    char reason[256];
    size_t size = 0;
    char *bytes = rs_file_read_regular(path, RS_PAGE_MAX_BYTES, &size, reason, sizeof reason);
    if (!bytes) {
        snprintf(error, error_size, "%s: %s%s", path, reason,
                 strstr(reason, "the limit") ? " (a page is one statement: save only its text)" : "");
        return NULL;
    }
    rs_page_kind kind;
    char **records = NULL;
    size_t offset;
    rs_page **pages;
    if (kind_from_name(path, &kind) && kind == RS_PAGE_JSON && rs_utf8_valid(bytes, size, &offset) &&
        rs_archive_split_json(bytes, size, &records, count)) {
        pages = rs_xcalloc(*count, sizeof *pages);
        *errors = rs_xcalloc(*count, sizeof **errors);
        for (size_t i = 0; i < *count; i++) {
            char name_error[1024];
            pages[i] = rs_page_from_bytes(path, records[i], strlen(records[i]), name_error, sizeof name_error);
            if (!pages[i]) { /* "path: why" -> "path record 2: why" */
                size_t n = strlen(path);
                char line[1100];
                snprintf(line, sizeof line, "%s record %zu%s", path, i + 1,
                         strncmp(name_error, path, n) == 0 ? name_error + n : name_error);
                (*errors)[i] = rs_xstrdup(line);
            }
            free(records[i]);
        }
        free(records);
        free(bytes);
        return pages;
    }
    pages = rs_xcalloc(1, sizeof *pages);
    *errors = rs_xcalloc(1, sizeof **errors);
    *count = 1;
    pages[0] = rs_page_from_bytes(path, bytes, size, error, error_size);
    free(bytes);
    if (!pages[0]) {
        free(pages);
        free(*errors);
        *errors = NULL;
        return NULL;
    }
    return pages;
}

void rs_page_destroy(rs_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->count; i++)
        free(page->lines[i]);
    free(page->lines);
    free(page->line_numbers);
    for (int i = 0; i < RS_HINT_COUNT; i++) {
        free(page->hints[i]);
        free(page->hint_from[i]);
    }
    free(page);
}

rs_page_kind rs_page_kind_of(const rs_page *page) { return page->kind; }
size_t rs_page_line_count(const rs_page *page) { return page->count; }
bool rs_page_wrapped(const rs_page *page) { return page->kind != RS_PAGE_HTML; }

const char *rs_page_line(const rs_page *page, size_t index, int *line_number)
{
    RS_EXPECT(index < page->count);
    if (line_number)
        *line_number = page->line_numbers[index];
    return page->lines[index];
}

const char *rs_page_hint(const rs_page *page, rs_hint hint, const char **from)
{
    if (from)
        *from = page->hint_from[hint];
    return page->hints[hint];
}

void rs_page_add_line(rs_page *page, const char *text, size_t length, int line_number)
{
    rs_grow(&page->lines, &page->capacity, page->count + 1, sizeof *page->lines);
    rs_grow(&page->line_numbers, &page->number_capacity, page->count + 1, sizeof *page->line_numbers);
    page->lines[page->count] = rs_xstrndup(text, length);
    page->line_numbers[page->count] = line_number;
    page->count++;
}

void rs_page_set_hint(rs_page *page, rs_hint hint, const char *value, const char *from)
{
    if (page->hints[hint] || !value)
        return;
    while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r')
        value++;
    if (!*value)
        return;
    page->hints[hint] = rs_xstrdup(value);
    size_t n = strlen(page->hints[hint]);
    while (n > 0 && strchr(" \t\r\n", page->hints[hint][n - 1]))
        page->hints[hint][--n] = '\0';
    page->hint_from[hint] = rs_xstrdup(from);
}

void rs_page_add_text(rs_page *page, const char *text, size_t length, int first_line_number)
{
    size_t start = 0;
    int line = first_line_number;
    for (size_t i = 0; i <= length; i++) {
        if (i == length || text[i] == '\n' || text[i] == '\r') {
            if (i == length && start == length)
                break;
            size_t end = i;
            rs_page_add_line(page, text + start, end - start, line++);
            if (i < length && text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
                i++;
            start = i + 1;
        }
    }
}
