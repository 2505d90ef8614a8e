/*
 * Maps and timelines in a session: the view kept in the navigation entry,
 * moved by the + and - buttons and keys.
 */
#include "session_private.h"

void session_view_ensure(rs_session *s)
{
    rs_nav_entry *top = rs_nav_top(&s->nav);
    if (!s->screen || !rs_layout_has_view(s->screen) || top->view.set)
        return;
    rs_layout_view_first(s->layout, &s->theme, s->width, s->height, s->screen, &top->view);
    top->view.set = true;
}

void session_view_zoom_step(rs_session *s, int step)
{
    if (!s->screen || !rs_layout_has_view(s->screen))
        return;
    session_view_ensure(s);
    rs_rect vp = s->info.viewport;
    float factor = step > 0 ? 1.5f : 1.0f / 1.5f;
    rs_layout_view_zoom(s->layout, &s->theme, s->width, s->height, s->screen, &rs_nav_top(&s->nav)->view, factor,
                        (float)vp.x + (float)vp.w / 2, (float)vp.y + (float)vp.h / 2);
}
