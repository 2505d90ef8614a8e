#include "date.h"

#include <stdio.h>
#include <string.h>

/* English month names, for the builder's messages to curators. */
static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

int rs_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* Reads exactly `width` ASCII digits. */
static bool read_digits(const char *text, int width, int *value)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

bool rs_date_parse(const char *text, rs_date *date, char *error, size_t error_size)
{
    size_t length = strlen(text);
    rs_date d = {0, 0, 0};
    bool shape_ok = (length == 4 || length == 7 || length == 10) && read_digits(text, 4, &d.year);
    if (shape_ok && length >= 7)
        shape_ok = text[4] == '-' && read_digits(text + 5, 2, &d.month);
    if (shape_ok && length == 10)
        shape_ok = text[7] == '-' && read_digits(text + 8, 2, &d.day);
    if (!shape_ok) {
        snprintf(error, error_size, "date '%.40s' is not YYYY, YYYY-MM or YYYY-MM-DD", text);
        return false;
    }
    if (d.year < 1) {
        snprintf(error, error_size, "impossible date '%s' (there is no year 0)", text);
        return false;
    }
    if (length >= 7 && (d.month < 1 || d.month > 12)) {
        snprintf(error, error_size, "impossible date '%s' (month must be 01 to 12)", text);
        return false;
    }
    if (length == 10) {
        int days = rs_date_days_in_month(d.year, d.month);
        if (d.day < 1 || d.day > days) {
            snprintf(error, error_size, "impossible date '%s' (%s %04d has %d days)", text,
                     month_names[d.month - 1], d.year, days);
            return false;
        }
    }
    *date = d;
    return true;
}
