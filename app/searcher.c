#include "searcher.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"

struct rs_searcher {
    char *bundle_path;
    rs_wakeup *wakeup;
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;
    Uint32 event_type;
    /* under lock: */
    bool pending, quit;
    unsigned generation;
    unsigned epoch; /* bumped when the bundle is replaced */
    char query[RS_QUERY_MAX + 1];
    bool typing;
    /* The UI language when asked: a query's Latin words stem in it, as on
     * the main thread's connection (rs_bundle_set_language). */
    char language[16];
};

/* Takes the newest question (under the lock) into a new answer; NULL when
 * the thread is to stop. *reopen: the bundle was replaced since *epoch. */
static rs_search_answer *next_question(rs_searcher *s, unsigned *epoch, bool *reopen, char language[16])
{
    SDL_LockMutex(s->lock);
    while (!s->pending && !s->quit)
        SDL_CondWait(s->wake, s->lock);
    rs_search_answer *answer = NULL;
    if (!s->quit) {
        answer = rs_xcalloc(1, sizeof *answer);
        answer->generation = s->generation;
        memcpy(answer->query, s->query, sizeof answer->query);
        answer->typing = s->typing;
        memcpy(language, s->language, sizeof s->language);
        *reopen = *epoch != s->epoch;
        *epoch = s->epoch;
        s->pending = false;
    }
    SDL_UnlockMutex(s->lock);
    return answer;
}

static int search_thread(void *data)
{
    rs_searcher *s = data;
    rs_bundle *b = NULL;
    unsigned epoch = 0;
    bool reopen = false;
    rs_search_answer *answer;
    char language[16];
    while ((answer = next_question(s, &epoch, &reopen, language))) {
        if (!b || reopen) {
            rs_bundle_close(b);
            b = rs_bundle_open(s->bundle_path, answer->error, sizeof answer->error);
        }
        if (b)
            rs_bundle_set_language(b, language);
        answer->ok = b && rs_search_run(b, answer->query, answer->typing, &answer->results, answer->error,
                                        sizeof answer->error);
        SDL_Event event = {.type = s->event_type};
        event.user.data1 = answer;
        if (SDL_PushEvent(&event) != 1)
            rs_searcher_answer_free(answer);
        else if (s->wakeup)
            rs_wakeup_signal(s->wakeup);
    }
    rs_bundle_close(b);
    return 0;
}

rs_searcher *rs_searcher_create(const char *bundle_path, rs_wakeup *wakeup)
{
    rs_searcher *s = rs_xcalloc(1, sizeof *s);
    s->bundle_path = rs_xstrdup(bundle_path);
    s->wakeup = wakeup;
    s->event_type = SDL_RegisterEvents(1);
    s->lock = SDL_CreateMutex();
    s->wake = SDL_CreateCond();
    if (s->event_type != (Uint32)-1 && s->lock && s->wake)
        s->thread = SDL_CreateThread(search_thread, "rostrum-search", s);
    if (!s->thread) {
        rs_searcher_destroy(s);
        return NULL;
    }
    return s;
}

void rs_searcher_destroy(rs_searcher *s)
{
    if (!s)
        return;
    if (s->thread) {
        SDL_LockMutex(s->lock);
        s->quit = true;
        SDL_CondSignal(s->wake);
        SDL_UnlockMutex(s->lock);
        SDL_WaitThread(s->thread, NULL);
        /* Answers posted and never taken. */
        SDL_Event left;
        while (SDL_PeepEvents(&left, 1, SDL_GETEVENT, s->event_type, s->event_type) == 1)
            rs_searcher_answer_free(left.user.data1);
    }
    if (s->wake)
        SDL_DestroyCond(s->wake);
    if (s->lock)
        SDL_DestroyMutex(s->lock);
    free(s->bundle_path);
    free(s);
}

Uint32 rs_searcher_event_type(const rs_searcher *s)
{
    return s->event_type;
}

void rs_searcher_ask(rs_searcher *s, unsigned generation, const char *query, bool typing)
{
    SDL_LockMutex(s->lock);
    s->generation = generation;
    s->typing = typing;
    snprintf(s->query, sizeof s->query, "%s", query);
    snprintf(s->language, sizeof s->language, "%s", rs_i18n_code(rs_i18n_current()));
    s->pending = true;
    SDL_CondSignal(s->wake);
    SDL_UnlockMutex(s->lock);
}

void rs_searcher_reopen(rs_searcher *s)
{
    SDL_LockMutex(s->lock);
    s->epoch++;
    SDL_UnlockMutex(s->lock);
}

void rs_searcher_answer_free(rs_search_answer *answer)
{
    if (!answer)
        return;
    if (answer->ok)
        rs_search_results_clear(&answer->results);
    free(answer);
}
