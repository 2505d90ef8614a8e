/* A QR code's modules for a text, with libqrencode (qr.h). */
#include "qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

struct rs_qr {
    char *text;
    int version, size;
    unsigned char *dark; /* size x size, row by row: 1 dark, 0 light */
};

rs_qr *rs_qr_create(const char *text)
{
    if (!text || !text[0])
        return NULL;
    /* Version 0: the smallest that holds the bytes. */
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!code)
        return NULL;
    if (code->version > RS_QR_MAX_VERSION || code->width < 21) {
        QRcode_free(code);
        return NULL;
    }
    rs_qr *qr = rs_xcalloc(1, sizeof *qr);
    qr->text = rs_xstrdup(text);
    qr->version = code->version;
    qr->size = code->width;
    size_t n = (size_t)code->width * (size_t)code->width;
    qr->dark = rs_xmalloc(n);
    /* libqrencode keeps other facts in the upper bits; bit 0 is dark. */
    for (size_t i = 0; i < n; i++)
        qr->dark[i] = code->data[i] & 1;
    QRcode_free(code);
    return qr;
}

void rs_qr_destroy(rs_qr *qr)
{
    if (!qr)
        return;
    free(qr->text);
    free(qr->dark);
    free(qr);
}

const char *rs_qr_text(const rs_qr *qr)
{
    return qr->text;
}

int rs_qr_version(const rs_qr *qr)
{
    return qr->version;
}

int rs_qr_size(const rs_qr *qr)
{
    return qr->size;
}

bool rs_qr_dark(const rs_qr *qr, int x, int y)
{
    RS_EXPECT(x >= 0 && y >= 0 && x < qr->size && y < qr->size);
    return qr->dark[(size_t)y * (size_t)qr->size + (size_t)x] != 0;
}

size_t rs_qr_rects(const rs_qr *qr, int x, int y, int module, rs_rect **rects, size_t *capacity)
{
    size_t count = 0;
    for (int row = 0; row < qr->size; row++) {
        const unsigned char *line = qr->dark + (size_t)row * (size_t)qr->size;
        for (int col = 0; col < qr->size;) {
            if (!line[col]) {
                col++;
                continue;
            }
            int end = col;
            while (end < qr->size && line[end])
                end++;
            rs_grow(rects, capacity, count + 1, sizeof **rects);
            (*rects)[count++] = (rs_rect){x + col * module, y + row * module, (end - col) * module, module};
            col = end;
        }
    }
    return count;
}
