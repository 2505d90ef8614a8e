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

/* The name of code in language ("zh_CN", "ru"), from iso-codes' own
 * translations (LOCALE_DIR/LANGUAGE/LC_MESSAGES/iso_3166-1.mo; NULL for the
 * default folder), or NULL when it has none. Caller frees. Uses gettext, so
 * it is not for threads; the process's locale and LANGUAGE are restored. */
char *rs_countries_translated(const rs_countries *countries, const char *code, const char *language,
                              const char *locale_dir);

#endif
