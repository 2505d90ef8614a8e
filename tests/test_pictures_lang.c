/*
 * The screens in French and Spanish (issue 15, "Proof"): home at 800x480
 * and portrait 1080x1920, the search screen with the language's own
 * keyboard (AZERTY with accents, Spanish with ñ) and a reader in the
 * language's UI at 800x480 and portrait 480x800, drawn by the viewer from
 * the sample corpus. Arabic's screens mirror: test_pictures_rtl.c. What a museum
 * visitor sees: each was looked at.
 *
 * ROSTRUM_UPDATE_REFERENCES=1 writes the references (tests/reference/
 * home_fr_*.png, ...).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "pictures.h"

static void expect_in(const char *name, const char *route, int width, int height, rs_ui_language language)
{
    rs_app_options options = viewer_options(corpus, width, height);
    options.route = route;
    options.language = (int)language;
    expect_screen_options(name, &options);
}

static void test_french(void **state)
{
    (void)state;
    expect_in("home_fr_800x480", "home", 800, 480, RS_UI_FR);
    expect_in("home_fr_1080x1920", "home", 1080, 1920, RS_UI_FR);
    expect_in("search_fr_800x480", "search", 800, 480, RS_UI_FR);
    expect_in("reader_fr_ui_800x480", "statements/embassy-2021-07-20-exchange-accusation", 800, 480, RS_UI_FR);
    expect_in("reader_fr_ui_480x800", "statements/embassy-2021-07-20-exchange-accusation", 480, 800, RS_UI_FR);
}

static void test_spanish(void **state)
{
    (void)state;
    expect_in("home_es_800x480", "home", 800, 480, RS_UI_ES);
    expect_in("home_es_1080x1920", "home", 1080, 1920, RS_UI_ES);
    expect_in("search_es_800x480", "search", 800, 480, RS_UI_ES);
    expect_in("reader_es_ui_800x480", "statements/embassy-2021-07-20-exchange-accusation", 800, 480, RS_UI_ES);
    expect_in("reader_es_ui_480x800", "statements/embassy-2021-07-20-exchange-accusation", 480, 800, RS_UI_ES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french),
        cmocka_unit_test(test_spanish),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
