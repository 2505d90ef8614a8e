#include "watch.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "expect.h"

typedef struct file_state {
    bool exists;
    dev_t device;
    ino_t inode;
    off_t size;
    struct timespec modified, changed;
} file_state;

struct rs_watch {
    char *path;
    uint32_t interval_ms;
    uint64_t next_poll;
    file_state known;    /* the file the viewer has */
    file_state previous; /* what the last poll saw */
};

static file_state look(const char *path)
{
    file_state f;
    memset(&f, 0, sizeof f);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        f.exists = true;
        f.device = st.st_dev, f.inode = st.st_ino, f.size = st.st_size;
        f.modified = st.st_mtim, f.changed = st.st_ctim;
    }
    return f;
}

static bool same(const file_state *a, const file_state *b)
{
    return a->exists == b->exists && a->device == b->device && a->inode == b->inode && a->size == b->size &&
           a->modified.tv_sec == b->modified.tv_sec && a->modified.tv_nsec == b->modified.tv_nsec &&
           a->changed.tv_sec == b->changed.tv_sec && a->changed.tv_nsec == b->changed.tv_nsec;
}

rs_watch *rs_watch_create(const char *path, uint32_t interval_ms)
{
    rs_watch *w = rs_xcalloc(1, sizeof *w);
    w->path = rs_xstrdup(path);
    w->interval_ms = interval_ms ? interval_ms : 5000;
    w->known = w->previous = look(path);
    return w;
}

void rs_watch_destroy(rs_watch *w)
{
    if (!w)
        return;
    free(w->path);
    free(w);
}

uint32_t rs_watch_due_in(const rs_watch *w, uint64_t now_ms)
{
    return w->next_poll <= now_ms ? 0 : (uint32_t)(w->next_poll - now_ms);
}

bool rs_watch_poll(rs_watch *w, uint64_t now_ms)
{
    if (now_ms < w->next_poll)
        return false;
    w->next_poll = now_ms + w->interval_ms;
    file_state now = look(w->path);
    bool stable = same(&now, &w->previous);
    w->previous = now;
    return stable && now.exists && !same(&now, &w->known);
}

bool rs_watch_in_place(const rs_watch *w)
{
    return w->known.exists && w->previous.exists && w->known.device == w->previous.device &&
           w->known.inode == w->previous.inode;
}

void rs_watch_settle(rs_watch *w)
{
    w->known = w->previous = look(w->path);
}
