/*
 * Whether a run of CJK characters is a word, by ICU's word segmentation
 * for Chinese and Japanese (the CJK dictionary in Debian's libicu72 data,
 * frequency-based, which ICU's word break iterator uses for Han). Only the
 * builder uses this: a search chip of two CJK characters must be a word
 * ("网络"), not a bigram across two words ("络安").
 */
#ifndef RS_CJK_WORDS_H
#define RS_CJK_WORDS_H

#include <stdbool.h>

typedef struct rs_cjk_words rs_cjk_words;

/* NULL when ICU cannot make a word break iterator (then no text is a
 * word). */
rs_cjk_words *rs_cjk_words_create(void);
void rs_cjk_words_destroy(rs_cjk_words *words);

/* True when ICU segments text (UTF-8), alone, as exactly one word of
 * ideographs or kana. False for NULL words, "", and invalid UTF-8. */
bool rs_cjk_words_is_word(rs_cjk_words *words, const char *text);

#endif
