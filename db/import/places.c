/*
 * Finding countries. At each word start the longest matching term wins, so
 * "North Korea" is KP and not KR, and "印度尼西亚" is Indonesia, not India.
 * English terms match whole words, case-sensitively ("US" but not "us");
 * Chinese terms match anywhere (Chinese has no spaces); Russian terms are
 * stems that match the start of a word.
 */
#include "places.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "countries.h"
#include "expect.h"

typedef enum { TERM_WORD, TERM_CJK, TERM_STEM } term_kind;

typedef struct {
    char *text;
    char code[3];
    term_kind kind;
} term;

struct rs_places {
    term *terms; /* sorted by first byte once loaded */
    size_t count, capacity;
    size_t first[257]; /* terms starting with byte b: first[b] .. first[b + 1] */
};

static int by_first_byte(const void *a, const void *b)
{
    return (int)(unsigned char)((const term *)a)->text[0] - (int)(unsigned char)((const term *)b)->text[0];
}

/* code, then terms separated by '|': English words | Chinese | Russian stems. */
static const char *const table[][4] = {
    {"CN", "China|Chinese|PRC|People's Republic of China|Beijing|BEIJING", "中国|中华人民共和国|中方|北京",
     "Китай|Кита|китайск|КНР|Пекин"},
    {"GB", "United Kingdom|UK|U.K.|Britain|British|Great Britain|England|English Channel|London|LONDON|Briton|"
     "Northern Ireland",
     "英国|英方|伦敦|北爱尔兰|大不列颠", "Великобритани|Британи|британск|Соединённое Королевство|Соединенное Королевство|Лондон|Англи|английск|"
     "Северная Ирландия|Северной Ирландии"},
    {"US", "United States|United States of America|US|U.S.|USA|U.S.A.|America|American|Americans|Washington|WASHINGTON",
     "美国|美方|华盛顿", "США|Соединённые Штаты|Соединенные Штаты|Соединенных Штатов|Соединённых Штатов|Америк|американск|Вашингтон"},
    {"RU", "Russia|Russian|Russian Federation|Moscow|MOSCOW|Kremlin", "俄罗斯|俄方|莫斯科|俄",
     "Росси|российск|Москв|Кремл"},
    {"NO", "Norway|Norwegian|Oslo", "挪威", "Норвеги|норвежск"},
    {"JP", "Japan|Japanese|Tokyo", "日本|东京", "Япони|японск|Токио"},
    {"KR", "South Korea|Republic of Korea|South Korean|Seoul", "韩国|首尔", "Южная Корея|Южной Коре|Республика Корея|южнокорейск|Сеул"},
    {"KP", "North Korea|North Korean|DPRK|Pyongyang", "朝鲜|平壤", "КНДР|Северная Корея|Северной Коре|северокорейск|Пхеньян"},
    {"DE", "Germany|German|Berlin", "德国|柏林", "Германи|немецк|германск|Берлин"},
    {"FR", "France|French|Paris", "法国|巴黎", "Франци|французск|Париж"},
    {"AU", "Australia|Australian|Canberra", "澳大利亚|堪培拉", "Австрали|австралийск|Канберр"},
    {"CA", "Canada|Canadian|Ottawa", "加拿大|渥太华", "Канад|канадск|Оттав"},
    {"NZ", "New Zealand|New Zealander", "新西兰", "Новая Зеланди|Новой Зеланди|новозеландск"},
    {"IN", "India|Indian|New Delhi", "印度|新德里", "Инди|индийск|Нью-Дели"},
    {"ID", "Indonesia|Indonesian|Jakarta", "印度尼西亚|印尼|雅加达", "Индонези|индонезийск"},
    {"IR", "Iran|Iranian|Tehran", "伊朗|德黑兰", "Иран|иранск|Тегеран"},
    {"IL", "Israel|Israeli|Jerusalem", "以色列", "Израил|израильск"},
    {"UA", "Ukraine|Ukrainian|Kyiv|Kiev", "乌克兰|基辅", "Украин|украинск|Киев"},
    {"NL", "Netherlands|Dutch|The Hague", "荷兰|海牙", "Нидерланд|нидерландск|Голланди|голландск"},
    {"BE", "Belgium|Belgian|Brussels", "比利时|布鲁塞尔", "Бельги|бельгийск|Брюссел"},
    {"SE", "Sweden|Swedish|Stockholm", "瑞典", "Швеци|шведск"},
    {"DK", "Denmark|Danish|Copenhagen", "丹麦", "Дания|Дании|Данию|датск"},
    {"FI", "Finland|Finnish|Helsinki", "芬兰", "Финлянди|финск"},
    {"PL", "Poland|Polish|Warsaw", "波兰", "Польш|польск"},
    {"CZ", "Czech Republic|Czechia|Czech|Prague", "捷克", "Чехи|чешск"},
    {"IT", "Italy|Italian|Rome", "意大利|罗马", "Итали|итальянск"},
    {"ES", "Spain|Spanish|Madrid", "西班牙", "Испани|испанск"},
    {"TR", "Turkey|Türkiye|Turkish|Ankara", "土耳其", "Турци|турецк"},
    {"PK", "Pakistan|Pakistani|Islamabad", "巴基斯坦", "Пакистан|пакистанск"},
    {"VN", "Vietnam|Viet Nam|Vietnamese|Hanoi", "越南", "Вьетнам|вьетнамск"},
    {"PH", "Philippines|Philippine|Filipino|Manila", "菲律宾", "Филиппин|филиппинск"},
    {"TW", "Taiwan|Taipei", "台湾|台北", "Тайван|тайваньск"},
    {"HK", "Hong Kong", "香港", "Гонконг|Сянган"},
    {"SG", "Singapore|Singaporean", "新加坡", "Сингапур"},
    {"BY", "Belarus|Belarusian|Minsk", "白俄罗斯", "Белорусси|Беларус|белорусск"},
    {"KZ", "Kazakhstan|Kazakh|Astana", "哈萨克斯坦", "Казахстан|казахстанск"},
    {"EE", "Estonia|Estonian|Tallinn", "爱沙尼亚", "Эстони|эстонск"},
    {"LT", "Lithuania|Lithuanian|Vilnius", "立陶宛", "Литв|литовск"},
    {"LV", "Latvia|Latvian|Riga", "拉脱维亚", "Латви|латвийск"},
    {"GE", "Georgia|Georgian|Tbilisi", "格鲁吉亚", "Грузи|грузинск"},
    {"SY", "Syria|Syrian|Damascus", "叙利亚", "Сири|сирийск"},
    {"IQ", "Iraq|Iraqi|Baghdad", "伊拉克", "Ирак|иракск"},
    {"AF", "Afghanistan|Afghan|Kabul", "阿富汗", "Афганистан|афганск"},
    {"SA", "Saudi Arabia|Saudi", "沙特", "Саудовск"},
    {"BR", "Brazil|Brazilian", "巴西", "Бразили|бразильск"},
    {"MX", "Mexico|Mexican", "墨西哥", "Мексик|мексиканск"},
    {"ZA", "South Africa|South African", "南非", "ЮАР|южноафриканск"},
    {"EG", "Egypt|Egyptian|Cairo", "埃及", "Египет|Египт|египетск"},
    {"CH", "Switzerland|Swiss|Geneva|Bern", "瑞士|日内瓦", "Швейцари|швейцарск|Женев"},
    {"AT", "Austria|Austrian|Vienna", "奥地利|维也纳", "Австри|австрийск|Вене|Вену|Вена"},
    {"IE", "Ireland|Irish|Dublin", "爱尔兰", "Ирланди|ирландск"},
};

static void add_term(rs_places *places, const char *code, const char *text, size_t length, term_kind kind)
{
    rs_grow(&places->terms, &places->capacity, places->count + 1, sizeof *places->terms);
    term *t = &places->terms[places->count++];
    t->text = rs_xstrndup(text, length);
    memcpy(t->code, code, 2);
    t->code[2] = '\0';
    t->kind = kind;
}

static void add_terms(rs_places *places, const char *code, const char *list, term_kind kind)
{
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, "|");
        if (n)
            add_term(places, code, p, n, kind);
        p += n + (p[n] == '|');
    }
}

/* iso-codes' English names: "name" and "common_name" of every entry. */
static void add_iso_names(rs_places *places, const char *path)
{
    json_error_t error;
    json_t *root = json_load_file(path ? path : "/usr/share/iso-codes/json/iso_3166-1.json", 0, &error);
    json_t *list = root ? json_object_get(root, "3166-1") : NULL;
    size_t i;
    json_t *entry;
    json_array_foreach(list, i, entry) {
        const char *code = json_string_value(json_object_get(entry, "alpha_2"));
        if (!code || strlen(code) != 2)
            continue;
        static const char *const fields[] = {"name", "common_name"};
        for (size_t f = 0; f < 2; f++) {
            const char *name = json_string_value(json_object_get(entry, fields[f]));
            /* "Korea, Republic of" and "Iran, Islamic Republic of" are
             * never written so in running text. */
            if (name && !strchr(name, ','))
                add_term(places, code, name, strlen(name), TERM_WORD);
        }
    }
    json_decref(root);
}

/* Common words and abbreviations that iso-codes' short names spell:
 * "中非" is also China-Africa ("中非合作"), "Того" also "of that". */
static bool ambiguous_translation(const char *name)
{
    static const char *const words[] = {"中非", "Того", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(name, *w) == 0)
            return true;
    return false;
}

/* A Russian name as a stem: a final -а/-я/-й/-ь dropped ("Норвегия" ->
 * "Норвеги" finds "Норвегии", "Норвегию"), a final consonant kept ("Иран"
 * finds "Ирана"). A name of three letters or fewer stays a whole word
 * (TERM_WORD), as a stem would find other words ("Чад" in "Чадаев"). */
static void add_russian(rs_places *places, const char *code, const char *name)
{
    size_t n = strlen(name), letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += ((unsigned char)name[i] & 0xC0) != 0x80;
    if (letters <= 3) {
        add_term(places, code, name, n, TERM_WORD);
        return;
    }
    static const char *const endings[] = {"а", "я", "й", "ь", NULL};
    for (const char *const *e = endings; *e; e++)
        if (n > strlen(*e) && strcmp(name + n - strlen(*e), *e) == 0) {
            n -= strlen(*e);
            break;
        }
    add_term(places, code, name, n, TERM_STEM);
}

/* iso-codes' own Chinese and Russian short names (its translations of
 * the English short name), for every code: the project's table has only
 * the countries collections have needed so far. */
static void add_translated_names(rs_places *places, const char *iso_json, const char *locale_dir)
{
    char error[256];
    rs_countries *countries = rs_countries_load(iso_json ? iso_json : RS_ISO_3166_DEFAULT_PATH, error, sizeof error);
    if (!countries)
        return;
    const char *code;
    for (size_t i = 0; (code = rs_countries_code_at(countries, i)) != NULL; i++) {
        char *zh = rs_countries_translated(countries, code, "zh_CN", locale_dir);
        char *ru = rs_countries_translated(countries, code, "ru", locale_dir);
        /* "Конго, демократическая республика", "Виргинские острова (США)":
         * never written so in running text. */
        if (zh && !strpbrk(zh, ",(") && !ambiguous_translation(zh) && (unsigned char)zh[0] >= 0xE0)
            add_term(places, code, zh, strlen(zh), TERM_CJK);
        if (ru && !strpbrk(ru, ",(") && !ambiguous_translation(ru) && (unsigned char)ru[0] >= 0xC0)
            add_russian(places, code, ru);
        free(zh);
        free(ru);
    }
    rs_countries_destroy(countries);
}

rs_places *rs_places_create(const char *iso_json, const char *locale_dir)
{
    rs_places *places = rs_xcalloc(1, sizeof *places);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        add_terms(places, table[i][0], table[i][1], TERM_WORD);
        add_terms(places, table[i][0], table[i][2], TERM_CJK);
        add_terms(places, table[i][0], table[i][3], TERM_STEM);
    }
    add_iso_names(places, iso_json);
    add_translated_names(places, iso_json, locale_dir);
    /* Each byte of a text is looked up in its own bucket only: a scan is
     * linear in the text, whatever the table's size. */
    qsort(places->terms, places->count, sizeof *places->terms, by_first_byte);
    size_t t = 0;
    for (int b = 0; b <= 256; b++) {
        while (t < places->count && b < 256 && (unsigned char)places->terms[t].text[0] < b)
            t++;
        places->first[b] = b == 256 ? places->count : t;
    }
    return places;
}

void rs_places_destroy(rs_places *places)
{
    if (!places)
        return;
    for (size_t i = 0; i < places->count; i++)
        free(places->terms[i].text);
    free(places->terms);
    free(places);
}

/* Letters of any script count as word characters (UTF-8 lead and
 * continuation bytes are >= 0x80), except CJK, which is never a word
 * boundary problem because CJK terms match anywhere. */
static bool word_byte(unsigned char c) { return isalnum(c) || c >= 0x80; }

static bool term_matches(const term *t, const char *p, const char *text)
{
    size_t n = strlen(t->text);
    if (strncmp(p, t->text, n) != 0)
        return false;
    if (t->kind == TERM_CJK)
        return true;
    if (p > text && word_byte((unsigned char)p[-1]))
        return false;
    if (t->kind == TERM_STEM)
        return true;
    /* A whole English word: "Britain's" yes, "Britains" no. */
    return !word_byte((unsigned char)p[n]) || (unsigned char)t->text[n - 1] == '.';
}

void rs_places_scan_all(const rs_places *places, const char *text, rs_places_mention found, void *context)
{
    for (const char *p = text; *p;) {
        const term *best = NULL;
        unsigned char b = (unsigned char)*p;
        for (size_t i = places->first[b]; i < places->first[b + 1]; i++) {
            const term *t = &places->terms[i];
            if ((!best || strlen(t->text) > strlen(best->text)) && term_matches(t, p, text))
                best = t;
        }
        if (!best) {
            p++;
            continue;
        }
        size_t length = strlen(best->text);
        if (best->kind == TERM_STEM) /* the word as written: "России", not "Росси" */
            while (word_byte((unsigned char)p[length]))
                length++;
        found(best->code, (size_t)(p - text), length, context);
        p += length;
    }
}

typedef struct {
    const char *text;
    char seen[64][3];
    size_t seen_count;
    rs_places_found found;
    void *context;
} first_mentions;

static void first_mention(const char *code, size_t start, size_t length, void *context)
{
    first_mentions *m = context;
    for (size_t i = 0; i < m->seen_count; i++)
        if (strcmp(m->seen[i], code) == 0)
            return;
    if (m->seen_count == 64)
        return;
    memcpy(m->seen[m->seen_count++], code, 3);
    char said[128];
    size_t n = length < sizeof said ? length : sizeof said - 1;
    while (n > 0 && n < length && ((unsigned char)m->text[start + n] & 0xC0) == 0x80)
        n--; /* never cut a character */
    memcpy(said, m->text + start, n);
    said[n] = '\0';
    m->found(code, said, m->context);
}

void rs_places_scan(const rs_places *places, const char *text, rs_places_found found, void *context)
{
    first_mentions m = {.text = text, .found = found, .context = context};
    rs_places_scan_all(places, text, first_mention, &m);
}
