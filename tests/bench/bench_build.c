/*
 * The benchmark's figures for the builder: what the world's geometry costs
 * a bundle (bytes and build time), and the time a long statement takes to
 * build (linear in its length).
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <math.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "bench.h"

extern char **environ;

/* Runs builder build source -o out [extra]; its CPU time (user + system)
 * in seconds, or NAN when it fails. */
static double build_cpu_seconds(const char *builder, const char *source, const char *out, const char *extra)
{
    char *argv[] = {(char *)builder, "build", (char *)source, "-o", (char *)out, (char *)extra, NULL};
    pid_t pid;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", 1 /* O_WRONLY */, 0);
    int spawned = posix_spawn(&pid, builder, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return NAN;
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return NAN;
    return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 + (double)usage.ru_stime.tv_sec +
           (double)usage.ru_stime.tv_usec / 1e6;
}

/* The least CPU time of three builds (the least disturbed run). */
static double least_build_cpu_seconds(const char *builder, const char *source, const char *out, const char *extra)
{
    double best = INFINITY;
    for (int i = 0; i < 3; i++)
        best = fmin(best, build_cpu_seconds(builder, source, out, extra));
    return best;
}

static double file_kb(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size / 1024.0 : NAN;
}

void measure_world_geometry(const char *builder, const char *corpus, const char *work)
{
    char with[1024], without[1024];
    snprintf(with, sizeof with, "%s/world-with-map.sqlite", work);
    snprintf(without, sizeof without, "%s/world-without-map.sqlite", work);
    double best_with = least_build_cpu_seconds(builder, corpus, with, NULL);
    double best_without = least_build_cpu_seconds(builder, corpus, without, "--no-map");
    char note[256];
    double added_kb = file_kb(with) - file_kb(without);
    snprintf(note, sizeof note, "the sample corpus: %.0f KB with the map, %.0f KB without", file_kb(with),
             file_kb(without));
    record("world geometry: bytes added to a bundle", added_kb, "KB", 600, note);
    snprintf(note, sizeof note, "CPU time (user + system), least of 3 builds each: %.2f s with, %.2f s without",
             best_with, best_without);
    record("world geometry: build time added", best_with - best_without, "s", 3, note);
    remove(with), remove(without);
}

/* A source folder of one English statement whose body is bytes long:
 * paragraphs of 150 made-up words of two to four syllables (so its terms
 * are many and most words are unlike the others). */
static bool write_long_source(const char *dir, size_t bytes)
{
    static const char *const syllables[] = {"ka", "to", "ri", "men", "sha", "lo", "ve", "dan", "pre", "sto",
                                            "qui", "ber", "nal", "tek", "mor", "vis", "gra", "pol", "hu", "zen"};
    char path[1200];
    snprintf(path, sizeof path, "mkdir -p '%s'", dir);
    if (strlen(dir) > 1000 || system(path) != 0)
        return false;
    snprintf(path, sizeof path, "%s/bundle.yaml", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fputs("title: A long statement\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/long.txt", dir);
    if (!(f = fopen(path, "w")))
        return false;
    fputs("---\nid: long\ntitle: Long\nlanguage: en\nkind: statement\n---\n", f);
    size_t written = 0;
    uint32_t seed = 7;
    while (written + 1500 < bytes) {
        for (int w = 0; w < 150; w++) {
            seed = seed * 1103515245u + 12345u;
            int count = 2 + (int)((seed >> 16) % 3);
            for (int k = 0; k < count; k++) {
                seed = seed * 1103515245u + 12345u;
                const char *s = syllables[(seed >> 16) % 20];
                fputs(s, f);
                written += strlen(s);
            }
            fputc(w == 149 ? '.' : ' ', f);
            written++;
        }
        fputs("\n\n", f);
        written += 2;
    }
    return fclose(f) == 0;
}

/* A statement of 1 MB (the most a body may hold), one of 256 KB and one of
 * a paragraph, each built on its own without the map: the least CPU time of
 * 3 builds. The builder once read each text again for every place of each
 * term (3 s for 1 MB); linear, the 1 MB build's cost above the paragraph's
 * is about four times the 256 KB one's. */
void measure_long_build(const char *builder, const char *work)
{
    double seconds[3];
    static const size_t sizes[3] = {3000, 262144, 1000000};
    for (int i = 0; i < 3; i++) {
        char dir[1024], out[1024];
        snprintf(dir, sizeof dir, "%s/long-%zu", work, sizes[i]);
        snprintf(out, sizeof out, "%s/long-%zu.sqlite", work, sizes[i]);
        seconds[i] = write_long_source(dir, sizes[i]) ? least_build_cpu_seconds(builder, dir, out, "--no-map") : NAN;
        remove(out);
    }
    char note[256];
    snprintf(note, sizeof note,
             "CPU time (user + system), least of 3 builds, --no-map; a paragraph: %.3f s, 256 KB: %.3f s; "
             "above the paragraph's, 1 MB / 256 KB = %.1f (linear: 3.8)",
             seconds[0], seconds[1], (seconds[2] - seconds[0]) / (seconds[1] - seconds[0]));
    record("build: a 1 MB statement", seconds[2], "s", 0.5, note);
}
