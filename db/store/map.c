/*
 * The world map's query (format 4): map_shape's rows, checked.
 *
 * SKELETON: no map until the map's query lands.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

bool rs_bundle_world_map(rs_bundle *bundle, rs_world_map *out, char *error, size_t error_size)
{
    (void)bundle, (void)error, (void)error_size;
    memset(out, 0, sizeof *out);
    return true;
}

void rs_world_map_clear(rs_world_map *map)
{
    for (size_t i = 0; i < map->count; i++)
        free(map->shapes[i].xy), free(map->shapes[i].indices), free(map->shapes[i].ring_ends);
    free(map->shapes);
    memset(map, 0, sizeof *map);
}
