/*
 * Stemming with Snowball (libstemmer): which of its algorithms a word is
 * stemmed with, and the stemmers themselves.
 *
 * A language is a Snowball algorithm, named by its index in this module's
 * table (RS_STEM_NONE: no stemming). Which one a word gets depends on who
 * reads it:
 * - a document's word: the document's language when the word is written in
 *   that language's script, else the default of the word's script (a
 *   Cyrillic word in an English statement stems as Russian, a Latin one in
 *   a Chinese statement as English);
 * - a query's word: the default of its script, except that a Latin word
 *   stems in the UI language when that language is written in Latin
 *   (French, Spanish), with English as a second stem.
 * Script defaults: Latin english, Cyrillic russian, Greek greek, Arabic
 * arabic, Armenian armenian, Devanagari hindi, Tamil tamil; other scripts
 * (Hebrew, CJK, ...) are not stemmed.
 *
 * Arabic: the article (ال, also after و ب ك ف, and لل) is removed before
 * Snowball's arabic stemmer, which removes it itself only from some words
 * and then stems the rest differently ("هجمات" gives هجما, "الهجمات" هجم).
 */
#ifndef RS_STEMMER_H
#define RS_STEMMER_H

#include <stdbool.h>
#include <stddef.h>

#define RS_STEM_NONE (-1)

/* The Snowball algorithm for a BCP 47 tag ("ru", "fr-CA", "zh-Hans") or a
 * UI catalog code ("zh_CN"), by its primary subtag; RS_STEM_NONE for a
 * language Snowball has no stemmer for, NULL or "". */
int rs_stem_language(const char *tag);

/* The algorithm's Snowball name ("russian"); "" for RS_STEM_NONE. */
const char *rs_stem_language_name(int language);

/* The algorithm for a document's word (folded, UTF-8), as above. */
int rs_stem_document_language(int document_language, const char *word, size_t length);

/* The algorithms for a query's word, best first, into out; returns how
 * many (0..2). ui_language: rs_stem_language of the UI language. */
size_t rs_stem_query_languages(int ui_language, const char *word, size_t length, int out[2]);

/* Whether language's stemmer must see a word with the diacritics unicode61
 * removes ("attaquées" stems to attaqu in French, "attaquees" to attaque):
 * every Latin or Greek one but English, which knows no accents ("fermé"
 * would keep its é, "ferme" gives ferm). */
bool rs_stem_wants_accents(int language);

/* Bytes of an Arabic article at the start of word (0 when none, or when
 * fewer than two letters would remain). */
size_t rs_stem_arabic_article(const char *word, size_t length);

/* Whether c is a mark that vowels or decorates a word in a right-to-left
 * script and is not part of its spelling: Arabic harakat, Quranic marks and
 * the tatweel (a stretch for justification), Hebrew points and cantillation.
 * The tokenizer keeps marks inside words (unicode61 would cut "الْهُجُومُ"
 * into pieces at them) and drops these, so a vowelled word is found by its
 * plain spelling, the way Arabic and Hebrew are usually written and typed. */
bool rs_stem_is_dropped_mark(unsigned long c);

/* Copies word (valid UTF-8) into out (at least length bytes) without its
 * dropped marks; returns the bytes written (length when none). */
size_t rs_stem_drop_marks(const char *word, size_t length, char *out);

/* Snowball stemmers, one per algorithm, made on first use and kept. Not
 * thread-safe: one owner at a time. */
typedef struct rs_stemmer rs_stemmer;

/* NULL when out of memory. */
rs_stemmer *rs_stemmer_create(void);
void rs_stemmer_destroy(rs_stemmer *stemmer);

/* Stems word (folded, valid UTF-8) in language into *out, *out_length:
 * valid until the next call for the same language. RS_STEM_NONE, or an
 * algorithm this libstemmer lacks, gives word itself (with an Arabic
 * word's article removed under arabic). False only when out of memory. */
bool rs_stemmer_stem(rs_stemmer *stemmer, int language, const char *word, size_t length, const char **out,
                     size_t *out_length);

#endif
