/* The PIN lockout kept across restarts, in a temporary folder on fake
 * clocks: what the file holds, exactly; restarts in the same boot (the boot
 * clock counts, whatever the wall clock does) and after a reboot (the wall
 * clock counts, never for more than the lock's length); damaged files lock;
 * a missing file does not; a store in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lockout_store.h"
#include "log.h"
#include "support.h"

#define BOOT_A "0f6b2f1e-aaaa-4c4c-9d9d-000000000001"
#define BOOT_B "0f6b2f1e-bbbb-4c4c-9d9d-000000000002"
#define JUL_2025 1751328000000ull /* 2025-07-01 00:00 UTC, in ms */

static rs_lockout_time fake;
static char *folder;

static void fake_clock(void *context, rs_lockout_time *out)
{
    (void)context;
    *out = fake;
}

static void boot(const char *id, uint64_t wall_ms)
{
    snprintf(fake.boot_id, sizeof fake.boot_id, "%s", id);
    fake.boot_ms = 5000; /* 5 s after power on */
    fake.wall_ms = wall_ms;
}

static void pass(uint64_t ms)
{
    fake.boot_ms += ms;
    fake.wall_ms += ms;
}

static rs_lockout_store *open_store(void)
{
    return rs_lockout_store_open(folder, fake_clock, NULL);
}

static char *file_path(void)
{
    return support_path(folder, "pin-lockout");
}

static void expect(rs_lockout_store *store, int failures, uint64_t left, bool damaged)
{
    rs_lockout l = rs_lockout_store_read(store);
    assert_int_equal(l.failures, failures);
    assert_int_equal(l.lock_left_ms, left);
    assert_int_equal(l.damaged, damaged);
}

static int setup(void **state)
{
    (void)state;
    folder = support_temp_dir();
    boot(BOOT_A, JUL_2025);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(folder);
    free(folder);
    return 0;
}

/* No file: no wrong PINs, and nothing written until something happens. */
static void test_missing_file_is_open(void **state)
{
    (void)state;
    rs_lockout_store *store = open_store();
    expect(store, 0, 0, false);
    char *path = file_path();
    assert_false(support_exists(path));
    assert_string_equal(rs_lockout_store_path(store), path);
    free(path);
    rs_lockout_store_close(store);
}

/* The file's exact text, written atomically (no temporary file left). */
static void test_written_exactly(void **state)
{
    (void)state;
    rs_lockout_store *store = open_store();
    assert_true(rs_lockout_store_write(store, 3, 30000));
    expect(store, 3, 30000, false);
    char *path = file_path(), *tmp = support_path(folder, "pin-lockout.tmp");
    size_t size;
    char *text = support_read_file(path, &size);
    assert_string_equal(text, "rostrum-pin-lockout 1\nfailures 3\nlock_ms 30000\nwall_until_ms 1751328030000\n"
                              "boot_id " BOOT_A "\nboot_until_ms 35000\n");
    assert_false(support_exists(tmp));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* A lock longer than the longest is the longest. */
    assert_true(rs_lockout_store_write(store, 9, 3600000));
    expect(store, 9, RS_LOCKOUT_LONGEST_MS, false);
    free(text), free(path), free(tmp);
    rs_lockout_store_close(store);
}

/* Restarted in the same boot: the boot clock counts, so a wall clock that
 * jumps (NTP answering late, or set back) changes nothing. */
static void test_restart_in_the_same_boot(void **state)
{
    (void)state;
    rs_lockout_store *store = open_store();
    rs_lockout_store_write(store, 3, 30000);
    rs_lockout_store_close(store);

    pass(10000);
    fake.wall_ms += 3600000; /* the wall clock leapt an hour */
    store = open_store();
    expect(store, 3, 20000, false);
    rs_lockout_store_close(store);

    pass(5000);
    fake.wall_ms = 0; /* and back to 1970 */
    store = open_store();
    expect(store, 3, 15000, false);
    pass(14999);
    expect(store, 3, 1, false);
    pass(1);
    expect(store, 3, 0, false); /* over: the count stays */
    rs_lockout_store_close(store);
}

/* After a reboot the wall clock counts: the time the power was off counts
 * too, but a clock set back never lengthens the lock beyond its own length
 * nor shortens it, and once read the lock counts on the new boot's clock. */
static void test_after_a_reboot(void **state)
{
    (void)state;
    rs_lockout_store *store = open_store();
    rs_lockout_store_write(store, 4, 60000);
    rs_lockout_store_close(store);

    /* Off for 20 s, the clock right: 40 s left. */
    boot(BOOT_B, JUL_2025 + 20000);
    store = open_store();
    expect(store, 4, 40000, false);
    rs_lockout_store_close(store);

    /* The next boot starts in 1970 (no real-time clock): all that was left
     * when last known (40 s, as written back at the last start), not 55
     * years and not less. */
    boot(BOOT_A, 1000);
    store = open_store();
    expect(store, 4, 40000, false);
    /* Anchored to this boot: NTP setting the clock forward a day later
     * does not end it early. */
    pass(10000);
    fake.wall_ms = JUL_2025 + 86400000;
    expect(store, 4, 30000, false);
    rs_lockout_store_close(store);
    /* Nor does it after a restart in this boot (it was written back). */
    pass(10000);
    store = open_store();
    expect(store, 4, 20000, false);
    rs_lockout_store_close(store);
    /* The same with the clock set back at a reboot before it was ever
     * written back: the lock's whole length. */
    rs_lockout_store *fresh = open_store();
    rs_lockout_store_write(fresh, 5, 120000);
    rs_lockout_store_close(fresh);
    boot(BOOT_B, 0);
    fresh = open_store();
    expect(fresh, 5, 120000, false);
    rs_lockout_store_close(fresh);

    /* Off for a day: the lock is over, the count is not. */
    boot(BOOT_A, JUL_2025 + 2 * 86400000ull);
    store = open_store();
    expect(store, 5, 0, false);
    rs_lockout_store_close(store);
}

/* A damaged file locks for the longest lock, says so in the log, and is
 * written over so that the lock counts down across restarts. */
static void expect_damaged(const char *why)
{
    rs_lockout_store *store = open_store();
    expect(store, 3, RS_LOCKOUT_LONGEST_MS, true);
    char *path = file_path();
    char message[1024];
    snprintf(message, sizeof message,
             "the PIN lockout file %s is damaged (%s); the PIN pad stays locked for 10 minutes, as after too many "
             "wrong PINs",
             path, why);
    const char *logged = rs_log_recent(0);
    assert_non_null(logged);
    /* A write that failed is logged after it. */
    if (strcmp(logged, message) != 0)
        logged = rs_log_recent(1);
    assert_string_equal(logged, message);
    free(path);
    rs_lockout_store_close(store);
}

static void test_damaged_files_lock(void **state)
{
    (void)state;
    const char *texts[] = {
        "garbage\n",
        "",
        "rostrum-pin-lockout 1\nfailures 3\nlock_ms 30000\nwall_until_ms 1751328030000\n", /* cut short */
        "rostrum-pin-lockout 1\nfailures -3\nlock_ms 30000\nwall_until_ms 1\nboot_id -\nboot_until_ms 1\n",
        "rostrum-pin-lockout 1\nfailures 3\nlock_ms 600001\nwall_until_ms 1\nboot_id -\nboot_until_ms 1\n",
        "rostrum-pin-lockout 2\nfailures 3\nlock_ms 30000\nwall_until_ms 1\nboot_id -\nboot_until_ms 1\n",
        "rostrum-pin-lockout 1\nfailures 3\nlock_ms 30000\nwall_until_ms 99999999999999999999\nboot_id -\n"
        "boot_until_ms 1\n",
        "rostrum-pin-lockout 1\nfailures 3\nlock_ms 30000\nwall_until_ms 1\nboot_id x/y\nboot_until_ms 1\n",
        "rostrum-pin-lockout 1\nfailures 3\nlock_ms 30000\nwall_until_ms 1\nboot_id -\nboot_until_ms 1\nmore\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        support_write_text(folder, "pin-lockout", texts[i]);
        expect_damaged("it does not hold what the viewer writes there");
        /* Written over: the next start finds the lock running. */
        pass(1000);
        rs_lockout_store *store = open_store();
        expect(store, 3, RS_LOCKOUT_LONGEST_MS - 1000, false);
        rs_lockout_store_close(store);
    }
    /* A NUL inside. */
    char *path = file_path();
    support_write_file(path, "rostrum-pin-lockout 1\0\n", 23);
    expect_damaged("it does not hold what the viewer writes there");
    /* Too large to be one. */
    char big[2000];
    memset(big, 'x', sizeof big);
    support_write_file(path, big, sizeof big);
    expect_damaged("it is 2000 bytes; the limit is 1024");
    /* Not a regular file (a folder in its place: it cannot even be
     * written over, so every start locks). */
    unlink(path);
    assert_int_equal(mkdir(path, 0700), 0);
    expect_damaged("it is not a regular file");
    expect_damaged("it is not a regular file");
    rmdir(path);
    /* Unreadable (unless the tests run as root, who reads anything). */
    if (geteuid() != 0) {
        support_write_text(folder, "pin-lockout", "rostrum-pin-lockout 1\n");
        chmod(path, 0);
        chmod(folder, 0500); /* and the folder read-only: it stays unreadable */
        expect_damaged("cannot open it: Permission denied");
        chmod(folder, 0700);
        unlink(path);
    }
    free(path);
}

/* A folder that cannot be written: the lock is kept in memory for this
 * run, and the log says so once. */
static void test_unwritable_folder(void **state)
{
    (void)state;
    char *missing = support_path(folder, "no-such-folder");
    rs_lockout_store *store = rs_lockout_store_open(missing, fake_clock, NULL);
    expect(store, 0, 0, false);
    assert_false(rs_lockout_store_write(store, 3, 30000));
    char message[1024];
    snprintf(message, sizeof message,
             "cannot write the PIN lockout to %s/pin-lockout: No such file or directory; wrong PINs are counted in "
             "memory only until the viewer restarts. Check that the folder exists and the viewer may write there "
             "(StateDirectory= in the service)",
             missing);
    assert_string_equal(rs_log_recent(0), message);
    expect(store, 3, 30000, false);
    rs_log("something else");
    assert_false(rs_lockout_store_write(store, 4, 60000));
    assert_string_equal(rs_log_recent(0), "something else"); /* said once */
    expect(store, 4, 60000, false);
    rs_lockout_store_close(store);
    free(missing);
}

/* Without a folder (a desktop run): in memory, on the boot clock. */
static void test_in_memory(void **state)
{
    (void)state;
    rs_lockout_store *store = rs_lockout_store_open(NULL, fake_clock, NULL);
    assert_null(rs_lockout_store_path(store));
    expect(store, 0, 0, false);
    assert_true(rs_lockout_store_write(store, 3, 30000));
    fake.wall_ms = 0;
    pass(12000);
    expect(store, 3, 18000, false);
    rs_lockout_store_close(store);
    store = rs_lockout_store_open("", fake_clock, NULL);
    assert_null(rs_lockout_store_path(store));
    rs_lockout_store_close(store);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_file_is_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_written_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart_in_the_same_boot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_after_a_reboot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_files_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_in_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
