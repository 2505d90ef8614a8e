/*
 * A growing byte string, always NUL-terminated once anything (even "") has
 * been appended. A small value struct, embedded where it is used: zero it
 * to start, rs_strbuf_clear to free.
 */
#ifndef RS_STRBUF_H
#define RS_STRBUF_H

#include <stddef.h>

typedef struct rs_strbuf {
    char *data; /* NULL until the first append; owned */
    size_t length, capacity;
} rs_strbuf;

/* Appends bytes[0..length) (which may hold any byte) and keeps data
 * NUL-terminated. Grows geometrically; never fails (out of memory stops). */
void rs_strbuf_append(rs_strbuf *buffer, const char *bytes, size_t length);

/* Appends bytes as an FTS5 string: in double quotes, quotes doubled. */
void rs_strbuf_append_quoted(rs_strbuf *buffer, const char *bytes, size_t length);

/* value with a comma between thousands ("1,245,184"), as every message
 * for a curator or an operator writes numbers (not the visitor's language:
 * app/i18n.c formats those). Returns out. */
const char *rs_format_count(unsigned long long value, char out[32]);

/* Frees the data and zeroes the buffer, ready for use again. */
void rs_strbuf_clear(rs_strbuf *buffer);

#endif
