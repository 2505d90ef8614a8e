#include "app.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "draw.h"
#include "gesture.h"
#include "layout.h"
#include "nav.h"
#include "image.h"
#include "render.h"
#include "screen.h"
#include "script.h"
#include "scroll.h"
#include "text.h"
#include "theme.h"

#define FRAME_MS 16

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
#define SCROLLBAR_MS 800
#define TAP_MS 50

typedef struct app {
    const rs_app_options *options;
    bool headless;
    uint64_t virtual_now;

    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Surface *canvas; /* headless target */

    rs_bundle *bundle;
    char error_heading[128];
    char error[1200];

    rs_nav nav;
    char crumbs[RS_NAV_DEPTH][160];
    rs_screen *screen;

    rs_theme theme;
    int width, height;
    rs_text *text;
    rs_layout *layout;
    rs_gesture *gesture;
    rs_scroll *scroll;
    rs_draw_list draw;
    rs_target_list targets;
    rs_layout_info info;

    rs_action pressed;      /* shown tinted while a finger is down on it */
    rs_action press_action; /* what a tap will activate */
    rs_action focused;
    uint64_t scrollbar_until;
    bool dirty, layout_stale, quit;
} app;

static uint64_t now(const app *a)
{
    return a->headless ? a->virtual_now : SDL_GetTicks64();
}

/* ---- screen and navigation ---- */

static void set_error(app *a, const char *heading, const char *message)
{
    snprintf(a->error_heading, sizeof a->error_heading, "%s", heading);
    snprintf(a->error, sizeof a->error, "%s", message);
    fprintf(stderr, "%s\n", message);
}

/* The breadcrumb label of a route, from the bundle (cheap lookups). */
static void crumb_for(app *a, const rs_route *route, char *out, size_t size)
{
    rs_nav_entry entry = {.route = *route, .role_filter = -1};
    char error[256];
    rs_screen *s = rs_screen_build(a->bundle, &entry, error, sizeof error);
    snprintf(out, size, "%s", s ? s->crumb : "?");
    rs_screen_destroy(s);
}

/* Builds the model for the top of the stack and restores its scroll. */
static bool load_screen(app *a)
{
    char error[512];
    rs_nav_entry *top = rs_nav_top(&a->nav);
    rs_screen *s = rs_screen_build(a->bundle, top, error, sizeof error);
    if (!s) {
        fprintf(stderr, "rostrum: %s\n", error);
        return false;
    }
    rs_screen_destroy(a->screen);
    a->screen = s;
    snprintf(a->crumbs[a->nav.depth - 1], sizeof a->crumbs[0], "%s", s->crumb);
    rs_layout_forget(a->layout);
    rs_layout_measure(a->layout, &a->theme, a->width, a->height, s, &a->info);
    rs_scroll_set_extent(a->scroll, a->info.content_height, (float)a->info.viewport.h);
    rs_scroll_set_offset(a->scroll, top->scroll);
    a->pressed = a->press_action = (rs_action){0};
    a->dirty = true;
    return true;
}

static void remember_scroll(app *a)
{
    rs_nav_top(&a->nav)->scroll = rs_scroll_offset(a->scroll);
}

/* Moves to a new stack state; on failure goes back to what was shown. */
static void after_navigation(app *a, const rs_nav *previous)
{
    a->focused = (rs_action){0};
    if (!load_screen(a)) {
        a->nav = *previous;
        load_screen(a);
    }
}

static void go_back(app *a)
{
    if (a->nav.depth <= 1)
        return;
    rs_nav previous = a->nav;
    remember_scroll(a);
    previous = a->nav;
    rs_nav_back(&a->nav);
    after_navigation(a, &previous);
}

static void go_home(app *a)
{
    rs_nav previous = a->nav;
    rs_nav_reset(&a->nav);
    after_navigation(a, &previous);
}

static void push_route(app *a, const rs_route *route, const rs_list_place *place)
{
    remember_scroll(a);
    rs_nav previous = a->nav;
    rs_nav_push(&a->nav, route, place);
    after_navigation(a, &previous);
}

/* The route of the statement at pos of a list. */
static bool statement_at(app *a, const rs_list_spec *spec, int64_t pos, rs_route *route)
{
    rs_statement_rows rows;
    bool ok = rs_bundle_list_page(a->bundle, spec, pos, 1, &rows) && rows.count == 1;
    if (ok) {
        memset(route, 0, sizeof *route);
        route->kind = RS_ROUTE_STATEMENT;
        snprintf(route->slug, sizeof route->slug, "%s", rows.items[0].slug);
    }
    rs_statement_rows_clear(&rows);
    return ok;
}

static void activate(app *a, const rs_action *action)
{
    rs_nav previous = a->nav;
    switch (action->kind) {
    case RS_ACT_NONE:
        break;
    case RS_ACT_BACK:
        go_back(a);
        break;
    case RS_ACT_HOME:
        go_home(a);
        break;
    case RS_ACT_CRUMB:
        remember_scroll(a);
        previous = a->nav;
        rs_nav_back_to(&a->nav, (size_t)action->index);
        after_navigation(a, &previous);
        break;
    case RS_ACT_ROUTE:
        push_route(a, &action->route, NULL);
        break;
    case RS_ACT_ROW: {
        const rs_list_item *item = rs_screen_item(a->screen, action->index);
        if (!item)
            break;
        rs_route route = {.kind = RS_ROUTE_STATEMENT};
        snprintf(route.slug, sizeof route.slug, "%s", item->slug);
        rs_list_place place = {.valid = true, .spec = a->screen->spec, .pos = action->index};
        push_route(a, &route, &place);
        break;
    }
    case RS_ACT_ROLE:
        remember_scroll(a);
        rs_nav_top(&a->nav)->role_filter = (int)action->index;
        rs_nav_top(&a->nav)->scroll = 0;
        after_navigation(a, &previous);
        break;
    case RS_ACT_PREV:
    case RS_ACT_NEXT: {
        rs_list_place place = a->screen->place;
        place.pos += action->kind == RS_ACT_NEXT ? 1 : -1;
        rs_route route;
        if (place.pos < 0 || place.pos >= a->screen->place_count || !statement_at(a, &place.spec, place.pos, &route))
            break;
        rs_nav_replace(&a->nav, &route, &place);
        after_navigation(a, &previous);
        break;
    }
    }
    a->dirty = true;
}

/* ---- size, theme and frames ---- */

static bool set_size(app *a, int width, int height)
{
    a->width = width;
    a->height = height;
    a->theme = rs_theme_for(width, height);
    char error[512];
    if (a->text && !rs_text_set_theme(a->text, &a->theme, error, sizeof error)) {
        set_error(a, "Rostrum cannot draw text", error);
        return false;
    }
    rs_gesture_destroy(a->gesture);
    /* Slop about 2 mm, edge zone 5% of the width (DESIGN.md "Touch"). */
    rs_gesture_config config = {.slop_px = (float)a->theme.target / 4.5f,
                                .long_press_ms = 500,
                                .edge_px = (float)width * 0.05f,
                                .edge_swipe_px = (float)width * 0.2f};
    a->gesture = rs_gesture_create(&config);
    if (a->layout)
        rs_layout_forget(a->layout);
    a->dirty = true;
    return true;
}

/* Lays out the current state (and loads the list rows it shows). */
static void lay_out(app *a)
{
    if (!a->screen) {
        rs_layout_error(a->layout, &a->theme, a->width, a->height, a->error_heading, a->error, &a->draw);
        a->targets.count = 0;
        return;
    }
    rs_layout_measure(a->layout, &a->theme, a->width, a->height, a->screen, &a->info);
    rs_scroll_set_extent(a->scroll, a->info.content_height, (float)a->info.viewport.h);
    float offset = rs_scroll_offset(a->scroll);
    if (a->screen->kind == RS_SCREEN_LIST && a->info.row_height > 0) {
        int64_t first = (int64_t)((offset - a->info.list_top) / a->info.row_height);
        int64_t last = (int64_t)((offset + (float)a->info.viewport.h - a->info.list_top) / a->info.row_height);
        if (!rs_screen_prepare_rows(a->screen, a->bundle, first, last))
            fprintf(stderr, "rostrum: cannot read the list rows; the bundle may be damaged\n");
    }
    const char *crumbs[RS_NAV_DEPTH];
    for (size_t i = 0; i < a->nav.depth; i++)
        crumbs[i] = a->crumbs[i];
    rs_frame frame = {.screen = a->screen,
                      .crumbs = crumbs,
                      .crumb_count = a->nav.depth,
                      .scroll = offset,
                      .pressed = a->pressed,
                      .focused = a->focused,
                      .show_scrollbar = now(a) < a->scrollbar_until || rs_scroll_is_moving(a->scroll)};
    rs_layout_frame(a->layout, &a->theme, a->width, a->height, &frame, &a->draw, &a->targets, &a->info);
    a->layout_stale = false;
}

static void draw_frame(app *a)
{
    lay_out(a);
    rs_render(a->renderer, a->text, &a->draw, a->theme.background);
    if (!a->headless)
        SDL_RenderPresent(a->renderer);
    a->dirty = false;
}

/* ---- input ---- */

static const rs_action *action_at(app *a, float x, float y)
{
    if (a->layout_stale || a->dirty)
        lay_out(a);
    const rs_target *target = rs_target_at(&a->targets, (int)x, (int)y);
    return target ? &target->action : NULL;
}

static void handle_gestures(app *a, const rs_gesture_event *events, size_t count)
{
    uint64_t t = now(a);
    for (size_t i = 0; i < count; i++) {
        const rs_gesture_event *e = &events[i];
        switch (e->type) {
        case RS_GESTURE_PRESS: {
            rs_scroll_grab(a->scroll, t);
            const rs_action *action = action_at(a, e->x, e->y);
            a->press_action = action ? *action : (rs_action){0};
            a->pressed = a->press_action;
            break;
        }
        case RS_GESTURE_TAP: {
            rs_scroll_release(a->scroll, 0, t); /* every grab ends in a release */
            rs_action action = a->press_action;
            a->pressed = a->press_action = (rs_action){0};
            a->focused = (rs_action){0};
            activate(a, &action);
            break;
        }
        case RS_GESTURE_LONG_PRESS:
            a->pressed = a->press_action = (rs_action){0};
            break;
        case RS_GESTURE_CANCEL:
            rs_scroll_release(a->scroll, 0, t);
            a->pressed = a->press_action = (rs_action){0};
            break;
        case RS_GESTURE_DRAG_BEGIN:
            a->pressed = a->press_action = (rs_action){0};
            break;
        case RS_GESTURE_DRAG:
            rs_scroll_drag(a->scroll, e->dy, t);
            a->scrollbar_until = t + SCROLLBAR_MS;
            break;
        case RS_GESTURE_DRAG_END:
            rs_scroll_release(a->scroll, e->vy, t);
            a->scrollbar_until = t + SCROLLBAR_MS;
            break;
        case RS_GESTURE_EDGE_BACK:
            rs_scroll_release(a->scroll, 0, t);
            go_back(a);
            break;
        }
        a->dirty = true;
    }
}

static void pointer(app *a, rs_pointer_phase phase, float x, float y)
{
    rs_gesture_event events[RS_GESTURE_MAX_EVENTS];
    size_t n = rs_gesture_pointer(a->gesture, phase, x, y, now(a), events, RS_GESTURE_MAX_EVENTS);
    handle_gestures(a, events, n);
}

static void tick(app *a)
{
    rs_gesture_event events[RS_GESTURE_MAX_EVENTS];
    size_t n = rs_gesture_tick(a->gesture, now(a), events, RS_GESTURE_MAX_EVENTS);
    handle_gestures(a, events, n);
    if (rs_scroll_update(a->scroll, now(a)))
        a->dirty = true;
}

/* Scrolls so that the focused target is in view. */
static void reveal(app *a, const rs_rect *r)
{
    const rs_rect *vp = &a->info.viewport;
    float offset = rs_scroll_offset(a->scroll);
    if (r->y < vp->y)
        rs_scroll_set_offset(a->scroll, offset - (float)(vp->y - r->y) - (float)a->theme.gap);
    else if (r->y + r->h > vp->y + vp->h)
        rs_scroll_set_offset(a->scroll, offset + (float)(r->y + r->h - vp->y - vp->h) + (float)a->theme.gap);
}

/* Arrow keys and Tab move a visible focus through the targets in reading
 * order; in a statement list Up/Down go row by row beyond what is shown. */
static void move_focus(app *a, int step)
{
    if (a->layout_stale || a->dirty)
        lay_out(a);
    if (a->targets.count == 0)
        return;
    if (a->focused.kind == RS_ACT_ROW && a->screen && a->screen->kind == RS_SCREEN_LIST) {
        int64_t next = a->focused.index + step;
        if (next >= 0 && next < a->screen->count) {
            a->focused.index = next;
            rs_rect r = {0, (int)((float)a->info.viewport.y + a->info.list_top + a->info.row_height * (float)next -
                                  rs_scroll_offset(a->scroll)),
                         a->width, (int)a->info.row_height};
            reveal(a, &r);
            a->dirty = true;
            return;
        }
    }
    /* Content targets come first in the list, then the bar's. */
    size_t count = a->targets.count, current = count;
    for (size_t i = 0; i < count; i++)
        if (rs_action_equal(&a->targets.items[i].action, &a->focused))
            current = i;
    size_t next;
    if (current == count)
        next = step > 0 ? 0 : count - 1;
    else
        next = (current + count + (size_t)(step > 0 ? 1 : count - 1)) % count;
    a->focused = a->targets.items[next].action;
    if (a->targets.items[next].in_content)
        reveal(a, &a->targets.items[next].rect);
    a->dirty = true;
}

static void key(app *a, SDL_Keycode code, bool shift)
{
    switch (code) {
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
    case SDLK_AC_BACK:
        go_back(a);
        break;
    case SDLK_HOME:
    case SDLK_AC_HOME:
        go_home(a);
        break;
    case SDLK_DOWN:
    case SDLK_RIGHT:
        move_focus(a, 1);
        break;
    case SDLK_UP:
    case SDLK_LEFT:
        move_focus(a, -1);
        break;
    case SDLK_TAB:
        move_focus(a, shift ? -1 : 1);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        if (a->focused.kind != RS_ACT_NONE) {
            rs_action action = a->focused;
            activate(a, &action);
            /* Keep the keyboard user's place: focus the first target of the new screen. */
            lay_out(a);
            if (a->targets.count)
                a->focused = a->targets.items[0].action;
        }
        break;
    case SDLK_PAGEDOWN:
        rs_scroll_nudge(a->scroll, (float)a->info.viewport.h * 0.9f, now(a));
        break;
    case SDLK_PAGEUP:
        rs_scroll_nudge(a->scroll, -(float)a->info.viewport.h * 0.9f, now(a));
        break;
    default:
        return;
    }
    a->dirty = true;
}

/* ---- set-up ---- */

static bool open_bundle(app *a)
{
    char error[1024];
    a->bundle = rs_bundle_open(a->options->bundle_path, error, sizeof error);
    if (!a->bundle) {
        set_error(a, "This kiosk cannot show its statements", error);
        return false;
    }
    return true;
}

/* Opens the route given on the command line with its natural parents.
 * Returns 0, 2 for a route that does not parse, 1 for one naming something
 * the bundle does not have (then an error screen is shown). */
static int open_route(app *a, const char *text)
{
    rs_route route;
    char error[512];
    if (!rs_route_parse(text, &route, error, sizeof error)) {
        fprintf(stderr, "rostrum: %s\n", error);
        return 2;
    }
    rs_nav_open(&a->nav, &route);
    if (route.kind == RS_ROUTE_STATEMENT) {
        /* A statement opened directly sits under its date. */
        int64_t id = rs_bundle_statement_id(a->bundle, route.slug);
        rs_statement st;
        if (id > 0 && rs_bundle_statement(a->bundle, id, &st)) {
            rs_nav_reset(&a->nav);
            rs_route parent = {.kind = RS_ROUTE_DATES};
            rs_nav_push(&a->nav, &parent, NULL);
            if (st.year) {
                parent.kind = RS_ROUTE_YEAR, parent.year = st.year;
                rs_nav_push(&a->nav, &parent, NULL);
                parent.kind = RS_ROUTE_MONTH, parent.month = st.month;
                rs_nav_push(&a->nav, &parent, NULL);
            } else {
                parent.kind = RS_ROUTE_UNDATED;
                rs_nav_push(&a->nav, &parent, NULL);
            }
            rs_list_place place = {.valid = true, .spec = {.kind = RS_LIST_ALL, .role = -1}, .pos = id - 1};
            rs_nav_push(&a->nav, &route, &place);
            rs_statement_clear(&st);
        }
    }
    for (size_t i = 0; i + 1 < a->nav.depth; i++)
        crumb_for(a, &a->nav.entries[i].route, a->crumbs[i], sizeof a->crumbs[i]);
    if (!load_screen(a)) {
        char route_text[160];
        rs_route_format(&route, route_text, sizeof route_text);
        snprintf(error, sizeof error, "Cannot open %s in this bundle.", route_text);
        set_error(a, "Not in this bundle", error);
        return 1;
    }
    return 0;
}

static bool create_window(app *a)
{
    const rs_app_options *o = a->options;
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (o->software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "rostrum: cannot start the display: %s\n", SDL_GetError());
        return false;
    }
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
    if (o->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    a->window = SDL_CreateWindow("Rostrum", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->width, o->height, flags);
    if (!a->window) {
        fprintf(stderr, "rostrum: cannot open a window: %s\n", SDL_GetError());
        return false;
    }
    if (!o->software)
        a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->renderer) {
        /* No GPU: SDL's software renderer, without loading the GL stack. */
        SDL_DestroyWindow(a->window);
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        a->window = SDL_CreateWindow("Rostrum", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->width, o->height, flags);
        a->renderer = a->window ? SDL_CreateRenderer(a->window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    }
    if (!a->renderer) {
        fprintf(stderr, "rostrum: cannot draw in the window: %s\n", SDL_GetError());
        return false;
    }
    int w, h;
    SDL_GetRendererOutputSize(a->renderer, &w, &h);
    a->width = w, a->height = h;
    return true;
}

static bool create_canvas(app *a)
{
    a->canvas = SDL_CreateRGBSurfaceWithFormat(0, a->options->width, a->options->height, 32, SDL_PIXELFORMAT_ARGB8888);
    a->renderer = a->canvas ? SDL_CreateSoftwareRenderer(a->canvas) : NULL;
    if (!a->renderer) {
        fprintf(stderr, "rostrum: cannot create an image to draw on: %s\n", SDL_GetError());
        return false;
    }
    a->width = a->options->width, a->height = a->options->height;
    return true;
}

static bool save_png(app *a, const char *path)
{
    draw_frame(a);
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(a->canvas, SDL_PIXELFORMAT_ABGR8888, 0);
    bool ok = rgba && rs_image_write_png(path, rgba->pixels, rgba->w, rgba->h, rgba->pitch);
    if (!ok)
        fprintf(stderr, "rostrum: cannot write %s\n", path);
    SDL_FreeSurface(rgba);
    return ok;
}

/* ---- running ---- */

static void advance(app *a, unsigned ms)
{
    uint64_t end = a->virtual_now + ms;
    while (a->virtual_now < end) {
        uint64_t step = end - a->virtual_now < FRAME_MS ? end - a->virtual_now : FRAME_MS;
        a->virtual_now += step;
        tick(a);
        if (a->dirty)
            lay_out(a);
    }
}

static int run_script(app *a)
{
    size_t size = 0;
    FILE *f = fopen(a->options->script, "rb");
    char *text = NULL;
    if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        if (n >= 0 && n < 4 * 1024 * 1024) {
            text = malloc((size_t)n + 1);
            size = fread(text, 1, (size_t)n, f);
            text[size] = '\0';
        }
        fclose(f);
    }
    if (!text) {
        fprintf(stderr, "rostrum: cannot read the script %s\n", a->options->script);
        return 2;
    }
    rs_script script;
    char error[512];
    bool parsed = rs_script_parse(a->options->script, text, &script, error, sizeof error);
    free(text);
    if (!parsed) {
        fprintf(stderr, "rostrum: %s\n", error);
        return 2;
    }
    int status = a->screen ? 0 : 1;
    a->virtual_now = 1000;
    lay_out(a);
    for (size_t i = 0; i < script.count && !a->quit; i++) {
        const rs_script_command *c = &script.commands[i];
        switch (c->kind) {
        case RS_SCRIPT_TAP:
        case RS_SCRIPT_PRESS:
            pointer(a, RS_POINTER_DOWN, c->x1, c->y1);
            advance(a, c->kind == RS_SCRIPT_TAP ? TAP_MS : c->ms);
            pointer(a, RS_POINTER_UP, c->x1, c->y1);
            break;
        case RS_SCRIPT_DRAG: {
            pointer(a, RS_POINTER_DOWN, c->x1, c->y1);
            unsigned steps = c->ms / FRAME_MS > 0 ? c->ms / FRAME_MS : 1;
            for (unsigned k = 1; k <= steps; k++) {
                advance(a, c->ms / steps);
                float along = (float)k / (float)steps;
                pointer(a, RS_POINTER_MOVE, c->x1 + (c->x2 - c->x1) * along, c->y1 + (c->y2 - c->y1) * along);
            }
            pointer(a, RS_POINTER_UP, c->x2, c->y2);
            break;
        }
        case RS_SCRIPT_KEY: {
            SDL_Keycode code = SDL_GetKeyFromName(c->text);
            if (code == SDLK_UNKNOWN) {
                fprintf(stderr, "rostrum: %s:%u: unknown key '%s'\n", a->options->script, c->line, c->text);
                status = 2;
                a->quit = true;
                break;
            }
            key(a, code, false);
            break;
        }
        case RS_SCRIPT_WAIT:
            advance(a, c->ms);
            break;
        case RS_SCRIPT_SHOT:
            if (!save_png(a, c->text))
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

/* Milliseconds until something needs doing without input, or -1 for never. */
static int next_timeout(app *a)
{
    uint64_t t = now(a);
    if (rs_scroll_is_moving(a->scroll))
        return FRAME_MS;
    uint64_t deadline = rs_gesture_next_deadline(a->gesture);
    if (a->scrollbar_until > t && a->scrollbar_until < deadline)
        deadline = a->scrollbar_until;
    if (deadline == UINT64_MAX)
        return -1;
    if (deadline <= t)
        return 0;
    return deadline - t > 60000 ? 60000 : (int)(deadline - t);
}

static void handle_event(app *a, const SDL_Event *e, bool *shown_scrollbar)
{
    float w = (float)a->width, h = (float)a->height;
    switch (e->type) {
    case SDL_QUIT:
        a->quit = true;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            int pw, ph;
            SDL_GetRendererOutputSize(a->renderer, &pw, &ph);
            set_size(a, pw, ph);
        }
        a->dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        rs_text_drop_textures(a->text);
        a->dirty = true;
        break;
    case SDL_FINGERDOWN:
        pointer(a, RS_POINTER_DOWN, e->tfinger.x * w, e->tfinger.y * h);
        break;
    case SDL_FINGERMOTION:
        pointer(a, RS_POINTER_MOVE, e->tfinger.x * w, e->tfinger.y * h);
        break;
    case SDL_FINGERUP:
        pointer(a, RS_POINTER_UP, e->tfinger.x * w, e->tfinger.y * h);
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
                pointer(a, RS_POINTER_MOVE, (float)e->motion.x * sx, (float)e->motion.y * sy);
        } else if (e->button.button == SDL_BUTTON_LEFT) {
            pointer(a, e->type == SDL_MOUSEBUTTONDOWN ? RS_POINTER_DOWN : RS_POINTER_UP, (float)e->button.x * sx,
                    (float)e->button.y * sy);
        }
        break;
    }
    case SDL_MOUSEWHEEL:
        rs_scroll_nudge(a->scroll, -(float)e->wheel.y * (float)a->theme.target * 1.5f, now(a));
        a->scrollbar_until = now(a) + SCROLLBAR_MS;
        *shown_scrollbar = true;
        a->dirty = true;
        break;
    case SDL_KEYDOWN:
        key(a, e->key.keysym.sym, (e->key.keysym.mod & KMOD_SHIFT) != 0);
        break;
    default:
        break;
    }
}

static int run_window(app *a)
{
    bool shown_scrollbar = false;
    draw_frame(a);
    trace("first frame presented");
    if (a->options->exit_after_first_frame)
        return 0;
    while (!a->quit) {
        int timeout = next_timeout(a);
        SDL_Event event;
        bool got = timeout < 0 ? SDL_WaitEvent(&event) : SDL_WaitEventTimeout(&event, timeout);
        if (got) {
            handle_event(a, &event, &shown_scrollbar);
            while (SDL_PollEvent(&event))
                handle_event(a, &event, &shown_scrollbar);
        }
        tick(a);
        if (a->scrollbar_until && now(a) >= a->scrollbar_until) {
            a->scrollbar_until = 0;
            a->dirty = true;
        }
        if (a->dirty)
            draw_frame(a);
    }
    return 0;
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
    rs_nav_reset(&a.nav);
    a.scroll = rs_scroll_create();

    int status = 0;
    bool ok = a.headless ? create_canvas(&a) : create_window(&a);
    if (!ok) {
        status = 1;
        goto done;
    }
    trace("display ready");
    char error[512];
    if (!set_size(&a, a.width, a.height)) {
        status = 1;
        goto done;
    }
    a.text = rs_text_create(options->font_dir, &a.theme, error, sizeof error);
    if (!a.text) {
        fprintf(stderr, "rostrum: %s\n", error);
        status = 1;
        goto done;
    }
    a.layout = rs_layout_create(rs_text_measurer(a.text));
    trace("fonts open");

    status = open_bundle(&a) ? open_route(&a, options->route ? options->route : "home") : 1;
    trace("bundle open, screen model built");
    if (status == 2)
        goto done;
    /* With a bundle error the error screen is what is shown (and saved). */
    if (options->screenshot)
        status = save_png(&a, options->screenshot) ? status : 2;
    else if (options->script)
        status = status ? status : run_script(&a);
    else
        status = run_window(&a) == 0 ? status : 1;

done:
    rs_screen_destroy(a.screen);
    rs_layout_destroy(a.layout);
    rs_text_destroy(a.text);
    rs_gesture_destroy(a.gesture);
    rs_scroll_destroy(a.scroll);
    rs_draw_free(&a.draw);
    rs_target_list_free(&a.targets);
    rs_bundle_close(a.bundle);
    if (a.renderer)
        SDL_DestroyRenderer(a.renderer);
    if (a.canvas)
        SDL_FreeSurface(a.canvas);
    if (a.window)
        SDL_DestroyWindow(a.window);
    SDL_Quit();
    return status;
}
