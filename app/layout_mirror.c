/*
 * The mirrored UI of a right-to-left language (Arabic): every screen is
 * laid out left to right as always, then its geometry is mirrored once,
 * per frame, about the window's vertical centre line. A rectangle at x of
 * width w goes to width - x - w; a line of text goes where its own box
 * goes, measured with the layout's measure (the one render draws with), so
 * a label at the start of its box ends up at the box's end: right-aligned
 * lists, chips and headings, a right-aligned badge on the left, a centred
 * label centred still. The order of the characters within a line is the
 * text module's (UAX #9); only where the line lies is decided here.
 *
 * One pass over the frame's commands rather than a mirrored variant of
 * every screen: a screen added later mirrors without knowing it, and the
 * left-to-right screens stay byte for byte what they were (the pass does
 * not run). What must not mirror is left out by range (layout.c): the
 * world map's geography, the timeline's time axis, the keyboard's Latin
 * and Cyrillic layers.
 */
#include "layout_private.h"

#include "bidi.h"
#include "i18n.h"

#include <string.h>

bool rs_layout_is_rtl(const rs_layout *l)
{
    if (l->direction == RS_LAYOUT_DIRECTION_RTL)
        return true;
    if (l->direction == RS_LAYOUT_DIRECTION_LTR)
        return false;
    return rs_i18n_is_rtl(rs_i18n_current());
}

void rs_layout_set_direction(rs_layout *l, rs_layout_direction direction)
{
    l->direction = direction;
}

/* A text that is nothing but a sign pointing one way ("›" after a row, the
 * breadcrumb's separator) has no letters for the text module to turn
 * around: it is swapped here for the sign pointing the other way. Words
 * with a sign ("‹ Back") turn with their words (UAX #9 mirrors ‹ and ›
 * inside a right-to-left run). */
static const char *mirrored_sign(const char *text, size_t length)
{
    static const char *const pairs[][2] = {
        {"›", "‹"}, {"‹", "›"}, {"→", "←"}, {"←", "→"}, {"  ›  ", "  ‹  "}, {"  ‹  ", "  ›  "},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (strlen(pairs[i][0]) == length && memcmp(pairs[i][0], text, length) == 0)
            return pairs[i][1];
    return NULL;
}

static bool is_ellipsis(const rs_draw_command *c)
{
    return c->kind == RS_DRAW_TEXT && c->length == strlen("…") && memcmp(c->text, "…", c->length) == 0;
}

/* A line of text (at *c) and the "…" a layout drew right after it when it
 * was cut: mirrored as one box, the "…" then at the line's end as the
 * line's own direction has it (after English on the right, after Arabic
 * on the left). Returns the commands handled (1 or 2). */
static size_t mirror_text(rs_layout *l, int width, rs_draw_command *c, rs_draw_command *end)
{
    int w = text_width(l, c->style, c->text, c->length);
    rs_draw_command *dots = c + 1;
    if (dots < end && is_ellipsis(dots) && dots->rect.y == c->rect.y && dots->rect.x == c->rect.x + w) {
        int dots_w = text_width(l, dots->style, dots->text, dots->length);
        int x = width - c->rect.x - w - dots_w; /* the pair's box, mirrored */
        if (rs_bidi_direction(c->text, c->length, NULL) == RS_BIDI_LTR) {
            c->rect.x = x;
            dots->rect.x = x + w;
        } else {
            dots->rect.x = x;
            c->rect.x = x + dots_w;
        }
        return 2;
    }
    const char *sign = mirrored_sign(c->text, c->length);
    if (sign)
        c->text = sign; /* the same length: pairs are of equal width in one font */
    c->rect.x = width - c->rect.x - w;
    return 1;
}

void rs_layout_mirror(rs_layout *l, int width, rs_draw_list *out, size_t from, rs_target_list *targets,
                      size_t targets_from)
{
    rs_layout_mirror_range(l, width, out, from, out->count, targets, targets_from);
}

void rs_layout_mirror_range(rs_layout *l, int width, rs_draw_list *out, size_t from, size_t to,
                            rs_target_list *targets, size_t targets_from)
{
    rs_draw_command *end = out->items + to;
    for (rs_draw_command *c = out->items + from; c < end;) {
        if (c->column_w > 0 && c->kind != RS_DRAW_CLIP) {
            /* Its column mirrors; where it lies in the column is its own. */
            c->rect.x += width - 2 * c->column_x - c->column_w;
            c++;
            continue;
        }
        switch (c->kind) {
        case RS_DRAW_TEXT:
            c += mirror_text(l, width, c, end);
            continue;
        case RS_DRAW_CLIP:
            if (c->rect.w > 0)
                c->rect.x = width - c->rect.x - c->rect.w;
            break;
        case RS_DRAW_FILL:
        case RS_DRAW_OUTLINE:
            c->rect.x = width - c->rect.x - c->rect.w;
            break;
        case RS_DRAW_TRIANGLES:
        case RS_DRAW_RECTS:
        case RS_DRAW_LAYER:
            /* Their points are the map's and the timeline's, which are
             * left out of the pass (layout.c): nothing else draws them. */
            break;
        }
        c++;
    }
    for (size_t i = targets_from; i < targets->count; i++) {
        rs_target *target = &targets->items[i];
        if (!target->shape) /* a shape's test is in its own, unmirrored, coordinates */
            target->rect.x = width - target->rect.x - target->rect.w;
    }
}
