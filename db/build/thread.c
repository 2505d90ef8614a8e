/*
 * The incident thread: events (incidents.yaml's events:), who takes part in
 * them, each incident's events and statements in one time order, the
 * curators' translations, and the first sentence of each statement that the
 * thread shows.
 *
 * Events are few beside statements (thousands, not millions), so they are
 * kept as parsed (b->incidents) and only numbered here. Statement lists come
 * from pass 1's compact entries, already in id order.
 */
#include "builder_private.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "utf8.h"

/* ---- the lede ---- */

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x3000;
}

/* Scripts written without spaces between words, where a line may be cut
 * between any two characters: Han, kana, Hangul and their punctuation and
 * full-width forms. */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

/* The folded first sentence as far as RS_LEDE_MAX_BYTES, with where each
 * character starts and which are CJK, for the cut. */
typedef struct lede_text {
    char bytes[RS_LEDE_MAX_BYTES];
    bool starts[RS_LEDE_MAX_BYTES + 1], cjk[RS_LEDE_MAX_BYTES + 1];
    size_t length;
    bool cut; /* the sentence goes on past RS_LEDE_MAX_BYTES */
    bool next_space, next_cjk; /* when cut: the character that did not fit */
} lede_text;

/* Appends c (after one space when space_before), or marks the text cut when
 * it does not fit. */
static bool lede_append(lede_text *t, uint32_t c, bool space_before)
{
    char encoded[4];
    size_t n = rs_utf8_encode(c, encoded);
    if (t->length + (space_before ? 1 : 0) + n > RS_LEDE_MAX_BYTES) {
        t->cut = true;
        t->next_space = space_before;
        t->next_cjk = is_cjk(c);
        return false;
    }
    if (space_before) {
        t->starts[t->length] = true;
        t->bytes[t->length++] = ' ';
    }
    t->starts[t->length] = true;
    t->cjk[t->length] = is_cjk(c);
    memcpy(t->bytes + t->length, encoded, n);
    t->length += n;
    return true;
}

/* Where to cut t so that "…" fits: the last space, or the last boundary
 * next to a CJK character, within the room left; else the last character
 * boundary (a single long word). */
static size_t lede_cut_at(const lede_text *t)
{
    size_t room = RS_LEDE_MAX_BYTES - (sizeof "…" - 1);
    size_t top = t->length < room ? t->length : room;
    size_t boundary = 0;
    for (size_t p = top; p > 0; p--) {
        bool at_end = p == t->length;
        if (!at_end && !t->starts[p])
            continue;
        if (!boundary)
            boundary = p;
        size_t before = p - 1;
        while (before > 0 && !t->starts[before])
            before--;
        bool space_after = at_end ? t->next_space : t->bytes[p] == ' ';
        bool cjk_after = at_end ? t->next_cjk : t->cjk[p];
        if (space_after || cjk_after || t->cjk[before])
            return p;
    }
    return boundary;
}

char *thread_lede(const char *body, size_t size, char out[LEDE_SIZE])
{
    lede_text text = {0}, *t = &text;
    bool space = false;
    size_t at = 0;
    while (at < size) {
        uint32_t c;
        at += rs_utf8_decode(body + at, size - at, &c);
        if (is_space(c)) {
            space = t->length > 0;
            continue;
        }
        if (!lede_append(t, c, space))
            break;
        space = false;
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
            break; /* 。！？ end a sentence as they stand */
        if (c == '.' || c == '!' || c == '?') {
            uint32_t next = ' ';
            if (at < size)
                rs_utf8_decode(body + at, size - at, &next);
            if (is_space(next))
                break;
        }
    }
    size_t length = t->length;
    if (t->cut) {
        length = lede_cut_at(t);
        while (length > 0 && t->bytes[length - 1] == ' ')
            length--;
    }
    memcpy(out, t->bytes, length);
    if (t->cut) {
        memcpy(out + length, "…", sizeof "…" - 1);
        length += sizeof "…" - 1;
    }
    out[length] = '\0';
    return out;
}

/* ---- ordering the events ---- */

static const build *sort_context;

/* RS_THREAD_ORDER's key: dated before undated, then year, month, day with
 * an unknown part as 0. */
static int compare_dates(const rs_date *x, const rs_date *y)
{
    bool x_dated = x->year != 0, y_dated = y->year != 0;
    if (x_dated != y_dated)
        return x_dated ? -1 : 1;
    int c = (x->year > y->year) - (x->year < y->year);
    if (!c)
        c = (x->month > y->month) - (x->month < y->month);
    if (!c)
        c = (x->day > y->day) - (x->day < y->day);
    return c;
}

static const rs_event_source *event_of(const build *b, const event_entry *e)
{
    return &b->incidents.items[e->incident].events[e->index];
}

/* By date, then by incident (in incidents.yaml's order), then as written. */
static int compare_events(const void *a, const void *b)
{
    const event_entry *x = a, *y = b;
    int c = compare_dates(&event_of(sort_context, x)->date, &event_of(sort_context, y)->date);
    if (!c)
        c = (x->incident > y->incident) - (x->incident < y->incident);
    if (!c)
        c = (x->index > y->index) - (x->index < y->index);
    return c;
}

void thread_order_events(build *b)
{
    size_t count = 0;
    for (size_t i = 0; i < b->incidents.count; i++)
        count += b->incidents.items[i].event_count;
    b->events = rs_xcalloc(count + 1, sizeof *b->events);
    for (size_t i = 0; i < b->incidents.count; i++)
        for (size_t e = 0; e < b->incidents.items[i].event_count; e++)
            b->events[b->event_count++] = (event_entry){(uint32_t)i, (uint32_t)e};
    sort_context = b;
    qsort(b->events, b->event_count, sizeof *b->events, compare_events);

    size_t slots = build_slot_count(b);
    b->party_event_counts = rs_xcalloc(slots, sizeof *b->party_event_counts);
    for (size_t k = 0; k < b->event_count; k++) {
        const rs_event_source *event = event_of(b, &b->events[k]);
        for (size_t p = 0; p < event->party_count; p++) {
            size_t slot = build_party_slot(b, event->parties[p].code);
            if (slot < slots)
                b->party_event_counts[slot]++;
        }
    }
}

/* ---- events and who takes part ---- */

static int compare_refs_by_code(const void *a, const void *b)
{
    return strcmp((*(const rs_country_ref *const *)a)->code, (*(const rs_country_ref *const *)b)->code);
}

/* The event's row and its parties' (event_party, in code order). */
static bool write_event(writer *w, sqlite3_stmt *insert, sqlite3_stmt *party, int64_t id, const event_entry *entry)
{
    const build *b = w->b;
    const rs_event_source *e = event_of(b, entry);
    sqlite3_bind_int64(insert, 1, id);
    sqlite3_bind_int64(insert, 2, (int64_t)entry->incident + 1);
    writer_bind_text_or_null(insert, 3, e->date_text);
    if (e->date.year)
        sqlite3_bind_int(insert, 4, e->date.year);
    if (e->date.month)
        sqlite3_bind_int(insert, 5, e->date.month);
    if (e->date.day)
        sqlite3_bind_int(insert, 6, e->date.day);
    if (e->date.year)
        sqlite3_bind_int(insert, 13, RS_DATE_KEY(e->date.year, e->date.month, e->date.day));
    writer_bind_text_or_null(insert, 7, e->date_note);
    sqlite3_bind_text(insert, 8, e->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 9, e->summary, -1, SQLITE_STATIC);
    writer_bind_text_or_null(insert, 10, e->url);
    sqlite3_bind_text(insert, 11, "incidents.yaml", -1, SQLITE_STATIC); /* relative, as statements' are */
    sqlite3_bind_int64(insert, 12, e->line);
    bool ok = writer_step(w, insert);

    const rs_country_ref **refs = rs_xcalloc(e->party_count + 1, sizeof *refs);
    for (size_t p = 0; p < e->party_count; p++)
        refs[p] = &e->parties[p];
    qsort(refs, e->party_count, sizeof *refs, compare_refs_by_code);
    for (size_t p = 0; ok && p < e->party_count; p++) {
        char roles[RS_ROLES_TEXT_SIZE];
        rs_roles_text(refs[p]->roles, roles);
        sqlite3_bind_int64(party, 1, id);
        sqlite3_bind_text(party, 2, refs[p]->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(party, 3, roles, -1, SQLITE_TRANSIENT);
        ok = writer_step(w, party);
    }
    free(refs);
    return ok;
}

/* Each party's events in id order (party_event), by a counting sort of the
 * events' parties over the slots. */
static bool write_party_events(writer *w)
{
    const build *b = w->b;
    size_t slots = build_slot_count(b);
    size_t *start = rs_xcalloc(slots + 1, sizeof *start);
    for (size_t k = 0; k < slots; k++)
        start[k + 1] = start[k] + b->party_event_counts[k];
    size_t total = start[slots];
    int64_t *ids = rs_xcalloc(total + 1, sizeof *ids);
    unsigned *roles = rs_xcalloc(total + 1, sizeof *roles);
    size_t *fill = rs_xcalloc(slots + 1, sizeof *fill);
    memcpy(fill, start, slots * sizeof *fill);
    for (size_t k = 0; k < b->event_count; k++) {
        const rs_event_source *event = event_of(b, &b->events[k]);
        for (size_t p = 0; p < event->party_count; p++) {
            size_t slot = build_party_slot(b, event->parties[p].code);
            if (slot >= slots)
                continue;
            ids[fill[slot]] = (int64_t)k + 1;
            roles[fill[slot]++] = event->parties[p].roles;
        }
    }
    sqlite3_stmt *insert =
        writer_prepare(w, "INSERT INTO party_event(party_code, pos, event_id, roles) VALUES(?1, ?2, ?3, ?4)");
    bool ok = insert != NULL;
    for (size_t k = 0; ok && k < slots; k++) {
        char code[RS_PARTY_CODE_SIZE];
        build_slot_code(b, k, code);
        for (size_t at = start[k]; ok && at < start[k + 1]; at++) {
            char text[RS_ROLES_TEXT_SIZE];
            rs_roles_text(roles[at], text);
            sqlite3_bind_text(insert, 1, code, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 2, (int64_t)(at - start[k]));
            sqlite3_bind_int64(insert, 3, ids[at]);
            sqlite3_bind_text(insert, 4, text, -1, SQLITE_TRANSIENT);
            ok = writer_step(w, insert);
        }
    }
    sqlite3_finalize(insert);
    free(start), free(ids), free(roles), free(fill);
    return ok;
}

static bool write_events(writer *w)
{
    sqlite3_stmt *insert = writer_prepare(w,
        "INSERT INTO event(id, incident_id, date, year, month, day, date_note, kind, summary, url, source_path,"
        " source_line, key) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    sqlite3_stmt *party = writer_prepare(w, "INSERT INTO event_party(event_id, party_code, roles) VALUES(?1, ?2, ?3)");
    bool ok = insert && party;
    for (size_t k = 0; ok && k < w->b->event_count; k++)
        ok = write_event(w, insert, party, (int64_t)k + 1, &w->b->events[k]);
    sqlite3_finalize(insert);
    sqlite3_finalize(party);
    return ok && write_party_events(w);
}

/* ---- the incident thread ---- */

/* Items grouped by incident with a counting sort: group g is
 * items[start[g] .. start[g + 1]), in the order they were added. */
typedef struct by_incident {
    size_t *start, *fill;
    size_t *items;
} by_incident;

static void by_incident_init(by_incident *g, size_t incidents, const size_t *counts)
{
    g->start = rs_xcalloc(incidents + 1, sizeof *g->start);
    for (size_t i = 0; i < incidents; i++)
        g->start[i + 1] = g->start[i] + counts[i];
    g->fill = rs_xcalloc(incidents + 1, sizeof *g->fill);
    memcpy(g->fill, g->start, incidents * sizeof *g->fill);
    g->items = rs_xcalloc(g->start[incidents] + 1, sizeof *g->items);
}

static void by_incident_free(by_incident *g)
{
    free(g->start), free(g->fill), free(g->items);
}

/* The statements of each incident (as time positions into b->by_time, so
 * in id order) and its events (as event positions, so in id order). */
static void group_by_incident(const build *b, by_incident *statements, by_incident *events)
{
    size_t incidents = b->incidents.count;
    size_t *counts = rs_xcalloc(incidents + 1, sizeof *counts);
    for (size_t r = 0; r < b->incident_ref_count; r++)
        if (b->incident_refs[r] != NO_INCIDENT)
            counts[b->incident_refs[r]]++;
    by_incident_init(statements, incidents, counts);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        for (size_t r = entry->first_incident; r < entry->first_incident + entry->incident_count; r++)
            if (b->incident_refs[r] != NO_INCIDENT)
                statements->items[statements->fill[b->incident_refs[r]]++] = t;
    }
    memset(counts, 0, incidents * sizeof *counts);
    for (size_t k = 0; k < b->event_count; k++)
        counts[b->events[k].incident]++;
    by_incident_init(events, incidents, counts);
    for (size_t k = 0; k < b->event_count; k++)
        events->items[events->fill[b->events[k].incident]++] = k;
    free(counts);
}

/* Incident i's thread: its events and statements merged in RS_THREAD_ORDER
 * (on the same date the event first). */
static bool write_incident_thread(writer *w, sqlite3_stmt *insert, size_t i, const by_incident *statements,
                                  const by_incident *events)
{
    const build *b = w->b;
    size_t s = statements->start[i], s_end = statements->start[i + 1];
    size_t e = events->start[i], e_end = events->start[i + 1];
    bool ok = true;
    for (int64_t pos = 0; ok && (s < s_end || e < e_end); pos++) {
        bool take_event = e < e_end;
        if (take_event && s < s_end) {
            const rs_date *statement_date = &b->statements[b->by_time[statements->items[s]]].date;
            take_event = compare_dates(&event_of(b, &b->events[events->items[e]])->date, statement_date) <= 0;
        }
        sqlite3_bind_int64(insert, 1, (int64_t)i + 1);
        sqlite3_bind_int64(insert, 2, pos);
        if (take_event)
            sqlite3_bind_int64(insert, 4, (int64_t)events->items[e++] + 1);
        else
            sqlite3_bind_int64(insert, 3, (int64_t)statements->items[s++] + 1);
        ok = writer_step(w, insert);
    }
    return ok;
}

static bool write_threads(writer *w)
{
    by_incident statements, events;
    group_by_incident(w->b, &statements, &events);
    sqlite3_stmt *insert =
        writer_prepare(w, "INSERT INTO incident_thread(incident_id, pos, statement_id, event_id) VALUES(?1, ?2, ?3, ?4)");
    bool ok = insert != NULL;
    for (size_t i = 0; ok && i < w->b->incidents.count; i++)
        ok = write_incident_thread(w, insert, i, &statements, &events);
    sqlite3_finalize(insert);
    by_incident_free(&statements);
    by_incident_free(&events);
    return ok;
}

/* ---- translations ---- */

static bool insert_translation(writer *w, sqlite3_stmt *insert, const char *subject, const char *key,
                               const char *field, const char *language, const char *value)
{
    sqlite3_bind_text(insert, 1, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, field, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, language, -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 5, value, -1, SQLITE_STATIC);
    return writer_step(w, insert);
}

static bool insert_translations(writer *w, sqlite3_stmt *insert, const char *subject, const char *key,
                                const rs_translations *t)
{
    bool ok = true;
    for (size_t k = 0; ok && k < t->count; k++)
        ok = insert_translation(w, insert, subject, key, t->items[k].field, t->items[k].language, t->items[k].value);
    return ok;
}

/* Outlets' and speakers' translations, as pass 1 kept them (checked, one
 * per language), keyed by their row ids. */
static bool insert_named_translations(writer *w, sqlite3_stmt *insert, const string_set *outlets,
                                      const string_set *speakers)
{
    static const char *const fields[] = {"name", "name", "role"};
    const build *b = w->b;
    bool ok = true;
    for (size_t k = 0; ok && k < b->named_count; k++) {
        const named_translation *t = &b->named[k];
        bool outlet = t->what == NAMED_OUTLET;
        char key[32];
        snprintf(key, sizeof key, "%" PRId64, string_set_find(outlet ? outlets : speakers, t->key));
        ok = insert_translation(w, insert, rs_translation_subjects[outlet ? 3 : 4], key, fields[t->what],
                                t->language, t->value);
    }
    return ok;
}

static bool write_translations(writer *w, const string_set *outlets, const string_set *speakers)
{
    const build *b = w->b;
    sqlite3_stmt *insert =
        writer_prepare(w, "INSERT INTO translation(subject, key, field, language, value) VALUES(?1, ?2, ?3, ?4, ?5)");
    bool ok = insert && insert_translations(w, insert, rs_translation_subjects[0], "", &b->bundle.translations);
    for (size_t i = 0; ok && i < b->incidents.count; i++) {
        const rs_incident_source *incident = &b->incidents.items[i];
        ok = insert_translations(w, insert, rs_translation_subjects[1], incident->slug, &incident->translations);
    }
    for (size_t k = 0; ok && k < b->event_count; k++) {
        char key[32];
        snprintf(key, sizeof key, "%zu", k + 1);
        ok = insert_translations(w, insert, rs_translation_subjects[2], key, &event_of(b, &b->events[k])->translations);
    }
    ok = ok && insert_named_translations(w, insert, outlets, speakers);
    sqlite3_finalize(insert);
    return ok;
}

bool thread_write(writer *w, const string_set *outlets, const string_set *speakers)
{
    return write_events(w) && write_threads(w) && write_translations(w, outlets, speakers);
}
