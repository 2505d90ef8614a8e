/*
 * Hostile and broken bundles, made here from the sample corpus: each is
 * refused by `rostrum-bundle check` with one clear line, and the viewer
 * either refuses it at once with the same line or, for damage that only
 * reading the whole file reveals, opens what it can and refuses the damaged
 * statement with a clear line. Nothing crashes or hangs (ctest has a
 * timeout, and the sanitizer build runs this too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builder.h"
#include "expect.h"
#include "support.h"

static char *scratch, *good;
static size_t good_size;

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    good = support_path(scratch, "good.sqlite");
    rs_diags *diags = rs_diags_create();
    /* The sample corpus before issue 12: damage.txt is written against its rows. */
    rs_build_options options = {.source_dir = ROSTRUM_SOURCE_DIR "/tests/fixtures/sources/hostile-base",
                                .output_path = good};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_destroy(diags);
    free(support_read_file(good, &good_size));
    return ok ? 0 : -1;
}

/* ROSTRUM_HOSTILE_PART=K/N: this run does the K-th of N parts of the
 * crafted damage (case i when i % N == K - 1), and part 1 the other tests:
 * ctest runs the parts side by side (about a thousand viewer runs, the
 * longest test under the sanitizers). */
static size_t part = 1, parts = 1;

static void read_part(void)
{
    const char *text = getenv("ROSTRUM_HOSTILE_PART");
    size_t k, n;
    if (text && sscanf(text, "%zu/%zu", &k, &n) == 2 && n >= 1 && k >= 1 && k <= n)
        part = k, parts = n;
}

/* The tests other than the crafted damage run in part 1 alone. */
#define FIRST_PART_ONLY()                                                                                             \
    do {                                                                                                               \
        if (part != 1)                                                                                                 \
            skip();                                                                                                    \
    } while (0)

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch), free(good);
    return 0;
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* `check` exits 1 with exactly one line that names the file and contains
 * reason. */
static void expect_check_refuses(const char *path, const char *reason)
{
    char command[2048], *output;
    snprintf(command, sizeof command, "'%s' check '%s'", ROSTRUM_BUNDLE_TOOL, path);
    int status = support_run(command, &output);
    char prefix[1024];
    snprintf(prefix, sizeof prefix, "Cannot open the bundle %s: ", path);
    if (status != 1 || count_lines(output) != 1 || strncmp(output, prefix, strlen(prefix)) != 0 ||
        !strstr(output, reason))
        fail_msg("check %s: exit %d, output:\n%s\nwanted one line with: %s", path, status, output, reason);
    free(output);
}

/* The viewer refuses at open: exit 1, the same one line on stderr. */
static void expect_viewer_refuses(const char *path, const char *reason)
{
    char command[4096], *output, *png = support_path(scratch, "shot.png");
    snprintf(command, sizeof command, "'%s' --fonts '%s' '%s' --screenshot '%s'", ROSTRUM_VIEWER,
             ROSTRUM_SOURCE_DIR "/assets/fonts", path, png);
    int status = support_run(command, &output);
    if (status != 1 || count_lines(output) != 1 || !strstr(output, reason))
        fail_msg("viewer %s: exit %d, output:\n%s\nwanted one line with: %s", path, status, output, reason);
    assert_true(support_exists(png)); /* the error screen is drawn */
    unlink(png);
    free(png);
    free(output);
}

/* Opens every statement of the corpus in the viewer; returns how many were
 * refused, each with one clear line and exit 1 (never a crash). */
static int viewer_refusals(const char *path)
{
    const char *slugs[] = {"xinhua-2019-02-12-stop-tarnishing-china", "embassy-2020-covid-19-research-remarks",
                           "mfa-2021-uk-smear-state-sponsored-hackers", "embassy-2021-07-20-exchange-accusation",
                           "xinhua-2021-07-20-embassy-exchange-accusation"};
    int refused = 0;
    for (size_t i = 0; i < 5; i++) {
        char command[4096], *output, *png = support_path(scratch, "shot.png");
        snprintf(command, sizeof command, "'%s' --fonts '%s' '%s' --route statements/%s --screenshot '%s'",
                 ROSTRUM_VIEWER, ROSTRUM_SOURCE_DIR "/assets/fonts", path, slugs[i], png);
        int status = support_run(command, &output);
        if (status == 1) {
            if (!strstr(output, "cannot be read; the bundle may be damaged") &&
                !strstr(output, "Cannot open the bundle"))
                fail_msg("unclear refusal of %s: %s", slugs[i], output);
            refused++;
        } else if (status != 0) {
            fail_msg("viewer on %s: exit %d: %s", slugs[i], status, output);
        }
        free(output);
        free(png);
    }
    return refused;
}

static void test_truncated(void **state)
{
    (void)state;
    FIRST_PART_ONLY();
    size_t cuts[] = {50, 4096, good_size / 2 / 4096 * 4096, good_size - 4096, good_size - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char *path = support_copy_file(good, scratch, "truncated.sqlite", cuts[i]);
        expect_check_refuses(path, "the file is truncated");
        expect_viewer_refuses(path, "the file is truncated");
        free(path);
    }
}

static void test_zeroed_page(void **state)
{
    (void)state;
    FIRST_PART_ONLY();
    size_t size;
    /* Zero a page in the middle of the statements' text: a bundle without
     * the world map, whose blobs would fill the file's second half. */
    char *plain = support_path(scratch, "no-map.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_SOURCE_DIR "/tests/fixtures/sources/hostile-base",
                                .output_path = plain, .no_map = true};
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    char *data = support_read_file(plain, &size);
    free(plain);
    size_t page = size / 4096 / 2;
    memset(data + page * 4096, 0, 4096);
    char *path = support_path(scratch, "zeroed.sqlite");
    support_write_file(path, data, size);
    free(data);
    expect_check_refuses(path, "the file is damaged");
    viewer_refusals(path); /* whatever it reaches is refused cleanly */
    free(path);
}

static void test_foreign_and_newer(void **state)
{
    (void)state;
    FIRST_PART_ONLY();
    char *path = support_copy_file(good, scratch, "foreign.sqlite", 0);
    support_sql(path, "PRAGMA application_id = 7");
    expect_check_refuses(path, "is not a Rostrum bundle (application id 0x00000007");
    expect_viewer_refuses(path, "is not a Rostrum bundle (application id 0x00000007");
    free(path);
    path = support_copy_file(good, scratch, "newer.sqlite", 0);
    support_sql(path, "PRAGMA user_version = 9");
    expect_check_refuses(path, "the bundle is format version 9, newer than this Rostrum reads");
    expect_viewer_refuses(path, "the bundle is format version 9, newer than this Rostrum reads");
    free(path);
    /* A bundle from before search for visitors (format 1): one line saying
     * how to fix it. */
    path = support_copy_file(good, scratch, "older.sqlite", 0);
    support_sql(path, "PRAGMA user_version = 1");
    const char *older = "the bundle is format version 1, older than this Rostrum reads (version 5). Rebuild it from "
                        "its sources with rostrum-bundle build.";
    expect_check_refuses(path, older);
    expect_viewer_refuses(path, older);
    free(path);
}

static void test_trigger_and_view(void **state)
{
    (void)state;
    FIRST_PART_ONLY();
    char *path = support_copy_file(good, scratch, "trigger.sqlite", 0);
    support_sql(path, "CREATE TRIGGER t_evil AFTER UPDATE ON meta BEGIN DELETE FROM statement; END");
    expect_check_refuses(path, "contains a trigger ('t_evil')");
    expect_viewer_refuses(path, "contains a trigger ('t_evil')");
    free(path);
    path = support_copy_file(good, scratch, "view.sqlite", 0);
    support_sql(path, "CREATE VIEW v_evil AS SELECT * FROM statement");
    expect_check_refuses(path, "contains a view ('v_evil')");
    expect_viewer_refuses(path, "contains a view ('v_evil')");
    free(path);
}

static void test_huge_row(void **state)
{
    (void)state;
    FIRST_PART_ONLY();
    char *path = support_copy_file(good, scratch, "huge.sqlite", 0);
    support_sql(path, "UPDATE statement_text SET body = CAST(zeroblob(40 * 1024 * 1024) AS TEXT) WHERE id = 3");
    expect_check_refuses(path, "larger than any real statement");
    assert_int_equal(viewer_refusals(path), 1); /* only that statement; the rest reads fine */
    free(path);
    path = support_copy_file(good, scratch, "large.sqlite", 0);
    support_sql(path, "UPDATE statement_text SET body = printf('%.*c', 20 * 1024 * 1024, 'x') WHERE id = 2");
    expect_check_refuses(path, "statement 2 is larger than any real statement");
    free(path);
    /* The title is kept twice: in the list rows and with the body. */
    path = support_copy_file(good, scratch, "large-title.sqlite", 0);
    support_sql(path, "UPDATE statement_text SET title = printf('%.*c', 20 * 1024 * 1024, 'x') WHERE id = 4");
    expect_check_refuses(path, "statement 4 is larger than any real statement");
    free(path);
    path = support_copy_file(good, scratch, "large-list-title.sqlite", 0);
    support_sql(path, "UPDATE statement SET title = printf('%.*c', 20 * 1024 * 1024, 'x') WHERE id = 5");
    expect_check_refuses(path, "statement 5 is larger than any real statement");
    free(path);
}

/* The statements' texts are a table apart from their rows; a bundle without
 * it, or missing a text, is refused with a line saying so. */
static void test_missing_texts(void **state)
{
    (void)state;
    FIRST_PART_ONLY();
    char *path = support_copy_file(good, scratch, "no-texts.sqlite", 0);
    support_sql(path, "DROP TABLE statement_text");
    expect_check_refuses(path, "the bundle has no 'statement_text' table. Build it again with rostrum-bundle.");
    expect_viewer_refuses(path, "the bundle has no 'statement_text' table. Build it again with rostrum-bundle.");
    free(path);
    path = support_copy_file(good, scratch, "textless.sqlite", 0);
    support_sql(path, "DELETE FROM statement_text WHERE id = 2");
    expect_check_refuses(path, "it holds 5 statements but 4 statement texts");
    assert_int_equal(viewer_refusals(path), 1); /* only that statement; the rest reads fine */
    free(path);
}

/* ---- the crafted damage of tests/hostile/damage.txt ---- */

typedef struct damage {
    char *name, *expect, *sql;
} damage;

/* The cases of damage.txt (see its header), in order. */
static damage *read_damage(size_t *count)
{
    char *text = support_read_file(ROSTRUM_SOURCE_DIR "/tests/hostile/damage.txt", NULL);
    assert_non_null(text);
    damage *cases = NULL;
    size_t n = 0, capacity = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, "== ", 3) == 0) {
            rs_grow(&cases, &capacity, n + 1, sizeof *cases);
            cases[n++] = (damage){rs_xstrdup(line + 3), NULL, rs_xstrdup("")};
        } else if (n && strncmp(line, "expect: ", 8) == 0) {
            cases[n - 1].expect = rs_xstrdup(line + 8);
        } else if (n && line[0] != '#') {
            damage *d = &cases[n - 1];
            size_t old = strlen(d->sql), add = strlen(line);
            d->sql = rs_xrealloc(d->sql, old + add + 2);
            memcpy(d->sql + old, line, add);
            memcpy(d->sql + old + add, "\n", 2);
        }
    }
    free(text);
    *count = n;
    return cases;
}

static void free_damage(damage *cases, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(cases[i].name), free(cases[i].expect), free(cases[i].sql);
    free(cases);
}

/* `check` prints exactly the expected verdict: OK as its last line (exit
 * 0), or the one line "Cannot open the bundle PATH: EXPECT" (exit 1). */
static bool check_gives(const char *path, const damage *d, char **output)
{
    char command[2048];
    snprintf(command, sizeof command, "'%s' check '%s' 2>&1", ROSTRUM_BUNDLE_TOOL, path);
    int status = support_run(command, output);
    if (strcmp(d->expect, "OK") == 0) {
        size_t length = strlen(*output);
        return status == 0 && length >= 4 && strcmp(*output + length - 4, "\nOK\n") == 0;
    }
    char expected[2048];
    snprintf(expected, sizeof expected, "Cannot open the bundle %s: %s\n", path, d->expect);
    return status == 1 && strcmp(*output, expected) == 0;
}

/* The viewer on a damaged bundle, at the screens that read what the damage
 * touches: it shows them (exit 0) or refuses (exit 1: the log's line that
 * the bundle could not be read, and the screen's), never crashes,
 * overflows (UBSan) or leaks. The viewer does not run `check` at start-up
 * (a hot swap does), so it meets every lie here itself. */
static void expect_viewer_survives(const char *path, const char *name)
{
    static const char *const routes[] = {
        "home", "dates", "dates/2021", "dates/2021-07", "statements", "countries/GB", "incidents",
        "incidents/microsoft-exchange-server-hack-2021", "statements/embassy-2021-07-20-exchange-accusation",
        "search/hack", "map",
    };
    char *png = support_path(scratch, "shot.png");
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        char command[4096], *output;
        snprintf(command, sizeof command, "'%s' --fonts '%s' '%s' --route '%s' --screenshot '%s' 2>&1",
                 ROSTRUM_VIEWER, ROSTRUM_SOURCE_DIR "/assets/fonts", path, routes[i], png);
        int status = support_run(command, &output);
        bool clear = status == 0 || (status == 1 && count_lines(output) <= 2);
        if (!clear || strstr(output, "runtime error") || strstr(output, "Sanitizer"))
            fail_msg("%s: the viewer at %s: exit %d:\n%s", name, routes[i], status, output);
        free(output);
        unlink(png);
    }
    free(png);
}

static void test_crafted_damage(void **state)
{
    (void)state;
    size_t count;
    damage *cases = read_damage(&count);
    assert_true(count >= 90);
    int wrong = 0;
    for (size_t i = part - 1; i < count; i += parts) {
        const damage *d = &cases[i];
        assert_non_null(d->expect);
        char file[256], *output;
        snprintf(file, sizeof file, "hostile-%s.sqlite", d->name);
        char *path = support_copy_file(good, scratch, file, 0);
        if (d->sql[0])
            support_sql(path, d->sql);
        if (!check_gives(path, d, &output)) {
            print_error("%s: check said:\n%swanted: %s\n", d->name, output, d->expect);
            wrong++;
        }
        free(output);
        expect_viewer_survives(path, d->name);
        unlink(path);
        free(path);
    }
    free_damage(cases, count);
    assert_int_equal(wrong, 0);
}

int main(void)
{
    read_part();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truncated),         cmocka_unit_test(test_zeroed_page),
        cmocka_unit_test(test_foreign_and_newer), cmocka_unit_test(test_trigger_and_view),
        cmocka_unit_test(test_huge_row),          cmocka_unit_test(test_missing_texts),
        cmocka_unit_test(test_crafted_damage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
