/*
 * An incident's parties (format 4, incident_party): who accused and who was
 * accused, for the incident's map.
 *
 * One seek in incident_party's primary key. The rows are read as an event's
 * parties are (party_link.c): a code or roles text a bundle cannot hold is
 * left out, the order is made in C (code order) rather than trusted to SQL,
 * and at most LINK_ROWS_MAX rows are read, so a file that gives an incident
 * a million parties costs no more than a real one.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_format.h"
#include "bundle_private.h"

/* Every party of parties.yaml and ISO 3166 together is far fewer. */
#define LINK_ROWS_MAX 1000

static const char query_sql[] =
    "SELECT p.party_code, p.roles, " BUNDLE_PARTY_NAME("p.party_code", "c.name") ", c.kind"
    " FROM incident_party p LEFT JOIN country c ON c.code = p.party_code"
    " WHERE p.incident_id = ?1 LIMIT " RS_STRINGIFY(LINK_ROWS_MAX);

bool rs_bundle_incident_parties(rs_bundle *b, int64_t incident_id, rs_party_links *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = bundle_prepared(b, Q_INCIDENT_PARTIES, query_sql);
    if (!stmt)
        return false;
    bundle_bind_language(b, stmt);
    sqlite3_bind_int64(stmt, 1, incident_id);
    return bundle_read_role_links(stmt, &out->items, &out->count);
}

void rs_party_links_clear(rs_party_links *links)
{
    for (size_t i = 0; i < links->count; i++)
        free(links->items[i].name), free(links->items[i].roles);
    free(links->items);
    memset(links, 0, sizeof *links);
}
