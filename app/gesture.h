/*
 * The gesture recognizer: one pointer's samples in (touch, mouse, later
 * rotated input, all in window pixels), gestures out: press, tap, long
 * press, drag with release velocity, and the edge swipe that means "back".
 *
 * Pure C: no SDL, no clock. Every call carries its time in milliseconds, so
 * tests drive it with a fake clock and the app can sleep until
 * rs_gesture_next_deadline.
 */
#ifndef RS_GESTURE_H
#define RS_GESTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rs_gesture rs_gesture;

typedef enum rs_pointer_phase {
    RS_POINTER_DOWN,
    RS_POINTER_MOVE,
    RS_POINTER_UP,
    RS_POINTER_CANCEL,
} rs_pointer_phase;

typedef struct rs_gesture_config {
    float slop_px;          /* movement beyond this is a drag, not a tap (about 2 mm; caller computes px) */
    uint32_t long_press_ms; /* 500; 0 disables long press */
    float edge_px;          /* a press starting at x < edge_px may become an edge swipe (5% of width); 0 disables */
    float edge_swipe_px;    /* horizontal travel that completes the edge swipe (e.g. 20% of width) */
} rs_gesture_config;

typedef enum rs_gesture_type {
    RS_GESTURE_PRESS,      /* finger/button went down at (x,y): show pressed state now */
    RS_GESTURE_TAP,        /* released within slop and before long press: act on the item under (x,y) = the PRESS position */
    RS_GESTURE_LONG_PRESS, /* held within slop for long_press_ms (emitted from tick or a later pointer call) */
    RS_GESTURE_DRAG_BEGIN, /* moved beyond slop; pressed state must be cleared; x,y = press position */
    RS_GESTURE_DRAG,       /* dx,dy = movement since the previous DRAG/DRAG_BEGIN event (the first DRAG
                            * after BEGIN carries the full movement since press so no distance is lost) */
    RS_GESTURE_DRAG_END,   /* released after dragging; vx,vy = release velocity in px/s from the last
                            * ~100 ms (0 if the position did not change in the last 40 ms before
                            * release: the visitor stopped on purpose) */
    RS_GESTURE_EDGE_BACK,  /* an edge swipe completed; emitted once, on release, INSTEAD of DRAG_END (it
                            * also ends the drag); dx,dy = travel since press, vx,vy as for DRAG_END */
    RS_GESTURE_CANCEL,     /* the press ended without a tap (cancel phase, or after a long press), or a
                            * drag was cancelled (no fling): clear pressed state */
} rs_gesture_type;

typedef struct rs_gesture_event {
    rs_gesture_type type;
    float x, y;   /* press position for PRESS/TAP/LONG_PRESS/DRAG_BEGIN/EDGE_BACK; current position otherwise */
    float dx, dy; /* DRAG (and EDGE_BACK: total travel); 0 otherwise */
    float vx, vy; /* DRAG_END and EDGE_BACK; 0 otherwise */
} rs_gesture_event;

/* The most events one rs_gesture_pointer or rs_gesture_tick call can write
 * (a late UP beyond slop: LONG_PRESS, DRAG_BEGIN, DRAG, DRAG_END). */
#define RS_GESTURE_MAX_EVENTS 4

/* Coordinates are clamped to +-RS_GESTURE_COORDINATE_LIMIT px so every
 * difference and velocity stays finite. */
#define RS_GESTURE_COORDINATE_LIMIT 1000000.0f

/* A new recognizer with no pointer down. config is copied; NULL means
 * defaults (8 px slop, 500 ms long press, no edge swipe). Non-finite or
 * negative config lengths are treated as 0. Returns NULL only when out of
 * memory. The caller destroys it. */
rs_gesture *rs_gesture_create(const rs_gesture_config *config);

/* Which edge the back swipe starts from: the left (as created), or, when
 * from_right, the right edge of a screen width px wide, travelling left: in
 * a right-to-left UI Back is on the right and the swipe mirrors with it.
 * Takes effect from the next press. */
void rs_gesture_set_edge(rs_gesture *gesture, bool from_right, float width);

/* Frees the recognizer; NULL is allowed. */
void rs_gesture_destroy(rs_gesture *gesture);

/* Feeds one pointer sample; writes up to max events into out (in the order
 * they happened) and returns how many. Pass max >= RS_GESTURE_MAX_EVENTS:
 * with less, events beyond max are lost but the state still advances.
 * A DOWN while down counts as a MOVE; MOVE, UP and CANCEL with no pointer
 * down are ignored. A DOWN or MOVE with a non-finite coordinate is ignored
 * entirely; an UP or CANCEL with one still ends the press, at the last valid
 * position. Time that runs backwards counts as no time passing. */
size_t rs_gesture_pointer(rs_gesture *gesture, rs_pointer_phase phase, float x, float y,
                          uint64_t time_ms, rs_gesture_event *out, size_t max);

/* Lets time pass without input: emits LONG_PRESS once now_ms reaches
 * rs_gesture_next_deadline. Returns events written (0 or 1). Calling it
 * early, late or often is harmless. */
size_t rs_gesture_tick(rs_gesture *gesture, uint64_t now_ms, rs_gesture_event *out, size_t max);

/* The time at which tick must next be called (a pending long press), in the
 * caller's clock, or UINT64_MAX when nothing is pending: the app may sleep
 * until then. */
uint64_t rs_gesture_next_deadline(const rs_gesture *gesture);

/* True from DOWN until UP or CANCEL (the idle reset must not fire then). */
bool rs_gesture_is_down(const rs_gesture *gesture);

#endif
