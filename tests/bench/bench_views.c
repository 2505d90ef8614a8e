/*
 * The benchmark's figures for the screens with a view (issue 14): opening
 * the map and the timeline, frames while panning and zooming them (what the
 * world's geometry costs a bundle is in bench_build.c).
 */
#include <SDL.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "render.h"

/* ---- opening ---- */

/* ROSTRUM_BENCH_ONLY=TEXT: only the rows whose name holds TEXT (for
 * profiling one of them). */
static bool wanted(const char *name)
{
    const char *only = getenv("ROSTRUM_BENCH_ONLY");
    return !only || !only[0] || strstr(name, only);
}


/* Opening route from home, repeat times: the session builds the screen's
 * model from the bundle (rs_session_open); with_frame adds the first frame
 * laid out and drawn, which is what a visitor waits for. The first opening
 * (cold: the file's pages not yet in SQLite's cache) is reported beside
 * the p99 of the others. */
void measure_view_open(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                       int height, bool with_frame, double budget)
{
    enum { REPEAT = 60 };
    char name[128];
    snprintf(name, sizeof name, "open %s%s p99, %dx%d", label, with_frame ? " and draw it" : "", width, height);
    if (!wanted(name))
        return;
    viewer v;
    if (!viewer_open(&v, bundle, fonts, width, height, "home")) {
        record(name, NAN, "ms", budget, "could not open");
        viewer_close(&v);
        return;
    }
    viewer_frame(&v);
    static double times[REPEAT];
    double cold = NAN;
    char error[512];
    bool failed = false;
    for (int i = 0; i <= REPEAT && !failed; i++) {
        double start = now_ms();
        failed = rs_session_open(v.session, route, error, sizeof error) != 0;
        if (with_frame)
            viewer_frame(&v);
        double took = now_ms() - start;
        if (i == 0)
            cold = took;
        else
            times[i - 1] = took;
        rs_session_open(v.session, "home", error, sizeof error);
        viewer_frame(&v);
    }
    char note[256];
    if (failed) {
        snprintf(note, sizeof note, "%.60s: %.180s", route, error);
        record(name, NAN, "ms", budget, note);
    } else {
        snprintf(note, sizeof note, "route %s; first (cold) %.3f ms, median %.3f ms over %d; %s", route, cold,
                 quantile(times, REPEAT, 0.5), REPEAT, priority_label);
        record(name, quantile(times, REPEAT, 0.99), "ms", budget, note);
    }
    viewer_close(&v);
}

/* ---- panning and zooming ---- */

/* A run's frames: wall time, CPU time and the wall time's parts
 * (last_frame_parts: laying out, rendering, presenting). */
typedef struct frame_samples {
    double *times, *cpu, *parts[3];
    size_t n, want;
    size_t whole, moved, direct; /* frames whose kept layer was drawn whole, only moved; none kept */
} frame_samples;

static void sample_frame(viewer *v, frame_samples *s)
{
    s->times[s->n] = viewer_frame(v);
    long drawn = rs_render_layer_drawn();
    if (drawn < 0)
        s->direct++;
    else if (drawn >= (long)v->width * (v->height / 2))
        s->whole++;
    else
        s->moved++;
    s->cpu[s->n] = last_frame_cpu;
    for (int p = 0; p < 3; p++)
        s->parts[p][s->n] = last_frame_parts[p];
    s->n++;
}

/* One drag of a finger from (x0, y0) to (x1, y1) in 6 moves 16 ms apart,
 * released while moving (a fling), then frames until the view stops or 60
 * frames pass. Every frame goes into s. */
static void drag_frames(viewer *v, float x0, float y0, float x1, float y1, frame_samples *s)
{
    rs_session_pointer(v->session, RS_POINTER_DOWN, x0, y0, v->clock);
    for (int k = 1; k <= 6 && s->n < s->want; k++) {
        v->clock += 16;
        float f = (float)k / 6.0f;
        rs_session_pointer(v->session, RS_POINTER_MOVE, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, v->clock);
        sample_frame(v, s);
    }
    rs_session_pointer(v->session, RS_POINTER_UP, x1, y1, v->clock);
    for (int k = 0; k < 60 && s->n < s->want; k++) {
        v->clock += 16;
        sample_frame(v, s);
        if (rs_session_timeout(v->session, v->clock) < 0)
            break;
    }
}

/* "layout p99 A, render p99 B, present p99 C ms" for s's frames (sorts
 * the parts' arrays). */
static void parts_note(frame_samples *s, char *out, size_t size)
{
    snprintf(out, size,
             "p99 of its parts: layout %.3f, render %.3f, present %.3f ms; the map's layer kept and moved in %zu "
             "frames, drawn whole in %zu, not kept in %zu",
             quantile(s->parts[0], s->n, 0.99), quantile(s->parts[1], s->n, 0.99), quantile(s->parts[2], s->n, 0.99),
             s->moved, s->whole, s->direct);
}

/* Frames while a visitor explores route: drag across in the four
 * directions with a fling after each, then zoom a step (one frame), again
 * and again, zooming in six steps and out again, so that panning happens
 * at every zoom level. The first frame builds the page and is not counted.
 * count_zoom_steps: the zoom steps' own frames count in the figure (the
 * timeline's budget is for panning or zooming); else they are reported
 * beside it (the map's budget is for a frame while panning). */
void measure_view_frames(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                         int height, bool count_zoom_steps, double budget)
{
    enum { FRAMES = 1500 };
    char name[128];
    snprintf(name, sizeof name, "frame time p99, %s %s, %dx%d", count_zoom_steps ? "panning and zooming" : "panning",
             label, width, height);
    if (!wanted(name))
        return;
    viewer v;
    if (!viewer_open(&v, bundle, fonts, width, height, route)) {
        record(name, NAN, "ms", budget, "could not open");
        viewer_close(&v);
        return;
    }
    static double times[FRAMES], cpu[FRAMES], parts[3][FRAMES], zooms[FRAMES];
    frame_samples s = {times, cpu, {parts[0], parts[1], parts[2]}, 0, FRAMES, 0, 0, 0};
    size_t zoom_count = 0;
    viewer_frame(&v);
    float w = (float)width, h = (float)height;
    const float moves[4][4] = {{0.75f, 0.5f, 0.25f, 0.5f}, {0.25f, 0.5f, 0.75f, 0.5f},
                               {0.5f, 0.75f, 0.5f, 0.35f}, {0.5f, 0.35f, 0.5f, 0.75f}};
    int zoom_step = 1, steps = 0;
    for (int round = 0; s.n < FRAMES; round++) {
        const float *m = moves[round % 4];
        drag_frames(&v, m[0] * w, m[1] * h, m[2] * w, m[3] * h, &s);
        if (round % 4 == 3 && s.n < FRAMES) {
            v.clock += 16;
            rs_session_key(v.session, zoom_step > 0 ? RS_KEY_ZOOM_IN : RS_KEY_ZOOM_OUT, v.clock);
            if (count_zoom_steps)
                sample_frame(&v, &s);
            else
                zooms[zoom_count++] = viewer_frame(&v);
            if (++steps == 6)
                zoom_step = -zoom_step, steps = 0;
        }
    }
    size_t n = s.n;
    char note[512], zoom_note[96] = "", parts_text[256];
    if (zoom_count)
        snprintf(zoom_note, sizeof zoom_note, "; %zu zoom steps besides: median %.3f ms, max %.3f ms", zoom_count,
                 quantile(zooms, zoom_count, 0.5), quantile(zooms, zoom_count, 1.0));
    parts_note(&s, parts_text, sizeof parts_text);
    snprintf(note, sizeof note, "median %.3f ms, max %.3f ms over %zu frames; CPU time p99 %.3f ms; %s%s; %s; %s",
             quantile(times, n, 0.5), quantile(times, n, 1.0), n, quantile(cpu, n, 0.99), parts_text, zoom_note,
             v.window ? "presented to a window" : "not presented (no display)", priority_label);
    record(name, quantile(times, n, 0.99), "ms", budget, note);
    viewer_close(&v);
}

/* One pinch about the area's middle: two fingers from d0 apart spread to
 * d1 in 12 moves 16 ms apart, then close to d2 in 12 more, each move's
 * frame into s (or, with wheel, the same zooms as wheel steps, which are
 * not a pinch: each frame rasterises); after the fingers lift, the crisp
 * frame into crisp. */
static void pinch_frames(viewer *v, bool wheel, float w, float h, const float d[3], frame_samples *s, double *crisp,
                         size_t *crisp_count)
{
    float cx = w / 2, cy = h / 2 + h / 16, last = d[0];
    if (!wheel) {
        rs_session_finger(v->session, 1, RS_POINTER_DOWN, cx - d[0], cy, v->clock);
        rs_session_finger(v->session, 2, RS_POINTER_DOWN, cx + d[0], cy, v->clock);
    }
    for (int k = 1; k <= 24 && s->n < s->want; k++) {
        v->clock += 16;
        float at = k <= 12 ? d[0] + (d[1] - d[0]) * (float)k / 12.0f : d[1] + (d[2] - d[1]) * (float)(k - 12) / 12.0f;
        if (wheel) {
            rs_session_zoom_at(v->session, at / last, cx, cy, v->clock);
        } else {
            rs_session_finger(v->session, 2, RS_POINTER_MOVE, cx + at, cy, v->clock);
            rs_session_finger(v->session, 1, RS_POINTER_MOVE, cx - at, cy, v->clock);
        }
        last = at;
        sample_frame(v, s);
    }
    if (!wheel) {
        v->clock += 100; /* held still: no fling */
        rs_session_finger(v->session, 1, RS_POINTER_UP, cx - d[2], cy, v->clock);
        rs_session_finger(v->session, 2, RS_POINTER_UP, cx + d[2], cy, v->clock);
    }
    v->clock += 16;
    crisp[(*crisp_count)++] = viewer_frame(v);
}

/* Frames while a visitor pinches route's map in and out, again and again:
 * from where it opens in 4x and out to 2x, then from there in (to the
 * closest look) and out to where it opened. The pinch's own frames are
 * the figure (they draw the last crisp rows scaled); the crisp frame
 * after each pinch (which rasterises at the new zoom) and the same zooms
 * by wheel (rasterised every frame) are beside it. */
void measure_view_pinch(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                        int height, double budget)
{
    enum { FRAMES = 600 };
    char name[128];
    snprintf(name, sizeof name, "frame time p99, pinching %s, %dx%d", label, width, height);
    if (!wanted(name))
        return;
    static double times[FRAMES], cpu[FRAMES], parts[3][FRAMES], wheel[FRAMES], wheel_cpu[FRAMES],
        wheel_parts[3][FRAMES], crisp[FRAMES / 24 + 2], wheel_crisp[FRAMES / 24 + 2];
    frame_samples pinch = {times, cpu, {parts[0], parts[1], parts[2]}, 0, FRAMES, 0, 0, 0};
    frame_samples wheels = {wheel, wheel_cpu, {wheel_parts[0], wheel_parts[1], wheel_parts[2]}, 0, FRAMES, 0, 0, 0};
    size_t crisp_count = 0, wheel_crisp_count = 0;
    float w = (float)width, d0 = w / 16;
    const float in[3] = {d0, 4 * d0, 2 * d0}, out[3] = {2 * d0, 4 * d0, d0};
    for (int pass = 0; pass < 2; pass++) {
        viewer v;
        if (!viewer_open(&v, bundle, fonts, width, height, route)) {
            record(name, NAN, "ms", budget, "could not open");
            viewer_close(&v);
            return;
        }
        viewer_frame(&v);
        for (int round = 0; (pass ? wheels.n : pinch.n) + 24 <= FRAMES; round++) {
            const float *d = round % 2 ? out : in;
            if (pass)
                pinch_frames(&v, true, w, (float)height, d, &wheels, wheel_crisp, &wheel_crisp_count);
            else
                pinch_frames(&v, false, w, (float)height, d, &pinch, crisp, &crisp_count);
        }
        viewer_close(&v);
    }
    size_t n = pinch.n, m = wheels.n;
    char note[512], parts_text[256];
    parts_note(&pinch, parts_text, sizeof parts_text);
    snprintf(note, sizeof note,
             "median %.3f ms, max %.3f ms over %zu frames; CPU time p99 %.3f ms; %s; the crisp frame after each of "
             "%zu pinches: median %.3f ms, max %.3f ms; the same zooms by wheel (rasterised each frame): p99 %.3f ms, "
             "median %.3f ms; %s",
             quantile(times, n, 0.5), quantile(times, n, 1.0), n, quantile(cpu, n, 0.99), parts_text, crisp_count,
             quantile(crisp, crisp_count, 0.5), quantile(crisp, crisp_count, 1.0), quantile(wheel, m, 0.99),
             quantile(wheel, m, 0.5), priority_label);
    record(name, quantile(times, n, 0.99), "ms", budget, note);
}
