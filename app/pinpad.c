#include "pinpad.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "lockout_store.h"

struct rs_pinpad {
    uint32_t hold_ms;
    rs_pin_check check;
    void *context;
    bool holding; /* a finger is held in the corner */
    uint64_t hold_start;

    rs_pinpad_state state;
    char pin[RS_PIN_MAX + 1];
    char message[128];
    int failures;           /* wrong PINs in a row */
    uint64_t locked_until;  /* 0: no lock to clear */
    rs_lockout_store *store; /* borrowed; NULL: the lockout lives here only */
};

rs_pinpad *rs_pinpad_create(void)
{
    return rs_xcalloc(1, sizeof(rs_pinpad));
}

void rs_pinpad_destroy(rs_pinpad *pad)
{
    if (!pad)
        return;
    memset(pad->pin, 0, sizeof pad->pin);
    free(pad);
}

void rs_pinpad_configure(rs_pinpad *pad, uint32_t hold_ms, rs_pin_check check, void *context)
{
    pad->hold_ms = hold_ms;
    pad->check = check;
    pad->context = context;
}

void rs_pinpad_press(rs_pinpad *pad, bool in_corner, uint64_t now)
{
    pad->holding = in_corner && pad->check && pad->hold_ms;
    pad->hold_start = now;
}

void rs_pinpad_release(rs_pinpad *pad)
{
    pad->holding = false;
}

uint64_t rs_pinpad_hold_deadline(const rs_pinpad *pad)
{
    return pad->holding ? pad->hold_start + pad->hold_ms : UINT64_MAX;
}

/* Says how long the lock that runs at now still lasts, in whole seconds
 * rounded up (the message is written once: it must never promise less). */
static void say_wait(rs_pinpad *pad, uint64_t now)
{
    uint64_t seconds = (pad->locked_until - now + 999) / 1000;
    snprintf(pad->message, sizeof pad->message,
             ngettext("Wrong PIN. Too many tries: wait %llu second.", "Wrong PIN. Too many tries: wait %llu seconds.",
                      (unsigned long)seconds),
             (unsigned long long)seconds);
}

void rs_pinpad_use_store(rs_pinpad *pad, rs_lockout_store *store, uint64_t now)
{
    pad->store = store;
    if (!store)
        return;
    rs_lockout kept = rs_lockout_store_read(store);
    pad->failures = kept.failures;
    pad->locked_until = kept.lock_left_ms ? now + kept.lock_left_ms : 0;
    if (pad->state == RS_PINPAD_ASKING && pad->locked_until)
        say_wait(pad, now);
}

bool rs_pinpad_open(rs_pinpad *pad, uint64_t now)
{
    if (!pad->check)
        return false;
    pad->pin[0] = '\0';
    pad->message[0] = '\0';
    pad->holding = false;
    pad->state = RS_PINPAD_ASKING;
    /* Opened within a lock (after a restart too): the keys are dead, so
     * say why and for how long. */
    if (rs_pinpad_locked(pad, now))
        say_wait(pad, now);
    return true;
}

void rs_pinpad_close(rs_pinpad *pad)
{
    memset(pad->pin, 0, sizeof pad->pin);
    pad->state = RS_PINPAD_CLOSED;
}

bool rs_pinpad_locked(const rs_pinpad *pad, uint64_t now)
{
    return now < pad->locked_until;
}

void rs_pinpad_digit(rs_pinpad *pad, int digit, uint64_t now)
{
    size_t n = strlen(pad->pin);
    if (rs_pinpad_locked(pad, now) || n >= RS_PIN_MAX || digit < 0 || digit > 9)
        return;
    pad->pin[n] = (char)('0' + digit);
    pad->pin[n + 1] = '\0';
    pad->message[0] = '\0';
}

void rs_pinpad_clear(rs_pinpad *pad, uint64_t now)
{
    if (!rs_pinpad_locked(pad, now))
        memset(pad->pin, 0, sizeof pad->pin);
}

uint64_t rs_pinpad_lock_ms(int failures)
{
    if (failures < 3)
        return 0;
    uint64_t ms = 30000;
    for (int i = 3; i < failures && ms < RS_LOCKOUT_LONGEST_MS; i++)
        ms *= 2;
    return ms < RS_LOCKOUT_LONGEST_MS ? ms : RS_LOCKOUT_LONGEST_MS;
}

bool rs_pinpad_submit(rs_pinpad *pad, uint64_t now)
{
    if (rs_pinpad_locked(pad, now) || !pad->pin[0])
        return false;
    bool right = pad->check && pad->check(pad->context, pad->pin);
    memset(pad->pin, 0, sizeof pad->pin);
    if (right) {
        pad->failures = 0;
        pad->state = RS_PINPAD_UNLOCKED;
        if (pad->store)
            rs_lockout_store_write(pad->store, 0, 0);
        return true;
    }
    if (pad->failures < INT_MAX)
        pad->failures++;
    uint64_t lock = rs_pinpad_lock_ms(pad->failures);
    /* Kept before it is shown: a restart right after this PIN must find it. */
    if (pad->store)
        rs_lockout_store_write(pad->store, pad->failures, lock);
    /* No lock, no lock to clear: a tick must not take "Try again" away
     * before it is drawn (it did, at once, in the app's loop). */
    pad->locked_until = lock ? now + lock : 0;
    if (lock)
        say_wait(pad, now);
    else
        snprintf(pad->message, sizeof pad->message, "%s", _("Wrong PIN. Try again."));
    return false;
}

bool rs_pinpad_tick(rs_pinpad *pad, uint64_t now)
{
    if (pad->state != RS_PINPAD_ASKING || !pad->locked_until || now < pad->locked_until)
        return false;
    pad->locked_until = 0;
    pad->message[0] = '\0';
    return true;
}

uint64_t rs_pinpad_deadline(const rs_pinpad *pad, uint64_t now)
{
    if (pad->state == RS_PINPAD_CLOSED || pad->locked_until <= now)
        return UINT64_MAX;
    return pad->locked_until;
}

rs_pinpad_state rs_pinpad_state_now(const rs_pinpad *pad)
{
    return pad->state;
}

size_t rs_pinpad_digits(const rs_pinpad *pad)
{
    return strlen(pad->pin);
}

const char *rs_pinpad_message(const rs_pinpad *pad)
{
    return pad->message;
}
