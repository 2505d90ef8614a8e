/* Input into actions: pointer samples through the gesture recogniser, the
 * wheel, keys, and the keyboard focus that moves through the targets. What
 * an action does is session.c's (session_activate). */
#include "session_private.h"

#include "session_listen.h"

void session_handle_gestures(rs_session *s, const rs_gesture_event *events, size_t count)
{
    uint64_t t = s->now;
    for (size_t i = 0; i < count; i++) {
        const rs_gesture_event *e = &events[i];
        switch (e->type) {
        case RS_GESTURE_PRESS: {
            rs_scroll_grab(s->scroll, t);
            session_view_stop(s); /* a finger catches a flung map as it does a list */
            /* The staff corner: top left, about a target and a half square. */
            rs_pinpad_press(s->pinpad,
                            session_mode(s) == RS_MODE_BROWSE && e->x < (float)s->theme.target * 1.5f &&
                                e->y < (float)s->theme.bar_height,
                            t);
            session_refresh_targets(s);
            const rs_target *target = rs_target_at(&s->targets, (int)e->x, (int)e->y);
            s->press_action = target ? target->action : (rs_action){0};
            s->pressed = s->press_action;
            session_listen_press(s, &s->press_action); /* Listen held 3 s: spoken navigation */
            break;
        }
        case RS_GESTURE_TAP: {
            rs_pinpad_release(s->pinpad);
            rs_scroll_release(s->scroll, 0, t); /* every grab ends in a release */
            rs_action action = s->press_action;
            s->pressed = s->press_action = (rs_action){0};
            s->focused = (rs_action){0};
            session_activate(s, &action);
            break;
        }
        case RS_GESTURE_LONG_PRESS:
            s->pressed = s->press_action = (rs_action){0};
            break;
        case RS_GESTURE_DRAG_BEGIN: {
            rs_pinpad_release(s->pinpad);
            session_listen_release(s);
            s->pressed = s->press_action = (rs_action){0};
            /* Scrolling through results puts the keyboard away, as on a
             * phone: the results get the whole screen. */
            const rs_rect *vp = &s->info.viewport;
            if (s->screen && s->screen->kind == RS_SCREEN_SEARCH && s->keyboard_shown && s->screen->result_count &&
                e->y >= (float)vp->y && e->y < (float)(vp->y + vp->h)) {
                s->keyboard_shown = false;
                session_changed(s);
            }
            break;
        }
        case RS_GESTURE_CANCEL:
            rs_pinpad_release(s->pinpad);
            rs_scroll_release(s->scroll, 0, t);
            s->pressed = s->press_action = (rs_action){0};
            break;
        case RS_GESTURE_DRAG:
            /* On a map or a timeline the picture follows the finger. */
            if (session_shows_view(s)) {
                session_view_drag(s, e->dx, e->dy);
                break;
            }
            rs_scroll_drag(s->scroll, e->dy, t);
            s->scrollbar_until = t + SCROLLBAR_MS;
            break;
        case RS_GESTURE_DRAG_END:
            if (session_shows_view(s)) {
                rs_scroll_release(s->scroll, 0, t);
                session_view_fling(s, e->vx, e->vy);
                break;
            }
            rs_scroll_release(s->scroll, e->vy, t);
            s->scrollbar_until = t + SCROLLBAR_MS;
            break;
        case RS_GESTURE_EDGE_BACK:
            rs_scroll_release(s->scroll, 0, t);
            session_go_back(s);
            break;
        }
        session_changed(s);
    }
}

void rs_session_pointer(rs_session *s, rs_pointer_phase phase, float x, float y, uint64_t now_ms)
{
    s->now = now_ms;
    if (phase == RS_POINTER_DOWN && session_dismiss_overlay(s))
        s->swallow_pointer = true;
    if (phase == RS_POINTER_UP || phase == RS_POINTER_CANCEL)
        session_listen_release(s);
    if (s->swallow_pointer) {
        if (phase == RS_POINTER_UP || phase == RS_POINTER_CANCEL)
            s->swallow_pointer = false;
        return;
    }
    rs_gesture_event events[RS_GESTURE_MAX_EVENTS];
    if (phase == RS_POINTER_DOWN) /* Back's side: the language may have changed since the last press */
        rs_gesture_set_edge(s->gesture, rs_layout_is_rtl(s->layout), (float)s->width);
    size_t n = rs_gesture_pointer(s->gesture, phase, x, y, now_ms, events, RS_GESTURE_MAX_EVENTS);
    session_handle_gestures(s, events, n);
    session_spoken_after(s, -1);
}

void rs_session_scroll_by(rs_session *s, float delta, uint64_t now_ms)
{
    s->now = now_ms;
    if (session_dismiss_overlay(s))
        return;
    rs_scroll_nudge(s->scroll, delta, now_ms);
    s->scrollbar_until = now_ms + SCROLLBAR_MS;
    session_changed(s);
}

/* Arrow keys and Tab move a visible focus through every item of the screen
 * in reading order, those scrolled out of view included: a list's and a
 * thread's rows one by one however many, a statement's QR code, a long
 * page's last chips (session_focus.c). */
static void move_focus(rs_session *s, int step)
{
    session_refresh_targets(s);
    if (s->targets.count == 0)
        return;
    session_focus_step(s, step);
}

void rs_session_key(rs_session *s, rs_key key, uint64_t now_ms)
{
    s->now = now_ms;
    if (session_dismiss_overlay(s) || session_spoken_key(s, key)) {
        session_spoken_after(s, (int)key);
        return;
    }
    bool staff = session_staff_shown(s);
    switch (key) {
    case RS_KEY_ADMIN:
        if (!staff)
            session_open_pin_pad(s);
        break;
    case RS_KEY_DELETE:
        if (!staff && rs_session_wants_text(s) && s->screen->query[0]) {
            session_edit_query(s, &(rs_action){.kind = RS_ACT_KEY_BACKSPACE});
            break;
        }
        /* fall through - Backspace with nothing to delete goes back */
    case RS_KEY_BACK:
        if (staff)
            session_close_staff(s);
        else
            session_go_back(s);
        break;
    case RS_KEY_HOME:
        if (staff)
            session_close_staff(s);
        session_go_home(s);
        break;
    case RS_KEY_NEXT:
    case RS_KEY_TAB:
        move_focus(s, 1);
        break;
    case RS_KEY_PREVIOUS:
    case RS_KEY_SHIFT_TAB:
        move_focus(s, -1);
        break;
    case RS_KEY_LEFT:
    case RS_KEY_RIGHT:
    case RS_KEY_UP:
    case RS_KEY_DOWN:
        /* A map or a timeline pans (Tab reaches its targets and buttons);
         * everywhere else the arrows move the focus as they always did. */
        if (session_shows_view(s))
            session_view_pan_key(s, key == RS_KEY_LEFT ? -1 : key == RS_KEY_RIGHT ? 1 : 0,
                                 key == RS_KEY_UP ? -1 : key == RS_KEY_DOWN ? 1 : 0);
        else /* in a mirrored UI the next item is to the left */
            move_focus(s, key == RS_KEY_DOWN || key == (rs_layout_is_rtl(s->layout) ? RS_KEY_LEFT : RS_KEY_RIGHT)
                              ? 1
                              : -1);
        break;
    case RS_KEY_ZOOM_IN:
    case RS_KEY_ZOOM_OUT:
        if (session_shows_view(s))
            session_view_zoom_step(s, key == RS_KEY_ZOOM_IN ? 1 : -1);
        break;
    case RS_KEY_ACTIVATE:
        if (s->focused.kind == RS_ACT_NONE && rs_session_wants_text(s) && s->search_due) {
            session_start_search(s); /* Enter in the field: search now */
            break;
        }
        if (s->focused.kind != RS_ACT_NONE) {
            rs_action action = s->focused;
            rs_session_mode mode = session_mode(s);
            const rs_screen *screen = s->screen;
            size_t depth = s->nav.depth;
            rs_route route = rs_nav_top(&s->nav)->route;
            session_activate(s, &action);
            /* On a new screen, a keyboard user starts at its first item; on
             * the same one (a PIN key, a filter, an event unfolded in place,
             * which rebuild its model) the focus stays. */
            session_refresh_targets(s);
            bool same = s->screen == screen ||
                        (s->screen && s->nav.depth == depth && rs_route_equal(&rs_nav_top(&s->nav)->route, &route));
            if ((session_mode(s) != mode || !same) && s->targets.count)
                s->focused = s->targets.items[0].action;
        }
        break;
    case RS_KEY_PAGE_DOWN:
        rs_scroll_nudge(s->scroll, (float)s->info.viewport.h * 0.9f, now_ms);
        break;
    case RS_KEY_PAGE_UP:
        rs_scroll_nudge(s->scroll, -(float)s->info.viewport.h * 0.9f, now_ms);
        break;
    }
    session_changed(s);
    session_spoken_after(s, (int)key);
}

