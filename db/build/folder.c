/*
 * Pass 1 of a build: the source folder read and checked, then put in order.
 *
 * Every statement file is read and parsed (on two threads, in file name
 * order all the same), keeping only the header fields the later steps need
 * (builder_private.h); the folder is then cross-checked (duplicate ids,
 * same_as and translation_of targets, incident slugs). Any problem stops the
 * build before anything is written. folder_order then numbers the
 * statements in time order and resolves the links between them.
 */
#include "builder_private.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "distance.h"
#include "expect.h"

static char *arena_alloc(arena *a, size_t size)
{
    if (a->used + size > a->capacity) {
        size_t capacity = size > 256 * 1024 ? size : 256 * 1024;
        rs_grow(&a->blocks, &a->block_capacity, a->block_count + 1, sizeof *a->blocks);
        a->block = rs_xmalloc(capacity);
        a->blocks[a->block_count++] = a->block;
        a->used = 0;
        a->capacity = capacity;
    }
    char *p = a->block + a->used;
    a->used += size;
    return p;
}

static const char *arena_strdup(arena *a, const char *text)
{
    if (!text)
        return NULL;
    size_t size = strlen(text) + 1;
    return memcpy(arena_alloc(a, size), text, size);
}

static void arena_free(arena *a)
{
    for (size_t i = 0; i < a->block_count; i++)
        free(a->blocks[i]);
    free(a->blocks);
    memset(a, 0, sizeof *a);
}

static uint64_t hash_text(const char *text)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * UINT64_C(1099511628211);
    return h;
}

static const char *intern(intern_set *set, arena *a, const char *text)
{
    if (!text)
        return NULL;
    if ((set->count + 1) * 2 > set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 64;
        const char **slots = rs_xcalloc(capacity, sizeof *slots);
        for (size_t i = 0; i < set->capacity; i++) {
            if (!set->slots[i])
                continue;
            size_t k = (size_t)(hash_text(set->slots[i]) & (uint64_t)(capacity - 1)); /* fits: below capacity */
            while (slots[k])
                k = (k + 1) & (capacity - 1);
            slots[k] = set->slots[i];
        }
        free(set->slots);
        set->slots = slots;
        set->capacity = capacity;
    }
    size_t k = (size_t)(hash_text(text) & (uint64_t)(set->capacity - 1));
    while (set->slots[k]) {
        if (strcmp(set->slots[k], text) == 0)
            return set->slots[k];
        k = (k + 1) & (set->capacity - 1);
    }
    set->slots[k] = arena_strdup(a, text);
    set->count++;
    return set->slots[k];
}

/* The *.txt files of dir, sorted by name so builds are deterministic. */
static char **list_statement_files(const char *dir, size_t *count, rs_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        rs_diags_add(diags, dir, 0, "cannot open the source folder: %s", strerror(errno));
        return NULL;
    }
    size_t capacity = 64, n = 0;
    char **names = rs_xcalloc(capacity, sizeof *names); /* not NULL: NULL means failure */
    struct dirent *entry;
    /* readdir returns NULL at the end and on an error alike; errno tells
     * them apart. A failed read must not look like a short folder (the
     * armhf build once saw an empty one: EOVERFLOW). */
    errno = 0;
    while ((entry = readdir(d))) {
        const char *name = entry->d_name;
        size_t length = strlen(name);
        if (name[0] == '.' || length < 5 || strcmp(name + length - 4, ".txt") != 0)
            continue;
        rs_grow(&names, &capacity, n + 1, sizeof *names);
        names[n++] = rs_xstrdup(name);
        errno = 0;
    }
    if (errno) {
        rs_diags_add(diags, dir, 0, "cannot read the source folder: %s", strerror(errno));
        closedir(d);
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return NULL;
    }
    closedir(d);
    qsort(names, n, sizeof *names, build_compare_strings);
    *count = n;
    return names;
}

static const build *sort_context;

/* Statements of one folder share the folder part of their paths, so their
 * file names order them as their paths would. */
static int compare_by_slug(const void *a, const void *b)
{
    const statement_entry *x = &sort_context->statements[*(const size_t *)a];
    const statement_entry *y = &sort_context->statements[*(const size_t *)b];
    int c = strcmp(x->slug, y->slug);
    if (c)
        return c;
    return strcmp(x->name, y->name);
}

/* Time order: dated before undated; then year, month, day with unknown parts
 * first (a statement dated "2021" comes before January 2021); then id. */
static int compare_by_time(const void *a, const void *b)
{
    const statement_entry *xs = &sort_context->statements[*(const size_t *)a];
    const statement_entry *ys = &sort_context->statements[*(const size_t *)b];
    const rs_date *x = &xs->date, *y = &ys->date;
    bool x_dated = x->year != 0, y_dated = y->year != 0;
    if (x_dated != y_dated)
        return x_dated ? -1 : 1;
    int c = (x->year > y->year) - (x->year < y->year);
    if (!c)
        c = (x->month > y->month) - (x->month < y->month);
    if (!c)
        c = (x->day > y->day) - (x->day < y->day);
    if (c)
        return c;
    return strcmp(xs->slug, ys->slug);
}

static int compare_incident_slugs(const void *a, const void *b)
{
    return strcmp(sort_context->incidents.items[*(const size_t *)a].slug,
                  sort_context->incidents.items[*(const size_t *)b].slug);
}

/* order[0..count) sorted by key: the entry whose key is want, or SIZE_MAX. */
static size_t find_sorted(const build *b, const size_t *order, size_t count,
                          const char *(*key)(const build *b, size_t i), const char *want)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        int c = strcmp(key(b, order[mid]), want);
        if (c == 0)
            return order[mid];
        if (c < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return SIZE_MAX;
}

static const char *statement_slug(const build *b, size_t i)
{
    return b->statements[i].slug;
}

static const char *incident_slug(const build *b, size_t i)
{
    return b->incidents.items[i].slug;
}

/* Index of the statement with this id, or SIZE_MAX. */
static size_t find_statement(const build *b, const char *id)
{
    return find_sorted(b, b->by_id, b->statement_count, statement_slug, id);
}

/* Index into incidents.items, or SIZE_MAX. */
static size_t find_incident(const build *b, const char *slug)
{
    return find_sorted(b, b->incident_by_slug, b->valid_incident_count, incident_slug, slug);
}

static int compare_party_codes(const void *a, const void *b)
{
    return strcmp(sort_context->parties.items[*(const size_t *)a].code,
                  sort_context->parties.items[*(const size_t *)b].code);
}

size_t build_slot_count(const build *b)
{
    return CODE_SLOTS + b->party_count;
}

size_t build_party_slot(const build *b, const char *code)
{
    size_t low = 0, high = b->party_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        int c = strcmp(b->parties.items[b->party_by_code[mid]].code, code);
        if (c == 0)
            return CODE_SLOTS + mid;
        if (c < 0)
            low = mid + 1;
        else
            high = mid;
    }
    if (code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && !code[2])
        return (size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A');
    return SIZE_MAX;
}

const rs_party_source *build_slot_party(const build *b, size_t slot)
{
    return slot < CODE_SLOTS ? NULL : &b->parties.items[b->party_by_code[slot - CODE_SLOTS]];
}

void build_slot_code(const build *b, size_t slot, char out[RS_PARTY_CODE_SIZE])
{
    const rs_party_source *party = build_slot_party(b, slot);
    if (party) {
        snprintf(out, RS_PARTY_CODE_SIZE, "%s", party->code);
        return;
    }
    out[0] = (char)('A' + slot / 26);
    out[1] = (char)('A' + slot % 26);
    out[2] = '\0';
}

/* Reads an optional YAML file of the folder (incidents.yaml, parties.yaml)
 * with parse, when it is there (*present). Returns its path, or NULL when
 * it is there but unreadable (a FIFO, a folder: said once, and not again
 * for every statement that names what it defines). */
static char *read_optional(build *b, const char *name, bool *present,
                           void (*parse)(build *b, const char *path, const char *data, size_t size))
{
    char *path = build_path_join(b->options->source_dir, name);
    *present = access(path, F_OK) == 0;
    if (!*present)
        return path;
    size_t size;
    char *data = rs_source_read_file(path, &size, b->diags);
    if (!data) {
        free(path);
        return NULL;
    }
    parse(b, path, data, size);
    free(data);
    return path;
}

static void parse_parties(build *b, const char *path, const char *data, size_t size)
{
    rs_source_parse_parties(path, data, size, &b->context, &b->parties, b->diags);
}

static void parse_incidents(build *b, const char *path, const char *data, size_t size)
{
    rs_source_parse_incidents(path, data, size, &b->context, &b->incidents, b->diags);
}

/* bundle.yaml first: the other files' mappings are read against its
 * language. Then parties.yaml, which statements and events name, and
 * incidents.yaml. */
static void read_folder_files(build *b)
{
    const rs_build_options *o = b->options;
    char *path = build_path_join(o->source_dir, "bundle.yaml");
    size_t size;
    char *data = rs_source_read_file(path, &size, b->diags);
    if (data)
        rs_source_parse_bundle(path, data, size, &b->bundle, b->diags);
    free(data);
    b->context.default_language = b->bundle.language ? b->bundle.language : "en";

    bool present;
    char *parties_path = read_optional(b, "parties.yaml", &present, parse_parties);
    if (parties_path && present)
        b->context.parties = &b->parties;
    sort_context = b;
    b->party_by_code = rs_xcalloc(b->parties.count, sizeof *b->party_by_code);
    for (size_t i = 0; i < b->parties.count; i++)
        b->party_by_code[b->party_count++] = i;
    qsort(b->party_by_code, b->party_count, sizeof *b->party_by_code, compare_party_codes);
    if (b->party_count > MAX_PARTIES) {
        rs_diags_add(b->diags, parties_path ? parties_path : "parties.yaml", 0, "%zu parties (at most %d: merge some, or list them as countries)",
                     b->party_count, MAX_PARTIES);
        b->party_count = MAX_PARTIES;
    }
    free(parties_path);
    free(path);

    b->incidents_path = read_optional(b, "incidents.yaml", &present, parse_incidents);

    /* The defined incidents by slug, so statements can name them. */
    sort_context = b;
    b->incident_by_slug = rs_xcalloc(b->incidents.count, sizeof *b->incident_by_slug);
    for (size_t i = 0; i < b->incidents.count; i++)
        if (b->incidents.items[i].slug)
            b->incident_by_slug[b->valid_incident_count++] = i;
    qsort(b->incident_by_slug, b->valid_incident_count, sizeof *b->incident_by_slug, compare_incident_slugs);
}

/* The two kinds of link between statements, each grouping statements
 * (same_group, translation_group). */
enum link_kind { SAME_AS, TRANSLATION_OF, LINK_KINDS };

static const char *const link_names[LINK_KINDS] = {"same_as", "translation_of"};

/* One kind of link of a statement, as fields of its statement_entry. */
typedef struct link_fields {
    const char *target; /* the id written, or NULL */
    unsigned line;
    size_t *parent;     /* union-find over the links, by index */
    int64_t *group, *target_id;
} link_fields;

static link_fields link_of(statement_entry *e, enum link_kind kind)
{
    if (kind == SAME_AS)
        return (link_fields){e->same_as, e->same_as_line, &e->union_parent, &e->same_group, &e->same_as_id};
    return (link_fields){e->translation_of, e->translation_of_line, &e->translation_parent, &e->translation_group,
                         &e->translation_of_id};
}

/* The root of statement i's group of links of kind. A translation of a
 * translation joins the original's group, so a chain is one group however
 * it is written. */
static size_t group_root(statement_entry *s, enum link_kind kind, size_t i)
{
    size_t *parent;
    while (*(parent = link_of(&s[i], kind).parent) != i) {
        *parent = *link_of(&s[*parent], kind).parent;
        i = *parent;
    }
    return i;
}

/* Speakers are (name, role) pairs, kept as "name\x1frole" keys. */
static const char *intern_speaker(build *b, const rs_statement_source *s)
{
    if (!s->speaker)
        return NULL;
    const char *role = s->speaker_role ? s->speaker_role : "";
    size_t length = strlen(s->speaker) + strlen(role) + 2;
    char small[512];
    char *key = length <= sizeof small ? small : rs_xmalloc(length);
    snprintf(key, length, "%s\x1f%s", s->speaker, role);
    const char *interned = intern(&b->speakers, &b->strings, key);
    if (key != small)
        free(key);
    return interned;
}

/* The translations of the statement's outlet and speaker, kept to be
 * checked against the other statements' and written. */
static void keep_named_translations(build *b, const statement_entry *entry, const rs_statement_source *s)
{
    for (size_t i = 0; i < s->translations.count; i++) {
        const rs_translation *t = &s->translations.items[i];
        const char *key = NULL;
        uint8_t what;
        if (strcmp(t->field, "outlet") == 0)
            key = entry->outlet, what = NAMED_OUTLET;
        else if (strcmp(t->field, "speaker") == 0)
            key = entry->speaker_key, what = NAMED_SPEAKER_NAME;
        else if (strcmp(t->field, "speaker_role") == 0)
            key = entry->speaker_key, what = NAMED_SPEAKER_ROLE;
        else
            continue;
        if (!key || !t->language || !t->value)
            continue;
        rs_grow(&b->named, &b->named_capacity, b->named_count + 1, sizeof *b->named);
        b->named[b->named_count++] = (named_translation){key, arena_strdup(&b->strings, t->language),
                                                         arena_strdup(&b->strings, t->value), b->statement_count,
                                                         t->line, what};
    }
}

/* Keeps what later steps need of one parsed statement file. */
static void keep_statement(build *b, const char *name, const rs_statement_source *s)
{
    statement_entry *entry = &b->statements[b->statement_count];
    memset(entry, 0, sizeof *entry);
    entry->name = arena_strdup(&b->strings, name);
    entry->slug = arena_strdup(&b->strings, s->id);
    entry->date_text = arena_strdup(&b->strings, s->date_text);
    entry->same_as = arena_strdup(&b->strings, s->same_as);
    entry->translation_of = arena_strdup(&b->strings, s->translation_of);
    entry->outlet = intern(&b->outlets, &b->strings, s->outlet);
    entry->speaker_key = intern_speaker(b, s);
    entry->language = intern(&b->languages, &b->strings, s->language);
    entry->date = s->date;
    entry->id_line = s->id_line;
    entry->same_as_line = s->same_as_line;
    entry->translation_of_line = s->translation_of_line;

    entry->first_link = b->link_count;
    rs_grow(&b->links, &b->link_capacity, b->link_count + s->country_count, sizeof *b->links);
    for (size_t c = 0; c < s->country_count; c++) {
        size_t slot = build_party_slot(b, s->countries[c].code);
        if (slot >= build_slot_count(b))
            continue; /* not a party: parsing said so */
        b->links[b->link_count++] = (country_link){(uint16_t)slot, (uint8_t)s->countries[c].roles};
    }
    entry->link_count = (uint32_t)(b->link_count - entry->first_link);
    keep_named_translations(b, entry, s);

    entry->first_incident = b->incident_ref_count;
    entry->incident_count = (uint32_t)s->incident_count;
    rs_grow(&b->incident_refs, &b->incident_ref_capacity, b->incident_ref_count + s->incident_count,
                            sizeof *b->incident_refs);
    for (size_t k = 0; k < s->incident_count; k++) {
        size_t found = find_incident(b, s->incidents[k].slug);
        b->incident_refs[b->incident_ref_count++] = found == SIZE_MAX ? NO_INCIDENT : (uint32_t)found;
        if (found == SIZE_MAX) {
            rs_grow(&b->unknown, &b->unknown_capacity, b->unknown_count + 1, sizeof *b->unknown);
            b->unknown[b->unknown_count++] = (unknown_incident){
                b->statement_count, arena_strdup(&b->strings, s->incidents[k].slug), s->incidents[k].line};
        }
    }
    b->statement_count++;
}

/* Pass 1 runs on two threads too: this one and a helper read and parse
 * files, up to CHECK_AHEAD ahead of the one being taken, and results are
 * taken in file name order, so what is kept and every message come out
 * exactly as from a single thread. */
#define CHECK_AHEAD 64

typedef struct checked {
    rs_statement_source source;
    rs_diags *diags;
    size_t size;
    bool read; /* the file could be read */
    bool ready;
} checked;

typedef struct checker {
    const build *b;
    char **names;
    size_t count;
    checked slots[CHECK_AHEAD];
    size_t next;  /* the next file to claim */
    size_t taken; /* files taken, in order */
    bool stop;
    /* Each thread sleeps only when it must, and is woken only when it can
     * go on: the helper when half the window is free again, so the threads
     * meet once per CHECK_AHEAD / 2 files, not once per file. */
    bool taker_waiting, helper_waiting;
    pthread_mutex_t lock;
    pthread_cond_t ready, space;
} checker;

static void check_file(checker *c, size_t i)
{
    checked *slot = &c->slots[i % CHECK_AHEAD];
    char *path = build_path_join(c->b->options->source_dir, c->names[i]);
    slot->diags = rs_diags_create();
    char *data = rs_source_read_file(path, &slot->size, slot->diags);
    slot->read = data != NULL;
    if (data)
        rs_source_parse_statement(path, data, slot->size, &c->b->context, false, &slot->source, slot->diags);
    else
        memset(&slot->source, 0, sizeof slot->source);
    free(data);
    free(path);
}

/* With the lock held: checks the next file if it is within reach, dropping
 * the lock meanwhile. False when there was nothing to claim. */
static bool check_next(checker *c)
{
    if (c->stop || c->next >= c->count || c->next >= c->taken + CHECK_AHEAD)
        return false;
    size_t i = c->next++;
    pthread_mutex_unlock(&c->lock);
    check_file(c, i);
    pthread_mutex_lock(&c->lock);
    c->slots[i % CHECK_AHEAD].ready = true;
    if (c->taker_waiting) {
        c->taker_waiting = false;
        pthread_cond_signal(&c->ready);
    }
    return true;
}

static void *checker_helper(void *context)
{
    checker *c = context;
    pthread_mutex_lock(&c->lock);
    while (!c->stop && c->next < c->count)
        if (!check_next(c)) {
            c->helper_waiting = true;
            pthread_cond_wait(&c->space, &c->lock);
        }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

/* "; did you mean 'x'?" for an id that names no statement, when one id is
 * within two edits of it (the first such in slug order), else "". Each hint
 * compares against every id, so only the first 100 problems get one: a
 * folder full of broken links must not make the build crawl. */
static void closest_id_hint(const build *b, const char *wanted, size_t *hints, char *hint, size_t hint_size)
{
    hint[0] = '\0';
    if ((*hints)++ >= 100)
        return;
    rs_nearest nearest = rs_nearest_start(wanted, 2);
    for (size_t k = 0; k < b->statement_count; k++)
        rs_nearest_offer(&nearest, b->statements[b->by_id[k]].slug);
    rs_nearest_hint(&nearest, hint, hint_size);
}

/* The same for an incident slug that incidents.yaml does not define. */
static void closest_incident_hint(const build *b, const char *wanted, size_t *hints, char *hint, size_t hint_size)
{
    hint[0] = '\0';
    if ((*hints)++ >= 100)
        return;
    rs_nearest nearest = rs_nearest_start(wanted, 2);
    for (size_t k = 0; k < b->valid_incident_count; k++)
        rs_nearest_offer(&nearest, b->incidents.items[b->incident_by_slug[k]].slug);
    rs_nearest_hint(&nearest, hint, hint_size);
}

/* Reads and parses the files in names (freed here) on this thread and a
 * helper, keeping each statement in file order. */
static void check_files(build *b, char **names, size_t file_count)
{
    const rs_build_options *o = b->options;
    progress p = {.enabled = o->progress && file_count >= 1000, .stage = "checked", .total = file_count,
                  .started = build_now()};
    checker *c = rs_xcalloc(1, sizeof *c);
    c->b = b;
    c->names = names;
    c->count = file_count;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->ready, NULL);
    pthread_cond_init(&c->space, NULL);
    pthread_t helper;
    bool threaded = file_count > 1 && build_start_helper(&helper, checker_helper, c);
    for (size_t i = 0; i < file_count; i++) {
        checked *slot = &c->slots[i % CHECK_AHEAD];
        pthread_mutex_lock(&c->lock);
        while (!slot->ready)
            if (!check_next(c)) {
                c->taker_waiting = true;
                pthread_cond_wait(&c->ready, &c->lock);
            }
        pthread_mutex_unlock(&c->lock);

        if (rs_diags_count(slot->diags)) {
            char *path = build_path_join(o->source_dir, names[i]);
            build_move_diags(b->diags, slot->diags, path);
            free(path);
        }
        rs_diags_destroy(slot->diags);
        if (slot->read) {
            b->source_bytes += slot->size;
            if (slot->source.id)
                keep_statement(b, names[i], &slot->source);
            rs_statement_source_clear(&slot->source);
        }
        free(names[i]);
        pthread_mutex_lock(&c->lock);
        slot->ready = false;
        c->taken++;
        if (c->helper_waiting && c->taken + CHECK_AHEAD - c->next >= CHECK_AHEAD / 2) {
            c->helper_waiting = false;
            pthread_cond_signal(&c->space);
        }
        pthread_mutex_unlock(&c->lock);
        build_progress_draw(&p, i + 1, b->source_bytes, i + 1 == file_count);
    }
    if (threaded) {
        pthread_mutex_lock(&c->lock);
        c->stop = true;
        pthread_cond_signal(&c->space);
        pthread_mutex_unlock(&c->lock);
        pthread_join(helper, NULL);
    }
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->ready);
    pthread_cond_destroy(&c->space);
    free(c);
    free(names);
}

/* Sorts the statements by id (b->by_id) and reports every id used twice. */
static void check_duplicate_ids(build *b)
{
    sort_context = b;
    b->by_id = rs_xcalloc(b->statement_count, sizeof *b->by_id);
    for (size_t i = 0; i < b->statement_count; i++)
        b->by_id[i] = i;
    qsort(b->by_id, b->statement_count, sizeof *b->by_id, compare_by_slug);
    for (size_t i = 1; i < b->statement_count; i++) {
        const statement_entry *first = &b->statements[b->by_id[i - 1]];
        const statement_entry *again = &b->statements[b->by_id[i]];
        if (strcmp(first->slug, again->slug) == 0) {
            char *first_path = build_statement_path(b, first), *again_path = build_statement_path(b, again);
            rs_diags_add(b->diags, again_path, again->id_line, "duplicate id '%s' (also used by %s:%u)", again->slug,
                         first_path, first->id_line);
            free(first_path);
            free(again_path);
        }
    }
}

/* Statement i's link of kind: reported (in path) when it names no
 * statement, else joined to its target's group. */
static void check_link(build *b, size_t i, enum link_kind kind, const char *path, size_t *hints)
{
    link_fields link = link_of(&b->statements[i], kind);
    if (!link.target)
        return;
    size_t target = find_statement(b, link.target);
    if (target == SIZE_MAX) {
        char hint[160];
        closest_id_hint(b, link.target, hints, hint, sizeof hint);
        rs_diags_add(b->diags, path, link.line, "%s '%.60s' does not match any statement id%s", link_names[kind],
                     link.target, hint);
    } else if (target != i) {
        size_t root = group_root(b->statements, kind, i);
        *link_of(&b->statements[root], kind).parent = group_root(b->statements, kind, target);
    }
}

/* Incident slugs, same_as and translation_of against the whole folder. */
static void check_links(build *b)
{
    for (size_t i = 0; i < b->statement_count; i++)
        b->statements[i].union_parent = b->statements[i].translation_parent = i;
    size_t unknown = 0, hints = 0;
    for (size_t i = 0; i < b->statement_count; i++) {
        statement_entry *entry = &b->statements[i];
        if ((unknown < b->unknown_count && b->unknown[unknown].statement == i) || entry->same_as ||
            entry->translation_of) {
            char *path = build_statement_path(b, entry);
            for (; unknown < b->unknown_count && b->unknown[unknown].statement == i; unknown++) {
                if (!b->incidents_path) /* incidents.yaml could not be read, as already said */
                    continue;
                char hint[160];
                closest_incident_hint(b, b->unknown[unknown].slug, &hints, hint, sizeof hint);
                rs_diags_add(b->diags, path, b->unknown[unknown].line, "unknown incident '%s' (not defined in %s)%s",
                             b->unknown[unknown].slug, b->incidents_path, hint);
            }
            check_link(b, i, SAME_AS, path, &hints);
            check_link(b, i, TRANSLATION_OF, path, &hints);
            free(path);
        }
    }
}

static int compare_named(const void *a, const void *b)
{
    const named_translation *x = a, *y = b;
    int c = (x->what > y->what) - (x->what < y->what);
    if (!c)
        c = strcmp(x->key, y->key);
    if (!c)
        c = strcmp(x->language, y->language);
    if (!c)
        c = (x->statement > y->statement) - (x->statement < y->statement);
    return c;
}

/* An outlet or a speaker is one row, so it has one name in each language:
 * a statement translating it otherwise than an earlier one (in file order)
 * is reported. The translations are left sorted and without repeats, as
 * thread.c writes them. */
static void check_named_translations(build *b)
{
    static const char *const what_names[] = {"outlet", "speaker", "speaker_role"};
    if (b->named_count) /* b->named is NULL until one is kept */
        qsort(b->named, b->named_count, sizeof *b->named, compare_named);
    size_t kept = 0;
    for (size_t i = 0; i < b->named_count; i++) {
        const named_translation *t = &b->named[i];
        const named_translation *first = kept ? &b->named[kept - 1] : NULL;
        if (!first || first->what != t->what || strcmp(first->key, t->key) != 0 ||
            strcmp(first->language, t->language) != 0) {
            b->named[kept++] = *t;
            continue;
        }
        if (strcmp(first->value, t->value) == 0)
            continue;
        const char *separator = strchr(t->key, '\x1f');
        int length = separator && t->what == NAMED_SPEAKER_NAME ? (int)(separator - t->key) : -1;
        const char *name = t->what == NAMED_SPEAKER_ROLE && separator ? separator + 1 : t->key;
        char *path = build_statement_path(b, &b->statements[t->statement]);
        char *first_path = build_statement_path(b, &b->statements[first->statement]);
        rs_diags_add(b->diags, path, t->line,
                     "%s '%.*s' in %s is '%s' here but '%s' in %s:%u (translate it the same way everywhere)",
                     what_names[t->what], length < 0 ? (int)strlen(name) : length, name, t->language, t->value,
                     first->value, first_path, first->line);
        free(path);
        free(first_path);
    }
    b->named_count = kept;
}

void folder_read(build *b)
{
    read_folder_files(b);
    const char *dir = b->options->source_dir;
    size_t file_count = 0;
    char **names = list_statement_files(dir, &file_count, b->diags);
    if (!names)
        return;
    if (file_count == 0)
        rs_diags_add(b->diags, dir, 0, "no statement files (*.txt) in the source folder");
    b->statements = rs_xcalloc(file_count, sizeof *b->statements);
    check_files(b, names, file_count);
    /* Cross-checks that need the whole folder. */
    check_duplicate_ids(b);
    check_links(b);
    check_named_translations(b);
}

/* The groups of links of kind: each statement's group is the smallest id
 * among the statements its links join (0 when it is alone), and each link
 * names its target by id. group_min and group_size are scratch, one per
 * statement. */
static void assign_groups(build *b, enum link_kind kind, int64_t *group_min, size_t *group_size)
{
    memset(group_min, 0, b->statement_count * sizeof *group_min);
    memset(group_size, 0, b->statement_count * sizeof *group_size);
    for (size_t i = 0; i < b->statement_count; i++) {
        size_t root = group_root(b->statements, kind, i);
        group_size[root]++;
        if (!group_min[root] || b->statements[i].id < group_min[root])
            group_min[root] = b->statements[i].id;
    }
    for (size_t i = 0; i < b->statement_count; i++) {
        size_t root = group_root(b->statements, kind, i);
        link_fields link = link_of(&b->statements[i], kind);
        *link.group = group_size[root] > 1 ? group_min[root] : 0;
        if (link.target)
            *link.target_id = b->statements[find_statement(b, link.target)].id;
    }
}

void folder_order(build *b)
{
    b->by_time = rs_xcalloc(b->statement_count, sizeof *b->by_time);
    for (size_t i = 0; i < b->statement_count; i++)
        b->by_time[i] = i;
    sort_context = b;
    qsort(b->by_time, b->statement_count, sizeof *b->by_time, compare_by_time);
    for (size_t t = 0; t < b->statement_count; t++)
        b->statements[b->by_time[t]].id = (int64_t)t + 1;

    int64_t *group_min = rs_xcalloc(b->statement_count, sizeof *group_min);
    size_t *group_size = rs_xcalloc(b->statement_count, sizeof *group_size);
    assign_groups(b, SAME_AS, group_min, group_size);
    assign_groups(b, TRANSLATION_OF, group_min, group_size);
    free(group_min);
    free(group_size);
}

void folder_free(build *b)
{
    free(b->statements);
    free(b->by_id);
    free(b->by_time);
    free(b->incident_by_slug);
    free(b->incidents_path);
    free(b->links);
    free(b->incident_refs);
    free(b->unknown);
    free(b->named);
    free(b->party_by_code);
    free(b->events);
    free(b->party_event_counts);
    free(b->outlets.slots);
    free(b->speakers.slots);
    free(b->languages.slots);
    arena_free(&b->strings);
    rs_incident_list_clear(&b->incidents);
    rs_party_list_clear(&b->parties);
    rs_bundle_source_clear(&b->bundle);
    rs_countries_destroy(b->countries);
}

