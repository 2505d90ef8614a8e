/* The kiosk's voice in the viewer (app_speech.h). */
#include "app_speech.h"

#include <stdlib.h>

#include "config.h"
#include "expect.h"
#include "log.h"
#include "player.h"
#include "speech.h"

struct rs_app_speech {
    rs_speech *speech;
    rs_player *player;
    rs_session *session;
    Uint32 event_type;
    rs_wakeup *wakeup;
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

/* The player on a new engine, or NULL with the reason logged. */
static rs_player *start(rs_app_speech *v, const rs_config *config, bool headless)
{
    if (config && !config->audio_enabled)
        return NULL; /* said so in the settings: no log */
    const char *driver = SDL_getenv("SDL_AUDIODRIVER");
    if (headless && (!driver || !*driver))
        return NULL;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        rs_log("speech: no sound (%s); the reader has no Listen button", SDL_GetError());
        return NULL;
    }
    char error[512];
    v->speech = rs_speech_create(NULL, error, sizeof error);
    if (!v->speech) {
        rs_log("speech: %s; the reader has no Listen button", error);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    rs_speech_configure(v->speech, config);
    v->event_type = SDL_RegisterEvents(1);
    rs_player *player =
        v->event_type != (Uint32)-1 ? rs_player_create(v->speech, notify, v, error, sizeof error) : NULL;
    if (!player) {
        rs_log("speech: %s; the reader has no Listen button", v->event_type != (Uint32)-1 ? error : SDL_GetError());
        rs_speech_destroy(v->speech);
        v->speech = NULL;
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    return player;
}

void rs_app_speech_attach(rs_app_speech **speech, rs_session *session, const rs_config *config, bool headless,
                          rs_wakeup *wakeup)
{
    rs_app_speech *v = *speech;
    if (!v) {
        /* Tried once: a bundle swap does not try the sound card again. */
        v = *speech = rs_xcalloc(1, sizeof *v);
        v->wakeup = wakeup;
        v->player = start(v, config, headless);
    }
    v->session = session;
    if (v->player) {
        rs_player_stop(v->player);
        rs_speaker speaker = {.context = v,
                              .read = speaker_read,
                              .announce = speaker_announce,
                              .pause = speaker_pause,
                              .stop = speaker_stop};
        rs_session_set_speaker(session, &speaker);
    } else {
        rs_session_set_speaker(session, NULL);
    }
    rs_session_set_spoken_navigation(session, config && config->spoken_navigation && v->player);
}

bool rs_app_speech_event(rs_app_speech *v, const SDL_Event *event, uint64_t now_ms)
{
    if (!v || !v->player || event->type != v->event_type)
        return false;
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
    if (v->player) {
        rs_player_destroy(v->player);
        rs_speech_destroy(v->speech);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(v);
}
