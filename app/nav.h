/*
 * Navigation: routes and the stack of where the visitor has been.
 *
 * A route names a screen ("countries/GB"); it is what --route takes and what
 * a tap on a tile or row pushes. The stack remembers, for each screen, the
 * scroll position, the focus and (for the reader) which list it was opened
 * from, so Back returns exactly where the visitor was and Previous/Next walk
 * that list. Pure data: no SDL, no SQL.
 */
#ifndef RS_NAV_H
#define RS_NAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

typedef enum rs_route_kind {
    RS_ROUTE_HOME,
    RS_ROUTE_DATES,     /* years */
    RS_ROUTE_YEAR,      /* months of year */
    RS_ROUTE_MONTH,     /* statements of year-month; month 0 = year only */
    RS_ROUTE_UNDATED,   /* statements with no date */
    RS_ROUTE_COUNTRIES,
    RS_ROUTE_COUNTRY,   /* statements of a country */
    RS_ROUTE_INCIDENTS,
    RS_ROUTE_INCIDENT,  /* an incident and its statements */
    RS_ROUTE_STATEMENT, /* the reader */
    RS_ROUTE_ALL,       /* every statement, in date order */
    RS_ROUTE_SEARCH,    /* the search screen; slug holds the query */
    RS_ROUTE_TIMELINE,  /* the timeline: year 0 the whole collection, else that year, or year-month */
    RS_ROUTE_MAP,       /* the world map; slug an incident's for its map, else "" */
} rs_route_kind;

typedef struct rs_route {
    rs_route_kind kind;
    int year, month;
    char code[RS_PARTY_CODE_SIZE]; /* a party: "GB", "EU", "MICROSOFT" */
    char slug[128]; /* a statement's or incident's id, or the search query */
    bool query_cut; /* search: the route's query was longer than RS_QUERY_MAX, and slug holds its beginning */
} rs_route;

/* The longest query the search screen keeps, in bytes of UTF-8: its search
 * field's limit, and a search route's (one limit, in one unit: 100 Latin
 * letters, 50 Cyrillic or Arabic ones, 33 Chinese characters). */
#define RS_QUERY_MAX 100

/* Parses "home", "dates", "dates/2021", "dates/2021-07", "dates/2021-00",
 * "dates/undated", "countries", "countries/GB" (or a party's code: 2 to
 * RS_PARTY_CODE_MAX upper-case letters and digits, "countries/EU"),
 * "incidents", "incidents/SLUG",
 * "statements" (all, in date order), "statements/ID", "search" and
 * "search/QUERY" (any printable UTF-8; a query over RS_QUERY_MAX bytes is
 * cut before the first character that does not fit whole, and query_cut
 * set, so the screen can say so), "timeline",
 * "timeline/2021", "timeline/2021-07", "map" and "map/SLUG" (an incident's
 * map). On failure writes a
 * message naming the route. */
bool rs_route_parse(const char *text, rs_route *route, char *error, size_t error_size);
/* The text form of route (as parsed). */
void rs_route_format(const rs_route *route, char *out, size_t size);
bool rs_route_equal(const rs_route *a, const rs_route *b);

/* The reader's place in the list it was opened from. */
typedef struct rs_list_place {
    bool valid;
    rs_list_spec spec;
    int64_t pos;
} rs_list_place;

/* Where a map or a timeline is looked at, kept with its entry so that Back
 * returns to the same place. Map: (x, y) the centre in map units
 * (bundle_format.h RS_MAP_*), zoom 1 = the whole world fits. Timeline: x the
 * centre in days since 1970-01-01, zoom 1 = the whole collection fits, y
 * unused. set false: the route's own first view. */
typedef struct rs_view {
    double x, y, zoom;
    bool set;
} rs_view;

typedef struct rs_nav_entry {
    rs_route route;
    float scroll;          /* content offset in px */
    int role_filter;       /* country screens: -1 all, or a role index */
    rs_list_place place;   /* reader: where it came from */
    char highlight[RS_QUERY_MAX + 1]; /* reader opened from a search: its query, hits highlighted */
    int64_t expanded;      /* 1 + the index of the detail opened in place (RS_ACT_EXPAND), 0 for none */
    rs_view view;          /* maps and timelines: pan and zoom */
} rs_nav_entry;

#define RS_NAV_DEPTH 16

typedef struct rs_nav {
    rs_nav_entry entries[RS_NAV_DEPTH];
    size_t depth; /* at least 1: home is always at the bottom */
} rs_nav;

/* A stack holding just home. */
void rs_nav_reset(rs_nav *nav);
/* The screen shown now. */
rs_nav_entry *rs_nav_top(rs_nav *nav);
/* Opens route on top. A full stack drops its oldest entry above home. */
void rs_nav_push(rs_nav *nav, const rs_route *route, const rs_list_place *place);
/* Replaces the top (Previous/Next in the reader do not grow the stack). */
void rs_nav_replace(rs_nav *nav, const rs_route *route, const rs_list_place *place);
/* Back: false at home. */
bool rs_nav_back(rs_nav *nav);
/* Back to entry index (breadcrumb). */
void rs_nav_back_to(rs_nav *nav, size_t index);
/* Builds the stack a route has when opened directly: its parents first
 * (countries/GB: home, countries, countries/GB). A statement's parents are
 * added by the caller, who knows its date. */
void rs_nav_open(rs_nav *nav, const rs_route *route);

#endif
