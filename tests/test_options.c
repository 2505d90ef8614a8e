/* The command line: what each option gives, the order in which the first
 * of --help, --version or a mistake decides, and the exact words of each
 * mistake (README "Command line"; tests/kiosk, tests/bench and tests/soak
 * start the viewer with these). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "i18n.h"
#include "options.h"

/* Parses the arguments after "rostrum" (a NULL-terminated list). */
#define PARSE(out, ...)                                                                                                \
    do {                                                                                                               \
        char *argv_[] = {"rostrum", __VA_ARGS__, NULL};                                                                \
        rs_options_parse((int)(sizeof argv_ / sizeof argv_[0]) - 1, argv_, (out));                                     \
    } while (0)

static void expect_error(rs_options *o, const char *message, bool usage)
{
    assert_int_equal(o->outcome, RS_OPTIONS_ERROR);
    assert_string_equal(o->error, message);
    assert_int_equal(o->error_usage, usage);
}

static void test_nothing_given(void **state)
{
    (void)state;
    char *argv[] = {"rostrum", NULL};
    rs_options o;
    rs_options_parse(1, argv, &o);
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_null(o.bundle_path);
    assert_null(o.route);
    assert_null(o.screenshot);
    assert_null(o.script);
    assert_null(o.font_dir);
    assert_null(o.config_path);
    assert_null(o.state_dir);
    assert_false(o.fullscreen || o.kiosk || o.software || o.high_contrast || o.exit_after_first_frame);
    assert_false(o.size_given || o.rotation_given || o.language_given);
    assert_string_equal(o.error, "");
}

static void test_every_option(void **state)
{
    (void)state;
    rs_options o;
    PARSE(&o, "corpus.sqlite", "--route", "dates/2021", "--size", "1024x600", "--fullscreen", "--kiosk",
          "--software", "--rotation", "270", "--high-contrast", "--language", "zh_CN", "--screenshot", "a.png",
          "--fonts", "/usr/share/fonts", "--config", "/etc/r.ini", "--exit-after-first-frame", "--state-dir",
          "/var/lib/rostrum");
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_string_equal(o.bundle_path, "corpus.sqlite");
    assert_string_equal(o.route, "dates/2021");
    assert_true(o.size_given);
    assert_int_equal(o.width, 1024);
    assert_int_equal(o.height, 600);
    assert_true(o.fullscreen && o.kiosk && o.software && o.high_contrast && o.exit_after_first_frame);
    assert_true(o.rotation_given);
    assert_int_equal(o.rotation, 270);
    assert_true(o.language_given);
    assert_int_equal(o.language, RS_UI_ZH);
    assert_string_equal(o.screenshot, "a.png");
    assert_null(o.script);
    assert_string_equal(o.font_dir, "/usr/share/fonts");
    assert_string_equal(o.config_path, "/etc/r.ini");
    assert_string_equal(o.state_dir, "/var/lib/rostrum");
}

static void test_value_forms(void **state)
{
    (void)state;
    rs_options o;
    /* The bundle may come anywhere; a value may follow '='. */
    PARSE(&o, "--script", "walk.txt", "b.sqlite", "--size=800x480", "--rotation=0", "--language", "ru");
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_string_equal(o.script, "walk.txt");
    assert_string_equal(o.bundle_path, "b.sqlite");
    assert_int_equal(o.width, 800);
    assert_int_equal(o.height, 480);
    assert_true(o.rotation_given);
    assert_int_equal(o.rotation, 0);
    assert_int_equal(o.language, RS_UI_RU);
    PARSE(&o, "--language", "ar");
    assert_int_equal(o.language, RS_UI_AR);
    PARSE(&o, "--language=fr");
    assert_int_equal(o.language, RS_UI_FR);
    PARSE(&o, "--language", "es");
    assert_int_equal(o.language, RS_UI_ES);
    /* A value is the next argument, whatever it looks like. */
    PARSE(&o, "--route", "--size", "--fonts", "-");
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_string_equal(o.route, "--size");
    assert_string_equal(o.font_dir, "-");
    /* The last of an option given twice counts. */
    PARSE(&o, "--route", "home", "--route", "dates", "--size", "300x300", "--size", "240x16384");
    assert_string_equal(o.route, "dates");
    assert_int_equal(o.width, 240);
    assert_int_equal(o.height, 16384);
    /* An unambiguous prefix of a long option is that option. */
    PARSE(&o, "--rot", "90", "--high");
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_int_equal(o.rotation, 90);
    assert_true(o.high_contrast);
    /* After "--", a bundle whose name starts with '-'. */
    PARSE(&o, "--kiosk", "--", "-odd.sqlite");
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_true(o.kiosk);
    assert_string_equal(o.bundle_path, "-odd.sqlite");
}

static void test_help_and_version(void **state)
{
    (void)state;
    rs_options o;
    PARSE(&o, "--help");
    assert_int_equal(o.outcome, RS_OPTIONS_HELP);
    PARSE(&o, "-h");
    assert_int_equal(o.outcome, RS_OPTIONS_HELP);
    PARSE(&o, "--version");
    assert_int_equal(o.outcome, RS_OPTIONS_VERSION);
    /* The first one decides. */
    PARSE(&o, "--version", "--help");
    assert_int_equal(o.outcome, RS_OPTIONS_VERSION);
    PARSE(&o, "--help", "--bogus");
    assert_int_equal(o.outcome, RS_OPTIONS_HELP);
    PARSE(&o, "--bogus", "--help");
    expect_error(&o, "rostrum: unexpected argument '--bogus'", true);
    PARSE(&o, "--rotation", "45", "--version");
    expect_error(&o, "rostrum: --rotation takes 0, 90, 180 or 270 (got '45')", false);
    /* What decides the settings file is read all the same. */
    PARSE(&o, "--help", "--config", "x.ini", "--script", "s.txt");
    assert_int_equal(o.outcome, RS_OPTIONS_HELP);
    assert_string_equal(o.config_path, "x.ini");
    assert_string_equal(o.script, "s.txt");
    const char *usage = rs_options_usage();
    assert_int_equal(strncmp(usage, "Usage: rostrum [BUNDLE] [options]\n", 34), 0);
    assert_non_null(strstr(usage, "  --hash-pin PIN "));
    assert_non_null(strstr(usage, "  --state-dir DIR "));
    assert_int_equal(usage[strlen(usage) - 1], '\n');
}

static void test_hash_pin(void **state)
{
    (void)state;
    rs_options o;
    PARSE(&o, "--hash-pin", "1234");
    assert_int_equal(o.outcome, RS_OPTIONS_HASH_PIN);
    assert_string_equal(o.hash_pin, "1234");
    PARSE(&o, "--hash-pin", "-");
    assert_int_equal(o.outcome, RS_OPTIONS_HASH_PIN);
    assert_string_equal(o.hash_pin, "-");
    /* Wherever it stands, before any mistake or --help; the first one. */
    PARSE(&o, "--bogus", "--help", "--hash-pin", "2468", "--hash-pin", "1357");
    assert_int_equal(o.outcome, RS_OPTIONS_HASH_PIN);
    assert_string_equal(o.hash_pin, "2468");
    assert_string_equal(o.error, "");
    /* Without its PIN: main.c says what it takes. */
    PARSE(&o, "--kiosk", "--hash-pin");
    assert_int_equal(o.outcome, RS_OPTIONS_HASH_PIN);
    assert_null(o.hash_pin);
    /* As another option's value it is no request. */
    PARSE(&o, "--route", "--hash-pin");
    assert_int_equal(o.outcome, RS_OPTIONS_RUN);
    assert_string_equal(o.route, "--hash-pin");
}

static void test_bad_values(void **state)
{
    (void)state;
    static const struct {
        const char *option, *value, *error;
    } cases[] = {
        {"--rotation", "45", "rostrum: --rotation takes 0, 90, 180 or 270 (got '45')"},
        {"--rotation", "90x", "rostrum: --rotation takes 0, 90, 180 or 270 (got '90x')"},
        {"--language", "de", "rostrum: --language takes en, zh_CN, ru, ar, fr or es (got 'de')"},
        {"--language", "", "rostrum: --language takes en, zh_CN, ru, ar, fr or es (got '')"},
        {"--size", "10x10", "rostrum: --size takes WIDTHxHEIGHT, each 240 to 16384, e.g. 800x480 (got '10x10')"},
        {"--size", "800", "rostrum: --size takes WIDTHxHEIGHT, each 240 to 16384, e.g. 800x480 (got '800')"},
        {"--size", "800x480x2",
         "rostrum: --size takes WIDTHxHEIGHT, each 240 to 16384, e.g. 800x480 (got '800x480x2')"},
        {"--size", "16385x480",
         "rostrum: --size takes WIDTHxHEIGHT, each 240 to 16384, e.g. 800x480 (got '16385x480')"},
    };
    rs_options o;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PARSE(&o, (char *)cases[i].option, (char *)cases[i].value);
        expect_error(&o, cases[i].error, false);
        /* A refused value is not taken. */
        assert_false(o.rotation_given || o.language_given || o.size_given);
    }
    PARSE(&o, "--screenshot", "a.png", "--script", "s.txt");
    expect_error(&o, "rostrum: use either --screenshot or --script, not both", false);
    /* The first mistake is the one told. */
    PARSE(&o, "--language", "xx", "--size", "1x1");
    expect_error(&o, "rostrum: --language takes en, zh_CN, ru, ar, fr or es (got 'xx')", false);
}

static void test_unexpected_arguments(void **state)
{
    (void)state;
    rs_options o;
    PARSE(&o, "--bogus");
    expect_error(&o, "rostrum: unexpected argument '--bogus'", true);
    PARSE(&o, "-x");
    expect_error(&o, "rostrum: unexpected argument '-x'", true);
    PARSE(&o, "-");
    expect_error(&o, "rostrum: unexpected argument '-'", true);
    PARSE(&o, "a.sqlite", "b.sqlite");
    expect_error(&o, "rostrum: unexpected argument 'b.sqlite'", true);
    assert_string_equal(o.bundle_path, "a.sqlite");
    PARSE(&o, "--fullscreen=yes");
    expect_error(&o, "rostrum: unexpected argument '--fullscreen=yes'", true);
    /* --s could be --size, --software, --screenshot or --script. */
    PARSE(&o, "--s");
    expect_error(&o, "rostrum: unexpected argument '--s'", true);
    /* An option that needs a value and ends the line. */
    PARSE(&o, "b.sqlite", "--route");
    expect_error(&o, "rostrum: unexpected argument '--route'", true);
    PARSE(&o, "--config");
    expect_error(&o, "rostrum: unexpected argument '--config'", true);
    assert_null(o.config_path);
}

static void test_repeatable(void **state)
{
    (void)state;
    /* getopt_long's state is reset by each call. */
    rs_options o;
    for (int i = 0; i < 3; i++) {
        PARSE(&o, "--bogus", "x.sqlite");
        expect_error(&o, "rostrum: unexpected argument '--bogus'", true);
        assert_string_equal(o.bundle_path, "x.sqlite");
        PARSE(&o, "y.sqlite", "--kiosk");
        assert_int_equal(o.outcome, RS_OPTIONS_RUN);
        assert_string_equal(o.bundle_path, "y.sqlite");
        assert_true(o.kiosk);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_given),    cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_value_forms),      cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_hash_pin),         cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_unexpected_arguments), cmocka_unit_test(test_repeatable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
