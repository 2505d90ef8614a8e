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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announce.h"
#include "expect.h"
#include "i18n.h"
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
    session_collect_stops(s, &stops);
    size_t at = session_find_stop(&stops, &s->focused), total = 1 + n + stops.count;
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
        session_focus_stop(s, &stops.items[next - 1 - n]);
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
    session_collect_stops(s, &stops);
    size_t at = left.kind == RS_ACT_NONE ? SIZE_MAX : session_find_stop(&stops, &left);
    if (at != SIZE_MAX)
        session_focus_stop(s, &stops.items[at]);
    else if (session_focus_is_row(s, &left))
        s->focused = left; /* a row beyond what the stops hold: Back restored the scroll to it */
    else if (!reader && stops.count && !session_focus_is_row(s, &s->focused) && session_find_stop(&stops, &s->focused) == SIZE_MAX)
        session_focus_stop(s, &stops.items[0]);
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
            session_collect_stops(s, &stops);
            size_t at = session_find_stop(&stops, &sp->focused);
            if (at != SIZE_MAX)
                session_focus_stop(s, &stops.items[at]);
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
