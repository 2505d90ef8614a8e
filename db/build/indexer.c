/*
 * Pass 2 of a build: the statements, their texts and the full-text index,
 * with the files read again ahead of the writer on a second thread.
 *
 * Writing is one SQLite connection on one thread, and most of its time goes
 * into the full-text index. Everything before that can run beside it: a
 * worker thread reads each file again, parses it and runs the tokenizer
 * ('rostrum', in the statement's language) over its title and body, a few
 * dozen statements ahead. The FTS5 table then gets those tokens through a
 * stand-in for 'rostrum', registered on the builder's own connection only,
 * which replays what the real tokenizer produced for exactly that text and
 * otherwise calls the real tokenizer itself. The index is therefore the same as if FTS5 had
 * tokenized everything in place, and the result does not depend on timing:
 * rows are still written one at a time, in id order, on this thread. */
#include "builder_private.h"

#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "tokenizer.h"

/* One token as the real tokenizer reported it; text is an offset into the
 * list's bytes. */
typedef struct token {
    int flags, start, end, length;
    size_t text;
} token;

typedef struct token_list {
    token *items;
    size_t count, capacity;
    char *text;
    size_t used, text_capacity;
} token_list;

static int keep_token(void *context, int flags, const char *text, int length, int start, int end)
{
    token_list *list = context;
    if (length < 0)
        return SQLITE_ERROR;
    rs_grow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    rs_grow(&list->text, &list->text_capacity, list->used + (size_t)length, 1);
    if (length > 0)
        memcpy(list->text + list->used, text, (size_t)length);
    list->items[list->count++] = (token){flags, start, end, length, list->used};
    list->used += (size_t)length;
    return SQLITE_OK;
}

static void token_list_free(token_list *list)
{
    free(list->items);
    free(list->text);
    memset(list, 0, sizeof *list);
}

/* One statement read again, ready to be written. */
typedef struct prepared {
    rs_statement_source fresh;
    rs_diags *diags; /* what went wrong reading it */
    bool ok;
    bool tokenized; /* title and body hold the real tokenizer's output */
    token_list title, body;
    char lede[LEDE_SIZE]; /* the body's first sentence (statement_text.lede) */
} prepared;

/* The stand-in 'rostrum': replays the tokens of the statement being written. */
struct replay {
    tokenizer_module real;
    rs_tokenizer_module *settings; /* the real one's, for its document language */
    const prepared *current;
};

typedef struct replay_instance {
    replay *replay;
    Fts5Tokenizer *real;
    bool can_replay; /* created without arguments, as the worker tokenizes */
} replay_instance;

static int replay_create(void *context, const char **args, int count, Fts5Tokenizer **out)
{
    replay *r = context;
    replay_instance *instance = sqlite3_malloc(sizeof *instance);
    if (!instance)
        return SQLITE_NOMEM;
    instance->replay = r;
    instance->can_replay = count == 0;
    int rc = r->real.methods.xCreate(r->real.context, args, count, &instance->real);
    if (rc != SQLITE_OK) {
        sqlite3_free(instance);
        return rc;
    }
    *out = (Fts5Tokenizer *)instance;
    return SQLITE_OK;
}

static void replay_delete(Fts5Tokenizer *handle)
{
    replay_instance *instance = (replay_instance *)handle;
    instance->replay->real.methods.xDelete(instance->real);
    sqlite3_free(instance);
}

static bool same_text(const char *a, size_t a_length, const char *b, int b_length)
{
    return a && b && b_length >= 0 && a_length == (size_t)b_length && memcmp(a, b, a_length) == 0;
}

static int replay_tokenize(Fts5Tokenizer *handle, void *context, int flags, const char *text, int length,
                           int (*emit)(void *, int, const char *, int, int, int))
{
    replay_instance *instance = (replay_instance *)handle;
    const prepared *current = instance->replay->current;
    const token_list *list = NULL;
    if (instance->can_replay && current && current->tokenized && flags == FTS5_TOKENIZE_DOCUMENT) {
        if (same_text(current->fresh.title, strlen(current->fresh.title), text, length))
            list = &current->title;
        else if (same_text(current->fresh.body, current->fresh.body_bytes, text, length))
            list = &current->body;
    }
    if (!list)
        return instance->replay->real.methods.xTokenize(instance->real, context, flags, text, length, emit);
    for (size_t i = 0; i < list->count; i++) {
        const token *t = &list->items[i];
        int rc = emit(context, t->flags, list->text + t->text, t->length, t->start, t->end);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static void replay_destroy(void *context)
{
    sqlite3_free(context);
}

bool indexer_install(sqlite3 *db, replay **out, tokenizer_module *real)
{
    *out = NULL;
    fts5_api *api = rs_fts5_api(db);
    rs_tokenizer_module *settings = rs_tokenizer_module_of(db); /* before the stand-in hides it */
    if (!api || !settings ||
        api->xFindTokenizer(api, INDEX_TOKENIZER, &real->context, &real->methods) != SQLITE_OK)
        return false;
    replay *r = sqlite3_malloc(sizeof *r);
    if (!r)
        return false;
    r->real = *real;
    r->settings = settings;
    r->current = NULL;
    fts5_tokenizer methods = {replay_create, replay_delete, replay_tokenize};
    if (api->xCreateTokenizer(api, INDEX_TOKENIZER, r, &methods, replay_destroy) != SQLITE_OK) {
        sqlite3_free(r);
        return false;
    }
    *out = r;
    return true;
}

bool indexer_tokenizer(writer *w, tokenizer_module *out)
{
    if (w->replay) {
        *out = w->replay->real;
        return true;
    }
    fts5_api *api = rs_fts5_api(w->db);
    return api && api->xFindTokenizer(api, INDEX_TOKENIZER, &out->context, &out->methods) == SQLITE_OK;
}

#define PIPELINE_DEPTH 32

typedef struct pipeline {
    build *b;
    prepared slots[PIPELINE_DEPTH];
    size_t produced, consumed; /* statements, in time order */
    bool stop;
    bool threaded;
    /* As in pass 1: the worker, once the window is full, resumes when half
     * of it is free again. */
    bool taker_waiting, worker_waiting;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t ready, space;
    tokenizer_module real; /* the real 'rostrum', for the worker */
    Fts5Tokenizer *tokenizer; /* its instance, set to each statement's language; NULL: FTS5 tokenizes in place */
} pipeline;

/* Reads one statement file again for its body and the fields pass 1 did not
 * keep, and checks that it still says what pass 1 read (a curator may be
 * editing while a big build runs). */
static bool reread_statement(const build *b, const statement_entry *entry, rs_statement_source *fresh,
                             rs_diags *diags)
{
    char *path = build_statement_path(b, entry);
    size_t size;
    char *data = rs_source_read_file(path, &size, diags);
    bool ok = data != NULL;
    if (ok)
        ok = rs_source_parse_statement(path, data, size, &b->context, true, fresh, diags);
    else
        memset(fresh, 0, sizeof *fresh);
    free(data);
    if (ok && (strcmp(fresh->id, entry->slug) != 0 || !fresh->body)) {
        rs_diags_add(diags, path, 0, "the file changed while the bundle was being built; build again");
        ok = false;
    }
    free(path);
    return ok;
}

static void prepare_statement(pipeline *p, size_t t, prepared *slot)
{
    const build *b = p->b;
    slot->diags = rs_diags_create();
    slot->ok = reread_statement(b, &b->statements[b->by_time[t]], &slot->fresh, slot->diags);
    slot->tokenized = false;
    slot->title.count = slot->title.used = 0;
    slot->body.count = slot->body.used = 0;
    slot->lede[0] = '\0';
    if (slot->ok)
        thread_lede(slot->fresh.body, slot->fresh.body_bytes, slot->lede);
    if (slot->ok && p->tokenizer) {
        const fts5_tokenizer *m = &p->real.methods;
        const rs_statement_source *f = &slot->fresh;
        slot->tokenized =
            rs_tokenizer_instance_document(m, p->tokenizer, b->statements[b->by_time[t]].language) &&
            f->body_bytes <= INT32_MAX && strlen(f->title) <= INT32_MAX &&
            m->xTokenize(p->tokenizer, &slot->title, FTS5_TOKENIZE_DOCUMENT, f->title, (int)strlen(f->title),
                         keep_token) == SQLITE_OK &&
            m->xTokenize(p->tokenizer, &slot->body, FTS5_TOKENIZE_DOCUMENT, f->body, (int)f->body_bytes,
                         keep_token) == SQLITE_OK;
    }
}

static void *pipeline_worker(void *context)
{
    pipeline *p = context;
    for (size_t t = 0; t < p->b->statement_count; t++) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->produced - p->consumed >= PIPELINE_DEPTH) {
            p->worker_waiting = true;
            pthread_cond_wait(&p->space, &p->lock);
        }
        bool stop = p->stop;
        pthread_mutex_unlock(&p->lock);
        if (stop)
            break;
        prepared *slot = &p->slots[t % PIPELINE_DEPTH];
        prepare_statement(p, t, slot);
        pthread_mutex_lock(&p->lock);
        p->produced++;
        if (p->taker_waiting) {
            p->taker_waiting = false;
            pthread_cond_signal(&p->ready);
        }
        pthread_mutex_unlock(&p->lock);
        if (!slot->ok)
            break; /* the build stops at this statement */
    }
    return NULL;
}

/* Starts reading ahead. Without a thread (or without the real tokenizer)
 * the same work happens in line, one statement at a time. */
static void pipeline_start(pipeline *p, build *b, const tokenizer_module *real)
{
    memset(p, 0, sizeof *p);
    p->b = b;
    if (real && real->methods.xCreate) {
        p->real = *real;
        if (real->methods.xCreate(real->context, NULL, 0, &p->tokenizer) != SQLITE_OK)
            p->tokenizer = NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->ready, NULL);
    pthread_cond_init(&p->space, NULL);
    p->threaded = b->statement_count > 1 && build_start_helper(&p->thread, pipeline_worker, p);
}

/* The statement at time position t, once it is ready. */
static prepared *pipeline_take(pipeline *p, size_t t)
{
    if (!p->threaded) {
        prepare_statement(p, t, &p->slots[0]);
        return &p->slots[0];
    }
    pthread_mutex_lock(&p->lock);
    while (p->produced <= t) {
        p->taker_waiting = true;
        pthread_cond_wait(&p->ready, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return &p->slots[t % PIPELINE_DEPTH];
}

static void prepared_clear(prepared *slot)
{
    rs_statement_source_clear(&slot->fresh);
    rs_diags_destroy(slot->diags);
    slot->diags = NULL;
}

static void pipeline_release(pipeline *p, prepared *slot)
{
    prepared_clear(slot);
    if (!p->threaded)
        return;
    pthread_mutex_lock(&p->lock);
    p->consumed++;
    if (p->worker_waiting && p->produced - p->consumed <= PIPELINE_DEPTH / 2) {
        p->worker_waiting = false;
        pthread_cond_signal(&p->space);
    }
    pthread_mutex_unlock(&p->lock);
}

static void pipeline_finish(pipeline *p)
{
    if (p->threaded) {
        pthread_mutex_lock(&p->lock);
        p->stop = true;
        pthread_cond_signal(&p->space);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
        for (size_t t = p->consumed; t < p->produced; t++)
            prepared_clear(&p->slots[t % PIPELINE_DEPTH]);
    }
    for (size_t i = 0; i < PIPELINE_DEPTH; i++) {
        token_list_free(&p->slots[i].title);
        token_list_free(&p->slots[i].body);
    }
    if (p->tokenizer)
        p->real.methods.xDelete(p->tokenizer);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->ready);
    pthread_cond_destroy(&p->space);
}

/* Binds the statement row of entry, as pass 1 kept it and fresh read it
 * again, to insert (the columns of statement, in order). */
static void bind_statement_row(sqlite3_stmt *insert, const statement_entry *entry, const rs_statement_source *fresh,
                               const string_set *outlets, const string_set *speakers)
{
    sqlite3_bind_int64(insert, 1, entry->id);
    sqlite3_bind_text(insert, 2, entry->slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, fresh->title, -1, SQLITE_STATIC);
    writer_bind_text_or_null(insert, 4, fresh->title_note);
    writer_bind_text_or_null(insert, 5, entry->date_text);
    if (entry->date.year)
        sqlite3_bind_int(insert, 6, entry->date.year);
    if (entry->date.month)
        sqlite3_bind_int(insert, 7, entry->date.month);
    if (entry->date.day)
        sqlite3_bind_int(insert, 8, entry->date.day);
    writer_bind_text_or_null(insert, 9, fresh->date_note);
    if (entry->outlet)
        sqlite3_bind_int64(insert, 10, string_set_find(outlets, entry->outlet));
    if (entry->speaker_key)
        sqlite3_bind_int64(insert, 11, string_set_find(speakers, entry->speaker_key));
    sqlite3_bind_text(insert, 12, entry->language, -1, SQLITE_STATIC);
    writer_bind_text_or_null(insert, 13, fresh->url);
    sqlite3_bind_text(insert, 14, fresh->kind, -1, SQLITE_STATIC);
    if (entry->same_as_id)
        sqlite3_bind_int64(insert, 15, entry->same_as_id);
    if (entry->same_group)
        sqlite3_bind_int64(insert, 16, entry->same_group);
    sqlite3_bind_text(insert, 17, entry->name, -1, SQLITE_STATIC);
    if (entry->translation_of_id)
        sqlite3_bind_int64(insert, 18, entry->translation_of_id);
    if (entry->translation_group)
        sqlite3_bind_int64(insert, 19, entry->translation_group);
    sqlite3_bind_int(insert, 20, fresh->partial ? 1 : 0);
    if (fresh->note)
        sqlite3_bind_text(insert, 21, fresh->note, -1, SQLITE_STATIC);
}

/* Inserts (id, title, body) through stmt, with the lede before the body
 * when it is given: statement_text, then the index. */
static bool insert_text(writer *w, sqlite3_stmt *stmt, int64_t id, const rs_statement_source *fresh, const char *lede)
{
    int at = 2;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, at++, fresh->title, -1, SQLITE_STATIC);
    if (lede)
        sqlite3_bind_text(stmt, at++, lede, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, at, fresh->body, (int)fresh->body_bytes, SQLITE_STATIC);
    return writer_step(w, stmt);
}

bool indexer_write_statements(writer *w, const string_set *outlets, const string_set *speakers,
                              const tokenizer_module *real)
{
    build *b = w->b;
    /* The rows go to a temporary table first and into statement in one go
     * at the end, so that statement's pages lie together in the file rather
     * than one between every few dozen pages of text. */
    bool ok = writer_exec(w, "CREATE TEMP TABLE statement_rows AS SELECT * FROM main.statement WHERE 0;");
    sqlite3_stmt *insert = ok ? writer_prepare(w,
        "INSERT INTO temp.statement_rows(id, slug, title, title_note, date, year, month, day, date_note, outlet_id,"
        " speaker_id, language, url, kind, same_as_id, same_group, source_path, translation_of_id,"
        " translation_group, partial, note)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)") : NULL;
    sqlite3_stmt *text = writer_prepare(w, "INSERT INTO statement_text(id, title, lede, body) VALUES(?1, ?2, ?3, ?4)");
    sqlite3_stmt *fts = writer_prepare(w, "INSERT INTO statement_fts(rowid, title, body) VALUES(?1, ?2, ?3)");
    ok = ok && insert && text && fts;
    progress p = {.enabled = b->options->progress && b->statement_count >= 1000, .stage = "written",
                  .total = b->statement_count, .started = build_now()};
    uint64_t bytes = 0;
    pipeline *ahead = rs_xcalloc(1, sizeof *ahead);
    if (ok)
        pipeline_start(ahead, b, w->replay ? real : NULL);
    /* FTS5 tells its tokenizer nothing of a row: the connection's document
     * language is set before each row, for whatever the stand-in does not
     * replay (and for everything without it). */
    rs_tokenizer_module *settings = w->replay ? w->replay->settings : rs_tokenizer_module_of(w->db);

    for (size_t t = 0; ok && t < b->statement_count; t++) {
        statement_entry *entry = &b->statements[b->by_time[t]];
        prepared *ready = pipeline_take(ahead, t);
        if (!ready->ok) {
            char *path = build_statement_path(b, entry);
            build_move_diags(b->diags, ready->diags, path);
            free(path);
            pipeline_release(ahead, ready);
            ok = false;
            break;
        }
        const rs_statement_source *fresh = &ready->fresh;
        bytes += fresh->body_bytes;

        bind_statement_row(insert, entry, fresh, outlets, speakers);
        ok = writer_step(w, insert);

        ok = ok && insert_text(w, text, entry->id, fresh, ready->lede);
        if (w->replay)
            w->replay->current = ready;
        rs_tokenizer_set_document_language(settings, entry->language);
        ok = ok && insert_text(w, fts, entry->id, fresh, NULL);
        rs_tokenizer_set_document_language(settings, NULL);
        if (w->replay)
            w->replay->current = NULL;

        pipeline_release(ahead, ready);
        build_progress_draw(&p, t + 1, bytes, t + 1 == b->statement_count);
    }
    if (ahead->b)
        pipeline_finish(ahead);
    free(ahead);
    sqlite3_finalize(insert);
    sqlite3_finalize(text);
    sqlite3_finalize(fts);
    return ok && writer_exec(w, "INSERT INTO main.statement SELECT * FROM temp.statement_rows ORDER BY rowid;"
                             "DROP TABLE temp.statement_rows;");
}

