/*
 * The staff PIN: 4 to 8 ASCII digits, kept in the settings file only as a
 * salted PBKDF2-HMAC-SHA256 hash (nettle), written
 *
 *   pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX
 *
 * with 10,000 to 1,000,000 iterations, a salt of 8 to 64 bytes and a 32-byte
 * hash (hex digits in either case). `rostrum --hash-pin PIN` makes one; the
 * settings file refuses anything else in admin_pin; the PIN pad checks what
 * is typed against it. A four-digit PIN is weak whatever the hash: the
 * iterations only slow down someone holding a copy of the settings file, and
 * the PIN pad's lockout is what protects the kiosk itself.
 *
 * No SDL, no global state; safe from any thread.
 */
#ifndef RS_PIN_H
#define RS_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RS_PIN_MIN_DIGITS 4
#define RS_PIN_MAX_DIGITS 8
/* The work in hashes made by rs_pin_hash; rs_pin_verify accepts any count
 * from RS_PIN_ITERATIONS_MIN to RS_PIN_ITERATIONS_MAX. */
#define RS_PIN_ITERATIONS 100000u
#define RS_PIN_ITERATIONS_MIN 10000u
#define RS_PIN_ITERATIONS_MAX 1000000u
/* Salt bytes: made by rs_pin_hash, and accepted. */
#define RS_PIN_SALT_BYTES 16
#define RS_PIN_SALT_MIN 8
#define RS_PIN_SALT_MAX 64
/* Enough for any hash rs_pin_hash makes, with its terminating zero. */
#define RS_PIN_HASH_TEXT_SIZE 128

/* True for 4 to 8 ASCII digits (NULL: false). */
bool rs_pin_valid(const char *pin);

/* Hashes pin with RS_PIN_ITERATIONS iterations and a fresh random salt of
 * RS_PIN_SALT_BYTES from getrandom(), as the text above, into out (size
 * bytes; RS_PIN_HASH_TEXT_SIZE is enough). Returns false, with out "", for
 * a PIN that is not rs_pin_valid, when the system gives no random bytes, or
 * when out is too small. */
bool rs_pin_hash(const char *pin, char *out, size_t size);

/* The same with the iterations and salt given (salt_size bytes): the same
 * inputs always give the same text. Also false for iterations or a salt
 * size outside what rs_pin_verify accepts. */
bool rs_pin_hash_salted(const char *pin, unsigned iterations, const uint8_t *salt, size_t salt_size, char *out,
                        size_t size);

/* NULL when stored is a well-formed hash text; otherwise what is wrong with
 * it, in words for the settings file's error message (static storage). */
const char *rs_pin_problem(const char *stored);

/* True when pin is rs_pin_valid and hashes to stored. False for a malformed
 * stored text (see rs_pin_problem) or NULL. The hashes are compared in
 * constant time, and a PIN of the wrong shape is hashed all the same, so the
 * answer takes as long whatever was typed. */
bool rs_pin_verify(const char *stored, const char *pin);

#endif
