/*
 * Why a recognizer at all: a visitor's finger is never still. Between
 * touching and lifting it wanders a millimetre or two, and a tap must still
 * act on what was under the finger when it went down (DESIGN.md, Touch).
 * So a press stays a tap candidate until it leaves the slop circle around
 * the press point; only then does it become a drag, and from then on it can
 * never be a tap again. The first DRAG carries the whole distance from the
 * press point, so the content catches up with the finger and nothing is
 * lost to the slop.
 *
 * Long press is a deadline, not an event source: nothing arrives from the
 * pointer while a finger rests, so the app asks rs_gesture_next_deadline,
 * sleeps until then and calls rs_gesture_tick. Any later pointer call also
 * checks the deadline, so a late tick cannot turn a long press into a tap.
 *
 * Release velocity is the slope of position over time across the samples of
 * the last 100 ms, fitted by least squares. A fit is exact for steady
 * motion however irregularly the samples are spaced, and it shrinks towards
 * zero when the finger slows before lifting. An UP at the very position of
 * the last sample is not a new measurement (touch drivers report a lift
 * without coordinates and the last position is repeated), so it is left
 * out of the fit; otherwise a steady flick that lifts half a frame after
 * its last move would lose 5-10% of its speed. What tells that the finger
 * had stopped is then the time since the position last changed: more than
 * 40 ms (two to five missing reports of a moving finger) means the visitor
 * stopped on purpose and the velocity is 0, so a list that was dragged to a
 * place and let go stays there. The samples live in a small ring; samples
 * closer than a few ms are merged so that a 1000 Hz mouse still fills more
 * than the window.
 *
 * Time comes from outside and may be wrong. Each press keeps its own clock
 * that only moves forwards: a timestamp slightly older than the last one
 * counts as no time passing (stale events), and a big jump backwards
 * re-bases the clock (the system clock was reset). Either way no time step
 * is ever negative, so nothing divides by zero or goes backwards.
 */
#include "gesture.h"

#include <math.h>
#include <stdlib.h>

#define SAMPLE_CAPACITY 32
#define SAMPLE_SPACING_MS 4      /* 32 samples at least 4 ms apart cover more than the window */
#define VELOCITY_WINDOW_MS 100
#define STOPPED_MS 40            /* no position change for longer than this before UP: velocity 0 */
#define CLOCK_TOLERANCE_MS 1000  /* backwards by more than this is a clock reset, not a stale event */

#define DEFAULT_SLOP_PX 8.0f
#define DEFAULT_LONG_PRESS_MS 500

typedef struct sample {
    float x, y;
    uint64_t time; /* press clock */
} sample;

struct rs_gesture {
    rs_gesture_config config;

    bool down;
    bool dragging;
    bool long_pressed;
    bool edge_candidate;
    bool edge_from_right; /* rs_gesture_set_edge */
    float edge_width;

    float press_x, press_y;
    float x, y;                   /* last valid position */
    float reported_x, reported_y; /* position at the last DRAG event */
    uint64_t last_motion;         /* press clock when the position last changed */

    /* The press clock: ms since DOWN, never decreasing. */
    uint64_t clock;
    uint64_t last_input_time; /* caller's time that clock corresponds to */

    sample samples[SAMPLE_CAPACITY];
    size_t sample_head; /* index of the newest sample */
    size_t sample_count;
};

/* Collects events without ever writing past the caller's array. */
typedef struct emitter {
    rs_gesture_event *out;
    size_t max;
    size_t count;
} emitter;

static void emit(emitter *e, rs_gesture_type type, float x, float y, float dx, float dy, float vx, float vy)
{
    if (e->count >= e->max)
        return;
    e->out[e->count++] = (rs_gesture_event){
        .type = type, .x = x, .y = y, .dx = dx, .dy = dy, .vx = vx, .vy = vy,
    };
}

static float sanitize_length(float value)
{
    return isfinite(value) && value > 0.0f ? value : 0.0f;
}

static float clamp_coordinate(float value)
{
    if (value > RS_GESTURE_COORDINATE_LIMIT)
        return RS_GESTURE_COORDINATE_LIMIT;
    if (value < -RS_GESTURE_COORDINATE_LIMIT)
        return -RS_GESTURE_COORDINATE_LIMIT;
    return value;
}

static uint64_t saturating_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Moves the press clock to the caller's time_ms, forwards only. */
static void advance_clock(rs_gesture *g, uint64_t time_ms)
{
    if (time_ms >= g->last_input_time) {
        g->clock = saturating_add(g->clock, time_ms - g->last_input_time);
        g->last_input_time = time_ms;
    } else if (g->last_input_time - time_ms > CLOCK_TOLERANCE_MS) {
        g->last_input_time = time_ms; /* clock reset: continue from here, no time passed */
    }
    /* else: a stale timestamp; no time passed, keep waiting for the clock to catch up */
}

/* The press clock at the caller's now_ms, without moving it. */
static uint64_t clock_at(const rs_gesture *g, uint64_t now_ms)
{
    if (now_ms >= g->last_input_time)
        return saturating_add(g->clock, now_ms - g->last_input_time);
    return g->clock;
}

static void add_sample(rs_gesture *g, float x, float y)
{
    sample s = {.x = x, .y = y, .time = g->clock};
    if (g->sample_count > 0) {
        const sample *newest = &g->samples[g->sample_head];
        bool replace = newest->time == s.time;
        if (!replace && g->sample_count > 1) {
            size_t previous = (g->sample_head + SAMPLE_CAPACITY - 1) % SAMPLE_CAPACITY;
            replace = newest->time - g->samples[previous].time < SAMPLE_SPACING_MS;
        }
        if (replace) {
            g->samples[g->sample_head] = s;
            return;
        }
        g->sample_head = (g->sample_head + 1) % SAMPLE_CAPACITY;
    } else {
        g->sample_head = 0;
    }
    g->samples[g->sample_head] = s;
    if (g->sample_count < SAMPLE_CAPACITY)
        g->sample_count++;
}

/* Least-squares slope of x and y over the samples of the last
 * VELOCITY_WINDOW_MS, in px/s; 0 when fewer than two distinct times. */
static void release_velocity(const rs_gesture *g, float *vx, float *vy)
{
    *vx = 0.0f;
    *vy = 0.0f;
    if (g->clock - g->last_motion > STOPPED_MS)
        return;
    uint64_t window_start = g->clock > VELOCITY_WINDOW_MS ? g->clock - VELOCITY_WINDOW_MS : 0;

    /* Times relative to now keep the sums small and exact enough. */
    double n = 0, sum_t = 0, sum_x = 0, sum_y = 0;
    for (size_t i = 0; i < g->sample_count; i++) {
        const sample *s = &g->samples[(g->sample_head + SAMPLE_CAPACITY - i) % SAMPLE_CAPACITY];
        if (s->time < window_start)
            break; /* newest first, so every older sample is outside too */
        n += 1;
        sum_t += -(double)(g->clock - s->time);
        sum_x += s->x;
        sum_y += s->y;
    }
    if (n < 2)
        return;
    double mean_t = sum_t / n, mean_x = sum_x / n, mean_y = sum_y / n;
    double stt = 0, stx = 0, sty = 0;
    for (size_t i = 0; i < (size_t)n; i++) {
        const sample *s = &g->samples[(g->sample_head + SAMPLE_CAPACITY - i) % SAMPLE_CAPACITY];
        double t = -(double)(g->clock - s->time) - mean_t;
        stt += t * t;
        stx += t * (s->x - mean_x);
        sty += t * (s->y - mean_y);
    }
    if (!(stt > 0.0))
        return; /* all samples at one instant: no time passed, no velocity */
    double slope_x = stx / stt * 1000.0, slope_y = sty / stt * 1000.0;
    /* Bounded by coordinate limit / 1 ms, so finite; checked anyway. */
    *vx = isfinite(slope_x) ? (float)slope_x : 0.0f;
    *vy = isfinite(slope_y) ? (float)slope_y : 0.0f;
}

static void check_long_press(rs_gesture *g, uint64_t clock, emitter *e)
{
    if (!g->down || g->dragging || g->long_pressed || g->config.long_press_ms == 0)
        return;
    if (clock >= g->config.long_press_ms) {
        g->long_pressed = true;
        emit(e, RS_GESTURE_LONG_PRESS, g->press_x, g->press_y, 0, 0, 0, 0);
    }
}

static void begin_press(rs_gesture *g, float x, float y, uint64_t time_ms, emitter *e)
{
    g->down = true;
    g->dragging = false;
    g->long_pressed = false;
    g->edge_candidate = g->config.edge_px > 0.0f &&
                        (g->edge_from_right ? x > g->edge_width - g->config.edge_px : x < g->config.edge_px);
    g->press_x = g->x = g->reported_x = x;
    g->press_y = g->y = g->reported_y = y;
    g->clock = 0;
    g->last_motion = 0;
    g->last_input_time = time_ms;
    g->sample_count = 0;
    add_sample(g, x, y);
    emit(e, RS_GESTURE_PRESS, x, y, 0, 0, 0, 0);
}

static void track_move(rs_gesture *g, float x, float y, emitter *e)
{
    add_sample(g, x, y);
    if (x != g->x || y != g->y)
        g->last_motion = g->clock;
    g->x = x;
    g->y = y;
    if (!g->dragging) {
        double dx = (double)x - g->press_x, dy = (double)y - g->press_y;
        double slop = g->config.slop_px;
        if (dx * dx + dy * dy <= slop * slop)
            return;
        g->dragging = true;
        emit(e, RS_GESTURE_DRAG_BEGIN, g->press_x, g->press_y, 0, 0, 0, 0);
        emit(e, RS_GESTURE_DRAG, x, y, x - g->press_x, y - g->press_y, 0, 0);
    } else if (x != g->reported_x || y != g->reported_y) {
        emit(e, RS_GESTURE_DRAG, x, y, x - g->reported_x, y - g->reported_y, 0, 0);
    }
    g->reported_x = x;
    g->reported_y = y;
}

static void pointer_move(rs_gesture *g, float x, float y, uint64_t time_ms, emitter *e)
{
    advance_clock(g, time_ms);
    check_long_press(g, g->clock, e);
    track_move(g, x, y, e);
}

static void release(rs_gesture *g, emitter *e)
{
    if (g->dragging) {
        float vx, vy;
        release_velocity(g, &vx, &vy);
        float travel_x = g->x - g->press_x, travel_y = g->y - g->press_y;
        float along = g->edge_from_right ? -travel_x : travel_x; /* away from the edge */
        if (g->edge_candidate && along >= g->config.edge_swipe_px && fabsf(travel_y) < along)
            emit(e, RS_GESTURE_EDGE_BACK, g->press_x, g->press_y, travel_x, travel_y, vx, vy);
        else
            emit(e, RS_GESTURE_DRAG_END, g->x, g->y, 0, 0, vx, vy);
    } else if (g->long_pressed) {
        emit(e, RS_GESTURE_CANCEL, g->x, g->y, 0, 0, 0, 0);
    } else {
        emit(e, RS_GESTURE_TAP, g->press_x, g->press_y, 0, 0, 0, 0);
    }
    g->down = false;
}

rs_gesture *rs_gesture_create(const rs_gesture_config *config)
{
    rs_gesture *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    if (config) {
        g->config.slop_px = sanitize_length(config->slop_px);
        g->config.long_press_ms = config->long_press_ms;
        g->config.edge_px = sanitize_length(config->edge_px);
        g->config.edge_swipe_px = sanitize_length(config->edge_swipe_px);
    } else {
        g->config.slop_px = DEFAULT_SLOP_PX;
        g->config.long_press_ms = DEFAULT_LONG_PRESS_MS;
    }
    return g;
}

void rs_gesture_set_edge(rs_gesture *gesture, bool from_right, float width)
{
    gesture->edge_from_right = from_right;
    gesture->edge_width = sanitize_length(width);
}

void rs_gesture_destroy(rs_gesture *gesture)
{
    free(gesture);
}

size_t rs_gesture_pointer(rs_gesture *gesture, rs_pointer_phase phase, float x, float y,
                          uint64_t time_ms, rs_gesture_event *out, size_t max)
{
    emitter e = {.out = out, .max = out ? max : 0, .count = 0};
    rs_gesture *g = gesture;
    bool valid = isfinite(x) && isfinite(y);
    if (valid) {
        x = clamp_coordinate(x);
        y = clamp_coordinate(y);
    }

    switch (phase) {
    case RS_POINTER_DOWN:
        if (!valid)
            break;
        if (!g->down)
            begin_press(g, x, y, time_ms, &e);
        else
            pointer_move(g, x, y, time_ms, &e); /* a repeated DOWN (odd event streams) is a move */
        break;
    case RS_POINTER_MOVE:
        if (g->down && valid)
            pointer_move(g, x, y, time_ms, &e);
        break;
    case RS_POINTER_UP:
        if (!g->down)
            break;
        advance_clock(g, time_ms);
        check_long_press(g, g->clock, &e);
        /* An UP where the pointer already was repeats the last position; it
         * is no measurement of where the finger was at lift time. */
        if (valid && (x != g->x || y != g->y))
            track_move(g, x, y, &e);
        release(g, &e);
        break;
    case RS_POINTER_CANCEL:
        if (!g->down)
            break;
        /* No long press check: a cancelled press must not start anything. */
        if (valid) {
            g->x = x;
            g->y = y;
        }
        emit(&e, RS_GESTURE_CANCEL, g->x, g->y, 0, 0, 0, 0);
        g->down = false;
        break;
    default:
        break; /* not a phase: ignore */
    }
    return e.count;
}

size_t rs_gesture_tick(rs_gesture *gesture, uint64_t now_ms, rs_gesture_event *out, size_t max)
{
    emitter e = {.out = out, .max = out ? max : 0, .count = 0};
    rs_gesture *g = gesture;
    if (!g->down)
        return 0;
    /* Only a clock reset moves the press clock here: a tick's now may be a
     * little ahead of the pointer events still queued, and those must keep
     * their own times for the velocity fit. */
    if (now_ms < g->last_input_time && g->last_input_time - now_ms > CLOCK_TOLERANCE_MS)
        advance_clock(g, now_ms);
    check_long_press(g, clock_at(g, now_ms), &e);
    return e.count;
}

uint64_t rs_gesture_next_deadline(const rs_gesture *gesture)
{
    const rs_gesture *g = gesture;
    if (!g->down || g->dragging || g->long_pressed || g->config.long_press_ms == 0)
        return UINT64_MAX;
    uint64_t remaining = g->clock >= g->config.long_press_ms ? 0 : g->config.long_press_ms - g->clock;
    uint64_t deadline = saturating_add(g->last_input_time, remaining);
    return deadline == UINT64_MAX ? UINT64_MAX - 1 : deadline; /* UINT64_MAX means "nothing pending" */
}

bool rs_gesture_is_down(const rs_gesture *gesture)
{
    return gesture->down;
}
