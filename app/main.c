/* rostrum: the kiosk viewer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static const char usage[] =
    "Usage: rostrum [BUNDLE] [options]\n"
    "Shows the statements in BUNDLE (default: the sample bundle) full-screen for visitors.\n"
    "\n"
    "  --route ROUTE         start on ROUTE: home, dates, dates/2021, dates/2021-07, dates/undated,\n"
    "                        countries, countries/GB, incidents, incidents/SLUG, statements/ID\n"
    "  --size WxH            window size in pixels (default 800x480)\n"
    "  --fullscreen          fill the screen\n"
    "  --kiosk               full screen, no cursor, no screen blanking, and no way out for visitors:\n"
    "                        only SIGTERM or Exit on the admin screen end it\n"
    "  --software            use SDL's software renderer (no GPU)\n"
    "  --rotation DEGREES    turn the picture and touch 0, 90, 180 or 270 degrees clockwise\n"
    "  --high-contrast       black on white, outlines instead of colour\n"
    "  --screenshot FILE.png draw ROUTE without a display, write FILE.png and exit\n"
    "                        (exit status 1 if the bundle cannot be opened: the error screen is written)\n"
    "  --script FILE         replay the input in FILE without a display (see README) and exit\n"
    "  --fonts DIR           the fonts folder (default: the one beside the program's sources)\n"
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

int main(int argc, char **argv)
{
    rs_app_options options = {.bundle_path = ROSTRUM_DEFAULT_BUNDLE, .width = 800, .height = 480,
                              .font_dir = ROSTRUM_FONT_DIR};
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
            printf("rostrum %s (bundle format 1)\n", ROSTRUM_VERSION);
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
