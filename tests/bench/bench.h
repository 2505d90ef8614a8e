/*
 * What the benchmark's files share (bench.c: the parts and main; bench_table.c:
 * the figures; bench_viewer.c: the in-process viewer and its frames;
 * bench_views.c: the map's and the timeline's figures; bench_build.c: the
 * builder's; bench_speech.c: Listen's).
 */
#ifndef RS_BENCH_H
#define RS_BENCH_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "draw.h"
#include "session.h"
#include "text.h"

/* ---- bench_table.c ---- */

#define RS_BENCH_FIGURES_MAX 96

typedef struct figure {
    char name[128];
    double value;
    char unit[16];
    double budget; /* NAN: no budget */
    char note[512];
} figure;

extern figure figures[RS_BENCH_FIGURES_MAX];
extern size_t figure_count;

/* The monotonic clock in ms. */
double now_ms(void);
/* The q-quantile (0..1) of values (sorted in place), nearest rank. */
double quantile(double *values, size_t n, double q);
/* Keeps one figure (budget NAN: none) and prints it as it comes. */
void record(const char *name, double value, const char *unit, double budget, const char *note);
/* "PASS", "MISS" or "-". */
const char *verdict(const figure *f);
void print_table(FILE *out);
void write_json(const char *path);

/* ---- bench_viewer.c ---- */

typedef struct viewer {
    rs_bundle *bundle;
    rs_text *text;
    rs_session *session;
    SDL_Surface *canvas;  /* no display: drawn on a surface, never presented */
    SDL_Window *window;   /* a display: drawn and presented as the viewer does */
    SDL_Renderer *renderer;
    rs_draw_list draw;
    int width, height;
    uint64_t clock;
} viewer;

/* A viewer on bundle_path at width x height showing route, drawn as the app
 * draws (a window when there is a display, else a surface). */
bool viewer_open(viewer *v, const char *bundle_path, const char *fonts, int width, int height, const char *route);
void viewer_close(viewer *v);
/* This thread's CPU time in ms. */
double thread_cpu_ms(void);
/* Real-time priority for the in-process parts when allowed; its label. */
extern const char *priority_label;
void realtime_priority(void);
void normal_priority(void);
/* One frame as the app draws it (tick, lay out, render); its wall time.
 * last_frame_cpu: the same frame's CPU time. */
extern double last_frame_cpu;
/* The same frame's wall time in its parts: laying out (tick and frame),
 * rendering, presenting. */
extern double last_frame_parts[3];
double viewer_frame(viewer *v);
/* Flings through the current screen until want frames are collected. */
size_t fling_frames(viewer *v, double *times, double *cpu_times, size_t want);
/* The "frame time p99, flinging LABEL" row. */
void measure_frames(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                    int height, double budget);

/* ---- bench_views.c ---- */

/* "open LABEL p99": route opened from home (with_frame: and drawn). */
void measure_view_open(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                       int height, bool with_frame, double budget);
/* "frame time p99, panning [and zooming] LABEL": drags with flings in four
 * directions between zoom steps in and out (counted in the figure or not). */
void measure_view_frames(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                         int height, bool count_zoom_steps, double budget);
/* "frame time p99, pinching LABEL": a pinch's frames (the last crisp rows
 * drawn scaled), with the crisp frame after it and wheel zooms beside. */
void measure_view_pinch(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                        int height, double budget);

/* ---- bench_build.c ---- */

/* "world geometry: bytes added to a bundle" and "build time added": the
 * corpus built with and without --no-map. */
void measure_world_geometry(const char *builder, const char *corpus, const char *work);
/* "build: a 1 MB statement": its CPU time, and the 256 KB one's beside. */
void measure_long_build(const char *builder, const char *work);

/* ---- bench_speech.c (issue 16) ---- */

/* Tap to first audio and CPU while speaking, on SDL's dummy audio driver. */
void measure_speech(const char *sample);

#endif
