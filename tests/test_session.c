/* A visitor's session without SDL: touches, keys and time on a fake clock
 * against the sample corpus, checking the navigation stack and the screen
 * shown after each step. Text is measured by a fake (10 px per character). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builder.h"
#include "session.h"
#include "support.h"
#include "utf8.h"

static char *scratch, *corpus_path;
static rs_bundle *corpus;
static rs_bundle *thread_bundle; /* the thread fixture, built by the first thread test */
static uint64_t clock_ms;

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
    return corpus ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_bundle_close(corpus);
    rs_bundle_close(thread_bundle);
    support_remove_tree(scratch);
    free(scratch), free(corpus_path);
    return 0;
}

static rs_session *start(const char *route)
{
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(corpus, measure, 800, 480);
    char error[512];
    assert_int_equal(rs_session_open(s, route, error, sizeof error), 0);
    clock_ms = 1000;
    return s;
}

/* Lets time pass in 16 ms frames, drawing when asked, as the app does. */
static void run_for(rs_session *s, unsigned ms)
{
    rs_draw_list draw = {0};
    for (uint64_t end = clock_ms + ms; clock_ms < end;) {
        clock_ms += 16;
        rs_session_tick(s, clock_ms);
        if (rs_session_needs_frame(s))
            rs_session_frame(s, clock_ms, &draw);
    }
    rs_draw_free(&draw);
}

static void frame(rs_session *s)
{
    rs_draw_list draw = {0};
    rs_session_frame(s, clock_ms, &draw);
    rs_draw_free(&draw);
}

static void tap(rs_session *s, float x, float y)
{
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
    run_for(s, 48);
    rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
    frame(s);
}

static void drag(rs_session *s, float x1, float y1, float x2, float y2, unsigned ms)
{
    rs_session_pointer(s, RS_POINTER_DOWN, x1, y1, clock_ms);
    unsigned steps = ms / 16;
    for (unsigned k = 1; k <= steps; k++) {
        run_for(s, 16);
        float f = (float)k / (float)steps;
        rs_session_pointer(s, RS_POINTER_MOVE, x1 + (x2 - x1) * f, y1 + (y2 - y1) * f, clock_ms);
    }
    rs_session_pointer(s, RS_POINTER_UP, x2, y2, clock_ms);
}

/* The centre of the first target whose action matches. */
static bool find_target(rs_session *s, rs_action_kind kind, const char *route, int64_t index, float *x, float *y)
{
    frame(s);
    const rs_target_list *targets = rs_session_targets(s);
    for (size_t i = 0; i < targets->count; i++) {
        const rs_target *t = &targets->items[i];
        if (t->action.kind != kind)
            continue;
        if (route) {
            char text[256];
            rs_route_format(&t->action.route, text, sizeof text);
            if (strcmp(text, route) != 0)
                continue;
        } else if (index >= 0 && t->action.index != index) {
            continue;
        }
        *x = (float)(t->rect.x + t->rect.w / 2);
        *y = (float)(t->rect.y + t->rect.h / 2);
        return true;
    }
    return false;
}

static void tap_target(rs_session *s, rs_action_kind kind, const char *route, int64_t index)
{
    float x, y;
    if (!find_target(s, kind, route, index, &x, &y))
    {
        const rs_target_list *ts = rs_session_targets(s);
        for (size_t i = 0; i < ts->count; i++) {
            char text[256] = "";
            rs_route_format(&ts->items[i].action.route, text, sizeof text);
            fprintf(stderr, "  target %d %s %lld at %d,%d\n", ts->items[i].action.kind, text,
                    (long long)ts->items[i].action.index, ts->items[i].rect.x, ts->items[i].rect.y);
        }
        fprintf(stderr, "screen kind %d heading %s\n", rs_session_screen(s) ? (int)rs_session_screen(s)->kind : -1,
                rs_session_screen(s) && rs_session_screen(s)->heading ? rs_session_screen(s)->heading : "-");
        fail_msg("no target %d %s %lld on screen", kind, route ? route : "", (long long)index);
    }
    tap(s, x, y);
}

static void expect_stack(rs_session *s, const char *expected)
{
    const rs_nav *nav = rs_session_nav(s);
    char got[1024] = "";
    for (size_t i = 0; i < nav->depth; i++) {
        char route[256];
        rs_route_format(&nav->entries[i].route, route, sizeof route);
        if (i)
            strcat(got, " > ");
        strcat(got, route);
    }
    if (strcmp(got, expected) != 0)
        fail_msg("stack\n   got: %s\n  want: %s", got, expected);
}

/* Drags the screen up until the first target find_target would match is
 * wholly on the 480-pixel screen: with the parties and events of the sample
 * corpus, the Countries list and a party's page are longer than one screen. */
static void reveal_target(rs_session *s, rs_action_kind kind, const char *route, int64_t index)
{
    for (int i = 0; i < 30; i++) {
        float x, y;
        if (find_target(s, kind, route, index, &x, &y)) {
            const rs_target_list *targets = rs_session_targets(s);
            for (size_t k = 0; k < targets->count; k++) {
                const rs_target *t = &targets->items[k];
                if (t->action.kind == kind && (float)(t->rect.x + t->rect.w / 2) == x &&
                    (float)(t->rect.y + t->rect.h / 2) == y && t->rect.y + t->rect.h <= 480)
                    return;
            }
        }
        drag(s, 400, 400, 400, 300, 400);
        run_for(s, 1500);
    }
    fail_msg("target %d %s %lld never came into view", kind, route ? route : "", (long long)index);
}

static void reveal_route(rs_session *s, const char *route)
{
    reveal_target(s, RS_ACT_ROUTE, route, -1);
}

static void test_walk_by_touch(void **state)
{
    (void)state;
    rs_session *s = start("home");
    expect_stack(s, "home");
    tap_target(s, RS_ACT_ROUTE, "countries", -1);
    expect_stack(s, "home > countries");
    assert_string_equal(rs_session_screen(s)->heading, "Countries and organisations");
    reveal_route(s, "countries/GB");
    tap_target(s, RS_ACT_ROUTE, "countries/GB", -1);
    expect_stack(s, "home > countries > countries/GB");
    assert_int_equal(rs_session_screen(s)->count, 4);

    reveal_target(s, RS_ACT_ROW, NULL, 1); /* below the United Kingdom's events */
    tap_target(s, RS_ACT_ROW, NULL, 1);
    expect_stack(s, "home > countries > countries/GB > statements/mfa-2021-uk-smear-state-sponsored-hackers");
    const rs_screen *reader = rs_session_screen(s);
    assert_int_equal(reader->kind, RS_SCREEN_READER);
    assert_int_equal(reader->place.spec.kind, RS_LIST_COUNTRY);
    assert_int_equal(reader->place.pos, 1);
    assert_int_equal(reader->place_count, 4);

    /* Scroll down with a fling: it carries on after release, then stops. */
    drag(s, 400, 400, 400, 200, 160);
    float at_release = rs_session_scroll_offset(s);
    assert_true(at_release > 150);
    run_for(s, 2000);
    float settled = rs_session_scroll_offset(s);
    assert_true(settled > at_release);
    /* Asleep: nothing moves; the next thing to do is the idle reset, 90 s
     * after the last touch (waits are capped at 60 s). */
    assert_int_equal(rs_session_timeout(s, clock_ms), 60000);

    /* Next walks the United Kingdom list, replacing the reader. */
    for (int i = 0; i < 40; i++) {
        float x, y;
        if (find_target(s, RS_ACT_NEXT, NULL, -1, &x, &y))
            break;
        rs_session_key(s, RS_KEY_PAGE_DOWN, clock_ms);
        run_for(s, 200);
    }
    tap_target(s, RS_ACT_NEXT, NULL, -1);
    expect_stack(s, "home > countries > countries/GB > statements/embassy-2021-07-20-exchange-accusation");
    assert_int_equal(rs_session_screen(s)->place.pos, 2);
    assert_true(rs_session_scroll_offset(s) == 0.0f);

    /* Back returns to the list; a breadcrumb tap goes back further. */
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    expect_stack(s, "home > countries > countries/GB");
    tap_target(s, RS_ACT_CRUMB, NULL, 0);
    expect_stack(s, "home");
    rs_session_destroy(s);
}

static void test_reader_links(void **state)
{
    (void)state;
    rs_session *s = start("statements/xinhua-2021-07-20-embassy-exchange-accusation");
    expect_stack(s, "home > dates > dates/2021 > dates/2021-07 > statements/xinhua-2021-07-20-embassy-exchange-accusation");
    /* The chips that do not fit one row are folded into "+N", which opens
     * them all in place; a country chip opens the country; back returns
     * to the reader with its details still open. */
    tap_target(s, RS_ACT_EXPAND, NULL, RS_READER_CHIPS);
    assert_true(rs_session_screen(s)->chips_open);
    tap_target(s, RS_ACT_ROUTE, "countries/US", -1);
    expect_stack(s, "home > dates > dates/2021 > dates/2021-07 > statements/xinhua-2021-07-20-embassy-exchange-accusation"
                    " > countries/US");
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    assert_true(rs_session_screen(s)->chips_open);
    /* "Also published by" opens the embassy's copy. */
    for (int i = 0; i < 40; i++) {
        float x, y;
        if (find_target(s, RS_ACT_ROUTE, "statements/embassy-2021-07-20-exchange-accusation", -1, &x, &y))
            break;
        rs_session_key(s, RS_KEY_PAGE_DOWN, clock_ms);
        run_for(s, 200);
    }
    tap_target(s, RS_ACT_ROUTE, "statements/embassy-2021-07-20-exchange-accusation", -1);
    assert_string_equal(rs_session_screen(s)->statement.slug, "embassy-2021-07-20-exchange-accusation");
    rs_session_destroy(s);
}

static void test_gestures_that_do_not_open(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    float x, y;
    reveal_route(s, "countries/GB");
    assert_true(find_target(s, RS_ACT_ROUTE, "countries/GB", -1, &x, &y));
    /* A long press, or a finger that slid beyond the slop, opens nothing. */
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
    run_for(s, 700);
    rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
    expect_stack(s, "home > countries");
    drag(s, x, y, x, y - 40, 100);
    run_for(s, 1000);
    expect_stack(s, "home > countries");

    /* A swipe in from the left edge goes back. */
    drag(s, 10, 300, 400, 310, 200);
    expect_stack(s, "home");
    rs_session_destroy(s);
}

static void test_role_filter(void **state)
{
    (void)state;
    rs_session *s = start("countries/US");
    assert_int_equal(rs_session_screen(s)->count, 3);
    reveal_target(s, RS_ACT_ROLE, NULL, 1);
    tap_target(s, RS_ACT_ROLE, NULL, 1); /* Accuser */
    assert_int_equal(rs_session_screen(s)->count, 1);
    assert_int_equal(rs_session_nav(s)->entries[rs_session_nav(s)->depth - 1].role_filter, 1);
    reveal_target(s, RS_ACT_ROW, NULL, 0);
    tap_target(s, RS_ACT_ROW, NULL, 0);
    assert_string_equal(rs_session_screen(s)->statement.slug, "embassy-2020-covid-19-research-remarks");
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    assert_int_equal(rs_session_screen(s)->count, 1); /* the filter is remembered */
    reveal_target(s, RS_ACT_ROLE, NULL, -1);
    tap_target(s, RS_ACT_ROLE, NULL, -1);
    assert_int_equal(rs_session_screen(s)->count, 3);
    rs_session_destroy(s);
}

static void test_keyboard_only(void **state)
{
    (void)state;
    rs_session *s = start("home");
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    rs_action focus = rs_session_focus(s);
    assert_int_equal(focus.kind, RS_ACT_ROUTE);
    assert_int_equal(focus.route.kind, RS_ROUTE_SEARCH); /* the search entry comes first */
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    focus = rs_session_focus(s);
    assert_int_equal(focus.kind, RS_ACT_ROUTE);
    assert_int_equal(focus.route.kind, RS_ROUTE_DATES);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_stack(s, "home > dates");
    /* The new screen's first item has the focus: all statements, then 2021. */
    focus = rs_session_focus(s);
    assert_int_equal(focus.route.kind, RS_ROUTE_ALL);
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    focus = rs_session_focus(s);
    assert_int_equal(focus.route.kind, RS_ROUTE_YEAR);
    assert_int_equal(focus.route.year, 2021);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    rs_session_key(s, RS_KEY_NEXT, clock_ms); /* 2021, month unknown -> July 2021 */
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_stack(s, "home > dates > dates/2021 > dates/2021-07");
    rs_session_key(s, RS_KEY_NEXT, clock_ms); /* row 0 -> row 1 */
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_ROW);
    assert_int_equal(rs_session_focus(s).index, 1);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_stack(s, "home > dates > dates/2021 > dates/2021-07 > statements/xinhua-2021-07-20-embassy-exchange-accusation");
    rs_session_key(s, RS_KEY_HOME, clock_ms);
    expect_stack(s, "home");
    rs_session_destroy(s);
}

static void test_route_errors(void **state)
{
    (void)state;
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(corpus, measure, 800, 480);
    char error[512];
    assert_int_equal(rs_session_open(s, "countries/xx", error, sizeof error), 2);
    assert_int_equal(rs_session_open(s, "incidents/none", error, sizeof error), 1);
    assert_string_equal(error, "This bundle has no incident 'none'.\nCannot open incidents/none in this bundle.");
    assert_null(rs_session_screen(s));
    /* Home still works from the error screen. */
    rs_session_key(s, RS_KEY_HOME, 0);
    assert_non_null(rs_session_screen(s));
    expect_stack(s, "home");
    rs_session_destroy(s);
}

/* ---- idle: the countdown, the reset and the attract loop ---- */

static void test_idle_countdown_and_reset(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    rs_session_set_idle(s, 90000, 10000, 300000);
    reveal_route(s, "countries/US");
    tap_target(s, RS_ACT_ROUTE, "countries/US", -1);
    reveal_target(s, RS_ACT_ROLE, NULL, 1);
    tap_target(s, RS_ACT_ROLE, NULL, 1);
    reveal_target(s, RS_ACT_ROW, NULL, 0);
    rs_session_key(s, RS_KEY_PAGE_DOWN, clock_ms); /* the last input */
    expect_stack(s, "home > countries > countries/US");
    uint64_t last = clock_ms;

    run_for(s, 89900);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    assert_true(clock_ms - last < 90000);
    run_for(s, 200);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);

    /* A touch during the countdown only dismisses it. */
    float x, y;
    assert_true(find_target(s, RS_ACT_ROW, NULL, 0, &x, &y));
    tap(s, x, y);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home > countries > countries/US");

    /* Left alone again: after 90 s the countdown, after 10 more, home, with
     * the filter and scroll forgotten. */
    run_for(s, 90100);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    run_for(s, 9800);
    expect_stack(s, "home > countries > countries/US");
    run_for(s, 300);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home");
    rs_session_key(s, RS_KEY_NEXT, clock_ms); /* Search */
    rs_session_key(s, RS_KEY_NEXT, clock_ms); /* Dates */
    rs_session_key(s, RS_KEY_NEXT, clock_ms); /* Countries */
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    reveal_route(s, "countries/US");
    tap_target(s, RS_ACT_ROUTE, "countries/US", -1);
    assert_int_equal(rs_session_nav(s)->entries[2].role_filter, -1);
    assert_true(rs_session_scroll_offset(s) == 0.0f);
    rs_session_destroy(s);
}

static void test_no_reset_while_a_finger_is_down(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    rs_session_set_idle(s, 90000, 10000, 300000);
    rs_session_pointer(s, RS_POINTER_DOWN, 400, 300, clock_ms);
    run_for(s, 200000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    rs_session_pointer(s, RS_POINTER_UP, 400, 300, clock_ms);
    run_for(s, 89000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    run_for(s, 2000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    rs_session_destroy(s);
}

static void test_attract_loop(void **state)
{
    (void)state;
    rs_session *s = start("home");
    rs_session_set_idle(s, 90000, 10000, 300000);
    /* An untouched home has nothing to reset: no countdown, then the loop. */
    run_for(s, 200000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    run_for(s, 100100);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_ATTRACT);
    /* Between fades the loop sleeps until the next one. */
    run_for(s, 3000);
    int timeout = rs_session_timeout(s, clock_ms);
    assert_true(timeout > 1000);
    /* A touch lands on home, not on whatever was under the finger. */
    float x, y;
    rs_session_pointer(s, RS_POINTER_DOWN, 400, 400, clock_ms); /* where the Countries tile is */
    run_for(s, 48);
    rs_session_pointer(s, RS_POINTER_UP, 400, 400, clock_ms);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home");
    assert_true(find_target(s, RS_ACT_ROUTE, "countries", -1, &x, &y));
    tap(s, x, y);
    expect_stack(s, "home > countries");
    rs_session_destroy(s);
}

static void test_idle_tiers_off(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    rs_session_set_idle(s, 0, 10000, 0);
    run_for(s, 1000000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home > countries");
    rs_session_set_idle(s, 1000, 0, 0); /* no countdown: straight home */
    run_for(s, 1100);
    expect_stack(s, "home");
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    run_for(s, 1000000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE); /* attract loop off */
    rs_session_destroy(s);
}

/* ---- staff: the corner hold, the PIN pad, the admin screen ---- */

static bool pin_is_2468(void *context, const char *pin)
{
    (*(int *)context)++;
    return strcmp(pin, "2468") == 0;
}

static void enter_pin(rs_session *s, const char *pin)
{
    for (const char *p = pin; *p; p++)
        tap_target(s, RS_ACT_PIN_DIGIT, NULL, *p - '0');
    tap_target(s, RS_ACT_PIN_OK, NULL, -1);
}

static void hold_corner(rs_session *s, unsigned ms)
{
    rs_session_pointer(s, RS_POINTER_DOWN, 10, 10, clock_ms);
    run_for(s, ms);
    rs_session_pointer(s, RS_POINTER_UP, 10, 10, clock_ms);
    frame(s);
}

static void test_admin_way_in(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    /* No PIN configured: the corner does nothing. */
    hold_corner(s, 6000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home > countries"); /* and the hold on Back did not go back */

    int checks = 0;
    rs_session_set_admin(s, 5000, pin_is_2468, &checks);
    hold_corner(s, 4900);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    rs_session_pointer(s, RS_POINTER_DOWN, 10, 10, clock_ms);
    run_for(s, 4990);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    run_for(s, 32);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_PIN);
    rs_session_pointer(s, RS_POINTER_UP, 10, 10, clock_ms);
    expect_stack(s, "home > countries");

    /* Three wrong PINs lock the pad for 30 s; the fourth waits. */
    enter_pin(s, "1111");
    enter_pin(s, "1234");
    assert_int_equal(rs_session_mode_now(s), RS_MODE_PIN);
    enter_pin(s, "0000");
    assert_int_equal(checks, 3);
    float x, y;
    assert_false(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y)); /* keys disabled while locked */
    run_for(s, 29000);
    assert_false(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y));
    run_for(s, 1100);
    assert_true(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y));
    enter_pin(s, "9999"); /* a fourth wrong one: 60 s */
    assert_int_equal(checks, 4);
    run_for(s, 59000);
    assert_false(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y));
    run_for(s, 1100);

    /* The right PIN opens the admin screen; its buttons are commands. */
    enter_pin(s, "2468");
    assert_int_equal(rs_session_mode_now(s), RS_MODE_ADMIN);
    rs_admin_line lines[] = {{"Bundle", "Answering accusations"}, {"Statements", "5"}};
    rs_session_set_admin_info(s, lines, 2);
    assert_int_equal(rs_session_take_command(s), RS_COMMAND_NONE);
    tap_target(s, RS_ACT_COMMAND, NULL, RS_COMMAND_EXIT);
    assert_int_equal(rs_session_take_command(s), RS_COMMAND_EXIT);
    assert_int_equal(rs_session_take_command(s), RS_COMMAND_NONE);
    tap_target(s, RS_ACT_CLOSE, NULL, -1);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home > countries");
    rs_session_destroy(s);
}

/* The store's clocks follow the session's fake clock. */
static void session_clock(void *context, rs_lockout_time *out)
{
    (void)context;
    *out = (rs_lockout_time){.wall_ms = 1751328000000ull + clock_ms, .boot_ms = clock_ms, .boot_id = "boot"};
}

/* A bundle switch (a new session on the app's store) keeps the lock and
 * the count: before, the new session gave three fresh tries at once. */
static void test_lockout_outlives_a_new_session(void **state)
{
    (void)state;
    rs_lockout_store *store = rs_lockout_store_open(NULL, session_clock, NULL);
    rs_session *s = start("home");
    int checks = 0;
    rs_session_set_admin(s, 5000, pin_is_2468, &checks);
    rs_session_set_lockout(s, store, clock_ms);
    rs_session_key(s, RS_KEY_ADMIN, clock_ms);
    enter_pin(s, "1111");
    enter_pin(s, "1234");
    enter_pin(s, "0000");
    assert_int_equal(checks, 3);
    uint64_t locked_at = clock_ms;
    run_for(s, 10000);
    rs_session_destroy(s);

    rs_text_measure measure = {NULL, fake_width};
    s = rs_session_create(corpus, measure, 800, 480);
    char error[512];
    assert_int_equal(rs_session_open(s, "home", error, sizeof error), 0);
    rs_session_set_admin(s, 5000, pin_is_2468, &checks);
    rs_session_set_lockout(s, store, clock_ms);
    rs_session_key(s, RS_KEY_ADMIN, clock_ms);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_PIN);
    frame(s);
    float x, y;
    assert_false(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y)); /* still locked */
    assert_int_equal(rs_session_timeout(s, clock_ms), (int)(locked_at + 30000 - clock_ms));
    run_for(s, (unsigned)(locked_at + 30000 - clock_ms) - 32);
    frame(s);
    assert_false(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y));
    run_for(s, 48);
    frame(s);
    assert_true(find_target(s, RS_ACT_PIN_DIGIT, NULL, 2, &x, &y));
    enter_pin(s, "9999"); /* the fourth in a row: 60 s */
    assert_int_equal(checks, 4);
    assert_int_equal(rs_lockout_store_read(store).lock_left_ms, 60000);
    rs_session_destroy(s);
    rs_lockout_store_close(store);
}

static void test_admin_chord_and_idle(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    int checks = 0;
    rs_session_set_admin(s, 5000, pin_is_2468, &checks);
    rs_session_key(s, RS_KEY_ADMIN, clock_ms);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_PIN);
    rs_session_key(s, RS_KEY_BACK, clock_ms); /* Escape leaves the pad, not the screen */
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home > countries");

    /* By keys alone: focus the digits and OK. */
    rs_session_key(s, RS_KEY_ADMIN, clock_ms);
    const char *walk[] = {"2", "4", "6", "8"};
    for (int d = 0; d < 4; d++) {
        while (!(rs_session_focus(s).kind == RS_ACT_PIN_DIGIT && rs_session_focus(s).index == walk[d][0] - '0'))
            rs_session_key(s, RS_KEY_NEXT, clock_ms);
        rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    }
    while (rs_session_focus(s).kind != RS_ACT_PIN_OK)
        rs_session_key(s, RS_KEY_NEXT, clock_ms);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_ADMIN);

    /* Left open, the admin screen closes and the kiosk starts again. */
    run_for(s, 91000);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    expect_stack(s, "home");
    rs_session_destroy(s);
}

static void test_text_size(void **state)
{
    (void)state;
    rs_session *s = start("statements/xinhua-2019-02-12-stop-tarnishing-china");
    unsigned generation = rs_session_theme_generation(s);
    int body = rs_session_theme(s)->font_px[RS_STYLE_BODY];
    float x, y;
    assert_false(find_target(s, RS_ACT_TEXT_SMALLER, NULL, -1, &x, &y)); /* already the smallest */
    tap_target(s, RS_ACT_TEXT_LARGER, NULL, -1);
    assert_int_equal(rs_session_theme(s)->font_px[RS_STYLE_BODY], body * 125 / 100);
    assert_true(rs_session_theme_generation(s) != generation);
    tap_target(s, RS_ACT_TEXT_LARGER, NULL, -1);
    assert_int_equal(rs_session_theme(s)->font_px[RS_STYLE_BODY], body * 150 / 100);
    assert_false(find_target(s, RS_ACT_TEXT_LARGER, NULL, -1, &x, &y)); /* the largest */
    tap_target(s, RS_ACT_TEXT_SMALLER, NULL, -1);
    assert_int_equal(rs_session_theme(s)->font_px[RS_STYLE_BODY], body * 125 / 100);
    /* The next visitor starts at the usual size. */
    run_for(s, 101000);
    expect_stack(s, "home");
    assert_int_equal(rs_session_theme(s)->font_px[RS_STYLE_BODY], body);
    rs_session_destroy(s);
}


/* Types text on the on-screen keyboard, a tap per key, as a visitor would. */
static void type_keys(rs_session *s, const char *text)
{
    for (size_t i = 0; text[i];) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, strlen(text + i), &cp);
        tap_target(s, RS_ACT_KEY_CHAR, NULL, (int64_t)cp);
    }
}

static bool has_result(const rs_screen *screen, const char *slug)
{
    for (size_t i = 0; i < screen->result_count; i++)
        if (strcmp(screen->results[i].slug, slug) == 0)
            return true;
    return false;
}

static void test_search_by_on_screen_keyboard(void **state)
{
    (void)state;
    rs_session *s = start("home");
    tap_target(s, RS_ACT_ROUTE, "search", -1);
    expect_stack(s, "home > search");
    const rs_screen *screen = rs_session_screen(s);
    assert_int_equal(screen->search_state, RS_SEARCH_EMPTY);
    assert_true(screen->chip_count > 0); /* suggestions before anything is typed */

    type_keys(s, "exchange");
    screen = rs_session_screen(s);
    assert_string_equal(screen->query, "exchange");
    /* Typing shows the query at once and searches after a pause. */
    assert_int_equal(screen->search_state, RS_SEARCH_WAITING);
    assert_int_equal(screen->result_count, 0);
    run_for(s, 300);
    screen = rs_session_screen(s);
    assert_int_equal(screen->search_state, RS_SEARCH_FOUND);
    assert_int_equal(screen->result_count, 3);
    assert_true(has_result(screen, "embassy-2021-07-20-exchange-accusation"));
    assert_true(has_result(screen, "xinhua-2021-07-20-embassy-exchange-accusation"));
    assert_true(has_result(screen, "mfa-2021-uk-smear-state-sponsored-hackers"));
    assert_true(screen->results[0].snippet_marks.count > 0);
    expect_stack(s, "home > search/exchange");

    /* Backspace on the keyboard, then the physical Backspace key. */
    tap_target(s, RS_ACT_KEY_BACKSPACE, NULL, -1);
    assert_string_equal(rs_session_screen(s)->query, "exchang");
    rs_session_key(s, RS_KEY_DELETE, clock_ms);
    assert_string_equal(rs_session_screen(s)->query, "exchan");
    type_keys(s, "ge");
    run_for(s, 300);

    /* A result opens the reader with the hits highlighted. */
    char slug[128];
    snprintf(slug, sizeof slug, "%s", rs_session_screen(s)->results[0].slug);
    tap_target(s, RS_ACT_RESULT, NULL, 0);
    char want[512];
    snprintf(want, sizeof want, "home > search/exchange > statements/%s", slug);
    expect_stack(s, want);
    screen = rs_session_screen(s);
    assert_int_equal(screen->kind, RS_SCREEN_READER);
    assert_true(screen->body_marks.count > 0);
    /* Each mark covers a word that is "exchange" in some case. */
    for (size_t i = 0; i < screen->body_marks.count; i++) {
        const rs_range *r = &screen->body_marks.items[i];
        assert_true(r->end > r->start);
        assert_true(strncasecmp(screen->statement.body + r->start, "exchange", 8) == 0);
    }
    /* Back keeps the query and its results. */
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    expect_stack(s, "home > search/exchange");
    assert_int_equal(rs_session_screen(s)->result_count, 3);
    rs_session_destroy(s);
}

static void test_search_queries_that_match_nothing(void **state)
{
    (void)state;
    rs_session *s = start("search");
    type_keys(s, "x");
    run_for(s, 300);
    /* One Latin letter is not searched: it would match everything. */
    assert_int_equal(rs_session_screen(s)->search_state, RS_SEARCH_SHORT);
    tap_target(s, RS_ACT_KEY_CLEAR, NULL, -1);
    assert_string_equal(rs_session_screen(s)->query, "");
    rs_session_text(s, "!?", clock_ms); /* from a physical keyboard */
    run_for(s, 300);
    /* Punctuation alone is not searched either. */
    assert_int_equal(rs_session_screen(s)->search_state, RS_SEARCH_SHORT);
    tap_target(s, RS_ACT_KEY_CLEAR, NULL, -1);
    type_keys(s, "zzzz");
    run_for(s, 300);
    assert_int_equal(rs_session_screen(s)->search_state, RS_SEARCH_NONE);
    assert_true(rs_session_screen(s)->chip_count > 0); /* suggestions offered instead */
    /* A suggestion searches at once, in place (an incident's chip opens the
     * incident instead: the first that searches). */
    const rs_chip *chip = &rs_session_screen(s)->chips[0];
    while (chip->route.kind != RS_ROUTE_SEARCH)
        chip++;
    char route[256];
    rs_route_format(&chip->route, route, sizeof route);
    tap_target(s, RS_ACT_ROUTE, route, -1);
    char want[300];
    snprintf(want, sizeof want, "home > %s", route);
    expect_stack(s, want);
    assert_int_equal(rs_session_screen(s)->search_state, RS_SEARCH_FOUND);
    rs_session_destroy(s);
}

/* The searcher the app uses runs on a thread; this one only records. */
typedef struct recorded_search {
    unsigned generation, calls;
    char query[128];
} recorded_search;

static void record_search(void *context, unsigned generation, const char *query, bool typing)
{
    assert_true(typing);
    recorded_search *r = context;
    r->generation = generation;
    r->calls++;
    snprintf(r->query, sizeof r->query, "%s", query);
}

static void test_search_answers_arrive_later(void **state)
{
    (void)state;
    rs_session *s = start("search");
    recorded_search asked = {0};
    rs_session_set_searcher(s, record_search, &asked);
    type_keys(s, "hack");
    run_for(s, 100);
    assert_int_equal(asked.calls, 0); /* still typing */
    run_for(s, 300);
    assert_int_equal(asked.calls, 1);
    assert_string_equal(asked.query, "hack");
    unsigned first = asked.generation;
    type_keys(s, "ers");
    run_for(s, 300);
    assert_int_equal(asked.calls, 2);
    /* The answer to the older query comes late and is dropped. */
    rs_search_results stale;
    char error[256];
    assert_true(rs_search_run(corpus, "hack", true, &stale, error, sizeof error));
    rs_session_search_done(s, first, "hack", &stale, true);
    assert_int_equal(rs_session_screen(s)->search_state, RS_SEARCH_WAITING);
    rs_search_results fresh;
    assert_true(rs_search_run(corpus, "hackers", true, &fresh, error, sizeof error));
    rs_session_search_done(s, asked.generation, "hackers", &fresh, true);
    assert_int_equal(rs_session_screen(s)->search_state, RS_SEARCH_FOUND);
    assert_true(rs_session_screen(s)->result_count > 0);
    rs_session_destroy(s);
}

static void test_language_buttons_and_idle_reset(void **state)
{
    (void)state;
    rs_session *s = start("home");
    rs_session_set_idle(s, 20000, 5000, 0);
    rs_session_set_language(s, RS_UI_EN);
    tap_target(s, RS_ACT_LANGUAGE, NULL, RS_UI_RU);
    assert_int_equal(rs_session_language(s), RS_UI_RU);
    assert_int_equal(rs_i18n_current(), RS_UI_RU);
    /* The search keyboard starts in the UI's alphabet. */
    tap_target(s, RS_ACT_ROUTE, "search", -1);
    float x, y;
    assert_true(find_target(s, RS_ACT_KEY_CHAR, NULL, 0x0439 /* й */, &x, &y));
    /* Left alone, the kiosk goes back to its own language. */
    run_for(s, 26000);
    expect_stack(s, "home");
    assert_int_equal(rs_session_language(s), RS_UI_EN);
    assert_int_equal(rs_i18n_current(), RS_UI_EN);
    rs_session_destroy(s);
}

/* The promise: from home, each sample statement is found by one
 * word typed on the on-screen keyboard, or by tapping a chip. */
static void test_every_sample_statement_is_found(void **state)
{
    (void)state;
    static const struct {
        const char *word, *slug;
    } finds[] = {
        {"covid", "embassy-2020-covid-19-research-remarks"},
        {"wannacry", "xinhua-2019-02-12-stop-tarnishing-china"},
        {"exchange", "embassy-2021-07-20-exchange-accusation"},
        {"exchange", "xinhua-2021-07-20-embassy-exchange-accusation"},
        {"exchange", "mfa-2021-uk-smear-state-sponsored-hackers"},
    };
    for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
        rs_session *s = start("home");
        tap_target(s, RS_ACT_ROUTE, "search", -1);
        type_keys(s, finds[i].word);
        run_for(s, 300);
        const rs_screen *screen = rs_session_screen(s);
        size_t at = screen->result_count;
        for (size_t r = 0; r < screen->result_count; r++)
            if (strcmp(screen->results[r].slug, finds[i].slug) == 0)
                at = r;
        if (at == screen->result_count)
            fail_msg("'%s' does not find %s", finds[i].word, finds[i].slug);
        /* Scroll the results until it shows (which also puts the keyboard away). */
        float x, y;
        for (int tries = 0; tries < 8 && !find_target(s, RS_ACT_RESULT, NULL, (int64_t)at, &x, &y); tries++) {
            drag(s, 400, 250, 400, 170, 200);
            run_for(s, 1500);
        }
        tap_target(s, RS_ACT_RESULT, NULL, (int64_t)at);
        char want[512];
        snprintf(want, sizeof want, "home > search/%s > statements/%s", finds[i].word, finds[i].slug);
        expect_stack(s, want);
        rs_session_destroy(s);
    }

    /* Without typing: the chips between them lead to every statement. */
    rs_session *s = start("search");
    size_t chips = rs_session_screen(s)->chip_count;
    bool found[5] = {false};
    for (size_t c = 0; c < chips; c++) {
        rs_route route = rs_session_screen(s)->chips[c].route;
        if (route.kind == RS_ROUTE_INCIDENT) { /* it opens its incident: its statements */
            rs_incident_detail incident;
            assert_true(rs_bundle_incident(corpus, route.slug, &incident));
            rs_list_spec spec = {.kind = RS_LIST_INCIDENT, .incident_id = incident.id};
            rs_statement_rows rows;
            assert_true(rs_bundle_list_page(corpus, &spec, 0, 100, &rows));
            assert_true(rows.count > 0);
            for (size_t r = 0; r < rows.count; r++)
                for (size_t k = 0; k < 5; k++)
                    found[k] |= strcmp(rows.items[r].slug, finds[k].slug) == 0;
            rs_statement_rows_clear(&rows);
            rs_incident_detail_clear(&incident);
            continue;
        }
        rs_search_results results;
        char error[256];
        assert_true(rs_search_run(corpus, route.slug, false, &results, error, sizeof error));
        assert_true(results.count > 0); /* no chip leads nowhere */
        for (size_t r = 0; r < results.count; r++)
            for (size_t k = 0; k < 5; k++)
                found[k] |= strcmp(results.items[r].slug, finds[k].slug) == 0;
        rs_search_results_clear(&results);
    }
    for (size_t k = 0; k < 5; k++)
        if (!found[k])
            fail_msg("no suggestion finds %s", finds[k].slug);
    rs_session_destroy(s);
}

/* A statement and its translation: one tap switches, the place in the list
 * is kept. */
static void test_translation_switch(void **state)
{
    (void)state;
    rs_diags *diags = rs_diags_create();
    char *path = support_path(scratch, "languages.sqlite");
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/languages", .output_path = path};
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    char error[512];
    rs_bundle *b = rs_bundle_open(path, error, sizeof error);
    assert_non_null(b);
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(b, measure, 800, 480);
    assert_int_equal(rs_session_open(s, "statements/zh-test-statement", error, sizeof error), 0);
    const rs_screen *screen = rs_session_screen(s);
    assert_int_equal(screen->translation_count, 1);
    assert_string_equal(screen->translation_labels[0], "English");
    char other[128];
    snprintf(other, sizeof other, "%s", screen->translations[0].slug);
    size_t depth = rs_session_nav(s)->depth;
    tap_target(s, RS_ACT_TRANSLATION, NULL, 0);
    screen = rs_session_screen(s);
    assert_string_equal(screen->statement.slug, other);
    assert_int_equal(rs_session_nav(s)->depth, depth); /* replaced, not pushed */
    assert_int_equal(screen->translation_count, 1);
    assert_string_equal(screen->translation_labels[0], "中文");
    rs_session_destroy(s);
    rs_bundle_close(b);
    free(path);
}

/* Found by the monkey soak: at the start of an attract-loop fade the
 * session asked for a 0 ms timeout, and a tick at that time did not move
 * it on, so a loop that sleeps for exactly the timeout spun. Sleeps for
 * what the session asks for, as the app's loop does, until the loop runs. */
static void test_attract_loop_timeouts_never_spin(void **state)
{
    (void)state;
    rs_session *s = start("home");
    rs_draw_list draw = {0};
    int zeros = 0, longest_zero_run = 0;
    while (clock_ms < 1000 + 400000) {
        int timeout = rs_session_timeout(s, clock_ms);
        zeros = timeout == 0 ? zeros + 1 : 0;
        if (zeros > longest_zero_run)
            longest_zero_run = zeros;
        if (zeros == 50)
            break;
        clock_ms += (uint64_t)(timeout < 0 ? 1000 : timeout);
        rs_session_tick(s, clock_ms);
        if (rs_session_needs_frame(s))
            rs_session_frame(s, clock_ms, &draw);
    }
    rs_draw_free(&draw);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_ATTRACT);
    assert_true(longest_zero_run <= 1);
    rs_session_destroy(s);
}

static bool refuse_pin(void *context, const char *pin)
{
    (void)context, (void)pin;
    return false;
}

/* Lays out the PIN pad from a frame deeper than the caller's. */
static __attribute__((noinline)) void lay_out_deeper(rs_session *s, rs_draw_list *draw)
{
    rs_session_frame(s, clock_ms, draw);
}

/* Found by the monkey soak (and by the ARM builds): the PIN pad's dots
 * line was drawn from a buffer on the layout's stack, dead once it
 * returned. Every text command of the pad must point at memory that
 * outlives the layout, not into a stack frame that has returned. */
static void test_pin_dots_outlive_the_layout(void **state)
{
    (void)state;
    rs_session *s = start("home");
    rs_session_set_admin(s, 5000, refuse_pin, NULL);
    rs_session_key(s, RS_KEY_ADMIN, clock_ms);
    float x, y;
    for (int tap_count = 0; tap_count < 2; tap_count++) {
        run_for(s, 16);
        assert_true(find_target(s, RS_ACT_PIN_DIGIT, NULL, 1, &x, &y));
        tap(s, x, y);
    }
    rs_draw_list draw = {0};
    char here; /* this frame's bottom: below it is stack that has returned */
    lay_out_deeper(s, &draw);
    uintptr_t top = (uintptr_t)&here;
    size_t texts = 0;
    for (size_t i = 0; i < draw.count; i++) {
        const rs_draw_command *c = &draw.items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        texts++;
        uintptr_t p = (uintptr_t)c->text;
        assert_false(p < top && top - p < 1024 * 1024);
    }
    assert_true(texts > 0);
    rs_draw_free(&draw);
    rs_session_destroy(s);
}

/* ---- the incident thread, on the thread fixture ---- */

/* A session on the thread fixture (tests/fixtures/sources/thread), built
 * once into the scratch folder. */

static rs_session *start_thread(const char *route)
{
    if (!thread_bundle) {
        char *path = support_path(scratch, "thread.sqlite");
        rs_diags *diags = rs_diags_create();
        rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/thread", .output_path = path};
        assert_true(rs_build(&options, diags, NULL));
        rs_diags_destroy(diags);
        char error[512];
        thread_bundle = rs_bundle_open(path, error, sizeof error);
        free(path);
        assert_non_null(thread_bundle);
    }
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(thread_bundle, measure, 800, 480);
    char error[512];
    assert_int_equal(rs_session_open(s, route, error, sizeof error), 0);
    clock_ms = 1000;
    return s;
}

/* Drags the content up until the target is on screen, whole. */
static void scroll_to_target(rs_session *s, rs_action_kind kind, int64_t index)
{
    for (int i = 0; i < 30; i++) {
        float x, y;
        const rs_target_list *targets = rs_session_targets(s);
        if (find_target(s, kind, NULL, index, &x, &y))
            for (size_t k = 0; k < targets->count; k++)
                if (targets->items[k].action.kind == kind && targets->items[k].action.index == index &&
                    targets->items[k].rect.y + targets->items[k].rect.h <= 480)
                    return;
        drag(s, 400, 400, 400, 300, 400);
        run_for(s, 1500);
    }
    fail_msg("entry %lld never came into view", (long long)index);
}

/* Home to the Exchange incident's thread by touch; its attribution
 * unfolds in place and folds again; a response opens the reader, walking
 * the incident's statements; Back returns to the thread as it was left. */
static void test_thread_by_touch(void **state)
{
    (void)state;
    rs_session *s = start_thread("home");
    tap_target(s, RS_ACT_ROUTE, "incidents", -1);
    tap_target(s, RS_ACT_ROUTE, "incidents/exchange-hack", -1);
    expect_stack(s, "home > incidents > incidents/exchange-hack");
    const rs_screen *screen = rs_session_screen(s);
    assert_int_equal(screen->kind, RS_SCREEN_THREAD);
    assert_string_equal(screen->heading, "Exchange hack");
    /* Each count held to its word by a no-break space. */
    assert_string_equal(screen->subheading, "March 2021 · 4\xc2\xa0" "events · 4\xc2\xa0" "statements");
    assert_int_equal(screen->count, 8);
    assert_int_equal(rs_thread_screen_undated_start(screen->thread), 7);

    /* The attribution (position 2) unfolds in place. */
    scroll_to_target(s, RS_ACT_EXPAND, 2);
    const rs_thread_item *attribution = rs_thread_screen_item(rs_session_screen(s)->thread, 2);
    assert_string_equal(attribution->head, "July 2021 (inferred) · Attribution");
    assert_string_equal(attribution->side_label, "Accusation");
    float scroll = rs_session_scroll_offset(s);
    tap_target(s, RS_ACT_EXPAND, NULL, 2);
    expect_stack(s, "home > incidents > incidents/exchange-hack");
    assert_int_equal(rs_session_nav(s)->entries[2].expanded, 3);
    const rs_thread_item *open = rs_thread_screen_unfolded_item(rs_session_screen(s)->thread);
    assert_non_null(open);
    assert_string_equal(open->note, "Only the month is known.");
    assert_string_equal(open->source, "https://example.org/attribution");
    /* In place, scrolled only as far as the whole card needs. */
    float x, y;
    assert_true(find_target(s, RS_ACT_EXPAND, NULL, 2, &x, &y));
    const rs_target_list *targets = rs_session_targets(s);
    for (size_t k = 0; k < targets->count; k++)
        if (targets->items[k].action.kind == RS_ACT_EXPAND && targets->items[k].action.index == 2) {
            const rs_rect *r = &targets->items[k].rect;
            assert_true(r->y >= rs_session_theme(s)->bar_height && r->y + r->h <= 480);
        }
    assert_true(rs_session_scroll_offset(s) >= scroll);
    /* Tapped again, it folds; and once more, it unfolds. */
    tap_target(s, RS_ACT_EXPAND, NULL, 2);
    assert_int_equal(rs_session_nav(s)->entries[2].expanded, 0);
    assert_null(rs_thread_screen_unfolded_item(rs_session_screen(s)->thread));
    tap_target(s, RS_ACT_EXPAND, NULL, 2);
    assert_int_equal(rs_thread_screen_unfolded(rs_session_screen(s)->thread), 2);

    /* A response opens the reader; Previous/Next walk the incident's statements. */
    scroll_to_target(s, RS_ACT_ROW, 5);
    scroll = rs_session_scroll_offset(s);
    tap_target(s, RS_ACT_ROW, NULL, 5);
    expect_stack(s, "home > incidents > incidents/exchange-hack > statements/exchange-response");
    const rs_screen *reader = rs_session_screen(s);
    assert_int_equal(reader->kind, RS_SCREEN_READER);
    assert_int_equal(reader->place.spec.kind, RS_LIST_INCIDENT);
    assert_int_equal(reader->place.pos, 2);
    assert_int_equal(reader->place_count, 4);

    /* Back: the thread where it was, the attribution still unfolded. */
    tap_target(s, RS_ACT_BACK, NULL, -1);
    expect_stack(s, "home > incidents > incidents/exchange-hack");
    assert_int_equal(rs_session_screen(s)->kind, RS_SCREEN_THREAD);
    assert_int_equal(rs_thread_screen_unfolded(rs_session_screen(s)->thread), 2);
    assert_true(rs_session_scroll_offset(s) == scroll);
    assert_true(find_target(s, RS_ACT_ROW, NULL, 5, &x, &y));

    /* Undated entries last, under their heading. */
    scroll_to_target(s, RS_ACT_EXPAND, 7);
    assert_false(rs_thread_screen_item(rs_session_screen(s)->thread, 7)->dated);
    rs_session_destroy(s);
}

/* By keys alone: the focus goes entry by entry, Enter unfolds an event and
 * opens a statement, Back returns. */
static void test_thread_by_keys(void **state)
{
    (void)state;
    rs_session *s = start_thread("incidents/exchange-hack");
    frame(s);
    /* The incident's map link first (issue 14), then the entries. */
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    rs_action focus = rs_session_focus(s);
    assert_int_equal(focus.kind, RS_ACT_ROUTE);
    assert_int_equal(focus.route.kind, RS_ROUTE_MAP);
    assert_string_equal(focus.route.slug, "exchange-hack");
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    focus = rs_session_focus(s);
    assert_int_equal(focus.kind, RS_ACT_EXPAND);
    assert_int_equal(focus.index, 0);
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    focus = rs_session_focus(s);
    assert_int_equal(focus.kind, RS_ACT_ROW);
    assert_int_equal(focus.index, 1);
    rs_session_key(s, RS_KEY_NEXT, clock_ms);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    assert_int_equal(rs_thread_screen_unfolded(rs_session_screen(s)->thread), 2);
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_EXPAND); /* the focus stays on it */
    assert_int_equal(rs_session_focus(s).index, 2);
    run_for(s, 400);
    frame(s);
    bool whole = false; /* it was at the bottom edge: scrolled so that all of it shows */
    for (size_t k = 0; k < rs_session_targets(s)->count; k++) {
        const rs_target *t = &rs_session_targets(s)->items[k];
        whole |= t->action.kind == RS_ACT_EXPAND && t->action.index == 2 && t->rect.y >= 0 && t->rect.y + t->rect.h <= 480;
    }
    assert_true(whole);
    /* Down to the last entry, beyond what the screen showed, each brought into view. */
    for (int64_t i = 3; i <= 7; i++) {
        rs_session_key(s, RS_KEY_NEXT, clock_ms);
        run_for(s, 400);
        focus = rs_session_focus(s);
        assert_int_equal(focus.index, i);
        frame(s);
        bool shown = false;
        const rs_target_list *targets = rs_session_targets(s);
        for (size_t k = 0; k < targets->count; k++)
            shown |= rs_action_equal(&targets->items[k].action, &focus) && targets->items[k].rect.y >= 0 &&
                     targets->items[k].rect.y + targets->items[k].rect.h <= 480;
        assert_true(shown);
    }
    assert_int_equal(focus.kind, RS_ACT_EXPAND); /* the undated denial */
    rs_session_key(s, RS_KEY_PREVIOUS, clock_ms);
    rs_session_key(s, RS_KEY_PREVIOUS, clock_ms);
    assert_int_equal(rs_session_focus(s).index, 5);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_stack(s, "home > incidents > incidents/exchange-hack > statements/exchange-response");
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    expect_stack(s, "home > incidents > incidents/exchange-hack");
    assert_int_equal(rs_session_screen(s)->kind, RS_SCREEN_THREAD);
    rs_session_destroy(s);
}

/* The sample corpus's Microsoft Exchange incident, as a visitor walks it:
 * from home to its thread, its attribution unfolded, then a response read,
 * and back to the thread as it was. Skipped while the corpus has no events. */
static void test_exchange_thread(void **state)
{
    (void)state;
    rs_session *s = start("home");
    tap_target(s, RS_ACT_ROUTE, "incidents", -1);
    tap_target(s, RS_ACT_ROUTE, "incidents/microsoft-exchange-server-hack-2021", -1);
    expect_stack(s, "home > incidents > incidents/microsoft-exchange-server-hack-2021");
    const rs_screen *screen = rs_session_screen(s);
    assert_int_equal(screen->kind, RS_SCREEN_THREAD);
    assert_int_equal(screen->count, 9); /* the corpus's 6 events and 3 statements of the incident */
    /* The first attribution and the first response, wherever they are. */
    int64_t attribution = -1, response = -1, count = rs_thread_screen_count(screen->thread);
    assert_true(rs_thread_screen_prepare(screen->thread, 0, count - 1));
    for (int64_t i = 0; i < count; i++) {
        const rs_thread_item *item = rs_thread_screen_item(screen->thread, i);
        bool is_attribution = item->kind == RS_THREAD_EVENT && strstr(item->head, " · Attribution");
        if (attribution < 0 && is_attribution)
            attribution = i;
        if (response < 0 && item->kind == RS_THREAD_STATEMENT && strstr(item->head, " · Response"))
            response = i;
    }
    assert_true(attribution >= 0 && response >= 0);
    assert_string_equal(rs_thread_screen_item(screen->thread, attribution)->side_label, "Accusation");
    assert_string_equal(rs_thread_screen_item(screen->thread, response)->side_label, "Answer");

    scroll_to_target(s, RS_ACT_EXPAND, attribution);
    tap_target(s, RS_ACT_EXPAND, NULL, attribution);
    assert_int_equal(rs_thread_screen_unfolded(rs_session_screen(s)->thread), attribution);
    assert_non_null(rs_thread_screen_unfolded_item(rs_session_screen(s)->thread)->source);

    scroll_to_target(s, RS_ACT_ROW, response);
    float scroll = rs_session_scroll_offset(s);
    char slug[128];
    snprintf(slug, sizeof slug, "%s", rs_thread_screen_item(rs_session_screen(s)->thread, response)->slug);
    tap_target(s, RS_ACT_ROW, NULL, response);
    assert_int_equal(rs_session_screen(s)->kind, RS_SCREEN_READER);
    const rs_nav *nav = rs_session_nav(s);
    assert_string_equal(nav->entries[nav->depth - 1].route.slug, slug);
    assert_int_equal(rs_session_screen(s)->place.spec.kind, RS_LIST_INCIDENT);

    tap_target(s, RS_ACT_BACK, NULL, -1);
    expect_stack(s, "home > incidents > incidents/microsoft-exchange-server-hack-2021");
    assert_int_equal(rs_thread_screen_unfolded(rs_session_screen(s)->thread), attribution);
    assert_true(rs_session_scroll_offset(s) == scroll);
    rs_session_destroy(s);
}

/* Each UI language's search keyboard starts in its own letters and types
 * them, accents and all; the layer keys reach the other alphabets. */
static void test_keyboard_in_every_language(void **state)
{
    (void)state;
    static const struct {
        rs_ui_language language;
        const char *word;
    } cases[] = {
        {RS_UI_EN, "hackers"},  {RS_UI_ZH, "huawei"},   {RS_UI_RU, "хакерах"},
        {RS_UI_FR, "sécurité"}, {RS_UI_ES, "señal"},    {RS_UI_AR, "الهجوم"},
        {RS_UI_FR, "cœur"},     {RS_UI_ES, "¿año"}, {RS_UI_AR, "إيران"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_session *s = start("home");
        rs_session_set_language(s, cases[i].language);
        tap_target(s, RS_ACT_ROUTE, "search", -1);
        type_keys(s, cases[i].word);
        assert_string_equal(rs_session_screen(s)->query, cases[i].word);
        rs_session_destroy(s);
    }
    /* An English visitor reaches Cyrillic, then Arabic, then Latin again. */
    rs_session *s = start("home");
    rs_session_set_language(s, RS_UI_EN);
    tap_target(s, RS_ACT_ROUTE, "search", -1);
    float x, y;
    assert_false(find_target(s, RS_ACT_KEY_CHAR, NULL, 0x0636 /* ض */, &x, &y));
    tap_target(s, RS_ACT_KEY_LAYER, NULL, RS_KEYBOARD_CYRILLIC);
    tap_target(s, RS_ACT_KEY_LAYER, NULL, RS_KEYBOARD_ARABIC);
    type_keys(s, "ضد");
    tap_target(s, RS_ACT_KEY_LAYER, NULL, RS_KEYBOARD_LATIN);
    type_keys(s, "x");
    assert_string_equal(rs_session_screen(s)->query, "ضدx");
    rs_session_destroy(s);
}

/* The focused item is one of the frame's targets, wholly inside the
 * 800x480 window. */
static bool focus_on_screen(rs_session *s)
{
    rs_action focus = rs_session_focus(s);
    const rs_target_list *targets = rs_session_targets(s);
    for (size_t i = 0; i < targets->count; i++)
        if (rs_action_equal(&targets->items[i].action, &focus))
            return targets->items[i].rect.y >= 0 && targets->items[i].rect.y + targets->items[i].rect.h <= 480;
    return false;
}

/* Tab reaches every item of a page, those below the fold too: in a
 * statement whose source has a URL, the QR code's "Show code larger" at
 * the end of the page (Tab reached only what was on screen, so a keyboard
 * user could not get to it without paging down first); the page scrolls to
 * show it, and Shift+Tab comes back up to the top. */
static void test_tab_reaches_below_the_fold(void **state)
{
    (void)state;
    rs_session *s = start("statements/xinhua-2021-07-20-embassy-exchange-accusation");
    run_for(s, 100);
    const rs_target_list *targets = rs_session_targets(s);
    for (size_t i = 0; i < targets->count; i++)
        assert_int_not_equal(targets->items[i].action.kind, RS_ACT_QR_LARGER); /* not on screen at first */
    int presses = 0;
    rs_action first = {0};
    while (presses < 60 && rs_session_focus(s).kind != RS_ACT_QR_LARGER) {
        rs_session_key(s, RS_KEY_TAB, clock_ms);
        run_for(s, 400);
        if (presses++ == 0)
            first = rs_session_focus(s);
    }
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_QR_LARGER);
    assert_true(rs_session_scroll_offset(s) > 100);
    assert_true(focus_on_screen(s));
    /* Back up with Shift+Tab: the first item again, shown. */
    rs_action now = rs_session_focus(s);
    for (int i = 0; i < presses + 2 && !rs_action_equal(&now, &first); i++) {
        rs_session_key(s, RS_KEY_SHIFT_TAB, clock_ms);
        run_for(s, 400);
        now = rs_session_focus(s);
    }
    assert_true(rs_action_equal(&now, &first));
    assert_true(focus_on_screen(s));
    rs_session_destroy(s);
}

/* Focus, then scroll it out of sight (Page Down): the next Tab goes on
 * from what is shown, not back up to where the page was. */
static void test_tab_after_scrolling(void **state)
{
    (void)state;
    rs_session *s = start("countries");
    run_for(s, 100);
    rs_session_key(s, RS_KEY_TAB, clock_ms);
    run_for(s, 400);
    assert_true(focus_on_screen(s));
    assert_true(rs_session_scroll_offset(s) < 0.5f);
    rs_session_key(s, RS_KEY_PAGE_DOWN, clock_ms);
    run_for(s, 1000);
    rs_session_key(s, RS_KEY_PAGE_DOWN, clock_ms);
    run_for(s, 1000);
    float scrolled = rs_session_scroll_offset(s);
    assert_true(scrolled > 100);
    assert_false(focus_on_screen(s));
    rs_session_key(s, RS_KEY_TAB, clock_ms);
    run_for(s, 400);
    assert_true(focus_on_screen(s));
    assert_true(rs_session_scroll_offset(s) > scrolled - 100); /* not back at the top */
    rs_session_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_by_touch),      cmocka_unit_test(test_reader_links),
        cmocka_unit_test(test_gestures_that_do_not_open), cmocka_unit_test(test_role_filter),
        cmocka_unit_test(test_keyboard_only),      cmocka_unit_test(test_route_errors),
        cmocka_unit_test(test_idle_countdown_and_reset), cmocka_unit_test(test_no_reset_while_a_finger_is_down),
        cmocka_unit_test(test_attract_loop),       cmocka_unit_test(test_idle_tiers_off),
        cmocka_unit_test(test_attract_loop_timeouts_never_spin), cmocka_unit_test(test_pin_dots_outlive_the_layout),
        cmocka_unit_test(test_admin_way_in),       cmocka_unit_test(test_admin_chord_and_idle),
        cmocka_unit_test(test_lockout_outlives_a_new_session),
        cmocka_unit_test(test_text_size),
        cmocka_unit_test(test_search_by_on_screen_keyboard),
        cmocka_unit_test(test_keyboard_in_every_language),
        cmocka_unit_test(test_search_queries_that_match_nothing),
        cmocka_unit_test(test_search_answers_arrive_later),
        cmocka_unit_test(test_language_buttons_and_idle_reset),
        cmocka_unit_test(test_every_sample_statement_is_found),
        cmocka_unit_test(test_translation_switch),
        cmocka_unit_test(test_thread_by_touch), cmocka_unit_test(test_thread_by_keys),
        cmocka_unit_test(test_exchange_thread),
        cmocka_unit_test(test_tab_reaches_below_the_fold),
        cmocka_unit_test(test_tab_after_scrolling),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
