/*
 * Lockdown: who may end the viewer. On a desktop anyone may (window close,
 * Ctrl+Q, Ctrl+C in the terminal). In kiosk mode a visitor has no way out:
 * only the service manager (SIGTERM) or staff through the admin screen end
 * it. Pure policy, so each escape attempt is a unit test; app.c maps real
 * events onto these requests.
 */
#ifndef RS_LOCKDOWN_H
#define RS_LOCKDOWN_H

#include <stdbool.h>

typedef enum rs_quit_request {
    RS_QUIT_WINDOW_CLOSE, /* the window's close button, Alt+F4 through a window manager */
    RS_QUIT_KEY,          /* Ctrl+Q, Ctrl+W */
    RS_QUIT_INTERRUPT,    /* SIGINT: Ctrl+C in a terminal, a stray keyboard on a console */
    RS_QUIT_TERMINATE,    /* SIGTERM: the service manager */
    RS_QUIT_ADMIN,        /* Exit on the admin screen, after the PIN */
} rs_quit_request;

static inline bool rs_lockdown_allows(bool kiosk, rs_quit_request request)
{
    if (!kiosk)
        return true;
    return request == RS_QUIT_TERMINATE || request == RS_QUIT_ADMIN;
}

#endif
