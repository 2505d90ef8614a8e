/*
 * Bidi (app/bidi.c): paragraph direction, the runs of a line in visual
 * order with the paragraph's levels, mirrored brackets, numbers in Arabic
 * text. Visual strings are what a reader sees from left to right.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <setjmp.h>
#include <cmocka.h>

#include "bidi.h"

static void expect_visual(const char *logical, rs_bidi_dir direction, const char *visual)
{
    char *got = rs_bidi_visual(logical, strlen(logical), direction);
    assert_string_equal(got, visual);
    free(got);
}

static void test_hebrew_inside_english_is_reversed_in_place(void **state)
{
    (void)state;
    expect_visual("abc אבג def", RS_BIDI_LTR, "abc גבא def");
    expect_visual("abc", RS_BIDI_LTR, "abc");
    expect_visual("", RS_BIDI_LTR, "");
}

static void test_english_inside_hebrew_and_arabic_keeps_its_order(void **state)
{
    (void)state;
    expect_visual("אבג abc def", RS_BIDI_RTL, "abc def גבא");
    /* "Microsoft said today", in Arabic order: the name reads left to right
     * in the middle, the Arabic words around it from the right. */
    expect_visual("قال Microsoft اليوم", RS_BIDI_RTL, "مويلا Microsoft لاق");
}

static void test_brackets_are_mirrored_in_right_to_left_text(void **state)
{
    (void)state;
    expect_visual("אבג (דה)", RS_BIDI_RTL, "(הד) גבא");
    expect_visual("א [ב] «ג»", RS_BIDI_RTL, "«ג» [ב] א");
    /* A bracket pair around an English name in Arabic: the pair takes the
     * paragraph's direction (N0), the name inside keeps its own. */
    expect_visual("قال (Microsoft) اليوم", RS_BIDI_RTL, "مويلا (Microsoft) لاق");
    assert_int_equal(rs_bidi_mirror('('), ')');
    assert_int_equal(rs_bidi_mirror(0x00AB), 0x00BB);
    assert_int_equal(rs_bidi_mirror('a'), 'a');
}

static void test_numbers_in_arabic_text_read_left_to_right(void **state)
{
    (void)state;
    /* "year 2021" and "from 10 to 20": digits keep their order, the
     * numbers take their places in the right-to-left sentence. */
    expect_visual("سنة 2021 م", RS_BIDI_RTL, "م 2021 ةنس");
    expect_visual("من 10 إلى 20", RS_BIDI_RTL, "20 ىلإ 10 نم");
    /* Arabic-Indic digits too. */
    expect_visual("عام ٢٠٢١", RS_BIDI_RTL, "٢٠٢١ ماع");
}

static void test_the_paragraph_direction_comes_from_the_first_strong_letter(void **state)
{
    (void)state;
    const char *arabic = "قال Microsoft";
    const char *english = "Microsoft قال";
    assert_int_equal(rs_bidi_direction(arabic, strlen(arabic), NULL), RS_BIDI_RTL);
    assert_int_equal(rs_bidi_direction(english, strlen(english), NULL), RS_BIDI_LTR);
    assert_int_equal(rs_bidi_direction("2021 (", 6, NULL), RS_BIDI_LTR);
    /* An Arabic statement's paragraph that opens with an English name is
     * still Arabic; an English quotation in it is not. */
    assert_int_equal(rs_bidi_direction(english, strlen(english), "ar"), RS_BIDI_RTL);
    assert_int_equal(rs_bidi_direction("Hello world", 11, "ar"), RS_BIDI_LTR);
    assert_int_equal(rs_bidi_direction("2021", 4, "ar-EG"), RS_BIDI_RTL);
    assert_int_equal(rs_bidi_direction("2021", 4, "en"), RS_BIDI_LTR);
    /* What an isolate holds does not count (P2). */
    const char *isolated = "\xE2\x81\xA7" "قال" "\xE2\x81\xA9" " said";
    assert_int_equal(rs_bidi_direction(isolated, strlen(isolated), NULL), RS_BIDI_LTR);
    assert_true(rs_bidi_language_rtl("he"));
    assert_true(rs_bidi_language_rtl("fa_IR"));
    assert_false(rs_bidi_language_rtl("fr"));
    assert_false(rs_bidi_language_rtl("arn"));
    assert_false(rs_bidi_language_rtl(NULL));
}

static void test_only_right_to_left_text_needs_the_algorithm(void **state)
{
    (void)state;
    assert_false(rs_bidi_needed("Hello, мир, 中文 «»", strlen("Hello, мир, 中文 «»")));
    assert_true(rs_bidi_needed("abc א", strlen("abc א")));
    assert_true(rs_bidi_needed("قال", strlen("قال")));
    assert_true(rs_bidi_needed("\xE2\x80\x8F", 3)); /* RLM */
    assert_false(rs_bidi_needed("\xD6", 1));        /* a cut sequence */
}

/* The runs of a line, as "start+length@level" in visual order. */
static void expect_runs(rs_bidi *b, size_t start, size_t length, const char *expected)
{
    rs_bidi_run *runs = NULL;
    size_t capacity = 0;
    size_t count = rs_bidi_line_runs(b, start, length, &runs, &capacity);
    char got[256] = "";
    for (size_t i = 0; i < count; i++) {
        size_t used = strlen(got);
        snprintf(got + used, sizeof got - used, "%s%zu+%zu@%d", i ? " " : "", runs[i].start, runs[i].length,
                 runs[i].level);
    }
    assert_string_equal(got, expected);
    free(runs);
}

static void test_runs_of_a_line_come_in_visual_order(void **state)
{
    (void)state;
    /* "אבג abc דהו": bytes 0-6 "אבג ", 7-9 "abc", 10-16 " דהו". */
    const char *text = "אבג abc דהו";
    rs_bidi *b = rs_bidi_create(text, strlen(text), RS_BIDI_RTL);
    expect_runs(b, 0, strlen(text), "10+7@1 7+3@2 0+7@1");
    rs_bidi_destroy(b);
    b = rs_bidi_create(text, strlen(text), RS_BIDI_LTR);
    expect_runs(b, 0, strlen(text), "0+6@1 6+5@0 11+6@1");
    expect_runs(b, 0, 0, "");
    rs_bidi_destroy(b);
}

static void test_each_line_is_reordered_with_the_paragraph_s_levels(void **state)
{
    (void)state;
    /* A Hebrew paragraph broken after "abc": its second line "def גהו"
     * opens with English but belongs to a right-to-left paragraph, so
     * "def" stands at its right end, where the line begins. Alone, the
     * line would be left to right with "def" at the left. */
    const char *text = "אבג abc def גהו";
    rs_bidi *b = rs_bidi_create(text, strlen(text), RS_BIDI_RTL);
    expect_runs(b, 0, 10, "7+3@2 0+7@1");
    expect_runs(b, 11, 10, "14+7@1 11+3@2");
    rs_bidi_destroy(b);
    char *alone = rs_bidi_visual(text + 11, 10, RS_BIDI_LTR);
    assert_string_equal(alone, "def והג");
    free(alone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hebrew_inside_english_is_reversed_in_place),
        cmocka_unit_test(test_english_inside_hebrew_and_arabic_keeps_its_order),
        cmocka_unit_test(test_brackets_are_mirrored_in_right_to_left_text),
        cmocka_unit_test(test_numbers_in_arabic_text_read_left_to_right),
        cmocka_unit_test(test_the_paragraph_direction_comes_from_the_first_strong_letter),
        cmocka_unit_test(test_only_right_to_left_text_needs_the_algorithm),
        cmocka_unit_test(test_runs_of_a_line_come_in_visual_order),
        cmocka_unit_test(test_each_line_is_reordered_with_the_paragraph_s_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
