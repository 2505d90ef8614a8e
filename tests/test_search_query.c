/* search_query: how a visitor's query is split into words, and the FTS5
 * expression the builder counts a suggestion with. Splitting is by white
 * space only; the tokenizer (tested in test_tokenizer) reads the words. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "search_query.h"

typedef struct expected_word {
    size_t offset; /* where the word starts in the query */
    const char *text;
    bool prefix;
} expected_word;

static void expect_words(const char *query, const expected_word *want, size_t count)
{
    rs_search_query parsed;
    rs_search_query_parse(query, &parsed);
    assert_int_equal(parsed.count, count);
    for (size_t i = 0; i < count; i++) {
        const rs_search_word *word = &parsed.words[i];
        /* Words point into the query itself. */
        assert_ptr_equal(word->text, query + want[i].offset);
        assert_int_equal(word->length, strlen(want[i].text));
        assert_memory_equal(word->text, want[i].text, word->length);
        assert_int_equal(word->prefix, want[i].prefix);
    }
    if (count == 0)
        assert_null(parsed.words);
    rs_search_query_clear(&parsed);
    assert_null(parsed.words);
    assert_int_equal(parsed.count, 0);
}

#define EXPECT_WORDS(query, ...)                                                                                     \
    do {                                                                                                             \
        const expected_word want_[] = {__VA_ARGS__};                                                                 \
        expect_words((query), want_, sizeof want_ / sizeof want_[0]);                                                \
    } while (0)

static void expect_expression(const char *query, const char *expression)
{
    char *got = rs_search_query_expression(query);
    assert_string_equal(got, expression);
    free(got);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    expect_words("", NULL, 0);
    expect_words("   ", NULL, 0);
    expect_words(" \t\r\n ", NULL, 0);
    /* '*' alone is punctuation: no word at all. */
    expect_words("*", NULL, 0);
    expect_words(" ** * ", NULL, 0);
    expect_expression("", "");
    expect_expression(" \t ", "");
    expect_expression("*", "");
}

static void test_english(void **state)
{
    (void)state;
    EXPECT_WORDS("Russian hackers", {0, "Russian", false}, {8, "hackers", false});
    EXPECT_WORDS("  attack\tattribution\r\nstatement  ", {2, "attack", false}, {9, "attribution", false},
                 {22, "statement", false});
    EXPECT_WORDS("hack*", {0, "hack", true});
    EXPECT_WORDS("hack** cyber", {0, "hack", true}, {7, "cyber", false});
    /* A '*' anywhere but the end is part of the word. */
    EXPECT_WORDS("*hack a*b", {0, "*hack", false}, {6, "a*b", false});
    expect_expression("Russian hackers", "\"Russian\" \"hackers\"");
    expect_expression("hack* ru", "\"hack\"* \"ru\"");
}

static void test_cjk(void **state)
{
    (void)state;
    /* No spaces inside Chinese: one word, cut later by the tokenizer. */
    EXPECT_WORDS("网络攻击", {0, "网络攻击", false});
    EXPECT_WORDS("网络 攻击", {0, "网络", false}, {7, "攻击", false});
    /* U+3000, the ideographic space, is not white space here. */
    EXPECT_WORDS("网络\xE3\x80\x80攻击", {0, "网络\xE3\x80\x80攻击", false});
    EXPECT_WORDS("ハッカー 해킹*", {0, "ハッカー", false}, {13, "해킹", true});
    expect_expression("网络 攻击*", "\"网络\" \"攻击\"*");
}

static void test_cyrillic(void **state)
{
    (void)state;
    EXPECT_WORDS("российские хакеры", {0, "российские", false}, {21, "хакеры", false});
    EXPECT_WORDS("Хакер*", {0, "Хакер", true});
    expect_expression("российские хакеры", "\"российские\" \"хакеры\"");
}

static void test_punctuation(void **state)
{
    (void)state;
    /* Punctuation stays in its word; the tokenizer drops it. */
    EXPECT_WORDS("hello, world!", {0, "hello,", false}, {7, "world!", false});
    EXPECT_WORDS("(GB) - US", {0, "(GB)", false}, {5, "-", false}, {7, "US", false});
    /* FTS5 syntax is only text. */
    EXPECT_WORDS("a OR b NOT c", {0, "a", false}, {2, "OR", false}, {5, "b", false}, {7, "NOT", false},
                 {11, "c", false});
    expect_expression("a OR b", "\"a\" \"OR\" \"b\"");
    expect_expression("title:x NEAR(y)", "\"title:x\" \"NEAR(y)\"");
}

static void test_quotes(void **state)
{
    (void)state;
    /* Quotes do not group words: each word is quoted alone, its own quotes
     * doubled, so none can end the FTS5 string early. */
    EXPECT_WORDS("\"fancy bear\"", {0, "\"fancy", false}, {7, "bear\"", false});
    expect_expression("\"fancy bear\"", "\"\"\"fancy\" \"bear\"\"\"");
    expect_expression("a\"b", "\"a\"\"b\"");
    expect_expression("\"*", "\"\"\"\"*");
}

static void test_many_words(void **state)
{
    (void)state;
    /* More words than the first allocation holds. */
    const char *query = "a b c d e f g h i j k l m n o p q r s t";
    rs_search_query parsed;
    rs_search_query_parse(query, &parsed);
    assert_int_equal(parsed.count, 20);
    for (size_t i = 0; i < 20; i++) {
        assert_ptr_equal(parsed.words[i].text, query + 2 * i);
        assert_int_equal(parsed.words[i].length, 1);
        assert_false(parsed.words[i].prefix);
    }
    rs_search_query_clear(&parsed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_cyrillic),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_many_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
