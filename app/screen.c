#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "expect.h"
#include "i18n.h"
#include "party_screen.h"
#include "utf8.h"

static char *copy(const char *text)
{
    return rs_xasprintf("%s", text ? text : "");
}

/* A role as a filter chip's label ("Accused"), in the UI language. */
static const char *role_label(int role)
{
    switch (role) {
    case 0: return P_("role filter", "Speaker");
    case 1: return P_("role filter", "Accuser");
    case 2: return P_("role filter", "Accused");
    case 3: return P_("role filter", "Victim");
    case 4: return P_("role filter", "Mentioned");
    default: return P_("role filter", "All");
    }
}

/* A role inside a line of text ("China · speaker, accused"). */
static const char *role_word(int role)
{
    switch (role) {
    case 0: return P_("role", "speaker");
    case 1: return P_("role", "accuser");
    case 2: return P_("role", "accused");
    case 3: return P_("role", "victim");
    case 4: return P_("role", "mentioned");
    default: return "";
    }
}

/* The query layer's "speaker accused" as "speaker, accused" in the UI
 * language. Caller frees. */
static char *roles_text(const char *roles)
{
    char out[256] = "";
    size_t o = 0;
    const char *p = roles ? roles : "";
    while (*p) {
        size_t n = strcspn(p, " ");
        for (int r = 0; r < RS_ROLE_COUNT; r++)
            if (n == strlen(rs_roles[r]) && strncmp(p, rs_roles[r], n) == 0) {
                /* TRANSLATORS: between two roles in a list ("speaker, accused"). */
                const char *comma = o ? _(", ") : "";
                int w = snprintf(out + o, sizeof out - o, "%s%s", comma, role_word(r));
                if (w > 0 && (size_t)w < sizeof out - o)
                    o += (size_t)w;
            }
        p += n;
        while (*p == ' ')
            p++;
    }
    return copy(out);
}

static char *statements_count(int64_t n)
{
    return rs_i18n_counted(ngettext("%s statement", "%s statements", rs_i18n_plural_n(n)), n);
}

/* A count from the bundle's metadata: a plain number, never negative, and
 * INT64_MAX at most (atoll's overflow is undefined), 0 when missing. */
static int64_t meta_count(rs_bundle *b, const char *key)
{
    const char *text = rs_bundle_meta(b, key);
    long long value = text ? strtoll(text, NULL, 10) : 0;
    return value > 0 ? (int64_t)value : 0;
}

/* The year at the start of text ("2021", "2021-07-20"), or 0 for anything
 * that is no year 1..9999: atoi's overflow is undefined. */
static int year_of(const char *text)
{
    long value = text ? strtol(text, NULL, 10) : 0;
    return value >= 1 && value <= 9999 ? (int)value : 0;
}

/* a + b for counts (never negative): the sum, or INT64_MAX where it would
 * overflow. `check` refuses a bundle whose counts lie, but the screens
 * must hold whatever file they are given. */
static int64_t add_counts(int64_t a, int64_t b)
{
    if (a < 0)
        a = 0;
    if (b < 0)
        b = 0;
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

static char *number(int64_t n)
{
    char text[48];
    rs_i18n_number(n, text, sizeof text);
    return copy(text);
}

/* A tile's texts end on a whole character: snprintf into their fixed
 * arrays cuts at a byte, and a cut inside a character drew as a box
 * ("организ�" for "организации"). */
static void whole_characters(char *text)
{
    size_t bad;
    if (!rs_utf8_valid(text, strlen(text), &bad))
        text[bad] = '\0';
}

static bool build_home(rs_screen *s, rs_bundle *b)
{
    s->crumb = copy(_("Home"));
    /* In the visitor's language when the curator translated them. */
    s->bundle_title = copy(rs_bundle_meta_text(b, "title"));
    const char *description = rs_bundle_meta_text(b, "description");
    s->bundle_description = description ? copy(description) : NULL;
    const char *first = rs_bundle_meta(b, "date_first"), *last = rs_bundle_meta(b, "date_last");
    int64_t count = meta_count(b, "statement_count");

    rs_tile *t = &s->tiles[0];
    snprintf(t->label, sizeof t->label, "%s", _("Dates"));
    char *text = statements_count(count);
    snprintf(t->count, sizeof t->count, "%s", text);
    free(text);
    /* Years as numbers: a hostile bundle's text is never cut mid-character. */
    int first_year = year_of(first), last_year = year_of(last);
    if (first_year > 0 && last_year > first_year)
        snprintf(t->hint, sizeof t->hint, "%d–%d", first_year, last_year);
    else if (first_year > 0)
        snprintf(t->hint, sizeof t->hint, "%d", first_year);
    else
        snprintf(t->hint, sizeof t->hint, "%s", _("Undated"));
    t->route.kind = RS_ROUTE_DATES;
    /* The timeline spans the same years. */
    rs_tile *timeline = &s->tiles[3];
    snprintf(timeline->label, sizeof timeline->label, "%s", _("Timeline"));
    snprintf(timeline->count, sizeof timeline->count, "%.63s", first_year > 0 ? t->hint : _("Undated"));
    /* TRANSLATORS: on home, under "Timeline": what the timeline shows. */
    snprintf(timeline->hint, sizeof timeline->hint, "%s", _("Statements and incidents over time"));
    timeline->route.kind = RS_ROUTE_TIMELINE;

    rs_facet_list countries;
    if (!rs_bundle_countries(b, &countries))
        return false;
    t = &s->tiles[1];
    /* The Countries screen's own heading ("Countries and organisations"
     * when there are organisations). Its count is one short line, which
     * fits the tile in every language at every size; the count by kind
     * ("11 countries · 5 organisations") is the hint, shown where there is
     * room. */
    snprintf(t->label, sizeof t->label, "%s", rs_party_list_heading(&countries));
    text = rs_party_list_subheading(&countries); /* "4 countries · 2 organisations" */
    bool organisations = strcmp(t->label, _("Countries")) != 0;
    if (organisations) {
        snprintf(t->hint, sizeof t->hint, "%s", text);
        free(text);
        /* TRANSLATORS: on home, under "Countries and organisations": how many there are. */
        text = rs_i18n_counted(ngettext("%s in all", "%s in all", rs_i18n_plural_n((int64_t)countries.count)),
                       (int64_t)countries.count);
    }
    snprintf(t->count, sizeof t->count, "%s", text);
    free(text);
    /* Hint, for countries alone: the three with most statements (ties by name). */
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
    if (!organisations)
        t->hint[0] = '\0';
    for (size_t k = 0; !organisations && k < shown; k++) {
        size_t len = strlen(t->hint);
        snprintf(t->hint + len, sizeof t->hint - len, "%s%s", k ? _(", ") : "", countries.items[picks[k]].label);
    }
    t->route.kind = RS_ROUTE_COUNTRIES;
    /* The map colours the countries (organisations have no outline of their own). */
    int64_t country_count = 0;
    for (size_t i = 0; i < countries.count; i++)
        country_count += countries.items[i].kind == 0;
    rs_facet_list_clear(&countries);
    t = &s->tiles[4];
    snprintf(t->label, sizeof t->label, "%s", _("Map"));
    text = rs_i18n_counted(ngettext("%s country", "%s countries", rs_i18n_plural_n(country_count)), country_count);
    snprintf(t->count, sizeof t->count, "%s", text);
    free(text);
    /* TRANSLATORS: on home, under "Map": what the world map shows. */
    snprintf(t->hint, sizeof t->hint, "%s", _("Statements by country"));
    t->route.kind = RS_ROUTE_MAP;

    /* The count from the metadata and one indexed row for the hint: start-up
     * never reads the whole incident list. */
    int64_t incident_count = meta_count(b, "incident_count");
    t = &s->tiles[2];
    snprintf(t->label, sizeof t->label, "%s", _("Incidents"));
    text = rs_i18n_counted(ngettext("%s incident", "%s incidents", rs_i18n_plural_n(incident_count)), incident_count);
    snprintf(t->count, sizeof t->count, "%s", text);
    free(text);
    rs_facet latest;
    if (rs_bundle_latest_incident(b, &latest))
        /* TRANSLATORS: on the Incidents tile: %s is the newest incident's name. */
        snprintf(t->hint, sizeof t->hint, _("Latest: %s"), latest.label);
    rs_facet_clear(&latest);
    t->route.kind = RS_ROUTE_INCIDENTS;
    for (size_t i = 0; i < RS_HOME_TILES; i++) {
        whole_characters(s->tiles[i].label);
        whole_characters(s->tiles[i].count);
        whole_characters(s->tiles[i].hint);
    }
    return true;
}

/* "July 2021", or "2021, month unknown" for month 0. */
static char *month_heading(int year, int month)
{
    char text[128];
    if (month) {
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d", year, month);
        rs_i18n_date(date, false, text, sizeof text);
        return copy(text);
    }
    /* TRANSLATORS: statements dated by year only: %d is the year. */
    return rs_xasprintf(_("%d, month unknown"), year);
}

static void add_row(rs_screen *s, char *primary, char *secondary, char *badge, rs_route route)
{
    rs_grow(&s->rows, &s->row_capacity, s->row_count + 1, sizeof *s->rows);
    s->rows[s->row_count++] = (rs_facet_row){primary, secondary, badge, route};
}

/* A row for each party (to its page: an organisation's kind and any
 * party's events under its name) or incident (its date under its name),
 * with its count of statements (none for a party in events only). */
static void add_facet_rows(rs_screen *s, const rs_facet_list *list, rs_route_kind kind)
{
    for (size_t i = 0; i < list->count; i++) {
        const rs_facet *facet = &list->items[i];
        rs_route r = {.kind = kind};
        char *date = NULL;
        if (kind == RS_ROUTE_COUNTRY) {
            snprintf(r.code, sizeof r.code, "%s", facet->key); /* "GB", "EU", "MSFT": the whole code */
            date = rs_party_facet_line(facet);
        } else {
            snprintf(r.slug, sizeof r.slug, "%s", facet->key);
            char text[64];
            rs_i18n_date(facet->date, false, text, sizeof text);
            date = copy(text);
        }
        /* A party in events only has no statements to count: a "0" beside
         * its "1 event" would read as nothing there. */
        bool no_badge = kind == RS_ROUTE_COUNTRY && facet->count == 0;
        add_row(s, copy(facet->label), date, no_badge ? NULL : number(facet->count), r);
    }
}

static bool build_facets(rs_screen *s, rs_bundle *b, const rs_route *route)
{
    rs_facet_list list;
    s->kind = RS_SCREEN_FACETS;
    switch (route->kind) {
    case RS_ROUTE_DATES: {
        s->crumb = copy(_("Dates"));
        s->heading = copy(_("Dates"));
        if (!rs_bundle_years(b, &list))
            return false;
        int64_t total = meta_count(b, "statement_count");
        rs_route all = {.kind = RS_ROUTE_ALL};
        add_row(s, copy(_("All statements")), copy(_("In date order")), number(total), all);
        for (size_t i = 0; i < list.count; i++) {
            rs_route r = {.kind = RS_ROUTE_YEAR, .year = year_of(list.items[i].key)};
            add_row(s, copy(list.items[i].label), NULL, number(list.items[i].count), r);
        }
        rs_facet_list_clear(&list);
        int64_t undated = meta_count(b, "undated_count");
        if (undated > 0) {
            rs_route r = {.kind = RS_ROUTE_UNDATED};
            add_row(s, copy(_("Undated")), copy(_("No date known")), number(undated), r);
        }
        s->subheading = statements_count(total);
        return true;
    }
    case RS_ROUTE_YEAR: {
        s->crumb = rs_xasprintf("%d", route->year);
        s->heading = rs_xasprintf("%d", route->year);
        if (!rs_bundle_months(b, route->year, &list))
            return false;
        if (list.count == 0) {
            rs_facet_list_clear(&list);
            return false;
        }
        int64_t total = 0;
        for (size_t i = 0; i < list.count; i++) {
            int month = atoi(list.items[i].key + 5);
            rs_route r = {.kind = RS_ROUTE_MONTH, .year = route->year, .month = month};
            add_row(s, month_heading(route->year, month), NULL, number(list.items[i].count), r);
            total = add_counts(total, list.items[i].count);
        }
        s->subheading = statements_count(total);
        rs_facet_list_clear(&list);
        return true;
    }
    case RS_ROUTE_COUNTRIES:
    case RS_ROUTE_INCIDENTS: {
        bool countries = route->kind == RS_ROUTE_COUNTRIES;
        if (!(countries ? rs_bundle_countries(b, &list) : rs_bundle_incidents(b, &list)))
            return false;
        /* The breadcrumb says what the heading and home's tile say. */
        s->crumb = copy(countries ? rs_party_list_heading(&list) : _("Incidents"));
        s->heading = copy(s->crumb);
        add_facet_rows(s, &list, countries ? RS_ROUTE_COUNTRY : RS_ROUTE_INCIDENT);
        s->subheading = countries ? rs_party_list_subheading(&list)
                                  : rs_i18n_counted(ngettext("%s incident", "%s incidents", list.count), (int64_t)list.count);
        rs_facet_list_clear(&list);
        return true;
    }
    default:
        return false;
    }
}

static void add_chip(rs_screen *s, char *label, int role, bool active)
{
    rs_grow(&s->chips, &s->chip_capacity, s->chip_count + 1, sizeof *s->chips);
    s->chips[s->chip_count++] = (rs_chip){.label = label, .role = role, .active = active};
}

static void add_link_chip(rs_screen *s, char *label, rs_route route)
{
    rs_grow(&s->chips, &s->chip_capacity, s->chip_count + 1, sizeof *s->chips);
    s->chips[s->chip_count++] = (rs_chip){.label = label, .role = -1, .is_link = true, .route = route};
}

/* A party's events, from the query layer. */
static bool party_events(void *context, const char *code, int64_t offset, size_t limit, rs_thread *out)
{
    return rs_bundle_party_events(context, code, offset, limit, out);
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
        s->crumb = month_heading(route->year, route->month);
        s->heading = copy(s->crumb);
        break;
    case RS_ROUTE_ALL:
        s->spec.kind = RS_LIST_ALL;
        s->crumb = copy(_("All statements"));
        s->heading = copy(_("All statements"));
        break;
    case RS_ROUTE_UNDATED:
        s->spec.kind = RS_LIST_UNDATED;
        s->crumb = copy(_("Undated"));
        s->heading = copy(_("Undated statements"));
        break;
    case RS_ROUTE_COUNTRY: {
        rs_country_detail country;
        if (!rs_bundle_country(b, route->code, &country)) {
            /* TRANSLATORS: %s is a country's or an organisation's code (GB, EU) from a route. */
            snprintf(error, error_size, _("This bundle has no statements or events for the code %s."), route->code);
            return false;
        }
        s->spec.kind = RS_LIST_COUNTRY;
        memcpy(s->spec.country, route->code, sizeof s->spec.country);
        s->party = rs_party_screen_create(&country, party_events, b);
        if (!s->party) {
            rs_country_detail_clear(&country);
            return false;
        }
        s->spec.role = entry->role_filter;
        s->crumb = copy(country.name);
        s->heading = copy(country.name);
        char number_text[48];
        rs_i18n_number(country.count, number_text, sizeof number_text);
        /* TRANSLATORS: a filter chip: a role and how many statements have it. */
        add_chip(s, rs_xasprintf(_("%1$s %2$s"), role_label(-1), number_text), -1, entry->role_filter < 0);
        for (int r = 0; r < RS_ROLE_COUNT; r++)
            if (country.role_counts[r] > 0) {
                rs_i18n_number(country.role_counts[r], number_text, sizeof number_text);
                add_chip(s, rs_xasprintf(_("%1$s %2$s"), role_label(r), number_text), r, entry->role_filter == r);
            }
        rs_country_detail_clear(&country);
        break;
    }
    default:
        return false;
    }
    if (!rs_bundle_list_count(b, &s->spec, &s->count))
        return false;
    if (!s->subheading)
        s->subheading = s->party ? rs_party_subheading(s->party, s->count) : statements_count(s->count);
    if (route->kind == RS_ROUTE_MONTH && s->count == 0) {
        snprintf(error, error_size, _("This bundle has no statements dated %s."), s->heading);
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
    rs_i18n_date(row->date, row->date_inferred, date, sizeof date);
    item->id = row->id;
    snprintf(item->slug, sizeof item->slug, "%s", row->slug ? row->slug : "");
    item->title = copy(row->title);
    const char *outlet = row->outlet ? row->outlet : _("Outlet unknown");
    if (with_roles && row->roles) {
        /* The role before the outlet: a row's line is cut to one line, and
         * a long outlet ("Министерство иностранных дел...") hid the role. */
        char *roles = roles_text(row->roles);
        item->secondary = rs_xasprintf("%s · %s · %s", date, roles, outlet);
        free(roles);
    } else {
        item->secondary = rs_xasprintf("%s · %s", date, outlet);
    }
}

/* A statement's language by its own name, for the button that switches to
 * it: a reader of that language recognises it whatever the UI speaks. */
static const char *language_name(const char *tag)
{
    rs_ui_language ui;
    if (rs_i18n_parse(tag, &ui)) /* the viewer's own languages */
        return rs_i18n_endonym(ui);
    static const struct {
        const char *prefix, *name;
    } names[] = {
        {"fr", "Français"}, {"de", "Deutsch"}, {"es", "Español"}, {"ja", "日本語"},
        {"ko", "한국어"},   {"ar", "العربية"}, {"uk", "Українська"},
    };
    size_t n = tag ? strcspn(tag, "-_") : 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (n == strlen(names[i].prefix) && strncmp(tag, names[i].prefix, n) == 0)
            return names[i].name;
    return tag ? tag : "?";
}

static bool build_reader(rs_screen *s, rs_bundle *b, const rs_nav_entry *entry, char *error, size_t error_size)
{
    s->kind = RS_SCREEN_READER;
    int64_t id = rs_bundle_statement_id(b, entry->route.slug);
    if (id <= 0) {
        snprintf(error, error_size, _("This bundle has no statement '%s'."), entry->route.slug);
        return false;
    }
    if (!rs_bundle_statement(b, id, &s->statement)) {
        snprintf(error, error_size,
                 _("The statement '%s' cannot be read; the bundle may be damaged. Check it with rostrum-bundle check."),
                 entry->route.slug);
        return false;
    }
    rs_statement *st = &s->statement;
    s->crumb = copy(st->title);
    char date[64];
    rs_i18n_date(st->date, st->date_note != NULL, date, sizeof date);
    s->date_line = copy(date);
    const char *outlet = st->outlet ? st->outlet : _("Outlet unknown");
    s->meta_line = rs_xasprintf("%s · %s", date, outlet);
    if (st->speaker && st->speaker_role)
        s->speaker_line = rs_xasprintf("%s, %s", st->speaker, st->speaker_role);
    else if (st->speaker)
        s->speaker_line = copy(st->speaker);
    s->source_line = s->speaker_line ? rs_xasprintf("%s · %s", outlet, s->speaker_line) : copy(outlet);
    if (st->partial)
        /* TRANSLATORS: the reader, above a statement the curator marked as an excerpt or a cut-off source. */
        s->partial_line = copy(_("Excerpt: the source text is incomplete"));
    s->notes_open = entry->expanded == 1 + RS_READER_NOTES;
    s->chips_open = entry->expanded == 1 + RS_READER_CHIPS;

    for (size_t i = 0; i < st->country_count; i++) {
        rs_route r = {.kind = RS_ROUTE_COUNTRY};
        memcpy(r.code, st->countries[i].code, sizeof r.code);
        char *roles = roles_text(st->countries[i].roles);
        add_link_chip(s, rs_xasprintf("%s · %s", st->countries[i].name, roles), r);
        free(roles);
    }
    for (size_t i = 0; i < st->incident_count; i++) {
        rs_route r = {.kind = RS_ROUTE_INCIDENT};
        snprintf(r.slug, sizeof r.slug, "%s", st->incidents[i].slug);
        add_link_chip(s, copy(st->incidents[i].name), r);
    }
    s->also_count = st->same_as.count;
    s->also = rs_xcalloc(s->also_count, sizeof *s->also);
    for (size_t i = 0; i < s->also_count; i++) {
        fill_item(&s->also[i], &st->same_as.items[i], false);
    }

    s->translation_count = st->translations.count;
    s->translations = rs_xcalloc(s->translation_count, sizeof *s->translations);
    s->translation_labels = rs_xcalloc(s->translation_count, sizeof *s->translation_labels);
    for (size_t i = 0; i < s->translation_count; i++) {
        const rs_statement_row *row = &st->translations.items[i];
        fill_item(&s->translations[i], row, false);
        s->translation_labels[i] = copy(language_name(row->language));
    }
    if (entry->highlight[0]) {
        s->highlight = copy(entry->highlight);
        if (!rs_bundle_highlights(b, entry->highlight, st->title, &s->title_marks))
            memset(&s->title_marks, 0, sizeof s->title_marks);
        if (!rs_bundle_highlights(b, entry->highlight, st->body, &s->body_marks))
            memset(&s->body_marks, 0, sizeof s->body_marks);
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

/* ---- search ---- */

rs_search_state rs_search_classify(const char *query)
{
    const char *p = query;
    while (*p == ' ')
        p++;
    size_t n = strlen(p);
    while (n && p[n - 1] == ' ')
        n--;
    if (n == 0)
        return RS_SEARCH_EMPTY;
    unsigned char c = (unsigned char)p[0];
    if (n == 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
        return RS_SEARCH_SHORT;
    return RS_SEARCH_WAITING;
}

bool rs_search_run(rs_bundle *b, const char *query, bool typing, rs_search_results *out, char *error,
                   size_t error_size)
{
    return rs_bundle_search_with(b, query, typing ? RS_QUERY_TYPING : 0, 0, RS_RESULTS_SHOWN, out, error,
                                 error_size);
}

static void clear_results(rs_screen *s)
{
    for (size_t i = 0; i < s->result_count; i++) {
        rs_result_item *r = &s->results[i];
        free(r->title), free(r->secondary), free(r->snippet), free(r->language);
        rs_range_list_clear(&r->snippet_marks);
        rs_range_list_clear(&r->title_marks);
    }
    free(s->results);
    s->results = NULL;
    s->result_count = 0;
    s->total = 0;
    s->more_results = false;
    free(s->query_used);
    s->query_used = NULL;
}

/* The snippet without the query layer's marks, and where they were. */
static char *unmark(const char *marked, rs_range_list *marks)
{
    memset(marks, 0, sizeof *marks);
    size_t n = strlen(marked), o = 0, capacity = 0;
    char *text = rs_xmalloc(n + 1);
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (marked[i] == RS_MARK_START[0]) {
            start = o;
        } else if (marked[i] == RS_MARK_END[0]) {
            rs_grow(&marks->items, &capacity, marks->count + 1, sizeof *marks->items);
            if (o > start)
                marks->items[marks->count++] = (rs_range){start, o};
        } else {
            /* Snippets are one line: the body's line breaks become spaces. */
            text[o++] = marked[i] == '\n' ? ' ' : marked[i];
        }
    }
    text[o] = '\0';
    return text;
}

static void set_status(rs_screen *s)
{
    free(s->status_line);
    s->status_line = NULL;
    char number[48];
    switch (s->search_state) {
    case RS_SEARCH_EMPTY:
        s->status_line = copy(_("Type a word, or tap one of these:"));
        break;
    case RS_SEARCH_SHORT:
        s->status_line = copy(_("Type at least two letters."));
        break;
    case RS_SEARCH_WAITING:
        if (!s->result_count)
            s->status_line = copy(_("Searching…"));
        break;
    case RS_SEARCH_NONE:
        /* TRANSLATORS: %s is the visitor's query. */
        s->status_line = rs_xasprintf(_("No statement contains “%s”. Try another word, or one of these:"), s->query);
        break;
    case RS_SEARCH_FOUND:
        rs_i18n_number(s->total, number, sizeof number);
        if (s->more_results) {
            /* TRANSLATORS: %s is how many of the newest matches are ranked (1,000). */
            s->status_line = rs_xasprintf(_("More than %s statements match: the best of the newest %s come first."), number,
                                    number);
        } else if ((int64_t)s->result_count < s->total) {
            char shown[48];
            rs_i18n_number((int64_t)s->result_count, shown, sizeof shown);
            /* TRANSLATORS: %1$s statements match; the best %2$s are listed. */
            s->status_line = rs_xasprintf(_("%1$s statements match; the best %2$s are shown."), number, shown);
        } else {
            s->status_line = rs_xasprintf(ngettext("%s statement matches.", "%s statements match.", rs_i18n_plural_n(s->total)),
                                    number);
        }
        break;
    case RS_SEARCH_FAILED:
        s->status_line = copy(_("The search failed: the bundle may be damaged. Please tell the staff."));
        break;
    }
    if (s->query_cut) {
        char *line = rs_xasprintf("%s%s%s", _("This search was too long: only its beginning is searched."),
                                  s->status_line ? " " : "", s->status_line ? s->status_line : "");
        free(s->status_line);
        s->status_line = line;
    }
}

/* query into out (RS_QUERY_MAX + 1 bytes), cut before a character that
 * does not fit whole, never inside one. */
void rs_query_copy(char *out, const char *query)
{
    size_t n = strlen(query);
    if (n > RS_QUERY_MAX) {
        n = RS_QUERY_MAX;
        while (n > 0 && ((unsigned char)query[n] & 0xC0) == 0x80)
            n--; /* query[n] continues a character: cut before it starts */
    }
    memcpy(out, query, n);
    out[n] = '\0';
}

void rs_query_append(char *query, const char *text, size_t length)
{
    size_t n = strlen(query);
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t bytes = rs_utf8_decode(text + i, length - i, &cp);
        bool character = !(cp == 0xFFFD && bytes == 1); /* else a byte that is not UTF-8 */
        if (character && n + bytes > RS_QUERY_MAX)
            break;
        if (character && cp >= 0x20 && cp != 0x7F) /* no control characters in a query */
            memcpy(query + n, text + i, bytes), n += bytes;
        i += bytes;
    }
    query[n] = '\0';
}

void rs_query_append_char(char *query, uint32_t cp)
{
    char bytes[4];
    rs_query_append(query, bytes, rs_utf8_encode(cp, bytes));
}

void rs_query_backspace(char *query)
{
    size_t n = strlen(query);
    while (n > 0 && ((unsigned char)query[n - 1] & 0xC0) == 0x80)
        n--; /* continuation bytes */
    if (n > 0)
        n--;
    query[n] = '\0';
}

void rs_screen_set_query(rs_screen *s, const char *query)
{
    s->query_cut = false; /* a query typed or chosen fits the field */
    rs_query_copy(s->query, query);
    rs_search_state state = rs_search_classify(s->query);
    if (state != RS_SEARCH_WAITING)
        clear_results(s);
    s->search_state = state;
    set_status(s);
}

void rs_screen_set_results(rs_screen *s, rs_bundle *bundle, const char *query, rs_search_results *results, bool ok)
{
    clear_results(s);
    rs_query_copy(s->query, query);
    if (!ok) {
        s->search_state = RS_SEARCH_FAILED;
        set_status(s);
        return;
    }
    size_t n = results->count > RS_RESULTS_SHOWN ? RS_RESULTS_SHOWN : results->count;
    s->total = results->total > (int64_t)n ? results->total : (int64_t)n;
    s->more_results = results->more;
    s->query_used = copy(results->query_used ? results->query_used : query);
    s->results = rs_xcalloc(n, sizeof *s->results);
    for (size_t i = 0; i < n; i++) {
        const rs_search_hit *hit = &results->items[i];
        rs_result_item *r = &s->results[i];
        snprintf(r->slug, sizeof r->slug, "%s", hit->slug ? hit->slug : "");
        r->title = copy(hit->title);
        char date[64];
        rs_i18n_date(hit->date, false, date, sizeof date);
        r->secondary = rs_xasprintf("%s · %s", date, hit->outlet ? hit->outlet : _("Outlet unknown"));
        r->snippet = unmark(hit->snippet ? hit->snippet : "", &r->snippet_marks);
        if (!bundle || !rs_bundle_highlights(bundle, s->query_used, r->title, &r->title_marks))
            memset(&r->title_marks, 0, sizeof r->title_marks);
    }
    s->result_count = n;
    rs_query_status status = results->status;
    rs_search_results_clear(results);
    s->search_state = status == RS_QUERY_BLANK       ? RS_SEARCH_EMPTY
                      : status == RS_QUERY_TOO_SHORT ? RS_SEARCH_SHORT
                      : n                            ? RS_SEARCH_FOUND
                                                     : RS_SEARCH_NONE;
    set_status(s);
}

static bool build_search(rs_screen *s, rs_bundle *b, const rs_route *route)
{
    s->kind = RS_SCREEN_SEARCH;
    s->crumb = copy(_("Search"));
    rs_suggestion_list suggestions;
    if (rs_bundle_suggestions(b, 24, &suggestions)) {
        for (size_t i = 0; i < suggestions.count; i++) {
            /* An incident's chip opens it (its query is its slug). */
            bool incident = suggestions.items[i].kind == RS_SUGGEST_INCIDENT;
            rs_route r = {.kind = incident ? RS_ROUTE_INCIDENT : RS_ROUTE_SEARCH};
            rs_query_copy(r.slug, suggestions.items[i].query);
            add_link_chip(s, copy(suggestions.items[i].label), r);
        }
        rs_suggestion_list_clear(&suggestions);
    }
    rs_screen_set_query(s, route->slug);
    if (route->query_cut) {
        s->query_cut = true;
        set_status(s);
    }
    if (s->search_state == RS_SEARCH_WAITING) {
        /* Opened with a query (a route, a suggestion): searched at once. */
        rs_search_results results;
        char error[256];
        bool ok = rs_search_run(b, route->slug, false, &results, error, sizeof error);
        rs_screen_set_results(s, b, route->slug, &results, ok);
    }
    return true;
}

/* The incident thread's pages, from the query layer. */
static bool thread_page(void *context, int64_t incident_id, int64_t offset, size_t limit, rs_thread *out)
{
    return rs_bundle_thread_page(context, incident_id, offset, limit, out);
}

rs_screen *rs_screen_build(rs_bundle *b, const rs_nav_entry *entry, char *error, size_t error_size)
{
    rs_screen *s = rs_xcalloc(1, sizeof *s);
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
            snprintf(error, error_size, _("This bundle has no statements dated %d."), entry->route.year);
        break;
    case RS_ROUTE_STATEMENT:
        ok = build_reader(s, b, entry, error, error_size);
        break;
    case RS_ROUTE_SEARCH:
        ok = build_search(s, b, &entry->route);
        break;
    case RS_ROUTE_INCIDENT: {
        rs_thread_pager pager = {thread_page, rs_thread_clear, b};
        ok = rs_thread_screen_build(s, b, entry, &pager, error, error_size);
        break;
    }
    case RS_ROUTE_TIMELINE:
        ok = rs_timeline_screen_build(s, b, entry, error, error_size);
        break;
    case RS_ROUTE_MAP:
        ok = rs_map_screen_build(s, b, entry, error, error_size);
        break;
    default:
        ok = build_list(s, b, entry, error, error_size);
        break;
    }
    if (!ok) {
        if (!error[0])
            snprintf(error, error_size, "%s", _("The bundle could not be read; it may be damaged. Copy the bundle again."));
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
    rs_thread_screen_destroy(s->thread);
    rs_timeline_screen_destroy(s->timeline);
    rs_map_screen_destroy(s->map);
    free(s->bundle_title), free(s->bundle_description);
    for (size_t i = 0; i < s->row_count; i++)
        free(s->rows[i].primary), free(s->rows[i].secondary), free(s->rows[i].badge);
    free(s->rows);
    for (size_t i = 0; i < s->chip_count; i++)
        free(s->chips[i].label);
    free(s->chips);
    rs_party_screen_destroy(s->party);
    for (size_t i = 0; i < s->window_count; i++)
        clear_item(&s->window[i]);
    if (s->kind == RS_SCREEN_READER)
        rs_statement_clear(&s->statement);
    free(s->date_line), free(s->meta_line), free(s->speaker_line), free(s->source_line), free(s->partial_line);
    for (size_t i = 0; i < s->also_count; i++)
        clear_item(&s->also[i]);
    free(s->also);
    for (size_t i = 0; i < s->translation_count; i++)
        clear_item(&s->translations[i]), free(s->translation_labels[i]);
    free(s->translations), free(s->translation_labels);
    rs_range_list_clear(&s->title_marks), rs_range_list_clear(&s->body_marks);
    free(s->highlight);
    clear_results(s);
    free(s->status_line);
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
    if (start > s->count - RS_LIST_WINDOW) /* s->count >= 1: no overflow either way */
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

/* ---- what the session asks of the bundle beyond a screen ---- */

bool rs_screen_neighbour(const rs_screen *reader, rs_bundle *b, int step, rs_route *route, rs_list_place *place)
{
    if (!reader || reader->kind != RS_SCREEN_READER)
        return false;
    *place = reader->place;
    /* Within 0 .. place_count - 1 before moving: a position read from a
     * lying bundle never overflows. */
    if ((step > 0 && place->pos >= reader->place_count - step) || (step < 0 && place->pos < -step))
        return false;
    place->pos += step;
    if (place->pos < 0 || place->pos >= reader->place_count)
        return false;
    rs_statement_rows rows;
    bool ok = rs_bundle_list_page(b, &place->spec, place->pos, 1, &rows) && rows.count == 1;
    if (ok) {
        memset(route, 0, sizeof *route);
        route->kind = RS_ROUTE_STATEMENT;
        snprintf(route->slug, sizeof route->slug, "%s", rows.items[0].slug);
    }
    rs_statement_rows_clear(&rows);
    return ok;
}

bool rs_screen_statement_stack(rs_bundle *b, const rs_route *route, rs_nav *nav)
{
    int64_t id = rs_bundle_statement_id(b, route->slug);
    rs_statement st;
    if (id <= 0 || !rs_bundle_statement(b, id, &st))
        return false;
    rs_nav_reset(nav);
    rs_route parent = {.kind = RS_ROUTE_DATES};
    rs_nav_push(nav, &parent, NULL);
    if (st.year) {
        parent.kind = RS_ROUTE_YEAR, parent.year = st.year;
        rs_nav_push(nav, &parent, NULL);
        parent.kind = RS_ROUTE_MONTH, parent.month = st.month;
        rs_nav_push(nav, &parent, NULL);
    } else {
        parent.kind = RS_ROUTE_UNDATED;
        rs_nav_push(nav, &parent, NULL);
    }
    rs_list_place place = {.valid = true, .spec = {.kind = RS_LIST_ALL, .role = -1}, .pos = id - 1};
    rs_nav_push(nav, route, &place);
    rs_statement_clear(&st);
    return true;
}

void rs_screen_use_language(rs_bundle *b, rs_ui_language language)
{
    rs_i18n_set(language);
    rs_bundle_set_language(b, rs_i18n_code(language));
}

rs_slide *rs_slide_build(rs_bundle *b, int64_t number)
{
    int64_t count = meta_count(b, "statement_count");
    if (count <= 0 || number < 0)
        return NULL;
    int64_t id = 1 + (int64_t)(((uint64_t)number * 7919u) % (uint64_t)count);
    rs_slide *slide = rs_xcalloc(1, sizeof *slide);
    if (!rs_bundle_statement(b, id, &slide->statement)) {
        free(slide);
        return NULL;
    }
    const rs_statement *st = &slide->statement;
    char date[64];
    rs_i18n_date(st->date, st->date_note != NULL, date, sizeof date);
    slide->meta_line = rs_xasprintf("%s · %s", date, st->outlet ? st->outlet : _("Outlet unknown"));
    return slide;
}

void rs_slide_destroy(rs_slide *slide)
{
    if (!slide)
        return;
    rs_statement_clear(&slide->statement);
    free(slide->meta_line);
    free(slide);
}
