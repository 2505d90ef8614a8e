/*
 * Maps and timelines in a session: the view kept in the navigation entry,
 * moved by a finger (drag and fling), two fingers (pinch), the + and -
 * buttons, the wheel and keys.
 *
 * A fling of the view is the fling of a list, not a look-alike: each axis
 * runs an rs_scroll (scroll.c) of its own on a strip far longer than any
 * fling travels, and each tick pans the view by however far that scroller
 * moved. So the decay (325 ms), the stop speed and the arrow keys' 150 ms
 * glide are exactly the lists' and stay frame-rate independent; only the
 * edges differ: the view's limits are the layout's, and an axis stops
 * where rs_layout_view_pan says it can go no further.
 */
#include "session_private.h"

#include <math.h>

#include "expect.h"

/* Each scroller starts a motion in the middle of a strip 2 * MOTION_ROOM px
 * long: far beyond the longest fling (20,000 px/s * 325 ms = 6,500 px), yet
 * small enough that a float offset is exact to 1/128 px. */
#define MOTION_ROOM 100000.0f

#define ZOOM_STEP 1.5f /* the + and - buttons and keys */

void session_view_ensure(rs_session *s)
{
    rs_nav_entry *top = rs_nav_top(&s->nav);
    if (!s->screen || !rs_layout_has_view(s->screen) || top->view.set)
        return;
    rs_layout_view_first(s->layout, &s->theme, s->width, s->height, s->screen, &top->view);
    top->view.set = true;
}

bool session_shows_view(const rs_session *s)
{
    return session_mode(s) == RS_MODE_BROWSE && s->screen && rs_layout_has_view(s->screen);
}

bool session_fingers_down(const rs_session *s)
{
    return rs_gesture_is_down(s->gesture) || (s->pinch && rs_pinch_fingers(s->pinch) > 0);
}

void session_view_init(rs_session *s)
{
    for (int axis = 0; axis < 2; axis++) {
        s->view_motion[axis] = rs_scroll_create();
        RS_EXPECT(s->view_motion[axis]);
        rs_scroll_set_extent(s->view_motion[axis], 2 * MOTION_ROOM, 0);
    }
}

void session_view_free(rs_session *s)
{
    for (int axis = 0; axis < 2; axis++)
        rs_scroll_destroy(s->view_motion[axis]);
    rs_pinch_destroy(s->pinch);
}

/* Pans the top entry's view by (dx, dy) window px, the picture following
 * the finger; false when it could not move. */
static bool pan(rs_session *s, float dx, float dy)
{
    session_view_ensure(s);
    bool moved = rs_layout_view_pan(s->layout, &s->theme, s->width, s->height, s->screen, &rs_nav_top(&s->nav)->view,
                                    dx, dy);
    if (moved)
        session_changed(s);
    return moved;
}

static bool zoom(rs_session *s, float factor, float x, float y)
{
    session_view_ensure(s);
    bool zoomed = rs_layout_view_zoom(s->layout, &s->theme, s->width, s->height, s->screen,
                                      &rs_nav_top(&s->nav)->view, factor, x, y);
    if (zoomed)
        session_changed(s);
    return zoomed;
}

/* Puts an axis at rest in the middle of its strip, unless it is moving. */
static void settle(rs_session *s, int axis, bool even_if_moving)
{
    rs_scroll *m = s->view_motion[axis];
    if (rs_scroll_is_moving(m) && !even_if_moving)
        return;
    rs_scroll_set_offset(m, MOTION_ROOM);
    s->view_motion_at[axis] = MOTION_ROOM;
}

void session_view_stop(rs_session *s)
{
    settle(s, 0, true);
    settle(s, 1, true);
}

void session_view_drag(rs_session *s, float dx, float dy)
{
    if (session_shows_view(s))
        pan(s, dx, dy);
}

void session_view_fling(rs_session *s, float vx, float vy)
{
    session_view_stop(s);
    if (!session_shows_view(s))
        return;
    rs_scroll_release(s->view_motion[0], vx, s->now);
    rs_scroll_release(s->view_motion[1], vy, s->now);
}

/* Arrow keys: the view glides by a step as a list does for Page Down, and
 * repeated keys add up. dx, dy are -1, 0 or 1: which way the visitor wants
 * to look (right: what lies to the right comes into view). A timeline has
 * one axis, across in landscape and down in portrait: there Right and Down
 * both mean later, Left and Up earlier, whichever way it lies, so a keypad
 * with only two of the arrows still reaches both ends. */
void session_view_pan_key(rs_session *s, int dx, int dy)
{
    if (!session_shows_view(s))
        return;
    float step = (float)s->theme.target * 2;
    if (s->screen->kind == RS_SCREEN_TIMELINE)
        dx = dy = dx + dy;
    int direction[2] = {dx, dy};
    for (int axis = 0; axis < 2; axis++) {
        if (!direction[axis])
            continue;
        settle(s, axis, false);
        rs_scroll_nudge(s->view_motion[axis], step * (float)direction[axis], s->now);
    }
}

bool session_view_moving(const rs_session *s)
{
    return rs_scroll_is_moving(s->view_motion[0]) || rs_scroll_is_moving(s->view_motion[1]);
}

bool session_view_update(rs_session *s)
{
    if (!session_view_moving(s))
        return false;
    if (!session_shows_view(s)) {
        session_view_stop(s);
        return false;
    }
    for (int axis = 0; axis < 2; axis++) {
        rs_scroll *m = s->view_motion[axis];
        if (!rs_scroll_is_moving(m))
            continue;
        rs_scroll_update(m, s->now);
        /* The strip's offset falls as the finger's picture moves on. */
        float offset = rs_scroll_offset(m), delta = s->view_motion_at[axis] - offset;
        s->view_motion_at[axis] = offset;
        if (delta != 0 && !pan(s, axis == 0 ? delta : 0, axis == 1 ? delta : 0))
            settle(s, axis, true); /* at the view's limit: this axis stops */
    }
    return true;
}

void session_view_pinch(rs_session *s, const rs_pinch_event *e)
{
    if (!session_shows_view(s))
        return;
    /* The picture under the old midpoint follows it to the new one, then
     * grows or shrinks about it: each report is a small pan and zoom. */
    if (e->dx != 0 || e->dy != 0)
        pan(s, e->dx, e->dy);
    if (e->scale != 1.0f)
        zoom(s, e->scale, e->x, e->y);
}

void session_view_zoom_step(rs_session *s, int step)
{
    if (!s->screen || !rs_layout_has_view(s->screen))
        return;
    rs_rect vp = s->info.viewport;
    zoom(s, step > 0 ? ZOOM_STEP : 1.0f / ZOOM_STEP, (float)vp.x + (float)vp.w / 2, (float)vp.y + (float)vp.h / 2);
}

/* ---- the public side (session.h) ---- */

bool rs_session_has_view(const rs_session *s)
{
    return session_shows_view(s);
}

void rs_session_zoom_at(rs_session *s, float factor, float x, float y, uint64_t now_ms)
{
    s->now = now_ms;
    if (session_dismiss_overlay(s) || !session_shows_view(s) || !isfinite(factor) || !(factor > 0) ||
        !isfinite(x) || !isfinite(y))
        return;
    session_view_stop(s);
    zoom(s, factor, x, y);
}

void rs_session_finger(rs_session *s, int64_t finger, rs_pointer_phase phase, float x, float y, uint64_t now_ms)
{
    s->now = now_ms;
    rs_pinch_event e = rs_pinch_finger(s->pinch, finger, phase, x, y, now_ms);
    switch (e.type) {
    case RS_PINCH_NONE:
        break;
    case RS_PINCH_POINTER:
        rs_session_pointer(s, e.phase, e.x, e.y, now_ms);
        break;
    case RS_PINCH_BEGIN:
        /* The first finger's gesture ends without a tap or a fling. A touch
         * that only dismissed an overlay stays used up, pinch and all. */
        s->pinch_swallowed = s->swallow_pointer;
        rs_session_pointer(s, RS_POINTER_CANCEL, NAN, NAN, now_ms);
        session_view_stop(s);
        break;
    case RS_PINCH_MOVE:
        if (!s->pinch_swallowed)
            session_view_pinch(s, &e);
        break;
    case RS_PINCH_END:
        if (!s->pinch_swallowed) {
            session_view_fling(s, e.vx, e.vy);
            session_changed(s); /* the pinch's scaled rows give way to crisp ones */
        }
        break;
    }
}
