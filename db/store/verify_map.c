/*
 * The world map's check (format 4), run by rs_verify_bundle: the map is
 * read exactly as the viewer reads it (rs_bundle_world_map), so `check`
 * refuses every map the viewer would refuse, with the same line.
 */
#include <stdio.h>

#include "bundle.h"
#include "verify.h"

bool rs_verify_map(rs_bundle *bundle, char *reason, size_t reason_size)
{
    rs_world_map map;
    bool ok = rs_bundle_world_map(bundle, &map, reason, reason_size);
    rs_world_map_clear(&map);
    return ok;
}
