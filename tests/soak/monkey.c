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
#include "monkey.h"

/* ---- the tables ---- */

const char *const event_names[EV_COUNT] = {
    "tap-target", "tap-anywhere", "drag-short", "drag-long", "fling", "long-press", "edge-swipe",
    "key",        "wheel",        "cancel",     "wait",      "walk-away", "resize", "staff", "text",
};

const int event_weights[EV_COUNT] = {
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

const char *const route_names[ROUTE_LAST + 1] = {
    "home", "dates", "year", "month", "undated", "countries", "country", "incidents", "incident", "statement", "all",
    "search", "timeline", "map",
};

const char *const screen_names[SCREEN_KINDS] = {"home",   "facets",   "list", "reader",
                                                       "search", "thread", "timeline", "map"};

const char *const mode_names[5] = {"browse", "countdown", "attract", "pin", "admin"};

const char *const key_names[KEY_LAST + 1] = {"back",     "delete",    "home",    "next",     "previous",
                                                   "tab",      "shift-tab", "activate", "page-down", "page-up",
                                                   "admin",    "left",      "right",   "up",       "down",
                                                   "zoom-in",  "zoom-out"};

const int sizes[SIZE_COUNT][2] = {{800, 480}, {1024, 600}, {1280, 800}, {1920, 1080}, {1080, 1920}};

const char *const problem_names[PROBLEM_KINDS] = {
    "busy-loop", "error-screen", "state", "draw", "utf8", "text-overflow", "target", "idle", "fonts", "rotation",
    "reload", "speech",
};

void problem(monkey *m, problem_kind kind, const char *format, ...)
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

void digest_bytes(monkey *m, const void *data, size_t length)
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
    voice_attach(m, s);
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
void frame(monkey *m, bool render)
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

bool resize_to(monkey *m, int width, int height)
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
void settle(monkey *m)
{
    rs_session_tick(m->session, m->now);
    m->ticks++;
    take_command(m);
    maybe_frame(m);
}

/* ms without input, as the app's loop spends it: asleep until the session's
 * next deadline, then a tick and a frame if one is needed. */
void pass(monkey *m, uint64_t ms)
{
    uint64_t end = m->now + ms;
    int zeros = 0;
    while (m->now < end) {
        /* The voice's report due now, as the player's event wakes app.c. */
        if (voice_advance(m)) {
            settle(m);
            continue;
        }
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
        int64_t voice = voice_due_in(m);
        if (voice > 0 && (uint64_t)voice < step)
            step = (uint64_t)voice;
        m->now += step;
        settle(m);
    }
}

/* Idle time in coarse steps (the month's gaps and nights): ticks only, and
 * the frame a tick asks for is laid out but not drawn. */
void pass_coarse(monkey *m, uint64_t ms, uint64_t step_lo, uint64_t step_hi)
{
    uint64_t end = m->now + ms;
    while (m->now < end) {
        uint64_t step = (uint64_t)rng_range(&m->r, (int64_t)step_lo, (int64_t)step_hi);
        m->now += step < end - m->now ? step : end - m->now;
        voice_advance(m);
        rs_session_tick(m->session, m->now);
        m->ticks++;
        take_command(m);
        if (rs_session_needs_frame(m->session))
            frame(m, false);
    }
}

/* ---- the program ---- */

static const char usage[] =
    "Usage: monkey --bundle FILE [--events N] [--seed S] [--size WxH] [--render-every K] [--month [--days D]]\n"
    "              [--rss-report] [--memory-log N] [--trace FROM] [--allow KIND,...] [--no-voice]\n"
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
    "                    rotation reload speech)\n"
    "  --no-voice        no speaker: no Listen button, nothing spoken (by default a silent voice\n"
    "                    that keeps the real player's time answers Listen and spoken navigation)\n"
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
    const uint64_t *v = m->voice_counts;
    fprintf(stderr,
            "monkey: voice: reads %" PRIu64 ", announcements %" PRIu64 ", pauses %" PRIu64 ", stops %" PRIu64
            ", sentences heard %" PRIu64 ", read to the end %" PRIu64 "\n",
            v[VOICE_READS], v[VOICE_ANNOUNCEMENTS], v[VOICE_PAUSES], v[VOICE_STOPS], v[VOICE_SENTENCES],
            v[VOICE_ENDINGS]);
}

int main(int argc, char **argv)
{
    monkey *m = calloc(1, sizeof *m);
    if (!m)
        return 2;
    voice_create(m);
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
        else if (strcmp(arg, "--no-voice") == 0)
            voice_destroy(m);
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
    voice_destroy(m);
    free_canvas(m);
    rs_text_destroy(m->text);
    rs_draw_free(&m->draw);
    SDL_Quit();
    free(m);
    return status;
}
