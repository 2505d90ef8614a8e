/* The configuration file: defaults, every key, every error message, the
 * lookup rule, the PIN hash as a setting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "pin.h"

#ifndef ROSTRUM_FIXTURES
#define ROSTRUM_FIXTURES "tests/fixtures" /* when built by hand from the top of the tree */
#endif
#ifndef ROSTRUM_SOURCE_DIR
#define ROSTRUM_SOURCE_DIR "."
#endif
#define FIXTURE(name) ROSTRUM_FIXTURES "/config/" name

/* PIN 2468, salt 00112233..ff, 100000 iterations: made with Python's
 * hashlib.pbkdf2_hmac, so the format is checked against another
 * implementation of PBKDF2. */
#define HASH_2468                                                                                                      \
    "pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"                                                           \
    "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da"
/* PIN 13579, an 8-byte salt, 10000 iterations (the least accepted). */
#define HASH_13579                                                                                                     \
    "pbkdf2-sha256$10000$0123456789abcdef$a2d14c3c17f7a0c0f68fbd74896a5ba2ad59d55568c0d55675be22c0e757c864"

/* ---- helpers ------------------------------------------------------------ */

static char scratch_dir[64];

static int make_scratch(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch_dir, sizeof scratch_dir, "%s/rs-config-XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    return mkdtemp(scratch_dir) ? 0 : -1;
}

static int remove_scratch(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/rostrum.ini", scratch_dir);
    unlink(path);
    return rmdir(scratch_dir);
}

static const char *scratch_path(void)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/rostrum.ini", scratch_dir);
    return path;
}

static void write_file(const char *path, const char *text, size_t length)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, length, f), length);
    assert_int_equal(fclose(f), 0);
}

/* Loads text as SCRATCH/rostrum.ini. Returns whether it loaded; error gets
 * the messages with the scratch folder taken off every line, so they read
 * "rostrum.ini:LINE: ...". */
static bool load_text(const char *text, rs_config *config, char *error, size_t size)
{
    write_file(scratch_path(), text, strlen(text));
    char raw[4096];
    bool ok = rs_config_load(config, scratch_path(), raw, sizeof raw);
    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s/", scratch_dir);
    size_t used = 0;
    error[0] = '\0';
    for (const char *s = raw; *s;) {
        if (strncmp(s, prefix, strlen(prefix)) == 0)
            s += strlen(prefix);
        const char *end = strchr(s, '\n');
        size_t n = end ? (size_t)(end - s + 1) : strlen(s);
        assert_true(used + n < size);
        memcpy(error + used, s, n);
        used += n;
        error[used] = '\0';
        s += n;
    }
    return ok;
}

/* text must fail with exactly one message, expected. */
static void expect_error(const char *text, const char *expected)
{
    rs_config config;
    char error[4096];
    bool ok = load_text(text, &config, error, sizeof error);
    if (ok || strcmp(error, expected) != 0)
        print_error("for:\n%s\nexpected: %s\n     got: %s\n", text, expected, ok ? "(loaded)" : error);
    assert_false(ok);
    assert_string_equal(error, expected);
}

static void expect_defaults(const rs_config *c)
{
    assert_string_equal(c->path, "");
    assert_string_equal(c->bundle_path, "");
    assert_false(c->kiosk);
    assert_true(c->watchdog);
    assert_false(c->fullscreen);
    assert_int_equal(c->width, 800);
    assert_int_equal(c->height, 480);
    assert_int_equal(c->rotation, 0);
    assert_true(c->scale == 1.0);
    assert_true(c->screen_diagonal_inches == 0.0);
    assert_int_equal(c->theme, RS_CONFIG_THEME_LIGHT);
    assert_false(c->software_renderer);
    assert_int_equal(c->idle_seconds, 90);
    assert_int_equal(c->countdown_seconds, 10);
    assert_int_equal(c->attract_seconds, 300);
    assert_string_equal(c->admin_pin, "");
    assert_string_equal(c->admin_chord, "Ctrl+Alt+A");
    assert_int_equal(c->admin_chord_mods, RS_CONFIG_MOD_CTRL | RS_CONFIG_MOD_ALT);
    assert_string_equal(c->admin_chord_key, "A");
    assert_int_equal(c->admin_hold_seconds, 5);
    assert_true(c->audio_enabled);
    assert_int_equal(c->audio_volume, 80);
    assert_false(c->spoken_navigation);
    assert_int_equal(c->voice_count, 0);
}

/* ---- defaults and good files ------------------------------------------- */

static void test_defaults(void **state)
{
    (void)state;
    rs_config c;
    memset(&c, 0x5A, sizeof c);
    rs_config_defaults(&c);
    expect_defaults(&c);
    assert_false(rs_config_check_pin(&c, "1234")); /* no PIN: no admin screen */
}

static void test_empty_file_is_defaults(void **state)
{
    (void)state;
    rs_config c;
    char error[256] = "x";
    assert_true(rs_config_load(&c, FIXTURE("empty.ini"), error, sizeof error));
    assert_string_equal(error, "");
    assert_string_equal(c.path, FIXTURE("empty.ini"));
    c.path[0] = '\0';
    expect_defaults(&c);
    /* Sections alone, comments and blank lines change nothing either. */
    assert_true(load_text("# nothing\n\n[kiosk]\n[display]\n; still nothing\n[idle]\n[admin]\n", &c, error,
                          sizeof error));
    c.path[0] = '\0';
    expect_defaults(&c);
}

static void test_full_file(void **state)
{
    (void)state;
    rs_config c;
    char error[1024];
    bool ok = rs_config_load(&c, FIXTURE("full.ini"), error, sizeof error);
    if (!ok)
        print_error("%s\n", error);
    assert_true(ok);
    assert_string_equal(c.path, FIXTURE("full.ini"));
    assert_string_equal(c.bundle_path, "/srv/rostrum/bundle.sqlite");
    assert_true(c.kiosk);
    assert_false(c.watchdog);
    assert_true(c.fullscreen);
    assert_int_equal(c.width, 1920);
    assert_int_equal(c.height, 1080);
    assert_int_equal(c.rotation, 270);
    assert_true(c.screen_diagonal_inches > 10.0999 && c.screen_diagonal_inches < 10.1001);
    assert_int_equal(c.theme, RS_CONFIG_THEME_HIGH_CONTRAST);
    assert_true(c.software_renderer);
    assert_int_equal(c.idle_seconds, 120);
    assert_int_equal(c.countdown_seconds, 0);
    assert_int_equal(c.attract_seconds, 0);
    assert_string_equal(c.admin_pin, HASH_2468);
    assert_string_equal(c.admin_chord, "Ctrl+Shift+F12");
    assert_int_equal(c.admin_chord_mods, RS_CONFIG_MOD_CTRL | RS_CONFIG_MOD_SHIFT);
    assert_string_equal(c.admin_chord_key, "F12");
    assert_int_equal(c.admin_hold_seconds, 8);
}

static void test_windows_file(void **state)
{
    (void)state;
    /* A byte order mark, CRLF line ends, indented keys, a quoted path. */
    rs_config c;
    char error[1024];
    bool ok = rs_config_load(&c, FIXTURE("windows.ini"), error, sizeof error);
    if (!ok)
        print_error("%s\n", error);
    assert_true(ok);
    assert_int_equal(c.rotation, 90);
    assert_true(c.scale == 1.5);
    assert_string_equal(c.bundle_path, "/media/usb stick/bundle.sqlite");
}

/* assets/rostrum.ini, as shipped and with every setting switched on as
 * shown: both load, and give the defaults. */
static void test_shipped_file(void **state)
{
    (void)state;
    rs_config c;
    char error[1024];
    const char *shipped = ROSTRUM_SOURCE_DIR "/assets/rostrum.ini";
    bool ok = rs_config_load(&c, shipped, error, sizeof error);
    if (!ok)
        print_error("%s\n", error);
    assert_true(ok);
    c.path[0] = '\0';
    expect_defaults(&c);
    /* Take the '# ' off every "# key =" line. */
    FILE *f = fopen(shipped, "r");
    assert_non_null(f);
    char text[16384] = "", line[512];
    int keys_seen = 0;
    while (fgets(line, sizeof line, f)) {
        const char *s = line;
        size_t word = strspn(line + 2, "abcdefghijklmnopqrstuvwxyz_");
        if (strncmp(line, "# ", 2) == 0 && word > 0 && strncmp(line + 2 + word, " =", 2) == 0)
            s += 2, keys_seen++;
        assert_true(strlen(text) + strlen(s) < sizeof text);
        strcat(text, s);
    }
    fclose(f);
    assert_int_equal(keys_seen, 21); /* every key is in the file (voice_LANG as an example only) */
    ok = load_text(text, &c, error, sizeof error);
    if (!ok)
        print_error("%s\n", error);
    assert_true(ok);
    assert_string_equal(c.bundle_path, "/usr/share/rostrum/sample.sqlite");
    c.path[0] = c.bundle_path[0] = '\0';
    expect_defaults(&c);
}

static void test_value_spellings(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool value;
    } bools[] = {{"true", true}, {"TRUE", true}, {"yes", true}, {"On", true},  {"1", true},
                 {"false", false}, {"No", false}, {"off", false}, {"0", false}};
    rs_config c;
    char error[1024], text[128];
    for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++) {
        snprintf(text, sizeof text, "[display]\nfullscreen = %s\nsoftware_renderer=%s\n", bools[i].text,
                 bools[i].text);
        assert_true(load_text(text, &c, error, sizeof error));
        assert_int_equal(c.fullscreen, bools[i].value);
        assert_int_equal(c.software_renderer, bools[i].value);
    }
    /* Limits are inclusive; "key: value" is accepted as inih allows it. */
    assert_true(load_text("[display]\nwidth = 240\nheight: 16384\nscale = 0.5\nrotation = 0180\n[idle]\n"
                          "idle_seconds = 10\ncountdown_seconds = 120\nattract_seconds = 86400\n"
                          "[admin]\nadmin_hold_seconds = 60\n",
                          &c, error, sizeof error));
    assert_int_equal(c.width, 240);
    assert_int_equal(c.height, 16384);
    assert_true(c.scale == 0.5);
    assert_int_equal(c.rotation, 180);
    assert_int_equal(c.idle_seconds, 10);
    assert_int_equal(c.countdown_seconds, 120);
    assert_int_equal(c.attract_seconds, 86400);
    assert_int_equal(c.admin_hold_seconds, 60);
    assert_true(load_text("[display]\nscale = 3.0\ntheme = Light\n[idle]\nidle_seconds = 86400\n", &c, error,
                          sizeof error));
    assert_true(c.scale == 3.0);
    assert_int_equal(c.theme, RS_CONFIG_THEME_LIGHT);
    assert_string_equal(c.language, "en"); /* the default */
    assert_true(load_text("[display]\nlanguage = zh_CN\n", &c, error, sizeof error));
    assert_string_equal(c.language, "zh_CN");
    /* The six UN languages, each by its catalog's name. */
    static const char *const languages[] = {"en", "zh_CN", "ru", "ar", "fr", "es"};
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
        snprintf(text, sizeof text, "[display]\nlanguage = %s\n", languages[i]);
        assert_true(load_text(text, &c, error, sizeof error));
        assert_string_equal(c.language, languages[i]);
    }
    assert_true(load_text("[display]\nscreen_diagonal_inches = 3\n", &c, error, sizeof error));
    assert_true(c.screen_diagonal_inches == 3.0);
    assert_true(load_text("[display]\nscreen_diagonal_inches = 100\n", &c, error, sizeof error));
    assert_true(c.screen_diagonal_inches == 100.0);
    /* Empty is "not set", as the commented default file shows it; then scale applies. */
    assert_true(load_text("[display]\nscreen_diagonal_inches =\nscale = 1.25\n", &c, error, sizeof error));
    assert_true(c.screen_diagonal_inches == 0.0);
    assert_true(c.scale == 1.25);
    /* An inline comment after " ;" is dropped; an empty bundle_path is the default. */
    assert_true(load_text("[display]\nrotation = 90 ; portrait\n[kiosk]\nbundle_path =\n", &c, error, sizeof error));
    assert_int_equal(c.rotation, 90);
    assert_string_equal(c.bundle_path, "");
}

static void test_chords(void **state)
{
    (void)state;
    static const struct {
        const char *text, *chord, *key;
        unsigned mods;
    } chords[] = {
        {"Ctrl+Alt+A", "Ctrl+Alt+A", "A", RS_CONFIG_MOD_CTRL | RS_CONFIG_MOD_ALT},
        {"alt+ctrl+q", "Ctrl+Alt+Q", "Q", RS_CONFIG_MOD_CTRL | RS_CONFIG_MOD_ALT},
        {"Gui + 7", "Gui+7", "7", RS_CONFIG_MOD_GUI},
        {"Shift+Ctrl+Alt+Gui+F1", "Ctrl+Alt+Shift+Gui+F1", "F1", 15},
        {"Ctrl+F", "Ctrl+F", "F", RS_CONFIG_MOD_CTRL},
        {"none", "", "", 0},
        {"", "", "", 0},
    };
    rs_config c;
    char error[1024], text[128];
    for (size_t i = 0; i < sizeof chords / sizeof chords[0]; i++) {
        snprintf(text, sizeof text, "[admin]\nadmin_chord = %s\n", chords[i].text);
        assert_true(load_text(text, &c, error, sizeof error));
        assert_string_equal(c.admin_chord, chords[i].chord);
        assert_string_equal(c.admin_chord_key, chords[i].key);
        assert_int_equal(c.admin_chord_mods, chords[i].mods);
    }
}

/* ---- bad values: every key, exact messages ------------------------------ */

static void test_bad_values(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"[kiosk]\nbundle_path = bundles/x.sqlite\n",
         "rostrum.ini:2: bundle_path = bundles/x.sqlite: must be an absolute path, starting with /"},
        /* An unterminated quote was "must be an absolute path". */
        {"[kiosk]\nbundle_path = \"/media/usb stick/bundle.sqlite\n",
         "rostrum.ini:2: bundle_path = \"/media/usb stick/bundle.sqlite: the quote is not closed (end the path with "
         "'\"', or write it without quotes)"},
        {"[kiosk]\nbundle_path = \"\n",
         "rostrum.ini:2: bundle_path = \": the quote is not closed (end the path with '\"', or write it without quotes)"},
        {"[kiosk]\nbundle_path = /srv/x.sqlite\"\n",
         "rostrum.ini:2: bundle_path = /srv/x.sqlite\": a closing quote without an opening one (start the path with "
         "'\"', or write it without quotes)"},
        {"[kiosk]\nkiosk = maybe\n", "rostrum.ini:2: kiosk = maybe: must be true or false (or yes/no, on/off, 1/0)"},
        {"[kiosk]\nwatchdog = 2\n", "rostrum.ini:2: watchdog = 2: must be true or false (or yes/no, on/off, 1/0)"},
        {"[display]\nfullscreen =\n",
         "rostrum.ini:2: fullscreen has no value: must be true or false (or yes/no, on/off, 1/0)"},
        {"[display]\nwidth = 100\n", "rostrum.ini:2: width = 100: must be a whole number of pixels from 240 to 16384"},
        {"[display]\nwidth = 800px\n",
         "rostrum.ini:2: width = 800px: must be a whole number of pixels from 240 to 16384"},
        {"[display]\nheight = 16385\n",
         "rostrum.ini:2: height = 16385: must be a whole number of pixels from 240 to 16384"},
        {"[display]\nheight = 99999999999999999999\n",
         "rostrum.ini:2: height = 99999999999999999999: must be a whole number of pixels from 240 to 16384"},
        {"\n\n\n\n\n[display]\nrotation = 45\n", "rostrum.ini:7: rotation = 45: must be 0, 90, 180 or 270"},
        {"[display]\nrotation = -90\n", "rostrum.ini:2: rotation = -90: must be 0, 90, 180 or 270"},
        {"[display]\nrotation = 360\n", "rostrum.ini:2: rotation = 360: must be 0, 90, 180 or 270"},
        {"[display]\nrotation = 90 # portrait\n",
         "rostrum.ini:2: rotation = 90 # portrait: must be 0, 90, 180 or 270 "
         "(a comment after a value starts with ' ;', not '#')"},
        {"[display]\nscale = 4\n", "rostrum.ini:2: scale = 4: must be a number from 0.5 to 3.0, like 1.25"},
        {"[display]\nscale = 0.4\n", "rostrum.ini:2: scale = 0.4: must be a number from 0.5 to 3.0, like 1.25"},
        {"[display]\nscale = 1,5\n", "rostrum.ini:2: scale = 1,5: must be a number from 0.5 to 3.0, like 1.25"},
        {"[display]\nscale = .5\n", "rostrum.ini:2: scale = .5: must be a number from 0.5 to 3.0, like 1.25"},
        {"[display]\nscreen_diagonal_inches = 2\n",
         "rostrum.ini:2: screen_diagonal_inches = 2: must be the screen's diagonal in inches, from 3 to 100, "
         "like 7 or 10.1"},
        {"[display]\nscreen_diagonal_inches = 7in\n",
         "rostrum.ini:2: screen_diagonal_inches = 7in: must be the screen's diagonal in inches, from 3 to 100, "
         "like 7 or 10.1"},
        {"[display]\ntheme = dark\n", "rostrum.ini:2: theme = dark: must be light or high-contrast"},
        {"[display]\nlanguage = de\n", "rostrum.ini:2: language = de: must be en, zh_CN, ru, ar, fr or es"},
        {"[display]\nlanguage = fr_FR\n", "rostrum.ini:2: language = fr_FR: must be en, zh_CN, ru, ar, fr or es"},
        {"[display]\nsoftware_renderer = y\n",
         "rostrum.ini:2: software_renderer = y: must be true or false (or yes/no, on/off, 1/0)"},
        {"[idle]\nidle_seconds = 5\n",
         "rostrum.ini:2: idle_seconds = 5: must be a whole number of seconds from 10 to 86400"},
        {"[idle]\nidle_seconds = 1.5\n",
         "rostrum.ini:2: idle_seconds = 1.5: must be a whole number of seconds from 10 to 86400"},
        {"[idle]\ncountdown_seconds = 121\n",
         "rostrum.ini:2: countdown_seconds = 121: must be a whole number of seconds from 0 to 120"},
        {"[idle]\nattract_seconds = -1\n",
         "rostrum.ini:2: attract_seconds = -1: must be a whole number of seconds from 0 (off) to 86400"},
        {"[idle]\nattract_seconds = 86401\n",
         "rostrum.ini:2: attract_seconds = 86401: must be a whole number of seconds from 0 (off) to 86400"},
        {"[admin]\nadmin_hold_seconds = 61\n",
         "rostrum.ini:2: admin_hold_seconds = 61: must be a whole number of seconds from 0 (off) to 60"},
        {"[admin]\nadmin_chord = A\n",
         "rostrum.ini:2: admin_chord = A: needs at least one modifier (Ctrl, Alt, Shift or Gui), e.g. Ctrl+Alt+A"},
        {"[admin]\nadmin_chord = Ctrl+Hyper+A\n",
         "rostrum.ini:2: admin_chord = Ctrl+Hyper+A: unknown modifier 'Hyper' (use Ctrl, Alt, Shift or Gui)"},
        {"[admin]\nadmin_chord = Ctrl+Alt+Enter\n",
         "rostrum.ini:2: admin_chord = Ctrl+Alt+Enter: the key 'Enter' must be a letter, a digit or F1 to F12"},
        {"[admin]\nadmin_chord = Ctrl+F13\n",
         "rostrum.ini:2: admin_chord = Ctrl+F13: the key 'F13' must be a letter, a digit or F1 to F12"},
        {"[admin]\nadmin_chord = Ctrl+Alt\n",
         "rostrum.ini:2: admin_chord = Ctrl+Alt: ends with a modifier; add a key, e.g. Ctrl+Alt+A"},
        {"[admin]\nadmin_chord = Ctrl+ctrl+A\n", "rostrum.ini:2: admin_chord = Ctrl+ctrl+A: ctrl is given twice"},
        {"[admin]\nadmin_chord = Ctrl++A\n",
         "rostrum.ini:2: admin_chord = Ctrl++A: an empty part (write it like Ctrl+Alt+A)"},
        /* admin_pin: never echoed. */
        {"[admin]\nadmin_pin = 1234\n",
         "rostrum.ini:2: admin_pin holds a PIN, not its hash: replace it with what 'rostrum --hash-pin PIN' prints"},
        {"[admin]\nadmin_pin = sha1$1$aa$bb\n",
         "rostrum.ini:2: admin_pin: not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH); make a new one "
         "with 'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$100000$00112233445566778899aabbccddeeff\n",
         "rostrum.ini:2: admin_pin: not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH); make a new one "
         "with 'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da\n",
         "rostrum.ini:2: admin_pin: the iteration count must be from 10000 to 1000000; make a new one with "
         "'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$1e5$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da\n",
         "rostrum.ini:2: admin_pin: the iteration count must be from 10000 to 1000000; make a new one with "
         "'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$100000$0011223344556677889$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da\n",
         "rostrum.ini:2: admin_pin: the salt must be 16 to 128 hexadecimal digits; make a new one with "
         "'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$100000$zz112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da\n",
         "rostrum.ini:2: admin_pin: the salt must be 16 to 128 hexadecimal digits; make a new one with "
         "'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44\n",
         "rostrum.ini:2: admin_pin: the hash must be 64 hexadecimal digits; make a new one with "
         "'rostrum --hash-pin PIN'"},
        {"[admin]\nadmin_pin = pbkdf2-sha256$100000$00112233445566778899aabbccddeeff$"
         "680d7e5099c8e9f511552c28df2c4359668a6e546e808107b35f83172fdc44da$00\n",
         "rostrum.ini:2: admin_pin: the hash must be 64 hexadecimal digits; make a new one with "
         "'rostrum --hash-pin PIN'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(cases[i].text, cases[i].message);
}

static void test_scale_or_diagonal(void **state)
{
    (void)state;
    expect_error("[display]\nscale = 1.2\nrotation = 90\nscreen_diagonal_inches = 7\n",
                 "rostrum.ini:4: screen_diagonal_inches: set either scale or screen_diagonal_inches, not both "
                 "(scale is set on line 2)");
    expect_error("[display]\nscreen_diagonal_inches = 7\nscale = 1.2\n",
                 "rostrum.ini:3: scale: set either scale or screen_diagonal_inches, not both "
                 "(screen_diagonal_inches is set on line 2)");
}

/* ---- keys, sections and lines ------------------------------------------- */

static void test_unknown_keys(void **state)
{
    (void)state;
    expect_error("[idle]\nidle_secs = 30\n",
                 "rostrum.ini:2: unknown key 'idle_secs' in [idle] (did you mean 'idle_seconds'?)");
    expect_error("[display]\nRotation = 90\n",
                 "rostrum.ini:2: unknown key 'Rotation' in [display] (did you mean 'rotation'?)");
    expect_error("[admin]\npin = x\n", "rostrum.ini:2: unknown key 'pin' in [admin] (did you mean 'admin_pin'?)");
    expect_error("[idle]\nrotaton = 90\n",
                 "rostrum.ini:2: unknown key 'rotaton' in [idle] (did you mean 'rotation' in [display]?)");
    expect_error("[display]\ncolour = blue\n", "rostrum.ini:2: unknown key 'colour' in [display]");
    expect_error("volume = 11\n", "rostrum.ini:1: key 'volume' is outside any section; put it under [audio]");
    expect_error("[audio]\nvolum = 11\n", "rostrum.ini:2: unknown key 'volum' in [audio] (did you mean 'volume'?)");
    expect_error("[kiosk]\n= /srv/b.sqlite\n", "rostrum.ini:2: '= /srv/b.sqlite' has no key name before the '='");
}

/* [audio] (issue 16): the values, and each voice_LANG's form (whether
 * espeak-ng has the voice is checked when the engine starts: test_speech). */
static void test_audio(void **state)
{
    (void)state;
    rs_config c;
    char error[4096];
    bool ok = load_text("[audio]\nenabled = no\nvolume = 35\nspoken_navigation = on\nvoice_zh = cmn\n"
                        "voice_yue=yue\nvoice_en = gmw/en-GB+f3\n",
                        &c, error, sizeof error);
    if (!ok)
        print_error("%s\n", error);
    assert_true(ok);
    assert_false(c.audio_enabled);
    assert_int_equal(c.audio_volume, 35);
    assert_true(c.spoken_navigation);
    assert_int_equal(c.voice_count, 3);
    assert_string_equal(c.voices[0].language, "zh"), assert_string_equal(c.voices[0].name, "cmn");
    assert_int_equal(c.voices[0].line, 5);
    assert_string_equal(c.voices[1].language, "yue"), assert_string_equal(c.voices[1].name, "yue");
    assert_string_equal(c.voices[2].name, "gmw/en-GB+f3");
    assert_int_equal(c.voices[2].line, 7);
    assert_true(load_text("[audio]\nvolume = 0\n", &c, error, sizeof error));
    assert_int_equal(c.audio_volume, 0);

    expect_error("[audio]\nvolume = 101\n",
                 "rostrum.ini:2: volume = 101: must be a whole number from 0 (silent) to 100");
    expect_error("[audio]\nvolume = loud\n",
                 "rostrum.ini:2: volume = loud: must be a whole number from 0 (silent) to 100");
    expect_error("[audio]\nenabled = maybe\n",
                 "rostrum.ini:2: enabled = maybe: must be true or false (or yes/no, on/off, 1/0)");
    expect_error("[audio]\nspoken_navigation =\n",
                 "rostrum.ini:2: spoken_navigation has no value: must be true or false (or yes/no, on/off, 1/0)");
    expect_error("[audio]\nvoice_zh = c m n\n",
                 "rostrum.ini:2: voice_zh = c m n: must be an espeak-ng voice name (letters, digits and - _ + /), "
                 "like cmn or en-us");
    expect_error("[audio]\nvoice_zh = ../../etc/passwd\n",
                 "rostrum.ini:2: voice_zh = ../../etc/passwd: must be an espeak-ng voice name (letters, digits and "
                 "- _ + /), like cmn or en-us");
    expect_error("[audio]\nvoice_zh =\n",
                 "rostrum.ini:2: voice_zh has no value: must be an espeak-ng voice name (letters, digits and - _ + /), "
                 "like cmn or en-us");
    expect_error("[audio]\nvoice_Chinese = cmn\n",
                 "rostrum.ini:2: unknown key 'voice_Chinese' in [audio]: after voice_ comes a language's two- or "
                 "three-letter code in small letters, like voice_zh or voice_yue");
    expect_error("[audio]\nvoice_zh = cmn\nvolume = 50\nvoice_zh = yue\n",
                 "rostrum.ini:4: duplicate key 'voice_zh' in [audio] (first set on line 2)");
    expect_error("[display]\nvoice_zh = cmn\n", "rostrum.ini:2: key 'voice_zh' belongs in [audio], not [display]");
    expect_error("[audio]\nvolume = 50\nvolume = 60\n",
                 "rostrum.ini:3: duplicate key 'volume' in [audio] (first set on line 2)");
    /* Every voice line at most once a language, at most RS_CONFIG_VOICES of them. */
    char text[2048] = "[audio]\n";
    for (int i = 0; i <= RS_CONFIG_VOICES; i++) {
        char line[32];
        snprintf(line, sizeof line, "voice_a%c = x\n", 'a' + i);
        strcat(text, line);
    }
    expect_error(text, "rostrum.ini:18: voice_aq: at most 16 voice_ settings");
}

static void test_wrong_section(void **state)
{
    (void)state;
    expect_error("[idle]\nrotation = 90\n", "rostrum.ini:2: key 'rotation' belongs in [display], not [idle]");
    expect_error("kiosk = true\n", "rostrum.ini:1: key 'kiosk' is outside any section; put it under [kiosk]");
}

static void test_unknown_section(void **state)
{
    (void)state;
    /* The keys under it are not reported again. */
    expect_error("[disply]\nrotation = 90\nwhatever = 1\n",
                 "rostrum.ini:1: unknown section [disply] (did you mean [display]?)");
    expect_error("[ idle ]\n", "rostrum.ini:1: unknown section [ idle ] (did you mean [idle]?)");
    expect_error("[network]\n",
                 "rostrum.ini:1: unknown section [network] (the sections are [kiosk], [display], [idle], [admin] and [audio])");
    expect_error("[display\n", "rostrum.ini:1: section header without a closing ']'");
    expect_error("[display] rotation = 90\n", "rostrum.ini:1: unexpected text after the section header");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    expect_error("[display]\nrotation = 90\n\n[idle]\n[display]\nrotation = 180\n",
                 "rostrum.ini:6: duplicate key 'rotation' in [display] (first set on line 2)");
    /* Even when the first one was bad: both are reported. */
    expect_error("[display]\nrotation = 45\nrotation = 90\n",
                 "rostrum.ini:2: rotation = 45: must be 0, 90, 180 or 270\n"
                 "rostrum.ini:3: duplicate key 'rotation' in [display] (first set on line 2)");
}

static void test_bad_lines(void **state)
{
    (void)state;
    expect_error("[display]\nfullscreen\n", "rostrum.ini:2: expected 'key = value' or a '[section]' header");
    /* Indented lines are ordinary lines, never continuations of the one before. */
    rs_config c;
    char error[1024];
    assert_true(load_text("[display]\nrotation = 90\n    width = 1024\n", &c, error, sizeof error));
    assert_int_equal(c.rotation, 90);
    assert_int_equal(c.width, 1024);
    /* Lines inih cannot hold are refused, not split. */
    char text[400];
    snprintf(text, sizeof text, "[kiosk]\nbundle_path = /%0250d\n", 0);
    expect_error(text, "rostrum.ini:2: line is longer than 199 characters");
    /* A zero byte: not a text file. */
    static const char binary[] = "[display]\nrotation = 9\0000\n";
    write_file(scratch_path(), binary, sizeof binary - 1);
    char raw[1024];
    assert_false(rs_config_load(&c, scratch_path(), raw, sizeof raw));
    assert_non_null(strstr(raw, ":2: line contains a zero byte (is this a text file?)"));
}

static void test_every_problem_in_line_order(void **state)
{
    (void)state;
    rs_config c;
    char error[2048];
    assert_false(rs_config_load(&c, FIXTURE("many.ini"), error, sizeof error));
#define MANY FIXTURE("many.ini")
    assert_string_equal(error, MANY ":2: rotation = 45: must be 0, 90, 180 or 270\n"
                               MANY ":3: width = 100: must be a whole number of pixels from 240 to 16384\n"
                               MANY ":4: unknown key 'colour' in [display]\n"
                               MANY ":7: unknown key 'idle_secs' in [idle] (did you mean 'idle_seconds'?)\n"
                               MANY ":8: idle_seconds = 5: must be a whole number of seconds from 10 to 86400\n"
                               MANY ":10: unknown section [admn] (did you mean [admin]?)");
#undef MANY
    /* Nothing half-configured: a failed load leaves the defaults. */
    expect_defaults(&c);
}

static void test_short_error_buffer(void **state)
{
    (void)state;
    rs_config c;
    /* Room for two of the six lines and the note. */
    size_t line = strlen(FIXTURE("many.ini") ":2: rotation = 45: must be 0, 90, 180 or 270");
    char error[400];
    size_t size = line + 80 + 80;
    assert_true(size < sizeof error);
    assert_false(rs_config_load(&c, FIXTURE("many.ini"), error, size));
    assert_string_equal(error, FIXTURE("many.ini") ":2: rotation = 45: must be 0, 90, 180 or 270\n"
                                                   "(5 more problems not shown)");
    /* Too small for one line: as much of it as fits. */
    char tiny[12];
    assert_false(rs_config_load(&c, FIXTURE("many.ini"), tiny, sizeof tiny));
    assert_int_equal(strlen(tiny), sizeof tiny - 1);
    /* No buffer at all is fine. */
    assert_false(rs_config_load(&c, FIXTURE("many.ini"), NULL, 0));
}

/* ---- the lookup rule ----------------------------------------------------- */

static void test_missing_explicit_file(void **state)
{
    (void)state;
    rs_config c;
    char error[512];
    assert_false(rs_config_find_and_load(&c, "/nonexistent/rostrum.ini", "/nonexistent/other.ini", error,
                                         sizeof error));
    assert_string_equal(error, "/nonexistent/rostrum.ini: cannot open the configuration file: No such file or directory");
    assert_false(rs_config_load(&c, "/nonexistent/rostrum.ini", error, sizeof error));
    assert_string_equal(error, "/nonexistent/rostrum.ini: cannot open the configuration file: No such file or directory");
}

static void test_absent_default_file(void **state)
{
    (void)state;
    rs_config c;
    char error[512] = "x";
    assert_true(rs_config_find_and_load(&c, NULL, "/nonexistent/rostrum.ini", error, sizeof error));
    assert_string_equal(error, "");
    expect_defaults(&c); /* and c.path is "": no file was read */
    /* A path through a file, not a folder, is absent too. */
    assert_true(rs_config_find_and_load(&c, NULL, FIXTURE("empty.ini") "/rostrum.ini", error, sizeof error));
    expect_defaults(&c);
}

static void test_default_file_and_override(void **state)
{
    (void)state;
    rs_config c;
    char error[512];
    write_file(scratch_path(), "[display]\nrotation = 90\n", strlen("[display]\nrotation = 90\n"));
    /* The default file is read when it exists... */
    assert_true(rs_config_find_and_load(&c, NULL, scratch_path(), error, sizeof error));
    assert_string_equal(c.path, scratch_path());
    assert_int_equal(c.rotation, 90);
    /* ...and a bad one is an error, like any other. */
    write_file(scratch_path(), "[display]\nrotation = 1\n", strlen("[display]\nrotation = 1\n"));
    assert_false(rs_config_find_and_load(&c, NULL, scratch_path(), error, sizeof error));
    /* --config wins over it. */
    assert_true(rs_config_find_and_load(&c, FIXTURE("full.ini"), scratch_path(), error, sizeof error));
    assert_string_equal(c.path, FIXTURE("full.ini"));
    assert_int_equal(c.rotation, 270);
}

static void test_unreadable_file(void **state)
{
    (void)state;
    rs_config c;
    char error[512];
    assert_false(rs_config_load(&c, scratch_dir, error, sizeof error));
    char expected[256];
    snprintf(expected, sizeof expected, "%s: is a directory, not a regular file", scratch_dir);
    assert_string_equal(error, expected);
    /* /dev/null reads as an empty file: the defaults. */
    assert_true(rs_config_load(&c, "/dev/null", error, sizeof error));
    assert_string_equal(c.path, "/dev/null");
    snprintf(expected, sizeof expected, "%s/missing.ini", scratch_dir);
    assert_false(rs_config_load(&c, expected, error, sizeof error));
    assert_string_equal(strstr(error, ": "), ": cannot open the configuration file: No such file or directory");
}

/* --config /dev/zero grew memory by 220 MB/s without end; /dev/urandom and
 * a FIFO never returned. Only a regular file is read, and at most 64 KB of
 * it; alarm() turns a hang back into a failure. */
static void test_special_and_large_files(void **state)
{
    (void)state;
    rs_config c;
    char error[512], expected[256];
    alarm(20);
    assert_false(rs_config_load(&c, "/dev/zero", error, sizeof error));
    assert_string_equal(error, "/dev/zero: is a character device, not a regular file");
    assert_false(rs_config_load(&c, "/dev/urandom", error, sizeof error));
    assert_string_equal(error, "/dev/urandom: is a character device, not a regular file");
    char fifo[128];
    snprintf(fifo, sizeof fifo, "%s/fifo.ini", scratch_dir);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    assert_false(rs_config_load(&c, fifo, error, sizeof error));
    snprintf(expected, sizeof expected, "%s: is a FIFO, not a regular file", fifo);
    assert_string_equal(error, expected);
    unlink(fifo);
    alarm(0);
    expect_defaults(&c);

    /* 64 KB of comments loads; one byte more does not. */
    size_t size = 64 * 1024;
    char *text = malloc(size + 1);
    memset(text, ';', size + 1);
    for (size_t i = 99; i < size + 1; i += 100)
        text[i] = '\n';
    memcpy(text, "[display]\nrotation = 90\n", 24);
    write_file(scratch_path(), text, size);
    assert_true(rs_config_load(&c, scratch_path(), error, sizeof error));
    assert_int_equal(c.rotation, 90);
    write_file(scratch_path(), text, size + 1);
    assert_false(rs_config_load(&c, scratch_path(), error, sizeof error));
    snprintf(expected, sizeof expected, "%s: is 65,537 bytes; the limit is 65,536 bytes (64 KB)", scratch_path());
    assert_string_equal(error, expected);
    free(text);
}

/* ---- PINs ---------------------------------------------------------------- */

/* What pin.c makes loads from a file as it is printed, and the settings
 * then accept that PIN and no other (pin.c's own rules: test_pin.c). */
static void test_pin_from_settings(void **state)
{
    (void)state;
    rs_config c;
    rs_config_defaults(&c);
    char hash[RS_PIN_HASH_TEXT_SIZE];
    assert_true(rs_pin_hash("4321", hash, sizeof hash));
    char text[512], error[1024];
    snprintf(text, sizeof text, "[admin]\nadmin_pin = %s\n", hash);
    assert_true(load_text(text, &c, error, sizeof error));
    assert_string_equal(c.admin_pin, hash);
    assert_true(rs_config_check_pin(&c, "4321"));
    assert_false(rs_config_check_pin(&c, "4322"));
    assert_false(rs_config_check_pin(&c, NULL));
    strcpy(c.admin_pin, HASH_13579);
    assert_true(rs_config_check_pin(&c, "13579"));
    assert_false(rs_config_check_pin(&c, "4321"));
    /* No admin_pin: no PIN is right, and no admin screen. */
    c.admin_pin[0] = '\0';
    assert_false(rs_config_check_pin(&c, "4321"));
    assert_false(rs_config_check_pin(NULL, "4321"));
}

/* ---- sizes --------------------------------------------------------------- */

static void test_effective_scale(void **state)
{
    (void)state;
    rs_config c;
    rs_config_defaults(&c);
    assert_true(rs_config_effective_scale(&c, 800, 480) == 1.0);
    c.scale = 1.5;
    assert_true(rs_config_effective_scale(&c, 800, 480) == 1.5);
    /* A 7-inch 800x480 panel: 48 px targets are already about 9 mm. */
    c.scale = 1.0;
    c.screen_diagonal_inches = 7;
    double s = rs_config_effective_scale(&c, 800, 480);
    assert_true(s > 0.97 && s < 0.99);
    /* Same pixels in portrait: the same physical size. */
    assert_true(rs_config_effective_scale(&c, 480, 800) == s);
    /* A 5-inch 800x480 panel has smaller pixels: everything grows. */
    c.screen_diagonal_inches = 5;
    s = rs_config_effective_scale(&c, 800, 480);
    assert_true(s > 1.37 && s < 1.39);
    /* A 10.1-inch 1280x800 panel: 80 px targets would be 13.6 mm; make them 9. */
    c.screen_diagonal_inches = 10.1;
    s = rs_config_effective_scale(&c, 1280, 800);
    assert_true(s > 0.65 && s < 0.67);
    /* Clamped: on a 32-inch 1920x1080 screen 9 mm would need 0.23. */
    c.screen_diagonal_inches = 32;
    assert_true(rs_config_effective_scale(&c, 1920, 1080) == 0.5);
    /* Clamped: a 3-inch 1600x240 strip would need 8. */
    c.screen_diagonal_inches = 3;
    assert_true(rs_config_effective_scale(&c, 1600, 240) == 3.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_empty_file_is_defaults),
        cmocka_unit_test(test_full_file),
        cmocka_unit_test(test_windows_file),
        cmocka_unit_test(test_shipped_file),
        cmocka_unit_test(test_value_spellings),
        cmocka_unit_test(test_chords),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_scale_or_diagonal),
        cmocka_unit_test(test_unknown_keys),
        cmocka_unit_test(test_audio),
        cmocka_unit_test(test_wrong_section),
        cmocka_unit_test(test_unknown_section),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_every_problem_in_line_order),
        cmocka_unit_test(test_short_error_buffer),
        cmocka_unit_test(test_missing_explicit_file),
        cmocka_unit_test(test_absent_default_file),
        cmocka_unit_test(test_default_file_and_override),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_special_and_large_files),
        cmocka_unit_test(test_pin_from_settings),
        cmocka_unit_test(test_effective_scale),
    };
    return cmocka_run_group_tests(tests, make_scratch, remove_scratch);
}
