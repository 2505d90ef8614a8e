/* The staff PIN pad on a fake clock: the way in, the digits, the check, and
 * the lockout (exact lengths, and what it outlives: closing, and with a
 * lockout store in a temporary folder a restart). Messages are checked in
 * English (no catalog loaded). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lockout_store.h"
#include "pinpad.h"
#include "support.h"

typedef struct checker {
    int calls;
    char last[RS_PIN_MAX + 2];
} checker;

static bool pin_is_2468(void *context, const char *pin)
{
    checker *c = context;
    c->calls++;
    snprintf(c->last, sizeof c->last, "%s", pin);
    return strcmp(pin, "2468") == 0;
}

static void type(rs_pinpad *pad, const char *digits, uint64_t now)
{
    for (const char *p = digits; *p; p++)
        rs_pinpad_digit(pad, *p - '0', now);
}

static bool enter(rs_pinpad *pad, const char *digits, uint64_t now)
{
    type(pad, digits, now);
    return rs_pinpad_submit(pad, now);
}

static rs_pinpad *open_pad(checker *c)
{
    rs_pinpad *pad = rs_pinpad_create();
    rs_pinpad_configure(pad, 5000, pin_is_2468, c);
    assert_true(rs_pinpad_open(pad, 0));
    return pad;
}

static void test_no_check_no_way_in(void **state)
{
    (void)state;
    rs_pinpad *pad = rs_pinpad_create();
    assert_int_equal(rs_pinpad_state_now(pad), RS_PINPAD_CLOSED);
    rs_pinpad_press(pad, true, 1000);
    assert_int_equal(rs_pinpad_hold_deadline(pad), UINT64_MAX);
    assert_false(rs_pinpad_open(pad, 1000));
    assert_int_equal(rs_pinpad_state_now(pad), RS_PINPAD_CLOSED);
    /* A check without a hold time: the chord opens it, the corner never. */
    checker c = {0};
    rs_pinpad_configure(pad, 0, pin_is_2468, &c);
    rs_pinpad_press(pad, true, 1000);
    assert_int_equal(rs_pinpad_hold_deadline(pad), UINT64_MAX);
    assert_true(rs_pinpad_open(pad, 1000));
    assert_int_equal(rs_pinpad_state_now(pad), RS_PINPAD_ASKING);
    rs_pinpad_destroy(pad);
}

static void test_corner_hold(void **state)
{
    (void)state;
    checker c = {0};
    rs_pinpad *pad = rs_pinpad_create();
    rs_pinpad_configure(pad, 5000, pin_is_2468, &c);
    rs_pinpad_press(pad, false, 1000); /* elsewhere: no hold */
    assert_int_equal(rs_pinpad_hold_deadline(pad), UINT64_MAX);
    rs_pinpad_press(pad, true, 2000);
    assert_int_equal(rs_pinpad_hold_deadline(pad), 7000);
    rs_pinpad_release(pad);
    assert_int_equal(rs_pinpad_hold_deadline(pad), UINT64_MAX);
    rs_pinpad_press(pad, true, 8000);
    assert_int_equal(rs_pinpad_hold_deadline(pad), 13000);
    assert_true(rs_pinpad_open(pad, 13000)); /* opening ends the hold */
    assert_int_equal(rs_pinpad_hold_deadline(pad), UINT64_MAX);
    rs_pinpad_destroy(pad);
}

static void test_digits_and_the_right_pin(void **state)
{
    (void)state;
    checker c = {0};
    rs_pinpad *pad = open_pad(&c);
    assert_int_equal(rs_pinpad_digits(pad), 0);
    assert_string_equal(rs_pinpad_message(pad), "");
    /* OK with nothing typed checks nothing. */
    assert_false(rs_pinpad_submit(pad, 1000));
    assert_int_equal(c.calls, 0);
    /* Up to eight digits; more are dropped. */
    type(pad, "1234567890", 1000);
    assert_int_equal(rs_pinpad_digits(pad), RS_PIN_MAX);
    rs_pinpad_clear(pad, 1000);
    assert_int_equal(rs_pinpad_digits(pad), 0);
    type(pad, "24", 1000);
    rs_pinpad_clear(pad, 1000);
    assert_true(enter(pad, "2468", 1000));
    assert_int_equal(c.calls, 1);
    assert_string_equal(c.last, "2468");
    assert_int_equal(rs_pinpad_digits(pad), 0); /* wiped after the check */
    assert_int_equal(rs_pinpad_state_now(pad), RS_PINPAD_UNLOCKED);
    rs_pinpad_close(pad);
    assert_int_equal(rs_pinpad_state_now(pad), RS_PINPAD_CLOSED);
    rs_pinpad_destroy(pad);
}

static void test_lock_lengths(void **state)
{
    (void)state;
    assert_int_equal(rs_pinpad_lock_ms(0), 0);
    assert_int_equal(rs_pinpad_lock_ms(1), 0);
    assert_int_equal(rs_pinpad_lock_ms(2), 0);
    assert_int_equal(rs_pinpad_lock_ms(3), 30000);
    assert_int_equal(rs_pinpad_lock_ms(4), 60000);
    assert_int_equal(rs_pinpad_lock_ms(5), 120000);
    assert_int_equal(rs_pinpad_lock_ms(6), 240000);
    assert_int_equal(rs_pinpad_lock_ms(7), 480000);
    assert_int_equal(rs_pinpad_lock_ms(8), 600000);
    assert_int_equal(rs_pinpad_lock_ms(1000), 600000);
}

static void test_three_wrong_lock_for_exactly_30_seconds(void **state)
{
    (void)state;
    checker c = {0};
    rs_pinpad *pad = open_pad(&c);
    assert_false(enter(pad, "1111", 1000));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Try again.");
    assert_false(rs_pinpad_locked(pad, 1000));
    /* The message stays until the next digit, whatever time passes. */
    assert_int_equal(rs_pinpad_deadline(pad, 1000), UINT64_MAX);
    assert_false(rs_pinpad_tick(pad, 1000));
    assert_false(rs_pinpad_tick(pad, 1500));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Try again.");
    assert_false(enter(pad, "1234", 2000));
    assert_false(rs_pinpad_locked(pad, 2000));
    type(pad, "5", 2000); /* a digit clears the message */
    assert_string_equal(rs_pinpad_message(pad), "");
    assert_false(enter(pad, "000", 3000));
    assert_int_equal(c.calls, 3);
    assert_string_equal(c.last, "5000");
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 30 seconds.");

    /* Locked from 3000 to exactly 33000: keys do nothing, OK checks
     * nothing, and the viewer wakes at the end. */
    assert_true(rs_pinpad_locked(pad, 3000));
    assert_true(rs_pinpad_locked(pad, 32999));
    assert_false(rs_pinpad_locked(pad, 33000));
    assert_int_equal(rs_pinpad_deadline(pad, 3000), 33000);
    type(pad, "2468", 20000);
    assert_int_equal(rs_pinpad_digits(pad), 0);
    assert_false(rs_pinpad_submit(pad, 20000));
    assert_int_equal(c.calls, 3);
    assert_false(rs_pinpad_tick(pad, 32999));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 30 seconds.");

    /* The end of the lock clears it and its message, once. */
    assert_true(rs_pinpad_tick(pad, 33000));
    assert_string_equal(rs_pinpad_message(pad), "");
    assert_false(rs_pinpad_tick(pad, 33016));
    assert_int_equal(rs_pinpad_deadline(pad, 33000), UINT64_MAX);

    /* The fourth wrong one in a row: exactly 60 s. */
    assert_false(enter(pad, "9999", 40000));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 60 seconds.");
    assert_true(rs_pinpad_locked(pad, 99999));
    assert_false(rs_pinpad_locked(pad, 100000));
    rs_pinpad_tick(pad, 100000);

    /* The right PIN starts the count again: two wrong ones lock nothing. */
    assert_true(enter(pad, "2468", 100000));
    rs_pinpad_close(pad);
    assert_true(rs_pinpad_open(pad, 100000));
    assert_false(enter(pad, "1", 101000));
    assert_false(enter(pad, "1", 102000));
    assert_false(rs_pinpad_locked(pad, 102000));
    assert_false(enter(pad, "1", 103000));
    assert_true(rs_pinpad_locked(pad, 103000));
    assert_false(rs_pinpad_locked(pad, 133000));
    rs_pinpad_destroy(pad);
}

/* Closing the pad (Back, or idle closing it) does not end a lock or forget
 * the wrong PINs: the pad opens locked, and the next wrong one doubles. */
static void test_lockout_outlives_closing(void **state)
{
    (void)state;
    checker c = {0};
    rs_pinpad *pad = open_pad(&c);
    enter(pad, "1", 1000);
    enter(pad, "2", 1000);
    enter(pad, "3", 1000);
    assert_true(rs_pinpad_locked(pad, 1000));
    rs_pinpad_close(pad);
    assert_int_equal(rs_pinpad_deadline(pad, 1000), UINT64_MAX); /* closed: nothing to wake for */
    assert_false(rs_pinpad_tick(pad, 40000));                    /* nor to clear */

    /* Reopened within the lock: it says how long is left, rounded up. */
    assert_true(rs_pinpad_open(pad, 20000));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 11 seconds.");
    rs_pinpad_close(pad);
    assert_true(rs_pinpad_open(pad, 30001));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 1 second.");
    assert_true(rs_pinpad_locked(pad, 30999));
    assert_int_equal(rs_pinpad_deadline(pad, 20000), 31000);
    type(pad, "2468", 20000);
    assert_int_equal(rs_pinpad_digits(pad), 0);
    assert_false(rs_pinpad_locked(pad, 31000));

    /* After the lock, closed and opened again: the fourth wrong PIN in a
     * row locks for 60 s. */
    rs_pinpad_close(pad);
    assert_true(rs_pinpad_open(pad, 50000));
    assert_string_equal(rs_pinpad_message(pad), "");
    assert_false(enter(pad, "4", 50000));
    assert_true(rs_pinpad_locked(pad, 109999));
    assert_false(rs_pinpad_locked(pad, 110000));
    assert_int_equal(c.calls, 4);
    rs_pinpad_destroy(pad);
}

/* The store's clocks, on the same fake time as the pad's (the pad's clock
 * starts again at each start of the viewer; the boot clock does not). */
static rs_lockout_time store_time = {.wall_ms = 1751328000000ull, .boot_ms = 0, .boot_id = "boot-a"};

static void store_clock(void *context, rs_lockout_time *out)
{
    (void)context;
    *out = store_time;
}

/* Three wrong PINs, then a restart (SIGKILL: nothing saved at exit): the
 * new pad, from the same folder, is locked for exactly what was left, and
 * the next wrong PIN doubles. Without the store it had three fresh tries. */
static void test_lockout_outlives_a_restart(void **state)
{
    (void)state;
    char *folder = support_temp_dir();
    checker c = {0};
    store_time.boot_ms = 60000;
    rs_lockout_store *store = rs_lockout_store_open(folder, store_clock, NULL);
    rs_pinpad *pad = open_pad(&c);
    rs_pinpad_use_store(pad, store, 0);
    assert_false(rs_pinpad_locked(pad, 0));
    enter(pad, "1", 1000);
    enter(pad, "2", 2000);
    store_time.boot_ms = 63000;
    enter(pad, "3", 3000); /* locked until 33000 */
    rs_pinpad_destroy(pad);
    rs_lockout_store_close(store);

    /* 12.5 s later the viewer is back; its clock starts at 0. */
    store_time.boot_ms += 12500;
    store = rs_lockout_store_open(folder, store_clock, NULL);
    pad = rs_pinpad_create();
    rs_pinpad_configure(pad, 5000, pin_is_2468, &c);
    rs_pinpad_use_store(pad, store, 0);
    assert_true(rs_pinpad_open(pad, 0));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 18 seconds.");
    assert_true(rs_pinpad_locked(pad, 17499));
    assert_false(rs_pinpad_locked(pad, 17500));
    assert_int_equal(rs_pinpad_deadline(pad, 0), 17500);
    type(pad, "2468", 1000);
    assert_false(rs_pinpad_submit(pad, 1000));
    assert_int_equal(c.calls, 3); /* nothing was checked */
    assert_true(rs_pinpad_tick(pad, 17500));
    store_time.boot_ms += 17500;
    assert_false(enter(pad, "4", 17500));
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 60 seconds.");
    rs_pinpad_destroy(pad);
    rs_lockout_store_close(store);

    /* Restarted again at once: 60 s; the right PIN, after it, clears the
     * count for the next start too. */
    store = rs_lockout_store_open(folder, store_clock, NULL);
    pad = open_pad(&c);
    rs_pinpad_use_store(pad, store, 500);
    assert_int_equal(rs_pinpad_deadline(pad, 500), 60500);
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 60 seconds.");
    assert_true(rs_pinpad_tick(pad, 60500));
    assert_true(enter(pad, "2468", 60500));
    rs_pinpad_destroy(pad);
    rs_lockout_store_close(store);
    store = rs_lockout_store_open(folder, store_clock, NULL);
    rs_lockout kept = rs_lockout_store_read(store);
    assert_int_equal(kept.failures, 0);
    assert_int_equal(kept.lock_left_ms, 0);
    rs_lockout_store_close(store);
    support_remove_tree(folder);
    free(folder);
}

/* A damaged state file: locked for the longest lock, not open. */
static void test_damaged_state_locks(void **state)
{
    (void)state;
    char *folder = support_temp_dir();
    support_write_text(folder, "pin-lockout", "failures 0\n");
    checker c = {0};
    rs_lockout_store *store = rs_lockout_store_open(folder, store_clock, NULL);
    rs_pinpad *pad = open_pad(&c);
    rs_pinpad_use_store(pad, store, 100);
    assert_string_equal(rs_pinpad_message(pad), "Wrong PIN. Too many tries: wait 600 seconds.");
    assert_true(rs_pinpad_locked(pad, 600099));
    assert_false(rs_pinpad_locked(pad, 600100));
    assert_false(enter(pad, "2468", 1000));
    assert_int_equal(c.calls, 0);
    rs_pinpad_destroy(pad);
    rs_lockout_store_close(store);
    support_remove_tree(folder);
    free(folder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_check_no_way_in),
        cmocka_unit_test(test_corner_hold),
        cmocka_unit_test(test_digits_and_the_right_pin),
        cmocka_unit_test(test_lock_lengths),
        cmocka_unit_test(test_three_wrong_lock_for_exactly_30_seconds),
        cmocka_unit_test(test_lockout_outlives_closing),
        cmocka_unit_test(test_lockout_outlives_a_restart),
        cmocka_unit_test(test_damaged_state_locks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
