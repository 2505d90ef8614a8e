/* The timeline without a bundle or a window: its view math (dates and
 * days, first views, pan and zoom at their limits, the window of keys), its
 * model (bars once, spans and marks per window, bounded however many there
 * are) through a fake source, and its layout with a fake text measure
 * (labels never overlap, marks' shapes by side, taps to routes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "i18n.h"
#include "layout.h"
#include "layout_timeline.h"
#include "screen.h"
#include "session.h"
#include "timeline_screen.h"
#include "utf8.h"

/* ---- a fake source ---- */

typedef struct fake_mark {
    int32_t key;
    bool event, accusation;
    const char *slug, *incident, *label;
} fake_mark;

typedef struct fake_span {
    int32_t first, last;
    int lane;
    const char *slug, *name;
} fake_span;

typedef struct fake_source {
    const rs_timeline_bar *bars;
    size_t bar_count;
    int64_t undated;
    const fake_span *spans;
    size_t span_count;
    const fake_mark *marks;
    size_t mark_count;
    int32_t generated_marks; /* > 0: one statement a day from this key's day, as many as asked for */
    int bar_reads, span_reads, mark_reads;
    int32_t last_from, last_to;
    size_t last_limit;
} fake_source;

static bool fake_bars(void *context, rs_timeline_bars *out)
{
    fake_source *f = context;
    f->bar_reads++;
    memset(out, 0, sizeof *out);
    out->items = calloc(f->bar_count ? f->bar_count : 1, sizeof *out->items);
    memcpy(out->items, f->bars, f->bar_count * sizeof *f->bars);
    out->count = f->bar_count;
    out->undated = f->undated;
    return true;
}

static char *dup(const char *text)
{
    return text ? strdup(text) : NULL;
}

static bool fake_spans(void *context, int32_t from, int32_t to, int lanes, size_t limit, rs_timeline_spans *out)
{
    fake_source *f = context;
    f->span_reads++;
    memset(out, 0, sizeof *out);
    out->items = calloc(f->span_count + 1, sizeof *out->items);
    for (size_t i = 0; i < f->span_count; i++) {
        const fake_span *s = &f->spans[i];
        out->lane_count = s->lane + 1 > out->lane_count ? s->lane + 1 : out->lane_count;
        if (s->last < from || s->first > to || s->lane >= lanes)
            continue;
        (void)limit;
        out->items[out->count++] = (rs_timeline_span){(int64_t)i + 1, dup(s->slug), dup(s->name), s->first,
                                                      s->last, s->lane, false};
    }
    return true;
}

static bool fake_marks(void *context, int32_t from, int32_t to, size_t limit, rs_timeline_marks *out)
{
    fake_source *f = context;
    f->mark_reads++;
    f->last_from = from, f->last_to = to, f->last_limit = limit;
    memset(out, 0, sizeof *out);
    out->items = calloc(limit + 1, sizeof *out->items);
    if (f->generated_marks) {
        /* A statement every day: a million of them would be ~2,700 years;
         * only what the window and the limit allow is ever made. */
        int y = from / 10000, mo = from / 100 % 100, d = from % 100;
        int32_t day = rs_timeline_days(y, mo ? mo : 1, d ? d : 1);
        for (;; day++) {
            int32_t key = rs_timeline_key(day);
            if (key > to)
                break;
            if (out->count == limit) {
                out->more = true;
                break;
            }
            char slug[32];
            snprintf(slug, sizeof slug, "s%d", key);
            out->items[out->count++] = (rs_timeline_mark){RS_THREAD_STATEMENT, day, strdup(slug), key, false, 0, NULL,
                                                          strdup("A statement")};
        }
        return true;
    }
    for (size_t i = 0; i < f->mark_count; i++) {
        const fake_mark *m = &f->marks[i];
        if (m->key < from || m->key > to)
            continue;
        if (out->count == limit) {
            out->more = true;
            break;
        }
        out->items[out->count++] =
            (rs_timeline_mark){m->event ? RS_THREAD_EVENT : RS_THREAD_STATEMENT, (int64_t)i + 1, dup(m->slug), m->key,
                               m->accusation, m->incident ? 1 : 0, dup(m->incident), dup(m->label)};
    }
    return true;
}

/* The sample corpus's shape: 2019 to 2021, a few statements a year. */
static const rs_timeline_bar corpus_bars[] = {
    {2019, 3, 1}, {2019, 11, 1}, {2020, 0, 1}, {2020, 6, 2}, {2021, 7, 3}, {2021, 12, 1},
};
static const fake_span corpus_spans[] = {
    {20190300, 20191115, 0, "alpha", "Operation Alpha"},
    {20200601, 20210720, 1, "bravo", "The Bravo intrusion"},
    {20210701, 20211220, 0, "charlie", "Charlie"},
};
static const fake_mark corpus_marks[] = {
    {20190305, true, true, NULL, "alpha", "attribution"},
    {20190310, false, false, "answer-1", "alpha", "We deny it"},
    {20200615, false, true, "accuse-2", "bravo", "They did it"},
    {20200616, true, false, NULL, "bravo", "other"},
    {20210719, true, true, NULL, "charlie", "indictment"},
    {20210720, false, false, "answer-3", "charlie", "Groundless"},
    {20210720, false, false, "answer-4", "charlie", "Also groundless"},
};

static fake_source corpus_source(void)
{
    return (fake_source){corpus_bars, sizeof corpus_bars / sizeof corpus_bars[0], 3,
                         corpus_spans, sizeof corpus_spans / sizeof corpus_spans[0],
                         corpus_marks, sizeof corpus_marks / sizeof corpus_marks[0], 0, 0, 0, 0, 0, 0, 0};
}

static rs_screen *timeline(fake_source *f, const char *route_text)
{
    rs_nav_entry entry = {0};
    char error[256];
    assert_true(rs_route_parse(route_text, &entry.route, error, sizeof error));
    rs_timeline_source source = {fake_bars, fake_spans, fake_marks, f};
    rs_screen *s = calloc(1, sizeof *s);
    assert_true(rs_timeline_screen_build_from(s, &source, NULL, &entry, error, sizeof error));
    return s;
}

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

/* ---- dates as days ---- */

static void days_and_keys(void **state)
{
    (void)state;
    assert_int_equal(rs_timeline_days(1970, 1, 1), 0);
    assert_int_equal(rs_timeline_days(1969, 12, 31), -1);
    assert_int_equal(rs_timeline_days(2000, 2, 29), 11016);
    assert_int_equal(rs_timeline_days(2021, 7, 20), 18828);
    assert_int_equal(rs_timeline_key(18828), 20210720);
    assert_int_equal(rs_timeline_key(11016), 20000229);
    assert_int_equal(rs_timeline_key(-1), 19691231);
    for (int32_t d = -800; d < 40000; d += 7)
        assert_int_equal(rs_timeline_key_days(rs_timeline_key(d)), d);
    /* A month without a day sits on its 16th, a year without a month on 1 July. */
    assert_int_equal(rs_timeline_key_days(20210700), rs_timeline_days(2021, 7, 16));
    assert_int_equal(rs_timeline_key_days(20210000), rs_timeline_days(2021, 7, 1));
}

/* ---- the view ---- */

typedef struct view_fixture {
    fake_source source;
    rs_theme theme;
    rs_layout *layout;
} view_fixture;

static int setup(void **state)
{
    view_fixture *fx = calloc(1, sizeof *fx);
    fx->source = corpus_source();
    fx->theme = rs_theme_for(800, 480);
    fx->layout = rs_layout_create(fake);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    view_fixture *fx = *state;
    rs_layout_destroy(fx->layout);
    free(fx);
    return 0;
}

/* At 800x480 the axis runs from x = 20 (the margin) for 760 px. The bars
 * cover 1 March 2019 .. 1 January 2022 (17956 .. 18993, 1037 days); zoom 1
 * shows them with a twentieth more on each side: 1140.7 days. */
#define A0 20.0
#define ALEN 760.0
#define FIRST 17956.0
#define END 18993.0
#define FULL ((END - FIRST) * 1.1)
#define MID ((FIRST + END) / 2)

static void first_views(void **state)
{
    view_fixture *fx = *state;
    rs_screen *s = timeline(&fx->source, "timeline");
    rs_view v;
    rs_layout_view_first(fx->layout, &fx->theme, 800, 480, s, &v);
    assert_true(v.set);
    assert_true(fabs(v.x - MID) < 1e-9);
    assert_true(fabs(v.zoom - 1) < 1e-12);
    rs_screen_destroy(s);

    /* A year: that year and a twentieth more on each side. */
    s = timeline(&fx->source, "timeline/2021");
    rs_layout_view_first(fx->layout, &fx->theme, 800, 480, s, &v);
    double from = rs_timeline_days(2021, 1, 1), to = rs_timeline_days(2022, 1, 1);
    assert_true(fabs(v.zoom - FULL / ((to - from) * 1.1)) < 1e-9);
    assert_true(fabs(v.x - (from + to) / 2) < 1e-9);
    rs_screen_destroy(s);

    /* A month: July 2021 and its margin (34.1 days). */
    s = timeline(&fx->source, "timeline/2021-07");
    rs_layout_view_first(fx->layout, &fx->theme, 800, 480, s, &v);
    assert_true(fabs(v.zoom - FULL / (31 * 1.1)) < 1e-9);
    assert_true(fabs(v.x - (rs_timeline_days(2021, 7, 1) + 15.5)) < 1e-9);
    rs_screen_destroy(s);
}

static void window_keys(void **state)
{
    view_fixture *fx = *state;
    rs_screen *s = timeline(&fx->source, "timeline/2021-07");
    rs_view v;
    rs_layout_view_first(fx->layout, &fx->theme, 800, 480, s, &v);
    int32_t from, to;
    rs_layout_timeline_window(fx->layout, &fx->theme, 800, 480, s, &v, &from, &to);
    /* 34.1 days in view around 16 July 2021 12:00, a quarter more each side. */
    assert_int_equal(from, rs_timeline_key((int32_t)floor(v.x - 34.1 * 0.75)));
    assert_int_equal(to, rs_timeline_key((int32_t)ceil(v.x + 34.1 * 0.75)));
    assert_int_equal(from, 20210620);
    assert_int_equal(to, 20210812);
    rs_screen_destroy(s);
}

static void pan_follows_the_finger(void **state)
{
    view_fixture *fx = *state;
    rs_screen *s = timeline(&fx->source, "timeline");
    rs_view v;
    rs_layout_view_first(fx->layout, &fx->theme, 800, 480, s, &v);
    /* At zoom 1 the whole collection is in view: nowhere to go. */
    assert_false(rs_layout_view_pan(fx->layout, &fx->theme, 800, 480, s, &v, 100, 0));
    assert_true(rs_layout_view_zoom(fx->layout, &fx->theme, 800, 480, s, &v, 4, 400, 300));
    double x = v.x;
    /* Dragging right by 76 px shows earlier days: a tenth of the view. */
    assert_true(rs_layout_view_pan(fx->layout, &fx->theme, 800, 480, s, &v, 76, 30));
    assert_true(fabs(v.x - (x - 76 / (ALEN * 4 / FULL))) < 1e-6);
    /* Far left: stops at the collection's start and its margin, then false. */
    assert_true(rs_layout_view_pan(fx->layout, &fx->theme, 800, 480, s, &v, 100000, 0));
    assert_true(fabs(v.x - (MID - FULL / 2 + FULL / 4 / 2)) < 1e-6);
    assert_false(rs_layout_view_pan(fx->layout, &fx->theme, 800, 480, s, &v, 50, 0));
    assert_true(rs_layout_view_pan(fx->layout, &fx->theme, 800, 480, s, &v, -50, 0));
    rs_screen_destroy(s);
}

static void zoom_about_the_finger(void **state)
{
    view_fixture *fx = *state;
    rs_screen *s = timeline(&fx->source, "timeline");
    rs_view v;
    rs_layout_view_first(fx->layout, &fx->theme, 800, 480, s, &v);
    /* The day under x = 250 stays under it. */
    double day = v.x + (250 - (A0 + ALEN / 2)) / (ALEN / FULL);
    assert_true(rs_layout_view_zoom(fx->layout, &fx->theme, 800, 480, s, &v, 3, 250, 100));
    assert_true(fabs(v.zoom - 3) < 1e-9);
    assert_true(fabs(v.x + (250 - (A0 + ALEN / 2)) / (ALEN * 3 / FULL) - day) < 1e-6);
    /* Out beyond the whole collection: back to zoom 1, then false. */
    assert_true(rs_layout_view_zoom(fx->layout, &fx->theme, 800, 480, s, &v, 0.1f, 250, 100));
    assert_true(fabs(v.zoom - 1) < 1e-12);
    assert_true(fabs(v.x - MID) < 1e-9);
    assert_false(rs_layout_view_zoom(fx->layout, &fx->theme, 800, 480, s, &v, 0.5f, 250, 100));
    /* In beyond one month: one month, then false. */
    assert_true(rs_layout_view_zoom(fx->layout, &fx->theme, 800, 480, s, &v, 1000, 400, 100));
    assert_true(fabs(v.zoom - FULL / 31) < 1e-9);
    assert_false(rs_layout_view_zoom(fx->layout, &fx->theme, 800, 480, s, &v, 2, 400, 100));
    rs_screen_destroy(s);
}

/* Portrait: the axis runs down, and a vertical drag pans. */
static void portrait_pans_down_the_axis(void **state)
{
    view_fixture *fx = *state;
    rs_theme theme = rs_theme_for(1080, 1920);
    rs_screen *s = timeline(&fx->source, "timeline/2020");
    rs_view v;
    rs_layout_view_first(fx->layout, &theme, 1080, 1920, s, &v);
    double x = v.x;
    assert_false(rs_layout_view_pan(fx->layout, &theme, 1080, 1920, s, &v, 300, 0));
    assert_true(rs_layout_view_pan(fx->layout, &theme, 1080, 1920, s, &v, 0, 100));
    assert_true(v.x < x);
    rs_screen_destroy(s);
}

/* ---- the model ---- */

static void bars_once_and_windows_bounded(void **state)
{
    (void)state;
    fake_source f = corpus_source();
    f.generated_marks = 1; /* a statement every day, as many as asked for */
    rs_screen *s = timeline(&f, "timeline");
    rs_timeline_screen *tl = s->timeline;
    assert_int_equal(f.bar_reads, 1);
    /* The spans' two ends, one per lane each: the range's widening. */
    assert_int_equal(f.span_reads, 2);
    assert_int_equal(rs_timeline_screen_undated(tl), 3);
    assert_string_equal(rs_timeline_screen_undated_label(tl), "3 undated");
    size_t years;
    const rs_timeline_year *y = rs_timeline_screen_years(tl, &years);
    assert_int_equal(years, 3);
    assert_int_equal(y[1].year, 2020);
    assert_int_equal(y[1].count, 3);
    assert_int_equal(rs_timeline_screen_month_max(tl), 3);
    assert_int_equal(rs_timeline_screen_year_max(tl), 4);

    assert_true(rs_timeline_screen_prepare(tl, NULL, 20210601, 20210630));
    assert_int_equal(f.mark_reads, 1);
    assert_int_equal(f.span_reads, 3);
    assert_int_equal(f.last_limit, RS_TIMELINE_MARKS);
    int32_t from, to;
    const rs_timeline_marks *m = rs_timeline_screen_marks(tl, &from, &to);
    /* Half a window more each side, from the start of its month. */
    assert_int_equal(f.last_from, 20210500);
    assert_int_equal(f.last_to, 20210715);
    assert_int_equal(m->count, 31 + 30 + 15); /* 1 May .. 15 July */
    assert_false(m->more);
    /* Inside what is loaded: nothing read. */
    assert_true(rs_timeline_screen_prepare(tl, NULL, 20210610, 20210710));
    assert_int_equal(f.mark_reads, 1);
    assert_int_equal(rs_timeline_screen_reads(tl), 1);
    /* Beyond it: one read. */
    assert_true(rs_timeline_screen_prepare(tl, NULL, 20210701, 20210731));
    assert_int_equal(f.mark_reads, 2);
    /* Ten years of daily statements: still one read of at most the limit,
     * and the marks are whole only before the last one's key. */
    assert_true(rs_timeline_screen_prepare(tl, NULL, 20100101, 20201231));
    m = rs_timeline_screen_marks(tl, &from, &to);
    assert_int_equal(f.mark_reads, 3);
    assert_int_equal(m->count, RS_TIMELINE_MARKS);
    assert_true(m->more);
    assert_int_equal(to, m->items[RS_TIMELINE_MARKS - 1].key);
    /* The same window again, or a pan within it at the same zoom: nothing. */
    assert_true(rs_timeline_screen_prepare(tl, NULL, 20100101, 20201231));
    assert_true(rs_timeline_screen_prepare(tl, NULL, 20110101, 20201231));
    assert_int_equal(f.mark_reads, 3);
    /* Zoomed in past where the marks stopped: read again there. */
    assert_true(rs_timeline_screen_prepare(tl, NULL, 20150101, 20150331));
    assert_int_equal(f.mark_reads, 4);
    m = rs_timeline_screen_marks(tl, &from, &to);
    assert_false(m->more);
    assert_true(from <= 20150101 && to > 20150331);
    rs_screen_destroy(s);
}

static void routes_without_statements_are_refused(void **state)
{
    (void)state;
    fake_source f = corpus_source();
    rs_timeline_source source = {fake_bars, fake_spans, fake_marks, &f};
    rs_nav_entry entry = {0};
    char error[256];
    assert_true(rs_route_parse("timeline/2018", &entry.route, error, sizeof error));
    rs_screen *s = calloc(1, sizeof *s);
    assert_false(rs_timeline_screen_build_from(s, &source, NULL, &entry, error, sizeof error));
    assert_string_equal(error, "This bundle has no statements dated 2018.");
    rs_screen_destroy(s);
    assert_true(rs_route_parse("timeline/2021-08", &entry.route, error, sizeof error));
    s = calloc(1, sizeof *s);
    assert_false(rs_timeline_screen_build_from(s, &source, NULL, &entry, error, sizeof error));
    assert_string_equal(error, "This bundle has no statements dated August 2021.");
    rs_screen_destroy(s);
}

static void sides_of_marks(void **state)
{
    (void)state;
    rs_timeline_mark m = {.kind = RS_THREAD_EVENT, .accusation = true, .label = "attribution"};
    assert_int_equal(rs_timeline_mark_side(&m), 0);
    m = (rs_timeline_mark){.kind = RS_THREAD_STATEMENT};
    assert_int_equal(rs_timeline_mark_side(&m), 1);
    m = (rs_timeline_mark){.kind = RS_THREAD_EVENT, .label = "denial"};
    assert_int_equal(rs_timeline_mark_side(&m), 1);
    m = (rs_timeline_mark){.kind = RS_THREAD_EVENT, .label = "other"};
    assert_int_equal(rs_timeline_mark_side(&m), 2);
}


/* ---- the layout ---- */

typedef struct drawn {
    rs_draw_list draw;
    rs_target_list targets;
    rs_theme theme;
    rs_layout *layout;
} drawn;

/* The timeline at width x height, zoomed by zoom about the middle of the
 * route's first view, prepared as the session prepares it. */
static void draw_timeline(drawn *d, rs_screen *s, int width, int height, double zoom)
{
    d->theme = rs_theme_for(width, height);
    d->layout = rs_layout_create(fake);
    rs_view v;
    rs_layout_view_first(d->layout, &d->theme, width, height, s, &v);
    if (zoom != 1)
        rs_layout_view_zoom(d->layout, &d->theme, width, height, s, &v, (float)zoom, (float)width / 2,
                            (float)height / 2);
    int32_t from, to;
    rs_layout_timeline_window(d->layout, &d->theme, width, height, s, &v, &from, &to);
    assert_true(rs_timeline_screen_prepare(s->timeline, NULL, from, to));
    const char *crumbs[] = {"Home", "Timeline"};
    rs_frame frame = {.screen = s, .crumbs = crumbs, .crumb_count = 2, .view = v};
    rs_layout_info info;
    rs_layout_frame(d->layout, &d->theme, width, height, &frame, &d->draw, &d->targets, &info);
}

static void drawn_free(drawn *d)
{
    rs_draw_free(&d->draw);
    rs_target_list_free(&d->targets);
    rs_layout_destroy(d->layout);
}

/* No two texts under the top bar overlap (an ellipsis belongs to the text
 * it follows). */
static void expect_no_overlap(const drawn *d, const char *what)
{
    const rs_draw_list *l = &d->draw;
    for (size_t i = 0; i < l->count; i++) {
        const rs_draw_command *a = &l->items[i];
        if (a->kind != RS_DRAW_TEXT || a->rect.y < d->theme.bar_height || strncmp(a->text, "…", a->length) == 0)
            continue;
        int aw = fake_width(NULL, 0, a->text, a->length), ah = d->theme.font_px[a->style] * 117 / 100;
        for (size_t j = i + 1; j < l->count; j++) {
            const rs_draw_command *b = &l->items[j];
            if (b->kind != RS_DRAW_TEXT || b->rect.y < d->theme.bar_height || strncmp(b->text, "…", b->length) == 0)
                continue;
            int bw = fake_width(NULL, 0, b->text, b->length), bh = d->theme.font_px[b->style] * 117 / 100;
            if (a->rect.x < b->rect.x + bw && b->rect.x < a->rect.x + aw && a->rect.y < b->rect.y + bh &&
                b->rect.y < a->rect.y + ah)
                fail_msg("%s: '%.*s' at (%d, %d) overlaps '%.*s' at (%d, %d)", what, (int)a->length, a->text,
                         a->rect.x, a->rect.y, (int)b->length, b->text, b->rect.x, b->rect.y);
        }
    }
}

static void labels_never_overlap(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {1920, 1080}, {1080, 1920}};
    static const double zooms[] = {1, 2, 4, 9, 20, 40};
    static const char *routes[] = {"timeline", "timeline/2021", "timeline/2021-07"};
    for (size_t r = 0; r < 3; r++)
        for (size_t k = 0; k < 3; k++)
            for (size_t z = 0; z < sizeof zooms / sizeof zooms[0]; z++) {
                fake_source f = corpus_source();
                rs_screen *s = timeline(&f, routes[r]);
                drawn d = {0};
                draw_timeline(&d, s, sizes[k][0], sizes[k][1], zooms[z]);
                char what[96];
                snprintf(what, sizeof what, "%s at %dx%d, zoom x%g", routes[r], sizes[k][0], sizes[k][1], zooms[z]);
                expect_no_overlap(&d, what);
                drawn_free(&d);
                rs_screen_destroy(s);
            }
    /* A statement every day: clusters, never a pile of labels. */
    fake_source f = corpus_source();
    f.generated_marks = 1;
    rs_screen *s = timeline(&f, "timeline/2021");
    for (size_t z = 0; z < sizeof zooms / sizeof zooms[0]; z++) {
        drawn d = {0};
        draw_timeline(&d, s, 800, 480, zooms[z]);
        expect_no_overlap(&d, "daily statements");
        drawn_free(&d);
    }
    rs_screen_destroy(s);
}

/* The drawn pieces of name, in order, one per text command found in it
 * (the ellipsis recorded as a following "…"): a piece starts where a word
 * starts and ends where one ends, except the last, which may stop inside a
 * word only when "…" follows it. Returns how many pieces were drawn. */
static int expect_name_by_words(const drawn *d, const char *name, const char *what)
{
    const rs_draw_list *l = &d->draw;
    size_t length = strlen(name);
    int pieces = 0;
    bool ended = false;
    for (size_t i = 0; i < l->count; i++) {
        const rs_draw_command *c = &l->items[i];
        if (c->kind != RS_DRAW_TEXT || c->length == 0 || strncmp(c->text, "…", c->length) == 0)
            continue;
        const char *at = NULL;
        for (const char *p = name; p + c->length <= name + length; p++)
            if (memcmp(p, c->text, c->length) == 0 && (p == name || p[-1] == ' ')) {
                at = p;
                break;
            }
        if (!at)
            continue;
        if (ended)
            fail_msg("%s: '%.*s' drawn after the name was cut", what, (int)c->length, c->text);
        pieces++;
        size_t end = (size_t)(at - name) + c->length;
        if (end < length && name[end] != ' ') {
            bool ellipsis = i + 1 < l->count && l->items[i + 1].kind == RS_DRAW_TEXT &&
                            strncmp(l->items[i + 1].text, "…", l->items[i + 1].length) == 0 &&
                            l->items[i + 1].length == strlen("…");
            if (!ellipsis)
                fail_msg("%s: '%.*s' ends inside a word of '%s'", what, (int)c->length, c->text, name);
            ended = true;
        }
    }
    return pieces;
}

/* Portrait wraps an incident's name in its lane between words (UAX #14):
 * never "Cyberespiona / ge"; a word wider than the lane ends the name
 * there with "…". The lane is as wide as the longest word needs while the
 * marks' labels keep their room, so at 1080x1920 every word shows whole. */
static void span_names_break_between_words(void **state)
{
    (void)state;
    static const fake_span spans[] = {
        {20210101, 20211231, 0, "long", "Extraordinarily longwinded cyberespionage campaign"},
    };
    static const int sizes[][2] = {{1080, 1920}, {600, 1024}, {480, 800}, {320, 480}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        fake_source f = corpus_source();
        f.spans = spans, f.span_count = 1;
        rs_screen *s = timeline(&f, "timeline/2021");
        drawn d = {0};
        draw_timeline(&d, s, sizes[k][0], sizes[k][1], 1);
        char what[64];
        snprintf(what, sizeof what, "%dx%d", sizes[k][0], sizes[k][1]);
        int pieces = expect_name_by_words(&d, spans[0].name, what);
        assert_true(pieces >= 1);
        if (k == 0) {
            /* Whole words on three lines, the last cut after its word. */
            assert_int_equal(pieces, 3);
            const rs_draw_command *first = NULL;
            for (size_t i = 0; i < d.draw.count && !first; i++)
                if (d.draw.items[i].kind == RS_DRAW_TEXT && d.draw.items[i].length == strlen("Extraordinarily") &&
                    memcmp(d.draw.items[i].text, "Extraordinarily", d.draw.items[i].length) == 0)
                    first = &d.draw.items[i];
            assert_non_null(first);
        }
        expect_no_overlap(&d, what);
        drawn_free(&d);
        rs_screen_destroy(s);
    }
}

/* The triangles of a side's colour: how many indices. */
static int side_indices(const drawn *d, rs_color color)
{
    int n = 0;
    for (size_t i = 0; i < d->draw.count; i++) {
        const rs_draw_command *c = &d->draw.items[i];
        if (c->kind == RS_DRAW_TRIANGLES && c->color.r == color.r && c->color.g == color.g && c->color.b == color.b)
            n += c->index_count;
    }
    return n;
}

static const rs_target *target_for(const drawn *d, rs_route_kind kind, const char *slug)
{
    for (size_t i = 0; i < d->targets.count; i++) {
        const rs_target *t = &d->targets.items[i];
        if (t->action.kind == RS_ACT_ROUTE && t->action.route.kind == kind && (!slug || !strcmp(t->action.route.slug, slug)))
            return t;
    }
    return NULL;
}

static void marks_by_side_and_taps(void **state)
{
    (void)state;
    fake_source f = corpus_source();
    rs_screen *s = timeline(&f, "timeline/2021-07");
    drawn d = {0};
    draw_timeline(&d, s, 800, 480, 1);
    /* July 2021: an indictment (▲, 3 indices), two answers (●, 36 each),
     * fanned out; and the legend's ▲, ● and ◆ (6). */
    assert_int_equal(side_indices(&d, d.theme.accuse), 3 + 3);
    assert_int_equal(side_indices(&d, d.theme.answer), 2 * 36 + 36);
    assert_int_equal(side_indices(&d, d.theme.text), 6);
    /* Each tap where it belongs, a target at least a target wide. */
    const rs_target *t = target_for(&d, RS_ROUTE_STATEMENT, "answer-3");
    assert_non_null(t);
    assert_true(t->rect.w >= d.theme.target && t->rect.h >= d.theme.target);
    assert_non_null(target_for(&d, RS_ROUTE_STATEMENT, "answer-4"));
    t = target_for(&d, RS_ROUTE_INCIDENT, "charlie"); /* the span, and the indictment's mark */
    assert_non_null(t);
    assert_true(t->rect.w >= d.theme.target);
    t = target_for(&d, RS_ROUTE_MONTH, NULL);
    assert_non_null(t);
    assert_int_equal(t->action.route.year, 2021);
    assert_int_equal(t->action.route.month, 7);
    assert_non_null(target_for(&d, RS_ROUTE_UNDATED, NULL));
    bool plus = false, minus = false;
    for (size_t i = 0; i < d.targets.count; i++) {
        const rs_action *a = &d.targets.items[i].action;
        plus |= a->kind == RS_ACT_ZOOM && a->index == 1;
        minus |= a->kind == RS_ACT_ZOOM && a->index == -1;
    }
    assert_true(plus && minus);
    drawn_free(&d);

    /* The whole collection: year bars, clusters that zoom in where they
     * are, and no − at zoom 1. */
    draw_timeline(&d, s, 800, 480, 1.0 / 100);
    t = target_for(&d, RS_ROUTE_YEAR, NULL);
    assert_non_null(t);
    bool cluster = false;
    minus = false;
    for (size_t i = 0; i < d.targets.count; i++) {
        const rs_target *c = &d.targets.items[i];
        minus |= c->action.kind == RS_ACT_ZOOM && c->action.index == -1;
        if (c->action.kind == RS_ACT_ZOOM_AT) {
            cluster = true;
            int x = (int)(c->action.index / 65536), y = (int)(c->action.index % 65536);
            assert_true(x >= c->rect.x && x < c->rect.x + c->rect.w && y >= c->rect.y && y < c->rect.y + c->rect.h);
        }
    }
    assert_true(cluster);
    assert_false(minus);
    drawn_free(&d);
    rs_screen_destroy(s);
}

/* A million statements cost what five do: the marks read are bounded by
 * the limit whatever the window holds. */
static void a_frame_reads_a_bounded_window(void **state)
{
    (void)state;
    fake_source f = corpus_source();
    f.generated_marks = 1;
    rs_screen *s = timeline(&f, "timeline");
    drawn d = {0};
    draw_timeline(&d, s, 800, 480, 1);
    int32_t from, to;
    const rs_timeline_marks *m = rs_timeline_screen_marks(s->timeline, &from, &to);
    assert_int_equal(m->count, RS_TIMELINE_MARKS);
    assert_true(m->more);
    size_t commands = d.draw.count;
    assert_true(commands < 400);
    drawn_free(&d);
    rs_screen_destroy(s);
}

/* ---- in a session, on the sample corpus ---- */

static void session_frame_now(rs_session *s, uint64_t now)
{
    rs_draw_list draw = {0};
    rs_session_tick(s, now);
    rs_session_frame(s, now, &draw);
    rs_draw_free(&draw);
}

static void session_tap(rs_session *s, float x, float y, uint64_t *now)
{
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, *now);
    *now += 48;
    rs_session_tick(s, *now);
    rs_session_pointer(s, RS_POINTER_UP, x, y, *now);
    *now += 16;
    session_frame_now(s, *now);
}

/* A tap on a cluster zooms in 3x about it (RS_ACT_ZOOM_AT); a tap on a statement's mark opens it, and Back returns
 * to the same view. */
static void taps_in_a_session(void **state)
{
    (void)state;
    char error[512];
    rs_bundle *bundle = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(bundle);
    rs_session *s = rs_session_create(bundle, fake, 800, 480);
    assert_int_equal(rs_session_open(s, "timeline", error, sizeof error), 0);
    uint64_t now = 1000;
    session_frame_now(s, now);
    const rs_target_list *targets = rs_session_targets(s);
    const rs_target *cluster = NULL;
    for (size_t i = 0; i < targets->count && !cluster; i++)
        if (targets->items[i].action.kind == RS_ACT_ZOOM_AT)
            cluster = &targets->items[i];
    assert_non_null(cluster);
    int64_t at = cluster->action.index;
    float x = (float)(at / 65536), y = (float)(at % 65536);
    rs_view before = rs_session_nav(s)->entries[rs_session_nav(s)->depth - 1].view;
    session_tap(s, x, y, &now);
    rs_view after = rs_session_nav(s)->entries[rs_session_nav(s)->depth - 1].view;
    assert_true(fabs(after.zoom - before.zoom * 3) < 1e-6);
    /* About the cluster, not the middle (zoom_about_the_finger checks the
     * arithmetic): the cluster is left of the middle, so the centre moved left. */
    assert_true(x < 400);
    assert_true(after.x < before.x);
    /* Zoom into July 2021, where the statements are, and open one. */
    assert_int_equal(rs_session_open(s, "timeline/2021-07", error, sizeof error), 0);
    session_frame_now(s, now += 16);
    targets = rs_session_targets(s);
    const rs_target *mark = NULL;
    for (size_t i = 0; i < targets->count && !mark; i++)
        if (targets->items[i].action.kind == RS_ACT_ROUTE && targets->items[i].action.route.kind == RS_ROUTE_STATEMENT)
            mark = &targets->items[i];
    assert_non_null(mark);
    char slug[128];
    snprintf(slug, sizeof slug, "%s", mark->action.route.slug);
    rs_view view = rs_session_nav(s)->entries[rs_session_nav(s)->depth - 1].view;
    session_tap(s, (float)(mark->rect.x + mark->rect.w / 2), (float)(mark->rect.y + mark->rect.h / 2), &now);
    assert_string_equal(rs_session_screen(s)->statement.slug, slug);
    rs_session_key(s, RS_KEY_BACK, now += 16);
    session_frame_now(s, now += 16);
    assert_int_equal(rs_session_screen(s)->kind, RS_SCREEN_TIMELINE);
    rs_view back = rs_session_nav(s)->entries[rs_session_nav(s)->depth - 1].view;
    assert_true(back.x == view.x && back.zoom == view.zoom);
    rs_session_destroy(s);
    rs_bundle_close(bundle);
}

int main(void)
{
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(days_and_keys),
        cmocka_unit_test_setup_teardown(first_views, setup, teardown),
        cmocka_unit_test_setup_teardown(window_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(pan_follows_the_finger, setup, teardown),
        cmocka_unit_test_setup_teardown(zoom_about_the_finger, setup, teardown),
        cmocka_unit_test_setup_teardown(portrait_pans_down_the_axis, setup, teardown),
        cmocka_unit_test(bars_once_and_windows_bounded),
        cmocka_unit_test(routes_without_statements_are_refused),
        cmocka_unit_test(sides_of_marks),
        cmocka_unit_test(labels_never_overlap),
        cmocka_unit_test(span_names_break_between_words),
        cmocka_unit_test(marks_by_side_and_taps),
        cmocka_unit_test(a_frame_reads_a_bounded_window),
        cmocka_unit_test(taps_in_a_session),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
