/*
 * The browse queries: the lists behind the viewer's screens (years, months,
 * countries, incidents, pages of statements) and one statement, incident or
 * country in full.
 *
 * Each query is an index seek: list pages find their rows by id range or by
 * the precomputed position (pos) in a primary key, never with OFFSET, and
 * counts are read from the precomputed count tables, never counted.
 */
#include "bundle.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"
#include "field_limits.h"

/* The columns every statement list query returns, in this order, so that one
 * reader (read_row) serves them all: id, date, date inferred, outlet, title,
 * language, slug, and for the all-roles country list the roles. */
#define ROW_COLUMNS "s.id, s.date, s.date_note IS NOT NULL, " BUNDLE_OUTLET_NAME ", s.title, s.language, s.slug"

/* An incident's name and summary (incident row i) in the current language. */
#define INCIDENT_NAME BUNDLE_TRANSLATED("incident", "i.slug", "name", "i.name")
#define INCIDENT_SUMMARY BUNDLE_TRANSLATED("incident", "i.slug", "summary", "i.summary")

/* The language whose name_order the lists read: the viewer's (?9, as
 * rs_bundle_set_language sets it: "zh_CN", "ru", "en" ...), or English
 * when the bundle has no order for it. */
#define ORDER_LANGUAGE "coalesce((SELECT l.language FROM name_order l WHERE l.language = ?9 LIMIT 1), 'en')"

/* How many other statements of one same_as (or translation) group are read
 * at most: a real group is a handful of copies; a hostile bundle could put
 * every statement in one group. */
#define SAME_AS_MAX 1000

static const char *const query_sql[QUERY_COUNT] = {
    [Q_YEARS] = "SELECT year, year, NULL, statement_count FROM year_count ORDER BY year DESC",
    /* Party names in the language set with rs_bundle_set_language (?9..?12),
     * the base name when the bundle has none in it, in the order the
     * builder stored for that language (name_order, ICU's collation; see
     * ORDER_LANGUAGE): one range of a primary key, no sorting here. A party
     * in no statement and no event (a member of an organisation) has no
     * page. */
    [Q_COUNTRIES] = "SELECT c.code, " BUNDLE_PARTY_NAME("c.code", "c.name") ", NULL, c.statement_count,"
                    " c.event_count, c.kind FROM name_order o JOIN country c ON c.code = o.key"
                    " WHERE o.language = " ORDER_LANGUAGE " AND o.subject = 'party'"
                    " AND (c.statement_count > 0 OR c.event_count > 0) ORDER BY o.pos",
    /* By date (undated last), then by name in the language: name_order's
     * "incident" order. */
    [Q_INCIDENTS] = "SELECT i.slug, " INCIDENT_NAME ", i.date, i.statement_count, i.event_count FROM name_order o"
                    " JOIN incident i ON i.id = o.key WHERE o.language = " ORDER_LANGUAGE
                    " AND o.subject = 'incident' ORDER BY o.pos",
    /* One row from the end of the index incident_by_date (date, name, id). */
    [Q_LATEST_INCIDENT] = "SELECT i.slug, " INCIDENT_NAME ", i.date, i.statement_count, i.event_count FROM incident i"
                          " WHERE i.date IS NOT NULL ORDER BY i.date DESC, i.name DESC, i.id DESC LIMIT 1",
    [Q_MONTHS] = "SELECT month, statement_count FROM month_count WHERE year = ?1 ORDER BY month",
    [Q_YEAR_RANGE] = "SELECT statement_count, first_id FROM year_count WHERE year = ?1",
    [Q_MONTH_RANGE] = "SELECT statement_count, first_id FROM month_count WHERE year = ?1 AND month = ?2",
    [Q_COUNTRY_COUNT] = "SELECT statement_count FROM country WHERE code = ?1",
    [Q_COUNTRY_ROLE_COUNT] = "SELECT statement_count FROM country_role WHERE country_code = ?1 AND role = ?2",
    [Q_INCIDENT_COUNT] = "SELECT statement_count FROM incident WHERE id = ?1",
    [Q_ROWS_BY_ID] = "SELECT " ROW_COLUMNS " FROM statement s" BUNDLE_OUTLET_JOIN
                     " WHERE s.id BETWEEN ?1 AND ?2 ORDER BY s.id LIMIT ?3",
    [Q_ROWS_BY_COUNTRY] = "SELECT " ROW_COLUMNS ", l.roles FROM country_statement l"
                          " JOIN statement s ON s.id = l.statement_id" BUNDLE_OUTLET_JOIN
                          " WHERE l.country_code = ?1 AND l.pos BETWEEN ?2 AND ?3 ORDER BY l.pos LIMIT ?4",
    [Q_ROWS_BY_COUNTRY_ROLE] = "SELECT " ROW_COLUMNS " FROM statement_country l"
                               " JOIN statement s ON s.id = l.statement_id" BUNDLE_OUTLET_JOIN
                               " WHERE l.country_code = ?1 AND l.role = ?2 AND l.pos BETWEEN ?3 AND ?4"
                               " ORDER BY l.pos LIMIT ?5",
    [Q_ROWS_BY_INCIDENT] = "SELECT " ROW_COLUMNS " FROM statement_incident l"
                           " JOIN statement s ON s.id = l.statement_id" BUNDLE_OUTLET_JOIN
                           " WHERE l.incident_id = ?1 AND l.pos BETWEEN ?2 AND ?3 ORDER BY l.pos LIMIT ?4",
    [Q_STATEMENT] = "SELECT s.id, s.slug, s.title, s.title_note, s.date, s.date_note, " BUNDLE_OUTLET_NAME ", "
                    BUNDLE_TRANSLATED("speaker", "CAST(p.id AS TEXT)", "name", "p.name") ", "
                    BUNDLE_TRANSLATED("speaker", "CAST(p.id AS TEXT)", "role", "p.role") ","
                    " s.language, s.url, s.kind, t.body, s.year, s.month, s.day, s.same_group, s.translation_group,"
                    " s.partial, s.note"
                    " FROM statement s JOIN statement_text t ON t.id = s.id" BUNDLE_OUTLET_JOIN
                    " LEFT JOIN speaker p ON p.id = s.speaker_id WHERE s.id = ?1",
    [Q_STATEMENT_INCIDENTS] = "SELECT i.id, i.slug, " INCIDENT_NAME " FROM statement_incident l"
                              " JOIN incident i ON i.id = l.incident_id"
                              " WHERE l.statement_id = ?1 ORDER BY i.date IS NULL, i.date, i.name, i.id",
    [Q_SAME_GROUP_ROWS] = "SELECT " ROW_COLUMNS " FROM statement s" BUNDLE_OUTLET_JOIN
                          " WHERE s.same_group = ?1 AND s.id != ?2 ORDER BY s.id LIMIT " RS_STRINGIFY(SAME_AS_MAX),
    [Q_TRANSLATION_ROWS] = "SELECT " ROW_COLUMNS " FROM statement s" BUNDLE_OUTLET_JOIN
                           " WHERE s.translation_group = ?1 AND s.id != ?2 ORDER BY s.id LIMIT "
                           RS_STRINGIFY(SAME_AS_MAX),
    [Q_STATEMENT_BY_SLUG] = "SELECT id FROM statement WHERE slug = ?1",
    [Q_INCIDENT_BY_SLUG] = "SELECT i.id, i.slug, " INCIDENT_NAME ", i.date, i.date_note, " INCIDENT_SUMMARY ","
                           " i.statement_count, i.event_count FROM incident i WHERE i.slug = ?1",
    [Q_COUNTRY_BY_CODE] = "SELECT " BUNDLE_PARTY_NAME("c.code", "c.name") ", c.statement_count, c.kind,"
                          " coalesce((SELECT n9.short_name FROM country_name n9 WHERE n9.code = c.code"
                          " AND n9.short_name IS NOT NULL AND " BUNDLE_IN_LANGUAGE("n9.language") "), c.short_name),"
                          " c.event_count FROM country c WHERE c.code = ?1",
    [Q_COUNTRY_ROLES] = "SELECT role, statement_count FROM country_role WHERE country_code = ?1",
};

/* Query q with the current language bound (see BUNDLE_IN_LANGUAGE). */
static sqlite3_stmt *cached_query(rs_bundle *b, enum bundle_query q)
{
    sqlite3_stmt *stmt = bundle_prepared(b, q, query_sql[q]);
    if (stmt)
        bundle_bind_language(b, stmt);
    return stmt;
}

/* Binds at most the first max_length bytes of text, so a caller's array that
 * lacks its terminating NUL is never read past its end. */
static void bind_text_bounded(sqlite3_stmt *stmt, int i, const char *text, size_t max_length)
{
    sqlite3_bind_text(stmt, i, text, (int)strnlen(text, max_length), SQLITE_TRANSIENT);
}

/* ---- facets ---- */

/* A facet row: key, label, date, count and for incidents event_count.
 * context: the rs_field of the label (an incident's name; a year is short
 * anyway). Every text is clamped to its limit (field_limits.h), whatever
 * the bundle holds. */
static bool read_facet(sqlite3_stmt *stmt, void *item, void *context)
{
    const rs_field *label_field = context;
    rs_facet *f = item;
    f->key = rs_limits_column_or_empty(stmt, 0, RS_FIELD_SLUG);
    f->label = rs_limits_column_or_empty(stmt, 1, label_field ? *label_field : RS_FIELD_SLUG);
    f->date = rs_limits_column(stmt, 2, RS_FIELD_DATE);
    f->count = bundle_column_count(stmt, 3);
    if (sqlite3_column_count(stmt) > 4)
        f->event_count = bundle_column_count(stmt, 4);
    return true;
}

/* A party row: code, name, NULL, statement_count, event_count, kind. A code
 * or a kind a bundle cannot hold leaves the row out: it would have no page. */
static bool read_party_facet(sqlite3_stmt *stmt, void *item, void *context)
{
    (void)context;
    rs_facet *f = item;
    size_t length;
    const char *code = bundle_column_if_text(stmt, 0, &length);
    int kind = bundle_column_name(stmt, 5, rs_party_kinds, RS_PARTY_KIND_COUNT);
    if (!bundle_is_party_code(code, length) || kind < 0)
        return false;
    f->key = bundle_valid_copy(code, length);
    f->label = rs_limits_column_or_empty(stmt, 1, kind ? RS_FIELD_PARTY_NAME : RS_FIELD_COUNTRY_NAME);
    f->count = bundle_column_count(stmt, 3);
    f->event_count = bundle_column_count(stmt, 4);
    f->kind = kind;
    return true;
}

/* Reads a facet list through stmt (bound) and read_row, or clears it on a
 * read error. */
static bool read_facets(sqlite3_stmt *stmt, bundle_row_reader read_row, void *context, rs_facet_list *out)
{
    if (bundle_read_rows(stmt, &out->items, &out->count, sizeof *out->items, read_row, context))
        return true;
    rs_facet_list_clear(out);
    return false;
}

/* Query q, ready to bind, with *out (size bytes) emptied first so that a
 * failure leaves it empty; NULL when the query cannot be prepared. */
static sqlite3_stmt *start_query(rs_bundle *b, enum bundle_query q, void *out, size_t size)
{
    memset(out, 0, size);
    return cached_query(b, q);
}

bool rs_bundle_years(rs_bundle *b, rs_facet_list *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_YEARS, out, sizeof *out);
    return stmt && read_facets(stmt, read_facet, NULL, out);
}

bool rs_bundle_countries(rs_bundle *b, rs_facet_list *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_COUNTRIES, out, sizeof *out);
    return stmt && read_facets(stmt, read_party_facet, NULL, out);
}

bool rs_bundle_incidents(rs_bundle *b, rs_facet_list *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_INCIDENTS, out, sizeof *out);
    static const rs_field incident_name = RS_FIELD_INCIDENT_NAME;
    return stmt && read_facets(stmt, read_facet, (void *)&incident_name, out);
}

bool rs_bundle_latest_incident(rs_bundle *b, rs_facet *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_LATEST_INCIDENT, out, sizeof *out);
    if (!stmt)
        return false;
    bool found = sqlite3_step(stmt) == SQLITE_ROW;
    if (found) {
        rs_field incident_name = RS_FIELD_INCIDENT_NAME;
        read_facet(stmt, out, &incident_name);
        if (!out->date)
            out->date = bundle_valid_copy("", 0);
    }
    bundle_done(stmt);
    return found;
}

void rs_facet_clear(rs_facet *facet)
{
    free(facet->key);
    free(facet->label);
    free(facet->date);
    memset(facet, 0, sizeof *facet);
}

void rs_facet_list_clear(rs_facet_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].key);
        free(list->items[i].label);
        free(list->items[i].date);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- browsing ---- */

/* A date part as rs_statement has it: 1..max, or 0 for NULL and for
 * anything a date part cannot be. */
static int column_date_part(sqlite3_stmt *stmt, int i, int max)
{
    int64_t value = sqlite3_column_int64(stmt, i);
    return value >= 1 && value <= max ? (int)value : 0;
}

/* The rs_roles index of column i's text, or -1 when it names no role. */
static int column_role(sqlite3_stmt *stmt, int i)
{
    return bundle_column_name(stmt, i, rs_roles, RS_ROLE_COUNT);
}

/* Steps a query that returns at most one count and hands it back. *count is
 * 0 when there is no row (no such year, country, incident). */
static bool step_count(sqlite3_stmt *stmt, int64_t *count)
{
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *count = bundle_column_count(stmt, 0);
    bundle_done(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* A month_count row (month, count) of year as a facet. */
static bool read_month(sqlite3_stmt *stmt, void *item, void *context)
{
    int year = *(const int *)context;
    rs_facet *f = item;
    int64_t month = sqlite3_column_int64(stmt, 0);
    /* A month that is no month has no list: leave it out. */
    if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER || month < 0 || month > 12)
        return false;
    char key[32];
    snprintf(key, sizeof key, "%04d-%02d", year, (int)month);
    f->key = bundle_valid_strdup(key);
    f->label = bundle_valid_strdup(key);
    f->count = bundle_column_count(stmt, 1);
    return true;
}

bool rs_bundle_months(rs_bundle *b, int year, rs_facet_list *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_MONTHS, out, sizeof *out);
    if (stmt)
        sqlite3_bind_int(stmt, 1, year);
    return stmt && read_facets(stmt, read_month, &year, out);
}

/* Lists whose rows are a run of ids: statements are numbered in time order,
 * so a year, a month, the undated and the whole collection are each one id
 * range. The other lists are read by position (pos). */
static bool is_id_range_list(rs_list_kind kind)
{
    return kind == RS_LIST_YEAR || kind == RS_LIST_MONTH || kind == RS_LIST_UNDATED || kind == RS_LIST_ALL;
}

/* A spec the query layer can answer: a known kind and, for countries, a role
 * of -1 (all) or an rs_roles index. */
static bool is_valid_spec(const rs_list_spec *spec)
{
    switch (spec->kind) {
    case RS_LIST_YEAR:
    case RS_LIST_MONTH:
    case RS_LIST_UNDATED:
    case RS_LIST_ALL:
    case RS_LIST_INCIDENT:
        return true;
    case RS_LIST_COUNTRY:
        return spec->role >= -1 && spec->role < RS_ROLE_COUNT;
    }
    return false;
}

/* The id range of an id-range list: its rows are ids first_id ..
 * first_id + count - 1. count is 0 when there is no such year or month. The
 * values are as stored; the caller clips them. */
static bool list_id_range(rs_bundle *b, const rs_list_spec *spec, int64_t *first_id, int64_t *count)
{
    *first_id = 0, *count = 0;
    if (spec->kind == RS_LIST_YEAR || spec->kind == RS_LIST_MONTH) {
        sqlite3_stmt *stmt = cached_query(b, spec->kind == RS_LIST_YEAR ? Q_YEAR_RANGE : Q_MONTH_RANGE);
        if (!stmt)
            return false;
        sqlite3_bind_int(stmt, 1, spec->year);
        if (spec->kind == RS_LIST_MONTH)
            sqlite3_bind_int(stmt, 2, spec->month);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            *count = bundle_column_count(stmt, 0);
            *first_id = sqlite3_column_int64(stmt, 1);
        }
        bundle_done(stmt);
        return rc == SQLITE_ROW || rc == SQLITE_DONE;
    }
    int64_t statement_count;
    if (!bundle_meta_int(b, "statement_count", &statement_count))
        return false;
    if (spec->kind == RS_LIST_ALL) {
        *first_id = 1;
        *count = statement_count > 0 ? statement_count : 0;
        return true;
    }
    /* The undated come last: ids undated_first_id .. statement_count (0 when
     * every statement has a date). */
    int64_t undated_first_id;
    if (!bundle_meta_int(b, "undated_first_id", &undated_first_id))
        return false;
    if (undated_first_id >= 1 && undated_first_id <= statement_count) {
        *first_id = undated_first_id;
        *count = statement_count - undated_first_id + 1;
    }
    return true;
}

bool rs_bundle_list_count(rs_bundle *b, const rs_list_spec *spec, int64_t *count)
{
    *count = 0;
    if (!is_valid_spec(spec))
        return false;
    if (is_id_range_list(spec->kind)) {
        int64_t first_id;
        return list_id_range(b, spec, &first_id, count);
    }
    sqlite3_stmt *stmt;
    if (spec->kind == RS_LIST_INCIDENT) {
        if (!(stmt = cached_query(b, Q_INCIDENT_COUNT)))
            return false;
        sqlite3_bind_int64(stmt, 1, spec->incident_id);
    } else if (spec->role < 0) {
        if (!(stmt = cached_query(b, Q_COUNTRY_COUNT)))
            return false;
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
    } else {
        if (!(stmt = cached_query(b, Q_COUNTRY_ROLE_COUNT)))
            return false;
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
        sqlite3_bind_text(stmt, 2, rs_roles[spec->role], -1, SQLITE_STATIC);
    }
    return step_count(stmt, count);
}

/* One row of a list query (ROW_COLUMNS, then the roles column for the
 * all-roles country list). context is the roles text of every row of a
 * one-role country list, else NULL. */
static bool read_row(sqlite3_stmt *stmt, void *item, void *context)
{
    const char *role_name = context;
    rs_statement_row *row = item;
    row->id = sqlite3_column_int64(stmt, 0);
    row->date = rs_limits_column(stmt, 1, RS_FIELD_DATE);
    row->date_inferred = sqlite3_column_int(stmt, 2) != 0;
    row->outlet = rs_limits_column(stmt, 3, RS_FIELD_OUTLET);
    row->title = rs_limits_column_or_empty(stmt, 4, RS_FIELD_TITLE);
    row->language = rs_limits_column_or_empty(stmt, 5, RS_FIELD_SLUG);
    row->slug = rs_limits_column_or_empty(stmt, 6, RS_FIELD_SLUG);
    row->roles = sqlite3_column_count(stmt) > 7 ? bundle_column_text_or_empty(stmt, 7)
                 : role_name                    ? bundle_valid_strdup(role_name)
                                                : NULL;
    return true;
}

/* Reads every row of a list query into out and hands stmt back (see
 * read_row for role_name). */
static bool read_rows(sqlite3_stmt *stmt, const char *role_name, rs_statement_rows *out)
{
    if (bundle_read_rows(stmt, &out->items, &out->count, sizeof *out->items, read_row, (void *)role_name))
        return true;
    rs_statement_rows_clear(out);
    return false;
}

bool rs_bundle_list_page(rs_bundle *b, const rs_list_spec *spec, int64_t offset, size_t limit,
                         rs_statement_rows *out)
{
    memset(out, 0, sizeof *out);
    if (!is_valid_spec(spec))
        return false;
    /* Before the start, or no rows asked for: an empty page, not an error. */
    if (offset < 0 || limit == 0)
        return true;
    /* The page is positions offset .. last_offset, clipped so that no
     * arithmetic overflows whatever the caller or the file says. */
    int64_t row_limit = bundle_clamp_to_int64(limit);
    int64_t last_offset = offset > INT64_MAX - (row_limit - 1) ? INT64_MAX : offset + (row_limit - 1);
    sqlite3_stmt *stmt;
    const char *role_name = NULL;
    if (is_id_range_list(spec->kind)) {
        int64_t first_id, count;
        if (!list_id_range(b, spec, &first_id, &count))
            return false;
        /* A range starting before id 1 is damage; past the end, no rows. */
        if (first_id < 1 || offset >= count || first_id > INT64_MAX - offset)
            return true;
        if (last_offset > count - 1)
            last_offset = count - 1;
        if (!(stmt = cached_query(b, Q_ROWS_BY_ID)))
            return false;
        sqlite3_bind_int64(stmt, 1, first_id + offset);
        sqlite3_bind_int64(stmt, 2, first_id > INT64_MAX - last_offset ? INT64_MAX : first_id + last_offset);
        sqlite3_bind_int64(stmt, 3, row_limit);
    } else if (spec->kind == RS_LIST_INCIDENT) {
        if (!(stmt = cached_query(b, Q_ROWS_BY_INCIDENT)))
            return false;
        sqlite3_bind_int64(stmt, 1, spec->incident_id);
        sqlite3_bind_int64(stmt, 2, offset);
        sqlite3_bind_int64(stmt, 3, last_offset);
        sqlite3_bind_int64(stmt, 4, row_limit);
    } else if (spec->role < 0) {
        if (!(stmt = cached_query(b, Q_ROWS_BY_COUNTRY)))
            return false;
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
        sqlite3_bind_int64(stmt, 2, offset);
        sqlite3_bind_int64(stmt, 3, last_offset);
        sqlite3_bind_int64(stmt, 4, row_limit);
    } else {
        if (!(stmt = cached_query(b, Q_ROWS_BY_COUNTRY_ROLE)))
            return false;
        role_name = rs_roles[spec->role];
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
        sqlite3_bind_text(stmt, 2, role_name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, offset);
        sqlite3_bind_int64(stmt, 4, last_offset);
        sqlite3_bind_int64(stmt, 5, row_limit);
    }
    return read_rows(stmt, role_name, out);
}

void rs_statement_rows_clear(rs_statement_rows *rows)
{
    for (size_t i = 0; i < rows->count; i++) {
        rs_statement_row *row = &rows->items[i];
        free(row->date), free(row->outlet), free(row->title), free(row->language), free(row->roles);
        free(row->slug);
    }
    free(rows->items);
    memset(rows, 0, sizeof *rows);
}

static bool read_incident_link(sqlite3_stmt *stmt, void *item, void *context)
{
    (void)context;
    rs_incident_link *link = item;
    link->id = sqlite3_column_int64(stmt, 0);
    link->slug = rs_limits_column_or_empty(stmt, 1, RS_FIELD_SLUG);
    link->name = rs_limits_column_or_empty(stmt, 2, RS_FIELD_INCIDENT_NAME);
    return true;
}

/* The incidents of statement id, by date (undated last), then name. */
static bool read_statement_incidents(rs_bundle *b, int64_t id, rs_statement *out)
{
    sqlite3_stmt *stmt = cached_query(b, Q_STATEMENT_INCIDENTS);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    return bundle_read_rows(stmt, &out->incidents, &out->incident_count, sizeof *out->incidents,
                            read_incident_link, NULL);
}

/* A text the schema declares NOT NULL (slug, title, language, kind, body)
 * comes back as "" when a damaged bundle holds NULL there, so the statement
 * still opens and the caller never checks for NULL. */
bool rs_bundle_statement(rs_bundle *b, int64_t id, rs_statement *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_STATEMENT, out, sizeof *out);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    bool in_group = false, translated = false;
    int64_t same_group = 0, translation_group = 0;
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(stmt, 0);
        out->slug = rs_limits_column_or_empty(stmt, 1, RS_FIELD_SLUG);
        out->title = rs_limits_column_or_empty(stmt, 2, RS_FIELD_TITLE);
        out->title_note = rs_limits_column(stmt, 3, RS_FIELD_TITLE_NOTE);
        out->date = rs_limits_column(stmt, 4, RS_FIELD_DATE);
        out->date_note = rs_limits_column(stmt, 5, RS_FIELD_DATE_NOTE);
        out->outlet = rs_limits_column(stmt, 6, RS_FIELD_OUTLET);
        out->speaker = rs_limits_column(stmt, 7, RS_FIELD_SPEAKER);
        out->speaker_role = rs_limits_column(stmt, 8, RS_FIELD_SPEAKER_ROLE);
        out->language = rs_limits_column_or_empty(stmt, 9, RS_FIELD_SLUG);
        out->url = rs_limits_column(stmt, 10, RS_FIELD_URL);
        out->kind = rs_limits_column_or_empty(stmt, 11, RS_FIELD_SLUG);
        out->body = rs_limits_column_or_empty(stmt, 12, RS_FIELD_BODY);
        out->year = column_date_part(stmt, 13, 9999);
        out->month = column_date_part(stmt, 14, 12);
        out->day = column_date_part(stmt, 15, 31);
        in_group = sqlite3_column_type(stmt, 16) != SQLITE_NULL;
        same_group = sqlite3_column_int64(stmt, 16);
        translated = sqlite3_column_type(stmt, 17) != SQLITE_NULL;
        translation_group = sqlite3_column_int64(stmt, 17);
        out->partial = sqlite3_column_type(stmt, 18) == SQLITE_INTEGER && sqlite3_column_int64(stmt, 18) != 0;
        out->note = rs_limits_column(stmt, 19, RS_FIELD_NOTE);
    }
    bundle_done(stmt);
    bool ok = rc == SQLITE_ROW && bundle_statement_parties(b, id, &out->countries, &out->country_count) &&
              read_statement_incidents(b, id, out);
    if (ok && in_group) {
        ok = (stmt = cached_query(b, Q_SAME_GROUP_ROWS)) != NULL;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, same_group);
            sqlite3_bind_int64(stmt, 2, id);
            ok = read_rows(stmt, NULL, &out->same_as);
        }
    }
    if (ok && translated) {
        ok = (stmt = cached_query(b, Q_TRANSLATION_ROWS)) != NULL;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, translation_group);
            sqlite3_bind_int64(stmt, 2, id);
            ok = read_rows(stmt, NULL, &out->translations);
        }
    }
    if (!ok)
        rs_statement_clear(out);
    return ok;
}

int64_t rs_bundle_statement_id(rs_bundle *b, const char *slug)
{
    sqlite3_stmt *stmt = cached_query(b, Q_STATEMENT_BY_SLUG);
    if (!stmt)
        return 0;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    bundle_done(stmt);
    /* Ids start at 1: anything else would be taken for "no statement". */
    return id > 0 ? id : 0;
}

void rs_statement_clear(rs_statement *s)
{
    free(s->slug), free(s->title), free(s->title_note), free(s->date), free(s->date_note), free(s->outlet);
    free(s->speaker), free(s->speaker_role), free(s->language), free(s->url), free(s->kind), free(s->body);
    free(s->note);
    bundle_links_free(s->countries, s->country_count);
    for (size_t i = 0; i < s->incident_count; i++)
        free(s->incidents[i].slug), free(s->incidents[i].name);
    free(s->incidents);
    rs_statement_rows_clear(&s->same_as);
    rs_statement_rows_clear(&s->translations);
    memset(s, 0, sizeof *s);
}

bool rs_bundle_incident(rs_bundle *b, const char *slug, rs_incident_detail *out)
{
    sqlite3_stmt *stmt = start_query(b, Q_INCIDENT_BY_SLUG, out, sizeof *out);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(stmt, 0);
        out->slug = rs_limits_column_or_empty(stmt, 1, RS_FIELD_SLUG);
        out->name = rs_limits_column_or_empty(stmt, 2, RS_FIELD_INCIDENT_NAME);
        out->date = rs_limits_column(stmt, 3, RS_FIELD_DATE);
        out->date_note = rs_limits_column(stmt, 4, RS_FIELD_DATE_NOTE);
        out->summary = rs_limits_column_or_empty(stmt, 5, RS_FIELD_INCIDENT_SUMMARY);
        out->count = bundle_column_count(stmt, 6);
        out->event_count = bundle_column_count(stmt, 7);
    }
    bundle_done(stmt);
    return rc == SQLITE_ROW;
}

void rs_incident_detail_clear(rs_incident_detail *incident)
{
    free(incident->slug), free(incident->name), free(incident->date), free(incident->date_note);
    free(incident->summary);
    memset(incident, 0, sizeof *incident);
}

_Static_assert(sizeof ((rs_country_detail *)0)->role_counts / sizeof(int64_t) == RS_ROLE_COUNT,
               "rs_country_detail.role_counts has one count per role");

/* The party's row: its name, counts, kind and short name. false when there
 * is none, when its kind is none a bundle can hold, or when it is in no
 * statement and no event (it has no page). */
static bool read_country_row(rs_bundle *b, rs_country_detail *out)
{
    sqlite3_stmt *stmt = cached_query(b, Q_COUNTRY_BY_CODE);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, out->code, -1, SQLITE_STATIC);
    bool found = sqlite3_step(stmt) == SQLITE_ROW;
    if (found) {
        int kind = bundle_column_name(stmt, 2, rs_party_kinds, RS_PARTY_KIND_COUNT);
        out->kind = kind > 0 ? kind : 0;
        out->name = rs_limits_column(stmt, 0, out->kind ? RS_FIELD_PARTY_NAME : RS_FIELD_COUNTRY_NAME);
        if (!out->name)
            out->name = bundle_valid_strdup(out->code);
        out->count = bundle_column_count(stmt, 1);
        out->event_count = bundle_column_count(stmt, 4);
        /* A country's short name is its name. */
        out->short_name = out->kind ? rs_limits_column(stmt, 3, RS_FIELD_PARTY_SHORT) : NULL;
        found = kind >= 0 && (out->count > 0 || out->event_count > 0);
    }
    bundle_done(stmt);
    return found;
}

bool rs_bundle_country(rs_bundle *b, const char *code, rs_country_detail *out)
{
    memset(out, 0, sizeof *out);
    size_t length = code ? strnlen(code, RS_PARTY_CODE_SIZE) : 0;
    if (!bundle_is_party_code(code, length))
        return false;
    memcpy(out->code, code, length);
    bool ok = read_country_row(b, out);
    sqlite3_stmt *stmt = NULL;
    if (ok && (ok = (stmt = cached_query(b, Q_COUNTRY_ROLES)) != NULL)) {
        sqlite3_bind_text(stmt, 1, out->code, -1, SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int role = column_role(stmt, 0);
            if (role >= 0)
                out->role_counts[role] = bundle_column_count(stmt, 1);
        }
        bundle_done(stmt);
        ok = rc == SQLITE_DONE;
    }
    ok = ok && (out->kind == 0 || bundle_party_members(b, out->code, &out->members, &out->member_count));
    if (!ok)
        rs_country_detail_clear(out);
    return ok;
}

void rs_country_detail_clear(rs_country_detail *country)
{
    free(country->name);
    free(country->short_name);
    bundle_links_free(country->members, country->member_count);
    memset(country, 0, sizeof *country);
}
