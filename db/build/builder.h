/*
 * The bundle builder: a source folder in, one bundle file out.
 *
 * Two passes. The first reads and checks every file, keeping only the header
 * fields, and cross-checks the folder (duplicate ids, same_as targets,
 * incident slugs); any problem stops the build before anything is written.
 * The second writes the bundle in time order, reading each body again, into a
 * hidden temporary file beside the output, which is fsynced and renamed over
 * the output only when complete. The output is therefore either the previous
 * file or the new one, never a mixture, and memory stays bounded by the
 * headers, not the bodies.
 */
#ifndef RS_BUILDER_H
#define RS_BUILDER_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

typedef struct rs_build_options {
    const char *source_dir;
    const char *output_path;
    const char *iso_3166_path; /* NULL: Debian's iso-codes file */
    const char *world_path;    /* NULL: Debian's gmt-dcw file (world.h RS_WORLD_DEFAULT_PATH) */
    bool no_map;               /* build without the world map (map_shape empty) */
    bool progress;             /* redraw a progress line on stderr */
    int64_t build_time;        /* seconds since the epoch, stored in meta.built_at */
} rs_build_options;

typedef struct rs_build_stats {
    uint64_t statements, incidents, source_bytes;
} rs_build_stats;

/* Builds the bundle. Returns true on success. On failure every problem is in
 * diags and the output path is exactly as it was before. stats may be NULL. */
bool rs_build(const rs_build_options *options, rs_diags *diags, rs_build_stats *stats);

/* The build time to store: SOURCE_DATE_EPOCH when set (reproducible builds),
 * otherwise the current time. Returns false with a message on a bad value. */
bool rs_build_time_from_environment(int64_t *build_time, char *error, size_t error_size);

#endif
