/*
 * monkey: a seeded random visitor over the real viewer pipeline.
 *
 * It drives the program the way app.c does when it runs headless: the real
 * fonts (rs_text, SDL2_ttf), the real bundle (rs_bundle_open), a session
 * measuring with rs_text_measurer, and SDL's software renderer on an
 * SDL_Surface drawing frames with rs_render, all on a virtual clock that
 * moves as the app's main loop would (asleep until rs_session_timeout, then
 * a tick, then a frame if the session needs one).
 *
 * The visitor taps what is on screen (picked from rs_session_targets, so
 * most taps hit something; some land anywhere), drags short and long, slow
 * and fast (flings), holds, swipes in from the left edge, presses keys,
 * turns the wheel, reads (waits of 16 ms to 5 s) and walks away (1 to 10
 * minutes: the countdown, the reset, the attract loop); now and then the
 * window changes between the supported sizes, or a member of staff holds the
 * corner, types the PIN and uses the admin screen (reload, rotate, exit,
 * close). The admin commands are carried out as app.c does them. Everything
 * is decided by its own PRNG from --seed: the same seed plays the same run,
 * and the "trace" digest at the end (of every screen and mode shown) says so.
 *
 * Checked all along: every frame's draw list (rectangles in range, text
 * that is whole UTF-8 and fits across the window, non-empty targets); after
 * every event the session (stack depth, home at the bottom, no error screen,
 * a sane scroll offset, list and reader positions); that the session's
 * timeout never asks for a tick that changes nothing, again and again; that
 * the kiosk left alone goes home and into its attract loop; that a point
 * turned to the window and back lands where it was; and, over a long run,
 * that every kind of screen the bundle has was shown.
 *
 * Memory (--rss-report, --month): measured in the same state every time
 * (see settled_memory) after giving free memory back to the system, as the
 * RSS and as the heap in use (bytes allocated and not freed).
 *
 * Frames: every frame the session asks for is laid out and checked; the one
 * at the end of every K-th event is also drawn (--render-every K, default 1;
 * 0 draws every frame, as the viewer does, which is about 5 times slower).
 *
 * Exit status 0 only if every check held; 1 if one did not; 2 for wrong
 * usage or a program that cannot start.
 */
#include <SDL.h>
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "render.h"
#include "rotation.h"
#include "session.h"
#include "text.h"
#include "theme.h"
#include "utf8.h"

#if defined(__SANITIZE_ADDRESS__)
#define MONKEY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MONKEY_ASAN 1
#endif
#endif
#ifdef MONKEY_ASAN
/* From <sanitizer/allocator_interface.h>, which gcc does not install. */
void __sanitizer_purge_allocator(void);
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#ifndef MONKEY_FONT_DIR
#error "MONKEY_FONT_DIR must name the fonts folder"
#endif

#define FRAME_MS 16
#define RSS_FIRST_AT 10000  /* events: the first RSS measurement */
#define RSS_BUDGET_KB 1024  /* the most the RSS may grow after it */
#define ALL_SCREENS_AT 50000 /* events: from here on every route kind must have been shown */
#define STAFF_PIN "2468"
#define ADMIN_HOLD_MS 5000
#define MAX_REPORTS 3 /* problems of each kind printed in full; the rest are only counted */

/* ---- a small PRNG of our own (xoshiro256**, seeded by splitmix64) ---- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [lo, hi] (inclusive). */
static int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static float rng_float(rng *r, float lo, float hi)
{
    return lo + (hi - lo) * (float)rng_unit(r);
}

/* Log-uniform in [lo, hi]: as many short waits as long ones per decade. */
static uint64_t rng_log(rng *r, double lo, double hi)
{
    return (uint64_t)(lo * exp(rng_unit(r) * log(hi / lo)));
}

static bool rng_chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

/* ---- what the monkey does ---- */

typedef enum event_kind {
    EV_TAP_TARGET,   /* a tap on something the screen offers */
    EV_TAP_ANYWHERE, /* a tap at a random place */
    EV_DRAG_SHORT,   /* a small slow drag, often barely past the slop */
    EV_DRAG_LONG,    /* a long slow drag */
    EV_FLING,        /* a long fast drag: the list keeps moving */
    EV_LONG_PRESS,   /* held still for half a second or more */
    EV_EDGE_SWIPE,   /* in from the left edge: back */
    EV_KEY,          /* a key of a keyboard or remote */
    EV_WHEEL,        /* a mouse wheel */
    EV_CANCEL,       /* a touch the system takes away */
    EV_WAIT,         /* 16 ms to 5 s of reading */
    EV_WALK_AWAY,    /* 1 to 10 minutes: the countdown, the reset, the attract loop */
    EV_RESIZE,       /* the window changes between the supported sizes */
    EV_STAFF,        /* the corner hold, the PIN pad, the admin screen */
    EV_TEXT,         /* text typed on a physical keyboard or an input method */
    EV_COUNT
} event_kind;

static const char *const event_names[EV_COUNT] = {
    "tap-target", "tap-anywhere", "drag-short", "drag-long", "fling", "long-press", "edge-swipe",
    "key",        "wheel",        "cancel",     "wait",      "walk-away", "resize", "staff", "text",
};

/* Weights per 10,000 events of a visitor. */
static const int event_weights[EV_COUNT] = {
    3300, /* tap-target */
    450,  /* tap-anywhere */
    600,  /* drag-short */
    500,  /* drag-long */
    600,  /* fling */
    250,  /* long-press */
    300,  /* edge-swipe */
    2200, /* key */
    300,  /* wheel */
    50,   /* cancel */
    1240, /* wait */
    15,   /* walk-away */
    30,   /* resize */
    15,   /* staff */
    150,  /* text */
};

/* The last route kind and screen kind this monkey knows (the timeline and
 * the map, issue 14, are the newest). */
#define ROUTE_LAST RS_ROUTE_MAP
#define SCREEN_KINDS (RS_SCREEN_MAP + 1)
#define KEY_LAST RS_KEY_ZOOM_OUT

static const char *const route_names[ROUTE_LAST + 1] = {
    "home", "dates", "year", "month", "undated", "countries", "country", "incidents", "incident", "statement", "all",
    "search", "timeline", "map",
};

static const char *const screen_names[SCREEN_KINDS] = {"home",   "facets",   "list", "reader",
                                                       "search", "thread", "timeline", "map"};
static const char *const mode_names[5] = {"browse", "countdown", "attract", "pin", "admin"};
/* In rs_key order. */
static const char *const key_names[KEY_LAST + 1] = {"back",     "delete",    "home",    "next",     "previous",
                                                   "tab",      "shift-tab", "activate", "page-down", "page-up",
                                                   "admin",    "left",      "right",   "up",       "down",
                                                   "zoom-in",  "zoom-out"};

static const int sizes[][2] = {{800, 480}, {1024, 600}, {1280, 800}, {1920, 1080}, {1080, 1920}};
#define SIZE_COUNT (sizeof sizes / sizeof sizes[0])

/* What can go wrong, each counted on its own. */
typedef enum problem_kind {
    P_BUSY_LOOP,     /* rs_session_timeout says 0 and a tick does not move it on */
    P_ERROR_SCREEN,  /* browsing a good bundle ended on an error screen */
    P_STATE,         /* the navigation stack, the mode, the scroll offset, a reader position */
    P_DRAW,          /* a draw command out of range */
    P_UTF8,          /* a text command that is not whole UTF-8 */
    P_OVERFLOW,      /* a line of text wider than the window */
    P_TARGET,        /* an empty touch target */
    P_IDLE,          /* left alone, the kiosk did not go back to its start */
    P_FONTS,         /* the fonts could not be reopened */
    P_ROTATION,      /* a point turned to the window and back is not where it was */
    P_RELOAD,        /* the bundle could not be opened again */
    PROBLEM_KINDS
} problem_kind;

static const char *const problem_names[PROBLEM_KINDS] = {
    "busy-loop", "error-screen", "state", "draw", "utf8", "text-overflow", "target", "idle", "fonts", "rotation",
    "reload",
};

typedef struct monkey {
    rng r;
    const char *bundle_path;
    rs_bundle *bundle;
    rs_text *text;
    rs_session *session;
    SDL_Surface *canvas;     /* the window: window_w x window_h */
    SDL_Renderer *renderer;
    SDL_Texture *turned;     /* the upright picture when the screen is rotated (as app.c) */
    int window_w, window_h;
    int rotation;            /* degrees clockwise, set from the admin screen */
    int width, height;       /* what the session lays out: the window's size, turned */
    int start_width, start_height;
    uint64_t now;
    rs_draw_list draw;
    unsigned render_every;     /* 0: render every frame the session needs; K: every K events */
    bool month;                /* a month of opening hours: no resizes, no walking away mid-visit */
    bool undated_in_bundle;
    bool scroll_down; /* the way the visitor has been scrolling */

    /* counts */
    uint64_t events, event_counts[EV_COUNT], key_counts[KEY_LAST + 1];
    uint64_t route_visits[ROUTE_LAST + 1], screen_visits[SCREEN_KINDS], mode_entries[5];
    uint64_t frames, renders, ticks, commands[4], pin_checks, reloads, idle_checks, font_reopens;
    size_t max_texture_bytes, max_draw_commands, max_targets;
    int max_depth;
    char last_route[256];
    rs_session_mode last_mode;

    /* problems, by kind */
    uint64_t problems, problem_counts[PROBLEM_KINDS];
    bool allowed[PROBLEM_KINDS]; /* --allow: counted and shown, but the run may still pass */
    uint64_t trace_from; /* print every event from this one on (0: none) */

    uint64_t digest; /* of everything the visitor saw, to compare runs */
} monkey;

static void problem(monkey *m, problem_kind kind, const char *format, ...)
{
    if (!m->allowed[kind])
        m->problems++;
    if (++m->problem_counts[kind] > MAX_REPORTS)
        return;
    char route[256] = "no session";
    if (m->session) {
        const rs_nav *nav = rs_session_nav(m->session);
        rs_route_format(&nav->entries[nav->depth - 1].route, route, sizeof route);
    }
    fprintf(stderr, "monkey: %s %s at event %" PRIu64 " (t=%" PRIu64 " ms, %dx%d, %s, mode %s): ", problem_names[kind],
            m->allowed[kind] ? "allowed problem" : "PROBLEM", m->events, m->now, m->width, m->height, route,
            m->session ? mode_names[rs_session_mode_now(m->session)] : "-");
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

static void digest_bytes(monkey *m, const void *data, size_t length)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < length; i++)
        m->digest = (m->digest ^ p[i]) * 1099511628211ULL;
}

/* ---- the pipeline: fonts, canvas, bundle, session ---- */

static bool check_pin(void *context, const char *pin)
{
    monkey *m = context;
    m->pin_checks++;
    return strcmp(pin, STAFF_PIN) == 0;
}

static bool make_canvas(monkey *m)
{
    m->canvas = SDL_CreateRGBSurfaceWithFormat(0, m->window_w, m->window_h, 32, SDL_PIXELFORMAT_ARGB8888);
    m->renderer = m->canvas ? SDL_CreateSoftwareRenderer(m->canvas) : NULL;
    if (!m->renderer) {
        fprintf(stderr, "monkey: cannot create a %dx%d canvas: %s\n", m->window_w, m->window_h, SDL_GetError());
        return false;
    }
    return true;
}

static void free_canvas(monkey *m)
{
    /* The text cache's textures belong to the renderer: forget them first. */
    if (m->text)
        rs_text_drop_textures(m->text);
    if (m->turned)
        SDL_DestroyTexture(m->turned);
    m->turned = NULL;
    if (m->renderer)
        SDL_DestroyRenderer(m->renderer);
    if (m->canvas)
        SDL_FreeSurface(m->canvas);
    m->renderer = NULL;
    m->canvas = NULL;
}

/* The session's theme changed (resize, A+/A-): the fonts follow at once,
 * before anything is laid out again (app.c fonts_follow). */
static void fonts_follow(void *context, const rs_theme *theme)
{
    monkey *m = context;
    char error[512];
    m->font_reopens++;
    if (!rs_text_set_theme(m->text, theme, error, sizeof error))
        problem(m, P_FONTS, "%s", error);
}

/* A session on bundle showing home, with the staff way in open. */
static rs_session *new_session(monkey *m, rs_bundle *bundle)
{
    rs_session *s = rs_session_create(bundle, rs_text_measurer(m->text), m->width, m->height);
    rs_session_set_theme_listener(s, fonts_follow, m);
    rs_session_set_admin(s, ADMIN_HOLD_MS, check_pin, m);
    static const rs_admin_line lines[] = {{"Bundle", "monkey"}, {"Events", "many"}};
    rs_session_set_admin_info(s, lines, 2);
    char error[1200];
    if (rs_session_open(s, "home", error, sizeof error) != 0) {
        fprintf(stderr, "monkey: cannot open home: %s\n", error);
        exit(2);
    }
    return s;
}

static bool open_session(monkey *m)
{
    char error[1200];
    m->bundle = rs_bundle_open(m->bundle_path, error, sizeof error);
    if (!m->bundle) {
        fprintf(stderr, "monkey: %s\n", error);
        return false;
    }
    const char *undated = rs_bundle_meta(m->bundle, "undated_count");
    m->undated_in_bundle = undated && atoll(undated) > 0;
    m->session = new_session(m, m->bundle);
    return true;
}

/* The admin screen's "Reload bundle", as app.c does it: open and verify the
 * file again, start a session on it, then let the old one go. */
static void reload(monkey *m)
{
    char error[1200];
    rs_bundle *b = rs_bundle_open(m->bundle_path, error, sizeof error);
    if (b && !rs_bundle_verify(b, error, sizeof error)) {
        rs_bundle_close(b);
        b = NULL;
    }
    if (!b) {
        problem(m, P_RELOAD, "%s", error);
        return;
    }
    rs_session *old = m->session;
    rs_bundle *old_bundle = m->bundle;
    m->bundle = b;
    m->session = new_session(m, b);
    rs_session_destroy(old);
    rs_bundle_close(old_bundle);
    m->reloads++;
}

static void close_session(monkey *m)
{
    rs_session_destroy(m->session);
    rs_bundle_close(m->bundle);
    m->session = NULL;
    m->bundle = NULL;
}

/* ---- frames ---- */

/* A triangles command the renderer can draw: vertices and indices present,
 * every index below the vertex count, every coordinate finite. */
static bool triangles_valid(const rs_draw_command *c)
{
    if (!c->xy || !c->indices || c->vertex_count <= 0 || c->index_count <= 0 || c->index_count % 3)
        return false;
    for (int k = 0; k < 2 * c->vertex_count; k++)
        if (!isfinite(c->xy[k]))
            return false;
    for (int k = 0; k < c->index_count; k++)
        if (c->indices[k] < 0 || c->indices[k] >= c->vertex_count)
            return false;
    return true;
}

static void check_frame(monkey *m)
{
    const rs_draw_list *d = &m->draw;
    if (d->count > m->max_draw_commands)
        m->max_draw_commands = d->count;
    bool overflow = false;
    for (size_t i = 0; i < d->count; i++) {
        const rs_draw_command *c = &d->items[i];
        if (c->kind > RS_DRAW_LAYER) {
            problem(m, P_DRAW, "draw command %zu has kind %d", i, (int)c->kind);
            continue;
        }
        /* A layer render may keep holds rows only (draw.h rs_draw_layer). */
        for (size_t k = 1; c->kind == RS_DRAW_LAYER && k <= c->layer_count; k++)
            if (i + k >= d->count || d->items[i + k].kind != RS_DRAW_RECTS) {
                problem(m, P_DRAW, "layer command %zu holds %zu commands, the %zuth not rows", i, c->layer_count, k);
                break;
            }
        if (c->kind == RS_DRAW_TRIANGLES && !triangles_valid(c)) {
            problem(m, P_DRAW, "triangles command %zu: %d vertices, %d indices, one out of range or not finite", i,
                    c->vertex_count, c->index_count);
            continue;
        }
        if (c->kind == RS_DRAW_RECTS && (!c->rects || c->rect_count == 0 || c->rect_count > 10000000)) {
            problem(m, P_DRAW, "rectangles command %zu: %zu rectangles", i, c->rect_count);
            continue;
        }
        if (c->rect.x < -1000000 || c->rect.x > 1000000 || c->rect.y < -1000000 || c->rect.y > 1000000 ||
            c->rect.w < 0 || c->rect.h < 0 || c->rect.w > 1000000 || c->rect.h > 1000000) {
            problem(m, P_DRAW, "draw command %zu has rectangle %d,%d %dx%d", i, c->rect.x, c->rect.y, c->rect.w, c->rect.h);
            continue;
        }
        if (c->kind != RS_DRAW_TEXT)
            continue;
        if (!c->text || c->length == 0 || c->length > 1000000 || (unsigned)c->style >= RS_STYLE_COUNT) {
            problem(m, P_DRAW, "text command %zu: text %p length %zu style %d", i, (const void *)c->text, c->length,
                    (int)c->style);
            continue;
        }
        size_t bad;
        if (!rs_utf8_valid(c->text, c->length, &bad)) {
            problem(m, P_UTF8, "text command %zu (%zu bytes, style %d at %d,%d) is not UTF-8 from byte %zu", i,
                    c->length, (int)c->style, c->rect.x, c->rect.y, bad);
            continue;
        }
        /* One line of text must fit across the window (measured with the
         * fonts the renderer draws with). */
        if (c->rect.x < m->width && c->rect.y < m->height && !overflow) {
            int w = rs_text_width(m->text, c->style, c->text, c->length);
            if (c->rect.x + w > m->width + 1) {
                overflow = true;
                problem(m, P_OVERFLOW, "style %d text at x=%d is %d px wide in a %d px window: \"%.*s\"",
                        (int)c->style, c->rect.x, w, m->width, (int)(c->length > 100 ? 100 : c->length), c->text);
            }
        }
    }
    const rs_target_list *targets = rs_session_targets(m->session);
    if (targets->count > m->max_targets)
        m->max_targets = targets->count;
    for (size_t i = 0; i < targets->count; i++) {
        const rs_rect *r = &targets->items[i].rect;
        /* A target with a shape (a country on the map) is the shape: its
         * rect may be empty when no point of it is in view. */
        if (targets->items[i].shape == 0 && (r->w <= 0 || r->h <= 0))
            problem(m, P_TARGET, "target %zu (action %d) is %dx%d", i, (int)targets->items[i].action.kind, r->w, r->h);
    }
}

/* As app.c's draw_frame: lay out, then (when asked) draw onto the canvas. */
static void frame(monkey *m, bool render)
{
    rs_session_frame(m->session, m->now, &m->draw);
    m->frames++;
    check_frame(m);
    if (render) {
        rs_color background = rs_session_theme(m->session)->background;
        if (m->rotation == 0) {
            rs_render(m->renderer, m->text, &m->draw, background);
        } else {
            /* As app.c: draw upright into a texture, then turn it onto the window. */
            int tw = 0, th = 0;
            if (m->turned)
                SDL_QueryTexture(m->turned, NULL, NULL, &tw, &th);
            if (!m->turned || tw != m->width || th != m->height) {
                if (m->turned)
                    SDL_DestroyTexture(m->turned);
                m->turned = SDL_CreateTexture(m->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                              m->width, m->height);
            }
            SDL_SetRenderTarget(m->renderer, m->turned);
            rs_render(m->renderer, m->text, &m->draw, background);
            SDL_SetRenderTarget(m->renderer, NULL);
            SDL_SetRenderDrawColor(m->renderer, 0, 0, 0, 255);
            SDL_RenderClear(m->renderer);
            SDL_Rect to = {(m->window_w - m->width) / 2, (m->window_h - m->height) / 2, m->width, m->height};
            SDL_RenderCopyEx(m->renderer, m->turned, NULL, &to, (double)m->rotation, NULL, SDL_FLIP_NONE);
        }
        m->renders++;
        size_t bytes = rs_text_texture_bytes(m->text);
        if (bytes > m->max_texture_bytes)
            m->max_texture_bytes = bytes;
    }
}

static void maybe_frame(monkey *m)
{
    if (rs_session_needs_frame(m->session))
        frame(m, m->render_every == 0);
}

/* ---- the window ---- */

/* The session lays out at the window's size, turned (app.c resize_session). */
static void resize_session(monkey *m)
{
    rs_rotation_logical_size(m->rotation, m->window_w, m->window_h, &m->width, &m->height);
    rs_session_resize(m->session, m->width, m->height);
}

static bool resize_to(monkey *m, int width, int height)
{
    free_canvas(m);
    m->window_w = width, m->window_h = height;
    if (!make_canvas(m))
        return false;
    resize_session(m);
    /* A window that changed size is drawn again at once (app.c does so on
     * SDL_WINDOWEVENT_SIZE_CHANGED). */
    frame(m, true);
    return true;
}

/* What the admin screen asks of the app. */
static void take_command(monkey *m)
{
    rs_command c = rs_session_take_command(m->session);
    if (c == RS_COMMAND_NONE)
        return;
    if ((unsigned)c < 4)
        m->commands[c]++;
    switch (c) {
    case RS_COMMAND_ROTATE:
        m->rotation = (m->rotation + 90) % 360;
        resize_session(m);
        break;
    case RS_COMMAND_RELOAD:
        reload(m);
        break;
    case RS_COMMAND_EXIT: /* a kiosk under test stays */
    case RS_COMMAND_NONE:
        break;
    }
}

/* ---- time ---- */

/* After input: the main loop ticks, then draws if anything changed. */
static void settle(monkey *m)
{
    rs_session_tick(m->session, m->now);
    m->ticks++;
    take_command(m);
    maybe_frame(m);
}

/* ms without input, as the app's loop spends it: asleep until the session's
 * next deadline, then a tick and a frame if one is needed. */
static void pass(monkey *m, uint64_t ms)
{
    uint64_t end = m->now + ms;
    int zeros = 0;
    while (m->now < end) {
        int timeout = rs_session_timeout(m->session, m->now);
        uint64_t step;
        if (timeout < 0) {
            step = end - m->now;
        } else if (timeout == 0) {
            /* A deadline that has passed: tick at once. Again and again
             * without progress is a busy loop in a real kiosk. */
            step = 0;
            if (++zeros > 100) {
                problem(m, P_BUSY_LOOP, "rs_session_timeout stays 0 after %d ticks at the same time", zeros);
                step = 1;
                zeros = 0;
            }
        } else {
            zeros = 0;
            step = (uint64_t)timeout < end - m->now ? (uint64_t)timeout : end - m->now;
        }
        m->now += step;
        settle(m);
    }
}

/* Idle time in coarse steps (the month's gaps and nights): ticks only, and
 * the frame a tick asks for is laid out but not drawn. */
static void pass_coarse(monkey *m, uint64_t ms, uint64_t step_lo, uint64_t step_hi)
{
    uint64_t end = m->now + ms;
    while (m->now < end) {
        uint64_t step = (uint64_t)rng_range(&m->r, (int64_t)step_lo, (int64_t)step_hi);
        m->now += step < end - m->now ? step : end - m->now;
        rs_session_tick(m->session, m->now);
        m->ticks++;
        take_command(m);
        if (rs_session_needs_frame(m->session))
            frame(m, false);
    }
}

/* ---- input ---- */

/* A finger at (x, y) of the picture: where it is on the (maybe rotated)
 * window, and back as app.c turns it. */
static void pointer(monkey *m, rs_pointer_phase phase, float x, float y)
{
    float wx, wy, lx, ly;
    rs_rotation_to_window(m->rotation, m->window_w, m->window_h, x, y, &wx, &wy);
    rs_rotation_to_logical(m->rotation, m->window_w, m->window_h, wx, wy, &lx, &ly);
    if (fabsf(lx - x) > 0.01f || fabsf(ly - y) > 0.01f)
        problem(m, P_ROTATION, "at %d degrees (%.1f, %.1f) comes back as (%.1f, %.1f)", m->rotation, (double)x,
                (double)y, (double)lx, (double)ly);
    rs_session_pointer(m->session, phase, lx, ly, m->now);
    settle(m);
}

static void key(monkey *m, rs_key k)
{
    rs_session_key(m->session, k, m->now);
    settle(m);
}

/* A point on target (clipped to what is visible), or anywhere. */
static bool target_point(monkey *m, const rs_target *t, float *x, float *y)
{
    int top = t->in_content ? rs_session_theme(m->session)->bar_height : 0;
    int x0 = t->rect.x > 0 ? t->rect.x : 0, y0 = t->rect.y > top ? t->rect.y : top;
    int x1 = t->rect.x + t->rect.w < m->width ? t->rect.x + t->rect.w : m->width;
    int y1 = t->rect.y + t->rect.h < m->height ? t->rect.y + t->rect.h : m->height;
    if (x1 - x0 < 1 || y1 - y0 < 1)
        return false;
    *x = (float)x0 + rng_float(&m->r, 0.0f, (float)(x1 - x0 - 1));
    *y = (float)y0 + rng_float(&m->r, 0.0f, (float)(y1 - y0 - 1));
    return true;
}

static void random_point(monkey *m, float *x, float *y)
{
    *x = rng_float(&m->r, 0, (float)m->width - 1);
    *y = rng_float(&m->r, 0, (float)m->height - 1);
}

/* Somewhere a visitor would touch: usually on a target. */
static void touch_point(monkey *m, float *x, float *y)
{
    const rs_target_list *targets = rs_session_targets(m->session);
    if (targets->count && rng_chance(&m->r, 0.85)) {
        const rs_target *t = &targets->items[rng_range(&m->r, 0, (int64_t)targets->count - 1)];
        if (target_point(m, t, x, y))
            return;
    }
    random_point(m, x, y);
}

static void tap_at(monkey *m, float x, float y, uint64_t hold_ms)
{
    pointer(m, RS_POINTER_DOWN, x, y);
    pass(m, hold_ms);
    pointer(m, RS_POINTER_UP, x, y);
}

/* Taps the first target whose action is kind (and index, when >= 0). */
static bool tap_action(monkey *m, rs_action_kind kind, int64_t index)
{
    const rs_target_list *targets = rs_session_targets(m->session);
    for (size_t i = 0; i < targets->count; i++) {
        const rs_target *t = &targets->items[i];
        float x, y;
        if (t->action.kind == kind && (index < 0 || t->action.index == index) && target_point(m, t, &x, &y)) {
            tap_at(m, x, y, (uint64_t)rng_range(&m->r, 40, 120));
            return true;
        }
    }
    return false;
}

/* A finger from (x1,y1) to (x2,y2) over ms, sampled every 8 to 24 ms as a
 * touch screen reports it, then held still for hold_ms, then lifted. */
static void drag(monkey *m, float x1, float y1, float x2, float y2, uint64_t ms, uint64_t hold_ms, bool cancel)
{
    pointer(m, RS_POINTER_DOWN, x1, y1);
    uint64_t done = 0;
    while (done < ms) {
        uint64_t step = (uint64_t)rng_range(&m->r, 8, 24);
        if (step > ms - done)
            step = ms - done;
        pass(m, step);
        done += step;
        float along = (float)done / (float)ms;
        pointer(m, RS_POINTER_MOVE, x1 + (x2 - x1) * along, y1 + (y2 - y1) * along);
    }
    if (hold_ms)
        pass(m, hold_ms);
    pointer(m, cancel ? RS_POINTER_CANCEL : RS_POINTER_UP, x2, y2);
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A drag mostly up or down, of length px over ms. */
static void random_drag(monkey *m, float length, uint64_t ms, bool stop_before_release)
{
    float edge = (float)m->width * 0.05f;
    float x1 = rng_float(&m->r, edge + 1, (float)m->width - 1);
    float y1 = rng_float(&m->r, 0, (float)m->height - 1);
    /* A visitor who scrolls mostly keeps going the same way, so the ends of
     * long lists are reached too. */
    if (rng_chance(&m->r, 0.25))
        m->scroll_down = !m->scroll_down;
    float dy = m->scroll_down ? -length : length;
    float dx = rng_chance(&m->r, 0.1) ? rng_float(&m->r, -length, length) : rng_float(&m->r, -length / 5, length / 5);
    float x2 = x1 + dx, y2 = y1 + dy;
    /* Mostly on the glass; sometimes a mouse dragged out of the window. */
    if (!rng_chance(&m->r, 0.1)) {
        x2 = clampf(x2, 0, (float)m->width - 1);
        y2 = clampf(y2, 0, (float)m->height - 1);
    }
    drag(m, x1, y1, x2, y2, ms, stop_before_release ? (uint64_t)rng_range(&m->r, 50, 400) : 0, false);
}

static const rs_key visitor_keys[] = {
    RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_NEXT, RS_KEY_PREVIOUS, RS_KEY_PREVIOUS, RS_KEY_TAB, RS_KEY_TAB,
    RS_KEY_SHIFT_TAB, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE, RS_KEY_ACTIVATE,
    RS_KEY_BACK, RS_KEY_BACK, RS_KEY_BACK, RS_KEY_HOME, RS_KEY_PAGE_DOWN, RS_KEY_PAGE_DOWN, RS_KEY_PAGE_UP,
    RS_KEY_DELETE, RS_KEY_ZOOM_IN, RS_KEY_ZOOM_OUT, RS_KEY_LEFT, RS_KEY_RIGHT,
};

/* What a visitor types on a physical keyboard or an input method (SDL text
 * input): words, other scripts, punctuation, a long paste. */
static const char *const visitor_texts[] = {
    "exchange", "WannaCry", "hack", "e", " ", "网络", "华", "хакер", "!?", "a b", "Microsoft Exchange",
    "ǅ\u0301é", "🙂",
    ("012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
     "0123456789xyz"), /* longer than a query may be */
};

/* The staff member's way in: hold the corner, type the PIN (usually right),
 * then use the admin screen or leave it. */
static void staff_visit(monkey *m)
{
    if (rng_chance(&m->r, 0.2)) {
        key(m, RS_KEY_ADMIN);
    } else {
        const rs_theme *t = rs_session_theme(m->session);
        float x = (float)t->target * 0.5f, y = (float)t->bar_height * 0.5f;
        pointer(m, RS_POINTER_DOWN, x, y);
        pass(m, ADMIN_HOLD_MS + (uint64_t)rng_range(&m->r, 0, 800));
        pointer(m, RS_POINTER_UP, x, y);
    }
    if (rs_session_mode_now(m->session) != RS_MODE_PIN)
        return; /* an overlay took the touch, or the pad is locked out of reach */
    const char *pin = rng_chance(&m->r, 0.75) ? STAFF_PIN : "1357";
    for (const char *p = pin; *p; p++) {
        if (!tap_action(m, RS_ACT_PIN_DIGIT, *p - '0'))
            return; /* locked after too many wrong ones */
        pass(m, (uint64_t)rng_range(&m->r, 100, 700));
    }
    tap_action(m, RS_ACT_PIN_OK, -1);
    if (rs_session_mode_now(m->session) != RS_MODE_ADMIN)
        return;
    pass(m, (uint64_t)rng_range(&m->r, 500, 5000));
    /* A screen turned on the last visit is turned back upright now (Rotate
     * goes a quarter at a time). Kiosks mostly stay upright, and a turned
     * picture costs the software renderer four times as much per frame. */
    for (int turns = 0; m->rotation != 0 && turns < 4; turns++) {
        if (!tap_action(m, RS_ACT_COMMAND, RS_COMMAND_ROTATE))
            break;
        pass(m, (uint64_t)rng_range(&m->r, 200, 1500));
    }
    if (m->rotation != 0 || rs_session_mode_now(m->session) != RS_MODE_ADMIN)
        return;
    /* Reload or rotate now and then; otherwise close, by tap or key. */
    double p = rng_unit(&m->r);
    if (p < 0.25)
        tap_action(m, RS_ACT_COMMAND, RS_COMMAND_RELOAD);
    else if (p < 0.4)
        tap_action(m, RS_ACT_COMMAND, RS_COMMAND_ROTATE);
    else if (p < 0.5)
        tap_action(m, RS_ACT_COMMAND, RS_COMMAND_EXIT);
    else if (p < 0.8)
        tap_action(m, RS_ACT_CLOSE, -1);
    else
        key(m, RS_KEY_BACK);
}

static event_kind pick_event(monkey *m)
{
    int total = 0;
    for (int k = 0; k < EV_COUNT; k++)
        total += event_weights[k];
    for (;;) {
        int x = (int)rng_range(&m->r, 0, total - 1);
        int k = 0;
        while (x >= event_weights[k])
            x -= event_weights[k++];
        /* A kiosk in the month neither changes size nor is left for long
         * in the middle of a visit (the gaps between visitors do that). */
        if (m->month && (k == EV_RESIZE || k == EV_WALK_AWAY))
            continue;
        return (event_kind)k;
    }
}

static void do_event(monkey *m, event_kind kind)
{
    rng *r = &m->r;
    float x, y;
    switch (kind) {
    case EV_TAP_TARGET: {
        const rs_target_list *targets = rs_session_targets(m->session);
        const rs_target *t = targets->count ? &targets->items[rng_range(r, 0, (int64_t)targets->count - 1)] : NULL;
        if (!t || !target_point(m, t, &x, &y))
            random_point(m, &x, &y);
        tap_at(m, x, y, (uint64_t)rng_range(r, 30, 160));
        break;
    }
    case EV_TAP_ANYWHERE:
        random_point(m, &x, &y);
        tap_at(m, x, y, (uint64_t)rng_range(r, 30, 160));
        break;
    case EV_DRAG_SHORT:
        random_drag(m, rng_float(r, 2, 80), (uint64_t)rng_range(r, 100, 600), rng_chance(r, 0.3));
        break;
    case EV_DRAG_LONG:
        random_drag(m, rng_float(r, 0.3f, 1.5f) * (float)m->height, (uint64_t)rng_range(r, 400, 1500),
                    rng_chance(r, 0.3));
        break;
    case EV_FLING:
        random_drag(m, rng_float(r, 0.2f, 1.2f) * (float)m->height, (uint64_t)rng_range(r, 40, 160), false);
        break;
    case EV_LONG_PRESS: {
        touch_point(m, &x, &y);
        uint64_t hold = rng_log(r, 450, 2500);
        pointer(m, RS_POINTER_DOWN, x, y);
        if (rng_chance(r, 0.5)) { /* a finger is never quite still */
            for (uint64_t held = 0; held < hold; held += FRAME_MS) {
                pass(m, FRAME_MS);
                pointer(m, RS_POINTER_MOVE, x + rng_float(r, -2, 2), y + rng_float(r, -2, 2));
            }
        } else {
            pass(m, hold);
        }
        pointer(m, RS_POINTER_UP, x, y);
        break;
    }
    case EV_EDGE_SWIPE: {
        float edge = (float)m->width * 0.05f;
        x = rng_float(r, 0, edge - 1);
        y = rng_float(r, 0, (float)m->height - 1);
        float travel = rng_float(r, 0.1f, 0.7f) * (float)m->width;
        drag(m, x, y, x + travel, clampf(y + rng_float(r, -40, 40), 0, (float)m->height - 1),
             (uint64_t)rng_range(r, 60, 500), 0, false);
        break;
    }
    case EV_KEY: {
        rs_key k = visitor_keys[rng_range(r, 0, (int64_t)(sizeof visitor_keys / sizeof visitor_keys[0]) - 1)];
        m->key_counts[k]++;
        key(m, k);
        break;
    }
    case EV_TEXT: {
        const char *text =
            visitor_texts[rng_range(r, 0, (int64_t)(sizeof visitor_texts / sizeof visitor_texts[0]) - 1)];
        rs_session_text(m->session, text, m->now);
        settle(m);
        break;
    }
    case EV_WHEEL: {
        int notches = (int)rng_range(r, 1, 5) * (rng_chance(r, 0.6) ? 1 : -1);
        float delta = -(float)notches * (float)rs_session_theme(m->session)->target * 1.5f;
        rs_session_scroll_by(m->session, delta, m->now);
        settle(m);
        break;
    }
    case EV_CANCEL:
        touch_point(m, &x, &y);
        drag(m, x, y, x + rng_float(r, -30, 30), y + rng_float(r, -30, 30), (uint64_t)rng_range(r, 16, 300), 0, true);
        break;
    case EV_WAIT: {
        uint64_t ms = rng_log(r, 16, 5000);
        pass(m, ms);
        /* Any fling is over within 3 s, any spring or bounce within 250 ms
         * more: the content is at rest, not above its top. */
        float offset = rs_session_scroll_offset(m->session);
        if (ms >= 4000 && !(offset >= -0.5f))
            problem(m, P_STATE, "at rest %" PRIu64 " ms after the last input, the scroll offset is %g", ms,
                    (double)offset);
        break;
    }
    case EV_WALK_AWAY: {
        uint64_t away = (uint64_t)rng_range(r, 60000, 600000);
        pass(m, away);
        /* Left alone, the kiosk goes back to its start by itself. */
        m->idle_checks++;
        const rs_nav *nav = rs_session_nav(m->session);
        rs_session_mode mode = rs_session_mode_now(m->session);
        if (away >= 101000 && (nav->depth != 1 || (mode != RS_MODE_BROWSE && mode != RS_MODE_ATTRACT)))
            problem(m, P_IDLE, "after %" PRIu64 " s alone the kiosk is not back home (depth %zu)", away / 1000, nav->depth);
        if (away >= 401000 && mode != RS_MODE_ATTRACT)
            problem(m, P_IDLE, "after %" PRIu64 " s alone the attract loop is not running", away / 1000);
        break;
    }
    case EV_RESIZE: {
        int k;
        do
            k = (int)rng_range(r, 0, SIZE_COUNT - 1);
        while (sizes[k][0] == m->window_w && sizes[k][1] == m->window_h);
        if (!resize_to(m, sizes[k][0], sizes[k][1]))
            exit(2);
        break;
    }
    case EV_STAFF:
        staff_visit(m);
        break;
    case EV_COUNT:
        break;
    }
}

/* Counts the screen now shown and checks the session's state. */
static void observe(monkey *m)
{
    const rs_nav *nav = rs_session_nav(m->session);
    if (nav->depth < 1 || nav->depth > RS_NAV_DEPTH) {
        problem(m, P_STATE, "navigation depth %zu", nav->depth);
        return;
    }
    if ((int)nav->depth > m->max_depth)
        m->max_depth = (int)nav->depth;
    if (nav->entries[0].route.kind != RS_ROUTE_HOME)
        problem(m, P_STATE, "the bottom of the stack is not home");
    const rs_route *route = &nav->entries[nav->depth - 1].route;
    const rs_screen *screen = rs_session_screen(m->session);
    if (!screen) {
        problem(m, P_ERROR_SCREEN, "an error screen is shown");
    } else if ((unsigned)route->kind <= ROUTE_LAST) {
        char text[256];
        rs_route_format(route, text, sizeof text);
        if (strcmp(text, m->last_route) != 0) {
            snprintf(m->last_route, sizeof m->last_route, "%s", text);
            m->route_visits[route->kind]++;
            if ((unsigned)screen->kind < SCREEN_KINDS)
                m->screen_visits[screen->kind]++;
            digest_bytes(m, text, strlen(text) + 1);
        }
        if (screen->kind == RS_SCREEN_READER && screen->place.valid &&
            (screen->place.pos < 0 || screen->place.pos >= screen->place_count))
            problem(m, P_STATE, "reader at position %" PRId64 " of %" PRId64, screen->place.pos, screen->place_count);
        if (screen->kind == RS_SCREEN_LIST && screen->count < 0)
            problem(m, P_STATE, "list of %" PRId64 " statements", screen->count);
    } else {
        problem(m, P_STATE, "route kind %d", (int)route->kind);
    }
    rs_session_mode mode = rs_session_mode_now(m->session);
    if ((unsigned)mode > RS_MODE_ADMIN) {
        problem(m, P_STATE, "mode %d", (int)mode);
    } else if (mode != m->last_mode) {
        m->mode_entries[mode]++;
        m->last_mode = mode;
        digest_bytes(m, &mode, sizeof mode);
    }
    float offset = rs_session_scroll_offset(m->session);
    if (!isfinite(offset) || offset < -1e7f || offset > 1e9f)
        problem(m, P_STATE, "scroll offset %g", (double)offset);
    int32_t rounded = (int32_t)offset;
    digest_bytes(m, &rounded, sizeof rounded);
}

static void one_event(monkey *m)
{
    event_kind kind = pick_event(m);
    m->event_counts[kind]++;
    m->events++;
    if (m->trace_from && m->events >= m->trace_from) {
        char route[256];
        const rs_nav *nav = rs_session_nav(m->session);
        rs_route_format(&nav->entries[nav->depth - 1].route, route, sizeof route);
        fprintf(stderr, "monkey: event %" PRIu64 " t=%" PRIu64 " %dx%d on %s (mode %s, scroll %.1f): %s\n",
                m->events, m->now, m->width, m->height, route, mode_names[rs_session_mode_now(m->session)],
                (double)rs_session_scroll_offset(m->session), event_names[kind]);
    }
    do_event(m, kind);
    if (m->render_every && m->events % m->render_every == 0)
        frame(m, true);
    observe(m);
}

/* ---- memory ---- */

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Bytes the program has allocated and not freed (what a leak would grow). */
static size_t heap_in_use(void)
{
#ifdef MONKEY_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
#endif
}

/* Gives back what the allocator keeps of freed memory, so that the RSS is
 * what is in use: glibc keeps freed chunks in its arenas (malloc_trim
 * returns the free pages); AddressSanitizer keeps freed chunks in its
 * quarantine (up to 256 MB) and its free lists (purge drains both). */
static void release_free_memory(void)
{
#ifdef MONKEY_ASAN
    __sanitizer_purge_allocator();
#else
    malloc_trim(0);
#endif
}

/* The memory in a state that can be compared across the run: home at the
 * starting window size, unrotated, the fonts just reopened and one frame
 * drawn, so the canvas, the fonts, the text caches and the screen model are
 * those of the same screen every time, not of whatever size, screen and
 * text came before. (Visiting home is a Home key press: deterministic, and
 * part of the run.) A leak is still counted: it is memory nobody frees,
 * whichever screen is shown. */
typedef struct memory_point {
    long rss;  /* KB, settled (below) */
    long raw;  /* KB, as the run left it, after giving back free memory */
    long heap; /* KB allocated and not freed, settled */
} memory_point;

static memory_point settled_memory(monkey *m)
{
    memory_point p;
    release_free_memory();
    p.raw = rss_kb();
    if (m->rotation || m->window_w != m->start_width || m->window_h != m->start_height) {
        m->rotation = 0;
        if (!resize_to(m, m->start_width, m->start_height))
            exit(2);
    }
    /* app.c keeps its rotation texture after the screen is turned back
     * upright; here it goes, so that it is not counted at one point and
     * not at another. */
    if (m->turned)
        SDL_DestroyTexture(m->turned);
    m->turned = NULL;
    /* Home in the kiosk's own language: a visitor may have left it in
     * Chinese, whose screens open the CJK fallback font (about 1 MB of
     * FreeType's), and that is a state, not growth. */
    rs_session_set_language(m->session, RS_UI_EN);
    rs_session_key(m->session, RS_KEY_HOME, m->now);
    settle(m);
    /* SQLite's page cache fills to its bound as the visit reaches new
     * parts of the file: emptied, like the text caches. */
    rs_bundle_release_memory(m->bundle);
    /* The text caches emptied and the fallback fonts closed (a theme of
     * the same sizes keeps them all). */
    char error[512];
    if (!rs_text_set_theme(m->text, rs_session_theme(m->session), error, sizeof error))
        problem(m, P_FONTS, "%s", error);
    rs_text_release(m->text);
    frame(m, true);
    release_free_memory();
    p.heap = (long)(heap_in_use() / 1024);
    p.rss = rss_kb();
    return p;
}

static void print_memory(const char *when, const memory_point *p)
{
    fprintf(stderr, "monkey: memory %s: RSS %ld KB (as left: %ld KB), heap in use %ld KB\n", when, p->rss, p->raw,
            p->heap);
}

/* The judgement. The heap in use must not grow by more than the budget in
 * any build. The RSS is judged too, except
 *  - under AddressSanitizer: there it holds the allocator's own memory and
 *    the shadow of every address range its quarantine has cycled through,
 *    which keeps growing for hundreds of thousands of events while the heap
 *    in use stays flat;
 *  - under an emulator (qemu-user, for the ARM builds; ctest says so in
 *    ROSTRUM_EMULATOR): /proc/self/statm is then the emulator's process,
 *    whose cache of translated code grows each time a code path runs for
 *    the first time (about 3 MB over the 3 days of soak_smoke_month on
 *    arm64, while the heap in use grew by 40 KB).
 * Only a native normal build's RSS says what a kiosk would see. */
static const char *emulator(void)
{
    const char *e = getenv("ROSTRUM_EMULATOR");
    return e && e[0] ? e : NULL;
}

static const char *rss_not_judged(void)
{
#ifdef MONKEY_ASAN
    return "not judged under AddressSanitizer";
#else
    return emulator() ? "not judged under emulation: the RSS is the emulator's" : NULL;
#endif
}

static bool grew_too_much(const memory_point *a, const memory_point *b)
{
    return b->heap - a->heap > RSS_BUDGET_KB || (!rss_not_judged() && b->rss - a->rss > RSS_BUDGET_KB);
}

static void print_growth(const char *since, const memory_point *a, const memory_point *b)
{
    const char *why = rss_not_judged();
    fprintf(stderr, "monkey: growth since %s: RSS %+ld KB (%s), heap in use %+ld KB (budget %d KB)\n", since,
            b->rss - a->rss, why ? why : "budget 1024 KB", b->heap - a->heap, RSS_BUDGET_KB);
    if (why && emulator())
        fprintf(stderr, "monkey: RSS skipped: running under %s, whose translated-code cache is counted in the RSS; "
                        "the heap in use is still judged\n", emulator());
}

/* ---- the month ---- */

#define MINUTE_MS ((uint64_t)60000)
#define HOUR_MS (60 * MINUTE_MS)
#define DAY_MS (24 * HOUR_MS)

static int run_month(monkey *m, int days, memory_point *first, memory_point *last)
{
    uint64_t visitors = 0;
    for (int day = 1; day <= days; day++) {
        uint64_t open = (uint64_t)day * DAY_MS + 9 * HOUR_MS, close = open + 8 * HOUR_MS;
        /* The night: nobody. */
        if (m->now < open)
            pass_coarse(m, open - m->now, 5 * MINUTE_MS, 60 * MINUTE_MS);
        while (m->now < close) {
            /* A visitor: 10 to 200 events over a few minutes. */
            int count = (int)rng_range(&m->r, 10, 200);
            for (int i = 0; i < count; i++)
                one_event(m);
            visitors++;
            /* Nobody for minutes to an hour: only ticks. */
            uint64_t gap = rng_log(&m->r, MINUTE_MS, HOUR_MS);
            pass_coarse(m, gap, 1000, 30000);
            observe(m);
            m->idle_checks++;
            const rs_nav *nav = rs_session_nav(m->session);
            if (gap >= 460000 && (nav->depth != 1 || rs_session_mode_now(m->session) != RS_MODE_ATTRACT))
                problem(m, P_IDLE, "after %" PRIu64 " s without a visitor the kiosk is not in its attract loop at home",
                        gap / 1000);
        }
        /* Measured at the end of every day, the same way each time. */
        memory_point p = settled_memory(m);
        char when[96];
        snprintf(when, sizeof when, "at the end of day %d (%" PRIu64 " events, %" PRIu64 " visitors so far)", day,
                 m->events, visitors);
        print_memory(when, &p);
        if (day == 1)
            *first = p;
        *last = p;
    }
    return (int)visitors;
}

/* ---- the program ---- */

static const char usage[] =
    "Usage: monkey --bundle FILE [--events N] [--seed S] [--size WxH] [--render-every K] [--month [--days D]]\n"
    "              [--rss-report] [--memory-log N] [--trace FROM] [--allow KIND,...]\n"
    "A seeded random visitor over the real viewer, headless on a virtual clock.\n"
    "  --events N        events to play (default 100000)\n"
    "  --seed S          the PRNG seed (default 1); the same seed plays the same run\n"
    "  --size WxH        the starting window (default 800x480)\n"
    "  --render-every K  lay out every frame the session asks for, and draw the one at the end of\n"
    "                    every K-th event (default 1); 0 draws every frame, as the viewer does\n"
    "  --rss-report      memory after 10,000 events and at the end; fail if the heap in use or (not\n"
    "                    under AddressSanitizer or an emulator) the RSS grew by more than 1 MB\n"
    "  --memory-log N    measure and print the memory every N events too\n"
    "  --allow KIND,...  problems of these kinds are shown and counted but do not fail the run (kinds:\n"
    "                    busy-loop error-screen state draw utf8 text-overflow target idle fonts\n"
    "                    rotation reload)\n"
    "  --trace FROM      print each event from event number FROM on\n"
    "  --month           thirty days of opening hours and idle nights; fail if the memory at the end\n"
    "                    of the last day is more than 1 MB above the end of the first, judged as for\n"
    "                    --rss-report (--days D: another number of days)\n";

static bool parse_u64(const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-')
        return false;
    *out = v;
    return true;
}

/* "busy-loop,text-overflow" into flags; false for a name it does not know. */
static bool parse_kinds(const char *text, bool *flags)
{
    while (*text) {
        size_t n = strcspn(text, ",");
        int k = 0;
        while (k < PROBLEM_KINDS && !(strlen(problem_names[k]) == n && strncmp(problem_names[k], text, n) == 0))
            k++;
        if (k == PROBLEM_KINDS)
            return false;
        flags[k] = true;
        text += n + (text[n] == ',');
    }
    return true;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - start->tv_sec) + (double)(t.tv_nsec - start->tv_nsec) / 1e9;
}

static void print_counts(const monkey *m)
{
    fprintf(stderr, "monkey: events by kind:");
    for (int k = 0; k < EV_COUNT; k++)
        fprintf(stderr, " %s=%" PRIu64, event_names[k], m->event_counts[k]);
    fprintf(stderr, "\nmonkey: keys:");
    for (int k = 0; k <= KEY_LAST; k++)
        if (m->key_counts[k])
            fprintf(stderr, " %s=%" PRIu64, key_names[k], m->key_counts[k]);
    fprintf(stderr, "\nmonkey: screens by route:");
    for (int k = 0; k <= ROUTE_LAST; k++)
        fprintf(stderr, " %s=%" PRIu64, route_names[k], m->route_visits[k]);
    fprintf(stderr, "\nmonkey: screens by kind:");
    for (int k = 0; k < SCREEN_KINDS; k++)
        fprintf(stderr, " %s=%" PRIu64, screen_names[k], m->screen_visits[k]);
    fprintf(stderr, "\nmonkey: modes entered:");
    for (int k = 0; k < 5; k++)
        fprintf(stderr, " %s=%" PRIu64, mode_names[k], m->mode_entries[k]);
    fprintf(stderr,
            "\nmonkey: admin commands: reload=%" PRIu64 " rotate=%" PRIu64 " exit=%" PRIu64 "; PINs checked %" PRIu64
            "\n",
            m->commands[RS_COMMAND_RELOAD], m->commands[RS_COMMAND_ROTATE], m->commands[RS_COMMAND_EXIT],
            m->pin_checks);
    fprintf(stderr,
            "monkey: frames laid out %" PRIu64 ", drawn %" PRIu64 ", ticks %" PRIu64 ", fonts reopened %" PRIu64
            ", virtual time %.1f h; deepest stack %d; most draw commands %zu, targets %zu; most texture bytes %zu\n",
            m->frames, m->renders, m->ticks, m->font_reopens, (double)m->now / 3.6e6, m->max_depth,
            m->max_draw_commands, m->max_targets, m->max_texture_bytes);
}

int main(int argc, char **argv)
{
    monkey *m = calloc(1, sizeof *m);
    if (!m)
        return 2;
    uint64_t events = 100000, seed = 1, render_every = 1, days = 30, memory_log = 0;
    bool rss_report = false, days_given = false;
    m->start_width = 800, m->start_height = 480;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (strcmp(arg, "--bundle") == 0 && value)
            m->bundle_path = value, i++;
        else if (strcmp(arg, "--events") == 0 && value)
            ok = parse_u64(value, &events), i++;
        else if (strcmp(arg, "--seed") == 0 && value)
            ok = parse_u64(value, &seed), i++;
        else if (strcmp(arg, "--allow") == 0 && value) {
            ok = parse_kinds(value, m->allowed);
            i++;
        } else if (strcmp(arg, "--memory-log") == 0 && value)
            ok = parse_u64(value, &memory_log), i++;
        else if (strcmp(arg, "--trace") == 0 && value)
            ok = parse_u64(value, &m->trace_from), i++;
        else if (strcmp(arg, "--render-every") == 0 && value)
            ok = parse_u64(value, &render_every), i++;
        else if (strcmp(arg, "--days") == 0 && value)
            ok = parse_u64(value, &days) && days >= 1 && days <= 3650, days_given = true, i++;
        else if (strcmp(arg, "--size") == 0 && value) {
            char extra;
            ok = sscanf(value, "%dx%d%c", &m->start_width, &m->start_height, &extra) == 2 &&
                 m->start_width >= 240 && m->start_height >= 240 && m->start_width <= 8192 &&
                 m->start_height <= 8192;
            i++;
        } else if (strcmp(arg, "--month") == 0)
            m->month = true;
        else if (strcmp(arg, "--rss-report") == 0)
            rss_report = true;
        else if (strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            free(m);
            return 0;
        } else
            ok = false;
        if (!ok) {
            fprintf(stderr, "monkey: bad argument '%s'\n%s", arg, usage);
            free(m);
            return 2;
        }
    }
    if (!m->bundle_path || (days_given && !m->month) || render_every > 1000000000) {
        fputs(usage, stderr);
        free(m);
        return 2;
    }
    m->render_every = (unsigned)render_every;
    rng_seed(&m->r, seed);
    m->digest = 1469598103934665603ULL;
    m->last_mode = RS_MODE_BROWSE;
    m->width = m->window_w = m->start_width, m->height = m->window_h = m->start_height;
    m->now = 1000;

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int status = 2;
    char error[1024];
    rs_theme theme = rs_theme_for(m->width, m->height);
    if (!make_canvas(m))
        goto done;
    m->text = rs_text_create(MONKEY_FONT_DIR, &theme, error, sizeof error);
    if (!m->text) {
        fprintf(stderr, "monkey: %s\n", error);
        goto done;
    }
    if (!open_session(m))
        goto done;
    frame(m, true);
    observe(m);

    memory_point first = {0}, last = {0};
    bool rss_failed = false, screens_failed = false;
    if (m->month) {
        int visitors = run_month(m, (int)days, &first, &last);
        fprintf(stderr, "monkey: month of %d days: %d visitors, %" PRIu64 " events\n", (int)days, visitors,
                m->events);
        print_growth("the end of day 1", &first, &last);
        rss_failed = days > 1 && grew_too_much(&first, &last);
    } else {
        for (uint64_t i = 0; i < events; i++) {
            one_event(m);
            if (rss_report && m->events == RSS_FIRST_AT) {
                first = settled_memory(m);
                print_memory("after 10000 events", &first);
            }
            if (memory_log && m->events % memory_log == 0) {
                memory_point p = settled_memory(m);
                char when[64];
                snprintf(when, sizeof when, "after %" PRIu64 " events", m->events);
                print_memory(when, &p);
            } else if (m->events % 100000 == 0)
                fprintf(stderr, "monkey: %" PRIu64 " events, %.0f s\n", m->events, seconds_since(&start));
        }
        if (rss_report) {
            if (m->events < RSS_FIRST_AT) {
                fprintf(stderr, "monkey: --rss-report needs more than %d events\n", RSS_FIRST_AT);
                rss_failed = true;
            } else {
                last = settled_memory(m);
                char when[64];
                snprintf(when, sizeof when, "after %" PRIu64 " events", m->events);
                print_memory(when, &last);
                print_growth("10000 events", &first, &last);
                rss_failed = grew_too_much(&first, &last);
            }
        }
        if (m->events >= ALL_SCREENS_AT) {
            for (int k = 0; k <= ROUTE_LAST; k++) {
                if (m->route_visits[k] || (k == RS_ROUTE_UNDATED && !m->undated_in_bundle))
                    continue;
                fprintf(stderr, "monkey: PROBLEM: no %s screen was shown in %" PRIu64 " events\n", route_names[k],
                        m->events);
                screens_failed = true;
            }
        }
    }
    double seconds = seconds_since(&start);
    print_counts(m);
    uint64_t allowed = 0;
    for (int k = 0; k < PROBLEM_KINDS; k++)
        if (m->allowed[k])
            allowed += m->problem_counts[k];
    if (m->problems || allowed) {
        fprintf(stderr, "monkey: problems by kind:");
        for (int k = 0; k < PROBLEM_KINDS; k++)
            if (m->problem_counts[k])
                fprintf(stderr, " %s=%" PRIu64 "%s", problem_names[k], m->problem_counts[k],
                        m->allowed[k] ? " (allowed)" : "");
        fprintf(stderr, " (the first %d of each are shown above)\n", MAX_REPORTS);
    }

    bool ok = !m->problems && !rss_failed && !screens_failed;
    int reached = 0, reachable = 0;
    for (int k = 0; k <= ROUTE_LAST; k++) {
        reachable += k != RS_ROUTE_UNDATED || m->undated_in_bundle;
        reached += m->route_visits[k] > 0;
    }
    printf("monkey: %s seed=%" PRIu64 " events=%" PRIu64 " screens=%d/%d problems=%" PRIu64, ok ? "PASS" : "FAIL",
           seed, m->events, reached, reachable, m->problems);
    if (allowed)
        printf(" allowed-problems=%" PRIu64, allowed);
    if (rss_report || m->month)
        printf(" rss-first=%ldKB rss-last=%ldKB rss-growth=%+ldKB heap-growth=%+ldKB", first.rss, last.rss,
               last.rss - first.rss, last.heap - first.heap);
    printf(" time=%.1fs rate=%.0f/s trace=%016" PRIx64 "\n", seconds, (double)m->events / (seconds > 0 ? seconds : 1),
           m->digest);
    status = ok ? 0 : 1;

done:
    close_session(m);
    free_canvas(m);
    rs_text_destroy(m->text);
    rs_draw_free(&m->draw);
    SDL_Quit();
    free(m);
    return status;
}
