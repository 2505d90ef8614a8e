/*
 * The search screen's input, drawn over the top and bottom of its results
 * each frame: the field showing the query with a caret, and the on-screen
 * keyboard (a visitor at a kiosk has no other), in Latin, Cyrillic, French,
 * Spanish, Arabic and digit layers, or a single Keyboard button when it is
 * hidden. Each key is
 * a touch target whose action types its character (RS_ACT_KEY_CHAR) or
 * does what it says.
 */
#include "layout.h"

#include "bidi.h"
#include "i18n.h"
#include "layout_private.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* The keys of each layer: three rows of characters; Backspace ends the
 * third row, and a fourth row holds the layer keys, space, Clear and Hide.
 * French is AZERTY, as keyboards are sold in France and Belgium, with the
 * accented letters French writes after each row (search folds accents, so
 * they are for the visitor's comfort); Spanish is the Spanish QWERTY (ñ
 * after l) with its accents and ¿ ¡. Arabic's rows are in reading order,
 * from the right, so that drawn right to left they lie as on the standard
 * Arabic (101) keyboard: ض at the left of the top row, ش of the middle one,
 * ئ of the bottom one; the letters it has on Shift or elsewhere (أ, ذ, إ,
 * آ) at the rows' left ends, here first, and لا, two letters, left out. */
static const char *const keyboard_rows[RS_KEYBOARD_LAYER_COUNT][3] = {
    [RS_KEYBOARD_LATIN] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"},
    [RS_KEYBOARD_CYRILLIC] = {"йцукенгшщзх", "фывапролджэ", "ячсмитьбюъё"},
    [RS_KEYBOARD_DIGITS] = {"1234567890", "-'.,:&#", "()/\"+-"},
    [RS_KEYBOARD_FRENCH] = {"azertyuiopéèêë", "qsdfghjklmàâçù", "wxcvbnîïôûœ"},
    [RS_KEYBOARD_SPANISH] = {"qwertyuiopáé", "asdfghjklñíó", "zxcvbnmúü¿¡"},
    [RS_KEYBOARD_ARABIC] = {"أدجحخهعغفقثصض", "ذطكمنتالبيسش", "آإظزوةىرؤءئ"},
};

/* What the key that switches to each layer says. */
static const char *const layer_names[RS_KEYBOARD_LAYER_COUNT] = {
    [RS_KEYBOARD_LATIN] = "ABC",   [RS_KEYBOARD_CYRILLIC] = "АБВ", [RS_KEYBOARD_DIGITS] = "123",
    [RS_KEYBOARD_FRENCH] = "ABC",  [RS_KEYBOARD_SPANISH] = "ABC",  [RS_KEYBOARD_ARABIC] = "أبت",
};

rs_keyboard_layer rs_keyboard_home_layer(rs_ui_language language)
{
    switch (language) {
    case RS_UI_RU: return RS_KEYBOARD_CYRILLIC;
    case RS_UI_AR: return RS_KEYBOARD_ARABIC;
    case RS_UI_FR: return RS_KEYBOARD_FRENCH;
    case RS_UI_ES: return RS_KEYBOARD_SPANISH;
    default: return RS_KEYBOARD_LATIN;
    }
}

static bool is_latin(rs_keyboard_layer layer)
{
    return layer == RS_KEYBOARD_LATIN || layer == RS_KEYBOARD_FRENCH || layer == RS_KEYBOARD_SPANISH;
}

/* The alphabet after letters for a visitor whose own are home: home, Latin
 * (home's variant of it), Cyrillic, Arabic, each once, round again. A
 * Russian visitor goes from Cyrillic to Latin first, an English one from
 * Latin to Cyrillic: both as before Arabic joined. */
static rs_keyboard_layer next_letters(rs_keyboard_layer letters, rs_keyboard_layer home)
{
    rs_keyboard_layer order[3] = {home, RS_KEYBOARD_CYRILLIC, RS_KEYBOARD_ARABIC};
    if (home == RS_KEYBOARD_CYRILLIC)
        order[1] = RS_KEYBOARD_LATIN;
    else if (home == RS_KEYBOARD_ARABIC)
        order[1] = RS_KEYBOARD_LATIN, order[2] = RS_KEYBOARD_CYRILLIC;
    for (int i = 0; i < 3; i++)
        if (order[i] == letters || (is_latin(order[i]) && is_latin(letters)))
            return order[(i + 1) % 3];
    return home;
}

void rs_keyboard_switches(rs_keyboard_layer layer, rs_keyboard_layer home, rs_keyboard_layer out[2])
{
    if (home >= RS_KEYBOARD_LAYER_COUNT || home == RS_KEYBOARD_DIGITS)
        home = RS_KEYBOARD_LATIN;
    if (layer != RS_KEYBOARD_DIGITS) {
        out[0] = next_letters(layer, home), out[1] = RS_KEYBOARD_DIGITS;
        return;
    }
    rs_keyboard_layer next = next_letters(home, home);
    out[0] = home < next ? home : next, out[1] = home < next ? next : home;
}

/* The bytes of the character at the start of text (NUL-terminated): at
 * least 1 for any non-empty text, valid or not. */
static size_t char_length(const char *text)
{
    uint32_t codepoint;
    return rs_utf8_decode(text, strlen(text), &codepoint);
}

/* The characters in text (NUL-terminated). */
static size_t char_count(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p += char_length(p))
        n++;
    return n;
}

static int keyboard_key_height(const rs_theme *t)
{
    return t->target;
}

int rs_layout_keyboard_height(const rs_layout *l, const rs_theme *t)
{
    if (!l->keyboard_shown)
        return t->target + t->gap; /* the Keyboard button's strip */
    return 4 * keyboard_key_height(t) + 3 * (t->gap / 2) + t->gap;
}

int rs_layout_search_field_height(const rs_theme *t)
{
    return t->target + t->gap;
}

/* The field with the query and a caret, drawn each frame over the top of
 * the results area. */
void rs_layout_draw_search_field(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, rs_draw_list *out)
{
    const rs_screen *s = f->screen;
    int h = rs_layout_search_field_height(t);
    rs_rect band = {0, t->bar_height, width, h};
    rs_draw_fill(out, band, t->background);
    rs_rect field = {t->margin, t->bar_height + t->gap / 2, width - 2 * t->margin, t->target};
    rs_draw_fill(out, field, t->surface);
    rs_draw_outline(out, field, t->accent, 2);
    int pad = t->gap * 2;
    int ty = field.y + (field.h - line_height(t, RS_STYLE_BODY)) / 2;
    if (s->query[0]) {
        snprintf(l->field_text, sizeof l->field_text, "%s|", s->query);
        /* The end of a long query stays in sight. */
        const char *shown = l->field_text;
        while (*shown && text_width(l, RS_STYLE_BODY, shown, strlen(shown)) > field.w - 2 * pad)
            shown += char_length(shown);
        rs_layout_draw_paragraph(l, t, shown, RS_STYLE_BODY, t->text, field.x + pad, ty, field.w - pad, 1, NULL,
                                 out);
    } else {
        const char *placeholder = _("Type here to search");
        rs_layout_draw_paragraph(l, t, placeholder, RS_STYLE_BODY, t->muted, field.x + pad, ty, field.w - 2 * pad, 1,
                                 NULL, out);
    }
}

static void draw_key(rs_layout *l, const rs_theme *t, const rs_frame *f, rs_rect r, const char *label,
                     size_t length, rs_action action, bool strong, rs_draw_list *out, rs_target_list *targets)
{
    bool pressed = rs_action_equal(&f->pressed, &action);
    rs_draw_fill(out, r, pressed ? t->pressed : strong ? t->bar : t->surface);
    rs_draw_outline(out, r, t->divider, 1);
    /* Letters large; the named keys (space, Clear, АБВ...) in the smaller
     * style, all alike. */
    uint32_t first;
    bool one_character = rs_utf8_decode(label, length, &first) == length;
    rs_text_style style = one_character && !l->keyboard_small ? RS_STYLE_LABEL : RS_STYLE_SECONDARY;
    int w = text_width(l, style, label, length);
    int inset = glyph_inset(t, style);
    rs_draw_text(out, r.x + (r.w - w) / 2, r.y + (r.h - line_height(t, style)) / 2 + inset, style, t->text, label,
                 length);
    rs_layout_add_target(targets, r, action, false);
    if (rs_action_equal(&f->focused, &action))
        rs_draw_outline(out, r, t->accent, t->outline);
}

/* The keyboard's bottom row at y: the other layers, space, Clear, Hide;
 * the space bar takes what the others leave of w. */
static void draw_bottom_row(rs_layout *l, const rs_theme *t, const rs_frame *f, int x0, int y, int w, int key_w,
                            int key_h, int gap, rs_draw_list *out, rs_target_list *targets)
{
    typedef struct bottom_key {
        const char *label;
        rs_action action;
        int units; /* width in keys; 0: the space bar takes what is left */
    } bottom_key;
    bottom_key bottom[6];
    int count = 0;
    rs_keyboard_layer switches[2];
    rs_keyboard_switches(l->keyboard_layer, rs_keyboard_home_layer(rs_i18n_current()), switches);
    for (int i = 0; i < 2; i++)
        bottom[count++] = (bottom_key){layer_names[switches[i]], {.kind = RS_ACT_KEY_LAYER, .index = switches[i]}, 2};
    /* TRANSLATORS: the on-screen keyboard's space bar. */
    bottom[count++] = (bottom_key){P_("keyboard", "space"), {.kind = RS_ACT_KEY_CHAR, .index = ' '}, 0};
    bottom[count++] = (bottom_key){P_("keyboard", "Clear"), {.kind = RS_ACT_KEY_CLEAR}, 2};
    bottom[count++] = (bottom_key){P_("keyboard", "Hide"), {.kind = RS_ACT_KEY_HIDE}, 2};
    int fixed_units = 0, fixed = 0;
    for (int i = 0; i < count; i++)
        fixed_units += bottom[i].units, fixed += bottom[i].units ? 1 : 0;
    int unit = (key_w + gap) * 1; /* a unit: one key and its gap */
    int space_w = w - fixed_units * unit - (count - 1) * gap + fixed * gap;
    if (space_w < key_w * 2)
        space_w = key_w * 2;
    int x = x0;
    for (int i = 0; i < count; i++) {
        int bw = bottom[i].units ? bottom[i].units * unit - gap : space_w;
        draw_key(l, t, f, (rs_rect){x, y, bw, key_h}, bottom[i].label, strlen(bottom[i].label), bottom[i].action,
                 bottom[i].units != 0, out, targets);
        x += bw + gap;
    }
}

void rs_layout_draw_keyboard(rs_layout *l, const rs_theme *t, const rs_frame *f, int width, int height,
                             rs_draw_list *out, rs_target_list *targets)
{
    int kh = rs_layout_keyboard_height(l, t);
    rs_rect band = {0, height - kh, width, kh};
    rs_draw_fill(out, band, t->bar);
    rs_draw_fill(out, (rs_rect){0, band.y, width, 1}, t->divider);
    int gap = t->gap / 2 > 2 ? t->gap / 2 : 2;
    int x0 = t->gap, w = width - 2 * t->gap;
    if (!l->keyboard_shown) {
        const char *label = _("Keyboard");
        int bw = text_width(l, RS_STYLE_LABEL, label, strlen(label)) + 4 * t->gap;
        if (bw < t->target * 2)
            bw = t->target * 2;
        draw_key(l, t, f, (rs_rect){width - t->gap - bw, band.y + t->gap / 2, bw, t->target}, label, strlen(label),
                 (rs_action){.kind = RS_ACT_KEY_SHOW}, true, out, targets);
        return;
    }
    const char *const *rows = keyboard_rows[l->keyboard_layer];
    size_t columns = 0;
    for (int r = 0; r < 3; r++) {
        size_t n = char_count(rows[r]) + (r == 2 ? 2 : 0); /* Backspace is two keys wide */
        if (n > columns)
            columns = n;
    }
    int key_w = (w - (int)(columns - 1) * gap) / (int)columns;
    int key_h = keyboard_key_height(t);
    int y = band.y + t->gap / 2;
    /* A layer of a right-to-left script (Arabic) has its rows in reading
     * order, the first key at the right; every other layer is a Latin or
     * Cyrillic keyboard as it is sold, whatever way the UI reads. Backspace
     * stays at the right end of the third row in every layer, where a
     * keyboard has it. */
    bool rtl = rs_bidi_direction(rows[0], strlen(rows[0]), NULL) == RS_BIDI_RTL;
    /* Letters all at one size: the smaller one when any would run into
     * its neighbours (Arabic's thirteen keys a row at 480 px wide). */
    l->keyboard_small = false;
    for (int r = 0; r < 3; r++)
        for (const char *p = rows[r]; *p; p += char_length(p))
            if (text_width(l, RS_STYLE_LABEL, p, char_length(p)) > key_w - 4)
                l->keyboard_small = true;
    for (int r = 0; r < 3; r++) {
        size_t letters = char_count(rows[r]);
        size_t n = letters + (r == 2 ? 2 : 0);
        /* Each row centred, as on a real keyboard. */
        int x = x0 + (w - ((int)n * key_w + (int)(n - 1) * gap)) / 2;
        int k = 0;
        for (const char *p = rows[r]; *p; k++) {
            uint32_t cp;
            size_t bytes = rs_utf8_decode(p, strlen(p), &cp);
            int slot = rtl ? (int)letters - 1 - k : k;
            draw_key(l, t, f, (rs_rect){x + slot * (key_w + gap), y, key_w, key_h}, p, bytes,
                     (rs_action){.kind = RS_ACT_KEY_CHAR, .index = (int64_t)cp}, false, out, targets);
            p += bytes;
        }
        x += (int)letters * (key_w + gap);
        if (r == 2)
            draw_key(l, t, f, (rs_rect){x, y, 2 * key_w + gap, key_h}, "⌫", strlen("⌫"),
                     (rs_action){.kind = RS_ACT_KEY_BACKSPACE}, true, out, targets);
        y += key_h + gap;
    }
    draw_bottom_row(l, t, f, x0, y, w, key_w, key_h, gap, out, targets);
}
