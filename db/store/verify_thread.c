/*
 * The deep checks of format 3's tables (verify.h): events, who is in them,
 * each party's events, the incident thread, organisations' members and the
 * curators' translations; and format 4's timeline columns (event.key,
 * incident.first_key, last_key, lane, answer_count) and incident_party. Like verify.c's, each check is one query that
 * returns the first thing wrong as a sentence naming the table, or no row;
 * each is one pass over its table with index seeks; and each may trust what
 * the ones before it proved (verify.c's statements, countries and
 * incidents first, then here: event ids before the rows that name them,
 * a count before the positions checked against it).
 */
#include "verify.h"

#include <stddef.h>

#include "bundle_format.h"

/* rs_event_kinds, rs_party_kinds and rs_roles as SQL lists. */
#define EVENT_KINDS "'attribution', 'indictment', 'sanction', 'report', 'disclosure', 'denial', 'other'"
#define PARTY_KINDS "'country', 'organisation', 'alliance', 'company', 'agency'"
/* A roles text as event_party and party_event hold it: role names
 * separated by single spaces, each at most once. */
#define ROLES_ARE_BAD(x)                                                                                              \
    "(typeof(" x ") IS NOT 'text' OR trim(" x ") = '' OR trim(replace(replace(replace(replace(replace("           \
    "' ' || " x " || ' ', ' speaker ', ' '), ' accuser ', ' '), ' accused ', ' '), ' victim ', ' '),"             \
    " ' mentioned ', ' ')) != '')"
/* A list row's pos: an integer from 0 to its list's stored count - 1. */
#define POS_OUTSIDE(pos, count) "(typeof(" pos ") IS NOT 'integer' OR " pos " < 0 OR " pos " >= (" count "))"
#define COUNT_TEXT(x)                                                                                                 \
    "CASE WHEN typeof(" x ") = 'integer' THEN printf('%,d', " x ") ELSE printf('''%.20s''', " x ") END"
/* The place of an event (id: an SQL expression) or a statement in
 * RS_THREAD_ORDER, as text that sorts as the order does: undated last, then
 * year, month and day (unknown: 0), events before statements, then id.
 * Dates and ids are checked before, so the widths hold. */
#define EVENT_KEY(id)                                                                                                 \
    "(SELECT printf('%d%04d%02d%02d0%020d', e9.year IS NULL, coalesce(e9.year, 0), coalesce(e9.month, 0),"         \
    " coalesce(e9.day, 0), e9.id) FROM event e9 WHERE e9.id = " id ")"
#define STATEMENT_KEY(id)                                                                                             \
    "(SELECT printf('%d%04d%02d%02d1%020d', s9.year IS NULL, coalesce(s9.year, 0), coalesce(s9.month, 0),"         \
    " coalesce(s9.day, 0), s9.id) FROM statement s9 WHERE s9.id = " id ")"
#define THREAD_KEY(statement_id, event_id)                                                                            \
    "CASE WHEN " statement_id " IS NOT NULL THEN " STATEMENT_KEY(statement_id) " ELSE " EVENT_KEY(event_id) " END"

/* RS_DATE_KEY of the date of row x (statement or event), NULL when
 * undated. */
#define DATE_KEY(x)                                                                                                   \
    "(" x ".year * 10000 + coalesce(" x ".month, 0) * 100 + coalesce(" x ".day, 0))"
/* A key or lane as a message shows it: the number, quoted text, or none. */
#define KEY_TEXT(x)                                                                                                   \
    "CASE WHEN (" x ") IS NULL THEN 'none' WHEN typeof(" x ") = 'integer' THEN printf('%d', " x ")"                 \
    " ELSE printf('''%.20s''', " x ") END"
/* The union of the roles of rows whose r is ' ROLES ' (one role, or a
 * roles text), as rs_roles bits. */
#define ROLE_BITS_OF_ROWS                                                                                             \
    "(max(instr(r, ' speaker ') > 0) + 2 * max(instr(r, ' accuser ') > 0) + 4 * max(instr(r, ' accused ') > 0)"    \
    " + 8 * max(instr(r, ' victim ') > 0) + 16 * max(instr(r, ' mentioned ') > 0))"
/* rs_roles_text of bits b. */
#define ROLES_OF_BITS(b)                                                                                              \
    "trim((CASE WHEN " b " & 1 THEN 'speaker ' ELSE '' END) || (CASE WHEN " b " & 2 THEN 'accuser ' ELSE '' END)" \
    " || (CASE WHEN " b " & 4 THEN 'accused ' ELSE '' END) || (CASE WHEN " b " & 8 THEN 'victim ' ELSE '' END)"   \
    " || (CASE WHEN " b " & 16 THEN 'mentioned' ELSE '' END))"

static const char *const checks[] = {
    /* Statements' format 3 columns. */
    "SELECT printf('statement %d: %s', id, problem) FROM (SELECT s.id, CASE"
    " WHEN typeof(s.partial) IS NOT 'integer' OR s.partial NOT IN (0, 1) THEN"
    "  printf('partial ''%.20s'' is not 0 or 1', s.partial)"
    " WHEN s.note IS NOT NULL AND typeof(s.note) IS NOT 'text' THEN 'its note is not text'"
    " END AS problem FROM statement s) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('statement_text %d: %s', id, CASE WHEN typeof(lede) IS NOT 'text' THEN 'it has no lede'"
    " ELSE printf('its lede is %,d bytes (at most " RS_STRINGIFY(RS_LEDE_MAX_BYTES) ")', length(CAST(lede AS BLOB)))"
    " END) FROM statement_text WHERE typeof(lede) IS NOT 'text' OR length(CAST(lede AS BLOB)) > "
    RS_STRINGIFY(RS_LEDE_MAX_BYTES) " LIMIT 1",

    /* Events: the metadata's count, ids 1..N, then each row. */
    "SELECT printf('meta: event_count is %s, but the table event holds %,d rows',"
    " coalesce('''' || substr(m.value, 1, 40) || '''', 'missing'), (SELECT count(*) FROM event))"
    " FROM (SELECT 1) LEFT JOIN meta m ON m.key = 'event_count'"
    " WHERE m.value IS NOT printf('%d', (SELECT count(*) FROM event))",
    "SELECT printf('event: ids run from %s to %s over %,d rows (expected 1 to %,d)', min(id), max(id),"
    " count(*), count(*)) FROM event HAVING count(*) > 0 AND (min(id) IS NOT 1 OR max(id) IS NOT count(*))",
    "SELECT printf('event %d: %s', id, problem) FROM (SELECT e.id, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = e.incident_id) THEN"
    "  printf('incident_id %.20s names no incident', e.incident_id)"
    " WHEN typeof(e.kind) IS NOT 'text' OR e.kind NOT IN (" EVENT_KINDS ") THEN"
    "  printf('kind ''%.20s'' is not a kind of event', e.kind)"
    " WHEN typeof(e.summary) IS NOT 'text' OR e.summary = '' THEN 'it has no summary'"
    " WHEN typeof(e.source_path) IS NOT 'text' THEN 'it has no source_path'"
    " WHEN e.year IS NOT NULL AND (typeof(e.year) IS NOT 'integer' OR e.year NOT BETWEEN 1 AND 9999) THEN"
    "  printf('year %.20s is not a year', e.year)"
    " WHEN e.month IS NOT NULL AND (e.year IS NULL OR typeof(e.month) IS NOT 'integer'"
    "  OR e.month NOT BETWEEN 1 AND 12) THEN printf('month %.20s is not a month of its year', e.month)"
    " WHEN e.day IS NOT NULL AND (e.month IS NULL OR typeof(e.day) IS NOT 'integer'"
    "  OR e.day NOT BETWEEN 1 AND 31) THEN printf('day %.20s is not a day of its month', e.day)"
    " WHEN e.date IS NOT CASE WHEN e.year IS NULL THEN NULL WHEN e.month IS NULL THEN printf('%04d', e.year)"
    "  WHEN e.day IS NULL THEN printf('%04d-%02d', e.year, e.month)"
    "  ELSE printf('%04d-%02d-%02d', e.year, e.month, e.day) END THEN"
    "  printf('date ''%.20s'' does not match its year, month and day', e.date)"
    " END AS problem FROM event e) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('incident %d: it counts %s events, but %,d events name it', i.id, "
    COUNT_TEXT("i.event_count") ", coalesce(a.n, 0)) FROM incident i LEFT JOIN (SELECT incident_id, count(*) AS n"
    " FROM event GROUP BY incident_id) a ON a.incident_id = i.id WHERE i.event_count IS NOT coalesce(a.n, 0) LIMIT 1",

    /* Parties: every party's kind (verify.c checked codes, names and
     * statement counts), its event count against party_event. */
    "SELECT printf('country %.20s: %s', code, problem) FROM (SELECT c.code, CASE"
    " WHEN typeof(c.kind) IS NOT 'text' OR c.kind NOT IN (" PARTY_KINDS ") THEN"
    "  printf('kind ''%.20s'' is not a kind of party', c.kind)"
    " WHEN c.kind = 'country' AND NOT c.code GLOB '[A-Z][A-Z]' THEN 'it is a country, but its code is not two letters'"
    " WHEN c.event_count IS NOT (SELECT count(*) FROM party_event l WHERE l.party_code = c.code) THEN"
    "  printf('it counts %s events, but party_event lists %,d', " COUNT_TEXT("c.event_count") ","
    "  (SELECT count(*) FROM party_event l WHERE l.party_code = c.code))"
    " END AS problem FROM country c) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('event_party: event %.20s, %.20s: %s', event_id, party_code, problem) FROM (SELECT"
    " p.event_id, p.party_code, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM event e WHERE e.id = p.event_id) THEN 'it names no event'"
    " WHEN NOT EXISTS (SELECT 1 FROM country c WHERE c.code = p.party_code) THEN 'it names no party'"
    " WHEN " ROLES_ARE_BAD("p.roles") " THEN printf('roles ''%.40s'' are not roles', p.roles)"
    " END AS problem FROM event_party p) WHERE problem IS NOT NULL LIMIT 1",
    "SELECT printf('party_event: %.20s at pos %.20s: %s', party_code, pos, problem) FROM (SELECT"
    " l.party_code, l.pos, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM country c WHERE c.code = l.party_code) THEN 'it names no party'"
    " WHEN " POS_OUTSIDE("l.pos", "SELECT c.event_count FROM country c WHERE c.code = l.party_code")
    " THEN 'the position is outside the party''s list'"
    " WHEN NOT EXISTS (SELECT 1 FROM event e WHERE e.id = l.event_id) THEN"
    "  printf('event_id %.20s names no event', l.event_id)"
    " WHEN (SELECT p.roles FROM event_party p WHERE p.event_id = l.event_id AND p.party_code = l.party_code)"
    "  IS NOT l.roles THEN printf('roles ''%.40s'' are not the roles event_party gives event %d', l.roles,"
    "  l.event_id)"
    " WHEN (SELECT " EVENT_KEY("p.event_id") " FROM party_event p WHERE p.party_code = l.party_code"
    "  AND p.pos = l.pos - 1) >= " EVENT_KEY("l.event_id") " THEN 'the list is not in time order'"
    " END AS problem FROM party_event l) WHERE problem IS NOT NULL LIMIT 1",
    /* Each party_event row matches an event_party row (above) and a party's
     * list holds no event twice (time order is strict): equal totals leave
     * no event_party row outside party_event. */
    "SELECT printf('event_party: %,d rows, but party_event lists %,d', x, l) FROM (SELECT (SELECT count(*)"
    " FROM event_party) AS x, (SELECT count(*) FROM party_event) AS l) WHERE x IS NOT l",
    "SELECT printf('party_member: %.20s at pos %.20s: %s', party_code, pos, problem) FROM (SELECT"
    " m.party_code, m.pos, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM country c WHERE c.code = m.party_code) THEN 'it names no party'"
    " WHEN (SELECT c.kind FROM country c WHERE c.code = m.party_code) = 'country' THEN 'a country has no members'"
    " WHEN typeof(m.pos) IS NOT 'integer' OR m.pos < 0 OR (m.pos > 0 AND NOT EXISTS (SELECT 1 FROM party_member p"
    "  WHERE p.party_code = m.party_code AND p.pos = m.pos - 1)) THEN 'the positions do not run from 0'"
    " WHEN typeof(m.member_code) IS NOT 'text' OR NOT m.member_code GLOB '[A-Z][A-Z]' THEN"
    "  printf('member_code ''%.20s'' is not a country code', m.member_code)"
    " END AS problem FROM party_member m) WHERE problem IS NOT NULL LIMIT 1",

    /* The thread: each entry, then each incident's length. */
    "SELECT printf('incident_thread: incident %.20s at pos %.20s: %s', incident_id, pos, problem) FROM (SELECT"
    " t.incident_id, t.pos, CASE"
    " WHEN NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = t.incident_id) THEN 'it names no incident'"
    " WHEN " POS_OUTSIDE("t.pos", "SELECT i.statement_count + i.event_count FROM incident i WHERE i.id = t.incident_id")
    " THEN 'the position is outside the incident''s thread'"
    " WHEN t.statement_id IS NOT NULL AND t.event_id IS NOT NULL THEN 'it names both a statement and an event'"
    " WHEN t.statement_id IS NULL AND t.event_id IS NULL THEN 'it names neither a statement nor an event'"
    " WHEN t.statement_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM statement_incident l"
    "  WHERE l.statement_id = t.statement_id AND l.incident_id = t.incident_id) THEN"
    "  printf('statement_id %.20s is not a statement of the incident', t.statement_id)"
    " WHEN t.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event e WHERE e.id = t.event_id"
    "  AND e.incident_id = t.incident_id) THEN printf('event_id %.20s is not an event of the incident', t.event_id)"
    " WHEN (SELECT " THREAD_KEY("p.statement_id", "p.event_id") " FROM incident_thread p"
    "  WHERE p.incident_id = t.incident_id AND p.pos = t.pos - 1) >= " THREAD_KEY("t.statement_id", "t.event_id")
    "  THEN 'the thread is not in time order'"
    " END AS problem FROM incident_thread t) WHERE problem IS NOT NULL LIMIT 1",
    /* With every entry in place, distinct (strict order) and the
     * incident's own, a thread of statement_count + event_count entries
     * holds every statement and event of it. */
    "SELECT printf('incident %d: its thread holds %,d entries, but it has %,d statements and %,d events', id, n,"
    " statement_count, event_count) FROM (SELECT i.id, i.statement_count, i.event_count, (SELECT count(*)"
    " FROM incident_thread t WHERE t.incident_id = i.id) AS n FROM incident i)"
    " WHERE n IS NOT statement_count + event_count LIMIT 1",

    /* Format 4, the timeline: event.key is its date's key (the dates are
     * checked above); an incident's span is its thread's first and last
     * dated keys; lanes never overlap; the answers counted are the thread's;
     * incident_party is what its statements and events say. */
    "SELECT printf('event %d: its key is %s, but its date''s key is %s', e.id, " KEY_TEXT("e.key") ", "
    KEY_TEXT(DATE_KEY("e")) ") FROM event e WHERE e.key IS NOT " DATE_KEY("e") " LIMIT 1",
    "SELECT printf('incident %d: its span is %s to %s, but its thread''s dated entries run from %s to %s', i.id, "
    KEY_TEXT("i.first_key") ", " KEY_TEXT("i.last_key") ", " KEY_TEXT("a.low") ", " KEY_TEXT("a.high") ")"
    " FROM incident i LEFT JOIN (SELECT incident_id, min(k) AS low, max(k) AS high FROM (SELECT t.incident_id,"
    " CASE WHEN t.statement_id IS NOT NULL THEN (SELECT " DATE_KEY("s") " FROM statement s WHERE s.id = t.statement_id)"
    " ELSE (SELECT e.key FROM event e WHERE e.id = t.event_id) END AS k FROM incident_thread t) GROUP BY incident_id)"
    " a ON a.incident_id = i.id WHERE i.first_key IS NOT a.low OR i.last_key IS NOT a.high LIMIT 1",
    "SELECT printf('incident %d: lane %s is not a lane (expected none when undated, else 0 to %,d)', id, "
    KEY_TEXT("lane") ", n - 1) FROM (SELECT i.id, i.lane, i.first_key, (SELECT count(*) FROM incident) AS n"
    " FROM incident i) WHERE (first_key IS NULL) != (lane IS NULL) OR (lane IS NOT NULL AND (typeof(lane)"
    " IS NOT 'integer' OR lane < 0 OR lane >= n)) LIMIT 1",
    /* Sorted by last key, a lane's spans are disjoint when each starts
     * after the one before it ends (each span's first key is not after its
     * last: the thread check above). */
    "SELECT printf('incident %d: its span %d to %d overlaps incident %d''s (%d to %d) in lane %d', id, first_key,"
    " last_key, before_id, before_first, before_last, lane) FROM (SELECT id, lane, first_key, last_key,"
    " lag(id) OVER w AS before_id, lag(first_key) OVER w AS before_first, lag(last_key) OVER w AS before_last"
    " FROM incident WHERE lane IS NOT NULL WINDOW w AS (PARTITION BY lane ORDER BY last_key, id))"
    " WHERE before_last >= first_key LIMIT 1",
    "SELECT printf('incident %d: it counts %s answers, but %,d entries of its thread answer', i.id, "
    COUNT_TEXT("i.answer_count") ", coalesce(a.n, 0)) FROM incident i LEFT JOIN (SELECT t.incident_id, count(*) AS n"
    " FROM incident_thread t LEFT JOIN statement s ON s.id = t.statement_id LEFT JOIN event e ON e.id = t.event_id"
    " WHERE s.kind <> 'attribution' OR e.kind = 'denial' GROUP BY t.incident_id) a ON a.incident_id = i.id"
    " WHERE i.answer_count IS NOT coalesce(a.n, 0) LIMIT 1",
    /* incident_party against what its statements and events say, both
     * ways: every party named has its row with the union of its roles and
     * its counts, and every row is of a party named. */
    "WITH named AS MATERIALIZED (SELECT incident_id, party_code, " ROLE_BITS_OF_ROWS " AS bits,"
    " count(DISTINCT statement_id) AS statements, count(DISTINCT event_id) AS events FROM ("
    " SELECT l.incident_id, c.country_code AS party_code, ' ' || c.role || ' ' AS r, c.statement_id,"
    " NULL AS event_id FROM statement_incident l JOIN statement_country c ON c.statement_id = l.statement_id"
    " UNION ALL SELECT e.incident_id, p.party_code, ' ' || p.roles || ' ', NULL, e.id FROM event e"
    " JOIN event_party p ON p.event_id = e.id) GROUP BY incident_id, party_code)"
    " SELECT printf('incident_party: incident %d, %.20s: %s', incident_id, party_code, problem) FROM ("
    " SELECT n.incident_id, n.party_code, CASE"
    " WHEN p.incident_id IS NULL THEN printf('it has no row, but its statements and events name it (%s)', "
    ROLES_OF_BITS("n.bits") ")"
    " WHEN p.roles IS NOT " ROLES_OF_BITS("n.bits") " THEN printf('roles ''%.40s'' are not its roles in the"
    " incident (expected ''%s'')', p.roles, " ROLES_OF_BITS("n.bits") ")"
    " WHEN p.statement_count IS NOT n.statements OR p.event_count IS NOT n.events THEN printf('it counts %s"
    " statements and %s events, but %,d of the incident''s statements and %,d of its events name it', "
    COUNT_TEXT("p.statement_count") ", " COUNT_TEXT("p.event_count") ", n.statements, n.events)"
    " END AS problem FROM named n LEFT JOIN incident_party p ON p.incident_id = n.incident_id"
    " AND p.party_code = n.party_code"
    " UNION ALL SELECT p.incident_id, p.party_code, 'no statement or event of the incident names it'"
    " FROM incident_party p WHERE NOT EXISTS (SELECT 1 FROM named n WHERE n.incident_id = p.incident_id"
    " AND n.party_code = p.party_code)) WHERE problem IS NOT NULL ORDER BY incident_id, party_code LIMIT 1",

    /* Translations: a known subject and field, a language, a value, and a
     * key that names what they translate. */
    "SELECT printf('translation: %.20s ''%.40s'' %.20s %.20s: %s', subject, key, field, language, problem) FROM"
    " (SELECT t.subject, t.key, t.field, t.language, CASE"
    " WHEN typeof(t.subject) IS NOT 'text' OR t.subject NOT IN ('bundle', 'incident', 'event', 'outlet', 'speaker')"
    "  THEN 'it is not a subject of translation'"
    " WHEN typeof(t.field) IS NOT 'text' OR NOT ((t.subject = 'bundle' AND t.field IN ('title', 'description'))"
    "  OR (t.subject = 'incident' AND t.field IN ('name', 'summary')) OR (t.subject = 'event' AND t.field = 'summary')"
    "  OR (t.subject = 'outlet' AND t.field = 'name') OR (t.subject = 'speaker' AND t.field IN ('name', 'role')))"
    "  THEN printf('field ''%.20s'' is not a field of %s', t.field, t.subject)"
    " WHEN typeof(t.language) IS NOT 'text' OR t.language = '' THEN 'it has no language'"
    " WHEN typeof(t.value) IS NOT 'text' THEN 'it has no value'"
    " WHEN typeof(t.key) IS NOT 'text' OR NOT CASE t.subject WHEN 'bundle' THEN t.key = ''"
    "  WHEN 'incident' THEN EXISTS (SELECT 1 FROM incident i WHERE i.slug = t.key)"
    "  WHEN 'event' THEN EXISTS (SELECT 1 FROM event e WHERE e.id = CAST(t.key AS INTEGER)"
    "   AND CAST(e.id AS TEXT) = t.key)"
    "  WHEN 'outlet' THEN EXISTS (SELECT 1 FROM outlet o WHERE o.id = CAST(t.key AS INTEGER)"
    "   AND CAST(o.id AS TEXT) = t.key)"
    "  ELSE EXISTS (SELECT 1 FROM speaker p WHERE p.id = CAST(t.key AS INTEGER) AND CAST(p.id AS TEXT) = t.key) END"
    "  THEN CASE t.subject WHEN 'bundle' THEN 'the bundle''s key is ''''' ELSE 'the key names no ' || t.subject END"
    " END AS problem FROM translation t) WHERE problem IS NOT NULL LIMIT 1",
};

const char *const *rs_verify_thread_checks(size_t *count)
{
    *count = sizeof checks / sizeof checks[0];
    return checks;
}
