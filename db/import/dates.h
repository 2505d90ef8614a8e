/*
 * Dates as pages print them, in English, Chinese and Russian ("20 July 2021",
 * "July 20, 2021", "2021年7月20日", "20 июля 2021", "12 марта 2019, 10:05",
 * "2021-07-20", "2019/2/13 9:15:25", "20.07.2021"), and in URLs
 * ("/2019/0312/", "t20190312", "/201903/"). A day or a month printed without
 * a year is found too, but never completed: its value stays empty so that
 * the draft says what the text says instead of guessing the year.
 */
#ifndef RS_DATES_H
#define RS_DATES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_date_found {
    char value[11]; /* "YYYY-MM-DD" or "YYYY-MM"; "" for a day or month without a year */
    char said[96];  /* the text as printed, with a time that follows it ("2021-07-20 19:39:21") */
    size_t start;   /* byte offset of said in the text searched */
} rs_date_found;

/* Finds in text the first date with a year (*full) and the first day or
 * month without one ("July 20", "7月20日", "on Thursday": *partial). Either
 * may be NULL. Impossible dates (30 February) are not dates. Returns
 * whether a full date was found; *partial's said is "" when none was. */
bool rs_dates_find(const char *text, rs_date_found *full, rs_date_found *partial);

/* The date a URL's path carries, as far as it goes (YYYY-MM-DD or YYYY-MM). */
bool rs_dates_from_url(const char *url, rs_date_found *found);

#endif
