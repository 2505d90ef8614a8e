/*
 * wakeup: the viewer's own sleep, for video drivers whose SDL has none.
 *
 * SDL 2 waits for events in the kernel only on drivers that implement
 * WaitEventTimeout (x11, wayland, windows, cocoa). On kmsdrm (a Raspberry
 * Pi without a desktop) and offscreen, SDL_WaitEvent pumps and sleeps 1 ms
 * in a loop: about 1,000 wake-ups a second on an idle kiosk.
 *
 * An rs_wakeup blocks the calling thread in poll() until one of these is
 * ready, or a timeout passes:
 *  - an input device: its own read-only file descriptor on each
 *    /dev/input/event* that can be opened (the same devices SDL's evdev
 *    code reads; never grabbed). The kernel gives every open file its own
 *    copy of each event, so what is read here and thrown away is not taken
 *    from SDL: after a wake, SDL_PumpEvents reads its own copy;
 *  - a device appearing in that folder (inotify), which is then opened too;
 *  - rs_wakeup_signal() from any thread or signal handler (an eventfd:
 *    a wake that comes before the wait is kept, not lost);
 *  - a signal handled by this thread (poll returns EINTR).
 *
 * No SDL here: tests use a folder of FIFOs in place of /dev/input.
 */
#ifndef RS_WAKEUP_H
#define RS_WAKEUP_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rs_wakeup rs_wakeup;

typedef enum rs_wake_reason {
    RS_WAKE_TIMEOUT,
    RS_WAKE_INPUT,   /* an input device has events, or a new one appeared */
    RS_WAKE_SIGNALLED, /* rs_wakeup_signal */
    RS_WAKE_INTERRUPTED, /* a signal arrived */
} rs_wake_reason;

/* Opens every readable event* in input_dir (usually "/dev/input"; missing
 * or unreadable is fine: then only timers, signals and rs_wakeup_signal
 * wake it). NULL only if the eventfd or memory cannot be had. */
rs_wakeup *rs_wakeup_create(const char *input_dir);
void rs_wakeup_destroy(rs_wakeup *w);

/* Blocks for up to timeout_ms (negative: no limit), throws away what the
 * devices have to say and returns why it woke. */
rs_wake_reason rs_wakeup_wait(rs_wakeup *w, int timeout_ms);

/* Wakes the thread in (or next entering) rs_wakeup_wait. Safe from any
 * thread and from a signal handler. */
void rs_wakeup_signal(rs_wakeup *w);

/* How many input devices are open now (for the log and tests). */
unsigned rs_wakeup_device_count(const rs_wakeup *w);

/* Whether SDL's own wait sleeps on this video driver (SDL 2.26: x11,
 * wayland, windows, cocoa implement WaitEventTimeout). */
bool rs_wakeup_driver_waits(const char *video_driver);

#endif
