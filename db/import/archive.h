/*
 * Text kept in an archive's record: a JSON object with the text in one field
 * ("text", "body", "content", ...) and the title, date, URL beside it, or
 * Markdown with a YAML front matter. The wrapping is undone: JSON escapes by
 * the JSON parser, Markdown's backslash escapes, emphasis and links by hand.
 */
#ifndef RS_ARCHIVE_H
#define RS_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "page.h"

/* Each fills page from UTF-8 bytes; false with one line in error otherwise. */
bool rs_archive_read_json(rs_page *page, const char *name, const char *bytes, size_t size, char *error,
                          size_t error_size);
bool rs_archive_read_markdown(rs_page *page, const char *name, const char *bytes, size_t size, char *error,
                              size_t error_size);

/* When bytes are a JSON array of more than one record: each record as its
 * own JSON text into *records (caller frees each and the array) and true;
 * false (nothing allocated) for anything else. */
bool rs_archive_split_json(const char *bytes, size_t size, char ***records, size_t *count);

#endif
