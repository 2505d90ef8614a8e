/* Tests for app/linebreak.c: UAX #14 line breaking with a fake, font-free measure.
 *
 * The fake measure (fake_width) gives every code point a fixed advance:
 *   U+0020 SPACE                                                   5 px
 *   CJK ideographs, kana, Hangul syllables, CJK/fullwidth punctuation
 *   (U+2E80..U+303F incl. 。、「」 and U+3000, U+3040..U+30FF, U+3400..U+4DBF,
 *   U+4E00..U+9FFF, U+AC00..U+D7A3, U+F900..U+FAFF, U+FF01..U+FF60 incl. ，）,
 *   U+FFE0..U+FFE6, U+20000..U+3FFFD)                               20 px
 *   everything else, including each combining mark, each emoji component
 *   (ZWJ, skin-tone modifier, regional indicator) and each invalid byte   10 px
 * A width is the plain sum, so it is exactly additive (except in the
 * "nonadditive" mode, which adds 1 px per code point after the first to
 * exercise the exact-measure correction).  It counts its calls and records any
 * call with length 0 or with a range outside the paragraph (other than the
 * ellipsis "…"). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrap.h"

#define STYLE 7

typedef struct fake {
    const char *base;   /* paragraph being broken */
    size_t base_len;
    long calls;
    long bad_calls;     /* zero length, wrong style, or out of range */
    int nonadditive;
} fake;

/* Strict UTF-8 decode at s[i]: length of the sequence, or 1 with *cp = 0xFFFFFFFF for an invalid byte. */
static size_t dec(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned b = s[i];
    size_t need, k;
    uint32_t c, min;
    if (b < 0x80) { *cp = b; return 1; }
    if (b >= 0xC2 && b <= 0xDF) { need = 1; c = b & 0x1F; min = 0x80; }
    else if (b >= 0xE0 && b <= 0xEF) { need = 2; c = b & 0x0F; min = 0x800; }
    else if (b >= 0xF0 && b <= 0xF4) { need = 3; c = b & 0x07; min = 0x10000; }
    else { *cp = 0xFFFFFFFFu; return 1; }
    if (n - i <= need) { *cp = 0xFFFFFFFFu; return 1; }
    for (k = 1; k <= need; k++) {
        if ((s[i + k] & 0xC0) != 0x80) { *cp = 0xFFFFFFFFu; return 1; }
        c = (c << 6) | (s[i + k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) { *cp = 0xFFFFFFFFu; return 1; }
    *cp = c;
    return need + 1;
}

static int cp_width(uint32_t c)
{
    if (c == ' ')
        return 5;
    if ((c >= 0x2E80 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
        return 20;
    return 10;
}

static int text_width(const char *t, size_t n, int nonadditive)
{
    size_t i = 0, cps = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        i += dec((const unsigned char *)t, n, i, &cp);
        w += cp_width(cp);
        cps++;
    }
    if (nonadditive == 1 && cps > 1)
        w += (int)(cps - 1);
    if (nonadditive == 2) /* every measure rounded up a pixel, as a real font does with fractional advances */
        w += 1;
    return w;
}

static int fake_width(void *context, int style, const char *text, size_t length)
{
    fake *f = context;
    int inside = f->base && text >= f->base && text + length <= f->base + f->base_len && text + length >= text;
    f->calls++;
    if (length == 0 || style != STYLE || (!inside && !(length == 3 && memcmp(text, "\xE2\x80\xA6", 3) == 0)))
        f->bad_calls++;
    return text_width(text, length, f->nonadditive);
}

typedef struct expect {
    size_t start, length;
    int width;
    const char *text;
} expect;

static void dump(const char *text, const rs_line_list *l)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        print_message("  line %zu: start %zu length %zu width %d \"%.*s\"\n", i, l->lines[i].start,
                      l->lines[i].length, l->lines[i].width, (int)l->lines[i].length, text + l->lines[i].start);
}

static void check_lines(const char *text, const rs_line_list *l, const expect *e, size_t n)
{
    size_t i;
    int ok = l->count == n;
    for (i = 0; ok && i < n; i++) {
        ok = l->lines[i].start == e[i].start && l->lines[i].length == e[i].length &&
             l->lines[i].width == e[i].width && strlen(e[i].text) == e[i].length &&
             memcmp(text + e[i].start, e[i].text, e[i].length) == 0;
    }
    if (!ok) {
        print_error("line list mismatch for \"%s\"; got %zu lines, expected %zu:\n", text, l->count, n);
        dump(text, l);
        for (i = 0; i < n; i++)
            print_message("  want %zu: start %zu length %zu width %d \"%s\"\n", i, e[i].start, e[i].length,
                          e[i].width, e[i].text);
        fail();
    }
}

/* Breaks text with the additive fake and compares with the expected lines. */
static void expect_break(const char *text, const char *lang, int max_width, const expect *e, size_t n)
{
    fake f = { text, strlen(text), 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    size_t got = rs_break_lines(text, strlen(text), lang, max_width, &m, STYLE, &l);
    assert_int_equal(got, l.count);
    check_lines(text, &l, e, n);
    assert_int_equal(f.bad_calls, 0);
    rs_line_list_free(&l);
}

static void expect_limited(const char *text, int max_width, size_t max_lines, const expect *e, size_t n,
                           int want_truncated)
{
    fake f = { text, strlen(text), 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    int truncated = -1;
    size_t got = rs_break_lines_limited(text, strlen(text), NULL, max_width, max_lines, &m, STYLE, &l, &truncated);
    assert_int_equal(got, l.count);
    check_lines(text, &l, e, n);
    assert_int_equal(truncated, want_truncated);
    assert_int_equal(f.bad_calls, 0);
    rs_line_list_free(&l);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- behaviour --------------------------------------------------------------------------------------- */

static void test_english_wrap(void **state)
{
    static const expect e[] = {
        { 0, 9, 85, "The quick" },  { 10, 9, 85, "brown fox" }, { 20, 10, 95, "jumps over" },
        { 31, 8, 75, "the lazy" },  { 40, 3, 30, "dog" },
    };
    (void)state;
    expect_break("The quick brown fox jumps over the lazy dog", NULL, 100, e, N(e));
}

static void test_english_exact_fit_and_wide(void **state)
{
    static const expect fit[] = { { 0, 5, 50, "aaaaa" }, { 6, 5, 50, "bbbbb" } };
    static const expect one[] = { { 0, 11, 105, "aaaaa bbbbb" } };
    (void)state;
    expect_break("aaaaa bbbbb", NULL, 50, fit, N(fit));   /* exactly max_width fits */
    expect_break("aaaaa bbbbb", NULL, 105, one, N(one));
    expect_break("aaaaa bbbbb", NULL, 104, fit, N(fit));
}

static void test_trailing_spaces_not_counted(void **state)
{
    static const expect e1[] = { { 0, 4, 40, "aaaa" }, { 9, 4, 40, "bbbb" } };
    /* "aaaaa" is exactly 50 px; the space after it must not push it to 55 */
    static const expect e2[] = { { 0, 5, 50, "aaaaa" }, { 8, 2, 20, "bb" } };
    static const expect e3[] = { { 0, 2, 20, "ab" } };
    static const expect e4[] = { { 0, 6, 55, "aa bbb" } };
    (void)state;
    expect_break("aaaa     bbbb", NULL, 60, e1, N(e1));
    expect_break("aaaaa   bb  ", NULL, 50, e2, N(e2));
    expect_break("ab   \t \n", NULL, 1000, e3, N(e3));
    expect_break("aa bbb       ", NULL, 55, e4, N(e4));
}

static void test_mandatory_breaks(void **state)
{
    static const expect e[] = {
        { 0, 3, 30, "one" }, { 4, 3, 30, "two" }, { 8, 0, 0, "" }, { 9, 5, 50, "three" }, { 16, 4, 40, "four" },
    };
    static const expect nl1[] = { { 0, 0, 0, "" } };
    static const expect nl2[] = { { 0, 0, 0, "" }, { 1, 0, 0, "" } };
    static const expect blank2[] = { { 0, 1, 10, "a" }, { 2, 0, 0, "" }, { 3, 0, 0, "" }, { 4, 1, 10, "b" } };
    static const expect indent[] = { { 0, 5, 40, "  abc" }, { 6, 3, 30, "def" } };
    static const expect ls[] = { { 0, 1, 10, "a" }, { 4, 1, 10, "b" } };
    (void)state;
    expect_break("one\ntwo\n\nthree\r\nfour\n", NULL, 1000, e, N(e));
    expect_break("\n", NULL, 100, nl1, N(nl1));
    expect_break("\n\n", NULL, 100, nl2, N(nl2));
    expect_break("a\n\n\nb", NULL, 100, blank2, N(blank2));
    expect_break("  abc\ndef", NULL, 100, indent, N(indent)); /* paragraph indentation kept and counted */
    expect_break("a\xE2\x80\xA8" "b", NULL, 100, ls, N(ls));   /* U+2028 LINE SEPARATOR */
}

static void test_empty_and_blank(void **state)
{
    static const expect spaces[] = { { 0, 0, 0, "" } };
    static const expect nls[] = { { 0, 0, 0, "" }, { 3, 0, 0, "" } };
    fake f = { "", 0, 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    int t = -1;
    (void)state;
    assert_int_equal(rs_break_lines("", 0, NULL, 100, &m, STYLE, &l), 0);
    assert_int_equal(rs_break_lines("abc", 0, NULL, 100, &m, STYLE, &l), 0);
    assert_int_equal(rs_break_lines(NULL, 5, NULL, 100, &m, STYLE, &l), 0);
    assert_int_equal(rs_break_lines("abc", 3, NULL, 100, NULL, STYLE, &l), 0);
    assert_int_equal(rs_break_lines("abc", 3, NULL, 100, &m, STYLE, NULL), 0);
    assert_int_equal(rs_break_lines_limited("", 0, NULL, 100, 3, &m, STYLE, &l, &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(l.count, 0);
    assert_int_equal(f.calls, 0);
    rs_line_list_free(&l);
    rs_line_list_free(&l); /* idempotent */
    rs_line_list_free(NULL);
    expect_break("     ", NULL, 100, spaces, N(spaces));
    expect_break("     ", NULL, 0, spaces, N(spaces));
    expect_break(" \r\n \n", NULL, 0, nls, N(nls));
}

static void test_appends_to_existing_list(void **state)
{
    const char *a = "aaa bbb", *b = "cc";
    fake f = { NULL, 0, 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    (void)state;
    f.base = a; f.base_len = strlen(a);
    assert_int_equal(rs_break_lines(a, strlen(a), NULL, 30, &m, STYLE, &l), 2);
    f.base = b; f.base_len = strlen(b);
    assert_int_equal(rs_break_lines(b, strlen(b), NULL, 30, &m, STYLE, &l), 1);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.lines[2].start, 0);
    assert_int_equal(l.lines[2].length, 2);
    assert_int_equal(f.bad_calls, 0);
    rs_line_list_free(&l);
    assert_null(l.lines);
    assert_int_equal(l.capacity, 0);
}

static void test_long_word_graphemes(void **state)
{
    /* x é é é y with é = e + U+0301 (2 code points, 20 px): never split e from its accent */
    static const expect acc[] = {
        { 0, 4, 30, "xe\xCC\x81" }, { 4, 3, 20, "e\xCC\x81" }, { 7, 4, 30, "e\xCC\x81y" },
    };
    /* 👍🏽 (U+1F44D U+1F3FD, 20 px): libunibreak 1.1 allows a break inside it, which would give
     * "ab👍" / "🏽cd" at 30 px; emoji break like ideographs on both sides */
    static const expect thumb[] = {
        { 0, 2, 20, "ab" }, { 2, 8, 20, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" }, { 10, 2, 20, "cd" },
    };
    /* and the per-cluster fallback (max_width 10) keeps it whole too */
    static const expect thumb2[] = {
        { 0, 8, 20, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" }, { 8, 8, 20, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" },
    };
    /* 👩‍👩‍👧 (5 code points, 50 px) is one cluster: kept whole although wider than the line */
    static const expect family[] = {
        { 0, 1, 10, "a" },
        { 1, 18, 50, "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" },
        { 19, 1, 10, "b" },
    };
    /* a 26-letter word at 60 px: 6 letters per line, then the rest goes on with the next word */
    static const expect alpha[] = {
        { 0, 6, 60, "abcdef" }, { 6, 6, 60, "ghijkl" }, { 12, 6, 60, "mnopqr" }, { 18, 6, 60, "stuvwx" },
        { 24, 5, 45, "yz ok" },
    };
    (void)state;
    expect_break("xe\xCC\x81" "e\xCC\x81" "e\xCC\x81" "y", NULL, 30, acc, N(acc));
    expect_break("ab\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" "cd", NULL, 30, thumb, N(thumb));
    expect_break("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", NULL, 10, thumb2, N(thumb2));
    expect_break("a\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" "b", NULL, 20, family,
                 N(family));
    expect_break("abcdefghijklmnopqrstuvwxyz ok", NULL, 60, alpha, N(alpha));
}

static void test_flags_and_odd_code_points(void **state)
{
    /* Regional indicators and U+FFFF abort libunibreak 1.1 unless the module shields it. Flags pair up. */
    static const expect flags[] = {
        { 0, 8, 20, "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3" }, { 8, 8, 20, "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7" },
        { 16, 4, 10, "\xF0\x9F\x87\xBA" },
    };
    static const expect ffff[] = { { 0, 5, 30, "a\xEF\xBF\xBF" "b" } };
    (void)state;
    expect_break("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xBA", NULL, 20, flags,
                 N(flags));
    expect_break("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xBA", NULL, 10, flags,
                 N(flags)); /* pairs are clusters: never split even when nothing fits */
    expect_break("a\xEF\xBF\xBF" "b", NULL, 100, ffff, N(ffff));
}

static void test_chinese_wrap(void **state)
{
    static const expect e[] = {
        { 0, 9, 60, "我们今" }, { 9, 9, 60, "天去北" }, { 18, 3, 20, "京" },
    };
    (void)state;
    expect_break("我们今天去北京", NULL, 60, e, N(e));
    expect_break("我们今天去北京", "zh", 60, e, N(e));
}

static void test_no_line_starts_with_closing_punct(void **state)
{
    /* Greedy per character would give "一二三四" (80 px) and start line 2 with the punctuation;
     * UAX #14 forbids a break before it, so 四 moves down together with it. */
    static const char *const punct[] = { "。", "，", "、", "）", "」", "！", "？" };
    size_t i;
    (void)state;
    for (i = 0; i < N(punct); i++) {
        char text[64];
        char second[32];
        expect e[2] = { { 0, 9, 60, "一二三" }, { 9, 0, 80, NULL } };
        snprintf(text, sizeof text, "一二三四%s五六", punct[i]);
        snprintf(second, sizeof second, "四%s五六", punct[i]);
        e[1].length = strlen(second);
        e[1].text = second;
        expect_break(text, NULL, 80, e, 2);
        expect_break(text, "zh", 80, e, 2);
        expect_break(text, "ja", 80, e, 2);
    }
    {
        static const expect e3[] = { { 0, 9, 60, "一二三" }, { 9, 12, 80, "四，五六" }, { 21, 3, 20, "七" } };
        expect_break("一二三四，五六七", "zh", 80, e3, N(e3));
    }
}

static void test_japanese(void **state)
{
    /* kana and kanji break anywhere except before 。 */
    static const expect e[] = { { 0, 9, 60, "東京へ" }, { 9, 9, 60, "行きま" }, { 18, 9, 60, "した。" } };
    static const expect e2[] = { { 0, 6, 40, "東京" }, { 6, 6, 40, "へ行" }, { 12, 6, 40, "きま" },
                                 { 18, 3, 20, "し" }, { 21, 6, 40, "た。" } };
    (void)state;
    expect_break("東京へ行きました。", "ja", 60, e, N(e));
    expect_break("東京へ行きました。", "ja", 40, e2, N(e2)); /* た moves down with 。 */
}

static void test_url(void **state)
{
    /* UAX #14 (libunibreak 1.1): breaks after "//", after "/" and after "?" before letters; never inside
     * "example.com" or "id=42" */
    static const expect e[] = {
        { 0, 12, 115, "see https://" },
        { 12, 12, 120, "example.com/" },
        { 24, 10, 100, "path/page?" },
        { 34, 9, 85, "id=42 now" },
    };
    (void)state;
    expect_break("see https://example.com/path/page?id=42 now", NULL, 120, e, N(e));
}

static void test_russian(void **state)
{
    static const expect e[] = {
        { 0, 13, 70, "Привет," }, { 14, 16, 85, "как дела?" }, { 31, 6, 30, "Всё" }, { 38, 13, 70, "хорошо." },
    };
    (void)state;
    expect_break("Привет, как дела? Всё хорошо.", "ru", 100, e, N(e));
}

static void test_max_width_zero(void **state)
{
    static const expect e[] = { { 0, 1, 10, "a" }, { 1, 1, 10, "b" }, { 3, 1, 10, "c" }, { 4, 1, 10, "d" } };
    static const expect cjk[] = { { 0, 3, 20, "中" }, { 3, 6, 40, "文。" } };
    static const expect acc[] = { { 0, 3, 20, "e\xCC\x81" }, { 3, 1, 10, "x" } };
    (void)state;
    expect_break("ab cd", NULL, 0, e, N(e));
    expect_break("ab cd", NULL, -7, e, N(e));
    /* even the one-cluster-per-line fallback keeps 。 with the ideograph before it */
    expect_break("中文。", NULL, 0, cjk, N(cjk));
    expect_break("e\xCC\x81x", NULL, 0, acc, N(acc));
}

static void test_limited_truncates(void **state)
{
    static const expect two[] = { { 0, 9, 85, "The quick" }, { 10, 9, 95, "brown fox" } };
    static const expect shortened[] = { { 0, 9, 85, "The quick" }, { 10, 8, 85, "brown fo" } };
    static const expect dropsp[] = { { 0, 4, 50, "aaaa" } };
    static const expect blank[] = { { 0, 1, 10, "a" }, { 2, 0, 10, "" } };
    (void)state;
    /* "brown fox" (85) + "…" (10) fits in 100: kept whole, width includes the ellipsis */
    expect_limited("The quick brown fox jumps over the lazy dog", 100, 2, two, N(two), 1);
    /* at 90 it does not: shortened to "brown fo" (75) + "…" */
    expect_limited("The quick brown fox jumps over the lazy dog", 90, 2, shortened, N(shortened), 1);
    /* "aaaa b" (55) + 10 > 60: cut after "aaaa " and the trailing space dropped */
    expect_limited("aaaa b cccc", 60, 1, dropsp, N(dropsp), 1);
    /* a kept blank line followed by more text gets the ellipsis alone */
    expect_limited("a\n\nb", 100, 2, blank, N(blank), 1);
}

static void test_limited_not_truncated(void **state)
{
    static const expect all[] = { { 0, 9, 85, "The quick" }, { 10, 9, 85, "brown fox" } };
    static const expect one[] = { { 0, 1, 10, "a" } };
    static const expect none[] = { { 0, 0, 0, "" } };
    fake f = { "abc", 3, 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    int t = -1;
    (void)state;
    expect_limited("The quick brown fox", 100, 5, all, N(all), 0);
    expect_limited("The quick brown fox", 100, 2, all, N(all), 0); /* exactly max_lines */
    expect_limited("The quick brown fox   \n\n  ", 100, 2, all, N(all), 0); /* only blank rest */
    expect_limited("a\n\n\n", 100, 1, one, N(one), 0);
    expect_limited("   ", 100, 1, none, N(none), 0);
    /* max_lines 0: nothing kept, flagged; and truncated may be NULL */
    assert_int_equal(rs_break_lines_limited("abc", 3, NULL, 100, 0, &m, STYLE, &l, &t), 0);
    assert_int_equal(t, 1);
    assert_int_equal(rs_break_lines_limited("abc", 3, NULL, 100, 1, &m, STYLE, &l, NULL), 1);
    rs_line_list_free(&l);
}

static void test_limited_tiny_width(void **state)
{
    /* nothing fits beside the ellipsis: 0 bytes kept, width is the ellipsis alone */
    static const expect e[] = { { 0, 0, 10, "" } };
    (void)state;
    expect_limited("abc def", 5, 1, e, N(e), 1);
}

static void test_nonadditive_measure(void **state)
{
    /* +1 px per extra code point: "aaaa" 43, "aaaa bbbb" 93.  The estimate 43+5+43 = 91 fits in 92 but
     * the exact width does not, so the line falls back to the previous opportunity. */
    const char *text = "aaaa bbbb cccc";
    fake f = { text, strlen(text), 0, 0, 1 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    static const expect e[] = { { 0, 4, 43, "aaaa" }, { 5, 4, 43, "bbbb" }, { 10, 4, 43, "cccc" } };
    (void)state;
    rs_break_lines(text, strlen(text), NULL, 92, &m, STYLE, &l);
    check_lines(text, &l, e, N(e));
    assert_int_equal(f.bad_calls, 0);
    rs_line_list_free(&l);
}

/* Found in the Chinese UI at 1080x1920: a chip sized to its label's
 * measured width cut the label with "…", because the line breaker added up
 * the label's pieces (one per ideograph), each rounded up a pixel by the
 * font, and found the sum too wide. A text whose exact width fits is one
 * line: ten ideographs measure 201 px whole and 21 px each. */
static void test_a_text_that_fits_exactly_is_one_line(void **state)
{
    const char *text = "中文中文中文中文中文";
    fake f = { text, strlen(text), 0, 0, 2 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    static const expect e[] = { { 0, 30, 201, "\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587" } };
    static const expect two[] = { { 0, 27, 181, "\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d" },
                                  { 27, 3, 21, "\u6587" } };
    int truncated = -1;
    (void)state;
    rs_break_lines_limited(text, strlen(text), "zh", 201, 1, &m, STYLE, &l, &truncated);
    check_lines(text, &l, e, N(e));
    assert_int_equal(truncated, 0);
    l.count = 0;
    /* One pixel less: the last ideograph goes to the next line. */
    rs_break_lines(text, strlen(text), "zh", 200, &m, STYLE, &l);
    check_lines(text, &l, two, N(two));
    assert_int_equal(f.bad_calls, 0);
    rs_line_list_free(&l);
}

/* ---- invariants, performance, fuzz ------------------------------------------------------------------- */

static int is_strip(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 ||
           c == 0x2028 || c == 0x2029 || c == 0x3000;
}

/* Checks what must hold for any input: order, bounds, exact widths, and that no visible byte is lost. */
static void check_invariants(const char *text, size_t n, const rs_line_list *l, size_t first, int truncated)
{
    unsigned char *covered = calloc(n + 1, 1);
    unsigned char *boundary = calloc(n + 1, 1);
    size_t i, prev_end = 0;
    assert_non_null(covered);
    assert_non_null(boundary);
    for (i = 0; i < n;) {
        uint32_t cp;
        boundary[i] = 1;
        i += dec((const unsigned char *)text, n, i, &cp);
    }
    boundary[n] = 1;
    if (n > 0 && !truncated)
        assert_true(l->count > first);
    for (i = first; i < l->count; i++) {
        const rs_line *ln = &l->lines[i];
        int last_trunc = truncated && i + 1 == l->count;
        assert_true(ln->start <= n && ln->length <= n - ln->start);
        assert_true(ln->start >= prev_end);
        assert_true(boundary[ln->start] && boundary[ln->start + ln->length]);
        if (last_trunc)
            assert_int_equal(ln->width, text_width(text + ln->start, ln->length, 0) + 10);
        else
            assert_int_equal(ln->width, text_width(text + ln->start, ln->length, 0));
        /* Overflowing lines (width > max_width) are legitimate: indentation plus one cluster, glued
         * non-starters, or an OP SP* run (UAX #14 LB14); their shape is checked by the unit tests above. */
        if (ln->length == 0)
            assert_int_equal(ln->width, last_trunc ? 10 : 0);
        memset(covered + ln->start, 1, ln->length);
        prev_end = ln->start + ln->length;
    }
    if (!truncated) {
        for (i = 0; i < n;) {
            uint32_t cp;
            size_t k = dec((const unsigned char *)text, n, i, &cp);
            if (!covered[i] && !is_strip(cp)) {
                print_error("visible byte %zu (0x%02x) lost\n", i, (unsigned char)text[i]);
                fail();
            }
            i += k;
        }
    }
    free(covered);
    free(boundary);
}

static void test_measure_calls_linear(void **state)
{
    static const char *const words[] = {
        "the", "ministry", "said", "on", "Tuesday", "that", "cooperation", "between", "both", "countries",
        "remains", "a", "priority", "and", "urged", "restraint", "from", "all", "parties", "involved",
    };
    char *text = malloc(6200);
    size_t n = 0, nwords = 0, i;
    fake f = { NULL, 0, 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    (void)state;
    assert_non_null(text);
    while (n < 6000) {
        const char *w = words[(nwords * 7 + nwords / 3) % N(words)];
        size_t k = strlen(w);
        if (n)
            text[n++] = ' ';
        memcpy(text + n, w, k);
        n += k;
        nwords++;
    }
    text[n] = '\0';
    f.base = text;
    f.base_len = n;
    rs_break_lines(text, n, "en", 770, &m, STYLE, &l);
    print_message("measure calls: %ld for %zu bytes, %zu words, %zu lines (%.2f calls/word)\n", f.calls, n, nwords,
                  l.count, (double)f.calls / (double)nwords);
    assert_true(l.count >= 70 && l.count <= 90);
    assert_true(f.calls <= (long)(nwords + 2 * l.count + 4));
    assert_int_equal(f.bad_calls, 0);
    check_invariants(text, n, &l, 0, 0);
    for (i = 0; i < l.count; i++)
        assert_true(l.lines[i].width <= 770);
    /* and the limited variant stops measuring early */
    rs_line_list_free(&l);
    f.calls = 0;
    {
        int t = 0;
        rs_break_lines_limited(text, n, "en", 770, 3, &m, STYLE, &l, &t);
        assert_int_equal(t, 1);
        assert_int_equal(l.count, 3);
        assert_true(f.calls < 80);
    }
    rs_line_list_free(&l);
    free(text);
}

static void test_long_unbreakable_run(void **state)
{
    /* 6,000 letters with no opportunity at 300 px: 20 lines of 30 letters, linear in measure calls */
    size_t n = 6000, i;
    char *text = malloc(n);
    fake f = { NULL, 0, 0, 0, 0 };
    rs_text_measure m = { &f, fake_width };
    rs_line_list l = { NULL, 0, 0 };
    (void)state;
    assert_non_null(text);
    for (i = 0; i < n; i++)
        text[i] = (char)('a' + i % 26);
    f.base = text;
    f.base_len = n;
    rs_break_lines(text, n, NULL, 300, &m, STYLE, &l);
    assert_int_equal(l.count, 200);
    for (i = 0; i < l.count; i++) {
        assert_int_equal(l.lines[i].start, i * 30);
        assert_int_equal(l.lines[i].length, 30);
        assert_int_equal(l.lines[i].width, 300);
    }
    print_message("unbreakable 6000-byte run: %ld measure calls\n", f.calls);
    assert_true(f.calls <= (long)(n + 3 * l.count));
    assert_int_equal(f.bad_calls, 0);
    rs_line_list_free(&l);
    free(text);
}

static uint32_t rng_state = 0x12345678u;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static size_t gen_input(unsigned char *buf, size_t cap)
{
    static const char *const atoms[] = {
        "a", "word", "Zz", " ", "  ", "\n", "\r\n", "\r", "\t", "中", "文", "。", "，", "「", "」", "）",
        "\xE3\x80\x80", "e\xCC\x81", "\xCC\x81", "\xF0\x9F\x91\x8D", "\xF0\x9F\x8F\xBD", "\xE2\x80\x8D",
        "\xF0\x9F\x87\xA8", "\xEF\xBF\xBF", "\xEF\xBF\xBE", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\x8B", "-", "/",
        "http://x.y/z", "Привет", "\xE1\x84\x80", "\xE1\x85\xA1", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
        "\xE4\xB8", "\xF0\x9F", "\x80", "\xFF", "\0", "(", ")", "\xC2\xA0", "\xC2\xAD", "123", ".", "!",
    };
    size_t n = 0, target = rnd() % cap;
    int mode = (int)(rnd() % 4);
    while (n < target) {
        if (mode == 0) { /* raw random bytes */
            buf[n++] = (unsigned char)rnd();
        } else {
            const char *a = atoms[rnd() % N(atoms)];
            size_t k = a[0] ? strlen(a) : 1;
            if (n + k > target)
                break;
            memcpy(buf + n, a, k);
            n += k;
        }
    }
    return n;
}

static void test_fuzz(void **state)
{
    unsigned char scratch[400];
    int iter;
    (void)state;
    for (iter = 0; iter < 5000; iter++) {
        size_t n = gen_input(scratch, sizeof scratch);
        char *text = malloc(n ? n : 1); /* exact size so ASan catches any over-read */
        fake f = { NULL, 0, 0, 0, 0 };
        rs_text_measure m = { &f, fake_width };
        rs_line_list l = { NULL, 0, 0 };
        int max_width = (int)(rnd() % 320) - 20, t = -1;
        size_t max_lines = rnd() % 6, got;
        static const char *const langs[] = { NULL, "zh", "ja", "ko", "en", "ru", "" };
        const char *lang = langs[rnd() % N(langs)];
        assert_non_null(text);
        memcpy(text, scratch, n);
        f.base = text;
        f.base_len = n;

        got = rs_break_lines(text, n, lang, max_width, &m, STYLE, &l);
        assert_int_equal(got, l.count);
        assert_int_equal(f.bad_calls, 0);
        check_invariants(text, n, &l, 0, 0);
        if (n > 0)
            assert_true(l.count >= 1);
        rs_line_list_free(&l);

        got = rs_break_lines_limited(text, n, lang, max_width, max_lines, &m, STYLE, &l, &t);
        assert_int_equal(got, l.count);
        assert_true(got <= max_lines);
        assert_true(t == 0 || t == 1);
        if (t && max_lines > 0)
            assert_int_equal(got, max_lines);
        assert_int_equal(f.bad_calls, 0);
        check_invariants(text, n, &l, 0, t);
        rs_line_list_free(&l);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_wrap),
        cmocka_unit_test(test_english_exact_fit_and_wide),
        cmocka_unit_test(test_trailing_spaces_not_counted),
        cmocka_unit_test(test_mandatory_breaks),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_appends_to_existing_list),
        cmocka_unit_test(test_long_word_graphemes),
        cmocka_unit_test(test_flags_and_odd_code_points),
        cmocka_unit_test(test_chinese_wrap),
        cmocka_unit_test(test_no_line_starts_with_closing_punct),
        cmocka_unit_test(test_japanese),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_russian),
        cmocka_unit_test(test_max_width_zero),
        cmocka_unit_test(test_limited_truncates),
        cmocka_unit_test(test_limited_not_truncated),
        cmocka_unit_test(test_limited_tiny_width),
        cmocka_unit_test(test_nonadditive_measure),
        cmocka_unit_test(test_a_text_that_fits_exactly_is_one_line),
        cmocka_unit_test(test_measure_calls_linear),
        cmocka_unit_test(test_long_unbreakable_run),
        cmocka_unit_test(test_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
