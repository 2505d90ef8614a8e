/* Maps and timelines in a session without SDL (issue 14): one finger drags
 * and flings the view, two fingers pinch it, the + and - keys and buttons,
 * the wheel and the arrows move it, and a tap through to a statement and
 * Back find the same view. Time is a fake clock; text a fake measure.
 *
 * Where a view must be is computed by a second layout of our own through
 * layout.h's rs_layout_view_pan/zoom (the screens' own arithmetic), so the
 * tests say exactly what the session asks of the screen: a drag pans by the
 * finger's movement, a pinch by the midpoint's and zooms by the distance
 * ratio about it, a fling by the distance of a list's fling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "session.h"
#include "support.h"
#include "utf8.h"

#define WIDTH 800
#define HEIGHT 480
#define FRAME 16

static char *scratch, *corpus_path;
static rs_bundle *corpus;
static rs_layout *reference; /* computes where a view must be */
static uint64_t clock_ms;
static int window_w = WIDTH, window_h = HEIGHT; /* the sessions' size */

static int fake_width(void *context, int style, const char *text, size_t length)
{
    (void)context, (void)style;
    int width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        width += cp < 0x80 ? 10 : 20;
    }
    return width;
}

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    corpus_path = support_path(scratch, "corpus.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = corpus_path};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_destroy(diags);
    char error[512];
    corpus = ok ? rs_bundle_open(corpus_path, error, sizeof error) : NULL;
    reference = rs_layout_create((rs_text_measure){NULL, fake_width});
    return corpus ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_layout_destroy(reference);
    rs_bundle_close(corpus);
    support_remove_tree(scratch);
    free(scratch), free(corpus_path);
    return 0;
}

static void frame(rs_session *s)
{
    rs_draw_list draw = {0};
    rs_session_frame(s, clock_ms, &draw);
    rs_draw_free(&draw);
}

static rs_session *start(const char *route)
{
    rs_session *s = rs_session_create(corpus, (rs_text_measure){NULL, fake_width}, window_w, window_h);
    char error[512];
    assert_int_equal(rs_session_open(s, route, error, sizeof error), 0);
    clock_ms = 1000;
    frame(s); /* the view's first place is set when it is first laid out */
    return s;
}

/* Lets time pass in frames, drawing when asked, as the app does. */
static void run_for(rs_session *s, unsigned ms)
{
    rs_draw_list draw = {0};
    for (uint64_t end = clock_ms + ms; clock_ms < end;) {
        clock_ms += FRAME;
        rs_session_tick(s, clock_ms);
        if (rs_session_needs_frame(s))
            rs_session_frame(s, clock_ms, &draw);
    }
    rs_draw_free(&draw);
}

static void finger(rs_session *s, int64_t id, rs_pointer_phase phase, float x, float y)
{
    rs_session_finger(s, id, phase, x, y, clock_ms);
}

static rs_view view_of(rs_session *s)
{
    const rs_nav *nav = rs_session_nav(s);
    return nav->entries[nav->depth - 1].view;
}

/* The view after the screen's own pan or zoom, from view. */
static rs_view panned(rs_session *s, rs_view view, float dx, float dy)
{
    rs_layout_view_pan(reference, rs_session_theme(s), window_w, window_h, rs_session_screen(s), &view, dx, dy);
    return view;
}

static rs_view zoomed(rs_session *s, rs_view view, float factor, float x, float y)
{
    rs_layout_view_zoom(reference, rs_session_theme(s), window_w, window_h, rs_session_screen(s), &view, factor, x, y);
    return view;
}

static void expect_view(rs_view got, rs_view want)
{
    if (got.x != want.x || got.y != want.y || got.zoom != want.zoom || !got.set)
        fail_msg("view (%.9g, %.9g) x%.9g, expected (%.9g, %.9g) x%.9g", got.x, got.y, got.zoom, want.x, want.y,
                 want.zoom);
}

static bool same_view(rs_view a, rs_view b)
{
    return a.x == b.x && a.y == b.y && a.zoom == b.zoom;
}

static void expect_route(rs_session *s, const char *expected)
{
    const rs_nav *nav = rs_session_nav(s);
    char route[256];
    rs_route_format(&nav->entries[nav->depth - 1].route, route, sizeof route);
    if (strcmp(route, expected) != 0)
        fail_msg("on %s, expected %s", route, expected);
}

/* The centre of the first target with this action that a touch there
 * would hit (a country's box may have a smaller country, or the legend, at
 * its centre). */
static bool find_target(rs_session *s, rs_action_kind kind, int64_t index, const char *route_prefix, float *x,
                        float *y)
{
    frame(s);
    const rs_target_list *targets = rs_session_targets(s);
    for (size_t i = 0; i < targets->count; i++) {
        const rs_target *t = &targets->items[i];
        if (t->action.kind != kind || (index >= 0 && t->action.index != index))
            continue;
        if (route_prefix) {
            char text[256];
            rs_route_format(&t->action.route, text, sizeof text);
            if (strncmp(text, route_prefix, strlen(route_prefix)) != 0)
                continue;
        }
        int cx = t->rect.x + t->rect.w / 2, cy = t->rect.y + t->rect.h / 2;
        const rs_target *hit = rs_target_at(targets, cx, cy);
        if (!hit || !rs_action_equal(&hit->action, &t->action))
            continue;
        *x = (float)cx;
        *y = (float)cy;
        return true;
    }
    return false;
}

static void zoom_keys(rs_session *s, rs_key key, int times)
{
    for (int i = 0; i < times; i++)
        rs_session_key(s, key, clock_ms);
    frame(s);
}

/* ---- two fingers ---- */

/* A second finger pinches: the view pans by the midpoint's movement and
 * zooms by the distance ratio about it, report by report. */
static void test_pinch_zooms_and_pans_the_map(void **state)
{
    (void)state;
    rs_session *s = start("map");
    rs_view want = view_of(s);
    assert_true(want.set);
    assert_true(want.zoom == 1.0);

    finger(s, 11, RS_POINTER_DOWN, 300, 300);
    run_for(s, FRAME);
    finger(s, 12, RS_POINTER_DOWN, 400, 300);
    expect_view(view_of(s), want); /* a finger down moves nothing */
    /* Finger 12 moves right by 100: distance 100 -> 200, midpoint 350 -> 400. */
    run_for(s, FRAME);
    finger(s, 12, RS_POINTER_MOVE, 500, 300);
    want = zoomed(s, panned(s, want, 50, 0), 2.0f, 400, 300);
    expect_view(view_of(s), want);
    assert_true(fabs(view_of(s).zoom - 2.0) < 1e-9);
    /* Finger 11 moves up and left: distance 200 -> 250, midpoint to (375, 285). */
    run_for(s, FRAME);
    finger(s, 11, RS_POINTER_MOVE, 250, 270);
    double distance = sqrt(250.0 * 250 + 30 * 30);
    want = zoomed(s, panned(s, want, -25, -15), (float)(distance / 200), 375, 285);
    expect_view(view_of(s), want);
    /* Lifting: held still first, so no fling; nothing moves afterwards. */
    run_for(s, 100);
    finger(s, 11, RS_POINTER_UP, 250, 270);
    finger(s, 12, RS_POINTER_MOVE, 600, 100); /* the finger left behind does nothing */
    run_for(s, 500);
    finger(s, 12, RS_POINTER_UP, 600, 100);
    run_for(s, 500);
    expect_view(view_of(s), want);
    expect_route(s, "map");
    rs_session_destroy(s);
}

/* A second finger cancels what the first began: no tap, not even after the
 * first lifts alone; one finger then taps as before. */
static void test_pinch_cancels_the_tap(void **state)
{
    (void)state;
    rs_session *s = start("home");
    float x, y;
    assert_true(find_target(s, RS_ACT_ROUTE, -1, "dates", &x, &y));
    finger(s, 1, RS_POINTER_DOWN, x, y);
    run_for(s, 48);
    finger(s, 2, RS_POINTER_DOWN, x + 150, y);
    run_for(s, 48);
    finger(s, 1, RS_POINTER_UP, x, y); /* where a tap would land */
    run_for(s, 48);
    finger(s, 2, RS_POINTER_UP, x + 150, y);
    run_for(s, 48);
    expect_route(s, "home");
    /* The first finger lifting first, the second left behind and lifted
     * where it went down: no tap either. */
    finger(s, 1, RS_POINTER_DOWN, x, y);
    finger(s, 2, RS_POINTER_DOWN, x, y + 60);
    finger(s, 1, RS_POINTER_UP, x, y);
    run_for(s, 48);
    finger(s, 2, RS_POINTER_UP, x, y + 60);
    run_for(s, 48);
    expect_route(s, "home");
    /* One finger alone: the tap it always was. */
    finger(s, 7, RS_POINTER_DOWN, x, y);
    run_for(s, 48);
    finger(s, 7, RS_POINTER_UP, x, y);
    run_for(s, 48);
    expect_route(s, "dates");
    rs_session_destroy(s);
}

/* No idle reset while any finger is on the glass, pinching or left behind;
 * the countdown follows as usual once the glass is empty. */
static void test_no_reset_while_fingers_are_down(void **state)
{
    (void)state;
    rs_session *s = start("map");
    rs_session_set_idle(s, 2000, 1000, 0);
    finger(s, 1, RS_POINTER_DOWN, 300, 300);
    finger(s, 2, RS_POINTER_DOWN, 400, 300);
    run_for(s, 10000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    assert_false(rs_session_at_home(s));
    finger(s, 1, RS_POINTER_UP, 300, 300);
    run_for(s, 10000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_route(s, "map");
    finger(s, 2, RS_POINTER_UP, 400, 300);
    run_for(s, 1900);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    run_for(s, 200);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    run_for(s, 1000);
    expect_route(s, "home");
    rs_session_destroy(s);
}

/* A pinch whose first finger dismissed the countdown only dismissed it. */
static void test_pinch_on_the_countdown_only_dismisses_it(void **state)
{
    (void)state;
    rs_session *s = start("map");
    rs_session_set_idle(s, 2000, 5000, 0);
    run_for(s, 2100);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    rs_view before = view_of(s);
    finger(s, 1, RS_POINTER_DOWN, 300, 300);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    finger(s, 2, RS_POINTER_DOWN, 400, 300);
    for (int k = 1; k <= 10; k++) {
        run_for(s, FRAME);
        finger(s, 2, RS_POINTER_MOVE, 400 + 20 * (float)k, 300 + 10 * (float)k);
    }
    finger(s, 2, RS_POINTER_UP, 600, 400);
    finger(s, 1, RS_POINTER_UP, 300, 300);
    run_for(s, 1000);
    expect_view(view_of(s), before);
    /* The next pinch works. */
    finger(s, 1, RS_POINTER_DOWN, 300, 300);
    finger(s, 2, RS_POINTER_DOWN, 400, 300);
    run_for(s, FRAME);
    finger(s, 2, RS_POINTER_MOVE, 500, 300);
    expect_view(view_of(s), zoomed(s, panned(s, before, 50, 0), 2.0f, 400, 300));
    finger(s, 2, RS_POINTER_UP, 500, 300);
    finger(s, 1, RS_POINTER_UP, 300, 300);
    rs_session_destroy(s);
}

/* ---- one finger: drag and fling ---- */

/* Drags from (x, 300) leftwards at speed px per frame (beyond the slop, so
 * the picture follows from the first frame) for frames frames;
 * still: held still 100 ms before lifting. want gets the view the drag's
 * pans make. */
static void drag_left(rs_session *s, float x, float speed, int frames, bool still, rs_view *want)
{
    finger(s, 5, RS_POINTER_DOWN, x, 300);
    for (int k = 1; k <= frames; k++) {
        run_for(s, FRAME);
        finger(s, 5, RS_POINTER_MOVE, x - speed * (float)k, 300);
        *want = panned(s, *want, -speed, 0);
        expect_view(view_of(s), *want); /* the picture follows the finger */
    }
    if (still)
        run_for(s, 100);
    finger(s, 5, RS_POINTER_UP, x - speed * (float)frames, 300);
}

/* A drag pans the map by exactly the finger's movement; let go while moving
 * it flings on with a list's decay (a 1 px/ms release travels 325 ms *
 * (1 - 5/1000) = 323.375 px more) and stops. */
static void test_drag_and_fling_on_the_map(void **state)
{
    (void)state;
    rs_session *s = start("map");
    zoom_keys(s, RS_KEY_ZOOM_IN, 3);
    assert_true(fabs(view_of(s).zoom - 3.375) < 1e-9);

    rs_view want = view_of(s);
    drag_left(s, 600, 16, 10, true, &want);
    run_for(s, 1000);
    expect_view(view_of(s), want); /* held still: no fling */
    assert_true(want.x > 0); /* dragging left brings the east into view */

    rs_view released = view_of(s);
    drag_left(s, 600, 16, 10, false, &want);
    released = view_of(s);
    expect_view(released, want);
    run_for(s, FRAME);
    assert_true(view_of(s).x > released.x); /* it goes on after the finger lifted */
    assert_int_equal(rs_session_timeout(s, clock_ms), FRAME);
    run_for(s, 3000);
    rs_view end = view_of(s);
    rs_view fling = panned(s, released, -323.375f, 0);
    assert_true(fabs(end.x - fling.x) < 1e-6 * fabs(fling.x));
    assert_true(end.y == released.y && end.zoom == released.zoom);
    assert_false(same_view(fling, panned(s, released, -320, 0))); /* not at the map's edge */
    assert_true(rs_session_timeout(s, clock_ms) > FRAME); /* stopped: the app may sleep */
    run_for(s, 500);
    expect_view(view_of(s), end);

    /* A finger down catches a fling where it is. */
    want = end;
    drag_left(s, 600, 16, 10, false, &want);
    run_for(s, 5 * FRAME);
    rs_view caught = view_of(s);
    finger(s, 6, RS_POINTER_DOWN, 400, 300);
    run_for(s, 500);
    expect_view(view_of(s), caught);
    finger(s, 6, RS_POINTER_UP, 400, 300);
    expect_route(s, "map");
    rs_session_destroy(s);
}

/* A fling that reaches the map's edge stops there, long before its own
 * end (a 750 px/s fling would run 1.7 s). */
static void test_fling_stops_at_the_edge(void **state)
{
    (void)state;
    rs_session *s = start("map");
    zoom_keys(s, RS_KEY_ZOOM_IN, 1);
    rs_view want = view_of(s);
    rs_view edge = panned(s, want, -100000, 0);
    drag_left(s, 700, 12, 3, false, &want);
    rs_view released = view_of(s);
    assert_false(same_view(released, edge));
    assert_true(same_view(panned(s, released, -150, 0), edge)); /* within 300 ms of fling */
    run_for(s, 300);
    expect_view(view_of(s), edge);
    assert_true(rs_session_timeout(s, clock_ms) > FRAME);
    rs_session_destroy(s);
}

/* The timeline: the same drag, fling and pinch along its axis (x in
 * landscape, in days); a vertical drag moves nothing. */
static void test_timeline_by_touch(void **state)
{
    (void)state;
    rs_session *s = start("timeline");
    rs_view first = view_of(s);
    assert_true(first.set);
    zoom_keys(s, RS_KEY_ZOOM_IN, 3);
    rs_view want = view_of(s);
    assert_true(fabs(want.zoom - first.zoom * 3.375) < 1e-6 * want.zoom);
    drag_left(s, 600, 16, 10, false, &want); /* checks each frame */
    assert_true(want.x > first.x); /* dragging left brings later days into view */
    rs_view released = view_of(s);
    run_for(s, 3000);
    rs_view end = view_of(s);
    rs_view fling = panned(s, released, -323.375f, 0);
    assert_true(fabs(end.x - fling.x) < 1e-3); /* days */
    assert_false(same_view(fling, panned(s, released, -320, 0)));
    assert_true(rs_session_timeout(s, clock_ms) > FRAME);

    /* Keys: Right and Down both show later days, Left and Up earlier
     * ones, a step (twice the target size) each. */
    float step = (float)rs_session_theme(s)->target * 2;
    rs_key later[] = {RS_KEY_RIGHT, RS_KEY_DOWN}, earlier[] = {RS_KEY_LEFT, RS_KEY_UP};
    for (size_t i = 0; i < 2; i++) {
        rs_view before = view_of(s);
        rs_session_key(s, later[i], clock_ms);
        run_for(s, 200);
        rs_view after = panned(s, before, -step, 0);
        assert_true(fabs(view_of(s).x - after.x) < 1e-3 && view_of(s).zoom == before.zoom);
        rs_session_key(s, earlier[i], clock_ms);
        run_for(s, 200);
        assert_true(fabs(view_of(s).x - before.x) < 1e-3);
    }
    end = view_of(s);

    /* Up and down in landscape: nothing moves, nothing flings. */
    finger(s, 1, RS_POINTER_DOWN, 400, 200);
    for (int k = 1; k <= 5; k++) {
        run_for(s, FRAME);
        finger(s, 1, RS_POINTER_MOVE, 400, 200 + 20 * (float)k);
    }
    finger(s, 1, RS_POINTER_UP, 400, 300);
    run_for(s, 1000);
    expect_view(view_of(s), end);

    /* Two fingers apart to twice their distance about x = 400. */
    want = end;
    finger(s, 1, RS_POINTER_DOWN, 350, 300);
    finger(s, 2, RS_POINTER_DOWN, 450, 300);
    run_for(s, FRAME);
    finger(s, 1, RS_POINTER_MOVE, 300, 300);
    want = zoomed(s, panned(s, want, -25, 0), 1.5f, 375, 300);
    expect_view(view_of(s), want);
    finger(s, 2, RS_POINTER_MOVE, 500, 300);
    want = zoomed(s, panned(s, want, 25, 0), 200.0f / 150.0f, 400, 300);
    expect_view(view_of(s), want);
    run_for(s, 100);
    finger(s, 1, RS_POINTER_UP, 300, 300);
    finger(s, 2, RS_POINTER_UP, 500, 300);
    run_for(s, 500);
    expect_view(view_of(s), want);
    expect_route(s, "timeline");
    rs_session_destroy(s);
}

/* In portrait the timeline runs down the screen: a drag up shows later
 * days, a sideways one nothing; Down and Right still mean later. */
static void test_timeline_in_portrait(void **state)
{
    (void)state;
    window_w = HEIGHT, window_h = WIDTH;
    rs_session *s = start("timeline");
    zoom_keys(s, RS_KEY_ZOOM_IN, 3);
    rs_view want = view_of(s);
    finger(s, 1, RS_POINTER_DOWN, 240, 600);
    for (int k = 1; k <= 10; k++) {
        run_for(s, FRAME);
        finger(s, 1, RS_POINTER_MOVE, 240, 600 - 16 * (float)k);
        want = panned(s, want, 0, -16);
        expect_view(view_of(s), want);
    }
    run_for(s, 100);
    finger(s, 1, RS_POINTER_UP, 240, 440);
    assert_true(view_of(s).x > panned(s, want, 0, 160).x); /* later than before the drag */
    rs_view sideways = panned(s, want, -100, 0);
    expect_view(sideways, want);
    float step = (float)rs_session_theme(s)->target * 2;
    rs_session_key(s, RS_KEY_RIGHT, clock_ms);
    run_for(s, 200);
    assert_true(fabs(view_of(s).x - panned(s, want, 0, -step).x) < 1e-3);
    rs_session_destroy(s);
    window_w = WIDTH, window_h = HEIGHT;
}

/* ---- keys, buttons, wheel ---- */

/* + and - step the zoom by 1.5 about the centre and stop at the limits; so
 * do the screen's + and - buttons when it has them. */
static void test_zoom_keys_and_buttons(void **state)
{
    (void)state;
    rs_session *s = start("map");
    double expected[] = {1.5, 2.25, 3.375, 5.0625, 7.59375};
    for (size_t i = 0; i < 5; i++) {
        zoom_keys(s, RS_KEY_ZOOM_IN, 1);
        assert_true(fabs(view_of(s).zoom - expected[i]) < 1e-6);
    }
    zoom_keys(s, RS_KEY_ZOOM_IN, 1);
    rs_view closest = view_of(s);
    assert_true(closest.zoom > expected[4]);
    zoom_keys(s, RS_KEY_ZOOM_IN, 1);
    expect_view(view_of(s), closest); /* at the limit: no change */
    zoom_keys(s, RS_KEY_ZOOM_OUT, 1);
    if (!(fabs(view_of(s).zoom - closest.zoom / 1.5) < 1e-6))
        fail_msg("zoom %.9g after %.9g", view_of(s).zoom, closest.zoom);
    zoom_keys(s, RS_KEY_ZOOM_OUT, 20);
    rs_view whole = view_of(s);
    assert_true(whole.zoom == 1.0);
    zoom_keys(s, RS_KEY_ZOOM_OUT, 1);
    expect_view(view_of(s), whole);

    /* The buttons, by touch and by Tab and Enter. */
    float x, y;
    if (find_target(s, RS_ACT_ZOOM, 1, NULL, &x, &y)) {
        finger(s, 1, RS_POINTER_DOWN, x, y);
        run_for(s, 48);
        finger(s, 1, RS_POINTER_UP, x, y);
        frame(s);
        assert_true(fabs(view_of(s).zoom - 1.5) < 1e-9);
        assert_true(find_target(s, RS_ACT_ZOOM, -1, NULL, &x, &y));
        for (int i = 0; i < 60 && rs_session_focus(s).kind != RS_ACT_ZOOM; i++)
            rs_session_key(s, RS_KEY_TAB, clock_ms);
        rs_action focus = rs_session_focus(s);
        assert_int_equal(focus.kind, RS_ACT_ZOOM);
        rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
        frame(s);
        assert_true(fabs(view_of(s).zoom - (focus.index > 0 ? 2.25 : 1.0)) < 1e-9);
        assert_true(rs_action_equal(&focus, &(rs_action){.kind = RS_ACT_ZOOM, .index = focus.index}));
        assert_int_equal(rs_session_focus(s).kind, RS_ACT_ZOOM); /* the focus stays on the button */
    } else {
        print_message("the map draws no + / - buttons yet: only the keys were tested\n");
    }
    expect_route(s, "map");
    rs_session_destroy(s);
}

/* The arrows pan a view by a step (twice the target size) over a list's
 * 150 ms glide, repeats adding up; elsewhere they move the focus as before. */
static void test_arrow_keys(void **state)
{
    (void)state;
    rs_session *s = start("map");
    zoom_keys(s, RS_KEY_ZOOM_IN, 4);
    float step = (float)rs_session_theme(s)->target * 2;
    rs_view want = view_of(s);
    rs_session_key(s, RS_KEY_RIGHT, clock_ms);
    run_for(s, 200);
    want = panned(s, want, -step, 0);
    assert_true(fabs(view_of(s).x - want.x) < 1e-6 * fabs(want.x));
    assert_true(view_of(s).y == want.y);
    rs_view before = view_of(s);
    rs_session_key(s, RS_KEY_DOWN, clock_ms);
    rs_session_key(s, RS_KEY_DOWN, clock_ms); /* key repeat: two steps */
    run_for(s, 300);
    want = panned(s, before, 0, -2 * step);
    assert_true(fabs(view_of(s).y - want.y) < 1e-6 * (fabs(want.y) + 1e-3));
    assert_true(view_of(s).x == before.x);
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_NONE); /* arrows never moved the focus */
    /* Tab reaches the screen's targets; the arrows still pan then. */
    rs_session_key(s, RS_KEY_TAB, clock_ms);
    rs_action focused = rs_session_focus(s);
    assert_int_not_equal(focused.kind, RS_ACT_NONE);
    before = view_of(s);
    rs_session_key(s, RS_KEY_LEFT, clock_ms);
    rs_session_key(s, RS_KEY_UP, clock_ms);
    run_for(s, 200);
    assert_true(view_of(s).x < before.x && view_of(s).y < before.y);
    rs_action still = rs_session_focus(s);
    assert_true(rs_action_equal(&still, &focused));
    rs_session_destroy(s);

    /* Elsewhere: Down and Right are Next, Up and Left Previous. */
    rs_session *a = start("home"), *b = start("home");
    rs_key arrows[] = {RS_KEY_DOWN, RS_KEY_RIGHT, RS_KEY_DOWN, RS_KEY_UP, RS_KEY_LEFT};
    rs_key steps[] = {RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_PREVIOUS, RS_KEY_PREVIOUS};
    for (size_t i = 0; i < 5; i++) {
        rs_session_key(a, arrows[i], clock_ms);
        rs_session_key(b, steps[i], clock_ms);
        rs_action fa = rs_session_focus(a), fb = rs_session_focus(b);
        assert_true(rs_action_equal(&fa, &fb));
        assert_int_not_equal(fa.kind, RS_ACT_NONE);
    }
    /* + and - do nothing where nothing has a view. */
    rs_session_key(a, RS_KEY_ZOOM_IN, clock_ms);
    rs_session_zoom_at(a, 2, 400, 300, clock_ms);
    expect_route(a, "home");
    assert_false(rs_session_has_view(a));
    rs_session_destroy(a);
    rs_session_destroy(b);
}

/* The wheel zooms about the pointer. */
static void test_wheel_zooms_about_the_pointer(void **state)
{
    (void)state;
    rs_session *s = start("map");
    assert_true(rs_session_has_view(s));
    rs_view want = zoomed(s, view_of(s), 2.5f, 200, 250);
    rs_session_zoom_at(s, 2.5f, 200, 250, clock_ms);
    expect_view(view_of(s), want);
    want = zoomed(s, want, 0.5f, 600, 400);
    rs_session_zoom_at(s, 0.5f, 600, 400, clock_ms);
    expect_view(view_of(s), want);
    rs_session_zoom_at(s, NAN, 600, 400, clock_ms);
    rs_session_zoom_at(s, -1, 600, 400, clock_ms);
    rs_session_zoom_at(s, 2, INFINITY, 400, clock_ms);
    expect_view(view_of(s), want);
    rs_session_destroy(s);
}

/* ---- the view kept in the stack ---- */

/* Taps the first target whose route starts with prefix; false without
 * one. */
static bool tap_route(rs_session *s, const char *prefix)
{
    float x, y;
    if (!find_target(s, RS_ACT_ROUTE, -1, prefix, &x, &y))
        return false;
    finger(s, 3, RS_POINTER_DOWN, x, y);
    run_for(s, 48);
    finger(s, 3, RS_POINTER_UP, x, y);
    frame(s);
    return true;
}

/* Opens route, zooms in two steps and drags it, then taps through to what
 * is behind a target whose route starts with prefix (zooming out when none
 * shows) and comes Back: the same view, to the last bit. */
static void tap_through_and_back(const char *route, const char *prefix)
{
    rs_session *s = start(route);
    zoom_keys(s, RS_KEY_ZOOM_IN, 2);
    rs_view want = view_of(s);
    drag_left(s, 500, 16, 5, true, &want);
    float x, y;
    if (!find_target(s, RS_ACT_ROUTE, -1, prefix, &x, &y))
        zoom_keys(s, RS_KEY_ZOOM_OUT, 20); /* all of it: something to tap */
    want = view_of(s);
    size_t depth = rs_session_nav(s)->depth;
    if (!tap_route(s, prefix))
        fail_msg("nothing behind %s on %s", prefix, route);
    assert_int_equal(rs_session_nav(s)->depth, depth + 1);
    const rs_nav *nav = rs_session_nav(s);
    char top[256];
    rs_route_format(&nav->entries[nav->depth - 1].route, top, sizeof top);
    assert_memory_equal(top, prefix, strlen(prefix));
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    frame(s);
    expect_route(s, route);
    expect_view(view_of(s), want);
    rs_session_destroy(s);
}

static void test_timeline_tap_through_and_back(void **state)
{
    (void)state;
    tap_through_and_back("timeline", "dates/");     /* a bar: that month's list */
    tap_through_and_back("timeline", "incidents/"); /* a span: the incident */
}

/* A statement's mark: clusters tapped open (each zooms in where it is)
 * until a statement shows; its reader; Back to the very same view. */
static void test_timeline_statement_and_back(void **state)
{
    (void)state;
    rs_session *s = start("timeline");
    float x, y;
    for (int i = 0; i < 8 && !find_target(s, RS_ACT_ROUTE, -1, "statements/", &x, &y); i++) {
        if (!find_target(s, RS_ACT_ZOOM_AT, -1, NULL, &x, &y))
            fail_msg("the timeline shows neither a statement nor a cluster");
        finger(s, 4, RS_POINTER_DOWN, x, y);
        run_for(s, 48);
        finger(s, 4, RS_POINTER_UP, x, y);
        frame(s);
    }
    rs_view want = view_of(s);
    assert_true(want.zoom > 1);
    assert_true(tap_route(s, "statements/"));
    assert_int_equal(rs_session_screen(s)->kind, RS_SCREEN_READER);
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    frame(s);
    expect_route(s, "timeline");
    expect_view(view_of(s), want);
    rs_session_destroy(s);
}

static void test_map_tap_through_and_back(void **state)
{
    (void)state;
    tap_through_and_back("map", "countries/");
}

/* The tallest row of the first RECTS command (the map's neutral land):
 * 1 when rasterised at the frame's zoom, more when scaled up. */
static int tallest_land_row(const rs_draw_list *d)
{
    for (size_t i = 0; i < d->count; i++) {
        if (d->items[i].kind != RS_DRAW_RECTS)
            continue;
        int tallest = 0;
        for (size_t k = 0; k < d->items[i].rect_count; k++)
            tallest = d->items[i].rects[k].h > tallest ? d->items[i].rects[k].h : tallest;
        return tallest;
    }
    return -1;
}

/* The session tells the map a pinch is under way: its frames scale the
 * last crisp rows; the frame after the fingers lift (and after the session
 * asks for it, with nothing moving) is exactly a fresh layout's at that
 * view: every row and triangle of the map. */
static void test_pinch_frames_scaled_then_crisp(void **state)
{
    (void)state;
    rs_session *s = start("map");
    rs_draw_list draw = {0};
    finger(s, 11, RS_POINTER_DOWN, 300, 300);
    run_for(s, FRAME);
    finger(s, 12, RS_POINTER_DOWN, 400, 300);
    run_for(s, FRAME);
    finger(s, 12, RS_POINTER_MOVE, 500, 300); /* twice the distance: zoom 2 */
    clock_ms += FRAME;
    rs_session_frame(s, clock_ms, &draw);
    assert_true(fabs(view_of(s).zoom - 2.0) < 1e-9);
    assert_true(tallest_land_row(&draw) >= 2);
    run_for(s, 100); /* held still: no fling */
    finger(s, 11, RS_POINTER_UP, 300, 300);
    finger(s, 12, RS_POINTER_UP, 500, 300);
    clock_ms += FRAME;
    rs_session_tick(s, clock_ms);
    assert_true(rs_session_needs_frame(s));
    rs_session_frame(s, clock_ms, &draw);
    assert_int_equal(tallest_land_row(&draw), 1);

    rs_layout *fresh = rs_layout_create((rs_text_measure){NULL, fake_width});
    rs_draw_list want = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    static const char *const crumbs[] = {"Home", "Map"};
    rs_frame f = {.screen = rs_session_screen(s), .crumbs = crumbs, .crumb_count = 2, .view = view_of(s)};
    rs_layout_frame(fresh, rs_session_theme(s), window_w, window_h, &f, &want, &targets, &info);
    size_t ia = 0, ib = 0, compared = 0;
    for (;;) {
        while (ia < draw.count && draw.items[ia].kind != RS_DRAW_RECTS && draw.items[ia].kind != RS_DRAW_TRIANGLES)
            ia++;
        while (ib < want.count && want.items[ib].kind != RS_DRAW_RECTS && want.items[ib].kind != RS_DRAW_TRIANGLES)
            ib++;
        if (ia == draw.count || ib == want.count)
            break;
        const rs_draw_command *x = &draw.items[ia++], *y = &want.items[ib++];
        assert_int_equal(x->kind, y->kind);
        assert_memory_equal(&x->color, &y->color, sizeof x->color);
        assert_int_equal(x->rect_count, y->rect_count);
        if (x->rect_count)
            assert_memory_equal(x->rects, y->rects, x->rect_count * sizeof *x->rects);
        assert_int_equal(x->index_count, y->index_count);
        if (x->vertex_count)
            assert_memory_equal(x->xy, y->xy, 2 * (size_t)x->vertex_count * sizeof *x->xy);
        compared++;
    }
    assert_int_equal(ia, draw.count), assert_int_equal(ib, want.count);
    assert_true(compared >= 3);
    rs_draw_free(&want), rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(fresh);
    rs_session_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pinch_zooms_and_pans_the_map),
        cmocka_unit_test(test_pinch_cancels_the_tap),
        cmocka_unit_test(test_no_reset_while_fingers_are_down),
        cmocka_unit_test(test_pinch_on_the_countdown_only_dismisses_it),
        cmocka_unit_test(test_drag_and_fling_on_the_map),
        cmocka_unit_test(test_fling_stops_at_the_edge),
        cmocka_unit_test(test_timeline_by_touch),
        cmocka_unit_test(test_timeline_in_portrait),
        cmocka_unit_test(test_zoom_keys_and_buttons),
        cmocka_unit_test(test_arrow_keys),
        cmocka_unit_test(test_wheel_zooms_about_the_pointer),
        cmocka_unit_test(test_timeline_tap_through_and_back),
        cmocka_unit_test(test_timeline_statement_and_back),
        cmocka_unit_test(test_map_tap_through_and_back),
        cmocka_unit_test(test_pinch_frames_scaled_then_crisp),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
