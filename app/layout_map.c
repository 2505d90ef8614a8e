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
 * (rs_line_spans), one segment every 2.5 px or more. An incident's (and
 * the high-contrast map's) hatching is cut from its land's rows
 * (rs_hatch_spans), its lines through the map's origin; thick outlines
 * and dots are triangles turned into rows (rs_mesh_spans). Only the
 * arrows (and their halo) stay triangles (RS_DRAW_TRIANGLES, map_mesh.h),
 * made each frame. Everything of one colour is one command: a frame is a
 * few dozen. Land and borders, and apart from them the highlights, are
 * rasterised once for a zoom and kept (map_raster.h): a pan only moves
 * and clips the rows, until it passes what they cover (the whole zoomed
 * world when it is small, else the area and a margin; the highlights'
 * margin shrinks when their rows would be many, HIGHLIGHT_ROWS).
 *
 * Taps: a collection country's target is its box on screen with its shape
 * (rs_target.shape): rs_target_at then asks rs_layout_map_contains()
 * (layout_map_shapes.c), which tests the tapped pixel against the very
 * triangles drawn, in map units through the same transform. A country too small to hit gets a square target of
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
 *
 * Files: this one (the model's state, the view, a frame's order),
 * layout_map_shapes.c (land, borders and highlights, the raster, taps on
 * shapes), layout_map_labels.c (names, marks, badges, arrows, the legend,
 * the buttons); layout_map_private.h what they share.
 */
#include "layout_map_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"

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
    m->raster.valid = m->marks.valid = false;
    m->layer_key = 0; /* a model at the old one's address is new all the same */
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
    rs_map_raster_free(&m->marks);
    for (int i = 0; i <= RS_MAP_CLASSES; i++)
        rs_scan_free(&m->hatch[i]);
    free(m->land_rows);
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
    targets->contains = rs_layout_map_contains, targets->context = m;
    m->scaling = f->scaling;
    for (int i = 0; i < MESH_COUNT; i++)
        rs_mesh_clear(&m->mesh[i]);
    m->placed_count = 0;
    rs_rect legend = rs_layout_map_legend_rect(m, t, area), plus, minus;
    rs_layout_map_zoom_buttons(t, area, &plus, &minus);
    rs_layout_map_place(m, legend, area), rs_layout_map_place(m, plus, area), rs_layout_map_place(m, minus, area);
    if (m->model->incident)
        rs_layout_map_place_badges(m, t, area);

    rs_draw_clip(out, area);
    rs_layout_map_shapes(m, t, area, targets);
    if (m->model->incident)
        rs_layout_map_arrows(m, t);
    rs_layout_map_emit(m, t, area, out);
    if (m->model->incident) {
        rs_layout_map_marks(m, t, area, out, targets);
        rs_layout_map_badges(m, t, out, targets);
    } else {
        rs_layout_map_names(m, t, area, out, targets);
    }
    rs_layout_map_legend(m, t, area, out, targets);
    rs_layout_map_button(t, f, plus, "+", m->plus_w, 1, view.zoom < RS_MAP_ZOOM_MAX, out, targets);
    rs_layout_map_button(t, f, minus, "−", m->minus_w, -1, view.zoom > 1, out, targets);
    rs_draw_clip(out, vp);
}
