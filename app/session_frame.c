/* Lays out what the session shows: the browsing screens (loading the list
 * rows they show), the overlays, the staff screens. Reads the state; changes
 * only the slide loaded, the targets and the layout's measurements. */
#include "session_private.h"

#include "i18n.h"
#include "layout_thread.h"
#include "layout_timeline.h"
#include "log.h"

/* Lays out the browsing screens, loading the list rows they show. */
static void lay_out_browse(rs_session *s, rs_draw_list *out)
{
    if (!s->screen) {
        rs_layout_error(s->layout, &s->theme, s->width, s->height, s->error_heading, s->error, out);
        s->targets.count = 0;
        s->targets_stale = false;
        return;
    }
    rs_layout_set_keyboard(s->layout, s->keyboard_shown, s->keyboard_layer);
    rs_layout_measure(s->layout, &s->theme, s->width, s->height, s->screen, &s->info);
    rs_scroll_set_extent(s->scroll, s->info.content_height, (float)s->info.viewport.h);
    float offset = rs_scroll_offset(s->scroll);
    if (s->screen->kind == RS_SCREEN_LIST && s->info.row_height > 0) {
        int64_t first = (int64_t)((offset - s->info.list_top) / s->info.row_height);
        int64_t last = (int64_t)((offset + (float)s->info.viewport.h - s->info.list_top) / s->info.row_height);
        if (!rs_screen_prepare_rows(s->screen, s->bundle, first, last))
            rs_log("cannot read the list rows; the bundle may be damaged");
    }
    if (s->screen->kind == RS_SCREEN_THREAD && s->screen->thread) {
        int64_t first, last;
        rs_layout_thread_rows(s->layout, s->screen->count, offset, s->info.viewport.h, &first, &last);
        if (!rs_thread_screen_prepare(s->screen->thread, first, last))
            rs_log("cannot read the incident's thread; the bundle may be damaged");
    }
    rs_nav_entry *top = rs_nav_top(&s->nav);
    if (rs_layout_has_view(s->screen)) {
        session_view_ensure(s);
        if (s->screen->kind == RS_SCREEN_TIMELINE && s->screen->timeline) {
            int32_t from, to;
            rs_layout_timeline_window(s->layout, &s->theme, s->width, s->height, s->screen, &top->view, &from, &to);
            if (!rs_timeline_screen_prepare(s->screen->timeline, s->bundle, from, to))
                rs_log("cannot read the timeline; the bundle may be damaged");
        }
    }
    const char *crumbs[RS_NAV_DEPTH];
    for (size_t i = 0; i < s->nav.depth; i++)
        crumbs[i] = s->crumbs[i];
    rs_frame frame = {.screen = s->screen,
                      .crumbs = crumbs,
                      .crumb_count = s->nav.depth,
                      .scroll = offset,
                      .pressed = s->pressed,
                      .focused = s->focused,
                      .show_scrollbar = s->now < s->scrollbar_until || rs_scroll_is_moving(s->scroll),
                      .language = (int)s->language,
                      .view = top->view,
                      .scaling = s->pinch && rs_pinch_active(s->pinch) && !s->pinch_swallowed};
    rs_layout_frame(s->layout, &s->theme, s->width, s->height, &frame, out, &s->targets, &s->info);
    s->targets_stale = false;
}

/* Loads the statement of the attract loop's current slide. */
static void load_slide(rs_session *s)
{
    int64_t number = rs_idle_slide(s->idle, s->now);
    if (number == s->slide_number)
        return;
    s->slide_number = number;
    rs_slide_destroy(s->slide);
    s->slide = rs_slide_build(s->bundle, number);
}

/* Labels marked for the catalogs here, translated where they are drawn. */
static const rs_admin_button admin_buttons[] = {
    {N_("Reload bundle"), RS_COMMAND_RELOAD},
    {N_("Rotate screen"), RS_COMMAND_ROTATE},
    {N_("Exit kiosk"), RS_COMMAND_EXIT},
    {N_("Close"), -1},
};

/* Lays out whatever the session shows now. */
static void lay_out(rs_session *s, rs_draw_list *out)
{
    rs_session_mode mode = session_mode(s);
    switch (mode) {
    case RS_MODE_ATTRACT: {
        load_slide(s);
        rs_attract_slide slide = {0};
        if (s->slide) {
            const rs_statement *st = &s->slide->statement;
            slide = (rs_attract_slide){st->title, s->slide->meta_line, st->body, st->language};
        }
        rs_layout_attract(s->layout, &s->theme, s->width, s->height, s->slide ? &slide : NULL,
                          rs_idle_veil(s->idle, s->now), out);
        s->targets.count = 0;
        break;
    }
    case RS_MODE_PIN:
        rs_layout_pin(s->layout, &s->theme, s->width, s->height, rs_pinpad_digits(s->pinpad),
                      rs_pinpad_message(s->pinpad), rs_pinpad_locked(s->pinpad, s->now), out, &s->targets);
        break;
    case RS_MODE_ADMIN:
        rs_layout_admin(s->layout, &s->theme, s->width, s->height, s->admin_lines, s->admin_line_count, admin_buttons,
                        sizeof admin_buttons / sizeof admin_buttons[0], s->focused, out, &s->targets);
        break;
    case RS_MODE_BROWSE:
    case RS_MODE_COUNTDOWN:
        lay_out_browse(s, out);
        if (s->qr_larger) /* over the page, under the countdown */
            rs_layout_qr_larger(s->layout, &s->theme, s->width, s->height, rs_layout_qr_url(s->screen), out,
                                &s->targets);
        if (mode == RS_MODE_COUNTDOWN)
            rs_layout_countdown(s->layout, &s->theme, s->width, s->height, rs_idle_countdown_show(s->idle, s->now),
                                out);
        break;
    }
    s->targets_stale = false;
}

void rs_session_frame(rs_session *s, uint64_t now_ms, rs_draw_list *out)
{
    s->now = now_ms;
    lay_out(s, out);
    s->dirty = false;
}

/* Targets must match what is on screen before a touch is hit-tested. */
void session_refresh_targets(rs_session *s)
{
    if (!s->targets_stale)
        return;
    rs_draw_list scratch = {0};
    lay_out(s, &scratch);
    rs_draw_free(&scratch);
}

bool rs_session_needs_frame(const rs_session *s)
{
    return s->dirty;
}
