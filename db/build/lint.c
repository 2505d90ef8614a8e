/* rostrum-bundle lint: the build's first pass, alone (see lint.h). */
#include "lint.h"

#include "builder_private.h"

bool rs_lint(const char *source_dir, const char *iso_3166_path, bool show_progress, rs_diags *diags, rs_lint_stats *stats)
{
    size_t errors_before = rs_diags_count(diags);
    rs_build_options options = {.source_dir = source_dir, .iso_3166_path = iso_3166_path, .progress = show_progress};
    build b = {.options = &options, .diags = diags};
    char error[512];
    const char *iso_path = iso_3166_path ? iso_3166_path : RS_ISO_3166_DEFAULT_PATH;
    b.countries = rs_countries_load(iso_path, error, sizeof error);
    if (!b.countries) {
        rs_diags_add(diags, iso_path, 0, "%s", error);
        return false;
    }
    b.context.countries = b.countries;
    b.context.default_language = "en";
    folder_read(&b);
    if (stats) {
        *stats = (rs_lint_stats){.statements = b.statement_count, .incidents = b.incidents.count};
        for (size_t i = 0; i < b.incidents.count; i++)
            stats->events += b.incidents.items[i].event_count;
    }
    folder_free(&b);
    return rs_diags_count(diags) == errors_before;
}
