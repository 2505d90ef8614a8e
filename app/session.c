#include "session_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "layout_thread.h"
#include "log.h"
#include "session_listen.h"

#define SEARCH_DEBOUNCE_MS 250 /* typing pauses this long before a search */

static const float text_steps[3] = {1.0f, 1.25f, 1.5f};

static void set_text_step(rs_session *s, int step);

void session_changed(rs_session *s)
{
    s->dirty = true;
    s->targets_stale = true;
}

/* ---- screens and navigation ---- */

static void show_error(rs_session *s, const char *heading, const char *message)
{
    session_listen_stop(s); /* its reader is gone */
    snprintf(s->error_heading, sizeof s->error_heading, "%s", heading);
    snprintf(s->error, sizeof s->error, "%s", message);
    rs_screen_destroy(s->screen);
    s->screen = NULL;
    session_changed(s);
}

/* The breadcrumb label of a route (cheap lookups in the bundle). */
static void crumb_for(rs_session *s, const rs_route *route, char *out, size_t size)
{
    rs_nav_entry entry = {.route = *route, .role_filter = -1};
    char error[256];
    rs_screen *screen = rs_screen_build(s->bundle, &entry, error, sizeof error);
    snprintf(out, size, "%s", screen ? screen->crumb : "?");
    rs_screen_destroy(screen);
}

/* Builds the model for the top of the stack and restores its scroll. */
static bool load_screen(rs_session *s, char *error, size_t error_size)
{
    rs_nav_entry *top = rs_nav_top(&s->nav);
    rs_screen *screen = rs_screen_build(s->bundle, top, error, error_size);
    if (!screen)
        return false;
    rs_screen_destroy(s->screen);
    s->screen = screen;
    snprintf(s->crumbs[s->nav.depth - 1], sizeof s->crumbs[0], "%s", screen->crumb);
    rs_layout_forget(s->layout);
    rs_layout_measure(s->layout, &s->theme, s->width, s->height, screen, &s->info);
    rs_scroll_set_extent(s->scroll, s->info.content_height, (float)s->info.viewport.h);
    rs_scroll_set_offset(s->scroll, top->scroll);
    if (s->scroll_to_hit && s->info.first_mark_y >= 0) {
        /* The first hit a third of the way down the page. */
        float offset = s->info.first_mark_y - (float)s->info.viewport.h / 3;
        rs_scroll_set_offset(s->scroll, offset > 0 ? offset : 0);
    }
    s->scroll_to_hit = false;
    s->search_due = 0;
    s->pressed = s->press_action = (rs_action){0};
    session_view_stop(s); /* a fling belongs to the view it started on */
    session_listen_screen_shown(s); /* Listen stops when its reader is left */
    session_changed(s);
    return true;
}

static void remember_scroll(rs_session *s)
{
    rs_nav_top(&s->nav)->scroll = rs_scroll_offset(s->scroll);
}

/* After the stack changed: show its top, or go back to what was shown. */
static void after_navigation(rs_session *s, const rs_nav *previous)
{
    char error[512];
    s->focused = (rs_action){0};
    if (!load_screen(s, error, sizeof error)) {
        rs_log("%s", error);
        s->nav = *previous;
        if (!load_screen(s, error, sizeof error))
            show_error(s, _("The bundle cannot be read"), error);
    }
}

void session_go_back(rs_session *s)
{
    if (s->nav.depth <= 1)
        return;
    remember_scroll(s);
    rs_nav previous = s->nav;
    rs_nav_back(&s->nav);
    after_navigation(s, &previous);
}

void session_go_home(rs_session *s)
{
    rs_nav previous = s->nav;
    rs_nav_reset(&s->nav);
    after_navigation(s, &previous);
}

static void push_route(rs_session *s, const rs_route *route, const rs_list_place *place)
{
    remember_scroll(s);
    rs_nav previous = s->nav;
    rs_nav_push(&s->nav, route, place);
    after_navigation(s, &previous);
}

/* Replaces the top of the stack: the reader walks in place (Previous/Next,
 * a translation). */
static void replace_route(rs_session *s, const rs_route *route, const rs_list_place *place)
{
    rs_nav previous = s->nav;
    rs_nav_replace(&s->nav, route, place);
    after_navigation(s, &previous);
}

/* The route of the statement called slug. */
static rs_route statement_route(const char *slug)
{
    rs_route route = {.kind = RS_ROUTE_STATEMENT};
    snprintf(route.slug, sizeof route.slug, "%s", slug);
    return route;
}

/* ---- modes: the idle overlays and the staff screens ---- */

bool session_staff_shown(const rs_session *s)
{
    return rs_pinpad_state_now(s->pinpad) != RS_PINPAD_CLOSED;
}

/* The staff screens above the idle overlays: the pad opens only while the
 * visitor's screens show, and idle closes it before anything else. */
rs_session_mode session_mode(const rs_session *s)
{
    rs_pinpad_state staff = rs_pinpad_state_now(s->pinpad);
    if (staff != RS_PINPAD_CLOSED)
        return staff == RS_PINPAD_ASKING ? RS_MODE_PIN : RS_MODE_ADMIN;
    rs_idle_phase phase = rs_idle_phase_now(s->idle);
    return phase == RS_IDLE_COUNTDOWN ? RS_MODE_COUNTDOWN : phase == RS_IDLE_ATTRACT ? RS_MODE_ATTRACT : RS_MODE_BROWSE;
}

/* The mode changed: the next attract loop starts from its first slide. */
static void mode_changed(rs_session *s)
{
    s->slide_number = -1;
    session_changed(s);
}

void session_open_pin_pad(rs_session *s)
{
    if (!rs_pinpad_open(s->pinpad, s->now))
        return;
    session_listen_stop(s);
    s->focused = (rs_action){0};
    mode_changed(s);
}

void session_close_staff(rs_session *s)
{
    rs_pinpad_close(s->pinpad);
    s->focused = (rs_action){0};
    rs_idle_input(s->idle, s->now);
    mode_changed(s);
}

static void pin_key(rs_session *s, const rs_action *action)
{
    if (action->kind == RS_ACT_PIN_DIGIT) {
        rs_pinpad_digit(s->pinpad, (int)action->index, s->now);
    } else if (action->kind == RS_ACT_PIN_CLEAR) {
        rs_pinpad_clear(s->pinpad, s->now);
    } else if (rs_pinpad_submit(s->pinpad, s->now)) {
        s->focused = (rs_action){0}; /* the admin screen */
        mode_changed(s);
    }
}

void rs_session_set_admin(rs_session *s, uint32_t hold_ms, rs_pin_check check, void *context)
{
    rs_pinpad_configure(s->pinpad, hold_ms, check, context);
}

void rs_session_set_lockout(rs_session *s, rs_lockout_store *store, uint64_t now_ms)
{
    if (now_ms > s->now)
        s->now = now_ms; /* the session's clock never runs backwards */
    rs_pinpad_use_store(s->pinpad, store, s->now);
    session_changed(s);
}

void rs_session_set_admin_info(rs_session *s, const rs_admin_line *lines, size_t count)
{
    for (size_t i = 0; i < s->admin_line_count; i++) {
        free((char *)s->admin_lines[i].label);
        free((char *)s->admin_lines[i].value);
    }
    s->admin_line_count = 0;
    for (size_t i = 0; i < count && i < ADMIN_LINES; i++) {
        s->admin_lines[i].label = rs_xstrdup(lines[i].label ? lines[i].label : "");
        s->admin_lines[i].value = rs_xstrdup(lines[i].value ? lines[i].value : "");
        s->admin_line_count++;
    }
    if (session_mode(s) == RS_MODE_ADMIN)
        session_changed(s);
}

rs_command rs_session_take_command(rs_session *s)
{
    rs_command c = s->command;
    s->command = RS_COMMAND_NONE;
    return c;
}

/* ---- search ---- */

void session_start_search(rs_session *s)
{
    s->search_due = 0;
    if (!s->screen || s->screen->kind != RS_SCREEN_SEARCH || s->screen->search_state != RS_SEARCH_WAITING)
        return;
    unsigned generation = ++s->search_generation;
    if (s->search_start) {
        s->search_start(s->search_context, generation, s->screen->query, s->search_typing);
        return;
    }
    rs_search_results results;
    char error[256];
    bool ok = rs_search_run(s->bundle, s->screen->query, s->search_typing, &results, error, sizeof error);
    if (!ok)
        rs_log("%s", error);
    rs_session_search_done(s, generation, s->screen->query, &results, ok);
}

void rs_session_search_done(rs_session *s, unsigned generation, const char *query, rs_search_results *results,
                            bool ok)
{
    if (!s->screen || s->screen->kind != RS_SCREEN_SEARCH || generation != s->search_generation ||
        strcmp(query, s->screen->query) != 0) {
        if (ok)
            rs_search_results_clear(results);
        return;
    }
    char copy[RS_QUERY_MAX + 1];
    snprintf(copy, sizeof copy, "%s", query); /* query may be the screen's own */
    rs_screen_set_results(s->screen, s->bundle, copy, results, ok);
    rs_layout_forget(s->layout);
    rs_scroll_set_offset(s->scroll, 0);
    session_changed(s);
}

void rs_session_set_searcher(rs_session *s, rs_search_starter start, void *context)
{
    s->search_start = start;
    s->search_context = context;
}

/* The query changed: shown at once, searched after the debounce. */
static void set_query(rs_session *s, const char *query)
{
    if (!s->screen || s->screen->kind != RS_SCREEN_SEARCH)
        return;
    rs_nav_entry *top = rs_nav_top(&s->nav);
    rs_query_copy(top->route.slug, query);
    top->scroll = 0;
    rs_screen_set_query(s->screen, top->route.slug);
    rs_layout_forget(s->layout);
    rs_scroll_set_offset(s->scroll, 0);
    s->search_due = s->screen->search_state == RS_SEARCH_WAITING ? s->now + SEARCH_DEBOUNCE_MS : 0;
    s->search_typing = true;
    session_changed(s);
}

/* A key of the on-screen keyboard on the search screen. */
void session_edit_query(rs_session *s, const rs_action *action)
{
    if (!s->screen || s->screen->kind != RS_SCREEN_SEARCH)
        return;
    char query[RS_QUERY_MAX + 1];
    rs_query_copy(query, s->screen->query);
    if (action->kind == RS_ACT_KEY_CHAR)
        rs_query_append_char(query, (uint32_t)action->index);
    else if (action->kind == RS_ACT_KEY_BACKSPACE)
        rs_query_backspace(query);
    else
        query[0] = '\0';
    set_query(s, query);
}

void rs_session_text(rs_session *s, const char *utf8, uint64_t now_ms)
{
    s->now = now_ms;
    if (session_dismiss_overlay(s) || !rs_session_wants_text(s))
        return;
    char query[RS_QUERY_MAX + 1];
    rs_query_copy(query, s->screen->query);
    rs_query_append(query, utf8, strlen(utf8));
    set_query(s, query);
}

bool rs_session_wants_text(const rs_session *s)
{
    return session_mode(s) == RS_MODE_BROWSE && s->screen && s->screen->kind == RS_SCREEN_SEARCH;
}

/* ---- languages ---- */

/* Everything that follows the language: gettext's catalog, the bundle's
 * country names, the keyboard's alphabet. */
static void use_language(rs_session *s, rs_ui_language language)
{
    s->language = language;
    rs_screen_use_language(s->bundle, language);
    s->keyboard_layer = rs_keyboard_home_layer(language);
}

static void set_language(rs_session *s, rs_ui_language language)
{
    if (language >= RS_UI_LANGUAGE_COUNT)
        return;
    session_listen_stop(s); /* read with the old language's words for the date */
    use_language(s, language);
    /* Every label of the stack in the new language, the screen rebuilt
     * where it is. */
    for (size_t i = 0; i + 1 < s->nav.depth; i++)
        crumb_for(s, &s->nav.entries[i].route, s->crumbs[i], sizeof s->crumbs[i]);
    remember_scroll(s);
    rs_nav previous = s->nav;
    after_navigation(s, &previous);
}

void rs_session_set_language(rs_session *s, rs_ui_language language)
{
    s->default_language = language < RS_UI_LANGUAGE_COUNT ? language : RS_UI_EN;
    set_language(s, s->default_language);
}

rs_ui_language rs_session_language(const rs_session *s)
{
    return s->language;
}

/* ---- actions: what a target or a focused item does ---- */

/* A search result: the reader, the search's hits highlighted and the first
 * in view. */
static void open_result(rs_session *s, size_t index)
{
    if (index >= s->screen->result_count)
        return;
    rs_nav previous = s->nav;
    rs_route route = statement_route(s->screen->results[index].slug);
    char query[RS_QUERY_MAX + 1];
    snprintf(query, sizeof query, "%s", s->screen->query_used ? s->screen->query_used : s->screen->query);
    remember_scroll(s);
    rs_nav_push(&s->nav, &route, NULL);
    snprintf(rs_nav_top(&s->nav)->highlight, sizeof rs_nav_top(&s->nav)->highlight, "%s", query);
    s->scroll_to_hit = true;
    after_navigation(s, &previous);
}

/* A statement of an incident's thread: the reader, Previous/Next walking
 * the incident's statements. */
static void open_thread_statement(rs_session *s, int64_t index)
{
    const rs_thread_item *item = rs_thread_screen_item(s->screen->thread, index);
    if (!item || item->kind != RS_THREAD_STATEMENT)
        return;
    rs_route route = statement_route(item->slug);
    rs_list_place place;
    bool placed = rs_thread_statement_place(s->bundle, s->screen->spec.incident_id, item->id, &place);
    push_route(s, &route, placed ? &place : NULL);
}

/* An event just unfolded in its thread: its end scrolled into view if it
 * ran past the bottom, its start kept on screen. */
static void show_unfolded(rs_session *s, int64_t index)
{
    rs_rect card = rs_layout_thread_card(s->layout, index);
    float offset = rs_scroll_offset(s->scroll), height = (float)s->info.viewport.h;
    float bottom = (float)(card.y + card.h), top = (float)card.y - (float)s->theme.gap;
    if (bottom <= offset + height)
        return;
    float wanted = bottom - height;
    rs_scroll_set_offset(s->scroll, wanted < top ? wanted : top);
}

/* The actions that move through the stack. */
static void navigate(rs_session *s, const rs_action *action)
{
    rs_nav previous = s->nav;
    switch (action->kind) {
    case RS_ACT_BACK:
        session_go_back(s);
        break;
    case RS_ACT_HOME:
        session_go_home(s);
        break;
    case RS_ACT_CRUMB:
        remember_scroll(s);
        previous = s->nav;
        rs_nav_back_to(&s->nav, (size_t)action->index);
        after_navigation(s, &previous);
        break;
    case RS_ACT_ROUTE:
        if (action->route.kind == RS_ROUTE_SEARCH && s->screen->kind == RS_SCREEN_SEARCH) {
            /* A suggestion on the search screen: searched at once, in place,
             * as the whole words it is. */
            set_query(s, action->route.slug);
            s->search_typing = false;
            session_start_search(s);
        } else {
            push_route(s, &action->route, NULL);
        }
        break;
    case RS_ACT_RESULT:
        if (s->screen && action->index >= 0)
            open_result(s, (size_t)action->index);
        break;
    case RS_ACT_TRANSLATION:
        /* In place of the statement, walking the same list. */
        if (s->screen && action->index >= 0 && (size_t)action->index < s->screen->translation_count) {
            rs_route route = statement_route(s->screen->translations[action->index].slug);
            rs_list_place place = rs_nav_top(&s->nav)->place;
            replace_route(s, &route, &place);
        }
        break;
    case RS_ACT_ROW: {
        if (s->screen->kind == RS_SCREEN_THREAD) {
            open_thread_statement(s, action->index);
            break;
        }
        const rs_list_item *item = rs_screen_item(s->screen, action->index);
        if (!item)
            break;
        rs_route route = statement_route(item->slug);
        rs_list_place place = {.valid = true, .spec = s->screen->spec, .pos = action->index};
        push_route(s, &route, &place);
        break;
    }
    case RS_ACT_ROLE:
        rs_nav_top(&s->nav)->role_filter = (int)action->index;
        rs_nav_top(&s->nav)->scroll = 0;
        after_navigation(s, &previous);
        break;
    case RS_ACT_EXPAND: {
        /* In place: the same scroll, the focus kept on what was pressed. */
        rs_nav_entry *top = rs_nav_top(&s->nav);
        bool focused = rs_action_equal(&s->focused, action);
        remember_scroll(s);
        previous = s->nav;
        top->expanded = top->expanded == action->index + 1 ? 0 : action->index + 1;
        after_navigation(s, &previous);
        if (focused)
            s->focused = *action;
        if (top->expanded && s->screen && s->screen->kind == RS_SCREEN_THREAD)
            show_unfolded(s, action->index);
        break;
    }
    case RS_ACT_PREV:
    case RS_ACT_NEXT: {
        rs_list_place place;
        rs_route route;
        if (rs_screen_neighbour(s->screen, s->bundle, action->kind == RS_ACT_NEXT ? 1 : -1, &route, &place))
            replace_route(s, &route, &place);
        break;
    }
    default:
        RS_EXPECT(!"an action that navigates");
    }
}

/* A key of the on-screen keyboard: typing, or the keyboard itself. */
static void keyboard_key(rs_session *s, const rs_action *action)
{
    if (action->kind == RS_ACT_KEY_LAYER) {
        s->keyboard_layer = (rs_keyboard_layer)action->index;
    } else if (action->kind == RS_ACT_KEY_HIDE || action->kind == RS_ACT_KEY_SHOW) {
        s->keyboard_shown = action->kind == RS_ACT_KEY_SHOW;
        s->focused = (rs_action){0};
    } else {
        session_edit_query(s, action);
    }
}

void session_activate(rs_session *s, const rs_action *action)
{
    if (!s->screen && action->kind != RS_ACT_HOME && !session_staff_shown(s))
        return;
    switch (action->kind) {
    case RS_ACT_NONE:
        break;
    case RS_ACT_KEY_CHAR:
    case RS_ACT_KEY_BACKSPACE:
    case RS_ACT_KEY_CLEAR:
    case RS_ACT_KEY_LAYER:
    case RS_ACT_KEY_HIDE:
    case RS_ACT_KEY_SHOW:
        keyboard_key(s, action);
        break;
    case RS_ACT_LANGUAGE:
        set_language(s, (rs_ui_language)action->index);
        break;
    case RS_ACT_PIN_DIGIT:
    case RS_ACT_PIN_CLEAR:
    case RS_ACT_PIN_OK:
        pin_key(s, action);
        break;
    case RS_ACT_CLOSE:
        session_close_staff(s);
        break;
    case RS_ACT_TEXT_SMALLER:
    case RS_ACT_TEXT_LARGER:
        set_text_step(s, s->text_step + (action->kind == RS_ACT_TEXT_LARGER ? 1 : -1));
        break;
    case RS_ACT_COMMAND:
        s->command = (rs_command)action->index;
        break;
    case RS_ACT_BACK:
    case RS_ACT_HOME:
    case RS_ACT_CRUMB:
    case RS_ACT_ROUTE:
    case RS_ACT_RESULT:
    case RS_ACT_TRANSLATION:
    case RS_ACT_ROW:
    case RS_ACT_ROLE:
    case RS_ACT_EXPAND:
    case RS_ACT_PREV:
    case RS_ACT_NEXT:
        navigate(s, action);
        break;
    case RS_ACT_ZOOM:
        session_view_zoom_step(s, (int)action->index);
        break;
    case RS_ACT_LISTEN:
    case RS_ACT_LISTEN_PAUSE:
    case RS_ACT_LISTEN_STOP:
    case RS_ACT_LISTEN_SPEED:
        session_listen_activate(s, action);
        break;
    case RS_ACT_QR_LARGER: /* closed by the next input (session_dismiss_overlay) */
        s->qr_larger = rs_layout_qr_url(s->screen) != NULL;
        break;
    case RS_ACT_ZOOM_AT: /* a timeline's cluster of marks: spread it out where it is */
        if (rs_layout_has_view(s->screen)) {
            session_view_ensure(s);
            rs_layout_view_zoom(s->layout, &s->theme, s->width, s->height, s->screen, &rs_nav_top(&s->nav)->view,
                                3.0f, (float)(action->index / 65536), (float)(action->index % 65536));
        }
        break;
    }
    session_changed(s);
}

/* ---- set-up ---- */

rs_session *rs_session_create(rs_bundle *bundle, rs_text_measure measure, int width, int height)
{
    rs_session *s = rs_xcalloc(1, sizeof *s);
    s->bundle = bundle;
    s->layout = rs_layout_create(measure);
    s->scroll = rs_scroll_create();
    session_view_init(s);
    s->idle = rs_idle_create();
    s->pinpad = rs_pinpad_create();
    s->scale = 1.0f;
    s->slide_number = -1;
    s->keyboard_shown = true;
    rs_nav_reset(&s->nav);
    rs_session_resize(s, width, height);
    return s;
}

void rs_session_destroy(rs_session *s)
{
    if (!s)
        return;
    session_listen_free(s); /* stops the speaker first */
    rs_screen_destroy(s->screen);
    rs_slide_destroy(s->slide);
    rs_session_set_admin_info(s, NULL, 0);
    rs_idle_destroy(s->idle);
    rs_pinpad_destroy(s->pinpad);
    rs_layout_destroy(s->layout);
    rs_gesture_destroy(s->gesture);
    rs_scroll_destroy(s->scroll);
    session_view_free(s);
    session_spoken_free(s);
    rs_target_list_free(&s->targets);
    free(s);
}

/* Recomputes the theme from the size and the look. The text measure must
 * change with it before anything is laid out again (text laid out with the
 * old fonts and drawn with the new ones ran off the window after A+: found
 * by the monkey soak), so the listener is told at once. */
static void retheme(rs_session *s)
{
    rs_theme_options o = {.scale = s->scale, .text_scale = text_steps[s->text_step], .high_contrast = s->high_contrast};
    s->theme = rs_theme_make(s->width, s->height, &o);
    s->theme_generation++;
    if (s->theme_listener)
        s->theme_listener(s->theme_context, &s->theme);
    rs_layout_set_text_steps(s->layout, s->text_step > 0, s->text_step < 2);
    rs_layout_forget(s->layout);
    session_changed(s);
}

void rs_session_set_look(rs_session *s, float scale, bool high_contrast)
{
    s->scale = scale;
    s->high_contrast = high_contrast;
    retheme(s);
}

void rs_session_set_theme_listener(rs_session *s, rs_theme_listener listener, void *context)
{
    s->theme_listener = listener;
    s->theme_context = context;
    if (listener)
        listener(context, &s->theme);
}

unsigned rs_session_theme_generation(const rs_session *s)
{
    return s->theme_generation;
}

static void set_text_step(rs_session *s, int step)
{
    if (step < 0 || step > 2 || step == s->text_step)
        return;
    remember_scroll(s);
    s->text_step = step;
    retheme(s); /* the page reflows at the next frame, with the new fonts */
}

void rs_session_resize(rs_session *s, int width, int height)
{
    s->width = width;
    s->height = height;
    retheme(s);
    rs_gesture_destroy(s->gesture);
    /* Slop about 2 mm, edge zone 5% of the width (DESIGN.md "Touch"). */
    rs_gesture_config config = {.slop_px = (float)s->theme.target / 4.5f,
                                .long_press_ms = 500,
                                .edge_px = (float)width * 0.05f,
                                .edge_swipe_px = (float)width * 0.2f};
    s->gesture = rs_gesture_create(&config);
    rs_pinch_destroy(s->pinch);
    s->pinch = rs_pinch_create(config.slop_px);
    rs_layout_forget(s->layout);
    session_changed(s);
}

const rs_theme *rs_session_theme(const rs_session *s)
{
    return &s->theme;
}

int rs_session_open(rs_session *s, const char *text, char *error, size_t error_size)
{
    rs_route route;
    if (!rs_route_parse(text, &route, error, error_size))
        return 2;
    rs_nav_open(&s->nav, &route);
    if (route.kind == RS_ROUTE_STATEMENT)
        rs_screen_statement_stack(s->bundle, &route, &s->nav); /* else as rs_nav_open left it */
    for (size_t i = 0; i + 1 < s->nav.depth; i++)
        crumb_for(s, &s->nav.entries[i].route, s->crumbs[i], sizeof s->crumbs[i]);
    char reason[512];
    if (!load_screen(s, reason, sizeof reason)) {
        char route_text[160];
        rs_route_format(&route, route_text, sizeof route_text);
        snprintf(error, error_size, "%s\nCannot open %s in this bundle.", reason, route_text);
        show_error(s, _("Not in this bundle"), reason);
        return 1;
    }
    return 0;
}

/* ---- time: the idle tiers, the staff pad's clock, timers ---- */

/* Home as a visitor first sees it: nothing to reset. */
static bool at_fresh_home(const rs_session *s)
{
    return s->screen && s->nav.depth == 1 && rs_scroll_offset(s->scroll) == 0.0f && s->focused.kind == RS_ACT_NONE;
}

static rs_idle_place idle_place(const rs_session *s)
{
    if (session_staff_shown(s))
        return RS_IDLE_STAFF;
    if (!s->screen)
        return RS_IDLE_NOWHERE;
    return at_fresh_home(s) ? RS_IDLE_FRESH_HOME : RS_IDLE_ELSEWHERE;
}

/* When the idle tiers or the staff pad next need attention, or UINT64_MAX.
 * A finger on the visitor's screens holds every tier off; only the corner
 * hold counts. */
static uint64_t idle_deadline(const rs_session *s, uint64_t now)
{
    if (now < s->now)
        now = s->now;
    if (session_mode(s) == RS_MODE_BROWSE && session_fingers_down(s))
        return rs_pinpad_hold_deadline(s->pinpad);
    uint64_t deadline = rs_idle_deadline(s->idle, idle_place(s), now);
    uint64_t lock = rs_pinpad_deadline(s->pinpad, s->now);
    return lock < deadline ? lock : deadline;
}

int rs_session_timeout(const rs_session *s, uint64_t now_ms)
{
    if (rs_scroll_is_moving(s->scroll) || session_view_moving(s))
        return FRAME_MS;
    uint64_t deadline = rs_gesture_next_deadline(s->gesture);
    if (s->scrollbar_until > now_ms && s->scrollbar_until < deadline)
        deadline = s->scrollbar_until;
    uint64_t idle = idle_deadline(s, now_ms);
    if (idle < deadline)
        deadline = idle;
    if (s->search_due && s->search_due < deadline)
        deadline = s->search_due;
    if (session_listen_deadline(s) < deadline)
        deadline = session_listen_deadline(s);
    if (deadline == UINT64_MAX)
        return -1;
    if (deadline <= now_ms)
        return 0;
    return deadline - now_ms > 60000 ? 60000 : (int)(deadline - now_ms);
}

/* Back to the start: home, every scroll position and filter forgotten, the
 * text size as it was. */
static void reset_to_start(rs_session *s)
{
    session_listen_stop(s);
    /* The next visitor finds spoken navigation as the settings say, not as
     * the last one left it (Listen held 3 s). */
    session_spoken_set(s, s->spoken_default);
    if (s->text_step != 0) {
        s->text_step = 0;
        retheme(s);
    }
    rs_nav previous = s->nav;
    rs_nav_reset(&s->nav);
    rs_scroll_set_offset(s->scroll, 0);
    s->keyboard_shown = true;
    s->search_due = 0;
    use_language(s, s->default_language); /* home's label comes with its screen */
    after_navigation(s, &previous);
    s->focused = (rs_action){0};
}

/* The idle tiers and the staff pad's clock; a finger down holds the tiers
 * off and may be the corner hold that opens the pad. */
static void idle_tick(rs_session *s)
{
    if (session_fingers_down(s)) {
        rs_idle_input(s->idle, s->now); /* a finger resting on the glass is a visitor */
        s->input_at = s->now;
        if (s->now >= rs_pinpad_hold_deadline(s->pinpad))
            session_open_pin_pad(s);
        return;
    }
    rs_pinpad_release(s->pinpad);
    rs_idle_phase phase = rs_idle_phase_now(s->idle);
    switch (rs_idle_tick(s->idle, idle_place(s), s->now)) {
    case RS_IDLE_RESET:
        if (session_staff_shown(s))
            session_close_staff(s); /* staff walked away */
        reset_to_start(s);
        break;
    case RS_IDLE_REDRAW:
        session_changed(s);
        break;
    case RS_IDLE_NOTHING:
        if (rs_pinpad_tick(s->pinpad, s->now))
            session_changed(s); /* the lock is over */
        break;
    }
    if (rs_idle_phase_now(s->idle) != phase) {
        if (rs_idle_phase_now(s->idle) == RS_IDLE_ATTRACT)
            session_listen_silence(s); /* nothing is heard over the attract loop */
        mode_changed(s);
    }
}

/* Input while an overlay shows only dismisses it (the attract loop's
 * touch lands on home). Returns true when the input is used up that way. */
bool session_dismiss_overlay(rs_session *s)
{
    bool larger = s->qr_larger; /* the QR code shown large: any touch or key closes it */
    s->qr_larger = false;
    s->input_at = s->now;
    rs_idle_phase was = rs_idle_input(s->idle, s->now);
    if (was == RS_IDLE_AWAKE) {
        if (larger)
            session_changed(s);
        return larger;
    }
    if (was == RS_IDLE_ATTRACT)
        reset_to_start(s);
    mode_changed(s);
    return true;
}

void rs_session_set_idle(rs_session *s, uint32_t idle_ms, uint32_t countdown_ms, uint32_t attract_ms)
{
    rs_idle_configure(s->idle, idle_ms, countdown_ms, attract_ms);
}

bool rs_session_at_home(const rs_session *s)
{
    rs_session_mode mode = session_mode(s);
    return mode == RS_MODE_ATTRACT || (mode == RS_MODE_BROWSE && s->nav.depth == 1 && !session_fingers_down(s));
}

rs_session_mode rs_session_mode_now(const rs_session *s)
{
    return session_mode(s);
}

void rs_session_tick(rs_session *s, uint64_t now_ms)
{
    s->now = now_ms;
    idle_tick(s);
    session_listen_tick(s);
    rs_gesture_event events[RS_GESTURE_MAX_EVENTS];
    size_t n = rs_gesture_tick(s->gesture, now_ms, events, RS_GESTURE_MAX_EVENTS);
    session_handle_gestures(s, events, n);
    if (rs_scroll_update(s->scroll, now_ms))
        session_changed(s);
    session_view_update(s);
    if (s->search_due && now_ms >= s->search_due)
        session_start_search(s);
    if (s->scrollbar_until && now_ms >= s->scrollbar_until) {
        s->scrollbar_until = 0;
        session_changed(s);
    }
    session_spoken_after(s, -1); /* the countdown, the idle reset */
}

/* ---- looking in ---- */

const rs_nav *rs_session_nav(const rs_session *s)
{
    return &s->nav;
}

const rs_screen *rs_session_screen(const rs_session *s)
{
    return s->screen;
}

const rs_target_list *rs_session_targets(const rs_session *s)
{
    return &s->targets;
}

float rs_session_scroll_offset(const rs_session *s)
{
    return rs_scroll_offset(s->scroll);
}

rs_action rs_session_focus(const rs_session *s)
{
    return s->focused;
}
