/*
 * name_order (bundle format 5): for each UI language, the order in which
 * that language sorts the names of the lists the viewer shows sorted by
 * name, computed here with ICU (collation.h) so that the viewer sorts with
 * one index seek and never links ICU.
 *
 * Subjects: "party", the parties of the collection (the Countries screen,
 * every country and party with a statement or an event), by the name the
 * viewer shows in that language, key the party's code; "incident", the
 * incidents by date (undated last), then by name in that language (the
 * Incidents screen), key the incident's id (its slug is a text a damaged
 * bundle could lose; the id is the row).
 * Outlets and speakers have no list screen: they are not ordered.
 *
 * The names are read back from the tables written before (country,
 * country_name, incident, translation) with the lookup the viewer uses
 * (BUNDLE_PARTY_NAME and BUNDLE_TRANSLATED in db/store/bundle_private.h:
 * the tags of the language best first, else the base name), so the order
 * is the order of exactly the names the screen shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder_private.h"
#include "bundle_format.h"
#include "collation.h"
#include "expect.h"

/* The UI languages, English first: the languages the bundle has names in
 * (RS_BUNDLE_NAME_LANGUAGES) and English. */
static const char *const order_languages[] = RS_NAME_ORDER_LANGUAGES;

/* The tags a UI language's names are looked up in, best first, as
 * rs_bundle_set_language sets them (db/store/bundle.c): Chinese takes the
 * curators' BCP 47 forms too; English has only "en". Unused slots are
 * bound NULL and match nothing. */
static void bind_tags(sqlite3_stmt *stmt, const char *language)
{
    static const char *const chinese[] = {"zh_CN", "zh-Hans", "zh-CN", "zh"};
    bool zh = strcmp(language, "zh_CN") == 0;
    for (int i = 0; i < 4; i++) {
        if (zh)
            sqlite3_bind_text(stmt, i + 1, chinese[i], -1, SQLITE_STATIC);
        else if (i == 0)
            sqlite3_bind_text(stmt, i + 1, language, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(stmt, i + 1);
    }
}

#define IN_TAGS(column)                                                                                               \
    column " IN (?1, ?2, ?3, ?4) ORDER BY CASE " column " WHEN ?1 THEN 0 WHEN ?2 THEN 1 WHEN ?3 THEN 2 ELSE 3"      \
           " END LIMIT 1"

/* What one subject's list is read with: key, name, and for incidents the
 * date (NULL: undated). */
static const char party_sql[] =
    "SELECT c.code, coalesce((SELECT n.name FROM country_name n WHERE n.code = c.code AND " IN_TAGS("n.language")
    "), c.name), NULL FROM country c WHERE c.statement_count > 0 OR c.event_count > 0 ORDER BY c.code";
static const char incident_sql[] =
    "SELECT i.id, coalesce((SELECT t.value FROM translation t WHERE t.subject = 'incident' AND t.key = i.slug"
    " AND t.field = 'name' AND " IN_TAGS("t.language") "), i.name), i.date FROM incident i ORDER BY i.id";

/* One row of a subject's list in one language, as read. */
typedef struct named_row {
    char *key, *name, *date;
} named_row;

typedef struct named_rows {
    named_row *items;
    size_t count, capacity;
} named_rows;

static void named_rows_free(named_rows *rows)
{
    for (size_t i = 0; i < rows->count; i++)
        free(rows->items[i].key), free(rows->items[i].name), free(rows->items[i].date);
    free(rows->items);
    memset(rows, 0, sizeof *rows);
}

static char *column_copy(sqlite3_stmt *stmt, int i)
{
    const char *text = (const char *)sqlite3_column_text(stmt, i);
    return text ? rs_xstrdup(text) : NULL;
}

static bool read_named(writer *w, sqlite3_stmt *stmt, const char *language, named_rows *rows)
{
    bind_tags(stmt, language);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rs_grow(&rows->items, &rows->capacity, rows->count + 1, sizeof *rows->items);
        named_row *row = &rows->items[rows->count++];
        row->key = column_copy(stmt, 0);
        row->name = column_copy(stmt, 1);
        row->date = column_copy(stmt, 2);
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && !w->error)
        w->error = rs_xstrdup(sqlite3_errmsg(w->db));
    return rc == SQLITE_DONE;
}

/* Incidents: the name order, then by date (undated last) keeping it:
 * a stable insertion by date over rows already in name order. */
static void order_by_date(const named_rows *rows, size_t *order)
{
    for (size_t i = 1; i < rows->count; i++) {
        size_t item = order[i], j = i;
        const char *date = rows->items[item].date;
        while (j > 0) {
            const char *before = rows->items[order[j - 1]].date;
            bool later = date && (!before || strcmp(before, date) > 0);
            if (!later)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = item;
    }
}

/* Sorts and writes one subject in one language. */
static bool write_subject(writer *w, sqlite3_stmt *read, sqlite3_stmt *insert, const rs_collation *collation,
                          const char *language, const char *subject)
{
    named_rows rows = {0};
    bool ok = read_named(w, read, language, &rows);
    size_t *order = rs_xcalloc(rows.count + 1, sizeof *order);
    const char **names = rs_xcalloc(rows.count + 1, sizeof *names), **keys = rs_xcalloc(rows.count + 1, sizeof *keys);
    for (size_t i = 0; i < rows.count; i++)
        names[i] = rows.items[i].name, keys[i] = rows.items[i].key;
    if (ok) {
        rs_collation_sort(collation, names, keys, rows.count, order);
        if (strcmp(subject, "incident") == 0)
            order_by_date(&rows, order);
    }
    for (size_t p = 0; ok && p < rows.count; p++) {
        sqlite3_bind_text(insert, 1, language, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, subject, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 3, (int64_t)p);
        sqlite3_bind_text(insert, 4, keys[order[p]], -1, SQLITE_STATIC);
        ok = writer_step(w, insert);
    }
    free(order), free(names), free(keys);
    named_rows_free(&rows);
    return ok;
}

bool name_order_write(writer *w)
{
    sqlite3_stmt *parties = writer_prepare(w, party_sql);
    sqlite3_stmt *incidents = writer_prepare(w, incident_sql);
    sqlite3_stmt *insert = writer_prepare(w, "INSERT INTO name_order(language, subject, pos, key) VALUES(?1, ?2, ?3, ?4)");
    bool ok = parties && incidents && insert;
    /* Rows go in in primary-key order: language, subject, pos. */
    const char *languages[RS_NAME_ORDER_LANGUAGE_COUNT];
    memcpy(languages, order_languages, sizeof languages);
    qsort(languages, RS_NAME_ORDER_LANGUAGE_COUNT, sizeof *languages, build_compare_strings);
    for (size_t l = 0; ok && l < RS_NAME_ORDER_LANGUAGE_COUNT; l++) {
        char error[256];
        rs_collation *collation = rs_collation_create(languages[l], error, sizeof error);
        if (!collation) {
            if (!w->error)
                w->error = rs_xstrdup(error);
            ok = false;
            break;
        }
        ok = write_subject(w, incidents, insert, collation, languages[l], "incident") &&
             write_subject(w, parties, insert, collation, languages[l], "party");
        rs_collation_destroy(collation);
    }
    sqlite3_finalize(parties);
    sqlite3_finalize(incidents);
    sqlite3_finalize(insert);
    return ok;
}
