/*
 * A party's page beyond its statements (issue 12, "Parties everywhere
 * countries are"): what kind of party it is, an organisation's members,
 * and the events in which it has a role, each opening its incident's
 * thread. Plain data in the UI language of the moment it was built; no SDL.
 * The statements stay the page's virtual list (screen.c); this is what
 * stands above them.
 *
 * Events come through a function: rs_bundle_party_events in the viewer, a
 * test's hand-made rs_thread in the tests.
 */
#ifndef RS_PARTY_SCREEN_H
#define RS_PARTY_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "nav.h"

/* At most this many events are listed on a party's page: the latest ones.
 * A party of a big collection may have thousands; its incidents' threads
 * show them all. */
#define RS_PARTY_EVENTS_SHOWN 30

/* One event as a party's page lists it. Strings owned by the model. */
typedef struct rs_party_event {
    char *primary;   /* the event's summary ("" when it has none) */
    char *secondary; /* "19 July 2021 · Attribution · accuser · Exchange hack" */
    rs_route route;  /* its incident's thread: incidents/SLUG */
} rs_party_event;

typedef struct rs_party_screen {
    int kind;            /* index in rs_party_kinds */
    int64_t event_total; /* events in which it has a role, of which event_count are listed */
    char *kind_label;    /* "Organisation"; NULL for a country */
    char *members_line;  /* "Members: France, Germany, Netherlands"; NULL when it lists none */
    char *events_label;  /* "Events", or "Events: the latest 30 of 1,234"; NULL when it has none */
    rs_party_event *events; /* in time order, undated last */
    size_t event_count;
} rs_party_screen;

/* Reads events offset .. offset+limit-1 of party code as
 * rs_bundle_party_events does; false on a read error. */
typedef bool (*rs_party_events_fn)(void *context, const char *code, int64_t offset, size_t limit, rs_thread *out);

/* The model for party (as rs_bundle_country loaded it), its events read
 * through events(context, ...): the latest RS_PARTY_EVENTS_SHOWN of
 * party->event_count. NULL on a read error. Caller destroys. */
rs_party_screen *rs_party_screen_create(const rs_country_detail *party, rs_party_events_fn events, void *context);
void rs_party_screen_destroy(rs_party_screen *party);

/* The page's muted line under its name, statements being how many its
 * list holds (a role filter's count): "3 statements", and for a party with
 * events or of another kind than country "Organisation · 3 statements · 2
 * events". Caller frees. */
char *rs_party_subheading(const rs_party_screen *party, int64_t statements);

/* A party's kind as a label ("Organisation", "Company"); NULL for a
 * country or a kind this version does not know. */
const char *rs_party_kind_label(int kind);

/* The second line of a party's row on the Countries screen: "Organisation
 * · 2 events", "2 events", or NULL for a country without events. Caller
 * frees. */
char *rs_party_facet_line(const rs_facet *facet);

/* The Countries screen's heading: "Countries and organisations" when list
 * has a party that is no country, else "Countries". */
const char *rs_party_list_heading(const rs_facet_list *list);

/* The Countries screen's muted line: "5 countries", or with parties that
 * are no country "4 countries · 2 organisations". Caller frees. */
char *rs_party_list_subheading(const rs_facet_list *list);

#endif
