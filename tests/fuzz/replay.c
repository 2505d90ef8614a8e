/*
 * The main of a fuzz target outside libFuzzer: runs LLVMFuzzerTestOneInput
 * once on every file named on the command line and on every regular file of
 * every folder named (not recursively, in name order). Used by the ctest
 * tests fuzz_<name>_replay to run the seed corpus in the normal and the
 * sanitizer builds, and by hand to replay a crash found by `make fuzz`:
 *
 *   build/tests/fuzz/fuzz_wrap build-fuzz/fuzz-work/artifacts/wrap/crash-...
 *
 * Each input is given in a buffer of exactly its size, as libFuzzer does, so
 * that a read past the end is caught by AddressSanitizer. Exit status 0 when
 * at least one input ran and none crashed, 1 when nothing could be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t inputs_run;

/* Runs one file; false if it cannot be read. */
static int run_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return 0;
    }
    size_t capacity = 4096, size = 0;
    unsigned char *buffer = malloc(capacity);
    if (!buffer)
        abort();
    size_t n;
    while ((n = fread(buffer + size, 1, capacity - size, file)) > 0) {
        size += n;
        if (size == capacity) {
            capacity *= 2;
            buffer = realloc(buffer, capacity);
            if (!buffer)
                abort();
        }
    }
    int failed = ferror(file);
    fclose(file);
    if (failed) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(buffer);
        return 0;
    }
    /* Exactly size bytes, so that one byte too far is out of bounds. */
    unsigned char *input = malloc(size ? size : 1);
    if (!input)
        abort();
    memcpy(input, buffer, size);
    free(buffer);
    LLVMFuzzerTestOneInput(input, size);
    free(input);
    inputs_run++;
    return 1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of a folder, in name order; false if it cannot be
 * listed or a file cannot be read. */
static int run_dir(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "replay: cannot list %s: %s\n", path, strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t count = 0, capacity = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            names = realloc(names, capacity * sizeof *names);
            if (!names)
                abort();
        }
        size_t length = strlen(path) + strlen(entry->d_name) + 2;
        names[count] = malloc(length);
        if (!names[count])
            abort();
        snprintf(names[count], length, "%s/%s", path, entry->d_name);
        count++;
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    int ok = 1;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            ok &= run_file(names[i]);
        free(names[i]);
    }
    free(names);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    int ok = 1;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            ok = 0;
        } else if (S_ISDIR(st.st_mode)) {
            ok &= run_dir(argv[i]);
        } else {
            ok &= run_file(argv[i]);
        }
    }
    printf("replayed %zu inputs\n", inputs_run);
    return ok && inputs_run > 0 ? 0 : 1;
}
