/* SKELETON: the timeline's model, until it lands. */
#include "timeline_screen.h"

#include <stdio.h>
#include <stdlib.h>

#include "expect.h"
#include "screen.h"

struct rs_timeline_screen {
    int unused;
};

void rs_timeline_screen_destroy(rs_timeline_screen *timeline)
{
    free(timeline);
}

bool rs_timeline_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error,
                              size_t error_size)
{
    (void)bundle, (void)entry, (void)error, (void)error_size;
    s->kind = RS_SCREEN_TIMELINE;
    s->crumb = rs_xstrdup("Timeline");
    s->timeline = rs_xcalloc(1, sizeof *s->timeline);
    return true;
}

bool rs_timeline_screen_prepare(rs_timeline_screen *timeline, rs_bundle *bundle, int32_t from_key, int32_t to_key)
{
    (void)timeline, (void)bundle, (void)from_key, (void)to_key;
    return true;
}
