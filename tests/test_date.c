/* date: the partial dates the builder accepts ("YYYY", "YYYY-MM",
 * "YYYY-MM-DD") and the exact message for each it refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "date.h"

static void expect_date(const char *text, int year, int month, int day)
{
    rs_date date = {-1, -1, -1};
    char error[160] = "untouched";
    assert_true(rs_date_parse(text, &date, error, sizeof error));
    assert_int_equal(date.year, year);
    assert_int_equal(date.month, month);
    assert_int_equal(date.day, day);
    assert_string_equal(error, "untouched");
}

/* Refused with exactly message; the date is left as it was. */
static void expect_refused(const char *text, const char *message)
{
    rs_date date = {7, 8, 9};
    char error[160];
    assert_false(rs_date_parse(text, &date, error, sizeof error));
    assert_string_equal(error, message);
    assert_int_equal(date.year, 7);
    assert_int_equal(date.month, 8);
    assert_int_equal(date.day, 9);
}

static void test_accepted_forms(void **state)
{
    (void)state;
    expect_date("2021", 2021, 0, 0);
    expect_date("2021-07", 2021, 7, 0);
    expect_date("2021-07-20", 2021, 7, 20);
    expect_date("0001", 1, 0, 0);
    expect_date("9999-12-31", 9999, 12, 31);
    expect_date("1999-01-01", 1999, 1, 1);
    expect_date("2021-04-30", 2021, 4, 30);
}

static void test_leap_years(void **state)
{
    (void)state;
    expect_date("2020-02-29", 2020, 2, 29);
    expect_date("2000-02-29", 2000, 2, 29); /* divisible by 400 */
    expect_refused("1900-02-29", "impossible date '1900-02-29' (February 1900 has 28 days)");
    expect_refused("2021-02-29", "impossible date '2021-02-29' (February 2021 has 28 days)");
    expect_refused("2021-02-30", "impossible date '2021-02-30' (February 2021 has 28 days)");
    expect_refused("2020-02-30", "impossible date '2020-02-30' (February 2020 has 29 days)");
}

static void test_impossible_parts(void **state)
{
    (void)state;
    expect_refused("0000", "impossible date '0000' (there is no year 0)");
    expect_refused("0000-01-01", "impossible date '0000-01-01' (there is no year 0)");
    expect_refused("2021-00", "impossible date '2021-00' (month must be 01 to 12)");
    expect_refused("2021-13", "impossible date '2021-13' (month must be 01 to 12)");
    expect_refused("2021-13-01", "impossible date '2021-13-01' (month must be 01 to 12)");
    expect_refused("2021-04-31", "impossible date '2021-04-31' (April 2021 has 30 days)");
    expect_refused("2021-07-00", "impossible date '2021-07-00' (July 2021 has 31 days)");
    expect_refused("2021-12-32", "impossible date '2021-12-32' (December 2021 has 31 days)");
}

static void test_wrong_shapes(void **state)
{
    (void)state;
    const char *shapes[] = {
        "", "21", "202", "20211", "2021-7", "2021-7-20", "2021-07-2", "2021/07", "2021-07/20", "2021.07.20",
        " 2021", "2021 ", "202a", "+021", "-2021", "2021-0a", "2021-07-2x", "2021-07-20T10", "20210720",
        "July 2021", "２０２１", /* full-width digits are not ASCII digits */
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        char want[160];
        snprintf(want, sizeof want, "date '%s' is not YYYY, YYYY-MM or YYYY-MM-DD", shapes[i]);
        expect_refused(shapes[i], want);
    }
    /* A long value is quoted cut at 40 bytes. */
    expect_refused("2021-07-20 and then a great deal more text than a date",
                   "date '2021-07-20 and then a great deal more te' is not YYYY, YYYY-MM or YYYY-MM-DD");
}

static void test_message_fits_its_buffer(void **state)
{
    (void)state;
    rs_date date;
    char error[16];
    assert_false(rs_date_parse("2021-02-30", &date, error, sizeof error));
    assert_string_equal(error, "impossible date");
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const int days_2021[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; month++)
        assert_int_equal(rs_date_days_in_month(2021, month), days_2021[month - 1]);
    assert_int_equal(rs_date_days_in_month(2024, 2), 29);
    assert_int_equal(rs_date_days_in_month(2100, 2), 28);
    assert_int_equal(rs_date_days_in_month(2000, 2), 29);
    assert_int_equal(rs_date_days_in_month(2021, 0), 0);
    assert_int_equal(rs_date_days_in_month(2021, 13), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted_forms),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_impossible_parts),
        cmocka_unit_test(test_wrong_shapes),
        cmocka_unit_test(test_message_fits_its_buffer),
        cmocka_unit_test(test_days_in_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
