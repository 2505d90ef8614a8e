/*
 * Fuzz target: the --script language (app/script.c).
 *
 * The input, NUL-terminated, is parsed as a script. A parse that succeeds
 * gives commands that each hold what their kind needs (finite coordinates
 * within the parser's bounds, a non-empty key or file name that fits, line
 * numbers in order); one that fails gives "path:line: message" and no
 * commands. The error buffer is also given short, and the result must be
 * the same.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "script.h"
#include "utf8.h"

#define PATH "fuzz.script"

static void check_commands(const rs_script *script)
{
    unsigned last_line = 0;
    for (size_t i = 0; i < script->count; i++) {
        const rs_script_command *c = &script->commands[i];
        FUZZ_CHECK(c->line > last_line);
        last_line = c->line;
        const float coordinates[] = {c->x1, c->y1, c->x2, c->y2};
        for (size_t k = 0; k < 4; k++)
            FUZZ_CHECK(isfinite(coordinates[k]) && fabsf(coordinates[k]) <= 100000.0f);
        FUZZ_CHECK(c->ms <= 86400000u);
        FUZZ_CHECK(memchr(c->text, '\0', sizeof c->text) != NULL);
        switch (c->kind) {
        case RS_SCRIPT_KEY:
        case RS_SCRIPT_SHOT:
            FUZZ_CHECK(c->text[0] != '\0');
            FUZZ_CHECK(strpbrk(c->text, " \t\r\n#") == NULL);
            break;
        case RS_SCRIPT_TYPE:
        case RS_SCRIPT_TEXT: {
            /* The rest of the line: words and the spaces between them. */
            size_t n = strlen(c->text);
            FUZZ_CHECK(n > 0 && rs_utf8_valid(c->text, n, NULL));
            FUZZ_CHECK(strpbrk(c->text, "\n#") == NULL);
            FUZZ_CHECK(c->text[0] != ' ' && c->text[0] != '\t');
            FUZZ_CHECK(c->text[n - 1] != ' ' && c->text[n - 1] != '\t' && c->text[n - 1] != '\r');
            break;
        }
        case RS_SCRIPT_TAP:
        case RS_SCRIPT_PRESS:
        case RS_SCRIPT_DRAG:
        case RS_SCRIPT_WAIT:
        case RS_SCRIPT_QUIT:
            FUZZ_CHECK(c->text[0] == '\0');
            break;
        default:
            FUZZ_CHECK(!"unknown command kind");
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';

    rs_script script;
    char error[512];
    memset(error, 0x55, sizeof error);
    bool ok = rs_script_parse(PATH, text, &script, error, sizeof error);
    if (ok) {
        check_commands(&script);
    } else {
        FUZZ_CHECK(script.count == 0 && script.commands == NULL);
        FUZZ_CHECK(memchr(error, '\0', sizeof error) != NULL);
        FUZZ_CHECK(strncmp(error, PATH ":", strlen(PATH ":")) == 0);
        FUZZ_CHECK(strchr(error, '\n') == NULL);
    }

    /* The same with a short error buffer: same verdict, same commands. */
    rs_script again;
    char short_error[8];
    memset(short_error, 0x55, sizeof short_error);
    FUZZ_CHECK(rs_script_parse(PATH, text, &again, short_error, sizeof short_error) == ok);
    FUZZ_CHECK(again.count == script.count);
    if (ok) {
        for (size_t i = 0; i < script.count; i++)
            FUZZ_CHECK(memcmp(&again.commands[i], &script.commands[i], sizeof script.commands[i]) == 0);
    } else {
        FUZZ_CHECK(memchr(short_error, '\0', sizeof short_error) != NULL);
        FUZZ_CHECK(strncmp(short_error, error, sizeof short_error - 1) == 0);
    }
    rs_script_free(&again);
    rs_script_free(&script);
    free(text);
    return 0;
}
