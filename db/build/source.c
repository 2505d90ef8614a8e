/*
 * Parsing one statement file: a YAML header between two '---' lines, then
 * the body. (source_values.c reads the YAML values, parties.c the party
 * lists, source_incidents.c incidents.yaml and bundle.yaml.)
 *
 * Line numbers: a statement's header starts on line 2 (line 1 is '---'), so
 * a node on YAML line L (0-based) is on file line L + 2. For the whole-YAML
 * files the offset is 1.
 */
#include "source.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_format.h"
#include "expect.h"
#include "field_limits.h"
#include "file.h"
#include "source_private.h"
#include "utf8.h"

static const char *const statement_kinds[] = {
    "response", "attribution", "report", "statement", "speech", "interview",
};
#define KIND_COUNT (sizeof statement_kinds / sizeof statement_kinds[0])

enum field {
    F_ID, F_TITLE, F_TITLE_NOTE, F_DATE, F_DATE_NOTE, F_OUTLET, F_SPEAKER, F_SPEAKER_ROLE, F_LANGUAGE, F_URL,
    F_KIND, F_COUNTRIES, F_PARTIES, F_INCIDENTS, F_SAME_AS, F_TRANSLATION_OF, F_PARTIAL, F_NOTE, F_WRAP, F_COUNT
};

static const char *const statement_fields[F_COUNT] = {
    "id", "title", "title_note", "date", "date_note", "outlet", "speaker", "speaker_role", "language", "url",
    "kind", "countries", "parties", "incidents", "same_as", "translation_of", "partial", "note", "wrap",
};

/* The free-text fields: checked for a value cut by a comment; outlet,
 * speaker and speaker_role may be translated. */
static const struct {
    enum field field;
    rs_text_field text;
} text_fields[] = {
    {F_TITLE, {"title", NULL, RS_FIELD_TITLE}},
    {F_TITLE_NOTE, {"title_note", NULL, RS_FIELD_TITLE_NOTE}},
    {F_DATE_NOTE, {"date_note", NULL, RS_FIELD_DATE_NOTE}},
    {F_OUTLET, {"outlet", "outlet", RS_FIELD_OUTLET}},
    {F_SPEAKER, {"speaker", "speaker", RS_FIELD_SPEAKER}},
    {F_SPEAKER_ROLE, {"speaker_role", "speaker_role", RS_FIELD_SPEAKER_ROLE}},
    {F_NOTE, {"note", NULL, RS_FIELD_NOTE}},
};

bool rs_source_is_slug(const char *text)
{
    size_t length = strlen(text);
    if (length == 0 || length > 100 || text[0] == '-' || text[length - 1] == '-')
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && text[i + 1] != '-');
        if (!ok)
            return false;
    }
    return true;
}

/* ---- statements ---- */

typedef struct statement_context {
    rs_statement_source *out;
    const rs_source_context *context;
    unsigned field_line[F_COUNT];
    size_t country_capacity, incident_capacity; /* of out->countries, out->incidents */
} statement_context;

static void add_incident_ref(statement_context *sc, yaml_source *ys, yaml_node_t *node, rs_diags *diags)
{
    rs_statement_source *out = sc->out;
    if (node->type != YAML_SCALAR_NODE || !rs_source_is_slug((const char *)node->data.scalar.value)) {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, node),
                     "incident '%s' is not a slug (lower-case letters, digits and hyphens)",
                     QUOTED(node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : "", 60));
        return;
    }
    rs_grow(&out->incidents, &sc->incident_capacity, out->incident_count + 1, sizeof *out->incidents);
    out->incidents[out->incident_count].slug =
        rs_xstrndup((const char *)node->data.scalar.value, node->data.scalar.length);
    out->incidents[out->incident_count].line = rs_yaml_line(ys, node);
    out->incident_count++;
}

/* incidents: a list of slugs, or a single slug. */
static void parse_incident_refs(statement_context *sc, yaml_source *ys, yaml_node_t *value, rs_diags *diags)
{
    if (value->type == YAML_SCALAR_NODE) {
        if (value->data.scalar.length > 0)
            add_incident_ref(sc, ys, value, diags);
    } else if (value->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *item = value->data.sequence.items.start; item < value->data.sequence.items.top;
             item++) {
            yaml_node_t *node = rs_yaml_node(ys, *item);
            if (node)
                add_incident_ref(sc, ys, node, diags);
        }
    } else {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, value), "field 'incidents' must be a list of incident slugs");
    }
    rs_source_check_link_count(ys->path, sc->field_line[F_INCIDENTS], "incidents", sc->out->incident_count,
                               RS_LIMIT_INCIDENTS, diags);
}

/* countries: or parties: (the same list; a file has one of them). */
static void parse_parties(statement_context *sc, int field, yaml_source *ys, yaml_node_t *value, rs_diags *diags)
{
    rs_statement_source *out = sc->out;
    int other = field == F_COUNTRIES ? F_PARTIES : F_COUNTRIES;
    if (sc->field_line[other]) {
        rs_diags_add(diags, ys->path, sc->field_line[field],
                     "a statement has 'countries' or 'parties', not both ('%s' is on line %u; put every party "
                     "under 'parties')",
                     statement_fields[other], sc->field_line[other]);
        return;
    }
    rs_party_refs_parse(ys, value, statement_fields[field], sc->context, &out->countries, &out->country_count,
                        &sc->country_capacity, diags);
    rs_source_check_link_count(ys->path, sc->field_line[field], statement_fields[field], out->country_count,
                               RS_LIMIT_COUNTRIES, diags);
}

static void parse_partial(statement_context *sc, yaml_source *ys, unsigned line, yaml_node_t *value, rs_diags *diags)
{
    bool empty;
    char *text = rs_yaml_scalar(ys, value, "partial", &empty, diags);
    if (text && strcmp(text, "true") == 0)
        sc->out->partial = true;
    else if (text && strcmp(text, "false") != 0)
        rs_diags_add(diags, ys->path, line,
                     "partial must be true (the source is an excerpt or cut off) or false, not '%s'",
                     QUOTED(text, 40));
    free(text);
}

/* Where a free-text field goes, or NULL for the other fields. */
static char **text_slot(rs_statement_source *out, int field)
{
    switch ((enum field)field) {
    case F_TITLE: return &out->title;
    case F_TITLE_NOTE: return &out->title_note;
    case F_DATE_NOTE: return &out->date_note;
    case F_OUTLET: return &out->outlet;
    case F_SPEAKER: return &out->speaker;
    case F_SPEAKER_ROLE: return &out->speaker_role;
    case F_NOTE: return &out->note;
    default: return NULL;
    }
}

static void check_kind(yaml_source *ys, unsigned line, const char *text, rs_diags *diags)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (strcmp(text, statement_kinds[i]) == 0)
            return;
    char kinds[128], hint[64];
    rs_source_join(statement_kinds, KIND_COUNT, kinds, sizeof kinds);
    rs_source_hint(text, statement_kinds, KIND_COUNT, hint, sizeof hint);
    rs_diags_add(diags, ys->path, line, "unknown kind '%s' (kinds: %s)%s", QUOTED(text, 40), kinds, hint);
}

/* The fields that are one word or code: id, date, language, url, kind,
 * same_as, translation_of, wrap. */
static void parse_code_field(statement_context *sc, int field, yaml_source *ys, unsigned line, yaml_node_t *value,
                             rs_diags *diags)
{
    rs_statement_source *out = sc->out;
    bool empty;
    char *text = rs_yaml_scalar(ys, value, statement_fields[field], &empty, diags);
    if (!text)
        return;
    char **slot = NULL;
    switch ((enum field)field) {
    case F_ID:
        slot = &out->id;
        out->id_line = line;
        if (!rs_source_is_slug(text))
            rs_diags_add(diags, ys->path, line,
                         "id '%s' is not a slug (1-100 lower-case letters, digits and single hyphens)",
                         QUOTED(text, 60));
        break;
    case F_DATE:
        slot = &out->date_text;
        rs_source_parse_date(ys->path, line, text, &out->date, diags);
        break;
    case F_LANGUAGE:
        slot = &out->language;
        if (!rs_source_is_language_tag(text))
            rs_diags_add(diags, ys->path, line, "language '%s' is not a BCP 47 tag such as en, zh-Hans or ru",
                         QUOTED(text, 40));
        break;
    case F_URL:
        slot = &out->url;
        rs_source_check_limit(ys->path, line, RS_FIELD_URL, "url", text, strlen(text), diags);
        rs_source_check_url(ys->path, line, text, diags);
        break;
    case F_KIND:
        slot = &out->kind;
        check_kind(ys, line, text, diags);
        break;
    case F_SAME_AS:
        slot = &out->same_as;
        out->same_as_line = line;
        break;
    case F_TRANSLATION_OF:
        slot = &out->translation_of;
        out->translation_of_line = line;
        break;
    case F_WRAP:
        out->wrap_hard = strcmp(text, "hard") == 0;
        if (!out->wrap_hard && strcmp(text, "none") != 0)
            rs_diags_add(diags, ys->path, line,
                         "wrap must be none (the text as written) or hard (the lines of each paragraph joined), "
                         "not '%s'",
                         QUOTED(text, 40));
        break;
    default:
        break;
    }
    if (slot)
        *slot = text;
    else
        free(text);
}

static void handle_statement_field(void *context, int field, yaml_source *ys, yaml_node_t *key, yaml_node_t *value,
                                   rs_diags *diags)
{
    statement_context *sc = context;
    unsigned line = rs_yaml_line(ys, key);
    sc->field_line[field] = line;
    if (field == F_COUNTRIES || field == F_PARTIES) {
        parse_parties(sc, field, ys, value, diags);
        return;
    }
    if (field == F_INCIDENTS) {
        parse_incident_refs(sc, ys, value, diags);
        return;
    }
    if (field == F_PARTIAL) {
        parse_partial(sc, ys, line, value, diags);
        return;
    }
    for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++)
        if ((int)text_fields[i].field == field) {
            *text_slot(sc->out, field) = rs_yaml_text(ys, key, value, &text_fields[i].text,
                                                      rs_source_default_language(sc->context),
                                                      &sc->out->translations, diags);
            return;
        }
    parse_code_field(sc, field, ys, line, value, diags);
}

/* Finds the line that closes the header: "---" (or "...") alone, optionally
 * followed by spaces or a CR. Returns its offset or SIZE_MAX. */
static size_t find_header_end(const char *data, size_t size, size_t from)
{
    size_t line_start = from;
    while (line_start < size) {
        size_t line_end = line_start;
        while (line_end < size && data[line_end] != '\n')
            line_end++;
        if (line_end - line_start >= 3 &&
            (memcmp(data + line_start, "---", 3) == 0 || memcmp(data + line_start, "...", 3) == 0)) {
            size_t i = line_start + 3;
            while (i < line_end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
                i++;
            if (i == line_end)
                return line_start;
        }
        line_start = line_end + 1;
    }
    return SIZE_MAX;
}

/* Characters of scripts written without spaces between words (Han, kana,
 * their punctuation and full-width forms): two of them on either side of a
 * line break are joined without a space. Hangul is written with spaces. */
static bool joins_without_space(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* The last character of text[0..end) (valid UTF-8, end > 0). */
static uint32_t last_character(const char *text, size_t end)
{
    size_t start = end - 1;
    while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
        start--;
    uint32_t c;
    rs_utf8_decode(text + start, end - start, &c);
    return c;
}

/* wrap: hard. The lines of each paragraph (blank lines separate them)
 * joined with one space, or none between two CJK characters; white space
 * around each break dropped; paragraphs separated by one blank line. In
 * place: what is written never passes what is read, since every break
 * written replaces at least as many bytes. Returns the new length. */
static size_t join_wrapped_lines(char *text, size_t length)
{
    size_t w = 0, r = 0;
    bool in_paragraph = false;
    while (r < length) {
        size_t line_end = r;
        while (line_end < length && text[line_end] != '\n')
            line_end++;
        size_t start = r, end = line_end;
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
            end--;
        size_t content = start;
        while (content < end && (text[content] == ' ' || text[content] == '\t'))
            content++;
        if (content == end) {
            in_paragraph = false;
        } else if (!in_paragraph) { /* a paragraph's first line keeps its indentation */
            if (w > 0)
                text[w++] = '\n', text[w++] = '\n';
            memmove(text + w, text + start, end - start);
            w += end - start;
            in_paragraph = true;
        } else {
            uint32_t next;
            rs_utf8_decode(text + content, end - content, &next);
            if (!(joins_without_space(last_character(text, w)) && joins_without_space(next)))
                text[w++] = ' ';
            memmove(text + w, text + content, end - content);
            w += end - content;
        }
        r = line_end + 1;
    }
    text[w] = '\0';
    return w;
}

static bool is_blank_line_at(const char *data, size_t size, size_t start, size_t *next)
{
    size_t i = start;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
        i++;
    if (i < size && data[i] != '\n')
        return false;
    *next = i < size ? i + 1 : size;
    return true;
}

bool rs_source_parse_statement(const char *path, const char *data, size_t size, const rs_source_context *context,
                               bool keep_body, rs_statement_source *out, rs_diags *diags)
{
    size_t errors_before = rs_diags_count(diags);
    memset(out, 0, sizeof *out);
    out->path = rs_xstrndup(path, strlen(path));
    out->header_line = 1;
    if (!rs_source_check_encoding(path, data, size, diags))
        return false;

    size_t start = 0;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* byte order mark written by some editors */
    size_t first_line_end = start;
    while (first_line_end < size && data[first_line_end] != '\n')
        first_line_end++;
    if (find_header_end(data, first_line_end < size ? first_line_end + 1 : size, start) != start) {
        rs_diags_add(diags, path, 1, "expected '---' on the first line to open the header");
        return false;
    }
    size_t header_start = first_line_end < size ? first_line_end + 1 : size;
    size_t header_end = find_header_end(data, size, header_start);
    if (header_end == SIZE_MAX) {
        rs_diags_add(diags, path, 1, "the header opened by '---' is never closed (put a line '---' between the header and the body)");
        return false;
    }

    yaml_source ys = {.path = path, .part = "the header", .line_offset = 2};
    statement_context sc = {.out = out, .context = context};
    bool loaded = rs_yaml_load(&ys, data + header_start, header_end - header_start, diags);
    if (loaded) {
        yaml_node_t *root = yaml_document_get_root_node(&ys.document);
        if (root && root->type == YAML_MAPPING_NODE)
            rs_yaml_walk(&ys, root, statement_fields, F_COUNT, "statement", handle_statement_field, &sc, diags);
        else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
            rs_diags_add(diags, path, rs_yaml_line(&ys, root), "the header must be 'field: value' lines");
    }
    rs_yaml_free(&ys);

    static const int required[] = {F_ID, F_TITLE, F_LANGUAGE, F_KIND};
    char **values[] = {&out->id, &out->title, &out->language, &out->kind};
    /* After a syntax error nothing of the header was read: saying that every
     * field is missing would only bury the one real problem. */
    for (size_t i = 0; loaded && i < sizeof required / sizeof required[0]; i++) {
        if (*values[i])
            continue;
        unsigned line = sc.field_line[required[i]];
        if (line)
            rs_diags_add(diags, path, line, "field '%s' is empty", statement_fields[required[i]]);
        else
            rs_diags_add(diags, path, 1, "missing required field '%s'", statement_fields[required[i]]);
    }
    if (out->same_as && out->id && strcmp(out->same_as, out->id) == 0)
        rs_diags_add(diags, path, out->same_as_line, "same_as names this statement itself");
    if (out->translation_of && out->id && strcmp(out->translation_of, out->id) == 0)
        rs_diags_add(diags, path, out->translation_of_line,
                     "translation_of names this statement itself (name the statement it translates)");

    /* Body: everything after the closing line, without leading blank lines
     * and trailing white space; CRLF becomes LF and nothing else changes. */
    size_t body = header_end;
    while (body < size && data[body] != '\n')
        body++;
    body = body < size ? body + 1 : size;
    size_t next;
    while (body < size && is_blank_line_at(data, size, body, &next))
        body = next;
    size_t body_end = size;
    while (body_end > body && (data[body_end - 1] == ' ' || data[body_end - 1] == '\t' ||
                               data[body_end - 1] == '\n' || data[body_end - 1] == '\r'))
        body_end--;
    if (body_end == body) {
        rs_diags_add(diags, path, rs_source_line_of_offset(data, header_end),
                     "empty body (write the statement's text after this closing '---')");
    } else {
        /* Counted as in the file (CRLF as two bytes): never more lenient
         * than check, which counts the body as stored. */
        rs_source_check_limit(path, rs_source_line_of_offset(data, body), RS_FIELD_BODY, "body", data + body, body_end - body, diags);
        out->body_bytes = body_end - body;
        if (keep_body) {
            char *text = rs_xmalloc(body_end - body + 1);
            size_t n = 0;
            for (size_t i = body; i < body_end; i++)
                if (!(data[i] == '\r' && i + 1 < body_end && data[i + 1] == '\n'))
                    text[n++] = data[i];
            text[n] = '\0';
            out->body = text;
            out->body_bytes = out->wrap_hard ? join_wrapped_lines(text, n) : n;
        }
    }
    return rs_diags_count(diags) == errors_before;
}

void rs_statement_source_clear(rs_statement_source *s)
{
    char *strings[] = {s->path, s->id, s->title, s->title_note, s->date_text, s->date_note, s->outlet,
                       s->speaker, s->speaker_role, s->language, s->url, s->kind, s->same_as, s->translation_of,
                       s->body, s->note};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    rs_translations_clear(&s->translations);
    for (size_t i = 0; i < s->incident_count; i++)
        free(s->incidents[i].slug);
    free(s->incidents);
    free(s->countries);
    memset(s, 0, sizeof *s);
}

char *rs_source_read_file(const char *path, size_t *size, rs_diags *diags)
{
    /* Through file.h: a FIFO named x.txt or incidents.yaml hung the build,
     * and /dev/zero as bundle.yaml was read up to the limit first. */
    char reason[256];
    char *data = rs_file_read_regular(path, RS_SOURCE_MAX_FILE_BYTES, size, reason, sizeof reason);
    if (!data)
        rs_diags_add(diags, path, 0, "%s", reason);
    return data;
}
