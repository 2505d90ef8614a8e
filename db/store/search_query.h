/*
 * A visitor's search query, as both sides read it: the query layer when
 * searching and highlighting, the builder when it counts what a suggestion
 * finds. One reading, so that a suggestion's count is what a tap on it finds.
 *
 * A query is words separated by white space (space, tab, CR, LF); every
 * word must match. A word is searched as a quoted FTS5 string, so nothing a
 * visitor types is FTS5 syntax (OR, NOT, NEAR, column filters, quotes). One
 * or more '*' at the end of a word make it a prefix ("hack*" finds hackers
 * and hacking); a '*' anywhere else is punctuation. Splitting knows no
 * scripts: a run of Chinese without spaces is one word here, and the
 * tokenizer cuts it later.
 */
#ifndef RS_SEARCH_QUERY_H
#define RS_SEARCH_QUERY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_search_word {
    const char *text; /* into the query, without the trailing '*'s */
    size_t length;
    bool prefix;
} rs_search_word;

typedef struct rs_search_query {
    rs_search_word *words; /* owned; NULL when there are none */
    size_t count;
} rs_search_query;

/* Splits text into words. Never fails; an empty query has no words. The
 * words point into text, which must outlive the result. Release with
 * rs_search_query_clear. */
void rs_search_query_parse(const char *text, rs_search_query *out);
void rs_search_query_clear(rs_search_query *query);

/* The FTS5 expression for a whole query: each word quoted, prefix words
 * followed by '*', separated by spaces (AND); "" for no words. Caller
 * frees. */
char *rs_search_query_expression(const char *text);

#endif
