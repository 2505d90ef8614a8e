/*
 * The incident thread's geometry, for the session (layout_thread.c draws
 * it): which entries show at a scroll offset, so their page is loaded
 * before the frame, and where an entry's card is, so the keyboard focus
 * can bring it into view. Valid after rs_layout_measure of a thread
 * screen at the size in use.
 */
#ifndef RS_LAYOUT_THREAD_H
#define RS_LAYOUT_THREAD_H

#include <stdint.h>

#include "layout.h"

/* The entries (thread positions) whose cards show, wholly or in part, at
 * scroll in a viewport viewport_h tall: first..last; last < first when the
 * thread of count entries is empty. */
void rs_layout_thread_rows(const rs_layout *layout, int64_t count, float scroll, int viewport_h, int64_t *first,
                           int64_t *last);

/* Entry index's card, in content coordinates, across the window's width
 * (y and height are what matter: the gap under it included). */
rs_rect rs_layout_thread_card(const rs_layout *layout, int64_t index);

#endif
