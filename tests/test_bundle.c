/* The query layer: opening good and bad bundles (each with its exact reason),
 * the deeper checks, facets, and full-text search in English, Chinese and
 * Russian; browsing (months, every list kind at every edge, statements,
 * incidents, countries); hostile bundles that hold invalid UTF-8, NULLs,
 * impossible codes, ranges and positions; and the `check` and `search`
 * commands' exact output. */
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
#include "bundle_format.h"
#include "support.h"

static char *scratch, *mini_bundle, *corpus_bundle, *languages_bundle, *thread_bundle, *stemming_bundle;

static int build_bundles(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    mini_bundle = support_path(scratch, "mini.sqlite");
    corpus_bundle = support_path(scratch, "corpus.sqlite");
    languages_bundle = support_path(scratch, "languages.sqlite");
    thread_bundle = support_path(scratch, "thread.sqlite");
    stemming_bundle = support_path(scratch, "stemming.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options mini = {.source_dir = ROSTRUM_FIXTURES "/sources/mini", .output_path = mini_bundle,
                             .build_time = 1626739200};
    rs_build_options corpus = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = corpus_bundle,
                               .build_time = 1626739200};
    rs_build_options languages = {.source_dir = ROSTRUM_FIXTURES "/sources/languages",
                                  .output_path = languages_bundle, .build_time = 1626739200};
    rs_build_options thread = {.source_dir = ROSTRUM_FIXTURES "/sources/thread", .output_path = thread_bundle,
                               .build_time = 1626739200};
    rs_build_options stemming = {.source_dir = ROSTRUM_FIXTURES "/sources/stemming", .output_path = stemming_bundle,
                                 .build_time = 1626739200};
    bool ok = rs_build(&mini, diags, NULL) && rs_build(&corpus, diags, NULL) && rs_build(&languages, diags, NULL) &&
              rs_build(&thread, diags, NULL) && rs_build(&stemming, diags, NULL);
    rs_diags_print(diags, stderr);
    rs_diags_destroy(diags);
    return ok ? 0 : -1;
}

static int remove_bundles(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch), free(mini_bundle), free(corpus_bundle), free(languages_bundle), free(thread_bundle);
    free(stemming_bundle);
    return 0;
}

/* ---- bad bundles ---- */

static rs_bundle *open_or_fail(const char *path);

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
    expect_open_error(scratch, "it is a directory, not a regular file. Give the path of a bundle file built by "
                               "rostrum-bundle.");
    unlink(path);
    free(path);
}

/* A FIFO as the bundle hung the viewer and `check` for ever (its header
 * was read before fstat); /dev/zero and /dev/null were "not a regular
 * file" at best. Each is refused at once, by kind; alarm() turns a hang
 * back into a failure. */
static void test_special_files(void **state)
{
    (void)state;
    char *fifo = support_path(scratch, "fifo.sqlite");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    alarm(20);
    expect_open_error(fifo, "it is a FIFO, not a regular file. Give the path of a bundle file built by rostrum-bundle.");
    expect_open_error("/dev/zero", "it is a character device, not a regular file. Give the path of a bundle file "
                                   "built by rostrum-bundle.");
    expect_open_error("/dev/null", "it is a character device, not a regular file. Give the path of a bundle file "
                                   "built by rostrum-bundle.");
    char command[1024], *output, want[1024];
    snprintf(command, sizeof command, "timeout 10 '%s' check '%s'", ROSTRUM_BUNDLE_TOOL, fifo);
    assert_int_equal(support_run(command, &output), 1);
    snprintf(want, sizeof want,
             "Cannot open the bundle %s: it is a FIFO, not a regular file. Give the path of a bundle file built by "
             "rostrum-bundle.\n",
             fifo);
    assert_string_equal(output, want);
    free(output);
    alarm(0);
    unlink(fifo);
    free(fifo);
}

static void test_truncated(void **state)
{
    (void)state;
    size_t size;
    free(support_read_file(mini_bundle, &size));
    char full[32], message[256];
    snprintf(full, sizeof full, "%zu", size);

    char *path = support_copy_file(mini_bundle, scratch, "cut.sqlite", 50);
    expect_open_error(path, "the file is truncated (found 50 bytes, less than a database header). Copy the bundle again.");
    free(path);

    /* Cut after one page, in the middle, and one page short. */
    size_t cuts[] = {4096, (size / 4096 / 2) * 4096, size - 4096};
    for (size_t i = 0; i < 3; i++) {
        path = support_copy_file(mini_bundle, scratch, "cut.sqlite", cuts[i]);
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
    path = support_copy_file(mini_bundle, scratch, "cut.sqlite", size - 100);
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
    char *path = support_copy_file(mini_bundle, scratch, "foreign.sqlite", 0);
    support_sql(path, "PRAGMA application_id = 42");
    expect_open_error(path, "this SQLite database is not a Rostrum bundle (application id 0x0000002A, expected "
                            "0x52535452). Build one with rostrum-bundle build.");
    free(path);

    path = support_copy_file(mini_bundle, scratch, "newer.sqlite", 0);
    support_sql(path, "PRAGMA user_version = 6");
    expect_open_error(path, "the bundle is format version 6, newer than this Rostrum reads (version 5). Update Rostrum, "
                            "or build the bundle with this version's rostrum-bundle.");
    free(path);

    /* A bundle of format version 1 lacks what search and the reader now
     * need: one line that says how to fix it. */
    path = support_copy_file(mini_bundle, scratch, "older.sqlite", 0);
    support_sql(path, "PRAGMA user_version = 1");
    expect_open_error(path, "the bundle is format version 1, older than this Rostrum reads (version 5). Rebuild it "
                            "from its sources with rostrum-bundle build.");
    free(path);

    path = support_copy_file(mini_bundle, scratch, "unversioned.sqlite", 0);
    support_sql(path, "PRAGMA user_version = 0");
    expect_open_error(path, "the bundle has no format version; it was not finished by rostrum-bundle. Build it again.");
    free(path);

    path = support_path(scratch, "plain.sqlite");
    support_sql(path, "CREATE TABLE t(x)");
    expect_open_error(path, "this SQLite database is not a Rostrum bundle (application id 0x00000000, expected "
                            "0x52535452). Build one with rostrum-bundle build.");
    free(path);

    path = support_copy_file(mini_bundle, scratch, "wal.sqlite", 0);
    support_sql(path, "PRAGMA journal_mode = WAL");
    expect_open_error(path, "the bundle is in write-ahead-log mode, which bundles never use. Rebuild it with "
                            "rostrum-bundle build.");
    free(path);
}

static void test_tampered_schema(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "trigger.sqlite", 0);
    support_sql(path, "CREATE TRIGGER t_evil AFTER INSERT ON outlet BEGIN DELETE FROM outlet; END");
    expect_open_error(path, "the bundle contains a trigger ('t_evil'), which a bundle never has; it may have been "
                            "tampered with. Build it again with rostrum-bundle.");
    free(path);

    path = support_copy_file(mini_bundle, scratch, "view.sqlite", 0);
    support_sql(path, "CREATE VIEW v_evil AS SELECT * FROM statement");
    expect_open_error(path, "the bundle contains a view ('v_evil'), which a bundle never has; it may have been "
                            "tampered with. Build it again with rostrum-bundle.");
    free(path);

    path = support_copy_file(mini_bundle, scratch, "missing-table.sqlite", 0);
    support_sql(path, "DROP TABLE country_role");
    expect_open_error(path, "the bundle has no 'country_role' table. Build it again with rostrum-bundle.");
    free(path);

    /* The statements' texts are a table of their own: a bundle without it
     * (as format 2's builder wrote before the texts moved) is refused. */
    path = support_copy_file(mini_bundle, scratch, "no-texts.sqlite", 0);
    support_sql(path, "DROP TABLE statement_text");
    expect_open_error(path, "the bundle has no 'statement_text' table. Build it again with rostrum-bundle.");
    free(path);

    path = support_copy_file(mini_bundle, scratch, "newer-meta.sqlite", 0);
    support_sql(path, "UPDATE meta SET value = '7' WHERE key = 'format_version'");
    expect_open_error(path, "its metadata says format version '7', expected 5. Build it again with rostrum-bundle.");
    free(path);

    /* Counts that do not match the rows: opens, fails the deeper check. */
    path = support_copy_file(mini_bundle, scratch, "miscounted.sqlite", 0);
    support_sql(path, "UPDATE meta SET value = '6' WHERE key = 'statement_count'");
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

    /* A statement whose text is missing: the lists still read, the statement
     * does not open, and the deeper check names what is wrong. */
    path = support_copy_file(mini_bundle, scratch, "textless.sqlite", 0);
    support_sql(path, "DELETE FROM statement_text WHERE id = 3");
    bundle = open_or_fail(path);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &(rs_list_spec){.kind = RS_LIST_ALL, .role = -1}, 0, 10, &rows));
    assert_int_equal(rows.count, 5);
    rs_statement_rows_clear(&rows);
    rs_statement s;
    assert_false(rs_bundle_statement(bundle, 3, &s));
    assert_null(s.title);
    assert_true(rs_bundle_statement(bundle, 2, &s));
    rs_statement_clear(&s);
    assert_false(rs_bundle_verify(bundle, error, sizeof error));
    snprintf(want, sizeof want,
             "Cannot open the bundle %s: it holds 5 statements but 4 statement texts; the bundle may have been "
             "tampered with. Build it again with rostrum-bundle.",
             path);
    assert_string_equal(error, want);
    rs_bundle_close(bundle);
    /* As many texts as statements, but one of them belongs to none. */
    support_sql(path, "INSERT INTO statement_text(id, title, lede, body) VALUES(99, 'Stray', 'Stray text.', 'Stray text.')");
    bundle = open_or_fail(path);
    assert_false(rs_bundle_verify(bundle, error, sizeof error));
    snprintf(want, sizeof want,
             "Cannot open the bundle %s: statement 3 has no text; the bundle may have been tampered with. Build it "
             "again with rostrum-bundle.",
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

/* What the builder writes passes the deep checks (translations, same_as
 * groups, undated statements, every list), and they leave the connection
 * as they found it: a second verify (its temporary table dropped) and a
 * search still work. */
static void test_verify_builder_output(void **state)
{
    (void)state;
    const char *paths[] = {mini_bundle, corpus_bundle, languages_bundle, thread_bundle};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char error[1024] = "";
        rs_bundle *bundle = rs_bundle_open(paths[i], error, sizeof error);
        assert_non_null(bundle);
        if (!rs_bundle_verify(bundle, error, sizeof error))
            fail_msg("%s", error);
        assert_true(rs_bundle_verify(bundle, error, sizeof error));
        rs_search_results results;
        assert_true(rs_bundle_search(bundle, "accuse", 0, 10, &results, error, sizeof error));
        rs_search_results_clear(&results);
        rs_bundle_close(bundle);
    }
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
    assert_int_equal(list.count, 16); /* with the parties of events only */
    const char *names[] = {"Australia", "Canada", "China", "European Union", "Iran", "Japan", "Microsoft",
                           "New Zealand", "North Atlantic Treaty Organization", "North Korea", "Norway", "Rapid7",
                           "Recorded Future", "Russian Federation", "United Kingdom", "United States"};
    const int64_t counts[] = {0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 4, 3};
    for (size_t i = 0; i < 16; i++) {
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
    rs_facet latest;
    assert_true(rs_bundle_latest_incident(bundle, &latest));
    assert_string_equal(latest.key, "microsoft-exchange-server-hack-2021");
    assert_string_equal(latest.label, "Microsoft Exchange Server hack");
    assert_string_equal(latest.date, "2021-03");
    assert_int_equal(latest.count, 3);
    rs_facet_clear(&latest);
    assert_null(latest.label);
    rs_bundle_close(bundle);
}


/* Country names in the viewer's languages, from iso-codes' translations,
 * in the order each language sorts them (name_order, by ICU in the
 * builder): Chinese by pinyin (Han before Latin, CLDR's "[reorder Hani]"),
 * Russian alphabetically (Cyrillic first), Arabic alphabetically (the
 * alef forms أ ا إ one letter, so أستراليا, الصّين, إيران), French with
 * its accents (États-Unis among the E's); English where the bundle has no
 * name, and in English order for a language it has no order for. */
#define ENGLISH_CODES {"AU", "CA", "CN", "EU", "IR", "JP", "MSFT", "NZ", "NATO", "KP", "NO", "RAPID7", "RECFUTURE", \
                       "RU", "GB", "US"}
#define ENGLISH_NAMES {"Australia", "Canada", "China", "European Union", "Iran", "Japan", "Microsoft", "New Zealand", \
                       "North Atlantic Treaty Organization", "North Korea", "Norway", "Rapid7", "Recorded Future", \
                       "Russian Federation", "United Kingdom", "United States"}
static void test_country_names_by_language(void **state)
{
    (void)state;
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(corpus_bundle, error, sizeof error);
    assert_non_null(bundle);
    static const struct {
        const char *language;
        const char *codes[16], *names[16];
    } expected[] = {
        {"zh_CN", /* Àodàlìyà, Běidàxīyáng, Cháoxiǎn, Éluósī, Jiānádà, Měiguó, Nuówēi, Ōuzhōu, Rìběn, Wēiruǎn,
                     Xīnxīlán, Yīlǎng, Yīngguó, Zhōngguó */
         {"AU", "NATO", "KP", "RU", "CA", "US", "NO", "EU", "JP", "MSFT", "NZ", "IR", "GB", "CN", "RAPID7",
          "RECFUTURE"},
         {"澳大利亚", "北大西洋公约组织", "朝鲜", "俄罗斯", "加拿大", "美国", "挪威", "欧洲联盟", "日本", "微软公司",
          "新西兰", "伊朗", "英国", "中国", "Rapid7", "Recorded Future"}},
        {"ru", /* iso-codes translates Iran's ISO name, "Iran, Islamic Republic of", not "Iran" */
         {"AU", "EU", "IR", "CA", "CN", "NZ", "NO", "NATO", "RU", "KP", "GB", "US", "JP", "MSFT", "RAPID7",
          "RECFUTURE"},
         {"Австралия", "Европейский союз", "Иран", "Канада", "Китай", "Новая Зеландия", "Норвегия",
          "Организация Североатлантического договора", "Российская Федерация", "Северная Корея",
          "Соединённое Королевство", "Соединённые штаты", "Япония", "Microsoft", "Rapid7", "Recorded Future"}},
        {"ar",
         {"AU", "RU", "CN", "GB", "NO", "US", "JP", "IR", "CA", "KP", "NZ", "EU", "MSFT", "NATO", "RAPID7",
          "RECFUTURE"},
         {"أستراليا", "الاتّحاد الرّوسي", "الصّين", "المملكة المتّحدة", "النّرويج", "الولايات المتّحدة", "اليابان",
          "إيران، الجمهوريّة الإسلاميّة الإيرانيّة", "كندا", "كوريا، جمهورية كوريا الشّعبيّة الدّيموقراطيّة",
          "نيوزيلاندا", "European Union", "Microsoft", "North Atlantic Treaty Organization", "Rapid7",
          "Recorded Future"}},
        {"fr",
         {"AU", "CA", "CN", "KP", "US", "EU", "IR", "JP", "MSFT", "NATO", "NO", "NZ", "RAPID7", "RECFUTURE", "GB",
          "RU"},
         {"Australie", "Canada", "Chine", "Corée du Nord", "États-Unis", "European Union",
          "Iran, République islamique d'", "Japon", "Microsoft", "North Atlantic Treaty Organization", "Norvège",
          "Nouvelle-Zélande", "Rapid7", "Recorded Future", "Royaume-Uni", "Russie, Fédération de"}},
        {"es", /* "China" translates to itself */
         {"AU", "CA", "CN", "KP", "US", "EU", "RU", "IR", "JP", "MSFT", "NATO", "NO", "NZ", "RAPID7", "RECFUTURE",
          "GB"},
         {"Australia", "Canadá", "China", "Corea, República Democrática Popular de", "Estados Unidos",
          "European Union", "Federación Rusa", "Irán, República islámica de", "Japón", "Microsoft",
          "North Atlantic Treaty Organization", "Noruega", "Nueva Zelanda", "Rapid7", "Recorded Future",
          "Reino Unido"}},
        {"en", ENGLISH_CODES, ENGLISH_NAMES},
        {"de", ENGLISH_CODES, ENGLISH_NAMES}, /* none in the bundle: English names, English order */
    };
    for (size_t l = 0; l < sizeof expected / sizeof expected[0]; l++) {
        rs_bundle_set_language(bundle, expected[l].language);
        rs_facet_list list;
        assert_true(rs_bundle_countries(bundle, &list));
        assert_int_equal(list.count, 16);
        for (size_t i = 0; i < 16; i++) {
            assert_string_equal(list.items[i].key, expected[l].codes[i]);
            assert_string_equal(list.items[i].label, expected[l].names[i]);
        }
        rs_facet_list_clear(&list);
    }
    rs_bundle_set_language(bundle, "zh_CN");
    rs_country_detail gb;
    assert_true(rs_bundle_country(bundle, "GB", &gb));
    assert_string_equal(gb.name, "英国");
    rs_country_detail_clear(&gb);
    int64_t id = rs_bundle_statement_id(bundle, "embassy-2021-07-20-exchange-accusation");
    rs_statement st;
    assert_true(rs_bundle_statement(bundle, id, &st));
    assert_int_equal(st.country_count, 3);
    assert_string_equal(st.countries[0].name, "中国");
    assert_string_equal(st.countries[1].name, "英国");
    assert_string_equal(st.countries[2].name, "美国");
    rs_statement_clear(&st);
    rs_bundle_set_language(bundle, "bad'; --"); /* names no language: English */
    assert_true(rs_bundle_country(bundle, "GB", &gb));
    assert_string_equal(gb.name, "United Kingdom");
    rs_country_detail_clear(&gb);
    rs_bundle_set_language(bundle, NULL);
    rs_bundle_close(bundle);
}

/* The latest incident is the dated one with the latest date, ties by name;
 * an undated incident never is, though it sorts last in the list. */
static void test_latest_incident(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    rs_facet_list list;
    assert_true(rs_bundle_incidents(bundle, &list));
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[1].key, "unused-incident"); /* undated: last in the list */
    rs_facet_list_clear(&list);
    rs_facet latest;
    assert_true(rs_bundle_latest_incident(bundle, &latest));
    assert_string_equal(latest.key, "test-incident");
    assert_string_equal(latest.label, "Test incident");
    assert_string_equal(latest.date, "2020-05");
    rs_facet_clear(&latest);
    rs_bundle_close(bundle);

    /* The same date: the last by name. */
    char *path = support_copy_file(mini_bundle, scratch, "latest-tie.sqlite", 0);
    support_sql(path, "UPDATE incident SET date = '2020-05' WHERE slug = 'unused-incident'");
    bundle = open_or_fail(path);
    assert_true(rs_bundle_latest_incident(bundle, &latest));
    assert_string_equal(latest.key, "unused-incident");
    rs_facet_clear(&latest);
    rs_bundle_close(bundle);
    /* A later date wins whatever its name. */
    support_sql(path, "UPDATE incident SET date = '2021' WHERE slug = 'test-incident'");
    bundle = open_or_fail(path);
    assert_true(rs_bundle_latest_incident(bundle, &latest));
    assert_string_equal(latest.key, "test-incident");
    assert_string_equal(latest.date, "2021");
    rs_facet_clear(&latest);
    rs_bundle_close(bundle);
    /* No dated incident: false, and nothing to free. */
    support_sql(path, "UPDATE incident SET date = NULL");
    bundle = open_or_fail(path);
    latest.key = (char *)"stale";
    assert_false(rs_bundle_latest_incident(bundle, &latest));
    assert_null(latest.key);
    assert_null(latest.label);
    assert_null(latest.date);
    assert_int_equal(latest.count, 0);
    rs_bundle_close(bundle);
    free(path);

    /* One seek at the end of incident_by_date, not a scan and a sort (this
     * is the query layer's Q_LATEST_INCIDENT). */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(mini_bundle, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *plan;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "EXPLAIN QUERY PLAN SELECT slug, name, date, statement_count FROM incident"
                                        " WHERE date IS NOT NULL ORDER BY date DESC, name DESC, id DESC LIMIT 1",
                                        -1, &plan, NULL),
                     SQLITE_OK);
    char details[1024] = "";
    while (sqlite3_step(plan) == SQLITE_ROW) {
        size_t used = strlen(details);
        snprintf(details + used, sizeof details - used, "%s;", (const char *)sqlite3_column_text(plan, 3));
    }
    sqlite3_finalize(plan);
    sqlite3_close(db);
    if (!strstr(details, "USING INDEX incident_by_date") || strstr(details, "TEMP B-TREE"))
        fail_msg("plan: %s", details);
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

/* Slugs the query finds with the UI in language, and the first hit's
 * snippet, as "slug,slug|snippet". */
static char *search_in(const char *language, const char *query)
{
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(stemming_bundle, error, sizeof error);
    assert_non_null(bundle);
    rs_bundle_set_language(bundle, language);
    rs_search_results results;
    if (!rs_bundle_search(bundle, query, 0, 50, &results, error, sizeof error))
        fail_msg("%s", error);
    char *out = calloc(1, 4096);
    for (size_t i = 0; i < results.count; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, results.items[i].slug);
    }
    if (results.count) {
        strcat(out, "|");
        size_t n = strlen(out);
        for (const char *c = results.items[0].snippet; *c && n < 4095; c++)
            out[n++] = *c == RS_MARK_START[0] ? '[' : *c == RS_MARK_END[0] ? ']' : *c;
        out[n] = '\0';
    }
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    return out;
}

#define expect_in(language, query, expected)                                                                           \
    do {                                                                                                               \
        char *got_ = search_in((language), (query));                                                                   \
        if (strcmp(got_, (expected)) != 0)                                                                             \
            fail_msg("search '%s' (UI %s): got '%s', want '%s'", (query), (language), got_, (expected));               \
        free(got_);                                                                                                    \
    } while (0)

/* Each statement is stemmed in its language (format 5; fixture stemming:
 * test data): every case form of a Russian noun finds the others, French
 * and Spanish plurals and verb forms, Arabic with and without its article.
 * A query's Latin words stem in the UI language, with English beside. */
static void test_search_stemming(void **state)
{
    (void)state;
    static const char *const hacker[] = {"хакер", "хакера", "хакеру", "хакером", "хакере",
                                         "хакеры", "хакеров", "хакерам", "хакерах"};
    static const char *const attack[] = {"кибератака", "кибератаки", "кибератаке", "кибератаку", "кибератакой"};
    for (size_t i = 0; i < 9; i++) {
        char *got = search_in("en", hacker[i]);
        if (strncmp(got, "ru-1,ru-2|", 10) != 0 && strncmp(got, "ru-2,ru-1|", 10) != 0)
            fail_msg("'%s' finds %s", hacker[i], got);
        free(got);
    }
    for (size_t i = 0; i < 5; i++) {
        char *got = search_in("ru", attack[i]);
        if (strncmp(got, "ru-1,ru-2|", 10) != 0 && strncmp(got, "ru-2,ru-1|", 10) != 0)
            fail_msg("'%s' finds %s", attack[i], got);
        free(got);
    }
    /* The snippet marks the word as written, whatever form was searched. */
    expect_in("en", "хакеров", "ru-1,ru-2|Это тестовый текст. Сообщается о [хакерах] и о кибератаке на сеть.");
    expect_in("en", "кибератакой", "ru-1,ru-2|Это тестовый текст. Сообщается о хакерах и о [кибератаке] на сеть.");
    expect_in("fr", "attaques", "fr-1|Ceci est un texte d'essai. Le réseau a été [attaqué], et les [attaques] "
                                "continuent.");
    expect_in("fr", "attaquer", "fr-1|Ceci est un texte d'essai. Le réseau a été [attaqué], et les [attaques] "
                                "continuent.");
    expect_in("fr", "attaque", "fr-1|Ceci est un texte d'essai. Le réseau a été [attaqué], et les [attaques] "
                               "continuent.");
    expect_in("en", "attaqué", "fr-1|Ceci est un texte d'essai. Le réseau a été [attaqué], et les [attaques] "
                               "continuent.");
    /* Spanish: the noun's stem (ataqu) is not the verb's (atac). */
    expect_in("es", "ataque", "es-1|Este es un texto de prueba. Los [ataques] siguen, y atacaron la red otra vez.");
    expect_in("es", "ataques", "es-1|Este es un texto de prueba. Los [ataques] siguen, y atacaron la red otra vez.");
    expect_in("es", "atacar", "es-1|Este es un texto de prueba. Los ataques siguen, y [atacaron] la red otra vez.");
    expect_in("es", "atacaron", "es-1|Este es un texto de prueba. Los ataques siguen, y [atacaron] la red otra vez.");
    expect_in("en", "atacar", ""); /* in English, atacar stays atacar */
    /* Arabic, with and without the article. */
    expect_in("ar", "الهجمات", "ar-1|هذا نص تجريبي. تعرضت الشبكة إلى [هجمات] متكررة.");
    expect_in("en", "هجمات", "ar-1|هذا نص تجريبي. تعرضت الشبكة إلى [هجمات] متكررة.");
    expect_in("en", "هجوم", "ar-1|هذا نص تجريبي. تعرضت الشبكة إلى هجمات متكررة.");
    expect_in("en", "الهجوم", "ar-1|هذا نص تجريبي. تعرضت الشبكة إلى هجمات متكررة.");
    expect_in("en", "Angriffe", "de-1|Dies ist ein Testtext. Die [Angriffe] auf das Netz gehen weiter.");
    /* English as before, also in a French or Spanish UI. */
    expect_in("en", "attack", "en-1|This is a test text. The hackers [attacked] the network again.");
    expect_in("fr", "attacking", "en-1|This is a test text. The hackers [attacked] the network again.");
    expect_in("es", "hacker", "en-1|This is a test text. The [hackers] attacked the network again.");
    expect_in("zh_CN", "hackers", "en-1|This is a test text. The [hackers] attacked the network again.");
}

/* Every word of a query is searched: the 17th and later were once dropped
 * without a word, so a query that could not match found statements. */
static void test_search_every_word(void **state)
{
    (void)state;
    char query[512] = "";
    for (int i = 0; i < 16; i++)
        strcat(query, "accuse ");
    char *end = query + strlen(query);
    strcpy(end, "hack");
    expect_search(mini_bundle, query, "alpha");
    strcpy(end, "网络"); /* in beta, not in alpha */
    expect_search(mini_bundle, query, "");
    strcpy(end, "zzzz");
    expect_search(mini_bundle, query, "");
    /* And highlighted, the 17th word too. */
    strcpy(end, "hack");
    rs_bundle *bundle = open_or_fail(mini_bundle);
    rs_range_list ranges;
    const char *text = "They accused hackers of hacking.";
    assert_true(rs_bundle_highlights(bundle, query, text, &ranges));
    assert_int_equal(ranges.count, 2);
    assert_int_equal(ranges.items[0].start, 5), assert_int_equal(ranges.items[0].end, 12);
    assert_int_equal(ranges.items[1].start, 24), assert_int_equal(ranges.items[1].end, 31);
    rs_range_list_clear(&ranges);
    rs_bundle_close(bundle);
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

/* ---- search as the kiosk uses it ---- */

/* Search with flags; the slugs found, and the status and query used. */
static char *typed_slugs(const char *bundle_path, const char *query, unsigned flags, rs_query_status *status,
                         char *used, size_t used_size)
{
    rs_bundle *bundle = open_or_fail(bundle_path);
    rs_search_results results;
    char error[1024];
    if (!rs_bundle_search_with(bundle, query, flags, 0, 50, &results, error, sizeof error))
        fail_msg("%s", error);
    char *out = calloc(1, 4096);
    for (size_t i = 0; i < results.count; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, results.items[i].slug);
    }
    assert_int_equal(results.total, (int64_t)results.count);
    assert_false(results.more);
    *status = results.status;
    snprintf(used, used_size, "%s", results.query_used);
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    return out;
}

static void expect_typed(const char *bundle_path, const char *query, unsigned flags, rs_query_status status,
                         const char *used, const char *expected)
{
    rs_query_status got_status;
    char got_used[256];
    char *got = typed_slugs(bundle_path, query, flags, &got_status, got_used, sizeof got_used);
    if (strcmp(got, expected) != 0 || got_status != status || strcmp(got_used, used) != 0)
        fail_msg("search '%s' (flags %u): got '%s' status %d used '%s', want '%s' status %d used '%s'", query, flags,
                 got, (int)got_status, got_used, expected, (int)status, used);
    free(got);
}

static void test_search_languages(void **state)
{
    (void)state;
    /* English inflections, Chinese by one and two characters, Russian. */
    expect_typed(mini_bundle, "accusation", 0, RS_QUERY_SEARCHED, "accusation", "alpha");
    expect_typed(languages_bundle, "网络", 0, RS_QUERY_SEARCHED, "网络", "zh-test-statement");
    expect_typed(languages_bundle, "网", 0, RS_QUERY_SEARCHED, "网", "zh-test-statement");
    expect_typed(languages_bundle, "华", 0, RS_QUERY_SEARCHED, "华", "en-mixed-scripts");
    expect_typed(languages_bundle, "обвинения", 0, RS_QUERY_SEARCHED, "обвинения", "ru-test-statement");
    expect_typed(languages_bundle, "Москва", 0, RS_QUERY_SEARCHED, "Москва", "en-mixed-scripts");
    expect_typed(languages_bundle, "attack", 0, RS_QUERY_SEARCHED, "attack", "en-test-translation");
    expect_typed(languages_bundle, "cyber 网络", 0, RS_QUERY_SEARCHED, "cyber 网络", "");
}

static void test_search_short_queries(void **state)
{
    (void)state;
    /* Nothing to search: said so, at once, with no rows. */
    expect_typed(corpus_bundle, "", 0, RS_QUERY_BLANK, "", "");
    expect_typed(corpus_bundle, " \t ", RS_QUERY_TYPING, RS_QUERY_BLANK, "", "");
    expect_typed(corpus_bundle, "...", 0, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(corpus_bundle, "“—”, !", RS_QUERY_TYPING, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(languages_bundle, "。，", 0, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(corpus_bundle, "a", 0, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(corpus_bundle, "7", RS_QUERY_TYPING, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(corpus_bundle, "a b", 0, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(corpus_bundle, "h*", 0, RS_QUERY_TOO_SHORT, "", "");
    expect_typed(languages_bundle, "я", 0, RS_QUERY_TOO_SHORT, "", "");
    /* One CJK character is a word. */
    expect_typed(languages_bundle, "网", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "网", "zh-test-statement");
    /* A one-letter word beside a real one is searched as typed. */
    expect_typed(corpus_bundle, "WannaCry a", 0, RS_QUERY_SEARCHED, "WannaCry a",
                 "xinhua-2019-02-12-stop-tarnishing-china");
}

static void test_search_typing(void **state)
{
    (void)state;
    /* The last word is a prefix while typing; not otherwise. */
    expect_typed(corpus_bundle, "hac", 0, RS_QUERY_SEARCHED, "hac", "");
    expect_typed(corpus_bundle, "hac", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "hac*",
                 "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2019-02-12-stop-tarnishing-china");
    expect_typed(corpus_bundle, "hac*", 0, RS_QUERY_SEARCHED, "hac*",
                 "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2019-02-12-stop-tarnishing-china");
    expect_typed(corpus_bundle, "Exch", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "exch*",
                 "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2021-07-20-embassy-exchange-accusation,"
                 "embassy-2021-07-20-exchange-accusation");
    /* Typed past the stem (accus-): shortened until it begins index terms,
     * so the results do not vanish between "accus" and "accusation". */
    const char *accus = "xinhua-2021-07-20-embassy-exchange-accusation,embassy-2021-07-20-exchange-accusation,"
                        "xinhua-2019-02-12-stop-tarnishing-china,mfa-2021-uk-smear-state-sponsored-hackers,"
                        "embassy-2020-covid-19-research-remarks";
    expect_typed(corpus_bundle, "accus", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "accus*", accus);
    expect_typed(corpus_bundle, "accusa", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "accus*", accus);
    expect_typed(corpus_bundle, "accusat", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "accus*", accus);
    /* The first letter of the next word waits for the second. */
    expect_typed(corpus_bundle, "exchange h", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "exchange",
                 "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2021-07-20-embassy-exchange-accusation,"
                 "embassy-2021-07-20-exchange-accusation");
    expect_typed(corpus_bundle, "exchange hac", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "exchange hac*",
                 "mfa-2021-uk-smear-state-sponsored-hackers");
    /* Two letters complete too ("ha": has, have, ...). */
    expect_typed(corpus_bundle, "exchange ha", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "exchange ha*",
                 "mfa-2021-uk-smear-state-sponsored-hackers,xinhua-2021-07-20-embassy-exchange-accusation,"
                 "embassy-2021-07-20-exchange-accusation");
    expect_typed(corpus_bundle, "h", RS_QUERY_TYPING, RS_QUERY_TOO_SHORT, "", "");
    /* Nothing begins with it: searched as it is, found nowhere. */
    expect_typed(corpus_bundle, "zebr", RS_QUERY_TYPING, RS_QUERY_SEARCHED, "zebr", "");
}

/* More matches than are ranked: the newest RS_SEARCH_RANKED, best first
 * (here all score alike, so by id), and the caller is told there are more. */
static void test_search_ranked_bound(void **state)
{
    (void)state;
    char *dir = support_path(scratch, "many"), *out = support_path(scratch, "many.sqlite");
    mkdir(dir, 0755);
    support_write_text(dir, "bundle.yaml", "title: Many\n");
    for (int i = 1; i <= RS_SEARCH_RANKED + 5; i++) {
        char name[32], text[256];
        snprintf(name, sizeof name, "s%04d.txt", i);
        snprintf(text, sizeof text, "---\nid: s%04d\ntitle: Number %d\nlanguage: en\nkind: report\n---\n\nA word.\n",
                 i, i);
        support_write_text(dir, name, text);
    }
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = dir, .output_path = out};
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    rs_bundle *bundle = open_or_fail(out);
    rs_search_results results;
    char error[256];
    assert_true(rs_bundle_search(bundle, "word", 0, 3, &results, error, sizeof error));
    assert_int_equal(results.total, RS_SEARCH_RANKED);
    assert_true(results.more);
    assert_int_equal(results.count, 3);
    assert_string_equal(results.items[0].slug, "s0006");
    assert_string_equal(results.items[2].slug, "s0008");
    rs_search_results_clear(&results);
    /* The next page comes from the same ranking. */
    assert_true(rs_bundle_search(bundle, "word", RS_SEARCH_RANKED - 1, 3, &results, error, sizeof error));
    assert_int_equal(results.count, 1);
    assert_string_equal(results.items[0].slug, "s1005");
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    free(dir), free(out);
}

/* ---- suggestions ---- */

static char *suggestion_text(const char *bundle_path, size_t limit)
{
    rs_bundle *bundle = open_or_fail(bundle_path);
    rs_suggestion_list list;
    assert_true(rs_bundle_suggestions(bundle, limit, &list));
    static const char *const kinds[] = {"incident", "outlet", "speaker", "term"};
    char *text = calloc(1, 8192);
    for (size_t i = 0; i < list.count; i++) {
        const rs_suggestion *s = &list.items[i];
        size_t used = strlen(text);
        snprintf(text + used, 8192 - used, "%s|%s|%s|%s|%lld\n", kinds[s->kind], s->label, s->query, s->language,
                 (long long)s->count);
        /* Each chip finds what it says: an incident's opens the incident
         * (its query is the slug) and counts its statements. */
        if (s->kind == RS_SUGGEST_INCIDENT) {
            rs_incident_detail incident;
            assert_true(rs_bundle_incident(bundle, s->query, &incident));
            assert_int_equal(incident.count, s->count);
            rs_incident_detail_clear(&incident);
            continue;
        }
        rs_search_results results;
        char error[256];
        assert_true(rs_bundle_search(bundle, s->query, 0, 1, &results, error, sizeof error));
        assert_int_equal(results.total, s->count);
        rs_search_results_clear(&results);
    }
    rs_suggestion_list_clear(&list);
    rs_bundle_close(bundle);
    return text;
}

static void expect_suggestions(const char *bundle_path, size_t limit, const char *expected)
{
    char *got = suggestion_text(bundle_path, limit);
    if (strcmp(got, expected) != 0)
        fail_msg("suggestions:\n--- got:\n%s--- want:\n%s", got, expected);
    free(got);
}

static void test_suggestions(void **state)
{
    (void)state;
    /* Incidents by their statements: the COVID-19 one too, whose name is
     * in none of its texts (searching it found nothing: it had no chip). */
    expect_suggestions(corpus_bundle, 100,
                       "incident|Microsoft Exchange Server hack|microsoft-exchange-server-hack-2021|en|3\n"
                       "term|cybersecurity|cybersecurity|en|2\n"
                       "outlet|Xinhua|Xinhua|en|1\n"
                       "term|Britain|Britain|en|1\n"
                       "speaker|Hua Chunying|Hua Chunying|en|2\n"
                       "term|Hua|Hua|en|2\n"
                       "incident|Accusations of hacking COVID-19 research|covid-19-research-hacking-2020|en|1\n"
                       "term|side|side|en|3\n"
                       "term|theft|theft|en|3\n"
                       "term|attacks|attacks|en|4\n"
                       "incident|Reported breach of a Norwegian software firm|norwegian-software-firm-breach-2019|en|"
                       "1\n"
                       "term|Embassy|Embassy|en|3\n"
                       "term|computer|computer|en|2\n"
                       "term|malicious|malicious|en|1\n"
                       "term|sponsored|sponsored|en|1\n"
                       "term|tarnish|tarnish|en|1\n"
                       "term|vaccine|vaccine|en|1\n"
                       "term|Chinese|Chinese|en|4\n"
                       "term|cyberspace|cyberspace|en|3\n"
                       "term|issue|issue|en|3\n"
                       "term|indiscriminate|indiscriminate|en|2\n"
                       "term|large|large|en|2\n"
                       "term|scale|scale|en|2\n"
                       "term|smear|smear|en|2\n");
    /* Chinese and Russian words take their turns, so a kiosk without those
     * keyboards can still search them. Russian is stemmed (format 5): a
     * word's forms count together (Вопрос now outranks обвинения), and the
     * speaker "Официальный представитель" is found in the title's
     * "официального представителя", so it has a chip. */
    expect_suggestions(languages_bundle, 9,
                       "term|cyber|cyber|en|1\n"
                       "term|Вопрос|Вопрос|ru|1\n"
                       "speaker|Spokesperson|Spokesperson|en|2\n"
                       "term|网络|网络|zh-Hans|1\n"
                       "term|attacks|attacks|en|1\n"
                       "term|Москва|Москва|en|1\n"
                       "speaker|Официальный представитель|Официальный представитель|ru|1\n"
                       "term|合作|合作|zh-Hans|1\n"
                       "term|China|China|en|1\n");
    expect_suggestions(mini_bundle, 0, "");
}

/* A CJK term chip is a word: "网络安全" (network security) three times
 * gives the bigrams 安全, 络安 and 网络 alike, and 络安, across the two
 * words, used to be a chip; ICU's CJK dictionary knows it is none. */
static void test_cjk_term_chips(void **state)
{
    (void)state;
    char *dir = support_path(scratch, "cjk-chips"), *out = support_path(scratch, "cjk-chips.sqlite");
    mkdir(dir, 0755);
    support_write_text(dir, "bundle.yaml", "title: Chips\n");
    support_write_text(dir, "zh.txt", "---\nid: zh\ntitle: 声明\nlanguage: zh-Hans\nkind: statement\n---\n\n"
                                      "网络安全。网络安全。网络安全。\n");
    support_write_text(dir, "en1.txt", "---\nid: en1\ntitle: One\nlanguage: en\nkind: statement\n---\n\nWords.\n");
    support_write_text(dir, "en2.txt", "---\nid: en2\ntitle: Two\nlanguage: en\nkind: statement\n---\n\nWords.\n");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = dir, .output_path = out, .no_map = true};
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    expect_suggestions(out, 24,
                       "term|Two|Two|en|1\nterm|安全|安全|zh-Hans|1\nterm|Words|Words|en|2\nterm|网络|网络|zh-Hans|1\n"
                       "term|声明|声明|zh-Hans|1\n");
    free(dir), free(out);
}

/* ---- highlights ---- */

static char *range_text(const char *bundle_path, const char *query, const char *text)
{
    rs_bundle *bundle = open_or_fail(bundle_path);
    rs_range_list ranges;
    assert_true(rs_bundle_highlights(bundle, query, text, &ranges));
    char *out = calloc(1, 1024);
    for (size_t i = 0; i < ranges.count; i++) {
        size_t used = strlen(out);
        snprintf(out + used, 1024 - used, "%s%zu-%zu", i ? "," : "", ranges.items[i].start, ranges.items[i].end);
    }
    rs_range_list_clear(&ranges);
    rs_bundle_close(bundle);
    return out;
}

static void expect_ranges(const char *query, const char *text, const char *expected)
{
    char *got = range_text(mini_bundle, query, text);
    if (strcmp(got, expected) != 0)
        fail_msg("highlights of '%s': got '%s', want '%s'", query, got, expected);
    free(got);
}

static void test_highlights(void **state)
{
    (void)state;
    const char *english = "The accusations were made on Monday.\nThey are hacking allegations.";
    expect_ranges("accuse", english, "4-15");
    expect_ranges("ACCUSATION", english, "4-15");
    expect_ranges("accuse hack", english, "4-15,46-53");
    expect_ranges("hac*", english, "46-53");
    expect_ranges("all*", english, "54-65");
    expect_ranges("monday the", english, "0-3,29-35");
    expect_ranges("zebra", english, "");
    expect_ranges("...", english, "");
    expect_ranges("", english, "");
    /* Chinese: two characters inside a longer run, one character wherever
     * it stands, a longer word only where its characters are in order. */
    const char *chinese = "网络安全是全球性问题，发言人华春莹谈网络。";
    expect_ranges("网络", chinese, "0-6,54-60");
    expect_ranges("安全", chinese, "6-12");
    expect_ranges("全", chinese, "9-12,15-18");
    expect_ranges("华春莹", chinese, "42-51");
    expect_ranges("安网", chinese, "");
    expect_ranges("网络安全", chinese, "0-12");
    /* Russian, in any case. */
    expect_ranges("хакеры", "Хакеры не найдены. ХАКЕРЫ тоже.", "0-12,34-46");
    /* Mixed scripts in one text. */
    expect_ranges("华 москва", "Hua Chunying (华春莹) spoke in Moscow (Москва).", "14-17,42-54");
}

/* ---- browsing ---- */

static rs_bundle *open_or_fail(const char *path)
{
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    if (!bundle)
        fail_msg("%s", error);
    return bundle;
}

static rs_list_spec list_of(rs_list_kind kind)
{
    rs_list_spec spec = {.kind = kind, .role = -1};
    return spec;
}

static rs_list_spec year_list(int year)
{
    rs_list_spec spec = list_of(RS_LIST_YEAR);
    spec.year = year;
    return spec;
}

static rs_list_spec month_list(int year, int month)
{
    rs_list_spec spec = list_of(RS_LIST_MONTH);
    spec.year = year, spec.month = month;
    return spec;
}

static rs_list_spec country_list(const char *code, int role)
{
    rs_list_spec spec = list_of(RS_LIST_COUNTRY);
    snprintf(spec.country, sizeof spec.country, "%s", code);
    spec.role = role;
    return spec;
}

static rs_list_spec incident_list(int64_t incident_id)
{
    rs_list_spec spec = list_of(RS_LIST_INCIDENT);
    spec.incident_id = incident_id;
    return spec;
}

/* A page as text: "1,3" or, where rows have roles, "1 (speaker accused),3 (speaker)". */
static char *page_text(const rs_statement_rows *rows)
{
    size_t size = 64;
    for (size_t i = 0; i < rows->count; i++)
        size += 32 + (rows->items[i].roles ? strlen(rows->items[i].roles) : 0);
    char *text = calloc(1, size);
    for (size_t i = 0; i < rows->count; i++) {
        size_t used = strlen(text);
        snprintf(text + used, size - used, "%s%lld", i ? "," : "", (long long)rows->items[i].id);
        if (rows->items[i].roles) {
            used = strlen(text);
            snprintf(text + used, size - used, " (%s)", rows->items[i].roles);
        }
    }
    return text;
}

static void expect_page(rs_bundle *bundle, rs_list_spec spec, int64_t offset, size_t limit, const char *expected)
{
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &spec, offset, limit, &rows));
    char *got = page_text(&rows);
    if (strcmp(got, expected) != 0)
        fail_msg("list kind %d offset %lld limit %zu: got '%s', want '%s'", spec.kind, (long long)offset, limit, got,
                 expected);
    assert_true(rows.count <= limit);
    free(got);
    rs_statement_rows_clear(&rows);
    assert_null(rows.items);
    assert_int_equal(rows.count, 0);
}

static void expect_count(rs_bundle *bundle, rs_list_spec spec, int64_t expected)
{
    int64_t count = -1;
    assert_true(rs_bundle_list_count(bundle, &spec, &count));
    if (count != expected)
        fail_msg("list kind %d: count %lld, want %lld", spec.kind, (long long)count, (long long)expected);
}

/* The whole list in one page, the last row alone, and nothing past the end. */
static void expect_list(rs_bundle *bundle, rs_list_spec spec, int64_t count, const char *all, const char *last)
{
    expect_count(bundle, spec, count);
    expect_page(bundle, spec, 0, 100, all);
    if (count > 0)
        expect_page(bundle, spec, count - 1, 100, last);
    expect_page(bundle, spec, count, 100, "");
    expect_page(bundle, spec, count + 1000, 100, "");
    expect_page(bundle, spec, INT64_MAX, 100, "");
    expect_page(bundle, spec, 0, 0, "");
    expect_page(bundle, spec, -1, 100, "");
    expect_page(bundle, spec, INT64_MIN, SIZE_MAX, "");
}

static void test_months(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    rs_facet_list months;
    assert_true(rs_bundle_months(bundle, 2021, &months));
    assert_int_equal(months.count, 2);
    assert_string_equal(months.items[0].key, "2021-00");
    assert_string_equal(months.items[0].label, "2021-00");
    assert_null(months.items[0].date);
    assert_int_equal(months.items[0].count, 1);
    assert_string_equal(months.items[1].key, "2021-07");
    assert_string_equal(months.items[1].label, "2021-07");
    assert_null(months.items[1].date);
    assert_int_equal(months.items[1].count, 2);
    rs_facet_list_clear(&months);
    assert_true(rs_bundle_months(bundle, 2020, &months));
    assert_int_equal(months.count, 1);
    assert_string_equal(months.items[0].key, "2020-05");
    assert_string_equal(months.items[0].label, "2020-05");
    assert_int_equal(months.items[0].count, 1);
    rs_facet_list_clear(&months);
    assert_true(rs_bundle_months(bundle, 1999, &months));
    assert_int_equal(months.count, 0);
    assert_null(months.items);
    rs_bundle_close(bundle);

    bundle = open_or_fail(corpus_bundle);
    assert_true(rs_bundle_months(bundle, 2021, &months));
    assert_int_equal(months.count, 2);
    assert_string_equal(months.items[0].key, "2021-05");
    assert_int_equal(months.items[0].count, 1);
    assert_string_equal(months.items[1].key, "2021-07");
    assert_int_equal(months.items[1].count, 2);
    rs_facet_list_clear(&months);
    assert_true(rs_bundle_months(bundle, 2019, &months));
    assert_int_equal(months.count, 1);
    assert_string_equal(months.items[0].key, "2019-02");
    assert_string_equal(months.items[0].label, "2019-02");
    rs_facet_list_clear(&months);
    rs_bundle_close(bundle);
}

static void test_date_lists(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    expect_list(bundle, list_of(RS_LIST_ALL), 5, "1,2,3,4,5", "5");
    expect_page(bundle, list_of(RS_LIST_ALL), 2, 2, "3,4");
    expect_page(bundle, list_of(RS_LIST_ALL), 1, SIZE_MAX, "2,3,4,5");
    expect_page(bundle, list_of(RS_LIST_ALL), 0, 1, "1");
    expect_list(bundle, year_list(2020), 1, "1", "1");
    expect_list(bundle, year_list(2021), 3, "2,3,4", "4");
    expect_page(bundle, year_list(2021), 1, 1, "3");
    expect_list(bundle, year_list(1999), 0, "", "");
    expect_list(bundle, month_list(2020, 5), 1, "1", "1");
    expect_list(bundle, month_list(2021, 0), 1, "2", "2");
    expect_list(bundle, month_list(2021, 7), 2, "3,4", "4");
    expect_page(bundle, month_list(2021, 7), 1, SIZE_MAX, "4");
    expect_list(bundle, month_list(2021, 3), 0, "", "");
    expect_list(bundle, list_of(RS_LIST_UNDATED), 1, "5", "5");
    rs_bundle_close(bundle);

    bundle = open_or_fail(corpus_bundle);
    expect_list(bundle, list_of(RS_LIST_ALL), 5, "1,2,3,4,5", "5");
    expect_list(bundle, year_list(2021), 3, "3,4,5", "5");
    expect_list(bundle, year_list(2019), 1, "1", "1");
    expect_list(bundle, month_list(2021, 7), 2, "4,5", "5");
    expect_list(bundle, list_of(RS_LIST_UNDATED), 0, "", "");
    rs_bundle_close(bundle);
}

/* Every field of a row, on a list that has all the variations. */
static void test_list_rows(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    rs_list_spec all = list_of(RS_LIST_ALL);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &all, 0, 10, &rows));
    assert_int_equal(rows.count, 5);
    const rs_statement_row *row = &rows.items[0];
    assert_int_equal(row->id, 1);
    assert_string_equal(row->date, "2020-05-01");
    assert_false(row->date_inferred);
    assert_string_equal(row->outlet, "Test Outlet");
    assert_string_equal(row->title, "Alpha accuses nobody");
    assert_string_equal(row->language, "en");
    assert_null(row->roles);
    row = &rows.items[1];
    assert_int_equal(row->id, 2);
    assert_string_equal(row->date, "2021");
    assert_true(row->date_inferred);
    assert_null(row->outlet);
    assert_string_equal(row->title, "Delta, dated by year only");
    row = &rows.items[2];
    assert_string_equal(row->date, "2021-07");
    assert_string_equal(row->outlet, "新华社");
    assert_string_equal(row->title, "外交部发言人华春莹谈网络安全");
    assert_string_equal(row->language, "zh-Hans");
    row = &rows.items[4];
    assert_int_equal(row->id, 5);
    assert_null(row->date);
    assert_false(row->date_inferred);
    assert_string_equal(row->outlet, "Other Outlet");
    assert_string_equal(row->language, "ru");
    rs_statement_rows_clear(&rows);

    /* The same query again, and others in between: prepared once, reset each time. */
    for (int i = 0; i < 3; i++) {
        expect_page(bundle, all, 1, 2, "2,3");
        expect_count(bundle, all, 5);
        expect_page(bundle, country_list("CN", -1), 0, 10, "1 (speaker accused),3 (speaker)");
    }
    rs_bundle_close(bundle);
}

static void test_country_lists(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    expect_list(bundle, country_list("CN", -1), 2, "1 (speaker accused),3 (speaker)", "3 (speaker)");
    expect_list(bundle, country_list("CN", 0), 2, "1 (speaker),3 (speaker)", "3 (speaker)");
    expect_list(bundle, country_list("CN", 2), 1, "1 (accused)", "1 (accused)");
    expect_list(bundle, country_list("CN", 1), 0, "", "");
    expect_list(bundle, country_list("GB", -1), 2, "1 (accuser),5 (accuser)", "5 (accuser)");
    expect_list(bundle, country_list("GB", 1), 2, "1 (accuser),5 (accuser)", "5 (accuser)");
    expect_list(bundle, country_list("US", 4), 1, "3 (mentioned)", "3 (mentioned)");
    expect_list(bundle, country_list("US", 3), 0, "", "");
    expect_list(bundle, country_list("XX", -1), 0, "", "");
    expect_list(bundle, country_list("", -1), 0, "", "");

    /* A role that is none: false, with nothing to free. */
    int64_t count = 7;
    rs_statement_rows rows = {.count = 3};
    rs_list_spec bad = country_list("CN", RS_ROLE_COUNT);
    assert_false(rs_bundle_list_count(bundle, &bad, &count));
    assert_int_equal(count, 0);
    assert_false(rs_bundle_list_page(bundle, &bad, 0, 10, &rows));
    assert_int_equal(rows.count, 0);
    assert_null(rows.items);
    bad = country_list("CN", -2);
    assert_false(rs_bundle_list_count(bundle, &bad, &count));
    assert_false(rs_bundle_list_page(bundle, &bad, 0, 10, &rows));
    bad = list_of((rs_list_kind)42);
    assert_false(rs_bundle_list_count(bundle, &bad, &count));
    assert_false(rs_bundle_list_page(bundle, &bad, 0, 10, &rows));

    /* A code array without its NUL is read no further than its end. */
    rs_list_spec unterminated = list_of(RS_LIST_COUNTRY);
    memcpy(unterminated.country, "GBX", 3);
    expect_list(bundle, unterminated, 0, "", "");
    rs_bundle_close(bundle);

    bundle = open_or_fail(corpus_bundle);
    expect_list(bundle, country_list("GB", -1), 4, "2 (accuser),3 (accuser),4 (accuser),5 (accuser)", "5 (accuser)");
    expect_page(bundle, country_list("GB", -1), 1, 2, "3 (accuser),4 (accuser)");
    expect_list(bundle, country_list("US", -1), 3, "2 (accuser),4 (mentioned),5 (mentioned)", "5 (mentioned)");
    expect_list(bundle, country_list("US", 4), 2, "4 (mentioned),5 (mentioned)", "5 (mentioned)");
    expect_list(bundle, country_list("CN", 0), 5,
                "1 (speaker),2 (speaker),3 (speaker),4 (speaker),5 (speaker)", "5 (speaker)");
    expect_page(bundle, country_list("CN", -1), 3, 1, "4 (speaker accused)");
    expect_list(bundle, country_list("NO", 3), 1, "1 (victim)", "1 (victim)");
    rs_bundle_close(bundle);
}

static void test_incident_lists(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    expect_list(bundle, incident_list(1), 2, "1,2", "2");
    expect_list(bundle, incident_list(2), 0, "", "");
    expect_list(bundle, incident_list(99), 0, "", "");
    expect_list(bundle, incident_list(-1), 0, "", "");
    expect_list(bundle, incident_list(INT64_MIN), 0, "", "");
    rs_bundle_close(bundle);

    bundle = open_or_fail(corpus_bundle);
    expect_list(bundle, incident_list(3), 3, "3,4,5", "5");
    expect_page(bundle, incident_list(3), 1, 1, "4");
    expect_list(bundle, incident_list(1), 1, "1", "1");
    rs_bundle_close(bundle);
}

static void expect_same_as(const rs_statement_rows *rows, int64_t id, const char *title)
{
    assert_int_equal(rows->count, 1);
    assert_int_equal(rows->items[0].id, id);
    assert_string_equal(rows->items[0].title, title);
    assert_null(rows->items[0].roles);
}

static void test_statement(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    rs_statement s;
    assert_true(rs_bundle_statement(bundle, 1, &s));
    assert_int_equal(s.id, 1);
    assert_string_equal(s.slug, "alpha");
    assert_string_equal(s.title, "Alpha accuses nobody");
    assert_null(s.title_note);
    assert_string_equal(s.date, "2020-05-01");
    assert_null(s.date_note);
    assert_string_equal(s.outlet, "Test Outlet");
    assert_string_equal(s.speaker, "A. Speaker");
    assert_string_equal(s.speaker_role, "Spokesperson");
    assert_string_equal(s.language, "en");
    assert_string_equal(s.url, "https://example.org/alpha");
    assert_string_equal(s.kind, "response");
    assert_string_equal(s.body, "The accusations were made on Monday.\nThey are hacking allegations.\n\n"
                                "Second paragraph, with “quotes” and an ellipsis…");
    assert_int_equal(s.year, 2020);
    assert_int_equal(s.month, 5);
    assert_int_equal(s.day, 1);
    assert_int_equal(s.country_count, 2);
    assert_string_equal(s.countries[0].code, "CN");
    assert_string_equal(s.countries[0].name, "China");
    assert_string_equal(s.countries[0].roles, "speaker accused");
    assert_string_equal(s.countries[1].code, "GB");
    assert_string_equal(s.countries[1].name, "United Kingdom");
    assert_string_equal(s.countries[1].roles, "accuser");
    assert_int_equal(s.incident_count, 1);
    assert_int_equal(s.incidents[0].id, 1);
    assert_string_equal(s.incidents[0].slug, "test-incident");
    assert_string_equal(s.incidents[0].name, "Test incident");
    expect_same_as(&s.same_as, 5, "Gamma, the same statement as alpha");
    assert_null(s.same_as.items[0].date);
    assert_string_equal(s.same_as.items[0].outlet, "Other Outlet");
    assert_string_equal(s.same_as.items[0].language, "ru");
    rs_statement_clear(&s);
    assert_null(s.slug);
    assert_null(s.countries);
    assert_int_equal(s.same_as.count, 0);

    assert_true(rs_bundle_statement(bundle, 5, &s));
    assert_string_equal(s.slug, "gamma");
    assert_null(s.date);
    assert_int_equal(s.year, 0);
    assert_int_equal(s.month, 0);
    assert_int_equal(s.day, 0);
    assert_null(s.speaker);
    assert_null(s.speaker_role);
    assert_null(s.url);
    assert_string_equal(s.kind, "report");
    assert_string_equal(s.body, "Хакеры не найдены. ХАКЕРЫ тоже.");
    assert_int_equal(s.country_count, 1);
    assert_string_equal(s.countries[0].code, "GB");
    assert_string_equal(s.countries[0].roles, "accuser");
    assert_int_equal(s.incident_count, 0);
    assert_null(s.incidents);
    expect_same_as(&s.same_as, 1, "Alpha accuses nobody");
    assert_string_equal(s.same_as.items[0].date, "2020-05-01");
    rs_statement_clear(&s);

    /* Dated by year only, with a note; a speaker with no role; no countries. */
    assert_true(rs_bundle_statement(bundle, 2, &s));
    assert_string_equal(s.date, "2021");
    assert_string_equal(s.date_note, "Inferred from the text.");
    assert_int_equal(s.year, 2021);
    assert_int_equal(s.month, 0);
    assert_null(s.outlet);
    assert_null(s.speaker);
    assert_int_equal(s.country_count, 0);
    assert_int_equal(s.incident_count, 1);
    assert_int_equal(s.same_as.count, 0);
    rs_statement_clear(&s);
    assert_true(rs_bundle_statement(bundle, 3, &s));
    assert_string_equal(s.speaker, "华春莹");
    assert_null(s.speaker_role);
    assert_int_equal(s.day, 0);
    assert_int_equal(s.country_count, 2);
    assert_string_equal(s.countries[0].code, "CN");
    assert_string_equal(s.countries[0].roles, "speaker");
    assert_string_equal(s.countries[1].code, "US");
    assert_string_equal(s.countries[1].name, "United States");
    assert_string_equal(s.countries[1].roles, "mentioned");
    rs_statement_clear(&s);

    /* No such statement: false, and nothing to free. */
    const int64_t missing[] = {0, 6, -1, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        assert_false(rs_bundle_statement(bundle, missing[i], &s));
        assert_null(s.slug);
        assert_null(s.countries);
        assert_null(s.same_as.items);
    }

    assert_int_equal(rs_bundle_statement_id(bundle, "alpha"), 1);
    assert_int_equal(rs_bundle_statement_id(bundle, "gamma"), 5);
    assert_int_equal(rs_bundle_statement_id(bundle, "epsilon"), 4);
    assert_int_equal(rs_bundle_statement_id(bundle, "zeta"), 0);
    assert_int_equal(rs_bundle_statement_id(bundle, ""), 0);
    assert_int_equal(rs_bundle_statement_id(bundle, "ALPHA"), 0);
    rs_bundle_close(bundle);

    bundle = open_or_fail(corpus_bundle);
    int64_t id = rs_bundle_statement_id(bundle, "embassy-2021-07-20-exchange-accusation");
    assert_int_equal(id, 4);
    assert_true(rs_bundle_statement(bundle, id, &s));
    assert_string_equal(s.outlet, "Embassy of the People's Republic of China in the United Kingdom");
    assert_string_equal(s.speaker, "Unnamed spokesperson");
    assert_int_equal(s.country_count, 3);
    const char *codes[] = {"CN", "GB", "US"}, *roles[] = {"speaker accused", "accuser", "mentioned"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(s.countries[i].code, codes[i]);
        assert_string_equal(s.countries[i].roles, roles[i]);
    }
    assert_int_equal(s.incident_count, 1);
    assert_string_equal(s.incidents[0].slug, "microsoft-exchange-server-hack-2021");
    expect_same_as(&s.same_as, 5,
                   "Britain's cyberattack accusation against China sheer fabrication, slander: Chinese embassy");
    assert_string_equal(s.same_as.items[0].outlet, "Xinhua");
    rs_statement_clear(&s);
    assert_true(rs_bundle_statement(bundle, 1, &s));
    assert_int_equal(s.same_as.count, 0);
    assert_null(s.same_as.items);
    assert_int_equal(s.translations.count, 0);
    assert_null(s.translations.items);
    rs_statement_clear(&s);
    rs_bundle_close(bundle);
}

/* The English translation of the Chinese test statement: each lists the
 * other, with its language. */
static void test_translations(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(languages_bundle);
    int64_t zh = rs_bundle_statement_id(bundle, "zh-test-statement");
    int64_t en = rs_bundle_statement_id(bundle, "en-test-translation");
    assert_int_equal(en, 3);
    assert_int_equal(zh, 4);
    rs_statement s;
    assert_true(rs_bundle_statement(bundle, zh, &s));
    assert_int_equal(s.translations.count, 1);
    assert_int_equal(s.translations.items[0].id, en);
    assert_string_equal(s.translations.items[0].slug, "en-test-translation");
    assert_string_equal(s.translations.items[0].language, "en");
    assert_string_equal(s.translations.items[0].date, "2021-07-20");
    assert_int_equal(s.same_as.count, 0);
    rs_statement_clear(&s);
    assert_int_equal(s.translations.count, 0);
    assert_true(rs_bundle_statement(bundle, en, &s));
    assert_int_equal(s.translations.count, 1);
    assert_int_equal(s.translations.items[0].id, zh);
    assert_string_equal(s.translations.items[0].language, "zh-Hans");
    assert_string_equal(s.translations.items[0].title, "外交部发言人就所谓网络攻击问题答记者问（测试文本）");
    rs_statement_clear(&s);
    assert_true(rs_bundle_statement(bundle, rs_bundle_statement_id(bundle, "ru-test-statement"), &s));
    assert_int_equal(s.translations.count, 0);
    rs_statement_clear(&s);
    rs_bundle_close(bundle);
}

static void test_incident_and_country_detail(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(mini_bundle);
    rs_incident_detail incident;
    assert_true(rs_bundle_incident(bundle, "test-incident", &incident));
    assert_int_equal(incident.id, 1);
    assert_string_equal(incident.slug, "test-incident");
    assert_string_equal(incident.name, "Test incident");
    assert_string_equal(incident.date, "2020-05");
    assert_null(incident.date_note);
    assert_string_equal(incident.summary, "An incident the test statements refer to.");
    assert_int_equal(incident.count, 2);
    rs_incident_detail_clear(&incident);
    assert_null(incident.slug);
    assert_true(rs_bundle_incident(bundle, "unused-incident", &incident));
    assert_int_equal(incident.id, 2);
    assert_null(incident.date);
    assert_int_equal(incident.count, 0);
    rs_incident_detail_clear(&incident);
    assert_false(rs_bundle_incident(bundle, "no-such-incident", &incident));
    assert_null(incident.slug);
    assert_false(rs_bundle_incident(bundle, "", &incident));

    rs_country_detail country;
    assert_true(rs_bundle_country(bundle, "CN", &country));
    assert_string_equal(country.code, "CN");
    assert_string_equal(country.name, "China");
    assert_int_equal(country.count, 2);
    const int64_t cn_roles[5] = {2, 0, 1, 0, 0};
    for (int r = 0; r < 5; r++)
        assert_int_equal(country.role_counts[r], cn_roles[r]);
    rs_country_detail_clear(&country);
    assert_null(country.name);
    assert_true(rs_bundle_country(bundle, "US", &country));
    assert_int_equal(country.count, 1);
    assert_int_equal(country.role_counts[4], 1);
    rs_country_detail_clear(&country);
    const char *missing[] = {"XX", "NO", "gb", "GBR", "G", ""};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        assert_false(rs_bundle_country(bundle, missing[i], &country));
        assert_null(country.name);
        assert_string_equal(country.code, "");
    }
    rs_bundle_close(bundle);

    bundle = open_or_fail(corpus_bundle);
    assert_true(rs_bundle_incident(bundle, "microsoft-exchange-server-hack-2021", &incident));
    assert_int_equal(incident.id, 3);
    assert_string_equal(incident.name, "Microsoft Exchange Server hack");
    assert_string_equal(incident.date, "2021-03");
    assert_non_null(incident.date_note);
    assert_int_equal(incident.count, 3);
    rs_incident_detail_clear(&incident);
    assert_true(rs_bundle_country(bundle, "US", &country));
    assert_string_equal(country.name, "United States");
    assert_int_equal(country.count, 3);
    const int64_t us_roles[5] = {0, 1, 0, 0, 2};
    for (int r = 0; r < 5; r++)
        assert_int_equal(country.role_counts[r], us_roles[r]);
    rs_country_detail_clear(&country);
    assert_true(rs_bundle_country(bundle, "GB", &country));
    assert_string_equal(country.name, "United Kingdom");
    assert_int_equal(country.count, 4);
    assert_int_equal(country.role_counts[1], 4);
    rs_country_detail_clear(&country);
    rs_bundle_close(bundle);
}

/* ---- hostile bundles: what a damaged or crafted file can hold ---- */

#define REPLACEMENT "\xEF\xBF\xBD"

/* ---- format 3: the incident thread, parties and translated names (the
 * thread fixture: tests/fixtures/sources/thread) ---- */

/* An entry as one line: "E2 disclosure! 2021-03-02 | line | CN=China:accused,
 * MSFT=Microsoft:speaker accuser/3 | exchange-hack=Exchange hack", with the
 * date note in (), a statement's title in «», its outlet after @. */
static const char *entry_text(const rs_thread_entry *e)
{
    static char text[4096];
    int n = snprintf(text, sizeof text, "%c%lld %s%s %s", e->kind == RS_THREAD_EVENT ? 'E' : 'S', (long long)e->id,
                     e->what, e->accusation ? "!" : "", e->date ? e->date : "undated");
    if (e->date_note)
        n += snprintf(text + n, sizeof text - (size_t)n, " (%s)", e->date_note);
    if (e->title)
        n += snprintf(text + n, sizeof text - (size_t)n, " «%s»", e->title);
    n += snprintf(text + n, sizeof text - (size_t)n, " | %s", e->line);
    if (e->outlet)
        n += snprintf(text + n, sizeof text - (size_t)n, " @%s", e->outlet);
    if (e->url)
        n += snprintf(text + n, sizeof text - (size_t)n, " %s", e->url);
    n += snprintf(text + n, sizeof text - (size_t)n, " |");
    for (size_t i = 0; i < e->party_count; i++) {
        const rs_country_link *p = &e->parties[i];
        n += snprintf(text + n, sizeof text - (size_t)n, "%s %s=%s:%s", i ? "," : "", p->code, p->name, p->roles);
        if (p->kind)
            n += snprintf(text + n, sizeof text - (size_t)n, "/%d", p->kind);
    }
    snprintf(text + n, sizeof text - (size_t)n, " | %s=%s", e->incident_slug, e->incident_name);
    return text;
}

/* The page offset..offset+limit-1 of incident_id's thread is exactly the
 * count entries given. */
static void expect_thread(rs_bundle *bundle, int64_t incident_id, int64_t offset, size_t limit, size_t count, ...)
{
    rs_thread thread;
    assert_true(rs_bundle_thread_page(bundle, incident_id, offset, limit, &thread));
    va_list args;
    va_start(args, count);
    for (size_t i = 0; i < count && i < thread.count; i++)
        assert_string_equal(entry_text(&thread.items[i]), va_arg(args, const char *));
    va_end(args);
    assert_int_equal(thread.count, count);
    rs_thread_clear(&thread);
    assert_null(thread.items);
}

#define EXCHANGE " | exchange-hack=Exchange hack"
#define E2 "E2 disclosure! 2021-03-02 | Microsoft disclosed attacks on its mail servers. https://example.org/disclosure" \
           " | CN=China:accused, MSFT=Microsoft:speaker accuser/3" EXCHANGE
#define S2 "S2 statement 2021-03-02 «A vendor's statement on the day of the disclosure» | Version 15.2 fixes it. |" \
           " MSFT=Microsoft:speaker/3" EXCHANGE
#define E3 "E3 attribution! 2021-07 (Only the month is known.) | Governments attributed the hack." \
           " https://example.org/attribution | CN=China:accused, EU=European Union:accuser/1," \
           " GB=United Kingdom:accuser" EXCHANGE
#define S3 "S3 report 2021-07 «An excerpt dated by month only» | The servers were patched! |" \
           " CN=China:accused, US=United States:mentioned" EXCHANGE
#define E4 "E4 indictment! 2021-07-20 | An indictment was unsealed. https://example.org/indictment |" \
           " CN=China:accused, US=United States:accuser" EXCHANGE
#define S4 "S4 response 2021-07-20 «A response on the same day as the indictment» | The accusation made today by" \
           " the European Union and by the United Kingdom, repeating without any evidence the claims that were" \
           " first spread by a private company in March about the servers it sells, is a politically motivated" \
           " smear that… @Thread Outlet | CN=China:speaker accused, EU=European Union:accuser/1," \
           " GB=United Kingdom:accuser" EXCHANGE
#define S5 "S5 response 2021-07-21 «外交部发言人答记者问» | 中方坚决反对这种无端指责。 @Thread Outlet |" \
           " CN=China:speaker" EXCHANGE
#define E5 "E5 denial undated | A denial without a date. | CN=China:speaker" EXCHANGE

/* Pages of a thread at every offset: events and statements in one time
 * order (events first on the same date, undated last), one seek each. */
static void test_thread_pages(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(thread_bundle);
    rs_incident_detail incident;
    assert_true(rs_bundle_incident(bundle, "exchange-hack", &incident));
    assert_int_equal(incident.id, 1);
    assert_int_equal(incident.count, 4);
    assert_int_equal(incident.event_count, 4);
    rs_incident_detail_clear(&incident);
    expect_thread(bundle, 1, 0, 3, 3, E2, S2, E3);
    expect_thread(bundle, 1, 3, 3, 3, S3, E4, S4);
    expect_thread(bundle, 1, 6, 10, 2, S5, E5);
    expect_thread(bundle, 1, 0, 100, 8, E2, S2, E3, S3, E4, S4, S5, E5);
    expect_thread(bundle, 1, 7, 1, 1, E5);
    expect_thread(bundle, 1, 8, 5, 0);
    expect_thread(bundle, 1, INT64_MAX, SIZE_MAX, 0);
    expect_thread(bundle, 1, -1, 5, 0);
    expect_thread(bundle, 1, 0, 0, 0);
    expect_thread(bundle, 2, 0, 20, 3,
                  "E1 report! 2020 | A report named a culprit. https://example.org/report | MSFT=Microsoft:accuser/3,"
                  " RU=Russian Federation:accused | second-incident=Second incident",
                  "E6 other undated | An undated mention. | EU=European Union:mentioned/1"
                  " | second-incident=Second incident",
                  "S6 statement undated «An undated statement by a victim» | No sentence ends here and the text goes"
                  " on | MSFT=Microsoft:victim/3 | second-incident=Second incident");
    expect_thread(bundle, 99, 0, 20, 0); /* no such incident: no thread */
    expect_thread(bundle, 0, 0, 20, 0);
    rs_bundle_close(bundle);
}

/* The party with this code's events offset..offset+limit-1, as "2,3,4". */
static void expect_party_events(rs_bundle *bundle, const char *code, int64_t offset, size_t limit, const char *ids)
{
    rs_thread thread;
    assert_true(rs_bundle_party_events(bundle, code, offset, limit, &thread));
    char text[256] = "";
    for (size_t i = 0; i < thread.count; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s%lld", i ? "," : "",
                 (long long)thread.items[i].id);
    assert_string_equal(text, ids);
    rs_thread_clear(&thread);
}

static void test_party_events(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(thread_bundle);
    rs_thread thread;
    assert_true(rs_bundle_party_events(bundle, "CN", 0, 10, &thread));
    assert_int_equal(thread.count, 4);
    assert_string_equal(entry_text(&thread.items[0]), E2);
    assert_string_equal(entry_text(&thread.items[1]), E3);
    assert_string_equal(entry_text(&thread.items[3]), E5);
    assert_int_equal(thread.items[3].incident_id, 1);
    rs_thread_clear(&thread);
    expect_party_events(bundle, "CN", 1, 2, "3,4");
    expect_party_events(bundle, "CN", 3, 9, "5");
    expect_party_events(bundle, "CN", 4, 9, "");
    expect_party_events(bundle, "CN", -2, 9, "");
    expect_party_events(bundle, "MSFT", 0, 10, "1,2");
    expect_party_events(bundle, "EU", 0, 10, "3,6");
    expect_party_events(bundle, "FVEY", 0, 10, ""); /* in parties.yaml, in nothing */
    assert_true(rs_bundle_party_events(bundle, "EU", 1, 1, &thread));
    assert_int_equal(thread.count, 1);
    assert_int_equal(thread.items[0].incident_id, 2);
    assert_string_equal(entry_text(&thread.items[0]), "E6 other undated | An undated mention. |"
                                                       " EU=European Union:mentioned/1 | second-incident=Second incident");
    rs_thread_clear(&thread);
    const char *bad[] = {"eu", "E", "ABCDEFGHIJKLM", "E U", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(rs_bundle_party_events(bundle, bad[i], 0, 10, &thread));
        assert_int_equal(thread.count, 0);
    }
    assert_false(rs_bundle_party_events(bundle, NULL, 0, 10, &thread));
    rs_bundle_close(bundle);
}

/* Parties with kinds, event counts, short names and members. */
static void test_party_detail(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(thread_bundle);
    rs_country_detail party;
    assert_true(rs_bundle_country(bundle, "EU", &party));
    assert_string_equal(party.code, "EU");
    assert_string_equal(party.name, "European Union");
    assert_string_equal(party.short_name, "EU");
    assert_int_equal(party.kind, 1);
    assert_int_equal(party.count, 1);
    assert_int_equal(party.event_count, 2);
    const int64_t eu_roles[5] = {0, 1, 0, 0, 0};
    for (int r = 0; r < 5; r++)
        assert_int_equal(party.role_counts[r], eu_roles[r]);
    rs_country_detail_clear(&party);
    /* The members, in code order, by name in the visitor's language: a
     * member in no statement and no event has a row of its own (counts 0)
     * for its names, from iso-codes. */
    static const struct {
        const char *language, *names[3];
    } member_names[] = {
        {NULL, {"Germany", "France", "Netherlands"}},
        {"zh_CN", {"德国", "法国", "荷兰"}},
        {"ru", {"Германия", "Франция", "Нидерланды"}},
        {"pt_BR", {"Germany", "France", "Netherlands"}},
    };
    for (size_t l = 0; l < sizeof member_names / sizeof member_names[0]; l++) {
        rs_bundle_set_language(bundle, member_names[l].language);
        assert_true(rs_bundle_country(bundle, "EU", &party));
        assert_int_equal(party.member_count, 3);
        const char *members[] = {"DE", "FR", "NL"};
        for (size_t i = 0; i < 3; i++) {
            assert_string_equal(party.members[i].code, members[i]);
            assert_string_equal(party.members[i].name, member_names[l].names[i]);
            assert_null(party.members[i].roles);
            assert_int_equal(party.members[i].kind, 0);
        }
        rs_country_detail_clear(&party);
        assert_null(party.members);
    }
    rs_bundle_set_language(bundle, NULL);
    assert_true(rs_bundle_country(bundle, "MSFT", &party));
    assert_string_equal(party.name, "Microsoft");
    assert_null(party.short_name);
    assert_int_equal(party.kind, 3);
    assert_int_equal(party.count, 2);
    assert_int_equal(party.event_count, 2);
    assert_int_equal(party.member_count, 0);
    rs_country_detail_clear(&party);
    /* In an event only. */
    assert_true(rs_bundle_country(bundle, "RU", &party));
    assert_int_equal(party.kind, 0);
    assert_null(party.short_name);
    assert_int_equal(party.count, 0);
    assert_int_equal(party.event_count, 1);
    rs_country_detail_clear(&party);
    assert_false(rs_bundle_country(bundle, "FVEY", &party));
    /* A member's row only names it: the bundle has nothing of its own for
     * it, and no list or count shows it. */
    assert_false(rs_bundle_country(bundle, "DE", &party));
    assert_string_equal(rs_bundle_meta(bundle, "country_count"), "6");

    rs_facet_list list;
    assert_true(rs_bundle_countries(bundle, &list));
    assert_int_equal(list.count, 6);
    static const struct {
        const char *key, *label;
        int64_t count, event_count;
        int kind;
    } expected[] = {
        {"CN", "China", 4, 4, 0},     {"EU", "European Union", 1, 2, 1},     {"MSFT", "Microsoft", 2, 2, 3},
        {"RU", "Russian Federation", 0, 1, 0}, {"GB", "United Kingdom", 1, 1, 0}, {"US", "United States", 1, 1, 0},
    };
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(list.items[i].key, expected[i].key);
        assert_string_equal(list.items[i].label, expected[i].label);
        assert_int_equal(list.items[i].count, expected[i].count);
        assert_int_equal(list.items[i].event_count, expected[i].event_count);
        assert_int_equal(list.items[i].kind, expected[i].kind);
    }
    rs_facet_list_clear(&list);
    assert_true(rs_bundle_incidents(bundle, &list));
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].key, "second-incident");
    assert_int_equal(list.items[0].count, 1);
    assert_int_equal(list.items[0].event_count, 2);
    assert_int_equal(list.items[1].event_count, 4);
    rs_facet_list_clear(&list);
    /* A party's statements by code, long codes included. */
    expect_list(bundle, country_list("MSFT", -1), 2, "2 (speaker),6 (victim)", "6 (victim)");
    expect_list(bundle, country_list("MSFT", 3), 1, "6 (victim)", "6 (victim)");
    rs_bundle_close(bundle);
}

/* An excerpt says so, and a curator's note comes with it. */
static void test_partial_and_note(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(thread_bundle);
    rs_statement s;
    assert_true(rs_bundle_statement(bundle, rs_bundle_statement_id(bundle, "exchange-excerpt"), &s));
    assert_true(s.partial);
    assert_string_equal(s.note, "Only the first paragraph survives.");
    assert_int_equal(s.country_count, 2);
    rs_statement_clear(&s);
    assert_false(s.partial);
    assert_null(s.note);
    assert_true(rs_bundle_statement(bundle, rs_bundle_statement_id(bundle, "exchange-response"), &s));
    assert_false(s.partial);
    assert_null(s.note);
    assert_int_equal(s.country_count, 3);
    assert_string_equal(s.countries[1].code, "EU");
    assert_string_equal(s.countries[1].name, "European Union");
    assert_int_equal(s.countries[1].kind, 1);
    rs_statement_clear(&s);
    rs_bundle_close(bundle);
}

/* What a visitor reads in each language: the curator's translation where
 * there is one (zh_CN takes zh-Hans), else the collection's default
 * language; party names from country_name. */
static void expect_names(rs_bundle *bundle, const char *language, const char *title, const char *incident,
                         const char *summary, const char *event_line, const char *outlet, const char *speaker,
                         const char *speaker_role, const char *eu, const char *eu_short, const char *msft)
{
    rs_bundle_set_language(bundle, language);
    assert_string_equal(rs_bundle_meta_text(bundle, "title"), title);
    assert_string_equal(rs_bundle_meta_text(bundle, "description"),
                        "Events and statements of two incidents, told together.");
    assert_string_equal(rs_bundle_meta_text(bundle, "statement_count"), "6");
    assert_null(rs_bundle_meta_text(bundle, "no-such-key"));
    assert_string_equal(rs_bundle_meta(bundle, "title"), "Thread test collection");
    rs_incident_detail detail;
    assert_true(rs_bundle_incident(bundle, "exchange-hack", &detail));
    assert_string_equal(detail.name, incident);
    assert_string_equal(detail.summary, summary);
    rs_incident_detail_clear(&detail);
    rs_facet_list list;
    assert_true(rs_bundle_incidents(bundle, &list));
    assert_string_equal(list.items[1].label, incident);
    assert_string_equal(list.items[0].label, "Second incident");
    rs_facet_list_clear(&list);
    rs_facet latest;
    assert_true(rs_bundle_latest_incident(bundle, &latest));
    assert_string_equal(latest.label, incident);
    assert_int_equal(latest.event_count, 4);
    rs_facet_clear(&latest);
    rs_thread thread;
    assert_true(rs_bundle_thread_page(bundle, 1, 2, 1, &thread));
    assert_string_equal(thread.items[0].line, event_line);
    assert_string_equal(thread.items[0].incident_name, incident);
    assert_string_equal(thread.items[0].parties[1].name, eu);
    rs_thread_clear(&thread);
    assert_true(rs_bundle_thread_page(bundle, 1, 0, 1, &thread));
    assert_string_equal(thread.items[0].parties[1].name, msft);
    rs_thread_clear(&thread);
    rs_statement s;
    assert_true(rs_bundle_statement(bundle, rs_bundle_statement_id(bundle, "exchange-response"), &s));
    assert_string_equal(s.outlet, outlet);
    assert_string_equal(s.speaker, speaker);
    assert_string_equal(s.speaker_role, speaker_role);
    assert_string_equal(s.incidents[0].name, incident);
    assert_string_equal(s.countries[1].name, eu);
    rs_statement_clear(&s);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &(rs_list_spec){.kind = RS_LIST_INCIDENT, .incident_id = 1, .role = -1},
                                    2, 1, &rows));
    assert_string_equal(rows.items[0].outlet, outlet);
    rs_statement_rows_clear(&rows);
    char error[1024];
    rs_search_results results;
    assert_true(rs_bundle_search(bundle, "smear", 0, 10, &results, error, sizeof error));
    assert_int_equal(results.count, 1);
    assert_string_equal(results.items[0].outlet, outlet);
    rs_search_results_clear(&results);
    rs_country_detail party;
    assert_true(rs_bundle_country(bundle, "EU", &party));
    assert_string_equal(party.name, eu);
    assert_string_equal(party.short_name, eu_short);
    rs_country_detail_clear(&party);
}

static void test_translated_names(void **state)
{
    (void)state;
    rs_bundle *bundle = open_or_fail(thread_bundle);
    expect_names(bundle, "zh_CN", "线索测试集", "Exchange 服务器遭入侵", "Mail servers were breached.",
                 "多国政府将入侵归咎于他方。", "线索媒体", "发言人甲", "Spokesperson", "欧洲联盟", "欧盟", "微软");
    expect_names(bundle, "ru", "Тестовая коллекция", "Взлом Exchange", "Почтовые серверы были взломаны.",
                 "Governments attributed the hack.", "Издание", "A. Spokesperson", "Пресс-секретарь",
                 "Европейский союз", "ЕС", "Microsoft");
    const char *english[] = {"en", NULL, "", "fr", "zh_TW", "x'; --"};
    for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
        expect_names(bundle, english[i], "Thread test collection", "Exchange hack", "Mail servers were breached.",
                     "Governments attributed the hack.", "Thread Outlet", "A. Spokesperson", "Spokesperson",
                     "European Union", "EU", "Microsoft");
    /* Parties in the order of their names in each language (name_order):
     * 俄罗斯 Éluósī, 美国 Měiguó, 欧洲联盟 Ōuzhōu, 微软 Wēiruǎn, 英国 Yīngguó,
     * 中国 Zhōngguó; Cyrillic before Latin in Russian. */
    static const struct {
        const char *language, *keys;
    } orders[] = {{"zh_CN", "RU US EU MSFT GB CN"}, {"ru", "EU CN RU GB US MSFT"}, {"en", "CN EU MSFT RU GB US"}};
    for (size_t l = 0; l < 3; l++) {
        rs_bundle_set_language(bundle, orders[l].language);
        rs_facet_list list;
        assert_true(rs_bundle_countries(bundle, &list));
        char keys[128] = "";
        for (size_t i = 0; i < list.count; i++)
            snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", i ? " " : "", list.items[i].key);
        assert_string_equal(keys, orders[l].keys);
        rs_facet_list_clear(&list);
    }
    /* A collection's other languages: "zh-Hans" given as is finds zh-Hans,
     * then its primary subtag. */
    rs_bundle_set_language(bundle, "zh-Hans");
    assert_string_equal(rs_bundle_meta_text(bundle, "title"), "线索测试集");
    rs_bundle_close(bundle);

    /* A bundle without translations: every name is the base value. */
    bundle = open_or_fail(mini_bundle);
    rs_bundle_set_language(bundle, "zh_CN");
    assert_string_equal(rs_bundle_meta_text(bundle, "title"), "Test collection");
    rs_incident_detail detail;
    assert_true(rs_bundle_incident(bundle, "test-incident", &detail));
    assert_string_equal(detail.name, "Test incident");
    assert_int_equal(detail.event_count, 0);
    rs_incident_detail_clear(&detail);
    rs_bundle_close(bundle);
}

/* What a crafted file can put in the thread: an entry naming both a
 * statement and an event, or neither, or a missing row; an unknown kind;
 * bad roles and codes; invalid UTF-8; a lede past its limit. Each is left
 * out or made safe, never a crash. */
static void test_thread_hostile(void **state)
{
    (void)state;
    char *path = support_copy_file(thread_bundle, scratch, "bad-thread.sqlite", 0);
    support_sql(path, "UPDATE incident_thread SET statement_id = 3 WHERE incident_id = 1 AND pos = 0;" /* both */
                "UPDATE incident_thread SET event_id = NULL WHERE incident_id = 1 AND pos = 2;" /* neither */
                "UPDATE incident_thread SET statement_id = 99 WHERE incident_id = 1 AND pos = 3;" /* missing */
                "UPDATE event SET kind = 'rumour' WHERE id = 4;"
                "UPDATE event SET summary = CAST(X'41FF42' AS TEXT) WHERE id = 5;"
                "UPDATE event_party SET roles = 'speaker villain' WHERE event_id = 5;"
                "INSERT INTO statement_country VALUES('cn', 'speaker', 0, 5);"
                "INSERT INTO statement_country VALUES('TOOLONGPARTY1', 'speaker', 0, 5);"
                "UPDATE statement_text SET lede = printf('%.*c', 1000, 'x') WHERE id = 4;"
                "UPDATE statement_text SET lede = '' WHERE id = 5;"
                "UPDATE party_event SET event_id = 77 WHERE party_code = 'CN' AND pos = 1;"
                "INSERT INTO translation VALUES('event', '2', 'summary', 'ru', X'E282');"
                "UPDATE country_name SET name = 42 WHERE code = 'EU' AND language = 'ru';");
    /* A lede of 240 bytes that are not UTF-8: each becomes U+FFFD (three
     * bytes), and the line is cut again to the lede's limit (found by
     * fuzz_bundle: the line came out 720 bytes long). */
    char invalid[64 + 2 * RS_LEDE_MAX_BYTES + 1];
    int used = snprintf(invalid, sizeof invalid, "UPDATE statement_text SET lede = CAST(X'");
    for (int k = 0; k < RS_LEDE_MAX_BYTES; k++)
        used += snprintf(invalid + used, sizeof invalid - (size_t)used, "FF");
    snprintf(invalid + used, sizeof invalid - (size_t)used, "' AS TEXT) WHERE id = 2");
    support_sql(path, invalid);
    rs_bundle *bundle = open_or_fail(path);
    rs_thread thread;
    assert_true(rs_bundle_thread_page(bundle, 1, 0, 100, &thread));
    assert_int_equal(thread.count, 4); /* S2, S4, S5, E5 */
    assert_int_equal(thread.items[0].id, 2);
    size_t lede_bytes = strlen(thread.items[0].line);
    assert_true(lede_bytes <= RS_LEDE_MAX_BYTES + 3);
    assert_int_equal(lede_bytes, RS_LEDE_MAX_BYTES + 3);
    assert_string_equal(thread.items[0].line + lede_bytes - 3, "\xE2\x80\xA6");
    assert_memory_equal(thread.items[0].line, REPLACEMENT, 3);
    assert_int_equal(thread.items[1].id, 4);
    assert_int_equal(strlen(thread.items[1].line), RS_LEDE_MAX_BYTES);
    assert_string_equal(thread.items[2].line, "");
    assert_int_equal(thread.items[2].party_count, 1);
    assert_string_equal(thread.items[3].line, "A" REPLACEMENT "B");
    assert_int_equal(thread.items[3].party_count, 0);
    rs_thread_clear(&thread);
    assert_true(rs_bundle_party_events(bundle, "CN", 0, 10, &thread));
    assert_int_equal(thread.count, 2); /* 77 is no event, 4 of no kind */
    rs_thread_clear(&thread);
    rs_bundle_set_language(bundle, "ru");
    assert_true(rs_bundle_party_events(bundle, "MSFT", 1, 1, &thread));
    assert_string_equal(thread.items[0].line, REPLACEMENT REPLACEMENT); /* each bad byte */
    assert_string_equal(thread.items[0].parties[0].name, "Китай");
    rs_thread_clear(&thread);
    assert_true(rs_bundle_party_events(bundle, "EU", 0, 1, &thread));
    assert_string_equal(thread.items[0].parties[1].name, "42");
    rs_thread_clear(&thread);
    char error[1024];
    assert_false(rs_bundle_verify(bundle, error, sizeof error));
    rs_bundle_close(bundle);
    free(path);

    /* The new tables missing: refused at open, by name. */
    const char *tables[] = {"event", "event_party", "party_event", "incident_thread", "translation", "party_member"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        path = support_copy_file(thread_bundle, scratch, "no-table.sqlite", 0);
        char sql[128], reason[256];
        snprintf(sql, sizeof sql, "DROP TABLE %s", tables[i]);
        support_sql(path, sql);
        snprintf(reason, sizeof reason, "the bundle has no '%s' table. Build it again with rostrum-bundle.", tables[i]);
        expect_open_error(path, reason);
        free(path);
    }
    /* Wrong columns: a read error, not a crash. */
    path = support_copy_file(thread_bundle, scratch, "wrong-thread.sqlite", 0);
    support_sql(path, "DROP TABLE incident_thread; CREATE TABLE incident_thread(x);"
                      "DROP TABLE party_event; CREATE TABLE party_event(y);");
    bundle = open_or_fail(path);
    assert_false(rs_bundle_thread_page(bundle, 1, 0, 10, &thread));
    assert_false(rs_bundle_party_events(bundle, "CN", 0, 10, &thread));
    assert_int_equal(thread.count, 0);
    rs_bundle_close(bundle);
    free(path);
}


static void test_invalid_utf8(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "bad-utf8.sqlite", 0);
    support_sql(path, "UPDATE statement SET title = CAST(X'41FF42' AS TEXT) WHERE id = 1;"
                /* a NUL inside a value, and a sequence cut at the end */
                "UPDATE statement SET title = CAST(X'41004200' AS TEXT) WHERE id = 2;"
                "UPDATE statement_text SET body = CAST(X'E282' AS TEXT) WHERE id = 2;"
                /* a blob where text belongs: its bytes are checked the same way */
                "UPDATE statement SET date = X'C0AF' WHERE id = 3;"
                "UPDATE country SET name = CAST(X'C3' AS TEXT) WHERE code = 'GB';"
                "UPDATE outlet SET name = CAST(X'EDA080' AS TEXT) WHERE name = 'Test Outlet';"
                "UPDATE incident SET name = CAST(X'F4908080' AS TEXT) WHERE id = 1;"
                "UPDATE country_statement SET roles = CAST(X'FE' AS TEXT) WHERE country_code = 'CN' AND pos = 1;"
                "UPDATE meta SET value = CAST(X'54FF' AS TEXT) WHERE key = 'description';");
    rs_bundle *bundle = open_or_fail(path);
    assert_string_equal(rs_bundle_meta(bundle, "description"), "T" REPLACEMENT);

    rs_list_spec all = list_of(RS_LIST_ALL);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &all, 0, 10, &rows));
    assert_int_equal(rows.count, 5);
    assert_string_equal(rows.items[0].title, "A" REPLACEMENT "B");
    assert_string_equal(rows.items[0].outlet, REPLACEMENT REPLACEMENT REPLACEMENT);
    assert_string_equal(rows.items[1].title, "A" REPLACEMENT "B" REPLACEMENT);
    assert_string_equal(rows.items[2].date, REPLACEMENT REPLACEMENT);
    rs_statement_rows_clear(&rows);
    expect_page(bundle, country_list("CN", -1), 0, 10, "1 (speaker accused),3 (" REPLACEMENT ")");

    rs_statement s;
    assert_true(rs_bundle_statement(bundle, 1, &s));
    assert_string_equal(s.title, "A" REPLACEMENT "B");
    assert_string_equal(s.countries[1].name, REPLACEMENT);
    assert_string_equal(s.incidents[0].name, REPLACEMENT REPLACEMENT REPLACEMENT REPLACEMENT);
    rs_statement_clear(&s);
    assert_true(rs_bundle_statement(bundle, 2, &s));
    assert_string_equal(s.body, REPLACEMENT REPLACEMENT);
    rs_statement_clear(&s);

    rs_facet_list facets;
    assert_true(rs_bundle_countries(bundle, &facets));
    assert_string_equal(facets.items[1].label, REPLACEMENT); /* GB, in the order the builder stored */
    rs_facet_list_clear(&facets);
    assert_true(rs_bundle_incidents(bundle, &facets));
    assert_string_equal(facets.items[0].label, REPLACEMENT REPLACEMENT REPLACEMENT REPLACEMENT);
    rs_facet_list_clear(&facets);

    char error[1024];
    rs_search_results results;
    assert_true(rs_bundle_search(bundle, "accuse", 0, 10, &results, error, sizeof error));
    assert_int_equal(results.count, 1);
    assert_string_equal(results.items[0].title, "A" REPLACEMENT "B");
    assert_string_equal(results.items[0].outlet, REPLACEMENT REPLACEMENT REPLACEMENT);
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    free(path);

    /* Names quoted in an error message, cut to fit, stay valid UTF-8. */
    path = support_copy_file(mini_bundle, scratch, "bad-utf8-trigger.sqlite", 0);
    support_sql(path, "CREATE TRIGGER \"t\xFF\" AFTER INSERT ON outlet BEGIN DELETE FROM outlet; END");
    expect_open_error(path, "the bundle contains a trigger ('t" REPLACEMENT "'), which a bundle never has; it may "
                            "have been tampered with. Build it again with rostrum-bundle.");
    free(path);
    path = support_copy_file(mini_bundle, scratch, "cut-utf8-trigger.sqlite", 0);
    /* 59 letters and an "é": the 60-byte cut falls inside the "é". */
    support_sql(path, "CREATE TRIGGER \"ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt\xC3\xA9\" AFTER INSERT "
                "ON outlet BEGIN DELETE FROM outlet; END");
    expect_open_error(path, "the bundle contains a trigger ('ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"
                            REPLACEMENT "'), which a bundle never has; it may have been tampered with. Build it again "
                            "with rostrum-bundle.");
    free(path);
}

/* NULL where the schema says NOT NULL: the schema text is edited (SQLite
 * enforces NOT NULL on writes), then the values. A NOT NULL text comes back
 * as "" (a country name as its code), so the viewer never checks for NULL. */
static void test_null_values(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "nulls.sqlite", 0);
    support_sql(path, "PRAGMA writable_schema = ON;"
                "UPDATE sqlite_schema SET sql = replace(sql, ' NOT NULL', '')"
                " WHERE type = 'table' AND name IN ('statement', 'statement_text', 'country', 'country_statement',"
                " 'incident');");
    support_sql(path, "UPDATE statement SET slug = NULL, title = NULL, language = NULL, kind = NULL WHERE id = 1;"
                "UPDATE statement_text SET body = NULL WHERE id = 1;"
                "UPDATE country SET name = NULL WHERE code = 'GB';"
                "UPDATE country_statement SET roles = NULL WHERE country_code = 'CN';"
                "UPDATE incident SET slug = NULL, name = NULL, summary = NULL WHERE id = 1;"
                "UPDATE incident SET name = NULL, summary = NULL WHERE id = 2;"
                "UPDATE statement SET same_group = NULL WHERE id = 5;");
    rs_bundle *bundle = open_or_fail(path);
    rs_statement s;
    assert_true(rs_bundle_statement(bundle, 1, &s));
    assert_string_equal(s.slug, "");
    assert_string_equal(s.title, "");
    assert_string_equal(s.body, "");
    assert_string_equal(s.language, "");
    assert_string_equal(s.kind, "");
    assert_string_equal(s.countries[1].name, "GB");
    assert_string_equal(s.incidents[0].slug, "");
    assert_string_equal(s.incidents[0].name, "");
    assert_int_equal(s.same_as.count, 0); /* gamma is no longer in its group */
    rs_statement_clear(&s);
    assert_true(rs_bundle_statement(bundle, 5, &s));
    assert_int_equal(s.same_as.count, 0);
    rs_statement_clear(&s);

    rs_list_spec all = list_of(RS_LIST_ALL);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &all, 0, 1, &rows));
    assert_string_equal(rows.items[0].title, "");
    assert_string_equal(rows.items[0].language, "");
    rs_statement_rows_clear(&rows);
    expect_page(bundle, country_list("CN", -1), 0, 10, "1 (),3 ()");

    rs_incident_detail incident;
    assert_true(rs_bundle_incident(bundle, "unused-incident", &incident));
    assert_string_equal(incident.name, "");
    assert_string_equal(incident.summary, "");
    rs_incident_detail_clear(&incident);
    rs_country_detail country;
    assert_true(rs_bundle_country(bundle, "GB", &country));
    assert_string_equal(country.name, "GB");
    rs_country_detail_clear(&country);
    rs_facet_list facets;
    assert_true(rs_bundle_incidents(bundle, &facets));
    assert_string_equal(facets.items[0].key, "");
    assert_string_equal(facets.items[0].label, "");
    rs_facet_list_clear(&facets);
    char error[1024];
    rs_search_results results;
    assert_true(rs_bundle_search(bundle, "hack", 0, 10, &results, error, sizeof error));
    assert_int_equal(results.count, 1);
    assert_string_equal(results.items[0].slug, "");
    assert_string_equal(results.items[0].title, "");
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    free(path);
}

/* Party codes are 2..12 capitals and digits: anything else from the file
 * (too long, lower case, a blob, a number) is left out, never cut to fit
 * and taken for another party; a role or a kind this version does not know
 * likewise. */
static void test_bad_country_codes_and_roles(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "bad-codes.sqlite", 0);
    support_sql(path, "INSERT INTO statement_country VALUES('GBXYZABCDEFGH', 'accuser', 0, 1);" /* 13 characters */
                "INSERT INTO statement_country VALUES('G', 'speaker', 0, 1);"
                "INSERT INTO statement_country VALUES('cn', 'speaker', 0, 1);"
                "INSERT INTO statement_country VALUES('GB-X', 'speaker', 0, 1);"
                "INSERT INTO statement_country VALUES(X'4742', 'victim', 0, 1);" /* "GB" as a blob */
                "INSERT INTO statement_country VALUES(4.5, 'victim', 0, 1);"
                "INSERT INTO statement_country VALUES('CN', 'villain', 0, 1);"
                "INSERT INTO statement_country VALUES('NO', 'victim', 0, 1);" /* a country with no country row */
                "INSERT INTO statement_country VALUES('EU2', 'mentioned', 0, 1);" /* a party with none */
                "INSERT INTO country_statement VALUES('GBXYZABCDEFGH', 0, 1, 'accuser');"
                "INSERT INTO country VALUES('GBXYZABCDEFGH', 'country', 'Nowhere', NULL, NULL, 1, 0);"
                "INSERT INTO country VALUES('LONGPARTY1', 'organisation', 'Long party', 'LP', NULL, 0, 1);"
                "INSERT INTO country VALUES('ODDKIND', 'guild', 'Odd kind', NULL, NULL, 1, 0);"
                "INSERT INTO country VALUES('QUIET', 'company', 'Quiet', NULL, NULL, 0, 0);"
                "INSERT INTO name_order VALUES('en', 'party', 3, 'GBXYZABCDEFGH'), ('en', 'party', 4, 'LONGPARTY1'),"
                " ('en', 'party', 5, 'ODDKIND'), ('en', 'party', 6, 'QUIET');"
                "INSERT INTO country_role VALUES('CN', 'villain', 9);"
                "INSERT INTO country_role VALUES('CN', 'accuser', -4);");
    rs_bundle *bundle = open_or_fail(path);
    rs_statement s;
    assert_true(rs_bundle_statement(bundle, 1, &s));
    assert_int_equal(s.country_count, 4);
    assert_string_equal(s.countries[0].code, "CN");
    assert_string_equal(s.countries[0].roles, "speaker accused");
    assert_string_equal(s.countries[1].code, "EU2");
    assert_string_equal(s.countries[1].name, "EU2");
    assert_string_equal(s.countries[1].roles, "mentioned");
    assert_int_equal(s.countries[1].kind, 0);
    assert_string_equal(s.countries[2].code, "GB");
    assert_string_equal(s.countries[2].roles, "accuser"); /* not the blob's "victim" */
    assert_string_equal(s.countries[3].code, "NO");
    assert_string_equal(s.countries[3].name, "NO");
    assert_string_equal(s.countries[3].roles, "victim");
    rs_statement_clear(&s);
    expect_list(bundle, country_list("GB", -1), 2, "1 (accuser),5 (accuser)", "5 (accuser)");
    rs_country_detail country;
    assert_false(rs_bundle_country(bundle, "GBXYZABCDEFGH", &country));
    assert_false(rs_bundle_country(bundle, "ODDKIND", &country)); /* no such kind */
    assert_false(rs_bundle_country(bundle, "QUIET", &country));   /* in nothing: no page */
    assert_null(country.name);
    assert_true(rs_bundle_country(bundle, "LONGPARTY1", &country));
    assert_int_equal(country.kind, 1);
    assert_string_equal(country.name, "Long party");
    assert_string_equal(country.short_name, "LP");
    assert_int_equal(country.count, 0);
    assert_int_equal(country.event_count, 1);
    assert_int_equal(country.member_count, 0);
    rs_country_detail_clear(&country);
    assert_true(rs_bundle_country(bundle, "CN", &country));
    const int64_t cn_roles[5] = {2, 0, 1, 0, 0}; /* villain ignored, a negative count is 0 */
    for (int r = 0; r < 5; r++)
        assert_int_equal(country.role_counts[r], cn_roles[r]);
    rs_country_detail_clear(&country);
    rs_facet_list facets;
    assert_true(rs_bundle_countries(bundle, &facets));
    assert_int_equal(facets.count, 4);
    const char *keys[] = {"CN", "GB", "US", "LONGPARTY1"}; /* in name_order's order */
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(facets.items[i].key, keys[i]);
    assert_int_equal(facets.items[3].kind, 1);
    assert_int_equal(facets.items[3].event_count, 1);
    rs_facet_list_clear(&facets);
    rs_bundle_close(bundle);
    free(path);
}

static void test_bad_ranges_and_positions(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "bad-ranges.sqlite", 0);
    support_sql(path, "UPDATE month_count SET first_id = 1000 WHERE year = 2021 AND month = 7;"
                "UPDATE month_count SET first_id = 9223372036854775807, statement_count = 9223372036854775807"
                " WHERE year = 2021 AND month = 0;"
                "INSERT INTO month_count VALUES(2021, 13, 1, 1);"
                "INSERT INTO month_count VALUES(2021, -1, 1, 1);"
                "INSERT INTO month_count VALUES(2021, 'x', 1, 1);"
                "INSERT INTO month_count VALUES(2022, 1, -5, -5);"
                "INSERT INTO month_count VALUES(2022, 2, 3, 9223372036854775806);"
                "UPDATE year_count SET first_id = -3 WHERE year = 2020;"
                "UPDATE year_count SET statement_count = -2 WHERE year = 2021;"
                "UPDATE country_statement SET pos = -1 WHERE country_code = 'CN' AND pos = 0;"
                "UPDATE country_statement SET pos = 'zero' WHERE country_code = 'GB' AND pos = 0;"
                "UPDATE statement_country SET pos = -9223372036854775808 WHERE country_code = 'GB' AND pos = 1;"
                "UPDATE statement_incident SET pos = 9223372036854775807 WHERE incident_id = 1 AND pos = 1;"
                "UPDATE statement_incident SET statement_id = 9223372036854775807 WHERE incident_id = 1 AND pos = 0;"
                "UPDATE statement SET year = 'abc', month = 99, day = -4 WHERE id = 1;"
                "UPDATE statement SET year = 99999999999, month = 12.5, day = X'01' WHERE id = 4;");
    rs_bundle *bundle = open_or_fail(path);

    rs_facet_list months;
    assert_true(rs_bundle_months(bundle, 2021, &months));
    assert_int_equal(months.count, 2); /* months 13, -1 and 'x' left out */
    assert_string_equal(months.items[0].key, "2021-00");
    assert_int_equal(months.items[0].count, INT64_MAX);
    assert_string_equal(months.items[1].key, "2021-07");
    rs_facet_list_clear(&months);
    assert_true(rs_bundle_months(bundle, 2022, &months));
    assert_int_equal(months.count, 2);
    assert_int_equal(months.items[0].count, 0); /* a negative count is 0 */
    rs_facet_list_clear(&months);

    /* Ranges past the end, before the start, and at the edge of int64. */
    expect_count(bundle, month_list(2021, 7), 2);
    expect_page(bundle, month_list(2021, 7), 0, 10, "");
    expect_count(bundle, month_list(2021, 0), INT64_MAX);
    expect_page(bundle, month_list(2021, 0), 0, 10, "");
    expect_page(bundle, month_list(2021, 0), 1, SIZE_MAX, "");
    expect_page(bundle, month_list(2021, 0), INT64_MAX - 1, SIZE_MAX, "");
    expect_list(bundle, month_list(2022, 1), 0, "", "");
    expect_count(bundle, month_list(2022, 2), 3);
    expect_page(bundle, month_list(2022, 2), 0, 10, "");
    expect_page(bundle, month_list(2022, 2), 2, 10, "");
    expect_count(bundle, year_list(2020), 1);
    expect_page(bundle, year_list(2020), 0, 10, "");
    expect_list(bundle, year_list(2021), 0, "", "");

    /* Positions out of order: the lists skip what is not a position. */
    expect_page(bundle, country_list("CN", -1), 0, 10, "3 (speaker)");
    expect_page(bundle, country_list("CN", -1), -1, 10, "");
    expect_page(bundle, country_list("GB", -1), 0, 10, "5 (accuser)");
    expect_page(bundle, country_list("GB", 1), 0, 10, "1 (accuser)");
    expect_page(bundle, country_list("GB", 1), INT64_MIN, 10, "");
    expect_page(bundle, incident_list(1), 0, 10, "");
    expect_page(bundle, incident_list(1), INT64_MAX, 10, "2");
    expect_page(bundle, incident_list(1), INT64_MAX - 1, SIZE_MAX, "2");

    rs_statement s;
    assert_true(rs_bundle_statement(bundle, 1, &s));
    assert_int_equal(s.year, 0);
    assert_int_equal(s.month, 0);
    assert_int_equal(s.day, 0);
    assert_int_equal(s.incident_count, 0); /* its link now points at a statement that is not there */
    rs_statement_clear(&s);
    assert_true(rs_bundle_statement(bundle, 4, &s));
    assert_int_equal(s.year, 0);
    assert_int_equal(s.month, 12);
    assert_int_equal(s.day, 0);
    rs_statement_clear(&s);
    rs_bundle_close(bundle);
    free(path);
}

static void test_bad_meta_counts(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "bad-meta-huge.sqlite", 0);
    support_sql(path, "UPDATE meta SET value = '9223372036854775807' WHERE key = 'statement_count';"
                "UPDATE meta SET value = '9223372036854775807' WHERE key = 'undated_first_id';");
    rs_bundle *bundle = open_or_fail(path);
    expect_count(bundle, list_of(RS_LIST_ALL), INT64_MAX);
    expect_page(bundle, list_of(RS_LIST_ALL), 0, 10, "1,2,3,4,5");
    expect_page(bundle, list_of(RS_LIST_ALL), 3, SIZE_MAX, "4,5");
    expect_page(bundle, list_of(RS_LIST_ALL), INT64_MAX - 1, SIZE_MAX, "");
    expect_count(bundle, list_of(RS_LIST_UNDATED), 1);
    expect_page(bundle, list_of(RS_LIST_UNDATED), 0, SIZE_MAX, "");
    rs_bundle_close(bundle);
    free(path);

    path = support_copy_file(mini_bundle, scratch, "bad-meta-past.sqlite", 0);
    support_sql(path, "UPDATE meta SET value = '99' WHERE key = 'undated_first_id';"
                "UPDATE meta SET value = '-5' WHERE key = 'statement_count';");
    bundle = open_or_fail(path);
    expect_list(bundle, list_of(RS_LIST_ALL), 0, "", "");
    expect_list(bundle, list_of(RS_LIST_UNDATED), 0, "", "");
    rs_bundle_close(bundle);
    free(path);

    /* Not a number, or missing: the list cannot be read. */
    path = support_copy_file(mini_bundle, scratch, "bad-meta-text.sqlite", 0);
    support_sql(path, "UPDATE meta SET value = '5 statements' WHERE key = 'statement_count';"
                "DELETE FROM meta WHERE key = 'undated_first_id';");
    bundle = open_or_fail(path);
    int64_t count = 7;
    rs_list_spec spec = list_of(RS_LIST_ALL);
    rs_statement_rows rows;
    assert_false(rs_bundle_list_count(bundle, &spec, &count));
    assert_int_equal(count, 0);
    assert_false(rs_bundle_list_page(bundle, &spec, 0, 10, &rows));
    assert_int_equal(rows.count, 0);
    spec = list_of(RS_LIST_UNDATED);
    assert_false(rs_bundle_list_count(bundle, &spec, &count));
    assert_false(rs_bundle_list_page(bundle, &spec, 0, 10, &rows));
    expect_list(bundle, year_list(2021), 3, "2,3,4", "4"); /* the other lists still work */
    rs_bundle_close(bundle);
    free(path);
}

/* A table whose columns are not the format's: queries cannot be prepared,
 * and every call says so with false instead of crashing. */
static void test_wrong_tables(void **state)
{
    (void)state;
    char *path = support_copy_file(mini_bundle, scratch, "wrong-tables.sqlite", 0);
    support_sql(path, "DROP TABLE month_count; CREATE TABLE month_count(x);"
                "DROP TABLE statement_incident; CREATE TABLE statement_incident(y);");
    rs_bundle *bundle = open_or_fail(path);
    rs_facet_list months;
    assert_false(rs_bundle_months(bundle, 2021, &months));
    assert_int_equal(months.count, 0);
    rs_list_spec spec = month_list(2021, 7);
    int64_t count;
    rs_statement_rows rows;
    assert_false(rs_bundle_list_count(bundle, &spec, &count));
    assert_false(rs_bundle_list_page(bundle, &spec, 0, 10, &rows));
    /* Asked twice: a failed prepare is not kept. */
    assert_false(rs_bundle_list_page(bundle, &spec, 0, 10, &rows));
    rs_statement s;
    assert_false(rs_bundle_statement(bundle, 1, &s));
    assert_null(s.slug);
    assert_null(s.countries);
    expect_list(bundle, year_list(2021), 3, "2,3,4", "4");
    rs_bundle_close(bundle);
    free(path);
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
             "Format       version 5, built 2021-07-20T00:00:00Z by rostrum-bundle " ROSTRUM_VERSION "\n"
             "Statements   5, dated 2019-02-12 to 2021-07-20, 0 undated\n"
             "Events       13\n"
             "Languages    en\n"
             "Years        3\n"
             "  2021 (3)\n"
             "  2020 (1)\n"
             "  2019 (1)\n"
             "Parties      16\n"
             "  AU  Australia (0; 1 event)\n"
             "  CA  Canada (0; 1 event)\n"
             "  CN  China (5; 13 events)\n"
             "  EU  European Union, organisation (0; 1 event)\n"
             "  IR  Iran (0; 1 event)\n"
             "  JP  Japan (0; 1 event)\n"
             "  MSFT  Microsoft, company (0; 1 event)\n"
             "  NZ  New Zealand (0; 1 event)\n"
             "  NATO  North Atlantic Treaty Organization, alliance (0; 1 event)\n"
             "  KP  North Korea (0; 1 event)\n"
             "  NO  Norway (1; 2 events)\n"
             "  RAPID7  Rapid7, company (0; 1 event)\n"
             "  RECFUTURE  Recorded Future, company (0; 2 events)\n"
             "  RU  Russian Federation (1; 1 event)\n"
             "  GB  United Kingdom (4; 5 events)\n"
             "  US  United States (3; 5 events)\n"
             "Incidents    3\n"
             "  2019-02    norwegian-software-firm-breach-2019  Reported breach of a Norwegian software firm (1; 4 "
             "events)\n"
             "  2020       covid-19-research-hacking-2020  Accusations of hacking COVID-19 research (1; 3 events)\n"
             "  2021-03    microsoft-exchange-server-hack-2021  Microsoft Exchange Server hack (3; 6 events)\n"
             "OK\n",
             corpus_bundle);
    assert_string_equal(output, want);
    free(output);

    /* Parties with their kinds, and events beside statements. */
    snprintf(command, sizeof command, "'%s' check '%s'", ROSTRUM_BUNDLE_TOOL, thread_bundle);
    assert_int_equal(support_run(command, &output), 0);
    snprintf(want, sizeof want,
             "Bundle       %s\n"
             "Title        Thread test collection\n"
             "Format       version 5, built 2021-07-20T00:00:00Z by rostrum-bundle " ROSTRUM_VERSION "\n"
             "Statements   6, dated 2020-01-01 to 2021-07-21, 1 undated\n"
             "Events       6\n"
             "Languages    en,zh-Hans\n"
             "Years        2\n"
             "  2021 (4)\n"
             "  2020 (1)\n"
             "Parties      6\n"
             "  CN  China (4; 4 events)\n"
             "  EU  European Union, organisation (1; 2 events)\n"
             "  MSFT  Microsoft, company (2; 2 events)\n"
             "  RU  Russian Federation (0; 1 event)\n"
             "  GB  United Kingdom (1; 1 event)\n"
             "  US  United States (1; 1 event)\n"
             "Incidents    2\n"
             "  2020       second-incident  Second incident (1; 2 events)\n"
             "  2021-03    exchange-hack  Exchange hack (4; 4 events)\n"
             "OK\n",
             thread_bundle);
    assert_string_equal(output, want);
    free(output);

    char *path = support_copy_file(mini_bundle, scratch, "cli-trigger.sqlite", 0);
    support_sql(path, "CREATE TRIGGER t_evil AFTER INSERT ON outlet BEGIN DELETE FROM outlet; END");
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
        cmocka_unit_test(test_special_files),
        cmocka_unit_test(test_truncated),         cmocka_unit_test(test_zeroed_pages),
        cmocka_unit_test(test_foreign_and_newer), cmocka_unit_test(test_tampered_schema),
        cmocka_unit_test(test_verify_builder_output),
        cmocka_unit_test(test_never_written),     cmocka_unit_test(test_facets), cmocka_unit_test(test_latest_incident),
        cmocka_unit_test(test_country_names_by_language),
        cmocka_unit_test(test_search_english),    cmocka_unit_test(test_search_cjk_and_cyrillic),
        cmocka_unit_test(test_search_stemming), cmocka_unit_test(test_search_every_word),
        cmocka_unit_test(test_search_odd_queries), cmocka_unit_test(test_search_snippets),
        cmocka_unit_test(test_search_languages),  cmocka_unit_test(test_search_short_queries),
        cmocka_unit_test(test_search_typing),     cmocka_unit_test(test_search_ranked_bound),
        cmocka_unit_test(test_suggestions),       cmocka_unit_test(test_cjk_term_chips),       cmocka_unit_test(test_highlights),
        cmocka_unit_test(test_months),            cmocka_unit_test(test_date_lists),
        cmocka_unit_test(test_list_rows),         cmocka_unit_test(test_country_lists),
        cmocka_unit_test(test_incident_lists),    cmocka_unit_test(test_statement),
        cmocka_unit_test(test_translations),
        cmocka_unit_test(test_incident_and_country_detail), cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_null_values),       cmocka_unit_test(test_bad_country_codes_and_roles),
        cmocka_unit_test(test_bad_ranges_and_positions), cmocka_unit_test(test_bad_meta_counts),
        cmocka_unit_test(test_wrong_tables),
        cmocka_unit_test(test_thread_pages),      cmocka_unit_test(test_party_events),
        cmocka_unit_test(test_party_detail),      cmocka_unit_test(test_partial_and_note),
        cmocka_unit_test(test_translated_names),  cmocka_unit_test(test_thread_hostile),
        cmocka_unit_test(test_check_command),     cmocka_unit_test(test_search_command),
    };
    return cmocka_run_group_tests(tests, build_bundles, remove_bundles);
}
