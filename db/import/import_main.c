/*
 * The import command: arguments, the --urls list, and for each input
 * page -> body -> header -> draft, with its report line. Inputs are
 * independent: a refused input is reported and the others still imported.
 */
#include "import_main.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "draft.h"
#include "existing.h"
#include "expect.h"
#include "header.h"
#include "incidents.h"
#include "language.h"
#include "page.h"
#include "places.h"
#include "report.h"
#include "strbuf.h"

static const char usage[] =
    "Usage: rostrum-bundle import FILE... -o DIR [--url URL] [--urls LIST.tsv] [--incidents incidents.yaml]\n"
    "                             [--existing SOURCE_DIR] [--report FILE.tsv]\n"
    "  Writes one draft statement file per FILE (.txt, .html, .htm, .json, .md; a JSON array: one per\n"
    "  record) into DIR, never replacing a file, and prints what it found and what to check.\n"
    "  --url URL             the page's address (one FILE only)\n"
    "  --urls LIST.tsv       lines of FILE<TAB>URL\n"
    "  --incidents FILE      propose incidents: from the collection's incidents.yaml\n"
    "  --existing DIR        the collection's statements: ids kept unique, same_as proposed\n"
    "  --report FILE.tsv     one row per input, every field with its evidence\n";

typedef struct {
    struct url_entry { char *name, *url; } *entries;
    size_t count, capacity;
    char *list_path;
} url_list;

static bool read_url_list(url_list *list, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "rostrum-bundle import: cannot open the URL list %s\n", path);
        return false;
    }
    char line[4096];
    int number = 0;
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        number++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "%s:%d: expected FILE<TAB>URL\n", path, number);
            ok = false;
            continue;
        }
        *tab = '\0';
        rs_grow(&list->entries, &list->capacity, list->count + 1, sizeof *list->entries);
        list->entries[list->count].name = rs_xstrdup(line);
        list->entries[list->count].url = rs_xstrdup(tab + 1);
        list->count++;
    }
    fclose(f);
    list->list_path = rs_xstrdup(path);
    return ok;
}

static void clear_url_list(url_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->entries[i].name);
        free(list->entries[i].url);
    }
    free(list->entries);
    free(list->list_path);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *url_for(const url_list *list, const char *path)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->entries[i].name, path) == 0 || strcmp(list->entries[i].name, base_name(path)) == 0)
            return list->entries[i].url;
    return NULL;
}

/* A letter or a digit of any script: a body of punctuation is no text. */
static bool has_words(const char *text)
{
    for (const char *p = text; *p; p++)
        if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
            return true;
    return false;
}

/* What every input shares: the guessers, the folders, the report. */
typedef struct {
    rs_header_tools tools;
    rs_draft_folder *folder;
    const rs_existing *existing;
    FILE *report;
} import_run;

/* Why a body cannot be a statement, or NULL. */
static const char *unusable(const char *text, char *why, size_t why_size)
{
    if (!has_words(text))
        return "no statement text left once the page furniture was dropped (nothing written)";
    for (const char *p = text; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n') { /* from an escape: "\u0001", "&#1;" */
            snprintf(why, why_size, "control character 0x%02X in the page's text (is this a text file?)", (unsigned char)*p);
            return why;
        }
    return NULL;
}

static void refuse(import_run *run, const char *name, const char *line)
{
    fprintf(stderr, "%s\n", line);
    if (run->report)
        rs_report_tsv_row(run->report, name, NULL, NULL, NULL, line);
}

/* One page (of path; record > 0 for a JSON array's record) to one draft. */
static bool import_page(import_run *run, const char *path, size_t record, const rs_page *page, const char *url,
                        const char *url_from)
{
    char name[1100], source[1100], error[1400], why[128];
    snprintf(name, sizeof name, record ? "%s#%zu" : "%s", path, record);
    snprintf(source, sizeof source, record ? "%s record %zu" : "%s", base_name(path), record);
    rs_body body = {0};
    rs_body_make(&body, page);
    char *text = rs_body_text(&body);
    const char *problem = unusable(text, why, sizeof why);
    bool ok = problem == NULL;
    if (!ok) {
        snprintf(error, sizeof error, "%s: %s", name, problem);
        refuse(run, name, error);
    }
    rs_header header = {0};
    if (ok) {
        rs_header_guess(&header, page, &body, &run->tools, url, url_from);
        char *evidence = NULL;
        const char *same = run->existing ? rs_existing_same_as(run->existing, text, header.fields[RS_ITEM_LANGUAGE].value,
                                                               &evidence) : NULL;
        if (same) {
            header.same_as = rs_xstrdup(same);
            header.same_as_evidence = evidence;
        }
    }
    free(text);
    char *id = NULL;
    char *written = ok ? rs_draft_write(run->folder, source, &header, &body, &id, error, sizeof error) : NULL;
    if (ok && !written) {
        refuse(run, name, error);
        ok = false;
    }
    if (written) {
        char *line = rs_report_line(name, written, &header, &body);
        printf("%s\n", line);
        free(line);
        if (run->report)
            rs_report_tsv_row(run->report, name, written, &header, &body, NULL);
    }
    free(written);
    free(id);
    rs_header_clear(&header);
    rs_body_clear(&body);
    return ok;
}

static bool import_one(import_run *run, const char *path, const char *url, const char *url_from)
{
    char error[1024];
    char **errors = NULL;
    size_t count = 0;
    rs_page **pages = rs_page_read_all(path, &count, &errors, error, sizeof error);
    if (!pages) {
        refuse(run, path, error);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < count; i++) {
        if (pages[i])
            ok = import_page(run, path, count > 1 ? i + 1 : 0, pages[i], url, url_from) && ok;
        else {
            char name[1100];
            snprintf(name, sizeof name, "%s#%zu", path, i + 1);
            refuse(run, name, errors[i]);
            ok = false;
        }
        rs_page_destroy(pages[i]);
        free(errors[i]);
    }
    free(pages);
    free(errors);
    return ok;
}

typedef struct {
    const char *dir, *url, *incidents, *existing, *report;
    url_list urls;
    const char **files;
    size_t file_count;
} options;

/* Reads the arguments; 0, or 2 for wrong usage (said on stderr). */
static int read_options(options *o, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && next)
            o->dir = argv[++i];
        else if (strcmp(a, "--url") == 0 && next)
            o->url = argv[++i];
        else if (strcmp(a, "--urls") == 0 && next) {
            if (!read_url_list(&o->urls, argv[++i]))
                return 2;
        } else if (strcmp(a, "--incidents") == 0 && next)
            o->incidents = argv[++i];
        else if (strcmp(a, "--existing") == 0 && next)
            o->existing = argv[++i];
        else if (strcmp(a, "--report") == 0 && next)
            o->report = argv[++i];
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "rostrum-bundle import: unexpected argument '%s'\n%s", a, usage);
            return 2;
        } else
            o->files[o->file_count++] = a;
    }
    if (!o->dir || o->file_count == 0) {
        fprintf(stderr, "rostrum-bundle import: needs at least one FILE and -o DIR\n%s", usage);
        return 2;
    }
    if (o->url && o->file_count != 1) {
        fprintf(stderr, "rostrum-bundle import: --url gives one page's address, but %zu files were given (use --urls)\n",
                o->file_count);
        return 2;
    }
    return 0;
}

/* Opens what the run needs (output folder, incidents, existing, report);
 * 0, or 2 with the reason said. Everything is checked before any draft is
 * written. */
static int open_run(import_run *run, const options *o, rs_incidents **incidents, rs_existing **existing)
{
    char error[1024];
    run->folder = rs_draft_folder_open(o->dir, error, sizeof error);
    if (!run->folder) {
        fprintf(stderr, "rostrum-bundle import: %s\n", error);
        return 2;
    }
    if (o->incidents && !(*incidents = rs_incidents_load(o->incidents, error, sizeof error))) {
        fprintf(stderr, "rostrum-bundle import: --incidents: %s\n", error);
        return 2;
    }
    if (o->existing && !(*existing = rs_existing_load(o->existing, error, sizeof error))) {
        fprintf(stderr, "rostrum-bundle import: --existing: %s\n", error);
        return 2;
    }
    for (size_t i = 0; *existing && i < rs_existing_count(*existing); i++) {
        rs_draft_folder_reserve(run->folder, rs_existing_id(*existing, i));
        rs_draft_folder_reserve(run->folder, rs_existing_name(*existing, i));
    }
    if (o->report && !(run->report = fopen(o->report, "w"))) {
        fprintf(stderr, "rostrum-bundle import: --report: cannot create %s\n", o->report);
        return 2;
    }
    if (run->report)
        rs_report_tsv_header(run->report);
    run->tools.incidents = *incidents;
    run->existing = *existing;
    return 0;
}

int rs_import_main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
    options o = {0};
    o.files = rs_xcalloc((size_t)argc + 1, sizeof *o.files);
    import_run run = {0};
    rs_incidents *incidents = NULL;
    rs_existing *existing = NULL;
    int status = read_options(&o, argc, argv);
    if (status == 0)
        status = open_run(&run, &o, &incidents, &existing);
    if (status == 0) {
        rs_places *places = rs_places_create(NULL, NULL);
        run.tools.language = rs_language_create(getenv("ROSTRUM_TEXTCAT_DIR"));
        run.tools.places = places;
        for (size_t i = 0; i < o.file_count; i++) {
            const char *page_url = o.url, *from = "--url";
            if (!page_url && (page_url = url_for(&o.urls, o.files[i])) != NULL)
                from = o.urls.list_path;
            if (!import_one(&run, o.files[i], page_url, from))
                status = 1;
        }
        rs_language_destroy(run.tools.language);
        rs_places_destroy(places);
    }
    if (run.report && fclose(run.report) != 0 && status == 0) {
        fprintf(stderr, "rostrum-bundle import: --report: cannot write %s\n", o.report);
        status = 1;
    }
    rs_incidents_destroy(incidents);
    rs_existing_destroy(existing);
    rs_draft_folder_close(run.folder);
    clear_url_list(&o.urls);
    free(o.files);
    return status;
}
