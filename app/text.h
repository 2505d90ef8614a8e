/*
 * Text: fonts, measuring and rasterising, with SDL2_ttf (HarfBuzz shaping).
 *
 * Each text style has a chain of fonts: DejaVu Sans (Latin, Greek,
 * Cyrillic), then Droid Sans Fallback for Chinese, Japanese and Korean,
 * Noto Sans Arabic and Noto Sans Hebrew (which Arabic and Hebrew letters
 * try first). A string is split into runs by the first font in the chain
 * that has each character, and each run is shaped and drawn with its own
 * font on the main font's baseline, so a Chinese name in an English
 * statement shows up, and every line of a style has one height and one
 * baseline whichever fonts it uses.
 *
 * A string with right-to-left letters is one paragraph to UAX #9 (bidi.h;
 * its first strong letter sets its direction): its runs are drawn in
 * visual order, each shaped by HarfBuzz with its direction and script
 * (TTF_SetFontDirection, TTF_SetFontScriptName), so Arabic letters join
 * and brackets mirror. Widths are measured through the same runs, so a
 * string's measured width is the width drawn. A line of a longer paragraph
 * whose direction differs from its own first letter's is drawn run by run
 * by its caller (layout_reader.c).
 *
 * Rendering a string is slow (TTF_Render* builds a new surface every call),
 * so finished strings are kept as textures under a byte budget and reused
 * until evicted; widths are cached too. Nothing is rasterised again while a
 * list scrolls. Textures are dropped when the renderer loses them
 * (SDL_RENDER_TARGETS_RESET / DEVICE_RESET) and rebuilt on demand.
 */
#ifndef RS_TEXT_H
#define RS_TEXT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "wrap.h"
#include "theme.h"

typedef struct rs_text rs_text;

/* Opens the fonts in font_dir at the sizes in theme. On failure returns NULL
 * with a message in error. */
rs_text *rs_text_create(const char *font_dir, const rs_theme *theme, char *error, size_t error_size);
/* Destroys the cached textures too: call it (or rs_text_drop_textures)
 * before the renderer they belong to is destroyed, which frees them. */
void rs_text_destroy(rs_text *text);

/* Why Chinese, Japanese and Korean text cannot be shown (the fallback font
 * is missing, cut short or damaged: one sentence for the log and the admin
 * screen, naming the file and what to do), or NULL when it can. The main
 * fonts' problems stop rs_text_create instead; this one does not. */
const char *rs_text_fallback_problem(const rs_text *text);

/* Re-opens the fonts at the sizes of a new theme; drops all caches. */
bool rs_text_set_theme(rs_text *text, const rs_theme *theme, char *error, size_t error_size);

/* Advance width of text[0..length) in style. */
int rs_text_width(rs_text *text, rs_text_style style, const char *string, size_t length);
/* Height of a line of the style's main font, without extra leading. */
int rs_text_height(const rs_text *text, rs_text_style style);
/* The measure interface layout uses. */
rs_text_measure rs_text_measurer(rs_text *text);

/* A texture holding the rendered string, cached; valid until the next call
 * that may evict (keep using it only within the current frame). NULL on
 * failure; a string that failed (too wide for the renderer) is remembered
 * and not shaped again until the textures are dropped. *w, *h get its size. */
SDL_Texture *rs_text_texture(rs_text *text, SDL_Renderer *renderer, rs_text_style style, rs_color color,
                             const char *string, size_t length, int *w, int *h);
/* The same string drawn onto an opaque background colour (background.a
 * 255): an opaque texture, copied without blending, which is several times
 * cheaper for the software renderer. Only for text whose whole box lies on
 * that one colour. background.a < 255: as rs_text_texture. */
SDL_Texture *rs_text_texture_over(rs_text *text, SDL_Renderer *renderer, rs_text_style style, rs_color color,
                                  rs_color background, const char *string, size_t length, int *w, int *h);
/* Forgets every texture (the renderer lost them). */
void rs_text_drop_textures(rs_text *text);
/* Another cache of the same renderer's textures, kept with this one so
 * that it follows the same rule (render.c's map layer): destroy(data) runs
 * whenever this cache's textures go (rs_text_drop_textures, and so
 * rs_text_release and rs_text_destroy), before the renderer is destroyed.
 * Attaching replaces (and destroys) what was attached. (Additive, issue 14.) */
void rs_text_attach(rs_text *text, void *data, void (*destroy)(void *data));
/* What is attached; NULL when nothing is. */
void *rs_text_attached(const rs_text *text);
/* Gives back what the caches hold: textures, measured widths, and the
 * fallback fonts opened for a script (they open again when next needed).
 * The main fonts stay open. For an idle kiosk, and for comparing memory at
 * two moments in the soak. */
void rs_text_release(rs_text *text);
/* Bytes of textures held, for the admin screen and benchmarks. */
size_t rs_text_texture_bytes(const rs_text *text);

#endif
