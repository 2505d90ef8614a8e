/* Layout with a fake text measure: no font, no window, no bundle. Checks
 * list virtualisation, hit targets, pressed and focus drawing, the top bar,
 * and reader line breaking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "i18n.h"
#include "utf8.h"

/* Every ASCII character is 10 px wide, every other character 20 px. */
static int fake_width(void *context, int style, const char *text, size_t length)
{
    (void)context, (void)style;
    int width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        width += cp < 0x80 ? 10 : 20;
    }
    return width;
}

static const rs_text_measure fake = {NULL, fake_width};

/* A list screen of count rows whose loaded window starts at start. */
static rs_screen *list_screen(int64_t count, int64_t start)
{
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_LIST;
    s->heading = strdup("Heading");
    s->count = count;
    s->window_start = start;
    for (size_t i = 0; i < RS_LIST_WINDOW && start + (int64_t)i < count; i++) {
        char text[64];
        snprintf(text, sizeof text, "Statement number %lld", (long long)(start + (int64_t)i));
        s->window[i].id = start + (int64_t)i + 1;
        s->window[i].title = strdup(text);
        s->window[i].secondary = strdup("20 July 2021 · Outlet");
        s->window_count = i + 1;
    }
    return s;
}

static void free_screen(rs_screen *s)
{
    for (size_t i = 0; i < s->window_count; i++)
        free(s->window[i].title), free(s->window[i].secondary);
    free(s->heading);
    free(s);
}

static size_t count_rows(const rs_target_list *targets, int64_t *first, int64_t *last)
{
    size_t n = 0;
    *first = INT64_MAX, *last = -1;
    for (size_t i = 0; i < targets->count; i++)
        if (targets->items[i].action.kind == RS_ACT_ROW) {
            n++;
            if (targets->items[i].action.index < *first)
                *first = targets->items[i].action.index;
            if (targets->items[i].action.index > *last)
                *last = targets->items[i].action.index;
        }
    return n;
}

static void test_list_is_virtual(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    rs_layout *layout = rs_layout_create(fake);
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    const char *crumbs[] = {"Home", "Dates", "July 2021"};

    rs_screen *s = list_screen(100000, 0);
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 3};
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    assert_true(info.row_height > 0);
    assert_true(info.content_height > info.row_height * 100000.0f);
    int64_t first, last;
    size_t rows = count_rows(&targets, &first, &last);
    assert_int_equal(first, 0);
    assert_true(rows >= 3 && rows <= 6);
    size_t commands_at_top = draw.count;
    assert_true(commands_at_top < 120);

    /* Deep in the list: the same amount of work, the right rows. */
    float scroll = info.list_top + info.row_height * 73000.5f;
    free_screen(s);
    s = list_screen(100000, 72990);
    frame.screen = s;
    frame.scroll = scroll;
    rs_layout_forget(layout);
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    rows = count_rows(&targets, &first, &last);
    assert_int_equal(first, 73000);
    assert_true(rows >= 3 && rows <= 6);
    assert_true(draw.count < 120);

    /* The row under a point is the row drawn there. */
    const rs_target *hit = NULL;
    for (size_t i = 0; i < targets.count; i++)
        if (targets.items[i].action.kind == RS_ACT_ROW && targets.items[i].action.index == 73001)
            hit = &targets.items[i];
    assert_non_null(hit);
    const rs_target *at = rs_target_at(&targets, hit->rect.x + 10, hit->rect.y + hit->rect.h / 2);
    assert_non_null(at);
    assert_int_equal(at->action.kind, RS_ACT_ROW);
    assert_int_equal(at->action.index, 73001);
    assert_true(hit->rect.y >= info.viewport.y - hit->rect.h && hit->rect.y < 480);

    /* Pressed rows are tinted, focused rows outlined. */
    frame.pressed = (rs_action){.kind = RS_ACT_ROW, .index = 73001};
    frame.focused = (rs_action){.kind = RS_ACT_ROW, .index = 73002};
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    bool tinted = false, outlined = false;
    for (size_t i = 0; i < draw.count; i++) {
        const rs_draw_command *c = &draw.items[i];
        if (c->kind == RS_DRAW_FILL && c->rect.y == hit->rect.y && c->rect.h == hit->rect.h &&
            memcmp(&c->color, &theme.pressed, sizeof c->color) == 0)
            tinted = true;
        if (c->kind == RS_DRAW_OUTLINE && c->rect.y == hit->rect.y + hit->rect.h && c->thickness == theme.outline &&
            memcmp(&c->color, &theme.accent, sizeof c->color) == 0)
            outlined = true;
    }
    assert_true(tinted);
    assert_true(outlined);

    free_screen(s);
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
}

static void test_top_bar(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    rs_layout *layout = rs_layout_create(fake);
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    rs_screen *s = list_screen(3, 0);

    const char *home_only[] = {"Home"};
    rs_frame frame = {.screen = s, .crumbs = home_only, .crumb_count = 1};
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    /* Nothing to go back to: in the bar only the language buttons. */
    size_t languages = 0;
    for (size_t i = 0; i < targets.count; i++)
        if (!targets.items[i].in_content) {
            assert_int_equal(targets.items[i].action.kind, RS_ACT_LANGUAGE);
            assert_int_equal(targets.items[i].action.index, (int64_t)(RS_UI_LANGUAGE_COUNT - 1 - languages));
            languages++;
        }
    assert_int_equal(languages, RS_UI_LANGUAGE_COUNT);

    const char *crumbs[] = {"Home", "Countries", "United Kingdom"};
    frame.crumbs = crumbs, frame.crumb_count = 3;
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    const rs_target *back = rs_target_at(&targets, 5, theme.bar_height / 2);
    const rs_target *home = rs_target_at(&targets, 795, theme.bar_height / 2);
    assert_non_null(back);
    assert_non_null(home);
    assert_int_equal(back->action.kind, RS_ACT_BACK);
    assert_int_equal(home->action.kind, RS_ACT_HOME);
    /* Targets are at least the minimum touch size (S/10: 48 px at 800x480). */
    assert_true(back->rect.w >= theme.target && back->rect.h >= theme.target);
    assert_true(home->rect.w >= theme.target && home->rect.h >= theme.target);
    size_t crumb_targets = 0;
    for (size_t i = 0; i < targets.count; i++)
        if (targets.items[i].action.kind == RS_ACT_CRUMB) {
            assert_true(targets.items[i].action.index < 2); /* the current screen is not a link */
            crumb_targets++;
        }
    assert_int_equal(crumb_targets, 2);

    free_screen(s);
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
}

static void test_reader_lines(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    rs_layout *layout = rs_layout_create(fake);
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_READER;
    /* Width 760 fits 38 CJK characters: the 。 falls at a line start unless
     * the break moves. */
    char body[4096] = "";
    for (int i = 0; i < 37; i++)
        strcat(body, "网");
    strcat(body, "。之后的文字。\n\n第二段。");
    s->statement.title = "标题";
    s->statement.body = body;
    s->statement.language = "zh-Hans";
    s->meta_line = "2021";
    s->place_count = 1;
    const char *crumbs[] = {"Home", "标题"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    size_t lines = 0;
    for (size_t i = 0; i < draw.count; i++) {
        const rs_draw_command *c = &draw.items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        lines++;
        assert_false(c->length >= 3 && memcmp(c->text, "。", 3) == 0);
        assert_true(c->rect.x + fake_width(NULL, 0, c->text, c->length) <= 800);
    }
    assert_true(lines >= 5);
    assert_true(info.content_height > (float)theme.font_px[RS_STYLE_BODY] * 4);
    s->statement.title = NULL, s->statement.body = NULL, s->statement.language = NULL, s->meta_line = NULL;
    free(s);
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_is_virtual),
        cmocka_unit_test(test_top_bar),
        cmocka_unit_test(test_reader_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
