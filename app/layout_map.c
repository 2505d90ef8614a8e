/* SKELETON: the map's layout, until it lands. */
#include "layout_private.h"

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
    (void)l, (void)t, (void)width, (void)height, (void)s;
    *view = (rs_view){0, 0, 1, true};
}

bool rs_layout_map_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                       float dx, float dy)
{
    (void)l, (void)t, (void)width, (void)height, (void)s, (void)view, (void)dx, (void)dy;
    return false;
}

bool rs_layout_map_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                        float factor, float x, float y)
{
    (void)l, (void)t, (void)width, (void)height, (void)s, (void)view, (void)factor, (void)x, (void)y;
    return false;
}

void rs_layout_map_free(rs_layout *l)
{
    (void)l;
}
