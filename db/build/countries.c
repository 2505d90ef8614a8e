#include "countries.h"

#include <jansson.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

struct rs_countries {
    json_t *root;
    json_t *by_code; /* object: alpha_2 -> entry object (borrowed from root) */
    json_t *by_name; /* object: lower-case name, common name, official name or alpha_3 -> entry */
    json_t *codes;   /* array of the alpha_2 codes, in the file's order */
};

/* text with ASCII letters in lower case, cut to fit out. */
static void lower_ascii(const char *text, char *out, size_t out_size)
{
    size_t i = 0;
    for (; text[i] && i + 1 < out_size; i++)
        out[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] - 'A' + 'a') : text[i];
    out[i] = '\0';
}

static void add_names(json_t *by_name, json_t *entry)
{
    static const char *const keys[] = {"name", "common_name", "official_name", "alpha_3"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const char *text = json_string_value(json_object_get(entry, keys[k]));
        char lower[256];
        if (!text)
            continue;
        lower_ascii(text, lower, sizeof lower);
        if (!json_object_get(by_name, lower)) /* the first country keeps a name */
            json_object_set(by_name, lower, entry);
    }
}

rs_countries *rs_countries_load(const char *json_path, char *error, size_t error_size)
{
    json_error_t json_error;
    json_t *root = json_load_file(json_path, 0, &json_error);
    if (!root) {
        snprintf(error, error_size, "cannot read the ISO 3166-1 country list %s: %s (install Debian's iso-codes package)",
                 json_path, json_error.text);
        return NULL;
    }
    json_t *list = json_object_get(root, "3166-1");
    if (!json_is_array(list)) {
        snprintf(error, error_size, "%s: no \"3166-1\" list in the file", json_path);
        json_decref(root);
        return NULL;
    }
    rs_countries *countries = rs_xcalloc(1, sizeof *countries);
    countries->root = root;
    countries->by_code = json_object();
    countries->by_name = json_object();
    countries->codes = json_array();
    size_t index;
    json_t *entry;
    json_array_foreach(list, index, entry) {
        const char *code = json_string_value(json_object_get(entry, "alpha_2"));
        if (code && json_is_string(json_object_get(entry, "name"))) {
            json_object_set(countries->by_code, code, entry);
            json_array_append_new(countries->codes, json_string(code));
            add_names(countries->by_name, entry);
        }
    }
    return countries;
}

void rs_countries_destroy(rs_countries *countries)
{
    if (!countries)
        return;
    json_decref(countries->by_code);
    json_decref(countries->by_name);
    json_decref(countries->codes);
    json_decref(countries->root);
    free(countries);
}

int rs_countries_find(const rs_countries *countries, const char *code, const char **name,
                      const char **official_name)
{
    json_t *entry = json_object_get(countries->by_code, code);
    if (!entry)
        return 0;
    const char *common = json_string_value(json_object_get(entry, "common_name"));
    *name = common ? common : json_string_value(json_object_get(entry, "name"));
    *official_name = json_string_value(json_object_get(entry, "official_name"));
    return 1;
}

const char *rs_countries_find_by_name(const rs_countries *countries, const char *text, const char **name)
{
    char lower[256];
    lower_ascii(text, lower, sizeof lower);
    if (strlen(text) >= sizeof lower)
        return NULL; /* longer than any name */
    json_t *entry = json_object_get(countries->by_name, lower);
    const char *code = entry ? json_string_value(json_object_get(entry, "alpha_2")) : NULL;
    const char *official;
    if (!code || !rs_countries_find(countries, code, name, &official))
        return NULL;
    return code;
}

const char *rs_countries_code_at(const rs_countries *countries, size_t index)
{
    return json_string_value(json_array_get(countries->codes, index));
}

/* gettext caches translations; this counter is its documented way to be
 * told that LANGUAGE changed (glibc exports it). */
extern int _nl_msg_cat_cntr;

const char *rs_country_name_source_text(rs_country_name_source source)
{
    switch (source) {
    case RS_COUNTRY_NAME_SHORT:
        return "short";
    case RS_COUNTRY_NAME_ISO:
        return "name";
    case RS_COUNTRY_NAME_OFFICIAL:
        return "official";
    case RS_COUNTRY_NAME_NONE:
        break;
    }
    return "none";
}

/* gettext hands back the msgid itself, the very pointer, when the catalog
 * has no translation; a translation that reads the same ("China" in
 * Spanish) is another pointer, into the catalog. */
static char *translate(const char *msgid)
{
    if (!msgid)
        return NULL;
    const char *translated = dgettext("iso_3166-1", msgid);
    return translated && translated != msgid && *translated ? rs_xstrdup(translated) : NULL;
}

char *rs_countries_translated_from(const rs_countries *countries, const char *code, const char *language,
                                   const char *locale_dir, rs_country_name_source *source)
{
    const char *name, *official;
    if (source)
        *source = RS_COUNTRY_NAME_NONE;
    if (!rs_countries_find(countries, code, &name, &official) || !language || !*language)
        return NULL;
    /* The messages locale must not be "C" or gettext ignores LANGUAGE; the
     * caller's locale and LANGUAGE are put back afterwards. */
    char *saved_locale = NULL, *saved_language = NULL;
    const char *current = setlocale(LC_MESSAGES, NULL);
    if (current)
        saved_locale = rs_xstrdup(current);
    const char *env = getenv("LANGUAGE");
    if (env)
        saved_language = rs_xstrdup(env);
    setlocale(LC_MESSAGES, "C.UTF-8");
    bindtextdomain("iso_3166-1", locale_dir ? locale_dir : RS_ISO_LOCALE_DEFAULT_DIR);
    bind_textdomain_codeset("iso_3166-1", "UTF-8");
    setenv("LANGUAGE", language, 1);
    ++_nl_msg_cat_cntr;
    const char *iso_name = json_string_value(json_object_get(json_object_get(countries->by_code, code), "name"));
    const char *tries[] = {name, iso_name && strcmp(iso_name, name) != 0 ? iso_name : NULL, official};
    static const rs_country_name_source sources[] = {RS_COUNTRY_NAME_SHORT, RS_COUNTRY_NAME_ISO,
                                                     RS_COUNTRY_NAME_OFFICIAL};
    char *copy = NULL;
    for (size_t i = 0; !copy && i < sizeof tries / sizeof tries[0]; i++)
        if ((copy = translate(tries[i])) && source)
            *source = sources[i];
    if (saved_language)
        setenv("LANGUAGE", saved_language, 1);
    else
        unsetenv("LANGUAGE");
    ++_nl_msg_cat_cntr;
    if (saved_locale)
        setlocale(LC_MESSAGES, saved_locale);
    free(saved_locale);
    free(saved_language);
    return copy;
}

char *rs_countries_translated(const rs_countries *countries, const char *code, const char *language,
                              const char *locale_dir)
{
    return rs_countries_translated_from(countries, code, language, locale_dir, NULL);
}
