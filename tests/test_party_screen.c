/* The party page's model (party_screen.c): kind, members, events with
 * roles opening their incident, the lines it shows, in English and
 * Russian, from hand-made threads; then the screens that show parties
 * (Countries, a party's page, the reader's chips, home's title) built
 * from the thread fixture (tests/fixtures/sources/thread). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "expect.h"
#include "i18n.h"
#include "party_screen.h"
#include "screen.h"
#include "support.h"

static char *dup(const char *text)
{
    if (!text)
        return NULL;
    char *copy = rs_xmalloc(strlen(text) + 1);
    memcpy(copy, text, strlen(text) + 1);
    return copy;
}

/* What the fake events function was asked, and what it answers. */
typedef struct fake_events {
    int64_t total; /* events 0..total-1, event i dated 2021-07-(i % 28 + 1) */
    bool fail;
    int calls;
    int64_t offset;
    size_t limit;
    char code[RS_PARTY_CODE_SIZE];
} fake_events;

static void fake_entry(rs_thread_entry *e, int64_t i)
{
    char text[64];
    memset(e, 0, sizeof *e);
    e->kind = RS_THREAD_EVENT;
    e->id = i + 1;
    if (i == 1) {
        e->date = dup("2021-07");
        e->date_note = dup("Only the month is known.");
        e->what = dup("indictment");
    } else {
        snprintf(text, sizeof text, "2021-07-%02d", (int)(i % 28 + 1));
        e->date = dup(text);
        e->what = dup(i == 0 ? "attribution" : "other");
    }
    snprintf(text, sizeof text, "Event number %lld.", (long long)i);
    e->line = dup(text);
    e->incident_slug = dup(i == 0 ? "exchange-hack" : "second-incident");
    e->incident_name = dup(i == 0 ? "Exchange hack" : "Second incident");
    e->party_count = 2;
    e->parties = rs_xcalloc(2, sizeof *e->parties);
    snprintf(e->parties[0].code, sizeof e->parties[0].code, "CN");
    e->parties[0].name = dup("China");
    e->parties[0].roles = dup("accused");
    snprintf(e->parties[1].code, sizeof e->parties[1].code, "EU");
    e->parties[1].name = dup("European Union");
    e->parties[1].roles = dup(i == 0 ? "accuser speaker" : "mentioned");
    e->parties[1].kind = 1;
}

static bool fake_page(void *context, const char *code, int64_t offset, size_t limit, rs_thread *out)
{
    fake_events *f = context;
    f->calls++, f->offset = offset, f->limit = limit;
    snprintf(f->code, sizeof f->code, "%s", code);
    memset(out, 0, sizeof *out);
    if (f->fail)
        return false;
    size_t n = 0;
    for (int64_t i = offset; i < f->total && n < limit; i++)
        n++;
    out->items = rs_xcalloc(n ? n : 1, sizeof *out->items);
    for (size_t k = 0; k < n; k++)
        fake_entry(&out->items[k], offset + (int64_t)k);
    out->count = n;
    return true;
}

static rs_country_detail organisation(int64_t events)
{
    rs_country_detail d;
    memset(&d, 0, sizeof d);
    snprintf(d.code, sizeof d.code, "EU");
    d.name = "European Union";
    d.kind = 1;
    d.count = 3;
    d.event_count = events;
    static rs_country_link members[3];
    static const char *const codes[3] = {"DE", "FR", "NL"}, *const names[3] = {"Germany", "France", ""};
    for (int i = 0; i < 3; i++) {
        memset(&members[i], 0, sizeof members[i]);
        snprintf(members[i].code, sizeof members[i].code, "%s", codes[i]);
        members[i].name = (char *)names[i];
    }
    d.members = members;
    d.member_count = 3;
    return d;
}

/* An organisation: its kind, its members (a member without a name shows
 * its code), its events in order with its own roles, each opening its
 * incident's thread. */
static void test_organisation(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_EN);
    fake_events f = {.total = 3};
    rs_country_detail d = organisation(3);
    rs_party_screen *p = rs_party_screen_create(&d, fake_page, &f);
    assert_non_null(p);
    assert_int_equal(f.calls, 1);
    assert_string_equal(f.code, "EU");
    assert_int_equal(f.offset, 0);
    assert_int_equal(f.limit, RS_PARTY_EVENTS_SHOWN);
    assert_string_equal(p->kind_label, "Organisation");
    assert_string_equal(p->members_line, "Members: Germany, France, NL");
    assert_string_equal(p->events_label, "Events");
    assert_int_equal(p->event_count, 3);
    assert_string_equal(p->events[0].primary, "Event number 0.");
    assert_string_equal(p->events[0].secondary, "1 July 2021 · Attribution · speaker, accuser · Exchange hack");
    assert_int_equal(p->events[0].route.kind, RS_ROUTE_INCIDENT);
    assert_string_equal(p->events[0].route.slug, "exchange-hack");
    assert_string_equal(p->events[1].secondary,
                        "July 2021 (inferred) · Indictment · mentioned · Second incident");
    assert_string_equal(p->events[2].secondary, "3 July 2021 · Event · mentioned · Second incident");
    assert_string_equal(p->events[2].route.slug, "second-incident");
    char *line = rs_party_subheading(p, 3);
    assert_string_equal(line, "Organisation · 3 statements · 3 events");
    free(line);
    rs_party_screen_destroy(p);
}

/* Many events: the latest RS_PARTY_EVENTS_SHOWN, read in one page, and the
 * heading says so. */
static void test_many_events(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_EN);
    fake_events f = {.total = 1234};
    rs_country_detail d = organisation(1234);
    rs_party_screen *p = rs_party_screen_create(&d, fake_page, &f);
    assert_non_null(p);
    assert_int_equal(f.calls, 1);
    assert_int_equal(f.offset, 1234 - RS_PARTY_EVENTS_SHOWN);
    assert_int_equal(p->event_count, RS_PARTY_EVENTS_SHOWN);
    assert_string_equal(p->events_label, "Events: the latest 30 of 1,234");
    assert_string_equal(p->events[RS_PARTY_EVENTS_SHOWN - 1].primary, "Event number 1233.");
    rs_party_screen_destroy(p);
}

/* A country without events: nothing above its statements but its count,
 * and no read at all; a read error gives no model. */
static void test_country_and_failure(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_EN);
    fake_events f = {.total = 0};
    rs_country_detail d;
    memset(&d, 0, sizeof d);
    snprintf(d.code, sizeof d.code, "GB");
    d.name = "United Kingdom";
    d.count = 1;
    rs_party_screen *p = rs_party_screen_create(&d, fake_page, &f);
    assert_non_null(p);
    assert_int_equal(f.calls, 0);
    assert_null(p->kind_label);
    assert_null(p->members_line);
    assert_null(p->events_label);
    assert_int_equal(p->event_count, 0);
    char *line = rs_party_subheading(p, 1);
    assert_string_equal(line, "1 statement");
    free(line);
    rs_party_screen_destroy(p);
    d.event_count = 2;
    f.total = 2;
    p = rs_party_screen_create(&d, fake_page, &f);
    assert_non_null(p);
    line = rs_party_subheading(p, 0);
    assert_string_equal(line, "0 statements · 2 events");
    free(line);
    rs_party_screen_destroy(p);

    f.fail = true;
    assert_null(rs_party_screen_create(&d, fake_page, &f));
}

/* The Countries screen's rows and heading. */
static void test_facets(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_EN);
    rs_facet facets[3] = {
        {.key = "GB", .label = "United Kingdom", .count = 2},
        {.key = "CN", .label = "China", .count = 4, .event_count = 1},
        {.key = "MSFT", .label = "Microsoft", .count = 0, .event_count = 2, .kind = 3},
    };
    assert_null(rs_party_facet_line(&facets[0]));
    char *line = rs_party_facet_line(&facets[1]);
    assert_string_equal(line, "1 event");
    free(line);
    line = rs_party_facet_line(&facets[2]);
    assert_string_equal(line, "Company · 2 events");
    free(line);
    rs_facet_list list = {facets, 2};
    assert_string_equal(rs_party_list_heading(&list), "Countries");
    list.count = 3;
    assert_string_equal(rs_party_list_heading(&list), "Countries and organisations");
    assert_null(rs_party_kind_label(0));
    assert_null(rs_party_kind_label(RS_PARTY_KIND_COUNT));
}

/* In Russian: the catalog's words, Russian plural forms and dates. */
static void test_russian(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_RU);
    fake_events f = {.total = 2};
    rs_country_detail d = organisation(2);
    rs_party_screen *p = rs_party_screen_create(&d, fake_page, &f);
    assert_non_null(p);
    assert_string_equal(p->kind_label, "Организация");
    assert_string_equal(p->members_line, "Участники: Germany, France, NL");
    assert_string_equal(p->events_label, "События");
    assert_string_equal(p->events[0].secondary,
                        "1 июля 2021 г. · Атрибуция · автор заявления, обвиняющая сторона · Exchange hack");
    char *line = rs_party_subheading(p, 3);
    assert_string_equal(line, "Организация · 3 заявления · 2 события");
    free(line);
    rs_facet list_items[1] = {{.key = "EU", .label = "ЕС", .kind = 1}};
    rs_facet_list list = {list_items, 1};
    assert_string_equal(rs_party_list_heading(&list), "Страны и организации");
    rs_party_screen_destroy(p);
    rs_i18n_set(RS_UI_EN);
}

/* ---- the screens, from the thread fixture ---- */

static char *scratch, *thread_path;
static rs_bundle *thread_bundle;

static int build_fixture(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    thread_path = support_path(scratch, "thread.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/thread", .output_path = thread_path};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_print(diags, stderr);
    rs_diags_destroy(diags);
    char error[512];
    thread_bundle = ok ? rs_bundle_open(thread_path, error, sizeof error) : NULL;
    return thread_bundle ? 0 : -1;
}

static int remove_fixture(void **state)
{
    (void)state;
    rs_bundle_close(thread_bundle);
    support_remove_tree(scratch);
    free(scratch), free(thread_path);
    return 0;
}

static rs_screen *build(const char *route_text, rs_ui_language language)
{
    rs_screen_use_language(thread_bundle, language);
    rs_nav_entry entry = {.role_filter = -1};
    char error[512];
    assert_true(rs_route_parse(route_text, &entry.route, error, sizeof error));
    rs_screen *s = rs_screen_build(thread_bundle, &entry, error, sizeof error);
    if (!s)
        fail_msg("%s: %s", route_text, error);
    return s;
}

static const rs_facet_row *row_named(const rs_screen *s, const char *primary)
{
    for (size_t i = 0; i < s->row_count; i++)
        if (strcmp(s->rows[i].primary, primary) == 0)
            return &s->rows[i];
    fail_msg("no row '%s'", primary);
    return NULL;
}

/* Countries and organisations: every party's row routes to its whole code
 * (it kept two characters: "countries/EU" worked by luck and MSFT became
 * "MS"); organisations say their kind, parties with events their count. */
static void test_countries_screen(void **state)
{
    (void)state;
    rs_screen *s = build("countries", RS_UI_EN);
    assert_string_equal(s->heading, "Countries and organisations");
    assert_string_equal(s->subheading, "4 countries · 2 organisations");
    assert_string_equal(s->crumb, "Countries and organisations"); /* as its heading and home's tile say */
    const rs_facet_row *row = row_named(s, "Microsoft");
    assert_string_equal(row->route.code, "MSFT");
    assert_string_equal(row->secondary, "Company · 2 events");
    row = row_named(s, "European Union");
    assert_string_equal(row->route.code, "EU");
    assert_string_equal(row->secondary, "Organisation · 2 events");
    row = row_named(s, "China");
    assert_string_equal(row->route.code, "CN");
    assert_string_equal(row->secondary, "4 events");
    assert_string_equal(row->badge, "4");
    rs_screen_destroy(s);

    s = build("countries", RS_UI_ZH);
    assert_string_equal(s->heading, "国家和组织");
    assert_string_equal(s->subheading, "4 个国家 · 2 个组织");
    row = row_named(s, "欧洲联盟");
    assert_string_equal(row->route.code, "EU");
    assert_string_equal(row->secondary, "组织 · 2 个事件");
    rs_screen_destroy(s);
}

/* An organisation's page: its name in the visitor's language, its kind and
 * counts, its members, its events with its roles opening their incidents,
 * then its statements. */
static void test_organisation_page(void **state)
{
    (void)state;
    rs_screen *s = build("countries/EU", RS_UI_EN);
    assert_int_equal(s->kind, RS_SCREEN_LIST);
    assert_string_equal(s->heading, "European Union");
    assert_string_equal(s->spec.country, "EU");
    assert_non_null(s->party);
    assert_string_equal(s->subheading, "Organisation · 1 statement · 2 events");
    /* The fixture's members have no statement or event: the bundle has a
     * row for each all the same, with its names. */
    assert_string_equal(s->party->members_line, "Members: Germany, France, Netherlands");
    assert_string_equal(s->party->events_label, "Events");
    assert_int_equal(s->party->event_count, 2);
    assert_string_equal(s->party->events[0].primary, "Governments attributed the hack.");
    assert_string_equal(s->party->events[0].secondary, "July 2021 (inferred) · Attribution · accuser · Exchange hack");
    assert_int_equal(s->party->events[0].route.kind, RS_ROUTE_INCIDENT);
    assert_string_equal(s->party->events[0].route.slug, "exchange-hack");
    assert_string_equal(s->party->events[1].primary, "An undated mention.");
    assert_string_equal(s->party->events[1].secondary, "Date unknown · Event · mentioned · Second incident");
    assert_string_equal(s->party->events[1].route.slug, "second-incident");
    assert_int_equal(s->count, 1);
    rs_screen_destroy(s);

    s = build("countries/EU", RS_UI_RU);
    assert_string_equal(s->heading, "Европейский союз");
    assert_string_equal(s->subheading, "Организация · 1 заявление · 2 события");
    assert_string_equal(s->party->events[0].secondary,
                        "июль 2021 г. (предположительно) · Атрибуция · обвиняющая сторона · Взлом Exchange");
    assert_string_equal(s->party->members_line, "Участники: Германия, Франция, Нидерланды");
    rs_screen_destroy(s);
    s = build("countries/EU", RS_UI_ZH);
    assert_string_equal(s->party->members_line, "成员：德国、法国、荷兰");
    rs_screen_destroy(s);

    /* A company: no members. */
    s = build("countries/MSFT", RS_UI_EN);
    assert_string_equal(s->subheading, "Company · 2 statements · 2 events");
    assert_null(s->party->members_line);
    assert_int_equal(s->party->event_count, 2);
    rs_screen_destroy(s);

    /* A code the bundle lacks: said for parties, not only countries. */
    rs_screen_use_language(thread_bundle, RS_UI_EN);
    rs_nav_entry entry = {.role_filter = -1};
    char error[512];
    assert_true(rs_route_parse("countries/NATO", &entry.route, error, sizeof error));
    assert_null(rs_screen_build(thread_bundle, &entry, error, sizeof error));
    assert_string_equal(error, "This bundle has no statements or events for the code NATO.");
    /* A member's row names it on its organisation's page, no more: its own
     * page says the bundle has nothing for it. */
    assert_true(rs_route_parse("countries/DE", &entry.route, error, sizeof error));
    assert_null(rs_screen_build(thread_bundle, &entry, error, sizeof error));
    assert_string_equal(error, "This bundle has no statements or events for the code DE.");
}

/* The reader's chips are parties, named in the visitor's language, each
 * routing to its whole code. */
static void test_reader_party_chips(void **state)
{
    (void)state;
    rs_screen *s = build("statements/exchange-response", RS_UI_ZH);
    bool eu = false;
    for (size_t i = 0; i < s->chip_count; i++)
        if (s->chips[i].route.kind == RS_ROUTE_COUNTRY && strcmp(s->chips[i].route.code, "EU") == 0) {
            assert_string_equal(s->chips[i].label, "欧洲联盟 · 指责方");
            eu = true;
        }
    assert_true(eu);
    rs_screen_destroy(s);
}

/* Home shows the collection's title in the visitor's language, else the
 * collection's own. */
static void test_home_title(void **state)
{
    (void)state;
    rs_screen *s = build("home", RS_UI_ZH);
    assert_string_equal(s->bundle_title, "线索测试集");
    /* The Countries tile: the screen's heading, a count that fits, the
     * count by kind as its hint. */
    assert_string_equal(s->tiles[1].label, "国家和组织");
    assert_string_equal(s->tiles[1].count, "共 6 个");
    assert_string_equal(s->tiles[1].hint, "4 个国家 · 2 个组织");
    assert_string_equal(s->bundle_description, "Events and statements of two incidents, told together.");
    rs_screen_destroy(s);
    s = build("home", RS_UI_RU);
    assert_string_equal(s->bundle_title, "Тестовая коллекция");
    /* 38 bytes: the tile's label was cut inside a character at 32. */
    assert_string_equal(s->tiles[1].label, "Страны и организации");
    assert_string_equal(s->tiles[1].count, "всего 6");
    rs_screen_destroy(s);
    s = build("home", RS_UI_EN);
    assert_string_equal(s->bundle_title, "Thread test collection");
    rs_screen_destroy(s);
}

int main(void)
{
    rs_i18n_init(ROSTRUM_LOCALE_DIR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_organisation), cmocka_unit_test(test_many_events),
        cmocka_unit_test(test_country_and_failure), cmocka_unit_test(test_facets),
        cmocka_unit_test(test_russian),
        cmocka_unit_test(test_countries_screen),     cmocka_unit_test(test_organisation_page),
        cmocka_unit_test(test_reader_party_chips),   cmocka_unit_test(test_home_title),
    };
    return cmocka_run_group_tests(tests, build_fixture, remove_fixture);
}
