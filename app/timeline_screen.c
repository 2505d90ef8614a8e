/*
 * The timeline's model: the bars once, the spans and marks of a window of
 * time (see timeline_screen.h).
 */
#include "timeline_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "i18n.h"
#include "screen.h"

struct rs_timeline_screen {
    rs_timeline_source source;
    int year, month;
    rs_timeline_bars bars;
    rs_timeline_year *years;
    size_t year_count;
    int64_t month_max, year_max;
    int32_t first_day, end_day;
    bool dated;
    char *undated_label;
    const char *legend[3];
    /* the window loaded: [loaded_from, loaded_to] as keys */
    bool loaded;
    int32_t loaded_from, loaded_to, marks_to;
    rs_timeline_spans spans;
    rs_timeline_marks marks;
    int reads;
};

/* ---- dates as days ---- */

/* Howard Hinnant's days_from_civil: exact for every proleptic Gregorian
 * date, no table, no time zone. */
int32_t rs_timeline_days(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t rs_timeline_key(int32_t days)
{
    int32_t z = days + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t day = doy - (153 * mp + 2) / 5 + 1;
    int32_t month = mp < 10 ? mp + 3 : mp - 9;
    int32_t year = yoe + era * 400 + (month <= 2);
    return RS_DATE_KEY(year, month, day);
}

int32_t rs_timeline_key_days(int32_t key)
{
    int year = key / 10000, month = key / 100 % 100, day = key % 100;
    if (month < 1 || month > 12)
        return rs_timeline_days(year, 7, 1);
    if (day < 1 || day > 31)
        return rs_timeline_days(year, month, 16);
    return rs_timeline_days(year, month, day);
}

/* ---- reading ---- */

static bool bundle_bars(void *context, rs_timeline_bars *out)
{
    return rs_bundle_timeline_bars(context, out);
}

static bool bundle_spans(void *context, int32_t from, int32_t to, int lanes, size_t limit, rs_timeline_spans *out)
{
    return rs_bundle_timeline_spans(context, from, to, lanes, limit, out);
}

static bool bundle_marks(void *context, int32_t from, int32_t to, size_t limit, rs_timeline_marks *out)
{
    return rs_bundle_timeline_marks(context, from, to, limit, out);
}

static const rs_timeline_source bundle_source = {bundle_bars, bundle_spans, bundle_marks, NULL};

static int64_t add_count(int64_t a, int64_t b)
{
    if (b < 0)
        b = 0;
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* The years' sums and the scales, from the bars (in time order; a bundle
 * that lies about the order only draws oddly). */
static void sum_bars(rs_timeline_screen *tl)
{
    const rs_timeline_bars *b = &tl->bars;
    tl->years = b->count ? rs_xcalloc(b->count, sizeof *tl->years) : NULL;
    for (size_t i = 0; i < b->count; i++) {
        const rs_timeline_bar *bar = &b->items[i];
        if (bar->year < 1 || bar->year > 9999 || bar->month < 0 || bar->month > 12)
            continue;
        if (!tl->year_count || tl->years[tl->year_count - 1].year != bar->year)
            tl->years[tl->year_count++] = (rs_timeline_year){bar->year, 0};
        rs_timeline_year *y = &tl->years[tl->year_count - 1];
        y->count = add_count(y->count, bar->count);
        if (y->count > tl->year_max)
            tl->year_max = y->count;
        if (bar->month && bar->count > tl->month_max)
            tl->month_max = bar->count;
        int32_t first = rs_timeline_days(bar->year, bar->month ? bar->month : 1, 1);
        int32_t end = bar->month ? rs_timeline_days(bar->year + (bar->month == 12), bar->month % 12 + 1, 1)
                                 : rs_timeline_days(bar->year + 1, 1, 1);
        if (!tl->dated || first < tl->first_day)
            tl->first_day = first;
        if (!tl->dated || end > tl->end_day)
            tl->end_day = end;
        tl->dated = true;
    }
}

/* Widens the range to the incidents' spans: an attribution often comes
 * before the first statement that answers it. The earliest span is the
 * first of some lane; one per lane is read for each end (a few seeks). */
static bool extend_by_spans(rs_timeline_screen *tl, void *context)
{
    rs_timeline_spans spans;
    int32_t far = RS_DATE_KEY(9999, 12, 31);
    int32_t from = tl->dated ? rs_timeline_key(tl->end_day - 1) : RS_DATE_KEY(1, 0, 0);
    for (int pass = 0; pass < 2; pass++) {
        if (!tl->source.spans(context, pass ? from : RS_DATE_KEY(1, 0, 0), far, RS_TIMELINE_LANES, 1, &spans))
            return false;
        for (size_t i = 0; i < spans.count; i++) {
            const rs_timeline_span *sp = &spans.items[i];
            if (sp->first_key < RS_DATE_KEY(1, 0, 0) || sp->last_key > far || sp->last_key < sp->first_key)
                continue;
            int32_t first = rs_timeline_key_days(sp->first_key);
            int32_t end = rs_timeline_key_days(sp->last_key) + 1;
            if (!tl->dated || first < tl->first_day)
                tl->first_day = first;
            if (!tl->dated || end > tl->end_day)
                tl->end_day = end;
            tl->dated = true;
        }
        rs_timeline_spans_clear(&spans);
    }
    return true;
}

rs_timeline_screen *rs_timeline_screen_create(const rs_timeline_source *source, rs_bundle *bundle, int year,
                                              int month)
{
    rs_timeline_screen *tl = rs_xcalloc(1, sizeof *tl);
    tl->source = *source;
    tl->year = year, tl->month = month;
    void *context = source->context ? source->context : bundle;
    if (!tl->source.bars(context, &tl->bars)) {
        rs_timeline_screen_destroy(tl);
        return NULL;
    }
    sum_bars(tl);
    if (!extend_by_spans(tl, context)) {
        rs_timeline_screen_destroy(tl);
        return NULL;
    }
    if (tl->bars.undated > 0)
        /* TRANSLATORS: beside the timeline's axis: statements with no date, which it cannot place. */
        tl->undated_label = rs_i18n_counted(ngettext("%s undated", "%s undated", rs_i18n_plural_n(tl->bars.undated)),
                                            tl->bars.undated);
    tl->legend[0] = _("Accusation");
    tl->legend[1] = _("Answer");
    /* TRANSLATORS: the timeline's legend: a mark that neither accuses nor answers (an event of kind other). */
    tl->legend[2] = P_("timeline", "Other");
    return tl;
}

void rs_timeline_screen_destroy(rs_timeline_screen *tl)
{
    if (!tl)
        return;
    rs_timeline_bars_clear(&tl->bars);
    rs_timeline_spans_clear(&tl->spans);
    rs_timeline_marks_clear(&tl->marks);
    free(tl->years);
    free(tl->undated_label);
    free(tl);
}

/* An event's kind as the thread names it, in the visitor's language (the
 * thread's own words: the catalogs hold them once). */
static const char *event_label(const char *kind)
{
    static const struct {
        const char *kind, *label;
    } labels[] = {
        {"attribution", N_("Attribution")}, {"indictment", N_("Indictment")}, {"sanction", N_("Sanction")},
        {"report", N_("Report")},           {"disclosure", N_("Disclosure")}, {"denial", N_("Denial")},
    };
    for (size_t i = 0; kind && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(kind, labels[i].kind) == 0)
            return _(labels[i].label);
    return _("Event");
}

/* The key that starts day's month (or year in January): so that a window
 * starting there also holds the marks dated by month or year only. */
static int32_t window_start_key(int32_t days)
{
    int32_t key = rs_timeline_key(days);
    int year = key / 10000, month = key / 100 % 100;
    return month == 1 ? RS_DATE_KEY(year, 0, 0) : RS_DATE_KEY(year, month, 0);
}

bool rs_timeline_screen_prepare(rs_timeline_screen *tl, rs_bundle *bundle, int32_t from_key, int32_t to_key)
{
    if (!tl)
        return true;
    if (to_key < from_key) {
        int32_t swap = from_key;
        from_key = to_key, to_key = swap;
    }
    if (tl->loaded && from_key >= tl->loaded_from && to_key <= tl->loaded_to) {
        /* Inside what is loaded: nothing to read, unless the marks stopped
         * short of the window (more than the limit) and the visitor has
         * zoomed in at least twice since, so that fewer may fit: a pan
         * at the same zoom reads nothing. */
        if (!tl->marks.more || to_key < tl->marks_to)
            return true;
        int32_t loaded_days = rs_timeline_key_days(tl->loaded_to) - rs_timeline_key_days(tl->loaded_from);
        int32_t wanted_days = rs_timeline_key_days(to_key) - rs_timeline_key_days(from_key);
        if (wanted_days * 4 > loaded_days) /* the loaded window is twice the view's and its margin */
            return true;
    }
    /* Read half a window more on each side, so that panning reads again
     * only after half a screen. */
    int32_t from_day = rs_timeline_key_days(from_key), to_day = rs_timeline_key_days(to_key);
    int32_t pad = (to_day - from_day) / 2 + 1;
    int32_t from = window_start_key(from_day - pad), to = rs_timeline_key(to_day + pad);
    if (from > from_key)
        from = from_key;
    if (to < to_key)
        to = to_key;
    rs_timeline_spans_clear(&tl->spans);
    rs_timeline_marks_clear(&tl->marks);
    tl->loaded = false;
    tl->reads++;
    void *context = tl->source.context ? tl->source.context : bundle;
    if (!tl->source.spans(context, from, to, RS_TIMELINE_LANES, RS_TIMELINE_SPANS_PER_LANE, &tl->spans) ||
        !tl->source.marks(context, from, to, RS_TIMELINE_MARKS, &tl->marks)) {
        rs_timeline_spans_clear(&tl->spans);
        rs_timeline_marks_clear(&tl->marks);
        return false;
    }
    tl->loaded = true;
    tl->loaded_from = from, tl->loaded_to = to;
    /* With more than the limit, the marks are whole only before the last
     * one's key (others may share it). */
    tl->marks_to = tl->marks.more ? (tl->marks.count ? tl->marks.items[tl->marks.count - 1].key : from) : to + 1;
    return true;
}

int rs_timeline_screen_year(const rs_timeline_screen *tl)
{
    return tl->year;
}

int rs_timeline_screen_month(const rs_timeline_screen *tl)
{
    return tl->month;
}

bool rs_timeline_screen_range(const rs_timeline_screen *tl, int32_t *first_day, int32_t *end_day)
{
    *first_day = tl->dated ? tl->first_day : 0;
    *end_day = tl->dated ? tl->end_day : 0;
    return tl->dated;
}

const rs_timeline_bars *rs_timeline_screen_bars(const rs_timeline_screen *tl)
{
    return &tl->bars;
}

const rs_timeline_year *rs_timeline_screen_years(const rs_timeline_screen *tl, size_t *count)
{
    *count = tl->year_count;
    return tl->years;
}

int64_t rs_timeline_screen_month_max(const rs_timeline_screen *tl)
{
    return tl->month_max;
}

int64_t rs_timeline_screen_year_max(const rs_timeline_screen *tl)
{
    return tl->year_max;
}

int64_t rs_timeline_screen_undated(const rs_timeline_screen *tl)
{
    return tl->bars.undated > 0 ? tl->bars.undated : 0;
}

const char *rs_timeline_screen_undated_label(const rs_timeline_screen *tl)
{
    return tl->undated_label;
}

const char *rs_timeline_screen_legend(const rs_timeline_screen *tl, int which)
{
    return which >= 0 && which < 3 ? tl->legend[which] : "";
}

const rs_timeline_spans *rs_timeline_screen_spans(const rs_timeline_screen *tl)
{
    return &tl->spans;
}

const rs_timeline_marks *rs_timeline_screen_marks(const rs_timeline_screen *tl, int32_t *marks_from,
                                                  int32_t *marks_to)
{
    *marks_from = tl->loaded ? tl->loaded_from : 0;
    *marks_to = tl->loaded ? tl->marks_to : 0;
    return &tl->marks;
}

int rs_timeline_screen_reads(const rs_timeline_screen *tl)
{
    return tl->reads;
}

const char *rs_timeline_mark_text(const rs_timeline_mark *m)
{
    if (m->kind == RS_THREAD_EVENT)
        return event_label(m->label);
    return m->label ? m->label : "";
}

int rs_timeline_mark_side(const rs_timeline_mark *m)
{
    if (m->accusation)
        return 0;
    if (m->kind == RS_THREAD_STATEMENT || (m->label && strcmp(m->label, "denial") == 0))
        return 1;
    return 2;
}

/* ---- the screen ---- */

/* Whether the bars hold a statement of year (and month, when not 0). */
static bool has_statements(const rs_timeline_screen *tl, int year, int month)
{
    for (size_t i = 0; i < tl->bars.count; i++) {
        const rs_timeline_bar *b = &tl->bars.items[i];
        if (b->year == year && (!month || b->month == month) && b->count > 0)
            return true;
    }
    return false;
}

bool rs_timeline_screen_build_from(rs_screen *s, const rs_timeline_source *source, rs_bundle *bundle,
                                   const rs_nav_entry *entry, char *error, size_t error_size)
{
    const rs_route *route = &entry->route;
    s->kind = RS_SCREEN_TIMELINE;
    /* One crumb whatever the route's date: the view moves away from it. */
    s->crumb = rs_xstrdup(_("Timeline"));
    s->timeline = rs_timeline_screen_create(source, bundle, route->year, route->month);
    if (!s->timeline) {
        snprintf(error, error_size, "%s", _("The bundle could not be read; it may be damaged. Copy the bundle again."));
        return false;
    }
    if (route->year && !has_statements(s->timeline, route->year, route->month)) {
        char date[128];
        if (route->month) {
            char key[16];
            snprintf(key, sizeof key, "%04d-%02d", route->year, route->month);
            rs_i18n_date(key, false, date, sizeof date);
        } else {
            snprintf(date, sizeof date, "%d", route->year);
        }
        snprintf(error, error_size, _("This bundle has no statements dated %s."), date);
        return false;
    }
    return true;
}

bool rs_timeline_screen_build(rs_screen *s, rs_bundle *bundle, const rs_nav_entry *entry, char *error,
                              size_t error_size)
{
    return rs_timeline_screen_build_from(s, &bundle_source, bundle, entry, error, error_size);
}
