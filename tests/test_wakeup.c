/*
 * The viewer's own sleep (app/wakeup.c), with a folder of FIFOs standing in
 * for /dev/input: a FIFO polls like an evdev node (readable while it holds
 * unread bytes, hung up when its writer goes).
 */
#include <fcntl.h>
#include <linux/input.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include "wakeup.h"

typedef struct fixture {
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/rostrum-wakeup-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    assert_int_equal(system(command), 0);
    free(f);
    return 0;
}

static void make_fifo(const fixture *f, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    assert_int_equal(mkfifo(path, 0600), 0);
}

/* The writing end of a FIFO that the wakeup already reads. */
static int open_writer(const fixture *f, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    int fd = open(path, O_WRONLY | O_NONBLOCK);
    assert_true(fd >= 0);
    return fd;
}

static void send_event(int fd)
{
    struct input_event event;
    memset(&event, 0, sizeof event);
    event.type = EV_KEY;
    event.code = BTN_TOUCH;
    event.value = 1;
    assert_int_equal(write(fd, &event, sizeof event), (ssize_t)sizeof event);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void test_timeout_without_devices(void **state)
{
    (void)state;
    rs_wakeup *w = rs_wakeup_create(NULL);
    assert_non_null(w);
    assert_int_equal(rs_wakeup_device_count(w), 0);
    double start = now_ms();
    assert_int_equal(rs_wakeup_wait(w, 40), RS_WAKE_TIMEOUT);
    assert_true(now_ms() - start >= 39.0); /* poll never returns early on a timeout */
    assert_int_equal(rs_wakeup_wait(w, 0), RS_WAKE_TIMEOUT);
    rs_wakeup_destroy(w);
}

static void test_signal_before_wait_is_kept_once(void **state)
{
    (void)state;
    rs_wakeup *w = rs_wakeup_create(NULL);
    rs_wakeup_signal(w);
    rs_wakeup_signal(w); /* two wakes before one wait: one return */
    assert_int_equal(rs_wakeup_wait(w, 5000), RS_WAKE_SIGNALLED);
    assert_int_equal(rs_wakeup_wait(w, 0), RS_WAKE_TIMEOUT);
    rs_wakeup_destroy(w);
}

static void *signal_later(void *data)
{
    struct timespec pause = {0, 20 * 1000000L};
    nanosleep(&pause, NULL);
    rs_wakeup_signal(data);
    return NULL;
}

static void test_signal_from_another_thread_ends_an_endless_wait(void **state)
{
    (void)state;
    rs_wakeup *w = rs_wakeup_create(NULL);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, signal_later, w), 0);
    assert_int_equal(rs_wakeup_wait(w, -1), RS_WAKE_SIGNALLED);
    pthread_join(thread, NULL);
    rs_wakeup_destroy(w);
}

static void test_only_event_nodes_are_opened(void **state)
{
    fixture *f = *state;
    make_fifo(f, "event0");
    make_fifo(f, "event12");
    make_fifo(f, "mouse0");   /* the mixed mouse device: SDL reads event* */
    make_fifo(f, "event");    /* no number */
    make_fifo(f, "event1x");  /* not only digits */
    char path[128];
    snprintf(path, sizeof path, "%s/event5", f->dir);
    FILE *regular = fopen(path, "w"); /* a regular file would always poll ready */
    assert_non_null(regular);
    fclose(regular);
    rs_wakeup *w = rs_wakeup_create(f->dir);
    assert_int_equal(rs_wakeup_device_count(w), 2);
    rs_wakeup_destroy(w);
}

static void test_input_wakes_and_is_drained(void **state)
{
    fixture *f = *state;
    make_fifo(f, "event0");
    rs_wakeup *w = rs_wakeup_create(f->dir);
    int writer = open_writer(f, "event0");
    assert_int_equal(rs_wakeup_wait(w, 0), RS_WAKE_TIMEOUT);
    send_event(writer);
    send_event(writer);
    assert_int_equal(rs_wakeup_wait(w, 5000), RS_WAKE_INPUT);
    /* Everything waiting was read: the next wait sleeps its full time. */
    assert_int_equal(rs_wakeup_wait(w, 20), RS_WAKE_TIMEOUT);
    assert_int_equal(rs_wakeup_device_count(w), 1);
    close(writer);
    rs_wakeup_destroy(w);
}

static void test_a_device_plugged_in_later_is_watched(void **state)
{
    fixture *f = *state;
    make_fifo(f, "event0");
    rs_wakeup *w = rs_wakeup_create(f->dir);
    assert_int_equal(rs_wakeup_device_count(w), 1);
    make_fifo(f, "event7");
    assert_int_equal(rs_wakeup_wait(w, 5000), RS_WAKE_INPUT);
    assert_int_equal(rs_wakeup_device_count(w), 2);
    int writer = open_writer(f, "event7");
    send_event(writer);
    assert_int_equal(rs_wakeup_wait(w, 5000), RS_WAKE_INPUT);
    assert_int_equal(rs_wakeup_wait(w, 0), RS_WAKE_TIMEOUT);
    close(writer);
    rs_wakeup_destroy(w);
}

static void test_a_device_unplugged_is_forgotten(void **state)
{
    fixture *f = *state;
    make_fifo(f, "event0");
    make_fifo(f, "event1");
    rs_wakeup *w = rs_wakeup_create(f->dir);
    int writer = open_writer(f, "event1");
    send_event(writer);
    close(writer); /* hung up, as an unplugged device reports */
    assert_int_equal(rs_wakeup_wait(w, 5000), RS_WAKE_INPUT);
    assert_int_equal(rs_wakeup_device_count(w), 1);
    /* It no longer wakes anything. */
    assert_int_equal(rs_wakeup_wait(w, 20), RS_WAKE_TIMEOUT);
    rs_wakeup_destroy(w);
}

static void test_drivers_with_a_wait_of_their_own(void **state)
{
    (void)state;
    assert_true(rs_wakeup_driver_waits("x11"));
    assert_true(rs_wakeup_driver_waits("wayland"));
    assert_false(rs_wakeup_driver_waits("kmsdrm"));
    assert_false(rs_wakeup_driver_waits("offscreen"));
    assert_false(rs_wakeup_driver_waits("dummy"));
    assert_false(rs_wakeup_driver_waits(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeout_without_devices),
        cmocka_unit_test(test_signal_before_wait_is_kept_once),
        cmocka_unit_test(test_signal_from_another_thread_ends_an_endless_wait),
        cmocka_unit_test_setup_teardown(test_only_event_nodes_are_opened, setup, teardown),
        cmocka_unit_test_setup_teardown(test_input_wakes_and_is_drained, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_device_plugged_in_later_is_watched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_device_unplugged_is_forgotten, setup, teardown),
        cmocka_unit_test(test_drivers_with_a_wait_of_their_own),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
