/*
 * Parsing incidents.yaml (the incidents, each with its events) and
 * bundle.yaml (the collection's title, description and language).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "expect.h"
#include "source_private.h"

/* ---- events ---- */

enum event_field { E_DATE, E_DATE_NOTE, E_KIND, E_PARTIES, E_SUMMARY, E_URL, E_COUNT };
static const char *const event_fields[E_COUNT] = {"date", "date_note", "kind", "parties", "summary", "url"};

static const rs_text_field event_summary = {"summary", "summary", RS_FIELD_EVENT_SUMMARY};
static const rs_text_field event_date_note = {"date_note", NULL, RS_FIELD_DATE_NOTE};

typedef struct event_context {
    rs_event_source *out;
    const rs_source_context *context;
    unsigned field_line[E_COUNT];
    bool reported[E_COUNT]; /* the field had a problem, already said */
    size_t party_capacity;
} event_context;

static void check_event_kind(yaml_source *ys, unsigned line, const char *kind, rs_diags *diags)
{
    for (size_t i = 0; i < RS_EVENT_KIND_COUNT; i++)
        if (strcmp(kind, rs_event_kinds[i]) == 0)
            return;
    char known[160], hint[64];
    rs_source_join(rs_event_kinds, RS_EVENT_KIND_COUNT, known, sizeof known);
    rs_source_hint(kind, rs_event_kinds, RS_EVENT_KIND_COUNT, hint, sizeof hint);
    rs_diags_add(diags, ys->path, line, "unknown event kind '%s' (kinds: %s)%s", QUOTED(kind, 40), known, hint);
}

static void read_event_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                             rs_diags *diags)
{
    event_context *ec = context;
    rs_event_source *out = ec->out;
    unsigned line = rs_yaml_line(ys, key);
    ec->field_line[field] = line;
    const char *language = rs_source_default_language(ec->context);
    bool empty;
    switch ((enum event_field)field) {
    case E_SUMMARY:
        out->summary = rs_yaml_text(ys, key, value, &event_summary, language, &out->translations, diags);
        return;
    case E_DATE_NOTE:
        out->date_note = rs_yaml_text(ys, key, value, &event_date_note, language, NULL, diags);
        return;
    case E_PARTIES:
        rs_party_refs_parse(ys, value, "parties", ec->context, &out->parties, &out->party_count, &ec->party_capacity,
                            diags);
        rs_source_check_link_count(ys->path, line, "parties", out->party_count, RS_LIMIT_COUNTRIES, diags);
        return;
    case E_DATE:
        out->date_text = rs_yaml_scalar(ys, value, "date", &empty, diags);
        if (out->date_text)
            rs_source_parse_date(ys->path, line, out->date_text, &out->date, diags);
        return;
    case E_KIND:
        out->kind = rs_yaml_scalar(ys, value, "kind", &empty, diags);
        if (out->kind)
            check_event_kind(ys, line, out->kind, diags);
        return;
    case E_URL:
        out->url = rs_yaml_scalar(ys, value, "url", &empty, diags);
        if (out->url) {
            rs_source_check_limit(ys->path, line, RS_FIELD_URL, "url", out->url, strlen(out->url), diags);
            rs_source_check_url(ys->path, line, out->url, diags);
        }
        return;
    case E_COUNT:
        return;
    }
}

static void handle_event_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                               rs_diags *diags)
{
    event_context *ec = context;
    size_t errors_before = rs_diags_count(diags);
    read_event_field(context, field, ys, key, value, diags);
    ec->reported[field] = rs_diags_count(diags) != errors_before;
}

/* One event: its fields, then what is missing. */
static void parse_event(yaml_source *ys, yaml_node_t *node, const rs_source_context *context, rs_event_source *event,
                        rs_diags *diags)
{
    memset(event, 0, sizeof *event);
    event->line = rs_yaml_line(ys, node);
    event_context ec = {.out = event, .context = context};
    rs_yaml_walk(ys, node, event_fields, E_COUNT, "event", handle_event_field, &ec, diags);
    const int required[] = {E_KIND, E_SUMMARY, E_PARTIES};
    const bool present[] = {event->kind != NULL, event->summary != NULL, event->party_count > 0};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        unsigned line = ec.field_line[required[i]];
        if (present[i])
            continue;
        if (line == 0)
            rs_diags_add(diags, ys->path, event->line, "event is missing required field '%s'",
                         event_fields[required[i]]);
        else if (!ec.reported[required[i]])
            rs_diags_add(diags, ys->path, line, "field '%s' is empty%s", event_fields[required[i]],
                         required[i] == E_PARTIES ? " (an event needs a party, e.g. 'GB: accuser')" : "");
    }
}

/* events: a list of events (or nothing). */
static void parse_events(yaml_source *ys, yaml_node_t *value, const rs_source_context *context,
                         rs_incident_source *incident, rs_diags *diags)
{
    if (value->type == YAML_SCALAR_NODE && value->data.scalar.length == 0)
        return;
    if (value->type != YAML_SEQUENCE_NODE) {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, value),
                     "field 'events' must be a list of events ('- date: ...', with kind, parties and summary)");
        return;
    }
    size_t capacity = 0;
    for (yaml_node_item_t *item = value->data.sequence.items.start; item < value->data.sequence.items.top; item++) {
        yaml_node_t *node = rs_yaml_node(ys, *item);
        if (!node)
            continue;
        if (node->type != YAML_MAPPING_NODE) {
            rs_diags_add(diags, ys->path, rs_yaml_line(ys, node),
                         "each event must be a set of fields (date, date_note, kind, parties, summary, url)");
            continue;
        }
        rs_grow(&incident->events, &capacity, incident->event_count + 1, sizeof *incident->events);
        parse_event(ys, node, context, &incident->events[incident->event_count++], diags);
    }
}

static void event_clear(rs_event_source *e)
{
    free(e->date_text), free(e->date_note), free(e->kind), free(e->summary), free(e->url);
    free(e->parties);
    rs_translations_clear(&e->translations);
}

/* ---- incidents.yaml ---- */

enum incident_field { I_SLUG, I_NAME, I_DATE, I_DATE_NOTE, I_SUMMARY, I_EVENTS, I_COUNT };
static const char *const incident_fields[I_COUNT] = {"slug", "name", "date", "date_note", "summary", "events"};

static const rs_text_field incident_texts[I_COUNT] = {
    [I_NAME] = {"name", "name", RS_FIELD_INCIDENT_NAME},
    [I_DATE_NOTE] = {"date_note", NULL, RS_FIELD_DATE_NOTE},
    [I_SUMMARY] = {"summary", "summary", RS_FIELD_INCIDENT_SUMMARY},
};

typedef struct incident_context {
    rs_incident_source *out;
    const rs_source_context *context;
    unsigned field_line[I_COUNT];
    bool reported[I_COUNT]; /* the field had a problem, already said */
} incident_context;

static void handle_incident_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                  rs_diags *diags)
{
    incident_context *ic = context;
    rs_incident_source *out = ic->out;
    unsigned line = rs_yaml_line(ys, key);
    ic->field_line[field] = line;
    char **slots[I_COUNT] = {&out->slug, &out->name, &out->date_text, &out->date_note, &out->summary, NULL};
    if (field == I_EVENTS) {
        parse_events(ys, value, ic->context, out, diags);
        return;
    }
    if (incident_texts[field].name) {
        size_t errors_before = rs_diags_count(diags);
        *slots[field] = rs_yaml_text(ys, key, value, &incident_texts[field],
                                     rs_source_default_language(ic->context), &out->translations, diags);
        ic->reported[field] = !*slots[field] && rs_diags_count(diags) != errors_before;
        return;
    }
    bool empty;
    char *text = rs_yaml_scalar(ys, value, incident_fields[field], &empty, diags);
    if (!text)
        return;
    *slots[field] = text;
    if (field == I_SLUG && !rs_source_is_slug(text))
        rs_diags_add(diags, ys->path, line,
                     "slug '%s' is not a slug (1-100 lower-case letters, digits and single hyphens)",
                     QUOTED(text, 60));
    if (field == I_DATE)
        rs_source_parse_date(ys->path, line, text, &out->date, diags);
}

/* One incident: its fields, then what is missing, then whether its slug
 * came before. */
static void parse_incident(yaml_source *ys, yaml_node_t *node, const rs_source_context *context,
                           rs_incident_list *list, rs_diags *diags)
{
    rs_incident_source *incident = &list->items[list->count - 1];
    memset(incident, 0, sizeof *incident);
    incident->line = rs_yaml_line(ys, node);
    incident_context ic = {.out = incident, .context = context};
    rs_yaml_walk(ys, node, incident_fields, I_COUNT, "incident", handle_incident_field, &ic, diags);
    const int required[] = {I_SLUG, I_NAME, I_SUMMARY};
    const char *required_values[] = {incident->slug, incident->name, incident->summary};
    for (size_t i = 0; i < 3; i++) {
        if (required_values[i])
            continue;
        if (ic.reported[required[i]])
            continue;
        if (ic.field_line[required[i]])
            rs_diags_add(diags, ys->path, ic.field_line[required[i]], "field '%s' is empty",
                         incident_fields[required[i]]);
        else
            rs_diags_add(diags, ys->path, incident->line, "incident is missing required field '%s'",
                         incident_fields[required[i]]);
    }
    for (size_t i = 0; incident->slug && i + 1 < list->count; i++)
        if (list->items[i].slug && strcmp(list->items[i].slug, incident->slug) == 0)
            rs_diags_add(diags, ys->path, incident->line, "duplicate incident slug '%s' (first on line %u)",
                         QUOTED(incident->slug, 60), list->items[i].line);
}

typedef struct incident_state {
    const rs_source_context *context;
    rs_incident_list *out;
    size_t capacity;
} incident_state;

static void incident_item(yaml_source *ys, yaml_node_t *node, void *state, rs_diags *diags)
{
    incident_state *p = state;
    rs_grow(&p->out->items, &p->capacity, p->out->count + 1, sizeof *p->out->items);
    p->out->count++;
    parse_incident(ys, node, p->context, p->out, diags);
}

bool rs_source_parse_incidents(const char *path, const char *data, size_t size, const rs_source_context *context,
                               rs_incident_list *out, rs_diags *diags)
{
    memset(out, 0, sizeof *out);
    incident_state state = {.context = context, .out = out};
    return rs_yaml_parse_list_file(path, data, size,
                                   "each incident must be a set of fields (slug, name, date, date_note, summary, events)",
                                   "incidents.yaml must be a list of incidents ('- slug: ...')", incident_item, &state,
                                   diags);
}

void rs_incident_list_clear(rs_incident_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        rs_incident_source *s = &list->items[i];
        free(s->slug), free(s->name), free(s->date_text), free(s->date_note), free(s->summary);
        for (size_t e = 0; e < s->event_count; e++)
            event_clear(&s->events[e]);
        free(s->events);
        rs_translations_clear(&s->translations);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- bundle.yaml ---- */

enum bundle_field { B_TITLE, B_DESCRIPTION, B_LANGUAGE, B_COUNT };
static const char *const bundle_fields[B_COUNT] = {"title", "description", "language"};
static const rs_text_field bundle_texts[] = {
    {"title", "title", RS_FIELD_COLLECTION_TITLE},
    {"description", "description", RS_FIELD_COLLECTION_DESCRIPTION},
};

/* The language comes first (a translated title's base value is in it), so
 * title and description are only noted here and read after the walk. */
typedef struct bundle_context {
    rs_bundle_source *out;
    yaml_node_t *key[2], *value[2];
} bundle_context;

static void handle_bundle_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                rs_diags *diags)
{
    bundle_context *bc = context;
    if (field != B_LANGUAGE) {
        bc->key[field] = key, bc->value[field] = value;
        return;
    }
    bool empty;
    char *text = rs_yaml_scalar(ys, value, "language", &empty, diags);
    if (text && !rs_source_is_language_tag(text)) {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, key),
                     "language '%s' is not a BCP 47 tag such as en, zh-Hans or ru", QUOTED(text, 40));
        free(text);
        text = NULL;
    }
    bc->out->language = text;
}

bool rs_source_parse_bundle(const char *path, const char *data, size_t size, rs_bundle_source *out, rs_diags *diags)
{
    size_t errors_before = rs_diags_count(diags);
    memset(out, 0, sizeof *out);
    yaml_source ys = {.path = path, .line_offset = 1};
    bool loaded = rs_yaml_load_file(&ys, data, size, diags);
    bundle_context bc = {.out = out};
    yaml_node_t *root = loaded ? yaml_document_get_root_node(&ys.document) : NULL;
    if (root && root->type == YAML_MAPPING_NODE)
        rs_yaml_walk(&ys, root, bundle_fields, B_COUNT, "bundle", handle_bundle_field, &bc, diags);
    else if (loaded)
        rs_diags_add(diags, path, root ? rs_yaml_line(&ys, root) : 1,
                     "bundle.yaml must be 'field: value' lines (title, description, language)");
    if (!out->language)
        out->language = rs_xstrdup("en");
    char **slots[2] = {&out->title, &out->description};
    for (int i = 0; i < 2; i++)
        if (bc.key[i])
            *slots[i] = rs_yaml_text(&ys, bc.key[i], bc.value[i], &bundle_texts[i], out->language, &out->translations,
                                     diags);
    rs_yaml_free(&ys);
    if (!out->title && rs_diags_count(diags) == errors_before)
        rs_diags_add(diags, path, 1, "missing required field 'title'");
    return rs_diags_count(diags) == errors_before;
}

void rs_bundle_source_clear(rs_bundle_source *bundle)
{
    free(bundle->title);
    free(bundle->description);
    free(bundle->language);
    rs_translations_clear(&bundle->translations);
    memset(bundle, 0, sizeof *bundle);
}
