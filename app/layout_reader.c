/*
 * The reader's page (DESIGN.md "First screen of a statement"): at every
 * size the visitor sees the statement's own words on the first screen, so
 * the metadata above them is compact and opens in place:
 *
 *   title             whole; at the label size when it would take more
 *                     than two lines at the heading size
 *   date row          the date, a button "20 July 2021 (inferred) ▸" when
 *                     the curator says how it was inferred, never cut; A−
 *                     A+ at the row's far end when the date leaves room
 *   source line       outlet · speaker, two lines at most until opened
 *                     (A− A+ at its end when the date row had no room)
 *   notes             (opened) the date's and the title's notes, and the
 *                     whole source line
 *   chips             parties and incidents in one row, the rest folded
 *                     into "+N"; (opened) every chip, and "Show less"
 *   excerpt, note     "Excerpt: the source text is incomplete" and the
 *                     curator's note, always shown
 *   translations, a rule, the body, "Also published by", Previous / Next
 *
 * The date button (RS_ACT_EXPAND RS_READER_NOTES) and "+N"
 * (RS_READER_CHIPS) each open their part in place, one at a time.
 */
#include "layout_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "expect.h"
#include "i18n.h"

/* ---- right-to-left paragraphs ---- */

/* Highlights the part [from, to) of a line (paragraph offsets) drawn as
 * the visual runs at run_x, each run_w wide: a mark may fall in several
 * runs, and in a right-to-left run its start is on the right. */
static void add_bidi_marks(rs_layout *l, const rs_theme *t, const char *text, rs_text_style style,
                           const rs_bidi_run *runs, const int *run_x, const int *run_w, size_t count, size_t from,
                           size_t to, int y, int lh)
{
    for (size_t r = 0; r < count; r++) {
        size_t a = runs[r].start > from ? runs[r].start : from;
        size_t b = runs[r].start + runs[r].length < to ? runs[r].start + runs[r].length : to;
        if (b <= a)
            continue;
        int before = text_width(l, style, text + runs[r].start, a - runs[r].start);
        int through = text_width(l, style, text + runs[r].start, b - runs[r].start);
        int x0 = runs[r].level % 2 ? run_x[r] + run_w[r] - through : run_x[r] + before;
        int x1 = runs[r].level % 2 ? run_x[r] + run_w[r] - before : run_x[r] + through;
        element *box = rs_layout_element(l, EL_FILL, (rs_rect){x0 - 1, y, x1 - x0 + 2, lh});
        box->color = t->highlight;
        if (l->first_mark_y < 0)
            l->first_mark_y = (float)y;
    }
}

/* One line of a bidi paragraph at y: its runs in visual order (with the
 * paragraph's levels), aligned to the paragraph's start side. A line whose
 * own first strong letter gives the paragraph's direction is one text
 * element (the text module reorders it the same way); a line that opens
 * against it (an Arabic line that begins with "Microsoft") is drawn run by
 * run, each where the paragraph's order puts it. */
static void add_bidi_line(rs_layout *l, const rs_theme *t, const char *text, const rs_line *line, rs_text_style style,
                          rs_color color, rs_bidi *bidi, rs_bidi_dir dir, int x, int y, int width,
                          const rs_range *marks, size_t mark_count)
{
    rs_bidi_run *runs = NULL;
    size_t capacity = 0;
    size_t count = rs_bidi_line_runs(bidi, line->start, line->length, &runs, &capacity);
    int *run_x = rs_xcalloc(count + 1, sizeof *run_x), *run_w = rs_xcalloc(count + 1, sizeof *run_w);
    int total = 0;
    for (size_t r = 0; r < count; r++) {
        run_w[r] = text_width(l, style, text + runs[r].start, runs[r].length);
        total += run_w[r];
    }
    bool whole = rs_bidi_direction(text + line->start, line->length, NULL) == dir;
    int drawn = whole ? line->width : total;
    int left = dir == RS_BIDI_RTL ? x + width - drawn : x;
    int at = left;
    for (size_t r = 0; r < count; r++) {
        run_x[r] = at;
        at += run_w[r];
    }
    int lh = line_height(t, style), inset = glyph_inset(t, style);
    size_t line_end = line->start + line->length;
    for (size_t k = 0; k < mark_count; k++)
        if (marks[k].start < line_end && marks[k].end > line->start)
            add_bidi_marks(l, t, text, style, runs, run_x, run_w, count, marks[k].start, marks[k].end, y, lh);
    for (size_t r = 0; r < (whole ? 1 : count); r++) {
        element *e = rs_layout_element(l, EL_TEXT, (rs_rect){whole ? left : run_x[r], y + inset,
                                                            whole ? line->width : run_w[r], lh});
        e->color = color, e->style = style;
        e->text = text + (whole ? line->start : runs[r].start);
        e->length = whole ? line->length : runs[r].length;
    }
    free(run_x);
    free(run_w);
    free(runs);
}

/* A paragraph of the statement's own text (title or body), wrapped within
 * width: as the other pages do (rs_layout_paragraph) when it is all left
 * to right; else by UAX #9: line breaks by UAX #14 on the logical text,
 * then each line reordered for display with the paragraph's levels, and
 * the lines of a right-to-left paragraph aligned right. language is the
 * statement's tag (an Arabic statement's paragraph is right to left even
 * when it opens with a Latin name). Returns the y under it. */
static int add_statement_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length,
                                   rs_text_style style, int x, int y, int width, const char *language,
                                   const rs_range *marks, size_t mark_count)
{
    rs_layout_listen_marks(l, t, text, length, style, x, y, width, language); /* the sentence heard, under it */
    rs_bidi_dir dir = rs_bidi_direction(text, length, language);
    if (dir == RS_BIDI_LTR && !rs_bidi_needed(text, length))
        return rs_layout_paragraph(l, t, text, length, style, t->text, x, y, width, 0, language, marks, mark_count);
    l->scratch.count = 0;
    rs_break_lines(text, length, language, width, &l->measure, (int)style, &l->scratch);
    rs_bidi *bidi = rs_bidi_create(text, length, dir);
    int lh = line_height(t, style);
    for (size_t i = 0; i < l->scratch.count; i++) {
        add_bidi_line(l, t, text, &l->scratch.lines[i], style, t->text, bidi, dir, x, y, width, marks, mark_count);
        y += lh;
    }
    rs_bidi_destroy(bidi);
    return y;
}

int rs_layout_statement_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length,
                                  rs_text_style style, int x, int y, int width, const char *language,
                                  const rs_range *marks, size_t mark_count)
{
    return add_statement_paragraph(l, t, text, length, style, x, y, width, language, marks, mark_count);
}

/* Splits the body into paragraphs at blank lines and lays each out. */
static int add_body(rs_layout *l, const rs_theme *t, const char *body, const char *language, int x, int y, int width,
                    const rs_range_list *marks)
{
    size_t mark = 0;
    size_t length = strlen(body);
    size_t at = 0, start, end;
    int paragraph_gap = line_height(t, RS_STYLE_BODY) * 7 / 10;
    while (rs_paragraph_next(body, length, &at, &start, &end)) {
        /* This paragraph's marks, made relative to it. */
        rs_range local[64];
        size_t n = 0;
        while (mark < marks->count && marks->items[mark].end <= start)
            mark++;
        for (size_t k = mark; k < marks->count && marks->items[k].start < end && n < 64; k++) {
            size_t from = marks->items[k].start > start ? marks->items[k].start : start;
            size_t to = marks->items[k].end < end ? marks->items[k].end : end;
            local[n++] = (rs_range){from - start, to - start};
        }
        y = add_statement_paragraph(l, t, body + start, end - start, RS_STYLE_BODY, x, y, width, language,
                                    local, n);
        y += paragraph_gap;
    }
    return y;
}

static int add_text(rs_layout *l, const rs_theme *t, const char *text, rs_text_style style, rs_color color, int x,
                    int y, int width, size_t max_lines)
{
    return rs_layout_paragraph(l, t, text, strlen(text), style, color, x, y, width, max_lines, NULL, NULL, 0);
}

/* A curator's note: its label, then the note wrapped beside it. Returns the
 * y under it. */
static int add_note(rs_layout *l, const rs_theme *t, const char *label, const char *note, int x, int y, int w)
{
    add_text(l, t, label, RS_STYLE_SECONDARY, t->muted, x, y, w, 1);
    int indent = text_width(l, RS_STYLE_SECONDARY, label, strlen(label));
    return add_text(l, t, note, RS_STYLE_SECONDARY, t->muted, x + indent, y, w - indent, 0);
}

/* The height of a chip: a touch target at least. */
static int chip_height(const rs_theme *t)
{
    int h = line_height(t, RS_STYLE_SECONDARY) + t->gap;
    return h < t->target ? t->target : h;
}

static int chip_pad(const rs_theme *t)
{
    return t->font_px[RS_STYLE_SECONDARY] * 2 / 3;
}

/* A chip's width for its label: a few pixels of slack, since the line
 * breaker measures a label in pieces (a CJK date with full-width brackets
 * measured 1-2 px wider that way, and lost its end to "…"). */
static int chip_width(rs_layout *l, const rs_theme *t, const char *label)
{
    return text_width(l, RS_STYLE_SECONDARY, label, strlen(label)) + 2 * chip_pad(t) + t->gap / 2;
}

/* One outlined chip at (x, y), w wide and at least a chip high, its label
 * wrapped within it in max_lines lines at most, the last cut with "…" if
 * need be (0: no limit). Returns the y under it. */
static int add_chip_lines(rs_layout *l, const rs_theme *t, const char *label, rs_action action, int x, int y, int w,
                          size_t max_lines)
{
    int h = chip_height(t), pad = chip_pad(t);
    int lines = 1;
    if (max_lines != 1) {
        l->scratch.count = 0;
        rs_break_lines_limited(label, strlen(label), NULL, w - 2 * pad, max_lines ? max_lines : SIZE_MAX,
                               &l->measure, RS_STYLE_SECONDARY, &l->scratch, NULL);
        lines = l->scratch.count > 1 ? (int)l->scratch.count : 1;
    }
    int extra = (lines - 1) * line_height(t, RS_STYLE_SECONDARY);
    rs_layout_panel(l, (rs_rect){x, y, w, h + extra}, action, t->surface, t->divider);
    int text_y = y + (h - glyph_height(t, RS_STYLE_SECONDARY)) / 2 - glyph_inset(t, RS_STYLE_SECONDARY);
    add_text(l, t, label, RS_STYLE_SECONDARY, t->accent, x + pad, text_y, w - 2 * pad, max_lines);
    return y + h + extra;
}

static void add_chip(rs_layout *l, const rs_theme *t, const char *label, rs_action action, int x, int y, int w)
{
    add_chip_lines(l, t, label, action, x, y, w, 1);
}

/* A party's or incident's chip narrower than its label ("Российская
 * Федерация · автор заявления" beside "+2" at 800x480) wraps to a second
 * line rather than lose its role to "…". */
#define CHIP_LINES 2

static const rs_action notes_action = {.kind = RS_ACT_EXPAND, .index = RS_READER_NOTES};
static const rs_action chips_action = {.kind = RS_ACT_EXPAND, .index = RS_READER_CHIPS};

/* Listen (when there is a speaker), then A− and A+ side by side, each
 * size_w wide, from x. */
static void add_sizes(rs_layout *l, const rs_theme *t, int x, int y, int size_w)
{
    int h = chip_height(t);
    x = rs_layout_add_listen(l, t, x, y, h);
    rs_layout_button(l, t, (rs_rect){x, y, size_w, h}, "A−", (rs_action){.kind = RS_ACT_TEXT_SMALLER},
                     l->text_smaller);
    rs_layout_button(l, t, (rs_rect){x + size_w + t->gap, y, size_w, h}, "A+",
                     (rs_action){.kind = RS_ACT_TEXT_LARGER}, l->text_larger);
}

static int sizes_width(rs_layout *l, const rs_theme *t, int size_w)
{
    return rs_layout_listen_width(l, t) + 2 * size_w + t->gap;
}

/* The date, as a button that opens the notes when there is a date note.
 * The date and its "(inferred)" mark are never cut: A− and A+ follow at
 * the row's end when the date fits beside them whole (narrowed to a bare
 * touch target if that is what it takes); else the date has the row to
 * itself (wrapping if even that is too narrow) and *sizes_w says how wide
 * each size button is to be where the caller puts them, 0 when placed.
 * Returns the y under the row. */
static int add_date_row(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w, int *sizes_w)
{
    int h = chip_height(t);
    const char *date = s->date_line ? s->date_line : "";
    bool button = s->statement.date_note != NULL;
    const char *label = date;
    if (button) {
        label = l->reader_date; /* the page points into it */
        /* Closed, the sign points along the line: to its end, the left in a
         * mirrored UI (U+25B8 has no mirror image for UAX #9 to draw). */
        snprintf(l->reader_date, sizeof l->reader_date, "%s %s", date,
                 s->notes_open ? "▾" : rs_layout_is_rtl(l) ? "◂" : "▸");
    }
    int natural = button ? chip_width(l, t, label) : text_width(l, RS_STYLE_SECONDARY, label, strlen(label)) + 1;
    int size_w = t->target * 3 / 2;
    if (natural + t->gap + sizes_width(l, t, size_w) > w)
        size_w = t->target;
    bool beside = natural + t->gap + sizes_width(l, t, size_w) <= w;
    int room = beside ? w - t->gap - sizes_width(l, t, size_w) : w;
    int bottom = y + h;
    if (button) {
        bottom = add_chip_lines(l, t, label, notes_action, x, y, natural < room ? natural : room, 0);
    } else {
        int text_y = y + (h - line_height(t, RS_STYLE_SECONDARY)) / 2;
        int under = add_text(l, t, date, RS_STYLE_SECONDARY, t->muted, x, text_y, room, 0);
        bottom = under > bottom ? under : bottom;
    }
    /* After the date: the keyboard's focus moves in reading order. */
    *sizes_w = beside ? 0 : size_w;
    if (beside)
        add_sizes(l, t, x + w - sizes_width(l, t, size_w), y, size_w);
    return bottom;
}

/* The chips: all of them, wrapping, with "Show less" when they are open;
 * else one row, the ones that do not fit folded into "+N". Returns
 * the y under them. */
static int add_reader_chips(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    int h = chip_height(t);
    int cx = x, cy = y, bottom = y + h; /* bottom: of the row's tallest chip */
    char plus[32];
    for (size_t i = 0; i < s->chip_count; i++) {
        const rs_chip *chip = &s->chips[i];
        int cw = chip_width(l, t, chip->label);
        if (!s->chips_open) {
            size_t rest = s->chip_count - i - 1; /* after this one */
            snprintf(plus, sizeof plus, "+%zu", rest);
            int reserve = rest ? t->gap + chip_width(l, t, plus) : 0;
            if (cx + cw + reserve > x + w) {
                if (cx == x) {
                    /* Even the first does not fit whole: cut, with room for "+N". */
                    cw = x + w - cx - reserve;
                } else {
                    snprintf(l->reader_more, sizeof l->reader_more, "+%zu", s->chip_count - i);
                    add_chip(l, t, l->reader_more, chips_action, cx, cy, chip_width(l, t, l->reader_more));
                    return bottom;
                }
            }
        } else if (cx > x && cx + cw > x + w) {
            cx = x, cy = bottom + t->gap, bottom = cy + h;
        }
        if (cw > w)
            cw = w;
        int under = add_chip_lines(l, t, chip->label, rs_layout_chip_action(chip), cx, cy, cw, CHIP_LINES);
        bottom = under > bottom ? under : bottom;
        cx += cw + t->gap;
    }
    if (s->chips_open) {
        /* TRANSLATORS: the reader: the chip that folds the parties and incidents back into one row. */
        const char *less = _("Show less");
        int cw = chip_width(l, t, less);
        if (cx > x && cx + cw > x + w)
            cx = x, cy = bottom + t->gap, bottom = cy + h;
        add_chip(l, t, less, chips_action, cx, cy, cw);
    }
    return bottom;
}

/* The title, whole: at the heading size when it takes two lines at most,
 * else at the label size, so that a long title leaves the screen to the
 * text. */
static int add_title(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    const rs_statement *st = &s->statement;
    size_t length = strlen(st->title);
    l->scratch.count = 0;
    rs_break_lines_limited(st->title, length, st->language, w, 3, &l->measure, RS_STYLE_TITLE, &l->scratch, NULL);
    rs_text_style style = l->scratch.count <= 2 ? RS_STYLE_TITLE : RS_STYLE_LABEL;
    return add_statement_paragraph(l, t, st->title, length, style, x, y, w, st->language, s->title_marks.items,
                                   s->title_marks.count);
}

/* Everything above the rule over the body. Returns the y under it. */
static int add_header(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    const rs_statement *st = &s->statement;
    y = add_title(l, t, s, x, y, w);
    int sizes_w;
    y = add_date_row(l, t, s, x, y + t->gap / 2, w, &sizes_w);
    if (sizes_w) {
        /* The date took the row: A− and A+ stand at the end of the source
         * line, which wraps beside them. */
        int sw = sizes_width(l, t, sizes_w), top = y + t->gap / 2;
        add_sizes(l, t, x + w - sw, top, sizes_w);
        int under = add_text(l, t, s->source_line ? s->source_line : "", RS_STYLE_SECONDARY, t->muted, x, top,
                             w - sw - t->gap, s->notes_open ? 0 : 2);
        y = under > top + chip_height(t) ? under : top + chip_height(t);
    } else if (s->source_line) {
        y = add_text(l, t, s->source_line, RS_STYLE_SECONDARY, t->muted, x, y + t->gap / 2, w,
                     s->notes_open ? 0 : 2);
    }
    if (st->date_note && s->notes_open)
        /* TRANSLATORS: before the curator's note on where a date came from. */
        y = add_note(l, t, _("Date: "), st->date_note, x, y, w);
    if (st->title_note && (s->notes_open || !st->date_note))
        /* TRANSLATORS: before the curator's note on a title the source did not print. */
        y = add_note(l, t, _("Title: "), st->title_note, x, y, w);
    if (s->chip_count)
        y = add_reader_chips(l, t, s, x, y + t->gap, w);
    if (s->partial_line || st->note)
        y += t->gap;
    if (s->partial_line) {
        /* Said plainly, in the text's own colour, with a bar beside it. */
        int bar = t->gap / 2 > 3 ? t->gap / 2 : 3;
        int top = y;
        y = add_text(l, t, s->partial_line, RS_STYLE_SECONDARY, t->text, x + bar + t->gap, y, w - bar - t->gap, 0);
        element *mark = rs_layout_element(l, EL_FILL, (rs_rect){x, top, bar, y - top});
        mark->color = t->accent;
    }
    if (st->note)
        /* TRANSLATORS: the reader: before the curator's note on a statement. */
        y = add_note(l, t, _("Note: "), st->note, x, y, w);
    return y;
}

/* "Also in:" and a button for each translation. Returns the y under them. */
static int add_translations(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    y += t->gap * 2;
    const char *label = _("Also in:");
    int label_w = text_width(l, RS_STYLE_SECONDARY, label, strlen(label));
    add_text(l, t, label, RS_STYLE_SECONDARY, t->muted, x, y + (t->target - line_height(t, RS_STYLE_SECONDARY)) / 2,
             label_w + 1, 1);
    int bx = x + label_w + t->gap;
    for (size_t i = 0; i < s->translation_count; i++) {
        const char *name = s->translation_labels[i];
        int bw = text_width(l, RS_STYLE_LABEL, name, strlen(name)) + 2 * t->margin;
        if (bw < t->target * 2)
            bw = t->target * 2;
        if (bx > x + label_w + t->gap && bx + bw > x + w) {
            bx = x + label_w + t->gap;
            y += t->target + t->gap;
        }
        rs_layout_button(l, t, (rs_rect){bx, y, bw, t->target}, name,
                         (rs_action){.kind = RS_ACT_TRANSLATION, .index = (int64_t)i}, true);
        bx += bw + t->gap;
    }
    return y + t->target;
}

/* "Also published by" and its rows. Returns the y under them. */
static int add_also(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    y += t->gap;
    y = add_text(l, t, _("Also published by"), RS_STYLE_LABEL, t->text, x, y, w, 1);
    for (size_t i = 0; i < s->also_count; i++) {
        const rs_list_item *item = &s->also[i];
        int h = line_height(t, RS_STYLE_BODY) + line_height(t, RS_STYLE_SECONDARY) + t->gap;
        if (h < t->target)
            h = t->target;
        rs_action action = {.kind = RS_ACT_ROUTE};
        action.route.kind = RS_ROUTE_STATEMENT;
        memcpy(action.route.slug, item->slug, sizeof action.route.slug);
        rs_layout_target_element(l, (rs_rect){x, y, w, h}, action);
        int ty = add_text(l, t, item->secondary, RS_STYLE_BODY, t->accent, x, y + t->gap / 2, w, 1);
        add_text(l, t, item->title, RS_STYLE_SECONDARY, t->muted, x, ty, w, 1);
        y += h;
    }
    return y;
}

void rs_layout_build_reader(rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    const rs_statement *st = &s->statement;
    int w = reading_width(t, width);
    int x = (width - w) / 2;
    int y = add_header(l, t, s, x, t->margin / 2, w);
    if (s->translation_count)
        y = add_translations(l, t, s, x, y, w);
    element *rule = rs_layout_element(l, EL_FILL, (rs_rect){x, y + t->gap, w, 1});
    rule->color = t->divider;
    y += t->gap * 2;
    y = add_body(l, t, st->body, st->language, x, y, w, &s->body_marks);
    y = rs_layout_build_qr(l, t, s, x, y, w); /* take it home: the source's code (layout_qr.c) */
    if (s->also_count)
        y = add_also(l, t, s, x, y, w);

    /* Previous and next within the list it came from. */
    y += t->gap * 2;
    int bw = (w - t->gap) / 2;
    int bh = t->target > line_height(t, RS_STYLE_LABEL) + t->gap ? t->target : line_height(t, RS_STYLE_LABEL) + t->gap;
    rs_action prev = {.kind = RS_ACT_PREV}, next = {.kind = RS_ACT_NEXT};
    rs_layout_button(l, t, (rs_rect){x, y, bw, bh}, _("‹ Previous"), prev, s->place.pos > 0);
    rs_layout_button(l, t, (rs_rect){x + bw + t->gap, y, bw, bh}, _("Next ›"), next,
                     s->place.pos + 1 < s->place_count);
    y += bh + t->margin;
    l->content_height = (float)y;
}
