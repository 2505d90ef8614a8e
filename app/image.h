/* Images as PNG files, through libpng: screenshots out, reference images in. */
#ifndef RS_IMAGE_H
#define RS_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

/* Writes width x height RGBA pixels (stride bytes per row). */
bool rs_image_write_png(const char *path, const uint8_t *rgba, int width, int height, int stride);
/* Reads a PNG as RGBA; *rgba is malloc'ed (caller frees). */
bool rs_image_read_png(const char *path, uint8_t **rgba, int *width, int *height);

#endif
