/* rostrum: the kiosk viewer. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* realpath */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "i18n.h"
#include "pin.h"
#include "bundle_format.h"

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
    "  --language LANG       the language of the screens: en, zh_CN or ru (default: the settings file's, else en)\n"
    "  --screenshot FILE.png draw ROUTE without a display, write FILE.png and exit\n"
    "                        (exit status 1 if the bundle cannot be opened: the error screen is written)\n"
    "  --script FILE         replay the input in FILE without a display (see README) and exit\n"
    "  --fonts DIR           the fonts folder (default: the one beside the program's sources)\n"
    "  --config FILE         read settings from FILE (default: " RS_CONFIG_DEFAULT_PATH " if it exists);\n"
    "                        the options given here override it\n"
    "  --hash-pin PIN        print the admin_pin value for PIN (4 to 8 digits; - reads it from stdin) and exit\n"
    "  --exit-after-first-frame  quit once the first frame is on screen (for start-up timing)\n"
    "  --help, --version\n"
    "\n"
    "Keys: arrows and Tab move the focus, Enter opens, Escape or Backspace goes back, Home goes home.\n";

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

/* Prints the admin_pin line for a PIN (from the argument, or stdin for "-"). */
static int hash_pin(const char *pin)
{
    char line[64] = "";
    if (pin && strcmp(pin, "-") == 0) {
        if (fgets(line, sizeof line, stdin))
            line[strcspn(line, "\r\n")] = '\0';
        pin = line;
    }
    if (!pin || !rs_pin_valid(pin)) {
        fprintf(stderr, "rostrum: --hash-pin takes a PIN of 4 to 8 digits\n");
        return 2;
    }
    char hash[RS_PIN_HASH_TEXT_SIZE];
    bool ok = rs_pin_hash(pin, hash, sizeof hash);
    memset(line, 0, sizeof line);
    if (!ok) {
        fprintf(stderr, "rostrum: cannot hash the PIN: no random numbers from the system\n");
        return 1;
    }
    printf("admin_pin = %s\n", hash);
    return 0;
}

/* The folder of installed data (fonts/, sample.sqlite): the running
 * program's own folder (from /proc/self/exe) joined with relative (e.g.
 * "../share/rostrum", which CMake computes from GNUInstallDirs), made
 * absolute, when that folder holds probe (e.g. "fonts/DejaVuSans.ttf").
 * Returns false when it does not, which means the program runs from the
 * build tree. */
static bool installed_data_dir(const char *relative, const char *probe, char *out, size_t size)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || !out || size == 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    char joined[4096 + 256];
    snprintf(joined, sizeof joined, "%s/%s", exe, relative ? relative : "");
    char *resolved = realpath(joined, NULL);
    if (!resolved)
        return false;
    char probe_path[4096 + 256];
    snprintf(probe_path, sizeof probe_path, "%s/%s", resolved, probe ? probe : "");
    bool ok = access(probe_path, R_OK) == 0 && strlen(resolved) < size;
    if (ok)
        strcpy(out, resolved);
    free(resolved);
    return ok;
}

int main(int argc, char **argv)
{
    /* First pass: what decides the settings file, and what ends at once. */
    const char *config_path = NULL;
    bool headless = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(arg, "--hash-pin") == 0) {
            return hash_pin(has_value ? argv[i + 1] : NULL);
        } else if (strcmp(arg, "--config") == 0 && has_value) {
            config_path = argv[++i];
        } else if ((strcmp(arg, "--screenshot") == 0 || strcmp(arg, "--script") == 0) && has_value) {
            headless = true, i++;
        } else if (has_value && (strcmp(arg, "--route") == 0 || strcmp(arg, "--size") == 0 ||
                                 strcmp(arg, "--rotation") == 0 || strcmp(arg, "--fonts") == 0 ||
                                 strcmp(arg, "--language") == 0)) {
            i++;
        }
    }
    /* Pictures and scripts (tests) read a settings file only when given one. */
    static rs_config config;
    char error[4096];
    if (!rs_config_find_and_load(&config, config_path, headless ? NULL : RS_CONFIG_DEFAULT_PATH, error,
                                 sizeof error)) {
        fprintf(stderr, "%s\nrostrum: not started (settings file %s)\n", error,
                config_path ? config_path : RS_CONFIG_DEFAULT_PATH);
        return 2;
    }
    const char *font_dir = ROSTRUM_FONT_DIR, *sample = ROSTRUM_DEFAULT_BUNDLE, *locale_dir = ROSTRUM_LOCALE_DIR;
    static char data_dir[4096], installed_fonts[4200], installed_sample[4200], installed_locale[4200];
    if (installed_data_dir(ROSTRUM_DATA_REL, "fonts/DejaVuSans.ttf", data_dir, sizeof data_dir)) {
        snprintf(installed_fonts, sizeof installed_fonts, "%s/fonts", data_dir);
        snprintf(installed_sample, sizeof installed_sample, "%s/sample.sqlite", data_dir);
        snprintf(installed_locale, sizeof installed_locale, "%s/../locale", data_dir); /* share/locale */
        font_dir = installed_fonts, sample = installed_sample, locale_dir = installed_locale;
    }
    rs_i18n_init(locale_dir);
    rs_ui_language language = RS_UI_EN;
    rs_i18n_parse(config.language, &language);
    rs_app_options options = {.bundle_path = config.bundle_path[0] ? config.bundle_path : sample,
                              .width = config.width,
                              .height = config.height,
                              .fullscreen = config.fullscreen,
                              .kiosk = config.kiosk,
                              .software = config.software_renderer,
                              .rotation = config.rotation,
                              .high_contrast = config.theme == RS_CONFIG_THEME_HIGH_CONTRAST,
                              .font_dir = font_dir,
                              .language = (int)language,
                              .config = &config};
    const char *watch = getenv("ROSTRUM_WATCH_MS"); /* tests: look for a new bundle more often */
    if (watch && *watch)
        options.watch_ms = (unsigned)strtoul(watch, NULL, 10);
    const char *fonts = getenv("ROSTRUM_FONT_DIR");
    if (fonts && *fonts)
        options.font_dir = fonts;
    bool have_bundle = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(arg, "--version") == 0) {
            printf("rostrum %s (bundle format %d)\n", ROSTRUM_VERSION, RS_BUNDLE_FORMAT_VERSION);
            return 0;
        } else if (strcmp(arg, "--fullscreen") == 0) {
            options.fullscreen = true;
        } else if (strcmp(arg, "--software") == 0) {
            options.software = true;
        } else if (strcmp(arg, "--kiosk") == 0) {
            options.kiosk = true;
        } else if (strcmp(arg, "--high-contrast") == 0) {
            options.high_contrast = true;
        } else if (strcmp(arg, "--rotation") == 0 && value) {
            char *end;
            long degrees = strtol(value, &end, 10);
            if (*end || (degrees != 0 && degrees != 90 && degrees != 180 && degrees != 270)) {
                fprintf(stderr, "rostrum: --rotation takes 0, 90, 180 or 270 (got '%s')\n", value);
                return 2;
            }
            options.rotation = (int)degrees, i++;
        } else if (strcmp(arg, "--exit-after-first-frame") == 0) {
            options.exit_after_first_frame = true;
        } else if (strcmp(arg, "--route") == 0 && value) {
            options.route = value, i++;
        } else if (strcmp(arg, "--screenshot") == 0 && value) {
            options.screenshot = value, i++;
        } else if (strcmp(arg, "--script") == 0 && value) {
            options.script = value, i++;
        } else if (strcmp(arg, "--config") == 0 && value) {
            i++; /* read above */
        } else if (strcmp(arg, "--language") == 0 && value) {
            rs_ui_language chosen;
            if (!rs_i18n_parse(value, &chosen)) {
                fprintf(stderr, "rostrum: --language takes en, zh_CN or ru (got '%s')\n", value);
                return 2;
            }
            options.language = (int)chosen, i++;
        } else if (strcmp(arg, "--fonts") == 0 && value) {
            options.font_dir = value, i++;
        } else if (strcmp(arg, "--size") == 0 && value) {
            if (!parse_size(value, &options.width, &options.height)) {
                fprintf(stderr, "rostrum: --size takes WIDTHxHEIGHT, each 240 to 16384, e.g. 800x480 (got '%s')\n", value);
                return 2;
            }
            i++;
        } else if (arg[0] == '-' || have_bundle) {
            fprintf(stderr, "rostrum: unexpected argument '%s'\n\n%s", arg, usage);
            return 2;
        } else {
            options.bundle_path = arg;
            have_bundle = true;
        }
    }
    if (options.screenshot && options.script) {
        fprintf(stderr, "rostrum: use either --screenshot or --script, not both\n");
        return 2;
    }
    return rs_app_run(&options);
}
