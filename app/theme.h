/*
 * Sizes and colours, derived from the window so that every screen size and
 * orientation lays out from the same rules (DESIGN.md "Type", "Colour"):
 * text sizes scale with the short side S of the window; targets are at least
 * about 9 mm (48 px on a 7-inch 800x480 panel, which is S/10).
 */
#ifndef RS_THEME_H
#define RS_THEME_H

#include <math.h>
#include <stdbool.h>
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
    rs_color highlight; /* behind search hits: text on it keeps its contrast */
    rs_color accuse, answer; /* the incident thread's two sides (white text on them keeps 4.5:1) */
    rs_color speaking; /* behind the sentence Listen is reading (underlined too: not colour alone) */
} rs_theme;

typedef struct rs_theme_options {
    float scale;        /* everything's size: 1 = the design's proportions (S/10 targets) */
    float text_scale;   /* reading text only (the visitor's A+ / A-): 1, 1.25, 1.5 */
    bool high_contrast; /* pure black on white, outlines instead of tints */
} rs_theme_options;

static inline int rs_theme_scaled(int px, float factor)
{
    int v = (int)((float)px * factor + 0.5f);
    return v > 1 ? v : 1;
}

/* Fills theme for a window of width x height pixels. */
static inline rs_theme rs_theme_make(int width, int height, const rs_theme_options *o)
{
    float scale = o && o->scale > 0.1f ? o->scale : 1.0f;
    float text = o && o->text_scale > 0.1f ? o->text_scale : 1.0f;
    int s = width < height ? width : height;
    if (s < 240)
        s = 240;
    rs_theme t;
    t.short_side = s;
    t.font_px[RS_STYLE_BODY] = rs_theme_scaled(s / 20, scale * text);
    t.font_px[RS_STYLE_SECONDARY] = rs_theme_scaled(s / 26, scale * (text > 1 ? 1 + (text - 1) / 2 : 1));
    t.font_px[RS_STYLE_TITLE] = rs_theme_scaled(s / 14, scale);
    t.font_px[RS_STYLE_HOME_TITLE] = rs_theme_scaled(s / 10, scale);
    t.font_px[RS_STYLE_LABEL] = rs_theme_scaled(s / 18, scale);
    t.bar_height = rs_theme_scaled(s * 12 / 100, scale);
    t.target = rs_theme_scaled(s / 10, scale);
    t.margin = rs_theme_scaled(s / 24, scale);
    t.gap = s / 60 > 4 ? rs_theme_scaled(s / 60, scale) : 4;
    t.outline = s / 160 > 3 ? rs_theme_scaled(s / 160, scale) : 3;
    if (o && o->high_contrast) {
        /* Black on white (21:1); the accent is black too, and focus and
         * pressed states are thick outlines and inversions, not colour. */
        t.background = t.surface = (rs_color){0xFF, 0xFF, 0xFF, 0xFF};
        t.text = t.muted = t.accent = t.divider = (rs_color){0x00, 0x00, 0x00, 0xFF};
        t.accent_text = (rs_color){0xFF, 0xFF, 0xFF, 0xFF};
        t.pressed = (rs_color){0xD0, 0xD0, 0xD0, 0xFF};
        t.bar = (rs_color){0xFF, 0xFF, 0xFF, 0xFF};
        t.error = (rs_color){0x00, 0x00, 0x00, 0xFF};
        t.highlight = (rs_color){0xFF, 0xFF, 0x00, 0xFF};
        t.accuse = t.answer = (rs_color){0x00, 0x00, 0x00, 0xFF}; /* the side and the label tell them apart */
        t.speaking = (rs_color){0x00, 0xFF, 0xFF, 0xFF}; /* cyan, not the hits' yellow: black on it is 16.7:1 */
        t.outline *= 2;
        return t;
    }
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
    t.highlight = (rs_color){0xFF, 0xE5, 0x8F, 0xFF};
    /* Dark vermilion and dark bluish green (Okabe and Ito's colour-blind-safe
     * pair, darkened): 6.4:1 and 6.6:1 with white, apart for every common
     * colour-vision deficiency. */
    t.accuse = (rs_color){0xA3, 0x3F, 0x00, 0xFF};
    t.answer = (rs_color){0x00, 0x69, 0x5C, 0xFF};
    /* Pale blue, apart from the hits' yellow: the text on it is 13.3:1. */
    t.speaking = (rs_color){0xCF, 0xE3, 0xFF, 0xFF};
    return t;
}

/* The default look at this size. */
static inline rs_theme rs_theme_for(int width, int height)
{
    return rs_theme_make(width, height, NULL);
}

/* The scale that makes a touch target 9 mm on a screen of this diagonal
 * (inches) and pixel size; 1 when unknown. */
static inline float rs_theme_scale_for_screen(int width, int height, float diagonal_inches)
{
    if (diagonal_inches <= 0)
        return 1.0f;
    float diagonal_px = sqrtf((float)width * (float)width + (float)height * (float)height);
    float px_per_mm = diagonal_px / (diagonal_inches * 25.4f);
    int s = width < height ? width : height;
    return 9.0f * px_per_mm / (float)(s / 10 > 0 ? s / 10 : 1);
}

#endif
