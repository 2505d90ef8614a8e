/*
 * Watching the bundle file for a replacement (an operator copies a new one
 * from a USB stick). Polling stat() every few seconds costs nothing worth
 * measuring and works on every filesystem, including the vfat of a stick
 * where inotify misses changes made elsewhere. A change is reported only
 * once the file has stayed the same for two polls in a row, so a copy still
 * in progress is never taken for a new bundle. No SDL, no threads: the app
 * decides when to poll and what to do.
 */
#ifndef RS_WATCH_H
#define RS_WATCH_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rs_watch rs_watch;

/* Watches path, taking what is there now as known. */
rs_watch *rs_watch_create(const char *path, uint32_t interval_ms);
void rs_watch_destroy(rs_watch *watch);

/* Milliseconds until the next poll is due (0: now). */
uint32_t rs_watch_due_in(const rs_watch *watch, uint64_t now_ms);

/* Polls if due. Returns true once when a different file has appeared at the
 * path and stayed unchanged since the previous poll. */
bool rs_watch_poll(rs_watch *watch, uint64_t now_ms);

/* After rs_watch_poll reported a change, before rs_watch_settle: true when
 * the file now at the path is the known one (same device and inode)
 * overwritten in place, not a new file renamed over it. A viewer that has
 * the known file open then reads the new bytes, damaged or not: there is
 * no "previous one" left to keep showing. */
bool rs_watch_in_place(const rs_watch *watch);

/* After a change was handled (accepted or refused): take the file now at
 * the path as known, so the same file is not reported again. */
void rs_watch_settle(rs_watch *watch);

#endif
