/*
 * What the session asks of the kiosk's voice (issue 16). The app's
 * app_speech.c answers with an SDL audio device and a synthesis thread;
 * tests answer with a recorder. Without a speaker (no audio device, or
 * [audio] enabled = false) the reader has no Listen button and nothing is
 * spoken.
 *
 * Every call replaces what was being said (stop first, then speak): the
 * kiosk never speaks two things at once.
 */
#ifndef RS_SPEAKER_H
#define RS_SPEAKER_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "utterance.h"

typedef struct rs_speaker {
    void *context;
    /* Reads sentences from..count-1 of utterance (the callee copies what it
     * keeps) at speed. The speaker reports the sentence heard through
     * rs_session_speech_at. */
    void (*read)(void *context, const rs_utterance *utterance, size_t from, rs_speech_speed speed);
    /* Says text, in language (the UI's), at once (spoken navigation). */
    void (*announce)(void *context, const char *text, rs_ui_language language);
    /* Pauses (true) or resumes (false) what is being read. */
    void (*pause)(void *context, bool paused);
    /* Stops whatever is being said; nothing is heard after it returns. */
    void (*stop)(void *context);
} rs_speaker;

#endif
