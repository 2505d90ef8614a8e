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

/* A search for the candidate nearest to a word, for a "did you mean" hint:
 * start it, offer each candidate, then ask for the hint. Byte distance,
 * case kept. */
typedef struct rs_nearest {
    const char *input;
    const char *best; /* the nearest candidate offered so far, or NULL */
    size_t distance;  /* best's distance; one more than allowed while none */
} rs_nearest;

/* A search for the candidate within max_distance edits of input. input
 * must outlive the search. */
rs_nearest rs_nearest_start(const char *input, size_t max_distance);

/* Keeps candidate when it is nearer than every one before it (on a tie the
 * first stays). candidate must outlive the search. */
void rs_nearest_offer(rs_nearest *nearest, const char *candidate);

/* "; did you mean 'CANDIDATE'?" (the candidate cut at 100 bytes) into hint,
 * or "" when no candidate was near enough. */
void rs_nearest_hint(const rs_nearest *nearest, char *hint, size_t hint_size);

#endif
