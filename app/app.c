#include "app_private.h"
#include "utf8.h"
#include "i18n.h"

#include <SDL.h>
#include <nettle/sha2.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app_speech.h"
#include "bundle.h"
#include "config.h"
#include "draw.h"
#include "event_wait.h"
#include "expect.h"
#include "file.h"
#include "image.h"
#include "layout.h"
#include "lockout_store.h"
#include "log.h"
#include "lockdown.h"
#include "render.h"
#include "rotation.h"
#include "script.h"
#include "searcher.h"
#include "session.h"
#include "text.h"
#include "theme.h"
#include "watch.h"
#include "watchdog.h"

#define WHEEL_ZOOM 1.2247449f /* per wheel notch: the square root of the + button's 1.5, two notches a press */

/* ROSTRUM_TRACE_STARTUP=1 prints how long each start-up step took. */
static struct timespec trace_origin;
static bool trace_on;

static void trace(const char *step)
{
    if (!trace_on)
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double ms = (double)(t.tv_sec - trace_origin.tv_sec) * 1e3 + (double)(t.tv_nsec - trace_origin.tv_nsec) / 1e6;
    fprintf(stderr, "startup %7.2f ms  %s\n", ms, step);
}


uint64_t app_now(const app *a)
{
    return a->headless ? a->virtual_now : SDL_GetTicks64();
}

static const rs_theme *theme(const app *a, rs_theme *fallback)
{
    if (a->session)
        return rs_session_theme(a->session);
    *fallback = rs_theme_for(a->width, a->height);
    return fallback;
}

static void draw_frame(app *a)
{
    rs_theme fallback;
    const rs_theme *t = theme(a, &fallback);

    int lw, lh;
    rs_rotation_logical_size(a->rotation, a->width, a->height, &lw, &lh);
    if (a->session)
        rs_session_frame(a->session, app_now(a), &a->draw);
    else
        rs_layout_error(a->error_layout, t, lw, lh, _("This kiosk cannot show its statements"), a->error, &a->draw);
    if (a->rotation == 0) {
        rs_render(a->renderer, a->text, &a->draw, t->background);
    } else {
        /* Draw upright into a texture, then turn it onto the screen. */
        if (!a->turned || a->turned_w != lw || a->turned_h != lh) {
            if (a->turned)
                SDL_DestroyTexture(a->turned);
            a->turned = SDL_CreateTexture(a->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, lw, lh);
            a->turned_w = lw, a->turned_h = lh;
        }
        SDL_SetRenderTarget(a->renderer, a->turned);
        rs_render(a->renderer, a->text, &a->draw, t->background);
        SDL_SetRenderTarget(a->renderer, NULL);
        SDL_SetRenderDrawColor(a->renderer, 0, 0, 0, 255);
        SDL_RenderClear(a->renderer);
        SDL_Rect dst = {(a->width - lw) / 2, (a->height - lh) / 2, lw, lh};
        SDL_RenderCopyEx(a->renderer, a->turned, NULL, &dst, (double)a->rotation, NULL, SDL_FLIP_NONE);
    }
    if (!a->headless)
        SDL_RenderPresent(a->renderer);
}

/* The picture is laid out at the window's size, turned. */
static void resize_session(app *a)
{
    int lw, lh;
    rs_rotation_logical_size(a->rotation, a->width, a->height, &lw, &lh);
    rs_session_resize(a->session, lw, lh);
}

static bool resize(app *a, int width, int height)
{
    a->width = width, a->height = height;
    if (a->session) {
        resize_session(a); /* fonts follow in draw_frame */
        return true;
    }
    rs_theme fallback;
    char error[512];
    if (!rs_text_set_theme(a->text, theme(a, &fallback), error, sizeof error)) {
        rs_log("%s", error);
        return false;
    }
    rs_layout_forget(a->error_layout);
    return true;
}

/* ---- the admin screen ---- */

/* SHA-256 of the bundle file as hex, so staff can compare it with what was
 * sent; "" on a read error. */
static void hash_file(const char *path, char out[65])
{
    out[0] = '\0';
    /* Only a regular file: a FIFO or /dev/zero in its place would hold the
     * kiosk's loop for ever. */
    char reason[256];
    int fd = rs_file_open_regular(path, NULL, reason, sizeof reason);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    static unsigned char buffer[1 << 16];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, f)) > 0)
        sha256_update(&ctx, n, buffer);
    bool ok = !ferror(f);
    fclose(f);
    if (!ok)
        return;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* Resident memory of this process, from the kernel. */
static double resident_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* Fills the admin screen's lines; called when it opens and each second. */
void app_update_admin_info(app *a)
{
    if (!a->session || rs_session_mode_now(a->session) != RS_MODE_ADMIN) {
        a->admin_shown_at = 0;
        return;
    }
    uint64_t t = app_now(a);
    if (a->admin_shown_at && t - a->admin_shown_at < 1000)
        return;
    if (!a->admin_shown_at && !a->bundle_sha256[0])
        hash_file(a->options->bundle_path, a->bundle_sha256); /* once per bundle; fast for real bundles */
    a->admin_shown_at = t;
    char format[256], statements[128], uptime[64], memory[64], screen[64], messages[3][512];
    const char *meta_built = rs_bundle_meta(a->bundle, "built_at"), *builder = rs_bundle_meta(a->bundle, "builder");
    /* TRANSLATORS: the admin screen: %1$s the bundle format's version, %2$s
     * when it was built (ISO 8601), %3$s the program that built it. */
    snprintf(format, sizeof format, _("version %1$s, built %2$s by %3$s"), rs_bundle_meta(a->bundle, "format_version"),
             meta_built ? meta_built : "?", builder ? builder : "?");
    const char *languages = rs_bundle_meta(a->bundle, "languages");
    snprintf(statements, sizeof statements, _("%1$s (languages: %2$s)"), rs_bundle_meta(a->bundle, "statement_count"),
             languages ? languages : "?");
    uint64_t seconds = (t - a->started) / 1000;
    snprintf(uptime, sizeof uptime, _("%1$llu d %2$llu h %3$llu min"), (unsigned long long)(seconds / 86400),
             (unsigned long long)(seconds / 3600 % 24), (unsigned long long)(seconds / 60 % 60));
    /* A picture must come out the same on every machine: no memory figure in it. */
    if (a->headless)
        snprintf(memory, sizeof memory, "%s", _("not measured when drawing pictures"));
    else
        snprintf(memory, sizeof memory, _("%.1f MB resident"), resident_mb());
    snprintf(screen, sizeof screen, _("%1$dx%2$d, turned %3$d°"), a->width, a->height, a->rotation);
    rs_admin_line lines[12];
    size_t n = 0;
    lines[n++] = (rs_admin_line){_("Bundle"), rs_bundle_meta(a->bundle, "title")};
    lines[n++] = (rs_admin_line){_("File"), a->options->bundle_path};
    lines[n++] = (rs_admin_line){_("Format"), format};
    lines[n++] = (rs_admin_line){_("Statements"), statements};
    lines[n++] = (rs_admin_line){"SHA-256", a->bundle_sha256[0] ? a->bundle_sha256 : _("cannot be read")};
    lines[n++] = (rs_admin_line){_("Running for"), uptime};
    lines[n++] = (rs_admin_line){_("Memory"), memory};
    lines[n++] = (rs_admin_line){_("Screen"), screen};
    for (size_t i = 0; i < 3; i++) {
        const char *m = rs_log_recent(i);
        if (!m)
            break;
        snprintf(messages[i], sizeof messages[i], "%s", m);
        lines[n++] = (rs_admin_line){i == 0 ? _("Last messages") : "", messages[i]};
    }
    if (n == 8)
        lines[n++] = (rs_admin_line){_("Last messages"), _("none")};
    rs_session_set_admin_info(a->session, lines, n);
}

/* The session's theme changed (resize, look, A+/A-): the fonts follow now. */
static void fonts_follow(void *context, const rs_theme *theme)
{
    app *a = context;
    char error[512];
    if (!rs_text_set_theme(a->text, theme, error, sizeof error))
        rs_log("%s", error);
}

/* ---- settings ---- */

static bool check_pin(void *context, const char *pin)
{
    return rs_config_check_pin(context, pin);
}

/* ---- search on its own thread ---- */

static void start_search(void *context, unsigned generation, const char *query, bool typing)
{
    rs_searcher_ask(context, generation, query, typing);
}

static void search_answered(app *a, rs_search_answer *answer)
{
    if (!answer->ok)
        rs_log("search for \"%s\" failed: %s", answer->query, answer->error);
    if (a->session) {
        rs_session_search_done(a->session, answer->generation, answer->query, &answer->results, answer->ok);
        answer->ok = false; /* the results are the session's now */
    }
    rs_searcher_answer_free(answer);
}

/* The configured language, or English when it needs the CJK font and that
 * font cannot be used (rs_text_fallback_problem says why, in the log). */
static rs_ui_language ui_language(const app *a)
{
    rs_ui_language language = (rs_ui_language)a->options->language;
    return language == RS_UI_ZH && rs_text_fallback_problem(a->text) ? RS_UI_EN : language;
}

/* Applies the settings file to a new session: idle tiers, staff access, size. */
static void configure_session(app *a)
{
    rs_session_set_theme_listener(a->session, fonts_follow, a);
    rs_session_set_language(a->session, ui_language(a));
    if (a->searcher)
        rs_session_set_searcher(a->session, start_search, a->searcher);
    const rs_config *c = a->options->config;
    float scale = 1.0f;
    if (c) {
        rs_session_set_idle(a->session, (uint32_t)c->idle_seconds * 1000u, (uint32_t)c->countdown_seconds * 1000u,
                            (uint32_t)c->attract_seconds * 1000u);
        if (c->admin_pin[0])
            rs_session_set_admin(a->session, (uint32_t)c->admin_hold_seconds * 1000u, check_pin, (void *)c);
        rs_session_set_lockout(a->session, a->lockout, app_now(a));
        scale = (float)rs_config_effective_scale(c, a->width, a->height);
    }
    if (a->options->high_contrast || scale != 1.0f)
        rs_session_set_look(a->session, scale, a->options->high_contrast);
    rs_app_speech_attach(&a->speech, a->session, c, a->headless, a->events ? rs_event_wait_wakeup(a->events) : NULL);
}

static bool is_admin_chord(const app *a, SDL_Keycode code, SDL_Keymod mod)
{
    const rs_config *c = a->options->config;
    if (!c || !c->admin_chord_key[0] || code != SDL_GetKeyFromName(c->admin_chord_key))
        return false;
    unsigned held = ((mod & KMOD_CTRL) ? RS_CONFIG_MOD_CTRL : 0u) | ((mod & KMOD_ALT) ? RS_CONFIG_MOD_ALT : 0u) |
                    ((mod & KMOD_SHIFT) ? RS_CONFIG_MOD_SHIFT : 0u) | ((mod & KMOD_GUI) ? RS_CONFIG_MOD_GUI : 0u);
    return held == c->admin_chord_mods;
}

/* ---- input ---- */

void app_pointer(app *a, rs_pointer_phase phase, float x, float y)
{
    float lx, ly;
    rs_rotation_to_logical(a->rotation, a->width, a->height, x, y, &lx, &ly);
    if (a->session)
        rs_session_pointer(a->session, phase, lx, ly, app_now(a));
}

/* A touch screen's fingers, each by its id: one alone is the pointer above,
 * two pinch (rs_session_finger). */
static void finger(app *a, SDL_FingerID id, rs_pointer_phase phase, float x, float y)
{
    float lx, ly;
    rs_rotation_to_logical(a->rotation, a->width, a->height, x, y, &lx, &ly);
    if (a->session)
        rs_session_finger(a->session, (int64_t)id, phase, lx, ly, app_now(a));
}

/* SDL keys to the viewer's keys; false for keys it ignores. */
/* A four-button keypad for spoken navigation may be a numeric keypad with
 * Num Lock off: 8 and 2 are Up and Down, 4 and 6 Left and Right (with Num
 * Lock on they type digits into the search field instead). */
static bool map_keypad(SDL_Keycode code, rs_key *key)
{
    switch (code) {
    case SDLK_KP_8: *key = RS_KEY_UP; return true;
    case SDLK_KP_2: *key = RS_KEY_DOWN; return true;
    case SDLK_KP_4: *key = RS_KEY_LEFT; return true;
    case SDLK_KP_6: *key = RS_KEY_RIGHT; return true;
    case SDLK_KP_BACKSPACE: *key = RS_KEY_DELETE; return true;
    default: return false;
    }
}

static bool map_key(SDL_Keycode code, SDL_Keymod mod, rs_key *key)
{
    bool shift = (mod & KMOD_SHIFT) != 0;
    if (!(mod & KMOD_NUM) && map_keypad(code, key))
        return true;
    switch (code) {
    case SDLK_ESCAPE:
    case SDLK_AC_BACK: *key = RS_KEY_BACK; return true;
    case SDLK_BACKSPACE: *key = RS_KEY_DELETE; return true;
    case SDLK_HOME:
    case SDLK_AC_HOME: *key = RS_KEY_HOME; return true;
    case SDLK_DOWN: *key = RS_KEY_DOWN; return true;
    case SDLK_RIGHT: *key = RS_KEY_RIGHT; return true;
    case SDLK_UP: *key = RS_KEY_UP; return true;
    case SDLK_LEFT: *key = RS_KEY_LEFT; return true;
    case SDLK_PLUS:
    case SDLK_EQUALS: /* + without Shift on most layouts */
    case SDLK_KP_PLUS: *key = RS_KEY_ZOOM_IN; return true;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: *key = RS_KEY_ZOOM_OUT; return true;
    case SDLK_TAB: *key = shift ? RS_KEY_SHIFT_TAB : RS_KEY_TAB; return true;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE: *key = RS_KEY_ACTIVATE; return true;
    case SDLK_PAGEDOWN: *key = RS_KEY_PAGE_DOWN; return true;
    case SDLK_PAGEUP: *key = RS_KEY_PAGE_UP; return true;
    default: return false;
    }
}

static void request_quit(app *a, rs_quit_request request)
{
    if (rs_lockdown_allows(a->options->kiosk, request))
        a->quit = true;
}

void app_key(app *a, SDL_Keycode code, SDL_Keymod mod)
{
    if (a->session && is_admin_chord(a, code, mod)) {
        rs_session_key(a->session, RS_KEY_ADMIN, app_now(a));
        return;
    }
    if ((mod & KMOD_CTRL) && (code == SDLK_q || code == SDLK_w)) {
        request_quit(a, RS_QUIT_KEY);
        return;
    }
    /* While the search field takes text, a space (and + = -) is typed (it
     * comes as text input), not pressed. */
    if ((code == SDLK_SPACE || code == SDLK_PLUS || code == SDLK_EQUALS || code == SDLK_MINUS) && a->session &&
        rs_session_wants_text(a->session))
        return;
    rs_key k;
    if (a->session && map_key(code, mod, &k))
        rs_session_key(a->session, k, app_now(a));
}

/* ---- a replaced bundle ---- */

/* Opens and verifies the bundle at the path exactly as `rostrum-bundle
 * check` does; runs on its own thread so a big file never stalls a frame. */
static int check_bundle(void *data)
{
    app *a = data;
    char error[1200];
    rs_bundle *b = rs_bundle_open(a->options->bundle_path, error, sizeof error);
    if (b && !rs_bundle_verify(b, error, sizeof error)) {
        rs_bundle_close(b);
        b = NULL;
    }
    a->checked = b;
    snprintf(a->check_error, sizeof a->check_error, "%s", b ? "" : error);
    SDL_AtomicSet(&a->check_done, 1);
    rs_wakeup *wakeup = a->events ? rs_event_wait_wakeup(a->events) : NULL;
    if (wakeup)
        rs_wakeup_signal(wakeup);
    return 0;
}

/* Replaces the session and its bundle with the checked one. */
static void switch_bundle(app *a)
{
    rs_session *old = a->session;
    rs_bundle *old_bundle = a->bundle;
    int lw, lh;
    rs_rotation_logical_size(a->rotation, a->width, a->height, &lw, &lh);
    a->bundle = a->checked;
    a->checked = NULL;
    a->session = rs_session_create(a->bundle, rs_text_measurer(a->text), lw, lh);
    configure_session(a);
    char error[512];
    rs_session_open(a->session, "home", error, sizeof error);
    rs_session_destroy(old);
    rs_bundle_close(old_bundle);
    rs_layout_destroy(a->error_layout);
    a->error_layout = NULL;
    a->bundle_sha256[0] = '\0';
    a->reload_requested = false;
    if (a->searcher) /* the search thread reopens the file */
        rs_searcher_reopen(a->searcher);
    rs_log("now showing the new bundle %s (%s)", a->options->bundle_path,
            rs_bundle_meta(a->bundle, "title"));
}

static void start_check(app *a)
{
    SDL_AtomicSet(&a->check_done, 0);
    a->check_error[0] = '\0';
    a->checker = SDL_CreateThread(check_bundle, "bundle-check", a);
    if (!a->checker)
        check_bundle(a); /* no threads: check here */
}

/* Looks for a replaced bundle, checks it, and switches when the visitor is
 * at home (or at once, when the old one could not be shown at all). */
static void watch_bundle(app *a)
{
    if (!a->watch)
        return;
    if (a->checker && SDL_AtomicGet(&a->check_done)) {
        SDL_WaitThread(a->checker, NULL);
        a->checker = NULL;
        /* Overwritten in place, the file the viewer has open is the damaged
         * one: "still showing the previous one" was not true then. */
        bool in_place = rs_watch_in_place(a->watch);
        rs_watch_settle(a->watch);
        if (a->checked)
            rs_log("a new bundle at %s passed its checks; it will be shown at the next return home",
                    a->options->bundle_path);
        else if (in_place && a->bundle)
            rs_log("the bundle file %s was overwritten in place and is now damaged; the viewer keeps what it had "
                   "already read, but screens it has not read yet may fail. Copy a good bundle beside it and "
                   "rename it over %s (copying over it in place is what damages it). %s",
                   a->options->bundle_path, a->options->bundle_path, a->check_error);
        else if (!a->bundle)
            rs_log("the new bundle at %s was refused; the error screen stays until a good one is in place. %s",
                   a->options->bundle_path, a->check_error);
        else
            rs_log("the new bundle at %s was refused; still showing the previous one. %s",
                    a->options->bundle_path, a->check_error);
    }
    if (!a->checker && !a->checked && rs_watch_poll(a->watch, app_now(a)))
        start_check(a);
    /* a->checked is the checker thread's until it is joined: reading it
     * while the thread runs was a data race (the switch could even happen
     * before the thread had finished, and the join then logged a refusal). */
    if (!a->checker && a->checked && (!a->session || rs_session_at_home(a->session) || a->reload_requested))
        switch_bundle(a);
    if (!a->checker && !a->checked && a->reload_requested) {
        if (a->check_error[0])
            rs_log("reloading %s failed: %s", a->options->bundle_path, a->check_error);
        a->reload_requested = false;
    }
}

/* Milliseconds until the app itself needs to wake up; -1: never. */
static int app_timeout(app *a)
{
    int timeout = a->session ? rs_session_timeout(a->session, app_now(a)) : -1;
    if (a->watch) {
        int watch = a->checker ? 50 : (int)rs_watch_due_in(a->watch, app_now(a));
        if (timeout < 0 || watch < timeout)
            timeout = watch;
    }
    return timeout;
}

/* What the admin screen asked for. */
static void run_command(app *a)
{
    if (!a->session)
        return;
    switch (rs_session_take_command(a->session)) {
    case RS_COMMAND_NONE:
        break;
    case RS_COMMAND_EXIT:
        request_quit(a, RS_QUIT_ADMIN);
        break;
    case RS_COMMAND_ROTATE:
        a->rotation = (a->rotation + 90) % 360;
        resize_session(a);
        break;
    case RS_COMMAND_RELOAD:
        /* Checked on the background thread like any new file (a big bundle
         * must not stall the loop past the watchdog), then switched in at
         * once: staff asked for it. */
        a->reload_requested = true;
        if (a->watch && !a->checker && !a->checked)
            start_check(a);
        break;
    }
}

static void handle_event(app *a, const SDL_Event *e)
{
    float w = (float)a->width, h = (float)a->height;
    switch (e->type) {
    case SDL_QUIT:
        /* In kiosk mode SIGINT is ignored and closing the window does not
         * quit SDL, so only SIGTERM gets here; elsewhere anything may. */
        request_quit(a, RS_QUIT_TERMINATE);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE) {
            request_quit(a, RS_QUIT_WINDOW_CLOSE);
            break;
        }
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            int pw, ph;
            SDL_GetRendererOutputSize(a->renderer, &pw, &ph);
            if (!resize(a, pw, ph))
                a->quit = true;
        }
        draw_frame(a); /* exposed, resized or restored: show the picture again */
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        rs_text_drop_textures(a->text);
        draw_frame(a);
        break;
    case SDL_FINGERDOWN:
        finger(a, e->tfinger.fingerId, RS_POINTER_DOWN, e->tfinger.x * w, e->tfinger.y * h);
        break;
    case SDL_FINGERMOTION:
        finger(a, e->tfinger.fingerId, RS_POINTER_MOVE, e->tfinger.x * w, e->tfinger.y * h);
        break;
    case SDL_FINGERUP:
        finger(a, e->tfinger.fingerId, RS_POINTER_UP, e->tfinger.x * w, e->tfinger.y * h);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION: {
        if (e->button.which == SDL_TOUCH_MOUSEID)
            break;
        /* Mouse coordinates are in window points; scale to pixels (HiDPI). */
        int ww, wh;
        SDL_GetWindowSize(a->window, &ww, &wh);
        float sx = ww > 0 ? w / (float)ww : 1, sy = wh > 0 ? h / (float)wh : 1;
        if (e->type == SDL_MOUSEMOTION) {
            if (e->motion.state & SDL_BUTTON_LMASK)
                app_pointer(a, RS_POINTER_MOVE, (float)e->motion.x * sx, (float)e->motion.y * sy);
        } else if (e->button.button == SDL_BUTTON_LEFT) {
            app_pointer(a, e->type == SDL_MOUSEBUTTONDOWN ? RS_POINTER_DOWN : RS_POINTER_UP, (float)e->button.x * sx,
                    (float)e->button.y * sy);
        }
        break;
    }
    case SDL_MOUSEWHEEL:
        if (!a->session)
            break;
        /* A map or a timeline zooms about the pointer (so does Ctrl+wheel,
         * which never scrolls); everything else scrolls. */
        if (rs_session_has_view(a->session) || (SDL_GetModState() & KMOD_CTRL)) {
            int ww, wh, mx, my;
            SDL_GetWindowSize(a->window, &ww, &wh);
            float notches = (float)e->wheel.y;
#if SDL_VERSION_ATLEAST(2, 26, 0)
            mx = e->wheel.mouseX, my = e->wheel.mouseY;
            notches = e->wheel.preciseY; /* a touchpad's fractions of a notch */
#else
            SDL_GetMouseState(&mx, &my);
#endif
            float px = (float)mx * (ww > 0 ? w / (float)ww : 1), py = (float)my * (wh > 0 ? h / (float)wh : 1);
            float lx, ly;
            rs_rotation_to_logical(a->rotation, a->width, a->height, px, py, &lx, &ly);
            rs_session_zoom_at(a->session, powf(WHEEL_ZOOM, notches), lx, ly, app_now(a));
        } else {
            rs_theme fallback;
            rs_session_scroll_by(a->session, -(float)e->wheel.y * (float)theme(a, &fallback)->target * 1.5f, app_now(a));
        }
        break;
    case SDL_KEYDOWN:
        app_key(a, e->key.keysym.sym, (SDL_Keymod)e->key.keysym.mod);
        break;
    case SDL_TEXTINPUT:
        if (a->session)
            rs_session_text(a->session, e->text.text, app_now(a));
        break;
    default:
        if (a->searcher && e->type == rs_searcher_event_type(a->searcher))
            search_answered(a, e->user.data1);
        else
            rs_app_speech_event(a->speech, e, app_now(a));
        break;
    }
}

/* ---- targets: a window, or an image ---- */

/* Before SDL starts: what the viewer does not use must cost nothing.
 * - D-Bus: SDL connects to the session bus (screen saver, input methods).
 *   Without DBUS_SESSION_BUS_ADDRESS, libdbus forks `dbus-launch
 *   --autolaunch` (and may leave a daemon behind); a kiosk has no session
 *   bus. The user's bus socket if there is one, else "disabled:", which
 *   libdbus refuses at once.
 * - X11's compose table: XOpenIM parses /usr/share/X11/locale/.../Compose
 *   (about half the instructions of a start). In kiosk mode text comes from
 *   the on-screen keyboard, so the table is left out unless the operator
 *   names one (XCOMPOSEFILE) or an input method (XMODIFIERS). */
static void prepare_environment(const rs_app_options *o)
{
    if (!getenv("DBUS_SESSION_BUS_ADDRESS")) {
        const char *runtime = getenv("XDG_RUNTIME_DIR");
        char address[600];
        struct stat st;
        int n = runtime ? snprintf(address, sizeof address, "unix:path=%s/bus", runtime) : -1;
        bool user_bus = n > 0 && (size_t)n < sizeof address && stat(address + 10, &st) == 0 && S_ISSOCK(st.st_mode);
        setenv("DBUS_SESSION_BUS_ADDRESS", user_bus ? address : "disabled:", 1);
    }
    if (o->kiosk && !getenv("XCOMPOSEFILE") && !getenv("XMODIFIERS"))
        setenv("XCOMPOSEFILE", "/dev/null", 1);
}

static bool create_window(app *a)
{
    const rs_app_options *o = a->options;
    prepare_environment(o);
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (o->kiosk) {
        /* SDL turns SIGINT into a quit only if nobody handles it: ignore it
         * first. The window closing no longer quits; SIGTERM still does. */
        signal(SIGINT, SIG_IGN);
        SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    }
    if (o->software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        rs_log("cannot start the display: %s", SDL_GetError());
        return false;
    }
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
    if (o->fullscreen || o->kiosk)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    a->window = SDL_CreateWindow("Rostrum", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->width, o->height, flags);
    if (!a->window) {
        rs_log("cannot open a window: %s", SDL_GetError());
        return false;
    }
    if (o->software)
        a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_SOFTWARE);
    else
        a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->renderer && !o->software) {
        /* No GPU: SDL's software renderer on a new window, without the GL stack. */
        SDL_DestroyWindow(a->window);
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        a->window = SDL_CreateWindow("Rostrum", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->width, o->height, flags);
        a->renderer = a->window ? SDL_CreateRenderer(a->window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    }
    if (!a->renderer) {
        rs_log("cannot draw in the window: %s", SDL_GetError());
        return false;
    }
    SDL_GetRendererOutputSize(a->renderer, &a->width, &a->height);
    if (o->kiosk) {
        SDL_ShowCursor(SDL_DISABLE);
        SDL_DisableScreenSaver(); /* and display blanking, where the platform allows */
    }
    return true;
}

static bool create_canvas(app *a)
{
    a->canvas = SDL_CreateRGBSurfaceWithFormat(0, a->options->width, a->options->height, 32, SDL_PIXELFORMAT_ARGB8888);
    a->renderer = a->canvas ? SDL_CreateSoftwareRenderer(a->canvas) : NULL;
    if (!a->renderer) {
        rs_log("cannot create an image to draw on: %s", SDL_GetError());
        return false;
    }
    a->width = a->options->width, a->height = a->options->height;
    return true;
}

bool app_save_png(app *a, const char *path)
{
    app_update_admin_info(a);
    draw_frame(a);
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(a->canvas, SDL_PIXELFORMAT_ABGR8888, 0);
    bool ok = rgba && rs_image_write_png(path, rgba->pixels, rgba->w, rgba->h, rgba->pitch);
    if (!ok)
        rs_log("cannot write %s", path);
    SDL_FreeSurface(rgba);
    return ok;
}

/* ---- running ---- */

static int run_window(app *a)
{
    draw_frame(a);
    trace("first frame presented");
    /* systemd: ready now, and a ping from this loop (never a thread) within
     * each watchdog interval, so a hung loop gets the viewer restarted. */
    rs_watchdog_ready();
    rs_watchdog_status(a->bundle ? rs_bundle_meta(a->bundle, "title") : a->error);
    const rs_config *settings = a->options->config;
    int ping_ms = settings && !settings->watchdog ? 0 : rs_watchdog_interval_ms();
    uint64_t next_ping = app_now(a) + (uint64_t)ping_ms;
    /* For the benchmark: the monotonic clock at the first frame, which the
     * parent compares with the time it started this process. */
    const char *stamp = getenv("ROSTRUM_FIRST_FRAME_STAMP");
    if (stamp && stamp[0] == '1') {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        fprintf(stderr, "first-frame-ns %lld\n", (long long)t.tv_sec * 1000000000LL + t.tv_nsec);
    }
    if (a->options->exit_after_first_frame)
        return 0;
    while (!a->quit) {
        int timeout = app_timeout(a);
        if (ping_ms > 0) {
            int until_ping = next_ping > app_now(a) ? (int)(next_ping - app_now(a)) : 0;
            if (timeout < 0 || until_ping < timeout)
                timeout = until_ping;
        }
        SDL_Event event;
        if (rs_event_wait_next(a->events, &event, timeout)) {
            handle_event(a, &event);
            while (SDL_PollEvent(&event))
                handle_event(a, &event);
        }
        if (a->session) {
            rs_session_tick(a->session, app_now(a));
            run_command(a);
            app_update_admin_info(a);
        }
        /* An input method's window only while the search field is open. */
        bool wants_text = a->session && rs_session_wants_text(a->session);
        if (wants_text != (SDL_IsTextInputActive() == SDL_TRUE))
            wants_text ? SDL_StartTextInput() : SDL_StopTextInput();
        rs_session *before = a->session;
        watch_bundle(a);
        if (a->session != before || (a->session && rs_session_needs_frame(a->session)))
            draw_frame(a);
        if (ping_ms > 0 && app_now(a) >= next_ping) {
            rs_watchdog_ping();
            next_ping = app_now(a) + (uint64_t)ping_ms;
        }
    }
    rs_watchdog_stopping();
    return 0;
}

/* A window waits for events asleep on every video driver, and searches on
 * a thread; pictures and scripts search in line, so that what they show
 * does not depend on timing. */
static void start_window_services(app *a)
{
    if (a->headless)
        return;
    const char *input_dir = getenv("ROSTRUM_INPUT_DIR"); /* tests: a folder of FIFOs */
    a->events = rs_event_wait_create(input_dir ? input_dir : "/dev/input");
    if (trace_on && rs_event_wait_device_count(a->events) >= 0)
        fprintf(stderr, "startup: the %s display has no wait of its own; sleeping on %d input devices\n",
                SDL_GetCurrentVideoDriver(), rs_event_wait_device_count(a->events));
    if (a->bundle && !(a->searcher = rs_searcher_create(a->options->bundle_path, rs_event_wait_wakeup(a->events))))
        rs_log("cannot start the search thread: %s; searching in line", SDL_GetError());
}

int rs_app_run(const rs_app_options *options)
{
    app a;
    memset(&a, 0, sizeof a);
    const char *trace_env = getenv("ROSTRUM_TRACE_STARTUP");
    trace_on = trace_env && trace_env[0] == '1';
    clock_gettime(CLOCK_MONOTONIC, &trace_origin);
    trace("main");
    a.options = options;
    a.headless = options->screenshot || options->script;
    a.started = app_now(&a);

    int status = 1;
    char error[1024];
    if (!(a.headless ? create_canvas(&a) : create_window(&a)))
        goto done;
    trace("display ready");
    rs_theme start_theme = rs_theme_for(a.width, a.height); /* replaced by the session's at the first frame */
    a.text = rs_text_create(options->font_dir, &start_theme, error, sizeof error);
    if (!a.text) {
        rs_log("%s", error);
        goto done;
    }
    trace("fonts open");
    if (rs_text_fallback_problem(a.text))
        rs_log("%s%s", rs_text_fallback_problem(a.text),
               ui_language(&a) != (rs_ui_language)options->language ? " The screens are in English meanwhile." : "");

    a.rotation = rs_rotation_valid(options->rotation) ? options->rotation : 0;
    int lw, lh;
    rs_rotation_logical_size(a.rotation, a.width, a.height, &lw, &lh);
    a.bundle = rs_bundle_open(options->bundle_path, a.error, sizeof a.error);
    /* Pictures and scripts keep the lockout in memory unless given a folder;
     * a window without one says so, once. */
    a.lockout = rs_lockout_store_open(options->state_dir, NULL, NULL);
    if (!options->state_dir && !a.headless && options->config && options->config->admin_pin[0])
        rs_log("no state directory ($STATE_DIRECTORY, set by StateDirectory= in the service, or --state-dir): "
               "wrong PINs and the PIN pad's lock are kept in memory and forgotten when the viewer restarts");
    start_window_services(&a);
    if (a.bundle) {
        a.session = rs_session_create(a.bundle, rs_text_measurer(a.text), lw, lh);
        configure_session(&a);
        status = rs_session_open(a.session, options->route ? options->route : "home", error, sizeof error);
        if (status)
            rs_log("%s", error);
        if (status == 2)
            goto done;
    } else {
        /* The error screen is what is shown (and saved), with the same line on stderr. */
        fprintf(stderr, "%s\n", a.error);
        a.error_layout = rs_layout_create(rs_text_measurer(a.text));
    }
    trace("bundle open, screen model built");
    /* Only a real kiosk watches its bundle; pictures and scripts do not. */
    if (!a.headless)
        a.watch = rs_watch_create(options->bundle_path, options->watch_ms);

    if (options->screenshot)
        status = app_save_png(&a, options->screenshot) ? status : 2;
    else if (options->script)
        status = status ? status : app_run_script(&a);
    else if (run_window(&a) != 0)
        status = 1;

done:
    rs_searcher_destroy(a.searcher);
    if (a.checker)
        SDL_WaitThread(a.checker, NULL);
    rs_bundle_close(a.checked);
    rs_watch_destroy(a.watch);
    rs_session_destroy(a.session);
    /* Before the wakeup it signals: its threads (the starter, the player's)
     * are joined here. */
    rs_app_speech_destroy(a.speech);
    rs_event_wait_destroy(a.events);
    rs_lockout_store_close(a.lockout);
    rs_layout_destroy(a.error_layout);
    if (a.turned)
        SDL_DestroyTexture(a.turned);
    rs_bundle_close(a.bundle);
    rs_text_destroy(a.text);
    rs_draw_free(&a.draw);
    if (a.renderer)
        SDL_DestroyRenderer(a.renderer);
    if (a.canvas)
        SDL_FreeSurface(a.canvas);
    if (a.window)
        SDL_DestroyWindow(a.window);
    SDL_Quit();
    return status;
}
