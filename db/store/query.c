#include "query.h"

#include <stdlib.h>
#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void rs_query_parse(const char *text, rs_query *out)
{
    memset(out, 0, sizeof *out);
    size_t capacity = 0;
    for (const char *p = text; *p;) {
        while (is_space(*p))
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && !is_space(*p))
            p++;
        size_t length = (size_t)(p - start);
        bool prefix = false;
        while (length && start[length - 1] == '*')
            length--, prefix = true;
        if (!length)
            continue; /* "*" alone is punctuation */
        if (out->count == capacity) {
            capacity = capacity ? capacity * 2 : 8;
            out->words = realloc(out->words, capacity * sizeof *out->words);
            if (!out->words)
                abort();
        }
        out->words[out->count++] = (rs_query_word){start, length, prefix};
    }
}

void rs_query_clear(rs_query *query)
{
    free(query->words);
    memset(query, 0, sizeof *query);
}

void rs_text_append(rs_text *text, const char *bytes, size_t length)
{
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 64;
        while (capacity < text->length + length + 1)
            capacity *= 2;
        text->data = realloc(text->data, capacity);
        if (!text->data)
            abort();
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, bytes, length);
    text->length += length;
    text->data[text->length] = '\0';
}

void rs_text_append_quoted(rs_text *text, const char *bytes, size_t length)
{
    rs_text_append(text, "\"", 1);
    for (size_t i = 0; i < length; i++) {
        if (bytes[i] == '"')
            rs_text_append(text, "\"", 1);
        rs_text_append(text, bytes + i, 1);
    }
    rs_text_append(text, "\"", 1);
}

char *rs_query_expression(const char *source)
{
    rs_query query;
    rs_query_parse(source, &query);
    rs_text text = {0};
    rs_text_append(&text, "", 0);
    for (size_t i = 0; i < query.count; i++) {
        if (i)
            rs_text_append(&text, " ", 1);
        rs_text_append_quoted(&text, query.words[i].text, query.words[i].length);
        if (query.words[i].prefix)
            rs_text_append(&text, "*", 1);
    }
    rs_query_clear(&query);
    return text.data;
}
