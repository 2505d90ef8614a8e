/*
 * Idle: what a kiosk does when it is left alone (DESIGN: it resets itself).
 *
 * Three tiers, each counted from the last input. After idle_ms anywhere but
 * an untouched home, a "Still reading?" countdown of countdown_ms; at its
 * end, back to the start. After attract_ms on an untouched home, the attract
 * loop: one statement every RS_IDLE_SLIDE_MS, cross-faded over
 * RS_IDLE_FADE_MS. Any input dismisses an overlay. The staff screens close
 * after idle_ms too.
 *
 * Pure timing: no SDL, no bundle. Time is passed in (milliseconds on any
 * clock that does not go backwards), so tests drive it with a fake clock.
 * The caller says where the visitor is; the module says when to redraw and
 * when to reset, and the caller does it.
 */
#ifndef RS_IDLE_H
#define RS_IDLE_H

#include <stdint.h>

#define RS_IDLE_SLIDE_MS 9000 /* one statement of the attract loop */
#define RS_IDLE_FADE_MS 1200  /* the cross-fade between two of them */
#define RS_IDLE_FRAME_MS 16   /* frames while a fade runs */

typedef enum rs_idle_phase {
    RS_IDLE_AWAKE,     /* a visitor (or staff) is there: no overlay */
    RS_IDLE_COUNTDOWN, /* "Still reading?" */
    RS_IDLE_ATTRACT,   /* the attract loop */
} rs_idle_phase;

/* Where the visitor is, as far as idle cares. */
typedef enum rs_idle_place {
    RS_IDLE_NOWHERE,    /* an error screen: nothing to reset, nothing to show */
    RS_IDLE_FRESH_HOME, /* home as a visitor first sees it: the attract loop may start */
    RS_IDLE_ELSEWHERE,  /* anywhere a visitor has changed something: reset after idle_ms */
    RS_IDLE_STAFF,      /* the PIN pad or the admin screen: closed after idle_ms */
} rs_idle_place;

/* What a tick asks of the caller. */
typedef enum rs_idle_step {
    RS_IDLE_NOTHING,
    RS_IDLE_REDRAW, /* an overlay began, or what it shows changed */
    RS_IDLE_RESET,  /* back to the start now; the tiers count again from now */
} rs_idle_step;

typedef struct rs_idle rs_idle;

/* Awake, with the defaults: 90 s, 10 s, 300 s; the first input at time 0. */
rs_idle *rs_idle_create(void);
void rs_idle_destroy(rs_idle *idle);

/* The three tiers in milliseconds; 0 turns a tier off (a countdown of 0
 * resets at once when idle_ms is over). */
void rs_idle_configure(rs_idle *idle, uint32_t idle_ms, uint32_t countdown_ms, uint32_t attract_ms);

/* Input at now (a touch, a key, the wheel, typed text, a finger resting on
 * the glass): the tiers count from now and any overlay is dismissed.
 * Returns the phase that was showing, so the caller knows whether the input
 * was used up dismissing it (RS_IDLE_ATTRACT: the caller goes back to the
 * start as well). */
rs_idle_phase rs_idle_input(rs_idle *idle, uint64_t now);

/* Lets time pass to now with the visitor at place. Never call it while a
 * finger is down (that is input: rs_idle_input). */
rs_idle_step rs_idle_tick(rs_idle *idle, rs_idle_place place, uint64_t now);

/* When a tick is next needed with the visitor at place, as an absolute
 * time: each second of the countdown and its end, every frame of a fade and
 * the start of the next one, the end of a timeout; UINT64_MAX for never. */
uint64_t rs_idle_deadline(const rs_idle *idle, rs_idle_place place, uint64_t now);

rs_idle_phase rs_idle_phase_now(const rs_idle *idle);

/* The countdown's whole seconds left at now (rounded up; 0 at its end).
 * Remembered as shown: a tick asks for a redraw when the number changes. */
int rs_idle_countdown_show(rs_idle *idle, uint64_t now);

/* The attract loop's slide at now: 0, 1, 2... one per RS_IDLE_SLIDE_MS. */
int64_t rs_idle_slide(const rs_idle *idle, uint64_t now);

/* The veil over the slide at now: 1 at a slide's start and end, fading
 * linearly over RS_IDLE_FADE_MS, 0 in between. */
float rs_idle_veil(const rs_idle *idle, uint64_t now);

#endif
