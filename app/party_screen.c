#include "party_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "expect.h"
#include "i18n.h"

const char *rs_party_kind_label(int kind)
{
    switch (kind) {
    /* TRANSLATORS: a kind of party (parties.yaml's kind), shown under its name. */
    case 1: return _("Organisation");
    /* TRANSLATORS: a kind of party, as the Five Eyes or NATO. */
    case 2: return _("Alliance");
    /* TRANSLATORS: a kind of party, as Microsoft. */
    case 3: return _("Company");
    /* TRANSLATORS: a kind of party, as a government agency. */
    case 4: return _("Agency");
    default: return NULL;
    }
}

/* An event's kind as its label, the same words as the incident thread's. */
static const char *event_kind_label(const char *what)
{
    static const struct {
        const char *kind, *label;
    } labels[] = {
        {"attribution", N_("Attribution")}, {"indictment", N_("Indictment")}, {"sanction", N_("Sanction")},
        {"report", N_("Report")},           {"disclosure", N_("Disclosure")}, {"denial", N_("Denial")},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (what && strcmp(what, labels[i].kind) == 0)
            return _(labels[i].label);
    return _("Event");
}

static const char *role_word(int role)
{
    switch (role) {
    case 0: return P_("role", "speaker");
    case 1: return P_("role", "accuser");
    case 2: return P_("role", "accused");
    case 3: return P_("role", "victim");
    default: return P_("role", "mentioned");
    }
}

/* The query layer's "speaker accuser" as "speaker, accuser" in the UI
 * language, in rs_roles order. Caller frees. */
static char *roles_text(const char *roles)
{
    char *out = rs_xasprintf("%s", "");
    for (int r = 0; r < RS_ROLE_COUNT; r++) {
        size_t n = strlen(rs_roles[r]);
        bool has = false;
        for (const char *p = roles ? roles : ""; *p; p += strcspn(p, " "), p += strspn(p, " "))
            has |= strcspn(p, " ") == n && strncmp(p, rs_roles[r], n) == 0;
        if (!has)
            continue;
        char *joined = rs_xasprintf("%s%s%s", out, *out ? _(", ") : "", role_word(r));
        free(out);
        out = joined;
    }
    return out;
}

/* "19 July 2021 · Attribution · accuser · Exchange hack": when, what, the
 * party's roles in it, and the incident it opens. */
static char *event_line(const rs_thread_entry *e, const char *code)
{
    char date[64];
    rs_i18n_date(e->date, e->date_note != NULL, date, sizeof date);
    char *line = rs_xasprintf("%s · %s", date, event_kind_label(e->what));
    for (size_t i = 0; i < e->party_count; i++)
        if (strcmp(e->parties[i].code, code) == 0) {
            char *roles = roles_text(e->parties[i].roles);
            if (*roles) {
                char *longer = rs_xasprintf("%s · %s", line, roles);
                free(line);
                line = longer;
            }
            free(roles);
        }
    if (e->incident_name && *e->incident_name) {
        char *longer = rs_xasprintf("%s · %s", line, e->incident_name);
        free(line);
        line = longer;
    }
    return line;
}

/* "Members: France, Germany, Netherlands", in code order as the query
 * layer gives them; NULL without members. */
static char *members_line(const rs_country_detail *party)
{
    if (party->member_count == 0)
        return NULL;
    char *names = rs_xasprintf("%s", "");
    for (size_t i = 0; i < party->member_count; i++) {
        const rs_country_link *m = &party->members[i];
        char *joined = rs_xasprintf("%s%s%s", names, i ? _(", ") : "", m->name && *m->name ? m->name : m->code);
        free(names);
        names = joined;
    }
    /* TRANSLATORS: an organisation's page: %s is its member countries, "France, Germany". */
    char *line = rs_xasprintf(_("Members: %s"), names);
    free(names);
    return line;
}

static bool load_events(rs_party_screen *p, const rs_country_detail *party, rs_party_events_fn events, void *context)
{
    int64_t total = party->event_count > 0 ? party->event_count : 0;
    if (total == 0 || !events)
        return true;
    int64_t offset = total > RS_PARTY_EVENTS_SHOWN ? total - RS_PARTY_EVENTS_SHOWN : 0;
    rs_thread thread;
    memset(&thread, 0, sizeof thread);
    if (!events(context, party->code, offset, RS_PARTY_EVENTS_SHOWN, &thread))
        return false;
    p->events = rs_xcalloc(thread.count ? thread.count : 1, sizeof *p->events);
    for (size_t i = 0; i < thread.count && i < RS_PARTY_EVENTS_SHOWN; i++) {
        const rs_thread_entry *e = &thread.items[i];
        rs_party_event *item = &p->events[p->event_count++];
        item->primary = rs_xasprintf("%s", e->line ? e->line : "");
        item->secondary = event_line(e, party->code);
        item->route.kind = RS_ROUTE_INCIDENT;
        snprintf(item->route.slug, sizeof item->route.slug, "%s", e->incident_slug ? e->incident_slug : "");
    }
    rs_thread_clear(&thread);
    if (total > (int64_t)p->event_count) {
        char shown[48], all[48];
        rs_i18n_number((int64_t)p->event_count, shown, sizeof shown);
        rs_i18n_number(total, all, sizeof all);
        /* TRANSLATORS: a party's page, above its events when only the latest are listed: %1$s of %2$s. */
        p->events_label = rs_xasprintf(_("Events: the latest %1$s of %2$s"), shown, all);
    } else if (p->event_count) {
        /* TRANSLATORS: a party's page: the heading over the events in which it has a role. */
        p->events_label = rs_xasprintf("%s", _("Events"));
    }
    return true;
}

rs_party_screen *rs_party_screen_create(const rs_country_detail *party, rs_party_events_fn events, void *context)
{
    rs_party_screen *p = rs_xcalloc(1, sizeof *p);
    p->kind = party->kind;
    p->event_total = party->event_count > 0 ? party->event_count : 0;
    const char *kind = rs_party_kind_label(party->kind);
    p->kind_label = kind ? rs_xasprintf("%s", kind) : NULL;
    p->members_line = members_line(party);
    if (!load_events(p, party, events, context)) {
        rs_party_screen_destroy(p);
        return NULL;
    }
    return p;
}

void rs_party_screen_destroy(rs_party_screen *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->event_count; i++)
        free(p->events[i].primary), free(p->events[i].secondary);
    free(p->events);
    free(p->kind_label), free(p->members_line), free(p->events_label);
    free(p);
}

char *rs_party_subheading(const rs_party_screen *party, int64_t statements)
{
    char *line = rs_i18n_counted(ngettext("%s statement", "%s statements", rs_i18n_plural_n(statements)), statements);
    const char *kind = rs_party_kind_label(party->kind);
    if (kind) {
        char *longer = rs_xasprintf("%s · %s", kind, line);
        free(line);
        line = longer;
    }
    if (party->event_total > 0) {
        char *events = rs_i18n_counted(ngettext("%s event", "%s events", rs_i18n_plural_n(party->event_total)), party->event_total);
        char *longer = rs_xasprintf("%s · %s", line, events);
        free(line), free(events);
        line = longer;
    }
    return line;
}

char *rs_party_facet_line(const rs_facet *facet)
{
    const char *kind = rs_party_kind_label(facet->kind);
    char *events = facet->event_count > 0
                       ? rs_i18n_counted(ngettext("%s event", "%s events", rs_i18n_plural_n(facet->event_count)), facet->event_count)
                       : NULL;
    if (!kind)
        return events;
    char *line = events ? rs_xasprintf("%s · %s", kind, events) : rs_xasprintf("%s", kind);
    free(events);
    return line;
}

char *rs_party_list_subheading(const rs_facet_list *list)
{
    int64_t countries = 0, others = 0;
    for (size_t i = 0; i < list->count; i++)
        list->items[i].kind == 0 ? countries++ : others++;
    char *line = rs_i18n_counted(ngettext("%s country", "%s countries", rs_i18n_plural_n(countries)), countries);
    if (others) {
        /* TRANSLATORS: the Countries screen's count of the parties that are no country (the EU, a company...). */
        char *more = rs_i18n_counted(ngettext("%s organisation", "%s organisations", rs_i18n_plural_n(others)), others);
        char *longer = rs_xasprintf("%s · %s", line, more);
        free(line), free(more);
        line = longer;
    }
    return line;
}

const char *rs_party_list_heading(const rs_facet_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].kind != 0)
            /* TRANSLATORS: the heading of the Countries screen when it lists organisations (the EU, a company...) too. */
            return _("Countries and organisations");
    return _("Countries");
}
