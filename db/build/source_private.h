/*
 * What the source parser's files share (source.c: statements, incidents,
 * bundle.yaml; parties.c: parties.yaml and every party list;
 * source_values.c: YAML access and the values curators write). Not for the
 * rest of the builder: source.h is the interface.
 */
#ifndef RS_SOURCE_PRIVATE_H
#define RS_SOURCE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "field_limits.h"
#include "source.h"

/* One YAML text being read, and the libyaml document made of it. */
typedef struct yaml_source {
    const char *path;
    const char *part;     /* what a syntax error names the text ("the header"); NULL: "the indentation" */
    unsigned line_offset; /* file line of YAML line 0 */
    const char *text;     /* the YAML text given to libyaml (what follows a value is read in it) */
    size_t length;
    size_t cursor_index, cursor_byte; /* a known position in text: libyaml's character index and its byte */
    yaml_document_t document;
    bool loaded;
} yaml_source;

/* A handler for one known field of a mapping (see rs_yaml_walk). */
typedef void (*rs_field_handler)(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                 rs_diags *diags);

/* A free-text field as curators write it. */
typedef struct rs_text_field {
    const char *name;   /* as written: "title", "speaker_role" */
    const char *stored; /* rs_translation.field for a translation, NULL when not translatable */
    rs_field limit;
} rs_text_field;

/* 1-based line of byte offset in data. */
unsigned rs_source_line_of_offset(const char *data, size_t offset);

/* "; did you mean 'x'?" into hint when one of words is within two edits
 * of input, else "". */
void rs_source_hint(const char *input, const char *const *words, size_t count, char *hint, size_t hint_size);
/* words joined by ", " into out (cut to fit). */
void rs_source_join(const char *const *words, size_t count, char *out, size_t out_size);

/* A value from the file as a diagnostic quotes it: at most max_bytes bytes,
 * never a character cut in two, control characters as spaces. Returns out. */
const char *rs_source_quoted(const char *text, size_t max_bytes, char *out, size_t out_size);
/* rs_source_quoted() into a buffer that lives until the end of the caller's block. */
#define QUOTED(text, max_bytes) \
    rs_source_quoted((text), (max_bytes), (char[(max_bytes) + 1]){0}, (max_bytes) + 1)

/* Reports text past the limit of field: "path:line: NAME is 60,001
 * characters; the limit is 1,000". */
void rs_source_check_limit(const char *path, unsigned line, rs_field field, const char *name, const char *text,
                           size_t length, rs_diags *diags);
/* Reports a list of links longer than most: "countries lists 51; the limit is 50". */
void rs_source_check_link_count(const char *path, unsigned line, const char *name, size_t count, int most,
                                rs_diags *diags);

/* BCP 47 shape: a 2-3 letter lower-case primary subtag, then subtags of
 * 1-8 letters or digits ("en", "zh-Hans", "zh-Hans-CN", "sr-Latn"). */
bool rs_source_is_language_tag(const char *text);

/* Reports a url that is not http(s) ("url 'x' must start with http:// or https://"). */
void rs_source_check_url(const char *path, unsigned line, const char *url, rs_diags *diags);
/* Parses a date as written (YYYY, YYYY-MM or YYYY-MM-DD) into *date,
 * reporting an impossible or malformed one. */
void rs_source_parse_date(const char *path, unsigned line, const char *text, rs_date *date, rs_diags *diags);

/* Well-formed UTF-8 and no control characters but tab and line ends;
 * reports the first problem and returns false. */
bool rs_source_check_encoding(const char *path, const char *data, size_t size, rs_diags *diags);

/* ---- YAML ---- */

unsigned rs_yaml_line(const yaml_source *ys, const yaml_node_t *node);
yaml_node_t *rs_yaml_node(yaml_source *ys, int index);
/* Loads one YAML document from text (kept in ys, which must not outlive
 * it). Reports a syntax error and returns false. */
bool rs_yaml_load(yaml_source *ys, const char *text, size_t length, rs_diags *diags);
/* Loads a whole-YAML file after the encoding checks, past a byte order mark. */
bool rs_yaml_load_file(yaml_source *ys, const char *data, size_t size, rs_diags *diags);
void rs_yaml_free(yaml_source *ys);

/* Parses a whole-YAML file that is a list of mappings (incidents.yaml,
 * parties.yaml): each mapping goes to each(ys, node, state, diags); any
 * other item gets item_problem, a root that is not a list root_problem (an
 * empty file is an empty list). True when no problem was added. */
typedef void (*rs_yaml_item_fn)(yaml_source *ys, yaml_node_t *node, void *state, rs_diags *diags);
bool rs_yaml_parse_list_file(const char *path, const char *data, size_t size, const char *item_problem,
                             const char *root_problem, rs_yaml_item_fn each, void *state, rs_diags *diags);

/* The scalar's text without surrounding white space, newly allocated; NULL
 * (and a diagnostic) when the node is not a scalar. Empty, "~" and "null"
 * mean absent: *empty is set and NULL returned without a diagnostic. */
char *rs_yaml_scalar(yaml_source *ys, yaml_node_t *node, const char *field, bool *empty, rs_diags *diags);

/* Calls handle for each known field of mapping (fields[0..field_count),
 * at most 32); reports unknown fields (with a "did you mean") and repeated
 * ones. what names the file's kind of mapping ("statement"). */
void rs_yaml_walk(yaml_source *ys, yaml_node_t *mapping, const char *const *fields, int field_count, const char *what,
                  rs_field_handler handle, void *context, rs_diags *diags);

/* True when node is a plain scalar followed on its line by " #": libyaml
 * took the rest of the line for a comment ("title: Statement #2" is
 * "Statement"). */
bool rs_yaml_cut_by_comment(yaml_source *ys, const yaml_node_t *node);

/* A free-text value (the node value of key): a plain string, or when
 * field->stored is set also a mapping by language tag. Returns the value in
 * default_language (newly allocated) or NULL when absent or wrong; adds
 * every other language to translations. Checks the tags, the limits, empty
 * and repeated languages, and a value cut short by a comment. */
char *rs_yaml_text(yaml_source *ys, yaml_node_t *key, yaml_node_t *value, const rs_text_field *field,
                   const char *default_language, rs_translations *translations, rs_diags *diags);

/* Frees every translation. */
void rs_translations_clear(rs_translations *translations);

/* The collection's language from context, "en" without one. */
const char *rs_source_default_language(const rs_source_context *context);

/* ---- party lists (parties.c) ---- */

/* A statement's countries:/parties: or an event's parties: (field names
 * which): codes (ISO 3166-1, or context's parties) mapped to a role or a
 * list of roles. Appends to *refs (capacity in *capacity). */
void rs_party_refs_parse(yaml_source *ys, yaml_node_t *value, const char *field, const rs_source_context *context,
                         rs_country_ref **refs, size_t *count, size_t *capacity, rs_diags *diags);

#endif
