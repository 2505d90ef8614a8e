/*
 * The world map's geometry: the Equal Earth projection, Douglas-Peucker
 * simplification and ear-clipping triangulation (world.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "world.h"

#define PI 3.14159265358979323846

/* Equal Earth: Bojan Savric, Tom Patterson and Bernhard Jenny, "The Equal
 * Earth map projection", International Journal of Geographical Information
 * Science 33(3), 2019 (online 2018), equations (1)-(2): theta = asin(M sin
 * phi), x = lambda cos(theta) / (M (A1 + 3 A2 t^2 + t^6 (7 A3 + 9 A4 t^2))),
 * y = t (A1 + A2 t^2 + t^6 (A3 + A4 t^2)) with t = theta. Equal-area, so a
 * choropleth's coloured areas compare honestly; its shapes stay familiar. */
#define EE_A1 1.340264
#define EE_A2 (-0.081106)
#define EE_A3 0.000893
#define EE_A4 0.003796

void rs_equal_earth(double lon_deg, double lat_deg, double *x, double *y)
{
    const double m = sqrt(3.0) / 2.0;
    double lambda = lon_deg * PI / 180.0, phi = lat_deg * PI / 180.0;
    double t = asin(m * sin(phi)), t2 = t * t, t6 = t2 * t2 * t2;
    *x = lambda * cos(t) / (m * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)));
    *y = -(t * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)));
}

double rs_ring_area(const double *xy, size_t n)
{
    double sum = 0;
    for (size_t i = 0, j = n ? n - 1 : 0; i < n; j = i++)
        sum += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
    return sum / 2;
}

static double segment_distance2(const double *p, const double *a, const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
    return ex * ex + ey * ey;
}

/* Douglas-Peucker over [first, last] of xy (open chain), marking kept points.
 * An explicit stack: a long coast must not recurse thousands deep. */
static void douglas_peucker(const double *xy, size_t first, size_t last, double tolerance2, bool *keep)
{
    size_t capacity = 64, count = 0;
    size_t *stack = rs_xmalloc(capacity * sizeof *stack);
    stack[count++] = first, stack[count++] = last;
    while (count) {
        size_t b = stack[--count], a = stack[--count];
        double worst = -1;
        size_t at = a;
        for (size_t i = a + 1; i < b; i++) {
            double d = segment_distance2(xy + 2 * i, xy + 2 * a, xy + 2 * b);
            if (d > worst)
                worst = d, at = i;
        }
        if (at == a || worst <= tolerance2)
            continue;
        keep[at] = true;
        rs_grow(&stack, &capacity, count + 4, sizeof *stack);
        stack[count++] = a, stack[count++] = at, stack[count++] = at, stack[count++] = b;
    }
    free(stack);
}

static bool segments_cross(const double *a, const double *b, const double *c, const double *d);

/* Whether edge e of the kept points crosses or touches another (not its
 * neighbours); points are chain indices, the ring's edges wrapping round. */
static bool edge_crosses(const double *chain, const size_t *kept, size_t m, size_t e)
{
    const double *a = chain + 2 * kept[e], *b = chain + 2 * kept[e + 1];
    double x0 = fmin(a[0], b[0]), x1 = fmax(a[0], b[0]), y0 = fmin(a[1], b[1]), y1 = fmax(a[1], b[1]);
    for (size_t f = 0; f < m; f++) {
        if (f == e || f + 1 == e || e + 1 == f || (e == 0 && f == m - 1) || (f == 0 && e == m - 1))
            continue;
        const double *c = chain + 2 * kept[f], *d = chain + 2 * kept[f + 1];
        if (fmax(c[0], d[0]) < x0 || fmin(c[0], d[0]) > x1 || fmax(c[1], d[1]) < y0 || fmin(c[1], d[1]) > y1)
            continue;
        if (segments_cross(a, b, c, d))
            return true;
    }
    return false;
}

/* Douglas-Peucker does not keep an outline from crossing itself (a narrow
 * gulf's two shores, simplified apart, can cross), and ear clipping needs
 * outlines that do not. So every simplified edge that crosses another gets
 * back the point of its stretch farthest from it, until none crosses or the
 * crossing edges are the ring's own (then the source itself crosses). */
static void untangle(const double *chain, size_t n, bool *keep)
{
    size_t *kept = rs_xmalloc((n + 1) * sizeof *kept);
    for (int round = 0; round < 64; round++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (keep[i])
                kept[m++] = i;
        kept[m] = n; /* the chain's copy of the first point closes the ring */
        if (m > 8192)
            break; /* quadratic: the caller coarsens so long an outline anyway */
        bool split = false;
        for (size_t e = 0; e < m; e++) {
            if (kept[e + 1] - kept[e] < 2 || !edge_crosses(chain, kept, m, e))
                continue;
            size_t at = kept[e] + 1;
            double worst = -1;
            for (size_t i = kept[e] + 1; i < kept[e + 1]; i++) {
                double d = segment_distance2(chain + 2 * i, chain + 2 * kept[e], chain + 2 * kept[e + 1]);
                if (d > worst)
                    worst = d, at = i;
            }
            keep[at] = split = true;
        }
        if (!split)
            break;
    }
    free(kept);
}

size_t rs_simplify_ring(double *xy, size_t n, double tolerance)
{
    if (n < 4)
        return n;
    /* Split the ring at its first point and the point farthest from it, so
     * both halves are open chains. */
    size_t far = 0;
    double best = -1;
    for (size_t i = 1; i < n; i++) {
        double dx = xy[2 * i] - xy[0], dy = xy[2 * i + 1] - xy[1], d = dx * dx + dy * dy;
        if (d > best)
            best = d, far = i;
    }
    if (best <= 0)
        return 1;
    /* Work on a copy with the first point repeated at the end. */
    double *chain = rs_xmalloc((n + 1) * 2 * sizeof *chain);
    memcpy(chain, xy, n * 2 * sizeof *chain);
    chain[2 * n] = xy[0], chain[2 * n + 1] = xy[1];
    bool *keep = rs_xcalloc(n + 1, sizeof *keep);
    keep[0] = keep[far] = true;
    douglas_peucker(chain, 0, far, tolerance * tolerance, keep);
    douglas_peucker(chain, far, n, tolerance * tolerance, keep);
    untangle(chain, n, keep);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (keep[i])
            xy[2 * kept] = chain[2 * i], xy[2 * kept + 1] = chain[2 * i + 1], kept++;
    free(keep);
    free(chain);
    return kept;
}

bool rs_point_in_rings(const double *xy, const uint32_t *ring_ends, size_t ring_count, double px, double py)
{
    bool inside = false;
    uint32_t start = 0;
    for (size_t r = 0; r < ring_count; start = ring_ends[r++])
        for (uint32_t i = start, j = ring_ends[r] - 1; i < ring_ends[r]; j = i++) {
            const double *a = xy + 2 * i, *b = xy + 2 * j;
            if ((a[1] > py) != (b[1] > py) && px < (b[0] - a[0]) * (py - a[1]) / (b[1] - a[1]) + a[0])
                inside = !inside;
        }
    return inside;
}

/* ---- ear clipping ----
 * The polygon is one cyclic list of vertex indices: the outer ring, with
 * each hole spliced in through a two-way bridge (the hole's right-most
 * vertex joined to the nearest outer vertex the bridge does not cross). */

typedef struct ear_list {
    const double *xy;
    uint32_t *index; /* vertex of each node */
    size_t *next, *prev;
    size_t count, used;
} ear_list;

static double cross(const double *a, const double *b, const double *c)
{
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

static bool same_point(const double *a, const double *b)
{
    return a[0] == b[0] && a[1] == b[1];
}

/* Whether p lies on segment ab, strictly between its ends. */
static bool on_segment(const double *p, const double *a, const double *b)
{
    if (cross(a, b, p) != 0 || same_point(p, a) || same_point(p, b))
        return false;
    return fmin(a[0], b[0]) <= p[0] && p[0] <= fmax(a[0], b[0]) && fmin(a[1], b[1]) <= p[1] &&
           p[1] <= fmax(a[1], b[1]);
}

/* Whether segments ab and cd cross or touch anywhere but at a shared end
 * (a bridge through a vertex would make a polygon that touches itself). */
static bool segments_cross(const double *a, const double *b, const double *c, const double *d)
{
    if (on_segment(c, a, b) || on_segment(d, a, b) || on_segment(a, c, d) || on_segment(b, c, d))
        return true;
    if (same_point(a, c) || same_point(a, d) || same_point(b, c) || same_point(b, d))
        return false;
    double d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b);
    return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0;
}

static size_t node_add(ear_list *l, uint32_t vertex)
{
    size_t n = l->used++;
    l->index[n] = vertex;
    return n;
}

/* Whether the segment from vertex p to node v crosses an edge of the list
 * or of a hole not yet spliced. */
static bool bridge_blocked(const ear_list *l, size_t head, const double *p, const double *q, const double *xy,
                           const uint32_t *ring_ends, const bool *spliced, size_t ring_count)
{
    size_t n = head;
    do {
        if (segments_cross(p, q, xy + 2 * l->index[n], xy + 2 * l->index[l->next[n]]))
            return true;
        n = l->next[n];
    } while (n != head);
    for (size_t r = 1; r < ring_count; r++) {
        if (spliced[r])
            continue;
        for (uint32_t i = ring_ends[r - 1], j = ring_ends[r] - 1; i < ring_ends[r]; j = i++)
            if (segments_cross(p, q, xy + 2 * i, xy + 2 * j))
                return true;
    }
    return false;
}

static void splice_hole(ear_list *l, size_t head, const uint32_t *ring_ends, size_t ring, const bool *spliced,
                        size_t ring_count, double orientation)
{
    const double *xy = l->xy;
    uint32_t start = ring_ends[ring - 1], end = ring_ends[ring], right = start;
    for (uint32_t i = start; i < end; i++)
        if (xy[2 * i] > xy[2 * right])
            right = i;
    /* The nearest list node whose bridge crosses nothing; the nearest of all
     * when none is clear (a fan or a sliver at worst, never a failure). */
    size_t best = head, clear = SIZE_MAX;
    double best_d = INFINITY, clear_d = INFINITY;
    size_t n = head;
    do {
        const double *q = xy + 2 * l->index[n];
        double dx = q[0] - xy[2 * right], dy = q[1] - xy[2 * right + 1], d = dx * dx + dy * dy;
        if (d < best_d)
            best_d = d, best = n;
        if (d < clear_d && !bridge_blocked(l, head, xy + 2 * right, q, xy, ring_ends, spliced, ring_count))
            clear_d = d, clear = n;
        n = l->next[n];
    } while (n != head);
    size_t v = clear != SIZE_MAX ? clear : best, after = l->next[v], last = v;
    /* A hole runs against the outline's direction; walk it backwards if not. */
    uint32_t len = end - start;
    bool backwards = (rs_ring_area(xy + 2 * start, len) >= 0) == (orientation > 0);
    for (uint32_t k = 0; k <= len; k++) {
        uint32_t step = backwards ? len - k % len : k;
        uint32_t vertex = start + (right - start + step) % len;
        size_t node = node_add(l, vertex);
        l->next[last] = node, l->prev[node] = last, last = node;
    }
    size_t back = node_add(l, l->index[v]);
    l->next[last] = back, l->prev[back] = last;
    l->next[back] = after, l->prev[after] = back;
    l->count += len + 2;
}

static bool is_ear(const ear_list *l, size_t node, double orientation)
{
    const double *xy = l->xy;
    const double *a = xy + 2 * l->index[l->prev[node]], *b = xy + 2 * l->index[node], *c = xy + 2 * l->index[l->next[node]];
    if (cross(a, b, c) * orientation <= 0)
        return false;
    double x0 = fmin(a[0], fmin(b[0], c[0])), x1 = fmax(a[0], fmax(b[0], c[0]));
    double y0 = fmin(a[1], fmin(b[1], c[1])), y1 = fmax(a[1], fmax(b[1], c[1]));
    for (size_t n = l->next[l->next[node]]; n != l->prev[node]; n = l->next[n]) {
        const double *p = xy + 2 * l->index[n];
        if (p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1 || same_point(p, a) || same_point(p, b) ||
            same_point(p, c))
            continue;
        if (cross(a, b, p) * orientation >= 0 && cross(b, c, p) * orientation >= 0 &&
            cross(c, a, p) * orientation >= 0)
            return false;
    }
    return true;
}

static void node_remove(ear_list *l, size_t node)
{
    l->next[l->prev[node]] = l->next[node];
    l->prev[l->next[node]] = l->prev[node];
    l->count--;
}

static size_t emit(uint32_t *triangles, size_t t, const ear_list *l, size_t node)
{
    triangles[3 * t] = l->index[l->prev[node]];
    triangles[3 * t + 1] = l->index[node];
    triangles[3 * t + 2] = l->index[l->next[node]];
    return t + 1;
}

/* The convex corner whose triangle is smallest (any corner when none is
 * convex): the least harm when no true ear is left. */
static size_t least_bad_corner(const ear_list *l, size_t node, double orientation)
{
    size_t best = node, any = node;
    double best_area = INFINITY, any_area = INFINITY;
    size_t n = node;
    do {
        const double *xy = l->xy;
        double c = cross(xy + 2 * l->index[l->prev[n]], xy + 2 * l->index[n], xy + 2 * l->index[l->next[n]]);
        if (c * orientation > 0 && c * orientation < best_area)
            best_area = c * orientation, best = n;
        if (fabs(c) < any_area)
            any_area = fabs(c), any = n;
        n = l->next[n];
    } while (n != node);
    return best_area < INFINITY ? best : any;
}

/* Clips ears until three nodes are left. A full turn round the list without
 * an ear means the outline touches or crosses itself (simplification can
 * do that): a corner that makes no area is dropped, or else the convex
 * corner with the smallest triangle is cut anyway, counted in *fallbacks:
 * a small local overlap instead of a failure. Each step removes a node, so
 * it ends. */
static size_t clip_ears(ear_list *l, size_t node, double orientation, uint32_t *triangles, size_t *fallbacks)
{
    /* Each ear test looks at every node: a budget of them keeps noise (a
     * damaged file) from taking cubic time; real outlines use 2 or 3 a node. */
    size_t t = 0, misses = 0, budget = 16 * l->count + 1000;
    while (l->count > 3) {
        if (budget && budget-- && is_ear(l, node, orientation)) {
            t = emit(triangles, t, l, node);
            size_t prev = l->prev[node];
            node_remove(l, node);
            node = prev, misses = 0;
            continue;
        }
        node = l->next[node];
        if (budget && ++misses < l->count)
            continue;
        size_t corner = least_bad_corner(l, node, orientation);
        const double *xy = l->xy;
        if (cross(xy + 2 * l->index[l->prev[corner]], xy + 2 * l->index[corner],
                  xy + 2 * l->index[l->next[corner]]) != 0) {
            t = emit(triangles, t, l, corner);
            ++*fallbacks;
        }
        node = l->prev[corner];
        node_remove(l, corner);
        misses = 0;
    }
    if (l->count == 3)
        t = emit(triangles, t, l, node);
    return t;
}

size_t rs_triangulate(const double *xy, const uint32_t *ring_ends, size_t ring_count, uint32_t *triangles,
                      size_t *fallbacks)
{
    if (ring_count == 0 || ring_ends[0] < 3)
        return 0;
    uint32_t total = ring_ends[ring_count - 1];
    size_t capacity = (size_t)total + 2 * ring_count + 2;
    ear_list l = {.xy = xy};
    l.index = rs_xmalloc(capacity * sizeof *l.index);
    l.next = rs_xmalloc(capacity * sizeof *l.next);
    l.prev = rs_xmalloc(capacity * sizeof *l.prev);
    for (uint32_t i = 0; i < ring_ends[0]; i++) {
        node_add(&l, i);
        l.next[i] = (i + 1) % ring_ends[0];
        l.prev[i] = (i + ring_ends[0] - 1) % ring_ends[0];
    }
    l.count = ring_ends[0];
    double orientation = rs_ring_area(xy, ring_ends[0]) >= 0 ? 1 : -1;
    /* Holes right to left, as the bridges then never need to cross one. */
    bool *spliced = rs_xcalloc(ring_count, sizeof *spliced);
    for (size_t done = 1; done < ring_count; done++) {
        size_t pick = 0;
        double right = -INFINITY;
        for (size_t r = 1; r < ring_count; r++) {
            if (spliced[r] || ring_ends[r] - ring_ends[r - 1] < 3)
                continue;
            for (uint32_t i = ring_ends[r - 1]; i < ring_ends[r]; i++)
                if (xy[2 * i] > right)
                    right = xy[2 * i], pick = r;
        }
        if (!pick)
            break;
        splice_hole(&l, 0, ring_ends, pick, spliced, ring_count, orientation);
        spliced[pick] = true;
    }
    free(spliced);
    size_t t = clip_ears(&l, 0, orientation, triangles, fallbacks);
    free(l.index), free(l.next), free(l.prev);
    return t;
}
