/*
 * The browse tables: the countries (and organisations) with their roles,
 * names and lists, the incidents with theirs, and the statements counted by
 * year and month. Part of rs_build's pass 2 (builder_private.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builder_private.h"
#include "countries.h"
#include "expect.h"

/* ---- the browse tables ----
 *
 * The browse lists by country and by incident are computed here rather than
 * in SQL: every list is the statements in id order, so one counting sort of
 * the links gives each country's or incident's list, and rows go in in
 * primary-key order. */

enum link_kind { COUNTRY_LINKS, INCIDENT_LINKS };

/* The links of every statement, grouped by party slot or by incident:
 * group g's links are positions start[g] .. start[g + 1] - 1, each with the
 * link's index (into b->links or b->incident_refs) and its statement's id,
 * in id order. */
typedef struct link_groups {
    size_t *start;
    size_t *link;
    int64_t *id;
} link_groups;

/* The group of link l of kind, SIZE_MAX for an incident that is not defined. */
static size_t link_group(const build *b, enum link_kind kind, size_t l)
{
    if (kind == COUNTRY_LINKS)
        return b->links[l].slot;
    return b->incident_refs[l] == NO_INCIDENT ? SIZE_MAX : b->incident_refs[l];
}

/* A counting sort of the links of kind into group_count groups. Statements
 * are visited in time order, which is id order. Free with link_groups_free. */
static void group_links(const build *b, enum link_kind kind, size_t group_count, link_groups *out)
{
    size_t total = kind == COUNTRY_LINKS ? b->link_count : b->incident_ref_count;
    out->start = rs_xcalloc(group_count + 1, sizeof *out->start);
    for (size_t l = 0; l < total; l++) {
        size_t g = link_group(b, kind, l);
        if (g != SIZE_MAX)
            out->start[g + 1]++;
    }
    for (size_t g = 0; g < group_count; g++)
        out->start[g + 1] += out->start[g];
    out->link = rs_xcalloc(out->start[group_count], sizeof *out->link);
    out->id = rs_xcalloc(out->start[group_count], sizeof *out->id);
    size_t *fill = rs_xcalloc(group_count + 1, sizeof *fill);
    memcpy(fill, out->start, group_count * sizeof *fill);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        size_t first = kind == COUNTRY_LINKS ? entry->first_link : entry->first_incident;
        size_t count = kind == COUNTRY_LINKS ? entry->link_count : entry->incident_count;
        for (size_t l = first; l < first + count; l++) {
            size_t g = link_group(b, kind, l);
            if (g == SIZE_MAX)
                continue;
            size_t at = fill[g]++;
            out->link[at] = l;
            out->id[at] = entry->id;
        }
    }
    free(fill);
}

static void link_groups_free(link_groups *groups)
{
    free(groups->start);
    free(groups->link);
    free(groups->id);
}

/* The statements written for parties, prepared once. */
typedef struct country_inserts {
    sqlite3_stmt *by_role, *listed, *role_count, *country, *translated, *member;
    int role_order[RS_ROLE_COUNT]; /* the roles in the order of their names, as the primary keys sort them */
} country_inserts;

static bool country_inserts_prepare(writer *w, country_inserts *c)
{
    c->by_role = writer_prepare(w,
        "INSERT INTO statement_country(country_code, role, pos, statement_id) VALUES(?1, ?2, ?3, ?4)");
    c->listed = writer_prepare(w,
        "INSERT INTO country_statement(country_code, pos, statement_id, roles) VALUES(?1, ?2, ?3, ?4)");
    c->role_count = writer_prepare(w,
        "INSERT INTO country_role(country_code, role, statement_count) VALUES(?1, ?2, ?3)");
    c->country = writer_prepare(w,
        "INSERT INTO country(code, kind, name, short_name, official_name, statement_count, event_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    c->translated = writer_prepare(w, "INSERT INTO country_name(code, language, name, short_name) VALUES(?1, ?2, ?3, ?4)");
    c->member = writer_prepare(w, "INSERT INTO party_member(party_code, pos, member_code) VALUES(?1, ?2, ?3)");
    for (int r = 0; r < RS_ROLE_COUNT; r++)
        c->role_order[r] = r;
    for (int i = 1; i < RS_ROLE_COUNT; i++)
        for (int j = i; j > 0 && strcmp(rs_roles[c->role_order[j - 1]], rs_roles[c->role_order[j]]) > 0; j--) {
            int swap = c->role_order[j];
            c->role_order[j] = c->role_order[j - 1];
            c->role_order[j - 1] = swap;
        }
    return c->by_role && c->listed && c->role_count && c->country && c->translated && c->member;
}

static void country_inserts_finalize(country_inserts *c)
{
    sqlite3_finalize(c->by_role);
    sqlite3_finalize(c->listed);
    sqlite3_finalize(c->role_count);
    sqlite3_finalize(c->country);
    sqlite3_finalize(c->translated);
    sqlite3_finalize(c->member);
}

static int compare_member_codes(const void *a, const void *b)
{
    return memcmp(a, b, 2);
}

/* Country code's list for each role, and how many statements each holds. */
static bool write_country_roles(writer *w, const country_inserts *c, const char *code, const link_groups *groups,
                                size_t slot)
{
    const build *b = w->b;
    bool ok = true;
    for (int o = 0; ok && o < RS_ROLE_COUNT; o++) {
        int r = c->role_order[o];
        int64_t pos = 0;
        for (size_t l = groups->start[slot]; ok && l < groups->start[slot + 1]; l++) {
            if (!(b->links[groups->link[l]].roles & (1u << r)))
                continue;
            sqlite3_bind_text(c->by_role, 1, code, -1, SQLITE_STATIC);
            sqlite3_bind_text(c->by_role, 2, rs_roles[r], -1, SQLITE_STATIC);
            sqlite3_bind_int64(c->by_role, 3, pos++);
            sqlite3_bind_int64(c->by_role, 4, groups->id[l]);
            ok = writer_step(w, c->by_role);
        }
        if (ok && pos > 0) {
            sqlite3_bind_text(c->role_count, 1, code, -1, SQLITE_STATIC);
            sqlite3_bind_text(c->role_count, 2, rs_roles[r], -1, SQLITE_STATIC);
            sqlite3_bind_int64(c->role_count, 3, pos);
            ok = writer_step(w, c->role_count);
        }
    }
    return ok;
}

/* The language country_name holds a party's names in, for a curator's
 * BCP 47 tag: the viewer asks for "zh_CN" and "ru" (RS_BUNDLE_NAME_LANGUAGES);
 * other tags are kept as written. rank orders tags that give the same
 * language: zh-Hans before zh-CN before zh. */
static const char *name_language(const char *tag, int *rank)
{
    static const char *const chinese[] = {"zh-Hans", "zh-CN", "zh"};
    for (int i = 0; i < 3; i++)
        if (strcasecmp(tag, chinese[i]) == 0) {
            *rank = i;
            return "zh_CN";
        }
    *rank = 0;
    return strcasecmp(tag, "ru") == 0 ? "ru" : tag;
}

/* One language's names of a party, gathered from its translations. */
typedef struct party_names {
    const char *language, *name, *short_name;
} party_names;

static int compare_party_names(const void *a, const void *b)
{
    return strcmp(((const party_names *)a)->language, ((const party_names *)b)->language);
}

/* A party's names in other languages (country_name), from parties.yaml,
 * and its members (party_member, in code order). */
static bool write_party_names(writer *w, const country_inserts *c, const rs_party_source *party)
{
    const rs_translations *t = &party->translations;
    party_names *names = rs_xcalloc(t->count + 1, sizeof *names);
    size_t count = 0;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < t->count; i++) {
            int rank;
            const char *language = name_language(t->items[i].language, &rank);
            if (rank != pass)
                continue;
            size_t k = 0;
            while (k < count && strcmp(names[k].language, language) != 0)
                k++;
            if (k == count)
                names[count++].language = language;
            bool is_short = strcmp(t->items[i].field, "short") == 0 || strcmp(t->items[i].field, "short_name") == 0;
            const char **slot = is_short ? &names[k].short_name : &names[k].name;
            if (!*slot)
                *slot = t->items[i].value;
        }
    qsort(names, count, sizeof *names, compare_party_names);
    bool ok = true;
    for (size_t k = 0; ok && k < count; k++) {
        sqlite3_bind_text(c->translated, 1, party->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 2, names[k].language, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 3, names[k].name ? names[k].name : party->name, -1, SQLITE_STATIC);
        writer_bind_text_or_null(c->translated, 4, names[k].short_name);
        ok = writer_step(w, c->translated);
    }
    free(names);

    char(*members)[3] = rs_xcalloc(party->member_count + 1, sizeof *members);
    if (party->member_count)
        memcpy(members, party->members, party->member_count * sizeof *members);
    qsort(members, party->member_count, sizeof *members, compare_member_codes);
    for (size_t m = 0; ok && m < party->member_count; m++) {
        sqlite3_bind_text(c->member, 1, party->code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(c->member, 2, (int64_t)m);
        sqlite3_bind_text(c->member, 3, members[m], 2, SQLITE_STATIC);
        ok = writer_step(w, c->member);
    }
    free(members);
    return ok;
}

/* A country's names in the viewer's other languages, from iso-codes'
 * translations; none written where it has none: the viewer shows English. */
static bool write_country_names(writer *w, const country_inserts *c, const char *code)
{
    static const char *const name_languages[] = RS_BUNDLE_NAME_LANGUAGES;
    bool ok = true;
    for (size_t l = 0; ok && l < sizeof name_languages / sizeof name_languages[0]; l++) {
        char *local = rs_countries_translated(w->b->countries, code, name_languages[l], NULL);
        if (!local)
            continue;
        sqlite3_bind_text(c->translated, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 2, name_languages[l], -1, SQLITE_STATIC);
        sqlite3_bind_text(c->translated, 3, local, -1, SQLITE_TRANSIENT);
        ok = writer_step(w, c->translated);
        free(local);
    }
    return ok;
}

/* The party at slot: its list of every statement with its roles, its row,
 * and its names in the viewer's other languages. */
static bool write_country(writer *w, const country_inserts *c, size_t slot, const link_groups *groups)
{
    const build *b = w->b;
    char code[RS_PARTY_CODE_SIZE];
    build_slot_code(b, slot, code);
    bool ok = write_country_roles(w, c, code, groups, slot);
    for (size_t l = groups->start[slot]; ok && l < groups->start[slot + 1]; l++) {
        char roles[RS_ROLES_TEXT_SIZE];
        rs_roles_text(b->links[groups->link[l]].roles, roles);
        sqlite3_bind_text(c->listed, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(c->listed, 2, (int64_t)(l - groups->start[slot]));
        sqlite3_bind_int64(c->listed, 3, groups->id[l]);
        sqlite3_bind_text(c->listed, 4, roles, -1, SQLITE_TRANSIENT);
        ok = writer_step(w, c->listed);
    }
    const rs_party_source *party = build_slot_party(b, slot);
    const char *name = NULL, *official = NULL;
    if (party)
        name = party->name;
    else if (!rs_countries_find(b->countries, code, &name, &official))
        name = NULL;
    if (ok && !name) {
        w->error = rs_xstrdup("internal error: a party code passed the checks but has no name");
        ok = false;
    }
    if (ok) {
        sqlite3_bind_text(c->country, 1, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(c->country, 2, party ? party->kind : rs_party_kinds[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(c->country, 3, name, -1, SQLITE_STATIC);
        writer_bind_text_or_null(c->country, 4, party ? party->short_name : NULL);
        writer_bind_text_or_null(c->country, 5, official);
        sqlite3_bind_int64(c->country, 6, (int64_t)(groups->start[slot + 1] - groups->start[slot]));
        sqlite3_bind_int64(c->country, 7, b->party_event_counts ? b->party_event_counts[slot] : 0);
        ok = writer_step(w, c->country);
    }
    if (ok)
        ok = party ? write_party_names(w, c, party) : write_country_names(w, c, code);
    return ok;
}

/* Whether the party at slot has a statement or an event: the parties of
 * the collection, which its lists and counts show. */
static bool slot_has_content(const build *b, const link_groups *groups, size_t slot)
{
    bool has_events = b->party_event_counts && b->party_event_counts[slot];
    return groups->start[slot] != groups->start[slot + 1] || has_events;
}

/* The ISO slots that are members of a party of the collection. A party
 * page names its members, and a name is read from the member's row: a
 * member with no statement and no event of its own gets a row with counts
 * 0 (and its names), which no list or count of parties shows. Caller frees. */
static bool *member_slots(const build *b, const link_groups *groups)
{
    bool *member = rs_xcalloc(CODE_SLOTS, sizeof *member);
    for (size_t k = CODE_SLOTS; k < build_slot_count(b); k++) {
        const rs_party_source *party = build_slot_party(b, k);
        if (!party || !slot_has_content(b, groups, k))
            continue;
        for (size_t m = 0; m < party->member_count; m++) {
            size_t slot = build_party_slot(b, party->members[m]);
            if (slot < CODE_SLOTS)
                member[slot] = true;
        }
    }
    return member;
}

/* A row for every party with a statement or an event, and for every
 * member country of one (member_slots). */
bool browse_countries_write(writer *w)
{
    const build *b = w->b;
    size_t slots = build_slot_count(b);
    link_groups groups;
    group_links(b, COUNTRY_LINKS, slots, &groups);
    bool *member = member_slots(b, &groups);
    country_inserts c;
    bool ok = country_inserts_prepare(w, &c);
    for (size_t k = 0; ok && k < slots; k++)
        if (slot_has_content(b, &groups, k) || (k < CODE_SLOTS && member[k]))
            ok = write_country(w, &c, k, &groups);
    country_inserts_finalize(&c);
    free(member);
    link_groups_free(&groups);
    return ok;
}

/* Incidents and their lists. A statement that names an incident twice is
 * listed twice, as it is written. */
bool browse_incidents_write(writer *w)
{
    build *b = w->b;
    size_t count = b->incidents.count;
    link_groups groups;
    group_links(b, INCIDENT_LINKS, count, &groups);
    sqlite3_stmt *link = writer_prepare(w, "INSERT INTO statement_incident(incident_id, pos, statement_id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *insert = writer_prepare(w,
        "INSERT INTO incident(id, slug, name, date, date_note, summary, statement_count, event_count)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bool ok = link && insert;
    for (size_t i = 0; ok && i < count; i++) {
        for (size_t l = groups.start[i]; ok && l < groups.start[i + 1]; l++) {
            sqlite3_bind_int64(link, 1, (int64_t)i + 1);
            sqlite3_bind_int64(link, 2, (int64_t)(l - groups.start[i]));
            sqlite3_bind_int64(link, 3, groups.id[l]);
            ok = writer_step(w, link);
        }
    }
    for (size_t i = 0; ok && i < count; i++) {
        const rs_incident_source *incident = &b->incidents.items[i];
        sqlite3_bind_int64(insert, 1, (int64_t)i + 1);
        sqlite3_bind_text(insert, 2, incident->slug, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, incident->name, -1, SQLITE_STATIC);
        writer_bind_text_or_null(insert, 4, incident->date_text);
        writer_bind_text_or_null(insert, 5, incident->date_note);
        sqlite3_bind_text(insert, 6, incident->summary, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 7, (int64_t)(groups.start[i + 1] - groups.start[i]));
        sqlite3_bind_int64(insert, 8, (int64_t)incident->event_count);
        ok = writer_step(w, insert);
    }
    sqlite3_finalize(link);
    sqlite3_finalize(insert);
    link_groups_free(&groups);
    return ok;
}

bool browse_date_counts_write(writer *w)
{
    build *b = w->b;
    sqlite3_stmt *year = writer_prepare(w, "INSERT INTO year_count(year, statement_count, first_id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *month = writer_prepare(w,
        "INSERT INTO month_count(year, month, statement_count, first_id) VALUES(?1, ?2, ?3, ?4)");
    bool ok = year && month;
    /* Statements are in time order, so each year and month is one run of ids. */
    size_t t = 0;
    while (ok && t < b->statement_count) {
        const rs_date *first = &b->statements[b->by_time[t]].date;
        if (first->year == 0)
            break; /* the undated come last */
        size_t year_end = t;
        while (year_end < b->statement_count && b->statements[b->by_time[year_end]].date.year == first->year)
            year_end++;
        sqlite3_bind_int(year, 1, first->year);
        sqlite3_bind_int64(year, 2, (int64_t)(year_end - t));
        sqlite3_bind_int64(year, 3, (int64_t)t + 1);
        ok = writer_step(w, year);
        for (size_t m = t; ok && m < year_end;) {
            int month_number = b->statements[b->by_time[m]].date.month;
            size_t month_end = m;
            while (month_end < year_end && b->statements[b->by_time[month_end]].date.month == month_number)
                month_end++;
            sqlite3_bind_int(month, 1, first->year);
            sqlite3_bind_int(month, 2, month_number);
            sqlite3_bind_int64(month, 3, (int64_t)(month_end - m));
            sqlite3_bind_int64(month, 4, (int64_t)m + 1);
            ok = writer_step(w, month);
            m = month_end;
        }
        t = year_end;
    }
    sqlite3_finalize(year);
    sqlite3_finalize(month);
    return ok;
}
