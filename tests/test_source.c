/* The source parser: one statement file, incidents.yaml and bundle.yaml,
 * parsed from memory, and the exact message for each kind of mistake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

static rs_countries *countries;

static int load_countries(void **state)
{
    (void)state;
    char error[256];
    countries = rs_countries_load(RS_ISO_3166_DEFAULT_PATH, error, sizeof error);
    return countries ? 0 : -1;
}

static int free_countries(void **state)
{
    (void)state;
    rs_countries_destroy(countries);
    return 0;
}

/* Parses text as "t.txt" and checks the diagnostics are exactly expected
 * (NULL-terminated list). Returns the parsed statement for more checks. */
static void parse_expect(const char *text, rs_statement_source *out, const char *const *expected)
{
    rs_diags *diags = rs_diags_create();
    bool ok = rs_source_parse_statement("t.txt", text, strlen(text), &(rs_source_context){.countries = countries}, true, out, diags);
    size_t n = 0;
    while (expected[n])
        n++;
    for (size_t i = 0; i < rs_diags_count(diags) || i < n; i++) {
        const char *got = rs_diags_get(diags, i);
        const char *want = i < n ? expected[i] : NULL;
        if (!got || !want || strcmp(got, want) != 0)
            fail_msg("diagnostic %zu:\n   got: %s\n  want: %s", i, got ? got : "(none)", want ? want : "(none)");
    }
    assert_int_equal(ok, n == 0);
    rs_diags_destroy(diags);
}

#define EXPECT(...) ((const char *const[]){__VA_ARGS__, NULL})
#define EXPECT_NONE ((const char *const[]){NULL})

static const char good_header[] = "---\n"
                                  "id: good-one\n"
                                  "title: A good statement\n"
                                  "date: 2021-07-20\n"
                                  "language: en\n"
                                  "kind: response\n";

static char *with_header(const char *extra_fields, const char *rest)
{
    size_t n = strlen(good_header) + strlen(extra_fields) + strlen(rest) + 1;
    char *text = malloc(n);
    snprintf(text, n, "%s%s%s", good_header, extra_fields, rest);
    return text;
}

static void test_full_statement(void **state)
{
    (void)state;
    const char *text = "---\n"
                       "id: x-1\n"
                       "title: \"Title: with a colon\"\n"
                       "date: 2020-02-29\n"
                       "date_note: Leap day.\n"
                       "outlet: Outlet\n"
                       "speaker: Hua Chunying\n"
                       "speaker_role: Spokesperson\n"
                       "language: zh-Hans\n"
                       "url: https://example.org/x\n"
                       "kind: statement\n"
                       "countries:\n"
                       "  NO: victim\n"
                       "  CN: [speaker, accused]\n"
                       "incidents: [one, two-2]\n"
                       "same_as: other\n"
                       "translation_of: original-1\n"
                       "---\n"
                       "\n\n"
                       "First paragraph.\nSame paragraph.\n\nSecond.  \n\n\n";
    rs_statement_source s;
    parse_expect(text, &s, EXPECT_NONE);
    assert_string_equal(s.id, "x-1");
    assert_string_equal(s.title, "Title: with a colon");
    assert_string_equal(s.date_text, "2020-02-29");
    assert_int_equal(s.date.year, 2020);
    assert_int_equal(s.date.month, 2);
    assert_int_equal(s.date.day, 29);
    assert_string_equal(s.date_note, "Leap day.");
    assert_string_equal(s.speaker, "Hua Chunying");
    assert_string_equal(s.language, "zh-Hans");
    assert_string_equal(s.same_as, "other");
    assert_int_equal(s.same_as_line, 16);
    assert_string_equal(s.translation_of, "original-1");
    assert_int_equal(s.translation_of_line, 17);
    assert_int_equal(s.country_count, 2);
    assert_string_equal(s.countries[0].code, "NO"); /* the Norway problem: stays a code */
    assert_int_equal(s.countries[0].roles, 1u << 3);
    assert_string_equal(s.countries[1].code, "CN");
    assert_int_equal(s.countries[1].roles, (1u << 0) | (1u << 2));
    assert_int_equal(s.countries[1].line, 14);
    assert_int_equal(s.incident_count, 2);
    assert_string_equal(s.incidents[1].slug, "two-2");
    assert_string_equal(s.body, "First paragraph.\nSame paragraph.\n\nSecond.");
    rs_statement_source_clear(&s);
}

static void test_body_kept_exactly(void **state)
{
    (void)state;
    const char *body = "  Indented “quotes” — dash; 网络安全。\tTab.\n\nХакеры?";
    char *text = with_header("---\n", body);
    rs_statement_source s;
    parse_expect(text, &s, EXPECT_NONE);
    assert_string_equal(s.body, body);
    rs_statement_source_clear(&s);
    free(text);
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF---\r\nid: w\r\ntitle: T\r\nlanguage: en\r\nkind: report\r\n---\r\nOne.\r\nTwo.\r\n";
    rs_statement_source s;
    parse_expect(text, &s, EXPECT_NONE);
    assert_string_equal(s.title, "T");
    assert_string_equal(s.body, "One.\nTwo.");
    assert_null(s.date_text);
    assert_int_equal(s.date.year, 0);
    rs_statement_source_clear(&s);
}

static void test_unknown_field(void **state)
{
    (void)state;
    rs_statement_source s;
    char *text = with_header("titel: typo\ncolour: blue\n", "---\nBody.\n");
    parse_expect(text, &s,
                 EXPECT("t.txt:7: unknown field 'titel'; did you mean 'title'?",
                        "t.txt:8: unknown field 'colour' (statement fields: id, title, title_note, date, date_note, "
                        "outlet, speaker, speaker_role, language, url, kind, countries, incidents, same_as, "
                        "translation_of)"));
    rs_statement_source_clear(&s);
    free(text);
}

static void test_missing_and_empty_fields(void **state)
{
    (void)state;
    rs_statement_source s;
    parse_expect("---\nid: a\ntitle:\n---\nBody.\n", &s,
                 EXPECT("t.txt:3: field 'title' is empty", "t.txt:1: missing required field 'language'",
                        "t.txt:1: missing required field 'kind'"));
    rs_statement_source_clear(&s);
}

static void test_duplicate_field(void **state)
{
    (void)state;
    rs_statement_source s;
    char *text = with_header("title: Again\n", "---\nBody.\n");
    parse_expect(text, &s, EXPECT("t.txt:7: field 'title' appears twice (first on line 3)"));
    rs_statement_source_clear(&s);
    free(text);
}

static void test_dates(void **state)
{
    (void)state;
    rs_statement_source s;
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\ndate: 2021-02-30\n---\nB\n", &s,
                 EXPECT("t.txt:6: impossible date '2021-02-30' (February 2021 has 28 days)"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\ndate: 2021-13\n---\nB\n", &s,
                 EXPECT("t.txt:6: impossible date '2021-13' (month must be 01 to 12)"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\ndate: 20/07/2021\n---\nB\n", &s,
                 EXPECT("t.txt:6: date '20/07/2021' is not YYYY, YYYY-MM or YYYY-MM-DD"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\ndate: 2000-02-29\n---\nB\n", &s, EXPECT_NONE);
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\ndate: 1900-02-29\n---\nB\n", &s,
                 EXPECT("t.txt:6: impossible date '1900-02-29' (February 1900 has 28 days)"));
    rs_statement_source_clear(&s);
}

static void test_countries(void **state)
{
    (void)state;
    rs_statement_source s;
    char *text = with_header("countries:\n  XX: accuser\n  UK: accuser\n  gb: victim\n  CN: acuser\n"
                             "  US: [speaker, nobody]\n  FR: victim\n  FR: mentioned\n",
                             "---\nBody.\n");
    parse_expect(text, &s,
                 EXPECT("t.txt:8: unknown country code 'XX' (expected an ISO 3166-1 alpha-2 code such as GB)",
                        "t.txt:9: unknown country code 'UK' (ISO 3166-1 alpha-2; the United Kingdom is GB)",
                        "t.txt:10: unknown country code 'gb' (expected an ISO 3166-1 alpha-2 code such as GB)",
                        "t.txt:11: unknown role 'acuser' for CN (roles: speaker, accuser, accused, victim, "
                        "mentioned); did you mean 'accuser'?",
                        "t.txt:12: unknown role 'nobody' for US (roles: speaker, accuser, accused, victim, mentioned)",
                        "t.txt:14: country FR appears twice (first on line 13); list its roles together, e.g. "
                        "'FR: [speaker, accused]'"));
    assert_int_equal(s.country_count, 1);
    rs_statement_source_clear(&s);
    free(text);

    text = with_header("countries: [GB, CN]\n", "---\nBody.\n");
    parse_expect(text, &s, EXPECT("t.txt:7: field 'countries' must map country codes to roles, e.g. 'GB: accuser'"));
    rs_statement_source_clear(&s);
    free(text);
}

static void test_other_field_checks(void **state)
{
    (void)state;
    rs_statement_source s;
    parse_expect("---\nid: Not A Slug\ntitle: T\nlanguage: english\nkind: rebuttal\nurl: www.example.org\n"
                 "incidents: [ok-one, Bad_Slug]\nsame_as: Not A Slug\ntranslation_of: Not A Slug\n---\nB\n",
                 &s,
                 EXPECT("t.txt:2: id 'Not A Slug' is not a slug (1-100 lower-case letters, digits and single hyphens)",
                        "t.txt:4: language 'english' is not a BCP 47 tag such as en, zh-Hans or ru",
                        "t.txt:5: unknown kind 'rebuttal' (kinds: response, attribution, report, statement, speech, "
                        "interview)",
                        "t.txt:6: url 'www.example.org' must start with http:// or https://",
                        "t.txt:7: incident 'Bad_Slug' is not a slug (lower-case letters, digits and hyphens)",
                        "t.txt:8: same_as names this statement itself",
                        "t.txt:9: translation_of names this statement itself (name the statement it translates)"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: [not, text]\nlanguage: en\nkind: report\n---\nB\n", &s,
                 EXPECT("t.txt:3: field 'title' must be a single value, not a list",
                        "t.txt:3: field 'title' is empty"));
    rs_statement_source_clear(&s);
}

static void test_structure_errors(void **state)
{
    (void)state;
    rs_statement_source s;
    parse_expect("id: a\n---\nBody\n", &s, EXPECT("t.txt:1: expected '---' on the first line to open the header"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\n", &s,
                 EXPECT("t.txt:1: the header opened by '---' is never closed (put a line '---' between the header "
                        "and the body)"));
    rs_statement_source_clear(&s);
    char *text = with_header("---\n", "\n  \n\t\n");
    parse_expect(text, &s, EXPECT("t.txt:7: empty body (write the statement's text after this closing '---')"));
    rs_statement_source_clear(&s);
    free(text);
    parse_expect("---\nid: a\ntitle: \"unterminated\nlanguage: en\n---\nB\n", &s,
                 EXPECT("t.txt:5: YAML error: while scanning a quoted scalar found unexpected end of stream",
                        "t.txt:1: missing required field 'id'", "t.txt:1: missing required field 'title'",
                        "t.txt:1: missing required field 'language'", "t.txt:1: missing required field 'kind'"));
    rs_statement_source_clear(&s);
}

static void test_encoding_errors(void **state)
{
    (void)state;
    rs_statement_source s;
    parse_expect("---\nid: a\ntitle: caf\xE9\n---\nB\n", &s,
                 EXPECT("t.txt:3: invalid UTF-8 at byte offset 20 (save the file as UTF-8)"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\n---\nA\x02 B\n", &s,
                 EXPECT("t.txt:7: control character 0x02 at byte offset 50 (is this a text file?)"));
    rs_statement_source_clear(&s);
    /* An overlong encoding of '/' and a UTF-16 surrogate are not UTF-8. */
    parse_expect("---\nid: a\xC0\xAF\n", &s, EXPECT("t.txt:2: invalid UTF-8 at byte offset 9 (save the file as UTF-8)"));
    rs_statement_source_clear(&s);
    parse_expect("---\n\xED\xA0\x80\n", &s, EXPECT("t.txt:2: invalid UTF-8 at byte offset 4 (save the file as UTF-8)"));
    rs_statement_source_clear(&s);
}

static void test_incidents_file(void **state)
{
    (void)state;
    const char *text = "# comment\n"
                       "- slug: one\n"
                       "  name: One\n"
                       "  date: 2021-03\n"
                       "  summary: First.\n"
                       "- slug: one\n"
                       "  name: Again\n"
                       "  summary: Dup.\n"
                       "- slug: two\n"
                       "  date: 2021-02-29\n"
                       "  sumary: typo\n";
    rs_incident_list list;
    rs_diags *diags = rs_diags_create();
    assert_false(rs_source_parse_incidents("incidents.yaml", text, strlen(text), NULL, &list, diags));
    const char *expected[] = {
        "incidents.yaml:6: duplicate incident slug 'one' (first on line 2)",
        "incidents.yaml:10: impossible date '2021-02-29' (February 2021 has 28 days)",
        "incidents.yaml:11: unknown field 'sumary'; did you mean 'summary'?",
        "incidents.yaml:9: incident is missing required field 'name'",
        "incidents.yaml:9: incident is missing required field 'summary'",
    };
    assert_int_equal(rs_diags_count(diags), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(rs_diags_get(diags, i), expected[i]);
    assert_int_equal(list.count, 3);
    assert_string_equal(list.items[0].name, "One");
    assert_int_equal(list.items[0].date.month, 3);
    rs_incident_list_clear(&list);
    rs_diags_destroy(diags);
}

static void test_bundle_file(void **state)
{
    (void)state;
    rs_bundle_source bundle;
    rs_diags *diags = rs_diags_create();
    const char *good = "title: T\ndescription: >-\n  Folded\n  text.\n";
    assert_true(rs_source_parse_bundle("bundle.yaml", good, strlen(good), &bundle, diags));
    assert_string_equal(bundle.title, "T");
    assert_string_equal(bundle.description, "Folded text.");
    rs_bundle_source_clear(&bundle);
    const char *bad = "description: no title\n";
    assert_false(rs_source_parse_bundle("bundle.yaml", bad, strlen(bad), &bundle, diags));
    assert_string_equal(rs_diags_get(diags, 0), "bundle.yaml:1: missing required field 'title'");
    rs_bundle_source_clear(&bundle);
    rs_diags_destroy(diags);
}

/* Reading path gives exactly one diagnostic, want (with "PATH" for path). */
static void expect_read_error(const char *path, const char *want)
{
    rs_diags *diags = rs_diags_create();
    size_t size;
    assert_null(rs_source_read_file(path, &size, diags));
    char expected[512];
    snprintf(expected, sizeof expected, "%s: %s", path, want);
    assert_int_equal(rs_diags_count(diags), 1);
    assert_string_equal(rs_diags_get(diags, 0), expected);
    rs_diags_destroy(diags);
}

/* A FIFO named like a source file hung the build (its open waited for a
 * writer); /dev/zero as bundle.yaml was read to 16 MB and then called "a
 * statement file". Only regular files are read; alarm() turns a hang back
 * into a failure. */
static void test_read_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/rostrum-source-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64], big[64], zero[64], good[64];
    snprintf(fifo, sizeof fifo, "%s/x.txt", dir);
    snprintf(big, sizeof big, "%s/big.txt", dir);
    snprintf(zero, sizeof zero, "%s/bundle.yaml", dir);
    snprintf(good, sizeof good, "%s/good.txt", dir);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    assert_int_equal(symlink("/dev/zero", zero), 0);
    alarm(20);
    expect_read_error(fifo, "is a FIFO, not a regular file");
    expect_read_error(zero, "is a character device, not a regular file");
    expect_read_error(dir, "is a directory, not a regular file");
    alarm(0);
    /* One byte over the limit (a sparse file: nothing is written). */
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, RS_SOURCE_MAX_FILE_BYTES + 1), 0);
    close(fd);
    expect_read_error(big, "is 16,777,217 bytes; the limit is 16,777,216 bytes (16 MB)");
    FILE *f = fopen(good, "wb");
    fputs("---\nid: a\n", f);
    fclose(f);
    rs_diags *diags = rs_diags_create();
    size_t size;
    char *data = rs_source_read_file(good, &size, diags);
    assert_string_equal(data, "---\nid: a\n");
    assert_int_equal(size, 10);
    assert_int_equal(rs_diags_count(diags), 0);
    free(data);
    rs_diags_destroy(diags);
    unlink(fifo), unlink(big), unlink(zero), unlink(good);
    char missing[64];
    snprintf(missing, sizeof missing, "%s/missing.txt", dir);
    expect_read_error(missing, "cannot open: No such file or directory");
    rmdir(dir);
}

static void test_slugs(void **state)
{
    (void)state;
    assert_true(rs_source_is_slug("a"));
    assert_true(rs_source_is_slug("covid-19-research-2020"));
    assert_false(rs_source_is_slug(""));
    assert_false(rs_source_is_slug("-a"));
    assert_false(rs_source_is_slug("a-"));
    assert_false(rs_source_is_slug("a--b"));
    assert_false(rs_source_is_slug("A"));
    assert_false(rs_source_is_slug("a_b"));
}

/* Each limit of field_limits.h, reported with file and line (issue 11:
 * "Z" and 60,000 combining marks was accepted as a title). */
static void test_limits(void **state)
{
    (void)state;
    size_t marks = 60000;
    char *title = malloc(1 + 2 * marks + 1);
    title[0] = 'Z';
    for (size_t i = 0; i < marks; i++)
        memcpy(title + 1 + 2 * i, "\xCC\x81", 2);
    title[1 + 2 * marks] = '\0';
    char *country_lines = malloc(60 * 20 + 32);
    strcpy(country_lines, "countries:\n");
    static const char *const codes[] = {"AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA",
                                        "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS",
                                        "BT", "BW", "BY", "BZ", "CA", "CD", "CF", "CG", "CH", "CI", "CL", "CM",
                                        "CN", "CO", "CR", "CU", "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO",
                                        "DZ", "EC", "EE", "EG", "ER", "ES"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        snprintf(country_lines + strlen(country_lines), 20, "  %s: mentioned\n", codes[i]);
    size_t fields_size = strlen(title) + strlen(country_lines) + 200;
    char *fields = malloc(fields_size);
    snprintf(fields, fields_size, "speaker: %0201d\n%s", 0, country_lines);
    char *text = with_header(fields, "---\nBody.\n");
    rs_statement_source st;
    parse_expect(text, &st, EXPECT("t.txt:7: speaker is 201 characters; the limit is 200",
                                   "t.txt:8: countries lists 54; the limit is 50"));
    rs_statement_source_clear(&st);
    free(text);
    /* The title replaces the good header's own. */
    size_t n = strlen(title) + 200;
    text = malloc(n);
    snprintf(text, n, "---\nid: marks\ntitle: %s\nlanguage: en\nkind: response\n---\nBody.\n", title);
    parse_expect(text, &st, EXPECT("t.txt:3: title is 60,001 characters; the limit is 1,000"));
    rs_statement_source_clear(&st);
    free(text);
    snprintf(text = malloc(n), n, "---\nid: marks\ntitle: %.63s\nlanguage: en\nkind: response\n---\nBody.\n",
             title);
    parse_expect(text, &st, EXPECT("t.txt:3: title has 31 combining marks on one character; the limit is 30"));
    rs_statement_source_clear(&st);
    free(text);
    free(title), free(country_lines), free(fields);

    /* A body of 20,001 lines, from line 8 of its file. */
    size_t lines = 20001;
    char *body = malloc(lines * 2 + 1);
    for (size_t i = 0; i < lines; i++)
        memcpy(body + 2 * i, "x\n", 2);
    body[lines * 2] = '\0';
    char *rest = malloc(lines * 2 + 8);
    snprintf(rest, lines * 2 + 8, "---\n%s", body);
    text = with_header("", rest);
    parse_expect(text, &st, EXPECT("t.txt:8: body has 20,001 lines; the limit is 20,000"));
    rs_statement_source_clear(&st);
    free(text), free(rest), free(body);

    rs_diags *diags = rs_diags_create();
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "- slug: one\n  name: %0201d\n  summary: S.\n", 0);
    rs_incident_list list;
    assert_false(rs_source_parse_incidents("incidents.yaml", yaml, strlen(yaml), NULL, &list, diags));
    assert_string_equal(rs_diags_get(diags, 0), "incidents.yaml:2: name is 201 characters; the limit is 200");
    rs_incident_list_clear(&list);
    snprintf(yaml, sizeof yaml, "title: %0201d\n", 0);
    rs_bundle_source bundle;
    assert_false(rs_source_parse_bundle("bundle.yaml", yaml, strlen(yaml), &bundle, diags));
    assert_string_equal(rs_diags_get(diags, 1), "bundle.yaml:1: title is 201 characters; the limit is 200");
    rs_bundle_source_clear(&bundle);
    rs_diags_destroy(diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_statement),     cmocka_unit_test(test_body_kept_exactly),
        cmocka_unit_test(test_crlf_and_bom),       cmocka_unit_test(test_unknown_field),
        cmocka_unit_test(test_missing_and_empty_fields), cmocka_unit_test(test_duplicate_field),
        cmocka_unit_test(test_dates),              cmocka_unit_test(test_countries),
        cmocka_unit_test(test_other_field_checks), cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_encoding_errors),    cmocka_unit_test(test_incidents_file),
        cmocka_unit_test(test_bundle_file),        cmocka_unit_test(test_slugs),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, load_countries, free_countries);
}
