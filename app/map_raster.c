/* The map's panning cache: see map_raster.h. */
#include "map_raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

bool rs_map_raster_serves(const rs_map_raster *r, const rs_map_raster_key *key, double ox, double oy)
{
    if (!r->valid || r->key.model != key->model || r->key.scale != key->scale ||
        r->key.short_side != key->short_side || r->key.high_contrast != key->high_contrast ||
        memcmp(&r->key.area, &key->area, sizeof key->area))
        return false;
    double dx = ox - r->ox, dy = oy - r->oy;
    if (fabs(dx) > 1e6 || fabs(dy) > 1e6 || dx != round(dx) || dy != round(dy))
        return false;
    if (r->whole)
        return true; /* nothing to draw outside what they cover */
    /* The frame's area in the raster's window px. */
    rs_rect c = r->covered, area = key->area;
    double x = area.x - dx, y = area.y - dy;
    return x >= c.x && y >= c.y && x + area.w <= c.x + c.w && y + area.h <= c.y + c.h;
}

void rs_map_raster_begin(rs_map_raster *r, const rs_map_raster_key *key, double ox, double oy, rs_rect covered)
{
    for (int i = 0; i < RS_MAP_RASTER_LAYERS; i++)
        r->layer[i].count = 0;
    r->valid = true;
    r->whole = false;
    r->key = *key;
    r->ox = ox, r->oy = oy;
    r->covered = covered;
}

static int compare_rows(const void *a, const void *b)
{
    const rs_rect *x = a, *y = b;
    return x->y != y->y ? (x->y > y->y) - (x->y < y->y) : (x->x > y->x) - (x->x < y->x);
}

void rs_map_raster_order(rs_map_raster *r)
{
    for (int i = 0; i < RS_MAP_RASTER_LAYERS; i++) {
        rs_map_rows *l = &r->layer[i];
        bool ordered = true;
        l->tallest = 1;
        for (size_t k = 0; k < l->count; k++) {
            l->tallest = l->rows[k].h > l->tallest ? l->rows[k].h : l->tallest;
            ordered = ordered && (k == 0 || l->rows[k - 1].y <= l->rows[k].y);
        }
        if (!ordered)
            qsort(l->rows, l->count, sizeof *l->rows, compare_rows);
    }
}

/* The first of the layer's rows (top to bottom) with y >= top. */
static size_t first_at(const rs_map_rows *l, int top)
{
    size_t lo = 0, hi = l->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->rows[mid].y < top)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void rs_map_raster_frame(rs_map_raster *r)
{
    size_t total = 0;
    for (int i = 0; i < RS_MAP_RASTER_LAYERS; i++)
        total += r->layer[i].count;
    rs_grow(&r->shown, &r->shown_capacity, total + 1, sizeof *r->shown);
    r->shown_count = 0;
}

const rs_rect *rs_map_raster_show(rs_map_raster *r, int layer, double ox, double oy, rs_rect area, size_t *n)
{
    const rs_map_rows *l = &r->layer[layer];
    int dx = (int)(ox - r->ox), dy = (int)(oy - r->oy);
    size_t first = r->shown_count;
    /* Only the rows that can meet the area's band (in the raster's px). */
    int top = area.y - dy - (l->tallest > 1 ? l->tallest - 1 : 0), bottom = area.y - dy + area.h;
    for (size_t i = first_at(l, top); i < l->count && l->rows[i].y < bottom; i++) {
        rs_rect s = l->rows[i];
        int x0 = s.x + dx, y0 = s.y + dy, x1 = x0 + s.w, y1 = y0 + s.h;
        x0 = x0 > area.x ? x0 : area.x, x1 = x1 < area.x + area.w ? x1 : area.x + area.w;
        y0 = y0 > area.y ? y0 : area.y, y1 = y1 < area.y + area.h ? y1 : area.y + area.h;
        if (x1 > x0 && y1 > y0)
            r->shown[r->shown_count++] = (rs_rect){x0, y0, x1 - x0, y1 - y0};
    }
    *n = r->shown_count - first;
    return r->shown + first;
}

bool rs_map_raster_serves_scaled(const rs_map_raster *r, const rs_map_raster_key *key, double ox, double oy)
{
    if (!r->valid || r->key.model != key->model || r->key.short_side != key->short_side ||
        r->key.high_contrast != key->high_contrast || memcmp(&r->key.area, &key->area, sizeof key->area) ||
        !(r->key.scale > 0) || !(key->scale > 0) || !isfinite(ox) || !isfinite(oy))
        return false;
    if (r->whole)
        return true;
    double k = r->key.scale / key->scale; /* new px to the raster's */
    rs_rect c = r->covered, a = key->area;
    double x0 = r->ox + (a.x - ox) * k, y0 = r->oy + (a.y - oy) * k;
    double x1 = r->ox + (a.x + a.w - ox) * k, y1 = r->oy + (a.y + a.h - oy) * k;
    return x0 >= c.x && y0 >= c.y && x1 <= c.x + c.w && y1 <= c.y + c.h;
}

/* A raster px coordinate v (origin o0) at the frame's origin o1, scaled
 * by k and rounded: the same v always lands on the same px. */
static inline double scaled(double v, double o0, double o1, double k)
{
    return floor(o1 + (v - o0) * k + 0.5);
}

const rs_rect *rs_map_raster_show_scaled(rs_map_raster *r, int layer, double ox, double oy, double scale, rs_rect area,
                                         size_t *n)
{
    const rs_map_rows *l = &r->layer[layer];
    size_t first = r->shown_count;
    *n = 0;
    if (!(scale > 0) || !(r->key.scale > 0))
        return r->shown + first;
    double k = scale / r->key.scale;
    /* The area's band in the raster's px, a row wider each way. */
    double top = r->oy + (area.y - oy) / k - 1, bottom = r->oy + (area.y + area.h - oy) / k + 1;
    if (!(top > -1e9 && bottom < 1e9))
        return r->shown + first;
    int from = (int)floor(top) - (l->tallest > 1 ? l->tallest - 1 : 0);
    double ax1 = area.x + area.w, ay1 = area.y + area.h;
    for (size_t i = first_at(l, from); i < l->count && l->rows[i].y < bottom; i++) {
        rs_rect s = l->rows[i];
        double x0 = fmax(scaled(s.x, r->ox, ox, k), area.x), x1 = fmin(scaled(s.x + s.w, r->ox, ox, k), ax1);
        double y0 = fmax(scaled(s.y, r->oy, oy, k), area.y), y1 = fmin(scaled(s.y + s.h, r->oy, oy, k), ay1);
        if (x1 > x0 && y1 > y0)
            r->shown[r->shown_count++] = (rs_rect){(int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0)};
    }
    *n = r->shown_count - first;
    return r->shown + first;
}

void rs_map_raster_free(rs_map_raster *r)
{
    for (int i = 0; i < RS_MAP_RASTER_LAYERS; i++)
        free(r->layer[i].rows);
    free(r->shown);
    memset(r, 0, sizeof *r);
}
