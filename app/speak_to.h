/*
 * `rostrum BUNDLE --route statements/ID --speak-to FILE.wav`: what Listen
 * would say, written to a WAV file, without a display or an audio device
 * (as --screenshot draws without a display), so tests and curators can
 * hear it. No SDL.
 */
#ifndef RS_SPEAK_TO_H
#define RS_SPEAK_TO_H

#include "i18n.h"
#include "utterance.h"

struct rs_config;

typedef struct rs_speak_to_options {
    const char *bundle_path;
    const char *route;  /* NULL: home (which is no statement) */
    const char *output; /* the WAV file */
    rs_ui_language language;
    rs_speech_speed speed;
    const struct rs_config *config; /* [audio] volume and voices; NULL: the defaults */
} rs_speak_to_options;

/* Writes the utterance of the route's reader (rs_utterance_build), each
 * sentence in its language with rs_speech_pause_after_ms of silence after
 * it, to options->output. Returns the exit status: 0 written; 2 the route is
 * unknown or not a statement's; 1 anything else (the bundle, the statement,
 * the engine, the file). Says why on stderr, as "rostrum: ...". */
int rs_speak_to(const rs_speak_to_options *options);

#endif
