/*
 * Sorting names as a language sorts them, with ICU's collation (Debian's
 * libicu-dev). Only the builder uses this: it stores each order in the
 * bundle (name_order), so the viewer lists names in the visitor's order
 * without linking ICU, and a kiosk never carries ICU's 30 MB of data.
 */
#ifndef RS_COLLATION_H
#define RS_COLLATION_H

#include <stddef.h>

typedef struct rs_collation rs_collation;

/* The ICU locale a UI language ("en", "zh_CN", "ru", "ar", "fr", "es")
 * sorts by: "zh_CN" is "zh", whose default collation in CLDR (and so in
 * ICU) is pinyin; other tags are their primary subtag ("pt_BR" is "pt").
 * A static string, or "" (the root collation) for a tag that is none. */
const char *rs_collation_locale(const char *ui_language);

/* A collator for ui_language (see rs_collation_locale). On failure returns
 * NULL and writes a message into error. */
rs_collation *rs_collation_create(const char *ui_language, char *error, size_t error_size);
void rs_collation_destroy(rs_collation *collation);

/* Puts 0..count-1 into order so that names[order[0]], names[order[1]], ...
 * are in the language's order (ICU's default strength, tertiary: case and
 * accents tell names apart only where the letters are the same). Names
 * the collation cannot tell apart go by tie (may be NULL), then by index,
 * with strcmp: the order is total and the same on every machine with the
 * same ICU data. names are UTF-8; an invalid byte sorts as U+FFFD. */
void rs_collation_sort(const rs_collation *collation, const char *const *names, const char *const *tie,
                       size_t count, size_t *order);

#endif
