/*
 * The world map's layout (issue 14, "World map"): the view's arithmetic
 * (map_view.h) applied to the window. Drawing lands in the next commit.
 */
#include "layout_private.h"

#include "map_view.h"

/* The heading's strip over the map. */
static int heading_height(const rs_theme *t)
{
    return line_height(t, RS_STYLE_LABEL) + 2 * t->gap;
}

/* Where the map is drawn: the viewport under the heading's strip. */
static rs_rect map_area(const rs_theme *t, int width, int height)
{
    int top = t->bar_height + heading_height(t);
    return (rs_rect){0, top, width, height - top > 1 ? height - top : 1};
}

void rs_layout_build_map(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height)
{
    (void)l, (void)t, (void)s, (void)width, (void)height;
}

void rs_layout_draw_map(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                        rs_draw_list *out, rs_target_list *targets)
{
    (void)l, (void)t, (void)f, (void)width, (void)vp, (void)out, (void)targets;
}

void rs_layout_map_first(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view)
{
    (void)l;
    rs_rect area = map_area(t, width, height);
    const rs_map_screen *m = s->map;
    if (m && m->incident && m->has_focus)
        *view = rs_map_view_fit(area, t->gap, t->target, m->focus_x0, m->focus_y0, m->focus_x1, m->focus_y1);
    else
        *view = rs_map_view_world();
}

bool rs_layout_map_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                       float dx, float dy)
{
    (void)l, (void)s;
    return rs_map_view_pan(map_area(t, width, height), t->gap, view, dx, dy);
}

bool rs_layout_map_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                        float factor, float x, float y)
{
    (void)l, (void)s;
    return rs_map_view_zoom(map_area(t, width, height), t->gap, view, factor, x, y);
}

void rs_layout_map_free(rs_layout *l)
{
    (void)l;
}
