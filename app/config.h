/*
 * The viewer's configuration file: an INI file read with inih.
 *
 *   [kiosk]    bundle_path, kiosk, watchdog
 *   [display]  fullscreen, width, height, rotation, scale,
 *              screen_diagonal_inches, theme, software_renderer
 *   [idle]     idle_seconds, countdown_seconds, attract_seconds
 *   [admin]    admin_pin, admin_chord, admin_hold_seconds
 *   [audio]    enabled, volume, spoken_navigation, voice_LANG (issue 16)
 *
 * Every key has a default (rs_config_defaults) and is optional. Each key
 * belongs to one section. An unknown section or key, a key in the wrong
 * section or outside any section, a key given twice, a bad value or a line
 * that is not "key = value" or "[section]" is an error: loading reads the
 * whole file, reports every problem, one per line, as
 * "PATH:LINE: message", and fails, so the kiosk never starts
 * half-configured. README.md ("Settings") describes every key.
 *
 * No SDL here: this is plain C, unit-tested in tests/test_config.c.
 */
#ifndef RS_CONFIG_H
#define RS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Read when no --config is given, if it exists. */
#ifndef RS_CONFIG_DEFAULT_PATH
#define RS_CONFIG_DEFAULT_PATH "/etc/rostrum/rostrum.ini"
#endif

#define RS_CONFIG_PATH_SIZE 1024
#define RS_CONFIG_PIN_HASH_SIZE 256
#define RS_CONFIG_CHORD_SIZE 32
/* [audio] voice_LANG: how many languages may name a voice, and the longest name. */
#define RS_CONFIG_VOICES 16
#define RS_CONFIG_VOICE_SIZE 64

/* One voice_LANG setting: checked for its form here; whether espeak-ng has
 * the voice is known only once the engine runs (app_speech.c, speak_to.c),
 * which then reports it with line and uses the default voice. */
typedef struct rs_config_voice {
    char language[4];                /* "zh": 2 or 3 small letters */
    char name[RS_CONFIG_VOICE_SIZE]; /* "cmn", "en-us", "gmw/en-GB", "en+f3" */
    int line;
} rs_config_voice;

typedef enum rs_config_theme {
    RS_CONFIG_THEME_LIGHT,         /* "light" (the default) */
    RS_CONFIG_THEME_HIGH_CONTRAST, /* "high-contrast" */
} rs_config_theme;

/* Modifier bits of admin_chord_mods. */
enum {
    RS_CONFIG_MOD_CTRL = 1,
    RS_CONFIG_MOD_ALT = 2,
    RS_CONFIG_MOD_SHIFT = 4,
    RS_CONFIG_MOD_GUI = 8,
};

typedef struct rs_config {
    /* The file these settings came from; "" when they are the defaults. */
    char path[RS_CONFIG_PATH_SIZE];

    /* [kiosk] */
    char bundle_path[RS_CONFIG_PATH_SIZE]; /* absolute; "" = the built-in default (the sample bundle) */
    bool kiosk;                            /* lock the viewer down for visitors; implies fullscreen */
    bool watchdog;                         /* answer systemd's watchdog (WatchdogSec=) when asked to; default true */

    /* [display] */
    bool fullscreen;
    int width, height;             /* window size, 240..16384; default 800x480 */
    int rotation;                  /* 0, 90, 180 or 270 degrees clockwise */
    double scale;                  /* 0.5..3.0; 1 when not set */
    double screen_diagonal_inches; /* 3..100; 0 when not set (then scale applies) */
    rs_config_theme theme;
    bool software_renderer;
    char language[8];              /* the visitor's language after an idle reset: en, zh_CN, ru, ar, fr or es; default en */

    /* [idle] */
    int idle_seconds;      /* 10..86400, default 90 */
    int countdown_seconds; /* 0..120, default 10 */
    int attract_seconds;   /* 0 (off)..86400, default 300 */

    /* [admin] */
    char admin_pin[RS_CONFIG_PIN_HASH_SIZE]; /* a hash from pin.h; "" = no admin screen */
    char admin_chord[RS_CONFIG_CHORD_SIZE];  /* normalised, e.g. "Ctrl+Alt+A"; "" = no chord */
    unsigned admin_chord_mods;               /* RS_CONFIG_MOD_* bits; 0 when there is no chord */
    char admin_chord_key[4];                 /* SDL key name: "A".."Z", "0".."9", "F1".."F12"; "" = none */
    int admin_hold_seconds;                  /* hold the top-left corner this long; 0 = off; default 5 */

    /* [audio] (issue 16) */
    bool audio_enabled;      /* speak at all (the Listen button); default true */
    int audio_volume;        /* 0..100, default 80 */
    bool spoken_navigation;  /* every focus change is spoken; default false */
    rs_config_voice voices[RS_CONFIG_VOICES]; /* voice_LANG, in file order */
    size_t voice_count;
} rs_config;

/* Fills out with every default. */
void rs_config_defaults(rs_config *out);

/* Reads path into out, starting from the defaults. On any problem returns
 * false and writes to error (if not NULL) every problem, one per line
 * ("PATH:LINE: message", lines separated by '\n', no final newline; cut
 * short with a last line saying how many more there were when error_size is
 * too small). A file that cannot be opened or read is an error. out is
 * left at the defaults on failure. */
bool rs_config_load(rs_config *out, const char *path, char *error, size_t error_size);

/* The lookup rule. explicit_path (--config PATH) when not NULL: it must
 * exist. Otherwise default_path (normally RS_CONFIG_DEFAULT_PATH) if it
 * exists; if it does not, the defaults, and out->path is "". Returns false
 * with error set as for rs_config_load. out->path tells which file was
 * read. Command-line flags override what this returns; the caller applies
 * them afterwards. */
bool rs_config_find_and_load(rs_config *out, const char *explicit_path, const char *default_path,
                             char *error, size_t error_size);

/* The size factor for the theme (rs_theme_options.scale) on a screen of
 * width x height pixels: scale, or, when screen_diagonal_inches is set, the
 * factor that makes the minimum touch target (a tenth of the short side at
 * scale 1) 9 mm on that screen, clamped to 0.5..3.0. */
double rs_config_effective_scale(const rs_config *c, int width, int height);

/* True when c has an admin_pin and pin matches it (rs_pin_verify, in
 * pin.h: constant time, as long as hashing). False when no admin_pin is set. */
bool rs_config_check_pin(const rs_config *c, const char *pin);

#endif
