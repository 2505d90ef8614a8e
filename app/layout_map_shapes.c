/*
 * The world map's shapes (layout_map.c's top): each fill's land and the
 * thin borders as rows from the raster (map_raster.h), the highlights as
 * triangles, and the collection's countries as targets tested against the
 * very triangles drawn.
 */
#include "layout_map_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"

/* ---- per frame: the shapes ---- */

/* rs_target_list.contains: whether the pixel (x, y) is in country shape's
 * triangles, through the transform of the frame that added the target. */
bool rs_layout_map_contains(const void *context, int shape, int x, int y)
{
    const rs_map_layout *m = context;
    if (!m->model || shape < 0 || (size_t)shape >= m->model->country_count)
        return false;
    double mx, my;
    rs_map_from_window(&m->transform, x + 0.5, y + 0.5, &mx, &my);
    return rs_map_shape_holds(m->model->countries[shape].shape, mx, my);
}

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

static rs_rect clip_rect(float x0, float y0, float x1, float y1, rs_rect area)
{
    int a = (int)floorf(fmaxf(x0, (float)area.x)), b = (int)floorf(fmaxf(y0, (float)area.y));
    int c = (int)ceilf(fminf(x1, (float)(area.x + area.w))), d = (int)ceilf(fminf(y1, (float)(area.y + area.h)));
    return (rs_rect){a, b, c > a ? c - a : 0, d > b ? d - b : 0};
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

/* One country's highlights drawn as triangles into the meshes: an
 * accuser's thick outline, and a dot when it is too small to see, in the
 * px of m->transform (a zero origin while rasterising:
 * rasterise_highlights) where they meet box. Its hatching is made from
 * its land's rows instead (hatch_rows). */
static void highlight_country(rs_map_layout *m, const rs_theme *t, size_t i, const frame_box *box)
{
    const rs_map_screen *model = m->model;
    const rs_map_country *c = &model->countries[i];
    const rs_map_shape *shape = c->shape;
    bool hc = map_high_contrast(t);
    int fill = fill_of(model, c);
    unsigned roles = c->roles | c->member_roles;
    float x0, y0, x1, y1;
    map_shape_box(&m->transform, shape, &x0, &y0, &x1, &y1);
    float size = fmaxf(x1 - x0, y1 - y0);
    if (roles & RS_MAP_ACCUSER)
        stroke_shape(m, shape, &m->mesh[MESH_THICK], (float)t->outline, 1.5f, box);
    /* A country too small to see: a dot at its centroid. */
    float dot = fmaxf(4, map_px(t, 5));
    if ((c->klass || c->roles) && size < 2 * dot) {
        float cx, cy;
        rs_map_to_window(&m->transform, shape->cx, shape->cy, &cx, &cy);
        rs_mesh_disc(&m->mesh[MESH_DOT + (hc ? FILL_CLASS + RS_MAP_CLASSES - 1 : fill)], cx, cy, dot);
        rs_mesh_ring(&m->mesh[MESH_DOT_BORDER], cx, cy, dot, fmaxf(1, map_px(t, 1)));
    }
}

/* A collection country on screen: whether it can be tapped and where
 * (m->visible, m->point). Its vertices are transformed only when its
 * centroid is off screen. */
static void locate_country(rs_map_layout *m, size_t i, const frame_box *box)
{
    const rs_map_shape *shape = m->model->countries[i].shape;
    float *x = &m->point[2 * i], *y = &m->point[2 * i + 1];
    rs_map_to_window(&m->transform, shape->cx, shape->cy, x, y);
    if (*x >= box->x0 && *x < box->x1 && *y >= box->y0 && *y < box->y1) {
        m->visible[i] = 2;
        return;
    }
    rs_mesh *mesh = &m->mesh[MESH_FILL];
    int first;
    rs_mesh_clear(mesh);
    fill_shape(m, shape, mesh, &first);
    m->visible[i] = representative(&m->transform, mesh, first, shape, box, x, y) ? 2 : 1;
}

/* The collection's visible countries as targets, largest first so that a
 * smaller one, tested first (rs_target_at goes from the last), wins where
 * their targets meet. Each is its shape (rs_layout_map_contains()) and a rect: a country
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
        map_shape_box(&m->transform, c->shape, &x0, &y0, &x1, &y1);
        rs_map_to_window(&m->transform, c->shape->cx, c->shape->cy, &cx, &cy);
        rs_rect r = {-1, -1, 0, 0};
        if (x1 - x0 < (float)t->target && y1 - y0 < (float)t->target) {
            float half = (float)t->target / 2;
            r = clip_rect(cx - half, cy - half, cx + half, cy + half, area);
        } else if (m->visible[i] == 2) {
            r = (rs_rect){(int)floorf(m->point[2 * i]), (int)floorf(m->point[2 * i + 1]), 1, 1};
        }
        rs_layout_add_target(targets, r, map_country_action(c), true);
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
    return (rs_map_raster_key){m->model, m->transform.scale, area, t->short_side, map_high_contrast(t)};
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

/* The area with a margin of 1/divisor of it all round. */
static rs_rect with_margin(rs_rect area, int divisor)
{
    int mx = area.w / divisor, my = area.h / divisor;
    return (rs_rect){area.x - mx, area.y - my, area.w + 2 * mx, area.h + 2 * my};
}

/* The window (px) a rasterisation covers: the area with its margin, and
 * the whole zoomed world when that is small enough (WHOLE_WORLD; *whole
 * then), with room all round for what a highlight draws past its shape's
 * box (a dot and its ring, half a thick outline), so that nothing is cut
 * at its edge and the rows serve a pan to anywhere (rs_map_raster_serves). */
static rs_rect raster_window(const rs_map_layout *m, const rs_theme *t, rs_rect area, bool *whole)
{
    rs_rect c = with_margin(area, 2);
    *whole = false;
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < m->model->country_count; i++) {
        float a, b, p, q;
        map_shape_box(&m->transform, m->model->countries[i].shape, &a, &b, &p, &q);
        x0 = fminf(x0, fminf(a, p)), x1 = fmaxf(x1, fmaxf(a, p));
        y0 = fminf(y0, fminf(b, q)), y1 = fmaxf(y1, fmaxf(b, q));
    }
    if (!(x1 > x0 && y1 > y0) || (double)(x1 - x0) * (y1 - y0) > WHOLE_WORLD * area.w * area.h)
        return c;
    *whole = true;
    float room = 2 * fmaxf(4, map_px(t, 5)) + 2 * fmaxf(1, map_px(t, 1)) + (float)t->outline + 2;
    x0 -= room, y0 -= room, x1 += room, y1 += room;
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

/* The shape's rings into scan, from a zero origin (see rasterise). */
static void scan_shape(rs_map_layout *m, const rs_map_shape *shape, rs_scan *scan)
{
    double scale = m->transform.scale;
    rs_grow(&m->ring_xy, &m->ring_capacity, 2 * (size_t)shape->vertex_count + 2, sizeof *m->ring_xy);
    for (uint32_t v = 0; v < 2 * shape->vertex_count; v += 2) {
        m->ring_xy[v] = (float)(shape->xy[v] * scale);
        m->ring_xy[v + 1] = (float)(shape->xy[v + 1] * scale);
    }
    uint32_t start = 0;
    for (uint32_t r = 0; r < shape->ring_count; r++) {
        uint32_t end = shape->ring_ends[r];
        if (end <= start || end > shape->vertex_count)
            break;
        rs_scan_ring(scan, m->ring_xy + 2 * start, (int)(end - start));
        start = end;
    }
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
    bool whole;
    rs_rect c = raster_window(m, t, area, &whole);
    frame_box cover = {(float)c.x, (float)c.y, (float)(c.x + c.w), (float)(c.y + c.h)};
    rs_map_raster_key key = raster_key(m, t, area);
    rs_map_raster_begin(&m->raster, &key, tr->ox, tr->oy, c);
    m->raster.whole = whole;
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
        scan_shape(m, shape, &m->land[fill_of(m->model, country)]);
        float x0, y0, x1, y1;
        map_shape_box(tr, shape, &x0, &y0, &x1, &y1);
        if (fmaxf(x1 - x0, y1 - y0) >= 3) {
            tr->ox = 0, tr->oy = 0;
            stroke_shape(m, shape, NULL, fmaxf(1, map_px(t, 0.8f)), 2.5f, &near);
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

/* The highlights' rows are kept for the whole zoomed world (as the
 * land's) only while they are estimated at no more than this many (16
 * bytes each: 4 MB); else for the area and a margin of half, a quarter or
 * none of it, the first whose estimate fits. A hatched country's rows are
 * about its px over the hatching's spacing (a span where each line
 * crosses each row), twice that crossed; its box stands for its px, which
 * overestimates. An incident's few parties fit whole at every zoom; the
 * high-contrast map of a whole collection, closer in, does not. */
#define HIGHLIGHT_ROWS 250000.0

/* The estimate above for window c. */
static double highlight_rows(const rs_map_layout *m, const rs_theme *t, rs_rect c)
{
    bool hc = map_high_contrast(t);
    double rows = 0;
    for (size_t i = 0; i < m->model->country_count; i++) {
        const rs_map_country *country = &m->model->countries[i];
        float spacing = 0;
        bool cross = false;
        if ((country->roles | country->member_roles) & RS_MAP_ACCUSED)
            spacing = map_px(t, 7);
        else if (hc && !m->model->incident && country->klass)
            map_class_hatch(t, country->klass, m->model->class_count, &spacing, &cross);
        if (!(spacing > 0))
            continue;
        float x0, y0, x1, y1;
        map_shape_box(&m->transform, country->shape, &x0, &y0, &x1, &y1);
        double w = fmin(x1, c.x + c.w) - fmax(x0, c.x), h = fmin(y1, c.y + c.h) - fmax(y0, c.y);
        if (w > 0 && h > 0)
            rows += w * h / spacing * (cross ? 2 : 1);
    }
    return rows;
}

/* The hatching groups: one for each class's pattern (high contrast), one
 * for the accused. */
#define HATCH_ACCUSED RS_MAP_CLASSES

/* Country c's hatching group, its spacing and whether crossed; -1 for
 * none. */
static int hatch_group(const rs_map_layout *m, const rs_theme *t, const rs_map_country *c, float *spacing,
                       bool *cross)
{
    *spacing = 0, *cross = false;
    if ((c->roles | c->member_roles) & RS_MAP_ACCUSED) {
        *spacing = map_px(t, 7);
        return HATCH_ACCUSED;
    }
    if (!map_high_contrast(t) || m->model->incident || !c->klass)
        return -1;
    map_class_hatch(t, c->klass, m->model->class_count, spacing, cross);
    return *spacing > 0 ? map_palette_step(c->klass, m->model->class_count) : -1;
}

/* Each group's land (scanned into m->hatch) hatched as rows into its
 * layer of m->marks, within (x0, y0)-(x1, y1). */
static void hatch_rows(rs_map_layout *m, const rs_theme *t, int x0, int y0, int x1, int y1)
{
    float width = fmaxf(1, map_px(t, 1.2f));
    for (int g = 0; g <= HATCH_ACCUSED; g++) {
        if (!m->hatch[g].edge_count)
            continue;
        int layer = (g == HATCH_ACCUSED && !map_high_contrast(t) ? MESH_HATCH_ACCUSED : MESH_HATCH) - MESH_HATCH;
        m->land_count = 0;
        rs_scan_spans(&m->hatch[g], x0, y0, x1, y1, &m->land_rows, &m->land_count, &m->land_capacity);
        rs_map_rows *rows = &m->marks.layer[layer];
        rs_hatch_spans(m->land_rows, m->land_count, m->hatch_spacing[g], m->hatch_cross[g], width, &rows->rows,
                       &rows->count, &rows->capacity);
        rs_scan_clear(&m->hatch[g]);
    }
}

/* Every country's highlights meeting their window, as rows in m->marks
 * (a layer a mesh, MESH_HATCH on), made as the land's are (rasterise):
 * from a zero origin, then moved by the whole px origin. So the hatching's
 * lines pass through the map's origin, not the window's: rows made at one
 * origin are exactly those made at another, and a pan only moves them.
 * Hatching is cut from its land's rows (rs_hatch_spans); thick outlines
 * and dots are triangles turned into rows (rs_mesh_spans). */
static void rasterise_highlights(rs_map_layout *m, const rs_theme *t, rs_rect area)
{
    rs_map_transform *tr = &m->transform;
    bool whole;
    rs_rect c = raster_window(m, t, area, &whole);
    for (int divisor = 2; highlight_rows(m, t, c) > HIGHLIGHT_ROWS && divisor <= 8; divisor *= 2)
        c = divisor < 8 ? with_margin(area, divisor) : area, whole = false;
    rs_map_raster_key key = raster_key(m, t, area);
    rs_map_raster_begin(&m->marks, &key, tr->ox, tr->oy, c);
    m->marks.whole = whole;
    double ox = tr->ox, oy = tr->oy;
    int dx = (int)ox, dy = (int)oy;
    int x0 = c.x - dx, y0 = c.y - dy, x1 = c.x + c.w - dx, y1 = c.y + c.h - dy;
    frame_box near = {(float)x0, (float)y0, (float)x1, (float)y1};
    for (int i = MESH_HATCH; i < MESH_HALO; i++)
        rs_mesh_clear(&m->mesh[i]);
    tr->ox = 0, tr->oy = 0;
    for (size_t i = 0; i < m->model->country_count; i++) {
        const rs_map_country *country = &m->model->countries[i];
        if (!meets(tr, country->shape, &near))
            continue;
        float spacing;
        bool cross;
        int g = hatch_group(m, t, country, &spacing, &cross);
        if (g >= 0) {
            scan_shape(m, country->shape, &m->hatch[g]);
            m->hatch_spacing[g] = spacing, m->hatch_cross[g] = cross;
        }
        highlight_country(m, t, i, &near);
    }
    tr->ox = ox, tr->oy = oy;
    hatch_rows(m, t, x0, y0, x1, y1);
    for (int i = MESH_THICK; i < MESH_HALO; i++) {
        rs_map_rows *rows = &m->marks.layer[i - MESH_HATCH];
        rs_mesh_spans(m->mesh[i].xy, m->mesh[i].vertex_count, m->mesh[i].indices, m->mesh[i].index_count, x0, y0, x1,
                      y1, &rows->rows, &rows->count, &rows->capacity);
        rs_mesh_clear(&m->mesh[i]);
    }
    shift_rows(&m->marks, dx, dy);
    rs_map_raster_order(&m->marks);
}

/* A key for a layer of new content (RS_DRAW_LAYER): process-wide, so that
 * no two layouts' layers share one. */
static unsigned long long new_layer_key(void)
{
    static unsigned long long made;
    return ++made;
}

void rs_layout_map_shapes(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_target_list *targets)
{
    frame_box box = {(float)area.x, (float)area.y, (float)(area.x + area.w), (float)(area.y + area.h)};
    rs_map_raster_key key = raster_key(m, t, area);
    double ox = m->transform.ox, oy = m->transform.oy;
    /* A pinch's frames draw the rows of the last crisp frame scaled while
     * they cover the area; the frame after it rasterises crisp again. */
    m->land_scaled = m->scaling && !rs_map_raster_serves(&m->raster, &key, ox, oy) &&
                     rs_map_raster_serves_scaled(&m->raster, &key, ox, oy);
    if (!m->land_scaled && !rs_map_raster_serves(&m->raster, &key, ox, oy))
        rasterise(m, t, area);
    m->marks_scaled = m->scaling && !rs_map_raster_serves(&m->marks, &key, ox, oy) &&
                      rs_map_raster_serves_scaled(&m->marks, &key, ox, oy);
    if (!m->marks_scaled && !rs_map_raster_serves(&m->marks, &key, ox, oy))
        rasterise_highlights(m, t, area);
    /* The rows of one key are the same wherever they were made (see
     * rasterise), so the layer is new only when the key is. */
    const rs_map_raster_key *was = &m->layer_raster_key;
    if (!m->layer_key || was->model != key.model || was->scale != key.scale ||
        memcmp(&was->area, &key.area, sizeof key.area) || was->short_side != key.short_side ||
        was->high_contrast != key.high_contrast)
        m->layer_key = new_layer_key();
    m->layer_raster_key = key;
    memset(m->visible, 0, m->model->country_count);
    for (size_t i = 0; i < m->model->country_count; i++)
        if (m->model->countries[i].klass && meets(&m->transform, m->model->countries[i].shape, &box))
            locate_country(m, i, &box);
    add_targets(m, t, area, targets);
}

/* Layer layer of raster r for this frame: moved, or scaled during a pinch. */
static const rs_rect *rows_of(const rs_map_layout *m, rs_map_raster *r, bool scaled, int layer, rs_rect area,
                              size_t *n)
{
    const rs_map_transform *tr = &m->transform;
    return scaled ? rs_map_raster_show_scaled(r, layer, tr->ox, tr->oy, tr->scale, area, n)
                  : rs_map_raster_show(r, layer, tr->ox, tr->oy, area, n);
}

/* The colour of what a frame draws of mesh i (below MESH_LEGEND). */
static rs_color mesh_color(const rs_map_layout *m, const rs_theme *t, int i)
{
    bool hc = map_high_contrast(t);
    int classes = m->model->class_count;
    if (i < MESH_HATCH)
        return map_fill_color(t, i - MESH_FILL, classes);
    if (i == MESH_BORDER)
        return map_border_color(t);
    if (i >= MESH_DOT && i < MESH_DOT_BORDER)
        return hc ? t->text : map_fill_color(t, i - MESH_DOT, classes);
    if (i == MESH_HATCH || i == MESH_DOT_BORDER)
        return hc ? t->text : (i == MESH_HATCH ? t->text : map_border_color(t));
    if (i == MESH_HATCH_ACCUSED)
        return t->answer;
    if (i == MESH_THICK || i == MESH_ARROW)
        return t->accuse;
    return t->surface; /* MESH_HALO */
}

void rs_layout_map_emit(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out)
{
    /* The rasters' rows, moved to this frame's origin; the arrows'
     * triangles (and their halo) are made each frame. */
    rs_map_raster_frame(&m->raster);
    rs_map_raster_frame(&m->marks);
    rs_color colors[MESH_LEGEND];
    for (int i = 0; i < MESH_LEGEND; i++)
        colors[i] = mesh_color(m, t, i);
    /* The rows (all below MESH_HALO) are one layer that render may keep
     * and only move while the rasters serve (the same rows, moved by
     * whole px) and their colours stay (a theme's change is a new layer
     * too). A pinch's scaled rows are not kept (key 0), but what render
     * keeps stays for the crisp frame after. */
    if (memcmp(m->layer_colors, colors, sizeof m->layer_colors))
        m->layer_key = new_layer_key();
    memcpy(m->layer_colors, colors, sizeof m->layer_colors);
    bool kept = !m->land_scaled && !m->marks_scaled;
    size_t layer_at = rs_draw_layer(out, area, kept ? m->layer_key : 0, (int)m->transform.ox, (int)m->transform.oy);
    size_t n;
    for (int i = 0; i < MESH_LEGEND; i++) {
        const rs_rect *rows;
        if (i == MESH_HALO)
            rs_draw_layer_end(out, layer_at);
        if (i < MESH_HATCH || i == MESH_BORDER) {
            rows = rows_of(m, &m->raster, m->land_scaled, i == MESH_BORDER ? LAYER_BORDER : LAYER_FILL + i - MESH_FILL,
                           area, &n);
            rs_draw_rects(out, area, colors[i], rows, n);
        } else if (i < MESH_HALO) {
            rows = rows_of(m, &m->marks, m->marks_scaled, i - MESH_HATCH, area, &n);
            rs_draw_rects(out, area, colors[i], rows, n);
        } else {
            rs_draw_triangles(out, area, colors[i], m->mesh[i].xy, m->mesh[i].vertex_count, m->mesh[i].indices,
                              m->mesh[i].index_count);
        }
    }
}
