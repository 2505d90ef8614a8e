/*
 * Report lines and rows. Both list the same CHECKs, so that the printed
 * line and the spreadsheet never disagree about what to look at.
 */
#include "report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "field_limits.h"
#include "strbuf.h"

static void say(rs_strbuf *out, const char *text) { rs_strbuf_append(out, text, strlen(text)); }

/* "; CHECK: kind, speaker_role, 3 country roles, line 12 kept: \"...\" (short line)" */
static void report_checks(rs_strbuf *out, const rs_header *h, const rs_body *body)
{
    bool any = false;
    for (int i = 0; i < RS_ITEM_COUNT; i++) {
        if (!h->fields[i].check)
            continue;
        say(out, any ? ", " : "; CHECK: ");
        say(out, rs_header_field_name((rs_header_item)i));
        any = true;
    }
    if (h->incident_count || h->incidents_rejected) {
        say(out, any ? ", " : "; CHECK: ");
        say(out, "incidents");
        any = true;
    }
    if (h->same_as) {
        say(out, any ? ", " : "; CHECK: ");
        say(out, "same_as ");
        say(out, h->same_as);
        any = true;
    }
    if (h->country_count) {
        char n[32];
        snprintf(n, sizeof n, "%zu", h->country_count);
        say(out, any ? ", " : "; CHECK: ");
        say(out, n);
        say(out, h->country_count == 1 ? " country's role" : " countries' roles");
        any = true;
    }
    /* What the builder would refuse: said now, with the builder's words. */
    char *text = rs_body_text(body), problem[160];
    if (!rs_limits_check(RS_FIELD_BODY, text, strlen(text), problem, sizeof problem)) {
        say(out, any ? ", " : "; CHECK: ");
        say(out, "the body ");
        say(out, problem);
        any = true;
    }
    free(text);
    for (size_t i = 0; i < body->unsure_count; i++) {
        char at[64];
        if (body->unsure[i].line > 0)
            snprintf(at, sizeof at, "line %d kept: \"", body->unsure[i].line);
        else
            snprintf(at, sizeof at, "kept: \"");
        say(out, any ? ", " : "; CHECK: ");
        say(out, at);
        rs_strbuf_append(out, body->unsure[i].text, strlen(body->unsure[i].text) > 60 ? 60 : strlen(body->unsure[i].text));
        say(out, "\" (");
        say(out, body->unsure[i].reason);
        say(out, ")");
        any = true;
    }
}

/* One line: "NAME -> PATH: language en; date 2021-07-20; outlet Xinhua; ..." */
char *rs_report_line(const char *name, const char *path, const rs_header *h, const rs_body *body)
{
    rs_strbuf out = {0};
    say(&out, name);
    say(&out, " -> ");
    say(&out, path);
    say(&out, ": language ");
    say(&out, h->fields[RS_ITEM_LANGUAGE].value);
    const char *date = h->fields[RS_ITEM_DATE].value;
    say(&out, "; date ");
    say(&out, date && *date ? date : "none");
    if (h->fields[RS_ITEM_DATE_NOTE].value)
        say(&out, " (not printed: see date_note)");
    say(&out, "; outlet ");
    say(&out, h->fields[RS_ITEM_OUTLET].value ? h->fields[RS_ITEM_OUTLET].value : "none");
    say(&out, "; speaker ");
    say(&out, h->fields[RS_ITEM_SPEAKER].value ? h->fields[RS_ITEM_SPEAKER].value : "none");
    say(&out, "; countries");
    for (size_t i = 0; i < h->country_count; i++) {
        say(&out, " ");
        say(&out, h->countries[i].code);
    }
    if (!h->country_count)
        say(&out, " none");
    char n[64];
    snprintf(n, sizeof n, "; %zu paragraph%s, %zu line%s dropped", body->paragraph_count,
             body->paragraph_count == 1 ? "" : "s", body->dropped_count, body->dropped_count == 1 ? "" : "s");
    say(&out, n);
    report_checks(&out, h, body);
    return out.data;
}


static const char *const columns[] = {"file", "draft", "title", "language", "language_from", "date", "date_from",
                                      "date_note", "outlet", "outlet_from", "speaker", "speaker_role", "kind",
                                      "countries", "incidents", "same_as", "check"};

void rs_report_tsv_header(FILE *out)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        fprintf(out, "%s%s", i ? "\t" : "", columns[i]);
    fputc('\n', out);
}

/* A cell: tabs and line ends as spaces, the leading tab for all but the
 * first. */
static void cell(FILE *out, const char *text, bool first)
{
    if (!first)
        fputc('\t', out);
    for (const char *p = text ? text : ""; *p; p++)
        fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, out);
}

static const char *value(const rs_header *h, rs_header_item item) { return h->fields[item].value; }

/* "the value (CHECK: why)" or the evidence alone. */
static char *evidence(const rs_header *h, rs_header_item item)
{
    rs_strbuf out = {0};
    const rs_header_field *f = &h->fields[item];
    if (f->from)
        say(&out, f->from);
    if (f->check) {
        say(&out, f->from ? "; CHECK: " : "CHECK: ");
        say(&out, f->check);
    }
    if (!out.data)
        rs_strbuf_append(&out, "", 0);
    return out.data;
}

void rs_report_tsv_row(FILE *out, const char *name, const char *path, const rs_header *h, const rs_body *body,
                       const char *refused)
{
    cell(out, name, true);
    if (!h) {
        for (size_t i = 2; i < sizeof columns / sizeof columns[0]; i++)
            cell(out, "", false);
        fprintf(out, "\trefused: ");
        cell(out, refused, true);
        fputc('\n', out);
        return;
    }
    cell(out, path, false);
    cell(out, value(h, RS_ITEM_TITLE), false);
    static const rs_header_item with_evidence[] = {RS_ITEM_LANGUAGE, RS_ITEM_DATE};
    for (size_t i = 0; i < 2; i++) {
        cell(out, value(h, with_evidence[i]), false);
        char *e = evidence(h, with_evidence[i]);
        cell(out, e, false);
        free(e);
    }
    cell(out, value(h, RS_ITEM_DATE_NOTE) ? value(h, RS_ITEM_DATE_NOTE) : h->fields[RS_ITEM_DATE_NOTE].check, false);
    cell(out, value(h, RS_ITEM_OUTLET), false);
    char *e = evidence(h, RS_ITEM_OUTLET);
    cell(out, e, false);
    free(e);
    cell(out, value(h, RS_ITEM_SPEAKER), false);
    cell(out, value(h, RS_ITEM_SPEAKER_ROLE), false);
    cell(out, value(h, RS_ITEM_KIND), false);
    rs_strbuf list = {0};
    for (size_t i = 0; i < h->country_count; i++) {
        say(&list, i ? "; " : "");
        say(&list, h->countries[i].code);
        say(&list, " ");
        say(&list, h->countries[i].role);
        if (h->countries[i].evidence) {
            say(&list, " ");
            say(&list, h->countries[i].evidence);
        }
    }
    cell(out, list.data, false);
    rs_strbuf_clear(&list);
    for (size_t i = 0; i < h->incident_count; i++) {
        say(&list, i ? "; " : "");
        say(&list, h->incidents[i].slug);
        say(&list, " (");
        say(&list, h->incidents[i].evidence);
        say(&list, ")");
    }
    if (!h->incident_count && h->incidents_rejected) {
        say(&list, "none: ");
        say(&list, h->incidents_rejected);
    }
    cell(out, list.data, false);
    rs_strbuf_clear(&list);
    if (h->same_as) {
        say(&list, h->same_as);
        say(&list, " (");
        say(&list, h->same_as_evidence);
        say(&list, ")");
    }
    cell(out, list.data, false);
    rs_strbuf_clear(&list);
    report_checks(&list, h, body);
    cell(out, list.length > 9 ? list.data + 9 : "", false); /* without "; CHECK: " */
    rs_strbuf_clear(&list);
    fputc('\n', out);
}
