/*
 * The viewer's command line (README "Command line"), read with getopt_long
 * into plain data: what was given, and what the program should do. No SDL,
 * no output, no settings file: main.c prints, loads the settings and lets
 * what was given here override them.
 *
 * Arguments are read in order, as typed. The first of --help, --version or
 * a mistake decides the outcome; the rest are still read, because two
 * things act before that outcome in main.c: --hash-pin (wherever it stands,
 * the first one) and --config with --screenshot, --script or --speak-to, which choose
 * the settings file read before anything is printed. Long options may be
 * shortened to any unambiguous prefix and take their value as "--size
 * 800x480" or "--size=800x480"; "--" ends the options.
 */
#ifndef RS_OPTIONS_H
#define RS_OPTIONS_H

#include <stdbool.h>

typedef enum rs_options_outcome {
    RS_OPTIONS_RUN,      /* start the viewer */
    RS_OPTIONS_HELP,     /* --help or -h: print rs_options_usage() to stdout, exit 0 */
    RS_OPTIONS_VERSION,  /* --version: print the version, exit 0 */
    RS_OPTIONS_HASH_PIN, /* --hash-pin: print the admin_pin line for hash_pin, exit */
    RS_OPTIONS_ERROR,    /* print error (then a blank line and the usage when
                          * error_usage) to stderr, exit 2 */
} rs_options_outcome;

typedef struct rs_options {
    rs_options_outcome outcome;
    char error[320]; /* RS_OPTIONS_ERROR: one line, no newline, e.g.
                      * "rostrum: unexpected argument '--bogus'" */
    bool error_usage;

    /* Pointers into argv (NULL: not given), valid as long as argv is. */
    const char *bundle_path;
    const char *route, *screenshot, *script, *font_dir, *config_path;
    const char *speak_to; /* --speak-to FILE.wav: what Listen would say, written there (speak_to.h) */
    const char *state_dir; /* --state-dir: where the PIN lockout is kept */
    const char *hash_pin; /* RS_OPTIONS_HASH_PIN: the PIN, "-" (read it from
                           * stdin) or NULL when --hash-pin ended the line */

    /* Flags: true when given. */
    bool fullscreen, kiosk, software, high_contrast, exit_after_first_frame;
    /* Values, each with whether it was given. */
    bool size_given;
    int width, height; /* 240..16384 */
    bool rotation_given;
    int rotation; /* 0, 90, 180 or 270 */
    bool language_given;
    int language; /* rs_ui_language */
    int speed;    /* --speed: rs_speech_speed for --speak-to; RS_SPEED_NORMAL (1) when not given */
} rs_options;

/* Reads argv[1..argc) into out (cleared first). Never fails: a mistake is
 * the outcome RS_OPTIONS_ERROR with its message. Uses getopt_long's global
 * state (optind is reset here), so one call at a time. argv is not changed. */
void rs_options_parse(int argc, char *const argv[], rs_options *out);

/* The text of --help, ending with a newline (static storage). */
const char *rs_options_usage(void);

#endif
