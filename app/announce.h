/*
 * What spoken navigation says (issue 16): the words for a focused target
 * and for a screen just shown, in the UI language, found from the screen
 * model and the target's action (never from the layout: what a target is
 * called is the model's, where it is drawn is the layout's). Pure: no SDL,
 * no bundle. Every word goes through gettext, numbers through
 * rs_i18n_number, counts through ngettext.
 *
 * The words are what a sighted visitor reads on the target, then its role
 * where it is not plain ("Countries, 5 countries, button", "China, 5
 * statements", "Speaker, filter, selected"). A PIN key says its digit; the
 * PIN typed so far is never said.
 */
#ifndef RS_ANNOUNCE_H
#define RS_ANNOUNCE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "screen.h"

/* Where the target or screen is. */
typedef enum rs_announce_place {
    RS_ANNOUNCE_BROWSE,    /* the visitor's screens (screen may be NULL: the error screen) */
    RS_ANNOUNCE_COUNTDOWN, /* "Still reading?" over them */
    RS_ANNOUNCE_PIN,       /* the staff PIN pad */
    RS_ANNOUNCE_ADMIN,     /* the admin screen */
} rs_announce_place;

/* What the words are found in (all borrowed). */
typedef struct rs_announce_context {
    rs_announce_place place;
    const rs_screen *screen;   /* NULL on the error screen */
    const char *const *crumbs; /* the breadcrumb's labels, home first */
    size_t crumb_count;
    const char *error_heading; /* the error screen's heading, or NULL */
    bool listen_paused;        /* the reader's Listen is paused: its control says Resume */
} rs_announce_context;

/* The words for the target whose action is action (never empty; the
 * caller frees). A list row not loaded in the model says its position. */
char *rs_announce_target(const rs_announce_context *c, const rs_action *action);

/* The name of the screen shown (never empty; the caller frees): home its
 * collection's title, the reader its statement's title, the others their
 * heading and the line under it ("Countries. 5 countries"), the overlays
 * their title. */
char *rs_announce_screen(const rs_announce_context *c);

/* "a. b" in the UI language: a screen's name, then what has focus (the
 * caller frees). */
char *rs_announce_join(const char *first, const char *then);

/* The reader's body paragraphs, split as the reader lays them out (at
 * blank lines): writes at most max byte ranges into body, returns how many
 * there are. */
size_t rs_announce_paragraphs(const char *body, rs_range *out, size_t max);

#endif
