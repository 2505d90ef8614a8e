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
#include "expect.h"
#include "field_limits.h"
#include "header.h"
#include "language.h"
#include "page.h"
#include "places.h"
#include "strbuf.h"

static const char usage[] =
    "Usage: rostrum-bundle import FILE... -o DIR [--url URL] [--urls LIST.tsv]\n"
    "  Writes one draft statement file per FILE (.txt, .html, .htm, .json, .md) into DIR,\n"
    "  never replacing a file, and prints what it found and what to check.\n"
    "  --url URL       the page's address (one FILE only)\n"
    "  --urls LIST.tsv lines of FILE<TAB>URL\n";

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

static void say(rs_strbuf *out, const char *text) { rs_strbuf_append(out, text, strlen(text)); }

/* "; CHECK: kind, speaker_role, 3 country roles, line 12 kept: \"...\" (short line)" */
static void report_checks(rs_strbuf *out, const rs_header *h, const rs_body *body)
{
    bool any = false;
    for (int i = 0; i < RS_ITEM_COUNT; i++) {
        if (!h->fields[i].check)
            continue;
        say(out, any ? ", " : "; CHECK: ");
        say(out, rs_header_field_name((rs_header_item)i));
        any = true;
    }
    if (h->country_count) {
        char n[32];
        snprintf(n, sizeof n, "%zu", h->country_count);
        say(out, any ? ", " : "; CHECK: ");
        say(out, n);
        say(out, h->country_count == 1 ? " country's role" : " countries' roles");
        any = true;
    }
    /* What the builder would refuse: said now, with the builder's words. */
    char *text = rs_body_text(body), problem[160];
    if (!rs_limits_check(RS_FIELD_BODY, text, strlen(text), problem, sizeof problem)) {
        say(out, any ? ", " : "; CHECK: ");
        say(out, "the body ");
        say(out, problem);
        any = true;
    }
    free(text);
    for (size_t i = 0; i < body->unsure_count; i++) {
        char at[64];
        if (body->unsure[i].line > 0)
            snprintf(at, sizeof at, "line %d kept: \"", body->unsure[i].line);
        else
            snprintf(at, sizeof at, "kept: \"");
        say(out, any ? ", " : "; CHECK: ");
        say(out, at);
        rs_strbuf_append(out, body->unsure[i].text, strlen(body->unsure[i].text) > 60 ? 60 : strlen(body->unsure[i].text));
        say(out, "\" (");
        say(out, body->unsure[i].reason);
        say(out, ")");
        any = true;
    }
}

/* One line: "NAME -> PATH: language en; date 2021-07-20; outlet Xinhua; ..." */
static char *report_line(const char *name, const char *path, const rs_header *h, const rs_body *body)
{
    rs_strbuf out = {0};
    say(&out, name);
    say(&out, " -> ");
    say(&out, path);
    say(&out, ": language ");
    say(&out, h->fields[RS_ITEM_LANGUAGE].value);
    const char *date = h->fields[RS_ITEM_DATE].value;
    say(&out, "; date ");
    say(&out, date && *date ? date : "none");
    if (h->fields[RS_ITEM_DATE_NOTE].value)
        say(&out, " (not printed: see date_note)");
    say(&out, "; outlet ");
    say(&out, h->fields[RS_ITEM_OUTLET].value ? h->fields[RS_ITEM_OUTLET].value : "none");
    say(&out, "; speaker ");
    say(&out, h->fields[RS_ITEM_SPEAKER].value ? h->fields[RS_ITEM_SPEAKER].value : "none");
    say(&out, "; countries");
    for (size_t i = 0; i < h->country_count; i++) {
        say(&out, " ");
        say(&out, h->countries[i].code);
    }
    if (!h->country_count)
        say(&out, " none");
    char n[64];
    snprintf(n, sizeof n, "; %zu paragraph%s, %zu line%s dropped", body->paragraph_count,
             body->paragraph_count == 1 ? "" : "s", body->dropped_count, body->dropped_count == 1 ? "" : "s");
    say(&out, n);
    report_checks(&out, h, body);
    return out.data;
}

/* A letter or a digit of any script: a body of punctuation is no text. */
static bool has_words(const char *text)
{
    for (const char *p = text; *p; p++)
        if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
            return true;
    return false;
}

static bool import_one(const char *path, const char *url, const char *url_from, rs_draft_folder *folder,
                       const rs_header_tools *tools)
{
    char error[1024];
    rs_page *page = rs_page_read(path, error, sizeof error);
    if (!page) {
        fprintf(stderr, "%s\n", error);
        return false;
    }
    rs_body body = {0};
    rs_body_make(&body, page);
    char *text = rs_body_text(&body);
    bool ok = has_words(text);
    if (!ok)
        fprintf(stderr, "%s: no statement text left once the page furniture was dropped (nothing written)\n", path);
    unsigned char control = 0;
    for (const char *p = text; ok && *p && !control; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
            control = (unsigned char)*p;
    if (control) { /* from an escape: a JSON "\u0001", an HTML "&#1;" */
        fprintf(stderr, "%s: control character 0x%02X in the page's text (is this a text file?)\n", path, control);
        ok = false;
    }
    free(text);
    rs_header header = {0};
    if (ok)
        rs_header_guess(&header, page, &body, tools, url, url_from);
    char *id = NULL;
    char *written = ok ? rs_draft_write(folder, base_name(path), &header, &body, &id, error, sizeof error) : NULL;
    if (ok && !written) {
        fprintf(stderr, "%s\n", error);
        ok = false;
    }
    if (written) {
        char *line = report_line(path, written, &header, &body);
        printf("%s\n", line);
        free(line);
    }
    free(written);
    free(id);
    rs_header_clear(&header);
    rs_body_clear(&body);
    rs_page_destroy(page);
    return ok;
}

int rs_import_main(int argc, char **argv)
{
    const char *dir = NULL, *url = NULL;
    url_list urls = {0};
    const char **files = rs_xcalloc((size_t)argc + 1, sizeof *files);
    size_t file_count = 0;
    int status = 0;
    for (int i = 0; i < argc && status == 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            free(files);
            return 0;
        }
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--urls") == 0 && i + 1 < argc)
            status = read_url_list(&urls, argv[++i]) ? 0 : 2;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "rostrum-bundle import: unexpected argument '%s'\n%s", argv[i], usage);
            status = 2;
        } else
            files[file_count++] = argv[i];
    }
    if (status == 0 && (!dir || file_count == 0)) {
        fprintf(stderr, "rostrum-bundle import: needs at least one FILE and -o DIR\n%s", usage);
        status = 2;
    }
    if (status == 0 && url && file_count != 1) {
        fprintf(stderr, "rostrum-bundle import: --url gives one page's address, but %zu files were given (use --urls)\n",
                file_count);
        status = 2;
    }
    char error[1024];
    rs_draft_folder *folder = status == 0 ? rs_draft_folder_open(dir, error, sizeof error) : NULL;
    if (status == 0 && !folder) {
        fprintf(stderr, "rostrum-bundle import: %s\n", error);
        status = 2;
    }
    if (status == 0) {
        rs_places *places = rs_places_create(NULL);
        rs_header_tools tools = {rs_language_create(getenv("ROSTRUM_TEXTCAT_DIR")), places};
        for (size_t i = 0; i < file_count; i++) {
            const char *page_url = url, *from = "--url";
            char listed[1100];
            if (!page_url && (page_url = url_for(&urls, files[i])) != NULL) {
                snprintf(listed, sizeof listed, "%s", urls.list_path);
                from = listed;
            }
            if (!import_one(files[i], page_url, from, folder, &tools))
                status = 1;
        }
        rs_language_destroy(tools.language);
        rs_places_destroy(places);
    }
    rs_draft_folder_close(folder);
    clear_url_list(&urls);
    free(files);
    return status;
}
