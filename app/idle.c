#include "idle.h"

#include <stdbool.h>
#include <stdlib.h>

#include "expect.h"

struct rs_idle {
    uint32_t idle_ms, countdown_ms, attract_ms;
    rs_idle_phase phase;
    uint64_t last_input; /* time of the last input */
    uint64_t since;      /* when the countdown or the attract loop began */
    int countdown_shown; /* the seconds the overlay shows */
};

rs_idle *rs_idle_create(void)
{
    rs_idle *idle = rs_xcalloc(1, sizeof *idle);
    rs_idle_configure(idle, 90000, 10000, 300000);
    return idle;
}

void rs_idle_destroy(rs_idle *idle)
{
    free(idle);
}

void rs_idle_configure(rs_idle *idle, uint32_t idle_ms, uint32_t countdown_ms, uint32_t attract_ms)
{
    idle->idle_ms = idle_ms;
    idle->countdown_ms = countdown_ms;
    idle->attract_ms = attract_ms;
}

static void enter(rs_idle *idle, rs_idle_phase phase, uint64_t now)
{
    idle->phase = phase;
    idle->since = now;
}

rs_idle_phase rs_idle_input(rs_idle *idle, uint64_t now)
{
    rs_idle_phase was = idle->phase;
    idle->last_input = now;
    if (was != RS_IDLE_AWAKE)
        enter(idle, RS_IDLE_AWAKE, now);
    return was;
}

/* True when the tier of ms (0: off) has run out at now. */
static bool over(const rs_idle *idle, uint32_t ms, uint64_t now)
{
    return ms && now - idle->last_input >= ms;
}

/* Back to the start: awake, and every tier counts from now (the attract
 * loop included, so home is shown a while before it). */
static rs_idle_step reset(rs_idle *idle, uint64_t now)
{
    enter(idle, RS_IDLE_AWAKE, now);
    idle->last_input = now;
    return RS_IDLE_RESET;
}

static uint64_t countdown_end(const rs_idle *idle)
{
    return idle->since + idle->countdown_ms;
}

/* How far into its slide the attract loop is at now. */
static uint64_t into_slide(const rs_idle *idle, uint64_t now)
{
    return (now - idle->since) % RS_IDLE_SLIDE_MS;
}

static rs_idle_step tick_awake(rs_idle *idle, rs_idle_place place, uint64_t now)
{
    switch (place) {
    case RS_IDLE_NOWHERE:
        break;
    case RS_IDLE_STAFF:
        /* Staff walked away: close it and start again. */
        if (over(idle, idle->idle_ms, now))
            return reset(idle, now);
        break;
    case RS_IDLE_FRESH_HOME:
        if (over(idle, idle->attract_ms, now)) {
            enter(idle, RS_IDLE_ATTRACT, now);
            return RS_IDLE_REDRAW;
        }
        break;
    case RS_IDLE_ELSEWHERE:
        if (over(idle, idle->idle_ms, now)) {
            if (idle->countdown_ms == 0)
                return reset(idle, now);
            enter(idle, RS_IDLE_COUNTDOWN, now);
            return RS_IDLE_REDRAW;
        }
        break;
    }
    return RS_IDLE_NOTHING;
}

rs_idle_step rs_idle_tick(rs_idle *idle, rs_idle_place place, uint64_t now)
{
    if (idle->phase == RS_IDLE_AWAKE)
        return tick_awake(idle, place, now);
    if (idle->phase == RS_IDLE_COUNTDOWN) {
        uint64_t end = countdown_end(idle);
        if (now >= end)
            return reset(idle, now);
        return (int)((end - now + 999) / 1000) != idle->countdown_shown ? RS_IDLE_REDRAW : RS_IDLE_NOTHING;
    }
    /* The attract loop: frames through each fade, a frame either side. */
    uint64_t into = into_slide(idle, now);
    bool fading =
        into < RS_IDLE_FADE_MS + RS_IDLE_FRAME_MS || into > RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS - RS_IDLE_FRAME_MS;
    return fading ? RS_IDLE_REDRAW : RS_IDLE_NOTHING;
}

uint64_t rs_idle_deadline(const rs_idle *idle, rs_idle_place place, uint64_t now)
{
    switch (idle->phase) {
    case RS_IDLE_COUNTDOWN: {
        /* Wake when the number shown changes (whole seconds before the
         * end), and at the end to reset. */
        uint64_t end = countdown_end(idle);
        if (now >= end)
            return now;
        uint64_t into_second = (end - now) % 1000;
        uint64_t next_second = now + (into_second ? into_second : 1000);
        return next_second < end ? next_second : end;
    }
    case RS_IDLE_ATTRACT: {
        /* Frames during a fade (the boundary included, so a wake-up at the
         * fade's first millisecond is never a zero wait that changes
         * nothing: found by the monkey soak), asleep in between. */
        uint64_t into = into_slide(idle, now);
        if (into < RS_IDLE_FADE_MS || into >= RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS)
            return now + RS_IDLE_FRAME_MS;
        return now + (RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS - into);
    }
    case RS_IDLE_AWAKE:
        break;
    }
    uint32_t ms = place == RS_IDLE_NOWHERE ? 0 : place == RS_IDLE_FRESH_HOME ? idle->attract_ms : idle->idle_ms;
    return ms ? idle->last_input + ms : UINT64_MAX;
}

rs_idle_phase rs_idle_phase_now(const rs_idle *idle)
{
    return idle->phase;
}

int rs_idle_countdown_show(rs_idle *idle, uint64_t now)
{
    uint64_t end = countdown_end(idle);
    idle->countdown_shown = now >= end ? 0 : (int)((end - now + 999) / 1000);
    return idle->countdown_shown;
}

int64_t rs_idle_slide(const rs_idle *idle, uint64_t now)
{
    return (int64_t)((now - idle->since) / RS_IDLE_SLIDE_MS);
}

float rs_idle_veil(const rs_idle *idle, uint64_t now)
{
    uint64_t into = into_slide(idle, now);
    if (into < RS_IDLE_FADE_MS)
        return 1.0f - (float)into / RS_IDLE_FADE_MS;
    if (into > RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS)
        return (float)(into - (RS_IDLE_SLIDE_MS - RS_IDLE_FADE_MS)) / RS_IDLE_FADE_MS;
    return 0.0f;
}
