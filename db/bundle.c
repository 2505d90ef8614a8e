#include "bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle_format.h"
#include "tokenizer.h"

#define META_MAX 64

struct rs_bundle {
    sqlite3 *db;
    char *path;
    size_t meta_count;
    char *meta_keys[META_MAX];
    char *meta_values[META_MAX];
};

/* The tables format version 1 must have; anything missing is refused. */
static const char *const required_tables[] = {
    "meta", "outlet", "speaker", "statement", "year_count", "month_count", "country",
    "country_role", "country_statement", "statement_country", "incident", "statement_incident",
    "statement_fts",
};

static char *xstrdup_or_null(const char *text)
{
    if (!text)
        return NULL;
    char *copy = strdup(text);
    if (!copy)
        abort();
    return copy;
}

/* 1245184 -> "1,245,184" */
static void format_count(char *out, size_t size, unsigned long long value)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", value);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void fail(char *error, size_t error_size, const char *path, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(char *error, size_t error_size, const char *path, const char *format, ...)
{
    char reason[512];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    snprintf(error, error_size, "Cannot open the bundle %s: %s", path, reason);
}

static uint32_t read_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks the 100-byte SQLite header and the file size before SQLite reads
 * anything, so each common failure gets its own plain reason. */
static bool check_header(const char *path, char *error, size_t error_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            fail(error, error_size, path, "there is no such file. Check the path, or copy the bundle there.");
        else
            fail(error, error_size, path, "%s.", strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        fail(error, error_size, path, "it is not a regular file.");
        return false;
    }
    unsigned char header[100];
    ssize_t got = read(fd, header, sizeof header);
    close(fd);
    char found[32], expected[32];
    format_count(found, sizeof found, (unsigned long long)st.st_size);
    if (st.st_size == 0) {
        fail(error, error_size, path, "the file is empty. Copy the bundle again.");
        return false;
    }
    if (got < 16 || memcmp(header, "SQLite format 3\0", 16) != 0) {
        fail(error, error_size, path,
             "this is not a Rostrum bundle (not an SQLite database). Build one with rostrum-bundle build.");
        return false;
    }
    if (got < 100) {
        fail(error, error_size, path, "the file is truncated (found %s bytes, less than a database header). Copy the bundle again.", found);
        return false;
    }
    uint32_t page_size = (uint32_t)header[16] << 8 | header[17];
    if (page_size == 1)
        page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0) {
        fail(error, error_size, path, "the database header is damaged (page size %u). Copy the bundle again.", page_size);
        return false;
    }
    if (header[18] == 2 || header[19] == 2) {
        fail(error, error_size, path, "the bundle is in write-ahead-log mode, which bundles never use. Rebuild it with rostrum-bundle build.");
        return false;
    }
    uint32_t change_counter = read_be32(header + 24), valid_for = read_be32(header + 92);
    uint64_t page_count = read_be32(header + 28);
    if (page_count && change_counter == valid_for) {
        uint64_t expected_size = page_count * page_size;
        if ((uint64_t)st.st_size < expected_size) {
            format_count(expected, sizeof expected, (unsigned long long)expected_size);
            fail(error, error_size, path, "the file is truncated (expected %s bytes, found %s). Copy the bundle again.",
                 expected, found);
            return false;
        }
    }
    if ((uint64_t)st.st_size % page_size != 0) {
        fail(error, error_size, path, "the file is truncated (found %s bytes, not a whole number of %u-byte pages). Copy the bundle again.",
             found, page_size);
        return false;
    }
    uint32_t application_id = read_be32(header + 68), version = read_be32(header + 60);
    if (application_id != RS_BUNDLE_APPLICATION_ID) {
        fail(error, error_size, path,
             "this SQLite database is not a Rostrum bundle (application id 0x%08X, expected 0x%08X). Build one with rostrum-bundle build.",
             application_id, (unsigned)RS_BUNDLE_APPLICATION_ID);
        return false;
    }
    if (version > RS_BUNDLE_FORMAT_VERSION) {
        fail(error, error_size, path,
             "the bundle is format version %u, newer than this Rostrum reads (version %d). Update Rostrum, or build the bundle with this version's rostrum-bundle.",
             version, RS_BUNDLE_FORMAT_VERSION);
        return false;
    }
    if (version < 1) {
        fail(error, error_size, path, "the bundle has no format version; it was not finished by rostrum-bundle. Build it again.");
        return false;
    }
    return true;
}

/* "file:" URI for path, percent-encoding what a URI would read specially. */
static char *file_uri(const char *path, const char *query)
{
    size_t length = strlen(path);
    char *uri = malloc(length * 3 + strlen(query) + 8);
    if (!uri)
        abort();
    char *o = uri + sprintf(uri, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7F)
            o += sprintf(o, "%%%02X", *p);
        else
            *o++ = (char)*p;
    }
    strcpy(o, query);
    return uri;
}

static void harden(sqlite3 *db)
{
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    /* Limits well above anything a real bundle needs, far below harm. */
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 32 * 1024 * 1024);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 100);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 50);
    sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 4);
    sqlite3_limit(db, SQLITE_LIMIT_VDBE_OP, 100000);
    sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 16);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100);
    sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 32);
    sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
}

/* SQLite's own words for a failure, as the end of a sentence. */
static void fail_sqlite(char *error, size_t error_size, const char *path, sqlite3 *db)
{
    int code = sqlite3_errcode(db);
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        fail(error, error_size, path, "the file is damaged (%s). Copy the bundle again.", sqlite3_errmsg(db));
    else
        fail(error, error_size, path, "%s.", sqlite3_errmsg(db));
}

static bool check_schema(rs_bundle *b, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, "SELECT type, name FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    bool found[sizeof required_tables / sizeof required_tables[0]] = {false};
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(stmt, 0);
        const char *name = (const char *)sqlite3_column_text(stmt, 1);
        if (!type || !name)
            continue;
        if (strcmp(type, "trigger") == 0 || strcmp(type, "view") == 0) {
            fail(error, error_size, b->path,
                 "the bundle contains a %s ('%.60s'), which a bundle never has; it may have been tampered with. Build it again with rostrum-bundle.",
                 type, name);
            ok = false;
        }
        for (size_t i = 0; i < sizeof required_tables / sizeof required_tables[0]; i++)
            if (strcmp(type, "table") == 0 && strcmp(name, required_tables[i]) == 0)
                found[i] = true;
    }
    if (ok && rc != SQLITE_DONE) {
        fail_sqlite(error, error_size, b->path, b->db);
        ok = false;
    }
    sqlite3_finalize(stmt);
    for (size_t i = 0; ok && i < sizeof required_tables / sizeof required_tables[0]; i++)
        if (!found[i]) {
            fail(error, error_size, b->path, "the bundle has no '%s' table. Build it again with rostrum-bundle.",
                 required_tables[i]);
            ok = false;
        }
    return ok;
}

static bool load_meta(rs_bundle *b, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, "SELECT key, value FROM meta ORDER BY key LIMIT 64", -1, &stmt, NULL) != SQLITE_OK) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && b->meta_count < META_MAX) {
        const char *key = (const char *)sqlite3_column_text(stmt, 0);
        const char *value = (const char *)sqlite3_column_text(stmt, 1);
        if (!key || !value)
            continue;
        b->meta_keys[b->meta_count] = xstrdup_or_null(key);
        b->meta_values[b->meta_count] = xstrdup_or_null(value);
        b->meta_count++;
    }
    bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!ok)
        fail_sqlite(error, error_size, b->path, b->db);
    sqlite3_finalize(stmt);
    if (!ok)
        return false;
    const char *version = rs_bundle_meta(b, "format_version");
    if (!version || strcmp(version, RS_STRINGIFY(RS_BUNDLE_FORMAT_VERSION)) != 0) {
        fail(error, error_size, b->path, "its metadata says format version '%.20s', expected %d. Build it again with rostrum-bundle.",
             version ? version : "(none)", RS_BUNDLE_FORMAT_VERSION);
        return false;
    }
    if (!rs_bundle_meta(b, "title")) {
        fail(error, error_size, b->path, "its metadata has no title. Build it again with rostrum-bundle.");
        return false;
    }
    return true;
}

rs_bundle *rs_bundle_open(const char *path, char *error, size_t error_size)
{
    if (!check_header(path, error, error_size))
        return NULL;
    rs_bundle *b = calloc(1, sizeof *b);
    if (!b)
        abort();
    b->path = xstrdup_or_null(path);
    char *uri = file_uri(path, "?immutable=1");
    int rc = sqlite3_open_v2(uri, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    bool ok = rc == SQLITE_OK;
    if (!ok) {
        fail_sqlite(error, error_size, path, b->db);
    } else {
        harden(b->db);
        ok = sqlite3_exec(b->db, "PRAGMA cell_size_check=ON; PRAGMA mmap_size=0; PRAGMA query_only=ON;", NULL, NULL,
                          NULL) == SQLITE_OK &&
             rs_tokenizer_register(b->db) == SQLITE_OK;
        if (!ok)
            fail_sqlite(error, error_size, path, b->db);
    }
    ok = ok && check_schema(b, error, error_size) && load_meta(b, error, error_size);
    if (!ok) {
        rs_bundle_close(b);
        return NULL;
    }
    return b;
}

void rs_bundle_close(rs_bundle *b)
{
    if (!b)
        return;
    sqlite3_close(b->db);
    for (size_t i = 0; i < b->meta_count; i++) {
        free(b->meta_keys[i]);
        free(b->meta_values[i]);
    }
    free(b->path);
    free(b);
}

const char *rs_bundle_meta(const rs_bundle *b, const char *key)
{
    for (size_t i = 0; i < b->meta_count; i++)
        if (strcmp(b->meta_keys[i], key) == 0)
            return b->meta_values[i];
    return NULL;
}

/* Runs a query whose first row's first column is an integer. */
static bool query_int(rs_bundle *b, const char *sql, int64_t *value)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return false;
    bool ok = sqlite3_step(stmt) == SQLITE_ROW;
    if (ok)
        *value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return ok;
}

bool rs_bundle_verify(rs_bundle *b, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    int rc = sqlite3_step(stmt);
    const char *result = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
    bool ok = result && strcmp(result, "ok") == 0;
    if (!ok && result)
        fail(error, error_size, b->path, "the file is damaged (%.200s). Copy the bundle again.", result);
    else if (!ok)
        fail_sqlite(error, error_size, b->path, b->db);
    sqlite3_finalize(stmt);
    if (!ok)
        return false;

    int64_t rows = -1;
    const char *stored = rs_bundle_meta(b, "statement_count");
    if (!query_int(b, "SELECT count(*) FROM statement", &rows)) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    if (!stored || strtoll(stored, NULL, 10) != rows) {
        fail(error, error_size, b->path, "its metadata counts %s statements but it holds %lld. Build it again with rostrum-bundle.",
             stored ? stored : "no", (long long)rows);
        return false;
    }
    return true;
}

/* ---- facets ---- */

static bool read_facets(rs_bundle *b, const char *sql, rs_facet_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return false;
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (out->count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            out->items = realloc(out->items, capacity * sizeof *out->items);
            if (!out->items)
                abort();
        }
        rs_facet *f = &out->items[out->count++];
        /* Column values are loans until the next step: copy them now. */
        f->key = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 0));
        f->label = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 1));
        f->date = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 2));
        f->count = sqlite3_column_int64(stmt, 3);
        if (!f->key)
            f->key = xstrdup_or_null("");
        if (!f->label)
            f->label = xstrdup_or_null("");
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        rs_facet_list_clear(out);
        return false;
    }
    return true;
}

bool rs_bundle_years(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b, "SELECT year, year, NULL, statement_count FROM year_count ORDER BY year DESC", out);
}

bool rs_bundle_countries(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b, "SELECT code, name, NULL, statement_count FROM country ORDER BY name, code", out);
}

bool rs_bundle_incidents(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b,
                       "SELECT slug, name, date, statement_count FROM incident"
                       " ORDER BY date IS NULL, date, name",
                       out);
}

void rs_facet_list_clear(rs_facet_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].key);
        free(list->items[i].label);
        free(list->items[i].date);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- search ---- */

/* Turns what a visitor typed into an FTS5 expression: each white-space
 * separated word becomes a quoted string (so no word is read as FTS5 syntax
 * such as OR, NOT, NEAR or a column filter), and all must match. */
static char *fts_expression(const char *query)
{
    size_t length = strlen(query);
    char *expression = malloc(length * 2 + 3);
    if (!expression)
        abort();
    size_t o = 0;
    const char *p = query;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (o)
            expression[o++] = ' ';
        expression[o++] = '"';
        while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            if (*p == '"')
                expression[o++] = '"';
            expression[o++] = *p++;
        }
        expression[o++] = '"';
    }
    expression[o] = '\0';
    return expression;
}

bool rs_bundle_search(rs_bundle *b, const char *query, size_t offset, size_t limit, rs_search_results *out,
                      char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    /* A word with nothing searchable in it (punctuation) becomes an empty
     * phrase, which FTS5 leaves out; a query of only those matches nothing. */
    char *expression = fts_expression(query);
    if (!expression[0]) { /* nothing but white space */
        free(expression);
        return true;
    }
    sqlite3_stmt *stmt;
    int rc = sqlite3_prepare_v2(
        b->db,
        "SELECT s.id, s.slug, s.date, o.name, s.title,"
        "  snippet(statement_fts, 1, '" RS_MARK_START "', '" RS_MARK_END "', '…', 24)"
        " FROM statement_fts f JOIN statement s ON s.id = f.rowid LEFT JOIN outlet o ON o.id = s.outlet_id"
        " WHERE statement_fts MATCH ?1"
        " ORDER BY bm25(statement_fts, 4.0, 1.0), s.id LIMIT ?2 OFFSET ?3",
        -1, &stmt, NULL);
    if (rc != SQLITE_OK) {
        snprintf(error, error_size, "search failed: %s", sqlite3_errmsg(b->db));
        free(expression);
        return false;
    }
    sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, (sqlite3_int64)limit);
    sqlite3_bind_int64(stmt, 3, (sqlite3_int64)offset);
    size_t capacity = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (out->count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            out->items = realloc(out->items, capacity * sizeof *out->items);
            if (!out->items)
                abort();
        }
        rs_search_hit *hit = &out->items[out->count++];
        hit->id = sqlite3_column_int64(stmt, 0);
        hit->slug = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 1));
        hit->date = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 2));
        hit->outlet = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 3));
        hit->title = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 4));
        hit->snippet = xstrdup_or_null((const char *)sqlite3_column_text(stmt, 5));
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok) {
        snprintf(error, error_size, "search failed: %s", sqlite3_errmsg(b->db));
        rs_search_results_clear(out);
    }
    sqlite3_finalize(stmt);
    free(expression);
    return ok;
}

void rs_search_results_clear(rs_search_results *results)
{
    for (size_t i = 0; i < results->count; i++) {
        rs_search_hit *hit = &results->items[i];
        free(hit->slug), free(hit->date), free(hit->outlet), free(hit->title), free(hit->snippet);
    }
    free(results->items);
    memset(results, 0, sizeof *results);
}
