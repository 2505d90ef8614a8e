/*
 * The timeline's layout (issue 14): a time axis across the viewport
 * (down it in portrait), the density bars on it, the marks above them
 * (beside them in portrait) and the incidents' spans in lanes beyond; a row
 * of controls over them (the legend, the undated count, − and +).
 *
 * Nothing is cached per model but the geometry: each frame draws only what
 * the view shows, from the bars (few) and the window of spans and marks the
 * model loaded (bounded), so a frame costs the same at any collection size.
 *
 * Positions along the axis are "a" (window x, or y in portrait), across it
 * "c" (window y, or x); time is days since 1970-01-01 (rs_view.x).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "layout_timeline_private.h"

static void make_geom(const rs_theme *t, int width, int height, const rs_screen *s, geom *g)
{
    memset(g, 0, sizeof *g);
    g->vertical = height > width;
    int top = t->bar_height + t->gap;
    if (g->vertical) {
        /* Portrait is narrow: the legend takes its own line above the buttons. */
        g->legend = (rs_rect){t->margin, top, width - 2 * t->margin, line_height(t, RS_STYLE_SECONDARY)};
        top += g->legend.h + t->gap;
    }
    g->controls = (rs_rect){t->margin, top, width - 2 * t->margin, t->target};
    if (!g->vertical)
        g->legend = g->controls;
    int plot_top = top + t->target + t->gap;
    g->plot = (rs_rect){t->margin, plot_top, width - 2 * t->margin, height - plot_top - t->margin / 2};
    if (g->plot.h < 1)
        g->plot.h = 1;
    if (g->plot.w < 1)
        g->plot.w = 1;
    g->a0 = g->vertical ? g->plot.y : g->plot.x;
    g->alen = g->vertical ? g->plot.h : g->plot.w;
    int32_t first = 0, end = 0;
    if (!s || !s->timeline || !rs_timeline_screen_range(s->timeline, &first, &end)) {
        /* Nothing dated: a year around the epoch's 2000 rather than nothing. */
        first = rs_timeline_days(2000, 1, 1), end = rs_timeline_days(2001, 1, 1);
    }
    double span = (double)end - (double)first;
    double full = span * (1 + 2 * MARGIN_SHARE);
    if (full < MIN_VISIBLE_DAYS)
        full = MIN_VISIBLE_DAYS;
    double mid = ((double)first + (double)end) / 2;
    g->first = mid - full / 2, g->end = mid + full / 2, g->full = full;
    g->zoom_max = full / MIN_VISIBLE_DAYS;
}

/* A view's zoom within the limits (an unset or broken one as 1). */
static double clamp_zoom(const geom *g, double zoom)
{
    if (!(zoom >= 1))
        return 1;
    return zoom > g->zoom_max ? g->zoom_max : zoom;
}

/* The centre within the range: the view never leaves the collection and its
 * margin (at zoom 1 it is the middle). */
static double clamp_centre(const geom *g, double zoom, double x)
{
    double half = g->full / zoom / 2;
    double lo = g->first + half, hi = g->end - half;
    if (!(x == x) || lo >= hi)
        return (g->first + g->end) / 2;
    return x < lo ? lo : x > hi ? hi : x;
}

/* Window px per day, and the day at a position along the axis. */
static double px_per_day(const geom *g, const rs_view *v)
{
    return g->alen * clamp_zoom(g, v->zoom) / g->full;
}

static double day_at(const geom *g, const rs_view *v, double a)
{
    return v->x + (a - (g->a0 + g->alen / 2)) / px_per_day(g, v);
}

double rs_layout_timeline_a_of(const geom *g, const rs_view *v, double day)
{
    return g->a0 + g->alen / 2 + (day - v->x) * px_per_day(g, v);
}

void rs_layout_timeline_first(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                              rs_view *view)
{
    (void)l;
    geom g;
    make_geom(t, width, height, s, &g);
    int year = s && s->timeline ? rs_timeline_screen_year(s->timeline) : 0;
    int month = s && s->timeline ? rs_timeline_screen_month(s->timeline) : 0;
    double zoom = 1, x = (g.first + g.end) / 2;
    if (year > 0) {
        double from = month ? rs_timeline_days(year, month, 1) : rs_timeline_days(year, 1, 1);
        double to = month ? rs_timeline_days(year + (month == 12), month % 12 + 1, 1) : rs_timeline_days(year + 1, 1, 1);
        zoom = clamp_zoom(&g, g.full / ((to - from) * (1 + 2 * MARGIN_SHARE)));
        x = (from + to) / 2;
    }
    *view = (rs_view){clamp_centre(&g, zoom, x), 0, zoom, true};
}

bool rs_layout_timeline_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                            rs_view *view, float dx, float dy)
{
    (void)l;
    geom g;
    make_geom(t, width, height, s, &g);
    double zoom = clamp_zoom(&g, view->zoom);
    double along = g.vertical ? dy : dx;
    /* The picture follows the finger: dragging it later shows earlier days. */
    double x = clamp_centre(&g, zoom, view->x - along / px_per_day(&g, view));
    bool changed = fabs(x - view->x) > 1e-6 || zoom != view->zoom;
    view->x = x, view->zoom = zoom, view->set = true;
    return changed;
}

bool rs_layout_timeline_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                             rs_view *view, float factor, float x, float y)
{
    (void)l;
    geom g;
    make_geom(t, width, height, s, &g);
    if (!(factor > 0))
        return false;
    double zoom = clamp_zoom(&g, view->zoom);
    rs_view before = {clamp_centre(&g, zoom, view->x), 0, zoom, true};
    double a = g.vertical ? y : x;
    double day = day_at(&g, &before, a);
    double new_zoom = clamp_zoom(&g, zoom * factor);
    rs_view after = {0, 0, new_zoom, true};
    /* The day under the finger stays under it. */
    after.x = day - (a - (g.a0 + g.alen / 2)) / px_per_day(&g, &after);
    after.x = clamp_centre(&g, new_zoom, after.x);
    bool changed = fabs(after.x - view->x) > 1e-6 || fabs(new_zoom - view->zoom) > 1e-9;
    *view = after;
    return changed;
}

void rs_layout_timeline_window(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                               const rs_view *view, int32_t *from_key, int32_t *to_key)
{
    (void)l;
    geom g;
    make_geom(t, width, height, s, &g);
    double zoom = clamp_zoom(&g, view->zoom);
    double x = clamp_centre(&g, zoom, view->x);
    /* A quarter of the view more on each side: what a short pan reveals. */
    double half = g.full / zoom * 0.75;
    *from_key = rs_timeline_key((int32_t)floor(x - half));
    *to_key = rs_timeline_key((int32_t)ceil(x + half));
}

/* ---- drawing ---- */

static void make_bands(const geom *g, const rs_theme *t, const rs_screen *s, int month_w, int word_w, bands *b)
{
    int lh = line_height(t, RS_STYLE_SECONDARY);
    const rs_timeline_spans *spans = rs_timeline_screen_spans(s->timeline);
    int wanted = spans->lane_count < RS_TIMELINE_LANES ? spans->lane_count : RS_TIMELINE_LANES;
    b->ms = t->target * 9 / 40;
    if (!g->vertical) {
        /* The lanes the collection needs, the bars the rest (at most half):
         * what is left stays empty at the top, under the controls. */
        rs_rect p = g->plot;
        b->lane_size = t->target;
        int fixed = lh + t->gap / 2 + t->gap + t->target + 2 * lh + t->gap;
        int rest = p.h - fixed;
        int lanes_h = wanted * b->lane_size;
        if (lanes_h > rest - t->target)
            lanes_h = (rest - t->target) / b->lane_size * b->lane_size;
        lanes_h = lanes_h < 0 ? 0 : lanes_h;
        int bars_h = rest - lanes_h;
        bars_h = bars_h > p.h / 2 ? p.h / 2 : bars_h < t->target ? t->target : bars_h;
        b->tick1 = p.y + p.h, b->tick0 = b->tick1 - lh;
        b->axis = b->tick0 - t->gap / 2;
        b->bar1 = b->axis, b->bar0 = b->axis - bars_h;
        b->mark1 = b->bar0 - t->gap, b->mark0 = b->mark1 - t->target;
        b->label1 = b->mark0, b->label0 = b->label1 - 2 * lh;
        b->lane1 = b->label0 - t->gap, b->lane0 = b->lane1 - lanes_h;
    } else {
        rs_rect p = g->plot;
        int ticks_w = month_w + t->gap; /* a name, then a gap to the axis */
        ticks_w = ticks_w > p.w * 26 / 100 ? p.w * 26 / 100 : ticks_w < p.w * 12 / 100 ? p.w * 12 / 100 : ticks_w;
        b->tick0 = p.x, b->tick1 = p.x + ticks_w;
        b->axis = b->tick1 + t->gap / 2;
        b->bar0 = b->axis, b->bar1 = b->axis + p.w * 9 / 100;
        b->mark0 = b->bar1 + t->gap, b->mark1 = b->mark0 + t->target;
        /* Each lane as wide as the widest word of the names needs (they
         * wrap between words in it, see draw_wrapped), at least a target;
         * the marks' labels the rest, which starts beside the marks' shapes
         * and keeps at least five and a half em (an event's kind, such as
         * "Attribution", and a title's first words); no lanes when the
         * collection has no spans. */
        int label_x = (b->mark0 + b->mark1) / 2 + b->ms + t->gap / 2;
        int label_min = t->font_px[RS_STYLE_SECONDARY] * 11 / 2;
        int lane_w = word_w + 2 * t->gap + t->gap / 2;
        lane_w = lane_w < t->target ? t->target : lane_w;
        int lanes_w = wanted * lane_w, lanes_max = p.x + p.w - t->gap - label_x - label_min;
        lanes_w = lanes_w > lanes_max ? lanes_max : lanes_w;
        lanes_w = lanes_w < (wanted ? t->target : 0) ? (wanted ? t->target : 0) : lanes_w;
        b->label0 = label_x - t->gap / 2, b->label1 = p.x + p.w - lanes_w - t->gap;
        b->lane0 = b->label1 + t->gap, b->lane1 = p.x + p.w;
        b->lane_size = lanes_w / (wanted ? wanted : 1);
        b->lane_size = b->lane_size < t->target ? t->target : b->lane_size;
    }
    int room = b->lane1 - b->lane0;
    b->lanes = room / b->lane_size;
    if (b->lanes > wanted)
        b->lanes = wanted;
    if (b->lanes < 0)
        b->lanes = 0;
    /* In portrait the lanes share the room: a wider column holds more of a name. */
    if (g->vertical && b->lanes > 0)
        b->lane_size = room / b->lanes;
}

/* A box from (a0 .. a1) along the axis and (c0 .. c1) across it. */
rs_rect rs_layout_timeline_box(const geom *g, double a0, double a1, int c0, int c1)
{
    int lo = (int)floor(a0), hi = (int)ceil(a1);
    return g->vertical ? (rs_rect){c0, lo, c1 - c0, hi - lo} : (rs_rect){lo, c0, hi - lo, c1 - c0};
}

static rs_timeline_layout *state_of(rs_layout *l)
{
    if (!l->timeline) {
        l->timeline = rs_xcalloc(1, sizeof *l->timeline);
        for (int i = 0; i < 3; i++) {
            l->timeline->shapes[i].xy = rs_xcalloc(SHAPES_MAX * MARK_VERTICES * 2, sizeof(float));
            l->timeline->shapes[i].indices = rs_xcalloc(SHAPES_MAX * MARK_INDICES, sizeof(int));
        }
    }
    return l->timeline;
}

/* Text for this frame (alive until the next): "" when the arena is full. */
const char *rs_layout_timeline_text(rs_timeline_layout *tl, const char *text)
{
    size_t n = strlen(text) + 1;
    if (tl->text_used + n > sizeof tl->text)
        return "";
    char *out = tl->text + tl->text_used;
    memcpy(out, text, n);
    tl->text_used += n;
    return out;
}

/* A mark's shape at (x, y) of radius r into its side's buffer: ▲ accuses,
 * ● answers, ◆ neither, so the side never rests on colour alone. */
void rs_layout_timeline_shape(shape_buffer *b, int side, float x, float y, float r)
{
    if (b->vertex_count + MARK_VERTICES > SHAPES_MAX * MARK_VERTICES)
        return;
    float *v = b->xy + 2 * b->vertex_count;
    int *ix = b->indices + b->index_count, base = b->vertex_count;
    if (side == 0) {
        float pts[] = {x, y - r, x + r * 1.05f, y + r * 0.8f, x - r * 1.05f, y + r * 0.8f};
        memcpy(v, pts, sizeof pts);
        ix[0] = base, ix[1] = base + 1, ix[2] = base + 2;
        b->vertex_count += 3, b->index_count += 3;
    } else if (side == 2) {
        float pts[] = {x, y - r * 1.1f, x + r, y, x, y + r * 1.1f, x - r, y};
        memcpy(v, pts, sizeof pts);
        int tri[] = {0, 1, 2, 0, 2, 3};
        for (int i = 0; i < 6; i++)
            ix[i] = base + tri[i];
        b->vertex_count += 4, b->index_count += 6;
    } else {
        v[0] = x, v[1] = y;
        for (int i = 0; i < 12; i++) {
            double angle = (double)i * 3.14159265358979 / 6;
            v[2 + 2 * i] = x + r * (float)cos(angle), v[3 + 2 * i] = y + r * (float)sin(angle);
            ix[3 * i] = base, ix[3 * i + 1] = base + 1 + i, ix[3 * i + 2] = base + 1 + (i + 1) % 12;
        }
        b->vertex_count += 13, b->index_count += 36;
    }
}

static rs_color side_color(const rs_theme *t, int side)
{
    return side == 0 ? t->accuse : side == 1 ? t->answer : t->text;
}

void rs_layout_timeline_target(const rs_theme *t, const rs_frame *f, rs_rect r, rs_action a, rs_draw_list *out,
                               rs_target_list *targets)
{
    (void)t;
    rs_layout_add_target(targets, r, a, true);
    if (rs_action_equal(&f->pressed, &a))
        rs_draw_fill(out, r, t->pressed);
}

/* The widest word of the loaded spans' names, measured again only when
 * other spans were read or the screen, width or language changed (the
 * caller's month_w key). */
static int widest_word(rs_layout *l, rs_timeline_layout *tl, const rs_screen *s)
{
    const rs_timeline_spans *spans = rs_timeline_screen_spans(s->timeline);
    if (tl->worded == spans->items && tl->worded_count == spans->count && tl->measured == s)
        return tl->word_w;
    tl->worded = spans->items, tl->worded_count = spans->count, tl->word_w = 0;
    for (size_t i = 0; i < spans->count; i++) {
        const char *name = spans->items[i].name ? spans->items[i].name : "";
        rs_layout_split_words(name, &tl->words);
        for (size_t k = 0; k < tl->words.count; k++) {
            const rs_line *w = &tl->words.lines[k];
            int px = w->length ? text_width(l, RS_STYLE_SECONDARY, name + w->start, w->length) : 0;
            tl->word_w = px > tl->word_w ? px : tl->word_w;
        }
    }
    return tl->word_w;
}

static rs_color mix(rs_color a, rs_color b, int percent_a)
{
    int pb = 100 - percent_a;
    return (rs_color){(uint8_t)((a.r * percent_a + b.r * pb) / 100), (uint8_t)((a.g * percent_a + b.g * pb) / 100),
                      (uint8_t)((a.b * percent_a + b.b * pb) / 100), 255};
}

/* The first and the day after the last of a date key's period. */
static double period_start(int32_t key)
{
    int year = key / 10000, month = key / 100 % 100, day = key % 100;
    return rs_timeline_days(year, month >= 1 && month <= 12 ? month : 1, day >= 1 && day <= 31 ? day : 1);
}

static double period_end(int32_t key)
{
    int year = key / 10000, month = key / 100 % 100, day = key % 100;
    if (month < 1 || month > 12)
        return rs_timeline_days(year + 1, 1, 1);
    if (day < 1 || day > 31)
        return rs_timeline_days(year + (month == 12), month % 12 + 1, 1);
    return rs_timeline_days(year, month, day) + 1;
}

/* Labels placed along the axis (a0 .. a1), so that none overlaps another. */
#define PLACED_MAX 256
typedef struct placed {
    double a0[PLACED_MAX], a1[PLACED_MAX];
    size_t count;
} placed;

static bool place(placed *p, double a0, double a1, double gap)
{
    if (p->count == PLACED_MAX)
        return false;
    for (size_t i = 0; i < p->count; i++)
        if (a0 < p->a1[i] + gap && p->a0[i] < a1 + gap)
            return false;
    p->a0[p->count] = a0, p->a1[p->count] = a1, p->count++;
    return true;
}

/* One tick and its label, if the label has room (along: its width in
 * landscape, a line in portrait, within the plot). */
static void tick(frame_ctx *c, placed *p, double day, const char *label, bool major)
{
    const geom *g = &c->g;
    const bands *b = &c->b;
    const rs_theme *t = c->t;
    double a = rs_layout_timeline_a_of(g, &c->v, day);
    if (a < g->a0 || a > g->a0 + g->alen)
        return;
    int len = major ? t->gap : t->gap / 2;
    rs_draw_fill(c->out, rs_layout_timeline_box(g, a - 1, a + 1, b->axis - (g->vertical ? len : 0), b->axis + (g->vertical ? 0 : len)),
                 major ? t->text : t->muted);
    if (!label)
        return;
    int lh = line_height(t, RS_STYLE_SECONDARY), inset = glyph_inset(t, RS_STYLE_SECONDARY);
    int w = text_width(c->l, RS_STYLE_SECONDARY, label, strlen(label));
    rs_color color = major ? t->text : t->muted;
    if (!g->vertical) {
        double x = a + t->gap / 2.0;
        if (x + w > g->a0 + g->alen || !place(p, a, x + w, t->gap))
            return;
        rs_draw_text(c->out, (int)x, b->tick0 + inset, RS_STYLE_SECONDARY, color, label, strlen(label));
    } else {
        int room = b->tick1 - b->tick0 - t->gap;
        if (w > room || a + lh > g->a0 + g->alen || !place(p, a, a + lh, 0))
            return;
        rs_draw_text(c->out, b->tick1 - t->gap - w, (int)a + inset, RS_STYLE_SECONDARY, color, label, strlen(label));
    }
}

/* The axis, its years, months and days as far as they have room. */
static void draw_ticks(frame_ctx *c)
{
    const geom *g = &c->g;
    const rs_theme *t = c->t;
    rs_timeline_layout *tl = c->tl;
    rs_draw_fill(c->out, rs_layout_timeline_box(g, g->a0, g->a0 + g->alen, c->b.axis - 1, c->b.axis + 1), t->muted);
    placed p = {.count = 0};
    int lh = line_height(t, RS_STYLE_SECONDARY);
    double need = g->vertical ? lh + t->gap : text_width(c->l, RS_STYLE_SECONDARY, "0000", 4) + 2 * t->gap;
    static const int steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
    int step = 10000;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && step == 10000; i++)
        if (steps[i] * 365.25 * c->ppd >= need)
            step = steps[i];
    int first_year = rs_timeline_key((int32_t)floor(c->day0)) / 10000, last_year =
        rs_timeline_key((int32_t)ceil(c->day1)) / 10000;
    char text[32];
    for (int y = first_year - first_year % step; y <= last_year; y += step) {
        snprintf(text, sizeof text, "%d", y);
        tick(c, &p, rs_timeline_days(y, 1, 1), rs_layout_timeline_text(tl, text), true);
    }
    double month_px = 30.44 * c->ppd;
    if (month_px >= 2 * t->gap)
        for (int y = first_year; y <= last_year; y++)
            for (int m = 2; m <= 12; m++)
                tick(c, &p, rs_timeline_days(y, m, 1), rs_i18n_month_name(m), false);
    if (7 * c->ppd >= need)
        for (int y = first_year; y <= last_year; y++)
            for (int m = 1; m <= 12; m++) {
                double start = rs_timeline_days(y, m, 1);
                if (start + 31 < c->day0 || start > c->day1)
                    continue;
                double next = rs_timeline_days(y + (m == 12), m % 12 + 1, 1);
                for (int d = 8; d <= 29 && start + d - 1 < next; d += 7) {
                    snprintf(text, sizeof text, "%d", d);
                    tick(c, &p, start + d - 1, rs_layout_timeline_text(tl, text), false);
                }
            }
}

/* One bar of count statements over [start, end) days, tapped to route. */
static void bar(frame_ctx *c, double start, double end, int64_t count, int64_t max, rs_route route)
{
    const geom *g = &c->g;
    const bands *b = &c->b;
    const rs_theme *t = c->t;
    double a0 = rs_layout_timeline_a_of(g, &c->v, start) + 1, a1 = rs_layout_timeline_a_of(g, &c->v, end) - 1;
    a0 = a0 < g->a0 ? g->a0 : a0;
    a1 = a1 > g->a0 + g->alen ? g->a0 + g->alen : a1;
    if (a1 - a0 < 1 || count <= 0)
        return;
    int extent = b->bar1 - b->bar0;
    int h = (int)((double)extent * (double)count / (double)(max > count ? max : count));
    h = h < 3 ? 3 : h;
    rs_action action = {.kind = RS_ACT_ROUTE, .route = route};
    rs_layout_timeline_target(t, c->f, rs_layout_timeline_box(g, a0, a1, b->bar0, b->bar1), action, c->out, c->targets);
    int top = g->vertical ? b->axis + h : b->axis - h;
    rs_rect r = g->vertical ? rs_layout_timeline_box(g, a0, a1, b->axis, top) : rs_layout_timeline_box(g, a0, a1, top, b->axis);
    rs_draw_fill(c->out, r, mix(t->accent, t->surface, 30));
    rs_draw_fill(c->out, g->vertical ? rs_layout_timeline_box(g, a0, a1, top - 2, top) : rs_layout_timeline_box(g, a0, a1, top, top + 2), t->accent);
    /* Its count beyond its end when there is room, else inside it. */
    char text[48];
    rs_i18n_number(count, text, sizeof text);
    const char *label = rs_layout_timeline_text(c->tl, text);
    int w = text_width(c->l, RS_STYLE_SECONDARY, label, strlen(label));
    int lh = line_height(t, RS_STYLE_SECONDARY), inset = glyph_inset(t, RS_STYLE_SECONDARY);
    if (!g->vertical) {
        if (w + t->gap > a1 - a0)
            return;
        int y = top - lh >= b->bar0 ? top - lh : top + 2;
        rs_draw_text(c->out, (int)((a0 + a1 - w) / 2), y + inset, RS_STYLE_SECONDARY, t->text, label, strlen(label));
    } else {
        if (lh > a1 - a0)
            return;
        int x = top + t->gap / 2 + w <= b->bar1 ? top + t->gap / 2 : top - w - t->gap / 2;
        if (x < b->axis)
            return;
        rs_draw_text(c->out, x, (int)((a0 + a1 - lh) / 2) + inset, RS_STYLE_SECONDARY, t->text, label,
                     strlen(label));
    }
}

/* Statements per month where a month is at least a target wide, else per
 * year; only the bars in view (found by a binary search). */
static void draw_bars(frame_ctx *c)
{
    const rs_timeline_screen *tl = c->s->timeline;
    bool months = 30.44 * c->ppd >= c->t->target;
    int from_year = rs_timeline_key((int32_t)floor(c->day0)) / 10000;
    if (months) {
        const rs_timeline_bars *bars = rs_timeline_screen_bars(tl);
        size_t lo = 0, hi = bars->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (bars->items[mid].year < from_year)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < bars->count; i++) {
            const rs_timeline_bar *b = &bars->items[i];
            if (b->month < 1 || b->month > 12)
                continue; /* dated by year only: in the year's bar */
            double start = rs_timeline_days(b->year, b->month, 1);
            if (start > c->day1)
                break;
            double end = rs_timeline_days(b->year + (b->month == 12), b->month % 12 + 1, 1);
            bar(c, start, end, b->count, rs_timeline_screen_month_max(tl),
                (rs_route){.kind = RS_ROUTE_MONTH, .year = b->year, .month = b->month});
        }
        return;
    }
    size_t count;
    const rs_timeline_year *years = rs_timeline_screen_years(tl, &count);
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (years[mid].year < from_year)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < count; i++) {
        double start = rs_timeline_days(years[i].year, 1, 1);
        if (start > c->day1)
            break;
        bar(c, start, rs_timeline_days(years[i].year + 1, 1, 1), years[i].count, rs_timeline_screen_year_max(tl),
            (rs_route){.kind = RS_ROUTE_YEAR, .year = years[i].year});
    }
}

/* A span's name: inside it when it fits, else after it up to the next
 * span of its lane, else cut to the larger room (landscape). */
static void span_label_across(frame_ctx *c, const rs_timeline_span *sp, double v0, double v1, double next,
                              int c0, int c1, double *last_end)
{
    const rs_theme *t = c->t;
    int pad = t->gap;
    int inset = (c1 - c0 - glyph_height(t, RS_STYLE_SECONDARY)) / 2;
    double start = v0 + pad > *last_end + t->gap ? v0 + pad : *last_end + t->gap;
    double inside = v1 - pad - start;
    double outside_start = v1 + pad > *last_end + t->gap ? v1 + pad : *last_end + t->gap;
    double outside = next - t->gap - outside_start;
    const char *name = sp->name ? sp->name : "";
    int w = text_width(c->l, RS_STYLE_SECONDARY, name, strlen(name));
    bool in = w <= inside || (w > outside && inside >= outside);
    double x = in ? start : outside_start, room = in ? inside : outside;
    int shown = rs_layout_draw_fitted(c->l, &c->tl->words, c->out, (int)x, c0 + inset, RS_STYLE_SECONDARY, in ? t->accent_text : t->text,
                            name, (int)room);
    if (shown)
        *last_end = x + shown;
}

/* Incidents as spans in their lanes, as many lanes as fit. */
static void draw_spans(frame_ctx *c)
{
    const geom *g = &c->g;
    const bands *b = &c->b;
    const rs_theme *t = c->t;
    const rs_timeline_spans *spans = rs_timeline_screen_spans(c->s->timeline);
    double last_end[RS_TIMELINE_LANES];
    for (int i = 0; i < RS_TIMELINE_LANES; i++)
        last_end[i] = -1e9;
    double end_a = g->a0 + g->alen;
    for (size_t i = 0; i < spans->count; i++) {
        const rs_timeline_span *sp = &spans->items[i];
        if (sp->lane < 0 || sp->lane >= b->lanes)
            continue;
        double a0 = rs_layout_timeline_a_of(g, &c->v, period_start(sp->first_key)), a1 = rs_layout_timeline_a_of(g, &c->v, period_end(sp->last_key));
        if (a1 - a0 < t->target) /* a short span stays a target wide */
            a0 = (a0 + a1 - t->target) / 2, a1 = a0 + t->target;
        if (a1 < g->a0 || a0 > end_a)
            continue;
        double v0 = a0 < g->a0 ? g->a0 : a0, v1 = a1 > end_a ? end_a : a1;
        double next = end_a;
        if (i + 1 < spans->count && spans->items[i + 1].lane == sp->lane) {
            double n0 = rs_layout_timeline_a_of(g, &c->v, period_start(spans->items[i + 1].first_key));
            next = n0 < next ? n0 : next;
        }
        int c0 = b->lane0 + sp->lane * b->lane_size, c1 = c0 + b->lane_size;
        rs_route route = {.kind = RS_ROUTE_INCIDENT};
        snprintf(route.slug, sizeof route.slug, "%s", sp->slug ? sp->slug : "");
        rs_action action = {.kind = RS_ACT_ROUTE, .route = route};
        if (sp->slug)
            rs_layout_timeline_target(t, c->f, rs_layout_timeline_box(g, v0, v1, c0, c1), action, c->out, c->targets);
        if (!g->vertical) {
            rs_draw_fill(c->out, rs_layout_timeline_box(g, v0, v1, c0 + t->gap / 2, c1 - t->gap / 2), t->accent);
            span_label_across(c, sp, v0, v1, next, c0 + t->gap / 2, c1 - t->gap / 2, &last_end[sp->lane]);
            continue;
        }
        /* Portrait: a rule down the lane, its name beside its top. */
        rs_draw_fill(c->out, rs_layout_timeline_box(g, v0, v1, c0, c0 + t->gap), t->accent);
        int lh = line_height(t, RS_STYLE_SECONDARY);
        if (v0 < last_end[sp->lane] || v0 + lh > end_a)
            continue;
        /* Up to three lines, as far as the span or the next one's name allows. */
        int x = c0 + 2 * t->gap;
        int lines = (int)(((next < v1 ? v1 : next) - v0) / lh);
        lines = lines < 1 ? 1 : lines > 3 ? 3 : lines;
        int drawn = rs_layout_draw_wrapped(c->l, &c->tl->words, c->out, x, (int)v0 + glyph_inset(t, RS_STYLE_SECONDARY), t->text,
                                 sp->name ? sp->name : "", c1 - x - t->gap / 2, lh, lines);
        if (drawn)
            last_end[sp->lane] = v0 + drawn * lh;
    }
}

static void zoom_button(frame_ctx *c, rs_rect r, const char *label, int step, bool enabled)
{
    const rs_theme *t = c->t;
    rs_action action = {.kind = RS_ACT_ZOOM, .index = step};
    bool pressed = enabled && rs_action_equal(&c->f->pressed, &action);
    rs_draw_fill(c->out, r, pressed ? t->pressed : t->surface);
    rs_draw_outline(c->out, r, enabled ? t->accent : t->divider, enabled ? 2 : 1);
    int w = text_width(c->l, RS_STYLE_TITLE, label, strlen(label));
    rs_draw_text(c->out, r.x + (r.w - w) / 2, r.y + (r.h - glyph_height(t, RS_STYLE_TITLE)) / 2, RS_STYLE_TITLE,
                 enabled ? t->accent : t->divider, label, strlen(label));
    if (enabled)
        rs_layout_add_target(c->targets, r, action, true);
}

/* − and + at the end of the controls row, the undated count before them,
 * the legend from the start (its own line in portrait). */
static void draw_controls(frame_ctx *c)
{
    const geom *g = &c->g;
    const rs_theme *t = c->t;
    rs_rect row = g->controls;
    int right = row.x + row.w;
    rs_rect plus = {right - t->target, row.y, t->target, t->target};
    rs_rect minus = {plus.x - t->gap - t->target, row.y, t->target, t->target};
    zoom_button(c, minus, "−", -1, c->v.zoom > 1 + 1e-9);
    zoom_button(c, plus, "+", 1, c->v.zoom < g->zoom_max - 1e-9);
    int legend_end = g->vertical ? g->legend.x + g->legend.w : minus.x - t->gap;
    const char *undated = rs_timeline_screen_undated_label(c->s->timeline);
    if (undated) {
        int pad = t->gap * 2;
        int w = text_width(c->l, RS_STYLE_SECONDARY, undated, strlen(undated)) + 2 * pad;
        rs_rect r = {minus.x - t->gap * 2 - w, row.y, w, t->target};
        if (r.x < row.x)
            r.x = row.x, r.w = minus.x - t->gap * 2 - row.x;
        rs_action action = {.kind = RS_ACT_ROUTE, .route = {.kind = RS_ROUTE_UNDATED}};
        rs_layout_timeline_target(t, c->f, r, action, c->out, c->targets);
        rs_draw_outline(c->out, r, t->divider, 1);
        rs_layout_draw_fitted(c->l, &c->tl->words, c->out, r.x + pad, r.y + (r.h - glyph_height(t, RS_STYLE_SECONDARY)) / 2,
                    RS_STYLE_SECONDARY, t->accent, undated, r.w - 2 * pad);
        if (!g->vertical)
            legend_end = r.x - t->gap * 2;
    }
    int x = g->legend.x;
    float r = (float)t->font_px[RS_STYLE_SECONDARY] * 0.45f;
    int cy = g->legend.y + g->legend.h / 2;
    for (int side = 0; side < 3 && x + 2 * (int)r < legend_end; side++) {
        rs_layout_timeline_shape(&c->tl->shapes[side], side, (float)x + r, (float)cy, r);
        x += 2 * (int)r + t->gap / 2;
        const char *word = rs_timeline_screen_legend(c->s->timeline, side);
        int shown = rs_layout_draw_fitted(c->l, &c->tl->words, c->out, x, cy - glyph_height(t, RS_STYLE_SECONDARY) / 2, RS_STYLE_SECONDARY,
                                t->text, word, legend_end - x);
        x += shown + t->gap * 2;
    }
}

void rs_layout_build_timeline(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height)
{
    (void)s, (void)width;
    /* Nothing scrolls: the content is the viewport. */
    l->content_height = (float)(height - t->bar_height);
}

void rs_layout_draw_timeline(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                             rs_draw_list *out, rs_target_list *targets)
{
    const rs_screen *s = f->screen;
    if (!s->timeline)
        return;
    frame_ctx c = {.l = l, .t = t, .f = f, .s = s, .tl = state_of(l), .out = out, .targets = targets};
    c.tl->text_used = 0;
    for (int i = 0; i < 3; i++)
        c.tl->shapes[i].vertex_count = c.tl->shapes[i].index_count = 0;
    int height = vp.y + vp.h;
    make_geom(t, width, height, s, &c.g);
    c.v = f->view;
    if (!c.v.set)
        rs_layout_timeline_first(l, t, width, height, s, &c.v);
    c.v.zoom = clamp_zoom(&c.g, c.v.zoom);
    c.v.x = clamp_centre(&c.g, c.v.zoom, c.v.x);
    c.ppd = px_per_day(&c.g, &c.v);
    c.day0 = day_at(&c.g, &c.v, c.g.a0), c.day1 = day_at(&c.g, &c.v, c.g.a0 + c.g.alen);
    /* A screen freed and another built at its address speaks the language
     * of the moment: the language is part of the key. */
    if (c.tl->measured != s || c.tl->measured_width != width || c.tl->measured_language != (int)rs_i18n_current()) {
        c.tl->measured = s, c.tl->measured_width = width, c.tl->measured_language = (int)rs_i18n_current();
        c.tl->month_w = 0;
        c.tl->worded = NULL;
        for (int m = 1; m <= 12; m++) {
            int w = text_width(l, RS_STYLE_SECONDARY, rs_i18n_month_name(m), strlen(rs_i18n_month_name(m)));
            c.tl->month_w = w > c.tl->month_w ? w : c.tl->month_w;
        }
    }
    make_bands(&c.g, t, s, c.tl->month_w, widest_word(l, c.tl, s), &c.b);
    draw_bars(&c);
    draw_ticks(&c);
    draw_spans(&c);
    rs_layout_timeline_marks(&c);
    draw_controls(&c);
    for (int i = 0; i < 3; i++) {
        shape_buffer *b = &c.tl->shapes[i];
        rs_draw_triangles(out, vp, side_color(t, i), b->xy, b->vertex_count, b->indices, b->index_count);
    }
}

void rs_layout_timeline_free(rs_layout *l)
{
    if (!l->timeline)
        return;
    for (int i = 0; i < 3; i++)
        free(l->timeline->shapes[i].xy), free(l->timeline->shapes[i].indices);
    rs_line_list_free(&l->timeline->words);
    free(l->timeline);
    l->timeline = NULL;
}
