/*
 * ISO 3166-1 country codes and names, read from Debian's iso-codes
 * (/usr/share/iso-codes/json/iso_3166-1.json). Only the builder uses this:
 * the names it finds are copied into the bundle, so the viewer needs nothing
 * outside the bundle.
 */
#ifndef RS_COUNTRIES_H
#define RS_COUNTRIES_H

#include <stddef.h>

#define RS_ISO_3166_DEFAULT_PATH "/usr/share/iso-codes/json/iso_3166-1.json"

typedef struct rs_countries rs_countries;

/* Loads the table. On failure returns NULL and writes a message into error. */
rs_countries *rs_countries_load(const char *json_path, char *error, size_t error_size);
void rs_countries_destroy(rs_countries *countries);

/* Looks up an alpha-2 code (exact, upper case). Returns 0 if unknown, else 1
 * and points *name at the short name ("common_name" when iso-codes has one,
 * e.g. "South Korea", else "name") and *official_name at the official name or
 * NULL. Both stay valid until the table is destroyed. */
int rs_countries_find(const rs_countries *countries, const char *code, const char **name,
                      const char **official_name);

/* The alpha-2 code of the country whose name, common name, official name
 * or alpha-3 code is text, ASCII case ignored ("canada", "United Kingdom",
 * "GBR" give "CA", "GB", "GB"), or NULL. *name is set to its short name (as
 * rs_countries_find gives it). For "did you mean" hints. */
const char *rs_countries_find_by_name(const rs_countries *countries, const char *text, const char **name);

/* The index-th alpha-2 code in the table's order, or NULL past the last. */
const char *rs_countries_code_at(const rs_countries *countries, size_t index);

#define RS_ISO_LOCALE_DEFAULT_DIR "/usr/share/locale"

/* Which of iso-codes' English names a translation was found for. */
typedef enum rs_country_name_source {
    RS_COUNTRY_NAME_NONE,     /* no translation: the viewer shows English */
    RS_COUNTRY_NAME_SHORT,    /* the name shown in English ("common_name", else "name") */
    RS_COUNTRY_NAME_ISO,      /* "name", where a common_name came first ("Iran, Islamic Republic of") */
    RS_COUNTRY_NAME_OFFICIAL, /* "official_name" ("Islamic Republic of Iran") */
} rs_country_name_source;

/* "short", "name", "official" or "none", for messages and tests. */
const char *rs_country_name_source_text(rs_country_name_source source);

/* The name of code in language ("zh_CN", "ru", "ar", "fr", "es"), from
 * iso-codes' own translations (LOCALE_DIR/LANGUAGE/LC_MESSAGES/
 * iso_3166-1.mo; NULL for the default folder), or NULL when it has none.
 * iso-codes translates each of its English names (name, common_name,
 * official_name) as a message of its own, and a catalog often has one and
 * not another (Russian has "Iran, Islamic Republic of" but not "Iran"), so
 * they are tried in turn: the name the bundle shows in English (common_name
 * when there is one, else name), then name, then official_name. A
 * translation equal to the English ("China" in Spanish) counts. *source
 * (may be NULL) says which one gave it. Caller frees. Uses gettext, so it
 * is not for threads; the process's locale and LANGUAGE are restored. */
char *rs_countries_translated_from(const rs_countries *countries, const char *code, const char *language,
                                   const char *locale_dir, rs_country_name_source *source);

/* rs_countries_translated_from without the source. */
char *rs_countries_translated(const rs_countries *countries, const char *code, const char *language,
                              const char *locale_dir);

#endif
