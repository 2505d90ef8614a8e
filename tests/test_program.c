/*
 * The `rostrum` program itself, started as a shell would start it: what its
 * command line refuses, with which exit status and message, and a windowed
 * start and stop. (The pictures it draws are tested in test_pictures.c,
 * through the same rs_app_run it calls, without a process per picture.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define FONTS ROSTRUM_SOURCE_DIR "/assets/fonts"

static char *scratch;

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch);
    return 0;
}

/* Runs rostrum with arguments; returns its exit status. */
static int rostrum(const char *arguments, char **output)
{
    char command[8192];
    snprintf(command, sizeof command, "'%s' --fonts '%s' %s", ROSTRUM_VIEWER, FONTS, arguments);
    return support_run(command, output);
}

/* The windowed program starts with SDL's offscreen video driver, draws, and
 * ends cleanly on SIGTERM (what a service manager sends), with its voice on
 * SDL's dummy audio device (a machine without a sound card logs that it has
 * none: test_speak_to). Software rendering,
 * as on a kiosk without a GPU: the GPU path loads Mesa's EGL, whose own
 * allocations LeakSanitizer would report. */
static void test_window_starts_and_stops(void **state)
{
    (void)state;
    char command[4096], *output;
    snprintf(command, sizeof command,
             "SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy '%s' --config /dev/null --software --fonts '%s' '%s' "
             "--exit-after-first-frame",
             ROSTRUM_VIEWER, FONTS, ROSTRUM_SAMPLE_BUNDLE);
    assert_int_equal(support_run(command, &output), 0);
    assert_string_equal(output, "");
    free(output);
    snprintf(command, sizeof command,
             "SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy '%s' --config /dev/null --software --fonts '%s' '%s' & "
             "pid=$!; sleep 1; "
             "kill -TERM $pid; wait $pid",
             ROSTRUM_VIEWER, FONTS, ROSTRUM_SAMPLE_BUNDLE);
    assert_int_equal(support_run(command, &output), 0);
    assert_string_equal(output, "");
    free(output);
}

/* Without its CJK font the viewer still starts, says what is missing and
 * what to do, and shows the Chinese screens in English meanwhile. */
static void test_starts_without_the_cjk_font(void **state)
{
    (void)state;
    char *fonts = support_path(scratch, "fonts-without-cjk"), *picture = support_path(scratch, "zh.png");
    char command[8192], *output;
    snprintf(command, sizeof command, "mkdir -p '%s' && ln -s '%s/DejaVuSans.ttf' '%s/DejaVuSans-Bold.ttf' '%s'", fonts,
             FONTS, FONTS, fonts);
    assert_int_equal(system(command), 0);
    snprintf(command, sizeof command,
             "'%s' --config /dev/null --fonts '%s' --language zh_CN '%s' --screenshot '%s'", ROSTRUM_VIEWER, fonts,
             ROSTRUM_SAMPLE_BUNDLE, picture);
    assert_int_equal(support_run(command, &output), 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "Cannot open the font %s/DroidSansFallbackFull.ttf: No such file or directory. Reinstall Rostrum. "
             "Chinese, Japanese and Korean text cannot be shown until it is. The screens are in English meanwhile.",
             fonts);
    assert_non_null(strstr(output, expected));
    FILE *f = fopen(picture, "rb");
    assert_non_null(f);
    fclose(f);
    free(output), free(fonts), free(picture);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    char *output, arguments[2048];
    snprintf(arguments, sizeof arguments, "'%s' --route nowhere --screenshot /dev/null", ROSTRUM_SAMPLE_BUNDLE);
    assert_int_equal(rostrum(arguments, &output), 2);
    assert_string_equal(output, "rostrum: unknown route 'nowhere' (routes: home, dates, dates/2021, dates/2021-07, "
                                "dates/undated, countries, countries/GB, incidents, incidents/SLUG, statements, statements/ID, "
                                "search, search/WORDS, timeline, timeline/2021, timeline/2021-07, map, map/SLUG)\n");
    free(output);
    snprintf(arguments, sizeof arguments, "'%s' --size 10x10 --screenshot /dev/null", ROSTRUM_SAMPLE_BUNDLE);
    assert_int_equal(rostrum(arguments, &output), 2);
    free(output);
    char path[1024];
    snprintf(path, sizeof path, "%s/nowhere.png", scratch);
    snprintf(arguments, sizeof arguments, "'%s' --route statements/no-such-thing --screenshot '%s'",
             ROSTRUM_SAMPLE_BUNDLE, path);
    assert_int_equal(rostrum(arguments, &output), 1);
    assert_string_equal(output, "rostrum: This bundle has no statement 'no-such-thing'.\n"
                                "Cannot open statements/no-such-thing in this bundle.\n");
    free(output);
    support_write_text(scratch, "bad.txt", "tap 1 2\nfly 3 4\n");
    char *script = support_path(scratch, "bad.txt");
    snprintf(arguments, sizeof arguments, "'%s' --script '%s'", ROSTRUM_SAMPLE_BUNDLE, script);
    assert_int_equal(rostrum(arguments, &output), 2);
    char want[2048];
    snprintf(want, sizeof want,
             "rostrum: %s:2: unknown command 'fly' (commands: tap, press, drag, key, type, text, wait, shot, quit)\n",
             script);
    assert_string_equal(output, want);
    free(output);
    free(script);
    /* A FIFO as the script is refused, not waited on for ever. */
    char *fifo = support_path(scratch, "script.fifo");
    snprintf(arguments, sizeof arguments, "mkfifo '%s'", fifo);
    assert_int_equal(system(arguments), 0);
    snprintf(arguments, sizeof arguments, "'%s' --script '%s'", ROSTRUM_SAMPLE_BUNDLE, fifo);
    assert_int_equal(rostrum(arguments, &output), 2);
    snprintf(want, sizeof want, "rostrum: cannot read the script %s: is a FIFO, not a regular file\n", fifo);
    assert_string_equal(output, want);
    free(output);
    free(fifo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_window_starts_and_stops),
        cmocka_unit_test(test_starts_without_the_cjk_font),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
