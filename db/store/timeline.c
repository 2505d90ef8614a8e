/*
 * The timeline's queries (format 4): bars from month_count, incident spans
 * by lane, and the marks of a window of time.
 *
 * Every query costs what it returns, at any size: the bars are month_count
 * (13 rows a year at most); the spans one seek per lane in incident_span,
 * stepping only over the spans it returns; the marks one seek in
 * event_by_key and a binary search over statement ids (ids are in time
 * order, so a window of keys is a window of ids), then at most limit + 1
 * rows of each. Nothing from the file is trusted: keys and lanes that are
 * not integers, a span whose first key lies after its last, a month outside
 * 0..12 or out of order are left out, and every loop is bounded by the
 * caller's limit or the stored counts, whatever the rows say.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"
#include "field_limits.h"

/* Years a date can have (rs_date): a month_count row outside is a lie. */
#define YEAR_MAX 9999
/* Rows of month_count read at most: every month of every possible year. */
#define BAR_ROWS_MAX (YEAR_MAX * 13)
/* Lanes a bundle may claim when its incident count is missing. */
#define LANES_MAX 1000000
/* Rows a lane's seek may step over beyond the spans it keeps (rows whose
 * keys lie), so that a lying lane costs a bounded number of steps. */
#define SPAN_SKIP_MAX 64
/* rs_event_kinds before this index accuse (as the thread's). */
#define ACCUSING_EVENT_KINDS 5

/* An incident's name (row i) in the current language. */
#define INCIDENT_NAME BUNDLE_TRANSLATED("incident", "i.slug", "name", "i.name")

static const char *const query_sql[QUERY_COUNT] = {
    [Q_TIMELINE_BARS] = "SELECT year, month, statement_count FROM month_count ORDER BY year, month"
                        " LIMIT " RS_STRINGIFY(BAR_ROWS_MAX),
    [Q_TIMELINE_LANE_COUNT] = "SELECT lane FROM incident WHERE lane IS NOT NULL ORDER BY lane DESC LIMIT 1",
    [Q_TIMELINE_LANE] = "SELECT i.id, i.slug, " INCIDENT_NAME ", i.first_key, i.last_key, i.answer_count"
                        " FROM incident i WHERE i.lane = ?1 AND i.last_key >= ?2 ORDER BY i.last_key LIMIT ?3",
    [Q_TIMELINE_EVENTS] = "SELECT e.id, e.key, e.kind, e.incident_id, i.slug FROM event e"
                          " LEFT JOIN incident i ON i.id = e.incident_id"
                          " WHERE e.key BETWEEN ?1 AND ?2 ORDER BY e.key, e.id LIMIT ?3",
    [Q_TIMELINE_STATEMENT_KEY] = "SELECT year, month, day FROM statement WHERE id = ?1",
    /* A statement's first incident is the first of rs_statement.incidents
     * (browse.c's order: by date, then name). */
    [Q_TIMELINE_STATEMENTS] =
        "SELECT s.id, s.year, s.month, s.day, s.slug, s.kind, s.title, f.id, f.slug FROM statement s"
        " LEFT JOIN incident f ON f.id = (SELECT l.incident_id FROM statement_incident l"
        " JOIN incident i ON i.id = l.incident_id WHERE l.statement_id = s.id"
        " ORDER BY i.date IS NULL, i.date, i.name, i.id LIMIT 1)"
        " WHERE s.id >= ?1 ORDER BY s.id LIMIT ?2",
};

static sqlite3_stmt *timeline_query(rs_bundle *b, enum bundle_query q)
{
    sqlite3_stmt *stmt = bundle_prepared(b, q, query_sql[q]);
    if (stmt)
        bundle_bind_language(b, stmt);
    return stmt;
}

/* Column i as an integer in [low, high], or false when it is not an
 * integer (NULL, text, a blob) or lies outside. */
static bool column_int_in(sqlite3_stmt *stmt, int i, int64_t low, int64_t high, int64_t *value)
{
    if (sqlite3_column_type(stmt, i) != SQLITE_INTEGER)
        return false;
    *value = sqlite3_column_int64(stmt, i);
    return *value >= low && *value <= high;
}

/* A date key as a date key can be (RS_DATE_KEY of years 1..9999). */
static bool column_key(sqlite3_stmt *stmt, int i, int32_t *key)
{
    int64_t value;
    if (!column_int_in(stmt, i, RS_DATE_KEY(1, 0, 0), RS_DATE_KEY(YEAR_MAX, 12, 31), &value))
        return false;
    *key = (int32_t)value;
    return true;
}

/* limit + 1 rows, for "is there more", without overflow. */
static int64_t limit_plus_one(size_t limit)
{
    int64_t rows = bundle_clamp_to_int64(limit);
    return rows < INT64_MAX ? rows + 1 : rows;
}

/* ---- bars ---- */

bool rs_bundle_timeline_bars(rs_bundle *b, rs_timeline_bars *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = timeline_query(b, Q_TIMELINE_BARS);
    if (!stmt)
        return false;
    size_t capacity = 0;
    int64_t last = -1; /* year * 13 + month of the last bar kept: bars only go forward */
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t year, month;
        if (!column_int_in(stmt, 0, 1, YEAR_MAX, &year) || !column_int_in(stmt, 1, 0, 12, &month) ||
            year * 13 + month <= last)
            continue;
        last = year * 13 + month;
        rs_grow(&out->items, &capacity, out->count + 1, sizeof *out->items);
        out->items[out->count++] = (rs_timeline_bar){(int)year, (int)month, bundle_column_count(stmt, 2)};
    }
    bundle_done(stmt);
    if (rc != SQLITE_DONE) {
        rs_timeline_bars_clear(out);
        return false;
    }
    int64_t undated;
    out->undated = bundle_meta_int(b, "undated_count", &undated) && undated > 0 ? undated : 0;
    return true;
}

void rs_timeline_bars_clear(rs_timeline_bars *bars)
{
    free(bars->items);
    memset(bars, 0, sizeof *bars);
}

/* ---- spans ---- */

/* Lanes in the collection: the highest lane + 1, never more than there are
 * incidents (packing never needs more), whatever the file says. */
static bool lane_count(rs_bundle *b, int *count)
{
    *count = 0;
    sqlite3_stmt *stmt = timeline_query(b, Q_TIMELINE_LANE_COUNT);
    if (!stmt)
        return false;
    int rc = sqlite3_step(stmt);
    int64_t top = -1, incidents;
    if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_INTEGER)
        top = sqlite3_column_int64(stmt, 0);
    bundle_done(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return false;
    int64_t bound = bundle_meta_int(b, "incident_count", &incidents) && incidents >= 0 && incidents < LANES_MAX
                        ? incidents
                        : LANES_MAX;
    *count = (int)(top < 0 ? 0 : top >= bound ? bound : top + 1);
    return true;
}

/* The row's span into *span (zeroed); false when its keys are not keys or
 * run backwards. */
static bool read_span(sqlite3_stmt *stmt, int lane, rs_timeline_span *span)
{
    int32_t first, last;
    if (!column_key(stmt, 3, &first) || !column_key(stmt, 4, &last) || first > last)
        return false;
    span->incident_id = sqlite3_column_int64(stmt, 0);
    span->slug = rs_limits_column_or_empty(stmt, 1, RS_FIELD_SLUG);
    span->name = rs_limits_column_or_empty(stmt, 2, RS_FIELD_INCIDENT_NAME);
    span->first_key = first, span->last_key = last;
    span->lane = lane;
    span->has_answer = sqlite3_column_type(stmt, 5) == SQLITE_INTEGER && sqlite3_column_int64(stmt, 5) > 0;
    return true;
}

/* Lane's spans that overlap [from, to], at most limit, appended to out.
 * Spans of a lane lie in order of both keys: the seek starts at the first
 * that ends at from or later and stops at the first that starts after to. */
static bool read_lane(sqlite3_stmt *stmt, int lane, int32_t from, int32_t to, size_t limit, rs_timeline_spans *out,
                      size_t *capacity)
{
    sqlite3_bind_int(stmt, 1, lane);
    sqlite3_bind_int(stmt, 2, from);
    int64_t rows = bundle_clamp_to_int64(limit);
    sqlite3_bind_int64(stmt, 3, rows < INT64_MAX - SPAN_SKIP_MAX ? rows + SPAN_SKIP_MAX : rows);
    size_t kept = 0;
    int rc = SQLITE_DONE;
    while (kept < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int32_t first;
        if (column_key(stmt, 3, &first) && first > to)
            break;
        rs_grow(&out->items, capacity, out->count + 1, sizeof *out->items);
        rs_timeline_span *span = &out->items[out->count];
        memset(span, 0, sizeof *span);
        if (read_span(stmt, lane, span))
            out->count++, kept++;
    }
    if (kept == limit)
        rc = SQLITE_DONE;
    bundle_done(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

bool rs_bundle_timeline_spans(rs_bundle *b, int32_t from_key, int32_t to_key, int max_lanes, size_t limit,
                              rs_timeline_spans *out)
{
    memset(out, 0, sizeof *out);
    if (!lane_count(b, &out->lane_count))
        return false;
    if (from_key > to_key || limit == 0)
        return true;
    int lanes = max_lanes < out->lane_count ? max_lanes : out->lane_count;
    size_t capacity = 0;
    bool ok = true;
    for (int lane = 0; ok && lane < lanes; lane++) {
        sqlite3_stmt *stmt = timeline_query(b, Q_TIMELINE_LANE);
        ok = stmt && read_lane(stmt, lane, from_key, to_key, limit, out, &capacity);
    }
    if (!ok) {
        rs_timeline_spans_clear(out);
        return false;
    }
    return true;
}

void rs_timeline_spans_clear(rs_timeline_spans *spans)
{
    for (size_t i = 0; i < spans->count; i++)
        free(spans->items[i].slug), free(spans->items[i].name);
    free(spans->items);
    memset(spans, 0, sizeof *spans);
}

/* ---- marks ---- */

static void mark_free(rs_timeline_mark *m)
{
    free(m->slug), free(m->incident_slug), free(m->label);
}

/* The events with from <= key <= to, at most rows, by (key, id). */
static bool read_event_marks(rs_bundle *b, int32_t from, int32_t to, int64_t rows, rs_timeline_marks *out)
{
    sqlite3_stmt *stmt = timeline_query(b, Q_TIMELINE_EVENTS);
    if (!stmt)
        return false;
    sqlite3_bind_int(stmt, 1, from);
    sqlite3_bind_int(stmt, 2, to);
    sqlite3_bind_int64(stmt, 3, rows);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int32_t key;
        int kind = bundle_column_name(stmt, 2, rs_event_kinds, RS_EVENT_KIND_COUNT);
        if (!column_key(stmt, 1, &key) || key < from || key > to || kind < 0)
            continue;
        rs_grow(&out->items, &capacity, out->count + 1, sizeof *out->items);
        out->items[out->count++] = (rs_timeline_mark){
            .kind = RS_THREAD_EVENT,
            .id = sqlite3_column_int64(stmt, 0),
            .key = key,
            .accusation = kind < ACCUSING_EVENT_KINDS,
            .incident_id = sqlite3_column_int64(stmt, 3),
            .incident_slug = rs_limits_column(stmt, 4, RS_FIELD_SLUG),
            .label = bundle_valid_strdup(rs_event_kinds[kind]),
        };
    }
    bundle_done(stmt);
    return rc == SQLITE_DONE;
}

/* Statement id's date key, or INT32_MAX when it is undated, missing or
 * unreadable (the undated come last). */
static int32_t statement_key(sqlite3_stmt *stmt, int64_t id)
{
    sqlite3_bind_int64(stmt, 1, id);
    int32_t key = INT32_MAX;
    int64_t year, month = 0, day = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW && column_int_in(stmt, 0, 1, YEAR_MAX, &year) &&
        (sqlite3_column_type(stmt, 1) == SQLITE_NULL || column_int_in(stmt, 1, 1, 12, &month)) &&
        (sqlite3_column_type(stmt, 2) == SQLITE_NULL || column_int_in(stmt, 2, 1, 31, &day)))
        key = (int32_t)RS_DATE_KEY(year, month, day);
    sqlite3_reset(stmt);
    return key;
}

/* The first statement id whose key is from or later: a binary search over
 * the dated ids (1 .. the first undated id - 1), a seek a step. */
static bool first_statement_at(rs_bundle *b, int32_t from, int64_t *id)
{
    int64_t count = 0, undated_first = 0;
    bundle_meta_int(b, "statement_count", &count);
    bundle_meta_int(b, "undated_first_id", &undated_first);
    int64_t high = undated_first > 0 && undated_first <= count ? undated_first : count + 1; /* exclusive */
    int64_t low = 1;
    if (high < low)
        high = low;
    sqlite3_stmt *stmt = timeline_query(b, Q_TIMELINE_STATEMENT_KEY);
    if (!stmt)
        return false;
    while (low < high) {
        int64_t mid = low + (high - low) / 2;
        if (statement_key(stmt, mid) < from)
            low = mid + 1;
        else
            high = mid;
    }
    bundle_done(stmt);
    *id = low;
    return true;
}

/* The row's statement mark into *m; false when its key is outside
 * [from, to] (*past set when it lies after to: the window ends). */
static bool read_statement_mark(sqlite3_stmt *stmt, int32_t from, int32_t to, rs_timeline_mark *m, bool *past)
{
    int64_t year, month = 0, day = 0;
    bool dated = column_int_in(stmt, 1, 1, YEAR_MAX, &year) &&
                 (sqlite3_column_type(stmt, 2) == SQLITE_NULL || column_int_in(stmt, 2, 1, 12, &month)) &&
                 (sqlite3_column_type(stmt, 3) == SQLITE_NULL || column_int_in(stmt, 3, 1, 31, &day));
    int32_t key = dated ? (int32_t)RS_DATE_KEY(year, month, day) : INT32_MAX;
    *past = key > to;
    if (key < from || key > to)
        return false;
    size_t kind_length;
    const char *kind = bundle_column_if_text(stmt, 5, &kind_length);
    *m = (rs_timeline_mark){
        .kind = RS_THREAD_STATEMENT,
        .id = sqlite3_column_int64(stmt, 0),
        .slug = rs_limits_column_or_empty(stmt, 4, RS_FIELD_SLUG),
        .key = key,
        .accusation = kind && kind_length == strlen("attribution") && memcmp(kind, "attribution", kind_length) == 0,
        .incident_id = sqlite3_column_type(stmt, 7) == SQLITE_INTEGER ? sqlite3_column_int64(stmt, 7) : 0,
        .incident_slug = rs_limits_column(stmt, 8, RS_FIELD_SLUG),
        .label = rs_limits_column_or_empty(stmt, 6, RS_FIELD_TITLE),
    };
    if (!m->incident_slug)
        m->incident_id = 0;
    return true;
}

/* The statements with from <= key <= to, at most rows, by id. */
static bool read_statement_marks(rs_bundle *b, int32_t from, int32_t to, int64_t rows, rs_timeline_marks *out)
{
    int64_t first;
    if (!first_statement_at(b, from, &first))
        return false;
    sqlite3_stmt *stmt = timeline_query(b, Q_TIMELINE_STATEMENTS);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, first);
    sqlite3_bind_int64(stmt, 2, rows);
    size_t capacity = 0;
    int rc = SQLITE_DONE;
    bool past = false;
    while (!past && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rs_timeline_mark mark;
        if (!read_statement_mark(stmt, from, to, &mark, &past))
            continue;
        rs_grow(&out->items, &capacity, out->count + 1, sizeof *out->items);
        out->items[out->count++] = mark;
    }
    bundle_done(stmt);
    return past || rc == SQLITE_DONE;
}

/* Events and statements merged by key, events first on a key, at most
 * limit; the rest freed. */
static void merge_marks(rs_timeline_marks *events, rs_timeline_marks *statements, size_t limit,
                        rs_timeline_marks *out)
{
    size_t total = events->count + statements->count;
    out->more = total > limit;
    size_t keep = out->more ? limit : total;
    out->items = rs_xcalloc(keep + 1, sizeof *out->items);
    size_t e = 0, s = 0;
    while (out->count < keep) {
        bool take_event = e < events->count &&
                          (s == statements->count || events->items[e].key <= statements->items[s].key);
        out->items[out->count++] = take_event ? events->items[e++] : statements->items[s++];
    }
    while (e < events->count)
        mark_free(&events->items[e++]);
    while (s < statements->count)
        mark_free(&statements->items[s++]);
    free(events->items), free(statements->items);
}

bool rs_bundle_timeline_marks(rs_bundle *b, int32_t from_key, int32_t to_key, size_t limit,
                              rs_timeline_marks *out)
{
    memset(out, 0, sizeof *out);
    if (from_key > to_key)
        return true;
    rs_timeline_marks events = {0}, statements = {0};
    int64_t rows = limit_plus_one(limit);
    if (!read_event_marks(b, from_key, to_key, rows, &events) ||
        !read_statement_marks(b, from_key, to_key, rows, &statements)) {
        rs_timeline_marks_clear(&events);
        rs_timeline_marks_clear(&statements);
        return false;
    }
    merge_marks(&events, &statements, limit, out);
    return true;
}

void rs_timeline_marks_clear(rs_timeline_marks *marks)
{
    for (size_t i = 0; i < marks->count; i++)
        mark_free(&marks->items[i]);
    free(marks->items);
    memset(marks, 0, sizeof *marks);
}
