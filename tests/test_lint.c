/* rostrum-bundle lint and new: lint's verdict is the build's, word for
 * word, and writes nothing; new writes the template once, never over a
 * file, and the untouched template lints with exactly its two blanks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint.h"
#include "support.h"
#include "template.h"

#define MINI ROSTRUM_FIXTURES "/sources/mini"
#define THREAD ROSTRUM_FIXTURES "/sources/thread"

typedef struct fixture {
    char *dir;    /* scratch folder */
    char *source; /* dir/src: a copy of the mini fixture */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = support_temp_dir();
    f->source = support_path(f->dir, "src");
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
    free(f->dir), free(f->source), free(f);
    return 0;
}

/* Runs rostrum-bundle with arguments (shell words) and checks its exit
 * status and whole output, "SRC" standing for f->source. */
static void expect_run(const fixture *f, const char *arguments, int status, const char *expected)
{
    char command[4096], want[8192];
    snprintf(command, sizeof command, "cd '%s' && '%s' %s", f->dir, ROSTRUM_BUNDLE_TOOL, arguments);
    size_t w = 0;
    for (const char *p = expected; *p && w + 4 < sizeof want; p++) {
        if (strncmp(p, "SRC", 3) == 0) {
            memcpy(want + w, "src", 3), w += 3;
            p += 2;
        } else {
            want[w++] = *p;
        }
    }
    want[w] = '\0';
    char *output;
    int got = support_run(command, &output);
    if (strcmp(output, want) != 0)
        fail_msg("rostrum-bundle %s:\n--- got:\n%s--- want:\n%s", arguments, output, want);
    assert_int_equal(got, status);
    free(output);
}

/* The names in dir, sorted, joined by spaces. */
static char *list_dir(const char *dir)
{
    struct dirent **entries;
    int n = scandir(dir, &entries, NULL, alphasort);
    assert_true(n >= 0);
    char *out = calloc(1, 4096);
    for (int i = 0; i < n; i++) {
        if (entries[i]->d_name[0] != '.') {
            strcat(out, entries[i]->d_name);
            strcat(out, " ");
        }
        free(entries[i]);
    }
    free(entries);
    return out;
}

static void test_lint_clean(void **state)
{
    fixture *f = *state;
    char *before = list_dir(f->dir);
    expect_run(f, "lint src", 0, "no problems; 5 statements, 2 incidents, 0 events\n");
    char *after = list_dir(f->dir);
    assert_string_equal(before, after); /* nothing written */
    free(before), free(after);
    rs_lint_stats stats;
    rs_diags *diags = rs_diags_create();
    assert_true(rs_lint(THREAD, NULL, false, diags, &stats));
    assert_int_equal(rs_diags_count(diags), 0);
    assert_int_equal(stats.statements, 6);
    assert_int_equal(stats.incidents, 2);
    assert_int_equal(stats.events, 6);
    rs_diags_destroy(diags);
}

/* Every problem, as build says it (its last line aside), then the count. */
static void test_lint_problems(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "y.txt", "---\nid: alpha\ntitle: Copy\nlanguage: en\nkind: report\n---\nBody.\n");
    support_write_text(f->source, "z.txt", "---\nid: zed\ntitle: Note: a colon\n\tlanguage: en\nkind: report\n---\nB\n");
    /* libyaml stops at the first syntax error: the colon, not the tab after it. */
    const char *problems = "SRC/z.txt:3: the value of 'title' holds ': ', which YAML reads as the start of a field "
                           "(quote the value: title: \"...\")\n"
                           "SRC/y.txt:2: duplicate id 'alpha' (also used by SRC/a.txt:2)\n";
    char want[2048];
    snprintf(want, sizeof want, "%s2 problems\n", problems);
    expect_run(f, "lint src", 1, want);
    snprintf(want, sizeof want, "%srostrum-bundle build: 2 problems; out.sqlite was not written.\n", problems);
    expect_run(f, "build src -o out.sqlite", 1, want);
    support_write_text(f->source, "z.txt", "---\nid: zed\ntitle: T\nlanguage: en\nkind: report\n---\nB\n");
    char *copy = support_path(f->source, "y.txt");
    remove(copy);
    free(copy);
    expect_run(f, "lint src", 0, "no problems; 6 statements, 2 incidents, 0 events\n");
    support_write_text(f->source, "z.txt", "---\nid: zed\ntitle: T\nlanguage: en\nkind: nope\n---\nB\n");
    expect_run(f, "lint src", 1,
               "SRC/z.txt:5: unknown kind 'nope' (kinds: response, attribution, report, statement, speech, "
               "interview)\n1 problem\n");
}

static void test_lint_usage(void **state)
{
    fixture *f = *state;
    char *output;
    char command[1024];
    snprintf(command, sizeof command, "'%s' lint", ROSTRUM_BUNDLE_TOOL);
    assert_int_equal(support_run(command, &output), 2);
    assert_non_null(strstr(output, "rostrum-bundle lint: needs a source folder\nUsage:\n"));
    free(output);
    snprintf(command, sizeof command, "'%s' lint '%s' extra", ROSTRUM_BUNDLE_TOOL, f->source);
    assert_int_equal(support_run(command, &output), 2);
    assert_non_null(strstr(output, "rostrum-bundle lint: unexpected argument 'extra'\n"));
    free(output);
    snprintf(command, sizeof command, "'%s' --help", ROSTRUM_BUNDLE_TOOL);
    assert_int_equal(support_run(command, &output), 0);
    assert_non_null(strstr(output, "\n  rostrum-bundle lint SOURCE_DIR [--iso-codes FILE]\n"));
    assert_non_null(strstr(output, "\n  rostrum-bundle new SOURCE_DIR [ID]\n"));
    assert_non_null(strstr(output, "\n  rostrum-bundle import FILE... -o DIR [--url URL] [--urls LIST.tsv]\n"));
    free(output);
    expect_run(f, "lint nowhere", 1,
               "nowhere/bundle.yaml: cannot open: No such file or directory\n"
               "nowhere: cannot open the source folder: No such file or directory\n2 problems\n");
}

/* The template as written, the untouched template's two blanks, and a
 * filled one that lints and builds. */
static void test_new_statement(void **state)
{
    fixture *f = *state;
    expect_run(f, "new src", 0,
               "Wrote SRC/new-statement.txt: write its title and text, then check it with: rostrum-bundle lint "
               "SRC\n");
    char *path = support_path(f->source, "new-statement.txt");
    char *written = support_read_file(path, NULL), *template = rs_template_text("new-statement", "en");
    assert_string_equal(written, template);
    free(template);
    expect_run(f, "lint src", 1,
               "SRC/new-statement.txt:15: field 'title' is empty\n"
               "SRC/new-statement.txt:73: empty body (write the statement's text after this closing '---')\n"
               "2 problems\n");
    /* Filled in: the title, and the text after the closing line. */
    char *title = strstr(written, "\ntitle:\n");
    assert_non_null(title);
    char filled[8192];
    snprintf(filled, sizeof filled, "%.*s\ntitle: A new statement\n%sThe text.\n", (int)(title - written), written,
             title + strlen("\ntitle:\n"));
    support_write_text(f->source, "new-statement.txt", filled);
    expect_run(f, "lint src", 0, "no problems; 6 statements, 2 incidents, 0 events\n");
    expect_run(f, "build src -o out.sqlite", 0, "");
    free(written), free(path);
}

/* Never over a file: the next free name, or a refusal naming the file. */
static void test_new_never_overwrites(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "new-statement.txt", "mine\n");
    expect_run(f, "new src", 0,
               "Wrote SRC/new-statement-2.txt: write its title and text, then check it with: rostrum-bundle lint "
               "SRC\n");
    expect_run(f, "new src a", 1, "rostrum-bundle new: SRC/a.txt already exists; nothing was written (choose "
                                  "another id)\n");
    char *path = support_path(f->source, "new-statement.txt"), *mine = support_read_file(path, NULL);
    assert_string_equal(mine, "mine\n");
    free(mine), free(path);
    expect_run(f, "new src Bad_Id", 1,
               "rostrum-bundle new: 'Bad_Id' is not an id (1-100 lower-case letters, digits and single hyphens)\n");
    expect_run(f, "new nowhere x", 1, "rostrum-bundle new: cannot write nowhere/x.txt: No such file or directory\n");
    char command[1024], *output;
    snprintf(command, sizeof command, "'%s' new '%s' x y", ROSTRUM_BUNDLE_TOOL, f->source);
    assert_int_equal(support_run(command, &output), 2);
    assert_non_null(strstr(output, "rostrum-bundle new: needs a source folder and, if you like, the new statement's "
                                   "id\nUsage:\n"));
    free(output);
}

/* The language line is the collection's. */
static void test_new_in_collection_language(void **state)
{
    fixture *f = *state;
    support_write_text(f->source, "bundle.yaml", "title: 合集\nlanguage: zh-Hans\n");
    expect_run(f, "new src zh-one", 0,
               "Wrote SRC/zh-one.txt: write its title and text, then check it with: rostrum-bundle lint SRC\n");
    char *path = support_path(f->source, "zh-one.txt");
    char *written = support_read_file(path, NULL), *template = rs_template_text("zh-one", "zh-Hans");
    assert_string_equal(written, template);
    assert_non_null(strstr(written, "\nlanguage: zh-Hans\n"));
    free(written), free(template), free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lint_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lint_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lint_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_statement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_never_overwrites, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_in_collection_language, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
