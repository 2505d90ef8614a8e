/*
 * Search: reading a visitor's query as the index does (search_query.h and
 * the bundle's own tokenizers), ranking the matches (BM25 with the weights
 * the builder stored in term_stat, over a bounded set), the pages of
 * results, the builder's suggestion chips, and where a query matches in a
 * text (highlights).
 */
#include "bundle.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"
#include "field_limits.h"
#include "search_query.h"
#include "strbuf.h"
#include "tokenizer.h"

static const char *const query_sql[QUERY_COUNT] = {
    /* Search is two steps. The ranking reads only the index, newest match
     * first, and stops after ?3 rows: its cost is bounded whatever the query
     * matches. Each hit of the page is then read alone, with its snippet, so
     * no snippet is made for a row the visitor will not see (making one for
     * every match before sorting was most of the time of a search). */
    [Q_SEARCH_RANK] = "SELECT rowid, rostrum_rank(statement_fts, ?2) FROM statement_fts"
                      " WHERE statement_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3",
    [Q_SEARCH_HIT] = "SELECT s.id, s.slug, s.date, " BUNDLE_OUTLET_NAME ", s.title,"
                     "  snippet(statement_fts, 1, '" RS_MARK_START "', '" RS_MARK_END "', '…', 24)"
                     " FROM statement_fts f JOIN statement s ON s.id = f.rowid" BUNDLE_OUTLET_JOIN
                     " WHERE statement_fts MATCH ?1 AND f.rowid = ?2",
    [Q_TERM_DOCUMENTS] = "SELECT doc_count FROM term_stat WHERE term = ?1",
    [Q_TERM_COMPLETIONS] = "SELECT term FROM term_stat WHERE term >= ?1 AND term < ?2"
                           " ORDER BY doc_count DESC, term LIMIT 64",
    [Q_SUGGESTIONS] = "SELECT kind, query, label, language, statement_count FROM suggestion ORDER BY pos LIMIT ?1",
};

static sqlite3_stmt *cached_query(rs_bundle *b, enum bundle_query q)
{
    return bundle_prepared(b, q, query_sql[q]);
}

/* Every word of a query is searched (the viewer's search field holds
 * RS_QUERY_MAX bytes, at most 50 words; the 17th and later words were once
 * dropped without a word). A word being typed is completed to at most
 * TYPING_COMPLETIONS index terms. The ranking keeps the weights of up to
 * RANK_PHRASES phrases on its stack, more on the heap. */
#define TYPING_COMPLETIONS 8
#define RANK_PHRASES 64

/* The index's own tokenizer ('rostrum'), for reading queries exactly as
 * the index does (and, as FTS5_TOKENIZE_PREFIX, the folded but unstemmed
 * form of a word being typed), made on first use (b->porter: the field's
 * name is older than format 5). It reads texts for highlights as queries
 * read words (rs_tokenizer_instance_documents_as_queries): a text's
 * language is not known here. Each use first sets the connection's query
 * language to the UI language (rs_bundle_set_language), so that the index's
 * own MATCH reads the query alike. */
static bool load_tokenizers(rs_bundle *b)
{
    rs_tokenizer_set_query_language(rs_tokenizer_module_of(b->db), b->language);
    if (b->porter)
        return true;
    fts5_api *api = rs_fts5_api(b->db);
    void *context;
    if (!api || api->xFindTokenizer(api, "rostrum", &context, &b->porter_methods) != SQLITE_OK ||
        b->porter_methods.xCreate(context, NULL, 0, &b->porter) != SQLITE_OK) {
        b->porter = NULL;
        return false;
    }
    rs_tokenizer_instance_documents_as_queries(&b->porter_methods, b->porter);
    return true;
}

/* Tokens as a tokenizer gives them: text, byte range, position. */
typedef struct token_list {
    struct token {
        size_t text, length; /* into bytes */
        int start, end, position;
        bool colocated;
    } *items;
    size_t count, capacity;
    rs_strbuf bytes;
    int position;
} token_list;

static int keep_token(void *context, int flags, const char *text, int length, int start, int end)
{
    token_list *list = context;
    if (length < 0 || start < 0 || end < start)
        return SQLITE_OK;
    bool colocated = (flags & FTS5_TOKEN_COLOCATED) && list->count;
    if (!colocated)
        list->position++;
    rs_grow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    list->items[list->count++] =
        (struct token){list->bytes.length, (size_t)length, start, end, list->position - 1, colocated};
    rs_strbuf_append(&list->bytes, text, (size_t)length);
    return SQLITE_OK;
}

static void token_list_clear(token_list *list)
{
    free(list->items);
    rs_strbuf_clear(&list->bytes);
    memset(list, 0, sizeof *list);
}

static const char *token_text(const token_list *list, size_t i)
{
    return list->bytes.data + list->items[i].text;
}

/* fold_only: the words folded but not stemmed (as a prefix is read). */
static bool tokenize(rs_bundle *b, bool fold_only, int flags, const char *text, size_t length, token_list *out)
{
    memset(out, 0, sizeof *out);
    rs_strbuf_append(&out->bytes, "", 0);
    if (length > INT32_MAX)
        length = INT32_MAX;
    if (fold_only)
        flags |= FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX;
    return b->porter_methods.xTokenize(b->porter, out, flags, text, (int)length, keep_token) == SQLITE_OK;
}

/* Whether some token at position of list is text: a query's word may be
 * read as two stems at one position (its UI language's and English's). */
static bool has_token(const token_list *list, int position, const char *text, size_t length)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].position == position && list->items[i].length == length &&
            memcmp(token_text(list, i), text, length) == 0)
            return true;
    return false;
}

/* Code points in a UTF-8 string. */
static size_t characters(const char *text, size_t length)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static bool is_cjk_text(const char *text)
{
    return (unsigned char)text[0] >= 0xE2; /* U+2000 and up: the tokenizer's CJK ranges start at U+1100 */
}

/* A word that is one letter or digit of an alphabetic script. */
static bool is_short_word(const token_list *tokens)
{
    return tokens->position == 1 && characters(token_text(tokens, 0), tokens->items[0].length) == 1 &&
           !is_cjk_text(token_text(tokens, 0));
}

/* A query made ready for FTS5: the expression, the weight (IDF) of each of
 * its phrases in order, and the query as searched. */
typedef struct search_plan {
    rs_query_status status;
    rs_strbuf expression, used;
    double *idf; /* one per phrase, in order */
    size_t phrase_count, idf_capacity;
} search_plan;

static void search_plan_clear(search_plan *plan)
{
    rs_strbuf_clear(&plan->expression);
    rs_strbuf_clear(&plan->used);
    free(plan->idf);
    memset(plan, 0, sizeof *plan);
}

/* Statements holding term, from term_stat (0 when absent), kept within
 * 0..statement_count whatever the file says. */
static int64_t term_documents(rs_bundle *b, const char *term, size_t length)
{
    sqlite3_stmt *stmt = cached_query(b, Q_TERM_DOCUMENTS);
    if (!stmt)
        return 0;
    sqlite3_bind_text(stmt, 1, term, (int)length, SQLITE_STATIC);
    int64_t count = sqlite3_step(stmt) == SQLITE_ROW ? bundle_column_count(stmt, 0) : 0;
    bundle_done(stmt);
    int64_t rows;
    if (bundle_meta_int(b, "statement_count", &rows) && count > rows)
        count = rows;
    return count;
}

/* BM25's weight of a phrase found in documents of rows, as FTS5 computes it. */
static double idf_of(rs_bundle *b, int64_t documents)
{
    int64_t rows = 0;
    if (!bundle_meta_int(b, "statement_count", &rows) || rows < 1)
        rows = 1;
    double idf = log(((double)rows - (double)documents + 0.5) / ((double)documents + 0.5));
    return idf > 0 ? idf : 1e-6;
}

/* Adds one phrase to the plan: its quoted text, and as weight the rarest
 * of its positions (for a one-token phrase, exactly BM25's; for a Chinese
 * phrase, an upper bound on how many statements hold it), a position's
 * stems counted together (an upper bound for a word read as two). */
static void plan_phrase(rs_bundle *b, search_plan *plan, const char *text, size_t length, const token_list *tokens)
{
    rs_strbuf_append_quoted(&plan->expression, text, length);
    int64_t documents = INT64_MAX;
    for (size_t i = 0; i < tokens->count;) {
        int64_t d = 0;
        size_t j = i;
        for (; j < tokens->count && tokens->items[j].position == tokens->items[i].position; j++)
            d += term_documents(b, token_text(tokens, j), tokens->items[j].length);
        if (d < documents)
            documents = d;
        i = j;
    }
    rs_grow(&plan->idf, &plan->idf_capacity, plan->phrase_count + 1, sizeof *plan->idf);
    plan->idf[plan->phrase_count++] = idf_of(b, documents == INT64_MAX ? 0 : documents);
}

/* A word that the query tokenizer reads as term (one word, term among its
 * stems), written into out (size bytes), or false. Index terms are stems,
 * and a stemmer does not always leave a stem as it is ("accus" would
 * become "accu"), so a few endings English removes are tried: "accuse" is
 * read as accus. */
static bool word_for_term(rs_bundle *b, const char *term, size_t length, char *out, size_t size)
{
    static const char *const endings[] = {"", "e", "s", "es", "ed", "ing", "y"};
    for (size_t e = 0; e < sizeof endings / sizeof endings[0]; e++) {
        size_t base = length;
        if (endings[e][0] == 'y') { /* English writes a final y as i: happy, happi */
            if (!length || term[length - 1] != 'i')
                continue;
            base = length - 1;
        }
        if (base + strlen(endings[e]) + 1 > size)
            continue;
        memcpy(out, term, base);
        strcpy(out + base, endings[e]);
        token_list again;
        bool same = tokenize(b, false, FTS5_TOKENIZE_QUERY, out, strlen(out), &again) && again.position == 1 &&
                    has_token(&again, 0, term, length);
        token_list_clear(&again);
        if (same)
            return true;
    }
    return false;
}

/* Words that find the index terms beginning with prefix, most frequent
 * term first, at most max. Caller frees each. */
static size_t completions(rs_bundle *b, const char *prefix, size_t length, char **out, size_t max)
{
    sqlite3_stmt *stmt = cached_query(b, Q_TERM_COMPLETIONS);
    if (!stmt)
        return 0;
    rs_strbuf upper = {0};
    rs_strbuf_append(&upper, prefix, length);
    rs_strbuf_append(&upper, "\xFF", 1); /* above every UTF-8 continuation of prefix */
    sqlite3_bind_text(stmt, 1, prefix, (int)length, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, upper.data, (int)upper.length, SQLITE_STATIC);
    size_t n = 0;
    while (n < max && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(stmt, 0);
        int term_length = sqlite3_column_bytes(stmt, 0);
        char word[256];
        if (term && term_length > 0 && word_for_term(b, term, (size_t)term_length, word, sizeof word))
            out[n++] = bundle_valid_strdup(word);
    }
    bundle_done(stmt);
    rs_strbuf_clear(&upper);
    return n;
}

/* Adds a word being typed: the word itself and the index terms it begins,
 * as one OR group. Returns false when nothing in the index begins with it
 * or any shortening of it down to three characters. */
static bool plan_typed_word(rs_bundle *b, search_plan *plan, const rs_search_word *word, const token_list *tokens)
{
    token_list folded;
    if (!tokenize(b, true, 0, word->text, word->length, &folded) || folded.count != 1) {
        token_list_clear(&folded);
        return false;
    }
    char prefix[256];
    size_t length = folded.items[0].length < sizeof prefix - 1 ? folded.items[0].length : sizeof prefix - 1;
    memcpy(prefix, token_text(&folded, 0), length);
    token_list_clear(&folded);
    char *found[TYPING_COMPLETIONS];
    size_t n = 0;
    bool exact = false;
    for (size_t i = 0; tokens->position == 1 && i < tokens->count; i++)
        exact = exact || term_documents(b, token_text(tokens, i), tokens->items[i].length) > 0;
    while (length && !(n = completions(b, prefix, length, found, TYPING_COMPLETIONS)) && !exact) {
        /* Typed past the stem ("accusa" of accus-): one character back. */
        size_t back = length;
        do
            back--;
        while (back && ((unsigned char)prefix[back] & 0xC0) == 0x80);
        if (characters(prefix, back) < 3)
            break;
        length = back;
    }
    if (!n && !exact)
        return false;
    if (plan->expression.length)
        rs_strbuf_append(&plan->expression, " AND ", 5);
    rs_strbuf_append(&plan->expression, "(", 1);
    if (exact)
        plan_phrase(b, plan, word->text, word->length, tokens);
    for (size_t i = 0; i < n; i++) {
        token_list one;
        tokenize(b, false, FTS5_TOKENIZE_QUERY, found[i], strlen(found[i]), &one);
        if (exact || i)
            rs_strbuf_append(&plan->expression, " OR ", 4);
        plan_phrase(b, plan, found[i], strlen(found[i]), &one);
        token_list_clear(&one);
        free(found[i]);
    }
    rs_strbuf_append(&plan->expression, ")", 1);
    if (plan->used.length)
        rs_strbuf_append(&plan->used, " ", 1);
    rs_strbuf_append(&plan->used, prefix, length);
    rs_strbuf_append(&plan->used, "*", 1);
    return true;
}

/* Adds a word searched as it is: one phrase, joined to the others by AND. */
static void plan_word(rs_bundle *b, search_plan *plan, const rs_search_word *word, const token_list *tokens)
{
    if (plan->expression.length)
        rs_strbuf_append(&plan->expression, " AND ", 5);
    plan_phrase(b, plan, word->text, word->length, tokens);
    if (plan->used.length)
        rs_strbuf_append(&plan->used, " ", 1);
    rs_strbuf_append(&plan->used, word->text, word->length);
}

/* Reads query as the index would, deciding what to search. Words are
 * joined by an explicit AND: FTS5 accepts "a" "b" but not "a" ("b" OR "c"). */
static bool plan_search(rs_bundle *b, const char *query, unsigned flags, search_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    rs_strbuf_append(&plan->expression, "", 0);
    rs_strbuf_append(&plan->used, "", 0);
    rs_search_query parsed;
    rs_search_query_parse(query, &parsed);
    bool blank = true;
    for (const char *p = query; *p && blank; p++)
        blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    plan->status = blank ? RS_QUERY_BLANK : RS_QUERY_TOO_SHORT;
    if (!load_tokenizers(b)) {
        rs_search_query_clear(&parsed);
        return false;
    }
    size_t words = parsed.count;
    bool any_long = false;
    for (size_t w = 0; w < words; w++) {
        const rs_search_word *word = &parsed.words[w];
        bool typing = word->prefix || ((flags & RS_QUERY_TYPING) && w + 1 == parsed.count);
        token_list tokens;
        tokenize(b, false, FTS5_TOKENIZE_QUERY, word->text, word->length, &tokens);
        bool is_short = is_short_word(&tokens);
        bool alphabetic = tokens.position == 1 && !is_cjk_text(token_text(&tokens, 0));
        if (tokens.count == 0 || (is_short && typing && (flags & RS_QUERY_TYPING) && w + 1 == parsed.count)) {
            /* Punctuation, or the first letter of a word still being typed. */
            token_list_clear(&tokens);
            continue;
        }
        any_long = any_long || !is_short;
        /* A typed word that nothing begins with is searched as it is, and
         * found nowhere. */
        if (!(typing && alphabetic && !is_short && plan_typed_word(b, plan, word, &tokens)))
            plan_word(b, plan, word, &tokens);
        token_list_clear(&tokens);
    }
    rs_search_query_clear(&parsed);
    if (plan->phrase_count && any_long)
        plan->status = RS_QUERY_SEARCHED;
    return true;
}

/* rostrum_rank(statement_fts, weights): BM25 as FTS5's bm25() computes it
 * (k1 1.2, b 0.75, title counted 4 times, body once), except that the weight
 * of each phrase comes in as an argument, a blob of one double per phrase
 * made from term_stat, instead of being counted over the whole index on
 * every query: for a common word that count alone took tens of milliseconds
 * at a million statements. Lower is better, as with bm25(). */
static void rank_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc,
                          sqlite3_value **argv)
{
    double idf_stack[RANK_PHRASES] = {0}, frequency_stack[RANK_PHRASES] = {0};
    int phrases = api->xPhraseCount(fts);
    if (phrases < 0)
        phrases = 0;
    double *idf = idf_stack, *frequency = frequency_stack;
    if (phrases > RANK_PHRASES) {
        idf = rs_xcalloc((size_t)phrases, sizeof *idf);
        frequency = rs_xcalloc((size_t)phrases, sizeof *frequency);
    }
    int given = 0;
    if (argc >= 1 && sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
        given = sqlite3_value_bytes(argv[0]) / (int)sizeof(double);
        if (given > phrases)
            given = phrases;
        if (given > 0)
            memcpy(idf, sqlite3_value_blob(argv[0]), (size_t)given * sizeof(double));
    }
    for (int p = given; p < phrases; p++)
        idf[p] = 1e-6;
    sqlite3_int64 rows = 0, tokens = 0;
    int instances = 0, size = 0;
    if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK ||
        api->xInstCount(fts, &instances) != SQLITE_OK || api->xColumnSize(fts, -1, &size) != SQLITE_OK) {
        sqlite3_result_double(context, 0.0);
        if (idf != idf_stack)
            free(idf), free(frequency);
        return;
    }
    double average = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    for (int i = 0; i < instances; i++) {
        int phrase, column, offset;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase >= 0 && phrase < phrases)
            frequency[phrase] += column == 0 ? 4.0 : 1.0;
    }
    const double k1 = 1.2, b = 0.75;
    double score = 0;
    for (int p = 0; p < phrases; p++)
        score += idf[p] * frequency[p] * (k1 + 1.0) /
                 (frequency[p] + k1 * (1.0 - b + b * (double)size / average));
    sqlite3_result_double(context, -score);
    if (idf != idf_stack)
        free(idf), free(frequency);
}

bool bundle_register_rank(sqlite3 *db)
{
    fts5_api *api = rs_fts5_api(db);
    return api &&
           api->xCreateFunction(api, "rostrum_rank", NULL, rank_function, NULL) == SQLITE_OK;
}

/* "search failed: " and SQLite's message, as one line of valid UTF-8: the
 * message can quote bytes of the file, such as a tokenizer option in the
 * index's declaration (found by tests/fuzz/fuzz_bundle). */
static void search_error(rs_bundle *b, char *error, size_t error_size)
{
    if (!error_size)
        return;
    char message[512];
    int n = snprintf(message, sizeof message, "search failed: %s", sqlite3_errmsg(b->db));
    size_t length = n < 0 ? 0 : (size_t)n < sizeof message ? (size_t)n : sizeof message - 1;
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)message[i] < 0x20 || message[i] == 0x7F)
            message[i] = ' ';
    bundle_write_valid(error, error_size, message, length);
}

static int compare_ranked(const void *a, const void *b)
{
    const bundle_ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Ranks the newest RS_SEARCH_RANKED matches of plan into b's ranking,
 * unless it holds this expression's already, read in the same UI language
 * (the language changes how the index reads the expression's words). */
static bool rank_matches(rs_bundle *b, const search_plan *plan)
{
    char *key = rs_xasprintf("%s\x1f%s", b->language, plan->expression.data);
    if (b->ranking_expression && strcmp(b->ranking_expression, key) == 0) {
        free(key);
        return true;
    }
    free(b->ranking_expression);
    free(b->ranking);
    b->ranking_expression = NULL;
    b->ranking = NULL;
    b->ranking_count = 0;
    b->ranking_more = false;
    sqlite3_stmt *stmt = cached_query(b, Q_SEARCH_RANK);
    if (!stmt) {
        free(key);
        return false;
    }
    sqlite3_bind_text(stmt, 1, plan->expression.data, -1, SQLITE_STATIC);
    sqlite3_bind_blob(stmt, 2, plan->idf, (int)(plan->phrase_count * sizeof(double)), SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, RS_SEARCH_RANKED + 1);
    bundle_ranked *items = rs_xmalloc((RS_SEARCH_RANKED + 1) * sizeof *items);
    size_t count = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && count <= RS_SEARCH_RANKED)
        items[count++] = (bundle_ranked){sqlite3_column_int64(stmt, 0), sqlite3_column_double(stmt, 1)};
    bundle_done(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        free(items);
        free(key);
        return false;
    }
    b->ranking_more = count > RS_SEARCH_RANKED;
    if (b->ranking_more)
        count = RS_SEARCH_RANKED;
    qsort(items, count, sizeof *items, compare_ranked);
    b->ranking = items;
    b->ranking_count = count;
    b->ranking_expression = key;
    return true;
}

bool rs_bundle_search_with(rs_bundle *b, const char *query, unsigned flags, size_t offset, size_t limit,
                           rs_search_results *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    search_plan plan;
    if (!plan_search(b, query ? query : "", flags, &plan)) {
        search_plan_clear(&plan);
        if (error_size)
            bundle_write_valid(error, error_size, "search failed: the bundle's tokenizer cannot be loaded", 55);
        return false;
    }
    out->status = plan.status;
    out->query_used = bundle_valid_strdup(plan.status == RS_QUERY_SEARCHED ? plan.used.data : "");
    if (plan.status != RS_QUERY_SEARCHED) {
        search_plan_clear(&plan);
        return true;
    }
    bool ok = rank_matches(b, &plan);
    sqlite3_stmt *stmt = ok ? cached_query(b, Q_SEARCH_HIT) : NULL;
    ok = stmt != NULL;
    if (ok) {
        out->total = (int64_t)b->ranking_count;
        out->more = b->ranking_more;
    }
    size_t capacity = 0;
    for (size_t i = offset; ok && i < b->ranking_count && i - offset < limit; i++) {
        sqlite3_bind_text(stmt, 1, plan.expression.data, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, b->ranking[i].id);
        bundle_bind_language(b, stmt); /* the outlet's name */
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            rs_grow(&out->items, &capacity, out->count + 1, sizeof *out->items);
            rs_search_hit *hit = &out->items[out->count++];
            hit->id = sqlite3_column_int64(stmt, 0);
            hit->slug = rs_limits_column_or_empty(stmt, 1, RS_FIELD_SLUG);
            hit->date = rs_limits_column(stmt, 2, RS_FIELD_DATE);
            hit->outlet = rs_limits_column(stmt, 3, RS_FIELD_OUTLET);
            hit->title = rs_limits_column_or_empty(stmt, 4, RS_FIELD_TITLE);
            hit->snippet = rs_limits_column_or_empty(stmt, 5, RS_FIELD_SNIPPET);
        }
        ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
        bundle_done(stmt); /* before the expression it was bound to is freed */
    }
    if (!ok) {
        search_error(b, error, error_size);
        rs_search_results_clear(out);
    }
    search_plan_clear(&plan);
    return ok;
}

bool rs_bundle_search(rs_bundle *b, const char *query, size_t offset, size_t limit, rs_search_results *out,
                      char *error, size_t error_size)
{
    return rs_bundle_search_with(b, query, 0, offset, limit, out, error, error_size);
}

void rs_search_results_clear(rs_search_results *results)
{
    for (size_t i = 0; i < results->count; i++) {
        rs_search_hit *hit = &results->items[i];
        free(hit->slug), free(hit->date), free(hit->outlet), free(hit->title), free(hit->snippet);
    }
    free(results->items);
    free(results->query_used);
    memset(results, 0, sizeof *results);
}

/* ---- suggestions ---- */

/* A suggestion row; a row of a kind this version does not know is left out. */
static bool read_suggestion(sqlite3_stmt *stmt, void *item, void *context)
{
    (void)context;
    rs_suggestion *s = item;
    int kind = bundle_column_name(stmt, 0, rs_suggestion_kinds, RS_SUGGESTION_KIND_COUNT);
    if (kind < 0)
        return false;
    s->kind = (rs_suggestion_kind)kind;
    s->query = rs_limits_column_or_empty(stmt, 1, RS_FIELD_SUGGESTION);
    s->label = rs_limits_column_or_empty(stmt, 2, RS_FIELD_SUGGESTION);
    s->language = rs_limits_column_or_empty(stmt, 3, RS_FIELD_SLUG);
    s->count = bundle_column_count(stmt, 4);
    return true;
}

bool rs_bundle_suggestions(rs_bundle *b, size_t limit, rs_suggestion_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_SUGGESTIONS);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, bundle_clamp_to_int64(limit));
    bool ok = bundle_read_rows(stmt, &out->items, &out->count, sizeof *out->items, read_suggestion, NULL);
    if (!ok)
        rs_suggestion_list_clear(out);
    return ok;
}

void rs_suggestion_list_clear(rs_suggestion_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].query), free(list->items[i].label), free(list->items[i].language);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- highlights ---- */

static int compare_ranges(const void *a, const void *b)
{
    const rs_range *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Does some token of text at position match want (a query token)? A prefix
 * token matches any token it begins. Returns its index or SIZE_MAX. */
static size_t token_at(const token_list *text, const size_t *first, int position, const char *want, size_t length,
                       bool prefix)
{
    if (position < 0 || position >= text->position)
        return SIZE_MAX;
    for (size_t i = first[position]; i < text->count && text->items[i].position == position; i++) {
        size_t l = text->items[i].length;
        if ((prefix ? l >= length : l == length) && memcmp(token_text(text, i), want, length) == 0)
            return i;
    }
    return SIZE_MAX;
}

bool rs_bundle_highlights(rs_bundle *b, const char *query, const char *text, rs_range_list *out)
{
    memset(out, 0, sizeof *out);
    if (!query || !text)
        return true;
    if (!load_tokenizers(b))
        return false;
    token_list document;
    if (!tokenize(b, false, FTS5_TOKENIZE_DOCUMENT, text, strlen(text), &document)) {
        token_list_clear(&document);
        return false;
    }
    /* first[p]: the first token at position p (tokens come in position order). */
    size_t *first = rs_xcalloc((size_t)document.position + 1, sizeof *first);
    for (size_t i = document.count; i-- > 0;)
        first[document.items[i].position] = i;
    rs_search_query parsed;
    rs_search_query_parse(query, &parsed);
    size_t capacity = 0;
    for (size_t w = 0; w < parsed.count; w++) {
        const rs_search_word *word = &parsed.words[w];
        /* As searched: the word's tokens at consecutive positions; a prefix
         * word also matches, through the fold alone, any token it begins. */
        token_list phrases[2];
        size_t phrase_count = 0;
        tokenize(b, false, FTS5_TOKENIZE_QUERY, word->text, word->length, &phrases[phrase_count++]);
        if (word->prefix)
            tokenize(b, true, 0, word->text, word->length, &phrases[phrase_count++]);
        for (size_t k = 0; k < phrase_count; k++) {
            const token_list *q = &phrases[k];
            for (int p = 0; q->count && p < document.position; p++) {
                size_t start_token = SIZE_MAX, end_token = SIZE_MAX;
                bool all = true;
                /* Each of the phrase's positions must match; a position's
                 * stems are alternatives (the document's are too). */
                for (size_t t = 0; all && t < q->count;) {
                    int at = q->items[t].position;
                    bool last_is_prefix = word->prefix && k == 1 && at + 1 == q->position;
                    size_t found = SIZE_MAX;
                    for (; t < q->count && q->items[t].position == at; t++)
                        if (found == SIZE_MAX)
                            found = token_at(&document, first, p + at, token_text(q, t), q->items[t].length,
                                             last_is_prefix);
                    all = found != SIZE_MAX;
                    if (all && at == 0)
                        start_token = found;
                    end_token = found;
                }
                if (!all)
                    continue;
                rs_grow(&out->items, &capacity, out->count + 1, sizeof *out->items);
                out->items[out->count++] =
                    (rs_range){(size_t)document.items[start_token].start, (size_t)document.items[end_token].end};
            }
        }
        for (size_t k = 0; k < phrase_count; k++)
            token_list_clear(&phrases[k]);
    }
    rs_search_query_clear(&parsed);
    free(first);
    token_list_clear(&document);
    /* In text order, overlapping ranges merged into one. */
    if (out->count)
        qsort(out->items, out->count, sizeof *out->items, compare_ranges);
    size_t kept = 0;
    for (size_t i = 0; i < out->count; i++) {
        if (kept && out->items[i].start < out->items[kept - 1].end) {
            if (out->items[i].end > out->items[kept - 1].end)
                out->items[kept - 1].end = out->items[i].end;
        } else {
            out->items[kept++] = out->items[i];
        }
    }
    out->count = kept;
    if (!kept) {
        free(out->items);
        out->items = NULL;
    }
    return true;
}

void rs_range_list_clear(rs_range_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

