/*
 * What Listen says (issue 16): a reader's statement as a list of sentences,
 * each with the voice's language and where it stands on the page, so the
 * reader can highlight the sentence being heard and keep it in view, and
 * spoken navigation can step by paragraph. Plain data, no SDL, no espeak:
 * `rostrum --speak-to` and the session build the same list.
 *
 * The order: the title, the date, who spoke, then the body sentence by
 * sentence (every sentence of the text, none left out).
 */
#ifndef RS_UTTERANCE_H
#define RS_UTTERANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "screen.h"

typedef enum rs_speech_speed {
    RS_SPEED_SLOWER,
    RS_SPEED_NORMAL,
    RS_SPEED_FASTER,
    RS_SPEED_COUNT,
} rs_speech_speed;

typedef enum rs_sentence_part {
    RS_SAY_TITLE,   /* range: into statement.title */
    RS_SAY_DATE,    /* range: empty (the date as spoken is not on the page as such) */
    RS_SAY_SPEAKER, /* range: empty */
    RS_SAY_BODY,    /* range: into statement.body */
} rs_sentence_part;

typedef struct rs_sentence {
    rs_sentence_part part;
    size_t start, end;  /* bytes of the part's text that the sentence is (RS_SAY_TITLE, RS_SAY_BODY) */
    int paragraph;      /* RS_SAY_BODY: the body paragraph (split at blank lines, as the reader does), else -1 */
    char *text;         /* what is said, UTF-8 (owned) */
    char language[16];  /* the voice's language: the statement's ("en", "zh", "ru", "ar"...) for the
                         * title and body; the date and speaker too (they are read in the statement's language
                         * when it is one of the UI's, else in the UI language) */
} rs_sentence;

typedef struct rs_utterance {
    rs_sentence *items;
    size_t count;
} rs_utterance;

/* The sentences of the reader screen s (RS_SCREEN_READER) for UI language
 * ui. False (out empty) for another screen or when memory runs out. */
bool rs_utterance_build(const rs_screen *s, rs_ui_language ui, rs_utterance *out);
void rs_utterance_free(rs_utterance *u);

/* Copies u into out (deep). False when memory runs out (out empty). */
bool rs_utterance_copy(const rs_utterance *u, rs_utterance *out);

/* The sentences of text[0..length): their byte ranges, in order, covering
 * every character but the spaces between them. A sentence ends after . ! ?
 * … 。！？ ؟ and the like (with closing quotes and brackets) before a space
 * or the end, and at a paragraph break (a blank line). Abbreviations such as
 * "Mr." or "U.S." do not end one. Returns how many there are; writes at most
 * max of them. */
size_t rs_sentences_split(const char *text, size_t length, rs_range *out, size_t max);

#endif
