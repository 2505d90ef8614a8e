/*
 * The values curators write, read from YAML: libyaml's document loader,
 * which keeps the line of every node (that is what lets each message point
 * at the exact line) and gives every scalar as text (no implicit typing:
 * "NO" stays the country code of Norway, "2021-07-20" a string we check
 * ourselves); free-text values that may be translated; and the checks every
 * file shares (encoding, limits, language tags).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "distance.h"
#include "expect.h"
#include "source_private.h"
#include "utf8.h"

unsigned rs_source_line_of_offset(const char *data, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++)
        line += data[i] == '\n';
    return line;
}

void rs_source_hint(const char *input, const char *const *words, size_t count, char *hint, size_t hint_size)
{
    rs_nearest nearest = rs_nearest_start(input, 2);
    for (size_t i = 0; i < count; i++)
        rs_nearest_offer(&nearest, words[i]);
    rs_nearest_hint(&nearest, hint, hint_size);
}

void rs_source_join(const char *const *words, size_t count, char *out, size_t out_size)
{
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (i)
            strncat(out, ", ", out_size - strlen(out) - 1);
        strncat(out, words[i], out_size - strlen(out) - 1);
    }
}

/* A YAML scalar may hold line breaks (a folded or quoted value) or escapes
 * such as "\e", and printing it raw broke the promise that each problem is
 * one line "path:line: message" of valid UTF-8 (found by
 * tests/fuzz/fuzz_source). */
const char *rs_source_quoted(const char *text, size_t max_bytes, char *out, size_t out_size)
{
    size_t o = 0, length = strlen(text);
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        bool bad = cp == 0xFFFD && n == 1;
        if (o + n > max_bytes || o + n >= out_size)
            break;
        if (cp < 0x20 || cp == 0x7F)
            out[o++] = ' ';
        else if (!bad)
            memcpy(out + o, text + i, n), o += n;
        i += n;
    }
    out[o] = '\0';
    return out;
}

void rs_source_check_limit(const char *path, unsigned line, rs_field field, const char *name, const char *text,
                           size_t length, rs_diags *diags)
{
    char problem[160];
    if (!rs_limits_check(field, text, length, problem, sizeof problem))
        rs_diags_add(diags, path, line, "%s %s", name, problem);
}

void rs_source_check_link_count(const char *path, unsigned line, const char *name, size_t count, int most,
                                rs_diags *diags)
{
    if (count > (size_t)most)
        rs_diags_add(diags, path, line, "%s lists %zu; the limit is %d", name, count, most);
}

bool rs_source_is_language_tag(const char *text)
{
    size_t i = 0;
    while (text[i] >= 'a' && text[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    while (text[i] == '-') {
        size_t start = ++i;
        while ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
               (text[i] >= '0' && text[i] <= '9'))
            i++;
        if (i == start || i - start > 8)
            return false;
    }
    return text[i] == '\0';
}

void rs_source_check_url(const char *path, unsigned line, const char *url, rs_diags *diags)
{
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
        rs_diags_add(diags, path, line, "url '%s' must start with http:// or https://", QUOTED(url, 60));
}

void rs_source_parse_date(const char *path, unsigned line, const char *text, rs_date *date, rs_diags *diags)
{
    char error[160];
    if (!rs_date_parse(text, date, error, sizeof error))
        rs_diags_add(diags, path, line, "%s", QUOTED(error, sizeof error));
}

bool rs_source_check_encoding(const char *path, const char *data, size_t size, rs_diags *diags)
{
    size_t bad;
    if (!rs_utf8_valid(data, size, &bad)) {
        rs_diags_add(diags, path, rs_source_line_of_offset(data, bad),
                     "invalid UTF-8 at byte offset %zu (save the file as UTF-8)", bad);
        return false;
    }
    /* Control characters other than tab and line ends are never text; keeping
     * them out also leaves U+0002/U+0003 free to mark search hits. */
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            rs_diags_add(diags, path, rs_source_line_of_offset(data, i),
                         "control character 0x%02X at byte offset %zu (is this a text file?)", c, i);
            return false;
        }
    }
    return true;
}

const char *rs_source_default_language(const rs_source_context *context)
{
    return context && context->default_language ? context->default_language : "en";
}

/* ---- YAML ---- */

unsigned rs_yaml_line(const yaml_source *ys, const yaml_node_t *node)
{
    return (unsigned)node->start_mark.line + ys->line_offset;
}

yaml_node_t *rs_yaml_node(yaml_source *ys, int index)
{
    return yaml_document_get_node(&ys->document, index);
}

/* Where libyaml's syntax errors come from when curators meet them, said in
 * their words rather than the parser's: a tab in the indentation ("found a
 * tab character that violates indentation", or "character that cannot
 * start any token"), and an unquoted ': ' inside a plain value ("mapping
 * values are not allowed in this context"). Lines here are 0-based lines of
 * ys->text. */

typedef struct text_line {
    const char *start;
    size_t length;
} text_line;

/* Line n of ys->text; false past its end. */
static bool nth_line(const yaml_source *ys, size_t n, text_line *out)
{
    size_t i = 0;
    for (size_t line = 0; line < n; line++) {
        const char *newline = i < ys->length ? memchr(ys->text + i, '\n', ys->length - i) : NULL;
        if (!newline)
            return false;
        i = (size_t)(newline - ys->text) + 1;
    }
    const char *newline = memchr(ys->text + i, '\n', ys->length - i);
    out->start = ys->text + i;
    out->length = newline ? (size_t)(newline - out->start) : ys->length - i;
    return true;
}

/* The first line up to last whose indentation holds a tab before some text. */
static bool find_indent_tab(const yaml_source *ys, size_t last, size_t *found)
{
    text_line l;
    for (size_t n = 0; n <= last && nth_line(ys, n, &l); n++) {
        size_t i = 0;
        bool tab = false;
        while (i < l.length && (l.start[i] == ' ' || l.start[i] == '\t'))
            tab |= l.start[i++] == '\t';
        if (tab && i < l.length && l.start[i] != '\r') {
            *found = n;
            return true;
        }
    }
    return false;
}

/* A line "  KEY: ..." or "- KEY: ...": the key (a plain word), its column,
 * and the offset after its ':'. */
typedef struct key_line {
    const char *key;
    size_t key_length, column, after;
} key_line;

static bool parse_key_line(text_line l, key_line *out)
{
    size_t i = 0;
    while (i < l.length && l.start[i] == ' ')
        i++;
    if (i + 1 < l.length && l.start[i] == '-' && l.start[i + 1] == ' ') {
        i++;
        while (i < l.length && l.start[i] == ' ')
            i++;
    }
    size_t start = i;
    while (i < l.length && (l.start[i] == '_' || l.start[i] == '-' || (l.start[i] >= 'a' && l.start[i] <= 'z') ||
                            (l.start[i] >= 'A' && l.start[i] <= 'Z') || (l.start[i] >= '0' && l.start[i] <= '9')))
        i++;
    if (i == start || i >= l.length || l.start[i] != ':' || (i + 1 < l.length && l.start[i + 1] != ' '))
        return false;
    *out = (key_line){.key = l.start + start, .key_length = i - start, .column = start, .after = i + 1};
    return true;
}

/* "mapping values are not allowed" on line n: a value holding ': ', on its
 * field's own line or on a line that goes on with it. False when the field
 * cannot be told. */
static bool report_colon(const yaml_source *ys, size_t n, rs_diags *diags)
{
    text_line l;
    key_line k;
    if (!nth_line(ys, n, &l))
        return false;
    bool keyed = parse_key_line(l, &k);
    if (keyed) {
        const char *rest = l.start + k.after;
        size_t rest_length = l.length - k.after;
        for (size_t i = 0; i < rest_length; i++)
            if (rest[i] == ':' && (i + 1 == rest_length || rest[i + 1] == ' ' || rest[i + 1] == '\r')) {
                rs_diags_add(diags, ys->path, (unsigned)n + ys->line_offset,
                             "the value of '%.*s' holds ': ', which YAML reads as the start of a field (quote the "
                             "value: %.*s: \"...\")",
                             (int)k.key_length, k.key, (int)k.key_length, k.key);
                return true;
            }
    }
    size_t column = 0;
    while (column < l.length && l.start[column] == ' ')
        column++;
    for (size_t back = n; back-- > 0;) {
        text_line above;
        key_line field;
        if (nth_line(ys, back, &above) && parse_key_line(above, &field) && field.column < column) {
            rs_diags_add(diags, ys->path, (unsigned)n + ys->line_offset,
                         "this line goes on with the value of '%.*s' (line %u) and holds ': ' (quote the value: "
                         "%.*s: \"...\"; or, if this line is a field of its own, indent it as '%.*s' is)",
                         (int)field.key_length, field.key, (unsigned)back + ys->line_offset, (int)field.key_length,
                         field.key, (int)field.key_length, field.key);
            return true;
        }
    }
    return false;
}

static void report_syntax_error(const yaml_source *ys, const yaml_parser_t *parser, rs_diags *diags)
{
    const char *problem = parser->problem ? parser->problem : "unreadable YAML";
    size_t problem_line = parser->problem_mark.line, tab_line;
    if (find_indent_tab(ys, problem_line, &tab_line)) {
        rs_diags_add(diags, ys->path, (unsigned)tab_line + ys->line_offset,
                     "a tab character in %s (YAML allows spaces only; indent with spaces)",
                     ys->part ? ys->part : "the indentation");
        return;
    }
    if (strcmp(problem, "mapping values are not allowed in this context") == 0 && report_colon(ys, problem_line, diags))
        return;
    unsigned line = (unsigned)problem_line + ys->line_offset;
    if (parser->context)
        rs_diags_add(diags, ys->path, line, "YAML error: %s %s", parser->context, problem);
    else
        rs_diags_add(diags, ys->path, line, "YAML error: %s", problem);
}

bool rs_yaml_load(yaml_source *ys, const char *text, size_t length, rs_diags *diags)
{
    ys->text = text;
    ys->length = length;
    ys->cursor_index = ys->cursor_byte = 0;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        rs_out_of_memory(__FILE__, __LINE__); /* its only failure */
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
    bool ok = yaml_parser_load(&parser, &ys->document);
    if (!ok)
        report_syntax_error(ys, &parser, diags);
    yaml_parser_delete(&parser);
    ys->loaded = ok;
    return ok;
}

bool rs_yaml_load_file(yaml_source *ys, const char *data, size_t size, rs_diags *diags)
{
    if (!rs_source_check_encoding(ys->path, data, size, diags))
        return false;
    size_t start = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return rs_yaml_load(ys, data + start, size - start, diags);
}

bool rs_yaml_parse_list_file(const char *path, const char *data, size_t size, const char *item_problem,
                             const char *root_problem, rs_yaml_item_fn each, void *state, rs_diags *diags)
{
    size_t errors_before = rs_diags_count(diags);
    yaml_source ys = {.path = path, .line_offset = 1};
    if (!rs_yaml_load_file(&ys, data, size, diags))
        return false;
    yaml_node_t *root = yaml_document_get_root_node(&ys.document);
    if (root && root->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *item = root->data.sequence.items.start; item < root->data.sequence.items.top;
             item++) {
            yaml_node_t *node = rs_yaml_node(&ys, *item);
            if (!node)
                continue;
            if (node->type != YAML_MAPPING_NODE)
                rs_diags_add(diags, path, rs_yaml_line(&ys, node), "%s", item_problem);
            else
                each(&ys, node, state, diags);
        }
    } else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
        rs_diags_add(diags, path, rs_yaml_line(&ys, root), "%s", root_problem);
    }
    rs_yaml_free(&ys);
    return rs_diags_count(diags) == errors_before;
}

void rs_yaml_free(yaml_source *ys)
{
    if (ys->loaded)
        yaml_document_delete(&ys->document);
    ys->loaded = false;
}

char *rs_yaml_scalar(yaml_source *ys, yaml_node_t *node, const char *field, bool *empty, rs_diags *diags)
{
    *empty = false;
    if (node->type != YAML_SCALAR_NODE) {
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, node), "field '%s' must be a single value, not a %s",
                     field, node->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
        return NULL;
    }
    const char *value = (const char *)node->data.scalar.value;
    size_t length = node->data.scalar.length;
    while (length && (*value == ' ' || *value == '\t' || *value == '\n'))
        value++, length--;
    while (length && (value[length - 1] == ' ' || value[length - 1] == '\t' || value[length - 1] == '\n'))
        length--;
    bool plain = node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (length == 0 || (plain && length == 1 && value[0] == '~') ||
        (plain && length == 4 && memcmp(value, "null", 4) == 0)) {
        *empty = true;
        return NULL;
    }
    return rs_xstrndup(value, length);
}

void rs_yaml_walk(yaml_source *ys, yaml_node_t *mapping, const char *const *fields, int field_count, const char *what,
                  rs_field_handler handle, void *context, rs_diags *diags)
{
    RS_EXPECT(field_count <= 32);
    unsigned seen_line[32] = {0};
    for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start; pair < mapping->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *key = rs_yaml_node(ys, pair->key);
        yaml_node_t *value = rs_yaml_node(ys, pair->value);
        if (!key || !value)
            continue;
        if (key->type != YAML_SCALAR_NODE) {
            rs_diags_add(diags, ys->path, rs_yaml_line(ys, key), "a field name must be a plain word");
            continue;
        }
        const char *name = (const char *)key->data.scalar.value;
        int field = -1;
        for (int i = 0; i < field_count; i++)
            if (strcmp(name, fields[i]) == 0)
                field = i;
        if (field < 0) {
            char hint[64], known[512];
            rs_source_hint(name, fields, (size_t)field_count, hint, sizeof hint);
            rs_source_join(fields, (size_t)field_count, known, sizeof known);
            if (hint[0])
                rs_diags_add(diags, ys->path, rs_yaml_line(ys, key), "unknown field '%s'%s", QUOTED(name, 60), hint);
            else
                rs_diags_add(diags, ys->path, rs_yaml_line(ys, key), "unknown field '%s' (%s fields: %s)",
                             QUOTED(name, 60), what, known);
            continue;
        }
        if (seen_line[field]) {
            rs_diags_add(diags, ys->path, rs_yaml_line(ys, key), "field '%s' appears twice (first on line %u)", name,
                         seen_line[field]);
            continue;
        }
        seen_line[field] = rs_yaml_line(ys, key);
        handle(context, field, ys, key, value, diags);
    }
}

/* The byte of libyaml's mark index (it counts characters). Nodes are
 * mostly asked for in the order of the text, so the walk goes on from the
 * last position asked for and a document is read about once. */
static size_t byte_of_index(yaml_source *ys, size_t index)
{
    if (index < ys->cursor_index)
        ys->cursor_index = ys->cursor_byte = 0;
    while (ys->cursor_index < index && ys->cursor_byte < ys->length) {
        uint32_t cp;
        ys->cursor_byte += rs_utf8_decode(ys->text + ys->cursor_byte, ys->length - ys->cursor_byte, &cp);
        ys->cursor_index++;
    }
    return ys->cursor_byte;
}

bool rs_yaml_cut_by_comment(yaml_source *ys, const yaml_node_t *node)
{
    if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !ys->text)
        return false;
    size_t end = byte_of_index(ys, node->end_mark.index), at = end;
    while (at < ys->length && (ys->text[at] == ' ' || ys->text[at] == '\t'))
        at++;
    return at > end && at < ys->length && ys->text[at] == '#';
}

static void report_cut(yaml_source *ys, const yaml_node_t *node, const char *name, rs_diags *diags)
{
    rs_diags_add(diags, ys->path, (unsigned)node->end_mark.line + ys->line_offset,
                 "the value of '%s' stops at ' #': YAML reads the rest of the line as a comment (put the value in "
                 "quotes: \"...\")",
                 name);
}

/* Appends one translation; the array grows by doubling (its capacity is
 * the power of two at or above count). */
static void add_translation(rs_translations *t, const char *field, char *language, char *value, unsigned line)
{
    if (t->count == 0 || (t->count & (t->count - 1)) == 0) {
        size_t capacity = t->count ? t->count * 2 : 2;
        t->items = rs_xrealloc(t->items, capacity * sizeof *t->items);
    }
    t->items[t->count++] = (rs_translation){.field = field, .language = language, .value = value, .line = line};
}

void rs_translations_clear(rs_translations *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i].language), free(t->items[i].value);
    free(t->items);
    t->items = NULL;
    t->count = 0;
}

/* One plain value: the text, checked for a comment and its limit (name is
 * how a message calls it). */
static char *plain_value(yaml_source *ys, yaml_node_t *node, unsigned line, const rs_text_field *field,
                         const char *name, bool *empty, rs_diags *diags)
{
    char *text = rs_yaml_scalar(ys, node, field->name, empty, diags);
    if (!text)
        return NULL;
    if (rs_yaml_cut_by_comment(ys, node))
        report_cut(ys, node, field->name, diags);
    rs_source_check_limit(ys->path, line, field->limit, name, text, strlen(text), diags);
    return text;
}

/* {en: ..., zh-Hans: ...}: the value in default_language returned, the
 * others added to translations. */
static char *translated_value(yaml_source *ys, yaml_node_t *key, yaml_node_t *mapping, const rs_text_field *field,
                              const char *default_language, rs_translations *translations, rs_diags *diags)
{
    char *base = NULL;
    size_t first = translations->count; /* this field's translations start here */
    unsigned base_line = 0;
    for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start; pair < mapping->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *tag_node = rs_yaml_node(ys, pair->key), *value = rs_yaml_node(ys, pair->value);
        if (!tag_node || !value)
            continue;
        unsigned line = rs_yaml_line(ys, tag_node);
        const char *tag = tag_node->type == YAML_SCALAR_NODE ? (const char *)tag_node->data.scalar.value : "";
        if (!rs_source_is_language_tag(tag)) {
            rs_diags_add(diags, ys->path, line,
                         "'%s' is not a language tag (the values of '%s' are by BCP 47 tag, such as en, zh-Hans "
                         "or ru)",
                         QUOTED(tag, 40), field->name);
            continue;
        }
        bool is_base = strcasecmp(tag, default_language) == 0;
        unsigned seen = is_base ? base_line : 0;
        for (size_t i = first; i < translations->count && !seen; i++)
            if (strcasecmp(translations->items[i].language, tag) == 0)
                seen = translations->items[i].line;
        if (seen) {
            rs_diags_add(diags, ys->path, line, "'%s' has two values in %s (first on line %u)", field->name,
                         QUOTED(tag, 40), seen);
            continue;
        }
        char name[80];
        snprintf(name, sizeof name, "%s (%s)", field->name, tag);
        bool empty;
        char *text = plain_value(ys, value, line, field, name, &empty, diags);
        if (empty)
            rs_diags_add(diags, ys->path, line, "'%s' has an empty value in %s", field->name, QUOTED(tag, 40));
        if (!text)
            continue;
        if (is_base) {
            base = text;
            base_line = line;
        } else {
            add_translation(translations, field->stored, rs_xstrdup(tag), text, line);
        }
    }
    if (!base)
        rs_diags_add(diags, ys->path, rs_yaml_line(ys, key),
                     "'%s' has no value in the collection's language '%s' (add %s: ..., or write a plain string)",
                     field->name, default_language, default_language);
    return base;
}

char *rs_yaml_text(yaml_source *ys, yaml_node_t *key, yaml_node_t *value, const rs_text_field *field,
                   const char *default_language, rs_translations *translations, rs_diags *diags)
{
    if (value->type == YAML_MAPPING_NODE && field->stored)
        return translated_value(ys, key, value, field, default_language, translations, diags);
    bool empty;
    return plain_value(ys, value, rs_yaml_line(ys, key), field, field->name, &empty, diags);
}
