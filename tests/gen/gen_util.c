/* gen_corpus's output buffer, the parts that are not inline (gen_util.h). */
#include "gen_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void out_of_memory(void)
{
    fputs("gen_corpus: out of memory\n", stderr);
    exit(1);
}

void buffer_grow(buffer *b, size_t more)
{
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (capacity < b->length + more)
        capacity *= 2;
    b->data = realloc(b->data, capacity);
    if (!b->data)
        out_of_memory();
    b->capacity = capacity;
}

void printf_(buffer *b, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsnprintf(NULL, 0, format, args);
    va_end(args);
    reserve(b, (size_t)n + 1);
    va_start(args, format);
    vsnprintf(b->data + b->length, (size_t)n + 1, format, args);
    va_end(args);
    b->length += (size_t)n;
}

size_t code_points(const char *text, size_t length)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

char *xstrdup(const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        out_of_memory();
    return copy;
}
