/* Paragraph line breaking for Rostrum: UAX #14 opportunities (libunibreak) + greedy fill.
 *
 * Pixel-free: text is measured through rs_text_measure, so this module knows
 * nothing about fonts or SDL, and tests can use a fake measure.
 *
 * NOTE: this header deliberately does not use the include guard LINEBREAK_H,
 * which belongs to libunibreak's own <linebreak.h>.  Because this file has the
 * same name, a translation unit compiled with -I<app> that writes
 * #include <linebreak.h> gets THIS header, not libunibreak's. */
#ifndef RS_WRAP_H
#define RS_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* Measures the advance width in px of text[0..length) in a given style (font, size); text is valid UTF-8.
 * Called only with length > 0, with ranges inside the paragraph being broken (which may hold invalid bytes if
 * the paragraph does) or, by rs_break_lines_limited, with the 3-byte UTF-8 ellipsis "…" in static storage.
 * Must be deterministic for equal (style, bytes); a negative result is treated as 0.  The pointers are only
 * valid during the call. */
typedef struct rs_text_measure {
    void *context;
    int (*width)(void *context, int style, const char *text, size_t length);
} rs_text_measure;

typedef struct rs_line {
    size_t start;   /* byte offset of the line in the paragraph */
    size_t length;  /* bytes of the line to draw: without trailing white space and without the line-ending newline */
    int width;      /* measured width of those bytes */
} rs_line;

typedef struct rs_line_list { rs_line *lines; size_t count, capacity; } rs_line_list;

/* Breaks text[0..length) (valid UTF-8) into lines no wider than max_width px.
 * language: BCP 47 tag or NULL ("zh", "ja", "ko" tailor CJK rules in libunibreak).
 * Appends lines to out (grows it; caller frees out->lines with rs_line_list_free). Returns the number of lines appended.
 *
 * Guarantees:
 *  - Lines are appended in text order, never overlap, and never split a UTF-8 sequence or (see below) a grapheme
 *    cluster.  Every byte that is not white space or a line terminator lies in exactly one line.
 *  - Lines end only at UAX #14 opportunities (libunibreak) that are not inside a grapheme cluster, except that a
 *    piece of text with no opportunity which is wider than max_width on a line of its own is split at grapheme
 *    cluster boundaries.  That split still never starts a line with closing punctuation or another non-starter
 *    (。，、）」!?.) nor ends one after an opening bracket, and every line holds at least one cluster: max_width <= 0
 *    gives about one cluster per line, never a loop or an empty line for visible text.
 *  - width is the measure of exactly [start, start+length) (0 for an empty line) and is <= max_width unless the
 *    line cannot be cut shorter (a single cluster plus what is glued to it: following non-starters, or paragraph
 *    indentation before it).
 *  - Mandatory breaks ("\n", "\r\n", "\r", VT, FF, U+0085, U+2028, U+2029) end a line; "\n\n" yields an empty line
 *    (length 0, width 0) between its neighbours; a final terminator does not start an extra line.
 *    Non-empty text always yields >= 1 line (text of only spaces yields one empty line); empty text yields none.
 *  - White space stripped at line ends: U+0020, U+0009, U+3000 and the terminators above.  Leading white space of
 *    a paragraph (indentation) is kept and counts toward width.
 *  - Invalid UTF-8 is tolerated: each bad byte is treated as one opaque character; nothing is read outside
 *    text[0..length).  NULL text/measure/out, or length 0, append nothing.
 *  - Running out of memory stops the program (expect.h's one out-of-memory path); nothing else fails.
 * Thread safety: reentrant; one-time library initialisation is done with call_once.
 * Ownership: text and measure are borrowed for the duration of the call; out->lines is owned by the caller. */
size_t rs_break_lines(const char *text, size_t length, const char *language, int max_width,
                      const rs_text_measure *measure, int style, rs_line_list *out);

/* Like rs_break_lines but keeps at most max_lines lines; if text does not fit, the last kept line is shortened
 * (at a grapheme boundary, trailing spaces dropped) so that it plus the ellipsis "…" fits, and *truncated is set.
 * The ellipsis is not part of the line's bytes: the caller draws "…" after the line; width includes the ellipsis.
 *
 * Details: "does not fit" means visible content (anything but white space and terminators) remains after the
 * max_lines-th line; trailing blank lines alone do not cause truncation.  The shortened line's width is
 * measure(kept bytes) + measure("…"); if not even one cluster fits beside the ellipsis, the line keeps 0 bytes and
 * its width is the ellipsis width alone (which may exceed max_width).  max_lines == 0 appends nothing and sets
 * *truncated when length > 0.  truncated may be NULL; otherwise it is always written (0 when nothing was cut). */
size_t rs_break_lines_limited(const char *text, size_t length, const char *language, int max_width, size_t max_lines,
                              const rs_text_measure *measure, int style, rs_line_list *out, int *truncated);

/* Frees list->lines and resets the list to empty (count = capacity = 0); safe on an already empty list or NULL. */
void rs_line_list_free(rs_line_list *list);

/* The next paragraph of text[0..length) from *at: its bytes [*from, *to),
 * with *at moved past it and the newlines after it; false when none is
 * left. A paragraph ends at a blank line (two newlines or more): the reader
 * lays out, Listen reads and spoken navigation steps by these same
 * paragraphs. */
bool rs_paragraph_next(const char *text, size_t length, size_t *at, size_t *from, size_t *to);

#endif /* RS_WRAP_H */
