/*
 * Speakers by their titles. English: a title word ("spokesperson",
 * "Minister", "Ambassador") followed by two or three capitalised words is a
 * name, and the capitalised words before the title are the role. Chinese:
 * 发言人 followed by a two- or three-character name. Russian: a title word
 * followed by capitalised words, of which the last two are the name.
 */
#include "speakers.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

/* Spokespeople first: a statement names ministers it answers more often
 * than the one who speaks. */
static const char *const spokesperson_titles[] = {"Spokesperson", "spokesperson", "Spokeswoman", "spokeswoman",
                                                  "Spokesman", "spokesman", NULL};
static const char *const other_titles[] = {"Foreign Minister", "Foreign Secretary", "Ambassador", "ambassador",
                                           "Minister", "President", NULL};
static const char *const not_names[] = {"The", "At", "On", "In", "Of", "For", "Said", "And", "Office", "Ministry",
                                        "Embassy", "Department", "Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", NULL};

static size_t capital_word(const char *p)
{
    if (!isupper((unsigned char)p[0]))
        return 0;
    size_t n = 1;
    while (isalpha((unsigned char)p[n]) || p[n] == '-' || p[n] == '\'')
        n++;
    for (const char *const *w = not_names; *w; w++)
        if (strlen(*w) == n && strncmp(p, *w, n) == 0)
            return 0;
    return n;
}

/* The capitalised words (and "of", "the", "for") just before at, back to
 * the start of the phrase: "Chinese Foreign Ministry ". */
static const char *role_start(const char *text, const char *at)
{
    const char *start = at;
    while (start > text) {
        const char *p = start;
        while (p > text && p[-1] == ' ')
            p--;
        const char *word = p;
        while (word > text && (isalpha((unsigned char)word[-1]) || word[-1] == '\''))
            word--;
        if (word == p || !isupper((unsigned char)*word) || p == start)
            break;
        start = word;
    }
    return start;
}

static bool english(const char *text, const char *const *titles, rs_speaker_found *found)
{
    for (const char *p = text; *p; p++) {
        for (const char *const *t = titles; *t; t++) {
            size_t n = strlen(*t);
            if (strncmp(p, *t, n) != 0 || (p > text && isalpha((unsigned char)p[-1])) || p[n] != ' ')
                continue;
            const char *name = p + n + 1;
            size_t length = 0, words = 0, w;
            while (words < 3 && (w = capital_word(name + length)) != 0) {
                length += w;
                words++;
                if (name[length] != ' ' || !isupper((unsigned char)name[length + 1]))
                    break;
                length++;
            }
            if (words < 2)
                continue;
            while (length > 0 && name[length - 1] == ' ')
                length--;
            const char *start = role_start(text, p);
            snprintf(found->name, sizeof found->name, "%.*s", (int)length, name);
            snprintf(found->role, sizeof found->role, "%.*s", (int)(p + n - start), start);
            snprintf(found->said, sizeof found->said, "%.*s", (int)(name + length - start), start);
            found->named = true;
            return true;
        }
    }
    return false;
}

/* "Embassy Spokesperson:" or "a spokesperson for the Chinese Embassy in Britain". */
static bool english_unnamed(const char *text, rs_speaker_found *found)
{
    const char *p = strstr(text, "Spokesperson:");
    if (p) {
        const char *start = role_start(text, p);
        snprintf(found->role, sizeof found->role, "%.*s", (int)(p + 12 - start), start);
        snprintf(found->said, sizeof found->said, "%.*s", (int)(p + 13 - start), start);
    } else if ((p = strstr(text, "spokesperson for the ")) != NULL) {
        const char *q = p + strlen("spokesperson for the ");
        const char *end = q, *good = q;
        for (;;) {
            size_t w = 0;
            while (isalpha((unsigned char)end[w]))
                w++;
            bool capital = w && isupper((unsigned char)end[0]);
            bool joiner = (w == 2 && (strncmp(end, "in", 2) == 0 || strncmp(end, "of", 2) == 0)) ||
                          (w == 3 && strncmp(end, "the", 3) == 0);
            if (!capital && !joiner)
                break;
            end += w;
            if (capital)
                good = end; /* never end on "in", "of" or "the" */
            if (*end != ' ')
                break;
            end++;
        }
        end = good;
        snprintf(found->role, sizeof found->role, "Spokesperson for the %.*s", (int)(end - q), q);
        snprintf(found->said, sizeof found->said, "%.*s", (int)(end - p), p);
    } else {
        return false;
    }
    snprintf(found->name, sizeof found->name, "Unnamed spokesperson");
    found->named = false;
    return true;
}

static bool chinese(const char *text, rs_speaker_found *found)
{
    static const char *const stops[] = {"表", "说", "在", "就", "答", "指", "称", "强", "回", "对", "日", "主",
                                        "介", "宣", "应", "：", "，", "。", "“", "和", "也", NULL};
    const char *p = strstr(text, "发言人");
    if (!p)
        return false;
    const char *name = p + strlen("发言人"), *end = name;
    for (int i = 0; i < 3; i++) {
        bool stop = (unsigned char)*end < 0xE3;
        for (const char *const *s = stops; *s && !stop; s++)
            stop = strncmp(end, *s, strlen(*s)) == 0;
        if (stop)
            break;
        end += 3;
    }
    /* The role: up to six CJK characters before 发言人 ("外交部"). */
    const char *start = p;
    for (int i = 0; i < 6 && start - text >= 3 && (unsigned char)start[-3] >= 0xE4 && (unsigned char)start[-3] <= 0xE9 &&
                    strncmp(start - 3, "，", 3) != 0 && strncmp(start - 3, "。", 3) != 0 &&
                    strncmp(start - 3, "日", 3) != 0 && strncmp(start - 3, "电", 3) != 0;
         i++)
        start -= 3;
    snprintf(found->role, sizeof found->role, "%.*s", (int)(name - start), start);
    if (end - name < 6) {
        snprintf(found->name, sizeof found->name, "Unnamed spokesperson");
        found->named = false;
    } else {
        snprintf(found->name, sizeof found->name, "%.*s", (int)(end - name), name);
        found->named = true;
    }
    snprintf(found->said, sizeof found->said, "%.*s", (int)(end - start), start);
    return true;
}

static bool cyrillic_capital(const char *p)
{
    uint32_t cp;
    rs_utf8_decode(p, strlen(p), &cp);
    return (cp >= 0x410 && cp <= 0x42F) || cp == 0x401;
}

static size_t cyrillic_word(const char *p)
{
    size_t n = 0;
    while (p[n] && ((unsigned char)p[n] >= 0x80 || p[n] == '-'))
        n++;
    return n;
}

static bool russian(const char *text, rs_speaker_found *found)
{
    static const char *const titles[] = {"официальный представитель", "Официальный представитель",
                                         "пресс-секретарь", "Пресс-секретарь", "министр иностранных дел",
                                         "Министр иностранных дел", "посол", "Посол", NULL};
    for (const char *const *t = titles; *t; t++) {
        const char *p = strstr(text, *t);
        if (!p)
            continue;
        /* Words after the title up to the end of the capitalised run; the
         * last two capitalised ones are the name. */
        const char *q = p + strlen(*t), *last[2] = {NULL, NULL}, *end = q;
        size_t last_length[2] = {0, 0};
        int words = 0;
        while (*q == ' ' && words < 8) {
            size_t n = cyrillic_word(q + 1);
            if (!n)
                break;
            if (cyrillic_capital(q + 1) && n > 2 && (n < 2 || !cyrillic_capital(q + 3))) {
                last[0] = last[1];
                last_length[0] = last_length[1];
                last[1] = q + 1;
                last_length[1] = n;
                end = q + 1 + n;
            } else if (last[1]) {
                break;
            }
            q += 1 + n;
            words++;
        }
        if (!last[0] || last[0] + last_length[0] + 1 != last[1])
            continue;
        snprintf(found->name, sizeof found->name, "%.*s", (int)(end - last[0]), last[0]);
        snprintf(found->role, sizeof found->role, "%.*s", (int)(last[0] - 1 - p), p);
        snprintf(found->said, sizeof found->said, "%.*s", (int)(end - p), p);
        found->named = true;
        return true;
    }
    return false;
}

bool rs_speakers_find(const char *text, rs_speaker_found *found)
{
    memset(found, 0, sizeof *found);
    return english(text, spokesperson_titles, found) || chinese(text, found) || russian(text, found) ||
           english_unnamed(text, found) || english(text, other_titles, found);
}
