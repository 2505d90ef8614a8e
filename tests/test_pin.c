/* The staff PIN's hash: known answers (computed with Python's
 * hashlib.pbkdf2_hmac, another implementation of PBKDF2-HMAC-SHA256), the
 * right PIN accepted and every other refused, malformed stored hashes
 * refused with the words the settings file shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pin.h"

/* hashlib.pbkdf2_hmac('sha256', b'2468', bytes.fromhex('00112233445566778899aabbccddeeff'), 100000) */
#define HASH_2468                                                                                                      \
    "pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"                                                           \
    "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da"
/* PIN 13579, an 8-byte salt (the least accepted), 10000 iterations (the least accepted). */
#define HASH_13579                                                                                                     \
    "pbkdf2-sha256$10000$0123456789abcdef$a2d14c3c17f7a0c0f68fbd74896a5ba2ad59d55568c0d55675be22c0e757c864"
/* PIN 4321 with salt 000102..0f: the shape rs_pin_hash makes (16-byte salt, 100000 iterations). */
#define HASH_4321                                                                                                      \
    "pbkdf2-sha256$100000$000102030405060708090a0b0c0d0e0f$"                                                           \
    "e19d9507e40b77fbb7503faedce7cb4ebf8c6820a8b746d9dfa9fcab899ec65d"
/* PIN 00000000 (eight digits, the longest) with 64 bytes of 0xff (the longest salt). */
#define SALT_64_FF                                                                                                     \
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"                                                 \
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
#define HASH_00000000                                                                                                  \
    "pbkdf2-sha256$10000$" SALT_64_FF "$5b782924b77b3ea9d0da6111595a661ea14a1677d8f26fc470f4f9b6f93cce01"

static const uint8_t salt_00_ff[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                       0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
static const uint8_t salt_01_ef[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
static const uint8_t salt_counting[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

static void test_valid(void **state)
{
    (void)state;
    assert_true(rs_pin_valid("0000"));
    assert_true(rs_pin_valid("1234"));
    assert_true(rs_pin_valid("12345678"));
    assert_false(rs_pin_valid("123"));       /* too short */
    assert_false(rs_pin_valid("123456789")); /* too long */
    assert_false(rs_pin_valid(""));
    assert_false(rs_pin_valid(NULL));
    assert_false(rs_pin_valid("12a4"));
    assert_false(rs_pin_valid(" 1234"));
    assert_false(rs_pin_valid("1234\n"));
    assert_false(rs_pin_valid("١٢٣٤")); /* Arabic-Indic digits are not ASCII digits */
}

static void test_known_answers(void **state)
{
    (void)state;
    char out[RS_PIN_HASH_TEXT_SIZE];
    assert_true(rs_pin_hash_salted("2468", 100000, salt_00_ff, sizeof salt_00_ff, out, sizeof out));
    assert_string_equal(out, HASH_2468);
    assert_true(rs_pin_hash_salted("13579", 10000, salt_01_ef, sizeof salt_01_ef, out, sizeof out));
    assert_string_equal(out, HASH_13579);
    assert_true(rs_pin_hash_salted("4321", 100000, salt_counting, sizeof salt_counting, out, sizeof out));
    assert_string_equal(out, HASH_4321);
    uint8_t salt_ff[64];
    memset(salt_ff, 0xff, sizeof salt_ff);
    char long_out[256];
    assert_true(rs_pin_hash_salted("00000000", 10000, salt_ff, sizeof salt_ff, long_out, sizeof long_out));
    assert_string_equal(long_out, HASH_00000000);
}

static void test_salted_refuses(void **state)
{
    (void)state;
    char out[RS_PIN_HASH_TEXT_SIZE] = "x";
    assert_false(rs_pin_hash_salted("123", 100000, salt_00_ff, 16, out, sizeof out));
    assert_string_equal(out, "");
    assert_false(rs_pin_hash_salted("2468", 9999, salt_00_ff, 16, out, sizeof out));
    assert_false(rs_pin_hash_salted("2468", 1000001, salt_00_ff, 16, out, sizeof out));
    assert_false(rs_pin_hash_salted("2468", 100000, salt_00_ff, 7, out, sizeof out));
    uint8_t big[65] = {0};
    assert_false(rs_pin_hash_salted("2468", 100000, big, sizeof big, out, sizeof out));
    assert_false(rs_pin_hash_salted("2468", 100000, NULL, 16, out, sizeof out));
    /* One byte short of the text and its terminating zero. */
    char exact[sizeof HASH_2468];
    assert_false(rs_pin_hash_salted("2468", 100000, salt_00_ff, 16, exact, sizeof exact - 1));
    assert_string_equal(exact, "");
    assert_true(rs_pin_hash_salted("2468", 100000, salt_00_ff, 16, exact, sizeof exact));
    assert_string_equal(exact, HASH_2468);
    assert_false(rs_pin_hash_salted("2468", 100000, salt_00_ff, 16, NULL, 0));
}

static void test_verify(void **state)
{
    (void)state;
    assert_true(rs_pin_verify(HASH_2468, "2468"));
    assert_false(rs_pin_verify(HASH_2468, "2469"));
    assert_false(rs_pin_verify(HASH_2468, "24680"));
    assert_false(rs_pin_verify(HASH_2468, "246"));
    assert_false(rs_pin_verify(HASH_2468, ""));
    assert_false(rs_pin_verify(HASH_2468, NULL));
    assert_true(rs_pin_verify(HASH_13579, "13579"));
    assert_false(rs_pin_verify(HASH_13579, "2468"));
    assert_true(rs_pin_verify(HASH_00000000, "00000000"));
    assert_false(rs_pin_verify(HASH_00000000, "0000000"));
    /* Upper-case hex is the same hash. */
    assert_true(rs_pin_verify("pbkdf2-sha256$10000$0123456789ABCDEF$"
                              "A2D14C3C17F7A0C0F68FBD74896A5BA2AD59D55568C0D55675BE22C0E757C864",
                              "13579"));
    assert_false(rs_pin_verify(NULL, "2468"));
}

static void test_hash_round_trip(void **state)
{
    (void)state;
    char hash[RS_PIN_HASH_TEXT_SIZE], again[RS_PIN_HASH_TEXT_SIZE];
    assert_true(rs_pin_hash("4321", hash, sizeof hash));
    /* pbkdf2-sha256$100000$ + 32 hex digits of salt + $ + 64 of hash. */
    assert_int_equal(strlen(hash), strlen("pbkdf2-sha256$100000$") + 32 + 1 + 64);
    assert_int_equal(strncmp(hash, "pbkdf2-sha256$100000$", 21), 0);
    assert_null(rs_pin_problem(hash));
    assert_true(rs_pin_verify(hash, "4321"));
    assert_false(rs_pin_verify(hash, "1234"));
    /* A fresh salt every time. */
    assert_true(rs_pin_hash("4321", again, sizeof again));
    assert_string_not_equal(hash, again);
    assert_true(rs_pin_verify(again, "4321"));
    assert_true(rs_pin_hash("12345678", hash, sizeof hash));
    assert_true(rs_pin_verify(hash, "12345678"));
    assert_false(rs_pin_verify(hash, "1234567"));
}

static void test_hash_refuses(void **state)
{
    (void)state;
    char hash[RS_PIN_HASH_TEXT_SIZE];
    assert_false(rs_pin_hash("123", hash, sizeof hash));
    assert_string_equal(hash, "");
    assert_false(rs_pin_hash("123456789", hash, sizeof hash));
    assert_false(rs_pin_hash("12a4", hash, sizeof hash));
    assert_false(rs_pin_hash(NULL, hash, sizeof hash));
    assert_false(rs_pin_hash("1234", hash, 64)); /* too small */
    assert_string_equal(hash, "");
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *stored, *problem;
    } cases[] = {
        {"", "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)"},
        {"2468", "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)"},
        {"sha1$1$aa$bb", "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)"},
        {"PBKDF2-SHA256$100000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)"},
        {"pbkdf2-sha256$100000$00112233445566778899aabbccddeeff",
         "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)"},
        {"pbkdf2-sha256$$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the iteration count must be from 10000 to 1000000"},
        {"pbkdf2-sha256$9999$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the iteration count must be from 10000 to 1000000"},
        {"pbkdf2-sha256$1000001$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the iteration count must be from 10000 to 1000000"},
        {"pbkdf2-sha256$99999999999999999999999$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the iteration count must be from 10000 to 1000000"},
        {"pbkdf2-sha256$1e5$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the iteration count must be from 10000 to 1000000"},
        {"pbkdf2-sha256$-100000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the iteration count must be from 10000 to 1000000"},
        {"pbkdf2-sha256$100000$00112233445566$" /* 7 bytes */
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the salt must be 16 to 128 hexadecimal digits"},
        {"pbkdf2-sha256$100000$0011223344556677889$" /* odd */
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the salt must be 16 to 128 hexadecimal digits"},
        {"pbkdf2-sha256$100000$zz112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the salt must be 16 to 128 hexadecimal digits"},
        {"pbkdf2-sha256$100000$" SALT_64_FF "00$" /* 65 bytes */
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the salt must be 16 to 128 hexadecimal digits"},
        {"pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$680d",
         "the hash must be 64 hexadecimal digits"},
        {"pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da00",
         "the hash must be 64 hexadecimal digits"},
        {"pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"
         "g80d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da",
         "the hash must be 64 hexadecimal digits"},
        {"pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da$",
         "the hash must be 64 hexadecimal digits"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *problem = rs_pin_problem(cases[i].stored);
        assert_non_null(problem);
        assert_string_equal(problem, cases[i].problem);
        /* Never accepted, whatever is typed. */
        assert_false(rs_pin_verify(cases[i].stored, "2468"));
    }
    assert_null(rs_pin_problem(HASH_2468));
    assert_null(rs_pin_problem(HASH_00000000));
    assert_string_equal(rs_pin_problem(NULL), "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),          cmocka_unit_test(test_known_answers),
        cmocka_unit_test(test_salted_refuses), cmocka_unit_test(test_verify),
        cmocka_unit_test(test_hash_round_trip), cmocka_unit_test(test_hash_refuses),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
