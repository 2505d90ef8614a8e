/*
 * Language by script first: a text mostly in Han characters is Chinese
 * (Simplified unless traditional-only characters outnumber simplified-only
 * ones), Kana means Japanese, Hangul Korean, Arabic script Arabic. Latin and
 * Cyrillic texts go to libexttextcat, which knows ~160 languages; its first
 * candidate is used, and a text it calls too short is marked unsure.
 */
#include "language.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>

#include "expect.h"
#include "utf8.h"

#define TEXTCAT_DEFAULT_DIR "/usr/share/libexttextcat/"
/* textcat is slow on long texts and needs only a few hundred bytes. */
#define TEXTCAT_SAMPLE 4096

struct rs_language {
    void *textcat; /* NULL when the fingerprints could not be loaded */
};

rs_language *rs_language_create(const char *data_dir)
{
    rs_language *language = rs_xcalloc(1, sizeof *language);
    const char *dir = data_dir ? data_dir : TEXTCAT_DEFAULT_DIR;
    char conf[1024];
    snprintf(conf, sizeof conf, "%s%sfpdb.conf", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
    char prefix[1024];
    snprintf(prefix, sizeof prefix, "%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
    language->textcat = special_textcat_Init(conf, prefix);
    return language;
}

void rs_language_destroy(rs_language *language)
{
    if (!language)
        return;
    if (language->textcat)
        textcat_Done(language->textcat);
    free(language);
}

typedef struct { size_t latin, han, kana, hangul, cyrillic, arabic, simplified, traditional; } script_counts;

/* A few characters that differ between the two Chinese scripts. */
static const char *const simplified_only[] = {"们", "这", "说", "国", "为", "发", "对", "关", "时", "会"};
static const char *const traditional_only[] = {"們", "這", "說", "國", "為", "發", "對", "關", "時", "會"};

static void count_scripts(const char *text, size_t length, script_counts *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        size_t n = rs_utf8_decode(text + i, length - i, &cp);
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F))
            c->latin++;
        else if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
            c->han++;
        else if (cp >= 0x3040 && cp <= 0x30FF)
            c->kana++;
        else if (cp >= 0xAC00 && cp <= 0xD7AF)
            c->hangul++;
        else if (cp >= 0x0400 && cp <= 0x04FF)
            c->cyrillic++;
        else if (cp >= 0x0600 && cp <= 0x06FF)
            c->arabic++;
        for (size_t k = 0; cp >= 0x4E00 && k < sizeof simplified_only / sizeof simplified_only[0]; k++) {
            if (strncmp(text + i, simplified_only[k], n) == 0)
                c->simplified++;
            if (strncmp(text + i, traditional_only[k], n) == 0)
                c->traditional++;
        }
        i += n;
    }
}

/* libexttextcat's answer "[en--utf8][sco--utf8]" -> "en"; false for
 * SHORT or UNKNOWN. *several is set when it gave more than one candidate. */
static bool textcat_tag(void *textcat, const char *text, size_t length, char *tag, size_t tag_size, bool *several)
{
    if (!textcat)
        return false;
    const char *answer = textcat_Classify(textcat, text, length < TEXTCAT_SAMPLE ? length : TEXTCAT_SAMPLE);
    if (!answer || answer[0] != '[')
        return false;
    size_t n = strcspn(answer + 1, "-]");
    if (n == 0 || n >= tag_size)
        return false;
    memcpy(tag, answer + 1, n);
    tag[n] = '\0';
    *several = strchr(answer + 1, '[') != NULL;
    return true;
}

bool rs_language_guess(rs_language *language, const char *text, size_t length, char *tag, size_t tag_size,
                       char *how, size_t how_size)
{
    script_counts c;
    count_scripts(text, length, &c);
    size_t letters = c.latin + c.han + c.kana + c.hangul + c.cyrillic + c.arabic;
    if (letters == 0) {
        snprintf(tag, tag_size, "und");
        snprintf(how, how_size, "no letters found");
        return false;
    }
    unsigned han_share = (unsigned)((c.han + c.kana) * 100 / letters);
    if (c.kana * 20 > letters) {
        snprintf(tag, tag_size, "ja");
        snprintf(how, how_size, "script: kana");
        return true;
    }
    if (han_share >= 30) {
        snprintf(tag, tag_size, "%s", c.traditional > c.simplified ? "zh-Hant" : "zh-Hans");
        snprintf(how, how_size, "script: %u%% Han, %s characters", han_share,
                 c.traditional > c.simplified ? "traditional" : "simplified");
        return true;
    }
    if (c.hangul * 3 > letters) {
        snprintf(tag, tag_size, "ko");
        snprintf(how, how_size, "script: Hangul");
        return true;
    }
    if (c.arabic * 2 > letters) {
        snprintf(tag, tag_size, "ar");
        snprintf(how, how_size, "script: Arabic (CHECK: Persian and Urdu share it)");
        return false;
    }
    bool several = false;
    bool cyrillic = c.cyrillic * 2 > letters;
    if (textcat_tag(language->textcat, text, length, tag, tag_size, &several)) {
        snprintf(how, how_size, "libexttextcat%s", several ? " (first of several candidates)" : "");
        return !several || strcmp(tag, cyrillic ? "ru" : "en") == 0;
    }
    snprintf(tag, tag_size, "%s", cyrillic ? "ru" : "en");
    snprintf(how, how_size, "script: %s; libexttextcat %s", cyrillic ? "Cyrillic" : "Latin",
             language->textcat ? "found the text too short" : "fingerprints not found");
    return false;
}
