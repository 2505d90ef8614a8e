/* The synthetic corpus generator: the same seed gives the same bytes, the
 * builder takes the result without a single diagnostic, and the bundle has
 * what the generator promises (counts, languages, undated, same_as, search
 * terms). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "support.h"

typedef struct fixture {
    char *dir;          /* scratch folder */
    char *first, *second; /* two generated source folders */
    char *out;          /* the bundle built from first */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = support_temp_dir();
    f->first = support_path(f->dir, "first");
    f->second = support_path(f->dir, "second");
    f->out = support_path(f->dir, "out.sqlite");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    support_remove_tree(f->dir);
    free(f->dir), free(f->first), free(f->second), free(f->out), free(f);
    return 0;
}

/* Runs a command; fails the test unless it exits with want and prints
 * exactly want_output (NULL: anything). */
static void run(const char *command, int want, const char *want_output)
{
    char *output = NULL;
    int status = support_run(command, &output);
    if (status != want || (want_output && strcmp(output, want_output) != 0))
        fail_msg("%s\n  exit %d (want %d), output:\n%s", command, status, want, output ? output : "");
    free(output);
}

static void generate(const char *dir, const char *extra)
{
    char command[4096];
    snprintf(command, sizeof command, "'%s' '%s' --count 300 --seed 7 %s", ROSTRUM_GEN_CORPUS, dir, extra);
    run(command, 0, "");
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted file names of dir. */
static char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0, capacity = 512;
    char **names = malloc(capacity * sizeof *names);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == capacity)
            names = realloc(names, (capacity *= 2) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names;
}

/* One integer from a query on the bundle. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

static void test_same_seed_same_bytes(void **state)
{
    fixture *f = *state;
    generate(f->first, "");
    generate(f->second, "--jobs 1"); /* the worker count must not matter either */
    size_t n1, n2;
    char **a = list_dir(f->first, &n1), **b = list_dir(f->second, &n2);
    assert_int_equal(n1, 303); /* 300 statements, bundle.yaml, incidents.yaml, parties.yaml */
    assert_int_equal(n1, n2);
    assert_string_equal(a[0], "bundle.yaml");
    assert_string_equal(a[1], "incidents.yaml");
    assert_string_equal(a[2], "parties.yaml");
    assert_string_equal(a[3], "s0000001.txt");
    assert_string_equal(a[302], "s0000300.txt");
    for (size_t i = 0; i < n1; i++) {
        assert_string_equal(a[i], b[i]);
        char *pa = support_path(f->first, a[i]), *pb = support_path(f->second, b[i]);
        size_t sa, sb;
        char *da = support_read_file(pa, &sa), *db = support_read_file(pb, &sb);
        assert_non_null(da);
        assert_non_null(db);
        if (sa != sb || memcmp(da, db, sa) != 0)
            fail_msg("%s differs between two runs with the same seed", a[i]);
        free(da), free(db), free(pa), free(pb), free(a[i]), free(b[i]);
    }
    free(a), free(b);

    /* Another seed gives other text. */
    char *third = support_path(f->dir, "third");
    char command[4096];
    snprintf(command, sizeof command, "'%s' '%s' --count 300 --seed 8", ROSTRUM_GEN_CORPUS, third);
    run(command, 0, "");
    char *p1 = support_path(f->first, "s0000001.txt"), *p3 = support_path(third, "s0000001.txt");
    char *d1 = support_read_file(p1, NULL), *d3 = support_read_file(p3, NULL);
    assert_string_not_equal(d1, d3);
    free(d1), free(d3), free(p1), free(p3), free(third);
}

static void test_usage_errors(void **state)
{
    fixture *f = *state;
    char command[4096];
    snprintf(command, sizeof command, "'%s' '%s' --count 0", ROSTRUM_GEN_CORPUS, f->first);
    run(command, 2, NULL);
    snprintf(command, sizeof command, "'%s' '%s' --count 1000001", ROSTRUM_GEN_CORPUS, f->first);
    run(command, 2, NULL);
    snprintf(command, sizeof command, "'%s'", ROSTRUM_GEN_CORPUS);
    run(command, 2, NULL);
    /* A folder that already holds files is never written into. */
    generate(f->first, "");
    snprintf(command, sizeof command, "'%s' '%s' --count 5", ROSTRUM_GEN_CORPUS, f->first);
    char want[4096];
    snprintf(want, sizeof want, "gen_corpus: %s is not empty; remove it or give a new folder\n", f->first);
    run(command, 1, want);
}

static void test_builds_cleanly(void **state)
{
    fixture *f = *state;
    generate(f->first, "");
    char command[4096];
    /* Not a terminal, so a clean build prints nothing at all. */
    snprintf(command, sizeof command, "SOURCE_DATE_EPOCH=0 '%s' build '%s' -o '%s'", ROSTRUM_BUNDLE_TOOL, f->first,
             f->out);
    run(command, 0, "");
    snprintf(command, sizeof command, "'%s' check '%s'", ROSTRUM_BUNDLE_TOOL, f->out);
    run(command, 0, NULL);

    char error[1024];
    rs_bundle *bundle = rs_bundle_open(f->out, error, sizeof error);
    if (!bundle)
        fail_msg("%s", error);
    assert_string_equal(rs_bundle_meta(bundle, "statement_count"), "300");
    assert_string_equal(rs_bundle_meta(bundle, "languages"), "en,ru,zh-Hans");
    assert_string_equal(rs_bundle_meta(bundle, "incident_count"), "2000");
    assert_string_equal(rs_bundle_meta(bundle, "event_count"), "6000");
    int countries = atoi(rs_bundle_meta(bundle, "country_count"));
    assert_true(countries >= 10 && countries <= 60 + 8); /* and the eight parties of parties.yaml */
    assert_true(atoi(rs_bundle_meta(bundle, "undated_count")) > 0);
    assert_true(atoi(rs_bundle_meta(bundle, "outlet_count")) > 10);
    assert_true(atoi(rs_bundle_meta(bundle, "outlet_count")) <= 300);

    /* Search finds each planted term exactly where it was planted (never in
     * generated words). At 300 statements the rarer ones (2% of the 10%
     * Chinese) may be absent; the common ones must be there. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(f->out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const struct {
        const char *word;
        bool present;
    } terms[] = {{"exchange", true}, {"hackers", true}, {"黑客", true}, {"网络", false}, {"cyberattack", false}};
    for (size_t t = 0; t < sizeof terms / sizeof terms[0]; t++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM statement_text WHERE instr(lower(body), '%s')", terms[t].word);
        int64_t containing = query_int(db, sql);
        if (terms[t].present && containing == 0)
            fail_msg("no body contains '%s'", terms[t].word);
        rs_search_results results;
        assert_true(rs_bundle_search(bundle, terms[t].word, 0, 1000, &results, error, sizeof error));
        if ((int64_t)results.count != containing)
            fail_msg("search '%s': %zu results, %lld bodies contain it", terms[t].word, results.count,
                     (long long)containing);
        rs_search_results_clear(&results);
    }
    rs_bundle_close(bundle);

    /* What the generator promises, row by row. */
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE same_as_id IS NOT NULL") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE same_group IS NOT NULL") >= 2);
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE translation_of_id IS NOT NULL") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE translation_group IS NOT NULL") >= 2);
    assert_int_equal(query_int(db, "SELECT min(length(title)) >= 40 AND max(length(title)) <= 120 FROM statement"), 1);
    assert_int_equal(query_int(db, "SELECT min(length(CAST(body AS BLOB))) >= 1024"
                                   " AND max(length(CAST(body AS BLOB))) <= 6144 FROM statement_text"), 1);
    assert_true(query_int(db, "SELECT count(*) FROM statement_text WHERE instr(body, char(10, 10)) > 0") == 300);
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE month IS NULL AND year IS NOT NULL") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE day IS NULL AND month IS NOT NULL") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM statement WHERE date_note IS NOT NULL") > 0);
    assert_int_equal(query_int(db, "SELECT min(year) >= 2000 AND max(year) <= 2024 FROM statement"), 1);
    assert_int_equal(query_int(db, "SELECT count(*) FROM statement WHERE language = 'en'") >
                         query_int(db, "SELECT count(*) FROM statement WHERE language = 'zh-Hans'"), 1);
    assert_int_equal(query_int(db, "SELECT count(*) FROM statement WHERE language = 'zh-Hans'") >
                         query_int(db, "SELECT count(*) FROM statement WHERE language = 'ru'"), 1);
    assert_int_equal(query_int(db, "SELECT min(n) >= 1 AND max(n) <= 4 FROM"
                                   " (SELECT count(*) AS n FROM country_statement GROUP BY statement_id)"), 1);
    assert_int_equal(query_int(db, "SELECT count(DISTINCT statement_id) FROM country_statement"), 300);
    assert_int_equal(query_int(db, "SELECT max(n) <= 2 FROM"
                                   " (SELECT count(*) AS n FROM statement_incident GROUP BY statement_id)"), 1);
    assert_true(query_int(db, "SELECT count(*) FROM statement_incident") > 0);
    assert_true(query_int(db, "SELECT count(DISTINCT kind) FROM statement") >= 4);

    /* Parties and events (format 3). */
    assert_int_equal(query_int(db, "SELECT count(*) FROM event"), 6000);
    assert_int_equal(query_int(db, "SELECT count(DISTINCT kind) FROM event"), 7);
    assert_true(query_int(db, "SELECT count(*) FROM event WHERE year IS NULL") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM event WHERE month IS NULL AND year IS NOT NULL") > 0);
    assert_int_equal(query_int(db, "SELECT min(n) >= 1 AND max(n) <= 4 FROM"
                                   " (SELECT count(*) AS n FROM event_party GROUP BY event_id)"), 1);
    assert_int_equal(query_int(db, "SELECT count(*) FROM incident_thread"),
                     query_int(db, "SELECT count(*) FROM statement_incident") + 6000);
    assert_int_equal(query_int(db, "SELECT count(*) FROM country WHERE kind <> 'country'"), 8);
    assert_true(query_int(db, "SELECT count(*) FROM country_statement WHERE country_code LIKE 'ORG%'") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM party_event WHERE party_code LIKE 'ORG%'") > 0);
    assert_true(query_int(db, "SELECT count(*) FROM party_member") >= 4 * 3);
    assert_int_equal(query_int(db, "SELECT count(*) FROM country_name WHERE code LIKE 'ORG%'"), 4 * 2);
    assert_true(query_int(db, "SELECT count(*) FROM translation WHERE subject = 'event'") > 0);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_seed_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builds_cleanly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
