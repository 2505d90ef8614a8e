/*
 * Fuzz target: line breaking (app/wrap.c) and layout (app/layout.c) on
 * arbitrary text.
 *
 * The first byte of the input chooses how text is measured, the language,
 * the style and one of the widths; the rest is the text, as it comes (any
 * bytes, for the line breaker, which must tolerate invalid UTF-8).
 *
 * Line breaking runs at widths 0 (or -7), 1, a width from the first byte
 * and 300 px, whole and limited to 1, 2 or 3 lines, and every result is
 * checked against the guarantees in wrap.h: lines in text order, inside
 * the text, on character boundaries, not overlapping, every byte that is
 * not white space in exactly one line, no white space at a line's end, an
 * empty line only over white space, each width exactly the measure of its
 * bytes; a limited result is the whole result cut short, marked truncated
 * exactly when visible text was left out.
 *
 * Layout then draws a reader and a list, a facets screen or home whose texts
 * are the input made valid UTF-8 (the query layer guarantees that: each bad
 * byte and each NUL becomes U+FFFD), at 800x480 and a narrow 180x400, at a
 * few scroll positions; every text it draws must be whole characters.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "utf8.h"
#include "wrap.h"

/* ---- fake measures ---- */

enum measure_mode { M_CODEPOINT, M_BYTES, M_ROUNDED, M_NEGATIVE, M_COUNT };

/* Per character: ASCII 10 px, other scripts 20 px, combining marks and
 * invalid bytes odd sizes; times a factor per style, as fonts differ. */
static long codepoint_sum(int style, const char *text, size_t length, long space)
{
    long width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        if (cp == 0xFFFD && n == 1)
            width += 7;
        else if (cp == ' ')
            width += space;
        else if (cp >= 0x300 && cp < 0x370)
            width += 0;
        else
            width += cp < 0x80 ? 10 : 20;
        i += n;
    }
    return width * (style % 3 + 1);
}

typedef struct fake_font {
    enum measure_mode mode;
    bool strict; /* wrap.h: called only with length > 0 (layout's own calls may pass 0, as text.c allows) */
} fake_font;

static int measure(void *context, int style, const char *text, size_t length)
{
    const fake_font *font = context;
    FUZZ_CHECK(length > 0 || !font->strict);
    if (length == 0)
        return 0;
    long width = 0;
    switch (font->mode) {
    case M_CODEPOINT:
        width = codepoint_sum(style, text, length, 5);
        break;
    case M_BYTES:
        /* Additive, but blind to characters: any byte 0..10 px. */
        for (size_t i = 0; i < length; i++)
            width += ((unsigned char)text[i] * 7) % 11;
        break;
    case M_ROUNDED:
        /* Not additive: per-call rounding and side bearings, as real fonts. */
        width = (codepoint_sum(style, text, length, 5) * 9 + 5) / 10 + 3;
        break;
    case M_NEGATIVE:
        /* Neither additive nor growing with the text, and negative at times:
         * wrap.h says a negative width counts as 0. */
        width = codepoint_sum(style, text, length, -13) - (long)(length % 5);
        break;
    case M_COUNT:
        break;
    }
    return width > 1000000 ? 1000000 : width < -1000000 ? -1000000 : (int)width;
}

/* ---- what wrap.h promises ---- */

static bool is_strip(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x3000;
}

typedef struct text_map {
    const char *text;
    size_t length;
    bool *boundary; /* [length + 1]: a character starts (or the text ends) here */
    bool *strip;    /* [length]: the byte belongs to a white space or terminator character */
} text_map;

/* Characters as wrap.c decodes them: a well-formed sequence, or one invalid
 * byte. */
static void map_text(text_map *m, const char *text, size_t length)
{
    m->text = text;
    m->length = length;
    m->boundary = calloc(length + 1, 1);
    m->strip = calloc(length + 1, 1);
    if (!m->boundary || !m->strip)
        abort();
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        bool bad = cp == 0xFFFD && n == 1;
        m->boundary[i] = true;
        for (size_t k = 0; k < n; k++)
            m->strip[i + k] = !bad && is_strip(cp);
        i += n;
    }
    m->boundary[length] = true;
}

static void unmap_text(text_map *m)
{
    free(m->boundary);
    free(m->strip);
}

static int clamped(const rs_text_measure *me, int style, const char *text, size_t length)
{
    if (length == 0)
        return 0;
    int w = me->width(me->context, style, text, length);
    return w < 0 ? 0 : w;
}

/* One whole result: lines [first, first+count) of list. */
static void check_lines(const text_map *m, const rs_line *lines, size_t count, const rs_text_measure *me, int style,
                        bool whole)
{
    size_t covered_to = 0;
    for (size_t i = 0; i < count; i++) {
        const rs_line *line = &lines[i];
        size_t end = line->start + line->length;
        FUZZ_CHECK(line->start >= covered_to && line->start <= m->length);
        FUZZ_CHECK(line->length <= m->length - line->start);
        FUZZ_CHECK(m->boundary[line->start] && m->boundary[end]);
        if (whole) {
            /* Between lines only white space. */
            for (size_t k = covered_to; k < line->start; k++)
                FUZZ_CHECK(m->strip[k]);
            FUZZ_CHECK(line->width == clamped(me, style, m->text + line->start, line->length));
        }
        /* No white space at the end of a line. */
        if (line->length > 0)
            FUZZ_CHECK(!m->strip[end - 1]);
        /* An empty line stands only for white space up to the next line. */
        if (line->length == 0) {
            size_t next = i + 1 < count ? lines[i + 1].start : m->length;
            for (size_t k = line->start; whole && k < next; k++)
                FUZZ_CHECK(m->strip[k]);
        }
        covered_to = end;
    }
    if (whole) {
        for (size_t k = covered_to; k < m->length; k++)
            FUZZ_CHECK(m->strip[k]);
        FUZZ_CHECK((count == 0) == (m->length == 0));
    }
}

static void check_limited(const text_map *m, const rs_line_list *full, size_t max_lines, const char *language,
                          int width, const rs_text_measure *me, int style)
{
    rs_line_list limited = {0};
    int truncated = -1;
    size_t n = rs_break_lines_limited(m->text, m->length, language, width, max_lines, me, style, &limited,
                                      &truncated);
    FUZZ_CHECK(n == limited.count);
    FUZZ_CHECK(truncated == 0 || truncated == 1);
    size_t expected = full->count < max_lines ? full->count : max_lines;
    FUZZ_CHECK(limited.count == expected);
    bool visible_after = false;
    for (size_t i = max_lines; i < full->count; i++)
        visible_after |= full->lines[i].length > 0;
    FUZZ_CHECK(truncated == visible_after);
    check_lines(m, limited.lines, limited.count, me, style, false);
    for (size_t i = 0; i < limited.count; i++) {
        const rs_line *a = &limited.lines[i], *b = &full->lines[i];
        bool last = i + 1 == limited.count;
        if (!(last && truncated)) {
            FUZZ_CHECK(a->start == b->start && a->length == b->length && a->width == b->width);
            continue;
        }
        /* The shortened last line: a prefix of the whole one, measured
         * together with the ellipsis. */
        FUZZ_CHECK(a->start == b->start && a->length <= b->length);
        int ellipsis = clamped(me, style, "\xE2\x80\xA6", 3);
        FUZZ_CHECK(a->width == clamped(me, style, m->text + a->start, a->length) + ellipsis);
    }
    rs_line_list_free(&limited);
}

static void break_text(const char *text, size_t length, const char *language, int width, const rs_text_measure *me,
                       int style, bool append)
{
    text_map m;
    map_text(&m, text, length);
    rs_line_list full = {0};
    size_t n = rs_break_lines(text, length, language, width, me, style, &full);
    FUZZ_CHECK(n == full.count);
    check_lines(&m, full.lines, full.count, me, style, true);
    /* 1, 2 or 3 lines, by the length: one limited run per width is enough
     * for the fuzzer to try each. */
    check_limited(&m, &full, 1 + length % 3, language, width, me, style);
    if (append) {
        /* Appending to a list that already holds lines. */
        size_t before = full.count;
        size_t again = rs_break_lines(text, length, language, width, me, style, &full);
        FUZZ_CHECK(again == before && full.count == 2 * before);
        for (size_t i = 0; i < before; i++)
            FUZZ_CHECK(full.lines[i].start == full.lines[before + i].start &&
                       full.lines[i].length == full.lines[before + i].length &&
                       full.lines[i].width == full.lines[before + i].width);
    }
    rs_line_list_free(&full);
    unmap_text(&m);
}

/* ---- layout ---- */

/* text[0..length) as valid UTF-8 without NUL: what the query layer hands on. */
static char *valid_copy(const char *text, size_t length)
{
    char *copy = malloc(length * 3 + 1);
    if (!copy)
        abort();
    size_t o = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        if (cp == 0 || (cp == 0xFFFD && n == 1)) {
            memcpy(copy + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(copy + o, text + i, n);
            o += n;
        }
        i += n;
    }
    copy[o] = '\0';
    return copy;
}

static void check_frame(const rs_draw_list *draw, const rs_target_list *targets, const rs_layout_info *info)
{
    FUZZ_CHECK(isfinite(info->content_height) && info->content_height >= 0);
    for (size_t i = 0; i < draw->count; i++) {
        const rs_draw_command *c = &draw->items[i];
        if (c->kind == RS_DRAW_TEXT) {
            FUZZ_CHECK(c->text != NULL);
            FUZZ_CHECK(rs_utf8_valid(c->text, c->length, NULL));
            FUZZ_CHECK(memchr(c->text, '\0', c->length) == NULL);
        }
    }
    for (size_t i = 0; i < targets->count; i++)
        FUZZ_CHECK(targets->items[i].rect.w >= 0 && targets->items[i].rect.h >= 0);
}

static void lay_out(rs_screen *screen, const rs_text_measure *me, const char *crumb)
{
    static const int sizes[][2] = {{800, 480}, {180, 400}};
    rs_layout *layout = rs_layout_create(*me);
    rs_draw_list draw = {0};
    rs_target_list targets = {0};
    const char *crumbs[] = {"Home", "Countries", crumb};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int width = sizes[k][0], height = sizes[k][1];
        rs_theme theme = rs_theme_for(width, height);
        rs_layout_info info;
        rs_frame frame = {.screen = screen, .crumbs = crumbs, .crumb_count = 3, .show_scrollbar = true};
        rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
        check_frame(&draw, &targets, &info);
        const float scrolls[] = {info.content_height / 2, info.content_height, -50.0f};
        for (size_t s = 0; s < sizeof scrolls / sizeof scrolls[0]; s++) {
            frame.scroll = scrolls[s];
            frame.pressed = (rs_action){.kind = RS_ACT_ROW, .index = 1};
            frame.focused = (rs_action){.kind = RS_ACT_NEXT};
            rs_layout_frame(layout, &theme, width, height, &frame, &draw, &targets, &info);
            check_frame(&draw, &targets, &info);
        }
    }
    rs_draw_free(&draw);
    rs_target_list_free(&targets);
    rs_layout_destroy(layout);
}

/* Hit marks over text as the search screen and the reader get them: in
 * order, not overlapping, at byte offsets the input chooses (so also inside
 * a UTF-8 sequence, which the real marks never are). */
static rs_range_list marks_over(const char *text, size_t step)
{
    rs_range_list marks = {0};
    size_t n = strlen(text);
    marks.items = calloc(n / 2 + 1, sizeof *marks.items);
    if (!marks.items)
        abort();
    for (size_t start = step % 5; start < n;) {
        size_t end = start + 1 + ((unsigned char)text[start] + step) % 6;
        if (end > n)
            end = n;
        marks.items[marks.count++] = (rs_range){start, end};
        start = end + 1 + ((unsigned char)text[end - 1] + step) % 9;
    }
    return marks;
}

/* The reader, then one of list, facets, home and search (which: other % 4;
 * each run costs as much as the line breaking, so not all every time). */
static void layout_screens(const char *title, const char *body, const char *meta, const char *language,
                           const rs_text_measure *me, size_t other)
{
    rs_screen *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    rs_chip chips[3] = {
        {.label = (char *)meta, .role = -1, .is_link = true},
        {.label = (char *)title, .role = 0, .active = true},
        {.label = (char *)"All", .role = -1},
    };
    rs_list_item also = {.id = 7, .title = (char *)title, .secondary = (char *)meta, .slug = "also"};

    /* The reader. */
    s->kind = RS_SCREEN_READER;
    s->statement.title = (char *)title;
    s->statement.body = (char *)body;
    s->statement.language = (char *)language;
    s->statement.date_note = (char *)meta;
    s->statement.title_note = (char *)title;
    s->meta_line = (char *)meta;
    s->speaker_line = (char *)title;
    s->chips = chips, s->chip_count = 3;
    s->also = &also, s->also_count = 1;
    s->place.pos = 1, s->place_count = 3;
    char *language_names[1] = {(char *)"中文"};
    rs_list_item translation = {.id = 8, .title = (char *)title, .secondary = (char *)meta, .slug = "tr"};
    s->translations = &translation, s->translation_labels = language_names, s->translation_count = 1;
    s->title_marks = marks_over(title, other);
    s->body_marks = marks_over(body, other + 1);
    lay_out(s, me, title);
    rs_range_list_clear(&s->title_marks);
    rs_range_list_clear(&s->body_marks);

    memset(s, 0, sizeof *s);
    const char *titles[] = {title, body, meta, "", title};
    rs_facet_row rows[3] = {
        {.primary = (char *)title, .secondary = (char *)meta, .badge = (char *)"12"},
        {.primary = (char *)body, .badge = (char *)meta},
        {.primary = (char *)meta},
    };
    switch (other % 4) {
    case 0: /* A list under a heading, a summary and chips. */
        s->kind = RS_SCREEN_LIST;
        s->heading = (char *)title;
        s->subheading = (char *)meta;
        s->summary = (char *)body;
        s->chips = chips, s->chip_count = 3;
        s->count = 100000;
        s->window_start = 0;
        for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
            s->window[i].id = (int64_t)i + 1;
            s->window[i].title = (char *)titles[i];
            s->window[i].secondary = (char *)meta;
        }
        s->window_count = sizeof titles / sizeof titles[0];
        lay_out(s, me, meta);
        break;
    case 1:
        s->kind = RS_SCREEN_FACETS;
        s->heading = (char *)body;
        s->rows = rows, s->row_count = 3;
        lay_out(s, me, body);
        break;
    case 3: { /* Search: the query, a status line, results with marked hits. */
        s->kind = RS_SCREEN_SEARCH;
        rs_screen_set_query(s, title); /* as typed: cut to RS_QUERY_MAX */
        free(s->status_line);
        s->search_state = other % 8 < 4 ? RS_SEARCH_FOUND : RS_SEARCH_NONE;
        s->status_line = (char *)meta;
        s->chips = chips, s->chip_count = 3;
        rs_result_item results[2] = {
            {.slug = "a", .title = (char *)title, .secondary = (char *)meta, .snippet = (char *)body},
            {.slug = "b", .title = (char *)body, .secondary = (char *)title, .snippet = (char *)meta},
        };
        for (size_t i = 0; i < 2; i++) {
            results[i].title_marks = marks_over(results[i].title, other + i);
            results[i].snippet_marks = marks_over(results[i].snippet, other + 2 + i);
        }
        if (s->search_state == RS_SEARCH_FOUND)
            s->results = results, s->result_count = 2;
        lay_out(s, me, "Search");
        for (size_t i = 0; i < 2; i++) {
            rs_range_list_clear(&results[i].title_marks);
            rs_range_list_clear(&results[i].snippet_marks);
        }
        break;
    }
    default:
        s->kind = RS_SCREEN_HOME;
        s->bundle_title = (char *)title;
        s->bundle_description = (char *)body;
        for (int i = 0; i < 3; i++) {
            snprintf(s->tiles[i].label, sizeof s->tiles[i].label, "Tile %d", i);
            snprintf(s->tiles[i].count, sizeof s->tiles[i].count, "%d statements", i * 1000);
            snprintf(s->tiles[i].hint, sizeof s->tiles[i].hint, "2019–2021");
        }
        lay_out(s, me, "Home");
        break;
    }
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned control = data[0];
    const char *text = (const char *)data + 1;
    size_t length = size - 1;
    fake_font font = {(enum measure_mode)(control % M_COUNT), true};
    static const char *const languages[] = {NULL, "zh", "ja", NULL};
    const char *language = languages[(control >> 2) % 4];
    rs_text_measure me = {&font, measure};

    /* Style 0 or 1 (the fake font makes style 1 twice as wide); width 0 is
     * -7 at times, which must act the same. */
    int style = (control >> 7) & 1;
    const int widths[] = {style ? -7 : 0, 1, (int)((control >> 4) & 7) * 40 + 5, 300};
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
        break_text(text, length, language, widths[i], &me, style, i == 2);

    /* Nothing to do, nothing read. */
    rs_line_list none = {0};
    FUZZ_CHECK(rs_break_lines_limited(text, length, language, 100, 2, &me, 0, NULL, NULL) == 0);
    FUZZ_CHECK(rs_break_lines(text, 0, language, 100, &me, 0, &none) == 0 && none.count == 0);
    FUZZ_CHECK(rs_break_lines(NULL, length, language, 100, &me, 0, &none) == 0);
    FUZZ_CHECK(rs_break_lines(text, length, language, 100, NULL, 0, &none) == 0);
    int truncated = -1;
    FUZZ_CHECK(rs_break_lines_limited(text, length, language, 100, 0, &me, 0, &none, &truncated) == 0);
    FUZZ_CHECK(truncated == (length > 0));
    rs_line_list_free(&none);

    /* Layout: title, meta line and body are the parts of the input between
     * 0xFF bytes (never part of valid UTF-8); without them, all the input. */
    const char *first = memchr(text, 0xFF, length);
    const char *second = first ? memchr(first + 1, 0xFF, length - (size_t)(first + 1 - text)) : NULL;
    char *title, *meta, *body;
    if (first && second) {
        title = valid_copy(text, (size_t)(first - text));
        meta = valid_copy(first + 1, (size_t)(second - first - 1));
        body = valid_copy(second + 1, length - (size_t)(second + 1 - text));
    } else {
        title = valid_copy(text, length);
        meta = valid_copy(text, length);
        body = valid_copy(text, length);
    }
    /* Layout measures with a sane font: additive or rounded, never negative. */
    fake_font layout_font = {font.mode == M_ROUNDED ? M_ROUNDED : M_CODEPOINT, false};
    rs_text_measure layout_measure = {&layout_font, measure};
    static const char *const reader_languages[] = {"en", "zh-Hans", "ja", "ru"};
    layout_screens(title, body, meta, reader_languages[(control >> 2) % 4], &layout_measure, length);
    free(title), free(meta), free(body);
    return 0;
}
