/*
 * The world map's query (format 4): map_shape's rows, checked.
 *
 * One query reads every row in code order; every rule of bundle.h's
 * rs_map_shape is checked on the way, so the screen can index vertices and
 * trust bounds without looking again. The first shape that breaks a rule
 * refuses the whole map, with one line naming the shape and the rule:
 * a map drawn with a wrong index or a NaN would crash or mislead.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_format.h"
#include "bundle_private.h"
#include "expect.h"

/* Bounds on the whole map, so a hostile bundle cannot make the viewer hold
 * more than a few megabytes: the world has about 250 countries and, as
 * built, 23,000 vertices. */
#define MAP_SHAPES_MAX 1024
#define MAP_VERTICES_TOTAL_MAX (1u << 20)

static const char map_sql[] =
    "SELECT code, x0, y0, x1, y1, cx, cy, area, vertices, triangles, rings, id FROM map_shape ORDER BY code";

static bool map_fail(char *error, size_t error_size, const char *code, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static bool map_fail(char *error, size_t error_size, const char *code, const char *format, ...)
{
    char reason[384];
    va_list args;
    va_start(args, format);
    vsnprintf(reason, sizeof reason, format, args);
    va_end(args);
    if (error_size)
        snprintf(error, error_size, "map_shape %s: %s", code, reason);
    return false;
}

static float float_le(const unsigned char *p)
{
    uint32_t bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static uint16_t short_le(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* The row's code, checked: a party code (bundle_format.h). */
static bool read_code(sqlite3_stmt *row, rs_map_shape *shape, char *error, size_t error_size)
{
    bool is_text = sqlite3_column_type(row, 0) == SQLITE_TEXT;
    const unsigned char *text = sqlite3_column_text(row, 0);
    int length = sqlite3_column_bytes(row, 0);
    bool ok = is_text && text && length >= 2 && length <= RS_PARTY_CODE_MAX;
    for (int i = 0; ok && i < length; i++)
        ok = (text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= '0' && text[i] <= '9');
    if (!ok) {
        char where[48];
        snprintf(where, sizeof where, "row %lld", (long long)sqlite3_column_int64(row, 11));
        return map_fail(error, error_size, where, "its code is not a party code (2 to %d upper-case letters "
                        "and digits)", RS_PARTY_CODE_MAX);
    }
    memcpy(shape->code, text, (size_t)length);
    shape->code[length] = '\0';
    return true;
}

/* Columns 1..7: x0, y0, x1, y1, cx, cy, area; finite numbers. */
static bool read_numbers(sqlite3_stmt *row, rs_map_shape *shape, char *error, size_t error_size)
{
    static const char *const names[] = {"x0", "y0", "x1", "y1", "cx", "cy", "area"};
    float *fields[] = {&shape->x0, &shape->y0, &shape->x1, &shape->y1, &shape->cx, &shape->cy, &shape->area};
    for (int i = 0; i < 7; i++) {
        int type = sqlite3_column_type(row, 1 + i);
        double value = sqlite3_column_double(row, 1 + i);
        if ((type != SQLITE_FLOAT && type != SQLITE_INTEGER) || !isfinite(value) || fabs(value) > 1e6)
            return map_fail(error, error_size, shape->code, "%s is not a finite number", names[i]);
        *fields[i] = (float)value;
    }
    if (shape->area < 0)
        return map_fail(error, error_size, shape->code, "its area is negative");
    return true;
}

static const unsigned char *read_blob(sqlite3_stmt *row, int column, size_t unit, size_t *count)
{
    if (sqlite3_column_type(row, column) != SQLITE_BLOB)
        return NULL;
    const unsigned char *blob = sqlite3_column_blob(row, column);
    size_t bytes = (size_t)sqlite3_column_bytes(row, column);
    if (bytes % unit)
        return NULL;
    *count = bytes / unit;
    return blob ? blob : (const unsigned char *)"";
}

/* vertices: float32 pairs, finite, inside the map, whose extent is the
 * stored bounding box exactly. */
static bool read_vertices(sqlite3_stmt *row, rs_map_shape *shape, char *error, size_t error_size)
{
    size_t count = 0;
    const unsigned char *blob = read_blob(row, 8, 8, &count);
    if (!blob)
        return map_fail(error, error_size, shape->code, "vertices is not a blob of float32 x, y pairs (8 bytes each)");
    if (count < 3 || count > RS_MAP_SHAPE_VERTICES_MAX)
        return map_fail(error, error_size, shape->code, "it has %zu vertices (expected 3 to %d)", count,
                        RS_MAP_SHAPE_VERTICES_MAX);
    shape->xy = rs_xmalloc(count * 2 * sizeof *shape->xy);
    shape->vertex_count = (uint32_t)count;
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < count; i++) {
        float x = float_le(blob + 8 * i), y = float_le(blob + 8 * i + 4);
        if (!isfinite(x) || !isfinite(y) || fabsf(x) > RS_MAP_HALF_WIDTH || fabsf(y) > RS_MAP_HALF_HEIGHT)
            return map_fail(error, error_size, shape->code,
                            "vertex %zu is not a finite point inside the map (|x| <= %.2f, |y| <= %.2f)", i,
                            (double)RS_MAP_HALF_WIDTH, (double)RS_MAP_HALF_HEIGHT);
        shape->xy[2 * i] = x, shape->xy[2 * i + 1] = y;
        x0 = fminf(x0, x), x1 = fmaxf(x1, x), y0 = fminf(y0, y), y1 = fmaxf(y1, y);
    }
    if (x0 != shape->x0 || y0 != shape->y0 || x1 != shape->x1 || y1 != shape->y1)
        return map_fail(error, error_size, shape->code,
                        "its bounding box (%.6g, %.6g, %.6g, %.6g) is not its vertices' (%.6g, %.6g, %.6g, %.6g)",
                        (double)shape->x0, (double)shape->y0, (double)shape->x1, (double)shape->y1, (double)x0,
                        (double)y0, (double)x1, (double)y1);
    if (shape->cx < x0 || shape->cx > x1 || shape->cy < y0 || shape->cy > y1)
        return map_fail(error, error_size, shape->code, "its label point (cx, cy) is outside its bounding box");
    return true;
}

/* triangles: uint16 triples, at least one, every index a vertex. */
static bool read_triangles(sqlite3_stmt *row, rs_map_shape *shape, char *error, size_t error_size)
{
    size_t count = 0;
    const unsigned char *blob = read_blob(row, 9, 6, &count);
    if (!blob)
        return map_fail(error, error_size, shape->code, "triangles is not a blob of uint16 triples (6 bytes each)");
    if (count == 0)
        return map_fail(error, error_size, shape->code, "it has no triangles");
    shape->indices = rs_xmalloc(count * 3 * sizeof *shape->indices);
    shape->triangle_count = (uint32_t)count;
    for (size_t i = 0; i < 3 * count; i++) {
        uint16_t index = short_le(blob + 2 * i);
        if (index >= shape->vertex_count)
            return map_fail(error, error_size, shape->code, "triangle %zu's index %u is not below its %u vertices",
                            i / 3, (unsigned)index, (unsigned)shape->vertex_count);
        shape->indices[i] = index;
    }
    return true;
}

/* rings: uint16 ends, increasing, each ring at least 3 vertices, the last
 * being the vertex count. */
static bool read_rings(sqlite3_stmt *row, rs_map_shape *shape, char *error, size_t error_size)
{
    size_t count = 0;
    const unsigned char *blob = read_blob(row, 10, 2, &count);
    if (!blob)
        return map_fail(error, error_size, shape->code, "rings is not a blob of uint16 ring ends (2 bytes each)");
    if (count == 0)
        return map_fail(error, error_size, shape->code, "it has no rings");
    shape->ring_ends = rs_xmalloc(count * sizeof *shape->ring_ends);
    shape->ring_count = (uint32_t)count;
    unsigned start = 0;
    for (size_t i = 0; i < count; i++) {
        uint16_t end = short_le(blob + 2 * i);
        if (end < start + 3 || end > shape->vertex_count)
            return map_fail(error, error_size, shape->code,
                            "ring %zu ends at vertex %u (expected %u to %u: rings of 3 vertices or more, in order)",
                            i, (unsigned)end, start + 3, (unsigned)shape->vertex_count);
        shape->ring_ends[i] = end;
        start = end;
    }
    if (start != shape->vertex_count)
        return map_fail(error, error_size, shape->code, "its last ring ends at vertex %u, not at its %u vertices",
                        start, (unsigned)shape->vertex_count);
    return true;
}

static bool read_shape(sqlite3_stmt *row, rs_map_shape *shape, char *error, size_t error_size)
{
    return read_code(row, shape, error, error_size) && read_numbers(row, shape, error, error_size) &&
           read_vertices(row, shape, error, error_size) && read_triangles(row, shape, error, error_size) &&
           read_rings(row, shape, error, error_size);
}

bool rs_bundle_world_map(rs_bundle *bundle, rs_world_map *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    if (error_size)
        error[0] = '\0';
    sqlite3_stmt *row = NULL;
    if (sqlite3_prepare_v2(bundle->db, map_sql, -1, &row, NULL) != SQLITE_OK) {
        snprintf(error, error_size, "map_shape: cannot be read (%s)", sqlite3_errmsg(bundle->db));
        return false;
    }
    size_t capacity = 0, vertices = 0;
    bool ok = true;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(row)) == SQLITE_ROW) {
        if (out->count == MAP_SHAPES_MAX) {
            ok = map_fail(error, error_size, "table", "it has more than %d shapes", MAP_SHAPES_MAX);
            break;
        }
        rs_grow(&out->shapes, &capacity, out->count + 1, sizeof *out->shapes);
        rs_map_shape *shape = &out->shapes[out->count++];
        memset(shape, 0, sizeof *shape);
        ok = read_shape(row, shape, error, error_size);
        if (ok && out->count > 1 && strcmp(out->shapes[out->count - 2].code, shape->code) >= 0)
            ok = map_fail(error, error_size, shape->code, "its code appears twice");
        vertices += shape->vertex_count;
        if (ok && vertices > MAP_VERTICES_TOTAL_MAX)
            ok = map_fail(error, error_size, shape->code, "the map has more than %u vertices in all",
                          MAP_VERTICES_TOTAL_MAX);
    }
    if (ok && rc != SQLITE_DONE) {
        snprintf(error, error_size, "map_shape: cannot be read (%s)", sqlite3_errmsg(bundle->db));
        ok = false;
    }
    sqlite3_finalize(row);
    if (!ok)
        rs_world_map_clear(out);
    return ok;
}

void rs_world_map_clear(rs_world_map *map)
{
    for (size_t i = 0; i < map->count; i++)
        free(map->shapes[i].xy), free(map->shapes[i].indices), free(map->shapes[i].ring_ends);
    free(map->shapes);
    memset(map, 0, sizeof *map);
}
