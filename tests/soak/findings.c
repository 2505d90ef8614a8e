/*
 * soak_findings: the bugs the monkey found, each reduced to a few steps on
 * the sample bundle, so each can be seen (and its fix checked) on its own.
 * Prints one line per finding, "ok" or "BUG"; exits 1 if any is still there.
 * Usage: soak_findings BUNDLE [FINDING]
 *
 *   attract-timeout  rs_session_timeout returned 0 in the attract loop at the
 *                    start of a fade, and a tick at that time did not move
 *                    it on: a loop that sleeps for the timeout spun.
 *   pin-dots         the PIN pad's dots line was drawn from a buffer on
 *                    rs_layout_pin's stack, dead once it returns; the draw
 *                    list pointed at it when rs_render read it.
 *   text-size-fonts  after A+ (by a tap or by the keyboard) the reader's text
 *                    was wrapped with the fonts of the previous size and
 *                    drawn with the new ones: lines ran off the window.
 * All three are fixed; this program keeps them fixed.
 */
#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "render.h"
#include "session.h"
#include "text.h"

#ifndef FINDINGS_FONT_DIR
#error "FINDINGS_FONT_DIR must name the fonts folder"
#endif

static const char *bundle_path;
static int failures;

static void report(const char *name, bool bug, const char *detail)
{
    printf("%-16s %s%s%s\n", name, bug ? "BUG" : "ok", detail[0] ? ": " : "", detail);
    failures += bug;
}

/* Text measured at 10 px a byte: enough for the session without fonts. */
static int fake_width(void *context, int style, const char *text, size_t length)
{
    (void)context, (void)style, (void)text;
    return (int)length * 10;
}

static rs_bundle *open_bundle(void)
{
    char error[1200];
    rs_bundle *b = rs_bundle_open(bundle_path, error, sizeof error);
    if (!b) {
        fprintf(stderr, "soak_findings: %s\n", error);
        exit(2);
    }
    return b;
}

static void frame(rs_session *s, uint64_t now)
{
    rs_draw_list draw = {0};
    rs_session_frame(s, now, &draw);
    rs_draw_free(&draw);
}

/* Leave home alone until the attract loop runs, then sleep for exactly the
 * timeouts the session asks for, as a real main loop does. */
static void attract_timeout(void)
{
    rs_bundle *b = open_bundle();
    rs_session *s = rs_session_create(b, (rs_text_measure){NULL, fake_width}, 800, 480);
    char error[512];
    rs_session_open(s, "home", error, sizeof error);
    uint64_t now = 1000;
    int zeros = 0;
    char detail[256] = "";
    for (int i = 0; i < 100000 && now < 1000 + 400000; i++) {
        int timeout = rs_session_timeout(s, now);
        if (timeout < 0)
            timeout = 1000;
        if (timeout == 0 && ++zeros == 50) {
            snprintf(detail, sizeof detail,
                     "in mode %d at t=%llu ms the timeout is 0 after 50 ticks at that time (app/session.c "
                     "idle_deadline, RS_MODE_ATTRACT: 'into > SLIDE_MS - FADE_MS' should be '>=')",
                     (int)rs_session_mode_now(s), (unsigned long long)now);
            break;
        }
        if (timeout)
            zeros = 0;
        now += (uint64_t)timeout;
        rs_session_tick(s, now);
        if (rs_session_needs_frame(s))
            frame(s, now);
    }
    bool reached = rs_session_mode_now(s) == RS_MODE_ATTRACT;
    if (!reached && !detail[0])
        snprintf(detail, sizeof detail, "the attract loop did not start");
    report("attract-timeout", detail[0] != 0, detail);
    rs_session_destroy(s);
    rs_bundle_close(b);
}

static bool accept_pin(void *context, const char *pin)
{
    (void)context, (void)pin;
    return false;
}

/* Lays out the PIN pad with two digits typed, from a frame deeper than this
 * one, and looks where its text commands point: into that frame's stack,
 * which is gone by the time anyone draws. */
static __attribute__((noinline)) void lay_out_pin(rs_session *s, uint64_t now, rs_draw_list *draw)
{
    rs_session_frame(s, now, draw);
}

static void pin_dots(void)
{
    rs_bundle *b = open_bundle();
    rs_session *s = rs_session_create(b, (rs_text_measure){NULL, fake_width}, 800, 480);
    char error[512];
    rs_session_open(s, "home", error, sizeof error);
    rs_session_set_admin(s, 5000, accept_pin, NULL);
    uint64_t now = 1000;
    rs_session_key(s, RS_KEY_ADMIN, now);
    /* Two digits: tap the key for 1 twice. */
    for (int tap = 0; tap < 2; tap++) {
        frame(s, now);
        const rs_target_list *targets = rs_session_targets(s);
        const rs_target *one = NULL;
        for (size_t i = 0; i < targets->count && !one; i++)
            if (targets->items[i].action.kind == RS_ACT_PIN_DIGIT && targets->items[i].action.index == 1)
                one = &targets->items[i];
        if (!one) {
            report("pin-dots", true, "the PIN pad did not open, or has no key 1");
            goto done;
        }
        float x = (float)(one->rect.x + one->rect.w / 2), y = (float)(one->rect.y + one->rect.h / 2);
        rs_session_pointer(s, RS_POINTER_DOWN, x, y, now);
        now += 60;
        rs_session_pointer(s, RS_POINTER_UP, x, y, now);
        now += 200;
    }
    rs_draw_list draw = {0};
    char here; /* the bottom of this frame: everything below it is dead stack */
    lay_out_pin(s, now, &draw);
    uintptr_t top = (uintptr_t)&here;
    char detail[256] = "";
    for (size_t i = 0; i < draw.count; i++) {
        const rs_draw_command *c = &draw.items[i];
        uintptr_t p = (uintptr_t)c->text;
        if (c->kind == RS_DRAW_TEXT && p < top && top - p < 1024 * 1024) {
            snprintf(detail, sizeof detail,
                     "text command %zu (%zu bytes) points into a stack frame that has returned "
                     "(app/layout.c rs_layout_pin: 'char dots[64]' on the stack)",
                     i, c->length);
            break;
        }
    }
    report("pin-dots", detail[0] != 0, detail);
    rs_draw_free(&draw);
done:
    rs_session_destroy(s);
    rs_bundle_close(b);
}

/* As app.c: the fonts follow every new theme at once (fonts_follow). */
static void fonts_follow(void *context, const rs_theme *theme)
{
    char error[512];
    if (!rs_text_set_theme(context, theme, error, sizeof error)) {
        fprintf(stderr, "soak_findings: %s\n", error);
        exit(2);
    }
}

/* Lays out a frame; returns the right edge of its widest line of text. */
static int widest_line(rs_session *s, rs_text *text, uint64_t now)
{
    rs_draw_list draw = {0};
    rs_session_frame(s, now, &draw);
    int right = 0;
    for (size_t i = 0; i < draw.count; i++) {
        const rs_draw_command *c = &draw.items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        int r = c->rect.x + rs_text_width(text, c->style, c->text, c->length);
        if (r > right)
            right = r;
    }
    rs_draw_free(&draw);
    return right;
}

/* The reader, then A+ by a tap (by_key false) or by the keyboard (focus
 * moved onto A+, then Enter: the session lays out at once to find the next
 * focus). Returns false when it cannot find the button. */
static bool larger_text(bool by_key, int *before, int *after, int *fresh)
{
    rs_bundle *b = open_bundle();
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024];
    rs_text *text = rs_text_create(FINDINGS_FONT_DIR, &theme, error, sizeof error);
    if (!text) {
        fprintf(stderr, "soak_findings: %s\n", error);
        exit(2);
    }
    rs_session *s = rs_session_create(b, rs_text_measurer(text), 800, 480);
    rs_session_set_theme_listener(s, fonts_follow, text);
    rs_session_open(s, "statements/xinhua-2019-02-12-stop-tarnishing-china", error, sizeof error);
    uint64_t now = 1000;
    *before = widest_line(s, text, now);
    bool found = false;
    if (by_key) {
        for (int i = 0; i < 100 && !found; i++) {
            rs_session_key(s, RS_KEY_NEXT, now);
            found = rs_session_focus(s).kind == RS_ACT_TEXT_LARGER;
        }
        if (found)
            rs_session_key(s, RS_KEY_ACTIVATE, now);
    } else {
        const rs_target_list *targets = rs_session_targets(s);
        for (size_t i = 0; i < targets->count && !found; i++) {
            const rs_rect *r = &targets->items[i].rect;
            if (targets->items[i].action.kind != RS_ACT_TEXT_LARGER)
                continue;
            float x = (float)(r->x + r->w / 2), y = (float)(r->y + r->h / 2);
            rs_session_pointer(s, RS_POINTER_DOWN, x, y, now);
            now += 50;
            rs_session_pointer(s, RS_POINTER_UP, x, y, now);
            found = true;
        }
    }
    if (found) {
        rs_session_tick(s, now);
        *after = widest_line(s, text, now);
        /* The same screen laid out afresh with the fonts now open. */
        rs_session_resize(s, 800, 480);
        *fresh = widest_line(s, text, now);
    }
    rs_session_destroy(s);
    rs_bundle_close(b);
    rs_text_destroy(text);
    return found;
}

static void text_size_fonts(void)
{
    char detail[600] = "";
    bool bug = false;
    for (int by_key = 0; by_key <= 1; by_key++) {
        int before = 0, after = 0, fresh = 0;
        const char *how = by_key ? "by the keyboard" : "by a tap";
        size_t used = strlen(detail);
        if (!larger_text(by_key, &before, &after, &fresh)) {
            snprintf(detail + used, sizeof detail - used, "%sno A+ button reached %s", used ? "; " : "", how);
            bug = true;
        } else if (after > 801) {
            snprintf(detail + used, sizeof detail - used,
                     "%sA+ %s: the widest line ends at x=%d before, x=%d after (window 800), x=%d once laid out "
                     "again: text wrapped with the old fonts, drawn with the new ones",
                     used ? "; " : "", how, before, after, fresh);
            bug = true;
        }
    }
    report("text-size-fonts", bug, detail);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } findings[] = {
        {"attract-timeout", attract_timeout},
        {"pin-dots", pin_dots},
        {"text-size-fonts", text_size_fonts},
    };
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "Usage: soak_findings BUNDLE [FINDING]\n");
        return 2;
    }
    bundle_path = argv[1];
    bool ran = false;
    for (size_t i = 0; i < sizeof findings / sizeof findings[0]; i++) {
        if (argc == 3 && strcmp(argv[2], findings[i].name) != 0)
            continue;
        findings[i].run();
        ran = true;
    }
    SDL_Quit();
    if (!ran) {
        fprintf(stderr, "soak_findings: no finding '%s'\n", argv[2]);
        return 2;
    }
    return failures ? 1 : 0;
}
