/*
 * Render: the only code that draws. Walks a draw list onto an SDL renderer
 * (a window's, GPU or software, or a software renderer on a surface for
 * screenshots).
 */
#ifndef RS_RENDER_H
#define RS_RENDER_H

#include <SDL.h>
#include <stdbool.h>

#include "draw.h"
#include "text.h"

/* Draws list onto renderer, cleared to background first. Does not present.
 * On the software renderer a layer (RS_DRAW_LAYER) is kept in a texture
 * hung on text (rs_text_attach) and only moved from frame to frame; so
 * text must be let go (rs_text_destroy or rs_text_drop_textures) before
 * the renderer, as for its own textures. */
void rs_render(SDL_Renderer *renderer, rs_text *text, const rs_draw_list *list, rs_color background);

/* Whether layers are kept (the default: yes, where the renderer allows).
 * Off: each frame draws them whole, as on a GPU. For tests comparing the
 * two. */
void rs_render_keep_layers(bool keep);
/* The px of the last frame's layer drawn anew into its texture (all of it
 * the first time, the strips a pan uncovered after), -1 when no layer was
 * kept. For tests and the benchmark. */
long rs_render_layer_drawn(void);

#endif
