/* rostrum-bundle new: a statement file from the template (see template.h). */
#include "template.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "source.h"

/* Every field, explained where the curator will read it. The optional
 * fields are there but empty, so filling one in is typing after its colon;
 * the two %s are the id and the language. */
static const char template_format[] =
    "---\n"
    "# A statement of the collection: fill in the fields below, then write the\n"
    "# statement's text after the closing '---' line, exactly as published.\n"
    "# Check it with: rostrum-bundle lint FOLDER\n"
    "#\n"
    "# Lines starting with '#' are comments. A field left empty counts as absent.\n"
    "# Indent with spaces, never tabs. Quote a value that holds ' #' or ': ':\n"
    "#   title: \"Statement #2: on cyber\"\n"
    "\n"
    "# Required. A slug, unique in the folder: lower-case letters, digits and\n"
    "# single hyphens, at most 100 characters.\n"
    "id: %s\n"
    "\n"
    "# Required. The headline, as published.\n"
    "title:\n"
    "\n"
    "# Set when the source has no headline and the title above is yours.\n"
    "title_note:\n"
    "\n"
    "# When it was published: YYYY, YYYY-MM or YYYY-MM-DD. Leave it empty when\n"
    "# unknown.\n"
    "date:\n"
    "\n"
    "# Where a date NOT printed in the text came from (the kiosk then shows the\n"
    "# date as inferred).\n"
    "date_note:\n"
    "\n"
    "# Who published it (Xinhua, an embassy's website, ...), who spoke, and in\n"
    "# what role. Each may be given in several languages:\n"
    "#   outlet: {en: Xinhua, zh-Hans: 新华社}\n"
    "outlet:\n"
    "speaker:\n"
    "speaker_role:\n"
    "\n"
    "# Required. The language of the text: a BCP 47 tag (en, zh-Hans, ru, ...).\n"
    "language: %s\n"
    "\n"
    "# Where it was published: starts with http:// or https://.\n"
    "url:\n"
    "\n"
    "# Required. One of response, attribution, report, statement, speech,\n"
    "# interview.\n"
    "kind: statement\n"
    "\n"
    "# The parties it names, each with a role or a list of roles (speaker,\n"
    "# accuser, accused, victim, mentioned): ISO 3166-1 country codes (GB, not\n"
    "# UK) or codes from parties.yaml, one per line, indented:\n"
    "#   CN: [speaker, accused]\n"
    "#   GB: accuser\n"
    "countries:\n"
    "\n"
    "# Slugs of incidents defined in incidents.yaml: [one-incident, another].\n"
    "incidents:\n"
    "\n"
    "# The id of another statement of the folder that is the same text\n"
    "# published by another outlet.\n"
    "same_as:\n"
    "\n"
    "# The id of the statement of the folder that this one translates.\n"
    "translation_of:\n"
    "\n"
    "# true when the text is an excerpt or was cut off.\n"
    "partial:\n"
    "\n"
    "# A note of yours, shown under the statement's details.\n"
    "note:\n"
    "\n"
    "# How the text's lines are read. Empty or none: exactly as written. hard:\n"
    "# the lines were broken inside paragraphs (as text copied from some pages\n"
    "# is); each paragraph's lines are joined with a space (none between two\n"
    "# Chinese or Japanese characters), and a blank line separates paragraphs.\n"
    "wrap:\n"
    "---\n"
    "\n";

char *rs_template_text(const char *id, const char *language)
{
    size_t size = sizeof template_format + strlen(id) + strlen(language);
    char *text = rs_xmalloc(size);
    snprintf(text, size, template_format, id, language);
    return text;
}

/* The collection's language from dir/bundle.yaml, or "en" when it has none
 * or cannot be read (lint says why; new only needs a good guess). Caller
 * frees. */
static char *collection_language(const char *dir)
{
    size_t length = strlen(dir) + sizeof "/bundle.yaml";
    char *path = rs_xmalloc(length);
    snprintf(path, length, "%s/bundle.yaml", dir);
    rs_diags *diags = rs_diags_create();
    size_t size;
    char *data = rs_source_read_file(path, &size, diags);
    char *language = NULL;
    rs_bundle_source bundle;
    if (data && rs_source_parse_bundle(path, data, size, &bundle, diags)) {
        language = bundle.language;
        bundle.language = NULL;
        rs_bundle_source_clear(&bundle);
    } else if (data) {
        rs_bundle_source_clear(&bundle);
    }
    free(data);
    free(path);
    rs_diags_destroy(diags);
    return language ? language : rs_xstrdup("en");
}

/* Creates path with text unless something is there already. 0, or errno. */
static int write_new_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno;
    size_t length = strlen(text), done = 0;
    while (done < length) {
        ssize_t n = write(fd, text + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int failure = n < 0 ? errno : EIO;
            close(fd);
            unlink(path); /* nothing half-written stays */
            return failure;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        int failure = errno;
        unlink(path);
        return failure;
    }
    return 0;
}

char *rs_template_write(const char *dir, const char *id, char *error, size_t error_size)
{
    if (id && !rs_source_is_slug(id)) {
        snprintf(error, error_size, "'%.100s' is not an id (1-100 lower-case letters, digits and single hyphens)", id);
        return NULL;
    }
    char *language = collection_language(dir);
    char *path = NULL;
    int failure = EEXIST;
    /* Without an id, the first free name; a thousand taken means something
     * else is wrong. */
    for (int n = 1; failure == EEXIST && n <= (id ? 1 : 1000); n++) {
        char made[32];
        if (!id)
            snprintf(made, sizeof made, n == 1 ? "new-statement" : "new-statement-%d", n);
        const char *name = id ? id : made;
        free(path);
        size_t length = strlen(dir) + strlen(name) + sizeof "/.txt";
        path = rs_xmalloc(length);
        snprintf(path, length, "%s/%s.txt", dir, name);
        char *text = rs_template_text(name, language);
        failure = write_new_file(path, text);
        free(text);
    }
    free(language);
    if (failure == 0)
        return path;
    if (failure == EEXIST)
        snprintf(error, error_size, "%s already exists; nothing was written (choose another id)", path);
    else
        snprintf(error, error_size, "cannot write %s: %s", path, strerror(failure));
    free(path);
    return NULL;
}
