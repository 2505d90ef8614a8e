/*
 * Right-to-left text in the reader (issue 15), drawn by the viewer in this
 * process from the rtl fixture (tests/fixtures/sources/rtl, statements
 * written for the test): an Arabic statement, right-aligned with its
 * letters joined, an English name, numbers and brackets in their places,
 * and a paragraph that opens with an English word; a Hebrew one; an
 * English statement with an Arabic phrase, left-aligned. At 800x480 and
 * portrait 1080x1920, and the Arabic one in the Chinese and Russian UI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "pictures.h"

static char *rtl;

static int setup(void **state)
{
    int failed = pictures_setup(state);
    if (!failed)
        rtl = build_bundle(ROSTRUM_FIXTURES "/sources/rtl", "rtl.sqlite");
    return failed;
}

static int teardown(void **state)
{
    free(rtl);
    return pictures_teardown(state);
}

static void expect_in(const char *name, const char *route, int width, int height, rs_ui_language language)
{
    rs_app_options options = viewer_options(rtl, width, height);
    options.route = route;
    options.language = (int)language;
    expect_screen_options(name, &options);
}

static void test_an_arabic_statement(void **state)
{
    (void)state;
    expect_in("bidi_reader_ar_800x480", "statements/ar-test-statement", 800, 480, RS_UI_EN);
    expect_in("bidi_reader_ar_1080x1920", "statements/ar-test-statement", 1080, 1920, RS_UI_EN);
    expect_in("bidi_reader_ar_zh_800x480", "statements/ar-test-statement", 800, 480, RS_UI_ZH);
    expect_in("bidi_reader_ar_ru_800x480", "statements/ar-test-statement", 800, 480, RS_UI_RU);
}

static void test_a_hebrew_statement(void **state)
{
    (void)state;
    expect_in("bidi_reader_he_800x480", "statements/he-test-statement", 800, 480, RS_UI_EN);
}

static void test_an_arabic_phrase_in_english(void **state)
{
    (void)state;
    expect_in("bidi_reader_mixed_800x480", "statements/en-arabic-phrase", 800, 480, RS_UI_EN);
    expect_in("bidi_reader_mixed_1080x1920", "statements/en-arabic-phrase", 1080, 1920, RS_UI_EN);
}

/* Found by the same test (issue 15): the Chinese UI's chips were cut with
 * "…" beside room to spare at these sizes (the line breaker's estimate of
 * a label, added up from its pieces, was wider than the label measured
 * whole); and a Russian reader chip lost its role to "…" where it may wrap
 * to a second line. */
static void test_chips_are_whole(void **state)
{
    (void)state;
    static const struct {
        const char *name, *route;
        int width, height;
        rs_ui_language language;
    } shots[] = {
        {"bidi_chips_reader_zh_1080x1920", "statements/ru-chips", 1080, 1920, RS_UI_ZH},
        {"bidi_chips_reader_zh_1920x1080", "statements/ru-chips", 1920, 1080, RS_UI_ZH},
        {"bidi_chips_reader_zh_1024x600", "statements/ru-chips", 1024, 600, RS_UI_ZH},
        {"bidi_chips_reader_ru_800x480", "statements/ru-chips", 800, 480, RS_UI_RU},
        {"bidi_chips_reader_ru_1080x1920", "statements/ru-chips", 1080, 1920, RS_UI_RU},
    };
    for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++) {
        rs_app_options options = viewer_options(rtl, shots[i].width,
                                                shots[i].height);
        options.route = shots[i].route;
        options.language = (int)shots[i].language;
        expect_screen_options(shots[i].name, &options);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_arabic_statement),
        cmocka_unit_test(test_a_hebrew_statement),
        cmocka_unit_test(test_an_arabic_phrase_in_english),
        cmocka_unit_test(test_chips_are_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
