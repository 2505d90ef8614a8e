/* The --script parser: every command, and the exact message for bad lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "script.h"

static void test_commands(void **state)
{
    (void)state;
    const char *text = "# a visitor\n"
                       "\n"
                       "tap 10 20\n"
                       "  press 1.5 2 600   # long press\n"
                       "drag 0 400 0 100 250\r\n"
                       "key Escape\n"
                       "wait 90000\n"
                       "shot out.png\n"
                       "quit";
    rs_script script;
    char error[256];
    assert_true(rs_script_parse("s.txt", text, &script, error, sizeof error));
    assert_int_equal(script.count, 7);
    assert_int_equal(script.commands[0].kind, RS_SCRIPT_TAP);
    assert_true(script.commands[0].x1 == 10.0f && script.commands[0].y1 == 20.0f);
    assert_int_equal(script.commands[0].line, 3);
    assert_int_equal(script.commands[1].kind, RS_SCRIPT_PRESS);
    assert_true(script.commands[1].x1 == 1.5f);
    assert_int_equal(script.commands[1].ms, 600);
    assert_int_equal(script.commands[2].kind, RS_SCRIPT_DRAG);
    assert_true(script.commands[2].y2 == 100.0f);
    assert_int_equal(script.commands[2].ms, 250);
    assert_string_equal(script.commands[3].text, "Escape");
    assert_int_equal(script.commands[4].ms, 90000);
    assert_string_equal(script.commands[5].text, "out.png");
    assert_int_equal(script.commands[6].kind, RS_SCRIPT_QUIT);
    rs_script_free(&script);
}

static void expect_error(const char *text, const char *message)
{
    rs_script script;
    char error[256];
    assert_false(rs_script_parse("s.txt", text, &script, error, sizeof error));
    assert_string_equal(error, message);
    assert_int_equal(script.count, 0);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("tap 1 2\njump 3\n", "s.txt:2: unknown command 'jump' (commands: tap, press, drag, key, type, text, wait, shot, quit)");
    expect_error("tap 1\n", "s.txt:1: expected 'tap X Y'");
    expect_error("tap 1 2 3\n", "s.txt:1: expected 'tap X Y'");
    expect_error("tap x 2\n", "s.txt:1: expected 'tap X Y'");
    expect_error("tap nan 2\n", "s.txt:1: expected 'tap X Y'");
    expect_error("tap 1e30 2\n", "s.txt:1: expected 'tap X Y'");
    expect_error("\n\npress 1 2 -5\n", "s.txt:3: expected 'press X Y MS'");
    expect_error("drag 1 2 3 4\n", "s.txt:1: expected 'drag X1 Y1 X2 Y2 MS'");
    expect_error("wait 99999999999\n", "s.txt:1: expected 'wait MS'");
    expect_error("key\n", "s.txt:1: expected 'key NAME'");
    expect_error("quit now\n", "s.txt:1: expected 'quit'");
    expect_error("tap 1 2 3 4 5 6 7 8 9\n", "s.txt:1: expected 'tap X Y'");
}

/* type and text keep the rest of the line, spaces and all. */
static void test_typing(void **state)
{
    (void)state;
    rs_script script;
    char error[256];
    assert_true(rs_script_parse("s.txt", "type state hackers  \ntext 网络 安全\n", &script, error, sizeof error));
    assert_int_equal(script.count, 2);
    assert_int_equal(script.commands[0].kind, RS_SCRIPT_TYPE);
    assert_string_equal(script.commands[0].text, "state hackers");
    assert_int_equal(script.commands[1].kind, RS_SCRIPT_TEXT);
    assert_string_equal(script.commands[1].text, "网络 安全");
    rs_script_free(&script);
    expect_error("type\n", "s.txt:1: expected 'type TEXT'");
    expect_error("type\r\n", "s.txt:1: expected 'type TEXT'"); /* found by fuzz_script */
    expect_error("text \xff\n", "s.txt:1: expected 'text TEXT'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commands),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_typing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
