/* The mirrored UI of a right-to-left language (layout_mirror.c), with a
 * fake text measure and the direction forced (rs_layout_set_direction), so
 * it needs neither a font nor the Arabic catalog: Back on the right and
 * Home on the left, the breadcrumb read right to left with its separators
 * turned, chips, facet rows and list rows aligned right, a cut line's "…"
 * at the end its own direction has, the Latin keyboard as it is, and a tap
 * on the mirrored Back going back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "i18n.h"
#include "layout.h"
#include "screen.h"
#include "session.h"
#include "layout_private.h"
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

#define W 800
#define H 480

/* Two layouts of the same screens: one left to right, one mirrored. */
typedef struct fixture {
    rs_theme theme;
    rs_layout *ltr, *rtl;
    rs_draw_list ltr_draw, rtl_draw;
    rs_target_list ltr_targets, rtl_targets;
    rs_layout_info info;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->theme = rs_theme_for(W, H);
    fx->ltr = rs_layout_create(fake);
    fx->rtl = rs_layout_create(fake);
    rs_layout_set_direction(fx->ltr, RS_LAYOUT_DIRECTION_LTR);
    rs_layout_set_direction(fx->rtl, RS_LAYOUT_DIRECTION_RTL);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    rs_draw_free(&fx->ltr_draw), rs_draw_free(&fx->rtl_draw);
    rs_target_list_free(&fx->ltr_targets), rs_target_list_free(&fx->rtl_targets);
    rs_layout_destroy(fx->ltr), rs_layout_destroy(fx->rtl);
    free(fx);
    return 0;
}

static void lay_out(fixture *fx, const rs_frame *frame)
{
    rs_layout_frame(fx->ltr, &fx->theme, W, H, frame, &fx->ltr_draw, &fx->ltr_targets, &fx->info);
    rs_layout_frame(fx->rtl, &fx->theme, W, H, frame, &fx->rtl_draw, &fx->rtl_targets, &fx->info);
}

static const rs_target *find(const rs_target_list *targets, rs_action_kind kind, int64_t index)
{
    for (size_t i = 0; i < targets->count; i++)
        if (targets->items[i].action.kind == kind && targets->items[i].action.index == index)
            return &targets->items[i];
    return NULL;
}

/* The first text command drawing exactly text. */
static const rs_draw_command *text_command(const rs_draw_list *draw, const char *text)
{
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind == RS_DRAW_TEXT && c->length == strlen(text) && memcmp(c->text, text, c->length) == 0)
            return c;
    }
    return NULL;
}

/* A macro, so that a failure names the line that asked. */
#define assert_rect(r, x_, y_, w_, h_)                                                                              \
    do {                                                                                                           \
        rs_rect r_ = (r);                                                                                          \
        assert_int_equal(r_.x, (x_));                                                                              \
        assert_int_equal(r_.y, (y_));                                                                              \
        assert_int_equal(r_.w, (w_));                                                                              \
        assert_int_equal(r_.h, (h_));                                                                              \
    } while (0)

/* Every target of the mirrored frame is the left-to-right one's, mirrored,
 * in the same order (so Tab walks them in reading order: from the right). */
static void assert_targets_mirrored(const fixture *fx)
{
    assert_int_equal(fx->ltr_targets.count, fx->rtl_targets.count);
    for (size_t i = 0; i < fx->ltr_targets.count; i++) {
        const rs_target *a = &fx->ltr_targets.items[i], *b = &fx->rtl_targets.items[i];
        assert_true(rs_action_equal(&a->action, &b->action));
        assert_rect(b->rect, W - a->rect.x - a->rect.w, a->rect.y, a->rect.w, a->rect.h);
    }
}

static rs_screen *list_screen(size_t chips, const char *title)
{
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_LIST;
    s->heading = strdup("United Kingdom");
    s->count = 3;
    for (size_t i = 0; i < 3; i++) {
        s->window[i].id = (int64_t)i + 1;
        s->window[i].title = strdup(title);
        s->window[i].secondary = strdup("20 July 2021 · Outlet");
    }
    s->window_count = 3;
    static const char *const labels[] = {"All 3", "Spokesperson 2", "Minister 1", "Ambassador 1", "Author 1"};
    s->chips = calloc(chips, sizeof *s->chips);
    for (size_t i = 0; i < chips; i++) {
        s->chips[i].label = strdup(labels[i % 5]);
        s->chips[i].role = (int)i - 1;
        s->chips[i].active = i == 0;
    }
    s->chip_count = chips;
    return s;
}

static void free_screen(rs_screen *s)
{
    for (size_t i = 0; i < s->window_count; i++)
        free(s->window[i].title), free(s->window[i].secondary);
    for (size_t i = 0; i < s->chip_count; i++)
        free(s->chips[i].label);
    for (size_t i = 0; i < s->row_count; i++)
        free(s->rows[i].primary), free(s->rows[i].secondary), free(s->rows[i].badge);
    free(s->chips);
    free(s->rows);
    free(s->heading);
    free(s);
}

/* Back at the right end, Home at the left, the breadcrumb from the right:
 * exact rects (800x480: a 57 px bar, pad 10, gap 8). */
static void test_bar(void **state)
{
    fixture *fx = *state;
    const rs_theme *t = &fx->theme;
    rs_screen *s = list_screen(0, "Statement");
    const char *crumbs[] = {"Home", "Countries", "Britain"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 3};
    lay_out(fx, &frame);
    assert_targets_mirrored(fx);
    assert_int_equal(t->bar_height, 57);
    int pad = t->margin / 2 > t->gap ? t->margin / 2 : t->gap;
    assert_int_equal(pad, 10);
    assert_int_equal(t->gap, 8);

    /* "‹ Back" is 70 px wide: with its pads 90; "Home" 40 + 20 = 60. */
    const rs_target *back = find(&fx->rtl_targets, RS_ACT_BACK, 0);
    const rs_target *home = find(&fx->rtl_targets, RS_ACT_HOME, 0);
    assert_non_null(back), assert_non_null(home);
    assert_rect(back->rect, 800 - 90, 0, 90, 57);
    assert_rect(home->rect, 0, 0, 60, 57);
    /* Labels sit at the outer ends of their buttons. */
    assert_int_equal(text_command(&fx->rtl_draw, "‹ Back")->rect.x, 800 - 10 - 70);
    assert_int_equal(text_command(&fx->rtl_draw, "Home")->rect.x, 10);
    /* The breadcrumb starts right of Home's divider... mirrored: "Home"
     * (the first crumb, 40 px) ends pad left of Back, "Countries" (90 px)
     * follows to its left after a turned separator ("  ‹  ", 60 px). */
    const rs_target *crumb0 = find(&fx->rtl_targets, RS_ACT_CRUMB, 0);
    const rs_target *crumb1 = find(&fx->rtl_targets, RS_ACT_CRUMB, 1);
    assert_non_null(crumb0), assert_non_null(crumb1);
    int right = 800 - 90 - 10; /* where the first crumb's text ends */
    assert_rect(crumb0->rect, right - 40 - 8, 0, 40 + 16, 57);
    assert_rect(crumb1->rect, right - 40 - 60 - 90 - 8, 0, 90 + 16, 57);
    assert_null(find(&fx->rtl_targets, RS_ACT_CRUMB, 2)); /* the screen shown is no link */
    assert_null(text_command(&fx->rtl_draw, "  ›  "));
    const rs_draw_command *sep = text_command(&fx->rtl_draw, "  ‹  ");
    assert_non_null(sep);
    assert_int_equal(sep->rect.x, right - 40 - 60);
    assert_int_equal(text_command(&fx->rtl_draw, "Britain")->rect.x, right - 40 - 60 - 90 - 60 - 70);
    /* Left to right, the same bar as ever. */
    assert_rect(find(&fx->ltr_targets, RS_ACT_BACK, 0)->rect, 0, 0, 90, 57);
    assert_non_null(text_command(&fx->ltr_draw, "  ›  "));

    /* A tap near the right edge goes back, near the left goes home. */
    const rs_target *hit = rs_target_at(&fx->rtl_targets, 795, 28);
    assert_non_null(hit);
    assert_int_equal(hit->action.kind, RS_ACT_BACK);
    hit = rs_target_at(&fx->rtl_targets, 5, 28);
    assert_non_null(hit);
    assert_int_equal(hit->action.kind, RS_ACT_HOME);
    free_screen(s);
}

/* Chips fill from the right and wrap as they did; list rows keep their
 * full-width targets and right-align their titles and date lines. */
static void test_chips_and_rows(void **state)
{
    fixture *fx = *state;
    const rs_theme *t = &fx->theme;
    rs_screen *s = list_screen(5, "Statement number one");
    const char *crumbs[] = {"Home", "Countries", "United Kingdom"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 3};
    lay_out(fx, &frame);
    assert_targets_mirrored(fx);
    int margin = t->margin, pad = t->font_px[RS_STYLE_SECONDARY] * 2 / 3;
    assert_int_equal(margin, 20);
    assert_int_equal(pad, 12);
    /* "All 3": 50 px of label and 24 of pad, flush with the right margin;
     * "Spokesperson 2" (140 + 24) a gap to its left. */
    const rs_target *all = find(&fx->rtl_targets, RS_ACT_ROLE, -1);
    const rs_target *spokes = find(&fx->rtl_targets, RS_ACT_ROLE, 0);
    assert_non_null(all), assert_non_null(spokes);
    assert_int_equal(all->rect.x, 800 - 20 - 74);
    assert_int_equal(all->rect.w, 74);
    assert_int_equal(spokes->rect.x, 800 - 20 - 74 - 8 - 164);
    assert_int_equal(spokes->rect.y, all->rect.y);
    /* Each label at the right end of its chip, pad inside. */
    assert_int_equal(text_command(&fx->rtl_draw, "All 3")->rect.x, 800 - 20 - 12 - 50);
    assert_int_equal(text_command(&fx->rtl_draw, "Spokesperson 2")->rect.x, 800 - 20 - 74 - 8 - 12 - 140);

    /* Rows: the whole width still; text ends pad (16) inside the margin. */
    const rs_target *row = find(&fx->rtl_targets, RS_ACT_ROW, 0);
    assert_non_null(row);
    assert_int_equal(row->rect.x, 20);
    assert_int_equal(row->rect.w, 800 - 40);
    for (size_t i = 0; i < fx->rtl_draw.count; i++) {
        const rs_draw_command *c = &fx->rtl_draw.items[i];
        if (c->kind == RS_DRAW_TEXT && c->length == strlen("Statement number one") &&
            memcmp(c->text, "Statement number one", c->length) == 0)
            assert_int_equal(c->rect.x, 800 - 20 - 16 - 200);
    }
    /* "20 July 2021 · Outlet": 20 ASCII and one "·" = 220 px. */
    assert_int_equal(text_command(&fx->rtl_draw, "20 July 2021 · Outlet")->rect.x, 800 - 20 - 16 - 220);
    free_screen(s);
}

/* A cut line: "…" after an English title (on its right), before an Arabic
 * one (on its left), the pair where the line's box goes. */
static void test_ellipsis_follows_the_line(void **state)
{
    fixture *fx = *state;
    const char *crumbs[] = {"Home", "Dates"};
    static const char *const titles[] = {
        "A very long English statement title that will never fit in two lines of a row at this size, not even "
        "close to it at all, so it is cut, as the end of this sentence shows to anyone who reads it to the end",
        "بيان طويل جدا بيان طويل جدا بيان طويل جدا بيان طويل جدا بيان طويل جدا بيان طويل جدا بيان طويل جدا",
    };
    for (size_t k = 0; k < 2; k++) {
        rs_screen *s = list_screen(0, titles[k]);
        rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
        lay_out(fx, &frame);
        assert_targets_mirrored(fx);
        /* The second line of row 0 and its "…" (left to right: right after it). */
        const rs_draw_command *line = NULL, *dots = NULL, *ltr_line = NULL;
        for (size_t i = 0; i + 1 < fx->rtl_draw.count && !dots; i++)
            if (fx->rtl_draw.items[i + 1].kind == RS_DRAW_TEXT && fx->rtl_draw.items[i + 1].length == strlen("…") &&
                memcmp(fx->rtl_draw.items[i + 1].text, "…", strlen("…")) == 0)
                line = &fx->rtl_draw.items[i], dots = &fx->rtl_draw.items[i + 1], ltr_line = &fx->ltr_draw.items[i];
        assert_non_null(dots);
        int w = fake_width(NULL, 0, line->text, line->length);
        assert_int_equal(line->rect.y, dots->rect.y);
        /* The pair's box is the left-to-right pair's, mirrored. */
        int left = 800 - ltr_line->rect.x - w - 20;
        if (k == 0) {
            assert_int_equal(line->rect.x, left);
            assert_int_equal(dots->rect.x, left + w);
        } else {
            assert_int_equal(dots->rect.x, left);
            assert_int_equal(line->rect.x, left + 20);
        }
        assert_int_equal(left + w + 20, 800 - 20 - 16); /* ends at the row's padding */
        free_screen(s);
    }
}

/* Facet rows: the name at the right, the count's badge at the left. */
static void test_facets(void **state)
{
    fixture *fx = *state;
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_FACETS;
    s->heading = strdup("Countries");
    s->rows = calloc(2, sizeof *s->rows);
    s->rows[0] = (rs_facet_row){strdup("China"), strdup("Asia"), strdup("12"), {.kind = RS_ROUTE_HOME}};
    s->rows[1] = (rs_facet_row){strdup("Iran"), NULL, strdup("3"), {.kind = RS_ROUTE_SEARCH}};
    s->row_count = 2;
    const char *crumbs[] = {"Home", "Countries"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2, .show_scrollbar = true};
    lay_out(fx, &frame);
    assert_targets_mirrored(fx);
    /* pad 16 inside a row from 20 to 780 */
    assert_int_equal(text_command(&fx->rtl_draw, "China")->rect.x, 800 - 20 - 16 - 50);
    assert_int_equal(text_command(&fx->rtl_draw, "Asia")->rect.x, 800 - 20 - 16 - 40);
    assert_int_equal(text_command(&fx->rtl_draw, "12")->rect.x, 20 + 16);
    assert_int_equal(text_command(&fx->rtl_draw, "3")->rect.x, 20 + 16);
    assert_int_equal(text_command(&fx->ltr_draw, "12")->rect.x, 800 - 20 - 16 - 20);
    assert_int_equal(text_command(&fx->rtl_draw, "Countries")->rect.x, 800 - 20 - 90);
    free_screen(s);
}

/* The on-screen keyboard's Latin layer is a Latin keyboard whichever way
 * the UI reads: its keys where they always are. */
static void test_latin_keyboard_stays(void **state)
{
    fixture *fx = *state;
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_SEARCH;
    const char *crumbs[] = {"Home", "Search"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
    rs_layout_set_keyboard(fx->ltr, true, RS_KEYBOARD_LATIN);
    rs_layout_set_keyboard(fx->rtl, true, RS_KEYBOARD_LATIN);
    lay_out(fx, &frame);
    const rs_target *q_ltr = find(&fx->ltr_targets, RS_ACT_KEY_CHAR, 'q');
    const rs_target *q_rtl = find(&fx->rtl_targets, RS_ACT_KEY_CHAR, 'q');
    const rs_target *p_rtl = find(&fx->rtl_targets, RS_ACT_KEY_CHAR, 'p');
    assert_non_null(q_ltr), assert_non_null(q_rtl), assert_non_null(p_rtl);
    assert_rect(q_rtl->rect, q_ltr->rect.x, q_ltr->rect.y, q_ltr->rect.w, q_ltr->rect.h);
    assert_true(q_rtl->rect.x < p_rtl->rect.x);
    const rs_target *hide_ltr = find(&fx->ltr_targets, RS_ACT_KEY_HIDE, 0);
    const rs_target *hide_rtl = find(&fx->rtl_targets, RS_ACT_KEY_HIDE, 0);
    assert_rect(hide_rtl->rect, hide_ltr->rect.x, hide_ltr->rect.y, hide_ltr->rect.w, hide_ltr->rect.h);
    /* The field above it mirrors: its placeholder ends at the field's pad. */
    const char *placeholder = _("Type here to search");
    const rs_draw_command *c = text_command(&fx->rtl_draw, placeholder);
    assert_non_null(c);
    assert_int_equal(c->rect.x, 800 - 20 - 16 - fake_width(NULL, 0, placeholder, strlen(placeholder)));
    free(s);
}

/* The home screen: every target mirrored, the title at the right. */
static void test_home(void **state)
{
    fixture *fx = *state;
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_HOME;
    s->bundle_title = strdup("State hacking");
    s->bundle_description = strdup("Statements");
    static const char *const labels[] = {"Dates", "Countries", "Incidents", "Timeline", "Map"};
    for (int i = 0; i < RS_HOME_TILES; i++) {
        snprintf(s->tiles[i].label, sizeof s->tiles[i].label, "%s", labels[i]);
        snprintf(s->tiles[i].count, sizeof s->tiles[i].count, "3");
        snprintf(s->tiles[i].hint, sizeof s->tiles[i].hint, "hint");
        s->tiles[i].route = (rs_route){.kind = RS_ROUTE_HOME};
    }
    const char *crumbs[] = {"Home"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 1};
    lay_out(fx, &frame);
    assert_targets_mirrored(fx);
    /* 13 letters at the home title's size: 130 px, flush right. */
    assert_int_equal(text_command(&fx->rtl_draw, "State hacking")->rect.x, 800 - 20 - 130);
    /* The language buttons at the left end now. */
    const rs_target *first = find(&fx->rtl_targets, RS_ACT_LANGUAGE, RS_UI_LANGUAGE_COUNT - 1);
    assert_non_null(first);
    assert_int_equal(first->rect.x, 0);
    free(s->bundle_title), free(s->bundle_description);
    free(s);
}

/* The reader: the statement's own text keeps its own direction (an
 * English title and body left-aligned in the column, as UAX #9 sets them),
 * its column and everything around it (the bar, the date, the chips, A+
 * and A-) mirrored. */
static void test_reader_own_direction(void **state)
{
    fixture *fx = *state;
    char error[512];
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    rs_nav_entry entry = {.route = {.kind = RS_ROUTE_STATEMENT}, .role_filter = -1};
    snprintf(entry.route.slug, sizeof entry.route.slug, "mfa-2021-uk-smear-state-sponsored-hackers");
    rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
    assert_non_null(s);
    const char *crumbs[] = {"Home", s->crumb};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
    char *language = s->statement.language;
    /* Then without a language tag: the reader's own text is known by where
     * it points, however the reader laid it out. */
    for (int pass = 0; pass < 2; pass++) {
        s->statement.language = pass ? NULL : language;
        rs_layout_forget(fx->ltr), rs_layout_forget(fx->rtl);
        lay_out(fx, &frame);
        assert_targets_mirrored(fx);
        const char *body = s->statement.body, *title = s->statement.title;
        size_t lines = 0;
        for (size_t i = 0; i < fx->rtl_draw.count; i++) {
            const rs_draw_command *c = &fx->rtl_draw.items[i], *ltr = &fx->ltr_draw.items[i];
            assert_int_equal(c->kind, ltr->kind);
            bool own = c->kind == RS_DRAW_TEXT && ((c->text >= body && c->text < body + strlen(body)) ||
                                                  (c->text >= title && c->text < title + strlen(title)));
            if (!own)
                continue;
            /* The column is the whole content width (800x480): the lines
             * stay where left to right has them, at the left margin. */
            assert_int_equal(c->column_w, 760);
            assert_int_equal(c->rect.x, ltr->rect.x);
            assert_int_equal(c->rect.x, 20);
            lines++;
        }
        assert_true(lines >= 4);
        /* A+ and A- go to the left end, with the chips. */
        const rs_target *larger = find(&fx->rtl_targets, RS_ACT_TEXT_LARGER, 0);
        const rs_target *ltr_larger = find(&fx->ltr_targets, RS_ACT_TEXT_LARGER, 0);
        assert_non_null(larger), assert_non_null(ltr_larger);
        assert_int_equal(larger->rect.x, 800 - ltr_larger->rect.x - ltr_larger->rect.w);
        assert_true(larger->rect.x < 400);
    }
    s->statement.language = language;
    rs_screen_destroy(s);
    rs_bundle_close(bundle);
}

/* A whole session in Arabic (the direction by the UI language, AUTO): a
 * tap at the right end of the bar goes back, and the Left arrow moves the
 * focus forward (to the first row) where Right moves it back (to the bar's
 * last target); in English the other way round. */
static void run_session(rs_session *s, uint64_t *now, unsigned ms)
{
    rs_draw_list draw = {0};
    for (uint64_t end = *now + ms; *now < end;) {
        *now += 16;
        rs_session_tick(s, *now);
        if (rs_session_needs_frame(s))
            rs_session_frame(s, *now, &draw);
    }
    rs_draw_free(&draw);
}

static rs_action first_focus(rs_bundle *bundle, rs_ui_language language, rs_key key)
{
    rs_i18n_set(language);
    rs_session *s = rs_session_create(bundle, fake, W, H);
    char error[512];
    assert_int_equal(rs_session_open(s, "countries", error, sizeof error), 0);
    uint64_t now = 1000;
    run_session(s, &now, 48);
    rs_session_key(s, key, now);
    rs_action focus = rs_session_focus(s);
    rs_session_destroy(s);
    return focus;
}

static void test_session_in_arabic(void **state)
{
    (void)state;
    char error[512];
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    rs_i18n_set(RS_UI_AR);
    rs_session *s = rs_session_create(bundle, fake, W, H);
    assert_int_equal(rs_session_open(s, "countries", error, sizeof error), 0);
    uint64_t now = 1000;
    run_session(s, &now, 48);
    assert_int_equal(rs_session_nav(s)->depth, 2);
    rs_session_pointer(s, RS_POINTER_DOWN, 795, 28, now);
    run_session(s, &now, 48);
    rs_session_pointer(s, RS_POINTER_UP, 795, 28, now);
    run_session(s, &now, 48);
    assert_int_equal(rs_session_nav(s)->depth, 1);

    /* The back swipe starts at the right edge (where Back is) and goes left;
     * from the left edge it is only a drag. */
    assert_int_equal(rs_session_open(s, "countries", error, sizeof error), 0);
    run_session(s, &now, 48);
    assert_int_equal(rs_session_nav(s)->depth, 2);
    rs_session_pointer(s, RS_POINTER_DOWN, 5, 300, now);
    run_session(s, &now, 16);
    rs_session_pointer(s, RS_POINTER_MOVE, 100, 300, now);
    run_session(s, &now, 16);
    rs_session_pointer(s, RS_POINTER_UP, 200, 300, now);
    run_session(s, &now, 48);
    assert_int_equal(rs_session_nav(s)->depth, 2);
    rs_session_pointer(s, RS_POINTER_DOWN, 795, 300, now);
    run_session(s, &now, 16);
    rs_session_pointer(s, RS_POINTER_MOVE, 700, 300, now);
    run_session(s, &now, 16);
    rs_session_pointer(s, RS_POINTER_UP, 600, 300, now);
    run_session(s, &now, 48);
    assert_int_equal(rs_session_nav(s)->depth, 1);
    rs_session_destroy(s);

    /* The bar's last target: its first crumb, or Home where the crumbs
     * are too wide to be links. */
    assert_int_equal(first_focus(bundle, RS_UI_AR, RS_KEY_LEFT).kind, RS_ACT_ROUTE);
    assert_int_equal(first_focus(bundle, RS_UI_AR, RS_KEY_RIGHT).kind, RS_ACT_HOME);
    assert_int_equal(first_focus(bundle, RS_UI_EN, RS_KEY_RIGHT).kind, RS_ACT_ROUTE);
    assert_int_equal(first_focus(bundle, RS_UI_EN, RS_KEY_LEFT).kind, RS_ACT_CRUMB);
    rs_i18n_set(RS_UI_EN);
    rs_bundle_close(bundle);
}

/* 1.5 em an odd code point, 0.8 em an even one: some letters wider than
 * the keys of a 13-key row in portrait, some not. context: the theme. */
static int wide_width(void *context, int style, const char *text, size_t length)
{
    const rs_theme *t = context;
    int width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        width += cp % 2 ? t->font_px[style] * 3 / 2 : t->font_px[style] * 4 / 5;
    }
    return width;
}

/* The letter keys' texts of the keyboard drawn at width x height in
 * layer: all in one style, returned (-1: no letter key drawn). */
static int letters_style(rs_keyboard_layer layer, int width, int height)
{
    rs_theme theme = rs_theme_for(width, height);
    rs_layout *layout = rs_layout_create((rs_text_measure){&theme, wide_width});
    rs_layout_set_keyboard(layout, true, layer);
    rs_screen s = {.kind = RS_SCREEN_SEARCH};
    const char *crumbs[] = {"Home", "Search"};
    rs_frame frame = {.screen = &s, .crumbs = crumbs, .crumb_count = 2};
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    rs_layout_info info;
    rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
    int style = -1;
    for (size_t i = 0; i < targets.count; i++) {
        if (targets.items[i].action.kind != RS_ACT_KEY_CHAR || targets.items[i].action.index == ' ')
            continue;
        rs_rect r = targets.items[i].rect;
        for (size_t k = 0; k < draw.count; k++) {
            const rs_draw_command *c = &draw.items[k];
            if (c->kind != RS_DRAW_TEXT || c->rect.y < r.y || c->rect.y >= r.y + r.h || c->rect.x < r.x ||
                c->rect.x >= r.x + r.w)
                continue;
            assert_true(style == -1 || style == (int)c->style);
            style = (int)c->style;
        }
    }
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
    return style;
}

/* Arabic's thirteen keys a row in portrait: every letter at the smaller
 * size (only the widest were, and the row looked uneven); Latin at
 * 800x480 keeps the large letters. */
static void test_keyboard_letters_one_size(void **state)
{
    (void)state;
    assert_int_equal(letters_style(RS_KEYBOARD_ARABIC, 480, 800), RS_STYLE_SECONDARY);
    assert_int_equal(letters_style(RS_KEYBOARD_LATIN, 800, 480), RS_STYLE_LABEL);
}

/* Search results: an English title's highlight stays over its word in
 * the mirrored (right-aligned) line; an Arabic one's is mirrored with its
 * line, over its word too (measured from the line's start, on the right). */
static void test_search_marks(void **state)
{
    fixture *fx = *state;
    rs_screen *s = calloc(1, sizeof *s);
    s->kind = RS_SCREEN_SEARCH;
    s->search_state = RS_SEARCH_FOUND;
    snprintf(s->query, sizeof s->query, "hackers");
    rs_range english_mark = {8, 15}, arabic_mark = {0, 10}; /* "hackers"; "القراصنة" is 16 bytes: its first 5 letters */
    rs_result_item results[2] = {
        {.title = "Against hackers", .secondary = "2021", .snippet = "", .language = "en",
         .title_marks = {&english_mark, 1}},
        {.title = "القراصنة", .secondary = "2021", .snippet = "", .language = "ar",
         .title_marks = {&arabic_mark, 1}},
    };
    s->results = results, s->result_count = 2;
    const char *crumbs[] = {"Home", "Search"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2};
    lay_out(fx, &frame);
    /* Left to right: "Against " is 80 px, the mark 70 px (and a px each side). */
    const rs_draw_command *title = text_command(&fx->rtl_draw, "Against hackers");
    assert_non_null(title);
    assert_int_equal(title->rect.x, 800 - 20 - 8 - 150);
    const rs_draw_command *arabic = text_command(&fx->rtl_draw, "القراصنة");
    assert_non_null(arabic);
    assert_int_equal(arabic->rect.x, 800 - 20 - 8 - 160);
    size_t boxes = 0;
    for (size_t i = 0; i < fx->rtl_draw.count; i++) {
        const rs_draw_command *c = &fx->rtl_draw.items[i];
        if (c->kind != RS_DRAW_FILL || c->color.r != fx->theme.highlight.r || c->color.g != fx->theme.highlight.g ||
            c->color.b != fx->theme.highlight.b)
            continue;
        if (c->rect.y < arabic->rect.y - 20) /* the English title's: over "hackers", the right end of its line */
            assert_int_equal(c->rect.x, title->rect.x + 80 - 1);
        else /* the Arabic: its first five letters, at the right end of its line */
            assert_int_equal(c->rect.x, arabic->rect.x + 160 - 100 - 1);
        assert_true(c->rect.w == 72 || c->rect.w == 102);
        boxes++;
    }
    assert_int_equal(boxes, 2);
    free(s);
}

/* AUTO follows the UI language: English reads left to right, and a forced
 * direction is undone by setting AUTO again. */
static void test_auto_direction(void **state)
{
    fixture *fx = *state;
    rs_i18n_set(RS_UI_EN);
    rs_layout_set_direction(fx->rtl, RS_LAYOUT_DIRECTION_AUTO);
    assert_false(rs_layout_is_rtl(fx->rtl));
    rs_layout_set_direction(fx->rtl, RS_LAYOUT_DIRECTION_RTL);
    assert_true(rs_layout_is_rtl(fx->rtl));
    assert_false(rs_layout_is_rtl(fx->ltr));
}

/* The idle warning and the error screen are the UI's text: in a mirrored
 * UI every line ends where it began in the left-to-right one, mirrored
 * (aligned right in its box), and the box stays centred. */
static void test_overlays(void **state)
{
    fixture *fx = *state;
    rs_i18n_set(RS_UI_EN);
    rs_draw_clear(&fx->ltr_draw), rs_draw_clear(&fx->rtl_draw);
    rs_layout_countdown(fx->ltr, &fx->theme, W, H, 7, &fx->ltr_draw);
    rs_layout_countdown(fx->rtl, &fx->theme, W, H, 7, &fx->rtl_draw);
    assert_int_equal(fx->ltr_draw.count, fx->rtl_draw.count);
    size_t texts = 0;
    for (size_t i = 0; i < fx->ltr_draw.count; i++) {
        const rs_draw_command *a = &fx->ltr_draw.items[i], *b = &fx->rtl_draw.items[i];
        assert_int_equal(a->kind, b->kind);
        int wa = a->kind == RS_DRAW_TEXT ? fake_width(NULL, 0, a->text, a->length) : a->rect.w;
        assert_int_equal(b->rect.x, W - a->rect.x - wa);
        assert_int_equal(b->rect.y, a->rect.y);
        texts += a->kind == RS_DRAW_TEXT;
    }
    assert_int_equal(texts, 3);
    const rs_draw_command *title = text_command(&fx->rtl_draw, "Still reading?");
    assert_non_null(title);
    /* The box (the second fill) is centred; the title ends at its right padding. */
    const rs_draw_command *box = &fx->rtl_draw.items[1];
    assert_int_equal(box->rect.x, (W - box->rect.w) / 2);
    assert_int_equal(title->rect.x + fake_width(NULL, 0, "Still reading?", 14), box->rect.x + box->rect.w - fx->theme.margin);

    rs_layout_error(fx->ltr, &fx->theme, W, H, "Heading", "Message", &fx->ltr_draw);
    rs_layout_error(fx->rtl, &fx->theme, W, H, "Heading", "Message", &fx->rtl_draw);
    const rs_draw_command *a = text_command(&fx->ltr_draw, "Message"), *b = text_command(&fx->rtl_draw, "Message");
    assert_non_null(a), assert_non_null(b);
    assert_int_equal(b->rect.x, W - a->rect.x - 70);
}

int main(void)
{
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chips_and_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ellipsis_follows_the_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_facets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_latin_keyboard_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_home, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_own_direction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_marks, setup, teardown),
        cmocka_unit_test(test_session_in_arabic),
        cmocka_unit_test(test_keyboard_letters_one_size),
        cmocka_unit_test_setup_teardown(test_auto_direction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlays, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
