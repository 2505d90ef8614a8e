#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC, CLOCK_BOOTTIME */
#endif
#include "lockout_store.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "expect.h"
#include "log.h"

#define FILE_NAME "pin-lockout"
#define FILE_LIMIT 1024 /* bytes: the file is about 150 */
#define FAILURES_LIMIT 1000000

/* The lockout, anchored to one boot: the end of the lock on that boot's
 * clock and on the wall clock. */
typedef struct lockout_state {
    int failures;
    uint64_t lock_ms; /* the lock's length when it was set; 0: no lock */
    uint64_t wall_until, boot_until;
    char boot_id[40];
    bool this_boot; /* set in this run: the boot clock counts, even when the boot id is unknown */
} lockout_state;

struct rs_lockout_store {
    char *folder, *path; /* NULL: in memory */
    rs_lockout_clock clock;
    void *context;
    lockout_state state; /* always anchored to this boot */
    bool damaged;
    bool write_failed_logged;
};

void rs_lockout_system_clock(void *context, rs_lockout_time *out)
{
    (void)context;
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    out->wall_ms = t.tv_sec < 0 ? 0 : (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
    clock_gettime(CLOCK_BOOTTIME, &t);
    out->boot_ms = (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
    out->boot_id[0] = '\0';
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
    if (f) {
        if (!fgets(out->boot_id, sizeof out->boot_id, f))
            out->boot_id[0] = '\0';
        out->boot_id[strcspn(out->boot_id, "\n")] = '\0';
        fclose(f);
    }
}

/* A boot id as saved: letters, digits and '-', at most 39; "" allowed. */
static bool boot_id_ok(const char *id)
{
    size_t n = strlen(id);
    return n < 40 && strspn(id, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == n;
}

/* What is left of the lock at now: the boot clock when the state is of
 * this boot, else the wall clock; never more than the lock's length (a
 * clock set back keeps the whole lock, never more, never less). */
static uint64_t lock_left(const lockout_state *s, const rs_lockout_time *now)
{
    if (!s->lock_ms)
        return 0;
    uint64_t left;
    if (s->this_boot || (s->boot_id[0] && strcmp(s->boot_id, now->boot_id) == 0))
        left = s->boot_until > now->boot_ms ? s->boot_until - now->boot_ms : 0;
    else
        left = s->wall_until > now->wall_ms ? s->wall_until - now->wall_ms : 0;
    return left < s->lock_ms ? left : s->lock_ms;
}

/* failures and a lock of left ms from now, anchored to this boot. */
static lockout_state anchored(int failures, uint64_t left, const rs_lockout_time *now)
{
    lockout_state s = {.failures = failures, .lock_ms = left, .this_boot = true};
    s.wall_until = now->wall_ms + left;
    s.boot_until = now->boot_ms + left;
    snprintf(s.boot_id, sizeof s.boot_id, "%s", now->boot_id);
    return s;
}

/* ---- the file ---- */

/* Reads "KEY VALUE\n" at *p into value (at most size bytes with the NUL). */
static bool take_line(const char **p, const char *key, char *value, size_t size)
{
    size_t k = strlen(key);
    if (strncmp(*p, key, k) != 0 || (*p)[k] != ' ')
        return false;
    const char *start = *p + k + 1, *end = strchr(start, '\n');
    if (!end || end == start || (size_t)(end - start) >= size)
        return false;
    memcpy(value, start, (size_t)(end - start));
    value[end - start] = '\0';
    *p = end + 1;
    return true;
}

static bool take_number(const char **p, const char *key, uint64_t limit, uint64_t *out)
{
    char value[32], *end;
    if (!take_line(p, key, value, sizeof value) || strspn(value, "0123456789") != strlen(value))
        return false;
    errno = 0;
    unsigned long long n = strtoull(value, &end, 10);
    if (errno || *end || n > limit)
        return false;
    *out = n;
    return true;
}

/* Parses the file's text into s; false when it is not exactly what
 * write_file writes. */
static bool parse(const char *text, lockout_state *s)
{
    const char *p = text;
    char version[8];
    uint64_t failures;
    memset(s, 0, sizeof *s);
    if (!take_line(&p, "rostrum-pin-lockout", version, sizeof version) || strcmp(version, "1") != 0 ||
        !take_number(&p, "failures", FAILURES_LIMIT, &failures) ||
        !take_number(&p, "lock_ms", RS_LOCKOUT_LONGEST_MS, &s->lock_ms) ||
        !take_number(&p, "wall_until_ms", UINT64_MAX, &s->wall_until) ||
        !take_line(&p, "boot_id", s->boot_id, sizeof s->boot_id) ||
        !take_number(&p, "boot_until_ms", UINT64_MAX, &s->boot_until) || *p)
        return false;
    if (strcmp(s->boot_id, "-") == 0)
        s->boot_id[0] = '\0';
    s->failures = (int)failures;
    return boot_id_ok(s->boot_id);
}

typedef enum read_result { READ_OK, READ_MISSING, READ_DAMAGED } read_result;

/* Reads the file into s; why says what is wrong when it is damaged. Only a
 * regular file is read, without following a link or waiting on a FIFO. */
static read_result read_file(const char *path, lockout_state *s, char *why, size_t why_size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return READ_MISSING;
        snprintf(why, why_size, "cannot open it: %s", strerror(errno));
        return READ_DAMAGED;
    }
    struct stat st;
    char text[FILE_LIMIT + 1];
    ssize_t n = -1;
    if (fstat(fd, &st) != 0)
        snprintf(why, why_size, "cannot read it: %s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        snprintf(why, why_size, "it is not a regular file");
    else if (st.st_size > FILE_LIMIT)
        snprintf(why, why_size, "it is %lld bytes; the limit is %d", (long long)st.st_size, FILE_LIMIT);
    else if ((n = read(fd, text, FILE_LIMIT)) < 0)
        snprintf(why, why_size, "cannot read it: %s", strerror(errno));
    close(fd);
    if (n < 0)
        return READ_DAMAGED;
    text[n] = '\0';
    if (strlen(text) != (size_t)n || !parse(text, s)) {
        snprintf(why, why_size, "it does not hold what the viewer writes there");
        return READ_DAMAGED;
    }
    return READ_OK;
}

static bool write_all(int fd, const char *text, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, text, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        text += n, size -= (size_t)n;
    }
    return true;
}

/* Replaces the file atomically: a temporary file beside it, written and
 * synced, renamed over it, and the folder synced so the rename outlives a
 * power cut. */
static bool write_file(const rs_lockout_store *store, const lockout_state *s)
{
    char text[256];
    int n = snprintf(text, sizeof text,
                     "rostrum-pin-lockout 1\nfailures %d\nlock_ms %" PRIu64 "\nwall_until_ms %" PRIu64
                     "\nboot_id %s\nboot_until_ms %" PRIu64 "\n",
                     s->failures, s->lock_ms, s->wall_until, s->boot_id[0] ? s->boot_id : "-", s->boot_until);
    RS_EXPECT(n > 0 && (size_t)n < sizeof text);
    size_t tmp_size = strlen(store->path) + 5;
    char *tmp = rs_xmalloc(tmp_size);
    snprintf(tmp, tmp_size, "%s.tmp", store->path);
    bool ok = false;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ok = write_all(fd, text, (size_t)n) && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
        ok = ok && rename(tmp, store->path) == 0;
        if (!ok)
            unlink(tmp);
    }
    int saved = errno;
    if (ok) {
        int dir = open(store->folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ok = dir >= 0 && fsync(dir) == 0;
        saved = errno;
        if (dir >= 0)
            close(dir);
    }
    free(tmp);
    errno = saved;
    return ok;
}

/* ---- the store ---- */

/* Reads the file at open: anchors what it holds to this boot, and writes
 * it back when it came from another boot (or was damaged), so that later
 * restarts in this boot use the boot clock. */
static void load(rs_lockout_store *store, const rs_lockout_time *now)
{
    lockout_state saved;
    char why[160] = "";
    switch (read_file(store->path, &saved, why, sizeof why)) {
    case READ_MISSING:
        return;
    case READ_OK:
        store->state = anchored(saved.failures, lock_left(&saved, now), now);
        if (strcmp(saved.boot_id, now->boot_id) != 0 && store->state.lock_ms)
            rs_lockout_store_write(store, store->state.failures, store->state.lock_ms);
        return;
    case READ_DAMAGED:
        store->damaged = true;
        rs_log("the PIN lockout file %s is damaged (%s); the PIN pad stays locked for %u minutes, as after "
               "too many wrong PINs",
               store->path, why, RS_LOCKOUT_LONGEST_MS / 60000u);
        rs_lockout_store_write(store, 3, RS_LOCKOUT_LONGEST_MS);
        return;
    }
}

rs_lockout_store *rs_lockout_store_open(const char *folder, rs_lockout_clock clock, void *context)
{
    rs_lockout_store *store = rs_xcalloc(1, sizeof *store);
    store->clock = clock ? clock : rs_lockout_system_clock;
    store->context = context;
    if (!folder || !folder[0])
        return store;
    store->folder = rs_xstrdup(folder);
    size_t size = strlen(folder) + sizeof "/" FILE_NAME;
    store->path = rs_xmalloc(size);
    snprintf(store->path, size, "%s/%s", folder, FILE_NAME);
    rs_lockout_time now;
    store->clock(store->context, &now);
    load(store, &now);
    return store;
}

void rs_lockout_store_close(rs_lockout_store *store)
{
    if (!store)
        return;
    free(store->folder);
    free(store->path);
    free(store);
}

const char *rs_lockout_store_path(const rs_lockout_store *store)
{
    return store->path;
}

rs_lockout rs_lockout_store_read(rs_lockout_store *store)
{
    rs_lockout_time now;
    store->clock(store->context, &now);
    return (rs_lockout){.failures = store->state.failures,
                        .lock_left_ms = lock_left(&store->state, &now),
                        .damaged = store->damaged};
}

bool rs_lockout_store_write(rs_lockout_store *store, int failures, uint64_t lock_left_ms)
{
    rs_lockout_time now;
    store->clock(store->context, &now);
    if (failures < 0)
        failures = 0;
    if (failures > FAILURES_LIMIT)
        failures = FAILURES_LIMIT;
    if (lock_left_ms > RS_LOCKOUT_LONGEST_MS)
        lock_left_ms = RS_LOCKOUT_LONGEST_MS;
    store->state = anchored(failures, lock_left_ms, &now);
    if (!store->path || write_file(store, &store->state))
        return true;
    if (!store->write_failed_logged)
        rs_log("cannot write the PIN lockout to %s: %s; wrong PINs are counted in memory only until the viewer "
               "restarts. Check that the folder exists and the viewer may write there (StateDirectory= in the "
               "service)",
               store->path, strerror(errno));
    store->write_failed_logged = true;
    return false;
}
