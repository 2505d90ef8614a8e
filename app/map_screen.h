/*
 * The world map's model (issue 14, "World map"): every country's shape
 * from the bundle (triangles drawn, outlines stroked), the collection's
 * countries with their statement counts and colour class, and for an
 * incident's map its accusers and accused. Plain data, no SDL.
 *
 * Classes: the collection's countries (a statement or more) are split into
 * at most RS_MAP_CLASSES classes of about as many countries each (quantile
 * classes over their counts, so a collection of 5 statements and one of a
 * million both use the whole scale); a class is the count range
 * [class_min, class_max]. Class 0 is "no statements".
 */
#ifndef RS_MAP_SCREEN_H
#define RS_MAP_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "nav.h"

#define RS_MAP_CLASSES 5

/* A shape's part in an incident: bits. */
enum { RS_MAP_ACCUSER = 1, RS_MAP_ACCUSED = 2 };

/* One country of the world map: its shape and what the collection says. */
typedef struct rs_map_country {
    const rs_map_shape *shape; /* in the model's world */
    char *name;                /* in the UI language; NULL when not in the collection */
    int64_t count;             /* statements */
    int klass;                 /* 0: no statements (not tappable); 1..class_count */
    unsigned roles;            /* incident map: RS_MAP_ACCUSER | RS_MAP_ACCUSED as a party itself */
    unsigned member_roles;     /* the same as a member of an organisation that has them */
} rs_map_country;

/* An incident's party without territory on the map (a company, an
 * organisation with no member shape): a labelled badge at the map's edge. */
typedef struct rs_map_badge {
    char code[RS_PARTY_CODE_SIZE];
    char *name;
    unsigned roles;
} rs_map_badge;

/* An arrow of the incident map, from an accuser to an accused: each end a
 * party with territory (index into marks) or a badge (index into badges). */
typedef struct rs_map_end {
    bool badge;
    size_t index;
} rs_map_end;

/* A party of the incident with territory: its name at its arrow end, in
 * map units: its own shape's centroid, or for an organisation the mean of
 * its members' centroids weighted by their areas (NATO's lands in the
 * Atlantic between its members). */
typedef struct rs_map_mark {
    float x, y;
    char code[RS_PARTY_CODE_SIZE]; /* the party's: its page */
    char *name;                    /* its short name when it has one ("NATO") */
    unsigned roles;
} rs_map_mark;

typedef struct rs_map_arrow {
    rs_map_end from, to;
} rs_map_arrow;

typedef struct rs_map_screen {
    rs_world_map world;        /* owned */
    rs_map_country *countries; /* one per world shape, in the world's order */
    size_t country_count;
    int class_count;           /* classes in use, 0..RS_MAP_CLASSES */
    int64_t class_min[RS_MAP_CLASSES + 1], class_max[RS_MAP_CLASSES + 1]; /* by class, 1-based */
    bool incident;             /* map/SLUG: highlights and arrows instead of classes */
    rs_map_badge *badges;
    size_t badge_count;
    rs_map_mark *marks;
    size_t mark_count;
    rs_map_arrow *arrows;
    size_t arrow_count;
    bool has_focus;            /* incident: the box of its highlighted shapes */
    float focus_x0, focus_y0, focus_x1, focus_y1;
} rs_map_screen;

/* One party of an incident, as the model takes it: code, name, roles
 * (rs_roles' words, "accuser accused") and, for an organisation, the codes
 * of its member countries. */
typedef struct rs_map_party {
    const char *code, *name, *roles; /* name: the short name when there is one */
    const char *const *members;
    size_t member_count;
} rs_map_party;

/* The model of world (taken: cleared here, also on failure) with the
 * collection's parties and their statement counts (countries as
 * rs_bundle_countries gives them) and, for an incident's map, its parties
 * (NULL for the world map). Never fails; caller destroys. */
rs_map_screen *rs_map_screen_create(rs_world_map *world, const rs_facet_list *countries, const rs_map_party *parties,
                                    size_t party_count, bool incident);
void rs_map_screen_destroy(rs_map_screen *map);

/* Whether map point (x, y) is inside one of shape's triangles (edges
 * included); its box is tested first. */
bool rs_map_shape_holds(const rs_map_shape *shape, double x, double y);

/* The country whose triangles hold map point (x, y) (the same triangles
 * that are drawn), or -1 for the sea. Only shapes whose box holds the
 * point are tested. */
long rs_map_screen_country_at(const rs_map_screen *map, double x, double y);

/* ---- the screen (screen.c builds map and map/SLUG through this) ---- */

typedef struct rs_screen rs_screen;

/* Fills s (zeroed by the caller) as the world map, or entry's incident's
 * map: crumb, heading, the model in s->map. False with a sentence in error
 * when the bundle has no such incident or cannot be read. */
bool rs_map_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error,
                         size_t error_size);

#endif
