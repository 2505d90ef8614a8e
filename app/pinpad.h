/*
 * The staff PIN pad: the way in (holding the top-left corner, or a key
 * chord), the digits typed, the check, and the lockout after wrong PINs.
 *
 * A state machine with no SDL and no screen: closed, asking for the PIN,
 * unlocked (the admin screen shows). Time is passed in, so tests drive it
 * with a fake clock. Wrong PINs are rate-limited: after 3 in a row the pad
 * locks for 30 s, doubling with each further one up to 10 minutes. The
 * count of wrong PINs and the lock outlive closing the pad, an idle reset
 * and opening it again; only the right PIN clears them. Given a lockout
 * store (lockout_store.h) they also outlive the pad itself: a restart of
 * the viewer, or a new session for a new bundle, finds them there.
 */
#ifndef RS_PINPAD_H
#define RS_PINPAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lockout_store.h"

/* The longest PIN the pad takes, in digits. */
#define RS_PIN_MAX 8

/* Says whether pin (digits, NUL-terminated) is right. */
typedef bool (*rs_pin_check)(void *context, const char *pin);

typedef enum rs_pinpad_state {
    RS_PINPAD_CLOSED,
    RS_PINPAD_ASKING,   /* the pad shows */
    RS_PINPAD_UNLOCKED, /* the right PIN was given: the admin screen shows */
} rs_pinpad_state;

typedef struct rs_pinpad rs_pinpad;

/* Closed, with no way in until rs_pinpad_configure gives a check. */
rs_pinpad *rs_pinpad_create(void);
/* Forgets the digits typed (they are wiped) and frees the pad. */
void rs_pinpad_destroy(rs_pinpad *pad);

/* A press held hold_ms in the corner opens the pad (0: never); check says
 * whether a PIN is right (NULL: the way in is closed, both the corner and
 * the chord). context is passed to check, borrowed. */
void rs_pinpad_configure(rs_pinpad *pad, uint32_t hold_ms, rs_pin_check check, void *context);

/* Keeps the count of wrong PINs and the lock in store (borrowed; must
 * outlive the pad; NULL: in the pad only) from now on: takes what the store
 * holds at now (a lock running on from before a restart or from the last
 * session), and writes every change there before it is shown. */
void rs_pinpad_use_store(rs_pinpad *pad, rs_lockout_store *store, uint64_t now);

/* ---- the way in ---- */

/* A finger went down at now, in the corner or not: a hold starts when it is
 * in the corner and the way in is open. */
void rs_pinpad_press(rs_pinpad *pad, bool in_corner, uint64_t now);
/* The finger lifted, moved or was cancelled: no hold. */
void rs_pinpad_release(rs_pinpad *pad);
/* When the hold under way opens the pad (rs_pinpad_open is the caller's),
 * or UINT64_MAX without one. */
uint64_t rs_pinpad_hold_deadline(const rs_pinpad *pad);

/* Shows the pad with no digits; ends a hold. False (and nothing changes)
 * when the way in is closed. A lock still runs, and the message then says
 * how long it still lasts (whole seconds, rounded up); else no message. */
bool rs_pinpad_open(rs_pinpad *pad, uint64_t now);
/* Closed, the digits typed wiped. */
void rs_pinpad_close(rs_pinpad *pad);

/* ---- the keys (ignored while locked) ---- */

/* Appends digit 0..9, up to RS_PIN_MAX; clears the message. */
void rs_pinpad_digit(rs_pinpad *pad, int digit, uint64_t now);
/* Forgets the digits typed. */
void rs_pinpad_clear(rs_pinpad *pad, uint64_t now);
/* OK: checks the digits typed (if any) and wipes them. True when the PIN was
 * right: the pad is unlocked and the count of wrong PINs starts again.
 * False otherwise; a wrong PIN says so in the message and may lock the pad. */
bool rs_pinpad_submit(rs_pinpad *pad, uint64_t now);

/* Lets time pass: while the pad is asking, the end of a lock clears it and
 * its message. True when that changed what the pad shows. */
bool rs_pinpad_tick(rs_pinpad *pad, uint64_t now);
/* When a tick is next needed (the end of a lock, while the pad is open and
 * the lock runs past now), or UINT64_MAX. */
uint64_t rs_pinpad_deadline(const rs_pinpad *pad, uint64_t now);

rs_pinpad_state rs_pinpad_state_now(const rs_pinpad *pad);
/* True while the keys are locked. */
bool rs_pinpad_locked(const rs_pinpad *pad, uint64_t now);
/* How many digits are typed (the pad shows dots, never the digits). */
size_t rs_pinpad_digits(const rs_pinpad *pad);
/* The message line in the UI language of when it was written, or "". */
const char *rs_pinpad_message(const rs_pinpad *pad);

/* How long the pad locks after `failures` wrong PINs in a row: 0 for fewer
 * than 3, then 30 s doubling up to 10 minutes (RS_LOCKOUT_LONGEST_MS). */
uint64_t rs_pinpad_lock_ms(int failures);

#endif
