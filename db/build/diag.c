#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

struct rs_diags {
    char **entries;
    size_t count, capacity;
};

rs_diags *rs_diags_create(void)
{
    return rs_xcalloc(1, sizeof(rs_diags));
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
    char *entry = rs_xmalloc(size);
    if (line > 0)
        snprintf(entry, size, "%s:%u: %s", path, line, message);
    else
        snprintf(entry, size, "%s: %s", path, message);

    rs_grow(&diags->entries, &diags->capacity, diags->count + 1, sizeof *diags->entries);
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
