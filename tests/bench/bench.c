/*
 * The benchmark: every speed and memory figure Rostrum claims, measured.
 *
 * Whole-process figures come from the operating system: start-up is the
 * monotonic clock from just before the viewer process is spawned to the
 * moment it reports its first frame presented; peak memory is the child's
 * ru_maxrss from wait4(); idle CPU is /proc/PID/schedstat before and after
 * 60 s, and wake-ups the voluntary context switches of all its threads over
 * the same 60 s, each under X11 and under SDL's offscreen driver (the
 * stand-in for kmsdrm: neither has a wait of its own in SDL 2). Per-frame and per-query figures use in-process timers around the
 * real code paths (session frame + software render; query-layer calls), and
 * are reported as medians and 99th percentiles over many repetitions.
 *
 *   bench all --sample S --large L --huge H --viewer V --build-stats F --json OUT
 *
 * prints one table, one row per figure with its budget and PASS/MISS, and
 * writes the same as JSON. A missed budget is reported, never hidden.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "render.h"
#include "session.h"
#include "text.h"
#include "wrap.h"
#include "event_wait.h"
#include "bench.h"

extern char **environ;


/* ---- the worst bundle ---- */

/* Writes n copies of utf8 into f. */
static void repeat_text(FILE *f, const char *utf8, int n)
{
    for (int i = 0; i < n; i++)
        fputs(utf8, f);
}

/* A source folder whose statements hold the most the builder accepts in
 * every field a visitor sees (db/store/field_limits.c): titles of 32
 * letters each carrying 30 combining marks (992 code points), of 1,000
 * ideographs, and of one 1,000-letter word that cannot be broken; 200-
 * character outlets and speakers; bodies of 1 MB in 20,000 lines, one of
 * them a single line of 1 MB; 50 countries each. The frames of the list and
 * of each reader must stay within a frame's time however a bundle is made. */
static bool write_worst_sources(const char *dir)
{
    if (strlen(dir) > 4000)
        return false;
    static const char *const codes[] = {"AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB",
                                        "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW",
                                        "BY", "BZ", "CA", "CD", "CF", "CG", "CH", "CI", "CL", "CM", "CN", "CO", "CR",
                                        "CU", "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC"};
    char path[4200];
    snprintf(path, sizeof path, "%s/bundle.yaml", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fputs("title: ", f);
    repeat_text(f, "W", 200);
    fputs("\ndescription: ", f);
    repeat_text(f, "word ", 199);
    fputs("\n", f);
    fclose(f);
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/worst-%d.txt", dir, k);
        if (!(f = fopen(path, "w")))
            return false;
        fprintf(f, "---\nid: worst-%d\ntitle: ", k);
        for (int i = 0; i < (k == 0 ? 32 : 0); i++) {
            fputs("Z", f);
            repeat_text(f, "\xcc\x81", 30); /* U+0301 */
        }
        if (k == 1)
            repeat_text(f, "\xe7\xbd\x91", 1000); /* 网 */
        if (k == 2)
            repeat_text(f, "W", 1000);
        fprintf(f, "\ndate: 2021-07-%02d\noutlet: ", 10 + k);
        repeat_text(f, "O", 200);
        fputs("\nspeaker: ", f);
        repeat_text(f, "S", 200);
        fputs("\nlanguage: en\nkind: response\ncountries:\n", f);
        for (size_t c = 0; c < sizeof codes / sizeof *codes; c++)
            fprintf(f, "  %s: accuser\n", codes[c]);
        fputs("---\n\n", f);
        /* Most of 1 MB of body: 19,990 lines of 51 letters, or one line. */
        for (int line = 0; line < 19990; line++) {
            fputs(k == 0 ? "Every line of this body is a sentence of its own he" : "Zwordswithoutanyspaceatallruntogetherforeverandever", f);
            fputs(k == 2 ? "" : "\n", f);
        }
        fputs("\n", f);
        fclose(f);
    }
    return true;
}

/* The time to open route and draw its first frame (a tap on a list row
 * ends in this), median of 5. */
static void measure_open(const char *label, const char *bundle, const char *fonts, const char *route, double budget)
{
    enum { RUNS = 5 };
    double t[RUNS];
    size_t n = 0;
    char name[160];
    snprintf(name, sizeof name, "open and draw %s, 800x480", label);
    for (int i = 0; i < RUNS; i++) {
        viewer v;
        double start = now_ms();
        bool ok = viewer_open(&v, bundle, fonts, 800, 480, route);
        if (ok) {
            viewer_frame(&v);
            t[n++] = now_ms() - start;
        }
        viewer_close(&v);
    }
    char note[128];
    snprintf(note, sizeof note, "median of %zu, the bundle opened and fonts loaded included; %s", n, priority_label);
    record(name, n ? quantile(t, n, 0.5) : NAN, "ms", budget, note);
}

/* A key that moves the focus (Tab, and spoken navigation's Up and Down,
 * which walk the same stops) on route, to the frame it asks for drawn:
 * p99 of 40 presses, forward and back. */
static void measure_key(const char *label, const char *bundle, const char *fonts, const char *route, double budget)
{
    viewer v;
    if (!viewer_open(&v, bundle, fonts, 800, 480, route)) {
        viewer_close(&v);
        return;
    }
    viewer_frame(&v);
    enum { PRESSES = 40 };
    double t[PRESSES];
    for (int i = 0; i < PRESSES; i++) {
        v.clock += 200;
        double start = now_ms();
        rs_session_key(v.session, i % 10 < 7 ? RS_KEY_TAB : RS_KEY_SHIFT_TAB, v.clock);
        viewer_frame(&v);
        t[i] = now_ms() - start;
    }
    viewer_close(&v);
    char name[160], note[256];
    snprintf(name, sizeof name, "a key moving the focus p99, %s, 800x480", label);
    snprintf(note, sizeof note, "Tab and Shift+Tab, %d presses, each to its frame drawn; median %.2f ms; %s", PRESSES,
             quantile(t, PRESSES, 0.5), priority_label);
    record(name, quantile(t, PRESSES, 0.99), "ms", budget, note);
}

/* Builds the worst bundle in work with the builder beside the viewer and
 * measures flinging its list and each of its readers. */
static void measure_worst(const char *viewer_path, const char *fonts, const char *work)
{
    char sources[4096], bundle[4096], builder[4096], command[16384];
    snprintf(sources, sizeof sources, "%s/worst-sources", work);
    snprintf(bundle, sizeof bundle, "%s/worst.sqlite", work);
    snprintf(builder, sizeof builder, "%s", viewer_path);
    char *slash = strrchr(builder, '/');
    snprintf(slash ? slash + 1 : builder, sizeof builder - (size_t)(slash ? slash + 1 - builder : 0),
             "../db/rostrum-bundle");
    snprintf(command, sizeof command, "rm -rf '%s' && mkdir -p '%s'", sources, sources);
    bool built = system(command) == 0 && write_worst_sources(sources);
    snprintf(command, sizeof command, "'%s' build '%s' -o '%s' >'%s/worst-build.log' 2>&1", builder, sources, bundle,
             work);
    built = built && system(command) == 0;
    if (!built) {
        fprintf(stderr, "bench: the worst bundle was not built: see %s/worst-build.log\n", work);
        record("frame time p99, the worst bundle", NAN, "ms", 16, "not built");
        return;
    }
    measure_frames("the worst bundle's list", bundle, fonts, "statements", 800, 480, 16);
    for (int k = 0; k < 3; k++) {
        static const char *const what[] = {"marks", "CJK", "one long word"};
        char route[64], label[96];
        snprintf(route, sizeof route, "statements/worst-%d", k);
        snprintf(label, sizeof label, "the worst reader (title of %s, 1 MB body)", what[k]);
        measure_frames(label, bundle, fonts, route, 800, 480, 16);
        snprintf(label, sizeof label, "the worst statement (title of %s, 1 MB body)", what[k]);
        measure_open(label, bundle, fonts, route, 100);
    }
    measure_key("the worst statement (1 MB body)", bundle, fonts, "statements/worst-0", 16);
}

/* A statement with a long body, for the reader. */
static void longest_statement_route(const char *bundle_path, char *route, size_t size)
{
    char error[512];
    rs_bundle *b = rs_bundle_open(bundle_path, error, sizeof error);
    size_t best = 0;
    snprintf(route, size, "home");
    for (int64_t id = 1; b && id <= 300; id++) {
        rs_statement st;
        if (!rs_bundle_statement(b, id, &st))
            break;
        size_t length = strlen(st.body);
        if (length > best && strcmp(st.language, "en") == 0) {
            best = length;
            snprintf(route, size, "statements/%s", st.slug);
        }
        rs_statement_clear(&st);
    }
    rs_bundle_close(b);
}

/* ---- in-process: queries ---- */

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static bool skip_search; /* bench queries --no-search: only the browsing queries */

static void measure_queries(const char *bundle_path, const char *size_label)
{
    char error[1024], name[160], note[256];
    rs_bundle *b = rs_bundle_open(bundle_path, error, sizeof error);
    if (!b) {
        fprintf(stderr, "bench: %s\n", error);
        return;
    }
    int64_t total = atoll(rs_bundle_meta(b, "statement_count"));
    enum { RUNS = 1000 };
    static double t[RUNS];

    rs_facet_list list;
    for (int i = 0; i < RUNS; i++) {
        double s = now_ms();
        rs_bundle_years(b, &list);
        t[i] = now_ms() - s;
        if (i == 0)
            snprintf(note, sizeof note, "%zu years", list.count);
        rs_facet_list_clear(&list);
    }
    snprintf(name, sizeof name, "query p99 @%s: years with counts", size_label);
    record(name, quantile(t, RUNS, 0.99), "ms", 2, note);

    int years[64], year_count = 0;
    rs_bundle_years(b, &list);
    for (size_t i = 0; i < list.count && year_count < 64; i++)
        years[year_count++] = atoi(list.items[i].key);
    rs_facet_list_clear(&list);
    for (int i = 0; i < RUNS; i++) {
        double s = now_ms();
        rs_bundle_months(b, years[next_random() % (uint64_t)(year_count ? year_count : 1)], &list);
        t[i] = now_ms() - s;
        rs_facet_list_clear(&list);
    }
    snprintf(name, sizeof name, "query p99 @%s: months of a year with counts", size_label);
    record(name, quantile(t, RUNS, 0.99), "ms", 2, NULL);

    for (int i = 0; i < RUNS; i++) {
        double s = now_ms();
        rs_bundle_countries(b, &list);
        t[i] = now_ms() - s;
        if (i == 0)
            snprintf(note, sizeof note, "%zu countries", list.count);
        rs_facet_list_clear(&list);
    }
    snprintf(name, sizeof name, "query p99 @%s: countries with counts", size_label);
    record(name, quantile(t, RUNS, 0.99), "ms", 2, note);

    static double cpu[RUNS];
    for (int i = 0; i < RUNS; i++) {
        int64_t id = 1 + (int64_t)(next_random() % (uint64_t)total);
        rs_statement st;
        double c = thread_cpu_ms(), s = now_ms();
        bool ok = rs_bundle_statement(b, id, &st);
        t[i] = now_ms() - s;
        cpu[i] = thread_cpu_ms() - c;
        if (ok)
            rs_statement_clear(&st);
    }
    snprintf(name, sizeof name, "query p99 @%s: open a statement", size_label);
    snprintf(note, sizeof note, "random ids, body and links; median %.3f ms; CPU time p99 %.3f ms; %s",
             quantile(t, RUNS, 0.5), quantile(cpu, RUNS, 0.99), priority_label);
    record(name, quantile(t, RUNS, 0.99), "ms", 2, note);

    rs_list_spec all = {.kind = RS_LIST_ALL, .role = -1};
    for (int i = 0; i < RUNS; i++) {
        int64_t offset = total / 2 + (int64_t)(next_random() % (uint64_t)(total / 2));
        rs_statement_rows rows;
        double c = thread_cpu_ms(), s = now_ms();
        rs_bundle_list_page(b, &all, offset, 20, &rows);
        t[i] = now_ms() - s;
        cpu[i] = thread_cpu_ms() - c;
        rs_statement_rows_clear(&rows);
    }
    snprintf(name, sizeof name, "query p99 @%s: list page (20 rows) at a deep offset", size_label);
    snprintf(note, sizeof note, "all statements, offsets in the second half; median %.3f ms; CPU time p99 %.3f ms; %s",
             quantile(t, RUNS, 0.5), quantile(cpu, RUNS, 0.99), priority_label);
    record(name, quantile(t, RUNS, 0.99), "ms", 2, note);

    rs_bundle_countries(b, &list);
    const char *code = list.count ? list.items[0].key : "GB";
    rs_list_spec country = {.kind = RS_LIST_COUNTRY, .role = -1};
    snprintf(country.country, sizeof country.country, "%s", code);
    int64_t country_total = 0;
    rs_bundle_list_count(b, &country, &country_total);
    for (int i = 0; i < RUNS && country_total > 0; i++) {
        int64_t offset = (int64_t)(next_random() % (uint64_t)country_total);
        rs_statement_rows rows;
        double c = thread_cpu_ms(), s = now_ms();
        rs_bundle_list_page(b, &country, offset, 20, &rows);
        t[i] = now_ms() - s;
        cpu[i] = thread_cpu_ms() - c;
        rs_statement_rows_clear(&rows);
    }
    snprintf(name, sizeof name, "query p99 @%s: country list page at a deep offset", size_label);
    snprintf(note, sizeof note, "%s, %lld statements; median %.3f ms; CPU time p99 %.3f ms; %s", code,
             (long long)country_total, quantile(t, RUNS, 0.5), quantile(cpu, RUNS, 0.99), priority_label);
    record(name, quantile(t, RUNS, 0.99), "ms", 2, note);
    rs_facet_list_clear(&list);

    /* The incident with the longest thread (its statements and events),
     * pages of 20 entries at random offsets: one seek in incident_thread,
     * then each entry's row, lede and parties. */
    rs_bundle_incidents(b, &list);
    size_t longest = 0;
    for (size_t i = 1; i < list.count; i++)
        if (list.items[i].count + list.items[i].event_count >
            list.items[longest].count + list.items[longest].event_count)
            longest = i;
    rs_incident_detail incident = {0};
    int64_t thread_total = 0, events = 0;
    if (list.count && rs_bundle_incident(b, list.items[longest].key, &incident)) {
        thread_total = incident.count + incident.event_count;
        events = incident.event_count;
    }
    for (int i = 0; i < RUNS && thread_total > 0; i++) {
        int64_t offset = (int64_t)(next_random() % (uint64_t)thread_total);
        rs_thread thread;
        double c = thread_cpu_ms(), s = now_ms();
        rs_bundle_thread_page(b, incident.id, offset, 20, &thread);
        t[i] = now_ms() - s;
        cpu[i] = thread_cpu_ms() - c;
        rs_thread_clear(&thread);
    }
    snprintf(name, sizeof name, "query p99 @%s: incident thread page (20 entries) at a random offset", size_label);
    snprintf(note, sizeof note, "%s, %lld entries (%lld events); median %.3f ms; CPU time p99 %.3f ms; %s",
             incident.slug ? incident.slug : "no incident", (long long)thread_total, (long long)events,
             quantile(t, RUNS, 0.5), quantile(cpu, RUNS, 0.99), priority_label);
    record(name, thread_total > 0 ? quantile(t, RUNS, 0.99) : NAN, "ms", 2, note);
    rs_incident_detail_clear(&incident);
    rs_facet_list_clear(&list);

    const char *words[2] = {"exchange", "网络"};
    const char *labels[2] = {"English word", "CJK two-character word"};
    for (int w = 0; w < 2 && !skip_search; w++) {
        enum { SEARCHES = 100 };
        size_t hits = 0;
        for (int i = 0; i < SEARCHES; i++) {
            rs_search_results results;
            double s = now_ms();
            rs_bundle_search(b, words[w], 0, 20, &results, error, sizeof error);
            t[i] = now_ms() - s;
            hits = results.count;
            rs_search_results_clear(&results);
        }
        snprintf(name, sizeof name, "search first page p99 @%s: %s (%s)", size_label, labels[w], words[w]);
        snprintf(note, sizeof note, "%zu results on the page", hits);
        record(name, quantile(t, SEARCHES, 0.99), "ms", 10, note);
    }
    rs_bundle_close(b);
}

/* ---- whole processes ---- */

typedef struct child {
    pid_t pid;
    int err_fd; /* read end of its stderr */
} child;

static bool spawn(child *c, char *const argv[], char *const envp[])
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    int rc = posix_spawn(&c->pid, argv[0], &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    c->err_fd = fds[0];
    return rc == 0;
}

/* Reads all of the child's stderr, waits for it, returns its rusage. */
static int finish(child *c, char *err, size_t err_size, struct rusage *usage)
{
    size_t length = 0;
    ssize_t n;
    while ((n = read(c->err_fd, err + length, err_size - length - 1)) > 0)
        length += (size_t)n;
    err[length] = '\0';
    close(c->err_fd);
    int status = 0;
    wait4(c->pid, &status, 0, usage);
    return status;
}

/* The environment for viewer children: this one plus extra entries. */
static char **environment_with(const char *a, const char *b)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = calloc(n + 3, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        env[k++] = environ[i];
    if (a)
        env[k++] = (char *)a;
    if (b)
        env[k++] = (char *)b;
    return env;
}

/* The display the viewers are started on: the X server run.sh gives, or
 * SDL's offscreen driver. */
static const char *display_label(const char *driver)
{
    return driver ? driver : getenv("DISPLAY") ? "X11" : "offscreen";
}

/* extra_env: one more NAME=VALUE for the viewer, or NULL. */
static void measure_start(const char *viewer_path, const char *bundle, const char *label, const char *driver,
                          const char *extra_env, double budget)
{
    enum { RUNS = 10 };
    double t[RUNS], cpu[RUNS];
    size_t ok = 0;
    char driver_env[64];
    snprintf(driver_env, sizeof driver_env, "SDL_VIDEODRIVER=%s", driver ? driver : "");
    char **env = environment_with("ROSTRUM_FIRST_FRAME_STAMP=1", driver ? driver_env : extra_env);
    for (int i = 0; i < RUNS + 2; i++) {
        char *argv[] = {(char *)viewer_path, (char *)bundle, "--size", "800x480", "--software",
                        "--exit-after-first-frame", NULL};
        child c;
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (!spawn(&c, argv, env))
            break;
        char err[4096];
        struct rusage usage;
        int status = finish(&c, err, sizeof err, &usage);
        const char *stamp = strstr(err, "first-frame-ns ");
        if (status != 0 || !stamp) {
            fprintf(stderr, "bench: viewer failed: %s\n", err);
            break;
        }
        double frame_ms = (double)atoll(stamp + 15) / 1e6;
        double start_ms = (double)t0.tv_sec * 1e3 + (double)t0.tv_nsec / 1e6;
        if (i >= 2) { /* two warm-up runs fill the page cache */
            /* The child's own CPU time (user + system, from wait4), to the
             * exit just after the first frame: beside the wall time, which
             * on a shared machine includes other processes' turns. */
            cpu[ok] = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                      (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
            t[ok++] = frame_ms - start_ms;
        }
    }
    free(env);
    char name[128], note[256];
    snprintf(name, sizeof name, "process start to first frame presented, 800x480, %s, %s%s", label,
             display_label(driver), extra_env ? " (no compose table, as in kiosk mode)" : "");
    snprintf(note, sizeof note,
             "median of %zu runs, software renderer; the process's CPU time (to its exit) median %.1f ms; %s", ok,
             ok ? quantile(cpu, ok, 0.5) : NAN, priority_label);
    record(name, ok ? quantile(t, ok, 0.5) : NAN, "ms", budget, note);
}

static void measure_visit_rss(const char *viewer_path, const char *bundle, const char *script_path)
{
    char *argv[] = {(char *)viewer_path, (char *)bundle, "--size", "800x480", "--script", (char *)script_path, NULL};
    child c;
    char **env = environment_with(NULL, NULL);
    struct rusage usage;
    char err[8192];
    bool started = spawn(&c, argv, env);
    int status = started ? finish(&c, err, sizeof err, &usage) : -1;
    free(env);
    if (status != 0) {
        fprintf(stderr, "bench: visiting every screen failed: %s\n", started ? err : "cannot start");
        record("peak RSS visiting every screen, 800x480, 100k bundle", NAN, "MB", 24, "run failed");
        return;
    }
    record("peak RSS visiting every screen, 800x480, 100k bundle", (double)usage.ru_maxrss / 1024.0, "MB", 24,
           "ru_maxrss of the viewer running a script through every kind of screen");
}

static long long schedstat_ns(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
    FILE *f = fopen(path, "r");
    long long ns = -1;
    if (f) {
        if (fscanf(f, "%lld", &ns) != 1)
            ns = -1;
        fclose(f);
    }
    return ns;
}

/* Voluntary context switches of all of pid's threads: each sleep that ends
 * (a wake-up) is one. */
static long long wakeups(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    long long total = 0;
    DIR *tasks = opendir(path);
    if (!tasks)
        return -1;
    struct dirent *entry;
    while ((entry = readdir(tasks))) {
        if (entry->d_name[0] == '.')
            continue;
        char status_path[384], line[256];
        snprintf(status_path, sizeof status_path, "%s/%s/status", path, entry->d_name);
        FILE *f = fopen(status_path, "r");
        long long n;
        while (f && fgets(line, sizeof line, f))
            if (sscanf(line, "voluntary_ctxt_switches: %lld", &n) == 1)
                total += n;
        if (f)
            fclose(f);
    }
    closedir(tasks);
    return total;
}

/* Idle on home for 60 s: CPU time and wake-ups, on driver (NULL: the
 * display run.sh set up). */
static void measure_idle(const char *viewer_path, const char *bundle, const char *driver)
{
    enum { SECONDS = 60 };
    char *argv[] = {(char *)viewer_path, (char *)bundle, "--size", "800x480", "--software", NULL};
    char driver_env[64], cpu_name[128], wake_name[128];
    snprintf(driver_env, sizeof driver_env, "SDL_VIDEODRIVER=%s", driver ? driver : "");
    snprintf(cpu_name, sizeof cpu_name, "CPU time used while idle for %d s, %s", SECONDS, display_label(driver));
    snprintf(wake_name, sizeof wake_name, "wake-ups per second while idle, %s", display_label(driver));
    child c;
    char **env = environment_with(driver ? driver_env : NULL, NULL);
    bool started = spawn(&c, argv, env);
    free(env);
    if (!started) {
        record(cpu_name, NAN, "ms", 15, "could not start the viewer");
        record(wake_name, NAN, "/s", 1, "could not start the viewer");
        return;
    }
    sleep(2);
    long long before = schedstat_ns(c.pid), woke_before = wakeups(c.pid);
    sleep(SECONDS);
    long long after = schedstat_ns(c.pid), woke_after = wakeups(c.pid);
    kill(c.pid, SIGTERM);
    char err[4096];
    struct rusage usage;
    finish(&c, err, sizeof err, &usage);
    double used = before >= 0 && after >= 0 ? (double)(after - before) / 1e6 : NAN;
    record(cpu_name, used, "ms", 15, "/proc/PID/schedstat, window open on the sample bundle's home");
    double rate = woke_before >= 0 && woke_after >= 0 ? (double)(woke_after - woke_before) / SECONDS : NAN;
    record(wake_name, rate, "/s", 1, "voluntary context switches of all the viewer's threads (/proc/PID/task/*/status)");
}

/* ---- input to frame ---- */

/* Stands in for a touch screen: every 25 ms (a little more each time, so
 * as not to beat with anything) it notes the time and makes an input
 * event, as the kernel gives one to each reader of a device: an SDL event
 * (SDL's own copy, as its evdev code would read it) and a record written
 * to a FIFO in the wakeup's input folder (the viewer's copy). */
typedef struct input_maker {
    Uint32 event_type;
    int fifo; /* -1: SDL's own wait; the SDL event alone wakes it */
    int count;
} input_maker;

static int make_inputs(void *data)
{
    input_maker *m = data;
    for (int i = 0; i < m->count; i++) {
        SDL_Delay(25 + (Uint32)(i % 7));
        SDL_Event event = {.type = m->event_type};
        event.user.code = i;
        double *stamp = malloc(sizeof *stamp);
        *stamp = now_ms();
        event.user.data1 = stamp;
        SDL_PushEvent(&event);
        if (m->fifo >= 0) {
            char record[24] = {0};
            ssize_t written = write(m->fifo, record, sizeof record);
            (void)written;
        }
    }
    return 0;
}

/* The time from an input event to the frame that answers it presented, as
 * the viewer's loop does it (app.c next_event): on the display run.sh set
 * up and under offscreen with the viewer's own wait. Each input scrolls a
 * 100k list a little, so each needs a new frame. */
static void measure_input_latency(const char *bundle, const char *fonts, const char *driver)
{
    enum { INPUTS = 400 };
    char name[128];
    snprintf(name, sizeof name, "input to frame presented p99, a 100k list, 800x480, %s", display_label(driver));
    if (driver) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        SDL_SetHint(SDL_HINT_VIDEODRIVER, driver);
    }
    viewer v;
    if (!viewer_open(&v, bundle, fonts, 800, 480, "statements") || !v.window) {
        record(name, NAN, "ms", 16.7, "could not open a window");
        viewer_close(&v);
        return;
    }
    /* The viewer's own wait (app/event_wait.c), on a folder with one FIFO
     * standing for the input device; where the driver waits by itself it
     * is SDL's wait and the FIFO goes unused. */
    char dir[] = "/tmp/rostrum-bench-input-XXXXXX", fifo_path[64];
    input_maker maker = {SDL_RegisterEvents(1), -1, INPUTS};
    bool have_dir = mkdtemp(dir) != NULL;
    snprintf(fifo_path, sizeof fifo_path, "%s/event0", dir);
    if (have_dir)
        mkfifo(fifo_path, 0600);
    rs_event_wait *events = rs_event_wait_create(dir);
    bool own_wait = rs_event_wait_wakeup(events) != NULL;
    if (own_wait)
        maker.fifo = open(fifo_path, O_WRONLY | O_NONBLOCK);
    viewer_frame(&v);
    SDL_Thread *thread = SDL_CreateThread(make_inputs, "inputs", &maker);
    static double latency[INPUTS];
    size_t n = 0;
    while (thread && n < INPUTS) {
        SDL_Event event;
        if (!rs_event_wait_next(events, &event, 1000) || event.type != maker.event_type)
            continue;
        double *stamp = event.user.data1;
        v.clock += 16;
        rs_session_scroll_by(v.session, event.user.code % 2 ? -40.0f : 40.0f, v.clock);
        viewer_frame(&v);
        latency[n++] = now_ms() - *stamp;
        free(stamp);
    }
    SDL_WaitThread(thread, NULL);
    char note[256];
    snprintf(note, sizeof note, "median %.3f ms over %zu inputs; %s; %s", n ? quantile(latency, n, 0.5) : NAN, n,
             own_wait ? "the viewer's own wait, woken by a FIFO standing for the input device" : "SDL's wait",
             priority_label);
    record(name, n ? quantile(latency, n, 0.99) : NAN, "ms", 16.7, note);
    viewer_close(&v);
    rs_event_wait_destroy(events);
    if (maker.fifo >= 0)
        close(maker.fifo);
    if (have_dir) {
        unlink(fifo_path);
        rmdir(dir);
    }
    if (driver) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "");
    }
}

static void read_build_stats(const char *path)
{
    FILE *f = fopen(path, "r");
    double wall = NAN, rss_kb = NAN;
    if (f) {
        char key[64];
        double value;
        while (fscanf(f, "%63s %lf", key, &value) == 2) {
            if (strcmp(key, "wall_seconds") == 0)
                wall = value;
            else if (strcmp(key, "peak_rss_kb") == 0)
                rss_kb = value;
        }
        fclose(f);
    }
    record("build 100k statements: wall time", wall, "s", 60, "rostrum-bundle build, measured by /usr/bin/time");
    record("build 100k statements: peak RSS", rss_kb / 1024.0, "MB", 256, "rostrum-bundle build, measured by /usr/bin/time");
}

/* A key-only walk through every kind of screen, valid for any bundle (the
 * focus walks home's Search, its three tiles, then Timeline and Map). */
static void write_visit_script(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs("# home -> search (its chips) -> a chip's screen -> ... -> a statement\n"
          "key Down\nkey Return\nkey Return\n"
          "key PageDown\nwait 300\nkey PageDown\nwait 300\nkey Down\nkey Down\nkey Return\n"
          "key PageDown\nwait 300\nkey PageDown\nwait 300\nkey Escape\nkey Escape\n"
          "key Down\nkey Down\nkey Return\nkey Return\nkey Return\nkey Escape\nkey Home\n"
          "# countries -> a country -> a statement\n"
          "key Down\nkey Down\nkey Return\nkey Return\nkey Return\nkey PageDown\nwait 300\nkey Home\n"
          "# incidents -> an incident -> a statement\n"
          "key Down\nkey Down\nkey Down\nkey Return\nkey Return\nkey Return\nkey PageDown\nwait 300\nkey Home\n"
          "# the timeline, zoomed in twice and panned; the world map, zoomed in and panned\n"
          "key Down\nkey Down\nkey Down\nkey Down\nkey Down\nkey Return\nkey =\nkey =\nkey Right\nwait 300\nkey Home\n"
          "key Down\nkey Down\nkey Down\nkey Down\nkey Down\nkey Down\nkey Return\nkey =\nkey Right\nwait 300\n"
          "key Home\n"
          "# a search typed (full-text results with snippets), a result opened\n"
          "key Down\nkey Return\ntext hack\nwait 800\nkey Down\nkey Down\nkey Return\nkey PageDown\nwait 300\n"
          "key Home\n"
          "quit\n",
          f);
    fclose(f);
}

/* The map's and the timeline's figures (issue 14's budgets). */
static void measure_views(const char *sample, const char *huge, const char *fonts)
{
    measure_view_open("the world map (model from the bundle)", sample, fonts, "map", 800, 480, false, 5);
    measure_view_frames("the world map", sample, fonts, "map", 800, 480, false, 4);
    measure_view_frames("the world map", sample, fonts, "map", 1920, 1080, false, 8);
    measure_view_frames("an incident's map", sample, fonts, "map/microsoft-exchange-server-hack-2021", 800, 480, false,
                        4);
    measure_view_pinch("the world map", sample, fonts, "map", 800, 480, 4);
    measure_view_pinch("the world map", sample, fonts, "map", 1920, 1080, 8);
    if (!huge)
        return; /* bench views without --huge: the map's rows only */
    measure_view_open("the timeline @1M", huge, fonts, "timeline", 800, 480, true, 10);
    measure_view_frames("the timeline @1M", huge, fonts, "timeline", 800, 480, true, 4);
}

/* Laying out a long body as the reader does (UAX #14 line breaking and
 * measuring, with the text cache cold: rs_text_release before each run):
 * an Arabic body (shaped by runs, reordered by FriBidi) against an English
 * one of the same length in bytes; CPU time, median of 7: the line breaker
 * and one more measure of each line, the same work for both. Then the
 * first frame of a reader when a bundle and route are given. (issue 15) */
static void measure_text_layout(const char *fonts, const char *bundle, const char *route, const char *label)
{
    static const struct {
        const char *label, *sentence, *language;
    } bodies[] = {
        {"English", "The ministry said on 10 March 2021 that a group of hackers attacked mail servers. ", "en"},
        {"Arabic", "قالت الوزارة في 10 مارس 2021 إن مجموعة من المخترقين هاجمت خوادم البريد الإلكتروني. ", "ar"},
    };
    rs_theme theme = rs_theme_for(800, 480);
    char error[512];
    rs_text *text = rs_text_create(fonts, &theme, error, sizeof error);
    if (!text) {
        fprintf(stderr, "bench: %s\n", error);
        return;
    }
    rs_text_measure measure = rs_text_measurer(text);
    /* The reader's column at 800x480 (layout_private.h reading_width). */
    int width = 800 - 2 * theme.margin;
    if (width > theme.font_px[RS_STYLE_BODY] * 34)
        width = theme.font_px[RS_STYLE_BODY] * 34;
    enum { BYTES = 20000, RUNS = 7 };
    for (size_t b = 0; b < sizeof bodies / sizeof *bodies; b++) {
        char *body = malloc(BYTES + 256);
        size_t length = 0, sentence = strlen(bodies[b].sentence);
        while (body && length + sentence < BYTES) {
            memcpy(body + length, bodies[b].sentence, sentence);
            length += sentence;
        }
        double t[RUNS];
        size_t lines = 0;
        for (int i = 0; i < RUNS && body; i++) {
            rs_text_release(text);
            rs_line_list list = {0};
            double start = thread_cpu_ms();
            rs_break_lines(body, length, bodies[b].language, width, &measure, RS_STYLE_BODY,
                           &list);
            /* The reader measures each line's runs once more to place them. */
            for (size_t k = 0; k < list.count; k++)
                rs_text_width(text, RS_STYLE_BODY, body + list.lines[k].start, list.lines[k].length);
            t[i] = thread_cpu_ms() - start;
            lines = list.count;
            rs_line_list_free(&list);
        }
        char name[128], note[160];
        snprintf(name, sizeof name, "lay out a %zu-byte %s body, 800x480", length, bodies[b].label);
        snprintf(note, sizeof note, "CPU ms, median of %d, text cache cold, %zu lines", RUNS, lines);
        record(name, body ? quantile(t, RUNS, 0.5) : NAN, "ms", NAN, note);
        free(body);
    }
    rs_text_destroy(text);
    if (bundle && route)
        measure_open(label ? label : route, bundle, fonts, route, 100);
}

static const char *option(int argc, char **argv, const char *name)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

/* One part of the benchmark on its own, for profiling and repeating:
 *   bench frames --large L --fonts F --size WxH [--route R] [--repeat N]
 *     (no --route: the reader on the longest statement; "statements": the list)
 *   bench queries --huge H [--no-search]
 *   bench start --viewer V --bundle B     (under run.sh's display and offscreen)
 *   bench idle --viewer V --bundle B      (60 s under each)
 *   bench latency --large L --fonts F     (input to frame, under each)
 *   bench worst --viewer V --fonts F --work DIR   (every field at its limit)
 *   bench text --fonts F [--bundle B --route R [--label L]]   (laying out Arabic and English; a reader's
 *     first frame)
 *   bench speech --sample S   (Listen: tap to first audio, CPU while speaking; SDL dummy audio)
 *   bench build --builder B --work DIR   (a 1 MB statement's build)
 *   bench views --sample S [--huge H] --fonts F [--builder B --corpus DIR --work DIR]
 *     (the map and the timeline: opening, panning and zooming; the map's cost to a bundle;
 *     ROSTRUM_BENCH_ONLY=TEXT: only the rows whose name holds TEXT) */
static int run_part(int argc, char **argv)
{
    const char *part = argv[1];
    if (strcmp(part, "frames") == 0) {
        const char *large = option(argc, argv, "--large"), *fonts = option(argc, argv, "--fonts");
        const char *size = option(argc, argv, "--size"), *route = option(argc, argv, "--route");
        const char *repeat = option(argc, argv, "--repeat");
        int width = 800, height = 480;
        if (!large || !fonts || (size && sscanf(size, "%dx%d", &width, &height) != 2))
            return 2;
        char reader_route[256];
        if (!route) {
            longest_statement_route(large, reader_route, sizeof reader_route);
            route = reader_route;
        }
        int times = repeat ? atoi(repeat) : 1;
        realtime_priority();
        for (int i = 0; i < times; i++)
            measure_frames(route, large, fonts, route, width, height, width > 1000 ? 6 : 2);
    } else if (strcmp(part, "queries") == 0) {
        const char *huge = option(argc, argv, "--huge");
        if (!huge)
            return 2;
        skip_search = argc > 4 && strcmp(argv[argc - 1], "--no-search") == 0;
        realtime_priority();
        measure_queries(huge, "1M");
    } else if (strcmp(part, "start") == 0) {
        const char *viewer_path = option(argc, argv, "--viewer"), *bundle = option(argc, argv, "--bundle");
        if (!viewer_path || !bundle)
            return 2;
        realtime_priority();
        measure_start(viewer_path, bundle, bundle, NULL, NULL, 25);
        measure_start(viewer_path, bundle, bundle, NULL, "XCOMPOSEFILE=/dev/null", 25);
        measure_start(viewer_path, bundle, bundle, "offscreen", NULL, 25);
    } else if (strcmp(part, "idle") == 0) {
        const char *viewer_path = option(argc, argv, "--viewer"), *bundle = option(argc, argv, "--bundle");
        if (!viewer_path || !bundle)
            return 2;
        measure_idle(viewer_path, bundle, NULL);
        measure_idle(viewer_path, bundle, "offscreen");
    } else if (strcmp(part, "worst") == 0) {
        const char *viewer_path = option(argc, argv, "--viewer"), *fonts = option(argc, argv, "--fonts");
        const char *work = option(argc, argv, "--work");
        if (!viewer_path || !fonts || !work)
            return 2;
        realtime_priority();
        measure_worst(viewer_path, fonts, work);
    } else if (strcmp(part, "latency") == 0) {
        const char *large = option(argc, argv, "--large"), *fonts = option(argc, argv, "--fonts");
        if (!large || !fonts)
            return 2;
        realtime_priority();
        measure_input_latency(large, fonts, NULL);
        measure_input_latency(large, fonts, "offscreen");
    } else if (strcmp(part, "text") == 0) {
        const char *fonts = option(argc, argv, "--fonts");
        if (!fonts)
            return 2;
        realtime_priority();
        measure_text_layout(fonts, option(argc, argv, "--bundle"), option(argc, argv, "--route"),
                            option(argc, argv, "--label"));
    } else if (strcmp(part, "views") == 0) {
        const char *sample = option(argc, argv, "--sample"), *huge = option(argc, argv, "--huge");
        const char *fonts = option(argc, argv, "--fonts"), *builder = option(argc, argv, "--builder");
        const char *corpus = option(argc, argv, "--corpus"), *work = option(argc, argv, "--work");
        if (!sample || !fonts)
            return 2;
        realtime_priority();
        measure_views(sample, huge, fonts);
        normal_priority();
        if (builder && corpus && work)
            measure_world_geometry(builder, corpus, work);
    } else if (strcmp(part, "build") == 0) {
        const char *builder = option(argc, argv, "--builder"), *work = option(argc, argv, "--work");
        if (!builder || !work)
            return 2;
        measure_long_build(builder, work);
    } else if (strcmp(part, "speech") == 0) {
        const char *sample = option(argc, argv, "--sample");
        if (!sample)
            return 2;
        realtime_priority();
        measure_speech(sample);
    } else {
        return 2;
    }
    printf("\n");
    print_table(stdout);
    for (size_t i = 0; i < figure_count; i++)
        printf("  %s: %s\n", figures[i].name, figures[i].note);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "all") != 0)
        return run_part(argc, argv);
    const char *sample = option(argc, argv, "--sample"), *large = option(argc, argv, "--large");
    const char *huge = option(argc, argv, "--huge"), *viewer_path = option(argc, argv, "--viewer");
    const char *build_stats = option(argc, argv, "--build-stats"), *json = option(argc, argv, "--json");
    const char *fonts = option(argc, argv, "--fonts"), *work = option(argc, argv, "--work");
    if (argc < 2 || strcmp(argv[1], "all") != 0 || !sample || !large || !huge || !viewer_path || !fonts || !work) {
        fprintf(stderr, "usage: bench all --sample S.sqlite --large 100k.sqlite --huge 1m.sqlite --viewer rostrum "
                        "--fonts DIR --work DIR [--builder B --corpus DIR] [--build-stats F] [--json OUT]\n");
        return 2;
    }
    if (build_stats)
        read_build_stats(build_stats);
    /* The viewers started for this inherit the priority (and Xvfb has it). */
    realtime_priority();
    if (getenv("DISPLAY")) {
        measure_start(viewer_path, sample, "sample bundle", NULL, NULL, 25);
        measure_start(viewer_path, sample, "sample bundle", NULL, "XCOMPOSEFILE=/dev/null", 25);
    }
    measure_start(viewer_path, sample, "sample bundle", "offscreen", NULL, 25);
    measure_start(viewer_path, huge, "1M-statement bundle", "offscreen", NULL, 30);
    normal_priority();

    char script[4096];
    snprintf(script, sizeof script, "%s/visit-every-screen.txt", work);
    write_visit_script(script);
    measure_visit_rss(viewer_path, large, script);

    if (getenv("DISPLAY"))
        measure_idle(viewer_path, sample, NULL);
    measure_idle(viewer_path, sample, "offscreen");

    char reader_route[256];
    longest_statement_route(large, reader_route, sizeof reader_route);
    realtime_priority();
    measure_frames("the reader", large, fonts, reader_route, 800, 480, 2);
    measure_frames("the reader", large, fonts, reader_route, 1920, 1080, 6);
    measure_frames("a 100k-row list", large, fonts, "statements", 800, 480, 2);
    measure_frames("a 100k-row list", large, fonts, "statements", 1920, 1080, 6);
    measure_worst(viewer_path, fonts, work);
    measure_views(sample, huge, fonts);
    measure_speech(sample);

    measure_queries(huge, "1M");
    if (getenv("DISPLAY"))
        measure_input_latency(large, fonts, NULL);
    measure_input_latency(large, fonts, "offscreen");
    normal_priority();
    const char *builder = option(argc, argv, "--builder"), *corpus = option(argc, argv, "--corpus");
    if (builder && corpus)
        measure_world_geometry(builder, corpus, work);
    if (builder)
        measure_long_build(builder, work);

    printf("\n");
    print_table(stdout);
    if (json)
        write_json(json);
    size_t missed = 0;
    for (size_t i = 0; i < figure_count; i++)
        missed += strcmp(verdict(&figures[i]), "MISS") == 0;
    printf("\n%zu figures, %zu within budget, %zu missed\n", figure_count, figure_count - missed, missed);
    return 0;
}
