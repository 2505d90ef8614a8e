/*
 * The source format: what curators write.
 *
 * A source folder holds bundle.yaml (title, description, language),
 * parties.yaml (optional: the parties that are not countries),
 * incidents.yaml (the incidents, each defined once, with their events) and
 * one UTF-8 text file per statement
 * (*.txt): a YAML header between two '---' lines, then the statement body.
 * This module parses one file at a time from memory and checks everything a
 * single file can tell; the builder checks what needs the whole folder
 * (duplicate ids, same_as and translation_of targets, incident slugs). Every problem goes into an
 * rs_diags as "path:line: message"; parsing goes on after a problem so that
 * one run reports them all.
 */
#ifndef RS_SOURCE_H
#define RS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle_format.h"
#include "countries.h"
#include "date.h"
#include "diag.h"

/* Largest source file accepted (a statement is text, not a book). */
#define RS_SOURCE_MAX_FILE_BYTES (16u * 1024u * 1024u)

/* A party in a statement's countries:/parties: or an event's parties:: an
 * ISO 3166-1 code or a code defined in parties.yaml (either field takes
 * both kinds of code; a statement may not have both fields). */
typedef struct rs_country_ref {
    char code[RS_PARTY_CODE_SIZE];
    unsigned roles; /* bit i set when rs_roles[i] applies */
    unsigned line;
} rs_country_ref;

/* A curator's translation of one field: a value written as a mapping by
 * language tag ({en: ..., zh-Hans: ..., ru: ...}). The field's base value
 * (the char * in the struct) is the one in the collection's default
 * language; every other language is one rs_translation. */
typedef struct rs_translation {
    const char *field; /* static: the field as the curator writes it: "title", "description" (bundle),
                        * "name", "summary" (incident), "summary" (event), "name", "short" (party),
                        * "outlet", "speaker", "speaker_role" (statement) */
    char *language;    /* BCP 47 tag as written */
    char *value;
    unsigned line;
} rs_translation;

typedef struct rs_translations {
    rs_translation *items;
    size_t count;
} rs_translations;

/* What parsing a file needs from the rest of the folder. */
typedef struct rs_source_context {
    const rs_countries *countries;    /* ISO 3166-1, or NULL: codes then are only checked for form */
    const struct rs_party_list *parties; /* parties.yaml, or NULL when the folder has none */
    const char *default_language;     /* bundle.yaml language:, "en" when absent */
} rs_source_context;

typedef struct rs_incident_ref {
    char *slug;
    unsigned line;
} rs_incident_ref;

/* One statement file. Strings are owned (NULL when the field is absent). */
typedef struct rs_statement_source {
    char *path;
    char *id, *title, *title_note, *date_text, *date_note;
    char *outlet, *speaker, *speaker_role, *language, *url, *kind, *same_as;
    char *translation_of; /* the id of the statement this one translates */
    char *note;           /* note: the curator's note, or NULL */
    bool partial;         /* partial: true */
    bool wrap_hard;       /* wrap: hard: body's paragraph lines joined (see rs_source_parse_statement) */
    rs_translations translations; /* of outlet, speaker, speaker_role */
    rs_date date; /* year 0 when date_text is NULL */
    unsigned header_line, id_line, same_as_line, translation_of_line;
    rs_country_ref *countries; /* from countries: or parties: (a file has one of them) */
    size_t country_count;
    rs_incident_ref *incidents;
    size_t incident_count;
    char *body; /* only when parsed with keep_body; CRLF turned into LF */
    size_t body_bytes;
} rs_statement_source;

/* Parses one statement file held in data[0..size). Returns true when the file
 * had no problem. Fields found are filled in either way; party codes are
 * checked against context's tables. With keep_body, the body is kept as
 * written (CRLF as LF), or with wrap: hard its paragraphs' lines joined by a
 * space (none between two CJK characters), paragraphs separated by one
 * blank line. Release with rs_statement_source_clear. */
bool rs_source_parse_statement(const char *path, const char *data, size_t size,
                               const rs_source_context *context, bool keep_body,
                               rs_statement_source *out, rs_diags *diags);
void rs_statement_source_clear(rs_statement_source *statement);

/* One event of an incident (incidents.yaml events:). */
typedef struct rs_event_source {
    char *date_text, *date_note, *kind, *summary, *url; /* summary in the default language */
    rs_date date; /* year 0 when undated */
    rs_country_ref *parties;
    size_t party_count;
    rs_translations translations; /* of summary */
    unsigned line;
} rs_event_source;

typedef struct rs_incident_source {
    char *slug, *name, *date_text, *date_note, *summary;
    rs_date date;
    rs_event_source *events;
    size_t event_count;
    rs_translations translations; /* of name, summary */
    unsigned line;
} rs_incident_source;

typedef struct rs_incident_list {
    rs_incident_source *items;
    size_t count;
} rs_incident_list;

/* Parses incidents.yaml: a YAML list of {slug, name, date, date_note,
 * summary, events}. */
bool rs_source_parse_incidents(const char *path, const char *data, size_t size,
                               const rs_source_context *context, rs_incident_list *out, rs_diags *diags);
void rs_incident_list_clear(rs_incident_list *list);

typedef struct rs_bundle_source {
    char *title, *description;
    char *language; /* the collection's default language; "en" when absent */
    rs_translations translations; /* of title, description */
} rs_bundle_source;

/* Parses bundle.yaml: {title, description, language}. Its language must be
 * known before the other files are parsed (their mappings' base value is in
 * it), so bundle.yaml is read first. */
bool rs_source_parse_bundle(const char *path, const char *data, size_t size,
                            rs_bundle_source *out, rs_diags *diags);
void rs_bundle_source_clear(rs_bundle_source *bundle);

/* One party of parties.yaml. */
typedef struct rs_party_source {
    char code[RS_PARTY_CODE_SIZE];
    char *kind;       /* one of rs_party_kinds but "country" */
    char *name;       /* default language */
    char *short_name; /* default language, or NULL */
    char (*members)[3]; /* ISO 3166-1 codes, in the order written */
    size_t member_count;
    rs_translations translations; /* of name, short */
    unsigned line;
} rs_party_source;

typedef struct rs_party_list {
    rs_party_source *items;
    size_t count;
} rs_party_list;

/* Parses parties.yaml: a YAML list of {code, kind, name, short, members}.
 * A code must be 2..RS_PARTY_CODE_MAX upper-case letters and digits and not
 * an ISO 3166-1 code; members must be ISO codes. */
bool rs_source_parse_parties(const char *path, const char *data, size_t size, const rs_source_context *context,
                             rs_party_list *out, rs_diags *diags);
void rs_party_list_clear(rs_party_list *list);
/* The party with this code, or NULL. */
const rs_party_source *rs_party_list_find(const struct rs_party_list *list, const char *code);

/* True for a slug: 1-100 characters of a-z, 0-9 and single inner hyphens. */
bool rs_source_is_slug(const char *text);

/* Reads a whole regular file of at most RS_SOURCE_MAX_FILE_BYTES into
 * memory (NUL-terminated). Anything else (a FIFO, a device, a folder) is
 * refused without reading: returns NULL and adds a diagnostic for path
 * ("path: is a FIFO, not a regular file"). Caller frees. */
char *rs_source_read_file(const char *path, size_t *size, rs_diags *diags);

#endif
