/* The viewer's --script run (app_private.h): the script's commands fed to
 * the session as the window's events would be, on a virtual clock, so the
 * same script always gives the same pictures. */
#include "app_private.h"

#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "log.h"
#include "script.h"
#include "utf8.h"

/* Moves the virtual clock on in frame-sized steps, as a real loop would. */
static void advance(app *a, unsigned ms)
{
    uint64_t end = a->virtual_now + ms;
    while (a->virtual_now < end) {
        uint64_t step = end - a->virtual_now < FRAME_MS ? end - a->virtual_now : FRAME_MS;
        a->virtual_now += step;
        if (a->session) {
            rs_session_tick(a->session, a->virtual_now);
            app_update_admin_info(a);
            if (rs_session_needs_frame(a->session))
                rs_session_frame(a->session, a->virtual_now, &a->draw);
        }
    }
}

/* The script at path (a regular file of at most 4 MB), or NULL with the
 * reason in reason. */
static char *read_text_file(const char *path, char *reason, size_t reason_size)
{
    size_t size;
    return rs_file_read_regular(path, 4u << 20, &size, reason, reason_size);
}

/* A script's "type": taps the on-screen key of each character in turn,
 * through the same touch path as a finger (in the picture's upright
 * coordinates). Fails, naming the character, when the keyboard shown has
 * no key for it. */
static bool type_on_keyboard(app *a, const rs_script_command *c)
{
    for (const char *p = c->text; *p && a->session;) {
        uint32_t cp;
        size_t bytes = rs_utf8_decode(p, strlen(p), &cp);
        rs_draw_list scratch = {0};
        rs_session_frame(a->session, app_now(a), &scratch); /* the targets as they are now */
        rs_draw_free(&scratch);
        const rs_target_list *targets = rs_session_targets(a->session);
        const rs_target *key = NULL;
        for (size_t i = 0; i < targets->count && !key; i++)
            if (targets->items[i].action.kind == RS_ACT_KEY_CHAR && targets->items[i].action.index == (int64_t)cp)
                key = &targets->items[i];
        if (!key) {
            rs_log("%s:%u: the on-screen keyboard shows no key for '%.*s'", a->options->script, c->line, (int)bytes, p);
            return false;
        }
        float x = (float)key->rect.x + (float)key->rect.w / 2, y = (float)key->rect.y + (float)key->rect.h / 2;
        rs_session_pointer(a->session, RS_POINTER_DOWN, x, y, app_now(a));
        advance(a, TAP_MS);
        rs_session_pointer(a->session, RS_POINTER_UP, x, y, app_now(a));
        advance(a, TAP_MS);
        p += bytes;
    }
    return true;
}

int app_run_script(app *a)
{
    char reason[512];
    char *text = read_text_file(a->options->script, reason, sizeof reason);
    if (!text) {
        rs_log("cannot read the script %s: %s", a->options->script, reason);
        return 2;
    }
    rs_script script;
    char error[512];
    bool parsed = rs_script_parse(a->options->script, text, &script, error, sizeof error);
    free(text);
    if (!parsed) {
        rs_log("%s", error);
        return 2;
    }
    int status = 0;
    a->virtual_now = 1000;
    for (size_t i = 0; i < script.count && !a->quit; i++) {
        const rs_script_command *c = &script.commands[i];
        switch (c->kind) {
        case RS_SCRIPT_TAP:
        case RS_SCRIPT_PRESS:
            app_pointer(a, RS_POINTER_DOWN, c->x1, c->y1);
            advance(a, c->kind == RS_SCRIPT_TAP ? TAP_MS : c->ms);
            app_pointer(a, RS_POINTER_UP, c->x1, c->y1);
            break;
        case RS_SCRIPT_DRAG: {
            app_pointer(a, RS_POINTER_DOWN, c->x1, c->y1);
            unsigned steps = c->ms / FRAME_MS > 0 ? c->ms / FRAME_MS : 1;
            for (unsigned k = 1; k <= steps; k++) {
                advance(a, c->ms / steps);
                float along = (float)k / (float)steps;
                app_pointer(a, RS_POINTER_MOVE, c->x1 + (c->x2 - c->x1) * along, c->y1 + (c->y2 - c->y1) * along);
            }
            app_pointer(a, RS_POINTER_UP, c->x2, c->y2);
            break;
        }
        case RS_SCRIPT_KEY: {
            SDL_Keycode code = SDL_GetKeyFromName(c->text);
            if (code == SDLK_UNKNOWN) {
                rs_log("%s:%u: unknown key '%s'", a->options->script, c->line, c->text);
                status = 2;
                a->quit = true;
                break;
            }
            app_key(a, code, KMOD_NONE);
            break;
        }
        case RS_SCRIPT_TYPE:
            if (!type_on_keyboard(a, c))
                status = 2, a->quit = true;
            break;
        case RS_SCRIPT_TEXT:
            if (a->session)
                rs_session_text(a->session, c->text, app_now(a));
            advance(a, TAP_MS);
            break;
        case RS_SCRIPT_WAIT:
            advance(a, c->ms);
            break;
        case RS_SCRIPT_SHOT:
            if (!app_save_png(a, c->text))
                status = 2;
            break;
        case RS_SCRIPT_QUIT:
            a->quit = true;
            break;
        }
    }
    rs_script_free(&script);
    return status;
}

