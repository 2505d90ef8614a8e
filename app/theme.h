/*
 * Sizes and colours, derived from the window so that every screen size and
 * orientation lays out from the same rules (DESIGN.md "Type", "Colour"):
 * text sizes scale with the short side S of the window; targets are at least
 * about 9 mm (48 px on a 7-inch 800x480 panel, which is S/10).
 */
#ifndef RS_THEME_H
#define RS_THEME_H

#include <stdint.h>

typedef struct rs_color {
    uint8_t r, g, b, a;
} rs_color;

typedef enum rs_text_style {
    RS_STYLE_BODY,       /* statement text, list titles: S/20 */
    RS_STYLE_SECONDARY,  /* muted lines, chips: S/26 */
    RS_STYLE_TITLE,      /* reader title, page headings: S/14, bold */
    RS_STYLE_HOME_TITLE, /* the bundle's title on home: S/10, bold */
    RS_STYLE_LABEL,      /* tile labels, buttons, row names: S/18, bold */
    RS_STYLE_COUNT
} rs_text_style;

typedef struct rs_theme {
    int short_side;
    int font_px[RS_STYLE_COUNT];
    int bar_height;   /* top bar: 12% of S */
    int target;       /* minimum touch target: S/10 */
    int margin;       /* outer margin */
    int gap;          /* space between targets */
    int outline;      /* focus outline thickness */
    rs_color background, surface, text, muted, accent, accent_text, pressed, divider, bar, error;
} rs_theme;

/* Fills theme for a window of width x height pixels. */
static inline rs_theme rs_theme_for(int width, int height)
{
    int s = width < height ? width : height;
    if (s < 240)
        s = 240;
    rs_theme t;
    t.short_side = s;
    t.font_px[RS_STYLE_BODY] = s / 20;
    t.font_px[RS_STYLE_SECONDARY] = s / 26;
    t.font_px[RS_STYLE_TITLE] = s / 14;
    t.font_px[RS_STYLE_HOME_TITLE] = s / 10;
    t.font_px[RS_STYLE_LABEL] = s / 18;
    t.bar_height = s * 12 / 100;
    t.target = s / 10;
    t.margin = s / 24;
    t.gap = s / 60 > 4 ? s / 60 : 4;
    t.outline = s / 160 > 3 ? s / 160 : 3;
    /* Light theme. Text #1A1A1A on #FAFAF7 is 16.9:1; muted #575757 is 7.0:1;
     * accent #1F4E8C with white text is 8.6:1. */
    t.background = (rs_color){0xFA, 0xFA, 0xF7, 0xFF};
    t.surface = (rs_color){0xFF, 0xFF, 0xFF, 0xFF};
    t.text = (rs_color){0x1A, 0x1A, 0x1A, 0xFF};
    t.muted = (rs_color){0x57, 0x57, 0x57, 0xFF};
    t.accent = (rs_color){0x1F, 0x4E, 0x8C, 0xFF};
    t.accent_text = (rs_color){0xFF, 0xFF, 0xFF, 0xFF};
    t.pressed = (rs_color){0xDD, 0xE6, 0xF2, 0xFF};
    t.divider = (rs_color){0xDD, 0xDD, 0xD8, 0xFF};
    t.bar = (rs_color){0xEE, 0xEE, 0xE9, 0xFF};
    t.error = (rs_color){0x9E, 0x1B, 0x1B, 0xFF};
    return t;
}

#endif
