/*
 * The benchmark's table of figures: each measured value with its budget,
 * printed as a table and written as JSON (bench.h).
 */
#define _DEFAULT_SOURCE
#include <SDL.h>
#include <math.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile (0..1) of values (sorted in place), nearest rank. */
double quantile(double *values, size_t n, double q)
{
    if (n == 0)
        return NAN;
    qsort(values, n, sizeof *values, compare_doubles);
    size_t rank = (size_t)ceil(q * (double)n);
    if (rank < 1)
        rank = 1;
    return values[rank - 1];
}

/* ---- the table ---- */


figure figures[RS_BENCH_FIGURES_MAX];
size_t figure_count;

void record(const char *name, double value, const char *unit, double budget, const char *note)
{
    if (figure_count == RS_BENCH_FIGURES_MAX) {
        fprintf(stderr, "bench: more than %d figures; %s not kept\n", RS_BENCH_FIGURES_MAX, name);
        return;
    }
    figure *f = &figures[figure_count++];
    snprintf(f->name, sizeof f->name, "%s", name);
    f->value = value;
    snprintf(f->unit, sizeof f->unit, "%s", unit);
    f->budget = budget;
    snprintf(f->note, sizeof f->note, "%s", note ? note : "");
    fprintf(stderr, "  %-62s %10.3f %s\n", name, value, unit);
}

const char *verdict(const figure *f)
{
    if (isnan(f->budget))
        return "-";
    if (isnan(f->value))
        return "MISS";
    return f->value <= f->budget ? "PASS" : "MISS";
}

void print_table(FILE *out)
{
    fprintf(out, "| figure | measured | budget | result |\n|---|---|---|---|\n");
    for (size_t i = 0; i < figure_count; i++) {
        const figure *f = &figures[i];
        char budget[64] = "-";
        if (!isnan(f->budget))
            snprintf(budget, sizeof budget, "≤ %g %s", f->budget, f->unit);
        fprintf(out, "| %s | %.3g %s | %s | %s |\n", f->name, f->value, f->unit, budget, verdict(f));
    }
}

void write_json(const char *path)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        return;
    }
    fprintf(out, "{\n  \"figures\": [\n");
    for (size_t i = 0; i < figure_count; i++) {
        const figure *f = &figures[i];
        fprintf(out, "    {\"figure\": \"%s\", \"value\": %.6g, \"unit\": \"%s\", ", f->name, isnan(f->value) ? -1 : f->value,
                f->unit);
        if (isnan(f->budget))
            fprintf(out, "\"budget\": null, \"result\": null");
        else
            fprintf(out, "\"budget\": %g, \"result\": \"%s\"", f->budget, verdict(f));
        fprintf(out, ", \"note\": \"%s\"}%s\n", f->note, i + 1 < figure_count ? "," : "");
    }
    fprintf(out, "  ]\n}\n");
    fclose(out);
}
