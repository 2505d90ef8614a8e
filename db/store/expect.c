#include "expect.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rs_expect_failed(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: broken invariant: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

void rs_out_of_memory(const char *file, int line)
{
    /* No allocation here: fputs of constant text and a number. */
    fprintf(stderr, "%s:%d: out of memory\n", file, line);
    fflush(stderr);
    abort();
}

void *rs_xmalloc_at(size_t n, const char *file, int line)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        rs_out_of_memory(file, line);
    return p;
}

void *rs_xcalloc_at(size_t count, size_t size, const char *file, int line)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        rs_out_of_memory(file, line);
    return p;
}

void *rs_xrealloc_at(void *p, size_t n, const char *file, int line)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        rs_out_of_memory(file, line);
    return q;
}

char *rs_xstrdup_at(const char *s, const char *file, int line)
{
    return rs_xstrndup_at(s, strlen(s), file, line);
}

char *rs_xasprintf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    RS_EXPECT(n >= 0);
    char *text = rs_xmalloc((size_t)n + 1);
    va_start(args, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, args);
    va_end(args);
    return text;
}

char *rs_xstrndup_at(const char *s, size_t n, const char *file, int line)
{
    size_t length = strnlen(s, n);
    char *copy = rs_xmalloc_at(length + 1, file, line);
    memcpy(copy, s, length);
    copy[length] = '\0';
    return copy;
}

void rs_grow_at(void **items, size_t *capacity, size_t needed, size_t item_size, const char *file, int line)
{
    if (needed <= *capacity)
        return;
    size_t grown = *capacity ? *capacity : 8;
    while (grown < needed) {
        if (grown > SIZE_MAX / 2)
            rs_out_of_memory(file, line);
        grown *= 2;
    }
    if (item_size && grown > SIZE_MAX / item_size)
        rs_out_of_memory(file, line);
    *items = rs_xrealloc_at(*items, grown * item_size, file, line);
    *capacity = grown;
}
