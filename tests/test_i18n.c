/* i18n: the viewer's six languages, switched at run time, with dates,
 * numbers and plurals written as each language writes them. Uses the
 * catalogs the build compiles (ROSTRUM_LOCALE_DIR), as the viewer does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define NBSP "\xC2\xA0"

static int setup(void **state)
{
    (void)state;
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    return 0;
}

static int reset(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_EN);
    return 0;
}

static const char *date(const char *text, bool inferred)
{
    static char out[128];
    rs_i18n_date(text, inferred, out, sizeof out);
    return out;
}

static const char *number(int64_t value)
{
    static char out[64];
    rs_i18n_number(value, out, sizeof out);
    return out;
}

static const char *seconds(unsigned long n)
{
    static char out[128];
    snprintf(out, sizeof out,
             ngettext("Going back to the start in %d second", "Going back to the start in %d seconds", n), (int)n);
    return out;
}

static void test_starts_in_english(void **state)
{
    (void)state;
    assert_int_equal(rs_i18n_current(), RS_UI_EN);
    assert_string_equal(_("Search"), "Search");
    assert_string_equal(_("Date unknown"), "Date unknown");
}

static void test_switching(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_RU);
    assert_int_equal(rs_i18n_current(), RS_UI_RU);
    assert_string_equal(_("Search"), "Поиск");
    rs_i18n_set(RS_UI_ZH);
    assert_int_equal(rs_i18n_current(), RS_UI_ZH);
    assert_string_equal(_("Search"), "搜索");
    rs_i18n_set(RS_UI_EN);
    assert_string_equal(_("Search"), "Search");
    /* Out of range falls back to English. */
    rs_i18n_set(RS_UI_RU);
    rs_i18n_set((rs_ui_language)7);
    assert_int_equal(rs_i18n_current(), RS_UI_EN);
    assert_string_equal(_("Search"), "Search");
}

static void test_context(void **state)
{
    (void)state;
    /* The same English word, different Russian words by context. */
    rs_i18n_set(RS_UI_RU);
    assert_string_equal(P_("month and year", "May"), "май");
    assert_string_equal(P_("day, month and year", "May"), "мая");
    /* A context the catalog lacks gives the English text back. */
    assert_string_equal(P_("no such context", "May"), "May");
    rs_i18n_set(RS_UI_EN);
    assert_string_equal(P_("day, month and year", "May"), "May");
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        rs_ui_language language;
        const char *date;
        bool inferred;
        const char *want;
    } cases[] = {
        {RS_UI_EN, "2021-07-20", false, "20 July 2021"},
        {RS_UI_EN, "2021-07", false, "July 2021"},
        {RS_UI_EN, "2021", false, "2021"},
        {RS_UI_EN, "2021-07-20", true, "20 July 2021 (inferred)"},
        {RS_UI_EN, "2021", true, "2021 (inferred)"},
        {RS_UI_EN, NULL, false, "Date unknown"},
        {RS_UI_EN, "", true, "Date unknown"}, /* nothing to infer */
        /* A month out of range leaves the year; a day out of range the month. */
        {RS_UI_EN, "2021-13-01", false, "2021"},
        {RS_UI_EN, "2021-00", false, "2021"},
        {RS_UI_EN, "2021-02-32", false, "February 2021"},
        {RS_UI_EN, "2021-12-00", false, "December 2021"},
        {RS_UI_ZH, "2021-07-20", false, "2021年7月20日"},
        {RS_UI_ZH, "2021-07", false, "2021年7月"},
        {RS_UI_ZH, "2021", false, "2021年"},
        {RS_UI_ZH, "2021-07-20", true, "2021年7月20日（推断）"},
        {RS_UI_ZH, NULL, false, "日期不详"},
        /* Russian: the genitive inside a date, the nominative with a year. */
        {RS_UI_RU, "2021-07-20", false, "20 июля 2021 г."},
        {RS_UI_RU, "2021-07", false, "июль 2021 г."},
        {RS_UI_RU, "2021", false, "2021 г."},
        {RS_UI_RU, "2021-05-01", true, "1 мая 2021 г. (предположительно)"},
        {RS_UI_RU, "", false, "Дата неизвестна"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_i18n_set(cases[i].language);
        assert_string_equal(date(cases[i].date, cases[i].inferred), cases[i].want);
    }
}

static void test_date_cut_to_size(void **state)
{
    (void)state;
    char out[8];
    rs_i18n_date("2021-07-20", false, out, sizeof out);
    assert_string_equal(out, "20 July");
}

static void test_numbers(void **state)
{
    (void)state;
    assert_string_equal(number(0), "0");
    assert_string_equal(number(999), "999");
    assert_string_equal(number(1000), "1,000");
    assert_string_equal(number(1234567), "1,234,567");
    assert_string_equal(number(-1234), "-1,234");
    assert_string_equal(number(INT64_MIN), "-9,223,372,036,854,775,808");
    rs_i18n_set(RS_UI_ZH);
    assert_string_equal(number(1234567), "1,234,567");
    rs_i18n_set(RS_UI_RU);
    assert_string_equal(number(1234567), "1" NBSP "234" NBSP "567");
    assert_string_equal(number(-12345), "-12" NBSP "345");
    assert_string_equal(number(100), "100");
}

static void test_number_cut_to_size(void **state)
{
    (void)state;
    char out[6];
    rs_i18n_number(1234567, out, sizeof out); /* room for 5 bytes */
    assert_string_equal(out, "1,234");
    char none[1] = {'x'};
    rs_i18n_number(5, none, 1);
    assert_int_equal(none[0], '\0');
}

static void test_plurals(void **state)
{
    (void)state;
    assert_string_equal(seconds(1), "Going back to the start in 1 second");
    assert_string_equal(seconds(5), "Going back to the start in 5 seconds");
    /* Russian has three forms: 1, 21 (one); 2-4, 22 (few); 5-20, 11-14 (many). */
    rs_i18n_set(RS_UI_RU);
    assert_string_equal(seconds(1), "Возврат к началу через 1 секунду");
    assert_string_equal(seconds(21), "Возврат к началу через 21 секунду");
    assert_string_equal(seconds(2), "Возврат к началу через 2 секунды");
    assert_string_equal(seconds(4), "Возврат к началу через 4 секунды");
    assert_string_equal(seconds(22), "Возврат к началу через 22 секунды");
    assert_string_equal(seconds(5), "Возврат к началу через 5 секунд");
    assert_string_equal(seconds(11), "Возврат к началу через 11 секунд");
    assert_string_equal(seconds(12), "Возврат к началу через 12 секунд");
    assert_string_equal(seconds(0), "Возврат к началу через 0 секунд");
    /* Chinese has one form. */
    rs_i18n_set(RS_UI_ZH);
    assert_string_equal(seconds(1), "1 秒后返回开始页面");
    assert_string_equal(seconds(10), "10 秒后返回开始页面");
}

static void test_language_names(void **state)
{
    (void)state;
    assert_string_equal(rs_i18n_code(RS_UI_EN), "en");
    assert_string_equal(rs_i18n_code(RS_UI_ZH), "zh_CN");
    assert_string_equal(rs_i18n_code(RS_UI_RU), "ru");
    assert_string_equal(rs_i18n_code(RS_UI_LANGUAGE_COUNT), "en");
    assert_string_equal(rs_i18n_endonym(RS_UI_EN), "English");
    assert_string_equal(rs_i18n_endonym(RS_UI_ZH), "中文");
    assert_string_equal(rs_i18n_endonym(RS_UI_RU), "Русский");
    assert_string_equal(rs_i18n_code(RS_UI_AR), "ar");
    assert_string_equal(rs_i18n_code(RS_UI_FR), "fr");
    assert_string_equal(rs_i18n_code(RS_UI_ES), "es");
    assert_string_equal(rs_i18n_endonym(RS_UI_AR), "العربية");
    assert_string_equal(rs_i18n_endonym(RS_UI_FR), "Français");
    assert_string_equal(rs_i18n_endonym(RS_UI_ES), "Español");
    /* The values of the first three stay what they were (settings and
     * scripts may hold them); the new ones follow. */
    assert_int_equal(RS_UI_EN, 0);
    assert_int_equal(RS_UI_ZH, 1);
    assert_int_equal(RS_UI_RU, 2);
    assert_int_equal(RS_UI_AR, 3);
    assert_int_equal(RS_UI_FR, 4);
    assert_int_equal(RS_UI_ES, 5);
    assert_int_equal(RS_UI_LANGUAGE_COUNT, 6);
    /* Each named in itself whatever the current language. */
    rs_i18n_set(RS_UI_RU);
    assert_string_equal(rs_i18n_endonym(RS_UI_ZH), "中文");
    assert_string_equal(rs_i18n_endonym(RS_UI_EN), "English");
}

static void test_direction(void **state)
{
    (void)state;
    /* Only Arabic is written right to left, whatever the current language. */
    for (int i = 0; i < RS_UI_LANGUAGE_COUNT; i++)
        assert_int_equal(rs_i18n_is_rtl((rs_ui_language)i), i == RS_UI_AR);
    rs_i18n_set(RS_UI_AR);
    assert_true(rs_i18n_is_rtl(rs_i18n_current()));
    assert_false(rs_i18n_is_rtl(RS_UI_LANGUAGE_COUNT));
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        rs_ui_language want;
    } good[] = {
        {"en", RS_UI_EN},    {"en_GB.UTF-8", RS_UI_EN}, {"zh", RS_UI_ZH},  {"zh_CN", RS_UI_ZH},
        {"zh-Hans", RS_UI_ZH}, {"zh_TW", RS_UI_ZH},     {"ru", RS_UI_RU},  {"ru_RU.UTF-8", RS_UI_RU},
        {"ru@latin", RS_UI_RU}, {"ar", RS_UI_AR}, {"ar_EG.UTF-8", RS_UI_AR}, {"ar-MA", RS_UI_AR},
        {"fr", RS_UI_FR}, {"fr_CA", RS_UI_FR}, {"fr-FR", RS_UI_FR}, {"es", RS_UI_ES}, {"es_ES.UTF-8", RS_UI_ES},
        {"es-419", RS_UI_ES},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        rs_ui_language got = RS_UI_LANGUAGE_COUNT;
        assert_true(rs_i18n_parse(good[i].text, &got));
        assert_int_equal(got, good[i].want);
    }
    static const char *const bad[] = {"", "e", "english", "de", "ZH", "rus", "zhCN", "-ru", "ara", "FR", "esp", "a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rs_ui_language got = RS_UI_LANGUAGE_COUNT;
        assert_false(rs_i18n_parse(bad[i], &got));
        assert_int_equal(got, RS_UI_LANGUAGE_COUNT); /* untouched */
    }
    rs_ui_language got = RS_UI_LANGUAGE_COUNT;
    assert_false(rs_i18n_parse(NULL, &got));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_starts_in_english),
        cmocka_unit_test_teardown(test_switching, reset),
        cmocka_unit_test_teardown(test_context, reset),
        cmocka_unit_test_teardown(test_dates, reset),
        cmocka_unit_test_teardown(test_date_cut_to_size, reset),
        cmocka_unit_test_teardown(test_numbers, reset),
        cmocka_unit_test_teardown(test_number_cut_to_size, reset),
        cmocka_unit_test_teardown(test_plurals, reset),
        cmocka_unit_test_teardown(test_language_names, reset),
        cmocka_unit_test_teardown(test_direction, reset),
        cmocka_unit_test_teardown(test_parse, reset),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
