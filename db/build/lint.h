/*
 * Linting a source folder: every check a build makes, and nothing written.
 *
 * A curator fixing a folder wants the build's verdict without a bundle to
 * name or clean up; rostrum-bundle lint is that. It runs the build's first
 * pass itself (folder.c), so its messages are the build's, word for word,
 * and a folder that lints clean builds.
 */
#ifndef RS_LINT_H
#define RS_LINT_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

typedef struct rs_lint_stats {
    uint64_t statements, incidents, events;
} rs_lint_stats;

/* Checks source_dir as rs_build does before it writes (iso_3166_path NULL:
 * Debian's iso-codes file; show_progress: a progress line on stderr for large
 * folders). Returns true when no problem was found; every problem is added
 * to diags. stats (may be NULL) counts what was read, problems or not.
 * Writes no file. */
bool rs_lint(const char *source_dir, const char *iso_3166_path, bool show_progress, rs_diags *diags,
             rs_lint_stats *stats);

#endif
