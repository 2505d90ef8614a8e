/*
 * A draft's header: each field's value, where it came from (the evidence
 * the draft prints as a comment) and whether the curator must check it.
 */
#ifndef RS_HEADER_H
#define RS_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "body.h"
#include "incidents.h"
#include "language.h"
#include "page.h"
#include "places.h"

typedef enum {
    RS_ITEM_TITLE, RS_ITEM_TITLE_NOTE, RS_ITEM_DATE, RS_ITEM_DATE_NOTE, RS_ITEM_OUTLET, RS_ITEM_SPEAKER,
    RS_ITEM_SPEAKER_ROLE, RS_ITEM_LANGUAGE, RS_ITEM_URL, RS_ITEM_KIND, RS_ITEM_PARTIAL, RS_ITEM_COUNT
} rs_header_item;

typedef struct rs_header_field {
    char *value; /* NULL: not found; "" for a date left empty on purpose (owned) */
    char *from;  /* evidence for the comment, or NULL (owned) */
    char *check; /* what the curator must check, or NULL (owned) */
} rs_header_field;

typedef struct rs_header_country {
    char code[3];
    char *said;       /* the name as found (owned) */
    const char *role; /* "accuser", "accused" or "mentioned" (static) */
    char *evidence;   /* why that role, or NULL (owned) */
} rs_header_country;

typedef struct rs_header {
    rs_header_field fields[RS_ITEM_COUNT];
    rs_header_country *countries;
    size_t country_count, country_capacity;
    const char *outlet_slug; /* static: "xinhua", or NULL */
    rs_incident_match incidents[4]; /* proposed from --incidents, best first */
    size_t incident_count;
    char *incidents_rejected; /* a match by words the date ruled out, or NULL (owned) */
    char *same_as, *same_as_evidence; /* from --existing, or NULL (owned) */
} rs_header;

/* What the guesses use, made once per run. */
typedef struct rs_header_tools {
    rs_language *language;
    const rs_places *places;
    const rs_incidents *incidents; /* --incidents, or NULL */
} rs_header_tools;

/* Fills header (zero it first). url is the page's address from --url or
 * --urls (NULL: none given; a URL the page itself carries is used then),
 * url_from says which ("--url", "urls.tsv line 3"). */
void rs_header_guess(rs_header *header, const rs_page *page, const rs_body *body, const rs_header_tools *tools,
                     const char *url, const char *url_from);

/* The field's name as the source format spells it ("speaker_role"). */
const char *rs_header_field_name(rs_header_item field);

void rs_header_clear(rs_header *header);

#endif
