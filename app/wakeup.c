#include "wakeup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expect.h"

/* More than any kiosk has: a touch screen, a keypad, a keyboard, a few
 * buttons. Devices past this are not watched (SDL still reads them; their
 * events are then seen at the next wake). */
#define MAX_DEVICES 32

typedef struct device {
    int fd;
    dev_t id; /* st_rdev, so a device is opened once however it is named */
} device;

struct rs_wakeup {
    char *input_dir;
    int wake_fd;    /* eventfd for rs_wakeup_signal */
    int inotify_fd; /* -1: the folder cannot be watched */
    device devices[MAX_DEVICES];
    unsigned device_count;
};

static bool is_event_name(const char *name)
{
    if (strncmp(name, "event", 5) != 0 || !name[5])
        return false;
    for (const char *p = name + 5; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

static bool known(const rs_wakeup *w, dev_t id)
{
    for (unsigned i = 0; i < w->device_count; i++)
        if (w->devices[i].id == id)
            return true;
    return false;
}

/* Opens each event* in the folder that is not open yet. Devices the user
 * may not read (no "input" group) are passed over: SDL cannot read them
 * either. */
static void scan(rs_wakeup *w)
{
    DIR *dir = opendir(w->input_dir);
    if (!dir)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) && w->device_count < MAX_DEVICES) {
        if (!is_event_name(entry->d_name))
            continue;
        int fd = openat(dirfd(dir), entry->d_name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            continue;
        struct stat st;
        /* A character device (a FIFO stands in for one in tests); a
         * regular file would always poll ready. */
        if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) ||
            known(w, S_ISCHR(st.st_mode) ? st.st_rdev : st.st_ino)) {
            close(fd);
            continue;
        }
        w->devices[w->device_count++] = (device){fd, S_ISCHR(st.st_mode) ? st.st_rdev : st.st_ino};
    }
    closedir(dir);
}

rs_wakeup *rs_wakeup_create(const char *input_dir)
{
    rs_wakeup *w = rs_xcalloc(1, sizeof *w);
    w->inotify_fd = -1;
    w->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (w->wake_fd < 0) {
        free(w);
        return NULL;
    }
    if (input_dir) {
        w->input_dir = rs_xstrdup(input_dir);
        /* Watch before scanning, so a device that appears in between is
         * not missed. IN_ATTRIB: udev creates a node, then gives it its
         * group; it becomes readable only then. */
        w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (w->inotify_fd >= 0 && inotify_add_watch(w->inotify_fd, input_dir, IN_CREATE | IN_ATTRIB) < 0) {
            close(w->inotify_fd);
            w->inotify_fd = -1;
        }
        scan(w);
    }
    return w;
}

void rs_wakeup_destroy(rs_wakeup *w)
{
    if (!w)
        return;
    for (unsigned i = 0; i < w->device_count; i++)
        close(w->devices[i].fd);
    if (w->inotify_fd >= 0)
        close(w->inotify_fd);
    close(w->wake_fd);
    free(w->input_dir);
    free(w);
}

void rs_wakeup_signal(rs_wakeup *w)
{
    uint64_t one = 1;
    /* Only fails when the counter is full, and then a wake is pending. */
    ssize_t written = write(w->wake_fd, &one, sizeof one);
    (void)written;
}

unsigned rs_wakeup_device_count(const rs_wakeup *w)
{
    return w->device_count;
}

/* Reads and throws away what fd has. false: the device is gone. */
static bool drain(int fd)
{
    struct input_event events[64];
    for (;;) {
        ssize_t n = read(fd, events, sizeof events);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

static void forget_device(rs_wakeup *w, unsigned i)
{
    close(w->devices[i].fd);
    w->devices[i] = w->devices[--w->device_count];
}

rs_wake_reason rs_wakeup_wait(rs_wakeup *w, int timeout_ms)
{
    enum { WAKE, NOTIFY, FIRST_DEVICE };
    struct pollfd fds[FIRST_DEVICE + MAX_DEVICES];
    fds[WAKE] = (struct pollfd){.fd = w->wake_fd, .events = POLLIN};
    fds[NOTIFY] = (struct pollfd){.fd = w->inotify_fd, .events = POLLIN}; /* -1 is ignored by poll */
    unsigned count = w->device_count;
    for (unsigned i = 0; i < count; i++)
        fds[FIRST_DEVICE + i] = (struct pollfd){.fd = w->devices[i].fd, .events = POLLIN};

    int ready = poll(fds, FIRST_DEVICE + count, timeout_ms < 0 ? -1 : timeout_ms);
    if (ready < 0)
        return errno == EINTR ? RS_WAKE_INTERRUPTED : RS_WAKE_TIMEOUT;
    if (ready == 0)
        return RS_WAKE_TIMEOUT;

    rs_wake_reason reason = RS_WAKE_TIMEOUT;
    if (fds[WAKE].revents) {
        uint64_t value;
        ssize_t n = read(w->wake_fd, &value, sizeof value);
        (void)n;
        reason = RS_WAKE_SIGNALLED;
    }
    /* Backwards, so that forgetting a device moves only ones already seen. */
    for (unsigned i = count; i-- > 0;) {
        short revents = fds[FIRST_DEVICE + i].revents;
        if (!revents)
            continue;
        reason = RS_WAKE_INPUT;
        if ((revents & (POLLERR | POLLHUP | POLLNVAL)) || !drain(w->devices[i].fd))
            forget_device(w, i);
    }
    if (w->inotify_fd >= 0 && fds[NOTIFY].revents) {
        char buffer[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
        while (read(w->inotify_fd, buffer, sizeof buffer) > 0)
            ;
        scan(w);
        reason = RS_WAKE_INPUT;
    }
    return reason;
}

bool rs_wakeup_driver_waits(const char *video_driver)
{
    static const char *const waiting[] = {"x11", "wayland", "windows", "cocoa"};
    if (!video_driver)
        return false;
    for (size_t i = 0; i < sizeof waiting / sizeof *waiting; i++)
        if (strcmp(video_driver, waiting[i]) == 0)
            return true;
    return false;
}
