/*
 * Saved HTML pages, read with libxml2's HTML parser: the statement's text
 * from <article>, <main> or the densest block of paragraphs, without
 * nav/header/footer/aside/script/style; the title from <h1>, og:title or
 * <title>; dates, URL, site name and language from meta tags.
 */
#ifndef RS_HTML_H
#define RS_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "page.h"

/* The hint source of a date printed in the page's text outside the block
 * taken as the statement (a byline beside the article): printed, so it
 * needs no date_note. */
#define RS_HTML_PRINTED "the page's text outside the article"

/* Fills page from the HTML bytes. Bytes that are not UTF-8 are read in the
 * charset the page declares; with none declared they are refused with the
 * byte offset. False with one line in error ("name: ...") otherwise. */
bool rs_html_read(rs_page *page, const char *name, const char *bytes, size_t size, char *error, size_t error_size);

#endif
