#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct rs_diags {
    char **entries;
    size_t count, capacity;
};

rs_diags *rs_diags_create(void)
{
    rs_diags *diags = calloc(1, sizeof *diags);
    if (!diags)
        abort();
    return diags;
}

void rs_diags_destroy(rs_diags *diags)
{
    if (!diags)
        return;
    for (size_t i = 0; i < diags->count; i++)
        free(diags->entries[i]);
    free(diags->entries);
    free(diags);
}

void rs_diags_add(rs_diags *diags, const char *path, unsigned line, const char *format, ...)
{
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);

    size_t size = strlen(path) + strlen(message) + 32;
    char *entry = malloc(size);
    if (!entry)
        abort();
    if (line > 0)
        snprintf(entry, size, "%s:%u: %s", path, line, message);
    else
        snprintf(entry, size, "%s: %s", path, message);

    if (diags->count == diags->capacity) {
        diags->capacity = diags->capacity ? diags->capacity * 2 : 16;
        diags->entries = realloc(diags->entries, diags->capacity * sizeof *diags->entries);
        if (!diags->entries)
            abort();
    }
    diags->entries[diags->count++] = entry;
}

size_t rs_diags_count(const rs_diags *diags)
{
    return diags->count;
}

const char *rs_diags_get(const rs_diags *diags, size_t index)
{
    return index < diags->count ? diags->entries[index] : NULL;
}

void rs_diags_print(const rs_diags *diags, FILE *out)
{
    for (size_t i = 0; i < diags->count; i++)
        fprintf(out, "%s\n", diags->entries[i]);
}
