/*
 * The table of known outlets. A host matches its row and every subdomain
 * ("english.news.cn" matches "news.cn"). Credits are matched as written;
 * longer credits come first so that "Source: Global Times" is not read as
 * some shorter name inside it.
 */
#include "outlets.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MFA_CN "Ministry of Foreign Affairs of the People's Republic of China"
#define EMB_CN_GB "Embassy of the People's Republic of China in the United Kingdom"
#define EMB_CN_US "Embassy of the People's Republic of China in the United States"
#define MFA_RU "Ministry of Foreign Affairs of the Russian Federation"

typedef struct { const char *host, *name, *slug; } host_row;

static const host_row hosts[] = {
    {"xinhuanet.com", "Xinhua", "xinhua"}, {"news.cn", "Xinhua", "xinhua"},
    {"globaltimes.cn", "Global Times", "globaltimes"}, {"chinadaily.com.cn", "China Daily", "chinadaily"},
    {"people.com.cn", "People's Daily", "peoplesdaily"}, {"cgtn.com", "CGTN", "cgtn"},
    {"chinanews.com.cn", "China News Service", "chinanews"}, {"chinanews.com", "China News Service", "chinanews"},
    {"fmprc.gov.cn", MFA_CN, "mfa"}, {"mfa.gov.cn", MFA_CN, "mfa"},
    {"chinese-embassy.org.uk", EMB_CN_GB, "embassy"}, {"gb.china-embassy.gov.cn", EMB_CN_GB, "embassy"},
    {"gb.china-embassy.org", EMB_CN_GB, "embassy"}, {"china-embassy.org", EMB_CN_US, "embassy"},
    {"us.china-embassy.gov.cn", EMB_CN_US, "embassy"},
    {"mid.ru", MFA_RU, "mid"}, {"kremlin.ru", "President of Russia", "kremlin"}, {"tass.ru", "TASS", "tass"},
    {"tass.com", "TASS", "tass"}, {"ria.ru", "RIA Novosti", "ria"}, {"interfax.ru", "Interfax", "interfax"},
    {"rg.ru", "Rossiyskaya Gazeta", "rg"}, {"rt.com", "RT", "rt"},
    {"rusemb.org.uk", "Embassy of the Russian Federation in the United Kingdom", "embassy"},
    {"russianembassy.org", "Embassy of the Russian Federation in the United States", "embassy"},
    {"gov.uk", "GOV.UK", "govuk"}, {"ncsc.gov.uk", "National Cyber Security Centre", "ncsc"},
    {"state.gov", "U.S. Department of State", "state"}, {"justice.gov", "U.S. Department of Justice", "justice"},
    {"whitehouse.gov", "The White House", "whitehouse"}, {"reuters.com", "Reuters", "reuters"},
    {"apnews.com", "Associated Press", "ap"}, {"bbc.co.uk", "BBC", "bbc"}, {"bbc.com", "BBC", "bbc"},
    {"afp.com", "AFP", "afp"}, {"theguardian.com", "The Guardian", "guardian"},
};

typedef struct { const char *credit, *name, *slug; } credit_row;

static const credit_row credits[] = {
    {"Embassy of the People's Republic of China in the United Kingdom", EMB_CN_GB, "embassy"},
    {"Embassy of the People's Republic of China in the United States", EMB_CN_US, "embassy"},
    {"中华人民共和国外交部", MFA_CN, "mfa"}, {"Министерство иностранных дел Российской Федерации", MFA_RU, "mid"},
    {"Source: Global Times", "Global Times", "globaltimes"}, {"Source:Global Times", "Global Times", "globaltimes"},
    {"Source: Xinhua", "Xinhua", "xinhua"}, {"Source:Xinhua", "Xinhua", "xinhua"},
    {"(Xinhua)", "Xinhua", "xinhua"}, {"新华社", "Xinhua", "xinhua"}, {"新华网", "Xinhua", "xinhua"},
    {"(Reuters)", "Reuters", "reuters"}, {"(AP)", "Associated Press", "ap"}, {"(AFP)", "AFP", "afp"},
    {"中新社", "China News Service", "chinanews"}, {"中新网", "China News Service", "chinanews"},
    {"ТАСС", "TASS", "tass"}, {"РИА Новости", "RIA Novosti", "ria"}, {"Интерфакс", "Interfax", "interfax"},
    {"Source: China Daily", "China Daily", "chinadaily"}, {"Source: CGTN", "CGTN", "cgtn"},
};

bool rs_outlets_host(const char *url, char *out, size_t out_size)
{
    const char *p = strstr(url, "://");
    if (!p || out_size == 0)
        return false;
    p += 3;
    const char *at = strpbrk(p, "@/");
    if (at && *at == '@')
        p = at + 1;
    size_t n = strcspn(p, ":/?#");
    if (n == 0 || n >= out_size)
        return false;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)p[i]);
    out[n] = '\0';
    if (strncmp(out, "www.", 4) == 0)
        memmove(out, out + 4, n - 3);
    return true;
}

bool rs_outlets_by_url(const char *url, rs_outlet_found *found)
{
    char host[256];
    if (!rs_outlets_host(url, host, sizeof host))
        return false;
    /* The longest matching row: "ncsc.gov.uk" before "gov.uk". */
    const host_row *best = NULL;
    size_t host_length = strlen(host);
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
        size_t n = strlen(hosts[i].host);
        if (n > host_length || strcmp(host + host_length - n, hosts[i].host) != 0)
            continue;
        if (n < host_length && host[host_length - n - 1] != '.')
            continue;
        if (!best || n > strlen(best->host))
            best = &hosts[i];
    }
    if (!best)
        return false;
    found->name = best->name;
    found->slug = best->slug;
    found->said = best->host;
    return true;
}

bool rs_outlets_by_credit(const char *text, rs_outlet_found *found)
{
    const credit_row *best = NULL;
    const char *best_at = NULL;
    for (size_t i = 0; i < sizeof credits / sizeof credits[0]; i++) {
        const char *at = strstr(text, credits[i].credit);
        if (at && (!best_at || at < best_at)) {
            best = &credits[i];
            best_at = at;
        }
    }
    if (!best)
        return false;
    found->name = best->name;
    found->slug = best->slug;
    found->said = best->credit;
    return true;
}
