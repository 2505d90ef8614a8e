/*
 * The deep checks of a bundle (verify.h): each is one query that returns
 * the first thing wrong as a sentence naming the table, or no row. The
 * checks run in an order where each may trust what the ones before proved:
 * the statement ids before the lists that name them, a list's stored count
 * before its positions are checked against it. Each query is one pass over
 * its table with index seeks, never a count per row, so the whole check
 * grows linearly with the bundle.
 */
#include "verify.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"

/* "Cannot open the bundle PATH: REASON. Build it again with rostrum-bundle."
 * as one line of valid UTF-8, whatever the reason quotes from the file. */
static void verify_fail(const rs_bundle *b, char *error, size_t error_size, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void verify_fail(const rs_bundle *b, char *error, size_t error_size, const char *format, ...)
{
    char reason[512], message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    int n = snprintf(message, sizeof message, "Cannot open the bundle %s: %s. Build it again with rostrum-bundle.",
                     b->path, reason);
    size_t length = n < 0 ? 0 : (size_t)n < sizeof message ? (size_t)n : sizeof message - 1;
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)message[i] < 0x20 || message[i] == 0x7F)
            message[i] = ' ';
    if (error_size)
        bundle_write_valid(error, error_size, message, length);
}

/* SQLite could not run a check: a damaged page, or tables that are not a
 * bundle's (a column missing, a table of another kind). */
static void verify_fail_sqlite(const rs_bundle *b, char *error, size_t error_size)
{
    int code = sqlite3_errcode(b->db) & 0xFF;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        verify_fail(b, error, error_size, "the file is damaged (%s)", sqlite3_errmsg(b->db));
    else
        verify_fail(b, error, error_size, "its tables are not a Rostrum bundle's (%s)", sqlite3_errmsg(b->db));
}

#define KINDS "'response', 'attribution', 'report', 'statement', 'speech', 'interview'"
#define ROLES "'speaker', 'accuser', 'accused', 'victim', 'mentioned'"
/* A date as the builder writes it: YYYY, YYYY-MM or YYYY-MM-DD. */
#define IS_DATE(x)                                                                                                    \
    "(" x " GLOB '[0-9][0-9][0-9][0-9]' OR " x " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' OR " x                       \
    " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"
/* A statement id that names a statement: after the id check, 1..N. */
#define NAMES_STATEMENT(x) "(typeof(" x ") = 'integer' AND " x " BETWEEN 1 AND (SELECT max(id) FROM statement))"
/* The parties of the collection: every row but those with counts 0, which
 * only name an organisation's member (the lists skip them, browse.c). Once
 * the counts are checked (below) these are the parties with a statement or
 * an event; a count that lies (-1) is left to its own check to say. */
#define PARTIES_LISTED "country WHERE statement_count IS NOT 0 OR event_count IS NOT 0"
/* A list row's pos: an integer from 0 to its list's stored count - 1. */
#define POS_OUTSIDE(pos, count) "(typeof(" pos ") IS NOT 'integer' OR " pos " < 0 OR " pos " >= (" count "))"

/* A stored count as a message shows it: 1,000, or quoted when it is not
 * an integer ('2.5'). */
#define COUNT_TEXT(x)                                                                                                 \
    "CASE WHEN typeof(" x ") = 'integer' THEN printf('%,d', " x ") ELSE printf('''%.20s''', " x ") END"
/* What the statements of a year_count or month_count row are: n of them
 * from id first, or none. */
#define DATED_SO(n, first)                                                                                            \
    "CASE WHEN " n " IS NULL THEN 'no statement is dated so'"                                                       \
    " ELSE printf('the statements dated so are %,d from id %d', " n ", " first ") END"
/* Each check: the first problem as a sentence, or no row. */
static const char *const checks[] = {
    /* The statements are ids 1..N (meta's statement_count, checked before). */
    "SELECT printf('statement: ids run from %s to %s over %,d rows (expected 1 to %,d)', min(id), max(id),"
    " count(*), count(*)) FROM statement HAVING count(*) > 0 AND (min(id) IS NOT 1 OR max(id) IS NOT count(*))",

    /* Each statement row: what a list row and the reader show, the date its
     * id's place in time order rests on, and every link. */
    "SELECT printf('statement %d: %s', id, problem) FROM (SELECT s.id, CASE"
    " WHEN typeof(s.slug) IS NOT 'text' OR s.slug = '' THEN 'it has no slug'"
    " WHEN typeof(s.title) IS NOT 'text' THEN 'it has no title'"
    " WHEN typeof(s.language) IS NOT 'text' OR s.language = '' THEN 'it has no language'"
    " WHEN typeof(s.source_path) IS NOT 'text' THEN 'it has no source_path'"
    " WHEN typeof(s.kind) IS NOT 'text' OR s.kind NOT IN (" KINDS ") THEN"
    "  printf('kind ''%.20s'' is not a kind', s.kind)"
    " WHEN s.year IS NOT NULL AND (typeof(s.year) IS NOT 'integer' OR s.year NOT BETWEEN 1 AND 9999) THEN"
    "  printf('year %.20s is not a year', s.year)"
    " WHEN s.month IS NOT NULL AND (s.year IS NULL OR typeof(s.month) IS NOT 'integer'"
    "  OR s.month NOT BETWEEN 1 AND 12) THEN printf('month %.20s is not a month of its year', s.month)"
    " WHEN s.day IS NOT NULL AND (s.month IS NULL OR typeof(s.day) IS NOT 'integer'"
    "  OR s.day NOT BETWEEN 1 AND 31) THEN printf('day %.20s is not a day of its month', s.day)"
    " WHEN s.date IS NOT CASE WHEN s.year IS NULL THEN NULL WHEN s.month IS NULL THEN printf('%04d', s.year)"
    "  WHEN s.day IS NULL THEN printf('%04d-%02d', s.year, s.month)"
    "  ELSE printf('%04d-%02d-%02d', s.year, s.month, s.day) END THEN"
    "  printf('date ''%.20s'' does not match its year, month and day', s.date)"
    " WHEN EXISTS (SELECT 1 FROM statement p WHERE p.id = s.id - 1 AND"
    "  (coalesce(p.year, 10000), coalesce(p.month, 0), coalesce(p.day, 0)) >"
    "  (coalesce(s.year, 10000), coalesce(s.month, 0), coalesce(s.day, 0))) THEN"
    "  printf('it is dated %s, earlier than statement %d before it (ids are in time order)',"
    "         coalesce(s.date, 'never'), s.id - 1)"
    " WHEN s.outlet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outlet o WHERE o.id = s.outlet_id"
    "  AND typeof(o.name) = 'text') THEN printf('outlet_id %.20s names no outlet', s.outlet_id)"
    " WHEN s.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speaker p WHERE p.id = s.speaker_id"
    "  AND typeof(p.name) = 'text') THEN printf('speaker_id %.20s names no speaker', s.speaker_id)"
    " WHEN s.same_as_id IS NOT NULL AND (NOT " NAMES_STATEMENT("s.same_as_id") " OR s.same_as_id = s.id) THEN"
    "  printf('same_as_id %.20s names no other statement', s.same_as_id)"
    " WHEN s.translation_of_id IS NOT NULL AND (NOT " NAMES_STATEMENT("s.translation_of_id")
    " OR s.translation_of_id = s.id) THEN"
    "  printf('translation_of_id %.20s names no other statement', s.translation_of_id)"
    " WHEN s.same_group IS NOT NULL AND (NOT " NAMES_STATEMENT("s.same_group") " OR s.same_group > s.id"
    "  OR (SELECT g.same_group FROM statement g WHERE g.id = s.same_group) IS NOT s.same_group) THEN"
    "  printf('same_group %.20s is not the first statement of its group', s.same_group)"
    " WHEN s.translation_group IS NOT NULL AND (NOT " NAMES_STATEMENT("s.translation_group")
    " OR s.translation_group > s.id"
    "  OR (SELECT g.translation_group FROM statement g WHERE g.id = s.translation_group)"
    "  IS NOT s.translation_group) THEN"
    "  printf('translation_group %.20s is not the first statement of its group', s.translation_group)"
    " WHEN s.same_as_id IS NOT NULL AND (s.same_group IS NULL OR"
    "  (SELECT g.same_group FROM statement g WHERE g.id = s.same_as_id) IS NOT s.same_group) THEN"
    "  printf('it is the same as statement %d but not in its same_group', s.same_as_id)"
    " WHEN s.translation_of_id IS NOT NULL AND (s.translation_group IS NULL OR"
    "  (SELECT g.translation_group FROM statement g WHERE g.id = s.translation_of_id) IS NOT s.translation_group)"
    "  THEN printf('it translates statement %d but is not in its translation_group', s.translation_of_id)"
    " END AS problem FROM statement s) WHERE problem IS NOT NULL LIMIT 1",

    /* A same_as or translation group is statements linked to each other:
     * n of them need at least n - 1 links (a bundle that put every
     * statement in one group would show each as published by all). */
    "SELECT printf('statement: same_group %d holds %,d statements but only %,d same_as links', same_group,"
    " count(*), count(same_as_id)) FROM statement WHERE same_group IS NOT NULL GROUP BY same_group"
    " HAVING count(same_as_id) < count(*) - 1 LIMIT 1",
    "SELECT printf('statement: translation_group %d holds %,d statements but only %,d translation_of links',"
    " translation_group, count(*), count(translation_of_id)) FROM statement WHERE translation_group IS NOT NULL"
    " GROUP BY translation_group HAVING count(translation_of_id) < count(*) - 1 LIMIT 1",

    /* The metadata the screens show, against the rows. */
    "WITH expected(key, value, what) AS (VALUES"
    " ('statement_count', printf('%d', (SELECT count(*) FROM statement)),"
    "   printf('the table statement holds %,d rows', (SELECT count(*) FROM statement))),"
    " ('country_count', printf('%d', (SELECT count(*) FROM " PARTIES_LISTED ")),"
    "   printf('the table country holds %,d parties with a statement or an event',"
    "          (SELECT count(*) FROM " PARTIES_LISTED "))),"
    " ('incident_count', printf('%d', (SELECT count(*) FROM incident)),"
    "   printf('the table incident holds %,d rows', (SELECT count(*) FROM incident))),"
    " ('outlet_count', printf('%d', (SELECT count(*) FROM outlet)),"
    "   printf('the table outlet holds %,d rows', (SELECT count(*) FROM outlet))),"
    " ('undated_count', printf('%d', (SELECT count(*) FROM statement WHERE year IS NULL)),"
    "   printf('%,d statements are undated', (SELECT count(*) FROM statement WHERE year IS NULL))),"
    " ('undated_first_id', printf('%d', coalesce((SELECT min(id) FROM statement WHERE year IS NULL), 0)),"
    "   printf('the first undated statement is %d (0: none)',"
    "          coalesce((SELECT min(id) FROM statement WHERE year IS NULL), 0))),"
    " ('date_first', (SELECT date FROM statement WHERE year IS NOT NULL ORDER BY id LIMIT 1),"
    "   printf('the first dated statement is dated %s',"
    "          (SELECT date FROM statement WHERE year IS NOT NULL ORDER BY id LIMIT 1))),"
    " ('date_last', (SELECT date FROM statement WHERE year IS NOT NULL ORDER BY id DESC LIMIT 1),"
    "   printf('the last dated statement is dated %s',"
    "          (SELECT date FROM statement WHERE year IS NOT NULL ORDER BY id DESC LIMIT 1))))"
    " SELECT printf('meta: %s is %s, but %s', e.key, coalesce('''' || substr(m.value, 1, 40) || '''', 'missing'),"
    " e.what) FROM expected e LEFT JOIN meta m ON m.key = e.key WHERE m.value IS NOT e.value LIMIT 1",

    /* A year's or a month's statements are the ids first_id .. first_id +
     * statement_count - 1: both must be what the statements' dates say. */
    "SELECT printf('year_count: %.20s counts %s statements from id %.20s, but %s', y.year, "
    COUNT_TEXT("y.statement_count") ", y.first_id, " DATED_SO("a.n", "a.first") ")"
    " FROM year_count y LEFT JOIN (SELECT year, count(*) AS n, min(id) AS first FROM statement"
    " WHERE year IS NOT NULL GROUP BY year) a ON a.year = y.year"
    " WHERE a.n IS NOT y.statement_count OR a.first IS NOT y.first_id LIMIT 1",
    "SELECT printf('year_count: no row for %d, the year of %,d statements', a.year, a.n)"
    " FROM (SELECT year, count(*) AS n FROM statement WHERE year IS NOT NULL GROUP BY year) a"
    " WHERE NOT EXISTS (SELECT 1 FROM year_count y WHERE y.year = a.year) LIMIT 1",
    "SELECT printf('month_count: %s counts %s statements from id %.20s, but %s', CASE WHEN typeof(m.year) ="
    " 'integer' AND typeof(m.month) = 'integer' THEN printf('%04d-%02d', m.year, m.month)"
    " ELSE printf('%.20s-%.20s', m.year, m.month) END, " COUNT_TEXT("m.statement_count") ", m.first_id, "
    DATED_SO("a.n", "a.first") ")"
    " FROM month_count m LEFT JOIN (SELECT year, coalesce(month, 0) AS month, count(*) AS n, min(id) AS first"
    " FROM statement WHERE year IS NOT NULL GROUP BY 1, 2) a ON a.year = m.year AND a.month = m.month"
    " WHERE a.n IS NOT m.statement_count OR a.first IS NOT m.first_id LIMIT 1",
    "SELECT printf('month_count: no row for %d-%02d, the month of %,d statements (0: the year only)',"
    " a.year, a.month, a.n) FROM (SELECT year, coalesce(month, 0) AS month, count(*) AS n FROM statement"
    " WHERE year IS NOT NULL GROUP BY 1, 2) a"
    " WHERE NOT EXISTS (SELECT 1 FROM month_count m WHERE m.year = a.year AND m.month = a.month) LIMIT 1",

    /* Countries: each count against its list, then the list's rows. */
    "SELECT printf('country %.20s: %s', code, problem) FROM (SELECT c.code, CASE"
    " WHEN typeof(c.code) IS NOT 'text' OR length(c.code) NOT BETWEEN 2 AND " RS_STRINGIFY(RS_PARTY_CODE_MAX)
    "  OR c.code GLOB '*[^A-Z0-9]*' THEN 'it is not a party code'"
    " WHEN typeof(c.name) IS NOT 'text' THEN 'it has no name'"
    " WHEN c.statement_count IS NOT (SELECT count(*) FROM country_statement l WHERE l.country_code = c.code)"
    "  THEN printf('it counts %s statements, but country_statement lists %,d', " COUNT_TEXT("c.statement_count") ","
    "  (SELECT count(*) FROM country_statement l WHERE l.country_code = c.code))"
    " END AS problem FROM country c) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('country_statement: %.20s at pos %.20s: %s', country_code, pos, problem) FROM (SELECT"
    " l.country_code, l.pos, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM country c WHERE c.code = l.country_code) THEN 'it names no country'"
    " WHEN " POS_OUTSIDE("l.pos", "SELECT c.statement_count FROM country c WHERE c.code = l.country_code")
    " THEN 'the position is outside the country''s list'"
    " WHEN NOT " NAMES_STATEMENT("l.statement_id") " THEN"
    "  printf('statement_id %.20s names no statement', l.statement_id)"
    " WHEN (SELECT p.statement_id FROM country_statement p WHERE p.country_code = l.country_code"
    "  AND p.pos = l.pos - 1) >= l.statement_id THEN 'the list is not in time order'"
    " WHEN typeof(l.roles) IS NOT 'text' OR l.roles = '' OR trim(replace(replace(replace(replace(replace("
    "  l.roles, 'speaker', ''), 'accuser', ''), 'accused', ''), 'victim', ''), 'mentioned', ''), ' ') != ''"
    "  THEN printf('roles ''%.40s'' are not roles', l.roles)"
    " WHEN length(l.roles) - length(replace(l.roles, ' ', '')) + 1 IS NOT (SELECT count(*) FROM"
    "  statement_country x WHERE x.statement_id = l.statement_id AND x.country_code = l.country_code)"
    "  THEN printf('roles ''%.40s'' are not the roles statement_country gives statement %d', l.roles,"
    "  l.statement_id)"
    " END AS problem FROM country_statement l) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('country_role: %.20s %.20s: %s', country_code, role, problem) FROM (SELECT"
    " r.country_code, r.role, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM country c WHERE c.code = r.country_code) THEN 'it names no country'"
    " WHEN typeof(r.role) IS NOT 'text' OR r.role NOT IN (" ROLES ") THEN 'it is not a role'"
    " WHEN r.statement_count IS NOT (SELECT count(*) FROM statement_country x WHERE"
    "  x.country_code = r.country_code AND x.role = r.role) THEN"
    "  printf('it counts %s statements, but statement_country lists %,d', " COUNT_TEXT("r.statement_count") ","
    "  (SELECT count(*) FROM statement_country x WHERE x.country_code = r.country_code AND x.role = r.role))"
    " END AS problem FROM country_role r) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('statement_country: %.20s %.20s at pos %.20s: %s', country_code, role, pos, problem) FROM"
    " (SELECT x.country_code, x.role, x.pos, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM country_role r WHERE r.country_code = x.country_code AND r.role = x.role)"
    "  THEN 'no country_role row counts this list'"
    " WHEN " POS_OUTSIDE("x.pos", "SELECT r.statement_count FROM country_role r WHERE"
                        " r.country_code = x.country_code AND r.role = x.role")
    " THEN 'the position is outside the list'"
    " WHEN NOT " NAMES_STATEMENT("x.statement_id") " THEN"
    "  printf('statement_id %.20s names no statement', x.statement_id)"
    " WHEN (SELECT p.statement_id FROM statement_country p WHERE p.country_code = x.country_code"
    "  AND p.role = x.role AND p.pos = x.pos - 1) >= x.statement_id THEN 'the list is not in time order'"
    " END AS problem FROM statement_country x) WHERE problem IS NOT NULL LIMIT 1",
    /* Each country_statement row has as many roles as statement_country
     * rows (checked above); equal totals leave no statement_country row
     * outside country_statement. */
    "SELECT printf('statement_country: %,d rows, but country_statement gives %,d roles', x, l) FROM"
    " (SELECT (SELECT count(*) FROM statement_country) AS x, (SELECT sum(length(roles) -"
    " length(replace(roles, ' ', '')) + 1) FROM country_statement) AS l) WHERE x IS NOT coalesce(l, 0)",
    "SELECT printf('country_name: %.20s %.20s: %s', code, language, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM country c WHERE c.code = n.code) THEN 'it names no country'"
    " ELSE 'it has no name' END) FROM country_name n"
    " WHERE NOT EXISTS (SELECT 1 FROM country c WHERE c.code = n.code) OR typeof(n.name) IS NOT 'text' LIMIT 1",

    /* Incidents: ids 1..M, each count against its list, the list's rows. */
    "SELECT printf('incident: ids run from %s to %s over %,d rows (expected 1 to %,d)', min(id), max(id),"
    " count(*), count(*)) FROM incident HAVING count(*) > 0 AND (min(id) IS NOT 1 OR max(id) IS NOT count(*))",
    "SELECT printf('incident %d: %s', id, problem) FROM (SELECT i.id, CASE"
    " WHEN typeof(i.slug) IS NOT 'text' OR i.slug = '' THEN 'it has no slug'"
    " WHEN typeof(i.name) IS NOT 'text' THEN 'it has no name'"
    " WHEN typeof(i.summary) IS NOT 'text' THEN 'it has no summary'"
    " WHEN i.date IS NOT NULL AND (typeof(i.date) IS NOT 'text' OR NOT " IS_DATE("i.date") ") THEN"
    "  printf('date ''%.20s'' is not a date', i.date)"
    " WHEN i.statement_count IS NOT (SELECT count(*) FROM statement_incident l WHERE l.incident_id = i.id) THEN"
    "  printf('it counts %s statements, but statement_incident lists %,d', " COUNT_TEXT("i.statement_count") ","
    "  (SELECT count(*) FROM statement_incident l WHERE l.incident_id = i.id))"
    " END AS problem FROM incident i) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('statement_incident: incident %.20s at pos %.20s: %s', incident_id, pos, problem) FROM"
    " (SELECT l.incident_id, l.pos, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = l.incident_id) THEN 'it names no incident'"
    " WHEN " POS_OUTSIDE("l.pos", "SELECT i.statement_count FROM incident i WHERE i.id = l.incident_id")
    " THEN 'the position is outside the incident''s list'"
    " WHEN NOT " NAMES_STATEMENT("l.statement_id") " THEN"
    "  printf('statement_id %.20s names no statement', l.statement_id)"
    " WHEN (SELECT p.statement_id FROM statement_incident p WHERE p.incident_id = l.incident_id"
    "  AND p.pos = l.pos - 1) >= l.statement_id THEN 'the list is not in time order'"
    " END AS problem FROM statement_incident l) WHERE problem IS NOT NULL LIMIT 1",

    /* The search screen's chips: positions 0..K-1, known kinds, counts
     * within the collection. */
    "SELECT printf('suggestion: positions run from %s to %s over %,d rows (expected 0 to %,d)', min(pos),"
    " max(pos), count(*), count(*) - 1) FROM suggestion"
    " HAVING count(*) > 0 AND (min(pos) IS NOT 0 OR max(pos) IS NOT count(*) - 1)",
    "SELECT printf('suggestion %d: %s', pos, problem) FROM (SELECT g.pos, CASE"
    " WHEN typeof(g.kind) IS NOT 'text' OR g.kind NOT IN ('incident', 'outlet', 'speaker', 'term') THEN"
    "  printf('kind ''%.20s'' is not a kind', g.kind)"
    " WHEN typeof(g.query) IS NOT 'text' OR g.query = '' THEN 'it has no query'"
    /* An incident's chip opens the incident its query names. */
    " WHEN g.kind = 'incident' AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.slug = g.query) THEN"
    "  printf('query ''%.40s'' is no incident''s slug', g.query)"
    " WHEN typeof(g.label) IS NOT 'text' OR g.label = '' THEN 'it has no label'"
    " WHEN typeof(g.language) IS NOT 'text' THEN 'it has no language'"
    " WHEN typeof(g.statement_count) IS NOT 'integer' OR g.statement_count NOT BETWEEN 0 AND"
    "  (SELECT count(*) FROM statement) THEN printf('it counts %s statements, more than the collection holds', " COUNT_TEXT("g.statement_count") ")"
    " END AS problem FROM suggestion g) WHERE problem IS NOT NULL LIMIT 1",

    /* One size row per statement in the index, as FTS5 keeps them. */
    "SELECT printf('statement_fts: the index sizes %,d statements from id %s to %s, but there are %,d',"
    " count(*), min(id), max(id), (SELECT count(*) FROM statement)) FROM statement_fts_docsize"
    " HAVING count(*) IS NOT (SELECT count(*) FROM statement)"
    " OR (count(*) > 0 AND (min(id) IS NOT 1 OR max(id) IS NOT count(*)))",
};

/* Runs one check: true when it finds nothing. */
static bool run_check(rs_bundle *b, const char *sql, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        verify_fail_sqlite(b, error, error_size);
        return false;
    }
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const char *problem = (const char *)sqlite3_column_text(stmt, 0);
        verify_fail(b, error, error_size, "%s", problem ? problem : "damaged");
    } else if (rc != SQLITE_DONE) {
        verify_fail_sqlite(b, error, error_size);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

/* Steps a row of the index's vocabulary or of term_stat; false at the end
 * or on an error (*failed). */
static bool next_term(sqlite3_stmt *stmt, bool *failed)
{
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        *failed = true;
    return rc == SQLITE_ROW;
}

/* Compares the vocabulary (term, statements) read from every block of the
 * index with term_stat, both in term order: any damaged block fails to
 * decode or gives other terms or counts. */
static bool compare_terms(rs_bundle *b, sqlite3_stmt *vocabulary, sqlite3_stmt *stats, char *error,
                          size_t error_size)
{
    bool failed = false;
    bool in_index = next_term(vocabulary, &failed), in_stats = !failed && next_term(stats, &failed);
    while (!failed && (in_index || in_stats)) {
        const char *term = (const char *)sqlite3_column_text(in_index ? vocabulary : stats, 0);
        int order = !in_index   ? 1
                    : !in_stats ? -1
                                : strcmp(term ? term : "", (const char *)sqlite3_column_text(stats, 0)
                                                               ? (const char *)sqlite3_column_text(stats, 0)
                                                               : "");
        bool equal = order == 0 && sqlite3_column_type(stats, 1) == SQLITE_INTEGER &&
                     sqlite3_column_int64(stats, 1) == sqlite3_column_int64(vocabulary, 1);
        if (!equal) {
            if (order < 0)
                verify_fail(b, error, error_size,
                            "statement_fts: the index holds the word '%.40s', which term_stat does not; the index "
                            "is damaged",
                            term);
            else if (order > 0)
                verify_fail(b, error, error_size,
                            "term_stat: the word '%.40s' is not in the full-text index; the index is damaged", term);
            else
                verify_fail(b, error, error_size,
                            "statement_fts: the index finds the word '%.40s' in %lld statements, term_stat says "
                            "%.20s; the index is damaged",
                            term, (long long)sqlite3_column_int64(vocabulary, 1),
                            (const char *)sqlite3_column_text(stats, 1));
            return false;
        }
        in_index = next_term(vocabulary, &failed);
        in_stats = !failed && next_term(stats, &failed);
    }
    if (failed) {
        int code = sqlite3_errcode(b->db) & 0xFF;
        verify_fail(b, error, error_size, "statement_fts: the full-text index %s (%s); search would fail",
                    code == SQLITE_CORRUPT ? "is damaged" : "cannot be read", sqlite3_errmsg(b->db));
    }
    return !failed;
}

/* The full-text index, read whole through FTS5's own vocabulary table (a
 * temporary table: the bundle itself is read-only, so FTS5's
 * 'integrity-check' command, an INSERT, cannot run on it). */
static bool check_index(rs_bundle *b, char *error, size_t error_size)
{
    char *message = NULL;
    bool made = sqlite3_exec(b->db,
                             "PRAGMA query_only=OFF;"
                             "CREATE VIRTUAL TABLE temp.rostrum_verify_vocabulary"
                             " USING fts5vocab(main, statement_fts, row);",
                             NULL, NULL, &message) == SQLITE_OK;
    sqlite3_exec(b->db, "PRAGMA query_only=ON", NULL, NULL, NULL);
    if (!made) {
        verify_fail(b, error, error_size, "statement_fts: the full-text index cannot be read (%s); search would fail",
                    message ? message : "unknown error");
        sqlite3_free(message);
        sqlite3_exec(b->db, "PRAGMA query_only=OFF; DROP TABLE IF EXISTS temp.rostrum_verify_vocabulary;"
                            "PRAGMA query_only=ON", NULL, NULL, NULL);
        return false;
    }
    sqlite3_stmt *vocabulary = NULL, *stats = NULL;
    bool ok = sqlite3_prepare_v2(b->db, "SELECT term, doc FROM temp.rostrum_verify_vocabulary", -1, &vocabulary,
                                 NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(b->db, "SELECT term, doc_count FROM term_stat ORDER BY term", -1, &stats, NULL) ==
                  SQLITE_OK;
    if (!ok)
        verify_fail_sqlite(b, error, error_size);
    else
        ok = compare_terms(b, vocabulary, stats, error, error_size);
    sqlite3_finalize(vocabulary);
    sqlite3_finalize(stats);
    /* The connection goes on serving the viewer: as it was, read-only. */
    sqlite3_exec(b->db,
                 "PRAGMA query_only=OFF; DROP TABLE temp.rostrum_verify_vocabulary; PRAGMA query_only=ON", NULL,
                 NULL, NULL);
    return ok;
}

bool rs_verify_bundle(rs_bundle *b, char *error, size_t error_size)
{
    RS_EXPECT(b != NULL);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        if (!run_check(b, checks[i], error, error_size))
            return false;
    size_t count;
    const char *const *thread_checks = rs_verify_thread_checks(&count);
    for (size_t i = 0; i < count; i++)
        if (!run_check(b, thread_checks[i], error, error_size))
            return false;
    const char *const *name_checks = rs_verify_name_order_checks(&count);
    for (size_t i = 0; i < count; i++)
        if (!run_check(b, name_checks[i], error, error_size))
            return false;
    char reason[512];
    if (!rs_verify_map(b, reason, sizeof reason)) {
        verify_fail(b, error, error_size, "%s", reason);
        return false;
    }
    return check_index(b, error, error_size);
}
