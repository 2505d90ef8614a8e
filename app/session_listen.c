/*
 * The reader's Listen (issue 16): the session's side of reading a statement
 * aloud. Listen builds what is said (utterance.h) from the reader shown and
 * hands it to the speaker (speaker.h); the speaker reports the sentence it
 * has reached (rs_session_speech_at), which the reader marks and keeps in
 * view. Pause/Resume, Stop and the speed are the controls' actions.
 *
 * What is read is the reader that was shown when Listen was pressed: the
 * speaker is stopped as soon as anything else shows (Back, Home, a chip,
 * Previous/Next, a translation, the idle reset, the PIN pad, a language
 * change) and before the attract loop starts, so nothing is ever said over
 * it. While it reads, each sentence heard counts as the visitor being there
 * (for LISTEN_PRESENCE_MS after their last touch or key): a statement read
 * aloud does not end in "Still reading?".
 */
#include "session_listen.h"

#include <math.h>
#include <stdlib.h>

#include "expect.h"
#include "log.h"
#include "utterance.h"

#define LISTEN_HOLD_MS 3000 /* Listen held this long turns spoken navigation on or off */
/* How long a reading keeps the kiosk awake without a touch or key: three
 * times a 1,000-word statement read at normal speed (about 6 min). */
#define LISTEN_PRESENCE_MS (20 * 60 * 1000)
/* The band of the viewport the sentence heard is kept in: when it starts
 * above the viewport or ends below BAND_BOTTOM of it, the text glides to
 * put its start BAND_TOP of the way down. */
#define BAND_TOP 0.2f
#define BAND_BOTTOM 0.8f

struct session_listen {
    rs_utterance utterance; /* of the reader being read; empty when nothing is */
    rs_route route;         /* that reader's */
    bool active;
    int sentence;                 /* the sentence heard; -1 before the first */
    rs_speech_speed speed;        /* the speed selected (kept until the idle reset) */
    rs_speech_speed paused_speed; /* the speed when it was paused */
    /* Paused, by either: the visitor's Pause; or the voice saying something
     * else (spoken navigation), after which Resume reads again. */
    bool visitor_paused, interrupted;
    uint64_t hold_until;          /* Listen held down: when the hold completes; 0: no hold */
};

static bool is_paused(const struct session_listen *L)
{
    return L->visitor_paused || L->interrupted;
}

static struct session_listen *state(rs_session *s)
{
    if (!s->listen) {
        s->listen = rs_xcalloc(1, sizeof *s->listen);
        s->listen->speed = RS_SPEED_NORMAL;
        s->listen->sentence = -1;
    }
    return s->listen;
}

/* Tells the layout what to show of Listen: the button, the controls, the
 * sentence heard. */
static void show(rs_session *s)
{
    const struct session_listen *L = s->listen;
    rs_listen_view view = {.available = s->has_speaker, .speed = RS_SPEED_NORMAL};
    if (L) {
        view.active = L->active, view.paused = is_paused(L), view.speed = (int)L->speed;
        if (L->active && L->sentence >= 0 && (size_t)L->sentence < L->utterance.count) {
            const rs_sentence *heard = &L->utterance.items[L->sentence];
            view.mark = heard->part == RS_SAY_TITLE  ? RS_LISTEN_MARK_TITLE
                        : heard->part == RS_SAY_BODY ? RS_LISTEN_MARK_BODY
                                                     : RS_LISTEN_MARK_NONE;
            view.start = heard->start, view.end = heard->end;
        }
    }
    rs_layout_set_listen(s->layout, &view);
    session_changed(s);
}

/* Forgets what was read; the controls and the mark go. */
static void finish(rs_session *s)
{
    struct session_listen *L = s->listen;
    L->active = L->interrupted = L->visitor_paused = false;
    L->sentence = -1;
    rs_utterance_free(&L->utterance);
    show(s);
}

void session_listen_interrupt(rs_session *s)
{
    struct session_listen *L = s->listen;
    if (!L || !L->active)
        return;
    bool was_paused = is_paused(L);
    L->interrupted = true; /* no pause asked of the speaker: what it says next replaces the reading */
    if (was_paused)
        return;
    L->paused_speed = L->speed;
    show(s);
}

void session_listen_stop(rs_session *s)
{
    if (!s->listen || !s->listen->active)
        return;
    if (s->has_speaker)
        s->speaker.stop(s->speaker.context);
    finish(s);
}

void session_listen_silence(rs_session *s)
{
    if (s->listen && s->listen->active) {
        session_listen_stop(s);
        return;
    }
    if (s->has_speaker)
        s->speaker.stop(s->speaker.context);
}

void session_listen_free(rs_session *s)
{
    if (!s->listen)
        return;
    session_listen_stop(s);
    rs_utterance_free(&s->listen->utterance);
    free(s->listen);
    s->listen = NULL;
}

void rs_session_set_speaker(rs_session *s, const rs_speaker *speaker)
{
    session_listen_stop(s); /* with the speaker that was reading */
    s->has_speaker = speaker && speaker->read && speaker->announce && speaker->pause && speaker->stop;
    s->speaker = s->has_speaker ? *speaker : (rs_speaker){0};
    show(s);
}

/* Listen: the reader shown, from its title, at the speed selected. */
static void start(rs_session *s)
{
    if (!s->has_speaker || !s->screen || s->screen->kind != RS_SCREEN_READER)
        return;
    struct session_listen *L = state(s);
    rs_utterance said;
    if (!rs_utterance_build(s->screen, s->language, &said) || said.count == 0) {
        rs_utterance_free(&said);
        rs_log("Listen: the statement cannot be read aloud (out of memory)");
        return;
    }
    rs_utterance_free(&L->utterance);
    L->utterance = said;
    L->route = rs_nav_top(&s->nav)->route;
    L->active = true, L->interrupted = L->visitor_paused = false;
    L->sentence = -1;
    s->speaker.read(s->speaker.context, &L->utterance, 0, L->speed);
    show(s);
}

static size_t resume_from(const struct session_listen *L)
{
    return L->sentence > 0 ? (size_t)L->sentence : 0;
}

/* Pause, or Resume: where it stopped, at the speed now selected (read
 * again from the sentence heard when the speed changed or the voice said
 * something else meanwhile). */
static void pause_or_resume(rs_session *s)
{
    struct session_listen *L = s->listen;
    if (!L || !L->active)
        return;
    if (!is_paused(L)) {
        s->speaker.pause(s->speaker.context, true);
        L->visitor_paused = true;
        L->paused_speed = L->speed;
    } else if (L->speed != L->paused_speed || L->interrupted) {
        s->speaker.read(s->speaker.context, &L->utterance, resume_from(L), L->speed);
        L->interrupted = L->visitor_paused = false;
    } else {
        s->speaker.pause(s->speaker.context, false);
        L->visitor_paused = false;
    }
    show(s);
}

/* A speed: at once from the sentence heard; while the visitor has it
 * paused, when resumed. Paused only because spoken navigation said the
 * speed's name, it reads on at the new speed. */
static void set_speed(rs_session *s, int64_t speed)
{
    struct session_listen *L = state(s);
    if (speed < 0 || speed >= RS_SPEED_COUNT || (rs_speech_speed)speed == L->speed)
        return;
    L->speed = (rs_speech_speed)speed;
    if (L->active && !L->visitor_paused && s->has_speaker) {
        s->speaker.read(s->speaker.context, &L->utterance, resume_from(L), L->speed);
        L->interrupted = false;
    }
    show(s);
}

void session_listen_activate(rs_session *s, const rs_action *action)
{
    switch (action->kind) {
    case RS_ACT_LISTEN:
        start(s);
        break;
    case RS_ACT_LISTEN_PAUSE:
        pause_or_resume(s);
        break;
    case RS_ACT_LISTEN_STOP:
        session_listen_stop(s);
        break;
    case RS_ACT_LISTEN_SPEED:
        set_speed(s, action->index);
        break;
    default:
        RS_EXPECT(!"a Listen action");
    }
}

void session_listen_screen_shown(rs_session *s)
{
    const struct session_listen *L = s->listen;
    if (!L || !L->active)
        return;
    if (!s->screen || s->screen->kind != RS_SCREEN_READER || !rs_route_equal(&rs_nav_top(&s->nav)->route, &L->route))
        session_listen_stop(s);
}

/* The sentence heard kept in view: when it has left the comfortable band,
 * the text glides to it; never while a finger is on the glass (the
 * visitor's scrolling wins), and a visitor who scrolled away is brought
 * back only when a sentence leaves the band again. */
static void keep_in_view(rs_session *s)
{
    if (!s->screen || session_fingers_down(s))
        return;
    rs_layout_measure(s->layout, &s->theme, s->width, s->height, s->screen, &s->info);
    rs_scroll_set_extent(s->scroll, s->info.content_height, (float)s->info.viewport.h);
    if (s->info.spoken_top < 0)
        return;
    float offset = rs_scroll_offset(s->scroll), height = (float)s->info.viewport.h;
    if (s->info.spoken_top >= offset && s->info.spoken_bottom <= offset + height * BAND_BOTTOM)
        return;
    float wanted = s->info.spoken_top - height * BAND_TOP, max = rs_scroll_max_offset(s->scroll);
    wanted = wanted < 0 ? 0 : wanted > max ? max : wanted;
    if (fabsf(wanted - offset) >= 1.0f)
        rs_scroll_nudge(s->scroll, wanted - offset, s->now);
}

void rs_session_speech_at(rs_session *s, int sentence, uint64_t now_ms)
{
    if (now_ms > s->now)
        s->now = now_ms; /* the session's clock never runs backwards */
    struct session_listen *L = s->listen;
    if (!L || !L->active)
        return; /* a report from before Stop */
    if (sentence < 0 || (size_t)sentence >= L->utterance.count) {
        finish(s); /* read to the end */
        return;
    }
    /* A visitor listening is a visitor, for a while: a reading left to
     * run for LISTEN_PRESENCE_MS after the last touch or key lets the
     * idle warning come ("Still reading?"), and the reset stop it, so a
     * kiosk left reading a long statement to nobody still resets. */
    if (session_mode(s) == RS_MODE_BROWSE && s->now - s->input_at < LISTEN_PRESENCE_MS)
        rs_idle_input(s->idle, s->now);
    L->sentence = sentence;
    show(s);
    keep_in_view(s);
}

void session_listen_press(rs_session *s, const rs_action *pressed)
{
    if (s->has_speaker)
        state(s)->hold_until = pressed->kind == RS_ACT_LISTEN ? s->now + LISTEN_HOLD_MS : 0;
}

void session_listen_release(rs_session *s)
{
    if (s->listen)
        s->listen->hold_until = 0;
}

void session_listen_tick(rs_session *s)
{
    struct session_listen *L = s->listen;
    if (!L || !L->hold_until || s->now < L->hold_until)
        return;
    L->hold_until = 0;
    if (!session_fingers_down(s))
        return;
    session_spoken_set(s, !rs_session_spoken_navigation(s));
    session_changed(s);
}

bool session_listen_reading(const rs_session *s)
{
    return s->listen && s->listen->active;
}

bool session_listen_paused(const rs_session *s)
{
    return s->listen && s->listen->active && is_paused(s->listen);
}

uint64_t session_listen_deadline(const rs_session *s)
{
    return s->listen && s->listen->hold_until ? s->listen->hold_until : UINT64_MAX;
}
