#include "search_query.h"

#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "strbuf.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void rs_search_query_parse(const char *text, rs_search_query *out)
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
        rs_grow(&out->words, &capacity, out->count + 1, sizeof *out->words);
        out->words[out->count++] = (rs_search_word){start, length, prefix};
    }
}

void rs_search_query_clear(rs_search_query *query)
{
    free(query->words);
    memset(query, 0, sizeof *query);
}

char *rs_search_query_expression(const char *source)
{
    rs_search_query query;
    rs_search_query_parse(source, &query);
    rs_strbuf expression = {0};
    rs_strbuf_append(&expression, "", 0);
    for (size_t i = 0; i < query.count; i++) {
        if (i)
            rs_strbuf_append(&expression, " ", 1);
        rs_strbuf_append_quoted(&expression, query.words[i].text, query.words[i].length);
        if (query.words[i].prefix)
            rs_strbuf_append(&expression, "*", 1);
    }
    rs_search_query_clear(&query);
    return expression.data;
}
