/*
 * The limits of limits.h: their values, the one check the builder and
 * `check` share, and the viewer's clamped copy.
 *
 * Each value is a bound on cost first and a promise to curators second:
 * far above any real statement, and low enough that the worst value any
 * field can hold is laid out and drawn within a frame on a Raspberry Pi.
 */
#include "field_limits.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_private.h"
#include "expect.h"
#include "strbuf.h"
#include "utf8.h"

static const rs_limit limits[RS_FIELD_COUNT] = {
    /* A headline: lists show two lines of it, the reader all. 1,000 is five
     * times the longest real headline we know of (a Xinhua wire title). */
    [RS_FIELD_TITLE] = {"title", 1000, 4000, 10},
    /* Notes are a sentence or two under the title or the date. */
    [RS_FIELD_TITLE_NOTE] = {"title_note", 1000, 4000, 10},
    [RS_FIELD_DATE_NOTE] = {"date_note", 1000, 4000, 10},
    /* Names: one line of a list row or chip; the longest real outlet
     * ("Embassy of the People's Republic of China in the United Kingdom")
     * is 64 characters. */
    [RS_FIELD_OUTLET] = {"outlet", 200, 800, 1},
    [RS_FIELD_SPEAKER] = {"speaker", 200, 800, 1},
    [RS_FIELD_SPEAKER_ROLE] = {"speaker_role", 300, 1200, 1},
    /* Browsers and servers stop near 2,000 (RFC 9110 asks for 8,000 at
     * least; real article addresses are under 300). */
    [RS_FIELD_URL] = {"url", 2000, 2000, 1},
    /* The reader lays the whole body out when it opens (then draws only
     * what is on screen): 1 MB is about 170,000 English words or 330,000
     * Chinese characters, a book rather than a statement, and opens in about
     * a tenth of a second. Lines bound the elements laid out. */
    [RS_FIELD_BODY] = {"body", 1048576, 1048576, 20000},
    /* Home shows the collection's title over its tiles: 200 characters is
     * three lines at 800x480, which home clamps to anyway. */
    [RS_FIELD_COLLECTION_TITLE] = {"title", 200, 800, 1},
    [RS_FIELD_COLLECTION_DESCRIPTION] = {"description", 1000, 4000, 10},
    /* An incident's name is a chip and a list row, its summary a paragraph
     * or a few over its statements. */
    [RS_FIELD_INCIDENT_NAME] = {"name", 200, 800, 1},
    [RS_FIELD_INCIDENT_SUMMARY] = {"summary", 5000, 20000, 50},
    /* A curator's note under a statement's metadata: a sentence or two,
     * like the other notes. */
    [RS_FIELD_NOTE] = {"note", 1000, 4000, 10},
    /* An event is one entry of a thread: a line of it shows, the rest
     * expands in place. A few sentences in the curator's words; far less
     * than an incident's summary. */
    [RS_FIELD_EVENT_SUMMARY] = {"summary", 2000, 8000, 20},
    /* A party's name is a chip and a list row, as a country's; its short
     * name ("EU", "NATO", "ЕС") stands in where a name does not fit. */
    [RS_FIELD_PARTY_NAME] = {"name", 200, 800, 1},
    [RS_FIELD_PARTY_SHORT] = {"short", 60, 240, 1},
    /* The builder's own rules: a slug is at most 100 characters, a date
     * YYYY-MM-DD. */
    [RS_FIELD_SLUG] = {"id", 100, 100, 1},
    [RS_FIELD_DATE] = {"date", 10, 10, 1},
    /* The longest ISO 3166 name in any language iso-codes has is under 100
     * characters. */
    [RS_FIELD_COUNTRY_NAME] = {"country name", 200, 800, 1},
    /* Chips are incident names, outlets, speakers or one word. */
    [RS_FIELD_SUGGESTION] = {"suggestion", 300, 1200, 1},
    /* FTS5 snippets of a few words around the hits; a token is at most a
     * body's longest word, so this bounds what one result can show. */
    [RS_FIELD_SNIPPET] = {"snippet", 1000, 4000, 10},
};

const rs_limit *rs_limit_of(rs_field field)
{
    RS_EXPECT((unsigned)field < RS_FIELD_COUNT);
    return &limits[field];
}

/* Code points that join the one before, by range: the combining blocks and
 * the marks of the scripts a collection of statements is likely to hold.
 * A script left out costs nothing but precision: its marks still count as
 * characters. Sorted, not overlapping. */
static const uint32_t mark_ranges[][2] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
    {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x0816, 0x082D}, {0x0859, 0x085B},
    {0x08D3, 0x08FF}, {0x0900, 0x0903}, {0x093A, 0x094F}, {0x0951, 0x0957}, {0x0962, 0x0963},
    {0x0981, 0x0983}, {0x09BC, 0x09BC}, {0x09BE, 0x09CD}, {0x0A01, 0x0A03}, {0x0A3C, 0x0A51},
    {0x0A81, 0x0A83}, {0x0ABC, 0x0ABC}, {0x0ABE, 0x0ACD}, {0x0B01, 0x0B03}, {0x0B3C, 0x0B3C},
    {0x0B3E, 0x0B57}, {0x0BBE, 0x0BCD}, {0x0C00, 0x0C04}, {0x0C3E, 0x0C56}, {0x0D00, 0x0D03},
    {0x0D3E, 0x0D4D}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1},
    {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD}, {0x0F18, 0x0F19}, {0x0F35, 0x0F35}, {0x0F37, 0x0F37},
    {0x0F39, 0x0F39}, {0x0F71, 0x0F84}, {0x0F86, 0x0F87}, {0x0F8D, 0x0FBC}, {0x102B, 0x103E},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200C, 0x200D}, {0x20D0, 0x20FF}, {0x302A, 0x302F},
    {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0x1F3FB, 0x1F3FF}, {0xE0020, 0xE007F},
    {0xE0100, 0xE01EF},
};

bool rs_limits_is_mark(uint32_t c)
{
    if (c < 0x0300) /* below the first range: most text, answered at once */
        return false;
    size_t lo = 0, hi = sizeof mark_ranges / sizeof mark_ranges[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < mark_ranges[mid][0])
            hi = mid;
        else if (c > mark_ranges[mid][1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}


/* What one pass over a text counts. */
typedef struct text_counts {
    size_t characters, bytes, lines, longest_marks;
} text_counts;

static text_counts count_text(const char *text, size_t length)
{
    text_counts c = {0, length, length ? 1 : 0, 0};
    size_t run = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        c.characters++;
        c.lines += cp == '\n';
        run = rs_limits_is_mark(cp) ? run + 1 : 0;
        if (run > c.longest_marks)
            c.longest_marks = run;
    }
    return c;
}

bool rs_limits_check(rs_field field, const char *text, size_t length, char *problem, size_t problem_size)
{
    const rs_limit *limit = rs_limit_of(field);
    text_counts c = count_text(text, length);
    char have[32], most[32];
    if (c.characters > limit->characters)
        snprintf(problem, problem_size, "is %s characters; the limit is %s", rs_format_count(c.characters, have),
                 rs_format_count(limit->characters, most));
    else if (c.bytes > limit->bytes)
        snprintf(problem, problem_size, "is %s bytes; the limit is %s", rs_format_count(c.bytes, have),
                 rs_format_count(limit->bytes, most));
    else if (c.lines > limit->lines)
        snprintf(problem, problem_size, "has %s lines; the limit is %s", rs_format_count(c.lines, have),
                 rs_format_count(limit->lines, most));
    else if (c.longest_marks > RS_LIMIT_MARKS)
        snprintf(problem, problem_size, "has %s combining marks on one character; the limit is %d",
                 rs_format_count(c.longest_marks, have), RS_LIMIT_MARKS);
    else {
        if (problem_size)
            problem[0] = '\0';
        return true;
    }
    return false;
}

char *rs_limits_copy(rs_field field, const char *text, size_t length)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    const rs_limit *limit = rs_limit_of(field);
    /* Each byte read writes at most 3 (U+FFFD for a bad one), and nothing
     * past the byte limit is written. */
    size_t capacity = (length < limit->bytes / 3 ? length * 3 : limit->bytes) + sizeof ellipsis;
    char *out = rs_xmalloc(capacity);
    size_t o = 0, characters = 0, lines = length ? 1 : 0, run = 0;
    /* Where the text is cut if it must be: the last point with room left
     * for the ellipsis within every limit. */
    size_t safe = 0;
    bool cut = false;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        const char *bytes = text + i;
        i += n;
        if ((cp == 0xFFFD && n == 1) || cp == 0) {
            bytes = "\xEF\xBF\xBD";
            n = 3;
            cp = 0xFFFD;
        }
        run = rs_limits_is_mark(cp) ? run + 1 : 0;
        if (run > RS_LIMIT_MARKS)
            continue;
        if (characters + 1 > limit->characters || o + n > limit->bytes ||
            (cp == '\n' && lines + 1 > limit->lines)) {
            cut = true;
            break;
        }
        if (characters + 1 < limit->characters && o + n + sizeof ellipsis - 1 <= limit->bytes)
            safe = o + n;
        memcpy(out + o, bytes, n);
        o += n;
        characters++;
        lines += cp == '\n';
    }
    if (cut) {
        o = safe;
        memcpy(out + o, ellipsis, sizeof ellipsis - 1);
        o += sizeof ellipsis - 1;
    }
    out[o] = '\0';
    return rs_xrealloc(out, o + 1);
}

/* ---- check ---- */

/* One column that holds a limited field: sql returns a label for the row
 * and the text. */
typedef struct limited_column {
    const char *sql;
    const char *what; /* printf format with the row's label: "statement %s's title" */
    rs_field field;
} limited_column;

static const limited_column limited_columns[] = {
    {"SELECT value, value FROM meta WHERE key = 'title'", "the collection's title", RS_FIELD_COLLECTION_TITLE},
    {"SELECT value, value FROM meta WHERE key = 'description'", "the collection's description",
     RS_FIELD_COLLECTION_DESCRIPTION},
    {"SELECT id, title FROM statement", "statement %s's title", RS_FIELD_TITLE},
    {"SELECT id, title_note FROM statement WHERE title_note IS NOT NULL", "statement %s's title_note",
     RS_FIELD_TITLE_NOTE},
    {"SELECT id, date_note FROM statement WHERE date_note IS NOT NULL", "statement %s's date_note",
     RS_FIELD_DATE_NOTE},
    {"SELECT id, url FROM statement WHERE url IS NOT NULL", "statement %s's url", RS_FIELD_URL},
    {"SELECT id, title FROM statement_text", "statement %s's title", RS_FIELD_TITLE},
    {"SELECT id, body FROM statement_text", "statement %s's body", RS_FIELD_BODY},
    {"SELECT id, name FROM outlet", "outlet %s's name", RS_FIELD_OUTLET},
    {"SELECT id, name FROM speaker", "speaker %s's name", RS_FIELD_SPEAKER},
    {"SELECT id, role FROM speaker WHERE role IS NOT NULL", "speaker %s's role", RS_FIELD_SPEAKER_ROLE},
    {"SELECT slug, name FROM incident", "incident %s's name", RS_FIELD_INCIDENT_NAME},
    {"SELECT slug, summary FROM incident", "incident %s's summary", RS_FIELD_INCIDENT_SUMMARY},
    {"SELECT slug, date_note FROM incident WHERE date_note IS NOT NULL", "incident %s's date_note",
     RS_FIELD_DATE_NOTE},
    {"SELECT id, slug FROM statement", "statement %s's id", RS_FIELD_SLUG},
    {"SELECT id, date FROM statement WHERE date IS NOT NULL", "statement %s's date", RS_FIELD_DATE},
    {"SELECT id, slug FROM incident", "incident %s's slug", RS_FIELD_SLUG},
    {"SELECT slug, date FROM incident WHERE date IS NOT NULL", "incident %s's date", RS_FIELD_DATE},
    {"SELECT code, name FROM country", "country %s's name", RS_FIELD_COUNTRY_NAME},
    {"SELECT code, official_name FROM country WHERE official_name IS NOT NULL", "country %s's official name",
     RS_FIELD_COUNTRY_NAME},
    {"SELECT code, name FROM country_name", "country %s's name", RS_FIELD_COUNTRY_NAME},
    {"SELECT pos, label FROM suggestion", "suggestion %s's label", RS_FIELD_SUGGESTION},
    {"SELECT pos, query FROM suggestion", "suggestion %s's query", RS_FIELD_SUGGESTION},
    /* Format 3: notes, events, parties and the curators' translations. */
    {"SELECT id, note FROM statement WHERE note IS NOT NULL", "statement %s's note", RS_FIELD_NOTE},
    {"SELECT id, summary FROM event", "event %s's summary", RS_FIELD_EVENT_SUMMARY},
    {"SELECT id, date_note FROM event WHERE date_note IS NOT NULL", "event %s's date_note", RS_FIELD_DATE_NOTE},
    {"SELECT id, url FROM event WHERE url IS NOT NULL", "event %s's url", RS_FIELD_URL},
    {"SELECT id, date FROM event WHERE date IS NOT NULL", "event %s's date", RS_FIELD_DATE},
    {"SELECT code, short_name FROM country WHERE short_name IS NOT NULL", "party %s's short name",
     RS_FIELD_PARTY_SHORT},
    {"SELECT code, short_name FROM country_name WHERE short_name IS NOT NULL", "party %s's short name",
     RS_FIELD_PARTY_SHORT},
    {"SELECT language, value FROM translation WHERE subject = 'bundle' AND field = 'title'",
     "the collection's title in %s", RS_FIELD_COLLECTION_TITLE},
    {"SELECT language, value FROM translation WHERE subject = 'bundle' AND field = 'description'",
     "the collection's description in %s", RS_FIELD_COLLECTION_DESCRIPTION},
    {"SELECT key || ' in ' || language, value FROM translation WHERE subject = 'incident' AND field = 'name'",
     "the name of incident %s", RS_FIELD_INCIDENT_NAME},
    {"SELECT key || ' in ' || language, value FROM translation WHERE subject = 'incident' AND field = 'summary'",
     "the summary of incident %s", RS_FIELD_INCIDENT_SUMMARY},
    {"SELECT key || ' in ' || language, value FROM translation WHERE subject = 'event' AND field = 'summary'",
     "the summary of event %s", RS_FIELD_EVENT_SUMMARY},
    {"SELECT key || ' in ' || language, value FROM translation WHERE subject = 'outlet' AND field = 'name'",
     "the name of outlet %s", RS_FIELD_OUTLET},
    {"SELECT key || ' in ' || language, value FROM translation WHERE subject = 'speaker' AND field = 'name'",
     "the name of speaker %s", RS_FIELD_SPEAKER},
    {"SELECT key || ' in ' || language, value FROM translation WHERE subject = 'speaker' AND field = 'role'",
     "the role of speaker %s", RS_FIELD_SPEAKER_ROLE},
};

static void refuse(rs_bundle *b, char *error, size_t error_size, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void refuse(rs_bundle *b, char *error, size_t error_size, const char *format, ...)
{
    char reason[400];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    snprintf(error, error_size, "Cannot open the bundle %s: %s. Build it again with rostrum-bundle.", b->path,
             reason);
    /* One line, whatever the file's labels hold. */
    for (char *p = error; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
}

static void refuse_sqlite(rs_bundle *b, char *error, size_t error_size)
{
    snprintf(error, error_size, "Cannot open the bundle %s: %s.", b->path, sqlite3_errmsg(b->db));
}

/* Checks every row of one column; false at the first value past its limit. */
static bool verify_column(rs_bundle *b, const limited_column *column, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, column->sql, -1, &stmt, NULL) != SQLITE_OK) {
        refuse_sqlite(b, error, error_size);
        return false;
    }
    int rc = SQLITE_DONE;
    bool ok = true;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 1);
        size_t length = (size_t)sqlite3_column_bytes(stmt, 1);
        char problem[160];
        if (!text || rs_limits_check(column->field, text, length, problem, sizeof problem))
            continue;
        char label[64];
        const char *raw = (const char *)sqlite3_column_text(stmt, 0);
        /* A label is an id or a slug: quoted short, in valid UTF-8. */
        bundle_write_valid(label, sizeof label - 16, raw ? raw : "", raw ? strnlen(raw, 40) : 0);
        char what[128];
        snprintf(what, sizeof what, column->what, label);
        refuse(b, error, error_size, "%s %s", what, problem);
        ok = false;
    }
    if (ok && rc != SQLITE_DONE) {
        refuse_sqlite(b, error, error_size);
        ok = false;
    }
    sqlite3_finalize(stmt);
    return ok;
}

/* The statement with the most links of one kind, when it has more than
 * most. */
static bool verify_links(rs_bundle *b, const char *sql, const char *kind, int most, char *error, size_t error_size)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        refuse_sqlite(b, error, error_size);
        return false;
    }
    sqlite3_bind_int(stmt, 1, most);
    int rc = sqlite3_step(stmt);
    bool ok = rc == SQLITE_DONE;
    if (rc == SQLITE_ROW)
        refuse(b, error, error_size, "statement %lld has %lld %s; the limit is %d",
               (long long)sqlite3_column_int64(stmt, 0), (long long)sqlite3_column_int64(stmt, 1), kind, most);
    else if (!ok)
        refuse_sqlite(b, error, error_size);
    sqlite3_finalize(stmt);
    return ok;
}

bool rs_limits_verify(rs_bundle *b, char *error, size_t error_size)
{
    for (size_t i = 0; i < sizeof limited_columns / sizeof limited_columns[0]; i++)
        if (!verify_column(b, &limited_columns[i], error, error_size))
            return false;
    return verify_links(b,
                        "SELECT statement_id, count(DISTINCT country_code) FROM statement_country"
                        " GROUP BY statement_id HAVING count(DISTINCT country_code) > ?1 LIMIT 1",
                        "countries", RS_LIMIT_COUNTRIES, error, error_size) &&
           verify_links(b,
                        "SELECT statement_id, count(*) FROM statement_incident"
                        " GROUP BY statement_id HAVING count(*) > ?1 LIMIT 1",
                        "incidents", RS_LIMIT_INCIDENTS, error, error_size);
}

char *rs_limits_column(sqlite3_stmt *stmt, int i, rs_field field)
{
    const char *text = (const char *)sqlite3_column_text(stmt, i);
    if (!text)
        return NULL;
    int length = sqlite3_column_bytes(stmt, i);
    return rs_limits_copy(field, text, length > 0 ? (size_t)length : 0);
}

char *rs_limits_column_or_empty(sqlite3_stmt *stmt, int i, rs_field field)
{
    char *text = rs_limits_column(stmt, i, field);
    return text ? text : rs_limits_copy(field, "", 0);
}

char *rs_limits_meta_column(sqlite3_stmt *stmt, int i, const char *key)
{
    bool title = key && strcmp(key, "title") == 0;
    return rs_limits_column(stmt, i, title ? RS_FIELD_COLLECTION_TITLE : RS_FIELD_COLLECTION_DESCRIPTION);
}
