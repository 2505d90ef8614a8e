/* What spoken navigation says: a target's words from the model and the
 * action, a screen's name from the model. */
#include "announce.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "session.h"
#include "timeline_screen.h"
#include "utterance.h"
#include "utf8.h"
#include "wrap.h"

/* The bytes of a sentence's final stop at the end of text (. ? ! … and
 * their full-width and Arabic forms), 0 when it has none. */
static size_t final_stop(const char *text)
{
    static const char *const stops[] = {".", "?", "!", "…", "。", "？", "！", "؟"};
    size_t n = strlen(text);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        size_t k = strlen(stops[i]);
        if (n >= k && memcmp(text + n - k, stops[i], k) == 0)
            return k;
    }
    return 0;
}

/* "a, b" as the UI language lists two parts of what is said; a's full
 * stop goes ("over many years, 20 December 2018", not "years., 20"). */
static char *pair(const char *a, const char *b)
{
    if (!b || !b[0])
        return rs_xstrdup(a ? a : "");
    if (!a || !a[0])
        return rs_xstrdup(b);
    size_t n = strlen(a), stop = final_stop(a);
    if (stop && (a[n - 1] == '.' || (unsigned char)a[n - stop] == 0xE3) && n > stop)
        n -= stop; /* "." and "。"; a question keeps its mark */
    char *head = rs_xasprintf("%.*s", (int)n, a);
    /* TRANSLATORS: spoken navigation: two parts of what is said about one
     * thing ("China, 5 statements"); the comma as your language lists. */
    char *out = rs_xasprintf(P_("spoken", "%1$s, %2$s"), head, b);
    free(head);
    return out;
}

/* Appends b to *a with pair()'s separator (*a is replaced). */
static void append(char **a, const char *b)
{
    char *joined = pair(*a, b);
    free(*a);
    *a = joined;
}

/* text with its role ("Home, button"); takes text. */
static char *with_role(char *text, const char *format)
{
    char *out = rs_xasprintf(format, text);
    free(text);
    return out;
}

static char *button(char *text)
{
    /* TRANSLATORS: spoken navigation: a button and its label ("Home, button"). */
    return with_role(text, _("%s, button"));
}

/* The lines pages draw with " · " between parts said as a list. */
static char *spoken_line(const char *line)
{
    char *out = rs_xstrdup("");
    const char *at = line ? line : "";
    for (;;) {
        const char *dot = strstr(at, " · ");
        char *part = rs_xasprintf("%.*s", dot ? (int)(dot - at) : (int)strlen(at), at);
        append(&out, part);
        free(part);
        if (!dot)
            return out;
        at = dot + strlen(" · ");
    }
}

/* The count a badge shows ("1,234" in any language's separators). */
static int64_t badge_count(const char *badge)
{
    int64_t n = 0;
    for (const char *p = badge; p && *p; p++)
        if (*p >= '0' && *p <= '9')
            n = n * 10 + (*p - '0');
    return n;
}

static char *statements(int64_t n)
{
    return rs_i18n_counted(ngettext("%s statement", "%s statements", rs_i18n_plural_n(n)), n);
}

/* A row of years, months, countries or incidents: its label, its count of
 * statements, the line under it. */
static char *facet_words(const rs_facet_row *row)
{
    char *out = rs_xstrdup(row->primary ? row->primary : "");
    if (row->badge) {
        char *count = statements(badge_count(row->badge));
        append(&out, count);
        free(count);
    }
    char *secondary = spoken_line(row->secondary);
    append(&out, secondary);
    free(secondary);
    return out;
}

static char *item_words(const char *title, const char *secondary)
{
    char *line = spoken_line(secondary);
    char *out = pair(title, line);
    free(line);
    return out;
}

/* The map's country or party of code: its name and count. */
static char *map_words(const rs_map_screen *map, const char *code)
{
    for (size_t i = 0; i < map->country_count; i++) {
        const rs_map_country *c = &map->countries[i];
        if (c->name && strcmp(c->shape->code, code) == 0) {
            char *count = statements(c->count);
            char *out = pair(c->name, count);
            free(count);
            return out;
        }
    }
    for (size_t i = 0; i < map->mark_count; i++)
        if (strcmp(map->marks[i].code, code) == 0 && map->marks[i].name)
            return rs_xstrdup(map->marks[i].name);
    for (size_t i = 0; i < map->badge_count; i++)
        if (strcmp(map->badges[i].code, code) == 0 && map->badges[i].name)
            return rs_xstrdup(map->badges[i].name);
    return NULL;
}

/* A timeline's mark or incident span for route, by its label. */
static char *timeline_words(const rs_timeline_screen *timeline, const rs_route *route)
{
    int32_t from, to;
    const rs_timeline_marks *marks = rs_timeline_screen_marks(timeline, &from, &to);
    for (size_t i = 0; marks && i < marks->count; i++) {
        const rs_timeline_mark *m = &marks->items[i];
        const char *slug = route->kind == RS_ROUTE_STATEMENT ? m->slug : m->incident_slug;
        if (slug && strcmp(slug, route->slug) == 0 && (route->kind == RS_ROUTE_INCIDENT) == !m->slug)
            return rs_xstrdup(rs_timeline_mark_text(m));
    }
    const rs_timeline_spans *spans = rs_timeline_screen_spans(timeline);
    for (size_t i = 0; spans && route->kind == RS_ROUTE_INCIDENT && i < spans->count; i++)
        if (spans->items[i].slug && strcmp(spans->items[i].slug, route->slug) == 0 && spans->items[i].name)
            return rs_xstrdup(spans->items[i].name);
    if (route->kind == RS_ROUTE_UNDATED && rs_timeline_screen_undated_label(timeline))
        return rs_xstrdup(rs_timeline_screen_undated_label(timeline));
    return NULL;
}

/* A route by its kind alone, when the model has no label for it. */
static char *route_words(const rs_route *route)
{
    char text[96];
    switch (route->kind) {
    case RS_ROUTE_HOME: return rs_xstrdup(_("Home"));
    case RS_ROUTE_DATES: return rs_xstrdup(_("Dates"));
    case RS_ROUTE_YEAR: rs_i18n_number(route->year, text, sizeof text); return rs_xstrdup(text);
    case RS_ROUTE_MONTH: {
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d", route->year % 10000, route->month % 100);
        rs_i18n_date(date, false, text, sizeof text);
        return rs_xstrdup(text);
    }
    case RS_ROUTE_UNDATED: return rs_xstrdup(_("Undated"));
    case RS_ROUTE_COUNTRIES: return rs_xstrdup(_("Countries"));
    case RS_ROUTE_COUNTRY: return rs_xstrdup(route->code);
    case RS_ROUTE_INCIDENTS: return rs_xstrdup(_("Incidents"));
    case RS_ROUTE_INCIDENT: return rs_xstrdup(_("Event"));
    case RS_ROUTE_STATEMENT: return rs_xstrdup(_("Statement"));
    case RS_ROUTE_ALL: return rs_xstrdup(_("All statements"));
    case RS_ROUTE_SEARCH: return rs_xstrdup(route->slug[0] ? route->slug : _("Search"));
    case RS_ROUTE_TIMELINE: return rs_xstrdup(_("Timeline"));
    case RS_ROUTE_MAP: return rs_xstrdup(_("World map"));
    }
    return rs_xstrdup(_("Statement"));
}

/* Home's tiles and its Search panel. */
static char *home_words(const rs_screen *s, const rs_route *route)
{
    if (route->kind == RS_ROUTE_SEARCH)
        return button(rs_xstrdup(_("Search")));
    for (size_t i = 0; i < RS_HOME_TILES; i++)
        if (rs_route_equal(&s->tiles[i].route, route))
            return button(pair(s->tiles[i].label, s->tiles[i].count));
    return NULL;
}

/* A route target: the model's row, tile, chip or mark that opens it. */
static char *route_target(const rs_screen *s, const rs_action *a)
{
    const rs_route *route = &a->route;
    char *found = NULL;
    if (s->kind == RS_SCREEN_HOME && (found = home_words(s, route)))
        return found;
    for (size_t i = 0; i < s->row_count; i++)
        if (rs_route_equal(&s->rows[i].route, route))
            return facet_words(&s->rows[i]);
    for (size_t i = 0; i < s->chip_count; i++)
        if (s->chips[i].is_link && rs_route_equal(&s->chips[i].route, route))
            /* TRANSLATORS: spoken navigation: a link to another page ("China, link"). */
            return with_role(rs_xstrdup(s->chips[i].label), _("%s, link"));
    if (route->kind == RS_ROUTE_STATEMENT)
        for (size_t i = 0; i < s->also_count; i++)
            if (strcmp(s->also[i].slug, route->slug) == 0)
                return item_words(s->also[i].title, s->also[i].secondary);
    if (s->party && a->index >= 1 && (size_t)a->index <= s->party->event_count) {
        const rs_party_event *e = &s->party->events[a->index - 1];
        return item_words(e->primary[0] ? e->primary : e->secondary, e->primary[0] ? e->secondary : NULL);
    }
    if (s->map && route->kind == RS_ROUTE_COUNTRY && (found = map_words(s->map, route->code)))
        return found;
    if (s->timeline && (found = timeline_words(s->timeline, route)))
        return found;
    return route_words(route);
}

/* A role filter chip: its label, "filter", and whether it is the one on. */
static char *role_words(const rs_screen *s, int64_t role)
{
    for (size_t i = 0; i < s->chip_count; i++) {
        const rs_chip *chip = &s->chips[i];
        if (!chip->is_link && chip->role == role)
            return with_role(rs_xstrdup(chip->label),
                             /* TRANSLATORS: spoken navigation: a role filter of a list, on or off. */
                             chip->active ? _("%s, filter, selected") : _("%s, filter"));
    }
    return with_role(rs_xstrdup(P_("role filter", "All")), _("%s, filter"));
}

/* A list row, a search result or a thread's entry. */
static char *row_words(const rs_screen *s, const rs_action *a)
{
    if (s->kind == RS_SCREEN_THREAD && s->thread) {
        const rs_thread_item *item = rs_thread_screen_item(s->thread, a->index);
        if (item) {
            char *out = pair(item->title ? item->title : item->what, item->when);
            append(&out, item->side_label);
            if (a->kind == RS_ACT_EXPAND)
                append(&out, item->line);
            return out;
        }
    } else {
        const rs_list_item *item = rs_screen_item(s, a->index);
        if (item)
            return item_words(item->title, item->secondary);
    }
    char number[32];
    rs_i18n_number(a->index + 1, number, sizeof number);
    return rs_xstrdup(number);
}

/* A key of the on-screen keyboard: its character, by name where it has
 * no sound of its own. */
static char *key_words(int64_t cp)
{
    if (cp == ' ')
        return with_role(rs_xstrdup(P_("keyboard", "space")), _("%s, key"));
    char text[8] = {0};
    rs_utf8_encode((uint32_t)cp, text);
    /* TRANSLATORS: spoken navigation: a key of the on-screen keyboard ("a, key"). */
    return with_role(rs_xstrdup(text), _("%s, key"));
}

/* The key that shows another layer of the keyboard, by its letters. */
static char *layer_words(int64_t layer)
{
    switch (layer) {
    case RS_KEYBOARD_CYRILLIC: return button(rs_xstrdup(_("Cyrillic letters")));
    case RS_KEYBOARD_DIGITS: return button(rs_xstrdup(_("Digits")));
    case RS_KEYBOARD_ARABIC: return button(rs_xstrdup(_("Arabic letters")));
    default: return button(rs_xstrdup(_("Latin letters")));
    }
}

/* The reader's details that open in place. */
static char *expand_words(const rs_screen *s, const rs_action *a)
{
    if (s->kind == RS_SCREEN_THREAD)
        return row_words(s, a);
    if (a->index == RS_READER_NOTES)
        return button(rs_xstrdup(s->date_line ? s->date_line : _("Date unknown")));
    return button(rs_xstrdup(s->chips_open ? _("Show less") : _("Show more")));
}

/* The actions that live on the visitor's screens. */
static char *browse_target(const rs_announce_context *c, const rs_action *a)
{
    const rs_screen *s = c->screen;
    switch (a->kind) {
    case RS_ACT_ROUTE: return route_target(s, a);
    case RS_ACT_ROW: return row_words(s, a);
    case RS_ACT_ROLE: return role_words(s, a->index);
    case RS_ACT_RESULT:
        if (a->index >= 0 && (size_t)a->index < s->result_count)
            return item_words(s->results[a->index].title, s->results[a->index].secondary);
        return NULL;
    case RS_ACT_TRANSLATION:
        if (a->index >= 0 && (size_t)a->index < s->translation_count)
            /* TRANSLATORS: spoken navigation: the reader's button for one of its translations. */
            return button(rs_xasprintf(_("Translation: %s"), s->translation_labels[a->index]));
        return NULL;
    case RS_ACT_EXPAND: return expand_words(s, a);
    default: return NULL;
    }
}

/* The actions any screen may have. */
static char *common_target(const rs_announce_context *c, const rs_action *a)
{
    char number[32];
    switch (a->kind) {
    case RS_ACT_BACK: return button(rs_xstrdup(_("Back")));
    case RS_ACT_HOME: return button(rs_xstrdup(_("Home")));
    case RS_ACT_CRUMB:
        if (a->index >= 0 && (size_t)a->index < c->crumb_count)
            return with_role(rs_xstrdup(c->crumbs[a->index]), _("%s, link"));
        return NULL;
    case RS_ACT_PREV: return button(rs_xstrdup(_("Previous statement")));
    case RS_ACT_NEXT: return button(rs_xstrdup(_("Next statement")));
    case RS_ACT_PIN_DIGIT: rs_i18n_number(a->index, number, sizeof number); return rs_xstrdup(number);
    case RS_ACT_PIN_CLEAR: return button(rs_xstrdup(P_("PIN pad", "Clear")));
    case RS_ACT_PIN_OK: return button(rs_xstrdup(P_("PIN pad", "OK")));
    case RS_ACT_CLOSE: return button(rs_xstrdup(c->place == RS_ANNOUNCE_PIN ? _("Cancel") : _("Close")));
    case RS_ACT_TEXT_SMALLER: return button(rs_xstrdup(_("Smaller text")));
    case RS_ACT_TEXT_LARGER: return button(rs_xstrdup(_("Larger text")));
    case RS_ACT_COMMAND:
        return button(rs_xstrdup(a->index == RS_COMMAND_RELOAD   ? _("Reload bundle")
                                 : a->index == RS_COMMAND_ROTATE ? _("Rotate screen")
                                                                 : _("Exit kiosk")));
    case RS_ACT_KEY_CHAR: return key_words(a->index);
    case RS_ACT_KEY_BACKSPACE:
        /* TRANSLATORS: spoken navigation: the on-screen keyboard's key that deletes the last character. */
        return with_role(rs_xstrdup(_("delete")), _("%s, key"));
    case RS_ACT_KEY_CLEAR: return with_role(rs_xstrdup(P_("keyboard", "Clear")), _("%s, key"));
    case RS_ACT_KEY_LAYER: return layer_words(a->index);
    case RS_ACT_KEY_HIDE: return button(rs_xstrdup(_("Hide keyboard")));
    case RS_ACT_KEY_SHOW: return button(rs_xstrdup(_("Keyboard")));
    case RS_ACT_LANGUAGE:
        if (a->index >= 0 && a->index < RS_UI_LANGUAGE_COUNT)
            return button(rs_xstrdup(rs_i18n_endonym((rs_ui_language)a->index)));
        return NULL;
    case RS_ACT_ZOOM: return button(rs_xstrdup(a->index > 0 ? _("Zoom in") : _("Zoom out")));
    case RS_ACT_ZOOM_AT: return button(rs_xstrdup(_("Zoom in here")));
    /* Listen's controls, by the words they show (layout_listen.c's). */
    case RS_ACT_LISTEN: return button(rs_xstrdup(P_("listen", "Listen")));
    case RS_ACT_LISTEN_PAUSE:
        return button(rs_xstrdup(c->listen_paused ? P_("listen", "Resume") : P_("listen", "Pause")));
    case RS_ACT_LISTEN_STOP: return button(rs_xstrdup(P_("listen", "Stop")));
    case RS_ACT_LISTEN_SPEED:
        return button(rs_xstrdup(a->index == RS_SPEED_SLOWER   ? P_("listen", "Slower")
                                 : a->index == RS_SPEED_FASTER ? P_("listen", "Faster")
                                                               : P_("listen", "Normal")));
    case RS_ACT_QR_LARGER: return button(rs_xstrdup(_("Show code larger")));
    default: return NULL;
    }
}

char *rs_announce_target(const rs_announce_context *c, const rs_action *action)
{
    char *words = common_target(c, action);
    if (!words && c->screen && c->place == RS_ANNOUNCE_BROWSE)
        words = browse_target(c, action);
    if (words && words[0])
        return words;
    free(words);
    /* TRANSLATORS: spoken navigation: a control with no words of its own. */
    return rs_xstrdup(_("Button"));
}

char *rs_announce_join(const char *first, const char *then)
{
    if (!then || !then[0])
        return rs_xstrdup(first ? first : "");
    if (!first || !first[0])
        return rs_xstrdup(then);
    if (final_stop(first)) /* "Still reading? Touch the screen to continue." */
        return rs_xasprintf("%s %s", first, then);
    /* TRANSLATORS: spoken navigation: a screen's name, then what has focus
     * ("Countries. China, 5 statements"); the full stop as your language ends a sentence. */
    return rs_xasprintf(P_("spoken", "%1$s. %2$s"), first, then);
}

/* A browsing screen's name. */
static char *browse_name(const rs_screen *s)
{
    switch (s->kind) {
    case RS_SCREEN_HOME:
        return rs_xstrdup(s->bundle_title && s->bundle_title[0] ? s->bundle_title : _("Home"));
    case RS_SCREEN_READER:
        return rs_xstrdup(s->statement.title && s->statement.title[0] ? s->statement.title : s->crumb);
    case RS_SCREEN_SEARCH:
        return rs_announce_join(_("Search"), s->status_line);
    default: {
        char *under = spoken_line(s->subheading);
        char *out = rs_announce_join(s->heading && s->heading[0] ? s->heading : s->crumb, under);
        free(under);
        return out;
    }
    }
}

char *rs_announce_screen(const rs_announce_context *c)
{
    char *out = NULL;
    switch (c->place) {
    case RS_ANNOUNCE_COUNTDOWN: out = rs_announce_join(_("Still reading?"), _("Touch the screen to continue.")); break;
    case RS_ANNOUNCE_PIN: out = rs_xstrdup(_("Staff only: enter the PIN")); break;
    case RS_ANNOUNCE_ADMIN: out = rs_xstrdup(_("Rostrum administration")); break;
    case RS_ANNOUNCE_BROWSE:
        if (c->screen)
            out = browse_name(c->screen);
        else
            out = rs_xstrdup(c->error_heading && c->error_heading[0] ? c->error_heading : _("Home"));
        break;
    }
    if (out && out[0])
        return out;
    free(out);
    return rs_xstrdup(_("Home"));
}

size_t rs_announce_paragraphs(const char *body, rs_range *out, size_t max)
{
    size_t count = 0, length = body ? strlen(body) : 0, at = 0, from, to;
    for (; rs_paragraph_next(body, length, &at, &from, &to); count++)
        if (count < max)
            out[count] = (rs_range){from, to};
    return count;
}
