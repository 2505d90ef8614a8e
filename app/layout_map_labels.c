/*
 * The world map's labels and furniture (layout_map.c's top): countries'
 * names, an incident's marks, badges and arrows, the legend and the zoom
 * buttons; every label and panel placed so that none overlaps another.
 */
#include "layout_map_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"

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
bool rs_layout_map_place(rs_map_layout *m, rs_rect r, rs_rect area)
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
        if (rs_layout_map_place(m, moved, area)) {
            *out = moved;
            return true;
        }
    }
    return false;
}

/* World map: the collection's countries named, most statements first,
 * where a name fits its country and overlaps nothing. A name opens its
 * country too. */
void rs_layout_map_names(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                         rs_target_list *targets)
{
    for (size_t k = 0; k < m->collection_count; k++) {
        size_t i = m->by_count[k];
        const rs_map_country *c = &m->model->countries[i];
        float x0, y0, x1, y1, cx, cy;
        map_shape_box(&m->transform, c->shape, &x0, &y0, &x1, &y1);
        if (x1 - x0 < 0.6f * (float)m->name_w[i])
            continue;
        rs_map_to_window(&m->transform, c->shape->cx, c->shape->cy, &cx, &cy);
        rs_rect r;
        if (!place_chip(m, t, area, cx, cy, m->name_w[i], &r))
            continue;
        draw_chip(t, r, c->name, map_border_color(t), 1, out);
        rs_layout_add_target(targets, r, map_country_action(c), true);
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
void rs_layout_map_place_badges(rs_map_layout *m, const rs_theme *t, rs_rect area)
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
void rs_layout_map_badges(rs_map_layout *m, const rs_theme *t, rs_draw_list *out, rs_target_list *targets)
{
    for (size_t i = 0; i < m->model->badge_count; i++) {
        const rs_map_badge *b = &m->model->badges[i];
        rs_rect r = m->badge_rect[i];
        bool accuser = b->roles & RS_MAP_ACCUSER;
        rs_color fill = map_fill_color(t, accuser ? FILL_ACCUSER : FILL_ACCUSED, 0);
        rs_draw_fill(out, r, map_high_contrast(t) ? t->surface : fill);
        rs_draw_outline(out, r, accuser ? t->accuse : t->answer, accuser ? t->outline : 1);
        rs_draw_text(out, r.x + t->gap, r.y + (r.h - glyph_height(t, RS_STYLE_SECONDARY)) / 2, RS_STYLE_SECONDARY,
                     t->text, b->name, strlen(b->name));
        rs_layout_add_target(targets, r, map_party_action(b->code), true);
    }
}

/* Incident map: an arrow from every accuser to every accused, over a halo
 * so that it reads on any fill; their names on chips at the ends. */
void rs_layout_map_arrows(rs_map_layout *m, const rs_theme *t)
{
    float width = fmaxf(2.5f, map_px(t, 2.5f)), head = 4 * width, halo = fmaxf(1.5f, map_px(t, 1.5f));
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

void rs_layout_map_marks(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
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
        rs_layout_add_target(targets, r, map_party_action(k->code), true);
    }
}

/* ---- per frame: the legend, the buttons, the heading ---- */

rs_rect rs_layout_map_legend_rect(const rs_map_layout *m, const rs_theme *t, rs_rect area)
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
    bool hc = map_high_contrast(t);
    const rs_map_screen *model = m->model;
    float x0 = (float)r.x, y0 = (float)r.y, x1 = (float)(r.x + r.w), y1 = (float)(r.y + r.h);
    float a[2] = {x0, y0}, b[2] = {x1, y0}, c[2] = {x1, y1}, d[2] = {x0, y1};
    float hatch_w = fmaxf(1, map_px(t, 1.2f)), spacing = 0;
    bool cross = false;
    rs_color border = map_border_color(t);
    int border_w = 1;
    int fill = FILL_LAND;
    if (model->incident) {
        fill = i == 0 ? FILL_ACCUSER : FILL_ACCUSED;
        if (i == 0)
            border = t->accuse, border_w = t->outline;
        else
            spacing = map_px(t, 7);
    } else if (i < model->class_count) {
        int klass = model->class_count - i;
        fill = FILL_CLASS + klass - 1;
        if (hc)
            map_class_hatch(t, klass, model->class_count, &spacing, &cross);
    }
    rs_draw_fill(out, r, map_fill_color(t, fill, model->class_count));
    if (spacing > 0) {
        rs_mesh_hatch(&m->mesh[MESH_LEGEND], a, b, c, spacing, cross, hatch_w, x0, y0, x1, y1);
        rs_mesh_hatch(&m->mesh[MESH_LEGEND], a, c, d, spacing, cross, hatch_w, x0, y0, x1, y1);
    }
    rs_draw_outline(out, r, border, border_w);
}

/* The legend at the bottom left: the classes (most statements on top) and
 * "No statements", or an incident's two sides, each with its swatch. It
 * takes its place before names are placed, and taps on it do nothing. */
void rs_layout_map_legend(rs_map_layout *m, const rs_theme *t, rs_rect area, rs_draw_list *out,
                          rs_target_list *targets)
{
    rs_rect r = rs_layout_map_legend_rect(m, t, area);
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
    rs_color pattern = m->model->incident && !map_high_contrast(t) ? t->answer : t->text;
    rs_draw_triangles(out, r, pattern, m->mesh[MESH_LEGEND].xy, m->mesh[MESH_LEGEND].vertex_count,
                      m->mesh[MESH_LEGEND].indices, m->mesh[MESH_LEGEND].index_count);
    rs_layout_add_target(targets, r, (rs_action){0}, true);
}

void rs_layout_map_zoom_buttons(const rs_theme *t, rs_rect area, rs_rect *plus, rs_rect *minus)
{
    int x = area.x + area.w - t->margin - t->target, bottom = area.y + area.h - t->margin;
    *minus = (rs_rect){x, bottom - t->target, t->target, t->target};
    *plus = (rs_rect){x, minus->y - t->gap - t->target, t->target, t->target};
}

/* + and - (RS_ACT_ZOOM): at a limit drawn muted and not tappable (a tap
 * there does nothing, and does not reach the country under it). */
void rs_layout_map_button(const rs_theme *t, const rs_frame *f, rs_rect r, const char *label, int label_w, int step,
                          bool enabled, rs_draw_list *out, rs_target_list *targets)
{
    rs_action action = {.kind = RS_ACT_ZOOM, .index = step};
    bool pressed = enabled && rs_action_equal(&f->pressed, &action);
    rs_draw_fill(out, r, pressed ? t->pressed : enabled ? t->surface : map_high_contrast(t) ? t->pressed : t->bar);
    rs_draw_outline(out, r, enabled ? t->accent : t->divider, enabled && map_high_contrast(t) ? 2 : 1);
    rs_color ink = enabled ? t->accent : map_high_contrast(t) ? t->text : t->muted;
    rs_draw_text(out, r.x + (r.w - label_w) / 2, r.y + (r.h - glyph_height(t, RS_STYLE_TITLE)) / 2, RS_STYLE_TITLE,
                 ink, label, strlen(label));
    rs_layout_add_target(targets, r, enabled ? action : (rs_action){0}, true);
}
