/* The idle tiers on a fake clock: the countdown, the reset and the attract
 * loop begin at exactly their configured times, and the deadlines wake the
 * viewer exactly when something is due. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "idle.h"

/* Ticks every ms from `from` to `to` (exclusive) and fails on anything but
 * `expected`. */
static void quiet(rs_idle *idle, rs_idle_place place, uint64_t from, uint64_t to, rs_idle_step expected)
{
    for (uint64_t t = from; t < to; t += 7)
        assert_int_equal(rs_idle_tick(idle, place, t), expected);
}

/* Idle with these tiers, awake, the last input at time 0. */
static rs_idle *idle_with(uint32_t idle_ms, uint32_t countdown_ms, uint32_t attract_ms)
{
    rs_idle *idle = rs_idle_create();
    rs_idle_configure(idle, idle_ms, countdown_ms, attract_ms);
    return idle;
}

static void test_defaults(void **state)
{
    (void)state;
    rs_idle *idle = rs_idle_create();
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    /* 90 s elsewhere, 300 s on a fresh home, counted from time 0. */
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 5), 90000);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_STAFF, 5), 90000);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, 5), 300000);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_NOWHERE, 5), UINT64_MAX);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 89999), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 90000), RS_IDLE_REDRAW);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_COUNTDOWN);
    /* 10 s of countdown. */
    assert_int_equal(rs_idle_countdown_show(idle, 90000), 10);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 99999), RS_IDLE_REDRAW); /* shows 1 now */
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 100000), RS_IDLE_RESET);
    rs_idle_destroy(idle);
}

static void test_countdown_and_reset_at_exact_times(void **state)
{
    (void)state;
    rs_idle *idle = idle_with(20000, 5000, 0);
    assert_int_equal(rs_idle_input(idle, 1000), RS_IDLE_AWAKE); /* nothing to dismiss */
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 1000), 21000);

    /* The countdown appears at exactly 20 s after the last input. */
    quiet(idle, RS_IDLE_ELSEWHERE, 1000, 21000, RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 20999), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 21000), RS_IDLE_REDRAW);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_COUNTDOWN);

    /* Whole seconds left, rounded up; a redraw only when the number
     * changes; a wake-up at each second and at the end. */
    assert_int_equal(rs_idle_countdown_show(idle, 21000), 5);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 21001), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 21999), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 21000), 22000);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 21400), 22000);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 21999), 22000);
    /* A wake-up a little late waits for the next change, not a few ms. */
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 22001), 23000);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 22000), RS_IDLE_REDRAW);
    assert_int_equal(rs_idle_countdown_show(idle, 22000), 4);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 22000), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_countdown_show(idle, 25999), 1);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 25500), 26000);

    /* The reset at exactly the end, and the tiers count again from it. */
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 25999), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_COUNTDOWN);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 26000), RS_IDLE_RESET);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 26000), 46000);
    rs_idle_destroy(idle);
}

static void test_input_dismisses_and_restarts_the_count(void **state)
{
    (void)state;
    rs_idle *idle = idle_with(20000, 5000, 60000);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 20000), RS_IDLE_REDRAW);
    /* Input during the countdown dismisses it; nothing is reset. */
    assert_int_equal(rs_idle_input(idle, 23000), RS_IDLE_COUNTDOWN);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    quiet(idle, RS_IDLE_ELSEWHERE, 23000, 43000, RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 43000), RS_IDLE_REDRAW);
    /* Input while awake counts from then. */
    assert_int_equal(rs_idle_input(idle, 44000), RS_IDLE_COUNTDOWN);
    assert_int_equal(rs_idle_input(idle, 50000), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 50000), 70000);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, 50000), 110000);
    rs_idle_destroy(idle);
}

static void test_attract_loop_timing(void **state)
{
    (void)state;
    rs_idle *idle = idle_with(20000, 5000, 60000);
    /* A fresh home has nothing to reset: no countdown, then the loop at
     * exactly attract_ms. */
    quiet(idle, RS_IDLE_FRESH_HOME, 0, 60000, RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_FRESH_HOME, 60000), RS_IDLE_REDRAW);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_ATTRACT);

    /* One slide every RS_IDLE_SLIDE_MS from the start of the loop. */
    uint64_t start = 60000;
    assert_int_equal(rs_idle_slide(idle, start), 0);
    assert_int_equal(rs_idle_slide(idle, start + RS_IDLE_SLIDE_MS - 1), 0);
    assert_int_equal(rs_idle_slide(idle, start + RS_IDLE_SLIDE_MS), 1);
    assert_int_equal(rs_idle_slide(idle, start + 5 * RS_IDLE_SLIDE_MS + 10), 5);

    /* The veil: covered at a slide's start, clear after the fade, covering
     * again towards its end. */
    assert_true(rs_idle_veil(idle, start) == 1.0f);
    assert_true(rs_idle_veil(idle, start + RS_IDLE_FADE_MS / 2) == 0.5f);
    assert_true(rs_idle_veil(idle, start + RS_IDLE_FADE_MS) == 0.0f);
    assert_true(rs_idle_veil(idle, start + RS_IDLE_SLIDE_MS / 2) == 0.0f);
    assert_true(rs_idle_veil(idle, start + RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS / 2) == 0.5f);
    assert_true(rs_idle_veil(idle, start + RS_IDLE_SLIDE_MS) == 1.0f);

    /* Frames through a fade, asleep in between until the next one. */
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, start + 100), start + 100 + RS_IDLE_FRAME_MS);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_FRESH_HOME, start + 100), RS_IDLE_REDRAW);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, start + 3000),
                     start + RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_FRESH_HOME, start + 3000), RS_IDLE_NOTHING);
    /* The fade's first millisecond is a frame, never a zero wait. */
    uint64_t fade = start + RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS;
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, fade), fade + RS_IDLE_FRAME_MS);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_FRESH_HOME, fade), RS_IDLE_REDRAW);

    /* A touch ends the loop (the caller goes back to the start). */
    assert_int_equal(rs_idle_input(idle, start + 20000), RS_IDLE_ATTRACT);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, start + 20000), start + 80000);
    rs_idle_destroy(idle);
}

static void test_tiers_off_and_places(void **state)
{
    (void)state;
    rs_idle *idle = idle_with(0, 5000, 0);
    quiet(idle, RS_IDLE_ELSEWHERE, 0, 1000000, RS_IDLE_NOTHING);
    quiet(idle, RS_IDLE_FRESH_HOME, 0, 1000000, RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 0), UINT64_MAX);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_FRESH_HOME, 0), UINT64_MAX);

    /* No countdown: straight back to the start at idle_ms. */
    rs_idle_configure(idle, 1000, 0, 0);
    rs_idle_input(idle, 2000000);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 2000999), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_ELSEWHERE, 2001000), RS_IDLE_RESET);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_ELSEWHERE, 2001000), 2002000);

    /* An error screen: nothing to reset, nothing to show. */
    rs_idle_configure(idle, 1000, 1000, 1000);
    quiet(idle, RS_IDLE_NOWHERE, 2001000, 3000000, RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_NOWHERE, 3000000), UINT64_MAX);

    /* Staff screens close at idle_ms, with no countdown. */
    rs_idle_input(idle, 4000000);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_STAFF, 4000999), RS_IDLE_NOTHING);
    assert_int_equal(rs_idle_tick(idle, RS_IDLE_STAFF, 4001000), RS_IDLE_RESET);
    assert_int_equal(rs_idle_phase_now(idle), RS_IDLE_AWAKE);
    assert_int_equal(rs_idle_deadline(idle, RS_IDLE_STAFF, 4001000), 4002000);
    rs_idle_destroy(idle);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_countdown_and_reset_at_exact_times),
        cmocka_unit_test(test_input_dismisses_and_restarts_the_count),
        cmocka_unit_test(test_attract_loop_timing),
        cmocka_unit_test(test_tiers_off_and_places),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
