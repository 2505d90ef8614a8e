/* The builder end to end: folder-level checks with their exact messages,
 * the exact rows of the sample corpus, determinism and atomicity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder.h"
#include "bundle_format.h"
#include "support.h"

/* thread.c's first-sentence rule (builder_private.h, whose struct build
 * this file's build() would clash with). */
#define LEDE_SIZE (RS_LEDE_MAX_BYTES + 1)
char *thread_lede(const char *body, size_t size, char out[LEDE_SIZE]);

#define MINI ROSTRUM_FIXTURES "/sources/mini"
#define THREAD ROSTRUM_FIXTURES "/sources/thread"
#define CORPUS ROSTRUM_SOURCE_DIR "/db/corpus"

typedef struct fixture {
    char *dir;    /* scratch folder */
    char *source; /* dir/src: a copy of the mini fixture */
    char *out;    /* dir/out.sqlite */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = support_temp_dir();
    f->source = support_path(f->dir, "src");
    f->out = support_path(f->dir, "out.sqlite");
    if (mkdir(f->source, 0755) != 0)
        return -1;
    support_copy_dir(MINI, f->source);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    support_remove_tree(f->dir);
    free(f->dir), free(f->source), free(f->out), free(f);
    return 0;
}

static bool build(const char *source, const char *out, rs_diags *diags, int64_t when)
{
    rs_build_options options = {.source_dir = source, .output_path = out, .build_time = when};
    return rs_build(&options, diags, NULL);
}

/* Builds f->source and checks the diagnostics, with "SRC" in the expected
 * text standing for the source folder. */
static void expect_build_errors(fixture *f, const char *const *expected)
{
    rs_diags *diags = rs_diags_create();
    assert_false(build(f->source, f->out, diags, 0));
    size_t n = 0;
    while (expected[n])
        n++;
    for (size_t i = 0; i < n || i < rs_diags_count(diags); i++) {
        char want[1024] = "(none)";
        if (i < n) {
            const char *at = strstr(expected[i], "SRC");
            snprintf(want, sizeof want, "%.*s%s%s", (int)(at - expected[i]), expected[i], f->source, at + 3);
            char *again = strstr(want + (at - expected[i]) + strlen(f->source), "SRC");
            if (again) { /* a second folder mention */
                char tail[1024];
                snprintf(tail, sizeof tail, "%s%s", f->source, again + 3);
                strcpy(again, tail);
            }
        }
        const char *got = rs_diags_get(diags, i);
        if (!got || strcmp(got, want) != 0)
            fail_msg("diagnostic %zu:\n   got: %s\n  want: %s", i, got ? got : "(none)", want);
    }
    rs_diags_destroy(diags);
    assert_false(support_exists(f->out));
}

#define EXPECT(...) ((const char *const[]){__VA_ARGS__, NULL})

static void test_duplicate_id(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "z.txt", "---\nid: alpha\ntitle: Copy\nlanguage: en\nkind: report\n---\nBody.\n");
    expect_build_errors(f, EXPECT("SRC/z.txt:2: duplicate id 'alpha' (also used by SRC/a.txt:2)"));
}

static void test_same_as_nowhere(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "z.txt",
                       "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\nsame_as: nobody\n---\nBody.\n");
    expect_build_errors(f, EXPECT("SRC/z.txt:6: same_as 'nobody' does not match any statement id"));
}

static void test_unknown_incident(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "z.txt",
                       "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\nincidents:\n  - test-incident\n"
                       "  - no-such-incident\n---\nBody.\n");
    expect_build_errors(f, EXPECT("SRC/z.txt:8: unknown incident 'no-such-incident' (not defined in SRC/incidents.yaml)"));
}

/* A near miss gets a hint, as an id does. */
static void test_unknown_incident_hint(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "z.txt",
                       "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\nincidents: [test-incidnet, unused-incident]\n"
                       "---\nBody.\n");
    expect_build_errors(f, EXPECT("SRC/z.txt:6: unknown incident 'test-incidnet' (not defined in SRC/incidents.yaml); "
                                  "did you mean 'test-incident'?"));
}

/* An outlet is one row with one name per language: two statements may not
 * translate it differently. */
static void test_outlet_translated_twice(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "y.txt",
                       "---\nid: yod\ntitle: Y\nlanguage: en\nkind: report\noutlet: {en: Test Outlet, ru: Один}\n"
                       "---\nBody.\n");
    support_write_text(f->source, "z.txt",
                       "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\noutlet: {en: Test Outlet, ru: Другой}\n"
                       "---\nBody.\n");
    expect_build_errors(f, EXPECT("SRC/z.txt:6: outlet 'Test Outlet' in ru is 'Другой' here but 'Один' in SRC/y.txt:6 "
                                  "(translate it the same way everywhere)"));
}

static void test_every_problem_reported(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "y.txt", "---\nid: why\ntitle: Y\nlanguage: en\nkind: report\ndate: 2021-02-30\n---\n");
    char *path = support_path(f->source, "z.txt");
    support_write_file(path, "---\nid: zed\ntitle: Z\xFF\n", 21);
    free(path);
    support_write_text(f->source, "incidents.yaml", "- slug: test-incident\n  name: T\n");
    expect_build_errors(f, EXPECT("SRC/incidents.yaml:1: incident is missing required field 'summary'",
                                  "SRC/y.txt:6: impossible date '2021-02-30' (February 2021 has 28 days)",
                                  "SRC/y.txt:7: empty body (write the statement's text after this closing '---')",
                                  "SRC/z.txt:3: invalid UTF-8 at byte offset 20 (save the file as UTF-8)"));
}

static void test_missing_folder_files(void **state)
{
    fixture *f = *state;
    char *empty = support_path(f->dir, "empty");
    mkdir(empty, 0755);
    rs_diags *diags = rs_diags_create();
    assert_false(build(empty, f->out, diags, 0));
    char want[2][512];
    snprintf(want[0], sizeof want[0], "%s/bundle.yaml: cannot open: No such file or directory", empty);
    snprintf(want[1], sizeof want[1], "%s: no statement files (*.txt) in the source folder", empty);
    assert_int_equal(rs_diags_count(diags), 2);
    assert_string_equal(rs_diags_get(diags, 0), want[0]);
    assert_string_equal(rs_diags_get(diags, 1), want[1]);
    rs_diags_destroy(diags);
    free(empty);
}

/* A FIFO named like a statement file, or as incidents.yaml or bundle.yaml,
 * hung the build for ever; /dev/zero as bundle.yaml was read to 16 MB and
 * called "a statement file". alarm() turns a hang back into a failure. */
static void test_special_source_files(void **state)
{
    fixture *f = *state;
    char *fifo = support_path(f->source, "x.txt");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    alarm(20);
    expect_build_errors(f, EXPECT("SRC/x.txt: is a FIFO, not a regular file"));
    unlink(fifo);
    free(fifo);

    char *incidents = support_path(f->source, "incidents.yaml");
    unlink(incidents);
    assert_int_equal(mkfifo(incidents, 0644), 0);
    char *bundle = support_path(f->source, "bundle.yaml");
    unlink(bundle);
    assert_int_equal(symlink("/dev/zero", bundle), 0);
    char *folder = support_path(f->source, "folder.txt");
    assert_int_equal(mkdir(folder, 0755), 0);
    char *parties = support_path(f->source, "parties.yaml");
    assert_int_equal(mkfifo(parties, 0644), 0);
    expect_build_errors(f, EXPECT("SRC/bundle.yaml: is a character device, not a regular file",
                                  "SRC/parties.yaml: is a FIFO, not a regular file",
                                  "SRC/incidents.yaml: is a FIFO, not a regular file",
                                  "SRC/folder.txt: is a directory, not a regular file"));
    alarm(0);
    free(incidents), free(bundle), free(folder), free(parties);
}

/* ---- reading a built bundle back ---- */

/* All rows of a query as "a|b|c" lines joined by "\n"; NULL shown as "-". */
static char *rows(const char *bundle, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(bundle, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    size_t capacity = 1 << 16, length = 0;
    char *out = calloc(1, capacity);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (length)
            out[length++] = '\n';
        for (int c = 0; c < sqlite3_column_count(stmt); c++) {
            const char *text = (const char *)sqlite3_column_text(stmt, c);
            length += (size_t)snprintf(out + length, capacity - length, "%s%s", c ? "|" : "", text ? text : "-");
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

static void assert_rows(const char *bundle, const char *sql, const char *expected)
{
    char *got = rows(bundle, sql);
    if (strcmp(got, expected) != 0)
        fail_msg("%s\n--- got:\n%s\n--- want:\n%s", sql, got, expected);
    free(got);
}

static void test_corpus_rows(void **state)
{
    fixture *f = *state;
    rs_diags *diags = rs_diags_create();
    assert_true(build(CORPUS, f->out, diags, 1626739200));
    assert_int_equal(rs_diags_count(diags), 0);
    rs_diags_destroy(diags);

    assert_rows(f->out, "PRAGMA application_id", "1381192786");
    assert_rows(f->out, "PRAGMA user_version", "5");
    assert_rows(f->out,
                "SELECT s.id, slug, date, year, month, day, o.name, same_as_id, same_group, language, kind,"
                " date_note IS NOT NULL, title_note IS NOT NULL, source_path"
                " FROM statement s LEFT JOIN outlet o ON o.id = outlet_id ORDER BY s.id",
                "1|xinhua-2019-02-12-stop-tarnishing-china|2019-02-12|2019|2|12|Xinhua|-|-|en|response|1|0|"
                "xinhua-2019-02-12-stop-tarnishing-china.txt\n"
                "2|embassy-2020-covid-19-research-remarks|2020-07-22|2020|7|22|Embassy of the People's Republic of "
                "China in the United Kingdom|-|-|en|response|1|0|embassy-2020-covid-19-research-remarks.txt\n"
                "3|mfa-2021-uk-smear-state-sponsored-hackers|2021-05-13|2021|5|13|-|-|-|en|response|1|1|"
                "mfa-2021-uk-smear-state-sponsored-hackers.txt\n"
                "4|embassy-2021-07-20-exchange-accusation|2021-07-20|2021|7|20|Embassy of the People's Republic of "
                "China in the United Kingdom|-|4|en|response|1|0|embassy-2021-07-20-exchange-accusation.txt\n"
                "5|xinhua-2021-07-20-embassy-exchange-accusation|2021-07-20|2021|7|20|Xinhua|4|4|en|response|0|0|"
                "xinhua-2021-07-20-embassy-exchange-accusation.txt");
    assert_rows(f->out, "SELECT s.id, p.name, p.role FROM statement s JOIN speaker p ON p.id = speaker_id ORDER BY s.id",
                "1|Hua Chunying|Spokesperson, Ministry of Foreign Affairs of China\n"
                "2|Unnamed spokesperson|Spokesperson, Embassy of the People's Republic of China in the United Kingdom\n"
                "3|Hua Chunying|Spokesperson, Ministry of Foreign Affairs of China\n"
                "4|Unnamed spokesperson|Spokesperson, Embassy of the People's Republic of China in the United Kingdom\n"
                "5|Unnamed spokesperson|Spokesperson, Embassy of the People's Republic of China in the United Kingdom");
    assert_rows(f->out, "SELECT * FROM year_count ORDER BY year", "2019|1|1\n2020|1|2\n2021|3|3");
    assert_rows(f->out, "SELECT * FROM month_count ORDER BY year, month", "2019|2|1|1\n2020|7|1|2\n2021|5|1|3\n2021|7|2|4");
    assert_rows(f->out, "SELECT code, name, statement_count FROM country WHERE statement_count > 0 OR event_count > 0"
                " ORDER BY code",
                "AU|Australia|0\nCA|Canada|0\nCN|China|5\nEU|European Union|0\nGB|United Kingdom|4\nIR|Iran|0\n"
                "JP|Japan|0\nKP|North Korea|0\nMSFT|Microsoft|0\nNATO|North Atlantic Treaty Organization|0\nNO|Norway|1\n"
                "NZ|New Zealand|0\nRAPID7|Rapid7|0\nRECFUTURE|Recorded Future|0\nRU|Russian Federation|1\n"
                "US|United States|3");
    /* The members of the EU and NATO that have no statement and no event:
     * a row each, with counts 0, so that the party pages name them. */
    assert_rows(f->out, "SELECT group_concat(code, ' '), count(*), sum(kind = 'country') FROM (SELECT code, kind"
                " FROM country WHERE statement_count = 0 AND event_count = 0 ORDER BY code)",
                "AL AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LT LU LV ME MK MT NL PL PT RO SE SI SK TR|32|32");
    assert_rows(f->out, "SELECT code, language, name FROM country_name WHERE code = 'DE' ORDER BY 1, 2",
                "DE|ar|ألمانيا\nDE|es|Alemania\nDE|fr|Allemagne\nDE|ru|Германия\nDE|zh_CN|德国");
    assert_rows(f->out, "SELECT * FROM country_role ORDER BY 1, 2",
                "CN|accused|5\nCN|speaker|5\nGB|accuser|4\nNO|victim|1\nRU|mentioned|1\nUS|accuser|1\nUS|mentioned|2");
    assert_rows(f->out, "SELECT * FROM country_statement WHERE country_code IN ('CN', 'US') ORDER BY 1, 2",
                "CN|0|1|speaker accused\nCN|1|2|speaker accused\nCN|2|3|speaker accused\nCN|3|4|speaker accused\n"
                "CN|4|5|speaker accused\nUS|0|2|accuser\nUS|1|4|mentioned\nUS|2|5|mentioned");
    assert_rows(f->out, "SELECT * FROM statement_country WHERE country_code = 'GB' ORDER BY 1, 2, 3",
                "GB|accuser|0|2\nGB|accuser|1|3\nGB|accuser|2|4\nGB|accuser|3|5");
    assert_rows(f->out, "SELECT id, slug, name, date, statement_count FROM incident ORDER BY id",
                "1|norwegian-software-firm-breach-2019|Reported breach of a Norwegian software firm|2019-02|1\n"
                "2|covid-19-research-hacking-2020|Accusations of hacking COVID-19 research|2020|1\n"
                "3|microsoft-exchange-server-hack-2021|Microsoft Exchange Server hack|2021-03|3");
    assert_rows(f->out, "SELECT * FROM statement_incident ORDER BY 1, 2", "1|0|1\n2|0|2\n3|0|3\n3|1|4\n3|2|5");
    assert_rows(f->out, "SELECT id, incident_id, date, kind FROM event ORDER BY id",
                "1|1|2018-12-20|indictment\n2|1|2018-12-20|attribution\n3|1|2019-02-06|report\n4|1|2019-02-06|report\n"
                "5|2|2020-05-13|report\n6|2|2020-07-21|indictment\n7|2|2020-07-22|attribution\n"
                "8|3|2021-03-02|disclosure\n9|3|2021-05-12|other\n10|3|2021-07-19|attribution\n"
                "11|3|2021-07-19|attribution\n12|3|2021-07-19|attribution\n13|3|2021-07-19|attribution");
    assert_rows(f->out, "SELECT key, value FROM meta WHERE key NOT IN ('title', 'description', 'builder') ORDER BY key",
                "built_at|2021-07-20T00:00:00Z\ncountry_count|16\ndate_first|2019-02-12\ndate_last|2021-07-20\n"
                "event_count|13\nformat_version|5\nincident_count|3\nlanguage|en\nlanguages|en\n"
                "map_projection|Equal Earth\nmap_source|DCW-GMT 2.1.1\noutlet_count|2\nstatement_count|5\n"
                "tokenizer|rostrum\nundated_count|0\nundated_first_id|0");
    assert_rows(f->out, "SELECT value FROM meta WHERE key = 'title'", "Answering accusations of state hacking, 2019–2021");
    assert_rows(f->out, "SELECT name FROM sqlite_schema WHERE type IN ('trigger', 'view')", "");
}

/* translation_of is checked as same_as is, with a hint for a near miss. */
static void test_translation_of_nowhere(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "y.txt",
                       "---\nid: yod\ntitle: Y\nlanguage: en\nkind: report\nsame_as: alpah\n---\nBody.\n");
    support_write_text(f->source, "z.txt",
                       "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\ntranslation_of: nobody\n---\nBody.\n");
    support_write_text(f->source, "zz.txt",
                       "---\nid: zz\ntitle: Z\nlanguage: en\nkind: report\ntranslation_of: betta\n---\nBody.\n");
    support_write_text(f->source, "zzz.txt",
                       "---\nid: zzz\ntitle: Z\nlanguage: en\nkind: report\ntranslation_of: zzz\n---\nBody.\n");
    /* The file's own check comes first, the folder's cross-checks after. */
    expect_build_errors(f, EXPECT("SRC/zzz.txt:6: translation_of names this statement itself (name the statement "
                                  "it translates)",
                                  "SRC/y.txt:6: same_as 'alpah' does not match any statement id; did you mean 'alpha'?",
                                  "SRC/z.txt:6: translation_of 'nobody' does not match any statement id",
                                  "SRC/zz.txt:6: translation_of 'betta' does not match any statement id; did you "
                                  "mean 'beta'?"));
}

/* A translation of a translation joins the original's group: one group,
 * numbered by its smallest id, whichever way the links point. */
static void test_translation_chain(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "t1.txt",
                       "---\nid: t-one\ntitle: T1\ndate: 2022\nlanguage: fr\nkind: report\ntranslation_of: beta\n"
                       "---\nUn.\n");
    support_write_text(f->source, "t2.txt",
                       "---\nid: t-two\ntitle: T2\ndate: 2019\nlanguage: de\nkind: report\ntranslation_of: t-one\n"
                       "---\nZwei.\n");
    rs_diags *diags = rs_diags_create();
    assert_true(build(f->source, f->out, diags, 0));
    rs_diags_destroy(diags);
    assert_rows(f->out, "SELECT id, slug, translation_of_id, translation_group FROM statement ORDER BY id",
                "1|t-two|6|1\n2|alpha|-|-\n3|delta|-|-\n4|beta|-|1\n5|epsilon|-|-\n6|t-one|4|1\n7|gamma|-|-");
}

/* Every body comes back byte for byte as the text after the header. */
static void test_bodies_unchanged(void **state)
{
    fixture *f = *state;
    rs_diags *diags = rs_diags_create();
    assert_true(build(CORPUS, f->out, diags, 0));
    rs_diags_destroy(diags);
    DIR *d = opendir(CORPUS);
    struct dirent *e;
    int checked = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
            continue;
        char *path = support_path(CORPUS, e->d_name);
        char *text = support_read_file(path, NULL);
        char *body = strstr(text + 3, "\n---\n") + 5;
        while (*body == '\n')
            body++;
        size_t length = strlen(body);
        while (length && body[length - 1] == '\n')
            body[--length] = '\0';
        char sql[512];
        snprintf(sql, sizeof sql,
                 "SELECT t.body FROM statement s JOIN statement_text t ON t.id = s.id WHERE s.source_path = '%s'",
                 e->d_name);
        assert_rows(f->out, sql, body);
        free(text);
        free(path);
        checked++;
    }
    closedir(d);
    assert_int_equal(checked, 5);
}

static void test_mini_rows(void **state)
{
    fixture *f = *state;
    rs_diags *diags = rs_diags_create();
    assert_true(build(f->source, f->out, diags, 0));
    rs_diags_destroy(diags);
    assert_rows(f->out, "SELECT id, slug, date, same_as_id, same_group FROM statement ORDER BY id",
                "1|alpha|2020-05-01|-|1\n2|delta|2021|-|-\n3|beta|2021-07|-|-\n4|epsilon|2021-07-20|-|-\n5|gamma|-|1|1");
    assert_rows(f->out, "SELECT t.body FROM statement s JOIN statement_text t ON t.id = s.id WHERE s.slug = 'epsilon'",
                "Line one.\nLine two.");
    assert_rows(f->out, "SELECT value FROM meta WHERE key IN ('languages', 'undated_count', 'undated_first_id') ORDER BY key",
                "en,ru,zh-Hans\n1\n5");
    assert_rows(f->out, "SELECT slug, statement_count FROM incident ORDER BY id", "test-incident|2\nunused-incident|0");
    assert_rows(f->out, "SELECT * FROM month_count", "2020|5|1|1\n2021|0|1|2\n2021|7|2|3");
    assert_rows(f->out, "SELECT name, role FROM speaker ORDER BY id", "A. Speaker|Spokesperson\n华春莹|-");
}

/* ---- format 3: parties, events, the thread, translations ---- */

static void build_thread_fixture(fixture *f)
{
    rs_diags *diags = rs_diags_create();
    bool built = build(THREAD, f->out, diags, 0);
    for (size_t i = 0; i < rs_diags_count(diags); i++)
        print_message("%s\n", rs_diags_get(diags, i));
    assert_true(built);
    rs_diags_destroy(diags);
}

/* Format 4: event keys, incident spans, lanes and answers, incident_party
 * (the timeline's and the incident map's rows; the spans fixture's lanes
 * are asserted through the queries in test_timeline_store.c). */
static void test_timeline_rows(void **state)
{
    fixture *f = *state;
    build_thread_fixture(f);
    assert_rows(f->out, "SELECT id, key FROM event ORDER BY id",
                "1|20200000\n2|20210302\n3|20210700\n4|20210720\n5|-\n6|-");
    assert_rows(f->out, "SELECT id, first_key, last_key, lane, answer_count FROM incident ORDER BY id",
                "1|20210302|20210721|0|5\n2|20200000|20200000|0|1");
    assert_rows(f->out, "SELECT * FROM incident_party ORDER BY 1, 2",
                "1|CN|speaker accused|3|4\n1|EU|accuser|1|1\n1|GB|accuser|1|1\n1|MSFT|speaker accuser|1|1\n"
                "1|US|accuser mentioned|1|1\n2|EU|mentioned|0|1\n2|MSFT|accuser victim|1|1\n2|RU|accused|0|1");
    rs_diags *diags = rs_diags_create();
    assert_true(build(CORPUS, f->out, diags, 1626739200));
    rs_diags_destroy(diags);
    assert_rows(f->out, "SELECT group_concat(key, ' ') FROM (SELECT key FROM event ORDER BY id)",
                "20181220 20181220 20190206 20190206 20200513 20200721 20200722 20210302 20210512 20210719 20210719"
                " 20210719 20210719");
    assert_rows(f->out, "SELECT id, first_key, last_key, lane, answer_count FROM incident ORDER BY id",
                "1|20181220|20190212|0|1\n2|20200513|20200722|0|1\n3|20210302|20210720|0|3");
    assert_rows(f->out, "SELECT * FROM incident_party ORDER BY 1, 2",
                "1|CN|speaker accused|1|4\n1|GB|accuser|0|1\n1|NO|victim|1|2\n1|RAPID7|accuser|0|1\n"
                "1|RECFUTURE|accuser mentioned|0|2\n1|US|accuser|0|1\n2|CN|speaker accused|1|3\n"
                "2|GB|accuser victim|1|2\n2|US|accuser victim mentioned|1|3\n3|AU|mentioned|0|1\n"
                "3|CA|mentioned|0|1\n3|CN|speaker accused|3|6\n3|EU|accuser|0|1\n3|GB|accuser|3|2\n"
                "3|IR|accused|0|1\n3|JP|mentioned|0|1\n3|KP|accused|0|1\n3|MSFT|accuser|0|1\n3|NATO|accuser|0|1\n"
                "3|NZ|mentioned|0|1\n3|RU|accused mentioned|1|1\n3|US|accuser mentioned|2|1");
}

static void test_thread_events(void **state)
{
    fixture *f = *state;
    build_thread_fixture(f);
    /* Ids in time order over the collection; on one date by incident, then as written. */
    assert_rows(f->out,
                "SELECT id, incident_id, date, year, month, day, date_note, kind, summary, url, source_path, source_line"
                " FROM event ORDER BY id",
                "1|2|2020|2020|-|-|-|report|A report named a culprit.|https://example.org/report|incidents.yaml|33\n"
                "2|1|2021-03-02|2021|3|2|-|disclosure|Microsoft disclosed attacks on its mail servers."
                "|https://example.org/disclosure|incidents.yaml|6\n"
                "3|1|2021-07|2021|7|-|Only the month is known.|attribution|Governments attributed the hack."
                "|https://example.org/attribution|incidents.yaml|11\n"
                "4|1|2021-07-20|2021|7|20|-|indictment|An indictment was unsealed.|https://example.org/indictment"
                "|incidents.yaml|20\n"
                "5|1|-|-|-|-|-|denial|A denial without a date.|-|incidents.yaml|25\n"
                "6|2|-|-|-|-|-|other|An undated mention.|-|incidents.yaml|38");
    assert_rows(f->out, "SELECT * FROM event_party ORDER BY 1, 2",
                "1|MSFT|accuser\n1|RU|accused\n2|CN|accused\n2|MSFT|speaker accuser\n3|CN|accused\n3|EU|accuser\n"
                "3|GB|accuser\n4|CN|accused\n4|US|accuser\n5|CN|speaker\n6|EU|mentioned");
    assert_rows(f->out, "SELECT * FROM party_event ORDER BY 1, 2",
                "CN|0|2|accused\nCN|1|3|accused\nCN|2|4|accused\nCN|3|5|speaker\nEU|0|3|accuser\nEU|1|6|mentioned\n"
                "GB|0|3|accuser\nMSFT|0|1|accuser\nMSFT|1|2|speaker accuser\nRU|0|1|accused\nUS|0|4|accuser");
    assert_rows(f->out, "SELECT slug, statement_count, event_count FROM incident ORDER BY id",
                "exchange-hack|4|4\nsecond-incident|1|2");
    assert_rows(f->out, "SELECT id, slug, date, partial, note FROM statement ORDER BY id",
                "1|long-zh|2020-01-01|0|-\n2|vendor-patch|2021-03-02|0|-\n"
                "3|exchange-excerpt|2021-07|1|Only the first paragraph survives.\n"
                "4|exchange-response|2021-07-20|0|-\n5|exchange-response-zh|2021-07-21|0|-\n6|undated-victim|-|0|-");
    /* On one date (and on one month) the event comes first; undated last. */
    assert_rows(f->out, "SELECT * FROM incident_thread ORDER BY 1, 2",
                "1|0|-|2\n1|1|2|-\n1|2|-|3\n1|3|3|-\n1|4|-|4\n1|5|4|-\n1|6|5|-\n1|7|-|5\n"
                "2|0|-|1\n2|1|-|6\n2|2|6|-");
}

static void test_thread_parties(void **state)
{
    fixture *f = *state;
    build_thread_fixture(f);
    /* Every party with a statement or an event; FVEY has neither. EU's
     * members DE, FR and NL have neither either, but a row each (counts 0)
     * so that the EU's page names them; FVEY's members (AU, CA, NZ) none. */
    assert_rows(f->out, "SELECT * FROM country ORDER BY code",
                "CN|country|China|-|People's Republic of China|4|4\n"
                "DE|country|Germany|-|Federal Republic of Germany|0|0\n"
                "EU|organisation|European Union|EU|-|1|2\n"
                "FR|country|France|-|French Republic|0|0\n"
                "GB|country|United Kingdom|-|United Kingdom of Great Britain and Northern Ireland|1|1\n"
                "MSFT|company|Microsoft|-|-|2|2\n"
                "NL|country|Netherlands|-|Kingdom of the Netherlands|0|0\n"
                "RU|country|Russian Federation|-|-|0|1\n"
                "US|country|United States|-|United States of America|1|1");
    assert_rows(f->out, "SELECT * FROM country_name WHERE code IN ('EU', 'MSFT', 'FVEY') ORDER BY 1, 2",
                "EU|ru|Европейский союз|ЕС\nEU|zh_CN|欧洲联盟|欧盟\nMSFT|zh_CN|微软|-");
    /* The members' names from iso-codes' translations, as any country's. */
    assert_rows(f->out, "SELECT * FROM country_name WHERE code IN ('DE', 'FR', 'NL', 'AU') ORDER BY 1, 2",
                "DE|ar|ألمانيا|-\nDE|es|Alemania|-\nDE|fr|Allemagne|-\nDE|ru|Германия|-\nDE|zh_CN|德国|-\n"
                "FR|ar|فرنسا|-\nFR|es|Francia|-\nFR|fr|France|-\nFR|ru|Франция|-\nFR|zh_CN|法国|-\n"
                "NL|ar|هولندا|-\nNL|es|Países Bajos|-\nNL|fr|Pays-Bas|-\nNL|ru|Нидерланды|-\nNL|zh_CN|荷兰|-");
    /* A member's row holds no list. */
    assert_rows(f->out,
                "SELECT (SELECT count(*) FROM country_statement WHERE country_code IN ('DE', 'FR', 'NL')),"
                " (SELECT count(*) FROM statement_country WHERE country_code IN ('DE', 'FR', 'NL')),"
                " (SELECT count(*) FROM country_role WHERE country_code IN ('DE', 'FR', 'NL')),"
                " (SELECT count(*) FROM party_event WHERE party_code IN ('DE', 'FR', 'NL'))",
                "0|0|0|0");
    assert_rows(f->out, "SELECT * FROM party_member ORDER BY 1, 2", "EU|0|DE\nEU|1|FR\nEU|2|NL");
    assert_rows(f->out, "SELECT * FROM country_role ORDER BY 1, 2",
                "CN|accused|2\nCN|speaker|3\nEU|accuser|1\nGB|accuser|1\nMSFT|speaker|1\nMSFT|victim|1\nUS|mentioned|1");
    assert_rows(f->out, "SELECT * FROM country_statement WHERE country_code IN ('EU', 'MSFT') ORDER BY 1, 2",
                "EU|0|4|accuser\nMSFT|0|2|speaker\nMSFT|1|6|victim");
    /* country_count is the collection's parties: the members' rows are not. */
    assert_rows(f->out,
                "SELECT key, value FROM meta WHERE key IN ('language', 'event_count', 'country_count',"
                " 'incident_count', 'languages') ORDER BY key",
                "country_count|6\nevent_count|6\nincident_count|2\nlanguage|en\nlanguages|en,zh-Hans");
}

static void test_thread_translations(void **state)
{
    fixture *f = *state;
    build_thread_fixture(f);
    assert_rows(f->out, "SELECT * FROM translation ORDER BY 1, 2, 3, 4",
                "bundle||title|ru|Тестовая коллекция\n"
                "bundle||title|zh-Hans|线索测试集\n"
                "event|3|summary|zh-Hans|多国政府将入侵归咎于他方。\n"
                "incident|exchange-hack|name|ru|Взлом Exchange\n"
                "incident|exchange-hack|name|zh-Hans|Exchange 服务器遭入侵\n"
                "incident|exchange-hack|summary|ru|Почтовые серверы были взломаны.\n"
                "outlet|1|name|ru|Издание\n"
                "outlet|1|name|zh-Hans|线索媒体\n"
                "speaker|1|name|zh-Hans|发言人甲\n"
                "speaker|1|role|ru|Пресс-секретарь");
    /* The base columns hold the default language. */
    assert_rows(f->out, "SELECT value FROM meta WHERE key = 'title'", "Thread test collection");
    assert_rows(f->out, "SELECT name FROM incident ORDER BY id", "Exchange hack\nSecond incident");
    assert_rows(f->out, "SELECT name FROM outlet", "Thread Outlet");
    assert_rows(f->out, "SELECT name, role FROM speaker", "A. Spokesperson|Spokesperson");
}

static void test_thread_ledes(void **state)
{
    fixture *f = *state;
    build_thread_fixture(f);
    assert_rows(f->out, "SELECT id, lede FROM statement_text ORDER BY id",
                "1|网络安全是全球性问题关系各国共同利益维护网络安全需要国际社会共同努力中方一贯主张各国应当在相互尊重平等"
                "互利的基础上通过对话合作共同应对网络安全威胁反对任何形式…\n"
                "2|Version 15.2 fixes it.\n"
                "3|The servers were patched!\n"
                "4|The accusation made today by the European Union and by the United Kingdom, repeating without any "
                "evidence the claims that were first spread by a private company in March about the servers it sells, "
                "is a politically motivated smear that…\n"
                "5|中方坚决反对这种无端指责。\n"
                "6|No sentence ends here and the text goes on");
    assert_rows(f->out, "SELECT max(length(CAST(lede AS BLOB))) FROM statement_text", "240");
}

static void expect_lede(const char *body, const char *want)
{
    char out[LEDE_SIZE];
    thread_lede(body, strlen(body), out);
    if (strcmp(out, want) != 0)
        fail_msg("lede of \"%s\":\n   got: %s\n  want: %s", body, out, want);
}

/* The first-sentence rule on its own, at its edges. */
static void test_lede_rule(void **state)
{
    (void)state;
    expect_lede("", "");
    expect_lede("  \n\n Leading space. Then more.", "Leading space.");
    expect_lede("Ends at the end.", "Ends at the end.");
    expect_lede("Is it?\nYes.", "Is it?");
    expect_lede("Wow!Still one. Two.", "Wow!Still one.");
    expect_lede("No stop at all", "No stop at all");
    expect_lede("Tabs\tand\r\nbreaks  fold.", "Tabs and breaks fold.");
    expect_lede("中文句子！后面", "中文句子！");
    expect_lede("问题？后面", "问题？");
    expect_lede("Mixed 中文。English", "Mixed 中文。");
    expect_lede("Bad \xff byte.", "Bad \xef\xbf\xbd byte.");
    /* A single word longer than the room is cut between characters. */
    char body[400], want[400];
    memset(body, 'a', 300);
    body[300] = '\0';
    memset(want, 'a', 237);
    strcpy(want + 237, "…");
    expect_lede(body, want);
    /* Two-byte letters: never half of one. */
    body[0] = '\0';
    for (int i = 0; i < 150; i++)
        strcat(body, "я");
    want[0] = '\0';
    for (int i = 0; i < 118; i++)
        strcat(want, "я");
    strcat(want, "…");
    expect_lede(body, want);
    /* Exactly RS_LEDE_MAX_BYTES is not cut; one more byte is. */
    memset(body, 'b', 239);
    strcpy(body + 239, ".");
    char *copy = strdup(body);
    expect_lede(body, copy);
    strcpy(body + 239, "b.");
    memset(want, 'b', 237);
    strcpy(want + 237, "…");
    expect_lede(body, want);
    free(copy);
    /* The cut falls on the space before a word that does not fit. */
    memset(body, 'c', 236);
    strcpy(body + 236, " dddd.");
    memset(want, 'c', 236);
    strcpy(want + 236, "…");
    expect_lede(body, want);
}

static void test_deterministic(void **state)
{
    fixture *f = *state;
    char *second = support_path(f->dir, "second.sqlite");
    rs_diags *diags = rs_diags_create();
    assert_true(build(CORPUS, f->out, diags, 1600000000));
    assert_true(build(CORPUS, second, diags, 1600000000));
    size_t a_size, b_size;
    char *a = support_read_file(f->out, &a_size);
    char *b = support_read_file(second, &b_size);
    assert_int_equal(a_size, b_size);
    assert_memory_equal(a, b, a_size);
    free(a), free(b);
    /* A different build time changes only the stored timestamp. */
    assert_true(build(CORPUS, second, diags, 1600000001));
    assert_rows(second, "SELECT value FROM meta WHERE key = 'built_at'", "2020-09-13T12:26:41Z");
    rs_diags_destroy(diags);
    free(second);
}

static bool has_partial_file(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool found = false;
    while ((e = readdir(d)))
        found |= strstr(e->d_name, ".partial-") != NULL;
    closedir(d);
    return found;
}

static void test_failed_build_keeps_old_output(void **state)
{
    fixture *f = *state;
    support_write_file(f->out, "previous bundle", 15);
    support_write_text(f->source, "z.txt", "---\nid: alpha\ntitle: dup\nlanguage: en\nkind: report\n---\nB\n");
    rs_diags *diags = rs_diags_create();
    assert_false(build(f->source, f->out, diags, 0));
    rs_diags_destroy(diags);
    size_t size;
    char *text = support_read_file(f->out, &size);
    assert_int_equal(size, 15);
    assert_memory_equal(text, "previous bundle", 15);
    free(text);
    assert_false(has_partial_file(f->dir));
}

/* Writes n generated statements so a build takes long enough to interrupt. */
static void write_many(const char *dir, int n)
{
    char name[64], text[4096];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "s%05d.txt", i);
        int length = snprintf(text, sizeof text, "---\nid: s%d\ntitle: Statement %d\ndate: 2020-01-%02d\nlanguage: en\n"
                                                 "kind: report\ncountries:\n  GB: accuser\n---\n",
                              i, i, 1 + i % 28);
        for (int k = 0; k < 30; k++)
            length += snprintf(text + length, sizeof text - (size_t)length, "Sentence %d of statement %d. ", k, i);
        support_write_text(dir, name, text);
    }
}

/* Starts `rostrum-bundle build` with sig at its default action (or
 * ignored, as nohup ignores SIGHUP), waits for its own hidden partial file
 * (".out.sqlite.partial-PID"), then sends sig. Returns the signal that
 * ended the build, or -1 - its exit status. */
static int interrupt_build_as(fixture *f, int sig, bool ignored)
{
    pid_t pid = fork();
    if (pid == 0) {
        /* Not what this test's parent left: a shell's '&' ignores SIGINT. */
        signal(sig, ignored ? SIG_IGN : SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execl(ROSTRUM_BUNDLE_TOOL, ROSTRUM_BUNDLE_TOOL, "build", f->source, "-o", f->out, (char *)NULL);
        _exit(127);
    }
    char name[64];
    snprintf(name, sizeof name, ".out.sqlite.partial-%ld", (long)pid);
    char *partial = support_path(f->dir, name);
    struct timespec pause = {0, 200000};
    for (int i = 0; i < 200000 && !support_exists(partial); i++)
        nanosleep(&pause, NULL);
    assert_true(support_exists(partial));
    free(partial);
    kill(pid, sig);
    int status;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : -1 - WEXITSTATUS(status);
}

static int interrupt_build(fixture *f, int sig)
{
    return interrupt_build_as(f, sig, false);
}

static void test_interrupted_build(void **state)
{
    fixture *f = *state;
    write_many(f->source, 4000);
    support_write_file(f->out, "previous bundle", 15);

    /* Every signal that ends a process: the build removes its partial file
     * and ends as the signal says. SIGUSR1 and SIGPIPE left it behind. */
    const int signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGXFSZ, SIGRTMIN};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        assert_int_equal(interrupt_build(f, signals[i]), signals[i]);
        if (has_partial_file(f->dir))
            fail_msg("signal %d left the partial file behind", signals[i]);
    }
    char *text = support_read_file(f->out, NULL);
    assert_string_equal(text, "previous bundle");
    free(text);

    /* An ignored signal stays ignored: under nohup, SIGHUP does not stop
     * the build, which finishes (exit status 0). */
    assert_int_equal(interrupt_build_as(f, SIGHUP, true), -1);
    assert_false(has_partial_file(f->dir));
    assert_rows(f->out, "SELECT count(*) FROM statement", "4005");
    support_write_file(f->out, "previous bundle", 15);

    /* SIGKILL cannot be caught: the partial file stays, hidden, until the
     * next build of the same output removes it. */
    assert_int_equal(interrupt_build(f, SIGKILL), SIGKILL);
    assert_true(has_partial_file(f->dir));
    text = support_read_file(f->out, NULL);
    assert_string_equal(text, "previous bundle");
    free(text);
    rs_diags *diags = rs_diags_create();
    assert_true(build(f->source, f->out, diags, 0));
    rs_diags_destroy(diags);
    assert_false(has_partial_file(f->dir));
    assert_rows(f->out, "SELECT count(*) FROM statement", "4005");
}

/* The bodies live in statement_text, apart from the list rows: statement has
 * no body, every statement has its text (the title kept in both), and the
 * list rows (with their slug index) lie together in the file, not one page
 * between every few dozen pages of text. */
static void test_texts_apart(void **state)
{
    fixture *f = *state;
    write_many(f->source, 2000);
    rs_diags *diags = rs_diags_create();
    assert_true(build(f->source, f->out, diags, 0));
    rs_diags_destroy(diags);
    assert_rows(f->out, "SELECT count(*) FROM pragma_table_info('statement') WHERE name = 'body'", "0");
    assert_rows(f->out, "SELECT count(*) FROM statement_text", "2005"); /* and the fixture's 5 */
    assert_rows(f->out, "SELECT count(*) FROM statement s JOIN statement_text t ON t.id = s.id AND t.title = s.title",
                "2005");
    assert_rows(f->out, "SELECT count(*) FROM statement s JOIN statement_text t ON t.id = s.id"
                        " WHERE t.body LIKE 'Sentence 0 of statement ' || substr(s.slug, 2) || '. %'"
                        " AND t.body LIKE '% Sentence 29 of statement ' || substr(s.slug, 2) || '.'",
                "2000");
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(f->out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    /* dbstat is optional in SQLite; without it this part is skipped. */
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*), max(pageno) - min(pageno) + 1 FROM dbstat"
                           " WHERE name IN ('statement', 'sqlite_autoindex_statement_1')"
                           " AND pageno NOT IN (SELECT rootpage FROM sqlite_schema)",
                           -1, &stmt, NULL) == SQLITE_OK) {
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        int64_t pages = sqlite3_column_int64(stmt, 0), span = sqlite3_column_int64(stmt, 1);
        if (pages < 10 || (span - pages) * 100 > pages)
            fail_msg("statement's %lld pages span %lld pages of the file", (long long)pages, (long long)span);
        sqlite3_finalize(stmt);
    } else {
        print_message("dbstat not available: page layout not checked\n");
    }
    sqlite3_close(db);
}

/* Builds f->source into out and expects exactly one problem, want (with
 * "OUT" standing for out). */
static void expect_output_error(fixture *f, const char *out, const char *want)
{
    rs_diags *diags = rs_diags_create();
    assert_false(build(f->source, out, diags, 0));
    char expected[1024];
    const char *at = strstr(want, "OUT");
    if (at)
        snprintf(expected, sizeof expected, "%.*s%s%s", (int)(at - want), want, out, at + 3);
    else
        snprintf(expected, sizeof expected, "%s", want);
    char *again = strstr(expected + (at ? (size_t)(at - want) + strlen(out) : 0), "OUT");
    if (again) { /* a second mention */
        char tail[1024];
        snprintf(tail, sizeof tail, "%s%s", out, again + 3);
        strcpy(again, tail);
    }
    assert_int_equal(rs_diags_count(diags), 1);
    assert_string_equal(rs_diags_get(diags, 0), expected);
    rs_diags_destroy(diags);
}

/* The output is checked before the build: a folder given as -o was found
 * only once the whole build was done. A source problem is not even looked
 * for (the mistake in z.txt goes unreported). */
static void test_output_checked_first(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "z.txt", "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\ndate: 2021-02-30\n---\nB\n");
    expect_output_error(f, f->dir, "OUT: is a directory (name the bundle file to write in it, e.g. OUT/statements.sqlite)");
    char *slash = support_path(f->dir, "");
    expect_output_error(f, slash, "OUT: is a directory (name the bundle file to write in it, e.g. OUTstatements.sqlite)");
    free(slash);
    expect_output_error(f, "", "-o: the output path is empty (name the bundle file to write, e.g. -o statements.sqlite)");
    expect_output_error(f, "/dev/null", "OUT: is a character device, not a regular file; the bundle would replace it "
                                        "(name a bundle file)");
    char *fifo = support_path(f->dir, "fifo.sqlite");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    expect_output_error(f, fifo, "OUT: is a FIFO, not a regular file; the bundle would replace it (name a bundle file)");
    free(fifo);
    char *missing = support_path(f->dir, "no-such-folder/out.sqlite"), *folder = support_path(f->dir, "no-such-folder");
    char want[1024];
    snprintf(want, sizeof want, "OUT: the folder %s does not exist (create it first)", folder);
    expect_output_error(f, missing, want);
    free(missing), free(folder);
    char *in_file = support_path(f->dir, "src/a.txt/out.sqlite"), *file = support_path(f->dir, "src/a.txt");
    snprintf(want, sizeof want, "OUT: cannot write in %s: it is a regular file, not a folder", file);
    expect_output_error(f, in_file, want);
    free(in_file), free(file);
    char *ends = support_path(f->dir, "new/");
    expect_output_error(f, ends, "OUT: ends with '/' (name the bundle file to write, e.g. OUTstatements.sqlite)");
    free(ends);
    if (geteuid() != 0) { /* root writes anywhere */
        char *locked = support_path(f->dir, "locked"), *inside = support_path(f->dir, "locked/out.sqlite");
        assert_int_equal(mkdir(locked, 0555), 0);
        snprintf(want, sizeof want, "OUT: cannot write in the folder %s: Permission denied", locked);
        expect_output_error(f, inside, want);
        chmod(locked, 0755);
        free(locked), free(inside);
    }
    assert_false(has_partial_file(f->dir));
}

static void test_command_line_errors(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "z.txt", "---\nid: zed\ntitle: Z\nlanguage: en\nkind: report\ndate: 2021-02-30\n---\nB\n");
    char command[2048], *output;
    snprintf(command, sizeof command, "'%s' build '%s' -o '%s'", ROSTRUM_BUNDLE_TOOL, f->source, f->out);
    assert_int_equal(support_run(command, &output), 1);
    char want[2048];
    snprintf(want, sizeof want,
             "%s/z.txt:6: impossible date '2021-02-30' (February 2021 has 28 days)\n"
             "rostrum-bundle build: 1 problem; %s was not written.\n",
             f->source, f->out);
    assert_string_equal(output, want);
    free(output);

    snprintf(command, sizeof command, "'%s' build", ROSTRUM_BUNDLE_TOOL);
    assert_int_equal(support_run(command, &output), 2);
    free(output);
    /* An empty -o said "1 problem;  was not written." */
    snprintf(command, sizeof command, "'%s' build '%s' -o ''", ROSTRUM_BUNDLE_TOOL, f->source);
    assert_int_equal(support_run(command, &output), 2);
    assert_string_equal(output,
                        "rostrum-bundle build: -o is empty; give the bundle file to write (e.g. -o statements.sqlite)\n");
    free(output);
    snprintf(command, sizeof command, "'%s' build '%s' -o '%s'", ROSTRUM_BUNDLE_TOOL, f->source, f->dir);
    assert_int_equal(support_run(command, &output), 1);
    snprintf(want, sizeof want,
             "%s: is a directory (name the bundle file to write in it, e.g. %s/statements.sqlite)\n"
             "rostrum-bundle build: 1 problem; %s was not written.\n",
             f->dir, f->dir, f->dir);
    assert_string_equal(output, want);
    free(output);
    snprintf(command, sizeof command, "SOURCE_DATE_EPOCH=yesterday '%s' build '%s' -o '%s'", ROSTRUM_BUNDLE_TOOL,
             f->source, f->out);
    assert_int_equal(support_run(command, &output), 2);
    assert_string_equal(output, "rostrum-bundle build: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970\n");
    free(output);
}

/* wrap: hard: the rows hold each paragraph's lines joined (one space, none
 * between two CJK characters), and the lede is read from the joined text. */
static void test_wrap_hard_rows(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "w.txt",
                       "---\nid: wrapped\ntitle: Wrapped\nlanguage: en\nkind: report\nwrap: hard\n---\n"
                       "The ministry said on\nTuesday that it had\nseen no evidence.   \n  It asked for proof.\n\n\n"
                       "外交部发言人\n表示，中方\nopposes it.\n");
    rs_diags *diags = rs_diags_create();
    assert_true(build(f->source, f->out, diags, 0));
    rs_diags_destroy(diags);
    assert_rows(f->out,
                "SELECT t.lede, t.body FROM statement s JOIN statement_text t ON t.id = s.id WHERE s.slug = 'wrapped'",
                "The ministry said on Tuesday that it had seen no evidence.|The ministry said on Tuesday that it had "
                "seen no evidence. It asked for proof.\n\n外交部发言人表示，中方 opposes it.");
    assert_rows(f->out, "SELECT body FROM statement_text WHERE id = (SELECT id FROM statement WHERE slug = 'alpha')",
                "The accusations were made on Monday.\nThey are hacking allegations.\n\nSecond paragraph, with "
                "“quotes” and an ellipsis…"); /* no wrap: as written */
}

/* A statement of 1 MB, the most a body may hold, builds, and its terms
 * are suggested. Its build time (linear in its length: the suggestions'
 * written forms read each text once, not once per place of each term) is a
 * row of make bench, "build: a 1 MB statement". */
static void test_long_statement(void **state)
{
    fixture *f = *state;
    static const char *const syllables[] = {"ka", "to", "ri", "men", "sha", "lo", "ve", "dan", "pre", "sto",
                                            "qui", "ber", "nal", "tek", "mor", "vis", "gra", "pol", "hu", "zen"};
    size_t capacity = 1100000, length = 0;
    char *text = malloc(capacity);
    length += (size_t)snprintf(text, capacity, "---\nid: long\ntitle: Long\nlanguage: en\nkind: statement\n---\n");
    uint32_t seed = 7;
    while (length < 1000000) {
        for (int w = 0; w < 150; w++) { /* a paragraph of 150 words of 2-4 syllables */
            seed = seed * 1103515245u + 12345u;
            int count = 2 + (int)((seed >> 16) % 3);
            for (int k = 0; k < count; k++) {
                seed = seed * 1103515245u + 12345u;
                length += (size_t)snprintf(text + length, capacity - length, "%s", syllables[(seed >> 16) % 20]);
            }
            text[length++] = ' ';
        }
        memcpy(text + length - 1, ".\n\n", 3);
        length += 2;
    }
    text[length] = '\0';
    support_write_text(f->source, "long.txt", text);
    free(text);
    rs_diags *diags = rs_diags_create();
    bool ok = build(f->source, f->out, diags, 0);
    if (!ok)
        fail_msg("%s", rs_diags_get(diags, 0));
    rs_diags_destroy(diags);
    /* 24 chips: the mini fixture's incident (a chip of its own since its
     * chip opens it) and its Chinese speaker, and 22 terms. */
    assert_rows(f->out, "SELECT count(*) FROM suggestion WHERE kind = 'term'", "22");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_duplicate_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_as_nowhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_translation_of_nowhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_translation_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_incident, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_incident_hint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outlet_translated_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_problem_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_special_source_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corpus_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bodies_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mini_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_parties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_translations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_ledes, setup, teardown),
        cmocka_unit_test(test_lede_rule),
        cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrap_hard_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_statement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_build_keeps_old_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interrupted_build, setup, teardown),
        cmocka_unit_test_setup_teardown(test_texts_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_checked_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_line_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
