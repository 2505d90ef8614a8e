/*
 * The home screen (layout_private.h): the collection's title and
 * description, Search, and the tiles (Dates, Countries, Incidents beside
 * each other or stacked; Timeline and Map beside Search or in a row of
 * their own), laid out once per model and size like every page. Moved out
 * of layout.c as it was, to keep that file near a thousand lines.
 */
#include "layout_private.h"

#include <string.h>

#include "i18n.h"

/* A paragraph of the page's own words (no language, no highlights). */
static int paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                     rs_color color, int x, int y, int width, size_t max_lines, const char *language)
{
    return rs_layout_paragraph(l, t, text, length, style, color, x, y, width, max_lines, language, NULL, 0);
}

/* Lines the home screen gives the collection's title, and its description. */
#define HOME_TEXT_LINES 3

/* Whether label fits in at most two lines of inner at style, no word cut. */
static bool tile_label_fits(rs_layout *l, const char *label, rs_text_style style, int inner, int *lines)
{
    for (const char *p = label; *p;) {
        size_t n = strcspn(p, " ");
        if (text_width(l, style, p, n) > inner)
            return false;
        p += n;
        p += strspn(p, " ");
    }
    l->scratch.count = 0;
    rs_break_lines(label, strlen(label), NULL, inner, &l->measure, (int)style, &l->scratch);
    *lines = l->scratch.count ? (int)l->scratch.count : 1;
    return *lines <= 2;
}

/* The first tiles' labels, one size for all so that their counts line up:
 * the title size where every label fits two lines of its tile, else the
 * label size ("Countries and organisations" in an 800x480 tile); *lines
 * the most any takes. False when not even the label size fits them. */
static bool tile_label_style(rs_layout *l, const rs_screen *s, int tiles, int inner, bool title_size,
                             rs_text_style *style, int *lines)
{
    static const rs_text_style styles[] = {RS_STYLE_TITLE, RS_STYLE_LABEL};
    for (size_t k = title_size ? 0 : 1; k < 2; k++) {
        bool fit = true;
        *lines = 1;
        for (int i = 0; i < tiles && fit; i++) {
            int n = 1;
            fit = tile_label_fits(l, s->tiles[i].label, styles[k], inner, &n);
            *lines = n > *lines ? n : *lines;
        }
        if (fit) {
            *style = styles[k];
            return true;
        }
    }
    *style = RS_STYLE_LABEL;
    *lines = 2;
    return false;
}

/* One tile: its label, its count on the lines left (two at most), its
 * hint where there is room. */
static void build_tile(rs_layout *l, const rs_theme *t, const rs_tile *tile, rs_rect r, int pad,
                       rs_text_style label_style, int label_lines)
{
    int inner = r.w - 2 * pad;
    rs_layout_panel(l, r, (rs_action){.kind = RS_ACT_ROUTE, .route = tile->route}, t->surface, t->divider);
    int ty = r.y + pad;
    paragraph(l, t, tile->label, strlen(tile->label), label_style, t->accent, r.x + pad, ty, inner,
                  (size_t)label_lines, NULL);
    ty += label_lines * line_height(t, label_style);
    int count_lines = (r.y + r.h - pad - ty) / line_height(t, RS_STYLE_LABEL);
    ty = paragraph(l, t, tile->count, strlen(tile->count), RS_STYLE_LABEL, t->text, r.x + pad, ty, inner,
                       (size_t)(count_lines < 1 ? 1 : count_lines > 2 ? 2 : count_lines), NULL);
    int lines_left = (r.y + r.h - pad - ty) / line_height(t, RS_STYLE_SECONDARY);
    if (lines_left > 0)
        paragraph(l, t, tile->hint, strlen(tile->hint), RS_STYLE_SECONDARY, t->muted, r.x + pad, ty, inner,
                      (size_t)(lines_left < 3 ? lines_left : 3), NULL);
}

/* Tiles 3 and 4 (Timeline, Map) on a landscape screen: beside Search, a
 * bar tall, their label and count on one line where both tiles fit in half
 * the row so, else the count under the label. Under the three tiles they
 * would take a row of their own, and on an 800x480 or a 1024x600 screen
 * that row was the collection's title's second line and its description.
 * Their widths in w_out. */
static void measure_side_tiles(rs_layout *l, const rs_theme *t, const rs_screen *s, int w, int pad, bool *inline_count,
                               int w_out[2])
{
    /* (Portrait passes twice the row: each has half of it.) */
    int total = 0, label_w[2], count_w[2];
    for (int k = 0; k < 2; k++) {
        const rs_tile *tile = &s->tiles[3 + k];
        label_w[k] = text_width(l, RS_STYLE_LABEL, tile->label, strlen(tile->label));
        count_w[k] = text_width(l, RS_STYLE_SECONDARY, tile->count, strlen(tile->count));
        total += 2 * pad + label_w[k] + t->gap * 2 + count_w[k];
    }
    *inline_count = total <= w / 2;
    for (int k = 0; k < 2; k++) {
        w_out[k] = 2 * pad + (*inline_count ? label_w[k] + t->gap * 2 + count_w[k]
                                             : label_w[k] > count_w[k] ? label_w[k] : count_w[k]);
        w_out[k] = w_out[k] < 2 * t->target ? 2 * t->target : w_out[k] > w / 3 ? w / 3 : w_out[k];
    }
}

static void build_side_tile(rs_layout *l, const rs_theme *t, const rs_tile *tile, rs_rect r, int pad,
                            bool inline_count)
{
    rs_layout_panel(l, r, (rs_action){.kind = RS_ACT_ROUTE, .route = tile->route}, t->surface, t->divider);
    int label_w = text_width(l, RS_STYLE_LABEL, tile->label, strlen(tile->label));
    int room = r.w - 2 * pad;
    if (inline_count) {
        paragraph(l, t, tile->label, strlen(tile->label), RS_STYLE_LABEL, t->accent, r.x + pad,
                      r.y + (r.h - line_height(t, RS_STYLE_LABEL)) / 2, room, 1, NULL);
        paragraph(l, t, tile->count, strlen(tile->count), RS_STYLE_SECONDARY, t->muted,
                      r.x + pad + label_w + t->gap * 2, r.y + (r.h - line_height(t, RS_STYLE_SECONDARY)) / 2,
                      room - label_w - t->gap * 2, 1, NULL);
        return;
    }
    /* Stacked by their glyphs' boxes, which fit a bar's height (S/9 < S/8). */
    int label_h = glyph_height(t, RS_STYLE_LABEL), count_h = glyph_height(t, RS_STYLE_SECONDARY);
    int top = r.y + (r.h - label_h - count_h - t->gap / 2) / 2;
    paragraph(l, t, tile->label, strlen(tile->label), RS_STYLE_LABEL, t->accent, r.x + pad,
                  top - glyph_inset(t, RS_STYLE_LABEL), room, 1, NULL);
    paragraph(l, t, tile->count, strlen(tile->count), RS_STYLE_SECONDARY, t->text, r.x + pad,
                  top + label_h + t->gap / 2 - glyph_inset(t, RS_STYLE_SECONDARY), room, 1, NULL);
}

void rs_layout_build_home(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height)
{
    int x = t->margin, w = content_width(t, width);
    int y = t->margin / 2;
    bool row = width >= height;
    int bar_h = t->target * 5 / 4;
    /* Landscape: Dates, Countries and Incidents side by side, Timeline and
     * Map beside Search; portrait: the five stacked, with labels at the
     * title size, else the label size, else Timeline and Map beside Search
     * there too. */
    int tiles = row ? 3 : RS_HOME_TILES;
    int tile_w = row ? (w - 2 * t->gap) / 3 : w;
    int pad = t->margin / 2 > t->gap ? t->margin / 2 : t->gap;
    int inner = tile_w - 2 * pad;
    int label_lines, tile_min, tiles_min;
    rs_text_style label_style;
    for (int pass = 0; pass < 4; pass++) {
        tiles = row || pass < 2 ? tiles : 3;
        tile_label_style(l, s, tiles, inner, pass % 2 == 0, &label_style, &label_lines);
        /* A tile holds its label and a line of count at least. */
        tile_min = 2 * pad + label_lines * line_height(t, label_style) + line_height(t, RS_STYLE_LABEL);
        if (tile_min < t->target * 2)
            tile_min = t->target * 2;
        tiles_min = row ? tile_min : tiles * tile_min + (tiles - 1) * t->gap + (tiles == 3 ? bar_h + t->gap : 0);
        if (row || 2 * t->margin + bar_h + t->gap + tiles_min + line_height(t, RS_STYLE_TITLE) <= height)
            break;
    }
    /* Timeline and Map as bars: beside Search in landscape, in a row of
     * their own under it in portrait. */
    bool side = tiles == 3, side_row = side && !row;
    /* The ways in (Search and the tiles) always stay on screen: the
     * title and description get what is left of the height, each clamped
     * to at most HOME_TEXT_LINES lines with an ellipsis. A 200-character
     * title used to push the tiles off an 800x480 screen, and a touch-only
     * kiosk had no way on. */
    int reserved = t->margin / 2 + t->margin / 2 + bar_h + t->gap + tiles_min + t->margin / 2;
    int room = height - reserved;
    /* A title that fits two lines at the home size keeps it; a longer one
     * is set at the heading size. */
    size_t title_length = strlen(s->bundle_title);
    l->scratch.count = 0;
    rs_break_lines_limited(s->bundle_title, title_length, NULL, w, 3, &l->measure, RS_STYLE_HOME_TITLE, &l->scratch,
                           NULL);
    rs_text_style title_style = l->scratch.count <= 2 ? RS_STYLE_HOME_TITLE : RS_STYLE_TITLE;
    int title_lines = room / line_height(t, title_style);
    title_lines = title_lines < 1 ? 1 : title_lines > HOME_TEXT_LINES ? HOME_TEXT_LINES : title_lines;
    int top = y;
    y = paragraph(l, t, s->bundle_title, title_length, title_style, t->text, x, y, w, (size_t)title_lines, NULL);
    room -= y - top + t->gap;
    int description_lines = room / line_height(t, RS_STYLE_SECONDARY);
    if (description_lines > HOME_TEXT_LINES)
        description_lines = HOME_TEXT_LINES;
    if (s->bundle_description && description_lines > 0)
        y = paragraph(l, t, s->bundle_description, strlen(s->bundle_description), RS_STYLE_SECONDARY, t->muted, x,
                          y + t->gap, w, (size_t)description_lines, NULL);
    y += t->margin / 2;

    /* Search: a field-like bar across the page (in landscape, up to the
     * Timeline and Map tiles). */
    rs_rect side_rect[2] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    bool side_inline = false;
    {
        int side_w[2] = {0, 0};
        if (side)
            measure_side_tiles(l, t, s, side_row ? 2 * w : w, pad, &side_inline, side_w);
        if (side_row)
            side_w[0] = side_w[1] = (w - t->gap) / 2;
        int search_w = w - (side && !side_row ? side_w[0] + side_w[1] + 2 * t->gap : 0);
        rs_rect r = {x, y, search_w, bar_h};
        rs_layout_panel(l, r, (rs_action){.kind = RS_ACT_ROUTE, .route = {.kind = RS_ROUTE_SEARCH}}, t->surface, t->accent);
        const char *label = _("Search");
        int label_w = text_width(l, RS_STYLE_LABEL, label, strlen(label));
        paragraph(l, t, label, strlen(label), RS_STYLE_LABEL, t->accent, x + pad,
                      y + (bar_h - line_height(t, RS_STYLE_LABEL)) / 2, label_w + 1, 1, NULL);
        /* TRANSLATORS: on home, beside "Search": what searching does. */
        const char *hint = _("Find a word in every statement");
        int hint_x = x + pad + label_w + t->margin;
        if (x + search_w - pad - hint_x > t->target)
            paragraph(l, t, hint, strlen(hint), RS_STYLE_SECONDARY, t->muted, hint_x,
                          y + (bar_h - line_height(t, RS_STYLE_SECONDARY)) / 2, x + search_w - pad - hint_x, 1,
                          NULL);
        int sx = side_row ? x : x + search_w + t->gap, sy = side_row ? y + bar_h + t->gap : y;
        for (int k = 0; side && k < 2; sx += side_w[k] + t->gap, k++)
            side_rect[k] = (rs_rect){sx, sy, side_w[k], bar_h};
        y = (side_row ? sy : y) + bar_h + t->gap;
    }

    /* The tiles fill the rest: side by side on wide screens, stacked on tall ones. */
    int available = height - y - t->margin / 2, stack_min = tiles_min - (side_row ? bar_h + t->gap : 0);
    if (available < stack_min)
        available = stack_min;
    int tile_h = row ? available : (available - (tiles - 1) * t->gap) / tiles;
    for (int i = 0; i < tiles; i++) {
        rs_rect r = {x + (row ? i * (tile_w + t->gap) : 0), y + (row ? 0 : i * (tile_h + t->gap)), tile_w, tile_h};
        build_tile(l, t, &s->tiles[i], r, pad, label_style, label_lines);
    }
    /* Built after the three, so that the keys walk the tiles in order. */
    for (int k = 0; side && k < 2; k++)
        build_side_tile(l, t, &s->tiles[3 + k], side_rect[k], pad, side_inline);
    l->content_height = (float)(y + (row ? tile_h : tiles * tile_h + (tiles - 1) * t->gap) + t->margin / 2);
}
