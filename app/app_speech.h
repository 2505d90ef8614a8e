/*
 * The kiosk's voice in the viewer (issue 16): the speaker (speaker.h) a
 * session talks to, answered by the audio player (player.h) and the speech
 * engine (speech.h). SDL: called from app.c only.
 *
 * There is a speaker when [audio] enabled is true (the default) and an SDL
 * audio device opens: in a window always tried, by a thread of its own so
 * the first frame does not wait for the sound card (the session gets the
 * speaker when it is done: a Listen button may appear a moment after the
 * start); in --screenshot and
 * --script runs only when SDL_AUDIODRIVER is set (tests set "dummy"), so
 * pictures never depend on the machine's sound card. Otherwise the session
 * has none (no Listen button) and the log says why, once.
 *
 * The sentence heard reaches the session from the main loop: the audio
 * thread posts an SDL event (and signals the loop's wakeup, for the video
 * drivers where the viewer sleeps in poll()), and rs_app_speech_event hands
 * it on. Nothing is posted while nothing is said, so an idle kiosk still
 * sleeps.
 */
#ifndef RS_APP_SPEECH_H
#define RS_APP_SPEECH_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "session.h"
#include "wakeup.h"

struct rs_config;
typedef struct rs_app_speech rs_app_speech;

/* Gives session its speaker (or none) and the settings' spoken_navigation.
 * The first call tries to start the voice, once, into *speech (which then
 * holds it, or that there is none); later ones (a new session after a
 * bundle swap) stop what is said and reuse it, never trying the sound card
 * again. wakeup: the loop's (rs_event_wait_wakeup), or NULL. */
void rs_app_speech_attach(rs_app_speech **speech, rs_session *session, const struct rs_config *config,
                          bool headless, rs_wakeup *wakeup);

/* True when event is the voice's: the session has been told the sentence
 * heard, or that the reading ended. */
bool rs_app_speech_event(rs_app_speech *speech, const SDL_Event *event, uint64_t now_ms);

void rs_app_speech_destroy(rs_app_speech *speech);

#endif
