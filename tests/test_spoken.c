/* Spoken navigation (issue 16) without a window: a fake speaker records
 * what the session says while keys alone (Up, Down, Enter, Back: a
 * four-button keypad) walk the sample corpus; the exact list of what is
 * said is asserted, in English and in Russian (its plural forms). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announce.h"
#include "builder.h"
#include "expect.h"
#include "i18n.h"
#include "session.h"
#include "speaker.h"
#include "support.h"
#include "utf8.h"

static char *scratch, *corpus_path;
static rs_bundle *corpus;
static uint64_t clock_ms;

/* What the speaker was asked to say: announcements as they are, readings
 * as "[language] text" (one entry per sentence). */
typedef struct said {
    char *items[512];
    size_t count;
    int stops;
} said;

static void record(said *log, char *text)
{
    assert_true(log->count < 512);
    log->items[log->count++] = text;
}

static void fake_read(void *context, const rs_utterance *u, size_t from, rs_speech_speed speed)
{
    assert_int_equal(speed, RS_SPEED_NORMAL);
    for (size_t i = from; i < u->count; i++)
        record(context, rs_xasprintf("[%s] %s", u->items[i].language, u->items[i].text));
}

static void fake_announce(void *context, const char *text, rs_ui_language language)
{
    assert_int_equal(language, rs_i18n_current());
    record(context, rs_xstrdup(text));
}

static void fake_pause(void *context, bool paused)
{
    (void)context, (void)paused;
}

static void fake_stop(void *context)
{
    ((said *)context)->stops++;
}

static void forget(said *log)
{
    for (size_t i = 0; i < log->count; i++)
        free(log->items[i]);
    log->count = 0;
}

static int fake_width(void *context, int style, const char *text, size_t length)
{
    (void)context, (void)style;
    int width = 0;
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        i += rs_utf8_decode(text + i, length - i, &cp);
        width += cp < 0x80 ? 10 : 20;
    }
    return width;
}

static int setup(void **state)
{
    (void)state;
    /* SPOKEN_LOCALE_DIR: catalogs with this module's strings merged, to
     * check the Russian walk before app/po has them. */
    const char *locale = getenv("SPOKEN_LOCALE_DIR");
    rs_i18n_init(locale ? locale : ROSTRUM_LOCALE_DIR);
    scratch = support_temp_dir();
    corpus_path = support_path(scratch, "corpus.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = corpus_path};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_destroy(diags);
    char error[512];
    corpus = ok ? rs_bundle_open(corpus_path, error, sizeof error) : NULL;
    return corpus ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_bundle_close(corpus);
    support_remove_tree(scratch);
    free(scratch), free(corpus_path);
    return 0;
}

static rs_session *start(said *log, rs_ui_language language)
{
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(corpus, measure, 800, 480);
    rs_session_set_language(s, language);
    char error[512];
    assert_int_equal(rs_session_open(s, "home", error, sizeof error), 0);
    clock_ms = 1000;
    if (log) {
        rs_speaker speaker = {log, fake_read, fake_announce, fake_pause, fake_stop};
        rs_session_set_speaker(s, &speaker);
    }
    return s;
}

static void press(rs_session *s, rs_key key)
{
    clock_ms += 200;
    rs_session_key(s, key, clock_ms);
    rs_session_tick(s, clock_ms);
}

static void expect_said(const said *log, const char *const *expected, size_t count)
{
    /* SPOKEN_PRINT=1: what was said, as C strings (to write the lists). */
    for (size_t i = 0; i < log->count && getenv("SPOKEN_PRINT"); i++) {
        printf("SAID \"");
        for (const char *p = log->items[i]; *p; p++)
            printf(*p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
        printf("\",\n");
    }
    for (size_t i = 0; i < count && i < log->count; i++)
        assert_string_equal(log->items[i], expected[i]);
    assert_int_equal(log->count, count);
}

/* The keys of the walk: home, Countries, China, its first statement, two
 * paragraphs down, Back, and Home from the top bar. */
static const rs_key walk_keys[] = {
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_ACTIVATE, /* Search, Dates, Countries: open it */
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_ACTIVATE,              /* Australia, Canada, China: open it */
    /* China's page: its 13 events, the 3 role filters, then its statements */
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN,
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN,
    RS_KEY_ACTIVATE,            /* the first statement: its title */
    RS_KEY_DOWN, RS_KEY_DOWN,   /* two paragraphs */
    RS_KEY_BACK,                /* China's page, on the statement left */
    RS_KEY_BACK, RS_KEY_BACK,   /* Countries on China, home on Countries */
};

static void walk(said *log, rs_ui_language language, bool spoken, const rs_key *keys, size_t count)
{
    rs_session *s = start(log, language);
    if (spoken)
        rs_session_set_spoken_navigation(s, true);
    for (size_t i = 0; i < count; i++)
        press(s, keys[i]);
    assert_int_equal(rs_session_nav(s)->depth, 1);
    rs_session_destroy(s);
    rs_i18n_set(RS_UI_EN);
}

/* The same walk in Russian, whose names sort otherwise: China is the
 * fourth row; Down past it to Norway ("1 заявление, 2 события": the few
 * form) and Up back. */
static const rs_key walk_keys_russian[] = {
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_ACTIVATE,
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_UP, RS_KEY_UP,
    RS_KEY_ACTIVATE,
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN,
    RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN, RS_KEY_DOWN,
    RS_KEY_ACTIVATE,
    RS_KEY_DOWN, RS_KEY_DOWN,
    RS_KEY_BACK, RS_KEY_BACK, RS_KEY_BACK,
};

#define WALK(keys) keys, sizeof keys / sizeof keys[0]

static const char *const walk_english[] = {
    "Spoken navigation on. Answering accusations of state hacking, 2019–2021",
    "Search, button",
    "Dates, 5 statements, button",
    "Countries and organisations, 16 in all, button",
    "Countries and organisations. 11 countries, 5 organisations. Australia, 1 event",
    "Canada, 1 event",
    "China, 5 statements, 13 events",
    "China. 5 statements, 13 events. The US Justice Department charged two Chinese nationals it said"
    " were members of the hacking group APT10 working with China's Ministry of State Security,"
    " accusing them of stealing data from companies and government agencies in the United States and"
    " about a dozen other countries over many years, 20 December 2018 (inferred), Indictment,"
    " accused, Reported breach of a Norwegian software firm",
    "The United Kingdom, together with its allies, said that the group known as APT10 had acted for"
    " China's Ministry of State Security in a sustained campaign against large IT service providers,"
    " aimed at intellectual property and commercial data in Europe, Asia and the United States, 20"
    " December 2018 (inferred), Attribution, accused, Reported breach of a Norwegian software firm",
    "The security firms Recorded Future and Rapid7 published research saying that APT10, a group they"
    " tied to China's Ministry of State Security, had broken into the network of the Norwegian"
    " software company Visma in 2018, and into a US law firm and an international clothing company, 6"
    " February 2019 (inferred), Report, accused, Reported breach of a Norwegian software firm",
    "Reuters reported, citing investigators at Recorded Future, that hackers working for Chinese"
    " intelligence had breached Visma in order to reach its clients' secrets, as part of the campaign"
    " Western governments had attributed to China in December 2018. China's foreign ministry did not"
    " answer Reuters' request for comment, 6 February 2019 (inferred), Report, accused, Reported"
    " breach of a Norwegian software firm",
    "The FBI and the US Cybersecurity and Infrastructure Security Agency warned that cyber actors"
    " linked to the People's Republic of China were trying to obtain data on vaccines, treatments and"
    " testing from US organisations doing COVID-19 research, and said the FBI was investigating, 13"
    " May 2020 (inferred), Report, accused, Accusations of hacking COVID-19 research",
    "The US Justice Department announced an indictment of two Chinese nationals, Li Xiaoyu and Dong"
    " Jiazhi, accusing them of hacking companies and organisations in the United States and ten other"
    " countries, the United Kingdom among them, partly for China's Ministry of State Security, and of"
    " probing companies that worked on COVID-19 vaccines, tests and treatments, 21 July 2020,"
    " Indictment, accused, Accusations of hacking COVID-19 research",
    "UK Foreign Secretary Dominic Raab said that the evidence announced by the United States the day"
    " before, of Chinese cyber attacks on commercial, medical and academic institutions, concerned"
    " him deeply, and that the UK would work with its allies to hold those responsible to account, 22"
    " July 2020 (inferred), Attribution, accused, Accusations of hacking COVID-19 research",
    "Microsoft released emergency security updates for Exchange Server and said that a group it calls"
    " HAFNIUM, which it assessed to be state-sponsored and operating from China, was exploiting four"
    " previously unknown flaws to reach email accounts and install malware, 2 March 2021, Disclosure,"
    " accused, Microsoft Exchange Server hack",
    "At the CyberUK conference, Foreign Secretary Dominic Raab named North Korea, Iran, Russia and"
    " China among authoritarian states that he said use digital technology for sabotage, theft,"
    " control and censorship, and pledged £22 million to help vulnerable countries defend themselves,"
    " 12 May 2021, Event, accused, Microsoft Exchange Server hack",
    "The United Kingdom, with partners, said Chinese state-backed actors were responsible for getting"
    " into computer networks through Microsoft Exchange servers early in 2021, and named China's"
    " Ministry of State Security as behind the groups known as APT40 and APT31, 19 July 2021"
    " (inferred), Attribution, accused, Microsoft Exchange Server hack",
    "The White House said the United States, joined by allies and partners, attributed the operations"
    " that exploited the Exchange Server flaws to cyber actors affiliated with China's Ministry of"
    " State Security, and accused the ministry of using criminal contract hackers, 19 July 2021,"
    " Attribution, accused, Microsoft Exchange Server hack",
    "The EU's High Representative declared, for the EU, that malicious cyber activities including the"
    " compromise of Microsoft Exchange servers had been undertaken from the territory of China,"
    " linked others to the groups known as APT40 and APT31, and urged the Chinese authorities to act"
    " against them, 19 July 2021, Attribution, accused, Microsoft Exchange Server hack",
    "The North Atlantic Council acknowledged allies' national statements attributing the Exchange"
    " Server compromise to the People's Republic of China, and called on China to keep its"
    " international commitments and act responsibly in cyberspace, 19 July 2021 (inferred),"
    " Attribution, accused, Microsoft Exchange Server hack",
    "All 5, filter, selected",
    "Speaker 5, filter",
    "Accused 5, filter",
    "China urges relevant countries to stop tarnishing China on cybersecurity, 12 February 2019"
    " (inferred), speaker, accused, Xinhua",
    "[en] China urges relevant countries to stop tarnishing China on cybersecurity",
    "[en] China Tuesday urged relevant countries to stop using the excuse of so-called cyber spying"
    " and internet hacking to tarnish its image, and to stop actions and words that harm China's"
    " interests and bilateral ties.",
    "[en] Reports alleged that hackers working for China's state security department breached the"
    " network of a Norwegian software firm, as part of a global hacking operation aimed at stealing"
    " intellectual property and corporate secrets.",
    "China. 5 statements, 13 events. China urges relevant countries to stop tarnishing China on"
    " cybersecurity, 12 February 2019 (inferred), speaker, accused, Xinhua",
    "Countries and organisations. 11 countries, 5 organisations. China, 5 statements, 13 events",
    "Answering accusations of state hacking, 2019–2021. Countries and organisations, 16 in all,"
    " button",
};

static void test_walk_english(void **state)
{
    (void)state;
    said log = {0};
    walk(&log, RS_UI_EN, true, WALK(walk_keys));
    expect_said(&log, walk_english, sizeof walk_english / sizeof walk_english[0]);
    forget(&log);
}

static const char *const walk_russian[] = {
    "Голосовая навигация включена. Ответы на обвинения в государственном хакерстве, 2019–2021",
    "Поиск, кнопка",
    "Даты, 5 заявлений, кнопка",
    "Страны и организации, всего 16, кнопка",
    "Страны и организации. 11 стран, 5 организаций. Австралия, 1 событие",
    "Европейский союз, Организация, 1 событие",
    "Иран, 1 событие",
    "Канада, 1 событие",
    "Китай, 5 заявлений, 13 событий",
    "Новая Зеландия, 1 событие",
    "Норвегия, 1 заявление, 2 события",
    "Новая Зеландия, 1 событие",
    "Китай, 5 заявлений, 13 событий",
    "Китай. 5 заявлений, 13 событий. Министерство юстиции США предъявило обвинения двум гражданам"
    " Китая, которых оно назвало членами хакерской группы APT10, работающей с Министерством"
    " государственной безопасности КНР, и обвинило их в многолетней краже данных компаний и"
    " государственных ведомств в США и ещё примерно в десятке стран, 20 декабря 2018 г."
    " (предположительно), Обвинительный акт, обвиняемая сторона, Сообщения о взломе норвежской"
    " компании-разработчика ПО",
    "Великобритания вместе с союзниками заявила, что группа, известная как APT10, действовала в"
    " интересах Министерства государственной безопасности КНР, ведя длительную кампанию против"
    " крупных поставщиков ИТ-услуг с целью получить интеллектуальную собственность и коммерческие"
    " данные в Европе, Азии и США, 20 декабря 2018 г. (предположительно), Атрибуция, обвиняемая"
    " сторона, Сообщения о взломе норвежской компании-разработчика ПО",
    "Компании по кибербезопасности Recorded Future и Rapid7 опубликовали исследование, в котором"
    " утверждалось, что связанная ими с Министерством государственной безопасности КНР группа APT10 в"
    " 2018 году проникла в сеть норвежской компании-разработчика ПО Visma, а также в сети"
    " американской юридической фирмы и международной компании по производству одежды, 6 февраля 2019"
    " г. (предположительно), Отчёт, обвиняемая сторона, Сообщения о взломе норвежской"
    " компании-разработчика ПО",
    "Агентство Reuters со ссылкой на специалистов Recorded Future сообщило, что хакеры, работающие на"
    " китайскую разведку, взломали Visma, чтобы добраться до секретов её клиентов, и что это часть"
    " кампании, которую западные правительства в декабре 2018 года приписали Китаю. МИД Китая не"
    " ответил на запрос Reuters о комментарии, 6 февраля 2019 г. (предположительно), Отчёт,"
    " обвиняемая сторона, Сообщения о взломе норвежской компании-разработчика ПО",
    "ФБР и Агентство по кибербезопасности и защите инфраструктуры США предупредили, что связанные с"
    " КНР киберсубъекты пытаются получить данные о вакцинах, лечении и тестировании у американских"
    " организаций, исследующих COVID-19, и сообщили, что ФБР ведёт расследование, 13 мая 2020 г."
    " (предположительно), Отчёт, обвиняемая сторона, Обвинения во взломе исследований COVID-19",
    "Министерство юстиции США объявило об обвинительном заключении против двух граждан Китая, Ли"
    " Сяоюя и Дун Цзячжи, обвинив их во взломе компаний и организаций в США и ещё десяти странах, в"
    " том числе в Великобритании, отчасти по заданию Министерства государственной безопасности КНР, а"
    " также в поиске уязвимостей в сетях компаний, работающих над вакцинами, тестами и лечением"
    " COVID-19, 21 июля 2020 г, Обвинительный акт, обвиняемая сторона, Обвинения во взломе"
    " исследований COVID-19",
    "Министр иностранных дел Великобритании Доминик Рааб заявил, что обнародованные накануне США"
    " доказательства китайских кибератак на коммерческие, медицинские и академические учреждения"
    " вызывают у него глубокую обеспокоенность и что Великобритания будет работать с союзниками,"
    " чтобы привлечь виновных к ответственности, 22 июля 2020 г. (предположительно), Атрибуция,"
    " обвиняемая сторона, Обвинения во взломе исследований COVID-19",
    "Microsoft выпустила экстренные обновления безопасности для Exchange Server и заявила, что"
    " группа, которую она называет HAFNIUM и считает поддерживаемой государством и действующей из"
    " Китая, использовала четыре ранее неизвестные уязвимости, чтобы получать доступ к почтовым"
    " ящикам и устанавливать вредоносные программы, 2 марта 2021 г, Раскрытие, обвиняемая сторона,"
    " Взлом серверов Microsoft Exchange",
    "На конференции CyberUK министр иностранных дел Доминик Рааб назвал Северную Корею, Иран, Россию"
    " и Китай в числе авторитарных государств, которые, по его словам, используют цифровые технологии"
    " для саботажа, краж, контроля и цензуры, и пообещал 22 миллиона фунтов на помощь уязвимым"
    " странам в защите от киберугроз, 12 мая 2021 г, Событие, обвиняемая сторона, Взлом серверов"
    " Microsoft Exchange",
    "Великобритания вместе с партнёрами заявила, что за проникновение в компьютерные сети через"
    " серверы Microsoft Exchange в начале 2021 года ответственны субъекты, поддерживаемые китайским"
    " государством, и назвала Министерство государственной безопасности КНР стоящим за группами,"
    " известными как APT40 и APT31, 19 июля 2021 г. (предположительно), Атрибуция, обвиняемая"
    " сторона, Взлом серверов Microsoft Exchange",
    "Белый дом заявил, что США вместе с союзниками и партнёрами приписывают операции с использованием"
    " уязвимостей Exchange Server киберсубъектам, связанным с Министерством государственной"
    " безопасности КНР, и обвинил это министерство в использовании наёмных хакеров-преступников, 19"
    " июля 2021 г, Атрибуция, обвиняемая сторона, Взлом серверов Microsoft Exchange",
    "Верховный представитель ЕС от имени Евросоюза заявил, что вредоносная киберактивность, включая"
    " взлом серверов Microsoft Exchange, велась с территории Китая, связал другие её случаи с"
    " группами, известными как APT40 и APT31, и призвал власти Китая принять меры, 19 июля 2021 г,"
    " Атрибуция, обвиняемая сторона, Взлом серверов Microsoft Exchange",
    "Североатлантический совет принял к сведению национальные заявления союзников, возлагающие"
    " ответственность за взлом Exchange Server на КНР, и призвал Китай соблюдать международные"
    " обязательства и действовать ответственно в киберпространстве, 19 июля 2021 г."
    " (предположительно), Атрибуция, обвиняемая сторона, Взлом серверов Microsoft Exchange",
    "Все 5, фильтр, выбран",
    "Автор заявления 5, фильтр",
    "Обвиняемая сторона 5, фильтр",
    "China urges relevant countries to stop tarnishing China on cybersecurity, 12 февраля 2019 г."
    " (предположительно), автор заявления, обвиняемая сторона, Xinhua",
    "[en] China urges relevant countries to stop tarnishing China on cybersecurity",
    "[en] China Tuesday urged relevant countries to stop using the excuse of so-called cyber spying"
    " and internet hacking to tarnish its image, and to stop actions and words that harm China's"
    " interests and bilateral ties.",
    "[en] Reports alleged that hackers working for China's state security department breached the"
    " network of a Norwegian software firm, as part of a global hacking operation aimed at stealing"
    " intellectual property and corporate secrets.",
    "Китай. 5 заявлений, 13 событий. China urges relevant countries to stop tarnishing China on"
    " cybersecurity, 12 февраля 2019 г. (предположительно), автор заявления, обвиняемая сторона,"
    " Xinhua",
    "Страны и организации. 11 стран, 5 организаций. Китай, 5 заявлений, 13 событий",
    "Ответы на обвинения в государственном хакерстве, 2019–2021. Страны и организации, всего 16,"
    " кнопка",
};

/* Russian: its words and plural forms ("5 заявлений", "1 событие", "13
 * событий"). Skipped until the catalogs have this module's strings. */
static void test_walk_russian(void **state)
{
    (void)state;
    rs_i18n_set(RS_UI_RU);
    bool merged = strcmp(_("%s, button"), "%s, button") != 0;
    rs_i18n_set(RS_UI_EN);
    if (!merged) {
        printf("the Russian catalog has no spoken-navigation strings yet: skipped\n");
        skip();
    }
    said log = {0};
    walk(&log, RS_UI_RU, true, WALK(walk_keys_russian));
    expect_said(&log, walk_russian, sizeof walk_russian / sizeof walk_russian[0]);
    forget(&log);
}

/* With the mode off the same walk says nothing (and still gets home). */
static void test_mode_off(void **state)
{
    (void)state;
    said log = {0};
    walk(&log, RS_UI_EN, false, WALK(walk_keys));
    assert_int_equal(log.count, 0);

    rs_session *s = start(&log, RS_UI_EN);
    rs_session_set_spoken_navigation(s, true);
    assert_true(rs_session_spoken_navigation(s));
    forget(&log);
    rs_session_set_spoken_navigation(s, false);
    assert_false(rs_session_spoken_navigation(s));
    press(s, RS_KEY_DOWN);
    press(s, RS_KEY_ACTIVATE);
    press(s, RS_KEY_BACK);
    static const char *const expected[] = {"Spoken navigation off"};
    expect_said(&log, expected, 1);
    rs_session_destroy(s);
    forget(&log);
}

/* Without a speaker the mode keeps its state and the keypad still works. */
static void test_no_speaker(void **state)
{
    (void)state;
    rs_session *s = start(NULL, RS_UI_EN);
    rs_session_set_spoken_navigation(s, true);
    assert_true(rs_session_spoken_navigation(s));
    for (int i = 0; i < 3; i++)
        press(s, RS_KEY_DOWN);
    press(s, RS_KEY_ACTIVATE);
    assert_int_equal(rs_session_nav(s)->depth, 2);
    assert_int_equal(rs_nav_top((rs_nav *)rs_session_nav(s))->route.kind, RS_ROUTE_COUNTRIES);
    rs_session_destroy(s);
}

/* Down from home goes through every tile and back to the first; Up the
 * other way; Enter on each opens its route (a four-button keypad). */
static void test_keypad_reaches_every_home_tile(void **state)
{
    (void)state;
    said log = {0};
    rs_session *s = start(&log, RS_UI_EN);
    rs_session_set_spoken_navigation(s, true);
    rs_screen tiles = *rs_session_screen(s);
    rs_action seen[64];
    size_t count = 0;
    for (;;) {
        press(s, RS_KEY_DOWN);
        rs_action focus = rs_session_focus(s);
        assert_int_not_equal(focus.kind, RS_ACT_NONE);
        if (count && rs_action_equal(&focus, &seen[0]))
            break;
        assert_true(count < 64);
        seen[count++] = focus;
    }
    for (size_t t = 0; t < RS_HOME_TILES; t++) {
        size_t at = count;
        for (size_t i = 0; i < count; i++)
            if (seen[i].kind == RS_ACT_ROUTE && rs_route_equal(&seen[i].route, &tiles.tiles[t].route))
                at = i;
        assert_true(at < count);
    }
    /* Up: the same stops, backwards. */
    for (size_t i = count; i-- > 0;) {
        press(s, RS_KEY_UP);
        rs_action focus = rs_session_focus(s);
        assert_true(rs_action_equal(&focus, &seen[i]));
    }
    rs_session_destroy(s);
    forget(&log);

    for (size_t t = 0; t < RS_HOME_TILES; t++) {
        s = start(&log, RS_UI_EN);
        rs_session_set_spoken_navigation(s, true);
        rs_action focus;
        size_t i = 0;
        do {
            press(s, RS_KEY_DOWN);
            focus = rs_session_focus(s);
        } while (!(focus.kind == RS_ACT_ROUTE && rs_route_equal(&focus.route, &tiles.tiles[t].route)) && ++i < count);
        press(s, RS_KEY_ACTIVATE);
        assert_int_equal(rs_session_nav(s)->depth, 2);
        assert_true(rs_route_equal(&rs_nav_top((rs_nav *)rs_session_nav(s))->route, &tiles.tiles[t].route));
        rs_session_destroy(s);
        forget(&log);
    }
}

/* A paragraph stepped to is scrolled to the top of the page: its first
 * line is drawn at the viewport's top. */
static void test_paragraph_in_view(void **state)
{
    (void)state;
    said log = {0};
    rs_session *s = start(&log, RS_UI_EN);
    char error[256];
    assert_int_equal(rs_session_open(s, "statements/xinhua-2019-02-12-stop-tarnishing-china", error, sizeof error), 0);
    rs_session_set_spoken_navigation(s, true);
    const rs_statement *st = &rs_session_screen(s)->statement;
    rs_range paragraphs[16];
    size_t n = rs_announce_paragraphs(st->body, paragraphs, 16);
    assert_true(n >= 3);
    for (size_t p = 0; p < n; p++) {
        press(s, RS_KEY_DOWN);
        rs_draw_list list = {0};
        rs_session_frame(s, clock_ms, &list);
        int top = -1;
        for (size_t i = 0; i < list.count && top < 0; i++)
            if (list.items[i].kind == RS_DRAW_TEXT && list.items[i].text == st->body + paragraphs[p].start)
                top = list.items[i].rect.y;
        rs_draw_free(&list);
        assert_true(top >= 0); /* drawn */
        if (rs_session_scroll_offset(s) > 0)
            assert_true(top < 200); /* near the viewport's top (a bar of about 60 px above it) */
    }
    assert_true(rs_session_scroll_offset(s) > 0); /* the last paragraphs needed a scroll */
    rs_session_destroy(s);
    forget(&log);
}

static void settle(rs_session *s)
{
    for (int i = 0; i < 120; i++) {
        clock_ms += 16;
        rs_session_tick(s, clock_ms);
    }
}

/* On the map Up and Down move between its targets (its countries, named
 * with their counts) instead of panning, as they do with the mode off. */
static void test_map_keys_move_focus(void **state)
{
    (void)state;
    said log = {0};
    rs_session *s = start(&log, RS_UI_EN);
    char error[256];
    assert_int_equal(rs_session_open(s, "map", error, sizeof error), 0);
    rs_draw_list list = {0};
    rs_session_frame(s, clock_ms, &list); /* the view is set at the first frame */
    press(s, RS_KEY_ZOOM_IN);             /* room to pan */
    settle(s);
    rs_session_set_spoken_navigation(s, true);
    rs_view before = rs_nav_top((rs_nav *)rs_session_nav(s))->view;
    press(s, RS_KEY_DOWN);
    press(s, RS_KEY_DOWN);
    press(s, RS_KEY_UP);
    settle(s);
    rs_view after = rs_nav_top((rs_nav *)rs_session_nav(s))->view;
    assert_memory_equal(&before, &after, sizeof before);
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_ROUTE);
    assert_int_equal(rs_session_focus(s).route.kind, RS_ROUTE_COUNTRY);
    static const char *const expected[] = {
        "Spoken navigation on. World map",
        "Russian Federation, 1 statement",
        "United States, 3 statements",
        "Russian Federation, 1 statement",
    };
    expect_said(&log, expected, sizeof expected / sizeof expected[0]);
    rs_session_set_spoken_navigation(s, false);
    press(s, RS_KEY_DOWN); /* pans */
    settle(s);
    after = rs_nav_top((rs_nav *)rs_session_nav(s))->view;
    assert_memory_not_equal(&before, &after, sizeof before);
    rs_draw_free(&list);
    rs_session_destroy(s);
    forget(&log);
}

/* The idle warning is said when it comes up, and the screen again when a
 * key dismisses it. */
static void test_countdown(void **state)
{
    (void)state;
    said log = {0};
    rs_session *s = start(&log, RS_UI_EN);
    rs_session_set_idle(s, 5000, 3000, 10000);
    rs_session_set_spoken_navigation(s, true);
    press(s, RS_KEY_DOWN);
    for (int i = 0; i < 400 && rs_session_mode_now(s) != RS_MODE_COUNTDOWN; i++) {
        clock_ms += 16;
        rs_session_tick(s, clock_ms);
    }
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    press(s, RS_KEY_DOWN); /* dismisses the warning only */
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    static const char *const expected[] = {
        "Spoken navigation on. Answering accusations of state hacking, 2019–2021",
        "Search, button",
        "Still reading? Touch the screen to continue.",
        "Answering accusations of state hacking, 2019–2021. Search, button",
    };
    expect_said(&log, expected, sizeof expected / sizeof expected[0]);
    rs_session_destroy(s);
    forget(&log);
}

/* ---- every screen of the corpus ---- */

typedef struct route_set {
    char items[400][160];
    size_t count;
} route_set;

static void add_route(route_set *set, const rs_route *route)
{
    char text[160];
    rs_route_format(route, text, sizeof text);
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i], text) == 0)
            return;
    assert_true(set->count < 400);
    snprintf(set->items[set->count++], sizeof set->items[0], "%s", text);
}

/* No announcement is empty or the words of a target with none of its own
 * ("Button"): every target the model knows has its words. */
static void expect_words(const said *log, size_t from, const char *where, rs_action_kind focus_kind)
{
    for (size_t i = from; i < log->count; i++) {
        const char *text = log->items[i];
        size_t n = strlen(text);
        if (n == 0 || strcmp(text, "Button") == 0 || (n >= 8 && strcmp(text + n - 8, ". Button") == 0))
            fail_msg("%s: said \"%s\" (focus %d)", where, text, (int)focus_kind);
    }
}

/* Down through every stop of the screen shown until the first comes
 * again, each saying something; the routes its targets open are added. */
static size_t walk_screen(rs_session *s, said *log, route_set *routes, const char *where)
{
    rs_action first = {0};
    size_t steps = 0;
    for (;; steps++) {
        assert_true(steps < 600);
        size_t before = log->count;
        press(s, RS_KEY_DOWN);
        rs_action focus = rs_session_focus(s);
        if (focus.kind != RS_ACT_NONE && first.kind == RS_ACT_NONE)
            first = focus;
        else if (focus.kind != RS_ACT_NONE && rs_action_equal(&focus, &first))
            break;
        if (log->count == before)
            fail_msg("%s: Down to stop %zu said nothing", where, steps);
        expect_words(log, before, where, focus.kind);
        const rs_screen *screen = rs_session_screen(s);
        if (focus.kind == RS_ACT_ROUTE)
            add_route(routes, &focus.route);
        else if (focus.kind == RS_ACT_ROW && screen->kind == RS_SCREEN_LIST && rs_screen_item(screen, focus.index)) {
            rs_route route = {.kind = RS_ROUTE_STATEMENT};
            snprintf(route.slug, sizeof route.slug, "%s", rs_screen_item(screen, focus.index)->slug);
            add_route(routes, &route);
        }
    }
    return steps;
}

static bool refuse_pin(void *context, const char *pin)
{
    (void)context, (void)pin;
    return false;
}

static void test_every_target_has_words(void **state)
{
    (void)state;
    said log = {0};
    route_set *routes = rs_xcalloc(1, sizeof *routes);
    const char *const starts[] = {"home", "search", "search/hackers", "timeline", "map", "dates/undated"};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        snprintf(routes->items[routes->count++], sizeof routes->items[0], "%s", starts[i]);
    rs_session *s = start(&log, RS_UI_EN);
    rs_session_set_spoken_navigation(s, true);
    size_t stops = 0;
    for (size_t done = 0; done < routes->count; done++) {
        char error[512];
        assert_int_equal(rs_session_open(s, routes->items[done], error, sizeof error), 0);
        stops += walk_screen(s, &log, routes, routes->items[done]);
        forget(&log);
    }
    /* The staff's PIN pad: its keys say their digits. */
    rs_session_set_admin(s, 3000, refuse_pin, NULL);
    press(s, RS_KEY_ADMIN);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_PIN);
    stops += walk_screen(s, &log, routes, "PIN pad");
    static const char *const pin_pad[] = {
        "Staff only: enter the PIN. Cancel, button", "1", "2", "3", "4", "5", "6", "7", "8", "9",
        "Clear, button", "0", "OK, button", "Cancel, button", "1", /* round to the first Down */
    };
    expect_said(&log, pin_pad, sizeof pin_pad / sizeof pin_pad[0]);
    printf("%zu screens, %zu stops, each with its words\n", routes->count, stops);
    assert_true(routes->count > 40);
    rs_session_destroy(s);
    forget(&log);
    free(routes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_english),
        cmocka_unit_test(test_walk_russian),
        cmocka_unit_test(test_mode_off),
        cmocka_unit_test(test_no_speaker),
        cmocka_unit_test(test_keypad_reaches_every_home_tile),
        cmocka_unit_test(test_paragraph_in_view),
        cmocka_unit_test(test_map_keys_move_focus),
        cmocka_unit_test(test_countdown),
        cmocka_unit_test(test_every_target_has_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
