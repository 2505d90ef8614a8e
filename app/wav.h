/*
 * WAV files: mono 16-bit PCM (RIFF/WAVE, little-endian), what
 * `rostrum --speak-to` writes, and a reader for the tests. No SDL.
 */
#ifndef RS_WAV_H
#define RS_WAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes count samples at rate samples a second to path (replaced). False
 * with a sentence naming path in error when it cannot be written. */
bool rs_wav_write(const char *path, const int16_t *samples, size_t count, int rate, char *error, size_t error_size);

/* Reads a mono 16-bit PCM WAV file: its samples (the caller frees
 * *samples), their count and rate. False with a sentence in error for
 * anything else (another format, a file cut short). */
bool rs_wav_read(const char *path, int16_t **samples, size_t *count, int *rate, char *error, size_t error_size);

#endif
