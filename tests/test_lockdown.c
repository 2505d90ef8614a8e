/* Who may end the viewer: everyone on a desktop; in kiosk mode only the
 * service manager and staff. Each escape attempt, one assertion; the same
 * attempts against the real program are tests/kiosk/escape.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lockdown.h"

static void test_kiosk_escape_attempts(void **state)
{
    (void)state;
    assert_false(rs_lockdown_allows(true, RS_QUIT_WINDOW_CLOSE)); /* close button, Alt+F4 */
    assert_false(rs_lockdown_allows(true, RS_QUIT_KEY));          /* Ctrl+Q, Ctrl+W */
    assert_false(rs_lockdown_allows(true, RS_QUIT_INTERRUPT));    /* Ctrl+C, SIGINT */
    assert_true(rs_lockdown_allows(true, RS_QUIT_TERMINATE));     /* systemctl stop */
    assert_true(rs_lockdown_allows(true, RS_QUIT_ADMIN));         /* staff, after the PIN */
}

static void test_desktop_quits_freely(void **state)
{
    (void)state;
    for (int r = RS_QUIT_WINDOW_CLOSE; r <= RS_QUIT_ADMIN; r++)
        assert_true(rs_lockdown_allows(false, (rs_quit_request)r));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kiosk_escape_attempts),
        cmocka_unit_test(test_desktop_quits_freely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
