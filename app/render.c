#include "render.h"

static void set_color(SDL_Renderer *renderer, rs_color c)
{
    SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
}

void rs_render(SDL_Renderer *renderer, rs_text *text, const rs_draw_list *list, rs_color background)
{
    SDL_RenderSetClipRect(renderer, NULL);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    set_color(renderer, background);
    SDL_RenderClear(renderer);
    for (size_t i = 0; i < list->count; i++) {
        const rs_draw_command *c = &list->items[i];
        SDL_Rect r = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
        switch (c->kind) {
        case RS_DRAW_FILL:
            set_color(renderer, c->color);
            SDL_RenderFillRect(renderer, &r);
            break;
        case RS_DRAW_OUTLINE: {
            int t = c->thickness > 0 ? c->thickness : 1;
            SDL_Rect sides[4] = {
                {r.x, r.y, r.w, t}, {r.x, r.y + r.h - t, r.w, t}, {r.x, r.y, t, r.h}, {r.x + r.w - t, r.y, t, r.h}};
            set_color(renderer, c->color);
            SDL_RenderFillRects(renderer, sides, 4);
            break;
        }
        case RS_DRAW_TEXT: {
            int w, h;
            SDL_Texture *texture = rs_text_texture(text, renderer, c->style, c->color, c->text, c->length, &w, &h);
            if (texture) {
                SDL_Rect at = {r.x, r.y, w, h};
                SDL_RenderCopy(renderer, texture, NULL, &at);
            }
            break;
        }
        case RS_DRAW_CLIP:
            SDL_RenderSetClipRect(renderer, r.w > 0 ? &r : NULL);
            break;
        }
    }
    SDL_RenderSetClipRect(renderer, NULL);
}
