/*
 * Fuzz target: the curator's source files (db/build/source.c).
 *
 * Every input is parsed as every kind of source file: a statement (with
 * the real ISO 3166-1 table and a small parties.yaml, keeping the body, and
 * without either, not keeping it), incidents.yaml (with and without the
 * parties), bundle.yaml and parties.yaml. Besides "no crash, no leak, no
 * undefined behaviour", each parse must keep its word:
 *
 *  - it returns true exactly when it added no diagnostic;
 *  - every diagnostic is one line "path:LINE: message" (or "path: message")
 *    of valid UTF-8, since the builder prints them for a curator;
 *  - a statement that passes has id (a slug), title, language and kind, a
 *    non-empty body, valid UTF-8 everywhere, party codes that are two
 *    capitals or parties.yaml's, each with at least one known role, and
 *    incident slugs;
 *  - an incident list that passes has slug, name and summary in each item,
 *    no duplicate slug, and events with a known kind, a summary and a
 *    party; a bundle.yaml that passes has a title, and always a language;
 *  - a parties.yaml that passes has distinct codes of 2-12 capitals and
 *    digits, a known kind and a name, and members of two capitals;
 *  - every translation has a language tag, a non-empty value and a line.
 */
#include <stdbool.h>
#include <string.h>

#include "bundle_format.h"
#include "fuzz.h"
#include "source.h"
#include "utf8.h"

#define PATH "fuzz.txt"

static const rs_countries *countries(void)
{
    static rs_countries *table;
    static bool tried;
    if (!tried) {
        char error[512];
        tried = true;
        table = rs_countries_load(RS_ISO_3166_DEFAULT_PATH, error, sizeof error);
        if (!table)
            fprintf(stderr, "fuzz_source: %s; statements are checked without a country table\n", error);
    }
    return table;
}

static void check_text(const char *text)
{
    if (text)
        FUZZ_CHECK(rs_utf8_valid(text, strlen(text), NULL));
}

/* The parties the statements and events may name besides countries. */
static const char parties_yaml[] = "- code: EU\n  kind: organisation\n"
                                   "  name: {en: European Union, zh-Hans: 欧洲联盟, ru: Европейский союз}\n"
                                   "  short: {en: EU, ru: ЕС}\n  members: [AT, BE]\n"
                                   "- code: FVEY\n  kind: alliance\n  name: Five Eyes\n"
                                   "- code: MSFT\n  kind: company\n  name: Microsoft\n";

static const rs_party_list *parties(void)
{
    static rs_party_list list;
    static bool parsed;
    if (!parsed) {
        rs_diags *diags = rs_diags_create();
        rs_source_context context = {.countries = countries(), .default_language = "en"};
        parsed = true;
        if (!rs_source_parse_parties("parties.yaml", parties_yaml, strlen(parties_yaml), &context, &list, diags)) {
            rs_diags_print(diags, stderr);
            FUZZ_CHECK(!"the harness's parties.yaml parses");
        }
        rs_diags_destroy(diags);
    }
    return &list;
}

static void check_translations(const rs_translations *t)
{
    for (size_t i = 0; i < t->count; i++) {
        const rs_translation *item = &t->items[i];
        FUZZ_CHECK(item->field && item->field[0]);
        FUZZ_CHECK(item->language && item->language[0] && item->value && item->value[0]);
        FUZZ_CHECK(item->line > 0);
        check_text(item->language);
        check_text(item->value);
    }
}

/* A party code as a list holds it: two capitals, or one of parties. */
static void check_party_ref(const rs_country_ref *c, const rs_party_list *list)
{
    bool iso = c->code[0] >= 'A' && c->code[0] <= 'Z' && c->code[1] >= 'A' && c->code[1] <= 'Z' && c->code[2] == '\0';
    FUZZ_CHECK(iso || rs_party_list_find(list, c->code) != NULL);
    FUZZ_CHECK(c->roles != 0 && c->roles < (1u << RS_ROLE_COUNT));
    FUZZ_CHECK(c->line > 0);
}

/* The parser's result and its diagnostics agree, and each diagnostic is one
 * well-formed line. */
static void check_diags(bool ok, const rs_diags *diags, size_t before)
{
    size_t count = rs_diags_count(diags);
    FUZZ_CHECK(ok == (count == before));
    for (size_t i = before; i < count; i++) {
        const char *entry = rs_diags_get(diags, i);
        FUZZ_CHECK(strncmp(entry, PATH ":", strlen(PATH ":")) == 0);
        FUZZ_CHECK(strchr(entry, '\n') == NULL && strchr(entry, '\r') == NULL);
        FUZZ_CHECK(rs_utf8_valid(entry, strlen(entry), NULL));
    }
}

static void check_statement(const rs_statement_source *s, const rs_party_list *list, bool ok, bool keep_body)
{
    const char *strings[] = {s->id, s->title, s->title_note, s->date_text, s->date_note, s->outlet, s->speaker,
                             s->speaker_role, s->language, s->url, s->kind, s->same_as, s->body, s->note};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        check_text(strings[i]);
    for (size_t i = 0; i < s->country_count; i++)
        check_party_ref(&s->countries[i], list);
    check_translations(&s->translations);
    for (size_t i = 0; i < s->incident_count; i++)
        FUZZ_CHECK(rs_source_is_slug(s->incidents[i].slug));
    if (s->body) {
        FUZZ_CHECK(strlen(s->body) == s->body_bytes);
        FUZZ_CHECK(s->body_bytes > 0);
    }
    if (!ok)
        return;
    FUZZ_CHECK(s->id && rs_source_is_slug(s->id));
    FUZZ_CHECK(s->title && s->title[0]);
    FUZZ_CHECK(s->language && s->language[0]);
    FUZZ_CHECK(s->kind && s->kind[0]);
    FUZZ_CHECK(s->body_bytes > 0);
    FUZZ_CHECK(keep_body == (s->body != NULL));
    if (s->date_text)
        FUZZ_CHECK(s->date.year >= 1 && s->date.year <= 9999);
}

static void parse_statement(const char *data, size_t size, const rs_countries *table, const rs_party_list *list,
                            bool keep_body)
{
    rs_diags *diags = rs_diags_create();
    rs_statement_source statement;
    rs_source_context context = {.countries = table, .parties = list, .default_language = list ? "en" : NULL};
    bool ok = rs_source_parse_statement(PATH, data, size, &context, keep_body, &statement, diags);
    check_diags(ok, diags, 0);
    check_statement(&statement, list, ok, keep_body);
    rs_statement_source_clear(&statement);
    rs_diags_destroy(diags);
}

static void check_event(const rs_event_source *e, const rs_party_list *list, bool ok)
{
    const char *strings[] = {e->date_text, e->date_note, e->kind, e->summary, e->url};
    for (size_t k = 0; k < sizeof strings / sizeof strings[0]; k++)
        check_text(strings[k]);
    for (size_t k = 0; k < e->party_count; k++)
        check_party_ref(&e->parties[k], list);
    check_translations(&e->translations);
    FUZZ_CHECK(e->line > 0);
    if (!ok)
        return;
    bool known = false;
    for (size_t k = 0; k < RS_EVENT_KIND_COUNT; k++)
        known |= e->kind && strcmp(e->kind, rs_event_kinds[k]) == 0;
    FUZZ_CHECK(known);
    FUZZ_CHECK(e->summary && e->party_count > 0);
    if (e->date_text)
        FUZZ_CHECK(e->date.year >= 1 && e->date.year <= 9999);
}

static void parse_incidents(const char *data, size_t size, const rs_countries *table, const rs_party_list *parties_list)
{
    rs_diags *diags = rs_diags_create();
    rs_incident_list list;
    rs_source_context context = {.countries = table, .parties = parties_list};
    bool ok = rs_source_parse_incidents(PATH, data, size, table ? &context : NULL, &list, diags);
    check_diags(ok, diags, 0);
    for (size_t i = 0; i < list.count; i++) {
        const rs_incident_source *incident = &list.items[i];
        const char *strings[] = {incident->slug, incident->name, incident->date_text, incident->date_note,
                                 incident->summary};
        for (size_t k = 0; k < sizeof strings / sizeof strings[0]; k++)
            check_text(strings[k]);
        check_translations(&incident->translations);
        for (size_t k = 0; k < incident->event_count; k++)
            check_event(&incident->events[k], parties_list, ok);
        if (!ok)
            continue;
        FUZZ_CHECK(incident->slug && rs_source_is_slug(incident->slug));
        FUZZ_CHECK(incident->name && incident->summary);
        for (size_t k = 0; k < i; k++)
            FUZZ_CHECK(strcmp(list.items[k].slug, incident->slug) != 0);
    }
    rs_incident_list_clear(&list);
    rs_diags_destroy(diags);
}

static void parse_bundle(const char *data, size_t size)
{
    rs_diags *diags = rs_diags_create();
    rs_bundle_source bundle;
    bool ok = rs_source_parse_bundle(PATH, data, size, &bundle, diags);
    check_diags(ok, diags, 0);
    check_text(bundle.title);
    check_text(bundle.description);
    FUZZ_CHECK(bundle.language && bundle.language[0]);
    check_translations(&bundle.translations);
    if (ok)
        FUZZ_CHECK(bundle.title != NULL);
    rs_bundle_source_clear(&bundle);
    rs_diags_destroy(diags);
}

static void check_party(const rs_party_list *list, size_t i, bool ok)
{
    const rs_party_source *p = &list->items[i];
    check_text(p->kind);
    check_text(p->name);
    check_text(p->short_name);
    check_translations(&p->translations);
    for (size_t k = 0; k < p->member_count; k++)
        FUZZ_CHECK(p->members[k][0] >= 'A' && p->members[k][0] <= 'Z' && p->members[k][1] >= 'A' &&
                   p->members[k][1] <= 'Z' && p->members[k][2] == '\0');
    size_t length = strlen(p->code);
    FUZZ_CHECK(length == 0 || (length >= 2 && length <= RS_PARTY_CODE_MAX));
    for (size_t k = 0; k < length; k++)
        FUZZ_CHECK((p->code[k] >= 'A' && p->code[k] <= 'Z') || (p->code[k] >= '0' && p->code[k] <= '9'));
    if (!ok)
        return;
    FUZZ_CHECK(length > 0 && p->kind && p->name);
    bool known = false;
    for (size_t k = 1; k < RS_PARTY_KIND_COUNT; k++)
        known |= strcmp(p->kind, rs_party_kinds[k]) == 0;
    FUZZ_CHECK(known);
    for (size_t k = 0; k < i; k++)
        FUZZ_CHECK(strcmp(list->items[k].code, p->code) != 0);
}

static void parse_parties(const char *data, size_t size)
{
    rs_diags *diags = rs_diags_create();
    rs_party_list list;
    rs_source_context context = {.countries = countries(), .default_language = "zh-Hans"};
    bool ok = rs_source_parse_parties(PATH, data, size, &context, &list, diags);
    check_diags(ok, diags, 0);
    for (size_t i = 0; i < list.count; i++)
        check_party(&list, i, ok);
    rs_party_list_clear(&list);
    rs_diags_destroy(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    parse_statement(text, size, countries(), parties(), true);
    parse_statement(text, size, NULL, NULL, false);
    parse_incidents(text, size, countries(), parties());
    parse_incidents(text, size, NULL, NULL);
    parse_bundle(text, size);
    parse_parties(text, size);
    return 0;
}
