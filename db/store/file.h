/*
 * Reading a file that must be a regular file: a bundle, a source file, the
 * settings file. Everything Rostrum reads by a name a person gave it comes
 * through here, so that a FIFO (whose open or read blocks until a writer
 * comes), a device (/dev/zero never ends, /dev/urandom neither) or a folder
 * in its place is refused at once, by name and kind, before one byte is
 * read. The file is opened with O_NONBLOCK so that even opening a FIFO
 * returns, and checked with fstat on the descriptor (not stat on the name,
 * which a swap could change in between).
 *
 * A reason is the end of a sentence that starts with the file's path and
 * ": ", lower case, no final full stop:
 *   "is a FIFO, not a regular file"
 *   "cannot open: No such file or directory"
 *   "is 70,000 bytes; the limit is 65,536 bytes (64 KB)"
 *   "cannot read: Input/output error"
 */
#ifndef RS_FILE_H
#define RS_FILE_H

#include <stddef.h>
#include <sys/stat.h>

/* The kind of file a mode is, with its article, for a message: "a FIFO",
 * "a directory", "a character device", "a block device", "a socket",
 * "a symbolic link", "a regular file", or "an unknown kind of file". A
 * static string. */
const char *rs_file_kind(mode_t mode);

/* Opens path for reading, only if it is a regular file (symbolic links are
 * followed). Returns the descriptor (O_CLOEXEC; the caller closes it) and
 * fills *st if st is not NULL. Otherwise returns -1, writes the reason to
 * reason (see above) and leaves errno as the failing call set it (ENOENT
 * for a missing file), or 0 when the file was refused for its kind. Never
 * blocks on a FIFO or a terminal, and never makes a terminal the caller's
 * controlling terminal. */
int rs_file_open_regular(const char *path, struct stat *st, char *reason, size_t reason_size);

/* Reads the whole regular file at path, at most limit bytes. Returns its
 * bytes with a NUL after them (the caller frees) and their count in *size.
 * Otherwise returns NULL with the reason (see above; a file over the limit
 * is refused whole, never cut) and errno as for rs_file_open_regular. A
 * file that grows past the limit while it is read is refused too. */
char *rs_file_read_regular(const char *path, size_t limit, size_t *size, char *reason, size_t reason_size);

#endif
