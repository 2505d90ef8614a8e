/*
 * A new statement file from a template: rostrum-bundle new.
 *
 * The template holds every field of a statement, each explained in a
 * comment above it, the optional ones present but empty (an empty value is
 * an absent one). Once the curator has written the title and the text it
 * lints clean; untouched, lint says exactly those two things are missing.
 */
#ifndef RS_TEMPLATE_H
#define RS_TEMPLATE_H

#include <stddef.h>

/* The template for a statement with this id and language (both as given),
 * newly allocated. */
char *rs_template_text(const char *id, const char *language);

/* Writes the template into dir as ID.txt, never over an existing file:
 * with id NULL, the first free of new-statement, new-statement-2, ...; the
 * language is the collection's (dir/bundle.yaml), else en. Returns the path
 * written (caller frees), or NULL with a one-line reason in error (an id
 * that is not a slug, a file already there, a folder that cannot be written). */
char *rs_template_write(const char *dir, const char *id, char *error, size_t error_size);

#endif
