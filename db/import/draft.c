/*
 * Drafts. The header quotes every free-text value (so a '#' or ': ' in a
 * title can never be read as a comment or a mapping) and puts the evidence
 * after it as a YAML comment. Fields the importer found nothing for are
 * written as comments, so the builder accepts the draft as it is.
 */
#include "draft.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "strbuf.h"

#define ID_MAX 100

struct rs_draft_folder {
    char *dir;
    char **ids;
    size_t count, capacity;
};

static void add_id(rs_draft_folder *folder, const char *id, size_t length)
{
    rs_grow(&folder->ids, &folder->capacity, folder->count + 1, sizeof *folder->ids);
    folder->ids[folder->count++] = rs_xstrndup(id, length);
}

/* The "id:" line of a statement file's header (the first 4 KB suffice). */
static void read_id(rs_draft_folder *folder, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    for (int i = 0; i < 60 && fgets(line, sizeof line, f); i++)
        if (strncmp(line, "id:", 3) == 0) {
            char *v = line + 3;
            v += strspn(v, " \t\"'");
            add_id(folder, v, strcspn(v, " \t\"'#\r\n"));
            break;
        }
    fclose(f);
}

rs_draft_folder *rs_draft_folder_open(const char *dir, char *error, size_t error_size)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(error, error_size, "%s: cannot open the output folder: %s (create it first)", dir, strerror(errno));
        return NULL;
    }
    rs_draft_folder *folder = rs_xcalloc(1, sizeof *folder);
    folder->dir = rs_xstrdup(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
            continue;
        add_id(folder, e->d_name, n - 4);
        rs_strbuf path = {0};
        rs_strbuf_append(&path, dir, strlen(dir));
        rs_strbuf_append(&path, "/", 1);
        rs_strbuf_append(&path, e->d_name, n);
        read_id(folder, path.data);
        rs_strbuf_clear(&path);
    }
    closedir(d);
    return folder;
}

void rs_draft_folder_close(rs_draft_folder *folder)
{
    if (!folder)
        return;
    for (size_t i = 0; i < folder->count; i++)
        free(folder->ids[i]);
    free(folder->ids);
    free(folder->dir);
    free(folder);
}

void rs_draft_folder_reserve(rs_draft_folder *folder, const char *id) { add_id(folder, id, strlen(id)); }

static bool taken(const rs_draft_folder *folder, const char *id)
{
    for (size_t i = 0; i < folder->count; i++)
        if (strcmp(folder->ids[i], id) == 0)
            return true;
    return false;
}

/* Appends text as slug words: ASCII letters and digits lower-cased, every
 * other run of bytes one hyphen; at most max_words words. */
static void slug_words(rs_strbuf *slug, const char *text, int max_words)
{
    int words = 0;
    bool in_word = false;
    for (const char *p = text; *p && words <= max_words; p++) {
        if (isalnum((unsigned char)*p)) {
            if (!in_word) {
                if (++words > max_words)
                    break;
                if (slug->length && slug->data[slug->length - 1] != '-')
                    rs_strbuf_append(slug, "-", 1);
            }
            char c = (char)tolower((unsigned char)*p);
            rs_strbuf_append(slug, &c, 1);
            in_word = true;
        } else if (*p != '\'' && !((unsigned char)*p == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x99)) {
            in_word = false;
        } else if ((unsigned char)*p == 0xE2) {
            p += 2; /* ’ inside a word: "Britain’s" -> "britains" */
        }
    }
}

char *rs_draft_slug(const rs_header *header)
{
    rs_strbuf slug = {0};
    slug_words(&slug, header->outlet_slug ? header->outlet_slug : "statement", 3);
    const char *date = header->fields[RS_ITEM_DATE].value;
    if (date && *date)
        slug_words(&slug, date, 3);
    const char *title = header->fields[RS_ITEM_TITLE].value;
    if (title) {
        /* "embassy-" and a title starting "Embassy Spokesperson's ...":
         * the word once. */
        rs_strbuf words = {0};
        slug_words(&words, title, 7);
        /* A title in Chinese or Russian leaves only its numbers: none. */
        if (words.data && strspn(words.data, "0123456789-") == words.length)
            words.length = 0, words.data[0] = '\0';
        const char *start = words.data ? words.data : "";
        size_t outlet = header->outlet_slug ? strlen(header->outlet_slug) : 0;
        if (outlet && strncmp(start, header->outlet_slug, outlet) == 0 && (start[outlet] == '-' || !start[outlet]))
            start += outlet + (start[outlet] == '-');
        else if (words.length) {
            /* keep six words */
            char *last = strrchr(words.data, '-');
            if (last && strchr(words.data, '-') != last)
                *last = '\0';
        }
        if (*start) {
            rs_strbuf_append(&slug, "-", 1);
            rs_strbuf_append(&slug, start, strlen(start));
        }
        rs_strbuf_clear(&words);
    }
    if (slug.length > ID_MAX - 4) {
        slug.length = ID_MAX - 4;
        while (slug.length > 0 && slug.data[slug.length - 1] == '-')
            slug.length--;
        slug.data[slug.length] = '\0';
    }
    return slug.data;
}

static void append(rs_strbuf *out, const char *text) { rs_strbuf_append(out, text, strlen(text)); }

/* A YAML double-quoted scalar. */
static void append_quoted(rs_strbuf *out, const char *text)
{
    append(out, "\"");
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            append(out, "\\");
        if (*p == '\n' || *p == '\t')
            append(out, " ");
        else
            rs_strbuf_append(out, p, 1);
    }
    append(out, "\"");
}

static void append_comment(rs_strbuf *out, const rs_header_field *f)
{
    if (f->check) {
        append(out, "  # CHECK: ");
        append(out, f->check);
        if (f->from) {
            append(out, "; ");
            append(out, f->from);
        }
    } else if (f->from) {
        append(out, "  # ");
        append(out, f->from);
    }
    append(out, "\n");
}

static bool quoted_field(rs_header_item field)
{
    return field == RS_ITEM_TITLE || field == RS_ITEM_TITLE_NOTE || field == RS_ITEM_DATE_NOTE ||
           field == RS_ITEM_OUTLET || field == RS_ITEM_SPEAKER || field == RS_ITEM_SPEAKER_ROLE ||
           field == RS_ITEM_URL;
}

static void append_field(rs_strbuf *out, const rs_header *header, rs_header_item field)
{
    const rs_header_field *f = &header->fields[field];
    if (!f->value && !f->check)
        return;
    if (!f->value || (field == RS_ITEM_DATE && !*f->value)) {
        /* Nothing found: a comment, so the draft still builds. */
        append(out, "# ");
        append(out, rs_header_field_name(field));
        append(out, ":");
        append_comment(out, f);
        return;
    }
    append(out, rs_header_field_name(field));
    append(out, ": ");
    if (quoted_field(field))
        append_quoted(out, f->value);
    else
        append(out, f->value);
    append_comment(out, f);
}

/* "incidents: [a, b]  # CHECK: a: matched ...; b: ..." */
static void append_incidents(rs_strbuf *out, const rs_header *header)
{
    if (header->incident_count) {
        append(out, "incidents: [");
        for (size_t i = 0; i < header->incident_count; i++) {
            append(out, i ? ", " : "");
            append(out, header->incidents[i].slug);
        }
        append(out, "]  # CHECK: ");
        for (size_t i = 0; i < header->incident_count; i++) {
            if (header->incident_count > 1) {
                append(out, i ? "; " : "");
                append(out, header->incidents[i].slug);
                append(out, ": ");
            }
            append(out, header->incidents[i].evidence);
        }
        append(out, "\n");
    } else if (header->incidents_rejected) {
        append(out, "# incidents:  # CHECK: ");
        append(out, header->incidents_rejected);
        append(out, "\n");
    }
}

char *rs_draft_text(const char *id, const char *source, const rs_header *header, const rs_body *body)
{
    rs_strbuf out = {0};
    append(&out, "---\n# A draft by rostrum-bundle import from ");
    append(&out, source);
    append(&out, ": look at every CHECK.\nid: ");
    append(&out, id);
    append(&out, "  # from the outlet, the date and the title\n");
    static const rs_header_item order[] = {RS_ITEM_TITLE, RS_ITEM_TITLE_NOTE, RS_ITEM_DATE, RS_ITEM_DATE_NOTE,
                                     RS_ITEM_OUTLET, RS_ITEM_SPEAKER, RS_ITEM_SPEAKER_ROLE, RS_ITEM_LANGUAGE,
                                     RS_ITEM_URL, RS_ITEM_KIND, RS_ITEM_PARTIAL};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        append_field(&out, header, order[i]);
    if (header->country_count) {
        append(&out, "countries:\n");
        for (size_t i = 0; i < header->country_count; i++) {
            append(&out, "  ");
            append(&out, header->countries[i].code);
            append(&out, ": ");
            append(&out, header->countries[i].role);
            append(&out, "  # CHECK: role; from \"");
            append(&out, header->countries[i].said);
            append(&out, "\"");
            if (header->countries[i].evidence) {
                append(&out, "; ");
                append(&out, header->countries[i].evidence);
            }
            append(&out, "\n");
        }
    }
    append_incidents(&out, header);
    if (header->same_as) {
        append(&out, "same_as: ");
        append(&out, header->same_as);
        append(&out, "  # CHECK: ");
        append(&out, header->same_as_evidence);
        append(&out, "\n");
    }
    append(&out, "---\n\n");
    char *text = rs_body_text(body);
    append(&out, text);
    append(&out, "\n");
    free(text);
    return out.data;
}

static bool write_all(int fd, const char *text, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, text, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        text += n;
        length -= (size_t)n;
    }
    return true;
}

char *rs_draft_write(rs_draft_folder *folder, const char *source, const rs_header *header, const rs_body *body,
                     char **id_out, char *error, size_t error_size)
{
    error[0] = '\0';
    char *slug = rs_draft_slug(header);
    for (int suffix = 1; suffix < 10000; suffix++) {
        char id[ID_MAX + 8];
        if (suffix == 1)
            snprintf(id, sizeof id, "%s", slug);
        else
            snprintf(id, sizeof id, "%s-%d", slug, suffix);
        if (taken(folder, id))
            continue;
        rs_strbuf path = {0};
        append(&path, folder->dir);
        append(&path, "/");
        append(&path, id);
        append(&path, ".txt");
        int fd = open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST) {
            rs_strbuf_clear(&path);
            continue;
        }
        if (fd < 0) {
            snprintf(error, error_size, "%s: cannot create: %s", path.data, strerror(errno));
            rs_strbuf_clear(&path);
            break;
        }
        char *text = rs_draft_text(id, source, header, body);
        bool ok = write_all(fd, text, strlen(text)) && fsync(fd) == 0;
        int saved = errno;
        ok = close(fd) == 0 && ok;
        free(text);
        if (!ok) {
            unlink(path.data);
            snprintf(error, error_size, "%s: cannot write: %s (nothing was left behind)", path.data, strerror(saved));
            rs_strbuf_clear(&path);
            break;
        }
        add_id(folder, id, strlen(id));
        *id_out = rs_xstrdup(id);
        free(slug);
        return path.data;
    }
    free(slug);
    if (!error[0])
        snprintf(error, error_size, "%s: no free id for %s", folder->dir, source);
    return NULL;
}
