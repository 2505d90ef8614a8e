/*
 * The deep checks of a bundle: that what the viewer relies on without
 * looking is true of the rows. The browse queries trust the stored counts
 * (a year's statements are ids first_id .. first_id + count - 1), the
 * positions (a page is pos BETWEEN a AND b), the links (ids that resolve)
 * and the full-text index; a bundle whose tables lie about any of them is
 * refused here, with one line naming the table and what is wrong, before
 * `rostrum-bundle check` says OK or a running kiosk switches to it.
 */
#ifndef RS_VERIFY_H
#define RS_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle.h"

/* Checks, in one pass over each table: the metadata's counts against the
 * rows; statement ids 1..N in time order, dates, kinds, and every link
 * (outlet, speaker, same_as, translation_of and their groups); year_count
 * and month_count against the statements' dates; country, country_role,
 * incident and suggestion counts against their lists; every pos contiguous
 * from 0 in time order; every list's statement, country and incident
 * resolvable; and the full-text index readable and equal, term by term, to
 * term_stat. Leaves the connection as it found it (query_only). On false,
 * error holds one line for a person ("Cannot open the bundle PATH: ...").
 * Reads the whole bundle: seconds on a million statements. */
bool rs_verify_bundle(rs_bundle *bundle, char *error, size_t error_size);

/* The checks of format 3's tables (verify_thread.c), run by
 * rs_verify_bundle after its own: statements' partial, note and lede;
 * events (ids 1..N, incident, kind, date) and incident.event_count; every
 * party's kind and event_count; event_party and party_event (codes, roles,
 * positions in time order, the two agreeing); party_member; the incident
 * thread (each entry its incident's, exactly one of a statement and an
 * event, positions 0..n-1 in RS_THREAD_ORDER, every statement and event of
 * the incident); translations (subject, field, key). Each is one SQL query
 * returning the first problem as a sentence, or no row. */
const char *const *rs_verify_thread_checks(size_t *count);

/* The checks of format 5's name_order (verify_names.c), run by
 * rs_verify_bundle after format 3's: every row a UI language
 * (RS_NAME_ORDER_LANGUAGES), a list ("party", "incident"), a position
 * inside it and a key naming a party with a statement or an event, or an
 * incident; no entry twice in a list; every list whole in every language
 * (so each entry exactly once at 0..n-1); incidents by date, undated last.
 * Each is one SQL query returning the first problem as a sentence, or no
 * row. */
const char *const *rs_verify_name_order_checks(size_t *count);

/* The world map's check (verify_map.c), run by rs_verify_bundle last: every
 * rule rs_bundle_world_map checks. On false, reason holds one line naming
 * the shape and the rule ("map_shape RU: ..."). */
bool rs_verify_map(rs_bundle *bundle, char *reason, size_t reason_size);

#endif
