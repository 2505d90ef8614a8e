/*
 * UAX #9 with FriBidi (Debian libfribidi0). Why FriBidi: it is the
 * reference-conformant implementation GNOME, Pango and mpv use, packaged
 * in every Debian release, small (one C library, no data files), and it
 * keeps the steps apart the way this viewer needs them: levels for a whole
 * paragraph first, then reordering per line after the line breaker has
 * cut the logical text. ICU does the same but is 30 MB of data the viewer
 * has no other use for (README "Sorting" keeps ICU in the builder).
 *
 * FriBidi works on arrays of code points; the viewer on UTF-8 bytes. The
 * paragraph is decoded once and each character keeps its byte offset, so
 * runs come back as byte ranges of the caller's text.
 */
#include "bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "utf8.h"

struct rs_bidi {
    size_t count;            /* characters */
    size_t *offset;          /* count + 1: byte offset of each character, then the length */
    FriBidiCharType *types;  /* count */
    FriBidiLevel *levels;    /* count: as resolved for the paragraph */
    FriBidiLevel *work;      /* count: a line's copy, which fribidi_reorder_line changes (L1) */
    FriBidiStrIndex *map;    /* count: visual position -> logical index, per line */
    FriBidiParType base;
    bool failed;             /* FriBidi could not resolve: everything at the base level */
};

static bool is_rtl_codepoint(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x08FF) ||   /* Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic */
           (c >= 0xFB1D && c <= 0xFDFF) ||   /* Hebrew and Arabic presentation forms A */
           (c >= 0xFE70 && c <= 0xFEFF) ||   /* Arabic presentation forms B */
           (c >= 0x10800 && c <= 0x10FFF) || /* historic RTL scripts */
           (c >= 0x1E800 && c <= 0x1EFFF) || /* Adlam, Arabic mathematical letters */
           c == 0x200F || c == 0x061C ||     /* RLM, ALM */
           (c >= 0x202A && c <= 0x202E) ||   /* embeddings and overrides */
           (c >= 0x2066 && c <= 0x2069);     /* isolates */
}

bool rs_bidi_needed(const char *text, size_t length)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < length;) {
        if (s[i] < 0xD6) { /* below the lead byte of U+0590: nothing to look at */
            i++;
            continue;
        }
        uint32_t c;
        i += rs_utf8_decode(text + i, length - i, &c);
        if (is_rtl_codepoint(c))
            return true;
    }
    return false;
}

bool rs_bidi_language_rtl(const char *language)
{
    static const char *const rtl[] = {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"};
    if (!language)
        return false;
    size_t n = strcspn(language, "-_");
    for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
        if (n == strlen(rtl[i]) && strncmp(language, rtl[i], n) == 0)
            return true;
    return false;
}

/* Decodes text into b's characters, offsets and types. */
static void decode(rs_bidi *b, const char *text, size_t length, FriBidiChar **chars)
{
    size_t capacity = 0, count = 0;
    FriBidiChar *c = NULL;
    size_t offsets_capacity = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        rs_grow(&c, &capacity, count + 1, sizeof *c);
        rs_grow(&b->offset, &offsets_capacity, count + 2, sizeof *b->offset);
        c[count] = cp;
        b->offset[count++] = i;
        i += n;
    }
    rs_grow(&b->offset, &offsets_capacity, count + 1, sizeof *b->offset);
    b->offset[count] = length;
    b->count = count;
    b->types = rs_xcalloc(count ? count : 1, sizeof *b->types);
    if (count)
        fribidi_get_bidi_types(c, (FriBidiStrIndex)count, b->types);
    *chars = c;
}

rs_bidi_dir rs_bidi_direction(const char *text, size_t length, const char *language)
{
    bool rtl_language = rs_bidi_language_rtl(language);
    bool seen_ltr = false;
    int isolate = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        if (cp >= 0x2066 && cp <= 0x2068) { /* P2: skip what isolates hold */
            isolate++;
            continue;
        }
        if (cp == 0x2069) {
            isolate -= isolate > 0;
            continue;
        }
        if (isolate)
            continue;
        FriBidiCharType type = fribidi_get_bidi_type(cp);
        if (type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL)
            return RS_BIDI_RTL;
        if (type == FRIBIDI_TYPE_LTR) {
            if (!rtl_language)
                return RS_BIDI_LTR;
            seen_ltr = true;
        }
    }
    return rtl_language && !seen_ltr ? RS_BIDI_RTL : RS_BIDI_LTR;
}

rs_bidi *rs_bidi_create(const char *text, size_t length, rs_bidi_dir direction)
{
    rs_bidi *b = rs_xcalloc(1, sizeof *b);
    FriBidiChar *chars = NULL;
    decode(b, text, length, &chars);
    size_t n = b->count ? b->count : 1;
    b->levels = rs_xcalloc(n, sizeof *b->levels);
    b->work = rs_xcalloc(n, sizeof *b->work);
    b->map = rs_xcalloc(n, sizeof *b->map);
    b->base = direction == RS_BIDI_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (b->count) {
        FriBidiBracketType *brackets = rs_xcalloc(b->count, sizeof *brackets);
        fribidi_get_bracket_types(chars, (FriBidiStrIndex)b->count, b->types, brackets);
        FriBidiParType base = b->base;
        b->failed = fribidi_get_par_embedding_levels_ex(b->types, brackets, (FriBidiStrIndex)b->count, &base,
                                                        b->levels) == 0;
        free(brackets);
        if (b->failed)
            memset(b->levels, direction == RS_BIDI_RTL, b->count * sizeof *b->levels);
    }
    free(chars);
    return b;
}

void rs_bidi_destroy(rs_bidi *b)
{
    if (!b)
        return;
    free(b->offset);
    free(b->types);
    free(b->levels);
    free(b->work);
    free(b->map);
    free(b);
}

/* The character index at byte offset (the first at or after it). */
static size_t char_at(const rs_bidi *b, size_t offset)
{
    size_t lo = 0, hi = b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->offset[mid] < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void push_run(rs_bidi_run **runs, size_t *capacity, size_t *count, size_t start, size_t end, int level)
{
    rs_grow(runs, capacity, *count + 1, sizeof **runs);
    (*runs)[(*count)++] = (rs_bidi_run){start, end - start, level};
}

size_t rs_bidi_line_runs(rs_bidi *b, size_t start, size_t length, rs_bidi_run **runs, size_t *capacity)
{
    size_t first = char_at(b, start), last = char_at(b, start + length);
    if (last <= first)
        return 0;
    size_t n = last - first;
    memcpy(b->work + first, b->levels + first, n * sizeof *b->work);
    for (size_t i = first; i < last; i++)
        b->map[i] = (FriBidiStrIndex)i;
    /* No flags: marks stay after their bases in logical order, since each
     * run is shaped in logical order and the shaper places them. */
    if (!b->failed && fribidi_reorder_line(0, b->types, (FriBidiStrIndex)n, (FriBidiStrIndex)first, b->base,
                                           b->work, NULL, b->map) == 0) {
        for (size_t i = first; i < last; i++)
            b->map[i] = (FriBidiStrIndex)i;
    }
    /* Consecutive visual positions of one level whose logical indices run
     * on (up for even levels, down for odd) form one run. */
    size_t count = 0;
    size_t v = first;
    while (v < last) {
        size_t lo = (size_t)b->map[v], hi = lo;
        int level = b->work[lo];
        size_t w = v + 1;
        while (w < last) {
            size_t next = (size_t)b->map[w];
            if (b->work[next] != level)
                break;
            if (level % 2 == 0 && next == hi + 1)
                hi = next;
            else if (level % 2 == 1 && next + 1 == lo)
                lo = next;
            else
                break;
            w++;
        }
        push_run(runs, capacity, &count, b->offset[lo], b->offset[hi + 1], level);
        v = w;
    }
    return count;
}

uint32_t rs_bidi_mirror(uint32_t codepoint)
{
    FriBidiChar mirrored;
    return fribidi_get_mirror_char(codepoint, &mirrored) ? mirrored : codepoint;
}

char *rs_bidi_visual(const char *text, size_t length, rs_bidi_dir direction)
{
    rs_bidi *b = rs_bidi_create(text, length, direction);
    rs_bidi_run *runs = NULL;
    size_t capacity = 0;
    size_t count = rs_bidi_line_runs(b, 0, length, &runs, &capacity);
    char *out = rs_xmalloc(length * 3 + 1); /* an invalid byte comes out as U+FFFD, 3 bytes */
    size_t o = 0;
    for (size_t r = 0; r < count; r++) {
        const rs_bidi_run *run = &runs[r];
        if (run->level % 2 == 0) {
            memcpy(out + o, text + run->start, run->length);
            o += run->length;
            continue;
        }
        for (size_t i = char_at(b, run->start + run->length); i > char_at(b, run->start); i--) {
            uint32_t cp;
            rs_utf8_decode(text + b->offset[i - 1], b->offset[i] - b->offset[i - 1], &cp);
            o += rs_utf8_encode(rs_bidi_mirror(cp), out + o);
        }
    }
    out[o] = '\0';
    free(runs);
    rs_bidi_destroy(b);
    return out;
}
