/*
 * The world map's view as arithmetic (issue 14, "World map"): where a view
 * (nav.h rs_view: a centre in map units and a zoom) puts the map inside a
 * rectangle of the window, and how a drag or a pinch moves it. Pure: no
 * SDL, no bundle, no layout, so every clamp is tested with plain numbers.
 *
 * Map units are bundle_format.h's RS_MAP_*: Equal Earth on a sphere of
 * radius 1, x east, y south, the world within |x| <= RS_MAP_HALF_WIDTH and
 * |y| <= RS_MAP_HALF_HEIGHT. Zoom 1 fits that whole extent inside the area
 * less pad pixels on every side; RS_MAP_ZOOM_MAX is the closest look.
 */
#ifndef RS_MAP_VIEW_H
#define RS_MAP_VIEW_H

#include <stdbool.h>

#include "draw.h"
#include "nav.h"

/* x8: at 800x480 the world is then about 6,000 px wide and Europe fills the
 * screen; the builder simplifies outlines for about that resolution, so a
 * closer look would only show their corners. */
#define RS_MAP_ZOOM_MAX 8.0

/* A view made concrete for an area: window px = origin + map units * scale. */
typedef struct rs_map_transform {
    double ox, oy, scale;
} rs_map_transform;

/* The transform of view inside area (pad px kept free at zoom 1). */
rs_map_transform rs_map_view_transform(rs_rect area, int pad, const rs_view *view);

/* Window px of map point (mx, my), and back. */
static inline void rs_map_to_window(const rs_map_transform *m, double mx, double my, float *x, float *y)
{
    *x = (float)(m->ox + mx * m->scale), *y = (float)(m->oy + my * m->scale);
}

static inline void rs_map_from_window(const rs_map_transform *m, double x, double y, double *mx, double *my)
{
    *mx = (x - m->ox) / m->scale, *my = (y - m->oy) / m->scale;
}

/* Clamps view: zoom within [1, RS_MAP_ZOOM_MAX] and the centre so that the
 * world never leaves the area (along an axis where the world is smaller
 * than the area it stays centred; where it is larger, its edge never comes
 * inside the area's). A non-finite view becomes the whole world. Returns
 * whether view changed. */
bool rs_map_view_clamp(rs_rect area, int pad, rs_view *view);

/* The whole world, centred, zoom 1. */
rs_view rs_map_view_world(void);

/* The view that shows the map box (x0, y0)-(x1, y1) as large as it fits
 * with margin px around it, clamped (so a box of one small country is shown
 * at RS_MAP_ZOOM_MAX, an empty or invalid box as the whole world). */
rs_view rs_map_view_fit(rs_rect area, int pad, int margin, double x0, double y0, double x1, double y1);

/* Moves view as a finger drags the picture by (dx, dy) px, clamped. False
 * when nothing moved (at the world's edge, or at zoom 1). */
bool rs_map_view_pan(rs_rect area, int pad, rs_view *view, double dx, double dy);

/* Multiplies the zoom by factor keeping the map point under window px
 * (x, y) there (as far as the clamp allows). False when nothing changed. */
bool rs_map_view_zoom(rs_rect area, int pad, rs_view *view, double factor, double x, double y);

#endif
