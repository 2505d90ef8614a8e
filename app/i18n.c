#include "i18n.h"

#include "expect.h"

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

void rs_i18n_number(int64_t value, char *out, size_t size)
{
    if (!size)
        return;
    /* TRANSLATORS: the thousands separator in numbers such as 1,234,567.
     * Russian uses a no-break space (U+00A0). */
    const char *separator = P_("thousands separator", ",");
    char digits[32];
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    int n = snprintf(digits, sizeof digits, "%llu", magnitude);
    size_t o = 0, separator_length = strlen(separator);
    if (value < 0 && o + 1 < size)
        out[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) {
            if (o + separator_length >= size)
                break;
            memcpy(out + o, separator, separator_length);
            o += separator_length;
        }
        if (o + 1 >= size)
            break;
        out[o++] = digits[i];
    }
    out[o] = '\0';
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
    if (inferred && year > 0)
        /* TRANSLATORS: a date worked out by the curator rather than printed
         * in the statement: %s is the date. */
        snprintf(out, size, _("%s (inferred)"), text);
    else
        snprintf(out, size, "%s", text);
}
