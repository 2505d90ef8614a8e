/*
 * Labels that must fit (layout_private.h, "layout_fit.c"): a text cut to a
 * width at a word with "…", or wrapped into a few lines broken only between
 * words (UAX #14 through wrap.c; CJK between characters), as the timeline's
 * incident names and mark labels need.
 */
#include <string.h>

#include "layout_private.h"

/* Every piece of text measures 1 px: broken at width 1, a text's lines are
 * then exactly its UAX #14 pieces (its words; CJK's characters). */
static int unit_width(void *context, int style, const char *text, size_t length)
{
    (void)context, (void)style, (void)text;
    return length > 0;
}

static const rs_text_measure unit_measure = {NULL, unit_width};

/* layout_private.h */
void rs_layout_split_words(const char *text, rs_line_list *words)
{
    words->count = 0;
    rs_break_lines(text, strlen(text), NULL, 1, &unit_measure, RS_STYLE_SECONDARY, words);
}

/* Whether a word of words ends at byte end. */
static bool ends_word(const rs_line_list *words, size_t end)
{
    for (size_t i = 0; i < words->count; i++)
        if (words->lines[i].start + words->lines[i].length == end)
            return true;
    return false;
}

/* text cut to width with "…" when it does not fit: the bytes kept, and
 * whether the ellipsis follows; 0 bytes and no ellipsis when not even
 * that fits. The cut keeps whole words and then as many of the next
 * word's grapheme clusters as fit (wrap.c splits a piece with no break
 * opportunity at clusters), so a one-line label shows all it can. */
size_t rs_layout_fit_text(rs_layout *l, rs_line_list *words, rs_text_style style, const char *text, int width, bool *cut,
                          int *shown_w)
{
    size_t length = strlen(text);
    *cut = false;
    *shown_w = 0;
    int w = text_width(l, style, text, length);
    if (w <= width) {
        *shown_w = w;
        return length;
    }
    int ell = text_width(l, style, "…", strlen("…"));
    if (width < 2 * ell)
        return 0;
    rs_layout_split_words(text, words);
    /* The most words that fit (widths grow with the count: binary search). */
    size_t lo = 0, hi = words->count, kept = 0; /* words [0, lo) fit, [hi, count) do not */
    int kept_w = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t end = words->lines[mid].start + words->lines[mid].length;
        int ew = end ? text_width(l, style, text, end) : 0;
        if (ew + ell <= width)
            lo = mid + 1, kept = end, kept_w = ew;
        else
            hi = mid;
    }
    if (lo < words->count) {
        /* The first word that does not fit: as much of it as does. */
        const rs_line *word = &words->lines[lo];
        int before = word->start ? text_width(l, style, text, word->start) : 0;
        int avail = width - ell - before;
        if (avail > 0 && word->length > 0) {
            l->scratch.count = 0;
            rs_break_lines(text + word->start, word->length, NULL, avail, &l->measure, (int)style, &l->scratch);
            size_t part = l->scratch.count ? l->scratch.lines[0].length : 0;
            int pw = part ? text_width(l, style, text, word->start + part) : 0;
            if (part && part < word->length && pw + ell <= width)
                kept = word->start + part, kept_w = pw;
        }
    }
    if (kept == 0)
        return 0;
    *cut = true;
    *shown_w = kept_w + ell;
    return kept;
}

/* Draws text (cut to width) with its top-left at (x, y); its width. */
int rs_layout_draw_fitted(rs_layout *l, rs_line_list *words, rs_draw_list *out, int x, int y, rs_text_style style,
                          rs_color color, const char *text, int width)
{
    bool cut;
    int w;
    size_t kept = rs_layout_fit_text(l, words, style, text, width, &cut, &w);
    if (!kept)
        return 0;
    rs_draw_text(out, x, y, style, color, text, kept);
    if (cut)
        rs_draw_text(out, x + text_width(l, style, text, kept), y, style, color, "…", strlen("…"));
    return w;
}

/* text in at most max_lines lines of width, one every lh px from (x, y),
 * broken only between words (UAX #14): a word wider than width ends the
 * text there, cut with "…", as does the last line when more is left; the
 * lines drawn. */
int rs_layout_draw_wrapped(rs_layout *l, rs_line_list *words, rs_draw_list *out, int x, int y, rs_color color,
                           const char *text, int width, int lh, int max_lines)
{
    size_t length = strlen(text), pos = 0;
    rs_layout_split_words(text, words);
    int n = 0;
    while (pos < length && n < max_lines) {
        l->scratch.count = 0;
        rs_break_lines(text + pos, length - pos, NULL, width, &l->measure, RS_STYLE_SECONDARY, &l->scratch);
        if (!l->scratch.count)
            break;
        rs_line line = l->scratch.lines[0];
        bool more = l->scratch.count > 1;
        size_t next = more ? pos + l->scratch.lines[1].start : length;
        int truncated = 0;
        if (more && (n + 1 == max_lines || !ends_word(words, pos + line.start + line.length))) {
            l->scratch.count = 0;
            rs_break_lines_limited(text + pos, length - pos, NULL, width, 1, &l->measure, RS_STYLE_SECONDARY,
                                   &l->scratch, &truncated);
            line = l->scratch.lines[0];
            next = length;
        }
        const char *shown = text + pos + line.start;
        rs_draw_text(out, x, y + n * lh, RS_STYLE_SECONDARY, color, shown, line.length);
        if (truncated)
            rs_draw_text(out, x + (line.length ? text_width(l, RS_STYLE_SECONDARY, shown, line.length) : 0),
                         y + n * lh, RS_STYLE_SECONDARY, color, "…", strlen("…"));
        n++;
        pos = next;
    }
    return n;
}

