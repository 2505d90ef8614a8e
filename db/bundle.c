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
#include "date.h"
#include "tokenizer.h"
#include "utf8.h"

#define META_MAX 64

/* Defined here, in the store library that every reader links, rather than in
 * the builder, so the viewer has the role names without the builder. */
const char *const rs_roles[RS_ROLE_COUNT] = {"speaker", "accuser", "accused", "victim", "mentioned"};

/*
 * Every query the reading side runs after opening. The viewer calls the
 * browsing queries on every scroll step, so each is prepared once, on first
 * use, kept in the bundle, reset after each use and finalized on close.
 *
 * Each one is an index seek: list pages find their rows by id range or by the
 * precomputed position (pos) in a primary key, never with OFFSET, and counts
 * are read from the precomputed count tables, never counted.
 */
enum query {
    Q_YEARS,
    Q_COUNTRIES,
    Q_INCIDENTS,
    Q_SEARCH,
    Q_MONTHS,
    Q_YEAR_RANGE,
    Q_MONTH_RANGE,
    Q_COUNTRY_COUNT,
    Q_COUNTRY_ROLE_COUNT,
    Q_INCIDENT_COUNT,
    Q_ROWS_BY_ID,
    Q_ROWS_BY_COUNTRY,
    Q_ROWS_BY_COUNTRY_ROLE,
    Q_ROWS_BY_INCIDENT,
    Q_STATEMENT,
    Q_STATEMENT_COUNTRIES,
    Q_STATEMENT_INCIDENTS,
    Q_SAME_GROUP_ROWS,
    Q_STATEMENT_BY_SLUG,
    Q_INCIDENT_BY_SLUG,
    Q_COUNTRY_BY_CODE,
    Q_COUNTRY_ROLES,
    QUERY_COUNT
};

/* The columns every statement list query returns, in this order, so that one
 * reader (read_rows) serves them all: id, date, date inferred, outlet, title,
 * language, and for the all-roles country list the roles. */
#define ROW_COLUMNS "s.id, s.date, s.date_note IS NOT NULL, o.name, s.title, s.language, s.slug"
#define ROW_OUTLET_JOIN " LEFT JOIN outlet o ON o.id = s.outlet_id"

/* How many other statements of one same_as group are read at most: a real
 * group is a handful of copies; a hostile bundle could put every statement in
 * one group. */
#define SAME_AS_MAX 1000

static const char *const query_sql[QUERY_COUNT] = {
    [Q_YEARS] = "SELECT year, year, NULL, statement_count FROM year_count ORDER BY year DESC",
    [Q_COUNTRIES] = "SELECT code, name, NULL, statement_count FROM country ORDER BY name, code",
    [Q_INCIDENTS] = "SELECT slug, name, date, statement_count FROM incident ORDER BY date IS NULL, date, name",
    [Q_SEARCH] = "SELECT s.id, s.slug, s.date, o.name, s.title,"
                 "  snippet(statement_fts, 1, '" RS_MARK_START "', '" RS_MARK_END "', '…', 24)"
                 " FROM statement_fts f JOIN statement s ON s.id = f.rowid" ROW_OUTLET_JOIN
                 " WHERE statement_fts MATCH ?1"
                 " ORDER BY bm25(statement_fts, 4.0, 1.0), s.id LIMIT ?2 OFFSET ?3",
    [Q_MONTHS] = "SELECT month, statement_count FROM month_count WHERE year = ?1 ORDER BY month",
    [Q_YEAR_RANGE] = "SELECT statement_count, first_id FROM year_count WHERE year = ?1",
    [Q_MONTH_RANGE] = "SELECT statement_count, first_id FROM month_count WHERE year = ?1 AND month = ?2",
    [Q_COUNTRY_COUNT] = "SELECT statement_count FROM country WHERE code = ?1",
    [Q_COUNTRY_ROLE_COUNT] = "SELECT statement_count FROM country_role WHERE country_code = ?1 AND role = ?2",
    [Q_INCIDENT_COUNT] = "SELECT statement_count FROM incident WHERE id = ?1",
    [Q_ROWS_BY_ID] = "SELECT " ROW_COLUMNS " FROM statement s" ROW_OUTLET_JOIN
                     " WHERE s.id BETWEEN ?1 AND ?2 ORDER BY s.id LIMIT ?3",
    [Q_ROWS_BY_COUNTRY] = "SELECT " ROW_COLUMNS ", l.roles FROM country_statement l"
                          " JOIN statement s ON s.id = l.statement_id" ROW_OUTLET_JOIN
                          " WHERE l.country_code = ?1 AND l.pos BETWEEN ?2 AND ?3 ORDER BY l.pos LIMIT ?4",
    [Q_ROWS_BY_COUNTRY_ROLE] = "SELECT " ROW_COLUMNS " FROM statement_country l"
                               " JOIN statement s ON s.id = l.statement_id" ROW_OUTLET_JOIN
                               " WHERE l.country_code = ?1 AND l.role = ?2 AND l.pos BETWEEN ?3 AND ?4"
                               " ORDER BY l.pos LIMIT ?5",
    [Q_ROWS_BY_INCIDENT] = "SELECT " ROW_COLUMNS " FROM statement_incident l"
                           " JOIN statement s ON s.id = l.statement_id" ROW_OUTLET_JOIN
                           " WHERE l.incident_id = ?1 AND l.pos BETWEEN ?2 AND ?3 ORDER BY l.pos LIMIT ?4",
    [Q_STATEMENT] = "SELECT s.id, s.slug, s.title, s.title_note, s.date, s.date_note, o.name, p.name, p.role,"
                    " s.language, s.url, s.kind, s.body, s.year, s.month, s.day, s.same_group"
                    " FROM statement s" ROW_OUTLET_JOIN " LEFT JOIN speaker p ON p.id = s.speaker_id"
                    " WHERE s.id = ?1",
    [Q_STATEMENT_COUNTRIES] = "SELECT l.country_code, l.role, c.name FROM statement_country l"
                              " LEFT JOIN country c ON c.code = l.country_code"
                              " WHERE l.statement_id = ?1",
    [Q_STATEMENT_INCIDENTS] = "SELECT i.id, i.slug, i.name FROM statement_incident l"
                              " JOIN incident i ON i.id = l.incident_id"
                              " WHERE l.statement_id = ?1 ORDER BY i.date IS NULL, i.date, i.name, i.id",
    [Q_SAME_GROUP_ROWS] = "SELECT " ROW_COLUMNS " FROM statement s" ROW_OUTLET_JOIN
                          " WHERE s.same_group = ?1 AND s.id != ?2 ORDER BY s.id LIMIT " RS_STRINGIFY(SAME_AS_MAX),
    [Q_STATEMENT_BY_SLUG] = "SELECT id FROM statement WHERE slug = ?1",
    [Q_INCIDENT_BY_SLUG] = ("SELECT id, slug, name, date, date_note, summary, statement_count FROM incident"
                            " WHERE slug = ?1"),
    [Q_COUNTRY_BY_CODE] = "SELECT name, statement_count FROM country WHERE code = ?1",
    [Q_COUNTRY_ROLES] = "SELECT role, statement_count FROM country_role WHERE country_code = ?1",
};

struct rs_bundle {
    sqlite3 *db;
    char *path;
    size_t meta_count;
    char *meta_keys[META_MAX];
    char *meta_values[META_MAX];
    sqlite3_stmt *prepared[QUERY_COUNT]; /* NULL until first used */
};

/* The tables format version 1 must have; anything missing is refused. */
static const char *const required_tables[] = {
    "meta", "outlet", "speaker", "statement", "year_count", "month_count", "country",
    "country_role", "country_statement", "statement_country", "incident", "statement_incident",
    "statement_fts",
};

/* A count from size_t as SQLite's 64-bit integer (size_t is 32 bits on
 * armhf, where comparing it with INT64_MAX directly is always false). */
static int64_t clamp_to_int64(uint64_t value)
{
    return value > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)value;
}

static char *xstrdup_or_null(const char *text)
{
    if (!text)
        return NULL;
    char *copy = strdup(text);
    if (!copy)
        abort();
    return copy;
}

/* Writes text[0..length) into out (size bytes, at least 1) as valid UTF-8:
 * each invalid byte and each NUL byte becomes U+FFFD, and a sequence that
 * does not fit is left out whole, never cut. Returns the bytes written. */
static size_t write_valid_utf8(char *out, size_t size, const char *text, size_t length)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    size_t o = 0;
    for (size_t i = 0; i < length;) {
        uint32_t codepoint;
        size_t consumed = rs_utf8_decode(text + i, length - i, &codepoint);
        /* A U+FFFD written in the text decodes to 3 bytes; an error to 1. */
        bool bad = codepoint == 0 || (codepoint == 0xFFFD && consumed == 1);
        const char *piece = bad ? replacement : text + i;
        size_t piece_length = bad ? 3 : consumed;
        if (o + piece_length >= size)
            break;
        memcpy(out + o, piece, piece_length);
        o += piece_length;
        i += consumed;
    }
    out[o] = '\0';
    return o;
}

/* A copy of text[0..length) that is valid UTF-8 (see write_valid_utf8).
 * Every text that leaves the query layer goes through here: a bundle may
 * hold any bytes. Caller frees. */
static char *valid_utf8_copy(const char *text, size_t length)
{
    /* Each input byte becomes at most 3 output bytes. */
    if (length > (SIZE_MAX - 1) / 3)
        abort();
    char *copy = malloc(length * 3 + 1);
    if (!copy)
        abort();
    size_t used = write_valid_utf8(copy, length * 3 + 1, text, length);
    char *shrunk = realloc(copy, used + 1);
    return shrunk ? shrunk : copy;
}

static char *valid_utf8_strdup(const char *text)
{
    return text ? valid_utf8_copy(text, strlen(text)) : NULL;
}

/* Column i of the current row as a checked copy, NULL for SQL NULL. Reads
 * the length SQLite reports, so a NUL inside the value is replaced rather
 * than cutting the text short. */
static char *column_text(sqlite3_stmt *stmt, int i)
{
    const char *text = (const char *)sqlite3_column_text(stmt, i);
    if (!text)
        return NULL;
    int length = sqlite3_column_bytes(stmt, i);
    return valid_utf8_copy(text, length > 0 ? (size_t)length : 0);
}

/* Column i for a column the schema declares NOT NULL: a hostile bundle may
 * still hold NULL there, which the caller gets as "" so it never has to
 * check. */
static char *column_text_or_empty(sqlite3_stmt *stmt, int i)
{
    char *text = column_text(stmt, i);
    return text ? text : valid_utf8_copy("", 0);
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
    const char *prefix = "Cannot open the bundle ";
    size_t length = strlen(prefix) + strlen(path) + 2 + strlen(reason);
    char *message = malloc(length + 1);
    if (!message)
        abort();
    snprintf(message, length + 1, "%s%s: %s", prefix, path, reason);
    /* SQLite's message for a damaged schema quotes the file's own SQL, line
     * breaks included (found by tests/fuzz/fuzz_bundle): control characters
     * become spaces so that the message stays the one line promised. */
    for (char *p = message; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
    /* The reason may quote names from the file, cut at a byte count: the
     * message goes out as valid UTF-8 all the same. */
    if (error_size)
        write_valid_utf8(error, error_size, message, length);
    free(message);
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
        if (sqlite3_column_type(stmt, 0) == SQLITE_NULL || sqlite3_column_type(stmt, 1) == SQLITE_NULL)
            continue;
        b->meta_keys[b->meta_count] = column_text(stmt, 0);
        b->meta_values[b->meta_count] = column_text(stmt, 1);
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
    /* Every statement must be finalized first, or the close fails. */
    for (size_t i = 0; i < QUERY_COUNT; i++)
        sqlite3_finalize(b->prepared[i]);
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
    if (!ok && result) {
        /* quick_check's report spans lines ("*** in database main ***\nPage 17: ...");
         * the reason must be one line. */
        const char *banner = "*** in database main ***";
        if (strncmp(result, banner, strlen(banner)) == 0)
            result += strlen(banner);
        char reason[201];
        size_t n = 0;
        for (; *result && n < sizeof reason - 1; result++)
            if (!(n == 0 && (*result == '\n' || *result == ' ')))
                reason[n++] = *result == '\n' || *result == '\r' ? ' ' : *result;
        reason[n] = '\0';
        fail(error, error_size, b->path, "the file is damaged (%s). Copy the bundle again.", reason);
    }
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

    /* Every text must fit what the builder accepts (16 MB per source file);
     * reading one beyond the connection's length limit fails with TOOBIG. */
    if (sqlite3_prepare_v2(b->db,
                           "SELECT id FROM statement WHERE length(title) > 16777216 OR length(body) > 16777216"
                           " LIMIT 1",
                           -1, &stmt, NULL) != SQLITE_OK) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    rc = sqlite3_step(stmt);
    long long oversized = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    int code = sqlite3_errcode(b->db);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_ROW || (rc != SQLITE_DONE && code == SQLITE_TOOBIG)) {
        if (oversized)
            fail(error, error_size, b->path,
                 "statement %lld is larger than any real statement (over 16 MB); the bundle may have been tampered "
                 "with. Build it again with rostrum-bundle.",
                 oversized);
        else
            fail(error, error_size, b->path,
                 "a statement is larger than any real statement (over 32 MB); the bundle may have been tampered with. "
                 "Build it again with rostrum-bundle.");
        return false;
    }
    if (rc != SQLITE_DONE) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    return true;
}

/* ---- prepared queries ---- */

/* Query q, prepared on first use and kept until the bundle is closed; NULL
 * when SQLite cannot prepare it (a schema the query does not fit). The
 * caller binds, steps, and hands it back with done_with. */
static sqlite3_stmt *cached_query(rs_bundle *b, enum query q)
{
    if (!b->prepared[q] &&
        sqlite3_prepare_v3(b->db, query_sql[q], -1, SQLITE_PREPARE_PERSISTENT, &b->prepared[q], NULL) != SQLITE_OK) {
        sqlite3_finalize(b->prepared[q]);
        b->prepared[q] = NULL;
    }
    return b->prepared[q];
}

/* Makes stmt ready for its next use, and drops the bindings so that no
 * pointer to the caller's memory stays bound after it returns. */
static void done_with(sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

/* Binds at most the first max_length bytes of text, so a caller's array that
 * lacks its terminating NUL is never read past its end. */
static void bind_text_bounded(sqlite3_stmt *stmt, int i, const char *text, size_t max_length)
{
    sqlite3_bind_text(stmt, i, text, (int)strnlen(text, max_length), SQLITE_TRANSIENT);
}

/* A stored count: never negative, whatever the file says. */
static int64_t column_count(sqlite3_stmt *stmt, int i)
{
    int64_t count = sqlite3_column_int64(stmt, i);
    return count > 0 ? count : 0;
}

static void *grow(void *items, size_t *capacity, size_t count, size_t item_size)
{
    if (count < *capacity)
        return items;
    *capacity = *capacity ? *capacity * 2 : 16;
    items = realloc(items, *capacity * item_size);
    if (!items)
        abort();
    return items;
}

/* ---- facets ---- */

static bool read_facets(rs_bundle *b, enum query q, rs_facet_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, q);
    if (!stmt)
        return false;
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
        rs_facet *f = &out->items[out->count++];
        /* Column values are loans until the next step: copy them now. */
        f->key = column_text_or_empty(stmt, 0);
        f->label = column_text_or_empty(stmt, 1);
        f->date = column_text(stmt, 2);
        f->count = column_count(stmt, 3);
    }
    done_with(stmt);
    if (rc != SQLITE_DONE) {
        rs_facet_list_clear(out);
        return false;
    }
    return true;
}

bool rs_bundle_years(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b, Q_YEARS, out);
}

bool rs_bundle_countries(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b, Q_COUNTRIES, out);
}

bool rs_bundle_incidents(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b, Q_INCIDENTS, out);
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

/* "search failed: " and SQLite's message, as one line of valid UTF-8: the
 * message can quote bytes of the file, such as a tokenizer option in the
 * index's declaration (found by tests/fuzz/fuzz_bundle). */
static void search_error(rs_bundle *b, char *error, size_t error_size)
{
    if (!error_size)
        return;
    char message[512];
    int n = snprintf(message, sizeof message, "search failed: %s", sqlite3_errmsg(b->db));
    size_t length = n < 0 ? 0 : (size_t)n < sizeof message ? (size_t)n : sizeof message - 1;
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)message[i] < 0x20 || message[i] == 0x7F)
            message[i] = ' ';
    write_valid_utf8(error, error_size, message, length);
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
    sqlite3_stmt *stmt = cached_query(b, Q_SEARCH);
    if (!stmt) {
        search_error(b, error, error_size);
        free(expression);
        return false;
    }
    sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, clamp_to_int64(limit));
    sqlite3_bind_int64(stmt, 3, clamp_to_int64(offset));
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
        rs_search_hit *hit = &out->items[out->count++];
        hit->id = sqlite3_column_int64(stmt, 0);
        hit->slug = column_text_or_empty(stmt, 1);
        hit->date = column_text(stmt, 2);
        hit->outlet = column_text(stmt, 3);
        hit->title = column_text_or_empty(stmt, 4);
        hit->snippet = column_text_or_empty(stmt, 5);
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok) {
        search_error(b, error, error_size);
        rs_search_results_clear(out);
    }
    done_with(stmt); /* before freeing the expression it was bound to */
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

/* ---- browsing ---- */

/* An integer meta value (statement_count, undated_first_id); false when it
 * is missing or not a plain decimal integer. */
static bool meta_int(const rs_bundle *b, const char *key, int64_t *value)
{
    const char *text = rs_bundle_meta(b, key);
    if (!text || !*text)
        return false;
    char *end;
    errno = 0;
    long long parsed = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *value = parsed;
    return true;
}

/* A date part as rs_statement has it: 1..max, or 0 for NULL and for
 * anything a date part cannot be. */
static int column_date_part(sqlite3_stmt *stmt, int i, int max)
{
    int64_t value = sqlite3_column_int64(stmt, i);
    return value >= 1 && value <= max ? (int)value : 0;
}

/* Two ASCII capital letters: the only country codes a bundle can hold. Any
 * other value is skipped, so that it can never be cut to fit code[3] and be
 * taken for another country. */
static bool is_country_code(const char *code, size_t length)
{
    return code && length == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

/* Column i's text, or NULL when the value is not text: a blob or a number
 * where a code or a role belongs is no code or role, even if its bytes or
 * digits would read as one. *length receives the length in bytes. */
static const char *column_if_text(sqlite3_stmt *stmt, int i, size_t *length)
{
    const char *text = NULL;
    if (sqlite3_column_type(stmt, i) == SQLITE_TEXT)
        text = (const char *)sqlite3_column_text(stmt, i);
    *length = text ? (size_t)sqlite3_column_bytes(stmt, i) : 0;
    return text;
}

/* The rs_roles index of column i's text, or -1 when it names no role. */
static int column_role(sqlite3_stmt *stmt, int i)
{
    size_t length;
    const char *text = column_if_text(stmt, i, &length);
    for (int r = 0; text && r < RS_ROLE_COUNT; r++)
        if (length == strlen(rs_roles[r]) && memcmp(text, rs_roles[r], length) == 0)
            return r;
    return -1;
}

/* The role names of the bits set in role_bits, in rs_roles order,
 * space-separated. Caller frees. */
static char *roles_text(unsigned role_bits)
{
    char text[64] = "";
    for (int r = 0; r < RS_ROLE_COUNT; r++)
        if (role_bits & (1u << r)) {
            if (text[0])
                strcat(text, " ");
            strcat(text, rs_roles[r]);
        }
    return valid_utf8_strdup(text);
}

/* A country's name from column i, or its code when the bundle has no name
 * for it, so the screen always has something to show. */
static char *column_country_name(sqlite3_stmt *stmt, int i, const char *code)
{
    char *name = column_text(stmt, i);
    return name ? name : valid_utf8_copy(code, 2);
}

/* Steps a query that returns at most one count and hands it back. *count is
 * 0 when there is no row (no such year, country, incident). */
static bool step_count(sqlite3_stmt *stmt, int64_t *count)
{
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *count = column_count(stmt, 0);
    done_with(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

bool rs_bundle_months(rs_bundle *b, int year, rs_facet_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_MONTHS);
    if (!stmt)
        return false;
    sqlite3_bind_int(stmt, 1, year);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t month = sqlite3_column_int64(stmt, 0);
        /* A month that is no month has no name and no list: leave it out. */
        if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER || month < 0 || month > 12)
            continue;
        char key[32];
        snprintf(key, sizeof key, "%04d-%02d", year, (int)month);
        out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
        rs_facet *f = &out->items[out->count++];
        f->key = valid_utf8_strdup(key);
        f->label = valid_utf8_strdup(rs_date_month_name((int)month));
        f->date = NULL;
        f->count = column_count(stmt, 1);
    }
    done_with(stmt);
    if (rc != SQLITE_DONE) {
        rs_facet_list_clear(out);
        return false;
    }
    return true;
}

/* Lists whose rows are a run of ids: statements are numbered in time order,
 * so a year, a month, the undated and the whole collection are each one id
 * range. The other lists are read by position (pos). */
static bool is_id_range_list(rs_list_kind kind)
{
    return kind == RS_LIST_YEAR || kind == RS_LIST_MONTH || kind == RS_LIST_UNDATED || kind == RS_LIST_ALL;
}

/* A spec the query layer can answer: a known kind and, for countries, a role
 * of -1 (all) or an rs_roles index. */
static bool is_valid_spec(const rs_list_spec *spec)
{
    switch (spec->kind) {
    case RS_LIST_YEAR:
    case RS_LIST_MONTH:
    case RS_LIST_UNDATED:
    case RS_LIST_ALL:
    case RS_LIST_INCIDENT:
        return true;
    case RS_LIST_COUNTRY:
        return spec->role >= -1 && spec->role < RS_ROLE_COUNT;
    }
    return false;
}

/* The id range of an id-range list: its rows are ids first_id ..
 * first_id + count - 1. count is 0 when there is no such year or month. The
 * values are as stored; the caller clips them. */
static bool list_id_range(rs_bundle *b, const rs_list_spec *spec, int64_t *first_id, int64_t *count)
{
    *first_id = 0, *count = 0;
    if (spec->kind == RS_LIST_YEAR || spec->kind == RS_LIST_MONTH) {
        sqlite3_stmt *stmt = cached_query(b, spec->kind == RS_LIST_YEAR ? Q_YEAR_RANGE : Q_MONTH_RANGE);
        if (!stmt)
            return false;
        sqlite3_bind_int(stmt, 1, spec->year);
        if (spec->kind == RS_LIST_MONTH)
            sqlite3_bind_int(stmt, 2, spec->month);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            *count = column_count(stmt, 0);
            *first_id = sqlite3_column_int64(stmt, 1);
        }
        done_with(stmt);
        return rc == SQLITE_ROW || rc == SQLITE_DONE;
    }
    int64_t statement_count;
    if (!meta_int(b, "statement_count", &statement_count))
        return false;
    if (spec->kind == RS_LIST_ALL) {
        *first_id = 1;
        *count = statement_count > 0 ? statement_count : 0;
        return true;
    }
    /* The undated come last: ids undated_first_id .. statement_count (0 when
     * every statement has a date). */
    int64_t undated_first_id;
    if (!meta_int(b, "undated_first_id", &undated_first_id))
        return false;
    if (undated_first_id >= 1 && undated_first_id <= statement_count) {
        *first_id = undated_first_id;
        *count = statement_count - undated_first_id + 1;
    }
    return true;
}

bool rs_bundle_list_count(rs_bundle *b, const rs_list_spec *spec, int64_t *count)
{
    *count = 0;
    if (!is_valid_spec(spec))
        return false;
    if (is_id_range_list(spec->kind)) {
        int64_t first_id;
        return list_id_range(b, spec, &first_id, count);
    }
    sqlite3_stmt *stmt;
    if (spec->kind == RS_LIST_INCIDENT) {
        if (!(stmt = cached_query(b, Q_INCIDENT_COUNT)))
            return false;
        sqlite3_bind_int64(stmt, 1, spec->incident_id);
    } else if (spec->role < 0) {
        if (!(stmt = cached_query(b, Q_COUNTRY_COUNT)))
            return false;
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
    } else {
        if (!(stmt = cached_query(b, Q_COUNTRY_ROLE_COUNT)))
            return false;
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
        sqlite3_bind_text(stmt, 2, rs_roles[spec->role], -1, SQLITE_STATIC);
    }
    return step_count(stmt, count);
}

/* Reads every row of a list query (ROW_COLUMNS, then the roles column for
 * the all-roles country list) into out and hands stmt back. role_name is the
 * roles text of every row of a one-role country list, else NULL. */
static bool read_rows(sqlite3_stmt *stmt, const char *role_name, rs_statement_rows *out)
{
    bool has_roles_column = sqlite3_column_count(stmt) > 7;
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
        rs_statement_row *row = &out->items[out->count++];
        row->id = sqlite3_column_int64(stmt, 0);
        row->date = column_text(stmt, 1);
        row->date_inferred = sqlite3_column_int(stmt, 2) != 0;
        row->outlet = column_text(stmt, 3);
        row->title = column_text_or_empty(stmt, 4);
        row->language = column_text_or_empty(stmt, 5);
        row->slug = column_text_or_empty(stmt, 6);
        row->roles = has_roles_column ? column_text_or_empty(stmt, 7)
                     : role_name      ? valid_utf8_strdup(role_name)
                                      : NULL;
    }
    done_with(stmt);
    if (rc != SQLITE_DONE) {
        rs_statement_rows_clear(out);
        return false;
    }
    return true;
}

bool rs_bundle_list_page(rs_bundle *b, const rs_list_spec *spec, int64_t offset, size_t limit,
                         rs_statement_rows *out)
{
    memset(out, 0, sizeof *out);
    if (!is_valid_spec(spec))
        return false;
    /* Before the start, or no rows asked for: an empty page, not an error. */
    if (offset < 0 || limit == 0)
        return true;
    /* The page is positions offset .. last_offset, clipped so that no
     * arithmetic overflows whatever the caller or the file says. */
    int64_t row_limit = clamp_to_int64(limit);
    int64_t last_offset = offset > INT64_MAX - (row_limit - 1) ? INT64_MAX : offset + (row_limit - 1);
    sqlite3_stmt *stmt;
    const char *role_name = NULL;
    if (is_id_range_list(spec->kind)) {
        int64_t first_id, count;
        if (!list_id_range(b, spec, &first_id, &count))
            return false;
        /* A range starting before id 1 is damage; past the end, no rows. */
        if (first_id < 1 || offset >= count || first_id > INT64_MAX - offset)
            return true;
        if (last_offset > count - 1)
            last_offset = count - 1;
        if (!(stmt = cached_query(b, Q_ROWS_BY_ID)))
            return false;
        sqlite3_bind_int64(stmt, 1, first_id + offset);
        sqlite3_bind_int64(stmt, 2, first_id > INT64_MAX - last_offset ? INT64_MAX : first_id + last_offset);
        sqlite3_bind_int64(stmt, 3, row_limit);
    } else if (spec->kind == RS_LIST_INCIDENT) {
        if (!(stmt = cached_query(b, Q_ROWS_BY_INCIDENT)))
            return false;
        sqlite3_bind_int64(stmt, 1, spec->incident_id);
        sqlite3_bind_int64(stmt, 2, offset);
        sqlite3_bind_int64(stmt, 3, last_offset);
        sqlite3_bind_int64(stmt, 4, row_limit);
    } else if (spec->role < 0) {
        if (!(stmt = cached_query(b, Q_ROWS_BY_COUNTRY)))
            return false;
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
        sqlite3_bind_int64(stmt, 2, offset);
        sqlite3_bind_int64(stmt, 3, last_offset);
        sqlite3_bind_int64(stmt, 4, row_limit);
    } else {
        if (!(stmt = cached_query(b, Q_ROWS_BY_COUNTRY_ROLE)))
            return false;
        role_name = rs_roles[spec->role];
        bind_text_bounded(stmt, 1, spec->country, sizeof spec->country);
        sqlite3_bind_text(stmt, 2, role_name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, offset);
        sqlite3_bind_int64(stmt, 4, last_offset);
        sqlite3_bind_int64(stmt, 5, row_limit);
    }
    return read_rows(stmt, role_name, out);
}

void rs_statement_rows_clear(rs_statement_rows *rows)
{
    for (size_t i = 0; i < rows->count; i++) {
        rs_statement_row *row = &rows->items[i];
        free(row->date), free(row->outlet), free(row->title), free(row->language), free(row->roles);
        free(row->slug);
    }
    free(rows->items);
    memset(rows, 0, sizeof *rows);
}

/* The countries of statement id, one link per country in code order with
 * its roles in rs_roles order. Rows with a code or a role a bundle cannot
 * hold are left out. The order is made here, not taken from SQL: a hostile
 * file can declare a collation or store codes as blobs so that ORDER BY
 * returns them in any order (found by tests/fuzz/fuzz_bundle). There are
 * only 26 x 26 codes, so one slot per code does it in one pass. */
enum { COUNTRY_SLOTS = 26 * 26 };

static bool read_statement_countries(rs_bundle *b, int64_t id, rs_statement *out)
{
    sqlite3_stmt *stmt = cached_query(b, Q_STATEMENT_COUNTRIES);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    unsigned *role_bits = calloc(COUNTRY_SLOTS, sizeof *role_bits);
    char **names = calloc(COUNTRY_SLOTS, sizeof *names);
    if (!role_bits || !names)
        abort();
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        size_t code_length;
        const char *code = column_if_text(stmt, 0, &code_length);
        int role = column_role(stmt, 1);
        if (!is_country_code(code, code_length) || role < 0)
            continue;
        size_t slot = (size_t)(code[0] - 'A') * 26 + (size_t)(code[1] - 'A');
        if (!names[slot]) {
            char terminated[3] = {code[0], code[1], '\0'};
            names[slot] = column_country_name(stmt, 2, terminated);
        }
        role_bits[slot] |= 1u << role;
    }
    done_with(stmt);
    size_t count = 0;
    for (size_t slot = 0; slot < COUNTRY_SLOTS; slot++)
        count += names[slot] != NULL;
    if (count) {
        out->countries = calloc(count, sizeof *out->countries);
        if (!out->countries)
            abort();
    }
    for (size_t slot = 0; slot < COUNTRY_SLOTS; slot++) {
        if (!names[slot])
            continue;
        rs_country_link *link = &out->countries[out->country_count++];
        link->code[0] = (char)('A' + slot / 26);
        link->code[1] = (char)('A' + slot % 26);
        link->code[2] = '\0';
        link->name = names[slot];
        link->roles = roles_text(role_bits[slot]);
    }
    free(role_bits);
    free(names);
    return rc == SQLITE_DONE;
}

/* The incidents of statement id, by date (undated last), then name. */
static bool read_statement_incidents(rs_bundle *b, int64_t id, rs_statement *out)
{
    sqlite3_stmt *stmt = cached_query(b, Q_STATEMENT_INCIDENTS);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        out->incidents = grow(out->incidents, &capacity, out->incident_count, sizeof *out->incidents);
        rs_incident_link *link = &out->incidents[out->incident_count++];
        link->id = sqlite3_column_int64(stmt, 0);
        link->slug = column_text_or_empty(stmt, 1);
        link->name = column_text_or_empty(stmt, 2);
    }
    done_with(stmt);
    return rc == SQLITE_DONE;
}

/* A text the schema declares NOT NULL (slug, title, language, kind, body)
 * comes back as "" when a damaged bundle holds NULL there, so the statement
 * still opens and the caller never checks for NULL. */
bool rs_bundle_statement(rs_bundle *b, int64_t id, rs_statement *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_STATEMENT);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    bool in_group = false;
    int64_t same_group = 0;
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(stmt, 0);
        out->slug = column_text_or_empty(stmt, 1);
        out->title = column_text_or_empty(stmt, 2);
        out->title_note = column_text(stmt, 3);
        out->date = column_text(stmt, 4);
        out->date_note = column_text(stmt, 5);
        out->outlet = column_text(stmt, 6);
        out->speaker = column_text(stmt, 7);
        out->speaker_role = column_text(stmt, 8);
        out->language = column_text_or_empty(stmt, 9);
        out->url = column_text(stmt, 10);
        out->kind = column_text_or_empty(stmt, 11);
        out->body = column_text_or_empty(stmt, 12);
        out->year = column_date_part(stmt, 13, 9999);
        out->month = column_date_part(stmt, 14, 12);
        out->day = column_date_part(stmt, 15, 31);
        in_group = sqlite3_column_type(stmt, 16) != SQLITE_NULL;
        same_group = sqlite3_column_int64(stmt, 16);
    }
    done_with(stmt);
    bool ok = rc == SQLITE_ROW && read_statement_countries(b, id, out) && read_statement_incidents(b, id, out);
    if (ok && in_group) {
        ok = (stmt = cached_query(b, Q_SAME_GROUP_ROWS)) != NULL;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, same_group);
            sqlite3_bind_int64(stmt, 2, id);
            ok = read_rows(stmt, NULL, &out->same_as);
        }
    }
    if (!ok)
        rs_statement_clear(out);
    return ok;
}

int64_t rs_bundle_statement_id(rs_bundle *b, const char *slug)
{
    sqlite3_stmt *stmt = cached_query(b, Q_STATEMENT_BY_SLUG);
    if (!stmt)
        return 0;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    done_with(stmt);
    /* Ids start at 1: anything else would be taken for "no statement". */
    return id > 0 ? id : 0;
}

void rs_statement_clear(rs_statement *s)
{
    free(s->slug), free(s->title), free(s->title_note), free(s->date), free(s->date_note), free(s->outlet);
    free(s->speaker), free(s->speaker_role), free(s->language), free(s->url), free(s->kind), free(s->body);
    for (size_t i = 0; i < s->country_count; i++)
        free(s->countries[i].name), free(s->countries[i].roles);
    free(s->countries);
    for (size_t i = 0; i < s->incident_count; i++)
        free(s->incidents[i].slug), free(s->incidents[i].name);
    free(s->incidents);
    rs_statement_rows_clear(&s->same_as);
    memset(s, 0, sizeof *s);
}

bool rs_bundle_incident(rs_bundle *b, const char *slug, rs_incident_detail *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_INCIDENT_BY_SLUG);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, slug, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(stmt, 0);
        out->slug = column_text_or_empty(stmt, 1);
        out->name = column_text_or_empty(stmt, 2);
        out->date = column_text(stmt, 3);
        out->date_note = column_text(stmt, 4);
        out->summary = column_text_or_empty(stmt, 5);
        out->count = column_count(stmt, 6);
    }
    done_with(stmt);
    return rc == SQLITE_ROW;
}

void rs_incident_detail_clear(rs_incident_detail *incident)
{
    free(incident->slug), free(incident->name), free(incident->date), free(incident->date_note);
    free(incident->summary);
    memset(incident, 0, sizeof *incident);
}

_Static_assert(sizeof ((rs_country_detail *)0)->role_counts / sizeof(int64_t) == RS_ROLE_COUNT,
               "rs_country_detail.role_counts has one count per role");

bool rs_bundle_country(rs_bundle *b, const char *code, rs_country_detail *out)
{
    memset(out, 0, sizeof *out);
    if (!code || !is_country_code(code, strnlen(code, 3)))
        return false;
    memcpy(out->code, code, 2);
    sqlite3_stmt *stmt = cached_query(b, Q_COUNTRY_BY_CODE);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, out->code, 2, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        out->name = column_country_name(stmt, 0, out->code);
        out->count = column_count(stmt, 1);
    }
    done_with(stmt);
    bool ok = rc == SQLITE_ROW && (stmt = cached_query(b, Q_COUNTRY_ROLES)) != NULL;
    if (ok) {
        sqlite3_bind_text(stmt, 1, out->code, 2, SQLITE_STATIC);
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int role = column_role(stmt, 0);
            if (role >= 0)
                out->role_counts[role] = column_count(stmt, 1);
        }
        done_with(stmt);
        ok = rc == SQLITE_DONE;
    }
    if (!ok)
        rs_country_detail_clear(out);
    return ok;
}

void rs_country_detail_clear(rs_country_detail *country)
{
    free(country->name);
    memset(country, 0, sizeof *country);
}
