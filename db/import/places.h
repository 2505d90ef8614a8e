/*
 * Countries a text names, as ISO 3166-1 alpha-2 codes: names, adjectives,
 * demonyms and capitals in English, Chinese and Russian from a table kept in
 * places.c, and every English name and common name in Debian's iso-codes
 * with its Chinese and Russian translations.
 * Russian words are matched by stem, so that inflected forms ("России",
 * "российской") are found.
 */
#ifndef RS_PLACES_H
#define RS_PLACES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_places rs_places;

/* Loads the table, adding iso-codes' English names from iso_json (NULL:
 * Debian's file) and their Chinese (zh_CN) and Russian translations from
 * locale_dir/LANG/LC_MESSAGES/iso_3166-1.mo (NULL: /usr/share/locale); a
 * missing file leaves only the project's table. Never NULL. */
rs_places *rs_places_create(const char *iso_json, const char *locale_dir);
void rs_places_destroy(rs_places *places);

/* Calls found(code, said, context) for each country text names, once per
 * code, in order of first mention; said is the name as matched (NUL-ended
 * copy, valid during the call). */
typedef void (*rs_places_found)(const char *code, const char *said, void *context);
void rs_places_scan(const rs_places *places, const char *text, rs_places_found found, void *context);

/* Calls found(code, start, length, context) for every mention, in order:
 * text[start..start+length) is the name as written. */
typedef void (*rs_places_mention)(const char *code, size_t start, size_t length, void *context);
void rs_places_scan_all(const rs_places *places, const char *text, rs_places_mention found, void *context);

#endif
