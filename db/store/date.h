/* Partial calendar dates: "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
#ifndef RS_DATE_H
#define RS_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_date {
    int year;  /* 1..9999, 0 when the date is unknown */
    int month; /* 1..12, 0 when unknown */
    int day;   /* 1..31, 0 when unknown */
} rs_date;

/* Parses text. On failure returns false and writes a message for a curator
 * into error (e.g. "impossible date '2021-02-30' (February 2021 has 28 days)"). */
bool rs_date_parse(const char *text, rs_date *date, char *error, size_t error_size);

/* Number of days in a month of the proleptic Gregorian calendar. */
int rs_date_days_in_month(int year, int month);

#endif
