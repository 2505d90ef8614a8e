/*
 * Bidi: the Unicode Bidirectional Algorithm (UAX #9) for a paragraph of
 * UTF-8 text, with FriBidi, and nothing else: no fonts, no pixels, no SDL.
 *
 * Text is kept in logical order everywhere (the bundle, the line breaker,
 * the caches); only drawing needs the visual order. A paragraph's embedding
 * levels are resolved once for the whole paragraph (rs_bidi_create), then
 * each line the line breaker cut from it is reordered on its own
 * (rs_bidi_line_runs, FriBidi's fribidi_reorder_line: rules L1 and L2), so
 * that a line break never changes which words belong together. A run is a
 * stretch of one level, in logical order inside; odd levels are drawn right
 * to left (the shaper reverses their glyphs and mirrors their brackets).
 */
#ifndef RS_BIDI_H
#define RS_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum rs_bidi_dir { RS_BIDI_LTR, RS_BIDI_RTL } rs_bidi_dir;

/* One run of a line: bytes [start, start + length) of the paragraph, all
 * at one embedding level (odd: right to left). */
typedef struct rs_bidi_run {
    size_t start, length;
    int level;
} rs_bidi_run;

typedef struct rs_bidi rs_bidi;

/* Whether text[0..length) may need reordering at all: it holds a
 * right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko...), an Arabic
 * number sign or a bidi control. False means every character is drawn left
 * to right in logical order, and callers skip the rest of this module. */
bool rs_bidi_needed(const char *text, size_t length);

/* Whether a BCP 47 language tag names a language written right to left
 * (ar, he, fa, ur, ps, yi, dv, ckb, sd, ug, iw); NULL: false. */
bool rs_bidi_language_rtl(const char *language);

/* The paragraph direction of text[0..length): UAX #9 rules P2 and P3 (the
 * first strong letter, skipping isolates) when language is NULL or written
 * left to right. A right-to-left language (a statement's tag) makes the
 * paragraph RTL unless it holds left-to-right letters and no right-to-left
 * ones (an English quotation inside an Arabic statement stays LTR); this is
 * UAX #9's HL1, the higher-level protocol, since an Arabic statement that
 * opens with "Microsoft" is still read from the right. No strong letter at
 * all: RTL for a right-to-left language, else LTR. */
rs_bidi_dir rs_bidi_direction(const char *text, size_t length, const char *language);

/* Resolves the embedding levels of the paragraph text[0..length) (UTF-8;
 * invalid bytes count as U+FFFD) in direction. The text is borrowed: it
 * must stay unchanged while the result is used. Free with rs_bidi_destroy. */
rs_bidi *rs_bidi_create(const char *text, size_t length, rs_bidi_dir direction);
void rs_bidi_destroy(rs_bidi *bidi);

/* The runs of the line [start, start + length) (byte offsets into the
 * paragraph, on character boundaries) in visual order, left to right, into
 * *runs (grown with rs_grow; the caller frees it). Returns their number:
 * 0 for an empty line. Trailing white space of the line takes the
 * paragraph's level (rule L1). */
size_t rs_bidi_line_runs(rs_bidi *bidi, size_t start, size_t length, rs_bidi_run **runs, size_t *capacity);

/* The character drawn for codepoint in right-to-left text: its mirror
 * image when Unicode gives one ("(" for ")", "»" for "«"), else itself. */
uint32_t rs_bidi_mirror(uint32_t codepoint);

/* The line text[0..length), a paragraph of its own in direction, in visual
 * order as UTF-8 (right-to-left runs reversed by character, their mirrored
 * characters mirrored): what a reader sees, left to right. For tests and
 * logs. Caller frees. */
char *rs_bidi_visual(const char *text, size_t length, rs_bidi_dir direction);

#endif
