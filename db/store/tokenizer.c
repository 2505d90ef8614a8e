/*
 * The "rostrum" FTS5 tokenizer: unicode61 for alphabetic scripts, bigrams for CJK.
 *
 * Why wrap unicode61: it already folds case and diacritics for Latin, Cyrillic, Greek
 * and the rest, with the Unicode tables SQLite ships, so the bundle builder and the
 * viewer fold text identically without us carrying tables of our own. Its one blind
 * spot is CJK: Chinese and Japanese are written without spaces, so unicode61 returns a
 * whole run of CJK text (a clause, often a sentence) as a single token that no query
 * could ever match. We have no dictionary to find word boundaries, so each CJK run is
 * cut into characters and overlapping character pairs, the usual dictionary-free way
 * to index CJK text.
 *
 * Why documents get a unigram per character plus a colocated bigram: every character
 * is its own position, so a one-character query matches anywhere, including the last
 * character of a run, which starts no bigram. The bigram c[i]c[i+1] shares c[i]'s
 * position, so a multi-character query written as overlapping bigrams at consecutive
 * positions matches only where its characters are adjacent and in order, instead of
 * every document that merely contains the same characters somewhere.
 *
 * Why queries differ: a query run of n >= 2 characters becomes its n-1 bigrams and
 * then the unigram of its last character. Unigrams for the other characters would add
 * nothing (each bigram already implies them) and cost a doclist read each. The final
 * unigram does not change which rows match either, because in a document a bigram is
 * always followed by the unigram of its second character; it is there because
 * snippet() and highlight() mark one position per phrase token, using the offsets of
 * the position's first, non-colocated token. With n-1 tokens the mark would stop one
 * character short ("[网]络" for a search on 网络).
 *
 * Why offsets need care: snippet() copies text between token offsets, so offsets must
 * point into the original text, never past its end, and never go backwards. unicode61
 * only tells us where its whole token came from. CJK characters are not changed by its
 * folding, so we find each one again in the original, in order; whatever lies between
 * two of them in the original belongs to the non-CJK piece between them. Invalid UTF-8
 * can break that correspondence; we then stop searching and hand out consecutive,
 * in-bounds offsets, which keeps snippets safe if not exact.
 *
 * Why bundles say tokenize='porter rostrum': porter must see our output to stem it
 * ("accusations" and "accuse" meet at "accus"). It only rewrites ASCII suffixes, and a
 * UTF-8 encoded CJK token contains no ASCII bytes, so bigrams pass through untouched.
 */
#include "tokenizer.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* What xCreate needs from registration time: the wrapped tokenizer's entry points. */
struct tokenizer_module {
    fts5_tokenizer unicode61;
    void *unicode61_context;
};

/* One live tokenizer; FTS5 only ever sees it as an opaque Fts5Tokenizer pointer. */
struct tokenizer_instance {
    fts5_tokenizer unicode61;
    Fts5Tokenizer *unicode61_instance;
};

/* Everything the per-token callback needs to reach the caller of xTokenize. */
struct tokenize_call {
    const unsigned char *text;
    int text_len;
    int is_query;
    void *caller_context;
    int (*emit)(void *, int, const char *, int, int, int);
};

/* Where the next unicode61 token character is searched for in the original text. */
struct alignment {
    const unsigned char *text;
    int cursor;
    int end;
    int lost;
};

/* A CJK character: its bytes in the folded token and its range in the original. */
struct cjk_char {
    int token_offset;
    int token_len;
    int start;
    int end;
};

struct codepoint_range {
    uint32_t first;
    uint32_t last;
};

/*
 * Scripts written without spaces between words (plus Hangul, whose words carry
 * attached particles). The ideographic iteration and repetition marks (人々, 〇) live in
 * the CJK Symbols block; unicode61 keeps them as letters, so the block is included and
 * the punctuation in it never reaches us.
 */
static const struct codepoint_range cjk_ranges[] = {
    {0x1100, 0x11FF},   /* Hangul Jamo */
    {0x3000, 0x303F},   /* CJK Symbols: iteration marks, ideographic numbers */
    {0x3040, 0x309F},   /* Hiragana */
    {0x30A0, 0x30FF},   /* Katakana */
    {0x3100, 0x312F},   /* Bopomofo */
    {0x3130, 0x318F},   /* Hangul Compatibility Jamo */
    {0x31A0, 0x31BF},   /* Bopomofo Extended */
    {0x31F0, 0x31FF},   /* Katakana Phonetic Extensions */
    {0x3400, 0x4DBF},   /* CJK Unified Ideographs Extension A */
    {0x4E00, 0x9FFF},   /* CJK Unified Ideographs */
    {0xA960, 0xA97F},   /* Hangul Jamo Extended-A */
    {0xAC00, 0xD7AF},   /* Hangul Syllables */
    {0xD7B0, 0xD7FF},   /* Hangul Jamo Extended-B */
    {0xF900, 0xFAFF},   /* CJK Compatibility Ideographs */
    {0xFF66, 0xFF9F},   /* Halfwidth Katakana */
    {0xFFA0, 0xFFDC},   /* Halfwidth Hangul */
    {0x1B000, 0x1B16F}, /* Kana Supplement, Kana Extended-A, Small Kana Extension */
    {0x20000, 0x2EBEF}, /* CJK Unified Ideographs Extensions B to F */
    {0x2F800, 0x2FA1F}, /* CJK Compatibility Ideographs Supplement */
    {0x30000, 0x323AF}, /* CJK Unified Ideographs Extensions G and H */
};

static int is_cjk(uint32_t codepoint)
{
    if (codepoint < cjk_ranges[0].first) {
        return 0;
    }
    for (size_t i = 0; i < sizeof cjk_ranges / sizeof cjk_ranges[0]; i++) {
        if (codepoint >= cjk_ranges[i].first && codepoint <= cjk_ranges[i].last) {
            return 1;
        }
    }
    return 0;
}

/*
 * Strict decoding (utf8.h): anything but a well-formed, shortest-form scalar value
 * is one invalid byte, decoded as U+FFFD, which is in no CJK range and never sought
 * by align_cjk_char, so garbage can never be mistaken for a CJK character and we
 * never look past the available bytes. Returns the bytes consumed (1..4);
 * available is always > 0 here.
 */
static int decode_utf8(const unsigned char *bytes, int available, uint32_t *codepoint)
{
    return (int)rs_utf8_decode((const char *)bytes, (size_t)available, codepoint);
}

/*
 * Finds the next occurrence of codepoint in the original text. The characters skipped
 * are ones unicode61 dropped inside its token (combining diacritics). Once a search
 * fails the rest of the token gets approximate offsets: searching again could cost a
 * scan per character on hostile input.
 */
static void align_cjk_char(struct alignment *alignment, uint32_t codepoint,
                           struct cjk_char *found)
{
    uint32_t decoded;

    if (!alignment->lost) {
        int position = alignment->cursor;
        while (position < alignment->end) {
            int len = decode_utf8(alignment->text + position, alignment->end - position,
                                  &decoded);
            if (decoded == codepoint) {
                found->start = position;
                found->end = position + len;
                alignment->cursor = found->end;
                return;
            }
            position += len;
        }
        alignment->lost = 1;
    }
    found->start = alignment->cursor;
    if (alignment->cursor < alignment->end) {
        alignment->cursor += decode_utf8(alignment->text + alignment->cursor,
                                         alignment->end - alignment->cursor, &decoded);
    }
    found->end = alignment->cursor;
}

static int emit_unigram(const struct tokenize_call *call, const char *token,
                        const struct cjk_char *c)
{
    return call->emit(call->caller_context, 0, token + c->token_offset, c->token_len,
                      c->start, c->end);
}

/* first and second are adjacent in the folded token, so their bytes are contiguous. */
static int emit_bigram(const struct tokenize_call *call, int tflags, const char *token,
                       const struct cjk_char *first, const struct cjk_char *second)
{
    return call->emit(call->caller_context, tflags, token + first->token_offset,
                      first->token_len + second->token_len, first->start, second->end);
}

/* Called for each character of a CJK run after the first, with its predecessor. */
static int emit_cjk_pair(const struct tokenize_call *call, const char *token,
                         const struct cjk_char *previous, const struct cjk_char *current)
{
    if (call->is_query) {
        return emit_bigram(call, 0, token, previous, current);
    }
    int rc = emit_unigram(call, token, previous);
    if (rc != SQLITE_OK) {
        return rc;
    }
    return emit_bigram(call, FTS5_TOKEN_COLOCATED, token, previous, current);
}

/* The last character of a run gets its unigram in both modes; see the top comment. */
static int finish_cjk_run(const struct tokenize_call *call, const char *token,
                          const struct cjk_char *last)
{
    return emit_unigram(call, token, last);
}

/* Receives each unicode61 token and re-emits it as non-CJK pieces and CJK n-grams. */
static int split_token(void *context, int tflags, const char *token, int token_len,
                       int start, int end)
{
    const struct tokenize_call *call = context;
    const unsigned char *token_bytes = (const unsigned char *)token;
    struct alignment alignment;
    struct cjk_char previous = {0, 0, 0, 0};
    int run_len = 0;
    int piece_offset = -1;
    int piece_start = 0;
    int rc = SQLITE_OK;

    if (start < 0) {
        start = 0;
    }
    if (end > call->text_len) {
        end = call->text_len;
    }
    if (start > end) {
        start = end;
    }
    if (token == NULL || token_len <= 0) {
        return call->emit(call->caller_context, tflags, token, token_len, start, end);
    }

    alignment.text = call->text;
    alignment.cursor = start;
    alignment.end = end;
    alignment.lost = 0;

    for (int offset = 0; offset < token_len && rc == SQLITE_OK;) {
        uint32_t codepoint;
        int len = decode_utf8(token_bytes + offset, token_len - offset, &codepoint);

        if (!is_cjk(codepoint)) {
            if (run_len > 0) {
                rc = finish_cjk_run(call, token, &previous);
                run_len = 0;
            }
            if (piece_offset < 0) {
                piece_offset = offset;
                piece_start = alignment.cursor;
            }
        } else {
            struct cjk_char current = {offset, len, 0, 0};
            align_cjk_char(&alignment, codepoint, &current);
            if (piece_offset >= 0) {
                rc = call->emit(call->caller_context, tflags, token + piece_offset,
                                offset - piece_offset, piece_start, current.start);
                piece_offset = -1;
            }
            if (rc == SQLITE_OK && run_len > 0) {
                rc = emit_cjk_pair(call, token, &previous, &current);
            }
            previous = current;
            run_len++;
        }
        offset += len;
    }
    if (rc != SQLITE_OK) {
        return rc;
    }
    if (run_len > 0) {
        return finish_cjk_run(call, token, &previous);
    }
    if (piece_offset >= 0) {
        return call->emit(call->caller_context, tflags, token + piece_offset,
                          token_len - piece_offset, piece_start, end);
    }
    return SQLITE_OK;
}

static int tokenizer_create(void *module_context, const char **args, int arg_count,
                            Fts5Tokenizer **out)
{
    const struct tokenizer_module *module = module_context;
    const char *unicode61_args[] = {"remove_diacritics", "2"};
    struct tokenizer_instance *instance;
    int rc;

    (void)args;
    *out = NULL;
    if (arg_count != 0) {
        return SQLITE_ERROR;
    }
    instance = sqlite3_malloc(sizeof *instance);
    if (instance == NULL) {
        return SQLITE_NOMEM;
    }
    instance->unicode61 = module->unicode61;
    instance->unicode61_instance = NULL;
    rc = module->unicode61.xCreate(module->unicode61_context, unicode61_args,
                                   (int)(sizeof unicode61_args / sizeof unicode61_args[0]),
                                   &instance->unicode61_instance);
    if (rc != SQLITE_OK) {
        /* On failure the value left in unicode61_instance is undefined: never free it. */
        sqlite3_free(instance);
        return rc;
    }
    *out = (Fts5Tokenizer *)instance;
    return SQLITE_OK;
}

static void tokenizer_delete(Fts5Tokenizer *handle)
{
    struct tokenizer_instance *instance = (struct tokenizer_instance *)handle;

    if (instance == NULL) {
        return;
    }
    if (instance->unicode61_instance != NULL) {
        instance->unicode61.xDelete(instance->unicode61_instance);
    }
    sqlite3_free(instance);
}

static int tokenizer_tokenize(Fts5Tokenizer *handle, void *caller_context, int flags,
                              const char *text, int text_len,
                              int (*emit)(void *, int, const char *, int, int, int))
{
    struct tokenizer_instance *instance = (struct tokenizer_instance *)handle;
    struct tokenize_call call;

    call.text = (const unsigned char *)text;
    call.text_len = (text == NULL || text_len < 0) ? 0 : text_len;
    call.is_query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    call.caller_context = caller_context;
    call.emit = emit;
    return instance->unicode61.xTokenize(instance->unicode61_instance, &call, flags, text,
                                         call.text_len, split_token);
}

static void module_destroy(void *module_context)
{
    sqlite3_free(module_context);
}

fts5_api *rs_fts5_api(sqlite3 *db)
{
    sqlite3_stmt *statement = NULL;
    fts5_api *api = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK &&
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL) == SQLITE_OK)
        sqlite3_step(statement);
    sqlite3_finalize(statement);
    /* Version 2 is the first with every member Rostrum uses. */
    return api && api->iVersion >= 2 ? api : NULL;
}

int rs_tokenizer_register(sqlite3 *db)
{
    fts5_api *api;
    struct tokenizer_module *module;
    fts5_tokenizer methods;
    int rc;

    if (db == NULL) {
        return SQLITE_MISUSE;
    }
    api = rs_fts5_api(db);
    if (api == NULL) {
        return SQLITE_ERROR;
    }
    module = sqlite3_malloc(sizeof *module);
    if (module == NULL) {
        return SQLITE_NOMEM;
    }
    memset(module, 0, sizeof *module);
    rc = api->xFindTokenizer(api, "unicode61", &module->unicode61_context, &module->unicode61);
    if (rc != SQLITE_OK) {
        sqlite3_free(module);
        return rc;
    }
    methods.xCreate = tokenizer_create;
    methods.xDelete = tokenizer_delete;
    methods.xTokenize = tokenizer_tokenize;
    /* FTS5 calls module_destroy only once the tokenizer is registered. */
    rc = api->xCreateTokenizer(api, "rostrum", module, &methods, module_destroy);
    if (rc != SQLITE_OK) {
        sqlite3_free(module);
    }
    return rc;
}
