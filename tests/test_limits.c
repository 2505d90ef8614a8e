/* Field limits (db/store/field_limits.h): the one check the builder and
 * `check` share, with its exact words; the viewer's clamped copy; and a
 * copy of the sample bundle given the oversized values of issue 11, which
 * `check` refuses and the query layer hands out clamped. Big inputs are
 * made here, never stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "field_limits.h"
#include "support.h"
#include "utf8.h"

static const char acute[] = "\xCC\x81"; /* U+0301, a combining mark */

/* "Z" and marks combining acute accents. Caller frees. */
static char *z_with_marks(size_t marks, size_t *length)
{
    *length = 1 + marks * 2;
    char *text = malloc(*length + 1);
    text[0] = 'Z';
    for (size_t i = 0; i < marks; i++)
        memcpy(text + 1 + 2 * i, acute, 2);
    text[*length] = '\0';
    return text;
}

static char *repeated(char c, size_t count)
{
    char *text = malloc(count + 1);
    memset(text, c, count);
    text[count] = '\0';
    return text;
}

static size_t characters(const char *text)
{
    size_t n = 0, length = strlen(text);
    for (size_t i = 0; i < length; n++) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
    }
    return n;
}

static bool ends_with_ellipsis(const char *text)
{
    size_t n = strlen(text);
    return n >= 3 && strcmp(text + n - 3, "\xE2\x80\xA6") == 0;
}

static void expect_problem(rs_field field, const char *text, size_t length, const char *want)
{
    char problem[160];
    bool ok = rs_limits_check(field, text, length, problem, sizeof problem);
    assert_int_equal(ok, want[0] == '\0');
    assert_string_equal(problem, want);
}

static void test_check_words(void **state)
{
    (void)state;
    char *text = repeated('x', 60001);
    expect_problem(RS_FIELD_TITLE, text, 60001, "is 60,001 characters; the limit is 1,000");
    expect_problem(RS_FIELD_TITLE, text, 1000, "");
    expect_problem(RS_FIELD_OUTLET, text, 201, "is 201 characters; the limit is 200");
    free(text);
    size_t length;
    text = z_with_marks(60000, &length);
    expect_problem(RS_FIELD_TITLE, text, length, "is 60,001 characters; the limit is 1,000");
    free(text);
    text = z_with_marks(31, &length);
    expect_problem(RS_FIELD_TITLE, text, length, "has 31 combining marks on one character; the limit is 30");
    free(text);
    text = z_with_marks(30, &length);
    expect_problem(RS_FIELD_TITLE, text, length, "");
    free(text);
    /* 400 Chinese characters: within 1,000 characters, past 800 bytes of a name. */
    char chinese[400 * 3 + 1];
    for (size_t i = 0; i < 400; i++)
        memcpy(chinese + 3 * i, "\xE4\xB8\xAD", 3);
    expect_problem(RS_FIELD_SPEAKER, chinese, 200 * 3, "");
    expect_problem(RS_FIELD_SPEAKER, chinese, 201 * 3, "is 201 characters; the limit is 200");
    char lines[] = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk";
    expect_problem(RS_FIELD_TITLE, lines, strlen(lines), "has 11 lines; the limit is 10");
    text = repeated('\n', 20001);
    text[0] = 'a';
    expect_problem(RS_FIELD_BODY, text, 20001, "has 20,001 lines; the limit is 20,000");
    free(text);
    text = repeated('w', 1048577);
    expect_problem(RS_FIELD_BODY, text, 1048577, "is 1,048,577 characters; the limit is 1,048,576");
    free(text);
}

static void test_copy_clamps(void **state)
{
    (void)state;
    size_t length;
    /* The title that froze the kiosk: one character and 30 of its marks. */
    char *text = z_with_marks(60000, &length);
    char *copy = rs_limits_copy(RS_FIELD_TITLE, text, length);
    assert_int_equal(strlen(copy), 1 + 30 * 2);
    assert_memory_equal(copy, text, 1 + 30 * 2);
    free(copy);
    free(text);
    /* 10 MB names and titles: cut within the limit, with an ellipsis. */
    text = repeated('n', 10u << 20);
    copy = rs_limits_copy(RS_FIELD_COLLECTION_TITLE, text, 10u << 20);
    assert_int_equal(characters(copy), 200);
    assert_true(ends_with_ellipsis(copy));
    free(copy);
    copy = rs_limits_copy(RS_FIELD_INCIDENT_NAME, text, 10u << 20);
    assert_int_equal(characters(copy), 200);
    free(copy);
    /* A 10 MB single-line body: at most 1 MB. */
    copy = rs_limits_copy(RS_FIELD_BODY, text, 10u << 20);
    assert_true(strlen(copy) <= 1048576);
    assert_true(strlen(copy) > 1048000);
    assert_true(ends_with_ellipsis(copy));
    free(copy);
    free(text);
    /* Lines past the limit are cut. */
    text = repeated('\n', 30000);
    copy = rs_limits_copy(RS_FIELD_BODY, text, 30000);
    char problem[160];
    assert_true(rs_limits_check(RS_FIELD_BODY, copy, strlen(copy), problem, sizeof problem));
    free(copy);
    free(text);
    /* Within the limits: the same bytes; bad bytes and NUL as U+FFFD. */
    copy = rs_limits_copy(RS_FIELD_TITLE, "Caf\xC3\xA9", 5);
    assert_string_equal(copy, "Caf\xC3\xA9");
    free(copy);
    copy = rs_limits_copy(RS_FIELD_TITLE, "a\xFF" "b\0c", 5);
    assert_string_equal(copy, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    free(copy);
    copy = rs_limits_copy(RS_FIELD_TITLE, "", 0);
    assert_string_equal(copy, "");
    free(copy);
}

static void test_marks(void **state)
{
    (void)state;
    assert_true(rs_limits_is_mark(0x0301));
    assert_true(rs_limits_is_mark(0x200D));
    assert_true(rs_limits_is_mark(0xFE0F));
    assert_true(rs_limits_is_mark(0x05B0)); /* Hebrew point */
    assert_false(rs_limits_is_mark('a'));
    assert_false(rs_limits_is_mark(0x4E2D));
    assert_false(rs_limits_is_mark(0x05D0)); /* Hebrew letter */
}

/* ---- a hostile copy of the sample bundle ---- */

static char *scratch;

static rs_bundle *open_bundle(const char *path)
{
    char error[1024];
    rs_bundle *b = rs_bundle_open(path, error, sizeof error);
    if (!b)
        fail_msg("%s", error);
    return b;
}

static void expect_refused(const char *path, const char *reason)
{
    rs_bundle *b = open_bundle(path);
    char error[1024], want[1024];
    assert_false(rs_bundle_verify(b, error, sizeof error));
    snprintf(want, sizeof want, "Cannot open the bundle %s: %s. Build it again with rostrum-bundle.", path, reason);
    assert_string_equal(error, want);
    rs_bundle_close(b);
}

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch);
    return 0;
}

/* The sample passes; the title of "Z" and 60,000 marks does not, and the
 * viewer reads it as "Z" and 30 marks. */
static void test_bundle_title_marks(void **state)
{
    (void)state;
    rs_bundle *b = open_bundle(ROSTRUM_SAMPLE_BUNDLE);
    char error[1024];
    assert_true(rs_bundle_verify(b, error, sizeof error));
    rs_bundle_close(b);

    char *path = support_copy_file(ROSTRUM_SAMPLE_BUNDLE, scratch, "marks.sqlite", 0);
    support_sql(path, "UPDATE statement SET title = 'Z' || replace(hex(zeroblob(60000)), '00', char(769)) WHERE id = 1;"
                "UPDATE statement_text SET title = (SELECT title FROM statement WHERE id = 1) WHERE id = 1");
    expect_refused(path, "statement 1's title is 60,001 characters; the limit is 1,000");
    b = open_bundle(path);
    rs_statement st;
    assert_true(rs_bundle_statement(b, 1, &st));
    assert_int_equal(strlen(st.title), 1 + 30 * 2);
    rs_statement_clear(&st);
    rs_list_spec all = {.kind = RS_LIST_ALL};
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(b, &all, 0, 1, &rows));
    assert_int_equal(strlen(rows.items[0].title), 1 + 30 * 2);
    rs_statement_rows_clear(&rows);
    rs_bundle_close(b);
    free(path);
}

/* 10 MB collection title and incident name, a 15 MB one-line body. */
static void test_bundle_oversized(void **state)
{
    (void)state;
    char *path = support_copy_file(ROSTRUM_SAMPLE_BUNDLE, scratch, "oversized.sqlite", 0);
    support_sql(path, "UPDATE meta SET value = replace(hex(zeroblob(5242880)), '00', 'ab') WHERE key = 'title';"
                "UPDATE incident SET name = replace(hex(zeroblob(5242880)), '00', 'cd');"
                "UPDATE statement_text SET body = hex(zeroblob(7864320)) WHERE id = 2");
    expect_refused(path, "the collection's title is 10,485,760 characters; the limit is 200");
    rs_bundle *b = open_bundle(path);
    assert_int_equal(characters(rs_bundle_meta(b, "title")), 200);
    rs_statement st;
    assert_true(rs_bundle_statement(b, 2, &st));
    assert_true(strlen(st.body) <= 1048576);
    rs_statement_clear(&st);
    rs_facet_list incidents;
    assert_true(rs_bundle_incidents(b, &incidents));
    assert_true(incidents.count > 0);
    for (size_t i = 0; i < incidents.count; i++)
        assert_int_equal(characters(incidents.items[i].label), 200);
    rs_facet_list_clear(&incidents);
    for (int64_t id = 1; id <= 8; id++) {
        if (!rs_bundle_statement(b, id, &st))
            continue;
        for (size_t i = 0; i < st.incident_count; i++)
            assert_int_equal(characters(st.incidents[i].name), 200);
        rs_statement_clear(&st);
    }
    rs_bundle_close(b);

    support_sql(path, "UPDATE meta SET value = 'Short' WHERE key = 'title'");
    expect_refused(path, "statement 2's body is 15,728,640 characters; the limit is 1,048,576");
    free(path);
}

static void test_bundle_links(void **state)
{
    (void)state;
    char *path = support_copy_file(ROSTRUM_SAMPLE_BUNDLE, scratch, "links.sqlite", 0);
    /* 60 more countries for statement 1, made up but shaped like codes. */
    support_sql(path, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59)"
                " INSERT INTO statement_country(country_code, role, pos, statement_id)"
                " SELECT char(81 + i / 26, 65 + i % 26), 'mentioned', 100000 + i, 1 FROM n");
    rs_bundle *b = open_bundle(path);
    char error[1024];
    assert_false(rs_bundle_verify(b, error, sizeof error));
    assert_non_null(strstr(error, "statement 1 has "));
    assert_non_null(strstr(error, " countries; the limit is 50."));
    rs_bundle_close(b);
    free(path);
}

/* check's limits of format 3 (issue 12): a statement's note, an event's
 * summary, a party's short name and a curator's translation, each named by
 * rs_limits_verify with its row. */
static void expect_limit(const char *path, const char *reason)
{
    rs_bundle *b = open_bundle(path);
    char error[1024];
    assert_false(rs_limits_verify(b, error, sizeof error));
    if (!strstr(error, reason))
        fail_msg("got: %s\nwant: ...%s...", error, reason);
    rs_bundle_close(b);
}

static void test_bundle_format3_limits(void **state)
{
    (void)state;
    char *path = support_copy_file(ROSTRUM_SAMPLE_BUNDLE, scratch, "format3.sqlite", 0);
    support_sql(path,
                "UPDATE statement SET note = replace(hex(zeroblob(1001)), '00', 'n') WHERE id = 1;"
                "INSERT INTO event(id, incident_id, kind, summary, source_path, source_line)"
                " VALUES (1000000, 1, 'other', replace(hex(zeroblob(2001)), '00', 'e'), 'incidents.yaml', 3);"
                "UPDATE country SET short_name = replace(hex(zeroblob(61)), '00', 's')"
                " WHERE code = (SELECT min(code) FROM country);"
                "INSERT INTO translation(subject, key, field, language, value)"
                " VALUES ('incident', 'x', 'name', 'ru', replace(hex(zeroblob(201)), '00', 'и'))");
    expect_limit(path, ": statement 1's note is 1,001 characters; the limit is 1,000.");
    support_sql(path, "UPDATE statement SET note = 'A note.' WHERE id = 1");
    expect_limit(path, ": event 1000000's summary is 2,001 characters; the limit is 2,000.");
    support_sql(path, "UPDATE event SET summary = 'S.' WHERE id = 1000000");
    expect_limit(path, "'s short name is 61 characters; the limit is 60.");
    support_sql(path, "UPDATE country SET short_name = NULL");
    expect_limit(path, ": the name of incident x in ru is 201 characters; the limit is 200.");
    support_sql(path, "UPDATE translation SET value = 'Имя'");
    rs_bundle *b = open_bundle(path);
    char error[1024];
    assert_true(rs_limits_verify(b, error, sizeof error));
    rs_bundle_close(b);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_words),
        cmocka_unit_test(test_copy_clamps),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_bundle_title_marks),
        cmocka_unit_test(test_bundle_oversized),
        cmocka_unit_test(test_bundle_links),
        cmocka_unit_test(test_bundle_format3_limits),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
