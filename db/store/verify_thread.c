/*
 * The deep checks of format 3's tables (verify.h): events, who is in them,
 * each party's events, the incident thread, organisations' members and the
 * curators' translations. Like verify.c's, each check is one query that
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
