#include "i18n.h"

#include "expect.h"
#include "utf8.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GNU gettext caches translations; this counter is its documented way to be
 * told that the language changed (glibc exports it for exactly this). */
extern int _nl_msg_cat_cntr;

#define DOMAIN "rostrum"

static rs_ui_language current = RS_UI_EN;

static const struct {
    const char *code, *endonym;
} languages[RS_UI_LANGUAGE_COUNT] = {
    [RS_UI_EN] = {"en", "English"},
    [RS_UI_ZH] = {"zh_CN", "中文"},
    [RS_UI_RU] = {"ru", "Русский"},
    [RS_UI_AR] = {"ar", "العربية"},
    [RS_UI_FR] = {"fr", "Français"},
    [RS_UI_ES] = {"es", "Español"},
};

void rs_i18n_init(const char *locale_dir)
{
    /* gettext ignores LANGUAGE while the messages locale is "C", which is
     * what a process started without LANG (a systemd unit) has. C.UTF-8 is
     * always there on Debian and changes nothing else: numbers and dates are
     * formatted here, not by the C library. */
    const char *messages = setlocale(LC_MESSAGES, "");
    if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    bindtextdomain(DOMAIN, locale_dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    textdomain(DOMAIN);
    rs_i18n_set(RS_UI_EN);
}

void rs_i18n_set(rs_ui_language language)
{
    if (language < 0 || language >= RS_UI_LANGUAGE_COUNT)
        language = RS_UI_EN;
    current = language;
    setenv("LANGUAGE", languages[language].code, 1);
    ++_nl_msg_cat_cntr;
}

rs_ui_language rs_i18n_current(void)
{
    return current;
}

const char *rs_i18n_code(rs_ui_language language)
{
    return languages[language < RS_UI_LANGUAGE_COUNT ? language : RS_UI_EN].code;
}

const char *rs_i18n_endonym(rs_ui_language language)
{
    return languages[language < RS_UI_LANGUAGE_COUNT ? language : RS_UI_EN].endonym;
}

bool rs_i18n_is_rtl(rs_ui_language language)
{
    return language == RS_UI_AR;
}

bool rs_i18n_parse(const char *text, rs_ui_language *out)
{
    if (!text)
        return false;
    /* The language part: up to '_', '-', '.' or '@'. */
    size_t n = strcspn(text, "_-.@");
    static const char *const primary[RS_UI_LANGUAGE_COUNT] = {"en", "zh", "ru", "ar", "fr", "es"};
    for (int i = 0; i < RS_UI_LANGUAGE_COUNT; i++)
        if (n == strlen(primary[i]) && strncmp(text, primary[i], n) == 0) {
            *out = (rs_ui_language)i;
            return true;
        }
    return false;
}

const char *rs_i18n_pgettext(const char *context_and_text, const char *text)
{
    const char *translated = dcgettext(NULL, context_and_text, LC_MESSAGES);
    return translated == context_and_text ? text : translated;
}

unsigned long rs_i18n_plural_n(int64_t n)
{
    return n < 0 ? 0 : (unsigned long)n;
}

char *rs_i18n_counted(const char *chosen, int64_t n)
{
    char number[48];
    rs_i18n_number(n, number, sizeof number);
    return rs_xasprintf(chosen, number);
}

/* The byte length of each of the ten digits in digits (UTF-8, 0 to 9 in
 * order) into lengths, their starts into starts; false unless there are
 * exactly ten, each one character. */
static bool split_digits(const char *digits, size_t starts[10], size_t lengths[10])
{
    size_t n = digits ? strlen(digits) : 0, at = 0;
    for (int d = 0; d < 10; d++) {
        if (at >= n)
            return false;
        uint32_t cp;
        size_t length = rs_utf8_decode(digits + at, n - at, &cp);
        if (length == 0 || cp == 0xFFFD)
            return false;
        starts[d] = at, lengths[d] = length;
        at += length;
    }
    return at == n;
}

/* Appends piece to out if it fits whole (with the terminator). */
static bool append(char *out, size_t size, size_t *o, const char *piece, size_t length)
{
    if (*o + length >= size)
        return false;
    memcpy(out + *o, piece, length);
    *o += length;
    out[*o] = '\0';
    return true;
}

void rs_i18n_number_as(int64_t value, const char *separator, int min_grouping, const char *digits, char *out,
                       size_t size)
{
    if (!size)
        return;
    out[0] = '\0';
    size_t starts[10], lengths[10];
    if (!split_digits(digits, starts, lengths))
        digits = "0123456789", split_digits(digits, starts, lengths);
    if (!separator)
        separator = "";
    if (min_grouping < 1)
        min_grouping = 1;
    char ascii[32];
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    int n = snprintf(ascii, sizeof ascii, "%llu", magnitude);
    /* CLDR's minimumGroupingDigits: with 2 (Spanish) "1234" stays whole and
     * "12.345" is grouped; the number needs 3 + min_grouping digits. */
    bool grouped = n >= 3 + min_grouping;
    size_t o = 0;
    if (value < 0 && !append(out, size, &o, "-", 1))
        return;
    for (int i = 0; i < n; i++) {
        if (grouped && i && (n - i) % 3 == 0 && !append(out, size, &o, separator, strlen(separator)))
            return;
        int d = ascii[i] - '0';
        if (!append(out, size, &o, digits + starts[d], lengths[d]))
            return;
    }
}

/* The current language's digits: "0123456789" in all six catalogs today;
 * a catalog may give Arabic-Indic ones ("٠١٢٣٤٥٦٧٨٩"). */
static const char *language_digits(void)
{
    /* TRANSLATORS: the ten digits 0 to 9 as the language writes numbers,
     * with nothing between them. Arabic keeps 0123456789 (CLDR's default
     * for "ar" since CLDR 46); an Egyptian kiosk might use ٠١٢٣٤٥٦٧٨٩. */
    return P_("digits", "0123456789");
}

void rs_i18n_number(int64_t value, char *out, size_t size)
{
    /* TRANSLATORS: the thousands separator in numbers such as 1,234,567.
     * Russian uses a no-break space (U+00A0). */
    const char *separator = P_("thousands separator", ",");
    /* TRANSLATORS: CLDR's minimumGroupingDigits for the language: 1 groups
     * 1,234; 2 (Spanish, Polish) writes 1234 but 12.345. */
    int min_grouping = atoi(P_("minimum grouping digits", "1"));
    rs_i18n_number_as(value, separator, min_grouping, language_digits(), out, size);
}

void rs_i18n_digits_as(const char *text, const char *digits, char *out, size_t size)
{
    if (!size)
        return;
    out[0] = '\0';
    size_t starts[10], lengths[10];
    if (!split_digits(digits, starts, lengths))
        digits = "0123456789", split_digits(digits, starts, lengths);
    size_t n = strlen(text), o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t length = rs_utf8_decode(text + i, n - i, &cp);
        bool ok = cp >= '0' && cp <= '9' ? append(out, size, &o, digits + starts[cp - '0'], lengths[cp - '0'])
                                         : append(out, size, &o, text + i, length);
        if (!ok)
            return;
        i += length;
    }
}

/* Month names in a date, by context: Russian uses the nominative with a
 * year ("июль 2021 г.") and the genitive with a day ("20 июля"), Chinese
 * writes the number ("7月"). */

/* i18n.h */
const char *rs_i18n_month_name(int month)
{
    switch (month) {
    case 1: return P_("month and year", "January");
    case 2: return P_("month and year", "February");
    case 3: return P_("month and year", "March");
    case 4: return P_("month and year", "April");
    case 5: return P_("month and year", "May");
    case 6: return P_("month and year", "June");
    case 7: return P_("month and year", "July");
    case 8: return P_("month and year", "August");
    case 9: return P_("month and year", "September");
    case 10: return P_("month and year", "October");
    case 11: return P_("month and year", "November");
    case 12: return P_("month and year", "December");
    default: return "";
    }
}

/* The month in "20 July 2021". */
static const char *month_of_day(int month)
{
    switch (month) {
    case 1: return P_("day, month and year", "January");
    case 2: return P_("day, month and year", "February");
    case 3: return P_("day, month and year", "March");
    case 4: return P_("day, month and year", "April");
    case 5: return P_("day, month and year", "May");
    case 6: return P_("day, month and year", "June");
    case 7: return P_("day, month and year", "July");
    case 8: return P_("day, month and year", "August");
    case 9: return P_("day, month and year", "September");
    case 10: return P_("day, month and year", "October");
    case 11: return P_("day, month and year", "November");
    case 12: return P_("day, month and year", "December");
    default: return "";
    }
}

void rs_i18n_date(const char *date, bool inferred, char *out, size_t size)
{
    int year = 0, month = 0, day = 0;
    size_t n = date ? strlen(date) : 0;
    if (n >= 4)
        year = atoi(date);
    if (n >= 7)
        month = atoi(date + 5);
    if (n >= 10)
        day = atoi(date + 8);
    if (month < 1 || month > 12)
        month = 0, day = 0;
    char text[128];
    if (year <= 0)
        snprintf(text, sizeof text, "%s", _("Date unknown"));
    else if (month && day == 1)
        /* TRANSLATORS: the first day of a month, as a full date: %1$d the
         * day (1), %2$s the month's name as it stands in a date, %3$d the
         * year. French writes "1er juillet 2021". */
        snprintf(text, sizeof text, P_("the first of a month", "%1$d %2$s %3$d"), day, month_of_day(month), year);
    else if (month && day >= 1 && day <= 31)
        /* TRANSLATORS: a full date: %1$d the day, %2$s the month's name as
         * it stands in a date, %3$d the year. */
        snprintf(text, sizeof text, _("%1$d %2$s %3$d"), day, month_of_day(month), year);
    else if (month)
        /* TRANSLATORS: a month of a year: %1$s the month's name, %2$d the year. */
        snprintf(text, sizeof text, _("%1$s %2$d"), rs_i18n_month_name(month), year);
    else
        /* TRANSLATORS: a year on its own. */
        snprintf(text, sizeof text, _("%d"), year);
    char marked[192];
    if (inferred && year > 0)
        /* TRANSLATORS: a date worked out by the curator rather than printed
         * in the statement: %s is the date. */
        snprintf(marked, sizeof marked, _("%s (inferred)"), text);
    else
        snprintf(marked, sizeof marked, "%s", text);
    rs_i18n_digits_as(marked, language_digits(), out, size);
}
