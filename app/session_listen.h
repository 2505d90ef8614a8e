/*
 * The reader's Listen in the session (session_listen.c, issue 16): what the
 * session's other parts (session.c, session_input.c) ask of it. Every
 * function here is a no-op while nothing is read and there is no speaker,
 * except where it says otherwise.
 */
#ifndef RS_SESSION_LISTEN_H
#define RS_SESSION_LISTEN_H

#include <stdbool.h>
#include <stdint.h>

#include "session_private.h"

/* Frees Listen's state, stopping what it reads (rs_session_destroy). */
void session_listen_free(rs_session *s);
/* Listen, Pause/Resume, Stop and the speeds (RS_ACT_LISTEN*). */
void session_listen_activate(rs_session *s, const rs_action *action);
/* Stops what Listen reads, if it reads (Back, Home, the idle reset, the
 * PIN pad, a language change). */
void session_listen_stop(rs_session *s);
/* Stops whatever the speaker says, Listen's or not (the attract loop
 * starting: nothing is ever heard over it). */
void session_listen_silence(rs_session *s);
/* After a model was built for the top of the stack: stops reading unless
 * it is still the reader that is read (the same statement rebuilt in place:
 * its notes opened, the text size changed). */
void session_listen_screen_shown(rs_session *s);
/* A finger went down on pressed; it came up, or moved off (the 3 s hold
 * of Listen that turns spoken navigation on or off). */
void session_listen_press(rs_session *s, const rs_action *pressed);
void session_listen_release(rs_session *s);
/* Time passed (s->now): the hold may be complete. */
void session_listen_tick(rs_session *s);
/* The voice is about to say something else (spoken navigation): a reading
 * under way is paused, and Resume reads again from the sentence heard. */
void session_listen_interrupt(rs_session *s);
/* True while Listen reads (or is paused in) the reader shown. */
bool session_listen_reading(const rs_session *s);
/* True while Listen reads and is paused (its control says Resume). */
bool session_listen_paused(const rs_session *s);
/* When the hold completes, or UINT64_MAX. */
uint64_t session_listen_deadline(const rs_session *s);

#endif
