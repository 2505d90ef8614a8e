/*
 * The viewer: the event loop that ties the pieces together.
 *
 * One fixed order per frame: input events -> gestures -> actions ->
 * navigation state -> screen model -> layout -> render. State never changes
 * while drawing. When nothing moves the loop sleeps in SDL_WaitEvent(Timeout)
 * until input or the next timer (a long press, the end of a fling), so an
 * idle kiosk uses no CPU.
 *
 * The same core runs headless for --screenshot and --script: it renders into
 * a software renderer on a surface, and a script drives it on a virtual
 * clock, so tests are deterministic and need no display.
 */
#ifndef RS_APP_H
#define RS_APP_H

#include <stdbool.h>

struct rs_config;

typedef struct rs_app_options {
    const char *bundle_path;
    const char *route;      /* NULL: home */
    int width, height;      /* window or headless size */
    bool fullscreen;
    bool software;          /* force SDL's software renderer */
    const char *screenshot; /* write this PNG of the route and exit */
    const char *script;     /* replay this script headless and exit */
    const char *font_dir;
    bool exit_after_first_frame; /* for start-up measurements */
    int rotation;                /* 0, 90, 180, 270: picture and touch turned clockwise */
    bool kiosk;                  /* full screen, no cursor, no way out for visitors */
    bool high_contrast;
    unsigned watch_ms;           /* how often to look for a replaced bundle; 0: 5000 */
    const struct rs_config *config; /* settings file: idle, admin, scale, watchdog; NULL: defaults */
    int language;                /* rs_ui_language at start and after an idle reset */
    const char *state_dir;       /* where the PIN lockout is kept across restarts
                                  * (lockout_store.h); NULL: in memory only */
} rs_app_options;

/* Runs the viewer. Returns the process exit status: 0, or 1 when the bundle
 * could not be opened (after showing why) or a script or screenshot failed. */
int rs_app_run(const rs_app_options *options);

#endif
