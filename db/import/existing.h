/*
 * A collection's existing statements (--existing SOURCE_DIR), read with the
 * builder's own parser: their ids (a draft's id must differ from every one)
 * and their bodies, to suggest same_as for a draft whose text is the same
 * as one of them: equal once runs of white space are folded to one space,
 * or sharing at least 90 % of their sentences. Only statements in the
 * draft's language are compared: a translation gets nothing automatic.
 */
#ifndef RS_EXISTING_H
#define RS_EXISTING_H

#include <stddef.h>

typedef struct rs_existing rs_existing;

/* Reads every *.txt of dir. NULL with a message in error when dir cannot
 * be read; a file that does not parse is skipped (the builder says why). */
rs_existing *rs_existing_load(const char *dir, char *error, size_t error_size);
void rs_existing_destroy(rs_existing *existing);

size_t rs_existing_count(const rs_existing *existing);
/* The index-th statement's id (and file name without .txt when different:
 * both are taken). */
const char *rs_existing_id(const rs_existing *existing, size_t index);
const char *rs_existing_name(const rs_existing *existing, size_t index);

/* The id of the statement body is the same text as, or NULL; *evidence
 * (caller frees) says how ("the same text as x.txt once white space is
 * folded", "12 of 13 sentences shared with x.txt"). language is the
 * draft's (NULL: compare with all). */
const char *rs_existing_same_as(const rs_existing *existing, const char *body, const char *language,
                                char **evidence);

#endif
