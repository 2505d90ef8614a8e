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
 * Why the tokenizer stems, not a 'porter' wrapped around it (bundle format 5 says
 * tokenize='rostrum'): Porter knows only English, and only the tokenizer can know a
 * word's language. Every other token is stemmed with Snowball (stemmer.h) in the
 * language stemmer.h chooses: for a document, the language its connection was told
 * (rs_tokenizer_set_document_language, before each row's INSERT, since FTS5 passes
 * no language with a row) or its instance was (rs_tokenizer_instance_document);
 * for a query, the UI language for Latin words and the script for the others.
 *
 * Why positions never change: a document's word becomes exactly one token, its stem,
 * with the word's own offsets. snippet() and highlight() re-tokenize a row without
 * knowing its language and take offsets by position, so a different stem there still
 * lands on the right words. A query's word may become two colocated tokens (the UI
 * language's stem and English's), which FTS5 searches as either.
 *
 * Why prefixes are not stemmed: "хакеро*" must find хакером, and a stem of the prefix
 * ("хакер" minus what the stemmer takes for an ending) would find other words, or none.
 * Only the Arabic article is removed from one, as from every Arabic word indexed.
 */
#include "tokenizer.h"

#include <stdint.h>
#include <string.h>

#include "stemmer.h"
#include "utf8.h"

/* What xCreate needs from registration time, and the connection's settings
 * (read by its instances at each xTokenize, on the connection's thread). */
struct rs_tokenizer_module {
    fts5_tokenizer unicode61;
    void *unicode61_context;
    int document_language; /* stemmer.h's language index, or RS_STEM_NONE */
    int query_language;
};

/* An instance's own document setting, when it has one. */
#define FOLLOW_CONNECTION (-2)
#define AS_QUERY (-3)

/* One live tokenizer; FTS5 only ever sees it as an opaque Fts5Tokenizer pointer. */
struct tokenizer_instance {
    fts5_tokenizer unicode61;
    Fts5Tokenizer *unicode61_instance;
    /* Two more unicode61s, never the one above (its callback is running when they
     * are used, and it folds into a buffer of its own): lower keeps diacritics, so
     * that Snowball sees "attaquées"; fold takes them from the stem afterwards. */
    Fts5Tokenizer *lower, *fold;
    const struct rs_tokenizer_module *module;
    int document_language; /* FOLLOW_CONNECTION, AS_QUERY or a language */
    rs_stemmer *stemmer;   /* this instance's own: Snowball stemmers are not thread-safe */
};

/* Everything the per-token callback needs to reach the caller of xTokenize. */
struct tokenize_call {
    const unsigned char *text;
    int text_len;
    int is_query;
    int is_prefix;
    int is_aux;
    int as_query;          /* stem as a query, colocating every stem it would search */
    int document_language; /* when stemming as a document */
    int query_language;
    rs_stemmer *stemmer;
    const struct tokenizer_instance *instance;
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

/* The longest word stemmed with its accents; a longer one is stemmed folded. */
#define ACCENTED_MAX 256

/* One token's bytes, when a text gives exactly one. */
struct one_token {
    char bytes[ACCENTED_MAX];
    int length;
    int count;
};

static int keep_one_token(void *context, int tflags, const char *token, int token_len, int start,
                          int end)
{
    struct one_token *one = context;
    (void)start, (void)end;
    if (!(tflags & FTS5_TOKEN_COLOCATED) && ++one->count == 1 && token_len > 0 &&
        token_len <= ACCENTED_MAX) {
        memcpy(one->bytes, token, (size_t)token_len);
        one->length = token_len;
    }
    return SQLITE_OK;
}

/* text as unicode61 (through handle) reads it, when that is one token. */
static int one_token_of(const struct tokenize_call *call, Fts5Tokenizer *handle, const char *text,
                        int length, struct one_token *out)
{
    out->length = out->count = 0;
    int rc = call->instance->unicode61.xTokenize(handle, out, FTS5_TOKENIZE_DOCUMENT, text, length,
                                                 keep_one_token);
    if (rc == SQLITE_OK && (out->count != 1 || out->length == 0)) {
        out->length = 0;
    }
    return rc;
}

/* The word as written between start and end, lower-cased with its accents kept,
 * into out (out->length 0 when it is not there as one word, or has no accents). */
static int accented_word(const struct tokenize_call *call, const char *word, int length, int start,
                         int end, struct one_token *out)
{
    int non_ascii = 0;
    (void)word, (void)length;
    out->length = 0;
    if (end - start > ACCENTED_MAX) {
        return SQLITE_OK;
    }
    for (int i = start; i < end && !non_ascii; i++) {
        non_ascii = call->text[i] >= 0x80;
    }
    if (!non_ascii) {
        return SQLITE_OK;
    }
    return one_token_of(call, call->instance->lower, (const char *)call->text + start, end - start,
                        out);
}

/* The longest word whose vowel marks are dropped (longer ones are kept whole). */
#define PLAIN_MAX 1024

/* Whether word has a byte that starts a Hebrew or Arabic character (U+0580 to
 * U+06FF), the only blocks with marks rs_stem_drop_marks drops. */
static bool may_have_dropped_marks(const char *word, int length)
{
    for (int i = 0; i < length; i++) {
        unsigned char b = (unsigned char)word[i];
        if (b >= 0xD6 && b <= 0xDB) {
            return true;
        }
    }
    return false;
}

/*
 * Emits a non-CJK word as its stem (see the top comment): one token for a document,
 * and for a query (or a document read as one) each different stem it would search,
 * the others colocated with the first. A word that is not valid UTF-8 is left alone
 * (Snowball expects valid UTF-8), and so is one whose stem would be empty.
 */
static int emit_word(const struct tokenize_call *call, int tflags, const char *word, int length,
                     int start, int end)
{
    int languages[2];
    size_t count;
    const char *first = NULL;
    size_t first_length = 0;

    char plain[PLAIN_MAX];
    if (length > 0 && length <= PLAIN_MAX && may_have_dropped_marks(word, length) &&
        rs_utf8_valid(word, (size_t)length, NULL)) {
        length = (int)rs_stem_drop_marks(word, (size_t)length, plain);
        word = plain;
        if (length == 0) {
            return SQLITE_OK; /* a mark alone is no word */
        }
    }
    if (length <= 0 || call->is_aux || !rs_utf8_valid(word, (size_t)length, NULL)) {
        return call->emit(call->caller_context, tflags, word, length, start, end);
    }
    if (call->is_prefix) {
        /* Only an Arabic word begins with an article; nothing else changes. */
        size_t article = rs_stem_arabic_article(word, (size_t)length);
        return call->emit(call->caller_context, tflags, word + article, length - (int)article,
                          start, end);
    }
    if (call->is_query || call->as_query) {
        count = rs_stem_query_languages(call->query_language, word, (size_t)length, languages);
    } else {
        languages[0] = rs_stem_document_language(call->document_language, word, (size_t)length);
        count = 1;
    }
    if (count == 0) {
        return call->emit(call->caller_context, tflags, word, length, start, end);
    }
    struct one_token accented, folded[2];
    int rc = SQLITE_OK;
    accented.length = 0;
    if (rs_stem_wants_accents(languages[0]) || (count > 1 && rs_stem_wants_accents(languages[1]))) {
        rc = accented_word(call, word, length, start, end, &accented);
    }
    if (rc != SQLITE_OK) {
        return rc;
    }
    for (size_t i = 0; i < count; i++) {
        const char *stem;
        size_t stem_length;
        int with_accents = accented.length > 0 && rs_stem_wants_accents(languages[i]);
        const char *input = with_accents ? accented.bytes : word;
        size_t input_length = with_accents ? (size_t)accented.length : (size_t)length;
        if (!rs_stemmer_stem(call->stemmer, languages[i], input, input_length, &stem,
                             &stem_length)) {
            return SQLITE_NOMEM;
        }
        if (with_accents && stem_length > 0 && stem_length <= ACCENTED_MAX) {
            /* The stem folded as the index folds every word. */
            rc = one_token_of(call, call->instance->fold, stem, (int)stem_length, &folded[i]);
            if (rc != SQLITE_OK) {
                return rc;
            }
            stem = folded[i].bytes;
            stem_length = (size_t)folded[i].length;
        }
        if (stem_length == 0 || stem_length > (size_t)length * 4) {
            stem = word;
            stem_length = (size_t)length;
        }
        if (i > 0 && stem_length == first_length && memcmp(stem, first, stem_length) == 0) {
            continue;
        }
        /* Each language has its own Snowball stemmer (and folded[] a slot each),
         * so first stays valid. */
        rc = call->emit(call->caller_context, i > 0 ? tflags | FTS5_TOKEN_COLOCATED : tflags,
                            stem, (int)stem_length, start, end);
        if (rc != SQLITE_OK) {
            return rc;
        }
        if (i == 0) {
            first = stem;
            first_length = stem_length;
        }
    }
    return SQLITE_OK;
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
        /* unicode61 gives an empty token for a word of combining accents alone
         * (marks are word characters, then remove_diacritics removes them all):
         * no word, so nothing to index or search. */
        return SQLITE_OK;
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
                rc = emit_word(call, tflags, token + piece_offset, offset - piece_offset,
                               piece_start, current.start);
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
        return emit_word(call, tflags, token + piece_offset, token_len - piece_offset,
                         piece_start, end);
    }
    return SQLITE_OK;
}

static void tokenizer_delete(Fts5Tokenizer *handle);

/*
 * The characters unicode61 keeps inside a word: its default (letters, numbers,
 * private use) and also marks (Mn, Mc). Without marks a vowelled Arabic or
 * Hebrew word ("الْهُجُومُ") and every Devanagari word with a vowel sign were cut
 * into pieces at them, so neither could be found. Latin's combining accents are
 * still folded away by remove_diacritics; Arabic and Hebrew vowel marks are
 * dropped from the word before stemming (rs_stem_drop_marks).
 */
#define WORD_CATEGORIES "L* N* Co Mn Mc"

/* The lower and fold unicode61s of instance; on failure the one not made stays NULL. */
static int create_helpers(const struct rs_tokenizer_module *module,
                          struct tokenizer_instance *instance)
{
    const char *keep[] = {"remove_diacritics", "0", "categories", WORD_CATEGORIES};
    const char *remove[] = {"remove_diacritics", "2", "categories", WORD_CATEGORIES};
    Fts5Tokenizer *made = NULL;
    int rc = module->unicode61.xCreate(module->unicode61_context, keep, 4, &made);
    if (rc != SQLITE_OK) {
        return rc;
    }
    instance->lower = made;
    made = NULL;
    rc = module->unicode61.xCreate(module->unicode61_context, remove, 4, &made);
    if (rc == SQLITE_OK) {
        instance->fold = made;
    }
    return rc;
}

static int tokenizer_create(void *module_context, const char **args, int arg_count,
                            Fts5Tokenizer **out)
{
    const struct rs_tokenizer_module *module = module_context;
    const char *unicode61_args[] = {"remove_diacritics", "2", "categories", WORD_CATEGORIES};
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
    instance->module = module;
    instance->document_language = FOLLOW_CONNECTION;
    instance->stemmer = rs_stemmer_create();
    if (instance->stemmer == NULL) {
        sqlite3_free(instance);
        return SQLITE_NOMEM;
    }
    instance->lower = instance->fold = NULL;
    rc = module->unicode61.xCreate(module->unicode61_context, unicode61_args,
                                   (int)(sizeof unicode61_args / sizeof unicode61_args[0]),
                                   &instance->unicode61_instance);
    if (rc != SQLITE_OK) {
        /* On failure the value left in unicode61_instance is undefined: never free it. */
        rs_stemmer_destroy(instance->stemmer);
        sqlite3_free(instance);
        return rc;
    }
    rc = create_helpers(module, instance);
    if (rc != SQLITE_OK) {
        tokenizer_delete((Fts5Tokenizer *)instance);
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
    if (instance->lower != NULL) {
        instance->unicode61.xDelete(instance->lower);
    }
    if (instance->fold != NULL) {
        instance->unicode61.xDelete(instance->fold);
    }
    rs_stemmer_destroy(instance->stemmer);
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
    call.is_prefix = call.is_query && (flags & FTS5_TOKENIZE_PREFIX) != 0;
    /* snippet() and highlight() (FTS5_TOKENIZE_AUX) read only positions and
     * offsets, which stemming never changes: a text is cut there, not stemmed. */
    call.is_aux = (flags & FTS5_TOKENIZE_AUX) != 0;
    call.as_query = instance->document_language == AS_QUERY;
    call.document_language = instance->document_language >= RS_STEM_NONE
                                 ? instance->document_language
                                 : instance->module->document_language;
    /* An instance with a setting of its own may be used on another thread than its
     * connection's (the builder reads ahead), so it reads nothing from the module. */
    call.query_language = instance->document_language == FOLLOW_CONNECTION || call.as_query
                              ? instance->module->query_language
                              : RS_STEM_NONE;
    call.stemmer = instance->stemmer;
    call.instance = instance;
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
    struct rs_tokenizer_module *module;
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
    module->document_language = RS_STEM_NONE;
    module->query_language = RS_STEM_NONE;
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

rs_tokenizer_module *rs_tokenizer_module_of(sqlite3 *db)
{
    fts5_api *api = db ? rs_fts5_api(db) : NULL;
    void *context = NULL;
    fts5_tokenizer methods;

    if (api == NULL || api->xFindTokenizer(api, "rostrum", &context, &methods) != SQLITE_OK ||
        methods.xCreate != tokenizer_create) {
        return NULL;
    }
    return context;
}

void rs_tokenizer_set_document_language(rs_tokenizer_module *module, const char *language)
{
    if (module != NULL) {
        module->document_language = rs_stem_language(language);
    }
}

void rs_tokenizer_set_query_language(rs_tokenizer_module *module, const char *language)
{
    if (module != NULL) {
        module->query_language = rs_stem_language(language);
    }
}

/* The instance behind handle when methods are this tokenizer's, else NULL. */
static struct tokenizer_instance *own_instance(const fts5_tokenizer *methods,
                                               Fts5Tokenizer *handle)
{
    if (methods == NULL || handle == NULL || methods->xCreate != tokenizer_create) {
        return NULL;
    }
    return (struct tokenizer_instance *)handle;
}

bool rs_tokenizer_instance_document(const fts5_tokenizer *methods, Fts5Tokenizer *handle,
                                    const char *language)
{
    struct tokenizer_instance *instance = own_instance(methods, handle);
    if (instance == NULL) {
        return false;
    }
    instance->document_language = rs_stem_language(language);
    return true;
}

bool rs_tokenizer_instance_documents_as_queries(const fts5_tokenizer *methods,
                                                Fts5Tokenizer *handle)
{
    struct tokenizer_instance *instance = own_instance(methods, handle);
    if (instance == NULL) {
        return false;
    }
    instance->document_language = AS_QUERY;
    return true;
}
