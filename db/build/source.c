/*
 * Parsing the curator's source files.
 *
 * Headers are YAML, read with libyaml's document loader, which keeps the line
 * of every node: that is what lets each message point at the exact line. The
 * loader gives every scalar as text (no implicit typing), so "NO" stays the
 * country code of Norway and "2021-07-20" stays a string we check ourselves.
 *
 * Line numbers: a statement's header starts on line 2 (line 1 is '---'), so
 * a node on YAML line L (0-based) is on file line L + 2. For incidents.yaml
 * and bundle.yaml the whole file is YAML and the offset is 1.
 */
#include "source.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "bundle_format.h"
#include "distance.h"
#include "expect.h"
#include "field_limits.h"
#include "file.h"
#include "utf8.h"

static const char *const statement_kinds[] = {
    "response", "attribution", "report", "statement", "speech", "interview",
};
#define KIND_COUNT (sizeof statement_kinds / sizeof statement_kinds[0])

enum field {
    F_ID, F_TITLE, F_TITLE_NOTE, F_DATE, F_DATE_NOTE, F_OUTLET, F_SPEAKER, F_SPEAKER_ROLE,
    F_LANGUAGE, F_URL, F_KIND, F_COUNTRIES, F_INCIDENTS, F_SAME_AS, F_TRANSLATION_OF, F_COUNT
};

static const char *const statement_fields[F_COUNT] = {
    "id", "title", "title_note", "date", "date_note", "outlet", "speaker", "speaker_role",
    "language", "url", "kind", "countries", "incidents", "same_as", "translation_of",
};

/* 1-based line of byte offset in data. */
static unsigned line_of_offset(const char *data, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++)
        line += data[i] == '\n';
    return line;
}

/* "; did you mean 'x'?" into hint when one of words is within two edits
 * of input, else "". */
static void closest_hint(const char *input, const char *const *words, size_t count, char *hint,
                         size_t hint_size)
{
    rs_nearest nearest = rs_nearest_start(input, 2);
    for (size_t i = 0; i < count; i++)
        rs_nearest_offer(&nearest, words[i]);
    rs_nearest_hint(&nearest, hint, hint_size);
}

static void join_words(const char *const *words, size_t count, char *out, size_t out_size)
{
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (i)
            strncat(out, ", ", out_size - strlen(out) - 1);
        strncat(out, words[i], out_size - strlen(out) - 1);
    }
}

/* A value from the file as a diagnostic quotes it: at most max_bytes bytes,
 * never a character cut in two, and control characters shown as spaces. A
 * YAML scalar may hold line breaks (a folded or quoted value) or escapes
 * such as "\e", and printing it raw broke the promise that each problem is
 * one line "path:line: message" of valid UTF-8 (found by
 * tests/fuzz/fuzz_source). Returns out. */
static const char *quoted(const char *text, size_t max_bytes, char *out, size_t out_size)
{
    size_t o = 0, length = strlen(text);
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        bool bad = cp == 0xFFFD && n == 1;
        if (o + n > max_bytes || o + n >= out_size)
            break;
        if (cp < 0x20 || cp == 0x7F)
            out[o++] = ' ';
        else if (!bad)
            memcpy(out + o, text + i, n), o += n;
        i += n;
    }
    out[o] = '\0';
    return out;
}

/* quoted() into a buffer that lives until the end of the caller's block. */
#define QUOTED(text, max_bytes) quoted((text), (max_bytes), (char[(max_bytes) + 1]){0}, (max_bytes) + 1)

/* Reports text when it passes the limit of field (field_limits.h):
 * "path:line: title is 60,001 characters; the limit is 1,000". name is the
 * field as the curator wrote it. */
static void check_limit(const char *path, unsigned line, rs_field field, const char *name, const char *text,
                        size_t length, rs_diags *diags)
{
    char problem[160];
    if (!rs_limits_check(field, text, length, problem, sizeof problem))
        rs_diags_add(diags, path, line, "%s %s", name, problem);
}

/* Reports a list of links longer than most: "countries lists 51; the limit is 50". */
static void check_link_count(const char *path, unsigned line, const char *name, size_t count, int most,
                             rs_diags *diags)
{
    if (count > (size_t)most)
        rs_diags_add(diags, path, line, "%s lists %zu; the limit is %d", name, count, most);
}

bool rs_source_is_slug(const char *text)
{
    size_t length = strlen(text);
    if (length == 0 || length > 100 || text[0] == '-' || text[length - 1] == '-')
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && text[i + 1] != '-');
        if (!ok)
            return false;
    }
    return true;
}

/* BCP 47 shape: a 2-3 letter lower-case primary subtag, then subtags of
 * 1-8 letters or digits ("en", "zh-Hans", "zh-Hans-CN", "sr-Latn"). */
static bool is_language_tag(const char *text)
{
    size_t i = 0;
    while (text[i] >= 'a' && text[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    while (text[i] == '-') {
        size_t start = ++i;
        while ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
               (text[i] >= '0' && text[i] <= '9'))
            i++;
        if (i == start || i - start > 8)
            return false;
    }
    return text[i] == '\0';
}

/* ---- YAML helpers ---- */

typedef struct yaml_source {
    const char *path;
    unsigned line_offset; /* file line of YAML line 0 */
    yaml_document_t document;
    bool loaded;
} yaml_source;

static unsigned node_line(const yaml_source *ys, const yaml_node_t *node)
{
    return (unsigned)node->start_mark.line + ys->line_offset;
}

/* Loads one YAML document from text. Reports a syntax error and returns false. */
static bool yaml_source_load(yaml_source *ys, const char *text, size_t length, rs_diags *diags)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        rs_out_of_memory(__FILE__, __LINE__); /* its only failure */
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
    bool ok = yaml_parser_load(&parser, &ys->document);
    if (!ok) {
        const char *problem = parser.problem ? parser.problem : "unreadable YAML";
        unsigned line = (unsigned)parser.problem_mark.line + ys->line_offset;
        if (parser.context)
            rs_diags_add(diags, ys->path, line, "YAML error: %s %s", parser.context, problem);
        else
            rs_diags_add(diags, ys->path, line, "YAML error: %s", problem);
    }
    yaml_parser_delete(&parser);
    ys->loaded = ok;
    return ok;
}

static void yaml_source_free(yaml_source *ys)
{
    if (ys->loaded)
        yaml_document_delete(&ys->document);
    ys->loaded = false;
}

static yaml_node_t *node_at(yaml_source *ys, int index)
{
    return yaml_document_get_node(&ys->document, index);
}

/* The scalar's text with surrounding white space removed, newly allocated;
 * NULL (and a diagnostic) when the node is not a scalar. Empty and "~" mean
 * absent: *empty is set and NULL returned without a diagnostic. */
static char *scalar_text(yaml_source *ys, yaml_node_t *node, const char *field, bool *empty,
                         rs_diags *diags)
{
    *empty = false;
    if (node->type != YAML_SCALAR_NODE) {
        rs_diags_add(diags, ys->path, node_line(ys, node), "field '%s' must be a single value, not a %s",
                     field, node->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
        return NULL;
    }
    const char *value = (const char *)node->data.scalar.value;
    size_t length = node->data.scalar.length;
    while (length && (*value == ' ' || *value == '\t' || *value == '\n'))
        value++, length--;
    while (length && (value[length - 1] == ' ' || value[length - 1] == '\t' || value[length - 1] == '\n'))
        length--;
    bool plain = node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (length == 0 || (plain && length == 1 && value[0] == '~') ||
        (plain && length == 4 && memcmp(value, "null", 4) == 0)) {
        *empty = true;
        return NULL;
    }
    return rs_xstrndup(value, length);
}

/* Header keys: checks each is a known, non-repeated scalar. Calls back with
 * the field index for each good pair. */
typedef void (*field_handler)(void *context, int field, yaml_source *ys, yaml_node_t *key,
                              yaml_node_t *value, rs_diags *diags);

static void walk_mapping(yaml_source *ys, yaml_node_t *mapping, const char *const *fields, int field_count,
                         const char *what, field_handler handle, void *context, rs_diags *diags)
{
    unsigned seen_line[32] = {0};
    for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start; pair < mapping->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *key = node_at(ys, pair->key);
        yaml_node_t *value = node_at(ys, pair->value);
        if (!key || !value)
            continue;
        if (key->type != YAML_SCALAR_NODE) {
            rs_diags_add(diags, ys->path, node_line(ys, key), "a field name must be a plain word");
            continue;
        }
        const char *name = (const char *)key->data.scalar.value;
        int field = -1;
        for (int i = 0; i < field_count; i++)
            if (strcmp(name, fields[i]) == 0)
                field = i;
        if (field < 0) {
            char hint[64], known[512];
            closest_hint(name, fields, (size_t)field_count, hint, sizeof hint);
            join_words(fields, (size_t)field_count, known, sizeof known);
            if (hint[0])
                rs_diags_add(diags, ys->path, node_line(ys, key), "unknown field '%s'%s", QUOTED(name, 60), hint);
            else
                rs_diags_add(diags, ys->path, node_line(ys, key), "unknown field '%s' (%s fields: %s)",
                             QUOTED(name, 60), what, known);
            continue;
        }
        if (seen_line[field]) {
            rs_diags_add(diags, ys->path, node_line(ys, key), "field '%s' appears twice (first on line %u)", name,
                         seen_line[field]);
            continue;
        }
        seen_line[field] = node_line(ys, key);
        handle(context, field, ys, key, value, diags);
    }
}

/* ---- statements ---- */

typedef struct statement_context {
    rs_statement_source *out;
    const rs_countries *countries;
    unsigned field_line[F_COUNT];
    size_t country_capacity, incident_capacity; /* of out->countries, out->incidents */
} statement_context;

/* The roles of country code (a role or a list of roles, the node at
 * roles_index) as bits in *mask. False, with each problem reported, when
 * a role is unknown or there is none. */
static bool parse_roles(yaml_source *ys, int roles_index, const char *code, unsigned line, unsigned *mask,
                        rs_diags *diags)
{
    yaml_node_t *roles = node_at(ys, roles_index);
    yaml_node_item_t single[1];
    yaml_node_item_t *items, *items_end;
    if (roles->type == YAML_SCALAR_NODE) {
        single[0] = roles_index;
        items = single, items_end = single + 1;
    } else if (roles->type == YAML_SEQUENCE_NODE) {
        items = roles->data.sequence.items.start, items_end = roles->data.sequence.items.top;
    } else {
        rs_diags_add(diags, ys->path, line, "the roles of %s must be a role or a list of roles", code);
        return false;
    }
    *mask = 0;
    bool ok = true;
    for (yaml_node_item_t *item = items; item < items_end; item++) {
        yaml_node_t *role = node_at(ys, *item);
        const char *text = role && role->type == YAML_SCALAR_NODE ? (const char *)role->data.scalar.value : "";
        int found = -1;
        for (int r = 0; r < RS_ROLE_COUNT; r++)
            if (strcmp(text, rs_roles[r]) == 0)
                found = r;
        if (found < 0) {
            char known[128], hint[64];
            join_words(rs_roles, RS_ROLE_COUNT, known, sizeof known);
            closest_hint(text, rs_roles, RS_ROLE_COUNT, hint, sizeof hint);
            rs_diags_add(diags, ys->path, role ? node_line(ys, role) : line,
                         "unknown role '%s' for %s (roles: %s)%s", QUOTED(text, 40), code, known, hint);
            ok = false;
            continue;
        }
        *mask |= 1u << found;
    }
    if (ok && *mask == 0) {
        rs_diags_add(diags, ys->path, line, "country %s has no role (roles: speaker, accuser, accused, victim, mentioned)", code);
        ok = false;
    }
    return ok;
}

static void parse_countries(statement_context *sc, yaml_source *ys, yaml_node_t *value, rs_diags *diags)
{
    rs_statement_source *out = sc->out;
    if (value->type == YAML_SCALAR_NODE && value->data.scalar.length == 0)
        return;
    if (value->type != YAML_MAPPING_NODE) {
        rs_diags_add(diags, ys->path, node_line(ys, value),
                     "field 'countries' must map country codes to roles, e.g. 'GB: accuser'");
        return;
    }
    for (yaml_node_pair_t *pair = value->data.mapping.pairs.start; pair < value->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *key = node_at(ys, pair->key);
        yaml_node_t *roles = node_at(ys, pair->value);
        if (!key || !roles)
            continue;
        unsigned line = node_line(ys, key);
        if (key->type != YAML_SCALAR_NODE) {
            rs_diags_add(diags, ys->path, line, "a country must be a two-letter ISO 3166-1 code, e.g. GB");
            continue;
        }
        const char *code = (const char *)key->data.scalar.value;
        bool shape = key->data.scalar.length == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
                     code[1] <= 'Z';
        const char *name, *official;
        if (!shape || (sc->countries && !rs_countries_find(sc->countries, code, &name, &official))) {
            if (strcmp(code, "UK") == 0)
                rs_diags_add(diags, ys->path, line,
                             "unknown country code 'UK' (ISO 3166-1 alpha-2; the United Kingdom is GB)");
            else
                rs_diags_add(diags, ys->path, line,
                             "unknown country code '%s' (expected an ISO 3166-1 alpha-2 code such as GB)",
                             QUOTED(code, 20));
            continue;
        }
        bool duplicate = false;
        for (size_t i = 0; i < out->country_count; i++)
            if (strcmp(out->countries[i].code, code) == 0) {
                rs_diags_add(diags, ys->path, line, "country %s appears twice (first on line %u); list its roles together, e.g. '%s: [speaker, accused]'",
                             code, out->countries[i].line, code);
                duplicate = true;
            }
        if (duplicate)
            continue;

        unsigned mask;
        if (!parse_roles(ys, pair->value, code, line, &mask, diags))
            continue;
        rs_grow(&out->countries, &sc->country_capacity, out->country_count + 1, sizeof *out->countries);
        rs_country_ref *ref = &out->countries[out->country_count++];
        memcpy(ref->code, code, 3);
        ref->roles = mask;
        ref->line = line;
    }
    check_link_count(ys->path, sc->field_line[F_COUNTRIES], "countries", out->country_count, RS_LIMIT_COUNTRIES,
                     diags);
}

static void add_incident_ref(statement_context *sc, yaml_source *ys, yaml_node_t *node, rs_diags *diags)
{
    rs_statement_source *out = sc->out;
    if (node->type != YAML_SCALAR_NODE || !rs_source_is_slug((const char *)node->data.scalar.value)) {
        rs_diags_add(diags, ys->path, node_line(ys, node),
                     "incident '%s' is not a slug (lower-case letters, digits and hyphens)",
                     QUOTED(node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : "", 60));
        return;
    }
    rs_grow(&out->incidents, &sc->incident_capacity, out->incident_count + 1, sizeof *out->incidents);
    out->incidents[out->incident_count].slug =
        rs_xstrndup((const char *)node->data.scalar.value, node->data.scalar.length);
    out->incidents[out->incident_count].line = node_line(ys, node);
    out->incident_count++;
}

/* incidents: a list of slugs, or a single slug. */
static void parse_incident_refs(statement_context *sc, yaml_source *ys, yaml_node_t *value, rs_diags *diags)
{
    if (value->type == YAML_SCALAR_NODE) {
        if (value->data.scalar.length > 0)
            add_incident_ref(sc, ys, value, diags);
    } else if (value->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *item = value->data.sequence.items.start; item < value->data.sequence.items.top;
             item++) {
            yaml_node_t *node = node_at(ys, *item);
            if (node)
                add_incident_ref(sc, ys, node, diags);
        }
    } else {
        rs_diags_add(diags, ys->path, node_line(ys, value), "field 'incidents' must be a list of incident slugs");
    }
    check_link_count(ys->path, sc->field_line[F_INCIDENTS], "incidents", sc->out->incident_count, RS_LIMIT_INCIDENTS,
                     diags);
}

static void handle_statement_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                   rs_diags *diags)
{
    statement_context *sc = context;
    rs_statement_source *out = sc->out;
    unsigned line = node_line(ys, key);
    sc->field_line[field] = line;
    if (field == F_COUNTRIES) {
        parse_countries(sc, ys, value, diags);
        return;
    }
    if (field == F_INCIDENTS) {
        parse_incident_refs(sc, ys, value, diags);
        return;
    }
    bool empty;
    char *text = scalar_text(ys, value, statement_fields[field], &empty, diags);
    if (!text)
        return;
    static const struct {
        enum field field;
        rs_field limit;
    } limited[] = {
        {F_TITLE, RS_FIELD_TITLE},     {F_TITLE_NOTE, RS_FIELD_TITLE_NOTE},     {F_DATE_NOTE, RS_FIELD_DATE_NOTE},
        {F_OUTLET, RS_FIELD_OUTLET},   {F_SPEAKER, RS_FIELD_SPEAKER},           {F_SPEAKER_ROLE, RS_FIELD_SPEAKER_ROLE},
        {F_URL, RS_FIELD_URL},
    };
    for (size_t i = 0; i < sizeof limited / sizeof limited[0]; i++)
        if ((int)limited[i].field == field)
            check_limit(ys->path, line, limited[i].limit, statement_fields[field], text, strlen(text), diags);
    char **slot = NULL;
    switch ((enum field)field) {
    case F_ID:
        slot = &out->id;
        out->id_line = line;
        if (!rs_source_is_slug(text))
            rs_diags_add(diags, ys->path, line,
                         "id '%s' is not a slug (1-100 lower-case letters, digits and single hyphens)",
                         QUOTED(text, 60));
        break;
    case F_TITLE: slot = &out->title; break;
    case F_TITLE_NOTE: slot = &out->title_note; break;
    case F_DATE: {
        char error[160];
        slot = &out->date_text;
        if (!rs_date_parse(text, &out->date, error, sizeof error))
            rs_diags_add(diags, ys->path, line, "%s", QUOTED(error, sizeof error));
        break;
    }
    case F_DATE_NOTE: slot = &out->date_note; break;
    case F_OUTLET: slot = &out->outlet; break;
    case F_SPEAKER: slot = &out->speaker; break;
    case F_SPEAKER_ROLE: slot = &out->speaker_role; break;
    case F_LANGUAGE:
        slot = &out->language;
        if (!is_language_tag(text))
            rs_diags_add(diags, ys->path, line, "language '%s' is not a BCP 47 tag such as en, zh-Hans or ru",
                         QUOTED(text, 40));
        break;
    case F_URL:
        slot = &out->url;
        if (strncmp(text, "http://", 7) != 0 && strncmp(text, "https://", 8) != 0)
            rs_diags_add(diags, ys->path, line, "url '%s' must start with http:// or https://", QUOTED(text, 60));
        break;
    case F_KIND: {
        slot = &out->kind;
        bool known = false;
        for (size_t i = 0; i < KIND_COUNT; i++)
            known |= strcmp(text, statement_kinds[i]) == 0;
        if (!known) {
            char kinds[128], hint[64];
            join_words(statement_kinds, KIND_COUNT, kinds, sizeof kinds);
            closest_hint(text, statement_kinds, KIND_COUNT, hint, sizeof hint);
            rs_diags_add(diags, ys->path, line, "unknown kind '%s' (kinds: %s)%s", QUOTED(text, 40), kinds, hint);
        }
        break;
    }
    case F_SAME_AS:
        slot = &out->same_as;
        out->same_as_line = line;
        break;
    case F_TRANSLATION_OF:
        slot = &out->translation_of;
        out->translation_of_line = line;
        break;
    case F_COUNTRIES:
    case F_INCIDENTS:
    case F_COUNT:
        break;
    }
    if (slot)
        *slot = text;
    else
        free(text);
}

/* Finds the line that closes the header: "---" (or "...") alone, optionally
 * followed by spaces or a CR. Returns its offset or SIZE_MAX. */
static size_t find_header_end(const char *data, size_t size, size_t from)
{
    size_t line_start = from;
    while (line_start < size) {
        size_t line_end = line_start;
        while (line_end < size && data[line_end] != '\n')
            line_end++;
        if (line_end - line_start >= 3 &&
            (memcmp(data + line_start, "---", 3) == 0 || memcmp(data + line_start, "...", 3) == 0)) {
            size_t i = line_start + 3;
            while (i < line_end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
                i++;
            if (i == line_end)
                return line_start;
        }
        line_start = line_end + 1;
    }
    return SIZE_MAX;
}

static bool is_blank_line_at(const char *data, size_t size, size_t start, size_t *next)
{
    size_t i = start;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
        i++;
    if (i < size && data[i] != '\n')
        return false;
    *next = i < size ? i + 1 : size;
    return true;
}

/* Checks encoding: well-formed UTF-8 and no NUL bytes. */
static bool check_encoding(const char *path, const char *data, size_t size, rs_diags *diags)
{
    size_t bad;
    if (!rs_utf8_valid(data, size, &bad)) {
        rs_diags_add(diags, path, line_of_offset(data, bad), "invalid UTF-8 at byte offset %zu (save the file as UTF-8)",
                     bad);
        return false;
    }
    /* Control characters other than tab and line ends are never text; keeping
     * them out also leaves U+0002/U+0003 free to mark search hits. */
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            rs_diags_add(diags, path, line_of_offset(data, i),
                         "control character 0x%02X at byte offset %zu (is this a text file?)", c, i);
            return false;
        }
    }
    return true;
}

bool rs_source_parse_statement(const char *path, const char *data, size_t size, const rs_source_context *context,
                               bool keep_body, rs_statement_source *out, rs_diags *diags)
{
    const rs_countries *countries = context ? context->countries : NULL;
    size_t errors_before = rs_diags_count(diags);
    memset(out, 0, sizeof *out);
    out->path = rs_xstrndup(path, strlen(path));
    out->header_line = 1;
    if (!check_encoding(path, data, size, diags))
        return false;

    size_t start = 0;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* byte order mark written by some editors */
    size_t first_line_end = start;
    while (first_line_end < size && data[first_line_end] != '\n')
        first_line_end++;
    if (find_header_end(data, first_line_end < size ? first_line_end + 1 : size, start) != start) {
        rs_diags_add(diags, path, 1, "expected '---' on the first line to open the header");
        return false;
    }
    size_t header_start = first_line_end < size ? first_line_end + 1 : size;
    size_t header_end = find_header_end(data, size, header_start);
    if (header_end == SIZE_MAX) {
        rs_diags_add(diags, path, 1, "the header opened by '---' is never closed (put a line '---' between the header and the body)");
        return false;
    }

    yaml_source ys = {.path = path, .line_offset = 2};
    statement_context sc = {.out = out, .countries = countries};
    if (yaml_source_load(&ys, data + header_start, header_end - header_start, diags)) {
        yaml_node_t *root = yaml_document_get_root_node(&ys.document);
        if (root && root->type == YAML_MAPPING_NODE)
            walk_mapping(&ys, root, statement_fields, F_COUNT, "statement", handle_statement_field, &sc, diags);
        else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
            rs_diags_add(diags, path, node_line(&ys, root), "the header must be 'field: value' lines");
    }
    yaml_source_free(&ys);

    static const int required[] = {F_ID, F_TITLE, F_LANGUAGE, F_KIND};
    char **values[] = {&out->id, &out->title, &out->language, &out->kind};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (*values[i])
            continue;
        unsigned line = sc.field_line[required[i]];
        if (line)
            rs_diags_add(diags, path, line, "field '%s' is empty", statement_fields[required[i]]);
        else
            rs_diags_add(diags, path, 1, "missing required field '%s'", statement_fields[required[i]]);
    }
    if (out->same_as && out->id && strcmp(out->same_as, out->id) == 0)
        rs_diags_add(diags, path, out->same_as_line, "same_as names this statement itself");
    if (out->translation_of && out->id && strcmp(out->translation_of, out->id) == 0)
        rs_diags_add(diags, path, out->translation_of_line,
                     "translation_of names this statement itself (name the statement it translates)");

    /* Body: everything after the closing line, without leading blank lines
     * and trailing white space; CRLF becomes LF and nothing else changes. */
    size_t body = header_end;
    while (body < size && data[body] != '\n')
        body++;
    body = body < size ? body + 1 : size;
    size_t next;
    while (body < size && is_blank_line_at(data, size, body, &next))
        body = next;
    size_t body_end = size;
    while (body_end > body && (data[body_end - 1] == ' ' || data[body_end - 1] == '\t' ||
                               data[body_end - 1] == '\n' || data[body_end - 1] == '\r'))
        body_end--;
    if (body_end == body) {
        rs_diags_add(diags, path, line_of_offset(data, header_end),
                     "empty body (write the statement's text after this closing '---')");
    } else {
        /* Counted as in the file (CRLF as two bytes): never more lenient
         * than check, which counts the body as stored. */
        check_limit(path, line_of_offset(data, body), RS_FIELD_BODY, "body", data + body, body_end - body, diags);
        out->body_bytes = body_end - body;
        if (keep_body) {
            char *text = rs_xmalloc(body_end - body + 1);
            size_t n = 0;
            for (size_t i = body; i < body_end; i++)
                if (!(data[i] == '\r' && i + 1 < body_end && data[i + 1] == '\n'))
                    text[n++] = data[i];
            text[n] = '\0';
            out->body = text;
            out->body_bytes = n;
        }
    }
    return rs_diags_count(diags) == errors_before;
}

void rs_statement_source_clear(rs_statement_source *s)
{
    char *strings[] = {s->path, s->id, s->title, s->title_note, s->date_text, s->date_note, s->outlet,
                       s->speaker, s->speaker_role, s->language, s->url, s->kind, s->same_as, s->translation_of,
                       s->body};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    for (size_t i = 0; i < s->incident_count; i++)
        free(s->incidents[i].slug);
    free(s->incidents);
    free(s->countries);
    memset(s, 0, sizeof *s);
}

/* ---- incidents.yaml ---- */

enum incident_field { I_SLUG, I_NAME, I_DATE, I_DATE_NOTE, I_SUMMARY, I_COUNT };
static const char *const incident_fields[I_COUNT] = {"slug", "name", "date", "date_note", "summary"};

typedef struct incident_context {
    rs_incident_source *out;
    unsigned field_line[I_COUNT];
} incident_context;

static void handle_incident_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                  rs_diags *diags)
{
    incident_context *ic = context;
    unsigned line = node_line(ys, key);
    ic->field_line[field] = line;
    bool empty;
    char *text = scalar_text(ys, value, incident_fields[field], &empty, diags);
    if (!text)
        return;
    char **slots[I_COUNT] = {&ic->out->slug, &ic->out->name, &ic->out->date_text, &ic->out->date_note,
                             &ic->out->summary};
    *slots[field] = text;
    if (field == I_NAME || field == I_SUMMARY || field == I_DATE_NOTE)
        check_limit(ys->path, line,
                    field == I_NAME ? RS_FIELD_INCIDENT_NAME : field == I_SUMMARY ? RS_FIELD_INCIDENT_SUMMARY
                                                                                  : RS_FIELD_DATE_NOTE,
                    incident_fields[field], text, strlen(text), diags);
    if (field == I_SLUG && !rs_source_is_slug(text))
        rs_diags_add(diags, ys->path, line,
                     "slug '%s' is not a slug (1-100 lower-case letters, digits and single hyphens)",
                     QUOTED(text, 60));
    if (field == I_DATE) {
        char error[160];
        if (!rs_date_parse(text, &ic->out->date, error, sizeof error))
            rs_diags_add(diags, ys->path, line, "%s", QUOTED(error, sizeof error));
    }
}

/* Loads a whole-YAML file (incidents.yaml, bundle.yaml) into ys, after the
 * encoding checks and past a byte order mark. */
static bool load_yaml_file(yaml_source *ys, const char *data, size_t size, rs_diags *diags)
{
    if (!check_encoding(ys->path, data, size, diags))
        return false;
    size_t start = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return yaml_source_load(ys, data + start, size - start, diags);
}

bool rs_source_parse_incidents(const char *path, const char *data, size_t size, const rs_source_context *context,
                               rs_incident_list *out, rs_diags *diags)
{
    (void)context;
    size_t errors_before = rs_diags_count(diags);
    memset(out, 0, sizeof *out);
    yaml_source ys = {.path = path, .line_offset = 1};
    if (!load_yaml_file(&ys, data, size, diags))
        return false;
    size_t capacity = 0;
    yaml_node_t *root = yaml_document_get_root_node(&ys.document);
    if (root && root->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *item = root->data.sequence.items.start; item < root->data.sequence.items.top;
             item++) {
            yaml_node_t *node = node_at(&ys, *item);
            if (!node)
                continue;
            if (node->type != YAML_MAPPING_NODE) {
                rs_diags_add(diags, path, node_line(&ys, node),
                             "each incident must be a set of fields (slug, name, date, date_note, summary)");
                continue;
            }
            rs_grow(&out->items, &capacity, out->count + 1, sizeof *out->items);
            rs_incident_source *incident = &out->items[out->count++];
            memset(incident, 0, sizeof *incident);
            incident->line = node_line(&ys, node);
            incident_context ic = {.out = incident};
            walk_mapping(&ys, node, incident_fields, I_COUNT, "incident", handle_incident_field, &ic, diags);
            const int required[] = {I_SLUG, I_NAME, I_SUMMARY};
            const char *required_values[] = {incident->slug, incident->name, incident->summary};
            for (size_t i = 0; i < 3; i++) {
                if (required_values[i])
                    continue;
                if (ic.field_line[required[i]])
                    rs_diags_add(diags, path, ic.field_line[required[i]], "field '%s' is empty",
                                 incident_fields[required[i]]);
                else
                    rs_diags_add(diags, path, incident->line, "incident is missing required field '%s'",
                                 incident_fields[required[i]]);
            }
            for (size_t i = 0; incident->slug && i + 1 < out->count; i++)
                if (out->items[i].slug && strcmp(out->items[i].slug, incident->slug) == 0)
                    rs_diags_add(diags, path, incident->line, "duplicate incident slug '%s' (first on line %u)",
                                 QUOTED(incident->slug, 60), out->items[i].line);
        }
    } else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
        rs_diags_add(diags, path, node_line(&ys, root), "incidents.yaml must be a list of incidents ('- slug: ...')");
    }
    yaml_source_free(&ys);
    return rs_diags_count(diags) == errors_before;
}

void rs_incident_list_clear(rs_incident_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        rs_incident_source *s = &list->items[i];
        free(s->slug), free(s->name), free(s->date_text), free(s->date_note), free(s->summary);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- bundle.yaml ---- */

static const char *const bundle_fields[] = {"title", "description"};

static void handle_bundle_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                rs_diags *diags)
{
    rs_bundle_source *out = context;
    bool empty;
    char *text = scalar_text(ys, value, bundle_fields[field], &empty, diags);
    if (text)
        check_limit(ys->path, node_line(ys, key), field == 0 ? RS_FIELD_COLLECTION_TITLE : RS_FIELD_COLLECTION_DESCRIPTION,
                    bundle_fields[field], text, strlen(text), diags);
    if (field == 0)
        out->title = text;
    else
        out->description = text;
}

bool rs_source_parse_bundle(const char *path, const char *data, size_t size, rs_bundle_source *out, rs_diags *diags)
{
    size_t errors_before = rs_diags_count(diags);
    memset(out, 0, sizeof *out);
    yaml_source ys = {.path = path, .line_offset = 1};
    if (!load_yaml_file(&ys, data, size, diags))
        return false;
    yaml_node_t *root = yaml_document_get_root_node(&ys.document);
    if (root && root->type == YAML_MAPPING_NODE)
        walk_mapping(&ys, root, bundle_fields, 2, "bundle", handle_bundle_field, out, diags);
    else
        rs_diags_add(diags, path, root ? node_line(&ys, root) : 1, "bundle.yaml must be 'field: value' lines (title, description)");
    yaml_source_free(&ys);
    if (!out->title && rs_diags_count(diags) == errors_before)
        rs_diags_add(diags, path, 1, "missing required field 'title'");
    return rs_diags_count(diags) == errors_before;
}

void rs_bundle_source_clear(rs_bundle_source *bundle)
{
    free(bundle->title);
    free(bundle->description);
    memset(bundle, 0, sizeof *bundle);
}

char *rs_source_read_file(const char *path, size_t *size, rs_diags *diags)
{
    /* Through file.h: a FIFO named x.txt or incidents.yaml hung the build,
     * and /dev/zero as bundle.yaml was read up to the limit first. */
    char reason[256];
    char *data = rs_file_read_regular(path, RS_SOURCE_MAX_FILE_BYTES, size, reason, sizeof reason);
    if (!data)
        rs_diags_add(diags, path, 0, "%s", reason);
    return data;
}
