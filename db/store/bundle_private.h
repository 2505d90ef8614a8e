/*
 * What the parts of the query layer share, and nothing else includes:
 * bundle.c (opening, checking, metadata), browse.c (the browse queries),
 * thread.c (an incident's thread, a party's events), timeline.c and
 * incident_party.c (the timeline, an incident's parties), party_link.c (the
 * parties of a statement or an event, an organisation's members) and
 * search.c (search, ranking, suggestions and highlights).
 *
 * Every query the reading side runs after opening is prepared once, on first
 * use, kept in the bundle, reset after each use and finalized on close: the
 * viewer calls the browsing queries on every scroll step. Each file keeps the
 * SQL of its own queries beside the code that runs them, indexed by
 * enum bundle_query, and fetches them through bundle_prepared.
 *
 * Every text that leaves the query layer is a checked copy (bundle_column_text
 * and friends): a bundle may hold any bytes, and the screen gets valid UTF-8.
 */
#ifndef RS_BUNDLE_PRIVATE_H
#define RS_BUNDLE_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

#define BUNDLE_META_MAX 64

/* The outlet of a statement row s, for the queries that show one. */
#define BUNDLE_OUTLET_JOIN " LEFT JOIN outlet o ON o.id = s.outlet_id"

/* ---- names in the visitor's language ----
 * rs_bundle_set_language turns the viewer's language into up to
 * BUNDLE_LANGUAGE_SLOTS tags, best first ("zh_CN": zh_CN, zh-Hans, zh-CN,
 * zh), which every query that returns a name takes as ?9..?12
 * (bundle_bind_language; an unused slot is NULL and matches nothing). One
 * list serves both tables: country_name holds the viewer's form ("zh_CN"),
 * translation the curators' BCP 47 tags ("zh-Hans"); neither holds the
 * other's. Each lookup is a few seeks in a primary key. */
#define BUNDLE_LANGUAGE_SLOTS 4
#define BUNDLE_IN_LANGUAGE(column)                                                                                    \
    column " IN (?9, ?10, ?11, ?12) ORDER BY CASE " column " WHEN ?9 THEN 0 WHEN ?10 THEN 1 WHEN ?11 THEN 2 ELSE 3"  \
           " END LIMIT 1"
/* The curator's translation of field of subject key (SQL expressions), else
 * base: the value in the collection's default language. */
#define BUNDLE_TRANSLATED(subject, key, field, base)                                                                  \
    "coalesce((SELECT tr9.value FROM translation tr9 WHERE tr9.subject = '" subject "' AND tr9.key = " key           \
    " AND tr9.field = '" field "' AND " BUNDLE_IN_LANGUAGE("tr9.language") "), " base ")"
/* A party's name (code and base: SQL expressions), from country_name. */
#define BUNDLE_PARTY_NAME(code, base)                                                                                 \
    "coalesce((SELECT n9.name FROM country_name n9 WHERE n9.code = " code " AND "                                   \
    BUNDLE_IN_LANGUAGE("n9.language") "), " base ")"
/* The translated name of the outlet row o (NULL without one). */
#define BUNDLE_OUTLET_NAME BUNDLE_TRANSLATED("outlet", "CAST(o.id AS TEXT)", "name", "o.name")

enum bundle_query {
    /* browse.c */
    Q_YEARS,
    Q_COUNTRIES,
    Q_INCIDENTS,
    Q_LATEST_INCIDENT,
    Q_MONTHS,
    Q_YEAR_RANGE,
    Q_MONTH_RANGE,
    Q_COUNTRY_COUNT,
    Q_COUNTRY_ROLE_COUNT,
    Q_INCIDENT_COUNT,
    Q_ROWS_BY_ID,
    Q_ROWS_BY_COUNTRY,
    Q_ROWS_BY_COUNTRY_ROLE,
    Q_ROWS_BY_INCIDENT,
    Q_STATEMENT,
    Q_STATEMENT_INCIDENTS,
    Q_SAME_GROUP_ROWS,
    Q_TRANSLATION_ROWS,
    Q_STATEMENT_BY_SLUG,
    Q_INCIDENT_BY_SLUG,
    Q_COUNTRY_BY_CODE,
    Q_COUNTRY_ROLES,
    /* party_link.c */
    Q_STATEMENT_PARTIES,
    Q_EVENT_PARTIES,
    Q_PARTY_MEMBERS,
    /* thread.c */
    Q_THREAD_INCIDENT,
    Q_THREAD_PAGE,
    Q_PARTY_EVENTS,
    /* timeline.c */
    Q_TIMELINE_BARS,
    Q_TIMELINE_LANE_COUNT,
    Q_TIMELINE_LANE,
    Q_TIMELINE_EVENTS,
    Q_TIMELINE_STATEMENT_KEY,
    Q_TIMELINE_STATEMENTS,
    /* incident_party.c */
    Q_INCIDENT_PARTIES,
    /* bundle.c */
    Q_META_TEXT,
    /* search.c */
    Q_SEARCH_RANK,
    Q_SEARCH_HIT,
    Q_TERM_DOCUMENTS,
    Q_TERM_COMPLETIONS,
    Q_SUGGESTIONS,
    QUERY_COUNT
};

/* One statement ranked by search: its id and BM25 score (lower is better). */
typedef struct bundle_ranked {
    int64_t id;
    double score;
} bundle_ranked;

struct rs_bundle {
    sqlite3 *db;
    char *path;
    size_t meta_count;
    char *meta_keys[BUNDLE_META_MAX];
    char *meta_values[BUNDLE_META_MAX];
    sqlite3_stmt *prepared[QUERY_COUNT]; /* NULL until first used */
    /* The index's tokenizers, for queries and highlights; NULL until used. */
    fts5_tokenizer porter_methods, fold_methods;
    Fts5Tokenizer *porter, *fold;
    /* The last search's ranking, so that its next page is not ranked again. */
    char *ranking_expression;
    bundle_ranked *ranking;
    size_t ranking_count;
    bool ranking_more;
    char language[16]; /* as set; "" for English */
    /* The tags names are looked up in, best first (see
     * BUNDLE_IN_LANGUAGE). */
    char languages[BUNDLE_LANGUAGE_SLOTS][20];
    size_t language_count;
    /* rs_bundle_meta_text's title and description in that language, read
     * on first use (NULL: none, the meta value serves). */
    char *meta_texts[2];
    bool meta_texts_read[2];
};

/* Query q, prepared from sql on first use and kept until the bundle is
 * closed; NULL when SQLite cannot prepare it (a schema the query does not
 * fit). The caller binds, steps, and hands it back with bundle_done. */
sqlite3_stmt *bundle_prepared(rs_bundle *b, enum bundle_query q, const char *sql);

/* Binds the language slots ?9..?12 of stmt (see BUNDLE_IN_LANGUAGE); a
 * query without them ignores it. */
void bundle_bind_language(const rs_bundle *b, sqlite3_stmt *stmt);

/* Makes stmt ready for its next use, and drops the bindings so that no
 * pointer to the caller's memory stays bound after it returns. */
void bundle_done(sqlite3_stmt *stmt);

/* Reads a row of stmt into item (zeroed, item_size bytes); false leaves the
 * row out. */
typedef bool (*bundle_row_reader)(sqlite3_stmt *stmt, void *item, void *context);

/* Steps stmt to its end, filling the empty array *items_pointer (*count
 * items of item_size bytes, grown geometrically) with one item per row that
 * read_row keeps, then hands stmt back (bundle_done). True when every row
 * was read; on false the caller clears what was read. */
bool bundle_read_rows(sqlite3_stmt *stmt, void *items_pointer, size_t *count, size_t item_size,
                      bundle_row_reader read_row, void *context);

/* Writes text[0..length) into out (size bytes, at least 1) as valid UTF-8:
 * each invalid byte and each NUL byte becomes U+FFFD, and a sequence that
 * does not fit is left out whole, never cut. Returns the bytes written. */
size_t bundle_write_valid(char *out, size_t size, const char *text, size_t length);

/* A copy of text[0..length) that is valid UTF-8 (see bundle_write_valid).
 * Caller frees. bundle_valid_strdup: the same for a string, NULL for NULL. */
char *bundle_valid_copy(const char *text, size_t length);
char *bundle_valid_strdup(const char *text);

/* Column i of the current row as a checked copy, NULL for SQL NULL. Reads
 * the length SQLite reports, so a NUL inside the value is replaced rather
 * than cutting the text short. Caller frees. */
char *bundle_column_text(sqlite3_stmt *stmt, int i);

/* Column i for a column the schema declares NOT NULL: a hostile bundle may
 * still hold NULL there, which the caller gets as "" so it never has to
 * check. Caller frees. */
char *bundle_column_text_or_empty(sqlite3_stmt *stmt, int i);

/* Column i's text, or NULL when the value is not text: a blob or a number
 * where a code or a role belongs is no code or role, even if its bytes or
 * digits would read as one. *length receives the length in bytes. A loan,
 * valid until the next step. */
const char *bundle_column_if_text(sqlite3_stmt *stmt, int i, size_t *length);

/* The index in names[0..count) of column i's text, or -1 when the value
 * is not text or names none of them. */
int bundle_column_name(sqlite3_stmt *stmt, int i, const char *const *names, int count);

/* A stored count: never negative, whatever the file says. */
int64_t bundle_column_count(sqlite3_stmt *stmt, int i);

/* A count from size_t as SQLite's 64-bit integer (size_t is 32 bits on
 * armhf, where comparing it with INT64_MAX directly is always false). */
int64_t bundle_clamp_to_int64(uint64_t value);

/* An integer meta value (statement_count, undated_first_id); false when it
 * is missing or not a plain decimal integer. */
bool bundle_meta_int(const rs_bundle *b, const char *key, int64_t *value);

/* ---- parties (party_link.c) ---- */

/* A party code as a bundle may hold one: 2..RS_PARTY_CODE_MAX upper-case
 * ASCII letters and digits. Anything else from a file is skipped, never cut
 * to fit a code[] and taken for another party. */
bool bundle_is_party_code(const char *code, size_t length);

/* The rs_roles bits of a roles text ("accuser accused": names separated by
 * spaces), or 0 when it is empty or names anything but a role. */
unsigned bundle_roles_bits(const char *text, size_t length);

/* The parties of statement id (statement_country), of event id
 * (event_party), or the members of party code (party_member, roles NULL):
 * one link per party, in code order, names in the current language (the
 * code when the bundle has no name). Rows with a code or roles a bundle
 * cannot hold are left out. false on a read error, with nothing kept. */
bool bundle_statement_parties(rs_bundle *b, int64_t id, rs_country_link **links, size_t *count);
bool bundle_event_parties(rs_bundle *b, int64_t id, rs_country_link **links, size_t *count);
bool bundle_party_members(rs_bundle *b, const char *code, rs_country_link **links, size_t *count);
/* The links of stmt's rows (bound: code, roles text, name, kind, as
 * Q_EVENT_PARTIES has them), read as bundle_event_parties reads its own;
 * hands stmt back. */
bool bundle_read_role_links(sqlite3_stmt *stmt, rs_country_link **links, size_t *count);
void bundle_links_free(rs_country_link *links, size_t count);

/* Registers rostrum_rank, search's BM25 (search.c), on a bundle's
 * connection. */
bool bundle_register_rank(sqlite3 *db);

#endif
