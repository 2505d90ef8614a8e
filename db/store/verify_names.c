/*
 * The checks of format 5's name_order (verify.h): the lists the viewer
 * reads in its order (the Countries screen, the Incidents screen) show
 * every party or incident exactly once in every UI language. Like
 * verify.c's, each check is one query returning the first problem as a
 * sentence naming the table, or no row; each is one pass over the table
 * (the duplicates one sort), and each may trust what the ones before
 * proved (verify.c's countries and incidents, then here: the rows before
 * the counts, the counts before the order of the dates).
 */
#include "verify.h"

#include <stddef.h>

/* RS_NAME_ORDER_LANGUAGES (bundle_format.h) as SQL: a list and a table. */
#define ORDER_LANGUAGES "'en', 'zh_CN', 'ru', 'ar', 'fr', 'es'"
#define ORDER_LANGUAGE_ROWS "VALUES ('ar'), ('en'), ('es'), ('fr'), ('ru'), ('zh_CN')"
/* The parties of the collection (verify.c's PARTIES_LISTED): the rows the
 * Countries screen lists. */
#define PARTIES_LISTED "country WHERE statement_count IS NOT 0 OR event_count IS NOT 0"
/* The number of entries of the list of subject s. */
#define LIST_SIZE(s)                                                                                                  \
    "CASE " s " WHEN 'party' THEN (SELECT count(*) FROM " PARTIES_LISTED ") ELSE (SELECT count(*) FROM incident) END"

static const char *const checks[] = {
    /* Each row: a UI language, a subject, a position inside its list and
     * a key naming an entry of it. */
    "SELECT printf('name_order: %.20s %.20s at pos %.20s: %s', language, subject, pos, problem) FROM (SELECT"
    " o.language, o.subject, o.pos, CASE"
    " WHEN typeof(o.language) IS NOT 'text' OR o.language NOT IN (" ORDER_LANGUAGES ") THEN"
    "  printf('''%.20s'' is not a UI language (en, zh_CN, ru, ar, fr, es)', o.language)"
    " WHEN typeof(o.subject) IS NOT 'text' OR o.subject NOT IN ('party', 'incident') THEN"
    "  printf('''%.20s'' is not a list (''party'', ''incident'')', o.subject)"
    " WHEN typeof(o.pos) IS NOT 'integer' OR o.pos < 0 OR o.pos >= " LIST_SIZE("o.subject") " THEN"
    "  printf('the position is outside the list of %,d', " LIST_SIZE("o.subject") ")"
    " WHEN typeof(o.key) IS NOT 'text' THEN printf('the key is %s, not a text', typeof(o.key))"
    " WHEN o.subject = 'party' AND (NOT EXISTS (SELECT 1 FROM country c"
    "  WHERE c.code = o.key AND (c.statement_count IS NOT 0 OR c.event_count IS NOT 0))) THEN"
    "  printf('''%.20s'' is no party with a statement or an event', o.key)"
    " WHEN o.subject = 'incident' AND (o.key GLOB '*[^0-9]*'"
    "  OR NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = o.key)) THEN"
    "  printf('''%.20s'' is no incident id', o.key)"
    " END AS problem FROM name_order o) WHERE problem IS NOT NULL LIMIT 1",

    /* Each entry at most once a list. */
    "SELECT printf('name_order: %s %s lists %s twice (at pos %d and %d)', language, subject, key, min(pos),"
    " max(pos)) FROM name_order GROUP BY language, subject, key HAVING count(*) > 1 LIMIT 1",

    /* Every list in every language, whole: with the above, each entry
     * exactly once at positions 0..n-1. */
    "WITH languages(language) AS (" ORDER_LANGUAGE_ROWS "),"
    " subjects(subject, what) AS (VALUES ('incident', 'incidents'),"
    " ('party', 'parties with a statement or an event')),"
    " lists AS (SELECT l.language, s.subject, s.what, " LIST_SIZE("s.subject") " AS n,"
    " (SELECT count(*) FROM name_order o WHERE o.language = l.language AND o.subject = s.subject) AS listed"
    " FROM languages l, subjects s)"
    " SELECT printf('name_order: %s %s lists %,d of the %,d %s', language, subject, listed, n, what) FROM lists"
    " WHERE listed IS NOT n LIMIT 1",

    /* Incidents by date, the undated last (the Incidents screen's order). */
    "SELECT printf('name_order: %s incident at pos %d: incident %d, dated %s, comes after incident %d, dated %s"
    " (the list is by date, undated last)', o.language, o.pos, i.id, coalesce(i.date, 'never'), p.id,"
    " coalesce(p.date, 'never')) FROM name_order o JOIN incident i ON i.id = o.key"
    " JOIN name_order q ON q.language = o.language AND q.subject = 'incident' AND q.pos = o.pos - 1"
    " JOIN incident p ON p.id = q.key WHERE o.subject = 'incident'"
    " AND (p.date IS NULL AND i.date IS NOT NULL OR p.date > i.date) LIMIT 1",
};

const char *const *rs_verify_name_order_checks(size_t *count)
{
    *count = sizeof checks / sizeof checks[0];
    return checks;
}
