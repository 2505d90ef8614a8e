/*
 * The benchmark's in-process viewer: a session drawn by the software
 * renderer, frame by frame, and the fling that measures scrolling (bench.h).
 */
#define _DEFAULT_SOURCE
#include <SDL.h>
#include <math.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "bundle.h"
#include "render.h"

/* ---- in-process: frames ---- */


bool viewer_open(viewer *v, const char *bundle_path, const char *fonts, int width, int height, const char *route)
{
    memset(v, 0, sizeof *v);
    char error[1024];
    v->bundle = rs_bundle_open(bundle_path, error, sizeof error);
    if (!v->bundle) {
        fprintf(stderr, "bench: %s\n", error);
        return false;
    }
    rs_theme theme = rs_theme_for(width, height);
    v->text = rs_text_create(fonts, &theme, error, sizeof error);
    /* With a display, a window and SDL's software renderer, as `rostrum
     * --software` makes them (app.c create_window), so that each frame's
     * time includes presenting it; without one, a surface. */
    if (SDL_WasInit(SDL_INIT_VIDEO) || SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        v->window = SDL_CreateWindow("bench", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, 0);
        v->renderer = v->window ? SDL_CreateRenderer(v->window, -1, SDL_RENDERER_SOFTWARE) : NULL;
        int w = 0, h = 0;
        if (v->renderer)
            SDL_GetRendererOutputSize(v->renderer, &w, &h);
        if (w != width || h != height) { /* a screen too small for it: not this size, so not presented */
            if (v->renderer)
                SDL_DestroyRenderer(v->renderer);
            if (v->window)
                SDL_DestroyWindow(v->window);
            v->renderer = NULL, v->window = NULL;
        }
    }
    if (!v->renderer) {
        v->canvas = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
        v->renderer = v->canvas ? SDL_CreateSoftwareRenderer(v->canvas) : NULL;
    }
    if (!v->text || !v->renderer) {
        fprintf(stderr, "bench: cannot set up drawing\n");
        return false;
    }
    v->session = rs_session_create(v->bundle, rs_text_measurer(v->text), width, height);
    v->width = width, v->height = height;
    v->clock = 1000;
    if (rs_session_open(v->session, route, error, sizeof error) != 0) {
        fprintf(stderr, "bench: %s\n", error);
        return false;
    }
    return true;
}

void viewer_close(viewer *v)
{
    rs_session_destroy(v->session);
    rs_draw_free(&v->draw);
    /* The text cache's textures belong to the renderer, which frees them
     * all when it is destroyed: the cache goes first. (The other way round
     * destroyed every cached texture twice, a use after free inside SDL
     * that AddressSanitizer cannot see, SDL not being instrumented: the
     * benchmark's rare crash after the 1920x1080 reader.) */
    rs_text_destroy(v->text);
    if (v->renderer)
        SDL_DestroyRenderer(v->renderer);
    if (v->canvas)
        SDL_FreeSurface(v->canvas);
    if (v->window)
        SDL_DestroyWindow(v->window);
    rs_bundle_close(v->bundle);
}

double thread_cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The in-process parts (frames, queries) run at real-time priority when the
 * system allows it (root or CAP_SYS_NICE), so that on a shared machine the
 * timers measure the viewer's code rather than the other processes the
 * scheduler runs in between, as on a kiosk where the viewer is alone.
 * Nothing is skipped: it only cannot be preempted by other processes. The
 * rows say which it was; ROSTRUM_BENCH_NO_RT=1 measures at normal priority. */
const char *priority_label = "normal priority";

void realtime_priority(void)
{
    const char *off = getenv("ROSTRUM_BENCH_NO_RT");
    if (off && off[0] == '1')
        return;
    struct sched_param param = {.sched_priority = 1};
    if (sched_setscheduler(0, SCHED_FIFO, &param) == 0)
        priority_label = "SCHED_FIFO";
}

void normal_priority(void)
{
    struct sched_param param = {.sched_priority = 0};
    sched_setscheduler(0, SCHED_OTHER, &param);
}

/* CPU time of the last frame: on a loaded machine the wall time of a frame
 * includes time the scheduler gave to other processes; this does not. It
 * is reported beside the figure, never instead of it. */
double last_frame_cpu;
double last_frame_parts[3];

/* One frame as the app draws it: tick, lay out, render. Returns its time. */
double viewer_frame(viewer *v)
{
    double cpu = thread_cpu_ms();
    double start = now_ms();
    rs_session_tick(v->session, v->clock);
    rs_session_frame(v->session, v->clock, &v->draw);
    double laid = now_ms();
    rs_render(v->renderer, v->text, &v->draw, rs_session_theme(v->session)->background);
    /* SDL batches drawing until the present: done here, so that the parts
     * say what drawing and what presenting cost (the same work in all). */
    SDL_RenderFlush(v->renderer);
    double drawn = now_ms();
    if (v->window)
        SDL_RenderPresent(v->renderer);
    double wall = now_ms() - start;
    last_frame_parts[0] = laid - start, last_frame_parts[1] = drawn - laid;
    last_frame_parts[2] = wall - (drawn - start);
    last_frame_cpu = thread_cpu_ms() - cpu;
    return wall;
}

/* Flings through the current screen until frames are collected; a finger
 * flick of about 3000 px/s, again and again, reversing at the ends. */
size_t fling_frames(viewer *v, double *times, double *cpu_times, size_t want)
{
    size_t n = 0;
    int direction = 1;
    float previous_offset = -1;
    viewer_frame(v); /* the first frame builds the page: not a scrolling frame */
    /* ROSTRUM_BENCH_DUMP=FILE: the first frame's pixels as drawn (raw
     * ARGB8888), for comparing what two builds draw in a window. */
    const char *dump = getenv("ROSTRUM_BENCH_DUMP");
    if (dump && dump[0]) {
        size_t bytes = (size_t)v->width * (size_t)v->height * 4u;
        void *pixels = malloc(bytes);
        FILE *f = fopen(dump, "wb");
        if (pixels && f &&
            SDL_RenderReadPixels(v->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, pixels, v->width * 4) == 0)
            fwrite(pixels, 1, bytes, f);
        if (f)
            fclose(f);
        free(pixels);
    }
    while (n < want) {
        float x = (float)v->width / 2;
        float from = (float)v->height * (direction > 0 ? 0.8f : 0.3f);
        float to = (float)v->height * (direction > 0 ? 0.3f : 0.8f);
        rs_session_pointer(v->session, RS_POINTER_DOWN, x, from, v->clock);
        for (int k = 1; k <= 6 && n < want; k++) {
            v->clock += 16;
            rs_session_pointer(v->session, RS_POINTER_MOVE, x, from + (to - from) * (float)k / 6.0f, v->clock);
            cpu_times[n] = 0;
            times[n] = viewer_frame(v);
            cpu_times[n++] = last_frame_cpu;
        }
        rs_session_pointer(v->session, RS_POINTER_UP, x, to, v->clock);
        for (int k = 0; k < 90 && n < want; k++) {
            v->clock += 16;
            times[n] = viewer_frame(v);
            cpu_times[n++] = last_frame_cpu;
            if (rs_session_timeout(v->session, v->clock) < 0)
                break;
        }
        float offset = rs_session_scroll_offset(v->session);
        if (offset == previous_offset) /* at an end: go the other way */
            direction = -direction;
        previous_offset = offset;
    }
    return n;
}

void measure_frames(const char *label, const char *bundle, const char *fonts, const char *route, int width,
                           int height, double budget)
{
    viewer v;
    char name[128];
    snprintf(name, sizeof name, "frame time p99, flinging %s, %dx%d", label, width, height);
    if (!viewer_open(&v, bundle, fonts, width, height, route)) {
        record(name, NAN, "ms", budget, "could not open");
        viewer_close(&v);
        return;
    }
    enum { FRAMES = 1500 };
    static double times[FRAMES], cpu_times[FRAMES];
    size_t n = fling_frames(&v, times, cpu_times, FRAMES);
    char note[256];
    double p99 = quantile(times, n, 0.99);
    double median = quantile(times, n, 0.5), max = times[n - 1];
    double cpu_p99 = quantile(cpu_times, n, 0.99);
    snprintf(note, sizeof note, "median %.3f ms, max %.3f ms over %zu frames; CPU time p99 %.3f ms; %s; %s", median,
             max, n, cpu_p99, v.window ? "presented to a window" : "not presented (no display)", priority_label);
    record(name, p99, "ms", budget, note);
    viewer_close(&v);
}
