/* The two-finger tracker: which samples pass to the one-pointer recogniser,
 * when a pinch begins and ends, its scale, centre and pan, and the centre's
 * release velocity, on a fake clock. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "pinch.h"

#define SLOP 10.0f

static rs_pinch_event down(rs_pinch *p, int64_t id, float x, float y, uint64_t t)
{
    return rs_pinch_finger(p, id, RS_POINTER_DOWN, x, y, t);
}

static rs_pinch_event move(rs_pinch *p, int64_t id, float x, float y, uint64_t t)
{
    return rs_pinch_finger(p, id, RS_POINTER_MOVE, x, y, t);
}

static rs_pinch_event up(rs_pinch *p, int64_t id, float x, float y, uint64_t t)
{
    return rs_pinch_finger(p, id, RS_POINTER_UP, x, y, t);
}

static void expect_pointer(rs_pinch_event e, rs_pointer_phase phase, float x, float y)
{
    assert_int_equal(e.type, RS_PINCH_POINTER);
    assert_int_equal(e.phase, phase);
    assert_true(e.x == x && e.y == y);
}

static void assert_near(double actual, double expected)
{
    if (fabs(actual - expected) > 1e-4 * (fabs(expected) > 1 ? fabs(expected) : 1))
        fail_msg("%.7f, expected %.7f", actual, expected);
}

/* One finger passes through unchanged, phase by phase, whatever its id. */
static void test_one_finger_passes_through(void **state)
{
    (void)state;
    rs_pinch *p = rs_pinch_create(SLOP);
    expect_pointer(down(p, 7, 100, 200, 1000), RS_POINTER_DOWN, 100, 200);
    assert_int_equal(rs_pinch_fingers(p), 1);
    expect_pointer(move(p, 7, 130, 210, 1016), RS_POINTER_MOVE, 130, 210);
    expect_pointer(down(p, 7, 131, 211, 1020), RS_POINTER_MOVE, 131, 211); /* a repeated DOWN is a move */
    expect_pointer(up(p, 7, 140, 215, 1032), RS_POINTER_UP, 140, 215);
    assert_int_equal(rs_pinch_fingers(p), 0);
    assert_false(rs_pinch_active(p));
    /* A finger not down reports nothing. */
    assert_int_equal(move(p, 7, 1, 1, 1040).type, RS_PINCH_NONE);
    assert_int_equal(up(p, 7, 1, 1, 1040).type, RS_PINCH_NONE);
    /* The next touch passes through again, with another id. */
    expect_pointer(down(p, -3, 5, 6, 2000), RS_POINTER_DOWN, 5, 6);
    rs_pinch_event e = rs_pinch_finger(p, -3, RS_POINTER_CANCEL, NAN, 0, 2010);
    expect_pointer(e, RS_POINTER_CANCEL, 5, 6); /* lifted where it last was */
    assert_int_equal(rs_pinch_fingers(p), 0);
    rs_pinch_destroy(p);
}

/* A second finger begins a pinch at the midpoint; the scale of each report
 * is the distance ratio since the previous one and the pan the midpoint's
 * movement; the product of scales is the whole ratio. */
static void test_pinch_scale_and_centre(void **state)
{
    (void)state;
    rs_pinch *p = rs_pinch_create(SLOP);
    expect_pointer(down(p, 1, 300, 200, 1000), RS_POINTER_DOWN, 300, 200);
    rs_pinch_event e = down(p, 2, 400, 200, 1010);
    assert_int_equal(e.type, RS_PINCH_BEGIN);
    assert_true(e.x == 350 && e.y == 200);
    assert_true(rs_pinch_active(p));
    assert_int_equal(rs_pinch_fingers(p), 2);

    /* Finger 2 moves right by 100: distance 100 -> 200, midpoint 350 -> 400. */
    e = move(p, 2, 500, 200, 1026);
    assert_int_equal(e.type, RS_PINCH_MOVE);
    assert_near(e.scale, 2.0);
    assert_near(e.x, 400), assert_near(e.y, 200);
    assert_near(e.dx, 50), assert_near(e.dy, 0);
    /* Finger 1 moves left by 100 and down by 60: distance 200 -> sqrt(300^2 + 60^2). */
    e = move(p, 1, 200, 260, 1042);
    assert_near(e.scale, sqrt(300.0 * 300 + 60 * 60) / 200);
    assert_near(e.x, 350), assert_near(e.y, 230);
    assert_near(e.dx, -50), assert_near(e.dy, 30);
    /* A sample where the finger already is reports nothing. */
    assert_int_equal(move(p, 1, 200, 260, 1050).type, RS_PINCH_NONE);

    /* Many small steps: the product is the ratio of the last distance to the
     * first, the sum of pans the midpoint's travel. */
    double product = 1, pan_x = 0, pan_y = 0;
    float ax = 200, ay = 260, bx = 500, by = 200;
    double first = sqrt((double)(bx - ax) * (bx - ax) + (double)(by - ay) * (by - ay));
    for (int k = 1; k <= 40; k++) {
        ax += 3, ay -= 1;
        e = move(p, 1, ax, ay, 1050 + (uint64_t)k * 8);
        product *= e.scale, pan_x += e.dx, pan_y += e.dy;
        bx -= 5, by += 2;
        e = move(p, 2, bx, by, 1054 + (uint64_t)k * 8);
        product *= e.scale, pan_x += e.dx, pan_y += e.dy;
    }
    double last = sqrt((double)(bx - ax) * (bx - ax) + (double)(by - ay) * (by - ay));
    assert_near(product, last / first);
    assert_near(pan_x, (3.0 * 40 - 5.0 * 40) / 2), assert_near(pan_y, (-1.0 * 40 + 2.0 * 40) / 2);
    rs_pinch_destroy(p);
}

/* After a pinch nothing is reported until every finger is up: the finger
 * left behind never passes to the recogniser (it would become a tap). */
static void test_finger_left_after_a_pinch_does_nothing(void **state)
{
    (void)state;
    rs_pinch *p = rs_pinch_create(SLOP);
    down(p, 1, 100, 100, 1000);
    assert_int_equal(down(p, 2, 200, 100, 1020).type, RS_PINCH_BEGIN);
    move(p, 2, 260, 100, 1036);
    rs_pinch_event e = up(p, 2, 260, 100, 1300); /* held still long before lifting */
    assert_int_equal(e.type, RS_PINCH_END);
    assert_true(e.vx == 0 && e.vy == 0);
    assert_false(rs_pinch_active(p));
    assert_int_equal(rs_pinch_fingers(p), 1);
    assert_int_equal(move(p, 1, 150, 150, 1316).type, RS_PINCH_NONE);
    /* A new finger beside it is no new pinch either. */
    assert_int_equal(down(p, 3, 300, 300, 1320).type, RS_PINCH_NONE);
    assert_int_equal(move(p, 3, 320, 300, 1336).type, RS_PINCH_NONE);
    assert_int_equal(up(p, 1, 150, 150, 1400).type, RS_PINCH_NONE);
    assert_int_equal(rs_pinch_fingers(p), 1);
    assert_int_equal(up(p, 3, 320, 300, 1410).type, RS_PINCH_NONE);
    assert_int_equal(rs_pinch_fingers(p), 0);
    /* Empty again: the next finger passes through. */
    expect_pointer(down(p, 1, 10, 10, 2000), RS_POINTER_DOWN, 10, 10);
    rs_pinch_destroy(p);
}

/* A third finger is tracked but changes nothing; the pinch ends when either
 * of its pair lifts, not the third. */
static void test_third_finger(void **state)
{
    (void)state;
    rs_pinch *p = rs_pinch_create(SLOP);
    down(p, 1, 100, 100, 1000);
    down(p, 2, 200, 100, 1000);
    assert_int_equal(down(p, 3, 150, 300, 1010).type, RS_PINCH_NONE);
    assert_int_equal(move(p, 3, 150, 350, 1020).type, RS_PINCH_NONE);
    assert_int_equal(up(p, 3, 150, 350, 1030).type, RS_PINCH_NONE);
    assert_true(rs_pinch_active(p));
    rs_pinch_event e = move(p, 1, 50, 100, 1040);
    assert_int_equal(e.type, RS_PINCH_MOVE);
    assert_near(e.scale, 1.5);
    assert_int_equal(up(p, 1, 50, 100, 1050).type, RS_PINCH_END);
    rs_pinch_destroy(p);
}

/* Two-finger pan: the midpoint's release velocity as a one-finger drag's
 * (px/s); none when it only zoomed (midpoint within the slop), none after a
 * cancel. */
static void test_release_velocity(void **state)
{
    (void)state;
    rs_pinch *p = rs_pinch_create(SLOP);
    down(p, 1, 100, 200, 1000);
    down(p, 2, 200, 200, 1000);
    rs_pinch_event e = {0};
    for (int k = 1; k <= 10; k++) { /* both fingers right at 1 px/ms, down at 0.5 px/ms */
        uint64_t t = 1000 + (uint64_t)k * 16;
        float scale = move(p, 1, 100.0f + 16.0f * (float)k, 200.0f + 8.0f * (float)k, t).scale;
        e = move(p, 2, 200.0f + 16.0f * (float)k, 200.0f + 8.0f * (float)k, t);
        assert_near(scale * e.scale, 1.0); /* the pair moved together: no zoom */
    }
    assert_near(e.x, 150 + 160), assert_near(e.y, 280);
    e = up(p, 2, 360, 280, 1160);
    assert_int_equal(e.type, RS_PINCH_END);
    assert_near(e.vx, 1000), assert_near(e.vy, 500);
    up(p, 1, 260, 280, 1170);

    /* Spreading about a still midpoint: no velocity. */
    down(p, 1, 100, 200, 2000);
    down(p, 2, 200, 200, 2000);
    for (int k = 1; k <= 10; k++) {
        move(p, 1, 100.0f - 10.0f * (float)k, 200, 2000 + (uint64_t)k * 16);
        move(p, 2, 200.0f + 10.0f * (float)k, 200, 2000 + (uint64_t)k * 16);
    }
    e = up(p, 1, 0, 200, 2160);
    assert_int_equal(e.type, RS_PINCH_END);
    assert_true(e.vx == 0 && e.vy == 0);
    up(p, 2, 300, 200, 2170);

    /* A cancelled pinch ends without velocity. */
    down(p, 1, 100, 200, 3000);
    down(p, 2, 200, 200, 3000);
    for (int k = 1; k <= 10; k++)
        move(p, 2, 200.0f + 20.0f * (float)k, 200, 3000 + (uint64_t)k * 16);
    e = rs_pinch_finger(p, 2, RS_POINTER_CANCEL, 400, 200, 3170);
    assert_int_equal(e.type, RS_PINCH_END);
    assert_true(e.vx == 0 && e.vy == 0);
    rs_pinch_destroy(p);
}

/* Fingers closer than RS_PINCH_MIN_DISTANCE give scale 1, never a division
 * by (nearly) zero; non-finite samples are ignored, and everything stays
 * finite at the coordinate limits. */
static void test_hostile_samples(void **state)
{
    (void)state;
    rs_pinch *p = rs_pinch_create(NAN);
    assert_int_equal(down(p, 1, NAN, 5, 1000).type, RS_PINCH_NONE);
    assert_int_equal(rs_pinch_fingers(p), 0);
    down(p, 1, 100, 100, 1000);
    down(p, 2, 102, 100, 1000);
    rs_pinch_event e = move(p, 2, 150, 100, 1016); /* from 2 px apart */
    assert_int_equal(e.type, RS_PINCH_MOVE);
    assert_true(e.scale == 1.0f);
    e = move(p, 2, 100, 100, 1032); /* to 0 px apart */
    assert_true(e.scale == 1.0f);
    assert_int_equal(move(p, 2, INFINITY, 100, 1040).type, RS_PINCH_NONE);
    e = move(p, 2, 1e30f, -1e30f, 1048);
    assert_true(isfinite(e.scale) && isfinite(e.x) && isfinite(e.dx) && isfinite(e.dy));
    assert_true(e.x <= RS_GESTURE_COORDINATE_LIMIT);
    e = move(p, 1, -1e30f, 1e30f, 1064);
    assert_true(isfinite(e.scale) && isfinite(e.x) && isfinite(e.dx) && isfinite(e.dy));
    e = rs_pinch_finger(p, 1, RS_POINTER_UP, NAN, NAN, 1070);
    assert_int_equal(e.type, RS_PINCH_END);
    assert_true(isfinite(e.vx) && isfinite(e.vy));
    up(p, 2, 0, 0, 1080);
    assert_int_equal(rs_pinch_fingers(p), 0);

    /* More fingers than tracked: the extra ones report nothing, and the
     * glass empties when the tracked ones lift. */
    for (int64_t id = 0; id < RS_PINCH_MAX_FINGERS + 3; id++)
        down(p, id, (float)id * 10, 0, 2000);
    assert_int_equal(rs_pinch_fingers(p), RS_PINCH_MAX_FINGERS);
    assert_int_equal(up(p, RS_PINCH_MAX_FINGERS + 1, 0, 0, 2010).type, RS_PINCH_NONE);
    for (int64_t id = 0; id < RS_PINCH_MAX_FINGERS + 3; id++)
        up(p, id, 0, 0, 2020);
    assert_int_equal(rs_pinch_fingers(p), 0);

    /* Reset forgets fingers down: their later samples report nothing. */
    down(p, 1, 0, 0, 3000);
    down(p, 2, 50, 0, 3000);
    rs_pinch_reset(p);
    assert_int_equal(rs_pinch_fingers(p), 0);
    assert_false(rs_pinch_active(p));
    assert_int_equal(move(p, 2, 80, 0, 3016).type, RS_PINCH_NONE);
    assert_int_equal(up(p, 1, 0, 0, 3020).type, RS_PINCH_NONE);
    expect_pointer(down(p, 4, 1, 2, 3030), RS_POINTER_DOWN, 1, 2);
    rs_pinch_destroy(p);
    rs_pinch_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_finger_passes_through),
        cmocka_unit_test(test_pinch_scale_and_centre),
        cmocka_unit_test(test_finger_left_after_a_pinch_does_nothing),
        cmocka_unit_test(test_third_finger),
        cmocka_unit_test(test_release_velocity),
        cmocka_unit_test(test_hostile_samples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
