/*
 * rs_build: the output file (a hidden temporary beside it, renamed over it
 * only when complete), the writer every part of pass 2 writes through, the
 * browse tables and the metadata. Pass 1 is folder.c, the statements and
 * their index indexer.c, the search tables suggestions.c (builder_private.h).
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

/* ---- the browse tables ----
 *
 * The browse lists by country and by incident are computed here rather than
 * in SQL: every list is the statements in id order, so one counting sort of
 * the links gives each country's or incident's list, and rows go in in
 * primary-key order. */

enum link_kind { COUNTRY_LINKS, INCIDENT_LINKS };

/* The links of every statement, grouped by party slot or by incident:
 * group g's links are positions start[g] .. start[g + 1] - 1, each with the
 * link's index (into b->links or b->incident_refs) and its statement's id,
 * in id order. */
typedef struct link_groups {
    size_t *start;
    size_t *link;
    int64_t *id;
} link_groups;

/* The group of link l of kind, SIZE_MAX for an incident that is not defined. */
static size_t link_group(const build *b, enum link_kind kind, size_t l)
{
    if (kind == COUNTRY_LINKS)
        return b->links[l].slot;
    return b->incident_refs[l] == NO_INCIDENT ? SIZE_MAX : b->incident_refs[l];
}

/* A counting sort of the links of kind into group_count groups. Statements
 * are visited in time order, which is id order. Free with link_groups_free. */
static void group_links(const build *b, enum link_kind kind, size_t group_count, link_groups *out)
{
    size_t total = kind == COUNTRY_LINKS ? b->link_count : b->incident_ref_count;
    out->start = rs_xcalloc(group_count + 1, sizeof *out->start);
    for (size_t l = 0; l < total; l++) {
        size_t g = link_group(b, kind, l);
        if (g != SIZE_MAX)
            out->start[g + 1]++;
    }
    for (size_t g = 0; g < group_count; g++)
        out->start[g + 1] += out->start[g];
    out->link = rs_xcalloc(out->start[group_count], sizeof *out->link);
    out->id = rs_xcalloc(out->start[group_count], sizeof *out->id);
    size_t *fill = rs_xcalloc(group_count + 1, sizeof *fill);
    memcpy(fill, out->start, group_count * sizeof *fill);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        size_t first = kind == COUNTRY_LINKS ? entry->first_link : entry->first_incident;
        size_t count = kind == COUNTRY_LINKS ? entry->link_count : entry->incident_count;
        for (size_t l = first; l < first + count; l++) {
            size_t g = link_group(b, kind, l);
            if (g == SIZE_MAX)
                continue;
            size_t at = fill[g]++;
            out->link[at] = l;
            out->id[at] = entry->id;
        }
    }
    free(fill);
}

static void link_groups_free(link_groups *groups)
{
    free(groups->start);
    free(groups->link);
    free(groups->id);
}

/* The statements written for parties, prepared once. */
typedef struct country_inserts {
    sqlite3_stmt *by_role, *listed, *role_count, *country, *translated, *member;
    int role_order[RS_ROLE_COUNT]; /* the roles in the order of their names, as the primary keys sort them */
} country_inserts;

static bool country_inserts_prepare(writer *w, country_inserts *c)
{
    c->by_role = writer_prepare(w,
        "INSERT INTO statement_country(country_code, role, pos, statement_id) VALUES(?1, ?2, ?3, ?4)");
    c->listed = writer_prepare(w,
        "INSERT INTO country_statement(country_code, pos, statement_id, roles) VALUES(?1, ?2, ?3, ?4)");
    c->role_count = writer_prepare(w,
        "INSERT INTO country_role(country_code, role, statement_count) VALUES(?1, ?2, ?3)");
    c->country = writer_prepare(w,
        "INSERT INTO country(code, kind, name, short_name, official_name, statement_count, event_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    c->translated = writer_prepare(w, "INSERT INTO country_name(code, language, name, short_name) VALUES(?1, ?2, ?3, ?4)");
    c->member = writer_prepare(w, "INSERT INTO party_member(party_code, pos, member_code) VALUES(?1, ?2, ?3)");
    for (int r = 0; r < RS_ROLE_COUNT; r++)
        c->role_order[r] = r;
    for (int i = 1; i < RS_ROLE_COUNT; i++)
        for (int j = i; j > 0 && strcmp(rs_roles[c->role_order[j - 1]], rs_roles[c->role_order[j]]) > 0; j--) {
            int swap = c->role_order[j];
            c->role_order[j] = c->role_order[j - 1];
            c->role_order[j - 1] = swap;
        }
    return c->by_role && c->listed && c->role_count && c->country && c->translated && c->member;
}

static void country_inserts_finalize(country_inserts *c)
{
    sqlite3_finalize(c->by_role);
    sqlite3_finalize(c->listed);
    sqlite3_finalize(c->role_count);
    sqlite3_finalize(c->country);
    sqlite3_finalize(c->translated);
    sqlite3_finalize(c->member);
}

static int compare_member_codes(const void *a, const void *b)
{
    return memcmp(a, b, 2);
}

/* Country code's list for each role, and how many statements each holds. */
static bool write_country_roles(writer *w, const country_inserts *c, const char *code, const link_groups *groups,
                                size_t slot)
{
    const build *b = w->b;
    bool ok = true;
    for (int o = 0; ok && o < RS_ROLE_COUNT; o++) {
        int r = c->role_order[o];
        int64_t pos = 0;
        for (size_t l = groups->start[slot]; ok && l < groups->start[slot + 1]; l++) {
            if (!(b->links[groups->link[l]].roles & (1u << r)))
                continue;
            sqlite3_bind_text(c->by_role, 1, code, -1, SQLITE_STATIC);
            sqlite3_bind_text(c->by_role, 2, rs_roles[r], -1, SQLITE_STATIC);
            sqlite3_bind_int64(c->by_role, 3, pos++);
            sqlite3_bind_int64(c->by_role, 4, groups->id[l]);
            ok = writer_step(w, c->by_role);
        }
        if (ok && pos > 0) {
            sqlite3_bind_text(c->role_count, 1, code, -1, SQLITE_STATIC);
            sqlite3_bind_text(c->role_count, 2, rs_roles[r], -1, SQLITE_STATIC);
            sqlite3_bind_int64(c->role_count, 3, pos);
            ok = writer_step(w, c->role_count);
        }
    }
    return ok;
}

/* The language country_name holds a party's names in, for a curator's
 * BCP 47 tag: the viewer asks for "zh_CN" and "ru" (RS_BUNDLE_NAME_LANGUAGES);
 * other tags are kept as written. rank orders tags that give the same
 * language: zh-Hans before zh-CN before zh. */
static const char *name_language(const char *tag, int *rank)
{
    static const char *const chinese[] = {"zh-Hans", "zh-CN", "zh"};
    for (int i = 0; i < 3; i++)
        if (strcasecmp(tag, chinese[i]) == 0) {
            *rank = i;
            return "zh_CN";
        }
    *rank = 0;
    return strcasecmp(tag, "ru") == 0 ? "ru" : tag;
}

/* One language's names of a party, gathered from its translations. */
typedef struct party_names {
    const char *language, *name, *short_name;
} party_names;

static int compare_party_names(const void *a, const void *b)
{
    return strcmp(((const party_names *)a)->language, ((const party_names *)b)->language);
}

/* A party's names in other languages (country_name), from parties.yaml,
 * and its members (party_member, in code order). */
static bool write_party_names(writer *w, const country_inserts *c, const rs_party_source *party)
{
    const rs_translations *t = &party->translations;
    party_names *names = rs_xcalloc(t->count + 1, sizeof *names);
    size_t count = 0;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < t->count; i++) {
            int rank;
            const char *language = name_language(t->items[i].language, &rank);
            if (rank != pass)
                continue;
            size_t k = 0;
            while (k < count && strcmp(names[k].language, language) != 0)
                k++;
            if (k == count)
                names[count++].language = language;
            bool is_short = strcmp(t->items[i].field, "short") == 0 || strcmp(t->items[i].field, "short_name") == 0;
            const char **slot = is_short ? &names[k].short_name : &names[k].name;
            if (!*slot)
                *slot = t->items[i].value;
        }
    qsort(names, count, sizeof *names, compare_party_names);
    bool ok = true;
    for (size_t k = 0; ok && k < count; k++) {
        sqlite3_bind_text(c->translated, 1, party->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 2, names[k].language, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 3, names[k].name ? names[k].name : party->name, -1, SQLITE_STATIC);
        writer_bind_text_or_null(c->translated, 4, names[k].short_name);
        ok = writer_step(w, c->translated);
    }
    free(names);

    char(*members)[3] = rs_xcalloc(party->member_count + 1, sizeof *members);
    if (party->member_count)
        memcpy(members, party->members, party->member_count * sizeof *members);
    qsort(members, party->member_count, sizeof *members, compare_member_codes);
    for (size_t m = 0; ok && m < party->member_count; m++) {
        sqlite3_bind_text(c->member, 1, party->code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(c->member, 2, (int64_t)m);
        sqlite3_bind_text(c->member, 3, members[m], 2, SQLITE_STATIC);
        ok = writer_step(w, c->member);
    }
    free(members);
    return ok;
}

/* A country's names in the viewer's other languages, from iso-codes'
 * translations; none written where it has none: the viewer shows English. */
static bool write_country_names(writer *w, const country_inserts *c, const char *code)
{
    static const char *const name_languages[] = RS_BUNDLE_NAME_LANGUAGES;
    bool ok = true;
    for (size_t l = 0; ok && l < sizeof name_languages / sizeof name_languages[0]; l++) {
        char *local = rs_countries_translated(w->b->countries, code, name_languages[l], NULL);
        if (!local)
            continue;
        sqlite3_bind_text(c->translated, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 2, name_languages[l], -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 3, local, -1, SQLITE_TRANSIENT);
        ok = writer_step(w, c->translated);
        free(local);
    }
    return ok;
}

/* The party at slot: its list of every statement with its roles, its row,
 * and its names in the viewer's other languages. */
static bool write_country(writer *w, const country_inserts *c, size_t slot, const link_groups *groups)
{
    const build *b = w->b;
    char code[RS_PARTY_CODE_SIZE];
    build_slot_code(b, slot, code);
    bool ok = write_country_roles(w, c, code, groups, slot);
    for (size_t l = groups->start[slot]; ok && l < groups->start[slot + 1]; l++) {
        char roles[RS_ROLES_TEXT_SIZE];
        rs_roles_text(b->links[groups->link[l]].roles, roles);
        sqlite3_bind_text(c->listed, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(c->listed, 2, (int64_t)(l - groups->start[slot]));
        sqlite3_bind_int64(c->listed, 3, groups->id[l]);
        sqlite3_bind_text(c->listed, 4, roles, -1, SQLITE_TRANSIENT);
        ok = writer_step(w, c->listed);
    }
    const rs_party_source *party = build_slot_party(b, slot);
    const char *name = NULL, *official = NULL;
    if (party)
        name = party->name;
    else if (!rs_countries_find(b->countries, code, &name, &official))
        name = NULL;
    if (ok && !name) {
        w->error = rs_xstrdup("internal error: a party code passed the checks but has no name");
        ok = false;
    }
    if (ok) {
        sqlite3_bind_text(c->country, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->country, 2, party ? party->kind : rs_party_kinds[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(c->country, 3, name, -1, SQLITE_STATIC);
        writer_bind_text_or_null(c->country, 4, party ? party->short_name : NULL);
        writer_bind_text_or_null(c->country, 5, official);
        sqlite3_bind_int64(c->country, 6, (int64_t)(groups->start[slot + 1] - groups->start[slot]));
        sqlite3_bind_int64(c->country, 7, b->party_event_counts ? b->party_event_counts[slot] : 0);
        ok = writer_step(w, c->country);
    }
    if (ok)
        ok = party ? write_party_names(w, c, party) : write_country_names(w, c, code);
    return ok;
}

/* Whether the party at slot has a statement or an event: the parties of
 * the collection, which its lists and counts show. */
static bool slot_has_content(const build *b, const link_groups *groups, size_t slot)
{
    bool has_events = b->party_event_counts && b->party_event_counts[slot];
    return groups->start[slot] != groups->start[slot + 1] || has_events;
}

/* The ISO slots that are members of a party of the collection. A party
 * page names its members, and a name is read from the member's row: a
 * member with no statement and no event of its own gets a row with counts
 * 0 (and its names), which no list or count of parties shows. Caller frees. */
static bool *member_slots(const build *b, const link_groups *groups)
{
    bool *member = rs_xcalloc(CODE_SLOTS, sizeof *member);
    for (size_t k = CODE_SLOTS; k < build_slot_count(b); k++) {
        const rs_party_source *party = build_slot_party(b, k);
        if (!party || !slot_has_content(b, groups, k))
            continue;
        for (size_t m = 0; m < party->member_count; m++) {
            size_t slot = build_party_slot(b, party->members[m]);
            if (slot < CODE_SLOTS)
                member[slot] = true;
        }
    }
    return member;
}

/* A row for every party with a statement or an event, and for every
 * member country of one (member_slots). */
static bool write_countries(writer *w)
{
    const build *b = w->b;
    size_t slots = build_slot_count(b);
    link_groups groups;
    group_links(b, COUNTRY_LINKS, slots, &groups);
    bool *member = member_slots(b, &groups);
    country_inserts c;
    bool ok = country_inserts_prepare(w, &c);
    for (size_t k = 0; ok && k < slots; k++)
        if (slot_has_content(b, &groups, k) || (k < CODE_SLOTS && member[k]))
            ok = write_country(w, &c, k, &groups);
    country_inserts_finalize(&c);
    free(member);
    link_groups_free(&groups);
    return ok;
}

/* Incidents and their lists. A statement that names an incident twice is
 * listed twice, as it is written. */
static bool write_incidents(writer *w)
{
    build *b = w->b;
    size_t count = b->incidents.count;
    link_groups groups;
    group_links(b, INCIDENT_LINKS, count, &groups);
    sqlite3_stmt *link = writer_prepare(w, "INSERT INTO statement_incident(incident_id, pos, statement_id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *insert = writer_prepare(w,
        "INSERT INTO incident(id, slug, name, date, date_note, summary, statement_count, event_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bool ok = link && insert;
    for (size_t i = 0; ok && i < count; i++) {
        for (size_t l = groups.start[i]; ok && l < groups.start[i + 1]; l++) {
            sqlite3_bind_int64(link, 1, (int64_t)i + 1);
            sqlite3_bind_int64(link, 2, (int64_t)(l - groups.start[i]));
            sqlite3_bind_int64(link, 3, groups.id[l]);
            ok = writer_step(w, link);
        }
    }
    for (size_t i = 0; ok && i < count; i++) {
        const rs_incident_source *incident = &b->incidents.items[i];
        sqlite3_bind_int64(insert, 1, (int64_t)i + 1);
        sqlite3_bind_text(insert, 2, incident->slug, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, incident->name, -1, SQLITE_STATIC);
        writer_bind_text_or_null(insert, 4, incident->date_text);
        writer_bind_text_or_null(insert, 5, incident->date_note);
        sqlite3_bind_text(insert, 6, incident->summary, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 7, (int64_t)(groups.start[i + 1] - groups.start[i]));
        sqlite3_bind_int64(insert, 8, (int64_t)incident->event_count);
        ok = writer_step(w, insert);
    }
    sqlite3_finalize(link);
    sqlite3_finalize(insert);
    link_groups_free(&groups);
    return ok;
}

static bool write_date_counts(writer *w)
{
    build *b = w->b;
    sqlite3_stmt *year = writer_prepare(w, "INSERT INTO year_count(year, statement_count, first_id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *month = writer_prepare(w,
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
        ok = writer_step(w, year);
        for (size_t m = t; ok && m < year_end;) {
            int month_number = b->statements[b->by_time[m]].date.month;
            size_t month_end = m;
            while (month_end < year_end && b->statements[b->by_time[month_end]].date.month == month_number)
                month_end++;
            sqlite3_bind_int(month, 1, first->year);
            sqlite3_bind_int(month, 2, month_number);
            sqlite3_bind_int64(month, 3, (int64_t)(month_end - m));
            sqlite3_bind_int64(month, 4, (int64_t)m + 1);
            ok = writer_step(w, month);
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
         writer_exec(&w, FTS_FINISH) && write_countries(&w) && write_incidents(&w) &&
         thread_write(&w, &outlets, &speakers) && timeline_write(&w) && write_date_counts(&w) &&
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

