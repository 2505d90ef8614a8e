/*
 * The timeline's queries (format 4): bars from month_count, incident spans
 * by lane, and the marks of a window of time.
 *
 * SKELETON: empty results until the timeline queries land.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

bool rs_bundle_timeline_bars(rs_bundle *bundle, rs_timeline_bars *out)
{
    (void)bundle;
    memset(out, 0, sizeof *out);
    return true;
}

void rs_timeline_bars_clear(rs_timeline_bars *bars)
{
    free(bars->items);
    memset(bars, 0, sizeof *bars);
}

bool rs_bundle_timeline_spans(rs_bundle *bundle, int32_t from_key, int32_t to_key, int max_lanes, size_t limit,
                              rs_timeline_spans *out)
{
    (void)bundle, (void)from_key, (void)to_key, (void)max_lanes, (void)limit;
    memset(out, 0, sizeof *out);
    return true;
}

void rs_timeline_spans_clear(rs_timeline_spans *spans)
{
    for (size_t i = 0; i < spans->count; i++)
        free(spans->items[i].slug), free(spans->items[i].name);
    free(spans->items);
    memset(spans, 0, sizeof *spans);
}

bool rs_bundle_timeline_marks(rs_bundle *bundle, int32_t from_key, int32_t to_key, size_t limit,
                              rs_timeline_marks *out)
{
    (void)bundle, (void)from_key, (void)to_key, (void)limit;
    memset(out, 0, sizeof *out);
    return true;
}

void rs_timeline_marks_clear(rs_timeline_marks *marks)
{
    for (size_t i = 0; i < marks->count; i++)
        free(marks->items[i].slug), free(marks->items[i].incident_slug), free(marks->items[i].label);
    free(marks->items);
    memset(marks, 0, sizeof *marks);
}
