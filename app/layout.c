#include "layout.h"

#include "bidi.h"
#include "expect.h"
#include "i18n.h"
#include "layout_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- targets ---- */

bool rs_action_equal(const rs_action *a, const rs_action *b)
{
    if (a->kind != b->kind || a->index != b->index)
        return false;
    return a->kind != RS_ACT_ROUTE || rs_route_equal(&a->route, &b->route);
}

void rs_target_list_free(rs_target_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

void rs_layout_add_target(rs_target_list *list, rs_rect rect, rs_action action, bool in_content)
{
    rs_grow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    list->items[list->count++] = (rs_target){rect, action, in_content, 0};
}

const rs_target *rs_target_at(const rs_target_list *list, int x, int y)
{
    /* Last added wins: top bar targets are added after content ones. */
    for (size_t i = list->count; i-- > 0;) {
        const rs_rect *r = &list->items[i].rect;
        int shape = list->items[i].shape;
        if ((x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h) ||
            (shape && list->contains && list->contains(list->context, shape - 1, x, y)))
            return &list->items[i];
    }
    return NULL;
}

rs_layout *rs_layout_create(rs_text_measure measure)
{
    rs_layout *l = rs_xcalloc(1, sizeof *l);
    l->measure = measure;
    l->text_smaller = false, l->text_larger = true;
    l->keyboard_shown = true;
    l->first_mark_y = -1;
    l->spoken_top = l->spoken_bottom = -1;
    return l;
}

void rs_layout_set_keyboard(rs_layout *l, bool shown, rs_keyboard_layer layer)
{
    if (l->keyboard_shown != shown)
        rs_layout_forget(l); /* the results area changes size */
    l->keyboard_shown = shown;
    l->keyboard_layer = layer < RS_KEYBOARD_LAYER_COUNT ? layer : RS_KEYBOARD_LATIN;
}

void rs_layout_set_text_steps(rs_layout *l, bool can_smaller, bool can_larger)
{
    if (l->text_smaller != can_smaller || l->text_larger != can_larger)
        rs_layout_forget(l);
    l->text_smaller = can_smaller, l->text_larger = can_larger;
}

void rs_layout_forget(rs_layout *l)
{
    l->screen = NULL;
    l->first_mark_y = -1;
    l->spoken_top = l->spoken_bottom = -1;
    l->element_count = 0;
    for (size_t i = 0; i < ROW_CACHE; i++) {
        rs_line_list_free(&l->rows[i].lines);
        memset(&l->rows[i], 0, sizeof l->rows[i]);
    }
}

void rs_layout_destroy(rs_layout *l)
{
    if (!l)
        return;
    rs_layout_forget(l);
    rs_layout_map_free(l);
    rs_layout_timeline_free(l);
    rs_layout_qr_free(l);
    free(l->elements);
    rs_line_list_free(&l->scratch);
    free(l);
}

static element *add_element(rs_layout *l, element_kind kind, rs_rect rect)
{
    rs_grow(&l->elements, &l->element_capacity, l->element_count + 1, sizeof *l->elements);
    element *e = &l->elements[l->element_count++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->rect = rect;
    return e;
}

/* The "…" after a cut line (one string, so a line's own can be told). */
static const char line_ellipsis[] = "…";

/* Lays text out as wrapped lines from (x, y) within width; returns the y
 * under the last line. max_lines 0 means no limit. marks (byte ranges into
 * text, in order) are drawn as highlight boxes behind their words; the first
 * one's y is kept in l->first_mark_y when it is still unset. */
static int add_marked_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                                rs_color color, int x, int y, int width, size_t max_lines, const char *language,
                                const rs_range *marks, size_t mark_count)
{
    if (!text || length == 0)
        return y;
    l->scratch.count = 0;
    int truncated = 0;
    rs_text_measure *m = &l->measure;
    if (max_lines)
        rs_break_lines_limited(text, length, language, width, max_lines, m, (int)style, &l->scratch, &truncated);
    else
        rs_break_lines(text, length, language, width, m, (int)style, &l->scratch);
    int lh = line_height(t, style);
    int inset = glyph_inset(t, style);
    size_t mark = 0;
    for (size_t i = 0; i < l->scratch.count; i++) {
        const rs_line *line = &l->scratch.lines[i];
        size_t line_end = line->start + line->length, line_first = l->element_count;
        /* Highlights first, so the line's text draws over them. */
        while (mark < mark_count && marks[mark].end <= line->start)
            mark++;
        for (size_t k = mark; k < mark_count && marks[k].start < line_end; k++) {
            size_t from = marks[k].start > line->start ? marks[k].start : line->start;
            size_t to = marks[k].end < line_end ? marks[k].end : line_end;
            if (to <= from || to > length)
                continue;
            int x0 = text_width(l, style, text + line->start, from - line->start);
            int x1 = text_width(l, style, text + line->start, to - line->start);
            element *box = add_element(l, EL_FILL, (rs_rect){x + x0 - 1, y, x1 - x0 + 2, lh});
            box->color = t->highlight;
            if (l->first_mark_y < 0)
                l->first_mark_y = (float)y;
        }
        const char *line_text = text + line->start;
        element *e = add_element(l, EL_TEXT, (rs_rect){x, y + inset, line->width, lh});
        e->color = color, e->style = style, e->text = line_text, e->length = line->length;
        /* add_element may move the elements: e is not used after the next one. */
        if (truncated && i + 1 == l->scratch.count) {
            int w = text_width(l, style, line_text, line->length);
            element *dots = add_element(l, EL_TEXT, (rs_rect){x + w, y + inset, 0, lh});
            dots->color = color, dots->style = style, dots->text = line_ellipsis, dots->length = strlen("…");
        }
        /* A left-to-right line with highlights: in a mirrored UI its box
         * mirrors and the highlights keep their place in it, over their
         * words (mirrored one by one they would cover other words). A
         * right-to-left line's highlights, measured from its start, are
         * where mirroring puts them. */
        if (mark_count && rs_bidi_direction(line_text, line->length, language) == RS_BIDI_LTR) {
            int box_w = text_width(l, style, line_text, line->length);
            if (l->element_count > line_first + 1 && l->elements[l->element_count - 1].text == line_ellipsis)
                box_w += text_width(l, style, "…", strlen("…"));
            rs_layout_own_direction(l, line_first, x, box_w);
        }
        y += lh;
    }
    return y;
}

static int add_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                         rs_color color, int x, int y, int width, size_t max_lines, const char *language)
{
    return add_marked_paragraph(l, t, text, length, style, color, x, y, width, max_lines, language, NULL, 0);
}

/* One line of a label whose box was sized by measuring it whole (a chip,
 * a badge, a button): drawn whole when that width fits, else cut with "…"
 * by the line breaker. The line breaker measures a text in pieces, and
 * with real fonts the pieces can add up to a few px more than the whole
 * ("全部 12" at 1920x1080): a chip made to fit its label lost the label's
 * end to "…" though it had the room. Returns the y under the line. */
static int add_label(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                     rs_color color, int x, int y, int width)
{
    int w = text_width(l, style, text, length);
    if (length == 0 || w > width)
        return add_paragraph(l, t, text, length, style, color, x, y, width, 1, NULL);
    element *e = add_element(l, EL_TEXT, (rs_rect){x, y + glyph_inset(t, style), w, line_height(t, style)});
    e->color = color, e->style = style, e->text = text, e->length = length;
    return y + line_height(t, style);
}

static void add_target_element(rs_layout *l, rs_rect rect, rs_action action)
{
    element *e = add_element(l, EL_TARGET, rect);
    e->action = action;
}

/* A tappable panel: its touch target, its fill (tinted while pressed) and
 * its outline. action NONE: drawn, but nothing to tap (a disabled button). */
static void add_panel(rs_layout *l, rs_rect r, rs_action action, rs_color fill, rs_color border)
{
    if (action.kind != RS_ACT_NONE)
        add_target_element(l, r, action);
    element *bg = add_element(l, EL_FILL, r);
    bg->color = fill;
    bg->action = action;
    element *outline = add_element(l, EL_OUTLINE, r);
    outline->color = border;
}

/* A row of chips that wraps; returns the y under it. */
static int add_chips(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int width)
{
    if (s->chip_count == 0)
        return y;
    /* Chips are touch targets too: at least the minimum target height. */
    int h = line_height(t, RS_STYLE_SECONDARY) + t->gap;
    if (h < t->target)
        h = t->target;
    int pad = t->font_px[RS_STYLE_SECONDARY] * 2 / 3;
    int cx = x, cy = y;
    for (size_t i = 0; i < s->chip_count; i++) {
        const rs_chip *chip = &s->chips[i];
        size_t length = strlen(chip->label);
        int label_width = text_width(l, RS_STYLE_SECONDARY, chip->label, length);
        int w = label_width + 2 * pad;
        if (w > width) {
            w = width;
        }
        if (cx > x && cx + w > x + width) {
            cx = x;
            cy += h + t->gap;
        }
        rs_rect r = {cx, cy, w, h};
        rs_action action = rs_layout_chip_action(chip);
        add_panel(l, r, action, chip->active ? t->accent : t->surface, chip->active ? t->accent : t->divider);
        int text_y = cy + (h - glyph_height(t, RS_STYLE_SECONDARY)) / 2;
        add_label(l, t, chip->label, length, RS_STYLE_SECONDARY, chip->active ? t->accent_text : t->accent, cx + pad,
                  text_y - glyph_inset(t, RS_STYLE_SECONDARY), w - 2 * pad);
        cx += w + t->gap;
    }
    return cy + h;
}

static int add_heading(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int width)
{
    if (s->heading)
        y = add_paragraph(l, t, s->heading, strlen(s->heading), RS_STYLE_TITLE, t->text, x, y, width, 2, NULL);
    if (s->subheading)
        y = add_paragraph(l, t, s->subheading, strlen(s->subheading), RS_STYLE_SECONDARY, t->muted, x, y, width, 2,
                          NULL);
    return y;
}

static void build_facets(rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    int x = t->margin, w = content_width(t, width);
    int y = add_heading(l, t, s, x, t->margin / 2, w) + t->gap;
    int badge_w = t->font_px[RS_STYLE_LABEL] * 4;
    int pad = t->gap * 2;
    for (size_t i = 0; i < s->row_count; i++) {
        const rs_facet_row *row = &s->rows[i];
        int text_w = w - badge_w - 2 * pad;
        /* Names wrap to two lines rather than lose their end; one that
         * fits measured whole keeps one line (add_label). */
        size_t primary_n = strlen(row->primary);
        bool one_line = text_width(l, RS_STYLE_LABEL, row->primary, primary_n) <= text_w;
        l->scratch.count = 0;
        if (!one_line)
            rs_break_lines(row->primary, primary_n, NULL, text_w, &l->measure, RS_STYLE_LABEL, &l->scratch);
        int primary_lines = l->scratch.count >= 2 ? 2 : 1;
        int lines_h = primary_lines * line_height(t, RS_STYLE_LABEL) +
                      (row->secondary ? line_height(t, RS_STYLE_SECONDARY) : 0);
        int h = lines_h + 2 * t->gap;
        if (h < t->target)
            h = t->target;
        rs_rect r = {x, y, w, h};
        rs_action action = {.kind = RS_ACT_ROUTE, .route = row->route};
        add_target_element(l, r, action);
        int ty = y + (h - lines_h) / 2;
        ty = one_line ? add_label(l, t, row->primary, primary_n, RS_STYLE_LABEL, t->text, x + pad, ty, text_w)
                      : add_paragraph(l, t, row->primary, primary_n, RS_STYLE_LABEL, t->text, x + pad, ty, text_w, 2,
                                      NULL);
        if (row->secondary)
            add_label(l, t, row->secondary, strlen(row->secondary), RS_STYLE_SECONDARY, t->muted, x + pad, ty, text_w);
        if (row->badge) {
            size_t n = strlen(row->badge);
            int bw = text_width(l, RS_STYLE_LABEL, row->badge, n);
            add_label(l, t, row->badge, n, RS_STYLE_LABEL, t->accent, x + w - pad - bw,
                      y + (h - line_height(t, RS_STYLE_LABEL)) / 2, bw);
        }
        element *divider = add_element(l, EL_FILL, (rs_rect){x, y + h - 1, w, 1});
        divider->color = t->divider;
        y += h;
    }
    l->content_height = (float)(y + t->margin);
}

static void build_list_header(rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    int x = t->margin, w = content_width(t, width);
    int y = add_heading(l, t, s, x, t->margin / 2, w);
    if (s->summary)
        y = add_paragraph(l, t, s->summary, strlen(s->summary), RS_STYLE_BODY, t->text, x, y + t->gap,
                          reading_width(t, width), 0, NULL);
    y = rs_layout_build_party(l, t, s, x, y, w);
    if (s->chip_count)
        y = add_chips(l, t, s, x, y + t->gap * 2, w);
    l->list_top = (float)(y + t->gap * 2);
    /* Two title lines and a secondary line, with padding. */
    l->row_height = (float)(2 * line_height(t, RS_STYLE_BODY) + line_height(t, RS_STYLE_SECONDARY) + 2 * t->gap);
    l->content_height = l->list_top + l->row_height * (float)s->count + (float)t->margin;
}

static void add_button(rs_layout *l, const rs_theme *t, rs_rect r, const char *label, rs_action action, bool enabled)
{
    add_panel(l, r, enabled ? action : (rs_action){0}, enabled ? t->surface : t->background, t->divider);
    size_t n = strlen(label);
    int w = text_width(l, RS_STYLE_LABEL, label, n);
    add_label(l, t, label, n, RS_STYLE_LABEL, enabled ? t->accent : t->divider, r.x + (r.w - w) / 2,
              r.y + (r.h - line_height(t, RS_STYLE_LABEL)) / 2, w);
}

static rs_rect viewport_of(const rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height)
{
    if (s && s->kind == RS_SCREEN_SEARCH) {
        int top = t->bar_height + rs_layout_search_field_height(t);
        return (rs_rect){0, top, width, height - top - rs_layout_keyboard_height(l, t)};
    }
    /* The reader's Listen controls, while they show, at the bottom. */
    int listen = rs_layout_listen_bar_height(l, t, s, width);
    return (rs_rect){0, t->bar_height, width, height - t->bar_height - listen};
}

/* The results area: a status line, then results or suggestion chips. */
static void build_search(rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    int x = t->margin, w = content_width(t, width);
    int y = t->gap;
    if (s->status_line)
        y = add_paragraph(l, t, s->status_line, strlen(s->status_line), RS_STYLE_SECONDARY, t->muted, x, y, w, 2,
                          NULL);
    bool suggest = s->search_state == RS_SEARCH_EMPTY || s->search_state == RS_SEARCH_NONE ||
                   s->search_state == RS_SEARCH_SHORT || (s->search_state == RS_SEARCH_WAITING && !s->result_count);
    if (suggest) {
        y = add_chips(l, t, s, x, y + t->gap, w) + t->gap;
        l->content_height = (float)(y + t->gap);
        return;
    }
    int pad = t->gap;
    for (size_t i = 0; i < s->result_count; i++) {
        const rs_result_item *r = &s->results[i];
        int top = y;
        int ty = y + pad;
        ty = add_marked_paragraph(l, t, r->title, strlen(r->title), RS_STYLE_BODY, t->accent, x + pad, ty,
                                  w - 2 * pad, 2, r->language, r->title_marks.items, r->title_marks.count);
        ty = add_paragraph(l, t, r->secondary, strlen(r->secondary), RS_STYLE_SECONDARY, t->muted, x + pad, ty,
                           w - 2 * pad, 1, NULL);
        ty = add_marked_paragraph(l, t, r->snippet, strlen(r->snippet), RS_STYLE_SECONDARY, t->text, x + pad, ty,
                                  w - 2 * pad, 2, r->language, r->snippet_marks.items, r->snippet_marks.count);
        int h = ty + pad - top;
        if (h < t->target)
            h = t->target;
        /* The target goes in before the texts, so they draw over its tint. */
        rs_action action = {.kind = RS_ACT_RESULT, .index = (int64_t)i};
        element *target = add_element(l, EL_TARGET, (rs_rect){x, top, w, h});
        target->action = action;
        element *divider = add_element(l, EL_FILL, (rs_rect){x, top + h - 1, w, 1});
        divider->color = t->divider;
        y = top + h;
    }
    l->first_mark_y = -1; /* snippets' hits are not scrolled to */
    l->content_height = (float)(y + t->margin);
}

/* Whether p points into text (NUL-terminated, or NULL). */
static bool points_into(const char *p, const char *text, size_t length)
{
    return text && p >= text && p < text + length;
}

/* The reader's title and body, and their highlights, are the statement's
 * own text: laid out in its own direction in the reading column (an
 * Arabic statement right-aligned, its lines in UAX #9's order), they move
 * with the column in a mirrored UI instead of mirroring, whichever way the
 * reader placed them (rs_layout_paragraph or run by run). */
static void mark_statement_text(rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    int w = reading_width(t, width), x = (width - w) / 2; /* the reader's column (layout_reader.c) */
    /* Measured once: a 1 MB body has some 20,000 line elements. */
    const char *title = s->statement.title, *body = s->statement.body;
    size_t title_length = title ? strlen(title) : 0, body_length = body ? strlen(body) : 0;
    for (size_t i = 0; i < l->element_count; i++) {
        element *e = &l->elements[i];
        bool own = e->kind == EL_TEXT &&
                   (points_into(e->text, title, title_length) || points_into(e->text, body, body_length));
        bool highlight = e->kind == EL_FILL && e->action.kind == RS_ACT_NONE && e->color.r == t->highlight.r &&
                         e->color.g == t->highlight.g && e->color.b == t->highlight.b &&
                         e->color.a == t->highlight.a;
        if ((own || highlight) && !e->column_w)
            e->column_x = x, e->column_w = w;
    }
}

/* Builds the cached content for this screen and size if it is not built. */
static void ensure_content(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s)
{
    if (l->screen == s && l->width == width && l->height == height)
        return;
    rs_layout_forget(l);
    l->screen = s;
    l->width = width, l->height = height;
    l->list_top = 0, l->row_height = 0;
    rs_rect vp = viewport_of(l, t, s, width, height);
    /* The map's rows (the land's and an incident's highlights, up to about
     * 4 MB each) are made again when it is opened again: kept for a visit
     * that may never come, a kiosk running for weeks would hold them. */
    if (s->kind != RS_SCREEN_MAP)
        rs_layout_map_free(l);
    switch (s->kind) {
    case RS_SCREEN_HOME: rs_layout_build_home(l, t, s, width, vp.h); break;
    case RS_SCREEN_FACETS: build_facets(l, t, s, width); break;
    case RS_SCREEN_LIST: build_list_header(l, t, s, width); break;
    case RS_SCREEN_READER: rs_layout_build_reader(l, t, s, width), mark_statement_text(l, t, s, width); break;
    case RS_SCREEN_SEARCH: build_search(l, t, s, width); break;
    case RS_SCREEN_THREAD: build_list_header(l, t, s, width), rs_layout_build_thread(l, t, s, width); break;
    case RS_SCREEN_TIMELINE: rs_layout_build_timeline(l, t, s, width, height); break;
    case RS_SCREEN_MAP: rs_layout_build_map(l, t, s, width, height); break;
    }
}

void rs_layout_measure(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                       rs_layout_info *info)
{
    ensure_content(l, t, width, height, s);
    info->viewport = viewport_of(l, t, s, width, height);
    info->first_mark_y = s->kind == RS_SCREEN_READER ? l->first_mark_y : -1;
    info->spoken_top = s->kind == RS_SCREEN_READER ? l->spoken_top : -1;
    info->spoken_bottom = s->kind == RS_SCREEN_READER ? l->spoken_bottom : -1;
    info->content_height = l->content_height;
    info->list_top = l->list_top;
    info->row_height = l->row_height;
}

void rs_layout_content_targets(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                               rs_target_list *out)
{
    ensure_content(l, t, width, height, s);
    for (size_t i = 0; i < l->element_count; i++)
        if (l->elements[i].kind == EL_TARGET)
            rs_layout_add_target(out, l->elements[i].rect, l->elements[i].action, true);
}

float rs_layout_text_y(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, const char *from,
                       const char *to)
{
    ensure_content(l, t, width, height, s);
    uintptr_t lo = (uintptr_t)from, hi = (uintptr_t)to;
    float y = -1;
    for (size_t i = 0; i < l->element_count; i++) {
        const element *e = &l->elements[i];
        uintptr_t p = (uintptr_t)e->text;
        if (e->kind == EL_TEXT && p >= lo && p < hi && (y < 0 || (float)e->rect.y < y))
            y = (float)e->rect.y;
    }
    return y;
}

/* ---- per frame ---- */

static row_cache *row_lines(rs_layout *l, const rs_list_item *item, int width)
{
    row_cache *c = &l->rows[(uint64_t)item->id % ROW_CACHE];
    if (c->id == item->id && c->width == width)
        return c;
    c->id = item->id;
    c->width = width;
    c->lines.count = 0;
    c->truncated = 0;
    rs_break_lines_limited(item->title, strlen(item->title), NULL, width, 2, &l->measure, RS_STYLE_BODY, &c->lines,
                           &c->truncated);
    /* Wrapped once per row, not once per frame (a fifth of a scrolling
     * frame's instructions went to wrapping this line again). */
    l->scratch.count = 0;
    c->secondary_truncated = 0;
    rs_break_lines_limited(item->secondary, strlen(item->secondary), NULL, width, 1, &l->measure, RS_STYLE_SECONDARY,
                           &l->scratch, &c->secondary_truncated);
    c->secondary_lines = l->scratch.count;
    c->secondary_start = l->scratch.count ? l->scratch.lines[0].start : 0;
    c->secondary_length = l->scratch.count ? l->scratch.lines[0].length : 0;
    return c;
}

static void draw_rows(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp, float scroll,
                      rs_draw_list *out, rs_target_list *targets, bool backgrounds)
{
    const rs_screen *s = f->screen;
    if (s->kind != RS_SCREEN_LIST || s->count == 0 || l->row_height <= 0)
        return;
    float top = (float)vp.y + l->list_top - scroll;
    int64_t first = (int64_t)((scroll - l->list_top) / l->row_height);
    if (first < 0)
        first = 0;
    int x = t->margin, w = content_width(t, width);
    int pad = t->gap * 2;
    int body_lh = line_height(t, RS_STYLE_BODY);
    int inset = glyph_inset(t, RS_STYLE_BODY);
    for (int64_t i = first; i < s->count; i++) {
        int y = (int)(top + l->row_height * (float)i);
        if (y >= vp.y + vp.h)
            break;
        rs_rect r = {x, y, w, (int)l->row_height};
        rs_action action = {.kind = RS_ACT_ROW, .index = i};
        if (backgrounds) {
            rs_layout_add_target(targets, r, action, true);
            if (rs_action_equal(&f->pressed, &action))
                rs_draw_fill(out, r, t->pressed);
            continue;
        }
        const rs_list_item *item = rs_screen_item(s, i);
        if (!item)
            continue;
        row_cache *c = row_lines(l, item, w - 2 * pad);
        int ty = y + t->gap;
        for (size_t k = 0; k < c->lines.count; k++) {
            const rs_line *line = &c->lines.lines[k];
            rs_draw_text(out, x + pad, ty + inset, RS_STYLE_BODY, t->text, item->title + line->start, line->length);
            if (c->truncated && k + 1 == c->lines.count) {
                int lw = text_width(l, RS_STYLE_BODY, item->title + line->start, line->length);
                rs_draw_text(out, x + pad + lw, ty + inset, RS_STYLE_BODY, t->text, "…", strlen("…"));
            }
            ty += body_lh;
        }
        ty = y + t->gap + 2 * body_lh;
        int sec_inset = glyph_inset(t, RS_STYLE_SECONDARY);
        if (c->secondary_lines) {
            rs_draw_text(out, x + pad, ty + sec_inset, RS_STYLE_SECONDARY, t->muted,
                         item->secondary + c->secondary_start, c->secondary_length);
            if (c->secondary_truncated)
                rs_draw_text(out, x + pad + text_width(l, RS_STYLE_SECONDARY, item->secondary, c->secondary_length),
                             ty + sec_inset, RS_STYLE_SECONDARY, t->muted, "…", strlen("…"));
        }
        rs_draw_fill(out, (rs_rect){x, y + r.h - 1, w, 1}, t->divider);
    }
}

static bool intersects(rs_rect a, rs_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* The map draws its heading (or that there is no map) before it clips to
 * the map's area, and the map after: what comes before the clip reads as
 * the page does; the map, its names, legend and buttons stay where the
 * world has them. (The timeline is all chart: its legend and buttons sit
 * among its marks and keep their place with the time axis.) */
static void mirror_map_heading(rs_layout *l, int width, rs_draw_list *out, size_t from, rs_target_list *targets)
{
    size_t clip = from;
    while (clip < out->count && out->items[clip].kind != RS_DRAW_CLIP)
        clip++;
    rs_layout_mirror_range(l, width, out, from, clip, targets, targets->count);
}

static void draw_content(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                         rs_draw_list *out, rs_target_list *targets)
{
    int dy = vp.y - (int)f->scroll;
    size_t mirror_from = out->count, mirror_targets_from = targets->count;
    bool rtl = rs_layout_is_rtl(l);
    rs_draw_clip(out, vp);
    /* Targets and pressed tints first, so text draws over them. */
    for (size_t i = 0; i < l->element_count; i++) {
        const element *e = &l->elements[i];
        if (e->kind != EL_TARGET)
            continue;
        rs_rect r = {e->rect.x, e->rect.y + dy, e->rect.w, e->rect.h};
        if (!intersects(r, vp))
            continue;
        rs_layout_add_target(targets, r, e->action, true);
        if (rs_action_equal(&f->pressed, &e->action))
            rs_draw_fill(out, r, t->pressed);
    }
    draw_rows(l, t, f, width, vp, f->scroll, out, targets, true);
    for (size_t i = 0; i < l->element_count; i++) {
        const element *e = &l->elements[i];
        rs_rect r = {e->rect.x, e->rect.y + dy, e->rect.w, e->rect.h};
        if (e->kind == EL_TARGET)
            continue;
        size_t drawn = out->count;
        if (e->kind == EL_TEXT) {
            /* Text boxes are a line tall; widths of "…" elements are 0. */
            rs_rect box = {r.x, r.y, r.w > 0 ? r.w : 1, r.h};
            if (!intersects(box, vp))
                continue;
            rs_draw_text(out, r.x, r.y, e->style, e->color, e->text, e->length);
        } else if (intersects(r, vp)) {
            if (e->kind == EL_FILL) {
                /* A tile, chip or button background shows the pressed tint itself. */
                bool pressed = e->action.kind != RS_ACT_NONE && rs_action_equal(&f->pressed, &e->action);
                rs_draw_fill(out, r, pressed ? t->pressed : e->color);
            } else {
                rs_draw_outline(out, r, e->color, 1);
            }
        }
        if (out->count > drawn)
            out->items[drawn].column_x = e->column_x, out->items[drawn].column_w = e->column_w;
    }
    draw_rows(l, t, f, width, vp, f->scroll, out, targets, false);
    rs_layout_draw_qr(l, f, width, vp, out); /* the reader's code: its modules, never mirrored (layout_qr.c) */
    if (f->screen->kind == RS_SCREEN_THREAD)
        rs_layout_draw_thread(l, t, f, width, vp, out, targets);
    /* Mirrored before the map and the timeline draw: the world's
     * geography never turns round, and time runs left to right as their
     * dates' digits do (the timeline's arrows and drags keep their sense). */
    if (rtl)
        rs_layout_mirror(l, width, out, mirror_from, targets, mirror_targets_from);
    if (f->screen->kind == RS_SCREEN_MAP) {
        size_t view_from = out->count;
        rs_layout_draw_map(l, t, f, width, vp, out, targets);
        if (rtl)
            mirror_map_heading(l, width, out, view_from, targets);
    } else if (f->screen->kind == RS_SCREEN_TIMELINE)
        rs_layout_draw_timeline(l, t, f, width, vp, out, targets);

    /* The focus outline, never colour alone. */
    if (f->focused.kind != RS_ACT_NONE)
        for (size_t i = 0; i < targets->count; i++)
            if (targets->items[i].in_content && rs_action_equal(&targets->items[i].action, &f->focused))
                rs_draw_outline(out, targets->items[i].rect, t->accent, t->outline);

    if (f->show_scrollbar && l->content_height > (float)vp.h) {
        float fraction = (float)vp.h / l->content_height;
        int bar_h = (int)((float)vp.h * fraction);
        if (bar_h < t->gap * 3)
            bar_h = t->gap * 3;
        float max_scroll = l->content_height - (float)vp.h;
        float where = f->scroll < 0 ? 0 : f->scroll > max_scroll ? max_scroll : f->scroll;
        int bar_y = vp.y + (int)((float)(vp.h - bar_h) * (where / max_scroll));
        int bar_w = t->gap / 2 > 2 ? t->gap / 2 : 2;
        /* At the end of the lines: the left in a mirrored UI. */
        rs_draw_fill(out, (rs_rect){rtl ? t->gap - bar_w : width - t->gap, bar_y, bar_w, bar_h}, t->muted);
    }
    rs_draw_clip(out, (rs_rect){0, 0, 0, 0});
}

/* Back and Home at the ends of the bar (off home); their widths in
 * *back_w and *home_w. */
static void draw_back_home(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int pad, int *back_w_out,
                           int *home_w_out, rs_draw_list *out, rs_target_list *targets)
{
    int h = t->bar_height;
    rs_text_style style = RS_STYLE_LABEL;
    int ty = (h - glyph_height(t, style)) / 2;
    const char *back = _("‹ Back"), *home = _("Home");
    int back_w = text_width(l, style, back, strlen(back)) + 2 * pad;
    int home_w = text_width(l, style, home, strlen(home)) + 2 * pad;
    if (back_w < t->target)
        back_w = t->target;
    if (home_w < t->target)
        home_w = t->target;
    rs_rect back_r = {0, 0, back_w, h}, home_r = {width - home_w, 0, home_w, h};
    rs_action back_a = {.kind = RS_ACT_BACK}, home_a = {.kind = RS_ACT_HOME};
    if (rs_action_equal(&f->pressed, &back_a))
        rs_draw_fill(out, back_r, t->pressed);
    if (rs_action_equal(&f->pressed, &home_a))
        rs_draw_fill(out, home_r, t->pressed);
    rs_draw_text(out, pad, ty, style, t->accent, back, strlen(back));
    rs_draw_text(out, width - home_w + pad, ty, style, t->accent, home, strlen(home));
    rs_layout_add_target(targets, back_r, back_a, false);
    rs_layout_add_target(targets, home_r, home_a, false);
    rs_draw_fill(out, (rs_rect){back_w, h / 4, 1, h / 2}, t->divider);
    rs_draw_fill(out, (rs_rect){width - home_w, h / 4, 1, h / 2}, t->divider);
    *back_w_out = back_w, *home_w_out = home_w;
}

/* The language buttons' widths with pad on both sides of each name (each at
 * least a touch target wide); returns their sum. */
static int language_widths(const rs_theme *t, const int names[RS_UI_LANGUAGE_COUNT], int pad,
                           int widths[RS_UI_LANGUAGE_COUNT])
{
    int total = 0;
    for (int i = 0; i < RS_UI_LANGUAGE_COUNT; i++) {
        widths[i] = names[i] + 2 * pad > t->target ? names[i] + 2 * pad : t->target;
        total += widths[i];
    }
    return total;
}

/* On home: the six languages at the right end, each named in itself, the
 * current one filled. Beside the breadcrumb they keep the bar's padding
 * when they fit, else the padding narrows down to half a gap; when even
 * that does not fit (a portrait screen: six names take about 0.9 of the
 * short side) the breadcrumb, which on home only says "Home", gives way and
 * the buttons share the bar's whole width. Returns the width they take:
 * all of it when the breadcrumb gave way. */
static int draw_languages(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int pad,
                          rs_draw_list *out, rs_target_list *targets)
{
    int h = t->bar_height;
    rs_text_style lstyle = RS_STYLE_SECONDARY;
    int lty = (h - glyph_height(t, lstyle)) / 2;
    int names[RS_UI_LANGUAGE_COUNT], widths[RS_UI_LANGUAGE_COUNT];
    for (int i = 0; i < RS_UI_LANGUAGE_COUNT; i++) {
        const char *name = rs_i18n_endonym((rs_ui_language)i);
        names[i] = text_width(l, lstyle, name, strlen(name));
    }
    int crumb = 0;
    if (f->crumb_count == 1)
        crumb = t->margin + text_width(l, lstyle, f->crumbs[0], strlen(f->crumbs[0])) + pad;
    int p = pad, total = language_widths(t, names, p, widths);
    while (p > t->gap / 2 && total + crumb > width)
        total = language_widths(t, names, --p, widths);
    bool whole_bar = total + crumb > width;
    /* Larger still (a portrait screen after A+, or a display scale): the
     * padding goes, then every button is narrowed alike and a name that
     * no longer fits is cut with "…": never a button off the screen. */
    while (p > 0 && total > width)
        total = language_widths(t, names, --p, widths);
    if (total > width) {
        int left = width;
        for (int i = 0; i < RS_UI_LANGUAGE_COUNT; i++) {
            widths[i] = i + 1 < RS_UI_LANGUAGE_COUNT ? (int)((int64_t)widths[i] * width / total) : left;
            left -= widths[i];
        }
        total = width;
    }
    int extra = whole_bar && total < width ? width - total : 0;
    int lx = width;
    for (int i = RS_UI_LANGUAGE_COUNT - 1; i >= 0; i--) {
        const char *name = rs_i18n_endonym((rs_ui_language)i);
        /* The room left over, shared out (the first buttons get the odd pixels). */
        int lw = widths[i] + extra / RS_UI_LANGUAGE_COUNT + (i < extra % RS_UI_LANGUAGE_COUNT ? 1 : 0);
        lx -= lw;
        rs_rect r = {lx, 0, lw, h - 1};
        rs_action a = {.kind = RS_ACT_LANGUAGE, .index = i};
        bool current = f->language == i;
        if (current)
            rs_draw_fill(out, r, t->accent);
        else if (rs_action_equal(&f->pressed, &a))
            rs_draw_fill(out, r, t->pressed);
        rs_color color = current ? t->accent_text : t->accent;
        if (names[i] <= lw) {
            rs_draw_text(out, lx + (lw - names[i]) / 2, lty, lstyle, color, name, strlen(name));
        } else {
            rs_line_list words = {0};
            rs_layout_draw_fitted(l, &words, out, lx, lty, lstyle, color, name, lw);
            rs_line_list_free(&words);
        }
        rs_layout_add_target(targets, r, a, false);
    }
    return whole_bar ? width : width - lx;
}

#define CRUMB_SEPARATOR "  ›  "

/* The first part of the breadcrumb shown: as many of the last parts as fit
 * in available, earlier ones as "…" (the last part is always shown). */
static size_t first_crumb_shown(rs_layout *l, const rs_frame *f, int available)
{
    rs_text_style crumb_style = RS_STYLE_SECONDARY;
    int sep_w = text_width(l, crumb_style, CRUMB_SEPARATOR, strlen(CRUMB_SEPARATOR));
    size_t first = 0;
    for (;;) {
        int total = 0;
        for (size_t i = first; i < f->crumb_count; i++)
            total += text_width(l, crumb_style, f->crumbs[i], strlen(f->crumbs[i])) + (i > first ? sep_w : 0);
        if (first > 0)
            total += text_width(l, crumb_style, "…", strlen("…")) + sep_w;
        if (total <= available || first + 1 >= f->crumb_count)
            break;
        first++;
    }
    return first;
}

/* The breadcrumb between left and right: earlier parts tappable, the last
 * one (the screen shown) shortened with an ellipsis when it does not fit. */
static void draw_breadcrumb(rs_layout *l, const rs_theme *t, const rs_frame *f, int left, int right,
                            rs_draw_list *out, rs_target_list *targets)
{
    int h = t->bar_height;
    rs_text_style crumb_style = RS_STYLE_SECONDARY;
    int cy = (h - glyph_height(t, crumb_style)) / 2;
    const char *sep = CRUMB_SEPARATOR;
    int sep_w = text_width(l, crumb_style, sep, strlen(sep));
    size_t first = first_crumb_shown(l, f, right - left);
    int x = left;
    if (first > 0) {
        rs_draw_text(out, x, cy, crumb_style, t->muted, "…", strlen("…"));
        x += text_width(l, crumb_style, "…", strlen("…"));
        rs_draw_text(out, x, cy, crumb_style, t->muted, sep, strlen(sep));
        x += sep_w;
    }
    for (size_t i = first; i < f->crumb_count; i++) {
        bool last = i + 1 == f->crumb_count;
        size_t n = strlen(f->crumbs[i]);
        int w = text_width(l, crumb_style, f->crumbs[i], n);
        if (last && x + w > right) {
            /* The last part is shortened with an ellipsis. */
            l->scratch.count = 0;
            int truncated = 0;
            rs_break_lines_limited(f->crumbs[i], n, NULL, right - x, 1, &l->measure, crumb_style, &l->scratch,
                                   &truncated);
            if (l->scratch.count) {
                rs_draw_text(out, x, cy, crumb_style, t->text, f->crumbs[i], l->scratch.lines[0].length);
                if (truncated) {
                    int lw = text_width(l, crumb_style, f->crumbs[i], l->scratch.lines[0].length);
                    rs_draw_text(out, x + lw, cy, crumb_style, t->text, "…", strlen("…"));
                }
            }
            break;
        }
        rs_color color = last ? t->text : t->accent;
        rs_action crumb = {.kind = RS_ACT_CRUMB, .index = (int64_t)i};
        if (!last) {
            rs_rect r = {x - t->gap, 0, w + 2 * t->gap, h};
            if (rs_action_equal(&f->pressed, &crumb))
                rs_draw_fill(out, r, t->pressed);
            rs_layout_add_target(targets, r, crumb, false);
        }
        rs_draw_text(out, x, cy, crumb_style, color, f->crumbs[i], n);
        x += w;
        if (!last) {
            rs_draw_text(out, x, cy, crumb_style, t->muted, sep, strlen(sep));
            x += sep_w;
        }
    }
}

/* Back, the breadcrumb and Home; on home, the languages instead of Back
 * and Home. */
static void draw_bar(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_draw_list *out,
                     rs_target_list *targets)
{
    int h = t->bar_height;
    rs_draw_fill(out, (rs_rect){0, 0, width, h}, t->bar);
    rs_draw_fill(out, (rs_rect){0, h - 1, width, 1}, t->divider);
    int pad = t->margin / 2 > t->gap ? t->margin / 2 : t->gap;
    int left, right;
    if (f->crumb_count <= 1) {
        int languages_w = draw_languages(l, t, f, width, pad, out, targets);
        left = t->margin, right = width - languages_w - pad;
    } else {
        int back_w, home_w;
        draw_back_home(l, t, f, width, pad, &back_w, &home_w, out, targets);
        left = back_w + pad, right = width - home_w - pad;
    }
    if (right > left) /* on a portrait home the languages may take the whole bar */
        draw_breadcrumb(l, t, f, left, right, out, targets);
    /* Focus on a bar target. */
    if (f->focused.kind != RS_ACT_NONE)
        for (size_t i = 0; i < targets->count; i++)
            if (!targets->items[i].in_content && rs_action_equal(&targets->items[i].action, &f->focused))
                rs_draw_outline(out, targets->items[i].rect, t->accent, t->outline);
}

void rs_layout_frame(rs_layout *l, const rs_theme *t, int width, int height, const rs_frame *f, rs_draw_list *out,
                     rs_target_list *targets, rs_layout_info *info)
{
    rs_draw_clear(out);
    targets->count = 0;
    rs_layout_measure(l, t, width, height, f->screen, info);
    draw_content(l, t, f, width, info->viewport, out, targets);
    bool rtl = rs_layout_is_rtl(l);
    if (f->screen->kind == RS_SCREEN_SEARCH) {
        size_t from = out->count, targets_from = targets->count;
        rs_layout_draw_search_field(l, t, f, width, out);
        if (rtl)
            rs_layout_mirror(l, width, out, from, targets, targets_from);
        /* The keyboard turns its own keys round (keyboard.c). */
        rs_layout_draw_keyboard(l, t, f, width, height, out, targets);
    }
    size_t from = out->count, targets_from = targets->count;
    draw_bar(l, t, f, width, out, targets);
    if (rtl)
        rs_layout_mirror(l, width, out, from, targets, targets_from);
    rs_layout_draw_listen(l, t, f, width, height, out, targets); /* mirrors itself */
}

int rs_layout_draw_paragraph(rs_layout *l, const rs_theme *t, const char *text, rs_text_style style, rs_color color,
                             int x, int y, int width, size_t max_lines, const char *language, rs_draw_list *out)
{
    size_t start = l->element_count;
    y = add_paragraph(l, t, text, strlen(text), style, color, x, y, width, max_lines, language);
    for (size_t i = start; i < l->element_count; i++) {
        const element *e = &l->elements[i];
        rs_draw_text(out, e->rect.x, e->rect.y, e->style, e->color, e->text, e->length);
    }
    l->element_count = start;
    return y;
}


/* ---- for layout_reader.c (layout_private.h) ---- */

rs_action rs_layout_chip_action(const rs_chip *chip)
{
    rs_action action = {0};
    if (chip->is_link) {
        action.kind = RS_ACT_ROUTE;
        action.route = chip->route;
    } else {
        action.kind = RS_ACT_ROLE;
        action.index = chip->role;
    }
    return action;
}

element *rs_layout_element(rs_layout *l, element_kind kind, rs_rect rect)
{
    return add_element(l, kind, rect);
}

int rs_layout_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                        rs_color color, int x, int y, int width, size_t max_lines, const char *language,
                        const rs_range *marks, size_t mark_count)
{
    size_t first = l->element_count;
    y = add_marked_paragraph(l, t, text, length, style, color, x, y, width, max_lines, language, marks, mark_count);
    if (language)
        rs_layout_own_direction(l, first, x, width);
    return y;
}

void rs_layout_own_direction(rs_layout *l, size_t first, int x, int width)
{
    for (size_t i = first; i < l->element_count; i++)
        l->elements[i].column_x = x, l->elements[i].column_w = width;
}

void rs_layout_panel(rs_layout *l, rs_rect r, rs_action action, rs_color fill, rs_color border)
{
    add_panel(l, r, action, fill, border);
}

void rs_layout_button(rs_layout *l, const rs_theme *t, rs_rect r, const char *label, rs_action action, bool enabled)
{
    add_button(l, t, r, label, action, enabled);
}

void rs_layout_target_element(rs_layout *l, rs_rect rect, rs_action action)
{
    add_target_element(l, rect, action);
}
