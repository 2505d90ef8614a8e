/*
 * What is drawn over a page or instead of one, straight into the draw list
 * (nothing here is cached: each is drawn once per change): the idle
 * warning over the page, the attract loop's slides, the staff PIN pad, the
 * admin screen and the error screen for a bundle that cannot be opened.
 */
#include "layout.h"

#include "i18n.h"
#include "layout_private.h"

#include <stdio.h>
#include <string.h>

/* In a right-to-left UI, what an overlay drew from `from` on mirrors as a
 * page does (layout_mirror.c): its lines aligned right in their box. */
static void mirror_overlay(rs_layout *l, int width, rs_draw_list *out, size_t from)
{
    if (!rs_layout_is_rtl(l))
        return;
    rs_target_list none = {0};
    rs_layout_mirror(l, width, out, from, &none, 0);
}

void rs_layout_error(rs_layout *l, const rs_theme *t, int width, int height, const char *heading,
                     const char *message, rs_draw_list *out)
{
    rs_draw_clear(out);
    rs_layout_forget(l);
    rs_rect band = {0, 0, width, t->margin / 2 > 6 ? t->margin / 2 : 6};
    rs_draw_fill(out, band, t->error);
    int w = reading_width(t, width);
    int x = (width - w) / 2;
    int y = rs_layout_draw_paragraph(l, t, heading, RS_STYLE_TITLE, t->error, x, height / 6, w, 0, NULL, out);
    rs_layout_draw_paragraph(l, t, message, RS_STYLE_BODY, t->text, x, y + t->gap * 2, w, 0, NULL, out);
    mirror_overlay(l, width, out, 0);
}

void rs_layout_countdown(rs_layout *l, const rs_theme *t, int width, int height, int seconds_left,
                         rs_draw_list *out)
{
    size_t from = out->count;
    rs_draw_fill(out, (rs_rect){0, 0, width, height}, (rs_color){0, 0, 0, 0xA0});
    int w = reading_width(t, width) * 3 / 4;
    if (w < width / 2)
        w = width - 2 * t->margin;
    int pad = t->margin;
    int box_h = line_height(t, RS_STYLE_TITLE) + 2 * line_height(t, RS_STYLE_BODY) + t->gap + 2 * pad;
    rs_rect box = {(width - w) / 2, (height - box_h) / 2, w, box_h};
    rs_draw_fill(out, box, t->surface);
    rs_draw_outline(out, box, t->accent, t->outline);
    int x = box.x + pad, inner = box.w - 2 * pad;
    int y = rs_layout_draw_paragraph(l, t, _("Still reading?"), RS_STYLE_TITLE, t->text, x, box.y + pad, inner, 1,
                                     NULL, out);
    y = rs_layout_draw_paragraph(l, t, _("Touch the screen to continue."), RS_STYLE_BODY, t->text, x, y + t->gap,
                                 inner, 1, NULL, out);
    snprintf(l->overlay_text, sizeof l->overlay_text,
             ngettext("Going back to the start in %d second", "Going back to the start in %d seconds",
                      (unsigned long)(seconds_left > 0 ? seconds_left : 0)),
             seconds_left);
    rs_layout_draw_paragraph(l, t, l->overlay_text, RS_STYLE_BODY, t->muted, x, y, inner, 1, NULL, out);
    mirror_overlay(l, width, out, from);
}

void rs_layout_attract(rs_layout *l, const rs_theme *t, int width, int height, const rs_attract_slide *slide,
                       float veil, rs_draw_list *out)
{
    rs_draw_clear(out);
    int w = reading_width(t, width);
    int x = (width - w) / 2;
    int prompt_h = t->bar_height;
    rs_draw_fill(out, (rs_rect){0, height - prompt_h, width, prompt_h}, t->accent);
    const char *prompt = _("Touch the screen to explore");
    int pw = text_width(l, RS_STYLE_LABEL, prompt, strlen(prompt));
    rs_layout_draw_paragraph(l, t, prompt, RS_STYLE_LABEL, t->accent_text, (width - pw) / 2,
                             height - prompt_h + (prompt_h - line_height(t, RS_STYLE_LABEL)) / 2, pw + 1, 1, NULL, out);
    if (slide) {
        int y = t->margin;
        y = rs_layout_draw_paragraph(l, t, slide->title, RS_STYLE_TITLE, t->text, x, y, w, 3, slide->language, out);
        y = rs_layout_draw_paragraph(l, t, slide->meta, RS_STYLE_SECONDARY, t->muted, x, y + t->gap, w, 1, NULL, out);
        int lines = (height - prompt_h - t->margin - y - t->gap * 2) / line_height(t, RS_STYLE_BODY);
        if (lines > 0)
            rs_layout_draw_paragraph(l, t, slide->body, RS_STYLE_BODY, t->text, x, y + t->gap * 2, w, (size_t)lines,
                                     slide->language, out);
    }
    if (veil > 0) {
        float v = veil > 1 ? 1 : veil;
        rs_color c = t->background;
        c.a = (uint8_t)(v * 255.0f + 0.5f);
        rs_draw_fill(out, (rs_rect){0, 0, width, height - prompt_h}, c);
    }
}

/* A button drawn straight into out, with its target. */
static void direct_button(rs_layout *l, const rs_theme *t, rs_rect r, const char *label, rs_action action,
                          bool enabled, bool focused, rs_draw_list *out, rs_target_list *targets)
{
    rs_draw_fill(out, r, enabled ? t->surface : t->background);
    rs_draw_outline(out, r, focused ? t->accent : t->divider, focused ? t->outline : 1);
    /* A label too long for the button is set smaller rather than cut. */
    rs_text_style style = RS_STYLE_LABEL;
    int w = text_width(l, style, label, strlen(label));
    if (w > r.w - 2 * t->gap) {
        style = RS_STYLE_SECONDARY;
        w = text_width(l, style, label, strlen(label));
    }
    rs_layout_draw_paragraph(l, t, label, style, enabled ? t->accent : t->divider, r.x + (r.w - w) / 2,
                             r.y + (r.h - line_height(t, style)) / 2, w + 1, 1, NULL, out);
    if (enabled)
        rs_layout_add_target(targets, r, action, false);
}

void rs_layout_pin(rs_layout *l, const rs_theme *t, int width, int height, size_t digits, const char *message,
                   bool locked, rs_draw_list *out, rs_target_list *targets)
{
    rs_draw_clear(out);
    targets->count = 0;
    int gap = t->gap;
    int top = t->margin / 2;
    rs_rect cancel = {width - t->margin - t->target * 3, top, t->target * 3, t->target};
    direct_button(l, t, cancel, _("Cancel"), (rs_action){.kind = RS_ACT_CLOSE}, true, false, out, targets);
    int y = rs_layout_draw_paragraph(l, t, _("Staff only: enter the PIN"), RS_STYLE_TITLE, t->text, t->margin,
                                     top + (t->target - line_height(t, RS_STYLE_TITLE)) / 2,
                                     cancel.x - t->margin - gap, 1, NULL, out);
    y = y > cancel.y + cancel.h ? y : cancel.y + cancel.h;

    /* Keys a finger's width and more; smaller only if the screen is short. */
    int key_w = t->target * 2, key_h = t->target * 6 / 5;
    /* Two lines for the message, always: the lock's "wait N seconds" was cut
     * off on one line at 800x480, and keys that moved when a message came
     * or went would move under a finger. */
    int field_h = t->target, message_h = 2 * line_height(t, RS_STYLE_SECONDARY);
    int needed = field_h + message_h + 4 * key_h + 5 * gap;
    int room = height - y - t->margin / 2;
    if (needed > room) {
        key_h = (room - field_h - message_h - 5 * gap) / 4;
        if (key_h < t->target * 3 / 4)
            key_h = t->target * 3 / 4;
    }
    int pad_w = 3 * key_w + 2 * gap;
    int x0 = (width - pad_w) / 2;
    rs_rect field = {x0, y + gap, pad_w, field_h};
    rs_draw_fill(out, field, t->surface);
    rs_draw_outline(out, field, t->accent, t->outline);
    /* The draw list keeps a pointer to the text until the frame is drawn:
     * the dots live in the layout, not on this function's stack (found by
     * the armhf build, where the dead stack bytes differed). */
    char *dots = l->overlay_text;
    dots[0] = '\0';
    for (size_t i = 0; i < digits && i < 8; i++)
        strcat(dots, i ? " ●" : "●");
    const char *shown = digits ? dots : _("PIN");
    int shown_w = text_width(l, RS_STYLE_TITLE, shown, strlen(shown));
    rs_layout_draw_paragraph(l, t, shown, RS_STYLE_TITLE, digits ? t->text : t->muted,
                             field.x + (field.w - shown_w) / 2,
                             field.y + (field.h - line_height(t, RS_STYLE_TITLE)) / 2, shown_w + 1, 1, NULL, out);
    y = field.y + field.h + gap / 2;
    if (message && message[0])
        rs_layout_draw_paragraph(l, t, message, RS_STYLE_SECONDARY, t->error, x0, y, pad_w, 2, NULL, out);
    int y0 = y + message_h + gap / 2;
    const char *const labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", P_("PIN pad", "Clear"), "0",
                                    P_("PIN pad", "OK")};
    for (int i = 0; i < 12; i++) {
        rs_rect r = {x0 + (i % 3) * (key_w + gap), y0 + (i / 3) * (key_h + gap), key_w, key_h};
        rs_action a = {0};
        if (i == 9)
            a.kind = RS_ACT_PIN_CLEAR;
        else if (i == 11)
            a.kind = RS_ACT_PIN_OK;
        else
            a.kind = RS_ACT_PIN_DIGIT, a.index = i == 10 ? 0 : i + 1;
        direct_button(l, t, r, labels[i], a, !locked, false, out, targets);
    }
}

void rs_layout_admin(rs_layout *l, const rs_theme *t, int width, int height, const rs_admin_line *lines,
                     size_t line_count, const rs_admin_button *buttons, size_t button_count, rs_action focused,
                     rs_draw_list *out, rs_target_list *targets)
{
    rs_draw_clear(out);
    targets->count = 0;
    int x = t->margin, w = width - 2 * t->margin;
    int y = rs_layout_draw_paragraph(l, t, _("Rostrum administration"), RS_STYLE_TITLE, t->text, x, t->margin / 2, w,
                                     1, NULL, out);
    int label_w = w / 4;
    for (size_t i = 0; i < line_count; i++) {
        int ly = rs_layout_draw_paragraph(l, t, lines[i].label, RS_STYLE_SECONDARY, t->muted, x, y,
                                          label_w - t->gap, 2, NULL, out);
        int vy = rs_layout_draw_paragraph(l, t, lines[i].value ? lines[i].value : "", RS_STYLE_SECONDARY, t->text,
                                          x + label_w, y, w - label_w, 3, NULL, out);
        y = ly > vy ? ly : vy;
    }
    int bh = t->target;
    int bw = button_count ? (w - (int)(button_count - 1) * t->gap) / (int)button_count : w;
    int by = height - t->margin / 2 - bh;
    if (by < y + t->gap)
        by = y + t->gap;
    for (size_t i = 0; i < button_count; i++) {
        rs_action a = {.kind = buttons[i].command < 0 ? RS_ACT_CLOSE : RS_ACT_COMMAND, .index = buttons[i].command};
        rs_rect r = {x + (int)i * (bw + t->gap), by, bw, bh};
        direct_button(l, t, r, _(buttons[i].label), a, true, rs_action_equal(&a, &focused), out, targets);
    }
}

