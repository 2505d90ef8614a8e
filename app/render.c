#include "render.h"

#include <limits.h>
#include <stdbool.h>

#include "expect.h"
#include "map_mesh.h"

/*
 * What the software renderer spends a frame on is blending: every text
 * texture is blended pixel by pixel, and SDL blends a rectangle filled in
 * SDL_BLENDMODE_BLEND pixel by pixel even when its colour is opaque. So
 * opaque rectangles are filled without blending (the same pixels: blending
 * with alpha 255 is a copy), and text whose whole box lies on one opaque
 * colour is drawn from a texture made on that colour and copied without
 * blending (the same pixels too: the text is blended onto the colour once,
 * by the same blitter, when the texture is made).
 *
 * To know the colour under a text, the frame's painting is remembered as it
 * goes: the clear, each fill and outline side and each text box, clipped.
 * The colour under a box is that of the last thing painted over any of it,
 * if that was an opaque rectangle covering all of it.
 */

#define PAINTED_MAX 1024

typedef struct painted {
    SDL_Rect rect;
    rs_color color;
    bool solid; /* an opaque rectangle of color; else unknown pixels */
} painted;

typedef struct frame_state {
    painted items[PAINTED_MAX];
    size_t count;
    bool overflow; /* more than PAINTED_MAX: nothing is known any more */
    SDL_Rect clip;
    bool clipped;
} frame_state;

static frame_state state;

static void set_color(SDL_Renderer *renderer, rs_color c)
{
    SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
    SDL_SetRenderDrawBlendMode(renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

/* r within the current clip; false when nothing of it is visible. */
static bool visible_part(const SDL_Rect *r, SDL_Rect *out)
{
    if (r->w <= 0 || r->h <= 0)
        return false;
    if (!state.clipped) {
        *out = *r;
        return true;
    }
    return SDL_IntersectRect(r, &state.clip, out) == SDL_TRUE;
}

static void remember(const SDL_Rect *r, rs_color color, bool solid)
{
    SDL_Rect part;
    if (!visible_part(r, &part))
        return;
    if (state.count == PAINTED_MAX) {
        state.overflow = true;
        return;
    }
    state.items[state.count++] = (painted){part, color, solid && color.a == 255};
}

static bool contains(const SDL_Rect *outer, const SDL_Rect *inner)
{
    return inner->x >= outer->x && inner->y >= outer->y && inner->x + inner->w <= outer->x + outer->w &&
           inner->y + inner->h <= outer->y + outer->h;
}

/* The one opaque colour under all of box (already clipped), if there is one. */
static bool colour_under(const SDL_Rect *box, rs_color *color)
{
    if (state.overflow)
        return false;
    for (size_t i = state.count; i-- > 0;) {
        const painted *p = &state.items[i];
        if (!SDL_HasIntersection(&p->rect, box))
            continue;
        if (!p->solid || !contains(&p->rect, box))
            return false;
        *color = p->color;
        return true;
    }
    return false;
}

static void draw_text(SDL_Renderer *renderer, rs_text *text, const rs_draw_command *c)
{
    /* The box is known once the texture is: measure it from the cached
     * transparent one only if the opaque one cannot be used. Its size does
     * not depend on the background, so look it up by size first. */
    int w, h;
    SDL_Texture *texture = NULL;
    rs_color under;
    int width = rs_text_width(text, c->style, c->text, c->length);
    SDL_Rect guess = {c->rect.x, c->rect.y, width > 0 ? width : 1, rs_text_height(text, c->style)}, part;
    if (!visible_part(&guess, &part))
        return;
    if (colour_under(&part, &under))
        texture = rs_text_texture_over(text, renderer, c->style, c->color, under, c->text, c->length, &w, &h);
    if (texture) {
        SDL_Rect at = {c->rect.x, c->rect.y, w, h}, drawn;
        /* The real box may be wider than the advance (an overhanging last
         * glyph): then check again, and blend after all if it does not fit. */
        if ((w != guess.w || h != guess.h) && visible_part(&at, &drawn) && !colour_under(&drawn, &under))
            texture = NULL;
    }
    if (!texture)
        texture = rs_text_texture(text, renderer, c->style, c->color, c->text, c->length, &w, &h);
    if (!texture)
        return;
    SDL_Rect at = {c->rect.x, c->rect.y, w, h};
    SDL_RenderCopy(renderer, texture, NULL, &at);
    remember(&at, c->color, false);
}

/* Triangles on the software renderer: as rows (map_mesh.h rs_mesh_spans
 * says why), filled in one call, within the clip. The rows are kept from
 * frame to frame. */
static void fill_spans(SDL_Renderer *renderer, const rs_draw_command *c, int output_w, int output_h)
{
    static rs_rect *spans;
    static SDL_Rect *rects;
    static size_t span_capacity, rect_capacity;
    size_t count = 0;
    int x0 = 0, y0 = 0, x1 = output_w, y1 = output_h;
    if (state.clipped) {
        x0 = state.clip.x > 0 ? state.clip.x : 0, y0 = state.clip.y > 0 ? state.clip.y : 0;
        x1 = state.clip.x + state.clip.w < x1 ? state.clip.x + state.clip.w : x1;
        y1 = state.clip.y + state.clip.h < y1 ? state.clip.y + state.clip.h : y1;
    }
    rs_mesh_spans(c->xy, c->vertex_count, c->indices, c->index_count, x0, y0, x1, y1, &spans, &count,
                  &span_capacity);
    if (!count || count > INT_MAX)
        return;
    rs_grow(&rects, &rect_capacity, count, sizeof *rects);
    for (size_t i = 0; i < count; i++)
        rects[i] = (SDL_Rect){spans[i].x, spans[i].y, spans[i].w, spans[i].h};
    set_color(renderer, c->color);
    SDL_RenderFillRects(renderer, rects, (int)count);
}

/* RS_DRAW_RECTS: one call whatever the renderer (every one fills
 * rectangles, and the software one fastest of all its shapes). */
static void fill_rects(SDL_Renderer *renderer, const rs_draw_command *c)
{
    static SDL_Rect *rects;
    static size_t capacity;
    if (!c->rect_count || c->rect_count > INT_MAX)
        return;
    rs_grow(&rects, &capacity, c->rect_count, sizeof *rects);
    for (size_t i = 0; i < c->rect_count; i++)
        rects[i] = (SDL_Rect){c->rects[i].x, c->rects[i].y, c->rects[i].w, c->rects[i].h};
    set_color(renderer, c->color);
    SDL_RenderFillRects(renderer, rects, (int)c->rect_count);
}

void rs_render(SDL_Renderer *renderer, rs_text *text, const rs_draw_list *list, rs_color background)
{
    SDL_RendererInfo info;
    bool software = SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    int output_w = 0, output_h = 0;
    SDL_GetRendererOutputSize(renderer, &output_w, &output_h);
    state.count = 0;
    state.overflow = false;
    state.clipped = false;
    SDL_RenderSetClipRect(renderer, NULL);
    set_color(renderer, background);
    SDL_RenderClear(renderer);
    /* The clear paints everything, whatever the target's size. */
    SDL_Rect everything = {-(1 << 28), -(1 << 28), 1 << 29, 1 << 29};
    remember(&everything, background, true);
    for (size_t i = 0; i < list->count; i++) {
        const rs_draw_command *c = &list->items[i];
        SDL_Rect r = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
        switch (c->kind) {
        case RS_DRAW_FILL:
            set_color(renderer, c->color);
            SDL_RenderFillRect(renderer, &r);
            remember(&r, c->color, true);
            break;
        case RS_DRAW_OUTLINE: {
            int t = c->thickness > 0 ? c->thickness : 1;
            SDL_Rect sides[4] = {
                {r.x, r.y, r.w, t}, {r.x, r.y + r.h - t, r.w, t}, {r.x, r.y, t, r.h}, {r.x + r.w - t, r.y, t, r.h}};
            set_color(renderer, c->color);
            SDL_RenderFillRects(renderer, sides, 4);
            for (int k = 0; k < 4; k++)
                remember(&sides[k], c->color, true);
            break;
        }
        case RS_DRAW_TEXT:
            draw_text(renderer, text, c);
            break;
        case RS_DRAW_TRIANGLES: {
            if (software)
                fill_spans(renderer, c, output_w, output_h);
            else {
                /* One colour for every vertex: a colour stride of 0. */
                SDL_Color color = {c->color.r, c->color.g, c->color.b, c->color.a};
                SDL_SetRenderDrawBlendMode(renderer, c->color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
                SDL_RenderGeometryRaw(renderer, NULL, c->xy, 2 * (int)sizeof(float), &color, 0, NULL, 0,
                                      c->vertex_count, c->indices, c->index_count, (int)sizeof(int));
            }
            remember(&r, c->color, false);
            break;
        }
        case RS_DRAW_RECTS:
            fill_rects(renderer, c);
            remember(&r, c->color, false);
            break;
        case RS_DRAW_CLIP:
            SDL_RenderSetClipRect(renderer, r.w > 0 ? &r : NULL);
            state.clipped = r.w > 0;
            state.clip = r;
            break;
        }
    }
    SDL_RenderSetClipRect(renderer, NULL);
}
