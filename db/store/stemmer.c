/*
 * Which Snowball algorithm stems a word, and the stemmers (stemmer.h).
 *
 * Why scripts: a statement's language tag says how its own words inflect,
 * but statements quote names and words of other languages, and a query has
 * no language tag at all. The script of a word is the one thing both sides
 * see alike, so it decides wherever the tag cannot: the index and a query
 * then stem the same word the same way, which is what makes it findable.
 */
#include "stemmer.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

enum script {
    SCRIPT_OTHER = 0,
    SCRIPT_LATIN = 1 << 0,
    SCRIPT_CYRILLIC = 1 << 1,
    SCRIPT_GREEK = 1 << 2,
    SCRIPT_ARABIC = 1 << 3,
    SCRIPT_ARMENIAN = 1 << 4,
    SCRIPT_DEVANAGARI = 1 << 5,
    SCRIPT_TAMIL = 1 << 6,
    SCRIPT_HEBREW = 1 << 7,
};

/* Snowball's algorithms (libstemmer 2.2, less "porter", the original
 * English one), the primary subtags that name each (ISO 639-1) and the
 * scripts its language is written in. English first: see ENGLISH. */
static const struct algorithm {
    const char *name;
    const char *tags; /* two-letter subtags, concatenated */
    unsigned scripts;
} algorithms[] = {
    {"english", "en", SCRIPT_LATIN},        {"russian", "ru", SCRIPT_CYRILLIC},
    {"french", "fr", SCRIPT_LATIN},         {"spanish", "es", SCRIPT_LATIN},
    {"german", "de", SCRIPT_LATIN},         {"arabic", "ar", SCRIPT_ARABIC},
    {"italian", "it", SCRIPT_LATIN},        {"portuguese", "pt", SCRIPT_LATIN},
    {"dutch", "nl", SCRIPT_LATIN},          {"swedish", "sv", SCRIPT_LATIN},
    {"norwegian", "nonbnn", SCRIPT_LATIN},  {"danish", "da", SCRIPT_LATIN},
    {"finnish", "fi", SCRIPT_LATIN},        {"hungarian", "hu", SCRIPT_LATIN},
    {"romanian", "ro", SCRIPT_LATIN},       {"turkish", "tr", SCRIPT_LATIN},
    {"catalan", "ca", SCRIPT_LATIN},        {"basque", "eu", SCRIPT_LATIN},
    {"irish", "ga", SCRIPT_LATIN},          {"indonesian", "id", SCRIPT_LATIN},
    {"lithuanian", "lt", SCRIPT_LATIN},     {"greek", "el", SCRIPT_GREEK},
    {"armenian", "hy", SCRIPT_ARMENIAN},    {"serbian", "sr", SCRIPT_CYRILLIC | SCRIPT_LATIN},
    {"hindi", "hi", SCRIPT_DEVANAGARI},     {"nepali", "ne", SCRIPT_DEVANAGARI},
    {"tamil", "ta", SCRIPT_TAMIL},          {"yiddish", "yi", SCRIPT_HEBREW},
};
#define ALGORITHM_COUNT (sizeof algorithms / sizeof algorithms[0])
#define ENGLISH 0
#define RUSSIAN 1
#define ARABIC 5
#define GREEK 21
#define ARMENIAN 22
#define HINDI 24
#define TAMIL 26

int rs_stem_language(const char *tag)
{
    if (!tag || !tag[0] || !tag[1] || (tag[2] && tag[2] != '-' && tag[2] != '_'))
        return RS_STEM_NONE;
    char primary[3] = {(char)(tag[0] | 0x20), (char)(tag[1] | 0x20), 0};
    for (size_t a = 0; a < ALGORITHM_COUNT; a++)
        for (const char *t = algorithms[a].tags; *t; t += 2)
            if (t[0] == primary[0] && t[1] == primary[1])
                return (int)a;
    return RS_STEM_NONE;
}

const char *rs_stem_language_name(int language)
{
    return language >= 0 && (size_t)language < ALGORITHM_COUNT ? algorithms[language].name : "";
}

/* The script of a folded word: that of its first letter (digits count as
 * Latin, so "2021" and "covid19" stem as their neighbours would). */
static enum script word_script(const char *word, size_t length)
{
    uint32_t c = 0;
    if (length)
        rs_utf8_decode(word, length, &c);
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? SCRIPT_LATIN
                                                                                          : SCRIPT_OTHER;
    if ((c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF))
        return SCRIPT_LATIN;
    if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF))
        return SCRIPT_GREEK;
    if ((c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) || (c >= 0x2DE0 && c <= 0x2DFF) ||
        (c >= 0xA640 && c <= 0xA69F))
        return SCRIPT_CYRILLIC;
    if (c >= 0x530 && c <= 0x58F)
        return SCRIPT_ARMENIAN;
    if (c >= 0x590 && c <= 0x5FF)
        return SCRIPT_HEBREW;
    if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0x8A0 && c <= 0x8FF) ||
        (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
        return SCRIPT_ARABIC;
    if (c >= 0x900 && c <= 0x97F)
        return SCRIPT_DEVANAGARI;
    if (c >= 0xB80 && c <= 0xBFF)
        return SCRIPT_TAMIL;
    return SCRIPT_OTHER;
}

static int script_default(enum script script)
{
    switch (script) {
    case SCRIPT_LATIN: return ENGLISH;
    case SCRIPT_CYRILLIC: return RUSSIAN;
    case SCRIPT_GREEK: return GREEK;
    case SCRIPT_ARABIC: return ARABIC;
    case SCRIPT_ARMENIAN: return ARMENIAN;
    case SCRIPT_DEVANAGARI: return HINDI;
    case SCRIPT_TAMIL: return TAMIL;
    default: return RS_STEM_NONE;
    }
}

static bool written_in(int language, enum script script)
{
    return language >= 0 && (size_t)language < ALGORITHM_COUNT && (algorithms[language].scripts & script);
}

int rs_stem_document_language(int document_language, const char *word, size_t length)
{
    enum script script = word_script(word, length);
    return written_in(document_language, script) ? document_language : script_default(script);
}

size_t rs_stem_query_languages(int ui_language, const char *word, size_t length, int out[2])
{
    enum script script = word_script(word, length);
    int first = script == SCRIPT_LATIN && written_in(ui_language, script) ? ui_language : script_default(script);
    if (first == RS_STEM_NONE)
        return 0;
    out[0] = first;
    if (script != SCRIPT_LATIN || first == ENGLISH)
        return 1;
    out[1] = ENGLISH;
    return 2;
}

bool rs_stem_wants_accents(int language)
{
    return language != ENGLISH && (written_in(language, SCRIPT_LATIN) || written_in(language, SCRIPT_GREEK));
}

size_t rs_stem_arabic_article(const char *word, size_t length)
{
    /* Longest first; each is the article alone or after a one-letter
     * prefix (and, with, like, so; li- before the article drops its alif). */
    static const char *const articles[] = {"وال", "بال", "كال", "فال", "لل", "ال"};
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        size_t n = strlen(articles[i]);
        if (length < n || memcmp(word, articles[i], n) != 0)
            continue;
        size_t letters = 0;
        for (size_t k = n; k < length; k++)
            letters += ((unsigned char)word[k] & 0xC0) != 0x80;
        return letters >= 2 ? n : 0;
    }
    return 0;
}

struct rs_stemmer {
    struct sb_stemmer *made[ALGORITHM_COUNT];
    signed char available[ALGORITHM_COUNT]; /* 0 unknown, 1 yes, -1 not in this libstemmer */
};

bool rs_stem_is_dropped_mark(unsigned long c)
{
    return (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
           c == 0x05C5 || c == 0x05C7 ||                   /* Hebrew points and cantillation */
           (c >= 0x0610 && c <= 0x061A) ||                 /* Arabic honorifics and small letters above */
           (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||  /* harakat, shadda, sukun, superscript alef */
           (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 ||
           (c >= 0x06EA && c <= 0x06ED) ||                 /* Quranic annotation marks */
           c == 0x0640;                                    /* tatweel */
}

size_t rs_stem_drop_marks(const char *word, size_t length, char *out)
{
    size_t written = 0;
    for (size_t at = 0; at < length;) {
        uint32_t c;
        size_t n = rs_utf8_decode(word + at, length - at, &c);
        if (!rs_stem_is_dropped_mark(c)) {
            memcpy(out + written, word + at, n);
            written += n;
        }
        at += n;
    }
    return written;
}

rs_stemmer *rs_stemmer_create(void)
{
    return calloc(1, sizeof(rs_stemmer));
}

void rs_stemmer_destroy(rs_stemmer *stemmer)
{
    if (!stemmer)
        return;
    for (size_t a = 0; a < ALGORITHM_COUNT; a++)
        if (stemmer->made[a])
            sb_stemmer_delete(stemmer->made[a]);
    free(stemmer);
}

/* Whether this libstemmer has the algorithm (an older one may lack some). */
static bool available(rs_stemmer *stemmer, int language)
{
    if (!stemmer->available[language]) {
        stemmer->available[language] = -1;
        for (const char **name = sb_stemmer_list(); *name; name++)
            if (strcmp(*name, algorithms[language].name) == 0)
                stemmer->available[language] = 1;
    }
    return stemmer->available[language] > 0;
}

bool rs_stemmer_stem(rs_stemmer *stemmer, int language, const char *word, size_t length, const char **out,
                     size_t *out_length)
{
    *out = word;
    *out_length = length;
    if (language < 0 || (size_t)language >= ALGORITHM_COUNT || length == 0 || length > INT32_MAX)
        return true;
    if (language == ARABIC) {
        size_t article = rs_stem_arabic_article(word, length);
        word += article;
        length -= article;
        *out = word;
        *out_length = length;
    }
    if (!available(stemmer, language))
        return true;
    if (!stemmer->made[language]) {
        stemmer->made[language] = sb_stemmer_new(algorithms[language].name, "UTF_8");
        if (!stemmer->made[language])
            return false;
    }
    const sb_symbol *stem = sb_stemmer_stem(stemmer->made[language], (const sb_symbol *)word, (int)length);
    if (!stem)
        return false;
    int stem_length = sb_stemmer_length(stemmer->made[language]);
    *out = (const char *)stem;
    *out_length = stem_length > 0 ? (size_t)stem_length : 0;
    return true;
}
