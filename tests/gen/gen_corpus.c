/*
 * gen_corpus: writes a synthetic source folder for measuring the builder and
 * the viewer at scale. It is a measuring tool only: its text is generated
 * nonsense and is never shipped as content.
 *
 *   gen_corpus OUT_DIR [--count N] [--seed S] [--jobs J]
 *
 * N is 1..1000000 (default 100000), S any unsigned 64-bit number (default 1).
 * OUT_DIR is created if it does not exist and must be empty if it does. It
 * receives bundle.yaml, parties.yaml (8 invented organisations, alliances,
 * companies and agencies), incidents.yaml (2,000 incidents, 3 events each)
 * and one statement file per statement, s0000001.txt .. sNNNNNNN.txt, in the
 * real source format. The same arguments always give byte-identical files: every random
 * choice comes from splitmix64, seeded from S and the statement's number, so
 * nothing depends on the C library, the locale, the order of writing or the
 * number of worker processes (J, default 2).
 *
 * What the statements look like:
 * - language: 10% zh-Hans, 5% ru, the rest en; title and body in that language.
 * - title: 40-120 characters; body: 1-6 KB in paragraphs separated by blank lines.
 *   English and Russian text is made of invented words (from syllables) drawn
 *   with a Zipf-like frequency, plus a few real function words, so the search
 *   index has a realistic mix of common and rare terms; Chinese is a fixed set
 *   of common characters with ，and 。.
 * - date: 2000-2024, later years more often; about 2% undated, 4% year only
 *   (half of them quoted, "2013"), 8% year and month, the rest full dates;
 *   5% of the dated carry a date_note.
 * - countries: 1-4 of 60 ISO 3166-1 codes (a few much more often than the
 *   rest), each with one or two roles; about 5% name one of the parties too
 *   (written as parties:, from a random stream of its own); incidents: 0-2
 *   of the 2,000.
 * - parties: ORG1 .. ORG8, invented names, half of them with Chinese and
 *   Russian names and a short name; organisations and alliances have 3-10
 *   member countries.
 * - events: 3 per incident (6,000), dated as statements are (about 2%
 *   undated), of the seven kinds, with 1-3 parties (about 30% an
 *   organisation), a one-sentence summary (10% also in Chinese) and a url.
 * - outlet (90%) from 300, speaker (70%) from 2,000 (most with a role), url
 *   (60%), title_note (3%), kind from the six allowed; about 1% have same_as
 *   and about 3% translation_of, each naming another statement of the folder
 *   (translation_of is drawn from a random stream of its own).
 *
 * Terms the benchmark can search for (they are never produced by chance: the
 * invented words use no x, y, k, w, j, q or z, the random Chinese characters
 * exclude 网 络 黑 客, and the random Russian words never put two vowels
 * together):
 *   exchange      in about 1 English body in 50 (2%)
 *   hackers       in about 1 English body in 10 (10%, a common term)
 *   cyberattack   in about 1 English body in 500 (0.2%, a rare term)
 *   网络          in about 1 Chinese body in 50 (2%)
 *   黑客          in about 1 Chinese body in 10 (10%)
 *   санкции       in about 1 Russian body in 50 (2%)
 * and the most frequent words of all: "the", "of", "and" (English),
 * "и", "в" (Russian), 的 (Chinese).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <math.h>
#include <unistd.h>

#include "gen_util.h"

#define MAX_COUNT 1000000u
#define INCIDENT_COUNT 2000u
#define EVENTS_PER_INCIDENT 3u
#define PARTY_COUNT 8u
#define OUTLET_COUNT 300u
#define SPEAKER_COUNT 2000u
#define EN_LEXICON 40000u
#define RU_LEXICON 30000u

/* ---- word lists ---- */

/* Letters only from a-v without j, k, q (and never w, x, y, z), so that the
 * planted English terms above cannot appear by chance. */
static const char *const en_onsets[] = {
    "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cr", "dr",
    "fl", "gr", "pl", "pr", "st", "tr", "ch", "sh", "th", "sl", "gl", "",
};
static const char *const en_vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "au", "e", "a", "o"};
static const char *const en_codas[] = {"", "", "", "n", "r", "l", "s", "t", "m", "nt", "st", "rd", "ct", "nd", "ll"};
static const char *const en_suffixes[] = {"ant", "ial", "ade", "ism", "ence", "ous", "ate", "ive", "ion", "ent", "al", "er"};
/* Real function words take the most frequent ranks. */
static const char *const en_common[] = {
    "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "with", "as", "by", "it", "this",
    "be", "are", "was", "from", "at", "not", "has", "its", "an", "have", "will", "or", "their", "which", "all",
};

/* Cyrillic consonants and vowels; a word is (C V [C]) syllables, so two
 * vowels never meet and "санкции" cannot be produced by chance. */
static const char *const ru_consonants[] = {
    "б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ц", "ч", "ш", "щ",
};
static const char *const ru_vowels[] = {"а", "е", "и", "о", "у", "ы", "я", "ю", "а", "о", "е"};
static const char *const ru_codas[] = {"", "", "", "н", "р", "л", "с", "т", "м", "й", "в", "к"};
static const char *const ru_common[] = {
    "и", "в", "не", "на", "что", "с", "по", "это", "как", "к", "из", "за", "от", "для", "о", "также",
};

/* Common Chinese characters, without 网 络 黑 客 (planted on purpose only). */
static const char zh_characters[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方"
    "后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开"
    "它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此"
    "变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老"
    "头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质务报告"
    "外交声明发言人表示坚决反对所谓指责方面关于问题合作安全领域国际社会双边关系维护主权立场事实真相";

static const char *const zh_titles_tail[] = {"答记者问", "发表谈话", "的声明", "的讲话", "的回应", "举行会谈"};

static const char *const kinds[] = {"response", "attribution", "report", "statement", "speech", "interview"};
static const char *const event_kinds[] = {"attribution", "indictment", "sanction", "report", "disclosure", "denial", "other"};
static const char *const party_kinds[] = {"organisation", "alliance", "company", "agency"};
static const char *const party_nouns[] = {"Union", "Alliance", "Systems", "Agency"};
static const char *const roles[] = {"speaker", "accuser", "accused", "victim", "mentioned"};
static const char *const incident_nouns[] = {
    "breach", "intrusion", "campaign", "leak", "outage", "operation", "affair", "incident", "dispute", "hack",
};
static const char *const outlet_forms[] = {
    "%s Daily", "The %s Courier", "%s News Agency", "Ministry of Foreign Affairs of %s", "Embassy of %s in %s",
    "%s Broadcasting", "The %s Herald", "%s Times", "Office of the Spokesperson of %s", "%s Review",
};
static const char *const speaker_roles[] = {
    "Spokesperson", "Foreign Minister", "Ambassador", "Deputy Foreign Minister", "Press Secretary",
    "Director-General", "Chargé d'affaires", "Permanent Representative", "Minister of Defence", "Counsellor",
};

/* 60 ISO 3166-1 alpha-2 codes, most often used first. */
static const char *const countries[60] = {
    "CN", "US", "GB", "RU", "DE", "FR", "JP", "KR", "KP", "IN", "AU", "CA", "IR", "IL", "UA",
    "BY", "NL", "BE", "SE", "NO", "FI", "DK", "PL", "CZ", "EE", "LV", "LT", "IT", "ES", "PT",
    "CH", "AT", "TR", "SA", "AE", "QA", "EG", "ZA", "NG", "KE", "BR", "AR", "MX", "CL", "CO",
    "VN", "TH", "MY", "SG", "ID", "PH", "PK", "AF", "NZ", "TW", "HK", "GE", "AM", "AZ", "KZ",
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A vocabulary with a Zipf-like (log-uniform rank) frequency: drawing is one
 * table lookup and one uniform pick within the bucket. */
typedef struct lexicon {
    char **words;
    uint8_t *lengths;
    uint32_t count;
    uint32_t bucket_lo[4096], bucket_hi[4096];
} lexicon;

static void lexicon_buckets(lexicon *lx)
{
    /* Rank r has probability about ln((r+2)/(r+1)) / ln(count+1). */
    double top = log((double)lx->count + 1.0);
    for (uint32_t b = 0; b < 4096; b++) {
        double lo = exp(top * (double)b / 4096.0) - 1.0;
        double hi = exp(top * (double)(b + 1) / 4096.0) - 1.0;
        uint32_t l = (uint32_t)lo, h = (uint32_t)ceil(hi);
        if (h > lx->count)
            h = lx->count;
        if (h <= l)
            h = l + 1;
        lx->bucket_lo[b] = l;
        lx->bucket_hi[b] = h;
    }
}

static const char *lexicon_draw(const lexicon *lx, rng *r, size_t *length)
{
    uint64_t x = next64(r);
    uint32_t b = (uint32_t)(x & 4095);
    uint32_t span = lx->bucket_hi[b] - lx->bucket_lo[b];
    uint32_t i = lx->bucket_lo[b] + (span > 1 ? (uint32_t)((x >> 20) % span) : 0);
    *length = lx->lengths[i];
    return lx->words[i];
}

static void lexicon_init(lexicon *lx, uint32_t count)
{
    lx->count = count;
    lx->words = calloc(count, sizeof *lx->words);
    lx->lengths = calloc(count, 1);
    if (!lx->words || !lx->lengths) {
        fputs("gen_corpus: out of memory\n", stderr);
        exit(1);
    }
}

/* An invented English word: 1-3 syllables, sometimes a suffix. */
static void invent_english(rng *r, char *out, size_t size)
{
    buffer b = {0};
    uint32_t pick = below(r, 20);
    uint32_t syllables = pick < 7 ? 1 : pick < 16 ? 2 : 3;
    for (uint32_t s = 0; s < syllables; s++) {
        /* Later syllables take a single consonant (the first 14 onsets). */
        const char *onset = s ? en_onsets[below(r, 14)] : en_onsets[below(r, COUNT_OF(en_onsets))];
        puts_(&b, onset);
        puts_(&b, en_vowels[below(r, COUNT_OF(en_vowels))]);
        if (s + 1 == syllables || chance(r, 1, 3))
            puts_(&b, en_codas[below(r, COUNT_OF(en_codas))]);
    }
    if (syllables < 3 && chance(r, 1, 4))
        puts_(&b, en_suffixes[below(r, COUNT_OF(en_suffixes))]);
    snprintf(out, size, "%.*s", (int)b.length, b.data);
    free(b.data);
}

static void invent_russian(rng *r, char *out, size_t size)
{
    buffer b = {0};
    uint32_t pick = below(r, 20);
    uint32_t syllables = pick < 5 ? 1 : pick < 12 ? 2 : pick < 18 ? 3 : 4;
    for (uint32_t s = 0; s < syllables; s++) {
        puts_(&b, ru_consonants[below(r, COUNT_OF(ru_consonants))]);
        puts_(&b, ru_vowels[below(r, COUNT_OF(ru_vowels))]);
        if (s + 1 == syllables || chance(r, 1, 3))
            puts_(&b, ru_codas[below(r, COUNT_OF(ru_codas))]);
    }
    snprintf(out, size, "%.*s", (int)b.length, b.data);
    free(b.data);
}

static void build_lexicon(lexicon *lx, uint32_t count, const char *const *common, size_t common_count,
                          void (*invent)(rng *, char *, size_t), uint64_t seed, uint64_t purpose)
{
    lexicon_init(lx, count);
    rng r = rng_for(seed, purpose, 0);
    char word[64];
    for (uint32_t i = 0; i < count; i++) {
        if (i < common_count) {
            lx->words[i] = xstrdup(common[i]);
        } else {
            invent(&r, word, sizeof word);
            lx->words[i] = xstrdup(word);
        }
        lx->lengths[i] = (uint8_t)strlen(lx->words[i]);
    }
    lexicon_buckets(lx);
}

/* ---- the generator ---- */

typedef struct generator {
    uint64_t seed;
    uint32_t count;
    lexicon en, ru;
    const char *zh[COUNT_OF(zh_characters)]; /* pointers to each character */
    uint8_t zh_length[COUNT_OF(zh_characters)];
    uint32_t zh_count;
    char *outlets[OUTLET_COUNT];
    char *speakers[SPEAKER_COUNT];
    char *speaker_roles[SPEAKER_COUNT]; /* NULL for some */
    char *incident_slugs[INCIDENT_COUNT];
} generator;

static void capitalize_ascii(char *text)
{
    if (text[0] >= 'a' && text[0] <= 'z')
        text[0] = (char)(text[0] - 'a' + 'A');
}

/* Upper-cases the Cyrillic letter at text[0..2) in place (а-я only). */
static void capitalize_cyrillic(char *text)
{
    unsigned char *t = (unsigned char *)text;
    if (t[0] == 0xD0 && t[1] >= 0xB0 && t[1] <= 0xBF)
        t[1] = (unsigned char)(t[1] - 0x20);
    else if (t[0] == 0xD1 && t[1] >= 0x80 && t[1] <= 0x8F)
        t[0] = 0xD0, t[1] = (unsigned char)(t[1] + 0x20);
}

/* A capitalised invented English word (for names). */
static void name_word(generator *g, rng *r, char *out, size_t size)
{
    /* Names come from the rarer half of the vocabulary, which is all invented. */
    uint32_t i;
    do
        i = COUNT_OF(en_common) + below(r, g->en.count - (uint32_t)COUNT_OF(en_common));
    while (g->en.lengths[i] < 3);
    snprintf(out, size, "%s", g->en.words[i]);
    capitalize_ascii(out);
}

static void slug_word(generator *g, rng *r, char *out, size_t size)
{
    uint32_t i = COUNT_OF(en_common) + below(r, g->en.count - (uint32_t)COUNT_OF(en_common));
    snprintf(out, size, "%s", g->en.words[i]);
}

static void generator_init(generator *g, uint64_t seed, uint32_t count)
{
    memset(g, 0, sizeof *g);
    g->seed = seed;
    g->count = count;
    build_lexicon(&g->en, EN_LEXICON, en_common, COUNT_OF(en_common), invent_english, seed, 1);
    build_lexicon(&g->ru, RU_LEXICON, ru_common, COUNT_OF(ru_common), invent_russian, seed, 2);
    for (size_t i = 0; zh_characters[i];) {
        size_t n = 1;
        while (((unsigned char)zh_characters[i + n] & 0xC0) == 0x80)
            n++;
        g->zh[g->zh_count] = zh_characters + i;
        g->zh_length[g->zh_count] = (uint8_t)n;
        g->zh_count++;
        i += n;
    }

    char a[64], b[64], text[256];
    rng r = rng_for(seed, 3, 0);
    for (uint32_t i = 0; i < OUTLET_COUNT; i++) {
        name_word(g, &r, a, sizeof a);
        name_word(g, &r, b, sizeof b);
        const char *form = outlet_forms[below(&r, COUNT_OF(outlet_forms))];
        snprintf(text, sizeof text, form, a, b);
        /* Outlet names must be distinct only in spirit; a number keeps them so. */
        if (i >= COUNT_OF(outlet_forms) && chance(&r, 1, 4))
            snprintf(text + strlen(text), sizeof text - strlen(text), " %u", i);
        g->outlets[i] = xstrdup(text);
    }
    for (uint32_t i = 0; i < SPEAKER_COUNT; i++) {
        name_word(g, &r, a, sizeof a);
        name_word(g, &r, b, sizeof b);
        snprintf(text, sizeof text, "%s %s", a, b);
        g->speakers[i] = xstrdup(text);
        if (chance(&r, 4, 5)) {
            name_word(g, &r, a, sizeof a);
            snprintf(text, sizeof text, "%s, Ministry of Foreign Affairs of %s",
                     speaker_roles[below(&r, COUNT_OF(speaker_roles))], a);
            g->speaker_roles[i] = xstrdup(text);
        }
    }
    for (uint32_t i = 0; i < INCIDENT_COUNT; i++) {
        slug_word(g, &r, a, sizeof a);
        slug_word(g, &r, b, sizeof b);
        snprintf(text, sizeof text, "%s-%s-%04u", a, b, i + 1);
        g->incident_slugs[i] = xstrdup(text);
    }
}

static void generator_free(generator *g)
{
    for (uint32_t i = 0; i < g->en.count; i++)
        free(g->en.words[i]);
    for (uint32_t i = 0; i < g->ru.count; i++)
        free(g->ru.words[i]);
    free(g->en.words), free(g->en.lengths), free(g->ru.words), free(g->ru.lengths);
    for (uint32_t i = 0; i < OUTLET_COUNT; i++)
        free(g->outlets[i]);
    for (uint32_t i = 0; i < SPEAKER_COUNT; i++)
        free(g->speakers[i]), free(g->speaker_roles[i]);
    for (uint32_t i = 0; i < INCIDENT_COUNT; i++)
        free(g->incident_slugs[i]);
}

/* A statement's id, computable from its number alone (for same_as). */
static void statement_id(const generator *g, uint32_t index, char *out, size_t size)
{
    rng r = rng_for(g->seed, 4, index);
    uint32_t common = (uint32_t)COUNT_OF(en_common);
    const char *a = g->en.words[common + below(&r, g->en.count - common)];
    const char *b = g->en.words[common + below(&r, g->en.count - common)];
    snprintf(out, size, "%s-%s-%07u", a, b, index + 1);
}

enum language { EN, RU, ZH };

/* Planted terms: a word and whether this body still owes it. */
typedef struct planted {
    const char *word;
    bool pending;
} planted;

/* One English or Russian sentence of n words, maybe carrying planted words. */
static void alphabetic_sentence(buffer *out, const lexicon *lx, enum language language, rng *r, uint32_t words,
                                planted *plant, size_t plant_count, uint32_t plant_odds)
{
    size_t start = out->length;
    for (uint32_t w = 0; w < words; w++) {
        if (w && w + 1 < words && chance(r, 1, 14))
            put(out, ", ", 2);
        else if (w)
            putc_(out, ' ');
        const char *word = NULL;
        size_t length = 0;
        for (size_t p = 0; p < plant_count && !word; p++)
            if (plant[p].pending && chance(r, 1, plant_odds)) {
                word = plant[p].word;
                length = strlen(word);
                plant[p].pending = false;
            }
        if (!word)
            word = lexicon_draw(lx, r, &length);
        put(out, word, length);
    }
    if (language == RU)
        capitalize_cyrillic(out->data + start);
    else
        capitalize_ascii(out->data + start);
    putc_(out, '.');
}

static void chinese_run(buffer *out, const generator *g, rng *r, uint32_t characters, planted *plant,
                        size_t plant_count, uint32_t plant_odds)
{
    for (uint32_t c = 0; c < characters; c++) {
        bool placed = false;
        for (size_t p = 0; p < plant_count && !placed; p++)
            if (plant[p].pending && chance(r, 1, plant_odds)) {
                puts_(out, plant[p].word);
                plant[p].pending = false;
                placed = true;
            }
        if (placed)
            continue;
        /* Half uniform, half skewed towards the front of the list. */
        uint32_t i = chance(r, 1, 2) ? below(r, g->zh_count) : (uint32_t)(unit(r) * unit(r) * g->zh_count);
        put(out, g->zh[i], g->zh_length[i]);
    }
}

static void chinese_sentence(buffer *out, const generator *g, rng *r, planted *plant, size_t plant_count,
                             uint32_t plant_odds)
{
    uint32_t clauses = between(r, 1, 4);
    for (uint32_t k = 0; k < clauses; k++) {
        if (k)
            puts_(out, "，");
        chinese_run(out, g, r, between(r, 4, 14), plant, plant_count, k == 0 ? plant_odds : 200);
    }
    puts_(out, "。");
}

/* The body: paragraphs until about target bytes, then any planted word still
 * owed in a last short sentence. */
static void write_body(buffer *out, const generator *g, enum language language, rng *r, size_t target,
                       planted *plant, size_t plant_count)
{
    size_t start = out->length;
    bool first = true;
    while (out->length - start < target) {
        if (!first)
            puts_(out, "\n\n");
        first = false;
        uint32_t sentences = between(r, 2, 7);
        for (uint32_t s = 0; s < sentences && out->length - start < target; s++) {
            if (language == ZH) {
                chinese_sentence(out, g, r, plant, plant_count, 200);
            } else {
                if (s)
                    putc_(out, ' ');
                alphabetic_sentence(out, language == RU ? &g->ru : &g->en, language, r, between(r, 6, 24), plant,
                                    plant_count, 60);
            }
        }
    }
    for (size_t p = 0; p < plant_count; p++) {
        if (!plant[p].pending)
            continue;
        /* Odds of 1 in 1: the owed word opens one more sentence. */
        if (language == ZH) {
            chinese_sentence(out, g, r, &plant[p], 1, 1);
        } else {
            putc_(out, ' ');
            alphabetic_sentence(out, language == RU ? &g->ru : &g->en, language, r, between(r, 4, 10), &plant[p], 1, 1);
        }
    }
    putc_(out, '\n');
}

/* A title of least..most code points (40-120 for a whole title). */
static void write_title(buffer *out, const generator *g, enum language language, rng *r, uint32_t least,
                        uint32_t most)
{
    size_t target = between(r, least, most);
    size_t start = out->length;
    if (language == ZH) {
        size_t tail_index = below(r, COUNT_OF(zh_titles_tail));
        size_t tail = code_points(zh_titles_tail[tail_index], strlen(zh_titles_tail[tail_index]));
        size_t body = target - tail;
        size_t comma = body > 20 && chance(r, 1, 2) ? between(r, 8, (uint32_t)body - 8) : 0;
        for (size_t c = 0; c < body; c++) {
            if (comma && c == comma) {
                puts_(out, "，");
                continue;
            }
            uint32_t i = below(r, g->zh_count);
            put(out, g->zh[i], g->zh_length[i]);
        }
        puts_(out, zh_titles_tail[tail_index]);
        return;
    }
    const lexicon *lx = language == RU ? &g->ru : &g->en;
    size_t points = 0;
    for (;;) {
        size_t length;
        const char *word = lexicon_draw(lx, r, &length);
        size_t word_points = code_points(word, length) + (points ? 1 : 0);
        if (points + word_points > most) {
            if (points >= least)
                break; /* long enough; no room for this word */
            continue;  /* below least there are 80 free points: a shorter word fits */
        }
        if (points)
            putc_(out, ' ');
        put(out, word, length);
        points += word_points;
        if (points >= target)
            break;
    }
    if (language == RU)
        capitalize_cyrillic(out->data + start);
    else
        capitalize_ascii(out->data + start);
}

static void write_date(buffer *out, rng *r, bool *dated)
{
    /* Later years more often (like real archives): year = 2000 + 25 * sqrt(u). */
    uint32_t year = 2000 + (uint32_t)(25.0 * sqrt(unit(r)));
    if (year > 2024)
        year = 2024;
    uint32_t form = below(r, 1000);
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    uint32_t month = between(r, 1, 12);
    int month_days = days[month - 1] + (month == 2 && year % 4 == 0 ? 1 : 0); /* 2000 is a leap year */
    uint32_t day = between(r, 1, (uint32_t)month_days);
    *dated = true;
    if (form < 20) {
        *dated = false;
    } else if (form < 40) {
        printf_(out, "date: %u\n", year);
    } else if (form < 60) {
        printf_(out, "date: \"%u\"\n", year);
    } else if (form < 140) {
        printf_(out, "date: %u-%02u\n", year, month);
    } else {
        printf_(out, "date: %u-%02u-%02u\n", year, month, day);
    }
}

static void write_statement(buffer *out, generator *g, uint32_t index)
{
    rng r = rng_for(g->seed, 5, index);
    char id[160], word[64], word2[160];
    statement_id(g, index, id, sizeof id);

    uint32_t pick = below(&r, 100);
    enum language language = pick < 10 ? ZH : pick < 15 ? RU : EN;

    puts_(out, "---\n");
    printf_(out, "id: %s\n", id);
    /* A few titles need quoting, as real ones with a colon do. */
    if (language == EN && chance(&r, 1, 20)) {
        name_word(g, &r, word, sizeof word);
        printf_(out, "title: \"%s: ", word);
        uint32_t prefix = (uint32_t)strlen(word) + 2;
        write_title(out, g, language, &r, 40 - prefix, 120 - prefix);
        puts_(out, "\"\n");
    } else {
        puts_(out, "title: ");
        write_title(out, g, language, &r, 40, 120);
        putc_(out, '\n');
    }
    if (chance(&r, 3, 100))
        puts_(out, "title_note: No headline in the source; title written by the curator.\n");
    bool dated;
    write_date(out, &r, &dated);
    if (dated && chance(&r, 5, 100)) {
        name_word(g, &r, word, sizeof word);
        printf_(out, "date_note: Not printed on the page; taken from the %s report of the same remarks.\n", word);
    }
    uint32_t outlet = OUTLET_COUNT;
    if (chance(&r, 9, 10)) {
        outlet = (uint32_t)(unit(&r) * unit(&r) * OUTLET_COUNT);
        printf_(out, "outlet: %s\n", g->outlets[outlet]);
    }
    if (chance(&r, 7, 10)) {
        uint32_t s = (uint32_t)(unit(&r) * unit(&r) * SPEAKER_COUNT);
        printf_(out, "speaker: %s\n", g->speakers[s]);
        if (g->speaker_roles[s])
            printf_(out, "speaker_role: %s\n", g->speaker_roles[s]);
    }
    printf_(out, "language: %s\n", language == ZH ? "zh-Hans" : language == RU ? "ru" : "en");
    if (chance(&r, 6, 10)) {
        slug_word(g, &r, word, sizeof word);
        printf_(out, "url: https://%s.example.org/statements/%s.html\n", word, id);
    }
    printf_(out, "kind: %s\n", kinds[below(&r, COUNT_OF(kinds))]);

    /* Countries: 1-4 distinct, the first often the speaker. A party of
     * parties.yaml (from a stream of its own, so that every other choice is
     * as before) makes the list parties:. */
    rng o = rng_for(g->seed, 9, index);
    bool organisation = chance(&o, 1, 20);
    uint32_t country_count = 1 + (uint32_t)(unit(&r) * unit(&r) * 4.0);
    uint32_t chosen[4];
    puts_(out, organisation ? "parties:\n" : "countries:\n");
    for (uint32_t c = 0; c < country_count; c++) {
        uint32_t code;
        bool again;
        do {
            code = (uint32_t)(pow(unit(&r), 2.2) * 60.0);
            again = false;
            for (uint32_t k = 0; k < c; k++)
                again |= chosen[k] == code;
        } while (again);
        chosen[c] = code;
        uint32_t first = c == 0 && chance(&r, 1, 2) ? 0 : between(&r, 1, 4);
        uint32_t second = chance(&r, 15, 100) ? between(&r, 0, 4) : first;
        if (second == first) {
            printf_(out, "  %s: %s\n", countries[code], roles[first]);
        } else {
            uint32_t lo = first < second ? first : second, hi = first < second ? second : first;
            /* Roles are written in either order; the builder stores them in role order. */
            if (chance(&r, 1, 2))
                printf_(out, "  %s: [%s, %s]\n", countries[code], roles[lo], roles[hi]);
            else
                printf_(out, "  %s: [%s, %s]\n", countries[code], roles[hi], roles[lo]);
        }
    }

    if (organisation)
        printf_(out, "  ORG%u: %s\n", 1 + below(&o, PARTY_COUNT), roles[between(&o, 1, 4)]);

    /* Incidents: 0-2, popular ones more often. */
    uint32_t incident_pick = below(&r, 10);
    uint32_t incidents = incident_pick < 4 ? 0 : incident_pick < 8 ? 1 : 2;
    if (incidents) {
        uint32_t a = (uint32_t)(unit(&r) * unit(&r) * INCIDENT_COUNT);
        uint32_t b = (uint32_t)(unit(&r) * INCIDENT_COUNT);
        if (incidents == 2 && a == b)
            incidents = 1;
        if (incidents == 1 && chance(&r, 1, 2))
            printf_(out, "incidents: %s\n", g->incident_slugs[a]);
        else if (incidents == 1)
            printf_(out, "incidents: [%s]\n", g->incident_slugs[a]);
        else
            printf_(out, "incidents: [%s, %s]\n", g->incident_slugs[a], g->incident_slugs[b]);
    }
    if (g->count > 1 && chance(&r, 1, 100)) {
        uint32_t target = below(&r, g->count - 1);
        if (target >= index)
            target++;
        statement_id(g, target, word2, sizeof word2);
        printf_(out, "same_as: %s\n", word2);
    }
    /* translation_of from a stream of its own, so adding it changed no other
     * choice: every statement reads as it did before. */
    rng t = rng_for(g->seed, 6, index);
    if (g->count > 1 && chance(&t, 3, 100)) {
        uint32_t target = below(&t, g->count - 1);
        if (target >= index)
            target++;
        statement_id(g, target, word2, sizeof word2);
        printf_(out, "translation_of: %s\n", word2);
    }
    puts_(out, "---\n\n");

    planted plant[3];
    size_t plant_count = 0;
    if (language == EN) {
        if (chance(&r, 1, 50))
            plant[plant_count++] = (planted){"exchange", true};
        if (chance(&r, 1, 10))
            plant[plant_count++] = (planted){"hackers", true};
        if (chance(&r, 1, 500))
            plant[plant_count++] = (planted){"cyberattack", true};
    } else if (language == ZH) {
        if (chance(&r, 1, 50))
            plant[plant_count++] = (planted){"网络", true};
        if (chance(&r, 1, 10))
            plant[plant_count++] = (planted){"黑客", true};
    } else {
        if (chance(&r, 1, 50))
            plant[plant_count++] = (planted){"санкции", true};
    }
    size_t target = between(&r, 1024, 5700);
    write_body(out, g, language, &r, target, plant, plant_count);
}

/* 1..count distinct country indices, popular ones more often. */
static uint32_t pick_countries(rng *r, uint32_t count, uint32_t *chosen)
{
    for (uint32_t c = 0; c < count; c++) {
        bool again;
        do {
            chosen[c] = (uint32_t)(pow(unit(r), 2.2) * 60.0);
            again = false;
            for (uint32_t k = 0; k < c; k++)
                again |= chosen[k] == chosen[c];
        } while (again);
    }
    return count;
}

/* An incident's events, from a stream of their own (the incidents' other
 * fields are as before). */
static void write_events(buffer *out, generator *g, uint32_t incident)
{
    rng r = rng_for(g->seed, 8, incident);
    puts_(out, "  events:\n");
    for (uint32_t k = 0; k < EVENTS_PER_INCIDENT; k++) {
        uint32_t kind = below(&r, COUNT_OF(event_kinds));
        printf_(out, "    - kind: %s\n", event_kinds[kind]);
        bool dated;
        buffer date = {0};
        write_date(&date, &r, &dated);
        if (dated) {
            puts_(out, "      ");
            put(out, date.data, date.length);
        }
        free(date.data);
        uint32_t chosen[3];
        uint32_t count = pick_countries(&r, between(&r, 1, 3), chosen);
        bool organisation = chance(&r, 3, 10);
        /* The first accuses (or, for a denial, speaks); the others are accused. */
        const char *first_role = kind == 5 ? "speaker" : "accuser";
        puts_(out, "      parties: {");
        for (uint32_t c = 0; c < count; c++)
            printf_(out, "%s%s: %s", c ? ", " : "", countries[chosen[c]], c ? "accused" : first_role);
        if (organisation)
            printf_(out, ", ORG%u: %s", 1 + below(&r, PARTY_COUNT), count > 1 ? "accuser" : "mentioned");
        puts_(out, "}\n");
        buffer text = {0};
        alphabetic_sentence(&text, &g->en, EN, &r, between(&r, 8, 16), NULL, 0, 1);
        if (chance(&r, 1, 10)) {
            printf_(out, "      summary:\n        en: %.*s\n        zh-Hans: ", (int)text.length, text.data);
            chinese_run(out, g, &r, between(&r, 10, 30), NULL, 0, 1);
            puts_(out, "。\n");
        } else {
            printf_(out, "      summary: %.*s\n", (int)text.length, text.data);
        }
        free(text.data);
        printf_(out, "      url: https://incidents.example.org/%s/%u.html\n", g->incident_slugs[incident], k + 1);
    }
}

/* parties.yaml: invented organisations, alliances, companies and agencies,
 * ORG1 .. ORG8. */
static void write_parties(buffer *out, generator *g)
{
    char a[64], ru[64];
    for (uint32_t i = 0; i < PARTY_COUNT; i++) {
        rng r = rng_for(g->seed, 10, i);
        uint32_t kind = i % (uint32_t)COUNT_OF(party_kinds);
        name_word(g, &r, a, sizeof a);
        printf_(out, "- code: ORG%u\n  kind: %s\n", i + 1, party_kinds[kind]);
        if (i % 2 == 0) {
            invent_russian(&r, ru, sizeof ru);
            capitalize_cyrillic(ru);
            printf_(out, "  name: {en: The %s %s, zh-Hans: ", a, party_nouns[kind]);
            chinese_run(out, g, &r, between(&r, 3, 6), NULL, 0, 1);
            printf_(out, ", ru: %s}\n  short: ORG%u\n", ru, i + 1);
        } else {
            printf_(out, "  name: The %s %s\n", a, party_nouns[kind]);
        }
        if (kind < 2) {
            uint32_t chosen[10];
            uint32_t count = pick_countries(&r, between(&r, 3, 10), chosen);
            puts_(out, "  members: [");
            for (uint32_t c = 0; c < count; c++)
                printf_(out, "%s%s", c ? ", " : "", countries[chosen[c]]);
            puts_(out, "]\n");
        }
    }
}

static void write_incidents(buffer *out, generator *g)
{
    char a[64], b[64];
    for (uint32_t i = 0; i < INCIDENT_COUNT; i++) {
        rng r = rng_for(g->seed, 6, i);
        name_word(g, &r, a, sizeof a);
        name_word(g, &r, b, sizeof b);
        printf_(out, "- slug: %s\n", g->incident_slugs[i]);
        printf_(out, "  name: %s %s %s\n", a, b, incident_nouns[below(&r, COUNT_OF(incident_nouns))]);
        bool dated;
        buffer date = {0};
        write_date(&date, &r, &dated);
        if (dated) {
            puts_(out, "  ");
            put(out, date.data, date.length);
            if (chance(&r, 1, 10))
                printf_(out, "  date_note: Month from the statements that mention the %s %s.\n", a, b);
        }
        free(date.data);
        puts_(out, "  summary: >-\n");
        uint32_t sentences = between(&r, 2, 4);
        buffer text = {0};
        for (uint32_t s = 0; s < sentences; s++) {
            if (s)
                putc_(&text, ' ');
            alphabetic_sentence(&text, &g->en, EN, &r, between(&r, 8, 20), NULL, 0, 1);
        }
        /* Folded over lines of at most about 76 characters. */
        size_t line = 0;
        puts_(out, "    ");
        for (size_t k = 0; k < text.length; k++) {
            if (text.data[k] == ' ' && line > 70) {
                puts_(out, "\n    ");
                line = 0;
                continue;
            }
            putc_(out, text.data[k]);
            line++;
        }
        putc_(out, '\n');
        free(text.data);
        write_events(out, g, i);
    }
}

/* ---- files ---- */

static void write_file(const char *dir, const char *name, const buffer *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        fprintf(stderr, "gen_corpus: cannot create %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t done = 0;
    while (done < b->length) {
        ssize_t n = write(fd, b->data + done, b->length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, "gen_corpus: cannot write %s: %s\n", path, strerror(errno));
            exit(1);
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        fprintf(stderr, "gen_corpus: cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static bool directory_is_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return false;
    struct dirent *e;
    bool empty = true;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            empty = false;
    closedir(d);
    return empty;
}

static int usage(void)
{
    fputs("usage: gen_corpus OUT_DIR [--count N (1..1000000, default 100000)] [--seed S (default 1)]\n"
          "                  [--jobs J (worker processes, 1..16, default 2; the files do not depend on it)]\n",
          stderr);
    return 2;
}

static bool parse_number(const char *text, uint64_t *value)
{
    if (!text || !*text || *text == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end)
        return false;
    *value = v;
    return true;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    uint64_t count = 100000, seed = 1, jobs = 2;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
            if (!parse_number(argv[++i], &count) || count < 1 || count > MAX_COUNT)
                return usage();
        } else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
            if (!parse_number(argv[++i], &jobs) || jobs < 1 || jobs > 16)
                return usage();
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            if (!parse_number(argv[++i], &seed))
                return usage();
        } else if (argv[i][0] == '-' || dir) {
            return usage();
        } else {
            dir = argv[i];
        }
    }
    if (!dir)
        return usage();
    if (mkdir(dir, 0755) != 0) {
        struct stat st;
        if (errno != EEXIST || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "gen_corpus: cannot create %s: %s\n", dir, strerror(errno));
            return 1;
        }
        if (!directory_is_empty(dir)) {
            fprintf(stderr, "gen_corpus: %s is not empty; remove it or give a new folder\n", dir);
            return 1;
        }
    }

    generator *g = calloc(1, sizeof *g);
    if (!g)
        return 1;
    generator_init(g, seed, (uint32_t)count);
    buffer b = {0};
    printf_(&b,
            "title: Synthetic corpus (%u statements, seed %llu)\n"
            "description: >-\n"
            "  Generated by tests/gen/gen_corpus for measuring Rostrum at scale. The text\n"
            "  is invented and means nothing; this collection is never shipped as content.\n",
            g->count, (unsigned long long)seed);
    write_file(dir, "bundle.yaml", &b);
    b.length = 0;
    write_incidents(&b, g);
    write_file(dir, "incidents.yaml", &b);
    b.length = 0;
    write_parties(&b, g);
    write_file(dir, "parties.yaml", &b);

    /* Statement files: each is a function of its number alone, so worker
     * processes can share them out (blocks of 1,000, taken in turn) without
     * changing a byte. */
    uint32_t workers = (uint32_t)jobs;
    if (workers > (g->count + 999) / 1000)
        workers = (g->count + 999) / 1000;
    pid_t pids[16];
    uint32_t started = 0;
    bool ok = true;
    for (uint32_t w = 0; w < workers; w++) {
        pid_t pid = workers > 1 ? fork() : 0;
        if (pid < 0) {
            fprintf(stderr, "gen_corpus: cannot start a worker: %s\n", strerror(errno));
            ok = false;
            break;
        }
        if (pid > 0) {
            pids[started++] = pid;
            continue;
        }
        char name[32];
        for (uint32_t block = w; (uint64_t)block * 1000 < g->count; block += workers) {
            uint32_t end = block * 1000 + 1000 < g->count ? block * 1000 + 1000 : g->count;
            for (uint32_t i = block * 1000; i < end; i++) {
                b.length = 0;
                write_statement(&b, g, i);
                snprintf(name, sizeof name, "s%07u.txt", i + 1);
                write_file(dir, name, &b);
            }
        }
        if (workers > 1)
            _exit(0);
    }
    for (uint32_t w = 0; w < started; w++) {
        int status;
        while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR)
            ;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            ok = false;
    }
    free(b.data);
    generator_free(g);
    free(g);
    return ok ? 0 : 1;
}
