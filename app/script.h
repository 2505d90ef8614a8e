/*
 * Input scripts: a visitor's session written as text, replayed headless on a
 * virtual clock (--script). One command per line:
 *
 *   tap X Y                    touch and release at (X, Y)
 *   press X Y MS               touch, hold MS milliseconds, release
 *   drag X1 Y1 X2 Y2 MS        touch at (X1, Y1), move to (X2, Y2) over MS, release
 *   key NAME                   a key by its SDL name: Down, Return, Escape, Tab...
 *   type TEXT                  taps each character's key on the on-screen keyboard
 *   text TEXT                  TEXT as from a physical keyboard or input method
 *   wait MS                    let MS milliseconds pass
 *   shot FILE.png              write what is on screen
 *   quit                       stop
 *
 * '#' starts a comment; blank lines are ignored. Pure parsing: no SDL.
 */
#ifndef RS_SCRIPT_H
#define RS_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum rs_script_kind {
    RS_SCRIPT_TAP,
    RS_SCRIPT_PRESS,
    RS_SCRIPT_DRAG,
    RS_SCRIPT_KEY,
    RS_SCRIPT_TYPE,
    RS_SCRIPT_TEXT,
    RS_SCRIPT_WAIT,
    RS_SCRIPT_SHOT,
    RS_SCRIPT_QUIT,
} rs_script_kind;

typedef struct rs_script_command {
    rs_script_kind kind;
    unsigned line;
    float x1, y1, x2, y2;
    unsigned ms;
    char text[256]; /* key name or file name */
} rs_script_command;

typedef struct rs_script {
    rs_script_command *commands;
    size_t count;
} rs_script;

/* Parses text (named path in messages). On the first bad line returns false
 * with "path:line: what is wrong" in error. */
bool rs_script_parse(const char *path, const char *text, rs_script *script, char *error, size_t error_size);
void rs_script_free(rs_script *script);

#endif
