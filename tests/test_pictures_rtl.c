/*
 * The Arabic UI mirrored (issue 15), drawn by the viewer: home, the
 * countries (a facets list), a country's page (a list with role chips),
 * the reader, search with the Arabic keyboard, an incident's thread, and
 * the chrome of the world map and the timeline (their pictures as they are:
 * the map never turns, time runs left to right), each at 800x480 and in
 * portrait 480x800. What a visitor reading Arabic sees: each was looked at.
 *
 * ROSTRUM_UPDATE_REFERENCES=1 writes the references (tests/reference/
 * rtl_*.png); ROSTRUM_PICTURES_SIZE=800x480 draws only that size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "pictures.h"

/* route of bundle in Arabic at 800x480 and 480x800, as rtl_NAME_SIZE. */
static void expect_rtl(const char *name, const char *bundle, const char *route)
{
    static const int sizes[][2] = {{800, 480}, {480, 800}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char picture[128];
        snprintf(picture, sizeof picture, "rtl_%s_%dx%d", name, sizes[i][0], sizes[i][1]);
        rs_app_options options = viewer_options(bundle, sizes[i][0], sizes[i][1]);
        options.route = route;
        options.language = (int)RS_UI_AR;
        expect_screen_options(picture, &options);
    }
}

static void test_home_and_lists(void **state)
{
    (void)state;
    expect_rtl("home", corpus, "home");
    expect_rtl("countries", corpus, "countries");
    expect_rtl("country", corpus, "countries/CN");
    expect_rtl("dates", corpus, "dates/2021");
}

/* An English statement keeps its own direction (left-aligned) in the
 * mirrored page around it. */
static void test_reader(void **state)
{
    (void)state;
    expect_rtl("reader", corpus, "statements/mfa-2021-uk-smear-state-sponsored-hackers");
}

static void test_search(void **state)
{
    (void)state;
    expect_rtl("search", corpus, "search");
}

static void test_thread(void **state)
{
    (void)state;
    expect_rtl("thread", thread_fixture, "incidents/exchange-hack");
}

static void test_map_and_timeline(void **state)
{
    (void)state;
    expect_rtl("map", corpus, "map");
    expect_rtl("timeline", corpus, "timeline");
}

/* Left alone in Arabic: "Still reading?" and its countdown aligned right
 * in their box, as the page under them. */
static void test_idle_countdown(void **state)
{
    (void)state;
    char countdown[1024], script[2048];
    snprintf(countdown, sizeof countdown, "%s/rtl_idle_countdown.png", scratch);
    snprintf(script, sizeof script, "wait 93000\nshot %s\nquit\n", countdown);
    rs_app_options options = viewer_options(corpus, 800, 480);
    options.route = "countries";
    options.language = (int)RS_UI_AR;
    int status = run_script("rtl_idle.txt", script, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    compare_with_reference("rtl_idle_countdown_800x480", countdown);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_home_and_lists),
        cmocka_unit_test(test_reader),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_thread),
        cmocka_unit_test(test_map_and_timeline),
        cmocka_unit_test(test_idle_countdown),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
