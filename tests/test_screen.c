/* Screen models from a real bundle, without SDL: what each screen holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "screen.h"
#include "i18n.h"
#include "support.h"

/* U+00A0, the no-break space, in a string (written apart from what
 * follows it: "\xa0C" would be one escape). */
#define NBSP "\xc2\xa0"

static char *scratch, *mini;
static rs_bundle *bundle;

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    mini = support_path(scratch, "mini.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/mini", .output_path = mini, .build_time = 0};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_destroy(diags);
    char error[512];
    bundle = ok ? rs_bundle_open(mini, error, sizeof error) : NULL;
    return bundle ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_bundle_close(bundle);
    support_remove_tree(scratch);
    free(scratch), free(mini);
    return 0;
}

static rs_screen *build(const char *route_text, int role_filter)
{
    rs_nav_entry entry = {.role_filter = role_filter};
    char error[512];
    assert_true(rs_route_parse(route_text, &entry.route, error, sizeof error));
    rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
    if (!s)
        fail_msg("%s: %s", route_text, error);
    return s;
}

static void test_home(void **state)
{
    (void)state;
    rs_screen *s = build("home", -1);
    assert_int_equal(s->kind, RS_SCREEN_HOME);
    assert_string_equal(s->bundle_title, "Test collection");
    assert_string_equal(s->tiles[0].label, "Dates");
    assert_string_equal(s->tiles[0].count, "5 statements");
    assert_string_equal(s->tiles[0].hint, "2020–2021");
    assert_string_equal(s->tiles[1].count, "3 countries");
    assert_string_equal(s->tiles[1].hint, "China, United Kingdom, United States");
    assert_string_equal(s->tiles[2].count, "2 incidents");
    assert_int_equal(s->tiles[2].route.kind, RS_ROUTE_INCIDENTS);
    rs_screen_destroy(s);
}

static void test_dates(void **state)
{
    (void)state;
    rs_screen *s = build("dates", -1);
    assert_int_equal(s->kind, RS_SCREEN_FACETS);
    assert_int_equal(s->row_count, 4);
    assert_string_equal(s->rows[0].primary, "All statements");
    assert_string_equal(s->rows[0].badge, "5");
    assert_int_equal(s->rows[0].route.kind, RS_ROUTE_ALL);
    assert_string_equal(s->rows[1].primary, "2021");
    assert_string_equal(s->rows[1].badge, "3");
    assert_string_equal(s->rows[2].primary, "2020");
    assert_string_equal(s->rows[3].primary, "Undated");
    assert_int_equal(s->rows[3].route.kind, RS_ROUTE_UNDATED);
    rs_screen_destroy(s);

    s = build("statements", -1);
    assert_int_equal(s->kind, RS_SCREEN_LIST);
    assert_int_equal(s->count, 5);
    assert_true(rs_screen_prepare_rows(s, bundle, 0, 4));
    assert_string_equal(rs_screen_item(s, 4)->slug, "gamma");
    rs_screen_destroy(s);

    s = build("dates/2021", -1);
    assert_int_equal(s->row_count, 2);
    assert_string_equal(s->rows[0].primary, "2021, month unknown");
    assert_string_equal(s->rows[0].badge, "1");
    assert_string_equal(s->rows[1].primary, "July 2021");
    assert_string_equal(s->rows[1].badge, "2");
    assert_int_equal(s->rows[1].route.month, 7);
    assert_string_equal(s->subheading, "3 statements");
    rs_screen_destroy(s);

    s = build("dates/2021-07", -1);
    assert_int_equal(s->kind, RS_SCREEN_LIST);
    assert_int_equal(s->count, 2);
    assert_true(rs_screen_prepare_rows(s, bundle, 0, 1));
    assert_string_equal(rs_screen_item(s, 0)->title, "外交部发言人华春莹谈网络安全");
    assert_string_equal(rs_screen_item(s, 0)->slug, "beta");
    assert_string_equal(rs_screen_item(s, 0)->secondary, "July 2021 · 新华社");
    assert_string_equal(rs_screen_item(s, 1)->secondary, "20 July 2021 · Outlet unknown");
    assert_null(rs_screen_item(s, 2));
    rs_screen_destroy(s);

    s = build("dates/2021-00", -1);
    assert_int_equal(s->count, 1);
    assert_true(rs_screen_prepare_rows(s, bundle, 0, 0));
    assert_string_equal(rs_screen_item(s, 0)->secondary, "2021 (inferred) · Outlet unknown");
    rs_screen_destroy(s);
}

static void test_country_filter(void **state)
{
    (void)state;
    rs_screen *s = build("countries/CN", -1);
    assert_string_equal(s->heading, "China");
    assert_int_equal(s->chip_count, 3);
    assert_string_equal(s->chips[0].label, "All 2");
    assert_true(s->chips[0].active);
    assert_string_equal(s->chips[1].label, "Speaker 2");
    assert_string_equal(s->chips[2].label, "Accused 1");
    assert_int_equal(s->chips[2].role, 2);
    assert_int_equal(s->count, 2);
    assert_true(rs_screen_prepare_rows(s, bundle, 0, 1));
    assert_string_equal(rs_screen_item(s, 0)->secondary, "1 May 2020 · speaker, accused · Test Outlet");
    rs_screen_destroy(s);

    s = build("countries/CN", 2);
    assert_false(s->chips[0].active);
    assert_true(s->chips[2].active);
    assert_int_equal(s->count, 1);
    assert_true(rs_screen_prepare_rows(s, bundle, 0, 0));
    assert_string_equal(rs_screen_item(s, 0)->title, "Alpha accuses nobody");
    rs_screen_destroy(s);
}

static void test_incident(void **state)
{
    (void)state;
    rs_screen *s = build("incidents/test-incident", -1);
    assert_int_equal(s->kind, RS_SCREEN_THREAD); /* its events and statements as one thread */
    assert_int_equal(rs_thread_screen_count(s->thread), 2);
    assert_int_equal(rs_thread_screen_undated_start(s->thread), 2);
    assert_true(rs_screen_prepare_rows(s, bundle, 0, 1)); /* not a list: nothing to do */
    assert_true(rs_thread_screen_prepare(s->thread, 0, 1));
    assert_string_equal(rs_thread_screen_item(s->thread, 0)->side_label, "Answer");
    assert_string_equal(s->heading, "Test incident");
    assert_string_equal(s->subheading, "May 2020 · 2" NBSP "statements");
    assert_string_equal(s->summary, "An incident the test statements refer to.");
    assert_int_equal(s->count, 2);
    rs_screen_destroy(s);
}

static void test_reader(void **state)
{
    (void)state;
    rs_screen *s = build("statements/alpha", -1);
    assert_int_equal(s->kind, RS_SCREEN_READER);
    assert_string_equal(s->crumb, "Alpha accuses nobody");
    assert_string_equal(s->meta_line, "1 May 2020 · Test Outlet");
    assert_string_equal(s->speaker_line, "A. Speaker, Spokesperson");
    assert_int_equal(s->chip_count, 3);
    assert_string_equal(s->chips[0].label, "China · speaker, accused");
    assert_string_equal(s->chips[1].label, "United Kingdom · accuser");
    assert_string_equal(s->chips[2].label, "Test incident");
    assert_int_equal(s->chips[2].route.kind, RS_ROUTE_INCIDENT);
    assert_int_equal(s->also_count, 1);
    assert_string_equal(s->also[0].slug, "gamma");
    assert_string_equal(s->also[0].secondary, "Date unknown · Other Outlet");
    /* Opened without a list: previous/next walk all statements by date. */
    assert_int_equal(s->place.spec.kind, RS_LIST_ALL);
    assert_int_equal(s->place.pos, 0);
    assert_int_equal(s->place_count, 5);
    rs_screen_destroy(s);
}

/* An incident's suggestion chip opens the incident (its query is the
 * slug); the other chips search. */
static void test_search_chips(void **state)
{
    (void)state;
    rs_screen *s = build("search", -1);
    assert_int_equal(s->kind, RS_SCREEN_SEARCH);
    assert_true(s->chip_count > 1);
    assert_string_equal(s->chips[0].label, "Test incident");
    assert_int_equal(s->chips[0].route.kind, RS_ROUTE_INCIDENT);
    assert_string_equal(s->chips[0].route.slug, "test-incident");
    for (size_t i = 1; i < s->chip_count; i++)
        assert_int_equal(s->chips[i].route.kind, RS_ROUTE_SEARCH);
    rs_screen_destroy(s);
}

static void test_missing_things(void **state)
{
    (void)state;
    const char *routes[] = {"statements/nope", "countries/FR", "incidents/nope", "dates/1999", "dates/2021-03"};
    const char *messages[] = {"This bundle has no statement 'nope'.",
                              "This bundle has no statements or events for the code FR.",
                              "This bundle has no incident 'nope'.", "This bundle has no statements dated 1999.",
                              "This bundle has no statements dated March 2021."};
    for (size_t i = 0; i < 5; i++) {
        rs_nav_entry entry = {.role_filter = -1};
        char error[512];
        assert_true(rs_route_parse(routes[i], &entry.route, error, sizeof error));
        assert_null(rs_screen_build(bundle, &entry, error, sizeof error));
        assert_string_equal(error, messages[i]);
    }
}

static void test_dates_format(void **state)
{
    (void)state;
    char out[64];
    rs_i18n_date("2021-07-20", false, out, sizeof out);
    assert_string_equal(out, "20 July 2021");
    rs_i18n_date("2021-07", true, out, sizeof out);
    assert_string_equal(out, "July 2021 (inferred)");
    rs_i18n_date("2021", false, out, sizeof out);
    assert_string_equal(out, "2021");
    rs_i18n_date(NULL, false, out, sizeof out);
    assert_string_equal(out, "Date unknown");
    rs_i18n_date("garbage", false, out, sizeof out);
    assert_string_equal(out, "Date unknown");
}

/* Dates and numbers in each language, through the compiled catalogs. */
static void test_dates_and_numbers_in_each_language(void **state)
{
    (void)state;
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    static const struct {
        rs_ui_language language;
        const char *day, *month, *year, *inferred, *number;
    } expected[] = {
        {RS_UI_EN, "20 July 2021", "July 2021", "2021", "12 February 2019 (inferred)", "1,234,567"},
        {RS_UI_ZH, "2021年7月20日", "2021年7月", "2021年", "2019年2月12日（推断）", "1,234,567"},
        {RS_UI_RU, "20 июля 2021 г.", "июль 2021 г.", "2021 г.", "12 февраля 2019 г. (предположительно)",
         "1\u00a0234\u00a0567"},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        rs_i18n_set(expected[i].language);
        char out[128];
        rs_i18n_date("2021-07-20", false, out, sizeof out);
        assert_string_equal(out, expected[i].day);
        rs_i18n_date("2021-07", false, out, sizeof out);
        assert_string_equal(out, expected[i].month);
        rs_i18n_date("2021", false, out, sizeof out);
        assert_string_equal(out, expected[i].year);
        rs_i18n_date("2019-02-12", true, out, sizeof out);
        assert_string_equal(out, expected[i].inferred);
        rs_i18n_number(1234567, out, sizeof out);
        assert_string_equal(out, expected[i].number);
    }
    rs_i18n_set(RS_UI_EN);
}

/* A search route longer than the search field holds is searched for its
 * beginning, and the screen says so (it was once an "unknown route"); a
 * query typed afterwards fits, and the words go. */
static void test_long_search_route(void **state)
{
    (void)state;
    char route[256] = "search/accuse";
    for (int i = 0; i < 100; i++)
        strcat(route, " ");
    strcat(route, "zzzz");
    rs_screen *s = build(route, -1);
    assert_true(s->query_cut);
    assert_string_equal(s->status_line,
                        "This search was too long: only its beginning is searched. 1 statement matches.");
    rs_screen_set_query(s, "accuse");
    assert_false(s->query_cut);
    assert_null(strstr(s->status_line ? s->status_line : "", "too long"));
    rs_screen_destroy(s);
    s = build("search/accuse", -1);
    assert_false(s->query_cut);
    assert_string_equal(s->status_line, "1 statement matches.");
    rs_screen_destroy(s);
}

static void test_search_classify(void **state)
{
    (void)state;
    assert_int_equal(rs_search_classify(""), RS_SEARCH_EMPTY);
    assert_int_equal(rs_search_classify("   "), RS_SEARCH_EMPTY);
    assert_int_equal(rs_search_classify("a"), RS_SEARCH_SHORT);
    assert_int_equal(rs_search_classify(" 7 "), RS_SEARCH_SHORT);
    assert_int_equal(rs_search_classify("ab"), RS_SEARCH_WAITING);
    assert_int_equal(rs_search_classify("网"), RS_SEARCH_WAITING); /* one Chinese character is a word */
    assert_int_equal(rs_search_classify("я"), RS_SEARCH_WAITING);
    assert_int_equal(rs_search_classify("!"), RS_SEARCH_WAITING); /* searched, and matches nothing */

    /* A query longer than RS_QUERY_MAX is cut before a character that does
     * not fit whole (found by fuzz_wrap: "%.*s" cut inside one). */
    char long_query[RS_QUERY_MAX + 16], out[RS_QUERY_MAX + 1];
    memset(long_query, 'a', RS_QUERY_MAX - 1);
    strcpy(long_query + RS_QUERY_MAX - 1, "网络");
    rs_query_copy(out, long_query);
    assert_int_equal(strlen(out), RS_QUERY_MAX - 1);
    strcpy(long_query + RS_QUERY_MAX - 3, "网络");
    rs_query_copy(out, long_query);
    assert_int_equal(strlen(out), RS_QUERY_MAX);
    assert_string_equal(out + RS_QUERY_MAX - 3, "网");
}

/* Typing into the query: whole characters only, up to RS_QUERY_MAX bytes. */
static void test_query_editing(void **state)
{
    (void)state;
    char query[RS_QUERY_MAX + 1] = "";
    rs_query_append(query, "ab\tc\x7f", 5); /* control characters left out */
    assert_string_equal(query, "abc");
    rs_query_append_char(query, ' ');
    rs_query_append_char(query, 0x44F);   /* я */
    rs_query_append_char(query, 0x7F51);  /* 网 */
    rs_query_append_char(query, 0x1F600); /* an emoji: four bytes */
    assert_string_equal(query, "abc я网\xF0\x9F\x98\x80");
    rs_query_append_char(query, 0xD800); /* a surrogate is no character */
    rs_query_append_char(query, 0x110000);
    rs_query_append(query, "\xFF\x80x\xE7\xBD", 5); /* bytes that are not UTF-8 */
    assert_string_equal(query, "abc я网\xF0\x9F\x98\x80x");
    rs_query_backspace(query);
    rs_query_backspace(query); /* the emoji, all four bytes */
    assert_string_equal(query, "abc я网");
    rs_query_backspace(query);
    assert_string_equal(query, "abc я");

    /* Full: the first character that does not fit whole ends the typing. */
    memset(query, 'a', RS_QUERY_MAX - 2);
    query[RS_QUERY_MAX - 2] = '\0';
    rs_query_append(query, "网b", 4);
    assert_int_equal(strlen(query), RS_QUERY_MAX - 2);
    rs_query_append(query, "bc网", 5);
    assert_int_equal(strlen(query), RS_QUERY_MAX);
    assert_string_equal(query + RS_QUERY_MAX - 2, "bc");
    rs_query_backspace(query);
    assert_int_equal(strlen(query), RS_QUERY_MAX - 1);
    char empty[RS_QUERY_MAX + 1] = "";
    rs_query_backspace(empty);
    assert_string_equal(empty, "");
}

/* Previous/Next from the reader, a statement opened directly, the attract
 * loop's slides: what the session asks of the bundle through the models. */
static void test_reader_walk_and_slides(void **state)
{
    (void)state;
    rs_screen *list = build("statements", -1);
    assert_true(rs_screen_prepare_rows(list, bundle, 0, 4));
    assert_int_equal(list->count, 5);
    rs_screen *s = build("statements/alpha", -1);
    rs_route route;
    rs_list_place place;
    assert_false(rs_screen_neighbour(s, bundle, -1, &route, &place)); /* the first */
    assert_true(rs_screen_neighbour(s, bundle, 1, &route, &place));
    assert_int_equal(route.kind, RS_ROUTE_STATEMENT);
    assert_string_equal(route.slug, rs_screen_item(list, 1)->slug);
    assert_true(place.valid);
    assert_int_equal(place.spec.kind, RS_LIST_ALL);
    assert_int_equal(place.pos, 1);
    assert_false(rs_screen_neighbour(list, bundle, 1, &route, &place)); /* not a reader */
    rs_screen_destroy(s);

    char last[160];
    snprintf(last, sizeof last, "statements/%s", rs_screen_item(list, 4)->slug);
    s = build(last, -1);
    assert_int_equal(s->place.pos, 4);
    assert_false(rs_screen_neighbour(s, bundle, 1, &route, &place)); /* the last */
    assert_true(rs_screen_neighbour(s, bundle, -1, &route, &place));
    assert_string_equal(route.slug, rs_screen_item(list, 3)->slug);
    rs_screen_destroy(s);

    /* Opened directly: under its date, its place in every statement. */
    rs_nav nav;
    rs_nav_reset(&nav);
    assert_true(rs_route_parse("statements/alpha", &route, last, sizeof last));
    assert_true(rs_screen_statement_stack(bundle, &route, &nav));
    assert_int_equal(nav.depth, 5);
    const char *expected[] = {"home", "dates", "dates/2020", "dates/2020-05", "statements/alpha"};
    for (size_t i = 0; i < nav.depth; i++) {
        char text[160];
        rs_route_format(&nav.entries[i].route, text, sizeof text);
        assert_string_equal(text, expected[i]);
    }
    assert_true(nav.entries[4].place.valid);
    assert_int_equal(nav.entries[4].place.pos, 0);
    assert_true(rs_route_parse("statements/nothing", &route, last, sizeof last));
    assert_false(rs_screen_statement_stack(bundle, &route, &nav));
    assert_int_equal(nav.depth, 5); /* untouched */

    /* Slides walk the statements by a stride of 7919: 1, 5, 4, ... */
    rs_slide *slide = rs_slide_build(bundle, 0);
    assert_non_null(slide);
    assert_int_equal(slide->statement.id, 1);
    assert_string_equal(slide->statement.title, "Alpha accuses nobody");
    assert_string_equal(slide->meta_line, "1 May 2020 · Test Outlet");
    rs_slide_destroy(slide);
    slide = rs_slide_build(bundle, 1);
    assert_int_equal(slide->statement.id, 5);
    rs_slide_destroy(slide);
    slide = rs_slide_build(bundle, 2);
    assert_int_equal(slide->statement.id, 4);
    rs_slide_destroy(slide);
    rs_screen_destroy(list);
}

/* ---- the incident thread's model, on hand-made entries ---- */

/* A made-up thread: dated entries first (day i % 28 + 1 of July 2021),
 * then undated ones. Position i % 4: 0 an attribution (accuses), 1 a
 * response (a statement), 2 a denial, 3 an event of kind other. */
typedef struct fake_thread {
    int64_t count, dated;
    size_t pages;    /* page calls */
    int64_t fail_at; /* a page touching this position fails; -1 never */
} fake_thread;

static rs_country_link fake_party(const char *code, const char *name, const char *roles)
{
    rs_country_link p = {.name = strdup(name), .roles = strdup(roles)};
    snprintf(p.code, sizeof p.code, "%s", code);
    return p;
}

static void fake_entry(rs_thread_entry *e, int64_t i, int64_t dated)
{
    memset(e, 0, sizeof *e);
    static const char *const what[] = {"attribution", "response", "denial", "other"};
    int k = (int)(i % 4);
    e->kind = k == 1 ? RS_THREAD_STATEMENT : RS_THREAD_EVENT;
    e->id = i + 1;
    e->what = strdup(what[k]);
    e->accusation = k == 0;
    char text[64];
    if (i < dated) {
        snprintf(text, sizeof text, "2021-07-%02d", (int)(i % 28) + 1);
        e->date = strdup(text);
    }
    if (k == 0)
        e->date_note = strdup("Reported a day later.");
    snprintf(text, sizeof text, "Entry %lld says something.", (long long)i);
    e->line = strdup(text);
    if (e->kind == RS_THREAD_STATEMENT) {
        snprintf(text, sizeof text, "statement-%lld", (long long)i);
        e->slug = strdup(text);
        e->title = strdup("A response");
    } else {
        e->url = strdup("https://example.org/event");
    }
    e->parties = calloc(3, sizeof *e->parties);
    e->parties[e->party_count++] = fake_party("CN", "China", k == 1 ? "speaker accused" : "accused");
    if (k != 3) {
        e->parties[e->party_count++] = fake_party("EU", "European Union", "accuser");
        e->parties[e->party_count++] = fake_party("GB", "United Kingdom", "accuser");
    }
}

static bool fake_page(void *context, int64_t incident_id, int64_t offset, size_t limit, rs_thread *out)
{
    fake_thread *f = context;
    assert_int_equal(incident_id, 7);
    f->pages++;
    memset(out, 0, sizeof *out);
    if (f->fail_at >= offset && f->fail_at < offset + (int64_t)limit)
        return false;
    int64_t n = f->count - offset;
    if (n > (int64_t)limit)
        n = (int64_t)limit;
    if (n <= 0)
        return true;
    out->items = calloc((size_t)n, sizeof *out->items);
    for (int64_t i = 0; i < n; i++)
        fake_entry(&out->items[i], offset + i, f->dated);
    out->count = (size_t)n;
    return true;
}

static void fake_clear(rs_thread *thread)
{
    for (size_t i = 0; i < thread->count; i++) {
        rs_thread_entry *e = &thread->items[i];
        free(e->slug), free(e->date), free(e->date_note), free(e->what), free(e->title), free(e->line);
        free(e->url), free(e->outlet), free(e->incident_slug), free(e->incident_name);
        for (size_t k = 0; k < e->party_count; k++)
            free(e->parties[k].name), free(e->parties[k].roles);
        free(e->parties);
    }
    free(thread->items);
    memset(thread, 0, sizeof *thread);
}

static rs_thread_screen *fake_thread_screen(fake_thread *f, int64_t unfolded)
{
    rs_thread_pager pager = {fake_page, fake_clear, f};
    return rs_thread_screen_create(&pager, 7, f->count, unfolded);
}

static void test_thread_sides(void **state)
{
    (void)state;
    rs_thread_entry e = {.kind = RS_THREAD_EVENT, .what = "attribution", .accusation = true};
    assert_int_equal(rs_thread_side_of(&e), RS_SIDE_ACCUSATION);
    e = (rs_thread_entry){.kind = RS_THREAD_STATEMENT, .what = "attribution", .accusation = true};
    assert_int_equal(rs_thread_side_of(&e), RS_SIDE_ACCUSATION);
    e = (rs_thread_entry){.kind = RS_THREAD_STATEMENT, .what = "response"};
    assert_int_equal(rs_thread_side_of(&e), RS_SIDE_ANSWER);
    e = (rs_thread_entry){.kind = RS_THREAD_EVENT, .what = "denial"};
    assert_int_equal(rs_thread_side_of(&e), RS_SIDE_ANSWER);
    e = (rs_thread_entry){.kind = RS_THREAD_EVENT, .what = "other"};
    assert_int_equal(rs_thread_side_of(&e), RS_SIDE_NEUTRAL);
    e = (rs_thread_entry){.kind = RS_THREAD_EVENT, .what = NULL};
    assert_int_equal(rs_thread_side_of(&e), RS_SIDE_NEUTRAL);
}

/* What each entry shows, in order, with the undated ones last. */
static void test_thread_items(void **state)
{
    (void)state;
    fake_thread f = {.count = 6, .dated = 4, .fail_at = -1};
    rs_thread_screen *t = fake_thread_screen(&f, -1);
    assert_non_null(t);
    assert_int_equal(rs_thread_screen_count(t), 6);
    assert_int_equal(rs_thread_screen_undated_start(t), 4);
    assert_int_equal(rs_thread_screen_unfolded(t), -1);
    assert_null(rs_thread_screen_unfolded_item(t));
    assert_null(rs_thread_screen_item(t, 0)); /* nothing loaded before it is asked for */
    assert_true(rs_thread_screen_prepare(t, 0, 5));

    const rs_thread_item *item = rs_thread_screen_item(t, 0);
    assert_int_equal(item->index, 0);
    assert_int_equal(item->kind, RS_THREAD_EVENT);
    assert_int_equal(item->side, RS_SIDE_ACCUSATION);
    assert_string_equal(item->side_label, "Accusation");
    assert_string_equal(item->head, "1 July 2021 (inferred) · Attribution");
    assert_string_equal(item->when, "1 July 2021 (inferred)");
    assert_string_equal(item->what, "Attribution");
    /* A wrapped who line breaks neither after a role nor before a " · ". */
    assert_string_equal(item->who, "accuser:" NBSP "European Union, United Kingdom" NBSP "· accused:" NBSP "China");
    assert_null(item->title);
    assert_string_equal(item->line, "Entry 0 says something.");
    assert_string_equal(item->note, "Reported a day later.");
    assert_string_equal(item->source, "https://example.org/event");
    assert_string_equal(item->slug, "");

    item = rs_thread_screen_item(t, 1);
    assert_int_equal(item->kind, RS_THREAD_STATEMENT);
    assert_int_equal(item->side, RS_SIDE_ANSWER);
    assert_string_equal(item->side_label, "Answer");
    assert_string_equal(item->head, "2 July 2021 · Response");
    /* A statement's speaker first: who answered. */
    assert_string_equal(item->who, "speaker:" NBSP "China" NBSP "· accuser:" NBSP "European Union, United Kingdom" NBSP
                                   "· accused:" NBSP "China");
    assert_string_equal(item->title, "A response");
    assert_string_equal(item->slug, "statement-1");
    assert_null(item->note);
    assert_null(item->source);

    item = rs_thread_screen_item(t, 2);
    assert_string_equal(item->side_label, "Answer");
    assert_string_equal(item->head, "3 July 2021 · Denial");
    item = rs_thread_screen_item(t, 3);
    assert_int_equal(item->side, RS_SIDE_NEUTRAL);
    assert_string_equal(item->side_label, "");
    assert_string_equal(item->head, "4 July 2021 · Event");
    assert_string_equal(item->who, "accused:" NBSP "China");
    item = rs_thread_screen_item(t, 4);
    assert_false(item->dated);
    assert_string_equal(item->head, "Date unknown · Attribution");
    assert_true(rs_thread_screen_item(t, 3)->dated);
    assert_null(rs_thread_screen_item(t, 6));
    assert_null(rs_thread_screen_item(t, -1));
    rs_thread_screen_destroy(t);
}

/* In Chinese and Russian: labels, kinds, roles and dates translated. */
static void test_thread_languages(void **state)
{
    (void)state;
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    static const struct {
        rs_ui_language language;
        const char *side, *head, *who, *answer_head;
    } expected[] = {
        {RS_UI_ZH, "指责", "2021年7月1日（推断） · 归因", "指责方：European Union、United Kingdom" NBSP "· 被指责方：China",
         "2021年7月2日 · 回应声明"},
        /* Short role nouns in the thread, not the reader's "обвиняющая сторона". */
        {RS_UI_RU, "Обвинение", "1 июля 2021 г. (предположительно) · Атрибуция",
         "обвинитель:" NBSP "European Union, United Kingdom" NBSP "· обвиняемый:" NBSP "China",
         "2 июля 2021 г. · Ответное заявление"},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        rs_i18n_set(expected[i].language);
        fake_thread f = {.count = 2, .dated = 2, .fail_at = -1};
        rs_thread_screen *t = fake_thread_screen(&f, -1);
        assert_true(rs_thread_screen_prepare(t, 0, 1));
        assert_string_equal(rs_thread_screen_item(t, 0)->side_label, expected[i].side);
        assert_string_equal(rs_thread_screen_item(t, 0)->head, expected[i].head);
        assert_string_equal(rs_thread_screen_item(t, 0)->who, expected[i].who);
        assert_string_equal(rs_thread_screen_item(t, 1)->head, expected[i].answer_head);
        rs_thread_screen_destroy(t);
    }
    rs_i18n_set(RS_UI_EN);
}

/* Where the undated entries start, found with few reads at any length. */
static void test_thread_undated_start(void **state)
{
    (void)state;
    fake_thread all = {.count = 10000, .dated = 10000, .fail_at = -1};
    rs_thread_screen *t = fake_thread_screen(&all, -1);
    assert_int_equal(rs_thread_screen_undated_start(t), 10000);
    assert_int_equal(all.pages, 1); /* the last entry is dated: none undated */
    rs_thread_screen_destroy(t);

    fake_thread none = {.count = 10000, .dated = 0, .fail_at = -1};
    t = fake_thread_screen(&none, -1);
    assert_int_equal(rs_thread_screen_undated_start(t), 0);
    assert_true(none.pages <= 15);
    rs_thread_screen_destroy(t);

    for (int64_t dated = 0; dated <= 9; dated++) {
        fake_thread some = {.count = 9, .dated = dated, .fail_at = -1};
        t = fake_thread_screen(&some, -1);
        assert_int_equal(rs_thread_screen_undated_start(t), dated);
        rs_thread_screen_destroy(t);
    }
    fake_thread mixed = {.count = 1000000, .dated = 654321, .fail_at = -1};
    t = fake_thread_screen(&mixed, -1);
    assert_int_equal(rs_thread_screen_undated_start(t), 654321);
    assert_true(mixed.pages <= 21); /* 1 + log2(1,000,000) */
    rs_thread_screen_destroy(t);

    fake_thread empty = {.count = 0, .fail_at = -1};
    t = fake_thread_screen(&empty, -1);
    assert_int_equal(rs_thread_screen_undated_start(t), 0);
    assert_int_equal(empty.pages, 0);
    assert_true(rs_thread_screen_prepare(t, 0, 10));
    assert_int_equal(empty.pages, 0);
    rs_thread_screen_destroy(t);
}

/* A window around what is asked for: one page read, none while it holds. */
static void test_thread_paging(void **state)
{
    (void)state;
    fake_thread f = {.count = 100000, .dated = 100000, .fail_at = -1};
    rs_thread_screen *t = fake_thread_screen(&f, -1);
    size_t reads = rs_thread_screen_reads(t);
    assert_true(rs_thread_screen_prepare(t, 50000, 50003));
    assert_int_equal(rs_thread_screen_reads(t), reads + 1);
    assert_int_equal(f.pages, reads + 1);
    assert_int_equal(rs_thread_screen_item(t, 50000)->id, 50001);
    assert_non_null(rs_thread_screen_item(t, 50000 - 30));
    assert_null(rs_thread_screen_item(t, 50000 - 31));
    assert_non_null(rs_thread_screen_item(t, 50000 - 30 + RS_THREAD_WINDOW - 1));
    assert_null(rs_thread_screen_item(t, 50000 - 30 + RS_THREAD_WINDOW));
    /* Scrolling within the window reads nothing. */
    assert_true(rs_thread_screen_prepare(t, 50010, 50020));
    assert_int_equal(rs_thread_screen_reads(t), reads + 1);
    /* The end: the window ends with the thread. */
    assert_true(rs_thread_screen_prepare(t, 99999, 99999));
    assert_int_equal(rs_thread_screen_reads(t), reads + 2);
    assert_non_null(rs_thread_screen_item(t, 100000 - RS_THREAD_WINDOW));
    assert_string_equal(rs_thread_screen_item(t, 99999)->line, "Entry 99999 says something.");
    /* A read error: false, and the window as it was. */
    f.fail_at = 10;
    assert_false(rs_thread_screen_prepare(t, 10, 12));
    assert_non_null(rs_thread_screen_item(t, 99999));
    rs_thread_screen_destroy(t);

    fake_thread broken = {.count = 50, .dated = 10, .fail_at = 49};
    assert_null(fake_thread_screen(&broken, -1));
}

/* The unfolded event is kept loaded whatever the window holds; only an
 * event unfolds. */
static void test_thread_unfolded(void **state)
{
    (void)state;
    fake_thread f = {.count = 1000, .dated = 900, .fail_at = -1};
    rs_thread_screen *t = fake_thread_screen(&f, 4);
    assert_int_equal(rs_thread_screen_unfolded(t), 4);
    const rs_thread_item *open = rs_thread_screen_unfolded_item(t);
    assert_int_equal(open->index, 4);
    assert_string_equal(open->line, "Entry 4 says something.");
    assert_true(rs_thread_screen_prepare(t, 800, 803));
    assert_null(rs_thread_screen_item(t, 4));
    assert_string_equal(rs_thread_screen_unfolded_item(t)->line, "Entry 4 says something.");
    rs_thread_screen_destroy(t);

    t = fake_thread_screen(&f, 5); /* a statement: opens the reader, never unfolds */
    assert_int_equal(rs_thread_screen_unfolded(t), -1);
    assert_null(rs_thread_screen_unfolded_item(t));
    rs_thread_screen_destroy(t);
    t = fake_thread_screen(&f, 1000); /* past the end */
    assert_int_equal(rs_thread_screen_unfolded(t), -1);
    rs_thread_screen_destroy(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_and_numbers_in_each_language), cmocka_unit_test(test_search_classify),
        cmocka_unit_test(test_search_chips), cmocka_unit_test(test_long_search_route),
        cmocka_unit_test(test_home),      cmocka_unit_test(test_dates),          cmocka_unit_test(test_country_filter),
        cmocka_unit_test(test_incident),  cmocka_unit_test(test_reader),         cmocka_unit_test(test_missing_things),
        cmocka_unit_test(test_dates_format), cmocka_unit_test(test_query_editing),
        cmocka_unit_test(test_reader_walk_and_slides),
        cmocka_unit_test(test_thread_sides), cmocka_unit_test(test_thread_items),
        cmocka_unit_test(test_thread_languages), cmocka_unit_test(test_thread_undated_start),
        cmocka_unit_test(test_thread_paging), cmocka_unit_test(test_thread_unfolded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
