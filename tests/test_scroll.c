#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "scroll.h"

/* ---------------------------------------------------------------- helpers */

/* A list 2000 px long in a 500 px viewport: max offset 1500. */
static int setup(void **state)
{
    rs_scroll *s = rs_scroll_create();
    if (!s)
        return -1;
    rs_scroll_set_extent(s, 2000, 500);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    rs_scroll_destroy(*state);
    return 0;
}

static void assert_offset_in_range(const rs_scroll *s)
{
    float offset = rs_scroll_offset(s);
    assert_true(isfinite(offset));
    assert_true(offset >= 0.0f && offset <= rs_scroll_max_offset(s));
}

/* Updates from `from` to `to` in steps of `step` ms (the last one shorter),
 * checking the offset stays finite. Returns what the last update returned. */
static bool run(rs_scroll *s, uint64_t from, uint64_t to, uint64_t step)
{
    bool moving = rs_scroll_is_moving(s);
    for (uint64_t t = from; t < to;) {
        t = t + step < to ? t + step : to;
        moving = rs_scroll_update(s, t);
        assert_true(isfinite(rs_scroll_offset(s)));
        assert_true(moving == rs_scroll_is_moving(s));
        if (!moving)
            assert_offset_in_range(s);
    }
    return moving;
}

/* Updates every 16 ms until the scroller rests; returns the time it did.
 * Fails if it is still moving at `limit`. */
static uint64_t run_until_rest(rs_scroll *s, uint64_t from, uint64_t limit)
{
    for (uint64_t t = from + 16; t <= limit; t += 16) {
        bool moving = rs_scroll_update(s, t);
        assert_true(isfinite(rs_scroll_offset(s)));
        if (!moving) {
            assert_offset_in_range(s);
            return t;
        }
    }
    fail_msg("still moving at %llu ms", (unsigned long long)limit);
    return 0;
}

/* A fresh scroller with the given extent, at offset, released at time t
 * with finger velocity (px/s). The caller destroys it. */
static rs_scroll *new_flung(float content, float viewport, float offset, float velocity, uint64_t t)
{
    rs_scroll *s = rs_scroll_create();
    assert_non_null(s);
    rs_scroll_set_extent(s, content, viewport);
    rs_scroll_set_offset(s, offset);
    rs_scroll_grab(s, t);
    rs_scroll_release(s, velocity, t);
    return s;
}

/* ------------------------------------------------------------------ drag */

static void test_drag_inside_bounds_is_exact(void **state)
{
    rs_scroll *s = *state;
    assert_true(rs_scroll_max_offset(s) == 1500.0f);
    rs_scroll_set_offset(s, 500);
    rs_scroll_grab(s, 0);
    rs_scroll_drag(s, 30, 10); /* finger down: content down: offset decreases */
    assert_true(rs_scroll_offset(s) == 470.0f);
    rs_scroll_drag(s, -100, 20);
    assert_true(rs_scroll_offset(s) == 570.0f);
    rs_scroll_drag(s, -0.25f, 30);
    assert_true(rs_scroll_offset(s) == 570.25f);
    assert_false(rs_scroll_is_moving(s));
    assert_false(rs_scroll_update(s, 40)); /* dragging is not animation */
    assert_true(rs_scroll_offset(s) == 570.25f);
}

static void test_drag_resisted_beyond_edges(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_grab(s, 0);
    rs_scroll_drag(s, 90, 10);
    assert_float_equal(rs_scroll_offset(s), -30.0, 1e-4);
    rs_scroll_drag(s, 30, 20);
    assert_float_equal(rs_scroll_offset(s), -40.0, 1e-4);
    rs_scroll_drag(s, -120, 30); /* back in exactly: resistance is undone */
    assert_float_equal(rs_scroll_offset(s), 0.0, 1e-4);
    rs_scroll_drag(s, -50, 40);
    assert_float_equal(rs_scroll_offset(s), 50.0, 1e-4);

    /* Crossing an edge in one move: 20 px free, 60 px at a third. */
    rs_scroll_drag(s, 80, 50);
    assert_float_equal(rs_scroll_offset(s), -10.0, 1e-4);

    /* The far edge. */
    rs_scroll_set_offset(s, 1490);
    rs_scroll_drag(s, -70, 60);
    assert_float_equal(rs_scroll_offset(s), 1520.0, 1e-4);
    rs_scroll_drag(s, 60, 70);
    assert_float_equal(rs_scroll_offset(s), 1500.0, 1e-4);
}

/* ----------------------------------------------------------------- fling */

static void test_fling_distance_and_stop(void **state)
{
    (void)state;
    static const float velocities[] = {-400, -2000, -8000, 5000};
    for (size_t i = 0; i < sizeof velocities / sizeof velocities[0]; i++) {
        float v = velocities[i];
        rs_scroll *s = new_flung(100000, 500, 50000, v, 1000);
        assert_true(rs_scroll_is_moving(s));
        uint64_t rest = run_until_rest(s, 1000, 1000 + 5000);
        double expected = -(double)v * 0.325;
        double travelled = rs_scroll_offset(s) - 50000.0;
        /* cmocka's macro casts its arguments unparenthesised: (float)fabs(e) * 0.05
         * would be a double again (the ARM builds' -Wconversion caught it). */
        assert_float_equal(travelled, expected, (fabs(expected) * 0.05));
        /* Stops once below 5 px/s: t = 325 ms * ln(|v| / 5), plus a frame. */
        double stop_ms = 325.0 * log(fabs(v) / 5.0);
        assert_true((double)(rest - 1000) <= stop_ms + 16.0);
        assert_true((double)(rest - 1000) >= stop_ms - 16.0);
        /* At rest it stays put. */
        float resting = rs_scroll_offset(s);
        assert_false(rs_scroll_update(s, rest + 10000));
        assert_true(rs_scroll_offset(s) == resting);
        rs_scroll_destroy(s);
    }
}

static void test_fling_below_stop_speed_does_not_move(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_set_offset(s, 700);
    rs_scroll_grab(s, 0);
    rs_scroll_release(s, 4.0f, 10);
    assert_false(rs_scroll_is_moving(s));
    assert_false(rs_scroll_update(s, 500));
    assert_true(rs_scroll_offset(s) == 700.0f);
}

static void test_frame_rate_independence(void **state)
{
    (void)state;
    /* A fling that stops inside the content, and one that hits the far
     * edge, bounces and settles. */
    static const struct {
        float content, offset, velocity;
    } cases[] = {
        {100000, 1000, -3000},
        {2000, 1000, -6000},
        {2000, 300, 9000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_scroll *fast = new_flung(cases[i].content, 500, cases[i].offset, cases[i].velocity, 0);
        rs_scroll *slow = new_flung(cases[i].content, 500, cases[i].offset, cases[i].velocity, 0);
        static const uint64_t checkpoints[] = {40, 120, 250, 500, 900, 4000};
        uint64_t from = 0;
        for (size_t k = 0; k < sizeof checkpoints / sizeof checkpoints[0]; k++) {
            run(fast, from, checkpoints[k], 8);
            run(slow, from, checkpoints[k], 33);
            assert_float_equal(rs_scroll_offset(fast), rs_scroll_offset(slow), 1.0);
            from = checkpoints[k];
        }
        assert_false(rs_scroll_is_moving(fast));
        assert_false(rs_scroll_is_moving(slow));
        rs_scroll_destroy(fast);
        rs_scroll_destroy(slow);
    }
}

/* ---------------------------------------------------------------- spring */

static void test_spring_back_from_overscroll(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_grab(s, 1000);
    rs_scroll_drag(s, 180, 1010); /* 60 px past the top */
    assert_float_equal(rs_scroll_offset(s), -60.0, 1e-4);
    rs_scroll_release(s, 0, 1020);
    assert_true(rs_scroll_is_moving(s));

    float previous = rs_scroll_offset(s);
    for (uint64_t t = 1020 + 16; t < 1020 + 250; t += 16) {
        assert_true(rs_scroll_update(s, t));
        float offset = rs_scroll_offset(s);
        assert_true(offset >= previous);   /* straight back, */
        assert_true(offset <= 0.0f);       /* never past the edge */
        previous = offset;
    }
    assert_false(rs_scroll_update(s, 1020 + 300));
    assert_true(rs_scroll_offset(s) == 0.0f);
    for (uint64_t t = 1320; t < 5000; t += 50) {
        assert_false(rs_scroll_update(s, t));
        assert_true(rs_scroll_offset(s) == 0.0f);
    }

    /* The far edge, released while still pulling outwards. */
    rs_scroll_grab(s, 6000);
    rs_scroll_set_offset(s, 1500);
    rs_scroll_drag(s, -300, 6010);
    assert_float_equal(rs_scroll_offset(s), 1600.0, 1e-4);
    rs_scroll_release(s, -1500, 6020);
    bool moving = run(s, 6020, 6020 + 300, 16);
    assert_false(moving);
    assert_true(rs_scroll_offset(s) == 1500.0f);
}

static void test_spring_released_towards_content(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_grab(s, 0);
    rs_scroll_drag(s, 300, 10); /* -100 */
    rs_scroll_release(s, -20000, 20); /* thrown back hard */
    for (uint64_t t = 24; t <= 300; t += 4) {
        rs_scroll_update(s, t);
        assert_true(rs_scroll_offset(s) <= 0.0f); /* no swing past the edge */
    }
    assert_false(rs_scroll_is_moving(s));
    assert_true(rs_scroll_offset(s) == 0.0f);
}

static void test_fling_into_edge_bounces_and_settles(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_set_offset(s, 1400);
    rs_scroll_grab(s, 0);
    rs_scroll_release(s, -8000, 0); /* towards the end, 100 px away */
    float peak = 0;
    uint64_t t = 0;
    while (rs_scroll_update(s, t += 4)) {
        float offset = rs_scroll_offset(s);
        assert_true(offset >= 1400.0f);
        if (offset > peak)
            peak = offset;
        assert_true(t < 2000);
    }
    assert_true(peak > 1500.0f);         /* it did overshoot, */
    assert_true(peak < 1500.0f + 80.0f); /* a little */
    assert_true(rs_scroll_offset(s) == 1500.0f);
    assert_true(t <= 300); /* reaches the edge in ~13 ms, then 250 ms of bounce */
    for (; t < 3000; t += 33) {
        assert_false(rs_scroll_update(s, t));
        assert_true(rs_scroll_offset(s) == 1500.0f);
    }
}

/* ----------------------------------------------------------------- grab */

static void test_grab_stops_fling(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_set_offset(s, 100);
    rs_scroll_grab(s, 0);
    rs_scroll_release(s, -2000, 0);
    assert_true(run(s, 0, 100, 16));
    float at_100 = rs_scroll_offset(s);
    assert_true(at_100 > 100.0f);

    rs_scroll_grab(s, 100);
    assert_false(rs_scroll_is_moving(s));
    assert_true(rs_scroll_offset(s) == at_100);
    assert_false(rs_scroll_update(s, 500));
    assert_true(rs_scroll_offset(s) == at_100);

    /* Grabbing during a spring leaves the content where it is, past the edge. */
    rs_scroll_drag(s, at_100 + 90, 510); /* to -30 */
    rs_scroll_release(s, 0, 520);
    run(s, 520, 600, 16);
    float mid_spring = rs_scroll_offset(s);
    assert_true(mid_spring < 0.0f && mid_spring > -30.0f);
    rs_scroll_grab(s, 600);
    assert_false(rs_scroll_update(s, 2000));
    assert_true(rs_scroll_offset(s) == mid_spring);
    rs_scroll_release(s, 0, 2000);
    assert_false(run(s, 2000, 2300, 16));
    assert_true(rs_scroll_offset(s) == 0.0f);
}

/* --------------------------------------------------------------- extent */

static void test_set_extent_shrinking_clamps(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_set_offset(s, 1500);
    rs_scroll_set_extent(s, 800, 500);
    assert_true(rs_scroll_max_offset(s) == 300.0f);
    assert_true(rs_scroll_offset(s) == 300.0f);
    assert_false(rs_scroll_is_moving(s));

    rs_scroll_set_extent(s, 300, 500); /* content fits: max 0 */
    assert_true(rs_scroll_max_offset(s) == 0.0f);
    assert_true(rs_scroll_offset(s) == 0.0f);

    /* During a fling: the fling meets the new edge, and settles in range. */
    rs_scroll_set_extent(s, 10000, 500);
    rs_scroll_set_offset(s, 1000);
    rs_scroll_grab(s, 0);
    rs_scroll_release(s, -3000, 0);
    run(s, 0, 100, 16);
    rs_scroll_set_extent(s, 1500, 500); /* max 1000: the fling is now past it */
    assert_true(rs_scroll_is_moving(s));
    run_until_rest(s, 100, 2000);
    assert_true(rs_scroll_offset(s) == 1000.0f);

    /* During a nudge whose target no longer exists. */
    rs_scroll_set_extent(s, 10000, 500);
    rs_scroll_nudge(s, 2000, 3000);
    run(s, 3000, 3050, 16);
    rs_scroll_set_extent(s, 1700, 500);
    run_until_rest(s, 3050, 4000);
    assert_true(rs_scroll_offset(s) == 1200.0f);
}

/* ---------------------------------------------------------------- nudge */

static void test_nudge_clamps_and_animates(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_nudge(s, -100, 0); /* already at the top */
    assert_false(rs_scroll_update(s, 10));
    assert_true(rs_scroll_offset(s) == 0.0f);

    rs_scroll_nudge(s, 100, 100);
    assert_true(rs_scroll_is_moving(s));
    assert_true(rs_scroll_update(s, 150));
    float halfway = rs_scroll_offset(s);
    assert_true(halfway > 50.0f && halfway < 100.0f); /* ease-out: most of it early */
    assert_false(rs_scroll_update(s, 250));
    assert_true(rs_scroll_offset(s) == 100.0f);

    /* Key repeat accumulates on the target. */
    rs_scroll_nudge(s, 40, 300);
    rs_scroll_update(s, 320);
    rs_scroll_nudge(s, 40, 320);
    assert_false(run(s, 320, 500, 16));
    assert_true(rs_scroll_offset(s) == 180.0f);

    /* Far past the end: clamped to max, never beyond on the way. */
    rs_scroll_nudge(s, 1e7f, 600);
    for (uint64_t t = 604; t <= 800; t += 4) {
        rs_scroll_update(s, t);
        assert_offset_in_range(s);
    }
    assert_true(rs_scroll_offset(s) == 1500.0f);

    /* A grab that was never released (a tap) does not swallow nudges, and
     * a drag afterwards takes over from wherever the glide is. */
    rs_scroll_grab(s, 1000);
    rs_scroll_nudge(s, -500, 1000);
    assert_true(rs_scroll_is_moving(s));
    assert_true(rs_scroll_update(s, 1075));
    float gliding = rs_scroll_offset(s);
    assert_true(gliding < 1500.0f && gliding > 1000.0f);
    rs_scroll_drag(s, 10, 1075);
    assert_false(rs_scroll_is_moving(s));
    assert_float_equal(rs_scroll_offset(s), gliding - 10.0f, 1e-3);
    assert_false(rs_scroll_update(s, 1500));

    /* Stops a fling. */
    rs_scroll_set_offset(s, 500);
    rs_scroll_release(s, 3000, 2010);
    assert_true(run(s, 2010, 2050, 16));
    rs_scroll_nudge(s, 0, 2050);
    assert_false(run(s, 2050, 2300, 16));
    float stopped = rs_scroll_offset(s);
    assert_false(rs_scroll_update(s, 4000));
    assert_true(rs_scroll_offset(s) == stopped);
}

/* -------------------------------------------------------------- hostile */

static void test_giant_velocity_and_odd_extents_stay_finite(void **state)
{
    (void)state;
    static const float velocities[] = {1e30f, -1e30f, FLT_MAX, -FLT_MAX, INFINITY, -INFINITY, NAN, 20000, -20001};
    for (size_t i = 0; i < sizeof velocities / sizeof velocities[0]; i++) {
        rs_scroll *s = new_flung(5000, 500, 2000, velocities[i], 0);
        uint64_t rest = run_until_rest(s, 0, 5000);
        assert_true(rest <= 3100); /* capped at 20000 px/s: stops by 325 ms * ln(4000) */
        rs_scroll_destroy(s);
    }

    /* A capped fling in open content travels about 20000 * 0.325 px. */
    rs_scroll *s = new_flung(1e7f, 500, 0, -1e30f, 0);
    run_until_rest(s, 0, 5000);
    assert_float_equal(rs_scroll_offset(s), 6500.0, 6500.0 * 0.05);
    rs_scroll_destroy(s);

    static const float lengths[][2] = {
        {0, 0}, {-5, -5}, {-5, 100}, {100, -5}, {NAN, 100}, {100, NAN},
        {INFINITY, 100}, {100, -INFINITY}, {FLT_MAX, 0}, {FLT_MAX, FLT_MAX}, {1e30f, 1.0f},
    };
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        s = rs_scroll_create();
        assert_non_null(s);
        rs_scroll_set_extent(s, lengths[i][0], lengths[i][1]);
        float max = rs_scroll_max_offset(s);
        assert_true(isfinite(max) && max >= 0.0f);
        rs_scroll_set_offset(s, FLT_MAX);
        assert_offset_in_range(s);
        rs_scroll_set_offset(s, NAN);
        assert_offset_in_range(s);
        rs_scroll_grab(s, 0);
        rs_scroll_drag(s, FLT_MAX, 1);
        assert_true(isfinite(rs_scroll_offset(s)));
        rs_scroll_drag(s, -FLT_MAX, 2);
        assert_true(isfinite(rs_scroll_offset(s)));
        rs_scroll_drag(s, -INFINITY, 3);
        rs_scroll_drag(s, NAN, 4);
        assert_true(isfinite(rs_scroll_offset(s)));
        rs_scroll_release(s, FLT_MAX, 5);
        run_until_rest(s, 5, 5000);
        rs_scroll_nudge(s, FLT_MAX, 6000);
        run_until_rest(s, 6000, 7000);
        rs_scroll_nudge(s, -INFINITY, 8000);
        assert_offset_in_range(s);
        rs_scroll_destroy(s);
    }
}

static void test_time_going_backwards(void **state)
{
    rs_scroll *s = *state;
    rs_scroll_set_extent(s, 100000, 500);
    rs_scroll_set_offset(s, 1000);
    rs_scroll_grab(s, 50000);
    rs_scroll_release(s, -3000, 50000);
    run(s, 50000, 50100, 16);
    float at = rs_scroll_offset(s);

    /* A stale timestamp: no time passes. */
    assert_true(rs_scroll_update(s, 50090));
    assert_true(rs_scroll_offset(s) == at);

    /* A clock reset: continues from the new base instead of freezing. */
    assert_true(rs_scroll_update(s, 10));
    assert_true(rs_scroll_offset(s) == at);
    assert_true(rs_scroll_update(s, 26));
    assert_true(rs_scroll_offset(s) > at);
    uint64_t rest = run_until_rest(s, 26, 5000);
    assert_true(rest < 3000);

    /* The same fling without the reset ends in the same place. */
    rs_scroll *reference = new_flung(100000, 500, 1000, -3000, 0);
    run_until_rest(reference, 0, 5000);
    assert_float_equal(rs_scroll_offset(s), rs_scroll_offset(reference), 1.0);
    rs_scroll_destroy(reference);

    /* Times near the end of uint64_t. */
    rs_scroll_grab(s, UINT64_MAX - 100);
    rs_scroll_release(s, 3000, UINT64_MAX - 100);
    rs_scroll_update(s, UINT64_MAX);
    assert_true(isfinite(rs_scroll_offset(s)));
}

static void test_create_defaults(void **state)
{
    (void)state;
    rs_scroll *s = rs_scroll_create();
    assert_non_null(s);
    assert_true(rs_scroll_offset(s) == 0.0f);
    assert_true(rs_scroll_max_offset(s) == 0.0f);
    assert_false(rs_scroll_is_moving(s));
    assert_false(rs_scroll_update(s, 123));
    rs_scroll_destroy(s);
    rs_scroll_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_defaults),
        cmocka_unit_test_setup_teardown(test_drag_inside_bounds_is_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drag_resisted_beyond_edges, setup, teardown),
        cmocka_unit_test(test_fling_distance_and_stop),
        cmocka_unit_test_setup_teardown(test_fling_below_stop_speed_does_not_move, setup, teardown),
        cmocka_unit_test(test_frame_rate_independence),
        cmocka_unit_test_setup_teardown(test_spring_back_from_overscroll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spring_released_towards_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fling_into_edge_bounces_and_settles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grab_stops_fling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_extent_shrinking_clamps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nudge_clamps_and_animates, setup, teardown),
        cmocka_unit_test(test_giant_velocity_and_odd_extents_stay_finite),
        cmocka_unit_test_setup_teardown(test_time_going_backwards, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
