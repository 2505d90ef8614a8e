/*
 * The search thread (app/searcher.c) on the sample bundle: answers come as
 * SDL events with the same rows a search in line gives, the viewer's own
 * wait is woken for each, only the newest waiting question is searched,
 * and answers never taken are freed (AddressSanitizer's leak check).
 * SDL's events subsystem only: no window.
 */
#include <SDL.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "builder.h"
#include "i18n.h"
#include "nav.h"
#include "searcher.h"

static int setup(void **state)
{
    (void)state;
    return SDL_Init(SDL_INIT_EVENTS) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    SDL_Quit();
    return 0;
}

/* The next answer, waiting up to 10 s. */
static rs_search_answer *next_answer(const rs_searcher *s)
{
    SDL_Event event;
    Uint32 type = rs_searcher_event_type(s);
    for (int i = 0; i < 1000; i++) {
        if (SDL_WaitEventTimeout(&event, 10) == 1 && event.type == type)
            return event.user.data1;
    }
    return NULL;
}

static void test_answers_are_the_rows_of_a_search_in_line(void **state)
{
    (void)state;
    char error[512];
    rs_bundle *b = rs_bundle_open(ROSTRUM_SAMPLE_BUNDLE, error, sizeof error);
    assert_non_null(b);
    rs_search_results in_line;
    assert_true(rs_search_run(b, "exchange", false, &in_line, error, sizeof error));
    assert_int_equal(in_line.count, 3);

    rs_wakeup *wakeup = rs_wakeup_create(NULL);
    rs_searcher *s = rs_searcher_create(ROSTRUM_SAMPLE_BUNDLE, wakeup);
    assert_non_null(s);
    rs_searcher_ask(s, 7, "exchange", false);
    rs_search_answer *answer = next_answer(s);
    assert_non_null(answer);
    assert_true(answer->ok);
    assert_int_equal(answer->generation, 7);
    assert_string_equal(answer->query, "exchange");
    assert_false(answer->typing);
    assert_int_equal(answer->results.count, in_line.count);
    for (size_t i = 0; i < in_line.count; i++) {
        assert_string_equal(answer->results.items[i].slug, in_line.items[i].slug);
        assert_string_equal(answer->results.items[i].snippet, in_line.items[i].snippet);
    }
    assert_string_equal(answer->results.items[1].slug, "xinhua-2021-07-20-embassy-exchange-accusation");
    /* The viewer's own wait is told (it does not see SDL's queue). The
     * thread posts the answer first and then signals, so the signal may
     * come a moment after the event: wait for it. */
    assert_int_equal(rs_wakeup_wait(wakeup, 5000), RS_WAKE_SIGNALLED);
    rs_searcher_answer_free(answer);

    rs_searcher_destroy(s);
    rs_wakeup_destroy(wakeup);
    rs_search_results_clear(&in_line);
    rs_bundle_close(b);
}

/* The slugs of an answer, comma-separated, into out. */
static void answer_slugs(const rs_search_answer *answer, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; answer->ok && i < answer->results.count; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "," : "", answer->results.items[i].slug);
}

/* The route search/хакеров, asked of the thread as the session asks it,
 * finds the Russian statements in every form (the fixture stemming: test
 * data); the thread stems a query's Latin words in the UI language of the
 * moment it was asked, as the main thread's connection does. */
static void test_route_searched_in_its_language(void **state)
{
    (void)state;
    char dir[] = "/tmp/rostrum-searcher-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/stemming.sqlite", dir);
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/stemming", .output_path = path,
                                .build_time = 1626739200};
    rs_diags *diags = rs_diags_create();
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    rs_searcher *s = rs_searcher_create(path, NULL);
    assert_non_null(s);
    rs_route route;
    char error[512], slugs[256];
    assert_true(rs_route_parse("search/хакеров", &route, error, sizeof error));
    static const struct {
        rs_ui_language language;
        const char *query, *slugs;
    } asks[] = {
        {RS_UI_EN, NULL, "ru-1,ru-2"}, /* the route's query */
        {RS_UI_EN, "atacar", ""},      /* English keeps atacar whole */
        {RS_UI_ES, "atacar", "es-1"},  /* Spanish stems it as atacaron's atac */
        {RS_UI_FR, "attaquer", "fr-1"},
        {RS_UI_EN, "attaquer", "fr-1"}, /* English's attaqu agrees */
    };
    for (unsigned i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        rs_i18n_set(asks[i].language);
        rs_searcher_ask(s, i + 1, asks[i].query ? asks[i].query : route.slug, false);
        rs_search_answer *answer = next_answer(s);
        assert_non_null(answer);
        assert_int_equal(answer->generation, i + 1);
        answer_slugs(answer, slugs, sizeof slugs);
        if (strcmp(slugs, asks[i].slugs) != 0)
            fail_msg("'%s' in %s: %s, expected %s", answer->query, rs_i18n_code(asks[i].language), slugs,
                     asks[i].slugs);
        rs_searcher_answer_free(answer);
    }
    rs_i18n_set(RS_UI_EN);
    rs_searcher_destroy(s);
    unlink(path);
    rmdir(dir);
}

static void test_only_the_newest_waiting_question_is_searched(void **state)
{
    (void)state;
    rs_searcher *s = rs_searcher_create(ROSTRUM_SAMPLE_BUNDLE, NULL);
    assert_non_null(s);
    /* Asked in a row, faster than a search: the thread takes the last one
     * waiting whenever it looks, so the last answer is always the last
     * question's, and there is no answer after it. */
    rs_searcher_ask(s, 1, "ex", true);
    rs_searcher_ask(s, 2, "exc", true);
    rs_searcher_ask(s, 3, "wannacry", false);
    rs_search_answer *answer;
    unsigned last = 0;
    int answers = 0;
    while ((answer = next_answer(s))) {
        assert_true(answer->generation > last);
        last = answer->generation;
        answers++;
        bool done = answer->generation == 3;
        if (done) {
            assert_true(answer->ok);
            assert_string_equal(answer->query, "wannacry");
            assert_true(answer->results.count >= 1);
        }
        rs_searcher_answer_free(answer);
        if (done)
            break;
    }
    assert_int_equal(last, 3);
    assert_in_range(answers, 1, 3);
    SDL_Event event;
    assert_int_equal(SDL_WaitEventTimeout(&event, 200), 0);
    rs_searcher_destroy(s);
}

static void test_a_missing_bundle_is_an_answer_with_its_error(void **state)
{
    (void)state;
    rs_searcher *s = rs_searcher_create("/nonexistent/rostrum.sqlite", NULL);
    assert_non_null(s);
    rs_searcher_ask(s, 1, "exchange", false);
    rs_search_answer *answer = next_answer(s);
    assert_non_null(answer);
    assert_false(answer->ok);
    assert_non_null(strstr(answer->error, "/nonexistent/rostrum.sqlite"));
    rs_searcher_answer_free(answer);
    rs_searcher_destroy(s);
}

static void test_answers_never_taken_are_freed(void **state)
{
    (void)state;
    rs_searcher *s = rs_searcher_create(ROSTRUM_SAMPLE_BUNDLE, NULL);
    rs_searcher_ask(s, 1, "exchange", false);
    SDL_Delay(300); /* answered and posted, never taken */
    rs_searcher_reopen(s);
    rs_searcher_destroy(s); /* the leak check at exit sees what it left */
    SDL_Event event;
    assert_int_equal(SDL_PollEvent(&event), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers_are_the_rows_of_a_search_in_line),
        cmocka_unit_test(test_only_the_newest_waiting_question_is_searched),
        cmocka_unit_test(test_route_searched_in_its_language),
        cmocka_unit_test(test_a_missing_bundle_is_an_answer_with_its_error),
        cmocka_unit_test(test_answers_never_taken_are_freed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
