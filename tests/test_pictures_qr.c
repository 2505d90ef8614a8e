/*
 * Pictures of "Take it home" (issue 16), drawn by the viewer: the reader
 * scrolled to the QR code of its statement's source and its citation, at
 * 800x480, 1920x1080 and portrait 480x800, in English and mirrored in
 * Arabic, in the high-contrast theme, and the code shown larger; and an
 * incident's unfolded event's code, small and larger. Each
 * screenshot is read back by a real QR reader, zbarimg (Debian
 * zbar-tools), which must decode exactly the statement's url: the code is
 * drawn so that a phone can read it, in every orientation and language.
 * A statement without url has no code: no module, nothing decoded.
 *
 * ROSTRUM_UPDATE_REFERENCES=1 writes the references (tests/reference/
 * qr_*.png); ROSTRUM_PICTURES_SIZE=800x480 draws only that size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "image.h"
#include "pictures.h"

#define XINHUA_ROUTE "statements/xinhua-2021-07-20-embassy-exchange-accusation"
#define XINHUA_URL "http://www.xinhuanet.com/english/2021-07/20/c_1310072834.htm"
#define EMBASSY_ROUTE "statements/embassy-2020-covid-19-research-remarks"
#define EMBASSY_URL "http://www.chinese-embassy.org.uk/eng/PressandMedia/Spokepersons/t1800001.htm"
#define NO_URL_ROUTE "statements/mfa-2021-uk-smear-state-sponsored-hackers"

/* What zbarimg reads in the picture at path: its symbols' data, one a
 * line, without the last newline ("" when it finds none). */
static char *decode(const char *path)
{
    char command[2048];
    /* Its messages apart (ImageMagick's about a missing D-Bus, say): only
     * what it decoded is on stdout. */
    snprintf(command, sizeof command, "'%s' --raw -q '%s' 2>'%s/zbarimg.err'", ROSTRUM_ZBARIMG, path, scratch);
    FILE *p = popen(command, "r");
    assert_non_null(p);
    static char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = '\0';
    int status = pclose(p);
    /* zbarimg: 0 found, 4 nothing found; anything else is an error. */
    if (status != 0 && WEXITSTATUS(status) != 4)
        fail_msg("%s failed (%d): %s (its messages: %s/zbarimg.err)", command, status, text, scratch);
    if (n && text[n - 1] == '\n')
        text[n - 1] = '\0';
    return text;
}

/* The box of pure black pixels in the picture at path (the code's modules:
 * the default theme's text is #1A1A1A); w 0 when there is none. */
static void black_box(const char *path, int *x, int *y, int *w, int *h)
{
    uint8_t *rgba = NULL;
    int width, height;
    assert_true(rs_image_read_png(path, &rgba, &width, &height));
    int x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (int j = 0; j < height; j++)
        for (int i = 0; i < width; i++) {
            const uint8_t *p = rgba + ((size_t)j * (size_t)width + (size_t)i) * 4;
            if (p[0] == 0 && p[1] == 0 && p[2] == 0) {
                x0 = i < x0 ? i : x0, x1 = i > x1 ? i : x1;
                y0 = j < y0 ? j : y0, y1 = j > y1 ? j : y1;
            }
        }
    free(rgba);
    *x = x0, *y = y0, *w = x1 >= x0 ? x1 - x0 + 1 : 0, *h = y1 >= y0 ? y1 - y0 + 1 : 0;
}

/* The reader of route, scrolled to its end (where the code is), with
 * after (script lines, may be "") run before the shot at path. */
static void shoot(const char *path, rs_app_options *options, const char *route, const char *after)
{
    char script[4096];
    size_t n = (size_t)snprintf(script, sizeof script, "wait 300\n");
    for (int i = 0; i < 14; i++)
        n += (size_t)snprintf(script + n, sizeof script - n, "key PageDown\nwait 700\n");
    snprintf(script + n, sizeof script - n, "wait 1500\n%sshot %s\nquit\n", after, path);
    options->route = route;
    int status = run_script("qr_script.txt", script, options);
    if (status != 0)
        fail_msg("exit %d (its messages are above)", status);
}

/* The reader's code at one size and language: decoded to url, then
 * compared with its reference picture qr_NAME. */
static void expect_code(const char *name, const char *route, const char *url, int width, int height,
                        rs_ui_language language, bool high_contrast)
{
    if (!wanted(name, width, height))
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", scratch, name);
    rs_app_options options = viewer_options(corpus, width, height);
    options.language = (int)language;
    options.high_contrast = high_contrast;
    shoot(path, &options, route, "");
    assert_string_equal(decode(path), url);
    compare_with_reference(name, path);
}

static void test_reader_code(void **state)
{
    (void)state;
    expect_code("qr_reader_800x480", XINHUA_ROUTE, XINHUA_URL, 800, 480, RS_UI_EN, false);
    expect_code("qr_reader_480x800", XINHUA_ROUTE, XINHUA_URL, 480, 800, RS_UI_EN, false);
    expect_code("qr_reader_1920x1080", EMBASSY_ROUTE, EMBASSY_URL, 1920, 1080, RS_UI_EN, false);
}

/* Mirrored: the code stands on the right, the citation on its left, and
 * the code is not turned round (it still decodes). */
static void test_reader_code_arabic(void **state)
{
    (void)state;
    expect_code("qr_reader_ar_800x480", XINHUA_ROUTE, XINHUA_URL, 800, 480, RS_UI_AR, false);
    expect_code("qr_reader_ar_480x800", EMBASSY_ROUTE, EMBASSY_URL, 480, 800, RS_UI_AR, false);
    expect_code("qr_reader_ar_1920x1080", XINHUA_ROUTE, XINHUA_URL, 1920, 1080, RS_UI_AR, false);
}

/* Black on white in the high-contrast theme too. */
static void test_high_contrast(void **state)
{
    (void)state;
    expect_code("qr_high_contrast_800x480", XINHUA_ROUTE, XINHUA_URL, 800, 480, RS_UI_EN, true);
}

/* No url: no code drawn, nothing for a reader to find. */
static void test_no_url(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {480, 800}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        if (!wanted("qr_none", sizes[i][0], sizes[i][1]))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/qr_none_%dx%d.png", scratch, sizes[i][0], sizes[i][1]);
        rs_app_options options = viewer_options(corpus, sizes[i][0], sizes[i][1]);
        shoot(path, &options, NO_URL_ROUTE, "");
        int x, y, w, h;
        black_box(path, &x, &y, &w, &h);
        assert_int_equal(w, 0);
        assert_string_equal(decode(path), "");
    }
}

/* A tap on the code shows it larger, centred, filling most of the short
 * side; it decodes; any tap closes it (the reader with its code again). */
static void test_larger(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {480, 800}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        int width = sizes[i][0], height = sizes[i][1];
        char name[64];
        snprintf(name, sizeof name, "qr_larger_%dx%d", width, height);
        if (!wanted(name, width, height))
            continue;
        char first[1024], path[1024], closed[1024], tapped[1024], after[4096];
        snprintf(first, sizeof first, "%s/qr_small_%dx%d.png", scratch, width, height);
        rs_app_options options = viewer_options(corpus, width, height);
        shoot(first, &options, XINHUA_ROUTE, "");
        int x, y, w, h;
        black_box(first, &x, &y, &w, &h);
        assert_true(w > 0 && w == h);

        snprintf(path, sizeof path, "%s/%s.png", scratch, name);
        snprintf(closed, sizeof closed, "%s/qr_closed_%dx%d.png", scratch, width, height);
        snprintf(tapped, sizeof tapped, "%s/qr_tapped_%dx%d.png", scratch, width, height);
        /* Opened by a tap, closed by a tap anywhere; opened again, closed
         * by Back (Escape), which goes no further back than the code. */
        snprintf(after, sizeof after,
                 "tap %d %d\nwait 500\nshot %s\ntap 10 %d\nwait 500\nshot %s\ntap %d %d\nwait 500\nkey Escape\n"
                 "wait 500\n",
                 x + w / 2, y + h / 2, path, height - 10, tapped, x + w / 2, y + h / 2);
        options = viewer_options(corpus, width, height);
        shoot(closed, &options, XINHUA_ROUTE, after);
        assert_string_equal(decode(path), XINHUA_URL);
        int lx, ly, lw, lh;
        black_box(path, &lx, &ly, &lw, &lh);
        int short_side = width < height ? width : height;
        assert_true(lw == lh);
        assert_true(lw * 100 >= short_side * 60); /* the modules alone: 33 of the code's 41 a side */
        assert_true(abs(lx + lw / 2 - width / 2) <= 1);
        compare_with_reference(name, path);
        /* Closed by a tap, and by Back: the reader as before. */
        const char *after_close[] = {tapped, closed};
        for (int k = 0; k < 2; k++) {
            int cx, cy, cw, ch;
            black_box(after_close[k], &cx, &cy, &cw, &ch);
            assert_int_equal(cx, x);
            assert_int_equal(cy, y);
            assert_int_equal(cw, w);
            assert_string_equal(decode(after_close[k]), XINHUA_URL);
        }
    }
}

/* An incident's thread: the unfolded event's code decodes to its source,
 * and shown larger too (the thread fixture's attribution, unfolded by
 * keys as test_pictures.c's thread_unfolded_800x480 shows it). */
static void test_thread(void **state)
{
    (void)state;
    if (!wanted("qr_thread", 800, 480))
        return;
    char small[1024], large[1024], script[4096];
    snprintf(small, sizeof small, "%s/qr_thread_800x480.png", scratch);
    snprintf(large, sizeof large, "%s/qr_thread_larger_800x480.png", scratch);
    const char *keys = "key Down\nkey Down\nkey Down\nkey Down\nkey Return\nwait 400\n";
    snprintf(script, sizeof script, "%sshot %s\nquit\n", keys, small);
    rs_app_options options = viewer_options(thread_fixture, 800, 480);
    options.route = "incidents/exchange-hack";
    assert_int_equal(run_script("qr_thread.txt", script, &options), 0);
    assert_string_equal(decode(small), "https://example.org/attribution");
    int x, y, w, h;
    black_box(small, &x, &y, &w, &h);
    assert_true(w > 0 && w == h);
    snprintf(script, sizeof script, "%stap %d %d\nwait 300\nshot %s\nquit\n", keys, x + w / 2, y + h / 2, large);
    options = viewer_options(thread_fixture, 800, 480);
    options.route = "incidents/exchange-hack";
    assert_int_equal(run_script("qr_thread.txt", script, &options), 0);
    assert_string_equal(decode(large), "https://example.org/attribution");
    int lx, ly, lw, lh;
    black_box(large, &lx, &ly, &lw, &lh);
    assert_true(lw > 2 * w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_code),   cmocka_unit_test(test_reader_code_arabic),
        cmocka_unit_test(test_high_contrast), cmocka_unit_test(test_no_url),
        cmocka_unit_test(test_larger),        cmocka_unit_test(test_thread),
    };
    return cmocka_run_group_tests(tests, pictures_setup, pictures_teardown);
}
