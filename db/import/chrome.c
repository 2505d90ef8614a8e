/*
 * The phrases of page furniture, in English, Chinese and Russian. A phrase
 * only condemns a short line: a sentence of the statement that happens to
 * say "print" or "copyright" is long, and stays.
 */
#include "chrome.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Longer than this, a line is prose whatever it contains. */
#define SHORT_LINE 160

typedef struct { const char *phrase, *reason; } phrase_row;

/* The whole line (case-insensitive, a final ':' or '|' ignored). */
static const phrase_row whole[] = {
    {"Suggest to a Friend", "share link"}, {"Print", "print link"}, {"Print this page", "print link"},
    {"Share", "share link"}, {"Share this page", "share link"}, {"Share this article", "share link"},
    {"Share this", "share link"}, {"Email", "share link"}, {"E-mail", "share link"}, {"Tweet", "share link"},
    {"Facebook", "share link"}, {"Twitter", "share link"}, {"WeChat", "share link"}, {"Weibo", "share link"},
    {"LinkedIn", "share link"}, {"Telegram", "share link"}, {"ВКонтакте", "share link"}, {"Close", "window link"},
    {"Back to top", "navigation"}, {"Top", "navigation"}, {"Skip to content", "navigation"},
    {"Skip to main content", "navigation"}, {"Menu", "navigation"}, {"Search", "site search"},
    {"Home", "navigation"}, {"Related", "related links"}, {"Related stories", "related links"},
    {"Related news", "related links"}, {"Read more", "related links"}, {"More", "navigation"},
    {"English", "language switcher"}, {"中文", "language switcher"}, {"Русский", "language switcher"},
    {"Français", "language switcher"}, {"Español", "language switcher"}, {"العربية", "language switcher"},
    {"Media enquiries", "press-release template"}, {"Notes to editors", "press-release template"},
    {"blog comments powered by Disqus", "comments widget"}, {"Enditem", "agency end mark"},
    {"打印", "print link"}, {"关闭", "window link"}, {"关闭窗口", "window link"}, {"【打印】", "print link"},
    {"【关闭】", "window link"}, {"【关闭窗口】", "window link"}, {"分享", "share link"}, {"分享到", "share link"}, {"分享到：", "share link"},
    {"返回顶部", "navigation"}, {"Версия для печати", "print link"}, {"Поделиться", "share link"},
    {"Распечатать", "print link"}, {"Наверх", "navigation"}, {"Subscribe", "subscription link"},
    {"Sign up", "subscription link"}, {"Log in", "login link"}, {"Sign in", "login link"},
    {"首页", "navigation"}, {"Главная", "navigation"}, {"Читайте также", "related links"}, {"Теги", "tag line"},
    {"Tags", "tag line"}, {"Related Articles", "related links"}, {"---", "rule"}, {"***", "rule"}, {"（完）", "agency end mark"}, {"(完)", "agency end mark"},
};

/* The start of the line. */
static const phrase_row starts[] = {
    {"Home >", "breadcrumb"}, {"Home\xC2\xA0>", "breadcrumb"}, {"Home »", "breadcrumb"}, {"Home /", "breadcrumb"},
    {"首页 >", "breadcrumb"}, {"首页>", "breadcrumb"}, {"首页 》", "breadcrumb"}, {"当前位置", "breadcrumb"},
    {"您的位置", "breadcrumb"}, {"Главная >", "breadcrumb"}, {"Главная /", "breadcrumb"},
    {"Главная »", "breadcrumb"}, {"Source:", "source and time stamp"}, {"Source：", "source and time stamp"},
    {"来源：", "source and time stamp"}, {"来源:", "source and time stamp"}, {"Editor:", "editor credit"},
    {"责任编辑", "editor credit"}, {"编辑：", "editor credit"}, {"Posted in:", "category line"},
    {"Tags:", "tag line"}, {"Tag:", "tag line"}, {"Теги:", "tag line"}, {"Photo:", "photo credit"},
    {"Photo taken", "photo caption"}, {"File photo", "photo caption"}, {"Copyright", "copyright footer"},
    {"©", "copyright footer"}, {"(C) ", "copyright footer"}, {"版权所有", "copyright footer"},
    {"Все права защищены", "copyright footer"}, {"Related:", "related links"}, {"Read more:", "related links"},
    {"See also:", "related links"}, {"Published:", "date line"}, {"Updated:", "date line"},
    {"Дата публикации", "date line"}, {"发布时间", "date line"}, {"Share on", "share link"},
    {"Follow us", "share link"}, {"Skip to", "navigation"}, {"Print this", "print link"},
    {"Media enquiries", "press-release template"}, {"Notes to editors", "press-release template"},
    {"Journalists", "press-release template"}, {"Press office", "press-release template"},
    {"Версия для печати", "print link"}, {"【字号", "font size switcher"}, {"Reporting by ", "agency credit"},
    {"Editing by ", "agency credit"}, {"Writing by ", "agency credit"}, {"字号", "font size switcher"},
    {"扫一扫", "share link"},
};

/* Anywhere in a short line. */
static const phrase_row contains[] = {
    {"All Rights Reserved", "copyright footer"}, {"All rights reserved", "copyright footer"},
    {"版权所有", "copyright footer"}, {"Все права защищены", "copyright footer"}, {"Copyright ©", "copyright footer"},
    {"|Editor:", "editor credit"}, {"| Editor:", "editor credit"}, {"Photo: ", "photo caption"},
    {"(Photo by", "photo caption"}, {"Photo by ", "photo caption"}, {"/Xinhua)", "photo caption"},
    {"Фото:", "photo caption"}, {"【打印】", "print link"}, {"【关闭】", "window link"},
    {"【打印本页】", "print link"}, {"【关闭窗口】", "window link"}, {"Trust Principles", "agency footer"}, {"图片来源", "photo caption"}, {"Скачать", "download link"},
};

/* Kept, but shown to the curator. */
static const phrase_row unsure_starts[] = {
    {"By ", "byline?"}, {"Author:", "byline?"}, {"Автор:", "byline?"}, {"作者：", "byline?"},
    {"Keywords", "keyword line?"}, {"Ключевые слова", "keyword line?"}, {"Video", "video link?"},
};

/* End marks after the last sentence: cut, the sentence stays. */
static const char *const end_marks[] = {" Enditem", "Enditem", "（完）", "(完)", " (End)"};

static bool equals_phrase(const char *line, size_t length, const char *phrase)
{
    size_t n = strlen(phrase);
    while (length > 0 && (line[length - 1] == ':' || line[length - 1] == '|' || line[length - 1] == ' '))
        length--;
    return length == n && strncasecmp(line, phrase, n) == 0;
}

static bool has_text(const char *line, size_t length, const char *phrase)
{
    size_t n = strlen(phrase);
    for (size_t i = 0; i + n <= length; i++)
        if (memcmp(line + i, phrase, n) == 0)
            return true;
    return false;
}

/* " > " twice: "Home > Press and Media Service > Remarks" (non-breaking
 * spaces count as spaces). */
static bool breadcrumb(const char *line, size_t length)
{
    size_t arrows = 0;
    for (size_t i = 0; i < length; i++)
        if (line[i] == '>' && i > 0 && i + 1 < length && (line[i - 1] == ' ' || (unsigned char)line[i - 1] == 0xA0) &&
            (line[i + 1] == ' ' || (unsigned char)line[i + 1] == 0xC2))
            arrows++;
    return arrows >= 2;
}

rs_chrome_verdict rs_chrome_judge(const char *line, size_t length, size_t *keep_length, const char **reason)
{
    *keep_length = length;
    *reason = NULL;
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
        if (equals_phrase(line, length, whole[i].phrase)) {
            *reason = whole[i].reason;
            return RS_CHROME_DROP;
        }
    if (length <= SHORT_LINE) {
        for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
            if (length >= strlen(starts[i].phrase) && strncasecmp(line, starts[i].phrase, strlen(starts[i].phrase)) == 0) {
                *reason = starts[i].reason;
                return RS_CHROME_DROP;
            }
        for (size_t i = 0; i < sizeof contains / sizeof contains[0]; i++)
            if (has_text(line, length, contains[i].phrase)) {
                *reason = contains[i].reason;
                return RS_CHROME_DROP;
            }
        if (breadcrumb(line, length)) {
            *reason = "breadcrumb";
            return RS_CHROME_DROP;
        }
    }
    for (size_t i = 0; i < sizeof end_marks / sizeof end_marks[0]; i++) {
        size_t n = strlen(end_marks[i]);
        if (length > n && memcmp(line + length - n, end_marks[i], n) == 0) {
            *keep_length = length - n;
            while (*keep_length > 0 && line[*keep_length - 1] == ' ')
                (*keep_length)--;
            break;
        }
    }
    if (length <= SHORT_LINE)
        for (size_t i = 0; i < sizeof unsure_starts / sizeof unsure_starts[0]; i++)
            if (strncmp(line, unsure_starts[i].phrase, strlen(unsure_starts[i].phrase)) == 0 &&
                !memchr(line, '.', length)) {
                *reason = unsure_starts[i].reason;
                return RS_CHROME_UNSURE;
            }
    return RS_CHROME_KEEP;
}
