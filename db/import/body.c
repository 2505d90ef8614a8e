/*
 * Making the body. Three passes over the page's lines:
 *  1. each line judged on its own (chrome.c);
 *  2. runs of three or more short lines that are not sentences (a site's
 *     menus) dropped as navigation, and the headline found;
 *  3. the kept lines joined into paragraphs: lines of one block (no blank
 *     line between them) are joined when the first does not end a sentence,
 *     when the next starts in lower case, or when the whole block is
 *     hard-wrapped (every line but its last between 40 and 100 characters).
 */
#include "body.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "chrome.h"
#include "dates.h"
#include "expect.h"
#include "strbuf.h"
#include "utf8.h"

typedef enum { LINE_BLANK, LINE_KEEP, LINE_DROP, LINE_TITLE } line_state;

typedef struct {
    const char *text; /* trimmed; not owned */
    size_t length;    /* kept length */
    int number;
    line_state state;
    const char *reason;
    bool unsure;
} line_info;

static bool space_byte(const char *p)
{
    return *p == ' ' || *p == '\t' || *p == '\f' || *p == '\v';
}

/* Also trims U+00A0 and U+3000, which pages use for indenting. */
static void trim(const char **text, size_t *length)
{
    const char *p = *text;
    size_t n = *length;
    for (;;) {
        if (n > 0 && space_byte(p)) {
            p++, n--;
        } else if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2, n -= 2;
        } else if (n >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) {
            p += 3, n -= 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (n > 0 && space_byte(p + n - 1))
            n--;
        else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0)
            n -= 2;
        else if (n >= 3 && memcmp(p + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    *text = p;
    *length = n;
}

/* The last code point of text[0..length). */
static uint32_t last_code_point(const char *text, size_t length)
{
    size_t start = length;
    while (start > 0 && ((unsigned char)text[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0)
        start--;
    uint32_t cp = 0;
    if (length > 0)
        rs_utf8_decode(text + start, length - start, &cp);
    return cp;
}

/* Ends a sentence: . ! ? … : ; and closing quotes or brackets after them,
 * and the CJK full stops. */
static bool ends_sentence(const char *text, size_t length)
{
    while (length > 0) {
        uint32_t cp = last_code_point(text, length);
        if (cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == ')' || cp == 0xFF09 ||
            cp == 0x300D || cp == 0x300F) {
            size_t start = length;
            while (start > 0 && ((unsigned char)text[start - 1] & 0xC0) == 0x80)
                start--;
            length = start - 1;
            continue;
        }
        return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':' || cp == ';' || cp == 0x3002 ||
               cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A || cp == 0xFF1B;
    }
    return false;
}

static size_t word_count(const char *text, size_t length)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < length; i++) {
        bool space = text[i] == ' ';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

static bool cjk(uint32_t cp) { return cp >= 0x2E80 && cp <= 0x9FFF ? true : cp >= 0xF900 && cp <= 0xFFEF; }

static bool has_cjk(const char *text, size_t length)
{
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        if (cjk(cp))
            return true;
    }
    return false;
}

/* A menu entry, a heading: few words and no sentence end. Chinese lines
 * have no spaces, so their length in bytes stands in for words. */
static bool short_line(const char *text, size_t length)
{
    if (ends_sentence(text, length))
        return false;
    if (has_cjk(text, length))
        return length <= 30;
    return word_count(text, length) <= 5 && length <= 60;
}

/* A line that is a date and little else ("Published 19 July 2021",
 * "12 марта 2019, 10:05"): the header takes the date from it. */
static bool date_line(const char *text, size_t length)
{
    if (length > 80 || ends_sentence(text, length))
        return false;
    char copy[81];
    memcpy(copy, text, length);
    copy[length] = '\0';
    rs_date_found full;
    return rs_dates_find(copy, &full, NULL) && length - strlen(full.said) <= 16;
}

static void add_note(rs_body_note **notes, size_t *count, size_t *capacity, const line_info *line)
{
    rs_grow(notes, capacity, *count + 1, sizeof **notes);
    (*notes)[*count].line = line->number;
    (*notes)[*count].text = rs_xstrndup(line->text, line->length);
    (*notes)[*count].reason = line->reason;
    (*count)++;
}

/* Pass 2: runs of short lines are menus. Blank and dropped lines inside a
 * run do not end it; lines already dropped (a "Home", a breadcrumb) count
 * as members. */
static void drop_menus(line_info *lines, size_t count)
{
    for (size_t i = 0; i < count;) {
        bool starts = lines[i].state == LINE_DROP ||
                      (lines[i].state == LINE_KEEP && short_line(lines[i].text, lines[i].length));
        if (!starts) {
            i++;
            continue;
        }
        size_t run = 0, kept = 0, end = i;
        for (size_t j = i; j < count; j++) {
            if (lines[j].state == LINE_BLANK)
                continue;
            if (lines[j].state == LINE_DROP) { /* "Home", a breadcrumb: part of the menu */
                run++;
                continue;
            }
            if (!short_line(lines[j].text, lines[j].length))
                break;
            run++;
            kept++;
            end = j + 1;
        }
        /* Two short lines at least: a headline between "Home" and a time
         * stamp is not a menu. */
        if (run >= 3 && kept >= 2)
            for (size_t j = i; j < end; j++)
                if (lines[j].state == LINE_KEEP) {
                    lines[j].state = LINE_DROP;
                    lines[j].reason = "navigation menu";
                }
        i = end > i ? end : i + 1;
    }
}

static bool same_text(const char *a, size_t a_length, const char *b)
{
    size_t n = strlen(b);
    return a_length == n && memcmp(a, b, n) == 0;
}

static bool starts_lower(const char *text, size_t length);

static bool headline(const line_info *line)
{
    return !ends_sentence(line->text, line->length) && word_count(line->text, line->length) <= 30 &&
           line->length <= 300;
}

/* The headline: the page's title hint's line, or the first kept line when
 * it is not a sentence (no sentence end, at most 30 words). */
static void find_title(rs_body *body, line_info *lines, size_t count, const char *hint)
{
    for (size_t i = 0; i < count; i++) {
        if (lines[i].state != LINE_KEEP)
            continue;
        if (hint) {
            if (same_text(lines[i].text, lines[i].length, hint)) {
                lines[i].state = LINE_TITLE;
                body->title_line = lines[i].number;
                return;
            }
            continue;
        }
        /* A headline has text after it: a lone line is the statement. */
        bool more = false;
        for (size_t j = i + 1; j < count && !more; j++)
            more = lines[j].state == LINE_KEEP;
        if (!more || !headline(&lines[i]))
            return;
        /* The last headline-like line before the text: a site's name or a
         * section above the headline is furniture. */
        size_t title = i;
        for (size_t j = i + 1; j < count; j++) {
            if (lines[j].state == LINE_BLANK)
                break; /* the headline block ends at the first blank line */
            if (lines[j].state != LINE_KEEP)
                continue;
            if (!headline(&lines[j]) || starts_lower(lines[j].text, lines[j].length))
                break;
            bool after = false;
            for (size_t k = j + 1; k < count && !after; k++)
                after = lines[k].state == LINE_KEEP;
            if (!after)
                break;
            title = j;
        }
        for (size_t j = i; j < title; j++)
            if (lines[j].state == LINE_KEEP) {
                lines[j].state = LINE_DROP;
                lines[j].reason = "above the headline";
            }
        lines[title].state = LINE_TITLE;
        body->title = rs_xstrndup(lines[title].text, lines[title].length);
        body->title_line = lines[title].number;
        return;
    }
}

static bool starts_lower(const char *text, size_t length)
{
    uint32_t cp;
    rs_utf8_decode(text, length, &cp);
    return (cp >= 'a' && cp <= 'z') || (cp >= 0x430 && cp <= 0x44F);
}

static void end_paragraph(rs_body *body, rs_strbuf *paragraph)
{
    if (paragraph->length == 0)
        return;
    rs_grow(&body->paragraphs, &body->paragraph_capacity, body->paragraph_count + 1, sizeof *body->paragraphs);
    body->paragraphs[body->paragraph_count++] = rs_xstrndup(paragraph->data, paragraph->length);
    paragraph->length = 0;
}

/* Every line but the last of the block from first (kept lines only) is
 * 40..100 characters: a text wrapped at a fixed width. */
static bool wrapped_block(const line_info *lines, size_t count, size_t first)
{
    size_t n = 0;
    for (size_t i = first; i < count && lines[i].state != LINE_BLANK; i++) {
        if (lines[i].state != LINE_KEEP)
            continue;
        size_t next = i + 1;
        while (next < count && (lines[next].state == LINE_DROP || lines[next].state == LINE_TITLE))
            next++;
        bool last = next >= count || lines[next].state == LINE_BLANK;
        if (!last && (lines[i].length < 40 || lines[i].length > 100))
            return false;
        n++;
    }
    return n >= 2;
}

/* Pass 3. */
static void make_paragraphs(rs_body *body, const line_info *lines, size_t count, bool wrapped)
{
    rs_strbuf paragraph = {0};
    bool block_wrapped = false;
    const line_info *previous = NULL;
    for (size_t i = 0; i < count; i++) {
        const line_info *line = &lines[i];
        if (line->state == LINE_BLANK) {
            end_paragraph(body, &paragraph);
            previous = NULL;
            continue;
        }
        if (line->state != LINE_KEEP || line->length == 0)
            continue;
        if (!previous)
            block_wrapped = wrapped && wrapped_block(lines, count, i);
        if (previous) {
            bool join = wrapped && (block_wrapped || !ends_sentence(previous->text, previous->length) ||
                                    starts_lower(line->text, line->length));
            if (!join) {
                end_paragraph(body, &paragraph);
            } else {
                uint32_t before = last_code_point(previous->text, previous->length), after;
                rs_utf8_decode(line->text, line->length, &after);
                if (!cjk(before) && !cjk(after))
                    rs_strbuf_append(&paragraph, " ", 1);
            }
        }
        rs_strbuf_append(&paragraph, line->text, line->length);
        previous = line;
    }
    end_paragraph(body, &paragraph);
    rs_strbuf_clear(&paragraph);
}

void rs_body_make(rs_body *body, const rs_page *page)
{
    size_t count = rs_page_line_count(page);
    line_info *lines = rs_xcalloc(count ? count : 1, sizeof *lines);
    for (size_t i = 0; i < count; i++) {
        line_info *line = &lines[i];
        line->text = rs_page_line(page, i, &line->number);
        line->length = strlen(line->text);
        trim(&line->text, &line->length);
        if (line->length == 0) {
            line->state = LINE_BLANK;
            continue;
        }
        size_t keep;
        rs_chrome_verdict verdict = rs_chrome_judge(line->text, line->length, &keep, &line->reason);
        line->state = verdict == RS_CHROME_DROP ? LINE_DROP : LINE_KEEP;
        line->unsure = verdict == RS_CHROME_UNSURE;
        if (verdict == RS_CHROME_KEEP)
            line->length = keep;
        if (line->state == LINE_KEEP && date_line(line->text, line->length)) {
            line->state = LINE_DROP;
            line->reason = "date line";
        }
    }
    drop_menus(lines, count);
    find_title(body, lines, count, rs_page_hint(page, RS_HINT_TITLE, NULL));
    /* Short lines left inside the text (a subheading, a stray label) are
     * kept but shown to the curator. */
    for (size_t i = 0; i < count; i++) {
        line_info *line = &lines[i];
        if (line->state == LINE_KEEP && !line->unsure && short_line(line->text, line->length)) {
            line->unsure = true;
            line->reason = "short line (a heading, or page furniture?)";
        }
        if (line->state == LINE_DROP)
            add_note(&body->dropped, &body->dropped_count, &body->dropped_capacity, line);
        else if (line->state == LINE_KEEP && line->unsure)
            add_note(&body->unsure, &body->unsure_count, &body->unsure_capacity, line);
    }
    make_paragraphs(body, lines, count, rs_page_wrapped(page));
    free(lines);
}

char *rs_body_text(const rs_body *body)
{
    rs_strbuf text = {0};
    rs_strbuf_append(&text, "", 0);
    for (size_t i = 0; i < body->paragraph_count; i++) {
        if (i)
            rs_strbuf_append(&text, "\n\n", 2);
        rs_strbuf_append(&text, body->paragraphs[i], strlen(body->paragraphs[i]));
    }
    return text.data;
}

void rs_body_clear(rs_body *body)
{
    for (size_t i = 0; i < body->paragraph_count; i++)
        free(body->paragraphs[i]);
    free(body->paragraphs);
    free(body->title);
    for (size_t i = 0; i < body->dropped_count; i++)
        free(body->dropped[i].text);
    for (size_t i = 0; i < body->unsure_count; i++)
        free(body->unsure[i].text);
    free(body->dropped);
    free(body->unsure);
    memset(body, 0, sizeof *body);
}
