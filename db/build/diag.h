/*
 * Diagnostics: the list of problems found in a source folder.
 *
 * The builder reports every problem, not just the first, so a curator can fix
 * a whole folder in one pass. Each entry is kept already formatted as
 * "path:line: message", the form editors and terminals understand.
 */
#ifndef RS_DIAG_H
#define RS_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef struct rs_diags rs_diags;

rs_diags *rs_diags_create(void);
void rs_diags_destroy(rs_diags *diags);

/* Adds "path:line: message". line 0 means the file as a whole ("path: message"). */
void rs_diags_add(rs_diags *diags, const char *path, unsigned line, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

size_t rs_diags_count(const rs_diags *diags);
/* The index-th entry, valid until the diags are destroyed. */
const char *rs_diags_get(const rs_diags *diags, size_t index);
/* Writes every entry, one per line. */
void rs_diags_print(const rs_diags *diags, FILE *out);

#endif
