/*
 * The session's own state, shared by the three files that make it up and by
 * nothing else:
 *   session.c        the state: navigation, the idle and staff modes, search,
 *                    languages, the look, set-up, and what an action does;
 *   session_input.c  touches, the wheel and keys into actions, and the
 *                    keyboard focus;
 *   session_frame.c  lays out what the session shows.
 * The functions below are what the parts ask of each other.
 */
#ifndef RS_SESSION_PRIVATE_H
#define RS_SESSION_PRIVATE_H

#include "idle.h"
#include "pinch.h"
#include "scroll.h"
#include "session.h"

#define SCROLLBAR_MS 800
#define FRAME_MS 16
#define ADMIN_LINES 16

struct rs_session {
    rs_bundle *bundle;
    rs_nav nav;
    char crumbs[RS_NAV_DEPTH][160];
    rs_screen *screen; /* NULL while an error is shown */
    char error_heading[128];
    char error[1200];

    rs_theme theme;
    int width, height;
    rs_layout *layout;
    rs_gesture *gesture;
    rs_scroll *scroll;
    rs_target_list targets;
    rs_layout_info info;

    rs_action pressed;      /* tinted while a finger is down on it */
    rs_action press_action; /* what a tap will activate */
    rs_action focused;
    uint64_t now;
    uint64_t input_at; /* the visitor's last touch, key or text (session_dismiss_overlay) */
    uint64_t scrollbar_until;
    bool dirty;        /* something visible changed */
    bool targets_stale; /* the targets are not those of the current state */

    /* idle: the countdown and the attract loop */
    rs_idle *idle;
    bool swallow_pointer;   /* this touch only dismissed an overlay */
    int64_t slide_number;   /* attract loop: which slide is loaded */
    rs_slide *slide;        /* its statement, or NULL */

    /* staff: the corner hold and the PIN pad, then the admin screen */
    rs_pinpad *pinpad;
    rs_admin_line admin_lines[ADMIN_LINES];
    size_t admin_line_count;
    rs_command command;

    /* the look */
    rs_theme_listener theme_listener;
    void *theme_context;
    float scale;
    bool high_contrast;
    int text_step; /* 0, 1, 2: reading text at 1, 1.25, 1.5 */
    unsigned theme_generation;

    /* search and languages */
    bool keyboard_shown;
    rs_keyboard_layer keyboard_layer;
    uint64_t search_due; /* when the typed query is searched; 0: nothing waiting */
    unsigned search_generation;
    rs_search_starter search_start;
    void *search_context;
    bool scroll_to_hit; /* the reader just opened from a search result */
    bool search_typing; /* the waiting query was typed (its last word may be unfinished) */
    rs_ui_language language, default_language;

    /* maps and timelines (session_view.c): fingers, and the view's fling */
    rs_pinch *pinch;
    bool pinch_swallowed;      /* this pinch's first finger only dismissed an overlay */
    rs_scroll *view_motion[2]; /* x and y: a fling or a key's glide, as a list's */
    float view_motion_at[2];   /* their offsets when the view last followed them */

    /* speech (issue 16): the voice, the reader's Listen (session_listen.c)
     * and spoken navigation (session_spoken.c), each with its own state */
    rs_speaker speaker;
    bool has_speaker;
    struct session_listen *listen;
    bool spoken_navigation;
    bool spoken_default; /* as the settings say: what the idle reset returns to */
    struct session_spoken *spoken;
    bool qr_larger; /* the source's QR code shown large (layout_qr.c; session.c opens and closes it) */
};

/* Something visible changed: a frame is due and the targets are stale. */
void session_changed(rs_session *s);
/* What shows: the staff screens above the idle overlays above browsing. */
rs_session_mode session_mode(const rs_session *s);
/* True while the PIN pad or the admin screen shows. */
bool session_staff_shown(const rs_session *s);
/* Input while the countdown or the attract loop shows only dismisses it
 * (the attract loop's touch lands on home). Records the input either way;
 * true when the input is used up. */
bool session_dismiss_overlay(rs_session *s);

/* Acts on what the gesture recogniser made of the pointer (or of time
 * passing: a long press). */
void session_handle_gestures(rs_session *s, const rs_gesture_event *events, size_t count);

/* Does what a target or a focused item does. */
void session_activate(rs_session *s, const rs_action *action);
void session_go_back(rs_session *s);
void session_go_home(rs_session *s);
void session_open_pin_pad(rs_session *s);
void session_close_staff(rs_session *s);
/* A key of the on-screen keyboard on the search screen. */
void session_edit_query(rs_session *s, const rs_action *action);
/* Searches the query waiting for its debounce now. */
void session_start_search(rs_session *s);

/* session_view.c: maps and timelines. ensure gives the top entry its
 * route's first view if it has none yet; zoom_step zooms in (step > 0) or
 * out about the viewport's centre (the + and - buttons and keys). */
void session_view_ensure(rs_session *s);
void session_view_zoom_step(rs_session *s, int step);
/* init/free: the view's motion (rs_session_create/destroy; the pinch
 * tracker is made by rs_session_resize, as the gesture recogniser is). */
void session_view_init(rs_session *s);
void session_view_free(rs_session *s);
/* True when the screen shown now, in browsing, has a view: a drag pans it
 * instead of scrolling, arrows pan it instead of moving the focus. */
bool session_shows_view(const rs_session *s);
/* A finger is on the glass, one or more (idle waits while one is). */
bool session_fingers_down(const rs_session *s);
/* drag pans by a finger's movement; fling continues a release at (vx, vy)
 * px/s with a list's decay; stop ends a fling or glide where it is (a press,
 * a new screen); pan_key glides one step (dx, dy in -1..1: which way to
 * look). update moves the view to s->now; true while it moves. */
void session_view_drag(rs_session *s, float dx, float dy);
void session_view_fling(rs_session *s, float vx, float vy);
void session_view_stop(rs_session *s);
void session_view_pan_key(rs_session *s, int dx, int dy);
bool session_view_update(rs_session *s);
bool session_view_moving(const rs_session *s);
/* Applies one report of a pinch (pan, then zoom about its midpoint). */
void session_view_pinch(rs_session *s, const rs_pinch_event *e);

/* Lays out the current state when the targets are stale, so a touch is
 * hit-tested against what is on screen. */
void session_refresh_targets(rs_session *s);

/* session_focus.c: the focus walk. collect_stops: every item of the
 * screen in reading order, those not shown included (content ones with
 * content coordinates), then the bar's; the rows of a list or thread are
 * not in it (they are stops by index: is_row). find_stop: the index of
 * action in stops, or SIZE_MAX. focus_stop: focuses a stop, scrolling it
 * into view. step: the focus one step on (step 1) or back (-1) through the
 * stops and rows (Tab's and the arrows' walk; spoken navigation's outside
 * a statement's text); a focused item scrolled out of sight steps from
 * what is shown. */
void session_collect_stops(rs_session *s, rs_target_list *stops);
bool session_focus_is_row(const rs_session *s, const rs_action *a);
size_t session_find_stop(const rs_target_list *stops, const rs_action *action);
void session_focus_stop(rs_session *s, const rs_target *stop);
void session_focus_step(rs_session *s, int step);

/* session_spoken.c: spoken navigation. key: Up and Down (and Tab) step
 * through the screen's targets, and in the reader its paragraphs; true
 * when it took the key (only while the mode is on). after: says what
 * changed since the last input (a new screen, the focus); key is the key
 * pressed or -1 (a touch, time passing). free: at rs_session_destroy. */
bool session_spoken_key(rs_session *s, rs_key key);
void session_spoken_after(rs_session *s, int key);
void session_spoken_free(rs_session *s);
/* Turns spoken navigation on or off for this visitor only (Listen held
 * 3 s), saying so; the idle reset returns to the settings' choice. */
void session_spoken_set(rs_session *s, bool on);

#endif
