/*
 * The world map's model (map_screen.h): shapes joined to the collection's
 * counts, quantile classes, and an incident's highlights, badges and
 * arrows. The bundle is read once when the screen is built; layout only
 * reads the model.
 */
#include "map_screen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "screen.h"

static char *copy(const char *text)
{
    return text ? rs_xstrdup(text) : NULL;
}

static int compare_facet_keys(const void *a, const void *b)
{
    const rs_facet *const *x = a, *const *y = b;
    return strcmp((*x)->key, (*y)->key);
}

static int compare_counts(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The shape of code, or -1 (shapes are in code order). */
static long shape_index(const rs_map_screen *m, const char *code)
{
    size_t lo = 0, hi = m->country_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->countries[mid].shape->code, code);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Quantile classes over the counts of the countries on the map with a
 * statement or more: class k ends at the count of the country k/K of the
 * way up, classes that would repeat a bound merged, so every class holds
 * at least one country and no count is in two classes. */
static void set_classes(rs_map_screen *m)
{
    int64_t *counts = rs_xcalloc(m->country_count + 1, sizeof *counts);
    size_t n = 0;
    for (size_t i = 0; i < m->country_count; i++)
        if (m->countries[i].count > 0)
            counts[n++] = m->countries[i].count;
    qsort(counts, n, sizeof *counts, compare_counts);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        distinct += i == 0 || counts[i] != counts[i - 1];
    size_t k_total = distinct < RS_MAP_CLASSES ? distinct : RS_MAP_CLASSES;
    int classes = 0;
    for (size_t k = 1; k <= k_total; k++) {
        int64_t upper = counts[(k * n + k_total - 1) / k_total - 1];
        if (classes > 0 && upper <= m->class_max[classes])
            continue;
        classes++;
        m->class_min[classes] = classes == 1 ? counts[0] : m->class_max[classes - 1] + 1;
        m->class_max[classes] = upper;
    }
    m->class_count = classes;
    for (size_t i = 0; i < m->country_count; i++) {
        rs_map_country *c = &m->countries[i];
        for (int k = 1; k <= classes && c->count > 0; k++)
            if (c->count <= m->class_max[k]) {
                c->klass = k;
                break;
            }
    }
    free(counts);
}

static unsigned role_bits(const char *roles)
{
    unsigned bits = 0;
    const char *p = roles ? roles : "";
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n == 7 && !strncmp(p, "accuser", n))
            bits |= RS_MAP_ACCUSER;
        else if (n == 7 && !strncmp(p, "accused", n))
            bits |= RS_MAP_ACCUSED;
        p += n;
        p += strspn(p, " ");
    }
    return bits;
}

static void grow_focus(rs_map_screen *m, const rs_map_shape *shape)
{
    if (!m->has_focus) {
        m->focus_x0 = shape->x0, m->focus_y0 = shape->y0, m->focus_x1 = shape->x1, m->focus_y1 = shape->y1;
        m->has_focus = true;
        return;
    }
    m->focus_x0 = fminf(m->focus_x0, shape->x0), m->focus_y0 = fminf(m->focus_y0, shape->y0);
    m->focus_x1 = fmaxf(m->focus_x1, shape->x1), m->focus_y1 = fmaxf(m->focus_y1, shape->y1);
}

static rs_map_end add_mark(rs_map_screen *m, const rs_map_party *p, unsigned bits, double x, double y,
                           size_t *capacity)
{
    rs_grow(&m->marks, capacity, m->mark_count + 1, sizeof *m->marks);
    rs_map_mark *k = &m->marks[m->mark_count];
    memset(k, 0, sizeof *k);
    k->x = (float)x, k->y = (float)y, k->name = copy(p->name ? p->name : p->code), k->roles = bits;
    snprintf(k->code, sizeof k->code, "%s", p->code);
    return (rs_map_end){false, m->mark_count++};
}

/* Marks party p's territory with its roles: its own shape, else its
 * members' shapes; returns its arrow end, or a badge when it has neither. */
static rs_map_end mark_party(rs_map_screen *m, const rs_map_party *p, unsigned bits, size_t *badge_capacity,
                             size_t *mark_capacity)
{
    long own = shape_index(m, p->code);
    if (own >= 0) {
        const rs_map_shape *shape = m->countries[own].shape;
        m->countries[own].roles |= bits;
        grow_focus(m, shape);
        return add_mark(m, p, bits, shape->cx, shape->cy, mark_capacity);
    }
    double x = 0, y = 0, area = 0;
    for (size_t i = 0; i < p->member_count; i++) {
        long at = shape_index(m, p->members[i]);
        if (at < 0)
            continue;
        const rs_map_shape *shape = m->countries[at].shape;
        m->countries[at].member_roles |= bits;
        grow_focus(m, shape);
        double weight = shape->area > 0 ? shape->area : 1e-9;
        x += shape->cx * weight, y += shape->cy * weight, area += weight;
    }
    if (area > 0)
        return add_mark(m, p, bits, x / area, y / area, mark_capacity);
    rs_grow(&m->badges, badge_capacity, m->badge_count + 1, sizeof *m->badges);
    rs_map_badge *b = &m->badges[m->badge_count];
    memset(b, 0, sizeof *b);
    snprintf(b->code, sizeof b->code, "%s", p->code);
    b->name = copy(p->name ? p->name : p->code);
    b->roles = bits;
    return (rs_map_end){true, m->badge_count++};
}

/* Highlights, badges and an arrow from every accuser to every other party
 * it accuses. */
static void set_incident(rs_map_screen *m, const rs_map_party *parties, size_t count)
{
    rs_map_end *ends = rs_xcalloc(count + 1, sizeof *ends);
    unsigned *bits = rs_xcalloc(count + 1, sizeof *bits);
    size_t badge_capacity = 0, arrow_capacity = 0, mark_capacity = 0;
    for (size_t i = 0; i < count; i++) {
        bits[i] = role_bits(parties[i].roles);
        if (bits[i])
            ends[i] = mark_party(m, &parties[i], bits[i], &badge_capacity, &mark_capacity);
    }
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < count; j++) {
            if (i == j || !(bits[i] & RS_MAP_ACCUSER) || !(bits[j] & RS_MAP_ACCUSED))
                continue;
            if (ends[i].badge == ends[j].badge && ends[i].index == ends[j].index)
                continue;
            rs_grow(&m->arrows, &arrow_capacity, m->arrow_count + 1, sizeof *m->arrows);
            m->arrows[m->arrow_count++] = (rs_map_arrow){ends[i], ends[j]};
        }
    free(ends), free(bits);
}

rs_map_screen *rs_map_screen_create(rs_world_map *world, const rs_facet_list *countries, const rs_map_party *parties,
                                    size_t party_count, bool incident)
{
    rs_map_screen *m = rs_xcalloc(1, sizeof *m);
    m->world = *world;
    memset(world, 0, sizeof *world);
    m->incident = incident;
    m->country_count = m->world.count;
    m->countries = rs_xcalloc(m->country_count + 1, sizeof *m->countries);
    for (size_t i = 0; i < m->country_count; i++)
        m->countries[i].shape = &m->world.shapes[i];
    /* The collection's parties by code, to join them to the shapes. */
    size_t n = countries ? countries->count : 0;
    const rs_facet **by_key = rs_xcalloc(n + 1, sizeof *by_key);
    for (size_t i = 0; i < n; i++)
        by_key[i] = &countries->items[i];
    qsort(by_key, n, sizeof *by_key, compare_facet_keys);
    for (size_t i = 0; i < m->country_count; i++) {
        char code[RS_PARTY_CODE_SIZE];
        snprintf(code, sizeof code, "%s", m->countries[i].shape->code);
        rs_facet key = {.key = code};
        const rs_facet *k = &key;
        const rs_facet **found = n ? bsearch(&k, by_key, n, sizeof *by_key, compare_facet_keys) : NULL;
        if (found && (*found)->count > 0) {
            m->countries[i].name = copy((*found)->label ? (*found)->label : (*found)->key);
            m->countries[i].count = (*found)->count;
        }
    }
    free(by_key);
    set_classes(m);
    if (incident)
        set_incident(m, parties, party_count);
    return m;
}

void rs_map_screen_destroy(rs_map_screen *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->country_count; i++)
        free(m->countries[i].name);
    free(m->countries);
    for (size_t i = 0; i < m->badge_count; i++)
        free(m->badges[i].name);
    for (size_t i = 0; i < m->mark_count; i++)
        free(m->marks[i].name);
    free(m->badges), free(m->marks), free(m->arrows);
    rs_world_map_clear(&m->world);
    free(m);
}

/* Whether (x, y) is inside triangle abc, edges included (a point on the
 * border of two countries goes to the one tested first). */
static bool in_triangle(const float *a, const float *b, const float *c, double x, double y)
{
    double d1 = (x - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (y - b[1]);
    double d2 = (x - c[0]) * (b[1] - c[1]) - (b[0] - c[0]) * (y - c[1]);
    double d3 = (x - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (y - a[1]);
    bool negative = d1 < 0 || d2 < 0 || d3 < 0, positive = d1 > 0 || d2 > 0 || d3 > 0;
    return !(negative && positive);
}

bool rs_map_shape_holds(const rs_map_shape *s, double x, double y)
{
    /* Written so that a NaN point is outside (every comparison false). */
    if (!(x >= s->x0 && x <= s->x1 && y >= s->y0 && y <= s->y1))
        return false;
    for (uint32_t t = 0; t < s->triangle_count; t++) {
        const uint16_t *i = &s->indices[3 * t];
        if (in_triangle(&s->xy[2 * i[0]], &s->xy[2 * i[1]], &s->xy[2 * i[2]], x, y))
            return true;
    }
    return false;
}

long rs_map_screen_country_at(const rs_map_screen *m, double x, double y)
{
    for (size_t i = 0; i < m->country_count; i++)
        if (rs_map_shape_holds(m->countries[i].shape, x, y))
            return (long)i;
    return -1;
}

/* ---- the screen ---- */

/* The incident's parties, organisations with their members' codes. */
static bool build_incident(rs_screen *s, rs_bundle *b, const char *slug, rs_world_map *world,
                           const rs_facet_list *countries, char *error, size_t error_size)
{
    rs_incident_detail incident;
    if (!rs_bundle_incident(b, slug, &incident)) {
        snprintf(error, error_size, _("This bundle has no incident '%s'."), slug);
        return false;
    }
    s->heading = copy(incident.name);
    int64_t id = incident.id;
    rs_incident_detail_clear(&incident);
    rs_party_links links;
    if (!rs_bundle_incident_parties(b, id, &links))
        return false;
    rs_map_party *parties = rs_xcalloc(links.count + 1, sizeof *parties);
    rs_country_detail *details = rs_xcalloc(links.count + 1, sizeof *details);
    const char ***members = rs_xcalloc(links.count + 1, sizeof *members);
    for (size_t i = 0; i < links.count; i++) {
        const rs_country_link *p = &links.items[i];
        parties[i] = (rs_map_party){p->code, p->name, p->roles, NULL, 0};
        if (p->kind == 0 || !rs_bundle_country(b, p->code, &details[i]))
            continue;
        if (details[i].short_name && details[i].short_name[0])
            parties[i].name = details[i].short_name;
        if (details[i].member_count) {
            members[i] = rs_xcalloc(details[i].member_count, sizeof **members);
            for (size_t j = 0; j < details[i].member_count; j++)
                members[i][j] = details[i].members[j].code;
            parties[i].members = members[i], parties[i].member_count = details[i].member_count;
        }
    }
    s->map = rs_map_screen_create(world, countries, parties, links.count, true);
    for (size_t i = 0; i < links.count; i++)
        free(members[i]), rs_country_detail_clear(&details[i]);
    free(members), free(details), free(parties);
    rs_party_links_clear(&links);
    return true;
}

bool rs_map_screen_build(rs_screen *s, rs_bundle *b, const rs_nav_entry *entry, char *error, size_t error_size)
{
    s->kind = RS_SCREEN_MAP;
    s->crumb = rs_xstrdup(_("Map"));
    rs_world_map world;
    if (!rs_bundle_world_map(b, &world, error, error_size))
        return false;
    rs_facet_list countries;
    if (!rs_bundle_countries(b, &countries)) {
        rs_world_map_clear(&world);
        return false;
    }
    bool ok = true;
    if (entry->route.slug[0]) {
        ok = build_incident(s, b, entry->route.slug, &world, &countries, error, error_size);
    } else {
        s->heading = rs_xstrdup(_("World map"));
        s->map = rs_map_screen_create(&world, &countries, NULL, 0, false);
    }
    rs_world_map_clear(&world);
    rs_facet_list_clear(&countries);
    return ok;
}
