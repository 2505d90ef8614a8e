/* Names in every UI language and the orders the builder stores for them:
 * iso-codes' translations (countries.c: which of its English names each
 * language has a translation of), ICU's collation (collation.c) and the
 * name_order rows of real builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builder.h"
#include "collation.h"
#include "countries.h"
#include "support.h"

#define THREAD ROSTRUM_FIXTURES "/sources/thread"

/* The name and the source of the name of code in language, as
 * "name (source)". */
static void expect_translated(const rs_countries *countries, const char *code, const char *language,
                              const char *locale_dir, const char *expected)
{
    rs_country_name_source source;
    char *name = rs_countries_translated_from(countries, code, language, locale_dir, &source);
    char got[512];
    snprintf(got, sizeof got, "%s (%s)", name ? name : "-", rs_country_name_source_text(source));
    if (strcmp(got, expected) != 0)
        fail_msg("%s in %s: got %s, want %s", code, language, got, expected);
    free(name);
}

/* iso-codes 4.15 (Debian 12): the name shown in English (common_name
 * "Iran", "Laos", "Syria", else name) is translated into Chinese, but
 * Russian, Arabic, French and Spanish translate only the ISO name ("Iran,
 * Islamic Republic of", "Lao People's Democratic Republic", "Syrian Arab
 * Republic"), which is looked up next. Spanish "China" is "China". */
static void test_iso_codes_names(void **state)
{
    (void)state;
    char error[512];
    rs_countries *countries = rs_countries_load(RS_ISO_3166_DEFAULT_PATH, error, sizeof error);
    assert_non_null(countries);
    static const struct {
        const char *code, *expected[5]; /* zh_CN, ru, ar, fr, es */
    } rows[] = {
        {"IR",
         {"伊朗 (short)", "Иран (name)", "إيران، الجمهوريّة الإسلاميّة الإيرانيّة (name)", "Iran, République islamique d' (name)",
          "Irán, República islámica de (name)"}},
        {"LA",
         {"老挝 (short)", "Лаосская Народно-Демократическая Республика (name)",
          "جمهوريّة لاو الدّيموقراطيّة الشّعبيّة (name)", "Lao, République démocratique populaire (name)",
          "República Democrática Popular de Lao (name)"}},
        {"SY",
         {"叙利亚 (short)", "Сирийская Арабская Республика (name)", "الجمهوريّة العربيّة السّوريّة (name)",
          "Syrienne, République arabe (name)", "República árabe de Siria (name)"}},
        {"CN", {"中国 (short)", "Китай (short)", "الصّين (short)", "Chine (short)", "China (short)"}},
        {"RU",
         {"俄罗斯 (short)", "Российская Федерация (short)", "الاتّحاد الرّوسي (short)", "Russie, Fédération de (short)",
          "Federación Rusa (short)"}},
        {"US",
         {"美国 (short)", "Соединённые штаты (short)", "الولايات المتّحدة (short)", "États-Unis (short)",
          "Estados Unidos (short)"}},
        /* "Türkiye" (iso-codes 4.10) has no translation yet but Chinese:
         * none, and the viewer shows the English. */
        {"TR", {"土耳其 (short)", "- (none)", "- (none)", "- (none)", "- (none)"}},
    };
    static const char *const languages[5] = {"zh_CN", "ru", "ar", "fr", "es"};
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
        for (size_t l = 0; l < 5; l++)
            expect_translated(countries, rows[r].code, languages[l], NULL, rows[r].expected[l]);
    expect_translated(countries, "ZZ", "ru", NULL, "- (none)");
    rs_countries_destroy(countries);
}

/* Writes a GNU .mo catalog of one message to path. */
static void write_mo(const char *path, const char *msgid, const char *msgstr)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    uint32_t id_length = (uint32_t)strlen(msgid), str_length = (uint32_t)strlen(msgstr);
    uint32_t id_at = 28 + 16, str_at = id_at + id_length + 1;
    /* magic, revision, count, originals' table, translations' table, no hash */
    uint32_t header[] = {0x950412de, 0, 1, 28, 36, 0, 0, id_length, id_at, str_length, str_at};
    assert_int_equal(fwrite(header, sizeof header, 1, file), 1);
    assert_int_equal(fwrite(msgid, id_length + 1, 1, file), 1);
    assert_int_equal(fwrite(msgstr, str_length + 1, 1, file), 1);
    fclose(file);
}

/* A catalog that translates only the official name: the third try. */
static void test_official_name_last(void **state)
{
    (void)state;
    char error[512];
    rs_countries *countries = rs_countries_load(RS_ISO_3166_DEFAULT_PATH, error, sizeof error);
    assert_non_null(countries);
    char *dir = support_temp_dir();
    char *folder = support_path(dir, "xx");
    assert_int_equal(mkdir(folder, 0755), 0);
    char *messages = support_path(folder, "LC_MESSAGES");
    assert_int_equal(mkdir(messages, 0755), 0);
    char *mo = support_path(messages, "iso_3166-1.mo");
    write_mo(mo, "Islamic Republic of Iran", "Official Iran");
    expect_translated(countries, "IR", "xx", dir, "Official Iran (official)");
    expect_translated(countries, "CN", "xx", dir, "- (none)");
    write_mo(mo, "Iran, Islamic Republic of", "ISO Iran");
    expect_translated(countries, "IR", "xx", dir, "ISO Iran (name)");
    rs_countries_destroy(countries);
    support_remove_tree(dir);
    free(mo), free(messages), free(folder), free(dir);
}

/* names sorted by ui_language's collation, joined by ", ". */
static void expect_sorted(const char *ui_language, const char *const *names, size_t count, const char *expected)
{
    char error[256];
    rs_collation *collation = rs_collation_create(ui_language, error, sizeof error);
    assert_non_null(collation);
    size_t order[16];
    assert_true(count <= 16);
    rs_collation_sort(collation, names, NULL, count, order);
    char got[1024] = "";
    for (size_t i = 0; i < count; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? ", " : "", names[order[i]]);
    if (strcmp(got, expected) != 0)
        fail_msg("%s: got %s, want %s", ui_language, got, expected);
    rs_collation_destroy(collation);
}

/* Each UI language sorts as its readers do (CLDR through ICU). */
static void test_collation_orders(void **state)
{
    (void)state;
    assert_string_equal(rs_collation_locale("zh_CN"), "zh");
    assert_string_equal(rs_collation_locale("ru"), "ru");
    assert_string_equal(rs_collation_locale("pt_BR"), "");
    /* Zhōngguó, Yīlǎng, Éluósī, Měiguó, Yīngguó: pinyin, not code points
     * (中 U+4E2D, 伊 U+4F0A, 俄 U+4FC4, 美 U+7F8E, 英 U+82F1). */
    const char *chinese[] = {"中国", "伊朗", "俄罗斯", "美国", "英国", "Rapid7"};
    expect_sorted("zh_CN", chinese, 6, "俄罗斯, 美国, 伊朗, 英国, 中国, Rapid7");
    /* Ё is Е with a mark, sorted among the Е's (its code point, U+0401,
     * is before А's); Cyrillic before Latin. */
    const char *russian[] = {"Япония", "Ёлкино", "Еритрея", "Жуковка", "Австрия", "Microsoft", "Египет"};
    expect_sorted("ru", russian, 7, "Австрия, Египет, Ёлкино, Еритрея, Жуковка, Япония, Microsoft");
    /* É is an E: États-Unis among the E's, not after Z. */
    const char *french[] = {"Zambie", "États-Unis", "Égypte", "Espagne", "Estonie", "Allemagne"};
    expect_sorted("fr", french, 6, "Allemagne, Égypte, Espagne, Estonie, États-Unis, Zambie");
    /* Ñ is a letter of its own after N. */
    const char *spanish[] = {"Ñandú", "Nueva Zelanda", "Oman", "Namibia"};
    expect_sorted("es", spanish, 4, "Namibia, Nueva Zelanda, Ñandú, Oman");
    /* The alphabet: alef (أ, ا, إ alike), ب, ت, ...; ي last. */
    const char *arabic[] = {"اليمن", "بلجيكا", "تونس", "إيران", "أستراليا", "يابان"};
    expect_sorted("ar", arabic, 6, "أستراليا, اليمن, إيران, بلجيكا, تونس, يابان");
    /* English: case and accents only break ties. */
    const char *english[] = {"united states", "Åland", "Zambia", "United Kingdom", "Aland"};
    expect_sorted("en", english, 5, "Aland, Åland, United Kingdom, united states, Zambia");
}

/* Equal names go by their tie (the code), then by index: a total order. */
static void test_collation_ties(void **state)
{
    (void)state;
    char error[256];
    rs_collation *collation = rs_collation_create("en", error, sizeof error);
    assert_non_null(collation);
    const char *names[] = {"Same", "Same", "Same", "\xff"};
    const char *ties[] = {"ZZ", "AA", "MM", "BAD"};
    size_t order[4];
    rs_collation_sort(collation, names, ties, 4, order);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 0);
    assert_int_equal(order[3], 3); /* an invalid byte sorts as U+FFFD, after the letters */
    rs_collation_sort(collation, names, NULL, 3, order);
    assert_int_equal(order[0], 0);
    assert_int_equal(order[2], 2);
    rs_collation_destroy(collation);
}

static char *query_rows(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    size_t capacity = 4096, length = 0;
    char *out = calloc(1, capacity);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        length += (size_t)snprintf(out + length, capacity - length, "%s%s", length ? "\n" : "", text ? text : "-");
        assert_true(length < capacity);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

/* The thread fixture's name_order, every language: parties by the name
 * shown (the curators' zh-Hans names for the EU and Microsoft: 欧洲联盟
 * Ōuzhōu, 微软 Wēiruǎn), incidents by date (incident 2, "2020", before
 * incident 1, "2021-03"). */
static void test_name_order_rows(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *out = support_path(dir, "thread.sqlite");
    rs_build_options options = {.source_dir = THREAD, .output_path = out, .no_map = true};
    rs_diags *diags = rs_diags_create();
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    char *got = query_rows(out, "SELECT language || ' ' || subject || ': ' || group_concat(key, ' ') FROM"
                                " (SELECT * FROM name_order ORDER BY language, subject, pos) GROUP BY language, subject");
    assert_string_equal(got, "ar incident: 2 1\n"
                             "ar party: RU CN GB US EU MSFT\n"
                             "en incident: 2 1\n"
                             "en party: CN EU MSFT RU GB US\n"
                             "es incident: 2 1\n"
                             "es party: CN US EU RU MSFT GB\n"
                             "fr incident: 2 1\n"
                             "fr party: CN US EU MSFT GB RU\n"
                             "ru incident: 2 1\n"
                             "ru party: EU CN RU GB US MSFT\n"
                             "zh_CN incident: 2 1\n"
                             "zh_CN party: RU US EU MSFT GB CN");
    free(got);
    support_remove_tree(dir);
    free(out), free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_codes_names),  cmocka_unit_test(test_official_name_last),
        cmocka_unit_test(test_collation_orders), cmocka_unit_test(test_collation_ties),
        cmocka_unit_test(test_name_order_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
