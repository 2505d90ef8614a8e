/*
 * The map's panning cache (issue 14): layers of rows (RS_DRAW_RECTS, one
 * row high or a few px) rasterised once for a key (the model, the scale,
 * the area, the theme's size) and an origin, over a window larger than the
 * area (covered). While only the origin moves, by whole px, and the area
 * stays inside what is covered, a frame only moves and clips the rows
 * (rs_map_raster_show) instead of rasterising again. While a pinch
 * changes the scale, a frame may draw them scaled instead
 * (rs_map_raster_show_scaled), until the pinch ends. Pure: no SDL, no
 * model; the layout (layout_map_shapes.c) fills the layers.
 */
#ifndef RS_MAP_RASTER_H
#define RS_MAP_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"

/* What the rows depend on besides the origin. */
typedef struct rs_map_raster_key {
    const void *model;
    double scale;
    rs_rect area;
    int short_side;
    bool high_contrast; /* the highlights' patterns differ */
} rs_map_raster_key;

/* One layer's rows, in the window px of the origin they were made at. */
typedef struct rs_map_rows {
    rs_rect *rows;
    size_t count, capacity;
    int tallest; /* the tallest row's h, once rs_map_raster_order has run */
} rs_map_rows;

#define RS_MAP_RASTER_LAYERS 16

typedef struct rs_map_raster {
    bool valid;
    rs_map_raster_key key;
    double ox, oy;   /* the origin the rows were made at */
    rs_rect covered; /* what they cover, in those px */
    bool whole;      /* covered holds everything there is to draw, to the last px (set by the caller) */
    rs_map_rows layer[RS_MAP_RASTER_LAYERS];
    rs_rect *shown;  /* a frame's rows: moved and clipped */
    size_t shown_count, shown_capacity;
} rs_map_raster;

/* Whether the rows serve a frame with this key and origin: the same key,
 * the origin moved by whole px, the area inside what is covered, or
 * anywhere when that is everything (whole). */
bool rs_map_raster_serves(const rs_map_raster *r, const rs_map_raster_key *key, double ox, double oy);

/* Empties every layer and records what the rows about to be added are
 * for (valid from now on). */
void rs_map_raster_begin(rs_map_raster *r, const rs_map_raster_key *key, double ox, double oy, rs_rect covered);

/* Puts every layer's rows top to bottom (as rs_scan gives them already)
 * once they are all added, so that a frame visits only the rows of its
 * own band (rs_map_raster_show): a raster of the whole world then costs
 * a frame little more than one of the area. */
void rs_map_raster_order(rs_map_raster *r);

/* Starts a frame at origin (ox, oy): room in r->shown for every layer's
 * rows at once (so commands may point into it). */
void rs_map_raster_frame(rs_map_raster *r);

/* The layer's rows moved from the raster's origin to (ox, oy) and clipped
 * to area, appended to r->shown; returns where they start, *n how many. */
const rs_rect *rs_map_raster_show(rs_map_raster *r, int layer, double ox, double oy, rs_rect area, size_t *n);

/* Whether the rows, made at another scale, serve a frame of key at
 * (ox, oy, scale) drawn scaled (rs_map_raster_show_scaled): the same key
 * but for its scale, and the area, taken back to the raster's px, inside
 * what is covered, or everything covered (whole). For the frames of a
 * pinch, which must not rasterise the world again each frame. */
bool rs_map_raster_serves_scaled(const rs_map_raster *r, const rs_map_raster_key *key, double ox, double oy);

/* As rs_map_raster_show, but each row taken from the raster's origin and
 * scale to (ox, oy, scale): its edges scaled about the origins and rounded
 * to whole px, so that rows which touched still touch (none overlap more
 * than rounding, none leaves a gap), then clipped to area. Rows that
 * shrink to nothing are left out. */
const rs_rect *rs_map_raster_show_scaled(rs_map_raster *r, int layer, double ox, double oy, double scale, rs_rect area,
                                         size_t *n);

/* Releases the rows; r is empty and invalid after. */
void rs_map_raster_free(rs_map_raster *r);

#endif
