/* Paragraph line breaking for Rostrum.
 *
 * Why it is built this way
 * ------------------------
 * Where a line MAY end is a Unicode question (UAX #14), answered by libunibreak,
 * so Chinese and Japanese wrap between ideographs while 。，、）」 never begin a
 * line, URLs break after slashes, and so on.  Where a line SHOULD end is a
 * pixel question, answered by the caller's measure callback.  Keeping the two
 * apart lets this file stay free of SDL and lets the tests run with a fake
 * font.
 *
 * Measuring is the expensive part (a real measure shapes glyphs), so the fill
 * is greedy and incremental: text is cut into "pieces", each running from one
 * break opportunity to the next.  Each piece's visible body is measured once,
 * and a line's width is estimated by adding up its pieces and the gaps between
 * them.  Measuring "the rest of the paragraph" for every candidate would cost
 * O(words^2) calls.  Fonts are not perfectly additive (kerning, per-call
 * rounding), so the chosen line is then measured once exactly.  Only if that
 * exact width overflows does a binary search over the line's earlier
 * candidate ends start, which costs O(log pieces) extra calls.
 *
 * A piece with no break opportunity that is wider than the whole line (a long
 * URL, a run of Thai text, a tiny max_width) is split at grapheme cluster
 * boundaries: a user-perceived character is never cut, and every line takes
 * at least one cluster, so the loop always makes progress.  libunibreak 1.1
 * has no grapheme API (no <graphemebreak.h>), so a reduced UAX #29 is done
 * here.  It covers combining marks (libunibreak's own CM class data), ZWJ
 * (emoji ZWJ) sequences, emoji modifiers, variation selectors, flag pairs, Hangul jamo
 * and CR LF.  The same test removes break opportunities that libunibreak's
 * Unicode 6.2 data would allow inside a cluster (between 👍 and its skin-tone
 * modifier, or after a ZWJ).
 *
 * libunibreak 1.1 as shipped in Debian has its assert()s compiled in.  It
 * aborts the whole process on U+FFFF (its internal end-of-string value) and on
 * any regional indicator (flag emoji: its pair table has no row for them), and
 * it leaves the break array unset for some invalid UTF-8.  So it never sees
 * the caller's bytes directly when they contain such things: it gets a copy of
 * the same length with those replaced.  All offsets therefore stay the same,
 * and every other decision here is taken on the original bytes.
 */
#include "wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "expect.h"
#include "utf8.h"

#include <linebreak.h>
#include <linebreakdef.h> /* enum LineBreakClass, lb_prop_default (CM data for clusters) */

/* A piece whose body is longer than this is split cluster by cluster as soon as
 * it starts a line, rather than measured whole first; otherwise each line of a
 * huge unbreakable run would re-measure the whole remaining run. */
#define RS_LONG_PIECE 64

#define RS_BAD_CP 0xFFFFFFFFu /* an invalid byte, decoded as an opaque one-byte character */

static const char rs_ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */

static once_flag rs_init_flag = ONCE_FLAG_INIT;
static size_t rs_lb_table_size; /* entries in lb_prop_default before its LBP_Undefined sentinel */
static enum LineBreakClass rs_lb_ascii[128]; /* the classes of U+0000..U+007F, looked up once */

static enum LineBreakClass rs_lb_search(uint32_t c);

static void rs_init_once(void)
{
    size_t n = 0;

    init_linebreak();
    while (lb_prop_default[n].prop != LBP_Undefined)
        n++;
    rs_lb_table_size = n;
    for (uint32_t c = 0; c < 128; c++)
        rs_lb_ascii[c] = rs_lb_search(c);
}

/* ---- UTF-8 ------------------------------------------------------------------------------------------- */

/* Decodes the character at s[i] (i < n) with the project's strict decoder: returns its length and code point,
 * or 1 and RS_BAD_CP for a byte that does not start a complete, shortest-form, non-surrogate sequence ending at
 * or before n.  rs_utf8_decode gives such a byte as U+FFFD; a real U+FFFD in the text takes 3 bytes, so the two
 * stay apart: a bad byte is a control for clusters and a letter for libunibreak, a real U+FFFD is a character. */
static size_t rs_decode(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t k = rs_utf8_decode((const char *)s + i, n - i, cp);

    if (k == 1 && *cp == 0xFFFD)
        *cp = RS_BAD_CP;
    return k;
}

/* Decodes the character that ends at pos (0 < pos), consistent with decoding forward from offset 0. */
static size_t rs_decode_before(const unsigned char *s, size_t pos, uint32_t *cp)
{
    size_t k;

    for (k = 2; k <= 4 && k <= pos; k++) {
        if (rs_decode(s, pos, pos - k, cp) == k)
            return k;
    }
    return rs_decode(s, pos, pos - 1, cp);
}

static int rs_is_ri(uint32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

/* White space dropped at the end of a line (it "hangs" past the edge and is not drawn). */
static int rs_is_strip(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 ||
           c == 0x2028 || c == 0x2029 || c == 0x3000;
}

/* ---- grapheme clusters (reduced UAX #29) ------------------------------------------------------------- */

static enum LineBreakClass rs_lb_search(uint32_t c)
{
    size_t lo = 0, hi = rs_lb_table_size;

    while (lo < hi) { /* first entry with start > c */
        size_t mid = lo + (hi - lo) / 2;
        if (lb_prop_default[mid].start <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && c <= lb_prop_default[lo - 1].end)
        return lb_prop_default[lo - 1].prop;
    return LBP_XX;
}

/* UAX #14's class of c (after rs_init_once). */
static enum LineBreakClass rs_lb_class(uint32_t c)
{
    return c < 128 ? rs_lb_ascii[c] : rs_lb_search(c);
}

static int rs_is_control(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == RS_BAD_CP;
}

static int rs_is_extend(uint32_t c)
{
    if (c < 0x300 || c == RS_BAD_CP)
        return 0;
    if (c == 0x200C || c == 0x200D)       /* ZWNJ, ZWJ */
        return 1;
    if (c >= 0x1F3FB && c <= 0x1F3FF)     /* emoji skin-tone modifiers: newer than libunibreak 1.1's data */
        return 1;
    if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) /* variation selectors */
        return 1;
    if (c >= 0xE0020 && c <= 0xE007F)     /* tags (subdivision flags) */
        return 1;
    return rs_lb_class(c) == LBP_CM;      /* combining marks; below U+0300 CM means C0/C1 controls */
}

/* Approximates Extended_Pictographic (emoji and pictographs), which GB11 joins across a ZWJ. */
static int rs_is_pictographic(uint32_t c)
{
    if (c >= 0x1F000 && c <= 0x1FFFD)
        return !rs_is_ri(c) && !(c >= 0x1F3FB && c <= 0x1F3FF);
    return c == 0xA9 || c == 0xAE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 ||
           (c >= 0x2194 && c <= 0x21AA) || (c >= 0x231A && c <= 0x23FF) || c == 0x24C2 ||
           (c >= 0x25AA && c <= 0x25FE) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2934 && c <= 0x2935) ||
           (c >= 0x2B05 && c <= 0x2B55) || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299;
}

static int rs_is_hangul(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF);
}

/* Whether prev and next belong to the same cluster.  ri_odd: prev ends an odd-length run of regional
 * indicators (flags pair up). */
static int rs_cluster_continues(uint32_t prev, uint32_t next, int ri_odd)
{
    if (prev == '\r' && next == '\n')
        return 1;
    if (rs_is_control(prev) || rs_is_control(next))
        return 0;
    if (rs_is_extend(next))
        return 1;
    if (prev == 0x200D && rs_is_pictographic(next)) /* GB11, without checking what precedes the ZWJ */
        return 1;
    if (rs_is_ri(prev) && rs_is_ri(next))
        return ri_odd;
    if (rs_is_hangul(prev) && rs_is_hangul(next)) {
        enum LineBreakClass p = rs_lb_class(prev), n = rs_lb_class(next);
        if (p == LBP_JL)
            return n == LBP_JL || n == LBP_JV || n == LBP_H2 || n == LBP_H3;
        if (p == LBP_JV || p == LBP_H2)
            return n == LBP_JV || n == LBP_JT;
        if (p == LBP_JT || p == LBP_H3)
            return n == LBP_JT;
    }
    return 0;
}

/* ---- working state ----------------------------------------------------------------------------------- */

/* One place the line being built may end: draw [line_start, vis_end), continue at next.  Cuts are pushed in
 * text order, so their widths grow with the index (what the exact-measure binary search relies on). */
typedef struct rs_cut {
    size_t vis_end, next;
} rs_cut;

typedef struct rs_ctx {
    const unsigned char *s;
    size_t n;
    const char *brks; /* libunibreak result for each byte: break after it? */
    long long max_width;
    const rs_text_measure *measure;
    int style;
    size_t cache_a, cache_b; /* last body measured, usually re-asked when it starts the next line */
    int cache_w;
    int space_w;             /* width of " ", -1 until measured */
    int ascii_w[128];        /* 1 + the width of each ASCII character alone, 0 until measured */
    size_t opp_from, opp_to; /* no opportunity in (opp_from, opp_to): saves rescans of a long piece */
    rs_cut *cuts;
    size_t ncuts, cuts_cap;
} rs_ctx;

static int rs_measure(rs_ctx *c, size_t a, size_t b)
{
    int w;

    if (b <= a)
        return 0;
    w = c->measure->width(c->measure->context, c->style, (const char *)c->s + a, b - a);
    return w < 0 ? 0 : w;
}

/* The width of the cluster [a, b): a lone ASCII character measured once
 * (a piece too long for one line, such as a 1 MB run without a break, is
 * split cluster by cluster). */
static int rs_measure_cluster(rs_ctx *c, size_t a, size_t b)
{
    if (b - a != 1 || c->s[a] >= 128)
        return rs_measure(c, a, b);
    int *w = &c->ascii_w[c->s[a]];
    if (*w == 0)
        *w = 1 + rs_measure(c, a, b);
    return *w - 1;
}

static int rs_measure_body(rs_ctx *c, size_t a, size_t b)
{
    if (c->cache_b != 0 && c->cache_a == a && c->cache_b == b)
        return c->cache_w;
    c->cache_w = rs_measure(c, a, b);
    c->cache_a = a;
    c->cache_b = b;
    return c->cache_w;
}

static int rs_measure_gap(rs_ctx *c, size_t a, size_t b)
{
    if (b - a == 1 && c->s[a] == ' ') {
        if (c->space_w < 0)
            c->space_w = rs_measure(c, a, b);
        return c->space_w;
    }
    return rs_measure(c, a, b);
}

/* Number of regional indicators immediately before pos, parity only. */
static int rs_ri_odd_before(const rs_ctx *c, size_t pos)
{
    int odd = 0;
    uint32_t cp;

    while (pos > 0) {
        size_t k = rs_decode_before(c->s, pos, &cp);
        if (!rs_is_ri(cp))
            break;
        odd = !odd;
        pos -= k;
    }
    return odd;
}

/* End of the cluster starting at i; never beyond end (a character boundary). */
static size_t rs_cluster_end(const rs_ctx *c, size_t i, size_t end)
{
    uint32_t prev, next;
    int ri = 0;

    i += rs_decode(c->s, c->n, i, &prev);
    if (rs_is_ri(prev))
        ri = 1;
    while (i < end) {
        size_t k = rs_decode(c->s, c->n, i, &next);
        if (!rs_cluster_continues(prev, next, ri & 1))
            break;
        if (rs_is_ri(next))
            ri++;
        prev = next;
        i += k;
    }
    return i;
}

/* libunibreak allows a break before pos, and pos is not inside a cluster (0 < pos < n). */
static int rs_is_opportunity(const rs_ctx *c, size_t pos)
{
    uint32_t prev, next;

    if (c->brks[pos - 1] != LINEBREAK_ALLOWBREAK)
        return 0;
    rs_decode_before(c->s, pos, &prev);
    rs_decode(c->s, c->n, pos, &next);
    return !rs_cluster_continues(prev, next, rs_is_ri(prev) ? rs_ri_odd_before(c, pos) : 0);
}

static size_t rs_next_opportunity(rs_ctx *c, size_t p, size_t end)
{
    size_t q;

    if (p >= c->opp_from && p < c->opp_to && c->opp_to <= end)
        return c->opp_to;
    for (q = p + 1; q < end; q++) {
        if (rs_is_opportunity(c, q))
            break;
    }
    c->opp_from = p;
    c->opp_to = q;
    return q;
}

/* End of [lo, hi) without trailing strip characters. */
static size_t rs_strip_end(const rs_ctx *c, size_t lo, size_t hi)
{
    uint32_t cp;

    while (hi > lo) {
        size_t k = rs_decode_before(c->s, hi, &cp);
        if (!rs_is_strip(cp) || k > hi - lo)
            break;
        hi -= k;
    }
    return hi;
}

static int rs_has_visible(const rs_ctx *c, size_t i, size_t end)
{
    uint32_t cp;

    while (i < end) {
        i += rs_decode(c->s, c->n, i, &cp);
        if (!rs_is_strip(cp))
            return 1;
    }
    return 0;
}

static void rs_push_cut(rs_ctx *c, size_t vis_end, size_t next)
{
    rs_grow(&c->cuts, &c->cuts_cap, c->ncuts + 1, sizeof *c->cuts);
    c->cuts[c->ncuts++] = (rs_cut){vis_end, next};
}

static void rs_append(rs_line_list *out, size_t start, size_t length, int width)
{
    rs_grow(&out->lines, &out->capacity, out->count + 1, sizeof *out->lines);
    out->lines[out->count++] = (rs_line){start, length, width};
}

/* ---- one line ---------------------------------------------------------------------------------------- */

/* Whether the cluster fallback may cut at pos (between two clusters of one piece): not after an opening
 * bracket and not before closing punctuation or other non-starters, so that 。，）」 still never begin a line
 * when a piece has to be split (UAX #14 gave no opportunity there, so this only refines the fallback). */
static int rs_split_allowed(const rs_ctx *c, size_t pos)
{
    uint32_t prev, next;
    enum LineBreakClass p, n;

    rs_decode_before(c->s, pos, &prev);
    rs_decode(c->s, c->n, pos, &next);
    p = prev == RS_BAD_CP ? LBP_XX : rs_lb_class(prev);
    n = next == RS_BAD_CP ? LBP_XX : rs_lb_class(next);
    return p != LBP_OP && n != LBP_CL && n != LBP_CP && n != LBP_EX && n != LBP_IS && n != LBP_NS &&
           n != LBP_CJ;
}

/* Splits the over-wide piece body [p, body) (which opens the line, after white space [line_start, p) of
 * estimated width est) at cluster boundaries.  The line always takes the first visible cluster (with any
 * non-starters glued to it), then as many more as fit; only cut points allowed by rs_split_allowed become
 * cuts.  Returns the position reached (body if everything fitted after all). */
static size_t rs_split_piece(rs_ctx *c, size_t line_start, size_t p, size_t body, size_t q, long long *est)
{
    size_t g = p;
    int have_visible = 0;

    while (g < body) {
        size_t ge = rs_cluster_end(c, g, body), vis;
        long long w = rs_measure_cluster(c, g, ge);

        if (c->ncuts > 0 && *est + w > c->max_width) /* past the mandatory part and full */
            break;
        *est += w;
        vis = rs_strip_end(c, line_start, ge);
        if (vis > line_start)
            have_visible = 1;
        if (have_visible && (ge == body || rs_split_allowed(c, ge)))
            rs_push_cut(c, vis, ge == body ? q : ge);
        g = ge;
    }
    return g;
}

/* Chooses the line that starts at line_start inside the mandatory-break segment [line_start, seg_end). */
static void rs_layout_line(rs_ctx *c, size_t line_start, size_t seg_end, size_t *vis_out, size_t *next_out,
                          int *width_out)
{
    size_t p = line_start, vis_end = line_start;
    long long est = 0;
    size_t lo, hi, best, i;
    int w, best_w, first_w = -1;

    c->ncuts = 0;
    while (p < seg_end) {
        size_t q = rs_next_opportunity(c, p, seg_end);
        size_t body = rs_strip_end(c, p, q);
        long long gap;

        if (body == p) { /* only white space: it hangs after whatever is already on the line */
            if (c->ncuts > 0)
                c->cuts[c->ncuts - 1].next = q;
            p = q;
            continue;
        }
        gap = rs_measure_gap(c, vis_end, p);
        if (c->ncuts > 0 || body - p <= RS_LONG_PIECE) {
            long long total = est + gap + rs_measure_body(c, p, body);
            if (total <= c->max_width) {
                rs_push_cut(c, body, q);
                est = total;
                vis_end = body;
                p = q;
                continue;
            }
            /* The estimate adds up pieces measured apart, and a real font
             * rounds each measure (up to a pixel a call, more with several
             * fonts in a piece): ten CJK pieces came to 5 px over the width
             * of the whole, and a chip sized to its label's width lost its
             * end to "…". So an estimate over by no more than that slack
             * is checked with one exact measure before the piece is moved
             * to the next line: a text that fits exactly stays whole. The
             * slack is at most a sixteenth of the width, so that a measure
             * that is not a width at all (layout_fit.c's 1 px for any text,
             * which cuts a text into its words) still breaks at every piece. */
            long long slack = 2 * (long long)(c->ncuts + 1);
            if (slack > c->max_width / 16)
                slack = c->max_width / 16;
            if (c->ncuts > 0 && total - c->max_width <= slack) {
                int exact = rs_measure(c, line_start, body);
                if (exact <= c->max_width) {
                    rs_push_cut(c, body, q);
                    est = exact;
                    vis_end = body;
                    p = q;
                    continue;
                }
            }
            if (c->ncuts > 0)
                break; /* line full; this piece opens the next one */
        }
        /* The piece is alone on the line and too wide (or too long to measure whole): split it. */
        est += gap;
        if (rs_split_piece(c, line_start, p, body, q, &est) < body)
            break;
        vis_end = body;
        p = q;
    }

    if (c->ncuts == 0) { /* nothing but white space up to the segment end */
        *vis_out = line_start;
        *next_out = seg_end;
        *width_out = 0;
        return;
    }

    /* The estimate chose the last cut; confirm it with one exact measure, else binary-search the earlier cuts
     * (widths grow with the cut index).  The first cut is kept even if too wide: every line holds something. */
    best = c->ncuts - 1;
    best_w = rs_measure(c, line_start, c->cuts[best].vis_end);
    if (best_w > c->max_width && c->ncuts > 1) {
        lo = 0;
        hi = c->ncuts - 1; /* search [lo, hi) */
        best = 0;
        best_w = -1;
        while (lo < hi) {
            i = lo + (hi - lo) / 2;
            w = rs_measure(c, line_start, c->cuts[i].vis_end);
            if (i == 0)
                first_w = w;
            if (w <= c->max_width) {
                best = i;
                best_w = w;
                lo = i + 1;
            } else {
                hi = i;
            }
        }
        if (best_w < 0) /* nothing fits exactly: cut 0, measured by the search (it always probes 0 then) */
            best_w = first_w >= 0 ? first_w : rs_measure(c, line_start, c->cuts[0].vis_end);
    }
    *vis_out = c->cuts[best].vis_end;
    *next_out = c->cuts[best].next;
    *width_out = best_w;
}

/* ---- the paragraph ----------------------------------------------------------------------------------- */

/* Shortens the line so that it plus the ellipsis fits; binary search over its cluster boundaries. */
static void rs_add_ellipsis(rs_ctx *c, rs_line *line)
{
    int ell_w = c->measure->width(c->measure->context, c->style, rs_ellipsis, sizeof rs_ellipsis - 1);
    size_t start = line->start, end = line->start + line->length;
    size_t *bounds = NULL, nb = 0, cap = 0, lo, hi, i;
    size_t best_end = start;
    int best_w = 0;

    if (ell_w < 0)
        ell_w = 0;
    if ((long long)line->width + ell_w <= c->max_width) {
        line->width += ell_w;
        return;
    }
    /* Cluster boundaries strictly inside the line; the whole line is known not to fit. */
    for (i = start; i < end;) {
        i = rs_cluster_end(c, i, end);
        if (i >= end)
            break;
        rs_grow(&bounds, &cap, nb + 1, sizeof *bounds);
        bounds[nb++] = i;
    }
    lo = 0;
    hi = nb;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t vis = rs_strip_end(c, start, bounds[mid]);
        int w = rs_measure(c, start, vis);
        if ((long long)w + ell_w <= c->max_width) {
            best_end = vis;
            best_w = w;
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    free(bounds);
    line->length = best_end - start;
    line->width = best_w + ell_w;
}

/* The same-length copy libunibreak gets when s holds anything it would mishandle (see top), or NULL when s
 * itself is safe to give it.  Caller frees. */
static unsigned char *rs_unibreak_copy(const unsigned char *s, size_t length)
{
    unsigned char *clean;
    size_t i;
    int dirty = 0;

    for (i = 0; i < length && !dirty;) {
        uint32_t cp;
        i += rs_decode(s, length, i, &cp);
        dirty = cp == RS_BAD_CP || cp == 0xFFFF || rs_is_ri(cp);
    }
    if (!dirty)
        return NULL;
    clean = rs_xmalloc(length);
    for (i = 0; i < length;) {
        uint32_t cp;
        size_t k = rs_decode(s, length, i, &cp);
        if (cp == RS_BAD_CP)
            clean[i] = 'x'; /* shown as U+FFFD, which breaks like a letter */
        else if (cp == 0xFFFF)
            memcpy(clean + i, "\xEF\xBF\xBD", 3);
        else if (rs_is_ri(cp))
            memcpy(clean + i, "\xF0\xA0\x80\x80", 4); /* U+20000: ideographic, breakable on both sides */
        else
            memcpy(clean + i, s + i, k);
        i += k;
    }
    return clean;
}

static size_t rs_break_impl(const char *text, size_t length, const char *language, int max_width,
                            size_t max_lines, const rs_text_measure *measure, int style, rs_line_list *out,
                            int *truncated)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char *clean = NULL;
    char *brks;
    rs_ctx c;
    size_t before, pos;

    if (truncated)
        *truncated = 0;
    if (!out)
        return 0;
    before = out->count;
    if (!text || length == 0 || !measure || !measure->width)
        return 0;
    if (max_lines == 0) {
        if (truncated)
            *truncated = 1;
        return 0;
    }
    call_once(&rs_init_flag, rs_init_once);

    clean = rs_unibreak_copy(s, length);
    brks = rs_xmalloc(length);
    memset(brks, LINEBREAK_NOBREAK, length);
    set_linebreaks_utf8(clean ? clean : s, length, language, brks);
    free(clean);

    memset(&c, 0, sizeof c);
    c.s = s;
    c.n = length;
    c.brks = brks;
    c.max_width = max_width;
    c.measure = measure;
    c.style = style;
    c.space_w = -1;

    pos = 0;
    while (pos < length && out->count - before < max_lines) {
        size_t seg_end = pos + 1, line_start = pos;
        while (seg_end < length && brks[seg_end - 1] != LINEBREAK_MUSTBREAK)
            seg_end++;
        do {
            size_t vis, next;
            int w;
            rs_layout_line(&c, line_start, seg_end, &vis, &next, &w);
            rs_append(out, line_start, vis - line_start, w);
            line_start = next;
        } while (line_start < seg_end && out->count - before < max_lines);
        pos = line_start;
    }

    if (pos < length && out->count - before == max_lines && rs_has_visible(&c, pos, length)) {
        if (truncated)
            *truncated = 1;
        rs_add_ellipsis(&c, &out->lines[out->count - 1]);
    }
    free(c.cuts);
    free(brks);
    return out->count - before;
}

/* Public: breaks the whole paragraph; contract and ownership in wrap.h (caller owns out->lines). */
size_t rs_break_lines(const char *text, size_t length, const char *language, int max_width,
                      const rs_text_measure *measure, int style, rs_line_list *out)
{
    return rs_break_impl(text, length, language, max_width, SIZE_MAX, measure, style, out, NULL);
}

/* Public: at most max_lines lines, the last one shortened for "…" when text remains; see wrap.h. */
size_t rs_break_lines_limited(const char *text, size_t length, const char *language, int max_width, size_t max_lines,
                              const rs_text_measure *measure, int style, rs_line_list *out, int *truncated)
{
    return rs_break_impl(text, length, language, max_width, max_lines, measure, style, out, truncated);
}

/* Public: frees the lines array (owned by the list since rs_break_lines grew it) and empties the list. */
void rs_line_list_free(rs_line_list *list)
{
    if (!list)
        return;
    free(list->lines);
    list->lines = NULL;
    list->count = 0;
    list->capacity = 0;
}

bool rs_paragraph_next(const char *text, size_t length, size_t *at, size_t *from, size_t *to)
{
    size_t start = *at;
    while (start < length) {
        size_t end = start;
        while (end < length && !(text[end] == '\n' && end + 1 < length && text[end + 1] == '\n'))
            end++;
        size_t next = end;
        while (next < length && text[next] == '\n')
            next++;
        if (end > start) {
            *from = start, *to = end, *at = next;
            return true;
        }
        start = next;
    }
    *at = length;
    return false;
}
