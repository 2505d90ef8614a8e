/*
 * The kiosk's voice (issue 16): text to 16-bit mono samples with espeak-ng
 * (Debian libespeak-ng), offline. No SDL: the player (player.c) or a WAV
 * file (--speak-to) takes the samples.
 *
 * espeak-ng keeps its state in globals (one voice, one rate, one callback
 * per process), so there is ONE engine per process, and it must be used
 * from one thread at a time: the player's synthesis thread while the player
 * lives, the main thread otherwise. rs_speech_create fails if an engine
 * already exists.
 *
 * Synthesis is espeak's synchronous mode: rs_speech_say returns when the
 * text has been synthesised, handing samples to the caller's sink in
 * chunks of RS_SPEECH_CHUNK_MS as they are made (the first chunk of a
 * sentence comes within a millisecond or so here), so playback can start
 * before a long sentence is done.
 */
#ifndef RS_SPEECH_H
#define RS_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "i18n.h"
#include "utterance.h"

/* The length of the chunks the sink receives. */
#define RS_SPEECH_CHUNK_MS 40

typedef struct rs_speech rs_speech;

/* Starts the engine with espeak-ng's data in data_dir (the directory
 * holding espeak-ng-data; NULL: the system's). NULL with a sentence for an
 * operator in error when the data cannot be loaded or an engine exists. */
rs_speech *rs_speech_create(const char *data_dir, char *error, size_t error_size);
void rs_speech_destroy(rs_speech *speech);

/* Samples per second of everything said (22,050 with Debian's data). */
int rs_speech_sample_rate(const rs_speech *speech);

/* Loudness 0 (silent) to 100 (espeak's normal, its loudest without
 * clipping); out of range is clamped. */
void rs_speech_set_volume(rs_speech *speech, int volume);

/* The voice for a language ("zh", "en"...: the primary subtag), replacing
 * the default. False (nothing changed) with a sentence in error when espeak
 * has no voice of that name. */
bool rs_speech_set_voice(rs_speech *speech, const char *language, const char *voice, char *error, size_t error_size);

struct rs_config;
/* Applies the settings' [audio] volume and voice_LANG lines (config may be
 * NULL: nothing changes). A voice espeak-ng does not have is logged
 * (rs_log) as "PATH:LINE: voice_LANG = NAME: espeak-ng has no such voice;
 * the voice 'DEFAULT' is used instead", and the default stays. */
void rs_speech_configure(rs_speech *speech, const struct rs_config *config);

/* True when espeak has a voice of this name ("cmn", "en-us", "fr"). */
bool rs_speech_has_voice(rs_speech *speech, const char *voice);

/* The words per minute espeak is asked for at each speed. */
int rs_speech_words_per_minute(rs_speech_speed speed);

/* Called with each chunk of samples; returns false to stop at once. */
typedef bool (*rs_speech_sink)(void *context, const int16_t *samples, size_t count);

/* Says text (UTF-8) in language ("en", "zh-Hans", "ar"...; the voice set
 * for it, else the default for it, else espeak's own choice for the
 * language; a language espeak does not know is said with ui's voice, logged
 * once a language) at speed, handing the samples to sink. False when the
 * sink stopped it or espeak failed. */
bool rs_speech_say(rs_speech *speech, const char *text, const char *language, rs_ui_language ui,
                   rs_speech_speed speed, rs_speech_sink sink, void *context);

/* The silence after sentence i of u, in milliseconds, at any speed: 600
 * after the title, 400 after the date, who spoke and a body paragraph's
 * last sentence, 200 between the sentences of a paragraph, 0 after the
 * last. espeak adds no pause at the end of what it says (no
 * espeakENDPAUSE), so these are the only gaps: long enough to hear where
 * the title and a paragraph end, short enough not to sound stalled. */
int rs_speech_pause_after_ms(const rs_utterance *u, size_t i);

/* Where the engine's one-time notices go (a language espeak-ng has no
 * voice for): rs_log when notice is NULL (the default). rs_log is for the
 * main thread only, so a caller that says things on another thread (the
 * player) takes them and logs them on the main thread. */
typedef void (*rs_speech_notice)(void *context, const char *message);
void rs_speech_set_notice(rs_speech *speech, rs_speech_notice notice, void *context);

/* The voice rs_speech_say would use for language (a name or, for espeak's
 * own choice, the language itself), for the log and tests. */
const char *rs_speech_voice_for(rs_speech *speech, const char *language, rs_ui_language ui);

#endif
