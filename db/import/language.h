/*
 * The language of a text as a BCP 47 tag: by script for CJK, Cyrillic and
 * Arabic (counted code point by code point), and by libexttextcat's n-gram
 * fingerprints for Latin scripts and to tell Cyrillic languages apart.
 */
#ifndef RS_LANGUAGE_H
#define RS_LANGUAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_language rs_language;

/* Loads libexttextcat's fingerprints from data_dir (NULL: Debian's
 * /usr/share/libexttextcat/). Never NULL: without them only the script
 * rules work, and every Latin-script guess is marked unsure. */
rs_language *rs_language_create(const char *data_dir);
void rs_language_destroy(rs_language *language);

/* Guesses text's language into tag (e.g. "en", "zh-Hans", "ru") and how
 * (into how: "script: 96% Han", "libexttextcat"). Returns false when unsure
 * (the draft then says CHECK). */
bool rs_language_guess(rs_language *language, const char *text, size_t length, char *tag, size_t tag_size,
                       char *how, size_t how_size);

#endif
