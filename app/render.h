/*
 * Render: the only code that draws. Walks a draw list onto an SDL renderer
 * (a window's, GPU or software, or a software renderer on a surface for
 * screenshots).
 */
#ifndef RS_RENDER_H
#define RS_RENDER_H

#include <SDL.h>

#include "draw.h"
#include "text.h"

/* Draws list onto renderer, cleared to background first. Does not present. */
void rs_render(SDL_Renderer *renderer, rs_text *text, const rs_draw_list *list, rs_color background);

#endif
