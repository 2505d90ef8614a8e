/* What Listen says: sentence splitting (exact lists for the hard cases,
 * every sample statement covered) and the reader's utterance from real
 * bundles (title, date, who spoke, then the body by paragraph). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "i18n.h"
#include "support.h"
#include "utf8.h"
#include "utterance.h"

/* Splits text and checks the sentences are exactly expected (NULL-ended). */
static void expect_split(const char *text, const char *const *expected)
{
    rs_range ranges[32];
    size_t n = rs_sentences_split(text, strlen(text), ranges, 32);
    size_t want = 0;
    while (expected[want])
        want++;
    for (size_t i = 0; n != want && i < n && i < 32; i++)
        print_message("  [%zu] '%.*s'\n", i, (int)(ranges[i].end - ranges[i].start), text + ranges[i].start);
    assert_int_equal(n, want);
    for (size_t i = 0; i < n; i++) {
        size_t len = ranges[i].end - ranges[i].start;
        if (len != strlen(expected[i]) || memcmp(text + ranges[i].start, expected[i], len) != 0)
            fail_msg("sentence %zu: '%.*s', expected '%s'", i, (int)len, text + ranges[i].start, expected[i]);
    }
}

#define SPLIT(text, ...) expect_split(text, (const char *const[]){__VA_ARGS__, NULL})

static void test_abbreviations_and_numbers(void **state)
{
    (void)state;
    SPLIT("Mr. Smith went to Washington. He arrived at 3.5 p.m. on Monday.", "Mr. Smith went to Washington.",
          "He arrived at 3.5 p.m. on Monday.");
    SPLIT("The U.S. and the U.K. agreed. Talks resume.", "The U.S. and the U.K. agreed.", "Talks resume.");
    SPLIT("J. K. Rowling wrote it. Dr. Who? No. 5 is here.", "J. K. Rowling wrote it.", "Dr. Who?",
          "No. 5 is here.");
    SPLIT("It cost $3.50. Then 830,000 computers fell.", "It cost $3.50.", "Then 830,000 computers fell.");
    SPLIT("Это т.е. пример. В 2021 г. было так. Конец", "Это т.е. пример.", "В 2021 г. было так.", "Конец");
    SPLIT("La Sra. García habló. Fin.", "La Sra. García habló.", "Fin.");
}

static void test_quotes_and_ellipses(void **state)
{
    (void)state;
    SPLIT("He said \"No.\" Then he left.", "He said \"No.\"", "Then he left.");
    SPLIT("\"Why?\" he asked. Nobody knew!", "\"Why?\" he asked.", "Nobody knew!");
    SPLIT("She said: \u201cEnough.\u201d (It was.) Done", "She said: \u201cEnough.\u201d", "(It was.)", "Done");
    SPLIT("Wait... what happened? Well\u2026 It ended.", "Wait... what happened?", "Well\u2026", "It ended.");
    SPLIT("\u00ab Non. \u00bb Il partit. \u00ab Oui ! \u00bb", "\u00ab Non. \u00bb", "Il partit.",
          "\u00ab Oui ! \u00bb");
    SPLIT("\u00bfQu\u00e9 pas\u00f3? \u00a1Nada! Bien.", "\u00bfQu\u00e9 pas\u00f3?", "\u00a1Nada!", "Bien.");
    SPLIT("Really?! Yes.", "Really?!", "Yes.");
}

static void test_chinese_and_arabic(void **state)
{
    (void)state;
    SPLIT("问：有报道称。中方对此有何评论？答：这是测试！", "问：有报道称。", "中方对此有何评论？", "答：这是测试！");
    SPLIT("他说：“不。”然后走了。", "他说：“不。”", "然后走了。");
    SPLIT("这是1.5倍……还有呢", "这是1.5倍……还有呢");
    SPLIT("هل هذا صحيح؟ نعم، هذا صحيح۔ شكرا.", "هل هذا صحيح؟", "نعم، هذا صحيح۔", "شكرا.");
}

static void test_paragraphs_and_spaces(void **state)
{
    (void)state;
    SPLIT("First line\nsame paragraph\n\nSecond paragraph without stop\n\n\nThird.", "First line\nsame paragraph",
          "Second paragraph without stop", "Third.");
    SPLIT("An unfinished sentence\n\nthen a small letter.", "An unfinished sentence", "then a small letter.");
    const char *text = "  Hello.   World.  ";
    rs_range r[4];
    assert_int_equal(rs_sentences_split(text, strlen(text), r, 4), 2);
    assert_int_equal(r[0].start, 2), assert_int_equal(r[0].end, 8);
    assert_int_equal(r[1].start, 11), assert_int_equal(r[1].end, 17);
    assert_int_equal(rs_sentences_split("", 0, r, 4), 0);
    assert_int_equal(rs_sentences_split(" \n\n \n", 5, r, 4), 0);
    /* More sentences than max: counted, max written. */
    assert_int_equal(rs_sentences_split("One. Two. Three. Four. Five. Six.", 33, r, 4), 6);
    assert_int_equal(r[3].start, 17), assert_int_equal(r[3].end, 22);
}

static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x3000 || cp == 0x202F ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0xFEFF;
}

/* Every character of text that is not a space is in exactly one sentence,
 * the sentences are in order and none begins or ends with a space. */
static void expect_covered(const char *name, const char *text)
{
    size_t length = strlen(text);
    size_t n = rs_sentences_split(text, length, NULL, 0);
    rs_range *r = calloc(n + 1, sizeof *r);
    assert_int_equal(rs_sentences_split(text, length, r, n), n);
    size_t k = 0, size;
    for (size_t i = 0; i < length; i += size) {
        uint32_t cp = 0;
        size = rs_utf8_decode(text + i, length - i, &cp);
        while (k < n && r[k].end <= i)
            k++;
        bool inside = k < n && r[k].start <= i;
        if (!is_space_cp(cp) && !inside)
            fail_msg("%s: byte %zu ('%.*s') is in no sentence", name, i, (int)size, text + i);
        if (inside && is_space_cp(cp) && (i == r[k].start || i + size == r[k].end))
            fail_msg("%s: sentence %zu begins or ends with a space", name, k);
    }
    for (size_t i = 1; i < n; i++)
        assert_true(r[i - 1].end <= r[i].start);
    free(r);
}

/* The body of a statement file: what follows the second '---' line. */
static const char *body_of(const char *file)
{
    const char *first = strstr(file, "---\n");
    const char *second = first ? strstr(first + 4, "\n---\n") : NULL;
    return second ? second + 5 : file;
}

static size_t cover_folder(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        char *path = support_path(dir, e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) {
            size_t size;
            char *file = support_read_file(path, &size);
            expect_covered(path, body_of(file));
            free(file);
            count++;
        } else if (!strchr(e->d_name, '.')) {
            count += cover_folder(path);
        }
        free(path);
    }
    closedir(d);
    return count;
}

static void test_every_sample_statement_covered(void **state)
{
    (void)state;
    assert_int_equal(cover_folder(ROSTRUM_SOURCE_DIR "/db/corpus"), 5);
    assert_true(cover_folder(ROSTRUM_FIXTURES "/sources") >= 30);
}

/* ---- the reader's utterance ---- */

static char *scratch, *languages;
static rs_bundle *corpus, *fixture;

static int setup(void **state)
{
    (void)state;
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    scratch = support_temp_dir();
    languages = support_path(scratch, "languages.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/languages", .output_path = languages};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_destroy(diags);
    char error[512];
    fixture = ok ? rs_bundle_open(languages, error, sizeof error) : NULL;
    corpus = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    return fixture && corpus ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_bundle_close(fixture), rs_bundle_close(corpus);
    support_remove_tree(scratch);
    free(scratch), free(languages);
    return 0;
}

static rs_screen *reader(rs_bundle *bundle, const char *route_text)
{
    rs_nav_entry entry = {.role_filter = -1};
    char error[512];
    assert_true(rs_route_parse(route_text, &entry.route, error, sizeof error));
    rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
    if (!s)
        fail_msg("%s: %s", route_text, error);
    return s;
}

static void expect_sentence(const rs_sentence *s, rs_sentence_part part, const char *language, const char *text)
{
    assert_int_equal(s->part, part);
    assert_string_equal(s->language, language);
    assert_string_equal(s->text, text);
}

/* The body sentences are the body's text at their ranges, in order, with
 * the paragraph layout_reader.c draws them in. */
static void expect_body(const rs_utterance *u, const char *body, size_t first, int paragraphs)
{
    int last = -1;
    for (size_t i = first; i < u->count; i++) {
        const rs_sentence *s = &u->items[i];
        assert_int_equal(s->part, RS_SAY_BODY);
        assert_int_equal(strlen(s->text), s->end - s->start);
        assert_memory_equal(s->text, body + s->start, s->end - s->start);
        assert_true(s->paragraph == last || s->paragraph == last + 1);
        last = s->paragraph;
        /* A paragraph never holds a blank line. */
        assert_null(strstr(s->text, "\n\n"));
    }
    assert_int_equal(last + 1, paragraphs);
}

static void test_english_statement(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_EN);
    rs_screen *s = reader(corpus, "statements/xinhua-2021-07-20-embassy-exchange-accusation");
    rs_utterance u;
    assert_true(rs_utterance_build(s, RS_UI_EN, &u));
    expect_sentence(&u.items[0], RS_SAY_TITLE, "en",
                    "Britain's cyberattack accusation against China sheer fabrication, slander: Chinese embassy");
    assert_int_equal(u.items[0].start, 0);
    assert_int_equal(u.items[0].end, strlen(s->statement.title));
    assert_int_equal(u.items[0].paragraph, -1);
    expect_sentence(&u.items[1], RS_SAY_DATE, "en", "20 July 2021");
    expect_sentence(&u.items[2], RS_SAY_SPEAKER, "en",
                    "Unnamed spokesperson, Spokesperson, Embassy of the People's Republic of China in the United "
                    "Kingdom, Xinhua");
    expect_sentence(&u.items[3], RS_SAY_BODY, "en",
                    "LONDON, July 20 (Xinhua) -- A spokesperson for the Chinese Embassy in Britain on Tuesday "
                    "expressed grave concern about and strong opposition to the accusation made by the British "
                    "side against China over alleged cyberattacks.");
    assert_int_equal(u.items[3].paragraph, 0);
    expect_body(&u, s->statement.body, 3, 8);
    expect_sentence(&u.items[11], RS_SAY_BODY, "en",
                    "China has always been open and honest on cyber security and is always ready to work with all "
                    "parties to build up a community of shared cyber security for everyone, the spokesperson said.");
    assert_int_equal(u.items[11].paragraph, 7);
    assert_int_equal(u.count, 3 + 9);

    /* A copy is deep and equal. */
    rs_utterance copy;
    assert_true(rs_utterance_copy(&u, &copy));
    assert_int_equal(copy.count, u.count);
    assert_ptr_not_equal(copy.items[3].text, u.items[3].text);
    assert_string_equal(copy.items[3].text, u.items[3].text);
    rs_utterance_free(&copy);
    rs_utterance_free(&u);
    assert_null(u.items);

    /* The English statement in the Chinese UI: the date still in English. */
    rs_i18n_set(RS_UI_ZH);
    assert_true(rs_utterance_build(s, RS_UI_ZH, &u));
    expect_sentence(&u.items[1], RS_SAY_DATE, "en", "20 July 2021");
    assert_int_equal(rs_i18n_current(), RS_UI_ZH); /* left as it was */
    rs_utterance_free(&u);
    rs_i18n_set(RS_UI_EN);
    rs_screen_destroy(s);
}

static void test_chinese_statement(void **state)
{
    (void)state;
    rs_screen *s = reader(fixture, "statements/zh-test-statement");
    rs_utterance u;
    assert_true(rs_utterance_build(s, RS_UI_EN, &u));
    expect_sentence(&u.items[0], RS_SAY_TITLE, "zh-Hans", "外交部发言人就所谓网络攻击问题答记者问（测试文本）");
    expect_sentence(&u.items[1], RS_SAY_DATE, "zh", "2021年7月20日");
    expect_sentence(&u.items[2], RS_SAY_SPEAKER, "zh", "发言人，外交部发言人，测试出版社");
    expect_sentence(&u.items[3], RS_SAY_BODY, "zh-Hans", "问：有报道称，某国政府指责中国支持黑客攻击其计算机网络。");
    expect_sentence(&u.items[4], RS_SAY_BODY, "zh-Hans", "中方对此有何评论？");
    assert_int_equal(u.items[4].paragraph, 0);
    expect_sentence(&u.items[5], RS_SAY_BODY, "zh-Hans", "答：这是用于测试的文本，不是真实的声明。");
    assert_int_equal(u.items[5].paragraph, 1);
    expect_body(&u, s->statement.body, 3, 3);
    assert_int_equal(u.count, 3 + 2 + 3 + 2);
    rs_utterance_free(&u);
    rs_screen_destroy(s);
}

static void test_inferred_date_and_other_screens(void **state)
{
    (void)state;
    rs_screen *s = reader(fixture, "statements/ru-test-statement");
    rs_utterance u;
    assert_true(rs_utterance_build(s, RS_UI_FR, &u));
    /* Russian is a UI language: the year and its mark in Russian. */
    expect_sentence(&u.items[1], RS_SAY_DATE, "ru", "2020 г. (предположительно)");
    rs_utterance_free(&u);
    rs_screen_destroy(s);

    /* Without a date: said plainly, in the UI language when the statement's is not one. */
    s = reader(fixture, "statements/zh-test-statement");
    free(s->statement.date), s->statement.date = NULL;
    free(s->statement.language), s->statement.language = strdup("de");
    assert_true(rs_utterance_build(s, RS_UI_FR, &u));
    expect_sentence(&u.items[0], RS_SAY_TITLE, "de", "外交部发言人就所谓网络攻击问题答记者问（测试文本）");
    expect_sentence(&u.items[1], RS_SAY_DATE, "fr", "Date inconnue");
    expect_sentence(&u.items[2], RS_SAY_SPEAKER, "fr", "发言人, 外交部发言人, 测试出版社");
    rs_utterance_free(&u);
    rs_screen_destroy(s);

    s = reader(corpus, "countries");
    assert_false(rs_utterance_build(s, RS_UI_EN, &u));
    assert_int_equal(u.count, 0);
    assert_null(u.items);
    rs_screen_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abbreviations_and_numbers),
        cmocka_unit_test(test_quotes_and_ellipses),
        cmocka_unit_test(test_chinese_and_arabic),
        cmocka_unit_test(test_paragraphs_and_spaces),
        cmocka_unit_test(test_every_sample_statement_covered),
        cmocka_unit_test(test_english_statement),
        cmocka_unit_test(test_chinese_statement),
        cmocka_unit_test(test_inferred_date_and_other_screens),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
