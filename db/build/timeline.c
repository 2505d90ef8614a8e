/*
 * What the timeline and an incident's map read, precomputed (format 4):
 * each incident's span (incident.first_key, last_key), the lane it is
 * drawn in (incident.lane), how many of its entries answer
 * (incident.answer_count), and its parties with the union of their roles
 * (incident_party).
 *
 * Everything comes from what pass 1 keeps in memory, in one pass over the
 * statements' incident and party links (a counting sort by incident, as
 * the thread's) and one over the events, linear in the links, except the
 * statements' kinds, which pass 1 does not keep: one sequential scan of
 * statement gives the ids of those that accuse.
 */
#include "builder_private.h"

#include <stdlib.h>
#include <string.h>

#include "expect.h"

/* RS_DATE_KEY of a date; 0 for an undated one (no key is 0: years start
 * at 1). */
static int64_t date_key(const rs_date *d)
{
    return d->year ? (int64_t)RS_DATE_KEY(d->year, d->month, d->day) : 0;
}

/* Widens incident i's span [first[i], last[i]] (0: none yet) to key. */
static void widen(int64_t *first, int64_t *last, size_t i, int64_t key)
{
    if (!key)
        return;
    if (!first[i] || key < first[i])
        first[i] = key;
    if (!last[i] || key > last[i])
        last[i] = key;
}

/* Each incident's first and last dated key over its statements and events,
 * 0 when it has no dated entry. */
static void incident_spans(const build *b, int64_t *first, int64_t *last)
{
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *s = &b->statements[b->by_time[t]];
        int64_t key = date_key(&s->date);
        if (!key)
            break; /* the undated come last */
        for (size_t r = s->first_incident; r < s->first_incident + s->incident_count; r++)
            if (b->incident_refs[r] != NO_INCIDENT)
                widen(first, last, b->incident_refs[r], key);
    }
    for (size_t k = 0; k < b->event_count; k++) {
        const event_entry *e = &b->events[k];
        widen(first, last, e->incident, date_key(&b->incidents.items[e->incident].events[e->index].date));
    }
}

/* ---- lanes: greedy interval packing ---- */

/* A binary min-heap of (key, lane), by key then lane. */
typedef struct heap {
    int64_t *keys;
    size_t *lanes;
    size_t count;
} heap;

static bool heap_less(const heap *h, size_t x, size_t y)
{
    return h->keys[x] < h->keys[y] || (h->keys[x] == h->keys[y] && h->lanes[x] < h->lanes[y]);
}

static void heap_swap(heap *h, size_t x, size_t y)
{
    int64_t key = h->keys[x];
    size_t lane = h->lanes[x];
    h->keys[x] = h->keys[y], h->lanes[x] = h->lanes[y];
    h->keys[y] = key, h->lanes[y] = lane;
}

/* Room for count entries is allocated up front (every incident once). */
static void heap_push(heap *h, int64_t key, size_t lane)
{
    size_t at = h->count++;
    h->keys[at] = key, h->lanes[at] = lane;
    while (at > 0 && heap_less(h, at, (at - 1) / 2)) {
        heap_swap(h, at, (at - 1) / 2);
        at = (at - 1) / 2;
    }
}

static void heap_pop(heap *h)
{
    heap_swap(h, 0, --h->count);
    for (size_t at = 0;;) {
        size_t least = at, left = 2 * at + 1, right = left + 1;
        if (left < h->count && heap_less(h, left, least))
            least = left;
        if (right < h->count && heap_less(h, right, least))
            least = right;
        if (least == at)
            break;
        heap_swap(h, at, least);
        at = least;
    }
}

static const int64_t *sort_first;

/* By first key, then id (index). */
static int compare_by_first(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_first[x] != sort_first[y])
        return sort_first[x] < sort_first[y] ? -1 : 1;
    return (x > y) - (x < y);
}

/* The lane of each dated incident: in (first_key, id) order, the lowest
 * lane whose last span ends strictly before this one starts, else a new
 * one. Spans of one lane never touch, and lie in order of both keys. A lane
 * once free stays free until taken, since first keys only grow: busy lanes
 * wait in a heap by their end, free ones in a heap by number. */
static void incident_lanes(size_t count, const int64_t *first, const int64_t *last, int64_t *lane)
{
    size_t *order = rs_xcalloc(count + 1, sizeof *order);
    size_t dated = 0;
    for (size_t i = 0; i < count; i++)
        if (first[i])
            order[dated++] = i;
    sort_first = first;
    qsort(order, dated, sizeof *order, compare_by_first);
    heap busy = {rs_xcalloc(dated + 1, sizeof(int64_t)), rs_xcalloc(dated + 1, sizeof(size_t)), 0};
    heap free_lanes = {rs_xcalloc(dated + 1, sizeof(int64_t)), rs_xcalloc(dated + 1, sizeof(size_t)), 0};
    size_t lanes = 0;
    for (size_t k = 0; k < dated; k++) {
        size_t i = order[k];
        while (busy.count && busy.keys[0] < first[i]) {
            heap_push(&free_lanes, (int64_t)busy.lanes[0], busy.lanes[0]);
            heap_pop(&busy);
        }
        size_t chosen = lanes;
        if (free_lanes.count) {
            chosen = free_lanes.lanes[0];
            heap_pop(&free_lanes);
        } else {
            lanes++;
        }
        lane[i] = (int64_t)chosen;
        heap_push(&busy, last[i], chosen);
    }
    free(busy.keys), free(busy.lanes), free(free_lanes.keys), free(free_lanes.lanes);
    free(order);
}

/* ---- answers ---- */

/* What answers, as the thread screen tells it apart: a statement that does
 * not accuse (any kind but attribution) and a denial. Statement kinds are
 * not kept in memory: the ids of those that accuse come from one
 * sequential scan of statement (a join per thread entry reads its rows in
 * thread order, several times slower at a million). Each incident counts
 * an entry of its thread that answers, as incident_thread lists them (a
 * statement naming the incident twice, twice). */
static bool incident_answers(writer *w, int64_t *answers)
{
    const build *b = w->b;
    uint8_t *accuses = rs_xcalloc(b->statement_count + 1, 1);
    sqlite3_stmt *select = writer_prepare(w, "SELECT id FROM statement WHERE kind = 'attribution'");
    bool ok = select != NULL;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(select)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(select, 0);
        if (id >= 1 && (uint64_t)id <= b->statement_count)
            accuses[id - 1] = 1;
    }
    if (ok && rc != SQLITE_DONE) {
        if (!w->error)
            w->error = rs_xstrdup(sqlite3_errmsg(w->db));
        ok = false;
    }
    sqlite3_finalize(select);
    for (size_t t = 0; ok && t < b->statement_count; t++) {
        const statement_entry *s = &b->statements[b->by_time[t]];
        for (size_t r = s->first_incident; !accuses[t] && r < s->first_incident + s->incident_count; r++)
            if (b->incident_refs[r] != NO_INCIDENT)
                answers[b->incident_refs[r]]++;
    }
    for (size_t k = 0; ok && k < b->event_count; k++) {
        const event_entry *e = &b->events[k];
        if (strcmp(b->incidents.items[e->incident].events[e->index].kind, "denial") == 0)
            answers[e->incident]++;
    }
    free(accuses);
    return ok;
}

static bool write_spans(writer *w, const int64_t *first, const int64_t *last, const int64_t *lane,
                        const int64_t *answers)
{
    sqlite3_stmt *update = writer_prepare(w,
        "UPDATE incident SET first_key = ?2, last_key = ?3, lane = ?4, answer_count = ?5 WHERE id = ?1");
    bool ok = update != NULL;
    for (size_t i = 0; ok && i < w->b->incidents.count; i++) {
        sqlite3_bind_int64(update, 1, (int64_t)i + 1);
        if (first[i]) { /* undated: NULL */
            sqlite3_bind_int64(update, 2, first[i]);
            sqlite3_bind_int64(update, 3, last[i]);
            sqlite3_bind_int64(update, 4, lane[i]);
        }
        sqlite3_bind_int64(update, 5, answers[i]);
        ok = writer_step(w, update);
    }
    sqlite3_finalize(update);
    return ok;
}

/* ---- incident_party ---- */

/* One incident's parties being gathered, by slot: roles, statements and
 * events, and which statement or event was counted last (each counts once
 * however many times it names the party). */
typedef struct party_tally {
    unsigned *roles;
    uint32_t *statements, *events;
    size_t *last_statement, *last_event; /* position + 1; 0: none */
    size_t *touched;                     /* the slots in use */
    size_t touched_count;
} party_tally;

static void tally_add(party_tally *t, size_t slot, unsigned roles, size_t *last, uint32_t *counts, size_t item)
{
    if (!t->roles[slot] && !t->statements[slot] && !t->events[slot])
        t->touched[t->touched_count++] = slot;
    t->roles[slot] |= roles;
    if (last[slot] != item) {
        last[slot] = item;
        counts[slot]++;
    }
}

static const build *sort_build;

static int compare_slot_codes(const void *a, const void *b)
{
    char x[RS_PARTY_CODE_SIZE], y[RS_PARTY_CODE_SIZE];
    build_slot_code(sort_build, *(const size_t *)a, x);
    build_slot_code(sort_build, *(const size_t *)b, y);
    return strcmp(x, y);
}

/* Writes the tally's rows for incident i in code order and clears it. */
static bool write_tally(writer *w, sqlite3_stmt *insert, size_t i, party_tally *t)
{
    sort_build = w->b;
    qsort(t->touched, t->touched_count, sizeof *t->touched, compare_slot_codes);
    bool ok = true;
    for (size_t k = 0; k < t->touched_count; k++) {
        size_t slot = t->touched[k];
        char code[RS_PARTY_CODE_SIZE], roles[RS_ROLES_TEXT_SIZE];
        build_slot_code(w->b, slot, code);
        rs_roles_text(t->roles[slot], roles);
        sqlite3_bind_int64(insert, 1, (int64_t)i + 1);
        sqlite3_bind_text(insert, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, roles, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 4, t->statements[slot]);
        sqlite3_bind_int64(insert, 5, t->events[slot]);
        ok = ok && writer_step(w, insert);
        t->roles[slot] = 0, t->statements[slot] = 0, t->events[slot] = 0;
        t->last_statement[slot] = 0, t->last_event[slot] = 0;
    }
    t->touched_count = 0;
    return ok;
}

/* Time positions of each incident's statements (in id order): group g is
 * items[start[g] .. start[g + 1]). */
static void statements_by_incident(const build *b, size_t **start_out, size_t **items_out)
{
    size_t incidents = b->incidents.count;
    size_t *start = rs_xcalloc(incidents + 2, sizeof *start);
    for (size_t r = 0; r < b->incident_ref_count; r++)
        if (b->incident_refs[r] != NO_INCIDENT)
            start[b->incident_refs[r] + 2]++;
    for (size_t g = 0; g < incidents; g++)
        start[g + 2] += start[g + 1];
    size_t *items = rs_xcalloc(start[incidents + 1] + 1, sizeof *items);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *s = &b->statements[b->by_time[t]];
        for (size_t r = s->first_incident; r < s->first_incident + s->incident_count; r++)
            if (b->incident_refs[r] != NO_INCIDENT)
                items[start[b->incident_refs[r] + 1]++] = t;
    }
    *start_out = start; /* start[g] .. start[g + 1] now bound group g */
    *items_out = items;
}

/* Positions in b->events of each incident's events (in id order), bound as
 * statements_by_incident's. */
static void events_by_incident(const build *b, size_t **start_out, size_t **items_out)
{
    size_t incidents = b->incidents.count;
    size_t *start = rs_xcalloc(incidents + 2, sizeof *start);
    for (size_t k = 0; k < b->event_count; k++)
        start[b->events[k].incident + 2]++;
    for (size_t g = 0; g < incidents; g++)
        start[g + 2] += start[g + 1];
    size_t *items = rs_xcalloc(b->event_count + 1, sizeof *items);
    for (size_t k = 0; k < b->event_count; k++)
        items[start[b->events[k].incident + 1]++] = k;
    *start_out = start;
    *items_out = items;
}

static void tally_incident(const build *b, party_tally *t, size_t i, const size_t *s_start, const size_t *s_items,
                           const size_t *e_start, const size_t *e_items)
{
    size_t slots = build_slot_count(b);
    for (size_t at = s_start[i]; at < s_start[i + 1]; at++) {
        const statement_entry *s = &b->statements[b->by_time[s_items[at]]];
        for (size_t l = s->first_link; l < s->first_link + s->link_count; l++)
            if (b->links[l].slot < slots)
                tally_add(t, b->links[l].slot, b->links[l].roles, t->last_statement, t->statements, s_items[at] + 1);
    }
    for (size_t at = e_start[i]; at < e_start[i + 1]; at++) {
        const event_entry *e = &b->events[e_items[at]];
        const rs_event_source *event = &b->incidents.items[e->incident].events[e->index];
        for (size_t p = 0; p < event->party_count; p++) {
            size_t slot = build_party_slot(b, event->parties[p].code);
            if (slot < slots)
                tally_add(t, slot, event->parties[p].roles, t->last_event, t->events, e_items[at] + 1);
        }
    }
}

static bool write_incident_parties(writer *w)
{
    const build *b = w->b;
    size_t slots = build_slot_count(b);
    party_tally t = {
        .roles = rs_xcalloc(slots, sizeof *t.roles),
        .statements = rs_xcalloc(slots, sizeof *t.statements),
        .events = rs_xcalloc(slots, sizeof *t.events),
        .last_statement = rs_xcalloc(slots, sizeof *t.last_statement),
        .last_event = rs_xcalloc(slots, sizeof *t.last_event),
        .touched = rs_xcalloc(slots, sizeof *t.touched),
    };
    size_t *s_start, *s_items, *e_start, *e_items;
    statements_by_incident(b, &s_start, &s_items);
    events_by_incident(b, &e_start, &e_items);
    sqlite3_stmt *insert = writer_prepare(w,
        "INSERT INTO incident_party(incident_id, party_code, roles, statement_count, event_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5)");
    bool ok = insert != NULL;
    for (size_t i = 0; ok && i < b->incidents.count; i++) {
        tally_incident(b, &t, i, s_start, s_items, e_start, e_items);
        ok = write_tally(w, insert, i, &t);
    }
    sqlite3_finalize(insert);
    free(s_start), free(s_items), free(e_start), free(e_items);
    free(t.roles), free(t.statements), free(t.events), free(t.last_statement), free(t.last_event), free(t.touched);
    return ok;
}

bool timeline_write(writer *w)
{
    size_t count = w->b->incidents.count;
    int64_t *first = rs_xcalloc(count + 1, sizeof *first);
    int64_t *last = rs_xcalloc(count + 1, sizeof *last);
    int64_t *lane = rs_xcalloc(count + 1, sizeof *lane);
    int64_t *answers = rs_xcalloc(count + 1, sizeof *answers);
    incident_spans(w->b, first, last);
    incident_lanes(count, first, last, lane);
    bool ok = incident_answers(w, answers) && write_spans(w, first, last, lane, answers) &&
              write_incident_parties(w);
    free(first), free(last), free(lane), free(answers);
    return ok;
}
