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

#include "bundle_format.h"

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

/* The collection's "title" or "description" in the language set with
 * rs_bundle_set_language: the curator's translation when the bundle has one
 * (translation, subject "bundle"), else the meta value (the collection's
 * default language). NULL when the key is absent. Valid until the next
 * rs_bundle_set_language or rs_bundle_close. */
const char *rs_bundle_meta_text(rs_bundle *bundle, const char *key);

/* One entry of a browse facet: a year, a party (country or organisation)
 * or an incident. */
typedef struct rs_facet {
    char *key;   /* "2021", "GB", "EU", "microsoft-exchange-2021" */
    char *label; /* "2021", "United Kingdom", "European Union", the incident's name */
    char *date;  /* incidents: start date or NULL */
    int64_t count; /* statements */
    int64_t event_count; /* parties and incidents: events; else 0 */
    int kind;    /* parties: index in rs_party_kinds (0 = country); else 0 */
} rs_facet;

typedef struct rs_facet_list {
    rs_facet *items;
    size_t count;
} rs_facet_list;

/* Years newest first, parties (countries and organisations, every party with
 * a statement or an event) by name in the current language, incidents by
 * date then name. Names are in the language set with rs_bundle_set_language. */
bool rs_bundle_years(rs_bundle *bundle, rs_facet_list *out);
bool rs_bundle_countries(rs_bundle *bundle, rs_facet_list *out);
bool rs_bundle_incidents(rs_bundle *bundle, rs_facet_list *out);
/* The dated incident with the latest date (ties: the last by name), what the
 * home screen calls the latest; false with *out zeroed when no incident has
 * a date (or the query fails). One seek in the index incident_by_date.
 * Free with rs_facet_clear. */
bool rs_bundle_latest_incident(rs_bundle *bundle, rs_facet *out);
void rs_facet_clear(rs_facet *facet);

/* The language of the names the queries return from now on ("zh_CN", "ru":
 * see RS_BUNDLE_NAME_LANGUAGES): party names from country_name, and the
 * curator's translations (incident names and summaries, event summaries,
 * outlets, speakers, the collection's title) matched by BCP 47 tag ("zh_CN"
 * takes "zh-Hans", "zh-CN" or "zh"; "ru" takes "ru"), falling back to the
 * base value (the collection's default language, English names for
 * countries). NULL, "" or "en" for English. Parties are listed in the order
 * of their names in that language. */
void rs_bundle_set_language(rs_bundle *bundle, const char *language);

/* Gives back the memory SQLite keeps for pages it has read (the page cache
 * refills as pages are read again). For comparing memory at two moments:
 * the cache grows to its bound as a visit reaches new parts of the file. */
void rs_bundle_release_memory(rs_bundle *bundle);
void rs_facet_list_clear(rs_facet_list *list);

/* Search hit marks in snippets: U+0002 before and U+0003 after each hit.
 * Source text never contains these (the builder refuses control characters). */
#define RS_MARK_START "\x02"
#define RS_MARK_END "\x03"

typedef struct rs_search_hit {
    int64_t id;
    char *slug, *date, *outlet, *title, *snippet;
} rs_search_hit;

/* What became of a query. */
typedef enum rs_query_status {
    RS_QUERY_SEARCHED,  /* searched: the results, maybe none */
    RS_QUERY_BLANK,     /* nothing but white space: not searched */
    RS_QUERY_TOO_SHORT, /* only punctuation, or only single letters or digits ("a", "7", "a b"): not
                         * searched, so a screen can say "type at least two letters". One CJK character
                         * is a word and is searched. */
} rs_query_status;

/* How many matches search ranks at most: the newest RS_SEARCH_RANKED
 * statements that match (see rs_bundle_search). */
#define RS_SEARCH_RANKED 1000

typedef struct rs_search_results {
    rs_search_hit *items;
    size_t count;
    rs_query_status status;
    /* Statements found and ranked, at most RS_SEARCH_RANKED; more is true
     * when there are more matches than that (show "1,000+"). */
    int64_t total;
    bool more;
    /* The query as it was searched, to pass to rs_bundle_highlights for a
     * result's title and body: the searchable words, a word searched as a
     * prefix ending in '*'. "" when nothing was searched. */
    char *query_used;
} rs_search_results;

/* Full-text search over titles and bodies, best match first. Every word of
 * the query must match (English words match their inflections; Chinese,
 * Japanese and Korean match by one or two characters); a word ending in '*'
 * matches as a prefix. Nothing typed is FTS5 syntax.
 *
 * Ranking: BM25 (title 4x, body 1x, corpus-wide word weights stored in the
 * bundle) over the RS_SEARCH_RANKED newest matching statements. Up to that
 * many matches, which covers every query on a small collection, this is
 * the best match first over all of them. With more (a common word in a
 * million statements) it is the best of the newest RS_SEARCH_RANKED, and
 * results->more is set: older matches are not offered. That bound is what
 * keeps the first page within a few milliseconds whatever the query.
 *
 * A blank or too-short query (see rs_query_status) returns true with no
 * results and the status saying which, at once. false only on a read error,
 * with one line in error. */
bool rs_bundle_search(rs_bundle *bundle, const char *query, size_t offset, size_t limit, rs_search_results *out,
                      char *error, size_t error_size);

/* For search as you type: the last word is still being typed, so it is
 * searched as a prefix too ("hac" finds hackers), completed to the most
 * frequent index terms it begins; if it begins none (the visitor has typed
 * past a stem, as in "accusa"), it is shortened until it does, down to three
 * letters. A last word of one letter or digit is left out until the next
 * key, rather than flooding the results; alone, it is RS_QUERY_TOO_SHORT. */
#define RS_QUERY_TYPING 1u

/* rs_bundle_search with flags (RS_QUERY_TYPING, or 0: the same as
 * rs_bundle_search). Pages of one query share one ranking, kept between
 * calls, so the next page costs only its own rows. */
bool rs_bundle_search_with(rs_bundle *bundle, const char *query, unsigned flags, size_t offset, size_t limit,
                           rs_search_results *out, char *error, size_t error_size);
void rs_search_results_clear(rs_search_results *results);

/* One suggestion chip of the search screen, chosen by the builder: an
 * incident's name, an outlet, a speaker, or one of the corpus's most
 * distinctive terms (Chinese terms included, so Chinese can be searched
 * without a Chinese input method). query is what a tap searches for; label
 * is what the chip shows (often the same); count how many statements the
 * query finds. */
typedef enum rs_suggestion_kind {
    RS_SUGGEST_INCIDENT,
    RS_SUGGEST_OUTLET,
    RS_SUGGEST_SPEAKER,
    RS_SUGGEST_TERM,
} rs_suggestion_kind;

typedef struct rs_suggestion {
    rs_suggestion_kind kind;
    char *query, *label;
    char *language; /* BCP 47 of the label's text ("en", "zh-Hans", ...) */
    int64_t count;
} rs_suggestion;

typedef struct rs_suggestion_list {
    rs_suggestion *items;
    size_t count;
} rs_suggestion_list;

/* The bundle's suggestions, best first, at most limit (the builder stores
 * up to 24; kinds alternate: incident, term, outlet, term, speaker, term).
 * A term's label is a word as the texts write it ("hackers", 网络), never an
 * index stem. Rows of a kind this version does not know are skipped. */
bool rs_bundle_suggestions(rs_bundle *bundle, size_t limit, rs_suggestion_list *out);
void rs_suggestion_list_clear(rs_suggestion_list *list);

/* A byte range [start, end) in a text. */
typedef struct rs_range {
    size_t start, end;
} rs_range;

typedef struct rs_range_list {
    rs_range *items;
    size_t count;
} rs_range_list;

/* Where query matches in text (a title or body exactly as the query layer
 * returned it): the byte ranges of the text's tokens that the full-text
 * search would match, through the same tokenizer as the index (English
 * inflections, Chinese one- and two-character terms, prefix queries), in
 * text order, not overlapping. Used to highlight hits in the reader; pass
 * results->query_used, so that a word searched as a prefix is highlighted
 * as one. A query with nothing searchable gives no ranges. false only when
 * the tokenizer cannot run (out of memory). */
bool rs_bundle_highlights(rs_bundle *bundle, const char *query, const char *text, rs_range_list *out);
void rs_range_list_clear(rs_range_list *list);

/* ---- browsing: the queries behind the viewer's screens ----
 * Every function returns false on a read error (a damaged page met while
 * browsing), leaving *out empty; text is copied, with any invalid UTF-8
 * replaced by U+FFFD, so nothing from the file reaches the screen
 * unchecked. */

/* The months of one year in calendar order, with month 0 ("month unknown",
 * for statements dated by year only) first when present. key and label are
 * both "2021-07" (or "2021-00"): the screen names the month in the
 * visitor's language itself, so the query layer carries no month names. */
bool rs_bundle_months(rs_bundle *bundle, int year, rs_facet_list *out);

/* Which list of statements. All lists are in time order. */
typedef enum rs_list_kind {
    RS_LIST_YEAR,     /* every statement of year (all its months) */
    RS_LIST_MONTH,    /* year + month; month 0 = dated by year only */
    RS_LIST_UNDATED,  /* statements with no date */
    RS_LIST_COUNTRY,  /* party (country or organisation), with role -1 for every role or 0..4 (rs_roles) for one */
    RS_LIST_INCIDENT, /* incident_id */
    RS_LIST_ALL,      /* every statement */
} rs_list_kind;

typedef struct rs_list_spec {
    rs_list_kind kind;
    int year, month;
    char country[RS_PARTY_CODE_SIZE];
    int role;
    int64_t incident_id;
} rs_list_spec;

/* One row of a statement list: what the list shows. */
typedef struct rs_statement_row {
    int64_t id;
    char *slug;          /* the statement's id in the sources, for its route */
    char *date;          /* as written ("2021", "2021-07", "2021-07-20") or NULL */
    bool date_inferred;  /* the statement has a date_note */
    char *outlet;        /* or NULL */
    char *title;
    char *language;
    char *roles;         /* RS_LIST_COUNTRY only: "speaker accused"; else NULL */
} rs_statement_row;

typedef struct rs_statement_rows {
    rs_statement_row *items;
    size_t count;
} rs_statement_rows;

/* Number of statements in the list. */
bool rs_bundle_list_count(rs_bundle *bundle, const rs_list_spec *spec, int64_t *count);
/* Rows offset .. offset+limit-1 of the list (fewer at the end). One index
 * seek whatever the offset. */
bool rs_bundle_list_page(rs_bundle *bundle, const rs_list_spec *spec, int64_t offset, size_t limit,
                         rs_statement_rows *out);
void rs_statement_rows_clear(rs_statement_rows *rows);

/* Everything the reader shows about one statement. */
typedef struct rs_country_link {
    char code[RS_PARTY_CODE_SIZE]; /* "GB", "EU" */
    char *name;  /* in the current language */
    char *roles; /* "speaker accused" */
    int kind;    /* index in rs_party_kinds (0 = country) */
} rs_country_link;

typedef struct rs_incident_link {
    int64_t id;
    char *slug, *name;
} rs_incident_link;

typedef struct rs_statement {
    int64_t id;
    char *slug, *title, *title_note, *date, *date_note, *outlet, *speaker, *speaker_role;
    char *language, *url, *kind, *body;
    int year, month, day; /* 0 when unknown */
    bool partial; /* an excerpt, or the source text is incomplete */
    char *note;   /* the curator's note, or NULL */
    rs_country_link *countries; /* parties, in code order */
    size_t country_count;
    rs_incident_link *incidents; /* in incident date order */
    size_t incident_count;
    rs_statement_rows same_as; /* the other statements of its same_as group, in time order */
    /* Its translations: the statement it is a translation_of and every
     * statement that is a translation of it (or of the same original), in
     * time order; each row's language says which. */
    rs_statement_rows translations;
} rs_statement;

/* Loads statement id. Returns false when there is no such statement or it
 * cannot be read. */
bool rs_bundle_statement(rs_bundle *bundle, int64_t id, rs_statement *out);
/* The id of the statement with this slug, or 0. */
int64_t rs_bundle_statement_id(rs_bundle *bundle, const char *slug);
void rs_statement_clear(rs_statement *statement);

typedef struct rs_incident_detail {
    int64_t id;
    char *slug, *name, *date, *date_note, *summary; /* name and summary in the current language */
    int64_t count;       /* statements */
    int64_t event_count; /* events; the thread has count + event_count entries */
} rs_incident_detail;

/* Loads the incident with this slug; false if there is none. */
bool rs_bundle_incident(rs_bundle *bundle, const char *slug, rs_incident_detail *out);
void rs_incident_detail_clear(rs_incident_detail *incident);

typedef struct rs_country_detail {
    char code[RS_PARTY_CODE_SIZE];
    char *name;       /* in the current language */
    char *short_name; /* organisations: "EU"; NULL for countries */
    int kind;         /* index in rs_party_kinds */
    int64_t count;    /* statements */
    int64_t event_count;
    int64_t role_counts[5]; /* statements per rs_roles index */
    rs_country_link *members; /* an organisation's member countries (roles NULL), in code order */
    size_t member_count;
} rs_country_detail;

/* Loads the party (country or organisation) with this code; false if the
 * bundle has no statement or event for it. */
bool rs_bundle_country(rs_bundle *bundle, const char *code, rs_country_detail *out);
void rs_country_detail_clear(rs_country_detail *country);

/* ---- the incident thread (format 3) ---- */

typedef enum rs_thread_kind {
    RS_THREAD_EVENT,     /* an event of incidents.yaml: expands in place */
    RS_THREAD_STATEMENT, /* a statement of the collection: opens the reader */
} rs_thread_kind;

/* One entry of an incident's thread, or of a party's events. */
typedef struct rs_thread_entry {
    rs_thread_kind kind;
    int64_t id;          /* event.id or statement.id */
    char *slug;          /* statements: the statement's id in the sources; events: NULL */
    char *date;          /* as written ("2021", "2021-07-20") or NULL when undated */
    char *date_note;     /* or NULL */
    char *what;          /* the kind: event.kind ("attribution") or statement.kind ("response") */
    bool accusation;     /* accuses (attribution, indictment, sanction, report, disclosure; a statement of
                          * kind attribution); false for what answers or anything else */
    char *title;         /* statements: the title; events: NULL */
    char *line;          /* events: the summary (current language); statements: the first sentence of the body */
    char *url;           /* or NULL */
    char *outlet;        /* statements: the outlet or NULL; events: NULL */
    int64_t incident_id; /* the incident the entry belongs to (party pages: the event's incident) */
    char *incident_slug, *incident_name;
    rs_country_link *parties; /* who, with roles, in code order */
    size_t party_count;
} rs_thread_entry;

typedef struct rs_thread {
    rs_thread_entry *items;
    size_t count;
} rs_thread;

/* Entries offset .. offset+limit-1 of the thread of incident_id, in
 * RS_THREAD_ORDER (bundle_format.h): its events and statements together.
 * One index seek whatever the offset; the length is the incident's
 * count + event_count. */
bool rs_bundle_thread_page(rs_bundle *bundle, int64_t incident_id, int64_t offset, size_t limit, rs_thread *out);

/* Events offset .. offset+limit-1 in which party code has a role, in time
 * order; each entry's parties hold every party of the event. The number of
 * them is rs_country_detail.event_count. */
bool rs_bundle_party_events(rs_bundle *bundle, const char *code, int64_t offset, size_t limit, rs_thread *out);
void rs_thread_clear(rs_thread *thread);

/* ---- the timeline (format 4) ---- */

/* Statements of one month, or of a year when month is 0 (dated by year
 * only), from month_count: the timeline's bars. */
typedef struct rs_timeline_bar {
    int year, month;
    int64_t count;
} rs_timeline_bar;

typedef struct rs_timeline_bars {
    rs_timeline_bar *items; /* in time order, month 0 of a year before its months */
    size_t count;
    int64_t undated;        /* statements with no date: counted beside the axis */
} rs_timeline_bars;

/* Every bar of the collection (at most 13 a year: cheap at any size). */
bool rs_bundle_timeline_bars(rs_bundle *bundle, rs_timeline_bars *out);
void rs_timeline_bars_clear(rs_timeline_bars *bars);

/* An incident's span, from its first to its last dated entry. */
typedef struct rs_timeline_span {
    int64_t incident_id;
    char *slug, *name;        /* name in the current language */
    int32_t first_key, last_key; /* RS_DATE_KEY */
    int lane;                 /* the builder's row: spans of one lane never overlap */
    bool has_answer;          /* it has at least one statement or event that answers */
} rs_timeline_span;

typedef struct rs_timeline_spans {
    rs_timeline_span *items; /* by lane, then first_key */
    size_t count;
    int lane_count;          /* lanes in the whole collection (max lane + 1) */
} rs_timeline_spans;

/* The spans that overlap [from_key, to_key] in lanes 0 .. max_lanes-1, at
 * most limit per lane. One index seek per lane. */
bool rs_bundle_timeline_spans(rs_bundle *bundle, int32_t from_key, int32_t to_key, int max_lanes, size_t limit,
                              rs_timeline_spans *out);
void rs_timeline_spans_clear(rs_timeline_spans *spans);

/* One dated statement or event on the timeline. */
typedef struct rs_timeline_mark {
    rs_thread_kind kind;
    int64_t id;
    char *slug;          /* statements: for its route; events: NULL */
    int32_t key;         /* RS_DATE_KEY */
    bool accusation;     /* as rs_thread_entry.accusation */
    int64_t incident_id; /* the event's incident; a statement's first incident, or 0 */
    char *incident_slug; /* or NULL */
    char *label;         /* events: the kind ("attribution"); statements: the title */
} rs_timeline_mark;

typedef struct rs_timeline_marks {
    rs_timeline_mark *items; /* by key, events before statements on the same key */
    size_t count;
    bool more;               /* the window holds more than limit: thin out (show bars) */
} rs_timeline_marks;

/* Dated statements and events with from_key <= key <= to_key, at most limit
 * (more is set when there are more). Statements by id range (ids are in time
 * order), events through event_by_key: cost bounded by limit at any size. */
bool rs_bundle_timeline_marks(rs_bundle *bundle, int32_t from_key, int32_t to_key, size_t limit,
                              rs_timeline_marks *out);
void rs_timeline_marks_clear(rs_timeline_marks *marks);

/* ---- the world map (format 4) ---- */

/* One country's shape, as map_shape stores it (bundle_format.h RS_MAP_*),
 * checked: every index below vertex_count, rings increasing and ending at
 * vertex_count, every coordinate finite and inside the map's extent. */
typedef struct rs_map_shape {
    char code[RS_PARTY_CODE_SIZE]; /* ISO 3166-1 alpha-2 */
    float x0, y0, x1, y1;          /* bounding box */
    float cx, cy;                  /* a point inside its largest part */
    float area;
    float *xy;                     /* 2 * vertex_count floats */
    uint32_t vertex_count;
    uint16_t *indices;             /* 3 * triangle_count */
    uint32_t triangle_count;
    uint16_t *ring_ends;           /* ring_count */
    uint32_t ring_count;
} rs_map_shape;

typedef struct rs_world_map {
    rs_map_shape *shapes; /* in code order */
    size_t count;         /* 0: the bundle has no map */
} rs_world_map;

/* The whole world map. A bundle built without one gives true and count 0.
 * A shape that breaks the rules above makes it false, with one line naming
 * the shape in error: the map is not drawn rather than drawn wrong. */
bool rs_bundle_world_map(rs_bundle *bundle, rs_world_map *out, char *error, size_t error_size);
void rs_world_map_clear(rs_world_map *map);

/* The parties of an incident (incident_party), in code order: each with the
 * union of its roles ("accuser accused") and its kind, name in the current
 * language. */
typedef struct rs_party_links {
    rs_country_link *items;
    size_t count;
} rs_party_links;

bool rs_bundle_incident_parties(rs_bundle *bundle, int64_t incident_id, rs_party_links *out);
void rs_party_links_clear(rs_party_links *links);

#endif
