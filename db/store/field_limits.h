/*
 * Limits: the one size limit of every field a visitor sees, shared by the
 * builder (which refuses a source past a limit, with file:line), `check`
 * (which refuses a bundle holding one) and the viewer's query layer (which
 * clamps whatever it reads, however the bundle was made).
 *
 * Why limits at all: every cost of drawing a screen grows with what it
 * shows. A title of "Z" and 60,000 combining marks was one grapheme 200,648
 * px wide, shaped again every frame; a 10 MB collection title cost home
 * 5.4 s of CPU. With these limits the worst text any field can hold is
 * small enough to lay out and draw within a frame, and each value is far
 * above anything a real statement needs (the sample corpus's longest title
 * is 147 characters, its longest body 22 kB).
 *
 * Characters are Unicode code points (what SQLite's length() counts, so
 * `check` can ask SQLite). A combining mark is a code point that joins the
 * character before it (rs_limits_is_mark); marks in a row count against
 * RS_LIMIT_MARKS whatever the field.
 *
 * (Not named limits.h: db/store is on every target's include path, and
 * that name would stand in for the C library's <limits.h>.)
 */
#ifndef RS_FIELD_LIMITS_H
#define RS_FIELD_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

/* Combining marks after one base character. Unicode's Stream-Safe Text
 * Format (UAX #15) draws the line at 30 non-starters in a row, and no
 * language's text comes near it (Vietnamese stacks two, Tibetan and
 * cantillated Hebrew four or five); past it a "character" is only a way to
 * make the shaper work. */
#define RS_LIMIT_MARKS 30

/* Countries and incidents one statement may link to. There are 249 ISO
 * countries; a statement naming more than 50 is a list, not a statement,
 * and its chips would fill the reader. 20 incidents likewise. */
#define RS_LIMIT_COUNTRIES 50
#define RS_LIMIT_INCIDENTS 20

/* The fields with a limit. */
typedef enum rs_field {
    RS_FIELD_TITLE,             /* a statement's title */
    RS_FIELD_TITLE_NOTE,
    RS_FIELD_DATE_NOTE,         /* a statement's or an incident's */
    RS_FIELD_OUTLET,
    RS_FIELD_SPEAKER,
    RS_FIELD_SPEAKER_ROLE,
    RS_FIELD_URL,
    RS_FIELD_BODY,
    RS_FIELD_COLLECTION_TITLE,  /* bundle.yaml's title, home's heading */
    RS_FIELD_COLLECTION_DESCRIPTION,
    RS_FIELD_INCIDENT_NAME,
    RS_FIELD_INCIDENT_SUMMARY,
    RS_FIELD_NOTE,              /* a statement's note: (the curator's) */
    RS_FIELD_EVENT_SUMMARY,     /* an event's summary (the curator's own words) */
    RS_FIELD_PARTY_NAME,        /* a parties.yaml name, in each language */
    RS_FIELD_PARTY_SHORT,       /* a parties.yaml short name ("EU", "ЕС") */
    /* What the builder writes itself, limited so that a bundle made by
     * other means cannot grow them: */
    RS_FIELD_SLUG,              /* a statement's id or an incident's slug */
    RS_FIELD_DATE,              /* as written: "2021-07-20" */
    RS_FIELD_COUNTRY_NAME,      /* from iso-codes, in each language */
    RS_FIELD_SUGGESTION,        /* a search chip's label and query */
    RS_FIELD_SNIPPET,           /* a search result's snippet, hit marks included */
    RS_FIELD_COUNT
} rs_field;

typedef struct rs_limit {
    const char *name;  /* as the curator writes it: "title", "summary" */
    size_t characters; /* code points */
    size_t bytes;      /* UTF-8 bytes; bounds memory where characters alone would allow 4x */
    size_t lines;      /* line breaks + 1 */
} rs_limit;

/* The limit of field (see limits.c for each value and why). */
const rs_limit *rs_limit_of(rs_field field);

/* True for a code point that joins the one before it: combining marks of
 * the common blocks (diacritics, Hebrew, Arabic, Indic and Thai signs,
 * marks for symbols, half marks), variation selectors, ZWJ and ZWNJ, tags
 * and emoji skin tones. */
bool rs_limits_is_mark(uint32_t codepoint);

/* What text[0..length) (valid UTF-8) has too much of, for field: one line
 * into problem ("is 60,001 characters; the limit is 1,000") and false, or
 * true and problem "" when it is within the limit. The first limit passed is
 * named: characters, then bytes, then lines, then marks. */
bool rs_limits_check(rs_field field, const char *text, size_t length, char *problem, size_t problem_size);

/* A copy of text[0..length) (any bytes) that the viewer may show as field:
 * valid UTF-8 (as the query layer's checked copies: a bad byte or NUL is
 * U+FFFD), marks past RS_LIMIT_MARKS in a row dropped, and when a limit of
 * characters, bytes or lines is passed, cut at a character boundary within
 * it and ended with "…". Reads only what it keeps, so a 10 MB value costs
 * no more than the limit. Caller frees. */
char *rs_limits_copy(rs_field field, const char *text, size_t length);

/* The limits of `check`: every limited field of every row, the countries
 * and incidents of every statement. False with one line in error ("the
 * bundle x.sqlite is refused: statement 12's title is 60,001 characters;
 * the limit is 1,000. Build it again with rostrum-bundle.") at the first
 * value past its limit or a read error. Reads every text: as slow as
 * reading the bundle once. */
bool rs_limits_verify(rs_bundle *bundle, char *error, size_t error_size);

/* For the query layer: column i of stmt's current row as rs_limits_copy
 * makes it for field; NULL for SQL NULL (_or_empty: "" instead). */
struct sqlite3_stmt;
char *rs_limits_column(struct sqlite3_stmt *stmt, int i, rs_field field);
char *rs_limits_column_or_empty(struct sqlite3_stmt *stmt, int i, rs_field field);
/* A meta value (column i) under key: the collection's title and description
 * as their fields, any other value (counts, dates, the builder's name) as
 * a description, which is far longer than any of them. */
char *rs_limits_meta_column(struct sqlite3_stmt *stmt, int i, const char *key);

#endif
