#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "gesture.h"

/* ---------------------------------------------------------------- helpers */

/* 480 px wide screen: 10 px slop, 5% edge zone, 20% swipe. */
static const rs_gesture_config test_config = {
    .slop_px = 10.0f,
    .long_press_ms = 500,
    .edge_px = 24.0f,
    .edge_swipe_px = 96.0f,
};

typedef struct batch {
    rs_gesture_event events[RS_GESTURE_MAX_EVENTS];
    size_t count;
} batch;

static void check_finite(const batch *b)
{
    assert_true(b->count <= RS_GESTURE_MAX_EVENTS);
    for (size_t i = 0; i < b->count; i++) {
        const rs_gesture_event *e = &b->events[i];
        assert_true(isfinite(e->x) && isfinite(e->y));
        assert_true(isfinite(e->dx) && isfinite(e->dy));
        assert_true(isfinite(e->vx) && isfinite(e->vy));
    }
}

static batch feed(rs_gesture *g, rs_pointer_phase phase, float x, float y, uint64_t time_ms)
{
    batch b;
    b.count = rs_gesture_pointer(g, phase, x, y, time_ms, b.events, RS_GESTURE_MAX_EVENTS);
    check_finite(&b);
    return b;
}

static batch tick(rs_gesture *g, uint64_t now_ms)
{
    batch b;
    b.count = rs_gesture_tick(g, now_ms, b.events, RS_GESTURE_MAX_EVENTS);
    check_finite(&b);
    return b;
}

static void expect_types(const batch *b, size_t count, const rs_gesture_type *types)
{
    assert_int_equal(b->count, count);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(b->events[i].type, types[i]);
}

/* Asserts the batch holds exactly these event types, in order. */
#define EXPECT(b, ...)                                                                \
    do {                                                                              \
        const batch batch_ = (b);                                                     \
        const rs_gesture_type expected_[] = {__VA_ARGS__};                            \
        expect_types(&batch_, sizeof expected_ / sizeof expected_[0], expected_);     \
    } while (0)

#define EXPECT_NONE(b) assert_int_equal((b).count, 0)

/* The one event of a batch of one. */
static rs_gesture_event only(const batch *b)
{
    assert_int_equal(b->count, 1);
    return b->events[0];
}

/* Feeds a press at (x0, y) at t0 that moves right at speed px/ms, one MOVE
 * every step ms, and lifts (at a new position) after duration ms; returns
 * the UP's events. */
static batch steady_drag(rs_gesture *g, float x0, float y, uint64_t t0, float speed, uint64_t step, uint64_t duration)
{
    feed(g, RS_POINTER_DOWN, x0, y, t0);
    for (uint64_t t = step; t < duration; t += step)
        feed(g, RS_POINTER_MOVE, x0 + speed * (float)t, y, t0 + t);
    return feed(g, RS_POINTER_UP, x0 + speed * (float)duration, y, t0 + duration);
}

static const rs_gesture_event *find(const batch *b, rs_gesture_type type)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->events[i].type == type)
            return &b->events[i];
    fail_msg("event type %d not in batch", (int)type);
    return NULL;
}

static int setup(void **state)
{
    rs_gesture *g = rs_gesture_create(&test_config);
    if (!g)
        return -1;
    *state = g;
    return 0;
}

static int teardown(void **state)
{
    rs_gesture_destroy(*state);
    return 0;
}

/* ------------------------------------------------------------------ taps */

static void test_tap_inside_slop(void **state)
{
    rs_gesture *g = *state;
    assert_false(rs_gesture_is_down(g));

    batch b = feed(g, RS_POINTER_DOWN, 100, 200, 1000);
    rs_gesture_event press = only(&b);
    assert_int_equal(press.type, RS_GESTURE_PRESS);
    assert_true(press.x == 100 && press.y == 200);
    assert_true(rs_gesture_is_down(g));

    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 104, 203, 1050));
    b = feed(g, RS_POINTER_UP, 106, 208, 1120); /* distance exactly 10 = slop: still a tap */
    rs_gesture_event tap = only(&b);
    assert_int_equal(tap.type, RS_GESTURE_TAP);
    assert_false(rs_gesture_is_down(g));
}

static void test_tap_position_is_press_position(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 50.5f, 60.25f, 0);
    feed(g, RS_POINTER_MOVE, 57, 63, 30);
    feed(g, RS_POINTER_MOVE, 44, 55, 60);
    batch b = feed(g, RS_POINTER_UP, 58, 64, 90);
    rs_gesture_event tap = only(&b);
    assert_int_equal(tap.type, RS_GESTURE_TAP);
    assert_true(tap.x == 50.5f && tap.y == 60.25f);
}

/* ----------------------------------------------------------------- drags */

static void test_drag_beyond_slop(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 105, 100, 10));

    batch b = feed(g, RS_POINTER_MOVE, 100, 111, 20); /* 11 px down: beyond slop */
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG);
    assert_true(b.events[0].x == 100 && b.events[0].y == 100); /* press position */
    assert_true(b.events[1].x == 100 && b.events[1].y == 111);
    float total_dx = b.events[1].dx, total_dy = b.events[1].dy;
    assert_true(total_dx == 0 && total_dy == 11); /* full movement since press */

    b = feed(g, RS_POINTER_MOVE, 90, 150, 36);
    EXPECT(b, RS_GESTURE_DRAG);
    assert_true(b.events[0].dx == -10 && b.events[0].dy == 39);
    total_dx += b.events[0].dx;
    total_dy += b.events[0].dy;

    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 90, 150, 52)); /* no movement, no event */

    b = feed(g, RS_POINTER_UP, 95, 170, 60); /* movement carried by the UP */
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
    total_dx += b.events[0].dx;
    total_dy += b.events[0].dy;
    assert_true(b.events[1].x == 95 && b.events[1].y == 170);

    assert_true(total_dx == 95 - 100 && total_dy == 170 - 100);
    assert_false(rs_gesture_is_down(g));
}

static void test_drag_totals_with_fractions(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 10.3f, 20.7f, 0);
    double total_dx = 0, total_dy = 0;
    float x = 10.3f, y = 20.7f;
    for (int i = 1; i <= 40; i++) {
        x += 3.37f;
        y -= 1.91f;
        batch b = feed(g, RS_POINTER_MOVE, x, y, (uint64_t)i * 7);
        for (size_t k = 0; k < b.count; k++) {
            if (b.events[k].type == RS_GESTURE_DRAG) {
                total_dx += b.events[k].dx;
                total_dy += b.events[k].dy;
            }
        }
    }
    assert_float_equal(total_dx, x - 10.3f, 1e-3);
    assert_float_equal(total_dy, y - 20.7f, 1e-3);
}

static void test_second_down_is_a_move(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    batch b = feed(g, RS_POINTER_DOWN, 100, 140, 20);
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG);
    assert_true(b.events[1].dy == 40);
    EXPECT_NONE(feed(g, RS_POINTER_DOWN, 100, 140, 30)); /* same place: nothing */
    b = feed(g, RS_POINTER_UP, 100, 140, 40);
    EXPECT(b, RS_GESTURE_DRAG_END);
}

/* ------------------------------------------------------------ long press */

static void test_long_press_deadline(void **state)
{
    rs_gesture *g = *state;
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);

    feed(g, RS_POINTER_DOWN, 300, 400, 1000);
    assert_true(rs_gesture_next_deadline(g) == 1500);

    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 305, 404, 1200)); /* within slop: deadline unchanged */
    assert_true(rs_gesture_next_deadline(g) == 1500);

    EXPECT_NONE(tick(g, 1499));
    assert_true(rs_gesture_next_deadline(g) == 1500);

    batch b = tick(g, 1500);
    rs_gesture_event long_press = only(&b);
    assert_int_equal(long_press.type, RS_GESTURE_LONG_PRESS);
    assert_true(long_press.x == 300 && long_press.y == 400); /* press position */
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);

    EXPECT_NONE(tick(g, 1501)); /* once only */
    EXPECT_NONE(tick(g, 9000));
    assert_true(rs_gesture_is_down(g));

    b = feed(g, RS_POINTER_UP, 305, 404, 1700);
    EXPECT(b, RS_GESTURE_CANCEL); /* no TAP after a long press */
    assert_false(rs_gesture_is_down(g));
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);
}

static void test_long_press_from_late_pointer_call(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 10, 10, 0);
    /* No tick happened; the release comes after the deadline. */
    batch b = feed(g, RS_POINTER_UP, 12, 11, 500);
    EXPECT(b, RS_GESTURE_LONG_PRESS, RS_GESTURE_CANCEL);

    /* One ms earlier it is a tap. */
    feed(g, RS_POINTER_DOWN, 10, 10, 1000);
    b = feed(g, RS_POINTER_UP, 12, 11, 1499);
    EXPECT(b, RS_GESTURE_TAP);
}

static void test_no_long_press_once_dragging(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    feed(g, RS_POINTER_MOVE, 100, 130, 100);
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);
    EXPECT_NONE(tick(g, 600));
    EXPECT(feed(g, RS_POINTER_UP, 100, 130, 700), RS_GESTURE_DRAG_END);
}

static void test_drag_after_long_press(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    EXPECT(tick(g, 500), RS_GESTURE_LONG_PRESS);
    /* A hesitant visitor who then scrolls still scrolls. */
    EXPECT(feed(g, RS_POINTER_MOVE, 100, 150, 600), RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG);
    EXPECT(feed(g, RS_POINTER_UP, 100, 160, 620), RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
}

static void test_late_up_beyond_slop_fills_max_events(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    batch b = feed(g, RS_POINTER_UP, 200, 100, 800);
    EXPECT(b, RS_GESTURE_LONG_PRESS, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
}

static void test_long_press_disabled(void **state)
{
    (void)state;
    rs_gesture_config config = test_config;
    config.long_press_ms = 0;
    rs_gesture *g = rs_gesture_create(&config);
    assert_non_null(g);
    feed(g, RS_POINTER_DOWN, 10, 10, 0);
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);
    EXPECT_NONE(tick(g, 100000));
    EXPECT(feed(g, RS_POINTER_UP, 10, 10, 100000), RS_GESTURE_TAP);
    rs_gesture_destroy(g);
}

/* -------------------------------------------------------------- velocity */

static void test_velocity_steady(void **state)
{
    rs_gesture *g = *state;
    /* 1000 px/s to the right, a sample every 16 ms for 320 ms. */
    batch b = steady_drag(g, 50, 300, 10000, 1.0f, 16, 320);
    const rs_gesture_event *end = find(&b, RS_GESTURE_DRAG_END);
    assert_float_equal(end->vx, 1000.0, 20.0);
    assert_float_equal(end->vy, 0.0, 1e-3);
}

static void test_velocity_irregular_samples(void **state)
{
    rs_gesture *g = *state;
    /* 600 px/s right and 800 px/s up, sampled at uneven times. */
    static const uint64_t times[] = {3, 9, 25, 26, 48, 90, 97, 131, 140, 175, 176, 177, 210, 251, 260};
    feed(g, RS_POINTER_DOWN, 200, 600, 0);
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        float t = (float)times[i];
        feed(g, RS_POINTER_MOVE, 200 + 0.6f * t, 600 - 0.8f * t, times[i]);
    }
    batch b = feed(g, RS_POINTER_UP, 200 + 0.6f * 270, 600 - 0.8f * 270, 270);
    const rs_gesture_event *end = find(&b, RS_GESTURE_DRAG_END);
    assert_float_equal(end->vx, 600.0, 6.0);
    assert_float_equal(end->vy, -800.0, 8.0);
}

static void test_velocity_high_rate_input(void **state)
{
    rs_gesture *g = *state;
    /* A 1000 Hz mouse: samples 1 ms apart, 2000 px/s, 400 ms long. */
    batch b = steady_drag(g, 100, 300, 0, 2.0f, 1, 400);
    const rs_gesture_event *end = find(&b, RS_GESTURE_DRAG_END);
    assert_float_equal(end->vx, 2000.0, 40.0);
}

static void test_velocity_up_repeating_last_position(void **state)
{
    rs_gesture *g = *state;
    /* 1000 px/s with a report every 16 ms; the lift comes 4-16 ms after the
     * last report and repeats its position, as touch drivers do. */
    for (uint64_t gap = 4; gap <= 16; gap += 4) {
        uint64_t t0 = gap * 10000;
        feed(g, RS_POINTER_DOWN, 100, 100, t0);
        for (uint64_t t = 16; t <= 304; t += 16)
            feed(g, RS_POINTER_MOVE, 100 + (float)t, 100, t0 + t);
        batch b = feed(g, RS_POINTER_UP, 100 + 304, 100, t0 + 304 + gap);
        rs_gesture_event end = only(&b);
        assert_int_equal(end.type, RS_GESTURE_DRAG_END);
        assert_float_equal(end.vx, 1000.0, 20.0);
    }
}

static void test_velocity_zero_after_short_stop(void **state)
{
    rs_gesture *g = *state;
    /* Dragged to a place, held 50 ms (no reports: the finger is still), lifted. */
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    for (uint64_t t = 16; t <= 304; t += 16)
        feed(g, RS_POINTER_MOVE, 100, 100 + (float)t, t);
    batch b = feed(g, RS_POINTER_UP, 100, 404, 354);
    rs_gesture_event end = only(&b);
    assert_true(end.vx == 0.0f && end.vy == 0.0f);

    /* Held 40 ms: still a flick. */
    feed(g, RS_POINTER_DOWN, 100, 100, 1000);
    for (uint64_t t = 16; t <= 304; t += 16)
        feed(g, RS_POINTER_MOVE, 100, 100 + (float)t, 1000 + t);
    b = feed(g, RS_POINTER_UP, 100, 404, 1344);
    end = only(&b);
    assert_true(end.vy > 500.0f);
}

static void test_velocity_zero_after_rest(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    for (uint64_t t = 10; t <= 200; t += 10)
        feed(g, RS_POINTER_MOVE, 100, 100 + 2.0f * (float)t, t);
    /* Rest for 150 ms, then lift. */
    batch b = feed(g, RS_POINTER_UP, 100, 500, 350);
    const rs_gesture_event *end = find(&b, RS_GESTURE_DRAG_END);
    assert_true(end->vx == 0.0f && end->vy == 0.0f);

    /* Same, with the device repeating the resting position meanwhile. */
    feed(g, RS_POINTER_DOWN, 100, 100, 1000);
    for (uint64_t t = 10; t <= 200; t += 10)
        feed(g, RS_POINTER_MOVE, 100, 100 + 2.0f * (float)t, 1000 + t);
    for (uint64_t t = 216; t <= 340; t += 16)
        feed(g, RS_POINTER_MOVE, 100, 500, 1000 + t);
    b = feed(g, RS_POINTER_UP, 100, 500, 1350);
    end = find(&b, RS_GESTURE_DRAG_END);
    assert_true(end->vx == 0.0f && end->vy == 0.0f);
}

/* ------------------------------------------------------------ edge swipe */

static void test_edge_swipe_back(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 5, 200, 0);
    /* Drags are reported as usual while the swipe is under way. */
    EXPECT(feed(g, RS_POINTER_MOVE, 40, 205, 30), RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG);
    EXPECT(feed(g, RS_POINTER_MOVE, 90, 215, 60), RS_GESTURE_DRAG);
    batch b = feed(g, RS_POINTER_UP, 101, 220, 90); /* travel 96 right, 20 down */
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_EDGE_BACK);
    const rs_gesture_event *back = &b.events[1];
    assert_true(back->x == 5 && back->y == 200);
    assert_true(back->dx == 96 && back->dy == 20);
    assert_true(back->vx > 0);
    assert_false(rs_gesture_is_down(g));
}

static void test_edge_swipe_not_outside_zone(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 24, 200, 0); /* x == edge_px is outside the zone */
    feed(g, RS_POINTER_MOVE, 100, 200, 30);
    batch b = feed(g, RS_POINTER_UP, 200, 200, 60);
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
}

static void test_edge_swipe_not_mostly_vertical(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 5, 200, 0);
    feed(g, RS_POINTER_MOVE, 60, 260, 30);
    batch b = feed(g, RS_POINTER_UP, 125, 320, 60); /* dx 120, dy 120: not mostly horizontal */
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);

    feed(g, RS_POINTER_DOWN, 5, 200, 1000);
    b = feed(g, RS_POINTER_UP, 125, 81, 1060); /* dy -119 < dx 120: mostly horizontal */
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG, RS_GESTURE_EDGE_BACK);
}

static void test_edge_swipe_not_too_short(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 5, 200, 0);
    feed(g, RS_POINTER_MOVE, 60, 200, 30);
    batch b = feed(g, RS_POINTER_UP, 100.5f, 200, 60); /* 95.5 < 96 */
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
}

static void test_edge_swipe_not_leftwards_or_back_again(void **state)
{
    rs_gesture *g = *state;
    /* Out and back to the edge: the travel at release counts. */
    feed(g, RS_POINTER_DOWN, 5, 200, 0);
    feed(g, RS_POINTER_MOVE, 150, 200, 30);
    batch b = feed(g, RS_POINTER_UP, 20, 200, 60);
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
}

/* In a right-to-left UI the swipe starts at the right edge and goes left;
 * the left edge is then an ordinary drag. */
static void test_edge_swipe_from_the_right(void **state)
{
    rs_gesture *g = *state;
    rs_gesture_set_edge(g, true, 480);
    feed(g, RS_POINTER_DOWN, 475, 200, 0);
    feed(g, RS_POINTER_MOVE, 440, 205, 30);
    batch b = feed(g, RS_POINTER_UP, 379, 220, 90); /* travel 96 left, 20 down */
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_EDGE_BACK);
    assert_true(b.events[1].x == 475 && b.events[1].dx == -96 && b.events[1].dy == 20);

    feed(g, RS_POINTER_DOWN, 456, 200, 1000); /* x == width - edge_px is outside the zone */
    b = feed(g, RS_POINTER_UP, 300, 200, 1060);
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);

    feed(g, RS_POINTER_DOWN, 5, 200, 2000); /* the left edge: a drag like any */
    b = feed(g, RS_POINTER_UP, 200, 200, 2060);
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);

    feed(g, RS_POINTER_DOWN, 475, 200, 3000); /* rightwards from the right edge: not back */
    b = feed(g, RS_POINTER_UP, 479, 100, 3060);
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);

    rs_gesture_set_edge(g, false, 480);
    feed(g, RS_POINTER_DOWN, 5, 200, 4000);
    b = feed(g, RS_POINTER_UP, 101, 200, 4060);
    EXPECT(b, RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG, RS_GESTURE_EDGE_BACK);
}

static void test_edge_tap_is_a_tap(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 5, 200, 0);
    EXPECT(feed(g, RS_POINTER_UP, 8, 200, 60), RS_GESTURE_TAP);
}

/* ---------------------------------------------------------------- cancel */

static void test_cancel(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, 100, 100, 0);
    batch b = feed(g, RS_POINTER_CANCEL, 102, 101, 100);
    rs_gesture_event cancel = only(&b);
    assert_int_equal(cancel.type, RS_GESTURE_CANCEL);
    assert_true(cancel.x == 102 && cancel.y == 101);
    assert_false(rs_gesture_is_down(g));
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);
    EXPECT_NONE(tick(g, 1000));

    /* Cancel during a drag: CANCEL, no DRAG_END (no fling). */
    feed(g, RS_POINTER_DOWN, 100, 100, 2000);
    feed(g, RS_POINTER_MOVE, 100, 200, 2020);
    EXPECT(feed(g, RS_POINTER_CANCEL, 100, 200, 2030), RS_GESTURE_CANCEL);

    /* Cancel after the deadline without a tick: no LONG_PRESS starts. */
    feed(g, RS_POINTER_DOWN, 100, 100, 3000);
    EXPECT(feed(g, RS_POINTER_CANCEL, 100, 100, 4000), RS_GESTURE_CANCEL);

    /* Cancel after a long press. */
    feed(g, RS_POINTER_DOWN, 100, 100, 5000);
    EXPECT(tick(g, 5500), RS_GESTURE_LONG_PRESS);
    EXPECT(feed(g, RS_POINTER_CANCEL, 100, 100, 5600), RS_GESTURE_CANCEL);
}

/* --------------------------------------------------------- odd streams */

static void test_stray_move_and_up_ignored(void **state)
{
    rs_gesture *g = *state;
    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 10, 10, 0));
    EXPECT_NONE(feed(g, RS_POINTER_UP, 10, 10, 10));
    EXPECT_NONE(feed(g, RS_POINTER_CANCEL, 10, 10, 20));
    EXPECT_NONE(feed(g, (rs_pointer_phase)42, 10, 10, 25));
    assert_false(rs_gesture_is_down(g));
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX);

    /* After a complete tap, a second UP is stray too. */
    feed(g, RS_POINTER_DOWN, 10, 10, 30);
    EXPECT(feed(g, RS_POINTER_UP, 10, 10, 40), RS_GESTURE_TAP);
    EXPECT_NONE(feed(g, RS_POINTER_UP, 10, 10, 50));
    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 90, 90, 60));
}

static void test_nan_input_ignored(void **state)
{
    rs_gesture *g = *state;
    EXPECT_NONE(feed(g, RS_POINTER_DOWN, NAN, 10, 0));
    EXPECT_NONE(feed(g, RS_POINTER_DOWN, 10, INFINITY, 0));
    assert_false(rs_gesture_is_down(g));

    feed(g, RS_POINTER_DOWN, 100, 100, 100);
    EXPECT_NONE(feed(g, RS_POINTER_MOVE, NAN, NAN, 110));
    EXPECT_NONE(feed(g, RS_POINTER_MOVE, -INFINITY, 100, 120));
    EXPECT_NONE(feed(g, RS_POINTER_DOWN, 100, NAN, 125));
    assert_true(rs_gesture_next_deadline(g) == 600);
    /* A non-finite UP still ends the press, at the last valid position. */
    batch b = feed(g, RS_POINTER_UP, NAN, 0, 130);
    rs_gesture_event tap = only(&b);
    assert_int_equal(tap.type, RS_GESTURE_TAP);
    assert_true(tap.x == 100 && tap.y == 100);
    assert_false(rs_gesture_is_down(g));

    /* During a drag, NaN samples do not reach deltas or velocity. */
    feed(g, RS_POINTER_DOWN, 100, 0, 1000);
    for (uint64_t t = 10; t <= 100; t += 10) {
        feed(g, RS_POINTER_MOVE, 100 + (float)t, 0, 1000 + t);
        feed(g, RS_POINTER_MOVE, NAN, (float)t, 1000 + t + 5);
    }
    b = feed(g, RS_POINTER_UP, INFINITY, INFINITY, 1100);
    rs_gesture_event end = only(&b);
    assert_int_equal(end.type, RS_GESTURE_DRAG_END);
    assert_true(end.x == 200 && end.y == 0);
    assert_float_equal(end.vx, 1000.0, 20.0);
    assert_float_equal(end.vy, 0.0, 1e-3);
}

static void test_huge_coordinates_stay_finite(void **state)
{
    rs_gesture *g = *state;
    feed(g, RS_POINTER_DOWN, FLT_MAX, -FLT_MAX, 0);
    feed(g, RS_POINTER_MOVE, -FLT_MAX, FLT_MAX, 1);
    batch b = feed(g, RS_POINTER_UP, FLT_MAX, FLT_MAX, 2);
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END); /* check_finite ran in feed */
}

static void test_time_going_backwards(void **state)
{
    rs_gesture *g = *state;
    /* Every sample at the same instant or earlier: no time passes, velocity 0. */
    feed(g, RS_POINTER_DOWN, 100, 0, 5000);
    feed(g, RS_POINTER_MOVE, 150, 0, 4990);
    feed(g, RS_POINTER_MOVE, 200, 0, 4980);
    batch b = feed(g, RS_POINTER_UP, 250, 0, 4970);
    const rs_gesture_event *end = find(&b, RS_GESTURE_DRAG_END);
    assert_true(end->vx == 0.0f && end->vy == 0.0f);

    /* A stale timestamp does not move the long-press deadline. */
    feed(g, RS_POINTER_DOWN, 0, 0, 10000);
    feed(g, RS_POINTER_MOVE, 1, 0, 9990);
    assert_true(rs_gesture_next_deadline(g) == 10500);
    EXPECT_NONE(tick(g, 10499));
    EXPECT(tick(g, 10500), RS_GESTURE_LONG_PRESS);
    feed(g, RS_POINTER_UP, 1, 0, 10600);

    /* A clock reset mid-press (back by an hour): time continues from the
     * new base, the deadline follows it, velocity stays right. */
    feed(g, RS_POINTER_DOWN, 100, 0, 3600000);
    feed(g, RS_POINTER_MOVE, 102, 0, 3600100);
    feed(g, RS_POINTER_MOVE, 103, 0, 200); /* the reset: no time passed */
    assert_true(rs_gesture_next_deadline(g) == 200 + 400);
    EXPECT_NONE(tick(g, 599));
    EXPECT(tick(g, 600), RS_GESTURE_LONG_PRESS);
    for (uint64_t t = 610; t <= 800; t += 10)
        feed(g, RS_POINTER_MOVE, 103 + (float)(t - 600), 0, t);
    b = feed(g, RS_POINTER_UP, 303, 0, 800);
    end = find(&b, RS_GESTURE_DRAG_END);
    assert_float_equal(end->vx, 1000.0, 20.0);

    /* A tick far in the past (clock reset while resting) re-bases too. */
    feed(g, RS_POINTER_DOWN, 0, 0, 50000);
    EXPECT_NONE(tick(g, 100));
    assert_true(rs_gesture_next_deadline(g) == 600);
    EXPECT(tick(g, 600), RS_GESTURE_LONG_PRESS);
    feed(g, RS_POINTER_UP, 0, 0, 700);

    /* Times near the end of uint64_t saturate instead of wrapping. */
    feed(g, RS_POINTER_DOWN, 100, 0, UINT64_MAX - 10);
    assert_true(rs_gesture_next_deadline(g) == UINT64_MAX - 1);
    EXPECT_NONE(tick(g, UINT64_MAX - 11));
    feed(g, RS_POINTER_MOVE, 130, 0, UINT64_MAX);
    b = feed(g, RS_POINTER_UP, 160, 0, UINT64_MAX);
    EXPECT(b, RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
}

static void test_small_output_array(void **state)
{
    rs_gesture *g = *state;
    rs_gesture_event one[1];
    assert_int_equal(rs_gesture_pointer(g, RS_POINTER_DOWN, 0, 0, 0, NULL, 4), 0); /* NULL out: state still advances */
    assert_true(rs_gesture_is_down(g));
    size_t n = rs_gesture_pointer(g, RS_POINTER_UP, 100, 0, 800, one, 1);
    assert_int_equal(n, 1);
    assert_int_equal(one[0].type, RS_GESTURE_LONG_PRESS);
    assert_false(rs_gesture_is_down(g));
}

static void test_config_defaults_and_sanitizing(void **state)
{
    (void)state;
    rs_gesture *g = rs_gesture_create(NULL);
    assert_non_null(g);
    feed(g, RS_POINTER_DOWN, 0, 0, 0);
    assert_true(rs_gesture_next_deadline(g) == 500);
    EXPECT_NONE(feed(g, RS_POINTER_MOVE, 8, 0, 10)); /* 8 px default slop */
    EXPECT(feed(g, RS_POINTER_MOVE, 9, 0, 20), RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG);
    rs_gesture_destroy(g);

    rs_gesture_config bad = {.slop_px = NAN, .long_press_ms = 500, .edge_px = -INFINITY, .edge_swipe_px = NAN};
    g = rs_gesture_create(&bad);
    assert_non_null(g);
    feed(g, RS_POINTER_DOWN, -50, 0, 0); /* no edge zone: edge_px is 0 */
    EXPECT(feed(g, RS_POINTER_MOVE, -49, 0, 10), RS_GESTURE_DRAG_BEGIN, RS_GESTURE_DRAG); /* slop 0 */
    EXPECT(feed(g, RS_POINTER_UP, 200, 0, 20), RS_GESTURE_DRAG, RS_GESTURE_DRAG_END);
    rs_gesture_destroy(g);

    rs_gesture_destroy(NULL);
}

/* A deterministic storm of odd input: every event finite, never more than
 * RS_GESTURE_MAX_EVENTS, DOWN/UP pairing consistent with is_down. */
static void test_random_streams(void **state)
{
    rs_gesture *g = *state;
    static const float specials[] = {0.0f, -0.0f, 1e-30f, 5.0f, 23.9f, 1e6f, -1e7f, FLT_MAX, -FLT_MAX, NAN, INFINITY, -INFINITY};
    uint32_t seed = 12345;
    uint64_t t = 1000;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 1664525u + 1013904223u;
        rs_pointer_phase phase = (rs_pointer_phase)((seed >> 8) % 4);
        float x, y;
        if ((seed >> 12) % 8 == 0) {
            x = specials[(seed >> 16) % (sizeof specials / sizeof specials[0])];
            y = specials[(seed >> 20) % (sizeof specials / sizeof specials[0])];
        } else {
            x = (float)((seed >> 10) % 600) - 50.0f;
            y = (float)((seed >> 20) % 600) - 50.0f;
        }
        uint32_t jump = (seed >> 24) % 16;
        if (jump == 0)
            t -= t > 3000 ? 3000 : t; /* backwards, sometimes far */
        else if (jump == 1)
            t -= t > 5 ? 5 : t;
        else
            t += jump * 7;
        bool was_down = rs_gesture_is_down(g);
        batch b = (seed >> 28) % 5 == 0 ? tick(g, t) : feed(g, phase, x, y, t);
        uint64_t deadline = rs_gesture_next_deadline(g);
        if (!rs_gesture_is_down(g))
            assert_true(deadline == UINT64_MAX);
        for (size_t k = 0; k < b.count; k++) {
            if (b.events[k].type == RS_GESTURE_PRESS)
                assert_false(was_down);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tap_inside_slop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tap_position_is_press_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drag_beyond_slop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drag_totals_with_fractions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_down_is_a_move, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_press_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_press_from_late_pointer_call, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_long_press_once_dragging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drag_after_long_press, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_up_beyond_slop_fills_max_events, setup, teardown),
        cmocka_unit_test(test_long_press_disabled),
        cmocka_unit_test_setup_teardown(test_velocity_steady, setup, teardown),
        cmocka_unit_test_setup_teardown(test_velocity_irregular_samples, setup, teardown),
        cmocka_unit_test_setup_teardown(test_velocity_high_rate_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_velocity_up_repeating_last_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_velocity_zero_after_short_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_velocity_zero_after_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_swipe_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_swipe_not_outside_zone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_swipe_not_mostly_vertical, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_swipe_not_too_short, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_swipe_not_leftwards_or_back_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_tap_is_a_tap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_swipe_from_the_right, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stray_move_and_up_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nan_input_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_coordinates_stay_finite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_time_going_backwards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_output_array, setup, teardown),
        cmocka_unit_test(test_config_defaults_and_sanitizing),
        cmocka_unit_test_setup_teardown(test_random_streams, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
