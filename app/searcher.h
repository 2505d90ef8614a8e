/*
 * searcher: search while typing, on a thread of its own with its own
 * read-only connection to the bundle (SQLite connections are not shared
 * between threads), so that no frame waits for a query.
 *
 * The main thread asks (rs_searcher_ask); the thread searches only the
 * newest question waiting and posts the answer as an SDL event of type
 * rs_searcher_event_type(), whose data1 is an rs_search_answer that the
 * main thread passes to rs_searcher_answer_free once it has used it.
 */
#ifndef RS_SEARCHER_H
#define RS_SEARCHER_H

#include <SDL.h>
#include <stdbool.h>

#include "nav.h"
#include "screen.h"
#include "wakeup.h"

typedef struct rs_searcher rs_searcher;

typedef struct rs_search_answer {
    unsigned generation; /* the session's number for the question */
    char query[RS_QUERY_MAX + 1];
    bool typing;
    rs_search_results results; /* valid when ok */
    bool ok;
    char error[512]; /* why not ok: for the main thread to log (rs_log is not for threads) */
} rs_search_answer;

/* Starts the thread on the bundle at bundle_path (opened at the first
 * question). wakeup, if not NULL, is signalled after each answer is posted
 * (the viewer's own wait does not see SDL's queue). NULL if SDL cannot give
 * an event type, a lock or a thread (SDL_GetError says why). */
rs_searcher *rs_searcher_create(const char *bundle_path, rs_wakeup *wakeup);

/* Stops and joins the thread and frees the answers never taken. */
void rs_searcher_destroy(rs_searcher *s);

/* The SDL event type of answers. */
Uint32 rs_searcher_event_type(const rs_searcher *s);

/* Replaces any question still waiting with this one (query is copied). */
void rs_searcher_ask(rs_searcher *s, unsigned generation, const char *query, bool typing);

/* The bundle file was replaced: the thread reopens it before its next search. */
void rs_searcher_reopen(rs_searcher *s);

/* Frees an answer taken from an event (its results too). */
void rs_searcher_answer_free(rs_search_answer *answer);

#endif
