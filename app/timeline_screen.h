/*
 * The timeline's model (issue 14, "Timeline"): statements per month as
 * bars, incidents as spans, statements and events as marks, read from the
 * query layer's timeline queries. Plain data, no SDL. The bars are read once
 * (they are few at any size); spans and marks are read for the window of
 * time in view (rs_timeline_screen_prepare), so a timeline of a million
 * statements costs the same as one of five.
 *
 * Time on the timeline is counted in days since 1970-01-01 (rs_view.x);
 * rs_timeline_days and rs_timeline_key turn dates into days and back.
 */
#ifndef RS_TIMELINE_SCREEN_H
#define RS_TIMELINE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "nav.h"

typedef struct rs_timeline_screen rs_timeline_screen;

/* What the model reads, so that tests feed it without a bundle. context
 * NULL: each function gets the bundle given to create and prepare. */
typedef struct rs_timeline_source {
    bool (*bars)(void *context, rs_timeline_bars *out);
    bool (*spans)(void *context, int32_t from_key, int32_t to_key, int max_lanes, size_t limit,
                  rs_timeline_spans *out);
    bool (*marks)(void *context, int32_t from_key, int32_t to_key, size_t limit, rs_timeline_marks *out);
    void *context;
} rs_timeline_source;

/* The most lanes, spans a lane and marks one window reads: what bounds a
 * frame's work whatever the collection's size. */
#define RS_TIMELINE_LANES 8
#define RS_TIMELINE_SPANS_PER_LANE 64
#define RS_TIMELINE_MARKS 200

/* Days since 1970-01-01 of a proleptic Gregorian date (month and day 1 ..). */
int32_t rs_timeline_days(int year, int month, int day);
/* The RS_DATE_KEY of a day (never 0 for month or day). */
int32_t rs_timeline_key(int32_t days);
/* Where a date key sits on the axis: its day; a month without day at its
 * middle (the 16th), a year without month at 1 July. */
int32_t rs_timeline_key_days(int32_t key);

/* Per-year sums of the bars (months and year-only statements together). */
typedef struct rs_timeline_year {
    int year;
    int64_t count;
} rs_timeline_year;

/* The model of a timeline whose route is year (0: the whole collection)
 * and month (0: the whole year), reading its bars once through source
 * (copied). NULL on a read error. */
rs_timeline_screen *rs_timeline_screen_create(const rs_timeline_source *source, rs_bundle *bundle, int year,
                                              int month);
void rs_timeline_screen_destroy(rs_timeline_screen *timeline);

/* Makes sure the spans and marks of from_key .. to_key (RS_DATE_KEY) are
 * loaded: nothing read when they already are. False on a read error. */
bool rs_timeline_screen_prepare(rs_timeline_screen *timeline, rs_bundle *bundle, int32_t from_key, int32_t to_key);

/* The route's year and month (0 when not given). */
int rs_timeline_screen_year(const rs_timeline_screen *timeline);
int rs_timeline_screen_month(const rs_timeline_screen *timeline);
/* The days the bars cover: first day of the first bar's period to the day
 * after the last's. False (and 0, 0) with no dated statement. */
bool rs_timeline_screen_range(const rs_timeline_screen *timeline, int32_t *first_day, int32_t *end_day);
const rs_timeline_bars *rs_timeline_screen_bars(const rs_timeline_screen *timeline);
const rs_timeline_year *rs_timeline_screen_years(const rs_timeline_screen *timeline, size_t *count);
/* The largest month bar and the largest year, for the bars' scale. */
int64_t rs_timeline_screen_month_max(const rs_timeline_screen *timeline);
int64_t rs_timeline_screen_year_max(const rs_timeline_screen *timeline);
/* Undated statements, and "3 undated" in the visitor's language (NULL for none). */
int64_t rs_timeline_screen_undated(const rs_timeline_screen *timeline);
const char *rs_timeline_screen_undated_label(const rs_timeline_screen *timeline);
/* The legend's words: 0 accusation, 1 answer, 2 other. */
const char *rs_timeline_screen_legend(const rs_timeline_screen *timeline, int which);

/* What is loaded (owned by the model, valid until the next prepare). The
 * marks hold every mark with marks_from <= key < marks_to; beyond, the
 * window had more than RS_TIMELINE_MARKS and only bars are shown. */
const rs_timeline_spans *rs_timeline_screen_spans(const rs_timeline_screen *timeline);
const rs_timeline_marks *rs_timeline_screen_marks(const rs_timeline_screen *timeline, int32_t *marks_from,
                                                  int32_t *marks_to);
/* How many times spans and marks were read (tests). */
int rs_timeline_screen_reads(const rs_timeline_screen *timeline);

/* The side a mark stands on, never told by colour alone: 0 accusation (▲),
 * 1 answer (●: a statement that does not accuse, a denial), 2 other (◆). */
int rs_timeline_mark_side(const rs_timeline_mark *mark);

/* What a mark's label says: a statement's title, an event's kind in the
 * visitor's language ("Attribution"). */
const char *rs_timeline_mark_text(const rs_timeline_mark *mark);

/* ---- the screen (screen.c builds timeline, timeline/YYYY and
 * timeline/YYYY-MM through this) ---- */

typedef struct rs_screen rs_screen;

/* Fills s (zeroed by the caller) as the timeline: crumb, heading, the model
 * in s->timeline. False with a sentence in error when the bundle cannot be
 * read or has no statement of the route's year or month. */
bool rs_timeline_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error,
                              size_t error_size);
/* The same through source (tests). */
bool rs_timeline_screen_build_from(rs_screen *s, const rs_timeline_source *source, rs_bundle *bundle,
                                   const rs_nav_entry *entry, char *error, size_t error_size);

#endif
