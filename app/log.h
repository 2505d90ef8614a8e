/*
 * The viewer's log: each message goes to stderr (the journal, under
 * systemd) as "rostrum: message", and the last few are kept for the admin
 * screen, so staff see what went wrong without a terminal.
 */
#ifndef RS_LOG_H
#define RS_LOG_H

#include <stddef.h>

#define RS_LOG_KEEP 6

void rs_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The index-th most recent message (0: newest), or NULL. Valid until the
 * next rs_log. */
const char *rs_log_recent(size_t index);

#endif
