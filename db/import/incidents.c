/*
 * Incident matching by distinctive words. Words are compared folded: ASCII
 * and Cyrillic lower-cased, a Cyrillic word by its first five letters (so
 * "Молдавии" finds "Молдавия"); a run of Han characters of an incident's
 * name in Chinese is looked for anywhere in the page. A proper noun of a
 * name ("Exchange", "Norwegian") weighs 3, another word of a name 2, a word
 * of a summary 1; the name's words must make 3 to propose (a summary's
 * words only rank the proposals).
 */
#include "incidents.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "expect.h"
#include "file.h"
#include "source.h"
#include "strbuf.h"

typedef struct {
    char *folded; /* the word as compared */
    int weight;
} keyword;

typedef struct {
    char *slug;
    rs_date start, last; /* the span: start .. a year after last */
    keyword *words;
    size_t count, capacity;
} incident;

struct rs_incidents {
    incident *items;
    size_t count;
};

/* Everyday words and the subject's own words: never distinctive. */
static const char *const common[] = {
    "about", "accusation", "accusations", "accused", "after", "against", "also", "and", "attack", "attacks",
    "based", "been", "china", "chinese", "claim", "claims", "computer", "countries", "country", "cyber",
    "cyberattack", "cyberattacks", "from", "government", "groundless", "hack", "hackers", "hacking", "have",
    "including", "into", "networks", "other", "partners", "rejected", "reported", "reports", "russia",
    "russian", "said", "says", "security", "global", "access", "network", "slander", "state", "states", "statement", "that", "their", "them", "they",
    "this", "through", "united", "were", "what", "when", "which", "with", "kingdom", "called", "china's",
    "китай", "росси", "кибер", "обвин", "хакер", "атака", "атаки", NULL};

static bool is_common(const char *folded)
{
    for (const char *const *c = common; *c; c++)
        if (strcmp(folded, *c) == 0)
            return true;
    return false;
}

static bool han_lead(unsigned char c) { return c >= 0xE3 && c <= 0xE9; }

/* Folds the word text[0..n) into out: ASCII lower case, Cyrillic lower
 * case and cut to five letters. */
static char *fold(const char *text, size_t n)
{
    rs_strbuf out = {0};
    int cyrillic = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0xD0 && i + 1 < n && (unsigned char)text[i + 1] >= 0x90 && (unsigned char)text[i + 1] <= 0xAF) {
            unsigned char next = (unsigned char)text[++i];
            char lower[2] = {next < 0xA0 ? (char)0xD0 : (char)0xD1, (char)(next < 0xA0 ? next + 0x20 : next - 0x20)};
            rs_strbuf_append(&out, lower, 2);
            cyrillic++;
        } else if ((c == 0xD0 || c == 0xD1) && i + 1 < n) {
            rs_strbuf_append(&out, text + i, 2);
            i++;
            cyrillic++;
        } else {
            char lower = (char)tolower(c);
            rs_strbuf_append(&out, &lower, 1);
        }
        if (cyrillic == 5)
            break;
    }
    if (!out.data)
        rs_strbuf_append(&out, "", 0);
    return out.data;
}

/* Calls each(word, length, context) for every word of text: runs of ASCII
 * letters/digits/'-' and of two-byte letters (Cyrillic, accents), or runs
 * of Han (han true). */
typedef void (*word_fn)(const char *word, size_t length, bool han, void *context);
static void words_of(const char *text, word_fn each, void *context)
{
    for (const char *p = text; *p;) {
        unsigned char c = (unsigned char)*p;
        size_t n = 0;
        if (isalnum(c) || (c >= 0xC2 && c <= 0xDF)) {
            while (isalnum((unsigned char)p[n]) || p[n] == '-' ||
                   ((unsigned char)p[n] >= 0xC2 && (unsigned char)p[n] <= 0xDF && p[n + 1]))
                n += (unsigned char)p[n] >= 0x80 ? 2 : 1;
            while (n > 0 && p[n - 1] == '-')
                n--;
            each(p, n ? n : 1, false, context);
        } else if (han_lead(c)) {
            while (han_lead((unsigned char)p[n]) && p[n + 1] && p[n + 2])
                n += 3;
            each(p, n, true, context);
        }
        p += n ? n : 1;
    }
}

typedef struct {
    incident *in;
    int weight;
    bool name;
    size_t seen; /* words of this text so far */
} adding;

static void add_keyword(const char *word, size_t n, bool han, void *context)
{
    adding *a = context;
    bool first = a->seen++ == 0;
    size_t letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += ((unsigned char)word[i] & 0xC0) != 0x80;
    if (han ? letters < 2 : letters < 4)
        return;
    if (strspn(word, "0123456789-") >= n) /* a year is no word */
        return;
    char *folded = han ? rs_xstrndup(word, n) : fold(word, n);
    /* A name's proper noun: capitalized (ASCII), and not the name's first word. */
    int weight = a->weight;
    if (a->name && isupper((unsigned char)word[0]) && !first)
        weight = 3;
    if (is_common(folded)) {
        free(folded);
        return;
    }
    for (size_t i = 0; i < a->in->count; i++)
        if (strcmp(a->in->words[i].folded, folded) == 0) {
            if (weight > a->in->words[i].weight)
                a->in->words[i].weight = weight;
            free(folded);
            return;
        }
    rs_grow(&a->in->words, &a->in->capacity, a->in->count + 1, sizeof *a->in->words);
    a->in->words[a->in->count++] = (keyword){folded, weight};
}

static void span_of(incident *in, const rs_incident_source *source)
{
    in->start = source->date;
    in->last = source->date;
    for (size_t e = 0; e < source->event_count; e++) {
        rs_date d = source->events[e].date;
        if (!d.year)
            continue;
        if (!in->start.year || d.year * 500 + d.month * 40 + d.day < in->start.year * 500 + in->start.month * 40 + in->start.day)
            in->start = d;
        if (d.year * 500 + d.month * 40 + d.day > in->last.year * 500 + in->last.month * 40 + in->last.day)
            in->last = d;
    }
}

static int by_weight(const void *a, const void *b)
{
    return ((const keyword *)b)->weight - ((const keyword *)a)->weight;
}

/* Drops words another incident has too: they tell nothing apart. The
 * name's words come first (the evidence shows them first). */
static void keep_distinctive(rs_incidents *all)
{
    for (size_t i = 0; i < all->count; i++) {
        incident *in = &all->items[i];
        size_t kept = 0;
        for (size_t w = 0; w < in->count; w++) {
            bool shared = false;
            for (size_t j = 0; j < all->count && !shared; j++)
                for (size_t v = 0; j != i && v < all->items[j].count && !shared; v++)
                    shared = strcmp(all->items[j].words[v].folded, in->words[w].folded) == 0;
            if (shared)
                free(in->words[w].folded);
            else
                in->words[kept++] = in->words[w];
        }
        in->count = kept;
        if (kept)
            qsort(in->words, kept, sizeof *in->words, by_weight);
    }
}

/* parties.yaml beside path, when there is one: the incidents' events may
 * name its parties. */
static bool read_parties(const char *path, rs_party_list *parties, rs_diags *diags)
{
    const char *slash = strrchr(path, '/');
    rs_strbuf beside = {0};
    if (slash)
        rs_strbuf_append(&beside, path, (size_t)(slash - path) + 1);
    rs_strbuf_append(&beside, "parties.yaml", 12);
    char reason[256];
    size_t size = 0;
    char *data = rs_file_read_regular(beside.data, RS_SOURCE_MAX_FILE_BYTES, &size, reason, sizeof reason);
    bool found = data != NULL;
    if (data) {
        rs_source_context context = {NULL, NULL, "en"};
        rs_source_parse_parties(beside.data, data, size, &context, parties, diags);
        free(data);
    }
    rs_strbuf_clear(&beside);
    return found;
}

rs_incidents *rs_incidents_load(const char *path, char *error, size_t error_size)
{
    char reason[256];
    size_t size = 0;
    char *data = rs_file_read_regular(path, RS_SOURCE_MAX_FILE_BYTES, &size, reason, sizeof reason);
    if (!data) {
        snprintf(error, error_size, "%s: %s", path, reason);
        return NULL;
    }
    rs_diags *diags = rs_diags_create();
    rs_incident_list list = {0};
    rs_party_list parties = {0};
    rs_source_context context = {NULL, read_parties(path, &parties, diags) ? &parties : NULL, "en"};
    bool ok = rs_diags_count(diags) == 0 && rs_source_parse_incidents(path, data, size, &context, &list, diags);
    rs_party_list_clear(&parties);
    free(data);
    if (!ok) {
        snprintf(error, error_size, "%s", rs_diags_count(diags) ? rs_diags_get(diags, 0) : path);
        rs_diags_destroy(diags);
        rs_incident_list_clear(&list);
        return NULL;
    }
    rs_diags_destroy(diags);
    rs_incidents *all = rs_xcalloc(1, sizeof *all);
    all->items = rs_xcalloc(list.count ? list.count : 1, sizeof *all->items);
    for (size_t i = 0; i < list.count; i++) {
        const rs_incident_source *source = &list.items[i];
        incident *in = &all->items[all->count++];
        in->slug = rs_xstrdup(source->slug ? source->slug : "");
        span_of(in, source);
        adding name = {in, 2, true, 0}, summary = {in, 1, false, 0};
        if (source->name)
            name.seen = 0, words_of(source->name, add_keyword, &name);
        for (size_t t = 0; t < source->translations.count; t++) {
            const rs_translation *tr = &source->translations.items[t];
            adding *a = strcmp(tr->field, "name") == 0 ? &name : &summary;
            a->seen = 0;
            words_of(tr->value, add_keyword, a);
        }
        if (source->summary)
            words_of(source->summary, add_keyword, &summary);
    }
    rs_incident_list_clear(&list);
    keep_distinctive(all);
    return all;
}

void rs_incidents_destroy(rs_incidents *incidents)
{
    if (!incidents)
        return;
    for (size_t i = 0; i < incidents->count; i++) {
        for (size_t w = 0; w < incidents->items[i].count; w++)
            free(incidents->items[i].words[w].folded);
        free(incidents->items[i].words);
        free(incidents->items[i].slug);
    }
    free(incidents->items);
    free(incidents);
}

/* The page's words, folded, each with where it first appears. */
typedef struct {
    const char *text;
    struct page_word { char *folded; size_t at, length; } *words;
    size_t count, capacity;
} page_words;

static void add_page_word(const char *word, size_t n, bool han, void *context)
{
    page_words *p = context;
    if (han)
        return; /* Han keywords are looked for in the text itself */
    rs_grow(&p->words, &p->capacity, p->count + 1, sizeof *p->words);
    p->words[p->count++] = (struct page_word){fold(word, n), (size_t)(word - p->text), n};
}

static int paragraph_of(const char *text, size_t at)
{
    int paragraph = 0;
    for (size_t i = 0; i + 1 < at; i++)
        paragraph += text[i] == '\n' && text[i + 1] == '\n';
    return paragraph;
}

/* Where the keyword is in the page: its offset and length, or false. */
static bool find_keyword(const page_words *p, const keyword *k, size_t *at, size_t *length)
{
    if (han_lead((unsigned char)k->folded[0])) {
        const char *hit = strstr(p->text, k->folded);
        if (hit) {
            *at = (size_t)(hit - p->text);
            *length = strlen(k->folded);
        }
        return hit != NULL;
    }
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->words[i].folded, k->folded) == 0) {
            *at = p->words[i].at;
            *length = p->words[i].length;
            return true;
        }
    return false;
}

static long day_number(rs_date d, bool end)
{
    int month = d.month ? d.month : end ? 12 : 1;
    int day = d.day ? d.day : end ? 31 : 1;
    return (long)d.year * 372 + month * 31 + day;
}

/* Evidence: 'matched "Exchange", "Microsoft" (paragraph 1)'. Returns the
 * points of every word found; *name_points those of the name's words. */
static int score(const incident *in, const page_words *p, rs_strbuf *evidence, int *name_points)
{
    int total = 0, shown = 0, first_paragraph = -1;
    *name_points = 0;
    for (size_t w = 0; w < in->count; w++) {
        size_t at, length;
        if (!find_keyword(p, &in->words[w], &at, &length))
            continue;
        total += in->words[w].weight;
        *name_points += in->words[w].weight > 1 ? in->words[w].weight : 0;
        if (shown < 3) {
            rs_strbuf_append(evidence, shown ? ", \"" : "matched \"", shown ? 3 : 9);
            rs_strbuf_append(evidence, p->text + at, length);
            rs_strbuf_append(evidence, "\"", 1);
            if (first_paragraph < 0 || paragraph_of(p->text, at) < first_paragraph)
                first_paragraph = paragraph_of(p->text, at);
        }
        shown++;
    }
    if (shown) {
        char where[32];
        if (first_paragraph == 0)
            snprintf(where, sizeof where, " in the title");
        else
            snprintf(where, sizeof where, " in paragraph %d", first_paragraph);
        rs_strbuf_append(evidence, where, strlen(where));
    }
    return total;
}

size_t rs_incidents_match(const rs_incidents *incidents, const char *title, const char *text, const char *date,
                          rs_incident_match *out, size_t max, char **rejected)
{
    *rejected = NULL;
    if (max > 16)
        max = 16;
    rs_strbuf all = {0};
    rs_strbuf_append(&all, title ? title : "", title ? strlen(title) : 0);
    rs_strbuf_append(&all, "\n\n", 2);
    rs_strbuf_append(&all, text, strlen(text));
    page_words p = {.text = all.data};
    words_of(all.data, add_page_word, &p);
    rs_date page_date = {0, 0, 0};
    char date_error[128];
    if (date && *date && !rs_date_parse(date, &page_date, date_error, sizeof date_error))
        page_date.year = 0;
    size_t found = 0;
    int best[16] = {0};
    for (size_t i = 0; i < incidents->count && max > 0; i++) {
        const incident *in = &incidents->items[i];
        rs_strbuf evidence = {0};
        int name_points;
        int points = score(in, &p, &evidence, &name_points);
        if (name_points < 3) { /* the summary's words alone prove nothing */
            rs_strbuf_clear(&evidence);
            continue;
        }
        long day = page_date.year ? day_number(page_date, false) : 0;
        bool before = page_date.year && in->start.year && day_number(page_date, true) < day_number(in->start, false);
        bool after = page_date.year && in->last.year &&
                     day > day_number((rs_date){in->last.year + 1, in->last.month, in->last.day}, true);
        if (before || after) {
            if (!*rejected) {
                size_t n = evidence.length + strlen(in->slug) + 160;
                *rejected = rs_xmalloc(n);
                snprintf(*rejected, n, "%s: %s, but the page's date %s is %s", in->slug, evidence.data, date,
                         before ? "before the incident" : "over a year after its last event");
            }
            rs_strbuf_clear(&evidence);
            continue;
        }
        /* best first: insert by points */
        size_t at = found < max ? found : max - 1;
        if (found == max && points <= best[at]) {
            rs_strbuf_clear(&evidence);
            continue;
        }
        if (found == max)
            free(out[at].evidence);
        else
            found++;
        while (at > 0 && best[at - 1] < points) {
            out[at] = out[at - 1];
            best[at] = best[at - 1];
            at--;
        }
        out[at] = (rs_incident_match){in->slug, evidence.data};
        best[at] = points;
    }
    for (size_t i = 0; i < p.count; i++)
        free(p.words[i].folded);
    free(p.words);
    rs_strbuf_clear(&all);
    return found;
}
