/*
 * The world map's view (map_view.h): scale, clamps, pan and zoom.
 */
#include "map_view.h"

#include <math.h>

#include "bundle_format.h"

/* Map units to px at zoom 1: the world's extent inside area less pad. */
static double base_scale(rs_rect area, int pad)
{
    double w = area.w - 2 * pad, h = area.h - 2 * pad;
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    double sx = w / (2.0 * RS_MAP_HALF_WIDTH), sy = h / (2.0 * RS_MAP_HALF_HEIGHT);
    return sx < sy ? sx : sy;
}

rs_map_transform rs_map_view_transform(rs_rect area, int pad, const rs_view *view)
{
    double scale = base_scale(area, pad) * view->zoom;
    return (rs_map_transform){area.x + area.w / 2.0 - view->x * scale, area.y + area.h / 2.0 - view->y * scale,
                              scale};
}

rs_view rs_map_view_world(void)
{
    return (rs_view){0, 0, 1, true};
}

/* The centre's limit along one axis: half the world less half of what the
 * area shows, or 0 when the world is smaller than the area. */
static double centre_limit(double half_world, double half_area_px, double scale)
{
    double limit = half_world - half_area_px / scale;
    return limit > 0 ? limit : 0;
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

bool rs_map_view_clamp(rs_rect area, int pad, rs_view *view)
{
    rs_view before = *view;
    if (!isfinite(view->x) || !isfinite(view->y) || !isfinite(view->zoom))
        *view = rs_map_view_world();
    view->zoom = clamp(view->zoom, 1, RS_MAP_ZOOM_MAX);
    double scale = base_scale(area, pad) * view->zoom;
    double lx = centre_limit(RS_MAP_HALF_WIDTH, area.w / 2.0, scale);
    double ly = centre_limit(RS_MAP_HALF_HEIGHT, area.h / 2.0, scale);
    view->x = clamp(view->x, -lx, lx);
    view->y = clamp(view->y, -ly, ly);
    view->set = true;
    return view->x != before.x || view->y != before.y || view->zoom != before.zoom || !before.set;
}

rs_view rs_map_view_fit(rs_rect area, int pad, int margin, double x0, double y0, double x1, double y1)
{
    rs_view view = rs_map_view_world();
    if (!(isfinite(x0) && isfinite(y0) && isfinite(x1) && isfinite(y1)) || x1 < x0 || y1 < y0)
        return view;
    double w = area.w - 2 * margin, h = area.h - 2 * margin;
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    double bw = x1 - x0, bh = y1 - y0;
    double scale = fmin(bw > 0 ? w / bw : INFINITY, bh > 0 ? h / bh : INFINITY);
    view.zoom = isfinite(scale) ? scale / base_scale(area, pad) : RS_MAP_ZOOM_MAX;
    view.x = (x0 + x1) / 2, view.y = (y0 + y1) / 2;
    rs_map_view_clamp(area, pad, &view);
    return view;
}

bool rs_map_view_pan(rs_rect area, int pad, rs_view *view, double dx, double dy)
{
    rs_view before = *view;
    rs_map_view_clamp(area, pad, view);
    double scale = base_scale(area, pad) * view->zoom;
    if (isfinite(dx) && isfinite(dy))
        view->x -= dx / scale, view->y -= dy / scale;
    rs_map_view_clamp(area, pad, view);
    return view->x != before.x || view->y != before.y || view->zoom != before.zoom;
}

bool rs_map_view_zoom(rs_rect area, int pad, rs_view *view, double factor, double x, double y)
{
    rs_view before = *view;
    rs_map_view_clamp(area, pad, view);
    if (isfinite(factor) && factor > 0 && isfinite(x) && isfinite(y)) {
        rs_map_transform m = rs_map_view_transform(area, pad, view);
        double mx, my;
        rs_map_from_window(&m, x, y, &mx, &my);
        view->zoom = clamp(view->zoom * factor, 1, RS_MAP_ZOOM_MAX);
        /* The same map point under (x, y) at the new scale. */
        double scale = base_scale(area, pad) * view->zoom;
        double cx = area.x + area.w / 2.0, cy = area.y + area.h / 2.0;
        view->x = mx - (x - cx) / scale, view->y = my - (y - cy) / scale;
    }
    rs_map_view_clamp(area, pad, view);
    return view->x != before.x || view->y != before.y || view->zoom != before.zoom;
}
