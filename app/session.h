/*
 * A visitor's session: everything the viewer does between an input and a
 * draw list, without SDL. It turns pointer samples and keys into gestures,
 * gestures and keys into actions, actions into navigation, and navigation
 * into screen models; and it lays out the current frame. The app feeds it
 * events with their times and draws what it lays out; tests feed it the same
 * way with a fake clock and a fake text measure, and check the stack, the
 * model and the targets.
 */
#ifndef RS_SESSION_H
#define RS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "draw.h"
#include "gesture.h"
#include "i18n.h"
#include "layout.h"
#include "nav.h"
#include "pinpad.h"
#include "screen.h"
#include "speaker.h"
#include "theme.h"
#include "wrap.h"

/* Keys the viewer understands, whatever produced them. */
typedef enum rs_key {
    RS_KEY_BACK,      /* Escape, a remote's Back */
    RS_KEY_DELETE,    /* Backspace: deletes a character while typing, else Back */
    RS_KEY_HOME,
    RS_KEY_NEXT,      /* Down, Right */
    RS_KEY_PREVIOUS,  /* Up, Left */
    RS_KEY_TAB,
    RS_KEY_SHIFT_TAB,
    RS_KEY_ACTIVATE,  /* Enter, Space */
    RS_KEY_PAGE_DOWN,
    RS_KEY_PAGE_UP,
    RS_KEY_ADMIN,     /* the configured admin key chord */
    /* The arrow keys: on a map or a timeline they pan the view (Tab and
     * Shift+Tab move the focus there); elsewhere Left and Up are
     * RS_KEY_PREVIOUS, Right and Down RS_KEY_NEXT. */
    RS_KEY_LEFT,
    RS_KEY_RIGHT,
    RS_KEY_UP,
    RS_KEY_DOWN,
    RS_KEY_ZOOM_IN,   /* +, =, keypad +: a map or a timeline zooms in a step, as its + button */
    RS_KEY_ZOOM_OUT,  /* -, keypad -: out a step */
} rs_key;

typedef struct rs_session rs_session;

/* A session on bundle (borrowed; must outlive the session), measuring text
 * with measure, for a window of width x height pixels, showing home. */
rs_session *rs_session_create(rs_bundle *bundle, rs_text_measure measure, int width, int height);
void rs_session_destroy(rs_session *session);

/* Opens a route with its natural parents (a statement under its date).
 * Returns 0; 2 when the route does not parse; 1 when the bundle has no such
 * thing (the session then shows an error screen). error gets the message. */
int rs_session_open(rs_session *session, const char *route, char *error, size_t error_size);

/* Idle behaviour (DESIGN: a kiosk resets itself when left alone). After
 * idle_ms without input anywhere but an untouched home screen, an overlay
 * counts down countdown_ms, then the session returns home and forgets every
 * scroll position and filter. After attract_ms on home without input, an
 * attract loop shows statements one at a time until touched; that touch
 * lands on home and does nothing else. 0 turns a tier off. Defaults: 90 s,
 * 10 s, 300 s. Never while a finger is down. */
void rs_session_set_idle(rs_session *session, uint32_t idle_ms, uint32_t countdown_ms, uint32_t attract_ms);

typedef enum rs_session_mode {
    RS_MODE_BROWSE,
    RS_MODE_COUNTDOWN, /* "Still reading?" */
    RS_MODE_ATTRACT,
    RS_MODE_PIN,       /* the staff PIN pad */
    RS_MODE_ADMIN,     /* the admin screen */
} rs_session_mode;

rs_session_mode rs_session_mode_now(const rs_session *session);

/* True when nobody is in the middle of anything: home, or the attract loop.
 * A new bundle is switched in only then. */
bool rs_session_at_home(const rs_session *session);

/* The way in for staff: holding the top-left corner for hold_ms (or the
 * admin key chord) opens a PIN pad; check(context, pin) says whether a PIN
 * is right. Without a check function the way in is closed. Wrong PINs are
 * rate-limited (see pinpad.h): after 3 in a row the pad locks for 30 s,
 * doubling with each further one up to 10 minutes. */
void rs_session_set_admin(rs_session *session, uint32_t hold_ms, rs_pin_check check, void *context);
/* Keeps the wrong PINs and the lock in store (borrowed; must outlive the
 * session), which the app owns, so that a new session (a bundle switch)
 * and a restart find them; takes the lock running in it at now_ms. */
void rs_session_set_lockout(rs_session *session, rs_lockout_store *store, uint64_t now_ms);

/* What the admin screen shows, copied: label/value lines. */
void rs_session_set_admin_info(rs_session *session, const rs_admin_line *lines, size_t count);

/* What the admin screen asks of the app; taking it clears it. */
typedef enum rs_command {
    RS_COMMAND_NONE,
    RS_COMMAND_RELOAD, /* open the bundle again */
    RS_COMMAND_ROTATE, /* turn the screen a quarter */
    RS_COMMAND_EXIT,   /* leave the kiosk */
} rs_command;

rs_command rs_session_take_command(rs_session *session);

/* The window changed size. */
void rs_session_resize(rs_session *session, int width, int height);
/* The look: size scale (1 = design proportions) and the high-contrast theme. */
void rs_session_set_look(rs_session *session, float scale, bool high_contrast);
const rs_theme *rs_session_theme(const rs_session *session);
/* Changes whenever the theme's sizes change (resize, look, A+/A-). */
unsigned rs_session_theme_generation(const rs_session *session);
/* Told of every new theme at the moment it changes (and once when set), so
 * the text measure behind layout follows before anything is laid out again. */
typedef void (*rs_theme_listener)(void *context, const rs_theme *theme);
void rs_session_set_theme_listener(rs_session *session, rs_theme_listener listener, void *context);

void rs_session_pointer(rs_session *session, rs_pointer_phase phase, float x, float y, uint64_t now_ms);
void rs_session_key(rs_session *session, rs_key key, uint64_t now_ms);
/* Lets time pass: long presses, flings, the scroll bar fading. */
void rs_session_tick(rs_session *session, uint64_t now_ms);
/* Wheel or similar: scroll by delta px (positive: towards the end). */
void rs_session_scroll_by(rs_session *session, float delta, uint64_t now_ms);

/* ---- maps and timelines ---- */

/* A touch sample of one finger among several (finger: the driver's id).
 * One finger alone does exactly what rs_session_pointer does; a second
 * cancels what the first began (no tap) and pinches: on a screen with a
 * view, the view zooms by the fingers' distance ratio about their midpoint
 * and pans with it, and flings on release as a drag does. After a pinch
 * nothing happens until every finger is up. */
void rs_session_finger(rs_session *session, int64_t finger, rs_pointer_phase phase, float x, float y,
                       uint64_t now_ms);
/* True when the screen shown has a view (the app's wheel zooms it). */
bool rs_session_has_view(const rs_session *session);
/* Zooms the view by factor (> 1: in) keeping window pixel (x, y) in place
 * (the wheel); nothing on screens without a view. */
void rs_session_zoom_at(rs_session *session, float factor, float x, float y, uint64_t now_ms);

/* True when something changed since the last frame. */
bool rs_session_needs_frame(const rs_session *session);
/* Milliseconds until the session needs a tick without input; -1: never. */
int rs_session_timeout(const rs_session *session, uint64_t now_ms);

/* Lays out the frame (loading the list rows it shows) into out. */
void rs_session_frame(rs_session *session, uint64_t now_ms, rs_draw_list *out);

/* ---- search and languages ---- */

/* Text typed on a physical keyboard or an input method (SDL_TEXTINPUT):
 * goes into the search field when the search screen is shown. */
void rs_session_text(rs_session *session, const char *utf8, uint64_t now_ms);
/* Whether the search screen wants typed text (the app turns text input on). */
bool rs_session_wants_text(const rs_session *session);

/* Searching while the visitor types: each change waits a moment (the
 * debounce) and then asks for a search. Without a starter the session
 * searches itself, at once, on its own bundle (tests, scripts, pictures);
 * with one, start(context, generation, query, typing) is called (typing: the
 * last word is still being typed, see rs_search_run) and the answer
 * comes back later through rs_session_search_done, so no frame waits for
 * the bundle. An answer to an older generation is dropped. */
typedef void (*rs_search_starter)(void *context, unsigned generation, const char *query, bool typing);
void rs_session_set_searcher(rs_session *session, rs_search_starter start, void *context);
/* Takes results (clears them) whatever happens. */
void rs_session_search_done(rs_session *session, unsigned generation, const char *query, rs_search_results *results,
                            bool ok);

/* The UI language after an idle reset (and now). */
void rs_session_set_language(rs_session *session, rs_ui_language language);
rs_ui_language rs_session_language(const rs_session *session);

/* For tests and the admin screen: where the visitor is. */
const rs_nav *rs_session_nav(const rs_session *session);
const rs_screen *rs_session_screen(const rs_session *session);
const rs_target_list *rs_session_targets(const rs_session *session);
float rs_session_scroll_offset(const rs_session *session);
rs_action rs_session_focus(const rs_session *session);

/* ---- speech (issue 16) ---- */

/* The kiosk's voice (copied; NULL: none, so no Listen button and nothing
 * spoken). */
void rs_session_set_speaker(rs_session *session, const rs_speaker *speaker);
/* The speaker's report: sentence index of the utterance being read is now
 * heard (the reader highlights it and keeps it in view); -1 when the reading
 * ended by itself. */
void rs_session_speech_at(rs_session *session, int sentence, uint64_t now_ms);
/* Spoken navigation ([audio] spoken_navigation, or Listen held for 3 s):
 * every focus change and every new screen is announced. */
void rs_session_set_spoken_navigation(rs_session *session, bool on);
bool rs_session_spoken_navigation(const rs_session *session);

#endif
