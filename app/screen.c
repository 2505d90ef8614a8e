#include "screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "date.h"

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    char *text = malloc((size_t)n + 1);
    if (!text)
        abort();
    va_start(args, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, args);
    va_end(args);
    return text;
}

static char *copy(const char *text)
{
    return format("%s", text ? text : "");
}

void rs_format_date(const char *date, bool inferred, char *out, size_t size)
{
    int year = 0, month = 0, day = 0;
    size_t n = date ? strlen(date) : 0;
    if (n >= 4)
        year = atoi(date);
    if (n >= 7)
        month = atoi(date + 5);
    if (n >= 10)
        day = atoi(date + 8);
    const char *suffix = inferred ? " (inferred)" : "";
    if (year <= 0)
        snprintf(out, size, "Date unknown");
    else if (month >= 1 && month <= 12 && day >= 1)
        snprintf(out, size, "%d %s %d%s", day, rs_date_month_name(month), year, suffix);
    else if (month >= 1 && month <= 12)
        snprintf(out, size, "%s %d%s", rs_date_month_name(month), year, suffix);
    else
        snprintf(out, size, "%d%s", year, suffix);
}

static const char *role_label(int role)
{
    static const char *const labels[RS_ROLE_COUNT] = {"Speaker", "Accuser", "Accused", "Victim", "Mentioned"};
    return role >= 0 && role < RS_ROLE_COUNT ? labels[role] : "All";
}

static char *plural(int64_t n, const char *one, const char *many)
{
    return format("%lld %s", (long long)n, n == 1 ? one : many);
}

static bool build_home(rs_screen *s, rs_bundle *b)
{
    s->crumb = copy("Home");
    s->bundle_title = copy(rs_bundle_meta(b, "title"));
    s->bundle_description = rs_bundle_meta(b, "description") ? copy(rs_bundle_meta(b, "description")) : NULL;
    const char *statements = rs_bundle_meta(b, "statement_count");
    const char *first = rs_bundle_meta(b, "date_first"), *last = rs_bundle_meta(b, "date_last");
    long long count = statements ? atoll(statements) : 0;

    rs_tile *t = &s->tiles[0];
    snprintf(t->label, sizeof t->label, "Dates");
    snprintf(t->count, sizeof t->count, "%lld statement%s", count, count == 1 ? "" : "s");
    /* Years as numbers: a hostile bundle's text is never cut mid-character. */
    int first_year = first ? atoi(first) : 0, last_year = last ? atoi(last) : 0;
    if (first_year > 0 && last_year > first_year)
        snprintf(t->hint, sizeof t->hint, "%d–%d", first_year, last_year);
    else if (first_year > 0)
        snprintf(t->hint, sizeof t->hint, "%d", first_year);
    else
        snprintf(t->hint, sizeof t->hint, "Undated");
    t->route.kind = RS_ROUTE_DATES;

    rs_facet_list countries, incidents;
    if (!rs_bundle_countries(b, &countries))
        return false;
    t = &s->tiles[1];
    snprintf(t->label, sizeof t->label, "Countries");
    snprintf(t->count, sizeof t->count, "%zu countr%s", countries.count, countries.count == 1 ? "y" : "ies");
    /* Hint: the three countries with most statements (ties by name). */
    size_t picks[3], shown = 0;
    for (; shown < 3 && shown < countries.count; shown++) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < countries.count; i++) {
            bool taken = false;
            for (size_t j = 0; j < shown; j++)
                taken |= picks[j] == i;
            if (!taken && (best == SIZE_MAX || countries.items[i].count > countries.items[best].count))
                best = i;
        }
        picks[shown] = best;
    }
    t->hint[0] = '\0';
    for (size_t k = 0; k < shown; k++) {
        size_t len = strlen(t->hint);
        snprintf(t->hint + len, sizeof t->hint - len, "%s%s", k ? ", " : "", countries.items[picks[k]].label);
    }
    t->route.kind = RS_ROUTE_COUNTRIES;
    rs_facet_list_clear(&countries);

    if (!rs_bundle_incidents(b, &incidents))
        return false;
    t = &s->tiles[2];
    snprintf(t->label, sizeof t->label, "Incidents");
    snprintf(t->count, sizeof t->count, "%zu incident%s", incidents.count, incidents.count == 1 ? "" : "s");
    if (incidents.count)
        snprintf(t->hint, sizeof t->hint, "Latest: %s", incidents.items[incidents.count - 1].label);
    t->route.kind = RS_ROUTE_INCIDENTS;
    rs_facet_list_clear(&incidents);
    return true;
}

static void add_row(rs_screen *s, char *primary, char *secondary, char *badge, rs_route route)
{
    s->rows = realloc(s->rows, (s->row_count + 1) * sizeof *s->rows);
    if (!s->rows)
        abort();
    s->rows[s->row_count++] = (rs_facet_row){primary, secondary, badge, route};
}

static bool build_facets(rs_screen *s, rs_bundle *b, const rs_route *route)
{
    rs_facet_list list;
    s->kind = RS_SCREEN_FACETS;
    switch (route->kind) {
    case RS_ROUTE_DATES: {
        s->crumb = copy("Dates");
        s->heading = copy("Dates");
        if (!rs_bundle_years(b, &list))
            return false;
        const char *total = rs_bundle_meta(b, "statement_count");
        rs_route all = {.kind = RS_ROUTE_ALL};
        add_row(s, copy("All statements"), copy("In date order"), copy(total ? total : "0"), all);
        for (size_t i = 0; i < list.count; i++) {
            rs_route r = {.kind = RS_ROUTE_YEAR, .year = atoi(list.items[i].key)};
            add_row(s, copy(list.items[i].label), NULL, format("%lld", (long long)list.items[i].count), r);
        }
        rs_facet_list_clear(&list);
        const char *undated = rs_bundle_meta(b, "undated_count");
        if (undated && atoll(undated) > 0) {
            rs_route r = {.kind = RS_ROUTE_UNDATED};
            add_row(s, copy("Undated"), copy("No date known"), copy(undated), r);
        }
        s->subheading = plural(atoll(rs_bundle_meta(b, "statement_count") ? rs_bundle_meta(b, "statement_count") : "0"),
                               "statement", "statements");
        return true;
    }
    case RS_ROUTE_YEAR: {
        s->crumb = format("%d", route->year);
        s->heading = format("%d", route->year);
        if (!rs_bundle_months(b, route->year, &list))
            return false;
        if (list.count == 0)
            return false;
        int64_t total = 0;
        for (size_t i = 0; i < list.count; i++) {
            int month = atoi(list.items[i].key + 5);
            rs_route r = {.kind = RS_ROUTE_MONTH, .year = route->year, .month = month};
            char *primary = month ? format("%s %d", rs_date_month_name(month), route->year)
                                  : format("%d, month unknown", route->year);
            add_row(s, primary, NULL, format("%lld", (long long)list.items[i].count), r);
            total += list.items[i].count;
        }
        s->subheading = plural(total, "statement", "statements");
        rs_facet_list_clear(&list);
        return true;
    }
    case RS_ROUTE_COUNTRIES:
        s->crumb = copy("Countries");
        s->heading = copy("Countries");
        if (!rs_bundle_countries(b, &list))
            return false;
        for (size_t i = 0; i < list.count; i++) {
            rs_route r = {.kind = RS_ROUTE_COUNTRY};
            snprintf(r.code, sizeof r.code, "%.2s", list.items[i].key);
            add_row(s, copy(list.items[i].label), NULL, format("%lld", (long long)list.items[i].count), r);
        }
        s->subheading = plural((int64_t)list.count, "country", "countries");
        rs_facet_list_clear(&list);
        return true;
    case RS_ROUTE_INCIDENTS:
        s->crumb = copy("Incidents");
        s->heading = copy("Incidents");
        if (!rs_bundle_incidents(b, &list))
            return false;
        for (size_t i = 0; i < list.count; i++) {
            rs_route r = {.kind = RS_ROUTE_INCIDENT};
            snprintf(r.slug, sizeof r.slug, "%s", list.items[i].key);
            char date[64];
            rs_format_date(list.items[i].date, false, date, sizeof date);
            add_row(s, copy(list.items[i].label), copy(date), format("%lld", (long long)list.items[i].count), r);
        }
        s->subheading = plural((int64_t)list.count, "incident", "incidents");
        rs_facet_list_clear(&list);
        return true;
    default:
        return false;
    }
}

static void add_chip(rs_screen *s, char *label, int role, bool active)
{
    s->chips = realloc(s->chips, (s->chip_count + 1) * sizeof *s->chips);
    if (!s->chips)
        abort();
    s->chips[s->chip_count++] = (rs_chip){.label = label, .role = role, .active = active};
}

static void add_link_chip(rs_chip **chips, size_t *count, char *label, rs_route route)
{
    *chips = realloc(*chips, (*count + 1) * sizeof **chips);
    if (!*chips)
        abort();
    (*chips)[(*count)++] = (rs_chip){.label = label, .role = -1, .is_link = true, .route = route};
}

static bool build_list(rs_screen *s, rs_bundle *b, const rs_nav_entry *entry, char *error, size_t error_size)
{
    const rs_route *route = &entry->route;
    s->kind = RS_SCREEN_LIST;
    memset(&s->spec, 0, sizeof s->spec);
    s->spec.role = -1;
    switch (route->kind) {
    case RS_ROUTE_MONTH:
        s->spec.kind = RS_LIST_MONTH;
        s->spec.year = route->year;
        s->spec.month = route->month;
        s->crumb = route->month ? format("%s %d", rs_date_month_name(route->month), route->year)
                                : format("%d, month unknown", route->year);
        s->heading = copy(s->crumb);
        break;
    case RS_ROUTE_ALL:
        s->spec.kind = RS_LIST_ALL;
        s->crumb = copy("All statements");
        s->heading = copy("All statements");
        break;
    case RS_ROUTE_UNDATED:
        s->spec.kind = RS_LIST_UNDATED;
        s->crumb = copy("Undated");
        s->heading = copy("Undated statements");
        break;
    case RS_ROUTE_COUNTRY: {
        rs_country_detail country;
        if (!rs_bundle_country(b, route->code, &country)) {
            snprintf(error, error_size, "This bundle has no statements for the country code %s.", route->code);
            return false;
        }
        s->spec.kind = RS_LIST_COUNTRY;
        memcpy(s->spec.country, route->code, 3);
        s->spec.role = entry->role_filter;
        s->crumb = copy(country.name);
        s->heading = copy(country.name);
        add_chip(s, format("All %lld", (long long)country.count), -1, entry->role_filter < 0);
        for (int r = 0; r < RS_ROLE_COUNT; r++)
            if (country.role_counts[r] > 0)
                add_chip(s, format("%s %lld", role_label(r), (long long)country.role_counts[r]), r,
                         entry->role_filter == r);
        rs_country_detail_clear(&country);
        break;
    }
    case RS_ROUTE_INCIDENT: {
        rs_incident_detail incident;
        if (!rs_bundle_incident(b, route->slug, &incident)) {
            snprintf(error, error_size, "This bundle has no incident '%s'.", route->slug);
            return false;
        }
        s->spec.kind = RS_LIST_INCIDENT;
        s->spec.incident_id = incident.id;
        s->crumb = copy(incident.name);
        s->heading = copy(incident.name);
        char date[64];
        rs_format_date(incident.date, incident.date_note != NULL, date, sizeof date);
        s->subheading = format("%s · %lld statement%s", date, (long long)incident.count, incident.count == 1 ? "" : "s");
        s->summary = copy(incident.summary);
        rs_incident_detail_clear(&incident);
        break;
    }
    default:
        return false;
    }
    if (!rs_bundle_list_count(b, &s->spec, &s->count))
        return false;
    if (!s->subheading)
        s->subheading = plural(s->count, "statement", "statements");
    if (route->kind == RS_ROUTE_MONTH && s->count == 0) {
        snprintf(error, error_size, "This bundle has no statements dated %s.", s->heading);
        return false;
    }
    return true;
}

static void clear_item(rs_list_item *item)
{
    free(item->title);
    free(item->secondary);
    memset(item, 0, sizeof *item);
}

static void fill_item(rs_list_item *item, const rs_statement_row *row, bool with_roles)
{
    char date[64];
    rs_format_date(row->date, row->date_inferred, date, sizeof date);
    item->id = row->id;
    snprintf(item->slug, sizeof item->slug, "%s", row->slug ? row->slug : "");
    item->title = copy(row->title);
    if (with_roles && row->roles)
        item->secondary = format("%s · %s · %s", date, row->outlet ? row->outlet : "Outlet unknown", row->roles);
    else
        item->secondary = format("%s · %s", date, row->outlet ? row->outlet : "Outlet unknown");
}

static bool build_reader(rs_screen *s, rs_bundle *b, const rs_nav_entry *entry, char *error, size_t error_size)
{
    s->kind = RS_SCREEN_READER;
    int64_t id = rs_bundle_statement_id(b, entry->route.slug);
    if (id <= 0) {
        snprintf(error, error_size, "This bundle has no statement '%s'.", entry->route.slug);
        return false;
    }
    if (!rs_bundle_statement(b, id, &s->statement)) {
        snprintf(error, error_size, "The statement '%s' cannot be read; the bundle may be damaged. Check it with "
                                    "rostrum-bundle check.", entry->route.slug);
        return false;
    }
    rs_statement *st = &s->statement;
    s->crumb = copy(st->title);
    char date[64];
    rs_format_date(st->date, st->date_note != NULL, date, sizeof date);
    s->date_line = copy(date);
    const char *outlet = st->outlet ? st->outlet : "Outlet unknown";
    s->meta_line = format("%s · %s", date, outlet);
    if (st->speaker && st->speaker_role)
        s->speaker_line = format("%s, %s", st->speaker, st->speaker_role);
    else if (st->speaker)
        s->speaker_line = copy(st->speaker);

    for (size_t i = 0; i < st->country_count; i++) {
        rs_route r = {.kind = RS_ROUTE_COUNTRY};
        memcpy(r.code, st->countries[i].code, 3);
        add_link_chip(&s->chips, &s->chip_count, format("%s · %s", st->countries[i].name, st->countries[i].roles), r);
    }
    for (size_t i = 0; i < st->incident_count; i++) {
        rs_route r = {.kind = RS_ROUTE_INCIDENT};
        snprintf(r.slug, sizeof r.slug, "%s", st->incidents[i].slug);
        add_link_chip(&s->chips, &s->chip_count, copy(st->incidents[i].name), r);
    }
    s->also_count = st->same_as.count;
    s->also = calloc(s->also_count ? s->also_count : 1, sizeof *s->also);
    for (size_t i = 0; i < s->also_count; i++) {
        fill_item(&s->also[i], &st->same_as.items[i], false);
    }

    /* Previous/next walk the list it was opened from, else all statements. */
    s->place = entry->place;
    if (!s->place.valid) {
        s->place.valid = true;
        memset(&s->place.spec, 0, sizeof s->place.spec);
        s->place.spec.kind = RS_LIST_ALL;
        s->place.spec.role = -1;
        s->place.pos = id - 1;
    }
    if (!rs_bundle_list_count(b, &s->place.spec, &s->place_count))
        s->place_count = 0;
    return true;
}

rs_screen *rs_screen_build(rs_bundle *b, const rs_nav_entry *entry, char *error, size_t error_size)
{
    rs_screen *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    error[0] = '\0';
    bool ok;
    switch (entry->route.kind) {
    case RS_ROUTE_HOME:
        ok = build_home(s, b);
        break;
    case RS_ROUTE_DATES:
    case RS_ROUTE_YEAR:
    case RS_ROUTE_COUNTRIES:
    case RS_ROUTE_INCIDENTS:
        ok = build_facets(s, b, &entry->route);
        if (!ok && entry->route.kind == RS_ROUTE_YEAR)
            snprintf(error, error_size, "This bundle has no statements dated %d.", entry->route.year);
        break;
    case RS_ROUTE_STATEMENT:
        ok = build_reader(s, b, entry, error, error_size);
        break;
    default:
        ok = build_list(s, b, entry, error, error_size);
        break;
    }
    if (!ok) {
        if (!error[0])
            snprintf(error, error_size, "The bundle could not be read; it may be damaged. Copy the bundle again.");
        rs_screen_destroy(s);
        return NULL;
    }
    return s;
}

void rs_screen_destroy(rs_screen *s)
{
    if (!s)
        return;
    free(s->crumb), free(s->heading), free(s->subheading), free(s->summary);
    free(s->bundle_title), free(s->bundle_description);
    for (size_t i = 0; i < s->row_count; i++)
        free(s->rows[i].primary), free(s->rows[i].secondary), free(s->rows[i].badge);
    free(s->rows);
    for (size_t i = 0; i < s->chip_count; i++)
        free(s->chips[i].label);
    free(s->chips);
    for (size_t i = 0; i < s->window_count; i++)
        clear_item(&s->window[i]);
    if (s->kind == RS_SCREEN_READER)
        rs_statement_clear(&s->statement);
    free(s->date_line), free(s->meta_line), free(s->speaker_line);
    for (size_t i = 0; i < s->also_count; i++)
        clear_item(&s->also[i]);
    free(s->also);
    free(s);
}

bool rs_screen_prepare_rows(rs_screen *s, rs_bundle *b, int64_t first, int64_t last)
{
    if (s->kind != RS_SCREEN_LIST || s->count == 0)
        return true;
    if (first < 0)
        first = 0;
    if (last >= s->count)
        last = s->count - 1;
    if (first > last)
        return true;
    if (first >= s->window_start && last < s->window_start + (int64_t)s->window_count)
        return true;
    /* Centre a new window on what is asked for. */
    int64_t span = last - first + 1;
    int64_t start = first - (RS_LIST_WINDOW - span) / 2;
    if (start + RS_LIST_WINDOW > s->count)
        start = s->count - RS_LIST_WINDOW;
    if (start < 0)
        start = 0;
    rs_statement_rows rows;
    if (!rs_bundle_list_page(b, &s->spec, start, RS_LIST_WINDOW, &rows))
        return false;
    for (size_t i = 0; i < s->window_count; i++)
        clear_item(&s->window[i]);
    s->window_start = start;
    s->window_count = rows.count;
    for (size_t i = 0; i < rows.count; i++)
        fill_item(&s->window[i], &rows.items[i], s->spec.kind == RS_LIST_COUNTRY);
    rs_statement_rows_clear(&rows);
    return true;
}

const rs_list_item *rs_screen_item(const rs_screen *s, int64_t index)
{
    if (index < s->window_start || index >= s->window_start + (int64_t)s->window_count)
        return NULL;
    return &s->window[index - s->window_start];
}
