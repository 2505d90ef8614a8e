/*
 * The viewer's languages: the six official languages of the United Nations,
 * English, Simplified Chinese, Russian, Arabic, French and Spanish.
 *
 * Every string a visitor reads goes through gettext (GNU's usual C
 * convention: _("...") marks a string, the catalogs live in app/po/ and are
 * compiled with msgfmt at build time). The language can change while the
 * viewer runs (the buttons on home, the idle reset), so the process keeps
 * one current language and switches gettext's catalog on demand.
 *
 * Dates and numbers are written the way each language writes them, as
 * CLDR has them ("20 July 2021", "2021年7月20日", "20 июля 2021 г.",
 * "20 يوليو 2021", "1er juillet 2021", "20 de julio de 2021"; "1,234",
 * "1 234", "1234" and "12.345" in Spanish), through formats, separators and
 * digits that are themselves translated, so a translator controls them.
 * Arabic uses the digits 0-9 (CLDR's default for "ar" since CLDR 46, and
 * its ar_AE, ar_MA, ar_DZ...). No SDL.
 */
#ifndef RS_I18N_H
#define RS_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define _(text) gettext(text)
/* Marks a string for the catalogs without translating it here. */
#define N_(text) (text)
/* A string with a context, for words that translate differently by use
 * (a month's name in "July 2021" and in "20 July 2021"). */
#define P_(context, text) rs_i18n_pgettext(context "\004" text, text)

typedef enum rs_ui_language {
    RS_UI_EN,
    RS_UI_ZH,
    RS_UI_RU,
    RS_UI_AR,
    RS_UI_FR,
    RS_UI_ES,
    RS_UI_LANGUAGE_COUNT,
} rs_ui_language;

/* Binds the catalogs in locale_dir (LOCALE_DIR/LANG/LC_MESSAGES/rostrum.mo)
 * and starts in English. Works whatever the process's locale (a kiosk
 * started by systemd has none): the messages are always UTF-8. */
void rs_i18n_init(const char *locale_dir);

/* Switches every string from now on. */
void rs_i18n_set(rs_ui_language language);
rs_ui_language rs_i18n_current(void);

/* "en", "zh_CN", "ru", "ar", "fr", "es": the catalog's name. */
const char *rs_i18n_code(rs_ui_language language);
/* The language's name in itself: "English", "中文", "Русский", "العربية",
 * "Français", "Español". */
const char *rs_i18n_endonym(rs_ui_language language);
/* True when the language is written right to left (Arabic): the whole UI
 * mirrors (Back on the right, lists and chips aligned right). */
bool rs_i18n_is_rtl(rs_ui_language language);
/* Reads "en", "zh", "zh_CN", "zh-Hans", "ru", "ar", "fr_FR", "es-419" (and
 * such): false if none. */
bool rs_i18n_parse(const char *text, rs_ui_language *out);

const char *rs_i18n_pgettext(const char *context_and_text, const char *text);

/* 1234567 in the current language: "1,234,567" (English, Chinese, Arabic),
 * "1 234 567" (Russian, no-break spaces U+00A0; French, narrow no-break
 * spaces U+202F), "1.234.567" (Spanish, which writes 1234 whole). Cut at a
 * whole digit or separator to fit size. */
void rs_i18n_number(int64_t value, char *out, size_t size);

/* The same from its parts: separator between groups of three, only in
 * numbers of at least 3 + min_grouping digits (CLDR's
 * minimumGroupingDigits); digits, the ten digits 0 to 9 in UTF-8
 * ("٠١٢٣٤٥٦٧٨٩"), ASCII when not exactly ten characters. */
void rs_i18n_number_as(int64_t value, const char *separator, int min_grouping, const char *digits, char *out,
                       size_t size);

/* text with its ASCII digits 0-9 written in digits (as rs_i18n_number_as
 * takes them), into out; cut at a whole character to fit size. */
void rs_i18n_digits_as(const char *text, const char *digits, char *out, size_t size);

/* n for ngettext, which takes an unsigned long (a negative count as 0). */
unsigned long rs_i18n_plural_n(int64_t n);

/* "5 statements": the plural form chosen by ngettext (written out at each
 * call, so xgettext sees both forms) with n in the language's digits. The
 * caller frees it. */
char *rs_i18n_counted(const char *chosen, int64_t n);

/* "2021-07-20" -> "20 July 2021", "2021-07" -> "July 2021", "2021" ->
 * "2021", NULL or "" -> "Date unknown", in the current language and its
 * digits ("20 juillet 2021", "1er mai 2021", "20 de julio de 2021",
 * "20 يوليو 2021"); with the language's "(inferred)" mark when inferred. */
void rs_i18n_date(const char *date, bool inferred, char *out, size_t size);

/* A month (1..12) by its name as "July 2021" writes it, in the UI
 * language ("июль", "7月"); "" for any other number. */
const char *rs_i18n_month_name(int month);

#endif
