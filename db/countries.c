#include "countries.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rs_countries {
    json_t *root;
    json_t *by_code; /* object: alpha_2 -> entry object (borrowed from root) */
};

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
    rs_countries *countries = calloc(1, sizeof *countries);
    if (!countries)
        abort();
    countries->root = root;
    countries->by_code = json_object();
    size_t index;
    json_t *entry;
    json_array_foreach(list, index, entry) {
        const char *code = json_string_value(json_object_get(entry, "alpha_2"));
        if (code && json_is_string(json_object_get(entry, "name")))
            json_object_set(countries->by_code, code, entry);
    }
    return countries;
}

void rs_countries_destroy(rs_countries *countries)
{
    if (!countries)
        return;
    json_decref(countries->by_code);
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
