/* rostrum-bundle import (db/import/): dates in every form, the furniture
 * rules, language, the exact draft and report for a seed page, each bad
 * input's one line (and nothing left in the folder), never overwriting, and
 * the builder accepting the drafts as they are. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chrome.h"
#include "dates.h"
#include "language.h"
#include "outlets.h"
#include "page.h"
#include "places.h"
#include "roles.h"
#include "support.h"

#define PAGES ROSTRUM_FIXTURES "/import/pages"

static void date_is(const char *text, const char *value, const char *said)
{
    rs_date_found full, partial;
    bool found = rs_dates_find(text, &full, &partial);
    if (value[0]) {
        assert_true(found);
        assert_string_equal(full.value, value);
        assert_string_equal(full.said, said);
    } else {
        assert_false(found);
        assert_string_equal(partial.said, said);
    }
}

static void test_date_forms(void **state)
{
    (void)state;
    date_is("Published 20 July 2021 in London", "2021-07-20", "20 July 2021");
    date_is("July 20, 2021", "2021-07-20", "July 20, 2021");
    date_is("2021年7月20日，外交部", "2021-07-20", "2021年7月20日");
    date_is("20 июля 2021 г.", "2021-07-20", "20 июля 2021 г.");
    date_is("12 марта 2019, 10:05", "2019-03-12", "12 марта 2019, 10:05");
    date_is("Source: Xinhua| 2021-07-20 19:39:21|Editor: huaxia", "2021-07-20", "2021-07-20 19:39:21");
    date_is("Source:Xinhua Published: 2019/2/13 9:15:25", "2019-02-13", "2019/2/13 9:15:25");
    date_is("Дата: 20.07.2021", "2021-07-20", "20.07.2021");
    date_is("in March 2021 the", "2021-03", "March 2021");
    /* A day or a month without a year is found but never completed. */
    date_is("LONDON, July 20 (Xinhua) --", "", "July 20");
    date_is("新华社北京7月20日电", "", "7月20日");
    date_is("said on Thursday", "", "Thursday");
    /* Not dates: 30 February, a year out of range, a number in a word. */
    date_is("on 30 February 2021", "", "");
    date_is("CVE-2021-3010-99", "", "");

    rs_date_found found;
    assert_true(rs_dates_from_url("https://www.fmprc.gov.cn/web/fyrbt_673021/t20190312_5555.shtml", &found));
    assert_string_equal(found.value, "2019-03-12");
    assert_true(rs_dates_from_url("http://www.xinhuanet.com/english/2019/0312/c_137.htm", &found));
    assert_string_equal(found.value, "2019-03-12");
    assert_true(rs_dates_from_url("https://example.org/news/201903/x.html", &found));
    assert_string_equal(found.value, "2019-03");
    assert_true(rs_dates_from_url("https://example.org/2021/07/20/remarks", &found));
    assert_string_equal(found.value, "2021-07-20");
    assert_false(rs_dates_from_url("https://example.org/statement/12345", &found));
}

static void judged(const char *line, rs_chrome_verdict verdict, const char *reason)
{
    size_t keep;
    const char *why;
    assert_int_equal(rs_chrome_judge(line, strlen(line), &keep, &why), verdict);
    if (reason)
        assert_string_equal(why, reason);
}

static void test_chrome_lines(void **state)
{
    (void)state;
    judged("Suggest to a Friend", RS_CHROME_DROP, "share link");
    judged("Home\xC2\xA0>\xC2\xA0Press and Media Service\xC2\xA0>\xC2\xA0" "Embassy Spokesperson's Remarks", RS_CHROME_DROP,
           "breadcrumb");
    judged("Source: Xinhua| 2021-07-20 19:39:21|Editor: huaxia", RS_CHROME_DROP, "source and time stamp");
    judged("Chinese Foreign Ministry spokesperson Hua Chunying. Photo: VCG", RS_CHROME_DROP, "photo caption");
    judged("Posted in: DIPLOMACY", RS_CHROME_DROP, "category line");
    judged("blog comments powered by Disqus", RS_CHROME_DROP, "comments widget");
    judged("Embassy of the People's Republic of China in the United Kingdom of Great Britain and Northern Ireland All "
           "Rights Reserved", RS_CHROME_DROP, "copyright footer");
    judged("【打印】", RS_CHROME_DROP, "print link");
    judged("Версия для печати", RS_CHROME_DROP, "print link");
    judged("By John Smith", RS_CHROME_UNSURE, "byline?");
    judged("Читайте также:", RS_CHROME_DROP, "related links");
    judged("扫一扫在手机打开当前页", RS_CHROME_DROP, "share link");
    judged("The UK side should print the facts and share them with all.", RS_CHROME_KEEP, NULL);
    size_t keep;
    const char *why;
    const char *end = "the spokesperson said. Enditem";
    assert_int_equal(rs_chrome_judge(end, strlen(end), &keep, &why), RS_CHROME_KEEP);
    assert_int_equal(keep, strlen("the spokesperson said."));
}

static void test_language_and_places(void **state)
{
    (void)state;
    rs_language *language = rs_language_create(NULL);
    char tag[32], how[128];
    const char *zh = "外交部发言人赵立坚在例行记者会上表示，美方的指责毫无根据。";
    const char *ru = "Официальный представитель МИД России Мария Захарова заявила, что обвинения безосновательны.";
    const char *en = "The spokesperson said that the accusations against China were groundless and irresponsible.";
    rs_language_guess(language, zh, strlen(zh), tag, sizeof tag, how, sizeof how);
    assert_string_equal(tag, "zh-Hans");
    rs_language_guess(language, ru, strlen(ru), tag, sizeof tag, how, sizeof how);
    assert_string_equal(tag, "ru");
    rs_language_guess(language, en, strlen(en), tag, sizeof tag, how, sizeof how);
    assert_string_equal(tag, "en");
    rs_language_destroy(language);

    rs_outlet_found outlet;
    assert_true(rs_outlets_by_url("https://english.news.cn/20210720/abc/c.html", &outlet));
    assert_string_equal(outlet.name, "Xinhua");
    assert_true(rs_outlets_by_credit("新华社北京7月20日电", &outlet));
    assert_string_equal(outlet.name, "Xinhua");
    assert_false(rs_outlets_by_url("https://unknown.example/x", &outlet));
}

static void collect(const char *code, const char *said, void *context)
{
    char *out = context;
    (void)said;
    strcat(out, code);
    strcat(out, " ");
}

static void test_countries(void **state)
{
    (void)state;
    rs_places *places = rs_places_create(NULL, NULL);
    char found[256] = "";
    rs_places_scan(places, "British and American officials met in North Korea; Britain's envoy said", collect, found);
    assert_string_equal(found, "GB US KP ");
    found[0] = '\0';
    rs_places_scan(places, "中方敦促美国和英国停止抹黑，印度尼西亚", collect, found);
    assert_string_equal(found, "CN US GB ID ");
    found[0] = '\0';
    rs_places_scan(places, "МИД России осудил действия США и британской разведки", collect, found);
    assert_string_equal(found, "RU US GB ");
    rs_places_destroy(places);
}

/* Runs the tool in dir; returns its status and output (caller frees). */
static int import(const char *dir, const char *arguments, char **output)
{
    char command[4096];
    snprintf(command, sizeof command, "cd '%s' && '%s' import %s", dir, ROSTRUM_BUNDLE_TOOL, arguments);
    return support_run(command, output);
}

static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void test_seed_draft_and_report(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *output;
    assert_int_equal(import(dir, "'" PAGES "/seed-001.txt' -o .", &output), 0);
    assert_string_equal(output,
                        PAGES "/seed-001.txt -> ./xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer.txt: "
                        "language en; date 2021-07-20; outlet Xinhua; speaker Unnamed spokesperson; countries GB CN US; "
                        "8 paragraphs, 1 line dropped; CHECK: speaker, speaker_role, kind, 3 countries' roles\n");
    free(output);
    char *path = support_path(dir, "xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer.txt");
    char *draft = support_read_file(path, NULL);
    char *expected = support_read_file(ROSTRUM_FIXTURES "/import/expected/seed-001.draft", NULL);
    assert_non_null(draft);
    assert_non_null(expected);
    assert_string_equal(draft, expected);
    free(draft);
    free(expected);

    /* Again: a new id, the first draft untouched. */
    assert_int_equal(import(dir, "'" PAGES "/seed-001.txt' -o .", &output), 0);
    assert_non_null(strstr(output, "-> ./xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer-2.txt: "));
    free(output);
    assert_int_equal(files_in(dir), 2);
    free(path);
    support_remove_tree(dir);
    free(dir);
}

static void bad_input(const char *name, const char *data, size_t size, const char *expected)
{
    char *dir = support_temp_dir();
    char *out = support_path(dir, "out");
    assert_int_equal(mkdir(out, 0755), 0);
    char *path = support_path(dir, name);
    support_write_file(path, data, size);
    char arguments[1024], *output;
    snprintf(arguments, sizeof arguments, "%s -o out", name);
    assert_int_equal(import(dir, arguments, &output), 1);
    assert_string_equal(output, expected);
    assert_int_equal(files_in(out), 0);
    free(output);
    free(path);
    free(out);
    support_remove_tree(dir);
    free(dir);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    bad_input("empty.txt", "", 0, "empty.txt: the file is empty (nothing to import)\n");
    bad_input("blank.txt", " \n\n\t\n", 5, "blank.txt: the file is empty (nothing to import)\n");
    bad_input("image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16,
              "image.txt: not text: a NUL byte at byte offset 8 (is it a binary file?)\n");
    bad_input("latin1.txt", "Caf\xe9 au lait.\n", 14,
              "latin1.txt: invalid UTF-8 at byte offset 3 (save the page as UTF-8)\n");
    bad_input("latin1.html", "<html><body><p>Caf\xe9</p></body></html>", 36,
              "latin1.html: invalid UTF-8 at byte offset 18 (the page declares no charset; save the page as UTF-8)\n");
    bad_input("page.pdf", "%PDF-1.4", 8,
              "page.pdf: unknown extension '.pdf' (import reads .txt, .html, .htm, .json and .md)\n");
    bad_input("menu.txt", "Home\nNews\nContact\n", 18,
              "menu.txt: no statement text left once the page furniture was dropped (nothing written)\n");
    /* Found by mutating the fixture pages: the builder refuses control
     * characters and a body with no words, so the importer does first. */
    bad_input("form-feed.txt", "Title\n\nA sentence.\fAnother.\n", 28,
              "form-feed.txt: control character 0x0C at byte offset 18 (is this a text file?)\n");
    bad_input("escaped.json", "{\"title\": \"T\", \"text\": \"A sentence.\\u0001\"}", 43,
              "escaped.json: control character 0x01 in the page's text (is this a text file?)\n");
    bad_input("comma.txt", ",\n", 2, "comma.txt: no statement text left once the page furniture was dropped (nothing "
                                     "written)\n");
    bad_input("number.json", "42", 2,
              "number.json: not a JSON object (import reads a record, or an array of records)\n");

    /* 50 MB: refused by its size, before it is read. */
    char *dir = support_temp_dir();
    char *big = support_path(dir, "big.html");
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 50 * 1024 * 1024), 0);
    close(fd);
    char *output;
    assert_int_equal(import(dir, "big.html -o .", &output), 1);
    assert_string_equal(output, "big.html: is 52,428,800 bytes; the limit is 16,777,216 bytes (16 MB) (a page is one "
                                "statement: save only its text)\n");
    free(output);
    assert_int_equal(files_in(dir), 1);
    free(big);
    support_remove_tree(dir);
    free(dir);
}

/* Text after "\n---\n\n": a draft's body. */
static const char *body_of(const char *draft)
{
    const char *end = strstr(draft + 4, "\n---\n\n");
    assert_non_null(end);
    return end + 6;
}

static char *draft_named(const char *dir, const char *name)
{
    char *path = support_path(dir, name);
    char *text = support_read_file(path, NULL);
    assert_non_null(text);
    free(path);
    return text;
}

/* Every fixture page at once: the report lines, exactly (the folder's
 * name replaced by OUT). */
static void test_report_lines(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char command[4096], *output;
    snprintf(command, sizeof command, "export LC_ALL=C; cd '%s' && '%s' import * --urls ../urls.tsv -o '%s' | sed 's|%s|OUT|'", PAGES,
             ROSTRUM_BUNDLE_TOOL, dir, dir);
    assert_int_equal(support_run(command, &output), 0);
    char *expected = support_read_file(ROSTRUM_FIXTURES "/import/expected/report.txt", NULL);
    assert_non_null(expected);
    assert_string_equal(output, expected);
    free(expected);
    free(output);
    assert_int_equal(files_in(dir), 12);

    /* HTML in GB2312, read in its declared charset: the article only, the
     * site's title suffix, scripts, the share bar, the footer and the
     * agency's end mark gone; a date from the metadata has a note. */
    char *draft = draft_named(dir, "xinhua-2021-07-20.txt");
    assert_non_null(strstr(draft, "\ntitle: \"外交部：美方应停止对中国的网络攻击指责\"  # from <h1>\n"));
    assert_non_null(strstr(draft, "\ndate: 2021-07-20  # from meta article:published_time: \"2021-07-20T18:32:10+08:00\"\n"
                                  "date_note: \"Not printed in the text; from the page's meta article:published_time "
                                  "(2021-07-20T18:32:10+08:00).\"\n"));
    assert_string_equal(body_of(draft),
                        "新华社北京7月20日电 外交部发言人华春莹20日表示，美方联合一些国家在网络安全问题上对中国进行无端指责，中方对此坚决反对。\n\n"
                        "华春莹说，美国才是全球最大的网络攻击来源国，长期对包括中国在内的世界各国进行大规模网络窃密和监听。\n\n"
                        "她表示，中方敦促美方停止污蔑抹黑，停止对中国的网络攻击。\n");
    free(draft);

    /* HTML with <main>: nav, breadcrumbs, the date line, the caption, the
     * template heading, the share bar and the footer dropped. */
    draft = draft_named(dir, "govuk-2021-07-19-uk-and-allies-hold-chinese-state.txt");
    assert_string_equal(body_of(draft),
                        "The UK is joining likeminded partners to confirm that Chinese state-backed actors were responsible "
                        "for gaining access to computer networks via Microsoft Exchange servers.\n\n"
                        "Foreign Secretary Dominic Raab said:\n\n"
                        "The cyber attack on Microsoft Exchange Server by Chinese state-backed groups was a reckless but "
                        "familiar pattern of behaviour.\n\n"
                        "The Chinese Government must end this systematic cyber sabotage and can expect to be held to "
                        "account if it does not.\n\n"
                        "The attack was attributed with the European Union, the United States, Australia, Canada, New "
                        "Zealand and Japan.\n");
    free(draft);

    /* A JSON record: the text field unescaped (\u00ab, \n\n). */
    draft = draft_named(dir, "mid-2021-07-20.txt");
    assert_non_null(strstr(body_of(draft), "\n\n«Лондон вновь прибегает к голословным обвинениям», — подчеркнула она.\n\n"));
    assert_non_null(strstr(draft, "\nspeaker: \"Мария Захарова\"  # from \"Официальный представитель МИД России Мария...\"\n"));
    free(draft);

    /* Markdown: the front matter's fields, the heading taken as the title,
     * escapes, emphasis and link targets undone, wrapped lines joined. */
    draft = draft_named(dir, "embassy-2021-07-19-spokespersons-remarks-on-the-us-accusation.txt");
    assert_string_equal(body_of(draft),
                        "Question: The US and its allies accused China of malicious cyber activities. What is your comment?\n\n"
                        "Embassy Spokesperson Liu Pengyu: The US has ganged up with its allies to make *groundless* "
                        "accusations against China on cybersecurity. This is a smear out of political motives, and China "
                        "firmly opposes it.\n\n"
                        "The US is the world's largest source of cyber attacks, as the PRISM program shows. We urge the US "
                        "to stop smearing China.\n");
    free(draft);

    /* A weekday without a date: never completed; the date stays empty
     * and the note says what the text says. */
    draft = draft_named(dir, "statement-china-firmly-opposed-the-uks-irresponsible.txt");
    assert_non_null(strstr(draft, "\n# date:  # CHECK: a day or month without a year: not completed (see date_note)\n"
                                  "# date_note:  # CHECK: the text says \"Thursday\" (line 1) and no year: write the "
                                  "date and where it comes from\n"));
    free(draft);

    /* Hard-wrapped Russian text joined into its two paragraphs. */
    draft = draft_named(dir, "tass-2019-03-12.txt");
    assert_non_null(strstr(body_of(draft), "Дмитрий Песков назвал голословными обвинения Вашингтона в причастности России к "
                                           "кибератакам на американские компании. Об этом он заявил журналистам во вторник.\n\n"));
    free(draft);
    support_remove_tree(dir);
    free(dir);
}

static void test_usage_errors(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *output;
    assert_int_equal(import(dir, "a.txt b.txt --url https://example.org/x -o .", &output), 2);
    assert_string_equal(output, "rostrum-bundle import: --url gives one page's address, but 2 files were given (use --urls)\n");
    free(output);
    assert_int_equal(import(dir, "'" PAGES "/seed-001.txt' -o no-such-folder", &output), 2);
    assert_string_equal(output, "rostrum-bundle import: no-such-folder: cannot open the output folder: No such file or "
                                "directory (create it first)\n");
    free(output);
    assert_int_equal(files_in(dir), 0);
    support_remove_tree(dir);
    free(dir);
}

/* Found by the held-out pages: a site's name above the headline is not the
 * title, 北爱尔兰 is the United Kingdom (not Ireland), and an agency's
 * "Reporting by ...; Editing by ..." and trust line are furniture. */
static void test_held_out_findings(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *output;
    assert_int_equal(import(dir, "'" ROSTRUM_FIXTURES "/import/heldout/pages/zh-embassy.txt' --url "
                                 "http://www.chinese-embassy.org.uk/chn/dshd/t1797669.htm -o .", &output), 0);
    assert_string_equal(output, ROSTRUM_FIXTURES "/import/heldout/pages/zh-embassy.txt -> ./embassy-2020-07-14.txt: "
                                "language zh-Hans; date 2020-07-14; outlet Embassy of the People's Republic of China in "
                                "the United Kingdom; speaker Unnamed spokesperson; countries GB CN; 2 paragraphs, 7 lines "
                                "dropped; CHECK: speaker, speaker_role, kind, 2 countries' roles\n");
    free(output);
    char *draft = draft_named(dir, "embassy-2020-07-14.txt");
    assert_non_null(strstr(draft, "\ntitle: \"驻英国使馆发言人就英方涉华网络攻击言论答记者问\"  # from line 6\n"));
    free(draft);
    assert_int_equal(import(dir, "'" ROSTRUM_FIXTURES "/import/heldout/pages/en-reuters.html' -o .", &output), 0);
    free(output);
    draft = draft_named(dir, "reuters-2018-12-21-china-denies-u-s-hacking-charges.txt");
    assert_null(strstr(draft, "Reporting by"));
    assert_null(strstr(draft, "Trust Principles"));
    assert_non_null(strstr(draft, "\n\nBritain, Australia, Japan and New Zealand had joined Washington in condemning the "
                                  "hacking.\n"));
    free(draft);
    /* Found by the second set of held-out pages: a date printed under the
     * headline beats one inside a sentence of the article (an event's). */
    assert_int_equal(import(dir, "'" ROSTRUM_FIXTURES "/import/heldout/pages/en-state-heavy.html' --url "
                                 "https://www.state.gov/attribution/ -o .", &output), 0);
    free(output);
    draft = draft_named(dir, "state-2022-05-10-attribution-of-russias-malicious-cyber-activity.txt");
    assert_non_null(strstr(draft, "\ndate: 2022-05-10  # from the page's text outside the article: \"May 10, 2022\"\n"));
    free(draft);
    support_remove_tree(dir);
    free(dir);
}

/* A body the builder would refuse is said in the report, in its words. */
static void test_body_over_the_limit(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    size_t size = 1100 * 1000;
    char *text = malloc(size);
    assert_non_null(text);
    for (size_t i = 0; i < size; i++)
        text[i] = i % 100 == 99 ? '.' : i % 100 == 0 && i ? ' ' : 'a';
    memcpy(text, "Headline\n\n", 10);
    char *path = support_path(dir, "long.txt");
    support_write_file(path, text, size);
    char *output;
    assert_int_equal(import(dir, "long.txt -o .", &output), 0);
    assert_non_null(strstr(output, ", the body is 1,099,990 characters; the limit is 1,048,576\n"));
    free(output);
    free(path);
    free(text);
    support_remove_tree(dir);
    free(dir);
}

/* The drafts of the five seeds build as they are. */
static void test_builder_accepts_drafts(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *output;
    assert_int_equal(import(dir, "'" PAGES "'/seed-00[0-4].txt -o .", &output), 0);
    free(output);
    assert_int_equal(files_in(dir), 5);
    /* and every other fixture page, and a page cut off mid-sentence (a
     * draft with partial: true) */
    assert_int_equal(import(dir, "'" PAGES "'/[erz]*-* --urls '" PAGES "/../urls.tsv' -o .", &output), 0);
    free(output);
    support_write_text(dir, "cut.txt", "A statement that stops in the middle of a sentence and never\n");
    assert_int_equal(import(dir, "cut.txt -o .", &output), 0);
    assert_non_null(strstr(output, "CHECK: title, date, outlet, speaker, kind, partial"));
    free(output);
    char *cut = support_path(dir, "cut.txt");
    assert_int_equal(unlink(cut), 0);
    free(cut);
    assert_int_equal(files_in(dir), 13);
    support_write_text(dir, "bundle.yaml", "title: Drafts\n");
    char command[4096];
    snprintf(command, sizeof command, "'%s' build '%s' -o '%s/drafts.sqlite'", ROSTRUM_BUNDLE_TOOL, dir, dir);
    int status = support_run(command, &output);
    if (status != 0)
        fprintf(stderr, "%s", output);
    assert_int_equal(status, 0);
    free(output);
    support_remove_tree(dir);
    free(dir);
}


/* iso-codes' Chinese and Russian names find countries the project's table
 * lacks; "中非" (China-Africa) and "Того" ("of that") are no countries. */
static void test_translated_countries(void **state)
{
    (void)state;
    rs_places *places = rs_places_create(NULL, NULL);
    char found[256] = "";
    rs_places_scan(places, "捷克和斯洛伐克指责中国，匈牙利外长访华。中非合作论坛", collect, found);
    assert_string_equal(found, "CZ SK CN HU ");
    found[0] = '\0';
    rs_places_scan(places, "Того же мнения власти Молдавии, Словакии и Венгрии; Чад", collect, found);
    assert_string_equal(found, "MD SK HU TD ");
    rs_places_destroy(places);
}

static void roles_are(const rs_places *places, const char *text, const char *codes, const char *expected)
{
    rs_role_guess guesses[8];
    size_t n = 0;
    for (size_t c = 0; c + 2 <= strlen(codes); c += 3, n++) {
        memcpy(guesses[n].code, codes + c, 2);
        guesses[n].code[2] = '\0';
    }
    rs_roles_guess(places, text, 0, guesses, n);
    char got[2048] = "";
    for (size_t i = 0; i < n; i++) {
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s %s %s\n", guesses[i].code, guesses[i].role,
                 guesses[i].evidence ? guesses[i].evidence : "-");
        free(guesses[i].evidence);
    }
    assert_string_equal(got, expected);
}

static void test_roles(void **state)
{
    (void)state;
    rs_places *places = rs_places_create(NULL, NULL);
    roles_are(places, "The United States, joined by the United Kingdom, attributes the attack to Russia.", "US GB RU",
              "US accuser \"The United States, joined by the United Kingdom, attributes the attack to Russia.\" (paragraph 1)\n"
              "GB accuser \"The United States, joined by the United Kingdom, attributes the attack to Russia.\" (paragraph 1)\n"
              "RU accused \"The United States, joined by the United Kingdom, attributes the attack to Russia.\" (paragraph 1)\n");
    roles_are(places, "Hello.\n\nThe accusation against China by the UK side is slander. Japan agreed.", "CN GB JP",
              "CN accused \"The accusation against China by the UK side is slander.\" (paragraph 2)\n"
              "GB accuser \"The accusation against China by the UK side is slander.\" (paragraph 2)\n"
              "JP mentioned -\n");
    roles_are(places, "China was accused by the US.", "CN US",
              "CN mentioned -\nUS accuser \"China was accused by the US.\" (paragraph 1)\n");
    roles_are(places, "美方联合一些国家在网络安全问题上对中国进行无端指责。", "US CN",
              "US accuser \"美方联合一些国家在网络安全问题上对中国进行无端指责。\" (paragraph 1)\n"
              "CN accused \"美方联合一些国家在网络安全问题上对中国进行无端指责。\" (paragraph 1)\n");
    roles_are(places, "Вопрос: как Вы прокомментируете обвинения Лондона в причастности России к кибератакам?", "GB RU",
              "GB accuser \"Вопрос: как Вы прокомментируете обвинения Лондона в причастности России к кибератакам?\" (paragraph 1)\n"
              "RU accused \"Вопрос: как Вы прокомментируете обвинения Лондона в причастности России к кибератакам?\" (paragraph 1)\n");
    /* Accusing in one sentence and accused in another: not guessed. */
    roles_are(places, "Britain accused China. The accusation against Britain was denied. 英国的指责。", "GB CN",
              "GB mentioned accuser by \"Britain accused China.\" (paragraph 1), accused by \"The accusation against Britain "
              "was denied.\" (paragraph 1): which?\n"
              "CN accused \"Britain accused China.\" (paragraph 1)\n");
    /* Against without an accusation is no role: the victim of an attack. */
    roles_are(places, "Attacks against Norway came from abroad.", "NO", "NO mentioned -\n");
    rs_places_destroy(places);
}

/* A JSON array: one draft per record; a bad record is refused alone. */
static void test_json_array(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    support_write_text(dir, "many.json",
                       "[{\"title\": \"First statement\", \"date\": \"2021-07-20\", \"text\": \"We firmly oppose the groundless accusation and urge them to stop it.\"},\n"
                       " {\"title\": \"Second statement\", \"text\": \"The British side must stop making these groundless accusations at once.\"},\n"
                       " {\"title\": \"No text\"}]\n");
    char *output;
    assert_int_equal(import(dir, "many.json -o . 2>&1 | LC_ALL=C sort", &output), 0);
    assert_string_equal(output,
                        "many.json record 3: no text field in the record (expected one of: text, body, content, article, "
                        "fulltext, html)\n"
                        "many.json#1 -> ./statement-2021-07-20-first-statement.txt: language en; date 2021-07-20 (not "
                        "printed: see date_note); outlet none; speaker none; countries none; 1 paragraph, 0 lines dropped; "
                        "CHECK: outlet, speaker, kind\n"
                        "many.json#2 -> ./statement-second-statement.txt: language en; date none; outlet none; speaker none; "
                        "countries GB; 1 paragraph, 0 lines dropped; CHECK: date, outlet, speaker, kind, 1 country's "
                        "role\n");
    free(output);
    char *draft = draft_named(dir, "statement-second-statement.txt");
    assert_non_null(strstr(draft, "# A draft by rostrum-bundle import from many.json record 2: look at every CHECK.\n"));
    free(draft);
    assert_int_equal(files_in(dir), 3);
    support_remove_tree(dir);
    free(dir);
}

/* --incidents: proposed by the name's words within the incident's span;
 * a match whose date is outside it is said but not proposed. */
static void test_incidents(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *output;
    assert_int_equal(import(dir, "'" PAGES "/seed-001.txt' '" PAGES "/seed-003.txt' '" PAGES "/zh-mfa.txt' -o . "
                                 "--incidents '" ROSTRUM_FIXTURES "/import/incidents.yaml' --report report.tsv", &output), 0);
    assert_non_null(strstr(output, "seed-001.txt -> ./xinhua-2021-07-20-britains-cyberattack-accusation-against-china-"
                                   "sheer.txt: language en; date 2021-07-20; outlet Xinhua; speaker Unnamed spokesperson; "
                                   "countries GB CN US; 8 paragraphs, 1 line dropped; CHECK: speaker, speaker_role, kind, "
                                   "incidents, 3 countries' roles\n"));
    free(output);
    char *draft = draft_named(dir, "xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer.txt");
    assert_non_null(strstr(draft, "\nincidents: [microsoft-exchange-server-hack-2021]  # CHECK: matched \"Exchange\", "
                                  "\"Microsoft\", \"servers\" in paragraph 2\n---\n"));
    free(draft);
    draft = draft_named(dir, "xinhua-2019-02-13-china-urges-relevant-countries-to-stop.txt");
    assert_non_null(strstr(draft, "\nincidents: [norwegian-software-firm-breach-2019]  # CHECK: matched \"Norwegian\", "
                                  "\"software\", \"firm\" in paragraph 2\n"));
    free(draft);
    draft = draft_named(dir, "mfa-2021-07-20.txt"); /* names no incident: no slug is made up */
    assert_null(strstr(draft, "incidents"));
    free(draft);
    /* The same words on a page dated before the incident. */
    support_write_text(dir, "early.txt", "Microsoft Exchange servers\n\n1 January 2020\n\nThe attack on the Exchange servers was not "
                       "ours, and we firmly reject the accusation made against us.\n");
    assert_int_equal(import(dir, "early.txt -o . --incidents '" ROSTRUM_FIXTURES "/import/incidents.yaml'", &output), 0);
    free(output);
    draft = draft_named(dir, "statement-2020-01-01-microsoft-exchange.txt");
    assert_non_null(strstr(draft, "\n# incidents:  # CHECK: microsoft-exchange-server-hack-2021: matched \"Exchange\", "
                                  "\"Microsoft\", \"servers\" in the title, but the page's date 2020-01-01 is before the "
                                  "incident\n"));
    free(draft);
    support_write_text(dir, "bad.yaml", "- slug: Not A Slug\n");
    assert_int_equal(import(dir, "early.txt -o . --incidents bad.yaml", &output), 2);
    assert_non_null(strstr(output, "rostrum-bundle import: --incidents: bad.yaml:1: "));
    free(output);
    support_remove_tree(dir);
    free(dir);
}

static char *body_text_of(const char *dir, const char *name)
{
    char *draft = draft_named(dir, name);
    char *body = strdup(body_of(draft));
    free(draft);
    return body;
}

/* --existing: ids unique against the folder; same_as for the same text
 * (white space folded) or 90 % of sentences; another language: nothing. */
static void test_existing(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *existing = support_path(dir, "existing");
    char *out = support_path(dir, "out");
    assert_int_equal(mkdir(existing, 0755), 0);
    assert_int_equal(mkdir(out, 0755), 0);
    char *output;
    assert_int_equal(import(dir, "'" PAGES "/seed-001.txt' '" PAGES "/zh-mfa.txt' -o out", &output), 0);
    free(output);
    char *body = body_text_of(out, "xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer.txt");
    char text[16384];
    /* re-wrapped: every space of the first paragraph a line break */
    char *rewrapped = strdup(body);
    for (char *p = rewrapped; *p && !(p[0] == '\n' && p[1] == '\n'); p++)
        if (*p == ' ')
            *p = '\n';
    snprintf(text, sizeof text, "---\nid: xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer\n"
             "title: Curated\ndate: 2021-07-20\nlanguage: en\n---\n\n%s", rewrapped);
    support_write_text(existing, "curated.txt", text);
    free(rewrapped);
    free(body);
    /* a page of twelve sentences, and a statement with the last one changed */
    static const char *const said[] = {
        "The spokesperson said the accusation was groundless.", "China firmly opposes all forms of cyber attacks.",
        "We urge the countries concerned to stop smearing China.", "Cyberspace is highly virtual and hard to trace.",
        "Evidence must be presented before any conclusion is drawn.", "The allegations were made without any proof.",
        "China is itself a main victim of cyber attacks.", "We call for dialogue instead of confrontation.",
        "The international community should work together on these issues.",
        "Politicising technical issues helps nobody.", "We will take the necessary measures to protect our interests.",
        "The spokesperson ended the briefing at noon."};
    char page[4096] = "A dozen sentences\n\n", near[4096] = "---\nid: near\ntitle: Near\nlanguage: en\n---\n\n";
    for (int i = 0; i < 12; i++) {
        snprintf(page + strlen(page), sizeof page - strlen(page), "%s ", said[i]);
        snprintf(near + strlen(near), sizeof near - strlen(near), "%s ", i < 11 ? said[i] : "The briefing ended.");
    }
    support_write_text(dir, "dozen.txt", page);
    support_write_text(existing, "near.txt", near);
    /* the Chinese page's very words, but said to be in English: a
     * statement in another language is never the same_as */
    body = body_text_of(out, "mfa-2021-07-20.txt");
    snprintf(text, sizeof text, "---\nid: translated\ntitle: T\nlanguage: en\n---\n\n%s", body);
    support_write_text(existing, "translated.txt", text);
    free(body);
    support_remove_tree(out);
    assert_int_equal(mkdir(out, 0755), 0);
    assert_int_equal(import(dir, "'" PAGES "/seed-001.txt' dozen.txt '" PAGES "/zh-mfa.txt' -o out "
                                 "--existing existing", &output), 0);
    assert_non_null(strstr(output, " -> out/xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer-2.txt: "));
    assert_non_null(strstr(output, "kind, same_as xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer, 3 "
                                   "countries' roles\n"));
    free(output);
    char *draft = draft_named(out, "xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer-2.txt");
    assert_non_null(strstr(draft, "\nsame_as: xinhua-2021-07-20-britains-cyberattack-accusation-against-china-sheer  # "
                                  "CHECK: the same text as curated.txt once white space is folded\n---\n"));
    free(draft);
    draft = draft_named(out, "statement-a-dozen.txt");
    assert_non_null(strstr(draft, "\nsame_as: near  # CHECK: 11 of 12 sentences shared with near.txt\n"));
    free(draft);
    draft = draft_named(out, "mfa-2021-07-20.txt");
    assert_null(strstr(draft, "same_as"));
    free(draft);
    free(existing);
    free(out);
    support_remove_tree(dir);
    free(dir);
}

/* --report: one row per input, refused ones too, exactly. */
static void test_report_tsv(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    support_write_text(dir, "empty.txt", "");
    free(support_copy_file(PAGES "/seed-001.txt", dir, "seed-001.txt", 0));
    char *output;
    assert_int_equal(import(dir, "seed-001.txt empty.txt -o . --report report.tsv "
                                 "--incidents '" ROSTRUM_FIXTURES "/import/incidents.yaml'", &output), 1);
    free(output);
    char *path = support_path(dir, "report.tsv");
    char *report = support_read_file(path, NULL);
    char *expected = support_read_file(ROSTRUM_FIXTURES "/import/expected/report.tsv", NULL);
    assert_non_null(report);
    assert_non_null(expected);
    assert_string_equal(report, expected);
    free(expected);
    free(report);
    free(path);
    support_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_chrome_lines),
        cmocka_unit_test(test_language_and_places),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_seed_draft_and_report),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_report_lines),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_body_over_the_limit),
        cmocka_unit_test(test_held_out_findings),
        cmocka_unit_test(test_builder_accepts_drafts),
        cmocka_unit_test(test_translated_countries),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_json_array),
        cmocka_unit_test(test_incidents),
        cmocka_unit_test(test_existing),
        cmocka_unit_test(test_report_tsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
