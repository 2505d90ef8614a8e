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
#include "nav.h"

typedef enum rs_screen_kind {
    RS_SCREEN_HOME,
    RS_SCREEN_FACETS, /* years, months, countries, incidents */
    RS_SCREEN_LIST,   /* statements, optionally under a header */
    RS_SCREEN_READER,
} rs_screen_kind;

typedef struct rs_tile {
    char label[32];
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

typedef struct rs_screen {
    rs_screen_kind kind;
    char *crumb;      /* short name in the breadcrumb */
    char *heading;    /* page heading, or NULL */
    char *subheading; /* muted line under it, or NULL */
    char *summary;    /* a paragraph under the heading (incidents), or NULL */

    /* home */
    char *bundle_title, *bundle_description;
    rs_tile tiles[3];

    /* facets */
    rs_facet_row *rows;
    size_t row_count;

    /* list (and the chips above it) */
    rs_list_spec spec;
    int64_t count;
    rs_chip *chips;
    size_t chip_count;
    rs_list_item window[RS_LIST_WINDOW];
    int64_t window_start;
    size_t window_count;

    /* reader */
    rs_statement statement;
    char *date_line; /* "20 July 2021 (inferred)" */
    char *meta_line;    /* "20 July 2021 · Xinhua" */
    char *speaker_line; /* "Hua Chunying, Spokesperson ..." or NULL */
    rs_list_place place;
    int64_t place_count;
    rs_list_item *also; /* same_as */
    size_t also_count;
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

/* "2021-07-20" -> "20 July 2021", "2021-07" -> "July 2021", NULL -> "Date
 * unknown"; " (inferred)" appended when inferred. */
void rs_format_date(const char *date, bool inferred, char *out, size_t size);

#endif
