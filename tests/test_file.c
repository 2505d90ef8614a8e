/* Regular files only (db/store/file.h): a FIFO, a folder and the devices
 * that never end are refused at once, by kind, with the exact reason; a
 * regular file is read whole, up to its limit and not a byte over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "file.h"
#include "support.h"

static char *scratch;

static int make_scratch(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    return 0;
}

static int remove_scratch(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch);
    return 0;
}

/* Reading path fails with exactly reason and errno. A FIFO would hang the
 * test here if it were opened or read blocking. */
static void expect_refused(const char *path, const char *reason, int error_number)
{
    char got[256] = "";
    size_t size = 12345;
    errno = 12345;
    assert_null(rs_file_read_regular(path, 1024, &size, got, sizeof got));
    assert_string_equal(got, reason);
    assert_int_equal(errno, error_number);
    assert_int_equal(size, 12345); /* untouched */
    errno = 12345;
    got[0] = '\0';
    assert_int_equal(rs_file_open_regular(path, NULL, got, sizeof got), -1);
    if (strncmp(reason, "is ", 3) == 0 && strstr(reason, "not a regular file"))
        assert_string_equal(got, reason);
    assert_int_equal(errno, error_number);
}

static void test_special_files_refused(void **state)
{
    (void)state;
    char *fifo = support_path(scratch, "x.txt");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    expect_refused(fifo, "is a FIFO, not a regular file", 0);
    expect_refused(scratch, "is a directory, not a regular file", 0);
    expect_refused("/dev/zero", "is a character device, not a regular file", 0);
    expect_refused("/dev/null", "is a character device, not a regular file", 0);
    expect_refused("/dev/urandom", "is a character device, not a regular file", 0);
    char *missing = support_path(scratch, "missing.txt");
    expect_refused(missing, "cannot open: No such file or directory", ENOENT);
    /* A symbolic link is followed to what it names. */
    char *link = support_path(scratch, "zero.txt");
    assert_int_equal(symlink("/dev/zero", link), 0);
    expect_refused(link, "is a character device, not a regular file", 0);
    unlink(fifo), unlink(link);
    free(fifo), free(missing), free(link);
}

static void test_socket_refused(void **state)
{
    (void)state;
    char *path = support_path(scratch, "s");
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    snprintf(address.sun_path, sizeof address.sun_path, "%s", path);
    if (strlen(path) < sizeof address.sun_path &&
        bind(fd, (struct sockaddr *)&address, sizeof address) == 0) {
        /* open() on a socket fails with ENXIO before fstat can look. */
        char got[256];
        assert_null(rs_file_read_regular(path, 1024, NULL, got, sizeof got));
        assert_string_equal(got, "cannot open: No such device or address");
        unlink(path);
    }
    close(fd);
    free(path);
}

/* The kind of what path names, itself (not what a link names). */
static const char *kind_of(const char *path)
{
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    return rs_file_kind(st.st_mode);
}

static void test_kinds(void **state)
{
    (void)state;
    char *file = support_path(scratch, "plain"), *fifo = support_path(scratch, "fifo"),
         *link = support_path(scratch, "link");
    support_write_file(file, "x", 1);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    assert_int_equal(symlink("plain", link), 0);
    assert_string_equal(kind_of(file), "a regular file");
    assert_string_equal(kind_of(scratch), "a directory");
    assert_string_equal(kind_of(fifo), "a FIFO");
    assert_string_equal(kind_of("/dev/null"), "a character device");
    assert_string_equal(kind_of(link), "a symbolic link");
    assert_string_equal(rs_file_kind(0), "an unknown kind of file");
    unlink(file), unlink(fifo), unlink(link);
    free(file), free(fifo), free(link);
}

static void test_read_whole(void **state)
{
    (void)state;
    char *path = support_path(scratch, "a.txt");
    support_write_file(path, "hello\0world", 11);
    char reason[256];
    size_t size = 0;
    char *data = rs_file_read_regular(path, 11, &size, reason, sizeof reason);
    assert_non_null(data);
    assert_int_equal(size, 11);
    assert_memory_equal(data, "hello\0world", 12); /* and the NUL after */
    free(data);

    support_write_file(path, "", 0);
    data = rs_file_read_regular(path, 0, &size, reason, sizeof reason);
    assert_non_null(data);
    assert_int_equal(size, 0);
    assert_string_equal(data, "");
    free(data);

    /* The descriptor reads blocking again, and is the file's. */
    struct stat st;
    int fd = rs_file_open_regular(path, &st, reason, sizeof reason);
    assert_true(fd >= 0);
    assert_true(S_ISREG(st.st_mode));
    close(fd);
    unlink(path);
    free(path);
}

static void test_limit(void **state)
{
    (void)state;
    char *path = support_path(scratch, "big.txt");
    char *bytes = calloc(1, 70000);
    support_write_file(path, bytes, 70000);
    char reason[256];
    errno = 12345;
    assert_null(rs_file_read_regular(path, 65536, NULL, reason, sizeof reason));
    assert_string_equal(reason, "is 70,000 bytes; the limit is 65,536 bytes (64 KB)");
    assert_int_equal(errno, 0);
    assert_null(rs_file_read_regular(path, 16u * 1024 * 1024 / 1000, NULL, reason, sizeof reason));
    assert_string_equal(reason, "is 70,000 bytes; the limit is 16,777 bytes");
    assert_null(rs_file_read_regular(path, 65536 - 1, NULL, reason, sizeof reason));
    assert_string_equal(reason, "is 70,000 bytes; the limit is 65,535 bytes");
    assert_null(rs_file_read_regular(path, 32u * 1024 * 1024 / 1024, NULL, reason, sizeof reason));
    assert_string_equal(reason, "is 70,000 bytes; the limit is 32,768 bytes (32 KB)");
    /* Exactly at the limit is fine. */
    size_t size;
    char *data = rs_file_read_regular(path, 70000, &size, reason, sizeof reason);
    assert_non_null(data);
    assert_int_equal(size, 70000);
    free(data);
    free(bytes);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_special_files_refused),
        cmocka_unit_test(test_socket_refused),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_read_whole),
        cmocka_unit_test(test_limit),
    };
    return cmocka_run_group_tests(tests, make_scratch, remove_scratch);
}
