#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tokenizer.h"

/* ---------------------------------------------------------------- helpers */

static sqlite3 *open_database(void)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(rs_tokenizer_register(db), SQLITE_OK);
    return db;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *error = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &error);
    if (rc != SQLITE_OK) {
        fail_msg("%s: %s", sql, error ? error : sqlite3_errstr(rc));
    }
}

/* The table shape bundles use, minus the external content. */
static sqlite3 *open_index(void)
{
    sqlite3 *db = open_database();
    exec_sql(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='rostrum')");
    return db;
}

static void insert_row(sqlite3 *db, sqlite3_int64 rowid, const char *title, const char *body)
{
    sqlite3_stmt *statement = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)",
                                        -1, &statement, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(statement, 1, rowid);
    sqlite3_bind_text(statement, 2, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 3, body, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(statement), SQLITE_DONE);
    sqlite3_finalize(statement);
}

static void integrity_check(sqlite3 *db)
{
    exec_sql(db, "INSERT INTO t(t) VALUES ('integrity-check')");
}

/* Matched rowids in ascending order, joined by commas ("" for none). */
static void collect_rowids(sqlite3 *db, const char *query, char *out, size_t out_size)
{
    sqlite3_stmt *statement = NULL;
    size_t used = 0;
    int rc;

    out[0] = '\0';
    rc = sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1,
                            &statement, NULL);
    assert_int_equal(rc, SQLITE_OK);
    sqlite3_bind_text(statement, 1, query, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        int written = snprintf(out + used, out_size - used, "%s%lld", used ? "," : "",
                               (long long)sqlite3_column_int64(statement, 0));
        assert_true(written > 0 && (size_t)written < out_size - used);
        used += (size_t)written;
    }
    if (rc != SQLITE_DONE) {
        fail_msg("MATCH '%s': %s", query, sqlite3_errmsg(db));
    }
    sqlite3_finalize(statement);
}

#define assert_matches(db, query, expected)                    \
    do {                                                       \
        char matched_[512];                                    \
        collect_rowids((db), (query), matched_, sizeof matched_); \
        assert_string_equal(matched_, (expected));             \
    } while (0)

/* Evaluates an auxiliary-function expression for row rowid, which must match query. */
static void aux_for_match(sqlite3 *db, const char *expression, const char *query,
                          sqlite3_int64 rowid, char *out, size_t out_size)
{
    char sql[256];
    sqlite3_stmt *statement = NULL;

    snprintf(sql, sizeof sql, "SELECT %s FROM t WHERE t MATCH ?1 AND rowid = ?2", expression);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &statement, NULL), SQLITE_OK);
    sqlite3_bind_text(statement, 1, query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(statement, 2, rowid);
    assert_int_equal(sqlite3_step(statement), SQLITE_ROW);
    snprintf(out, out_size, "%s", (const char *)sqlite3_column_text(statement, 0));
    assert_int_equal(sqlite3_step(statement), SQLITE_DONE);
    sqlite3_finalize(statement);
}

#define assert_aux(db, expression, query, rowid, expected)                     \
    do {                                                                       \
        char aux_[1024];                                                       \
        aux_for_match((db), (expression), (query), (rowid), aux_, sizeof aux_); \
        assert_string_equal(aux_, (expected));                                 \
    } while (0)

static fts5_api *fetch_fts5_api(sqlite3 *db)
{
    sqlite3_stmt *statement = NULL;
    fts5_api *api = NULL;

    assert_int_equal(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL), SQLITE_OK);
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    assert_int_equal(sqlite3_step(statement), SQLITE_ROW);
    sqlite3_finalize(statement);
    assert_non_null(api);
    return api;
}

/* A tokenizer instance obtained the way FTS5 itself obtains one. */
struct tokenizer_handle {
    sqlite3 *db;
    fts5_tokenizer methods;
    Fts5Tokenizer *instance;
};

static void open_tokenizer(struct tokenizer_handle *handle, const char *name, const char **args,
                           int arg_count)
{
    void *context = NULL;
    fts5_api *api;

    handle->db = open_database();
    api = fetch_fts5_api(handle->db);
    assert_int_equal(api->xFindTokenizer(api, name, &context, &handle->methods), SQLITE_OK);
    handle->instance = NULL;
    assert_int_equal(handle->methods.xCreate(context, args, arg_count, &handle->instance), SQLITE_OK);
    assert_non_null(handle->instance);
}

static void close_tokenizer(struct tokenizer_handle *handle)
{
    handle->methods.xDelete(handle->instance);
    assert_int_equal(sqlite3_close(handle->db), SQLITE_OK);
}

/*
 * Token stream rendered as "token:start-end" separated by spaces, with a leading '+'
 * on colocated tokens.
 */
struct token_log {
    char text[4096];
    size_t used;
    int count;
    int fail_at;    /* return fail_rc for this token (1-based); 0 = never */
    int fail_rc;
};

static int log_token(void *context, int tflags, const char *token, int token_len, int start,
                     int end)
{
    struct token_log *log = context;
    int written;

    log->count++;
    if (log->fail_at == log->count) {
        return log->fail_rc;
    }
    written = snprintf(log->text + log->used, sizeof log->text - log->used, "%s%s%.*s:%d-%d",
                       log->used ? " " : "", (tflags & FTS5_TOKEN_COLOCATED) ? "+" : "",
                       token_len, token, start, end);
    assert_true(written > 0 && (size_t)written < sizeof log->text - log->used);
    log->used += (size_t)written;
    return SQLITE_OK;
}

static void tokenize_to_string(struct tokenizer_handle *handle, int flags, const char *text,
                               char *out, size_t out_size)
{
    struct token_log log;

    memset(&log, 0, sizeof log);
    assert_int_equal(handle->methods.xTokenize(handle->instance, &log, flags, text,
                                               (int)strlen(text), log_token),
                     SQLITE_OK);
    snprintf(out, out_size, "%s", log.text);
}

#define assert_tokens(handle, flags, text, expected)                          \
    do {                                                                      \
        char tokens_[4096];                                                   \
        tokenize_to_string((handle), (flags), (text), tokens_, sizeof tokens_); \
        assert_string_equal(tokens_, (expected));                             \
    } while (0)

/* Invariants every token must satisfy, whatever the input bytes were. */
struct token_checker {
    int text_len;
    int last_start;
    int tokens;
};

static int check_token(void *context, int tflags, const char *token, int token_len, int start,
                       int end)
{
    struct token_checker *checker = context;

    assert_non_null(token);
    assert_true(token_len > 0);
    assert_true(start >= 0);
    assert_true(start <= end);
    assert_true(end <= checker->text_len);
    if (!(tflags & FTS5_TOKEN_COLOCATED)) {
        assert_true(start >= checker->last_start);
        checker->last_start = start;
    }
    checker->tokens++;
    return SQLITE_OK;
}

/* Deterministic pseudo-random numbers (xorshift32), so failures reproduce. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= (uint32_t)((uint64_t)x << 13);
    x ^= x >> 17;
    x ^= (uint32_t)((uint64_t)x << 5);
    *state = x;
    return x;
}

/* Valid and deliberately broken UTF-8 fragments mixed into random test input. */
static const char *const byte_fragments[] = {
    "网络", "安全", "華春瑩", "ハッキング", "해커", "хакеры", "hacking", " ", "。", "，",
    "COVID-19疫苗", "e\xcc\x81", "\xe3\x81\x8b\xe3\x82\x99", /* か + combining dakuten */
    "\xff", "\xfe", "\xc0\x80",             /* never valid */
    "\xe4\xb8",                             /* truncated 一 */
    "\xf0\x84\xb8\x80",                     /* overlong 一 */
    "\xe0\x80\x80",                         /* overlong NUL */
    "\xed\xa0\x80",                         /* UTF-16 surrogate */
    "\xf4\x90\x80\x80",                     /* above U+10FFFF */
    "\x80", "\xbf\xbf\xbf",                 /* stray continuation bytes */
    "\xe7\xbd\x91\x80\x80\x80",             /* 网 followed by continuation bytes */
    "\xf8\x88\x80\x80\x80",                 /* 5-byte form */
};

static int random_bytes(uint32_t *state, char *out, int capacity)
{
    int len = 0;
    int pieces = (int)(next_random(state) % 24);

    for (int i = 0; i < pieces; i++) {
        if (next_random(state) % 3 == 0) {
            int count = (int)(next_random(state) % 6) + 1;
            for (int j = 0; j < count && len < capacity; j++) {
                char byte = (char)(next_random(state) & 0xFF);
                out[len++] = byte == '\0' ? '\x01' : byte;
            }
        } else {
            const char *fragment =
                byte_fragments[next_random(state) % (sizeof byte_fragments / sizeof byte_fragments[0])];
            int fragment_len = (int)strlen(fragment);
            if (len + fragment_len > capacity) {
                break;
            }
            memcpy(out + len, fragment, (size_t)fragment_len);
            len += fragment_len;
        }
    }
    return len;
}

/* ------------------------------------------------------- token stream tests */

static void test_document_stream(void **state)
{
    struct tokenizer_handle handle;
    (void)state;

    open_tokenizer(&handle, "rostrum", NULL, 0);
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "网络安全 hacking",
                  "网:0-3 +网络:0-6 络:3-6 +络安:3-9 安:6-9 +安全:6-12 全:9-12 hack:13-20");
    /* AUX must index positions exactly as DOCUMENT did, or snippets drift
     * (its words are not stemmed: snippet() reads only positions and offsets). */
    assert_tokens(&handle, FTS5_TOKENIZE_AUX, "网络安全 hacking",
                  "网:0-3 +网络:0-6 络:3-6 +络安:3-9 安:6-9 +安全:6-12 全:9-12 hacking:13-20");
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "华",
                  "华:0-3");
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "COVID-19疫苗",
                  "covid:0-5 19:6-8 疫:8-11 +疫苗:8-14 苗:11-14");
    /* Punctuation ends a run: no bigram spans 。 or ，. */
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "你好。世界，和平",
                  "你:0-3 +你好:0-6 好:3-6 世:9-12 +世界:9-15 界:12-15 和:18-21 +和平:18-24 平:21-24");
    /* Folded non-CJK text between CJK keeps the original byte range (É is 2 bytes). */
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "网ÉCOLE络",
                  "网:0-3 ecol:3-9 络:9-12");
    /* A combining accent unicode61 drops inside a run stays inside the bigram. */
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "网\xcc\x81络",
                  "网:0-3 +网络:0-8 络:5-8");
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "人々", "人:0-3 +人々:0-6 々:3-6");
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "𠀀𠀁豈", /* Extension B, compatibility */
                  "𠀀:0-4 +𠀀𠀁:0-8 𠀁:4-8 +𠀁豈:4-11 豈:8-11");
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "ｶﾀ한", "ｶ:0-3 +ｶﾀ:0-6 ﾀ:3-6 +ﾀ한:3-9 한:6-9");
    /* Stemmed (Russian by its script), the offsets those of the whole word. */
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "ХАКЕРЫ Ёж", "хакер:0-12 еж:13-17");
    assert_tokens(&handle, FTS5_TOKENIZE_DOCUMENT, "", "");
    close_tokenizer(&handle);
}

static void test_query_stream(void **state)
{
    struct tokenizer_handle handle;
    (void)state;

    open_tokenizer(&handle, "rostrum", NULL, 0);
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY, "网络安全 hacking",
                  "网络:0-6 络安:3-9 安全:6-12 全:9-12 hack:13-20");
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY, "网络", "网络:0-6 络:3-6");
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY, "华", "华:0-3");
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, "网络",
                  "网络:0-6 络:3-6");
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY, "COVID-19疫苗",
                  "covid:0-5 19:6-8 疫苗:8-14 苗:11-14");
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY, "ハッカー", "ハッ:0-6 ッカ:3-9 カー:6-12 ー:9-12");
    close_tokenizer(&handle);
}

/* Bundles declare tokenize='rostrum' alone (format 5): it stems itself, and
 * a 'porter' stacked on it as before would stem its stems again. */
static void test_porter_stream(void **state)
{
    struct tokenizer_handle handle;
    const char *args[] = {"rostrum"};
    (void)state;

    open_tokenizer(&handle, "porter", args, 1);
    assert_tokens(&handle, FTS5_TOKENIZE_QUERY, "accusations 网络", "accu:0-11 网络:12-18 络:15-18");
    close_tokenizer(&handle);
}

/* An error from the caller's callback (FTS5 reports OOM this way) stops tokenizing. */
static void test_callback_error_stops_tokenizing(void **state)
{
    struct tokenizer_handle handle;
    const char *text = "网络安全 hacking 华";
    (void)state;

    open_tokenizer(&handle, "rostrum", NULL, 0);
    /* 9 tokens: 网 网络 络 络安 安 安全 全 hacking 华. */
    for (int fail_at = 1; fail_at <= 9; fail_at++) {
        struct token_log log;
        memset(&log, 0, sizeof log);
        log.fail_at = fail_at;
        log.fail_rc = SQLITE_NOMEM;
        assert_int_equal(handle.methods.xTokenize(handle.instance, &log, FTS5_TOKENIZE_DOCUMENT,
                                                  text, (int)strlen(text), log_token),
                         SQLITE_NOMEM);
        assert_int_equal(log.count, fail_at);
    }
    /* 6 tokens: 网络 络安 安全 全 hacking 华. */
    for (int fail_at = 1; fail_at <= 6; fail_at++) {
        struct token_log log;
        memset(&log, 0, sizeof log);
        log.fail_at = fail_at;
        log.fail_rc = SQLITE_ABORT;
        assert_int_equal(handle.methods.xTokenize(handle.instance, &log, FTS5_TOKENIZE_QUERY,
                                                  text, (int)strlen(text), log_token),
                         SQLITE_ABORT);
        assert_int_equal(log.count, fail_at);
    }
    close_tokenizer(&handle);
}

static void test_arguments_rejected(void **state)
{
    sqlite3 *db = open_database();
    fts5_api *api = fetch_fts5_api(db);
    fts5_tokenizer methods;
    void *context = NULL;
    Fts5Tokenizer *instance = (Fts5Tokenizer *)&methods;
    const char *args[] = {"remove_diacritics", "0"};
    (void)state;

    assert_int_equal(api->xFindTokenizer(api, "rostrum", &context, &methods), SQLITE_OK);
    assert_int_equal(methods.xCreate(context, args, 2, &instance), SQLITE_ERROR);
    assert_null(instance);

    assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE a USING fts5(x, tokenize='rostrum x')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db,
                                      "CREATE VIRTUAL TABLE b USING fts5(x, tokenize='porter rostrum x')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    exec_sql(db, "CREATE VIRTUAL TABLE c USING fts5(x, tokenize='rostrum')");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_register_twice(void **state)
{
    sqlite3 *db = open_database();
    (void)state;

    assert_int_equal(rs_tokenizer_register(NULL), SQLITE_MISUSE);
    assert_int_equal(rs_tokenizer_register(db), SQLITE_OK);
    exec_sql(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='rostrum')");
    insert_row(db, 1, "", "网络");
    assert_matches(db, "网络", "1");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* The whole design rests on unicode61 never folding the characters we split. */
struct unchanged_check {
    const char *text;
    int tokens;
    int bytes;
};

static int check_unchanged(void *context, int tflags, const char *token, int token_len, int start,
                           int end)
{
    struct unchanged_check *check = context;

    (void)tflags;
    assert_int_equal(end - start, token_len);
    assert_memory_equal(token, check->text + start, (size_t)token_len);
    check->tokens++;
    check->bytes += token_len;
    return SQLITE_OK;
}

static void test_cjk_survives_unicode61_unchanged(void **state)
{
    static const uint32_t ranges[][2] = {
        {0x1100, 0x11FF}, {0x3005, 0x3007}, {0x3040, 0x30FF}, {0x3130, 0x318F},
        {0x31F0, 0x31FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA960, 0xA97F},
        {0xAC00, 0xD7A3}, {0xD7B0, 0xD7FF}, {0xF900, 0xFAFF}, {0xFF66, 0xFFDC},
        {0x1B000, 0x1B16F}, {0x20000, 0x2EBEF}, {0x2F800, 0x2FA1F}, {0x30000, 0x323AF},
    };
    struct tokenizer_handle unicode61;
    const char *args[] = {"remove_diacritics", "2"};
    const int capacity = 4 * 0x40000;
    char *text;
    int len = 0;
    (void)state;

    text = malloc((size_t)capacity);
    assert_non_null(text);
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
            assert_true(len + 4 <= capacity);
            if (c < 0x10000) {
                text[len++] = (char)(0xE0 | (c >> 12));
                text[len++] = (char)(0x80 | ((c >> 6) & 0x3F));
                text[len++] = (char)(0x80 | (c & 0x3F));
            } else {
                text[len++] = (char)(0xF0 | (c >> 18));
                text[len++] = (char)(0x80 | ((c >> 12) & 0x3F));
                text[len++] = (char)(0x80 | ((c >> 6) & 0x3F));
                text[len++] = (char)(0x80 | (c & 0x3F));
            }
        }
    }

    open_tokenizer(&unicode61, "unicode61", args, 2);
    {
        struct unchanged_check check = {text, 0, 0};
        assert_int_equal(unicode61.methods.xTokenize(unicode61.instance, &check,
                                                     FTS5_TOKENIZE_DOCUMENT, text, len,
                                                     check_unchanged),
                         SQLITE_OK);
        /* Unassigned code points split tokens; almost everything else must survive. */
        assert_true(check.bytes > len - len / 100);
    }
    close_tokenizer(&unicode61);
    free(text);
}

/* -------------------------------------------------------------- MATCH tests */

static void test_english_inflections(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "Minister accused", "The minister was accused of fraud.");
    insert_row(db, 2, "", "New accusations emerged on Monday.");
    insert_row(db, 3, "", "Nobody is accusing anyone.");
    insert_row(db, 4, "", "An accurate count.");
    insert_row(db, 5, "", "The hackers were caught.");
    insert_row(db, 6, "", "Hacking is a crime; they hacked it.");
    insert_row(db, 7, "", "One hack, two hacks.");
    insert_row(db, 8, "", "A lone hacker.");
    integrity_check(db);

    assert_matches(db, "accuse", "1,2,3");
    assert_matches(db, "accusations", "1,2,3");
    assert_matches(db, "accused", "1,2,3");
    assert_matches(db, "title:accused", "1");
    /* Porter leaves "hacker" alone (its stem "hack" would have m=1, too short). */
    assert_matches(db, "hack", "6,7");
    assert_matches(db, "hacking", "6,7");
    assert_matches(db, "hacker", "5,8");
    assert_matches(db, "hack*", "5,6,7,8");
    assert_matches(db, "accurately", "4");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_case_folding(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "Hackers attacked the EXCHANGE.");
    insert_row(db, 2, "", "the exchange rate");
    insert_row(db, 3, "", "Exchanging views");
    insert_row(db, 4, "", "Le café était fermé");

    assert_matches(db, "EXCHANGE", "1,2,3");
    assert_matches(db, "exchange", "1,2,3");
    assert_matches(db, "Exchanges", "1,2,3");
    assert_matches(db, "\"the EXCHANGE\"", "1,2");
    assert_matches(db, "cafe", "4");
    assert_matches(db, "CAFÉ", "4");
    assert_matches(db, "etait ferme", "4");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_chinese_words(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "网络安全法");
    insert_row(db, 2, "", "网络与安全");
    insert_row(db, 3, "", "安全网络");
    insert_row(db, 4, "", "网 络 安 全");
    insert_row(db, 5, "", "全安络网");
    integrity_check(db);

    assert_matches(db, "网络", "1,2,3");
    assert_matches(db, "安全", "1,2,3");
    assert_matches(db, "络安", "1");
    assert_matches(db, "网络安全", "1");
    assert_matches(db, "网络安全法", "1");
    assert_matches(db, "网络安", "1");
    assert_matches(db, "安全网", "3");
    assert_matches(db, "网", "1,2,3,4,5");
    assert_matches(db, "网 络 安 全", "1,2,3,4,5");
    assert_matches(db, "NEAR(网络 安全, 0)", "1,3");
    assert_matches(db, "网络*", "1,2,3");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_single_character_positions(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "华春莹", "");
    insert_row(db, 2, "", "中华人民共和国");
    insert_row(db, 3, "", "春天");
    insert_row(db, 4, "", "晶莹");
    insert_row(db, 5, "", "莹");

    assert_matches(db, "华", "1,2");
    assert_matches(db, "春", "1,3");
    assert_matches(db, "莹", "1,4,5");
    assert_matches(db, "华春", "1");
    assert_matches(db, "春莹", "1");
    assert_matches(db, "华春莹", "1");
    assert_matches(db, "华莹", "");
    assert_matches(db, "title:莹", "1");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_mixed_latin_and_cjk(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "COVID-19疫苗接种");
    insert_row(db, 2, "", "covid cases");
    insert_row(db, 3, "", "流感疫苗");

    assert_matches(db, "covid", "1,2");
    assert_matches(db, "疫苗", "1,3");
    assert_matches(db, "\"COVID-19疫苗\"", "1");
    assert_matches(db, "\"19疫苗\"", "1");
    assert_matches(db, "苗接", "1");
    assert_matches(db, "19", "1");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_japanese_kana(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "取引所がハッキングの被害");
    insert_row(db, 2, "", "東京でハッカーが逮捕された");
    insert_row(db, 3, "", "ひらがなとカタカナ");
    insert_row(db, 4, "", "ｶﾀｶﾅ");

    assert_matches(db, "ハッキング", "1");
    assert_matches(db, "ハッカー", "2");
    assert_matches(db, "ハッ", "1,2");
    assert_matches(db, "キング", "1");
    assert_matches(db, "ひらがな", "3");
    assert_matches(db, "がな", "3");
    assert_matches(db, "なが", "");
    assert_matches(db, "カタカナ", "3");
    assert_matches(db, "ｶﾀ", "4");
    assert_matches(db, "逮捕", "2");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_korean_hangul(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "해커들이 거래소를 공격했다");
    insert_row(db, 2, "", "공격수");

    assert_matches(db, "해커", "1");
    assert_matches(db, "거래소", "1");
    assert_matches(db, "공격", "1,2");
    assert_matches(db, "격공", "");
    assert_matches(db, "해커들이", "1");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_russian_case_folding(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "ХАКЕРЫ атаковали биржу");
    insert_row(db, 2, "", "хакеры");
    insert_row(db, 3, "", "хакер");

    /* Stemmed as Russian: хакеры and хакер meet at хакер. */
    assert_matches(db, "хакеры", "1,2,3");
    assert_matches(db, "ХАКЕРЫ", "1,2,3");
    assert_matches(db, "Биржу", "1");
    assert_matches(db, "биржа", "1");
    assert_matches(db, "хакер*", "1,2,3");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_cjk_punctuation_is_not_indexed(void **state)
{
    sqlite3 *db = open_index();
    sqlite3_stmt *statement = NULL;
    (void)state;

    exec_sql(db, "CREATE VIRTUAL TABLE terms USING fts5vocab(t, 'row')");
    insert_row(db, 1, "", "你好。世界，和平、");
    insert_row(db, 2, "", "好世");

    assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(term, ' ') FROM terms", -1,
                                        &statement, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(statement), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(statement, 0),
                        "世 世界 你 你好 和 和平 好 好世 平 界");
    sqlite3_finalize(statement);

    assert_matches(db, "好世", "2");
    assert_matches(db, "世界", "1");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* ----------------------------------------------------------- snippet tests */

static void test_snippet_english(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "The minister was accused of hacking the exchange.");
    insert_row(db, 2, "",
               "Yesterday, after a long and tiring session of parliament, the minister "
               "was finally accused of hacking into the servers of the national exchange.");

    assert_aux(db, "snippet(t, 1, '[', ']', '…', 10)", "accuse AND hack", 1,
               "The minister was [accused] of [hacking] the exchange.");
    assert_aux(db, "highlight(t, 1, '[', ']')", "accuse", 1,
               "The minister was [accused] of hacking the exchange.");
    assert_aux(db, "snippet(t, 1, '[', ']', '…', 6)", "accusations", 2,
               "…was finally [accused] of hacking into…");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_snippet_chinese(void **state)
{
    sqlite3 *db = open_index();
    (void)state;

    insert_row(db, 1, "", "外交部发言人华春莹表示，网络安全问题。");
    insert_row(db, 2, "", "COVID-19疫苗接种");

    assert_aux(db, "highlight(t, 1, '[', ']')", "网络安全", 1,
               "外交部发言人华春莹表示，[网络安全]问题。");
    assert_aux(db, "highlight(t, 1, '[', ']')", "网络", 1,
               "外交部发言人华春莹表示，[网络]安全问题。");
    assert_aux(db, "highlight(t, 1, '[', ']')", "莹", 1,
               "外交部发言人华春[莹]表示，网络安全问题。");
    assert_aux(db, "highlight(t, 1, '[', ']')", "华春莹 OR 问题", 1,
               "外交部发言人[华春莹]表示，网络安全[问题]。");
    assert_aux(db, "snippet(t, 1, '[', ']', '…', 10)", "网络安全", 1,
               "…春莹表示，[网络安全]问题。");
    assert_aux(db, "highlight(t, 1, '[', ']')", "疫苗", 2,
               "COVID-19[疫苗]接种");
    assert_aux(db, "highlight(t, 1, '[', ']')", "\"covid 19疫\"", 2,
               "[COVID-19疫]苗接种");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* ------------------------------------------------------- robustness tests */

static void test_invalid_utf8_in_index(void **state)
{
    sqlite3 *db = open_index();
    sqlite3_stmt *insert = NULL;
    sqlite3_stmt *query = NULL;
    uint32_t seed = 0x2545F491u;
    char bytes[512];
    (void)state;

    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)",
                                        -1, &insert, NULL),
                     SQLITE_OK);
    for (int row = 1; row <= 300; row++) {
        int len = random_bytes(&seed, bytes, (int)sizeof bytes - 16);
        memcpy(bytes + len, " zebra 网络", strlen(" zebra 网络"));
        len += (int)strlen(" zebra 网络");
        sqlite3_bind_int64(insert, 1, row);
        sqlite3_bind_text(insert, 2, bytes, len / 2, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, bytes, len, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(insert), SQLITE_DONE);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    integrity_check(db);

    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT snippet(t, -1, '[', ']', '…', 12), "
                                        "highlight(t, 0, '<', '>'), highlight(t, 1, '<', '>') "
                                        "FROM t WHERE t MATCH ?1",
                                        -1, &query, NULL),
                     SQLITE_OK);
    {
        static const char *const queries[] = {"zebra", "网络", "网", "安全", "hack*", "\"网络 安全\"",
                                              "ハッキング", "疫苗", "一"};
        for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
            int rc;
            sqlite3_bind_text(query, 1, queries[i], -1, SQLITE_STATIC);
            while ((rc = sqlite3_step(query)) == SQLITE_ROW) {
                assert_non_null(sqlite3_column_text(query, 0));
            }
            assert_int_equal(rc, SQLITE_DONE);
            sqlite3_reset(query);
        }
    }
    sqlite3_finalize(query);
    assert_matches(db, "zebra NOT 网络", "");
    exec_sql(db, "DELETE FROM t WHERE rowid % 2 = 0");
    integrity_check(db);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_invalid_utf8_token_invariants(void **state)
{
    static const int modes[] = {FTS5_TOKENIZE_DOCUMENT, FTS5_TOKENIZE_QUERY,
                                FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, FTS5_TOKENIZE_AUX};
    struct tokenizer_handle handle;
    uint32_t seed = 0x9E3779B9u;
    (void)state;

    open_tokenizer(&handle, "rostrum", NULL, 0);
    for (int round = 0; round < 4000; round++) {
        int len;
        char *bytes;
        char buffer[600];

        len = random_bytes(&seed, buffer, (int)sizeof buffer);
        /* An exact-size heap copy lets ASan catch any read past the end. */
        bytes = malloc(len > 0 ? (size_t)len : 1);
        assert_non_null(bytes);
        memcpy(bytes, buffer, (size_t)len);
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            struct token_checker checker = {len, 0, 0};
            assert_int_equal(handle.methods.xTokenize(handle.instance, &checker, modes[m], bytes, len,
                                                      check_token),
                             SQLITE_OK);
        }
        free(bytes);
    }
    close_tokenizer(&handle);
}

/* --------------------------------------------------------------- OOM sweep */

static sqlite3_mem_methods real_allocator;
static int allocations_before_failure = -1;
static int allocation_failed;

static int allocation_allowed(void)
{
    if (allocations_before_failure < 0) {
        return 1;
    }
    if (allocations_before_failure == 0) {
        allocation_failed = 1;
        return 0;
    }
    allocations_before_failure--;
    return 1;
}

static void *failing_malloc(int size)
{
    return allocation_allowed() ? real_allocator.xMalloc(size) : NULL;
}

static void *failing_realloc(void *old, int size)
{
    return allocation_allowed() ? real_allocator.xRealloc(old, size) : NULL;
}

static void install_allocator(const sqlite3_mem_methods *methods)
{
    assert_int_equal(sqlite3_shutdown(), SQLITE_OK);
    assert_int_equal(sqlite3_config(SQLITE_CONFIG_MALLOC, methods), SQLITE_OK);
    assert_int_equal(sqlite3_initialize(), SQLITE_OK);
}

/* One full life cycle; any step may fail once allocation starts failing. */
static void index_life_cycle(void)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *statement = NULL;

    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    if (rs_tokenizer_register(db) == SQLITE_OK &&
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='rostrum');"
                     "INSERT INTO t VALUES ('华春莹', '网络安全 hacking COVID-19疫苗 ХАКЕРЫ');"
                     "INSERT INTO t VALUES ('accused', '网络与安全');",
                     NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db,
                           "SELECT snippet(t, 1, '[', ']', '…', 10) FROM t "
                           "WHERE t MATCH '网络安全 OR hack OR 华'",
                           -1, &statement, NULL) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW) {
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
}

static void test_out_of_memory_sweep(void **state)
{
    sqlite3_mem_methods failing;
    (void)state;

    assert_int_equal(sqlite3_shutdown(), SQLITE_OK);
    assert_int_equal(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_allocator), SQLITE_OK);
    failing = real_allocator;
    failing.xMalloc = failing_malloc;
    failing.xRealloc = failing_realloc;
    install_allocator(&failing);

    int budget;
    for (budget = 0; budget < 100000; budget++) {
        allocation_failed = 0;
        allocations_before_failure = budget;
        index_life_cycle();
        allocations_before_failure = -1;
        if (!allocation_failed) {
            break;
        }
    }
    assert_false(allocation_failed);
    /* Failing only early allocations would never reach the tokenizer. */
    assert_true(budget > 100);

    install_allocator(&real_allocator);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_stream),
        cmocka_unit_test(test_query_stream),
        cmocka_unit_test(test_porter_stream),
        cmocka_unit_test(test_callback_error_stops_tokenizing),
        cmocka_unit_test(test_arguments_rejected),
        cmocka_unit_test(test_register_twice),
        cmocka_unit_test(test_cjk_survives_unicode61_unchanged),
        cmocka_unit_test(test_english_inflections),
        cmocka_unit_test(test_case_folding),
        cmocka_unit_test(test_chinese_words),
        cmocka_unit_test(test_single_character_positions),
        cmocka_unit_test(test_mixed_latin_and_cjk),
        cmocka_unit_test(test_japanese_kana),
        cmocka_unit_test(test_korean_hangul),
        cmocka_unit_test(test_russian_case_folding),
        cmocka_unit_test(test_cjk_punctuation_is_not_indexed),
        cmocka_unit_test(test_snippet_english),
        cmocka_unit_test(test_snippet_chinese),
        cmocka_unit_test(test_invalid_utf8_in_index),
        cmocka_unit_test(test_invalid_utf8_token_invariants),
        cmocka_unit_test(test_out_of_memory_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
