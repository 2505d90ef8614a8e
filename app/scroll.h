/*
 * Kinetic scrolling on one axis: the offset of a content strip inside a
 * viewport, driven by a finger (grab, drag, release), by keys or the wheel
 * (nudge), or set directly. Fling, elastic edges and nudges animate as pure
 * functions of time, so the feel is the same at 30 and 120 frames a second.
 *
 * Pure C: no SDL, no clock. Every call that can move carries its time in
 * milliseconds; time that runs backwards counts as no time passing.
 *
 * Offsets are in px from the top of the content: 0 shows the start,
 * rs_scroll_max_offset shows the end. Finger deltas and velocities are in
 * window direction (positive = finger moved down), as rs_gesture reports them.
 */
#ifndef RS_SCROLL_H
#define RS_SCROLL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rs_scroll rs_scroll;

/* A scroller with no content (max offset 0), at rest at offset 0. Returns
 * NULL only when out of memory. The caller destroys it. */
rs_scroll *rs_scroll_create(void);

/* Frees the scroller; NULL is allowed. */
void rs_scroll_destroy(rs_scroll *s);

/* Content and viewport lengths in px; max offset = max(0, content - viewport).
 * Negative or non-finite lengths count as 0; lengths are capped at 1e9 px.
 * At rest, the offset is clamped into the new range at once; a fling or
 * spring in progress continues towards the new range; a drag in progress is
 * left alone (the release springs back if it is now past an edge). */
void rs_scroll_set_extent(rs_scroll *s, float content_length, float viewport_length);

/* A finger went down: any fling, spring or nudge stops where it is (even
 * past an edge), and the scroller is dragging until rs_scroll_release. */
void rs_scroll_grab(rs_scroll *s, uint64_t now_ms);

/* The finger moved by finger_delta px (positive = finger moved down =
 * content moves down = offset decreases). Inside the range the offset moves
 * by exactly the delta; past either edge movement is divided by 3 (and
 * moving back undoes exactly what moving out did). Grabs first if not
 * dragging. A non-finite delta is ignored. */
void rs_scroll_drag(rs_scroll *s, float finger_delta, uint64_t now_ms);

/* The finger lifted with finger_velocity (px/s, same sign convention; capped
 * at 20000, non-finite counts as 0). Inside the range: a fling that decays
 * exponentially (time constant 325 ms, total distance about v * 0.325 s) and
 * stops below 5 px/s; a fling that reaches an edge overshoots a little and
 * springs back, settling on the edge 250 ms after reaching it. Past an edge:
 * springs back to the edge, settling within 250 ms, never oscillating. */
void rs_scroll_release(rs_scroll *s, float finger_velocity, uint64_t now_ms);

/* Keyboard/wheel: moves the target by delta px of offset (positive = towards
 * the end, the opposite of a finger delta), clamped to the range, and glides
 * there over 150 ms (ease-out). Nudges during a glide add to its target, so
 * key repeat accumulates. Stops a fling or spring; during a drag it takes
 * over, and the next rs_scroll_drag grabs again from wherever the glide is.
 * A non-finite delta is ignored. */
void rs_scroll_nudge(rs_scroll *s, float delta, uint64_t now_ms);

/* Jumps without animation (restoring a position, reset), clamped to the
 * range; stops any fling, spring or nudge. A non-finite offset is ignored.
 * During a drag the drag continues from the new offset. */
void rs_scroll_set_offset(rs_scroll *s, float offset);

/* Advances animation to now. Returns true while still moving (the app keeps
 * drawing frames while true, and sleeps otherwise). False while dragging:
 * the finger's events drive the frames then. */
bool rs_scroll_update(rs_scroll *s, uint64_t now_ms);

/* The offset as of the last call that took a time. Always finite; within
 * [0, max offset] whenever not dragging and not moving. */
float rs_scroll_offset(const rs_scroll *s);

/* max(0, content - viewport). */
float rs_scroll_max_offset(const rs_scroll *s);

/* True during a fling, spring or nudge glide (what rs_scroll_update last
 * returned, or what set_extent/set_offset/grab made of it). */
bool rs_scroll_is_moving(const rs_scroll *s);

#endif
