/*
 * Roles from sentence patterns. Each sentence is looked at apart: the
 * countries named in it (every mention, from places.c) and the accusation
 * words in it (cues). A cue gives a role only to a country in a fixed
 * position around it: the subject before an accusing verb, the object
 * straight after it, the country after "against"/"对"/"в адрес", the one
 * after "by" or before "'s". Anything looser would guess; the curator
 * would rather see "mentioned" than a wrong "accused".
 */
#include "roles.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "expect.h"

typedef struct {
    char code[3];
    size_t start, end;
} mention;

typedef struct {
    mention *items;
    size_t count, capacity;
} mentions;

static void add_mention(const char *code, size_t start, size_t length, void *context)
{
    mentions *m = context;
    rs_grow(&m->items, &m->capacity, m->count + 1, sizeof *m->items);
    memcpy(m->items[m->count].code, code, 3);
    m->items[m->count].start = start;
    m->items[m->count].end = start + length;
    m->count++;
}

typedef enum { CUE_EN_VERB, CUE_EN_NOUN, CUE_ZH, CUE_RU_VERB, CUE_RU_NOUN } cue_kind;

/* English words match whole (the first letter in either case); Chinese
 * anywhere; Russian as the start of a word. */
static const struct { const char *text; cue_kind kind; } cues[] = {
    {"accused", CUE_EN_VERB},     {"accuses", CUE_EN_VERB},      {"accuse", CUE_EN_VERB},
    {"accusing", CUE_EN_VERB},    {"attributed", CUE_EN_VERB},   {"attributes", CUE_EN_VERB},
    {"attribute", CUE_EN_VERB},   {"attributing", CUE_EN_VERB},  {"blamed", CUE_EN_VERB},
    {"blames", CUE_EN_VERB},      {"accusation", CUE_EN_NOUN},   {"accusations", CUE_EN_NOUN},
    {"allegation", CUE_EN_NOUN},  {"allegations", CUE_EN_NOUN},  {"charges", CUE_EN_NOUN},
    {"smear", CUE_EN_NOUN},       {"slander", CUE_EN_NOUN},      {"指责", CUE_ZH},
    {"指控", CUE_ZH},             {"抹黑", CUE_ZH},              {"污蔑", CUE_ZH},
    {"诬蔑", CUE_ZH},             {"обвинил", CUE_RU_VERB},      {"обвиняет", CUE_RU_VERB},
    {"обвиняют", CUE_RU_VERB},    {"обвинени", CUE_RU_NOUN},     {"Обвинени", CUE_RU_NOUN},
};

static bool word_byte(unsigned char c) { return isalnum(c) || c >= 0x80 || c == '\'' || c == '-'; }

/* The cue at text[at], if any, and its end. */
static bool cue_at(const char *text, size_t at, size_t start, cue_kind *kind, size_t *end)
{
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++) {
        const char *c = cues[i].text;
        size_t n = strlen(c);
        bool english = cues[i].kind == CUE_EN_VERB || cues[i].kind == CUE_EN_NOUN;
        if (english ? (tolower((unsigned char)text[at]) != c[0] || strncmp(text + at + 1, c + 1, n - 1) != 0)
                    : strncmp(text + at, c, n) != 0)
            continue;
        if (cues[i].kind != CUE_ZH && at > start && word_byte((unsigned char)text[at - 1]))
            continue;
        if (english && word_byte((unsigned char)text[at + n]))
            continue;
        *kind = cues[i].kind;
        *end = at + n;
        if (cues[i].kind == CUE_RU_VERB || cues[i].kind == CUE_RU_NOUN)
            while (word_byte((unsigned char)text[*end]))
                (*end)++;
        return true;
    }
    return false;
}

/* The word before text[at] (skipping spaces) equals one of words (ASCII,
 * case ignored); its start into *word_start. */
static bool word_before(const char *text, size_t start, size_t at, const char *const *words, size_t *word_start)
{
    size_t e = at;
    while (e > start && text[e - 1] == ' ')
        e--;
    size_t s = e;
    while (s > start && word_byte((unsigned char)text[s - 1]))
        s--;
    if (e - s == 3 && strncasecmp(text + s, "the", 3) == 0 && s > start) /* "against the UK" */
        return word_before(text, start, s, words, word_start);
    for (const char *const *w = words; *w; w++)
        if (e - s == strlen(*w) && strncasecmp(text + s, *w, e - s) == 0) {
            if (word_start)
                *word_start = s;
            return true;
        }
    return false;
}

/* After text[at]: spaces, then word (case ignored), then spaces and an
 * optional "the ": where the next word starts, or 0 when word is not there. */
static size_t after_word(const char *text, size_t at, size_t end, const char *word)
{
    while (at < end && text[at] == ' ')
        at++;
    size_t n = strlen(word);
    if (at + n > end || strncasecmp(text + at, word, n) != 0 || (n && word_byte((unsigned char)text[at + n])))
        return 0;
    at += n;
    while (at < end && text[at] == ' ')
        at++;
    if (at + 4 <= end && strncasecmp(text + at, "the ", 4) == 0)
        at += 4;
    return at;
}

/* The mention starting exactly at at (within the sentence's mentions). */
static const mention *mention_at(const mentions *m, size_t from, size_t to, size_t at)
{
    for (size_t i = from; i < to; i++)
        if (m->items[i].start == at)
            return &m->items[i];
    return NULL;
}

typedef struct {
    rs_role_guess *guesses;
    size_t count;
    const char *text;
    int title_first;
    char *accuser[64], *accused[64]; /* evidence per guess */
} verdicts;

/* Evidence: the sentence's words around the cue, and the paragraph. */
static char *evidence(const verdicts *v, size_t sentence_start, size_t sentence_end, size_t cue)
{
    while (sentence_start < sentence_end && (v->text[sentence_start] == ' ' || v->text[sentence_start] == '\n'))
        sentence_start++;
    while (sentence_end > sentence_start && (v->text[sentence_end - 1] == ' ' || v->text[sentence_end - 1] == '\n'))
        sentence_end--;
    /* The whole sentence up to 100 characters; else 40 characters before
     * the cue and 50 from it on, cut at spaces. */
    size_t s = sentence_start, e = sentence_end, characters = 0;
    for (size_t i = s; i < e; i++)
        characters += ((unsigned char)v->text[i] & 0xC0) != 0x80;
    if (characters > 100) {
        s = cue;
        e = cue;
        for (int n = 0; n < 40 && s > sentence_start;) {
            s--;
            n += ((unsigned char)v->text[s] & 0xC0) != 0x80;
        }
        for (int n = 0; n < 50 && e < sentence_end; n++) {
            e++;
            while (e < sentence_end && ((unsigned char)v->text[e] & 0xC0) == 0x80)
                e++;
        }
        const char *space = memchr(v->text + s, ' ', cue - s);
        if (s > sentence_start && space)
            s = (size_t)(space - v->text) + 1;
        size_t last = e;
        while (last > cue && v->text[last - 1] != ' ')
            last--;
        if (e < sentence_end && last > cue)
            e = last - 1;
    }
    int paragraph = 1;
    for (size_t i = 0; i + 1 < sentence_start; i++)
        paragraph += v->text[i] == '\n' && v->text[i + 1] == '\n';
    char where[32];
    if (v->title_first && paragraph == 1)
        snprintf(where, sizeof where, "the title");
    else
        snprintf(where, sizeof where, "paragraph %d", paragraph - (v->title_first ? 1 : 0));
    size_t n = (size_t)snprintf(NULL, 0, "\"%s%.*s%s\" (%s)", s > sentence_start ? "..." : "", (int)(e - s), v->text + s,
                                e < sentence_end ? "..." : "", where);
    char *out = rs_xmalloc(n + 1);
    snprintf(out, n + 1, "\"%s%.*s%s\" (%s)", s > sentence_start ? "..." : "", (int)(e - s), v->text + s,
             e < sentence_end ? "..." : "", where);
    for (char *p = out; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return out;
}

static void give(verdicts *v, const mention *who, bool accuser, size_t s, size_t e, size_t cue)
{
    for (size_t i = 0; who && i < v->count && i < 64; i++) {
        if (strcmp(v->guesses[i].code, who->code) != 0)
            continue;
        char **slot = accuser ? &v->accuser[i] : &v->accused[i];
        if (!*slot)
            *slot = evidence(v, s, e, cue);
    }
}

static const char *const passive[] = {"was", "were", "been", "being", "is", "are", "be", NULL};
static const char *const prepositions[] = {"against", "of", "on", "to", "in", "from", "with", "at", NULL};

/* English: subjects before a verb, its object, "attribute ... to X",
 * "accusation(s) against/by X", "X's accusation". */
static void english_cue(verdicts *v, const mentions *m, size_t from, size_t to, size_t s, size_t e, size_t cue,
                        size_t cue_end, cue_kind kind)
{
    const char *t = v->text;
    if (kind == CUE_EN_VERB && !word_before(t, s, cue, passive, NULL)) {
        for (size_t i = from; i < to && m->items[i].end <= cue; i++)
            if (!word_before(t, s, m->items[i].start, prepositions, NULL))
                give(v, &m->items[i], true, s, e, cue);
        size_t object = after_word(t, cue_end, e, "");
        give(v, mention_at(m, from, to, object), false, s, e, cue);
        if (t[cue] == 'a' || t[cue] == 'A') /* "attributes the attack on ... to Russia" */
            for (size_t i = from; i < to; i++)
                if (m->items[i].start > cue_end && word_before(t, s, m->items[i].start, (const char *const[]){"to", NULL}, NULL)) {
                    give(v, &m->items[i], false, s, e, cue);
                    break;
                }
        return;
    }
    if (kind == CUE_EN_VERB) { /* "China was accused by the US" */
        size_t by = after_word(t, cue_end, e, "by");
        give(v, by ? mention_at(m, from, to, by) : NULL, true, s, e, cue);
        return;
    }
    /* A noun: "X's accusation", "US accusations", then up to six words to
     * "against X" or "by X". */
    for (size_t i = from; i < to; i++) {
        size_t gap = cue - m->items[i].end;
        if (m->items[i].end <= cue && gap <= 5 &&
            (strncmp(t + m->items[i].end, "'s ", 3) == 0 || strncmp(t + m->items[i].end, "\xE2\x80\x99s ", 5) == 0 ||
             gap == 1))
            give(v, &m->items[i], true, s, e, cue);
    }
    size_t p = cue_end;
    for (int words = 0; words < 6 && p < e; words++) {
        size_t against = after_word(t, p, e, "against"), by = after_word(t, p, e, "by");
        if (against || by) {
            give(v, mention_at(m, from, to, against ? against : by), by != 0, s, e, cue);
            p = against ? against : by;
            if (by)
                break;
            continue;
        }
        while (p < e && t[p] == ' ')
            p++;
        while (p < e && word_byte((unsigned char)t[p]))
            p++;
        if (p < e && strchr(",;:", t[p]))
            break;
    }
}

/* Chinese: "对X...指责" (X accused), "指责X" (X accused), and the nearest
 * other country before the cue (the accuser: "美方...对中国进行无端指责"). */
static void chinese_cue(verdicts *v, const mentions *m, size_t from, size_t to, size_t s, size_t e, size_t cue,
                        size_t cue_end)
{
    const char *t = v->text;
    const mention *against = NULL;
    for (size_t i = from; i < to && m->items[i].end <= cue; i++)
        if (m->items[i].start >= s + 3 && strncmp(t + m->items[i].start - 3, "对", 3) == 0 && cue - m->items[i].end <= 24)
            against = &m->items[i];
    give(v, against, false, s, e, cue);
    for (size_t i = to; i-- > from;)
        if (m->items[i].end <= cue && &m->items[i] != against) {
            if (!against || m->items[i].end <= against->start)
                give(v, &m->items[i], true, s, e, cue);
            break;
        }
    give(v, mention_at(m, from, to, cue_end), false, s, e, cue);
}

/* Russian: "X обвинил Y", "обвинения X" (genitive: the accuser),
 * "обвинения в адрес/против X", "в причастности X" (accused). */
static void russian_cue(verdicts *v, const mentions *m, size_t from, size_t to, size_t s, size_t e, size_t cue,
                        size_t cue_end, cue_kind kind)
{
    const char *t = v->text;
    if (kind == CUE_RU_VERB) {
        for (size_t i = to; i-- > from;)
            if (m->items[i].end <= cue) {
                give(v, &m->items[i], true, s, e, cue);
                break;
            }
        give(v, mention_at(m, from, to, after_word(t, cue_end, e, "")), false, s, e, cue);
    } else {
        size_t p = cue_end;
        while (p < e && t[p] == ' ')
            p++;
        const mention *next = NULL;
        for (size_t i = from; i < to && !next; i++)
            if (m->items[i].start >= p)
                next = &m->items[i];
        if (next && (after_word(t, p, e, "в адрес") == next->start || after_word(t, p, e, "против") == next->start))
            give(v, next, false, s, e, cue);
        else if (next) { /* "обвинения Лондона", "обвинения властей Молдавии": at most one word between */
            size_t q = p, words = 0;
            while (q < next->start) {
                while (q < next->start && t[q] == ' ')
                    q++;
                size_t w = q;
                while (q < next->start && word_byte((unsigned char)t[q]))
                    q++;
                words += q > w;
                if (q == w)
                    break;
            }
            if (q == next->start && words <= 1 && !after_word(t, p, e, "в"))
                give(v, next, true, s, e, cue);
        }
    }
    static const char *const involvement[] = {"причастности", NULL}; /* "в причастности России" */
    for (size_t i = from; i < to; i++)
        if (m->items[i].start > cue && word_before(t, s, m->items[i].start, involvement, NULL))
            give(v, &m->items[i], false, s, e, cue);
}

static bool sentence_end(const char *t, size_t i, size_t *next)
{
    if (t[i] == '\n') {
        *next = i + 1;
        return true;
    }
    if (strchr(".!?", t[i]) && t[i] && (t[i + 1] == ' ' || t[i + 1] == '\n' || !t[i + 1])) {
        *next = i + 1;
        return true;
    }
    if (strncmp(t + i, "。", 3) == 0 || strncmp(t + i, "！", 3) == 0 || strncmp(t + i, "？", 3) == 0) {
        *next = i + 3;
        return true;
    }
    return false;
}

static void sentence(verdicts *v, const mentions *m, size_t *first, size_t s, size_t e)
{
    size_t from = *first, to = from;
    while (from < m->count && m->items[from].start < s)
        from++;
    to = from;
    while (to < m->count && m->items[to].end <= e)
        to++;
    *first = to;
    if (from == to)
        return;
    for (size_t at = s; at < e; at++) {
        cue_kind kind;
        size_t cue_end;
        if (!cue_at(v->text, at, s, &kind, &cue_end))
            continue;
        if (kind == CUE_EN_VERB || kind == CUE_EN_NOUN)
            english_cue(v, m, from, to, s, e, at, cue_end, kind);
        else if (kind == CUE_ZH)
            chinese_cue(v, m, from, to, s, e, at, cue_end);
        else
            russian_cue(v, m, from, to, s, e, at, cue_end, kind);
        at = cue_end - 1;
    }
}

void rs_roles_guess(const rs_places *places, const char *text, int title_first, rs_role_guess *guesses, size_t count)
{
    mentions m = {0};
    rs_places_scan_all(places, text, add_mention, &m);
    verdicts v = {.guesses = guesses, .count = count, .text = text, .title_first = title_first};
    size_t s = 0, first = 0;
    for (size_t i = 0; text[i]; i++) {
        size_t next;
        if (sentence_end(text, i, &next)) {
            sentence(&v, &m, &first, s, next);
            s = next;
            i = next - 1;
        }
    }
    sentence(&v, &m, &first, s, strlen(text));
    for (size_t i = 0; i < count; i++) {
        char *accuser = i < 64 ? v.accuser[i] : NULL, *accused = i < 64 ? v.accused[i] : NULL;
        guesses[i].role = "mentioned";
        guesses[i].evidence = NULL;
        if (accuser && accused) {
            size_t n = strlen(accuser) + strlen(accused) + 64;
            guesses[i].evidence = rs_xmalloc(n);
            snprintf(guesses[i].evidence, n, "accuser by %s, accused by %s: which?", accuser, accused);
        } else if (accuser || accused) {
            guesses[i].role = accuser ? "accuser" : "accused";
            guesses[i].evidence = rs_xstrdup(accuser ? accuser : accused);
        }
        free(accuser);
        free(accused);
    }
    free(m.items);
}
