/* The timeline's queries and an incident's parties (db/store/timeline.c,
 * incident_party.c): exact results on the sample corpus, the thread fixture
 * and the spans fixture (overlapping incidents in lanes, a span ending on
 * the key the next starts on, dates known to the year or the month only,
 * undated entries), names in each language, windows' edges, limits, and
 * bundles whose rows lie. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "bundle.h"
#include "support.h"

static char *scratch, *corpus_bundle, *thread_bundle, *spans_bundle;

#define ALL_FROM 0
#define ALL_TO 99999999

static int build_bundles(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    corpus_bundle = support_path(scratch, "corpus.sqlite");
    thread_bundle = support_path(scratch, "thread.sqlite");
    spans_bundle = support_path(scratch, "spans.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options corpus = {.source_dir = ROSTRUM_SOURCE_DIR "/db/corpus", .output_path = corpus_bundle,
                               .build_time = 1626739200};
    rs_build_options thread = {.source_dir = ROSTRUM_FIXTURES "/sources/thread", .output_path = thread_bundle,
                               .build_time = 1626739200};
    rs_build_options spans = {.source_dir = ROSTRUM_FIXTURES "/sources/spans", .output_path = spans_bundle,
                              .build_time = 1626739200};
    bool ok = rs_build(&corpus, diags, NULL) && rs_build(&thread, diags, NULL) && rs_build(&spans, diags, NULL);
    rs_diags_print(diags, stderr);
    rs_diags_destroy(diags);
    return ok ? 0 : -1;
}

static int remove_bundles(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch), free(corpus_bundle), free(thread_bundle), free(spans_bundle);
    return 0;
}

static rs_bundle *open_bundle(const char *path, const char *language)
{
    char error[512];
    rs_bundle *b = rs_bundle_open(path, error, sizeof error);
    if (!b)
        fail_msg("%s", error);
    rs_bundle_set_language(b, language);
    return b;
}

/* ---- results as text, one line each ---- */

typedef struct text {
    char buffer[8192];
    size_t length;
} text;

__attribute__((format(printf, 2, 3))) static void add(text *t, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsnprintf(t->buffer + t->length, sizeof t->buffer - t->length, format, args);
    va_end(args);
    assert_true(n >= 0 && (size_t)n < sizeof t->buffer - t->length);
    t->length += (size_t)n;
}

/* "2021-07 3" per bar, then "undated N". */
static void expect_bars(rs_bundle *b, const char *expected)
{
    rs_timeline_bars bars;
    assert_true(rs_bundle_timeline_bars(b, &bars));
    text t = {0};
    for (size_t i = 0; i < bars.count; i++)
        add(&t, "%04d-%02d %lld\n", bars.items[i].year, bars.items[i].month, (long long)bars.items[i].count);
    add(&t, "undated %lld\n", (long long)bars.undated);
    rs_timeline_bars_clear(&bars);
    assert_string_equal(t.buffer, expected);
}

/* "lanes N", then "LANE: ID SLUG 'NAME' FIRST..LAST [answer]" per span. */
static void expect_spans(rs_bundle *b, int32_t from, int32_t to, int max_lanes, size_t limit, const char *expected)
{
    rs_timeline_spans spans;
    assert_true(rs_bundle_timeline_spans(b, from, to, max_lanes, limit, &spans));
    text t = {0};
    add(&t, "lanes %d\n", spans.lane_count);
    for (size_t i = 0; i < spans.count; i++) {
        const rs_timeline_span *s = &spans.items[i];
        add(&t, "%d: %lld %s '%s' %d..%d%s\n", s->lane, (long long)s->incident_id, s->slug, s->name, s->first_key,
            s->last_key, s->has_answer ? " answer" : "");
    }
    rs_timeline_spans_clear(&spans);
    assert_string_equal(t.buffer, expected);
}

/* "E ID KEY kind accuses|answers|- INCIDENT_ID SLUG" for events, "S ID KEY
 * SLUG 'TITLE' ..." for statements, then "more" when there are more. */
static void expect_marks(rs_bundle *b, int32_t from, int32_t to, size_t limit, const char *expected)
{
    rs_timeline_marks marks;
    assert_true(rs_bundle_timeline_marks(b, from, to, limit, &marks));
    text t = {0};
    for (size_t i = 0; i < marks.count; i++) {
        const rs_timeline_mark *m = &marks.items[i];
        if (m->kind == RS_THREAD_EVENT) {
            assert_null(m->slug);
            add(&t, "E %lld %d %s", (long long)m->id, m->key, m->label);
        } else {
            add(&t, "S %lld %d %s '%s'", (long long)m->id, m->key, m->slug, m->label);
        }
        add(&t, "%s %lld %s\n", m->accusation ? " accuses" : "", (long long)m->incident_id,
            m->incident_slug ? m->incident_slug : "-");
    }
    if (marks.more)
        add(&t, "more\n");
    rs_timeline_marks_clear(&marks);
    assert_string_equal(t.buffer, expected);
}

/* "CODE kind 'NAME' ROLES" per party. */
static void expect_parties(rs_bundle *b, int64_t incident_id, const char *expected)
{
    rs_party_links links;
    assert_true(rs_bundle_incident_parties(b, incident_id, &links));
    text t = {0};
    for (size_t i = 0; i < links.count; i++)
        add(&t, "%s %s '%s' %s\n", links.items[i].code, rs_party_kinds[links.items[i].kind], links.items[i].name,
            links.items[i].roles);
    rs_party_links_clear(&links);
    assert_string_equal(t.buffer, expected);
}

/* ---- the sample corpus ---- */

static void test_corpus(void **state)
{
    (void)state;
    rs_bundle *b = open_bundle(corpus_bundle, NULL);
    expect_bars(b, "2019-02 1\n2020-07 1\n2021-05 1\n2021-07 2\nundated 0\n");
    expect_spans(b, ALL_FROM, ALL_TO, 8, 10,
                 "lanes 1\n"
                 "0: 1 norwegian-software-firm-breach-2019 'Reported breach of a Norwegian software firm' "
                 "20181220..20190212 answer\n"
                 "0: 2 covid-19-research-hacking-2020 'Accusations of hacking COVID-19 research' "
                 "20200513..20200722 answer\n"
                 "0: 3 microsoft-exchange-server-hack-2021 'Microsoft Exchange Server hack' 20210302..20210720 answer\n");
    expect_marks(b, ALL_FROM, ALL_TO, 100,
                 "E 1 20181220 indictment accuses 1 norwegian-software-firm-breach-2019\n"
                 "E 2 20181220 attribution accuses 1 norwegian-software-firm-breach-2019\n"
                 "E 3 20190206 report accuses 1 norwegian-software-firm-breach-2019\n"
                 "E 4 20190206 report accuses 1 norwegian-software-firm-breach-2019\n"
                 "S 1 20190212 xinhua-2019-02-12-stop-tarnishing-china 'China urges relevant countries to stop "
                 "tarnishing China on cybersecurity' 1 norwegian-software-firm-breach-2019\n"
                 "E 5 20200513 report accuses 2 covid-19-research-hacking-2020\n"
                 "E 6 20200721 indictment accuses 2 covid-19-research-hacking-2020\n"
                 "E 7 20200722 attribution accuses 2 covid-19-research-hacking-2020\n"
                 "S 2 20200722 embassy-2020-covid-19-research-remarks 'Embassy Spokesperson's Remarks on the Wrong "
                 "Remarks of a British Politician on Cyber Attacks' 2 covid-19-research-hacking-2020\n"
                 "E 8 20210302 disclosure accuses 3 microsoft-exchange-server-hack-2021\n"
                 "E 9 20210512 other 3 microsoft-exchange-server-hack-2021\n"
                 "S 3 20210513 mfa-2021-uk-smear-state-sponsored-hackers 'China firmly opposes UK’s “groundless "
                 "smear” that it sponsors hackers' 3 microsoft-exchange-server-hack-2021\n"
                 "E 10 20210719 attribution accuses 3 microsoft-exchange-server-hack-2021\n"
                 "E 11 20210719 attribution accuses 3 microsoft-exchange-server-hack-2021\n"
                 "E 12 20210719 attribution accuses 3 microsoft-exchange-server-hack-2021\n"
                 "E 13 20210719 attribution accuses 3 microsoft-exchange-server-hack-2021\n"
                 "S 4 20210720 embassy-2021-07-20-exchange-accusation 'Embassy Spokesperson's Comment on the "
                 "Remarks by the UK Side about Cyber Attack' 3 microsoft-exchange-server-hack-2021\n"
                 "S 5 20210720 xinhua-2021-07-20-embassy-exchange-accusation 'Britain's cyberattack accusation "
                 "against China sheer fabrication, slander: Chinese embassy' 3 microsoft-exchange-server-hack-2021\n");
    /* A year's window: 2021's marks, the four events of one day before the
     * statements of the next. */
    expect_marks(b, 20210000, 20211231, 5,
                 "E 8 20210302 disclosure accuses 3 microsoft-exchange-server-hack-2021\n"
                 "E 9 20210512 other 3 microsoft-exchange-server-hack-2021\n"
                 "S 3 20210513 mfa-2021-uk-smear-state-sponsored-hackers 'China firmly opposes UK’s “groundless "
                 "smear” that it sponsors hackers' 3 microsoft-exchange-server-hack-2021\n"
                 "E 10 20210719 attribution accuses 3 microsoft-exchange-server-hack-2021\n"
                 "E 11 20210719 attribution accuses 3 microsoft-exchange-server-hack-2021\n"
                 "more\n");
    expect_parties(b, 3,
                   "AU country 'Australia' mentioned\n"
                   "CA country 'Canada' mentioned\n"
                   "CN country 'China' speaker accused\n"
                   "EU organisation 'European Union' accuser\n"
                   "GB country 'United Kingdom' accuser\n"
                   "IR country 'Iran' accused\n"
                   "JP country 'Japan' mentioned\n"
                   "KP country 'North Korea' accused\n"
                   "MSFT company 'Microsoft' accuser\n"
                   "NATO alliance 'North Atlantic Treaty Organization' accuser\n"
                   "NZ country 'New Zealand' mentioned\n"
                   "RU country 'Russian Federation' accused mentioned\n"
                   "US country 'United States' accuser mentioned\n");
    expect_parties(b, 1,
                   "CN country 'China' speaker accused\n"
                   "GB country 'United Kingdom' accuser\n"
                   "NO country 'Norway' victim\n"
                   "RAPID7 company 'Rapid7' accuser\n"
                   "RECFUTURE company 'Recorded Future' accuser mentioned\n"
                   "US country 'United States' accuser\n");
    expect_parties(b, 4, "");
    expect_parties(b, -1, "");
    rs_bundle_close(b);

    b = open_bundle(corpus_bundle, "zh_CN");
    expect_spans(b, 20200000, 20200000, 8, 10, "lanes 1\n");
    expect_spans(b, 20200722, 20210302, 8, 10,
                 "lanes 1\n"
                 "0: 2 covid-19-research-hacking-2020 '关于黑客攻击新冠病毒研究的指控' 20200513..20200722 answer\n"
                 "0: 3 microsoft-exchange-server-hack-2021 '微软Exchange服务器遭黑客攻击事件' 20210302..20210720 answer\n");
    expect_parties(b, 2, "CN country '中国' speaker accused\nGB country '英国' accuser victim\n"
                         "US country '美国' accuser victim mentioned\n");
    rs_bundle_close(b);
}

/* ---- the thread fixture ---- */

static void test_thread_fixture(void **state)
{
    (void)state;
    rs_bundle *b = open_bundle(thread_bundle, NULL);
    /* 2021-07 holds the statement dated by its month and those of its days;
     * the undated statement is counted beside the axis. */
    expect_bars(b, "2020-01 1\n2021-03 1\n2021-07 3\nundated 1\n");
    /* second-incident's only dated entry is its event of "2020" (its
     * statement is undated). */
    expect_spans(b, ALL_FROM, ALL_TO, 8, 10,
                 "lanes 1\n"
                 "0: 2 second-incident 'Second incident' 20200000..20200000 answer\n"
                 "0: 1 exchange-hack 'Exchange hack' 20210302..20210721 answer\n");
    /* Undated: the denial (event 5), the mention (6), undated-victim. */
    expect_marks(b, ALL_FROM, ALL_TO, 100,
                 "E 1 20200000 report accuses 2 second-incident\n"
                 "S 1 20200101 long-zh '一个很长的句子' 0 -\n"
                 "E 2 20210302 disclosure accuses 1 exchange-hack\n"
                 "S 2 20210302 vendor-patch 'A vendor's statement on the day of the disclosure' 1 exchange-hack\n"
                 "E 3 20210700 attribution accuses 1 exchange-hack\n"
                 "S 3 20210700 exchange-excerpt 'An excerpt dated by month only' 1 exchange-hack\n"
                 "E 4 20210720 indictment accuses 1 exchange-hack\n"
                 "S 4 20210720 exchange-response 'A response on the same day as the indictment' 1 exchange-hack\n"
                 "S 5 20210721 exchange-response-zh '外交部发言人答记者问' 1 exchange-hack\n");
    expect_parties(b, 2, "EU organisation 'European Union' mentioned\nMSFT company 'Microsoft' accuser victim\n"
                         "RU country 'Russian Federation' accused\n");
    rs_bundle_close(b);

    b = open_bundle(thread_bundle, "ru");
    expect_spans(b, 20210721, 20210721, 8, 10, "lanes 1\n0: 1 exchange-hack 'Взлом Exchange' 20210302..20210721 answer\n");
    expect_parties(b, 2, "EU organisation 'Европейский союз' mentioned\nMSFT company 'Microsoft' accuser victim\n"
                         "RU country 'Российская Федерация' accused\n");
    rs_bundle_close(b);
    b = open_bundle(thread_bundle, "zh_CN");
    expect_spans(b, 20210301, 20210302, 8, 10,
                 "lanes 1\n0: 1 exchange-hack 'Exchange 服务器遭入侵' 20210302..20210721 answer\n");
    expect_parties(b, 1,
                   "CN country '中国' speaker accused\n"
                   "EU organisation '欧洲联盟' accuser\n"
                   "GB country '英国' accuser\n"
                   "MSFT company '微软' speaker accuser\n"
                   "US country '美国' accuser mentioned\n");
    rs_bundle_close(b);
}

/* ---- the spans fixture: lanes and windows ---- */

/* alpha 20210110..20210315 and beta 20210200..20210401 overlap; gamma
 * starts on the key alpha ends (20210315), so it cannot share alpha's lane
 * and beta's is busy: lane 2; delta (from 20210700, dated by its month)
 * and zeta (20220000, by its year) fit lane 0 again; epsilon is undated. */
static void test_lanes(void **state)
{
    (void)state;
    rs_bundle *b = open_bundle(spans_bundle, NULL);
    expect_spans(b, ALL_FROM, ALL_TO, 8, 10,
                 "lanes 3\n"
                 "0: 1 alpha 'Alpha breach' 20210110..20210315 answer\n"
                 "0: 4 delta 'Delta affair' 20210700..20210720 answer\n"
                 "0: 6 zeta 'Zeta year' 20220000..20220000\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    /* Spans touching the window's first or last key are in it. */
    expect_spans(b, 20210315, 20210315, 8, 10,
                 "lanes 3\n"
                 "0: 1 alpha 'Alpha breach' 20210110..20210315 answer\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    expect_spans(b, 20210316, 20210331, 8, 10,
                 "lanes 3\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    expect_spans(b, 20210401, 20210700, 8, 10,
                 "lanes 3\n"
                 "0: 4 delta 'Delta affair' 20210700..20210720 answer\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    expect_spans(b, 20210721, 20211231, 8, 10, "lanes 3\n");
    expect_spans(b, 20220000, 20221231, 8, 10, "lanes 3\n0: 6 zeta 'Zeta year' 20220000..20220000\n");
    expect_spans(b, 20210101, 20210109, 8, 10, "lanes 3\n");
    /* Fewer lanes asked for, one span a lane, none, a window backwards. */
    expect_spans(b, ALL_FROM, ALL_TO, 1, 10,
                 "lanes 3\n"
                 "0: 1 alpha 'Alpha breach' 20210110..20210315 answer\n"
                 "0: 4 delta 'Delta affair' 20210700..20210720 answer\n"
                 "0: 6 zeta 'Zeta year' 20220000..20220000\n");
    expect_spans(b, 20210301, ALL_TO, 8, 1,
                 "lanes 3\n"
                 "0: 1 alpha 'Alpha breach' 20210110..20210315 answer\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    expect_spans(b, 20210301, ALL_TO, 0, 10, "lanes 3\n");
    expect_spans(b, ALL_FROM, ALL_TO, -5, 10, "lanes 3\n");
    expect_spans(b, ALL_FROM, ALL_TO, 8, 0, "lanes 3\n");
    expect_spans(b, 20210500, 20210400, 8, 10, "lanes 3\n");
    rs_bundle_close(b);

    b = open_bundle(spans_bundle, "zh_CN");
    expect_spans(b, 20210315, 20210700, 8, 10,
                 "lanes 3\n"
                 "0: 1 alpha '阿尔法入侵' 20210110..20210315 answer\n"
                 "0: 4 delta 'Delta affair' 20210700..20210720 answer\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    rs_bundle_close(b);
    b = open_bundle(spans_bundle, "ru");
    expect_spans(b, 20210315, 20210700, 8, 10,
                 "lanes 3\n"
                 "0: 1 alpha 'Взлом «Альфа»' 20210110..20210315 answer\n"
                 "0: 4 delta 'Дело «Дельта»' 20210700..20210720 answer\n"
                 "1: 2 beta 'Beta leak' 20210200..20210401 answer\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    rs_bundle_close(b);
}

#define SPANS_MARK_YEAR "S 1 20210000 s-year 'Dated by its year only' 0 -\n"
#define SPANS_MARK_E1 "E 1 20210110 attribution accuses 1 alpha\n"
#define SPANS_MARK_E2 "E 2 20210200 report accuses 2 beta\n"
#define SPANS_MARK_S2 "S 2 20210315 s-alpha-end 'The last word on alpha' 1 alpha\n"
/* Named by gamma and beta: its first incident is the earlier, beta. */
#define SPANS_MARK_S3 "S 3 20210315 s-gamma-start 'Gamma and beta named together' accuses 2 beta\n"
#define SPANS_MARK_E3 "E 3 20210401 denial 2 beta\n"
#define SPANS_MARK_E4 "E 4 20210500 sanction accuses 3 gamma\n"
#define SPANS_MARK_E5 "E 5 20210700 indictment accuses 4 delta\n"
#define SPANS_MARK_S4 "S 4 20210700 s-month 'Dated by its month only' 4 delta\n"
#define SPANS_MARK_S5 "S 5 20210720 s-delta-end 'The last word on delta' 4 delta\n"
#define SPANS_MARK_E6 "E 6 20220000 disclosure accuses 6 zeta\n"

static void test_marks(void **state)
{
    (void)state;
    rs_bundle *b = open_bundle(spans_bundle, NULL);
    expect_bars(b, "2021-00 1\n2021-03 2\n2021-07 2\nundated 1\n");
    /* Every dated mark; the undated statement and event are left out. */
    const char *all = SPANS_MARK_YEAR SPANS_MARK_E1 SPANS_MARK_E2 SPANS_MARK_S2 SPANS_MARK_S3 SPANS_MARK_E3
        SPANS_MARK_E4 SPANS_MARK_E5 SPANS_MARK_S4 SPANS_MARK_S5 SPANS_MARK_E6;
    expect_marks(b, ALL_FROM, ALL_TO, 11, all);
    expect_marks(b, ALL_FROM, ALL_TO, 100, all);
    expect_marks(b, ALL_FROM, ALL_TO, 10,
                 SPANS_MARK_YEAR SPANS_MARK_E1 SPANS_MARK_E2 SPANS_MARK_S2 SPANS_MARK_S3 SPANS_MARK_E3 SPANS_MARK_E4
                     SPANS_MARK_E5 SPANS_MARK_S4 SPANS_MARK_S5 "more\n");
    expect_marks(b, ALL_FROM, ALL_TO, 3, SPANS_MARK_YEAR SPANS_MARK_E1 SPANS_MARK_E2 "more\n");
    expect_marks(b, ALL_FROM, ALL_TO, 0, "more\n");
    /* A year's window takes what is dated by the year only (key 20210000),
     * a month's what is dated by the month only (20210700); a window from
     * the first day leaves them out. */
    expect_marks(b, 20210000, 20211231, 100,
                 SPANS_MARK_YEAR SPANS_MARK_E1 SPANS_MARK_E2 SPANS_MARK_S2 SPANS_MARK_S3 SPANS_MARK_E3 SPANS_MARK_E4
                     SPANS_MARK_E5 SPANS_MARK_S4 SPANS_MARK_S5);
    expect_marks(b, 20210101, 20211231, 2, SPANS_MARK_E1 SPANS_MARK_E2 "more\n");
    expect_marks(b, 20210700, 20210731, 100, SPANS_MARK_E5 SPANS_MARK_S4 SPANS_MARK_S5);
    expect_marks(b, 20210701, 20210731, 100, SPANS_MARK_S5);
    /* Edges: both ends of the window are in it. */
    expect_marks(b, 20210315, 20210315, 100, SPANS_MARK_S2 SPANS_MARK_S3);
    expect_marks(b, 20210315, 20210401, 2, SPANS_MARK_S2 SPANS_MARK_S3 "more\n");
    expect_marks(b, 20210200, 20210315, 100, SPANS_MARK_E2 SPANS_MARK_S2 SPANS_MARK_S3);
    expect_marks(b, 20210316, 20210331, 100, "");
    expect_marks(b, 20220000, 20220000, 100, SPANS_MARK_E6);
    expect_marks(b, 20230000, ALL_TO, 100, "");
    expect_marks(b, 20210720, 20210700, 100, "");
    rs_bundle_close(b);
}

static void test_incident_parties(void **state)
{
    (void)state;
    rs_bundle *b = open_bundle(spans_bundle, NULL);
    /* A party's roles are the union over the statements and the events:
     * KP is mentioned by a statement and accused by an event. */
    expect_parties(b, 3,
                   "CN country 'China' accused\n"
                   "GB country 'United Kingdom' accuser\n"
                   "KP country 'North Korea' accused mentioned\n"
                   "US country 'United States' accuser\n");
    expect_parties(b, 5, "FR country 'France' speaker mentioned\n");
    expect_parties(b, 6, "DE country 'Germany' victim\nMSFT company 'Microsoft' accuser\n");
    rs_bundle_close(b);
    b = open_bundle(spans_bundle, "ru");
    expect_parties(b, 6, "DE country 'Германия' victim\nMSFT company 'Microsoft' accuser\n");
    rs_bundle_close(b);
    b = open_bundle(spans_bundle, "zh_CN");
    expect_parties(b, 6, "DE country '德国' victim\nMSFT company '微软' accuser\n");
    rs_bundle_close(b);
}

/* ---- rows that lie ---- */

static char *damaged_copy(const char *name, const char *sql)
{
    char *path = support_copy_file(spans_bundle, scratch, name, 0);
    support_sql(path, sql);
    return path;
}

/* A lane of 2^40 (the lane count stays within the incidents), keys that
 * run backwards or are not numbers, negative counts, months that are no
 * months, an invalid name: what the queries return stays bounded and
 * valid, and the rows that lie are left out. */
static void test_lies(void **state)
{
    (void)state;
    char *path = damaged_copy("lies.sqlite",
                              "UPDATE incident SET lane = 1099511627776 WHERE id = 2;"
                              "UPDATE incident SET first_key = 20210900 WHERE id = 4;"
                              "UPDATE incident SET last_key = 'soon' WHERE id = 6;"
                              "UPDATE incident SET name = 'Alpha ' || x'ff' || ' breach', answer_count = -3 WHERE id = 1;"
                              "UPDATE month_count SET statement_count = -5 WHERE month = 3;"
                              "INSERT INTO month_count VALUES(2021, 13, 9, 1);"
                              "INSERT INTO month_count VALUES(-4, 1, 9, 1);"
                              "UPDATE meta SET value = '-3' WHERE key = 'undated_count';"
                              "UPDATE event SET key = 20990101 WHERE id = 1;"
                              "UPDATE event SET key = x'00' WHERE id = 2;"
                              "UPDATE event SET kind = 'rumour' WHERE id = 4;"
                              "UPDATE statement SET year = 2099 WHERE id = 2;");
    rs_bundle *b = open_bundle(path, NULL);
    expect_bars(b, "2021-00 1\n2021-03 0\n2021-07 2\nundated 0\n");
    expect_spans(b, ALL_FROM, ALL_TO, 8, 10,
                 "lanes 6\n"
                 "0: 1 alpha 'Alpha \xEF\xBF\xBD breach' 20210110..20210315\n"
                 "2: 3 gamma 'Gamma campaign' 20210315..20210500\n");
    /* Statement 2 claims 2099 between two of 2021: the binary search ends,
     * and the window's statements end where the keys pass its end (the
     * statements after it are not read). Events 1 (moved to 2099), 2 (a
     * blob key) and 4 (a kind no version knows) are left out. */
    expect_marks(b, 20210000, 20211231, 100, SPANS_MARK_YEAR SPANS_MARK_E3 SPANS_MARK_E5);
    expect_marks(b, 20990101, 20991231, 100, "E 1 20990101 attribution accuses 1 alpha\n");
    rs_bundle_close(b);
    free(path);

    /* A lane count with no incidents to bound it by. */
    path = damaged_copy("lanes.sqlite", "UPDATE incident SET lane = 2147483647 WHERE id = 6;"
                                        "DELETE FROM meta WHERE key = 'incident_count';");
    b = open_bundle(path, NULL);
    expect_spans(b, 20220000, ALL_TO, 4, 10, "lanes 1000000\n");
    rs_bundle_close(b);
    free(path);

    /* incident_party rows with codes and roles no bundle holds. */
    path = damaged_copy("parties.sqlite", "INSERT INTO incident_party VALUES(6, 'xx', 'accuser', 1, 0);"
                                          "INSERT INTO incident_party VALUES(6, 'FR', 'thief', 1, 0);"
                                          "INSERT INTO incident_party VALUES(6, x'4742', 'accuser', 1, 0);"
                                          "INSERT INTO incident_party VALUES(6, 'NO', 'victim', -1, -1);");
    b = open_bundle(path, NULL);
    expect_parties(b, 6, "DE country 'Germany' victim\nMSFT company 'Microsoft' accuser\nNO country 'NO' victim\n");
    rs_bundle_close(b);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus), cmocka_unit_test(test_thread_fixture), cmocka_unit_test(test_lanes),
        cmocka_unit_test(test_marks),  cmocka_unit_test(test_incident_parties), cmocka_unit_test(test_lies),
    };
    return cmocka_run_group_tests(tests, build_bundles, remove_bundles);
}
