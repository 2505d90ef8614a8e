/* Mono 16-bit PCM WAV files (wav.h). The header is written byte by byte,
 * little-endian whatever the machine, as RIFF requires. */
#include "wav.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

bool rs_wav_write(const char *path, const int16_t *samples, size_t count, int rate, char *error, size_t error_size)
{
    if (count > (UINT32_MAX - 36) / 2 || rate <= 0) {
        snprintf(error, error_size, "%s: too long for a WAV file", path);
        return false;
    }
    uint32_t data = (uint32_t)(count * 2);
    unsigned char header[44];
    memcpy(header, "RIFF", 4);
    put32(header + 4, 36 + data);
    memcpy(header + 8, "WAVEfmt ", 8);
    put32(header + 16, 16);                      /* the fmt chunk's size */
    put16(header + 20, 1);                       /* PCM */
    put16(header + 22, 1);                       /* mono */
    put32(header + 24, (uint32_t)rate);          /* samples a second */
    put32(header + 28, (uint32_t)rate * 2);      /* bytes a second */
    put16(header + 32, 2);                       /* bytes a frame */
    put16(header + 34, 16);                      /* bits a sample */
    memcpy(header + 36, "data", 4);
    put32(header + 40, data);
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(error, error_size, "%s: cannot be written: %s", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(header, 1, sizeof header, f) == sizeof header;
    unsigned char block[4096];
    for (size_t i = 0; ok && i < count;) {
        size_t n = 0;
        for (; i < count && n + 2 <= sizeof block; i++, n += 2)
            put16(block + n, (uint16_t)samples[i]);
        ok = fwrite(block, 1, n, f) == n;
    }
    int saved = errno;
    if (fclose(f) != 0 && ok)
        ok = false, saved = errno;
    if (!ok) {
        snprintf(error, error_size, "%s: cannot be written: %s", path, strerror(saved));
        remove(path);
    }
    return ok;
}

bool rs_wav_read(const char *path, int16_t **samples, size_t *count, int *rate, char *error, size_t error_size)
{
    *samples = NULL, *count = 0, *rate = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(error, error_size, "%s: cannot be read: %s", path, strerror(errno));
        return false;
    }
    unsigned char header[44];
    bool ok = fread(header, 1, sizeof header, f) == sizeof header && memcmp(header, "RIFF", 4) == 0 &&
              memcmp(header + 8, "WAVEfmt ", 8) == 0 && get32(header + 16) == 16 && get16(header + 20) == 1 &&
              get16(header + 22) == 1 && get16(header + 34) == 16 && memcmp(header + 36, "data", 4) == 0;
    if (!ok) {
        fclose(f);
        snprintf(error, error_size, "%s: not a mono 16-bit PCM WAV file", path);
        return false;
    }
    size_t n = get32(header + 40) / 2;
    int16_t *out = rs_xmalloc((n ? n : 1) * sizeof *out);
    unsigned char pair[2];
    size_t i = 0;
    for (; i < n && fread(pair, 1, 2, f) == 2; i++)
        out[i] = (int16_t)get16(pair);
    fclose(f);
    if (i < n) {
        free(out);
        snprintf(error, error_size, "%s: cut short (%zu of %zu samples)", path, i, n);
        return false;
    }
    *samples = out, *count = n, *rate = (int)get32(header + 24);
    return true;
}
