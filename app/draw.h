/*
 * The draw list: what layout asks render to draw, as plain data.
 *
 * Layout knows no pixels' source (no SDL): it appends rectangles, outlines
 * and text runs here, and render walks the list. Text is referenced by
 * pointer and length into strings owned by the screen model or the layout
 * cache, which outlive the frame.
 */
#ifndef RS_DRAW_H
#define RS_DRAW_H

#include <stddef.h>

#include "theme.h"

typedef struct rs_rect {
    int x, y, w, h;
} rs_rect;

typedef enum rs_draw_kind {
    RS_DRAW_FILL,    /* filled rectangle */
    RS_DRAW_OUTLINE, /* rectangle outline of thickness */
    RS_DRAW_TEXT,    /* one line of text; rect.x/y is its top-left */
    RS_DRAW_CLIP,    /* clip following commands to rect (w = 0: no clip) */
    RS_DRAW_TRIANGLES, /* triangles of one colour: xy (2 floats a vertex, window px), indices (3 a
                        * triangle); rect is their bounding box (what they may paint) */
    RS_DRAW_RECTS,     /* filled rectangles of one colour: rects (rect_count); rect is their bounding box */
    RS_DRAW_LAYER,     /* the next layer_count commands are a layer render may keep (rs_draw_layer) */
} rs_draw_kind;

typedef struct rs_draw_command {
    rs_draw_kind kind;
    rs_rect rect;
    rs_color color;
    int thickness;
    rs_text_style style;
    const char *text;
    size_t length;
    /* RS_DRAW_TRIANGLES: owned by the layout, alive until its next frame */
    const float *xy;
    const int *indices;
    int vertex_count, index_count;
    /* RS_DRAW_RECTS: owned by the layout, alive until its next frame */
    const rs_rect *rects;
    size_t rect_count;
    /* The mirrored UI (layout_mirror.c): when column_w > 0 the command is
     * part of a text laid out in its own direction within the column
     * [column_x, column_x + column_w), and moves with the column instead of
     * being mirrored. Render ignores it. */
    int column_x, column_w;
    /* RS_DRAW_LAYER (rs_draw_layer; additive, issue 14) */
    unsigned long long layer_key;
    int layer_x, layer_y;
    size_t layer_count;
} rs_draw_command;

typedef struct rs_draw_list {
    rs_draw_command *items;
    size_t count, capacity;
} rs_draw_list;

void rs_draw_clear(rs_draw_list *list);
void rs_draw_free(rs_draw_list *list);
void rs_draw_fill(rs_draw_list *list, rs_rect rect, rs_color color);
void rs_draw_outline(rs_draw_list *list, rs_rect rect, rs_color color, int thickness);
void rs_draw_text(rs_draw_list *list, int x, int y, rs_text_style style, rs_color color, const char *text,
                  size_t length);
void rs_draw_clip(rs_draw_list *list, rs_rect rect);
/* Triangles of one colour (map shapes, marks, thick lines): vertex_count
 * vertices in xy, index_count (a multiple of 3) indices below vertex_count,
 * all within bounds. The arrays must outlive the draw list's use. */
void rs_draw_triangles(rs_draw_list *list, rs_rect bounds, rs_color color, const float *xy, int vertex_count,
                       const int *indices, int index_count);
/* Rectangles of one colour (a map's land as rows): count of them in rects,
 * all within bounds; nothing when count is 0. The array must outlive the
 * draw list's use. */
void rs_draw_rects(rs_draw_list *list, rs_rect bounds, rs_color color, const rs_rect *rects, size_t count);
/* Starts a layer over rect (the map's land, borders and highlights) that
 * render may keep from frame to frame and only move: the commands added
 * until rs_draw_layer_end(list, returned index) must all be RS_DRAW_RECTS,
 * and what they paint over the screen's background at a px of rect
 * (colours included) must depend only on where the px is relative to
 * (x, y) for as long as key stays the same. So a new key for anything
 * new but the place, and (x, y) moved as the content moves; key 0 for
 * rows that cannot be kept (drawn as they are; what render keeps stays).
 * Render may then paint rect whole from its copy (the background where
 * no command paints) and draw only what a move uncovered. */
size_t rs_draw_layer(rs_draw_list *list, rs_rect rect, unsigned long long key, int x, int y);
/* Ends the layer rs_draw_layer started at index at: it holds the
 * commands added since. */
void rs_draw_layer_end(rs_draw_list *list, size_t at);

#endif
