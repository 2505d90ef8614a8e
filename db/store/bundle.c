/*
 * Opening and checking a bundle, its metadata, and the helpers the browse
 * and search parts share (bundle_private.h): prepared queries, checked
 * copies of column text.
 */
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
#include "bundle_private.h"
#include "expect.h"
#include "file.h"
#include "field_limits.h"
#include "strbuf.h"
#include "tokenizer.h"
#include "utf8.h"
#include "verify.h"

/* Defined here, in the store library that every reader links, rather than in
 * the builder, so the viewer has the role names without the builder. */
const char *const rs_roles[RS_ROLE_COUNT] = {"speaker", "accuser", "accused", "victim", "mentioned"};
const char *const rs_suggestion_kinds[RS_SUGGESTION_KIND_COUNT] = {"incident", "outlet", "speaker", "term"};
const char *const rs_party_kinds[RS_PARTY_KIND_COUNT] = {"country", "organisation", "alliance", "company", "agency"};
const char *const rs_event_kinds[RS_EVENT_KIND_COUNT] = {"attribution", "indictment", "sanction", "report",
                                                         "disclosure", "denial", "other"};
const char *const rs_translation_subjects[RS_TRANSLATION_SUBJECT_COUNT] = {"bundle", "incident", "event", "outlet",
                                                                           "speaker"};

void rs_roles_text(unsigned role_bits, char out[RS_ROLES_TEXT_SIZE])
{
    out[0] = '\0';
    for (int r = 0; r < RS_ROLE_COUNT; r++)
        if (role_bits & (1u << r)) {
            if (out[0])
                strcat(out, " ");
            strcat(out, rs_roles[r]);
        }
}

/* The tables format version 3 must have; anything missing is refused. */
static const char *const required_tables[] = {
    "meta", "outlet", "speaker", "statement", "statement_text", "year_count", "month_count", "country",
    "country_name", "party_member", "country_role", "country_statement", "statement_country", "incident",
    "statement_incident", "event", "event_party", "party_event", "incident_thread", "translation",
    "suggestion", "term_stat", "statement_fts", "name_order",
};


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
    char *message = rs_xmalloc(length + 1);
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
        bundle_write_valid(error, error_size, message, length);
    free(message);
}

static uint32_t read_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks the 100-byte SQLite header and the file size before SQLite reads
 * anything, so each common failure gets its own plain reason. Anything but
 * a regular file (a FIFO would block the read forever, /dev/zero looks
 * like an endless file) is refused, by kind, before one byte is read. */
static bool check_header(const char *path, char *error, size_t error_size)
{
    struct stat st;
    char reason[256];
    int fd = rs_file_open_regular(path, &st, reason, sizeof reason);
    if (fd < 0) {
        if (errno == ENOENT)
            fail(error, error_size, path, "there is no such file. Check the path, or copy the bundle there.");
        else if (errno == 0) /* "is a FIFO, not a regular file" */
            fail(error, error_size, path, "it %s. Give the path of a bundle file built by rostrum-bundle.", reason);
        else
            fail(error, error_size, path, "%s.", strerror(errno));
        return false;
    }
    unsigned char header[100];
    ssize_t got;
    do
        got = read(fd, header, sizeof header);
    while (got < 0 && errno == EINTR);
    close(fd);
    char found[32], expected[32];
    rs_format_count((unsigned long long)st.st_size, found);
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
            rs_format_count((unsigned long long)expected_size, expected);
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
    char *uri = rs_xmalloc(length * 3 + strlen(query) + 8);
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

/* Prepares sql on the bundle's connection, or says why not in error. */
static bool prepare_or_fail(rs_bundle *b, const char *sql, sqlite3_stmt **stmt, char *error, size_t error_size)
{
    if (sqlite3_prepare_v2(b->db, sql, -1, stmt, NULL) == SQLITE_OK)
        return true;
    fail_sqlite(error, error_size, b->path, b->db);
    return false;
}

static bool check_schema(rs_bundle *b, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (!prepare_or_fail(b, "SELECT type, name FROM sqlite_schema", &stmt, error, error_size))
        return false;
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
    if (!prepare_or_fail(b, "SELECT key, value FROM meta ORDER BY key LIMIT 64", &stmt, error, error_size))
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && b->meta_count < BUNDLE_META_MAX) {
        if (sqlite3_column_type(stmt, 0) == SQLITE_NULL || sqlite3_column_type(stmt, 1) == SQLITE_NULL)
            continue;
        b->meta_keys[b->meta_count] = bundle_column_text(stmt, 0);
        b->meta_values[b->meta_count] = rs_limits_meta_column(stmt, 1, b->meta_keys[b->meta_count]);
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
    rs_bundle *b = rs_xcalloc(1, sizeof *b);
    b->path = rs_xstrdup(path);
    char *uri = file_uri(path, "?immutable=1");
    int rc = sqlite3_open_v2(uri, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    bool ok = rc == SQLITE_OK;
    if (!ok) {
        fail_sqlite(error, error_size, path, b->db);
    } else {
        harden(b->db);
        /* A page cache of 512 KB, not SQLite's 2 MB: every read is an index
         * seek over a few pages, the kernel's page cache holds the file
         * anyway, and the viewer's peak memory has a 24 MB budget (the 2 MB
         * cache filled while browsing a 100k bundle was most of what went
         * over it: 24.6 MB, now 23.3-23.5; README "Performance"). */
        ok = sqlite3_exec(b->db,
                          "PRAGMA cell_size_check=ON; PRAGMA mmap_size=0; PRAGMA query_only=ON; "
                          "PRAGMA cache_size=-512;",
                          NULL, NULL, NULL) == SQLITE_OK &&
             rs_tokenizer_register(b->db) == SQLITE_OK && bundle_register_rank(b->db);
        if (!ok)
            fail_sqlite(error, error_size, path, b->db);
    }
    ok = ok && check_schema(b, error, error_size) && load_meta(b, error, error_size);
    if (!ok) {
        rs_bundle_close(b);
        return NULL;
    }
    rs_bundle_set_language(b, NULL);
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
    free(b->meta_texts[0]), free(b->meta_texts[1]);
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

/* The collection's title and description in the current language: the
 * translation rows of subject "bundle" (key ''). */
static const char meta_text_sql[] = "SELECT tr9.value FROM translation tr9 WHERE tr9.subject = 'bundle'"
                                    " AND tr9.key = '' AND tr9.field = ?1 AND "
                                    BUNDLE_IN_LANGUAGE("tr9.language");

const char *rs_bundle_meta_text(rs_bundle *b, const char *key)
{
    static const char *const translated[2] = {"title", "description"};
    size_t slot = 0;
    while (slot < 2 && strcmp(key, translated[slot]) != 0)
        slot++;
    if (slot == 2)
        return rs_bundle_meta(b, key);
    if (!b->meta_texts_read[slot]) {
        b->meta_texts_read[slot] = true;
        sqlite3_stmt *stmt = bundle_prepared(b, Q_META_TEXT, meta_text_sql);
        if (stmt) {
            bundle_bind_language(b, stmt);
            sqlite3_bind_text(stmt, 1, translated[slot], -1, SQLITE_STATIC);
            /* A value that is no text (NULL, damage) is no translation. */
            if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_TEXT)
                b->meta_texts[slot] = rs_limits_meta_column(stmt, 0, translated[slot]);
            bundle_done(stmt);
        }
    }
    return b->meta_texts[slot] ? b->meta_texts[slot] : rs_bundle_meta(b, key);
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

/* SQLite's quick_check over every page. */
static bool check_pages(rs_bundle *b, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (!prepare_or_fail(b, "PRAGMA quick_check(1)", &stmt, error, error_size))
        return false;
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
    return ok;
}

/* The stored statement count against the rows, and one text per statement. */
static bool check_statement_texts(rs_bundle *b, char *error, size_t error_size)
{
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
        sqlite3_stmt *stmt;
        if (!prepare_or_fail(b,
                             "SELECT s.id FROM statement s"
                             " WHERE NOT EXISTS (SELECT 1 FROM statement_text t WHERE t.id = s.id) LIMIT 1",
                             &stmt, error, error_size))
            return false;
        int rc = sqlite3_step(stmt);
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
    return true;
}

/* Every text must fit what the builder accepts (16 MB per source file);
 * reading one beyond the connection's length limit fails with TOOBIG. The
 * list rows hold the title, the texts the title again and the body. */
static bool check_text_sizes(rs_bundle *b, char *error, size_t error_size)
{
    static const char *const oversized_sql[] = {
        "SELECT id FROM statement WHERE length(title) > 16777216 LIMIT 1",
        "SELECT id FROM statement_text WHERE length(title) > 16777216 OR length(body) > 16777216 LIMIT 1",
    };
    for (size_t i = 0; i < sizeof oversized_sql / sizeof oversized_sql[0]; i++) {
        sqlite3_stmt *stmt;
        if (!prepare_or_fail(b, oversized_sql[i], &stmt, error, error_size))
            return false;
        int rc = sqlite3_step(stmt);
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

bool rs_bundle_verify(rs_bundle *b, char *error, size_t error_size)
{
    return check_pages(b, error, error_size) && check_statement_texts(b, error, error_size) &&
           check_text_sizes(b, error, error_size) && rs_limits_verify(b, error, error_size) &&
           rs_verify_bundle(b, error, error_size);
}

void rs_bundle_release_memory(rs_bundle *b)
{
    sqlite3_db_release_memory(b->db);
}

/* Adds tag[0..length) to the tags names are looked up in, once. */
static void add_language(rs_bundle *b, const char *tag, size_t length)
{
    if (length == 0 || length >= sizeof b->languages[0] || b->language_count == BUNDLE_LANGUAGE_SLOTS)
        return;
    for (size_t i = 0; i < b->language_count; i++)
        if (strlen(b->languages[i]) == length && memcmp(b->languages[i], tag, length) == 0)
            return;
    memcpy(b->languages[b->language_count], tag, length);
    b->languages[b->language_count++][length] = '\0';
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
    b->language_count = 0;
    if (n == 0) {
        add_language(b, "en", 2);
    } else if (strcmp(b->language, "zh_CN") == 0) {
        static const char *const chinese[] = {"zh_CN", "zh-Hans", "zh-CN", "zh"};
        for (size_t i = 0; i < sizeof chinese / sizeof chinese[0]; i++)
            add_language(b, chinese[i], strlen(chinese[i]));
    } else {
        /* The tag as given, as BCP 47 writes it ('-'), then its primary
         * subtag: "pt_BR" takes pt_BR, pt-BR, pt. */
        char hyphens[sizeof b->language];
        for (size_t i = 0; i <= n; i++)
            hyphens[i] = b->language[i] == '_' ? '-' : b->language[i];
        add_language(b, b->language, n);
        add_language(b, hyphens, n);
        add_language(b, b->language, strcspn(b->language, "_-"));
    }
    for (size_t i = 0; i < 2; i++) {
        free(b->meta_texts[i]);
        b->meta_texts[i] = NULL;
        b->meta_texts_read[i] = false;
    }
}

void bundle_bind_language(const rs_bundle *b, sqlite3_stmt *stmt)
{
    for (size_t i = 0; i < BUNDLE_LANGUAGE_SLOTS; i++) {
        int slot = 9 + (int)i;
        if (i < b->language_count)
            sqlite3_bind_text(stmt, slot, b->languages[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(stmt, slot);
    }
}

/* ---- shared with browse.c and search.c (bundle_private.h) ---- */

int64_t bundle_clamp_to_int64(uint64_t value)
{
    return value > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)value;
}

size_t bundle_write_valid(char *out, size_t size, const char *text, size_t length)
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

char *bundle_valid_copy(const char *text, size_t length)
{
    /* Each input byte becomes at most 3 output bytes. */
    RS_EXPECT(length <= (SIZE_MAX - 1) / 3);
    char *copy = rs_xmalloc(length * 3 + 1);
    size_t used = bundle_write_valid(copy, length * 3 + 1, text, length);
    return rs_xrealloc(copy, used + 1);
}

char *bundle_valid_strdup(const char *text)
{
    return text ? bundle_valid_copy(text, strlen(text)) : NULL;
}

char *bundle_column_text(sqlite3_stmt *stmt, int i)
{
    const char *text = (const char *)sqlite3_column_text(stmt, i);
    if (!text)
        return NULL;
    int length = sqlite3_column_bytes(stmt, i);
    return bundle_valid_copy(text, length > 0 ? (size_t)length : 0);
}

char *bundle_column_text_or_empty(sqlite3_stmt *stmt, int i)
{
    char *text = bundle_column_text(stmt, i);
    return text ? text : bundle_valid_copy("", 0);
}

const char *bundle_column_if_text(sqlite3_stmt *stmt, int i, size_t *length)
{
    const char *text = NULL;
    if (sqlite3_column_type(stmt, i) == SQLITE_TEXT)
        text = (const char *)sqlite3_column_text(stmt, i);
    *length = text ? (size_t)sqlite3_column_bytes(stmt, i) : 0;
    return text;
}

int bundle_column_name(sqlite3_stmt *stmt, int i, const char *const *names, int count)
{
    size_t length;
    const char *text = bundle_column_if_text(stmt, i, &length);
    for (int k = 0; text && k < count; k++)
        if (length == strlen(names[k]) && memcmp(text, names[k], length) == 0)
            return k;
    return -1;
}

int64_t bundle_column_count(sqlite3_stmt *stmt, int i)
{
    int64_t count = sqlite3_column_int64(stmt, i);
    return count > 0 ? count : 0;
}

bool bundle_meta_int(const rs_bundle *b, const char *key, int64_t *value)
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

sqlite3_stmt *bundle_prepared(rs_bundle *b, enum bundle_query q, const char *sql)
{
    RS_EXPECT(q < QUERY_COUNT && sql != NULL);
    if (!b->prepared[q] &&
        sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &b->prepared[q], NULL) != SQLITE_OK) {
        sqlite3_finalize(b->prepared[q]);
        b->prepared[q] = NULL;
    }
    return b->prepared[q];
}

void bundle_done(sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

bool bundle_read_rows(sqlite3_stmt *stmt, void *items_pointer, size_t *count, size_t item_size,
                      bundle_row_reader read_row, void *context)
{
    void **items = items_pointer;
    RS_EXPECT(*count == 0);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rs_grow(items, &capacity, *count + 1, item_size);
        void *item = (char *)*items + *count * item_size;
        memset(item, 0, item_size);
        /* Column values are loans until the next step: read_row copies them. */
        if (read_row(stmt, item, context))
            ++*count;
    }
    bundle_done(stmt);
    return rc == SQLITE_DONE;
}
