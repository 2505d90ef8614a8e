#include "event_wait.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "log.h"

struct rs_event_wait {
    rs_wakeup *wakeup; /* NULL: SDL's own wait */
};

/* For the handlers: the one wait whose wakeup they signal. */
static rs_wakeup *signal_wakeup;
static struct sigaction sdl_term, sdl_int;

static void wake_on_signal(int sig)
{
    int saved = errno;
    const struct sigaction *sdl = sig == SIGTERM ? &sdl_term : &sdl_int;
    sdl->sa_handler(sig);
    rs_wakeup_signal(signal_wakeup);
    errno = saved;
}

/* Wraps the handler SDL installed for sig; none (SDL_HINT_NO_SIGNAL_HANDLERS)
 * or ignored (SIGINT in kiosk mode): left as it is. */
static void chain_handler(int sig, struct sigaction *previous)
{
    struct sigaction current;
    if (sigaction(sig, NULL, &current) != 0 || (current.sa_flags & SA_SIGINFO) || current.sa_handler == SIG_DFL ||
        current.sa_handler == SIG_IGN)
        return;
    *previous = current;
    struct sigaction chained = current;
    chained.sa_handler = wake_on_signal;
    sigaction(sig, &chained, NULL);
}

rs_event_wait *rs_event_wait_create(const char *input_dir)
{
    rs_event_wait *w = rs_xcalloc(1, sizeof *w);
    const char *driver = SDL_GetCurrentVideoDriver();
    if (rs_wakeup_driver_waits(driver))
        return w;
    RS_EXPECT(!signal_wakeup);
    w->wakeup = rs_wakeup_create(input_dir);
    if (!w->wakeup) {
        rs_log("cannot sleep between events on the %s display (%s); the display's own wait is used",
               driver ? driver : "?", strerror(errno));
        return w;
    }
    signal_wakeup = w->wakeup;
    chain_handler(SIGTERM, &sdl_term);
    chain_handler(SIGINT, &sdl_int);
    return w;
}

void rs_event_wait_destroy(rs_event_wait *w)
{
    if (!w)
        return;
    if (w->wakeup) {
        if (sdl_term.sa_handler)
            sigaction(SIGTERM, &sdl_term, NULL);
        if (sdl_int.sa_handler)
            sigaction(SIGINT, &sdl_int, NULL);
        memset(&sdl_term, 0, sizeof sdl_term);
        memset(&sdl_int, 0, sizeof sdl_int);
        signal_wakeup = NULL;
        rs_wakeup_destroy(w->wakeup);
    }
    free(w);
}

bool rs_event_wait_next(rs_event_wait *w, SDL_Event *event, int timeout_ms)
{
    if (!w->wakeup)
        return timeout_ms < 0 ? SDL_WaitEvent(event) == 1 : SDL_WaitEventTimeout(event, timeout_ms) == 1;
    if (SDL_PollEvent(event))
        return true;
    if (timeout_ms != 0)
        rs_wakeup_wait(w->wakeup, timeout_ms);
    return SDL_PollEvent(event) == 1;
}

rs_wakeup *rs_event_wait_wakeup(const rs_event_wait *w)
{
    return w->wakeup;
}

int rs_event_wait_device_count(const rs_event_wait *w)
{
    return w->wakeup ? (int)rs_wakeup_device_count(w->wakeup) : -1;
}
