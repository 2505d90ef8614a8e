/*
 * Screen rotation: the picture is turned by 0, 90, 180 or 270 degrees
 * clockwise on the physical screen, and touch and mouse coordinates are
 * turned back with it, so a tap lands on the item drawn under the finger.
 * (Touch staying unrotated while the picture turns is a known trap of
 * browser kiosks on the Raspberry Pi.) Pure arithmetic: no SDL.
 */
#ifndef RS_ROTATION_H
#define RS_ROTATION_H

#include <stdbool.h>

/* True for the four supported angles. */
static inline bool rs_rotation_valid(int degrees)
{
    return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
}

/* The size the viewer lays out for: the window's, turned. */
static inline void rs_rotation_logical_size(int degrees, int window_w, int window_h, int *w, int *h)
{
    bool turned = degrees == 90 || degrees == 270;
    *w = turned ? window_h : window_w;
    *h = turned ? window_w : window_h;
}

/* A point in window pixels to the point of the laid-out picture shown there. */
static inline void rs_rotation_to_logical(int degrees, int window_w, int window_h, float x, float y, float *lx,
                                          float *ly)
{
    switch (degrees) {
    case 90: *lx = y, *ly = (float)window_w - x; break;
    case 180: *lx = (float)window_w - x, *ly = (float)window_h - y; break;
    case 270: *lx = (float)window_h - y, *ly = x; break;
    default: *lx = x, *ly = y; break;
    }
}

/* The inverse: where a point of the picture appears in the window. */
static inline void rs_rotation_to_window(int degrees, int window_w, int window_h, float lx, float ly, float *x,
                                         float *y)
{
    switch (degrees) {
    case 90: *x = (float)window_w - ly, *y = lx; break;
    case 180: *x = (float)window_w - lx, *y = (float)window_h - ly; break;
    case 270: *x = ly, *y = (float)window_h - lx; break;
    default: *x = lx, *y = ly; break;
    }
}

#endif
