#include "thread_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "screen.h"

struct rs_thread_screen {
    rs_thread_pager pager;
    int64_t incident_id, count, undated_start;
    rs_thread_item window[RS_THREAD_WINDOW];
    int64_t window_start;
    size_t window_count;
    int64_t unfolded;
    rs_thread_item unfolded_item;
    size_t reads;
};

static char *copy(const char *text)
{
    return rs_xstrdup(text ? text : "");
}

rs_thread_side rs_thread_side_of(const rs_thread_entry *e)
{
    if (e->accusation)
        return RS_SIDE_ACCUSATION;
    if (e->kind == RS_THREAD_STATEMENT || (e->what && strcmp(e->what, "denial") == 0))
        return RS_SIDE_ANSWER;
    return RS_SIDE_NEUTRAL;
}

/* What kind of entry, as a label in the UI language: the event kinds of
 * rs_event_kinds and the statement kinds the builder accepts. An unknown
 * kind (a newer bundle) shows as written. */
static const struct {
    const char *kind, *label;
} kind_labels[] = {
    {"attribution", N_("Attribution")}, {"indictment", N_("Indictment")}, {"sanction", N_("Sanction")},
    {"report", N_("Report")},           {"disclosure", N_("Disclosure")}, {"denial", N_("Denial")},
    {"response", N_("Response")},       {"statement", N_("Statement")},   {"speech", N_("Speech")},
    {"interview", N_("Interview")},
};

static const char *other_label(void)
{
    /* TRANSLATORS: the kind of an event of the thread that is none of the named kinds. */
    return _("Event");
}

static const char *kind_label(const char *what, rs_thread_kind kind)
{
    for (size_t i = 0; what && i < sizeof kind_labels / sizeof kind_labels[0]; i++)
        if (strcmp(what, kind_labels[i].kind) == 0)
            return _(kind_labels[i].label);
    if (kind == RS_THREAD_EVENT && (!what || strcmp(what, "other") == 0))
        return other_label();
    return what ? what : "";
}

size_t rs_thread_kind_labels(const char **labels, size_t max)
{
    size_t n = sizeof kind_labels / sizeof kind_labels[0];
    for (size_t i = 0; i < n && i < max; i++)
        labels[i] = _(kind_labels[i].label);
    if (n < max)
        labels[n] = other_label();
    return n + 1;
}

/* A role as the label of a list of parties in a card's who line: the
 * reader's role words where they are short enough (English, Chinese), a
 * shorter noun where they are not (Russian: "обвинитель", not
 * "обвиняющая сторона"), so that a line cut short still says who was
 * accused. */
static const char *role_word(int role)
{
    switch (role) {
    /* TRANSLATORS: in the incident thread, before the parties that speak ("speaker: China"); short. */
    case 0: return P_("thread role", "speaker");
    /* TRANSLATORS: in the incident thread, before the accusing parties ("accuser: United Kingdom"); short. */
    case 1: return P_("thread role", "accuser");
    /* TRANSLATORS: in the incident thread, before the accused parties ("accused: China"); short. */
    case 2: return P_("thread role", "accused");
    /* TRANSLATORS: in the incident thread, before the parties harmed ("victim: Microsoft"); short. */
    case 3: return P_("thread role", "victim");
    /* TRANSLATORS: in the incident thread, before the parties only mentioned ("mentioned: Japan, Canada"); short. */
    default: return P_("thread role", "mentioned");
    }
}

/* text with each ASCII space made a no-break space (caller frees). */
static char *unbroken(const char *text)
{
    size_t spaces = 0, n = strlen(text);
    for (size_t i = 0; i < n; i++)
        spaces += text[i] == ' ';
    char *out = rs_xmalloc(n + spaces + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == ' ')
            *o++ = '\xc2', *o++ = '\xa0';
        else
            *o++ = text[i];
    }
    *o = '\0';
    return out;
}

static bool has_role(const char *roles, const char *role)
{
    size_t n = strlen(role);
    for (const char *p = roles ? roles : ""; *p;) {
        size_t k = strcspn(p, " ");
        if (k == n && strncmp(p, role, n) == 0)
            return true;
        p += k;
        while (*p == ' ')
            p++;
    }
    return false;
}

/* Who, grouped by role: for an event the accusing roles first, "accuser:
 * United Kingdom, European Union · accused: China"; for a statement its
 * speaker first, since who answered is what its card is about (and what a
 * line cut short must keep). "" without parties. */
static char *who_text(const rs_thread_entry *e)
{
    static const int event_order[] = {1, 2, 3, 0, 4};     /* accuser, accused, victim, speaker, mentioned */
    static const int statement_order[] = {0, 1, 2, 3, 4}; /* speaker, accuser, accused, victim, mentioned */
    const int *order = e->kind == RS_THREAD_STATEMENT ? statement_order : event_order;
    char *text = copy("");
    for (size_t r = 0; r < sizeof event_order / sizeof event_order[0]; r++) {
        char *names = NULL;
        for (size_t i = 0; i < e->party_count; i++) {
            const rs_country_link *p = &e->parties[i];
            if (!has_role(p->roles, rs_roles[order[r]]))
                continue;
            const char *name = p->name && p->name[0] ? p->name : p->code;
            char *joined = names ? rs_xasprintf("%s%s%s", names, _(", "), name) : copy(name);
            free(names);
            names = joined;
        }
        if (!names)
            continue;
        /* A wrapped line never breaks inside a role word, nor between it
         * and the first name, nor before a " · ". */
        char *role = unbroken(role_word(order[r]));
        /* TRANSLATORS: in the incident thread: a role and the parties that have it ("accuser: United Kingdom"). */
        char *group = rs_xasprintf(_("%1$s: %2$s"), role, names);
        const char *at = strstr(group, names);
        if (at && at > group && at[-1] == ' ') {
            char *held = rs_xasprintf("%.*s\xc2\xa0%s", (int)(at - 1 - group), group, at);
            free(group);
            group = held;
        }
        free(role), free(names);
        char *joined = text[0] ? rs_xasprintf("%s\xc2\xa0· %s", text, group) : copy(group);
        free(group);
        free(text);
        text = joined;
    }
    return text;
}

static void clear_item(rs_thread_item *item)
{
    free(item->side_label), free(item->head), free(item->when), free(item->what), free(item->who);
    free(item->title), free(item->line);
    free(item->note), free(item->source);
    memset(item, 0, sizeof *item);
}

static void fill_item(rs_thread_item *item, const rs_thread_entry *e, int64_t index)
{
    memset(item, 0, sizeof *item);
    item->index = index;
    item->kind = e->kind;
    item->id = e->id;
    item->side = rs_thread_side_of(e);
    item->dated = e->date && e->date[0];
    snprintf(item->slug, sizeof item->slug, "%s", e->kind == RS_THREAD_STATEMENT && e->slug ? e->slug : "");
    item->side_label = copy(item->side == RS_SIDE_ACCUSATION ? _("Accusation")
                            : item->side == RS_SIDE_ANSWER   ? _("Answer")
                                                             : "");
    char date[128];
    rs_i18n_date(e->date, e->date_note != NULL, date, sizeof date);
    item->when = copy(date);
    item->what = copy(kind_label(e->what, e->kind));
    item->head = rs_xasprintf("%s · %s", item->when, item->what);
    item->who = who_text(e);
    item->title = e->kind == RS_THREAD_STATEMENT ? copy(e->title) : NULL;
    item->line = copy(e->line);
    if (e->kind == RS_THREAD_EVENT) {
        item->note = e->date_note ? copy(e->date_note) : NULL;
        item->source = e->url ? copy(e->url) : NULL;
    }
}

/* One entry at index into item; false on a read error or past the end. */
static bool read_one(rs_thread_screen *t, int64_t index, rs_thread_item *item)
{
    rs_thread page = {0};
    t->reads++;
    bool ok = t->pager.page(t->pager.context, t->incident_id, index, 1, &page) && page.count == 1;
    if (ok)
        fill_item(item, &page.items[0], index);
    t->pager.clear(&page);
    return ok;
}

/* Where the undated entries start: they are last (RS_THREAD_ORDER), so the
 * last entry tells whether there are any, and a binary search where. */
static bool find_undated(rs_thread_screen *t)
{
    t->undated_start = t->count;
    if (t->count == 0)
        return true;
    rs_thread_item item;
    if (!read_one(t, t->count - 1, &item))
        return false;
    bool dated = item.dated;
    clear_item(&item);
    if (dated)
        return true;
    int64_t low = 0, high = t->count - 1; /* the first undated is in [low, high] */
    while (low < high) {
        int64_t mid = low + (high - low) / 2;
        if (!read_one(t, mid, &item))
            return false;
        dated = item.dated;
        clear_item(&item);
        if (dated)
            low = mid + 1;
        else
            high = mid;
    }
    t->undated_start = low;
    return true;
}

rs_thread_screen *rs_thread_screen_create(const rs_thread_pager *pager, int64_t incident_id, int64_t count,
                                          int64_t unfolded)
{
    rs_thread_screen *t = rs_xcalloc(1, sizeof *t);
    t->pager = *pager;
    t->incident_id = incident_id;
    t->count = count > 0 ? count : 0;
    t->unfolded = -1;
    if (!find_undated(t)) {
        rs_thread_screen_destroy(t);
        return NULL;
    }
    if (unfolded >= 0 && unfolded < t->count) {
        if (!read_one(t, unfolded, &t->unfolded_item)) {
            rs_thread_screen_destroy(t);
            return NULL;
        }
        if (t->unfolded_item.kind == RS_THREAD_EVENT)
            t->unfolded = unfolded;
        else
            clear_item(&t->unfolded_item);
    }
    return t;
}

void rs_thread_screen_destroy(rs_thread_screen *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->window_count; i++)
        clear_item(&t->window[i]);
    clear_item(&t->unfolded_item);
    free(t);
}

int64_t rs_thread_screen_count(const rs_thread_screen *t)
{
    return t->count;
}

int64_t rs_thread_screen_undated_start(const rs_thread_screen *t)
{
    return t->undated_start;
}

int64_t rs_thread_screen_unfolded(const rs_thread_screen *t)
{
    return t->unfolded;
}

const rs_thread_item *rs_thread_screen_unfolded_item(const rs_thread_screen *t)
{
    return t->unfolded >= 0 ? &t->unfolded_item : NULL;
}

bool rs_thread_screen_prepare(rs_thread_screen *t, int64_t first, int64_t last)
{
    if (t->count == 0)
        return true;
    if (first < 0)
        first = 0;
    if (last >= t->count)
        last = t->count - 1;
    if (first > last)
        return true;
    if (first >= t->window_start && last < t->window_start + (int64_t)t->window_count)
        return true;
    /* A new window centred on what is asked for, as statement lists do. */
    int64_t span = last - first + 1;
    int64_t start = first - (RS_THREAD_WINDOW - span) / 2;
    if (start > t->count - RS_THREAD_WINDOW)
        start = t->count - RS_THREAD_WINDOW;
    if (start < 0)
        start = 0;
    rs_thread page = {0};
    t->reads++;
    if (!t->pager.page(t->pager.context, t->incident_id, start, RS_THREAD_WINDOW, &page)) {
        t->pager.clear(&page);
        return false;
    }
    for (size_t i = 0; i < t->window_count; i++)
        clear_item(&t->window[i]);
    size_t n = page.count < RS_THREAD_WINDOW ? page.count : RS_THREAD_WINDOW;
    for (size_t i = 0; i < n; i++)
        fill_item(&t->window[i], &page.items[i], start + (int64_t)i);
    t->window_start = start;
    t->window_count = n;
    t->pager.clear(&page);
    return true;
}

const rs_thread_item *rs_thread_screen_item(const rs_thread_screen *t, int64_t index)
{
    if (index < t->window_start || index >= t->window_start + (int64_t)t->window_count)
        return NULL;
    return &t->window[index - t->window_start];
}

size_t rs_thread_screen_reads(const rs_thread_screen *t)
{
    return t->reads;
}

/* ---- the screen: the incident's heading and summary over its thread ---- */

/* chosen ("%s events") with n in it, the number held to its word by a
 * no-break space, so a wrapped subheading never leaves "6" at the end of
 * one line and "событий" at the start of the next. */
static char *counted(const char *chosen, int64_t n)
{
    char number[48];
    rs_i18n_number(n, number, sizeof number);
    char *text = rs_i18n_counted(chosen, n);
    const char *at = strstr(chosen, "%s ");
    if (!at)
        return text;
    size_t space = (size_t)(at - chosen) + strlen(number); /* the space after the number in text */
    char *held = rs_xasprintf("%.*s\xc2\xa0%s", (int)space, text, text + space + 1);
    free(text);
    return held;
}

bool rs_thread_screen_build(rs_screen *s, rs_bundle *b, const rs_nav_entry *entry, const rs_thread_pager *pager,
                            char *error, size_t error_size)
{
    rs_incident_detail incident;
    if (!rs_bundle_incident(b, entry->route.slug, &incident)) {
        snprintf(error, error_size, _("This bundle has no incident '%s'."), entry->route.slug);
        return false;
    }
    s->kind = RS_SCREEN_THREAD;
    s->crumb = copy(incident.name);
    s->heading = copy(incident.name);
    char date[128];
    rs_i18n_date(incident.date, incident.date_note != NULL, date, sizeof date);
    char *statements = counted(ngettext("%s statement", "%s statements", rs_i18n_plural_n(incident.count)), incident.count);
    if (incident.event_count > 0) {
        char *events = counted(ngettext("%s event", "%s events", rs_i18n_plural_n(incident.event_count)),
                               incident.event_count);
        s->subheading = rs_xasprintf("%s · %s · %s", date, events, statements);
        free(events);
    } else {
        s->subheading = rs_xasprintf("%s · %s", date, statements);
    }
    free(statements);
    s->summary = incident.summary ? copy(incident.summary) : NULL;
    /* count + event_count, each never negative, never past INT64_MAX. */
    int64_t a = incident.count > 0 ? incident.count : 0, e = incident.event_count > 0 ? incident.event_count : 0;
    int64_t count = a > INT64_MAX - e ? INT64_MAX : a + e;
    s->spec = (rs_list_spec){.kind = RS_LIST_INCIDENT, .role = -1, .incident_id = incident.id};
    s->count = count;
    rs_incident_detail_clear(&incident);
    /* Its map (issue 14): a link chip under the heading. */
    rs_grow(&s->chips, &s->chip_capacity, s->chip_count + 1, sizeof *s->chips);
    rs_chip *map = &s->chips[s->chip_count++];
    memset(map, 0, sizeof *map);
    map->label = copy(_("Map"));
    map->is_link = true;
    map->route.kind = RS_ROUTE_MAP;
    snprintf(map->route.slug, sizeof map->route.slug, "%s", entry->route.slug);
    s->thread = rs_thread_screen_create(pager, s->spec.incident_id, count, entry->expanded - 1);
    return s->thread != NULL;
}

bool rs_thread_statement_place(rs_bundle *b, int64_t incident_id, int64_t statement_id, rs_list_place *place)
{
    /* The incident's statement list is in time order, which is id order:
     * a binary search of one-row reads. */
    rs_list_spec spec = {.kind = RS_LIST_INCIDENT, .role = -1, .incident_id = incident_id};
    int64_t count;
    if (!rs_bundle_list_count(b, &spec, &count))
        return false;
    int64_t low = 0, high = count - 1;
    while (low <= high) {
        int64_t mid = low + (high - low) / 2;
        rs_statement_rows rows;
        if (!rs_bundle_list_page(b, &spec, mid, 1, &rows))
            return false;
        int64_t id = rows.count == 1 ? rows.items[0].id : -1;
        rs_statement_rows_clear(&rows);
        if (id < 0)
            return false;
        if (id == statement_id) {
            *place = (rs_list_place){.valid = true, .spec = spec, .pos = mid};
            return true;
        }
        if (id < statement_id)
            low = mid + 1;
        else
            high = mid - 1;
    }
    return false;
}
