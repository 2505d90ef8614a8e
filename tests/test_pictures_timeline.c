/* The timeline as a visitor sees it (issue 14), drawn by the viewer in this
 * process: the sample corpus whole, a year and a month, at 800x480,
 * 1920x1080 and portrait 1080x1920, in English and Chinese (and Russian at
 * 800x480); the thread fixture (undated statements beside the axis) and
 * high contrast. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "pictures.h"

static void expect_in(const char *name, const char *bundle, const char *route, int width, int height,
                      rs_ui_language language)
{
    rs_app_options options = viewer_options(bundle, width, height);
    options.route = route;
    options.language = (int)language;
    expect_screen_options(name, &options);
}

static void test_timeline_zooms(void **state)
{
    (void)state;
    static const struct {
        const char *suffix;
        int width, height;
        rs_ui_language language;
    } shots[] = {
        {"800x480", 800, 480, RS_UI_EN},       {"1920x1080", 1920, 1080, RS_UI_EN},    {"1080x1920", 1080, 1920, RS_UI_EN},
        {"zh_800x480", 800, 480, RS_UI_ZH},    {"zh_1920x1080", 1920, 1080, RS_UI_ZH}, {"zh_1080x1920", 1080, 1920, RS_UI_ZH},
        {"ru_800x480", 800, 480, RS_UI_RU},
    };
    static const struct {
        const char *prefix, *route;
    } zooms[] = {
        {"timeline_whole", "timeline"},
        {"timeline_year", "timeline/2021"},
        {"timeline_month", "timeline/2021-07"},
    };
    for (size_t z = 0; z < sizeof zooms / sizeof zooms[0]; z++)
        for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++) {
            char name[128];
            snprintf(name, sizeof name, "%s_%s", zooms[z].prefix, shots[i].suffix);
            expect_in(name, corpus, zooms[z].route, shots[i].width, shots[i].height, shots[i].language);
        }
}

static void test_timeline_fixture_and_contrast(void **state)
{
    (void)state;
    /* The thread fixture: statements without a date, counted beside the axis. */
    expect_in("timeline_thread_fixture_800x480", thread_fixture, "timeline", 800, 480, RS_UI_EN);
    rs_app_options options = viewer_options(corpus, 800, 480);
    options.route = "timeline/2021";
    options.high_contrast = true;
    expect_screen_options("timeline_high_contrast_800x480", &options);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline_zooms),
        cmocka_unit_test(test_timeline_fixture_and_contrast),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
