/* The kiosk's voice in the viewer (app_speech.h). */
#include "app_speech.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "expect.h"
#include "log.h"
#include "player.h"
#include "speech.h"

struct rs_app_speech {
    rs_speech *speech;
    rs_player *player;
    rs_session *session;
    const rs_config *config; /* the app's, alive as long as it */
    Uint32 event_type;
    rs_wakeup *wakeup;
    /* In a window the voice is started by a thread of its own, after the
     * first frame is asked for: opening the sound card (ALSA and PulseAudio
     * probed, each may fail slowly) and loading espeak-ng's data took
     * 110 ms, ten times the rest of the start. The thread only opens; what
     * it found is logged and given to the session on the main thread. */
    SDL_Thread *starter;
    SDL_atomic_t started;
    char start_error[600];
};

/* The audio thread: news for the main loop. */
static void notify(void *context)
{
    rs_app_speech *v = context;
    SDL_Event event = {.type = v->event_type};
    if (SDL_PushEvent(&event) == 1 && v->wakeup)
        rs_wakeup_signal(v->wakeup);
}

static void speaker_read(void *context, const rs_utterance *u, size_t from, rs_speech_speed speed)
{
    rs_app_speech *v = context;
    rs_player_read(v->player, u, from, speed, rs_i18n_current());
}

static void speaker_announce(void *context, const char *text, rs_ui_language language)
{
    rs_app_speech *v = context;
    rs_player_announce(v->player, text, language);
}

static void speaker_pause(void *context, bool paused)
{
    rs_app_speech *v = context;
    rs_player_pause(v->player, paused);
}

static void speaker_stop(void *context)
{
    rs_app_speech *v = context;
    rs_player_stop(v->player);
}

/* alsa-lib writes every failed probe of a sound card to stderr, eight
 * lines on a machine without one, where the operator reads the journal.
 * While the voice opens, its messages are caught instead, and the last is
 * added to the one line that says there is no Listen button (the last:
 * the first is about the configuration's variables, the last says what
 * could not be opened). */
typedef void (*alsa_handler)(const char *file, int line, const char *function, int err, const char *fmt, ...);
static char alsa_last[256]; /* written only while open_voice runs, on one thread */

static void alsa_catch(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    (void)file, (void)line, (void)function, (void)err;
    va_list args;
    va_start(args, fmt);
    vsnprintf(alsa_last, sizeof alsa_last, fmt, args);
    va_end(args);
}

/* Catches alsa-lib's messages (on), or gives them back to stderr (off).
 * The library is the one SDL loads by the same name (dlopen'd by name as
 * SDL does, so no link to it); without it, nothing. */
static void catch_alsa(bool on)
{
    static void *library;
    if (!library && !(library = dlopen("libasound.so.2", RTLD_LAZY)))
        return;
    void *symbol = dlsym(library, "snd_lib_error_set_handler");
    int (*set_handler)(alsa_handler);
    if (!symbol)
        return;
    memcpy(&set_handler, &symbol, sizeof set_handler);
    if (on)
        alsa_last[0] = '\0';
    set_handler(on ? alsa_catch : NULL);
}

/* v has no voice because of what: the line logged, with alsa-lib's last
 * message when it wrote one. */
static void voice_failed(rs_app_speech *v, const char *what)
{
    snprintf(v->start_error, sizeof v->start_error, "speech: %.300s%s%.200s%s; the reader has no Listen button", what,
             alsa_last[0] ? " (alsa-lib: " : "", alsa_last, alsa_last[0] ? ")" : "");
}

/* Opens the sound card, the engine and the player into v (v->player NULL
 * and the reason in v->start_error when there is none), alsa-lib's
 * messages caught meanwhile. Logs nothing: it may run on the starter
 * thread. */
static void open_voice(rs_app_speech *v)
{
    catch_alsa(true);
    char error[512];
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(error, sizeof error, "no sound (%s)", SDL_GetError());
        voice_failed(v, error);
    } else if (!(v->speech = rs_speech_create(NULL, error, sizeof error))) {
        voice_failed(v, error);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    } else if (!(v->player = rs_player_create(v->speech, notify, v, error, sizeof error))) {
        voice_failed(v, error);
        rs_speech_destroy(v->speech);
        v->speech = NULL;
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    catch_alsa(false);
}

static int starter(void *data)
{
    rs_app_speech *v = data;
    open_voice(v);
    SDL_AtomicSet(&v->started, 1);
    notify(v);
    return 0;
}

/* Gives the session the speaker, or none. */
static void give_speaker(rs_app_speech *v)
{
    if (!v->session)
        return;
    if (v->player) {
        rs_player_stop(v->player);
        rs_speaker speaker = {.context = v,
                              .read = speaker_read,
                              .announce = speaker_announce,
                              .pause = speaker_pause,
                              .stop = speaker_stop};
        rs_session_set_speaker(v->session, &speaker);
    } else {
        rs_session_set_speaker(v->session, NULL);
    }
    rs_session_set_spoken_navigation(v->session, v->config && v->config->spoken_navigation && v->player);
}

/* The starter is done: joins it, logs what it found, configures the voices
 * (espeak-ng's state is global: on this thread, with the player idle). */
static void finish_start(rs_app_speech *v)
{
    if (v->starter) {
        SDL_WaitThread(v->starter, NULL);
        v->starter = NULL;
    }
    if (v->start_error[0])
        rs_log("%s", v->start_error);
    if (v->speech)
        rs_speech_configure(v->speech, v->config);
}

void rs_app_speech_attach(rs_app_speech **speech, rs_session *session, const rs_config *config, bool headless,
                          rs_wakeup *wakeup)
{
    rs_app_speech *v = *speech;
    if (!v) {
        /* Tried once: a bundle swap does not try the sound card again. */
        v = *speech = rs_xcalloc(1, sizeof *v);
        v->wakeup = wakeup;
        v->config = config;
        v->event_type = SDL_RegisterEvents(1);
        const char *driver = SDL_getenv("SDL_AUDIODRIVER");
        bool wanted = (!config || config->audio_enabled) && !(headless && (!driver || !*driver));
        if (wanted && v->event_type == (Uint32)-1)
            rs_log("speech: %s; the reader has no Listen button", SDL_GetError());
        else if (wanted && headless) {
            open_voice(v); /* a picture or a script: its first frame has the voice */
            finish_start(v);
        } else if (wanted) {
            v->starter = SDL_CreateThread(starter, "rostrum-voice", v);
            if (!v->starter) {
                open_voice(v);
                finish_start(v);
            }
        }
    }
    v->session = session;
    if (!v->starter)
        give_speaker(v);
    else
        rs_session_set_speaker(session, NULL); /* until the starter is done */
}

bool rs_app_speech_event(rs_app_speech *v, const SDL_Event *event, uint64_t now_ms)
{
    if (!v || event->type != v->event_type)
        return false;
    if (v->starter) { /* nothing of v but this is the main thread's until the starter is done */
        if (SDL_AtomicGet(&v->started)) {
            finish_start(v);
            give_speaker(v);
        }
        return true;
    }
    if (!v->player)
        return true;
    int sentence;
    bool finished;
    if (v->session && rs_player_poll(v->player, &sentence, &finished)) {
        if (sentence >= 0)
            rs_session_speech_at(v->session, sentence, now_ms);
        if (finished)
            rs_session_speech_at(v->session, -1, now_ms);
    }
    return true;
}

void rs_app_speech_destroy(rs_app_speech *v)
{
    if (!v)
        return;
    if (v->starter)
        finish_start(v); /* joined, and what it found said (a start cut short: --exit-after-first-frame) */
    if (v->player) {
        rs_player_destroy(v->player);
        rs_speech_destroy(v->speech);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(v);
}
