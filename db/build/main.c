/* rostrum-bundle: build, check and search Rostrum bundles from a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "builder.h"
#include "import_main.h"
#include "lint.h"
#include "template.h"
#include "world.h"
#include "bundle.h"
#include "bundle_format.h"

static const char usage[] =
    "Usage:\n"
    "  rostrum-bundle build SOURCE_DIR -o OUT.sqlite [--iso-codes FILE] [--world FILE | --no-map]\n"
    "      Check every file in SOURCE_DIR and, if all are good, write the bundle OUT.sqlite.\n"
    "      Every problem is listed as file:line: message and nothing is written.\n"
    "      The world map's country outlines come from " RS_WORLD_DEFAULT_PATH "\n"
    "      (package " RS_WORLD_PACKAGE "); --world names another DCW-GMT file, --no-map builds without a map.\n"
    "  rostrum-bundle lint SOURCE_DIR [--iso-codes FILE]\n"
    "      Check every file in SOURCE_DIR exactly as build does, and write nothing.\n"
    "  rostrum-bundle new SOURCE_DIR [ID]\n"
    "      Write SOURCE_DIR/ID.txt (ID new-statement when left out), a statement file with\n"
    "      every field explained; never replaces a file.\n"
    "  rostrum-bundle import FILE... -o DIR [--url URL] [--urls LIST.tsv]\n"
    "      Turn saved web pages into draft statement files in DIR (see rostrum-bundle import --help).\n"
    "  rostrum-bundle check BUNDLE\n"
    "      Open BUNDLE exactly as the viewer does, verify it, and print a summary:\n"
    "      its statements, events, years, parties (countries and organisations) and incidents.\n"
    "  rostrum-bundle search BUNDLE QUERY... [--limit N] [--typing] [--repeat N]\n"
    "      Print the statements matching QUERY, best first, as the viewer finds them.\n"
    "      --typing searches the last word as one still being typed (a prefix);\n"
    "      --repeat N runs the search N times and prints its median and p99 time on stderr.\n"
    "  rostrum-bundle --help | --version\n";

static int command_build(int argc, char **argv)
{
    const char *source = NULL, *output = NULL, *iso = NULL, *world = NULL;
    bool no_map = false;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
            output = argv[++i];
        else if (strcmp(argv[i], "--iso-codes") == 0 && i + 1 < argc)
            iso = argv[++i];
        else if (strcmp(argv[i], "--world") == 0 && i + 1 < argc)
            world = argv[++i];
        else if (strcmp(argv[i], "--no-map") == 0)
            no_map = true;
        else if (argv[i][0] == '-' || source) {
            fprintf(stderr, "rostrum-bundle build: unexpected argument '%s'\n%s", argv[i], usage);
            return 2;
        } else
            source = argv[i];
    }
    if (!source || !output) {
        fprintf(stderr, "rostrum-bundle build: needs a source folder and -o OUT.sqlite\n%s", usage);
        return 2;
    }
    if (world && no_map) {
        fprintf(stderr, "rostrum-bundle build: --world and --no-map contradict each other; give one\n");
        return 2;
    }
    if (!output[0]) { /* said "1 problem;  was not written." */
        fprintf(stderr, "rostrum-bundle build: -o is empty; give the bundle file to write (e.g. -o statements.sqlite)\n");
        return 2;
    }
    char error[256];
    rs_build_options options = {.source_dir = source, .output_path = output, .iso_3166_path = iso,
                                .world_path = world, .no_map = no_map, .progress = isatty(STDERR_FILENO)};
    if (!rs_build_time_from_environment(&options.build_time, error, sizeof error)) {
        fprintf(stderr, "rostrum-bundle build: %s\n", error);
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    rs_diags *diags = rs_diags_create();
    rs_build_stats stats = {0};
    bool ok = rs_build(&options, diags, &stats);
    clock_gettime(CLOCK_MONOTONIC, &end);
    rs_diags_print(diags, stderr);
    if (!ok) {
        size_t n = rs_diags_count(diags);
        fprintf(stderr, "rostrum-bundle build: %zu problem%s; %s was not written.\n", n, n == 1 ? "" : "s", output);
    } else if (isatty(STDERR_FILENO)) {
        double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
        fprintf(stderr, "Built %s: %llu statements, %llu incidents, %.1f MB of sources in %.2f s.\n", output,
                (unsigned long long)stats.statements, (unsigned long long)stats.incidents,
                (double)stats.source_bytes / 1e6, seconds);
    }
    rs_diags_destroy(diags);
    return ok ? 0 : 1;
}

/* Prints every problem, then "N problems" or "no problems; N statements,
 * M incidents, K events", all on stdout: they are what lint was asked for. */
static int command_lint(int argc, char **argv)
{
    const char *source = NULL, *iso = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--iso-codes") == 0 && i + 1 < argc)
            iso = argv[++i];
        else if (argv[i][0] == '-' || source) {
            fprintf(stderr, "rostrum-bundle lint: unexpected argument '%s'\n%s", argv[i], usage);
            return 2;
        } else
            source = argv[i];
    }
    if (!source) {
        fprintf(stderr, "rostrum-bundle lint: needs a source folder\n%s", usage);
        return 2;
    }
    rs_diags *diags = rs_diags_create();
    rs_lint_stats stats;
    bool ok = rs_lint(source, iso, isatty(STDERR_FILENO), diags, &stats);
    rs_diags_print(diags, stdout);
    size_t n = rs_diags_count(diags);
    if (ok)
        printf("no problems; %llu statement%s, %llu incident%s, %llu event%s\n", (unsigned long long)stats.statements,
               stats.statements == 1 ? "" : "s", (unsigned long long)stats.incidents, stats.incidents == 1 ? "" : "s",
               (unsigned long long)stats.events, stats.events == 1 ? "" : "s");
    else
        printf("%zu problem%s\n", n, n == 1 ? "" : "s");
    rs_diags_destroy(diags);
    return ok ? 0 : 1;
}

static int command_new(int argc, char **argv)
{
    if (argc < 1 || argc > 2 || argv[0][0] == '-' || (argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "rostrum-bundle new: needs a source folder and, if you like, the new statement's id\n%s",
                usage);
        return 2;
    }
    char error[1200];
    char *path = rs_template_write(argv[0], argc == 2 ? argv[1] : NULL, error, sizeof error);
    if (!path) {
        fprintf(stderr, "rostrum-bundle new: %s\n", error);
        return 1;
    }
    printf("Wrote %s: write its title and text, then check it with: rostrum-bundle lint %s\n", path, argv[0]);
    free(path);
    return 0;
}

/* One line per facet: its date, key, label, a party's kind when it is no
 * country ("European Union, organisation"), and its counts: statements,
 * then events when there are any ("(1; 2 events)"). */
static void print_facets(const char *heading, const rs_facet_list *list, bool with_key)
{
    printf("%-12s %zu\n", heading, list->count);
    for (size_t i = 0; i < list->count; i++) {
        const rs_facet *f = &list->items[i];
        if (f->date)
            printf("  %-10s ", f->date);
        else
            printf("  ");
        if (with_key)
            printf("%s  ", f->key);
        printf("%s", f->label);
        if (f->kind > 0 && f->kind < RS_PARTY_KIND_COUNT)
            printf(", %s", rs_party_kinds[f->kind]);
        printf(" (%lld", (long long)f->count);
        if (f->event_count > 0)
            printf("; %lld event%s", (long long)f->event_count, f->event_count == 1 ? "" : "s");
        printf(")\n");
    }
}

static int command_check(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "rostrum-bundle check: needs one bundle path\n%s", usage);
        return 2;
    }
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(argv[0], error, sizeof error);
    if (!bundle || !rs_bundle_verify(bundle, error, sizeof error)) {
        fprintf(stderr, "%s\n", error);
        rs_bundle_close(bundle);
        return 1;
    }
    const char *undated = rs_bundle_meta(bundle, "undated_count");
    const char *first = rs_bundle_meta(bundle, "date_first"), *last = rs_bundle_meta(bundle, "date_last");
    printf("Bundle       %s\n", argv[0]);
    printf("Title        %s\n", rs_bundle_meta(bundle, "title"));
    printf("Format       version %s, built %s by %s\n", rs_bundle_meta(bundle, "format_version"),
           rs_bundle_meta(bundle, "built_at") ? rs_bundle_meta(bundle, "built_at") : "(unknown)",
           rs_bundle_meta(bundle, "builder") ? rs_bundle_meta(bundle, "builder") : "(unknown)");
    printf("Statements   %s", rs_bundle_meta(bundle, "statement_count"));
    if (first && last)
        printf(", dated %s to %s", first, last);
    printf(", %s undated\n", undated ? undated : "0");
    printf("Events       %s\n", rs_bundle_meta(bundle, "event_count") ? rs_bundle_meta(bundle, "event_count") : "0");
    printf("Languages    %s\n", rs_bundle_meta(bundle, "languages") ? rs_bundle_meta(bundle, "languages") : "");
    rs_facet_list years, countries, incidents;
    bool ok = rs_bundle_years(bundle, &years) && rs_bundle_countries(bundle, &countries) &&
              rs_bundle_incidents(bundle, &incidents);
    if (ok) {
        print_facets("Years", &years, false);
        print_facets("Parties", &countries, true);
        print_facets("Incidents", &incidents, true);
        printf("OK\n");
        rs_facet_list_clear(&years);
        rs_facet_list_clear(&countries);
        rs_facet_list_clear(&incidents);
    } else {
        fprintf(stderr, "Cannot read the bundle %s: its browse tables are damaged. Build it again with rostrum-bundle.\n",
                argv[0]);
    }
    rs_bundle_close(bundle);
    return ok ? 0 : 1;
}

/* Prints a snippet with its hit marks as bold on a terminal, [brackets] otherwise. */
static void print_snippet(const char *snippet, bool terminal)
{
    for (const char *p = snippet; *p; p++) {
        if (*p == RS_MARK_START[0])
            fputs(terminal ? "\033[1m" : "[", stdout);
        else if (*p == RS_MARK_END[0])
            fputs(terminal ? "\033[0m" : "]", stdout);
        else if (*p == '\n')
            fputc(' ', stdout);
        else
            fputc(*p, stdout);
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Times the first page of query over repeat runs, as a visitor's search is
 * timed: open bundle, each run a fresh ranking (none kept from the run
 * before), so every run pays the whole search. */
static bool time_search(const char *path, const char *query, unsigned flags, size_t limit, int repeat)
{
    double *ms = calloc((size_t)repeat, sizeof *ms);
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    bool ok = bundle && ms;
    for (int r = 0; ok && r < repeat; r++) {
        rs_search_results results;
        /* A different query in between (one that finds nothing), so that no
         * ranking is reused: each run ranks from scratch. */
        ok = rs_bundle_search_with(bundle, "rostrumtimingprobe", 0, 0, 1, &results, error, sizeof error);
        rs_search_results_clear(&results);
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        ok = ok && rs_bundle_search_with(bundle, query, flags, 0, limit, &results, error, sizeof error);
        clock_gettime(CLOCK_MONOTONIC, &end);
        rs_search_results_clear(&results);
        ms[r] = (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
    }
    if (ok) {
        qsort(ms, (size_t)repeat, sizeof *ms, compare_doubles);
        size_t p99 = (size_t)((double)repeat * 0.99);
        fprintf(stderr, "search \"%s\": %d runs, median %.3f ms, p99 %.3f ms, max %.3f ms\n", query, repeat,
                ms[repeat / 2], ms[p99 < (size_t)repeat ? p99 : (size_t)repeat - 1], ms[repeat - 1]);
    } else {
        fprintf(stderr, "%s\n", bundle ? error : error);
    }
    rs_bundle_close(bundle);
    free(ms);
    return ok;
}

static int command_search(int argc, char **argv)
{
    const char *path = NULL;
    size_t limit = 20;
    unsigned flags = 0;
    int repeat = 0;
    char query[4096] = "";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            limit = (size_t)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--typing") == 0) {
            flags |= RS_QUERY_TYPING;
        } else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
            repeat = atoi(argv[++i]);
            if (repeat < 1 || repeat > 1000000) {
                fprintf(stderr, "rostrum-bundle search: --repeat needs a number from 1 to 1000000\n");
                return 2;
            }
        } else if (!path) {
            path = argv[i];
        } else {
            if (query[0])
                strncat(query, " ", sizeof query - strlen(query) - 1);
            strncat(query, argv[i], sizeof query - strlen(query) - 1);
        }
    }
    if (!path || !query[0]) {
        fprintf(stderr, "rostrum-bundle search: needs a bundle and a query\n%s", usage);
        return 2;
    }
    char error[1024];
    rs_bundle *bundle = rs_bundle_open(path, error, sizeof error);
    if (!bundle) {
        fprintf(stderr, "%s\n", error);
        return 1;
    }
    rs_search_results results;
    if (!rs_bundle_search_with(bundle, query, flags, 0, limit, &results, error, sizeof error)) {
        fprintf(stderr, "%s\n", error);
        rs_bundle_close(bundle);
        return 1;
    }
    bool terminal = isatty(STDOUT_FILENO);
    if (results.status == RS_QUERY_TOO_SHORT)
        printf("Nothing searched for \"%s\": type at least two letters (or one Chinese, Japanese or Korean "
               "character).\n", query);
    else if (results.status == RS_QUERY_BLANK)
        printf("Nothing searched: the query is blank.\n");
    else if (results.more)
        printf("%zu of more than %lld matches for \"%s\" (the best of the newest %lld)\n", results.count,
               (long long)results.total, results.query_used, (long long)results.total);
    else
        printf("%zu match%s for \"%s\"%s\n", results.count, results.count == 1 ? "" : "es", results.query_used,
               (int64_t)results.count < results.total ? " (more follow; use --limit)" : "");
    for (size_t i = 0; i < results.count; i++) {
        const rs_search_hit *hit = &results.items[i];
        printf("%zu. %s  %s  %s\n   %s\n   ", i + 1, hit->slug, hit->date ? hit->date : "undated",
               hit->outlet ? hit->outlet : "outlet unknown", hit->title);
        print_snippet(hit->snippet ? hit->snippet : "", terminal);
        printf("\n");
    }
    rs_search_results_clear(&results);
    rs_bundle_close(bundle);
    if (repeat && !time_search(path, query, flags, limit, repeat))
        return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("rostrum-bundle %s (bundle format %d)\n", ROSTRUM_VERSION, RS_BUNDLE_FORMAT_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "build") == 0)
        return command_build(argc - 2, argv + 2);
    if (strcmp(argv[1], "lint") == 0)
        return command_lint(argc - 2, argv + 2);
    if (strcmp(argv[1], "new") == 0)
        return command_new(argc - 2, argv + 2);
    if (strcmp(argv[1], "check") == 0)
        return command_check(argc - 2, argv + 2);
    if (strcmp(argv[1], "search") == 0)
        return command_search(argc - 2, argv + 2);
    if (strcmp(argv[1], "import") == 0) /* db/import/: saved pages -> draft statement files */
        return rs_import_main(argc - 2, argv + 2);
    fprintf(stderr, "rostrum-bundle: unknown command '%s'\n%s", argv[1], usage);
    return 2;
}
