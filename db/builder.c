#include "builder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle_format.h"
#include "countries.h"
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

/* ---- pass 1: reading and checking ---- */

typedef struct statement_entry {
    rs_statement_source source; /* headers only */
    int64_t id;                 /* assigned in time order */
    int64_t same_group;         /* smallest id linked by same_as, 0 when alone */
    int64_t same_as_id;
    size_t union_parent;        /* union-find over same_as, by index */
} statement_entry;

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
    uint64_t source_bytes;
} build;

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
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names;
}

static const build *sort_context;

static int compare_by_slug(const void *a, const void *b)
{
    const statement_entry *x = &sort_context->statements[*(const size_t *)a];
    const statement_entry *y = &sort_context->statements[*(const size_t *)b];
    int c = strcmp(x->source.id, y->source.id);
    if (c)
        return c;
    return strcmp(x->source.path, y->source.path);
}

/* Time order: dated before undated; then year, month, day with unknown parts
 * first (a statement dated "2021" comes before January 2021); then id. */
static int compare_by_time(const void *a, const void *b)
{
    const rs_date *x = &sort_context->statements[*(const size_t *)a].source.date;
    const rs_date *y = &sort_context->statements[*(const size_t *)b].source.date;
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
    return strcmp(sort_context->statements[*(const size_t *)a].source.id,
                  sort_context->statements[*(const size_t *)b].source.id);
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
        int c = strcmp(b->statements[b->by_id[mid]].source.id, id);
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
    size_t low = 0, high = b->incidents.count;
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
    for (size_t i = 0; i < file_count; i++) {
        char *path = path_join(o->source_dir, names[i]);
        size_t size;
        char *data = rs_source_read_file(path, &size, b->diags);
        if (data) {
            statement_entry *entry = &b->statements[b->statement_count];
            rs_source_parse_statement(path, data, size, b->countries, false, &entry->source, b->diags);
            b->source_bytes += size;
            if (entry->source.id)
                b->statement_count++;
            else
                rs_statement_source_clear(&entry->source);
            free(data);
        }
        free(path);
        free(names[i]);
        progress_draw(&p, i + 1, b->source_bytes, i + 1 == file_count);
    }
    free(names);

    /* Cross-checks that need the whole folder. */
    sort_context = b;
    b->by_id = xcalloc(b->statement_count, sizeof *b->by_id);
    for (size_t i = 0; i < b->statement_count; i++)
        b->by_id[i] = i;
    qsort(b->by_id, b->statement_count, sizeof *b->by_id, compare_by_slug);
    for (size_t i = 1; i < b->statement_count; i++) {
        const rs_statement_source *first = &b->statements[b->by_id[i - 1]].source;
        const rs_statement_source *again = &b->statements[b->by_id[i]].source;
        if (strcmp(first->id, again->id) == 0)
            rs_diags_add(b->diags, again->path, again->id_line, "duplicate id '%s' (also used by %s:%u)", again->id,
                         first->path, first->id_line);
    }

    b->incident_by_slug = xcalloc(b->incidents.count, sizeof *b->incident_by_slug);
    size_t valid_incidents = 0;
    for (size_t i = 0; i < b->incidents.count; i++)
        if (b->incidents.items[i].slug)
            b->incident_by_slug[valid_incidents++] = i;
    qsort(b->incident_by_slug, valid_incidents, sizeof *b->incident_by_slug, compare_incident_slugs);
    size_t incident_count = b->incidents.count;
    b->incidents.count = valid_incidents; /* find_incident searches the sorted, valid ones */

    for (size_t i = 0; i < b->statement_count; i++)
        b->statements[i].union_parent = i;
    for (size_t i = 0; i < b->statement_count; i++) {
        statement_entry *entry = &b->statements[i];
        const rs_statement_source *s = &entry->source;
        for (size_t k = 0; k < s->incident_count; k++)
            if (find_incident(b, s->incidents[k].slug) == SIZE_MAX)
                rs_diags_add(b->diags, s->path, s->incidents[k].line,
                             "unknown incident '%s' (not defined in %s)", s->incidents[k].slug, b->incidents_path);
        if (s->same_as) {
            size_t target = find_statement(b, s->same_as);
            if (target == SIZE_MAX)
                rs_diags_add(b->diags, s->path, s->same_as_line, "same_as '%.60s' does not match any statement id",
                             s->same_as);
            else if (target != i)
                b->statements[union_find(b->statements, i)].union_parent = union_find(b->statements, target);
        }
    }
    b->incidents.count = incident_count;
    return true;
}

/* ---- pass 2: writing ---- */

typedef struct writer {
    build *b;
    sqlite3 *db;
    char *error;
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

/* A sorted set of distinct strings (outlets, speakers, languages, countries),
 * numbered by sorted position so the numbering is deterministic. */
typedef struct string_set {
    const char **items;
    size_t count;
} string_set;

static void string_set_build(string_set *set, const char **candidates, size_t count)
{
    qsort(candidates, count, sizeof *candidates, compare_names);
    set->items = candidates;
    set->count = 0;
    for (size_t i = 0; i < count; i++)
        if (set->count == 0 || strcmp(set->items[set->count - 1], candidates[i]) != 0)
            set->items[set->count++] = candidates[i];
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

/* Speakers are (name, role) pairs, kept as "name\x1frole" keys. */
static char *speaker_key(const rs_statement_source *s)
{
    if (!s->speaker)
        return NULL;
    const char *role = s->speaker_role ? s->speaker_role : "";
    size_t length = strlen(s->speaker) + strlen(role) + 2;
    char *key = malloc(length);
    if (!key)
        abort();
    snprintf(key, length, "%s\x1f%s", s->speaker, role);
    return key;
}

static bool write_lookup_tables(writer *w, string_set *outlets, string_set *speakers, char **speaker_keys)
{
    build *b = w->b;
    const char **names = xcalloc(b->statement_count, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < b->statement_count; i++)
        if (b->statements[i].source.outlet)
            names[n++] = b->statements[i].source.outlet;
    string_set_build(outlets, names, n);

    const char **keys = xcalloc(b->statement_count, sizeof *keys);
    n = 0;
    for (size_t i = 0; i < b->statement_count; i++)
        if (speaker_keys[i])
            keys[n++] = speaker_keys[i];
    string_set_build(speakers, keys, n);

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

/* Reads one statement file again for its body and checks that it still says
 * what pass 1 read (a curator may be editing while a big build runs). */
static bool reread_body(writer *w, statement_entry *entry, rs_statement_source *fresh)
{
    build *b = w->b;
    size_t size;
    char *data = rs_source_read_file(entry->source.path, &size, b->diags);
    if (!data)
        return false;
    bool ok = rs_source_parse_statement(entry->source.path, data, size, b->countries, true, fresh, b->diags);
    free(data);
    if (ok && (strcmp(fresh->id, entry->source.id) != 0 || !fresh->body)) {
        rs_diags_add(b->diags, entry->source.path, 0, "the file changed while the bundle was being built; build again");
        ok = false;
    }
    return ok;
}

static bool write_statements(writer *w, const string_set *outlets, const string_set *speakers, char **speaker_keys)
{
    build *b = w->b;
    sqlite3_stmt *insert = prepare(w,
        "INSERT INTO statement(id, slug, title, title_note, date, year, month, day, date_note, outlet_id,"
        " speaker_id, language, url, kind, same_as_id, same_group, source_path, body)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    sqlite3_stmt *fts = prepare(w, "INSERT INTO statement_fts(rowid, title, body) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *link = prepare(w, "INSERT INTO temp.country_link(statement_id, country_code, roles) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *incident = prepare(w, "INSERT INTO temp.incident_link(statement_id, incident_id) VALUES(?1, ?2)");
    bool ok = insert && fts && link && incident;
    size_t source_dir_length = strlen(b->options->source_dir);
    progress p = {.enabled = b->options->progress && b->statement_count >= 1000, .stage = "written",
                  .total = b->statement_count, .started = now_seconds()};
    uint64_t bytes = 0;

    for (size_t t = 0; ok && t < b->statement_count; t++) {
        statement_entry *entry = &b->statements[b->by_time[t]];
        const rs_statement_source *s = &entry->source;
        rs_statement_source fresh;
        if (!reread_body(w, entry, &fresh)) {
            rs_statement_source_clear(&fresh);
            ok = false;
            break;
        }
        bytes += fresh.body_bytes;
        const char *relative = s->path + source_dir_length;
        while (*relative == '/')
            relative++;

        sqlite3_bind_int64(insert, 1, entry->id);
        sqlite3_bind_text(insert, 2, s->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, s->title, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 4, s->title_note);
        bind_text_or_null(insert, 5, s->date_text);
        if (s->date.year)
            sqlite3_bind_int(insert, 6, s->date.year);
        if (s->date.month)
            sqlite3_bind_int(insert, 7, s->date.month);
        if (s->date.day)
            sqlite3_bind_int(insert, 8, s->date.day);
        bind_text_or_null(insert, 9, s->date_note);
        if (s->outlet)
            sqlite3_bind_int64(insert, 10, string_set_find(outlets, s->outlet));
        if (speaker_keys[b->by_time[t]])
            sqlite3_bind_int64(insert, 11, string_set_find(speakers, speaker_keys[b->by_time[t]]));
        sqlite3_bind_text(insert, 12, s->language, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 13, s->url);
        sqlite3_bind_text(insert, 14, s->kind, -1, SQLITE_STATIC);
        if (entry->same_as_id)
            sqlite3_bind_int64(insert, 15, entry->same_as_id);
        if (entry->same_group)
            sqlite3_bind_int64(insert, 16, entry->same_group);
        sqlite3_bind_text(insert, 17, relative, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 18, fresh.body, (int)fresh.body_bytes, SQLITE_STATIC);
        ok = step_done(w, insert);

        sqlite3_bind_int64(fts, 1, entry->id);
        sqlite3_bind_text(fts, 2, s->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(fts, 3, fresh.body, (int)fresh.body_bytes, SQLITE_STATIC);
        ok = ok && step_done(w, fts);

        for (size_t c = 0; ok && c < s->country_count; c++) {
            sqlite3_bind_int64(link, 1, entry->id);
            sqlite3_bind_text(link, 2, s->countries[c].code, 2, SQLITE_STATIC);
            sqlite3_bind_int(link, 3, (int)s->countries[c].roles);
            ok = step_done(w, link);
        }
        for (size_t k = 0; ok && k < s->incident_count; k++) {
            sqlite3_bind_int64(incident, 1, entry->id);
            sqlite3_bind_int64(incident, 2, (int64_t)find_incident(b, s->incidents[k].slug) + 1);
            ok = step_done(w, incident);
        }
        rs_statement_source_clear(&fresh);
        progress_draw(&p, t + 1, bytes, t + 1 == b->statement_count);
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(fts);
    sqlite3_finalize(link);
    sqlite3_finalize(incident);
    return ok;
}

static bool write_countries(writer *w)
{
    build *b = w->b;
    /* One row per (statement, country, role), positions numbered per list. */
    bool ok = exec_sql(w,
        "CREATE TEMP TABLE role_name(bit INTEGER PRIMARY KEY, role TEXT NOT NULL);"
        "INSERT INTO role_name VALUES(1,'speaker'),(2,'accuser'),(4,'accused'),(8,'victim'),(16,'mentioned');"
        "INSERT INTO statement_country(country_code, role, pos, statement_id)"
        " SELECT l.country_code, r.role,"
        "  ROW_NUMBER() OVER (PARTITION BY l.country_code, r.role ORDER BY l.statement_id) - 1, l.statement_id"
        " FROM temp.country_link l JOIN role_name r ON (l.roles & r.bit) != 0"
        " ORDER BY 1, 2, 3;"
        "INSERT INTO country_statement(country_code, pos, statement_id, roles)"
        " SELECT l.country_code, ROW_NUMBER() OVER (PARTITION BY l.country_code ORDER BY l.statement_id) - 1,"
        "  l.statement_id,"
        "  (SELECT group_concat(role, ' ') FROM (SELECT role FROM role_name WHERE (l.roles & bit) != 0 ORDER BY bit))"
        " FROM temp.country_link l ORDER BY 1, 2;"
        "INSERT INTO country_role(country_code, role, statement_count)"
        " SELECT country_code, role, count(*) FROM statement_country GROUP BY 1, 2;");
    if (!ok)
        return false;

    sqlite3_stmt *codes = prepare(w, "SELECT country_code, count(*) FROM temp.country_link GROUP BY 1 ORDER BY 1");
    sqlite3_stmt *insert = prepare(w, "INSERT INTO country(code, name, official_name, statement_count) VALUES(?1, ?2, ?3, ?4)");
    ok = codes && insert;
    while (ok && sqlite3_step(codes) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(codes, 0);
        const char *name = NULL, *official = NULL;
        if (!code || !rs_countries_find(b->countries, code, &name, &official)) {
            w->error = xstrdup("internal error: a country code passed the checks but has no name");
            ok = false;
            break;
        }
        sqlite3_bind_text(insert, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, name, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 3, official);
        sqlite3_bind_int64(insert, 4, sqlite3_column_int64(codes, 1));
        ok = step_done(w, insert);
    }
    sqlite3_finalize(codes);
    sqlite3_finalize(insert);
    return ok;
}

static bool write_incidents(writer *w)
{
    build *b = w->b;
    bool ok = exec_sql(w,
        "INSERT INTO statement_incident(incident_id, pos, statement_id)"
        " SELECT incident_id, ROW_NUMBER() OVER (PARTITION BY incident_id ORDER BY statement_id) - 1, statement_id"
        " FROM temp.incident_link ORDER BY 1, 2;");
    sqlite3_stmt *insert = prepare(w,
        "INSERT INTO incident(id, slug, name, date, date_note, summary, statement_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, (SELECT count(*) FROM statement_incident WHERE incident_id = ?1))");
    ok = ok && insert;
    for (size_t i = 0; ok && i < b->incidents.count; i++) {
        const rs_incident_source *incident = &b->incidents.items[i];
        sqlite3_bind_int64(insert, 1, (int64_t)i + 1);
        sqlite3_bind_text(insert, 2, incident->slug, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, incident->name, -1, SQLITE_STATIC);
        bind_text_or_null(insert, 4, incident->date_text);
        bind_text_or_null(insert, 5, incident->date_note);
        sqlite3_bind_text(insert, 6, incident->summary, -1, SQLITE_STATIC);
        ok = step_done(w, insert);
    }
    sqlite3_finalize(insert);
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
        const rs_date *first = &b->statements[b->by_time[t]].source.date;
        if (first->year == 0)
            break; /* the undated come last */
        size_t year_end = t;
        while (year_end < b->statement_count && b->statements[b->by_time[year_end]].source.date.year == first->year)
            year_end++;
        sqlite3_bind_int(year, 1, first->year);
        sqlite3_bind_int64(year, 2, (int64_t)(year_end - t));
        sqlite3_bind_int64(year, 3, (int64_t)t + 1);
        ok = step_done(w, year);
        for (size_t m = t; ok && m < year_end;) {
            int month_number = b->statements[b->by_time[m]].source.date.month;
            size_t month_end = m;
            while (month_end < year_end && b->statements[b->by_time[month_end]].source.date.month == month_number)
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

static bool write_meta(writer *w, const string_set *outlets)
{
    build *b = w->b;
    char number[32][64];
    size_t undated_first = 0, dated = 0;
    while (dated < b->statement_count && b->statements[b->by_time[dated]].source.date.year)
        dated++;
    undated_first = dated < b->statement_count ? dated + 1 : 0;

    const char **languages = xcalloc(b->statement_count, sizeof *languages);
    for (size_t i = 0; i < b->statement_count; i++)
        languages[i] = b->statements[i].source.language;
    string_set language_set;
    string_set_build(&language_set, languages, b->statement_count);
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
    const char *first_date = dated ? b->statements[b->by_time[0]].source.date_text : NULL;
    const char *last_date = dated ? b->statements[b->by_time[dated - 1]].source.date_text : NULL;

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
    free(languages);
    return ok;
}

static bool write_bundle(build *b, const char *temp_path)
{
    writer w = {.b = b};
    if (sqlite3_open_v2(temp_path, &w.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rs_diags_add(b->diags, temp_path, 0, "cannot create the bundle: %s", sqlite3_errmsg(w.db));
        sqlite3_close(w.db);
        return false;
    }
    char **speaker_keys = xcalloc(b->statement_count, sizeof *speaker_keys);
    for (size_t i = 0; i < b->statement_count; i++)
        speaker_keys[i] = speaker_key(&b->statements[i].source);
    string_set outlets = {0}, speakers = {0};

    /* No journal: the file is private until renamed, and a failed build is
     * simply deleted. Durability comes from the fsync before the rename. */
    bool ok = rs_tokenizer_register(w.db) == SQLITE_OK &&
              exec_sql(&w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
                           "PRAGMA temp_store=FILE; PRAGMA cache_size=-65536; PRAGMA page_size=4096;") &&
              exec_sql(&w, "BEGIN;") && exec_sql(&w, RS_BUNDLE_SCHEMA_V1) &&
              exec_sql(&w, "CREATE TEMP TABLE country_link(statement_id INTEGER, country_code TEXT, roles INTEGER);"
                           "CREATE TEMP TABLE incident_link(statement_id INTEGER, incident_id INTEGER);") &&
              write_lookup_tables(&w, &outlets, &speakers, speaker_keys) &&
              write_statements(&w, &outlets, &speakers, speaker_keys) && write_countries(&w) &&
              write_incidents(&w) && write_date_counts(&w) && write_meta(&w, &outlets) &&
              exec_sql(&w, "INSERT INTO statement_fts(statement_fts) VALUES('optimize');") &&
              exec_sql(&w, "DROP TABLE temp.country_link; DROP TABLE temp.incident_link; DROP TABLE temp.role_name;") &&
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
    for (size_t i = 0; i < b->statement_count; i++)
        free(speaker_keys[i]);
    free(speaker_keys);
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
        if (b->statements[i].source.same_as)
            b->statements[i].same_as_id = b->statements[find_statement(b, b->statements[i].source.same_as)].id;
    }
    free(group_min);
    free(group_size);
}

static void build_free(build *b)
{
    for (size_t i = 0; i < b->statement_count; i++)
        rs_statement_source_clear(&b->statements[i].source);
    free(b->statements);
    free(b->by_id);
    free(b->by_time);
    free(b->incident_by_slug);
    free(b->incidents_path);
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
