/*
 * Screens as pictures: the viewer draws each screen headless, exactly as
 * `rostrum --screenshot` or `rostrum --script` does (rs_app_run with the
 * options the program's command line would give it), in this one process,
 * and the PNG is compared with a committed reference in tests/reference/
 * within a small tolerance. On a mismatch NAME_actual.png and NAME_diff.png
 * (differing pixels in red) are written to build/tests/screens/ and the test
 * fails. What the program adds around rs_app_run (its command line, its
 * window, signals) is tested by test_program.c, which starts it.
 *
 * One process draws every picture, so each run starts from what a fresh
 * process would have: English (rs_i18n_init's language), the current
 * folder given back after the runs that use a relative bundle path.
 *
 * ROSTRUM_PICTURES_SIZE=800x480 draws only the pictures of that window size
 * and says how many it left out (make test's quick run under qemu).
 *
 * Regenerating references is a deliberate act:
 *   ROSTRUM_UPDATE_REFERENCES=1 ctest -R pictures
 * rewrites them from what the program draws now; look at every one before
 * committing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "builder.h"
#include "config.h"
#include "expect.h"
#include "i18n.h"
#include "image.h"
#include "log.h"
#include "rotation.h"
#include "session.h"
#include "text.h"
#include "pictures.h"
#include "support.h"

static void test_screens_800x480(void **state)
{
    (void)state;
    expect_screen("home_800x480", corpus, "home", 800, 480);
    /* A title at its 200-character limit: three lines and an ellipsis, and
     * Search and the tiles stay on screen (issue 11, item 3). */
    expect_screen("home_long_title_800x480", long_title, "home", 800, 480);
    expect_screen("dates_800x480", corpus, "dates", 800, 480);
    expect_screen("year_800x480", corpus, "dates/2021", 800, 480);
    expect_screen("month_800x480", corpus, "dates/2021-07", 800, 480);
    expect_screen("countries_800x480", corpus, "countries", 800, 480);
    expect_screen("country_800x480", corpus, "countries/GB", 800, 480);
    expect_screen("incidents_800x480", corpus, "incidents", 800, 480);
    expect_screen("incident_800x480", corpus, "incidents/microsoft-exchange-server-hack-2021", 800, 480);
    expect_screen("reader_800x480", corpus, "statements/embassy-2021-07-20-exchange-accusation", 800, 480);
    expect_screen("undated_800x480", mini, "dates/undated", 800, 480);
    expect_screen("year_only_800x480", mini, "dates/2021-00", 800, 480);
}

static void test_screens_other_sizes(void **state)
{
    (void)state;
    expect_screen("home_1920x1080", corpus, "home", 1920, 1080);
    expect_screen("country_1920x1080", corpus, "countries/GB", 1920, 1080);
    expect_screen("reader_1920x1080", corpus, "statements/xinhua-2021-07-20-embassy-exchange-accusation", 1920, 1080);
    expect_screen("home_1080x1920", corpus, "home", 1080, 1920);
    expect_screen("reader_1080x1920", corpus, "statements/xinhua-2019-02-12-stop-tarnishing-china", 1080, 1920);
    expect_screen("home_1024x600", corpus, "home", 1024, 600);
    expect_screen("home_1280x800", corpus, "home", 1280, 800);
}

static void test_reader_languages(void **state)
{
    (void)state;
    expect_screen("reader_chinese_800x480", languages, "statements/zh-test-statement", 800, 480);
    expect_screen("reader_russian_800x480", languages, "statements/ru-test-statement", 800, 480);
    expect_screen("reader_mixed_800x480", languages, "statements/en-mixed-scripts", 800, 480);
}

/* A visitor's path, by touch and keys, on the virtual clock. */
static void test_script_walk(void **state)
{
    (void)state;
    const char *names[6] = {"walk_1_home", "walk_2_countries", "walk_3_gb", "walk_4_reader", "walk_5_scrolled",
                            "walk_6_back"};
    if (!wanted("walk_*", 800, 480))
        return;
    char shots[6][1024];
    for (int i = 0; i < 6; i++)
        snprintf(shots[i], sizeof shots[i], "%s/%s.png", scratch, names[i]);
    char script[8192];
    snprintf(script, sizeof script,
             "# home -> Countries -> United Kingdom -> a statement -> scroll -> back -> home\n"
             "shot %s\n"
             "tap 400 400\n"     /* the Countries tile */
             "shot %s\n"
             "drag 400 420 400 120 200\n" /* to the list's end: its parties outnumber a screen */
             "wait 3000\n"
             "drag 400 420 400 120 200\n"
             "wait 3000\n"
             "tap 200 340\n"     /* United Kingdom */
             "shot %s\n"
             "drag 400 420 400 120 200\n" /* past its events to its statements */
             "wait 3000\n"
             "tap 300 170\n"     /* the first statement */
             "shot %s\n"
             "drag 400 420 400 120 200\n"
             "wait 3000\n"
             "shot %s\n"
             "key Escape\n"
             "shot %s\n"
             "key Home\n"
             "quit\n",
             shots[0], shots[1], shots[2], shots[3], shots[4], shots[5]);
    rs_app_options options = viewer_options(corpus, 800, 480);
    int status = run_script("walk.txt", script, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    for (int i = 0; i < 6; i++)
        compare_with_reference(names[i], shots[i]);
}

/* Keys only, as on a kiosk with four buttons: the focus outline moves, Enter
 * opens. Also: the bundle sits in a read-only folder and, after visiting
 * every kind of screen, is byte for byte what it was, with no journal, WAL
 * or shared-memory file beside it. (As root the permissions do not bind; the
 * bytes and the folder listing are what is checked.) */
static void test_keys_on_a_read_only_bundle(void **state)
{
    (void)state;
    if (!wanted("keys_*", 800, 480))
        return;
    char *dir = support_path(scratch, "read-only");
    mkdir(dir, 0755);
    char *bundle = support_path(dir, "statements.sqlite");
    size_t size;
    char *before = support_read_file(corpus, &size);
    support_write_file(bundle, before, size);
    chmod(bundle, 0444);
    chmod(dir, 0555);

    char shot_focus[1024], shot_list[1024], script[4096], *output;
    snprintf(shot_focus, sizeof shot_focus, "%s/keys_1_focus.png", scratch);
    snprintf(shot_list, sizeof shot_list, "%s/keys_2_list.png", scratch);
    snprintf(script, sizeof script,
             "key Down\nkey Return\nkey Down\nshot %s\n"            /* Dates, focus on 2021 */
             "key Return\nkey Down\nkey Return\nkey Down\nshot %s\n" /* July 2021, second row */
             "key Return\nkey PageDown\nwait 400\nkey Escape\nkey Home\n"
             "key Down\nkey Down\nkey Return\nkey Return\nkey Return\nkey Home\n"
             "key Down\nkey Down\nkey Down\nkey Return\nkey Return\nkey Return\nkey Home\n"
             "key Down\nkey Return\nkey Return\nkey PageDown\nwait 400\nquit\n",
             shot_focus, shot_list);
    rs_app_options options = viewer_options(bundle, 800, 480);
    int status = run_script("keys.txt", script, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    compare_with_reference("keys_1_focus", shot_focus);
    compare_with_reference("keys_2_list", shot_list);

    size_t after_size;
    char *after = support_read_file(bundle, &after_size);
    assert_int_equal(after_size, size);
    assert_memory_equal(after, before, size);
    char command[2048];
    snprintf(command, sizeof command, "ls -A '%s'", dir);
    assert_int_equal(support_run(command, &output), 0);
    assert_string_equal(output, "statements.sqlite\n");
    free(output);
    chmod(dir, 0755);
    free(after), free(before), free(bundle), free(dir);
}

/* Left alone: the "Still reading?" countdown, then home, then the attract
 * loop, all on the virtual clock. */
static void test_idle_screens(void **state)
{
    (void)state;
    if (!wanted("idle_*", 800, 480))
        return;
    char countdown[1024], attract[1024], after[1024], script[4096];
    snprintf(countdown, sizeof countdown, "%s/idle_countdown.png", scratch);
    snprintf(attract, sizeof attract, "%s/idle_attract.png", scratch);
    snprintf(after, sizeof after, "%s/idle_touched.png", scratch);
    snprintf(script, sizeof script,
             "tap 400 400\n"          /* Countries */
             "wait 93000\nshot %s\n"  /* 3 s into the 10 s countdown */
             "wait 8000\n"             /* back home */
             "wait 303000\nshot %s\n" /* the attract loop, between fades */
             "tap 400 300\nshot %s\n" /* a touch lands on home */
             "quit\n",
             countdown, attract, after);
    rs_app_options options = viewer_options(corpus, 800, 480);
    int status = run_script("idle.txt", script, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    compare_with_reference("idle_countdown", countdown);
    compare_with_reference("idle_attract", attract);
    compare_with_reference("idle_touched", after);
}

/* Where home's tile for route is, in the picture's own coordinates, laid
 * out with the real fonts exactly as the program does. */
static void home_target(const char *bundle_path, int width, int height, const char *route, float *x, float *y)
{
    char error[512];
    rs_bundle *bundle = rs_bundle_open(bundle_path, error, sizeof error);
    rs_theme theme = rs_theme_for(width, height);
    rs_text *text = rs_text_create(ROSTRUM_SOURCE_DIR "/assets/fonts", &theme, error, sizeof error);
    assert_non_null(bundle);
    assert_non_null(text);
    rs_session *session = rs_session_create(bundle, rs_text_measurer(text), width, height);
    assert_int_equal(rs_session_open(session, "home", error, sizeof error), 0);
    rs_draw_list draw = {0};
    rs_session_frame(session, 0, &draw);
    const rs_target_list *targets = rs_session_targets(session);
    bool found = false;
    for (size_t i = 0; i < targets->count && !found; i++) {
        char text_route[64];
        rs_route_format(&targets->items[i].action.route, text_route, sizeof text_route);
        if (targets->items[i].action.kind == RS_ACT_ROUTE && strcmp(text_route, route) == 0) {
            *x = (float)targets->items[i].rect.x + (float)targets->items[i].rect.w / 2;
            *y = (float)targets->items[i].rect.y + (float)targets->items[i].rect.h / 2;
            found = true;
        }
    }
    assert_true(found);
    rs_draw_free(&draw);
    rs_session_destroy(session);
    rs_text_destroy(text);
    rs_bundle_close(bundle);
}


/* For each rotation: the picture turns, and a tap where the Countries tile
 * appears on the glass opens Countries. */
static void test_rotation_and_touch(void **state)
{
    (void)state;
    if (!wanted("rotation_*", 800, 480))
        return;
    const int angles[] = {90, 180, 270};
    for (size_t i = 0; i < 3; i++) {
        int r = angles[i], lw, lh;
        rs_rotation_logical_size(r, 800, 480, &lw, &lh);
        float lx = 0, ly = 0, wx, wy;
        home_target(corpus, lw, lh, "countries", &lx, &ly);
        rs_rotation_to_window(r, 800, 480, lx, ly, &wx, &wy);
        char home_shot[1024], after_shot[1024], script[4096], names[2][64];
        snprintf(names[0], sizeof names[0], "rotation_%d_home", r);
        snprintf(names[1], sizeof names[1], "rotation_%d_tapped", r);
        snprintf(home_shot, sizeof home_shot, "%s/%s.png", scratch, names[0]);
        snprintf(after_shot, sizeof after_shot, "%s/%s.png", scratch, names[1]);
        snprintf(script, sizeof script, "shot %s\ntap %.1f %.1f\nshot %s\nquit\n", home_shot, wx, wy, after_shot);
        rs_app_options options = viewer_options(corpus, 800, 480);
        options.rotation = r;
        int status = run_script("rotation.txt", script, &options);
        if (status != 0)
            fail_msg("rotation %d: exit %d (its messages are above)", r, status);
        compare_with_reference(names[0], home_shot);
        compare_with_reference(names[1], after_shot);
    }
}

/* --high-contrast, at the default size. */
static void test_high_contrast(void **state)
{
    (void)state;
    rs_app_options options = viewer_options(corpus, defaults.width, defaults.height);
    options.high_contrast = true;
    options.route = "statements/embassy-2021-07-20-exchange-accusation";
    expect_screen_options("reader_high_contrast_800x480", &options);
    options = viewer_options(corpus, defaults.width, defaults.height);
    options.high_contrast = true;
    expect_screen_options("home_high_contrast_800x480", &options);
}

/* Staff: hold the top-left corner 5 s, the PIN pad, the PIN (2468 in the
 * fixture settings), the admin screen. Run inside the scratch folder with a
 * relative bundle path so the screen is the same on every machine. The
 * admin screen lists the process's last log messages: those of this test
 * process, where no run before this one may have logged (as in a program
 * started afresh). */
static void test_admin_screens(void **state)
{
    (void)state;
    if (!wanted("admin", 800, 480))
        return;
    if (rs_log_recent(0))
        fail_msg("a run before the admin screens logged '%s': the admin screen would show it", rs_log_recent(0));
    const char *script = "press 10 10 5200\nshot pin_pad.png\n"
                         "tap 400 202\ntap 295 267\ntap 503 267\ntap 400 332\nshot pin_entered.png\n"
                         "tap 503 397\nshot admin.png\nquit\n";
    support_write_text(scratch, "admin.txt", script);
    static rs_config admin;
    char error[4096];
    if (!rs_config_load(&admin, ROSTRUM_FIXTURES "/config/admin.ini", error, sizeof error))
        fail_msg("%s", error);
    rs_app_options options = viewer_options("corpus.sqlite", 800, 480);
    rs_ui_language language = RS_UI_EN;
    rs_i18n_parse(admin.language, &language);
    options.language = (int)language;
    options.config = &admin;
    options.script = "admin.txt";
    int status = run_viewer_in(scratch, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    const char *names[3] = {"pin_pad", "pin_entered", "admin"};
    for (int i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.png", scratch, names[i]);
        compare_with_reference(names[i], path);
    }
}

/* The PIN pad locked after three wrong PINs, in each language: the wait
 * is read to its end (it was cut to "Wrong PIN. Too many tries: wai…" at
 * 800x480). */
static void test_pin_pad_locked(void **state)
{
    (void)state;
    if (!wanted("pin_locked*", 800, 480))
        return;
    static rs_config admin;
    char error[4096];
    if (!rs_config_load(&admin, ROSTRUM_FIXTURES "/config/admin.ini", error, sizeof error))
        fail_msg("%s", error);
    const char *script = "press 10 10 5200\n"
                         "tap 295 202\ntap 503 397\ntap 295 202\ntap 503 397\ntap 295 202\ntap 503 397\n"
                         "shot pin_locked.png\nquit\n";
    support_write_text(scratch, "locked.txt", script);
    const struct {
        rs_ui_language language;
        const char *name;
    } runs[] = {{RS_UI_EN, "pin_locked"}, {RS_UI_ZH, "pin_locked_zh"}, {RS_UI_RU, "pin_locked_ru"}};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        rs_app_options options = viewer_options("corpus.sqlite", 800, 480);
        options.language = (int)runs[i].language;
        options.config = &admin;
        options.script = "locked.txt";
        int status = run_viewer_in(scratch, &options);
        if (status != 0)
            fail_msg("%s: exit %d (its messages are above)", runs[i].name, status);
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%s/pin_locked.png", scratch);
        snprintf(to, sizeof to, "%s/%s.png", scratch, runs[i].name);
        if (i > 0 && rename(from, to) != 0)
            fail_msg("cannot rename %s", from);
        compare_with_reference(runs[i].name, to);
    }
}

/* The bundle is named by a relative path (run inside the scratch folder) so
 * the message on the screen is the same on every machine. */
static void expect_error_screen(const char *name, const char *file, const char *message_start)
{
    if (!wanted(name, 800, 480))
        return;
    char path[1024], *output;
    snprintf(path, sizeof path, "%s/%s.png", scratch, name);
    rs_app_options options = viewer_options(file, 800, 480);
    options.screenshot = path;
    assert_int_equal(run_viewer_capturing(scratch, &options, &output), 1);
    if (strncmp(output, message_start, strlen(message_start)) != 0)
        fail_msg("stderr: %s\nwant: %s...", output, message_start);
    free(output);
    compare_with_reference(name, path);
}

static void test_bundle_error_screens(void **state)
{
    (void)state;
    char *path = support_path(scratch, "statements.sqlite");
    expect_error_screen("error_missing", "statements.sqlite",
                        "Cannot open the bundle statements.sqlite: there is no such file. Check the path, or copy the "
                        "bundle there.\n");

    size_t size;
    char *data = support_read_file(corpus, &size);
    support_write_file(path, data, 8192);
    free(data);
    expect_error_screen("error_truncated", "statements.sqlite",
                        "Cannot open the bundle statements.sqlite: the file is truncated (expected ");

    data = support_read_file(corpus, &size);
    support_write_file(path, data, size);
    free(data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE VIEW v AS SELECT 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    expect_error_screen("error_view", "statements.sqlite",
                        "Cannot open the bundle statements.sqlite: the bundle contains a view ('v'), which a bundle "
                        "never has; it may have been tampered with. Build it again with rostrum-bundle.\n");

    data = support_read_file(corpus, &size);
    support_write_file(path, data, size);
    free(data);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 6", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    expect_error_screen("error_newer", "statements.sqlite",
                        "Cannot open the bundle statements.sqlite: the bundle is format version 6, newer than this "
                        "Rostrum reads (version 5). Update Rostrum, or build the bundle with this version's "
                        "rostrum-bundle.\n");

    support_write_text(scratch, "statements.sqlite", "---\nid: a source file copied by mistake\n");
    expect_error_screen("error_not_a_bundle", "statements.sqlite",
                        "Cannot open the bundle statements.sqlite: this is not a Rostrum bundle (not an SQLite "
                        "database). Build one with rostrum-bundle build.\n");
    free(path);
}

/* The search screen: suggestions, results with their hits marked, in each
 * UI language; the home screen in each language. */
static void test_search_and_languages(void **state)
{
    (void)state;
    expect_screen("search_empty_800x480", corpus, "search", 800, 480);
    expect_screen("search_exchange_800x480", corpus, "search/exchange", 800, 480);
    expect_screen("search_none_800x480", corpus, "search/zzzz", 800, 480);
    expect_screen("search_exchange_1280x800", corpus, "search/exchange", 1280, 800);
    expect_screen_in("home_zh_800x480", corpus, "home", RS_UI_ZH);
    expect_screen_in("home_ru_800x480", corpus, "home", RS_UI_RU);
    expect_screen_in("search_zh_800x480", languages, "search/网络", RS_UI_ZH);
    expect_screen_in("search_ru_800x480", languages, "search", RS_UI_RU);
    expect_screen_in("reader_zh_ui_800x480", corpus, "statements/xinhua-2019-02-12-stop-tarnishing-china", RS_UI_ZH);
    /* Country names in the UI's language, from the bundle. */
    expect_screen_in("countries_zh_800x480", corpus, "countries", RS_UI_ZH);
    expect_screen_in("countries_ru_800x480", corpus, "countries", RS_UI_RU);
}

/* From home to a highlighted reader by touch alone: the search entry, the
 * word typed key by key on the on-screen keyboard, the first result. */
static void test_search_typed_on_screen(void **state)
{
    (void)state;
    if (!wanted("typed_*", 800, 480))
        return;
    char shots[3][1024];
    const char *names[3] = {"typed_1_search", "typed_2_results", "typed_3_reader"};
    for (int i = 0; i < 3; i++)
        snprintf(shots[i], sizeof shots[i], "%s/%s.png", scratch, names[i]);
    char script[4096];
    snprintf(script, sizeof script,
             "tap 400 313\n" /* the search entry on home */
             "shot %s\n"
             "type wannacry\n"
             "wait 400\n"
             "shot %s\n"
             "tap 400 190\n" /* the first result */
             "wait 100\n"
             "shot %s\n"
             "quit\n",
             shots[0], shots[1], shots[2]);
    rs_app_options options = viewer_options(corpus, 800, 480);
    int status = run_script("typed.txt", script, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    for (int i = 0; i < 3; i++)
        compare_with_reference(names[i], shots[i]);
}

/* An incident thread's pictures: at 800x480, 1920x1080 and portrait in
 * each UI language (names PREFIX_800x480, PREFIX_zh_1920x1080, ...). */
static void expect_thread(const char *prefix, const char *bundle, const char *route)
{
    static const struct {
        const char *suffix;
        int width, height;
        rs_ui_language language;
    } shots[] = {
        {"800x480", 800, 480, RS_UI_EN},       {"1920x1080", 1920, 1080, RS_UI_EN},    {"1080x1920", 1080, 1920, RS_UI_EN},
        {"zh_800x480", 800, 480, RS_UI_ZH},    {"zh_1920x1080", 1920, 1080, RS_UI_ZH}, {"zh_1080x1920", 1080, 1920, RS_UI_ZH},
        {"ru_800x480", 800, 480, RS_UI_RU},    {"ru_1920x1080", 1920, 1080, RS_UI_RU}, {"ru_1080x1920", 1080, 1920, RS_UI_RU},
    };
    for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s_%s", prefix, shots[i].suffix);
        rs_app_options options = viewer_options(bundle, shots[i].width, shots[i].height);
        options.route = route;
        options.language = (int)shots[i].language;
        expect_screen_options(name, &options);
    }
}

/* The picture of an incident thread with an event unfolded: the focus
 * moved down downs times, then Enter. */
static void expect_unfolded(const char *name, const char *bundle, const char *route, int downs)
{
    if (!wanted(name, 800, 480))
        return;
    char shot[1024], script[2048];
    snprintf(shot, sizeof shot, "%s/%s.png", scratch, name);
    size_t used = 0;
    for (int i = 0; i < downs; i++)
        used += (size_t)snprintf(script + used, sizeof script - used, "key Down\n");
    snprintf(script + used, sizeof script - used, "key Return\nwait 400\nshot %s\nquit\n", shot);
    rs_app_options options = viewer_options(bundle, 800, 480);
    options.route = route;
    int status = run_script("thread.txt", script, &options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
    compare_with_reference(name, shot);
}

/* The incident thread (issue 12): the thread fixture (undated entries, an
 * event of kind other, both sides) in each language and size, in high
 * contrast, and with its attribution unfolded by keys (the focus moves
 * entry by entry, Enter unfolds); the same for the sample corpus's
 * Exchange incident. */
static void test_thread_screens(void **state)
{
    (void)state;
    const char *route = "incidents/exchange-hack";
    expect_thread("thread", thread_fixture, route);
    rs_app_options options = viewer_options(thread_fixture, 800, 480);
    options.route = route;
    options.high_contrast = true;
    expect_screen_options("thread_high_contrast_800x480", &options);
    /* An event of kind other (neither side) beside an accusation, in high
     * contrast: hollow rules at both edges, the accusation's solid. */
    options.route = "incidents/second-incident";
    expect_screen_options("thread_other_high_contrast_800x480", &options);
    /* The map link (issue 14) takes the first Down; then entry by entry. */
    expect_unfolded("thread_unfolded_800x480", thread_fixture, route, 4);
    /* The sample corpus's Exchange thread (the README shows these): its
     * fourth entry is the United Kingdom's attribution of 19 July 2021. */
    const char *exchange = "incidents/microsoft-exchange-server-hack-2021";
    expect_thread("thread_exchange", corpus, exchange);
    expect_unfolded("thread_exchange_unfolded_800x480", corpus, exchange, 5);
}

/* Parties (issue 12): the Countries screen with organisations, the EU's
 * page (its kind, members, events with roles, then its statements) in
 * each UI language, and a reader of an excerpt with the curator's note. */
static void test_party_screens(void **state)
{
    (void)state;
    static const struct {
        const char *name, *route;
        int width, height;
        rs_ui_language language;
    } shots[] = {
        {"parties_800x480", "countries", 800, 480, RS_UI_EN},
        {"party_eu_800x480", "countries/EU", 800, 480, RS_UI_EN},
        {"party_eu_zh_800x480", "countries/EU", 800, 480, RS_UI_ZH},
        {"party_eu_ru_1080x1920", "countries/EU", 1080, 1920, RS_UI_RU},
        {"reader_excerpt_800x480", "statements/exchange-excerpt", 800, 480, RS_UI_EN},
        {"reader_excerpt_ru_800x480", "statements/exchange-excerpt", 800, 480, RS_UI_RU},
    };
    for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++) {
        rs_app_options options = viewer_options(thread_fixture, shots[i].width, shots[i].height);
        options.route = shots[i].route;
        options.language = (int)shots[i].language;
        expect_screen_options(shots[i].name, &options);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screens_800x480),      cmocka_unit_test(test_screens_other_sizes),
        cmocka_unit_test(test_thread_screens),
        cmocka_unit_test(test_party_screens),
        cmocka_unit_test(test_reader_languages),     cmocka_unit_test(test_script_walk),
        cmocka_unit_test(test_bundle_error_screens), cmocka_unit_test(test_keys_on_a_read_only_bundle),
        cmocka_unit_test(test_idle_screens),         cmocka_unit_test(test_rotation_and_touch),
        cmocka_unit_test(test_high_contrast),        cmocka_unit_test(test_admin_screens),
        cmocka_unit_test(test_pin_pad_locked),
        cmocka_unit_test(test_search_and_languages), cmocka_unit_test(test_search_typed_on_screen),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
