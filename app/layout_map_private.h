/*
 * The world map's layout, shared by its files (issue 14, "World map"):
 * layout_map.c (the model's state, the view, a frame's order),
 * layout_map_shapes.c (the land, its highlights and the raster of rows,
 * taps on shapes) and layout_map_labels.c (names, an incident's marks,
 * badges and arrows, the legend, the zoom buttons). See layout_map.c's top.
 */
#ifndef RS_LAYOUT_MAP_PRIVATE_H
#define RS_LAYOUT_MAP_PRIVATE_H

#include "layout_private.h"

#include <stdio.h>

#include "map_mesh.h"
#include "map_raster.h"
#include "map_view.h"

/* The fills: neutral land, the five classes, an incident's two sides. */
enum { FILL_LAND, FILL_CLASS, FILL_ACCUSER = FILL_CLASS + RS_MAP_CLASSES, FILL_ACCUSED, FILL_COUNT };

/* The raster's layers (map_raster.h). */
enum { LAYER_FILL, LAYER_BORDER = LAYER_FILL + FILL_COUNT, LAYER_COUNT };
_Static_assert(LAYER_COUNT <= RS_MAP_RASTER_LAYERS, "the raster has a layer for each");

/* What a frame draws, in drawing order. The fills and the thin borders
 * are layers of m->raster (LAYER_*); MESH_HATCH to MESH_DOT_BORDER are
 * layers of m->marks (layer = mesh - MESH_HATCH; MESH_BORDER's is empty),
 * their meshes only work while rasterising (MESH_FILL: a shape's
 * vertices); the halo, arrows and legend are triangles made each frame. */
enum {
    MESH_FILL,
    MESH_HATCH = MESH_FILL + FILL_COUNT,
    MESH_HATCH_ACCUSED,
    MESH_BORDER,
    MESH_THICK,
    MESH_DOT,
    MESH_DOT_BORDER = MESH_DOT + FILL_COUNT,
    MESH_HALO,
    MESH_ARROW,
    MESH_LEGEND, /* the legend's patterns, drawn over its panel */
    MESH_COUNT
};
_Static_assert(MESH_HALO - MESH_HATCH <= RS_MAP_RASTER_LAYERS, "the highlights' raster has a layer for each");

typedef struct rs_map_layout {
    /* per model and size (rs_layout_build_map) */
    const rs_map_screen *model;
    size_t *by_count; /* collection countries, most statements first: who is labelled first */
    size_t *by_area;  /* collection countries, largest first: small targets are added last */
    size_t collection_count;
    int *name_w, *mark_w, *badge_w;
    char legend[RS_MAP_CLASSES + 2][80];
    int legend_count;
    /* per frame */
    rs_mesh mesh[MESH_COUNT];
    rs_scan land[FILL_COUNT]; /* each fill's rings, filled as rows (RS_DRAW_RECTS) */
    /* The last rasterisation (map_raster.h): a layer of rows for each
     * fill's land (LAYER_FILL + fill) and the thin borders (LAYER_BORDER),
     * reused while only the origin has moved, so a pan frame only copies
     * rows. */
    rs_map_raster raster;
    /* The highlights' rows (a layer for each mesh from MESH_HATCH to
     * MESH_DOT_BORDER: hatching, thick outlines, dots), kept alike. */
    rs_map_raster marks;
    rs_scan hatch[RS_MAP_CLASSES + 1]; /* hatched land by pattern, while rasterising */
    float hatch_spacing[RS_MAP_CLASSES + 1];
    bool hatch_cross[RS_MAP_CLASSES + 1];
    rs_rect *land_rows; /* a pattern's land as rows, while rasterising */
    size_t land_count, land_capacity;
    /* What the layer of land, borders and highlights is made of
     * (RS_DRAW_LAYER): a new number, unique in the process, whenever
     * the rows' key or colours change, so that render keeps a layer only
     * as long as its rows are the same ones moved. */
    unsigned long long layer_key;
    rs_map_raster_key layer_raster_key; /* what its rows were made for */
    rs_color layer_colors[MESH_LEGEND]; /* of the last frame's meshes (map_rgba) */
    bool scaling;                  /* this frame is a pinch's: rows may be scaled */
    bool land_scaled, marks_scaled; /* this frame draws them scaled */
    float *ring_xy; /* a shape's window vertices while rasterising */
    size_t ring_capacity;
    rs_map_transform transform; /* of the frame drawn: taps go through it */
    rs_rect *placed;            /* labels and panels drawn: labels never overlap */
    size_t placed_count, placed_capacity;
    float *badge_xy;            /* each badge's arrow end this frame */
    unsigned char *visible;     /* by country: 0 off screen, 1 on it, 2 with a point of its own in point */
    float *point;
    rs_rect *badge_rect;
    int legend_w[RS_MAP_CLASSES + 2], title_w, plus_w, minus_w;
} rs_map_layout;

typedef struct frame_box {
    float x0, y0, x1, y1; /* the area in window px */
} frame_box;


static inline bool map_high_contrast(const rs_theme *t)
{
    /* rs_theme_make's black-on-white is the only theme whose two sides
     * share a colour (their labels tell them apart). */
    return t->accuse.r == t->answer.r && t->accuse.g == t->answer.g && t->accuse.b == t->answer.b;
}

/* The palette step of class k (1-based) of count classes: spread over the
 * scale, so that two classes are its two ends. */
static inline int map_palette_step(int k, int count)
{
    if (count <= 1)
        return 2;
    k = k < 1 ? 1 : k > count ? count : k;
    return (k - 1) * (RS_MAP_CLASSES - 1) / (count - 1);
}

static inline float map_px(const rs_theme *t, float at_480)
{
    return at_480 * (float)t->short_side / 480.0f;
}

static inline rs_color map_fill_color(const rs_theme *t, int fill, int class_count)
{
    /* ColorBrewer YlGnBu, 6 classes, the last five (see the top). */
    static const rs_color ylgnbu[RS_MAP_CLASSES] = {
        {0xC7, 0xE9, 0xB4, 0xFF}, {0x7F, 0xCD, 0xBB, 0xFF}, {0x41, 0xB6, 0xC4, 0xFF},
        {0x2C, 0x7F, 0xB8, 0xFF}, {0x25, 0x34, 0x94, 0xFF},
    };
    if (map_high_contrast(t)) {
        bool solid = fill >= FILL_CLASS && fill < FILL_ACCUSER &&
                     map_palette_step(fill - FILL_CLASS + 1, class_count) == RS_MAP_CLASSES - 1;
        return solid ? t->text : t->surface;
    }
    if (fill >= FILL_CLASS && fill < FILL_ACCUSER)
        return ylgnbu[map_palette_step(fill - FILL_CLASS + 1, class_count)];
    /* An incident's sides: their thread colours, lightened to 35 % over
     * white, so that names and arrows read on them. */
    rs_color side = fill == FILL_ACCUSER ? t->accuse : t->answer;
    if (fill == FILL_ACCUSER || fill == FILL_ACCUSED)
        return (rs_color){(uint8_t)(255 - (255 - side.r) * 35 / 100), (uint8_t)(255 - (255 - side.g) * 35 / 100),
                          (uint8_t)(255 - (255 - side.b) * 35 / 100), 0xFF};
    return (rs_color){0xE4, 0xE4, 0xDE, 0xFF};
}

/* High contrast: a class's hatching (spacing 0: none or solid). */
static inline void map_class_hatch(const rs_theme *t, int klass, int class_count, float *spacing, bool *cross)
{
    static const float spacings[RS_MAP_CLASSES] = {12, 7, 10, 6, 0};
    int step = map_palette_step(klass, class_count);
    *spacing = map_px(t, spacings[step]);
    *cross = step >= 2;
}

static inline rs_color map_border_color(const rs_theme *t)
{
    return map_high_contrast(t) ? t->text : (rs_color){0x8F, 0x8F, 0x89, 0xFF};
}

static inline void map_shape_box(const rs_map_transform *tr, const rs_map_shape *s, float *x0, float *y0, float *x1,
                                 float *y1)
{
    rs_map_to_window(tr, s->x0, s->y0, x0, y0);
    rs_map_to_window(tr, s->x1, s->y1, x1, y1);
}

/* A party's page: countries/CODE. */
static inline rs_action map_party_action(const char *code)
{
    rs_action action = {.kind = RS_ACT_ROUTE};
    action.route.kind = RS_ROUTE_COUNTRY;
    snprintf(action.route.code, sizeof action.route.code, "%s", code);
    return action;
}

static inline rs_action map_country_action(const rs_map_country *c)
{
    return map_party_action(c->shape->code);
}

/* ---- layout_map_shapes.c ---- */

/* rs_target_list.contains for a country's target (its drawn triangles). */
bool rs_layout_map_contains(const void *context, int shape, int x, int y);
/* The visible countries: rows rasterised when the raster no longer serves,
 * this frame's highlights, and the collection's targets. */
void rs_layout_map_shapes(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_target_list *targets);
/* The land, borders and highlights as commands, in drawing order. */
void rs_layout_map_emit(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out);

/* ---- layout_map_labels.c ---- */

bool rs_layout_map_place(rs_map_layout *m, rs_rect r, rs_rect area);
void rs_layout_map_names(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                         rs_target_list *targets);
void rs_layout_map_place_badges(rs_map_layout *m, const rs_theme *t, rs_rect area);
void rs_layout_map_badges(rs_map_layout *m, const rs_theme *t, rs_draw_list *out, rs_target_list *targets);
void rs_layout_map_arrows(rs_map_layout *m, const rs_theme *t);
void rs_layout_map_marks(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                         rs_target_list *targets);
rs_rect rs_layout_map_legend_rect(const rs_map_layout *m, const rs_theme *t, rs_rect area);
void rs_layout_map_legend(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                          rs_target_list *targets);
void rs_layout_map_zoom_buttons(const rs_theme *t, rs_rect area, rs_rect *plus, rs_rect *minus);
void rs_layout_map_button(const rs_theme *t, const rs_frame *f, rs_rect r, const char *label, int label_w, int step,
                          bool enabled, rs_draw_list *out, rs_target_list *targets);

#endif
