/* Regular files only: see file.h. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "strbuf.h"

const char *rs_file_kind(mode_t mode)
{
    if (S_ISREG(mode))
        return "a regular file";
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "an unknown kind of file";
}

int rs_file_open_regular(const char *path, struct stat *st, char *reason, size_t reason_size)
{
    /* O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
     * O_NOCTTY: a terminal named here must not become ours. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int saved = errno;
        snprintf(reason, reason_size, "cannot open: %s", strerror(saved));
        errno = saved;
        return -1;
    }
    struct stat own;
    if (!st)
        st = &own;
    if (fstat(fd, st) != 0) {
        int saved = errno;
        close(fd);
        snprintf(reason, reason_size, "cannot open: %s", strerror(saved));
        errno = saved;
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        snprintf(reason, reason_size, "is %s, not a regular file", rs_file_kind(st->st_mode));
        errno = 0;
        return -1;
    }
    /* Back to blocking reads: a regular file never blocks anyway, and some
     * file systems (FUSE) return EAGAIN to a non-blocking read. */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}


/* "is 70,000 bytes; the limit is 65,536 bytes (64 KB)", or "is larger
 * than ..." when the size is not known (the file grew while read). */
static void say_too_large(char *reason, size_t reason_size, unsigned long long size, size_t limit)
{
    char found[32], most[32], unit[32] = "";
    rs_format_count(size, found);
    rs_format_count(limit, most);
    if (limit >= 1024 * 1024 && limit % (1024 * 1024) == 0)
        snprintf(unit, sizeof unit, " (%zu MB)", limit / (1024 * 1024));
    else if (limit >= 1024 && limit % 1024 == 0)
        snprintf(unit, sizeof unit, " (%zu KB)", limit / 1024);
    if (size > limit)
        snprintf(reason, reason_size, "is %s bytes; the limit is %s bytes%s", found, most, unit);
    else
        snprintf(reason, reason_size, "is larger than the limit of %s bytes%s", most, unit);
}

char *rs_file_read_regular(const char *path, size_t limit, size_t *size, char *reason, size_t reason_size)
{
    struct stat st;
    int fd = rs_file_open_regular(path, &st, reason, reason_size);
    if (fd < 0)
        return NULL;
    if (st.st_size < 0 || (unsigned long long)st.st_size > limit) {
        close(fd);
        say_too_large(reason, reason_size, (unsigned long long)st.st_size, limit);
        errno = 0;
        return NULL;
    }
    /* Room for the size fstat gave, one byte more to see the end (or a file
     * that grew), and the NUL. */
    size_t capacity = (size_t)st.st_size + 2, length = 0;
    char *data = rs_xmalloc(capacity);
    for (;;) {
        if (length + 1 >= capacity)
            rs_grow(&data, &capacity, length + 2, 1);
        ssize_t n = read(fd, data + length, capacity - length - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            close(fd);
            free(data);
            snprintf(reason, reason_size, "cannot read: %s", strerror(saved));
            errno = saved;
            return NULL;
        }
        if (n == 0)
            break;
        length += (size_t)n;
        if (length > limit) {
            close(fd);
            free(data);
            say_too_large(reason, reason_size, 0, limit);
            errno = 0;
            return NULL;
        }
    }
    close(fd);
    data[length] = '\0';
    if (size)
        *size = length;
    return data;
}
