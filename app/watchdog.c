/* A thin wrapper over sd_notify(3) and sd_watchdog_enabled(3). */
#include "watchdog.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <systemd/sd-daemon.h>

/* The environment is left set (unset_environment = 0): later calls need
 * $NOTIFY_SOCKET again, and sd_notify() only reads it. */

void rs_watchdog_ready(void)
{
    sd_notify(0, "READY=1");
}

void rs_watchdog_ping(void)
{
    sd_notify(0, "WATCHDOG=1");
}

void rs_watchdog_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}

int rs_watchdog_interval_ms(void)
{
    static int cached = -1;
    if (cached < 0) {
        uint64_t usec = 0;
        /* > 0 only when $WATCHDOG_USEC is set for this very process
         * ($WATCHDOG_PID unset or our pid). */
        if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
            uint64_t ms = usec / 2000; /* half the timeout */
            if (ms < 1)
                ms = 1;
            if (ms > INT32_MAX)
                ms = INT32_MAX;
            cached = (int)ms;
        } else {
            cached = 0;
        }
    }
    return cached;
}

void rs_watchdog_status(const char *text)
{
    char line[256];
    int n = snprintf(line, sizeof line, "STATUS=%s", text ? text : "");
    if (n >= (int)sizeof line) {
        /* Cut short: drop a character cut in half, systemd ignores a status
         * that is not UTF-8. */
        size_t len = strlen(line), lead = len;
        while (lead > 7 && ((unsigned char)line[lead - 1] & 0xC0) == 0x80)
            lead--;
        if (lead > 7) {
            unsigned char c = (unsigned char)line[lead - 1];
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (len - (lead - 1) < need)
                len = lead - 1;
        }
        line[len] = '\0';
    }
    /* One line: a newline would start another assignment (say WATCHDOG=1). */
    for (char *c = line; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            *c = ' ';
    sd_notify(0, line);
}
