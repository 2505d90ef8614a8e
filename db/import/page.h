/*
 * A page to import: the text of one input file (plain text, HTML, an
 * archive's JSON record or Markdown with a YAML front matter), unwrapped into
 * lines, with what the file's own structure says about it (a <title>, a meta
 * date, a front matter's fields) kept apart as hints.
 *
 * Reading refuses, in one line naming the file, what is not a page: an empty
 * file, a binary, invalid UTF-8 (with its byte offset), a file over
 * RS_PAGE_MAX_BYTES, an extension the importer does not read.
 */
#ifndef RS_PAGE_H
#define RS_PAGE_H

#include <stdbool.h>
#include <stddef.h>

/* A 50 MB "page" is not a statement: refused whole, never cut. */
#define RS_PAGE_MAX_BYTES ((size_t)16 * 1024 * 1024)

typedef enum { RS_PAGE_TEXT, RS_PAGE_HTML, RS_PAGE_JSON, RS_PAGE_MARKDOWN } rs_page_kind;

/* Hints from the file's structure, each with where it came from. */
typedef enum { RS_HINT_TITLE, RS_HINT_DATE, RS_HINT_URL, RS_HINT_OUTLET, RS_HINT_LANGUAGE, RS_HINT_COUNT } rs_hint;

typedef struct rs_page rs_page;

/* Reads and unwraps the file at path (its kind from its extension). Returns
 * the page (caller destroys) or NULL with one line for the curator in error
 * ("path: the file is empty (nothing to import)"). */
rs_page *rs_page_read(const char *path, char *error, size_t error_size);

/* Every page of the file at path: one, or one per record of a JSON
 * array of records. Returns the pages (caller destroys each and frees the
 * array; *count of them) or NULL with one line in error when the file
 * itself is refused. A record that is refused leaves a NULL in its place
 * and its line in errors[i] (caller frees). */
rs_page **rs_page_read_all(const char *path, size_t *count, char ***errors, char *error, size_t error_size);

/* The same from bytes in memory (the name only gives the kind and the
 * messages); bytes need not be NUL-terminated. */
rs_page *rs_page_from_bytes(const char *name, const char *bytes, size_t size, char *error, size_t error_size);

void rs_page_destroy(rs_page *page);

rs_page_kind rs_page_kind_of(const rs_page *page);

/* Lines of text in reading order: "" separates paragraphs. line_number is
 * the line in the input file (plain text, Markdown), or 0 when the text came
 * from a structure (HTML, JSON). Valid until the page is destroyed. */
size_t rs_page_line_count(const rs_page *page);
const char *rs_page_line(const rs_page *page, size_t index, int *line_number);

/* True when single line breaks inside a paragraph may be hard wraps to
 * join (plain text, Markdown, JSON text); false when every line is already
 * a block of its own (HTML). */
bool rs_page_wrapped(const rs_page *page);

/* A hint's value and where it came from ("<title>", "meta article:published_time",
 * "front matter line 3"), or NULL. */
const char *rs_page_hint(const rs_page *page, rs_hint hint, const char **from);

/* For the readers of each kind (html.c, archive.c): add a line (copied;
 * line_number as above), set a hint (copied; the first set wins). */
void rs_page_add_line(rs_page *page, const char *text, size_t length, int line_number);
void rs_page_set_hint(rs_page *page, rs_hint hint, const char *value, const char *from);

/* Splits text into lines into page (CRLF and CR are line ends). */
void rs_page_add_text(rs_page *page, const char *text, size_t length, int first_line_number);

#endif
