/*
 * What every fuzz target in tests/fuzz defines, and the one helper they
 * share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput. With -DROSTRUM_FUZZ=ON
 * (clang) it links with libFuzzer's driver; in every other build it links
 * with replay.c, a main that runs it over the files and folders named on
 * the command line, so the seed corpus runs as an ordinary ctest under gcc
 * and under the sanitizers.
 */
#ifndef RS_FUZZ_H
#define RS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: says which, where, and aborts, which both libFuzzer
 * and ctest report as a crash with the input that caused it. */
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
