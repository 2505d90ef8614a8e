#include "builder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_format.h"
#include "countries.h"
#include "distance.h"
#include "search_query.h"
#include "source.h"
#include "tokenizer.h"

/* ---- small helpers ---- */

static void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (!p)
        abort();
    return p;
}

static char *xstrdup(const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        abort();
    return copy;
}

static char *path_join(const char *dir, const char *name)
{
    size_t length = strlen(dir) + strlen(name) + 2;
    char *path = malloc(length);
    if (!path)
        abort();
    bool slash = dir[0] && dir[strlen(dir) - 1] == '/';
    snprintf(path, length, "%s%s%s", dir, slash ? "" : "/", name);
    return path;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool rs_build_time_from_environment(int64_t *build_time, char *error, size_t error_size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) {
        *build_time = (int64_t)time(NULL);
        return true;
    }
    char *end;
    errno = 0;
    long long value = strtoll(epoch, &end, 10);
    if (errno || *end || value < 0 || value > 253402300799LL) {
        snprintf(error, error_size, "SOURCE_DATE_EPOCH='%.40s' is not a number of seconds since 1970", epoch);
        return false;
    }
    *build_time = value;
    return true;
}

/* ---- progress line ---- */

typedef struct progress {
    bool enabled;
    const char *stage;
    size_t total;
    double started, last_drawn;
} progress;

static void progress_draw(progress *p, size_t done, uint64_t bytes, bool final)
{
    if (!p->enabled)
        return;
    double now = now_seconds();
    if (!final && now - p->last_drawn < 0.2)
        return;
    p->last_drawn = now;
    double elapsed = now - p->started;
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\r%-8s %zu/%zu files  %.1f MB  %.1f MB/s  %.1f s ", p->stage, done, p->total, mb,
            elapsed > 0 ? mb / elapsed : 0.0, elapsed);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ---- the temporary output file ---- */

/* The path being written, for the signal handler to remove. */
static char temp_path_for_signal[4096];

static void remove_temp_and_reraise(int signal_number)
{
    if (temp_path_for_signal[0])
        unlink(temp_path_for_signal);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static void watch_signals(bool on)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on ? remove_temp_and_reraise : SIG_DFL;
        sigemptyset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

/* Splits output into its folder and file name. Caller frees both. */
static void split_path(const char *path, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *dir = xstrdup(".");
        *base = xstrdup(path);
    } else {
        size_t n = (size_t)(slash - path);
        *dir = n ? strndup(path, n) : xstrdup("/");
        *base = xstrdup(slash + 1);
        if (!*dir)
            abort();
    }
}

/* A build killed with SIGKILL cannot clean up after itself: its hidden
 * ".NAME.partial-PID" file is removed here by the next build once that PID is
 * gone. */
static void remove_stale_temp_files(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char prefix[512];
    snprintf(prefix, sizeof prefix, ".%s.partial-", base);
    size_t prefix_length = strlen(prefix);
    struct dirent *entry;
    while ((entry = readdir(d))) {
        if (strncmp(entry->d_name, prefix, prefix_length) != 0)
            continue;
        char *end;
        long pid = strtol(entry->d_name + prefix_length, &end, 10);
        if (*end || pid <= 0)
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *stale = path_join(dir, entry->d_name);
        unlink(stale);
        free(stale);
    }
    closedir(d);
}

static bool fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* ---- compact storage for what pass 1 keeps ----
 *
 * A million statements must fit in memory with room to spare, so pass 1
 * keeps only what ordering, cross-checks and the browse tables need, packed:
 * strings go into large blocks (no allocation per string), and the values
 * that repeat (outlets, speakers, languages) are stored once. Titles, notes,
 * URLs and kinds are not kept at all: pass 2 reads them again with the body. */

typedef struct arena {
    char *block;
    size_t used, capacity;
    char **blocks;
    size_t block_count, block_capacity;
} arena;

static char *arena_alloc(arena *a, size_t size)
{
    if (a->used + size > a->capacity) {
        size_t capacity = size > 256 * 1024 ? size : 256 * 1024;
        if (a->block_count == a->block_capacity) {
            a->block_capacity = a->block_capacity ? a->block_capacity * 2 : 64;
            a->blocks = realloc(a->blocks, a->block_capacity * sizeof *a->blocks);
            if (!a->blocks)
                abort();
        }
        a->block = malloc(capacity);
        if (!a->block)
            abort();
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

/* A set of distinct strings (open addressing), each stored once in an arena. */
typedef struct intern_set {
    const char **slots;
    size_t capacity, count;
} intern_set;

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
        const char **slots = xcalloc(capacity, sizeof *slots);
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

/* Copies diagnostics made for one file, as they are: each is "PATH:LINE:
 * MESSAGE" or "PATH: MESSAGE" for that file's path. */
static void move_diags(rs_diags *to, const rs_diags *from, const char *path)
{
    size_t path_length = strlen(path);
    for (size_t i = 0; i < rs_diags_count(from); i++) {
        const char *entry = rs_diags_get(from, i);
        size_t prefix = strncmp(entry, path, path_length) == 0 ? path_length : 0;
        if (entry[prefix] == ':' && entry[prefix + 1] >= '0' && entry[prefix + 1] <= '9') {
            prefix++;
            while (entry[prefix] >= '0' && entry[prefix] <= '9')
                prefix++;
        }
        const char *separator = strstr(entry + prefix, ": ");
        if (!separator) /* never: rs_diags_add always writes one */
            abort();
        char *head = strndup(entry, (size_t)(separator - entry));
        if (!head)
            abort();
        rs_diags_add(to, head, 0, "%s", separator + 2);
        free(head);
    }
}

/* Starts a helper thread that leaves signals to the main thread, whose
 * handler removes the partial file. */
static bool start_helper(pthread_t *thread, void *(*run)(void *), void *context)
{
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    bool started = pthread_create(thread, NULL, run, context) == 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    return started;
}

/* ---- pass 1: reading and checking ---- */

/* One country of a statement: its code and role bits (rs_roles order). */
typedef struct country_link {
    char code[2];
    uint8_t roles;
} country_link;

#define NO_INCIDENT UINT32_MAX

typedef struct statement_entry {
    const char *name;        /* file name in the source folder */
    const char *slug;        /* the statement's id field */
    const char *date_text;   /* as written; NULL when undated */
    const char *same_as;     /* NULL when absent */
    const char *translation_of; /* NULL when absent */
    const char *outlet;      /* interned; NULL when absent */
    const char *speaker_key; /* interned "name\x1frole"; NULL without a speaker */
    const char *language;    /* interned */
    rs_date date;            /* year 0 when undated */
    unsigned id_line, same_as_line, translation_of_line;
    uint32_t link_count, incident_count;
    size_t first_link;       /* into build.links */
    size_t first_incident;   /* into build.incident_refs */
    int64_t id;              /* assigned in time order */
    int64_t same_group;      /* smallest id linked by same_as, 0 when alone */
    int64_t same_as_id;
    int64_t translation_group; /* smallest id linked by translation_of, 0 when alone */
    int64_t translation_of_id;
    size_t union_parent;     /* union-find over same_as, by index */
    size_t translation_parent; /* union-find over translation_of, by index */
} statement_entry;

/* An incident slug that incidents.yaml does not define, reported after the
 * duplicate ids, in file order. */
typedef struct unknown_incident {
    size_t statement;
    const char *slug;
    unsigned line;
} unknown_incident;

typedef struct build {
    const rs_build_options *options;
    rs_diags *diags;
    rs_countries *countries;
    rs_bundle_source bundle;
    rs_incident_list incidents;
    char *incidents_path;
    statement_entry *statements;
    size_t statement_count;
    size_t *by_id;   /* indices sorted by slug */
    size_t *by_time; /* indices sorted by time; position + 1 is the id */
    size_t *incident_by_slug;
    size_t valid_incident_count; /* entries of incident_by_slug */
    uint64_t source_bytes;
    arena strings;
    intern_set outlets, speakers, languages;
    country_link *links;
    size_t link_count, link_capacity;
    uint32_t *incident_refs; /* index into incidents.items, or NO_INCIDENT */
    size_t incident_ref_count, incident_ref_capacity;
    unknown_incident *unknown;
    size_t unknown_count, unknown_capacity;
} build;

static void *grow(void *items, size_t *capacity, size_t needed, size_t item_size)
{
    if (needed <= *capacity)
        return items;
    size_t capacity_now = *capacity ? *capacity : 64;
    while (capacity_now < needed)
        capacity_now *= 2;
    items = realloc(items, capacity_now * item_size);
    if (!items)
        abort();
    *capacity = capacity_now;
    return items;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
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
    char **names = xcalloc(capacity, sizeof *names);
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
        if (n == capacity) {
            capacity *= 2;
            names = realloc(names, capacity * sizeof *names);
            if (!names)
                abort();
        }
        names[n++] = xstrdup(name);
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
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names;
}

/* The path of a statement file, as pass 1 named it in its messages. */
static char *statement_path(const build *b, const statement_entry *entry)
{
    return path_join(b->options->source_dir, entry->name);
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

/* Index of the statement with this id, or SIZE_MAX. */
static size_t find_statement(const build *b, const char *id)
{
    size_t low = 0, high = b->statement_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        int c = strcmp(b->statements[b->by_id[mid]].slug, id);
        if (c == 0)
            return b->by_id[mid];
        if (c < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return SIZE_MAX;
}

/* Index into incidents.items, or SIZE_MAX. */
static size_t find_incident(const build *b, const char *slug)
{
    size_t low = 0, high = b->valid_incident_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        int c = strcmp(b->incidents.items[b->incident_by_slug[mid]].slug, slug);
        if (c == 0)
            return b->incident_by_slug[mid];
        if (c < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return SIZE_MAX;
}

static bool read_folder_files(build *b)
{
    const rs_build_options *o = b->options;
    char *path = path_join(o->source_dir, "bundle.yaml");
    size_t size;
    char *data = rs_source_read_file(path, &size, b->diags);
    if (data)
        rs_source_parse_bundle(path, data, size, &b->bundle, b->diags);
    free(data);
    free(path);

    b->incidents_path = path_join(o->source_dir, "incidents.yaml");
    if (access(b->incidents_path, F_OK) == 0) {
        data = rs_source_read_file(b->incidents_path, &size, b->diags);
        if (data)
            rs_source_parse_incidents(b->incidents_path, data, size, &b->incidents, b->diags);
        free(data);
    }

    /* The defined incidents by slug, so statements can name them. */
    sort_context = b;
    b->incident_by_slug = xcalloc(b->incidents.count, sizeof *b->incident_by_slug);
    for (size_t i = 0; i < b->incidents.count; i++)
        if (b->incidents.items[i].slug)
            b->incident_by_slug[b->valid_incident_count++] = i;
    qsort(b->incident_by_slug, b->valid_incident_count, sizeof *b->incident_by_slug, compare_incident_slugs);
    return true;
}

static size_t union_find(statement_entry *s, size_t i)
{
    while (s[i].union_parent != i) {
        s[i].union_parent = s[s[i].union_parent].union_parent;
        i = s[i].union_parent;
    }
    return i;
}

/* The same over translation_of: a translation of a translation joins the
 * original's group, so a chain is one group however it is written. */
static size_t translation_find(statement_entry *s, size_t i)
{
    while (s[i].translation_parent != i) {
        s[i].translation_parent = s[s[i].translation_parent].translation_parent;
        i = s[i].translation_parent;
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
    char *key = length <= sizeof small ? small : malloc(length);
    if (!key)
        abort();
    snprintf(key, length, "%s\x1f%s", s->speaker, role);
    const char *interned = intern(&b->speakers, &b->strings, key);
    if (key != small)
        free(key);
    return interned;
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
    entry->link_count = (uint32_t)s->country_count;
    b->links = grow(b->links, &b->link_capacity, b->link_count + s->country_count, sizeof *b->links);
    for (size_t c = 0; c < s->country_count; c++) {
        country_link *link = &b->links[b->link_count++];
        link->code[0] = s->countries[c].code[0];
        link->code[1] = s->countries[c].code[1];
        link->roles = (uint8_t)s->countries[c].roles;
    }

    entry->first_incident = b->incident_ref_count;
    entry->incident_count = (uint32_t)s->incident_count;
    b->incident_refs = grow(b->incident_refs, &b->incident_ref_capacity, b->incident_ref_count + s->incident_count,
                            sizeof *b->incident_refs);
    for (size_t k = 0; k < s->incident_count; k++) {
        size_t found = find_incident(b, s->incidents[k].slug);
        b->incident_refs[b->incident_ref_count++] = found == SIZE_MAX ? NO_INCIDENT : (uint32_t)found;
        if (found == SIZE_MAX) {
            b->unknown = grow(b->unknown, &b->unknown_capacity, b->unknown_count + 1, sizeof *b->unknown);
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
    char *path = path_join(c->b->options->source_dir, c->names[i]);
    slot->diags = rs_diags_create();
    char *data = rs_source_read_file(path, &slot->size, slot->diags);
    slot->read = data != NULL;
    if (data)
        rs_source_parse_statement(path, data, slot->size, c->b->countries, false, &slot->source, slot->diags);
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
    const char *best = NULL;
    size_t best_distance = 3;
    for (size_t k = 0; k < b->statement_count; k++) {
        const char *slug = b->statements[b->by_id[k]].slug;
        size_t d = rs_edit_distance(wanted, slug, best_distance - 1, false);
        if (d < best_distance)
            best = slug, best_distance = d;
    }
    if (best)
        snprintf(hint, hint_size, "; did you mean '%.100s'?", best);
}

static bool read_statements(build *b)
{
    const rs_build_options *o = b->options;
    size_t file_count = 0;
    char **names = list_statement_files(o->source_dir, &file_count, b->diags);
    if (!names)
        return false;
    if (file_count == 0)
        rs_diags_add(b->diags, o->source_dir, 0, "no statement files (*.txt) in the source folder");

    b->statements = xcalloc(file_count, sizeof *b->statements);
    progress p = {.enabled = o->progress && file_count >= 1000, .stage = "checked", .total = file_count,
                  .started = now_seconds()};
    checker *c = xcalloc(1, sizeof *c);
    c->b = b;
    c->names = names;
    c->count = file_count;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->ready, NULL);
    pthread_cond_init(&c->space, NULL);
    pthread_t helper;
    bool threaded = file_count > 1 && start_helper(&helper, checker_helper, c);
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
            char *path = path_join(o->source_dir, names[i]);
            move_diags(b->diags, slot->diags, path);
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
        progress_draw(&p, i + 1, b->source_bytes, i + 1 == file_count);
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

    /* Cross-checks that need the whole folder. */
    sort_context = b;
    b->by_id = xcalloc(b->statement_count, sizeof *b->by_id);
    for (size_t i = 0; i < b->statement_count; i++)
        b->by_id[i] = i;
    qsort(b->by_id, b->statement_count, sizeof *b->by_id, compare_by_slug);
    for (size_t i = 1; i < b->statement_count; i++) {
        const statement_entry *first = &b->statements[b->by_id[i - 1]];
        const statement_entry *again = &b->statements[b->by_id[i]];
        if (strcmp(first->slug, again->slug) == 0) {
            char *first_path = statement_path(b, first), *again_path = statement_path(b, again);
            rs_diags_add(b->diags, again_path, again->id_line, "duplicate id '%s' (also used by %s:%u)", again->slug,
                         first_path, first->id_line);
            free(first_path);
            free(again_path);
        }
    }

    for (size_t i = 0; i < b->statement_count; i++)
        b->statements[i].union_parent = b->statements[i].translation_parent = i;
    size_t unknown = 0, hints = 0;
    for (size_t i = 0; i < b->statement_count; i++) {
        statement_entry *entry = &b->statements[i];
        if ((unknown < b->unknown_count && b->unknown[unknown].statement == i) || entry->same_as ||
            entry->translation_of) {
            char *path = statement_path(b, entry);
            for (; unknown < b->unknown_count && b->unknown[unknown].statement == i; unknown++)
                rs_diags_add(b->diags, path, b->unknown[unknown].line, "unknown incident '%s' (not defined in %s)",
                             b->unknown[unknown].slug, b->incidents_path);
            if (entry->same_as) {
                size_t target = find_statement(b, entry->same_as);
                if (target == SIZE_MAX) {
                    char hint[160];
                    closest_id_hint(b, entry->same_as, &hints, hint, sizeof hint);
                    rs_diags_add(b->diags, path, entry->same_as_line,
                                 "same_as '%.60s' does not match any statement id%s", entry->same_as, hint);
                } else if (target != i)
                    b->statements[union_find(b->statements, i)].union_parent = union_find(b->statements, target);
            }
            if (entry->translation_of) {
                size_t target = find_statement(b, entry->translation_of);
                if (target == SIZE_MAX) {
                    char hint[160];
                    closest_id_hint(b, entry->translation_of, &hints, hint, sizeof hint);
                    rs_diags_add(b->diags, path, entry->translation_of_line,
                                 "translation_of '%.60s' does not match any statement id%s", entry->translation_of,
                                 hint);
                } else if (target != i)
                    b->statements[translation_find(b->statements, i)].translation_parent =
                        translation_find(b->statements, target);
            }
            free(path);
        }
    }
    return true;
}

/* ---- pass 2: writing ---- */

typedef struct replay replay;

typedef struct writer {
    build *b;
    sqlite3 *db;
    char *error;
    replay *replay; /* the stand-in 'porter' on db, or NULL */
} writer;

static bool exec_sql(writer *w, const char *sql)
{
    char *message = NULL;
    if (sqlite3_exec(w->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        if (!w->error)
            w->error = xstrdup(message ? message : sqlite3_errmsg(w->db));
        sqlite3_free(message);
        return false;
    }
    return true;
}

static sqlite3_stmt *prepare(writer *w, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(w->db, sql, -1, &stmt, NULL) != SQLITE_OK && !w->error)
        w->error = xstrdup(sqlite3_errmsg(w->db));
    return stmt;
}

static bool step_done(writer *w, sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) {
        if (!w->error)
            w->error = xstrdup(sqlite3_errmsg(w->db));
        return false;
    }
    return true;
}

static void bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text)
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, index);
}

/* A sorted set of distinct strings (outlets, speakers, languages), numbered
 * by sorted position so the numbering is deterministic. */
typedef struct string_set {
    const char **items;
    size_t count;
} string_set;

static void string_set_build(string_set *set, const intern_set *values)
{
    set->items = xcalloc(values->count, sizeof *set->items);
    set->count = 0;
    for (size_t i = 0; i < values->capacity; i++)
        if (values->slots[i])
            set->items[set->count++] = values->slots[i];
    qsort(set->items, set->count, sizeof *set->items, compare_names);
}

/* 1-based number of text in the set, 0 if absent. */
static int64_t string_set_find(const string_set *set, const char *text)
{
    size_t low = 0, high = set->count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        int c = strcmp(set->items[mid], text);
        if (c == 0)
            return (int64_t)mid + 1;
        if (c < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return 0;
}

static bool write_lookup_tables(writer *w, string_set *outlets, string_set *speakers)
{
    build *b = w->b;
    string_set_build(outlets, &b->outlets);
    string_set_build(speakers, &b->speakers);

    sqlite3_stmt *outlet = prepare(w, "INSERT INTO outlet(id, name) VALUES(?1, ?2)");
    sqlite3_stmt *speaker = prepare(w, "INSERT INTO speaker(id, name, role) VALUES(?1, ?2, ?3)");
    bool ok = outlet && speaker;
    for (size_t i = 0; ok && i < outlets->count; i++) {
        sqlite3_bind_int64(outlet, 1, (int64_t)i + 1);
        sqlite3_bind_text(outlet, 2, outlets->items[i], -1, SQLITE_STATIC);
        ok = step_done(w, outlet);
    }
    for (size_t i = 0; ok && i < speakers->count; i++) {
        const char *key = speakers->items[i];
        const char *separator = strchr(key, '\x1f');
        sqlite3_bind_int64(speaker, 1, (int64_t)i + 1);
        sqlite3_bind_text(speaker, 2, key, (int)(separator - key), SQLITE_STATIC);
        if (separator[1])
            sqlite3_bind_text(speaker, 3, separator + 1, -1, SQLITE_STATIC);
        ok = step_done(w, speaker);
    }
    sqlite3_finalize(outlet);
    sqlite3_finalize(speaker);
    return ok;
}

/* ---- pass 2: reading ahead on a second thread ----
 *
 * Writing is one SQLite connection on one thread, and most of its time goes
 * into the full-text index. Everything before that can run beside it: a
 * worker thread reads each file again, parses it and runs the tokenizer
 * ('porter rostrum') over its title and body, a few dozen statements ahead.
 * The FTS5 table then gets those tokens through a stand-in for 'porter',
 * registered on the builder's own connection only, which replays what the
 * real tokenizer produced for exactly that text and otherwise calls the real
 * tokenizer itself. The index is therefore the same as if FTS5 had
 * tokenized everything in place, and the result does not depend on timing:
 * rows are still written one at a time, in id order, on this thread. */

/* One token as the real tokenizer reported it; text is an offset into the
 * list's bytes. */
typedef struct token {
    int flags, start, end, length;
    size_t text;
} token;

typedef struct token_list {
    token *items;
    size_t count, capacity;
    char *text;
    size_t used, text_capacity;
} token_list;

static int keep_token(void *context, int flags, const char *text, int length, int start, int end)
{
    token_list *list = context;
    if (length < 0)
        return SQLITE_ERROR;
    list->items = grow(list->items, &list->capacity, list->count + 1, sizeof *list->items);
    list->text = grow(list->text, &list->text_capacity, list->used + (size_t)length, 1);
    if (length > 0)
        memcpy(list->text + list->used, text, (size_t)length);
    list->items[list->count++] = (token){flags, start, end, length, list->used};
    list->used += (size_t)length;
    return SQLITE_OK;
}

static void token_list_free(token_list *list)
{
    free(list->items);
    free(list->text);
    memset(list, 0, sizeof *list);
}

/* A tokenizer module as FTS5 hands it out. */
typedef struct tokenizer_module {
    fts5_tokenizer methods;
    void *context;
} tokenizer_module;

/* One statement read again, ready to be written. */
typedef struct prepared {
    rs_statement_source fresh;
    rs_diags *diags; /* what went wrong reading it */
    bool ok;
    bool tokenized; /* title and body hold the real tokenizer's output */
    token_list title, body;
} prepared;

/* The stand-in 'porter': replays the tokens of the statement being written. */
struct replay {
    tokenizer_module porter; /* the real one */
    const prepared *current;
};

typedef struct replay_instance {
    replay *replay;
    Fts5Tokenizer *real;
    bool can_replay; /* created as 'porter rostrum', as the worker tokenizes */
} replay_instance;

static const char *const worker_tokenizer_args[] = {"rostrum"};

static int replay_create(void *context, const char **args, int count, Fts5Tokenizer **out)
{
    replay *r = context;
    replay_instance *instance = sqlite3_malloc(sizeof *instance);
    if (!instance)
        return SQLITE_NOMEM;
    instance->replay = r;
    instance->can_replay = count == 1 && strcmp(args[0], worker_tokenizer_args[0]) == 0;
    int rc = r->porter.methods.xCreate(r->porter.context, args, count, &instance->real);
    if (rc != SQLITE_OK) {
        sqlite3_free(instance);
        return rc;
    }
    *out = (Fts5Tokenizer *)instance;
    return SQLITE_OK;
}

static void replay_delete(Fts5Tokenizer *handle)
{
    replay_instance *instance = (replay_instance *)handle;
    instance->replay->porter.methods.xDelete(instance->real);
    sqlite3_free(instance);
}

static bool same_text(const char *a, size_t a_length, const char *b, int b_length)
{
    return a && b && b_length >= 0 && a_length == (size_t)b_length && memcmp(a, b, a_length) == 0;
}

static int replay_tokenize(Fts5Tokenizer *handle, void *context, int flags, const char *text, int length,
                           int (*emit)(void *, int, const char *, int, int, int))
{
    replay_instance *instance = (replay_instance *)handle;
    const prepared *current = instance->replay->current;
    const token_list *list = NULL;
    if (instance->can_replay && current && current->tokenized && flags == FTS5_TOKENIZE_DOCUMENT) {
        if (same_text(current->fresh.title, strlen(current->fresh.title), text, length))
            list = &current->title;
        else if (same_text(current->fresh.body, current->fresh.body_bytes, text, length))
            list = &current->body;
    }
    if (!list)
        return instance->replay->porter.methods.xTokenize(instance->real, context, flags, text, length, emit);
    for (size_t i = 0; i < list->count; i++) {
        const token *t = &list->items[i];
        int rc = emit(context, t->flags, list->text + t->text, t->length, t->start, t->end);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static void replay_destroy(void *context)
{
    sqlite3_free(context);
}

/* Registers the stand-in 'porter' on db and gives back the real one. Called
 * after the 'rostrum' tokenizer is registered and before the schema. */
static bool install_replay(sqlite3 *db, replay **out, tokenizer_module *real_porter)
{
    *out = NULL;
    fts5_api *api = rs_fts5_api(db);
    if (!api || api->xFindTokenizer(api, "porter", &real_porter->context, &real_porter->methods) != SQLITE_OK)
        return false;
    replay *r = sqlite3_malloc(sizeof *r);
    if (!r)
        return false;
    r->porter = *real_porter;
    r->current = NULL;
    fts5_tokenizer methods = {replay_create, replay_delete, replay_tokenize};
    if (api->xCreateTokenizer(api, "porter", r, &methods, replay_destroy) != SQLITE_OK) {
        sqlite3_free(r);
        return false;
    }
    *out = r;
    return true;
}

#define PIPELINE_DEPTH 32

typedef struct pipeline {
    build *b;
    prepared slots[PIPELINE_DEPTH];
    size_t produced, consumed; /* statements, in time order */
    bool stop;
    bool threaded;
    /* As in pass 1: the worker, once the window is full, resumes when half
     * of it is free again. */
    bool taker_waiting, worker_waiting;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t ready, space;
    tokenizer_module porter; /* the real 'porter', for the worker */
    Fts5Tokenizer *tokenizer; /* 'porter rostrum'; NULL: FTS5 tokenizes in place */
} pipeline;

/* Reads one statement file again for its body and the fields pass 1 did not
 * keep, and checks that it still says what pass 1 read (a curator may be
 * editing while a big build runs). */
static bool reread_statement(const build *b, const statement_entry *entry, rs_statement_source *fresh,
                             rs_diags *diags)
{
    char *path = statement_path(b, entry);
    size_t size;
    char *data = rs_source_read_file(path, &size, diags);
    bool ok = data != NULL;
    if (ok)
        ok = rs_source_parse_statement(path, data, size, b->countries, true, fresh, diags);
    else
        memset(fresh, 0, sizeof *fresh);
    free(data);
    if (ok && (strcmp(fresh->id, entry->slug) != 0 || !fresh->body)) {
        rs_diags_add(diags, path, 0, "the file changed while the bundle was being built; build again");
        ok = false;
    }
    free(path);
    return ok;
}

static void prepare_statement(pipeline *p, size_t t, prepared *slot)
{
    const build *b = p->b;
    slot->diags = rs_diags_create();
    slot->ok = reread_statement(b, &b->statements[b->by_time[t]], &slot->fresh, slot->diags);
    slot->tokenized = false;
    slot->title.count = slot->title.used = 0;
    slot->body.count = slot->body.used = 0;
    if (slot->ok && p->tokenizer) {
        const fts5_tokenizer *m = &p->porter.methods;
        const rs_statement_source *f = &slot->fresh;
        slot->tokenized =
            f->body_bytes <= INT32_MAX && strlen(f->title) <= INT32_MAX &&
            m->xTokenize(p->tokenizer, &slot->title, FTS5_TOKENIZE_DOCUMENT, f->title, (int)strlen(f->title),
                         keep_token) == SQLITE_OK &&
            m->xTokenize(p->tokenizer, &slot->body, FTS5_TOKENIZE_DOCUMENT, f->body, (int)f->body_bytes,
                         keep_token) == SQLITE_OK;
    }
}

static void *pipeline_worker(void *context)
{
    pipeline *p = context;
    for (size_t t = 0; t < p->b->statement_count; t++) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->produced - p->consumed >= PIPELINE_DEPTH) {
            p->worker_waiting = true;
            pthread_cond_wait(&p->space, &p->lock);
        }
        bool stop = p->stop;
        pthread_mutex_unlock(&p->lock);
        if (stop)
            break;
        prepared *slot = &p->slots[t % PIPELINE_DEPTH];
        prepare_statement(p, t, slot);
        pthread_mutex_lock(&p->lock);
        p->produced++;
        if (p->taker_waiting) {
            p->taker_waiting = false;
            pthread_cond_signal(&p->ready);
        }
        pthread_mutex_unlock(&p->lock);
        if (!slot->ok)
            break; /* the build stops at this statement */
    }
    return NULL;
}

/* Starts reading ahead. Without a thread (or without the real tokenizer)
 * the same work happens in line, one statement at a time. */
static void pipeline_start(pipeline *p, build *b, const tokenizer_module *porter)
{
    memset(p, 0, sizeof *p);
    p->b = b;
    if (porter && porter->methods.xCreate) {
        p->porter = *porter;
        if (porter->methods.xCreate(porter->context, (const char **)worker_tokenizer_args, 1, &p->tokenizer) !=
            SQLITE_OK)
            p->tokenizer = NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->ready, NULL);
    pthread_cond_init(&p->space, NULL);
    p->threaded = b->statement_count > 1 && start_helper(&p->thread, pipeline_worker, p);
}

/* The statement at time position t, once it is ready. */
static prepared *pipeline_take(pipeline *p, size_t t)
{
    if (!p->threaded) {
        prepare_statement(p, t, &p->slots[0]);
        return &p->slots[0];
    }
    pthread_mutex_lock(&p->lock);
    while (p->produced <= t) {
        p->taker_waiting = true;
        pthread_cond_wait(&p->ready, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return &p->slots[t % PIPELINE_DEPTH];
}

static void prepared_clear(prepared *slot)
{
    rs_statement_source_clear(&slot->fresh);
    rs_diags_destroy(slot->diags);
    slot->diags = NULL;
}

static void pipeline_release(pipeline *p, prepared *slot)
{
    prepared_clear(slot);
    if (!p->threaded)
        return;
    pthread_mutex_lock(&p->lock);
    p->consumed++;
    if (p->worker_waiting && p->produced - p->consumed <= PIPELINE_DEPTH / 2) {
        p->worker_waiting = false;
        pthread_cond_signal(&p->space);
    }
    pthread_mutex_unlock(&p->lock);
}

static void pipeline_finish(pipeline *p)
{
    if (p->threaded) {
        pthread_mutex_lock(&p->lock);
        p->stop = true;
        pthread_cond_signal(&p->space);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
        for (size_t t = p->consumed; t < p->produced; t++)
            prepared_clear(&p->slots[t % PIPELINE_DEPTH]);
    }
    for (size_t i = 0; i < PIPELINE_DEPTH; i++) {
        token_list_free(&p->slots[i].title);
        token_list_free(&p->slots[i].body);
    }
    if (p->tokenizer)
        p->porter.methods.xDelete(p->tokenizer);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->ready);
    pthread_cond_destroy(&p->space);
}

static bool write_statements(writer *w, const string_set *outlets, const string_set *speakers,
                             const tokenizer_module *porter)
{
    build *b = w->b;
    /* The rows go to a temporary table first and into statement in one go
     * at the end, so that statement's pages lie together in the file rather
     * than one between every few dozen pages of text. */
    bool ok = exec_sql(w, "CREATE TEMP TABLE statement_rows AS SELECT * FROM main.statement WHERE 0;");
    sqlite3_stmt *insert = ok ? prepare(w,
        "INSERT INTO temp.statement_rows(id, slug, title, title_note, date, year, month, day, date_note, outlet_id,"
        " speaker_id, language, url, kind, same_as_id, same_group, source_path, translation_of_id,"
        " translation_group)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)") : NULL;
    sqlite3_stmt *text = prepare(w, "INSERT INTO statement_text(id, title, body) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *fts = prepare(w, "INSERT INTO statement_fts(rowid, title, body) VALUES(?1, ?2, ?3)");
    ok = ok && insert && text && fts;
    progress p = {.enabled = b->options->progress && b->statement_count >= 1000, .stage = "written",
                  .total = b->statement_count, .started = now_seconds()};
    uint64_t bytes = 0;
    pipeline *ahead = xcalloc(1, sizeof *ahead);
    if (ok)
        pipeline_start(ahead, b, w->replay ? porter : NULL);

    for (size_t t = 0; ok && t < b->statement_count; t++) {
        statement_entry *entry = &b->statements[b->by_time[t]];
        prepared *ready = pipeline_take(ahead, t);
        if (!ready->ok) {
            char *path = statement_path(b, entry);
            move_diags(b->diags, ready->diags, path);
            free(path);
            pipeline_release(ahead, ready);
            ok = false;
            break;
        }
        const rs_statement_source *fresh = &ready->fresh;
        bytes += fresh->body_bytes;

        sqlite3_bind_int64(insert, 1, entry->id);
        sqlite3_bind_text(insert, 2, entry->slug, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, fresh->title, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 4, fresh->title_note);
        bind_text_or_null(insert, 5, entry->date_text);
        if (entry->date.year)
            sqlite3_bind_int(insert, 6, entry->date.year);
        if (entry->date.month)
            sqlite3_bind_int(insert, 7, entry->date.month);
        if (entry->date.day)
            sqlite3_bind_int(insert, 8, entry->date.day);
        bind_text_or_null(insert, 9, fresh->date_note);
        if (entry->outlet)
            sqlite3_bind_int64(insert, 10, string_set_find(outlets, entry->outlet));
        if (entry->speaker_key)
            sqlite3_bind_int64(insert, 11, string_set_find(speakers, entry->speaker_key));
        sqlite3_bind_text(insert, 12, entry->language, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 13, fresh->url);
        sqlite3_bind_text(insert, 14, fresh->kind, -1, SQLITE_STATIC);
        if (entry->same_as_id)
            sqlite3_bind_int64(insert, 15, entry->same_as_id);
        if (entry->same_group)
            sqlite3_bind_int64(insert, 16, entry->same_group);
        sqlite3_bind_text(insert, 17, entry->name, -1, SQLITE_STATIC);
        if (entry->translation_of_id)
            sqlite3_bind_int64(insert, 18, entry->translation_of_id);
        if (entry->translation_group)
            sqlite3_bind_int64(insert, 19, entry->translation_group);
        ok = step_done(w, insert);

        sqlite3_bind_int64(text, 1, entry->id);
        sqlite3_bind_text(text, 2, fresh->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(text, 3, fresh->body, (int)fresh->body_bytes, SQLITE_STATIC);
        ok = ok && step_done(w, text);

        if (w->replay)
            w->replay->current = ready;
        sqlite3_bind_int64(fts, 1, entry->id);
        sqlite3_bind_text(fts, 2, fresh->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(fts, 3, fresh->body, (int)fresh->body_bytes, SQLITE_STATIC);
        ok = ok && step_done(w, fts);
        if (w->replay)
            w->replay->current = NULL;

        pipeline_release(ahead, ready);
        progress_draw(&p, t + 1, bytes, t + 1 == b->statement_count);
    }
    if (ahead->b)
        pipeline_finish(ahead);
    free(ahead);
    sqlite3_finalize(insert);
    sqlite3_finalize(text);
    sqlite3_finalize(fts);
    return ok && exec_sql(w, "INSERT INTO main.statement SELECT * FROM temp.statement_rows ORDER BY rowid;"
                             "DROP TABLE temp.statement_rows;");
}

/* Country codes are two capital letters: 26 * 26 slots, in code order. */
#define CODE_SLOTS (26 * 26)

static size_t code_slot(const char code[2])
{
    return (size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A');
}

/* The browse lists by country, computed here rather than in SQL: every list
 * is the statements in id order, so one counting sort of the links gives each
 * country's list, and rows go in in primary-key order. */
static bool write_countries(writer *w)
{
    build *b = w->b;
    size_t *start = xcalloc(CODE_SLOTS + 1, sizeof *start);
    for (size_t l = 0; l < b->link_count; l++)
        start[code_slot(b->links[l].code) + 1]++;
    for (size_t k = 0; k < CODE_SLOTS; k++)
        start[k + 1] += start[k];
    /* Links grouped by country, each group in id order. */
    int64_t *ids = xcalloc(b->link_count, sizeof *ids);
    uint8_t *roles = xcalloc(b->link_count, 1);
    size_t *fill = xcalloc(CODE_SLOTS, sizeof *fill);
    memcpy(fill, start, CODE_SLOTS * sizeof *fill);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        for (uint32_t c = 0; c < entry->link_count; c++) {
            const country_link *link = &b->links[entry->first_link + c];
            size_t at = fill[code_slot(link->code)]++;
            ids[at] = entry->id;
            roles[at] = link->roles;
        }
    }
    free(fill);

    /* The roles in the order of their names, as the primary keys sort them. */
    int role_order[RS_ROLE_COUNT];
    for (int r = 0; r < RS_ROLE_COUNT; r++)
        role_order[r] = r;
    for (int i = 1; i < RS_ROLE_COUNT; i++)
        for (int j = i; j > 0 && strcmp(rs_roles[role_order[j - 1]], rs_roles[role_order[j]]) > 0; j--) {
            int swap = role_order[j];
            role_order[j] = role_order[j - 1];
            role_order[j - 1] = swap;
        }

    sqlite3_stmt *by_role = prepare(w,
        "INSERT INTO statement_country(country_code, role, pos, statement_id) VALUES(?1, ?2, ?3, ?4)");
    sqlite3_stmt *listed = prepare(w,
        "INSERT INTO country_statement(country_code, pos, statement_id, roles) VALUES(?1, ?2, ?3, ?4)");
    sqlite3_stmt *role_count = prepare(w,
        "INSERT INTO country_role(country_code, role, statement_count) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *country = prepare(w,
        "INSERT INTO country(code, name, official_name, statement_count) VALUES(?1, ?2, ?3, ?4)");
    sqlite3_stmt *translated = prepare(w, "INSERT INTO country_name(code, language, name) VALUES(?1, ?2, ?3)");
    static const char *const name_languages[] = RS_BUNDLE_NAME_LANGUAGES;
    bool ok = by_role && listed && role_count && country && translated;
    for (size_t k = 0; ok && k < CODE_SLOTS; k++) {
        if (start[k] == start[k + 1])
            continue;
        char code[3] = {(char)('A' + k / 26), (char)('A' + k % 26), '\0'};
        for (int o = 0; ok && o < RS_ROLE_COUNT; o++) {
            int r = role_order[o];
            int64_t pos = 0;
            for (size_t l = start[k]; ok && l < start[k + 1]; l++) {
                if (!(roles[l] & (1u << r)))
                    continue;
                sqlite3_bind_text(by_role, 1, code, 2, SQLITE_STATIC);
                sqlite3_bind_text(by_role, 2, rs_roles[r], -1, SQLITE_STATIC);
                sqlite3_bind_int64(by_role, 3, pos++);
                sqlite3_bind_int64(by_role, 4, ids[l]);
                ok = step_done(w, by_role);
            }
            if (ok && pos > 0) {
                sqlite3_bind_text(role_count, 1, code, 2, SQLITE_STATIC);
                sqlite3_bind_text(role_count, 2, rs_roles[r], -1, SQLITE_STATIC);
                sqlite3_bind_int64(role_count, 3, pos);
                ok = step_done(w, role_count);
            }
        }
        for (size_t l = start[k]; ok && l < start[k + 1]; l++) {
            /* "speaker accused": the role names in rs_roles order. */
            char text[64] = "";
            for (int r = 0; r < RS_ROLE_COUNT; r++)
                if (roles[l] & (1u << r)) {
                    if (text[0])
                        strcat(text, " ");
                    strcat(text, rs_roles[r]);
                }
            sqlite3_bind_text(listed, 1, code, 2, SQLITE_STATIC);
            sqlite3_bind_int64(listed, 2, (int64_t)(l - start[k]));
            sqlite3_bind_int64(listed, 3, ids[l]);
            sqlite3_bind_text(listed, 4, text, -1, SQLITE_TRANSIENT);
            ok = step_done(w, listed);
        }
        const char *name = NULL, *official = NULL;
        if (ok && !rs_countries_find(b->countries, code, &name, &official)) {
            w->error = xstrdup("internal error: a country code passed the checks but has no name");
            ok = false;
        }
        if (ok) {
            sqlite3_bind_text(country, 1, code, 2, SQLITE_STATIC);
            sqlite3_bind_text(country, 2, name, -1, SQLITE_STATIC);
            bind_text_or_null(country, 3, official);
            sqlite3_bind_int64(country, 4, (int64_t)(start[k + 1] - start[k]));
            ok = step_done(w, country);
        }
        /* The name in each of the viewer's other languages, from iso-codes'
         * translations (none written where it has none: English is shown). */
        for (size_t l = 0; ok && l < sizeof name_languages / sizeof name_languages[0]; l++) {
            char *local = rs_countries_translated(b->countries, code, name_languages[l], NULL);
            if (!local)
                continue;
            sqlite3_bind_text(translated, 1, code, 2, SQLITE_STATIC);
            sqlite3_bind_text(translated, 2, name_languages[l], -1, SQLITE_STATIC);
            sqlite3_bind_text(translated, 3, local, -1, SQLITE_TRANSIENT);
            ok = step_done(w, translated);
            free(local);
        }
    }
    sqlite3_finalize(translated);
    sqlite3_finalize(by_role);
    sqlite3_finalize(listed);
    sqlite3_finalize(role_count);
    sqlite3_finalize(country);
    free(start);
    free(ids);
    free(roles);
    return ok;
}

/* Incidents and their lists, by the same counting sort. A statement that
 * names an incident twice is listed twice, as it is written. */
static bool write_incidents(writer *w)
{
    build *b = w->b;
    size_t count = b->incidents.count;
    size_t *start = xcalloc(count + 1, sizeof *start);
    for (size_t r = 0; r < b->incident_ref_count; r++)
        if (b->incident_refs[r] != NO_INCIDENT)
            start[b->incident_refs[r] + 1]++;
    for (size_t i = 0; i < count; i++)
        start[i + 1] += start[i];
    int64_t *ids = xcalloc(start[count], sizeof *ids);
    size_t *fill = xcalloc(count + 1, sizeof *fill);
    memcpy(fill, start, count * sizeof *fill);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        for (uint32_t k = 0; k < entry->incident_count; k++) {
            uint32_t incident = b->incident_refs[entry->first_incident + k];
            if (incident != NO_INCIDENT)
                ids[fill[incident]++] = entry->id;
        }
    }
    free(fill);

    sqlite3_stmt *link = prepare(w, "INSERT INTO statement_incident(incident_id, pos, statement_id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *insert = prepare(w,
        "INSERT INTO incident(id, slug, name, date, date_note, summary, statement_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    bool ok = link && insert;
    for (size_t i = 0; ok && i < count; i++) {
        for (size_t l = start[i]; ok && l < start[i + 1]; l++) {
            sqlite3_bind_int64(link, 1, (int64_t)i + 1);
            sqlite3_bind_int64(link, 2, (int64_t)(l - start[i]));
            sqlite3_bind_int64(link, 3, ids[l]);
            ok = step_done(w, link);
        }
    }
    for (size_t i = 0; ok && i < count; i++) {
        const rs_incident_source *incident = &b->incidents.items[i];
        sqlite3_bind_int64(insert, 1, (int64_t)i + 1);
        sqlite3_bind_text(insert, 2, incident->slug, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, incident->name, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 4, incident->date_text);
        bind_text_or_null(insert, 5, incident->date_note);
        sqlite3_bind_text(insert, 6, incident->summary, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 7, (int64_t)(start[i + 1] - start[i]));
        ok = step_done(w, insert);
    }
    sqlite3_finalize(link);
    sqlite3_finalize(insert);
    free(start);
    free(ids);
    return ok;
}

static bool write_date_counts(writer *w)
{
    build *b = w->b;
    sqlite3_stmt *year = prepare(w, "INSERT INTO year_count(year, statement_count, first_id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *month = prepare(w,
        "INSERT INTO month_count(year, month, statement_count, first_id) VALUES(?1, ?2, ?3, ?4)");
    bool ok = year && month;
    /* Statements are in time order, so each year and month is one run of ids. */
    size_t t = 0;
    while (ok && t < b->statement_count) {
        const rs_date *first = &b->statements[b->by_time[t]].date;
        if (first->year == 0)
            break; /* the undated come last */
        size_t year_end = t;
        while (year_end < b->statement_count && b->statements[b->by_time[year_end]].date.year == first->year)
            year_end++;
        sqlite3_bind_int(year, 1, first->year);
        sqlite3_bind_int64(year, 2, (int64_t)(year_end - t));
        sqlite3_bind_int64(year, 3, (int64_t)t + 1);
        ok = step_done(w, year);
        for (size_t m = t; ok && m < year_end;) {
            int month_number = b->statements[b->by_time[m]].date.month;
            size_t month_end = m;
            while (month_end < year_end && b->statements[b->by_time[month_end]].date.month == month_number)
                month_end++;
            sqlite3_bind_int(month, 1, first->year);
            sqlite3_bind_int(month, 2, month_number);
            sqlite3_bind_int64(month, 3, (int64_t)(month_end - m));
            sqlite3_bind_int64(month, 4, (int64_t)m + 1);
            ok = step_done(w, month);
            m = month_end;
        }
        t = year_end;
    }
    sqlite3_finalize(year);
    sqlite3_finalize(month);
    return ok;
}

/* ---- search tables: term statistics and suggestions ----
 *
 * Both come from the finished full-text index, read once through fts5vocab.
 *
 * term_stat holds, for every index term, how many statements contain it.
 * Search reads it to weight the words of a query (the IDF of BM25) and to
 * complete the word being typed, instead of walking the whole doclist of a
 * common word on every keystroke.
 *
 * Suggestions are the chips of the search screen. Every chip's query is run
 * here against the real index, and its count is what that query finds; a
 * chip that would find nothing is dropped. The list, at most
 * SUGGESTION_MAX, alternates kinds so that any first part of it is varied:
 * incident, term, outlet, term, speaker, term, then again, a kind that has
 * run out being skipped.
 * - Incidents, outlets and speakers: those with the most statements first
 *   (ties by name), the name itself as the query.
 * - Terms: the corpus's most distinctive words, by tf-idf over the whole
 *   corpus: occurrences x ln((N + 1) / statements containing it). Words in a
 *   stop list, words shorter than three letters, numbers, single CJK
 *   characters and terms in more than half of the statements (in small
 *   collections: in all of them) are left out; in collections of 20 or more
 *   a term must be in at least two statements. Scripts take turns (Latin,
 *   Cyrillic, Greek, CJK, other), so that a collection that is mostly English
 *   still offers Chinese words to a kiosk without a Chinese keyboard. Index
 *   terms are stems ("hacker"), so each chip shows the word as the texts
 *   write it most often where that term occurs ("hackers"); ties go to the
 *   smaller byte string, so the choice is deterministic.
 */
#define SUGGESTION_MAX 24
#define SUGGEST_INCIDENTS 6
#define SUGGEST_OUTLETS 4
#define SUGGEST_SPEAKERS 4
#define SUGGEST_TRIES 3          /* candidates tried per chip wanted, for those that find nothing */
#define TERM_CANDIDATES 64       /* best terms kept per script while reading the vocabulary */
#define SURFACE_SAMPLES 32       /* occurrences read to find a term's usual written form */

enum script { SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_GREEK, SCRIPT_CJK, SCRIPT_OTHER, SCRIPT_COUNT };

/* Function words that say nothing about a collection, in the forms people
 * write; they are run through the index's tokenizer before use. */
static const char *const stop_words[] = {
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "done", "each",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "may", "more", "most", "must", "no", "not", "of", "on", "one", "only", "or", "other",
    "our", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "under", "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your",
    "а", "без", "бы", "был", "была", "были", "было", "быть", "в", "во", "все", "всех", "где", "да", "для",
    "до", "его", "ее", "её", "если", "есть", "же", "за", "и", "из", "или", "им", "их", "к", "как", "ко",
    "когда", "кто", "ли", "на", "над", "не", "нет", "ни", "но", "о", "об", "от", "по", "под", "при", "с",
    "со", "так", "также", "то", "того", "только", "том", "у", "уже", "что", "чтобы", "это", "этого", "этой",
    "этом", "эти", "этот",
};

typedef struct term_candidate {
    char *term;
    double score;
} term_candidate;

typedef struct chip {
    int kind; /* rs_suggestion_kind order: incident, outlet, speaker, term */
    char *query, *label;
    const char *language;
    int64_t count;
} chip;

typedef struct chip_list {
    chip items[SUGGESTION_MAX];
    size_t count;
} chip_list;

typedef struct suggester {
    writer *w;
    fts5_tokenizer methods;
    Fts5Tokenizer *tokenizer; /* 'porter rostrum', as the index */
    char **stops;             /* stop words as index terms, sorted */
    size_t stop_count;
    term_candidate terms[SCRIPT_COUNT][TERM_CANDIDATES];
    size_t term_count[SCRIPT_COUNT];
    sqlite3_stmt *count, *instances, *text;
} suggester;

static enum script script_of(const char *term, size_t *characters)
{
    uint32_t first = 0;
    size_t n = 0;
    bool cjk = true;
    for (const unsigned char *p = (const unsigned char *)term; *p;) {
        uint32_t cp;
        int length;
        if (*p < 0x80)
            cp = *p, length = 1;
        else if ((*p & 0xE0) == 0xC0)
            cp = *p & 0x1Fu, length = 2;
        else if ((*p & 0xF0) == 0xE0)
            cp = *p & 0x0Fu, length = 3;
        else
            cp = *p & 0x07u, length = 4;
        for (int i = 1; i < length && p[i]; i++)
            cp = cp << 6 | (p[i] & 0x3Fu);
        for (int i = 0; i < length && *p; i++)
            p++;
        if (!n)
            first = cp;
        cjk = cjk && cp >= 0x2E80;
        n++;
    }
    *characters = n;
    if (cjk && n)
        return SCRIPT_CJK;
    if (first < 0x250 || (first >= 0x1E00 && first < 0x1F00))
        return SCRIPT_LATIN;
    if (first >= 0x400 && first < 0x530)
        return SCRIPT_CYRILLIC;
    if (first >= 0x370 && first < 0x400)
        return SCRIPT_GREEK;
    return SCRIPT_OTHER;
}

static int keep_first_token(void *context, int flags, const char *text, int length, int start, int end)
{
    (void)flags, (void)start, (void)end;
    char **out = context;
    if (!*out && length > 0) {
        *out = strndup(text, (size_t)length);
        if (!*out)
            abort();
    }
    return SQLITE_OK;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_stop_term(const suggester *s, const char *term)
{
    return bsearch(&term, s->stops, s->stop_count, sizeof *s->stops, compare_strings) != NULL;
}

/* Better first: higher score, then the smaller term. */
static int compare_candidates(const void *a, const void *b)
{
    const term_candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->term, y->term);
}

/* Keeps term among the TERM_CANDIDATES best of its script. */
static void offer_term(suggester *s, enum script script, const char *term, double score)
{
    term_candidate *list = s->terms[script];
    size_t *count = &s->term_count[script];
    term_candidate offered = {(char *)term, score};
    if (*count == TERM_CANDIDATES) {
        size_t worst = 0;
        for (size_t i = 1; i < *count; i++)
            if (compare_candidates(&list[i], &list[worst]) > 0)
                worst = i;
        if (compare_candidates(&offered, &list[worst]) >= 0)
            return;
        free(list[worst].term);
        list[worst] = list[--*count];
    }
    list[*count].term = xstrdup(term);
    list[(*count)++].score = score;
}

/* Reads the whole vocabulary once: every term into term_stat, the best into
 * the candidates. */
static bool read_vocabulary(suggester *s)
{
    writer *w = s->w;
    int64_t n = (int64_t)w->b->statement_count;
    int64_t least = n >= 20 ? 2 : 1;
    int64_t most = n >= 10 ? n / 2 : n > 1 ? n - 1 : 1;
    sqlite3_stmt *vocabulary = prepare(w, "SELECT term, doc, cnt FROM temp.rostrum_vocabulary");
    sqlite3_stmt *insert = prepare(w, "INSERT INTO term_stat(term, doc_count) VALUES(?1, ?2)");
    bool ok = vocabulary && insert;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(vocabulary)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(vocabulary, 0);
        int64_t doc = sqlite3_column_int64(vocabulary, 1), occurrences = sqlite3_column_int64(vocabulary, 2);
        if (!term)
            continue;
        sqlite3_bind_text(insert, 1, term, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, doc);
        ok = step_done(w, insert);
        if (doc < least || doc > most)
            continue;
        size_t characters;
        enum script script = script_of(term, &characters);
        bool digits = true;
        for (const char *p = term; *p; p++)
            digits = digits && ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',');
        bool wanted = script == SCRIPT_CJK ? characters == 2 : characters >= 3 && !digits && !is_stop_term(s, term);
        if (wanted)
            offer_term(s, script, term, (double)occurrences * log((double)(n + 1) / (double)doc));
    }
    if (ok && rc != SQLITE_DONE) {
        if (!w->error)
            w->error = xstrdup(sqlite3_errmsg(w->db));
        ok = false;
    }
    sqlite3_finalize(vocabulary);
    sqlite3_finalize(insert);
    for (int script = 0; script < SCRIPT_COUNT; script++)
        qsort(s->terms[script], s->term_count[script], sizeof s->terms[script][0], compare_candidates);
    return ok;
}

/* How many statements the query finds, by the index itself; -1 on error. */
static int64_t count_matches(suggester *s, const char *query)
{
    char *expression = rs_search_query_expression(query);
    sqlite3_bind_text(s->count, 1, expression, -1, SQLITE_STATIC);
    int64_t count = sqlite3_step(s->count) == SQLITE_ROW ? sqlite3_column_int64(s->count, 0) : -1;
    sqlite3_reset(s->count);
    sqlite3_clear_bindings(s->count);
    free(expression);
    return count;
}

typedef struct surface_search {
    const char *text, *term;
    int position, target;
    int start, end; /* found: the token's bytes in text; start -1 until then */
} surface_search;

static int find_surface(void *context, int flags, const char *piece, int length, int start, int end)
{
    surface_search *f = context;
    if (!(flags & FTS5_TOKEN_COLOCATED))
        f->position++;
    if (f->start < 0 && f->position == f->target && length >= 0 && (size_t)length == strlen(f->term) &&
        memcmp(piece, f->term, (size_t)length) == 0) {
        f->start = start;
        f->end = end;
    }
    return SQLITE_OK;
}

typedef struct surface_form {
    char *text;
    int count;
} surface_form;

/* The way the texts most often write term where it occurs, and the language
 * of the first statement it was read from. NULL when none was found. */
static char *surface_of(suggester *s, const char *term, const char **language, const string_set *languages)
{
    surface_form forms[SURFACE_SAMPLES];
    size_t form_count = 0;
    *language = NULL;
    sqlite3_bind_text(s->instances, 1, term, -1, SQLITE_STATIC);
    while (sqlite3_step(s->instances) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(s->instances, 0);
        const char *column = (const char *)sqlite3_column_text(s->instances, 1);
        int offset = sqlite3_column_int(s->instances, 2);
        sqlite3_bind_int64(s->text, 1, doc);
        if (sqlite3_step(s->text) == SQLITE_ROW) {
            int i = column && strcmp(column, "title") == 0 ? 0 : 1;
            const char *text = (const char *)sqlite3_column_text(s->text, i);
            int length = sqlite3_column_bytes(s->text, i);
            surface_search f = {text, term, -1, offset, -1, -1};
            if (text)
                s->methods.xTokenize(s->tokenizer, &f, FTS5_TOKENIZE_DOCUMENT, text, length, find_surface);
            if (f.start >= 0 && f.end > f.start) {
                if (!*language) {
                    const char *found = (const char *)sqlite3_column_text(s->text, 2);
                    int64_t k = found ? string_set_find(languages, found) : 0;
                    *language = k ? languages->items[k - 1] : NULL;
                }
                size_t k = 0;
                while (k < form_count && !(strlen(forms[k].text) == (size_t)(f.end - f.start) &&
                                           memcmp(forms[k].text, text + f.start, (size_t)(f.end - f.start)) == 0))
                    k++;
                if (k == form_count) {
                    forms[form_count].text = strndup(text + f.start, (size_t)(f.end - f.start));
                    if (!forms[form_count].text)
                        abort();
                    forms[form_count++].count = 0;
                }
                forms[k].count++;
            }
        }
        sqlite3_reset(s->text);
    }
    sqlite3_reset(s->instances);
    sqlite3_clear_bindings(s->instances);
    size_t best = 0;
    for (size_t k = 1; k < form_count; k++)
        if (forms[k].count > forms[best].count ||
            (forms[k].count == forms[best].count && strcmp(forms[k].text, forms[best].text) < 0))
            best = k;
    char *chosen = form_count ? forms[best].text : NULL;
    for (size_t k = 0; k < form_count; k++)
        if (k != best)
            free(forms[k].text);
    return chosen;
}

/* ASCII case-insensitive: a term chip is not offered again as "xinhua"
 * when an outlet chip already searches "Xinhua". */
static bool already_offered(const chip_list *lists, size_t list_count, const char *query)
{
    for (size_t l = 0; l < list_count; l++)
        for (size_t i = 0; i < lists[l].count; i++)
            if (strcasecmp(lists[l].items[i].query, query) == 0)
                return true;
    return false;
}

/* Adds a chip for name if its query finds something. */
static bool offer_name(suggester *s, chip_list *list, int kind, const char *name, const char *language)
{
    int64_t count = count_matches(s, name);
    if (count < 0)
        return false;
    if (count > 0 && list->count < SUGGESTION_MAX)
        list->items[list->count++] = (chip){kind, xstrdup(name), xstrdup(name), language, count};
    return true;
}

typedef struct named_count {
    const char *name;
    const char *language; /* of its first statement in time order */
    int64_t count;
} named_count;

static int compare_named_counts(const void *a, const void *b)
{
    const named_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Chips for the names with the most statements, at most wanted of them. */
static bool offer_names(suggester *s, chip_list *list, int kind, named_count *names, size_t count, size_t wanted)
{
    qsort(names, count, sizeof *names, compare_named_counts);
    bool ok = true;
    for (size_t i = 0; ok && i < count && i < wanted * SUGGEST_TRIES && list->count < wanted; i++)
        ok = offer_name(s, list, kind, names[i].name, names[i].language);
    return ok;
}

static bool choose_entities(suggester *s, chip_list lists[4], const string_set *outlets, const string_set *speakers)
{
    build *b = s->w->b;
    named_count *names = xcalloc(b->incidents.count + outlets->count + speakers->count + 1, sizeof *names);
    for (size_t i = 0; i < b->incidents.count; i++)
        names[i] = (named_count){b->incidents.items[i].slug ? b->incidents.items[i].name : NULL, "und", 0};
    for (size_t r = 0; r < b->incident_ref_count; r++)
        if (b->incident_refs[r] != NO_INCIDENT)
            names[b->incident_refs[r]].count++;
    size_t incident_count = 0;
    for (size_t i = 0; i < b->incidents.count; i++)
        if (names[i].name)
            names[incident_count++] = names[i];
    bool ok = offer_names(s, &lists[RS_SUGGEST_INCIDENT], RS_SUGGEST_INCIDENT, names, incident_count,
                          SUGGEST_INCIDENTS);

    /* Outlets and speakers by how many statements they have, counted in
     * time order so each one's language is that of its first statement. */
    memset(names, 0, (outlets->count + 1) * sizeof *names);
    for (size_t i = 0; i < outlets->count; i++)
        names[i].name = outlets->items[i];
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        int64_t k = entry->outlet ? string_set_find(outlets, entry->outlet) : 0;
        if (k && !names[k - 1].count++)
            names[k - 1].language = entry->language;
    }
    ok = ok && offer_names(s, &lists[RS_SUGGEST_OUTLET], RS_SUGGEST_OUTLET, names, outlets->count, SUGGEST_OUTLETS);

    /* Speakers are (name, role) pairs; a chip is a name. Keys sort by name
     * first ("name\x1frole"), so one name's pairs are neighbours. */
    int64_t *per_key = xcalloc(speakers->count + 1, sizeof *per_key);
    size_t *first_time = xcalloc(speakers->count + 1, sizeof *first_time);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        int64_t k = entry->speaker_key ? string_set_find(speakers, entry->speaker_key) : 0;
        if (k && !per_key[k - 1]++)
            first_time[k - 1] = t;
    }
    size_t name_count = 0;
    char **owned = xcalloc(speakers->count + 1, sizeof *owned);
    size_t *name_first = xcalloc(speakers->count + 1, sizeof *name_first);
    for (size_t i = 0; i < speakers->count; i++) {
        const char *key = speakers->items[i];
        size_t length = (size_t)(strchr(key, '\x1f') - key);
        bool same_name = name_count && strlen(owned[name_count - 1]) == length &&
                         memcmp(owned[name_count - 1], key, length) == 0;
        if (!same_name) {
            owned[name_count] = strndup(key, length);
            if (!owned[name_count])
                abort();
            names[name_count] = (named_count){owned[name_count], NULL, 0};
            name_first[name_count] = SIZE_MAX;
            name_count++;
        }
        named_count *named = &names[name_count - 1];
        named->count += per_key[i];
        /* A name's language is that of its first statement in time order. */
        if (per_key[i] && first_time[i] < name_first[name_count - 1]) {
            name_first[name_count - 1] = first_time[i];
            named->language = b->statements[b->by_time[first_time[i]]].language;
        }
    }
    ok = ok && offer_names(s, &lists[RS_SUGGEST_SPEAKER], RS_SUGGEST_SPEAKER, names, name_count, SUGGEST_SPEAKERS);
    for (size_t i = 0; i < name_count; i++)
        free(owned[i]);
    free(owned);
    free(per_key);
    free(first_time);
    free(name_first);
    free(names);
    return ok;
}

/* Resolves the next best term of a script into a chip: its written form as
 * the query and label, and what that query finds. False when the script has
 * no candidate left. */
static bool next_term(suggester *s, enum script script, size_t *next, chip_list lists[4],
                      const string_set *languages, chip *out, bool *error)
{
    while (*next < s->term_count[script]) {
        const char *term = s->terms[script][(*next)++].term;
        const char *language;
        char *surface = surface_of(s, term, &language, languages);
        if (!surface)
            continue;
        int64_t count = already_offered(lists, 4, surface) ? 0 : count_matches(s, surface);
        if (count < 0) {
            free(surface);
            *error = true;
            return false;
        }
        if (count == 0) {
            free(surface);
            continue;
        }
        *out = (chip){RS_SUGGEST_TERM, surface, xstrdup(surface), language ? language : "und", count};
        return true;
    }
    return false;
}

static bool choose_terms(suggester *s, chip_list lists[4], size_t wanted, const string_set *languages)
{
    size_t next[SCRIPT_COUNT] = {0};
    bool error = false, any = true;
    chip_list *terms = &lists[RS_SUGGEST_TERM];
    while (!error && any && terms->count < wanted) {
        any = false;
        for (int script = 0; !error && script < SCRIPT_COUNT && terms->count < wanted; script++) {
            chip found;
            if (next_term(s, (enum script)script, &next[script], lists, languages, &found, &error)) {
                terms->items[terms->count++] = found;
                any = true;
            }
        }
    }
    return !error;
}

static bool write_suggestions(writer *w, const string_set *outlets, const string_set *speakers)
{
    build *b = w->b;
    suggester *s = xcalloc(1, sizeof *s);
    s->w = w;
    chip_list *lists = xcalloc(4, sizeof *lists);
    string_set languages = {0};
    string_set_build(&languages, &b->languages);
    fts5_api *api = rs_fts5_api(w->db);
    void *context = NULL;
    bool ok = api && api->xFindTokenizer(api, "porter", &context, &s->methods) == SQLITE_OK &&
              s->methods.xCreate(context, (const char **)worker_tokenizer_args, 1, &s->tokenizer) == SQLITE_OK;
    if (!ok && !w->error)
        w->error = xstrdup("cannot load the index's tokenizer to choose the suggestions");

    /* The stop words, as the index writes them. */
    size_t stop_total = sizeof stop_words / sizeof stop_words[0];
    s->stops = xcalloc(stop_total, sizeof *s->stops);
    for (size_t i = 0; ok && i < stop_total; i++) {
        char *term = NULL;
        s->methods.xTokenize(s->tokenizer, &term, FTS5_TOKENIZE_QUERY, stop_words[i], (int)strlen(stop_words[i]),
                             keep_first_token);
        if (term)
            s->stops[s->stop_count++] = term;
    }
    qsort(s->stops, s->stop_count, sizeof *s->stops, compare_strings);

    ok = ok &&
         exec_sql(w, "CREATE VIRTUAL TABLE temp.rostrum_vocabulary USING fts5vocab(main, statement_fts, row);"
                     "CREATE VIRTUAL TABLE temp.rostrum_instances USING fts5vocab(main, statement_fts, instance);") &&
         read_vocabulary(s);
    if (ok) {
        s->count = prepare(w, "SELECT count(*) FROM statement_fts WHERE statement_fts MATCH ?1");
        s->instances = prepare(w, "SELECT doc, col, offset FROM temp.rostrum_instances WHERE term = ?1 LIMIT "
                                  RS_STRINGIFY(SURFACE_SAMPLES));
        s->text = prepare(w, "SELECT t.title, t.body, s.language FROM statement_text t JOIN statement s ON s.id = t.id"
                              " WHERE t.id = ?1");
        ok = s->count && s->instances && s->text;
    }
    ok = ok && choose_entities(s, lists, outlets, speakers);
    size_t entities = lists[RS_SUGGEST_INCIDENT].count + lists[RS_SUGGEST_OUTLET].count +
                      lists[RS_SUGGEST_SPEAKER].count;
    ok = ok && choose_terms(s, lists, SUGGESTION_MAX - entities, &languages);

    /* Kinds take turns; see the top of this section. */
    static const int turns[] = {RS_SUGGEST_INCIDENT, RS_SUGGEST_TERM, RS_SUGGEST_OUTLET,
                                RS_SUGGEST_TERM,     RS_SUGGEST_SPEAKER, RS_SUGGEST_TERM};
    size_t taken[4] = {0}, written = 0;
    sqlite3_stmt *insert = ok ? prepare(w, "INSERT INTO suggestion(pos, kind, query, label, language, statement_count)"
                                           " VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
                              : NULL;
    ok = ok && insert;
    for (bool any = true; ok && any && written < SUGGESTION_MAX;) {
        any = false;
        for (size_t t = 0; ok && t < sizeof turns / sizeof turns[0] && written < SUGGESTION_MAX; t++) {
            int kind = turns[t];
            if (taken[kind] == lists[kind].count)
                continue;
            const chip *c = &lists[kind].items[taken[kind]++];
            any = true;
            sqlite3_bind_int64(insert, 1, (int64_t)written++);
            sqlite3_bind_text(insert, 2, rs_suggestion_kinds[kind], -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 3, c->query, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 4, c->label, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, c->language ? c->language : "und", -1, SQLITE_STATIC);
            sqlite3_bind_int64(insert, 6, c->count);
            ok = step_done(w, insert);
        }
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(s->count);
    sqlite3_finalize(s->instances);
    sqlite3_finalize(s->text);
    ok = exec_sql(w, "DROP TABLE IF EXISTS temp.rostrum_vocabulary; DROP TABLE IF EXISTS temp.rostrum_instances;") && ok;
    for (int kind = 0; kind < 4; kind++)
        for (size_t i = 0; i < lists[kind].count; i++)
            free(lists[kind].items[i].query), free(lists[kind].items[i].label);
    for (int script = 0; script < SCRIPT_COUNT; script++)
        for (size_t i = 0; i < s->term_count[script]; i++)
            free(s->terms[script][i].term);
    for (size_t i = 0; i < s->stop_count; i++)
        free(s->stops[i]);
    free(s->stops);
    if (s->tokenizer)
        s->methods.xDelete(s->tokenizer);
    free(s);
    free(lists);
    free(languages.items);
    return ok;
}

static bool write_meta(writer *w, const string_set *outlets)
{
    build *b = w->b;
    char number[32][64];
    size_t undated_first = 0, dated = 0;
    while (dated < b->statement_count && b->statements[b->by_time[dated]].date.year)
        dated++;
    undated_first = dated < b->statement_count ? dated + 1 : 0;

    string_set language_set;
    string_set_build(&language_set, &b->languages);
    size_t languages_length = 1;
    for (size_t i = 0; i < language_set.count; i++)
        languages_length += strlen(language_set.items[i]) + 1;
    char *language_list = xcalloc(languages_length, 1);
    for (size_t i = 0; i < language_set.count; i++) {
        if (i)
            strcat(language_list, ",");
        strcat(language_list, language_set.items[i]);
    }

    time_t built = (time_t)b->options->build_time;
    struct tm utc;
    gmtime_r(&built, &utc);
    char built_at[64];
    strftime(built_at, sizeof built_at, "%Y-%m-%dT%H:%M:%SZ", &utc);

    size_t incidents_valid = b->incidents.count;
    int64_t country_count = 0;
    sqlite3_stmt *count = prepare(w, "SELECT count(*) FROM country");
    if (count && sqlite3_step(count) == SQLITE_ROW)
        country_count = sqlite3_column_int64(count, 0);
    sqlite3_finalize(count);

    snprintf(number[0], sizeof number[0], "%d", RS_BUNDLE_FORMAT_VERSION);
    snprintf(number[1], sizeof number[1], "%zu", b->statement_count);
    snprintf(number[2], sizeof number[2], "%" PRId64, country_count);
    snprintf(number[3], sizeof number[3], "%zu", incidents_valid);
    snprintf(number[4], sizeof number[4], "%zu", outlets->count);
    snprintf(number[5], sizeof number[5], "%zu", b->statement_count - dated);
    snprintf(number[6], sizeof number[6], "%zu", undated_first);
    const char *first_date = dated ? b->statements[b->by_time[0]].date_text : NULL;
    const char *last_date = dated ? b->statements[b->by_time[dated - 1]].date_text : NULL;

    const char *pairs[][2] = {
        {"format_version", number[0]},
        {"title", b->bundle.title},
        {"description", b->bundle.description},
        {"languages", language_list},
        {"statement_count", number[1]},
        {"country_count", number[2]},
        {"incident_count", number[3]},
        {"outlet_count", number[4]},
        {"undated_count", number[5]},
        {"undated_first_id", number[6]},
        {"date_first", first_date},
        {"date_last", last_date},
        {"built_at", built_at},
        {"builder", "rostrum-bundle " ROSTRUM_VERSION},
        {"tokenizer", "porter rostrum"},
    };
    sqlite3_stmt *insert = prepare(w, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
    bool ok = insert != NULL;
    for (size_t i = 0; ok && i < sizeof pairs / sizeof pairs[0]; i++) {
        if (!pairs[i][1])
            continue;
        sqlite3_bind_text(insert, 1, pairs[i][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, pairs[i][1], -1, SQLITE_STATIC);
        ok = step_done(w, insert);
    }
    sqlite3_finalize(insert);
    free(language_list);
    free(language_set.items);
    return ok;
}

/* The full-text index is built in one go: pending terms are flushed to disk
 * in large batches (hashsize) and never merged along the way (automerge 0,
 * crisismerge high), then 'optimize' merges everything once into a single
 * segment, which is what a reader wants. It runs before the browse tables
 * are written, so they fill the pages the merge frees instead of growing the
 * file. These settings are for the build only; they are removed again so the
 * bundle's index carries FTS5's defaults. */
#define FTS_BUILD_SETTINGS \
    "INSERT INTO statement_fts(statement_fts, rank) VALUES('hashsize', 16777216);" \
    "INSERT INTO statement_fts(statement_fts, rank) VALUES('automerge', 0);" \
    "INSERT INTO statement_fts(statement_fts, rank) VALUES('crisismerge', 1000);"
#define FTS_FINISH \
    "INSERT INTO statement_fts(statement_fts) VALUES('optimize');" \
    "DELETE FROM statement_fts_config WHERE k IN ('hashsize', 'automerge', 'crisismerge');"

static bool write_bundle(build *b, const char *temp_path)
{
    writer w = {.b = b};
    if (sqlite3_open_v2(temp_path, &w.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rs_diags_add(b->diags, temp_path, 0, "cannot create the bundle: %s", sqlite3_errmsg(w.db));
        sqlite3_close(w.db);
        return false;
    }
    string_set outlets = {0}, speakers = {0};
    tokenizer_module porter = {0};

    /* The stand-in tokenizer is an optimisation: without it (it cannot fail
     * in practice) FTS5 simply tokenizes in place. */
    bool ok = rs_tokenizer_register(w.db) == SQLITE_OK;
    if (ok)
        install_replay(w.db, &w.replay, &porter);
    /* No journal: the file is private until renamed, and a failed build is
     * simply deleted. Durability comes from the fsync before the rename. */
    ok = ok &&
         exec_sql(&w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
                      "PRAGMA temp_store=FILE; PRAGMA cache_size=-65536; PRAGMA page_size=4096;") &&
         exec_sql(&w, "BEGIN;") && exec_sql(&w, RS_BUNDLE_SCHEMA) && exec_sql(&w, FTS_BUILD_SETTINGS) &&
         write_lookup_tables(&w, &outlets, &speakers) && write_statements(&w, &outlets, &speakers, &porter) &&
         exec_sql(&w, FTS_FINISH) && write_countries(&w) && write_incidents(&w) && write_date_counts(&w) &&
         write_suggestions(&w, &outlets, &speakers) && write_meta(&w, &outlets) &&
         exec_sql(&w, "PRAGMA application_id=" RS_STRINGIFY(RS_BUNDLE_APPLICATION_ID) ";"
                      "PRAGMA user_version=" RS_STRINGIFY(RS_BUNDLE_FORMAT_VERSION) ";") &&
         exec_sql(&w, "COMMIT;");
    if (!ok && w.error)
        rs_diags_add(b->diags, b->options->output_path, 0, "cannot write the bundle: %s", w.error);
    else if (!ok && rs_diags_count(b->diags) == 0)
        rs_diags_add(b->diags, b->options->output_path, 0, "cannot write the bundle: %s", sqlite3_errmsg(w.db));
    if (sqlite3_close(w.db) != SQLITE_OK && ok) {
        rs_diags_add(b->diags, temp_path, 0, "cannot close the bundle");
        ok = false;
    }
    free(outlets.items);
    free(speakers.items);
    free(w.error);
    return ok;
}

static void assign_ids(build *b)
{
    b->by_time = xcalloc(b->statement_count, sizeof *b->by_time);
    for (size_t i = 0; i < b->statement_count; i++)
        b->by_time[i] = i;
    sort_context = b;
    qsort(b->by_time, b->statement_count, sizeof *b->by_time, compare_by_time);
    for (size_t t = 0; t < b->statement_count; t++)
        b->statements[b->by_time[t]].id = (int64_t)t + 1;

    /* same_group: the smallest id among statements linked by same_as. */
    int64_t *group_min = xcalloc(b->statement_count, sizeof *group_min);
    size_t *group_size = xcalloc(b->statement_count, sizeof *group_size);
    for (size_t i = 0; i < b->statement_count; i++) {
        size_t root = union_find(b->statements, i);
        group_size[root]++;
        if (!group_min[root] || b->statements[i].id < group_min[root])
            group_min[root] = b->statements[i].id;
    }
    for (size_t i = 0; i < b->statement_count; i++) {
        size_t root = union_find(b->statements, i);
        b->statements[i].same_group = group_size[root] > 1 ? group_min[root] : 0;
        if (b->statements[i].same_as)
            b->statements[i].same_as_id = b->statements[find_statement(b, b->statements[i].same_as)].id;
    }

    /* translation_group likewise, over translation_of. */
    memset(group_min, 0, b->statement_count * sizeof *group_min);
    memset(group_size, 0, b->statement_count * sizeof *group_size);
    for (size_t i = 0; i < b->statement_count; i++) {
        size_t root = translation_find(b->statements, i);
        group_size[root]++;
        if (!group_min[root] || b->statements[i].id < group_min[root])
            group_min[root] = b->statements[i].id;
    }
    for (size_t i = 0; i < b->statement_count; i++) {
        size_t root = translation_find(b->statements, i);
        b->statements[i].translation_group = group_size[root] > 1 ? group_min[root] : 0;
        if (b->statements[i].translation_of)
            b->statements[i].translation_of_id =
                b->statements[find_statement(b, b->statements[i].translation_of)].id;
    }
    free(group_min);
    free(group_size);
}

static void build_free(build *b)
{
    free(b->statements);
    free(b->by_id);
    free(b->by_time);
    free(b->incident_by_slug);
    free(b->incidents_path);
    free(b->links);
    free(b->incident_refs);
    free(b->unknown);
    free(b->outlets.slots);
    free(b->speakers.slots);
    free(b->languages.slots);
    arena_free(&b->strings);
    rs_incident_list_clear(&b->incidents);
    rs_bundle_source_clear(&b->bundle);
    rs_countries_destroy(b->countries);
}

bool rs_build(const rs_build_options *options, rs_diags *diags, rs_build_stats *stats)
{
    build b = {.options = options, .diags = diags};
    size_t errors_before = rs_diags_count(diags);
    char error[512];
    const char *iso_path = options->iso_3166_path ? options->iso_3166_path : RS_ISO_3166_DEFAULT_PATH;
    b.countries = rs_countries_load(iso_path, error, sizeof error);
    if (!b.countries) {
        rs_diags_add(diags, iso_path, 0, "%s", error);
        return false;
    }
    read_folder_files(&b);
    read_statements(&b);
    if (rs_diags_count(diags) != errors_before) {
        build_free(&b);
        return false;
    }
    assign_ids(&b);

    char *dir, *base;
    split_path(options->output_path, &dir, &base);
    remove_stale_temp_files(dir, base);
    char temp_name[600];
    snprintf(temp_name, sizeof temp_name, ".%s.partial-%ld", base, (long)getpid());
    char *temp_path = path_join(dir, temp_name);

    bool ok = false;
    /* Handlers first: a signal right after the file appears must remove it. */
    snprintf(temp_path_for_signal, sizeof temp_path_for_signal, "%s", temp_path);
    watch_signals(true);
    int fd = open(temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        rs_diags_add(diags, options->output_path, 0, "cannot create a file in %s: %s", dir, strerror(errno));
    } else {
        close(fd);
        ok = write_bundle(&b, temp_path);
        if (ok && !fsync_path(temp_path, O_RDONLY)) {
            rs_diags_add(diags, options->output_path, 0, "cannot flush the bundle to disk: %s", strerror(errno));
            ok = false;
        }
        if (ok && rename(temp_path, options->output_path) != 0) {
            rs_diags_add(diags, options->output_path, 0, "cannot replace the bundle: %s", strerror(errno));
            ok = false;
        }
        if (ok)
            fsync_path(dir, O_RDONLY | O_DIRECTORY); /* make the rename itself durable */
        else
            unlink(temp_path);
    }
    watch_signals(false);
    temp_path_for_signal[0] = '\0';
    if (ok && stats) {
        stats->statements = b.statement_count;
        stats->incidents = b.incidents.count;
        stats->source_bytes = b.source_bytes;
    }
    free(temp_path);
    free(dir);
    free(base);
    build_free(&b);
    return ok;
}
