/*
 * What the parts of the builder share, and nothing else includes:
 * builder.c (rs_build: the output file, the writer, the browse tables and
 * metadata), folder.c (pass 1: reading, checking and ordering the source
 * folder), indexer.c (pass 2's statements and full-text index, read ahead
 * on a second thread), thread.c (events, incident threads, translations
 * and ledes), timeline.c (incident spans, lanes and parties) and
 * suggestions.c (term statistics and the search chips).
 */
#ifndef RS_BUILDER_PRIVATE_H
#define RS_BUILDER_PRIVATE_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "builder.h"
#include "countries.h"
#include "date.h"
#include "diag.h"
#include "source.h"

/* ---- compact storage for what pass 1 keeps ----
 *
 * A million statements must fit in memory with room to spare, so pass 1
 * keeps only what ordering, cross-checks and the browse tables need, packed:
 * strings go into large blocks (no allocation per string), and the values
 * that repeat (outlets, speakers, languages) are stored once. Titles, notes,
 * URLs and kinds are not kept at all: pass 2 reads them again with the body. */

typedef struct arena {
    char *block;
    size_t used, capacity;
    char **blocks;
    size_t block_count, block_capacity;
} arena;

/* A set of distinct strings (open addressing), each stored once in an arena. */
typedef struct intern_set {
    const char **slots;
    size_t capacity, count;
} intern_set;

/* Every party has a small number, its slot, so that links group by party
 * with a counting sort: an ISO 3166-1 code AB is slot (A - 'A') * 26 +
 * (B - 'A'), in code order; parties.yaml's codes follow, from CODE_SLOTS on,
 * in code order too. */
#define CODE_SLOTS (26 * 26)
/* Slots fit a uint16_t (country_link stays four bytes at a million
 * statements): parties.yaml may define this many parties at most. */
#define MAX_PARTIES (UINT16_MAX + 1 - CODE_SLOTS)

/* One party of a statement: its slot and role bits (rs_roles order). */
typedef struct country_link {
    uint16_t slot;
    uint8_t roles;
} country_link;

/* An event, in id order (build.events): its incident and its place there. */
typedef struct event_entry {
    uint32_t incident; /* index into incidents.items */
    uint32_t index;    /* into that incident's events */
} event_entry;

/* What a curator's translation of an outlet or a speaker (statement
 * fields written as mappings) applies to. */
enum { NAMED_OUTLET, NAMED_SPEAKER_NAME, NAMED_SPEAKER_ROLE };

/* One such translation, kept from pass 1 until written. */
typedef struct named_translation {
    const char *key;      /* the interned outlet, or speaker key "name\x1frole" */
    const char *language; /* interned, as written */
    const char *value;
    size_t statement;     /* index of the statement that says it */
    unsigned line;
    uint8_t what;         /* NAMED_* */
} named_translation;

#define NO_INCIDENT UINT32_MAX

typedef struct statement_entry {
    const char *name;        /* file name in the source folder */
    const char *slug;        /* the statement's id field */
    const char *date_text;   /* as written; NULL when undated */
    const char *same_as;     /* NULL when absent */
    const char *translation_of; /* NULL when absent */
    const char *outlet;      /* interned; NULL when absent */
    const char *speaker_key; /* interned "name\x1frole"; NULL without a speaker */
    const char *language;    /* interned */
    rs_date date;            /* year 0 when undated */
    unsigned id_line, same_as_line, translation_of_line;
    uint32_t link_count, incident_count;
    size_t first_link;       /* into build.links */
    size_t first_incident;   /* into build.incident_refs */
    int64_t id;              /* assigned in time order */
    int64_t same_group;      /* smallest id linked by same_as, 0 when alone */
    int64_t same_as_id;
    int64_t translation_group; /* smallest id linked by translation_of, 0 when alone */
    int64_t translation_of_id;
    size_t union_parent;     /* union-find over same_as, by index */
    size_t translation_parent; /* union-find over translation_of, by index */
} statement_entry;

/* An incident slug that incidents.yaml does not define, reported after the
 * duplicate ids, in file order. */
typedef struct unknown_incident {
    size_t statement;
    const char *slug;
    unsigned line;
} unknown_incident;

/* One build: the options, where problems go, and what pass 1 keeps. */
typedef struct build {
    const rs_build_options *options;
    rs_diags *diags;
    rs_countries *countries;
    rs_source_context context; /* countries, parties, the default language: what parsing a file needs */
    rs_bundle_source bundle;
    rs_incident_list incidents;
    char *incidents_path;
    rs_party_list parties;    /* parties.yaml, empty without one */
    size_t *party_by_code;    /* indices into parties.items, by code: slot CODE_SLOTS + k is party_by_code[k] */
    size_t party_count;       /* entries of party_by_code */
    event_entry *events;      /* every incident's events in RS_THREAD_ORDER; position + 1 is the id */
    size_t event_count;
    uint32_t *party_event_counts; /* per slot: the events a party has a role in */
    statement_entry *statements;
    size_t statement_count;
    size_t *by_id;   /* indices sorted by slug */
    size_t *by_time; /* indices sorted by time; position + 1 is the id */
    size_t *incident_by_slug;
    size_t valid_incident_count; /* entries of incident_by_slug */
    uint64_t source_bytes;
    arena strings;
    intern_set outlets, speakers, languages;
    country_link *links;
    size_t link_count, link_capacity;
    uint32_t *incident_refs; /* index into incidents.items, or NO_INCIDENT */
    size_t incident_ref_count, incident_ref_capacity;
    unknown_incident *unknown;
    size_t unknown_count, unknown_capacity;
    named_translation *named;
    size_t named_count, named_capacity;
} build;

/* The slot of a party code (an ISO code or one of parties.yaml), or
 * SIZE_MAX for a code that is neither. */
size_t build_party_slot(const build *b, const char *code);
/* Slots in use for b: CODE_SLOTS + its parties. */
size_t build_slot_count(const build *b);
/* The code of slot into out ("GB", "EU"). */
void build_slot_code(const build *b, size_t slot, char out[RS_PARTY_CODE_SIZE]);
/* The party of parties.yaml at slot, or NULL for an ISO slot. */
const rs_party_source *build_slot_party(const build *b, size_t slot);

/* Pass 1 (folder.c): reads bundle.yaml, incidents.yaml and every statement
 * file into b, and cross-checks the folder. Every problem goes into
 * b->diags; the build goes on only if none was added. */
void folder_read(build *b);

/* Numbers the statements in time order (statement_entry.id, b->by_time) and
 * resolves same_as and translation_of into ids and groups. After a
 * folder_read that found no problem. */
void folder_order(build *b);

/* Numbers the events of every incident in RS_THREAD_ORDER (b->events) and
 * counts each party's events (b->party_event_counts). thread.c, after
 * folder_order. */
void thread_order_events(build *b);

/* Frees everything pass 1 kept (not b itself). */
void folder_free(build *b);

/* The path of a statement file, as pass 1 named it in its messages. Caller
 * frees. */
char *build_statement_path(const build *b, const statement_entry *entry);

/* dir + "/" + name. Caller frees. */
char *build_path_join(const char *dir, const char *name);

/* strcmp for qsort and bsearch over an array of strings. */
int build_compare_strings(const void *a, const void *b);

/* Copies diagnostics made for one file, as they are: each is "PATH:LINE:
 * MESSAGE" or "PATH: MESSAGE" for that file's path. */
void build_move_diags(rs_diags *to, const rs_diags *from, const char *path);

/* Starts a helper thread that leaves signals to the main thread, whose
 * handler removes the partial file. */
bool build_start_helper(pthread_t *thread, void *(*run)(void *), void *context);

/* A progress line on stderr, redrawn at most five times a second. */
typedef struct progress {
    bool enabled;
    const char *stage;
    size_t total;
    double started, last_drawn;
} progress;

/* Seconds on a monotonic clock. */
double build_now(void);
void build_progress_draw(progress *p, size_t done, uint64_t bytes, bool final);

/* ---- pass 2: writing ---- */

typedef struct replay replay;

/* The connection the bundle is written through, and its first error. */
typedef struct writer {
    build *b;
    sqlite3 *db;
    char *error;    /* the first error met, owned; NULL while all goes well */
    replay *replay; /* the stand-in 'rostrum' on db, or NULL */
} writer;

/* sqlite3_exec, prepare and a step expecting SQLITE_DONE (then reset and
 * bindings cleared) that keep the first error in w->error. writer_prepare
 * returns NULL on an error; the caller finalizes. */
bool writer_exec(writer *w, const char *sql);
sqlite3_stmt *writer_prepare(writer *w, const char *sql);
bool writer_step(writer *w, sqlite3_stmt *stmt);
/* Binds text as a static string, or NULL for NULL. */
void writer_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text);

/* A sorted set of distinct strings (outlets, speakers, languages), numbered
 * by sorted position so the numbering is deterministic. The strings are the
 * intern set's; free items only. */
typedef struct string_set {
    const char **items;
    size_t count;
} string_set;

void string_set_build(string_set *set, const intern_set *values);
/* 1-based number of text in the set, 0 if absent. */
int64_t string_set_find(const string_set *set, const char *text);

/* A tokenizer module as FTS5 hands it out. */
typedef struct tokenizer_module {
    fts5_tokenizer methods;
    void *context;
} tokenizer_module;

/* The index's tokenizer (bundle_format.h: tokenize='rostrum', no arguments). */
#define INDEX_TOKENIZER "rostrum"

/* Registers the stand-in 'rostrum' on db (indexer.c) and gives back the
 * real one. Called after the 'rostrum' tokenizer is registered and before
 * the schema. False (nothing registered) when FTS5 refuses. */
bool indexer_install(sqlite3 *db, replay **out, tokenizer_module *real);

/* The real 'rostrum' of w's connection (not the stand-in over it), into
 * out: for tokenizing texts as the index did, each in its language. */
bool indexer_tokenizer(writer *w, tokenizer_module *out);

/* Writes every statement, its text and its index entry, in id order, each
 * stemmed in its statement's language. */
bool indexer_write_statements(writer *w, const string_set *outlets, const string_set *speakers,
                              const tokenizer_module *real);

/* The statement_text.lede of a body (bytes, not NUL-terminated): its first
 * sentence, whitespace runs folded to one space, at most RS_LEDE_MAX_BYTES
 * bytes with "…" when cut, at a word (or between CJK characters). Returns
 * out, NUL-terminated. */
#define LEDE_SIZE (RS_LEDE_MAX_BYTES + 1)
char *thread_lede(const char *body, size_t size, char out[LEDE_SIZE]);

/* Writes event, event_party, party_event, incident_thread and translation
 * (thread.c), after the statements and incidents. */
bool thread_write(writer *w, const string_set *outlets, const string_set *speakers);

/* Fills incident.first_key, last_key, lane and answer_count and writes
 * incident_party (timeline.c), after thread_write. */
bool timeline_write(writer *w);

/* The browse tables (browse.c): country, country_role, country_name and
 * each party's statement list; incident and statement_incident; year_count
 * and month_count. */
bool browse_countries_write(writer *w);
bool browse_incidents_write(writer *w);
bool browse_date_counts_write(writer *w);

/* Writes term_stat and the suggestion chips (suggestions.c), from the
 * finished index. */
bool suggestions_write(writer *w, const string_set *outlets, const string_set *speakers);

/* Writes name_order (name_order.c, ICU's collation): each UI language's
 * order of the parties and of the incidents, after country, country_name,
 * incident and translation are written. */
bool name_order_write(writer *w);

#endif
