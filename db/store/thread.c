/*
 * The incident thread (format 3): an incident's events and statements in
 * one time order, and a party's events, as the thread screen and a party
 * page read them a page at a time.
 *
 * A page is one seek in a primary key by its precomputed position
 * (incident_thread or party_event), whatever the offset, then one seek per
 * entry for its parties. A statement entry's line is statement_text.lede,
 * stored before the body so that reading it never reads the body's pages.
 * Nothing from the file is trusted: an entry whose row is missing, names
 * both a statement and an event or neither, or holds a kind of event this
 * version does not know is left out; every text is a checked copy clamped
 * to its field's limit.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"
#include "field_limits.h"

/* The columns of an event row e, in this order (read_event). */
#define EVENT_COLUMNS                                                                                                 \
    "e.id, e.date, e.date_note, e.kind, " BUNDLE_TRANSLATED("event", "CAST(e.id AS TEXT)", "summary", "e.summary")   \
    ", e.url, e.incident_id"
#define EVENT_COLUMN_COUNT 7
/* The columns of a statement row s with its text x and outlet o
 * (read_statement). */
#define STATEMENT_COLUMNS "s.id, s.slug, s.date, s.date_note, s.kind, s.title, x.lede, s.url, " BUNDLE_OUTLET_NAME
/* An incident's name (row i) in the current language. */
#define INCIDENT_NAME BUNDLE_TRANSLATED("incident", "i.slug", "name", "i.name")

/* The statement kind that accuses (statement.kind); the others answer. */
static const char accusing_statement_kind[] = "attribution";
/* rs_event_kinds before this index accuse (attribution .. disclosure). */
#define ACCUSING_EVENT_KINDS 5

static const char *const query_sql[QUERY_COUNT] = {
    [Q_THREAD_INCIDENT] = "SELECT i.slug, " INCIDENT_NAME " FROM incident i WHERE i.id = ?1",
    /* Columns: which the entry names (statement, event), the statement's
     * columns (2..10), the event's (11..17). */
    [Q_THREAD_PAGE] = "SELECT t.statement_id IS NOT NULL, t.event_id IS NOT NULL, " STATEMENT_COLUMNS ", "
                      EVENT_COLUMNS " FROM incident_thread t"
                      " LEFT JOIN statement s ON s.id = t.statement_id"
                      " LEFT JOIN statement_text x ON x.id = t.statement_id"
                      " LEFT JOIN outlet o ON o.id = s.outlet_id"
                      " LEFT JOIN event e ON e.id = t.event_id"
                      " WHERE t.incident_id = ?1 AND t.pos BETWEEN ?2 AND ?3 ORDER BY t.pos LIMIT ?4",
    /* Columns: the event's (0..6), its incident's slug and name. */
    [Q_PARTY_EVENTS] = "SELECT " EVENT_COLUMNS ", i.slug, " INCIDENT_NAME " FROM party_event l"
                       " JOIN event e ON e.id = l.event_id LEFT JOIN incident i ON i.id = e.incident_id"
                       " WHERE l.party_code = ?1 AND l.pos BETWEEN ?2 AND ?3 ORDER BY l.pos LIMIT ?4",
};

static sqlite3_stmt *thread_query(rs_bundle *b, enum bundle_query q)
{
    sqlite3_stmt *stmt = bundle_prepared(b, q, query_sql[q]);
    if (stmt)
        bundle_bind_language(b, stmt);
    return stmt;
}

/* Fills entry from the event columns starting at column at; false (the
 * entry is left out) when the event row is missing or its kind is none
 * this version knows. */
static bool read_event(sqlite3_stmt *stmt, int at, rs_thread_entry *entry)
{
    int kind = bundle_column_name(stmt, at + 3, rs_event_kinds, RS_EVENT_KIND_COUNT);
    if (sqlite3_column_type(stmt, at) == SQLITE_NULL || kind < 0)
        return false;
    entry->kind = RS_THREAD_EVENT;
    entry->id = sqlite3_column_int64(stmt, at);
    entry->date = rs_limits_column(stmt, at + 1, RS_FIELD_DATE);
    entry->date_note = rs_limits_column(stmt, at + 2, RS_FIELD_DATE_NOTE);
    entry->what = bundle_valid_strdup(rs_event_kinds[kind]);
    entry->accusation = kind < ACCUSING_EVENT_KINDS;
    entry->line = rs_limits_column_or_empty(stmt, at + 4, RS_FIELD_EVENT_SUMMARY);
    entry->url = rs_limits_column(stmt, at + 5, RS_FIELD_URL);
    entry->incident_id = sqlite3_column_int64(stmt, at + 6);
    return true;
}

/* The lede of column i: at most RS_LEDE_MAX_BYTES of it, whatever the file
 * holds. */
static char *column_lede(sqlite3_stmt *stmt, int i)
{
    const char *text = (const char *)sqlite3_column_text(stmt, i);
    int length = sqlite3_column_bytes(stmt, i);
    size_t kept = text && length > 0 ? (size_t)length : 0;
    if (kept > RS_LEDE_MAX_BYTES) {
        kept = RS_LEDE_MAX_BYTES;
        while (kept > 0 && ((unsigned char)text[kept] & 0xC0) == 0x80)
            kept--; /* not inside a character */
    }
    char *copy = rs_limits_copy(RS_FIELD_TITLE, text ? text : "", kept);
    size_t copied = strlen(copy);
    if (copied <= RS_LEDE_MAX_BYTES)
        return copy;
    /* Invalid bytes became U+FFFD, three bytes each: cut again, at a
     * character, and say so with "…". */
    size_t cut = RS_LEDE_MAX_BYTES;
    while (cut > 0 && ((unsigned char)copy[cut] & 0xC0) == 0x80)
        cut--;
    copy = rs_xrealloc(copy, cut + sizeof "\xE2\x80\xA6");
    memcpy(copy + cut, "\xE2\x80\xA6", sizeof "\xE2\x80\xA6");
    return copy;
}

/* Fills entry from the statement columns starting at column at; false when
 * the statement row is missing. */
static bool read_statement(sqlite3_stmt *stmt, int at, rs_thread_entry *entry)
{
    if (sqlite3_column_type(stmt, at) == SQLITE_NULL)
        return false;
    entry->kind = RS_THREAD_STATEMENT;
    entry->id = sqlite3_column_int64(stmt, at);
    entry->slug = rs_limits_column_or_empty(stmt, at + 1, RS_FIELD_SLUG);
    entry->date = rs_limits_column(stmt, at + 2, RS_FIELD_DATE);
    entry->date_note = rs_limits_column(stmt, at + 3, RS_FIELD_DATE_NOTE);
    entry->what = rs_limits_column_or_empty(stmt, at + 4, RS_FIELD_SLUG);
    entry->accusation = strcmp(entry->what, accusing_statement_kind) == 0;
    entry->title = rs_limits_column_or_empty(stmt, at + 5, RS_FIELD_TITLE);
    entry->line = column_lede(stmt, at + 6);
    entry->url = rs_limits_column(stmt, at + 7, RS_FIELD_URL);
    entry->outlet = rs_limits_column(stmt, at + 8, RS_FIELD_OUTLET);
    return true;
}

static void entry_clear(rs_thread_entry *e)
{
    free(e->slug), free(e->date), free(e->date_note), free(e->what), free(e->title), free(e->line);
    free(e->url), free(e->outlet), free(e->incident_slug), free(e->incident_name);
    bundle_links_free(e->parties, e->party_count);
    memset(e, 0, sizeof *e);
}

/* A row of Q_THREAD_PAGE: exactly one of a statement and an event, whose
 * row exists. A half-read entry is cleared before it is left out. */
static bool read_thread_row(sqlite3_stmt *stmt, void *item, void *context)
{
    (void)context;
    rs_thread_entry *entry = item;
    bool names_statement = sqlite3_column_int(stmt, 0) != 0, names_event = sqlite3_column_int(stmt, 1) != 0;
    bool ok = names_statement != names_event &&
              (names_statement ? read_statement(stmt, 2, entry) : read_event(stmt, 11, entry));
    if (!ok)
        entry_clear(entry);
    return ok;
}

/* A row of Q_PARTY_EVENTS: the event and its incident. */
static bool read_party_event_row(sqlite3_stmt *stmt, void *item, void *context)
{
    (void)context;
    rs_thread_entry *entry = item;
    if (!read_event(stmt, 0, entry)) {
        entry_clear(entry);
        return false;
    }
    entry->incident_slug = rs_limits_column_or_empty(stmt, EVENT_COLUMN_COUNT, RS_FIELD_SLUG);
    entry->incident_name = rs_limits_column_or_empty(stmt, EVENT_COLUMN_COUNT + 1, RS_FIELD_INCIDENT_NAME);
    return true;
}

/* Binds the page offset .. offset + limit - 1 as ?first_slot, ?first_slot
 * + 1 (the last position) and ?first_slot + 2 (the row limit), clipped so
 * that no arithmetic overflows whatever the caller says. */
static void bind_page(sqlite3_stmt *stmt, int first_slot, int64_t offset, size_t limit)
{
    int64_t row_limit = bundle_clamp_to_int64(limit);
    int64_t last_offset = offset > INT64_MAX - (row_limit - 1) ? INT64_MAX : offset + (row_limit - 1);
    sqlite3_bind_int64(stmt, first_slot, offset);
    sqlite3_bind_int64(stmt, first_slot + 1, last_offset);
    sqlite3_bind_int64(stmt, first_slot + 2, row_limit);
}

/* Reads the page through stmt (bound), then each entry's parties; on any
 * read error clears out. */
static bool read_entries(rs_bundle *b, sqlite3_stmt *stmt, bundle_row_reader read_row, rs_thread *out)
{
    bool ok = bundle_read_rows(stmt, &out->items, &out->count, sizeof *out->items, read_row, NULL);
    for (size_t i = 0; ok && i < out->count; i++) {
        rs_thread_entry *e = &out->items[i];
        ok = e->kind == RS_THREAD_STATEMENT ? bundle_statement_parties(b, e->id, &e->parties, &e->party_count)
                                            : bundle_event_parties(b, e->id, &e->parties, &e->party_count);
    }
    if (!ok)
        rs_thread_clear(out);
    return ok;
}

/* The incident's slug and name into *slug and *name; false when there is no
 * such incident (its thread is empty) or on a read error (*failed). */
static bool read_thread_incident(rs_bundle *b, int64_t incident_id, char **slug, char **name, bool *failed)
{
    sqlite3_stmt *stmt = thread_query(b, Q_THREAD_INCIDENT);
    *failed = stmt == NULL;
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, incident_id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *slug = rs_limits_column_or_empty(stmt, 0, RS_FIELD_SLUG);
        *name = rs_limits_column_or_empty(stmt, 1, RS_FIELD_INCIDENT_NAME);
    }
    *failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    bundle_done(stmt);
    return rc == SQLITE_ROW;
}

bool rs_bundle_thread_page(rs_bundle *b, int64_t incident_id, int64_t offset, size_t limit, rs_thread *out)
{
    memset(out, 0, sizeof *out);
    /* Before the start, or no entries asked for: an empty page, not an error. */
    if (offset < 0 || limit == 0)
        return true;
    char *slug = NULL, *name = NULL;
    bool failed;
    if (!read_thread_incident(b, incident_id, &slug, &name, &failed))
        return !failed;
    sqlite3_stmt *stmt = thread_query(b, Q_THREAD_PAGE);
    bool ok = stmt != NULL;
    if (ok) {
        sqlite3_bind_int64(stmt, 1, incident_id);
        bind_page(stmt, 2, offset, limit);
        ok = read_entries(b, stmt, read_thread_row, out);
    }
    for (size_t i = 0; ok && i < out->count; i++) {
        rs_thread_entry *e = &out->items[i];
        /* The thread's incident, whatever an event row says (check proves
         * they agree). */
        e->incident_id = incident_id;
        e->incident_slug = rs_xstrdup(slug);
        e->incident_name = rs_xstrdup(name);
    }
    free(slug), free(name);
    return ok;
}

bool rs_bundle_party_events(rs_bundle *b, const char *code, int64_t offset, size_t limit, rs_thread *out)
{
    memset(out, 0, sizeof *out);
    size_t length = code ? strnlen(code, RS_PARTY_CODE_SIZE) : 0;
    if (!bundle_is_party_code(code, length))
        return false;
    if (offset < 0 || limit == 0)
        return true;
    sqlite3_stmt *stmt = thread_query(b, Q_PARTY_EVENTS);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, code, (int)length, SQLITE_TRANSIENT);
    bind_page(stmt, 2, offset, limit);
    return read_entries(b, stmt, read_party_event_row, out);
}

void rs_thread_clear(rs_thread *thread)
{
    for (size_t i = 0; i < thread->count; i++)
        entry_clear(&thread->items[i]);
    free(thread->items);
    memset(thread, 0, sizeof *thread);
}
