/*
 * Guessing the header. Each guess keeps its evidence: the line it was read
 * from and the words as printed, so that the curator can check it against
 * the page in a glance. Dates follow the source format's rule: a date the
 * text does not print (from the URL, from metadata) gets a date_note, and a
 * day or month printed without a year is never completed.
 */
#include "header.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "expect.h"
#include "html.h"
#include "outlets.h"
#include "roles.h"
#include "speakers.h"

static const char *const field_names[RS_ITEM_COUNT] = {
    "title", "title_note", "date", "date_note", "outlet", "speaker", "speaker_role", "language", "url", "kind",
    "partial"};

const char *rs_header_field_name(rs_header_item field) { return field_names[field]; }

static void set(rs_header *h, rs_header_item field, const char *value, char *from, char *check)
{
    rs_header_field *f = &h->fields[field];
    free(f->value);
    free(f->from);
    free(f->check);
    f->value = value ? rs_xstrdup(value) : NULL;
    f->from = from;
    f->check = check;
}

/* "line 3" for text, "the page's text" for HTML and JSON lines. */
static char *where(int line)
{
    return line > 0 ? rs_xasprintf("line %d", line) : rs_xstrdup("the page's text");
}

/* Evidence quoted for a comment: at most 80 bytes, on one line, without
 * cutting a character. */
static char *quote(const char *text)
{
    size_t n = strlen(text);
    if (n > 80) {
        n = 80;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    char *out = rs_xasprintf("\"%.*s%s\"", (int)n, text, n < strlen(text) ? "..." : "");
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return out;
}

static void guess_title(rs_header *h, const rs_page *page, const rs_body *body)
{
    const char *hint_from;
    const char *hint = rs_page_hint(page, RS_HINT_TITLE, &hint_from);
    if (hint) {
        set(h, RS_ITEM_TITLE, hint, rs_xasprintf("from %s", hint_from), NULL);
        return;
    }
    if (body->title) {
        char *at = where(body->title_line);
        set(h, RS_ITEM_TITLE, body->title, rs_xasprintf("from %s", at), NULL);
        free(at);
        return;
    }
    /* No headline: the first sentence, or its first 12 words. */
    const char *first = body->paragraph_count ? body->paragraphs[0] : "";
    size_t n = 0, words = 0;
    while (first[n] && words < 12) {
        if (first[n] == ' ')
            words++;
        if ((first[n] == '.' || first[n] == '?' || first[n] == '!') && (first[n + 1] == ' ' || !first[n + 1]))
            break;
        if (words < 12)
            n++;
    }
    while (n > 0 && first[n - 1] == ',')
        n--;
    char *title = n ? rs_xstrndup(first, n) : rs_xstrdup("Untitled statement");
    set(h, RS_ITEM_TITLE, title, rs_xstrdup("the page has no headline: the first words of the text"),
        rs_xstrdup("write the title"));
    free(title);
    set(h, RS_ITEM_TITLE_NOTE, "The page has no headline; the title was written from the first words of the text.",
        NULL, NULL);
}

/* 0 = Sunday, from a YYYY-MM-DD value (Sakamoto's method); -1 otherwise. */
static int weekday_of(const char *date)
{
    int y, m, d;
    if (strlen(date) != 10 || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
        return -1;
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* A date printed near the top, or in a line dropped as a time stamp. */
static bool date_in_text(rs_header *h, const rs_page *page, const rs_body *body, rs_date_found *partial,
                         int *partial_line)
{
    size_t count = rs_page_line_count(page), nonblank = 0;
    (void)body;
    partial->said[0] = '\0';
    /* A date printed beside the article (under the headline, outside the
     * article's block) beats one inside a sentence of it: "invaded on
     * February 24, 2022" is an event's date, not the statement's. */
    const char *printed_from;
    bool printed = rs_page_hint(page, RS_HINT_DATE, &printed_from) && strcmp(printed_from, RS_HTML_PRINTED) == 0;
    for (size_t i = 0; i < count; i++) {
        int line;
        const char *text = rs_page_line(page, i, &line);
        if (!*text)
            continue;
        nonblank++;
        rs_date_found full, part;
        bool found = rs_dates_find(text, &full, &part);
        if (found && printed && strlen(text) > 60 && strstr(text, ". "))
            found = false;
        if (found && printed && strlen(text) > 60 && text[strlen(text) - 1] == '.')
            found = false;
        if (!partial->said[0] && part.said[0]) {
            *partial = part;
            *partial_line = line;
        }
        if (!found)
            continue;
        /* A weekday a few lines on ("China Tuesday urged") is checked
         * against the date. */
        for (size_t k = i + 1; k < count && k < i + 6 && !partial->said[0]; k++) {
            int next_line;
            const char *next = rs_page_line(page, k, &next_line);
            if (!rs_dates_find(next, NULL, &part) && part.said[0]) {
                *partial = part;
                *partial_line = next_line;
            }
        }
        char *at = where(line);
        char *said = quote(full.said);
        bool near_top = nonblank <= 10; /* a page's header: site name, menus, headline, stamp */
        set(h, RS_ITEM_DATE, full.value, rs_xasprintf("from %s: %s", at, said),
            near_top ? NULL : rs_xstrdup("found far into the text: the date of the statement, or of an event it names?"));
        free(at);
        free(said);
        return true;
    }
    return false;
}

static void guess_date(rs_header *h, const rs_page *page, const rs_body *body, const char *url)
{
    rs_date_found partial, found;
    int partial_line = 0;
    if (date_in_text(h, page, body, &partial, &partial_line)) {
        /* "China Tuesday urged ..." under a page dated a Wednesday. */
        static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                           "Saturday"};
        int wday = weekday_of(h->fields[RS_ITEM_DATE].value);
        if (partial.said[0] && !partial.value[0] && wday >= 0 && strstr(partial.said, "day") &&
            strcmp(partial.said, days[wday]) != 0) {
            char *at = where(partial_line);
            free(h->fields[RS_ITEM_DATE].check);
            h->fields[RS_ITEM_DATE].check = rs_xasprintf("the text says \"%s\" (%s) but %s is a %s", partial.said, at,
                                                    h->fields[RS_ITEM_DATE].value, days[wday]);
            free(at);
        }
        return;
    }
    const char *hint_from;
    const char *hint = rs_page_hint(page, RS_HINT_DATE, &hint_from);
    if (hint && rs_dates_find(hint, &found, NULL)) {
        char *said = quote(hint);
        set(h, RS_ITEM_DATE, found.value, rs_xasprintf("from %s: %s", hint_from, said), NULL);
        if (strcmp(hint_from, RS_HTML_PRINTED) == 0) { /* printed on the page, outside the article */
            free(said);
            return;
        }
        set(h, RS_ITEM_DATE_NOTE, NULL, NULL, NULL);
        h->fields[RS_ITEM_DATE_NOTE].value = rs_xasprintf("Not printed in the text; from the page's %s (%s).", hint_from, hint);
        free(said);
        return;
    }
    if (url && rs_dates_from_url(url, &found)) {
        set(h, RS_ITEM_DATE, found.value, rs_xasprintf("from the URL: \"%s\"", found.said), NULL);
        h->fields[RS_ITEM_DATE_NOTE].value =
            rs_xasprintf("Not printed in the text; from the page's address (\"%s\" in %s).", found.said, url);
        return;
    }
    if (partial.said[0]) {
        char *at = where(partial_line);
        set(h, RS_ITEM_DATE, "", NULL, rs_xstrdup("a day or month without a year: not completed (see date_note)"));
        set(h, RS_ITEM_DATE_NOTE, NULL, NULL,
            rs_xasprintf("the text says \"%s\" (%s) and no year: write the date and where it comes from", partial.said, at));
        free(at);
        return;
    }
    set(h, RS_ITEM_DATE, "", NULL, rs_xstrdup("no date found in the text, the metadata or the URL"));
}

static void guess_outlet(rs_header *h, const rs_page *page, const char *url, const char *url_from)
{
    rs_outlet_found found;
    if (url && rs_outlets_by_url(url, &found)) {
        h->outlet_slug = found.slug;
        set(h, RS_ITEM_OUTLET, found.name, rs_xasprintf("from the host %s (%s)", found.said, url_from), NULL);
        return;
    }
    size_t count = rs_page_line_count(page);
    for (size_t i = 0; i < count; i++) {
        int line;
        if (rs_outlets_by_credit(rs_page_line(page, i, &line), &found)) {
            char *at = where(line);
            h->outlet_slug = found.slug;
            set(h, RS_ITEM_OUTLET, found.name, rs_xasprintf("from %s: \"%s\"", at, found.said), NULL);
            free(at);
            return;
        }
    }
    const char *hint_from;
    const char *hint = rs_page_hint(page, RS_HINT_OUTLET, &hint_from);
    if (hint) {
        set(h, RS_ITEM_OUTLET, hint, rs_xasprintf("from %s", hint_from), rs_xstrdup("not in the table of known outlets"));
        return;
    }
    char host[256];
    set(h, RS_ITEM_OUTLET, NULL, NULL,
        url && rs_outlets_host(url, host, sizeof host) ? rs_xasprintf("the host %s is not in the table of known outlets", host)
                                                       : rs_xstrdup("no outlet found (give --url)"));
}

static void guess_speaker(rs_header *h, const char *text)
{
    rs_speaker_found found;
    if (!rs_speakers_find(text, &found)) {
        set(h, RS_ITEM_SPEAKER, NULL, NULL, rs_xstrdup("no speaker found"));
        return;
    }
    char *said = quote(found.said);
    set(h, RS_ITEM_SPEAKER, found.name, rs_xasprintf("from %s", said), found.named ? NULL : rs_xstrdup("the text names no one"));
    if (found.role[0])
        set(h, RS_ITEM_SPEAKER_ROLE, found.role, rs_xasprintf("from %s", said), rs_xstrdup("write the role in full"));
    free(said);
}

static void guess_language(rs_header *h, const rs_page *page, const rs_header_tools *tools, const char *text)
{
    char tag[32], how[128];
    bool sure = rs_language_guess(tools->language, text, strlen(text), tag, sizeof tag, how, sizeof how);
    const char *hint_from;
    const char *hint = rs_page_hint(page, RS_HINT_LANGUAGE, &hint_from);
    char *check = sure ? NULL : rs_xstrdup("the detector is not sure");
    if (hint && strncmp(hint, tag, 2) != 0) {
        free(check);
        check = rs_xasprintf("%s says \"%s\"", hint_from, hint);
    }
    set(h, RS_ITEM_LANGUAGE, tag, rs_xasprintf("detected (%s)", how), check);
}

static void guess_kind(rs_header *h, const char *text)
{
    static const char *const questions[] = {"Question:", "Q:", "问：", "Вопрос:", "答记者问", NULL};
    static const char *const agencies[] = {"xinhua", "tass", "ria", "reuters", "ap", "afp", "interfax", "chinanews",
                                           NULL};
    for (const char *const *q = questions; *q; q++)
        if (strstr(text, *q)) {
            set(h, RS_ITEM_KIND, "response", rs_xasprintf("the text answers a question (\"%s\")", *q),
                rs_xstrdup("kind"));
            return;
        }
    for (const char *const *a = agencies; *a && h->outlet_slug; a++)
        if (strcmp(h->outlet_slug, *a) == 0) {
            set(h, RS_ITEM_KIND, "report", rs_xstrdup("a news agency's report"), rs_xstrdup("kind"));
            return;
        }
    set(h, RS_ITEM_KIND, "statement", rs_xstrdup("the default"), rs_xstrdup("kind"));
}

static void add_country(const char *code, const char *said, void *context)
{
    rs_header *h = context;
    rs_grow(&h->countries, &h->country_capacity, h->country_count + 1, sizeof *h->countries);
    rs_header_country *c = &h->countries[h->country_count++];
    memcpy(c->code, code, 3);
    c->said = rs_xstrdup(said);
    c->role = "mentioned";
    c->evidence = NULL;
}

static void guess_roles(rs_header *h, const rs_places *places, const char *text)
{
    if (!h->country_count)
        return;
    const char *title = h->fields[RS_ITEM_TITLE].value;
    char *paragraphs = rs_xasprintf("%s\n\n%s", title ? title : "", text);
    rs_role_guess *guesses = rs_xcalloc(h->country_count, sizeof *guesses);
    for (size_t i = 0; i < h->country_count; i++)
        memcpy(guesses[i].code, h->countries[i].code, 3);
    rs_roles_guess(places, paragraphs, 1, guesses, h->country_count);
    for (size_t i = 0; i < h->country_count; i++) {
        h->countries[i].role = guesses[i].role;
        h->countries[i].evidence = guesses[i].evidence;
    }
    free(guesses);
    free(paragraphs);
}

void rs_header_guess(rs_header *h, const rs_page *page, const rs_body *body, const rs_header_tools *tools,
                     const char *url, const char *url_from)
{
    char *text = rs_body_text(body);
    const char *hint_from;
    const char *page_url = rs_page_hint(page, RS_HINT_URL, &hint_from);
    if (!url && page_url && (strncmp(page_url, "http://", 7) == 0 || strncmp(page_url, "https://", 8) == 0)) {
        url = page_url;
        url_from = hint_from;
    }
    if (url)
        set(h, RS_ITEM_URL, url, rs_xasprintf("from %s", url_from), NULL);
    guess_title(h, page, body);
    guess_date(h, page, body, url);
    guess_outlet(h, page, url, url_from);
    char *title_and_text = rs_xasprintf("%s\n%s", h->fields[RS_ITEM_TITLE].value ? h->fields[RS_ITEM_TITLE].value : "", text);
    guess_speaker(h, title_and_text);
    free(title_and_text);
    guess_language(h, page, tools, text);
    guess_kind(h, text);
    size_t n = strlen(text);
    if (n > 0 && !strchr(".!?\"'”’»)。！？」", text[n - 1]) && (unsigned char)text[n - 1] < 0x80)
        set(h, RS_ITEM_PARTIAL, "true", rs_xstrdup("the text ends without a full stop"), rs_xstrdup("cut off?"));
    char *scan = rs_xasprintf("%s\n%s", h->fields[RS_ITEM_TITLE].value ? h->fields[RS_ITEM_TITLE].value : "", text);
    rs_places_scan(tools->places, scan, add_country, h);
    free(scan);
    guess_roles(h, tools->places, text);
    if (tools->incidents)
        h->incident_count = rs_incidents_match(tools->incidents, h->fields[RS_ITEM_TITLE].value, text,
                                               h->fields[RS_ITEM_DATE].value, h->incidents, 4, &h->incidents_rejected);
    free(text);
}

void rs_header_clear(rs_header *h)
{
    for (int i = 0; i < RS_ITEM_COUNT; i++) {
        free(h->fields[i].value);
        free(h->fields[i].from);
        free(h->fields[i].check);
    }
    for (size_t i = 0; i < h->country_count; i++) {
        free(h->countries[i].said);
        free(h->countries[i].evidence);
    }
    free(h->countries);
    for (size_t i = 0; i < h->incident_count; i++)
        free(h->incidents[i].evidence);
    free(h->incidents_rejected);
    free(h->same_as);
    free(h->same_as_evidence);
    memset(h, 0, sizeof *h);
}
