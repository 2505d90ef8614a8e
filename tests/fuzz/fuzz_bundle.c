/*
 * Fuzz target: opening a bundle and every query the viewer and
 * `rostrum-bundle check/search` run on it (db/store/bundle.c).
 *
 * The input is a whole bundle file. It is written to one temporary file per
 * process (under $TMPDIR, removed at exit) and opened with rs_bundle_open,
 * exactly as the viewer opens a bundle. When it opens, rs_bundle_verify
 * runs, and then every query, whatever verify said (the viewer browses
 * without verifying): the metadata, the facets, the months of each year,
 * every kind of list with its count and pages at real, deep and bogus
 * offsets, each statement found and a few ids that do not exist, statements
 * by slug, incident and country details, incident threads and parties'
 * events at real and bogus offsets, the collection's title in each
 * language, searches in English, Chinese and punctuation, and the world
 * map (every shape's indices, rings and coordinates as bundle.h promises).
 *
 * Most byte edits of an SQLite file change nothing a query reads, and any
 * insertion or deletion makes the size no whole number of pages, which the
 * header check refuses at once. So an input whose size is not a whole number
 * of its header's pages is tried twice: as it is, and padded with zero bytes
 * to the next page (SQLite ignores pages past the count in its header), so
 * that the fuzzer's insertions and deletions reach SQLite and the queries.
 *
 * The query layer promises that nothing from the file reaches the screen
 * unchecked; that is checked here too: every string returned is valid UTF-8,
 * every party code is 2..12 capitals and digits, every kind is one the
 * format names, every count is at least 0, every page
 * holds at most the rows asked for, and every error is one line of valid
 * UTF-8 that names the file.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_format.h"
#include "fuzz.h"
#include "utf8.h"

/* At most this many of each facet are followed into their lists, so that a
 * bundle with thousands of years stays fast to run. */
#define FOLLOW 8

static char *path;

static void remove_file(void)
{
    if (path)
        unlink(path);
}

static const char *bundle_path(void)
{
    if (path)
        return path;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t length = strlen(dir) + 64;
    path = malloc(length);
    if (!path)
        abort();
    snprintf(path, length, "%s/rostrum-fuzz-bundle-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        perror(path);
        abort();
    }
    close(fd);
    atexit(remove_file);
    return path;
}

static void write_bundle(const uint8_t *data, size_t size, size_t padded_size)
{
    int fd = open(bundle_path(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        FUZZ_CHECK(n > 0);
        done += (size_t)n;
    }
    if (padded_size > size)
        FUZZ_CHECK(ftruncate(fd, (off_t)padded_size) == 0);
    close(fd);
}

/* ---- what every result must be ---- */

static void check_text(const char *text)
{
    if (text)
        FUZZ_CHECK(rs_utf8_valid(text, strlen(text), NULL));
}

static void check_not_null_text(const char *text)
{
    FUZZ_CHECK(text != NULL);
    check_text(text);
}

/* An error message: one line of valid UTF-8. */
static void check_error(const char *error)
{
    FUZZ_CHECK(memchr(error, '\0', 512) != NULL);
    check_text(error);
    FUZZ_CHECK(strchr(error, '\n') == NULL && strchr(error, '\r') == NULL);
}

static void check_code(const char *code)
{
    size_t length = strnlen(code, RS_PARTY_CODE_SIZE);
    FUZZ_CHECK(length >= 2 && length <= RS_PARTY_CODE_MAX);
    for (size_t i = 0; i < length; i++)
        FUZZ_CHECK((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9'));
}

/* Party links: codes, names, roles (when with_roles) or none, kinds, in
 * code order. */
static void check_links(const rs_country_link *links, size_t count, bool with_roles)
{
    for (size_t i = 0; i < count; i++) {
        check_code(links[i].code);
        check_not_null_text(links[i].name);
        FUZZ_CHECK(links[i].kind >= 0 && links[i].kind < RS_PARTY_KIND_COUNT);
        if (with_roles) {
            check_not_null_text(links[i].roles);
            FUZZ_CHECK(links[i].roles[0] != '\0');
        } else {
            FUZZ_CHECK(links[i].roles == NULL);
        }
        if (i)
            FUZZ_CHECK(strcmp(links[i - 1].code, links[i].code) < 0);
    }
}

/* A page of a thread or of a party's events: at most limit entries, each
 * whole. */
static void check_thread(const rs_thread *thread, size_t limit)
{
    FUZZ_CHECK(thread->count <= limit);
    for (size_t i = 0; i < thread->count; i++) {
        const rs_thread_entry *e = &thread->items[i];
        FUZZ_CHECK(e->kind == RS_THREAD_EVENT || e->kind == RS_THREAD_STATEMENT);
        check_not_null_text(e->what);
        check_not_null_text(e->line);
        check_not_null_text(e->incident_slug);
        check_not_null_text(e->incident_name);
        const char *optional[] = {e->slug, e->date, e->date_note, e->title, e->url, e->outlet};
        for (size_t k = 0; k < sizeof optional / sizeof optional[0]; k++)
            check_text(optional[k]);
        if (e->kind == RS_THREAD_STATEMENT) {
            check_not_null_text(e->slug);
            check_not_null_text(e->title);
            FUZZ_CHECK(strlen(e->line) <= RS_LEDE_MAX_BYTES + 3); /* "…" at most */
        } else {
            FUZZ_CHECK(!e->slug && !e->title && !e->outlet);
        }
        check_links(e->parties, e->party_count, true);
    }
}

/* The thread of incident_id at the start, in the middle, past the end and
 * at offsets no caller should pass. */
static void thread_pages(rs_bundle *b, int64_t incident_id, int64_t length)
{
    const struct {
        int64_t offset;
        size_t limit;
    } pages[] = {{0, 20}, {length / 2, 5}, {length - 1, 20}, {length, 20}, {INT64_MAX, SIZE_MAX}, {-1, 20}, {0, 0}};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        rs_thread thread;
        if (rs_bundle_thread_page(b, incident_id, pages[i].offset, pages[i].limit, &thread))
            check_thread(&thread, pages[i].limit);
        else
            FUZZ_CHECK(thread.count == 0 && thread.items == NULL);
        rs_thread_clear(&thread);
    }
}

/* A party's events, the same way. */
static void party_events(rs_bundle *b, const char *code, int64_t length)
{
    const int64_t offsets[] = {0, length / 2, length, INT64_MAX, -1};
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        rs_thread thread;
        if (rs_bundle_party_events(b, code, offsets[i], 10, &thread))
            check_thread(&thread, 10);
        else
            FUZZ_CHECK(thread.count == 0);
        rs_thread_clear(&thread);
    }
}

static void check_facets(const rs_facet_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        check_not_null_text(list->items[i].key);
        check_not_null_text(list->items[i].label);
        check_text(list->items[i].date);
        FUZZ_CHECK(list->items[i].count >= 0);
    }
}

static void check_rows(const rs_statement_rows *rows)
{
    for (size_t i = 0; i < rows->count; i++) {
        const rs_statement_row *row = &rows->items[i];
        check_not_null_text(row->slug);
        check_not_null_text(row->title);
        check_not_null_text(row->language);
        check_text(row->date);
        check_text(row->outlet);
        check_text(row->roles);
    }
}

/* ---- the queries ---- */

/* Statement id, with everything the reader shows and the countries its
 * chips open. */
static void statement(rs_bundle *b, int64_t id)
{
    rs_statement s;
    if (!rs_bundle_statement(b, id, &s)) {
        FUZZ_CHECK(s.slug == NULL && s.body == NULL && s.country_count == 0 && s.same_as.count == 0);
        return;
    }
    const char *required[] = {s.slug, s.title, s.language, s.kind, s.body};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        check_not_null_text(required[i]);
    const char *optional[] = {s.title_note, s.date, s.date_note, s.outlet, s.speaker, s.speaker_role, s.url};
    for (size_t i = 0; i < sizeof optional / sizeof optional[0]; i++)
        check_text(optional[i]);
    FUZZ_CHECK(s.year >= 0 && s.year <= 9999 && s.month >= 0 && s.month <= 12 && s.day >= 0 && s.day <= 31);
    check_links(s.countries, s.country_count, true);
    check_text(s.note);
    for (size_t i = 0; i < s.incident_count; i++) {
        check_not_null_text(s.incidents[i].slug);
        check_not_null_text(s.incidents[i].name);
    }
    check_rows(&s.same_as);
    FUZZ_CHECK(s.same_as.count <= 1000);
    check_rows(&s.translations);
    FUZZ_CHECK(s.translations.count <= 1000);
    /* The reader's chips open these. */
    for (size_t i = 0; i < s.country_count && i < FOLLOW; i++) {
        rs_country_detail c;
        if (rs_bundle_country(b, s.countries[i].code, &c))
            rs_country_detail_clear(&c);
    }
    rs_statement_clear(&s);
}

/* Count and pages of one list: the first page, the last, just past the end,
 * deep, and offsets and limits no caller should pass. valid: whether the
 * query layer must accept the spec. */
static void list(rs_bundle *b, const rs_list_spec *spec, bool valid)
{
    int64_t count = -1;
    bool ok = rs_bundle_list_count(b, spec, &count);
    FUZZ_CHECK(count >= 0);
    if (!valid)
        FUZZ_CHECK(!ok && count == 0);
    int64_t after = count < INT64_MAX ? count + 1 : INT64_MAX;
    const struct {
        int64_t offset;
        size_t limit;
    } pages[] = {
        {0, 1}, {0, 20}, {count > 0 ? count - 1 : 0, 20}, {count, 20}, {after, 1}, {(int64_t)1 << 40, 20},
        {INT64_MAX - 1, 128}, {INT64_MAX, 1}, {-1, 20}, {INT64_MIN, 128}, {1, 128},
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        rs_statement_rows rows;
        bool page_ok = rs_bundle_list_page(b, spec, pages[i].offset, pages[i].limit, &rows);
        if (!valid)
            FUZZ_CHECK(!page_ok);
        FUZZ_CHECK(rows.count <= pages[i].limit);
        if (pages[i].offset < 0)
            FUZZ_CHECK(rows.count == 0);
        check_rows(&rows);
        if (spec->kind == RS_LIST_COUNTRY && spec->role >= 0 && valid)
            for (size_t r = 0; r < rows.count; r++)
                FUZZ_CHECK(strcmp(rows.items[r].roles, rs_roles[spec->role]) == 0);
        rs_statement_rows_clear(&rows);
    }
    /* Everything at once, as a caller with no limit would ask; the first
     * rows are opened in the reader. */
    rs_statement_rows rows;
    if (rs_bundle_list_page(b, spec, 0, SIZE_MAX, &rows)) {
        check_rows(&rows);
        for (size_t r = 0; r < rows.count && r < 2; r++) {
            statement(b, rows.items[r].id);
            FUZZ_CHECK(rs_bundle_statement_id(b, rows.items[r].slug) >= 0);
        }
        rs_statement_rows_clear(&rows);
    }
}

/* A facet key as the number it names (a year), clamped to int. */
static int key_number(const char *key)
{
    long long value = strtoll(key, NULL, 10);
    return value < INT_MIN ? INT_MIN : value > INT_MAX ? INT_MAX : (int)value;
}

static void years_and_months(rs_bundle *b)
{
    rs_facet_list years;
    if (!rs_bundle_years(b, &years))
        return;
    check_facets(&years);
    for (size_t i = 0; i < years.count && i < FOLLOW; i++) {
        int year = key_number(years.items[i].key);
        list(b, &(rs_list_spec){.kind = RS_LIST_YEAR, .year = year}, true);
        rs_facet_list months;
        if (!rs_bundle_months(b, year, &months))
            continue;
        check_facets(&months);
        for (size_t m = 0; m < months.count; m++) {
            const char *key = months.items[m].key;
            const char *dash = strrchr(key, '-');
            FUZZ_CHECK(dash != NULL);
            int month = key_number(dash + 1);
            FUZZ_CHECK(month >= 0 && month <= 12);
            list(b, &(rs_list_spec){.kind = RS_LIST_MONTH, .year = year, .month = month}, true);
        }
        rs_facet_list_clear(&months);
    }
    rs_facet_list_clear(&years);
}

static void countries(rs_bundle *b)
{
    rs_facet_list list_of;
    if (!rs_bundle_countries(b, &list_of))
        return;
    check_facets(&list_of);
    for (size_t i = 0; i < list_of.count && i < FOLLOW; i++) {
        const char *code = list_of.items[i].key;
        rs_country_detail detail;
        check_code(code);
        FUZZ_CHECK(list_of.items[i].kind >= 0 && list_of.items[i].kind < RS_PARTY_KIND_COUNT);
        FUZZ_CHECK(list_of.items[i].event_count >= 0);
        if (rs_bundle_country(b, code, &detail)) {
            check_code(detail.code);
            check_not_null_text(detail.name);
            check_text(detail.short_name);
            FUZZ_CHECK(detail.count >= 0 && detail.event_count >= 0);
            FUZZ_CHECK(detail.kind >= 0 && detail.kind < RS_PARTY_KIND_COUNT);
            for (int r = 0; r < RS_ROLE_COUNT; r++)
                FUZZ_CHECK(detail.role_counts[r] >= 0);
            check_links(detail.members, detail.member_count, false);
            party_events(b, detail.code, detail.event_count);
            rs_country_detail_clear(&detail);
        }
        rs_list_spec spec = {.kind = RS_LIST_COUNTRY};
        memcpy(spec.country, code, strnlen(code, RS_PARTY_CODE_MAX));
        for (int role = -1; role < RS_ROLE_COUNT; role++) {
            spec.role = role;
            list(b, &spec, true);
        }
    }
    rs_facet_list_clear(&list_of);
}

static void incidents(rs_bundle *b)
{
    /* The home screen's latest incident: always dated; nothing when false. */
    rs_facet latest;
    if (rs_bundle_latest_incident(b, &latest)) {
        check_not_null_text(latest.key);
        check_not_null_text(latest.label);
        check_not_null_text(latest.date);
        FUZZ_CHECK(latest.count >= 0);
    } else {
        FUZZ_CHECK(!latest.key && !latest.label && !latest.date && latest.count == 0);
    }
    rs_facet_clear(&latest);
    rs_facet_list list_of;
    if (!rs_bundle_incidents(b, &list_of))
        return;
    check_facets(&list_of);
    for (size_t i = 0; i < list_of.count && i < FOLLOW; i++) {
        rs_incident_detail detail;
        if (!rs_bundle_incident(b, list_of.items[i].key, &detail))
            continue;
        check_not_null_text(detail.slug);
        check_not_null_text(detail.name);
        check_not_null_text(detail.summary);
        check_text(detail.date);
        check_text(detail.date_note);
        FUZZ_CHECK(detail.count >= 0 && detail.event_count >= 0);
        list(b, &(rs_list_spec){.kind = RS_LIST_INCIDENT, .incident_id = detail.id}, true);
        int64_t length = detail.count > INT64_MAX - detail.event_count ? INT64_MAX : detail.count + detail.event_count;
        thread_pages(b, detail.id, length);
        rs_incident_detail_clear(&detail);
    }
    rs_facet_list_clear(&list_of);
}

/* Specs no screen makes, which must be refused or come back empty. */
static void bogus_lists(rs_bundle *b)
{
    list(b, &(rs_list_spec){.kind = RS_LIST_YEAR, .year = -1}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_YEAR, .year = INT_MAX}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_MONTH, .year = 2021, .month = 13}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_MONTH, .year = INT_MIN, .month = -1}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_INCIDENT, .incident_id = 0}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_INCIDENT, .incident_id = INT64_MAX}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_COUNTRY, .country = "", .role = -1}, true);
    /* No terminating NUL in country[3]. */
    list(b, &(rs_list_spec){.kind = RS_LIST_COUNTRY, .country = {'G', 'B', 'X'}, .role = 2}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_COUNTRY, .country = "GB", .role = RS_ROLE_COUNT}, false);
    list(b, &(rs_list_spec){.kind = RS_LIST_COUNTRY, .country = "GB", .role = -2}, false);
    list(b, &(rs_list_spec){.kind = (rs_list_kind)99}, false);
    rs_country_detail detail;
    FUZZ_CHECK(!rs_bundle_country(b, "G", &detail));
    FUZZ_CHECK(!rs_bundle_country(b, "gb", &detail));
    FUZZ_CHECK(!rs_bundle_country(b, "GBRABCDEFGHIJ", &detail));
    FUZZ_CHECK(!rs_bundle_country(b, "G-B", &detail));
    FUZZ_CHECK(!rs_bundle_country(b, NULL, &detail));
    rs_thread thread;
    FUZZ_CHECK(!rs_bundle_party_events(b, "eu", 0, 10, &thread) && thread.count == 0);
    FUZZ_CHECK(!rs_bundle_party_events(b, NULL, 0, 10, &thread) && thread.count == 0);
    thread_pages(b, 0, 0);
    thread_pages(b, -1, 0);
    thread_pages(b, INT64_MAX, 0);
    rs_incident_detail incident;
    if (rs_bundle_incident(b, "", &incident))
        rs_incident_detail_clear(&incident);
}

static void statements(rs_bundle *b)
{
    const int64_t ids[] = {1, 2, 3, 4, 5, 0, -1, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        statement(b, ids[i]);
    const char *count = rs_bundle_meta(b, "statement_count");
    if (count) {
        long long n = strtoll(count, NULL, 10);
        statement(b, n);
        if (n < INT64_MAX)
            statement(b, n + 1);
    }
    const char *slugs[] = {"", "embassy-2021-07-20-exchange-accusation", "a", "x' OR 1=1 --", "\xE7\xBD\x91"};
    for (size_t i = 0; i < sizeof slugs / sizeof slugs[0]; i++)
        FUZZ_CHECK(rs_bundle_statement_id(b, slugs[i]) >= 0);
}

static void searches(rs_bundle *b)
{
    static const char *const queries[] = {
        "Exchange",      "accuse hackers", "网络",         "华",          "\xE3\x80\x82", "Россия",
        "\"",            "\"\"",           "a\"b",         "*",           "-",            "NEAR(a b)",
        "OR",            "title:China",    "^x",           "   ",         "...",          "(",
        "\x02\x03",      "e\xCC\x81",      "\xF0\x9F\x91\x8D",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        const size_t offsets[] = {0, 3, SIZE_MAX};
        for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
            rs_search_results results;
            char error[512] = "";
            unsigned flags = o == 1 ? RS_QUERY_TYPING : 0;
            if (rs_bundle_search_with(b, queries[i], flags, offsets[o], 10, &results, error, sizeof error)) {
                FUZZ_CHECK(results.count <= 10);
                FUZZ_CHECK(results.total >= 0 && results.total <= RS_SEARCH_RANKED);
                check_not_null_text(results.query_used);
                for (size_t r = 0; r < results.count && r < 2; r++) {
                    /* The reader marks hits in what search returned. */
                    rs_range_list ranges;
                    const char *title = results.items[r].title;
                    if (rs_bundle_highlights(b, results.query_used, title, &ranges)) {
                        for (size_t k = 0; k < ranges.count; k++)
                            FUZZ_CHECK(ranges.items[k].start < ranges.items[k].end &&
                                       ranges.items[k].end <= strlen(title) &&
                                       (k == 0 || ranges.items[k - 1].end <= ranges.items[k].start));
                        rs_range_list_clear(&ranges);
                    }
                }
                for (size_t r = 0; r < results.count; r++) {
                    const rs_search_hit *hit = &results.items[r];
                    check_not_null_text(hit->slug);
                    check_not_null_text(hit->title);
                    check_not_null_text(hit->snippet);
                    check_text(hit->date);
                    check_text(hit->outlet);
                }
                rs_search_results_clear(&results);
            } else {
                FUZZ_CHECK(results.count == 0);
                check_text(error);
            }
        }
    }
}

static void suggestions(rs_bundle *b)
{
    rs_suggestion_list list;
    if (!rs_bundle_suggestions(b, 30, &list)) {
        FUZZ_CHECK(list.count == 0);
        return;
    }
    FUZZ_CHECK(list.count <= 30);
    for (size_t i = 0; i < list.count; i++) {
        FUZZ_CHECK(list.items[i].kind <= RS_SUGGEST_TERM && list.items[i].count >= 0);
        check_not_null_text(list.items[i].query);
        check_not_null_text(list.items[i].label);
        check_not_null_text(list.items[i].language);
    }
    rs_suggestion_list_clear(&list);
}

/* The world map: all of it checked, or none of it (count 0) with one line
 * naming the shape; what is returned is safe to draw without a look. */
static void world_map(rs_bundle *b)
{
    rs_world_map map;
    char error[512];
    memset(error, 0x55, sizeof error);
    if (!rs_bundle_world_map(b, &map, error, sizeof error)) {
        FUZZ_CHECK(map.count == 0 && map.shapes == NULL);
        check_error(error);
        FUZZ_CHECK(strncmp(error, "map_shape", 9) == 0);
        return;
    }
    for (size_t i = 0; i < map.count; i++) {
        const rs_map_shape *s = &map.shapes[i];
        check_code(s->code);
        if (i)
            FUZZ_CHECK(strcmp(map.shapes[i - 1].code, s->code) < 0);
        FUZZ_CHECK(s->vertex_count >= 3 && s->vertex_count <= RS_MAP_SHAPE_VERTICES_MAX);
        for (uint32_t v = 0; v < s->vertex_count; v++) {
            float x = s->xy[2 * v], y = s->xy[2 * v + 1];
            FUZZ_CHECK(x >= s->x0 && x <= s->x1 && y >= s->y0 && y <= s->y1);
            FUZZ_CHECK(x >= -RS_MAP_HALF_WIDTH && x <= RS_MAP_HALF_WIDTH && y >= -RS_MAP_HALF_HEIGHT &&
                       y <= RS_MAP_HALF_HEIGHT);
        }
        FUZZ_CHECK(s->cx >= s->x0 && s->cx <= s->x1 && s->cy >= s->y0 && s->cy <= s->y1 && s->area >= 0);
        FUZZ_CHECK(s->triangle_count > 0);
        for (uint32_t t = 0; t < 3 * s->triangle_count; t++)
            FUZZ_CHECK(s->indices[t] < s->vertex_count);
        FUZZ_CHECK(s->ring_count > 0 && s->ring_ends[s->ring_count - 1] == s->vertex_count);
        for (uint32_t r = 0; r < s->ring_count; r++)
            FUZZ_CHECK(s->ring_ends[r] >= (r ? s->ring_ends[r - 1] : 0) + 3);
    }
    rs_world_map_clear(&map);
}

static void exercise(void)
{
    char error[512];
    memset(error, 0x55, sizeof error);
    rs_bundle *b = rs_bundle_open(bundle_path(), error, sizeof error);
    if (!b) {
        check_error(error);
        FUZZ_CHECK(strncmp(error, "Cannot open the bundle ", 23) == 0);
        /* A short buffer gets a short message, cut on a character boundary. */
        char small[6];
        memset(small, 0x55, sizeof small);
        FUZZ_CHECK(rs_bundle_open(bundle_path(), small, sizeof small) == NULL);
        FUZZ_CHECK(memchr(small, '\0', sizeof small) != NULL);
        check_text(small);
        return;
    }
    static const char *const keys[] = {"format_version", "title", "description", "languages", "statement_count",
                                       "country_count", "incident_count", "outlet_count", "undated_count",
                                       "undated_first_id", "date_first", "date_last", "built_at", "builder",
                                       "tokenizer", ""};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        check_text(rs_bundle_meta(b, keys[i]));
    check_not_null_text(rs_bundle_meta(b, "title"));
    memset(error, 0x55, sizeof error);
    if (!rs_bundle_verify(b, error, sizeof error))
        check_error(error);

    years_and_months(b);
    countries(b);
    /* The names in the viewer's other languages (country_name, translation). */
    static const char *const languages[] = {"zh_CN", "ru", "pt_BR", "en"};
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
        rs_bundle_set_language(b, languages[i]);
        check_not_null_text(rs_bundle_meta_text(b, "title"));
        check_text(rs_bundle_meta_text(b, "description"));
        check_text(rs_bundle_meta_text(b, "statement_count"));
        if (i == 0) {
            countries(b);
            statements(b);
            incidents(b);
        }
    }
    incidents(b);
    list(b, &(rs_list_spec){.kind = RS_LIST_ALL}, true);
    list(b, &(rs_list_spec){.kind = RS_LIST_UNDATED}, true);
    bogus_lists(b);
    statements(b);
    searches(b);
    suggestions(b);
    world_map(b);
    rs_bundle_close(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_bundle(data, size, size);
    exercise();

    /* The same bytes padded to a whole number of pages (see the top). */
    if (size >= 100 && memcmp(data, "SQLite format 3", 16) == 0) {
        size_t page_size = (size_t)data[16] << 8 | data[17];
        if (page_size == 1)
            page_size = 65536;
        if (page_size >= 512 && (page_size & (page_size - 1)) == 0 && size % page_size != 0) {
            write_bundle(data, size, size + (page_size - size % page_size));
            exercise();
        }
    }
    return 0;
}
