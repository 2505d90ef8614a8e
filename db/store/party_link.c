/*
 * Party links: who a statement or an event names, in which roles, and an
 * organisation's members, as the chips of the reader, a thread entry and a
 * party page show them (bundle_private.h).
 *
 * The order is made here, not taken from SQL: a hostile file can declare a
 * collation or store codes as blobs so that ORDER BY returns them in any
 * order (found by tests/fuzz/fuzz_bundle). Each query reads at most
 * LINK_ROWS_MAX rows, so a file that gives one statement a million parties
 * costs no more than a real one.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"
#include "field_limits.h"

/* The builder allows RS_LIMIT_COUNTRIES parties per statement, each in up
 * to RS_ROLE_COUNT roles (a row each in statement_country); an EU has 27
 * members. */
#define LINK_ROWS_MAX 1000

static const char *const query_sql[QUERY_COUNT] = {
    [Q_STATEMENT_PARTIES] = "SELECT l.country_code, l.role, " BUNDLE_PARTY_NAME("l.country_code", "c.name") ", c.kind"
                            " FROM statement_country l LEFT JOIN country c ON c.code = l.country_code"
                            " WHERE l.statement_id = ?1 LIMIT " RS_STRINGIFY(LINK_ROWS_MAX),
    [Q_EVENT_PARTIES] = "SELECT p.party_code, p.roles, " BUNDLE_PARTY_NAME("p.party_code", "c.name") ", c.kind"
                        " FROM event_party p LEFT JOIN country c ON c.code = p.party_code"
                        " WHERE p.event_id = ?1 LIMIT " RS_STRINGIFY(LINK_ROWS_MAX),
    [Q_PARTY_MEMBERS] = "SELECT m.member_code, NULL, " BUNDLE_PARTY_NAME("m.member_code", "c.name") ", c.kind"
                        " FROM party_member m LEFT JOIN country c ON c.code = m.member_code"
                        " WHERE m.party_code = ?1 ORDER BY m.pos LIMIT " RS_STRINGIFY(LINK_ROWS_MAX),
};

bool bundle_is_party_code(const char *code, size_t length)
{
    if (!code || length < 2 || length > RS_PARTY_CODE_MAX)
        return false;
    for (size_t i = 0; i < length; i++)
        if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
            return false;
    return true;
}

unsigned bundle_roles_bits(const char *text, size_t length)
{
    unsigned bits = 0;
    size_t i = 0;
    while (text && i < length) {
        if (text[i] == ' ') {
            i++;
            continue;
        }
        size_t end = i;
        while (end < length && text[end] != ' ')
            end++;
        int role = -1;
        for (int r = 0; r < RS_ROLE_COUNT && role < 0; r++)
            if (strlen(rs_roles[r]) == end - i && memcmp(text + i, rs_roles[r], end - i) == 0)
                role = r;
        if (role < 0)
            return 0;
        bits |= 1u << role;
        i = end;
    }
    return bits;
}

/* The links being gathered: one per code, with its role bits. */
typedef struct gathered {
    rs_country_link *items;
    unsigned *roles;
    size_t count, capacity, roles_capacity;
} gathered;

/* The link for code (valid), made on first sight with the name in column
 * name_column (the code when NULL) and the kind in kind_column (0, a
 * country, when it names no kind). */
static size_t gather(gathered *g, sqlite3_stmt *stmt, const char *code, size_t length, int name_column,
                     int kind_column)
{
    for (size_t i = 0; i < g->count; i++)
        if (strlen(g->items[i].code) == length && memcmp(g->items[i].code, code, length) == 0)
            return i;
    rs_grow(&g->items, &g->capacity, g->count + 1, sizeof *g->items);
    rs_grow(&g->roles, &g->roles_capacity, g->count + 1, sizeof *g->roles);
    rs_country_link *link = &g->items[g->count];
    memset(link, 0, sizeof *link);
    memcpy(link->code, code, length);
    int kind = bundle_column_name(stmt, kind_column, rs_party_kinds, RS_PARTY_KIND_COUNT);
    link->kind = kind > 0 ? kind : 0;
    link->name = rs_limits_column(stmt, name_column, link->kind ? RS_FIELD_PARTY_NAME : RS_FIELD_COUNTRY_NAME);
    if (!link->name)
        link->name = bundle_valid_copy(code, length);
    g->roles[g->count] = 0;
    return g->count++;
}

static int compare_links(const void *a, const void *b)
{
    return strcmp(((const rs_country_link *)a)->code, ((const rs_country_link *)b)->code);
}

/* Reads every row of stmt (code, roles, name, kind), one role per row
 * (statement_country: roles_are_text false) or a roles text
 * (event_party), or none (members: with_roles false), and hands stmt back. */
static bool read_links(sqlite3_stmt *stmt, bool with_roles, bool roles_are_text, rs_country_link **links,
                       size_t *count)
{
    gathered g = {0};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        size_t code_length, roles_length;
        const char *code = bundle_column_if_text(stmt, 0, &code_length);
        if (!bundle_is_party_code(code, code_length))
            continue;
        unsigned bits = 0;
        if (with_roles && roles_are_text) {
            const char *roles = bundle_column_if_text(stmt, 1, &roles_length);
            bits = bundle_roles_bits(roles, roles_length);
        } else if (with_roles) {
            int role = bundle_column_name(stmt, 1, rs_roles, RS_ROLE_COUNT);
            bits = role >= 0 ? 1u << role : 0;
        }
        if (with_roles && !bits)
            continue;
        size_t i = gather(&g, stmt, code, code_length, 2, 3);
        g.roles[i] |= bits;
    }
    bundle_done(stmt);
    if (rc != SQLITE_DONE) {
        bundle_links_free(g.items, g.count);
        free(g.roles);
        return false;
    }
    for (size_t i = 0; i < g.count && with_roles; i++) {
        char text[RS_ROLES_TEXT_SIZE];
        rs_roles_text(g.roles[i], text);
        g.items[i].roles = bundle_valid_strdup(text);
    }
    free(g.roles);
    if (g.count > 1)
        qsort(g.items, g.count, sizeof *g.items, compare_links);
    *links = g.items;
    *count = g.count;
    return true;
}

bool bundle_statement_parties(rs_bundle *b, int64_t id, rs_country_link **links, size_t *count)
{
    *links = NULL, *count = 0;
    sqlite3_stmt *stmt = bundle_prepared(b, Q_STATEMENT_PARTIES, query_sql[Q_STATEMENT_PARTIES]);
    if (!stmt)
        return false;
    bundle_bind_language(b, stmt);
    sqlite3_bind_int64(stmt, 1, id);
    return read_links(stmt, true, false, links, count);
}

bool bundle_event_parties(rs_bundle *b, int64_t id, rs_country_link **links, size_t *count)
{
    *links = NULL, *count = 0;
    sqlite3_stmt *stmt = bundle_prepared(b, Q_EVENT_PARTIES, query_sql[Q_EVENT_PARTIES]);
    if (!stmt)
        return false;
    bundle_bind_language(b, stmt);
    sqlite3_bind_int64(stmt, 1, id);
    return read_links(stmt, true, true, links, count);
}

bool bundle_party_members(rs_bundle *b, const char *code, rs_country_link **links, size_t *count)
{
    *links = NULL, *count = 0;
    sqlite3_stmt *stmt = bundle_prepared(b, Q_PARTY_MEMBERS, query_sql[Q_PARTY_MEMBERS]);
    if (!stmt)
        return false;
    bundle_bind_language(b, stmt);
    sqlite3_bind_text(stmt, 1, code, (int)strnlen(code, RS_PARTY_CODE_MAX), SQLITE_TRANSIENT);
    return read_links(stmt, false, false, links, count);
}

bool bundle_read_role_links(sqlite3_stmt *stmt, rs_country_link **links, size_t *count)
{
    *links = NULL, *count = 0;
    return read_links(stmt, true, true, links, count);
}

void bundle_links_free(rs_country_link *links, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(links[i].name), free(links[i].roles);
    free(links);
}
