/*
 * The timeline's geometry, for the session (layout_timeline.c draws it):
 * the window of time a view shows at this size, so that the model reads
 * that window's spans and marks before the frame is laid out.
 */
#ifndef RS_LAYOUT_TIMELINE_H
#define RS_LAYOUT_TIMELINE_H

#include <stdint.h>

#include "layout.h"

/* The date keys (RS_DATE_KEY) at the view's two ends, with a margin. */
void rs_layout_timeline_window(rs_layout *layout, const rs_theme *theme, int width, int height,
                               const rs_screen *screen, const rs_view *view, int32_t *from_key, int32_t *to_key);

#endif
