/*
 * Where the PIN pad's lockout is kept so that a restart cannot forget it:
 * how many wrong PINs came in a row, and for how much longer the pad stays
 * locked. Without it a restart (SIGTERM, SIGKILL, a power cycle) gave three
 * fresh tries at once, and a 4-digit PIN fell in about 3,334 restarts.
 *
 * With a folder (the kiosk's state directory: systemd's StateDirectory=
 * gives $STATE_DIRECTORY) the lockout lives in FOLDER/pin-lockout, written
 * at each change atomically: a temporary file in the same folder, fsync,
 * rename over the old one, fsync of the folder. A missing file means no
 * wrong PINs; a file that cannot be read or does not parse means locked for
 * the longest lock (it is logged), never open. Without a folder (a desktop
 * run) it lives in memory only. Either way the app owns the store and hands
 * it to each session, so a bundle switch keeps it.
 *
 * Time. CLOCK_MONOTONIC (and CLOCK_BOOTTIME) start again from 0 at each
 * boot, so an end of lock saved in them means nothing after a power cycle;
 * wall-clock time (CLOCK_REALTIME) survives it but may jump: a Raspberry Pi
 * has no real-time clock and starts at 1970 or at the last time saved by
 * systemd-timesyncd until NTP answers. So two ends are saved: one on the
 * boot clock with the boot's id (/proc/sys/kernel/random/boot_id), used
 * when the viewer restarts within the same boot (exact, whatever the wall
 * clock does), and one on the wall clock, used after a reboot. Read back,
 * what is left of a lock is never more than the lock's own length: a wall
 * clock that went backwards (1970) keeps the pad locked for the whole lock
 * from now, never for years and never less. A wall clock that jumps forward
 * between the lock and a reboot could shorten that one lock; that needs a
 * power cycle per lock, and the count of wrong PINs is kept, so each next
 * wrong PIN still doubles the lock.
 */
#ifndef RS_LOCKOUT_STORE_H
#define RS_LOCKOUT_STORE_H

#include <stdbool.h>
#include <stdint.h>

/* The longest lock: the pad's doubling stops there, and a damaged state
 * file locks for this long. */
#define RS_LOCKOUT_LONGEST_MS 600000u

/* The clocks, read at one moment. */
typedef struct rs_lockout_time {
    uint64_t wall_ms;  /* CLOCK_REALTIME, ms since 1970 */
    uint64_t boot_ms;  /* CLOCK_BOOTTIME, ms since this boot */
    char boot_id[40];  /* this boot's id; "" when unknown */
} rs_lockout_time;

/* Fills out with the clocks now (tests pass their own). */
typedef void (*rs_lockout_clock)(void *context, rs_lockout_time *out);

/* The system's clocks. */
void rs_lockout_system_clock(void *context, rs_lockout_time *out);

/* What the store holds, as of the moment it is read. */
typedef struct rs_lockout {
    int failures;          /* wrong PINs in a row */
    uint64_t lock_left_ms; /* how much longer the pad stays locked; 0: open */
    bool damaged;          /* the file could not be read or parsed when the
                            * store opened: it then holds 3 failures (enough
                            * to lock) and the longest lock from that moment */
} rs_lockout;

typedef struct rs_lockout_store rs_lockout_store;

/* A store in folder (borrowed string, copied), or in memory when folder is
 * NULL or "". clock NULL: the system's. The file is read once, here; a
 * damaged one is logged (rs_log), the store holds the longest lock from now
 * and writes that over it, so that the lock counts down across restarts.
 * Never fails. */
rs_lockout_store *rs_lockout_store_open(const char *folder, rs_lockout_clock clock, void *context);
void rs_lockout_store_close(rs_lockout_store *store);

/* The file's path, or NULL for a store in memory. */
const char *rs_lockout_store_path(const rs_lockout_store *store);

/* The lockout now: failures and what is left of the lock, by the clocks. */
rs_lockout rs_lockout_store_read(rs_lockout_store *store);

/* Keeps failures and a lock of lock_left_ms from now (at most
 * RS_LOCKOUT_LONGEST_MS), in memory and, with a folder, in the file.
 * False (logged) when the file could not be written: the lockout is still
 * kept in memory for this run. */
bool rs_lockout_store_write(rs_lockout_store *store, int failures, uint64_t lock_left_ms);

#endif
