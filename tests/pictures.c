/*
 * The picture tests' shared harness (test_pictures*.c): the bundles the
 * pictures are drawn from, the viewer run headless in this process, and the
 * comparison with a reference in tests/reference/ (see test_pictures.c for
 * how references are checked and regenerated).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder.h"
#include "expect.h"
#include "i18n.h"
#include "image.h"
#include "pictures.h"
#include "support.h"


char *scratch, *corpus, *languages, *mini, *long_title, *thread_fixture;
char out_dir[1024];
/* The settings a picture is drawn with: the program reads no settings file
 * for --screenshot and --script unless given --config, so the defaults. */
rs_config defaults;
/* ROSTRUM_PICTURES_SIZE: only pictures of this window size (0: all). */
static int only_width, only_height;
static char left_out[4096];
static size_t left_out_count;

char *build_bundle(const char *source, const char *name)
{
    char *path = support_path(scratch, name);
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = source, .output_path = path, .build_time = 1626739200};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_print(diags, stderr);
    rs_diags_destroy(diags);
    assert_true(ok);
    return path;
}

int pictures_setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    corpus = build_bundle(ROSTRUM_SOURCE_DIR "/db/corpus", "corpus.sqlite");
    languages = build_bundle(ROSTRUM_FIXTURES "/sources/languages", "languages.sqlite");
    mini = build_bundle(ROSTRUM_FIXTURES "/sources/mini", "mini.sqlite");
    long_title = build_bundle(ROSTRUM_FIXTURES "/sources/long-title", "long-title.sqlite");
    thread_fixture = build_bundle(ROSTRUM_FIXTURES "/sources/thread", "thread.sqlite");
    snprintf(out_dir, sizeof out_dir, "%s", ROSTRUM_SCREENS_OUT);
    mkdir(out_dir, 0755);
    rs_config_defaults(&defaults);
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    const char *only = getenv("ROSTRUM_PICTURES_SIZE");
    if (only && *only && sscanf(only, "%dx%d", &only_width, &only_height) != 2) {
        fprintf(stderr, "ROSTRUM_PICTURES_SIZE takes WIDTHxHEIGHT (got '%s')\n", only);
        return -1;
    }
    return 0;
}

int pictures_teardown(void **state)
{
    (void)state;
    /* Said on a line of its own with " skipped: " in it: tests/arm/run.sh
     * lists such lines, so that nothing is left out silently. */
    if (left_out_count)
        printf("pictures: %zu at other sizes than %dx%d skipped: ROSTRUM_PICTURES_SIZE is set (%s)\n",
               left_out_count, only_width, only_height, left_out);
    support_remove_tree(scratch);
    free(scratch), free(corpus), free(languages), free(mini), free(long_title), free(thread_fixture);
    return 0;
}

/* Whether the files at a and b both exist and hold the same bytes. */
static bool same_bytes(const char *a, const char *b)
{
    size_t a_size, b_size;
    char *a_data = support_read_file(a, &a_size), *b_data = support_read_file(b, &b_size);
    bool same = a_data && b_data && a_size == b_size && memcmp(a_data, b_data, a_size) == 0;
    free(a_data), free(b_data);
    return same;
}

/* Compares actual.png with the reference NAME.png. Pixels differing by more
 * than 40 in a channel count; up to 0.1% of them are allowed (anti-aliasing
 * noise), nothing more. ROSTRUM_PICTURES_EXACT=1 allows no difference at
 * all: the proof that a refactoring changed no pixel. */
void compare_with_reference(const char *name, const char *actual_path)
{
    const char *exact_env = getenv("ROSTRUM_PICTURES_EXACT");
    bool exact = exact_env && strcmp(exact_env, "1") == 0;
    int channel_tolerance = exact ? 0 : 40;
    char reference[1024], actual_copy[2048], diff_path[2048];
    snprintf(reference, sizeof reference, "%s/%s.png", REFERENCES, name);
    snprintf(actual_copy, sizeof actual_copy, "%s/%s_actual.png", out_dir, name);
    snprintf(diff_path, sizeof diff_path, "%s/%s_diff.png", out_dir, name);
    const char *update = getenv("ROSTRUM_UPDATE_REFERENCES");
    bool updating = update && strcmp(update, "1") == 0;
    /* The same bytes are the same pixels: nothing to decode (half the work
     * here, and most of it under qemu). */
    if (!updating && same_bytes(actual_path, reference))
        return;
    uint8_t *got = NULL, *want = NULL;
    int gw, gh, ww, wh;
    assert_true(rs_image_read_png(actual_path, &got, &gw, &gh));

    if (updating) {
        assert_true(rs_image_write_png(reference, got, gw, gh, gw * 4));
        fprintf(stderr, "updated reference %s\n", reference);
        free(got);
        return;
    }
    if (!rs_image_read_png(reference, &want, &ww, &wh)) {
        rs_image_write_png(actual_copy, got, gw, gh, gw * 4);
        free(got);
        fail_msg("%s: no reference image %s (see %s; ROSTRUM_UPDATE_REFERENCES=1 creates it)", name, reference,
                 actual_copy);
    }
    if (gw != ww || gh != wh) {
        rs_image_write_png(actual_copy, got, gw, gh, gw * 4);
        free(got), free(want);
        fail_msg("%s: size %dx%d, reference %dx%d", name, gw, gh, ww, wh);
    }
    size_t pixels = (size_t)gw * (size_t)gh, differing = 0;
    uint8_t *diff = rs_xmalloc(pixels * 4);
    for (size_t i = 0; i < pixels; i++) {
        int worst = 0;
        for (size_t c = 0; c < 4; c++) {
            int d = abs((int)got[i * 4 + c] - (int)want[i * 4 + c]);
            if (d > worst)
                worst = d;
        }
        bool differs = worst > channel_tolerance;
        differing += differs;
        uint8_t grey = (uint8_t)(want[i * 4] / 3 + 160);
        diff[i * 4 + 0] = differs ? 255 : grey;
        diff[i * 4 + 1] = differs ? 0 : grey;
        diff[i * 4 + 2] = differs ? 0 : grey;
        diff[i * 4 + 3] = 255;
    }
    if (differing * 1000 > pixels || (exact && differing)) {
        rs_image_write_png(actual_copy, got, gw, gh, gw * 4);
        rs_image_write_png(diff_path, diff, gw, gh, gw * 4);
        free(got), free(want), free(diff);
        fail_msg("%s: %zu of %zu pixels differ from the reference; see %s and %s", name, differing, pixels,
                 actual_copy, diff_path);
    }
    free(got), free(want), free(diff);
}

/* Whether pictures of a width x height window are drawn in this run; if
 * not, name is added to those left out. */
bool wanted(const char *name, int width, int height)
{
    if (!only_width || (width == only_width && height == only_height))
        return true;
    size_t used = strlen(left_out);
    snprintf(left_out + used, sizeof left_out - used, "%s%s", used ? ", " : "", name);
    left_out_count++;
    return false;
}

/* The options `rostrum BUNDLE --size WxH` starts with, before its other
 * flags: the defaults' settings, the source tree's fonts. */
rs_app_options viewer_options(const char *bundle, int width, int height)
{
    rs_ui_language language = RS_UI_EN;
    rs_i18n_parse(defaults.language, &language);
    return (rs_app_options){.bundle_path = bundle,
                            .width = width,
                            .height = height,
                            .fullscreen = defaults.fullscreen,
                            .kiosk = defaults.kiosk,
                            .software = defaults.software_renderer,
                            .rotation = defaults.rotation,
                            .high_contrast = defaults.theme == RS_CONFIG_THEME_HIGH_CONTRAST,
                            .font_dir = FONTS,
                            .language = (int)language,
                            .config = &defaults};
}

/* Runs the viewer in this process as a fresh program would (English until
 * the session says otherwise); with dir, inside dir (bundles and scripts
 * named relative to it). Returns its exit status. */
int run_viewer_in(const char *dir, const rs_app_options *options)
{
    char cwd[4096];
    if (dir) {
        assert_non_null(getcwd(cwd, sizeof cwd));
        assert_int_equal(chdir(dir), 0);
    }
    rs_i18n_set(RS_UI_EN);
    int status = rs_app_run(options);
    if (dir)
        assert_int_equal(chdir(cwd), 0);
    return status;
}

int run_viewer(const rs_app_options *options)
{
    return run_viewer_in(NULL, options);
}

/* As run_viewer_in, with what the viewer writes to stderr in *output
 * (caller frees). It goes through a file in the output folder, where it
 * stays if the run ends this process (a sanitizer's report included). */
int run_viewer_capturing(const char *dir, const rs_app_options *options, char **output)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/stderr.txt", out_dir);
    fflush(stderr);
    int saved = dup(2), file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(saved >= 0 && file >= 0);
    assert_true(dup2(file, 2) == 2);
    close(file);
    int status = run_viewer_in(dir, options);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    *output = support_read_file(path, NULL);
    assert_non_null(*output);
    unlink(path);
    return status;
}

/* Draws a script's pictures: runs the viewer on script (text) in a
 * width x height window; returns its exit status. */
int run_script(const char *file, const char *script, rs_app_options *options)
{
    support_write_text(scratch, file, script);
    char *path = support_path(scratch, file);
    options->script = path;
    int status = run_viewer(options);
    free(path);
    return status;
}

void expect_screen_options(const char *name, rs_app_options *options)
{
    if (!wanted(name, options->width, options->height))
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", scratch, name);
    options->screenshot = path;
    int status = run_viewer(options);
    if (status != 0)
        fail_msg("%s: exit %d (its messages are above)", name, status);
    compare_with_reference(name, path);
}

/* The picture of route at width x height. */
void expect_screen(const char *name, const char *bundle, const char *route, int width, int height)
{
    rs_app_options options = viewer_options(bundle, width, height);
    options.route = route;
    expect_screen_options(name, &options);
}

/* The same in the UI language given (--language). */
void expect_screen_in(const char *name, const char *bundle, const char *route, rs_ui_language language)
{
    rs_app_options options = viewer_options(bundle, 800, 480);
    options.route = route;
    options.language = (int)language;
    expect_screen_options(name, &options);
}

