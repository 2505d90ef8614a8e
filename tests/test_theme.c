/* Themes and rotation: contrast measured as WCAG 2 defines it, sizes, and
 * the rotation arithmetic that keeps touches on what is drawn. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "rotation.h"
#include "theme.h"

/* WCAG 2 relative luminance and contrast ratio. */
static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(rs_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double contrast(rs_color a, rs_color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void test_light_contrast(void **state)
{
    (void)state;
    rs_theme t = rs_theme_for(800, 480);
    assert_true(contrast(t.text, t.background) >= 7.0);
    assert_true(contrast(t.text, t.surface) >= 7.0);
    assert_true(contrast(t.text, t.bar) >= 7.0);
    assert_true(contrast(t.muted, t.background) >= 4.5); /* secondary text (DESIGN.md) */
    assert_true(contrast(t.accent, t.background) >= 7.0);
    assert_true(contrast(t.accent_text, t.accent) >= 7.0);
    assert_true(contrast(t.text, t.pressed) >= 7.0);
    assert_true(contrast(t.error, t.background) >= 7.0);
}

static void test_high_contrast(void **state)
{
    (void)state;
    rs_theme_options o = {.high_contrast = true};
    rs_theme t = rs_theme_make(800, 480, &o);
    /* Every pairing of text and what it sits on is at least 7:1. */
    rs_color texts[] = {t.text, t.muted, t.accent, t.error};
    rs_color grounds[] = {t.background, t.surface, t.bar, t.pressed};
    for (size_t i = 0; i < 4; i++)
        for (size_t k = 0; k < 4; k++)
            assert_true(contrast(texts[i], grounds[k]) >= 7.0);
    assert_true(contrast(t.accent_text, t.accent) >= 7.0);
    assert_true(fabs(contrast(t.text, t.background) - 21.0) < 0.01);
    rs_theme light = rs_theme_for(800, 480);
    assert_true(t.outline > light.outline); /* focus is a thicker outline, not colour */
}

static void test_sizes(void **state)
{
    (void)state;
    rs_theme t = rs_theme_for(800, 480);
    assert_int_equal(t.target, 48); /* 9 mm on a 7-inch 800x480 panel */
    assert_int_equal(t.font_px[RS_STYLE_BODY], 24);
    rs_theme_options larger = {.text_scale = 1.5f};
    rs_theme l = rs_theme_make(800, 480, &larger);
    assert_int_equal(l.font_px[RS_STYLE_BODY], 36);
    assert_int_equal(l.target, 48); /* only reading text grows */
    /* 9 mm targets from the screen's size: 7-inch 800x480 needs no change,
     * a 15.6-inch 1920x1080 needs smaller proportions than S/10. */
    assert_true(fabs(rs_theme_scale_for_screen(800, 480, 7.0f) - 1.0f) < 0.05f);
    float scale = rs_theme_scale_for_screen(1920, 1080, 15.6f);
    rs_theme_options screen = {.scale = scale};
    rs_theme big = rs_theme_make(1920, 1080, &screen);
    double px_per_mm = sqrt(1920.0 * 1920 + 1080.0 * 1080) / (15.6 * 25.4);
    assert_true(fabs(big.target / px_per_mm - 9.0) < 0.3);
    assert_true(rs_theme_scale_for_screen(800, 480, 0) == 1.0f);
}

static void test_rotation(void **state)
{
    (void)state;
    const int angles[] = {0, 90, 180, 270};
    for (size_t i = 0; i < 4; i++) {
        int r = angles[i], lw, lh;
        rs_rotation_logical_size(r, 800, 480, &lw, &lh);
        assert_int_equal(lw, r % 180 ? 480 : 800);
        assert_int_equal(lh, r % 180 ? 800 : 480);
        /* Round trips, everywhere on the glass. */
        for (float x = 0; x <= 800; x += 37.5f)
            for (float y = 0; y <= 480; y += 41.25f) {
                float lx, ly, bx, by;
                rs_rotation_to_logical(r, 800, 480, x, y, &lx, &ly);
                assert_true(lx >= 0 && lx <= (float)lw && ly >= 0 && ly <= (float)lh);
                rs_rotation_to_window(r, 800, 480, lx, ly, &bx, &by);
                assert_true(fabsf(bx - x) < 1e-3f && fabsf(by - y) < 1e-3f);
            }
    }
    /* The picture's top-left corner turns clockwise with the picture. */
    float x, y;
    rs_rotation_to_window(90, 800, 480, 0, 0, &x, &y);
    assert_true(x == 800 && y == 0);
    rs_rotation_to_window(180, 800, 480, 0, 0, &x, &y);
    assert_true(x == 800 && y == 480);
    rs_rotation_to_window(270, 800, 480, 0, 0, &x, &y);
    assert_true(x == 0 && y == 480);
    assert_false(rs_rotation_valid(45));
    assert_true(rs_rotation_valid(270));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_light_contrast),
        cmocka_unit_test(test_high_contrast),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_rotation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
