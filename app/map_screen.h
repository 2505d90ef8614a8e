/*
 * The world map's model (issue 14, "World map"): every country's shape
 * from the bundle (triangles drawn, outlines stroked), the collection's
 * countries with their statement counts and colour class, and for an
 * incident's map its accusers and accused. Plain data, no SDL.
 */
#ifndef RS_MAP_SCREEN_H
#define RS_MAP_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "nav.h"

typedef struct rs_map_screen rs_map_screen;

void rs_map_screen_destroy(rs_map_screen *map);

/* ---- the screen (screen.c builds map and map/SLUG through this) ---- */

typedef struct rs_screen rs_screen;

/* Fills s (zeroed by the caller) as the world map, or entry's incident's
 * map: crumb, heading, the model in s->map. False with a sentence in error
 * when the bundle has no such incident or cannot be read. */
bool rs_map_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error,
                         size_t error_size);

#endif
