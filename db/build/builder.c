/*
 * rs_build: the output file (a hidden temporary beside it, renamed over it
 * only when complete), the writer every part of pass 2 writes through and
 * the metadata. Pass 1 is folder.c, the statements and their index
 * indexer.c, the browse tables browse.c, the search tables suggestions.c
 * (builder_private.h).
 */
#include "builder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
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

#include "builder_private.h"
#include "bundle_format.h"
#include "countries.h"
#include "world.h"
#include "expect.h"
#include "file.h"
#include "tokenizer.h"

/* ---- small helpers ---- */

char *build_path_join(const char *dir, const char *name)
{
    size_t length = strlen(dir) + strlen(name) + 2;
    char *path = rs_xmalloc(length);
    bool slash = dir[0] && dir[strlen(dir) - 1] == '/';
    snprintf(path, length, "%s%s%s", dir, slash ? "" : "/", name);
    return path;
}

double build_now(void)
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

void build_progress_draw(progress *p, size_t done, uint64_t bytes, bool final)
{
    if (!p->enabled)
        return;
    double now = build_now();
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

/* Every signal whose default action ends the process, apart from the
 * faults a bug raises (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS,
 * which the sanitizers report): any of them during a build left the
 * hidden partial file behind (SIGUSR1 and SIGPIPE did). SIGKILL and
 * SIGSTOP cannot be caught. The real-time signals end a process too. */
static const int ending_signals[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2, SIGABRT, SIGXCPU, SIGXFSZ, SIGVTALRM,
    SIGPROF,
#ifdef SIGPOLL
    SIGPOLL,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};

#define ENDING_SIGNAL_SLOTS (sizeof ending_signals / sizeof ending_signals[0] + 64)

/* What each signal did before the build, restored after it. */
static struct {
    bool replaced;
    struct sigaction before;
} signal_saved[ENDING_SIGNAL_SLOTS];

static void watch_signal(size_t slot, int number, bool on)
{
    if (!on) {
        if (signal_saved[slot].replaced)
            sigaction(number, &signal_saved[slot].before, NULL);
        signal_saved[slot].replaced = false;
        return;
    }
    struct sigaction before;
    if (sigaction(number, NULL, &before) != 0)
        return;
    /* Only a default disposition is replaced: an ignored signal stays
     * ignored (nohup's SIGHUP must not end the build), and a handler the
     * host program set is its own business. */
    if (before.sa_handler != SIG_DFL || (before.sa_flags & SA_SIGINFO))
        return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = remove_temp_and_reraise;
    sigemptyset(&action.sa_mask);
    if (sigaction(number, &action, NULL) == 0) {
        signal_saved[slot].replaced = true;
        signal_saved[slot].before = before;
    }
}

/* While on, any signal that would end the process removes the partial
 * file first, then ends the process as the signal would have. */
static void watch_signals(bool on)
{
    size_t slot = 0;
    for (size_t i = 0; i < sizeof ending_signals / sizeof ending_signals[0]; i++)
        watch_signal(slot++, ending_signals[i], on);
    for (int number = SIGRTMIN; number <= SIGRTMAX && slot < ENDING_SIGNAL_SLOTS; number++)
        watch_signal(slot++, number, on);
}

/* Splits output into its folder and file name. Caller frees both. */
static void split_path(const char *path, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *dir = rs_xstrdup(".");
        *base = rs_xstrdup(path);
    } else {
        size_t n = (size_t)(slash - path);
        *dir = n ? rs_xstrndup(path, n) : rs_xstrdup("/");
        *base = rs_xstrdup(slash + 1);
    }
}

/* Checks, before anything is built, that output can be written: a name
 * that is not empty, not a folder or a device, in a folder that exists and
 * takes new files. A build of a large folder used to learn only at its end
 * that -o named a folder. The final create and rename still say what goes
 * wrong later (a full disk). */
static bool check_output(const char *output, rs_diags *diags)
{
    if (!output[0]) {
        rs_diags_add(diags, "-o", 0, "the output path is empty (name the bundle file to write, e.g. -o statements.sqlite)");
        return false;
    }
    struct stat st;
    if (stat(output, &st) == 0 && S_ISDIR(st.st_mode)) {
        rs_diags_add(diags, output, 0, "is a directory (name the bundle file to write in it, e.g. %s%sstatements.sqlite)",
                     output, output[strlen(output) - 1] == '/' ? "" : "/");
        return false;
    }
    if (stat(output, &st) == 0 && !S_ISREG(st.st_mode)) {
        rs_diags_add(diags, output, 0, "is %s, not a regular file; the bundle would replace it (name a bundle file)",
                     rs_file_kind(st.st_mode));
        return false;
    }
    char *dir, *base;
    split_path(output, &dir, &base);
    bool ok = false;
    if (!base[0])
        rs_diags_add(diags, output, 0, "ends with '/' (name the bundle file to write, e.g. %sstatements.sqlite)", output);
    else if (stat(dir, &st) != 0 && errno == ENOENT)
        rs_diags_add(diags, output, 0, "the folder %s does not exist (create it first)", dir);
    else if (stat(dir, &st) != 0)
        rs_diags_add(diags, output, 0, "cannot write in the folder %s: %s", dir, strerror(errno));
    else if (!S_ISDIR(st.st_mode))
        rs_diags_add(diags, output, 0, "cannot write in %s: it is %s, not a folder", dir, rs_file_kind(st.st_mode));
    else if (access(dir, W_OK | X_OK) != 0)
        rs_diags_add(diags, output, 0, "cannot write in the folder %s: %s", dir, strerror(errno));
    else
        ok = true;
    free(dir);
    free(base);
    return ok;
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
        char *stale = build_path_join(dir, entry->d_name);
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

void build_move_diags(rs_diags *to, const rs_diags *from, const char *path)
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
        RS_EXPECT(separator != NULL); /* rs_diags_add always writes one */
        char *head = rs_xstrndup(entry, (size_t)(separator - entry));
        rs_diags_add(to, head, 0, "%s", separator + 2);
        free(head);
    }
}

bool build_start_helper(pthread_t *thread, void *(*run)(void *), void *context)
{
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    bool started = pthread_create(thread, NULL, run, context) == 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    return started;
}

int build_compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *build_statement_path(const build *b, const statement_entry *entry)
{
    return build_path_join(b->options->source_dir, entry->name);
}

/* ---- pass 2: writing ---- */

bool writer_exec(writer *w, const char *sql)
{
    char *message = NULL;
    if (sqlite3_exec(w->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        if (!w->error)
            w->error = rs_xstrdup(message ? message : sqlite3_errmsg(w->db));
        sqlite3_free(message);
        return false;
    }
    return true;
}

sqlite3_stmt *writer_prepare(writer *w, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(w->db, sql, -1, &stmt, NULL) != SQLITE_OK && !w->error)
        w->error = rs_xstrdup(sqlite3_errmsg(w->db));
    return stmt;
}

bool writer_step(writer *w, sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) {
        if (!w->error)
            w->error = rs_xstrdup(sqlite3_errmsg(w->db));
        return false;
    }
    return true;
}

void writer_bind_text_or_null(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text)
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, index);
}

void string_set_build(string_set *set, const intern_set *values)
{
    set->items = rs_xcalloc(values->count, sizeof *set->items);
    set->count = 0;
    for (size_t i = 0; i < values->capacity; i++)
        if (values->slots[i])
            set->items[set->count++] = values->slots[i];
    qsort(set->items, set->count, sizeof *set->items, build_compare_strings);
}

int64_t string_set_find(const string_set *set, const char *text)
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

    sqlite3_stmt *outlet = writer_prepare(w, "INSERT INTO outlet(id, name) VALUES(?1, ?2)");
    sqlite3_stmt *speaker = writer_prepare(w, "INSERT INTO speaker(id, name, role) VALUES(?1, ?2, ?3)");
    bool ok = outlet && speaker;
    for (size_t i = 0; ok && i < outlets->count; i++) {
        sqlite3_bind_int64(outlet, 1, (int64_t)i + 1);
        sqlite3_bind_text(outlet, 2, outlets->items[i], -1, SQLITE_STATIC);
        ok = writer_step(w, outlet);
    }
    for (size_t i = 0; ok && i < speakers->count; i++) {
        const char *key = speakers->items[i];
        const char *separator = strchr(key, '\x1f');
        sqlite3_bind_int64(speaker, 1, (int64_t)i + 1);
        sqlite3_bind_text(speaker, 2, key, (int)(separator - key), SQLITE_STATIC);
        if (separator[1])
            sqlite3_bind_text(speaker, 3, separator + 1, -1, SQLITE_STATIC);
        ok = writer_step(w, speaker);
    }
    sqlite3_finalize(outlet);
    sqlite3_finalize(speaker);
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
    char *language_list = rs_xcalloc(languages_length, 1);
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
    /* The collection's parties, not the rows that only name a member (write_countries). */
    sqlite3_stmt *count =
        writer_prepare(w, "SELECT count(*) FROM country WHERE statement_count > 0 OR event_count > 0");
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
    snprintf(number[7], sizeof number[7], "%zu", b->event_count);
    const char *first_date = dated ? b->statements[b->by_time[0]].date_text : NULL;
    const char *last_date = dated ? b->statements[b->by_time[dated - 1]].date_text : NULL;

    const char *pairs[][2] = {
        {"format_version", number[0]},
        {"language", b->context.default_language},
        {"title", b->bundle.title},
        {"description", b->bundle.description},
        {"languages", language_list},
        {"statement_count", number[1]},
        {"country_count", number[2]},
        {"incident_count", number[3]},
        {"event_count", number[7]},
        {"outlet_count", number[4]},
        {"undated_count", number[5]},
        {"undated_first_id", number[6]},
        {"date_first", first_date},
        {"date_last", last_date},
        {"built_at", built_at},
        {"builder", "rostrum-bundle " ROSTRUM_VERSION},
        {"tokenizer", INDEX_TOKENIZER},
    };
    sqlite3_stmt *insert = writer_prepare(w, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
    bool ok = insert != NULL;
    for (size_t i = 0; ok && i < sizeof pairs / sizeof pairs[0]; i++) {
        if (!pairs[i][1])
            continue;
        sqlite3_bind_text(insert, 1, pairs[i][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, pairs[i][1], -1, SQLITE_STATIC);
        ok = writer_step(w, insert);
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

static bool write_bundle(build *b, const rs_world *world, const char *temp_path)
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
        indexer_install(w.db, &w.replay, &porter);
    /* No journal: the file is private until renamed, and a failed build is
     * simply deleted. Durability comes from the fsync before the rename. */
    ok = ok &&
         writer_exec(&w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
                      "PRAGMA temp_store=FILE; PRAGMA cache_size=-65536; PRAGMA page_size=4096;") &&
         writer_exec(&w, "BEGIN;") && writer_exec(&w, RS_BUNDLE_SCHEMA) && writer_exec(&w, FTS_BUILD_SETTINGS) &&
         write_lookup_tables(&w, &outlets, &speakers) && indexer_write_statements(&w, &outlets, &speakers, &porter) &&
         writer_exec(&w, FTS_FINISH) && browse_countries_write(&w) && browse_incidents_write(&w) &&
         thread_write(&w, &outlets, &speakers) && timeline_write(&w) && browse_date_counts_write(&w) &&
         suggestions_write(&w, &outlets, &speakers) && name_order_write(&w) && write_meta(&w, &outlets) &&
         (!world || rs_world_write(world, w.db)) &&
         writer_exec(&w, "PRAGMA application_id=" RS_STRINGIFY(RS_BUNDLE_APPLICATION_ID) ";"
                      "PRAGMA user_version=" RS_STRINGIFY(RS_BUNDLE_FORMAT_VERSION) ";") &&
         writer_exec(&w, "COMMIT;");
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

bool rs_build(const rs_build_options *options, rs_diags *diags, rs_build_stats *stats)
{
    build b = {.options = options, .diags = diags};
    size_t errors_before = rs_diags_count(diags);
    if (!check_output(options->output_path, diags))
        return false;
    char error[512];
    const char *iso_path = options->iso_3166_path ? options->iso_3166_path : RS_ISO_3166_DEFAULT_PATH;
    b.countries = rs_countries_load(iso_path, error, sizeof error);
    b.context.countries = b.countries;
    b.context.default_language = "en";
    if (!b.countries) {
        rs_diags_add(diags, iso_path, 0, "%s", error);
        return false;
    }
    folder_read(&b);
    if (rs_diags_count(diags) != errors_before) {
        folder_free(&b);
        return false;
    }
    folder_order(&b);
    thread_order_events(&b);
    /* The world map before the output file: a missing or damaged map file
     * stops the build with nothing written. */
    rs_world *world = NULL;
    if (!options->no_map) {
        const char *world_path = options->world_path ? options->world_path : RS_WORLD_DEFAULT_PATH;
        world = rs_world_load(world_path, error, sizeof error);
        if (!world) {
            rs_diags_add(diags, world_path, 0, "%s", error);
            folder_free(&b);
            return false;
        }
    }

    char *dir, *base;
    split_path(options->output_path, &dir, &base);
    remove_stale_temp_files(dir, base);
    char temp_name[600];
    snprintf(temp_name, sizeof temp_name, ".%s.partial-%ld", base, (long)getpid());
    char *temp_path = build_path_join(dir, temp_name);

    bool ok = false;
    /* Handlers first: a signal right after the file appears must remove it. */
    snprintf(temp_path_for_signal, sizeof temp_path_for_signal, "%s", temp_path);
    watch_signals(true);
    int fd = open(temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        rs_diags_add(diags, options->output_path, 0, "cannot create a file in %s: %s", dir, strerror(errno));
    } else {
        close(fd);
        ok = write_bundle(&b, world, temp_path);
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
    rs_world_destroy(world);
    folder_free(&b);
    return ok;
}

