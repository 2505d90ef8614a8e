#include "draw.h"

#include "expect.h"

#include <stdlib.h>
#include <string.h>

static rs_draw_command *append(rs_draw_list *list)
{
    rs_grow(&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    rs_draw_command *c = &list->items[list->count++];
    memset(c, 0, sizeof *c);
    return c;
}

void rs_draw_clear(rs_draw_list *list)
{
    list->count = 0;
}

void rs_draw_free(rs_draw_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

void rs_draw_fill(rs_draw_list *list, rs_rect rect, rs_color color)
{
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_FILL, c->rect = rect, c->color = color;
}

void rs_draw_outline(rs_draw_list *list, rs_rect rect, rs_color color, int thickness)
{
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_OUTLINE, c->rect = rect, c->color = color, c->thickness = thickness;
}

void rs_draw_text(rs_draw_list *list, int x, int y, rs_text_style style, rs_color color, const char *text,
                  size_t length)
{
    if (length == 0)
        return;
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_TEXT, c->rect = (rs_rect){x, y, 0, 0}, c->color = color;
    c->style = style, c->text = text, c->length = length;
}

void rs_draw_clip(rs_draw_list *list, rs_rect rect)
{
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_CLIP, c->rect = rect;
}

void rs_draw_triangles(rs_draw_list *list, rs_rect bounds, rs_color color, const float *xy, int vertex_count,
                       const int *indices, int index_count)
{
    if (vertex_count <= 0 || index_count < 3)
        return;
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_TRIANGLES, c->rect = bounds, c->color = color;
    c->xy = xy, c->vertex_count = vertex_count;
    c->indices = indices, c->index_count = index_count - index_count % 3;
}

void rs_draw_rects(rs_draw_list *list, rs_rect bounds, rs_color color, const rs_rect *rects, size_t count)
{
    if (!count)
        return;
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_RECTS, c->rect = bounds, c->color = color;
    c->rects = rects, c->rect_count = count;
}

size_t rs_draw_layer(rs_draw_list *list, rs_rect rect, unsigned long long key, int x, int y)
{
    rs_draw_command *c = append(list);
    c->kind = RS_DRAW_LAYER, c->rect = rect;
    c->layer_key = key, c->layer_x = x, c->layer_y = y, c->layer_count = 0;
    return list->count - 1;
}

void rs_draw_layer_end(rs_draw_list *list, size_t at)
{
    RS_EXPECT(at < list->count && list->items[at].kind == RS_DRAW_LAYER);
    list->items[at].layer_count = list->count - at - 1;
}
