/*
 * The world map's data: every country's outline from DCW-GMT (the Digital
 * Chart of the World as packaged for GMT, Debian's gmt-dcw), projected with
 * Equal Earth, simplified to what a kiosk screen shows, triangulated, and
 * written into the bundle's map_shape table (bundle_format.h RS_MAP_*).
 *
 * world.c reads the netCDF file and assembles the shapes; world_geom.c holds
 * the geometry (projection, simplification, triangulation), which the tests
 * call directly.
 */
#ifndef RS_WORLD_H
#define RS_WORLD_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RS_WORLD_DEFAULT_PATH "/usr/share/gmt-dcw/dcw-gmt.nc"
#define RS_WORLD_PACKAGE "gmt-dcw"

/* Simplification tolerance in map units (Equal Earth, radius 1). The whole
 * world is 5.413 units wide; on a 1920-pixel-wide full-world view a pixel is
 * 0.00282 units, so 0.0014 moves no outline by more than half a pixel there
 * (about 9 km on the ground at the equator). At the viewer's x8 zoom the
 * same error is 4 px: coarse coasts, but every border where it belongs. */
#define RS_WORLD_TOLERANCE 0.0014
/* A part (island, exclave) smaller than this many square map units is
 * dropped unless it is its country's largest: two pixels' area at 1920 px
 * wide, which would be invisible or a speck. */
#define RS_WORLD_MIN_PART_AREA (2.0 * 0.00282 * 0.00282)

/* One country's shape, ready for map_shape. Coordinates in map units. */
typedef struct rs_world_shape {
    char code[3];
    float x0, y0, x1, y1, cx, cy, area;
    float *xy;            /* 2 * vertex_count */
    uint32_t vertex_count;
    uint16_t *triangles;  /* 3 * triangle_count */
    uint32_t triangle_count;
    uint16_t *ring_ends;  /* ring_count */
    uint32_t ring_count;
} rs_world_shape;

typedef struct rs_world rs_world;

/* Reads every country (the two-letter variables; states are skipped) of a
 * DCW-GMT netCDF file and builds its shape. NULL with one line in error
 * when the file is missing or damaged (never a crash on a bad file). The
 * result is shared and read-only: the same file loaded again in the same
 * process (unchanged: device, inode, size and time) gives the same world
 * without reading it; each load takes one rs_world_destroy. */
rs_world *rs_world_load(const char *path, char *error, size_t error_size);
void rs_world_destroy(rs_world *world);

/* The shapes in code order; valid until the world is destroyed. */
size_t rs_world_count(const rs_world *world);
const rs_world_shape *rs_world_shape_at(const rs_world *world, size_t index);
/* Triangles that fell back to a fan (an outline ear clipping could not
 * finish, e.g. self-touching after simplification). */
size_t rs_world_fallbacks(const rs_world *world);

/* Writes the shapes into db's map_shape and the meta keys map_source and
 * map_projection, inside the caller's transaction. false on an SQLite
 * error (its message is the connection's). */
bool rs_world_write(const rs_world *world, sqlite3 *db);

/* ---- geometry (world_geom.c) ---- */

/* Equal Earth (Savric, Patterson and Jenny 2018) on a sphere of radius 1,
 * degrees in, map units out, y pointing SOUTH. */
void rs_equal_earth(double lon_deg, double lat_deg, double *x, double *y);

/* Douglas-Peucker on a closed ring of n points (xy pairs, no repeated
 * closing point): keeps a subset in place, returns how many (at least 3
 * when n >= 3 and the ring is not degenerate). */
size_t rs_simplify_ring(double *xy, size_t n, double tolerance);

/* Signed area (positive counter-clockwise in x-east, y-north terms). */
double rs_ring_area(const double *xy, size_t n);

/* Triangulates a polygon: ring 0 (vertices [0, ends[0])) is the outer
 * outline, rings 1.. are its holes. Writes index triples into triangles
 * (room for 3 * (vertex count + 2 * ring_count) entries) and returns the
 * number of triangles. Ear clipping; when no ear can be found (collinear,
 * duplicate or self-touching points) the rest is fanned, and *fallbacks
 * counts it. Always terminates. */
size_t rs_triangulate(const double *xy, const uint32_t *ring_ends, size_t ring_count, uint32_t *triangles,
                      size_t *fallbacks);

/* Whether (px, py) is inside the polygon (even-odd over every ring). */
bool rs_point_in_rings(const double *xy, const uint32_t *ring_ends, size_t ring_count, double px, double py);

#endif
