/*
 * Page furniture ("chrome"): the lines a saved page carries that are not
 * the statement. This module judges one line by what it says (phrases of
 * menus, share bars, footers, captions, agency marks); body.c adds what
 * only the context shows (runs of menu lines, short lines inside the text).
 */
#ifndef RS_CHROME_H
#define RS_CHROME_H

#include <stddef.h>

typedef enum {
    RS_CHROME_KEEP,   /* statement text: keep its first *keep_length bytes */
    RS_CHROME_DROP,   /* furniture: *reason says which kind */
    RS_CHROME_UNSURE, /* kept, but the report asks the curator to look */
} rs_chrome_verdict;

/* Judges line (trimmed of surrounding white space by the caller). For
 * KEEP, *keep_length may be shorter than the line when an end mark such as
 * "Enditem" or "（完）" follows the last sentence. *reason is a static
 * string ("share link", "copyright footer") for DROP and UNSURE. */
rs_chrome_verdict rs_chrome_judge(const char *line, size_t length, size_t *keep_length, const char **reason);

#endif
