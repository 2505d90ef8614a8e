/* Pictures of the reader's Listen (issue 16): the Listen button, and the
 * reader while it reads, a sentence marked and the controls at the bottom.
 *
 * They are drawn in this process, as the viewer draws a --screenshot (a
 * software renderer on a surface, the source tree's fonts), with a fake
 * speaker that says nothing: the sentence marked is set by reporting it
 * (rs_session_speech_at), so the pictures do not depend on timing real
 * audio. Compared with tests/reference/listen_*.png as test_pictures.c's
 * are; ROSTRUM_UPDATE_REFERENCES=1 redraws them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "pictures.h"
#include "render.h"
#include "session.h"
#include "bundle.h"
#include "text.h"

static char *rtl_fixture;

static void say_nothing_read(void *context, const rs_utterance *utterance, size_t from, rs_speech_speed speed)
{
    (void)context, (void)utterance, (void)from, (void)speed;
}

static void say_nothing(void *context, const char *text, rs_ui_language language)
{
    (void)context, (void)text, (void)language;
}

static void pause_nothing(void *context, bool paused)
{
    (void)context, (void)paused;
}

static void stop_nothing(void *context)
{
    (void)context;
}

static const rs_speaker quiet = {NULL, say_nothing_read, say_nothing, pause_nothing, stop_nothing};

static void fonts_follow(void *context, const rs_theme *theme)
{
    char error[512];
    if (!rs_text_set_theme(context, theme, error, sizeof error))
        fail_msg("%s", error);
}

typedef struct picture {
    const char *name, *bundle, *route;
    int width, height;
    rs_ui_language language;
    bool high_contrast;
    int sentence; /* -1: Listen not pressed; else pressed and this sentence heard */
    bool paused;
} picture;

/* Taps the first target with this action, as a visitor would. */
static void tap(rs_session *s, rs_action_kind kind, uint64_t *now)
{
    rs_draw_list laid = {0};
    rs_session_frame(s, *now, &laid);
    rs_draw_free(&laid);
    const rs_target_list *targets = rs_session_targets(s);
    const rs_target *t = NULL;
    for (size_t i = 0; i < targets->count && !t; i++)
        if (targets->items[i].action.kind == kind)
            t = &targets->items[i];
    if (!t)
        fail_msg("no target %d on screen", kind);
    float x = (float)(t->rect.x + t->rect.w / 2), y = (float)(t->rect.y + t->rect.h / 2);
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, *now);
    *now += 48;
    rs_session_tick(s, *now);
    rs_session_pointer(s, RS_POINTER_UP, x, y, *now);
}

/* The session in the state p asks for, drawn as a PNG into path. */
static void draw(const picture *p, const char *path)
{
    SDL_Surface *canvas = SDL_CreateRGBSurfaceWithFormat(0, p->width, p->height, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(canvas);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(canvas);
    assert_non_null(renderer);
    rs_theme start = rs_theme_for(p->width, p->height);
    char error[512];
    rs_text *text = rs_text_create(FONTS, &start, error, sizeof error);
    if (!text)
        fail_msg("%s", error);
    rs_bundle *bundle = rs_bundle_open(p->bundle, error, sizeof error);
    if (!bundle)
        fail_msg("%s", error);
    rs_i18n_set(RS_UI_EN);
    rs_session *s = rs_session_create(bundle, rs_text_measurer(text), p->width, p->height);
    rs_session_set_theme_listener(s, fonts_follow, text);
    rs_session_set_language(s, p->language);
    float scale = (float)rs_config_effective_scale(&defaults, p->width, p->height);
    if (p->high_contrast || scale != 1.0f)
        rs_session_set_look(s, scale, p->high_contrast);
    rs_session_set_speaker(s, &quiet);
    assert_int_equal(rs_session_open(s, p->route, error, sizeof error), 0);
    uint64_t now = 1000;
    if (p->sentence >= 0) {
        tap(s, RS_ACT_LISTEN, &now);
        rs_session_speech_at(s, p->sentence, now);
        for (int i = 0; i < 40; i++) { /* the glide to the sentence (a finger would stop it) */
            now += 16;
            rs_session_tick(s, now);
        }
        if (p->paused)
            tap(s, RS_ACT_LISTEN_PAUSE, &now);
    }
    rs_draw_list list = {0};
    rs_session_frame(s, now, &list);
    rs_render(renderer, text, &list, rs_session_theme(s)->background);
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(canvas, SDL_PIXELFORMAT_ABGR8888, 0);
    assert_non_null(rgba);
    assert_true(rs_image_write_png(path, rgba->pixels, rgba->w, rgba->h, rgba->pitch));
    SDL_FreeSurface(rgba);
    rs_draw_free(&list);
    rs_session_destroy(s);
    rs_bundle_close(bundle);
    rs_text_destroy(text);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(canvas);
    rs_i18n_set(RS_UI_EN);
}

static void expect_picture(const picture *p)
{
    if (!wanted(p->name, p->width, p->height))
        return;
    char path[2048];
    snprintf(path, sizeof path, "%s/%s.png", out_dir, p->name);
    draw(p, path);
    compare_with_reference(p->name, path);
}

#define READER "statements/embassy-2021-07-20-exchange-accusation"

/* The Listen button beside A− and A+, at the three shapes of screen. */
static void test_listen_button(void **state)
{
    (void)state;
    const picture pictures[] = {
        {"listen_reader_800x480", corpus, READER, 800, 480, RS_UI_EN, false, -1, false},
        {"listen_reader_1920x1080", corpus, READER, 1920, 1080, RS_UI_EN, false, -1, false},
        {"listen_reader_480x800", corpus, READER, 480, 800, RS_UI_EN, false, -1, false},
    };
    for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++)
        expect_picture(&pictures[i]);
}

/* While it reads: a body sentence marked and kept in view, the controls
 * at the bottom; in English, Chinese and Arabic (mirrored), at the kiosk's
 * size and in portrait, and in high contrast. */
static void test_listen_reading(void **state)
{
    (void)state;
    const picture pictures[] = {
        {"listen_reading_800x480", corpus, READER, 800, 480, RS_UI_EN, false, 6, false},
        {"listen_reading_480x800", corpus, READER, 480, 800, RS_UI_EN, false, 6, false},
        {"listen_reading_1920x1080", corpus, READER, 1920, 1080, RS_UI_EN, false, 6, false},
        {"listen_reading_zh_800x480", languages, "statements/zh-test-statement", 800, 480, RS_UI_ZH, false, 4, false},
        {"listen_reading_ar_800x480", rtl_fixture, "statements/ar-test-statement", 800, 480, RS_UI_AR, false, 4,
         false},
        {"listen_reading_title_800x480", corpus, READER, 800, 480, RS_UI_EN, false, 0, false},
        {"listen_paused_800x480", corpus, READER, 800, 480, RS_UI_EN, false, 6, true},
        {"listen_reading_contrast_800x480", corpus, READER, 800, 480, RS_UI_EN, true, 6, false},
    };
    for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++)
        expect_picture(&pictures[i]);
}

/* The viewer itself (rs_app_run, --screenshot) with SDL's dummy audio
 * driver has a voice, so its reader has the Listen button: the same picture
 * as the one drawn here. Without the driver set, a screenshot has no voice
 * (the other pictures have no button). */
static void test_viewer_with_a_voice(void **state)
{
    (void)state;
    if (!wanted("listen_reader_800x480", 800, 480))
        return;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    expect_screen("listen_reader_800x480", corpus, READER, 800, 480);
    unsetenv("SDL_AUDIODRIVER");
}

static int setup(void **state)
{
    int status = pictures_setup(state);
    rtl_fixture = build_bundle(ROSTRUM_FIXTURES "/sources/rtl", "rtl.sqlite");
    return status;
}

static int teardown(void **state)
{
    free(rtl_fixture);
    return pictures_teardown(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_listen_button),
        cmocka_unit_test(test_listen_reading),
        cmocka_unit_test(test_viewer_with_a_voice),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
