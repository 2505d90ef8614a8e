/*
 * The visitor: its input (taps, drags, keys, text, waits, walking away, the
 * staff's visits), picked by weight, and the checks of the session after
 * each event (monkey.h).
 */
#include "monkey.h"

/* A finger at (x, y) of the picture: where it is on the (maybe rotated)
 * window, and back as app.c turns it. */
static void pointer(monkey *m, rs_pointer_phase phase, float x, float y)
{
    float wx, wy, lx, ly;
    rs_rotation_to_window(m->rotation, m->window_w, m->window_h, x, y, &wx, &wy);
    rs_rotation_to_logical(m->rotation, m->window_w, m->window_h, wx, wy, &lx, &ly);
    if (fabsf(lx - x) > 0.01f || fabsf(ly - y) > 0.01f)
        problem(m, P_ROTATION, "at %d degrees (%.1f, %.1f) comes back as (%.1f, %.1f)", m->rotation, (double)x,
                (double)y, (double)lx, (double)ly);
    rs_session_pointer(m->session, phase, lx, ly, m->now);
    settle(m);
}

static void key(monkey *m, rs_key k)
{
    rs_session_key(m->session, k, m->now);
    settle(m);
}

/* A point on target (clipped to what is visible), or anywhere. */
static bool target_point(monkey *m, const rs_target *t, float *x, float *y)
{
    int top = t->in_content ? rs_session_theme(m->session)->bar_height : 0;
    int x0 = t->rect.x > 0 ? t->rect.x : 0, y0 = t->rect.y > top ? t->rect.y : top;
    int x1 = t->rect.x + t->rect.w < m->width ? t->rect.x + t->rect.w : m->width;
    int y1 = t->rect.y + t->rect.h < m->height ? t->rect.y + t->rect.h : m->height;
    if (x1 - x0 < 1 || y1 - y0 < 1)
        return false;
    *x = (float)x0 + rng_float(&m->r, 0.0f, (float)(x1 - x0 - 1));
    *y = (float)y0 + rng_float(&m->r, 0.0f, (float)(y1 - y0 - 1));
    return true;
}

static void random_point(monkey *m, float *x, float *y)
{
    *x = rng_float(&m->r, 0, (float)m->width - 1);
    *y = rng_float(&m->r, 0, (float)m->height - 1);
}

/* Somewhere a visitor would touch: usually on a target. */
static void touch_point(monkey *m, float *x, float *y)
{
    const rs_target_list *targets = rs_session_targets(m->session);
    if (targets->count && rng_chance(&m->r, 0.85)) {
        const rs_target *t = &targets->items[rng_range(&m->r, 0, (int64_t)targets->count - 1)];
        if (target_point(m, t, x, y))
            return;
    }
    random_point(m, x, y);
}

static void tap_at(monkey *m, float x, float y, uint64_t hold_ms)
{
    pointer(m, RS_POINTER_DOWN, x, y);
    pass(m, hold_ms);
    pointer(m, RS_POINTER_UP, x, y);
}

/* The first target whose action is kind, or NULL. */
static const rs_target *first_target(monkey *m, rs_action_kind kind)
{
    const rs_target_list *targets = rs_session_targets(m->session);
    for (size_t i = 0; i < targets->count; i++)
        if (targets->items[i].action.kind == kind)
            return &targets->items[i];
    return NULL;
}

/* Taps the first target whose action is kind (and index, when >= 0). */
static bool tap_action(monkey *m, rs_action_kind kind, int64_t index)
{
    const rs_target_list *targets = rs_session_targets(m->session);
    for (size_t i = 0; i < targets->count; i++) {
        const rs_target *t = &targets->items[i];
        float x, y;
        if (t->action.kind == kind && (index < 0 || t->action.index == index) && target_point(m, t, &x, &y)) {
            tap_at(m, x, y, (uint64_t)rng_range(&m->r, 40, 120));
            return true;
        }
    }
    return false;
}

/* A finger from (x1,y1) to (x2,y2) over ms, sampled every 8 to 24 ms as a
 * touch screen reports it, then held still for hold_ms, then lifted. */
static void drag(monkey *m, float x1, float y1, float x2, float y2, uint64_t ms, uint64_t hold_ms, bool cancel)
{
    pointer(m, RS_POINTER_DOWN, x1, y1);
    uint64_t done = 0;
    while (done < ms) {
        uint64_t step = (uint64_t)rng_range(&m->r, 8, 24);
        if (step > ms - done)
            step = ms - done;
        pass(m, step);
        done += step;
        float along = (float)done / (float)ms;
        pointer(m, RS_POINTER_MOVE, x1 + (x2 - x1) * along, y1 + (y2 - y1) * along);
    }
    if (hold_ms)
        pass(m, hold_ms);
    pointer(m, cancel ? RS_POINTER_CANCEL : RS_POINTER_UP, x2, y2);
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A drag mostly up or down, of length px over ms. */
static void random_drag(monkey *m, float length, uint64_t ms, bool stop_before_release)
{
    float edge = (float)m->width * 0.05f;
    float x1 = rng_float(&m->r, edge + 1, (float)m->width - 1);
    float y1 = rng_float(&m->r, 0, (float)m->height - 1);
    /* A visitor who scrolls mostly keeps going the same way, so the ends of
     * long lists are reached too. */
    if (rng_chance(&m->r, 0.25))
        m->scroll_down = !m->scroll_down;
    float dy = m->scroll_down ? -length : length;
    float dx = rng_chance(&m->r, 0.1) ? rng_float(&m->r, -length, length) : rng_float(&m->r, -length / 5, length / 5);
    float x2 = x1 + dx, y2 = y1 + dy;
    /* Mostly on the glass; sometimes a mouse dragged out of the window. */
    if (!rng_chance(&m->r, 0.1)) {
        x2 = clampf(x2, 0, (float)m->width - 1);
        y2 = clampf(y2, 0, (float)m->height - 1);
    }
    drag(m, x1, y1, x2, y2, ms, stop_before_release ? (uint64_t)rng_range(&m->r, 50, 400) : 0, false);
}

static const rs_key visitor_keys[] = {
    RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_PREVIOUS, RS_KEY_PREVIOUS, RS_KEY_TAB, RS_KEY_TAB,
    RS_KEY_SHIFT_TAB, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE,
    RS_KEY_BACK, RS_KEY_BACK, RS_KEY_BACK, RS_KEY_HOME, RS_KEY_PAGE_DOWN, RS_KEY_PAGE_DOWN, RS_KEY_PAGE_UP,
    RS_KEY_DELETE, RS_KEY_ZOOM_IN, RS_KEY_ZOOM_OUT, RS_KEY_LEFT, RS_KEY_RIGHT,
};

/* What a visitor types on a physical keyboard or an input method (SDL text
 * input): words, other scripts, punctuation, a long paste. */
static const char *const visitor_texts[] = {
    "exchange", "WannaCry", "hack", "e", " ", "网络", "华", "хакер", "!?", "a b", "Microsoft Exchange",
    "ǅ\u0301é", "🙂",
    ("012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
     "0123456789xyz"), /* longer than a query may be */
};

/* The staff member's way in: hold the corner, type the PIN (usually right),
 * then use the admin screen or leave it. */
static void staff_visit(monkey *m)
{
    if (rng_chance(&m->r, 0.2)) {
        key(m, RS_KEY_ADMIN);
    } else {
        const rs_theme *t = rs_session_theme(m->session);
        float x = (float)t->target * 0.5f, y = (float)t->bar_height * 0.5f;
        pointer(m, RS_POINTER_DOWN, x, y);
        pass(m, ADMIN_HOLD_MS + (uint64_t)rng_range(&m->r, 0, 800));
        pointer(m, RS_POINTER_UP, x, y);
    }
    if (rs_session_mode_now(m->session) != RS_MODE_PIN)
        return; /* an overlay took the touch, or the pad is locked out of reach */
    const char *pin = rng_chance(&m->r, 0.75) ? STAFF_PIN : "1357";
    for (const char *p = pin; *p; p++) {
        if (!tap_action(m, RS_ACT_PIN_DIGIT, *p - '0'))
            return; /* locked after too many wrong ones */
        pass(m, (uint64_t)rng_range(&m->r, 100, 700));
    }
    tap_action(m, RS_ACT_PIN_OK, -1);
    if (rs_session_mode_now(m->session) != RS_MODE_ADMIN)
        return;
    pass(m, (uint64_t)rng_range(&m->r, 500, 5000));
    /* A screen turned on the last visit is turned back upright now (Rotate
     * goes a quarter at a time). Kiosks mostly stay upright, and a turned
     * picture costs the software renderer four times as much per frame. */
    for (int turns = 0; m->rotation != 0 && turns < 4; turns++) {
        if (!tap_action(m, RS_ACT_COMMAND, RS_COMMAND_ROTATE))
            break;
        pass(m, (uint64_t)rng_range(&m->r, 200, 1500));
    }
    if (m->rotation != 0 || rs_session_mode_now(m->session) != RS_MODE_ADMIN)
        return;
    /* Reload or rotate now and then; otherwise close, by tap or key. */
    double p = rng_unit(&m->r);
    if (p < 0.25)
        tap_action(m, RS_ACT_COMMAND, RS_COMMAND_RELOAD);
    else if (p < 0.4)
        tap_action(m, RS_ACT_COMMAND, RS_COMMAND_ROTATE);
    else if (p < 0.5)
        tap_action(m, RS_ACT_COMMAND, RS_COMMAND_EXIT);
    else if (p < 0.8)
        tap_action(m, RS_ACT_CLOSE, -1);
    else
        key(m, RS_KEY_BACK);
}

static event_kind pick_event(monkey *m)
{
    int total = 0;
    for (int k = 0; k < EV_COUNT; k++)
        total += event_weights[k];
    for (;;) {
        int x = (int)rng_range(&m->r, 0, total - 1);
        int k = 0;
        while (x >= event_weights[k])
            x -= event_weights[k++];
        /* A kiosk in the month neither changes size nor is left for long
         * in the middle of a visit (the gaps between visitors do that). */
        if (m->month && (k == EV_RESIZE || k == EV_WALK_AWAY))
            continue;
        return (event_kind)k;
    }
}

static void do_event(monkey *m, event_kind kind)
{
    rng *r = &m->r;
    float x, y;
    switch (kind) {
    case EV_TAP_TARGET: {
        const rs_target_list *targets = rs_session_targets(m->session);
        const rs_target *t = targets->count ? &targets->items[rng_range(r, 0, (int64_t)targets->count - 1)] : NULL;
        if (!t || !target_point(m, t, &x, &y))
            random_point(m, &x, &y);
        tap_at(m, x, y, (uint64_t)rng_range(r, 30, 160));
        break;
    }
    case EV_TAP_ANYWHERE:
        random_point(m, &x, &y);
        tap_at(m, x, y, (uint64_t)rng_range(r, 30, 160));
        break;
    case EV_DRAG_SHORT:
        random_drag(m, rng_float(r, 2, 80), (uint64_t)rng_range(r, 100, 600), rng_chance(r, 0.3));
        break;
    case EV_DRAG_LONG:
        random_drag(m, rng_float(r, 0.3f, 1.5f) * (float)m->height, (uint64_t)rng_range(r, 400, 1500),
                    rng_chance(r, 0.3));
        break;
    case EV_FLING:
        random_drag(m, rng_float(r, 0.2f, 1.2f) * (float)m->height, (uint64_t)rng_range(r, 40, 160), false);
        break;
    case EV_LONG_PRESS: {
        touch_point(m, &x, &y);
        uint64_t hold = rng_log(r, 450, 2500);
        /* Listen held for 3 s: spoken navigation on, or off. */
        const rs_target *listen = first_target(m, RS_ACT_LISTEN);
        if (listen && rng_chance(r, 0.4) && target_point(m, listen, &x, &y))
            hold = (uint64_t)rng_range(r, 3000, 3600);
        pointer(m, RS_POINTER_DOWN, x, y);
        if (rng_chance(r, 0.5)) { /* a finger is never quite still */
            for (uint64_t held = 0; held < hold; held += FRAME_MS) {
                pass(m, FRAME_MS);
                pointer(m, RS_POINTER_MOVE, x + rng_float(r, -2, 2), y + rng_float(r, -2, 2));
            }
        } else {
            pass(m, hold);
        }
        pointer(m, RS_POINTER_UP, x, y);
        break;
    }
    case EV_EDGE_SWIPE: {
        float edge = (float)m->width * 0.05f;
        x = rng_float(r, 0, edge - 1);
        y = rng_float(r, 0, (float)m->height - 1);
        float travel = rng_float(r, 0.1f, 0.7f) * (float)m->width;
        drag(m, x, y, x + travel, clampf(y + rng_float(r, -40, 40), 0, (float)m->height - 1),
             (uint64_t)rng_range(r, 60, 500), 0, false);
        break;
    }
    case EV_KEY: {
        rs_key k = visitor_keys[rng_range(r, 0, (int64_t)(sizeof visitor_keys / sizeof visitor_keys[0]) - 1)];
        m->key_counts[k]++;
        key(m, k);
        break;
    }
    case EV_TEXT: {
        const char *text =
            visitor_texts[rng_range(r, 0, (int64_t)(sizeof visitor_texts / sizeof visitor_texts[0]) - 1)];
        rs_session_text(m->session, text, m->now);
        settle(m);
        break;
    }
    case EV_WHEEL: {
        int notches = (int)rng_range(r, 1, 5) * (rng_chance(r, 0.6) ? 1 : -1);
        float delta = -(float)notches * (float)rs_session_theme(m->session)->target * 1.5f;
        rs_session_scroll_by(m->session, delta, m->now);
        settle(m);
        break;
    }
    case EV_CANCEL:
        touch_point(m, &x, &y);
        drag(m, x, y, x + rng_float(r, -30, 30), y + rng_float(r, -30, 30), (uint64_t)rng_range(r, 16, 300), 0, true);
        break;
    case EV_WAIT: {
        uint64_t ms = rng_log(r, 16, 5000);
        pass(m, ms);
        /* Any fling is over within 3 s, any spring or bounce within 250 ms
         * more: the content is at rest, not above its top. */
        float offset = rs_session_scroll_offset(m->session);
        if (ms >= 4000 && !(offset >= -0.5f))
            problem(m, P_STATE, "at rest %" PRIu64 " ms after the last input, the scroll offset is %g", ms,
                    (double)offset);
        break;
    }
    case EV_WALK_AWAY: {
        uint64_t away = (uint64_t)rng_range(r, 60000, 600000);
        /* A statement being read aloud keeps the kiosk awake until it ends
         * (for at most 20 minutes after the last touch): the clock of
         * being alone starts then. */
        uint64_t reading = voice_time_left(m);
        reading = reading < 20 * 60000 ? reading : 20 * 60000;
        pass(m, away);
        /* Left alone, the kiosk goes back to its start by itself. */
        m->idle_checks++;
        const rs_nav *nav = rs_session_nav(m->session);
        rs_session_mode mode = rs_session_mode_now(m->session);
        if (away >= reading + 101000 && (nav->depth != 1 || (mode != RS_MODE_BROWSE && mode != RS_MODE_ATTRACT)))
            problem(m, P_IDLE, "after %" PRIu64 " s alone the kiosk is not back home (depth %zu)", away / 1000,
                    nav->depth);
        if (away >= reading + 401000 && mode != RS_MODE_ATTRACT)
            problem(m, P_IDLE, "after %" PRIu64 " s alone the attract loop is not running", away / 1000);
        break;
    }
    case EV_RESIZE: {
        int k;
        do
            k = (int)rng_range(r, 0, SIZE_COUNT - 1);
        while (sizes[k][0] == m->window_w && sizes[k][1] == m->window_h);
        if (!resize_to(m, sizes[k][0], sizes[k][1]))
            exit(2);
        break;
    }
    case EV_STAFF:
        staff_visit(m);
        break;
    case EV_COUNT:
        break;
    }
}

/* Counts the screen now shown and checks the session's state. */
void observe(monkey *m)
{
    const rs_nav *nav = rs_session_nav(m->session);
    if (nav->depth < 1 || nav->depth > RS_NAV_DEPTH) {
        problem(m, P_STATE, "navigation depth %zu", nav->depth);
        return;
    }
    if ((int)nav->depth > m->max_depth)
        m->max_depth = (int)nav->depth;
    if (nav->entries[0].route.kind != RS_ROUTE_HOME)
        problem(m, P_STATE, "the bottom of the stack is not home");
    const rs_route *route = &nav->entries[nav->depth - 1].route;
    const rs_screen *screen = rs_session_screen(m->session);
    if (!screen) {
        problem(m, P_ERROR_SCREEN, "an error screen is shown");
    } else if ((unsigned)route->kind <= ROUTE_LAST) {
        char text[256];
        rs_route_format(route, text, sizeof text);
        if (strcmp(text, m->last_route) != 0) {
            snprintf(m->last_route, sizeof m->last_route, "%s", text);
            m->route_visits[route->kind]++;
            if ((unsigned)screen->kind < SCREEN_KINDS)
                m->screen_visits[screen->kind]++;
            digest_bytes(m, text, strlen(text) + 1);
        }
        if (screen->kind == RS_SCREEN_READER && screen->place.valid &&
            (screen->place.pos < 0 || screen->place.pos >= screen->place_count))
            problem(m, P_STATE, "reader at position %" PRId64 " of %" PRId64, screen->place.pos, screen->place_count);
        if (screen->kind == RS_SCREEN_LIST && screen->count < 0)
            problem(m, P_STATE, "list of %" PRId64 " statements", screen->count);
    } else {
        problem(m, P_STATE, "route kind %d", (int)route->kind);
    }
    rs_session_mode mode = rs_session_mode_now(m->session);
    if ((unsigned)mode > RS_MODE_ADMIN) {
        problem(m, P_STATE, "mode %d", (int)mode);
    } else if (mode != m->last_mode) {
        m->mode_entries[mode]++;
        m->last_mode = mode;
        digest_bytes(m, &mode, sizeof mode);
    }
    float offset = rs_session_scroll_offset(m->session);
    if (!isfinite(offset) || offset < -1e7f || offset > 1e9f)
        problem(m, P_STATE, "scroll offset %g", (double)offset);
    int32_t rounded = (int32_t)offset;
    digest_bytes(m, &rounded, sizeof rounded);
    voice_check(m);
}

void one_event(monkey *m)
{
    event_kind kind = pick_event(m);
    m->event_counts[kind]++;
    m->events++;
    if (m->trace_from && m->events >= m->trace_from) {
        char route[256];
        const rs_nav *nav = rs_session_nav(m->session);
        rs_route_format(&nav->entries[nav->depth - 1].route, route, sizeof route);
        fprintf(stderr, "monkey: event %" PRIu64 " t=%" PRIu64 " %dx%d on %s (mode %s, scroll %.1f): %s\n",
                m->events, m->now, m->width, m->height, route, mode_names[rs_session_mode_now(m->session)],
                (double)rs_session_scroll_offset(m->session), event_names[kind]);
    }
    do_event(m, kind);
    if (m->render_every && m->events % m->render_every == 0)
        frame(m, true);
    observe(m);
}

