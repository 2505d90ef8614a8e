/*
 * A page's statement text: furniture lines dropped (chrome.c, plus runs of
 * menu lines), the headline taken out, hard-wrapped lines joined into
 * paragraphs, real paragraph breaks kept. Every sentence stays exactly as
 * written: lines are joined with one space (none between CJK characters)
 * and nothing inside a line is changed except an end mark after the last
 * sentence ("Enditem").
 */
#ifndef RS_BODY_H
#define RS_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include "page.h"

typedef struct rs_body_note {
    int line;           /* in the input file; 0 for HTML and JSON */
    char *text;         /* the line (owned) */
    const char *reason; /* static */
} rs_body_note;

typedef struct rs_body {
    char **paragraphs; /* owned, in order */
    size_t paragraph_count, paragraph_capacity;
    char *title;       /* the headline line, or NULL (owned) */
    int title_line;    /* its line, 0 if unknown */
    rs_body_note *dropped, *unsure; /* lines dropped, and lines kept but doubtful */
    size_t dropped_count, dropped_capacity, unsure_count, unsure_capacity;
} rs_body;

/* Fills body (zero it first) from page. The page's title hint, if any,
 * removes a line that repeats it; otherwise a first line that is a headline
 * (not a sentence) becomes the title. */
void rs_body_make(rs_body *body, const rs_page *page);

/* The paragraphs joined by blank lines (caller frees). */
char *rs_body_text(const rs_body *body);

void rs_body_clear(rs_body *body);

#endif
