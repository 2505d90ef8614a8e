#include "options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "i18n.h"
#include "utterance.h"

static const char usage[] =
    "Usage: rostrum [BUNDLE] [options]\n"
    "Shows the statements in BUNDLE (default: the sample bundle) full-screen for visitors.\n"
    "\n"
    "  --route ROUTE         start on ROUTE: home, dates, dates/2021, dates/2021-07, dates/undated,\n"
    "                        countries, countries/GB, incidents, incidents/SLUG, statements/ID,\n"
    "                        search, search/WORDS\n"
    "  --size WxH            window size in pixels (default 800x480)\n"
    "  --fullscreen          fill the screen\n"
    "  --kiosk               full screen, no cursor, no screen blanking, and no way out for visitors:\n"
    "                        only SIGTERM or Exit on the admin screen end it\n"
    "  --software            use SDL's software renderer (no GPU)\n"
    "  --rotation DEGREES    turn the picture and touch 0, 90, 180 or 270 degrees clockwise\n"
    "  --high-contrast       black on white, outlines instead of colour\n"
    "  --language LANG       the language of the screens: en, zh_CN, ru, ar, fr or es (default: the settings file's, else en)\n"
    "  --screenshot FILE.png draw ROUTE without a display, write FILE.png and exit\n"
    "                        (exit status 1 if the bundle cannot be opened: the error screen is written)\n"
    "  --script FILE         replay the input in FILE without a display (see README) and exit\n"
    "  --speak-to FILE.wav   write what Listen says for ROUTE (statements/ID) to FILE.wav and exit,\n"
    "                        without a display or a sound card\n"
    "  --speed SPEED         --speak-to's speed: slower, normal (the default) or faster\n"
    "  --fonts DIR           the fonts folder (default: the one beside the program's sources)\n"
    "  --config FILE         read settings from FILE (default: " RS_CONFIG_DEFAULT_PATH " if it exists);\n"
    "                        the options given here override it\n"
    "  --state-dir DIR       keep wrong PINs and the PIN pad's lock in DIR across restarts\n"
    "                        (default: $STATE_DIRECTORY, which the service's StateDirectory= sets)\n"
    "  --hash-pin PIN        print the admin_pin value for PIN (4 to 8 digits; - reads it from stdin) and exit\n"
    "  --exit-after-first-frame  quit once the first frame is on screen (for start-up timing)\n"
    "  --help, --version\n"
    "\n"
    "Keys: arrows and Tab move the focus, Enter opens, Escape or Backspace goes back, Home goes home.\n";

const char *rs_options_usage(void)
{
    return usage;
}

/* getopt_long's codes for the long options; below 256, so never a short
 * option's character ('h') nor 1 (an argument that is no option). */
enum {
    OPT_ROUTE = 128,
    OPT_SIZE,
    OPT_FULLSCREEN,
    OPT_KIOSK,
    OPT_SOFTWARE,
    OPT_ROTATION,
    OPT_HIGH_CONTRAST,
    OPT_LANGUAGE,
    OPT_SCREENSHOT,
    OPT_SCRIPT,
    OPT_FONTS,
    OPT_CONFIG,
    OPT_STATE_DIR,
    OPT_HASH_PIN,
    OPT_EXIT_AFTER_FIRST_FRAME,
    OPT_SPEAK_TO,
    OPT_SPEED,
    OPT_HELP,
    OPT_VERSION,
};

static const struct option long_options[] = {
    {"route", required_argument, NULL, OPT_ROUTE},
    {"size", required_argument, NULL, OPT_SIZE},
    {"fullscreen", no_argument, NULL, OPT_FULLSCREEN},
    {"kiosk", no_argument, NULL, OPT_KIOSK},
    {"software", no_argument, NULL, OPT_SOFTWARE},
    {"rotation", required_argument, NULL, OPT_ROTATION},
    {"high-contrast", no_argument, NULL, OPT_HIGH_CONTRAST},
    {"language", required_argument, NULL, OPT_LANGUAGE},
    {"screenshot", required_argument, NULL, OPT_SCREENSHOT},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"fonts", required_argument, NULL, OPT_FONTS},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"state-dir", required_argument, NULL, OPT_STATE_DIR},
    {"hash-pin", required_argument, NULL, OPT_HASH_PIN},
    {"exit-after-first-frame", no_argument, NULL, OPT_EXIT_AFTER_FIRST_FRAME},
    {"speak-to", required_argument, NULL, OPT_SPEAK_TO},
    {"speed", required_argument, NULL, OPT_SPEED},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* The outcome, unless an earlier argument decided it already. */
static void decide(rs_options *o, rs_options_outcome outcome)
{
    if (o->outcome == RS_OPTIONS_RUN)
        o->outcome = outcome;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void fail(rs_options *o, bool with_usage, const char *format, ...)
{
    if (o->outcome != RS_OPTIONS_RUN)
        return;
    o->outcome = RS_OPTIONS_ERROR;
    o->error_usage = with_usage;
    va_list args;
    va_start(args, format);
    vsnprintf(o->error, sizeof o->error, format, args);
    va_end(args);
}

static bool parse_size(const char *text, int *width, int *height)
{
    char *end;
    long w = strtol(text, &end, 10);
    if (*end != 'x')
        return false;
    long h = strtol(end + 1, &end, 10);
    if (*end || w < 240 || h < 240 || w > 16384 || h > 16384)
        return false;
    *width = (int)w, *height = (int)h;
    return true;
}

static void parse_rotation(rs_options *o, const char *value)
{
    char *end;
    long degrees = strtol(value, &end, 10);
    if (*end || (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)) {
        fail(o, false, "rostrum: --rotation takes 0, 90, 180 or 270 (got '%s')", value);
        return;
    }
    o->rotation = (int)degrees, o->rotation_given = true;
}

static void parse_language(rs_options *o, const char *value)
{
    rs_ui_language chosen;
    if (!rs_i18n_parse(value, &chosen)) {
        fail(o, false, "rostrum: --language takes en, zh_CN, ru, ar, fr or es (got '%s')", value);
        return;
    }
    o->language = (int)chosen, o->language_given = true;
}

static void parse_speed(rs_options *o, const char *value)
{
    static const char *const names[RS_SPEED_COUNT] = {"slower", "normal", "faster"};
    for (int i = 0; i < RS_SPEED_COUNT; i++)
        if (strcmp(value, names[i]) == 0) {
            o->speed = i;
            return;
        }
    fail(o, false, "rostrum: --speed takes slower, normal or faster (got '%s')", value);
}

/* The bundle, named once, never as something that looks like an option. */
static void take_bundle(rs_options *o, const char *arg, bool options_ended)
{
    if ((arg[0] == '-' && !options_ended) || o->bundle_path)
        fail(o, true, "rostrum: unexpected argument '%s'", arg);
    else
        o->bundle_path = arg;
}

/* One option with its value (NULL for flags). */
static void take_option(rs_options *o, int code, const char *value)
{
    switch (code) {
    case OPT_HELP:
    case 'h': decide(o, RS_OPTIONS_HELP); break;
    case OPT_VERSION: decide(o, RS_OPTIONS_VERSION); break;
    case OPT_FULLSCREEN: o->fullscreen = true; break;
    case OPT_KIOSK: o->kiosk = true; break;
    case OPT_SOFTWARE: o->software = true; break;
    case OPT_HIGH_CONTRAST: o->high_contrast = true; break;
    case OPT_EXIT_AFTER_FIRST_FRAME: o->exit_after_first_frame = true; break;
    case OPT_ROUTE: o->route = value; break;
    case OPT_SCREENSHOT: o->screenshot = value; break;
    case OPT_SCRIPT: o->script = value; break;
    case OPT_SPEAK_TO: o->speak_to = value; break;
    case OPT_SPEED: parse_speed(o, value); break;
    case OPT_FONTS: o->font_dir = value; break;
    case OPT_CONFIG: o->config_path = value; break;
    case OPT_STATE_DIR: o->state_dir = value; break;
    case OPT_ROTATION: parse_rotation(o, value); break;
    case OPT_LANGUAGE: parse_language(o, value); break;
    case OPT_SIZE:
        if (parse_size(value, &o->width, &o->height))
            o->size_given = true;
        else
            fail(o, false, "rostrum: --size takes WIDTHxHEIGHT, each 240 to 16384, e.g. 800x480 (got '%s')", value);
        break;
    default: break;
    }
}

void rs_options_parse(int argc, char *const argv[], rs_options *out)
{
    memset(out, 0, sizeof *out);
    out->speed = RS_SPEED_NORMAL;
    bool hash_pin = false;
    /* "-": arguments that are no options come back in order (as code 1);
     * ":": a missing value is told apart from an unknown option. */
    optind = 0, opterr = 0;
    for (;;) {
        int at = optind > 0 ? optind : 1; /* the argument getopt_long reads now */
        int code = getopt_long(argc, argv, "-:h", long_options, NULL);
        if (code == -1)
            break;
        /* What the last call read: the argument it finished with. */
        const char *arg = argv[optind > at ? optind - 1 : at];
        if (code == 1) {
            take_bundle(out, optarg, false);
        } else if (code == ':' && optopt == OPT_HASH_PIN) {
            /* Kept as before getopt: --hash-pin alone says what it takes. */
            if (!hash_pin)
                hash_pin = true, out->hash_pin = NULL;
        } else if (code == '?' || code == ':') {
            fail(out, true, "rostrum: unexpected argument '%s'", arg);
        } else if (code == OPT_HASH_PIN) {
            if (!hash_pin)
                hash_pin = true, out->hash_pin = optarg;
        } else {
            take_option(out, code, optarg);
        }
    }
    /* After "--", what is left can only be the bundle. */
    for (int i = optind; i < argc; i++)
        take_bundle(out, argv[i], true);
    if (hash_pin)
        out->outcome = RS_OPTIONS_HASH_PIN, out->error[0] = '\0', out->error_usage = false;
    else if (out->screenshot && out->script)
        fail(out, false, "rostrum: use either --screenshot or --script, not both");
    else if (out->speak_to && (out->screenshot || out->script))
        fail(out, false, "rostrum: --speak-to writes sound only: use it without --screenshot and --script");
}
