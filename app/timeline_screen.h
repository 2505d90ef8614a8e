/*
 * The timeline's model (issue 14, "Timeline"): statements per month as
 * bars, incidents as spans, statements and events as marks, read from the
 * query layer's timeline queries. Plain data, no SDL. The bars are read once
 * (they are few at any size); spans and marks are read for the window of
 * time in view (rs_timeline_screen_prepare), so a timeline of a million
 * statements costs the same as one of five.
 */
#ifndef RS_TIMELINE_SCREEN_H
#define RS_TIMELINE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "nav.h"

typedef struct rs_timeline_screen rs_timeline_screen;

void rs_timeline_screen_destroy(rs_timeline_screen *timeline);

/* Makes sure the spans and marks of from_key .. to_key (RS_DATE_KEY) are
 * loaded: nothing read when they already are. False on a read error. */
bool rs_timeline_screen_prepare(rs_timeline_screen *timeline, rs_bundle *bundle, int32_t from_key, int32_t to_key);

/* ---- the screen (screen.c builds timeline, timeline/YYYY and
 * timeline/YYYY-MM through this) ---- */

typedef struct rs_screen rs_screen;

/* Fills s (zeroed by the caller) as the timeline: crumb, heading, the model
 * in s->timeline. False with a sentence in error when the bundle cannot be
 * read or has no statement of the route's year or month. */
bool rs_timeline_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error,
                              size_t error_size);

#endif
