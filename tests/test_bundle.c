/* The query layer: opening good and bad bundles (each with its exact reason),
 * the deeper checks, facets, and full-text search in English, Chinese and
 * Russian; and the `check` and `search` commands' exact output. */
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
#include <unistd.h>

#include "builder.h"
#include "bundle.h"
#include "support.h"

static char *scratch, *mini_bundle, *corpus_bundle;

static int build_bundles(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    mini_bundle = support_path(scratch, "mini.sqlite");
    corpus_bundle = support_path(scratch, "corpus.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options mini = {.source_dir = ROSTRUM_FIXTURES "/sources/mini", .output_path = mini_bundle,
                             .build_time = 1626739200};
    rs_build_options corpus = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = corpus_bundle,
                               .build_time = 1626739200};
    bool ok = rs_build(&mini, diags, NULL) && rs_build(&corpus, diags, NULL);
    rs_diags_print(diags, stderr);
    rs_diags_destroy(diags);
    return ok ? 0 : -1;
}

static int remove_bundles(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch), free(mini_bundle), free(corpus_bundle);
    return 0;
}

/* ---- bad bundles ---- */

/* A copy of the mini bundle at scratch/name. Caller frees the path. */
static char *copy_of_mini(const char *name, size_t keep_bytes)
{
    size_t size;
    char *data = support_read_file(mini_bundle, &size);
    char *path = support_path(scratch, name);
    support_write_file(path, data, keep_bytes && keep_bytes < size ? keep_bytes : size);
    free(data);
    return path;
}

static void alter(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *error = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK)
        fail_msg("%s: %s", sql, error);
    sqlite3_close(db);
}

/* Opens path and expects failure with exactly "Cannot open the bundle PATH: reason". */
static void expect_open_error(const char *path, const char *reason)
{
    char error[1024], want[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    assert_null(bundle);
    snprintf(want, sizeof want, "Cannot open the bundle %s: %s", path, reason);
    assert_string_equal(error, want);
}

static void test_open_good(void **state)
{
    (void)state;
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(mini_bundle, error, sizeof error);
    assert_non_null(bundle);
    assert_string_equal(rs_bundle_meta(bundle, "title"), "Test collection");
    assert_string_equal(rs_bundle_meta(bundle, "statement_count"), "5");
    assert_null(rs_bundle_meta(bundle, "no-such-key"));
    assert_true(rs_bundle_verify(bundle, error, sizeof error));
    rs_bundle_close(bundle);
}

static void test_missing_empty_foreign(void **state)
{
    (void)state;
    char *path = support_path(scratch, "nothing-here.sqlite");
    expect_open_error(path, "there is no such file. Check the path, or copy the bundle there.");
    support_write_file(path, "", 0);
    expect_open_error(path, "the file is empty. Copy the bundle again.");
    support_write_text(scratch, "nothing-here.sqlite", "title: this is a source file, not a bundle\n");
    expect_open_error(path, "this is not a Rostrum bundle (not an SQLite database). Build one with rostrum-bundle build.");
    expect_open_error(scratch, "it is not a regular file.");
    unlink(path);
    free(path);
}

static void test_truncated(void **state)
{
    (void)state;
    size_t size;
    free(support_read_file(mini_bundle, &size));
    char full[32], message[256];
    snprintf(full, sizeof full, "%zu", size);

    char *path = copy_of_mini("cut.sqlite", 50);
    expect_open_error(path, "the file is truncated (found 50 bytes, less than a database header). Copy the bundle again.");
    free(path);

    /* Cut after one page, in the middle, and one page short. */
    size_t cuts[] = {4096, (size / 4096 / 2) * 4096, size - 4096};
    for (size_t i = 0; i < 3; i++) {
        path = copy_of_mini("cut.sqlite", cuts[i]);
        char expected_text[32], found_text[32];
        /* numbers with thousands separators, as a person reads them */
        snprintf(expected_text, sizeof expected_text, "%zu,%03zu", size / 1000, size % 1000);
        snprintf(found_text, sizeof found_text, "%zu,%03zu", cuts[i] / 1000, cuts[i] % 1000);
        snprintf(message, sizeof message, "the file is truncated (expected %s bytes, found %s). Copy the bundle again.",
                 expected_text, found_text);
        expect_open_error(path, message);
        free(path);
    }
    /* Not a whole number of pages, with a header that does not give the size. */
    path = copy_of_mini("cut.sqlite", size - 100);
    {
        FILE *f = fopen(path, "r+b");
        fseek(f, 92, SEEK_SET);
        fputc(0x7F, f); /* version-valid-for no longer matches: the size in the header is not trusted */
        fclose(f);
    }
    size_t cut = size - 100;
    snprintf(message, sizeof message,
             "the file is truncated (found %zu,%03zu bytes, not a whole number of 4096-byte pages). Copy the bundle again.",
             cut / 1000, cut % 1000);
    expect_open_error(path, message);
    free(path);
}

static void test_zeroed_pages(void **state)
{
    (void)state;
    size_t size;
    char *data = support_read_file(mini_bundle, &size);
    char *path = support_path(scratch, "zeroed.sqlite");

    /* Page 1 holds the header: without it the file is no database at all. */
    memset(data, 0, 4096);
    support_write_file(path, data, size);
    expect_open_error(path, "this is not a Rostrum bundle (not an SQLite database). Build one with rostrum-bundle build.");
    free(data);

    /* A zeroed page further in opens, but the deeper check finds it. */
    data = support_read_file(mini_bundle, &size);
    memset(data + 4096 * 3, 0, 4096);
    support_write_file(path, data, size);
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    assert_non_null(bundle);
    assert_false(rs_bundle_verify(bundle, error, sizeof error));
    char prefix[1024];
    snprintf(prefix, sizeof prefix, "Cannot open the bundle %s: the file is damaged (", path);
    assert_int_equal(strncmp(error, prefix, strlen(prefix)), 0);
    assert_string_equal(error + strlen(error) - strlen("). Copy the bundle again."), "). Copy the bundle again.");
    rs_bundle_close(bundle);
    free(data);
    free(path);
}

static void test_foreign_and_newer(void **state)
{
    (void)state;
    char *path = copy_of_mini("foreign.sqlite", 0);
    alter(path, "PRAGMA application_id = 42");
    expect_open_error(path, "this SQLite database is not a Rostrum bundle (application id 0x0000002A, expected "
                            "0x52535452). Build one with rostrum-bundle build.");
    free(path);

    path = copy_of_mini("newer.sqlite", 0);
    alter(path, "PRAGMA user_version = 2");
    expect_open_error(path, "the bundle is format version 2, newer than this Rostrum reads (version 1). Update Rostrum, "
                            "or build the bundle with this version's rostrum-bundle.");
    free(path);

    path = copy_of_mini("unversioned.sqlite", 0);
    alter(path, "PRAGMA user_version = 0");
    expect_open_error(path, "the bundle has no format version; it was not finished by rostrum-bundle. Build it again.");
    free(path);

    path = support_path(scratch, "plain.sqlite");
    alter(path, "CREATE TABLE t(x)");
    expect_open_error(path, "this SQLite database is not a Rostrum bundle (application id 0x00000000, expected "
                            "0x52535452). Build one with rostrum-bundle build.");
    free(path);

    path = copy_of_mini("wal.sqlite", 0);
    alter(path, "PRAGMA journal_mode = WAL");
    expect_open_error(path, "the bundle is in write-ahead-log mode, which bundles never use. Rebuild it with "
                            "rostrum-bundle build.");
    free(path);
}

static void test_tampered_schema(void **state)
{
    (void)state;
    char *path = copy_of_mini("trigger.sqlite", 0);
    alter(path, "CREATE TRIGGER t_evil AFTER INSERT ON outlet BEGIN DELETE FROM outlet; END");
    expect_open_error(path, "the bundle contains a trigger ('t_evil'), which a bundle never has; it may have been "
                            "tampered with. Build it again with rostrum-bundle.");
    free(path);

    path = copy_of_mini("view.sqlite", 0);
    alter(path, "CREATE VIEW v_evil AS SELECT * FROM statement");
    expect_open_error(path, "the bundle contains a view ('v_evil'), which a bundle never has; it may have been "
                            "tampered with. Build it again with rostrum-bundle.");
    free(path);

    path = copy_of_mini("missing-table.sqlite", 0);
    alter(path, "DROP TABLE country_role");
    expect_open_error(path, "the bundle has no 'country_role' table. Build it again with rostrum-bundle.");
    free(path);

    path = copy_of_mini("newer-meta.sqlite", 0);
    alter(path, "UPDATE meta SET value = '7' WHERE key = 'format_version'");
    expect_open_error(path, "its metadata says format version '7', expected 1. Build it again with rostrum-bundle.");
    free(path);

    /* Counts that do not match the rows: opens, fails the deeper check. */
    path = copy_of_mini("miscounted.sqlite", 0);
    alter(path, "UPDATE meta SET value = '6' WHERE key = 'statement_count'");
    char error[1024], want[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    assert_non_null(bundle);
    assert_false(rs_bundle_verify(bundle, error, sizeof error));
    snprintf(want, sizeof want,
             "Cannot open the bundle %s: its metadata counts 6 statements but it holds 5. Build it again with "
             "rostrum-bundle.",
             path);
    assert_string_equal(error, want);
    rs_bundle_close(bundle);
    free(path);
}

/* The bundle's bytes do not change and no journal appears when reading. */
static void test_never_written(void **state)
{
    (void)state;
    char *dir = support_path(scratch, "readonly");
    mkdir(dir, 0755);
    char *path = support_path(dir, "b.sqlite");
    size_t size;
    char *before = support_read_file(mini_bundle, &size);
    support_write_file(path, before, size);
    chmod(path, 0444);
    chmod(dir, 0555);
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    assert_non_null(bundle);
    rs_search_results results;
    assert_true(rs_bundle_search(bundle, "accuse", 0, 10, &results, error, sizeof error));
    rs_search_results_clear(&results);
    assert_true(rs_bundle_verify(bundle, error, sizeof error));
    rs_bundle_close(bundle);
    size_t after_size;
    char *after = support_read_file(path, &after_size);
    assert_int_equal(after_size, size);
    assert_memory_equal(after, before, size);
    char *journal = support_path(dir, "b.sqlite-journal"), *wal = support_path(dir, "b.sqlite-wal");
    assert_false(support_exists(journal));
    assert_false(support_exists(wal));
    chmod(dir, 0755);
    free(journal), free(wal), free(after), free(before), free(path), free(dir);
}

/* ---- facets ---- */

static void test_facets(void **state)
{
    (void)state;
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(corpus_bundle, error, sizeof error);
    assert_non_null(bundle);
    rs_facet_list list;
    assert_true(rs_bundle_years(bundle, &list));
    assert_int_equal(list.count, 3);
    assert_string_equal(list.items[0].key, "2021");
    assert_int_equal(list.items[0].count, 3);
    assert_string_equal(list.items[2].key, "2019");
    rs_facet_list_clear(&list);
    assert_true(rs_bundle_countries(bundle, &list));
    assert_int_equal(list.count, 5);
    const char *names[] = {"China", "Norway", "Russian Federation", "United Kingdom", "United States"};
    const int64_t counts[] = {5, 1, 1, 4, 3};
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(list.items[i].label, names[i]);
        assert_int_equal(list.items[i].count, counts[i]);
    }
    rs_facet_list_clear(&list);
    assert_true(rs_bundle_incidents(bundle, &list));
    assert_int_equal(list.count, 3);
    assert_string_equal(list.items[0].key, "norwegian-software-firm-breach-2019");
    assert_string_equal(list.items[0].date, "2019-02");
    assert_string_equal(list.items[2].label, "Microsoft Exchange Server hack");
    assert_int_equal(list.items[2].count, 3);
    rs_facet_list_clear(&list);
    rs_bundle_close(bundle);
}

/* ---- search ---- */

/* Slugs of the hits, comma-separated. */
static char *search_slugs(const char *bundle_path, const char *query)
{
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(bundle_path, error, sizeof error);
    assert_non_null(bundle);
    rs_search_results results;
    if (!rs_bundle_search(bundle, query, 0, 50, &results, error, sizeof error))
        fail_msg("%s", error);
    char *out = calloc(1, 4096);
    for (size_t i = 0; i < results.count; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, results.items[i].slug);
    }
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    return out;
}

static void expect_search(const char *bundle_path, const char *query, const char *expected)
{
    char *got = search_slugs(bundle_path, query);
    if (strcmp(got, expected) != 0)
        fail_msg("search '%s': got '%s', want '%s'", query, got, expected);
    free(got);
}

static void test_search_english(void **state)
{
    (void)state;
    expect_search(corpus_bundle, "Exchange",
                  "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2021-07-20-embassy-exchange-accusation,"
                  "embassy-2021-07-20-exchange-accusation");
    expect_search(corpus_bundle, "exchange", /* case does not matter */
                  "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2021-07-20-embassy-exchange-accusation,"
                  "embassy-2021-07-20-exchange-accusation");
    expect_search(corpus_bundle, "WannaCry", "xinhua-2019-02-12-stop-tarnishing-china");
    expect_search(corpus_bundle, "vaccine", "embassy-2020-covid-19-research-remarks");
    expect_search(corpus_bundle, "Norwegian software", "xinhua-2019-02-12-stop-tarnishing-china");
    expect_search(corpus_bundle, "Norwegian WannaCry Exchange", "");
    /* Inflections: "accuse" finds "accusation(s)" and "accused"; "hack" finds "hacking", "hackers". */
    expect_search(mini_bundle, "accuse", "alpha");
    expect_search(mini_bundle, "accusation", "alpha");
    expect_search(mini_bundle, "hack", "alpha");
    expect_search(mini_bundle, "server", "delta");
}

static void test_search_cjk_and_cyrillic(void **state)
{
    (void)state;
    expect_search(mini_bundle, "网络", "beta");
    expect_search(mini_bundle, "网络安全", "beta");
    expect_search(mini_bundle, "华", "beta");
    expect_search(mini_bundle, "莹", "beta");
    expect_search(mini_bundle, "华春莹", "beta");
    expect_search(mini_bundle, "安网", "");
    expect_search(mini_bundle, "хакеры", "gamma");
    expect_search(mini_bundle, "ХАКЕРЫ", "gamma");
}

static void test_search_odd_queries(void **state)
{
    (void)state;
    /* Punctuation alone, FTS5 syntax and quotes are words, never errors. */
    expect_search(mini_bundle, "...", "");
    expect_search(mini_bundle, "\"", "");
    expect_search(mini_bundle, "。，", "");
    expect_search(mini_bundle, "accuse OR delta", "");
    expect_search(mini_bundle, "title:alpha", "");
    expect_search(mini_bundle, "NEAR(accuse", "");
    expect_search(mini_bundle, "   ", "");
    expect_search(mini_bundle, "accuse*", "alpha");
}

static void test_search_snippets(void **state)
{
    (void)state;
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(mini_bundle, error, sizeof error);
    rs_search_results results;
    assert_true(rs_bundle_search(bundle, "网络", 0, 10, &results, error, sizeof error));
    assert_int_equal(results.count, 1);
    assert_string_equal(results.items[0].title, "外交部发言人华春莹谈网络安全");
    assert_string_equal(results.items[0].outlet, "新华社");
    assert_string_equal(results.items[0].date, "2021-07");
    assert_string_equal(results.items[0].snippet,
                        "中方坚决反对。\x02网络\x03安全是全球性问题，应由各国共同维护…");
    rs_search_results_clear(&results);
    assert_true(rs_bundle_search(bundle, "accuse", 0, 10, &results, error, sizeof error));
    assert_string_equal(results.items[0].snippet,
                        "The \x02" "accusations\x03 were made on Monday.\nThey are hacking allegations.\n\nSecond "
                        "paragraph, with “quotes” and an ellipsis…");
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
}

/* ---- the commands ---- */

static void test_check_command(void **state)
{
    (void)state;
    char command[1024], *output, want[4096];
    snprintf(command, sizeof command, "'%s' check '%s'", ROSTRUM_BUNDLE_TOOL, corpus_bundle);
    assert_int_equal(support_run(command, &output), 0);
    snprintf(want, sizeof want,
             "Bundle       %s\n"
             "Title        Answering accusations of state hacking, 2019–2021\n"
             "Format       version 1, built 2021-07-20T00:00:00Z by rostrum-bundle " ROSTRUM_VERSION "\n"
             "Statements   5, dated 2019-02-12 to 2021-07-20, 0 undated\n"
             "Languages    en\n"
             "Years        3\n"
             "  2021 (3)\n"
             "  2020 (1)\n"
             "  2019 (1)\n"
             "Countries    5\n"
             "  CN  China (5)\n"
             "  NO  Norway (1)\n"
             "  RU  Russian Federation (1)\n"
             "  GB  United Kingdom (4)\n"
             "  US  United States (3)\n"
             "Incidents    3\n"
             "  2019-02    norwegian-software-firm-breach-2019  Reported breach of a Norwegian software firm (1)\n"
             "  2020       covid-19-research-hacking-2020  Accusations of hacking COVID-19 research (1)\n"
             "  2021-03    microsoft-exchange-server-hack-2021  Microsoft Exchange Server hack (3)\n"
             "OK\n",
             corpus_bundle);
    assert_string_equal(output, want);
    free(output);

    char *path = copy_of_mini("cli-trigger.sqlite", 0);
    alter(path, "CREATE TRIGGER t_evil AFTER INSERT ON outlet BEGIN DELETE FROM outlet; END");
    snprintf(command, sizeof command, "'%s' check '%s'", ROSTRUM_BUNDLE_TOOL, path);
    assert_int_equal(support_run(command, &output), 1);
    snprintf(want, sizeof want,
             "Cannot open the bundle %s: the bundle contains a trigger ('t_evil'), which a bundle never has; it may "
             "have been tampered with. Build it again with rostrum-bundle.\n",
             path);
    assert_string_equal(output, want);
    free(output);
    free(path);
}

static void test_search_command(void **state)
{
    (void)state;
    char command[1024], *output;
    snprintf(command, sizeof command, "'%s' search '%s' WannaCry", ROSTRUM_BUNDLE_TOOL, corpus_bundle);
    assert_int_equal(support_run(command, &output), 0);
    assert_string_equal(output,
                        "1 match for \"WannaCry\"\n"
                        "1. xinhua-2019-02-12-stop-tarnishing-china  2019-02-12  Xinhua\n"
                        "   China urges relevant countries to stop tarnishing China on cybersecurity\n"
                        "   …never forget the 'PRISM Program,' the 'Equation Group' and the worldwide [WannaCry] "
                        "ransomware attack, which was caused by certain country's development of offensive…\n");
    free(output);
    snprintf(command, sizeof command, "'%s' search '%s' zebra", ROSTRUM_BUNDLE_TOOL, corpus_bundle);
    assert_int_equal(support_run(command, &output), 0);
    assert_string_equal(output, "0 matches for \"zebra\"\n");
    free(output);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_good),         cmocka_unit_test(test_missing_empty_foreign),
        cmocka_unit_test(test_truncated),         cmocka_unit_test(test_zeroed_pages),
        cmocka_unit_test(test_foreign_and_newer), cmocka_unit_test(test_tampered_schema),
        cmocka_unit_test(test_never_written),     cmocka_unit_test(test_facets),
        cmocka_unit_test(test_search_english),    cmocka_unit_test(test_search_cjk_and_cyrillic),
        cmocka_unit_test(test_search_odd_queries), cmocka_unit_test(test_search_snippets),
        cmocka_unit_test(test_check_command),     cmocka_unit_test(test_search_command),
    };
    return cmocka_run_group_tests(tests, build_bundles, remove_bundles);
}
