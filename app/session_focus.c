/*
 * The keyboard's focus walk (session_private.h): every item of a screen in
 * reading order, those scrolled out of view included ("stops"), which Tab
 * and the arrows step through (session_input.c) and spoken navigation's
 * Up and Down too (session_spoken.c). The content's stops come from the
 * page the layout keeps, the bar's from the frame; the rows of a list or an
 * incident's thread are stops by index, beyond what is loaded.
 */
#include "session_private.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "expect.h"
#include "layout_thread.h"

/* Actions NONE (a legend, a disabled button) are no stops; a content
 * target's rectangle goes into content coordinates. */
static void add_stop(rs_target_list *stops, const rs_target *t, float offset, const rs_rect *vp)
{
    if (t->action.kind == RS_ACT_NONE)
        return;
    for (size_t i = 0; i < stops->count; i++)
        if (rs_action_equal(&stops->items[i].action, &t->action))
            return;
    rs_target stop = *t;
    if (t->in_content)
        stop.rect.y = (int)((float)(t->rect.y - vp->y) + offset);
    rs_grow(&stops->items, &stops->capacity, stops->count + 1, sizeof *stops->items);
    stops->items[stops->count++] = stop;
}

/* Lists and incident threads: their rows are stops by index, beyond what
 * is loaded (a list of any length costs the same); 0 elsewhere. */
static int64_t row_count(const rs_session *s)
{
    if (session_mode(s) != RS_MODE_BROWSE || !s->screen)
        return 0;
    if (s->screen->kind == RS_SCREEN_LIST || (s->screen->kind == RS_SCREEN_THREAD && s->screen->thread))
        return s->screen->count;
    return 0;
}

bool session_focus_is_row(const rs_session *s, const rs_action *a)
{
    return row_count(s) > 0 && (a->kind == RS_ACT_ROW || (s->screen->kind == RS_SCREEN_THREAD && a->kind == RS_ACT_EXPAND));
}

/* Row index as a stop: its action and its place in content coordinates. */
static rs_target row_stop(rs_session *s, int64_t index)
{
    rs_target t = {.action = {.kind = RS_ACT_ROW, .index = index}, .in_content = true};
    if (s->screen->kind == RS_SCREEN_THREAD) {
        rs_thread_screen_prepare(s->screen->thread, index, index);
        const rs_thread_item *item = rs_thread_screen_item(s->screen->thread, index);
        if (item && item->kind == RS_THREAD_EVENT)
            t.action.kind = RS_ACT_EXPAND;
        session_refresh_targets(s); /* the layout knows the cards' heights */
        t.rect = rs_layout_thread_card(s->layout, index);
    } else {
        t.rect = (rs_rect){0, (int)(s->info.list_top + s->info.row_height * (float)index), s->width,
                           (int)s->info.row_height};
    }
    return t;
}

/* Where the rows start, in content coordinates: the scan stops there. */
static float rows_top(rs_session *s)
{
    if (s->screen->kind == RS_SCREEN_THREAD) {
        session_refresh_targets(s);
        return (float)rs_layout_thread_card(s->layout, 0).y;
    }
    return s->info.list_top;
}

/* The step of a walk down the page, a viewport at a time from the top
 * (offsets 0, step, 2 step... up to last, each clamped to max_offset), that
 * first shows content rectangle [y, y + h); -1 when none does. */
static int64_t first_step(float y, float h, float step, float vh, int64_t last, float max_offset)
{
    int64_t k = y < vh ? 0 : (int64_t)floorf((y - vh) / step) + 1;
    if (k > last)
        k = last;
    float offset = fminf((float)k * step, max_offset);
    return y < offset + vh && y + h > offset ? k : -1;
}

/* Every stop of the screen: the content's targets in the order a walk down
 * the page a viewport at a time (three quarters of one a step) meets them,
 * above the rows of a list or thread, then the bar's. From the page the
 * layout keeps: walking it frame by frame laid a 1 MB statement out some
 * 1,700 times a key (210 ms). */
void session_collect_stops(rs_session *s, rs_target_list *stops)
{
    rs_target_list bar = {0};
    session_refresh_targets(s);
    bool scrolls = session_mode(s) == RS_MODE_BROWSE && s->screen && !session_shows_view(s);
    float saved = rs_scroll_offset(s->scroll), vh = (float)s->info.viewport.h, step = vh * 0.75f;
    if (!scrolls || step < 1) {
        for (size_t i = 0; i < s->targets.count; i++)
            add_stop(s->targets.items[i].in_content ? stops : &bar, &s->targets.items[i], saved, &s->info.viewport);
    } else {
        for (size_t i = 0; i < s->targets.count; i++)
            if (!s->targets.items[i].in_content)
                add_stop(&bar, &s->targets.items[i], saved, &s->info.viewport);
        float until = row_count(s) > 0 ? rows_top(s) : s->info.content_height;
        float limit = fminf(until, s->info.content_height), max_offset = fmaxf(s->info.content_height - vh, 0);
        int64_t last = limit <= vh ? 0 : (int64_t)ceilf((limit - vh) / step);
        rs_target_list all = {0};
        rs_layout_content_targets(s->layout, &s->theme, s->width, s->height, s->screen, &all);
        int64_t *steps = rs_xcalloc(all.count + 1, sizeof *steps), most = -1;
        for (size_t i = 0; i < all.count; i++) {
            const rs_rect *r = &all.items[i].rect;
            steps[i] = first_step((float)r->y, (float)r->h, step, vh, last, max_offset);
            most = steps[i] > most ? steps[i] : most;
        }
        /* In the walk's order: by the step that first shows them, then as
         * the page lists them (a frame lists its targets in page order). */
        rs_rect content_vp = {0, 0, s->info.viewport.w, s->info.viewport.h};
        for (int64_t k = 0; k <= most; k++)
            for (size_t i = 0; i < all.count; i++)
                if (steps[i] == k && !session_focus_is_row(s, &all.items[i].action))
                    add_stop(stops, &all.items[i], 0, &content_vp);
        free(steps);
        rs_target_list_free(&all);
    }
    for (size_t i = 0; i < bar.count; i++)
        add_stop(stops, &bar.items[i], 0, &s->info.viewport);
    rs_target_list_free(&bar);
}

size_t session_find_stop(const rs_target_list *stops, const rs_action *action)
{
    for (size_t i = 0; i < stops->count; i++)
        if (rs_action_equal(&stops->items[i].action, action))
            return i;
    return SIZE_MAX;
}

/* Scrolls so that the stop (content coordinates) is in view. */
static void reveal_stop(rs_session *s, const rs_target *stop)
{
    if (!stop->in_content || session_shows_view(s))
        return;
    const rs_rect *vp = &s->info.viewport;
    float offset = rs_scroll_offset(s->scroll), top = (float)stop->rect.y, bottom = top + (float)stop->rect.h;
    if (top < offset)
        rs_scroll_set_offset(s->scroll, top - (float)s->theme.gap);
    else if (bottom > offset + (float)vp->h)
        rs_scroll_set_offset(s->scroll, bottom - (float)vp->h + (float)s->theme.gap);
}

void session_focus_stop(rs_session *s, const rs_target *stop)
{
    s->focused = stop->action;
    reveal_stop(s, stop);
    session_changed(s);
}

/* The content stops above the rows, the rows, then the bar's: Tab and the
 * arrows everywhere (session_input.c move_focus), and spoken navigation's
 * Up and Down anywhere but a statement's text. */
void session_focus_step(rs_session *s, int step)
{
    rs_target_list stops = {0};
    session_collect_stops(s, &stops);
    size_t content = 0;
    while (content < stops.count && stops.items[content].in_content)
        content++;
    int64_t rows = row_count(s);
    size_t total = stops.count + (size_t)rows, at = SIZE_MAX;
    if (session_focus_is_row(s, &s->focused) && s->focused.index >= 0 && s->focused.index < rows)
        at = content + (size_t)s->focused.index;
    else if ((at = session_find_stop(&stops, &s->focused)) != SIZE_MAX && at >= content)
        at += (size_t)rows;
    /* The focused item scrolled out of sight (Page Down, a drag): the keys
     * go on from what is shown, as a visitor who scrolled expects, not from
     * where the page was. */
    bool away = false;
    if (at != SIZE_MAX && at < content + (size_t)rows) {
        rs_target here = at < content ? stops.items[at] : row_stop(s, (int64_t)(at - content));
        float top = rs_scroll_offset(s->scroll), bottom = top + (float)s->info.viewport.h;
        away = (float)(here.rect.y + here.rect.h) <= top || (float)here.rect.y >= bottom;
    }
    /* Nothing focused yet, or focused out of sight: forward, the first item
     * shown; back (from out of sight), the last item shown. Nothing
     * focused, back: the bar's last. */
    bool from_shown = false;
    if ((at == SIZE_MAX && step > 0) || away) {
        at = SIZE_MAX;
        for (size_t k = 0; k < s->targets.count && !from_shown; k++) {
            const rs_target *t = &s->targets.items[step > 0 ? k : s->targets.count - 1 - k];
            if (!t->in_content || t->action.kind == RS_ACT_NONE)
                continue;
            if (session_focus_is_row(s, &t->action) && t->action.index >= 0 && t->action.index < rows)
                at = content + (size_t)t->action.index;
            else if ((at = session_find_stop(&stops, &t->action)) != SIZE_MAX && at >= content)
                at += (size_t)rows;
            from_shown = at != SIZE_MAX;
        }
    }
    if (total) {
        size_t next = at == SIZE_MAX    ? (step > 0 ? 0 : total - 1)
                      : from_shown ? at
                                   : (at + total + (step > 0 ? 1 : total - 1)) % total;
        if (next < content) {
            session_focus_stop(s, &stops.items[next]);
        } else if (next < content + (size_t)rows) {
            rs_target row = row_stop(s, (int64_t)(next - content));
            session_focus_stop(s, &row);
        } else {
            session_focus_stop(s, &stops.items[next - (size_t)rows]);
        }
    }
    rs_target_list_free(&stops);
}
