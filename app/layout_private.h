/*
 * Private to the layout's three files; layout.h is the interface.
 *
 *   layout.c    the cached page content, statement list rows, the top bar,
 *               and rs_layout_frame that puts them together
 *   keyboard.c  the search screen's field and on-screen keyboard
 *   overlay.c   what is drawn over a page or instead of one: the idle
 *               warning, the attract loop, the PIN pad, the admin screen
 *               and the error screen
 *
 * They share the layout object, its measures and one way to set a
 * paragraph straight into a draw list.
 */
#ifndef RS_LAYOUT_PRIVATE_H
#define RS_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* The cached content: what a page holds, in content coordinates, laid out
 * once per model and size and shifted by the scroll offset each frame. */
typedef enum element_kind { EL_TEXT, EL_FILL, EL_OUTLINE, EL_TARGET } element_kind;

typedef struct element {
    element_kind kind;
    rs_rect rect;
    rs_color color;
    rs_text_style style;
    const char *text;
    size_t length;
    rs_action action;
    int column_x, column_w; /* rs_layout_own_direction: its column; column_w 0: none */
} element;

/* A statement list's row, wrapped once and kept while it stays in the cache. */
typedef struct row_cache {
    int64_t id;
    int width;
    rs_line_list lines;
    int truncated;
    /* the secondary line, cut to one line: the bytes of it shown */
    size_t secondary_start, secondary_length, secondary_lines;
    int secondary_truncated;
} row_cache;

#define ROW_CACHE 256

struct rs_layout {
    rs_text_measure measure;
    /* key of the cached content */
    const rs_screen *screen;
    int width, height;
    element *elements;
    size_t element_count, element_capacity;
    float content_height, list_top, row_height;
    rs_line_list scratch;
    row_cache rows[ROW_CACHE];
    char overlay_text[96]; /* formatted overlay text, alive until the next overlay */
    char reader_date[160], reader_more[32]; /* the reader's date button and "+N", alive with the page */
    bool text_smaller, text_larger;
    bool keyboard_shown;
    rs_keyboard_layer keyboard_layer;
    float first_mark_y; /* reader: content y of the first highlighted hit, -1 none */
    char field_text[RS_QUERY_MAX + 8]; /* the search field's text and caret, alive for the frame */
    /* incident threads (layout_thread.c): cards row_height apart from
     * list_top, shifted by the "Undated" heading before thread_undated and
     * by the unfolded event's extra height after thread_unfolded (-1 none) */
    int64_t thread_undated, thread_unfolded;
    float thread_heading_h, thread_extra;
    /* a folded card's lines for its head (1: date · kind; 2 or 3: kind,
     * then the date) and for who, the same for every card of a size and
     * language */
    int thread_head_lines, thread_who_lines;
    /* maps and timelines: their own layout state (layout_map.c,
     * layout_timeline.c), created on first use, freed with the layout */
    struct rs_map_layout *map;
    struct rs_timeline_layout *timeline;
    rs_layout_direction direction; /* layout_mirror.c */
    bool keyboard_small;           /* keyboard.c: this frame's letters at the smaller size */
    /* Listen (layout_listen.c, issue 16): what the reader shows of it, and
     * the marked sentence's content y (-1 none) */
    rs_listen_view listen;
    float spoken_top, spoken_bottom;
    bool listen_marking; /* laying out the marked sentence's boxes */
    struct rs_qr_layout *qr; /* layout_qr.c: codes by URL and where they are drawn; created on first use */
};

/* Frees l->map and l->timeline (rs_layout_destroy calls them). */
void rs_layout_map_free(rs_layout *l);
void rs_layout_timeline_free(rs_layout *l);

static inline int text_width(rs_layout *l, rs_text_style style, const char *text, size_t length)
{
    return l->measure.width(l->measure.context, (int)style, text, length);
}

/* Line box height for a style: 1.45 x the font size for reading text,
 * tighter for headings. */
static inline int line_height(const rs_theme *t, rs_text_style style)
{
    bool heading = style == RS_STYLE_TITLE || style == RS_STYLE_HOME_TITLE;
    return t->font_px[style] * (heading ? 125 : 145) / 100;
}

/* How tall text.c draws a line of glyphs at this style's size: DejaVu's
 * ascent plus descent, 1.17 times the font size. Text is placed by the top
 * of this box, so centring it in a line box or a bar needs its height. */
static inline int glyph_height(const rs_theme *t, rs_text_style style)
{
    return t->font_px[style] * 117 / 100;
}

/* From the top of a line box to the top of the glyph box centred in it. */
static inline int glyph_inset(const rs_theme *t, rs_text_style style)
{
    return (line_height(t, style) - glyph_height(t, style)) / 2;
}

static inline int content_width(const rs_theme *t, int width)
{
    return width - 2 * t->margin;
}

/* The reading column: at most about 70 Latin (35 CJK) characters. */
static inline int reading_width(const rs_theme *t, int width)
{
    int measure = t->font_px[RS_STYLE_BODY] * 34;
    int available = content_width(t, width);
    return available < measure ? available : measure;
}


/* The pieces of a cached page, for the files that build pages (layout.c,
 * layout_reader.c): an element; a paragraph wrapped within width (max_lines
 * 0: no limit; marks: byte ranges drawn highlighted), returning the y under
 * it; a tappable panel (action NONE: drawn, not tappable); a button with a
 * centred label; a bare touch target. */
element *rs_layout_element(rs_layout *l, element_kind kind, rs_rect rect);
int rs_layout_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                        rs_color color, int x, int y, int width, size_t max_lines, const char *language,
                        const rs_range *marks, size_t mark_count);
void rs_layout_panel(rs_layout *l, rs_rect r, rs_action action, rs_color fill, rs_color border);
void rs_layout_button(rs_layout *l, const rs_theme *t, rs_rect r, const char *label, rs_action action, bool enabled);
void rs_layout_target_element(rs_layout *l, rs_rect rect, rs_action action);
/* The action of a chip: its route, or its role filter. */
rs_action rs_layout_chip_action(const rs_chip *chip);

/* layout_home.c: the home screen's page, cached like the others; height
 * is the viewport's. */
void rs_layout_build_home(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height);

/* layout_reader.c: the reader's page, cached like the others. */
void rs_layout_build_reader(rs_layout *l, const rs_theme *t, const rs_screen *s, int width);

/* layout_reader.c: a paragraph of the statement's own text (title or
 * body) as the reader lays it out, in its own direction (bidi.h). */
int rs_layout_statement_paragraph(rs_layout *l, const rs_theme *t, const char *text, size_t length,
                                  rs_text_style style, int x, int y, int width, const char *language,
                                  const rs_range *marks, size_t mark_count);

/* layout_listen.c: Listen in the reader (issue 16).
 * rs_layout_listen_width: the Listen button's width with the gap after it,
 * 0 without a speaker; rs_layout_add_listen puts it at (x, y), h high, and
 * returns the x after that gap. rs_layout_listen_marks: called first for
 * each paragraph of the statement's text (text points into its title or
 * body), adds the boxes behind the part of the sentence heard that is in
 * it, underlined, and notes their y. rs_layout_listen_bar_height: the
 * height the controls take at the bottom of the window (0 when they do not
 * show); rs_layout_draw_listen draws them (last, over everything but the
 * overlays). */
int rs_layout_listen_width(rs_layout *l, const rs_theme *t);
int rs_layout_add_listen(rs_layout *l, const rs_theme *t, int x, int y, int h);
void rs_layout_listen_marks(rs_layout *l, const rs_theme *t, const char *text, size_t length, rs_text_style style,
                            int x, int y, int width, const char *language);
int rs_layout_listen_bar_height(const rs_layout *l, const rs_theme *t, const rs_screen *s, int width);
void rs_layout_draw_listen(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int height,
                           rs_draw_list *out, rs_target_list *targets);

/* layout_qr.c: the source's QR code (issue 16). rs_layout_build_qr: the
 * reader's code and citation under the body, at y in the column [x, x + w),
 * cached with the page; returns the y under them (y when there is no
 * code). rs_layout_draw_qr: this frame's modules of the reader's code
 * (draw_content). rs_layout_qr_event_height and rs_layout_qr_draw_event:
 * the code of an unfolded event's source in its card, w wide (0 high
 * without). rs_layout_qr_free: with the layout. */
int rs_layout_build_qr(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w);
void rs_layout_draw_qr(rs_layout *l, const rs_frame *f, int width, rs_rect vp, rs_draw_list *out);
int rs_layout_qr_event_height(rs_layout *l, const rs_theme *t, const char *url, int w);
void rs_layout_qr_draw_event(rs_layout *l, const rs_theme *t, const rs_frame *f, const char *url, int x, int y,
                             int w, int width, rs_draw_list *out, rs_target_list *targets);
void rs_layout_qr_free(rs_layout *l);

/* layout_party.c: a party's members and events, under the heading of its
 * page and above its role chips and statements. Returns the y under them. */
int rs_layout_build_party(rs_layout *l, const rs_theme *t, const rs_screen *s, int x, int y, int w);

/* layout_thread.c: the incident thread's geometry, measured once per model
 * and size (the heading and summary are a list header's), and its cards,
 * drawn per frame where they show. */
void rs_layout_build_thread(rs_layout *l, const rs_theme *t, const rs_screen *s, int width);
void rs_layout_draw_thread(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                           rs_draw_list *out, rs_target_list *targets);

/* layout_map.c and layout_timeline.c: screens with a view. _build lays
 * out what does not move (the heading, the buttons, the legend) once per
 * model and size; _draw draws the view's frame into the viewport; _first,
 * _pan and _zoom are layout_view.c's (layout.h). */
void rs_layout_build_map(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height);
void rs_layout_draw_map(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                        rs_draw_list *out, rs_target_list *targets);
void rs_layout_map_first(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view);
bool rs_layout_map_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                       float dx, float dy);
bool rs_layout_map_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s, rs_view *view,
                        float factor, float x, float y);
void rs_layout_build_timeline(rs_layout *l, const rs_theme *t, const rs_screen *s, int width, int height);
void rs_layout_draw_timeline(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_rect vp,
                             rs_draw_list *out, rs_target_list *targets);
void rs_layout_timeline_first(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                              rs_view *view);
bool rs_layout_timeline_pan(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                            rs_view *view, float dx, float dy);
bool rs_layout_timeline_zoom(rs_layout *l, const rs_theme *t, int width, int height, const rs_screen *s,
                             rs_view *view, float factor, float x, float y);

/* layout_fit.c: one line or a few of a label that must fit (the timeline's
 * names and labels). words is the caller's scratch list of a text's UAX #14
 * pieces. rs_layout_split_words: text's words into words.
 * rs_layout_fit_text: how many bytes of text fit width with "…" after them
 * (whole words, then as much of the next as fits; 0 when not even that
 * fits), *cut whether the ellipsis follows, *shown_w the width drawn.
 * rs_layout_draw_fitted draws that at (x, y) and returns its width.
 * rs_layout_draw_wrapped draws text in at most max_lines lines lh apart,
 * broken only between words ("…" where a word is too wide or text is left
 * over), and returns the lines drawn. */
void rs_layout_split_words(const char *text, rs_line_list *words);
size_t rs_layout_fit_text(rs_layout *l, rs_line_list *words, rs_text_style style, const char *text, int width, bool *cut,
                          int *shown_w);
int rs_layout_draw_fitted(rs_layout *l, rs_line_list *words, rs_draw_list *out, int x, int y, rs_text_style style,
                          rs_color color, const char *text, int width);
int rs_layout_draw_wrapped(rs_layout *l, rs_line_list *words, rs_draw_list *out, int x, int y, rs_color color,
                           const char *text, int width, int lh, int max_lines);

/* layout_mirror.c: the mirrored UI of a right-to-left language.
 * rs_layout_mirror mirrors commands from `from` and
 * targets from targets_from to the ends of out and targets about the
 * window's centre line (x -> width - x - w; a text by its measured width;
 * a lone "›" turned into "‹"); targets with a shape keep their rect. */
void rs_layout_mirror(rs_layout *l, int width, rs_draw_list *out, size_t from, rs_target_list *targets,
                      size_t targets_from);
/* A statement's own text, laid out in its own direction (UAX #9: an Arabic
 * paragraph right-aligned, an English one left-aligned, the runs of a line
 * in the order UAX #9 gives them) within the column [x, x + width): marks
 * the elements from first on, so that in a mirrored UI they move with the
 * column instead of being mirrored. rs_layout_paragraph marks what it lays
 * out when given a language (the reader's title and body); a layout that
 * places such text itself calls this. */
void rs_layout_own_direction(rs_layout *l, size_t first, int x, int width);
/* The same for commands [from, to) only (targets from targets_from on). */
void rs_layout_mirror_range(rs_layout *l, int width, rs_draw_list *out, size_t from, size_t to,
                            rs_target_list *targets, size_t targets_from);

/* Appends a touch target; the list grows as needed. */
void rs_layout_add_target(rs_target_list *list, rs_rect rect, rs_action action, bool in_content);

/* Lays a paragraph out and draws it straight into out, leaving the cached
 * page untouched (for overlays, the search field and pages drawn once).
 * text must outlive the frame (the draw list points into it). Returns the
 * y under the last line. */
int rs_layout_draw_paragraph(rs_layout *l, const rs_theme *t, const char *text, rs_text_style style, rs_color color,
                             int x, int y, int width, size_t max_lines, const char *language, rs_draw_list *out);

/* keyboard.c: the heights the search screen's viewport leaves them, and
 * drawing them over the results each frame. */
int rs_layout_search_field_height(const rs_theme *t);
int rs_layout_keyboard_height(const rs_layout *l, const rs_theme *t);
void rs_layout_draw_search_field(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_draw_list *out);
void rs_layout_draw_keyboard(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int height,
                             rs_draw_list *out, rs_target_list *targets);

#endif
