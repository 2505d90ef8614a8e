/*
 * Triangles of one colour (map_mesh.h).
 */
#include "map_mesh.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

void rs_mesh_clear(rs_mesh *m)
{
    m->vertex_count = m->index_count = 0;
}

void rs_mesh_free(rs_mesh *m)
{
    free(m->xy), free(m->indices);
    memset(m, 0, sizeof *m);
}

void rs_mesh_reserve(rs_mesh *m, int vertices, int indices)
{
    rs_grow(&m->xy, &m->vertex_capacity, 2 * ((size_t)m->vertex_count + (size_t)vertices), sizeof *m->xy);
    rs_grow(&m->indices, &m->index_capacity, (size_t)m->index_count + (size_t)indices, sizeof *m->indices);
}

int rs_mesh_vertex(rs_mesh *m, float x, float y)
{
    rs_mesh_reserve(m, 1, 0);
    m->xy[2 * m->vertex_count] = x, m->xy[2 * m->vertex_count + 1] = y;
    return m->vertex_count++;
}

void rs_mesh_triangle(rs_mesh *m, int a, int b, int c)
{
    rs_mesh_reserve(m, 0, 3);
    m->indices[m->index_count++] = a, m->indices[m->index_count++] = b, m->indices[m->index_count++] = c;
}

/* Two triangles over the quad a b c d (in order round it). */
static void quad(rs_mesh *m, int a, int b, int c, int d)
{
    rs_mesh_triangle(m, a, b, c);
    rs_mesh_triangle(m, a, c, d);
}

void rs_mesh_segment(rs_mesh *m, float x0, float y0, float x1, float y1, float width)
{
    float dx = x1 - x0, dy = y1 - y0, length = sqrtf(dx * dx + dy * dy);
    if (!(length > 0))
        return;
    float nx = -dy / length * width / 2, ny = dx / length * width / 2;
    int a = rs_mesh_vertex(m, x0 + nx, y0 + ny), b = rs_mesh_vertex(m, x1 + nx, y1 + ny);
    int c = rs_mesh_vertex(m, x1 - nx, y1 - ny), d = rs_mesh_vertex(m, x0 - nx, y0 - ny);
    quad(m, a, b, c, d);
}

void rs_mesh_rect(rs_mesh *m, float x, float y, float w, float h)
{
    int a = rs_mesh_vertex(m, x, y), b = rs_mesh_vertex(m, x + w, y);
    int c = rs_mesh_vertex(m, x + w, y + h), d = rs_mesh_vertex(m, x, y + h);
    quad(m, a, b, c, d);
}

/* Enough sides that a disc of this radius looks round (an edge about 3 px). */
static int sides(float r)
{
    int n = (int)(2 * 3.14159265f * r / 3);
    return n < 8 ? 8 : n > 48 ? 48 : n;
}

void rs_mesh_disc(rs_mesh *m, float cx, float cy, float r)
{
    int n = sides(r);
    int centre = rs_mesh_vertex(m, cx, cy), first = m->vertex_count;
    for (int i = 0; i < n; i++) {
        float a = 2 * 3.14159265f * (float)i / (float)n;
        rs_mesh_vertex(m, cx + r * cosf(a), cy + r * sinf(a));
    }
    for (int i = 0; i < n; i++)
        rs_mesh_triangle(m, centre, first + i, first + (i + 1) % n);
}

void rs_mesh_ring(rs_mesh *m, float cx, float cy, float r, float width)
{
    int n = sides(r), first = m->vertex_count;
    for (int i = 0; i < n; i++) {
        float a = 2 * 3.14159265f * (float)i / (float)n, c = cosf(a), s = sinf(a);
        rs_mesh_vertex(m, cx + (r + width / 2) * c, cy + (r + width / 2) * s);
        rs_mesh_vertex(m, cx + (r - width / 2) * c, cy + (r - width / 2) * s);
    }
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        quad(m, first + 2 * i, first + 2 * j, first + 2 * j + 1, first + 2 * i + 1);
    }
}

void rs_mesh_polyline(rs_mesh *m, const float *p, int count, float width)
{
    if (count < 2)
        return;
    int first = m->vertex_count;
    for (int i = 0; i < count; i++) {
        /* The normal at a joint: the mean of its two segments' normals,
         * lengthened so that the strip keeps its width (the mitre). */
        int a = i > 0 ? i - 1 : i, b = i < count - 1 ? i + 1 : i;
        float dx = p[2 * b] - p[2 * a], dy = p[2 * b + 1] - p[2 * a + 1];
        float length = sqrtf(dx * dx + dy * dy);
        float nx = length > 0 ? -dy / length : 0, ny = length > 0 ? dx / length : 1;
        float mitre = 1;
        if (i > 0 && i < count - 1) {
            float ex = p[2 * i] - p[2 * a], ey = p[2 * i + 1] - p[2 * a + 1];
            float el = sqrtf(ex * ex + ey * ey);
            if (el > 0) {
                float cosine = (-ey / el) * nx + (ex / el) * ny;
                mitre = cosine > 0.5f ? 1 / cosine : 2;
            }
        }
        float ox = nx * width / 2 * mitre, oy = ny * width / 2 * mitre;
        rs_mesh_vertex(m, p[2 * i] + ox, p[2 * i + 1] + oy);
        rs_mesh_vertex(m, p[2 * i] - ox, p[2 * i + 1] - oy);
    }
    for (int i = 0; i + 1 < count; i++)
        quad(m, first + 2 * i, first + 2 * i + 2, first + 2 * i + 3, first + 2 * i + 1);
}

/* The line u = x + sign * y = value across triangle abc (u at its vertices
 * ua, ub, uc): its two ends on the edges, or false when it misses. */
static bool cross_triangle(const float *v[3], const float u[3], float value, float out[4])
{
    int found = 0;
    for (int e = 0; e < 3 && found < 2; e++) {
        int i = e, j = (e + 1) % 3;
        float lo = fminf(u[i], u[j]), hi = fmaxf(u[i], u[j]);
        if (value < lo || value > hi || u[i] == u[j])
            continue;
        float f = (value - u[i]) / (u[j] - u[i]);
        out[2 * found] = v[i][0] + f * (v[j][0] - v[i][0]);
        out[2 * found + 1] = v[i][1] + f * (v[j][1] - v[i][1]);
        found++;
    }
    return found == 2;
}

static void hatch_family(rs_mesh *m, const float *v[3], float sign, float spacing, float width, float bx0, float by0,
                         float bx1, float by1)
{
    float u[3];
    for (int i = 0; i < 3; i++)
        u[i] = v[i][0] + sign * v[i][1];
    float lo = fminf(u[0], fminf(u[1], u[2])), hi = fmaxf(u[0], fmaxf(u[1], u[2]));
    /* The box's own range of u: lines outside it are off screen. */
    float b0 = sign > 0 ? bx0 + by0 : bx0 - by1, b1 = sign > 0 ? bx1 + by1 : bx1 - by0;
    lo = fmaxf(lo, b0), hi = fminf(hi, b1);
    if (!(lo <= hi))
        return;
    for (float k = ceilf(lo / spacing); k * spacing <= hi; k++) {
        float ends[4];
        if (cross_triangle(v, u, k * spacing, ends))
            rs_mesh_segment(m, ends[0], ends[1], ends[2], ends[3], width);
    }
}

void rs_mesh_hatch(rs_mesh *m, const float *a, const float *b, const float *c, float spacing, bool cross,
                   float width, float bx0, float by0, float bx1, float by1)
{
    if (!(spacing >= 1))
        return;
    float x0 = fminf(a[0], fminf(b[0], c[0])), x1 = fmaxf(a[0], fmaxf(b[0], c[0]));
    float y0 = fminf(a[1], fminf(b[1], c[1])), y1 = fmaxf(a[1], fmaxf(b[1], c[1]));
    if (x1 < bx0 || x0 > bx1 || y1 < by0 || y0 > by1)
        return;
    const float *v[3] = {a, b, c};
    hatch_family(m, v, 1, spacing, width, bx0, by0, bx1, by1);
    if (cross)
        hatch_family(m, v, -1, spacing, width, bx0, by0, bx1, by1);
}

#define ARROW_STEPS 24

void rs_mesh_arrow(rs_mesh *m, float x0, float y0, float x1, float y1, float bend, float trim0, float trim1,
                   float width, float head)
{
    float dx = x1 - x0, dy = y1 - y0, length = sqrtf(dx * dx + dy * dy);
    if (!(length > trim0 + trim1 + head))
        return;
    /* The control point: the middle, moved sideways (left of the direction). */
    float cx = (x0 + x1) / 2 + dy * bend, cy = (y0 + y1) / 2 - dx * bend;
    float points[2 * (ARROW_STEPS + 1)];
    int n = 0;
    float tip[2] = {x1, y1}, before[2] = {x0, y0};
    for (int i = 0; i <= ARROW_STEPS; i++) {
        float t = (float)i / ARROW_STEPS, s = 1 - t;
        float px = s * s * x0 + 2 * s * t * cx + t * t * x1, py = s * s * y0 + 2 * s * t * cy + t * t * y1;
        float d0 = hypotf(px - x0, py - y0), d1 = hypotf(px - x1, py - y1);
        if (d0 < trim0)
            continue;
        if (d1 < trim1) {
            tip[0] = px, tip[1] = py;
            break;
        }
        points[2 * n] = px, points[2 * n + 1] = py;
        n++;
    }
    if (n < 2)
        return;
    /* The shaft stops where the head begins; the head points along the
     * curve's last stretch. */
    before[0] = points[2 * (n - 1)], before[1] = points[2 * (n - 1) + 1];
    float hx = tip[0] - before[0], hy = tip[1] - before[1], hl = sqrtf(hx * hx + hy * hy);
    if (!(hl > 0))
        return;
    hx /= hl, hy /= hl;
    float base_x = tip[0] - hx * head, base_y = tip[1] - hy * head;
    while (n > 2 && hypotf(points[2 * (n - 1)] - tip[0], points[2 * (n - 1) + 1] - tip[1]) < head)
        n--;
    points[2 * n] = base_x, points[2 * n + 1] = base_y;
    rs_mesh_polyline(m, points, n + 1, width);
    float side = head * 0.55f;
    int a = rs_mesh_vertex(m, tip[0], tip[1]);
    int b = rs_mesh_vertex(m, base_x - hy * side, base_y + hx * side);
    int c = rs_mesh_vertex(m, base_x + hy * side, base_y - hx * side);
    rs_mesh_triangle(m, a, b, c);
}

/* An edge as rows meet it: x = x0 + (yc - y0) * slope, with its ends
 * taken in one order whichever triangle asks (the upper first), so that two
 * triangles sharing an edge get the very same numbers. */
typedef struct edge {
    float x0, y0, slope;
} edge;

static edge edge_of(const float *p, const float *q)
{
    if (p[1] > q[1] || (p[1] == q[1] && p[0] > q[0])) {
        const float *t = p;
        p = q, q = t;
    }
    return (edge){p[0], p[1], q[1] > p[1] ? (q[0] - p[0]) / (q[1] - p[1]) : 0};
}

static inline float edge_x(const edge *e, float yc)
{
    return e->x0 + (yc - e->y0) * e->slope;
}

size_t rs_mesh_spans(const float *xy, int vertex_count, const int *indices, int index_count, int x0, int y0, int x1,
                     int y1, rs_rect **spans, size_t *count, size_t *capacity)
{
    for (int t = 0; t + 2 < index_count; t += 3) {
        const float *v[3];
        bool ok = true;
        for (int k = 0; k < 3 && ok; k++) {
            int i = indices[t + k];
            ok = i >= 0 && i < vertex_count && isfinite(xy[2 * i]) && isfinite(xy[2 * i + 1]);
            v[k] = ok ? &xy[2 * i] : NULL;
        }
        if (!ok)
            continue;
        /* Top to bottom: a, b, c. */
        if (v[1][1] < v[0][1]) { const float *s = v[0]; v[0] = v[1], v[1] = s; }
        if (v[2][1] < v[1][1]) { const float *s = v[1]; v[1] = v[2], v[2] = s; }
        if (v[1][1] < v[0][1]) { const float *s = v[0]; v[0] = v[1], v[1] = s; }
        /* Rows whose centre y + 0.5 is in [a.y, c.y). */
        float first = ceilf(v[0][1] - 0.5f), last = ceilf(v[2][1] - 0.5f);
        int from = first < (float)y0 ? y0 : (int)first, to = last > (float)y1 ? y1 : (int)last;
        if (from >= to)
            continue;
        edge ac = edge_of(v[0], v[2]), ab = edge_of(v[0], v[1]), bc = edge_of(v[1], v[2]);
        if (*count + (size_t)(to - from) > *capacity)
            rs_grow(spans, capacity, *count + (size_t)(to - from), sizeof **spans);
        rs_rect *out = *spans;
        for (int y = from; y < to; y++) {
            float yc = (float)y + 0.5f;
            float xa = edge_x(&ac, yc), xb = yc < v[1][1] ? edge_x(&ab, yc) : edge_x(&bc, yc);
            float left = fminf(xa, xb), right = fmaxf(xa, xb);
            /* Pixels whose centre x + 0.5 is in [left, right). */
            float l = ceilf(left - 0.5f), r = ceilf(right - 0.5f);
            int xl = l < (float)x0 ? x0 : (int)l, xr = r > (float)x1 ? x1 : (int)r;
            if (xr > xl)
                out[(*count)++] = (rs_rect){xl, y, xr - xl, 1};
        }
    }
    return *count;
}

/* ---- scanline fill of rings ---- */

void rs_scan_clear(rs_scan *s)
{
    s->edge_count = 0;
}

void rs_scan_free(rs_scan *s)
{
    free(s->edges), free(s->cross), free(s->row_at);
    memset(s, 0, sizeof *s);
}

/* The first row whose centre (y + 0.5) is at or below y: rows an edge from
 * ya down to yb meets are [row_of(ya), row_of(yb)). */
static inline float row_of(float y)
{
    return ceilf(y - 0.5f);
}

void rs_scan_ring(rs_scan *s, const float *xy, int count)
{
    if (count < 3)
        return;
    for (int i = 0; i < 2 * count; i++)
        if (!(fabsf(xy[i]) <= RS_SCAN_LIMIT))
            return;
    rs_grow(&s->edges, &s->edge_capacity, 4 * (s->edge_count + (size_t)count), sizeof *s->edges);
    for (int i = 0; i < count; i++) {
        const float *p = &xy[2 * i], *q = &xy[2 * ((i + 1) % count)];
        /* The upper end first, ties by x: an edge two rings share (in
         * opposite directions) gives both the very same crossings. */
        if (p[1] > q[1] || (p[1] == q[1] && p[0] > q[0])) {
            const float *t = p;
            p = q, q = t;
        }
        if (row_of(p[1]) == row_of(q[1]))
            continue; /* meets no row's centre */
        float *e = &s->edges[4 * s->edge_count++];
        e[0] = p[0], e[1] = p[1], e[2] = q[0], e[3] = q[1];
    }
}

static int compare_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static void sort_floats(float *x, size_t n)
{
    if (n > 24) {
        qsort(x, n, sizeof *x, compare_float);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        float v = x[i];
        size_t j = i;
        for (; j > 0 && x[j - 1] > v; j--)
            x[j] = x[j - 1];
        x[j] = v;
    }
}

/* An edge's rows within [y0, y1). */
static void edge_rows(const float *e, int y0, int y1, int *from, int *to)
{
    float a = row_of(e[1]), b = row_of(e[3]);
    *from = a < (float)y0 ? y0 : a > (float)y1 ? y1 : (int)a;
    *to = b > (float)y1 ? y1 : b < (float)y0 ? y0 : (int)b;
}

/* Row y's crossings x[0..n) (sorted) as spans: inside between the first
 * and second, the third and fourth ... (even-odd). */
static void row_spans(const float *x, size_t n, int y, int x0, int x1, rs_rect **spans, size_t *count,
                      size_t *capacity)
{
    size_t row_first = *count;
    for (size_t k = 0; k + 1 < n; k += 2) {
        float l = ceilf(x[k] - 0.5f), r = ceilf(x[k + 1] - 0.5f);
        int xl = l < (float)x0 ? x0 : l > (float)x1 ? x1 : (int)l;
        int xr = r > (float)x1 ? x1 : r < (float)x0 ? x0 : (int)r;
        if (xr <= xl)
            continue;
        rs_rect *last = *count > row_first ? &(*spans)[*count - 1] : NULL;
        if (last && last->x + last->w >= xl) {
            if (xr > last->x + last->w)
                last->w = xr - last->x;
            continue;
        }
        rs_grow(spans, capacity, *count + 1, sizeof **spans);
        (*spans)[(*count)++] = (rs_rect){xl, y, xr - xl, 1};
    }
}

size_t rs_scan_spans(rs_scan *s, int x0, int y0, int x1, int y1, rs_rect **spans, size_t *count,
                     size_t *capacity)
{
    if (y1 <= y0 || x1 <= x0 || !s->edge_count)
        return *count;
    size_t rows = (size_t)(y1 - y0);
    rs_grow(&s->row_at, &s->row_capacity, rows + 1, sizeof *s->row_at);
    memset(s->row_at, 0, (rows + 1) * sizeof *s->row_at);
    /* Crossings bucketed by row: counted, summed, then placed. */
    for (size_t i = 0; i < s->edge_count; i++) {
        int from, to;
        edge_rows(&s->edges[4 * i], y0, y1, &from, &to);
        for (int y = from; y < to; y++)
            s->row_at[y - y0 + 1]++;
    }
    for (size_t r = 1; r <= rows; r++)
        s->row_at[r] += s->row_at[r - 1];
    rs_grow(&s->cross, &s->cross_capacity, (size_t)s->row_at[rows] + 1, sizeof *s->cross);
    for (size_t i = 0; i < s->edge_count; i++) {
        const float *e = &s->edges[4 * i];
        int from, to;
        edge_rows(e, y0, y1, &from, &to);
        float slope = (e[2] - e[0]) / (e[3] - e[1]);
        for (int y = from; y < to; y++)
            s->cross[s->row_at[y - y0]++] = e[0] + ((float)y + 0.5f - e[1]) * slope;
    }
    /* Now row_at[r] is where row r ends, and so where row r + 1 begins. */
    for (size_t r = 0; r < rows; r++) {
        size_t begin = r ? (size_t)s->row_at[r - 1] : 0, end = (size_t)s->row_at[r];
        sort_floats(s->cross + begin, end - begin);
        row_spans(s->cross + begin, end - begin, y0 + (int)r, x0, x1, spans, count, capacity);
    }
    return *count;
}

/* ---- thin lines as spans ---- */

static inline int clamp_to(float v, int lo, int hi)
{
    return v < (float)lo ? lo : v > (float)hi ? hi : (int)v;
}

void rs_line_spans(float xa, float ya, float xb, float yb, int thick, int x0, int y0, int x1, int y1,
                   rs_rect **spans, size_t *count, size_t *capacity)
{
    if (!isfinite(xa) || !isfinite(ya) || !isfinite(xb) || !isfinite(yb) || x1 <= x0 || y1 <= y0)
        return;
    thick = thick < 1 ? 1 : thick > 2 ? 2 : thick;
    if (ya > yb) {
        float t = xa;
        xa = xb, xb = t, t = ya, ya = yb, yb = t;
    }
    if (fmaxf(xa, xb) < (float)(x0 - thick) || fminf(xa, xb) >= (float)x1 || yb < (float)(y0 - thick) ||
        ya >= (float)y1)
        return;
    /* Thickened across its direction only: a steep line to the right, a
     * shallow one down (both would make a diagonal look bolder). Rows
     * above the clip whose widening still reaches it are kept. */
    bool shallow = fabsf(xb - xa) > yb - ya;
    int h = shallow ? thick : 1, wider = shallow ? 0 : thick - 1;
    int from = clamp_to(floorf(ya), y0 - h + 1, y1), to = clamp_to(floorf(yb) + 1, y0, y1);
    float slope = yb > ya ? (xb - xa) / (yb - ya) : 0;
    rs_grow(spans, capacity, *count + (size_t)(to > from ? to - from : 0), sizeof **spans);
    for (int y = from; y < to; y++) {
        float top = fmaxf(ya, (float)y), bottom = fminf(yb, (float)y + 1);
        float xt = yb > ya ? xa + (top - ya) * slope : xa, xe = yb > ya ? xa + (bottom - ya) * slope : xb;
        /* The pixels whose [x, x + 1) the stretch passes through (at least
         * one): a 45-degree line is one pixel a row, not two. */
        float lo = floorf(fminf(xt, xe)), hi = fmaxf(ceilf(fmaxf(xt, xe)), lo + 1);
        int l = clamp_to(lo, x0, x1), r = clamp_to(hi + (float)wider, x0, x1);
        int top_row = y < y0 ? y0 : y, bottom_row = y + h > y1 ? y1 : y + h;
        if (r > l && bottom_row > top_row)
            (*spans)[(*count)++] = (rs_rect){l, top_row, r - l, bottom_row - top_row};
    }
}

/* One family of lines, u = k * spacing where u = x + sign * y at a pixel's
 * centre, across the span from x0 to x1 (exclusive) of row y. */
static void hatch_row_family(float spacing, float sign, float half, int x0, int x1, int y, rs_rect **spans,
                             size_t *count, size_t *capacity)
{
    /* The centre (px + 0.5, y + 0.5) is in when |px + c - k s| < half. */
    double c = 0.5 + sign * (y + 0.5);
    double k0 = ceil((x0 + c - half) / spacing), k1 = floor((x1 - 1 + c + half) / spacing);
    for (double k = k0; k <= k1; k++) {
        double from = floor(k * spacing - half - c) + 1, to = ceil(k * spacing + half - c);
        int a = from > x0 ? (int)from : x0, b = to < x1 ? (int)to : x1;
        if (b <= a)
            continue;
        rs_grow(spans, capacity, *count + 1, sizeof **spans);
        (*spans)[(*count)++] = (rs_rect){a, y, b - a, 1};
    }
}

void rs_hatch_spans(const rs_rect *land, size_t n, float spacing, bool cross, float width, rs_rect **spans,
                    size_t *count, size_t *capacity)
{
    if (!(spacing >= 1) || !(width > 0) || !isfinite(spacing) || !isfinite(width))
        return;
    /* A line width thick at 45 degrees is width * sqrt 2 across a row. */
    float half = width * 0.70710678f;
    for (size_t i = 0; i < n; i++)
        for (int y = land[i].y; y < land[i].y + land[i].h; y++) {
            hatch_row_family(spacing, 1, half, land[i].x, land[i].x + land[i].w, y, spans, count, capacity);
            if (cross)
                hatch_row_family(spacing, -1, half, land[i].x, land[i].x + land[i].w, y, spans, count, capacity);
        }
}
