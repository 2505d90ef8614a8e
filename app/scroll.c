/*
 * Why every motion here is a closed-form function of time: a scroller that
 * integrates velocity frame by frame feels different at 30 and 120 frames a
 * second, and drifts further the slower the device. Instead each motion
 * (fling, spring, nudge) remembers where and when it started and computes
 * its position at any later time directly; rs_scroll_update only asks
 * "where are we now?". Where one motion hands over to the next (a fling
 * reaching an edge, a fling slowing below the stop speed) the handover time
 * is solved exactly, not found at the next frame, so even the handover does
 * not depend on the frame rate.
 *
 * A fling is exponential decay, v(t) = v0 e^(-t/325 ms), the feel of common
 * touch platforms (DESIGN.md, Motion): it travels v0 * 325 ms in total and
 * is cut off once slower than 5 px/s, which is less than 2 px short.
 *
 * Every other motion is one cubic Hermite curve from (position, velocity)
 * to (target, at rest) over a fixed time: a spring back from past an edge,
 * the bounce of a fling that reaches an edge, a keyboard nudge. A fixed
 * duration means "settled within 250 ms" holds by construction, with no
 * threshold to tune and no oscillation. The start velocity is limited so
 * that the curve never crosses its target (it may bounce outwards, then
 * comes back): a spring never swings to the other side of an edge, and a
 * nudge with velocity 3 * distance / duration is exactly the cubic ease-out.
 *
 * Dragging past an edge is resisted by dividing movement by 3. The mapping
 * is kept as a function of the unresisted "finger position", so dragging out
 * and back in returns exactly to where the finger started.
 *
 * Time comes from outside and may be wrong: the scroller keeps its own
 * clock that only moves forwards. A timestamp slightly older than the last
 * counts as no time passing (a stale event); a big jump backwards re-bases
 * the clock (the system clock was reset) instead of freezing motion until
 * the old time comes round again. A gap forwards counts as at most a minute
 * (every motion is over by then), so the clock stays small and exact in a
 * double.
 */
#include "scroll.h"

#include <math.h>
#include <stdlib.h>

#define TIME_CONSTANT_MS 325.0
#define STOP_SPEED (5.0 / 1000.0)         /* px/ms */
#define MAX_SPEED (20000.0 / 1000.0)      /* px/ms */
#define BOUNCE_MAX_SPEED (2000.0 / 1000.0) /* px/ms: a fling hitting an edge overshoots at most ~74 px */
#define RESISTANCE 3.0
#define SPRING_MS 250.0
#define NUDGE_MS 150.0
#define LENGTH_LIMIT 1e9 /* px: far beyond any real content; keeps every sum finite */
#define CLOCK_TOLERANCE_MS 1000
#define CLOCK_MAX_STEP_MS 60000 /* every motion ends within seconds; longer gaps need not be counted */
#define SETTLED_PX 1e-3  /* a glide that would move less than this is no glide */

typedef enum scroll_mode {
    MODE_IDLE,
    MODE_DRAGGING,
    MODE_FLING,
    MODE_GLIDE,
} scroll_mode;

struct rs_scroll {
    double max;
    double offset; /* position at clock */
    scroll_mode mode;

    /* The scroller's clock: ms, never decreasing. */
    bool has_time;
    uint64_t last_time; /* caller's time that clock corresponds to */
    uint64_t clock;

    /* The current motion (fling or glide), in clock ms and px/ms. */
    double start_time;
    double start_offset;
    double start_velocity;
    /* fling */
    double fling_end;   /* ms after start_time */
    bool fling_hits_edge;
    double fling_edge;
    /* glide */
    double target;
    double duration;
};

static double clamp(double value, double low, double high)
{
    return value < low ? low : value > high ? high : value;
}

static double sanitize_length(float value)
{
    return isfinite(value) && value > 0.0f ? clamp(value, 0.0, LENGTH_LIMIT) : 0.0;
}

static bool out_of_range(const rs_scroll *s, double offset)
{
    return offset < 0.0 || offset > s->max;
}

/* ---------------------------------------------------------------- curves */

static double fling_position(const rs_scroll *s, double elapsed)
{
    return s->start_offset + s->start_velocity * TIME_CONSTANT_MS * -expm1(-elapsed / TIME_CONSTANT_MS);
}

static double fling_velocity(const rs_scroll *s, double elapsed)
{
    return s->start_velocity * exp(-elapsed / TIME_CONSTANT_MS);
}

/* Cubic Hermite from (start_offset, start_velocity) to (target, 0). Every
 * glide is started so that it stays on one side of its target (see
 * spring_to); the clamp only removes rounding near the end. */
static double glide_position(const rs_scroll *s, double elapsed)
{
    double t = clamp(elapsed / s->duration, 0.0, 1.0);
    double h00 = (2.0 * t - 3.0) * t * t + 1.0;
    double h10 = ((t - 2.0) * t + 1.0) * t;
    double offset = s->target + (s->start_offset - s->target) * h00 + s->start_velocity * s->duration * h10;
    double side = s->start_offset != s->target ? s->start_offset - s->target : s->start_velocity;
    if ((offset - s->target) * side < 0.0)
        offset = s->target;
    return offset;
}

static double glide_velocity(const rs_scroll *s, double elapsed)
{
    double t = clamp(elapsed / s->duration, 0.0, 1.0);
    double d00 = 6.0 * t * t - 6.0 * t;
    double d10 = (3.0 * t - 4.0) * t + 1.0;
    return (s->start_offset - s->target) * d00 / s->duration + s->start_velocity * d10;
}

/* ------------------------------------------------------------- motions */

static void stop_at(rs_scroll *s, double offset, scroll_mode mode)
{
    s->offset = offset;
    s->mode = mode;
}

/* A motion (a glide or a fling) starting at time start from offset with
 * velocity px/ms. */
static void begin_motion(rs_scroll *s, scroll_mode mode, double start, double offset, double velocity)
{
    s->mode = mode;
    s->offset = offset;
    s->start_time = start;
    s->start_offset = offset;
    s->start_velocity = velocity;
}

static void glide(rs_scroll *s, double start, double offset, double velocity, double target, double duration)
{
    if (fabs(target - offset) < SETTLED_PX && fabs(velocity) * duration < SETTLED_PX) {
        stop_at(s, target, MODE_IDLE);
        return;
    }
    begin_motion(s, MODE_GLIDE, start, offset, velocity);
    s->target = target;
    s->duration = duration;
}

/* Glides to target within SPRING_MS. Velocity towards the target is limited
 * to 3 * distance / duration (the most a Hermite curve takes without
 * crossing the target); velocity away from it to BOUNCE_MAX_SPEED. */
static void spring_to(rs_scroll *s, double start, double offset, double velocity, double target)
{
    double distance = target - offset;
    double limit = distance * velocity > 0.0 ? 3.0 * fabs(distance) / SPRING_MS : BOUNCE_MAX_SPEED;
    if (fabs(velocity) > limit)
        velocity = copysign(limit, velocity);
    glide(s, start, offset, velocity, target, SPRING_MS);
}

/* Starts a fling at (start, offset) with velocity px/ms, working out when it
 * stops or reaches an edge. Past an edge it springs back instead. */
static void fling(rs_scroll *s, double start, double offset, double velocity)
{
    if (out_of_range(s, offset)) {
        spring_to(s, start, offset, velocity, clamp(offset, 0.0, s->max));
        return;
    }
    double speed = fabs(velocity);
    if (!(speed >= STOP_SPEED)) {
        stop_at(s, offset, MODE_IDLE);
        return;
    }
    begin_motion(s, MODE_FLING, start, offset, velocity);
    s->fling_end = TIME_CONSTANT_MS * log(speed / STOP_SPEED);
    s->fling_hits_edge = false;
    s->fling_edge = velocity > 0.0 ? s->max : 0.0;

    double reach = speed * TIME_CONSTANT_MS; /* distance to rest, never cut off */
    double distance = fabs(s->fling_edge - offset);
    if (distance < reach) {
        double hit = -TIME_CONSTANT_MS * log1p(-distance / reach);
        if (hit < s->fling_end) {
            s->fling_end = hit;
            s->fling_hits_edge = true;
        }
    }
}

/* Brings the current motion to the clock, taking any handover on the way at
 * its exact time. */
static void step(rs_scroll *s)
{
    double now = (double)s->clock;
    for (int handovers = 0; handovers < 3; handovers++) {
        double elapsed = now - s->start_time;
        if (elapsed < 0.0)
            elapsed = 0.0;
        switch (s->mode) {
        case MODE_FLING:
            if (elapsed < s->fling_end) {
                s->offset = fling_position(s, elapsed);
                return;
            }
            if (!s->fling_hits_edge) {
                stop_at(s, clamp(fling_position(s, s->fling_end), 0.0, s->max), MODE_IDLE);
                return;
            }
            spring_to(s, s->start_time + s->fling_end, s->fling_edge, fling_velocity(s, s->fling_end),
                      s->fling_edge);
            continue; /* the bounce may be under way, or over, by now */
        case MODE_GLIDE:
            if (elapsed >= s->duration) {
                stop_at(s, s->target, MODE_IDLE);
                return;
            }
            s->offset = glide_position(s, elapsed);
            return;
        case MODE_IDLE:
        case MODE_DRAGGING:
            return;
        }
    }
}

/* Moves the clock to the caller's time_ms (forwards only) and the motion
 * with it. */
static void advance(rs_scroll *s, uint64_t time_ms)
{
    if (!s->has_time) {
        s->has_time = true;
        s->last_time = time_ms;
    } else if (time_ms >= s->last_time) {
        uint64_t elapsed = time_ms - s->last_time;
        s->clock += elapsed < CLOCK_MAX_STEP_MS ? elapsed : CLOCK_MAX_STEP_MS;
        s->last_time = time_ms;
    } else if (s->last_time - time_ms > CLOCK_TOLERANCE_MS) {
        s->last_time = time_ms; /* clock reset: continue from here, no time passed */
    }
    step(s);
}

/* The velocity of the current motion at the clock, px/ms. */
static double current_velocity(const rs_scroll *s)
{
    double elapsed = (double)s->clock - s->start_time;
    if (s->mode == MODE_FLING)
        return fling_velocity(s, elapsed);
    if (s->mode == MODE_GLIDE)
        return glide_velocity(s, elapsed);
    return 0.0;
}

/* ----------------------------------------------------------------- API */

rs_scroll *rs_scroll_create(void)
{
    rs_scroll *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->mode = MODE_IDLE;
    return s;
}

void rs_scroll_destroy(rs_scroll *s)
{
    free(s);
}

void rs_scroll_set_extent(rs_scroll *s, float content_length, float viewport_length)
{
    double content = sanitize_length(content_length), viewport = sanitize_length(viewport_length);
    s->max = content > viewport ? content - viewport : 0.0;
    double now = (double)s->clock; /* the offset is the position at the clock */
    switch (s->mode) {
    case MODE_IDLE:
        s->offset = clamp(s->offset, 0.0, s->max);
        break;
    case MODE_DRAGGING:
        break;
    case MODE_FLING:
        /* Exponential decay forgets its past: restarting from here is the
         * same fling, now with the new edges. */
        fling(s, now, s->offset, current_velocity(s));
        break;
    case MODE_GLIDE: {
        double target = clamp(s->target, 0.0, s->max);
        if (target != s->target)
            spring_to(s, now, s->offset, current_velocity(s), target);
        break;
    }
    }
}

void rs_scroll_grab(rs_scroll *s, uint64_t now_ms)
{
    advance(s, now_ms);
    s->mode = MODE_DRAGGING;
}

void rs_scroll_drag(rs_scroll *s, float finger_delta, uint64_t now_ms)
{
    advance(s, now_ms);
    s->mode = MODE_DRAGGING;
    if (!isfinite(finger_delta))
        return;

    /* The finger position is the offset with overscroll undone (times 3). */
    double finger = s->offset;
    if (finger < 0.0)
        finger *= RESISTANCE;
    else if (finger > s->max)
        finger = s->max + (finger - s->max) * RESISTANCE;

    finger -= clamp(finger_delta, -LENGTH_LIMIT, LENGTH_LIMIT);
    finger = clamp(finger, -LENGTH_LIMIT, s->max + LENGTH_LIMIT);

    if (finger < 0.0)
        s->offset = finger / RESISTANCE;
    else if (finger > s->max)
        s->offset = s->max + (finger - s->max) / RESISTANCE;
    else
        s->offset = finger;
}

void rs_scroll_release(rs_scroll *s, float finger_velocity, uint64_t now_ms)
{
    advance(s, now_ms);
    double velocity = isfinite(finger_velocity) ? -(double)finger_velocity / 1000.0 : 0.0;
    velocity = clamp(velocity, -MAX_SPEED, MAX_SPEED);
    double now = (double)s->clock;
    if (out_of_range(s, s->offset)) {
        /* Past an edge the content moved at a third of the finger's speed. */
        spring_to(s, now, s->offset, velocity / RESISTANCE, clamp(s->offset, 0.0, s->max));
    } else {
        fling(s, now, s->offset, velocity);
    }
}

void rs_scroll_nudge(rs_scroll *s, float delta, uint64_t now_ms)
{
    advance(s, now_ms);
    if (!isfinite(delta))
        return;
    /* Also during a drag: a grab that was never released (a tap) must not
     * swallow keys and the wheel. A later drag takes over again. */
    double base = s->mode == MODE_GLIDE ? s->target : s->offset;
    double target = clamp(base + clamp(delta, -LENGTH_LIMIT, LENGTH_LIMIT), 0.0, s->max);
    /* Start velocity 3 * distance / duration makes the Hermite curve the
     * cubic ease-out: fast at once, gentle on arrival. */
    glide(s, (double)s->clock, s->offset, 3.0 * (target - s->offset) / NUDGE_MS, target, NUDGE_MS);
}

void rs_scroll_set_offset(rs_scroll *s, float offset)
{
    if (!isfinite(offset))
        return;
    s->offset = clamp(offset, 0.0, s->max);
    if (s->mode != MODE_DRAGGING)
        s->mode = MODE_IDLE;
}

bool rs_scroll_update(rs_scroll *s, uint64_t now_ms)
{
    advance(s, now_ms);
    return rs_scroll_is_moving(s);
}

float rs_scroll_offset(const rs_scroll *s)
{
    return (float)s->offset;
}

float rs_scroll_max_offset(const rs_scroll *s)
{
    return (float)s->max;
}

bool rs_scroll_is_moving(const rs_scroll *s)
{
    return s->mode == MODE_FLING || s->mode == MODE_GLIDE;
}
