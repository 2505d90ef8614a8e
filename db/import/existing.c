/*
 * Existing statements. Sentences are compared whole, white space folded,
 * as sorted lists: a draft is compared with every statement by one merge
 * per statement, linear in their sizes.
 */
#include "existing.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "expect.h"
#include "file.h"
#include "source.h"
#include "strbuf.h"

typedef struct {
    char *id, *name, *language, *folded; /* folded: the body, white space folded */
    char **sentences; /* sorted, unique */
    size_t sentence_count;
} statement;

struct rs_existing {
    statement *items;
    size_t count, capacity;
};

/* text with every run of white space one space, none at either end. */
static char *fold_space(const char *text)
{
    rs_strbuf out = {0};
    bool space = false;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = out.length > 0;
            continue;
        }
        if (space)
            rs_strbuf_append(&out, " ", 1);
        space = false;
        rs_strbuf_append(&out, p, 1);
    }
    if (!out.data)
        rs_strbuf_append(&out, "", 0);
    return out.data;
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The folded text's sentences (ends: . ! ? and 。！？), sorted, unique. */
static char **sentences_of(const char *folded, size_t *count)
{
    char **list = NULL;
    size_t n = 0, capacity = 0;
    const char *start = folded;
    for (const char *p = folded;; p++) {
        size_t end_length = 0;
        if (!*p)
            end_length = 0;
        else if (strchr(".!?", *p) && (p[1] == ' ' || !p[1]))
            end_length = 1;
        else if (strncmp(p, "。", 3) == 0 || strncmp(p, "！", 3) == 0 || strncmp(p, "？", 3) == 0)
            end_length = 3;
        else
            continue;
        const char *end = p + end_length;
        while (start < end && *start == ' ')
            start++;
        if (end > start) {
            rs_grow(&list, &capacity, n + 1, sizeof *list);
            list[n++] = rs_xstrndup(start, (size_t)(end - start));
        }
        if (!*p)
            break;
        start = end;
        p = end - 1;
    }
    if (n)
        qsort(list, n, sizeof *list, by_text);
    size_t unique = 0;
    for (size_t i = 0; i < n; i++) {
        if (unique && strcmp(list[unique - 1], list[i]) == 0)
            free(list[i]);
        else
            list[unique++] = list[i];
    }
    *count = unique;
    return list;
}

static void add_statement(rs_existing *existing, const char *name, const rs_statement_source *source)
{
    rs_grow(&existing->items, &existing->capacity, existing->count + 1, sizeof *existing->items);
    statement *s = &existing->items[existing->count++];
    s->name = rs_xstrdup(name);
    s->id = rs_xstrdup(source->id ? source->id : name);
    s->language = source->language ? rs_xstrdup(source->language) : NULL;
    s->folded = fold_space(source->body ? source->body : "");
    s->sentences = sentences_of(s->folded, &s->sentence_count);
}

static void read_statement(rs_existing *existing, const char *dir, const char *file)
{
    rs_strbuf path = {0};
    rs_strbuf_append(&path, dir, strlen(dir));
    rs_strbuf_append(&path, "/", 1);
    rs_strbuf_append(&path, file, strlen(file));
    char reason[256];
    size_t size = 0;
    char *data = rs_file_read_regular(path.data, RS_SOURCE_MAX_FILE_BYTES, &size, reason, sizeof reason);
    if (data) {
        rs_diags *diags = rs_diags_create();
        rs_statement_source source = {0};
        rs_source_context context = {NULL, NULL, "en"};
        rs_source_parse_statement(path.data, data, size, &context, true, &source, diags);
        char *name = rs_xstrndup(file, strlen(file) - 4);
        add_statement(existing, name, &source);
        free(name);
        rs_statement_source_clear(&source);
        rs_diags_destroy(diags);
        free(data);
    }
    rs_strbuf_clear(&path);
}

rs_existing *rs_existing_load(const char *dir, char *error, size_t error_size)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(error, error_size, "%s: cannot open the existing source folder: %s", dir, strerror(errno));
        return NULL;
    }
    rs_existing *existing = rs_xcalloc(1, sizeof *existing);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0 && e->d_name[0] != '.')
            read_statement(existing, dir, e->d_name);
    }
    closedir(d);
    return existing;
}

void rs_existing_destroy(rs_existing *existing)
{
    if (!existing)
        return;
    for (size_t i = 0; i < existing->count; i++) {
        statement *s = &existing->items[i];
        for (size_t k = 0; k < s->sentence_count; k++)
            free(s->sentences[k]);
        free(s->sentences);
        free(s->id);
        free(s->name);
        free(s->language);
        free(s->folded);
    }
    free(existing->items);
    free(existing);
}

size_t rs_existing_count(const rs_existing *existing) { return existing->count; }
const char *rs_existing_id(const rs_existing *existing, size_t index) { return existing->items[index].id; }
const char *rs_existing_name(const rs_existing *existing, size_t index) { return existing->items[index].name; }

static size_t shared(char **a, size_t na, char **b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        int c = strcmp(a[i], b[j]);
        n += c == 0;
        i += c <= 0;
        j += c >= 0;
    }
    return n;
}

/* "zh-Hans" and "zh" are one language here; "en" and "ru" are not. */
static bool same_language(const char *a, const char *b)
{
    if (!a || !b)
        return true;
    size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
    return na == nb && strncmp(a, b, na) == 0;
}

const char *rs_existing_same_as(const rs_existing *existing, const char *body, const char *language, char **evidence)
{
    *evidence = NULL;
    char *folded = fold_space(body);
    size_t count;
    char **sentences = sentences_of(folded, &count);
    const char *found = NULL;
    for (size_t i = 0; i < existing->count && !found; i++) {
        const statement *s = &existing->items[i];
        if (!same_language(language, s->language) || !s->folded[0])
            continue;
        char text[512];
        if (strcmp(folded, s->folded) == 0) {
            snprintf(text, sizeof text, "the same text as %s.txt once white space is folded", s->name);
        } else {
            size_t both = shared(sentences, count, s->sentences, s->sentence_count);
            size_t most = count > s->sentence_count ? count : s->sentence_count;
            if (!most || both * 10 < most * 9)
                continue;
            snprintf(text, sizeof text, "%zu of %zu sentences shared with %s.txt", both, most, s->name);
        }
        found = s->id;
        *evidence = rs_xstrdup(text);
    }
    for (size_t i = 0; i < count; i++)
        free(sentences[i]);
    free(sentences);
    free(folded);
    return found;
}
