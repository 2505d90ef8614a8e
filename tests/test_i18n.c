/* i18n: the viewer's six languages, switched at run time, with dates,
 * numbers and plurals written as each language writes them. Uses the
 * catalogs the build compiles (ROSTRUM_LOCALE_DIR), as the viewer does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF" /* narrow no-break space: French thousands */

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
        /* French: months in lower case, the first of a month "1er". */
        {RS_UI_FR, "2021-07-20", false, "20 juillet 2021"},
        {RS_UI_FR, "2021-07", false, "juillet 2021"},
        {RS_UI_FR, "2021", false, "2021"},
        {RS_UI_FR, "2021-07-20", true, "20 juillet 2021 (date déduite)"},
        {RS_UI_FR, "2021-05-01", false, "1er mai 2021"},
        {RS_UI_FR, "2021-08-01", true, "1er août 2021 (date déduite)"},
        {RS_UI_FR, "2021", true, "2021 (date déduite)"},
        {RS_UI_FR, NULL, false, "Date inconnue"},
        /* Spanish: "de" between day, month and year (CLDR's "d 'de' MMMM 'de' y"). */
        {RS_UI_ES, "2021-07-20", false, "20 de julio de 2021"},
        {RS_UI_ES, "2021-07", false, "julio de 2021"},
        {RS_UI_ES, "2021", false, "2021"},
        {RS_UI_ES, "2021-05-01", true, "1 de mayo de 2021 (fecha deducida)"},
        {RS_UI_ES, "2021-12", true, "diciembre de 2021 (fecha deducida)"},
        {RS_UI_ES, "", false, "Fecha desconocida"},
        /* Arabic: CLDR's "ar" months (يناير ...) and digits 0-9. */
        {RS_UI_AR, "2021-07-20", false, "20 يوليو 2021"},
        {RS_UI_AR, "2021-07", false, "يوليو 2021"},
        {RS_UI_AR, "2021", false, "2021"},
        {RS_UI_AR, "2021-05-01", true, "1 مايو 2021 (تاريخ مُستنتَج)"},
        {RS_UI_AR, "2021", true, "2021 (تاريخ مُستنتَج)"},
        {RS_UI_AR, NULL, false, "تاريخ غير معروف"},
        /* The first of a month elsewhere as any other day. */
        {RS_UI_EN, "2021-05-01", false, "1 May 2021"},
        {RS_UI_ZH, "2021-05-01", false, "2021年5月1日"},
        {RS_UI_RU, "2021-05-01", false, "1 мая 2021 г."},
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

/* Every language's numbers: 0 to 1234567, as CLDR 42 (ICU 72 here) formats
 * them, with Arabic in the digits 0-9 (CLDR's "ar" default since CLDR 46). */
static void test_numbers_six(void **state)
{
    (void)state;
    static const int64_t values[] = {0, 1, 2, 3, 11, 100, 1234, 12345, 1234567};
    static const struct {
        rs_ui_language language;
        const char *want[9];
    } cases[] = {
        {RS_UI_EN, {"0", "1", "2", "3", "11", "100", "1,234", "12,345", "1,234,567"}},
        {RS_UI_ZH, {"0", "1", "2", "3", "11", "100", "1,234", "12,345", "1,234,567"}},
        {RS_UI_RU, {"0", "1", "2", "3", "11", "100", "1" NBSP "234", "12" NBSP "345", "1" NBSP "234" NBSP "567"}},
        {RS_UI_AR, {"0", "1", "2", "3", "11", "100", "1,234", "12,345", "1,234,567"}},
        {RS_UI_FR, {"0", "1", "2", "3", "11", "100", "1" NNBSP "234", "12" NNBSP "345", "1" NNBSP "234" NNBSP "567"}},
        /* CLDR's Spanish: minimumGroupingDigits 2, so 1234 stays whole. */
        {RS_UI_ES, {"0", "1", "2", "3", "11", "100", "1234", "12.345", "1.234.567"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_i18n_set(cases[i].language);
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
            assert_string_equal(number(values[v]), cases[i].want[v]);
    }
    rs_i18n_set(RS_UI_ES);
    assert_string_equal(number(-1234), "-1234");
    assert_string_equal(number(-12345), "-12.345");
}

/* The digits and grouping from their parts: Arabic-Indic digits with the
 * Arabic thousands separator (U+066C), a minimum grouping of 2, and digits
 * that are not ten characters falling back to ASCII. */
static void test_number_as(void **state)
{
    (void)state;
    static const char arabic_indic[] = "٠١٢٣٤٥٦٧٨٩";
    char out[64];
    rs_i18n_number_as(1234567, "٬", 1, arabic_indic, out, sizeof out);
    assert_string_equal(out, "١٬٢٣٤٬٥٦٧");
    rs_i18n_number_as(1234, "٬", 2, arabic_indic, out, sizeof out);
    assert_string_equal(out, "١٢٣٤");
    rs_i18n_number_as(-12345, ".", 2, "0123456789", out, sizeof out);
    assert_string_equal(out, "-12.345");
    rs_i18n_number_as(1234, ",", 0, NULL, out, sizeof out); /* below 1 counts as 1 */
    assert_string_equal(out, "1,234");
    rs_i18n_number_as(1234, NULL, 1, "0123", out, sizeof out);
    assert_string_equal(out, "1234");
    rs_i18n_number_as(1234, ",", 1, "0123456789x", out, sizeof out);
    assert_string_equal(out, "1,234");
    /* A date's digits, as rs_i18n_date writes them in such digits. */
    rs_i18n_digits_as("20 يوليو 2021", arabic_indic, out, sizeof out);
    assert_string_equal(out, "٢٠ يوليو ٢٠٢١");
    rs_i18n_digits_as("July 2021", "0123456789", out, sizeof out);
    assert_string_equal(out, "July 2021");
    rs_i18n_digits_as("2021", "٠١", out, sizeof out); /* not ten: unchanged */
    assert_string_equal(out, "2021");
    rs_i18n_digits_as("2021", arabic_indic, out, 6);
    assert_string_equal(out, "٢٠");
    rs_i18n_digits_as("يوليو", NULL, out, 4); /* whole letters only: one of two bytes */
    assert_string_equal(out, "ي");
    /* Cut at a whole digit: each Arabic-Indic digit is two bytes. */
    char small[6];
    rs_i18n_number_as(1234, "", 1, arabic_indic, small, sizeof small); /* room for 5 bytes */
    assert_string_equal(small, "١٢");
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
    /* French: the singular for 0 and 1. Spanish: for 1 only. */
    rs_i18n_set(RS_UI_FR);
    assert_string_equal(seconds(0), "Retour au début dans 0 seconde");
    assert_string_equal(seconds(1), "Retour au début dans 1 seconde");
    assert_string_equal(seconds(2), "Retour au début dans 2 secondes");
    rs_i18n_set(RS_UI_ES);
    assert_string_equal(seconds(0), "Volviendo al inicio en 0 segundos");
    assert_string_equal(seconds(1), "Volviendo al inicio en 1 segundo");
    assert_string_equal(seconds(2), "Volviendo al inicio en 2 segundos");
    /* Arabic has six: zero, one, two, few (3-10), many (11-99), other (100...). */
    rs_i18n_set(RS_UI_AR);
    assert_string_equal(seconds(0), "العودة إلى البداية بعد 0 ثانية");
    assert_string_equal(seconds(1), "العودة إلى البداية بعد ثانية واحدة");
    assert_string_equal(seconds(2), "العودة إلى البداية بعد ثانيتين");
    assert_string_equal(seconds(3), "العودة إلى البداية بعد 3 ثوانٍ");
    assert_string_equal(seconds(11), "العودة إلى البداية بعد 11 ثانية");
    assert_string_equal(seconds(100), "العودة إلى البداية بعد 100 ثانية");
    /* Chinese has one form. */
    rs_i18n_set(RS_UI_ZH);
    assert_string_equal(seconds(1), "1 秒后返回开始页面");
    assert_string_equal(seconds(10), "10 秒后返回开始页面");
}

static const char *statements(int64_t n)
{
    static char out[128];
    char *text = rs_i18n_counted(ngettext("%s statement", "%s statements", rs_i18n_plural_n(n)), n);
    snprintf(out, sizeof out, "%s", text);
    free(text);
    return out;
}

/* Counted nouns: the plural form chosen by ngettext, the count in the
 * language's digits and grouping. */
static void test_counted(void **state)
{
    (void)state;
    static const struct {
        rs_ui_language language;
        int64_t n;
        const char *want;
    } cases[] = {
        {RS_UI_EN, 1, "1 statement"},
        {RS_UI_EN, 1234, "1,234 statements"},
        {RS_UI_FR, 0, "0 déclaration"},
        {RS_UI_FR, 1, "1 déclaration"},
        {RS_UI_FR, 2, "2 déclarations"},
        {RS_UI_FR, 1234, "1" NNBSP "234 déclarations"},
        {RS_UI_ES, 0, "0 declaraciones"},
        {RS_UI_ES, 1, "1 declaración"},
        {RS_UI_ES, 2, "2 declaraciones"},
        {RS_UI_ES, 1234, "1234 declaraciones"},
        {RS_UI_ES, 12345, "12.345 declaraciones"},
        /* Arabic: the number left out where the word says it (one, two). */
        {RS_UI_AR, 0, "0 تصريح"},
        {RS_UI_AR, 1, "تصريح واحد"},
        {RS_UI_AR, 2, "تصريحان"},
        {RS_UI_AR, 3, "3 تصريحات"},
        {RS_UI_AR, 10, "10 تصريحات"},
        {RS_UI_AR, 11, "11 تصريحًا"},
        {RS_UI_AR, 99, "99 تصريحًا"},
        {RS_UI_AR, 100, "100 تصريح"},
        {RS_UI_AR, 102, "102 تصريح"},
        {RS_UI_AR, 103, "103 تصريحات"},
        {RS_UI_AR, 111, "111 تصريحًا"},
        {RS_UI_AR, 1234, "1,234 تصريحًا"},
        {RS_UI_RU, 1234, "1" NBSP "234 заявления"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_i18n_set(cases[i].language);
        assert_string_equal(statements(cases[i].n), cases[i].want);
    }
}

/* Every month's name in the three new languages, alone and in a date. */
static void test_month_names(void **state)
{
    (void)state;
    static const char *const fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                     "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    static const char *const es[] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                     "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
    static const char *const ar[] = {"يناير", "فبراير", "مارس",   "أبريل",  "مايو",   "يونيو",
                                     "يوليو", "أغسطس",  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
    static const struct {
        rs_ui_language language;
        const char *const *names;
    } cases[] = {{RS_UI_FR, fr}, {RS_UI_ES, es}, {RS_UI_AR, ar}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_i18n_set(cases[i].language);
        for (int m = 1; m <= 12; m++) {
            assert_string_equal(rs_i18n_month_name(m), cases[i].names[m - 1]);
            char text[16], want[64];
            snprintf(text, sizeof text, "2021-%02d-15", m);
            snprintf(want, sizeof want, cases[i].language == RS_UI_ES ? "15 de %s de 2021" : "15 %s 2021",
                     cases[i].names[m - 1]);
            assert_string_equal(date(text, false), want);
        }
        assert_string_equal(rs_i18n_month_name(13), "");
    }
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
        cmocka_unit_test_teardown(test_numbers_six, reset),
        cmocka_unit_test_teardown(test_number_as, reset),
        cmocka_unit_test_teardown(test_number_cut_to_size, reset),
        cmocka_unit_test_teardown(test_plurals, reset),
        cmocka_unit_test_teardown(test_counted, reset),
        cmocka_unit_test_teardown(test_month_names, reset),
        cmocka_unit_test_teardown(test_language_names, reset),
        cmocka_unit_test_teardown(test_direction, reset),
        cmocka_unit_test_teardown(test_parse, reset),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
