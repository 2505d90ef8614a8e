/*
 * The timeline's layout, shared by its files (issue 14): layout_timeline.c
 * (the view's geometry, ticks, bars, spans, the controls and a frame's
 * order) and layout_timeline_marks.c (the marks, their clusters and
 * labels). See layout_timeline.c's top.
 */
#ifndef RS_LAYOUT_TIMELINE_PRIVATE_H
#define RS_LAYOUT_TIMELINE_PRIVATE_H

#include "layout_private.h"
#include "layout_timeline.h"

/* The least time in view (the most zoom): one month. */
#define MIN_VISIBLE_DAYS 31.0
/* The margin around the collection at zoom 1, and around a route's year or
 * month in its first view: a twentieth of the span on each side. */
#define MARGIN_SHARE 0.05
/* Triangle vertices a mark may take (a circle is a 12-gon: 13). */
#define MARK_VERTICES 13
#define MARK_INDICES 36
/* The three sides' triangle buffers hold the marks and the legend's shapes. */
#define SHAPES_MAX (RS_TIMELINE_MARKS + 4)
#define TEXT_ARENA 8192
/* How far (days) fanning a cluster out may move a mark from its day. */
#define FAN_DAYS 7.0

typedef struct shape_buffer {
    float *xy;
    int *indices;
    int vertex_count, index_count;
} shape_buffer;

typedef struct rs_timeline_layout rs_timeline_layout;

struct rs_timeline_layout {
    shape_buffer shapes[3];
    char text[TEXT_ARENA]; /* this frame's tick labels and counts */
    size_t text_used;
    /* the widest month name, measured once per screen and size (portrait's
     * tick column holds it) */
    const rs_screen *measured;
    int measured_width, measured_language, month_w;
    /* the widest word of the spans' names (portrait's lanes are as wide as
     * it needs, so names break only between words), for these spans */
    const rs_timeline_span *worded;
    size_t worded_count;
    int word_w;
    rs_line_list words; /* one name's words (UAX #14 pieces) */
};

/* The view's frame at this size: where the axis lies, what time it covers. */
typedef struct geom {
    bool vertical;
    rs_rect legend;            /* the legend's line (in the controls row when it is wide) */
    rs_rect controls;          /* the row of the undated count and the buttons */
    rs_rect plot;              /* everything that moves */
    double a0, alen;           /* the plot along the axis, window px */
    double first, end;         /* the whole range at zoom 1, days (the collection and its margin) */
    double full;               /* end - first */
    double zoom_max;
} geom;

/* The bands across the axis (c, window px) and what they hold. */
typedef struct bands {
    int tick0, tick1;   /* tick labels */
    int axis;           /* the axis line */
    int bar0, bar1;     /* bars grow from the axis to the far end */
    int mark0, mark1;   /* the marks */
    int label0, label1; /* the marks' labels: two rows in landscape, one column in portrait */
    int lane0, lane1;   /* the spans' lanes */
    int lane_size, lanes;
    int ms;             /* a mark's radius */
} bands;

/* A frame's view at this size: the entry's, clamped, or the route's first. */
typedef struct frame_ctx {
    rs_layout *l;
    const rs_theme *t;
    const rs_frame *f;
    const rs_screen *s;
    rs_timeline_layout *tl;
    geom g;
    bands b;
    rs_view v;
    double day0, day1, ppd; /* the days at the plot's two ends */
    double label_room;      /* the next label's room along the axis (label_room()) */
    rs_draw_list *out;
    rs_target_list *targets;
} frame_ctx;

/* ---- layout_timeline.c ---- */

/* Window px along the axis of day. */
double rs_layout_timeline_a_of(const geom *g, const rs_view *v, double day);
/* A box from (a0 .. a1) along the axis and (c0 .. c1) across it. */
rs_rect rs_layout_timeline_box(const geom *g, double a0, double a1, int c0, int c1);
/* A copy of text in this frame's arena (valid until the next frame). */
const char *rs_layout_timeline_text(rs_timeline_layout *tl, const char *text);
/* A mark's shape for side (▲ accusation, ● answer, ◆ other) at (x, y). */
void rs_layout_timeline_shape(shape_buffer *b, int side, float x, float y, float r);
/* A target for r (and its focus outline when focused). */
void rs_layout_timeline_target(const rs_theme *t, const rs_frame *f, rs_rect r, rs_action a, rs_draw_list *out,
                               rs_target_list *targets);

/* ---- layout_timeline_marks.c ---- */

/* The marks in view: alone with their labels where they have room,
 * fanned out, or clustered with their count. */
void rs_layout_timeline_marks(frame_ctx *c);

#endif
