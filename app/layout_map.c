/*
 * The world map's layout (issue 14, "World map"): the model's shapes,
 * through the view (map_view.h), with the heading, the legend and the zoom
 * buttons over them.
 *
 * Per frame only the shapes whose box meets the map area are transformed.
 * The land of each colour is filled as rows by scanline over all its
 * shapes' rings (map_mesh.h rs_scan, even-odd; RS_DRAW_RECTS), not as
 * their triangles: one row per run of land, with no seams where triangles
 * or countries of one colour meet (22,000 triangles at zoom 1 gave
 * hundreds of thousands of rows a frame). Thin borders are rows too
 * (rs_line_spans), one segment every 2.5 px or more. Hatching, thick
 * outlines, dots and arrows stay triangles (RS_DRAW_TRIANGLES, map_mesh.h).
 * Everything of one colour is one command: a frame is a few dozen.
 * Land and borders are rasterised once for a zoom and kept (map_raster.h):
 * a pan only moves and clips the rows, until it passes what they cover
 * (the whole zoomed world when it is small, else the area and a margin).
 *
 * Taps: a collection country's target is its box on screen with its shape
 * (rs_target.shape): rs_target_at then asks contains() below, which tests
 * the tapped pixel against the very triangles drawn, in map units through
 * the same transform. A country too small to hit gets a square target of
 * theme->target around its centroid (and a dot, so it can be seen), added
 * after the shapes so that it wins; the sea has no target.
 *
 * Colour: the classes are ColorBrewer's YlGnBu (Cynthia Brewer,
 * colorbrewer2.org: sequential, marked colour-blind safe), its 6-class
 * scheme less its lightest step so that the first class stands apart from
 * the quiet grey of countries with no statements. High contrast (the
 * theme's black-on-white) draws classes as hatching of growing density,
 * the last solid black, and an incident's parties as patterns and outlines:
 * never colour alone.
 */
#include "layout_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "map_mesh.h"
#include "map_raster.h"
#include "map_view.h"

/* The fills: neutral land, the five classes, an incident's two sides. */
enum { FILL_LAND, FILL_CLASS, FILL_ACCUSER = FILL_CLASS + RS_MAP_CLASSES, FILL_ACCUSED, FILL_COUNT };

/* The raster's layers (map_raster.h). */
enum { LAYER_FILL, LAYER_BORDER = LAYER_FILL + FILL_COUNT, LAYER_COUNT };
_Static_assert(LAYER_COUNT <= RS_MAP_RASTER_LAYERS, "the raster has a layer for each");

/* The meshes, in drawing order. */
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

/* ColorBrewer YlGnBu, 6 classes, the last five (see the top). */
static const rs_color ylgnbu[RS_MAP_CLASSES] = {
    {0xC7, 0xE9, 0xB4, 0xFF}, {0x7F, 0xCD, 0xBB, 0xFF}, {0x41, 0xB6, 0xC4, 0xFF},
    {0x2C, 0x7F, 0xB8, 0xFF}, {0x25, 0x34, 0x94, 0xFF},
};

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

static bool high_contrast(const rs_theme *t)
{
    /* rs_theme_make's black-on-white is the only theme whose two sides
     * share a colour (their labels tell them apart). */
    return t->accuse.r == t->answer.r && t->accuse.g == t->answer.g && t->accuse.b == t->answer.b;
}

static int heading_height(const rs_theme *t)
{
    return line_height(t, RS_STYLE_LABEL) + 2 * t->gap;
}

/* Where the map is drawn: the viewport under the heading's strip. */
static rs_rect map_area(const rs_theme *t, int width, int height)
{
    int top = t->bar_height + heading_height(t);
    return (rs_rect){0, top, width, height - top > 1 ? height - top : 1};
}

/* The palette step of class k (1-based) of count classes: spread over the
 * scale, so that two classes are its two ends. */
static int palette_step(int k, int count)
{
    if (count <= 1)
        return 2;
    k = k < 1 ? 1 : k > count ? count : k;
    return (k - 1) * (RS_MAP_CLASSES - 1) / (count - 1);
}

static float px(const rs_theme *t, float at_480)
{
    return at_480 * (float)t->short_side / 480.0f;
}

static rs_color fill_color(const rs_theme *t, int fill, int class_count)
{
    if (high_contrast(t)) {
        bool solid = fill >= FILL_CLASS && fill < FILL_ACCUSER &&
                     palette_step(fill - FILL_CLASS + 1, class_count) == RS_MAP_CLASSES - 1;
        return solid ? t->text : t->surface;
    }
    if (fill >= FILL_CLASS && fill < FILL_ACCUSER)
        return ylgnbu[palette_step(fill - FILL_CLASS + 1, class_count)];
    /* An incident's sides: their thread colours, lightened to 35 % over
     * white, so that names and arrows read on them. */
    rs_color side = fill == FILL_ACCUSER ? t->accuse : t->answer;
    if (fill == FILL_ACCUSER || fill == FILL_ACCUSED)
        return (rs_color){(uint8_t)(255 - (255 - side.r) * 35 / 100), (uint8_t)(255 - (255 - side.g) * 35 / 100),
                          (uint8_t)(255 - (255 - side.b) * 35 / 100), 0xFF};
    return (rs_color){0xE4, 0xE4, 0xDE, 0xFF};
}

/* High contrast: a class's hatching (spacing 0: none or solid). */
static void class_hatch(const rs_theme *t, int klass, int class_count, float *spacing, bool *cross)
{
    static const float spacings[RS_MAP_CLASSES] = {12, 7, 10, 6, 0};
    int step = palette_step(klass, class_count);
    *spacing = px(t, spacings[step]);
    *cross = step >= 2;
}

static rs_color border_color(const rs_theme *t)
{
    return high_contrast(t) ? t->text : (rs_color){0x8F, 0x8F, 0x89, 0xFF};
}

/* ---- per model and size ---- */

static const rs_map_screen *model_of(const rs_screen *s)
{
    return s->map;
}

static rs_map_layout *state(rs_layout *l)
{
    if (!l->map)
        l->map = rs_xcalloc(1, sizeof *l->map);
    return l->map;
}

static void forget_model(rs_map_layout *m)
{
    free(m->by_count), free(m->by_area), free(m->name_w), free(m->mark_w), free(m->badge_w), free(m->badge_xy);
    free(m->badge_rect), free(m->visible), free(m->point);
    m->badge_rect = NULL, m->visible = NULL, m->point = NULL;
    m->by_count = m->by_area = NULL;
    m->name_w = m->mark_w = m->badge_w = NULL;
    m->badge_xy = NULL;
    m->collection_count = 0;
    m->model = NULL;
}

static const rs_map_screen *sort_model;

static int compare_count(const void *a, const void *b)
{
    const rs_map_country *x = &sort_model->countries[*(const size_t *)a];
    const rs_map_country *y = &sort_model->countries[*(const size_t *)b];
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->shape->code, y->shape->code);
}

static int compare_area(const void *a, const void *b)
{
    const rs_map_country *x = &sort_model->countries[*(const size_t *)a];
    const rs_map_country *y = &sort_model->countries[*(const size_t *)b];
    if (x->shape->area != y->shape->area)
        return x->shape->area > y->shape->area ? -1 : 1;
    return strcmp(x->shape->code, y->shape->code);
}

static void build_legend(rs_map_layout *m, const rs_map_screen *model)
{
    m->legend_count = 0;
    if (model->incident) {
        snprintf(m->legend[m->legend_count++], sizeof m->legend[0], "%s", P_("map legend", "Accuser"));
        snprintf(m->legend[m->legend_count++], sizeof m->legend[0], "%s", P_("map legend", "Accused"));
        return;
    }
    for (int k = model->class_count; k >= 1; k--) {
        char lo[32], hi[32];
        rs_i18n_number(model->class_min[k], lo, sizeof lo);
        rs_i18n_number(model->class_max[k], hi, sizeof hi);
        if (model->class_min[k] == model->class_max[k])
            snprintf(m->legend[m->legend_count++], sizeof m->legend[0], "%s", lo);
        else
            snprintf(m->legend[m->legend_count++], sizeof m->legend[0], "%s–%s", lo, hi);
    }
    snprintf(m->legend[m->legend_count++], sizeof m->legend[0], "%s", _("No statements"));
}

void rs_layout_build_map(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height)
{
    (void)t, (void)width, (void)height;
    rs_map_layout *m = state(l);
    forget_model(m);
    m->raster.valid = false;
    l->content_height = 0; /* nothing scrolls: the view moves instead */
    const rs_map_screen *model = model_of(s);
    if (!model)
        return;
    m->model = model;
    m->by_count = rs_xcalloc(model->country_count + 1, sizeof *m->by_count);
    m->by_area = rs_xcalloc(model->country_count + 1, sizeof *m->by_area);
    m->name_w = rs_xcalloc(model->country_count + 1, sizeof *m->name_w);
    m->visible = rs_xcalloc(model->country_count + 1, sizeof *m->visible);
    m->point = rs_xcalloc(2 * model->country_count + 2, sizeof *m->point);
    for (size_t i = 0; i < model->country_count; i++) {
        const rs_map_country *c = &model->countries[i];
        if (!c->klass)
            continue;
        m->by_count[m->collection_count] = m->by_area[m->collection_count] = i;
        m->collection_count++;
        m->name_w[i] = text_width(l, RS_STYLE_SECONDARY, c->name, strlen(c->name));
    }
    sort_model = model;
    qsort(m->by_count, m->collection_count, sizeof *m->by_count, compare_count);
    qsort(m->by_area, m->collection_count, sizeof *m->by_area, compare_area);
    sort_model = NULL;
    m->mark_w = rs_xcalloc(model->mark_count + 1, sizeof *m->mark_w);
    for (size_t i = 0; i < model->mark_count; i++)
        m->mark_w[i] = text_width(l, RS_STYLE_SECONDARY, model->marks[i].name, strlen(model->marks[i].name));
    m->badge_w = rs_xcalloc(model->badge_count + 1, sizeof *m->badge_w);
    m->badge_xy = rs_xcalloc(2 * model->badge_count + 2, sizeof *m->badge_xy);
    m->badge_rect = rs_xcalloc(model->badge_count + 1, sizeof *m->badge_rect);
    for (size_t i = 0; i < model->badge_count; i++)
        m->badge_w[i] = text_width(l, RS_STYLE_SECONDARY, model->badges[i].name, strlen(model->badges[i].name));
    build_legend(m, model);
    for (int i = 0; i < m->legend_count; i++)
        m->legend_w[i] = text_width(l, RS_STYLE_SECONDARY, m->legend[i], strlen(m->legend[i]));
    const char *title = _("Statements");
    m->title_w = model->incident ? 0 : text_width(l, RS_STYLE_SECONDARY, title, strlen(title));
    m->plus_w = text_width(l, RS_STYLE_TITLE, "+", 1);
    m->minus_w = text_width(l, RS_STYLE_TITLE, "−", strlen("−"));
}

void rs_layout_map_free(rs_layout *l)
{
    rs_map_layout *m = l->map;
    if (!m)
        return;
    forget_model(m);
    for (int i = 0; i < MESH_COUNT; i++)
        rs_mesh_free(&m->mesh[i]);
    for (int i = 0; i < FILL_COUNT; i++)
        rs_scan_free(&m->land[i]);
    rs_map_raster_free(&m->raster);
    free(m->ring_xy);
    free(m->placed);
    free(m);
    l->map = NULL;
}

/* ---- the view ---- */

void rs_layout_map_first(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view)
{
    (void)l;
    rs_rect area = map_area(t, width, height);
    const rs_map_screen *m = model_of(s);
    if (m && m->incident && m->has_focus)
        *view = rs_map_view_fit(area, t->gap, t->target, m->focus_x0, m->focus_y0, m->focus_x1, m->focus_y1);
    else
        *view = rs_map_view_world();
}

bool rs_layout_map_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                       float dx, float dy)
{
    (void)l, (void)s;
    return rs_map_view_pan(map_area(t, width, height), t->gap, view, dx, dy);
}

bool rs_layout_map_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                        float factor, float x, float y)
{
    (void)l, (void)s;
    return rs_map_view_zoom(map_area(t, width, height), t->gap, view, factor, x, y);
}

/* ---- per frame: the shapes ---- */

/* rs_target_list.contains: whether the pixel (x, y) is in country shape's
 * triangles, through the transform of the frame that added the target. */
static bool contains(const void *context, int shape, int x, int y)
{
    const rs_map_layout *m = context;
    if (!m->model || shape < 0 || (size_t)shape >= m->model->country_count)
        return false;
    double mx, my;
    rs_map_from_window(&m->transform, x + 0.5, y + 0.5, &mx, &my);
    return rs_map_shape_holds(m->model->countries[shape].shape, mx, my);
}

typedef struct frame_box {
    float x0, y0, x1, y1; /* the area in window px */
} frame_box;

/* The fill of country c on this map. */
static int fill_of(const rs_map_screen *model, const rs_map_country *c)
{
    if (model->incident)
        return c->roles & RS_MAP_ACCUSER ? FILL_ACCUSER : c->roles & RS_MAP_ACCUSED ? FILL_ACCUSED : FILL_LAND;
    return c->klass ? FILL_CLASS + c->klass - 1 : FILL_LAND;
}

/* The shape's window vertices, into mesh from *first on (for hatching
 * and its tap point; its land is rows: rasterise()). */
static void fill_shape(rs_map_layout *m, const rs_map_shape *shape, rs_mesh *mesh, int *first)
{
    const rs_map_transform *tr = &m->transform;
    int base = mesh->vertex_count;
    *first = base;
    rs_mesh_reserve(mesh, (int)shape->vertex_count, 0);
    float *xy = mesh->xy + 2 * base;
    for (uint32_t v = 0; v < shape->vertex_count; v++) {
        xy[2 * v] = (float)(tr->ox + shape->xy[2 * v] * tr->scale);
        xy[2 * v + 1] = (float)(tr->oy + shape->xy[2 * v + 1] * tr->scale);
    }
    mesh->vertex_count += (int)shape->vertex_count;
}

/* The shape's visible triangles (in fill, from first) hatched into hatch. */
static void hatch_shape(const rs_map_shape *shape, const rs_mesh *fill, int first, rs_mesh *hatch, float spacing,
                        bool cross, float width, const frame_box *box)
{
    const float *xy = fill->xy + 2 * first;
    for (uint32_t i = 0; i < shape->triangle_count; i++) {
        const uint16_t *v = &shape->indices[3 * i];
        rs_mesh_hatch(hatch, &xy[2 * v[0]], &xy[2 * v[1]], &xy[2 * v[2]], spacing, cross, width, box->x0, box->y0,
                      box->x1, box->y1);
    }
}

/* The shape's rings as segments width px thick, a segment every min_px or
 * more, those wholly off the area left out: as quads into mesh, or with no
 * mesh as m->border's spans one or two px wide (a thin border: far fewer
 * rows than its quads' triangles give). */
static void stroke_shape(rs_map_layout *m, const rs_map_shape *shape, rs_mesh *mesh, float width, float min_px,
                         const frame_box *box)
{
    const rs_map_transform *tr = &m->transform;
    int thick = width >= 1.5f ? 2 : 1;
    rs_map_rows *border = &m->raster.layer[LAYER_BORDER];
    uint32_t start = 0;
    for (uint32_t r = 0; r < shape->ring_count; r++) {
        uint32_t end = shape->ring_ends[r];
        if (end <= start || end > shape->vertex_count)
            break;
        float fx = (float)(tr->ox + shape->xy[2 * start] * tr->scale);
        float fy = (float)(tr->oy + shape->xy[2 * start + 1] * tr->scale);
        float lx = fx, ly = fy;
        for (uint32_t v = start + 1; v <= end; v++) {
            bool closing = v == end;
            float x = closing ? fx : (float)(tr->ox + shape->xy[2 * v] * tr->scale);
            float y = closing ? fy : (float)(tr->oy + shape->xy[2 * v + 1] * tr->scale);
            if (!closing && fabsf(x - lx) + fabsf(y - ly) < min_px)
                continue;
            bool off = (x < box->x0 && lx < box->x0) || (x > box->x1 && lx > box->x1) ||
                       (y < box->y0 && ly < box->y0) || (y > box->y1 && ly > box->y1);
            if (!off && mesh)
                rs_mesh_segment(mesh, lx, ly, x, y, width);
            else if (!off)
                rs_line_spans(lx, ly, x, y, thick, (int)box->x0, (int)box->y0, (int)box->x1, (int)box->y1,
                              &border->rows, &border->count, &border->capacity);
            lx = x, ly = y;
        }
        start = end;
    }
}

/* The window box of a shape. */
static void shape_box(const rs_map_transform *tr, const rs_map_shape *s, float *x0, float *y0, float *x1, float *y1)
{
    rs_map_to_window(tr, s->x0, s->y0, x0, y0);
    rs_map_to_window(tr, s->x1, s->y1, x1, y1);
}

static rs_rect clip_rect(float x0, float y0, float x1, float y1, rs_rect area)
{
    int a = (int)floorf(fmaxf(x0, (float)area.x)), b = (int)floorf(fmaxf(y0, (float)area.y));
    int c = (int)ceilf(fminf(x1, (float)(area.x + area.w))), d = (int)ceilf(fminf(y1, (float)(area.y + area.h)));
    return (rs_rect){a, b, c > a ? c - a : 0, d > b ? d - b : 0};
}

/* A party's page: countries/CODE. */
static rs_action party_action(const char *code)
{
    rs_action action = {.kind = RS_ACT_ROUTE};
    action.route.kind = RS_ROUTE_COUNTRY;
    snprintf(action.route.code, sizeof action.route.code, "%s", code);
    return action;
}

static rs_action country_action(const rs_map_country *c)
{
    return party_action(c->shape->code);
}

/* A window point inside shape and inside the area: its centroid when that
 * is on screen, else the middle of its first triangle wholly on screen
 * (vertices from first in fill). False when there is none. */
static bool representative(const rs_map_transform *tr, const rs_mesh *fill, int first, const rs_map_shape *shape,
                           const frame_box *box, float *x, float *y)
{
    rs_map_to_window(tr, shape->cx, shape->cy, x, y);
    if (*x >= box->x0 && *x < box->x1 && *y >= box->y0 && *y < box->y1)
        return true;
    const float *xy = fill->xy + 2 * first;
    for (uint32_t i = 0; i < shape->triangle_count; i++) {
        const uint16_t *v = &shape->indices[3 * i];
        bool in = true;
        for (int k = 0; k < 3 && in; k++) {
            const float *p = &xy[2 * v[k]];
            in = p[0] >= box->x0 && p[0] < box->x1 && p[1] >= box->y0 && p[1] < box->y1;
        }
        if (in) {
            *x = (xy[2 * v[0]] + xy[2 * v[1]] + xy[2 * v[2]]) / 3;
            *y = (xy[2 * v[0] + 1] + xy[2 * v[1] + 1] + xy[2 * v[2] + 1]) / 3;
            return true;
        }
    }
    return false;
}

/* One visible country: its fill, pattern, outlines and dot; for a
 * collection country, whether it can be tapped and where (m->visible,
 * m->point). */
static void draw_country(rs_map_layout *m, const rs_theme *t, size_t i, const frame_box *box)
{
    const rs_map_screen *model = m->model;
    const rs_map_country *c = &model->countries[i];
    const rs_map_shape *shape = c->shape;
    bool hc = high_contrast(t);
    int fill = fill_of(model, c);
    rs_mesh *mesh = &m->mesh[MESH_FILL + fill];
    int first;
    fill_shape(m, shape, mesh, &first);
    float hatch_w = fmaxf(1, px(t, 1.2f));
    if (hc && !model->incident && c->klass) {
        float spacing;
        bool cross;
        class_hatch(t, c->klass, model->class_count, &spacing, &cross);
        if (spacing > 0)
            hatch_shape(shape, mesh, first, &m->mesh[MESH_HATCH], spacing, cross, hatch_w, box);
    }
    unsigned roles = c->roles | c->member_roles;
    if (roles & RS_MAP_ACCUSED)
        hatch_shape(shape, mesh, first, &m->mesh[hc ? MESH_HATCH : MESH_HATCH_ACCUSED], px(t, 7), false, hatch_w, box);
    float x0, y0, x1, y1;
    shape_box(&m->transform, shape, &x0, &y0, &x1, &y1);
    float size = fmaxf(x1 - x0, y1 - y0);
    if (roles & RS_MAP_ACCUSER)
        stroke_shape(m, shape, &m->mesh[MESH_THICK], (float)t->outline, 1.5f, box);
    /* A country too small to see: a dot at its centroid. */
    float dot = fmaxf(4, px(t, 5));
    if ((c->klass || c->roles) && size < 2 * dot) {
        float cx, cy;
        rs_map_to_window(&m->transform, shape->cx, shape->cy, &cx, &cy);
        rs_mesh_disc(&m->mesh[MESH_DOT + (hc ? FILL_CLASS + RS_MAP_CLASSES - 1 : fill)], cx, cy, dot);
        rs_mesh_ring(&m->mesh[MESH_DOT_BORDER], cx, cy, dot, fmaxf(1, px(t, 1)));
    }
    if (c->klass)
        m->visible[i] = representative(&m->transform, mesh, first, shape, box, &m->point[2 * i], &m->point[2 * i + 1]) ? 2 : 1;
}

/* The collection's visible countries as targets, largest first so that a
 * smaller one, tested first (rs_target_at goes from the last), wins where
 * their targets meet. Each is its shape (contains()) and a rect: a country
 * too small to hit gets theme->target's square around its centroid (it
 * wins over the shapes around it); another gets one pixel at a point of its
 * own (its centroid, or a triangle's middle when that is off screen), so
 * that the rect never takes a tap off the sea or a neighbour, and its
 * middle is a point that opens the country (keys, tests). */
static void add_targets(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_target_list *targets)
{
    for (size_t k = 0; k < m->collection_count; k++) {
        size_t i = m->by_area[k];
        if (!m->visible[i])
            continue;
        const rs_map_country *c = &m->model->countries[i];
        float x0, y0, x1, y1, cx, cy;
        shape_box(&m->transform, c->shape, &x0, &y0, &x1, &y1);
        rs_map_to_window(&m->transform, c->shape->cx, c->shape->cy, &cx, &cy);
        rs_rect r = {-1, -1, 0, 0};
        if (x1 - x0 < (float)t->target && y1 - y0 < (float)t->target) {
            float half = (float)t->target / 2;
            r = clip_rect(cx - half, cy - half, cx + half, cy + half, area);
        } else if (m->visible[i] == 2) {
            r = (rs_rect){(int)floorf(m->point[2 * i]), (int)floorf(m->point[2 * i + 1]), 1, 1};
        }
        rs_layout_add_target(targets, r, country_action(c), true);
        targets->items[targets->count - 1].shape = (int)i + 1;
    }
}

/* Whether shape s's box meets the window box b (through the transform). */
static bool meets(const rs_map_transform *tr, const rs_map_shape *s, const frame_box *b)
{
    double mx0, my0, mx1, my1;
    rs_map_from_window(tr, b->x0, b->y0, &mx0, &my0);
    rs_map_from_window(tr, b->x1, b->y1, &mx1, &my1);
    return !(s->x1 < mx0 || s->x0 > mx1 || s->y1 < my0 || s->y0 > my1);
}

/* What the raster's rows depend on besides the origin. */
static rs_map_raster_key raster_key(const rs_map_layout *m, const rs_theme *t, rs_rect area)
{
    return (rs_map_raster_key){m->model, m->transform.scale, area, t->short_side};
}

/* The zoomed world (every shape's box) is rasterised whole, so that
 * panning at this zoom never rasterises again, when it is at most this
 * many times the area's px: up to zoom 4 at 1920x1080, where the sample's
 * world is 11,800x5,800 px, about 300,000 rows (16 bytes each: 4.7 MB;
 * measured 147,000 at zoom 2 and 215,000 at zoom 3: rows grow with the
 * zoom, not its square). Closer, the area and a margin of half of it all
 * round (4x the area's px: 68,000 rows, 1.1 MB, at 1920x1080 zoom 4.5),
 * so that a drag leaves it about half as often as with a quarter;
 * panning past it rasterises again. */
#define WHOLE_WORLD 36.0

/* The window (px) a rasterisation covers: the area with its margin, and
 * the whole zoomed world when that is small enough (WHOLE_WORLD). */
static rs_rect raster_window(const rs_map_layout *m, rs_rect area)
{
    int mx = area.w / 2, my = area.h / 2;
    rs_rect c = {area.x - mx, area.y - my, area.w + 2 * mx, area.h + 2 * my};
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < m->model->country_count; i++) {
        float a, b, p, q;
        shape_box(&m->transform, m->model->countries[i].shape, &a, &b, &p, &q);
        x0 = fminf(x0, fminf(a, p)), x1 = fmaxf(x1, fmaxf(a, p));
        y0 = fminf(y0, fminf(b, q)), y1 = fmaxf(y1, fmaxf(b, q));
    }
    if (!(x1 > x0 && y1 > y0) || (double)(x1 - x0) * (y1 - y0) > WHOLE_WORLD * area.w * area.h)
        return c;
    int a = (int)floorf(fminf(x0, (float)c.x)) - 1, b = (int)floorf(fminf(y0, (float)c.y)) - 1;
    int p = (int)ceilf(fmaxf(x1, (float)(c.x + c.w))) + 1, q = (int)ceilf(fmaxf(y1, (float)(c.y + c.h))) + 1;
    return (rs_rect){a, b, p - a, q - b};
}

/* Moves every layer's rows by (dx, dy) px. */
static void shift_rows(rs_map_raster *r, int dx, int dy)
{
    for (int i = 0; i < RS_MAP_RASTER_LAYERS; i++)
        for (size_t k = 0; k < r->layer[i].count; k++)
            r->layer[i].rows[k].x += dx, r->layer[i].rows[k].y += dy;
}

/* Every country meeting the raster's window (raster_window), as rows:
 * each fill's land (its rings, rs_scan) and the thin borders
 * (rs_line_spans), in this frame's window px. The vertices are worked
 * out from a zero origin and the rows then moved by the (whole px)
 * origin: floats near the origin round alike wherever the map is panned,
 * so a raster made at another origin gives exactly these rows. */
static void rasterise(rs_map_layout *m, const rs_theme *t, rs_rect area)
{
    rs_map_transform *tr = &m->transform;
    rs_rect c = raster_window(m, area);
    frame_box cover = {(float)c.x, (float)c.y, (float)(c.x + c.w), (float)(c.y + c.h)};
    rs_map_raster_key key = raster_key(m, t, area);
    rs_map_raster_begin(&m->raster, &key, tr->ox, tr->oy, c);
    double ox = tr->ox, oy = tr->oy;
    int dx = (int)ox, dy = (int)oy;
    frame_box near = {cover.x0 - (float)dx, cover.y0 - (float)dy, cover.x1 - (float)dx, cover.y1 - (float)dy};
    for (int i = 0; i < FILL_COUNT; i++)
        rs_scan_clear(&m->land[i]);
    for (size_t i = 0; i < m->model->country_count; i++) {
        const rs_map_country *country = &m->model->countries[i];
        const rs_map_shape *shape = country->shape;
        if (!meets(tr, shape, &cover))
            continue;
        rs_grow(&m->ring_xy, &m->ring_capacity, 2 * (size_t)shape->vertex_count + 2, sizeof *m->ring_xy);
        for (uint32_t v = 0; v < 2 * shape->vertex_count; v += 2) {
            m->ring_xy[v] = (float)(shape->xy[v] * tr->scale);
            m->ring_xy[v + 1] = (float)(shape->xy[v + 1] * tr->scale);
        }
        rs_scan *land = &m->land[fill_of(m->model, country)];
        uint32_t start = 0;
        for (uint32_t r = 0; r < shape->ring_count; r++) {
            uint32_t end = shape->ring_ends[r];
            if (end <= start || end > shape->vertex_count)
                break;
            rs_scan_ring(land, m->ring_xy + 2 * start, (int)(end - start));
            start = end;
        }
        float x0, y0, x1, y1;
        shape_box(tr, shape, &x0, &y0, &x1, &y1);
        if (fmaxf(x1 - x0, y1 - y0) >= 3) {
            tr->ox = 0, tr->oy = 0;
            stroke_shape(m, shape, NULL, fmaxf(1, px(t, 0.8f)), 2.5f, &near);
            tr->ox = ox, tr->oy = oy;
        }
    }
    for (int i = 0; i < FILL_COUNT; i++) {
        rs_map_rows *rows = &m->raster.layer[LAYER_FILL + i];
        rs_scan_spans(&m->land[i], c.x - dx, c.y - dy, c.x + c.w - dx, c.y + c.h - dy, &rows->rows, &rows->count,
                      &rows->capacity);
    }
    shift_rows(&m->raster, dx, dy);
    rs_map_raster_order(&m->raster);
}

static void draw_shapes(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_target_list *targets)
{
    frame_box box = {(float)area.x, (float)area.y, (float)(area.x + area.w), (float)(area.y + area.h)};
    rs_map_raster_key key = raster_key(m, t, area);
    if (!rs_map_raster_serves(&m->raster, &key, m->transform.ox, m->transform.oy))
        rasterise(m, t, area);
    memset(m->visible, 0, m->model->country_count);
    for (size_t i = 0; i < m->model->country_count; i++)
        if (meets(&m->transform, m->model->countries[i].shape, &box))
            draw_country(m, t, i, &box);
    add_targets(m, t, area, targets);
}

static void emit_meshes(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out)
{
    bool hc = high_contrast(t);
    int classes = m->model->class_count;
    /* The raster's rows, moved to this frame's origin. */
    double ox = m->transform.ox, oy = m->transform.oy;
    rs_map_raster_frame(&m->raster);
    size_t n;
    for (int i = 0; i < MESH_LEGEND; i++) {
        rs_color color;
        if (i < MESH_HATCH) {
            int fill = i - MESH_FILL;
            const rs_rect *rows = rs_map_raster_show(&m->raster, LAYER_FILL + fill, ox, oy, area, &n);
            rs_draw_rects(out, area, fill_color(t, fill, classes), rows, n);
            continue;
        } else if (i >= MESH_DOT && i < MESH_DOT_BORDER)
            color = hc ? t->text : fill_color(t, i - MESH_DOT, classes);
        else if (i == MESH_HATCH || i == MESH_DOT_BORDER)
            color = hc ? t->text : (i == MESH_HATCH ? t->text : border_color(t));
        else if (i == MESH_HATCH_ACCUSED)
            color = t->answer;
        else if (i == MESH_BORDER) {
            const rs_rect *rows = rs_map_raster_show(&m->raster, LAYER_BORDER, ox, oy, area, &n);
            rs_draw_rects(out, area, border_color(t), rows, n);
            continue;
        }
        else if (i == MESH_THICK || i == MESH_ARROW)
            color = t->accuse;
        else
            color = t->surface; /* MESH_HALO */
        rs_draw_triangles(out, area, color, m->mesh[i].xy, m->mesh[i].vertex_count, m->mesh[i].indices,
                          m->mesh[i].index_count);
    }
}

/* ---- per frame: labels, arrows, badges ---- */

static bool overlaps(rs_rect a, rs_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static bool inside(rs_rect a, rs_rect area)
{
    return a.x >= area.x && a.y >= area.y && a.x + a.w <= area.x + area.w && a.y + a.h <= area.y + area.h;
}

/* Keeps r as taken when it is in the area and meets nothing taken yet. */
static bool place(rs_map_layout *m, rs_rect r, rs_rect area)
{
    if (!inside(r, area))
        return false;
    for (size_t i = 0; i < m->placed_count; i++)
        if (overlaps(r, m->placed[i]))
            return false;
    rs_grow(&m->placed, &m->placed_capacity, m->placed_count + 1, sizeof *m->placed);
    m->placed[m->placed_count++] = r;
    return true;
}

static int chip_height(const rs_theme *t)
{
    return glyph_height(t, RS_STYLE_SECONDARY) + t->gap / 2;
}

/* A name on a small white chip centred on (x, y): readable on any fill. */
static void draw_chip(const rs_theme *t, rs_rect r, const char *text, rs_color border, int border_w,
                      rs_draw_list *out)
{
    rs_draw_fill(out, r, t->surface);
    rs_draw_outline(out, r, border, border_w);
    rs_draw_text(out, r.x + t->gap / 2, r.y + (r.h - glyph_height(t, RS_STYLE_SECONDARY)) / 2,
                 RS_STYLE_SECONDARY, t->text, text, strlen(text));
}

static rs_rect chip_at(const rs_theme *t, float x, float y, int text_w)
{
    int w = text_w + t->gap, h = chip_height(t);
    return (rs_rect){(int)lroundf(x) - w / 2, (int)lroundf(y) - h / 2, w, h};
}

/* A chip for a name at (x, y): centred there, else just above, below, to
 * the left or to the right of it, the first place free; false when none
 * is (the name is left out rather than laid over another). */
static bool place_chip(rs_map_layout *m, const rs_theme *t, rs_rect area, float x, float y, int text_w,
                       rs_rect *out)
{
    rs_rect r = chip_at(t, x, y, text_w);
    int dy = r.h + t->gap / 2, dx = r.w / 2 + t->gap;
    const int offsets[5][2] = {{0, 0}, {0, -dy}, {0, dy}, {-dx, 0}, {dx, 0}};
    for (int i = 0; i < 5; i++) {
        rs_rect moved = {r.x + offsets[i][0], r.y + offsets[i][1], r.w, r.h};
        if (place(m, moved, area)) {
            *out = moved;
            return true;
        }
    }
    return false;
}

/* World map: the collection's countries named, most statements first,
 * where a name fits its country and overlaps nothing. A name opens its
 * country too. */
static void draw_names(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                       rs_target_list *targets)
{
    for (size_t k = 0; k < m->collection_count; k++) {
        size_t i = m->by_count[k];
        const rs_map_country *c = &m->model->countries[i];
        float x0, y0, x1, y1, cx, cy;
        shape_box(&m->transform, c->shape, &x0, &y0, &x1, &y1);
        if (x1 - x0 < 0.6f * (float)m->name_w[i])
            continue;
        rs_map_to_window(&m->transform, c->shape->cx, c->shape->cy, &cx, &cy);
        rs_rect r;
        if (!place_chip(m, t, area, cx, cy, m->name_w[i], &r))
            continue;
        draw_chip(t, r, c->name, border_color(t), 1, out);
        rs_layout_add_target(targets, r, country_action(c), true);
    }
}

/* An arrow end's window point. */
static void end_point(const rs_map_layout *m, rs_map_end end, float *x, float *y)
{
    if (end.badge) {
        *x = m->badge_xy[2 * end.index], *y = m->badge_xy[2 * end.index + 1];
        return;
    }
    const rs_map_mark *k = &m->model->marks[end.index];
    rs_map_to_window(&m->transform, k->x, k->y, x, y);
}

/* The parties without territory: chips along the top of the map (rows
 * as needed), where arrows start or end; taken before any name is placed. */
static void place_badges(rs_map_layout *m, const rs_theme *t, rs_rect area)
{
    int x = area.x + t->margin, y = area.y + t->gap;
    for (size_t i = 0; i < m->model->badge_count; i++) {
        rs_rect r = {x, y, m->badge_w[i] + 2 * t->gap, chip_height(t) + t->gap};
        if (r.x + r.w > area.x + area.w - t->margin && x > area.x + t->margin)
            x = area.x + t->margin, y += r.h + t->gap, r.x = x, r.y = y;
        m->badge_rect[i] = r;
        m->badge_xy[2 * i] = (float)r.x + (float)r.w / 2, m->badge_xy[2 * i + 1] = (float)(r.y + r.h);
        rs_grow(&m->placed, &m->placed_capacity, m->placed_count + 1, sizeof *m->placed);
        m->placed[m->placed_count++] = r;
        x += r.w + t->gap;
    }
}

/* Each badge with its side's fill and outline (thick for an accuser, as
 * on the map); a tap opens the party's page. */
static void draw_badges(rs_map_layout *m, const rs_theme *t, rs_draw_list *out, rs_target_list *targets)
{
    for (size_t i = 0; i < m->model->badge_count; i++) {
        const rs_map_badge *b = &m->model->badges[i];
        rs_rect r = m->badge_rect[i];
        bool accuser = b->roles & RS_MAP_ACCUSER;
        rs_draw_fill(out, r, high_contrast(t) ? t->surface : fill_color(t, accuser ? FILL_ACCUSER : FILL_ACCUSED, 0));
        rs_draw_outline(out, r, accuser ? t->accuse : t->answer, accuser ? t->outline : 1);
        rs_draw_text(out, r.x + t->gap, r.y + (r.h - glyph_height(t, RS_STYLE_SECONDARY)) / 2, RS_STYLE_SECONDARY,
                     t->text, b->name, strlen(b->name));
        rs_layout_add_target(targets, r, party_action(b->code), true);
    }
}

/* Incident map: an arrow from every accuser to every accused, over a halo
 * so that it reads on any fill; their names on chips at the ends. */
static void draw_arrows(rs_map_layout *m, const rs_theme *t)
{
    float width = fmaxf(2.5f, px(t, 2.5f)), head = 4 * width, halo = fmaxf(1.5f, px(t, 1.5f));
    float trim = (float)chip_height(t) / 2 + (float)t->gap / 2;
    for (size_t i = 0; i < m->model->arrow_count; i++) {
        const rs_map_arrow *a = &m->model->arrows[i];
        float x0, y0, x1, y1;
        end_point(m, a->from, &x0, &y0);
        end_point(m, a->to, &x1, &y1);
        rs_mesh_arrow(&m->mesh[MESH_HALO], x0, y0, x1, y1, 0.15f, trim - halo, trim - halo, width + 2 * halo,
                      head + 2 * halo);
        rs_mesh_arrow(&m->mesh[MESH_ARROW], x0, y0, x1, y1, 0.15f, trim, trim, width, head);
    }
}

static void draw_marks(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                       rs_target_list *targets)
{
    for (size_t i = 0; i < m->model->mark_count; i++) {
        const rs_map_mark *k = &m->model->marks[i];
        float cx, cy;
        rs_map_to_window(&m->transform, k->x, k->y, &cx, &cy);
        rs_rect r;
        if (!place_chip(m, t, area, cx, cy, m->mark_w[i], &r))
            continue;
        bool accuser = k->roles & RS_MAP_ACCUSER;
        draw_chip(t, r, k->name, accuser ? t->accuse : t->answer, accuser ? 2 : 1, out);
        rs_layout_add_target(targets, r, party_action(k->code), true);
    }
}

/* ---- per frame: the legend, the buttons, the heading ---- */

static rs_rect legend_rect(const rs_map_layout *m, const rs_theme *t, rs_rect area)
{
    int row = line_height(t, RS_STYLE_SECONDARY), swatch = glyph_height(t, RS_STYLE_SECONDARY);
    int text_w = m->title_w;
    for (int i = 0; i < m->legend_count; i++)
        text_w = m->legend_w[i] > text_w ? m->legend_w[i] : text_w;
    int rows = m->legend_count + (m->model->incident ? 0 : 1);
    int w = 3 * t->gap + swatch + text_w, h = rows * row + 2 * t->gap;
    return (rs_rect){area.x + t->margin, area.y + area.h - t->margin - h, w, h};
}

/* The pattern and fill of legend row i inside swatch r. */
static void draw_swatch(rs_map_layout *m, const rs_theme *t, int i, rs_rect r, rs_draw_list *out)
{
    bool hc = high_contrast(t);
    const rs_map_screen *model = m->model;
    float x0 = (float)r.x, y0 = (float)r.y, x1 = (float)(r.x + r.w), y1 = (float)(r.y + r.h);
    float a[2] = {x0, y0}, b[2] = {x1, y0}, c[2] = {x1, y1}, d[2] = {x0, y1};
    float hatch_w = fmaxf(1, px(t, 1.2f)), spacing = 0;
    bool cross = false;
    rs_color border = border_color(t);
    int border_w = 1;
    int fill = FILL_LAND;
    if (model->incident) {
        fill = i == 0 ? FILL_ACCUSER : FILL_ACCUSED;
        if (i == 0)
            border = t->accuse, border_w = t->outline;
        else
            spacing = px(t, 7);
    } else if (i < model->class_count) {
        int klass = model->class_count - i;
        fill = FILL_CLASS + klass - 1;
        if (hc)
            class_hatch(t, klass, model->class_count, &spacing, &cross);
    }
    rs_draw_fill(out, r, fill_color(t, fill, model->class_count));
    if (spacing > 0) {
        rs_mesh_hatch(&m->mesh[MESH_LEGEND], a, b, c, spacing, cross, hatch_w, x0, y0, x1, y1);
        rs_mesh_hatch(&m->mesh[MESH_LEGEND], a, c, d, spacing, cross, hatch_w, x0, y0, x1, y1);
    }
    rs_draw_outline(out, r, border, border_w);
}

/* The legend at the bottom left: the classes (most statements on top) and
 * "No statements", or an incident's two sides, each with its swatch. It
 * takes its place before names are placed, and taps on it do nothing. */
static void draw_legend(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                        rs_target_list *targets)
{
    rs_rect r = legend_rect(m, t, area);
    rs_draw_fill(out, r, t->surface);
    rs_draw_outline(out, r, t->divider, 1);
    int row = line_height(t, RS_STYLE_SECONDARY), swatch = glyph_height(t, RS_STYLE_SECONDARY);
    int inset = glyph_inset(t, RS_STYLE_SECONDARY);
    int x = r.x + t->gap, y = r.y + t->gap;
    if (!m->model->incident) {
        const char *title = _("Statements");
        rs_draw_text(out, x, y + inset, RS_STYLE_SECONDARY, t->text, title, strlen(title));
        y += row;
    }
    rs_mesh_clear(&m->mesh[MESH_LEGEND]);
    for (int i = 0; i < m->legend_count; i++, y += row) {
        draw_swatch(m, t, i, (rs_rect){x, y + inset, swatch, swatch}, out);
        rs_draw_text(out, x + swatch + t->gap, y + inset, RS_STYLE_SECONDARY, t->text, m->legend[i],
                     strlen(m->legend[i]));
    }
    rs_color pattern = m->model->incident && !high_contrast(t) ? t->answer : t->text;
    rs_draw_triangles(out, r, pattern, m->mesh[MESH_LEGEND].xy, m->mesh[MESH_LEGEND].vertex_count,
                      m->mesh[MESH_LEGEND].indices, m->mesh[MESH_LEGEND].index_count);
    rs_layout_add_target(targets, r, (rs_action){0}, true);
}

static void zoom_buttons(const rs_theme *t, rs_rect area, rs_rect *plus, rs_rect *minus)
{
    int x = area.x + area.w - t->margin - t->target, bottom = area.y + area.h - t->margin;
    *minus = (rs_rect){x, bottom - t->target, t->target, t->target};
    *plus = (rs_rect){x, minus->y - t->gap - t->target, t->target, t->target};
}

/* + and - (RS_ACT_ZOOM): at a limit drawn muted and not tappable (a tap
 * there does nothing, and does not reach the country under it). */
static void draw_button(const rs_theme *t, const rs_frame *f, rs_rect r, const char *label, int label_w, int step,
                        bool enabled, rs_draw_list *out, rs_target_list *targets)
{
    rs_action action = {.kind = RS_ACT_ZOOM, .index = step};
    bool pressed = enabled && rs_action_equal(&f->pressed, &action);
    rs_draw_fill(out, r, pressed ? t->pressed : enabled ? t->surface : high_contrast(t) ? t->pressed : t->bar);
    rs_draw_outline(out, r, enabled ? t->accent : t->divider, enabled && high_contrast(t) ? 2 : 1);
    rs_color ink = enabled ? t->accent : high_contrast(t) ? t->text : t->muted;
    rs_draw_text(out, r.x + (r.w - label_w) / 2, r.y + (r.h - glyph_height(t, RS_STYLE_TITLE)) / 2, RS_STYLE_TITLE,
                 ink, label, strlen(label));
    rs_layout_add_target(targets, r, enabled ? action : (rs_action){0}, true);
}

void rs_layout_draw_map(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                        rs_draw_list *out, rs_target_list *targets)
{
    rs_map_layout *m = state(l);
    rs_rect area = map_area(t, width, vp.y + vp.h);
    if (f->screen->heading)
        rs_layout_draw_paragraph(l, t, f->screen->heading, RS_STYLE_LABEL, t->text, t->margin, vp.y + t->gap,
                                 content_width(t, width), 1, NULL, out);
    if (!m->model || !m->model->country_count) {
        rs_layout_draw_paragraph(l, t, _("This collection has no world map."), RS_STYLE_BODY, t->muted, t->margin,
                                 area.y + t->margin, content_width(t, width), 0, NULL, out);
        return;
    }
    rs_view view = f->view;
    if (!view.set)
        rs_layout_map_first(l, t, width, vp.y + vp.h, f->screen, &view);
    rs_map_view_clamp(area, t->gap, &view);
    m->transform = rs_map_view_transform(area, t->gap, &view);
    /* The origin on whole px: a pan at one zoom then moves the map by
     * whole px, and the last frame's rows serve again (raster_serves). */
    m->transform.ox = round(m->transform.ox), m->transform.oy = round(m->transform.oy);
    targets->contains = contains, targets->context = m;
    for (int i = 0; i < MESH_COUNT; i++)
        rs_mesh_clear(&m->mesh[i]);
    m->placed_count = 0;
    rs_rect legend = legend_rect(m, t, area), plus, minus;
    zoom_buttons(t, area, &plus, &minus);
    place(m, legend, area), place(m, plus, area), place(m, minus, area);
    if (m->model->incident)
        place_badges(m, t, area);

    rs_draw_clip(out, area);
    draw_shapes(m, t, area, targets);
    if (m->model->incident)
        draw_arrows(m, t);
    emit_meshes(m, t, area, out);
    if (m->model->incident) {
        draw_marks(m, t, area, out, targets);
        draw_badges(m, t, out, targets);
    } else {
        draw_names(m, t, area, out, targets);
    }
    draw_legend(m, t, area, out, targets);
    draw_button(t, f, plus, "+", m->plus_w, 1, view.zoom < RS_MAP_ZOOM_MAX, out, targets);
    draw_button(t, f, minus, "−", m->minus_w, -1, view.zoom > 1, out, targets);
    rs_draw_clip(out, vp);
}
