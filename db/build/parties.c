/*
 * Parties: parties.yaml (the organisations, alliances, companies and
 * agencies that accuse or are accused, besides countries) and every list of
 * parties with roles (a statement's countries: or parties:, an event's
 * parties:).
 *
 * A party code is an ISO 3166-1 alpha-2 code or a code parties.yaml
 * defines; the two never clash, so a code names one party wherever it is
 * written. Curators write names where codes belong ("Canada", "ca", "GBR"):
 * each of those gets a "did you mean" with the code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "distance.h"
#include "expect.h"
#include "source_private.h"

const rs_party_source *rs_party_list_find(const struct rs_party_list *list, const char *code)
{
    for (size_t i = 0; list && i < list->count; i++)
        if (strcmp(list->items[i].code, code) == 0)
            return &list->items[i];
    return NULL;
}

/* 2..RS_PARTY_CODE_MAX upper-case ASCII letters and digits. */
static bool is_party_code(const char *text)
{
    size_t length = strlen(text);
    if (length < 2 || length > RS_PARTY_CODE_MAX)
        return false;
    for (size_t i = 0; i < length; i++)
        if (!((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= '0' && text[i] <= '9')))
            return false;
    return true;
}

static bool is_iso_shape(const char *code)
{
    return code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && code[2] == '\0';
}

/* An ISO 3166-1 code: in the table, or of its shape when there is none. */
static bool is_country(const rs_source_context *context, const char *code)
{
    const char *name, *official;
    if (!is_iso_shape(code))
        return false;
    return !context || !context->countries || rs_countries_find(context->countries, code, &name, &official);
}

/* A hint for a code that names no party: "; did you mean 'CA'?" for the
 * code in lower case, "; did you mean 'CA' (Canada)?" for a country's name
 * or alpha-3 code, likewise for a party's name, else the nearest code.
 * Two-letter codes are all within an edit or two of dozens of others, so
 * the nearest code is only looked for from three characters on.
 * countries_only leaves parties.yaml's codes out (members:). */
static void code_hint(const char *input, const rs_source_context *context, bool countries_only, char *hint,
                      size_t hint_size)
{
    hint[0] = '\0';
    const rs_party_list *parties = countries_only || !context ? NULL : context->parties;
    const rs_countries *countries = context ? context->countries : NULL;
    char upper[RS_PARTY_CODE_SIZE];
    size_t length = strlen(input);
    if (length < sizeof upper) {
        for (size_t i = 0; i <= length; i++)
            upper[i] = input[i] >= 'a' && input[i] <= 'z' ? (char)(input[i] - 'a' + 'A') : input[i];
        if (strcmp(upper, input) != 0 && (is_country(context, upper) || rs_party_list_find(parties, upper))) {
            snprintf(hint, hint_size, "; did you mean '%s'?", upper);
            return;
        }
    }
    const char *name, *code = countries ? rs_countries_find_by_name(countries, input, &name) : NULL;
    if (code) {
        snprintf(hint, hint_size, "; did you mean '%s' (%s)?", code, name);
        return;
    }
    for (size_t i = 0; parties && i < parties->count; i++) {
        const rs_party_source *party = &parties->items[i];
        if ((party->name && strcasecmp(party->name, input) == 0) ||
            (party->short_name && strcasecmp(party->short_name, input) == 0)) {
            snprintf(hint, hint_size, "; did you mean '%s' (%s)?", party->code, QUOTED(party->name, 100));
            return;
        }
    }
    if (length < 3 || length >= sizeof upper)
        return;
    rs_nearest nearest = rs_nearest_start(upper, length == 3 ? 1 : 2);
    for (size_t i = 0; parties && i < parties->count; i++)
        rs_nearest_offer(&nearest, parties->items[i].code);
    for (size_t i = 0; countries && rs_countries_code_at(countries, i); i++)
        rs_nearest_offer(&nearest, rs_countries_code_at(countries, i));
    rs_nearest_hint(&nearest, hint, hint_size);
}

/* ---- lists of parties with roles ---- */

/* The roles of party code (a role or a list of roles, the node at
 * roles_index) as bits in *mask. False, with each problem reported, when
 * a role is unknown or there is none. what is "country" or "party". */
static bool parse_roles(yaml_source *ys, int roles_index, const char *what, const char *code, unsigned line,
                        unsigned *mask, rs_diags *diags)
{
    yaml_node_t *roles = rs_yaml_node(ys, roles_index);
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
        yaml_node_t *role = rs_yaml_node(ys, *item);
        const char *text = role && role->type == YAML_SCALAR_NODE ? (const char *)role->data.scalar.value : "";
        int found = -1;
        for (int r = 0; r < RS_ROLE_COUNT; r++)
            if (strcmp(text, rs_roles[r]) == 0)
                found = r;
        if (found < 0) {
            char known[128], hint[64];
            rs_source_join(rs_roles, RS_ROLE_COUNT, known, sizeof known);
            rs_source_hint(text, rs_roles, RS_ROLE_COUNT, hint, sizeof hint);
            rs_diags_add(diags, ys->path, role ? rs_yaml_line(ys, role) : line,
                         "unknown role '%s' for %s (roles: %s)%s", QUOTED(text, 40), code, known, hint);
            ok = false;
            continue;
        }
        *mask |= 1u << found;
    }
    if (ok && *mask == 0) {
        rs_diags_add(diags, ys->path, line, "%s %s has no role (roles: speaker, accuser, accused, victim, mentioned)",
                     what, code);
        ok = false;
    }
    return ok;
}

/* Reports a key that names no party, with the best hint. */
static void report_unknown_code(yaml_source *ys, unsigned line, const char *code, bool parties_field,
                                const rs_source_context *context, rs_diags *diags)
{
    char hint[200];
    code_hint(code, context, false, hint, sizeof hint);
    if (strcmp(code, "UK") == 0)
        rs_diags_add(diags, ys->path, line, "unknown country code 'UK' (ISO 3166-1 alpha-2; the United Kingdom is GB)");
    else if (parties_field)
        rs_diags_add(diags, ys->path, line,
                     "unknown party '%s' (expected an ISO 3166-1 alpha-2 code such as GB, or a code from "
                     "parties.yaml)%s",
                     QUOTED(code, 40), hint);
    else
        rs_diags_add(diags, ys->path, line,
                     "unknown country code '%s' (expected an ISO 3166-1 alpha-2 code such as GB)%s", QUOTED(code, 40),
                     hint);
}

void rs_party_refs_parse(yaml_source *ys, yaml_node_t *value, const char *field, const rs_source_context *context,
                         rs_country_ref **refs, size_t *count, size_t *capacity, rs_diags *diags)
{
    bool parties_field = strcmp(field, "countries") != 0;
    const char *what = parties_field ? "party" : "country";
    if (value->type == YAML_SCALAR_NODE && value->data.scalar.length == 0)
        return;
    if (value->type != YAML_MAPPING_NODE) {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, value), "field '%s' must map %s codes to roles, e.g. 'GB: accuser'",
                     field, what);
        return;
    }
    for (yaml_node_pair_t *pair = value->data.mapping.pairs.start; pair < value->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = rs_yaml_node(ys, pair->key), *roles = rs_yaml_node(ys, pair->value);
        if (!key || !roles)
            continue;
        unsigned line = rs_yaml_line(ys, key);
        if (key->type != YAML_SCALAR_NODE) {
            rs_diags_add(diags, ys->path, line, "a %s must be a code: an ISO 3166-1 alpha-2 code such as GB%s", what,
                         parties_field ? ", or a code from parties.yaml" : "");
            continue;
        }
        const char *code = (const char *)key->data.scalar.value;
        bool known = is_country(context, code) ||
                     (strlen(code) <= RS_PARTY_CODE_MAX && rs_party_list_find(context ? context->parties : NULL, code));
        if (!known) {
            report_unknown_code(ys, line, code, parties_field, context, diags);
            continue;
        }
        bool duplicate = false;
        for (size_t i = 0; i < *count && !duplicate; i++)
            if (strcmp((*refs)[i].code, code) == 0) {
                rs_diags_add(diags, ys->path, line,
                             "%s %s appears twice (first on line %u); list its roles together, e.g. '%s: [speaker, "
                             "accused]'",
                             what, code, (*refs)[i].line, code);
                duplicate = true;
            }
        unsigned mask;
        if (duplicate || !parse_roles(ys, pair->value, what, code, line, &mask, diags))
            continue;
        rs_grow(refs, capacity, *count + 1, sizeof **refs);
        rs_country_ref *ref = &(*refs)[(*count)++];
        memset(ref, 0, sizeof *ref);
        memcpy(ref->code, code, strlen(code) + 1);
        ref->roles = mask;
        ref->line = line;
    }
}

/* ---- parties.yaml ---- */

enum party_field { P_CODE, P_KIND, P_NAME, P_SHORT, P_MEMBERS, P_COUNT };
static const char *const party_fields[P_COUNT] = {"code", "kind", "name", "short", "members"};

static const rs_text_field party_name = {"name", "name", RS_FIELD_PARTY_NAME};
static const rs_text_field party_short = {"short", "short", RS_FIELD_PARTY_SHORT};

typedef struct party_context {
    rs_party_source *out;
    const rs_source_context *context;
    unsigned field_line[P_COUNT];
    bool reported[P_COUNT]; /* the field had a problem, already said */
    size_t member_capacity, line_capacity;
    unsigned *member_lines; /* the line of each member, for "first on line N" */
} party_context;

static void parse_code(party_context *pc, yaml_source *ys, unsigned line, const char *code, rs_diags *diags)
{
    char hint[64] = "";
    if (!is_party_code(code)) {
        char upper[RS_PARTY_CODE_SIZE];
        size_t length = strlen(code);
        for (size_t i = 0; i <= length && length < sizeof upper; i++)
            upper[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
        if (length < sizeof upper && is_party_code(upper))
            snprintf(hint, sizeof hint, "; did you mean '%s'?", upper);
        rs_diags_add(diags, ys->path, line, "party code '%s' must be 2 to %d upper-case letters and digits, e.g. NATO%s",
                     QUOTED(code, 40), RS_PARTY_CODE_MAX, hint);
        return;
    }
    const char *name, *official;
    if (pc->context && pc->context->countries && rs_countries_find(pc->context->countries, code, &name, &official)) {
        rs_diags_add(diags, ys->path, line,
                     "party code '%s' is the ISO 3166-1 code of %s (a party's code must not be a country's: "
                     "choose another)",
                     code, name);
        return;
    }
    memcpy(pc->out->code, code, strlen(code) + 1);
}

static void parse_kind(party_context *pc, yaml_source *ys, unsigned line, char *kind, rs_diags *diags)
{
    const char *const *kinds = rs_party_kinds + 1; /* all but "country" */
    size_t count = RS_PARTY_KIND_COUNT - 1;
    for (size_t i = 0; i < count; i++)
        if (strcmp(kind, kinds[i]) == 0) {
            pc->out->kind = kind;
            return;
        }
    char known[128], hint[64];
    rs_source_join(kinds, count, known, sizeof known);
    rs_source_hint(kind, kinds, count, hint, sizeof hint);
    if (strcmp(kind, "country") == 0)
        rs_diags_add(diags, ys->path, line,
                     "kind 'country' is not for parties.yaml (a country needs no entry: write its ISO 3166-1 code; "
                     "kinds: %s)",
                     known);
    else
        rs_diags_add(diags, ys->path, line, "unknown kind '%s' (kinds: %s)%s", QUOTED(kind, 40), known, hint);
    free(kind);
}

static void add_member(party_context *pc, yaml_source *ys, yaml_node_t *node, rs_diags *diags)
{
    rs_party_source *out = pc->out;
    unsigned line = rs_yaml_line(ys, node);
    const char *code = node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : "";
    if (!is_country(pc->context, code)) {
        char hint[200];
        code_hint(code, pc->context, true, hint, sizeof hint);
        rs_diags_add(diags, ys->path, line,
                     "unknown member '%s' (members are ISO 3166-1 alpha-2 codes such as GB)%s", QUOTED(code, 40), hint);
        return;
    }
    for (size_t i = 0; i < out->member_count; i++)
        if (strcmp(out->members[i], code) == 0) {
            rs_diags_add(diags, ys->path, line, "member %s appears twice (first on line %u)", code,
                         pc->member_lines[i]);
            return;
        }
    rs_grow(&out->members, &pc->member_capacity, out->member_count + 1, sizeof *out->members);
    rs_grow(&pc->member_lines, &pc->line_capacity, out->member_count + 1, sizeof *pc->member_lines);
    memcpy(out->members[out->member_count], code, 3);
    pc->member_lines[out->member_count++] = line;
}

static void parse_members(party_context *pc, yaml_source *ys, yaml_node_t *value, rs_diags *diags)
{
    if (value->type == YAML_SCALAR_NODE && value->data.scalar.length == 0)
        return;
    if (value->type != YAML_SEQUENCE_NODE) {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, value),
                     "field 'members' must be a list of ISO 3166-1 codes, e.g. [AT, BE, BG]");
        return;
    }
    for (yaml_node_item_t *item = value->data.sequence.items.start; item < value->data.sequence.items.top; item++) {
        yaml_node_t *node = rs_yaml_node(ys, *item);
        if (node)
            add_member(pc, ys, node, diags);
    }
}

static void handle_party_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                               rs_diags *diags)
{
    party_context *pc = context;
    rs_party_source *out = pc->out;
    unsigned line = rs_yaml_line(ys, key);
    pc->field_line[field] = line;
    const char *language = rs_source_default_language(pc->context);
    size_t errors_before = rs_diags_count(diags);
    bool empty;
    char *text;
    switch ((enum party_field)field) {
    case P_CODE:
    case P_KIND:
        text = rs_yaml_scalar(ys, value, party_fields[field], &empty, diags);
        if (text && field == P_CODE)
            parse_code(pc, ys, line, text, diags), free(text);
        else if (text)
            parse_kind(pc, ys, line, text, diags);
        break;
    case P_NAME:
        out->name = rs_yaml_text(ys, key, value, &party_name, language, &out->translations, diags);
        break;
    case P_SHORT:
        out->short_name = rs_yaml_text(ys, key, value, &party_short, language, &out->translations, diags);
        break;
    case P_MEMBERS:
        parse_members(pc, ys, value, diags);
        break;
    case P_COUNT:
        break;
    }
    pc->reported[field] = rs_diags_count(diags) != errors_before;
}

/* One item of the list: its fields, then what is missing, then whether its
 * code came before. */
static void parse_party(yaml_source *ys, yaml_node_t *node, const rs_source_context *context, rs_party_list *list,
                        rs_diags *diags)
{
    rs_party_source *party = &list->items[list->count - 1];
    memset(party, 0, sizeof *party);
    party->line = rs_yaml_line(ys, node);
    party_context pc = {.out = party, .context = context};
    rs_yaml_walk(ys, node, party_fields, P_COUNT, "party", handle_party_field, &pc, diags);
    free(pc.member_lines);
    const int required[] = {P_CODE, P_KIND, P_NAME};
    const bool present[] = {party->code[0] != '\0', party->kind != NULL, party->name != NULL};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        unsigned line = pc.field_line[required[i]];
        if (line == 0)
            rs_diags_add(diags, ys->path, party->line, "party is missing required field '%s'",
                         party_fields[required[i]]);
        else if (!pc.reported[required[i]] && !present[i])
            rs_diags_add(diags, ys->path, line, "field '%s' is empty", party_fields[required[i]]);
    }
    for (size_t i = 0; party->code[0] && i + 1 < list->count; i++)
        if (strcmp(list->items[i].code, party->code) == 0) {
            rs_diags_add(diags, ys->path, party->line, "party code '%s' is defined twice (first on line %u)",
                         party->code, list->items[i].line);
            break;
        }
}

typedef struct party_state {
    const rs_source_context *context;
    rs_party_list *out;
    size_t capacity;
} party_state;

static void party_item(yaml_source *ys, yaml_node_t *node, void *state, rs_diags *diags)
{
    party_state *p = state;
    rs_grow(&p->out->items, &p->capacity, p->out->count + 1, sizeof *p->out->items);
    p->out->count++;
    parse_party(ys, node, p->context, p->out, diags);
}

bool rs_source_parse_parties(const char *path, const char *data, size_t size, const rs_source_context *context,
                             rs_party_list *out, rs_diags *diags)
{
    memset(out, 0, sizeof *out);
    party_state state = {.context = context, .out = out};
    return rs_yaml_parse_list_file(path, data, size, "each party must be a set of fields (code, kind, name, short, members)",
                                   "parties.yaml must be a list of parties ('- code: ...')", party_item, &state, diags);
}

void rs_party_list_clear(rs_party_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        rs_party_source *p = &list->items[i];
        free(p->kind), free(p->name), free(p->short_name), free(p->members);
        rs_translations_clear(&p->translations);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}
