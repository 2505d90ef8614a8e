/*
 * The world map's data from DCW-GMT (world.h): reading the netCDF file,
 * cutting outlines at the antimeridian, and assembling each country's
 * shape for map_shape.
 *
 * How DCW-GMT stores a country (learnt from GMT's src/gmt_dcw.c, which reads
 * it, and checked against the file of gmt-dcw 2.1.1): variables XX_lon and
 * XX_lat (ushort) for the ISO 3166-1 alpha-2 code XX, with attributes min
 * and scale, so that a value v decodes to min + v / scale degrees. 65535 in
 * XX_lon marks the start of a segment (one closed outline); XX_lat's value
 * at that marker is 1 when the segment is a hole (South Africa's last
 * segment, flagged 1, is Lesotho's 742 points) and 0 otherwise. Longitudes
 * are continuous within a country, so they run past 180 where it crosses
 * the antimeridian (Russia to 191, Fiji to 185; min may itself be in
 * 180..360); Antarctica's one outline goes once round the pole, jumping
 * from -180 to 180, and GMT closes it as a polar cap. Four-letter variables
 * (USTX...) are states and are not read.
 */
#include <errno.h>
#include <math.h>
#include <netcdf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle_format.h"
#include "expect.h"
#include "world.h"

#define DCW_MARKER 65535U
/* Points closer than this (degrees) to the last one kept are dropped before
 * projecting: a ninth of the tolerance (0.0014 map units is 0.09 degrees of
 * longitude at the equator, more elsewhere), so it cannot show, and it
 * spares projecting and simplifying 9 million points. An outline smaller
 * than 64 times this (the Vatican is 0.013 degrees across) is filtered at a
 * 64th of its own size instead, so it keeps its shape. */
#define DCW_PREFILTER_DEG 0.01
/* Meridian edges (the antimeridian cuts, Antarctica's closure) are curves in
 * Equal Earth: densified to a point a degree before simplification. */
#define MERIDIAN_STEP_DEG 1.0
/* The most vertices one simplified outline may keep (DCW-GMT's largest,
 * Canada's Baffin Island, keeps about 2,700): past it the tolerance
 * doubles, so that a damaged file of noise cannot make ear clipping, which
 * is quadratic, run for hours. */
#define RING_VERTICES_MAX 8192

struct rs_world {
    rs_world_shape *shapes;
    size_t count, capacity;
    size_t fallbacks;
    char source[64]; /* "DCW-GMT " and the file's version attribute */
    size_t references;
};

/* The last world read, kept for the next build in the same process: the
 * tests build dozens of bundles, and reading the 25 MB file takes most of a
 * second each time. A different path, or a file changed since (device,
 * inode, size, modification time), is read again. Reachable from here until
 * exit, so no leak checker counts it. */
static struct {
    pthread_mutex_t lock;
    char *path;
    struct stat st;
    rs_world *world;
} world_cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* A growing list of (x, y) points. */
typedef struct points {
    double *xy;
    size_t n, capacity;
} points;

static void points_add(points *p, double x, double y)
{
    rs_grow(&p->xy, &p->capacity, 2 * (p->n + 1), sizeof *p->xy);
    p->xy[2 * p->n] = x, p->xy[2 * p->n + 1] = y;
    p->n++;
}

/* One outline of a country, projected, with its DCW hole flag. */
typedef struct ring {
    points p;
    bool hole;
    double area;      /* |signed area| in map units */
    size_t source;    /* a simplified ring: the ring it was made from */
    double tolerance; /* and the tolerance it was simplified with */
} ring;

typedef struct ring_list {
    ring *items;
    size_t count, capacity;
} ring_list;

static void ring_list_free(ring_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].p.xy);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* ---- projecting a lon/lat outline (already within -180..180) ---- */

static void project_ring(const points *geo, bool hole, ring_list *out)
{
    if (geo->n < 3)
        return;
    rs_grow(&out->items, &out->capacity, out->count + 1, sizeof *out->items);
    ring *r = &out->items[out->count++];
    memset(r, 0, sizeof *r);
    r->hole = hole;
    for (size_t i = 0; i < geo->n; i++) {
        const double *a = geo->xy + 2 * i, *b = geo->xy + 2 * ((i + 1) % geo->n);
        double x, y;
        rs_equal_earth(a[0], a[1], &x, &y);
        points_add(&r->p, x, y);
        if (a[0] == b[0] && fabs(b[1] - a[1]) > MERIDIAN_STEP_DEG) {
            int steps = (int)ceil(fabs(b[1] - a[1]) / MERIDIAN_STEP_DEG);
            for (int k = 1; k < steps; k++) {
                rs_equal_earth(a[0], a[1] + (b[1] - a[1]) * k / steps, &x, &y);
                points_add(&r->p, x, y);
            }
        }
    }
    r->area = fabs(rs_ring_area(r->p.xy, r->p.n));
}

/* ---- cutting at a meridian ----
 * The parts of a ring on one side of the line x = c: walk the ring from a
 * point off that side, collecting each stretch on it from where it comes in
 * to where it leaves. The stretches' ends all lie on the line; sorted along
 * it, ends 2k and 2k+1 bound a stretch of line inside the polygon, so each
 * stretch's exit is joined to the entry of the stretch that continues the
 * outline there (a simple polygon's cut, as in Weiler-Atherton clipping). */

typedef struct stretch {
    points p;
    size_t entry_rank, exit_rank;
    bool used;
} stretch;

typedef struct line_end {
    double y;
    size_t stretch;
    bool entry;
} line_end;

static int compare_line_ends(const void *a, const void *b)
{
    const line_end *x = a, *y = b;
    return x->y < y->y ? -1 : x->y > y->y ? 1 : (int)x->entry - (int)y->entry;
}

static bool on_side(double x, double c, int side)
{
    return side < 0 ? x <= c : x >= c;
}

static void collect_stretches(const points *outline, double c, int side, size_t start, stretch **items, size_t *count)
{
    size_t capacity = 0;
    stretch *cur = NULL;
    for (size_t k = 0; k < outline->n; k++) {
        const double *p = outline->xy + 2 * ((start + k) % outline->n), *q = outline->xy + 2 * ((start + k + 1) % outline->n);
        bool in_p = on_side(p[0], c, side), in_q = on_side(q[0], c, side);
        double cy = p[0] == q[0] ? p[1] : p[1] + (q[1] - p[1]) * (c - p[0]) / (q[0] - p[0]);
        if (!in_p && in_q) {
            rs_grow(items, &capacity, *count + 1, sizeof **items);
            cur = &(*items)[(*count)++];
            memset(cur, 0, sizeof *cur);
            if (q[0] != c)
                points_add(&cur->p, c, cy);
            points_add(&cur->p, q[0], q[1]);
        } else if (in_p && in_q && cur) {
            points_add(&cur->p, q[0], q[1]);
        } else if (in_p && !in_q && cur) {
            if (p[0] != c)
                points_add(&cur->p, c, cy);
            cur = NULL;
        }
    }
}

/* Appends the closed parts of outline on side (-1: x <= c, +1: x >= c) to out,
 * their x shifted by shift. */
static void cut_side(const points *outline, double c, int side, double shift, points **out, size_t *out_count,
                     size_t *out_capacity)
{
    size_t start = SIZE_MAX;
    for (size_t i = 0; i < outline->n && start == SIZE_MAX; i++)
        if (!on_side(outline->xy[2 * i], c, side))
            start = i;
    stretch *items = NULL;
    size_t count = 0;
    if (start == SIZE_MAX) {
        items = rs_xcalloc(1, sizeof *items);
        count = 1;
        for (size_t i = 0; i < outline->n; i++)
            points_add(&items[0].p, outline->xy[2 * i], outline->xy[2 * i + 1]);
        items[0].entry_rank = SIZE_MAX;
    } else {
        collect_stretches(outline, c, side, start, &items, &count);
    }
    line_end *ends = rs_xmalloc((2 * count + 1) * sizeof *ends);
    size_t end_count = 0;
    for (size_t s = 0; s < count && start != SIZE_MAX; s++) {
        if (items[s].p.n < 2) {
            items[s].used = true; /* a touch from outside: one point on the line */
            continue;
        }
        ends[end_count++] = (line_end){items[s].p.xy[1], s, true};
        ends[end_count++] = (line_end){items[s].p.xy[2 * items[s].p.n - 1], s, false};
    }
    qsort(ends, end_count, sizeof *ends, compare_line_ends);
    for (size_t k = 0; k < end_count; k++)
        *(ends[k].entry ? &items[ends[k].stretch].entry_rank : &items[ends[k].stretch].exit_rank) = k;
    for (size_t s = 0; s < count; s++) {
        if (items[s].used)
            continue;
        rs_grow(out, out_capacity, *out_count + 1, sizeof **out);
        points *part = &(*out)[(*out_count)++];
        memset(part, 0, sizeof *part);
        for (size_t cur = s; cur != SIZE_MAX && !items[cur].used;) {
            items[cur].used = true;
            for (size_t i = 0; i < items[cur].p.n; i++)
                points_add(part, items[cur].p.xy[2 * i] + shift, items[cur].p.xy[2 * i + 1]);
            size_t mate = items[cur].exit_rank == SIZE_MAX ? SIZE_MAX : items[cur].exit_rank ^ 1;
            cur = mate < end_count && ends[mate].entry ? ends[mate].stretch : SIZE_MAX;
        }
    }
    for (size_t s = 0; s < count; s++)
        free(items[s].p.xy);
    free(items);
    free(ends);
}

/* Cuts an unwrapped outline into parts within -180..180 and projects them. */
static void place_ring(const points *geo, bool hole, ring_list *out)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < geo->n; i++)
        lo = fmin(lo, geo->xy[2 * i]), hi = fmax(hi, geo->xy[2 * i]);
    if (lo >= -180 && hi <= 180) {
        project_ring(geo, hole, out);
        return;
    }
    if (lo >= 180 || hi <= -180) {
        double shift = lo >= 180 ? -360 : 360;
        points moved = {0};
        for (size_t i = 0; i < geo->n; i++)
            points_add(&moved, geo->xy[2 * i] + shift, geo->xy[2 * i + 1]);
        place_ring(&moved, hole, out);
        free(moved.xy);
        return;
    }
    /* Straddles 180 or -180: cut there, and place both sides again. */
    double c = hi > 180 ? 180 : -180;
    points *parts = NULL;
    size_t count = 0, capacity = 0;
    cut_side(geo, c, -1, 0, &parts, &count, &capacity);
    cut_side(geo, c, +1, 0, &parts, &count, &capacity);
    for (size_t i = 0; i < count; i++) {
        place_ring(&parts[i], hole, out);
        free(parts[i].xy);
    }
    free(parts);
}

/* ---- decoding one country ---- */

/* A segment's points, unwrapped (no jump over 180 degrees between
 * neighbours), then closed round the pole when it goes once round the
 * globe (Antarctica), and placed. */
static void finish_segment(points *geo, bool hole, ring_list *out)
{
    if (geo->n > 1 && geo->xy[0] == geo->xy[2 * geo->n - 2] && geo->xy[1] == geo->xy[2 * geo->n - 1])
        geo->n--; /* the closing repeat of the first point */
    if (geo->n < 3)
        return;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < geo->n; i++) {
        x0 = fmin(x0, geo->xy[2 * i]), x1 = fmax(x1, geo->xy[2 * i]);
        y0 = fmin(y0, geo->xy[2 * i + 1]), y1 = fmax(y1, geo->xy[2 * i + 1]);
    }
    double near = fmin(DCW_PREFILTER_DEG, fmax(x1 - x0, y1 - y0) / 64);
    size_t kept = 1;
    for (size_t i = 1; i < geo->n; i++) {
        const double *last = geo->xy + 2 * (kept - 1), *p = geo->xy + 2 * i;
        if (fabs(p[0] - last[0]) < near && fabs(p[1] - last[1]) < near)
            continue;
        geo->xy[2 * kept] = p[0], geo->xy[2 * kept + 1] = p[1], kept++;
    }
    geo->n = kept;
    if (geo->n < 3)
        return;
    /* A ring round the pole jumps between -180 and 180 an odd number of
     * times (once, for Antarctica): it starts after its jump, so that
     * unwrapped it runs from one edge of the map to the other and closes
     * along them and the pole line, with no seam inside. */
    size_t jumps = 0, jump = 0;
    for (size_t i = 0; i < geo->n; i++)
        if (fabs(geo->xy[2 * ((i + 1) % geo->n)] - geo->xy[2 * i]) > 180)
            jumps++, jump = (i + 1) % geo->n;
    if (jumps % 2 && jump) {
        double *turned = rs_xmalloc(2 * geo->n * sizeof *turned);
        for (size_t i = 0; i < geo->n; i++)
            memcpy(turned + 2 * i, geo->xy + 2 * ((jump + i) % geo->n), 2 * sizeof *turned);
        memcpy(geo->xy, turned, 2 * geo->n * sizeof *turned);
        free(turned);
    }
    double lat_sum = 0;
    for (size_t i = 1; i < geo->n; i++) {
        double *lon = &geo->xy[2 * i], previous = geo->xy[2 * i - 2];
        while (*lon - previous > 180)
            *lon -= 360;
        while (*lon - previous < -180)
            *lon += 360;
        lat_sum += geo->xy[2 * i + 1];
    }
    double first = geo->xy[0], last = geo->xy[2 * geo->n - 2];
    if (fabs(last - first) > 180) {
        /* Once round the pole: back to the first point a turn on, down the
         * meridian to the pole, along the pole line, and up again. */
        double pole = lat_sum < 0 ? -90 : 90, end = first + (last > first ? 360 : -360), lat = geo->xy[1];
        points_add(geo, end, lat);
        points_add(geo, end, pole);
        points_add(geo, first, pole);
    }
    place_ring(geo, hole, out);
}

typedef struct dcw_variable {
    int id;
    double min, scale;
} dcw_variable;

static bool dcw_variable_find(int nc, const char *code, const char *axis, dcw_variable *v, size_t *length,
                              char *error, size_t error_size)
{
    char name[16];
    snprintf(name, sizeof name, "%s_%s", code, axis);
    int dims = 0, dim = 0;
    size_t n = 0;
    nc_type type = NC_NAT;
    int status = nc_inq_varid(nc, name, &v->id);
    if (status == NC_NOERR)
        status = nc_inq_var(nc, v->id, NULL, &type, &dims, NULL, NULL);
    if (status == NC_NOERR && (type != NC_USHORT || dims != 1)) {
        snprintf(error, error_size, "variable %s is not a list of unsigned shorts (a damaged DCW-GMT file?)", name);
        return false;
    }
    if (status == NC_NOERR)
        status = nc_inq_vardimid(nc, v->id, &dim);
    if (status == NC_NOERR)
        status = nc_inq_dimlen(nc, dim, &n);
    if (status == NC_NOERR)
        status = nc_get_att_double(nc, v->id, "min", &v->min);
    if (status == NC_NOERR)
        status = nc_get_att_double(nc, v->id, "scale", &v->scale);
    if (status != NC_NOERR) {
        snprintf(error, error_size, "variable %s: %s (a damaged DCW-GMT file?)", name, nc_strerror(status));
        return false;
    }
    double top = v->min + 65534.0 / v->scale, limit = axis[1] == 'o' ? 720 : 90.001;
    if (!isfinite(v->min) || !isfinite(v->scale) || v->scale <= 0 || v->min < -limit || top > limit ||
        (*length && n != *length) || n == 0 || n > 100000000) {
        snprintf(error, error_size, "variable %s: min %g, scale %g and %zu values are out of range", name, v->min,
                 v->scale, n);
        return false;
    }
    *length = n;
    return true;
}

/* Reads country code's outlines into rings (projected, within the map). */
static bool read_country(int nc, const char *code, ring_list *rings, char *error, size_t error_size)
{
    dcw_variable lon, lat;
    size_t n = 0;
    if (!dcw_variable_find(nc, code, "lon", &lon, &n, error, error_size) ||
        !dcw_variable_find(nc, code, "lat", &lat, &n, error, error_size))
        return false;
    unsigned short *x = rs_xmalloc(n * sizeof *x), *y = rs_xmalloc(n * sizeof *y);
    int status = nc_get_var_ushort(nc, lon.id, x);
    if (status == NC_NOERR)
        status = nc_get_var_ushort(nc, lat.id, y);
    if (status != NC_NOERR) {
        snprintf(error, error_size, "cannot read %s's outlines: %s (a damaged DCW-GMT file?)", code,
                 nc_strerror(status));
        free(x), free(y);
        return false;
    }
    points geo = {0};
    bool hole = false;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || x[i] == DCW_MARKER) {
            finish_segment(&geo, hole, rings);
            geo.n = 0;
            hole = i < n && y[i] == 1;
            continue;
        }
        points_add(&geo, lon.min + x[i] / lon.scale, lat.min + y[i] / lat.scale);
    }
    free(geo.xy);
    free(x), free(y);
    return true;
}

/* ---- one country's shape ---- */

/* A simplified outer outline and the holes inside it. */
typedef struct part {
    size_t outer;      /* index into the simplified rings */
    size_t *holes;
    size_t hole_count;
} part;

/* The rings simplified at tolerance: each outer one kept if it is the
 * largest or big enough to see. The largest and the holes are simplified no
 * coarser than a sixteenth of their size, so a small country keeps its
 * shape, and a hole (an enclave: Lesotho in South Africa, San Marino and
 * the Vatican in Italy) stays exactly its country's outline, whatever its
 * size: the two never overlap, and a tap finds one country. */
static void simplify_rings(const ring_list *in, double tolerance, ring_list *out, size_t *largest)
{
    *largest = SIZE_MAX;
    for (size_t i = 0; i < in->count; i++)
        if (!in->items[i].hole && (*largest == SIZE_MAX || in->items[i].area > in->items[*largest].area))
            *largest = i;
    size_t largest_out = SIZE_MAX;
    for (size_t i = 0; i < in->count; i++) {
        const ring *r = &in->items[i];
        double t = tolerance;
        if (i == *largest || r->hole) {
            double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
            for (size_t k = 0; k < r->p.n; k++) {
                x0 = fmin(x0, r->p.xy[2 * k]), x1 = fmax(x1, r->p.xy[2 * k]);
                y0 = fmin(y0, r->p.xy[2 * k + 1]), y1 = fmax(y1, r->p.xy[2 * k + 1]);
            }
            t = fmin(t, hypot(x1 - x0, y1 - y0) / 16 * (tolerance / RS_WORLD_TOLERANCE));
        }
        ring s = {.hole = r->hole, .source = i, .tolerance = t};
        s.p.xy = rs_xmalloc(2 * r->p.n * sizeof *s.p.xy);
        memcpy(s.p.xy, r->p.xy, 2 * r->p.n * sizeof *s.p.xy);
        s.p.n = r->p.n;
        s.p.capacity = 2 * r->p.n;
        s.p.n = rs_simplify_ring(s.p.xy, s.p.n, t);
        if (s.p.n < 3 && i == *largest) { /* a sliver: kept as it is, never lost */
            memcpy(s.p.xy, r->p.xy, 2 * r->p.n * sizeof *s.p.xy);
            s.p.n = r->p.n;
        }
        s.area = fabs(rs_ring_area(s.p.xy, s.p.n));
        if (s.p.n < 3 || (i != *largest && !r->hole && s.area < RS_WORLD_MIN_PART_AREA)) {
            free(s.p.xy);
            continue;
        }
        if (i == *largest)
            largest_out = out->count;
        rs_grow(&out->items, &out->capacity, out->count + 1, sizeof *out->items);
        out->items[out->count++] = s;
    }
    *largest = largest_out;
}

/* Groups holes with the smallest outline holding their first point. */
static part *group_parts(const ring_list *rings, size_t *part_count)
{
    part *parts = rs_xcalloc(rings->count + 1, sizeof *parts);
    size_t count = 0;
    for (size_t i = 0; i < rings->count; i++)
        if (!rings->items[i].hole)
            parts[count++].outer = i;
    for (size_t i = 0; i < rings->count; i++) {
        const ring *h = &rings->items[i];
        if (!h->hole)
            continue;
        size_t best = SIZE_MAX;
        for (size_t k = 0; k < count; k++) {
            const ring *o = &rings->items[parts[k].outer];
            uint32_t end = (uint32_t)o->p.n;
            if (rs_point_in_rings(o->p.xy, &end, 1, h->p.xy[0], h->p.xy[1]) &&
                (best == SIZE_MAX || o->area < rings->items[parts[best].outer].area))
                best = k;
        }
        if (best == SIZE_MAX)
            continue;
        part *p = &parts[best];
        p->holes = rs_xrealloc(p->holes, (p->hole_count + 1) * sizeof *p->holes);
        p->holes[p->hole_count++] = i;
    }
    *part_count = count;
    return parts;
}

/* The triangles' centroid of a part, or its biggest triangle's when that
 * falls outside (a crescent, a ring of islands' lagoon). */
static void part_label_point(const double *xy, const uint32_t *ends, size_t ring_count, const uint32_t *tri,
                             size_t count, float *cx, float *cy)
{
    double sum = 0, sx = 0, sy = 0, biggest = -1, bx = 0, by = 0;
    for (size_t t = 0; t < count; t++) {
        const double *a = xy + 2 * tri[3 * t], *b = xy + 2 * tri[3 * t + 1], *c = xy + 2 * tri[3 * t + 2];
        double area = fabs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
        double mx = (a[0] + b[0] + c[0]) / 3, my = (a[1] + b[1] + c[1]) / 3;
        sum += area, sx += area * mx, sy += area * my;
        if (area > biggest)
            biggest = area, bx = mx, by = my;
    }
    if (sum > 0 && rs_point_in_rings(xy, ends, ring_count, sx / sum, sy / sum))
        bx = sx / sum, by = sy / sum;
    else if (biggest < 0)
        bx = xy[0], by = xy[1];
    *cx = (float)bx, *cy = (float)by;
}

/* A part's rings, concatenated, and their triangles. */
typedef struct mesh {
    double *xy;
    uint32_t *ends, *tri;
    size_t rings, n, count, fallbacks;
} mesh;

static void mesh_free(mesh *m)
{
    free(m->xy), free(m->ends), free(m->tri);
    memset(m, 0, sizeof *m);
}

/* The ring of a part (0 the outline, then the holes) as simplified, or for
 * an outline, simplified again at scale times its tolerance (0: as read). */
static points part_ring(const ring_list *original, const ring_list *simple, const part *p, size_t r, double scale)
{
    const ring *s = &simple->items[r ? p->holes[r - 1] : p->outer];
    const points *from = scale == 1 || s->hole ? &s->p : &original->items[s->source].p;
    points out = {.xy = rs_xmalloc(2 * from->n * sizeof *out.xy), .n = from->n, .capacity = 2 * from->n};
    memcpy(out.xy, from->xy, 2 * from->n * sizeof *out.xy);
    if (from != &s->p)
        out.n = rs_simplify_ring(out.xy, out.n, s->tolerance * scale);
    if (out.n < 3) { /* cannot happen for a ring simplified before at a larger tolerance; kept safe */
        out.n = s->p.n;
        memcpy(out.xy, s->p.xy, 2 * s->p.n * sizeof *out.xy);
    }
    return out;
}

/* Triangulates a part at scale (part_ring); *error is how far the
 * triangles' area is from the outline's less the holes' (relative); true
 * when no corner had to be forced and it is exact. */
static bool mesh_part(const ring_list *original, const ring_list *simple, const part *p, double scale, mesh *m,
                      double *error)
{
    m->rings = 1 + p->hole_count;
    m->ends = rs_xmalloc(m->rings * sizeof *m->ends);
    points *rings = rs_xcalloc(m->rings, sizeof *rings);
    double want = 0;
    for (size_t r = 0; r < m->rings; r++) {
        rings[r] = part_ring(original, simple, p, r, scale);
        double area = fabs(rs_ring_area(rings[r].xy, rings[r].n));
        want += r ? -area : area;
        m->n += rings[r].n;
        m->ends[r] = (uint32_t)m->n;
    }
    m->xy = rs_xmalloc(2 * m->n * sizeof *m->xy);
    for (size_t r = 0, at = 0; r < m->rings; at += rings[r].n, r++) {
        memcpy(m->xy + 2 * at, rings[r].xy, 2 * rings[r].n * sizeof *m->xy);
        free(rings[r].xy);
    }
    free(rings);
    if (scale != 1 && m->n > RING_VERTICES_MAX) { /* refined past what ear clipping should take */
        *error = INFINITY;
        return false;
    }
    m->tri = rs_xmalloc(3 * (m->n + 2 * m->rings + 2) * sizeof *m->tri);
    m->count = rs_triangulate(m->xy, m->ends, m->rings, m->tri, &m->fallbacks);
    double got = 0;
    for (size_t t = 0; t < m->count; t++) {
        const double *a = m->xy + 2 * m->tri[3 * t], *b = m->xy + 2 * m->tri[3 * t + 1],
                     *c = m->xy + 2 * m->tri[3 * t + 2];
        got += fabs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
    }
    *error = fabs(got - want) / fabs(want);
    return m->fallbacks == 0 && *error <= 1e-6;
}

/* Appends one part (outline and holes) to shape, triangulated. An outline
 * that simplification made cross itself (a narrow gulf, a spit) cannot be
 * cut into ears without triangles spilling over its edge: it is simplified
 * again at half the tolerance, then a quarter, and the closest of the three
 * is kept. Corners forced on the way are counted in *fallbacks. */
static void add_part(rs_world_shape *shape, const ring_list *original, const ring_list *simple, const part *p,
                     bool label, size_t *fallbacks)
{
    static const double scales[] = {1, 0.5, 0.25};
    mesh m = {0};
    double best = INFINITY;
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        mesh next = {0};
        double error;
        bool exact = mesh_part(original, simple, p, scales[i], &next, &error);
        if ((i > 0 && shape->vertex_count + next.n > RS_MAP_SHAPE_VERTICES_MAX) || error >= best) {
            mesh_free(&next);
            continue;
        }
        mesh_free(&m);
        m = next, best = error;
        if (exact)
            break;
    }
    *fallbacks += m.fallbacks;
    if (label)
        part_label_point(m.xy, m.ends, m.rings, m.tri, m.count, &shape->cx, &shape->cy);

    uint32_t base = shape->vertex_count;
    shape->xy = rs_xrealloc(shape->xy, 2 * (base + m.n) * sizeof *shape->xy);
    for (size_t i = 0; i < 2 * m.n; i++)
        shape->xy[2 * base + i] = (float)m.xy[i];
    shape->ring_ends = rs_xrealloc(shape->ring_ends, (shape->ring_count + m.rings) * sizeof *shape->ring_ends);
    for (size_t r = 0; r < m.rings; r++)
        shape->ring_ends[shape->ring_count++] = (uint16_t)(base + m.ends[r]);
    shape->triangles =
        rs_xrealloc(shape->triangles, 3 * (shape->triangle_count + m.count) * sizeof *shape->triangles);
    for (size_t t = 0; t < 3 * m.count; t++)
        shape->triangles[3 * shape->triangle_count + t] = (uint16_t)(base + m.tri[t]);
    shape->triangle_count += (uint32_t)m.count;
    shape->vertex_count = base + (uint32_t)m.n;
    mesh_free(&m);
}

static void shape_free(rs_world_shape *shape)
{
    free(shape->xy), free(shape->triangles), free(shape->ring_ends);
}

/* The bounding box and area, from the stored (float) vertices. */
static void shape_finish(rs_world_shape *shape)
{
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (uint32_t i = 0; i < shape->vertex_count; i++) {
        x0 = fminf(x0, shape->xy[2 * i]), x1 = fmaxf(x1, shape->xy[2 * i]);
        y0 = fminf(y0, shape->xy[2 * i + 1]), y1 = fmaxf(y1, shape->xy[2 * i + 1]);
    }
    double area = 0;
    for (uint32_t t = 0; t < shape->triangle_count; t++) {
        const float *a = shape->xy + 2 * shape->triangles[3 * t], *b = shape->xy + 2 * shape->triangles[3 * t + 1],
                    *c = shape->xy + 2 * shape->triangles[3 * t + 2];
        area += fabs(((double)b[0] - a[0]) * ((double)c[1] - a[1]) - ((double)b[1] - a[1]) * ((double)c[0] - a[0])) / 2;
    }
    shape->x0 = x0, shape->y0 = y0, shape->x1 = x1, shape->y1 = y1;
    shape->area = (float)area;
}

/* Builds code's shape from its rings: simplified at RS_WORLD_TOLERANCE,
 * coarser (doubling) only if it would exceed RS_MAP_SHAPE_VERTICES_MAX.
 * false when the country has no outline at all. */
static bool build_shape(const char *code, const ring_list *rings, rs_world_shape *shape, size_t *fallbacks)
{
    /* 40 doublings reach any outline's own size: by then every outline is
     * a few points, so the loop ends; the bound is for safety. */
    for (double tolerance = RS_WORLD_TOLERANCE; tolerance < RS_WORLD_TOLERANCE * 0x1p40; tolerance *= 2) {
        ring_list simple = {0};
        size_t largest, part_count, total = 0;
        simplify_rings(rings, tolerance, &simple, &largest);
        if (largest == SIZE_MAX) {
            ring_list_free(&simple);
            return false;
        }
        part *parts = group_parts(&simple, &part_count);
        bool small = true;
        for (size_t i = 0; i < simple.count; i++)
            total += simple.items[i].p.n, small = small && simple.items[i].p.n <= RING_VERTICES_MAX;
        if (!small)
            total = SIZE_MAX;
        if (total <= RS_MAP_SHAPE_VERTICES_MAX) {
            memset(shape, 0, sizeof *shape);
            memcpy(shape->code, code, 2);
            for (size_t k = 0; k < part_count; k++)
                add_part(shape, rings, &simple, &parts[k], parts[k].outer == largest, fallbacks);
            shape_finish(shape);
        }
        for (size_t k = 0; k < part_count; k++)
            free(parts[k].holes);
        free(parts);
        ring_list_free(&simple);
        if (total <= RS_MAP_SHAPE_VERTICES_MAX)
            return true;
    }
    return false;
}

/* ---- the whole file ---- */

static int compare_shapes(const void *a, const void *b)
{
    return strcmp(((const rs_world_shape *)a)->code, ((const rs_world_shape *)b)->code);
}

/* Whether a variable name is a country's longitudes: "XX_lon", XX being
 * two upper-case letters (states have four). */
static bool country_variable(const char *name)
{
    return strlen(name) == 6 && name[0] >= 'A' && name[0] <= 'Z' && name[1] >= 'A' && name[1] <= 'Z' &&
           strcmp(name + 2, "_lon") == 0;
}

static bool load_countries(int nc, rs_world *world, char *error, size_t error_size)
{
    int variables = 0;
    int status = nc_inq_nvars(nc, &variables);
    if (status != NC_NOERR) {
        snprintf(error, error_size, "cannot list its variables: %s (a damaged DCW-GMT file?)", nc_strerror(status));
        return false;
    }
    for (int v = 0; v < variables; v++) {
        char name[NC_MAX_NAME + 1];
        if (nc_inq_varname(nc, v, name) != NC_NOERR || !country_variable(name))
            continue;
        char code[3] = {name[0], name[1], '\0'};
        ring_list rings = {0};
        if (!read_country(nc, code, &rings, error, error_size)) {
            ring_list_free(&rings);
            return false;
        }
        rs_grow(&world->shapes, &world->capacity, world->count + 1, sizeof *world->shapes);
        if (build_shape(code, &rings, &world->shapes[world->count], &world->fallbacks))
            world->count++;
        ring_list_free(&rings);
    }
    if (world->count == 0) {
        snprintf(error, error_size, "no country outlines in it (not a DCW-GMT file?)");
        return false;
    }
    qsort(world->shapes, world->count, sizeof *world->shapes, compare_shapes);
    for (size_t i = 1; i < world->count; i++)
        if (strcmp(world->shapes[i - 1].code, world->shapes[i].code) == 0) {
            snprintf(error, error_size, "country %s appears twice (a damaged DCW-GMT file?)", world->shapes[i].code);
            return false;
        }
    return true;
}

static rs_world *world_read(const char *path, char *error, size_t error_size);

rs_world *rs_world_load(const char *path, char *error, size_t error_size)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        pthread_mutex_lock(&world_cache.lock);
        rs_world *cached = NULL;
        if (world_cache.world && strcmp(world_cache.path, path) == 0 && same_file(&world_cache.st, &st))
            cached = world_cache.world, cached->references++;
        pthread_mutex_unlock(&world_cache.lock);
        if (cached)
            return cached;
    }
    rs_world *world = world_read(path, error, error_size);
    if (!world || stat(path, &st) != 0)
        return world;
    pthread_mutex_lock(&world_cache.lock);
    rs_world *old = world_cache.world;
    free(world_cache.path);
    world_cache.path = rs_xstrdup(path);
    world_cache.st = st;
    world_cache.world = world;
    world->references++;
    pthread_mutex_unlock(&world_cache.lock);
    rs_world_destroy(old);
    return world;
}

/* Reads path (not the cache). */
static rs_world *world_read(const char *path, char *error, size_t error_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            snprintf(error, error_size,
                     "no world map file (the package " RS_WORLD_PACKAGE " installs it; --world FILE names another, "
                     "--no-map builds without a map)");
        else
            snprintf(error, error_size, "cannot read the world map file: %s", strerror(errno));
        return NULL;
    }
    int nc;
    int status = nc_open(path, NC_NOWRITE, &nc);
    if (status != NC_NOERR) {
        snprintf(error, error_size, "not a readable DCW-GMT netCDF file: %s", nc_strerror(status));
        return NULL;
    }
    rs_world *world = rs_xcalloc(1, sizeof *world);
    world->references = 1;
    char version[32] = "";
    size_t length = 0;
    if (nc_inq_attlen(nc, NC_GLOBAL, "version", &length) == NC_NOERR && length < sizeof version &&
        nc_get_att_text(nc, NC_GLOBAL, "version", version) == NC_NOERR)
        version[length] = '\0';
    snprintf(world->source, sizeof world->source, "DCW-GMT%s%s", version[0] ? " " : "", version);
    bool ok = load_countries(nc, world, error, error_size);
    nc_close(nc);
    if (!ok) {
        rs_world_destroy(world);
        return NULL;
    }
    return world;
}

void rs_world_destroy(rs_world *world)
{
    if (!world)
        return;
    pthread_mutex_lock(&world_cache.lock);
    bool last = --world->references == 0;
    pthread_mutex_unlock(&world_cache.lock);
    if (!last)
        return;
    for (size_t i = 0; i < world->count; i++)
        shape_free(&world->shapes[i]);
    free(world->shapes);
    free(world);
}

size_t rs_world_count(const rs_world *world)
{
    return world->count;
}

const rs_world_shape *rs_world_shape_at(const rs_world *world, size_t index)
{
    return index < world->count ? &world->shapes[index] : NULL;
}

size_t rs_world_fallbacks(const rs_world *world)
{
    return world->fallbacks;
}

/* ---- writing ---- */

static unsigned char *blob_floats(const float *values, size_t count)
{
    unsigned char *out = rs_xmalloc(count * 4 + 1);
    for (size_t i = 0; i < count; i++) {
        uint32_t bits;
        memcpy(&bits, &values[i], 4);
        for (int b = 0; b < 4; b++)
            out[4 * i + (size_t)b] = (unsigned char)(bits >> (8 * b));
    }
    return out;
}

static unsigned char *blob_shorts(const uint16_t *values, size_t count)
{
    unsigned char *out = rs_xmalloc(count * 2 + 1);
    for (size_t i = 0; i < count; i++)
        out[2 * i] = (unsigned char)(values[i] & 0xff), out[2 * i + 1] = (unsigned char)(values[i] >> 8);
    return out;
}

static bool write_shape(sqlite3_stmt *insert, const rs_world_shape *s)
{
    unsigned char *v = blob_floats(s->xy, 2 * (size_t)s->vertex_count);
    unsigned char *t = blob_shorts(s->triangles, 3 * (size_t)s->triangle_count);
    unsigned char *r = blob_shorts(s->ring_ends, s->ring_count);
    sqlite3_bind_text(insert, 1, s->code, -1, SQLITE_STATIC);
    const float numbers[] = {s->x0, s->y0, s->x1, s->y1, s->cx, s->cy, s->area};
    for (int i = 0; i < 7; i++)
        sqlite3_bind_double(insert, 2 + i, numbers[i]);
    sqlite3_bind_blob(insert, 9, v, (int)(8 * s->vertex_count), SQLITE_STATIC);
    sqlite3_bind_blob(insert, 10, t, (int)(6 * s->triangle_count), SQLITE_STATIC);
    sqlite3_bind_blob(insert, 11, r, (int)(2 * s->ring_count), SQLITE_STATIC);
    bool ok = sqlite3_step(insert) == SQLITE_DONE;
    sqlite3_reset(insert);
    free(v), free(t), free(r);
    return ok;
}

bool rs_world_write(const rs_world *world, sqlite3 *db)
{
    sqlite3_stmt *insert = NULL, *meta = NULL;
    bool ok = sqlite3_prepare_v2(db,
                                 "INSERT INTO map_shape(code, x0, y0, x1, y1, cx, cy, area, vertices, triangles, "
                                 "rings) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                 -1, &insert, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db, "INSERT INTO meta(key, value) VALUES(?1, ?2)", -1, &meta, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < world->count; i++)
        ok = write_shape(insert, &world->shapes[i]);
    const char *pairs[][2] = {{"map_source", world->source}, {"map_projection", "Equal Earth"}};
    for (size_t i = 0; ok && i < 2; i++) {
        sqlite3_bind_text(meta, 1, pairs[i][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(meta, 2, pairs[i][1], -1, SQLITE_STATIC);
        ok = sqlite3_step(meta) == SQLITE_DONE;
        sqlite3_reset(meta);
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(meta);
    return ok;
}
