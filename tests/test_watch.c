/* The bundle watcher on real files: a replaced bundle is reported once it
 * has stopped changing, once; a copy in progress is not; nothing else is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"
#include "watch.h"

static void test_replacement(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *path = support_path(dir, "statements.sqlite");
    char *incoming = support_path(dir, ".incoming");
    support_write_file(path, "first", 5);
    rs_watch *w = rs_watch_create(path, 5000);
    uint64_t t = 0;
    assert_false(rs_watch_poll(w, t));
    assert_int_equal(rs_watch_due_in(w, 1000), 4000);
    assert_false(rs_watch_poll(w, 1000)); /* not due: no look at all */
    t = 5000;
    assert_false(rs_watch_poll(w, t)); /* nothing changed */

    /* A copy in progress: the size still grows between polls. */
    support_write_file(path, "second, partly", 14);
    assert_false(rs_watch_poll(w, t += 5000));
    support_write_file(path, "second, partly written", 22);
    assert_false(rs_watch_poll(w, t += 5000));
    /* Then it rests: reported once, as written over the known file in
     * place (the viewer's open file changed under it). */
    assert_true(rs_watch_poll(w, t += 5000));
    assert_true(rs_watch_in_place(w));
    rs_watch_settle(w);
    assert_false(rs_watch_poll(w, t += 5000));
    assert_false(rs_watch_poll(w, t += 5000));

    /* Copied beside it and renamed over it (the safe way): a new inode. */
    support_write_file(incoming, "third", 5);
    assert_int_equal(rename(incoming, path), 0);
    assert_false(rs_watch_poll(w, t += 5000)); /* first sight */
    assert_true(rs_watch_poll(w, t += 5000));
    assert_false(rs_watch_in_place(w)); /* the viewer still has the old one */
    rs_watch_settle(w);

    /* Removed (the stick pulled out): nothing to report, and nothing when
     * the same file comes back. */
    unlink(path);
    assert_false(rs_watch_poll(w, t += 5000));
    assert_false(rs_watch_poll(w, t += 5000));
    rs_watch_destroy(w);
    support_remove_tree(dir);
    free(dir), free(path), free(incoming);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_replacement)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
