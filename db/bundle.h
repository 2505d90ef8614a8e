/*
 * The query layer: the only code that reads a bundle, and the only place
 * with SQL on the reading side. The viewer and `rostrum-bundle check/search`
 * both go through it, so a bundle that `check` accepts is one the viewer
 * opens.
 *
 * A bundle is untrusted input. rs_bundle_open reads and checks the file
 * header itself before SQLite sees the file (so a truncated or foreign file
 * gets a precise reason), then opens it read-only and immutable with
 * triggers, views and untrusted schema functions disabled, tight limits and
 * cell size checks, refuses any trigger or view in the schema, and checks
 * the application id and format version.
 *
 * Every string returned is a copy owned by the caller's result struct.
 */
#ifndef RS_BUNDLE_H
#define RS_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rs_bundle rs_bundle;

/* Opens a bundle. On failure returns NULL and writes one line for a person
 * into error: what is wrong and what to do, e.g. "Cannot open the bundle
 * x.sqlite: the file is truncated (expected 1,245,184 bytes, found 5,000).
 * Copy the bundle again." */
rs_bundle *rs_bundle_open(const char *path, char *error, size_t error_size);
void rs_bundle_close(rs_bundle *bundle);

/* The deeper checks of `rostrum-bundle check`: SQLite's quick_check over
 * every page, and the stored counts against the rows. Slow on big bundles. */
bool rs_bundle_verify(rs_bundle *bundle, char *error, size_t error_size);

/* A metadata value (title, statement_count, ...), or NULL when absent.
 * Valid until the bundle is closed. */
const char *rs_bundle_meta(const rs_bundle *bundle, const char *key);

/* One entry of a browse facet: a year, a country or an incident. */
typedef struct rs_facet {
    char *key;   /* "2021", "GB", "microsoft-exchange-2021" */
    char *label; /* "2021", "United Kingdom", the incident's name */
    char *date;  /* incidents: start date or NULL */
    int64_t count;
} rs_facet;

typedef struct rs_facet_list {
    rs_facet *items;
    size_t count;
} rs_facet_list;

/* Years newest first, countries by name, incidents by date then name. */
bool rs_bundle_years(rs_bundle *bundle, rs_facet_list *out);
bool rs_bundle_countries(rs_bundle *bundle, rs_facet_list *out);
bool rs_bundle_incidents(rs_bundle *bundle, rs_facet_list *out);
void rs_facet_list_clear(rs_facet_list *list);

/* Search hit marks in snippets: U+0002 before and U+0003 after each hit.
 * Source text never contains these (the builder refuses control characters). */
#define RS_MARK_START "\x02"
#define RS_MARK_END "\x03"

typedef struct rs_search_hit {
    int64_t id;
    char *slug, *date, *outlet, *title, *snippet;
} rs_search_hit;

typedef struct rs_search_results {
    rs_search_hit *items;
    size_t count;
} rs_search_results;

/* Full-text search over titles and bodies, best match first. Every word of
 * the query must match (English words match their inflections; Chinese,
 * Japanese and Korean match by one or two characters). A query with no
 * searchable word returns no results, not an error. */
bool rs_bundle_search(rs_bundle *bundle, const char *query, size_t offset, size_t limit, rs_search_results *out,
                      char *error, size_t error_size);
void rs_search_results_clear(rs_search_results *results);

#endif
