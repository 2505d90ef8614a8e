#include "cjk_words.h"

#include <stdint.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "expect.h"

struct rs_cjk_words {
    UBreakIterator *iterator;
};

rs_cjk_words *rs_cjk_words_create(void)
{
    UErrorCode status = U_ZERO_ERROR;
    /* "zh": Han runs are cut with the CJK dictionary (any locale would do:
     * ICU picks the dictionary by script). */
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) {
        ubrk_close(iterator);
        return NULL;
    }
    rs_cjk_words *words = rs_xcalloc(1, sizeof *words);
    words->iterator = iterator;
    return words;
}

void rs_cjk_words_destroy(rs_cjk_words *words)
{
    if (!words)
        return;
    ubrk_close(words->iterator);
    free(words);
}

bool rs_cjk_words_is_word(rs_cjk_words *words, const char *text)
{
    if (!words || !text || !*text)
        return false;
    UChar buffer[64];
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(buffer, (int32_t)(sizeof buffer / sizeof buffer[0]), &length, text, -1, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || length == 0)
        return false;
    ubrk_setText(words->iterator, buffer, length, &status);
    if (U_FAILURE(status))
        return false;
    ubrk_first(words->iterator);
    int32_t end = ubrk_next(words->iterator);
    int32_t kind = ubrk_getRuleStatus(words->iterator);
    /* One piece, the whole text, of ideographs or kana (UBRK_WORD_IDEO,
     * UBRK_WORD_KANA: 400..499, 300..399). */
    bool ok = end == length && kind >= UBRK_WORD_KANA && kind < UBRK_WORD_IDEO_LIMIT;
    static const UChar empty[1] = {0};
    ubrk_setText(words->iterator, empty, 0, &status); /* buffer is about to go */
    return ok;
}
