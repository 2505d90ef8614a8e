/*
 * A visitor's search query, as both sides read it: the query layer when
 * searching and highlighting, the builder when it counts what a suggestion
 * finds. One reading, so that a suggestion's count is what a tap on it finds.
 *
 * A query is words separated by white space; every word must match. A word
 * is searched as a quoted FTS5 string, so nothing a visitor types is FTS5
 * syntax (OR, NOT, NEAR, column filters, quotes). One or more '*' at the end
 * of a word make it a prefix ("hack*" finds hackers and hacking); a '*'
 * anywhere else is punctuation.
 */
#ifndef RS_QUERY_H
#define RS_QUERY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_query_word {
    const char *text; /* into the query, without the trailing '*'s */
    size_t length;
    bool prefix;
} rs_query_word;

typedef struct rs_query {
    rs_query_word *words;
    size_t count;
} rs_query;

/* Splits text into words. Never fails; an empty query has no words. The
 * words point into text, which must outlive the result. */
void rs_query_parse(const char *text, rs_query *out);
void rs_query_clear(rs_query *query);

/* A growing string. */
typedef struct rs_text {
    char *data;
    size_t length, capacity;
} rs_text;

void rs_text_append(rs_text *text, const char *bytes, size_t length);
/* Appends bytes as an FTS5 string: in double quotes, quotes doubled. */
void rs_text_append_quoted(rs_text *text, const char *bytes, size_t length);

/* The FTS5 expression for a whole query: each word quoted, prefix words
 * followed by '*', separated by spaces (AND). Caller frees. */
char *rs_query_expression(const char *text);

#endif
