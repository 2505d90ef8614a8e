/*
 * Who speaks: "Spokesperson Hua Chunying", "Foreign Ministry spokesperson
 * Hua Chunying", "发言人赵立坚", "официальный представитель МИД России
 * Мария Захарова", or an unnamed "Embassy Spokesperson".
 */
#ifndef RS_SPEAKERS_H
#define RS_SPEAKERS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_speaker_found {
    char name[160];   /* "Hua Chunying", or "Unnamed spokesperson" */
    char role[200];   /* "Foreign Ministry spokesperson", "" when none */
    char said[240];   /* the words matched */
    bool named;       /* false for an unnamed spokesperson */
} rs_speaker_found;

/* The first speaker text names; false when none. */
bool rs_speakers_find(const char *text, rs_speaker_found *found);

#endif
