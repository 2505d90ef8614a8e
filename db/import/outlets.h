/*
 * Known outlets: who publishes at a web address (by the URL's host), and
 * who a credit in the text names ("(Xinhua)", "新华社北京电", "(Reuters)",
 * a copyright footer). The table is kept in outlets.c: add a row for each new
 * site a collection draws on. Each outlet has a short slug for draft ids.
 */
#ifndef RS_OUTLETS_H
#define RS_OUTLETS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rs_outlet_found {
    const char *name; /* as the draft's outlet field writes it; static */
    const char *slug; /* for the draft's id ("xinhua", "embassy", "mfa"); static */
    const char *said; /* the host or the credit as matched; static */
} rs_outlet_found;

/* The outlet publishing at url's host (the host or any parent domain
 * matches a row). False when the host is not in the table. */
bool rs_outlets_by_url(const char *url, rs_outlet_found *found);

/* The first credit line names in text ("(Xinhua)", "Source: Xinhua", a
 * footer naming an embassy). False when there is none. */
bool rs_outlets_by_credit(const char *text, rs_outlet_found *found);

/* The host of url, lower case, without "www." (into out). False when url
 * has none. */
bool rs_outlets_host(const char *url, char *out, size_t out_size);

#endif
