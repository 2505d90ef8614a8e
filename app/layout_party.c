/*
 * What a party's page shows above its statements (party_screen.h): an
 * organisation's members, then its events, each a row that opens its
 * incident's thread: the summary (two lines at most), and under it when,
 * what kind, the party's roles and the incident (two lines at most, so
 * the date is never what is cut). "Statements" then heads the role chips
 * and the list, when there are events above them.
 */
#include "layout_private.h"

#include <string.h>

#include "i18n.h"

static int add_text(rs_layout *l, const rs_theme *t, const char *text, rs_text_style style, rs_color color, int x,
                    int y, int width, size_t max_lines)
{
    return rs_layout_paragraph(l, t, text, strlen(text), style, color, x, y, width, max_lines, NULL, NULL, 0);
}

/* Lines text takes at style within width, at most max_lines. */
static int lines_of(rs_layout *l, const char *text, rs_text_style style, int width, size_t max_lines)
{
    if (!text || !*text)
        return 0;
    l->scratch.count = 0;
    rs_break_lines_limited(text, strlen(text), NULL, width, max_lines, &l->measure, (int)style, &l->scratch, NULL);
    return (int)l->scratch.count;
}

/* One event's row; returns the y under it. */
static int add_event(rs_layout *l, const rs_theme *t, const rs_party_event *e, int64_t index, int x, int y, int w)
{
    int pad = t->gap * 2;
    int text_w = w - 2 * pad;
    int lines_h = lines_of(l, e->primary, RS_STYLE_BODY, text_w, 2) * line_height(t, RS_STYLE_BODY) +
                  lines_of(l, e->secondary, RS_STYLE_SECONDARY, text_w, 2) * line_height(t, RS_STYLE_SECONDARY);
    int h = lines_h + 2 * t->gap;
    if (h < t->target)
        h = t->target;
    /* The index keeps two events of one incident apart (pressed, focused). */
    rs_action action = {.kind = RS_ACT_ROUTE, .index = 1 + index, .route = e->route};
    rs_layout_target_element(l, (rs_rect){x, y, w, h}, action);
    int ty = y + (h - lines_h) / 2;
    ty = add_text(l, t, e->primary, RS_STYLE_BODY, t->text, x + pad, ty, text_w, 2);
    add_text(l, t, e->secondary, RS_STYLE_SECONDARY, t->muted, x + pad, ty, text_w, 2);
    element *divider = rs_layout_element(l, EL_FILL, (rs_rect){x, y + h - 1, w, 1});
    divider->color = t->divider;
    return y + h;
}

int rs_layout_build_party(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w)
{
    const rs_party_screen *p = s->party;
    if (!p)
        return y;
    if (p->members_line)
        y = add_text(l, t, p->members_line, RS_STYLE_SECONDARY, t->muted, x, y + t->gap / 2, w, 0);
    if (!p->event_count)
        return y;
    y = add_text(l, t, p->events_label, RS_STYLE_LABEL, t->text, x, y + t->gap * 2, w, 2) + t->gap / 2;
    element *rule = rs_layout_element(l, EL_FILL, (rs_rect){x, y - 1, w, 1});
    rule->color = t->divider;
    for (size_t i = 0; i < p->event_count; i++)
        y = add_event(l, t, &p->events[i], (int64_t)i, x, y, w);
    if (s->count > 0)
        y = add_text(l, t, _("Statements"), RS_STYLE_LABEL, t->text, x, y + t->gap * 2, w, 1);
    return y;
}
