/*
 * gen_corpus's random numbers and output buffer. The random numbers are
 * splitmix64 streams, one per (seed, purpose, index), so that every file
 * gen_corpus writes is a function of its arguments alone. The small,
 * hot functions are inline here (a word is one put); growing a buffer and
 * formatting are in gen_util.c.
 */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- random numbers: splitmix64 ---- */

typedef struct rng {
    uint64_t state;
} rng;

static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline uint64_t next64(rng *r)
{
    r->state += UINT64_C(0x9E3779B97F4A7C15);
    return mix64(r->state);
}

/* An independent stream for (seed, purpose, index). */
static inline rng rng_for(uint64_t seed, uint64_t purpose, uint64_t index)
{
    rng r = {mix64(mix64(seed ^ UINT64_C(0x5253545253545253)) ^ mix64((purpose << 40) ^ index))};
    return r;
}

/* Uniform in 0..n-1 (n > 0); the modulo bias is irrelevant here. */
static inline uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)((next64(r) >> 16) % n);
}

/* Uniform in lo..hi inclusive. */
static inline uint32_t between(rng *r, uint32_t lo, uint32_t hi)
{
    return lo + below(r, hi - lo + 1);
}

/* True with probability per / out_of. */
static inline bool chance(rng *r, uint32_t per, uint32_t out_of)
{
    return below(r, out_of) < per;
}

/* Uniform in [0, 1). */
static inline double unit(rng *r)
{
    return (double)(next64(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- an append-only byte buffer ---- */

typedef struct buffer {
    char *data;
    size_t length, capacity;
} buffer;

/* Makes room for at least b->length + more bytes (exits when out of memory). */
void buffer_grow(buffer *b, size_t more);

static inline void reserve(buffer *b, size_t more)
{
    if (!b->data || b->length + more > b->capacity)
        buffer_grow(b, more);
}

static inline void put(buffer *b, const char *text, size_t length)
{
    reserve(b, length);
    char *out = b->data + b->length;
    if (length <= 16) /* most words: cheaper than a call to memcpy */
        for (size_t i = 0; i < length; i++)
            out[i] = text[i];
    else
        memcpy(out, text, length);
    b->length += length;
}

static inline void puts_(buffer *b, const char *text)
{
    put(b, text, strlen(text));
}

static inline void putc_(buffer *b, char c)
{
    reserve(b, 1);
    b->data[b->length++] = c;
}

/* Appends printf's output. */
void printf_(buffer *b, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Number of UTF-8 code points in text[0..length). */
size_t code_points(const char *text, size_t length);

/* strdup that exits when out of memory. */
char *xstrdup(const char *text);

#endif
