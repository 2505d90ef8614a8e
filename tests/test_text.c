/*
 * Text (app/text.c) with the real fonts, without a window: the fonts
 * folder's problems named exactly, special files refused before they are
 * read, and the text-size finding of the monkey soak (A+ must wrap with
 * the new size's fonts).
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include <SDL.h>

#include "session.h"
#include "support.h"
#include "text.h"

#define FONTS ROSTRUM_SOURCE_DIR "/assets/fonts"

static const char *const font_names[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf"};

/* A fonts folder with links to the real fonts, but `name` replaced by what
 * make_it makes (NULL: left out). Caller removes and frees it. */
static char *fonts_with(const char *name, void (*make_it)(const char *path))
{
    char *dir = support_temp_dir();
    for (size_t i = 0; i < sizeof font_names / sizeof *font_names; i++) {
        char *path = support_path(dir, font_names[i]);
        char target[512];
        snprintf(target, sizeof target, "%s/%s", FONTS, font_names[i]);
        if (strcmp(font_names[i], name) != 0)
            assert_int_equal(symlink(target, path), 0);
        else if (make_it)
            make_it(path);
        free(path);
    }
    return dir;
}

static void make_fifo(const char *path)
{
    assert_int_equal(mkfifo(path, 0600), 0);
}

static void make_folder(const char *path)
{
    assert_int_equal(mkdir(path, 0700), 0);
}

static void make_tiny(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("ttf", f);
    fclose(f);
}

static void make_garbage(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 4096; i++)
        fputc(i * 7 % 251, f);
    fclose(f);
}

/* rs_text_create's error for a fonts folder where name is what make_it
 * made; the text is expected to fail. */
static void expect_font_error(const char *name, void (*make_it)(const char *path), const char *problem)
{
    char *dir = fonts_with(name, make_it);
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024], expected[1024];
    rs_text *text = rs_text_create(dir, &theme, error, sizeof error);
    assert_null(text);
    snprintf(expected, sizeof expected, "Cannot open the font %s/%s: %s. Reinstall Rostrum.", dir, name, problem);
    assert_string_equal(error, expected);
    support_remove_tree(dir);
    free(dir);
}

static void test_a_missing_font_is_named(void **state)
{
    (void)state;
    expect_font_error("DejaVuSans.ttf", NULL, "No such file or directory");
    expect_font_error("DejaVuSans-Bold.ttf", NULL, "No such file or directory");
}

/* The first `keep` bytes of the real font `name`, as a file at path. */
static void copy_cut(const char *name, const char *path, size_t keep)
{
    char source[512];
    snprintf(source, sizeof source, "%s/%s", FONTS, name);
    FILE *in = fopen(source, "rb"), *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    static char buffer[1 << 16];
    size_t n;
    while (keep > 0 && (n = fread(buffer, 1, keep < sizeof buffer ? keep : sizeof buffer, in)) > 0) {
        assert_int_equal(fwrite(buffer, 1, n, out), n);
        keep -= n;
    }
    fclose(in);
    fclose(out);
}

static void make_cut_fallback(const char *path)
{
    copy_cut("DroidSansFallbackFull.ttf", path, 2000000); /* about half of it */
}

static void make_cut_regular(const char *path)
{
    copy_cut("DejaVuSans.ttf", path, 300000);
}

static void make_fallback_as_regular(const char *path)
{
    copy_cut("DroidSansFallbackFull.ttf", path, (size_t)-1);
}

/* Without its CJK font the viewer still starts (in English, the app
 * decides) and says plainly what is missing: before, a missing fallback
 * stopped even an English kiosk, and one cut short drew every Chinese
 * label blank without a word. */
static void expect_fallback_problem(void (*make_it)(const char *path), const char *problem)
{
    char *dir = fonts_with("DroidSansFallbackFull.ttf", make_it);
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024], expected[1024];
    rs_text *text = rs_text_create(dir, &theme, error, sizeof error);
    assert_non_null(text);
    snprintf(expected, sizeof expected,
             "Cannot open the font %s/DroidSansFallbackFull.ttf: %s. Reinstall Rostrum. Chinese, Japanese and "
             "Korean text cannot be shown until it is.",
             dir, problem);
    assert_non_null(rs_text_fallback_problem(text));
    assert_string_equal(rs_text_fallback_problem(text), expected);
    /* Latin text is measured as ever; CJK asks for the fallback, which
     * stays failed (no crash, no retry on every string). */
    assert_true(rs_text_width(text, RS_STYLE_BODY, "Home", 4) > 0);
    rs_text_width(text, RS_STYLE_BODY, "\xe4\xb8\xad", 3);
    assert_string_equal(rs_text_fallback_problem(text), expected);
    rs_text_destroy(text);
    support_remove_tree(dir);
    free(dir);
}

static void test_a_missing_or_cut_cjk_font_is_named_and_not_fatal(void **state)
{
    (void)state;
    expect_fallback_problem(NULL, "No such file or directory");
    expect_fallback_problem(make_fifo, "not a regular file");
    expect_fallback_problem(make_cut_fallback,
                            "it is cut short: its 'GDEF' table ends at byte 3934424, the file has 2000000");
}

static void test_a_damaged_main_font_is_refused(void **state)
{
    (void)state;
    expect_font_error("DejaVuSans.ttf", make_cut_regular,
                      "it is cut short: its 'glyf' table ends at byte 614156, the file has 300000");
}

static void test_a_font_without_its_letters_is_refused(void **state)
{
    (void)state;
    char *dir = fonts_with("DejaVuSans.ttf", make_fallback_as_regular);
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024], expected[1024];
    assert_null(rs_text_create(dir, &theme, error, sizeof error));
    snprintf(expected, sizeof expected,
             "Cannot use the font %s/DejaVuSans.ttf: it has no glyph for U+0041, which it is there for. Reinstall "
             "Rostrum.",
             dir);
    assert_string_equal(error, expected);
    support_remove_tree(dir);
    free(dir);
}

static void test_special_files_are_refused_before_they_are_read(void **state)
{
    (void)state;
    /* A FIFO would block a read for ever: it is refused from its fstat. */
    expect_font_error("DejaVuSans.ttf", make_fifo, "not a regular file");
    expect_font_error("DejaVuSans.ttf", make_folder, "not a regular file");
    expect_font_error("DejaVuSans-Bold.ttf", make_tiny, "too short to be a font");
}

static void test_a_file_that_is_no_font_is_named(void **state)
{
    (void)state;
    char *dir = fonts_with("DejaVuSans.ttf", make_garbage);
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024];
    assert_null(rs_text_create(dir, &theme, error, sizeof error));
    /* FreeType's own words follow the path. */
    char start[1024];
    snprintf(start, sizeof start, "Cannot open the font %s/DejaVuSans.ttf: ", dir);
    assert_memory_equal(error, start, strlen(start));
    assert_non_null(strstr(error, ". Reinstall Rostrum."));
    support_remove_tree(dir);
    free(dir);
}

static void test_measuring_uses_each_script_s_font(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024];
    rs_text *text = rs_text_create(FONTS, &theme, error, sizeof error);
    assert_non_null(text);
    int latin = rs_text_width(text, RS_STYLE_BODY, "Home", 4);
    int cjk = rs_text_width(text, RS_STYLE_BODY, "\xe4\xb8\xad\xe6\x96\x87", 6); /* 中文, from the fallback */
    assert_true(latin > 0);
    /* Two ideographs are each about one em wide (24 px at 800x480). */
    assert_in_range(cjk, 2 * theme.font_px[RS_STYLE_BODY] - 4, 2 * theme.font_px[RS_STYLE_BODY] + 4);
    /* The same string measures the same once cached, and again after the
     * caches and fallback fonts are released. */
    assert_int_equal(rs_text_width(text, RS_STYLE_BODY, "\xe4\xb8\xad\xe6\x96\x87", 6), cjk);
    rs_text_release(text);
    assert_int_equal(rs_text_width(text, RS_STYLE_BODY, "\xe4\xb8\xad\xe6\x96\x87", 6), cjk);
    rs_text_destroy(text);
}

/* ---- drawing: right-to-left text, one line height ---- */

/* string drawn by the text's texture, black on white, into a new surface
 * as wide as the texture (its size in *w, *h). */
static SDL_Surface *drawn(rs_text *text, rs_text_style style, const char *string, int *w, int *h)
{
    SDL_Surface *canvas = SDL_CreateRGBSurfaceWithFormat(0, 2000, 200, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(canvas);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(canvas);
    assert_non_null(renderer);
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    SDL_Texture *texture = rs_text_texture(text, renderer, style, (rs_color){0, 0, 0, 255}, string, strlen(string),
                                           w, h);
    assert_non_null(texture);
    SDL_RenderCopy(renderer, texture, NULL, &(SDL_Rect){0, 0, *w, *h});
    SDL_RenderPresent(renderer);
    rs_text_drop_textures(text); /* they belong to this renderer */
    SDL_DestroyRenderer(renderer);
    return canvas;
}

static bool inked(const SDL_Surface *s, int x, int y)
{
    Uint32 pixel = ((const Uint32 *)s->pixels)[y * s->pitch / 4 + x];
    return (pixel & 0xFF) < 160;
}

/* The first and last inked columns of s within [0, w). */
static void ink_columns(const SDL_Surface *s, int w, int h, int *first, int *last)
{
    *first = -1, *last = -1;
    for (int x = 0; x < w; x++)
        for (int y = 0; y < h; y++)
            if (inked(s, x, y)) {
                if (*first < 0)
                    *first = x;
                *last = x;
                break;
            }
}

/* The top and bottom inked rows of s within columns [x0, x1). */
static void ink_rows(const SDL_Surface *s, int x0, int x1, int h, int *top, int *bottom)
{
    *top = -1, *bottom = -1;
    for (int y = 0; y < h; y++)
        for (int x = x0; x < x1; x++)
            if (inked(s, x, y)) {
                if (*top < 0)
                    *top = y;
                *bottom = y;
                break;
            }
}

/* Whether columns [0, columns) of a and b are the same pixels. */
static bool same_columns(const SDL_Surface *a, const SDL_Surface *b, int columns, int rows)
{
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < columns; x++)
            if (((const Uint32 *)a->pixels)[y * a->pitch / 4 + x] != ((const Uint32 *)b->pixels)[y * b->pitch / 4 + x])
                return false;
    return true;
}

/* Arabic letters join (HarfBuzz's Arabic shaper, chosen by the run's
 * script): four behs in a word are narrower than four alone, each in its
 * isolated form. And the width measured is the width drawn. */
static void test_arabic_letters_join_and_measure_as_drawn(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024];
    rs_text *text = rs_text_create(FONTS, &theme, error, sizeof error);
    assert_non_null(text);
    int one = rs_text_width(text, RS_STYLE_BODY, "ب", strlen("ب"));
    int joined = rs_text_width(text, RS_STYLE_BODY, "بببب", strlen("بببب"));
    int apart = rs_text_width(text, RS_STYLE_BODY, "ب ب ب ب", strlen("ب ب ب ب"));
    int space = rs_text_width(text, RS_STYLE_BODY, " ", 1);
    assert_true(one > 0);
    assert_true(joined < 4 * one - 8);
    assert_true(apart >= 4 * one + 3 * space - 3);
    const char *strings[] = {"قال وزير الخارجية اليوم", "قال Microsoft (مايكروسوفت) 2021", "Hello שלום 42"};
    for (size_t i = 0; i < 3; i++) {
        int w, h, first, last;
        int measured = rs_text_width(text, RS_STYLE_BODY, strings[i], strlen(strings[i]));
        SDL_Surface *s = drawn(text, RS_STYLE_BODY, strings[i], &w, &h);
        ink_columns(s, w, h, &first, &last);
        assert_in_range(first, 0, 4);
        assert_in_range(last, measured - 5, measured);
        SDL_FreeSurface(s);
    }
    rs_text_destroy(text);
}

/* A right-to-left string is drawn in visual order: in "قال Microsoft"
 * (Arabic first, so a right-to-left line) the English name stands at the
 * left, drawn exactly as it is alone; in "Microsoft قال" too. */
static void test_right_to_left_text_is_drawn_in_visual_order(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    char error[1024];
    rs_text *text = rs_text_create(FONTS, &theme, error, sizeof error);
    assert_non_null(text);
    int w, h, nw, nh;
    SDL_Surface *name = drawn(text, RS_STYLE_BODY, "Microsoft", &nw, &nh);
    int name_w = rs_text_width(text, RS_STYLE_BODY, "Microsoft", 9);
    SDL_Surface *rtl = drawn(text, RS_STYLE_BODY, "قال Microsoft", &w, &h);
    assert_true(same_columns(name, rtl, name_w - 1, nh));
    SDL_FreeSurface(rtl);
    SDL_Surface *ltr = drawn(text, RS_STYLE_BODY, "Microsoft قال", &w, &h);
    assert_true(same_columns(name, ltr, name_w - 1, nh));
    SDL_FreeSurface(ltr);
    /* Not so before: logical order put the Arabic word first. */
    SDL_Surface *arabic_first = drawn(text, RS_STYLE_BODY, "قال", &w, &h);
    int first, last;
    ink_columns(arabic_first, w, h, &first, &last);
    SDL_Surface *both = drawn(text, RS_STYLE_BODY, "قال Microsoft", &w, &h);
    int right_first, right_last;
    ink_columns(both, w, h, &right_first, &right_last);
    assert_true(right_last > name_w + (last - first)); /* the Arabic word ends the line on the right */
    SDL_FreeSurface(both);
    SDL_FreeSurface(arabic_first);
    SDL_FreeSurface(name);
    rs_text_destroy(text);
}

/* Found in Chinese readers: a line all in the CJK font was drawn in that
 * font's own box, with its baseline where that font has it, and a line
 * with a Latin digit in it on DejaVu's baseline: lines 78 px apart looked
 * 72 to 85 px apart. Every line of a style is now drawn in the main font's
 * box on its baseline, whichever fonts it uses. */
static void test_lines_of_any_fonts_share_one_height_and_baseline(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(1080, 1920);
    char error[1024];
    rs_text *text = rs_text_create(FONTS, &theme, error, sizeof error);
    assert_non_null(text);
    const char *lines[] = {"中文中文", "中文 2021", "中文 Hello", "قال قال", "שלום", "Hello"};
    int height = rs_text_height(text, RS_STYLE_BODY);
    int cjk_top = -1, cjk_bottom = -1;
    int latin_top = -1, latin_bottom = -1;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        int w, h, top, bottom;
        SDL_Surface *s = drawn(text, RS_STYLE_BODY, lines[i], &w, &h);
        /* Arabic and Hebrew reach deeper below the baseline: their
         * textures are taller, their baseline the same. */
        if (i == 3 || i == 4)
            assert_in_range(h, height, height + theme.font_px[RS_STYLE_BODY] / 2);
        else
            assert_int_equal(h, height);
        ink_rows(s, 0, theme.font_px[RS_STYLE_BODY], h, &top, &bottom); /* the first glyph */
        if (i < 3) { /* 中 at the start: the same rows in each */
            if (cjk_top < 0)
                cjk_top = top, cjk_bottom = bottom;
            assert_int_equal(top, cjk_top);
            assert_int_equal(bottom, cjk_bottom);
        }
        if (i == 5)
            latin_top = top, latin_bottom = bottom;
        SDL_FreeSurface(s);
    }
    /* "H" sits on the baseline; 中 reaches just below it. */
    assert_in_range(cjk_bottom, latin_bottom, latin_bottom + theme.font_px[RS_STYLE_BODY] / 6);
    assert_true(latin_top > 0);
    rs_text_destroy(text);
}

/* ---- the monkey's text-size finding ---- */

static void fonts_follow(void *context, const rs_theme *theme)
{
    char error[512];
    assert_true(rs_text_set_theme(context, theme, error, sizeof error));
}

/* The right edge of the widest line of text in a frame. */
static int widest_line(rs_session *s, rs_text *text, uint64_t now)
{
    rs_draw_list draw = {0};
    rs_session_frame(s, now, &draw);
    int right = 0;
    for (size_t i = 0; i < draw.count; i++) {
        const rs_draw_command *c = &draw.items[i];
        int r = c->kind == RS_DRAW_TEXT ? c->rect.x + rs_text_width(text, c->style, c->text, c->length) : 0;
        right = r > right ? r : right;
    }
    rs_draw_free(&draw);
    return right;
}

/* Found by the monkey soak: after A+ (a tap, or the keyboard's Enter, which
 * lays out at once to find the next focus) the reader was wrapped with the
 * previous size's fonts and drawn with the new ones: lines ran off the
 * window. The app's fonts follow each new theme (app.c fonts_follow). */
static void larger_text_stays_in_the_window(bool by_key)
{
    char error[1024];
    rs_bundle *b = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(b);
    rs_theme theme = rs_theme_for(800, 480);
    rs_text *text = rs_text_create(FONTS, &theme, error, sizeof error);
    assert_non_null(text);
    rs_session *s = rs_session_create(b, rs_text_measurer(text), 800, 480);
    rs_session_set_theme_listener(s, fonts_follow, text);
    assert_int_equal(rs_session_open(s, "statements/xinhua-2019-02-12-stop-tarnishing-china", error, sizeof error), 0);
    uint64_t now = 1000;
    int before = widest_line(s, text, now);
    bool found = false;
    if (by_key) {
        for (int i = 0; i < 100 && !found; i++) {
            rs_session_key(s, RS_KEY_NEXT, now);
            found = rs_session_focus(s).kind == RS_ACT_TEXT_LARGER;
        }
        rs_session_key(s, RS_KEY_ACTIVATE, now);
    } else {
        const rs_target_list *targets = rs_session_targets(s);
        for (size_t i = 0; i < targets->count && !found; i++) {
            const rs_rect *r = &targets->items[i].rect;
            if (targets->items[i].action.kind != RS_ACT_TEXT_LARGER)
                continue;
            float x = (float)(r->x + r->w / 2), y = (float)(r->y + r->h / 2);
            rs_session_pointer(s, RS_POINTER_DOWN, x, y, now);
            now += 50;
            rs_session_pointer(s, RS_POINTER_UP, x, y, now);
            found = true;
        }
    }
    assert_true(found);
    rs_session_tick(s, now);
    int after = widest_line(s, text, now);
    assert_in_range(before, 400, 800);
    assert_in_range(after, 400, 800);
    rs_session_destroy(s);
    rs_text_destroy(text);
    rs_bundle_close(b);
}

static void test_larger_text_by_a_tap_stays_in_the_window(void **state)
{
    (void)state;
    larger_text_stays_in_the_window(false);
}

static void test_larger_text_by_the_keyboard_stays_in_the_window(void **state)
{
    (void)state;
    larger_text_stays_in_the_window(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_missing_font_is_named),
        cmocka_unit_test(test_special_files_are_refused_before_they_are_read),
        cmocka_unit_test(test_a_file_that_is_no_font_is_named),
        cmocka_unit_test(test_a_missing_or_cut_cjk_font_is_named_and_not_fatal),
        cmocka_unit_test(test_a_damaged_main_font_is_refused),
        cmocka_unit_test(test_a_font_without_its_letters_is_refused),
        cmocka_unit_test(test_measuring_uses_each_script_s_font),
        cmocka_unit_test(test_arabic_letters_join_and_measure_as_drawn),
        cmocka_unit_test(test_right_to_left_text_is_drawn_in_visual_order),
        cmocka_unit_test(test_lines_of_any_fonts_share_one_height_and_baseline),
        cmocka_unit_test(test_larger_text_by_a_tap_stays_in_the_window),
        cmocka_unit_test(test_larger_text_by_the_keyboard_stays_in_the_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
