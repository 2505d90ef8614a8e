/*
 * Talking to systemd (libsystemd's sd_notify): start-up done, keep-alive
 * pings for WatchdogSec=, a one-line status for `systemctl status`.
 *
 * Every call is a harmless no-op when the viewer is not run by systemd (no
 * $NOTIFY_SOCKET, no $WATCHDOG_USEC), so the same calls run in a terminal,
 * under tests and under the service. Call these from the main loop's thread
 * only: a ping must mean "the loop is still turning", never come from a
 * helper thread that would keep pinging while the loop hangs.
 */
#ifndef RS_WATCHDOG_H
#define RS_WATCHDOG_H

#include <stdbool.h>

/* Tells systemd that start-up is done (READY=1): call once the first frame
 * is on screen. With Type=notify, systemd counts the service as started only
 * then, and kills it if this does not come within TimeoutStartSec=. */
void rs_watchdog_ready(void);

/* The keep-alive ping (WATCHDOG=1). */
void rs_watchdog_ping(void);

/* How often to ping, in milliseconds: half of the WatchdogSec= timeout
 * systemd set for this process (as sd_watchdog_enabled(3) recommends), or 0
 * when no watchdog is watching. Read once and cached. */
int rs_watchdog_interval_ms(void);

/* A one-line status shown by `systemctl status rostrum` (STATUS=...).
 * Newlines and other control characters become spaces. */
void rs_watchdog_status(const char *text);

/* Tells systemd the viewer is shutting down (STOPPING=1), e.g. on SIGTERM. */
void rs_watchdog_stopping(void);

#endif
