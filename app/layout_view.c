/*
 * Screens with a view (maps and timelines): the pan and zoom entry points
 * of layout.h, handed to the screen's own layout (layout_map.c,
 * layout_timeline.c).
 */
#include "layout_private.h"

bool rs_layout_has_view(const rs_screen *s)
{
    return s && (s->kind == RS_SCREEN_MAP || s->kind == RS_SCREEN_TIMELINE);
}

void rs_layout_view_first(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view)
{
    if (s->kind == RS_SCREEN_MAP)
        rs_layout_map_first(l, t, width, height, s, view);
    else if (s->kind == RS_SCREEN_TIMELINE)
        rs_layout_timeline_first(l, t, width, height, s, view);
}

bool rs_layout_view_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                        float dx, float dy)
{
    if (s->kind == RS_SCREEN_MAP)
        return rs_layout_map_pan(l, t, width, height, s, view, dx, dy);
    if (s->kind == RS_SCREEN_TIMELINE)
        return rs_layout_timeline_pan(l, t, width, height, s, view, dx, dy);
    return false;
}

bool rs_layout_view_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                         float factor, float x, float y)
{
    if (s->kind == RS_SCREEN_MAP)
        return rs_layout_map_zoom(l, t, width, height, s, view, factor, x, y);
    if (s->kind == RS_SCREEN_TIMELINE)
        return rs_layout_timeline_zoom(l, t, width, height, s, view, factor, x, y);
    return false;
}
