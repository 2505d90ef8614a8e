/*
 * Two fingers: touch samples in, each finger named by its driver id, and out
 * what the session does with each sample. One finger alone is handed on to
 * the one-pointer gesture recogniser (gesture.h) unchanged, so taps, long
 * presses, edge swipes and scrolling work exactly as with a mouse. A second
 * finger turns the touch into a pinch: the one-finger gesture is cancelled
 * (no tap fires), and every later move of either finger reports how much
 * the distance between the two changed (scale) and where their midpoint is
 * and went (centre, pan). When either of the pair lifts the pinch ends,
 * with the midpoint's release velocity so that a two-finger pan can fling
 * like a one-finger one; from then on nothing is reported until every
 * finger is up, so a finger left on the glass never becomes a tap.
 *
 * Pure C: no SDL, no clock. Every call carries its time in milliseconds
 * (for the release velocity, measured as gesture.c measures a drag's).
 * Coordinates are window pixels.
 */
#ifndef RS_PINCH_H
#define RS_PINCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gesture.h"

typedef struct rs_pinch rs_pinch;

/* Fingers beyond this many at once are not tracked (their samples report
 * nothing). */
#define RS_PINCH_MAX_FINGERS 10

/* Two fingers nearer than this (px) give no scale: a distance that small is
 * the driver merging them, and a ratio of two tiny distances is noise. */
#define RS_PINCH_MIN_DISTANCE 8.0f

typedef enum rs_pinch_type {
    RS_PINCH_NONE,    /* nothing to do */
    RS_PINCH_POINTER, /* the only finger: feed (phase, x, y) to the one-pointer recogniser */
    RS_PINCH_BEGIN,   /* a second finger went down: cancel the one-finger gesture; (x, y) the midpoint */
    RS_PINCH_MOVE,    /* scale: distance now / distance at the previous report; (x, y) the midpoint
                       * now; (dx, dy) its movement since the previous report */
    RS_PINCH_END,     /* one of the pair lifted (or was cancelled): (x, y) the last midpoint, (vx, vy) its
                       * release velocity in px/s (0 after a cancel, or when it had stopped) */
} rs_pinch_type;

typedef struct rs_pinch_event {
    rs_pinch_type type;
    rs_pointer_phase phase; /* POINTER */
    float x, y;
    float scale;  /* MOVE; 1 otherwise */
    float dx, dy; /* MOVE */
    float vx, vy; /* END */
} rs_pinch_event;

/* A tracker with no finger down. A pinch's midpoint must travel beyond
 * slop_px before its END carries a velocity (a pinch that only zoomed must
 * not drift afterwards); non-finite or negative counts as 0. Never NULL
 * (stops loudly when out of memory). The caller destroys it. */
rs_pinch *rs_pinch_create(float slop_px);
/* NULL is allowed. */
void rs_pinch_destroy(rs_pinch *pinch);

/* One sample of finger id. DOWN of a finger already down is a MOVE; MOVE,
 * UP and CANCEL of a finger not down report nothing. A DOWN or MOVE with a
 * non-finite coordinate is ignored; an UP or CANCEL with one still lifts the
 * finger, at its last position. Coordinates are clamped as gesture.h's. The
 * products of the scales of a pinch's MOVEs is the ratio of its last
 * distance to its first (while both stay above RS_PINCH_MIN_DISTANCE), and
 * the sum of their (dx, dy) is the midpoint's whole movement. */
rs_pinch_event rs_pinch_finger(rs_pinch *pinch, int64_t id, rs_pointer_phase phase, float x, float y,
                               uint64_t time_ms);

/* How many fingers are down (the idle reset waits while any is). */
size_t rs_pinch_fingers(const rs_pinch *pinch);

/* True from BEGIN to END. */
bool rs_pinch_active(const rs_pinch *pinch);

/* Forgets every finger (the window was resized or rotated: positions are
 * no longer comparable). Nothing is reported for fingers forgotten. */
void rs_pinch_reset(rs_pinch *pinch);

#endif
