/* The world map's data: the Equal Earth projection at known points; ear
 * clipping on hand-made polygons (areas exact); DCW-GMT decoding on tiny
 * netCDF files written here (segments, holes, 0..360 longitudes, a ring
 * across the antimeridian, a polar ring, states skipped); the builder's
 * --world / --no-map and its errors; and the corpus bundle's map, read back
 * through rs_bundle_world_map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <netcdf.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builder.h"
#include "bundle.h"
#include "bundle_format.h"
#include "expect.h"
#include "support.h"
#include "world.h"

#define PI 3.14159265358979323846

static char *scratch;

/* cmocka's assert_float_equal works in float; these checks need double. */
#define assert_double_equal(a, b, epsilon) assert_true(fabs((double)(a) - (double)(b)) <= (double)(epsilon))

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch);
    return 0;
}

/* ---- projection ---- */

static void test_projection(void **state)
{
    (void)state;
    double x, y;
    rs_equal_earth(0, 0, &x, &y);
    assert_true(x == 0 && y == 0);
    rs_equal_earth(180, 0, &x, &y);
    assert_double_equal(x, 2.7066299, 1e-6); /* pi / (M A1), the paper's x extent */
    assert_double_equal(y, 0, 1e-12);
    rs_equal_earth(-180, 0, &x, &y);
    assert_double_equal(x, -2.7066299, 1e-6);
    rs_equal_earth(0, 90, &x, &y);
    assert_double_equal(x, 0, 1e-12);
    assert_double_equal(y, -1.3173627, 1e-6); /* north is up: y south, negative */
    rs_equal_earth(0, -90, &x, &y);
    assert_double_equal(y, 1.3173627, 1e-6);
    rs_equal_earth(180, 90, &x, &y); /* the pole is a line, not a point */
    assert_double_equal(x, 1.6036, 1e-4);
    /* Equal area: a 10-degree cell near the equator and one near the pole
     * have the areas of their spherical zones (radius 1, in steradians). */
    double cell[4][2] = {{0, 0}, {10, 0}, {10, 10}, {0, 10}}, xy[8];
    for (int lat0 = 0; lat0 <= 80; lat0 += 80) {
        for (int i = 0; i < 4; i++)
            rs_equal_earth(cell[i][0], cell[i][1] + lat0, &xy[2 * i], &xy[2 * i + 1]);
        double sphere = 10 * PI / 180 * (sin((lat0 + 10) * PI / 180) - sin(lat0 * PI / 180));
        /* Straight edges stand for curved parallels: within 0.5 %. */
        assert_double_equal(fabs(rs_ring_area(xy, 4)), sphere, sphere * 0.005);
    }
}

/* ---- triangulation ---- */

static double triangles_area(const double *xy, const uint32_t *tri, size_t count)
{
    double sum = 0;
    for (size_t t = 0; t < count; t++) {
        const double *a = xy + 2 * tri[3 * t], *b = xy + 2 * tri[3 * t + 1], *c = xy + 2 * tri[3 * t + 2];
        sum += fabs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
    }
    return sum;
}

/* Triangulates rings (the first outer, the rest holes) and asserts the
 * triangles cover exactly the polygon's area, with no fallback. */
static void expect_exact(const double *xy, const uint32_t *ends, size_t ring_count, size_t want_triangles)
{
    uint32_t total = ends[ring_count - 1];
    uint32_t *tri = rs_xmalloc(3 * (total + 2 * ring_count + 2) * sizeof *tri);
    size_t fallbacks = 0;
    size_t count = rs_triangulate(xy, ends, ring_count, tri, &fallbacks);
    double area = fabs(rs_ring_area(xy, ends[0]));
    for (size_t r = 1; r < ring_count; r++)
        area -= fabs(rs_ring_area(xy + 2 * ends[r - 1], ends[r] - ends[r - 1]));
    if (fallbacks)
        fail_msg("a fallback on %zu rings, %u vertices", ring_count, (unsigned)total);
    if (want_triangles)
        assert_int_equal(count, want_triangles);
    for (size_t i = 0; i < 3 * count; i++)
        assert_true(tri[i] < total);
    assert_double_equal(triangles_area(xy, tri, count), area, area * 1e-12);
    free(tri);
}

static void test_triangulate_hand_made(void **state)
{
    (void)state;
    const double square[] = {0, 0, 1, 0, 1, 1, 0, 1};
    expect_exact(square, (uint32_t[]){4}, 1, 2);
    const double clockwise[] = {0, 0, 0, 1, 1, 1, 1, 0};
    expect_exact(clockwise, (uint32_t[]){4}, 1, 2);
    /* Concave (an L) with collinear points along two edges. */
    const double ell[] = {0, 0, 1, 0, 2, 0, 3, 0, 3, 1, 1, 1, 1, 2, 1, 3, 0, 3, 0, 2, 0, 1};
    expect_exact(ell, (uint32_t[]){11}, 1, 0);
    /* A comb: ten teeth. */
    double comb[2 * 44];
    size_t n = 0;
    comb[n++] = 0, comb[n++] = 0, comb[n++] = 20, comb[n++] = 0;
    for (int t = 9; t >= 0; t--) {
        comb[n++] = 2 * t + 2, comb[n++] = 10;
        comb[n++] = 2 * t + 1, comb[n++] = 10;
        comb[n++] = 2 * t + 1, comb[n++] = 1;
        comb[n++] = 2 * t, comb[n++] = 1;
    }
    comb[n - 1] = 10; /* the last tooth's outer corner stands up */
    expect_exact(comb, (uint32_t[]){(uint32_t)(n / 2)}, 1, n / 2 - 2);
    /* A square with a square hole, and with two holes. */
    const double holed[] = {0, 0, 10, 0, 10, 10, 0, 10, 2, 2, 2, 4, 4, 4, 4, 2, 6, 6, 8, 6, 8, 8, 6, 8};
    expect_exact(holed, (uint32_t[]){4, 8}, 2, 8);
    expect_exact(holed, (uint32_t[]){4, 8, 12}, 3, 14);
    /* Repeated points. */
    const double repeated[] = {0, 0, 1, 0, 1, 0, 2, 0, 2, 2, 2, 2, 0, 2};
    expect_exact(repeated, (uint32_t[]){7}, 1, 0);
}

/* A proper spiral, built as an outline: every triangle inside, exact area. */
static void test_triangulate_spiral(void **state)
{
    (void)state;
    /* Outer edge of a thick spiral arm, then its inner edge back. */
    enum { STEPS = 200 };
    double xy[4 * STEPS];
    for (int i = 0; i < STEPS; i++) {
        double a = i * 0.1, r = 1 + a * 0.3;
        xy[2 * i] = (r + 0.25) * cos(a), xy[2 * i + 1] = (r + 0.25) * sin(a);
        xy[2 * (2 * STEPS - 1 - i)] = (r - 0.25) * cos(a), xy[2 * (2 * STEPS - 1 - i) + 1] = (r - 0.25) * sin(a);
    }
    expect_exact(xy, (uint32_t[]){2 * STEPS}, 1, 2 * STEPS - 2);
}

/* Whatever it is given, it stops, and indexes only real vertices. */
static void test_triangulate_hostile(void **state)
{
    (void)state;
    const double bowtie[] = {0, 0, 2, 2, 2, 0, 0, 2};
    const double line[] = {0, 0, 1, 0, 2, 0, 3, 0};
    const double point[] = {1, 1, 1, 1, 1, 1, 1, 1};
    const double crossing[] = {0, 0, 4, 0, 4, 4, 1, -1, 0, 4};
    const double *cases[] = {bowtie, line, point, crossing};
    const uint32_t sizes[] = {4, 4, 4, 5};
    for (size_t c = 0; c < 4; c++) {
        uint32_t tri[3 * 16];
        size_t fallbacks = 0, count = rs_triangulate(cases[c], &sizes[c], 1, tri, &fallbacks);
        assert_true(count <= sizes[c] - 2);
        for (size_t i = 0; i < 3 * count; i++)
            assert_true(tri[i] < sizes[c]);
    }
    uint32_t tri[3 * 4];
    size_t fallbacks = 0;
    assert_int_equal(rs_triangulate(line, (uint32_t[]){2}, 1, tri, &fallbacks), 0);
    assert_int_equal(rs_triangulate(line, (uint32_t[]){0}, 0, tri, &fallbacks), 0);
}

/* ---- DCW-GMT decoding, on files written here ---- */

typedef struct segment {
    bool hole;
    size_t count;
    const double *lonlat; /* count pairs */
} segment;

/* Writes one country as DCW-GMT does: a marker (65535; lat 1 for a hole)
 * before each segment, values v with degrees = min + v / scale. */
static void put_country(int nc, const char *code, const segment *segments, size_t segment_count)
{
    size_t n = 0;
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t s = 0; s < segment_count; s++) {
        n += 1 + segments[s].count;
        for (size_t i = 0; i < segments[s].count; i++)
            for (int a = 0; a < 2; a++)
                lo[a] = fmin(lo[a], segments[s].lonlat[2 * i + (size_t)a]),
                hi[a] = fmax(hi[a], segments[s].lonlat[2 * i + (size_t)a]);
    }
    char name[32];
    snprintf(name, sizeof name, "%s_length", code);
    int dim, var[2];
    assert_int_equal(nc_redef(nc), NC_NOERR);
    assert_int_equal(nc_def_dim(nc, name, n, &dim), NC_NOERR);
    const char *axes[] = {"lon", "lat"};
    double scale[2];
    for (int a = 0; a < 2; a++) {
        snprintf(name, sizeof name, "%s_%s", code, axes[a]);
        assert_int_equal(nc_def_var(nc, name, NC_USHORT, 1, &dim, &var[a]), NC_NOERR);
        scale[a] = hi[a] > lo[a] ? 65534.0 / (hi[a] - lo[a]) : 1;
        nc_put_att_double(nc, var[a], "min", NC_DOUBLE, 1, &lo[a]);
        nc_put_att_double(nc, var[a], "max", NC_DOUBLE, 1, &hi[a]);
        nc_put_att_double(nc, var[a], "scale", NC_DOUBLE, 1, &scale[a]);
    }
    assert_int_equal(nc_enddef(nc), NC_NOERR);
    unsigned short *v[2] = {rs_xmalloc(n * sizeof(unsigned short)), rs_xmalloc(n * sizeof(unsigned short))};
    size_t k = 0;
    for (size_t s = 0; s < segment_count; s++) {
        v[0][k] = 65535, v[1][k] = segments[s].hole ? 1 : 0, k++;
        for (size_t i = 0; i < segments[s].count; i++, k++)
            for (int a = 0; a < 2; a++)
                v[a][k] = (unsigned short)lround((segments[s].lonlat[2 * i + (size_t)a] - lo[a]) * scale[a]);
    }
    for (int a = 0; a < 2; a++) {
        assert_int_equal(nc_put_var_ushort(nc, var[a], v[a]), NC_NOERR);
        free(v[a]);
    }
}

#define SEGMENT(hole, array) {(hole), sizeof(array) / sizeof(array)[0] / 2, (array)}

static char *write_tiny_world(void)
{
    char *path = support_path(scratch, "tiny.nc");
    int nc;
    assert_int_equal(nc_create(path, NC_NETCDF4 | NC_CLOBBER, &nc), NC_NOERR);
    nc_put_att_text(nc, NC_GLOBAL, "version", 5, "9.9.9");
    assert_int_equal(nc_enddef(nc), NC_NOERR);
    static const double aa[] = {10, 10, 20, 10, 20, 20, 10, 20}, aa_hole[] = {14, 14, 14, 16, 16, 16, 16, 14},
                        aa_island[] = {30, 0, 31, 0, 31, 1, 30, 1};
    put_country(nc, "AA", (segment[]){SEGMENT(false, aa), SEGMENT(true, aa_hole), SEGMENT(false, aa_island)}, 3);
    /* Across the antimeridian, as DCW writes it: longitudes past 180. */
    static const double bb[] = {170, -20, 190, -20, 190, -10, 170, -10};
    put_country(nc, "BB", (segment[]){SEGMENT(false, bb)}, 1);
    /* West of Greenwich, written as 0..360 longitudes. */
    static const double cc[] = {350, 40, 355, 40, 355, 45, 350, 45};
    put_country(nc, "CC", (segment[]){SEGMENT(false, cc)}, 1);
    static const double dd[] = {-10, -20, 10, -20, 10, -10, -10, -10};
    put_country(nc, "DD", (segment[]){SEGMENT(false, dd)}, 1);
    /* Round the South Pole along 70 S: west from 0 to -180, on from 180. */
    double aq[2 * 13];
    for (int i = 0; i < 13; i++)
        aq[2 * i] = i <= 6 ? -30.0 * i : 180 - 30.0 * (i - 6), aq[2 * i + 1] = i % 2 ? -70.5 : -70;
    put_country(nc, "AQ", (segment[]){SEGMENT(false, aq)}, 1);
    /* A state: four letters, never read (it has no attributes at all). */
    int dim, var;
    nc_redef(nc);
    nc_def_dim(nc, "USTX_length", 3, &dim);
    nc_def_var(nc, "USTX_lon", NC_USHORT, 1, &dim, &var);
    nc_enddef(nc);
    assert_int_equal(nc_close(nc), NC_NOERR);
    return path;
}

static const rs_world_shape *find_shape(const rs_world *world, const char *code)
{
    for (size_t i = 0; i < rs_world_count(world); i++)
        if (strcmp(rs_world_shape_at(world, i)->code, code) == 0)
            return rs_world_shape_at(world, i);
    fail_msg("no shape %s", code);
    return NULL;
}

/* The area of a lon/lat rectangle on the unit sphere. */
static double zone(double lon0, double lon1, double lat0, double lat1)
{
    return (lon1 - lon0) * PI / 180 * (sin(lat1 * PI / 180) - sin(lat0 * PI / 180));
}

static void test_decode_tiny(void **state)
{
    (void)state;
    char *path = write_tiny_world();
    char error[512] = "";
    rs_world *world = rs_world_load(path, error, sizeof error);
    if (!world)
        fail_msg("%s", error);
    assert_int_equal(rs_world_count(world), 5);
    const char *codes[] = {"AA", "AQ", "BB", "CC", "DD"};
    for (size_t i = 0; i < 5; i++) {
        const rs_world_shape *s = rs_world_shape_at(world, i);
        assert_string_equal(s->code, codes[i]);
        assert_true(s->cx >= s->x0 && s->cx <= s->x1 && s->cy >= s->y0 && s->cy <= s->y1);
        for (uint32_t k = 0; k < s->vertex_count; k++)
            assert_true(fabsf(s->xy[2 * k]) <= 2.70663f && fabsf(s->xy[2 * k + 1]) <= 1.31737f);
        assert_int_equal(s->ring_ends[s->ring_count - 1], s->vertex_count);
    }
    assert_int_equal(rs_world_fallbacks(world), 0);

    /* Segments and the hole: outline, hole, island; equal-area, so the
     * projected area is the sphere's. */
    const rs_world_shape *aa = find_shape(world, "AA");
    assert_int_equal(aa->ring_count, 3);
    double want = zone(10, 20, 10, 20) - zone(14, 16, 14, 16) + zone(30, 31, 0, 1);
    assert_double_equal(aa->area, want, want * 0.005);
    /* Across the antimeridian: two rings at both edges of the map, the same
     * area as the same box at Greenwich. */
    const rs_world_shape *bb = find_shape(world, "BB"), *dd = find_shape(world, "DD");
    assert_int_equal(bb->ring_count, 2);
    assert_true(bb->x0 < -2.6f && bb->x1 > 2.6f);
    assert_double_equal(bb->area, dd->area, dd->area * 0.005);
    assert_double_equal(dd->area, zone(-10, 10, -20, -10), dd->area * 0.005);
    /* 350..355 is 10..5 degrees west. */
    const rs_world_shape *cc = find_shape(world, "CC");
    double x, y;
    rs_equal_earth(-10, 40, &x, &y);
    assert_true(cc->x1 < 0);
    assert_double_equal(cc->x0, x, 1e-3);
    /* The polar ring closes along the pole line: the cap south of 70 S. */
    const rs_world_shape *aq = find_shape(world, "AQ");
    double cap = 2 * PI * (1 - sin(70.25 * PI / 180)); /* its edges zigzag between 70 and 70.5 S */
    if (fabs(aq->area - cap) > cap * 0.01)
        fail_msg("AQ area %g, cap %g, rings %u, vertices %u", (double)aq->area, cap, aq->ring_count, aq->vertex_count);
    assert_double_equal(aq->y1, 1.3173627, 1e-5);
    rs_equal_earth(-180, -70, &x, &y); /* cut at the antimeridian: both edges of the map */
    assert_double_equal(aq->x0, x, 1e-4);
    assert_double_equal(aq->x1, -x, 1e-4);
    rs_world_destroy(world);
    free(path);
}

static void expect_load_error(const char *path, const char *want)
{
    char error[512] = "";
    rs_world *world = rs_world_load(path, error, sizeof error);
    assert_null(world);
    assert_string_equal(error, want);
}

static void test_damaged_files(void **state)
{
    (void)state;
    char *missing = support_path(scratch, "missing.nc");
    expect_load_error(missing, "no world map file (the package gmt-dcw installs it; --world FILE names another, "
                               "--no-map builds without a map)");
    char *junk = support_path(scratch, "junk.nc");
    support_write_file(junk, "not a netCDF file at all", 24);
    expect_load_error(junk, "not a readable DCW-GMT netCDF file: NetCDF: Unknown file format");
    /* A DCW file cut short: HDF5 finds it truncated. */
    char *tiny = write_tiny_world(), *cut = support_copy_file(tiny, scratch, "cut.nc", 2000);
    char error[512] = "";
    assert_null(rs_world_load(cut, error, sizeof error));
    assert_true(strncmp(error, "not a readable DCW-GMT netCDF file: ", 36) == 0);
    /* A country without its scale; one whose lat and lon differ in length;
     * a file with no country at all. */
    int nc, dim, var, dim2;
    char *bad = support_path(scratch, "bad.nc");
    nc_create(bad, NC_NETCDF4 | NC_CLOBBER, &nc);
    nc_def_dim(nc, "XX_length", 4, &dim);
    nc_def_var(nc, "XX_lon", NC_USHORT, 1, &dim, &var);
    double zero = 0;
    nc_put_att_double(nc, var, "min", NC_DOUBLE, 1, &zero);
    nc_close(nc);
    expect_load_error(bad, "variable XX_lon: NetCDF: Attribute not found (a damaged DCW-GMT file?)");
    nc_create(bad, NC_NETCDF4 | NC_CLOBBER, &nc);
    nc_def_dim(nc, "XX_length", 4, &dim);
    nc_def_dim(nc, "XX_other", 5, &dim2);
    double one = 1;
    const char *axes[] = {"XX_lon", "XX_lat"};
    for (int a = 0; a < 2; a++) {
        nc_def_var(nc, axes[a], NC_USHORT, 1, a ? &dim2 : &dim, &var);
        nc_put_att_double(nc, var, "min", NC_DOUBLE, 1, &zero);
        nc_put_att_double(nc, var, "scale", NC_DOUBLE, 1, a ? &one : &(double){1000});
    }
    nc_close(nc);
    expect_load_error(bad, "variable XX_lat: min 0, scale 1 and 5 values are out of range");
    nc_create(bad, NC_NETCDF4 | NC_CLOBBER, &nc);
    nc_close(nc);
    expect_load_error(bad, "no country outlines in it (not a DCW-GMT file?)");
    free(missing), free(junk), free(tiny), free(cut), free(bad);
}

/* ---- the builder ---- */

static int64_t count_rows(const char *bundle, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open_v2(bundle, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static void test_build_options(void **state)
{
    (void)state;
    char *out = support_path(scratch, "options.sqlite"), *tiny = write_tiny_world();
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = out,
                                .no_map = true};
    assert_true(rs_build(&options, diags, NULL));
    assert_int_equal(count_rows(out, "SELECT count(*) FROM map_shape"), 0);
    assert_int_equal(count_rows(out, "SELECT count(*) FROM meta WHERE key LIKE 'map%'"), 0);
    options = (rs_build_options){.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = out,
                                 .world_path = tiny};
    assert_true(rs_build(&options, diags, NULL));
    assert_int_equal(count_rows(out, "SELECT count(*) FROM map_shape"), 5);
    assert_int_equal(count_rows(out, "SELECT count(*) FROM meta WHERE key = 'map_source' AND value = "
                                     "'DCW-GMT 9.9.9'"), 1);
    assert_int_equal(count_rows(out, "SELECT count(*) FROM meta WHERE key = 'map_projection' AND value = "
                                     "'Equal Earth'"), 1);
    assert_int_equal(rs_diags_count(diags), 0);
    /* A missing or damaged world file: one line naming it, nothing written
     * (the bundle from before stays). */
    size_t before_size;
    char *before = support_read_file(out, &before_size);
    char *missing = support_path(scratch, "nowhere.nc"), *junk = support_path(scratch, "junk2.nc");
    support_write_file(junk, "CDF\x01 garbage", 12);
    const char *worlds[] = {missing, junk};
    for (size_t i = 0; i < 2; i++) {
        options.world_path = worlds[i];
        assert_false(rs_build(&options, diags, NULL));
        size_t after_size;
        char *after = support_read_file(out, &after_size);
        assert_true(after_size == before_size && memcmp(after, before, before_size) == 0);
        free(after);
    }
    assert_int_equal(rs_diags_count(diags), 2);
    char *want = rs_xasprintf("%s: no world map file (the package gmt-dcw installs it; --world FILE names another, "
                              "--no-map builds without a map)", missing);
    assert_string_equal(rs_diags_get(diags, 0), want);
    free(want);
    /* netCDF takes the classic format's magic for a file and finds nothing. */
    want = rs_xasprintf("%s: no country outlines in it (not a DCW-GMT file?)", junk);
    assert_string_equal(rs_diags_get(diags, 1), want);
    free(want);
    rs_diags_destroy(diags);
    free(before), free(missing), free(junk), free(out), free(tiny);
}

/* ---- the corpus bundle's map, through the query layer ---- */

static void test_corpus_map(void **state)
{
    (void)state;
    char *out = support_path(scratch, "corpus.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = out,
                                .build_time = 1626739200};
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    /* The whole table, blobs and numbers, within the 600 KB. */
    int64_t bytes = count_rows(out, "SELECT sum(length(vertices) + length(triangles) + length(rings) + 64) "
                                    "FROM map_shape");
    assert_true(bytes > 200000 && bytes <= 600000);
    char error[512] = "";
    rs_bundle *bundle = rs_bundle_open(out, error, sizeof error);
    assert_non_null(bundle);
    rs_world_map map;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool ok = rs_bundle_world_map(bundle, &map, error, sizeof error);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!ok)
        fail_msg("%s", error);
    print_message("world map: %zu shapes in %.2f ms\n", map.count,
                  (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    /* Every country DCW-GMT 2.1.1 has (its 248 two-letter codes). */
    assert_int_equal(map.count, 248);
    /* Every country of the collection has a shape. */
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT code FROM country WHERE kind = 'country' AND "
                                            "(statement_count > 0 OR event_count > 0)", -1, &stmt, NULL),
                     SQLITE_OK);
    int countries = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(stmt, 0);
        bool found = false;
        for (size_t i = 0; i < map.count && !found; i++)
            found = strcmp(map.shapes[i].code, code) == 0;
        if (!found)
            fail_msg("the collection's %s has no shape", code);
        countries++;
    }
    assert_true(countries >= 10);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    /* Triangles cover each shape's outlines: area of the outer rings less
     * the holes, within 0.1 % (a fan after simplification would show). */
    for (size_t i = 0; i < map.count; i++) {
        const rs_map_shape *s = &map.shapes[i];
        double rings = 0, tri = 0;
        for (uint32_t r = 0, start = 0; r < s->ring_count; start = s->ring_ends[r++]) {
            double a = 0;
            for (uint32_t k = start, j = s->ring_ends[r] - 1; k < s->ring_ends[r]; j = k++)
                a += (double)s->xy[2 * j] * s->xy[2 * k + 1] - (double)s->xy[2 * k] * s->xy[2 * j + 1];
            rings += fabs(a / 2);
        }
        for (uint32_t t = 0; t < s->triangle_count; t++) {
            const float *a = s->xy + 2 * s->indices[3 * t], *b = s->xy + 2 * s->indices[3 * t + 1],
                        *c = s->xy + 2 * s->indices[3 * t + 2];
            tri += fabs(((double)b[0] - a[0]) * ((double)c[1] - a[1]) - ((double)b[1] - a[1]) * ((double)c[0] - a[0]))
                   / 2;
        }
        if (fabs(tri - s->area) > 1e-6 * s->area + 1e-12)
            fail_msg("%s: triangles %.9g, stored area %.9g", s->code, tri, (double)s->area);
        /* The enclaves' hosts have holes: their rings' areas add up to
         * the host and twice the enclaves. */
        bool host = strcmp(s->code, "ZA") == 0 || strcmp(s->code, "IT") == 0;
        if (!host && fabs(tri - rings) > 1e-3 * rings)
            print_message("%s: triangles %.9g, outlines %.9g\n", s->code, tri, rings);
    }
    rs_world_map_clear(&map);
    rs_bundle_close(bundle);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_projection),        cmocka_unit_test(test_triangulate_hand_made),
        cmocka_unit_test(test_triangulate_spiral), cmocka_unit_test(test_triangulate_hostile),
        cmocka_unit_test(test_decode_tiny),       cmocka_unit_test(test_damaged_files),
        cmocka_unit_test(test_build_options),     cmocka_unit_test(test_corpus_map),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
