/*
 * Screen models: what one screen shows, as plain data built from the query
 * layer when the visitor navigates. Layout reads a model and never the
 * bundle; the one exception to "built once" is a statement list, which keeps
 * a window of rows around what is visible and loads another window when the
 * visitor scrolls past it (rs_screen_prepare_rows), so a list of 100,000
 * statements costs the same as a list of 20.
 */
#ifndef RS_SCREEN_H
#define RS_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "i18n.h"
#include "nav.h"
#include "map_screen.h"
#include "party_screen.h"
#include "thread_screen.h"
#include "timeline_screen.h"

typedef enum rs_screen_kind {
    RS_SCREEN_HOME,
    RS_SCREEN_FACETS, /* years, months, countries, incidents */
    RS_SCREEN_LIST,   /* statements, optionally under a header */
    RS_SCREEN_READER,
    RS_SCREEN_SEARCH, /* the query, suggestions or results; the keyboard is layout's */
    RS_SCREEN_THREAD, /* an incident: heading and summary over its thread (thread_screen.h) */
    RS_SCREEN_TIMELINE, /* the timeline (timeline_screen.h): a view, not a scroll */
    RS_SCREEN_MAP,      /* the world map or an incident's (map_screen.h): a view, not a scroll */
} rs_screen_kind;

typedef enum rs_search_state {
    RS_SEARCH_EMPTY,   /* nothing typed yet: suggestions */
    RS_SEARCH_SHORT,   /* one Latin letter or digit: not searched, "type more" */
    RS_SEARCH_WAITING, /* typed; results not in yet (earlier ones stay shown) */
    RS_SEARCH_NONE,    /* nothing matches: say so, and suggestions */
    RS_SEARCH_FOUND,
    RS_SEARCH_FAILED,  /* the query layer failed (damaged bundle) */
} rs_search_state;

/* One search result: what its row shows, the snippet's hits as byte ranges
 * into snippet (the query layer's marks taken out). */
typedef struct rs_result_item {
    char slug[128];
    char *title, *secondary, *snippet, *language;
    rs_range_list title_marks, snippet_marks;
} rs_result_item;

/* How many results the search screen shows. */
#define RS_RESULTS_SHOWN 50

/* Home's ways in besides Search. */
#define RS_HOME_TILES 5

typedef struct rs_tile {
    char label[96]; /* "Страны и организации" is 38 bytes */
    char count[64];
    char hint[160];
    rs_route route;
} rs_tile;

typedef struct rs_facet_row {
    char *primary, *secondary, *badge;
    rs_route route;
} rs_facet_row;

/* A small tappable label: a role filter, or a country/incident link. */
typedef struct rs_chip {
    char *label;
    int role;        /* role filter chips: -1 all, else rs_roles index */
    bool is_link;    /* true: navigates to route */
    rs_route route;
    bool active;
} rs_chip;

typedef struct rs_list_item {
    int64_t id;
    char *title;
    char *secondary; /* "20 July 2021 · Xinhua" */
    char slug[128];
} rs_list_item;

#define RS_LIST_WINDOW 128

/* The reader's details that open in place (RS_ACT_EXPAND's index). */
enum { RS_READER_NOTES, RS_READER_CHIPS };

typedef struct rs_screen {
    rs_screen_kind kind;
    char *crumb;      /* short name in the breadcrumb */
    char *heading;    /* page heading, or NULL */
    char *subheading; /* muted line under it, or NULL */
    char *summary;    /* a paragraph under the heading (incidents), or NULL */

    /* home */
    char *bundle_title, *bundle_description;
    rs_tile tiles[RS_HOME_TILES]; /* Dates, Countries, Incidents, Timeline, Map */

    /* facets */
    rs_facet_row *rows;
    size_t row_count, row_capacity;

    /* list (and the chips above it) */
    rs_list_spec spec;
    rs_party_screen *party; /* a party's page: its kind, members and events above its statements; else NULL */
    rs_thread_screen *thread; /* incidents: count entries; spec is the incident's statement list */
    rs_timeline_screen *timeline; /* the timeline's model, or NULL */
    rs_map_screen *map;           /* the map's model, or NULL */
    int64_t count;
    rs_chip *chips;
    size_t chip_count, chip_capacity;
    rs_list_item window[RS_LIST_WINDOW];
    int64_t window_start;
    size_t window_count;

    /* reader */
    rs_statement statement;
    char *date_line; /* "20 July 2021 (inferred)" */
    char *meta_line;    /* "20 July 2021 · Xinhua" */
    char *speaker_line; /* "Hua Chunying, Spokesperson ..." or NULL */
    char *source_line;  /* "Xinhua · Hua Chunying, Spokesperson ...": outlet and speaker on one line */
    char *partial_line; /* "Excerpt: the source text is incomplete", or NULL */
    /* The reader's details opened in place, one at a time: the notes behind
     * its date's "inferred" mark (RS_ACT_EXPAND 0: the date and title notes,
     * the whole source line), or every chip behind "+N" (RS_ACT_EXPAND 1).
     * From the navigation entry, so Back returns to them as left. */
    bool notes_open, chips_open;
    rs_list_place place;
    int64_t place_count;
    rs_list_item *also; /* same_as */
    size_t also_count;
    rs_list_item *translations; /* translation_of, either way; slug routes, secondary names the language */
    char **translation_labels;  /* "中文", "English": the button of each */
    size_t translation_count;
    rs_range_list title_marks, body_marks; /* search hits when opened from a search */
    char *highlight;                       /* that search's query, or NULL */

    /* search (suggestions are chips) */
    char query[RS_QUERY_MAX + 1];
    rs_search_state search_state;
    rs_result_item *results;
    size_t result_count;
    int64_t total;     /* statements found (ranked), of which result_count are shown */
    bool more_results; /* more matched than the query layer ranks (RS_SEARCH_RANKED) */
    char *query_used;  /* the query as searched (a typed last word as a prefix): what hits are */
    char *status_line; /* "3 statements match", "No statement matches ..." */
    bool query_cut;    /* the query came cut from a longer route (rs_route.query_cut): the status says so */
} rs_screen;

/* Builds the model for entry. On failure (a route naming something the
 * bundle does not have, or a read error) returns NULL with a sentence in
 * error. */
rs_screen *rs_screen_build(rs_bundle *bundle, const rs_nav_entry *entry, char *error, size_t error_size);
void rs_screen_destroy(rs_screen *screen);

/* Makes sure list rows first..last (inclusive) are loaded. False on a read
 * error. */
bool rs_screen_prepare_rows(rs_screen *screen, rs_bundle *bundle, int64_t first, int64_t last);
/* Row index of the list, or NULL when it is not loaded. */
const rs_list_item *rs_screen_item(const rs_screen *screen, int64_t index);

/* What a query is to the search screen before it reaches the bundle:
 * RS_SEARCH_EMPTY (only spaces), RS_SEARCH_SHORT (a single Latin letter or
 * digit, which would match too much to mean anything) or RS_SEARCH_WAITING
 * (worth searching). */
rs_search_state rs_search_classify(const char *query);

/* Runs query on bundle (the app's search thread does this on its own
 * connection): the first RS_RESULTS_SHOWN hits, best first. typing: the
 * visitor is still typing the last word, which then also matches as a
 * prefix (RS_QUERY_TYPING); a route or a suggestion is searched as it is. */
bool rs_search_run(rs_bundle *bundle, const char *query, bool typing, rs_search_results *out, char *error,
                   size_t error_size);

/* Puts the outcome of a search for query into the search screen s: results
 * (taken: cleared here) when ok, the failure otherwise. The hits in each
 * title are found through bundle (the same tokenizer as the index). */
void rs_screen_set_results(rs_screen *s, rs_bundle *bundle, const char *query, rs_search_results *results, bool ok);

/* Copies query into out (RS_QUERY_MAX + 1 bytes), cut at RS_QUERY_MAX bytes
 * before a character that does not fit whole, never inside one. */
void rs_query_copy(char *out, const char *query);

/* Appends to query (RS_QUERY_MAX + 1 bytes, NUL-terminated) the characters
 * of text[0..length) up to the first that does not fit whole; control
 * characters and bytes that are not UTF-8 are left out. */
void rs_query_append(char *query, const char *text, size_t length);
/* Appends code point cp as UTF-8, if it fits and is a character. */
void rs_query_append_char(char *query, uint32_t cp);
/* Takes the last character off query. */
void rs_query_backspace(char *query);

/* The query as typed changed (no search yet): shows it, and the state it
 * classifies as. */
void rs_screen_set_query(rs_screen *s, const char *query);

/* The reader's neighbour in the list it walks (step -1: the previous
 * statement, 1: the next): its route and its place in that list. False at
 * either end of the list, on a read error, or when reader is no reader. */
bool rs_screen_neighbour(const rs_screen *reader, rs_bundle *bundle, int step, rs_route *route,
                         rs_list_place *place);

/* The stack a statement's route has when opened directly: under its date
 * (dates, its year, its month; or dates, undated), with Previous/Next
 * walking every statement in date order. False, and nav untouched, when the
 * bundle has no such statement or cannot read it. */
bool rs_screen_statement_stack(rs_bundle *bundle, const rs_route *route, rs_nav *nav);

/* Models built from now on speak language: gettext's catalog and the
 * bundle's country names follow it. */
void rs_screen_use_language(rs_bundle *bundle, rs_ui_language language);

/* One statement of the attract loop, as it shows it. */
typedef struct rs_slide {
    rs_statement statement;
    char *meta_line; /* "20 July 2021 · Xinhua" */
} rs_slide;

/* The statement of the attract loop's slide number (0, 1, 2...). Slides
 * walk the statements by a large stride so neighbours differ, the same
 * every time. NULL when the bundle has no statements or cannot read that
 * one. Caller destroys. */
rs_slide *rs_slide_build(rs_bundle *bundle, int64_t number);
void rs_slide_destroy(rs_slide *slide);

#endif
