/*
 * The incident thread's model (issue 12, "Incident thread"): an incident's
 * events and statements as one list a visitor reads at a glance, in the
 * query layer's RS_THREAD_ORDER (dated first, undated last). Plain data, no
 * SDL. Like a statement list it keeps a window of entries around what is
 * visible and reads another page only when the visitor scrolls past it, so
 * a thread of any length costs one page per window.
 *
 * Entries come through a pager: rs_bundle_thread_page in the viewer, a
 * test's hand-made rs_thread in the tests.
 */
#ifndef RS_THREAD_SCREEN_H
#define RS_THREAD_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "nav.h"

/* Which side of the thread an entry stands on. Never told by colour alone:
 * the side decides the card's edge and its text label too. */
typedef enum rs_thread_side {
    RS_SIDE_ACCUSATION, /* accuses (the query layer's accusation flag): the start edge, "Accusation" */
    RS_SIDE_ANSWER,     /* a statement that does not accuse, or a denial: the end edge, "Answer" */
    RS_SIDE_NEUTRAL,    /* any other event (kind "other"): across the column, no side label */
} rs_thread_side;

rs_thread_side rs_thread_side_of(const rs_thread_entry *entry);

/* One entry as the thread shows it, in the UI language of the moment it
 * was loaded. Strings are owned by the model. */
typedef struct rs_thread_item {
    int64_t index;       /* position in the thread */
    rs_thread_kind kind; /* an event unfolds in place; a statement opens the reader */
    rs_thread_side side;
    int64_t id;
    bool dated;
    char slug[128];   /* statements: the reader's route; events: "" */
    char *side_label; /* "Accusation", "Answer", or "" (neutral) */
    char *head;       /* "19 July 2021 (inferred) · Attribution" */
    char *when;       /* the head's parts: "19 July 2021 (inferred)" (or "Date unknown") */
    char *what;       /* and "Attribution" */
    char *who;        /* "accuser: United Kingdom、European Union · accused: China", or "" */
    char *title;      /* statements: the title; events: NULL */
    char *line;       /* events: the summary; statements: the first sentence; "" when none */
    char *note;       /* events: the date note, or NULL */
    char *source;     /* events: the source URL, or NULL */
} rs_thread_item;

/* Where entries come from: page gives entries offset .. offset + limit - 1
 * of the thread of incident_id as rs_bundle_thread_page does, clear frees
 * what page gave (rs_thread_clear). context is passed to page. */
typedef struct rs_thread_pager {
    bool (*page)(void *context, int64_t incident_id, int64_t offset, size_t limit, rs_thread *out);
    void (*clear)(rs_thread *thread);
    void *context;
} rs_thread_pager;

typedef struct rs_thread_screen rs_thread_screen;

/* How many entries one page holds, and so the window kept. */
#define RS_THREAD_WINDOW 64

/* A thread of count entries, read through pager (copied), whose context
 * must outlive the model (the bundle does: a session's screens go before
 * its bundle). unfolded: the position
 * of the event shown unfolded, -1 for none (anything else that is not an
 * event is ignored). Finds where the undated entries start with one
 * one-entry read, plus a binary search of such reads when there are some.
 * NULL on a read error. */
rs_thread_screen *rs_thread_screen_create(const rs_thread_pager *pager, int64_t incident_id, int64_t count,
                                          int64_t unfolded);
void rs_thread_screen_destroy(rs_thread_screen *thread);

int64_t rs_thread_screen_count(const rs_thread_screen *thread);
/* The position of the first undated entry; count when all are dated. */
int64_t rs_thread_screen_undated_start(const rs_thread_screen *thread);
/* The unfolded event's position and its item (kept loaded whatever the
 * window holds), or -1 and NULL. */
int64_t rs_thread_screen_unfolded(const rs_thread_screen *thread);
const rs_thread_item *rs_thread_screen_unfolded_item(const rs_thread_screen *thread);

/* Makes sure entries first..last (inclusive, clamped) are loaded: at most
 * one page read. False on a read error. */
bool rs_thread_screen_prepare(rs_thread_screen *thread, int64_t first, int64_t last);
/* Entry index, or NULL when it is not loaded. */
const rs_thread_item *rs_thread_screen_item(const rs_thread_screen *thread, int64_t index);

/* The kind labels an entry's head may show (rs_thread_item.what), in the
 * UI language of the moment: up to max of them into labels (static
 * strings); returns how many there are. The layout measures the widest. */
size_t rs_thread_kind_labels(const char **labels, size_t max);

/* How many pages have been read, for tests of the paging. */
size_t rs_thread_screen_reads(const rs_thread_screen *thread);

/* ---- the screen (screen.c builds incidents/SLUG through this) ---- */

typedef struct rs_screen rs_screen;

/* Fills s (zeroed by the caller) as the thread screen of entry's incident:
 * crumb, heading (the incident's name), subheading (its date and counts),
 * summary, spec (its statement list) and count (events + statements), and
 * the thread read through pager (its context the bundle); entry->expanded
 * names the unfolded event (1 + its position). False with a sentence in
 * error when the bundle has no such incident or cannot be read. */
bool rs_thread_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry,
                            const rs_thread_pager *pager, char *error, size_t error_size);

/* The place of statement_id in its incident's statement list, for the
 * reader's Previous/Next when it is opened from the thread. False when it
 * is not in that list or the list cannot be read. */
bool rs_thread_statement_place(rs_bundle *bundle, int64_t incident_id, int64_t statement_id, rs_list_place *place);

#endif
