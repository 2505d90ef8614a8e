/*
 * The monkey's PRNG: a small one of our own (xoshiro256**, seeded by
 * splitmix64), so that a seed plays the same run on every machine.
 */
#include "monkey.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [lo, hi] (inclusive). */
int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* Uniform in [0, 1). */
double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

float rng_float(rng *r, float lo, float hi)
{
    return lo + (hi - lo) * (float)rng_unit(r);
}

/* Log-uniform in [lo, hi]: as many short waits as long ones per decade. */
uint64_t rng_log(rng *r, double lo, double hi)
{
    return (uint64_t)(lo * exp(rng_unit(r) * log(hi / lo)));
}

bool rng_chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

