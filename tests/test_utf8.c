/* utf8: the one UTF-8 decoder, and the check the builder runs on every
 * source file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "utf8.h"

/* Decodes the first code point of bytes[0..length) and checks both what it
 * is and how many bytes it took. */
static void expect_decode(const char *bytes, size_t length, uint32_t codepoint, size_t consumed)
{
    uint32_t got = 0x12345678;
    assert_int_equal(rs_utf8_decode(bytes, length, &got), consumed);
    assert_int_equal(got, codepoint);
}

static void test_decode_each_length(void **state)
{
    (void)state;
    expect_decode("A", 1, 0x41, 1);
    expect_decode("\x7F", 1, 0x7F, 1);
    expect_decode("\xC2\x80", 2, 0x80, 2);        /* smallest 2-byte */
    expect_decode("\xC3\xA9", 2, 0xE9, 2);        /* é */
    expect_decode("\xDF\xBF", 2, 0x7FF, 2);       /* largest 2-byte */
    expect_decode("\xD0\x96", 2, 0x416, 2);       /* Ж */
    expect_decode("\xE0\xA0\x80", 3, 0x800, 3);   /* smallest 3-byte */
    expect_decode("\xE7\xBD\x91", 3, 0x7F51, 3);  /* 网 */
    expect_decode("\xEF\xBF\xBD", 3, 0xFFFD, 3);  /* a real U+FFFD: 3 bytes */
    expect_decode("\xEF\xBF\xBF", 3, 0xFFFF, 3);
    expect_decode("\xF0\x90\x80\x80", 4, 0x10000, 4);
    expect_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4);
    expect_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4); /* the last code point */
    /* Only the first code point is read; what follows is left. */
    expect_decode("\xE7\xBD\x91\xE7\xBB\x9C", 6, 0x7F51, 3);
    expect_decode("ab", 2, 0x61, 1);
    /* A NUL byte is a code point like any other. */
    expect_decode("\0x", 2, 0, 1);
}

static void test_decode_overlong(void **state)
{
    (void)state;
    /* Every overlong form is one bad byte: U+FFFD, 1 byte consumed. */
    expect_decode("\xC0\x80", 2, 0xFFFD, 1);         /* NUL in 2 bytes */
    expect_decode("\xC1\xBF", 2, 0xFFFD, 1);         /* U+7F in 2 bytes */
    expect_decode("\xE0\x80\x80", 3, 0xFFFD, 1);     /* NUL in 3 bytes */
    expect_decode("\xE0\x9F\xBF", 3, 0xFFFD, 1);     /* U+7FF in 3 bytes */
    expect_decode("\xF0\x80\x80\x80", 4, 0xFFFD, 1); /* NUL in 4 bytes */
    expect_decode("\xF0\x8F\xBF\xBF", 4, 0xFFFD, 1); /* U+FFFF in 4 bytes */
}

static void test_decode_surrogates_and_range(void **state)
{
    (void)state;
    expect_decode("\xED\x9F\xBF", 3, 0xD7FF, 3);     /* just below the surrogates */
    expect_decode("\xED\xA0\x80", 3, 0xFFFD, 1);     /* U+D800 */
    expect_decode("\xED\xBF\xBF", 3, 0xFFFD, 1);     /* U+DFFF */
    expect_decode("\xEE\x80\x80", 3, 0xE000, 3);     /* just above */
    expect_decode("\xF4\x90\x80\x80", 4, 0xFFFD, 1); /* U+110000 */
    expect_decode("\xF5\x80\x80\x80", 4, 0xFFFD, 1); /* lead byte past F4 */
    expect_decode("\xF8\x88\x80\x80\x80", 5, 0xFFFD, 1);
    expect_decode("\xFF", 1, 0xFFFD, 1);
    expect_decode("\xFE", 1, 0xFFFD, 1);
}

static void test_decode_broken_sequences(void **state)
{
    (void)state;
    /* A continuation byte alone. */
    expect_decode("\x80", 1, 0xFFFD, 1);
    expect_decode("\xBF" "A", 2, 0xFFFD, 1);
    /* Truncated: the length given ends inside the sequence. */
    expect_decode("\xC3", 1, 0xFFFD, 1);
    expect_decode("\xE7\xBD", 2, 0xFFFD, 1);
    expect_decode("\xF0\x9F\x98", 3, 0xFFFD, 1);
    /* The bytes are there but the length says otherwise: never read past it. */
    expect_decode("\xE7\xBD\x91", 2, 0xFFFD, 1);
    /* A lead byte followed by something that is no continuation. */
    expect_decode("\xC3" "A", 2, 0xFFFD, 1);
    expect_decode("\xE7\xBD" "A", 3, 0xFFFD, 1);
    expect_decode("\xF0\x9F\x98" "A", 4, 0xFFFD, 1);
    /* Nothing to decode: U+FFFD and nothing consumed. */
    expect_decode("", 0, 0xFFFD, 0);
}

/* Walking a whole string one code point at a time, as callers do. */
static void test_decode_walk(void **state)
{
    (void)state;
    const char *text = "a\xE7\xBD\x91\xC3\xBF\x80z";
    size_t length = strlen(text);
    uint32_t want[] = {0x61, 0x7F51, 0xFF, 0xFFFD, 0x7A};
    size_t widths[] = {1, 3, 2, 1, 1};
    size_t i = 0, n = 0;
    while (i < length) {
        uint32_t cp;
        size_t used = rs_utf8_decode(text + i, length - i, &cp);
        assert_true(n < 5);
        assert_int_equal(cp, want[n]);
        assert_int_equal(used, widths[n]);
        i += used;
        n++;
    }
    assert_int_equal(n, 5);
}

static void expect_valid(const char *text, size_t length)
{
    size_t bad = 12345;
    assert_true(rs_utf8_valid(text, length, &bad));
    assert_int_equal(bad, 12345); /* untouched */
    assert_true(rs_utf8_valid(text, length, NULL));
}

static void expect_invalid(const char *text, size_t length, size_t offset)
{
    size_t bad = 12345;
    assert_false(rs_utf8_valid(text, length, &bad));
    assert_int_equal(bad, offset);
    assert_false(rs_utf8_valid(text, length, NULL));
}

static void test_valid(void **state)
{
    (void)state;
    expect_valid("", 0);
    expect_valid("plain ASCII", 11);
    expect_valid("caf\xC3\xA9 \xE7\xBD\x91\xE7\xBB\x9C \xD0\x96 \xF0\x9F\x98\x80", 20);
    expect_invalid("caf\xC3\xA9 \xE7\xBD\x91\xE7\xBB\x9C \xD0\x96 \xF0\x9F\x98\x80", 18, 16);
    expect_valid("\xEF\xBF\xBD", 3);     /* U+FFFD written in the text is text */
    expect_valid("a\0b", 3);             /* NUL is valid UTF-8; the builder refuses it separately */
    expect_valid("\xF4\x8F\xBF\xBF", 4); /* U+10FFFF */
}

static void test_invalid_offsets(void **state)
{
    (void)state;
    expect_invalid("\x80", 1, 0);
    expect_invalid("abc\xFF", 4, 3);
    expect_invalid("ab\xC0\x80", 4, 2);                /* overlong */
    expect_invalid("\xE7\xBD\x91x\xED\xA0\x80", 7, 4); /* surrogate after a good character */
    expect_invalid("ok \xE7\xBD", 5, 3);               /* truncated at the end */
    expect_invalid("\xF4\x90\x80\x80", 4, 0);          /* past U+10FFFF */
    expect_invalid("\xC3\xA9\xC3", 3, 2);
    /* The length is the limit: a sequence cut by it is invalid. */
    expect_invalid("\xE7\xBD\x91", 2, 0);
    expect_valid("\xE7\xBD\x91", 3);
}

/* Every length's first and last code point encodes to its shortest form
 * and decodes back. */
static void test_encode_round_trip(void **state)
{
    (void)state;
    static const uint32_t points[] = {0x00, 0x7F, 0x80, 0x7FF, 0x800, 0x203A, 0xFFFF, 0x10000, 0x10FFFF};
    static const size_t lengths[] = {1, 1, 2, 2, 3, 3, 3, 4, 4};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        char bytes[4];
        uint32_t back = 0xFFFFFFFF;
        size_t n = rs_utf8_encode(points[i], bytes);
        assert_int_equal(n, lengths[i]);
        assert_true(rs_utf8_valid(bytes, n, NULL));
        assert_int_equal(rs_utf8_decode(bytes, n, &back), n);
        assert_int_equal(back, points[i]);
    }
    char arrow[4];
    assert_int_equal(rs_utf8_encode(0x2039, arrow), 3);
    assert_memory_equal(arrow, "\xe2\x80\xb9", 3); /* ‹ */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_each_length),
        cmocka_unit_test(test_decode_overlong),
        cmocka_unit_test(test_decode_surrogates_and_range),
        cmocka_unit_test(test_decode_broken_sequences),
        cmocka_unit_test(test_decode_walk),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid_offsets),
        cmocka_unit_test(test_encode_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
