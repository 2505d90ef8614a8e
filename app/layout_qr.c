/*
 * Take it home (issue 16): a statement's source URL as a QR code, beside a
 * one-line citation, in the reader under the body and in an incident's
 * unfolded event card; and the same code larger, centred over a dimmed
 * screen, for a phone held at a distance.
 *
 * The code is drawn crisp: whole modules of an integer number of pixels
 * (at least 4, S/160 on larger screens), as one RS_DRAW_RECTS of the dark
 * modules' runs, black on a white plate that carries the 4-module quiet
 * zone. The plate's colours are fixed, not the theme's: a phone's camera
 * reads dark on light, so the code is dark on light in every theme (the
 * high-contrast one, any dark one).
 *
 * Nothing is computed per frame but a copy: the matrices are cached by
 * URL (like text textures, a few at a time), and each place's block (the
 * module size, the plate, the citation's lines, the modules as rectangles
 * relative to the plate) is measured once per URL and size. A frame only
 * shifts the modules to where the plate is.
 *
 * The mirrored UI (layout_mirror.c) turns the page round after it is laid
 * out: the plate, its target and the citation's lines are ordinary fills,
 * targets and texts, so the plate moves to the right and the citation to
 * its left. The modules must not turn round (a mirrored code does not
 * decode), and the mirror pass leaves RS_DRAW_RECTS alone: so the modules
 * are put into the plate where the mirror pass puts the plate, here.
 */
#include "layout_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "qr.h"
#include "thread_screen.h"

/* Matrices kept: the reader's, an unfolded event's, and a few visited
 * before, so Back and forth re-encodes nothing. */
#define QR_CACHE 8

static const rs_color qr_dark = {0x00, 0x00, 0x00, 0xFF};
static const rs_color qr_light = {0xFF, 0xFF, 0xFF, 0xFF};
/* Over the page behind the larger code: dims it, keeps it recognisable. */
static const rs_color qr_dim = {0x10, 0x10, 0x10, 0xB8};
static const char qr_dots[] = "…";

typedef enum line_kind { LINE_HEADING, LINE_CITE, LINE_URL } line_kind;

typedef struct qr_line {
    const char *text; /* into the block's strings, the URL, a catalog's, or qr_dots */
    size_t length;
    int x, y, w; /* relative to the block */
    line_kind kind;
} qr_line;

/* One place's code and citation, measured once per URL and size. */
typedef struct qr_block {
    /* key */
    char *url, *cite;
    int width, font, label_font, short_side;
    const char *heading, *button_label; /* the catalog's words, which change with the UI language */
    /* what it is */
    bool code;     /* false: no code (the citation alone when height > 0) */
    int size;      /* the code's modules a side, without the quiet zone */
    int module, plate, height;
    rs_rect button;      /* "Show code larger", relative to the block */
    char *cite_shown;    /* the citation as shown, its title shortened if need be */
    qr_line *lines;
    size_t line_count, line_capacity;
    rs_rect *modules; /* the dark runs, relative to the plate's first module */
    size_t module_count, module_capacity;
    /* the reader's: its plate in content coordinates (w 0: none this page) */
    rs_rect placed;
    /* this frame's modules in window coordinates: alive until the next frame */
    rs_rect *frame;
    size_t frame_capacity;
} qr_block;

typedef struct qr_entry {
    char *url;
    rs_qr *qr; /* NULL: the URL does not fit a code */
} qr_entry;

struct rs_qr_layout {
    qr_entry cache[QR_CACHE];
    size_t next;
    qr_block reader, thread, larger;
};

static void block_free(qr_block *b)
{
    free(b->url), free(b->cite), free(b->cite_shown);
    free(b->lines), free(b->modules), free(b->frame);
    memset(b, 0, sizeof *b);
}

void rs_layout_qr_free(rs_layout *l)
{
    struct rs_qr_layout *q = l->qr;
    if (!q)
        return;
    for (size_t i = 0; i < QR_CACHE; i++)
        free(q->cache[i].url), rs_qr_destroy(q->cache[i].qr);
    block_free(&q->reader), block_free(&q->thread), block_free(&q->larger);
    free(q);
    l->qr = NULL;
}

static struct rs_qr_layout *state_of(rs_layout *l)
{
    if (!l->qr)
        l->qr = rs_xcalloc(1, sizeof *l->qr);
    return l->qr;
}

/* The code for url from the cache, encoded on first use (the oldest entry
 * makes room). NULL when url has none. */
static const rs_qr *code_for(rs_layout *l, const char *url)
{
    struct rs_qr_layout *q = state_of(l);
    for (size_t i = 0; i < QR_CACHE; i++)
        if (q->cache[i].url && strcmp(q->cache[i].url, url) == 0)
            return q->cache[i].qr;
    qr_entry *e = &q->cache[q->next];
    q->next = (q->next + 1) % QR_CACHE;
    /* Blocks keep their own rectangles and size, never the matrix. */
    free(e->url), rs_qr_destroy(e->qr);
    e->url = rs_xstrdup(url);
    e->qr = rs_qr_create(url);
    return e->qr;
}

const char *rs_layout_qr_url(const rs_screen *s)
{
    const char *url = NULL;
    if (s && s->kind == RS_SCREEN_READER) {
        url = s->statement.url;
    } else if (s && s->kind == RS_SCREEN_THREAD && s->thread) {
        const rs_thread_item *item = rs_thread_screen_unfolded_item(s->thread);
        url = item && item->kind == RS_THREAD_EVENT ? item->source : NULL;
    }
    return url && url[0] ? url : NULL;
}

/* ---- the block's text ---- */

static void add_line(qr_block *b, const char *text, size_t length, int x, int y, int w, line_kind kind)
{
    rs_grow(&b->lines, &b->line_capacity, b->line_count + 1, sizeof *b->lines);
    b->lines[b->line_count++] = (qr_line){text, length, x, y, w, kind};
}

static rs_text_style style_of(line_kind kind)
{
    return kind == LINE_HEADING ? RS_STYLE_LABEL : RS_STYLE_SECONDARY;
}

/* text in at most max_lines lines of width w from (x, y), the last cut
 * with "…" when it does not fit. Returns the y under it; *cut whether it
 * was cut (may be NULL). */
static int add_wrapped(rs_layout *l, const rs_theme *t, qr_block *b, const char *text, line_kind kind, int x, int y,
                       int w, size_t max_lines, bool *cut)
{
    rs_text_style style = style_of(kind);
    int truncated = 0;
    l->scratch.count = 0;
    rs_break_lines_limited(text, strlen(text), NULL, w, max_lines, &l->measure, (int)style, &l->scratch, &truncated);
    int lh = line_height(t, style);
    for (size_t i = 0; i < l->scratch.count; i++, y += lh) {
        const rs_line *line = &l->scratch.lines[i];
        add_line(b, text + line->start, line->length, x, y, line->width, kind);
        /* Right after the line's measured text, where the mirror pass
         * looks for it to keep the two together. */
        if (truncated && i + 1 == l->scratch.count)
            add_line(b, qr_dots, strlen(qr_dots), x + text_width(l, style, text + line->start, line->length), y, 0,
                     kind);
    }
    if (cut)
        *cut = truncated != 0;
    return y;
}

/* Whether text fits width in max_lines lines uncut. */
static bool fits(rs_layout *l, const char *text, rs_text_style style, int w, size_t max_lines)
{
    int truncated = 0;
    l->scratch.count = 0;
    rs_break_lines_limited(text, strlen(text), NULL, w, max_lines, &l->measure, (int)style, &l->scratch, &truncated);
    return !truncated;
}

#define CITE_LINES 2

/* The citation's parts: who published it, the title, the date. */
typedef struct cite_parts {
    const char *outlet, *title, *date;
} cite_parts;

/* The citation with the outlet's first outlet_n bytes and the title's
 * first title_n ("…" after either when it is shortened); a no-break space
 * before each dot keeps it on the line of what it follows. */
static char *compose(const cite_parts *c, size_t outlet_n, size_t title_n)
{
    const char *dot = "\u00a0· "; /* a line never begins with the dot */
    bool outlet_cut = outlet_n < strlen(c->outlet), title_cut = title_n < strlen(c->title);
    return rs_xasprintf("%.*s%s%s“%.*s%s”%s%s", (int)outlet_n, c->outlet, outlet_cut ? "…" : "",
                        c->outlet[0] ? dot : "", (int)title_n, c->title, title_cut ? "…" : "",
                        c->date[0] ? dot : "", c->date);
}

/* A CJK ideograph, kana or hangul syllable begins at text[k] (U+3000 to
 * U+DFFF: lead bytes E3 to ED), where a title written without spaces may be
 * cut. */
static bool wide_at(const char *text, size_t k)
{
    unsigned char b = (unsigned char)text[k];
    return b >= 0xE3 && b <= 0xED;
}

/* text may be shortened to its first k bytes: before a space, or between
 * two characters of which one is wide. */
static bool cut_point(const char *text, size_t k)
{
    if (k == 0 || ((unsigned char)text[k] & 0xC0) == 0x80)
        return false;
    if (text[k] == ' ' || wide_at(text, k))
        return true;
    size_t p = k - 1;
    while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
        p--;
    return wide_at(text, p);
}

/* "outlet · “title” · date" within CITE_LINES lines of width w: when it is
 * too long the title is shortened, at a word's end (or between two
 * ideographs), with "…" inside its quotes; when not even its first word
 * leaves room (a long outlet, a narrow screen, a long date in words), the
 * outlet is shortened the same way, so when it was published is never
 * lost. */
static char *fit_citation(rs_layout *l, const cite_parts *c, int w)
{
    size_t outlet_n = strlen(c->outlet), n = strlen(c->title);
    char *shown = compose(c, outlet_n, n);
    if (fits(l, shown, RS_STYLE_SECONDARY, w, CITE_LINES))
        return shown;
    for (size_t k = n; k-- > 0;) {
        if (!cut_point(c->title, k))
            continue;
        free(shown);
        shown = compose(c, outlet_n, k);
        if (fits(l, shown, RS_STYLE_SECONDARY, w, CITE_LINES))
            return shown;
    }
    for (size_t k = outlet_n; k-- > 0;) {
        if (!cut_point(c->outlet, k))
            continue;
        free(shown);
        shown = compose(c, k, 0);
        if (fits(l, shown, RS_STYLE_SECONDARY, w, CITE_LINES))
            return shown;
    }
    /* Not even the outlet's first word: the line breaker cuts what is left. */
    free(shown);
    return compose(c, outlet_n, 0);
}

static bool url_break_after(char c)
{
    return c == '/' || c == '.' || c == '-' || c == '?' || c == '&' || c == '=' || c == '_' || c == '#';
}

/* The URL whole, on as many lines of width w as it takes: a URL cut with
 * "…" or broken with an added hyphen would send a visitor who types it to
 * another page, so it is never cut and nothing is added; a line breaks
 * after a / . - ? & = _ # in its second half, else where it is full.
 * Returns the y under it. */
static int add_url(rs_layout *l, const rs_theme *t, qr_block *b, const char *url, int x, int y, int w)
{
    size_t n = strlen(url), start = 0;
    int lh = line_height(t, RS_STYLE_SECONDARY);
    while (start < n) {
        size_t lo = start + 1, hi = n; /* the longest [start, end) that fits, a character at least */
        while (lo < n && ((unsigned char)url[lo] & 0xC0) == 0x80)
            lo++;
        size_t end = lo;
        while (lo <= hi) {
            size_t mid = lo + (hi - lo) / 2;
            while (mid < n && ((unsigned char)url[mid] & 0xC0) == 0x80)
                mid++;
            if (text_width(l, RS_STYLE_SECONDARY, url + start, mid - start) <= w) {
                end = mid > end ? mid : end;
                lo = mid + 1;
            } else {
                if (mid == 0)
                    break;
                hi = mid - 1;
            }
        }
        if (end < n)
            for (size_t k = end; k > start + (end - start) / 2; k--)
                if (url_break_after(url[k - 1])) {
                    end = k;
                    break;
                }
        add_line(b, url + start, end - start, x, y,
                 text_width(l, RS_STYLE_SECONDARY, url + start, end - start), LINE_URL);
        y += lh;
        start = end;
    }
    return y;
}

/* ---- the block ---- */

static int module_px(const rs_theme *t)
{
    int m = t->short_side / 160;
    return m > 4 ? m : 4;
}

/* TRANSLATORS: over the QR code of a statement's source, beside its citation. */
static const char *heading_words(void)
{
    return _("Scan for the source");
}

/* TRANSLATORS: over a statement's citation and URL where the URL is too
 * long for a QR code. */
static const char *source_words(void)
{
    return _("Source");
}

/* TRANSLATORS: a button: shows the QR code large, for a phone held at a distance. */
static const char *button_words(void)
{
    return _("Show code larger");
}

static bool same_key(const qr_block *b, const rs_theme *t, const char *url, const char *cite, int w)
{
    return b->url && strcmp(b->url, url) == 0 && ((!b->cite && !cite) || (b->cite && cite && !strcmp(b->cite, cite))) &&
           b->width == w && b->font == t->font_px[RS_STYLE_SECONDARY] &&
           b->label_font == t->font_px[RS_STYLE_LABEL] && b->short_side == t->short_side &&
           b->heading == heading_words() && b->button_label == button_words();
}

/* heading, the citation of parts and url whole, from (x, y) in a column w
 * wide. Returns the y under them. The lines point into url: b's own copy
 * (the screen's is freed with its screen, and a block measured for the same
 * url and citation is kept for the next screen that shows them). */
static int add_citation(rs_layout *l, const rs_theme *t, qr_block *b, const char *heading, const char *url,
                        const cite_parts *parts, int x, int y, int w)
{
    y = add_wrapped(l, t, b, heading, LINE_HEADING, x, y, w, 2, NULL);
    free(b->cite_shown);
    b->cite_shown = fit_citation(l, parts, w);
    y = add_wrapped(l, t, b, b->cite_shown, LINE_CITE, x, y + t->gap / 2, w, CITE_LINES, NULL);
    return add_url(l, t, b, url, x, y, w);
}

/* Measures b for url (and cite, or NULL: the code, its heading and its
 * button alone) in a column w wide, unless it is measured for them
 * already. Afterwards b->code false and b->height 0: no block; b->code
 * false and a height: the citation and the URL without a code. */
static void block_measure(rs_layout *l, const rs_theme *t, qr_block *b, const char *url, const cite_parts *parts,
                          int w)
{
    char *cite = parts ? rs_xasprintf("%s\x1f%s\x1f%s", parts->outlet, parts->title, parts->date) : NULL;
    bool same = same_key(b, t, url, cite, w);
    free(cite);
    if (same)
        return;
    free(b->url), free(b->cite), free(b->cite_shown);
    b->url = rs_xstrdup(url), b->cite_shown = NULL;
    b->cite = parts ? rs_xasprintf("%s\x1f%s\x1f%s", parts->outlet, parts->title, parts->date) : NULL;
    b->width = w, b->font = t->font_px[RS_STYLE_SECONDARY], b->label_font = t->font_px[RS_STYLE_LABEL];
    b->short_side = t->short_side;
    b->heading = heading_words(), b->button_label = button_words();
    b->line_count = b->module_count = 0;
    b->height = 0;
    b->code = false;
    const rs_qr *qr = code_for(l, url);
    int sides = qr ? rs_qr_size(qr) + 2 * RS_QR_QUIET : 0;
    int m = module_px(t);
    if (qr && sides * m > w)
        m = w / sides;
    if (!qr || m < 4) {
        /* No code (a URL too long for one, or a column too narrow to read
         * it): the reader still says where the statement comes from, its
         * URL in words; an event's block is its code alone. */
        if (parts)
            b->height = add_citation(l, t, b, source_words(), b->url, parts, 0, 0, w);
        return;
    }
    b->code = true;
    b->size = rs_qr_size(qr), b->module = m, b->plate = sides * m;
    b->module_count = rs_qr_rects(qr, 0, 0, m, &b->modules, &b->module_capacity);

    /* The citation beside the plate where a column of six targets' width
     * is left (at 800x480 and wider), else under it (portrait): a narrower
     * column would wrap the URL into many short lines and cut the
     * citation to little more than the outlet. */
    int gap = t->gap * 2;
    bool beside = w - b->plate - gap >= t->target * 6;
    int cx = beside ? b->plate + gap : 0, cy = beside ? 0 : b->plate + gap, cw = beside ? w - cx : w;
    int y = parts ? add_citation(l, t, b, b->heading, b->url, parts, cx, cy, cw)
                  : add_wrapped(l, t, b, b->heading, LINE_HEADING, cx, cy, cw, 2, NULL);
    const char *larger = b->button_label;
    int bw = text_width(l, RS_STYLE_LABEL, larger, strlen(larger)) + 2 * t->margin;
    bw = bw < t->target * 2 ? t->target * 2 : bw > cw ? cw : bw;
    b->button = (rs_rect){cx, y + t->gap, bw, t->target};
    y = b->button.y + b->button.h;
    b->height = beside ? (y > b->plate ? y : b->plate) : y;
}

static rs_color line_color(const rs_theme *t, line_kind kind)
{
    return kind == LINE_URL ? t->muted : t->text;
}

static const rs_action larger_plate = {.kind = RS_ACT_QR_LARGER, .index = 0};
static const rs_action larger_button = {.kind = RS_ACT_QR_LARGER, .index = 1};

/* This frame's modules of block b, whose plate's top-left is at window
 * (x, y) left to right: where the mirror pass puts the plate in a
 * mirrored UI, and never turned round themselves. */
static void draw_modules(rs_layout *l, qr_block *b, int width, int x, int y, rs_draw_list *out)
{
    if (rs_layout_is_rtl(l))
        x = width - x - b->plate;
    rs_grow(&b->frame, &b->frame_capacity, b->module_count + 1, sizeof *b->frame);
    int ox = x + RS_QR_QUIET * b->module, oy = y + RS_QR_QUIET * b->module;
    for (size_t i = 0; i < b->module_count; i++) {
        rs_rect r = b->modules[i];
        b->frame[i] = (rs_rect){r.x + ox, r.y + oy, r.w, r.h};
    }
    int side = b->size * b->module;
    rs_draw_rects(out, (rs_rect){ox, oy, side, side}, qr_dark, b->frame, b->module_count);
}

/* ---- the reader ---- */

int rs_layout_build_qr(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    struct rs_qr_layout *q = state_of(l);
    qr_block *b = &q->reader;
    b->placed = (rs_rect){0};
    const char *url = rs_layout_qr_url(s);
    if (!url)
        return y;
    const rs_statement *st = &s->statement;
    cite_parts parts = {st->outlet ? st->outlet : "", st->title ? st->title : "", s->date_line ? s->date_line : ""};
    block_measure(l, t, b, url, &parts, w);
    if (!b->code && !b->height)
        return y;
    y += t->gap * 2;
    rs_rect plate = {x, y, b->plate, b->plate};
    if (b->code) {
        rs_layout_target_element(l, plate, larger_plate);
        element *fill = rs_layout_element(l, EL_FILL, plate);
        fill->color = qr_light;
        element *edge = rs_layout_element(l, EL_OUTLINE, plate);
        edge->color = t->divider;
    }
    for (size_t i = 0; i < b->line_count; i++) {
        const qr_line *line = &b->lines[i];
        rs_text_style style = style_of(line->kind);
        element *e = rs_layout_element(
            l, EL_TEXT, (rs_rect){x + line->x, y + line->y + glyph_inset(t, style), line->w, line_height(t, style)});
        e->color = line_color(t, line->kind), e->style = style;
        e->text = line->text, e->length = line->length;
    }
    if (!b->code)
        return y + b->height;
    rs_rect button = {x + b->button.x, y + b->button.y, b->button.w, b->button.h};
    rs_layout_button(l, t, button, b->button_label, larger_button, true);
    b->placed = plate;
    return y + b->height;
}

void rs_layout_draw_qr(rs_layout *l, const rs_frame *f, int width, rs_rect vp, rs_draw_list *out)
{
    if (!l->qr || f->screen->kind != RS_SCREEN_READER || !l->qr->reader.placed.w || !l->qr->reader.code)
        return;
    qr_block *b = &l->qr->reader;
    int y = b->placed.y + vp.y - (int)f->scroll;
    if (y >= vp.y + vp.h || y + b->plate <= vp.y)
        return;
    draw_modules(l, b, width, b->placed.x, y, out);
}

/* ---- an incident's unfolded event ---- */

int rs_layout_qr_event_height(rs_layout *l, const rs_theme *t, const char *url, int w)
{
    if (!url || !url[0])
        return 0;
    qr_block *b = &state_of(l)->thread;
    block_measure(l, t, b, url, NULL, w);
    return b->code ? t->gap + b->height : 0;
}

void rs_layout_qr_draw_event(rs_layout *l, const rs_theme *t, const rs_frame *f, const char *url, int x, int y,
                             int w, int width, rs_draw_list *out, rs_target_list *targets)
{
    if (!url || !url[0])
        return;
    qr_block *b = &state_of(l)->thread;
    block_measure(l, t, b, url, NULL, w);
    if (!b->code)
        return;
    y += t->gap;
    rs_rect plate = {x, y, b->plate, b->plate};
    rs_layout_add_target(targets, plate, larger_plate, true);
    rs_draw_fill(out, plate, qr_light);
    rs_draw_outline(out, plate, t->divider, 1);
    draw_modules(l, b, width, x, y, out);
    for (size_t i = 0; i < b->line_count; i++) {
        const qr_line *line = &b->lines[i];
        rs_text_style style = style_of(line->kind);
        rs_draw_text(out, x + line->x, y + line->y + glyph_inset(t, style), style, line_color(t, line->kind),
                     line->text, line->length);
    }
    rs_rect button = {x + b->button.x, y + b->button.y, b->button.w, b->button.h};
    rs_layout_add_target(targets, button, larger_button, true);
    rs_draw_fill(out, button, rs_action_equal(&f->pressed, &larger_button) ? t->pressed : t->surface);
    rs_draw_outline(out, button, t->divider, 1);
    const char *label = b->button_label;
    int lw = text_width(l, RS_STYLE_LABEL, label, strlen(label));
    rs_draw_text(out, button.x + (button.w - lw) / 2,
                 button.y + (button.h - line_height(t, RS_STYLE_LABEL)) / 2 + glyph_inset(t, RS_STYLE_LABEL),
                 RS_STYLE_LABEL, t->accent, label, strlen(label));
}

/* ---- the larger code ---- */

void rs_layout_qr_larger(rs_layout *l, const rs_theme *t, int width, int height, const char *url, rs_draw_list *out,
                         rs_target_list *targets)
{
    if (!url)
        return;
    const rs_qr *qr = code_for(l, url);
    if (!qr)
        return;
    /* Nothing behind it is tapped: any touch or key closes it first. */
    targets->count = 0;
    rs_draw_fill(out, (rs_rect){0, 0, width, height}, qr_dim);
    /* TRANSLATORS: under the QR code shown large. */
    const char *hint = _("Tap anywhere to close");
    int hint_h = line_height(t, RS_STYLE_LABEL);
    /* Most of the short side: all the height the line under it leaves. */
    int room_h = height - hint_h - 3 * t->gap, room_w = width * 92 / 100;
    int sides = rs_qr_size(qr) + 2 * RS_QR_QUIET;
    int m = (room_w < room_h ? room_w : room_h) / sides;
    m = m > 1 ? m : 1;
    qr_block *b = &state_of(l)->larger;
    if (!b->url || strcmp(b->url, url) != 0 || b->module != m) {
        free(b->url);
        b->url = rs_xstrdup(url);
        b->code = true, b->size = rs_qr_size(qr), b->module = m, b->plate = sides * m;
        b->module_count = rs_qr_rects(qr, 0, 0, m, &b->modules, &b->module_capacity);
    }
    int x = (width - b->plate) / 2, y = (height - b->plate - t->gap - hint_h) / 2;
    rs_draw_fill(out, (rs_rect){x, y, b->plate, b->plate}, qr_light);
    /* Centred: the same place mirrored or not (draw_modules would mirror x). */
    int ox = x + RS_QR_QUIET * m, oy = y + RS_QR_QUIET * m;
    rs_grow(&b->frame, &b->frame_capacity, b->module_count + 1, sizeof *b->frame);
    for (size_t i = 0; i < b->module_count; i++)
        b->frame[i] = (rs_rect){b->modules[i].x + ox, b->modules[i].y + oy, b->modules[i].w, b->modules[i].h};
    int side = b->size * m;
    rs_draw_rects(out, (rs_rect){ox, oy, side, side}, qr_dark, b->frame, b->module_count);
    int hw = text_width(l, RS_STYLE_LABEL, hint, strlen(hint));
    rs_draw_text(out, (width - hw) / 2, y + b->plate + t->gap + glyph_inset(t, RS_STYLE_LABEL), RS_STYLE_LABEL,
                 qr_light, hint, strlen(hint));
}
