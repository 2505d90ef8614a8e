/*
 * event_wait: the viewer loop's one way to wait for the next SDL event,
 * asleep on every video driver.
 *
 * Where SDL's video driver sleeps by itself (x11, wayland, ...), this is
 * SDL_WaitEventTimeout. Where it does not (kmsdrm, offscreen: SDL 2 pumps
 * and sleeps 1 ms in a loop), it sleeps in an rs_wakeup (app/wakeup.h) on
 * the input devices, and SIGTERM and SIGINT are made to wake it: SDL's own
 * handlers only set a flag for the next pump, so each is wrapped in one
 * that also signals the wakeup.
 *
 * Create it after SDL_Init(SDL_INIT_VIDEO) (the driver must be known and
 * SDL's signal handlers installed) and destroy it before SDL_Quit. One at a
 * time: the signal handlers are process-wide.
 */
#ifndef RS_EVENT_WAIT_H
#define RS_EVENT_WAIT_H

#include <SDL.h>
#include <stdbool.h>

#include "wakeup.h"

typedef struct rs_event_wait rs_event_wait;

/* input_dir: where the input devices are ("/dev/input"). Never NULL: if
 * the viewer's own wait cannot be set up, SDL's is used and the reason
 * logged. */
rs_event_wait *rs_event_wait_create(const char *input_dir);
void rs_event_wait_destroy(rs_event_wait *w);

/* The next event, waiting up to timeout_ms (negative: until there is one);
 * false when the time ran out first. */
bool rs_event_wait_next(rs_event_wait *w, SDL_Event *event, int timeout_ms);

/* What other threads signal after they post an SDL event; NULL where SDL's
 * own wait is used (it sees posted events by itself). */
rs_wakeup *rs_event_wait_wakeup(const rs_event_wait *w);

/* How many input devices the viewer's own wait watches; -1 under SDL's. */
int rs_event_wait_device_count(const rs_event_wait *w);

#endif
