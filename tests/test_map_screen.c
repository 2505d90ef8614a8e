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
#include "map_mesh.h"
#include "map_raster.h"
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

/* ---- the model, from hand-made shapes ---- */

/* A square shape of code with its corner at (x, y), side long. */
static rs_map_shape square(const char *code, float x, float y, float side)
{
    rs_map_shape s;
    memset(&s, 0, sizeof s);
    snprintf(s.code, sizeof s.code, "%s", code);
    s.x0 = x, s.y0 = y, s.x1 = x + side, s.y1 = y + side;
    s.cx = x + side / 2, s.cy = y + side / 2, s.area = side * side;
    s.vertex_count = 4, s.triangle_count = 2, s.ring_count = 1;
    s.xy = rs_xcalloc(8, sizeof *s.xy);
    const float xy[8] = {x, y, x + side, y, x + side, y + side, x, y + side};
    memcpy(s.xy, xy, sizeof xy);
    s.indices = rs_xcalloc(6, sizeof *s.indices);
    const uint16_t indices[6] = {0, 1, 2, 0, 2, 3};
    memcpy(s.indices, indices, sizeof indices);
    s.ring_ends = rs_xcalloc(1, sizeof *s.ring_ends);
    s.ring_ends[0] = 4;
    return s;
}

/* Two squares side by side (AA, BB), a tiny island (CC) and a square with
 * nothing in the collection (DD), in code order as the bundle gives them. */
static rs_world_map hand_made_world(void)
{
    rs_world_map w = {rs_xcalloc(4, sizeof(rs_map_shape)), 4};
    w.shapes[0] = square("AA", 0, 0, 1);
    w.shapes[1] = square("BB", 1, 0, 1);
    w.shapes[2] = square("CC", -1, -0.5f, 0.002f);
    w.shapes[3] = square("DD", -2, 0, 0.5f);
    return w;
}

static rs_facet facet(const char *key, const char *label, int64_t count, int kind)
{
    return (rs_facet){(char *)key, (char *)label, NULL, count, 0, kind};
}

static rs_map_screen *hand_made_model(bool incident)
{
    rs_world_map world = hand_made_world();
    rs_facet items[] = {facet("BB", "Beeland", 3, 0), facet("EU", "European Union", 5, 1),
                        facet("AA", "Aland", 10, 0), facet("CC", "Ceeland", 1, 0)};
    rs_facet_list countries = {items, 4};
    static const char *const members[] = {"BB", "DD", "ZZ"};
    rs_map_party parties[] = {
        {"AA", "Aland", "speaker accuser", NULL, 0},
        {"CC", "Ceeland", "accused", NULL, 0},
        {"EU", "EU", "accuser", members, 3},
        {"MSFT", "Microsoft", "accuser mentioned", NULL, 0},
        {"XX", "Nobody", "mentioned", NULL, 0},
    };
    rs_map_screen *m = rs_map_screen_create(&world, &countries, parties, incident ? 5 : 0, incident);
    assert_int_equal(world.count, 0); /* taken */
    return m;
}

static void test_model_classes(void **state)
{
    (void)state;
    rs_map_screen *m = hand_made_model(false);
    assert_int_equal(m->country_count, 4);
    /* Counts 1, 3 and 10: three classes, one country each. */
    assert_int_equal(m->class_count, 3);
    assert_int_equal(m->class_min[1], 1), assert_int_equal(m->class_max[1], 1);
    assert_int_equal(m->class_min[2], 2), assert_int_equal(m->class_max[2], 3);
    assert_int_equal(m->class_min[3], 4), assert_int_equal(m->class_max[3], 10);
    assert_int_equal(m->countries[0].klass, 3);
    assert_string_equal(m->countries[0].name, "Aland");
    assert_int_equal(m->countries[1].klass, 2);
    assert_int_equal(m->countries[2].klass, 1);
    assert_int_equal(m->countries[3].klass, 0);
    assert_null(m->countries[3].name);
    assert_false(m->incident);
    assert_int_equal(m->arrow_count, 0);
    rs_map_screen_destroy(m);
}

/* Quantile classes over many counts: five classes of about as many
 * countries each, ties never split. */
static void test_model_quantiles(void **state)
{
    (void)state;
    static const int64_t counts[12] = {1, 1, 1, 1, 2, 3, 5, 8, 13, 21, 400, 9000};
    rs_world_map world = {rs_xcalloc(12, sizeof(rs_map_shape)), 12};
    rs_facet items[12];
    char codes[12][4], labels[12][8];
    for (int i = 0; i < 12; i++) {
        snprintf(codes[i], sizeof codes[i], "C%c", 'A' + i);
        snprintf(labels[i], sizeof labels[i], "n%d", i);
        world.shapes[i] = square(codes[i], (float)i * 0.1f, 0, 0.05f);
        items[i] = facet(codes[i], labels[i], counts[i], 0);
    }
    rs_facet_list countries = {items, 12};
    rs_map_screen *m = rs_map_screen_create(&world, &countries, NULL, 0, false);
    /* Class k ends at the count of country ceil(12 k / 5) of 12 (the 3rd,
     * 5th, 8th, 10th and 12th): 1, 2, 8, 21 and 9000; the four 1s stay
     * together. */
    assert_int_equal(m->class_count, 5);
    const int64_t lo[5] = {1, 2, 3, 9, 22}, hi[5] = {1, 2, 8, 21, 9000};
    for (int k = 1; k <= 5; k++) {
        assert_int_equal(m->class_min[k], lo[k - 1]);
        assert_int_equal(m->class_max[k], hi[k - 1]);
    }
    const int want[12] = {1, 1, 1, 1, 2, 3, 3, 3, 4, 4, 5, 5};
    for (int i = 0; i < 12; i++)
        assert_int_equal(m->countries[i].klass, want[i]);
    rs_map_screen_destroy(m);
    /* No statements anywhere: no class, nothing tappable. */
    world = hand_made_world();
    rs_facet_list none = {NULL, 0};
    m = rs_map_screen_create(&world, &none, NULL, 0, false);
    assert_int_equal(m->class_count, 0);
    for (size_t i = 0; i < m->country_count; i++)
        assert_int_equal(m->countries[i].klass, 0);
    rs_map_screen_destroy(m);
}

static void test_model_incident(void **state)
{
    (void)state;
    rs_map_screen *m = hand_made_model(true);
    assert_true(m->incident);
    assert_int_equal(m->countries[0].roles, RS_MAP_ACCUSER);
    assert_int_equal(m->countries[1].roles, 0);
    assert_int_equal(m->countries[1].member_roles, RS_MAP_ACCUSER); /* through the EU */
    assert_int_equal(m->countries[2].roles, RS_MAP_ACCUSED);
    assert_int_equal(m->countries[3].member_roles, RS_MAP_ACCUSER);
    /* Parties with territory are marks; Microsoft has none: a badge. The
     * EU's mark is its members' centroids weighted by area. */
    assert_int_equal(m->mark_count, 3);
    assert_string_equal(m->marks[0].code, "AA");
    assert_string_equal(m->marks[1].code, "CC");
    assert_string_equal(m->marks[2].code, "EU");
    assert_string_equal(m->marks[2].name, "EU");
    assert_double_equal(m->marks[2].x, (1.5 * 1 + -1.75 * 0.25) / 1.25, 1e-6);
    assert_double_equal(m->marks[2].y, (0.5 * 1 + 0.25 * 0.25) / 1.25, 1e-6);
    assert_int_equal(m->badge_count, 1);
    assert_string_equal(m->badges[0].code, "MSFT");
    assert_int_equal(m->badges[0].roles, RS_MAP_ACCUSER);
    /* Every accuser to every accused: Aland, the EU and Microsoft to Ceeland. */
    assert_int_equal(m->arrow_count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_false(m->arrows[i].to.badge);
        assert_string_equal(m->marks[m->arrows[i].to.index].code, "CC");
    }
    assert_false(m->arrows[0].from.badge), assert_int_equal(m->arrows[0].from.index, 0);
    assert_false(m->arrows[1].from.badge), assert_int_equal(m->arrows[1].from.index, 2);
    assert_true(m->arrows[2].from.badge), assert_int_equal(m->arrows[2].from.index, 0);
    /* The first view's box: every highlighted shape. */
    assert_true(m->has_focus);
    assert_double_equal(m->focus_x0, -2, 1e-6), assert_double_equal(m->focus_y0, -0.5, 1e-6);
    assert_double_equal(m->focus_x1, 2, 1e-6), assert_double_equal(m->focus_y1, 1, 1e-6);
    rs_map_screen_destroy(m);
}

static void test_country_at(void **state)
{
    (void)state;
    rs_map_screen *m = hand_made_model(false);
    assert_int_equal(rs_map_screen_country_at(m, 0.5, 0.5), 0);
    assert_int_equal(rs_map_screen_country_at(m, 1.99, 0.01), 1);
    assert_int_equal(rs_map_screen_country_at(m, -0.999, -0.499), 2);
    assert_int_equal(rs_map_screen_country_at(m, -1.75, 0.25), 3);
    assert_int_equal(rs_map_screen_country_at(m, 0.5, 1.5), -1);
    assert_int_equal(rs_map_screen_country_at(m, -1.4, 0.25), -1);
    assert_int_equal(rs_map_screen_country_at(m, NAN, 0), -1);
    rs_map_screen_destroy(m);
}

/* ---- the layout ---- */

static int fake_width(void *context, int style, const char *text, size_t length)
{
    (void)context, (void)text;
    return (int)length * (8 + style);
}

static const rs_text_measure fake = {NULL, fake_width};

typedef struct drawn {
    rs_layout *layout;
    rs_theme theme;
    rs_draw_list out;
    rs_target_list targets;
    rs_layout_info info;
    int width, height;
} drawn;

static bool pinching; /* draw()'s frames are a pinch's */

static void draw(drawn *d, rs_screen *s, rs_view view, int width, int height, bool high_contrast)
{
    if (!d->layout)
        d->layout = rs_layout_create(fake);
    rs_theme_options options = {1, 1, high_contrast};
    d->theme = rs_theme_make(width, height, &options);
    d->width = width, d->height = height;
    static const char *const crumbs[] = {"Home", "Map"};
    rs_frame f = {.screen = s, .crumbs = crumbs, .crumb_count = 2, .view = view, .scaling = pinching};
    rs_layout_frame(d->layout, &d->theme, width, height, &f, &d->out, &d->targets, &d->info);
}

static void drawn_free(drawn *d)
{
    rs_layout_destroy(d->layout);
    rs_draw_free(&d->out);
    rs_target_list_free(&d->targets);
}

/* Where map point (x, y) is in the window for view at this size. */
static void window_of(const drawn *d, rs_view view, double x, double y, float *wx, float *wy)
{
    int top = d->theme.bar_height + d->theme.font_px[RS_STYLE_LABEL] * 145 / 100 + 2 * d->theme.gap;
    rs_rect map = {0, top, d->width, d->height - top};
    rs_map_transform m = rs_map_view_transform(map, d->theme.gap, &view);
    rs_map_to_window(&m, x, y, wx, wy);
}

static rs_screen *map_screen(rs_map_screen *model)
{
    rs_screen *s = rs_xcalloc(1, sizeof *s);
    s->kind = RS_SCREEN_MAP;
    s->heading = rs_xstrdup("World map");
    s->map = model;
    return s;
}

/* The action a tap at window (x, y) finds, as a route ("" for none). */
static void tap(const drawn *d, float x, float y, char *route, size_t size)
{
    const rs_target *t = rs_target_at(&d->targets, (int)x, (int)y);
    route[0] = '\0';
    if (t && t->action.kind == RS_ACT_ROUTE)
        rs_route_format(&t->action.route, route, size);
    else if (t && t->action.kind != RS_ACT_NONE)
        snprintf(route, size, "action %d %d", (int)t->action.kind, (int)t->action.index);
}

static void test_layout_draws_and_taps(void **state)
{
    (void)state;
    rs_screen *s = map_screen(hand_made_model(false));
    drawn d = {0};
    rs_view view = {0.5, 0.5, 4, true};
    draw(&d, s, view, 800, 480, false);
    /* Land as rows (RS_DRAW_RECTS) in the three classes' colours (YlGnBu)
     * and the thin borders, within the map; nothing as triangles. */
    size_t triangles = 0, rows = 0;
    bool class_color[3] = {false};
    const rs_color palette[3] = {{0xC7, 0xE9, 0xB4, 0xFF}, {0x41, 0xB6, 0xC4, 0xFF}, {0x25, 0x34, 0x94, 0xFF}};
    for (size_t i = 0; i < d.out.count; i++) {
        const rs_draw_command *c = &d.out.items[i];
        if (c->kind == RS_DRAW_RECTS) {
            rows++;
            for (int k = 0; k < 3; k++)
                class_color[k] |= !memcmp(&c->color, &palette[k], sizeof c->color);
            for (size_t r = 0; r < c->rect_count; r++) {
                const rs_rect *q = &c->rects[r];
                assert_int_equal(q->h, 1);
                assert_true(q->w > 0 && q->x >= c->rect.x && q->x + q->w <= c->rect.x + c->rect.w);
                assert_true(q->y >= c->rect.y && q->y < c->rect.y + c->rect.h);
            }
        }
        if (c->kind != RS_DRAW_TRIANGLES)
            continue;
        triangles++;
        for (int v = 0; v < c->index_count; v++)
            assert_true(c->indices[v] >= 0 && c->indices[v] < c->vertex_count);
    }
    assert_int_equal(triangles, 0), assert_true(rows >= 3); /* two classes and the borders */
    assert_true(class_color[1]), assert_true(class_color[2]); /* BB and AA; CC is off screen */
    char route[160];
    float x, y;
    /* A tap inside a square: its page, through its triangles. */
    window_of(&d, view, 0.9, 0.1, &x, &y);
    tap(&d, x, y, route, sizeof route);
    assert_string_equal(route, "countries/AA");
    window_of(&d, view, 1.1, 0.9, &x, &y);
    tap(&d, x, y, route, sizeof route);
    assert_string_equal(route, "countries/BB");
    /* The sea beside them and the country with no statements: nothing. */
    window_of(&d, view, 0.5, 1.2, &x, &y);
    tap(&d, x, y, route, sizeof route);
    assert_string_equal(route, "");
    /* + is there, - is not at... zoom 4 both are. */
    bool plus = false, minus = false;
    for (size_t i = 0; i < d.targets.count; i++) {
        const rs_action *a = &d.targets.items[i].action;
        plus |= a->kind == RS_ACT_ZOOM && a->index == 1;
        minus |= a->kind == RS_ACT_ZOOM && a->index == -1;
        if (a->kind == RS_ACT_ZOOM) {
            assert_true(d.targets.items[i].rect.w >= d.theme.target);
            assert_true(d.targets.items[i].rect.h >= d.theme.target);
        }
    }
    assert_true(plus), assert_true(minus);
    /* The whole world: - is disabled at its limit (no action). */
    view = rs_map_view_world();
    draw(&d, s, view, 800, 480, false);
    plus = minus = false;
    for (size_t i = 0; i < d.targets.count; i++) {
        const rs_action *a = &d.targets.items[i].action;
        plus |= a->kind == RS_ACT_ZOOM && a->index == 1;
        minus |= a->kind == RS_ACT_ZOOM && a->index == -1;
    }
    assert_true(plus), assert_false(minus);
    /* The tiny island: a tap beside it (inside the minimum target, on the
     * sea) still opens it; a little further, nothing. */
    window_of(&d, view, -0.999, -0.499, &x, &y);
    float near = (float)d.theme.target / 2 - 2;
    tap(&d, x + near, y - near, route, sizeof route);
    assert_string_equal(route, "countries/CC");
    tap(&d, x + near + 6, y, route, sizeof route);
    assert_string_equal(route, "");
    drawn_free(&d);
    rs_screen_destroy(s);
}

/* High contrast: the classes are patterns in black, never colour. */
static void test_layout_high_contrast(void **state)
{
    (void)state;
    rs_screen *s = map_screen(hand_made_model(false));
    drawn d = {0};
    draw(&d, s, (rs_view){0.5, 0.5, 4, true}, 800, 480, true);
    for (size_t i = 0; i < d.out.count; i++) {
        const rs_draw_command *c = &d.out.items[i];
        if (c->kind != RS_DRAW_TRIANGLES && c->kind != RS_DRAW_RECTS)
            continue;
        bool black = c->color.r == 0 && c->color.g == 0 && c->color.b == 0;
        bool white = c->color.r == 0xFF && c->color.g == 0xFF && c->color.b == 0xFF;
        assert_true(black || white);
    }
    drawn_free(&d);
    rs_screen_destroy(s);
}

/* No map in the bundle: a sentence, no triangles, no country targets. */
static void test_layout_no_map(void **state)
{
    (void)state;
    rs_world_map world = {NULL, 0};
    rs_screen *s = map_screen(rs_map_screen_create(&world, NULL, NULL, 0, false));
    drawn d = {0};
    draw(&d, s, rs_map_view_world(), 800, 480, false);
    bool sentence = false;
    for (size_t i = 0; i < d.out.count; i++) {
        const rs_draw_command *c = &d.out.items[i];
        assert_int_not_equal(c->kind, RS_DRAW_TRIANGLES);
        assert_int_not_equal(c->kind, RS_DRAW_RECTS);
        if (c->kind == RS_DRAW_TEXT && c->length >= 4 && !strncmp(c->text, "This", 4))
            sentence = true;
    }
    assert_true(sentence);
    for (size_t i = 0; i < d.targets.count; i++)
        assert_true(d.targets.items[i].action.kind != RS_ACT_ROUTE || !d.targets.items[i].in_content);
    drawn_free(&d);
    rs_screen_destroy(s);
}

/* ---- the corpus's map ---- */

static void assert_same_rows(const drawn *a, const drawn *b, size_t min_commands);

/* The hit test: for each country of the sample corpus with
 * statements, centred and as close as the map goes, a tap on its centroid
 * opens its page; at zoom 1 each centroid on screen opens it or a name
 * laid over it, and the ocean does nothing. */
static void test_corpus_taps(void **state)
{
    (void)state;
    char error[256] = "";
    rs_bundle *b = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(b);
    rs_nav_entry entry = {0};
    assert_true(rs_route_parse("map", &entry.route, error, sizeof error));
    rs_screen *s = rs_screen_build(b, &entry, error, sizeof error);
    assert_non_null(s);
    const rs_map_screen *m = s->map;
    if (!m->country_count) {
        print_message("the sample bundle has no map shapes: the corpus taps are skipped\n");
        rs_screen_destroy(s), rs_bundle_close(b);
        skip();
    }
    drawn d = {0};
    size_t tested = 0;
    for (size_t i = 0; i < m->country_count; i++) {
        const rs_map_country *c = &m->countries[i];
        if (!c->klass)
            continue;
        rs_view view = {c->shape->cx, c->shape->cy, RS_MAP_ZOOM_MAX, true};
        draw(&d, s, view, 800, 480, false);
        /* One centroid to the next at the closest zoom is a pan by whole
         * px, near or past the raster's margin: the rows are those a
         * fresh layout draws either way. */
        drawn fresh = {0};
        draw(&fresh, s, view, 800, 480, false);
        assert_same_rows(&d, &fresh, 1);
        drawn_free(&fresh);
        float x, y;
        window_of(&d, view, c->shape->cx, c->shape->cy, &x, &y);
        char route[160], want[160];
        tap(&d, x, y, route, sizeof route);
        snprintf(want, sizeof want, "countries/%s", c->shape->code);
        assert_string_equal(route, want);
        tested++;
    }
    assert_true(tested >= 5);
    /* The middle of the Pacific and of the South Atlantic: nothing. */
    rs_view world = rs_map_view_world();
    draw(&d, s, world, 800, 480, false);
    const double sea[2][2] = {{-2.2, 0.1}, {-0.4, 0.6}};
    for (int k = 0; k < 2; k++) {
        float x, y;
        char route[160];
        assert_int_equal(rs_map_screen_country_at(m, sea[k][0], sea[k][1]), -1);
        window_of(&d, world, sea[k][0], sea[k][1], &x, &y);
        tap(&d, x, y, route, sizeof route);
        assert_string_equal(route, "");
    }
    drawn_free(&d);
    rs_screen_destroy(s);
    rs_bundle_close(b);
}

/* ---- the software renderer's rows ---- */

/* A 4x4 square as two triangles sharing a diagonal, placed off the pixel
 * grid: every pixel whose centre is inside exactly once, no gap, no
 * overlap; clipped rows and columns left out; a bad index or a NaN skips
 * its triangle. */
static void test_spans(void **state)
{
    (void)state;
    const float xy[8] = {1.2f, 0.7f, 5.2f, 0.7f, 5.2f, 4.7f, 1.2f, 4.7f};
    const int indices[6] = {0, 1, 2, 0, 2, 3};
    rs_rect *spans = NULL;
    size_t count = 0, capacity = 0;
    rs_mesh_spans(xy, 4, indices, 6, 0, 0, 100, 100, &spans, &count, &capacity);
    int covered[8][8] = {{0}};
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(spans[i].h, 1);
        for (int x = spans[i].x; x < spans[i].x + spans[i].w; x++)
            covered[spans[i].y][x]++;
    }
    /* Centres x + 0.5 in [1.2, 5.2): columns 1..4; y + 0.5 in [0.7, 4.7): rows 1..4. */
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            assert_int_equal(covered[y][x], x >= 1 && x <= 4 && y >= 1 && y <= 4 ? 1 : 0);
    count = 0;
    rs_mesh_spans(xy, 4, indices, 6, 2, 2, 4, 100, &spans, &count, &capacity);
    int pixels = 0;
    for (size_t i = 0; i < count; i++) {
        assert_true(spans[i].x >= 2 && spans[i].x + spans[i].w <= 4 && spans[i].y >= 2);
        pixels += spans[i].w;
    }
    assert_int_equal(pixels, 2 * 3); /* columns 2, 3; rows 2..4 */
    const float bad[8] = {1.2f, 0.7f, NAN, 0.7f, 5.2f, 4.7f, 1.2f, 4.7f};
    const int out_of_range[6] = {0, 1, 9, 0, 2, 3};
    count = 0;
    rs_mesh_spans(bad, 4, indices, 6, 0, 0, 100, 100, &spans, &count, &capacity);
    pixels = 0;
    for (size_t i = 0; i < count; i++)
        pixels += spans[i].w;
    assert_int_equal(pixels, 8 + 2); /* only the second triangle: rows 1..4 hold 1, 2, 3, 4 minus the diagonal's */
    count = 0;
    rs_mesh_spans(xy, 4, out_of_range, 6, 0, 0, 100, 100, &spans, &count, &capacity);
    assert_true(count > 0 && count <= 4);
    free(spans);
}

/* Whether pixel (x, y)'s centre is inside the rings (even-odd), counted
 * the slow way: a ray to the right, an edge meeting it when its ends are on
 * either side of the centre's row (the lower end's row not included). */
static bool brute_inside(const float *xy, const int *ring_counts, int rings, int x, int y)
{
    float px = (float)x + 0.5f, py = (float)y + 0.5f;
    bool in = false;
    for (int r = 0, first = 0; r < rings; first += ring_counts[r++]) {
        int n = ring_counts[r];
        for (int i = 0; i < n; i++) {
            const float *p = &xy[2 * (first + i)], *q = &xy[2 * (first + (i + 1) % n)];
            float ya = fminf(p[1], q[1]), yb = fmaxf(p[1], q[1]);
            if (!(py >= ya && py < yb))
                continue;
            float cx = p[0] + (py - p[1]) * (q[0] - p[0]) / (q[1] - p[1]);
            if (cx > px - 1e-4f && cx <= px + 1e-4f)
                fail_msg("a crossing on the centre of pixel %d,%d: pick other numbers", x, y);
            if (cx > px)
                in = !in;
        }
    }
    return in;
}

/* The scan's spans of rings within (x0, y0)-(x1, y1) of a 24x24 grid:
 * every pixel covered once exactly where brute_inside says (and inside the
 * clip), each span one row high, in order, none touching another of its
 * row. Returns the number of spans. */
static size_t check_scan(const float *xy, const int *ring_counts, int rings, int x0, int y0, int x1, int y1)
{
    rs_scan scan = {0};
    for (int r = 0, first = 0; r < rings; first += ring_counts[r++])
        rs_scan_ring(&scan, xy + 2 * first, ring_counts[r]);
    rs_rect *spans = NULL;
    size_t count = 0, capacity = 0;
    rs_scan_spans(&scan, x0, y0, x1, y1, &spans, &count, &capacity);
    int covered[24][24] = {{0}};
    for (size_t i = 0; i < count; i++) {
        const rs_rect *q = &spans[i];
        assert_int_equal(q->h, 1);
        assert_true(q->w > 0 && q->x >= x0 && q->x + q->w <= x1 && q->y >= y0 && q->y < y1);
        assert_true(q->x >= 0 && q->x + q->w <= 24 && q->y >= 0 && q->y < 24);
        if (i > 0) {
            const rs_rect *p = &spans[i - 1];
            assert_true(p->y < q->y || (p->y == q->y && p->x + p->w < q->x));
        }
        for (int x = q->x; x < q->x + q->w; x++)
            covered[q->y][x]++;
    }
    for (int y = 0; y < 24; y++)
        for (int x = 0; x < 24; x++) {
            bool in = x >= x0 && x < x1 && y >= y0 && y < y1 && brute_inside(xy, ring_counts, rings, x, y);
            if (covered[y][x] != (in ? 1 : 0))
                fail_msg("pixel %d,%d covered %d times, expected %d", x, y, covered[y][x], in ? 1 : 0);
        }
    free(spans);
    rs_scan_free(&scan);
    return count;
}

/* The scanline fill of rings (rs_scan): exact pixels on hand-made shapes. */
static void test_scan(void **state)
{
    (void)state;
    /* A square: centres in [1.2, 5.2) x [0.7, 4.7), columns and rows 1..4. */
    const float square[8] = {1.2f, 0.7f, 5.2f, 0.7f, 5.2f, 4.7f, 1.2f, 4.7f};
    const int one4[1] = {4};
    assert_int_equal(check_scan(square, one4, 1, 0, 0, 24, 24), 4);
    assert_false(brute_inside(square, one4, 1, 0, 1)), assert_true(brute_inside(square, one4, 1, 1, 1));
    assert_true(brute_inside(square, one4, 1, 4, 4)), assert_false(brute_inside(square, one4, 1, 5, 4));
    assert_false(brute_inside(square, one4, 1, 4, 5));
    /* A U, concave: its three top rows one span, the five below two. */
    const float u[16] = {0.2f, 0.2f, 9.2f, 0.2f, 9.2f, 8.2f, 6.2f, 8.2f, 6.2f, 3.2f, 3.2f, 3.2f, 3.2f, 8.2f, 0.2f, 8.2f};
    const int one8[1] = {8};
    assert_int_equal(check_scan(u, one8, 1, 0, 0, 24, 24), 3 + 5 * 2);
    /* A slanted concave star-like shape, against the slow count. */
    const float star[12] = {2.3f, 1.1f, 20.7f, 6.4f, 9.77f, 9.31f, 21.6f, 19.2f, 1.7f, 22.8f, 6.6f, 11.9f};
    const int one6[1] = {6};
    check_scan(star, one6, 1, 0, 0, 24, 24);
    /* Two rings of one colour sharing an edge (in opposite directions):
     * one span a row, no seam; and a ring inside another: a hole. */
    const float pair[16] = {0.2f, 0.2f, 4.2f, 0.2f, 4.2f, 4.2f, 0.2f, 4.2f,
                            4.2f, 4.2f, 4.2f, 0.2f, 8.2f, 0.2f, 8.2f, 4.2f};
    const int two4[2] = {4, 4};
    assert_int_equal(check_scan(pair, two4, 2, 0, 0, 24, 24), 4);
    const float holed[16] = {0.2f, 0.2f, 10.2f, 0.2f, 10.2f, 10.2f, 0.2f, 10.2f,
                             3.2f, 3.2f, 7.2f, 3.2f, 7.2f, 7.2f, 3.2f, 7.2f};
    assert_int_equal(check_scan(holed, two4, 2, 0, 0, 24, 24), 6 + 4 * 2);
    /* Partly outside the clip (and the window): cut at its edges. */
    const float big[8] = {-5.3f, -5.3f, 5.2f, -5.3f, 5.2f, 5.2f, -5.3f, 5.2f};
    assert_int_equal(check_scan(big, one4, 1, 0, 0, 3, 24), 5);
    assert_int_equal(check_scan(big, one4, 1, 2, 3, 24, 24), 2);
    assert_int_equal(check_scan(star, one6, 1, 5, 4, 17, 15), 11);
    /* A ring with a NaN, an infinite or a huge coordinate is left out
     * whole; the rings beside it are drawn. */
    const float bad[3][8] = {{1.2f, 0.7f, NAN, 0.7f, 5.2f, 4.7f, 1.2f, 4.7f},
                             {1.2f, 0.7f, INFINITY, 0.7f, 5.2f, 4.7f, 1.2f, 4.7f},
                             {1.2f, 0.7f, 1e30f, 0.7f, 5.2f, 4.7f, 1.2f, 4.7f}};
    for (int k = 0; k < 3; k++) {
        rs_scan scan = {0};
        rs_scan_ring(&scan, bad[k], 4);
        rs_scan_ring(&scan, square, 4);
        rs_rect *spans = NULL;
        size_t count = 0, capacity = 0;
        rs_scan_spans(&scan, 0, 0, 24, 24, &spans, &count, &capacity);
        assert_int_equal(count, 4);
        for (size_t i = 0; i < count; i++)
            assert_true(spans[i].x == 1 && spans[i].w == 4 && spans[i].y == (int)i + 1);
        free(spans);
        rs_scan_free(&scan);
    }
}

/* Thin lines as spans (rs_line_spans): the pixels each row's stretch
 * meets, one or two px thick, clipped; nothing for a NaN. */
static void test_line_spans(void **state)
{
    (void)state;
    rs_rect *spans = NULL;
    size_t count = 0, capacity = 0;
    rs_line_spans(1.5f, 2.5f, 5.5f, 2.5f, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 1);
    assert_true(spans[0].x == 1 && spans[0].y == 2 && spans[0].w == 5 && spans[0].h == 1);
    count = 0;
    rs_line_spans(5.5f, 2.5f, 1.5f, 2.5f, 2, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 1);
    assert_true(spans[0].x == 1 && spans[0].y == 2 && spans[0].w == 5 && spans[0].h == 2); /* shallow: down */
    count = 0;
    rs_line_spans(3.2f, 4.5f, 3.2f, 1.5f, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 4);
    for (size_t i = 0; i < count; i++)
        assert_true(spans[i].x == 3 && spans[i].y == 1 + (int)i && spans[i].w == 1 && spans[i].h == 1);
    /* A diagonal at 45 degrees: one pixel a row. */
    count = 0;
    rs_line_spans(0.5f, 0.5f, 3.5f, 3.5f, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 4);
    for (size_t i = 0; i < count; i++)
        assert_true(spans[i].x == (int)i && spans[i].w == 1 && spans[i].y == (int)i && spans[i].h == 1);
    /* Shallower: its rows' stretches, x 0.5 to 2 and 2 to 3.5, pass two pixels each. */
    count = 0;
    rs_line_spans(0.5f, 0.5f, 3.5f, 1.5f, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 2);
    assert_true(spans[0].x == 0 && spans[0].w == 2 && spans[1].x == 2 && spans[1].w == 2);
    /* Clipped: to the columns, and rows above the clip left out. */
    count = 0;
    rs_line_spans(-10, 2.5f, 10, 2.5f, 2, 0, 0, 4, 24, &spans, &count, &capacity);
    assert_int_equal(count, 1);
    assert_true(spans[0].x == 0 && spans[0].w == 4 && spans[0].h == 2);
    count = 0;
    rs_line_spans(2, -5, 2, 1.5f, 2, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 2); /* rows 0 and 1, steep: two columns wide */
    for (size_t i = 0; i < count; i++)
        assert_true(spans[i].y == (int)i && spans[i].h == 1 && spans[i].x == 2 && spans[i].w == 2);
    count = 0;
    rs_line_spans(1.5f, -1.5f, 5.5f, -1.5f, 2, 0, -1, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 1); /* a shallow line's row above the clip reaches into it */
    assert_true(spans[0].y == -1 && spans[0].h == 1);
    count = 0;
    rs_line_spans(NAN, 1, 5, 5, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    rs_line_spans(1, 1, 5, INFINITY, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    rs_line_spans(1, 1e30f, 5, 1e30f, 1, 0, 0, 24, 24, &spans, &count, &capacity);
    assert_int_equal(count, 0);
    free(spans);
}

/* The rows (RS_DRAW_RECTS) of two frames are the same, command by command. */
static void assert_same_rows(const drawn *a, const drawn *b, size_t min_commands)
{
    size_t ia = 0, ib = 0, commands = 0;
    for (;;) {
        while (ia < a->out.count && a->out.items[ia].kind != RS_DRAW_RECTS)
            ia++;
        while (ib < b->out.count && b->out.items[ib].kind != RS_DRAW_RECTS)
            ib++;
        if (ia == a->out.count || ib == b->out.count)
            break;
        const rs_draw_command *x = &a->out.items[ia++], *y = &b->out.items[ib++];
        assert_memory_equal(&x->color, &y->color, sizeof x->color);
        assert_int_equal(x->rect_count, y->rect_count);
        assert_memory_equal(x->rects, y->rects, x->rect_count * sizeof *x->rects);
        commands++;
    }
    assert_int_equal(ia, a->out.count), assert_int_equal(ib, b->out.count);
    assert_true(commands >= min_commands);
}

/* A pan at one zoom moves the last frame's rows (within what they cover:
 * the whole zoomed world when it is small, else the area and a margin) or
 * rasterises again (beyond it): either way the very rows a fresh layout
 * draws for that view, on the collection's map and an incident's, and taps
 * still land on the shapes. */
static void pan_reuses_rows(bool incident, double zoom)
{
    rs_screen *s = map_screen(hand_made_model(incident));
    const double moves[][2] = {{0.02, 0.01}, {-0.013, 0.027}, {0.4, -0.3}, {0.0005, 0.0003}, {-0.3, 0.2}};
    rs_view view = {0.5, 0.5, zoom, true};
    drawn panned = {0};
    draw(&panned, s, view, 800, 480, false);
    for (size_t k = 0; k < sizeof moves / sizeof moves[0]; k++) {
        view.x += moves[k][0], view.y += moves[k][1];
        draw(&panned, s, view, 800, 480, false);
        drawn fresh = {0};
        draw(&fresh, s, view, 800, 480, false);
        assert_same_rows(&panned, &fresh, 3);
        drawn_free(&fresh);
    }
    if (!incident) {
        char route[160];
        float x, y;
        window_of(&panned, view, 0.9, 0.1, &x, &y);
        tap(&panned, x, y, route, sizeof route);
        assert_string_equal(route, "countries/AA");
    }
    drawn_free(&panned);
    rs_screen_destroy(s);
}

static void test_pan_reuses_rows(void **state)
{
    (void)state;
    /* This small world is rasterised whole at any zoom; the area and a
     * margin are tested on the corpus's map (test_corpus_taps). */
    pan_reuses_rows(false, 4);
    pan_reuses_rows(false, 1.5);
    pan_reuses_rows(true, 4);
    pan_reuses_rows(true, 1.5);
}

/* The raster's rows moved and clipped: only those meeting the area, rows
 * two high found from the row above the area's band, in any order added. */
static void test_raster_show(void **state)
{
    (void)state;
    rs_map_raster r = {0};
    rs_map_raster_key key = {&r, 2.0, {0, 0, 10, 10}, 480, false};
    rs_map_raster_begin(&r, &key, 0, 0, (rs_rect){-20, -20, 50, 50});
    rs_map_rows *l = &r.layer[1];
    const rs_rect rows[] = {{0, 12, 5, 1}, {-5, 3, 8, 2}, {2, -1, 3, 2}, {4, 9, 30, 1}, {20, 5, 3, 1}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        rs_grow(&l->rows, &l->capacity, l->count + 1, sizeof *l->rows);
        l->rows[l->count++] = rows[i];
    }
    rs_map_raster_order(&r);
    assert_int_equal(l->tallest, 2);
    /* Served: moved by whole px within what is covered; not: a fraction,
     * another scale, beyond the cover. */
    key.area = (rs_rect){0, 0, 10, 10};
    assert_true(rs_map_raster_serves(&r, &key, 3, -2));
    assert_false(rs_map_raster_serves(&r, &key, 3.5, 0));
    assert_false(rs_map_raster_serves(&r, &key, 25, 0));
    key.scale = 3;
    assert_false(rs_map_raster_serves(&r, &key, 0, 0));
    rs_map_raster_frame(&r);
    size_t n;
    const rs_rect *shown = rs_map_raster_show(&r, 1, 0, 1, (rs_rect){0, 0, 10, 10}, &n);
    /* Moved down 1: (2,0,3,2) from the row two high at -1, (0,4,3,2); (4,10), (0,13), (20,6) out. */
    assert_int_equal(n, 2);
    assert_true(shown[0].x == 2 && shown[0].y == 0 && shown[0].w == 3 && shown[0].h == 2);
    assert_true(shown[1].x == 0 && shown[1].y == 4 && shown[1].w == 3 && shown[1].h == 2);
    shown = rs_map_raster_show(&r, 1, 0, 0, (rs_rect){0, 0, 10, 10}, &n);
    assert_int_equal(n, 3); /* (2,0,3,1), (0,3,3,2), (4,9,6,1) */
    assert_true(shown[2].x == 4 && shown[2].y == 9 && shown[2].w == 6 && shown[2].h == 1);
    rs_map_raster_free(&r);
    assert_false(r.valid);
}

/* The tallest row of the first RECTS command (the neutral land). */
static int tallest_land_row(const drawn *d)
{
    for (size_t i = 0; i < d->out.count; i++) {
        const rs_draw_command *c = &d->out.items[i];
        if (c->kind != RS_DRAW_RECTS)
            continue;
        int tallest = 0;
        for (size_t k = 0; k < c->rect_count; k++)
            tallest = c->rects[k].h > tallest ? c->rects[k].h : tallest;
        return tallest;
    }
    return -1;
}

/* A pinch's frames draw the last crisp rows scaled (land rows, one px
 * high when crisp, two high at twice the zoom) and rasterise nothing; the
 * frame after the pinch is exactly a fresh layout's at that view, on the
 * collection's map and an incident's (highlights too), zooming in and
 * out. */
static void pinch_then_crisp(bool incident, double from, double to)
{
    rs_screen *s = map_screen(hand_made_model(incident));
    rs_view view = {0.5, 0.5, from, true};
    drawn pinched = {0};
    draw(&pinched, s, view, 800, 480, false);
    assert_int_equal(tallest_land_row(&pinched), 1);
    pinching = true;
    for (int k = 1; k <= 4; k++) {
        view.zoom = from + (to - from) * k / 4;
        view.x += 0.01;
        draw(&pinched, s, view, 800, 480, false);
    }
    pinching = false;
    if (to >= 2 * from)
        assert_true(tallest_land_row(&pinched) >= 2); /* scaled, not rasterised */
    draw(&pinched, s, view, 800, 480, false);
    assert_int_equal(tallest_land_row(&pinched), 1);
    drawn fresh = {0};
    draw(&fresh, s, view, 800, 480, false);
    assert_same_rows(&pinched, &fresh, 3);
    drawn_free(&fresh);
    drawn_free(&pinched);
    rs_screen_destroy(s);
}

static void test_pinch_scales_then_crisp(void **state)
{
    (void)state;
    pinch_then_crisp(false, 1.5, 4);
    pinch_then_crisp(true, 1.5, 4);
    pinch_then_crisp(false, 4, 1.2);
    pinch_then_crisp(true, 3, 1);
}

/* The raster's rows scaled: each edge from the raster's origin and scale
 * to the frame's and rounded, so rows that touched still touch; clipped;
 * the area taken back to the raster's px must lie in what is covered
 * unless the raster is whole. */
static void test_raster_show_scaled(void **state)
{
    (void)state;
    rs_map_raster r = {0};
    rs_map_raster_key key = {&r, 2.0, {0, 0, 100, 100}, 480, false};
    rs_map_raster_begin(&r, &key, 10, 10, (rs_rect){-50, -50, 200, 200});
    rs_map_rows *l = &r.layer[0];
    rs_grow(&l->rows, &l->capacity, 3, sizeof *l->rows);
    l->rows[l->count++] = (rs_rect){10, 10, 5, 1};
    l->rows[l->count++] = (rs_rect){12, 11, 3, 1};
    l->rows[l->count++] = (rs_rect){90, 200, 5, 1}; /* below the area's band */
    rs_map_raster_order(&r);
    rs_map_raster_key twice = key;
    twice.scale = 4.0;
    /* Twice the scale about origin (20, 30): x 10 -> 20, y 10 -> 30, 11 -> 32. */
    assert_true(rs_map_raster_serves_scaled(&r, &twice, 20, 30));
    assert_false(rs_map_raster_serves(&r, &twice, 20, 30));
    rs_map_raster_frame(&r);
    size_t n;
    const rs_rect *shown = rs_map_raster_show_scaled(&r, 0, 20, 30, 4.0, key.area, &n);
    assert_int_equal(n, 2);
    assert_true(shown[0].x == 20 && shown[0].y == 30 && shown[0].w == 10 && shown[0].h == 2);
    assert_true(shown[1].x == 24 && shown[1].y == 32 && shown[1].w == 6 && shown[1].h == 2);
    /* Half the scale: the area goes back to 200 px of the raster's, past what is covered. */
    rs_map_raster_key half = key;
    half.scale = 1.0;
    assert_false(rs_map_raster_serves_scaled(&r, &half, 0, 0));
    r.whole = true;
    assert_true(rs_map_raster_serves_scaled(&r, &half, 0, 0));
    rs_map_raster_frame(&r);
    shown = rs_map_raster_show_scaled(&r, 0, 0, 0, 1.0, key.area, &n);
    /* x 10 -> 0 + (10 - 10) / 2 = 0, w 5 -> 2.5 rounded at its ends: 0..3; y 10 -> 0..1 (h 0.5 rounds to 1);
     * row 11 -> y 0.5..1 rounds to 1..1: nothing; row 200 -> y 95: shown. */
    assert_int_equal(n, 2);
    assert_true(shown[0].x == 0 && shown[0].y == 0 && shown[0].w == 3 && shown[0].h == 1);
    assert_true(shown[1].x == 40 && shown[1].y == 95 && shown[1].w == 3 && shown[1].h == 1);
    key.model = NULL;
    assert_false(rs_map_raster_serves_scaled(&r, &key, 0, 0));
    rs_map_raster_free(&r);
}

/* Hatching cut from land rows: exactly the pixels whose centre is within
 * width / 2 of a line x + y = 5k (and x - y = 5k crossed), through the
 * origin, clipped to the land; nothing for a spacing under a px. */
static void test_hatch_spans(void **state)
{
    (void)state;
    rs_rect land[] = {{0, 0, 20, 2}, {2, 5, 3, 1}};
    rs_rect *spans = NULL;
    size_t count = 0, capacity = 0;
    rs_hatch_spans(land, 1, 5, false, 1, &spans, &count, &capacity);
    /* Row 0: centres x + 0.5 + 0.5 = 5k, so x = 4, 9, 14, 19; row 1: 3, 8, 13, 18. */
    const int want[8][2] = {{4, 0}, {9, 0}, {14, 0}, {19, 0}, {3, 1}, {8, 1}, {13, 1}, {18, 1}};
    assert_int_equal(count, 8);
    for (size_t i = 0; i < 8; i++)
        assert_true(spans[i].x == want[i][0] && spans[i].y == want[i][1] && spans[i].w == 1 && spans[i].h == 1);
    count = 0;
    rs_hatch_spans(land, 1, 5, true, 1, &spans, &count, &capacity);
    /* Crossed: x - y = 5k adds x = 0, 5, 10, 15 in row 0 (after row 0's first family). */
    assert_int_equal(count, 16);
    assert_true(spans[4].x == 0 && spans[4].y == 0 && spans[7].x == 15 && spans[7].y == 0);
    count = 0;
    /* Wider lines: width 3 is 4.24 px across a row: x + 1 within 2.12 of 5k, clipped to 2..4. */
    rs_hatch_spans(land + 1, 1, 5, false, 3, &spans, &count, &capacity);
    assert_int_equal(count, 1);
    assert_true(spans[0].x == 2 && spans[0].y == 5 && spans[0].w == 3 && spans[0].h == 1);
    count = 0;
    rs_hatch_spans(land, 2, 0.5f, false, 1, &spans, &count, &capacity);
    rs_hatch_spans(land, 2, NAN, false, 1, &spans, &count, &capacity);
    assert_int_equal(count, 0);
    free(spans);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transform_known_points),
        cmocka_unit_test(test_pan_clamps),
        cmocka_unit_test(test_zoom_keeps_point_and_clamps),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_model_classes),
        cmocka_unit_test(test_model_quantiles),
        cmocka_unit_test(test_model_incident),
        cmocka_unit_test(test_country_at),
        cmocka_unit_test(test_layout_draws_and_taps),
        cmocka_unit_test(test_layout_high_contrast),
        cmocka_unit_test(test_layout_no_map),
        cmocka_unit_test(test_corpus_taps),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_line_spans),
        cmocka_unit_test(test_pan_reuses_rows),
        cmocka_unit_test(test_raster_show),
        cmocka_unit_test(test_hatch_spans),
        cmocka_unit_test(test_pinch_scales_then_crisp),
        cmocka_unit_test(test_raster_show_scaled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
