/*
 * The configuration file: inih splits the lines, this file checks them.
 *
 * inih (Debian's libinih, built with its defaults) gives the handler no line
 * numbers and reports only the first syntax error, so the lines are fed to
 * it through our own reader (ini_parse_stream): the reader counts physical
 * lines, strips leading white space (so inih never sees a "continuation
 * line"), rejects over-long lines instead of letting inih split them, checks
 * section headers, and notices a "key = value" line that inih did not pass
 * to the handler. Every problem is collected with its line and reported in
 * line order.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "distance.h"
#include "expect.h"
#include "file.h"
#include "pin.h"

#include <ini.h>

/* ---- the keys ---------------------------------------------------------- */

typedef enum key_id {
    K_BUNDLE_PATH,
    K_KIOSK,
    K_WATCHDOG,
    K_FULLSCREEN,
    K_WIDTH,
    K_HEIGHT,
    K_ROTATION,
    K_SCALE,
    K_DIAGONAL,
    K_THEME,
    K_SOFTWARE,
    K_LANGUAGE,
    K_IDLE,
    K_COUNTDOWN,
    K_ATTRACT,
    K_PIN,
    K_CHORD,
    K_HOLD,
    K_AUDIO_ENABLED,
    K_VOLUME,
    K_SPOKEN_NAVIGATION,
    K_VOICE, /* voice_LANG: any language; checked in set_voice */
    K_COUNT
} key_id;

static const struct {
    const char *section, *name;
} keys[K_COUNT] = {
    [K_BUNDLE_PATH] = {"kiosk", "bundle_path"},
    [K_KIOSK] = {"kiosk", "kiosk"},
    [K_WATCHDOG] = {"kiosk", "watchdog"},
    [K_FULLSCREEN] = {"display", "fullscreen"},
    [K_WIDTH] = {"display", "width"},
    [K_HEIGHT] = {"display", "height"},
    [K_ROTATION] = {"display", "rotation"},
    [K_SCALE] = {"display", "scale"},
    [K_DIAGONAL] = {"display", "screen_diagonal_inches"},
    [K_THEME] = {"display", "theme"},
    [K_SOFTWARE] = {"display", "software_renderer"},
    [K_LANGUAGE] = {"display", "language"},
    [K_IDLE] = {"idle", "idle_seconds"},
    [K_COUNTDOWN] = {"idle", "countdown_seconds"},
    [K_ATTRACT] = {"idle", "attract_seconds"},
    [K_PIN] = {"admin", "admin_pin"},
    [K_CHORD] = {"admin", "admin_chord"},
    [K_HOLD] = {"admin", "admin_hold_seconds"},
    [K_AUDIO_ENABLED] = {"audio", "enabled"},
    [K_VOLUME] = {"audio", "volume"},
    [K_SPOKEN_NAVIGATION] = {"audio", "spoken_navigation"},
    [K_VOICE] = {"audio", "voice_LANG"},
};

static const char *const sections[] = {"kiosk", "display", "idle", "admin", "audio"};
#define SECTION_COUNT (sizeof sections / sizeof sections[0])

#define SIZE_MIN 240
#define SIZE_MAX_PX 16384
#define IDLE_MIN 10
#define IDLE_MAX 86400
#define COUNTDOWN_MAX 120
#define ATTRACT_MAX 86400
#define HOLD_MAX 60
#define SCALE_MIN 0.5
#define SCALE_MAX 3.0
#define DIAGONAL_MIN 3.0
#define DIAGONAL_MAX 100.0

void rs_config_defaults(rs_config *out)
{
    memset(out, 0, sizeof *out);
    out->watchdog = true;
    out->width = 800;
    out->height = 480;
    out->scale = 1.0;
    out->theme = RS_CONFIG_THEME_LIGHT;
    strcpy(out->language, "en");
    out->idle_seconds = 90;
    out->countdown_seconds = 10;
    out->attract_seconds = 300;
    strcpy(out->admin_chord, "Ctrl+Alt+A");
    out->admin_chord_mods = RS_CONFIG_MOD_CTRL | RS_CONFIG_MOD_ALT;
    strcpy(out->admin_chord_key, "A");
    out->admin_hold_seconds = 5;
    out->audio_enabled = true;
    out->audio_volume = 80;
}

/* The largest settings file read: a real one is about 2 KB with every
 * comment; 64 KB is room for any, and a bound on what a mistake costs. */
#define RS_CONFIG_MAX_BYTES (64 * 1024)

/* ---- problems ---------------------------------------------------------- */

typedef struct problem {
    int line; /* 0: about the whole file */
    char text[480];
} problem;

#define PROBLEMS_KEPT 200

typedef struct parser {
    const char *data; /* the whole file, read at once (file.h) */
    size_t size, pos;  /* its length, and where the next line starts */
    const char *path;
    rs_config *config;
    int line;         /* the physical line last handed to inih */
    bool expect_pair; /* that line looked like "key = value" */
    bool got_pair;    /* and inih passed it to the handler */
    int key_line[K_COUNT];
    problem *problems;
    int problem_count; /* all found, even beyond PROBLEMS_KEPT */
    int problem_kept;
    bool out_of_memory; /* inih's own allocation failed */
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void report(parser *p, int line, const char *format, ...)
{
    p->problem_count++;
    if (p->problem_kept >= PROBLEMS_KEPT)
        return;
    if (!p->problems)
        p->problems = rs_xcalloc(PROBLEMS_KEPT, sizeof *p->problems);
    /* Kept in line order: only the fallback for inih's own error arrives
     * out of order. */
    int at = p->problem_kept;
    while (at > 0 && p->problems[at - 1].line > line)
        at--;
    memmove(&p->problems[at + 1], &p->problems[at], (size_t)(p->problem_kept - at) * sizeof *p->problems);
    problem *pr = &p->problems[at];
    pr->line = line;
    va_list args;
    va_start(args, format);
    vsnprintf(pr->text, sizeof pr->text, format, args);
    va_end(args);
    p->problem_kept++;
}

static bool reported_at(const parser *p, int line)
{
    for (int i = 0; i < p->problem_kept; i++)
        if (p->problems[i].line == line)
            return true;
    return false;
}

/* Appends s to error (used, size) if it fits whole; returns whether it did. */
static bool append(char *error, size_t size, size_t *used, const char *s)
{
    size_t n = strlen(s) + (*used ? 1 : 0);
    if (*used + n + 1 > size)
        return false;
    if (*used)
        error[(*used)++] = '\n';
    memcpy(error + *used, s, strlen(s) + 1);
    *used += strlen(s);
    return true;
}

static void write_problems(const parser *p, char *error, size_t size)
{
    if (!error || size == 0)
        return;
    error[0] = '\0';
    size_t used = 0;
    char line[RS_CONFIG_PATH_SIZE + 600];
    char more[80];
    int shown = 0;
    for (int i = 0; i < p->problem_kept; i++) {
        const problem *pr = &p->problems[i];
        if (pr->line > 0)
            snprintf(line, sizeof line, "%s:%d: %s", p->path, pr->line, pr->text);
        else
            snprintf(line, sizeof line, "%s: %s", p->path, pr->text);
        /* Leave room for the "more" line unless this is the last one. */
        size_t room = i + 1 < p->problem_count ? sizeof more : 0;
        if (used + strlen(line) + 2 + room > size)
            break;
        append(error, size, &used, line);
        shown++;
    }
    if (p->out_of_memory && shown == 0) {
        snprintf(error, size, "%s: out of memory while reading", p->path);
        return;
    }
    if (shown == 0 && p->problem_kept > 0) {
        /* Too small for even one whole line: as much of the first as fits. */
        const problem *pr = &p->problems[0];
        if (pr->line > 0)
            snprintf(error, size, "%s:%d: %s", p->path, pr->line, pr->text);
        else
            snprintf(error, size, "%s: %s", p->path, pr->text);
        return;
    }
    if (shown < p->problem_count) {
        snprintf(more, sizeof more, "(%d more problem%s not shown)", p->problem_count - shown,
                 p->problem_count - shown == 1 ? "" : "s");
        append(error, size, &used, more);
    }
}

/* ---- "did you mean" ---------------------------------------------------- */

/* How close word is to candidate: 0 best, -1 not close. "pin" is close to
 * "admin_pin" (a suffix after '_'). */
static int closeness(const char *word, const char *candidate)
{
    size_t lw = strlen(word), lc = strlen(candidate);
    if (lw == 0)
        return -1;
    if (lw < lc && candidate[lc - lw - 1] == '_' && strcasecmp(candidate + lc - lw, word) == 0)
        return 1;
    size_t limit = lw / 2 > 2 ? lw / 2 : 2;
    size_t d = rs_edit_distance(word, candidate, limit, true);
    return d <= limit ? (int)d : -1;
}

/* The key most like name, preferring keys of section; -1 if none is close. */
static int suggest_key(const char *name, const char *section)
{
    int best = -1, best_score = 0;
    for (int k = 0; k < K_COUNT; k++) {
        int score = closeness(name, keys[k].name);
        if (score < 0)
            continue;
        score = score * 2 + (strcmp(keys[k].section, section) == 0 ? 0 : 1);
        if (best < 0 || score < best_score)
            best = k, best_score = score;
    }
    return best;
}

static int find_key(const char *name)
{
    for (int k = 0; k < K_COUNT; k++)
        if (strcmp(keys[k].name, name) == 0)
            return k;
    return -1;
}

static bool known_section(const char *name)
{
    for (size_t i = 0; i < SECTION_COUNT; i++)
        if (strcmp(sections[i], name) == 0)
            return true;
    return false;
}

/* ---- values ------------------------------------------------------------ */

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, true;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, true;
    }
    return false;
}

/* A whole number, optionally negative, in min..max. */
static bool parse_int(const char *v, long min, long max, int *out)
{
    const char *s = v;
    bool negative = *s == '-';
    if (negative)
        s++;
    if (!*s)
        return false;
    long n = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return false;
        if (n < 100000000L)
            n = n * 10 + (*s - '0');
        else
            n = 1000000000L; /* too big for any range here */
    }
    if (negative)
        n = -n;
    if (n < min || n > max)
        return false;
    *out = (int)n;
    return true;
}

/* DIGITS or DIGITS.DIGITS (a point, never a comma), in min..max. */
static bool parse_decimal(const char *v, double min, double max, double *out)
{
    const char *s = v;
    double n = 0, unit = 1;
    int digits = 0;
    bool point = false;
    for (; *s; s++) {
        if (*s == '.' && !point && digits > 0) {
            point = true;
            if (!s[1])
                return false;
        } else if (isdigit((unsigned char)*s) && digits < 12) {
            digits++;
            if (point)
                unit /= 10, n += (*s - '0') * unit;
            else
                n = n * 10 + (*s - '0');
        } else {
            return false;
        }
    }
    if (digits == 0 || n < min || n > max)
        return false;
    *out = n;
    return true;
}

/* Parses "Ctrl+Alt+A" into c's chord fields; NULL or what is wrong (into
 * why, which is then returned). */
static const char *parse_chord(const char *v, rs_config *c, char *why, size_t why_size)
{
    static const struct {
        const char *name;
        unsigned bit;
    } mods[] = {{"Ctrl", RS_CONFIG_MOD_CTRL}, {"Alt", RS_CONFIG_MOD_ALT},
                {"Shift", RS_CONFIG_MOD_SHIFT}, {"Gui", RS_CONFIG_MOD_GUI}};
    if (!*v || strcasecmp(v, "none") == 0) {
        c->admin_chord[0] = c->admin_chord_key[0] = '\0';
        c->admin_chord_mods = 0;
        return NULL;
    }
    unsigned bits = 0;
    char key[8] = "";
    const char *s = v;
    for (;;) {
        const char *end = strchr(s, '+');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        while (len && isspace((unsigned char)*s))
            s++, len--;
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        if (len == 0)
            return "an empty part (write it like Ctrl+Alt+A)";
        char part[32];
        if (len >= sizeof part)
            len = sizeof part - 1;
        memcpy(part, s, len);
        part[len] = '\0';
        unsigned bit = 0;
        for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++)
            if (strcasecmp(part, mods[i].name) == 0)
                bit = mods[i].bit;
        if (end) {
            if (!bit) {
                snprintf(why, why_size, "unknown modifier '%s' (use Ctrl, Alt, Shift or Gui)", part);
                return why;
            }
            if (bits & bit) {
                snprintf(why, why_size, "%s is given twice", part);
                return why;
            }
            bits |= bit;
            s = end + 1;
            continue;
        }
        if (bit)
            return "ends with a modifier; add a key, e.g. Ctrl+Alt+A";
        if (len == 1 && isalnum((unsigned char)part[0])) {
            key[0] = (char)toupper((unsigned char)part[0]);
            key[1] = '\0';
        } else if ((part[0] == 'F' || part[0] == 'f') && len <= 3) {
            int n = 0;
            if (!parse_int(part + 1, 1, 12, &n) || part[1] == '0' || part[1] == '-') {
                snprintf(why, why_size, "the key '%s' must be a letter, a digit or F1 to F12", part);
                return why;
            }
            snprintf(key, sizeof key, "F%d", n);
        } else {
            snprintf(why, why_size, "the key '%s' must be a letter, a digit or F1 to F12", part);
            return why;
        }
        break;
    }
    if (!bits)
        return "needs at least one modifier (Ctrl, Alt, Shift or Gui), e.g. Ctrl+Alt+A";
    c->admin_chord[0] = '\0';
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
        if (bits & mods[i].bit) {
            strcat(c->admin_chord, mods[i].name);
            strcat(c->admin_chord, "+");
        }
    }
    strcat(c->admin_chord, key);
    strcpy(c->admin_chord_key, key);
    c->admin_chord_mods = bits;
    return NULL;
}

/* "KEY = VALUE: must ..." with a hint when the value holds a '#' comment. */
static void bad_value(parser *p, key_id k, const char *value, const char *must)
{
    const char *hint = strstr(value, " #") || strstr(value, "\t#")
                           ? " (a comment after a value starts with ' ;', not '#')"
                           : "";
    if (!*value)
        report(p, p->line, "%s has no value: %s%s", keys[k].name, must, hint);
    else
        report(p, p->line, "%s = %s: %s%s", keys[k].name, value, must, hint);
}

/* scale and screen_diagonal_inches exclude each other (an empty
 * screen_diagonal_inches is "not set"). */
static void check_either(parser *p, key_id k)
{
    key_id other = k == K_SCALE ? K_DIAGONAL : K_SCALE;
    bool other_set = k == K_SCALE ? p->config->screen_diagonal_inches > 0 : p->key_line[K_SCALE] != 0;
    if (other_set)
        report(p, p->line, "%s: set either scale or screen_diagonal_inches, not both (%s is set on line %d)",
               keys[k].name, keys[other].name, p->key_line[other]);
}

/* The keys that take a whole number: its range, where it goes, and what
 * to say about any other value. */
static const struct {
    key_id key;
    long min, max;
    size_t field; /* offsetof an int in rs_config */
    const char *must;
} whole_numbers[] = {
    {K_WIDTH, SIZE_MIN, SIZE_MAX_PX, offsetof(rs_config, width), "must be a whole number of pixels from 240 to 16384"},
    {K_HEIGHT, SIZE_MIN, SIZE_MAX_PX, offsetof(rs_config, height),
     "must be a whole number of pixels from 240 to 16384"},
    {K_IDLE, IDLE_MIN, IDLE_MAX, offsetof(rs_config, idle_seconds),
     "must be a whole number of seconds from 10 to 86400"},
    {K_COUNTDOWN, 0, COUNTDOWN_MAX, offsetof(rs_config, countdown_seconds),
     "must be a whole number of seconds from 0 to 120"},
    {K_ATTRACT, 0, ATTRACT_MAX, offsetof(rs_config, attract_seconds),
     "must be a whole number of seconds from 0 (off) to 86400"},
    {K_HOLD, 0, HOLD_MAX, offsetof(rs_config, admin_hold_seconds),
     "must be a whole number of seconds from 0 (off) to 60"},
    {K_VOLUME, 0, 100, offsetof(rs_config, audio_volume), "must be a whole number from 0 (silent) to 100"},
};

static void set_whole_number(parser *p, key_id k, const char *value)
{
    size_t i = 0, count = sizeof whole_numbers / sizeof whole_numbers[0];
    while (i < count && whole_numbers[i].key != k)
        i++;
    RS_EXPECT(i < count);
    int *field = (int *)(void *)((char *)p->config + whole_numbers[i].field);
    if (!parse_int(value, whole_numbers[i].min, whole_numbers[i].max, field))
        bad_value(p, k, value, whole_numbers[i].must);
}

/* An absolute path, or "" for the built-in default; quotes around it are
 * dropped. */
static void set_bundle_path(parser *p, const char *value)
{
    rs_config *c = p->config;
    size_t len = strlen(value);
    bool opens = len >= 1 && value[0] == '"', closes = len >= 2 && value[len - 1] == '"';
    if (opens && closes)
        value++, len -= 2;
    if (opens != closes) {
        /* Said as what it is, not as "must be an absolute path". */
        bad_value(p, K_BUNDLE_PATH, value,
                  opens ? "the quote is not closed (end the path with '\"', or write it without quotes)"
                        : "a closing quote without an opening one (start the path with '\"', or write it without quotes)");
    } else if (len == 0) {
        c->bundle_path[0] = '\0';
    } else if (value[0] != '/') {
        bad_value(p, K_BUNDLE_PATH, value, "must be an absolute path, starting with /");
    } else if (len >= sizeof c->bundle_path) {
        report(p, p->line, "bundle_path is too long");
    } else {
        memcpy(c->bundle_path, value, len);
        c->bundle_path[len] = '\0';
    }
}

/* A hash from pin.h, or "" for no admin screen. Never echoed: it may be a
 * PIN typed in by mistake. */
static void set_admin_pin(parser *p, const char *value)
{
    rs_config *c = p->config;
    const char *why = NULL;
    if (!*value)
        c->admin_pin[0] = '\0';
    else if (strspn(value, "0123456789") == strlen(value))
        report(p, p->line, "admin_pin holds a PIN, not its hash: replace it with what 'rostrum --hash-pin PIN' prints");
    else if ((why = rs_pin_problem(value)) != NULL)
        report(p, p->line, "admin_pin: %s; make a new one with 'rostrum --hash-pin PIN'", why);
    else if (strlen(value) >= sizeof c->admin_pin)
        report(p, p->line, "admin_pin is too long");
    else
        strcpy(c->admin_pin, value);
}

static void set_value(parser *p, key_id k, const char *value)
{
    rs_config *c = p->config;
    switch (k) {
    case K_BUNDLE_PATH:
        set_bundle_path(p, value);
        break;
    case K_KIOSK:
    case K_WATCHDOG:
    case K_FULLSCREEN:
    case K_SOFTWARE:
    case K_AUDIO_ENABLED:
    case K_SPOKEN_NAVIGATION: {
        bool *field = k == K_KIOSK           ? &c->kiosk
                      : k == K_WATCHDOG      ? &c->watchdog
                      : k == K_FULLSCREEN    ? &c->fullscreen
                      : k == K_AUDIO_ENABLED ? &c->audio_enabled
                      : k == K_SPOKEN_NAVIGATION ? &c->spoken_navigation
                                                 : &c->software_renderer;
        if (!parse_bool(value, field))
            bad_value(p, k, value, "must be true or false (or yes/no, on/off, 1/0)");
        break;
    }
    case K_WIDTH:
    case K_HEIGHT:
    case K_IDLE:
    case K_COUNTDOWN:
    case K_ATTRACT:
    case K_HOLD:
    case K_VOLUME:
        set_whole_number(p, k, value);
        break;
    case K_ROTATION: {
        int r = -1;
        if (!parse_int(value, 0, 270, &r) || r % 90)
            bad_value(p, k, value, "must be 0, 90, 180 or 270");
        else
            c->rotation = r;
        break;
    }
    case K_SCALE:
        if (!parse_decimal(value, SCALE_MIN, SCALE_MAX, &c->scale))
            bad_value(p, k, value, "must be a number from 0.5 to 3.0, like 1.25");
        else
            check_either(p, k);
        break;
    case K_DIAGONAL:
        if (!*value)
            c->screen_diagonal_inches = 0; /* not set: scale applies */
        else if (!parse_decimal(value, DIAGONAL_MIN, DIAGONAL_MAX, &c->screen_diagonal_inches))
            bad_value(p, k, value, "must be the screen's diagonal in inches, from 3 to 100, like 7 or 10.1");
        else
            check_either(p, k);
        break;
    case K_THEME:
        if (strcasecmp(value, "light") == 0)
            c->theme = RS_CONFIG_THEME_LIGHT;
        else if (strcasecmp(value, "high-contrast") == 0)
            c->theme = RS_CONFIG_THEME_HIGH_CONTRAST;
        else
            bad_value(p, k, value, "must be light or high-contrast");
        break;
    case K_LANGUAGE:
        /* The viewer's catalogs: see app/po/LINGUAS. */
        if (strcmp(value, "en") == 0 || strcmp(value, "zh_CN") == 0 || strcmp(value, "ru") == 0 ||
            strcmp(value, "ar") == 0 || strcmp(value, "fr") == 0 || strcmp(value, "es") == 0)
            snprintf(c->language, sizeof c->language, "%s", value);
        else
            bad_value(p, k, value, "must be en, zh_CN, ru, ar, fr or es");
        break;
    case K_PIN:
        set_admin_pin(p, value);
        break;
    case K_CHORD: {
        char why[160];
        const char *problem_text = parse_chord(value, c, why, sizeof why);
        if (problem_text)
            bad_value(p, k, value, problem_text);
        break;
    }
    case K_VOICE: /* on_pair calls set_voice */
    case K_COUNT:
        break;
    }
}

/* voice_LANG = NAME: LANG two or three small letters (ISO 639), NAME an
 * espeak-ng voice's name as `espeak-ng -v` takes it: letters, digits and
 * - _ + / (a variant after +, a folder before /), no "..", at most 63. */
static void set_voice(parser *p, const char *name, const char *value)
{
    rs_config *c = p->config;
    const char *language = name + 6;
    size_t n = strlen(language);
    if (n < 2 || n > 3 || strspn(language, "abcdefghijklmnopqrstuvwxyz") != n) {
        report(p, p->line,
               "unknown key '%s' in [audio]: after voice_ comes a language's two- or three-letter code in small "
               "letters, like voice_zh or voice_yue",
               name);
        return;
    }
    for (size_t i = 0; i < c->voice_count; i++)
        if (strcmp(c->voices[i].language, language) == 0) {
            report(p, p->line, "duplicate key '%s' in [audio] (first set on line %d)", name, c->voices[i].line);
            return;
        }
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+/";
    size_t length = strlen(value);
    const char *must = "must be an espeak-ng voice name (letters, digits and - _ + /), like cmn or en-us";
    if (!*value)
        report(p, p->line, "%s has no value: %s", name, must);
    else if (strspn(value, allowed) != length || strstr(value, "..") || value[0] == '/' || value[0] == '+' ||
             length >= RS_CONFIG_VOICE_SIZE)
        report(p, p->line, "%s = %s: %s", name, value, must);
    else if (c->voice_count == RS_CONFIG_VOICES)
        report(p, p->line, "%s: at most %d voice_ settings", name, RS_CONFIG_VOICES);
    else {
        rs_config_voice *v = &c->voices[c->voice_count++];
        snprintf(v->language, sizeof v->language, "%s", language);
        snprintf(v->name, sizeof v->name, "%s", value);
        v->line = p->line;
    }
}

/* ---- inih callbacks ---------------------------------------------------- */

/* The line just read is done: a "key = value" line inih did not hand to
 * the handler is not one. */
static void finish_line(parser *p)
{
    if (p->expect_pair && !p->got_pair)
        report(p, p->line, "expected 'key = value' or a '[section]' header");
    p->expect_pair = p->got_pair = false;
}

static void check_section_header(parser *p, const char *text)
{
    const char *close = strchr(text, ']');
    if (!close) {
        report(p, p->line, "section header without a closing ']'");
        return;
    }
    const char *after = close + 1;
    while (isspace((unsigned char)*after))
        after++;
    if (*after && *after != ';' && *after != '#') {
        report(p, p->line, "unexpected text after the section header");
        return;
    }
    char name[64];
    size_t len = (size_t)(close - text - 1);
    if (len >= sizeof name)
        len = sizeof name - 1;
    memcpy(name, text + 1, len);
    name[len] = '\0';
    if (known_section(name))
        return;
    const char *best = NULL;
    int best_score = 0;
    for (size_t i = 0; i < SECTION_COUNT; i++) {
        char trimmed[64];
        const char *n = name;
        while (isspace((unsigned char)*n))
            n++;
        snprintf(trimmed, sizeof trimmed, "%s", n);
        for (size_t l = strlen(trimmed); l && isspace((unsigned char)trimmed[l - 1]);)
            trimmed[--l] = '\0';
        int score = strcmp(trimmed, sections[i]) == 0 ? 0 : closeness(trimmed, sections[i]);
        if (score >= 0 && (!best || score < best_score))
            best = sections[i], best_score = score;
    }
    if (best)
        report(p, p->line, "unknown section [%s] (did you mean [%s]?)", name, best);
    else
        report(p, p->line, "unknown section [%s] (the sections are [kiosk], [display], [idle], [admin] and [audio])", name);
}

/* inih's fgets-like reader: one physical line per call. */
static char *read_line(char *str, int num, void *stream)
{
    parser *p = stream;
    finish_line(p);
    if (p->pos >= p->size)
        return NULL;
    const char *s = p->data + p->pos;
    const char *newline = memchr(s, '\n', p->size - p->pos);
    size_t len = newline ? (size_t)(newline - s) + 1 : p->size - p->pos;
    p->pos += len;
    p->line++;
    str[0] = '\0';
    if (memchr(s, '\0', len)) {
        report(p, p->line, "line contains a zero byte (is this a text file?)");
        return str;
    }
    if (p->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, len -= 3;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    while (len && isspace((unsigned char)*s))
        s++, len--;
    if (num < 2 || len > (size_t)num - 1) {
        report(p, p->line, "line is longer than %d characters", num - 1);
        return str;
    }
    memcpy(str, s, len);
    str[len] = '\0';
    if (len == 0 || str[0] == ';' || str[0] == '#')
        return str;
    if (str[0] == '[')
        check_section_header(p, str);
    else
        p->expect_pair = true;
    return str;
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
    parser *p = user;
    p->got_pair = true;
    if (*section && !known_section(section))
        return 1; /* reported at its header */
    if (!*name) {
        report(p, p->line, "'= %s' has no key name before the '='", value);
        return 1;
    }
    int k = strncmp(name, "voice_", 6) == 0 ? (int)K_VOICE : find_key(name);
    if (k < 0) {
        int guess = suggest_key(name, section);
        char in[80] = "outside any section";
        if (*section)
            snprintf(in, sizeof in, "in [%s]", section);
        if (guess < 0)
            report(p, p->line, "unknown key '%s' %s", name, in);
        else if (strcmp(keys[guess].section, section) == 0)
            report(p, p->line, "unknown key '%s' %s (did you mean '%s'?)", name, in, keys[guess].name);
        else
            report(p, p->line, "unknown key '%s' %s (did you mean '%s' in [%s]?)", name, in, keys[guess].name,
                   keys[guess].section);
        return 1;
    }
    if (!*section) {
        report(p, p->line, "key '%s' is outside any section; put it under [%s]", name, keys[k].section);
        return 1;
    }
    if (strcmp(section, keys[k].section) != 0) {
        report(p, p->line, "key '%s' belongs in [%s], not [%s]", name, keys[k].section, section);
        return 1;
    }
    if (k == K_VOICE) {
        set_voice(p, name, value);
        return 1;
    }
    if (p->key_line[k]) {
        report(p, p->line, "duplicate key '%s' in [%s] (first set on line %d)", name, section, p->key_line[k]);
        return 1;
    }
    p->key_line[k] = p->line;
    set_value(p, (key_id)k, value);
    return 1;
}

/* ---- loading ----------------------------------------------------------- */

/* The whole settings file, or NULL with the problem reported. Only a
 * regular file of at most RS_CONFIG_MAX_BYTES is read: /dev/zero grew
 * memory without end, and /dev/urandom or a FIFO never returned. The one
 * exception is /dev/null, by that name: the documented way to say "no
 * settings file, the defaults". */
static char *read_settings(parser *p)
{
    if (strcmp(p->path, "/dev/null") == 0) {
        p->size = 0;
        return rs_xstrdup("");
    }
    char reason[256];
    char *data = rs_file_read_regular(p->path, RS_CONFIG_MAX_BYTES, &p->size, reason, sizeof reason);
    if (!data && errno != 0 && strncmp(reason, "cannot open: ", 13) == 0)
        report(p, 0, "cannot open the configuration file: %s", reason + 13);
    else if (!data)
        report(p, 0, "%s", reason);
    return data;
}

bool rs_config_load(rs_config *out, const char *path, char *error, size_t error_size)
{
    rs_config_defaults(out);
    if (error && error_size)
        error[0] = '\0';
    if (strlen(path) >= sizeof out->path) {
        if (error && error_size)
            snprintf(error, error_size, "%.200s...: the path is too long", path);
        return false;
    }
    parser p = {.path = path, .config = out};
    char *data = read_settings(&p);
    if (data) {
        p.data = data;
        int status = ini_parse_stream(read_line, &p, on_pair, &p);
        finish_line(&p);
        if (status == -2)
            p.out_of_memory = true, p.problem_count++;
        else if (status > 0 && !reported_at(&p, status))
            report(&p, status, "cannot read this line (expected 'key = value' or a '[section]' header)");
        free(data);
    }
    bool ok = p.problem_count == 0 && !p.out_of_memory;
    if (ok) {
        strcpy(out->path, path);
    } else {
        write_problems(&p, error, error_size);
        rs_config_defaults(out);
    }
    free(p.problems);
    return ok;
}

bool rs_config_find_and_load(rs_config *out, const char *explicit_path, const char *default_path,
                             char *error, size_t error_size)
{
    if (explicit_path)
        return rs_config_load(out, explicit_path, error, error_size);
    struct stat st;
    if (!default_path || (stat(default_path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))) {
        rs_config_defaults(out);
        if (error && error_size)
            error[0] = '\0';
        return true;
    }
    return rs_config_load(out, default_path, error, error_size);
}

/* ---- sizes ------------------------------------------------------------- */

/* Square root by Newton's method: this file needs no libm. */
static double square_root(double x)
{
    if (x <= 0)
        return 0;
    double r = x > 1 ? x : 1;
    for (int i = 0; i < 64; i++)
        r = 0.5 * (r + x / r);
    return r;
}

double rs_config_effective_scale(const rs_config *c, int width, int height)
{
    double scale = c->scale > 0 ? c->scale : 1.0;
    if (c->screen_diagonal_inches > 0 && width > 0 && height > 0) {
        double diagonal_px = square_root((double)width * width + (double)height * height);
        double px_per_mm = diagonal_px / (c->screen_diagonal_inches * 25.4);
        int short_side = width < height ? width : height;
        /* At scale 1 a target is short_side / 10 pixels; make it 9 mm. */
        scale = 9.0 * px_per_mm / (short_side / 10.0);
    }
    if (scale < SCALE_MIN)
        scale = SCALE_MIN;
    if (scale > SCALE_MAX)
        scale = SCALE_MAX;
    return scale;
}

/* ---- PINs -------------------------------------------------------------- */

bool rs_config_check_pin(const rs_config *c, const char *pin)
{
    return c && c->admin_pin[0] && rs_pin_verify(c->admin_pin, pin);
}
