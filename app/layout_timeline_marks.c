/*
 * The timeline's marks (layout_timeline.c's top): events and statements
 * at their day, ▲ accusation, ● answer, ◆ other; alone with a label where
 * it has room, fanned out a target apart when that moves none more than
 * FAN_DAYS, else a cluster with its count (a tap zooms in there).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "layout_timeline_private.h"

/* Where a mark goes: the middle of its day (or of its month or year). */
static double mark_a(const frame_ctx *c, const rs_timeline_mark *m)
{
    return rs_layout_timeline_a_of(&c->g, &c->v, rs_timeline_key_days(m->key) + 0.5);
}

static rs_action mark_action(const rs_timeline_mark *m)
{
    rs_action a = {.kind = RS_ACT_ROUTE};
    if (m->kind == RS_THREAD_STATEMENT && m->slug) {
        a.route.kind = RS_ROUTE_STATEMENT;
        snprintf(a.route.slug, sizeof a.route.slug, "%s", m->slug);
    } else if (m->incident_slug) {
        a.route.kind = RS_ROUTE_INCIDENT;
        snprintf(a.route.slug, sizeof a.route.slug, "%s", m->incident_slug);
    } else {
        a.kind = RS_ACT_NONE;
    }
    return a;
}

/* A lone mark's label, where it overlaps no other: two rows above the
 * marks in landscape (the nearer first), a column beside them in portrait. */
static void mark_label(frame_ctx *c, const rs_timeline_mark *m, double a, double *row_end)
{
    const rs_theme *t = c->t;
    const bands *b = &c->b;
    const char *text = rs_timeline_mark_text(m);
    if (!*text)
        return;
    int lh = line_height(t, RS_STYLE_SECONDARY), inset = glyph_inset(t, RS_STYLE_SECONDARY);
    if (c->g.vertical) {
        double top = a - lh / 2.0;
        if (top < row_end[0] || top < c->g.a0 || top + lh > c->g.a0 + c->g.alen)
            return;
        int x = b->label0 + t->gap / 2;
        /* Two lines when the next mark is two lines and a gap away. */
        if (c->label_room >= 2 * lh + t->gap && top + 2 * lh <= c->g.a0 + c->g.alen) {
            int n = rs_layout_draw_wrapped(c->l, &c->tl->words, c->out, x, (int)top + inset, t->text, text, b->label1 - x, lh, 2);
            if (n)
                row_end[0] = top + n * lh;
        } else if (rs_layout_draw_fitted(c->l, &c->tl->words, c->out, x, (int)top + inset, RS_STYLE_SECONDARY, t->text, text,
                               b->label1 - x)) {
            row_end[0] = top + lh;
        }
        return;
    }
    bool cut;
    int w;
    /* Centred on its mark (at the plot's ends, inside it), so that it
     * reads as that mark's: at least its first word (ten characters at
     * most), more as far as the row is free on both sides, up to halfway
     * to the mark after next (label_room). */
    int em10 = t->font_px[RS_STYLE_SECONDARY] * 10;
    double end = c->g.a0 + c->g.alen, right = a + c->label_room;
    right = right < a + em10 / 2.0 ? a + em10 / 2.0 : right;
    right = right > end ? end : right;
    /* At least its first word (an event's kind, a title's first word). */
    size_t length = strlen(text);
    int natural = text_width(c->l, RS_STYLE_SECONDARY, text, length);
    rs_layout_split_words(text, &c->tl->words);
    size_t first = c->tl->words.count ? c->tl->words.lines[0].start + c->tl->words.lines[0].length : length;
    int least = first < length ? text_width(c->l, RS_STYLE_SECONDARY, text, first) +
                                     text_width(c->l, RS_STYLE_SECONDARY, "…", strlen("…"))
                               : natural;
    least = least > em10 ? em10 : least;
    for (int row = 1; row >= 0; row--) {
        double left = row_end[row] + t->gap;
        double lo = left > c->g.a0 ? left : c->g.a0;
        /* As wide as it can be centred between lo and right; the least
         * width may slide inward at the plot's ends (and must clear left). */
        double most = 2 * (a - lo < right - a ? a - lo : right - a);
        most = most < least ? least : most;
        rs_layout_fit_text(c->l, &c->tl->words, RS_STYLE_SECONDARY, text, natural < most ? natural : (int)most, &cut, &w);
        if (!w)
            continue;
        double x = a - w / 2.0;
        x = x < c->g.a0 ? c->g.a0 : x + w > end ? end - w : x;
        if (x < left)
            continue;
        rs_layout_draw_fitted(c->l, &c->tl->words, c->out, (int)x, b->label0 + row * lh + inset, RS_STYLE_SECONDARY, t->text, text, w);
        row_end[row] = x + w;
        return;
    }
}

/* A lone mark at a: its shape, its target and its label. */
static void lone_mark(frame_ctx *c, const rs_timeline_mark *m, double a, double *row_end)
{
    const geom *g = &c->g;
    const bands *b = &c->b;
    const rs_theme *t = c->t;
    rs_action action = mark_action(m);
    if (action.kind != RS_ACT_NONE)
        rs_layout_timeline_target(t, c->f, rs_layout_timeline_box(g, a - t->target / 2.0, a + t->target / 2.0, b->mark0, b->mark1), action, c->out,
                   c->targets);
    int side = rs_timeline_mark_side(m);
    float cm = (float)(b->mark0 + b->mark1) / 2;
    float x = g->vertical ? cm : (float)a, y = g->vertical ? (float)a : cm;
    rs_layout_timeline_shape(&c->tl->shapes[side], side, x, y, (float)b->ms);
    mark_label(c, m, a, row_end);
}

/* A cluster's count between a and last; a tap zooms in about its middle. */
static void cluster(frame_ctx *c, double a, double last, size_t n)
{
    const geom *g = &c->g;
    const bands *b = &c->b;
    const rs_theme *t = c->t;
    float cm = (float)(b->mark0 + b->mark1) / 2, r = (float)b->ms;
    double mid = (a + last) / 2;
    int px = g->vertical ? (int)cm : (int)mid, py = g->vertical ? (int)mid : (int)cm;
    rs_action action = {.kind = RS_ACT_ZOOM_AT, .index = (int64_t)px * 65536 + py};
    rs_layout_timeline_target(t, c->f, rs_layout_timeline_box(g, a - t->target / 2.0, last + t->target / 2.0, b->mark0, b->mark1), action, c->out,
               c->targets);
    char text[48];
    rs_i18n_number((int64_t)n, text, sizeof text);
    const char *label = rs_layout_timeline_text(c->tl, text);
    int w = text_width(c->l, RS_STYLE_SECONDARY, label, strlen(label));
    int half = (w + t->gap) / 2 > (int)r ? (w + t->gap) / 2 : (int)r;
    int across = (int)r + t->gap / 2;
    rs_rect pill = g->vertical ? rs_layout_timeline_box(g, a - r, last + r, px - half, px + half)
                               : rs_layout_timeline_box(g, mid - half < a - r ? mid - half : a - r,
                                     mid + half > last + r ? mid + half : last + r, (int)cm - across,
                                     (int)cm + across);
    rs_draw_fill(c->out, pill, t->muted);
    rs_draw_text(c->out, px - w / 2, py - glyph_height(t, RS_STYLE_SECONDARY) / 2, RS_STYLE_SECONDARY,
                 t->accent_text, label, strlen(label));
}

/* The room along the axis for mark k's label (at a). Landscape's labels
 * take turns in two rows: from a halfway to mark k + 2 (the next one in
 * its row, whose label is centred on it too; mark_label keeps the first
 * word at least). Portrait's column: the way to mark k + 1 (two lines
 * when it is two lines and a gap away). The rest of the plot when there
 * is no such mark in view. */
static double label_room(const frame_ctx *c, const rs_timeline_marks *marks, size_t k, int32_t to, double a)
{
    size_t next = k + (c->g.vertical ? 1 : 2);
    double end = c->g.a0 + c->g.alen;
    if (next < marks->count && marks->items[next].key < to) {
        double an = mark_a(c, &marks->items[next]);
        if (an <= end)
            return c->g.vertical ? an - a : (an - a - c->t->gap) / 2;
    }
    return end - a;
}

/* Whether n marks between a and last fanned out S apart around their
 * middle (after placed_end, inside the plot) move none more than
 * FAN_DAYS (any at the most zoom); *start is the first one's place. */
static bool fan_fits(const frame_ctx *c, double a, double last, size_t n, double S, double placed_end,
                     double *start)
{
    double T = c->t->target, end_a = c->g.a0 + c->g.alen;
    double s = (a + last) / 2 - (double)(n - 1) * S / 2;
    s = s < placed_end + T ? placed_end + T : s;
    s = s < c->g.a0 + T / 2 ? c->g.a0 + T / 2 : s;
    *start = s;
    return ((double)(n - 1) * S / 2 / c->ppd <= FAN_DAYS || c->v.zoom >= c->g.zoom_max * 0.999) &&
           s + (double)(n - 1) * S <= end_a - T / 2;
}

/* Marks closer than a target to the previous one join its cluster: a lone
 * mark shows its shape, a cluster its count (a tap zooms in there). Zoomed
 * in so far that fanning a cluster's marks out a target apart around their
 * middle moves none more than FAN_DAYS (or at the most zoom, where a tap
 * could spread nothing), they are fanned out instead, when they fit. */
void rs_layout_timeline_marks(frame_ctx *c)
{
    const geom *g = &c->g;
    const rs_theme *t = c->t;
    int32_t from, to;
    const rs_timeline_marks *marks = rs_timeline_screen_marks(c->s->timeline, &from, &to);
    double row_end[2] = {-1e9, -1e9};
    double end_a = g->a0 + g->alen, placed_end = -1e9, T = t->target;
    size_t i = 0;
    while (i < marks->count && marks->items[i].key < to) {
        double a = mark_a(c, &marks->items[i]);
        if (a < g->a0 || a > end_a) {
            i++;
            continue;
        }
        size_t j = i;
        double last = a;
        while (j + 1 < marks->count && marks->items[j + 1].key < to) {
            double next = mark_a(c, &marks->items[j + 1]);
            if (next - last >= T || next > end_a)
                break;
            last = next, j++;
        }
        size_t n = j - i + 1;
        /* Portrait fans marks out two lines and a gap apart where that
         * still fits (each label may then take two lines), else a target
         * apart. */
        double S = 2.0 * line_height(t, RS_STYLE_SECONDARY) + t->gap, start;
        if (!g->vertical || S <= T || !fan_fits(c, a, last, n, S, placed_end, &start))
            S = T;
        bool fans = n > 1 && fan_fits(c, a, last, n, S, placed_end, &start);
        if (n == 1) {
            c->label_room = label_room(c, marks, i, to, a);
            lone_mark(c, &marks->items[i], a, row_end);
            placed_end = a;
        } else if (fans) {
            for (size_t k = 0; k < n; k++) {
                double ak = start + (double)k * S;
                size_t ahead = g->vertical ? 1 : 2;
                c->label_room = k + ahead >= n ? label_room(c, marks, i + k, to, ak)
                                : g->vertical ? S : S - t->gap / 2.0;
                lone_mark(c, &marks->items[i + k], ak, row_end);
            }
            placed_end = start + (double)(n - 1) * S;
        } else {
            cluster(c, a, last, n);
            placed_end = last;
        }
        i = j + 1;
    }
}
