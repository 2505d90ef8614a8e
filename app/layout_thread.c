/*
 * The incident thread's page: the incident's heading and summary (laid out
 * once, as a list header) over its entries as cards, laid out per frame and
 * only where they show, so a thread of any length costs the same per frame.
 *
 * Every folded card has the same height. Two things shift the cards below
 * them: the "Undated" heading before the first undated entry and the one
 * unfolded event, whose extra height is measured once per model and size.
 * So the card of any position is found by arithmetic, not by a walk.
 *
 * Accusations stand at the start edge with a rule on that side, answers at
 * the end edge with the rule on theirs, other events across the column
 * with hollow rules at both edges;
 * each carries its side as a text label on a tag in the side's colour, so
 * the thread reads without colour (and in the high-contrast theme, where
 * both colours are black).
 */
#include "layout_thread.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "layout_private.h"

/* The card's share of the column: enough offset between the two sides to
 * see them apart at a glance, enough width for a line of text. */
#define CARD_PERCENT 86

static int pad_of(const rs_theme *t)
{
    return t->gap * 2;
}

static int tag_pad_of(const rs_theme *t)
{
    return t->gap / 2 + 1;
}

static int rule_width(const rs_theme *t)
{
    return t->gap * 2 / 3 > 4 ? t->gap * 2 / 3 : 4;
}

/* A folded card: the head line(s), who, two lines of text, padded. */
static int card_height(const rs_layout *l, const rs_theme *t)
{
    return 2 * t->gap + (l->thread_head_lines + l->thread_who_lines) * line_height(t, RS_STYLE_SECONDARY) +
           2 * line_height(t, RS_STYLE_BODY);
}

static int heading_height(const rs_theme *t)
{
    return 2 * t->gap + line_height(t, RS_STYLE_LABEL) + line_height(t, RS_STYLE_SECONDARY);
}

typedef struct card_box {
    rs_rect card;   /* in content coordinates */
    int text_x, text_w;
    rs_color rule;
    rs_rect rule_rect;
    bool neutral;  /* hollow rules at both edges: neither side */
    rs_rect end_rule;
} card_box;

static rs_color side_color(const rs_theme *t, rs_thread_side side)
{
    return side == RS_SIDE_ACCUSATION ? t->accuse : side == RS_SIDE_ANSWER ? t->answer : t->muted;
}

/* A column narrow for its type (portrait): more of it for text, and two
 * lines for who. */
static bool narrow_column(const rs_theme *t, int width)
{
    return width < t->short_side * 5 / 4;
}

static card_box box_of(const rs_theme *t, int width, rs_thread_side side, int y, int h)
{
    int x = t->margin, w = content_width(t, width);
    int percent = narrow_column(t, width) ? CARD_PERCENT + 6 : CARD_PERCENT;
    int cw = side == RS_SIDE_NEUTRAL ? w : w * percent / 100;
    int rw = rule_width(t), pad = pad_of(t);
    card_box b;
    b.card = (rs_rect){side == RS_SIDE_ANSWER ? x + w - cw : x, y, cw, h};
    b.rule = side_color(t, side);
    b.neutral = side == RS_SIDE_NEUTRAL;
    b.end_rule = (rs_rect){b.card.x + cw - rw, y, rw, h};
    if (side == RS_SIDE_ANSWER) {
        b.rule_rect = b.end_rule;
        b.text_x = b.card.x + pad;
    } else {
        b.rule_rect = (rs_rect){b.card.x, y, rw, h};
        b.text_x = b.card.x + rw + pad;
    }
    b.text_w = cw - (b.neutral ? 2 * rw : rw) - 2 * pad;
    return b;
}

static const char *unfold_hint(bool unfolded)
{
    /* TRANSLATORS: on an event of the incident thread: tapping shows its full summary and source. */
    return unfolded ? _("Less ▴") : _("More ▾");
}

/* The lines a paragraph takes at width (max_lines 0: all). */
static size_t lines_of(rs_layout *l, const char *text, rs_text_style style, int width, size_t max_lines)
{
    if (!text || !text[0])
        return 0;
    l->scratch.count = 0;
    if (max_lines)
        rs_break_lines_limited(text, strlen(text), NULL, width, max_lines, &l->measure, (int)style, &l->scratch,
                               NULL);
    else
        rs_break_lines(text, strlen(text), NULL, width, &l->measure, (int)style, &l->scratch);
    return l->scratch.count;
}

/* A label ("Date: ") with its text wrapped beside it: the lines it takes. */
static size_t labelled_lines(rs_layout *l, const char *label, const char *text, int width)
{
    int indent = text_width(l, RS_STYLE_SECONDARY, label, strlen(label));
    size_t n = lines_of(l, text, RS_STYLE_SECONDARY, width - indent, 0);
    return n ? n : 1;
}

static const char *source_label(void)
{
    /* TRANSLATORS: before an event's source address in the incident thread. */
    return _("Source: ");
}

static size_t head_lines(rs_layout *l, const rs_theme *t, const rs_thread_item *item, const card_box *b);

/* The unfolded event's card: head, every line of who, of the summary, the
 * date note and the source. */
static int unfolded_height(rs_layout *l, const rs_theme *t, int width, const rs_thread_item *item)
{
    card_box b = box_of(t, width, item->side, 0, 0);
    int lh_s = line_height(t, RS_STYLE_SECONDARY), lh_b = line_height(t, RS_STYLE_BODY);
    int h = 2 * t->gap + (int)head_lines(l, t, item, &b) * lh_s;
    size_t who = lines_of(l, item->who, RS_STYLE_SECONDARY, b.text_w, 0);
    h += (int)(who ? who : 1) * lh_s;
    h += (int)lines_of(l, item->line, RS_STYLE_BODY, b.text_w, 0) * lh_b;
    if (item->note || item->source)
        h += t->gap;
    if (item->note)
        h += (int)labelled_lines(l, _("Date: "), item->note, b.text_w) * lh_s;
    if (item->source)
        h += (int)labelled_lines(l, source_label(), item->source, b.text_w) * lh_s;
    h += rs_layout_qr_event_height(l, t, item->source, b.text_w); /* its QR code (layout_qr.c) */
    return h;
}

static int widest(rs_layout *l, const char *const *texts, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        int tw = text_width(l, RS_STYLE_SECONDARY, texts[i], strlen(texts[i]));
        w = tw > w ? tw : w;
    }
    return w;
}

/* The widest date a head may show: the day of any month with its
 * "(inferred)", or "Date unknown"; its text into out. */
static int widest_date(rs_layout *l, char *out, size_t size)
{
    char dates[13][128];
    const char *texts[13];
    for (int m = 0; m < 12; m++) {
        char iso[16];
        snprintf(iso, sizeof iso, "2021-%02d-28", m + 1);
        rs_i18n_date(iso, true, dates[m], sizeof dates[m]);
        texts[m] = dates[m];
    }
    rs_i18n_date(NULL, false, dates[12], sizeof dates[12]);
    texts[12] = dates[12];
    int w = 0;
    for (size_t i = 0; i < 13; i++) {
        int tw = widest(l, &texts[i], 1);
        if (tw > w)
            w = tw, snprintf(out, size, "%s", texts[i]);
    }
    return w;
}

/* Every card's head takes one line ("19 July 2021 (inferred) ·
 * Attribution") when the widest this UI language can show fits beside the
 * widest side tag and the fold sign on an accusation's card; else two,
 * the kind beside the tag and the date under it, so that neither is ever
 * cut. Decided per size and language, not per card: every folded card
 * keeps one height. */
static int head_lines_for(rs_layout *l, const rs_theme *t, int width)
{
    card_box b = box_of(t, width, RS_SIDE_ACCUSATION, 0, 0);
    const char *tags[] = {_("Accusation"), _("Answer")}, *signs[] = {"▾", "▴", "›"};
    const char *kinds[16];
    size_t kind_count = rs_thread_kind_labels(kinds, 16);
    char date[128];
    int date_w = widest_date(l, date, sizeof date);
    int need = widest(l, tags, 2) + 2 * tag_pad_of(t) + t->gap + date_w +
               text_width(l, RS_STYLE_SECONDARY, " · ", strlen(" · ")) +
               widest(l, kinds, kind_count < 16 ? kind_count : 16) + t->gap + widest(l, signs, 3);
    if (need <= b.text_w)
        return 1;
    /* The date on lines of its own: two where even alone it is too wide
     * ("28 сентября 2021 г. (предположительно)" in portrait). */
    return 1 + (lines_of(l, date, RS_STYLE_SECONDARY, b.text_w, 0) > 1 ? 2 : 1);
}

void rs_layout_build_thread(rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    const rs_thread_screen *thread = s->thread;
    int64_t count = thread ? rs_thread_screen_count(thread) : 0;
    l->thread_head_lines = head_lines_for(l, t, width);
    l->thread_who_lines = narrow_column(t, width) ? 2 : 1;
    l->row_height = (float)(card_height(l, t) + t->gap);
    l->thread_undated = thread ? rs_thread_screen_undated_start(thread) : 0;
    l->thread_heading_h = l->thread_undated < count ? (float)heading_height(t) : 0;
    l->thread_unfolded = thread ? rs_thread_screen_unfolded(thread) : -1;
    l->thread_extra = 0;
    const rs_thread_item *open = thread ? rs_thread_screen_unfolded_item(thread) : NULL;
    if (open) {
        int extra = unfolded_height(l, t, width, open) - card_height(l, t);
        l->thread_extra = extra > 0 ? (float)extra : 0;
    }
    l->content_height =
        l->list_top + l->row_height * (float)count + l->thread_heading_h + l->thread_extra + (float)t->margin;
}

/* The content y of entry index's card. */
static float card_y(const rs_layout *l, int64_t index)
{
    float y = l->list_top + l->row_height * (float)index;
    if (index >= l->thread_undated)
        y += l->thread_heading_h;
    if (l->thread_unfolded >= 0 && index > l->thread_unfolded)
        y += l->thread_extra;
    return y;
}

/* The card's height with the gap under it. */
static float card_h(const rs_layout *l, int64_t index)
{
    return index == l->thread_unfolded ? l->row_height + l->thread_extra : l->row_height;
}

rs_rect rs_layout_thread_card(const rs_layout *l, int64_t index)
{
    return (rs_rect){0, (int)card_y(l, index), l->width, (int)card_h(l, index)};
}

void rs_layout_thread_rows(const rs_layout *l, int64_t count, float scroll, int viewport_h, int64_t *first,
                           int64_t *last)
{
    *first = 0, *last = -1;
    if (count <= 0 || l->row_height <= 0)
        return;
    /* Below an estimate that ignores the shifts, then forward past the
     * cards that end above the viewport: a few steps at most. */
    float shifts = l->thread_heading_h + l->thread_extra;
    int64_t i = (int64_t)((scroll - l->list_top - shifts) / l->row_height);
    if (i < 0)
        i = 0;
    while (i < count && card_y(l, i) + card_h(l, i) <= scroll)
        i++;
    int64_t k = i;
    while (k + 1 < count && card_y(l, k + 1) < scroll + (float)viewport_h)
        k++;
    if (i >= count)
        i = k = count - 1;
    *first = i, *last = k;
}

/* text wrapped to width in at most max_lines lines (0: all), the last
 * shortened with "…"; *y_out (if given) gets the y under it. text must
 * outlive the frame: the draw list points into it. */
static void draw_line(rs_layout *l, const rs_theme *t, rs_draw_list *out, const char *text, rs_text_style style,
                      rs_color color, int x, int y, int width, size_t max_lines, int *y_out)
{
    int lh = line_height(t, style), inset = glyph_inset(t, style);
    if (!text || !text[0])
        return;
    l->scratch.count = 0;
    int truncated = 0;
    if (max_lines)
        rs_break_lines_limited(text, strlen(text), NULL, width, max_lines, &l->measure, (int)style, &l->scratch,
                               &truncated);
    else
        rs_break_lines(text, strlen(text), NULL, width, &l->measure, (int)style, &l->scratch);
    for (size_t k = 0; k < l->scratch.count; k++) {
        const rs_line *line = &l->scratch.lines[k];
        rs_draw_text(out, x, y + inset, style, color, text + line->start, line->length);
        if (truncated && k + 1 == l->scratch.count) {
            int lw = text_width(l, style, text + line->start, line->length);
            rs_draw_text(out, x + lw, y + inset, style, color, "…", strlen("…"));
        }
        y += lh;
    }
    if (y_out)
        *y_out = y;
}

/* A label with its text wrapped beside it; returns the y under it. */
static int draw_labelled(rs_layout *l, const rs_theme *t, rs_draw_list *out, const char *label, const char *text,
                         int x, int y, int width)
{
    int indent = text_width(l, RS_STYLE_SECONDARY, label, strlen(label));
    rs_draw_text(out, x, y + glyph_inset(t, RS_STYLE_SECONDARY), RS_STYLE_SECONDARY, t->muted, label, strlen(label));
    int under = y + line_height(t, RS_STYLE_SECONDARY);
    draw_line(l, t, out, text, RS_STYLE_SECONDARY, t->muted, x + indent, y, width - indent, 0, &under);
    return under;
}

/* The head line's parts: the side's tag (label_w wide, 0 without), the
 * head's first line from head_x to head_end ("date · kind", or the kind
 * alone when heads take two lines), what a tap does at the end. */
typedef struct head_parts {
    int label_w, tag_pad, head_x, head_end;
    const char *first; /* the text of the first line */
    const char *hint;
    int hint_w;
} head_parts;

static head_parts head_of(rs_layout *l, const rs_theme *t, const rs_thread_item *item, const card_box *b,
                          bool unfolded)
{
    head_parts p;
    int end = b->text_x + b->text_w;
    p.tag_pad = tag_pad_of(t);
    p.label_w = item->side_label[0] ? text_width(l, RS_STYLE_SECONDARY, item->side_label, strlen(item->side_label))
                                    : 0;
    p.head_x = b->text_x + (p.label_w ? p.label_w + 2 * p.tag_pad + t->gap : 0);
    p.first = l->thread_head_lines > 1 ? item->what : item->head;
    int head_w = text_width(l, RS_STYLE_SECONDARY, p.first, strlen(p.first));
    /* What a tap does, in words where the date and kind still fit beside
     * them, else its sign alone. */
    p.hint = item->kind == RS_THREAD_EVENT ? unfold_hint(unfolded) : _("Read ›");
    p.hint_w = text_width(l, RS_STYLE_SECONDARY, p.hint, strlen(p.hint));
    if (p.head_x + head_w + t->gap + p.hint_w > end) {
        p.hint = item->kind == RS_THREAD_EVENT ? (unfolded ? "▴" : "▾") : "›";
        p.hint_w = text_width(l, RS_STYLE_SECONDARY, p.hint, strlen(p.hint));
    }
    p.head_end = end - p.hint_w - t->gap;
    return p;
}

/* The lines the head takes unfolded: all its parts need. */
static size_t head_lines(rs_layout *l, const rs_theme *t, const rs_thread_item *item, const card_box *b)
{
    head_parts p = head_of(l, t, item, b, true);
    size_t n = p.head_end > p.head_x ? lines_of(l, p.first, RS_STYLE_SECONDARY, p.head_end - p.head_x, 0) : 1;
    n = n ? n : 1;
    if (l->thread_head_lines > 1) {
        size_t under = lines_of(l, item->when, RS_STYLE_SECONDARY, b->text_w, 0);
        n += under ? under : 1;
    }
    return n;
}

/* The head: its first line beside the tag, and on two-line heads the date
 * under it across the card; folded each part on one line, unfolded all of
 * it. Returns the y under it. */
static int draw_head(rs_layout *l, const rs_theme *t, rs_draw_list *out, const rs_thread_item *item,
                     const card_box *b, int y, bool unfolded)
{
    int lh = line_height(t, RS_STYLE_SECONDARY), inset = glyph_inset(t, RS_STYLE_SECONDARY);
    head_parts p = head_of(l, t, item, b, unfolded);
    rs_draw_text(out, b->text_x + b->text_w - p.hint_w, y + inset, RS_STYLE_SECONDARY, t->accent, p.hint,
                 strlen(p.hint));
    if (p.label_w) {
        rs_draw_fill(out, (rs_rect){b->text_x, y, p.label_w + 2 * p.tag_pad, lh}, b->rule);
        rs_draw_text(out, b->text_x + p.tag_pad, y + inset, RS_STYLE_SECONDARY, t->accent_text, item->side_label,
                     strlen(item->side_label));
    }
    int under = y + lh;
    if (p.head_end > p.head_x)
        draw_line(l, t, out, p.first, RS_STYLE_SECONDARY, t->muted, p.head_x, y, p.head_end - p.head_x,
                  unfolded ? 0 : 1, &under);
    if (!unfolded)
        under = y + lh;
    if (l->thread_head_lines > 1) {
        int date_y = under, date_lines = l->thread_head_lines - 1;
        under = date_y + lh;
        /* The lines it needs, up to those the layout gives it: who
         * follows and takes what is left. */
        draw_line(l, t, out, item->when, RS_STYLE_SECONDARY, t->muted, b->text_x, date_y, b->text_w,
                  unfolded ? 0 : (size_t)date_lines, &under);
    }
    return under;
}

static void draw_card(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int y, const rs_thread_item *item,
                      rs_draw_list *out, rs_target_list *targets)
{
    bool unfolded = item->kind == RS_THREAD_EVENT && item->index == l->thread_unfolded;
    int h = card_height(l, t) + (unfolded ? (int)l->thread_extra : 0);
    card_box b = box_of(t, width, item->side, y, h);
    rs_action action = {.kind = item->kind == RS_THREAD_EVENT ? RS_ACT_EXPAND : RS_ACT_ROW, .index = item->index};
    rs_layout_add_target(targets, b.card, action, true);
    bool pressed = rs_action_equal(&f->pressed, &action);
    rs_draw_fill(out, b.card, pressed ? t->pressed : t->surface);
    rs_draw_outline(out, b.card, t->divider, 1);
    if (b.neutral) {
        /* Neither side: hollow rules at both edges, never a side's solid
         * one, so that in the high-contrast theme, where every rule is
         * black, it still reads apart from an accusation. */
        int line = rule_width(t) / 4 > 1 ? rule_width(t) / 4 : 1;
        rs_draw_outline(out, b.rule_rect, b.rule, line);
        rs_draw_outline(out, b.end_rule, b.rule, line);
    } else {
        rs_draw_fill(out, b.rule_rect, b.rule);
    }

    int lh_s = line_height(t, RS_STYLE_SECONDARY), lh_b = line_height(t, RS_STYLE_BODY);
    int ty = y + t->gap;
    ty = draw_head(l, t, out, item, &b, ty, unfolded);
    int head_bottom = ty;
    /* Who in the lines the layout gives it and any the head left (all of
     * it unfolded); the text follows it, so a short one leaves its room at
     * the card's foot. */
    int head_used = (head_bottom - y - t->gap) / lh_s;
    int who_lines = l->thread_head_lines + l->thread_who_lines - head_used;
    draw_line(l, t, out, item->who, RS_STYLE_SECONDARY, t->muted, b.text_x, ty, b.text_w,
              unfolded ? 0 : (size_t)(who_lines > 1 ? who_lines : 1), &ty);
    if (!item->who[0])
        ty = head_bottom + lh_s; /* nobody named: one empty line */
    /* The text's lines: two, and more where the lines above left room. */
    int room = (y + card_height(l, t) - t->gap - ty) / lh_b;
    size_t body = room > 2 ? (size_t)room : 2;
    if (item->kind == RS_THREAD_STATEMENT) {
        /* The title on two lines where it can have them, then the lede. */
        bool lede = item->line && item->line[0];
        int under = ty + lh_b;
        draw_line(l, t, out, item->title, RS_STYLE_BODY, t->accent, b.text_x, ty, b.text_w,
                  lede ? (body > 2 ? 2 : 1) : body, &under);
        size_t title_lines = (size_t)((under - ty) / lh_b);
        if (lede && title_lines < body)
            draw_line(l, t, out, item->line, RS_STYLE_BODY, t->text, b.text_x, under, b.text_w, body - title_lines,
                      NULL);
        return;
    }
    draw_line(l, t, out, item->line, RS_STYLE_BODY, t->text, b.text_x, ty, b.text_w, unfolded ? 0 : body, &ty);
    if (!unfolded)
        return;
    ty += item->note || item->source ? t->gap : 0;
    if (item->note)
        ty = draw_labelled(l, t, out, _("Date: "), item->note, b.text_x, ty, b.text_w);
    if (item->source)
        ty = draw_labelled(l, t, out, source_label(), item->source, b.text_x, ty, b.text_w);
    rs_layout_qr_draw_event(l, t, f, item->source, b.text_x, ty, b.text_w, width, out, targets);
}

/* The "Undated" heading over the first undated entry. */
static void draw_undated_heading(rs_layout *l, const rs_theme *t, int width, int y, rs_draw_list *out)
{
    const char *heading = _("Undated"), *line = _("No date known");
    int x = t->margin;
    int ty = y + t->gap;
    draw_line(l, t, out, heading, RS_STYLE_LABEL, t->text, x, ty, content_width(t, width), 1, NULL);
    ty += line_height(t, RS_STYLE_LABEL);
    draw_line(l, t, out, line, RS_STYLE_SECONDARY, t->muted, x, ty, content_width(t, width), 1, NULL);
}

void rs_layout_draw_thread(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                           rs_draw_list *out, rs_target_list *targets)
{
    const rs_screen *s = f->screen;
    if (!s->thread)
        return;
    int64_t count = rs_thread_screen_count(s->thread);
    int64_t first, last;
    rs_layout_thread_rows(l, count, f->scroll, vp.h, &first, &last);
    float dy = (float)vp.y - f->scroll;
    int64_t undated = l->thread_undated;
    if (undated < count && first <= undated && undated <= last + 1) {
        int hy = (int)(card_y(l, undated) - l->thread_heading_h + dy);
        draw_undated_heading(l, t, width, hy, out);
    }
    for (int64_t i = first; i <= last; i++) {
        const rs_thread_item *item = i == l->thread_unfolded ? rs_thread_screen_unfolded_item(s->thread) : NULL;
        if (!item)
            item = rs_thread_screen_item(s->thread, i);
        if (item)
            draw_card(l, t, f, width, (int)(card_y(l, i) + dy), item, out, targets);
    }
}
