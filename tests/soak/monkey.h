/*
 * The monkey's parts (see monkey.c for what it is): the PRNG
 * (monkey_rng.c), the visitor's events and the checks after each
 * (monkey_visitor.c), memory and the month (monkey_memory.c), the fake
 * voice (monkey_voice.c), and the pipeline, time and the program
 * (monkey.c).
 */
#ifndef MONKEY_H
#define MONKEY_H

#include <SDL.h>
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "render.h"
#include "rotation.h"
#include "session.h"
#include "text.h"
#include "theme.h"
#include "utf8.h"

#if defined(__SANITIZE_ADDRESS__)
#define MONKEY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MONKEY_ASAN 1
#endif
#endif
#ifdef MONKEY_ASAN
/* From <sanitizer/allocator_interface.h>, which gcc does not install. */
void __sanitizer_purge_allocator(void);
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#ifndef MONKEY_FONT_DIR
#error "MONKEY_FONT_DIR must name the fonts folder"
#endif

#define FRAME_MS 16
#define RSS_FIRST_AT 10000  /* events: the first RSS measurement */
#define RSS_BUDGET_KB 1024  /* the most the RSS may grow after it */
#define ALL_SCREENS_AT 50000 /* events: from here on every route kind must have been shown */
#define STAFF_PIN "2468"
#define ADMIN_HOLD_MS 5000
#define MAX_REPORTS 3 /* problems of each kind printed in full; the rest are only counted */

/* ---- the PRNG (monkey_rng.c) ---- */

typedef struct rng {
    uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
/* A number in [lo, hi]. */
int64_t rng_range(rng *r, int64_t lo, int64_t hi);
/* A number in [0, 1). */
double rng_unit(rng *r);
float rng_float(rng *r, float lo, float hi);
/* A number between lo and hi, evenly spread on a log scale. */
uint64_t rng_log(rng *r, double lo, double hi);
bool rng_chance(rng *r, double p);

/* ---- what the monkey does ---- */

typedef enum event_kind {
    EV_TAP_TARGET,   /* a tap on something the screen offers */
    EV_TAP_ANYWHERE, /* a tap at a random place */
    EV_DRAG_SHORT,   /* a small slow drag, often barely past the slop */
    EV_DRAG_LONG,    /* a long slow drag */
    EV_FLING,        /* a long fast drag: the list keeps moving */
    EV_LONG_PRESS,   /* held still for half a second or more */
    EV_EDGE_SWIPE,   /* in from the left edge: back */
    EV_KEY,          /* a key of a keyboard or remote */
    EV_WHEEL,        /* a mouse wheel */
    EV_CANCEL,       /* a touch the system takes away */
    EV_WAIT,         /* 16 ms to 5 s of reading */
    EV_WALK_AWAY,    /* 1 to 10 minutes: the countdown, the reset, the attract loop */
    EV_RESIZE,       /* the window changes between the supported sizes */
    EV_STAFF,        /* the corner hold, the PIN pad, the admin screen */
    EV_TEXT,         /* text typed on a physical keyboard or an input method */
    EV_COUNT
} event_kind;

/* The last route kind and screen kind this monkey knows (the timeline and
 * the map, issue 14, are the newest). */
#define ROUTE_LAST RS_ROUTE_MAP
#define SCREEN_KINDS (RS_SCREEN_MAP + 1)
#define KEY_LAST RS_KEY_ZOOM_OUT

/* What can go wrong, each counted on its own. */
typedef enum problem_kind {
    P_BUSY_LOOP,     /* rs_session_timeout says 0 and a tick does not move it on */
    P_ERROR_SCREEN,  /* browsing a good bundle ended on an error screen */
    P_STATE,         /* the navigation stack, the mode, the scroll offset, a reader position */
    P_DRAW,          /* a draw command out of range */
    P_UTF8,          /* a text command that is not whole UTF-8 */
    P_OVERFLOW,      /* a line of text wider than the window */
    P_TARGET,        /* an empty touch target */
    P_IDLE,          /* left alone, the kiosk did not go back to its start */
    P_FONTS,         /* the fonts could not be reopened */
    P_ROTATION,      /* a point turned to the window and back is not where it was */
    P_RELOAD,        /* the bundle could not be opened again */
    P_SPEECH,        /* the voice asked to read past the end, or to speak over the attract loop */
    PROBLEM_KINDS
} problem_kind;

#define SIZE_COUNT 5 /* the window sizes a kiosk may have (sizes) */

/* The tables (monkey.c): names for the report, the visitor's weights, the sizes. */
extern const char *const event_names[EV_COUNT];
extern const int event_weights[EV_COUNT];
extern const char *const route_names[ROUTE_LAST + 1];
extern const char *const screen_names[SCREEN_KINDS];
extern const char *const mode_names[5];
extern const char *const key_names[KEY_LAST + 1];
extern const int sizes[SIZE_COUNT][2];
extern const char *const problem_names[PROBLEM_KINDS];

/* What the voice was asked and did, counted. */
typedef enum voice_count {
    VOICE_READS,
    VOICE_ANNOUNCEMENTS,
    VOICE_PAUSES,
    VOICE_STOPS,
    VOICE_SENTENCES, /* reported heard */
    VOICE_ENDINGS,   /* readings that reached their end */
    VOICE_COUNTS
} voice_count;

typedef struct monkey_voice monkey_voice;

typedef struct monkey {
    rng r;
    const char *bundle_path;
    rs_bundle *bundle;
    rs_text *text;
    rs_session *session;
    SDL_Surface *canvas;     /* the window: window_w x window_h */
    SDL_Renderer *renderer;
    SDL_Texture *turned;     /* the upright picture when the screen is rotated (as app.c) */
    int window_w, window_h;
    int rotation;            /* degrees clockwise, set from the admin screen */
    int width, height;       /* what the session lays out: the window's size, turned */
    int start_width, start_height;
    uint64_t now;
    rs_draw_list draw;
    unsigned render_every;     /* 0: render every frame the session needs; K: every K events */
    bool month;                /* a month of opening hours: no resizes, no walking away mid-visit */
    bool undated_in_bundle;
    bool scroll_down; /* the way the visitor has been scrolling */
    monkey_voice *voice;

    /* counts */
    uint64_t events, event_counts[EV_COUNT], key_counts[KEY_LAST + 1];
    uint64_t route_visits[ROUTE_LAST + 1], screen_visits[SCREEN_KINDS], mode_entries[5];
    uint64_t frames, renders, ticks, commands[4], pin_checks, reloads, idle_checks, font_reopens;
    uint64_t voice_counts[VOICE_COUNTS];
    size_t max_texture_bytes, max_draw_commands, max_targets;
    int max_depth;
    char last_route[256];
    rs_session_mode last_mode;

    /* problems, by kind */
    uint64_t problems, problem_counts[PROBLEM_KINDS];
    bool allowed[PROBLEM_KINDS]; /* --allow: counted and shown, but the run may still pass */
    uint64_t trace_from; /* print every event from this one on (0: none) */

    uint64_t digest; /* of everything the visitor saw, to compare runs */
} monkey;


/* ---- monkey.c: the pipeline, time, the report ---- */

/* Counts a problem of kind and prints it (the first MAX_REPORTS of each
 * kind in full). */
void problem(monkey *m, problem_kind kind, const char *format, ...) __attribute__((format(printf, 3, 4)));
/* Adds bytes to the digest of what the visitor saw. */
void digest_bytes(monkey *m, const void *data, size_t length);
/* Lays out (and, when render, draws) the frame the session asks for, and
 * checks it. */
void frame(monkey *m, bool render);
bool resize_to(monkey *m, int width, int height);
/* After input: a tick, the admin's command, a frame if one is needed. */
void settle(monkey *m);
/* ms without input, as the app's loop spends it. */
void pass(monkey *m, uint64_t ms);
/* Idle time in coarse steps (the month's gaps and nights). */
void pass_coarse(monkey *m, uint64_t ms, uint64_t step_lo, uint64_t step_hi);

/* ---- monkey_visitor.c ---- */

/* Counts the screen shown and checks the session's state. */
void observe(monkey *m);
/* One event picked by weight, done, drawn (every render_every-th), observed. */
void one_event(monkey *m);

/* ---- monkey_memory.c ---- */

typedef struct memory_point {
    long rss;  /* KB, settled (below) */
    long raw;  /* KB, as the run left it, after giving back free memory */
    long heap; /* KB allocated and not freed, settled */
} memory_point;

/* The memory in use in the same state every time, after giving free
 * memory back to the system. */
memory_point settled_memory(monkey *m);
void print_memory(const char *when, const memory_point *p);
bool grew_too_much(const memory_point *a, const memory_point *b);
void print_growth(const char *since, const memory_point *a, const memory_point *b);
/* days of opening hours and nights; 0 when every check held. */
int run_month(monkey *m, int days, memory_point *first, memory_point *last);

/* ---- monkey_voice.c ---- */

void voice_create(monkey *m);
void voice_destroy(monkey *m);
/* Makes the voice session's speaker. */
void voice_attach(monkey *m, rs_session *session);
/* ms until the voice's next report (0: due now), -1: none coming. */
int64_t voice_due_in(const monkey *m);
/* Gives the session the report due now; false when none was due. */
bool voice_advance(monkey *m);
/* ms until what is being read ends (0: nothing is being read, or it is
 * paused). */
uint64_t voice_time_left(const monkey *m);
/* After an event: nothing is being read over the attract loop. */
void voice_check(monkey *m);

#endif
