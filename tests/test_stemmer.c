/* Stemming with Snowball: which language a word is stemmed in (stemmer.h),
 * and what the "rostrum" tokenizer emits and matches with it: documents in
 * their language, queries by script and UI language, prefixes unstemmed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "stemmer.h"
#include "tokenizer.h"

/* ---------------------------------------------------------------- helpers */

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *error = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK)
        fail_msg("%s: %s", sql, error ? error : "?");
}

static sqlite3 *open_index(void)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(rs_tokenizer_register(db), SQLITE_OK);
    exec_sql(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='rostrum')");
    return db;
}

/* Inserts body as row rowid, stemmed in language, as the builder does. */
static void insert_in(sqlite3 *db, int rowid, const char *language, const char *body)
{
    rs_tokenizer_set_document_language(rs_tokenizer_module_of(db), language);
    sqlite3_stmt *insert = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES(?1, ?2)", -1, &insert, NULL), SQLITE_OK);
    sqlite3_bind_int(insert, 1, rowid);
    sqlite3_bind_text(insert, 2, body, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_finalize(insert);
    rs_tokenizer_set_document_language(rs_tokenizer_module_of(db), NULL);
}

/* The rowids the quoted word finds, in the UI language ui, "1,2" or "". */
static void matches(sqlite3 *db, const char *ui, const char *word, char *out, size_t size)
{
    rs_tokenizer_set_query_language(rs_tokenizer_module_of(db), ui);
    char expression[256];
    snprintf(expression, sizeof expression, "\"%s\"", word);
    sqlite3_stmt *select = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &select, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(select, 1, expression, -1, SQLITE_STATIC);
    size_t used = 0;
    out[0] = '\0';
    while (sqlite3_step(select) == SQLITE_ROW)
        used += (size_t)snprintf(out + used, size - used, "%s%d", used ? "," : "", sqlite3_column_int(select, 0));
    sqlite3_finalize(select);
}

#define assert_finds(db, ui, word, expected)                                                                           \
    do {                                                                                                               \
        char found_[256];                                                                                              \
        matches((db), (ui), (word), found_, sizeof found_);                                                            \
        if (strcmp(found_, (expected)) != 0)                                                                           \
            fail_msg("'%s' (UI %s) finds rows \"%s\", expected \"%s\"", (word), (ui) ? (ui) : "en", found_,            \
                     (expected));                                                                                      \
    } while (0)

struct token_log {
    char text[1024];
    size_t used;
};

static int log_token(void *context, int flags, const char *token, int length, int start, int end)
{
    struct token_log *log = context;
    log->used += (size_t)snprintf(log->text + log->used, sizeof log->text - log->used, "%s%s%.*s:%d-%d",
                                  log->used ? " " : "", (flags & FTS5_TOKEN_COLOCATED) ? "+" : "", length, token,
                                  start, end);
    return SQLITE_OK;
}

typedef struct tokenizer {
    sqlite3 *db;
    fts5_tokenizer methods;
    Fts5Tokenizer *instance;
} tokenizer;

static void open_tokenizer(tokenizer *t)
{
    assert_int_equal(sqlite3_open(":memory:", &t->db), SQLITE_OK);
    assert_int_equal(rs_tokenizer_register(t->db), SQLITE_OK);
    fts5_api *api = rs_fts5_api(t->db);
    void *context = NULL;
    assert_non_null(api);
    assert_int_equal(api->xFindTokenizer(api, "rostrum", &context, &t->methods), SQLITE_OK);
    assert_int_equal(t->methods.xCreate(context, NULL, 0, &t->instance), SQLITE_OK);
}

static void close_tokenizer(tokenizer *t)
{
    t->methods.xDelete(t->instance);
    assert_int_equal(sqlite3_close(t->db), SQLITE_OK);
}

#define assert_tokens(t, flags, input, expected)                                                                       \
    do {                                                                                                               \
        struct token_log log_ = {{0}, 0};                                                                              \
        assert_int_equal((t)->methods.xTokenize((t)->instance, &log_, (flags), (input), (int)strlen(input), log_token), \
                         SQLITE_OK);                                                                                   \
        assert_string_equal(log_.text, (expected));                                                                    \
    } while (0)

/* ---------------------------------------------------------------- stemmer.h */

static void test_languages(void **state)
{
    (void)state;
    assert_string_equal(rs_stem_language_name(rs_stem_language("en")), "english");
    assert_string_equal(rs_stem_language_name(rs_stem_language("ru")), "russian");
    assert_string_equal(rs_stem_language_name(rs_stem_language("fr-CA")), "french");
    assert_string_equal(rs_stem_language_name(rs_stem_language("ES")), "spanish");
    assert_string_equal(rs_stem_language_name(rs_stem_language("de")), "german");
    assert_string_equal(rs_stem_language_name(rs_stem_language("ar")), "arabic");
    assert_string_equal(rs_stem_language_name(rs_stem_language("nb")), "norwegian");
    assert_string_equal(rs_stem_language_name(rs_stem_language("pt_BR")), "portuguese");
    assert_int_equal(rs_stem_language("zh-Hans"), RS_STEM_NONE);
    assert_int_equal(rs_stem_language("zh_CN"), RS_STEM_NONE);
    assert_int_equal(rs_stem_language("ja"), RS_STEM_NONE);
    assert_int_equal(rs_stem_language("und"), RS_STEM_NONE);
    assert_int_equal(rs_stem_language("e"), RS_STEM_NONE);
    assert_int_equal(rs_stem_language(""), RS_STEM_NONE);
    assert_int_equal(rs_stem_language(NULL), RS_STEM_NONE);
    assert_string_equal(rs_stem_language_name(RS_STEM_NONE), "");
}

static void test_choice_by_script(void **state)
{
    (void)state;
    int en = rs_stem_language("en"), ru = rs_stem_language("ru"), fr = rs_stem_language("fr");
    int ar = rs_stem_language("ar"), el = rs_stem_language("el");
    /* A document's word: its language's when in its script, else its script's. */
    assert_int_equal(rs_stem_document_language(fr, "attaques", 8), fr);
    assert_int_equal(rs_stem_document_language(en, "хакеров", 14), ru);
    assert_int_equal(rs_stem_document_language(ru, "microsoft", 9), en);
    assert_int_equal(rs_stem_document_language(RS_STEM_NONE, "microsoft", 9), en);
    assert_int_equal(rs_stem_document_language(en, "هجوم", 8), ar);
    assert_int_equal(rs_stem_document_language(en, "επίθεση", 14), el);
    assert_int_equal(rs_stem_document_language(en, "2021", 4), en);
    assert_int_equal(rs_stem_document_language(ru, "网络", 6), RS_STEM_NONE);
    assert_int_equal(rs_stem_document_language(en, "שלום", 8), RS_STEM_NONE);
    /* A query's word: Latin in the UI language (and English), else by script. */
    int out[2] = {-9, -9};
    assert_int_equal(rs_stem_query_languages(fr, "attaques", 8, out), 2);
    assert_int_equal(out[0], fr);
    assert_int_equal(out[1], en);
    assert_int_equal(rs_stem_query_languages(en, "attacks", 7, out), 1);
    assert_int_equal(out[0], en);
    assert_int_equal(rs_stem_query_languages(ru, "attacks", 7, out), 1); /* a Russian UI types English in Latin */
    assert_int_equal(out[0], en);
    assert_int_equal(rs_stem_query_languages(fr, "хакеров", 14, out), 1);
    assert_int_equal(out[0], ru);
    assert_int_equal(rs_stem_query_languages(en, "网络", 6, out), 0);
}

static void test_arabic_article(void **state)
{
    (void)state;
    assert_int_equal(rs_stem_arabic_article("الهجوم", strlen("الهجوم")), strlen("ال"));
    assert_int_equal(rs_stem_arabic_article("والهجوم", strlen("والهجوم")), strlen("وال"));
    assert_int_equal(rs_stem_arabic_article("بالهجوم", strlen("بالهجوم")), strlen("بال"));
    assert_int_equal(rs_stem_arabic_article("للهجوم", strlen("للهجوم")), strlen("لل"));
    assert_int_equal(rs_stem_arabic_article("هجوم", strlen("هجوم")), 0);
    assert_int_equal(rs_stem_arabic_article("الم", strlen("الم")), 0); /* one letter would remain */
    assert_int_equal(rs_stem_arabic_article("all", 3), 0);
}

/* Snowball's own arabic stemmer takes the article from some words only and
 * then stems what remains differently; with it removed first, the two
 * forms meet. */
static void test_arabic_with_and_without_article(void **state)
{
    (void)state;
    rs_stemmer *stemmer = rs_stemmer_create();
    int ar = rs_stem_language("ar");
    const char *stem;
    size_t length;
    assert_true(rs_stemmer_stem(stemmer, ar, "الهجمات", strlen("الهجمات"), &stem, &length));
    assert_int_equal(length, strlen("هجما"));
    assert_memory_equal(stem, "هجما", length);
    assert_true(rs_stemmer_stem(stemmer, ar, "هجمات", strlen("هجمات"), &stem, &length));
    assert_memory_equal(stem, "هجما", length);
    assert_true(rs_stemmer_stem(stemmer, ar, "والهجوم", strlen("والهجوم"), &stem, &length));
    assert_int_equal(length, strlen("هجوم"));
    assert_memory_equal(stem, "هجوم", length);
    assert_true(rs_stemmer_stem(stemmer, RS_STEM_NONE, "hackers", 7, &stem, &length));
    assert_int_equal(length, 7);
    rs_stemmer_destroy(stemmer);
}

/* ---------------------------------------------------------------- tokens */

static void test_document_tokens(void **state)
{
    (void)state;
    tokenizer t;
    open_tokenizer(&t);
    rs_tokenizer_module *module = rs_tokenizer_module_of(t.db);
    assert_non_null(module);
    /* No language: each word by its script. */
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "Хакерах attacks 网络", "хакер:0-14 attack:15-22 网:23-26 +网络:23-29 络:26-29");
    rs_tokenizer_set_document_language(module, "fr");
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "Attaquées généreusement хакерах",
                  "attaqu:0-10 gener:11-26 хакер:27-41");
    rs_tokenizer_set_document_language(module, "ar");
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "الهجمات هجمات", "هجما:0-14 هجما:15-25");
    /* snippet() re-tokenizes without the row's language, for positions and
     * offsets only: the same ones, unstemmed (stemming there is wasted). */
    rs_tokenizer_set_document_language(module, "en");
    assert_tokens(&t, FTS5_TOKENIZE_AUX, "Attaquées généreusement хакерах", "attaquees:0-10 genereusement:11-26 хакерах:27-41");
    close_tokenizer(&t);
}

static void test_query_tokens(void **state)
{
    (void)state;
    tokenizer t;
    open_tokenizer(&t);
    rs_tokenizer_module *module = rs_tokenizer_module_of(t.db);
    assert_tokens(&t, FTS5_TOKENIZE_QUERY, "generously хакеров", "generous:0-10 хакер:11-25");
    rs_tokenizer_set_query_language(module, "fr");
    /* French first, English colocated where it differs. */
    assert_tokens(&t, FTS5_TOKENIZE_QUERY, "generously attaques хакеров",
                  "generously:0-10 +generous:0-10 attaqu:11-19 хакер:20-34");
    rs_tokenizer_set_query_language(module, "zh_CN");
    assert_tokens(&t, FTS5_TOKENIZE_QUERY, "generously", "generous:0-10");
    /* A prefix is folded, not stemmed; an Arabic one loses its article. */
    assert_tokens(&t, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, "Хакеро", "хакеро:0-12");
    assert_tokens(&t, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, "الهجو", "هجو:0-10");
    close_tokenizer(&t);
}

static void test_instance_settings(void **state)
{
    (void)state;
    tokenizer t;
    open_tokenizer(&t);
    rs_tokenizer_module *module = rs_tokenizer_module_of(t.db);
    rs_tokenizer_set_document_language(module, "fr");
    /* Its own language wins over the connection's. */
    assert_true(rs_tokenizer_instance_document(&t.methods, t.instance, "es"));
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "atacaron hackers", "atac:0-8 hackers:9-16");
    /* Read as queries are: every stem a query would search, colocated. */
    rs_tokenizer_set_query_language(module, "fr");
    assert_true(rs_tokenizer_instance_documents_as_queries(&t.methods, t.instance));
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "generously 网络", "generously:0-10 +generous:0-10 网:11-14 +网络:11-17 络:14-17");
    /* Not a "rostrum" instance: refused. */
    fts5_api *api = rs_fts5_api(t.db);
    fts5_tokenizer other;
    void *context = NULL;
    assert_int_equal(api->xFindTokenizer(api, "unicode61", &context, &other), SQLITE_OK);
    assert_false(rs_tokenizer_instance_document(&other, t.instance, "ru"));
    assert_false(rs_tokenizer_instance_documents_as_queries(&other, t.instance));
    /* Once another tokenizer is registered as "rostrum", the module is not found. */
    assert_int_equal(api->xCreateTokenizer(api, "rostrum", context, &other, NULL), SQLITE_OK);
    assert_null(rs_tokenizer_module_of(t.db));
    rs_tokenizer_set_document_language(NULL, "ru"); /* harmless */
    close_tokenizer(&t);
}

/* ---------------------------------------------------------------- MATCH */

static void test_russian_case_forms(void **state)
{
    (void)state;
    static const char *const hacker[] = {"хакер", "хакера", "хакеру", "хакером", "хакере",
                                         "хакеры", "хакеров", "хакерам", "хакерах"};
    static const char *const attack[] = {"кибератака", "кибератаки", "кибератаке", "кибератаку", "кибератакой"};
    sqlite3 *db = open_index();
    char body[128];
    for (int i = 0; i < 9; i++) {
        snprintf(body, sizeof body, "Слово %s в тексте.", hacker[i]);
        insert_in(db, 1 + i, "ru", body);
    }
    for (int i = 0; i < 5; i++) {
        snprintf(body, sizeof body, "Слово %s в тексте.", attack[i]);
        insert_in(db, 11 + i, "ru", body);
    }
    insert_in(db, 20, "en", "Russian words in English: хакерах, кибератакой.");
    for (int i = 0; i < 9; i++) {
        assert_finds(db, NULL, hacker[i], "1,2,3,4,5,6,7,8,9,20");
        assert_finds(db, "fr", hacker[i], "1,2,3,4,5,6,7,8,9,20");
    }
    for (int i = 0; i < 5; i++)
        assert_finds(db, "ru", attack[i], "11,12,13,14,15,20");
    assert_finds(db, NULL, "хакерство", "");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_french_spanish_german(void **state)
{
    (void)state;
    sqlite3 *db = open_index();
    insert_in(db, 1, "fr", "Une attaque contre le réseau.");
    insert_in(db, 2, "fr", "Des attaques répétées.");
    insert_in(db, 3, "fr", "Ils voulaient attaquer.");
    insert_in(db, 4, "fr", "Le serveur a été attaqué.");
    insert_in(db, 5, "es", "Un ataque contra la red.");
    insert_in(db, 6, "es", "Los ataques continúan.");
    insert_in(db, 7, "es", "Decidieron atacar.");
    insert_in(db, 8, "es", "Atacaron el servidor.");
    insert_in(db, 9, "de", "Die Angriffe auf das Netz.");
    insert_in(db, 10, "de", "Nach den Angriffen.");
    insert_in(db, 11, "en", "The attackers attacked.");
    static const char *const french[] = {"attaque", "attaques", "attaquer", "attaqué", "ATTAQUÉES"};
    for (int i = 0; i < 5; i++)
        assert_finds(db, "fr", french[i], "1,2,3,4");
    /* English stems four of them to attaqu too, but not attaquees (attaque). */
    for (int i = 0; i < 4; i++)
        assert_finds(db, NULL, french[i], "1,2,3,4");
    assert_finds(db, NULL, "ATTAQUÉES", "");
    /* Snowball's Spanish keeps the noun's "qu" (ataqu) apart from the
     * verb's stem (atac): plurals and verb forms meet, noun and verb not. */
    assert_finds(db, "es", "ataque", "5,6");
    assert_finds(db, "es", "ataques", "5,6");
    assert_finds(db, "es", "atacar", "7,8");
    assert_finds(db, "es", "atacaron", "7,8");
    assert_finds(db, NULL, "atacaron", ""); /* English keeps atacaron whole */
    assert_finds(db, "es", "atacó", "7,8");
    assert_finds(db, NULL, "Angriffe", "9,10"); /* German stems; English's angriff agrees */
    assert_finds(db, NULL, "Angriffen", "");     /* English keeps angriffen */
    /* An English query in a French UI still finds English statements. */
    assert_finds(db, "fr", "attacked", "11");
    assert_finds(db, "es", "attacking", "11");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_arabic_match(void **state)
{
    (void)state;
    sqlite3 *db = open_index();
    insert_in(db, 1, "ar", "وقع الهجوم على الشبكة");
    insert_in(db, 2, "ar", "هجوم جديد");
    insert_in(db, 3, "ar", "بعد الهجمات");
    insert_in(db, 4, "ar", "هجمات متكررة");
    insert_in(db, 5, "ar", "والهجوم مستمر");
    assert_finds(db, NULL, "الهجوم", "1,2,5");
    assert_finds(db, "ar", "هجوم", "1,2,5");
    assert_finds(db, "ar", "والهجوم", "1,2,5");
    assert_finds(db, NULL, "الهجمات", "3,4");
    assert_finds(db, NULL, "هجمات", "3,4");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* Vowel marks are part of a word, not breaks in it: a vowelled Arabic or
 * Hebrew word finds its plain spelling and back, a word stretched with the
 * tatweel finds the word, and a Devanagari word with vowel signs is one word. */
static void test_vowel_marks(void **state)
{
    (void)state;
    sqlite3 *db = open_index();
    insert_in(db, 1, "ar", "وقع الهجوم على الشبكة");
    insert_in(db, 2, "ar", "وَقَعَ الْهُجُومُ عَلَى الشَّبَكَةِ");
    insert_in(db, 3, "ar", "الهـــجوم");
    insert_in(db, 4, "he", "הַתְקָפָה");
    insert_in(db, 5, "he", "התקפה");
    insert_in(db, 6, "hi", "साइबर हमला");
    assert_finds(db, "ar", "الهجوم", "1,2,3");
    assert_finds(db, "ar", "الْهُجُومُ", "1,2,3");
    assert_finds(db, NULL, "الشبكة", "1,2");
    assert_finds(db, NULL, "התקפה", "4,5");
    assert_finds(db, NULL, "הַתְקָפָה", "4,5");
    assert_finds(db, NULL, "हमला", "6");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);

    tokenizer t;
    open_tokenizer(&t);
    /* Offsets cover the whole vowelled word; the token is its plain stem. */
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "الْهُجُومُ", "هجوم:0-20");
    assert_tokens(&t, FTS5_TOKENIZE_DOCUMENT, "साइबर हमला", "साइबर:0-15 हमल:16-28");
    close_tokenizer(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_choice_by_script),
        cmocka_unit_test(test_arabic_article),
        cmocka_unit_test(test_arabic_with_and_without_article),
        cmocka_unit_test(test_document_tokens),
        cmocka_unit_test(test_query_tokens),
        cmocka_unit_test(test_instance_settings),
        cmocka_unit_test(test_russian_case_forms),
        cmocka_unit_test(test_french_spanish_german),
        cmocka_unit_test(test_arabic_match),
        cmocka_unit_test(test_vowel_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
