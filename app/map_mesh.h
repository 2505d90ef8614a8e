/*
 * Triangles of one colour, built in window pixels for RS_DRAW_TRIANGLES
 * (draw.h), which is the renderer's only shape that is not a rectangle: the
 * map's fills, and its lines (borders, hatching, arrows) as thin quads.
 * Pure arithmetic into growing arrays; no SDL. A mesh keeps its arrays from
 * frame to frame (cleared, not freed), so a steady frame allocates nothing.
 */
#ifndef RS_MAP_MESH_H
#define RS_MAP_MESH_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"

typedef struct rs_mesh {
    float *xy;    /* 2 floats a vertex */
    int *indices; /* 3 a triangle */
    int vertex_count, index_count;
    size_t vertex_capacity, index_capacity;
} rs_mesh;

/* Empties mesh, keeping its arrays; rs_mesh_free releases them. */
void rs_mesh_clear(rs_mesh *mesh);
void rs_mesh_free(rs_mesh *mesh);

/* Room for vertices more vertices and indices more indices (so that a
 * caller can write them straight into xy and indices). */
void rs_mesh_reserve(rs_mesh *mesh, int vertices, int indices);

/* A vertex; its index. */
int rs_mesh_vertex(rs_mesh *mesh, float x, float y);
void rs_mesh_triangle(rs_mesh *mesh, int a, int b, int c);

/* The pixels of triangles (xy and indices as RS_DRAW_TRIANGLES gives
 * them) as spans one row high, for a renderer that fills rows far faster
 * than it fills triangles (SDL 2's software renderer visits every pixel of
 * a triangle's box and tests it: about 6 ns a pixel, against well under 1
 * for a row; a screen of land cost 12 ms at 1920x1080). A pixel is in when
 * its centre is inside a triangle; a centre on an edge two triangles share
 * goes to exactly one of them, so a mesh's spans never overlap or leave a
 * gap. Only rows y0 <= y < y1 and columns x0 <= x < x1; triangles with an
 * index out of range or a coordinate that is not finite are left out.
 * Appends to *spans (grown), returns how many there are now. */
size_t rs_mesh_spans(const float *xy, int vertex_count, const int *indices, int index_count, int x0, int y0, int x1,
                     int y1, rs_rect **spans, size_t *count, size_t *capacity);

/* Polygons of one colour filled by scanline (the map's land): their rings'
 * edges, collected frame by frame (cleared, not freed), then turned into
 * spans one row high, one span per run of land per row. A pixel is in when
 * its centre is inside by the even-odd rule over every ring added, so a
 * hole is a ring, two rings sharing an edge fill as one run with no seam,
 * and the cost is edges plus spans: neither pixels nor triangles. */
typedef struct rs_scan {
    float *edges; /* 4 floats an edge: its upper end, then its lower one */
    size_t edge_count, edge_capacity;
    float *cross;                 /* work: crossings by row */
    size_t cross_capacity;
    size_t *row_at;               /* work: where each row's crossings begin */
    size_t row_capacity;
} rs_scan;

void rs_scan_clear(rs_scan *scan);
void rs_scan_free(rs_scan *scan);

/* Adds the ring through count points (2 floats each, window px; closed
 * back to the first). A ring with a coordinate that is not finite or
 * beyond +-RS_SCAN_LIMIT px is left out whole (one edge less would turn
 * the rest of its rows inside out). */
#define RS_SCAN_LIMIT 1e7f
void rs_scan_ring(rs_scan *scan, const float *xy, int count);

/* The spans (h = 1) of everything added, within rows y0 <= y < y1 and
 * columns x0 <= x < x1, top to bottom and left to right, none overlapping
 * or touching another of its row. Appends to *spans (grown), returns how
 * many there are now. */
size_t rs_scan_spans(rs_scan *scan, int x0, int y0, int x1, int y1, rs_rect **spans, size_t *count,
                     size_t *capacity);

/* A thin line from (xa, ya) to (xb, yb) as spans: in each row it passes,
 * the pixels its stretch in that row passes through (at least one),
 * widened by thick - 1 px (thick 1 or 2) to the right when it is steep,
 * down when it is shallow. Only within (x0, y0)-(x1, y1); nothing
 * for an end that is not finite. Appends to *spans (grown). Far cheaper
 * than a quad's triangles for a border a pixel or two wide. */
void rs_line_spans(float xa, float ya, float xb, float yb, int thick, int x0, int y0, int x1, int y1,
                   rs_rect **spans, size_t *count, size_t *capacity);

/* Hatching of land given as spans (h = 1, as rs_scan_spans gives them):
 * lines at 45 degrees (x + y constant; with cross also x - y constant)
 * spacing px apart through the origin, width px thick, as spans: in each
 * row, the pixels whose centre is less than width / 2 from a line, within
 * the land's spans. The lines are where rs_mesh_hatch puts them, but the
 * cost is the spans made (about the land's px over spacing), not the
 * triangles of the land. Appends to *spans (grown). */
void rs_hatch_spans(const rs_rect *land, size_t n, float spacing, bool cross, float width, rs_rect **spans,
                    size_t *count, size_t *capacity);

/* Shapes, each its own vertices. A segment width px thick (a quad; none
 * when the ends coincide); a rectangle; a disc of radius r; a ring of
 * radius r (its middle) width px thick. */
void rs_mesh_segment(rs_mesh *mesh, float x0, float y0, float x1, float y1, float width);
void rs_mesh_rect(rs_mesh *mesh, float x, float y, float w, float h);
void rs_mesh_disc(rs_mesh *mesh, float cx, float cy, float r);
void rs_mesh_ring(rs_mesh *mesh, float cx, float cy, float r, float width);

/* The polyline through count points (2 floats each) as one strip width px
 * thick, mitred at its joints (a mitre at most 2 widths long). */
void rs_mesh_polyline(rs_mesh *mesh, const float *points, int count, float width);

/* Hatching of triangle abc (window px): lines at 45 degrees (x + y
 * constant; with cross also x - y constant) spacing px apart through the
 * window's origin, width px thick, only where the triangle meets the box
 * (bx0, by0)-(bx1, by1) (the area on screen), so a triangle far larger than
 * the window costs no more than the window. */
void rs_mesh_hatch(rs_mesh *mesh, const float *a, const float *b, const float *c, float spacing, bool cross,
                   float width, float bx0, float by0, float bx1, float by1);

/* A curved arrow from (x0, y0) to (x1, y1): a quadratic Bezier bent
 * sideways by bend times its length (to the left of its direction for a
 * positive bend), its first trim0 and last trim1 px left out, width px
 * thick, with a head head px long at its end. Nothing when it is too short for
 * its trims and head. */
void rs_mesh_arrow(rs_mesh *mesh, float x0, float y0, float x1, float y1, float bend, float trim0, float trim1,
                   float width, float head);

#endif
