/* Tests for app/qr.c (a text's QR code as modules) and app/layout_qr.c
 * (the code and its citation in the reader, the larger code), with a
 * font-free measure. That the drawn code decodes to the URL is
 * test_pictures_qr's (zbarimg on the screenshots). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "qr.h"
#include "utf8.h"

#define XINHUA "http://www.xinhuanet.com/english/2021-07/20/c_1310072834.htm"

/* ---- the matrix ---- */

/* The smallest version at level M for the bytes (ISO/IEC 18004 table 7:
 * 62 bytes fit version 4, 84 version 5, 213 version 10), 17 + 4v modules
 * a side. */
static void test_version_and_size(void **state)
{
    (void)state;
    rs_qr *qr = rs_qr_create(XINHUA); /* 60 bytes */
    assert_non_null(qr);
    assert_int_equal(rs_qr_version(qr), 4);
    assert_int_equal(rs_qr_size(qr), 33);
    assert_string_equal(rs_qr_text(qr), XINHUA);
    rs_qr_destroy(qr);

    qr = rs_qr_create("https://www.mfa.gov.cn/ce/ceuk//eng/PressandMedia/Spokepersons/t1893648.htm"); /* 75 */
    assert_int_equal(rs_qr_version(qr), 5);
    assert_int_equal(rs_qr_size(qr), 37);
    rs_qr_destroy(qr);

    char text[300];
    memset(text, 'a', sizeof text);
    text[62] = '\0';
    qr = rs_qr_create(text);
    assert_int_equal(rs_qr_version(qr), 4);
    rs_qr_destroy(qr);
    text[62] = 'a', text[63] = '\0';
    qr = rs_qr_create(text);
    assert_int_equal(rs_qr_version(qr), 5);
    rs_qr_destroy(qr);
    text[63] = 'a', text[213] = '\0';
    qr = rs_qr_create(text);
    assert_int_equal(rs_qr_version(qr), RS_QR_MAX_VERSION);
    assert_int_equal(rs_qr_size(qr), 57);
    rs_qr_destroy(qr);
}

/* No text, or more than version 10 holds: no code. */
static void test_no_code(void **state)
{
    (void)state;
    assert_null(rs_qr_create(NULL));
    assert_null(rs_qr_create(""));
    char text[215];
    memset(text, 'a', sizeof text);
    text[214] = '\0';
    assert_null(rs_qr_create(text));
    rs_qr_destroy(NULL);
}

/* The three finder patterns: a dark ring, a light ring, a dark 3x3 core,
 * and the light separator around them; the fourth corner has none. */
static void test_finder_patterns(void **state)
{
    (void)state;
    rs_qr *qr = rs_qr_create(XINHUA);
    int n = rs_qr_size(qr);
    const int corners[3][2] = {{0, 0}, {n - 7, 0}, {0, n - 7}};
    for (int c = 0; c < 3; c++)
        for (int dy = 0; dy < 7; dy++)
            for (int dx = 0; dx < 7; dx++) {
                int ring = dx < dy ? dx : dy;
                int far = 6 - dx < 6 - dy ? 6 - dx : 6 - dy;
                ring = ring < far ? ring : far;
                assert_int_equal(rs_qr_dark(qr, corners[c][0] + dx, corners[c][1] + dy), ring != 1);
            }
    for (int i = 0; i < 8; i++) {
        assert_false(rs_qr_dark(qr, 7, i));     /* top-left's separator */
        assert_false(rs_qr_dark(qr, i, 7));
        assert_false(rs_qr_dark(qr, n - 8, i)); /* top-right's */
        assert_false(rs_qr_dark(qr, i, n - 8)); /* bottom-left's */
    }
    /* The timing pattern between them alternates, dark first. */
    for (int i = 8; i < n - 8; i++) {
        assert_int_equal(rs_qr_dark(qr, i, 6), i % 2 == 0);
        assert_int_equal(rs_qr_dark(qr, 6, i), i % 2 == 0);
    }
    rs_qr_destroy(qr);
}

/* The rectangles cover exactly the dark modules, each a run of whole
 * modules on one row, none overlapping. */
static void test_rects(void **state)
{
    (void)state;
    rs_qr *qr = rs_qr_create(XINHUA);
    int n = rs_qr_size(qr), m = 5, x = 100, y = 40;
    rs_rect *rects = NULL;
    size_t capacity = 0;
    size_t count = rs_qr_rects(qr, x, y, m, &rects, &capacity);
    unsigned char *covered = calloc((size_t)(n * n), 1);
    size_t dark = 0;
    for (int row = 0; row < n; row++)
        for (int col = 0; col < n; col++)
            dark += rs_qr_dark(qr, col, row);
    size_t area = 0;
    for (size_t i = 0; i < count; i++) {
        rs_rect r = rects[i];
        assert_int_equal((r.x - x) % m, 0);
        assert_int_equal((r.y - y) % m, 0);
        assert_int_equal(r.w % m, 0);
        assert_int_equal(r.h, m);
        for (int col = (r.x - x) / m; col < (r.x - x + r.w) / m; col++) {
            int row = (r.y - y) / m;
            assert_true(rs_qr_dark(qr, col, row));
            assert_false(covered[row * n + col]);
            covered[row * n + col] = 1;
        }
        area += (size_t)(r.w / m);
    }
    assert_int_equal(area, dark);
    assert_true(count < dark); /* runs merged */
    free(covered);
    free(rects);
    rs_qr_destroy(qr);
}

/* ---- the layout ---- */

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

typedef struct fixture {
    rs_layout *layout;
    rs_theme theme;
    rs_draw_list draw;
    rs_target_list targets;
    rs_screen screen;
    rs_layout_info info;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->layout = rs_layout_create((rs_text_measure){NULL, fake_width});
    fx->theme = rs_theme_make(800, 480, NULL);
    fx->screen.kind = RS_SCREEN_READER;
    fx->screen.statement.title = "Britain's cyberattack accusation against China sheer fabrication, slander: Chinese "
                                 "embassy";
    fx->screen.statement.body = "LONDON, July 20 (Xinhua) -- A spokesperson said so.";
    fx->screen.statement.language = "en";
    fx->screen.statement.outlet = "Xinhua";
    fx->screen.statement.url = XINHUA;
    fx->screen.date_line = "20 July 2021";
    fx->screen.place_count = 1;
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

/* Lays the reader out at width x height, scrolled to its end. */
static void frame_at(fixture *fx, int width, int height)
{
    const char *crumbs[] = {"Home", "Reader"};
    rs_frame f = {.screen = &fx->screen, .crumbs = crumbs, .crumb_count = 2};
    fx->theme = rs_theme_make(width, height, NULL);
    rs_layout_measure(fx->layout, &fx->theme, width, height, &fx->screen, &fx->info);
    float end = fx->info.content_height - (float)fx->info.viewport.h;
    f.scroll = end > 0 ? end : 0;
    rs_layout_frame(fx->layout, &fx->theme, width, height, &f, &fx->draw, &fx->targets, &fx->info);
}

static void frame(fixture *fx)
{
    frame_at(fx, 800, 480);
}

/* The citation's lines as drawn (the texts between the heading and the
 * URL), joined by "|". */
static void citation_under(const rs_draw_list *draw, const char *heading, char *out, size_t size)
{
    out[0] = '\0';
    bool in = false;
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        if (c->length >= 4 && strncmp(c->text, "http", 4) == 0)
            break;
        if (in)
            snprintf(out + strlen(out), size - strlen(out), "%s%.*s", out[0] ? "|" : "", (int)c->length, c->text);
        in |= c->length == strlen(heading) && strncmp(c->text, heading, c->length) == 0;
    }
}

/* The URL's lines joined: the texts from the first that starts with "http"
 * (or "XXXX": test_block_owns_its_url's overwritten text) until url's
 * length is reached (the bars' labels come after). */
static void url_lines(const rs_draw_list *draw, const char *url, char *out, size_t size)
{
    out[0] = '\0';
    bool in = false;
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        in |= c->length >= 4 && (strncmp(c->text, "http", 4) == 0 || strncmp(c->text, "XXXX", 4) == 0);
        if (in && strlen(out) < strlen(url))
            snprintf(out + strlen(out), size - strlen(out), "%.*s", (int)c->length, c->text);
    }
}

static void citation(const rs_draw_list *draw, char *out, size_t size)
{
    citation_under(draw, "Scan for the source", out, size);
}

static const rs_draw_command *find_rects(const rs_draw_list *draw)
{
    const rs_draw_command *found = NULL;
    for (size_t i = 0; i < draw->count; i++)
        if (draw->items[i].kind == RS_DRAW_RECTS) {
            assert_null(found); /* one */
            found = &draw->items[i];
        }
    return found;
}

static size_t larger_targets(const rs_target_list *targets)
{
    size_t n = 0;
    for (size_t i = 0; i < targets->count; i++)
        n += targets->items[i].action.kind == RS_ACT_QR_LARGER;
    return n;
}

/* The white plate the code stands on: a fill of exactly rect's size. */
static bool has_plate(const rs_draw_list *draw, rs_rect plate)
{
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind == RS_DRAW_FILL && c->rect.x == plate.x && c->rect.y == plate.y && c->rect.w == plate.w &&
            c->rect.h == plate.h && c->color.r == 255 && c->color.g == 255 && c->color.b == 255)
            return true;
    }
    return false;
}

/* At 800x480: the code of version 4 (33 modules) in modules of 4 px, black,
 * on a white plate with 4 modules of quiet zone; a target on the plate and
 * the button "Show code larger"; the URL's lines are the URL, whole. */
static void test_reader_code(void **state)
{
    fixture *fx = *state;
    frame(fx);
    const rs_draw_command *code = find_rects(&fx->draw);
    assert_non_null(code);
    assert_int_equal(code->rect.w, 33 * 4);
    assert_int_equal(code->rect.h, 33 * 4);
    assert_int_equal(code->color.r, 0);
    assert_int_equal(code->color.a, 255);
    for (size_t i = 0; i < code->rect_count; i++) {
        assert_int_equal(code->rects[i].h, 4);
        assert_int_equal((code->rects[i].x - code->rect.x) % 4, 0);
        assert_int_equal(code->rects[i].w % 4, 0);
    }
    assert_true(has_plate(&fx->draw, (rs_rect){code->rect.x - 16, code->rect.y - 16, 41 * 4, 41 * 4}));
    assert_int_equal(larger_targets(&fx->targets), 2);
    /* The URL, whole, on lines that join back into it. */
    char joined[256];
    url_lines(&fx->draw, XINHUA, joined, sizeof joined);
    assert_string_equal(joined, XINHUA);
    /* The title is shortened inside its quotes; outlet and date are whole. */
    bool outlet = false, cut = false, date = false;
    for (size_t i = 0; i < fx->draw.count; i++) {
        const rs_draw_command *c = &fx->draw.items[i];
        if (c->kind != RS_DRAW_TEXT)
            continue;
        outlet |= c->length > 13 && strncmp(c->text, "Xinhua\u00a0· “", strlen("Xinhua\u00a0· “")) == 0;
        cut |= c->length >= strlen("…”\u00a0· 20 July 2021") &&
               strncmp(c->text + c->length - strlen("…”\u00a0· 20 July 2021"), "…”\u00a0· 20 July 2021",
                       strlen("…”\u00a0· 20 July 2021")) == 0;
        date |= cut;
    }
    assert_true(outlet);
    assert_true(cut && date);
}

/* No URL, or an empty one: no code, no plate, no target. */
static void test_reader_without_url(void **state)
{
    fixture *fx = *state;
    fx->screen.statement.url = NULL;
    frame(fx);
    assert_null(find_rects(&fx->draw));
    assert_int_equal(larger_targets(&fx->targets), 0);
    assert_null(rs_layout_qr_url(&fx->screen));
    fx->screen.statement.url = "";
    rs_layout_forget(fx->layout);
    frame(fx);
    assert_null(find_rects(&fx->draw));
    assert_null(rs_layout_qr_url(&fx->screen));
}

static bool draws(const rs_draw_list *draw, const char *text)
{
    for (size_t i = 0; i < draw->count; i++)
        if (draw->items[i].kind == RS_DRAW_TEXT && draw->items[i].length == strlen(text) &&
            memcmp(draw->items[i].text, text, draw->items[i].length) == 0)
            return true;
    return false;
}

/* A long outlet and a long date on a narrow screen: once the title is
 * down to "…", the outlet is shortened at a word's end, and the date
 * stays whole (the title used to go, then the date was cut); no line
 * begins with a dot. */
static void test_citation_long_outlet(void **state)
{
    fixture *fx = *state;
    fx->screen.statement.outlet = "Embassy of the People's Republic of China in the United Kingdom";
    fx->screen.date_line = "22 July 2020 (inferred date)";
    frame_at(fx, 480, 800);
    char lines[512];
    citation(&fx->draw, lines, sizeof lines);
    assert_string_equal(lines, "Embassy of the People's Republic of…\u00a0·|“…”\u00a0· 22 July 2020 (inferred date)");
}

/* A title written without spaces is shortened between two ideographs, not
 * dropped whole. */
static void test_citation_cjk_title(void **state)
{
    fixture *fx = *state;
    fx->screen.statement.title = "英国对中国的网络攻击指责纯属捏造和诽谤中方对此表示强烈不满和坚决反对";
    fx->screen.statement.outlet = "新华社";
    fx->screen.date_line = "2021年7月20日";
    frame_at(fx, 480, 800);
    char lines[512];
    citation(&fx->draw, lines, sizeof lines);
    assert_string_equal(lines, "新华社\u00a0· “英国对中国的网络攻击指责纯属捏|造和诽谤中方对此表示强…”\u00a0· 2021年7月20日");
}

/* The block is kept for the next screen with the same URL and citation
 * (Back to the same statement builds a new screen): its lines must be its
 * own copy's, not the old screen's text, which is freed with it (the soak's
 * monkey found them drawn from freed memory under AddressSanitizer). */
static void test_block_owns_its_url(void **state)
{
    fixture *fx = *state;
    char *first = strdup(XINHUA), *second = strdup(XINHUA);
    fx->screen.statement.url = first;
    frame(fx);
    memset(first, 'X', strlen(first)); /* the old screen's text, gone */
    fx->screen.statement.url = second;
    rs_layout_forget(fx->layout);
    frame(fx);
    char joined[256];
    url_lines(&fx->draw, XINHUA, joined, sizeof joined);
    assert_string_equal(joined, XINHUA);
    free(first), free(second);
}

/* A URL too long for a code (over 213 bytes): no code, no plate, nothing
 * to tap, but the reader still shows where the statement comes from:
 * "Source", the citation and the URL whole. */
static void test_reader_url_too_long(void **state)
{
    fixture *fx = *state;
    char url[400];
    snprintf(url, sizeof url, "%s?%s", XINHUA,
             "utm_source=a-newsletter-with-a-long-name&utm_medium=email&utm_campaign=the-week-in-review-of-cyber-"
             "security-statements-and-answers&utm_content=the-third-link-from-the-top-of-the-letter-x");
    assert_true(strlen(url) > 213);
    fx->screen.statement.url = url;
    frame(fx);
    assert_null(find_rects(&fx->draw));
    assert_int_equal(larger_targets(&fx->targets), 0);
    assert_true(draws(&fx->draw, "Source"));
    assert_false(draws(&fx->draw, "Scan for the source"));
    char joined[512];
    url_lines(&fx->draw, url, joined, sizeof joined);
    assert_string_equal(joined, url);
    char lines[512];
    citation_under(&fx->draw, "Source", lines, sizeof lines);
    /* The whole width is the citation's: the title whole. */
    assert_string_equal(lines, "Xinhua\u00a0· “Britain's cyberattack accusation against China sheer|fabrication, "
                               "slander: Chinese embassy”\u00a0· 20 July 2021");
}

/* Mirrored (Arabic): the plate moves to the other side, the modules with
 * it, but the code itself is not turned round: its modules keep their
 * places within it, or it would not decode. */
static void test_reader_code_mirrored(void **state)
{
    fixture *fx = *state;
    frame(fx);
    const rs_draw_command *code = find_rects(&fx->draw);
    rs_rect ltr = code->rect;
    size_t count = code->rect_count;
    rs_rect *rects = malloc(count * sizeof *rects);
    for (size_t i = 0; i < count; i++)
        rects[i] = (rs_rect){code->rects[i].x - ltr.x, code->rects[i].y - ltr.y, code->rects[i].w,
                             code->rects[i].h};
    rs_layout_set_direction(fx->layout, RS_LAYOUT_DIRECTION_RTL);
    frame(fx);
    code = find_rects(&fx->draw);
    assert_int_equal(code->rect.x, 800 - ltr.x - ltr.w);
    assert_int_equal(code->rect.y, ltr.y);
    assert_int_equal(code->rect_count, count);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(code->rects[i].x - code->rect.x, rects[i].x);
        assert_int_equal(code->rects[i].y - code->rect.y, rects[i].y);
        assert_int_equal(code->rects[i].w, rects[i].w);
    }
    assert_true(has_plate(&fx->draw, (rs_rect){code->rect.x - 16, code->rect.y - 16, 41 * 4, 41 * 4}));
    free(rects);
}

/* The larger code: centred across, most of the short side (modules of
 * 10 px at 800x480: 41 x 10 = 410 of the 480, a line under it), the
 * screen dimmed behind it, and nothing behind it to tap. */
static void test_larger(void **state)
{
    fixture *fx = *state;
    frame(fx);
    size_t before = fx->draw.count;
    rs_layout_qr_larger(fx->layout, &fx->theme, 800, 480, XINHUA, &fx->draw, &fx->targets);
    assert_int_equal(fx->targets.count, 0);
    const rs_draw_command *dim = &fx->draw.items[before];
    assert_int_equal(dim->kind, RS_DRAW_FILL);
    assert_int_equal(dim->rect.w, 800);
    assert_int_equal(dim->rect.h, 480);
    assert_true(dim->color.a > 0 && dim->color.a < 255);
    const rs_draw_command *code = NULL;
    for (size_t i = before; i < fx->draw.count; i++)
        if (fx->draw.items[i].kind == RS_DRAW_RECTS)
            code = &fx->draw.items[i];
    assert_non_null(code);
    int m = code->rect.w / 33;
    assert_int_equal(code->rect.w, 33 * m);
    assert_int_equal(m, 10);
    assert_int_equal(code->rect.x - 4 * m, (800 - 41 * m) / 2);
    assert_int_equal(code->rects[0].h, m);
    /* No URL, or one too long for a code: nothing drawn. */
    size_t count = fx->draw.count;
    rs_layout_qr_larger(fx->layout, &fx->theme, 800, 480, NULL, &fx->draw, &fx->targets);
    assert_int_equal(fx->draw.count, count);
}

/* The block is measured once per URL and size, and again when the UI
 * language changes, though the URL and the citation (here the same
 * date line in both) do not: its heading and button in the new
 * language's words (a block kept by its URL alone kept the old ones). */
static void test_language_change(void **state)
{
    fixture *fx = *state;
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    rs_i18n_set(RS_UI_EN);
    frame(fx);
    assert_true(draws(&fx->draw, "Scan for the source"));
    rs_i18n_set(RS_UI_FR);
    rs_layout_forget(fx->layout);
    frame(fx);
    const char *heading = _("Scan for the source"), *button = _("Show code larger");
    bool ok = draws(&fx->draw, heading) && draws(&fx->draw, button);
    rs_i18n_set(RS_UI_EN);
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_size),
        cmocka_unit_test(test_no_code),
        cmocka_unit_test(test_finder_patterns),
        cmocka_unit_test(test_rects),
        cmocka_unit_test_setup_teardown(test_reader_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_without_url, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_url_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_block_owns_its_url, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_code_mirrored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_larger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_language_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_citation_long_outlet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_citation_cjk_title, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
