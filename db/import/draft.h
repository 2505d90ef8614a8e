/*
 * Writing a draft statement file: the header (every field with its
 * evidence as a comment, "# CHECK:" where the curator must look) and the
 * body, in the source format `rostrum-bundle build` reads. A draft never
 * replaces a file: it is created with O_EXCL under an id not yet used in
 * the folder, and removed again if it could not be written whole.
 */
#ifndef RS_DRAFT_H
#define RS_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "body.h"
#include "header.h"

typedef struct rs_draft_folder rs_draft_folder;

/* Opens dir (which must exist) and reads the ids its *.txt files use.
 * NULL with a message in error otherwise. */
rs_draft_folder *rs_draft_folder_open(const char *dir, char *error, size_t error_size);
void rs_draft_folder_close(rs_draft_folder *folder);

/* Marks id as taken (an id of --existing): no draft gets it. */
void rs_draft_folder_reserve(rs_draft_folder *folder, const char *id);

/* The slug for header: outlet, date and the title's first words, as an id
 * ("xinhua-2021-07-20-britain-s-cyberattack-accusation"). Caller frees. */
char *rs_draft_slug(const rs_header *header);

/* The draft's text for id (caller frees). source names the input. */
char *rs_draft_text(const char *id, const char *source, const rs_header *header, const rs_body *body);

/* Writes the draft of header and body into folder under a new id (the slug,
 * then slug-2, slug-3, ...). Returns the path written (caller frees) and
 * the id in *id (caller frees), or NULL with a message in error; nothing is
 * left behind on failure. */
char *rs_draft_write(rs_draft_folder *folder, const char *source, const rs_header *header, const rs_body *body,
                     char **id, char *error, size_t error_size);

#endif
