/*
 * The search tables of a bundle: term statistics and suggestions.
 *
 * Both come from the finished full-text index, read once through fts5vocab.
 *
 * term_stat holds, for every index term, how many statements contain it.
 * Search reads it to weight the words of a query (the IDF of BM25) and to
 * complete the word being typed, instead of walking the whole doclist of a
 * common word on every keystroke.
 *
 * Suggestions are the chips of the search screen. Every chip's query is run
 * here against the real index, and its count is what that query finds; a
 * chip that would find nothing is dropped. The list, at most
 * SUGGESTION_MAX, alternates kinds so that any first part of it is varied:
 * incident, term, outlet, term, speaker, term, then again, a kind that has
 * run out being skipped.
 * - Incidents: those with the most statements first (ties by name); the
 *   query is the incident's slug and the chip opens the incident (its name
 *   is seldom in its texts: searching it found nothing for the largest).
 * - Outlets and speakers: those with the most statements first (ties by
 *   name), the name itself as the query.
 * - Terms: the corpus's most distinctive words, by tf-idf over the whole
 *   corpus: occurrences x ln((N + 1) / statements containing it). Words in a
 *   stop list, words shorter than three letters, numbers, single CJK
 *   characters and terms in more than half of the statements (in small
 *   collections: in all of them) are left out; in collections of 20 or more
 *   a term must be in at least two statements. A CJK term (the index's
 *   bigrams) must be a word by ICU's CJK dictionary (cjk_words.h): "网络",
 *   never "络安" across two words. Scripts take turns (Latin,
 *   Cyrillic, Greek, CJK, other), so that a collection that is mostly English
 *   still offers Chinese words to a kiosk without a Chinese keyboard. Index
 *   terms are stems ("hacker"), so each chip shows the word as the texts
 *   write it most often where that term occurs ("hackers"); ties go to the
 *   smaller byte string, so the choice is deterministic.
 */
#include "builder_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bundle.h"
#include "bundle_format.h"
#include "cjk_words.h"
#include "expect.h"
#include "search_query.h"
#include "tokenizer.h"
#include "utf8.h"
#define SUGGESTION_MAX 24
#define SUGGEST_INCIDENTS 6
#define SUGGEST_OUTLETS 4
#define SUGGEST_SPEAKERS 4
#define SUGGEST_TRIES 3          /* candidates tried per chip wanted, for those that find nothing */
#define TERM_CANDIDATES 64       /* best terms kept per script while reading the vocabulary */
#define SURFACE_SAMPLES 32       /* occurrences read to find a term's usual written form */

enum script { SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_GREEK, SCRIPT_CJK, SCRIPT_OTHER, SCRIPT_COUNT };

/* Function words that say nothing about a collection, in the forms people
 * write; they are run through the index's tokenizer before use. */
static const char *const stop_words[] = {
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "done", "each",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "may", "more", "most", "must", "no", "not", "of", "on", "one", "only", "or", "other",
    "our", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "under", "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your",
    "а", "без", "бы", "был", "была", "были", "было", "быть", "в", "во", "все", "всех", "где", "да", "для",
    "до", "его", "ее", "её", "если", "есть", "же", "за", "и", "из", "или", "им", "их", "к", "как", "ко",
    "когда", "кто", "ли", "на", "над", "не", "нет", "ни", "но", "о", "об", "от", "по", "под", "при", "с",
    "со", "так", "также", "то", "того", "только", "том", "у", "уже", "что", "чтобы", "это", "этого", "этой",
    "этом", "эти", "этот",
};

typedef struct term_candidate {
    char *term;
    double score;
} term_candidate;

typedef struct chip {
    int kind; /* rs_suggestion_kind order: incident, outlet, speaker, term */
    char *query, *label;
    const char *language;
    int64_t count;
} chip;

typedef struct chip_list {
    chip items[SUGGESTION_MAX];
    size_t count;
} chip_list;

typedef struct suggester {
    writer *w;
    fts5_tokenizer methods;
    Fts5Tokenizer *tokenizer; /* 'rostrum', as the index (each text in its language) */
    rs_cjk_words *words;      /* which CJK bigrams are words */
    char **stops;             /* stop words as index terms, sorted */
    size_t stop_count;
    term_candidate terms[SCRIPT_COUNT][TERM_CANDIDATES];
    size_t term_count[SCRIPT_COUNT];
    char *surfaces[SCRIPT_COUNT][TERM_CANDIDATES]; /* each term's written form, or NULL (resolve_surfaces) */
    const char *surface_languages[SCRIPT_COUNT][TERM_CANDIDATES];
    sqlite3_stmt *count, *instances, *text;
} suggester;

static enum script script_of(const char *term, size_t *characters)
{
    uint32_t first = 0;
    size_t n = 0, length = strlen(term);
    bool cjk = true;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(term + i, length - i, &cp);
        if (!n)
            first = cp;
        cjk = cjk && cp >= 0x2E80;
        n++;
    }
    *characters = n;
    if (cjk && n)
        return SCRIPT_CJK;
    if (first < 0x250 || (first >= 0x1E00 && first < 0x1F00))
        return SCRIPT_LATIN;
    if (first >= 0x400 && first < 0x530)
        return SCRIPT_CYRILLIC;
    if (first >= 0x370 && first < 0x400)
        return SCRIPT_GREEK;
    return SCRIPT_OTHER;
}

static int keep_first_token(void *context, int flags, const char *text, int length, int start, int end)
{
    (void)flags, (void)start, (void)end;
    char **out = context;
    if (!*out && length > 0)
        *out = rs_xstrndup(text, (size_t)length);
    return SQLITE_OK;
}

static bool is_stop_term(const suggester *s, const char *term)
{
    return bsearch(&term, s->stops, s->stop_count, sizeof *s->stops, build_compare_strings) != NULL;
}

/* Better first: higher score, then the smaller term. */
static int compare_candidates(const void *a, const void *b)
{
    const term_candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->term, y->term);
}

/* Whether a term of score would be among the TERM_CANDIDATES best of its
 * script (offer_term's test, before the costlier word test). */
static bool would_keep(const suggester *s, enum script script, const char *term, double score)
{
    const term_candidate *list = s->terms[script];
    size_t count = s->term_count[script];
    if (count < TERM_CANDIDATES)
        return true;
    term_candidate offered = {(char *)term, score};
    for (size_t i = 0; i < count; i++)
        if (compare_candidates(&offered, &list[i]) < 0)
            return true;
    return false;
}

/* Keeps term among the TERM_CANDIDATES best of its script. */
static void offer_term(suggester *s, enum script script, const char *term, double score)
{
    term_candidate *list = s->terms[script];
    size_t *count = &s->term_count[script];
    term_candidate offered = {(char *)term, score};
    if (*count == TERM_CANDIDATES) {
        size_t worst = 0;
        for (size_t i = 1; i < *count; i++)
            if (compare_candidates(&list[i], &list[worst]) > 0)
                worst = i;
        if (compare_candidates(&offered, &list[worst]) >= 0)
            return;
        free(list[worst].term);
        list[worst] = list[--*count];
    }
    list[*count].term = rs_xstrdup(term);
    list[(*count)++].score = score;
}

/* Reads the whole vocabulary once: every term into term_stat, the best into
 * the candidates. */
static bool read_vocabulary(suggester *s)
{
    writer *w = s->w;
    int64_t n = (int64_t)w->b->statement_count;
    int64_t least = n >= 20 ? 2 : 1;
    int64_t most = n >= 10 ? n / 2 : n > 1 ? n - 1 : 1;
    sqlite3_stmt *vocabulary = writer_prepare(w, "SELECT term, doc, cnt FROM temp.rostrum_vocabulary");
    sqlite3_stmt *insert = writer_prepare(w, "INSERT INTO term_stat(term, doc_count) VALUES(?1, ?2)");
    bool ok = vocabulary && insert;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(vocabulary)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(vocabulary, 0);
        int64_t doc = sqlite3_column_int64(vocabulary, 1), occurrences = sqlite3_column_int64(vocabulary, 2);
        if (!term)
            continue;
        sqlite3_bind_text(insert, 1, term, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, doc);
        ok = writer_step(w, insert);
        if (doc < least || doc > most)
            continue;
        size_t characters;
        enum script script = script_of(term, &characters);
        bool digits = true;
        for (const char *p = term; *p; p++)
            digits = digits && ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',');
        bool wanted = script == SCRIPT_CJK ? characters == 2 : characters >= 3 && !digits && !is_stop_term(s, term);
        double score = (double)occurrences * log((double)(n + 1) / (double)doc);
        if (wanted && script == SCRIPT_CJK)
            wanted = would_keep(s, script, term, score) && rs_cjk_words_is_word(s->words, term);
        if (wanted)
            offer_term(s, script, term, score);
    }
    if (ok && rc != SQLITE_DONE) {
        if (!w->error)
            w->error = rs_xstrdup(sqlite3_errmsg(w->db));
        ok = false;
    }
    sqlite3_finalize(vocabulary);
    sqlite3_finalize(insert);
    for (int script = 0; script < SCRIPT_COUNT; script++)
        qsort(s->terms[script], s->term_count[script], sizeof s->terms[script][0], compare_candidates);
    return ok;
}

/* How many statements the query finds, by the index itself; -1 on error. */
static int64_t count_matches(suggester *s, const char *query)
{
    char *expression = rs_search_query_expression(query);
    sqlite3_bind_text(s->count, 1, expression, -1, SQLITE_STATIC);
    int64_t count = sqlite3_step(s->count) == SQLITE_ROW ? sqlite3_column_int64(s->count, 0) : -1;
    sqlite3_reset(s->count);
    sqlite3_clear_bindings(s->count);
    free(expression);
    return count;
}

/* ---- written forms ----
 *
 * A term's written form is read from the first SURFACE_SAMPLES places the
 * index says it occurs (fts5vocab's instance table: by statement, column,
 * position). Reading each place's text again for each term made one long
 * statement cost its length times the places of every term tried (a 5 MB
 * statement took 46 s). So the places of every candidate are gathered first,
 * sorted by text, and each text is read and tokenized once for all the
 * terms that occur in it, stopping at its last place wanted: linear in the
 * text read. The forms found are then counted term by term, in the index's
 * order, exactly as one term at a time did. */

typedef struct sample {
    int64_t doc;
    int column, offset;   /* 0 title, 1 body; the token's position in it */
    uint32_t term;        /* candidate: script * TERM_CANDIDATES + rank */
    uint32_t order;       /* place in the order read (term by term, the index's order) */
    bool matched;         /* a token of the term was met at that position */
    char *form;           /* the token as written there, when matched and not empty */
    const char *language; /* of its statement, when matched */
} sample;

typedef struct sample_list {
    sample *items;
    size_t count, capacity;
} sample_list;

static const char *candidate_term(const suggester *s, uint32_t term)
{
    return s->terms[term / TERM_CANDIDATES][term % TERM_CANDIDATES].term;
}

/* Appends the places of every candidate term, as the index lists them. */
static bool gather_samples(suggester *s, sample_list *list)
{
    for (int script = 0; script < SCRIPT_COUNT; script++)
        for (size_t rank = 0; rank < s->term_count[script]; rank++) {
            uint32_t term = (uint32_t)(script * TERM_CANDIDATES) + (uint32_t)rank;
            sqlite3_bind_text(s->instances, 1, candidate_term(s, term), -1, SQLITE_STATIC);
            int rc;
            while ((rc = sqlite3_step(s->instances)) == SQLITE_ROW) {
                const char *column = (const char *)sqlite3_column_text(s->instances, 1);
                rs_grow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
                list->items[list->count] = (sample){
                    .doc = sqlite3_column_int64(s->instances, 0),
                    .column = column && strcmp(column, "title") == 0 ? 0 : 1,
                    .offset = sqlite3_column_int(s->instances, 2),
                    .term = term,
                    .order = (uint32_t)list->count,
                };
                list->count++;
            }
            sqlite3_reset(s->instances);
            sqlite3_clear_bindings(s->instances);
            if (rc != SQLITE_DONE) {
                if (!s->w->error)
                    s->w->error = rs_xstrdup(sqlite3_errmsg(s->w->db));
                return false;
            }
        }
    return true;
}

static int compare_samples_by_place(const void *a, const void *b)
{
    const sample *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->column != y->column)
        return x->column - y->column;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static int compare_samples_by_order(const void *a, const void *b)
{
    const sample *x = a, *y = b;
    return (x->order > y->order) - (x->order < y->order);
}

/* One text being tokenized for its samples (sorted by offset). */
typedef struct surface_pass {
    const suggester *s;
    sample *samples;
    size_t next, end;
    int position;
    const char *text, *language;
} surface_pass;

/* At each token: the samples at its position whose term it is take it as
 * their form (the first such token at a position, as the index wrote it).
 * Stops the tokenizer once the last sample's position is passed. */
static int match_samples(void *context, int flags, const char *piece, int length, int start, int end)
{
    surface_pass *p = context;
    if (!(flags & FTS5_TOKEN_COLOCATED))
        p->position++;
    while (p->next < p->end && p->samples[p->next].offset < p->position)
        p->next++;
    for (size_t j = p->next; j < p->end && p->samples[j].offset == p->position; j++) {
        sample *x = &p->samples[j];
        const char *term = candidate_term(p->s, x->term);
        if (!x->matched && length >= 0 && (size_t)length == strlen(term) && memcmp(piece, term, (size_t)length) == 0) {
            x->matched = true;
            if (end > start) {
                x->form = rs_xstrndup(p->text + start, (size_t)(end - start));
                x->language = p->language;
            }
        }
    }
    return p->next < p->end ? SQLITE_OK : SQLITE_DONE;
}

/* Reads each text that holds samples once, finding every sample's form;
 * leaves the samples in the order read. */
static void read_sample_texts(suggester *s, sample_list *list, const string_set *languages)
{
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, compare_samples_by_place);
    for (size_t first = 0, end; first < list->count; first = end) {
        const sample *group = &list->items[first];
        for (end = first; end < list->count && list->items[end].doc == group->doc &&
                          list->items[end].column == group->column;
             end++) {}
        sqlite3_bind_int64(s->text, 1, group->doc);
        if (sqlite3_step(s->text) == SQLITE_ROW) {
            const char *text = (const char *)sqlite3_column_text(s->text, group->column);
            int length = sqlite3_column_bytes(s->text, group->column);
            const char *found = (const char *)sqlite3_column_text(s->text, 2);
            int64_t k = found ? string_set_find(languages, found) : 0;
            surface_pass pass = {s, list->items, first, end, -1, text, k ? languages->items[k - 1] : NULL};
            if (text && rs_tokenizer_instance_document(&s->methods, s->tokenizer, found))
                s->methods.xTokenize(s->tokenizer, &pass, FTS5_TOKENIZE_DOCUMENT, text, length, match_samples);
        }
        sqlite3_reset(s->text);
    }
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, compare_samples_by_order);
}

typedef struct surface_form {
    const char *text;
    int count;
} surface_form;

/* From one term's samples (in the index's order): the form most of them
 * show, ties to the smaller byte string (newly allocated; NULL when none
 * was found), and the language of the first statement one was found in. */
static char *choose_surface(const sample *samples, size_t count, const char **language)
{
    surface_form forms[SURFACE_SAMPLES];
    size_t form_count = 0;
    *language = NULL;
    for (size_t i = 0; i < count; i++) {
        const sample *x = &samples[i];
        if (!x->form)
            continue;
        if (!*language)
            *language = x->language;
        size_t k = 0;
        while (k < form_count && strcmp(forms[k].text, x->form) != 0)
            k++;
        if (k == form_count) {
            if (form_count == SURFACE_SAMPLES)
                continue; /* not reached: the query reads at most SURFACE_SAMPLES places */
            forms[form_count++] = (surface_form){x->form, 0};
        }
        forms[k].count++;
    }
    size_t best = 0;
    for (size_t k = 1; k < form_count; k++)
        if (forms[k].count > forms[best].count ||
            (forms[k].count == forms[best].count && strcmp(forms[k].text, forms[best].text) < 0))
            best = k;
    return form_count ? rs_xstrdup(forms[best].text) : NULL;
}

/* The written form and language of every candidate term, into s->surfaces. */
static bool resolve_surfaces(suggester *s, const string_set *languages)
{
    sample_list list = {0};
    bool ok = gather_samples(s, &list);
    if (ok)
        read_sample_texts(s, &list, languages);
    for (size_t first = 0, end; ok && first < list.count; first = end) {
        uint32_t term = list.items[first].term;
        for (end = first; end < list.count && list.items[end].term == term; end++) {}
        size_t script = term / TERM_CANDIDATES, rank = term % TERM_CANDIDATES;
        s->surfaces[script][rank] = choose_surface(&list.items[first], end - first, &s->surface_languages[script][rank]);
    }
    for (size_t i = 0; i < list.count; i++)
        free(list.items[i].form);
    free(list.items);
    return ok;
}

/* ASCII case-insensitive: a term chip is not offered again as "xinhua"
 * when an outlet chip already searches "Xinhua". */
static bool already_offered(const chip_list *lists, size_t list_count, const char *query)
{
    for (size_t l = 0; l < list_count; l++)
        for (size_t i = 0; i < lists[l].count; i++)
            if (strcasecmp(lists[l].items[i].query, query) == 0)
                return true;
    return false;
}

/* Adds a chip for name if its query finds something. */
static bool offer_name(suggester *s, chip_list *list, int kind, const char *name, const char *language)
{
    int64_t count = count_matches(s, name);
    if (count < 0)
        return false;
    if (count > 0 && list->count < SUGGESTION_MAX)
        list->items[list->count++] = (chip){kind, rs_xstrdup(name), rs_xstrdup(name), language, count};
    return true;
}

typedef struct named_count {
    const char *name;
    const char *language; /* of its first statement in time order */
    int64_t count;
} named_count;

static int compare_named_counts(const void *a, const void *b)
{
    const named_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Chips for the names with the most statements, at most wanted of them. */
static bool offer_names(suggester *s, chip_list *list, int kind, named_count *names, size_t count, size_t wanted)
{
    qsort(names, count, sizeof *names, compare_named_counts);
    bool ok = true;
    for (size_t i = 0; ok && i < count && i < wanted * SUGGEST_TRIES && list->count < wanted; i++)
        ok = offer_name(s, list, kind, names[i].name, names[i].language);
    return ok;
}

/* Chips for the incidents with the most statements: each opens its
 * incident (query: the slug), counting the statements it lists. names
 * holds the incidents' names, each the very pointer of its incident's,
 * with their counts. */
static void offer_incidents(suggester *s, chip_list *list, named_count *names, size_t count)
{
    const build *b = s->w->b;
    qsort(names, count, sizeof *names, compare_named_counts);
    for (size_t i = 0; i < count && list->count < SUGGEST_INCIDENTS; i++) {
        const rs_incident_source *incident = NULL;
        for (size_t k = 0; !incident && k < b->incidents.count; k++)
            if (b->incidents.items[k].name == names[i].name)
                incident = &b->incidents.items[k];
        list->items[list->count++] = (chip){RS_SUGGEST_INCIDENT, rs_xstrdup(incident->slug),
                                            rs_xstrdup(incident->name), b->context.default_language, names[i].count};
    }
}

static bool choose_entities(suggester *s, chip_list lists[4], const string_set *outlets, const string_set *speakers)
{
    build *b = s->w->b;
    named_count *names = rs_xcalloc(b->incidents.count + outlets->count + speakers->count + 1, sizeof *names);
    for (size_t i = 0; i < b->incidents.count; i++)
        names[i] = (named_count){b->incidents.items[i].slug ? b->incidents.items[i].name : NULL, "und", 0};
    for (size_t r = 0; r < b->incident_ref_count; r++)
        if (b->incident_refs[r] != NO_INCIDENT)
            names[b->incident_refs[r]].count++;
    size_t incident_count = 0;
    for (size_t i = 0; i < b->incidents.count; i++)
        if (names[i].name && names[i].count > 0)
            names[incident_count++] = names[i];
    offer_incidents(s, &lists[RS_SUGGEST_INCIDENT], names, incident_count);
    bool ok = true;

    /* Outlets and speakers by how many statements they have, counted in
     * time order so each one's language is that of its first statement. */
    memset(names, 0, (outlets->count + 1) * sizeof *names);
    for (size_t i = 0; i < outlets->count; i++)
        names[i].name = outlets->items[i];
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        int64_t k = entry->outlet ? string_set_find(outlets, entry->outlet) : 0;
        if (k && !names[k - 1].count++)
            names[k - 1].language = entry->language;
    }
    ok = ok && offer_names(s, &lists[RS_SUGGEST_OUTLET], RS_SUGGEST_OUTLET, names, outlets->count, SUGGEST_OUTLETS);

    /* Speakers are (name, role) pairs; a chip is a name. Keys sort by name
     * first ("name\x1frole"), so one name's pairs are neighbours. */
    int64_t *per_key = rs_xcalloc(speakers->count + 1, sizeof *per_key);
    size_t *first_time = rs_xcalloc(speakers->count + 1, sizeof *first_time);
    for (size_t t = 0; t < b->statement_count; t++) {
        const statement_entry *entry = &b->statements[b->by_time[t]];
        int64_t k = entry->speaker_key ? string_set_find(speakers, entry->speaker_key) : 0;
        if (k && !per_key[k - 1]++)
            first_time[k - 1] = t;
    }
    size_t name_count = 0;
    char **owned = rs_xcalloc(speakers->count + 1, sizeof *owned);
    size_t *name_first = rs_xcalloc(speakers->count + 1, sizeof *name_first);
    for (size_t i = 0; i < speakers->count; i++) {
        const char *key = speakers->items[i];
        size_t length = (size_t)(strchr(key, '\x1f') - key);
        bool same_name = name_count && strlen(owned[name_count - 1]) == length &&
                         memcmp(owned[name_count - 1], key, length) == 0;
        if (!same_name) {
            owned[name_count] = rs_xstrndup(key, length);
            names[name_count] = (named_count){owned[name_count], NULL, 0};
            name_first[name_count] = SIZE_MAX;
            name_count++;
        }
        named_count *named = &names[name_count - 1];
        named->count += per_key[i];
        /* A name's language is that of its first statement in time order. */
        if (per_key[i] && first_time[i] < name_first[name_count - 1]) {
            name_first[name_count - 1] = first_time[i];
            named->language = b->statements[b->by_time[first_time[i]]].language;
        }
    }
    ok = ok && offer_names(s, &lists[RS_SUGGEST_SPEAKER], RS_SUGGEST_SPEAKER, names, name_count, SUGGEST_SPEAKERS);
    for (size_t i = 0; i < name_count; i++)
        free(owned[i]);
    free(owned);
    free(per_key);
    free(first_time);
    free(name_first);
    free(names);
    return ok;
}

/* Resolves the next best term of a script into a chip: its written form as
 * the query and label, and what that query finds. False when the script has
 * no candidate left. */
static bool next_term(suggester *s, enum script script, size_t *next, chip_list lists[4], chip *out, bool *error)
{
    while (*next < s->term_count[script]) {
        size_t rank = (*next)++;
        char *surface = s->surfaces[script][rank];
        const char *language = s->surface_languages[script][rank];
        s->surfaces[script][rank] = NULL; /* now surface's owner */
        if (!surface)
            continue;
        int64_t count = already_offered(lists, 4, surface) ? 0 : count_matches(s, surface);
        if (count < 0) {
            free(surface);
            *error = true;
            return false;
        }
        if (count == 0) {
            free(surface);
            continue;
        }
        *out = (chip){RS_SUGGEST_TERM, surface, rs_xstrdup(surface), language ? language : "und", count};
        return true;
    }
    return false;
}

static bool choose_terms(suggester *s, chip_list lists[4], size_t wanted)
{
    size_t next[SCRIPT_COUNT] = {0};
    bool error = false, any = true;
    chip_list *terms = &lists[RS_SUGGEST_TERM];
    while (!error && any && terms->count < wanted) {
        any = false;
        for (int script = 0; !error && script < SCRIPT_COUNT && terms->count < wanted; script++) {
            chip found;
            if (next_term(s, (enum script)script, &next[script], lists, &found, &error)) {
                terms->items[terms->count++] = found;
                any = true;
            }
        }
    }
    return !error;
}

bool suggestions_write(writer *w, const string_set *outlets, const string_set *speakers)
{
    build *b = w->b;
    suggester *s = rs_xcalloc(1, sizeof *s);
    s->w = w;
    chip_list *lists = rs_xcalloc(4, sizeof *lists);
    string_set languages = {0};
    string_set_build(&languages, &b->languages);
    s->words = rs_cjk_words_create();
    tokenizer_module index_tokenizer;
    bool ok = indexer_tokenizer(w, &index_tokenizer) &&
              index_tokenizer.methods.xCreate(index_tokenizer.context, NULL, 0, &s->tokenizer) == SQLITE_OK;
    s->methods = index_tokenizer.methods;
    if (!ok && !w->error)
        w->error = rs_xstrdup("cannot load the index's tokenizer to choose the suggestions");

    /* The stop words, as the index writes them. */
    size_t stop_total = sizeof stop_words / sizeof stop_words[0];
    s->stops = rs_xcalloc(stop_total, sizeof *s->stops);
    for (size_t i = 0; ok && i < stop_total; i++) {
        char *term = NULL;
        s->methods.xTokenize(s->tokenizer, &term, FTS5_TOKENIZE_QUERY, stop_words[i], (int)strlen(stop_words[i]),
                             keep_first_token);
        if (term)
            s->stops[s->stop_count++] = term;
    }
    qsort(s->stops, s->stop_count, sizeof *s->stops, build_compare_strings);

    ok = ok &&
         writer_exec(w, "CREATE VIRTUAL TABLE temp.rostrum_vocabulary USING fts5vocab(main, statement_fts, row);"
                     "CREATE VIRTUAL TABLE temp.rostrum_instances USING fts5vocab(main, statement_fts, instance);") &&
         read_vocabulary(s);
    if (ok) {
        s->count = writer_prepare(w, "SELECT count(*) FROM statement_fts WHERE statement_fts MATCH ?1");
        s->instances = writer_prepare(w, "SELECT doc, col, offset FROM temp.rostrum_instances WHERE term = ?1 LIMIT "
                                  RS_STRINGIFY(SURFACE_SAMPLES));
        s->text = writer_prepare(w, "SELECT t.title, t.body, s.language FROM statement_text t JOIN statement s ON s.id = t.id"
                              " WHERE t.id = ?1");
        ok = s->count && s->instances && s->text && resolve_surfaces(s, &languages);
    }
    ok = ok && choose_entities(s, lists, outlets, speakers);
    size_t entities = lists[RS_SUGGEST_INCIDENT].count + lists[RS_SUGGEST_OUTLET].count +
                      lists[RS_SUGGEST_SPEAKER].count;
    ok = ok && choose_terms(s, lists, SUGGESTION_MAX - entities);

    /* Kinds take turns; see the top of this section. */
    static const int turns[] = {RS_SUGGEST_INCIDENT, RS_SUGGEST_TERM, RS_SUGGEST_OUTLET,
                                RS_SUGGEST_TERM,     RS_SUGGEST_SPEAKER, RS_SUGGEST_TERM};
    size_t taken[4] = {0}, written = 0;
    sqlite3_stmt *insert = ok ? writer_prepare(w, "INSERT INTO suggestion(pos, kind, query, label, language, statement_count)"
                                           " VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
                              : NULL;
    ok = ok && insert;
    for (bool any = true; ok && any && written < SUGGESTION_MAX;) {
        any = false;
        for (size_t t = 0; ok && t < sizeof turns / sizeof turns[0] && written < SUGGESTION_MAX; t++) {
            int kind = turns[t];
            if (taken[kind] == lists[kind].count)
                continue;
            const chip *c = &lists[kind].items[taken[kind]++];
            any = true;
            sqlite3_bind_int64(insert, 1, (int64_t)written++);
            sqlite3_bind_text(insert, 2, rs_suggestion_kinds[kind], -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 3, c->query, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 4, c->label, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, c->language ? c->language : "und", -1, SQLITE_STATIC);
            sqlite3_bind_int64(insert, 6, c->count);
            ok = writer_step(w, insert);
        }
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(s->count);
    sqlite3_finalize(s->instances);
    sqlite3_finalize(s->text);
    ok = writer_exec(w, "DROP TABLE IF EXISTS temp.rostrum_vocabulary; DROP TABLE IF EXISTS temp.rostrum_instances;") && ok;
    for (int kind = 0; kind < 4; kind++)
        for (size_t i = 0; i < lists[kind].count; i++)
            free(lists[kind].items[i].query), free(lists[kind].items[i].label);
    for (int script = 0; script < SCRIPT_COUNT; script++)
        for (size_t i = 0; i < s->term_count[script]; i++)
            free(s->terms[script][i].term), free(s->surfaces[script][i]);
    for (size_t i = 0; i < s->stop_count; i++)
        free(s->stops[i]);
    free(s->stops);
    if (s->tokenizer)
        s->methods.xDelete(s->tokenizer);
    rs_cjk_words_destroy(s->words);
    free(s);
    free(lists);
    free(languages.items);
    return ok;
}

