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

/* Checks the diagnostics are exactly expected (NULL-terminated list) and
 * that ok says there were none; destroys diags. */
static void check_diags(rs_diags *diags, bool ok, const char *const *expected)
{
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

/* Parses text as "t.txt" with context and checks its diagnostics.
 * Returns the parsed statement for more checks. */
static void parse_expect_in(const rs_source_context *context, const char *text, rs_statement_source *out,
                            const char *const *expected)
{
    rs_diags *diags = rs_diags_create();
    bool ok = rs_source_parse_statement("t.txt", text, strlen(text), context, true, out, diags);
    check_diags(diags, ok, expected);
}

static void parse_expect(const char *text, rs_statement_source *out, const char *const *expected)
{
    parse_expect_in(&(rs_source_context){.countries = countries}, text, out, expected);
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

/* wrap: hard joins each paragraph's lines: one space, none between two
 * CJK characters, the spaces around a break dropped, one blank line between
 * paragraphs, CRLF too. Without it, or with wrap: none, the body is kept. */
static void test_wrap_hard(void **state)
{
    (void)state;
    const char *body = "  The Foreign Office said   \r\n  on Tuesday that\r\nit would respond.\r\n\r\n \t\r\n\r\n"
                       "外交部发言人\r\n表示，\r\n中方 \r\nfirmly opposes\r\n这一说法。\r\n\r\n"
                       "Хакеры\r\nатаковали.\r\n한국\r\n정부\r\n";
    char *text = with_header("wrap: hard\n", "---\r\n");
    char *full = malloc(strlen(text) + strlen(body) + 1);
    strcpy(full, text), strcat(full, body);
    rs_statement_source s;
    parse_expect(full, &s, EXPECT_NONE);
    const char *joined = "  The Foreign Office said on Tuesday that it would respond.\n\n"
                         "外交部发言人表示，中方 firmly opposes 这一说法。\n\n"
                         "Хакеры атаковали. 한국 정부";
    assert_string_equal(s.body, joined);
    assert_int_equal(s.body_bytes, strlen(joined));
    assert_true(s.wrap_hard);
    rs_statement_source_clear(&s);
    free(text), free(full);
    text = with_header("wrap: none\n", "---\nOne\ntwo.\n\n\nThree.\n");
    parse_expect(text, &s, EXPECT_NONE);
    assert_string_equal(s.body, "One\ntwo.\n\n\nThree.");
    assert_false(s.wrap_hard);
    rs_statement_source_clear(&s);
    free(text);
    text = with_header("wrap: soft\n", "---\nOne\n");
    parse_expect(text, &s,
                 EXPECT("t.txt:7: wrap must be none (the text as written) or hard (the lines of each paragraph "
                        "joined), not 'soft'"));
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
                        "outlet, speaker, speaker_role, language, url, kind, countries, parties, incidents, same_as, "
                        "translation_of, partial, note, wrap)"));
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
                        "t.txt:10: unknown country code 'gb' (expected an ISO 3166-1 alpha-2 code such as GB); did you "
                        "mean 'GB'?",
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
                 EXPECT("t.txt:5: YAML error: while scanning a quoted scalar found unexpected end of stream"));
    rs_statement_source_clear(&s);
}

/* libyaml's two commonest complaints, in the curator's words, and nothing
 * after them: a header that cannot be read has no "missing" fields. */
static void test_yaml_errors_said_plainly(void **state)
{
    (void)state;
    rs_statement_source s;
    parse_expect("---\nid: a\ntitle: T\n\tlanguage: en\nkind: report\n---\nB\n", &s,
                 EXPECT("t.txt:4: a tab character in the header (YAML allows spaces only; indent with spaces)"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\ncountries:\n  CN: speaker\n\t GB: accused\n"
                 "---\nB\n",
                 &s, EXPECT("t.txt:8: a tab character in the header (YAML allows spaces only; indent with spaces)"));
    rs_statement_source_clear(&s);
    /* A tab after the colon is read as a space: nothing to say. */
    parse_expect("---\nid: a\ntitle: T\nlanguage:\ten\nkind: report\n---\nB\n", &s, EXPECT_NONE);
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: Note: the minister spoke\nlanguage: en\nkind: report\n---\nB\n", &s,
                 EXPECT("t.txt:3: the value of 'title' holds ': ', which YAML reads as the start of a field (quote "
                        "the value: title: \"...\")"));
    rs_statement_source_clear(&s);
    parse_expect("---\r\nid: a\r\ntitle: T\r\nspeaker_role: Spokesperson:\r\nlanguage: en\r\nkind: report\r\n---\r\nB\r\n",
                 &s,
                 EXPECT("t.txt:4: the value of 'speaker_role' holds ': ', which YAML reads as the start of a field "
                        "(quote the value: speaker_role: \"...\")"));
    rs_statement_source_clear(&s);
    parse_expect("---\nid: a\ntitle: T\nlanguage: en\nkind: report\nnote: The ministry\n  said: no\n---\nB\n", &s,
                 EXPECT("t.txt:7: this line goes on with the value of 'note' (line 6) and holds ': ' (quote the value: "
                        "note: \"...\"; or, if this line is a field of its own, indent it as 'note' is)"));
    rs_statement_source_clear(&s);
    rs_incident_list list;
    rs_diags *diags = rs_diags_create();
    const char *yaml = "- slug: a\n  name: A\n\tsummary: S\n";
    bool ok = rs_source_parse_incidents("incidents.yaml", yaml, strlen(yaml), NULL, &list, diags);
    check_diags(diags, ok,
                EXPECT("incidents.yaml:3: a tab character in the indentation (YAML allows spaces only; indent with "
                       "spaces)"));
    rs_incident_list_clear(&list);
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

/* ---- format 3: parties, events, translations ---- */

static const char parties_yaml[] =
    "- code: EU                     # a comment after a code is fine\n"
    "  kind: organisation\n"
    "  name: {en: European Union, zh-Hans: 欧洲联盟, ru: Европейский союз}\n"
    "  short: {en: EU, zh-Hans: 欧盟, ru: ЕС}\n"
    "  members: [AT, BE, BG]\n"
    "- code: NATO\n"
    "  kind: alliance\n"
    "  name:\n"
    "    ru: НАТО\n"
    "    en: North Atlantic Treaty Organization\n"
    "- code: FVEY\n"
    "  kind: alliance\n"
    "  name: Five Eyes\n"
    "  members: [AU, CA, GB, NZ, US]\n";

/* Parses text as path with the country table and parties, for the
 * whole-YAML files. */
static rs_party_list parse_parties_expect(const char *text, const char *const *expected)
{
    rs_party_list list;
    rs_diags *diags = rs_diags_create();
    rs_source_context context = {.countries = countries, .default_language = "en"};
    bool ok = rs_source_parse_parties("parties.yaml", text, strlen(text), &context, &list, diags);
    check_diags(diags, ok, expected);
    return list;
}

static void assert_translation(const rs_translation *t, const char *field, const char *language, const char *value,
                               unsigned line)
{
    assert_string_equal(t->field, field);
    assert_string_equal(t->language, language);
    assert_string_equal(t->value, value);
    assert_int_equal(t->line, line);
}

static void test_parties_file(void **state)
{
    (void)state;
    rs_party_list list = parse_parties_expect(parties_yaml, EXPECT_NONE);
    assert_int_equal(list.count, 3);
    const rs_party_source *eu = rs_party_list_find(&list, "EU");
    assert_ptr_equal(eu, &list.items[0]);
    assert_string_equal(eu->kind, "organisation");
    assert_string_equal(eu->name, "European Union");
    assert_string_equal(eu->short_name, "EU");
    assert_int_equal(eu->line, 1);
    assert_int_equal(eu->member_count, 3);
    assert_string_equal(eu->members[2], "BG");
    assert_int_equal(eu->translations.count, 4);
    assert_translation(&eu->translations.items[0], "name", "zh-Hans", "欧洲联盟", 3);
    assert_translation(&eu->translations.items[1], "name", "ru", "Европейский союз", 3);
    assert_translation(&eu->translations.items[3], "short", "ru", "ЕС", 4);
    const rs_party_source *nato = rs_party_list_find(&list, "NATO");
    assert_string_equal(nato->name, "North Atlantic Treaty Organization");
    assert_null(nato->short_name);
    assert_int_equal(nato->member_count, 0);
    assert_int_equal(nato->translations.count, 1);
    assert_translation(&nato->translations.items[0], "name", "ru", "НАТО", 9);
    assert_int_equal(rs_party_list_find(&list, "FVEY")->translations.count, 0);
    assert_null(rs_party_list_find(&list, "GB"));
    assert_null(rs_party_list_find(NULL, "EU"));
    rs_party_list_clear(&list);
    list = parse_parties_expect("", EXPECT_NONE);
    assert_int_equal(list.count, 0);
    rs_party_list_clear(&list);
}

static void test_parties_file_errors(void **state)
{
    (void)state;
    const char *text = "- code: CA\n"
                       "  kind: organisation\n"
                       "  name: Canada Inc\n"
                       "- code: nato\n"
                       "  kind: aliance\n"
                       "  name: Nato\n"
                       "- code: EU\n"
                       "  kind: country\n"
                       "  name: {zh-Hans: 欧洲联盟}\n"
                       "  members: [AT, at, Germany, AT, XX, GBR]\n"
                       "- code: EU\n"
                       "  kind: company\n"
                       "  name: E\n"
                       "  member: [AT]\n"
                       "- code: A-B\n"
                       "  kind: agency\n"
                       "  name: Statement #2 of an agency\n"
                       "- short: S\n"
                       "  members: AT\n"
                       "- just a word\n";
    rs_party_list list = parse_parties_expect(
        text,
        EXPECT("parties.yaml:1: party code 'CA' is the ISO 3166-1 code of Canada (a party's code must not be a "
               "country's: choose another)",
               "parties.yaml:4: party code 'nato' must be 2 to 12 upper-case letters and digits, e.g. NATO; did you "
               "mean 'NATO'?",
               "parties.yaml:5: unknown kind 'aliance' (kinds: organisation, alliance, company, agency); did you mean "
               "'alliance'?",
               "parties.yaml:8: kind 'country' is not for parties.yaml (a country needs no entry: write its ISO "
               "3166-1 code; kinds: organisation, alliance, company, agency)",
               "parties.yaml:9: 'name' has no value in the collection's language 'en' (add en: ..., or write a plain "
               "string)",
               "parties.yaml:10: unknown member 'at' (members are ISO 3166-1 alpha-2 codes such as GB); did you mean "
               "'AT'?",
               "parties.yaml:10: unknown member 'Germany' (members are ISO 3166-1 alpha-2 codes such as GB); did you "
               "mean 'DE' (Germany)?",
               "parties.yaml:10: member AT appears twice (first on line 10)",
               "parties.yaml:10: unknown member 'XX' (members are ISO 3166-1 alpha-2 codes such as GB)",
               "parties.yaml:10: unknown member 'GBR' (members are ISO 3166-1 alpha-2 codes such as GB); did you "
               "mean 'GB' (United Kingdom)?",
               "parties.yaml:14: unknown field 'member'; did you mean 'members'?",
               "parties.yaml:11: party code 'EU' is defined twice (first on line 7)",
               "parties.yaml:15: party code 'A-B' must be 2 to 12 upper-case letters and digits, e.g. NATO",
               "parties.yaml:17: the value of 'name' stops at ' #': YAML reads the rest of the line as a comment "
               "(put the value in quotes: \"...\")",
               "parties.yaml:19: field 'members' must be a list of ISO 3166-1 codes, e.g. [AT, BE, BG]",
               "parties.yaml:18: party is missing required field 'code'",
               "parties.yaml:18: party is missing required field 'kind'",
               "parties.yaml:18: party is missing required field 'name'",
               "parties.yaml:20: each party must be a set of fields (code, kind, name, short, members)"));
    assert_int_equal(list.count, 6);
    rs_party_list_clear(&list);
    list = parse_parties_expect("code: EU\n", EXPECT("parties.yaml:1: parties.yaml must be a list of parties ('- code: ...')"));
    rs_party_list_clear(&list);
}

/* The mistakes a mapping by language can hold, in bundle.yaml. */
static void test_translated_values(void **state)
{
    (void)state;
    rs_bundle_source bundle;
    rs_diags *diags = rs_diags_create();
    char *text = malloc(4096);
    snprintf(text, 4096,
             "title:\n"
             "  en: Statements\n"
             "  English: Statements\n"
             "  ru: Заявления\n"
             "  RU: again\n"
             "  zh-Hans: \"\"\n"
             "  fr: %0201d\n"
             "  de: [a, list]\n"
             "description: {ru: Описание}\n",
             0);
    bool ok = rs_source_parse_bundle("bundle.yaml", text, strlen(text), &bundle, diags);
    check_diags(diags, ok,
                EXPECT("bundle.yaml:3: 'English' is not a language tag (the values of 'title' are by BCP 47 tag, such "
                       "as en, zh-Hans or ru)",
                       "bundle.yaml:5: 'RU' is not a language tag (the values of 'title' are by BCP 47 tag, such as "
                       "en, zh-Hans or ru)",
                       "bundle.yaml:6: 'title' has an empty value in zh-Hans",
                       "bundle.yaml:7: title (fr) is 201 characters; the limit is 200",
                       "bundle.yaml:8: field 'title' must be a single value, not a list",
                       "bundle.yaml:9: 'description' has no value in the collection's language 'en' (add en: ..., "
                       "or write a plain string)"));
    assert_string_equal(bundle.title, "Statements");
    assert_null(bundle.description);
    rs_bundle_source_clear(&bundle);
    diags = rs_diags_create();
    snprintf(text, 4096, "title: {en: A, ru: Б, zh-hans: В, ru: Г, zh-Hans: Д}\n");
    ok = rs_source_parse_bundle("bundle.yaml", text, strlen(text), &bundle, diags);
    check_diags(diags, ok,
                EXPECT("bundle.yaml:1: 'title' has two values in ru (first on line 1)",
                       "bundle.yaml:1: 'title' has two values in zh-Hans (first on line 1)"));
    rs_bundle_source_clear(&bundle);
    free(text);
}

static void test_bundle_language(void **state)
{
    (void)state;
    rs_bundle_source bundle;
    rs_diags *diags = rs_diags_create();
    /* The language may come after the title: the title's base value is in it. */
    const char *text = "title: {en: Statements, ru: Заявления}\n"
                       "description:\n"
                       "  ru: >-\n"
                       "    Описание\n"
                       "    коллекции.\n"
                       "  en: About.\n"
                       "language: ru # the collection's language\n";
    assert_true(rs_source_parse_bundle("bundle.yaml", text, strlen(text), &bundle, diags));
    assert_string_equal(bundle.language, "ru");
    assert_string_equal(bundle.title, "Заявления");
    assert_string_equal(bundle.description, "Описание коллекции.");
    assert_int_equal(bundle.translations.count, 2);
    assert_translation(&bundle.translations.items[0], "title", "en", "Statements", 1);
    assert_translation(&bundle.translations.items[1], "description", "en", "About.", 6);
    rs_bundle_source_clear(&bundle);
    text = "title: T\n";
    assert_true(rs_source_parse_bundle("bundle.yaml", text, strlen(text), &bundle, diags));
    assert_string_equal(bundle.language, "en");
    assert_int_equal(bundle.translations.count, 0);
    rs_bundle_source_clear(&bundle);
    text = "title: {en: T}\nlanguage: English\n";
    assert_false(rs_source_parse_bundle("bundle.yaml", text, strlen(text), &bundle, diags));
    assert_string_equal(rs_diags_get(diags, 0),
                        "bundle.yaml:2: language 'English' is not a BCP 47 tag such as en, zh-Hans or ru");
    assert_string_equal(bundle.language, "en");
    assert_string_equal(bundle.title, "T");
    rs_bundle_source_clear(&bundle);
    rs_diags_destroy(diags);
}

static const char events_yaml[] =
    "- slug: exchange-2021\n"
    "  name: {en: Microsoft Exchange hack, zh-Hans: 微软Exchange事件}\n"
    "  date: 2021-03\n"
    "  summary: Servers were broken into.\n"
    "  events:\n"
    "    - date: 2021-07-19\n"
    "      kind: attribution\n"
    "      parties: {GB: accuser, EU: accuser, CN: accused}\n"
    "      summary:\n"
    "        en: The UK, the EU and others attribute the hack to China.\n"
    "        ru: Великобритания и ЕС возлагают ответственность на Китай.\n"
    "      url: https://www.gov.uk/government/news/x\n"
    "    - kind: denial\n"
    "      date_note: \"Reported #1 by the press; the day is inferred.\"\n"
    "      parties:\n"
    "        CN: [speaker, accused]\n"
    "      summary: China denies it.\n"
    "- slug: quiet\n"
    "  name: Quiet\n"
    "  summary: No events.\n"
    "  events:\n";

static rs_incident_list parse_incidents_expect(const rs_party_list *parties, const char *text,
                                               const char *const *expected)
{
    rs_incident_list list;
    rs_diags *diags = rs_diags_create();
    rs_source_context context = {.countries = countries, .parties = parties, .default_language = "en"};
    bool ok = rs_source_parse_incidents("incidents.yaml", text, strlen(text), &context, &list, diags);
    check_diags(diags, ok, expected);
    return list;
}

static void test_events(void **state)
{
    (void)state;
    rs_party_list parties = parse_parties_expect(parties_yaml, EXPECT_NONE);
    rs_incident_list list = parse_incidents_expect(&parties, events_yaml, EXPECT_NONE);
    assert_int_equal(list.count, 2);
    rs_incident_source *incident = &list.items[0];
    assert_string_equal(incident->name, "Microsoft Exchange hack");
    assert_int_equal(incident->translations.count, 1);
    assert_translation(&incident->translations.items[0], "name", "zh-Hans", "微软Exchange事件", 2);
    assert_int_equal(incident->event_count, 2);
    rs_event_source *e = &incident->events[0];
    assert_int_equal(e->line, 6);
    assert_string_equal(e->date_text, "2021-07-19");
    assert_int_equal(e->date.day, 19);
    assert_string_equal(e->kind, "attribution");
    assert_int_equal(e->party_count, 3);
    assert_string_equal(e->parties[1].code, "EU");
    assert_int_equal(e->parties[1].roles, 1u << 1);
    assert_int_equal(e->parties[1].line, 8);
    assert_string_equal(e->summary, "The UK, the EU and others attribute the hack to China.");
    assert_int_equal(e->translations.count, 1);
    assert_translation(&e->translations.items[0], "summary", "ru",
                       "Великобритания и ЕС возлагают ответственность на Китай.", 11);
    assert_string_equal(e->url, "https://www.gov.uk/government/news/x");
    e = &incident->events[1];
    assert_int_equal(e->line, 13);
    assert_null(e->date_text);
    assert_int_equal(e->date.year, 0);
    assert_string_equal(e->date_note, "Reported #1 by the press; the day is inferred.");
    assert_int_equal(e->parties[0].roles, (1u << 0) | (1u << 2));
    assert_int_equal(e->parties[0].line, 16);
    assert_null(e->url);
    assert_int_equal(list.items[1].event_count, 0);
    rs_incident_list_clear(&list);
    rs_party_list_clear(&parties);
}

static void test_event_errors(void **state)
{
    (void)state;
    rs_party_list parties = parse_parties_expect(parties_yaml, EXPECT_NONE);
    const char *text = "- slug: one\n"
                       "  name: One # the first\n"
                       "  summary: S.\n"
                       "  events:\n"
                       "    - date: 2021-02-30\n"
                       "      kind: atribution\n"
                       "      parties: {ca: accuser, Canada: accuser, united kingdom: accused, NAT0: victim}\n"
                       "      summary: {ru: Только по-русски}\n"
                       "      url: www.example.org\n"
                       "    - kind: denial\n"
                       "      parties: {}\n"
                       "      summary: Denied #2 times\n"
                       "      sumary: typo\n"
                       "    - date: 2021\n"
                       "    - a word\n"
                       "- slug: two\n"
                       "  name: Two\n"
                       "  summary: S.\n"
                       "  events: {kind: other}\n";
    rs_incident_list list = parse_incidents_expect(
        &parties, text,
        EXPECT("incidents.yaml:2: the value of 'name' stops at ' #': YAML reads the rest of the line as a comment "
               "(put the value in quotes: \"...\")",
               "incidents.yaml:5: impossible date '2021-02-30' (February 2021 has 28 days)",
               "incidents.yaml:6: unknown event kind 'atribution' (kinds: attribution, indictment, sanction, report, "
               "disclosure, denial, other); did you mean 'attribution'?",
               "incidents.yaml:7: unknown party 'ca' (expected an ISO 3166-1 alpha-2 code such as GB, or a code from "
               "parties.yaml); did you mean 'CA'?",
               "incidents.yaml:7: unknown party 'Canada' (expected an ISO 3166-1 alpha-2 code such as GB, or a code "
               "from parties.yaml); did you mean 'CA' (Canada)?",
               "incidents.yaml:7: unknown party 'united kingdom' (expected an ISO 3166-1 alpha-2 code such as GB, or "
               "a code from parties.yaml); did you mean 'GB' (United Kingdom)?",
               "incidents.yaml:7: unknown party 'NAT0' (expected an ISO 3166-1 alpha-2 code such as GB, or a code "
               "from parties.yaml); did you mean 'NATO'?",
               "incidents.yaml:8: 'summary' has no value in the collection's language 'en' (add en: ..., or write "
               "a plain string)",
               "incidents.yaml:9: url 'www.example.org' must start with http:// or https://",
               "incidents.yaml:12: the value of 'summary' stops at ' #': YAML reads the rest of the line as a "
               "comment (put the value in quotes: \"...\")",
               "incidents.yaml:13: unknown field 'sumary'; did you mean 'summary'?",
               "incidents.yaml:11: field 'parties' is empty (an event needs a party, e.g. 'GB: accuser')",
               "incidents.yaml:14: event is missing required field 'kind'",
               "incidents.yaml:14: event is missing required field 'summary'",
               "incidents.yaml:14: event is missing required field 'parties'",
               "incidents.yaml:15: each event must be a set of fields (date, date_note, kind, parties, summary, url)",
               "incidents.yaml:19: field 'events' must be a list of events ('- date: ...', with kind, parties and "
               "summary)"));
    assert_int_equal(list.items[0].event_count, 3);
    assert_string_equal(list.items[0].name, "One");
    rs_incident_list_clear(&list);
    rs_party_list_clear(&parties);
}

static void test_statement_parties(void **state)
{
    (void)state;
    rs_party_list parties = parse_parties_expect(parties_yaml, EXPECT_NONE);
    rs_source_context context = {.countries = countries, .parties = &parties, .default_language = "en"};
    rs_statement_source s;
    char *text = with_header("parties:\n  EU: accuser\n  CN: [speaker, accused]\n"
                             "partial: true # an excerpt\n"
                             "note: \"Transcript #3, as published.\"\n"
                             "outlet: {en: Xinhua, zh-Hans: 新华社}\n"
                             "speaker:\n  en: Hua Chunying\n  ru: Хуа Чуньин\n",
                             "---\nBody.\n");
    parse_expect_in(&context, text, &s, EXPECT_NONE);
    assert_int_equal(s.country_count, 2);
    assert_string_equal(s.countries[0].code, "EU");
    assert_int_equal(s.countries[0].line, 8);
    assert_true(s.partial);
    assert_string_equal(s.note, "Transcript #3, as published.");
    assert_string_equal(s.outlet, "Xinhua");
    assert_string_equal(s.speaker, "Hua Chunying");
    assert_int_equal(s.translations.count, 2);
    assert_translation(&s.translations.items[0], "outlet", "zh-Hans", "新华社", 12);
    assert_translation(&s.translations.items[1], "speaker", "ru", "Хуа Чуньин", 15);
    rs_statement_source_clear(&s);
    free(text);

    /* countries: takes parties.yaml's codes too; without the table, a code
     * of its shape is a country. */
    text = with_header("countries: {NATO: accused, GB: accuser}\npartial: false\n", "---\nBody.\n");
    parse_expect_in(&context, text, &s, EXPECT_NONE);
    assert_int_equal(s.country_count, 2);
    assert_false(s.partial);
    rs_statement_source_clear(&s);
    free(text);

    text = with_header("title: Statement #2 on cyber\n"
                       "countries: {GB: accuser}\n"
                       "parties:\n  EU: accuser\n  eu: victim\n  Five Eyes: accuser\n  EURO: accuser\n"
                       "  XX: accuser\n  EU: mentioned\n"
                       "partial: yes\n"
                       "note: A note # cut\n"
                       "speaker_role: {en: Spokesperson, zh-Hans: 发言人 # cut\n  }\n",
                       "---\nBody.\n");
    parse_expect_in(
        &context, text, &s,
        EXPECT("t.txt:7: field 'title' appears twice (first on line 3)",
               "t.txt:9: a statement has 'countries' or 'parties', not both ('countries' is on line 8; put every "
               "party under 'parties')",
               "t.txt:16: partial must be true (the source is an excerpt or cut off) or false, not 'yes'",
               "t.txt:17: the value of 'note' stops at ' #': YAML reads the rest of the line as a comment (put the "
               "value in quotes: \"...\")",
               "t.txt:18: the value of 'speaker_role' stops at ' #': YAML reads the rest of the line as a comment "
               "(put the value in quotes: \"...\")"));
    rs_statement_source_clear(&s);
    free(text);

    text = with_header("parties:\n  EU: accuser\n  eu: victim\n  Five Eyes: accuser\n  EURO: accuser\n"
                       "  XX: accuser\n  EU: mentioned\n  FVEY: []\n",
                       "---\nBody.\n");
    parse_expect_in(
        &context, text, &s,
        EXPECT("t.txt:9: unknown party 'eu' (expected an ISO 3166-1 alpha-2 code such as GB, or a code from "
               "parties.yaml); did you mean 'EU'?",
               "t.txt:10: unknown party 'Five Eyes' (expected an ISO 3166-1 alpha-2 code such as GB, or a code from "
               "parties.yaml); did you mean 'FVEY' (Five Eyes)?",
               "t.txt:11: unknown party 'EURO' (expected an ISO 3166-1 alpha-2 code such as GB, or a code from "
               "parties.yaml); did you mean 'EU'?",
               "t.txt:12: unknown party 'XX' (expected an ISO 3166-1 alpha-2 code such as GB, or a code from "
               "parties.yaml)",
               "t.txt:13: party EU appears twice (first on line 8); list its roles together, e.g. 'EU: [speaker, "
               "accused]'",
               "t.txt:14: party FVEY has no role (roles: speaker, accuser, accused, victim, mentioned)"));
    rs_statement_source_clear(&s);
    free(text);

    /* The title cut by a comment, on its own. */
    parse_expect("---\nid: a\ntitle: Statement #2 on cyber\nlanguage: en\nkind: report\n---\nB\n", &s,
                 EXPECT("t.txt:3: the value of 'title' stops at ' #': YAML reads the rest of the line as a comment "
                        "(put the value in quotes: \"...\")"));
    assert_string_equal(s.title, "Statement");
    rs_statement_source_clear(&s);
    /* Quoted, or a '#' with no space before it, is the value. */
    parse_expect("---\nid: a # an id\ntitle: \"Statement #2\" # a comment\ntitle_note: C#\nlanguage: en # English\n"
                 "kind: report # kind\n---\nB\n",
                 &s, EXPECT_NONE);
    assert_string_equal(s.title, "Statement #2");
    assert_string_equal(s.title_note, "C#");
    rs_statement_source_clear(&s);
    rs_party_list_clear(&parties);
}

/* The limits of the new fields: a note, an event's summary (in any
 * language), a party's short name. */
static void test_format3_limits(void **state)
{
    (void)state;
    char *fields = malloc(4096);
    snprintf(fields, 4096, "note: %01001d\n", 0);
    char *text = with_header(fields, "---\nBody.\n");
    rs_statement_source s;
    parse_expect(text, &s, EXPECT("t.txt:7: note is 1,001 characters; the limit is 1,000"));
    rs_statement_source_clear(&s);
    free(text);
    char *yaml = malloc(8192);
    snprintf(yaml, 8192,
             "- slug: one\n  name: One\n  summary: S.\n  events:\n"
             "    - kind: other\n      parties: {GB: accuser}\n      summary: {en: S., ru: %02001d}\n",
             0);
    rs_incident_list list = parse_incidents_expect(NULL, yaml,
                                                   EXPECT("incidents.yaml:7: summary (ru) is 2,001 characters; the "
                                                          "limit is 2,000"));
    rs_incident_list_clear(&list);
    snprintf(yaml, 8192, "- code: EU\n  kind: organisation\n  name: European Union\n  short: %061d\n", 0);
    rs_party_list parties = parse_parties_expect(yaml, EXPECT("parties.yaml:4: short is 61 characters; the limit is 60"));
    rs_party_list_clear(&parties);
    free(yaml), free(fields);
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
        cmocka_unit_test(test_parties_file),       cmocka_unit_test(test_parties_file_errors),
        cmocka_unit_test(test_translated_values),  cmocka_unit_test(test_bundle_language),
        cmocka_unit_test(test_events),             cmocka_unit_test(test_event_errors),
        cmocka_unit_test(test_statement_parties),  cmocka_unit_test(test_format3_limits),
        cmocka_unit_test(test_yaml_errors_said_plainly), cmocka_unit_test(test_wrap_hard),
    };
    return cmocka_run_group_tests(tests, load_countries, free_countries);
}
