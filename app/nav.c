#include "nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

_Static_assert(RS_QUERY_MAX < sizeof(((rs_route *)0)->slug), "a search route's slug holds a whole query");

/* Slugs as the builder allows them: a-z, 0-9 and inner single hyphens. */
static bool is_slug(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > 100 || text[0] == '-' || text[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && text[i + 1] != '-')))
            return false;
    }
    return true;
}

/* A party's code as the builder allows it: an ISO 3166-1 code or a
 * parties.yaml code, 2..RS_PARTY_CODE_MAX upper-case ASCII letters and
 * digits. */
static bool is_party_code(const char *text)
{
    size_t n = strlen(text);
    if (n < 2 || n > RS_PARTY_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= '0' && text[i] <= '9')))
            return false;
    return true;
}

static bool digits(const char *text, size_t n, int *value)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

bool rs_route_parse(const char *text, rs_route *route, char *error, size_t error_size)
{
    memset(route, 0, sizeof *route);
    const char *slash = strchr(text, '/');
    size_t head = slash ? (size_t)(slash - text) : strlen(text);
    const char *tail = slash ? slash + 1 : NULL;
    bool ok = false;
    if (head == 4 && strncmp(text, "home", 4) == 0 && !tail) {
        route->kind = RS_ROUTE_HOME, ok = true;
    } else if (head == 5 && strncmp(text, "dates", 5) == 0) {
        size_t n = tail ? strlen(tail) : 0;
        if (!tail)
            route->kind = RS_ROUTE_DATES, ok = true;
        else if (strcmp(tail, "undated") == 0)
            route->kind = RS_ROUTE_UNDATED, ok = true;
        else if (n == 4 && digits(tail, 4, &route->year) && route->year > 0)
            route->kind = RS_ROUTE_YEAR, ok = true;
        else if (n == 7 && tail[4] == '-' && digits(tail, 4, &route->year) && digits(tail + 5, 2, &route->month) &&
                 route->year > 0 && route->month <= 12)
            route->kind = RS_ROUTE_MONTH, ok = true;
    } else if (head == 9 && strncmp(text, "countries", 9) == 0) {
        if (!tail)
            route->kind = RS_ROUTE_COUNTRIES, ok = true;
        else if (is_party_code(tail)) {
            route->kind = RS_ROUTE_COUNTRY, ok = true;
            memcpy(route->code, tail, strlen(tail) + 1);
        }
    } else if (head == 9 && strncmp(text, "incidents", 9) == 0) {
        if (!tail)
            route->kind = RS_ROUTE_INCIDENTS, ok = true;
        else if (is_slug(tail)) {
            route->kind = RS_ROUTE_INCIDENT, ok = true;
            snprintf(route->slug, sizeof route->slug, "%s", tail);
        }
    } else if (head == 10 && strncmp(text, "statements", 10) == 0 && !tail) {
        route->kind = RS_ROUTE_ALL, ok = true;
    } else if (head == 6 && strncmp(text, "search", 6) == 0) {
        /* The query is everything after the first slash, as typed. */
        size_t n = tail ? strlen(tail) : 0;
        bool printable = true;
        for (size_t i = 0; i < n; i++)
            printable &= (unsigned char)tail[i] >= 0x20 && tail[i] != 0x7F;
        if (printable && (!tail || rs_utf8_valid(tail, n, NULL))) {
            route->kind = RS_ROUTE_SEARCH, ok = true;
            route->query_cut = n > RS_QUERY_MAX;
            if (route->query_cut) {
                n = RS_QUERY_MAX;
                while (n > 0 && ((unsigned char)tail[n] & 0xC0) == 0x80)
                    n--; /* tail[n] continues a character: cut before it starts */
            }
            if (tail)
                memcpy(route->slug, tail, n);
            route->slug[n] = '\0';
        }
    } else if (head == 8 && strncmp(text, "timeline", 8) == 0) {
        size_t n = tail ? strlen(tail) : 0;
        if (!tail)
            route->kind = RS_ROUTE_TIMELINE, ok = true;
        else if (n == 4 && digits(tail, 4, &route->year) && route->year > 0)
            route->kind = RS_ROUTE_TIMELINE, ok = true;
        else if (n == 7 && tail[4] == '-' && digits(tail, 4, &route->year) && digits(tail + 5, 2, &route->month) &&
                 route->year > 0 && route->month >= 1 && route->month <= 12)
            route->kind = RS_ROUTE_TIMELINE, ok = true;
    } else if (head == 3 && strncmp(text, "map", 3) == 0) {
        if (!tail)
            route->kind = RS_ROUTE_MAP, ok = true;
        else if (is_slug(tail)) {
            route->kind = RS_ROUTE_MAP, ok = true;
            snprintf(route->slug, sizeof route->slug, "%s", tail);
        }
    } else if (head == 10 && strncmp(text, "statements", 10) == 0 && tail && is_slug(tail)) {
        route->kind = RS_ROUTE_STATEMENT, ok = true;
        snprintf(route->slug, sizeof route->slug, "%s", tail);
    }
    if (!ok)
        snprintf(error, error_size,
                 "unknown route '%.100s' (routes: home, dates, dates/2021, dates/2021-07, dates/undated, countries, "
                 "countries/GB, incidents, incidents/SLUG, statements, statements/ID, search, search/WORDS, "
                 "timeline, timeline/2021, timeline/2021-07, map, map/SLUG)",
                 text);
    return ok;
}

void rs_route_format(const rs_route *route, char *out, size_t size)
{
    switch (route->kind) {
    case RS_ROUTE_HOME: snprintf(out, size, "home"); break;
    case RS_ROUTE_DATES: snprintf(out, size, "dates"); break;
    case RS_ROUTE_YEAR: snprintf(out, size, "dates/%04d", route->year); break;
    case RS_ROUTE_MONTH: snprintf(out, size, "dates/%04d-%02d", route->year, route->month); break;
    case RS_ROUTE_UNDATED: snprintf(out, size, "dates/undated"); break;
    case RS_ROUTE_COUNTRIES: snprintf(out, size, "countries"); break;
    case RS_ROUTE_COUNTRY: snprintf(out, size, "countries/%s", route->code); break;
    case RS_ROUTE_INCIDENTS: snprintf(out, size, "incidents"); break;
    case RS_ROUTE_INCIDENT: snprintf(out, size, "incidents/%s", route->slug); break;
    case RS_ROUTE_STATEMENT: snprintf(out, size, "statements/%s", route->slug); break;
    case RS_ROUTE_ALL: snprintf(out, size, "statements"); break;
    case RS_ROUTE_SEARCH: snprintf(out, size, "search%s%s", route->slug[0] ? "/" : "", route->slug); break;
    case RS_ROUTE_TIMELINE:
        if (route->year && route->month)
            snprintf(out, size, "timeline/%04d-%02d", route->year, route->month);
        else if (route->year)
            snprintf(out, size, "timeline/%04d", route->year);
        else
            snprintf(out, size, "timeline");
        break;
    case RS_ROUTE_MAP: snprintf(out, size, "map%s%s", route->slug[0] ? "/" : "", route->slug); break;
    }
}

bool rs_route_equal(const rs_route *a, const rs_route *b)
{
    return a->kind == b->kind && a->year == b->year && a->month == b->month && strcmp(a->code, b->code) == 0 &&
           strcmp(a->slug, b->slug) == 0;
}

void rs_nav_reset(rs_nav *nav)
{
    memset(nav, 0, sizeof *nav);
    nav->depth = 1;
    nav->entries[0].route.kind = RS_ROUTE_HOME;
    nav->entries[0].role_filter = -1;
}

rs_nav_entry *rs_nav_top(rs_nav *nav)
{
    return &nav->entries[nav->depth - 1];
}

static void fill_entry(rs_nav_entry *entry, const rs_route *route, const rs_list_place *place)
{
    memset(entry, 0, sizeof *entry);
    entry->route = *route;
    entry->role_filter = -1;
    if (place)
        entry->place = *place;
}

void rs_nav_push(rs_nav *nav, const rs_route *route, const rs_list_place *place)
{
    if (route->kind == RS_ROUTE_HOME) {
        rs_nav_reset(nav);
        return;
    }
    if (nav->depth == RS_NAV_DEPTH) { /* keep home, drop the oldest above it */
        memmove(&nav->entries[1], &nav->entries[2], (RS_NAV_DEPTH - 2) * sizeof nav->entries[0]);
        nav->depth--;
    }
    fill_entry(&nav->entries[nav->depth++], route, place);
}

void rs_nav_replace(rs_nav *nav, const rs_route *route, const rs_list_place *place)
{
    if (nav->depth == 1) {
        rs_nav_push(nav, route, place);
        return;
    }
    fill_entry(rs_nav_top(nav), route, place);
}

bool rs_nav_back(rs_nav *nav)
{
    if (nav->depth <= 1)
        return false;
    nav->depth--;
    return true;
}

void rs_nav_back_to(rs_nav *nav, size_t index)
{
    if (index < nav->depth)
        nav->depth = index + 1;
}

void rs_nav_open(rs_nav *nav, const rs_route *route)
{
    rs_nav_reset(nav);
    rs_route parent = {0};
    switch (route->kind) {
    case RS_ROUTE_HOME:
        return;
    case RS_ROUTE_YEAR:
    case RS_ROUTE_UNDATED:
    case RS_ROUTE_ALL:
    case RS_ROUTE_MONTH:
        parent.kind = RS_ROUTE_DATES;
        break;
    case RS_ROUTE_COUNTRY:
        parent.kind = RS_ROUTE_COUNTRIES;
        break;
    case RS_ROUTE_INCIDENT:
        parent.kind = RS_ROUTE_INCIDENTS;
        break;
    case RS_ROUTE_MAP: /* an incident's map sits under its incident */
        if (route->slug[0]) {
            parent.kind = RS_ROUTE_INCIDENTS;
            rs_nav_push(nav, &parent, NULL);
            parent.kind = RS_ROUTE_INCIDENT;
            snprintf(parent.slug, sizeof parent.slug, "%s", route->slug);
        }
        break;
    default: /* a list's own top, a statement, search: no parent */
        break;
    }
    if (parent.kind != RS_ROUTE_HOME)
        rs_nav_push(nav, &parent, NULL);
    if (route->kind == RS_ROUTE_MONTH) { /* a month sits under its year */
        parent.kind = RS_ROUTE_YEAR;
        parent.year = route->year;
        rs_nav_push(nav, &parent, NULL);
    }
    rs_nav_push(nav, route, NULL);
}
