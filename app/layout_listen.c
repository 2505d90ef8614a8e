/*
 * Listen in the reader (issue 16): the Listen button beside A− and A+, the
 * sentence being heard marked in the text, and while Listen reads a bar of
 * controls at the bottom of the window: Pause (Resume), Stop, and the speed
 * (Slower, Normal, Faster).
 *
 * The bar is fixed at the bottom, over nothing: the page's viewport ends
 * above it, so the whole text can still be scrolled into view, and it stays
 * put while the text scrolls under the top bar's navigation. At the bottom
 * rather than under the top bar because that is where a standing visitor's
 * hands are, and so the reading column keeps its top, where the eye comes
 * back to after a glance (DESIGN.md: targets within reach, text read from a
 * metre away). Each control is a labelled touch target; the speed selected
 * is drawn inverted and with a bar under its label, not in another hue.
 */
#include "layout_private.h"

#include <string.h>

#include "i18n.h"
#include "utterance.h"

#define BAR_BUTTONS 5 /* Pause, Stop, Slower, Normal, Faster */

void rs_layout_set_listen(rs_layout *l, const rs_listen_view *listen)
{
    rs_listen_view next = listen ? *listen : (rs_listen_view){0};
    if (!next.available)
        next.active = false;
    if (!next.active || next.start >= next.end)
        next.mark = RS_LISTEN_MARK_NONE;
    if (next.mark == RS_LISTEN_MARK_NONE)
        next.start = next.end = 0;
    /* The button and the mark are part of the cached page; the bar is drawn
     * each frame. */
    bool relayout = next.available != l->listen.available || next.mark != l->listen.mark ||
                    next.start != l->listen.start || next.end != l->listen.end;
    l->listen = next;
    if (relayout)
        rs_layout_forget(l);
}

/* ---- the button ---- */

static const char *listen_label(void)
{
    /* TRANSLATORS: the reader: the button that reads the statement aloud. */
    return P_("listen", "Listen");
}

static int measure_label(const rs_layout *l, const char *label)
{
    return l->measure.width(l->measure.context, RS_STYLE_LABEL, label, strlen(label));
}

static int button_width(const rs_layout *l, const rs_theme *t, const char *label)
{
    int w = measure_label(l, label) + 2 * (t->font_px[RS_STYLE_LABEL] * 2 / 3);
    return w > t->target * 3 / 2 ? w : t->target * 3 / 2;
}

int rs_layout_listen_width(rs_layout *l, const rs_theme *t)
{
    return l->listen.available ? button_width(l, t, listen_label()) + t->gap : 0;
}

int rs_layout_add_listen(rs_layout *l, const rs_theme *t, int x, int y, int h)
{
    if (!l->listen.available)
        return x;
    int w = button_width(l, t, listen_label());
    rs_layout_button(l, t, (rs_rect){x, y, w, h}, listen_label(), (rs_action){.kind = RS_ACT_LISTEN}, true);
    return x + w + t->gap;
}

/* ---- the sentence heard ---- */

/* Where text starts in the statement part the mark is in, or false when
 * text is not in that part. */
static bool offset_in_part(const rs_layout *l, const char *text, size_t *offset)
{
    if (!l->screen || l->screen->kind != RS_SCREEN_READER)
        return false;
    const char *base =
        l->listen.mark == RS_LISTEN_MARK_TITLE ? l->screen->statement.title : l->screen->statement.body;
    if (!base || text < base || text > base + strlen(base))
        return false;
    *offset = (size_t)(text - base);
    return true;
}

static bool same_color(rs_color a, rs_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The paragraph is laid out once more, as the reader lays it out, with the
 * sentence's part of it as its only mark and the theme's speaking colour
 * for marks; of that only the mark's boxes are kept (so they sit exactly
 * behind its words, in either direction, and the text drawn next covers
 * them), each with a line under it. */
void rs_layout_listen_marks(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                            int x, int y, int width, const char *language)
{
    size_t offset;
    if (l->listen_marking || l->listen.mark == RS_LISTEN_MARK_NONE || !offset_in_part(l, text, &offset))
        return;
    size_t from = l->listen.start > offset ? l->listen.start - offset : 0;
    size_t to = l->listen.end - offset < length ? l->listen.end - offset : length;
    if (l->listen.end <= offset || from >= to)
        return;
    rs_theme marked = *t;
    marked.highlight = t->speaking;
    size_t first = l->element_count;
    float first_mark_y = l->first_mark_y;
    rs_range range = {from, to};
    l->listen_marking = true;
    rs_layout_statement_paragraph(l, &marked, text, length, style, x, y, width, language, &range, 1);
    l->listen_marking = false;
    l->first_mark_y = first_mark_y; /* that is the search's first hit */
    size_t kept = first;
    for (size_t i = first; i < l->element_count; i++) {
        element e = l->elements[i];
        if (e.kind != EL_FILL || !same_color(e.color, t->speaking))
            continue;
        if (!e.column_w)
            e.column_x = x, e.column_w = width;
        l->elements[kept++] = e;
    }
    l->element_count = kept;
    int thickness = t->outline > 2 ? t->outline * 2 / 3 : 2;
    for (size_t i = first; i < kept; i++) {
        element box = l->elements[i];
        element *line = rs_layout_element(l, EL_FILL, (rs_rect){box.rect.x, box.rect.y + box.rect.h - thickness,
                                                               box.rect.w, thickness});
        line->color = t->accent;
        line->column_x = box.column_x, line->column_w = box.column_w;
        float top = (float)box.rect.y, bottom = (float)(box.rect.y + box.rect.h);
        if (l->spoken_top < 0 || top < l->spoken_top)
            l->spoken_top = top;
        if (bottom > l->spoken_bottom)
            l->spoken_bottom = bottom;
    }
}

/* ---- the controls ---- */

typedef struct bar_plan {
    rs_rect rects[BAR_BUTTONS]; /* y from the bar's top */
    int height;
} bar_plan;

static rs_action bar_action(int i)
{
    if (i == 0)
        return (rs_action){.kind = RS_ACT_LISTEN_PAUSE};
    if (i == 1)
        return (rs_action){.kind = RS_ACT_LISTEN_STOP};
    return (rs_action){.kind = RS_ACT_LISTEN_SPEED, .index = i - 2};
}

const char *rs_layout_listen_label(const rs_action *action, bool paused)
{
    switch (action->kind) {
    case RS_ACT_LISTEN:
        return listen_label();
    case RS_ACT_LISTEN_PAUSE:
        /* TRANSLATORS: Listen's controls: pauses the reading aloud (Resume goes on). */
        return paused ? P_("listen", "Resume") : P_("listen", "Pause");
    case RS_ACT_LISTEN_STOP:
        /* TRANSLATORS: Listen's controls: stops the reading aloud. */
        return P_("listen", "Stop");
    case RS_ACT_LISTEN_SPEED:
        if (action->index == RS_SPEED_SLOWER)
            /* TRANSLATORS: Listen's controls: the speed of the voice, slower than normal. */
            return P_("listen", "Slower");
        if (action->index == RS_SPEED_FASTER)
            /* TRANSLATORS: Listen's controls: the speed of the voice, faster than normal. */
            return P_("listen", "Faster");
        /* TRANSLATORS: Listen's controls: the voice's normal speed. */
        return P_("listen", "Normal");
    default:
        return NULL;
    }
}

static const char *bar_label(const rs_layout *l, int i)
{
    rs_action action = bar_action(i);
    return rs_layout_listen_label(&action, l->listen.paused);
}

/* Lays out a group of buttons [from, to) in a row from x at y, squeezed
 * evenly when the row is narrower than they are. */
static void place_group(bar_plan *p, const int *natural, int from, int to, int x, int y, int h, int room, int gap)
{
    int total = 0;
    for (int i = from; i < to; i++)
        total += natural[i];
    int gaps = gap * (to - from - 1);
    for (int i = from; i < to; i++) {
        int w = total + gaps <= room ? natural[i] : (int)((long)natural[i] * (room - gaps) / total);
        p->rects[i] = (rs_rect){x, y, w, h};
        x += w + gap;
    }
}

/* Pause and Stop, then the three speeds: in one row when they fit (the
 * speeds at the far end), else in two. */
static void plan_bar(const rs_layout *l, const rs_theme *t, int width, bar_plan *p)
{
    int natural[BAR_BUTTONS];
    for (int i = 0; i < BAR_BUTTONS; i++)
        natural[i] = button_width(l, t, bar_label(l, i));
    /* Pause and Resume in one width, so the bar does not move. */
    int resume = button_width(l, t, l->listen.paused ? P_("listen", "Pause") : P_("listen", "Resume"));
    natural[0] = natural[0] > resume ? natural[0] : resume;
    int h = t->target > line_height(t, RS_STYLE_LABEL) + t->gap ? t->target : line_height(t, RS_STYLE_LABEL) + t->gap;
    int room = content_width(t, width), pad = t->gap;
    int first = natural[0] + t->gap + natural[1];
    int speeds = natural[2] + natural[3] + natural[4] + 2 * t->gap;
    if (first + 2 * t->gap + speeds <= room) {
        place_group(p, natural, 0, 2, t->margin, pad, h, room, t->gap);
        place_group(p, natural, 2, 5, width - t->margin - speeds, pad, h, room, t->gap);
        p->height = h + 2 * pad;
    } else {
        place_group(p, natural, 0, 2, t->margin, pad, h, room, t->gap);
        place_group(p, natural, 2, 5, t->margin, pad + h + t->gap, h, room, t->gap);
        p->height = 2 * h + t->gap + 2 * pad;
    }
}

int rs_layout_listen_bar_height(const rs_layout *l, const rs_theme *t, const rs_screen *s, int width)
{
    if (!s || s->kind != RS_SCREEN_READER || !l->listen.active)
        return 0;
    bar_plan p;
    plan_bar(l, t, width, &p);
    return p.height;
}

/* One control: its panel, its label centred (cut with "…" if it must be),
 * the selected speed inverted with a bar under its label. */
static void draw_control(rs_layout *l, const rs_theme *t, const rs_frame *f, rs_rect r, int i, rs_draw_list *out)
{
    rs_action action = bar_action(i);
    bool selected = i >= 2 && i - 2 == l->listen.speed;
    bool pressed = rs_action_equal(&f->pressed, &action);
    rs_draw_fill(out, r, selected ? t->accent : pressed ? t->pressed : t->surface);
    rs_draw_outline(out, r, selected ? t->accent : t->divider, 1);
    const char *label = bar_label(l, i);
    rs_color color = selected ? t->accent_text : t->accent;
    int label_w = text_width(l, RS_STYLE_LABEL, label, strlen(label));
    int y = r.y + (r.h - glyph_height(t, RS_STYLE_LABEL)) / 2;
    if (label_w <= r.w - 4) {
        rs_draw_text(out, r.x + (r.w - label_w) / 2, y, RS_STYLE_LABEL, color, label, strlen(label));
    } else {
        rs_line_list words = {0};
        rs_layout_draw_fitted(l, &words, out, r.x + 2, y, RS_STYLE_LABEL, color, label, r.w - 4);
        rs_line_list_free(&words);
    }
    if (selected) {
        int thickness = t->outline > 2 ? t->outline : 2;
        int inset = t->font_px[RS_STYLE_LABEL] / 2;
        rs_draw_fill(out, (rs_rect){r.x + inset, r.y + r.h - thickness - t->gap / 2, r.w - 2 * inset, thickness},
                     t->accent_text);
    }
    if (rs_action_equal(&f->focused, &action)) {
        /* Outside the button, so that it shows around the inverted one too. */
        int o = t->outline;
        rs_draw_outline(out, (rs_rect){r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o}, t->accent, o);
    }
}

void rs_layout_draw_listen(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int height,
                           rs_draw_list *out, rs_target_list *targets)
{
    if (!f->screen || f->screen->kind != RS_SCREEN_READER || !l->listen.available || !l->listen.active)
        return;
    bar_plan p;
    plan_bar(l, t, width, &p);
    int top = height - p.height;
    size_t from = out->count, targets_from = targets->count;
    rs_draw_fill(out, (rs_rect){0, top, width, p.height}, t->bar);
    rs_draw_fill(out, (rs_rect){0, top, width, 1}, t->divider);
    for (int i = 0; i < BAR_BUTTONS; i++) {
        rs_rect r = p.rects[i];
        r.y += top;
        draw_control(l, t, f, r, i, out);
        rs_layout_add_target(targets, r, bar_action(i), false);
    }
    /* In a mirrored UI Pause comes first from the right, and the speeds run
     * from Slower on the right to Faster on the left. */
    if (rs_layout_is_rtl(l))
        rs_layout_mirror(l, width, out, from, targets, targets_from);
}
