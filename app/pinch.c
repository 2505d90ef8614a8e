/*
 * Why a separate tracker in front of the gesture recogniser: the recogniser
 * knows one pointer, and everything it does (tap on release, long press for
 * the staff corner, edge swipe, drag and fling) must stay exactly as it is
 * for one finger. So the first finger's samples pass through untouched, and
 * only a second finger changes anything: from then on the touch is a pinch
 * until the glass is empty again. A pinch never hands back to a single
 * finger, because the finger left behind would start a gesture half way
 * through (a drag from where it happens to be, or worse a tap on release).
 *
 * The scale is reported as the ratio since the previous report rather than
 * since the pinch began, so the session can apply each report about the
 * midpoint where it is at that moment: zooming about a moving centre is a
 * chain of small zooms, and the chain's product is still the ratio of the
 * last distance to the first. The same goes for the midpoint's movement.
 *
 * The midpoint's release velocity is measured by a gesture recogniser of
 * its own, fed the midpoint as if it were a pointer: the same least-squares
 * fit over the last 100 ms and the same "stopped for 40 ms means no fling"
 * rule as a one-finger drag, so a two-finger pan flings exactly like one.
 */
#include "pinch.h"

#include <math.h>
#include <stdlib.h>

#include "expect.h"

typedef enum pinch_state {
    STATE_EMPTY,  /* no finger */
    STATE_SINGLE, /* one finger, passed on */
    STATE_PINCH,  /* two (or more) fingers, the first two pinching */
    STATE_DONE,   /* after a pinch: nothing until every finger is up */
} pinch_state;

typedef struct finger {
    int64_t id;
    float x, y;
} finger;

struct rs_pinch {
    finger fingers[RS_PINCH_MAX_FINGERS];
    size_t count;
    pinch_state state;
    int64_t pair[2];           /* SINGLE: pair[0] is the finger passed on; PINCH: the two pinching */
    double distance;           /* between the pair at the previous report */
    double centre_x, centre_y; /* their midpoint at the previous report */
    rs_gesture *centre;        /* the midpoint as a pointer, for its release velocity */
};

static float clamp_coordinate(float value)
{
    if (value > RS_GESTURE_COORDINATE_LIMIT)
        return RS_GESTURE_COORDINATE_LIMIT;
    if (value < -RS_GESTURE_COORDINATE_LIMIT)
        return -RS_GESTURE_COORDINATE_LIMIT;
    return value;
}

rs_pinch *rs_pinch_create(float slop_px)
{
    rs_pinch *p = rs_xcalloc(1, sizeof *p);
    rs_gesture_config config = {.slop_px = isfinite(slop_px) && slop_px > 0 ? slop_px : 0};
    p->centre = rs_gesture_create(&config);
    RS_EXPECT(p->centre);
    return p;
}

void rs_pinch_destroy(rs_pinch *p)
{
    if (!p)
        return;
    rs_gesture_destroy(p->centre);
    free(p);
}

static finger *find(rs_pinch *p, int64_t id)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->fingers[i].id == id)
            return &p->fingers[i];
    return NULL;
}

static void forget(rs_pinch *p, int64_t id)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->fingers[i].id == id) {
            p->fingers[i] = p->fingers[--p->count];
            return;
        }
}

/* The pair's distance and midpoint now. */
static void measure(rs_pinch *p, double *distance, double *x, double *y)
{
    const finger *a = find(p, p->pair[0]), *b = find(p, p->pair[1]);
    double dx = (double)b->x - a->x, dy = (double)b->y - a->y;
    *distance = sqrt(dx * dx + dy * dy);
    *x = ((double)a->x + b->x) / 2;
    *y = ((double)a->y + b->y) / 2;
}

static rs_pinch_event event(rs_pinch_type type, double x, double y)
{
    return (rs_pinch_event){.type = type, .x = (float)x, .y = (float)y, .scale = 1.0f};
}

/* Feeds the midpoint to its own recogniser; returns the release velocity
 * when phase ends it. */
static void feed_centre(rs_pinch *p, rs_pointer_phase phase, uint64_t time_ms, float *vx, float *vy)
{
    rs_gesture_event out[RS_GESTURE_MAX_EVENTS];
    size_t n = rs_gesture_pointer(p->centre, phase, (float)p->centre_x, (float)p->centre_y, time_ms, out,
                                  RS_GESTURE_MAX_EVENTS);
    for (size_t i = 0; i < n; i++)
        if (out[i].type == RS_GESTURE_DRAG_END && vx && vy) {
            *vx = out[i].vx;
            *vy = out[i].vy;
        }
}

static rs_pinch_event finger_down(rs_pinch *p, int64_t id, float x, float y, uint64_t time_ms)
{
    if (p->count == RS_PINCH_MAX_FINGERS)
        return event(RS_PINCH_NONE, x, y);
    p->fingers[p->count++] = (finger){.id = id, .x = x, .y = y};
    switch (p->state) {
    case STATE_EMPTY: {
        p->state = STATE_SINGLE;
        p->pair[0] = id;
        rs_pinch_event e = event(RS_PINCH_POINTER, x, y);
        e.phase = RS_POINTER_DOWN;
        return e;
    }
    case STATE_SINGLE:
        p->state = STATE_PINCH;
        p->pair[1] = id;
        measure(p, &p->distance, &p->centre_x, &p->centre_y);
        feed_centre(p, RS_POINTER_DOWN, time_ms, NULL, NULL);
        return event(RS_PINCH_BEGIN, p->centre_x, p->centre_y);
    case STATE_PINCH:
    case STATE_DONE:
        break;
    }
    return event(RS_PINCH_NONE, x, y);
}

static rs_pinch_event finger_move(rs_pinch *p, finger *f, float x, float y, uint64_t time_ms)
{
    bool moved = f->x != x || f->y != y;
    f->x = x;
    f->y = y;
    if (p->state == STATE_SINGLE && f->id == p->pair[0]) {
        rs_pinch_event e = event(RS_PINCH_POINTER, x, y);
        e.phase = RS_POINTER_MOVE;
        return e;
    }
    if (p->state != STATE_PINCH || (f->id != p->pair[0] && f->id != p->pair[1]) || !moved)
        return event(RS_PINCH_NONE, x, y);
    double distance, cx, cy;
    measure(p, &distance, &cx, &cy);
    rs_pinch_event e = event(RS_PINCH_MOVE, cx, cy);
    if (distance >= RS_PINCH_MIN_DISTANCE && p->distance >= RS_PINCH_MIN_DISTANCE)
        e.scale = (float)(distance / p->distance);
    e.dx = (float)(cx - p->centre_x);
    e.dy = (float)(cy - p->centre_y);
    p->distance = distance;
    p->centre_x = cx;
    p->centre_y = cy;
    feed_centre(p, RS_POINTER_MOVE, time_ms, NULL, NULL);
    return e;
}

static rs_pinch_event finger_up(rs_pinch *p, finger *f, rs_pointer_phase phase, uint64_t time_ms)
{
    int64_t id = f->id;
    float x = f->x, y = f->y;
    forget(p, id);
    rs_pinch_event e = event(RS_PINCH_NONE, x, y);
    if (p->state == STATE_SINGLE && id == p->pair[0]) {
        e.type = RS_PINCH_POINTER;
        e.phase = phase;
    } else if (p->state == STATE_PINCH && (id == p->pair[0] || id == p->pair[1])) {
        e = event(RS_PINCH_END, p->centre_x, p->centre_y);
        feed_centre(p, phase, time_ms, &e.vx, &e.vy);
        p->state = STATE_DONE;
    }
    if (p->count == 0)
        p->state = STATE_EMPTY;
    return e;
}

rs_pinch_event rs_pinch_finger(rs_pinch *p, int64_t id, rs_pointer_phase phase, float x, float y,
                               uint64_t time_ms)
{
    bool valid = isfinite(x) && isfinite(y);
    if (valid) {
        x = clamp_coordinate(x);
        y = clamp_coordinate(y);
    }
    finger *f = find(p, id);
    switch (phase) {
    case RS_POINTER_DOWN:
    case RS_POINTER_MOVE:
        if (!valid || (!f && phase == RS_POINTER_MOVE))
            break;
        return f ? finger_move(p, f, x, y, time_ms) : finger_down(p, id, x, y, time_ms);
    case RS_POINTER_UP:
    case RS_POINTER_CANCEL:
        if (!f)
            break;
        /* Where the finger lifted counts for a finger passed on (the
         * recogniser decides what an UP's position means); a pinch ends
         * where it last was reported. */
        if (valid && p->state == STATE_SINGLE) {
            f->x = x;
            f->y = y;
        }
        return finger_up(p, f, phase, time_ms);
    }
    return event(RS_PINCH_NONE, valid ? x : 0, valid ? y : 0);
}

size_t rs_pinch_fingers(const rs_pinch *p)
{
    return p->count;
}

bool rs_pinch_active(const rs_pinch *p)
{
    return p->state == STATE_PINCH;
}

void rs_pinch_reset(rs_pinch *p)
{
    if (p->state == STATE_PINCH)
        feed_centre(p, RS_POINTER_CANCEL, 0, NULL, NULL);
    p->count = 0;
    p->state = STATE_EMPTY;
}
