#include "image.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

bool rs_image_write_png(const char *path, const uint8_t *rgba, int width, int height, int stride)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = PNG_FORMAT_RGBA;
    return png_image_write_to_file(&image, path, 0, rgba, stride, NULL) != 0;
}

bool rs_image_read_png(const char *path, uint8_t **rgba, int *width, int *height)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path))
        return false;
    image.format = PNG_FORMAT_RGBA;
    size_t size = PNG_IMAGE_SIZE(image);
    uint8_t *pixels = malloc(size);
    if (!pixels) {
        png_image_free(&image);
        return false;
    }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        free(pixels);
        return false;
    }
    *rgba = pixels;
    *width = (int)image.width;
    *height = (int)image.height;
    return true;
}
