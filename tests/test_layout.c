/* Layout with a fake text measure: no font, no window, no bundle. Checks
 * list virtualisation, hit targets, pressed and focus drawing, the top bar,
 * reader line breaking, the search screen's field and keyboard, and the
 * overlays (PIN pad, idle warning, admin, error). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "layout_thread.h"
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

/* Each test's layout at 800x480; its draw list and targets are freed
 * after it. */
typedef struct fixture {
    rs_theme theme;
    rs_layout *layout;
    rs_draw_list draw;
    rs_target_list targets;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->theme = rs_theme_for(800, 480);
    fx->layout = rs_layout_create(fake);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    rs_draw_free(&fx->draw);
    rs_target_list_free(&fx->targets);
    rs_layout_destroy(fx->layout);
    free(fx);
    return 0;
}

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
    fixture *fx = *state;
    rs_layout_info info;
    const char *crumbs[] = {"Home", "Dates", "July 2021"};

    rs_screen *s = list_screen(100000, 0);
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 3};
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    assert_true(info.row_height > 0);
    assert_true(info.content_height > info.row_height * 100000.0f);
    int64_t first, last;
    size_t rows = count_rows(&fx->targets, &first, &last);
    assert_int_equal(first, 0);
    assert_true(rows >= 3 && rows <= 6);
    size_t commands_at_top = fx->draw.count;
    assert_true(commands_at_top < 120);

    /* Deep in the list: the same amount of work, the right rows. */
    float scroll = info.list_top + info.row_height * 73000.5f;
    free_screen(s);
    s = list_screen(100000, 72990);
    frame.screen = s;
    frame.scroll = scroll;
    rs_layout_forget(fx->layout);
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    rows = count_rows(&fx->targets, &first, &last);
    assert_int_equal(first, 73000);
    assert_true(rows >= 3 && rows <= 6);
    assert_true(fx->draw.count < 120);

    /* The row under a point is the row drawn there. */
    const rs_target *hit = NULL;
    for (size_t i = 0; i < fx->targets.count; i++)
        if (fx->targets.items[i].action.kind == RS_ACT_ROW && fx->targets.items[i].action.index == 73001)
            hit = &fx->targets.items[i];
    assert_non_null(hit);
    const rs_target *at = rs_target_at(&fx->targets, hit->rect.x + 10, hit->rect.y + hit->rect.h / 2);
    assert_non_null(at);
    assert_int_equal(at->action.kind, RS_ACT_ROW);
    assert_int_equal(at->action.index, 73001);
    assert_true(hit->rect.y >= info.viewport.y - hit->rect.h && hit->rect.y < 480);

    /* Pressed rows are tinted, focused rows outlined. */
    frame.pressed = (rs_action){.kind = RS_ACT_ROW, .index = 73001};
    frame.focused = (rs_action){.kind = RS_ACT_ROW, .index = 73002};
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    bool tinted = false, outlined = false;
    for (size_t i = 0; i < fx->draw.count; i++) {
        const rs_draw_command *c = &fx->draw.items[i];
        if (c->kind == RS_DRAW_FILL && c->rect.y == hit->rect.y && c->rect.h == hit->rect.h &&
            memcmp(&c->color, &fx->theme.pressed, sizeof c->color) == 0)
            tinted = true;
        if (c->kind == RS_DRAW_OUTLINE && c->rect.y == hit->rect.y + hit->rect.h && c->thickness == fx->theme.outline &&
            memcmp(&c->color, &fx->theme.accent, sizeof c->color) == 0)
            outlined = true;
    }
    assert_true(tinted);
    assert_true(outlined);

    free_screen(s);
}

static void test_top_bar(void **state)
{
    fixture *fx = *state;
    rs_layout_info info;
    rs_screen *s = list_screen(3, 0);

    const char *home_only[] = {"Home"};
    rs_frame frame = {.screen = s, .crumbs = home_only, .crumb_count = 1};
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    /* Nothing to go back to: in the bar only the language buttons. */
    size_t languages = 0;
    for (size_t i = 0; i < fx->targets.count; i++)
        if (!fx->targets.items[i].in_content) {
            assert_int_equal(fx->targets.items[i].action.kind, RS_ACT_LANGUAGE);
            assert_int_equal(fx->targets.items[i].action.index, (int64_t)(RS_UI_LANGUAGE_COUNT - 1 - languages));
            languages++;
        }
    assert_int_equal(languages, RS_UI_LANGUAGE_COUNT);

    const char *crumbs[] = {"Home", "Countries", "United Kingdom"};
    frame.crumbs = crumbs, frame.crumb_count = 3;
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    const rs_target *back = rs_target_at(&fx->targets, 5, fx->theme.bar_height / 2);
    const rs_target *home = rs_target_at(&fx->targets, 795, fx->theme.bar_height / 2);
    assert_non_null(back);
    assert_non_null(home);
    assert_int_equal(back->action.kind, RS_ACT_BACK);
    assert_int_equal(home->action.kind, RS_ACT_HOME);
    /* Targets are at least the minimum touch size (S/10: 48 px at 800x480). */
    assert_true(back->rect.w >= fx->theme.target && back->rect.h >= fx->theme.target);
    assert_true(home->rect.w >= fx->theme.target && home->rect.h >= fx->theme.target);
    size_t crumb_targets = 0;
    for (size_t i = 0; i < fx->targets.count; i++)
        if (fx->targets.items[i].action.kind == RS_ACT_CRUMB) {
            assert_true(fx->targets.items[i].action.index < 2); /* the current screen is not a link */
            crumb_targets++;
        }
    assert_int_equal(crumb_targets, 2);

    free_screen(s);
}

static bool draws_exactly(const rs_draw_list *draw, const char *text);

/* Like fake_width, less 3 px for every pair of characters side by side
 * (a font's kerning): a text measured in pieces, as the line breaker
 * measures it, adds up to more than the text measured whole. */
static int kerned_width(void *context, int style, const char *text, size_t length)
{
    int width = fake_width(context, style, text, length), characters = 0;
    for (size_t i = 0; i < length; characters++) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
    }
    return characters > 1 ? width - 3 * (characters - 1) : width;
}

/* A chip, a facet row's name and badge, a button sized by their text
 * measured whole show it whole: at 1920x1080 Chinese chips ("全部 12")
 * lost their end to "…" with room to spare, measured in pieces. */
static void test_labels_whole(void **state)
{
    (void)state;
    rs_theme theme = rs_theme_for(800, 480);
    rs_layout *layout = rs_layout_create((rs_text_measure){NULL, kerned_width});
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    rs_screen *s = list_screen(3, 0);
    rs_chip chips[] = {{.label = "全部 12", .role = -1, .active = true}, {.label = "发言人 2", .role = 0}};
    s->chips = chips, s->chip_count = 2;
    const char *crumbs[] = {"Home", "China"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    assert_true(draws_exactly(&draw, "全部 12"));
    assert_true(draws_exactly(&draw, "发言人 2"));
    assert_false(draws_exactly(&draw, "…"));
    s->chips = NULL, s->chip_count = 0;
    free_screen(s);

    rs_screen facets = {.kind = RS_SCREEN_FACETS, .heading = "国家和组织"};
    rs_facet_row rows[] = {{"北大西洋公约组织", "联盟 · 1 个事件", "1,234", {.kind = RS_ROUTE_HOME}}};
    facets.rows = rows, facets.row_count = 1;
    rs_layout_forget(layout);
    frame.screen = &facets;
    rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
    assert_true(draws_exactly(&draw, "北大西洋公约组织"));
    assert_true(draws_exactly(&draw, "联盟 · 1 个事件"));
    assert_true(draws_exactly(&draw, "1,234"));
    assert_false(draws_exactly(&draw, "…"));
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
}

static void test_reader_lines(void **state)
{
    fixture *fx = *state;
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
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    size_t lines = 0;
    for (size_t i = 0; i < fx->draw.count; i++) {
        const rs_draw_command *c = &fx->draw.items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        lines++;
        assert_false(c->length >= 3 && memcmp(c->text, "。", 3) == 0);
        assert_true(c->rect.x + fake_width(NULL, 0, c->text, c->length) <= 800);
    }
    assert_true(lines >= 5);
    assert_true(info.content_height > (float)fx->theme.font_px[RS_STYLE_BODY] * 4);
    s->statement.title = NULL, s->statement.body = NULL, s->statement.language = NULL, s->meta_line = NULL;
    free(s);
}

/* ---- the search screen's keyboard (keyboard.c) ---- */

/* An empty search screen, nothing searched yet (caller frees). */
static rs_screen *search_screen(void)
{
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_SEARCH;
    s->search_state = RS_SEARCH_EMPTY;
    return s;
}

static const char *const search_crumbs[] = {"Home", "Search"};

/* Whether draw has a text command of exactly these bytes. */
static bool has_text(const rs_draw_list *draw, const char *text)
{
    for (size_t i = 0; i < draw->count; i++)
        if (draw->items[i].kind == RS_DRAW_TEXT && draw->items[i].length == strlen(text) &&
            memcmp(draw->items[i].text, text, strlen(text)) == 0)
            return true;
    return false;
}


static size_t count_kind(const rs_target_list *targets, rs_action_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < targets->count; i++)
        n += targets->items[i].action.kind == kind;
    return n;
}

static const rs_target *find_action(const rs_target_list *targets, rs_action_kind kind, int64_t index)
{
    for (size_t i = 0; i < targets->count; i++)
        if (targets->items[i].action.kind == kind && targets->items[i].action.index == index)
            return &targets->items[i];
    return NULL;
}

static void test_keyboard(void **state)
{
    fixture *fx = *state;
    rs_layout_info shown_info, hidden_info;
    rs_screen *s = search_screen();
    rs_frame frame = {.screen = s, .crumbs = search_crumbs, .crumb_count = 2};

    /* Cyrillic: 33 letters in three rows of 11, the space bar, keys for
     * the next alphabet (after Cyrillic, for an English visitor, Arabic)
     * and the digits, Backspace, Clear and Hide. */
    rs_layout_set_keyboard(fx->layout, true, RS_KEYBOARD_CYRILLIC);
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &shown_info);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_CHAR), 34);
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_CHAR, 0x439)); /* й */
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_CHAR, 0x451)); /* ё */
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_CHAR, ' '));
    assert_null(find_action(&fx->targets, RS_ACT_KEY_CHAR, 'q'));
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_LAYER), 2);
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_LAYER, RS_KEYBOARD_ARABIC));
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_LAYER, RS_KEYBOARD_DIGITS));
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_BACKSPACE), 1);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_CLEAR), 1);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_HIDE), 1);
    /* Every key is below the results and on screen, a finger tall. */
    int keyboard_top = shown_info.viewport.y + shown_info.viewport.h;
    for (size_t i = 0; i < fx->targets.count; i++) {
        const rs_target *k = &fx->targets.items[i];
        if (k->action.kind < RS_ACT_KEY_CHAR || k->action.kind > RS_ACT_KEY_SHOW)
            continue;
        assert_true(k->rect.y >= keyboard_top && k->rect.y + k->rect.h <= 480);
        assert_true(k->rect.x >= 0 && k->rect.x + k->rect.w <= 800);
        assert_int_equal(k->rect.h, fx->theme.target);
    }

    /* Latin: the top row q..p in order, keys of one width and one gap, the
     * row centred; the key under a point is the key drawn there. */
    rs_layout_set_keyboard(fx->layout, true, RS_KEYBOARD_LATIN);
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &shown_info);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_CHAR), 27);
    const char *top_row = "qwertyuiop";
    const rs_target *q = find_action(&fx->targets, RS_ACT_KEY_CHAR, 'q');
    const rs_target *p = find_action(&fx->targets, RS_ACT_KEY_CHAR, 'p');
    assert_non_null(q);
    assert_non_null(p);
    int step = find_action(&fx->targets, RS_ACT_KEY_CHAR, 'w')->rect.x - q->rect.x;
    for (int i = 0; top_row[i]; i++) {
        const rs_target *k = find_action(&fx->targets, RS_ACT_KEY_CHAR, top_row[i]);
        assert_non_null(k);
        assert_int_equal(k->rect.x, q->rect.x + i * step);
        assert_int_equal(k->rect.y, q->rect.y);
        assert_int_equal(k->rect.w, q->rect.w);
    }
    int left = q->rect.x, right = 800 - (p->rect.x + p->rect.w);
    assert_true(abs(left - right) <= 1);
    const rs_target *at = rs_target_at(&fx->targets, q->rect.x + q->rect.w / 2, q->rect.y + q->rect.h / 2);
    assert_non_null(at);
    assert_int_equal(at->action.kind, RS_ACT_KEY_CHAR);
    assert_int_equal(at->action.index, 'q');
    /* Each letter key draws its letter, one character of text. */
    bool drew_q = false;
    for (size_t i = 0; i < fx->draw.count; i++)
        if (fx->draw.items[i].kind == RS_DRAW_TEXT && fx->draw.items[i].length == 1 && fx->draw.items[i].text[0] == 'q')
            drew_q = fx->draw.items[i].rect.x > q->rect.x && fx->draw.items[i].rect.x < q->rect.x + q->rect.w;
    assert_true(drew_q);

    /* Hidden: only the Keyboard button, and the results get the room. */
    rs_layout_set_keyboard(fx->layout, false, RS_KEYBOARD_LATIN);
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &hidden_info);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_SHOW), 1);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_CHAR), 0);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_HIDE), 0);
    assert_int_equal(hidden_info.viewport.y, shown_info.viewport.y);
    assert_true(hidden_info.viewport.h > shown_info.viewport.h + 3 * fx->theme.target);

    free(s);
}

/* The text command whose bytes end with the caret "|" of the search field. */
static const rs_draw_command *field_text(const rs_draw_list *draw)
{
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind == RS_DRAW_TEXT && c->length > 0 && c->text[c->length - 1] == '|')
            return c;
    }
    return NULL;
}

static void test_search_field(void **state)
{
    fixture *fx = *state;
    rs_layout_info info;
    rs_screen *s = search_screen();
    rs_frame frame = {.screen = s, .crumbs = search_crumbs, .crumb_count = 2};

    /* Empty: the placeholder, no caret. */
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    assert_null(field_text(&fx->draw));
    assert_true(has_text(&fx->draw, "Type here to search"));

    /* A short query whole, with its caret. */
    strcpy(s->query, "exchange");
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    const rs_draw_command *c = field_text(&fx->draw);
    assert_non_null(c);
    assert_int_equal(c->length, strlen("exchange|"));
    assert_memory_equal(c->text, "exchange|", c->length);

    /* A long one keeps its end in sight, cut at a character: 50 two-byte
     * letters (20 px each here) are 1000 px, more than the field. */
    s->query[0] = '\0';
    for (int i = 0; i < 50; i++)
        strcat(s->query, "ж");
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    c = field_text(&fx->draw);
    assert_non_null(c);
    size_t letters = (c->length - 1) / 2;
    assert_int_equal(c->length, letters * 2 + 1);
    assert_true(letters > 10 && letters < 50);
    assert_int_equal(memcmp(c->text, "ж", 2), 0);
    int field_w = 800 - 2 * fx->theme.margin - 2 * (fx->theme.gap * 2);
    assert_true(fake_width(NULL, 0, c->text, c->length) <= field_w);
    assert_true(fake_width(NULL, 0, c->text - 2, c->length + 2) > field_w); /* one more would not fit */

    free(s);
}

/* ---- overlays (overlay.c) ---- */

static void test_pin_pad(void **state)
{
    fixture *fx = *state;

    rs_layout_pin(fx->layout, &fx->theme, 800, 480, 3, "Wrong PIN", false, &fx->draw, &fx->targets);
    /* Ten digits, Clear, OK and Cancel. */
    assert_int_equal(fx->targets.count, 13);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_PIN_DIGIT), 10);
    for (int d = 0; d <= 9; d++)
        assert_non_null(find_action(&fx->targets, RS_ACT_PIN_DIGIT, d));
    assert_int_equal(count_kind(&fx->targets, RS_ACT_PIN_CLEAR), 1);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_PIN_OK), 1);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_CLOSE), 1);
    /* A telephone's order: 1 2 3 on top, 0 under 8 between Clear and OK. */
    const rs_target *one = find_action(&fx->targets, RS_ACT_PIN_DIGIT, 1);
    const rs_target *three = find_action(&fx->targets, RS_ACT_PIN_DIGIT, 3);
    const rs_target *eight = find_action(&fx->targets, RS_ACT_PIN_DIGIT, 8);
    const rs_target *zero = find_action(&fx->targets, RS_ACT_PIN_DIGIT, 0);
    assert_int_equal(one->rect.y, three->rect.y);
    assert_true(three->rect.x > one->rect.x);
    assert_int_equal(zero->rect.x, eight->rect.x);
    assert_true(zero->rect.y > eight->rect.y);
    const rs_target *clear = find_action(&fx->targets, RS_ACT_PIN_CLEAR, 0);
    const rs_target *ok = find_action(&fx->targets, RS_ACT_PIN_OK, 0);
    assert_int_equal(clear->rect.y, zero->rect.y);
    assert_int_equal(ok->rect.y, zero->rect.y);
    assert_true(clear->rect.x < zero->rect.x && zero->rect.x < ok->rect.x);
    for (size_t i = 0; i < fx->targets.count; i++)
        assert_true(fx->targets.items[i].rect.y + fx->targets.items[i].rect.h <= 480);
    /* The digits typed as dots, never as digits; the message. */
    assert_true(has_text(&fx->draw, "● ● ●"));
    assert_true(has_text(&fx->draw, "Wrong PIN"));

    /* Locked: the keys are drawn but only Cancel can be touched; no digit
     * yet shows the word PIN. */
    rs_layout_pin(fx->layout, &fx->theme, 800, 480, 0, NULL, true, &fx->draw, &fx->targets);
    assert_int_equal(fx->targets.count, 1);
    assert_int_equal(fx->targets.items[0].action.kind, RS_ACT_CLOSE);
    assert_true(has_text(&fx->draw, "PIN"));
    assert_false(has_text(&fx->draw, "●"));

    /* The lock's message is read to its end: it was cut on one line to
     * "Wrong PIN. Too many tries: wai…" at 800x480. Two lines, both above
     * the keys, which stay where they are without a message. */
    const char *wait = "Wrong PIN. Too many tries: wait 600 seconds.";
    rs_layout_pin(fx->layout, &fx->theme, 800, 480, 0, NULL, false, &fx->draw, &fx->targets);
    int one_y = find_action(&fx->targets, RS_ACT_PIN_DIGIT, 1)->rect.y;
    rs_layout_pin(fx->layout, &fx->theme, 800, 480, 0, wait, false, &fx->draw, &fx->targets);
    assert_int_equal(find_action(&fx->targets, RS_ACT_PIN_DIGIT, 1)->rect.y, one_y);
    rs_layout_pin(fx->layout, &fx->theme, 800, 480, 0, wait, true, &fx->draw, &fx->targets);
    assert_true(has_text(&fx->draw, "Wrong PIN. Too many tries:"));
    assert_true(has_text(&fx->draw, "wait 600 seconds."));
    for (size_t i = 0; i < fx->draw.count; i++)
        if (fx->draw.items[i].kind == RS_DRAW_TEXT && fx->draw.items[i].length >= 4 &&
            memcmp(fx->draw.items[i].text, "wait", 4) == 0)
            assert_true(fx->draw.items[i].rect.y + fx->theme.font_px[RS_STYLE_SECONDARY] <= one_y);
}

static void test_overlays(void **state)
{
    fixture *fx = *state;

    /* The idle warning goes over what is there, in words and seconds. */
    rs_draw_fill(&fx->draw, (rs_rect){0, 0, 10, 10}, fx->theme.text);
    rs_layout_countdown(fx->layout, &fx->theme, 800, 480, 5, &fx->draw);
    assert_int_equal(fx->draw.items[0].kind, RS_DRAW_FILL);
    assert_int_equal(fx->draw.items[0].rect.w, 10); /* kept */
    assert_true(has_text(&fx->draw, "Still reading?"));
    assert_true(has_text(&fx->draw, "Going back to the start in 5 seconds"));
    rs_layout_countdown(fx->layout, &fx->theme, 800, 480, 1, &fx->draw);
    assert_true(has_text(&fx->draw, "Going back to the start in 1 second"));

    /* The admin screen: its lines, and one button per command. */
    rs_admin_line lines[] = {{"Bundle", "corpus.sqlite"}, {"Version", NULL}};
    rs_admin_button buttons[] = {{"Reload", 3}, {"Exit", 7}, {"Close", -1}};
    rs_action focus = {.kind = RS_ACT_COMMAND, .index = 7};
    rs_layout_admin(fx->layout, &fx->theme, 800, 480, lines, 2, buttons, 3, focus, &fx->draw, &fx->targets);
    assert_int_equal(fx->targets.count, 3);
    assert_non_null(find_action(&fx->targets, RS_ACT_COMMAND, 3));
    const rs_target *exit_button = find_action(&fx->targets, RS_ACT_COMMAND, 7);
    assert_non_null(exit_button);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_CLOSE), 1);
    assert_true(has_text(&fx->draw, "Rostrum administration"));
    assert_true(has_text(&fx->draw, "corpus.sqlite"));
    bool focused = false;
    for (size_t i = 0; i < fx->draw.count; i++)
        focused |= fx->draw.items[i].kind == RS_DRAW_OUTLINE && fx->draw.items[i].thickness == fx->theme.outline &&
                   memcmp(&fx->draw.items[i].rect, &exit_button->rect, sizeof exit_button->rect) == 0;
    assert_true(focused);

    /* The error screen: heading and message, nothing to touch. */
    rs_layout_error(fx->layout, &fx->theme, 800, 480, "Cannot open", "The file is damaged.", &fx->draw);
    assert_true(has_text(&fx->draw, "Cannot open"));
    assert_true(has_text(&fx->draw, "The file is damaged."));

}

/* Counts the fake measure's calls and the bytes it measured. */
static size_t measured_calls, measured_bytes;

static int counting_width(void *context, int style, const char *text, size_t length)
{
    measured_calls++;
    measured_bytes += length;
    return fake_width(context, style, text, length);
}

/* Home at 800x480 whatever the collection's title and description: the
 * title and description clamp to at most three lines each, and Search and
 * the three tiles stay wholly on screen (issue 11: a ~200-character title
 * pushed the tiles off, and home neither scrolled nor clamped). */
static void test_home_keeps_its_tiles(void **state)
{
    fixture *fx = *state;
    static const size_t title_lengths[] = {20, 200, 1000, 100000};
    for (size_t k = 0; k < sizeof title_lengths / sizeof title_lengths[0]; k++) {
        rs_screen s = {.kind = RS_SCREEN_HOME};
        char *title = malloc(title_lengths[k] + 1), *description = malloc(5001);
        for (size_t i = 0; i < title_lengths[k]; i++)
            title[i] = i % 6 == 5 ? ' ' : 'T';
        title[title_lengths[k]] = '\0';
        for (size_t i = 0; i < 5000; i++)
            description[i] = i % 8 == 7 ? ' ' : 'd';
        description[5000] = '\0';
        s.bundle_title = title;
        s.bundle_description = description;
        const rs_route_kind kinds[RS_HOME_TILES] = {RS_ROUTE_DATES, RS_ROUTE_COUNTRIES, RS_ROUTE_INCIDENTS,
                                                    RS_ROUTE_TIMELINE, RS_ROUTE_MAP};
        for (int i = 0; i < RS_HOME_TILES; i++) {
            snprintf(s.tiles[i].label, sizeof s.tiles[i].label, "Tile %d", i);
            snprintf(s.tiles[i].count, sizeof s.tiles[i].count, "%d", i);
            s.tiles[i].route.kind = kinds[i];
        }
        const char *crumbs[] = {"Home"};
        rs_frame frame = {.screen = &s, .crumbs = crumbs, .crumb_count = 1};
        rs_layout_info info;
        rs_layout_forget(fx->layout);
        rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
        size_t ways_in = 0;
        for (size_t i = 0; i < fx->targets.count; i++) {
            const rs_target *target = &fx->targets.items[i];
            if (target->action.kind != RS_ACT_ROUTE || !target->in_content)
                continue;
            ways_in++;
            assert_true(target->rect.y >= info.viewport.y);
            assert_true(target->rect.y + target->rect.h <= info.viewport.y + info.viewport.h);
        }
        if (ways_in != 1 + RS_HOME_TILES)
            fail_msg("title of %zu: %zu ways in of %zu targets", title_lengths[k], ways_in, fx->targets.count);
        assert_true(info.content_height <= (float)info.viewport.h);
        /* At most three lines of title and three of description, and two
         * ellipses when both are cut. */
        size_t title_lines = 0, description_lines = 0, ellipses = 0;
        for (size_t i = 0; i < fx->draw.count; i++) {
            const rs_draw_command *c = &fx->draw.items[i];
            if (c->kind != RS_DRAW_TEXT)
                continue;
            title_lines += c->length > 0 && c->text >= title && c->text < title + title_lengths[k];
            description_lines += c->length > 0 && c->text >= description && c->text < description + 5000;
            ellipses += c->length == strlen("…") && memcmp(c->text, "…", c->length) == 0;
        }
        assert_true(title_lines >= 1 && title_lines <= 3);
        assert_true(description_lines <= 3);
        if (title_lengths[k] >= 200)
            assert_true(ellipses >= 1);
        free(title), free(description);
    }
}

/* A title of "Z" and 60,000 combining marks (one grapheme cluster 120 kB
 * long) costs the layout a bounded number of measurements: no prefix of it
 * is measured again and again. Laid out once, a second frame measures
 * nothing. */
static void test_combining_title_measured_boundedly(void **state)
{
    fixture *fx = *state;
    rs_layout_destroy(fx->layout);
    fx->layout = rs_layout_create((rs_text_measure){NULL, counting_width});
    size_t length = 1 + 60000 * 2;
    char *title = malloc(length + 1);
    title[0] = 'Z';
    for (size_t i = 0; i < 60000; i++)
        memcpy(title + 1 + 2 * i, "\xCC\x81", 2);
    title[length] = '\0';
    rs_screen *s = list_screen(3, 0);
    free(s->window[1].title);
    s->window[1].title = title;
    const char *crumbs[] = {"Home", "Dates"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
    rs_layout_info info;
    measured_calls = measured_bytes = 0;
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    assert_true(measured_calls < 200);
    /* The long title is measured whole a few times at most. */
    assert_true(measured_bytes < 8 * length);
    measured_calls = measured_bytes = 0;
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    assert_true(measured_bytes < 8 * length);
    free_screen(s);
}

/* ---- the reader's first screen (layout_reader.c) ---- */

/* Closer to DejaVu Sans than fake_width, so that what fits here fits on the
 * screen: a Latin or Cyrillic character is 0.62 of the font size (0.70 in
 * the bold styles), a wide (CJK) one a whole em. context: the theme. */
static int em_width(void *context, int style, const char *text, size_t length)
{
    const rs_theme *t = context;
    bool bold = style == RS_STYLE_TITLE || style == RS_STYLE_HOME_TITLE || style == RS_STYLE_LABEL;
    int px = t->font_px[style];
    int width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        if ((cp & 0xC0) == 0x80 || (cp >= 0x300 && cp < 0x370))
            continue;
        width += cp >= 0x1100 ? px : px * (bold ? 70 : 62) / 100;
    }
    return width;
}

/* The y of the first line of the body on screen (scroll 0), -1 if none is
 * drawn. */
static int first_body_line(const rs_draw_list *draw, const rs_statement *st, int *bottom, int line_h)
{
    size_t n = strlen(st->body);
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind == RS_DRAW_TEXT && c->text >= st->body && c->text < st->body + n) {
            *bottom = c->rect.y + line_h;
            return c->rect.y;
        }
    }
    return -1;
}

/* Whether draw has a text command whose text lies in text. */
static bool draws_from(const rs_draw_list *draw, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < draw->count; i++)
        if (draw->items[i].kind == RS_DRAW_TEXT && draw->items[i].text >= text && draw->items[i].text < text + n)
            return true;
    return false;
}

/* At 800x480, 1920x1080 and portrait 1080x1920, the reader of the sample
 * corpus's longest-titled statement shows the first line of its text on
 * the first screen, without scrolling, at the body size the design asks
 * (S/20). (Before the compact header, that line began below 480 px at
 * 800x480: title, date, outlet, speaker, the date's note, two rows of
 * chips and A-/A+ came first.) Its details stay one tap away: the date's
 * "inferred" button opens its note, "+N" every chip. */
static void test_reader_first_screen(void **state)
{
    (void)state;
    char error[512];
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &(rs_list_spec){.kind = RS_LIST_ALL, .role = -1}, 0, 1000, &rows));
    assert_true(rows.count > 0);
    size_t longest = 0;
    for (size_t i = 1; i < rows.count; i++)
        if (strlen(rows.items[i].title) > strlen(rows.items[longest].title))
            longest = i;
    rs_nav_entry entry = {.route = {.kind = RS_ROUTE_STATEMENT}, .role_filter = -1};
    snprintf(entry.route.slug, sizeof entry.route.slug, "%s", rows.items[longest].slug);
    rs_statement_rows_clear(&rows);

    static const int sizes[3][2] = {{800, 480}, {1920, 1080}, {1080, 1920}};
    for (int expanded = 0; expanded <= 1 + RS_READER_CHIPS; expanded++) {
        entry.expanded = expanded;
        rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
        assert_non_null(s);
        assert_true(s->notes_open == (expanded == 1 + RS_READER_NOTES));
        assert_true(s->chips_open == (expanded == 1 + RS_READER_CHIPS));
        for (size_t k = 0; k < 3; k++) {
            int width = sizes[k][0], height = sizes[k][1];
            rs_theme theme = rs_theme_for(width, height);
            rs_layout *layout = rs_layout_create((rs_text_measure){&theme, em_width});
            rs_draw_list draw = {0};
            rs_target_list targets = {0};
            rs_layout_info info;
            const char *crumbs[] = {"Home", s->crumb};
            rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
            rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
            assert_int_equal(theme.font_px[RS_STYLE_BODY], theme.short_side / 20);
            if (s->statement.date_note) {
                assert_non_null(find_action(&targets, RS_ACT_EXPAND, RS_READER_NOTES));
                assert_true(draws_from(&draw, s->statement.date_note) == s->notes_open);
            }
            if (expanded == 0) {
                int bottom = 0;
                int top = first_body_line(&draw, &s->statement, &bottom, theme.font_px[RS_STYLE_BODY] * 145 / 100);
                if (top < info.viewport.y || bottom > height)
                    fail_msg("%dx%d: the first line of '%s' is at y %d..%d, not within the first screen (%d)",
                             width, height, entry.route.slug, top, bottom, height);
            }
            /* The chips: some folded into "+N" (or all shown); opened, every
             * one (scrolled to, at 800x480) and "Show less". */
            size_t chips_seen = 0;
            bool fold_seen = false;
            for (float scroll = 0; scroll < info.content_height; scroll += (float)info.viewport.h / 4) {
                frame.scroll = scroll;
                rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
                size_t n = count_kind(&targets, RS_ACT_ROUTE);
                chips_seen = n > chips_seen ? n : chips_seen;
                fold_seen |= find_action(&targets, RS_ACT_EXPAND, RS_READER_CHIPS) != NULL;
            }
            if (s->chips_open)
                assert_int_equal(chips_seen, s->chip_count);
            assert_true(fold_seen == (s->chips_open || chips_seen < s->chip_count));
            rs_draw_free(&draw);
            rs_target_list_free(&targets);
            rs_layout_destroy(layout);
        }
        rs_screen_destroy(s);
    }
    rs_bundle_close(bundle);
}

/* ---- the incident thread (layout_thread.c) ---- */

/* Hand-made thread entries: position i % 3 is 0 an attribution (accuses),
 * 1 a response (a statement), 2 a denial; the last undated ones are
 * undated; a long summary at position 3. */
typedef struct made_thread {
    int64_t count, undated;
} made_thread;

static const char *const long_summary =
    "Governments said together that a state's security service was behind the hack, that it had used "
    "criminal contractors, and that the mail servers of tens of thousands of organisations were breached.";

static bool made_page(void *context, int64_t incident_id, int64_t offset, size_t limit, rs_thread *out)
{
    const made_thread *m = context;
    (void)incident_id;
    memset(out, 0, sizeof *out);
    int64_t n = m->count - offset < (int64_t)limit ? m->count - offset : (int64_t)limit;
    if (n <= 0)
        return true;
    out->items = calloc((size_t)n, sizeof *out->items);
    out->count = (size_t)n;
    for (int64_t k = 0; k < n; k++) {
        int64_t i = offset + k;
        rs_thread_entry *e = &out->items[k];
        static const char *const what[] = {"attribution", "response", "denial"};
        e->kind = i % 3 == 1 ? RS_THREAD_STATEMENT : RS_THREAD_EVENT;
        e->id = i + 1;
        e->what = strdup(what[i % 3]);
        e->accusation = i % 3 == 0;
        e->date = i < m->count - m->undated ? strdup("2021-07-19") : NULL;
        e->date_note = i == 3 ? strdup("Announced the evening before in Washington.") : NULL;
        e->line = strdup(i == 3 ? long_summary : "The accusation is groundless, the spokesperson said.");
        e->url = e->kind == RS_THREAD_EVENT ? strdup("https://www.gov.uk/government/news/a-very-long-address") : NULL;
        if (e->kind == RS_THREAD_STATEMENT) {
            e->slug = strdup("response");
            e->title = strdup("Embassy Spokesperson's Comment on the Remarks by the UK Side about Cyber Attack");
        }
        e->parties = calloc(2, sizeof *e->parties);
        e->party_count = 2;
        e->parties[0] = (rs_country_link){.code = "CN", .name = strdup("中国"), .roles = strdup("accused")};
        e->parties[1] = (rs_country_link){.code = "GB", .name = strdup("United Kingdom"), .roles = strdup("accuser")};
    }
    return true;
}

static void made_clear(rs_thread *thread)
{
    for (size_t i = 0; i < thread->count; i++) {
        rs_thread_entry *e = &thread->items[i];
        free(e->slug), free(e->date), free(e->date_note), free(e->what), free(e->title), free(e->line), free(e->url);
        for (size_t k = 0; k < e->party_count; k++)
            free(e->parties[k].name), free(e->parties[k].roles);
        free(e->parties);
    }
    free(thread->items);
    memset(thread, 0, sizeof *thread);
}

static rs_screen *thread_screen(made_thread *m, int64_t unfolded)
{
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_THREAD;
    s->heading = strdup("Microsoft Exchange Server hack");
    s->subheading = strdup("March 2021 (inferred) · 3 events · 2 statements");
    s->summary = strdup("Attackers gained access to computer networks through Microsoft Exchange email servers.");
    rs_thread_pager pager = {made_page, made_clear, m};
    s->thread = rs_thread_screen_create(&pager, 1, m->count, unfolded);
    s->count = m->count;
    return s;
}

static void free_thread_screen(rs_screen *s)
{
    rs_thread_screen_destroy(s->thread);
    free(s->heading), free(s->subheading), free(s->summary);
    free(s);
}

/* The thread's cards at one size: lays out at scroll, loading what shows. */
static void lay_out_thread(fixture *fx, rs_screen *s, int w, int h, float scroll, rs_layout_info *info)
{
    const char *crumbs[] = {"Home", "Incidents", "Microsoft Exchange Server hack"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 3, .scroll = scroll};
    fx->theme = rs_theme_for(w, h);
    rs_layout_measure(fx->layout, &fx->theme, w, h, s, info);
    int64_t first, last;
    rs_layout_thread_rows(fx->layout, s->count, scroll, info->viewport.h, &first, &last);
    assert_true(rs_thread_screen_prepare(s->thread, first, last));
    rs_layout_frame(fx->layout, &fx->theme, w, h, &frame, &fx->draw, &fx->targets, info);
}

static bool is_entry(const rs_target *target)
{
    return target->in_content && (target->action.kind == RS_ACT_ROW || target->action.kind == RS_ACT_EXPAND);
}

/* At 800x480, 1920x1080 and portrait: cards one under another, never
 * overlapping; every text within the window; accusations at the start
 * edge, answers at the end; the side said in words; statements open,
 * events unfold; "Undated" over the undated ones. */
static void test_thread_cards(void **state)
{
    fixture *fx = *state;
    static const int sizes[][2] = {{800, 480}, {1920, 1080}, {1080, 1920}};
    for (size_t z = 0; z < 6; z++) {
        int w = sizes[z % 3][0], h = sizes[z % 3][1];
        made_thread m = {.count = 8, .undated = 2};
        rs_screen *s = thread_screen(&m, z < 3 ? -1 : 3); /* then with the long event unfolded */
        rs_layout_info info;
        rs_layout_forget(fx->layout);
        lay_out_thread(fx, s, w, h, 0, &info);
        float end = info.content_height - (float)info.viewport.h;
        bool saw_accusation = false, saw_answer = false, saw_undated = false;
        int64_t seen = 0;
        for (float at = 0; at < end + (float)info.viewport.h / 2; at += (float)info.viewport.h / 2) {
            float scroll = at < end ? at : end;
            lay_out_thread(fx, s, w, h, scroll, &info);
            const rs_target *previous = NULL;
            for (size_t i = 0; i < fx->targets.count; i++) {
                const rs_target *t = &fx->targets.items[i];
                if (!is_entry(t))
                    continue;
                const rs_thread_item *item = rs_thread_screen_item(s->thread, t->action.index);
                assert_non_null(item);
                assert_int_equal(t->action.kind, item->kind == RS_THREAD_EVENT ? RS_ACT_EXPAND : RS_ACT_ROW);
                assert_true(t->rect.x >= fx->theme.margin && t->rect.x + t->rect.w <= w - fx->theme.margin);
                assert_true(t->rect.h >= fx->theme.target);
                if (item->side == RS_SIDE_ACCUSATION)
                    assert_int_equal(t->rect.x, fx->theme.margin), saw_accusation = true;
                if (item->side == RS_SIDE_ANSWER)
                    assert_int_equal(t->rect.x + t->rect.w, w - fx->theme.margin), saw_answer = true;
                assert_true(t->rect.w < w - 2 * fx->theme.margin); /* the sides stand apart */
                if (previous) {
                    assert_int_equal(t->action.index, previous->action.index + 1);
                    assert_true(t->rect.y >= previous->rect.y + previous->rect.h); /* no overlap */
                }
                if (t->action.index + 1 > seen)
                    seen = t->action.index + 1;
                previous = t;
            }
            for (size_t i = 0; i < fx->draw.count; i++) {
                const rs_draw_command *c = &fx->draw.items[i];
                if (c->kind != RS_DRAW_TEXT)
                    continue;
                int text_w = fake_width(NULL, 0, c->text, c->length);
                assert_true(c->rect.x >= 0);
                assert_true(c->rect.x + text_w <= w);
                /* Below the header, every text but the undated heading's is inside its card. */
                float list_y = (float)info.viewport.y + info.list_top - scroll;
                bool heading = (c->length == 7 && memcmp(c->text, "Undated", 7) == 0) ||
                               (c->length == 13 && memcmp(c->text, "No date known", 13) == 0);
                if ((float)c->rect.y < list_y || c->rect.y < info.viewport.y || heading)
                    continue;
                bool inside = false;
                for (size_t k = 0; k < fx->targets.count; k++) {
                    const rs_rect *r = &fx->targets.items[k].rect;
                    inside |= is_entry(&fx->targets.items[k]) && c->rect.x >= r->x && c->rect.x + text_w <= r->x + r->w &&
                              c->rect.y >= r->y && c->rect.y + fx->theme.font_px[c->style] <= r->y + r->h;
                }
                if (!inside)
                    fail_msg("%dx%d: '%.*s' at %d,%d is in no card", w, h, (int)c->length, c->text, c->rect.x,
                             c->rect.y);
            }
            assert_true(has_text(&fx->draw, "Accusation") || has_text(&fx->draw, "Answer") || scroll == 0);
            if (has_text(&fx->draw, "Undated")) {
                saw_undated = true;
                /* The heading sits between the last dated card and the first undated one. */
                const rs_target *first_undated = find_action(&fx->targets, RS_ACT_ROW, 6);
                if (!first_undated)
                    first_undated = find_action(&fx->targets, RS_ACT_EXPAND, 6);
                const rs_target *last_dated = find_action(&fx->targets, RS_ACT_EXPAND, 5);
                for (size_t i = 0; i < fx->draw.count; i++) {
                    const rs_draw_command *c = &fx->draw.items[i];
                    if (c->kind == RS_DRAW_TEXT && c->length == strlen("Undated") && memcmp(c->text, "Undated", 7) == 0) {
                        if (first_undated)
                            assert_true(c->rect.y + fx->theme.font_px[RS_STYLE_LABEL] <= first_undated->rect.y);
                        if (last_dated)
                            assert_true(c->rect.y >= last_dated->rect.y + last_dated->rect.h);
                    }
                }
            }
        }
        assert_int_equal(seen, 8); /* scrolled to the end, every card shown */
        assert_true(saw_accusation && saw_answer && saw_undated);
        free_thread_screen(s);
    }
    fx->theme = rs_theme_for(800, 480);
}

/* An unfolded event shows its whole summary, date note and source, and
 * pushes the cards under it down by as much; the others stay put. */
static void test_thread_unfold(void **state)
{
    fixture *fx = *state;
    made_thread m = {.count = 8, .undated = 2};
    rs_screen *folded = thread_screen(&m, -1), *open = thread_screen(&m, 3);
    rs_layout_info a, b;
    rs_layout_forget(fx->layout);
    lay_out_thread(fx, folded, 800, 480, 0, &a);
    float scroll = a.list_top + a.row_height * 3 - 10; /* card 3 at the top, card 4 under it */
    lay_out_thread(fx, folded, 800, 480, scroll, &a);
    rs_rect card3 = find_action(&fx->targets, RS_ACT_EXPAND, 3)->rect;
    rs_rect card4 = find_action(&fx->targets, RS_ACT_ROW, 4)->rect;
    assert_false(has_text(&fx->draw, "Source: "));
    assert_true(has_text(&fx->draw, "More ▾"));
    rs_layout_forget(fx->layout);
    lay_out_thread(fx, open, 800, 480, scroll, &b);
    rs_rect open3 = find_action(&fx->targets, RS_ACT_EXPAND, 3)->rect;
    float extra = b.content_height - a.content_height;
    assert_true(extra > 0);
    assert_int_equal(open3.y, card3.y);
    assert_int_equal(open3.h, card3.h + (int)extra);
    assert_true(has_text(&fx->draw, "Less ▴"));
    assert_true(has_text(&fx->draw, "Date: "));
    assert_true(has_text(&fx->draw, "Source: "));
    /* The whole summary: its last word is drawn. */
    bool last_word = false;
    for (size_t i = 0; i < fx->draw.count; i++) {
        const rs_draw_command *c = &fx->draw.items[i];
        last_word |= c->kind == RS_DRAW_TEXT && c->length >= 9 && memcmp(c->text + c->length - 9, "breached.", 9) == 0;
    }
    assert_true(last_word);
    lay_out_thread(fx, open, 800, 480, scroll + extra, &b);
    const rs_target *moved = find_action(&fx->targets, RS_ACT_ROW, 4);
    assert_non_null(moved);
    assert_int_equal(moved->rect.y, card4.y); /* under it, moved down by the extra height */
    rs_rect r = rs_layout_thread_card(fx->layout, 4);
    assert_int_equal(r.y, card4.y - fx->theme.bar_height + (int)scroll + (int)extra);
    free_thread_screen(folded), free_thread_screen(open);
}

/* A thread of 100,000 entries: the same work per frame deep in it. */
static void test_thread_is_virtual(void **state)
{
    fixture *fx = *state;
    made_thread m = {.count = 100000, .undated = 1};
    rs_screen *s = thread_screen(&m, -1);
    rs_layout_info info;
    rs_layout_forget(fx->layout);
    lay_out_thread(fx, s, 800, 480, 0, &info);
    size_t at_top = fx->draw.count;
    assert_true(info.content_height > info.row_height * 100000.0f);
    float deep = info.list_top + info.row_height * 73000.25f;
    lay_out_thread(fx, s, 800, 480, deep, &info);
    assert_true(fx->draw.count < at_top + 40);
    int64_t lowest = INT64_MAX;
    for (size_t i = 0; i < fx->targets.count; i++)
        if (is_entry(&fx->targets.items[i]) && fx->targets.items[i].action.index < lowest)
            lowest = fx->targets.items[i].action.index;
    assert_int_equal(lowest, 73000);
    /* The end: the undated heading and the last card. */
    lay_out_thread(fx, s, 800, 480, info.content_height - (float)info.viewport.h, &info);
    assert_true(has_text(&fx->draw, "Undated"));
    assert_non_null(find_action(&fx->targets, RS_ACT_EXPAND, 99999)); /* 99999 % 3 == 0: an attribution */
    free_thread_screen(s);
}

/* In the high-contrast theme every rule is black: a neutral card (an
 * event of kind other) must still read apart from an accusation. It has
 * no solid rule, only hollow ones at both edges; accusations and answers
 * keep one solid rule at their side. (It had the accusation's black rule
 * at the start edge, only its width and missing tag telling it apart.) */
static void test_thread_neutral_high_contrast(void **state)
{
    (void)state;
    char error[512];
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    rs_nav_entry entry = {.route = {.kind = RS_ROUTE_INCIDENT}, .role_filter = -1};
    snprintf(entry.route.slug, sizeof entry.route.slug, "%s", "microsoft-exchange-server-hack-2021");
    rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
    assert_non_null(s);
    rs_theme theme = rs_theme_make(800, 480, &(rs_theme_options){.high_contrast = true});
    rs_layout *layout = rs_layout_create((rs_text_measure){&theme, em_width});
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    const char *crumbs[] = {"Home", s->crumb};
    size_t neutral = 0, sided = 0;
    for (float scroll = 0;; scroll += 240) {
        rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2, .scroll = scroll};
        rs_layout_measure(layout, &theme, 800, 480, s, &info);
        int64_t first, last;
        rs_layout_thread_rows(layout, s->count, scroll, info.viewport.h, &first, &last);
        assert_true(rs_thread_screen_prepare(s->thread, first, last));
        rs_layout_frame(layout, &theme, 800, 480, &frame, &draw, &targets, &info);
        for (size_t i = 0; i < targets.count; i++) {
            if (!is_entry(&targets.items[i]))
                continue;
            rs_rect card = targets.items[i].rect;
            const rs_thread_item *item = rs_thread_screen_item(s->thread, targets.items[i].action.index);
            size_t solid = 0, hollow = 0;
            for (size_t c = 0; c < draw.count; c++) {
                const rs_draw_command *d = &draw.items[c];
                /* A rule: a narrow bar at the card's height, at one of its edges. */
                bool rule = d->rect.h == card.h && d->rect.w < theme.gap * 2 && d->rect.y == card.y &&
                            (d->rect.x == card.x || d->rect.x + d->rect.w == card.x + card.w);
                solid += rule && d->kind == RS_DRAW_FILL;
                hollow += rule && d->kind == RS_DRAW_OUTLINE;
            }
            if (item->side == RS_SIDE_NEUTRAL) {
                assert_int_equal(solid, 0);
                assert_int_equal(hollow, 2);
                neutral++;
            } else {
                assert_int_equal(solid, 1);
                assert_int_equal(hollow, 0);
                sided++;
            }
        }
        if (scroll >= info.content_height - (float)info.viewport.h)
            break;
    }
    assert_true(neutral > 0 && sided > 0);
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
    rs_screen_destroy(s);
    rs_bundle_close(bundle);
}

/* Home's tiles hold their label and count whole, inside the tile, in
 * every UI language at every size the pictures are drawn at, with the
 * sample's organisations. (The Countries tile's count "11 countries · 5
 * organisations" ran over the tile's foot at 800x480, was cut to "5…" at
 * 1280x800; its Russian label was cut inside a character.) */
/* Closer to DejaVu Sans Bold than em_width's 0.70 em (which finds even
 * "organisations" too wide for a tile at 800x480, where the real font
 * fits it): 0.60 em a letter, CJK 1 em. */
static int tile_width(void *context, int style, const char *text, size_t length)
{
    const rs_theme *t = context;
    int px = t->font_px[style], width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        width += cp >= 0x1100 ? px : px * 60 / 100;
    }
    return width;
}

static void test_home_tiles_fit(void **state)
{
    (void)state;
    char error[512];
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    static const int sizes[][2] = {{800, 480}, {1024, 600}, {1280, 800}, {1920, 1080}, {1080, 1920}, {480, 800}};
    static const rs_ui_language languages[] = {RS_UI_EN, RS_UI_ZH, RS_UI_RU};
    for (size_t language = 0; language < 3; language++) {
        rs_screen_use_language(bundle, languages[language]);
        rs_nav_entry entry = {.route = {.kind = RS_ROUTE_HOME}, .role_filter = -1};
        rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
        assert_non_null(s);
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            int width = sizes[k][0], height = sizes[k][1];
            rs_theme theme = rs_theme_for(width, height);
            rs_layout *layout = rs_layout_create((rs_text_measure){&theme, tile_width});
            rs_draw_list draw = {0};
            rs_target_list targets = {0};
            rs_layout_info info;
            const char *crumbs[] = {s->crumb};
            rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 1};
            rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
            for (int i = 0; i < RS_HOME_TILES; i++) {
                const rs_tile *tile = &s->tiles[i];
                size_t valid_up_to;
                assert_true(rs_utf8_valid(tile->label, strlen(tile->label), &valid_up_to));
                const rs_target *target = NULL;
                for (size_t n = 0; n < targets.count; n++)
                    if (targets.items[n].action.kind == RS_ACT_ROUTE &&
                        targets.items[n].action.route.kind == tile->route.kind)
                        target = &targets.items[n];
                assert_non_null(target);
                rs_rect r = target->rect;
                if (r.y + r.h > height)
                    fail_msg("%s, %dx%d: tile '%s' ends at %d", rs_i18n_code(languages[language]), width, height,
                             tile->label, r.y + r.h);
                size_t label = 0, count = 0;
                for (size_t c = 0; c < draw.count; c++) {
                    const rs_draw_command *d = &draw.items[c];
                    if (d->kind != RS_DRAW_TEXT || d->rect.x < r.x || d->rect.x >= r.x + r.w || d->rect.y < r.y ||
                        d->rect.y >= r.y + r.h)
                        continue;
                    bool hint = d->style == RS_STYLE_SECONDARY;
                    if (!hint && d->length == strlen("…") && memcmp(d->text, "…", d->length) == 0)
                        fail_msg("%s, %dx%d: tile '%s' / '%s' is cut", rs_i18n_code(languages[language]), width,
                                 height, tile->label, tile->count);
                    if (d->rect.x + tile_width(&theme, d->style, d->text, d->length) > r.x + r.w ||
                        d->rect.y + theme.font_px[d->style] > r.y + r.h)
                        fail_msg("%s, %dx%d: '%.*s' runs out of its tile", rs_i18n_code(languages[language]), width,
                                 height, (int)d->length, d->text);
                    label += d->text >= tile->label && d->text < tile->label + sizeof tile->label ? d->length : 0;
                    count += d->text >= tile->count && d->text < tile->count + sizeof tile->count ? d->length : 0;
                }
                /* Whole: every byte but the spaces where lines break. */
                assert_true(label + 2 >= strlen(tile->label) && label > 0);
                assert_true(count + 2 >= strlen(tile->count) && count > 0);
            }
            rs_draw_free(&draw);
            rs_target_list_free(&targets);
            rs_layout_destroy(layout);
        }
        rs_screen_destroy(s);
    }
    rs_screen_use_language(bundle, RS_UI_EN);
    rs_bundle_close(bundle);
}

/* Whether draw holds a text command drawing exactly text. */
static bool draws_exactly(const rs_draw_list *draw, const char *text)
{
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind == RS_DRAW_TEXT && c->length == strlen(text) && memcmp(c->text, text, c->length) == 0)
            return true;
    }
    return false;
}

/* A thread card's head, its date and its kind, is never cut, in any UI
 * language at any of the three sizes: on one line where the widest head
 * fits, else the kind beside the side's tag and the date under it. (In
 * portrait it read "2 March 2021 ·…", the kind lost; in Russian at
 * 800x480 "19 июля 2021 г. (предположительно) · Атр…".) Every card of
 * the sample's Exchange thread, scrolled through. */
static void test_thread_heads_whole(void **state)
{
    (void)state;
    char error[512];
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    static const int sizes[3][2] = {{800, 480}, {1920, 1080}, {1080, 1920}};
    static const rs_ui_language languages[] = {RS_UI_EN, RS_UI_ZH, RS_UI_RU};
    for (size_t language = 0; language < 3; language++) {
        rs_screen_use_language(bundle, languages[language]);
        rs_nav_entry entry = {.route = {.kind = RS_ROUTE_INCIDENT}, .role_filter = -1};
        snprintf(entry.route.slug, sizeof entry.route.slug, "%s", "microsoft-exchange-server-hack-2021");
        rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
        assert_non_null(s);
        assert_true(s->count >= 9);
        for (size_t k = 0; k < 3; k++) {
            int width = sizes[k][0], height = sizes[k][1];
            rs_theme theme = rs_theme_for(width, height);
            rs_layout *layout = rs_layout_create((rs_text_measure){&theme, em_width});
            rs_draw_list draw = {0};
            rs_target_list targets = {0};
            rs_layout_info info;
            const char *crumbs[] = {"Home", s->crumb};
            int64_t checked = -1;
            for (float scroll = 0;; scroll += (float)height / 3) {
                rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2, .scroll = scroll};
                rs_layout_measure(layout, &theme, width, height, s, &info);
                int64_t first, last;
                rs_layout_thread_rows(layout, s->count, scroll, info.viewport.h, &first, &last);
                assert_true(rs_thread_screen_prepare(s->thread, first, last));
                rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
                for (size_t i = 0; i < targets.count; i++) {
                    if (!is_entry(&targets.items[i]) || targets.items[i].rect.y < info.viewport.y)
                        continue; /* a card whose head is above the window */
                    rs_rect card = targets.items[i].rect;
                    const rs_thread_item *item = rs_thread_screen_item(s->thread, targets.items[i].action.index);
                    assert_non_null(item);
                    /* Its head drawn: on one line, or the kind whole and the date. */
                    bool head = draws_exactly(&draw, item->head) || draws_exactly(&draw, item->what);
                    /* No "…" after a piece of it: an ellipsis follows the line it ends. */
                    for (size_t c = 1; c < draw.count; c++) {
                        const rs_draw_command *e = &draw.items[c], *before = &draw.items[c - 1];
                        if (e->kind != RS_DRAW_TEXT || e->length != strlen("…") || memcmp(e->text, "…", e->length) ||
                            before->kind != RS_DRAW_TEXT || e->rect.y < card.y || e->rect.y >= card.y + card.h)
                            continue;
                        char *piece = strndup(before->text, before->length);
                        if (strstr(item->head, piece) && !strstr(item->who, piece))
                            fail_msg("%s, %dx%d: the head '%s' is cut after '%s'", rs_i18n_code(languages[language]),
                                     width, height, item->head, piece);
                        free(piece);
                    }
                    if (!head)
                        fail_msg("%s, %dx%d: the head '%s' is not drawn whole", rs_i18n_code(languages[language]),
                                 width, height, item->head);
                    if (item->index > checked)
                        checked = item->index;
                }
                if (scroll >= info.content_height - (float)info.viewport.h)
                    break;
            }
            assert_int_equal(checked, s->count - 1); /* every card seen */
            rs_draw_free(&draw);
            rs_target_list_free(&targets);
            rs_layout_destroy(layout);
        }
        rs_screen_destroy(s);
    }
    rs_screen_use_language(bundle, RS_UI_EN);
    rs_bundle_close(bundle);
}

/* The reader's date and its "(inferred)" mark are never cut, in any UI
 * language at any of the three sizes: A- and A+ narrow, or move to the end
 * of the source line, to leave the date its room. (In portrait the date
 * button read "12 February 2019 (inferre..." beside two wide buttons.) */
static void test_reader_date_whole(void **state)
{
    (void)state;
    char error[512];
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    rs_statement_rows rows;
    assert_true(rs_bundle_list_page(bundle, &(rs_list_spec){.kind = RS_LIST_ALL, .role = -1}, 0, 1000, &rows));
    static const int sizes[3][2] = {{800, 480}, {1920, 1080}, {1080, 1920}};
    static const rs_ui_language languages[] = {RS_UI_EN, RS_UI_ZH, RS_UI_RU};
    size_t buttons = 0;
    for (size_t language = 0; language < 3; language++) {
        rs_screen_use_language(bundle, languages[language]);
        for (size_t row = 0; row < rows.count; row++) {
            rs_nav_entry entry = {.route = {.kind = RS_ROUTE_STATEMENT}, .role_filter = -1};
            snprintf(entry.route.slug, sizeof entry.route.slug, "%s", rows.items[row].slug);
            rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
            assert_non_null(s);
            for (size_t k = 0; k < 3; k++) {
                int width = sizes[k][0], height = sizes[k][1];
                rs_theme theme = rs_theme_for(width, height);
                rs_layout *layout = rs_layout_create((rs_text_measure){&theme, em_width});
                rs_draw_list draw = {0};
                rs_target_list targets = {0};
                rs_layout_info info;
                const char *crumbs[] = {"Home", s->crumb};
                rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
                rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
                const rs_target *larger = find_action(&targets, RS_ACT_TEXT_LARGER, 0); /* A- starts disabled */
                assert_non_null(larger);
                assert_true(larger->rect.x + larger->rect.w <= width);
                const rs_target *date = find_action(&targets, RS_ACT_EXPAND, RS_READER_NOTES);
                if (s->statement.date_note) {
                    assert_non_null(date);
                    buttons++;
                    rs_rect r = date->rect;
                    assert_false(larger->rect.x < r.x + r.w && r.x < larger->rect.x + larger->rect.w &&
                                 larger->rect.y < r.y + r.h && r.y < larger->rect.y + larger->rect.h);
                    size_t drawn = 0;
                    for (size_t i = 0; i < draw.count; i++) {
                        const rs_draw_command *c = &draw.items[i];
                        if (c->kind != RS_DRAW_TEXT || c->rect.x < r.x || c->rect.x >= r.x + r.w ||
                            c->rect.y < r.y || c->rect.y >= r.y + r.h)
                            continue;
                        if (c->length == strlen("…") && memcmp(c->text, "…", c->length) == 0)
                            fail_msg("%s, %dx%d, %s: the date button '%s' is cut", rs_i18n_code(languages[language]),
                                     width, height, entry.route.slug, s->date_line);
                        drawn += c->length;
                    }
                    assert_int_equal(drawn, strlen(s->date_line) + strlen(" ▸"));
                }
                rs_draw_free(&draw);
                rs_target_list_free(&targets);
                rs_layout_destroy(layout);
            }
            rs_screen_destroy(s);
        }
    }
    assert_true(buttons > 0);
    rs_screen_use_language(bundle, RS_UI_EN);
    rs_statement_rows_clear(&rows);
    rs_bundle_close(bundle);
}

/* Widths near DejaVu Sans's at the theme's sizes (a little wider): 0.6 em a
 * letter, 1 em a CJK character. context is the theme. */
static int scaled_width(void *context, int style, const char *text, size_t length)
{
    const rs_theme *t = context;
    int width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        width += cp >= 0x2E80 ? t->font_px[style] : t->font_px[style] * 6 / 10;
    }
    return width;
}

/* Home's six language buttons, each named in itself, fit in the bar at
 * every picture size, landscape and portrait, whatever the UI language's
 * word for "Home": inside the window, apart, each a touch target wide with
 * its name inside it; in landscape beside the breadcrumb, which in portrait
 * gives way. */
static void test_home_languages_fit(void **state)
{
    (void)state;
    static const struct {
        int width, height;
        bool crumb_shown;
    } sizes[] = {
        {800, 480, true},   {1024, 600, true},  {1280, 800, true}, {1920, 1080, true},
        {480, 800, false},  {600, 1024, false}, {1080, 1920, false}, {240, 320, false},
    };
    static const char *const homes[] = {"Home", "首页", "Главная", "الرئيسية", "Accueil", "Inicio"};
    rs_screen *s = list_screen(3, 0);
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (size_t h = 0; h < sizeof homes / sizeof homes[0]; h++) {
            int width = sizes[z].width;
            rs_theme theme = rs_theme_for(width, sizes[z].height);
            rs_layout *layout = rs_layout_create((rs_text_measure){&theme, scaled_width});
            rs_draw_list draw = {0};
            rs_target_list targets = {0};
            rs_layout_info info;
            const char *crumbs[] = {homes[h]};
            rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 1, .language = RS_UI_FR};
            rs_layout_frame(layout, &theme, width, sizes[z].height, &frame, &draw, &targets, &info);
            rs_rect buttons[RS_UI_LANGUAGE_COUNT];
            int seen = 0;
            for (size_t i = 0; i < targets.count; i++) {
                const rs_target *target = &targets.items[i];
                if (target->in_content)
                    continue;
                assert_int_equal(target->action.kind, RS_ACT_LANGUAGE);
                int language = (int)target->action.index;
                assert_true(language >= 0 && language < RS_UI_LANGUAGE_COUNT);
                assert_false(seen & (1 << language));
                seen |= 1 << language;
                buttons[language] = target->rect;
                rs_rect r = target->rect;
                assert_true(r.x >= 0 && r.x + r.w <= width);
                assert_true(r.w >= theme.target);
                assert_int_equal(r.y, 0);
                assert_int_equal(r.h, theme.bar_height - 1);
            }
            assert_int_equal(seen, (1 << RS_UI_LANGUAGE_COUNT) - 1);
            int leftmost = width;
            for (int a = 0; a < RS_UI_LANGUAGE_COUNT; a++) {
                leftmost = buttons[a].x < leftmost ? buttons[a].x : leftmost;
                /* In order, English first, and apart. */
                if (a > 0)
                    assert_true(buttons[a - 1].x + buttons[a - 1].w <= buttons[a].x);
            }
            /* Each name inside its own button; the crumb left of them all. */
            bool crumb_drawn = false;
            for (size_t i = 0; i < draw.count; i++) {
                const rs_draw_command *c = &draw.items[i];
                if (c->kind != RS_DRAW_TEXT || c->rect.y >= theme.bar_height)
                    continue;
                int w = scaled_width(&theme, (int)c->style, c->text, c->length);
                if (c->length == strlen(homes[h]) && memcmp(c->text, homes[h], c->length) == 0) {
                    crumb_drawn = true;
                    assert_true(c->rect.x >= 0 && c->rect.x + w <= leftmost);
                    continue;
                }
                int language = -1;
                for (int a = 0; a < RS_UI_LANGUAGE_COUNT; a++)
                    if (c->length == strlen(rs_i18n_endonym((rs_ui_language)a)) &&
                        memcmp(c->text, rs_i18n_endonym((rs_ui_language)a), c->length) == 0)
                        language = a;
                assert_true(language >= 0);
                assert_true(c->rect.x >= buttons[language].x);
                assert_true(c->rect.x + w <= buttons[language].x + buttons[language].w);
            }
            assert_int_equal(crumb_drawn, sizes[z].crumb_shown);
            /* The buttons share the whole bar when the crumb gives way. */
            if (!crumb_drawn)
                assert_int_equal(leftmost, 0);
            rs_draw_free(&draw);
            rs_target_list_free(&targets);
            rs_layout_destroy(layout);
        }
    free_screen(s);
}

/* Larger than the bar holds (A+ in portrait, a display scale, both): the
 * six buttons still share the window, in order and apart, each name (or
 * its start, cut with "…") inside its own button, left to right and
 * mirrored. The soak's monkey found "English" drawn off a 1080x1920
 * screen after A+. */
static void test_home_languages_never_off_screen(void **state)
{
    (void)state;
    static const int sizes[][2] = {{480, 800}, {1080, 1920}, {800, 480}, {240, 320}};
    static const rs_theme_options looks[] = {{1.0f, 1.5f, false}, {1.25f, 1.5f, false}, {1.5f, 1.5f, false}};
    rs_screen *s = list_screen(3, 0);
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++)
            for (int rtl = 0; rtl < 2; rtl++) {
                int width = sizes[z][0], height = sizes[z][1];
                rs_theme theme = rs_theme_make(width, height, &looks[k]);
                rs_layout *layout = rs_layout_create((rs_text_measure){&theme, scaled_width});
                if (rtl)
                    rs_layout_set_direction(layout, RS_LAYOUT_DIRECTION_RTL);
                rs_draw_list draw = {0};
                rs_target_list targets = {0};
                rs_layout_info info;
                const char *crumbs[] = {"Home"};
                rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 1, .language = RS_UI_EN};
                rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
                rs_rect buttons[RS_UI_LANGUAGE_COUNT];
                int seen = 0;
                for (size_t i = 0; i < targets.count; i++) {
                    const rs_target *target = &targets.items[i];
                    if (target->in_content || target->action.kind != RS_ACT_LANGUAGE)
                        continue;
                    int language = (int)target->action.index;
                    seen |= 1 << language;
                    buttons[language] = target->rect;
                    assert_true(target->rect.x >= 0 && target->rect.x + target->rect.w <= width);
                    assert_true(target->rect.w > 0);
                }
                assert_int_equal(seen, (1 << RS_UI_LANGUAGE_COUNT) - 1);
                for (int a = 1; a < RS_UI_LANGUAGE_COUNT; a++) {
                    const rs_rect *before = &buttons[rtl ? a : a - 1], *after = &buttons[rtl ? a - 1 : a];
                    assert_true(before->x + before->w <= after->x);
                }
                for (size_t i = 0; i < draw.count; i++) {
                    const rs_draw_command *c = &draw.items[i];
                    if (c->kind != RS_DRAW_TEXT || c->rect.y >= theme.bar_height)
                        continue;
                    int w = scaled_width(&theme, (int)c->style, c->text, c->length);
                    if (c->rect.x < 0 || c->rect.x + w > width)
                        fail_msg("%dx%d look %zu %s: '%.*s' at x %d, %d px wide", width, height, k, rtl ? "rtl" : "ltr",
                                 (int)c->length, c->text, c->rect.x, w);
                    for (int a = 0; a < RS_UI_LANGUAGE_COUNT; a++) {
                        const char *name = rs_i18n_endonym((rs_ui_language)a);
                        if (c->length > 1 && c->length <= strlen(name) && memcmp(c->text, name, c->length) == 0) {
                            assert_true(c->rect.x >= buttons[a].x);
                            assert_true(c->rect.x + w <= buttons[a].x + buttons[a].w);
                        }
                    }
                }
                rs_draw_free(&draw);
                rs_target_list_free(&targets);
                rs_layout_destroy(layout);
            }
    free_screen(s);
}

/* Each layer's keys type its characters: every character of its three
 * rows has one key, on screen at 800x480, a row's keys apart and in order
 * (the Arabic rows from the right, so that ض is at the top left as on the
 * standard Arabic keyboard); and the two layer keys each UI language's
 * visitor gets in each layer. */
static void test_keyboard_layers(void **state)
{
    fixture *fx = *state;
    static const struct {
        rs_keyboard_layer layer;
        const char *rows[3];
        bool right_to_left;
    } layers[] = {
        {RS_KEYBOARD_LATIN, {"qwertyuiop", "asdfghjkl", "zxcvbnm"}, false},
        {RS_KEYBOARD_CYRILLIC, {"йцукенгшщзх", "фывапролджэ", "ячсмитьбюъё"}, false},
        {RS_KEYBOARD_DIGITS, {"1234567890", "-'.,:&#", "()/\"+"}, false}, /* its "-" is in row two */
        {RS_KEYBOARD_FRENCH, {"azertyuiopéèêë", "qsdfghjklmàâçù", "wxcvbnîïôûœ"}, false},
        {RS_KEYBOARD_SPANISH, {"qwertyuiopáé", "asdfghjklñíó", "zxcvbnmúü¿¡"}, false},
        {RS_KEYBOARD_ARABIC, {"أدجحخهعغفقثصض", "ذطكمنتالبيسش", "آإظزوةىرؤءئ"}, true},
    };
    rs_screen *s = search_screen();
    rs_frame frame = {.screen = s, .crumbs = search_crumbs, .crumb_count = 2};
    rs_layout_info info;
    for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        rs_layout_set_keyboard(fx->layout, true, layers[i].layer);
        rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
        size_t keys = 0;
        for (int r = 0; r < 3; r++) {
            const char *row = layers[i].rows[r];
            const rs_target *previous = NULL;
            for (size_t at = 0; row[at];) {
                uint32_t cp;
                at += rs_utf8_decode(row + at, strlen(row + at), &cp);
                const rs_target *key = find_action(&fx->targets, RS_ACT_KEY_CHAR, (int64_t)cp);
                assert_non_null(key);
                assert_true(key->rect.x >= 0 && key->rect.x + key->rect.w <= 800 && key->rect.y + key->rect.h <= 480);
                if (previous) {
                    assert_int_equal(key->rect.y, previous->rect.y);
                    if (layers[i].right_to_left)
                        assert_true(key->rect.x + key->rect.w <= previous->rect.x);
                    else
                        assert_true(previous->rect.x + previous->rect.w <= key->rect.x);
                }
                previous = key;
                keys++;
            }
        }
        /* Its characters, the space bar and nothing else (the digits have
         * a second "-" in their third row). */
        assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_CHAR),
                         keys + 1 + (layers[i].layer == RS_KEYBOARD_DIGITS ? 1 : 0));
    }
    /* ض at the top left, ئ at the bottom left, Backspace at the right. */
    const rs_target *dad = find_action(&fx->targets, RS_ACT_KEY_CHAR, 0x636);
    const rs_target *hamza_ya = find_action(&fx->targets, RS_ACT_KEY_CHAR, 0x626);
    const rs_target *backspace = find_action(&fx->targets, RS_ACT_KEY_BACKSPACE, 0);
    for (size_t i = 0; i < fx->targets.count; i++) {
        const rs_target *k = &fx->targets.items[i];
        if (k->action.kind == RS_ACT_KEY_CHAR && k->rect.y == dad->rect.y)
            assert_true(k->rect.x >= dad->rect.x);
        if (k->action.kind == RS_ACT_KEY_CHAR && k->rect.y == hamza_ya->rect.y)
            assert_true(k->rect.x >= hamza_ya->rect.x && k->rect.x < backspace->rect.x);
    }

    /* The layer keys: the next alphabet (home's, Latin as home's variant,
     * Cyrillic, Arabic, round again) and 123; in 123, home's letters and
     * the next alphabet. */
    static const struct {
        rs_ui_language language;
        rs_keyboard_layer in, want[2];
    } switches[] = {
        {RS_UI_EN, RS_KEYBOARD_LATIN, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_EN, RS_KEYBOARD_CYRILLIC, {RS_KEYBOARD_ARABIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_EN, RS_KEYBOARD_ARABIC, {RS_KEYBOARD_LATIN, RS_KEYBOARD_DIGITS}},
        {RS_UI_EN, RS_KEYBOARD_DIGITS, {RS_KEYBOARD_LATIN, RS_KEYBOARD_CYRILLIC}},
        {RS_UI_ZH, RS_KEYBOARD_LATIN, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_RU, RS_KEYBOARD_CYRILLIC, {RS_KEYBOARD_LATIN, RS_KEYBOARD_DIGITS}},
        {RS_UI_RU, RS_KEYBOARD_LATIN, {RS_KEYBOARD_ARABIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_RU, RS_KEYBOARD_ARABIC, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_RU, RS_KEYBOARD_DIGITS, {RS_KEYBOARD_LATIN, RS_KEYBOARD_CYRILLIC}},
        {RS_UI_FR, RS_KEYBOARD_FRENCH, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_FR, RS_KEYBOARD_ARABIC, {RS_KEYBOARD_FRENCH, RS_KEYBOARD_DIGITS}},
        {RS_UI_FR, RS_KEYBOARD_DIGITS, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_FRENCH}},
        {RS_UI_ES, RS_KEYBOARD_SPANISH, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_ES, RS_KEYBOARD_ARABIC, {RS_KEYBOARD_SPANISH, RS_KEYBOARD_DIGITS}},
        {RS_UI_AR, RS_KEYBOARD_ARABIC, {RS_KEYBOARD_LATIN, RS_KEYBOARD_DIGITS}},
        {RS_UI_AR, RS_KEYBOARD_LATIN, {RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_AR, RS_KEYBOARD_CYRILLIC, {RS_KEYBOARD_ARABIC, RS_KEYBOARD_DIGITS}},
        {RS_UI_AR, RS_KEYBOARD_DIGITS, {RS_KEYBOARD_LATIN, RS_KEYBOARD_ARABIC}},
    };
    for (size_t i = 0; i < sizeof switches / sizeof switches[0]; i++) {
        rs_keyboard_layer got[2];
        rs_keyboard_switches(switches[i].in, rs_keyboard_home_layer(switches[i].language), got);
        assert_int_equal(got[0], switches[i].want[0]);
        assert_int_equal(got[1], switches[i].want[1]);
    }
    /* Drawn: the keys the frame offers are those two. */
    rs_i18n_set(RS_UI_FR);
    rs_layout_set_keyboard(fx->layout, true, RS_KEYBOARD_DIGITS);
    rs_layout_frame(fx->layout, &fx->theme, 800, 480, &frame, &fx->draw, &fx->targets, &info);
    assert_int_equal(count_kind(&fx->targets, RS_ACT_KEY_LAYER), 2);
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_LAYER, RS_KEYBOARD_CYRILLIC));
    assert_non_null(find_action(&fx->targets, RS_ACT_KEY_LAYER, RS_KEYBOARD_FRENCH));
    rs_i18n_set(RS_UI_EN);
    assert_int_equal(rs_keyboard_home_layer(RS_UI_EN), RS_KEYBOARD_LATIN);
    assert_int_equal(rs_keyboard_home_layer(RS_UI_ZH), RS_KEYBOARD_LATIN);
    assert_int_equal(rs_keyboard_home_layer(RS_UI_RU), RS_KEYBOARD_CYRILLIC);
    assert_int_equal(rs_keyboard_home_layer(RS_UI_AR), RS_KEYBOARD_ARABIC);
    assert_int_equal(rs_keyboard_home_layer(RS_UI_FR), RS_KEYBOARD_FRENCH);
    assert_int_equal(rs_keyboard_home_layer(RS_UI_ES), RS_KEYBOARD_SPANISH);
    free_screen(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_is_virtual, setup, teardown),
        cmocka_unit_test_setup_teardown(test_top_bar, setup, teardown),
        cmocka_unit_test(test_labels_whole),
        cmocka_unit_test(test_home_languages_fit),
        cmocka_unit_test(test_home_languages_never_off_screen),
        cmocka_unit_test_setup_teardown(test_keyboard_layers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pin_pad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_home_keeps_its_tiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_combining_title_measured_boundedly, setup, teardown),
        cmocka_unit_test(test_reader_first_screen),
        cmocka_unit_test_setup_teardown(test_thread_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_unfold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_is_virtual, setup, teardown),
        cmocka_unit_test(test_reader_date_whole),
        cmocka_unit_test(test_thread_heads_whole),
        cmocka_unit_test(test_home_tiles_fit),
        cmocka_unit_test(test_thread_neutral_high_contrast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
