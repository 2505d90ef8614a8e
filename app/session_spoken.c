/*
 * Spoken navigation (issue 16): with it on, every focus change and every
 * new screen is said through the speaker, and four keys reach everything:
 * Up and Down step through every target of the screen in reading order
 * (beyond what is shown too, scrolling it into view), Enter acts, Back goes
 * back. In the reader Up and Down step through the title, the body
 * paragraph by paragraph (each read in the statement's language and
 * scrolled to the top of the page), then the page's controls. On a map or
 * a timeline Up and Down move between its targets instead of panning.
 *
 * It works by comparing what is shown after each input with what was said
 * last (session_spoken_after), so the rest of the session needs no hooks
 * of its own: a new screen (another route, depth or mode) says its name and
 * what has focus, in one announcement; a focus change says the target.
 * Without a speaker the state is kept but nothing is said.
 */
#include "session_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announce.h"
#include "expect.h"
#include "i18n.h"
#include "layout_thread.h"
#include "session_listen.h"

struct session_spoken {
    bool known; /* what follows describes what was shown after the last input */
    rs_session_mode mode;
    bool had_screen;
    size_t depth;
    rs_route route;
    rs_action focused;
    char *words;   /* what was said for focused */
    int paragraph; /* reader: -1 at the title, else the paragraph last read */
    rs_action focus_at[RS_NAV_DEPTH]; /* the focus each level of the stack was left with */
};

static struct session_spoken *state(rs_session *s)
{
    if (!s->spoken) {
        s->spoken = rs_xcalloc(1, sizeof *s->spoken);
        s->spoken->paragraph = -1;
    }
    return s->spoken;
}

void session_spoken_free(rs_session *s)
{
    if (!s->spoken)
        return;
    free(s->spoken->words);
    free(s->spoken);
    s->spoken = NULL;
}

/* An announcement replaces what the voice was saying: a Listen reading
 * under way is paused, to be resumed from its sentence. */
static void say(rs_session *s, const char *text)
{
    if (!s->has_speaker || !s->speaker.announce || !text || !text[0])
        return;
    session_listen_interrupt(s);
    s->speaker.announce(s->speaker.context, text, s->language);
}

/* Part of the statement's own text, read in its language (the UI voice
 * would mangle a Chinese title). */
static void read_statement(rs_session *s, rs_sentence_part part, const char *text, size_t start, size_t end,
                           int paragraph)
{
    if (!s->has_speaker || !s->speaker.read || end <= start)
        return;
    session_listen_stop(s); /* Listen's reading is over: what is read now is not its utterance */
    rs_sentence sentence = {.part = part, .start = start, .end = end, .paragraph = paragraph};
    sentence.text = rs_xasprintf("%.*s", (int)(end - start), text + start);
    const char *language = s->screen->statement.language;
    snprintf(sentence.language, sizeof sentence.language, "%s", language ? language : rs_i18n_code(s->language));
    rs_utterance utterance = {.items = &sentence, .count = 1};
    s->speaker.read(s->speaker.context, &utterance, 0, RS_SPEED_NORMAL);
    free(sentence.text);
}

static rs_announce_context context(const rs_session *s, const char **crumbs)
{
    rs_session_mode mode = session_mode(s);
    for (size_t i = 0; i < s->nav.depth; i++)
        crumbs[i] = s->crumbs[i];
    return (rs_announce_context){.place = mode == RS_MODE_PIN         ? RS_ANNOUNCE_PIN
                                          : mode == RS_MODE_ADMIN     ? RS_ANNOUNCE_ADMIN
                                          : mode == RS_MODE_COUNTDOWN ? RS_ANNOUNCE_COUNTDOWN
                                                                      : RS_ANNOUNCE_BROWSE,
                                 .screen = s->screen,
                                 .crumbs = crumbs,
                                 .crumb_count = s->nav.depth,
                                 .error_heading = s->error_heading,
                                 .listen_paused = session_listen_paused(s)};
}

/* The words for what has focus now; NULL when nothing has. */
static char *focus_words(rs_session *s)
{
    if (s->focused.kind == RS_ACT_NONE)
        return NULL;
    if (s->screen && s->screen->kind == RS_SCREEN_LIST && s->focused.kind == RS_ACT_ROW)
        rs_screen_prepare_rows(s->screen, s->bundle, s->focused.index, s->focused.index);
    const char *crumbs[RS_NAV_DEPTH];
    rs_announce_context c = context(s, crumbs);
    return rs_announce_target(&c, &s->focused);
}

static char *screen_name(rs_session *s)
{
    const char *crumbs[RS_NAV_DEPTH];
    rs_announce_context c = context(s, crumbs);
    return rs_announce_screen(&c);
}

/* ---- every target of the screen, beyond what is shown ---- */

/* Targets are what the frame shows; a long page is walked a viewport at a
 * time to find the rest (cheap: the page is laid out once and shifted).
 * Content targets come in reading order, in content coordinates, then the
 * bar's. Actions NONE (a legend, a disabled button) are no stops. */
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

static bool is_row(const rs_session *s, const rs_action *a)
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
static void collect_stops(rs_session *s, rs_target_list *stops)
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
                if (steps[i] == k && !is_row(s, &all.items[i].action))
                    add_stop(stops, &all.items[i], 0, &content_vp);
        free(steps);
        rs_target_list_free(&all);
    }
    for (size_t i = 0; i < bar.count; i++)
        add_stop(stops, &bar.items[i], 0, &s->info.viewport);
    rs_target_list_free(&bar);
}

static size_t find_stop(const rs_target_list *stops, const rs_action *action)
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

static void focus_stop(rs_session *s, const rs_target *stop)
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
    collect_stops(s, &stops);
    size_t content = 0;
    while (content < stops.count && stops.items[content].in_content)
        content++;
    int64_t rows = row_count(s);
    size_t total = stops.count + (size_t)rows, at = SIZE_MAX;
    if (is_row(s, &s->focused) && s->focused.index >= 0 && s->focused.index < rows)
        at = content + (size_t)s->focused.index;
    else if ((at = find_stop(&stops, &s->focused)) != SIZE_MAX && at >= content)
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
            if (is_row(s, &t->action) && t->action.index >= 0 && t->action.index < rows)
                at = content + (size_t)t->action.index;
            else if ((at = find_stop(&stops, &t->action)) != SIZE_MAX && at >= content)
                at += (size_t)rows;
            from_shown = at != SIZE_MAX;
        }
    }
    if (total) {
        size_t next = at == SIZE_MAX    ? (step > 0 ? 0 : total - 1)
                      : from_shown ? at
                                   : (at + total + (step > 0 ? 1 : total - 1)) % total;
        if (next < content) {
            focus_stop(s, &stops.items[next]);
        } else if (next < content + (size_t)rows) {
            rs_target row = row_stop(s, (int64_t)(next - content));
            focus_stop(s, &row);
        } else {
            focus_stop(s, &stops.items[next - (size_t)rows]);
        }
    }
    rs_target_list_free(&stops);
}

/* ---- the reader: the title, the paragraphs, the controls ---- */

/* Scrolls paragraph [start, end) of the body to the top of the page (where
 * the layout drew its first line). */
static void show_paragraph(rs_session *s, size_t start, size_t end)
{
    const char *body = s->screen->statement.body;
    float y = rs_layout_text_y(s->layout, &s->theme, s->width, s->height, s->screen, body + start, body + end);
    if (y >= 0)
        rs_scroll_set_offset(s->scroll, y - (float)s->theme.gap);
    session_changed(s);
}

static void reader_step(rs_session *s, int step)
{
    struct session_spoken *sp = state(s);
    const rs_statement *st = &s->screen->statement;
    size_t n = rs_announce_paragraphs(st->body, NULL, 0);
    rs_range *paragraphs = rs_xcalloc(n + 1, sizeof *paragraphs);
    rs_announce_paragraphs(st->body, paragraphs, n);
    rs_target_list stops = {0};
    collect_stops(s, &stops);
    size_t at = find_stop(&stops, &s->focused), total = 1 + n + stops.count;
    size_t pos = at != SIZE_MAX ? 1 + n + at : (size_t)(sp->paragraph + 1);
    size_t next = (pos + total + (step > 0 ? 1 : total - 1)) % total;
    if (next == 0) {
        s->focused = (rs_action){0};
        sp->paragraph = -1;
        rs_scroll_set_offset(s->scroll, 0);
        read_statement(s, RS_SAY_TITLE, st->title, 0, st->title ? strlen(st->title) : 0, -1);
    } else if (next <= n) {
        const rs_range *r = &paragraphs[next - 1];
        s->focused = (rs_action){0};
        sp->paragraph = (int)next - 1;
        show_paragraph(s, r->start, r->end);
        read_statement(s, RS_SAY_BODY, st->body, r->start, r->end, sp->paragraph);
    } else {
        sp->paragraph = (int)n - 1;
        focus_stop(s, &stops.items[next - 1 - n]);
    }
    session_changed(s);
    rs_target_list_free(&stops);
    free(paragraphs);
}

bool session_spoken_key(rs_session *s, rs_key key)
{
    if (!s->spoken_navigation)
        return false;
    int step = key == RS_KEY_UP || key == RS_KEY_PREVIOUS || key == RS_KEY_SHIFT_TAB ? -1
               : key == RS_KEY_DOWN || key == RS_KEY_NEXT || key == RS_KEY_TAB    ? 1
                                                                                   : 0;
    if (!step)
        return false;
    const rs_screen *screen = session_mode(s) == RS_MODE_BROWSE ? s->screen : NULL;
    /* While Listen reads the statement, the keys walk the page's controls
     * (Pause, Stop, the speeds) instead of its paragraphs: a paragraph read
     * would cut Listen off. The control's name cuts the reading short too,
     * so the reading is paused first (the control is then "Resume", as it
     * is said), and Resume goes on from the sentence heard. */
    if (screen && screen->kind == RS_SCREEN_READER && !session_listen_reading(s)) {
        reader_step(s, step);
    } else {
        session_listen_interrupt(s);
        session_focus_step(s, step);
    }
    return true;
}

/* ---- what is said after an input ---- */

static bool same_screen(const rs_session *s, const struct session_spoken *sp)
{
    rs_session_mode mode = session_mode(s);
    if (!sp->known || mode != sp->mode || (s->screen != NULL) != sp->had_screen)
        return false;
    if (mode != RS_MODE_BROWSE && mode != RS_MODE_COUNTDOWN)
        return true;
    return s->nav.depth == sp->depth && rs_route_equal(&s->nav.entries[s->nav.depth - 1].route, &sp->route);
}

/* What is shown now, and the words said for its focus (taken; NULL with
 * keep: the words said before still hold). */
static void remember(rs_session *s, struct session_spoken *sp, char *words, bool keep)
{
    sp->known = true;
    sp->mode = session_mode(s);
    sp->had_screen = s->screen != NULL;
    sp->depth = s->nav.depth;
    sp->route = rs_nav_top(&s->nav)->route;
    sp->focused = s->focused;
    if (keep)
        return;
    free(sp->words);
    sp->words = words;
}

/* A new screen reached by a key: the focus on what was left there (Back),
 * else on its first stop; the reader starts at its title. */
static void place_focus(rs_session *s, struct session_spoken *sp, bool back)
{
    bool browse = session_mode(s) == RS_MODE_BROWSE;
    rs_action left = back && browse ? sp->focus_at[s->nav.depth - 1] : (rs_action){0};
    bool reader = browse && s->screen && s->screen->kind == RS_SCREEN_READER;
    if (reader)
        s->focused = (rs_action){0};
    rs_target_list stops = {0};
    collect_stops(s, &stops);
    size_t at = left.kind == RS_ACT_NONE ? SIZE_MAX : find_stop(&stops, &left);
    if (at != SIZE_MAX)
        focus_stop(s, &stops.items[at]);
    else if (is_row(s, &left))
        s->focused = left; /* a row beyond what the stops hold: Back restored the scroll to it */
    else if (!reader && stops.count && !is_row(s, &s->focused) && find_stop(&stops, &s->focused) == SIZE_MAX)
        focus_stop(s, &stops.items[0]);
    rs_target_list_free(&stops);
}

/* A new screen: its name, then what has focus, in one announcement (each
 * call to the speaker cuts off the last). */
static char *announce_screen(rs_session *s, struct session_spoken *sp, int key)
{
    bool browse = session_mode(s) == RS_MODE_BROWSE;
    if (sp->known && browse && sp->mode == RS_MODE_BROWSE && s->nav.depth > sp->depth)
        sp->focus_at[sp->depth - 1] = sp->focused;
    bool back = sp->known && browse && sp->mode == RS_MODE_BROWSE && s->nav.depth < sp->depth;
    sp->paragraph = -1;
    if (key >= 0)
        place_focus(s, sp, back);
    /* The idle warning says itself alone: any key only dismisses it. */
    char *words = session_mode(s) == RS_MODE_COUNTDOWN ? NULL : focus_words(s);
    if (browse && s->screen && s->screen->kind == RS_SCREEN_READER && !words) {
        const char *title = s->screen->statement.title;
        read_statement(s, RS_SAY_TITLE, title, 0, title ? strlen(title) : 0, -1);
        return NULL;
    }
    char *name = screen_name(s), *said = rs_announce_join(name, words);
    say(s, said);
    free(name);
    free(said);
    return words;
}

/* Enter on a key of the on-screen keyboard: the query as it now is. */
static bool typed(const rs_session *s, const rs_action *a)
{
    return s->screen && s->screen->kind == RS_SCREEN_SEARCH &&
           (a->kind == RS_ACT_KEY_CHAR || a->kind == RS_ACT_KEY_BACKSPACE || a->kind == RS_ACT_KEY_CLEAR);
}

void session_spoken_after(rs_session *s, int key)
{
    if (!s->spoken_navigation)
        return;
    struct session_spoken *sp = state(s);
    if (session_mode(s) == RS_MODE_ATTRACT) { /* never over the attract loop */
        remember(s, sp, NULL, false);
        return;
    }
    char *words = NULL;
    if (!same_screen(s, sp)) {
        words = announce_screen(s, sp, key);
    } else if (!rs_action_equal(&s->focused, &sp->focused)) {
        /* Enter on a filter or a language rebuilds the screen in place and
         * drops the focus: it stays where the visitor is. */
        if (s->focused.kind == RS_ACT_NONE && key == (int)RS_KEY_ACTIVATE && sp->focused.kind != RS_ACT_NONE) {
            rs_target_list stops = {0};
            collect_stops(s, &stops);
            size_t at = find_stop(&stops, &sp->focused);
            if (at != SIZE_MAX)
                focus_stop(s, &stops.items[at]);
            rs_target_list_free(&stops);
        }
        words = focus_words(s);
        say(s, words);
    } else if (s->focused.kind != RS_ACT_NONE && key == (int)RS_KEY_ACTIVATE) {
        if (typed(s, &s->focused)) {
            say(s, s->screen->query);
            words = focus_words(s);
        } else {
            words = focus_words(s);
            /* Listen's Resume or a speed: the reading heard is the answer
             * (its control's new name would replace it). */
            bool reading = session_listen_reading(s) && !session_listen_paused(s);
            if (!reading && (!sp->words || strcmp(words, sp->words) != 0))
                say(s, words); /* "Speaker, filter, selected", "Show less, button" */
        }
    } else {
        remember(s, sp, NULL, true); /* nothing changed (time passing, a scroll) */
        return;
    }
    remember(s, sp, words, false);
}

void rs_session_set_spoken_navigation(rs_session *s, bool on)
{
    s->spoken_default = on;
    session_spoken_set(s, on);
}

void session_spoken_set(rs_session *s, bool on)
{
    if (s->spoken_navigation == on)
        return;
    s->spoken_navigation = on;
    struct session_spoken *sp = state(s);
    sp->known = false;
    if (!on) {
        /* TRANSLATORS: spoken navigation was turned off (the last thing it says). */
        say(s, _("Spoken navigation off"));
        return;
    }
    if (session_mode(s) == RS_MODE_ATTRACT) {
        remember(s, sp, NULL, false);
        return;
    }
    char *name = screen_name(s), *words = focus_words(s);
    char *where = rs_announce_join(name, words);
    /* TRANSLATORS: spoken navigation was turned on (said before the screen's name). */
    char *said = rs_announce_join(_("Spoken navigation on"), where);
    say(s, said);
    free(name);
    free(where);
    free(said);
    remember(s, sp, words, false);
}

bool rs_session_spoken_navigation(const rs_session *s)
{
    return s->spoken_navigation;
}
