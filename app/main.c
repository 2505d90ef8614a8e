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
#include "options.h"
#include "pin.h"
#include "speak_to.h"
#include "bundle_format.h"

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

/* Where the fonts, the sample bundle and the catalogs are: installed
 * beside the program, else in the build and source trees. The strings stay
 * valid until the program ends. */
static void find_data(const char **font_dir, const char **sample, const char **locale_dir)
{
    *font_dir = ROSTRUM_FONT_DIR, *sample = ROSTRUM_DEFAULT_BUNDLE, *locale_dir = ROSTRUM_LOCALE_DIR;
    static char data_dir[4096], installed_fonts[4200], installed_sample[4200], installed_locale[4200];
    if (installed_data_dir(ROSTRUM_DATA_REL, "fonts/DejaVuSans.ttf", data_dir, sizeof data_dir)) {
        snprintf(installed_fonts, sizeof installed_fonts, "%s/fonts", data_dir);
        snprintf(installed_sample, sizeof installed_sample, "%s/sample.sqlite", data_dir);
        snprintf(installed_locale, sizeof installed_locale, "%s/../locale", data_dir); /* share/locale */
        *font_dir = installed_fonts, *sample = installed_sample, *locale_dir = installed_locale;
    }
}

/* Where the PIN lockout is kept: --state-dir, else (a window only: pictures
 * and scripts keep it in memory unless told) the first folder of systemd's
 * $STATE_DIRECTORY (a colon-separated list when a unit names several);
 * NULL: in memory. Valid until the program ends. */
static const char *state_dir(const rs_options *given)
{
    static char first[4096];
    const char *env = getenv("STATE_DIRECTORY");
    if (given->state_dir)
        return given->state_dir[0] ? given->state_dir : NULL;
    if (given->screenshot || given->script || given->speak_to || !env || !env[0])
        return NULL;
    snprintf(first, sizeof first, "%.*s", (int)strcspn(env, ":"), env);
    return first;
}

/* The options the viewer starts with: the settings file's, then the
 * environment's (tests), then the command line's. */
static rs_app_options app_options(const rs_config *config, const rs_options *given, const char *sample,
                                  const char *font_dir)
{
    rs_ui_language language = RS_UI_EN;
    rs_i18n_parse(config->language, &language);
    rs_app_options options = {.bundle_path = config->bundle_path[0] ? config->bundle_path : sample,
                              .width = config->width,
                              .height = config->height,
                              .fullscreen = config->fullscreen || given->fullscreen,
                              .kiosk = config->kiosk || given->kiosk,
                              .software = config->software_renderer || given->software,
                              .rotation = given->rotation_given ? given->rotation : config->rotation,
                              .high_contrast = config->theme == RS_CONFIG_THEME_HIGH_CONTRAST || given->high_contrast,
                              .font_dir = font_dir,
                              .language = given->language_given ? given->language : (int)language,
                              .route = given->route,
                              .screenshot = given->screenshot,
                              .script = given->script,
                              .exit_after_first_frame = given->exit_after_first_frame,
                              .state_dir = state_dir(given),
                              .config = config};
    const char *watch = getenv("ROSTRUM_WATCH_MS"); /* tests: look for a new bundle more often */
    if (watch && *watch)
        options.watch_ms = (unsigned)strtoul(watch, NULL, 10);
    const char *fonts = getenv("ROSTRUM_FONT_DIR");
    if (fonts && *fonts)
        options.font_dir = fonts;
    if (given->font_dir)
        options.font_dir = given->font_dir;
    if (given->size_given)
        options.width = given->width, options.height = given->height;
    if (given->bundle_path)
        options.bundle_path = given->bundle_path;
    return options;
}

int main(int argc, char **argv)
{
    rs_options given;
    rs_options_parse(argc, argv, &given);
    if (given.outcome == RS_OPTIONS_HASH_PIN)
        return hash_pin(given.hash_pin);
    /* Pictures and scripts (tests) read a settings file only when given one;
     * a broken one stops the program before anything else is said. */
    static rs_config config;
    char error[4096];
    bool headless = given.screenshot || given.script || given.speak_to;
    if (!rs_config_find_and_load(&config, given.config_path, headless ? NULL : RS_CONFIG_DEFAULT_PATH, error,
                                 sizeof error)) {
        fprintf(stderr, "%s\nrostrum: not started (settings file %s)\n", error,
                given.config_path ? given.config_path : RS_CONFIG_DEFAULT_PATH);
        return 2;
    }
    switch (given.outcome) {
    case RS_OPTIONS_HELP:
        fputs(rs_options_usage(), stdout);
        return 0;
    case RS_OPTIONS_VERSION:
        printf("rostrum %s (bundle format %d)\n", ROSTRUM_VERSION, RS_BUNDLE_FORMAT_VERSION);
        return 0;
    case RS_OPTIONS_ERROR:
        fprintf(stderr, "%s\n%s%s", given.error, given.error_usage ? "\n" : "",
                given.error_usage ? rs_options_usage() : "");
        return 2;
    case RS_OPTIONS_RUN:
    case RS_OPTIONS_HASH_PIN:
        break;
    }
    const char *font_dir, *sample, *locale_dir;
    find_data(&font_dir, &sample, &locale_dir);
    rs_i18n_init(locale_dir);
    rs_app_options options = app_options(&config, &given, sample, font_dir);
    if (given.speak_to) {
        rs_speak_to_options speak = {.bundle_path = options.bundle_path,
                                     .route = given.route,
                                     .output = given.speak_to,
                                     .language = (rs_ui_language)options.language,
                                     .speed = (rs_speech_speed)given.speed,
                                     .config = &config};
        return rs_speak_to(&speak);
    }
    return rs_app_run(&options);
}
