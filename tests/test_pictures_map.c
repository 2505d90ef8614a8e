/*
 * The world map's pictures (issue 14, "Proof"), drawn by the viewer from
 * the sample corpus: the whole world and the Exchange incident's map
 * (microsoft-exchange-server-hack-2021: its accusers and accused, arrows
 * between them, a badge for a party without territory) at 800x480,
 * 1920x1080 and portrait 1080x1920, in English and in Chinese, and the
 * high-contrast map. What a museum visitor sees: each was looked at.
 *
 * ROSTRUM_UPDATE_REFERENCES=1 writes the references (tests/reference/
 * map_*.png); ROSTRUM_PICTURES_SIZE=800x480 draws only that size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "pictures.h"
#include "render.h"
#include "session.h"
#include "text.h"

static void expect_map(const char *prefix, const char *route)
{
    static const struct {
        const char *suffix;
        int width, height;
        rs_ui_language language;
    } shots[] = {
        {"800x480", 800, 480, RS_UI_EN},    {"1920x1080", 1920, 1080, RS_UI_EN},    {"1080x1920", 1080, 1920, RS_UI_EN},
        {"zh_800x480", 800, 480, RS_UI_ZH}, {"zh_1920x1080", 1920, 1080, RS_UI_ZH}, {"zh_1080x1920", 1080, 1920, RS_UI_ZH},
    };
    for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s_%s", prefix, shots[i].suffix);
        rs_app_options options = viewer_options(corpus, shots[i].width, shots[i].height);
        options.route = route;
        options.language = (int)shots[i].language;
        expect_screen_options(name, &options);
    }
}

static void test_world_map(void **state)
{
    (void)state;
    expect_map("map_world", "map");
}

static void test_incident_map(void **state)
{
    (void)state;
    expect_map("map_exchange", "map/microsoft-exchange-server-hack-2021");
}

/* --high-contrast: classes as hatching, an incident's sides as patterns
 * and outlines. */
static void test_high_contrast_maps(void **state)
{
    (void)state;
    rs_app_options options = viewer_options(corpus, 800, 480);
    options.route = "map";
    options.high_contrast = true;
    expect_screen_options("map_world_high_contrast_800x480", &options);
    options.route = "map/microsoft-exchange-server-hack-2021";
    expect_screen_options("map_exchange_high_contrast_800x480", &options);
}

/* ---- the kept layer draws what drawing it whole draws ---- */

/* One renderer on a canvas, with its own text cache (which holds its kept
 * layer: rs_text_attach). */
typedef struct canvas {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    rs_text *text;
    SDL_Texture *turned; /* drawn into first, as app.c does for a turned screen; NULL: onto the surface */
    uint32_t *read;      /* the turned texture's pixels, read back */
} canvas;

static void canvas_open(canvas *c, int width, int height)
{
    char error[512];
    rs_theme theme = rs_theme_for(width, height);
    if (!c->text)
        c->text = rs_text_create(FONTS, &theme, error, sizeof error);
    c->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->text);
    assert_non_null(c->surface);
    c->renderer = SDL_CreateSoftwareRenderer(c->surface);
    assert_non_null(c->renderer);
}

/* Frames drawn into a target texture first (app.c draw_frame's turned
 * screen): the kept layer's texture is a second target between. */
static void canvas_turn(canvas *c, int width, int height)
{
    c->turned = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, width, height);
    c->read = calloc((size_t)width * (size_t)height, 4);
    assert_non_null(c->turned);
    assert_non_null(c->read);
}

/* Renders list onto c; the rows of pixels drawn, and their pitch. */
static const uint32_t *canvas_render(canvas *c, const rs_draw_list *list, rs_color background, int *pitch)
{
    if (c->turned)
        SDL_SetRenderTarget(c->renderer, c->turned);
    rs_render(c->renderer, c->text, list, background);
    SDL_RenderFlush(c->renderer);
    if (!c->turned) {
        *pitch = c->surface->pitch;
        return c->surface->pixels;
    }
    *pitch = c->surface->w * 4;
    assert_int_equal(SDL_RenderReadPixels(c->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, c->read, *pitch), 0);
    SDL_SetRenderTarget(c->renderer, NULL);
    return c->read;
}

/* The renderer goes; the text cache (and the layer on it) first. */
static void canvas_close(canvas *c, bool keep_text)
{
    rs_text_drop_textures(c->text);
    if (c->turned)
        SDL_DestroyTexture(c->turned);
    free(c->read);
    c->turned = NULL, c->read = NULL;
    SDL_DestroyRenderer(c->renderer);
    SDL_FreeSurface(c->surface);
    if (!keep_text) {
        rs_text_destroy(c->text);
        c->text = NULL;
    }
}

typedef struct pan_run {
    rs_session *session;
    rs_draw_list draw;
    canvas kept, whole;
    uint64_t clock;
    int width, height;
    size_t frames, moved; /* frames compared; of them, those whose layer was only moved */
} pan_run;

/* This frame drawn both ways, the kept layer's canvas first; their pixels
 * must be the same, to the last one. */
static void frame_both_ways(pan_run *r, const char *what)
{
    rs_session_tick(r->session, r->clock);
    rs_session_frame(r->session, r->clock, &r->draw);
    rs_color background = rs_session_theme(r->session)->background;
    int pitch_a, pitch_b;
    rs_render_keep_layers(true);
    const uint32_t *kept = canvas_render(&r->kept, &r->draw, background, &pitch_a);
    long drawn = rs_render_layer_drawn();
    rs_render_keep_layers(false);
    const uint32_t *whole = canvas_render(&r->whole, &r->draw, background, &pitch_b);
    assert_int_equal(rs_render_layer_drawn(), -1);
    rs_render_keep_layers(true);
    r->frames++;
    if (drawn >= 0 && drawn < (long)r->width * r->height / 4)
        r->moved++;
    for (int y = 0; y < r->height; y++) {
        const uint32_t *pa = (const uint32_t *)((const char *)kept + (size_t)y * (size_t)pitch_a);
        const uint32_t *pb = (const uint32_t *)((const char *)whole + (size_t)y * (size_t)pitch_b);
        if (memcmp(pa, pb, (size_t)r->width * 4) == 0)
            continue;
        int x = 0;
        while (pa[x] == pb[x])
            x++;
        fail_msg("%s, frame %zu: px (%d, %d) is %08x with the layer kept, %08x drawn whole", what, r->frames, x, y,
                 pa[x], pb[x]);
    }
}

/* A drag from (x0, y0) to (x1, y1) in 6 moves, let go moving (a fling),
 * then the fling's frames until it stops. */
static void drag(pan_run *r, const char *what, float x0, float y0, float x1, float y1)
{
    rs_session_pointer(r->session, RS_POINTER_DOWN, x0, y0, r->clock);
    for (int k = 1; k <= 6; k++) {
        r->clock += 16;
        float f = (float)k / 6.0f;
        rs_session_pointer(r->session, RS_POINTER_MOVE, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, r->clock);
        frame_both_ways(r, what);
    }
    rs_session_pointer(r->session, RS_POINTER_UP, x1, y1, r->clock);
    for (int k = 0; k < 40; k++) {
        r->clock += 16;
        frame_both_ways(r, what);
        if (rs_session_timeout(r->session, r->clock) < 0)
            break;
    }
}

/* Drags in the four directions and across, far and near. */
static void drags(pan_run *r, const char *what)
{
    float w = (float)r->width, h = (float)r->height;
    static const float moves[][4] = {{0.75f, 0.5f, 0.25f, 0.5f}, {0.25f, 0.5f, 0.75f, 0.5f}, {0.5f, 0.75f, 0.5f, 0.35f},
                                      {0.5f, 0.35f, 0.5f, 0.75f}, {0.2f, 0.8f, 0.8f, 0.3f},  {0.6f, 0.5f, 0.58f, 0.52f}};
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        drag(r, what, moves[i][0] * w, moves[i][1] * h, moves[i][2] * w, moves[i][3] * h);
}

static void resize_run(pan_run *r, int width, int height, bool turned)
{
    canvas_close(&r->kept, true), canvas_close(&r->whole, true);
    r->width = width, r->height = height;
    canvas_open(&r->kept, width, height), canvas_open(&r->whole, width, height);
    if (turned)
        canvas_turn(&r->kept, width, height), canvas_turn(&r->whole, width, height);
    rs_session_resize(r->session, width, height);
}

/* route's map panned, zoomed, pinched, turned high-contrast, in another
 * language, at another size and drawn into a target texture (a turned
 * screen), every frame drawn both ways. */
static void pan_both_ways(const char *route)
{
    char error[512];
    rs_bundle *bundle = rs_bundle_open(corpus, error, sizeof error);
    assert_non_null(bundle);
    pan_run r = {.clock = 1000, .width = 800, .height = 480};
    canvas_open(&r.kept, r.width, r.height), canvas_open(&r.whole, r.width, r.height);
    r.session = rs_session_create(bundle, rs_text_measurer(r.kept.text), r.width, r.height);
    assert_int_equal(rs_session_open(r.session, route, error, sizeof error), 0);
    frame_both_ways(&r, "the first frame");
    drags(&r, "panned");
    for (int step = 0; step < 4; step++) {
        r.clock += 16;
        rs_session_key(r.session, RS_KEY_ZOOM_IN, r.clock);
        frame_both_ways(&r, "a zoom step");
        drags(&r, "zoomed in and panned");
    }
    /* A pinch (its frames scale the rows: the layer is not kept), then
     * the crisp frame and pans after it. */
    float cx = (float)r.width / 2, cy = (float)r.height / 2;
    rs_session_finger(r.session, 1, RS_POINTER_DOWN, cx - 40, cy, r.clock);
    rs_session_finger(r.session, 2, RS_POINTER_DOWN, cx + 40, cy, r.clock);
    for (int k = 1; k <= 8; k++) {
        r.clock += 16;
        rs_session_finger(r.session, 2, RS_POINTER_MOVE, cx + 40 - 3.0f * (float)k, cy, r.clock);
        rs_session_finger(r.session, 1, RS_POINTER_MOVE, cx - 40 + 3.0f * (float)k, cy, r.clock);
        frame_both_ways(&r, "pinched");
    }
    r.clock += 100;
    rs_session_finger(r.session, 1, RS_POINTER_UP, cx - 16, cy, r.clock);
    rs_session_finger(r.session, 2, RS_POINTER_UP, cx + 16, cy, r.clock);
    r.clock += 16;
    frame_both_ways(&r, "after the pinch");
    drags(&r, "panned after the pinch");
    rs_session_set_look(r.session, 1.0f, true);
    frame_both_ways(&r, "high contrast");
    drags(&r, "panned in high contrast");
    rs_session_set_look(r.session, 1.0f, false);
    rs_session_set_language(r.session, RS_UI_ZH);
    frame_both_ways(&r, "in Chinese");
    drags(&r, "panned in Chinese");
    rs_session_set_language(r.session, RS_UI_EN);
    resize_run(&r, 1080, 1920, false);
    frame_both_ways(&r, "at 1080x1920");
    drags(&r, "panned at 1080x1920");
    resize_run(&r, 480, 800, true);
    frame_both_ways(&r, "turned");
    drags(&r, "panned, turned");
    /* Every frame was the same both ways, and most kept the layer and
     * drew only the strips a pan uncovered. */
    assert_true(r.frames > 400);
    assert_true(r.moved > r.frames / 2);
    rs_session_destroy(r.session);
    rs_draw_free(&r.draw);
    canvas_close(&r.kept, false), canvas_close(&r.whole, false);
    rs_bundle_close(bundle);
}

static void test_kept_layer_world(void **state)
{
    (void)state;
    pan_both_ways("map");
}

static void test_kept_layer_incident(void **state)
{
    (void)state;
    pan_both_ways("map/microsoft-exchange-server-hack-2021");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_world_map),
        cmocka_unit_test(test_incident_map),
        cmocka_unit_test(test_high_contrast_maps),
        cmocka_unit_test(test_kept_layer_world),
        cmocka_unit_test(test_kept_layer_incident),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
