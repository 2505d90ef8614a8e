#include "strbuf.h"

#include <stdio.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

void rs_strbuf_append(rs_strbuf *buffer, const char *bytes, size_t length)
{
    RS_EXPECT(length < SIZE_MAX - buffer->length);
    rs_grow(&buffer->data, &buffer->capacity, buffer->length + length + 1, 1);
    if (length)
        memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

void rs_strbuf_append_quoted(rs_strbuf *buffer, const char *bytes, size_t length)
{
    rs_strbuf_append(buffer, "\"", 1);
    for (size_t i = 0; i < length; i++) {
        if (bytes[i] == '"')
            rs_strbuf_append(buffer, "\"", 1);
        rs_strbuf_append(buffer, bytes + i, 1);
    }
    rs_strbuf_append(buffer, "\"", 1);
}

void rs_strbuf_clear(rs_strbuf *buffer)
{
    free(buffer->data);
    memset(buffer, 0, sizeof *buffer);
}

const char *rs_format_count(unsigned long long value, char out[32])
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", value);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}
