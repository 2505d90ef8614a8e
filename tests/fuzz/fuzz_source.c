/*
 * Fuzz target: the curator's source files (db/build/source.c).
 *
 * Every input is parsed as all three kinds of source file: a statement
 * (with the real ISO 3166-1 table, keeping the body, and without a table,
 * not keeping it), incidents.yaml and bundle.yaml. Besides "no crash, no
 * leak, no undefined behaviour", each parse must keep its word:
 *
 *  - it returns true exactly when it added no diagnostic;
 *  - every diagnostic is one line "path:LINE: message" (or "path: message")
 *    of valid UTF-8, since the builder prints them for a curator;
 *  - a statement that passes has id (a slug), title, language and kind, a
 *    non-empty body, valid UTF-8 everywhere, country codes of
 *    two capitals with at least one known role, and incident slugs;
 *  - an incident list that passes has slug, name and summary in each item,
 *    no duplicate slug; a bundle.yaml that passes has a title.
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

static void check_statement(const rs_statement_source *s, bool ok, bool keep_body)
{
    const char *strings[] = {s->id, s->title, s->title_note, s->date_text, s->date_note, s->outlet, s->speaker,
                             s->speaker_role, s->language, s->url, s->kind, s->same_as, s->body};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        check_text(strings[i]);
    for (size_t i = 0; i < s->country_count; i++) {
        const rs_country_ref *c = &s->countries[i];
        FUZZ_CHECK(c->code[0] >= 'A' && c->code[0] <= 'Z' && c->code[1] >= 'A' && c->code[1] <= 'Z');
        FUZZ_CHECK(c->code[2] == '\0');
        FUZZ_CHECK(c->roles != 0 && c->roles < (1u << RS_ROLE_COUNT));
    }
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

static void parse_statement(const char *data, size_t size, const rs_countries *table, bool keep_body)
{
    rs_diags *diags = rs_diags_create();
    rs_statement_source statement;
    bool ok = rs_source_parse_statement(PATH, data, size, &(rs_source_context){.countries = table}, keep_body, &statement, diags);
    check_diags(ok, diags, 0);
    check_statement(&statement, ok, keep_body);
    rs_statement_source_clear(&statement);
    rs_diags_destroy(diags);
}

static void parse_incidents(const char *data, size_t size)
{
    rs_diags *diags = rs_diags_create();
    rs_incident_list list;
    bool ok = rs_source_parse_incidents(PATH, data, size, NULL, &list, diags);
    check_diags(ok, diags, 0);
    for (size_t i = 0; i < list.count; i++) {
        const rs_incident_source *incident = &list.items[i];
        const char *strings[] = {incident->slug, incident->name, incident->date_text, incident->date_note,
                                 incident->summary};
        for (size_t k = 0; k < sizeof strings / sizeof strings[0]; k++)
            check_text(strings[k]);
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
    if (ok)
        FUZZ_CHECK(bundle.title != NULL);
    rs_bundle_source_clear(&bundle);
    rs_diags_destroy(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    parse_statement(text, size, countries(), true);
    parse_statement(text, size, NULL, false);
    parse_incidents(text, size);
    parse_bundle(text, size);
    return 0;
}
