/* SKELETON: the map's model, until it lands. */
#include "map_screen.h"

#include <stdio.h>
#include <stdlib.h>

#include "expect.h"
#include "screen.h"

struct rs_map_screen {
    int unused;
};

void rs_map_screen_destroy(rs_map_screen *map)
{
    free(map);
}

bool rs_map_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error, size_t error_size)
{
    (void)bundle, (void)entry, (void)error, (void)error_size;
    s->kind = RS_SCREEN_MAP;
    s->crumb = rs_xstrdup("Map");
    s->map = rs_xcalloc(1, sizeof *s->map);
    return true;
}
