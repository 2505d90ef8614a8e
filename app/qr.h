/*
 * A QR code for a text (a statement's source URL), as a matrix of modules:
 * what a phone's camera reads to take the source home (issue 16).
 *
 * libqrencode (Debian libqrencode-dev) encodes the text's bytes as they are
 * (8-bit mode, so a URL's case and every byte survive) at error correction
 * level M (15 % of the code may be lost: a smudged screen, a glare), in the
 * smallest version that holds it, up to RS_QR_MAX_VERSION. A text that
 * needs more gets no code: a code too dense to draw with modules of a few
 * pixels at 800x480 would not be read from a kiosk's screen.
 *
 * No pixels here: rs_qr_rects turns the dark modules into rectangles for
 * the layout (layout_qr.c) to draw.
 */
#ifndef RS_QR_H
#define RS_QR_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"

/* The light margin a reader needs around the code, in modules (ISO/IEC
 * 18004: 4). */
#define RS_QR_QUIET 4
/* Version 10 (57 modules a side) holds 213 bytes at level M: any URL a
 * curator should print; at 4 px a module it is 260 px with its margin. */
#define RS_QR_MAX_VERSION 10

typedef struct rs_qr rs_qr;

/* The code for text, or NULL when text is NULL, empty, or too long for
 * RS_QR_MAX_VERSION (or libqrencode fails). The caller destroys it; it
 * keeps its own copy of text. */
rs_qr *rs_qr_create(const char *text);
void rs_qr_destroy(rs_qr *qr);

/* The text it encodes (its own copy), its version (1..40) and its size in
 * modules a side, without the quiet zone (17 + 4 x version). */
const char *rs_qr_text(const rs_qr *qr);
int rs_qr_version(const rs_qr *qr);
int rs_qr_size(const rs_qr *qr);
/* Whether the module in column x, row y (0..size-1) is dark. */
bool rs_qr_dark(const rs_qr *qr, int x, int y);

/* The dark modules as rectangles of whole modules, module px a side, the
 * code's top-left module at (x, y): each row's runs of dark modules merged
 * into one rectangle. Fills *rects (grown with rs_grow; the caller frees
 * it) and returns how many. */
size_t rs_qr_rects(const rs_qr *qr, int x, int y, int module, rs_rect **rects, size_t *capacity);

#endif
