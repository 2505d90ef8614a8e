/* UTF-8 checking and decoding, shared by the builder and the viewer. */
#ifndef RS_UTF8_H
#define RS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if text[0..length) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). On false, *bad_offset (if not NULL) receives the
 * byte offset of the first byte that is not part of a valid sequence. */
bool rs_utf8_valid(const char *text, size_t length, size_t *bad_offset);

/* Decodes one code point at text[0..length). Returns the number of bytes
 * consumed (at least 1 when length > 0). An invalid or truncated sequence
 * yields U+FFFD and consumes exactly one byte, so a caller always advances. */
size_t rs_utf8_decode(const char *text, size_t length, uint32_t *codepoint);

/* Encodes codepoint (at most U+10FFFF) into out in its shortest form;
 * returns its bytes (1..4). */
size_t rs_utf8_encode(uint32_t codepoint, char out[4]);

#endif
