/*
 * Layout: a screen model and a window size in, a draw list and the touch
 * targets out. It measures text only through the rs_text_measure it is
 * given, so it runs (and is tested) without a font or a window.
 *
 * Each screen is a top bar (Back, breadcrumb, Home) over a scrollable
 * content area. The static part of the content (headings, paragraphs, chips,
 * facet rows, the reader's whole text) is laid out once per model and size
 * and kept; each frame only shifts it by the scroll offset and culls what is
 * outside the window. Statement lists add rows of fixed height below that,
 * and only the visible rows are laid out, so a list of any length costs the
 * same per frame.
 *
 * Three files implement it (layout_private.h joins them): layout.c the
 * pages, the rows and the bar; keyboard.c the search screen's field and
 * on-screen keyboard; overlay.c the idle warning, the attract loop, the PIN
 * pad, the admin screen and the error screen.
 */
#ifndef RS_LAYOUT_H
#define RS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "draw.h"
#include "wrap.h"
#include "nav.h"
#include "screen.h"
#include "theme.h"

typedef enum rs_action_kind {
    RS_ACT_NONE,
    RS_ACT_BACK,
    RS_ACT_HOME,
    RS_ACT_CRUMB, /* index: the nav entry to go back to */
    RS_ACT_ROUTE, /* route: open it */
    RS_ACT_ROW,   /* index: position in the statement list */
    RS_ACT_ROLE,  /* index: role filter, -1 all */
    RS_ACT_PREV,
    RS_ACT_NEXT,
    RS_ACT_PIN_DIGIT, /* index: 0..9 */
    RS_ACT_PIN_CLEAR,
    RS_ACT_PIN_OK,
    RS_ACT_CLOSE,     /* leave the PIN pad or the admin screen */
    RS_ACT_TEXT_SMALLER, /* the reader's A- */
    RS_ACT_TEXT_LARGER,  /* the reader's A+ */
    RS_ACT_COMMAND,   /* index: an rs_command for the app */
    RS_ACT_RESULT,    /* index: a search result, opened with its hits highlighted */
    RS_ACT_KEY_CHAR,  /* index: the Unicode code point an on-screen key types */
    RS_ACT_KEY_BACKSPACE,
    RS_ACT_KEY_CLEAR,
    RS_ACT_KEY_LAYER, /* index: an rs_keyboard_layer */
    RS_ACT_KEY_HIDE,
    RS_ACT_KEY_SHOW,
    RS_ACT_LANGUAGE,  /* index: an rs_ui_language */
    RS_ACT_TRANSLATION, /* index: which of the reader's translations */
    RS_ACT_EXPAND,    /* index: a detail of the screen that opens or closes in place (rs_nav_entry.expanded) */
    RS_ACT_ZOOM,      /* maps and timelines: index +1 zooms in, -1 out, about the view's centre */
    RS_ACT_ZOOM_AT,   /* maps and timelines: zoom in 3x about window pixel (index / 65536, index % 65536) */
    RS_ACT_LISTEN,       /* the reader's Listen: reads the statement aloud from its start (issue 16) */
    RS_ACT_LISTEN_PAUSE, /* Listen's Pause, or Resume when paused */
    RS_ACT_LISTEN_STOP,  /* Listen's Stop */
    RS_ACT_LISTEN_SPEED, /* index: an rs_speech_speed (Slower, Normal, Faster) */
    RS_ACT_QR_LARGER,    /* the source's QR code shown large (index 0: its plate, 1: the button) (issue 16) */
} rs_action_kind;

/* The on-screen keyboard's layers. */
typedef enum rs_keyboard_layer {
    RS_KEYBOARD_LATIN,
    RS_KEYBOARD_CYRILLIC,
    RS_KEYBOARD_DIGITS,
    RS_KEYBOARD_FRENCH,  /* AZERTY with é è ê ë à â ç ù î ï ô û œ */
    RS_KEYBOARD_SPANISH, /* QWERTY with ñ á é í ó ú ü ¿ ¡ */
    RS_KEYBOARD_ARABIC,  /* the standard Arabic keyboard's letters, as it lays them out */
    RS_KEYBOARD_LAYER_COUNT,
} rs_keyboard_layer;

typedef struct rs_action {
    rs_action_kind kind;
    int64_t index;
    rs_route route;
} rs_action;

bool rs_action_equal(const rs_action *a, const rs_action *b);

typedef struct rs_target {
    rs_rect rect;
    rs_action action;
    bool in_content; /* scrolls with the content (else in the top bar) */
    int shape;       /* 0: the rect is the target; else 1 + a shape of the list's contains(), the target being
                      * the shape and the rect (a point of it, or its minimum target) */
} rs_target;

/* contains: set by a layout that adds targets finer than a rectangle (the
 * map's countries, their very triangles: layout_map.c) in the frame that
 * adds them; context is its own, alive with the layout. */
typedef struct rs_target_list {
    rs_target *items;
    size_t count, capacity;
    bool (*contains)(const void *context, int shape, int x, int y);
    const void *context;
} rs_target_list;

void rs_target_list_free(rs_target_list *list);
/* The target under (x, y), or NULL: the last added whose rect or shape
 * holds the point. */
const rs_target *rs_target_at(const rs_target_list *list, int x, int y);

typedef struct rs_frame {
    const rs_screen *screen;
    const char *const *crumbs; /* labels of the navigation stack, home first */
    size_t crumb_count;
    float scroll;              /* content offset in px */
    rs_action pressed;         /* drawn tinted */
    rs_action focused;         /* drawn with a thick outline */
    bool show_scrollbar;
    int language;              /* rs_ui_language: the home screen's language buttons */
    rs_view view;              /* maps and timelines: where they are looked at (set) */
    bool scaling;              /* maps: a pinch is under way; last crisp rows may be drawn scaled */
} rs_frame;

typedef struct rs_layout_info {
    rs_rect viewport;      /* the scrollable area */
    float content_height;  /* of everything in it */
    float list_top;        /* statement lists: y of row 0 in content */
    float row_height;      /* statement lists: height of each row */
    float first_mark_y;    /* reader: content y of the first search hit; -1 without */
    float spoken_top, spoken_bottom; /* reader: content y of the sentence Listen reads (its lines); -1 without */
} rs_layout_info;

typedef struct rs_layout rs_layout;

rs_layout *rs_layout_create(rs_text_measure measure);
void rs_layout_destroy(rs_layout *layout);

/* Geometry of the screen at this size, without drawing: what the app needs
 * to set scroll bounds and to know which list rows will be visible. */
void rs_layout_measure(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_screen *screen,
                       rs_layout_info *info);

/* Appends the touch targets of the page of screen laid out as content (not
 * the bar, the rows of a list or a thread, nor a map's or a timeline's),
 * in the page's order, with their rectangles in content coordinates (as
 * laid out left to right). From the page kept for this model and size:
 * nothing is laid out again. */
void rs_layout_content_targets(rs_layout *layout, const rs_theme *theme, int width, int height,
                               const rs_screen *screen, rs_target_list *out);

/* The content y of the first line the page of screen draws from the bytes
 * [from, to) of one of its model's strings (a paragraph of the reader's
 * body), or -1 when none of them is drawn. From the page kept for this
 * model and size: nothing is laid out again. */
float rs_layout_text_y(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_screen *screen,
                       const char *from, const char *to);

/* Lays out one frame into out (cleared first) and targets (cleared first). */
void rs_layout_frame(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_frame *frame,
                     rs_draw_list *out, rs_target_list *targets, rs_layout_info *info);

/* Maps and timelines (screens with a view instead of a scroll offset).
 * rs_layout_has_view: whether screen is one. rs_layout_view_first: the
 * route's first view at this size (the whole world or the incident's
 * parties; the collection, the year or the month). rs_layout_view_pan moves
 * view by (dx, dy) window px as a finger drags the picture (so the picture
 * follows the finger); rs_layout_view_zoom multiplies the zoom by factor
 * keeping the point under window pixel (x, y) in place. Both clamp the view
 * to what the screen allows and return false when it did not change (at a
 * limit), so a fling can stop. */
bool rs_layout_has_view(const rs_screen *screen);
void rs_layout_view_first(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_screen *screen,
                          rs_view *view);
bool rs_layout_view_pan(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_screen *screen,
                        rs_view *view, float dx, float dy);
bool rs_layout_view_zoom(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_screen *screen,
                         rs_view *view, float factor, float x, float y);

/* Which way the screens read: AUTO (the default) as the UI language
 * writes (rs_i18n_is_rtl: Arabic mirrors), or forced either way (tests,
 * and pictures of a mirrored screen with any catalog). Takes effect from
 * the next frame; nothing cached depends on it. */
typedef enum rs_layout_direction {
    RS_LAYOUT_DIRECTION_AUTO,
    RS_LAYOUT_DIRECTION_LTR,
    RS_LAYOUT_DIRECTION_RTL,
} rs_layout_direction;

void rs_layout_set_direction(rs_layout *layout, rs_layout_direction direction);
/* Whether frames are mirrored now (Back on the right, rows and chips
 * aligned right). */
bool rs_layout_is_rtl(const rs_layout *layout);

/* Forgets everything cached for the previous model (call when the model
 * changes). */
void rs_layout_forget(rs_layout *layout);

/* The search screen's keyboard: shown or hidden, and which layer. */
void rs_layout_set_keyboard(rs_layout *layout, bool shown, rs_keyboard_layer layer);

/* The letters a visitor in this UI language types first: Cyrillic for
 * Russian, Arabic for Arabic, the French and Spanish layers for French and
 * Spanish, Latin for English and Chinese. */
rs_keyboard_layer rs_keyboard_home_layer(rs_ui_language language);

/* The two layer keys of the keyboard's bottom row in layer, for a visitor
 * whose letters are home: in letters, the next alphabet (home, then Latin,
 * then Cyrillic and Arabic, round again; Latin as home's variant) and the
 * digits; in the digits, home's letters and the next alphabet, in the
 * enum's order. */
void rs_keyboard_switches(rs_keyboard_layer layer, rs_keyboard_layer home, rs_keyboard_layer out[2]);

/* What the reader shows of Listen (issue 16): the Listen button when
 * there is a speaker; while it reads (or is paused) a bar of controls at
 * the bottom of the window, the speed selected in it; and the sentence
 * heard, marked in the title or the body (bytes [start, end) of it). Kept
 * until changed; the page is laid out again when the button or the mark
 * changes. */
typedef enum rs_listen_mark {
    RS_LISTEN_MARK_NONE,
    RS_LISTEN_MARK_TITLE,
    RS_LISTEN_MARK_BODY,
} rs_listen_mark;

typedef struct rs_listen_view {
    bool available; /* a speaker: the reader has a Listen button */
    bool active;    /* reading or paused: the controls show */
    bool paused;
    int speed;      /* rs_speech_speed */
    rs_listen_mark mark;
    size_t start, end;
} rs_listen_view;

void rs_layout_set_listen(rs_layout *layout, const rs_listen_view *listen);
/* The label a Listen control shows (translated, static), for spoken
 * navigation's words: "Listen", "Pause" (or "Resume" when paused), "Stop",
 * "Slower", "Normal", "Faster"; NULL for any other action. */
const char *rs_layout_listen_label(const rs_action *action, bool paused);

/* Take it home (layout_qr.c, issue 16). rs_layout_qr_url: the URL whose
 * QR code screen shows (the reader's statement's; on an incident's page the
 * unfolded event's source), or NULL. rs_layout_qr_larger draws that code
 * large, centred over the frame already in out, the screen dimmed, and
 * clears targets: any touch or key closes it (the session's). */
const char *rs_layout_qr_url(const rs_screen *screen);
void rs_layout_qr_larger(rs_layout *layout, const rs_theme *theme, int width, int height, const char *url,
                         rs_draw_list *out, rs_target_list *targets);

/* Whether the reader's A- and A+ buttons can act. */
void rs_layout_set_text_steps(rs_layout *layout, bool can_smaller, bool can_larger);

/* The idle warning drawn over the frame already in out: "Still reading?"
 * with the seconds left before the kiosk goes back to its start. */
void rs_layout_countdown(rs_layout *layout, const rs_theme *theme, int width, int height, int seconds_left,
                         rs_draw_list *out);

/* One page of the attract loop: a statement's title, date line and first
 * lines, and an invitation to touch. veil 0..1 covers it with the
 * background colour for the fade between statements. Clears out first. */
typedef struct rs_attract_slide {
    const char *title, *meta, *body, *language;
} rs_attract_slide;

void rs_layout_attract(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_attract_slide *slide,
                       float veil, rs_draw_list *out);

/* The staff PIN pad: digits entered so far (shown as dots), a message line,
 * keys disabled while locked. Clears out and targets first. */
void rs_layout_pin(rs_layout *layout, const rs_theme *theme, int width, int height, size_t digits,
                   const char *message, bool locked, rs_draw_list *out, rs_target_list *targets);

/* The admin screen: label/value lines and command buttons (action
 * RS_ACT_COMMAND with index = the command, labels given). */
typedef struct rs_admin_line {
    const char *label, *value;
} rs_admin_line;

typedef struct rs_admin_button {
    const char *label;
    int command;
} rs_admin_button;

void rs_layout_admin(rs_layout *layout, const rs_theme *theme, int width, int height, const rs_admin_line *lines,
                     size_t line_count, const rs_admin_button *buttons, size_t button_count, rs_action focused,
                     rs_draw_list *out, rs_target_list *targets);

/* Full-screen message for a bundle that cannot be opened. */
void rs_layout_error(rs_layout *layout, const rs_theme *theme, int width, int height, const char *heading,
                     const char *message, rs_draw_list *out);

#endif
