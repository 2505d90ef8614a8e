/*
 * Edit distance for "did you mean" hints (the builder's field names,
 * countries and ids; the viewer's settings keys).
 */
#ifndef RS_DISTANCE_H
#define RS_DISTANCE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest string compared, in bytes: longer ones are never "close". */
#define RS_DISTANCE_MAX_LENGTH 100

/* Levenshtein distance between a and b counted in bytes (ASCII case folded
 * when fold_case), or limit + 1 as soon as it must exceed limit, or when
 * either string is longer than RS_DISTANCE_MAX_LENGTH. */
size_t rs_edit_distance(const char *a, const char *b, size_t limit, bool fold_case);

#endif
