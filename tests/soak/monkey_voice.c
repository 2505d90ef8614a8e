/*
 * The monkey's voice: a speaker (app/speaker.h) that makes no sound but
 * keeps the time the real player keeps (app/player.c), so that a long run
 * goes through Listen and spoken navigation as a visitor's would: the first
 * sentence heard soon after the tap, each next one a sentence's time later,
 * the end reported; paused, nothing moves on; stopped, nothing more is
 * reported. Its reports reach the session through rs_session_speech_at from
 * the loop (monkey.c pass), as the player's events reach app.c's.
 *
 * It keeps its own copy of what it reads (the session's may be freed the
 * moment the call returns, as the player's copy is meant for) and checks
 * what it is asked: never to read past the end, never to read or say
 * anything over the attract loop, never an announcement that is empty or
 * not whole UTF-8.
 */
#include "monkey.h"

#include "speaker.h"
#include "utterance.h"

#define VOICE_FIRST_MS 50      /* tap to first audio: `make bench` measures a median of 47 ms */
#define VOICE_SENTENCE_MS 2500 /* a sentence of about 16 words at 160 a minute */

struct monkey_voice {
    rs_utterance reading; /* its own copy */
    size_t next;          /* the sentence reported next */
    bool on, paused;
    int sentence_ms;
    uint64_t due;         /* when the next report is due (while on and not paused) */
    uint64_t left;        /* while paused: what was left of the wait */
};

static bool may_speak(monkey *m, const char *what)
{
    if (!m->session || rs_session_mode_now(m->session) != RS_MODE_ATTRACT)
        return true;
    problem(m, P_SPEECH, "the voice is asked to %s over the attract loop", what);
    return false;
}

static void silence(monkey_voice *v)
{
    rs_utterance_free(&v->reading);
    v->on = v->paused = false;
}

static void voice_read(void *context, const rs_utterance *u, size_t from, rs_speech_speed speed)
{
    monkey *m = context;
    monkey_voice *v = m->voice;
    silence(v);
    m->voice_counts[VOICE_READS]++;
    if (!may_speak(m, "read"))
        return;
    if (!u || from >= u->count) {
        problem(m, P_SPEECH, "the voice is asked to read from sentence %zu of %zu", from, u ? u->count : 0);
        return;
    }
    for (size_t i = 0; i < u->count; i++)
        if (!u->items[i].text || !rs_utf8_valid(u->items[i].text, strlen(u->items[i].text), NULL))
            problem(m, P_SPEECH, "sentence %zu of what is read is not whole UTF-8", i);
    rs_utterance_copy(u, &v->reading);
    v->next = from;
    v->on = true;
    v->sentence_ms = speed == RS_SPEED_SLOWER ? VOICE_SENTENCE_MS * 4 / 3
                     : speed == RS_SPEED_FASTER ? VOICE_SENTENCE_MS * 3 / 4
                                                : VOICE_SENTENCE_MS;
    v->due = m->now + VOICE_FIRST_MS;
}

static void voice_announce(void *context, const char *text, rs_ui_language language)
{
    monkey *m = context;
    (void)language;
    silence(m->voice);
    m->voice_counts[VOICE_ANNOUNCEMENTS]++;
    if (!may_speak(m, "announce"))
        return;
    if (!text || !text[0] || !rs_utf8_valid(text, strlen(text), NULL))
        problem(m, P_SPEECH, "an announcement that is empty or not whole UTF-8");
    else
        digest_bytes(m, text, strlen(text));
}

static void voice_pause(void *context, bool paused)
{
    monkey *m = context;
    monkey_voice *v = m->voice;
    m->voice_counts[VOICE_PAUSES]++;
    if (!v->on || v->paused == paused)
        return;
    v->paused = paused;
    if (paused)
        v->left = v->due > m->now ? v->due - m->now : 0;
    else
        v->due = m->now + v->left;
}

static void voice_stop(void *context)
{
    monkey *m = context;
    m->voice_counts[VOICE_STOPS]++;
    silence(m->voice);
}

void voice_create(monkey *m)
{
    m->voice = calloc(1, sizeof *m->voice);
    if (!m->voice)
        abort();
}

void voice_destroy(monkey *m)
{
    if (!m->voice)
        return;
    silence(m->voice);
    free(m->voice);
    m->voice = NULL;
}

void voice_attach(monkey *m, rs_session *session)
{
    if (!m->voice)
        return; /* --no-voice */
    rs_speaker speaker = {m, voice_read, voice_announce, voice_pause, voice_stop};
    rs_session_set_speaker(session, &speaker);
}

int64_t voice_due_in(const monkey *m)
{
    const monkey_voice *v = m->voice;
    if (!v || !v->on || v->paused)
        return -1;
    return v->due > m->now ? (int64_t)(v->due - m->now) : 0;
}

bool voice_advance(monkey *m)
{
    monkey_voice *v = m->voice;
    if (voice_due_in(m) != 0)
        return false;
    if (v->next < v->reading.count) {
        int sentence = (int)v->next++;
        v->due = m->now + (uint64_t)v->sentence_ms;
        m->voice_counts[VOICE_SENTENCES]++;
        rs_session_speech_at(m->session, sentence, m->now); /* may stop it */
    } else {
        silence(v);
        m->voice_counts[VOICE_ENDINGS]++;
        rs_session_speech_at(m->session, -1, m->now);
    }
    return true;
}

uint64_t voice_time_left(const monkey *m)
{
    const monkey_voice *v = m->voice;
    if (!v || !v->on || v->paused)
        return 0;
    uint64_t first = v->due > m->now ? v->due - m->now : 0;
    return first + (uint64_t)(v->reading.count - v->next) * (uint64_t)v->sentence_ms;
}

void voice_check(monkey *m)
{
    const monkey_voice *v = m->voice;
    if (v && v->on && rs_session_mode_now(m->session) == RS_MODE_ATTRACT)
        problem(m, P_SPEECH, "the attract loop runs while a statement is still being read");
}
