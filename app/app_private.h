/*
 * The viewer's SDL loop, shared by the two files that make it up and by
 * nothing else: app.c (the window, events, the bundle hot swap, start and
 * end) and app_script.c (a --script run on its virtual clock).
 */
#ifndef RS_APP_PRIVATE_H
#define RS_APP_PRIVATE_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "app_speech.h"
#include "bundle.h"
#include "draw.h"
#include "event_wait.h"
#include "layout.h"
#include "lockout_store.h"
#include "searcher.h"
#include "session.h"
#include "text.h"
#include "watch.h"

#define FRAME_MS 16
#define TAP_MS 50

typedef struct app {
    const rs_app_options *options;
    bool headless;
    uint64_t virtual_now;

    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Surface *canvas; /* headless target */
    int width, height;   /* of the window or image, in pixels */
    int rotation;
    SDL_Texture *turned; /* the picture before it is turned, when rotation != 0 */
    int turned_w, turned_h;

    rs_text *text;
    rs_bundle *bundle;
    rs_session *session;  /* NULL when the bundle could not be opened */
    rs_layout *error_layout;
    char error[1200];
    rs_draw_list draw;
    bool quit;

    /* a replaced bundle: watched, checked in the background, switched at home */
    rs_watch *watch;
    SDL_Thread *checker;
    SDL_atomic_t check_done;
    rs_bundle *checked;       /* the new bundle, checked, waiting for home */
    char check_error[1200];
    bool reload_requested;    /* staff pressed Reload: switch without waiting for home */

    /* wrong PINs and the lock: the app's, so that a new session keeps them */
    rs_lockout_store *lockout;

    /* search while typing: a thread with its own connection to the bundle */
    rs_searcher *searcher;

    /* waiting for events, asleep on every video driver */
    rs_event_wait *events;
    rs_app_speech *speech; /* the voice (app_speech.h), or NULL */

    /* the admin screen's facts */
    uint64_t started;         /* now() at start */
    uint64_t admin_shown_at;  /* when its lines were last made; 0: not shown */
    char bundle_sha256[65];   /* "" until computed */
} app;

/* Milliseconds: the virtual clock of a picture or script, else SDL's. */
uint64_t app_now(const app *a);
/* Touches and keys as the window would give them (in the picture's upright
 * coordinates). */
void app_pointer(app *a, rs_pointer_phase phase, float x, float y);
void app_key(app *a, SDL_Keycode code, SDL_Keymod mod);
/* Fills the admin screen's lines when it shows (each second). */
void app_update_admin_info(app *a);
/* Draws the frame and writes it to path; false (logged) when it cannot. */
bool app_save_png(app *a, const char *path);

/* app_script.c: runs --script; the exit status (0, or 2 for a bad script). */
int app_run_script(app *a);

#endif
