#include "pin.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/memops.h>
#include <nettle/pbkdf2.h>

#define HASH_BYTES 32
#define PREFIX "pbkdf2-sha256$"

typedef struct parsed_hash {
    unsigned iterations;
    uint8_t salt[RS_PIN_SALT_MAX];
    size_t salt_size;
    uint8_t hash[HASH_BYTES];
} parsed_hash;

bool rs_pin_valid(const char *pin)
{
    if (!pin)
        return false;
    size_t n = 0;
    for (; pin[n]; n++)
        if (pin[n] < '0' || pin[n] > '9')
            return false;
    return n >= RS_PIN_MIN_DIGITS && n <= RS_PIN_MAX_DIGITS;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes exactly len hex digits at s into out (len/2 bytes). */
static bool decode_hex(const char *s, size_t len, uint8_t *out)
{
    if (len % 2)
        return false;
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_value((unsigned char)s[i]), lo = hex_value((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

static void encode_hex(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Splits "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX". Returns NULL when
 * well formed, else what is wrong. */
static const char *parse_hash(const char *v, parsed_hash *out)
{
    if (strncmp(v, PREFIX, strlen(PREFIX)) != 0)
        return "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)";
    const char *iter = v + strlen(PREFIX);
    const char *salt = strchr(iter, '$');
    const char *hash = salt ? strchr(salt + 1, '$') : NULL;
    if (!salt || !hash)
        return "not a PIN hash (expected pbkdf2-sha256$ITERATIONS$SALT$HASH)";
    salt++, hash++;
    unsigned long n = 0;
    size_t iter_len = (size_t)(salt - 1 - iter);
    for (size_t i = 0; i < iter_len && n <= RS_PIN_ITERATIONS_MAX; i++)
        n = isdigit((unsigned char)iter[i]) ? n * 10 + (unsigned long)(iter[i] - '0') : RS_PIN_ITERATIONS_MAX + 1;
    if (n < RS_PIN_ITERATIONS_MIN || n > RS_PIN_ITERATIONS_MAX)
        return "the iteration count must be from 10000 to 1000000";
    size_t salt_len = (size_t)(hash - 1 - salt);
    if (salt_len < 2 * RS_PIN_SALT_MIN || salt_len > 2 * RS_PIN_SALT_MAX || !decode_hex(salt, salt_len, out->salt))
        return "the salt must be 16 to 128 hexadecimal digits";
    if (strlen(hash) != 2 * HASH_BYTES || !decode_hex(hash, 2 * HASH_BYTES, out->hash))
        return "the hash must be 64 hexadecimal digits";
    out->iterations = (unsigned)n;
    out->salt_size = salt_len / 2;
    return NULL;
}

const char *rs_pin_problem(const char *stored)
{
    parsed_hash parsed;
    return parse_hash(stored ? stored : "", &parsed);
}

static bool random_bytes(uint8_t *out, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(out + got, n - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        got += (size_t)r;
    }
    return true;
}

bool rs_pin_hash_salted(const char *pin, unsigned iterations, const uint8_t *salt, size_t salt_size, char *out,
                        size_t size)
{
    if (!out || size == 0)
        return false;
    out[0] = '\0';
    if (!rs_pin_valid(pin) || !salt || iterations < RS_PIN_ITERATIONS_MIN || iterations > RS_PIN_ITERATIONS_MAX ||
        salt_size < RS_PIN_SALT_MIN || salt_size > RS_PIN_SALT_MAX)
        return false;
    uint8_t hash[HASH_BYTES];
    pbkdf2_hmac_sha256(strlen(pin), (const uint8_t *)pin, iterations, salt_size, salt, sizeof hash, hash);
    char salt_hex[2 * RS_PIN_SALT_MAX + 1], hash_hex[2 * HASH_BYTES + 1];
    encode_hex(salt, salt_size, salt_hex);
    encode_hex(hash, sizeof hash, hash_hex);
    int n = snprintf(out, size, PREFIX "%u$%s$%s", iterations, salt_hex, hash_hex);
    if (n < 0 || (size_t)n >= size) {
        out[0] = '\0';
        return false;
    }
    return true;
}

bool rs_pin_hash(const char *pin, char *out, size_t size)
{
    if (out && size)
        out[0] = '\0';
    uint8_t salt[RS_PIN_SALT_BYTES];
    if (!rs_pin_valid(pin) || !random_bytes(salt, sizeof salt))
        return false;
    return rs_pin_hash_salted(pin, RS_PIN_ITERATIONS, salt, sizeof salt, out, size);
}

bool rs_pin_verify(const char *stored, const char *pin)
{
    parsed_hash parsed;
    if (!stored || parse_hash(stored, &parsed) != NULL)
        return false;
    /* The hash is computed for any input, so a wrong PIN of any shape takes
     * the same time as a right one. */
    const char *input = pin ? pin : "";
    uint8_t hash[HASH_BYTES];
    pbkdf2_hmac_sha256(strlen(input), (const uint8_t *)input, parsed.iterations, parsed.salt_size, parsed.salt,
                       sizeof hash, hash);
    int same = memeql_sec(hash, parsed.hash, sizeof hash);
    return same && rs_pin_valid(pin);
}
