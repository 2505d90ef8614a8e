/*
 * Finding dates. Each form is tried at every place a word or a number
 * starts; the first match in reading order wins. Forms are recognised by
 * hand rather than with a regular-expression library so that each can check
 * its own day range and keep what follows it (a time) as evidence.
 */
#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct { const char *name; int month; } month_name;

/* English full names and abbreviations; Russian genitive (as dates print
 * them) and nominative. Longest first where one is a prefix of another. */
static const month_name months[] = {
    {"January", 1}, {"February", 2}, {"March", 3}, {"April", 4}, {"May", 5}, {"June", 6}, {"July", 7},
    {"August", 8}, {"September", 9}, {"October", 10}, {"November", 11}, {"December", 12},
    {"Sept.", 9}, {"Sept", 9}, {"Jan.", 1}, {"Feb.", 2}, {"Mar.", 3}, {"Apr.", 4}, {"Jun.", 6}, {"Jul.", 7},
    {"Aug.", 8}, {"Sep.", 9}, {"Oct.", 10}, {"Nov.", 11}, {"Dec.", 12}, {"Jan", 1}, {"Feb", 2}, {"Mar", 3},
    {"Apr", 4}, {"Jun", 6}, {"Jul", 7}, {"Aug", 8}, {"Sep", 9}, {"Oct", 10}, {"Nov", 11}, {"Dec", 12},
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6}, {"июля", 7},
    {"августа", 8}, {"сентября", 9}, {"октября", 10}, {"ноября", 11}, {"декабря", 12},
    {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5}, {"июнь", 6}, {"июль", 7},
    {"август", 8}, {"сентябрь", 9}, {"октябрь", 10}, {"ноябрь", 11}, {"декабрь", 12},
};

static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                       "Sunday", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六",
                                       "星期日"};

static bool is_letter_byte(char c)
{
    return isalpha((unsigned char)c) || ((unsigned char)c >= 0x80);
}

static bool valid_day(int year, int month, int day)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    int most = days[month - 1];
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        most = 29;
    return day <= most;
}

/* Reads 1..max digits at p; returns how many (0 when none). */
static size_t digits(const char *p, size_t max, int *value)
{
    size_t n = 0;
    int v = 0;
    while (n < max && isdigit((unsigned char)p[n])) {
        v = v * 10 + (p[n] - '0');
        n++;
    }
    if (isdigit((unsigned char)p[n]))
        return 0; /* longer than allowed: not this form */
    *value = v;
    return n;
}

static bool plausible_year(int year) { return year >= 1900 && year <= 2099; }

/* A month name at p followed by a non-letter; returns its length. */
static size_t month_at(const char *p, int *month)
{
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
        size_t n = strlen(months[i].name);
        if (strncmp(p, months[i].name, n) == 0 && (months[i].name[n - 1] == '.' || !is_letter_byte(p[n]))) {
            *month = months[i].month;
            return n;
        }
    }
    return 0;
}

/* A time after a date (" 19:39:21", "T19:39", ", 10:05") is kept as evidence. */
static size_t time_after(const char *p)
{
    size_t i = 0;
    if (p[i] == ',')
        i++;
    if (p[i] == ' ' || p[i] == 'T')
        i++;
    else
        return 0;
    int h, m;
    size_t n = digits(p + i, 2, &h);
    if (!n || p[i + n] != ':' || !digits(p + i + n + 1, 2, &m))
        return 0;
    i += n + 3;
    if (p[i] == ':' && isdigit((unsigned char)p[i + 1]) && isdigit((unsigned char)p[i + 2]))
        i += 3;
    return i;
}

static void set_found(rs_date_found *f, const char *text, const char *start, size_t length, int year, int month,
                      int day)
{
    if (year && day)
        snprintf(f->value, sizeof f->value, "%04d-%02d-%02d", year, month, day);
    else if (year)
        snprintf(f->value, sizeof f->value, "%04d-%02d", year, month);
    else
        f->value[0] = '\0';
    if (length >= sizeof f->said)
        length = sizeof f->said - 1;
    memcpy(f->said, start, length);
    f->said[length] = '\0';
    f->start = (size_t)(start - text);
}

/* Numeric forms: 2021-07-20, 2019/2/13, 20.07.2021, 2021年7月20日, 7月20日. */
static size_t numeric_at(const char *p, int *y, int *m, int *d)
{
    int a, b, c;
    size_t n1 = digits(p, 4, &a), n2, n3;
    if (!n1)
        return 0;
    if (n1 == 4 && (p[4] == '-' || p[4] == '/' || p[4] == '.') && (n2 = digits(p + 5, 2, &b)) &&
        p[5 + n2] == p[4] && (n3 = digits(p + 6 + n2, 2, &c))) {
        *y = a, *m = b, *d = c;
        return 6 + n2 + n3;
    }
    if (n1 <= 2 && p[n1] == '.' && (n2 = digits(p + n1 + 1, 2, &b)) && p[n1 + 1 + n2] == '.' &&
        digits(p + n1 + 2 + n2, 4, &c) == 4) {
        *y = c, *m = b, *d = a;
        return n1 + 2 + n2 + 4;
    }
    if (n1 == 4 && strncmp(p + 4, "年", 3) == 0 && (n2 = digits(p + 7, 2, &b)) && strncmp(p + 7 + n2, "月", 3) == 0) {
        size_t at = 7 + n2 + 3;
        *y = a, *m = b, *d = 0;
        if ((n3 = digits(p + at, 2, &c)) && (strncmp(p + at + n3, "日", 3) == 0 || strncmp(p + at + n3, "号", 3) == 0)) {
            *d = c;
            return at + n3 + 3;
        }
        return at;
    }
    if (n1 <= 2 && strncmp(p + n1, "月", 3) == 0 && (n2 = digits(p + n1 + 3, 2, &b)) &&
        (strncmp(p + n1 + 3 + n2, "日", 3) == 0 || strncmp(p + n1 + 3 + n2, "号", 3) == 0)) {
        *y = 0, *m = a, *d = b;
        return n1 + 3 + n2 + 3;
    }
    return 0;
}

/* "20 July 2021", "20 июля 2021 г.", "20 July" (no year). */
static size_t day_month_at(const char *p, int *y, int *m, int *d)
{
    int day, month, year;
    size_t n = digits(p, 2, &day);
    if (!n || p[n] != ' ')
        return 0;
    size_t mn = month_at(p + n + 1, &month);
    if (!mn)
        return 0;
    size_t at = n + 1 + mn;
    *d = day, *m = month, *y = 0;
    size_t yn;
    if (p[at] == ' ' && (yn = digits(p + at + 1, 4, &year)) == 4) {
        *y = year;
        at += 5;
        if (strncmp(p + at, " г.", 4) == 0)
            at += 4;
        else if (strncmp(p + at, " года", 9) == 0)
            at += 9;
    }
    return at;
}

/* "July 20, 2021", "July 20 2021", "July 2021", "July 20" (no year). */
static size_t month_day_at(const char *p, int *y, int *m, int *d)
{
    int month, day, year;
    size_t mn = month_at(p, &month);
    if (!mn || p[mn] != ' ')
        return 0;
    size_t at = mn + 1, n;
    if ((n = digits(p + at, 4, &year)) == 4) {
        *y = year, *m = month, *d = 0;
        return at + 4;
    }
    if (!(n = digits(p + at, 2, &day)))
        return 0;
    at += n;
    *m = month, *d = day, *y = 0;
    size_t skip = p[at] == ',' ? 2 : 1;
    if ((p[at] == ',' && p[at + 1] == ' ') || p[at] == ' ') {
        if (digits(p + at + skip, 4, &year) == 4) {
            *y = year;
            at += skip + 4;
        }
    }
    return at;
}

static size_t weekday_at(const char *p)
{
    for (size_t i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++) {
        size_t n = strlen(weekdays[i]);
        if (strncmp(p, weekdays[i], n) == 0 && !isalpha((unsigned char)p[n]))
            return n;
    }
    return 0;
}

bool rs_dates_find(const char *text, rs_date_found *full, rs_date_found *partial)
{
    bool have_full = false, have_partial = false;
    if (partial)
        partial->said[0] = partial->value[0] = '\0';
    for (const char *p = text; *p && !have_full; p++) {
        /* A number may follow a CJK character directly; a word may not
         * follow any letter (ASCII or the bytes of a Cyrillic one). */
        unsigned char before = p == text ? ' ' : (unsigned char)p[-1];
        bool boundary = !isalnum(before) && (isdigit((unsigned char)*p) || before < 0x80);
        if (!boundary)
            continue;
        int y = 0, m = 0, d = 0;
        size_t n = numeric_at(p, &y, &m, &d);
        if (!n)
            n = day_month_at(p, &y, &m, &d);
        if (!n)
            n = month_day_at(p, &y, &m, &d);
        if (n) {
            /* An impossible date is skipped whole: "30 February 2021"
             * must not become February 2021. */
            if ((y && !plausible_year(y)) || (d && !valid_day(y ? y : 2000, m, d))) {
                p += n - 1;
                continue;
            }
            if (y) {
                n += time_after(p + n);
                if (full)
                    set_found(full, text, p, n, y, m, d);
                have_full = true;
            } else if (!have_partial) {
                if (partial)
                    set_found(partial, text, p, n, 0, m, d);
                have_partial = true;
            }
            p += n - 1;
            continue;
        }
        if (!have_partial && (n = weekday_at(p)) != 0) {
            if (partial)
                set_found(partial, text, p, n, 0, 0, 0);
            have_partial = true;
        }
    }
    return have_full;
}

static bool url_form(const char *p, const char *start, rs_date_found *found)
{
    int y, m, d;
    /* /2019/03/12/ and /2019-03-12 */
    if (digits(p, 4, &y) == 4 && (p[4] == '/' || p[4] == '-') && digits(p + 5, 2, &m) == 2 && p[7] == p[4] &&
        digits(p + 8, 2, &d) == 2 && plausible_year(y) && valid_day(y, m, d)) {
        set_found(found, start, p, 10, y, m, d);
        return true;
    }
    /* /2019/0312/ */
    if (digits(p, 4, &y) == 4 && p[4] == '/' && digits(p + 5, 4, &m) == 4 && plausible_year(y) &&
        valid_day(y, m / 100, m % 100)) {
        set_found(found, start, p, 9, y, m / 100, m % 100);
        return true;
    }
    /* t20190312, 20190312 */
    int ymd;
    if (digits(p, 8, &ymd) == 8 && plausible_year(ymd / 10000) && valid_day(ymd / 10000, ymd / 100 % 100, ymd % 100)) {
        set_found(found, start, p, 8, ymd / 10000, ymd / 100 % 100, ymd % 100);
        return true;
    }
    /* /201903/ */
    int ym;
    if (p[-1] == '/' && digits(p, 6, &ym) == 6 && p[6] == '/' && plausible_year(ym / 100) && ym % 100 >= 1 &&
        ym % 100 <= 12) {
        set_found(found, start, p, 6, ym / 100, ym % 100, 0);
        return true;
    }
    return false;
}

bool rs_dates_from_url(const char *url, rs_date_found *found)
{
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : strchr(url, '/');
    if (!path)
        return false;
    for (const char *p = path + 1; *p; p++) {
        if (isdigit((unsigned char)p[-1]))
            continue;
        if (isdigit((unsigned char)*p) && url_form(p, url, found))
            return true;
    }
    return false;
}
