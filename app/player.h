/*
 * The kiosk's audio player (issue 16): an SDL audio device at the speech
 * engine's rate (16-bit mono) and a synthesis thread that says an
 * utterance sentence by sentence a little ahead of what is heard, so the
 * first sentence starts within milliseconds of the request and a long text
 * costs no more memory than a short one (the queue holds RS_PLAYER_AHEAD_MS
 * of sound; synthesis waits while it is full).
 *
 * The player knows which sentence is heard from the samples the device has
 * taken, not from the synthesis: a sentence is "heard" from the moment its
 * first sample is handed to the device. Each change (a new sentence heard,
 * or the end of reading) calls notify on the audio thread; the owner then
 * asks rs_player_poll on its own thread.
 *
 * The player owns the speech engine's thread: while it lives, no other
 * thread may call rs_speech_* (speech.h: espeak-ng is one engine per
 * process). Every call here is for one thread (the main loop's).
 */
#ifndef RS_PLAYER_H
#define RS_PLAYER_H

#include <stdbool.h>
#include <stdint.h>

#include "i18n.h"
#include "speech.h"
#include "utterance.h"

/* How much synthesised sound may wait for the device. */
#define RS_PLAYER_AHEAD_MS 2000

typedef struct rs_player rs_player;

/* Called on the audio thread when rs_player_poll has news; must be quick
 * and thread-safe (push an event, write to an eventfd). */
typedef void (*rs_player_notify)(void *context);

/* Checks that the default SDL audio device opens for speech (SDL's audio
 * subsystem must be initialised) and starts the synthesis thread. NULL with
 * the reason in error when there is no device. The device is then open only
 * while something is said: opened by read and announce, closed by stop and
 * by the poll that finds everything said, so an idle kiosk has no audio
 * thread waking it. speech stays the caller's and must outlive the player. */
rs_player *rs_player_create(rs_speech *speech, rs_player_notify notify, void *context, char *error,
                            size_t error_size);
/* Stops, joins the thread and closes the device. */
void rs_player_destroy(rs_player *player);

/* Reads sentences from..count-1 of u (copied) at speed, replacing whatever
 * was said; ui is the language for sentences in a language espeak-ng has
 * no voice for. Not paused afterwards. */
void rs_player_read(rs_player *player, const rs_utterance *u, size_t from, rs_speech_speed speed,
                    rs_ui_language ui);
/* Says text in the UI language at once, replacing whatever was said. */
void rs_player_announce(rs_player *player, const char *text, rs_ui_language language);
/* Pauses (true) or resumes (false): the device gets silence meanwhile. */
void rs_player_pause(rs_player *player, bool paused);
/* Stops whatever is said and closes the device. When it returns, the
 * device is given nothing more of it (the queue is emptied under the lock
 * the callback takes, and the synthesis thread drops what it was making):
 * what is still heard is at most the buffer the device had already taken
 * (512 samples, 23 ms, plus the sound card's own). */
void rs_player_stop(rs_player *player);

/* What changed since the last poll, for the reading in progress: the
 * sentence now heard (>= 0) and/or the end of the reading (*finished).
 * False when nothing changed. Logs (rs_log) the engine's notices since the
 * last poll (rs_log is the main thread's), and closes the device when all
 * has been said and nothing is paused. */
bool rs_player_poll(rs_player *player, int *sentence, bool *finished);

/* For the benchmark: nanoseconds from the last rs_player_read to the first
 * sample of it above silence (|s| > 64) handed to the device; 0 while none
 * has been. */
uint64_t rs_player_first_sound_ns(rs_player *player);
/* For tests: the samples handed to the device since the player was
 * created, silence included (what a sound card has been given to play). */
uint64_t rs_player_samples_out(rs_player *player);
/* True while the device is open (something is being said or paused). */
bool rs_player_device_open(const rs_player *player);
/* The device's samples a second. */
int rs_player_rate(const rs_player *player);

#endif
