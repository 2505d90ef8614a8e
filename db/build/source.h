/*
 * The source format: what curators write.
 *
 * A source folder holds bundle.yaml (title, description), incidents.yaml (the
 * incidents, each defined once) and one UTF-8 text file per statement
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

#include "countries.h"
#include "date.h"
#include "diag.h"

/* Largest source file accepted (a statement is text, not a book). */
#define RS_SOURCE_MAX_FILE_BYTES (16u * 1024u * 1024u)

typedef struct rs_country_ref {
    char code[3];
    unsigned roles; /* bit i set when rs_roles[i] applies */
    unsigned line;
} rs_country_ref;

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
    rs_date date; /* year 0 when date_text is NULL */
    unsigned header_line, id_line, same_as_line, translation_of_line;
    rs_country_ref *countries;
    size_t country_count;
    rs_incident_ref *incidents;
    size_t incident_count;
    char *body; /* only when parsed with keep_body; CRLF turned into LF */
    size_t body_bytes;
} rs_statement_source;

/* Parses one statement file held in data[0..size). Returns true when the file
 * had no problem. Fields found are filled in either way; countries are
 * checked against the table when it is not NULL. Release with
 * rs_statement_source_clear. */
bool rs_source_parse_statement(const char *path, const char *data, size_t size,
                               const rs_countries *countries, bool keep_body,
                               rs_statement_source *out, rs_diags *diags);
void rs_statement_source_clear(rs_statement_source *statement);

typedef struct rs_incident_source {
    char *slug, *name, *date_text, *date_note, *summary;
    rs_date date;
    unsigned line;
} rs_incident_source;

typedef struct rs_incident_list {
    rs_incident_source *items;
    size_t count;
} rs_incident_list;

/* Parses incidents.yaml: a YAML list of {slug, name, date, date_note, summary}. */
bool rs_source_parse_incidents(const char *path, const char *data, size_t size,
                               rs_incident_list *out, rs_diags *diags);
void rs_incident_list_clear(rs_incident_list *list);

typedef struct rs_bundle_source {
    char *title, *description;
} rs_bundle_source;

/* Parses bundle.yaml: {title, description}. */
bool rs_source_parse_bundle(const char *path, const char *data, size_t size,
                            rs_bundle_source *out, rs_diags *diags);
void rs_bundle_source_clear(rs_bundle_source *bundle);

/* True for a slug: 1-100 characters of a-z, 0-9 and single inner hyphens. */
bool rs_source_is_slug(const char *text);

/* Reads a whole regular file of at most RS_SOURCE_MAX_FILE_BYTES into
 * memory (NUL-terminated). Anything else (a FIFO, a device, a folder) is
 * refused without reading: returns NULL and adds a diagnostic for path
 * ("path: is a FIFO, not a regular file"). Caller frees. */
char *rs_source_read_file(const char *path, size_t *size, rs_diags *diags);

#endif
