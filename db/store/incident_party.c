/*
 * An incident's parties (format 4, incident_party): who accused and who was
 * accused, for the incident's map.
 *
 * SKELETON: none until the query lands.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

bool rs_bundle_incident_parties(rs_bundle *bundle, int64_t incident_id, rs_party_links *out)
{
    (void)bundle, (void)incident_id;
    memset(out, 0, sizeof *out);
    return true;
}

void rs_party_links_clear(rs_party_links *links)
{
    for (size_t i = 0; i < links->count; i++)
        free(links->items[i].name), free(links->items[i].roles);
    free(links->items);
    memset(links, 0, sizeof *links);
}
