/*
 * Broken invariants and running out of memory: the two ways Rostrum stops
 * on purpose. Both print one line to stderr naming where, then abort(), so
 * a core dump or the systemd journal shows the place; the kiosk's service
 * restarts the viewer.
 *
 * RS_EXPECT(cond) is for programmer errors only (a state the code itself
 * must never reach). Bad input, a corrupt bundle or a missing file are not
 * programmer errors: they return a status that reaches a person.
 *
 * The rs_x* allocators never return NULL: on failure they take the single
 * out-of-memory path. rs_grow grows an array geometrically (never one
 * element per realloc) and stops on a size that would overflow.
 */
#ifndef RS_EXPECT_H
#define RS_EXPECT_H

#include <stddef.h>

#define RS_EXPECT(cond) ((cond) ? (void)0 : rs_expect_failed(#cond, __FILE__, __LINE__))

_Noreturn void rs_expect_failed(const char *what, const char *file, int line);
_Noreturn void rs_out_of_memory(const char *file, int line);

#define rs_xmalloc(n) rs_xmalloc_at((n), __FILE__, __LINE__)
#define rs_xcalloc(count, size) rs_xcalloc_at((count), (size), __FILE__, __LINE__)
#define rs_xrealloc(p, n) rs_xrealloc_at((p), (n), __FILE__, __LINE__)
#define rs_xstrdup(s) rs_xstrdup_at((s), __FILE__, __LINE__)
#define rs_xstrndup(s, n) rs_xstrndup_at((s), (n), __FILE__, __LINE__)
/* Makes room for at least `needed` items of `item_size` bytes in *items,
 * whose capacity is *capacity: doubles (from 8) until it fits. */
#define rs_grow(items, capacity, needed, item_size)                                                                    \
    rs_grow_at((void **)(items), (capacity), (needed), (item_size), __FILE__, __LINE__)

void *rs_xmalloc_at(size_t n, const char *file, int line);
void *rs_xcalloc_at(size_t count, size_t size, const char *file, int line);
void *rs_xrealloc_at(void *p, size_t n, const char *file, int line);
char *rs_xstrdup_at(const char *s, const char *file, int line);
char *rs_xstrndup_at(const char *s, size_t n, const char *file, int line);

/* printf into a new string of the size it needs; the caller frees it. */
char *rs_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rs_grow_at(void **items, size_t *capacity, size_t needed, size_t item_size, const char *file, int line);

#endif
