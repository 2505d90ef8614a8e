/*
 * The world map's pictures (issue 14, "Proof"), drawn by the viewer from
 * the sample corpus: the whole world and the Exchange incident's map
 * (microsoft-exchange-server-hack-2021: its accusers and accused, arrows
 * between them, a badge for a party without territory) at 800x480,
 * 1920x1080 and portrait 1080x1920, in English and in Chinese, and the
 * high-contrast map. What a museum visitor sees: each was looked at.
 *
 * ROSTRUM_UPDATE_REFERENCES=1 writes the references (tests/reference/
 * map_*.png); ROSTRUM_PICTURES_SIZE=800x480 draws only that size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "pictures.h"

static void expect_map(const char *prefix, const char *route)
{
    static const struct {
        const char *suffix;
        int width, height;
        rs_ui_language language;
    } shots[] = {
        {"800x480", 800, 480, RS_UI_EN},    {"1920x1080", 1920, 1080, RS_UI_EN},    {"1080x1920", 1080, 1920, RS_UI_EN},
        {"zh_800x480", 800, 480, RS_UI_ZH}, {"zh_1920x1080", 1920, 1080, RS_UI_ZH}, {"zh_1080x1920", 1080, 1920, RS_UI_ZH},
    };
    for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s_%s", prefix, shots[i].suffix);
        rs_app_options options = viewer_options(corpus, shots[i].width, shots[i].height);
        options.route = route;
        options.language = (int)shots[i].language;
        expect_screen_options(name, &options);
    }
}

static void test_world_map(void **state)
{
    (void)state;
    expect_map("map_world", "map");
}

static void test_incident_map(void **state)
{
    (void)state;
    expect_map("map_exchange", "map/microsoft-exchange-server-hack-2021");
}

/* --high-contrast: classes as hatching, an incident's sides as patterns
 * and outlines. */
static void test_high_contrast_maps(void **state)
{
    (void)state;
    rs_app_options options = viewer_options(corpus, 800, 480);
    options.route = "map";
    options.high_contrast = true;
    expect_screen_options("map_world_high_contrast_800x480", &options);
    options.route = "map/microsoft-exchange-server-hack-2021";
    expect_screen_options("map_exchange_high_contrast_800x480", &options);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_world_map),
        cmocka_unit_test(test_incident_map),
        cmocka_unit_test(test_high_contrast_maps),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
