#include "text.h"

#include <SDL_ttf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bidi.h"
#include "expect.h"
#include "file.h"
#include "utf8.h"

/* Each style's chain: the main font (DejaVu: Latin, Greek, Cyrillic), then
 * Droid Sans Fallback (CJK), Noto Sans Arabic and Noto Sans Hebrew. */
#define CHAIN_LENGTH 4
enum { CHAIN_MAIN, CHAIN_CJK, CHAIN_ARABIC, CHAIN_HEBREW };
#define WIDTH_SLOTS 4096
#define TEXTURE_SLOTS 1024
/* Strings that could not be made into a texture, remembered so that they
 * are not shaped and rasterised again every frame (see rs_text_texture_over). */
#define FAILED_SLOTS 16

/* The font files, each mapped into memory once: every style and size is
 * opened from the same bytes, and only the pages FreeType touches are ever
 * read (the 4 MB CJK fallback costs a few pages for a few glyphs). Before,
 * each TTF_OpenFont read its file through SDL_RWops: 11 MB of small reads
 * and seeks at start-up for 3 files. */
enum {
    FONT_REGULAR,
    FONT_BOLD,
    FONT_FALLBACK,
    FONT_ARABIC,
    FONT_ARABIC_BOLD,
    FONT_HEBREW,
    FONT_HEBREW_BOLD,
    FONT_FILE_COUNT
};
static const char *const font_files[FONT_FILE_COUNT] = {
    "DejaVuSans.ttf",          "DejaVuSans-Bold.ttf",  "DroidSansFallbackFull.ttf", "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"};
/* No real font is near this; a larger "font" is not one. */
#define FONT_FILE_MAX (64u << 20)

typedef struct font_file {
    void *bytes; /* mapped read-only; NULL: not mapped */
    size_t size;
} font_file;

typedef struct width_slot {
    uint64_t hash;
    char *key; /* style byte + text */
    size_t key_length;
    int width;
} width_slot;

/* A stretch of a string drawn with one font in one direction: pieces come
 * in visual order, left to right; each is shaped on its own. script NULL:
 * the font's shaping is left as it is (left to right, script unknown:
 * everything without right-to-left text, exactly as before bidi). */
typedef struct piece {
    int font;
    bool rtl;
    const char *script;
    size_t start, length;
} piece;

typedef struct texture_slot {
    uint64_t hash;
    char *key; /* style byte + colour + background + text */
    size_t key_length;
    SDL_Texture *texture;
    int w, h;
    uint64_t last_used;
} texture_slot;

struct rs_text {
    char *font_dir; /* for messages */
    font_file files[FONT_FILE_COUNT];
    char fallback_problem[700]; /* why CJK cannot be shown; "" when it can */
    TTF_Font *fonts[RS_STYLE_COUNT][CHAIN_LENGTH]; /* [s][1..]: NULL until first needed */
    int size[RS_STYLE_COUNT];                       /* of each style's fonts, in px */
    bool fallback_failed[RS_STYLE_COUNT][CHAIN_LENGTH];
    int ascent[RS_STYLE_COUNT][CHAIN_LENGTH];
    width_slot widths[WIDTH_SLOTS];
    texture_slot textures[TEXTURE_SLOTS];
    size_t texture_bytes, texture_budget;
    uint64_t clock;
    char *failed[FAILED_SLOTS]; /* texture keys, newest at failed_next - 1 */
    size_t failed_length[FAILED_SLOTS];
    size_t failed_next;
    piece *pieces; /* scratch of pieces_of */
    size_t piece_capacity;
    rs_bidi_run *runs; /* scratch of pieces_of */
    size_t run_capacity;
    void *attached; /* rs_text_attach: another cache of the renderer's textures */
    void (*attached_destroy)(void *data);
};

static bool is_bold(rs_text_style style)
{
    return style == RS_STYLE_TITLE || style == RS_STYLE_HOME_TITLE || style == RS_STYLE_LABEL;
}

static uint64_t hash_bytes(const void *data, size_t length, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < length; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static void evict_until(rs_text *t, size_t budget);

/* Closes each style's fonts from chain position first on (0: all of them,
 * 1: the fallbacks, which open again when next needed). */
static void close_fonts_from(rs_text *t, int first)
{
    for (int s = 0; s < RS_STYLE_COUNT; s++)
        for (int f = first; f < CHAIN_LENGTH; f++) {
            if (t->fonts[s][f])
                TTF_CloseFont(t->fonts[s][f]);
            t->fonts[s][f] = NULL;
            t->fallback_failed[s][f] = false;
        }
}

static void clear_widths(rs_text *t)
{
    for (size_t i = 0; i < WIDTH_SLOTS; i++) {
        free(t->widths[i].key);
        t->widths[i].key = NULL;
    }
}

static void forget_failures(rs_text *t)
{
    for (size_t i = 0; i < FAILED_SLOTS; i++) {
        free(t->failed[i]);
        t->failed[i] = NULL;
        t->failed_length[i] = 0;
    }
}

void rs_text_attach(rs_text *t, void *data, void (*destroy)(void *data))
{
    if (t->attached && t->attached_destroy && t->attached != data)
        t->attached_destroy(t->attached);
    t->attached = data;
    t->attached_destroy = destroy;
}

void *rs_text_attached(const rs_text *t)
{
    return t->attached;
}

void rs_text_drop_textures(rs_text *t)
{
    rs_text_attach(t, NULL, NULL);
    forget_failures(t);
    for (size_t i = 0; i < TEXTURE_SLOTS; i++) {
        texture_slot *slot = &t->textures[i];
        if (slot->texture)
            SDL_DestroyTexture(slot->texture);
        free(slot->key);
        memset(slot, 0, sizeof *slot);
    }
    t->texture_bytes = 0;
}

void rs_text_release(rs_text *t)
{
    rs_text_drop_textures(t);
    clear_widths(t);
    close_fonts_from(t, 1);
}

static uint32_t read_u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks that bytes hold a whole TrueType/OpenType font: a known header, a
 * table directory inside the file, every table inside the file. FreeType
 * opens a font cut short without complaint (its directory is at the start)
 * and then draws nothing for the glyphs past the cut. NULL when whole, else
 * what is wrong (in problem). */
static const char *sfnt_problem(const unsigned char *bytes, size_t size, char *problem, size_t problem_size)
{
    uint32_t version = read_u32(bytes);
    if (version != 0x00010000u && version != 0x74727565u /* 'true' */ && version != 0x4F54544Fu /* 'OTTO' */)
        return "not a TrueType or OpenType font";
    size_t tables = (size_t)bytes[4] << 8 | bytes[5];
    if (tables == 0 || 12 + 16 * tables > size)
        return "its table directory is damaged";
    for (size_t i = 0; i < tables; i++) {
        const unsigned char *entry = bytes + 12 + 16 * i;
        uint64_t end = (uint64_t)read_u32(entry + 8) + read_u32(entry + 12);
        if (end > size) {
            snprintf(problem, problem_size, "it is cut short: its '%.4s' table ends at byte %llu, the file has %zu",
                     (const char *)entry, (unsigned long long)end, size);
            return problem;
        }
    }
    return NULL;
}

/* Maps font_dir/name into file and checks that it is a whole font. A FIFO,
 * a device or a folder in its place is refused before anything is read
 * from it (a FIFO would block). On failure error says what and where. */
static bool map_font_file(const char *font_dir, const char *name, font_file *file, char *error, size_t error_size)
{
    char path[4096], damage[160];
    snprintf(path, sizeof path, "%s/%s", font_dir, name);
    struct stat st;
    char refused[128];
    int fd = rs_file_open_regular(path, &st, refused, sizeof refused);
    const char *problem = NULL;
    if (fd < 0)
        problem = errno ? strerror(errno) : "not a regular file";
    else if (st.st_size < 12 || (uint64_t)st.st_size > FONT_FILE_MAX)
        problem = st.st_size < 12 ? "too short to be a font" : "too large to be a font";
    if (!problem) {
        file->size = (size_t)st.st_size;
        file->bytes = mmap(NULL, file->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (file->bytes == MAP_FAILED) {
            file->bytes = NULL;
            problem = strerror(errno);
        } else if ((problem = sfnt_problem(file->bytes, file->size, damage, sizeof damage))) {
            munmap(file->bytes, file->size);
            file->bytes = NULL;
        }
    }
    if (fd >= 0)
        close(fd);
    if (problem)
        snprintf(error, error_size, "Cannot open the font %s: %s. Reinstall Rostrum.", path, problem);
    return !problem;
}

static void unmap_font_files(rs_text *t)
{
    for (int i = 0; i < FONT_FILE_COUNT; i++)
        if (t->files[i].bytes)
            munmap(t->files[i].bytes, t->files[i].size);
    memset(t->files, 0, sizeof t->files);
}

/* Opens the font of chain position f for style s at the theme's size. */
static TTF_Font *open_font(const rs_text *t, int s, int f, char *error, size_t error_size)
{
    bool bold = is_bold((rs_text_style)s);
    int which = f == CHAIN_CJK      ? FONT_FALLBACK
                : f == CHAIN_ARABIC ? (bold ? FONT_ARABIC_BOLD : FONT_ARABIC)
                : f == CHAIN_HEBREW ? (bold ? FONT_HEBREW_BOLD : FONT_HEBREW)
                : bold              ? FONT_BOLD
                                    : FONT_REGULAR;
    const font_file *file = &t->files[which];
    if (!file->bytes) {
        snprintf(error, error_size, "%s", f == CHAIN_CJK ? t->fallback_problem : "");
        return NULL;
    }
    SDL_RWops *memory = SDL_RWFromConstMem(file->bytes, (int)file->size);
    TTF_Font *font = memory ? TTF_OpenFontRW(memory, 1, t->size[s]) : NULL;
    if (!font) {
        snprintf(error, error_size, "Cannot open the font %s/%s: %s. Reinstall Rostrum.", t->font_dir,
                 font_files[which], TTF_GetError());
        return NULL;
    }
    /* Light hinting is FreeType's auto-hinter, which first sorts every
     * character of a face by script: for the fallback's 49,382 glyphs that
     * is 6.2 M instructions per face and size, paid on the English home for
     * its two glyphs of "中文" (14% of the first frame's instructions under
     * offscreen) and five times over on switching to Chinese. CJK glyphs
     * are drawn unhinted instead, at the sizes used here as crisp to the
     * eye (ideographs have no x-height or baseline zones to snap). */
    TTF_SetFontHinting(font, f == CHAIN_CJK ? TTF_HINTING_NONE : TTF_HINTING_LIGHT);
    return font;
}

/* The main fonts are there for Latin and Cyrillic: a font file that opens
 * but lacks them (the wrong file under the right name) is refused at start
 * rather than drawing boxes in front of visitors. */
static bool has_its_letters(const rs_text *t, int s, char *error, size_t error_size)
{
    static const uint32_t letters[] = {'A', 'z', 0x0416 /* Cyrillic Zhe */, 0x044F /* Cyrillic ya */};
    for (size_t i = 0; i < sizeof letters / sizeof *letters; i++) {
        if (TTF_GlyphIsProvided32(t->fonts[s][0], letters[i]))
            continue;
        snprintf(error, error_size,
                 "Cannot use the font %s/%s: it has no glyph for U+%04X, which it is there for. Reinstall Rostrum.",
                 t->font_dir, font_files[is_bold((rs_text_style)s) ? FONT_BOLD : FONT_REGULAR], (unsigned)letters[i]);
        return false;
    }
    return true;
}

const char *rs_text_fallback_problem(const rs_text *t)
{
    return t->fallback_problem[0] ? t->fallback_problem : NULL;
}

bool rs_text_set_theme(rs_text *t, const rs_theme *theme, char *error, size_t error_size)
{
    /* Enough for a few screens of text at this size. */
    size_t screen_bytes = (size_t)theme->short_side * (size_t)theme->short_side * 4u * 2u;
    t->texture_budget = screen_bytes * 4u;
    /* The same sizes: the fonts, widths and textures all still hold (the
     * colours are part of each texture's key). The viewer's first frame
     * asks for the theme it was created with. */
    bool same = t->fonts[0][0] != NULL;
    for (int s = 0; s < RS_STYLE_COUNT; s++)
        same = same && t->size[s] == (theme->font_px[s] > 6 ? theme->font_px[s] : 6);
    if (same) {
        evict_until(t, t->texture_budget);
        return true;
    }
    close_fonts_from(t, 0);
    clear_widths(t);
    rs_text_drop_textures(t);
    for (int s = 0; s < RS_STYLE_COUNT; s++)
        t->size[s] = theme->font_px[s] > 6 ? theme->font_px[s] : 6;
    /* The main font of each style now; the fallback (Droid Sans Fallback,
     * for CJK) only when a string first needs it. Its file was mapped when
     * the text was created, so a missing one is still reported at once. */
    for (int s = 0; s < RS_STYLE_COUNT; s++) {
        t->fonts[s][0] = open_font(t, s, 0, error, error_size);
        if (!t->fonts[s][0]) {
            close_fonts_from(t, 0);
            return false;
        }
        t->ascent[s][0] = TTF_FontAscent(t->fonts[s][0]);
        if (!has_its_letters(t, s, error, error_size)) {
            close_fonts_from(t, 0);
            return false;
        }
    }
    return true;
}

rs_text *rs_text_create(const char *font_dir, const rs_theme *theme, char *error, size_t error_size)
{
    /* TTF_Init counts its callers; rs_text_destroy calls TTF_Quit. */
    if (TTF_Init() != 0) {
        snprintf(error, error_size, "Cannot start the font renderer: %s", TTF_GetError());
        return NULL;
    }
    rs_text *t = rs_xcalloc(1, sizeof *t);
    t->font_dir = rs_xstrdup(font_dir);
    bool mapped = true;
    for (int i = 0; i < FONT_FALLBACK && mapped; i++)
        mapped = map_font_file(font_dir, font_files[i], &t->files[i], error, error_size);
    /* Without the CJK font the viewer still shows everything else: it says
     * what is missing (rs_text_fallback_problem) and starts. */
    char why[600];
    if (mapped && !map_font_file(font_dir, font_files[FONT_FALLBACK], &t->files[FONT_FALLBACK], why, sizeof why))
        snprintf(t->fallback_problem, sizeof t->fallback_problem,
                 "%s Chinese, Japanese and Korean text cannot be shown until it is.", why);
    /* Noto Sans Arabic and Hebrew: without them DejaVu draws those letters
     * (it has the basic Arabic and Hebrew alphabets, less well), so a
     * missing one stops nothing and is not reported. */
    for (int i = FONT_ARABIC; i < FONT_FILE_COUNT && mapped; i++)
        map_font_file(font_dir, font_files[i], &t->files[i], why, sizeof why);
    if (!mapped || !rs_text_set_theme(t, theme, error, error_size)) {
        rs_text_destroy(t);
        return NULL;
    }
    return t;
}

void rs_text_destroy(rs_text *t)
{
    if (!t)
        return;
    close_fonts_from(t, 0);
    clear_widths(t);
    rs_text_drop_textures(t);
    unmap_font_files(t); /* after the fonts that read them */
    free(t->pieces);
    free(t->runs);
    free(t->font_dir);
    free(t);
    TTF_Quit();
}

/* Font f of style's chain, opened on first use; NULL if it cannot be. */
static TTF_Font *chain_font(const rs_text *ct, rs_text_style style, int f)
{
    rs_text *t = (rs_text *)ct; /* the cache of opened fonts only */
    if (!t->fonts[style][f] && !t->fallback_failed[style][f]) {
        char error[512];
        t->fonts[style][f] = open_font(t, style, f, error, sizeof error);
        if (t->fonts[style][f]) {
            t->ascent[style][f] = TTF_FontAscent(t->fonts[style][f]);
        } else {
            t->fallback_failed[style][f] = true;
            if (f == CHAIN_CJK && !t->fallback_problem[0])
                snprintf(t->fallback_problem, sizeof t->fallback_problem,
                         "%s Chinese, Japanese and Korean text cannot be shown until it is.", error);
        }
    }
    return t->fonts[style][f];
}

static bool is_arabic(uint32_t c)
{
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
           (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

static bool is_hebrew(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x05FF) || (c >= 0xFB1D && c <= 0xFB4F);
}

/* Which font of the chain draws codepoint. Arabic and Hebrew letters go
 * to their Noto fonts first: DejaVu has the basic alphabets too, but
 * without all the joining forms and marks Noto has. */
static int font_for(const rs_text *t, rs_text_style style, uint32_t codepoint)
{
    if (codepoint < 0x80 || codepoint == 0xFFFD)
        return CHAIN_MAIN;
    int preferred = is_arabic(codepoint) ? CHAIN_ARABIC : is_hebrew(codepoint) ? CHAIN_HEBREW : -1;
    if (preferred >= 0) {
        TTF_Font *font = chain_font(t, style, preferred);
        if (font && TTF_GlyphIsProvided32(font, codepoint))
            return preferred;
    }
    for (int f = 0; f < CHAIN_LENGTH; f++) {
        TTF_Font *font = chain_font(t, style, f);
        if (font && TTF_GlyphIsProvided32(font, codepoint))
            return f;
    }
    return CHAIN_MAIN;
}

/* Characters that stay in the font run they are in: spaces, combining
 * marks, and the joiners that decide how Arabic letters connect. */
static bool stays_in_run(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x300 && cp < 0x370) || cp == 0x200C || cp == 0x200D ||
           (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670;
}

/* The HarfBuzz script of a run: "Arab" and "Hebr" pick their shapers (the
 * Arabic one joins letters); everything else is shaped as before, with the
 * script unknown ("Zzzz"). */
static const char *script_of(const char *run, size_t length)
{
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(run + i, length - i, &cp);
        if (is_arabic(cp))
            return "Arab";
        if (is_hebrew(cp))
            return "Hebr";
    }
    return "Zzzz";
}

static void push_piece(rs_text *t, size_t *count, int font, bool rtl, const char *script, size_t start,
                       size_t length)
{
    rs_grow(&t->pieces, &t->piece_capacity, *count + 1, sizeof *t->pieces);
    t->pieces[(*count)++] = (piece){font, rtl, script, start, length};
}

/* Appends the font runs of string[from, to) as pieces in logical order. */
static void font_runs(const rs_text *ct, rs_text_style style, const char *string, size_t from, size_t to, bool rtl,
                      bool shaped, size_t *count)
{
    rs_text *t = (rs_text *)ct; /* the scratch of pieces only */
    size_t run_start = from;
    int run_font = -1;
    size_t i = from;
    while (i < to) {
        uint32_t cp;
        size_t n = rs_utf8_decode(string + i, to - i, &cp);
        int font = font_for(t, style, cp);
        if (run_font >= 0 && stays_in_run(cp))
            font = run_font;
        if (font != run_font) {
            if (run_font >= 0 && i > run_start)
                push_piece(t, count, run_font, rtl, shaped ? script_of(string + run_start, i - run_start) : NULL,
                           run_start, i - run_start);
            run_start = i;
            run_font = font;
        }
        i += n;
    }
    if (run_font >= 0 && to > run_start)
        push_piece(t, count, run_font, rtl, shaped ? script_of(string + run_start, to - run_start) : NULL,
                   run_start, to - run_start);
}

/* Splits string into pieces of one font and one direction, in visual
 * order (t->pieces). A string with right-to-left text is one paragraph to
 * UAX #9 (its first strong letter sets its direction): its runs in visual
 * order, and inside a right-to-left run the font runs from right to left.
 * Measuring and drawing both go through here, so a string's measured
 * width is the width drawn. Returns the number of pieces. */
static size_t pieces_of(const rs_text *ct, rs_text_style style, const char *string, size_t length)
{
    rs_text *t = (rs_text *)ct; /* the scratch of pieces only */
    size_t count = 0;
    if (!rs_bidi_needed(string, length)) {
        font_runs(t, style, string, 0, length, false, false, &count);
        return count;
    }
    rs_bidi *bidi = rs_bidi_create(string, length, rs_bidi_direction(string, length, NULL));
    size_t runs = rs_bidi_line_runs(bidi, 0, length, &t->runs, &t->run_capacity);
    for (size_t r = 0; r < runs; r++) {
        const rs_bidi_run *run = &t->runs[r];
        bool rtl = run->level % 2 == 1;
        size_t first = count;
        font_runs(t, style, string, run->start, run->start + run->length, rtl, true, &count);
        for (size_t a = first, b = count; rtl && a + 1 < b; a++, b--) {
            piece swap = t->pieces[a];
            t->pieces[a] = t->pieces[b - 1];
            t->pieces[b - 1] = swap;
        }
    }
    rs_bidi_destroy(bidi);
    return count;
}

/* Sets the font up to shape p (direction and script), and back. */
static void shape_as(TTF_Font *font, const piece *p)
{
    if (p->script) {
        TTF_SetFontDirection(font, p->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(font, p->script);
    }
}

static void shape_done(TTF_Font *font, const piece *p)
{
    if (p->script) {
        TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(font, "Zzzz");
    }
}

/* string[p] as a NUL-terminated copy (SDL_ttf wants one): in stack when it
 * fits, else on the heap (the caller frees what is not stack). */
static char *piece_copy(const char *string, const piece *p, char *stack, size_t stack_size)
{
    char *copy = p->length < stack_size ? stack : rs_xmalloc(p->length + 1);
    memcpy(copy, string + p->start, p->length);
    copy[p->length] = '\0';
    return copy;
}

static int piece_width(const rs_text *t, rs_text_style style, const char *string, const piece *p)
{
    char stack[512];
    char *copy = piece_copy(string, p, stack, sizeof stack);
    TTF_Font *font = t->fonts[style][p->font];
    int w = 0, h = 0;
    shape_as(font, p);
    if (TTF_SizeUTF8(font, copy, &w, &h) != 0)
        w = 0;
    shape_done(font, p);
    if (copy != stack)
        free(copy);
    return w;
}

int rs_text_width(rs_text *t, rs_text_style style, const char *string, size_t length)
{
    if (length == 0 || (unsigned)style >= RS_STYLE_COUNT)
        return 0;
    uint64_t hash = hash_bytes(string, length, (uint64_t)style * 7919u);
    width_slot *slot = &t->widths[hash % WIDTH_SLOTS];
    if (slot->key && slot->hash == hash && slot->key_length == length + 1 && slot->key[0] == (char)style &&
        memcmp(slot->key + 1, string, length) == 0)
        return slot->width;
    int width = 0;
    size_t count = pieces_of(t, style, string, length);
    for (size_t i = 0; i < count; i++)
        width += piece_width(t, style, string, &t->pieces[i]);
    free(slot->key);
    slot->key = rs_xmalloc(length + 1);
    slot->key[0] = (char)style;
    memcpy(slot->key + 1, string, length);
    slot->key_length = length + 1;
    slot->hash = hash;
    slot->width = width;
    return width;
}

int rs_text_height(const rs_text *t, rs_text_style style)
{
    return TTF_FontHeight(t->fonts[style][0]);
}

static int measure_callback(void *context, int style, const char *string, size_t length)
{
    return rs_text_width(context, (rs_text_style)style, string, length);
}

rs_text_measure rs_text_measurer(rs_text *t)
{
    return (rs_text_measure){.context = t, .width = measure_callback};
}

/* ---- rasterising ---- */

static SDL_Surface *render_piece(const rs_text *t, rs_text_style style, SDL_Color color, const char *string,
                                 const piece *p)
{
    char stack[512];
    char *copy = piece_copy(string, p, stack, sizeof stack);
    TTF_Font *font = t->fonts[style][p->font];
    shape_as(font, p);
    SDL_Surface *surface = TTF_RenderUTF8_Blended(font, copy, color);
    shape_done(font, p);
    if (copy != stack)
        free(copy);
    return surface;
}

/* The string's pieces side by side on the main font's baseline, in a
 * surface of the main font's height: every line of a style is the same
 * height with its baseline at the same place, whichever fonts draw it (a
 * line all in the CJK font was drawn in that font's own box, its baseline
 * 6 px lower than a line with a Latin digit in it, so line spacing seemed
 * to vary within a paragraph). Only a string all in the main font is drawn
 * by SDL_ttf in one go. */
static SDL_Surface *render_string(const rs_text *t, rs_text_style style, rs_color color, const char *string,
                                  size_t length, int width)
{
    SDL_Color c = {color.r, color.g, color.b, color.a};
    int height = TTF_FontHeight(t->fonts[style][0]);
    size_t count = pieces_of(t, style, string, length);
    if (count == 1 && t->pieces[0].font == CHAIN_MAIN)
        return render_piece(t, style, c, string, &t->pieces[0]);
    /* Arabic and Hebrew go deeper below the baseline than DejaVu (the dots
     * under a final yeh were cut off): their lines' textures reach down
     * as far as their fonts do. The baseline stays where it is, and the
     * extra rows are fewer than the gap to the next line. */
    for (size_t i = 0; i < count; i++) {
        int f = t->pieces[i].font;
        if (f != CHAIN_ARABIC && f != CHAIN_HEBREW)
            continue;
        int bottom = t->ascent[style][0] - TTF_FontDescent(t->fonts[style][f]);
        height = bottom > height ? bottom : height;
    }
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, width + 2, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!target)
        return NULL;
    SDL_FillRect(target, NULL, SDL_MapRGBA(target->format, c.r, c.g, c.b, 0));
    int x = 0;
    for (size_t i = 0; i < count; i++) {
        const piece *p = &t->pieces[i];
        SDL_Surface *surface = render_piece(t, style, c, string, p);
        if (!surface) {
            SDL_FreeSurface(target);
            return NULL;
        }
        /* Pieces do not overlap, so copy pixels as they are (blending onto
         * the transparent canvas would darken the anti-aliased edges). */
        SDL_SetSurfaceBlendMode(surface, SDL_BLENDMODE_NONE);
        SDL_Rect at = {x, t->ascent[style][0] - t->ascent[style][p->font], surface->w, surface->h};
        SDL_BlitSurface(surface, NULL, target, &at);
        x += surface->w;
        SDL_FreeSurface(surface);
    }
    return target;
}

static void evict_until(rs_text *t, size_t budget)
{
    while (t->texture_bytes > budget) {
        texture_slot *oldest = NULL;
        for (size_t i = 0; i < TEXTURE_SLOTS; i++)
            if (t->textures[i].texture && (!oldest || t->textures[i].last_used < oldest->last_used))
                oldest = &t->textures[i];
        if (!oldest || oldest->last_used == UINT64_MAX)
            break;
        t->texture_bytes -= (size_t)oldest->w * (size_t)oldest->h * 4u;
        SDL_DestroyTexture(oldest->texture);
        free(oldest->key);
        memset(oldest, 0, sizeof *oldest);
    }
}

/* The string drawn onto an opaque background: the text surface blended
 * onto a surface filled with background by SDL's own blitter, the same
 * one the software renderer uses, so the pixels are exactly those of a
 * transparent texture blended there at draw time. */
static SDL_Surface *onto_background(SDL_Surface *text, rs_color background, Uint32 format)
{
    SDL_Surface *opaque = SDL_CreateRGBSurfaceWithFormat(0, text->w, text->h, 32, format);
    if (opaque) {
        SDL_FillRect(opaque, NULL,
                     SDL_MapRGBA(opaque->format, background.r, background.g, background.b, background.a));
        SDL_SetSurfaceBlendMode(text, SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(text, NULL, opaque, NULL);
    }
    SDL_FreeSurface(text);
    return opaque;
}

/* The pixel format an opaque texture is made in: the window's, when the
 * renderer draws straight into a window of 32-bit pixels, so that SDL's
 * software renderer copies its rows as they are (an ARGB8888 texture onto
 * an XRGB8888 window is converted pixel by pixel); else ARGB8888. */
static Uint32 opaque_format(SDL_Renderer *renderer)
{
    SDL_Window *window = SDL_RenderGetWindow(renderer);
    if (window && !SDL_GetRenderTarget(renderer)) {
        Uint32 format = SDL_GetWindowPixelFormat(window);
        if (format != SDL_PIXELFORMAT_UNKNOWN && SDL_BYTESPERPIXEL(format) == 4 && !SDL_ISPIXELFORMAT_INDEXED(format))
            return format;
    }
    return SDL_PIXELFORMAT_ARGB8888;
}

SDL_Texture *rs_text_texture(rs_text *t, SDL_Renderer *renderer, rs_text_style style, rs_color color,
                             const char *string, size_t length, int *w, int *h)
{
    return rs_text_texture_over(t, renderer, style, color, (rs_color){0, 0, 0, 0}, string, length, w, h);
}

SDL_Texture *rs_text_texture_over(rs_text *t, SDL_Renderer *renderer, rs_text_style style, rs_color color,
                                  rs_color background, const char *string, size_t length, int *w, int *h)
{
    if (length == 0 || (unsigned)style >= RS_STYLE_COUNT)
        return NULL;
    bool opaque = background.a == 255;
    if (!opaque)
        background = (rs_color){0, 0, 0, 0};
    size_t key_length = length + 9;
    char stack[1024];
    char *key = key_length <= sizeof stack ? stack : rs_xmalloc(key_length);
    key[0] = (char)style;
    memcpy(key + 1, &color, 4);
    memcpy(key + 5, &background, 4);
    memcpy(key + 9, string, length);
    uint64_t hash = hash_bytes(key, key_length, 0);
    t->clock++;

    /* Open addressing over a few neighbouring slots. */
    texture_slot *free_slot = NULL;
    for (size_t probe = 0; probe < 8; probe++) {
        texture_slot *slot = &t->textures[(hash + probe) % TEXTURE_SLOTS];
        if (slot->texture && slot->hash == hash && slot->key_length == key_length &&
            memcmp(slot->key, key, key_length) == 0) {
            slot->last_used = t->clock;
            *w = slot->w, *h = slot->h;
            if (key != stack)
                free(key);
            return slot->texture;
        }
        if (!slot->texture && !free_slot)
            free_slot = slot;
    }
    if (!free_slot) { /* all neighbours busy: reuse the least recently used of them */
        free_slot = &t->textures[hash % TEXTURE_SLOTS];
        for (size_t probe = 1; probe < 8; probe++) {
            texture_slot *slot = &t->textures[(hash + probe) % TEXTURE_SLOTS];
            if (slot->last_used < free_slot->last_used)
                free_slot = slot;
        }
        t->texture_bytes -= (size_t)free_slot->w * (size_t)free_slot->h * 4u;
        SDL_DestroyTexture(free_slot->texture);
        free(free_slot->key);
        memset(free_slot, 0, sizeof *free_slot);
    }

    /* A string that failed before fails again: the cause was its size (a
     * texture wider than the renderer allows, a surface too large), and
     * trying again shaped and rasterised it every frame. A title of "Z" and
     * 60,000 combining marks cost 3.8 s of CPU per frame that way. */
    for (size_t i = 0; i < FAILED_SLOTS; i++)
        if (t->failed[i] && t->failed_length[i] == key_length && memcmp(t->failed[i], key, key_length) == 0) {
            if (key != stack)
                free(key);
            return NULL;
        }
    int width = rs_text_width(t, style, string, length);
    SDL_Surface *surface = render_string(t, style, color, string, length, width);
    if (surface && opaque)
        surface = onto_background(surface, background, opaque_format(renderer));
    SDL_Texture *texture = surface ? SDL_CreateTextureFromSurface(renderer, surface) : NULL;
    if (!texture) {
        if (surface)
            SDL_FreeSurface(surface);
        size_t slot = t->failed_next++ % FAILED_SLOTS;
        free(t->failed[slot]);
        t->failed[slot] = rs_xmalloc(key_length);
        memcpy(t->failed[slot], key, key_length);
        t->failed_length[slot] = key_length;
        if (key != stack)
            free(key);
        return NULL;
    }
    /* Opaque: copied row by row, no blending per pixel. */
    SDL_SetTextureBlendMode(texture, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    free_slot->hash = hash;
    free_slot->key = rs_xmalloc(key_length);
    memcpy(free_slot->key, key, key_length);
    free_slot->key_length = key_length;
    free_slot->texture = texture;
    free_slot->w = surface->w;
    free_slot->h = surface->h;
    free_slot->last_used = t->clock;
    t->texture_bytes += (size_t)surface->w * (size_t)surface->h * 4u;
    SDL_FreeSurface(surface);
    if (key != stack)
        free(key);
    *w = free_slot->w, *h = free_slot->h;
    SDL_Texture *result = free_slot->texture;
    /* Keep this one: only older textures are evicted. */
    free_slot->last_used = UINT64_MAX;
    evict_until(t, t->texture_budget);
    free_slot->last_used = t->clock;
    return result;
}

size_t rs_text_texture_bytes(const rs_text *t)
{
    return t->texture_bytes;
}
