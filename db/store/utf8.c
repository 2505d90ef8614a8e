#include "utf8.h"

size_t rs_utf8_decode(const char *text, size_t length, uint32_t *codepoint)
{
    const unsigned char *s = (const unsigned char *)text;
    if (length == 0) {
        *codepoint = 0xFFFD;
        return 0;
    }
    unsigned char lead = s[0];
    size_t need;
    uint32_t cp, min;
    if (lead < 0x80) {
        *codepoint = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1, cp = lead & 0x1Fu, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2, cp = lead & 0x0Fu, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3, cp = lead & 0x07u, min = 0x10000;
    } else {
        *codepoint = 0xFFFD;
        return 1;
    }
    if (length < need + 1) {
        *codepoint = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0u) != 0x80u) {
            *codepoint = 0xFFFD;
            return 1;
        }
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *codepoint = 0xFFFD;
        return 1;
    }
    *codepoint = cp;
    return need + 1;
}

bool rs_utf8_valid(const char *text, size_t length, size_t *bad_offset)
{
    size_t i = 0;
    while (i < length) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        /* A literal U+FFFD in the text decodes to 3 bytes; an error to 1. */
        if (cp == 0xFFFD && n == 1) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

/* The shortest form, which rs_utf8_valid accepts and rs_utf8_decode reads back. */
size_t rs_utf8_encode(uint32_t c, char out[4])
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}
