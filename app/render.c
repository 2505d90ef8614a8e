#include "render.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "expect.h"
#include "map_mesh.h"
#include "text.h"

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
/* Beyond any target's edge (the clear's bands around a kept layer). */
#define BAND (1 << 16)

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

/*
 * A kept layer (RS_DRAW_LAYER: the map's land, borders and highlights).
 * On the software renderer a frame of the map was mostly SDL filling its
 * rows: tens of thousands of spans (the land, the hatching), each one a
 * run of non-temporal stores whose partial cache lines at both ends cost
 * more than its pixels, over a screen already cleared once. So the layer
 * is drawn into a texture of the layer's size, kept, and copied onto the
 * screen each frame (whole rows: the cheapest way to paint the area); a
 * pan draws into the texture only the strips it uncovered.
 *
 * The texture is a ring: the layer's px (u, v) (relative to its origin)
 * lives at (u mod w, v mod h), so a pan moves nothing in it: the strips
 * uncovered overwrite the strips that went off the other side, and the
 * copy onto the screen is at most four pieces. Pixels are exactly those
 * of drawing the rows onto the screen: the same fills of the same opaque
 * colours, in the target's own pixel format, copied without blending.
 *
 * Only on the software renderer (a GPU fills rows for nothing) and where
 * render targets exist; the texture belongs to the renderer, so it hangs
 * on the text cache, which is always let go before its renderer
 * (rs_text_attach). A frame without a layer lets it go (the memory: 1.2
 * MB at 800x480, 7.5 MB at 1920x1080).
 */

typedef struct layer_cache {
    SDL_Texture *texture;
    int w, h;
    Uint32 format;
    bool valid;                /* the texture holds the layer at key, look, (x, y) over shown */
    unsigned long long key;
    uint32_t look;             /* the background (layer_look) */
    int x, y;                  /* the layer's origin it was drawn at */
    rs_rect shown;             /* the layer's px it holds, relative to the origin */
} layer_cache;

static bool keep_layers = true;
static long layer_drawn = -1;

void rs_render_keep_layers(bool keep)
{
    keep_layers = keep;
}

long rs_render_layer_drawn(void)
{
    return layer_drawn;
}

static void destroy_layer(void *data)
{
    layer_cache *cache = data;
    if (cache->texture)
        SDL_DestroyTexture(cache->texture);
    free(cache);
}

/* The format of what the renderer draws on: the window's (32-bit) or the
 * target texture's, so that the copy is a plain copy of rows; else
 * ARGB8888 (a software renderer on a surface, as screenshots are). */
static Uint32 target_format(SDL_Renderer *renderer)
{
    SDL_Texture *target = SDL_GetRenderTarget(renderer);
    Uint32 format = SDL_PIXELFORMAT_UNKNOWN;
    SDL_Window *window = SDL_RenderGetWindow(renderer);
    if (target)
        SDL_QueryTexture(target, &format, NULL, NULL, NULL);
    else if (window)
        format = SDL_GetWindowPixelFormat(window);
    if (format == SDL_PIXELFORMAT_UNKNOWN || SDL_BYTESPERPIXEL(format) != 4 || SDL_ISPIXELFORMAT_INDEXED(format) ||
        SDL_ISPIXELFORMAT_FOURCC(format))
        format = SDL_PIXELFORMAT_ARGB8888;
    return format;
}

/* What the layer looks like besides its key (which covers its commands,
 * colours included): the background, painted where they do not. */
static uint32_t layer_look(rs_color background)
{
    return (uint32_t)background.r << 24 | (uint32_t)background.g << 16 | (uint32_t)background.b << 8 | background.a;
}

/* Whether the layer can be kept on this renderer: every command opaque
 * rows, on an opaque background, of a sane size. */
static bool keepable(SDL_Renderer *renderer, bool software, rs_text *text, const rs_draw_command *layer,
                     rs_color background)
{
    if (!keep_layers || !software || !text || !layer->layer_key || background.a != 255 || layer->rect.w <= 0 ||
        layer->rect.h <= 0 || layer->rect.w > 8192 || layer->rect.h > 8192 || !SDL_RenderTargetSupported(renderer))
        return false;
    for (size_t i = 1; i <= layer->layer_count; i++)
        if (layer[i].kind != RS_DRAW_RECTS || layer[i].color.a != 255)
            return false;
    return true;
}

static inline int mod(int v, int n)
{
    int m = v % n;
    return m < 0 ? m + n : m;
}

/* Layer px rect r (relative to the origin, within one texture's size)
 * split where the ring wraps: into pieces[] as pairs (the layer's px, the
 * texture's); returns how many (1 to 4). */
static int ring_pieces(const layer_cache *cache, rs_rect r, SDL_Rect from[4], SDL_Rect to[4])
{
    int n = 0, tx = mod(r.x, cache->w), ty = mod(r.y, cache->h);
    int w0 = cache->w - tx < r.w ? cache->w - tx : r.w, h0 = cache->h - ty < r.h ? cache->h - ty : r.h;
    int xs[2][3] = {{r.x, tx, w0}, {r.x + w0, 0, r.w - w0}}, ys[2][3] = {{r.y, ty, h0}, {r.y + h0, 0, r.h - h0}};
    for (int j = 0; j < 2; j++)
        for (int i = 0; i < 2; i++)
            if (xs[i][2] > 0 && ys[j][2] > 0) {
                from[n] = (SDL_Rect){xs[i][0], ys[j][0], xs[i][2], ys[j][2]};
                to[n++] = (SDL_Rect){xs[i][1], ys[j][1], xs[i][2], ys[j][2]};
            }
    return n;
}

/* The strips of want (layer px) that kept does not hold: want less their
 * overlap, as at most four rects (above, below, left, right of it). */
static int uncovered(rs_rect want, rs_rect kept, bool valid, rs_rect out[4])
{
    SDL_Rect a = {want.x, want.y, want.w, want.h}, b = {kept.x, kept.y, kept.w, kept.h}, i;
    if (!valid || !SDL_IntersectRect(&a, &b, &i)) {
        out[0] = want;
        return 1;
    }
    int n = 0;
    if (i.y > a.y)
        out[n++] = (rs_rect){a.x, a.y, a.w, i.y - a.y};
    if (i.y + i.h < a.y + a.h)
        out[n++] = (rs_rect){a.x, i.y + i.h, a.w, a.y + a.h - i.y - i.h};
    if (i.x > a.x)
        out[n++] = (rs_rect){a.x, i.y, i.x - a.x, i.h};
    if (i.x + i.w < a.x + a.w)
        out[n++] = (rs_rect){i.x + i.w, i.y, a.x + a.w - i.x - i.w, i.h};
    return n;
}

/* Draws the strips (layer px) of the layer into the texture (the current
 * target): the background, then each command's rows cut to the strips and
 * moved to where the ring keeps them. */
static void draw_strips(SDL_Renderer *renderer, layer_cache *cache, const rs_draw_command *layer, rs_color background,
                        const rs_rect *strips, int strip_count)
{
    static SDL_Rect *rects;
    static size_t capacity;
    SDL_Rect from[4], to[4];
    int ox = layer->layer_x, oy = layer->layer_y;
    set_color(renderer, background);
    for (int s = 0; s < strip_count; s++) {
        int n = ring_pieces(cache, strips[s], from, to);
        SDL_RenderFillRects(renderer, to, n);
        layer_drawn += (long)strips[s].w * strips[s].h;
    }
    for (size_t k = 1; k <= layer->layer_count; k++) {
        const rs_draw_command *c = &layer[k];
        size_t count = 0;
        for (size_t i = 0; i < c->rect_count; i++) {
            rs_rect r = c->rects[i];
            int x0 = r.x - ox, y0 = r.y - oy, x1 = x0 + r.w, y1 = y0 + r.h;
            for (int s = 0; s < strip_count; s++) {
                const rs_rect *st = &strips[s];
                int a = x0 > st->x ? x0 : st->x, b = y0 > st->y ? y0 : st->y;
                int p = x1 < st->x + st->w ? x1 : st->x + st->w, q = y1 < st->y + st->h ? y1 : st->y + st->h;
                if (p <= a || q <= b)
                    continue;
                rs_grow(&rects, &capacity, count + 4, sizeof *rects);
                int n = ring_pieces(cache, (rs_rect){a, b, p - a, q - b}, from, to);
                for (int j = 0; j < n; j++)
                    rects[count++] = to[j];
            }
        }
        if (count && count <= INT_MAX) {
            set_color(renderer, c->color);
            SDL_RenderFillRects(renderer, rects, (int)count);
        }
    }
}

/* Paints the layer (window px, within clip) from the kept texture,
 * drawing into it first what it does not hold. False when it cannot (no
 * texture): the caller draws the layer's commands instead. */
static bool draw_kept_layer(SDL_Renderer *renderer, rs_text *text, const rs_draw_command *layer, rs_color background)
{
    layer_cache *cache = rs_text_attached(text);
    if (!cache) {
        cache = rs_xcalloc(1, sizeof *cache);
        rs_text_attach(text, cache, destroy_layer);
    }
    Uint32 format = target_format(renderer);
    rs_rect area = layer->rect;
    if (!cache->texture || cache->w != area.w || cache->h != area.h || cache->format != format) {
        if (cache->texture)
            SDL_DestroyTexture(cache->texture);
        cache->texture = SDL_CreateTexture(renderer, format, SDL_TEXTUREACCESS_TARGET, area.w, area.h);
        cache->w = area.w, cache->h = area.h, cache->format = format, cache->valid = false;
        if (!cache->texture)
            return false;
        SDL_SetTextureBlendMode(cache->texture, SDL_BLENDMODE_NONE);
    }
    uint32_t look = layer_look(background);
    bool same = cache->valid && cache->key == layer->layer_key && cache->look == look;
    rs_rect want = {area.x - layer->layer_x, area.y - layer->layer_y, area.w, area.h}, strips[4];
    int strip_count = uncovered(want, cache->shown, same, strips);
    layer_drawn = 0;
    if (strip_count) {
        SDL_Texture *target = SDL_GetRenderTarget(renderer);
        if (SDL_SetRenderTarget(renderer, cache->texture) != 0) {
            cache->valid = false;
            return false;
        }
        SDL_RenderSetClipRect(renderer, NULL);
        draw_strips(renderer, cache, layer, background, strips, strip_count);
        SDL_SetRenderTarget(renderer, target);
        SDL_RenderSetClipRect(renderer, state.clipped ? &state.clip : NULL);
    }
    cache->valid = true, cache->key = layer->layer_key, cache->look = look;
    cache->x = layer->layer_x, cache->y = layer->layer_y, cache->shown = want;
    SDL_Rect from[4], to[4];
    int n = ring_pieces(cache, want, from, to);
    for (int i = 0; i < n; i++) {
        SDL_Rect at = {from[i].x + layer->layer_x, from[i].y + layer->layer_y, from[i].w, from[i].h};
        SDL_RenderCopy(renderer, cache->texture, &to[i], &at);
    }
    return true;
}

/* The window px the list's first layer paints whole when it is kept: its
 * rect within the clip in force there. False when there is none to keep. */
static bool kept_cover(SDL_Renderer *renderer, bool software, rs_text *text, const rs_draw_list *list,
                       rs_color background, SDL_Rect *cover)
{
    SDL_Rect clip = {0, 0, 0, 0};
    bool clipped = false;
    for (size_t i = 0; i < list->count; i++) {
        const rs_draw_command *c = &list->items[i];
        if (c->kind == RS_DRAW_CLIP) {
            clip = (SDL_Rect){c->rect.x, c->rect.y, c->rect.w, c->rect.h};
            clipped = c->rect.w > 0;
        } else if (c->kind == RS_DRAW_LAYER) {
            if (!keepable(renderer, software, text, c, background))
                return false;
            SDL_Rect r = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
            if (!clipped) {
                *cover = r;
                return true;
            }
            return SDL_IntersectRect(&r, &clip, cover) == SDL_TRUE;
        }
    }
    /* No layer this frame: the kept one goes (the map was left; a pinch's
     * frames have a layer, of key 0). */
    if (text && rs_text_attached(text))
        rs_text_attach(text, NULL, NULL);
    return false;
}

/* The screen cleared to background, but for cover (when there is one):
 * four bands around it, as large as any target (and exact in the floats
 * SDL turns them into). */
static void clear(SDL_Renderer *renderer, rs_color background, const SDL_Rect *cover)
{
    set_color(renderer, background);
    if (!cover || cover->x < -BAND || cover->y < -BAND || cover->x + cover->w > BAND || cover->y + cover->h > BAND) {
        SDL_RenderClear(renderer);
        return;
    }
    int x = cover->x, y = cover->y, r = cover->x + cover->w, b = cover->y + cover->h;
    SDL_Rect bands[4] = {{-BAND, -BAND, 2 * BAND, y + BAND},
                         {-BAND, b, 2 * BAND, BAND - b},
                         {-BAND, y, x + BAND, b - y},
                         {r, y, BAND - r, b - y}};
    SDL_RenderFillRects(renderer, bands, 4);
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
    layer_drawn = -1;
    SDL_RenderSetClipRect(renderer, NULL);
    SDL_Rect cover;
    bool keep = kept_cover(renderer, software, text, list, background, &cover);
    clear(renderer, background, keep ? &cover : NULL);
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
        case RS_DRAW_LAYER:
            /* Kept: painted from its texture, its commands skipped. The
             * first layer only (the one the clear left out). */
            if (keep && draw_kept_layer(renderer, text, c, background)) {
                remember(&r, background, false);
                i += c->layer_count;
            } else if (keep) {
                /* No texture after all: the clear left the area out. */
                set_color(renderer, background);
                SDL_RenderFillRect(renderer, &r);
            }
            keep = false;
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
