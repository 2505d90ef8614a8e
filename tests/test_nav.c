/* Routes and the navigation stack, without a window or a bundle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "nav.h"

static void round_trip(const char *text, rs_route_kind kind)
{
    rs_route route;
    char error[512], again[256];
    if (!rs_route_parse(text, &route, error, sizeof error))
        fail_msg("%s: %s", text, error);
    assert_int_equal(route.kind, kind);
    rs_route_format(&route, again, sizeof again);
    assert_string_equal(again, text);
}

static void test_routes(void **state)
{
    (void)state;
    round_trip("home", RS_ROUTE_HOME);
    round_trip("dates", RS_ROUTE_DATES);
    round_trip("dates/2021", RS_ROUTE_YEAR);
    round_trip("dates/2021-07", RS_ROUTE_MONTH);
    round_trip("dates/2021-00", RS_ROUTE_MONTH);
    round_trip("dates/undated", RS_ROUTE_UNDATED);
    round_trip("countries", RS_ROUTE_COUNTRIES);
    round_trip("countries/GB", RS_ROUTE_COUNTRY);
    round_trip("countries/EU", RS_ROUTE_COUNTRY);       /* a party of parties.yaml */
    round_trip("countries/FIVEEYES", RS_ROUTE_COUNTRY);
    round_trip("countries/ABCDEFGHIJ12", RS_ROUTE_COUNTRY); /* RS_PARTY_CODE_MAX characters */
    round_trip("incidents", RS_ROUTE_INCIDENTS);
    round_trip("incidents/microsoft-exchange-server-hack-2021", RS_ROUTE_INCIDENT);
    round_trip("statements/xinhua-2019-02-12-stop-tarnishing-china", RS_ROUTE_STATEMENT);
    round_trip("statements", RS_ROUTE_ALL);
    round_trip("search", RS_ROUTE_SEARCH);
    round_trip("search/exchange", RS_ROUTE_SEARCH);
    round_trip("search/state hackers", RS_ROUTE_SEARCH);
    round_trip("search/网络", RS_ROUTE_SEARCH);
    round_trip("search/a/b", RS_ROUTE_SEARCH); /* everything after "search/" is the query */

    rs_route route;
    char error[512];
    assert_true(rs_route_parse("dates/1999-12", &route, error, sizeof error));
    assert_int_equal(route.year, 1999);
    assert_int_equal(route.month, 12);
    assert_true(rs_route_parse("countries/NO", &route, error, sizeof error));
    assert_string_equal(route.code, "NO");
    assert_true(rs_route_parse("countries/MICROSOFT", &route, error, sizeof error));
    assert_string_equal(route.code, "MICROSOFT");
    /* The longest code fills the route's code whole, and a stack keeps it. */
    assert_true(rs_route_parse("countries/ABCDEFGHIJ12", &route, error, sizeof error));
    assert_int_equal(strlen(route.code), RS_PARTY_CODE_MAX);
    rs_nav nav;
    rs_nav_open(&nav, &route);
    assert_string_equal(rs_nav_top(&nav)->route.code, "ABCDEFGHIJ12");
    assert_int_equal(rs_nav_top(&nav)->expanded, 0);
}

static void test_bad_routes(void **state)
{
    (void)state;
    const char *bad[] = {"", "Home", "home/", "dates/21", "dates/2021-13", "dates/2021-7", "dates/0000",
                         "countries/gb", "countries/G", "countries/Eu", "countries/E-U", "countries/E U",
                         "countries/ABCDEFGHIJ123" /* one over RS_PARTY_CODE_MAX */, "countries/GB/", "countries/",
                         "incidents/Not_A_Slug", "statement", "statements/",
                         "statements/a--b", "dates/2021/07", "searches", "search/\xff",
                         "search/tab\there"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rs_route route;
        char error[512];
        if (rs_route_parse(bad[i], &route, error, sizeof error))
            fail_msg("'%s' parsed", bad[i]);
    }
    rs_route route;
    char error[512];
    assert_false(rs_route_parse("countries/uk", &route, error, sizeof error));
    assert_string_equal(error, "unknown route 'countries/uk' (routes: home, dates, dates/2021, dates/2021-07, "
                               "dates/undated, countries, countries/GB, incidents, incidents/SLUG, statements, statements/ID, "
                               "search, search/WORDS, timeline, timeline/2021, timeline/2021-07, map, map/SLUG)");
}

/* A search route over the search field's limit (RS_QUERY_MAX bytes) is a
 * search for its beginning, cut between characters, and says it was cut;
 * it was once an "unknown route". */
static void test_long_search_routes(void **state)
{
    (void)state;
    rs_route route;
    char error[512] = "";
    const char *hundred = "0123456789012345678901234567890123456789012345678901234567890123456789"
                          "012345678901234567890123456789";
    char text[512];
    snprintf(text, sizeof text, "search/%s", hundred);
    assert_true(rs_route_parse(text, &route, error, sizeof error));
    assert_string_equal(route.slug, hundred);
    assert_false(route.query_cut);
    snprintf(text, sizeof text, "search/%sx", hundred);
    assert_true(rs_route_parse(text, &route, error, sizeof error));
    assert_int_equal(route.kind, RS_ROUTE_SEARCH);
    assert_string_equal(route.slug, hundred);
    assert_true(route.query_cut);
    /* 51 two-byte letters: 50 fit in 100 bytes. */
    char russian[256] = "search/";
    for (int i = 0; i < 51; i++)
        strcat(russian, "я");
    assert_true(rs_route_parse(russian, &route, error, sizeof error));
    assert_int_equal(strlen(route.slug), 100);
    assert_true(route.query_cut);
    /* 34 three-byte characters: 33 fit (99 bytes), never half of one. */
    char chinese[256] = "search/";
    for (int i = 0; i < 34; i++)
        strcat(chinese, "网");
    assert_true(rs_route_parse(chinese, &route, error, sizeof error));
    assert_int_equal(strlen(route.slug), 99);
    assert_true(route.query_cut);
    /* What a route cannot be stays refused however long: a control character. */
    snprintf(text, sizeof text, "search/%s\t", hundred);
    assert_false(rs_route_parse(text, &route, error, sizeof error));
    char formatted[256];
    rs_route_format(&(rs_route){.kind = RS_ROUTE_SEARCH, .slug = "хакеров"}, formatted, sizeof formatted);
    assert_string_equal(formatted, "search/хакеров");
}

static rs_route route_of(const char *text)
{
    rs_route route;
    char error[512];
    assert_true(rs_route_parse(text, &route, error, sizeof error));
    return route;
}

static void expect_stack(rs_nav *nav, const char *const *routes, size_t count)
{
    assert_int_equal(nav->depth, count);
    for (size_t i = 0; i < count; i++) {
        char text[256];
        rs_route_format(&nav->entries[i].route, text, sizeof text);
        assert_string_equal(text, routes[i]);
    }
}

static void test_stack(void **state)
{
    (void)state;
    rs_nav nav;
    rs_nav_reset(&nav);
    expect_stack(&nav, (const char *[]){"home"}, 1);
    assert_false(rs_nav_back(&nav));

    rs_route countries = route_of("countries"), gb = route_of("countries/GB"), st = route_of("statements/x");
    rs_nav_push(&nav, &countries, NULL);
    rs_nav_push(&nav, &gb, NULL);
    rs_nav_top(&nav)->scroll = 120;
    rs_nav_top(&nav)->role_filter = 1;
    rs_list_place place = {.valid = true, .spec = {.kind = RS_LIST_COUNTRY, .country = "GB", .role = 1}, .pos = 3};
    rs_nav_push(&nav, &st, &place);
    expect_stack(&nav, (const char *[]){"home", "countries", "countries/GB", "statements/x"}, 4);
    assert_int_equal(rs_nav_top(&nav)->place.pos, 3);
    assert_int_equal(rs_nav_top(&nav)->role_filter, -1);

    /* The reader's details opened in place stay open behind another
     * screen, and are closed on the next statement. */
    rs_nav_top(&nav)->expanded = 1;
    rs_nav_push(&nav, &gb, NULL);
    assert_int_equal(rs_nav_top(&nav)->expanded, 0);
    assert_true(rs_nav_back(&nav));
    assert_int_equal(rs_nav_top(&nav)->expanded, 1);

    /* Next replaces the reader, it does not grow the stack. */
    rs_route st2 = route_of("statements/y");
    place.pos = 4;
    rs_nav_replace(&nav, &st2, &place);
    expect_stack(&nav, (const char *[]){"home", "countries", "countries/GB", "statements/y"}, 4);
    assert_int_equal(rs_nav_top(&nav)->expanded, 0);

    /* Back restores the list with its scroll and filter. */
    assert_true(rs_nav_back(&nav));
    assert_true(rs_nav_top(&nav)->scroll == 120.0f);
    assert_int_equal(rs_nav_top(&nav)->role_filter, 1);

    rs_nav_back_to(&nav, 0);
    expect_stack(&nav, (const char *[]){"home"}, 1);

    /* Pushing home resets; a full stack keeps home and drops the oldest. */
    rs_nav_push(&nav, &countries, NULL);
    rs_route home = route_of("home");
    rs_nav_push(&nav, &home, NULL);
    expect_stack(&nav, (const char *[]){"home"}, 1);
    for (int i = 0; i < RS_NAV_DEPTH + 5; i++)
        rs_nav_push(&nav, i % 2 ? &gb : &countries, NULL);
    assert_int_equal(nav.depth, RS_NAV_DEPTH);
    assert_int_equal(nav.entries[0].route.kind, RS_ROUTE_HOME);
    assert_int_equal(rs_nav_top(&nav)->route.kind, RS_ROUTE_COUNTRIES);
}

static void test_open_with_parents(void **state)
{
    (void)state;
    rs_nav nav;
    rs_route r = route_of("dates/2021-07");
    rs_nav_open(&nav, &r);
    expect_stack(&nav, (const char *[]){"home", "dates", "dates/2021", "dates/2021-07"}, 4);
    r = route_of("countries/GB");
    rs_nav_open(&nav, &r);
    expect_stack(&nav, (const char *[]){"home", "countries", "countries/GB"}, 3);
    r = route_of("incidents/x");
    rs_nav_open(&nav, &r);
    expect_stack(&nav, (const char *[]){"home", "incidents", "incidents/x"}, 3);
    r = route_of("dates/undated");
    rs_nav_open(&nav, &r);
    expect_stack(&nav, (const char *[]){"home", "dates", "dates/undated"}, 3);
    r = route_of("home");
    rs_nav_open(&nav, &r);
    expect_stack(&nav, (const char *[]){"home"}, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_long_search_routes),
        cmocka_unit_test(test_bad_routes),
        cmocka_unit_test(test_stack),
        cmocka_unit_test(test_open_with_parents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
