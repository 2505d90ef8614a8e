/*
 * Proposing the incidents a page answers, from a collection's
 * incidents.yaml (read with the builder's own parser): an incident is
 * proposed when the page has its distinctive words (words of its name and
 * summary, in every language written, that no other incident has and that
 * are not everyday or subject words like "China" or "cyber") and the page's
 * date is within the incident's span (from its date to a year after its
 * last event). A slug is only ever one of the file's.
 */
#ifndef RS_INCIDENTS_H
#define RS_INCIDENTS_H

#include <stddef.h>

typedef struct rs_incidents rs_incidents;

/* Reads path. NULL with the first problem in error ("incidents.yaml:4:
 * ...") when it cannot be read or does not parse. */
rs_incidents *rs_incidents_load(const char *path, char *error, size_t error_size);
void rs_incidents_destroy(rs_incidents *incidents);

typedef struct rs_incident_match {
    const char *slug; /* the incident's slug (valid while incidents lives), or NULL */
    char *evidence;   /* 'matched "Exchange", "Microsoft" in paragraph 1' (owned) */
} rs_incident_match;

/* The incidents title and text (paragraphs separated by blank lines) match,
 * best first, at most max; date is "YYYY-MM-DD", "YYYY-MM" or NULL/"" when
 * unknown (no date check then). *rejected (caller frees; NULL when none)
 * says why a match by words was not proposed ("matched ... but the page's
 * date 2019-01-02 is before the incident (2021-03)"). */
size_t rs_incidents_match(const rs_incidents *incidents, const char *title, const char *text, const char *date,
                          rs_incident_match *out, size_t max, char **rejected);

#endif
