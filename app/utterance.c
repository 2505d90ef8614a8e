/*
 * What Listen says (utterance.h): sentence splitting and the reader's list
 * of sentences. Pure C: no SDL, no espeak.
 *
 * Splitting is a small set of rules, not a trained model: a stop (. ! ? …
 * and the Chinese, Arabic and Devanagari ones) followed by closing quotes or
 * brackets ends a sentence when a space, the paragraph's end or (after a
 * full-width stop such as 。) anything at all follows. A missed break only
 * makes one highlighted sentence longer; a false break cuts a name in two
 * ("Mr. | Smith"), so where in doubt the rules do not break:
 *   - the next word starts with a small letter ("etc. and", '"Why?" he
 *     asked', "Wait... what"): no break;
 *   - a single letter before the dot (an initial, "J. Smith"), a word with a
 *     dot inside ("U.S.", "e.g.", "т.е.") or a title or reference word
 *     before a name or number ("Mr.", "Dr.", "No. 5", "Sra."): no break.
 */
#include "utterance.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "utf8.h"
#include "wrap.h"

static uint32_t decode_at(const char *text, size_t length, size_t i, size_t *size)
{
    uint32_t cp = 0;
    *size = rs_utf8_decode(text + i, length - i, &cp);
    return cp;
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* Stops that end a sentence with no space after them (Chinese, Japanese). */
static bool is_wide_stop(uint32_t cp)
{
    return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ || cp == 0xFF0E /* ． */ ||
           cp == 0xFF61 /* ｡ */;
}

static bool is_stop(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 /* … */ || cp == 0x061F /* ؟ */ ||
           cp == 0x06D4 /* ۔ */ || cp == 0x0964 || cp == 0x0965 /* । ॥ */ || cp == 0x203C || cp == 0x2047 ||
           cp == 0x2048 || cp == 0x2049 || is_wide_stop(cp);
}

/* Closing quotes and brackets that belong to the sentence they follow. */
static bool is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0x2019 /* ’ */ ||
           cp == 0x201D /* ” */ || cp == 0x00BB /* » */ || cp == 0x203A /* › */ || cp == 0x300D /* 」 */ ||
           cp == 0x300F /* 』 */ || cp == 0x3009 /* 〉 */ || cp == 0x300B /* 》 */ || cp == 0x3011 /* 】 */ ||
           cp == 0xFF09 /* ） */ || cp == 0xFF3D /* ］ */ || cp == 0xFF02 /* ＂ */ || cp == 0xFF07 /* ＇ */;
}

/* Opening quotes and brackets, skipped before a word. */
static bool is_opener(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x2018 || cp == 0x201C || cp == 0x00AB ||
           cp == 0x2039 || cp == 0x00BF /* ¿ */ || cp == 0x00A1 /* ¡ */;
}

/* A small letter of the Latin, Greek or Cyrillic alphabets. */
static bool is_lower(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return true;
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    if (cp >= 0x100 && cp <= 0x17F) { /* Latin Extended-A: capital and small letters in pairs */
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
            return true;
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return cp % 2 == 0;
        return cp != 0x178 && cp % 2 == 1;
    }
    if (cp >= 0x3B1 && cp <= 0x3C9)
        return true;
    return cp >= 0x430 && cp <= 0x45F;
}

static bool is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 &&
                                                                      cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF);
}

/* Words after which a dot is an abbreviation's, before a name or a number. */
static bool is_title_word(const char *word, size_t n)
{
    static const char *const words[] = {
        "Mr",  "Mrs", "Ms",  "Mx",  "Dr",   "Prof", "Sr",  "Jr",   "St",  "Gen", "Col", "Lt",  "Sgt",
        "Capt", "Gov", "Sen", "Rep", "Rev", "Hon",  "Pres", "No",  "Nos", "Vol", "Fig", "Art", "pp",  "vs",
        "Mme", "Mlle", "Mgr", "Sra", "Srta", "Dra", "Ud",  "Uds", "Dña", "тов", "им",  "ул",  "проф",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], word, n) == 0)
            return true;
    return false;
}

/* True when the '.' at text[dot] ends an abbreviation: the word before it
 * (from the sentence's start s or the last space, opening quotes skipped)
 * is one letter, has a dot inside, or is a title. */
static bool is_abbreviation(const char *text, size_t s, size_t dot)
{
    size_t w = dot;
    while (w > s && text[w - 1] != ' ' && text[w - 1] != '\n' && text[w - 1] != '\t')
        w--;
    /* Skip opening punctuation. */
    for (;;) {
        size_t size;
        uint32_t cp = decode_at(text, dot, w, &size);
        if (w >= dot || !is_opener(cp))
            break;
        w += size;
    }
    if (w >= dot)
        return false;
    size_t letters = 0, size;
    bool dotted = false, all_letters = true;
    for (size_t i = w; i < dot; i += size) {
        uint32_t cp = decode_at(text, dot, i, &size);
        if (cp == '.')
            dotted = true;
        else if (is_letter(cp))
            letters++;
        else
            all_letters = false;
    }
    if (!all_letters)
        return false;
    return dotted || letters == 1 || is_title_word(text + w, dot - w);
}

static void emit(rs_range *out, size_t max, size_t *count, size_t start, size_t end)
{
    if (*count < max)
        out[*count] = (rs_range){start, end};
    (*count)++;
}

/* The end of text[s..e) without its trailing spaces. */
static size_t trim_end(const char *text, size_t s, size_t e)
{
    while (e > s) {
        size_t back = e - 1;
        while (back > s && ((unsigned char)text[back] & 0xC0) == 0x80)
            back--;
        size_t size;
        if (!is_space(decode_at(text, e, back, &size)))
            break;
        e = back;
    }
    return e;
}

static size_t skip_spaces(const char *text, size_t i, size_t end)
{
    size_t size;
    while (i < end && is_space(decode_at(text, end, i, &size)))
        i += size;
    return i;
}

/* The sentences of one paragraph, text[from..to). */
static void split_paragraph(const char *text, size_t from, size_t to, rs_range *out, size_t max, size_t *count)
{
    size_t s = skip_spaces(text, from, to);
    size_t i = s, size;
    while (i < to) {
        uint32_t cp = decode_at(text, to, i, &size);
        if (!is_stop(cp)) {
            i += size;
            continue;
        }
        size_t stop = i;
        uint32_t last_stop = cp;
        size_t j = i;
        while (j < to) {
            uint32_t c = decode_at(text, to, j, &size);
            if (is_stop(c))
                last_stop = c;
            else if (!is_closer(c)) {
                /* French sets a space before its closing guillemet: « Non. » */
                size_t k = skip_spaces(text, j, to);
                if (k == j || k >= to)
                    break;
                c = decode_at(text, to, k, &size);
                if (c != 0x00BB && c != 0x203A)
                    break;
                j = k;
            }
            j += size;
        }
        size_t next = skip_spaces(text, j, to);
        bool ends;
        if (next >= to)
            ends = true;
        else if (is_wide_stop(last_stop))
            ends = true;
        else if (next == j)
            ends = false; /* "3.5", "U.S.A", "?!x": no space after */
        else {
            uint32_t after = decode_at(text, to, next, &size);
            ends = !is_lower(after) && !(j == stop + 1 && cp == '.' && is_abbreviation(text, s, stop));
        }
        if (ends) {
            emit(out, max, count, s, trim_end(text, s, j));
            s = next;
        }
        i = j;
    }
    if (s < to) {
        size_t e = trim_end(text, s, to);
        if (e > s)
            emit(out, max, count, s, e);
    }
}

/* Calls each for every paragraph of text, as the reader lays them out
 * (rs_paragraph_next). */
typedef void (*paragraph_fn)(void *context, size_t from, size_t to, int paragraph);

static void each_paragraph(const char *text, size_t length, paragraph_fn each, void *context)
{
    size_t at = 0, from, to;
    for (int paragraph = 0; rs_paragraph_next(text, length, &at, &from, &to); paragraph++)
        each(context, from, to, paragraph);
}

typedef struct split_state {
    const char *text;
    rs_range *out;
    size_t max, count;
} split_state;

static void split_each(void *context, size_t from, size_t to, int paragraph)
{
    (void)paragraph;
    split_state *st = context;
    split_paragraph(st->text, from, to, st->out, st->max, &st->count);
}

size_t rs_sentences_split(const char *text, size_t length, rs_range *out, size_t max)
{
    split_state st = {text, out, max, 0};
    each_paragraph(text, length, split_each, &st);
    return st.count;
}

/* ---- the reader's utterance ---- */

typedef struct builder {
    rs_utterance *u;
    size_t capacity;
    const char *body, *language;
} builder;

static rs_sentence *add(builder *b, rs_sentence_part part, const char *language, char *text)
{
    rs_grow(&b->u->items, &b->capacity, b->u->count + 1, sizeof *b->u->items);
    rs_sentence *sentence = &b->u->items[b->u->count++];
    *sentence = (rs_sentence){.part = part, .paragraph = -1, .text = text};
    snprintf(sentence->language, sizeof sentence->language, "%s", language ? language : "en");
    return sentence;
}

static void add_body_paragraph(void *context, size_t from, size_t to, int paragraph)
{
    builder *b = context;
    rs_range local[64];
    /* A paragraph of more than 64 sentences is split in passes, each going
     * on after the last sentence of the one before (a sentence's end is
     * where a split from there starts anew). */
    for (;;) {
        size_t count = 0;
        split_paragraph(b->body, from, to, local, 64, &count);
        size_t n = count < 64 ? count : 64;
        for (size_t k = 0; k < n; k++) {
            rs_sentence *s = add(b, RS_SAY_BODY, b->language,
                                 rs_xstrndup(b->body + local[k].start, local[k].end - local[k].start));
            s->start = local[k].start, s->end = local[k].end, s->paragraph = paragraph;
        }
        if (count <= 64)
            return;
        from = local[63].end;
    }
}

/* The language the date and the speaker are said in: the statement's when
 * it is a UI language (its words are in the catalogs), else the UI's. */
static rs_ui_language spoken_ui(const char *statement_language, rs_ui_language ui)
{
    rs_ui_language l;
    return rs_i18n_parse(statement_language, &l) ? l : ui;
}

/* "speaker, role, outlet" with the language's comma. */
static char *who_spoke(const rs_statement *st, rs_ui_language language)
{
    const char *comma = language == RS_UI_ZH ? "，" : language == RS_UI_AR ? "، " : ", ";
    const char *outlet = st->outlet ? st->outlet : _("Outlet unknown");
    if (st->speaker && st->speaker_role)
        return rs_xasprintf("%s%s%s%s%s", st->speaker, comma, st->speaker_role, comma, outlet);
    if (st->speaker)
        return rs_xasprintf("%s%s%s", st->speaker, comma, outlet);
    return rs_xstrdup(outlet);
}

bool rs_utterance_build(const rs_screen *s, rs_ui_language ui, rs_utterance *out)
{
    *out = (rs_utterance){0};
    if (!s || s->kind != RS_SCREEN_READER)
        return false;
    const rs_statement *st = &s->statement;
    builder b = {.u = out, .body = st->body ? st->body : "", .language = st->language};
    const char *title = st->title ? st->title : "";
    size_t title_start = skip_spaces(title, 0, strlen(title));
    size_t title_end = trim_end(title, title_start, strlen(title));
    if (title_end > title_start) {
        rs_sentence *t = add(&b, RS_SAY_TITLE, st->language, rs_xstrndup(title + title_start, title_end - title_start));
        t->start = title_start, t->end = title_end;
    }

    /* The date and who spoke, with the catalog of the language they are
     * said in for the moment (the words "Date unknown", "(inferred)", the
     * month's name). */
    rs_ui_language said = spoken_ui(st->language, ui), before = rs_i18n_current();
    rs_i18n_set(said);
    char date[192];
    rs_i18n_date(st->date, st->date_note != NULL, date, sizeof date);
    char language[16];
    snprintf(language, sizeof language, "%.2s", rs_i18n_code(said));
    add(&b, RS_SAY_DATE, language, rs_xstrdup(date));
    add(&b, RS_SAY_SPEAKER, language, who_spoke(st, said));
    rs_i18n_set(before);

    each_paragraph(b.body, strlen(b.body), add_body_paragraph, &b);
    return true;
}

void rs_utterance_free(rs_utterance *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->count; i++)
        free(u->items[i].text);
    free(u->items);
    *u = (rs_utterance){0};
}

bool rs_utterance_copy(const rs_utterance *u, rs_utterance *out)
{
    *out = (rs_utterance){0};
    if (!u->count)
        return true;
    out->items = rs_xmalloc(u->count * sizeof *out->items);
    for (size_t i = 0; i < u->count; i++) {
        out->items[i] = u->items[i];
        out->items[i].text = rs_xstrdup(u->items[i].text ? u->items[i].text : "");
    }
    out->count = u->count;
    return true;
}
