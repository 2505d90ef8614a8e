#include "script.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

#include "utf8.h"

#define MAX_COORDINATE 100000.0f
#define MAX_MS 86400000u /* a day */

/* Splits line into at most max words (in place). */
static size_t split_words(char *line, char **words, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            *p++ = '\0';
        if (!*p)
            break;
        if (n == max)
            return max + 1;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r')
            p++;
    }
    return n;
}

static bool parse_coordinate(const char *word, float *value)
{
    char *end;
    errno = 0;
    float v = strtof(word, &end);
    if (errno || *end || !isfinite(v) || v < -MAX_COORDINATE || v > MAX_COORDINATE)
        return false;
    *value = v;
    return true;
}

static bool parse_ms(const char *word, unsigned *value)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(word, &end, 10);
    if (errno || *end || word[0] == '-' || word[0] == '\0' || v > MAX_MS)
        return false;
    *value = (unsigned)v;
    return true;
}

static const struct {
    const char *name;
    rs_script_kind kind;
    size_t args;
    const char *usage;
} commands[] = {
    {"tap", RS_SCRIPT_TAP, 2, "tap X Y"},
    {"press", RS_SCRIPT_PRESS, 3, "press X Y MS"},
    {"drag", RS_SCRIPT_DRAG, 5, "drag X1 Y1 X2 Y2 MS"},
    {"key", RS_SCRIPT_KEY, 1, "key NAME"},
    {"type", RS_SCRIPT_TYPE, 1, "type TEXT"},
    {"text", RS_SCRIPT_TEXT, 1, "text TEXT"},
    {"wait", RS_SCRIPT_WAIT, 1, "wait MS"},
    {"shot", RS_SCRIPT_SHOT, 1, "shot FILE.png"},
    {"quit", RS_SCRIPT_QUIT, 0, "quit"},
};

bool rs_script_parse(const char *path, const char *text, rs_script *script, char *error, size_t error_size)
{
    memset(script, 0, sizeof *script);
    size_t capacity = 0;
    unsigned line_number = 0;
    const char *p = text;
    while (*p) {
        line_number++;
        const char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        char line[1024];
        if (length >= sizeof line) {
            snprintf(error, error_size, "%s:%u: line too long", path, line_number);
            rs_script_free(script);
            return false;
        }
        memcpy(line, p, length);
        line[length] = '\0';
        p = end ? end + 1 : p + length;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        /* type and text take the rest of the line, spaces and all. */
        char rest[1024];
        const char *after = line + strspn(line, " \t\r"); /* the same blanks as split_words */
        after += strcspn(after, " \t\r");
        after += strspn(after, " \t\r");
        snprintf(rest, sizeof rest, "%s", after);
        for (size_t r = strlen(rest); r > 0 && (rest[r - 1] == ' ' || rest[r - 1] == '\t' || rest[r - 1] == '\r');)
            rest[--r] = '\0';
        char *words[8];
        size_t n = split_words(line, words, 7);
        if (n == 0)
            continue;
        size_t which = sizeof commands / sizeof commands[0];
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(words[0], commands[i].name) == 0)
                which = i;
        if (which == sizeof commands / sizeof commands[0]) {
            snprintf(error, error_size, "%s:%u: unknown command '%.40s' (commands: tap, press, drag, key, type, text, wait, shot, quit)",
                     path, line_number, words[0]);
            rs_script_free(script);
            return false;
        }
        rs_script_command c;
        memset(&c, 0, sizeof c);
        c.kind = commands[which].kind;
        c.line = line_number;
        bool ok = n - 1 == commands[which].args;
        switch (c.kind) {
        case RS_SCRIPT_TYPE:
        case RS_SCRIPT_TEXT:
            ok = n >= 2 && rest[0] && strlen(rest) < sizeof c.text && rs_utf8_valid(rest, strlen(rest), NULL);
            if (ok)
                memcpy(c.text, rest, strlen(rest) + 1);
            break;
        case RS_SCRIPT_TAP:
            ok = ok && parse_coordinate(words[1], &c.x1) && parse_coordinate(words[2], &c.y1);
            break;
        case RS_SCRIPT_PRESS:
            ok = ok && parse_coordinate(words[1], &c.x1) && parse_coordinate(words[2], &c.y1) && parse_ms(words[3], &c.ms);
            break;
        case RS_SCRIPT_DRAG:
            ok = ok && parse_coordinate(words[1], &c.x1) && parse_coordinate(words[2], &c.y1) &&
                 parse_coordinate(words[3], &c.x2) && parse_coordinate(words[4], &c.y2) && parse_ms(words[5], &c.ms);
            break;
        case RS_SCRIPT_WAIT:
            ok = ok && parse_ms(words[1], &c.ms);
            break;
        case RS_SCRIPT_KEY:
        case RS_SCRIPT_SHOT:
            ok = ok && strlen(words[1]) < sizeof c.text;
            if (ok)
                snprintf(c.text, sizeof c.text, "%s", words[1]);
            break;
        case RS_SCRIPT_QUIT:
            break;
        }
        if (!ok) {
            snprintf(error, error_size, "%s:%u: expected '%s'", path, line_number, commands[which].usage);
            rs_script_free(script);
            return false;
        }
        rs_grow(&script->commands, &capacity, script->count + 1, sizeof *script->commands);
        script->commands[script->count++] = c;
    }
    return true;
}

void rs_script_free(rs_script *script)
{
    free(script->commands);
    memset(script, 0, sizeof *script);
}
