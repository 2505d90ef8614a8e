#include "bundle.h"

#include <errno.h>
#include <math.h>
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
#include "search_query.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "utf8.h"

#define META_MAX 64

static bool meta_int(const rs_bundle *b, const char *key, int64_t *value);
static const char *column_if_text(sqlite3_stmt *stmt, int i, size_t *length);
static bool register_rank(sqlite3 *db);

/* Defined here, in the store library that every reader links, rather than in
 * the builder, so the viewer has the role names without the builder. */
const char *const rs_roles[RS_ROLE_COUNT] = {"speaker", "accuser", "accused", "victim", "mentioned"};
const char *const rs_suggestion_kinds[RS_SUGGESTION_KIND_COUNT] = {"incident", "outlet", "speaker", "term"};

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
    Q_LATEST_INCIDENT,
    Q_SEARCH_RANK,
    Q_SEARCH_HIT,
    Q_TERM_DOCUMENTS,
    Q_TERM_COMPLETIONS,
    Q_SUGGESTIONS,
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
    Q_TRANSLATION_ROWS,
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

/* How many other statements of one same_as (or translation) group are read
 * at most: a real group is a handful of copies; a hostile bundle could put
 * every statement in one group. */
#define SAME_AS_MAX 1000

static const char *const query_sql[QUERY_COUNT] = {
    [Q_YEARS] = "SELECT year, year, NULL, statement_count FROM year_count ORDER BY year DESC",
    /* Country names in the language set with rs_bundle_set_language (?9),
     * English when the bundle has none in it. */
    [Q_COUNTRIES] = "SELECT c.code, COALESCE(n.name, c.name), NULL, c.statement_count FROM country c"
                    " LEFT JOIN country_name n ON n.code = c.code AND n.language = ?9 ORDER BY 2, 1",
    [Q_INCIDENTS] = "SELECT slug, name, date, statement_count FROM incident ORDER BY date IS NULL, date, name",
    /* One row from the end of the index incident_by_date (date, name, id). */
    [Q_LATEST_INCIDENT] = "SELECT slug, name, date, statement_count FROM incident WHERE date IS NOT NULL"
                          " ORDER BY date DESC, name DESC, id DESC LIMIT 1",
    /* Search is two steps. The ranking reads only the index, newest match
     * first, and stops after ?3 rows: its cost is bounded whatever the query
     * matches. Each hit of the page is then read alone, with its snippet, so
     * no snippet is made for a row the visitor will not see (making one for
     * every match before sorting was most of the time of a search). */
    [Q_SEARCH_RANK] = "SELECT rowid, rostrum_rank(statement_fts, ?2) FROM statement_fts"
                      " WHERE statement_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3",
    [Q_SEARCH_HIT] = "SELECT s.id, s.slug, s.date, o.name, s.title,"
                     "  snippet(statement_fts, 1, '" RS_MARK_START "', '" RS_MARK_END "', '…', 24)"
                     " FROM statement_fts f JOIN statement s ON s.id = f.rowid" ROW_OUTLET_JOIN
                     " WHERE statement_fts MATCH ?1 AND f.rowid = ?2",
    [Q_TERM_DOCUMENTS] = "SELECT doc_count FROM term_stat WHERE term = ?1",
    [Q_TERM_COMPLETIONS] = "SELECT term FROM term_stat WHERE term >= ?1 AND term < ?2"
                           " ORDER BY doc_count DESC, term LIMIT 64",
    [Q_SUGGESTIONS] = "SELECT kind, query, label, language, statement_count FROM suggestion ORDER BY pos LIMIT ?1",
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
                    " s.language, s.url, s.kind, t.body, s.year, s.month, s.day, s.same_group, s.translation_group"
                    " FROM statement s JOIN statement_text t ON t.id = s.id" ROW_OUTLET_JOIN
                    " LEFT JOIN speaker p ON p.id = s.speaker_id WHERE s.id = ?1",
    [Q_STATEMENT_COUNTRIES] = "SELECT l.country_code, l.role, COALESCE(n.name, c.name) FROM statement_country l"
                              " LEFT JOIN country c ON c.code = l.country_code"
                              " LEFT JOIN country_name n ON n.code = l.country_code AND n.language = ?9"
                              " WHERE l.statement_id = ?1",
    [Q_STATEMENT_INCIDENTS] = "SELECT i.id, i.slug, i.name FROM statement_incident l"
                              " JOIN incident i ON i.id = l.incident_id"
                              " WHERE l.statement_id = ?1 ORDER BY i.date IS NULL, i.date, i.name, i.id",
    [Q_SAME_GROUP_ROWS] = "SELECT " ROW_COLUMNS " FROM statement s" ROW_OUTLET_JOIN
                          " WHERE s.same_group = ?1 AND s.id != ?2 ORDER BY s.id LIMIT " RS_STRINGIFY(SAME_AS_MAX),
    [Q_TRANSLATION_ROWS] = "SELECT " ROW_COLUMNS " FROM statement s" ROW_OUTLET_JOIN
                           " WHERE s.translation_group = ?1 AND s.id != ?2 ORDER BY s.id LIMIT "
                           RS_STRINGIFY(SAME_AS_MAX),
    [Q_STATEMENT_BY_SLUG] = "SELECT id FROM statement WHERE slug = ?1",
    [Q_INCIDENT_BY_SLUG] = ("SELECT id, slug, name, date, date_note, summary, statement_count FROM incident"
                            " WHERE slug = ?1"),
    [Q_COUNTRY_BY_CODE] = "SELECT COALESCE(n.name, c.name), c.statement_count FROM country c"
                          " LEFT JOIN country_name n ON n.code = c.code AND n.language = ?9 WHERE c.code = ?1",
    [Q_COUNTRY_ROLES] = "SELECT role, statement_count FROM country_role WHERE country_code = ?1",
};

struct rs_bundle {
    sqlite3 *db;
    char *path;
    size_t meta_count;
    char *meta_keys[META_MAX];
    char *meta_values[META_MAX];
    sqlite3_stmt *prepared[QUERY_COUNT]; /* NULL until first used */
    /* The index's tokenizers, for queries and highlights; NULL until used. */
    fts5_tokenizer porter_methods, fold_methods;
    Fts5Tokenizer *porter, *fold;
    /* The last search's ranking, so that its next page is not ranked again. */
    char *ranking_expression;
    struct ranked *ranking;
    size_t ranking_count;
    bool ranking_more;
    char language[16]; /* for country names; "" for English */
};

/* The tables format version 2 must have; anything missing is refused. */
static const char *const required_tables[] = {
    "meta", "outlet", "speaker", "statement", "statement_text", "year_count", "month_count", "country",
    "country_name", "country_role", "country_statement", "statement_country", "incident", "statement_incident",
    "suggestion", "term_stat", "statement_fts",
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
    if (version < RS_BUNDLE_FORMAT_VERSION) {
        fail(error, error_size, path,
             "the bundle is format version %u, older than this Rostrum reads (version %d). Rebuild it from its "
             "sources with rostrum-bundle build.",
             version, RS_BUNDLE_FORMAT_VERSION);
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
             rs_tokenizer_register(b->db) == SQLITE_OK && register_rank(b->db);
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
    if (b->porter)
        b->porter_methods.xDelete(b->porter);
    if (b->fold)
        b->fold_methods.xDelete(b->fold);
    free(b->ranking_expression);
    free(b->ranking);
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

    int64_t rows = -1, texts = -1;
    const char *stored = rs_bundle_meta(b, "statement_count");
    if (!query_int(b, "SELECT count(*) FROM statement", &rows) ||
        !query_int(b, "SELECT count(*) FROM statement_text", &texts)) {
        fail_sqlite(error, error_size, b->path, b->db);
        return false;
    }
    if (!stored || strtoll(stored, NULL, 10) != rows) {
        fail(error, error_size, b->path, "its metadata counts %s statements but it holds %lld. Build it again with rostrum-bundle.",
             stored ? stored : "no", (long long)rows);
        return false;
    }
    /* Every statement has its text, and no text is without its statement:
     * equal counts and no statement without a text (both keyed by id). */
    int64_t missing = 0;
    bool textless = false;
    if (texts == rows) {
        if (sqlite3_prepare_v2(b->db,
                               "SELECT s.id FROM statement s"
                               " WHERE NOT EXISTS (SELECT 1 FROM statement_text t WHERE t.id = s.id) LIMIT 1",
                               -1, &stmt, NULL) != SQLITE_OK) {
            fail_sqlite(error, error_size, b->path, b->db);
            return false;
        }
        rc = sqlite3_step(stmt);
        textless = rc == SQLITE_ROW;
        missing = textless ? sqlite3_column_int64(stmt, 0) : 0;
        sqlite3_finalize(stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            fail_sqlite(error, error_size, b->path, b->db);
            return false;
        }
    }
    if (texts != rows || textless) {
        if (texts != rows)
            fail(error, error_size, b->path,
                 "it holds %lld statements but %lld statement texts; the bundle may have been tampered with. Build it "
                 "again with rostrum-bundle.",
                 (long long)rows, (long long)texts);
        else
            fail(error, error_size, b->path,
                 "statement %lld has no text; the bundle may have been tampered with. Build it again with "
                 "rostrum-bundle.",
                 (long long)missing);
        return false;
    }

    /* Every text must fit what the builder accepts (16 MB per source file);
     * reading one beyond the connection's length limit fails with TOOBIG.
     * The list rows hold the title, the texts the title again and the body. */
    static const char *const oversized_sql[] = {
        "SELECT id FROM statement WHERE length(title) > 16777216 LIMIT 1",
        "SELECT id FROM statement_text WHERE length(title) > 16777216 OR length(body) > 16777216 LIMIT 1",
    };
    for (size_t i = 0; i < sizeof oversized_sql / sizeof oversized_sql[0]; i++) {
        if (sqlite3_prepare_v2(b->db, oversized_sql[i], -1, &stmt, NULL) != SQLITE_OK) {
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
                     "statement %lld is larger than any real statement (over 16 MB); the bundle may have been "
                     "tampered with. Build it again with rostrum-bundle.",
                     oversized);
            else
                fail(error, error_size, b->path,
                     "a statement is larger than any real statement (over 32 MB); the bundle may have been tampered "
                     "with. Build it again with rostrum-bundle.");
            return false;
        }
        if (rc != SQLITE_DONE) {
            fail_sqlite(error, error_size, b->path, b->db);
            return false;
        }
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
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_COUNTRIES);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 9, b->language, -1, SQLITE_STATIC);
    return read_facets(b, Q_COUNTRIES, out);
}

void rs_bundle_release_memory(rs_bundle *b)
{
    sqlite3_db_release_memory(b->db);
}

void rs_bundle_set_language(rs_bundle *b, const char *language)
{
    /* Only a plain tag (letters, '_', '-'): anything else names no language. */
    size_t n = language ? strlen(language) : 0;
    bool plain = n < sizeof b->language;
    for (size_t i = 0; plain && i < n; i++) {
        char c = language[i];
        plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    }
    if (!plain || (n == 2 && strcmp(language, "en") == 0))
        n = 0;
    memcpy(b->language, language ? language : "", n);
    b->language[n] = '\0';
}

bool rs_bundle_incidents(rs_bundle *b, rs_facet_list *out)
{
    return read_facets(b, Q_INCIDENTS, out);
}

bool rs_bundle_latest_incident(rs_bundle *b, rs_facet *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_LATEST_INCIDENT);
    if (!stmt)
        return false;
    bool found = sqlite3_step(stmt) == SQLITE_ROW;
    if (found) {
        out->key = column_text_or_empty(stmt, 0);
        out->label = column_text_or_empty(stmt, 1);
        out->date = column_text_or_empty(stmt, 2);
        out->count = column_count(stmt, 3);
    }
    done_with(stmt);
    return found;
}

void rs_facet_clear(rs_facet *facet)
{
    free(facet->key);
    free(facet->label);
    free(facet->date);
    memset(facet, 0, sizeof *facet);
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

/* At most this many words of a query are searched (a visitor types a few;
 * the rest of a pasted page is ignored), and a word being typed is completed
 * to at most TYPING_COMPLETIONS index terms. */
#define QUERY_WORDS_MAX 16
#define TYPING_COMPLETIONS 8
#define PHRASES_MAX (QUERY_WORDS_MAX + TYPING_COMPLETIONS + 1)

/* The index's own tokenizer chain ('porter rostrum'), for reading queries
 * and texts exactly as the index does, and 'rostrum' alone, for the folded
 * but unstemmed form of a word being typed. Made on first use. */
static bool load_tokenizers(rs_bundle *b)
{
    if (b->porter)
        return true;
    fts5_api *api = rs_fts5_api(b->db);
    void *context;
    const char *args[] = {"rostrum"};
    if (!api ||
        api->xFindTokenizer(api, "porter", &context, &b->porter_methods) != SQLITE_OK ||
        b->porter_methods.xCreate(context, args, 1, &b->porter) != SQLITE_OK) {
        b->porter = NULL;
        return false;
    }
    if (api->xFindTokenizer(api, "rostrum", &context, &b->fold_methods) != SQLITE_OK ||
        b->fold_methods.xCreate(context, NULL, 0, &b->fold) != SQLITE_OK) {
        b->porter_methods.xDelete(b->porter);
        b->porter = b->fold = NULL;
        return false;
    }
    return true;
}

/* Tokens as a tokenizer gives them: text, byte range, position. */
typedef struct token_list {
    struct token {
        size_t text, length; /* into bytes */
        int start, end, position;
        bool colocated;
    } *items;
    size_t count, capacity;
    rs_strbuf bytes;
    int position;
} token_list;

static int keep_token(void *context, int flags, const char *text, int length, int start, int end)
{
    token_list *list = context;
    if (length < 0 || start < 0 || end < start)
        return SQLITE_OK;
    bool colocated = (flags & FTS5_TOKEN_COLOCATED) && list->count;
    if (!colocated)
        list->position++;
    list->items = grow(list->items, &list->capacity, list->count, sizeof *list->items);
    list->items[list->count++] =
        (struct token){list->bytes.length, (size_t)length, start, end, list->position - 1, colocated};
    rs_strbuf_append(&list->bytes, text, (size_t)length);
    return SQLITE_OK;
}

static void token_list_clear(token_list *list)
{
    free(list->items);
    rs_strbuf_clear(&list->bytes);
    memset(list, 0, sizeof *list);
}

static const char *token_text(const token_list *list, size_t i)
{
    return list->bytes.data + list->items[i].text;
}

static bool tokenize(rs_bundle *b, bool fold_only, int flags, const char *text, size_t length, token_list *out)
{
    memset(out, 0, sizeof *out);
    rs_strbuf_append(&out->bytes, "", 0);
    if (length > INT32_MAX)
        length = INT32_MAX;
    const fts5_tokenizer *m = fold_only ? &b->fold_methods : &b->porter_methods;
    return m->xTokenize(fold_only ? b->fold : b->porter, out, flags, text, (int)length, keep_token) == SQLITE_OK;
}

/* Code points in a UTF-8 string. */
static size_t characters(const char *text, size_t length)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static bool is_cjk_text(const char *text)
{
    return (unsigned char)text[0] >= 0xE2; /* U+2000 and up: the tokenizer's CJK ranges start at U+1100 */
}

/* A word that is one letter or digit of an alphabetic script. */
static bool is_short_word(const token_list *tokens)
{
    return tokens->count == 1 && characters(token_text(tokens, 0), tokens->items[0].length) == 1 &&
           !is_cjk_text(token_text(tokens, 0));
}

/* A query made ready for FTS5: the expression, the weight (IDF) of each of
 * its phrases in order, and the query as searched. */
typedef struct search_plan {
    rs_query_status status;
    rs_strbuf expression, used;
    double idf[PHRASES_MAX];
    size_t phrase_count;
} search_plan;

static void search_plan_clear(search_plan *plan)
{
    rs_strbuf_clear(&plan->expression);
    rs_strbuf_clear(&plan->used);
    memset(plan, 0, sizeof *plan);
}

/* Statements holding term, from term_stat (0 when absent), kept within
 * 0..statement_count whatever the file says. */
static int64_t term_documents(rs_bundle *b, const char *term, size_t length)
{
    sqlite3_stmt *stmt = cached_query(b, Q_TERM_DOCUMENTS);
    if (!stmt)
        return 0;
    sqlite3_bind_text(stmt, 1, term, (int)length, SQLITE_STATIC);
    int64_t count = sqlite3_step(stmt) == SQLITE_ROW ? column_count(stmt, 0) : 0;
    done_with(stmt);
    int64_t rows;
    if (meta_int(b, "statement_count", &rows) && count > rows)
        count = rows;
    return count;
}

/* BM25's weight of a phrase found in documents of rows, as FTS5 computes it. */
static double idf_of(rs_bundle *b, int64_t documents)
{
    int64_t rows = 0;
    if (!meta_int(b, "statement_count", &rows) || rows < 1)
        rows = 1;
    double idf = log(((double)rows - (double)documents + 0.5) / ((double)documents + 0.5));
    return idf > 0 ? idf : 1e-6;
}

/* Adds one phrase to the plan: its quoted text, and as weight the rarest
 * of its tokens (for a one-token phrase, exactly BM25's; for a Chinese
 * phrase, an upper bound on how many statements hold it). */
static void plan_phrase(rs_bundle *b, search_plan *plan, const char *text, size_t length, const token_list *tokens)
{
    rs_strbuf_append_quoted(&plan->expression, text, length);
    int64_t documents = INT64_MAX;
    for (size_t i = 0; i < tokens->count; i++) {
        int64_t d = term_documents(b, token_text(tokens, i), tokens->items[i].length);
        if (d < documents)
            documents = d;
    }
    if (plan->phrase_count < PHRASES_MAX)
        plan->idf[plan->phrase_count++] = idf_of(b, documents == INT64_MAX ? 0 : documents);
}

/* A word that the query tokenizer turns into exactly term, written into
 * out (size bytes), or false. Index terms are stems, and porter does not
 * always leave a stem as it is ("accus" would become "accu"), so the few
 * endings porter removes are tried: "accuse" is read as accus. */
static bool word_for_term(rs_bundle *b, const char *term, size_t length, char *out, size_t size)
{
    static const char *const endings[] = {"", "e", "s", "es", "ed", "ing", "y"};
    for (size_t e = 0; e < sizeof endings / sizeof endings[0]; e++) {
        size_t base = length;
        if (endings[e][0] == 'y') { /* porter writes a final y as i: happy, happi */
            if (!length || term[length - 1] != 'i')
                continue;
            base = length - 1;
        }
        if (base + strlen(endings[e]) + 1 > size)
            continue;
        memcpy(out, term, base);
        strcpy(out + base, endings[e]);
        token_list again;
        bool same = tokenize(b, false, FTS5_TOKENIZE_QUERY, out, strlen(out), &again) && again.count == 1 &&
                    again.items[0].length == length && memcmp(token_text(&again, 0), term, length) == 0;
        token_list_clear(&again);
        if (same)
            return true;
    }
    return false;
}

/* Words that find the index terms beginning with prefix, most frequent
 * term first, at most max. Caller frees each. */
static size_t completions(rs_bundle *b, const char *prefix, size_t length, char **out, size_t max)
{
    sqlite3_stmt *stmt = cached_query(b, Q_TERM_COMPLETIONS);
    if (!stmt)
        return 0;
    rs_strbuf upper = {0};
    rs_strbuf_append(&upper, prefix, length);
    rs_strbuf_append(&upper, "\xFF", 1); /* above every UTF-8 continuation of prefix */
    sqlite3_bind_text(stmt, 1, prefix, (int)length, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, upper.data, (int)upper.length, SQLITE_STATIC);
    size_t n = 0;
    while (n < max && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(stmt, 0);
        int term_length = sqlite3_column_bytes(stmt, 0);
        char word[256];
        if (term && term_length > 0 && word_for_term(b, term, (size_t)term_length, word, sizeof word))
            out[n++] = valid_utf8_strdup(word);
    }
    done_with(stmt);
    rs_strbuf_clear(&upper);
    return n;
}

/* Adds a word being typed: the word itself and the index terms it begins,
 * as one OR group. Returns false when nothing in the index begins with it
 * or any shortening of it down to three characters. */
static bool plan_typed_word(rs_bundle *b, search_plan *plan, const rs_search_word *word, const token_list *tokens)
{
    token_list folded;
    if (!tokenize(b, true, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, word->text, word->length, &folded) ||
        folded.count != 1) {
        token_list_clear(&folded);
        return false;
    }
    char prefix[256];
    size_t length = folded.items[0].length < sizeof prefix - 1 ? folded.items[0].length : sizeof prefix - 1;
    memcpy(prefix, token_text(&folded, 0), length);
    token_list_clear(&folded);
    char *found[TYPING_COMPLETIONS];
    size_t n = 0;
    bool exact = tokens->count == 1 && term_documents(b, token_text(tokens, 0), tokens->items[0].length) > 0;
    while (length && !(n = completions(b, prefix, length, found, TYPING_COMPLETIONS)) && !exact) {
        /* Typed past the stem ("accusa" of accus-): one character back. */
        size_t back = length;
        do
            back--;
        while (back && ((unsigned char)prefix[back] & 0xC0) == 0x80);
        if (characters(prefix, back) < 3)
            break;
        length = back;
    }
    if (!n && !exact)
        return false;
    if (plan->expression.length)
        rs_strbuf_append(&plan->expression, " AND ", 5);
    rs_strbuf_append(&plan->expression, "(", 1);
    if (exact)
        plan_phrase(b, plan, word->text, word->length, tokens);
    for (size_t i = 0; i < n; i++) {
        token_list one;
        tokenize(b, false, FTS5_TOKENIZE_QUERY, found[i], strlen(found[i]), &one);
        if (exact || i)
            rs_strbuf_append(&plan->expression, " OR ", 4);
        plan_phrase(b, plan, found[i], strlen(found[i]), &one);
        token_list_clear(&one);
        free(found[i]);
    }
    rs_strbuf_append(&plan->expression, ")", 1);
    if (plan->used.length)
        rs_strbuf_append(&plan->used, " ", 1);
    rs_strbuf_append(&plan->used, prefix, length);
    rs_strbuf_append(&plan->used, "*", 1);
    return true;
}

/* Reads query as the index would, deciding what to search. Words are
 * joined by an explicit AND: FTS5 accepts "a" "b" but not "a" ("b" OR "c"). */
static bool plan_search(rs_bundle *b, const char *query, unsigned flags, search_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    rs_strbuf_append(&plan->expression, "", 0);
    rs_strbuf_append(&plan->used, "", 0);
    rs_search_query parsed;
    rs_search_query_parse(query, &parsed);
    bool blank = true;
    for (const char *p = query; *p && blank; p++)
        blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    plan->status = blank ? RS_QUERY_BLANK : RS_QUERY_TOO_SHORT;
    if (!load_tokenizers(b)) {
        rs_search_query_clear(&parsed);
        return false;
    }
    size_t words = parsed.count < QUERY_WORDS_MAX ? parsed.count : QUERY_WORDS_MAX;
    bool any_long = false;
    for (size_t w = 0; w < words; w++) {
        const rs_search_word *word = &parsed.words[w];
        bool typing = word->prefix || ((flags & RS_QUERY_TYPING) && w + 1 == parsed.count);
        token_list tokens;
        tokenize(b, false, FTS5_TOKENIZE_QUERY, word->text, word->length, &tokens);
        bool is_short = is_short_word(&tokens);
        bool alphabetic = tokens.count == 1 && !is_cjk_text(token_text(&tokens, 0));
        if (tokens.count == 0 || (is_short && typing && (flags & RS_QUERY_TYPING) && w + 1 == parsed.count)) {
            /* Punctuation, or the first letter of a word still being typed. */
            token_list_clear(&tokens);
            continue;
        }
        any_long = any_long || !is_short;
        if (typing && alphabetic && !is_short) {
            if (!plan_typed_word(b, plan, word, &tokens)) {
                /* Nothing begins with it: searched as it is, and found nowhere. */
                if (plan->expression.length)
                    rs_strbuf_append(&plan->expression, " AND ", 5);
                plan_phrase(b, plan, word->text, word->length, &tokens);
                if (plan->used.length)
                    rs_strbuf_append(&plan->used, " ", 1);
                rs_strbuf_append(&plan->used, word->text, word->length);
            }
        } else {
            if (plan->expression.length)
                rs_strbuf_append(&plan->expression, " AND ", 5);
            plan_phrase(b, plan, word->text, word->length, &tokens);
            if (plan->used.length)
                rs_strbuf_append(&plan->used, " ", 1);
            rs_strbuf_append(&plan->used, word->text, word->length);
        }
        token_list_clear(&tokens);
    }
    rs_search_query_clear(&parsed);
    if (plan->phrase_count && any_long)
        plan->status = RS_QUERY_SEARCHED;
    return true;
}

/* rostrum_rank(statement_fts, weights): BM25 as FTS5's bm25() computes it
 * (k1 1.2, b 0.75, title counted 4 times, body once), except that the weight
 * of each phrase comes in as an argument, a blob of one double per phrase
 * made from term_stat, instead of being counted over the whole index on
 * every query: for a common word that count alone took tens of milliseconds
 * at a million statements. Lower is better, as with bm25(). */
static void rank_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc,
                          sqlite3_value **argv)
{
    double idf[PHRASES_MAX] = {0}, frequency[PHRASES_MAX] = {0};
    int phrases = api->xPhraseCount(fts);
    if (phrases > PHRASES_MAX)
        phrases = PHRASES_MAX;
    int given = 0;
    if (argc >= 1 && sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
        given = sqlite3_value_bytes(argv[0]) / (int)sizeof(double);
        if (given > phrases)
            given = phrases;
        if (given > 0)
            memcpy(idf, sqlite3_value_blob(argv[0]), (size_t)given * sizeof(double));
    }
    for (int p = given; p < phrases; p++)
        idf[p] = 1e-6;
    sqlite3_int64 rows = 0, tokens = 0;
    int instances = 0, size = 0;
    if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK ||
        api->xInstCount(fts, &instances) != SQLITE_OK || api->xColumnSize(fts, -1, &size) != SQLITE_OK) {
        sqlite3_result_double(context, 0.0);
        return;
    }
    double average = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    for (int i = 0; i < instances; i++) {
        int phrase, column, offset;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase >= 0 && phrase < phrases)
            frequency[phrase] += column == 0 ? 4.0 : 1.0;
    }
    const double k1 = 1.2, b = 0.75;
    double score = 0;
    for (int p = 0; p < phrases; p++)
        score += idf[p] * frequency[p] * (k1 + 1.0) /
                 (frequency[p] + k1 * (1.0 - b + b * (double)size / average));
    sqlite3_result_double(context, -score);
}

/* Registers rostrum_rank on the bundle's connection. */
static bool register_rank(sqlite3 *db)
{
    fts5_api *api = rs_fts5_api(db);
    return api &&
           api->xCreateFunction(api, "rostrum_rank", NULL, rank_function, NULL) == SQLITE_OK;
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

typedef struct ranked {
    int64_t id;
    double score;
} ranked;

static int compare_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Ranks the newest RS_SEARCH_RANKED matches of plan into b's ranking,
 * unless it holds this expression's already. */
static bool rank_matches(rs_bundle *b, const search_plan *plan)
{
    if (b->ranking_expression && strcmp(b->ranking_expression, plan->expression.data) == 0)
        return true;
    free(b->ranking_expression);
    free(b->ranking);
    b->ranking_expression = NULL;
    b->ranking = NULL;
    b->ranking_count = 0;
    b->ranking_more = false;
    sqlite3_stmt *stmt = cached_query(b, Q_SEARCH_RANK);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, plan->expression.data, -1, SQLITE_STATIC);
    sqlite3_bind_blob(stmt, 2, plan->idf, (int)(plan->phrase_count * sizeof(double)), SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, RS_SEARCH_RANKED + 1);
    ranked *items = malloc((RS_SEARCH_RANKED + 1) * sizeof *items);
    if (!items)
        abort();
    size_t count = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && count <= RS_SEARCH_RANKED)
        items[count++] = (ranked){sqlite3_column_int64(stmt, 0), sqlite3_column_double(stmt, 1)};
    done_with(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        free(items);
        return false;
    }
    b->ranking_more = count > RS_SEARCH_RANKED;
    if (b->ranking_more)
        count = RS_SEARCH_RANKED;
    qsort(items, count, sizeof *items, compare_ranked);
    b->ranking = items;
    b->ranking_count = count;
    b->ranking_expression = valid_utf8_strdup(plan->expression.data);
    return true;
}

bool rs_bundle_search_with(rs_bundle *b, const char *query, unsigned flags, size_t offset, size_t limit,
                           rs_search_results *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    search_plan plan;
    if (!plan_search(b, query ? query : "", flags, &plan)) {
        search_plan_clear(&plan);
        if (error_size)
            write_valid_utf8(error, error_size, "search failed: the bundle's tokenizer cannot be loaded", 55);
        return false;
    }
    out->status = plan.status;
    out->query_used = valid_utf8_strdup(plan.status == RS_QUERY_SEARCHED ? plan.used.data : "");
    if (plan.status != RS_QUERY_SEARCHED) {
        search_plan_clear(&plan);
        return true;
    }
    bool ok = rank_matches(b, &plan);
    sqlite3_stmt *stmt = ok ? cached_query(b, Q_SEARCH_HIT) : NULL;
    ok = stmt != NULL;
    if (ok) {
        out->total = (int64_t)b->ranking_count;
        out->more = b->ranking_more;
    }
    size_t capacity = 0;
    for (size_t i = offset; ok && i < b->ranking_count && i - offset < limit; i++) {
        sqlite3_bind_text(stmt, 1, plan.expression.data, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, b->ranking[i].id);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
            rs_search_hit *hit = &out->items[out->count++];
            hit->id = sqlite3_column_int64(stmt, 0);
            hit->slug = column_text_or_empty(stmt, 1);
            hit->date = column_text(stmt, 2);
            hit->outlet = column_text(stmt, 3);
            hit->title = column_text_or_empty(stmt, 4);
            hit->snippet = column_text_or_empty(stmt, 5);
        }
        ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
        done_with(stmt); /* before the expression it was bound to is freed */
    }
    if (!ok) {
        search_error(b, error, error_size);
        rs_search_results_clear(out);
    }
    search_plan_clear(&plan);
    return ok;
}

bool rs_bundle_search(rs_bundle *b, const char *query, size_t offset, size_t limit, rs_search_results *out,
                      char *error, size_t error_size)
{
    return rs_bundle_search_with(b, query, 0, offset, limit, out, error, error_size);
}

void rs_search_results_clear(rs_search_results *results)
{
    for (size_t i = 0; i < results->count; i++) {
        rs_search_hit *hit = &results->items[i];
        free(hit->slug), free(hit->date), free(hit->outlet), free(hit->title), free(hit->snippet);
    }
    free(results->items);
    free(results->query_used);
    memset(results, 0, sizeof *results);
}

/* ---- suggestions ---- */

bool rs_bundle_suggestions(rs_bundle *b, size_t limit, rs_suggestion_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = cached_query(b, Q_SUGGESTIONS);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, clamp_to_int64(limit));
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        size_t length;
        const char *kind = column_if_text(stmt, 0, &length);
        int k = -1;
        for (int i = 0; kind && i < RS_SUGGESTION_KIND_COUNT; i++)
            if (length == strlen(rs_suggestion_kinds[i]) && memcmp(kind, rs_suggestion_kinds[i], length) == 0)
                k = i;
        if (k < 0)
            continue;
        out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
        rs_suggestion *s = &out->items[out->count++];
        s->kind = (rs_suggestion_kind)k;
        s->query = column_text_or_empty(stmt, 1);
        s->label = column_text_or_empty(stmt, 2);
        s->language = column_text_or_empty(stmt, 3);
        s->count = column_count(stmt, 4);
    }
    done_with(stmt);
    if (rc != SQLITE_DONE) {
        rs_suggestion_list_clear(out);
        return false;
    }
    return true;
}

void rs_suggestion_list_clear(rs_suggestion_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].query), free(list->items[i].label), free(list->items[i].language);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- highlights ---- */

static int compare_ranges(const void *a, const void *b)
{
    const rs_range *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Does some token of text at position match want (a query token)? A prefix
 * token matches any token it begins. Returns its index or SIZE_MAX. */
static size_t token_at(const token_list *text, const size_t *first, int position, const char *want, size_t length,
                       bool prefix)
{
    if (position < 0 || position >= text->position)
        return SIZE_MAX;
    for (size_t i = first[position]; i < text->count && text->items[i].position == position; i++) {
        size_t l = text->items[i].length;
        if ((prefix ? l >= length : l == length) && memcmp(token_text(text, i), want, length) == 0)
            return i;
    }
    return SIZE_MAX;
}

bool rs_bundle_highlights(rs_bundle *b, const char *query, const char *text, rs_range_list *out)
{
    memset(out, 0, sizeof *out);
    if (!query || !text)
        return true;
    if (!load_tokenizers(b))
        return false;
    token_list document;
    if (!tokenize(b, false, FTS5_TOKENIZE_DOCUMENT, text, strlen(text), &document)) {
        token_list_clear(&document);
        return false;
    }
    /* first[p]: the first token at position p (tokens come in position order). */
    size_t *first = calloc((size_t)document.position + 1, sizeof *first);
    if (!first)
        abort();
    for (size_t i = document.count; i-- > 0;)
        first[document.items[i].position] = i;
    rs_search_query parsed;
    rs_search_query_parse(query, &parsed);
    size_t capacity = 0;
    for (size_t w = 0; w < parsed.count && w < QUERY_WORDS_MAX; w++) {
        const rs_search_word *word = &parsed.words[w];
        /* As searched: the word's tokens at consecutive positions; a prefix
         * word also matches, through the fold alone, any token it begins. */
        token_list phrases[2];
        size_t phrase_count = 0;
        tokenize(b, false, FTS5_TOKENIZE_QUERY, word->text, word->length, &phrases[phrase_count++]);
        if (word->prefix)
            tokenize(b, true, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, word->text, word->length,
                     &phrases[phrase_count++]);
        for (size_t k = 0; k < phrase_count; k++) {
            const token_list *q = &phrases[k];
            for (int p = 0; q->count && p < document.position; p++) {
                size_t start_token = SIZE_MAX, end_token = SIZE_MAX;
                bool all = true;
                for (size_t t = 0; all && t < q->count; t++) {
                    bool last_is_prefix = word->prefix && k == 1 && t + 1 == q->count;
                    size_t found = token_at(&document, first, p + (int)t, token_text(q, t), q->items[t].length,
                                            last_is_prefix);
                    all = found != SIZE_MAX;
                    if (all && t == 0)
                        start_token = found;
                    end_token = found;
                }
                if (!all)
                    continue;
                out->items = grow(out->items, &capacity, out->count, sizeof *out->items);
                out->items[out->count++] =
                    (rs_range){(size_t)document.items[start_token].start, (size_t)document.items[end_token].end};
            }
        }
        for (size_t k = 0; k < phrase_count; k++)
            token_list_clear(&phrases[k]);
    }
    rs_search_query_clear(&parsed);
    free(first);
    token_list_clear(&document);
    /* In text order, overlapping ranges merged into one. */
    if (out->count)
        qsort(out->items, out->count, sizeof *out->items, compare_ranges);
    size_t kept = 0;
    for (size_t i = 0; i < out->count; i++) {
        if (kept && out->items[i].start < out->items[kept - 1].end) {
            if (out->items[i].end > out->items[kept - 1].end)
                out->items[kept - 1].end = out->items[i].end;
        } else {
            out->items[kept++] = out->items[i];
        }
    }
    out->count = kept;
    if (!kept) {
        free(out->items);
        out->items = NULL;
    }
    return true;
}

void rs_range_list_clear(rs_range_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
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
    sqlite3_bind_text(stmt, 9, b->language, -1, SQLITE_STATIC);
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
    bool in_group = false, translated = false;
    int64_t same_group = 0, translation_group = 0;
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
        translated = sqlite3_column_type(stmt, 17) != SQLITE_NULL;
        translation_group = sqlite3_column_int64(stmt, 17);
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
    if (ok && translated) {
        ok = (stmt = cached_query(b, Q_TRANSLATION_ROWS)) != NULL;
        if (ok) {
            sqlite3_bind_int64(stmt, 1, translation_group);
            sqlite3_bind_int64(stmt, 2, id);
            ok = read_rows(stmt, NULL, &out->translations);
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
    rs_statement_rows_clear(&s->translations);
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
    sqlite3_bind_text(stmt, 9, b->language, -1, SQLITE_STATIC);
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
