#include "collation.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "expect.h"

struct rs_collation {
    UCollator *collator;
    char locale[16];
};

const char *rs_collation_locale(const char *ui_language)
{
    /* CLDR's common/collation/zh.xml: <defaultCollation>pinyin</defaultCollation>
     * ("zh" and "zh_Hans" sort by pinyin; zh_Hant by stroke). */
    static const struct {
        const char *ui, *icu;
    } known[] = {{"en", "en"}, {"zh_CN", "zh"}, {"ru", "ru"}, {"ar", "ar"}, {"fr", "fr"}, {"es", "es"}};
    for (size_t i = 0; ui_language && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(ui_language, known[i].ui) == 0)
            return known[i].icu;
    return "";
}

rs_collation *rs_collation_create(const char *ui_language, char *error, size_t error_size)
{
    const char *locale = rs_collation_locale(ui_language);
    UErrorCode status = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &status);
    if (U_FAILURE(status)) {
        snprintf(error, error_size, "cannot sort names in '%s': ICU has no collation for '%s' (%s)",
                 ui_language ? ui_language : "", locale, u_errorName(status));
        ucol_close(collator);
        return NULL;
    }
    rs_collation *collation = rs_xcalloc(1, sizeof *collation);
    collation->collator = collator;
    snprintf(collation->locale, sizeof collation->locale, "%s", locale);
    return collation;
}

void rs_collation_destroy(rs_collation *collation)
{
    if (!collation)
        return;
    ucol_close(collation->collator);
    free(collation);
}

/* One name's sort key, with what breaks its ties. */
typedef struct keyed {
    uint8_t *key;
    const char *tie;
    size_t index;
} keyed;

static int compare_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp((const char *)x->key, (const char *)y->key);
    if (c == 0)
        c = strcmp(x->tie ? x->tie : "", y->tie ? y->tie : "");
    if (c == 0)
        c = x->index < y->index ? -1 : x->index > y->index;
    return c;
}

/* The sort key of a UTF-8 name (NUL-terminated, as ICU writes it).
 * Caller frees. */
static uint8_t *sort_key(const UCollator *collator, const char *name)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    /* Invalid UTF-8 becomes U+FFFD instead of an error (a name is always
     * valid after the builder's checks; this is for the rest). */
    u_strFromUTF8WithSub(NULL, 0, &length, name, -1, 0xFFFD, NULL, &status);
    status = U_ZERO_ERROR;
    UChar *text = rs_xcalloc((size_t)length + 1, sizeof *text);
    u_strFromUTF8WithSub(text, length + 1, NULL, name, -1, 0xFFFD, NULL, &status);
    if (U_FAILURE(status))
        length = 0;
    int32_t size = ucol_getSortKey(collator, text, length, NULL, 0);
    uint8_t *key = rs_xcalloc((size_t)size + 1, 1);
    ucol_getSortKey(collator, text, length, key, size + 1);
    free(text);
    return key;
}

void rs_collation_sort(const rs_collation *collation, const char *const *names, const char *const *tie,
                       size_t count, size_t *order)
{
    keyed *items = rs_xcalloc(count + 1, sizeof *items);
    for (size_t i = 0; i < count; i++) {
        items[i].key = sort_key(collation->collator, names[i] ? names[i] : "");
        items[i].tie = tie ? tie[i] : NULL;
        items[i].index = i;
    }
    qsort(items, count, sizeof *items, compare_keyed);
    for (size_t i = 0; i < count; i++) {
        order[i] = items[i].index;
        free(items[i].key);
    }
    free(items);
}
