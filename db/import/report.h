/*
 * What the import says about each input: the line it prints ("NAME ->
 * PATH: language en; date ...; CHECK: ...") and the row of --report's
 * table (one row per input, every field with its evidence, for curators
 * who review in a spreadsheet).
 */
#ifndef RS_REPORT_H
#define RS_REPORT_H

#include <stdio.h>

#include "body.h"
#include "header.h"

/* The printed line for an input imported to path (caller frees). */
char *rs_report_line(const char *name, const char *path, const rs_header *header, const rs_body *body);

/* The table's header row, then one row per input: imported (header and
 * body given, path the draft) or refused (header NULL, why in refused).
 * Tabs and line ends inside values become spaces. */
void rs_report_tsv_header(FILE *out);
void rs_report_tsv_row(FILE *out, const char *name, const char *path, const rs_header *header, const rs_body *body,
                       const char *refused);

#endif
