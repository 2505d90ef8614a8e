/* The reader's Listen (issue 16) in a session without SDL: a recording fake
 * speaker, the sample corpus, touches and time on a fake clock. Every test
 * asserts the exact list of calls the speaker got. Text is measured by a
 * fake (10 px per ASCII character, 20 px per other one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "layout.h"
#include "session.h"
#include "support.h"
#include "utf8.h"
#include "utterance.h"

#define READER "statements/embassy-2021-07-20-exchange-accusation"

static char *scratch, *corpus_path;
static rs_bundle *corpus;
static uint64_t clock_ms;

/* ---- the recording speaker ---- */

#define MAX_CALLS 32

static struct {
    char calls[MAX_CALLS][160];
    size_t count;
    rs_utterance last; /* what the last read was given */
} heard;

static void record(const char *format, ...)
{
    assert_true(heard.count < MAX_CALLS);
    va_list args;
    va_start(args, format);
    vsnprintf(heard.calls[heard.count++], sizeof heard.calls[0], format, args);
    va_end(args);
}

static const char *const speed_names[RS_SPEED_COUNT] = {"slower", "normal", "faster"};

static void fake_read(void *context, const rs_utterance *utterance, size_t from, rs_speech_speed speed)
{
    (void)context;
    record("read %zu %s", from, speed_names[speed]);
    rs_utterance_free(&heard.last);
    assert_true(rs_utterance_copy(utterance, &heard.last));
}

static void fake_announce(void *context, const char *text, rs_ui_language language)
{
    (void)context, (void)language;
    record("announce %s", text);
}

static void fake_pause(void *context, bool paused)
{
    (void)context;
    record(paused ? "pause" : "resume");
}

static void fake_stop(void *context)
{
    (void)context;
    record("stop");
}

static const rs_speaker speaker = {NULL, fake_read, fake_announce, fake_pause, fake_stop};

/* The calls since the last check are exactly want[0..n). Announcements
 * (spoken navigation's) are left out unless with_announce. */
static void expect_calls_in(bool with_announce, const char *const *want, size_t n)
{
    char got[2048] = "", expected[2048] = "";
    for (size_t i = 0; i < heard.count; i++)
        if (with_announce || strncmp(heard.calls[i], "announce ", 9) != 0)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", got[0] ? " | " : "", heard.calls[i]);
    for (size_t i = 0; i < n; i++)
        snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s", i ? " | " : "", want[i]);
    if (strcmp(got, expected) != 0)
        fail_msg("speaker calls\n   got: %s\n  want: %s", got, expected);
}

#define EXPECT_CALLS(...)                                                                                              \
    expect_calls_in(false, (const char *const[]){__VA_ARGS__},                                                         \
                    sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
#define EXPECT_NO_CALLS() expect_calls_in(false, NULL, 0)

/* ---- the session ---- */

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
    rs_utterance_free(&heard.last);
    support_remove_tree(scratch);
    free(scratch), free(corpus_path);
    return 0;
}

static rs_session *start_with(const char *route, const rs_speaker *with)
{
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(corpus, measure, 800, 480);
    rs_session_set_idle(s, 90000, 10000, 300000);
    if (with)
        rs_session_set_speaker(s, with);
    char error[512];
    assert_int_equal(rs_session_open(s, route, error, sizeof error), 0);
    clock_ms = 1000;
    heard.count = 0;
    return s;
}

static rs_session *start(const char *route)
{
    return start_with(route, &speaker);
}

static void run_for(rs_session *s, unsigned ms)
{
    rs_draw_list draw = {0};
    for (uint64_t end = clock_ms + ms; clock_ms < end;) {
        clock_ms += 16;
        rs_session_tick(s, clock_ms);
        if (rs_session_needs_frame(s))
            rs_session_frame(s, clock_ms, &draw);
    }
    rs_draw_free(&draw);
}

static void frame_into(rs_session *s, rs_draw_list *draw)
{
    rs_session_frame(s, clock_ms, draw);
}

static void frame(rs_session *s)
{
    rs_draw_list draw = {0};
    frame_into(s, &draw);
    rs_draw_free(&draw);
}

/* The first target with this action (index -1: any), after a frame. */
static const rs_target *target_of(rs_session *s, rs_action_kind kind, int64_t index)
{
    frame(s);
    const rs_target_list *targets = rs_session_targets(s);
    for (size_t i = 0; i < targets->count; i++)
        if (targets->items[i].action.kind == kind && (index < 0 || targets->items[i].action.index == index))
            return &targets->items[i];
    return NULL;
}

static void tap_at(rs_session *s, float x, float y)
{
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
    run_for(s, 48);
    rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
    frame(s);
}

static void tap_target(rs_session *s, rs_action_kind kind, int64_t index)
{
    const rs_target *t = target_of(s, kind, index);
    if (!t)
        fail_msg("no target %d (%lld) on screen", kind, (long long)index);
    tap_at(s, (float)(t->rect.x + t->rect.w / 2), (float)(t->rect.y + t->rect.h / 2));
}

/* Listen, tapped: what it reads is the reader's utterance from its start. */
static void listen(rs_session *s)
{
    tap_target(s, RS_ACT_LISTEN, -1);
}

static bool same_color(rs_color a, rs_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The boxes behind the sentence heard in this frame: fills of the
 * speaking colour (their underlines are the accent's). */
static size_t spoken_boxes(rs_session *s, rs_rect *boxes, size_t max)
{
    rs_draw_list draw = {0};
    frame_into(s, &draw);
    const rs_theme *t = rs_session_theme(s);
    size_t n = 0;
    for (size_t i = 0; i < draw.count; i++)
        if (draw.items[i].kind == RS_DRAW_FILL && same_color(draw.items[i].color, t->speaking)) {
            if (n < max)
                boxes[n] = draw.items[i].rect;
            n++;
        }
    rs_draw_free(&draw);
    return n;
}

/* ---- tests ---- */

static void test_listen_reads_the_reader(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    const rs_target *button = target_of(s, RS_ACT_LISTEN, -1);
    assert_non_null(button);
    assert_true(button->in_content);
    assert_true(button->rect.h >= rs_session_theme(s)->target && button->rect.w >= rs_session_theme(s)->target);
    assert_null(target_of(s, RS_ACT_LISTEN_PAUSE, -1)); /* no controls before Listen */
    listen(s);
    EXPECT_CALLS("read 0 normal");
    /* The reader's own utterance, whole. */
    rs_utterance want;
    assert_true(rs_utterance_build(rs_session_screen(s), RS_UI_EN, &want));
    assert_int_equal(heard.last.count, want.count);
    assert_true(want.count > 4);
    for (size_t i = 0; i < want.count; i++) {
        assert_string_equal(heard.last.items[i].text, want.items[i].text);
        assert_int_equal(heard.last.items[i].start, want.items[i].start);
        assert_int_equal(heard.last.items[i].end, want.items[i].end);
    }
    rs_utterance_free(&want);
    /* The controls show, each a whole touch target, in the bar at the bottom. */
    const rs_action_kind kinds[] = {RS_ACT_LISTEN_PAUSE, RS_ACT_LISTEN_STOP, RS_ACT_LISTEN_SPEED,
                                    RS_ACT_LISTEN_SPEED, RS_ACT_LISTEN_SPEED};
    const int64_t indexes[] = {-1, -1, 0, 1, 2};
    for (size_t i = 0; i < 5; i++) {
        const rs_target *t = target_of(s, kinds[i], indexes[i]);
        assert_non_null(t);
        assert_false(t->in_content);
        assert_true(t->rect.h >= rs_session_theme(s)->target && t->rect.w >= rs_session_theme(s)->target);
        assert_true(t->rect.y > 480 * 3 / 4 && t->rect.y + t->rect.h <= 480);
    }
    /* Before the first report nothing is marked. */
    rs_rect boxes[8];
    assert_int_equal(spoken_boxes(s, boxes, 8), 0);
    rs_session_destroy(s);
    EXPECT_CALLS("read 0 normal", "stop"); /* the session's end stops it */
}

/* The title's sentence, then the body's: marked where their words are. */
static void test_sentence_marked(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    listen(s);
    rs_session_speech_at(s, 0, clock_ms); /* the title */
    rs_rect boxes[16];
    size_t n = spoken_boxes(s, boxes, 16);
    const rs_theme *t = rs_session_theme(s);
    assert_true(n >= 1);
    /* Behind the title, from the reading column's start. */
    int column = (800 - (t->font_px[RS_STYLE_BODY] * 34 < 800 - 2 * t->margin ? t->font_px[RS_STYLE_BODY] * 34
                                                                                : 800 - 2 * t->margin)) /
                 2;
    assert_int_equal(boxes[0].x, column - 1);
    assert_int_equal(boxes[0].y, t->bar_height + t->margin / 2);

    /* Sentence 3: the body's first sentence, at the body's start, as wide
     * as its words when it fits a line. */
    rs_session_speech_at(s, 3, clock_ms);
    run_for(s, 400);
    assert_int_equal(heard.last.items[3].part, RS_SAY_BODY);
    assert_int_equal(heard.last.items[3].start, 0);
    n = spoken_boxes(s, boxes, 16);
    assert_true(n >= 1);
    assert_int_equal(boxes[0].x, column - 1);
    /* In view, within the comfortable band (the top 80% of the page). */
    int top = t->bar_height, height = 480 - top - (480 - target_of(s, RS_ACT_LISTEN_PAUSE, -1)->rect.y) - t->gap;
    for (size_t i = 0; i < n && i < 16; i++) {
        assert_true(boxes[i].y >= top);
        assert_true(boxes[i].y + boxes[i].h <= top + height);
    }
    rs_session_destroy(s);
}

/* A sentence below the page glides into view: its start a fifth of the
 * way down, smoothly (in steps), and not while a finger is down. */
static void test_sentence_kept_in_view(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    listen(s);
    size_t last = heard.last.count - 1;
    assert_float_equal(rs_session_scroll_offset(s), 0, 0.01);
    /* A finger on the glass (in the margin, on no target): the mark moves,
     * the page does not. */
    rs_session_pointer(s, RS_POINTER_DOWN, 5, 300, clock_ms);
    run_for(s, 32);
    rs_session_speech_at(s, (int)last, clock_ms);
    run_for(s, 300);
    assert_float_equal(rs_session_scroll_offset(s), 0, 0.01);
    rs_session_pointer(s, RS_POINTER_UP, 5, 300, clock_ms);
    run_for(s, 300);
    assert_float_equal(rs_session_scroll_offset(s), 0, 0.01); /* not until the next sentence */

    rs_session_speech_at(s, (int)last - 1, clock_ms);
    run_for(s, 48);
    float midway = rs_session_scroll_offset(s);
    run_for(s, 400);
    float offset = rs_session_scroll_offset(s);
    assert_true(offset > 0);
    assert_true(midway > 0 && midway < offset); /* a glide, not a jump */
    rs_rect boxes[16];
    size_t n = spoken_boxes(s, boxes, 16);
    assert_true(n >= 1);
    const rs_theme *t = rs_session_theme(s);
    int pause_y = target_of(s, RS_ACT_LISTEN_PAUSE, -1)->rect.y;
    for (size_t i = 0; i < n && i < 16; i++)
        assert_true(boxes[i].y >= t->bar_height && boxes[i].y + boxes[i].h <= pause_y);

    /* The visitor scrolls back to the top: reading goes on, the page stays
     * there while the sentence heard... */
    rs_session_scroll_by(s, -10000, clock_ms);
    run_for(s, 400);
    assert_float_equal(rs_session_scroll_offset(s), 0, 0.01);
    /* ...until the next sentence has left the band: then it follows. */
    rs_session_speech_at(s, (int)last, clock_ms);
    run_for(s, 400);
    assert_true(rs_session_scroll_offset(s) > 0);
    rs_session_destroy(s);
}

static void test_controls(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    listen(s);
    rs_session_speech_at(s, 2, clock_ms);
    tap_target(s, RS_ACT_LISTEN_PAUSE, -1);
    EXPECT_CALLS("read 0 normal", "pause");
    tap_target(s, RS_ACT_LISTEN_PAUSE, -1); /* Resume */
    EXPECT_CALLS("read 0 normal", "pause", "resume");
    tap_target(s, RS_ACT_LISTEN_SPEED, RS_SPEED_FASTER);
    EXPECT_CALLS("read 0 normal", "pause", "resume", "read 2 faster");
    tap_target(s, RS_ACT_LISTEN_SPEED, RS_SPEED_FASTER); /* already */
    EXPECT_CALLS("read 0 normal", "pause", "resume", "read 2 faster");
    heard.count = 0;
    /* Paused, a speed waits for Resume, which reads at it from there. */
    rs_session_speech_at(s, 4, clock_ms);
    tap_target(s, RS_ACT_LISTEN_PAUSE, -1);
    tap_target(s, RS_ACT_LISTEN_SPEED, RS_SPEED_SLOWER);
    EXPECT_CALLS("pause");
    tap_target(s, RS_ACT_LISTEN_PAUSE, -1);
    EXPECT_CALLS("pause", "read 4 slower");
    /* Stop: the controls and the mark go, a late report changes nothing. */
    tap_target(s, RS_ACT_LISTEN_STOP, -1);
    EXPECT_CALLS("pause", "read 4 slower", "stop");
    assert_null(target_of(s, RS_ACT_LISTEN_PAUSE, -1));
    rs_session_speech_at(s, 5, clock_ms);
    rs_rect boxes[4];
    assert_int_equal(spoken_boxes(s, boxes, 4), 0);
    /* Listen again: from the start, at the speed selected. */
    listen(s);
    EXPECT_CALLS("pause", "read 4 slower", "stop", "read 0 slower");
    /* Read to the end: the controls go by themselves, nothing is called. */
    rs_session_speech_at(s, 1, clock_ms);
    rs_session_speech_at(s, -1, clock_ms);
    assert_null(target_of(s, RS_ACT_LISTEN_PAUSE, -1));
    assert_int_equal(spoken_boxes(s, boxes, 4), 0);
    rs_session_destroy(s);
    EXPECT_CALLS("pause", "read 4 slower", "stop", "read 0 slower");
}

/* The controls by keyboard: Tab reaches each, Enter acts. */
static void test_controls_by_keyboard(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    listen(s);
    bool seen[5] = {false};
    for (int i = 0; i < 60; i++) {
        rs_session_key(s, RS_KEY_TAB, clock_ms);
        rs_action f = rs_session_focus(s);
        if (f.kind == RS_ACT_LISTEN_PAUSE)
            seen[0] = true;
        if (f.kind == RS_ACT_LISTEN_STOP)
            seen[1] = true;
        if (f.kind == RS_ACT_LISTEN_SPEED && f.index >= 0 && f.index < 3)
            seen[2 + f.index] = true;
    }
    for (int i = 0; i < 5; i++)
        assert_true(seen[i]);
    while (rs_session_focus(s).kind != RS_ACT_LISTEN_PAUSE)
        rs_session_key(s, RS_KEY_TAB, clock_ms);
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    EXPECT_CALLS("read 0 normal", "pause");
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_LISTEN_PAUSE); /* it stays, now Resume */
    rs_session_destroy(s);
}

/* Every way out of the reader stops what it reads; opening its notes in
 * place and the text size do not. */
static void test_stops_when_left(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    listen(s);
    tap_target(s, RS_ACT_TEXT_LARGER, -1);
    tap_target(s, RS_ACT_EXPAND, -1);
    EXPECT_CALLS("read 0 normal");
    rs_session_key(s, RS_KEY_BACK, clock_ms);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);

    s = start(READER);
    listen(s);
    rs_session_key(s, RS_KEY_HOME, clock_ms);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);

    s = start(READER);
    listen(s);
    tap_target(s, RS_ACT_BACK, -1);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);

    s = start(READER); /* a chip: a party's page */
    listen(s);
    const rs_target_list *targets = rs_session_targets(s);
    const rs_target *chip = NULL;
    for (size_t i = 0; i < targets->count && !chip; i++)
        if (targets->items[i].action.kind == RS_ACT_ROUTE && targets->items[i].in_content)
            chip = &targets->items[i];
    assert_non_null(chip);
    tap_at(s, (float)(chip->rect.x + chip->rect.w / 2), (float)(chip->rect.y + chip->rect.h / 2));
    assert_int_not_equal(rs_session_screen(s)->kind, RS_SCREEN_READER);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);

    s = start(READER); /* a route that is not in the bundle: its error screen */
    listen(s);
    char error[512];
    assert_int_equal(rs_session_open(s, "statements/no-such-statement", error, sizeof error), 1);
    assert_null(rs_session_screen(s));
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);

    s = start(READER);
    listen(s);
    rs_session_set_language(s, RS_UI_FR);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_set_language(s, RS_UI_EN);
    rs_session_destroy(s);
}

static void test_stops_on_next(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    listen(s);
    /* Next is at the page's end. */
    for (int i = 0; i < 40 && !target_of(s, RS_ACT_NEXT, -1); i++) {
        rs_session_key(s, RS_KEY_PAGE_DOWN, clock_ms);
        run_for(s, 200);
    }
    EXPECT_CALLS("read 0 normal");
    tap_target(s, RS_ACT_NEXT, -1);
    EXPECT_CALLS("read 0 normal", "stop");
    assert_int_equal(rs_session_screen(s)->kind, RS_SCREEN_READER);
    rs_session_destroy(s);
}

/* A translation shown in place of the statement read: a new text, so it
 * stops (and Listen reads the translation from its start). */
static void test_stops_on_translation(void **state)
{
    (void)state;
    rs_diags *diags = rs_diags_create();
    char *path = support_path(scratch, "languages.sqlite");
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/languages", .output_path = path};
    assert_true(rs_build(&options, diags, NULL));
    rs_diags_destroy(diags);
    char error[512];
    rs_bundle *b = rs_bundle_open(path, error, sizeof error);
    assert_non_null(b);
    rs_text_measure measure = {NULL, fake_width};
    rs_session *s = rs_session_create(b, measure, 800, 480);
    rs_session_set_speaker(s, &speaker);
    assert_int_equal(rs_session_open(s, "statements/zh-test-statement", error, sizeof error), 0);
    heard.count = 0;
    listen(s);
    assert_string_equal(heard.last.items[0].language, "zh-Hans"); /* the statement's tag */
    tap_target(s, RS_ACT_TRANSLATION, 0);
    EXPECT_CALLS("read 0 normal", "stop");
    listen(s);
    EXPECT_CALLS("read 0 normal", "stop", "read 0 normal");
    assert_string_equal(heard.last.items[0].language, "en");
    rs_session_destroy(s);
    rs_bundle_close(b);
    free(path);
}

static bool pin_is_1234(void *context, const char *pin)
{
    (void)context;
    return strcmp(pin, "1234") == 0;
}

static void test_stops_for_staff(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    rs_session_set_admin(s, 5000, pin_is_1234, NULL);
    listen(s);
    rs_session_key(s, RS_KEY_ADMIN, clock_ms);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_PIN);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);
}

/* The idle reset stops it; the attract loop starting silences the speaker
 * whatever it says; a report that comes late shows nothing. */
static void test_idle_and_attract(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    rs_session_set_idle(s, 10000, 5000, 20000);
    listen(s);
    /* While it reads, each sentence heard holds the countdown off. */
    for (int i = 0; i < 6; i++) {
        run_for(s, 4000);
        rs_session_speech_at(s, i, clock_ms);
    }
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    EXPECT_CALLS("read 0 normal");
    /* Paused, nothing is heard: the countdown, then the reset. */
    tap_target(s, RS_ACT_LISTEN_PAUSE, -1);
    run_for(s, 10100);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    EXPECT_CALLS("read 0 normal", "pause");
    run_for(s, 5100);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    assert_int_equal(rs_session_nav(s)->depth, 1);
    EXPECT_CALLS("read 0 normal", "pause", "stop");
    rs_session_speech_at(s, 6, clock_ms);
    run_for(s, 20100);
    assert_int_equal(rs_session_mode_now(s), RS_MODE_ATTRACT);
    EXPECT_CALLS("read 0 normal", "pause", "stop", "stop");
    rs_session_destroy(s);
    EXPECT_CALLS("read 0 normal", "pause", "stop", "stop");
}

/* Reading, the visitor leaves it to the countdown and the reset. */
static void test_idle_reset_while_reading(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    rs_session_set_idle(s, 10000, 5000, 0);
    listen(s);
    rs_session_speech_at(s, 0, clock_ms);
    run_for(s, 15200);
    assert_int_equal(rs_session_nav(s)->depth, 1);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);
}

/* A reading left to run with nobody there: the sentences hold the
 * countdown off for 20 minutes after the last touch, then the warning comes
 * over the reading and the reset stops it (a long statement read to an
 * empty room must not keep the kiosk from resetting for hours). */
static void test_reading_to_nobody(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    rs_session_set_idle(s, 10000, 5000, 0);
    listen(s);
    uint64_t tapped = clock_ms;
    while (clock_ms - tapped < 20 * 60 * 1000 - 2500) {
        run_for(s, 2500);
        rs_session_speech_at(s, 3, clock_ms);
        assert_int_equal(rs_session_mode_now(s), RS_MODE_BROWSE);
    }
    for (int i = 0; i < 8 && rs_session_mode_now(s) == RS_MODE_BROWSE; i++) {
        run_for(s, 2500);
        rs_session_speech_at(s, 3, clock_ms);
    }
    assert_int_equal(rs_session_mode_now(s), RS_MODE_COUNTDOWN);
    /* The last sentence that counted came within 2.5 s before the 20
     * minutes were up; the warning 10 s after it. */
    assert_true(clock_ms - tapped >= 20 * 60 * 1000 + 10000 - 2500);
    EXPECT_CALLS("read 0 normal"); /* still reading under the warning */
    for (int i = 0; i < 3; i++) {
        run_for(s, 2000);
        rs_session_speech_at(s, 3, clock_ms);
    }
    assert_int_equal(rs_session_nav(s)->depth, 1);
    EXPECT_CALLS("read 0 normal", "stop");
    rs_session_destroy(s);
}

static void test_no_speaker_no_button(void **state)
{
    (void)state;
    rs_session *s = start_with(READER, NULL);
    assert_null(target_of(s, RS_ACT_LISTEN, -1));
    rs_draw_list draw = {0};
    frame_into(s, &draw);
    for (size_t i = 0; i < draw.count; i++)
        if (draw.items[i].kind == RS_DRAW_TEXT)
            assert_false(draw.items[i].length == strlen("Listen") && !memcmp(draw.items[i].text, "Listen", 6));
    rs_draw_free(&draw);
    rs_session_set_speaker(s, &speaker);
    assert_non_null(target_of(s, RS_ACT_LISTEN, -1));
    listen(s);
    rs_session_set_speaker(s, NULL); /* the device went: stopped, and no button */
    EXPECT_CALLS("read 0 normal", "stop");
    assert_null(target_of(s, RS_ACT_LISTEN, -1));
    assert_null(target_of(s, RS_ACT_LISTEN_PAUSE, -1));
    rs_session_destroy(s);
    EXPECT_CALLS("read 0 normal", "stop");
}

/* Listen held 3 s turns spoken navigation on, and again off; held less
 * it does nothing; neither reads. */
static void test_hold_listen(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    const rs_target *t = target_of(s, RS_ACT_LISTEN, -1);
    float x = (float)(t->rect.x + t->rect.w / 2), y = (float)(t->rect.y + t->rect.h / 2);
    bool before = rs_session_spoken_navigation(s);
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
    run_for(s, 2000);
    rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
    run_for(s, 100);
    assert_int_equal(rs_session_spoken_navigation(s), before);
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
    assert_true(rs_session_timeout(s, clock_ms) <= 3000);
    run_for(s, 3050);
    assert_int_equal(rs_session_spoken_navigation(s), !before);
    rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
    run_for(s, 100);
    assert_int_equal(rs_session_spoken_navigation(s), !before);
    rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
    run_for(s, 3050);
    rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
    assert_int_equal(rs_session_spoken_navigation(s), before);
    for (size_t i = 0; i < heard.count; i++)
        assert_true(strncmp(heard.calls[i], "read", 4) != 0);
    rs_session_destroy(s);
}

/* Tab, at least once, until the focus is on kind (and index, when >= 0);
 * heard keeps only the last key's calls. */
static void tab_to(rs_session *s, rs_action_kind kind, int64_t index)
{
    for (int i = 0; i < 40; i++) {
        heard.count = 0;
        rs_session_key(s, RS_KEY_TAB, clock_ms);
        rs_action focus = rs_session_focus(s);
        if (focus.kind == kind && (index < 0 || focus.index == index))
            return;
    }
    fail_msg("Tab never reached action %d (%lld)", (int)kind, (long long)index);
}

/* Listen held turns spoken navigation on for this visitor only: the idle
 * reset gives the next one what the settings say (off here, then on). And
 * with it on, a key while Listen reads pauses it (the control's name is
 * said instead), the control is said as Resume, and Resume reads again from
 * the sentence heard. */
static void test_hold_is_for_one_visitor(void **state)
{
    (void)state;
    for (int setting = 0; setting < 2; setting++) {
        rs_session *s = start(READER);
        rs_session_set_idle(s, 10000, 5000, 0);
        rs_session_set_spoken_navigation(s, setting == 1);
        const rs_target *t = target_of(s, RS_ACT_LISTEN, -1);
        float x = (float)(t->rect.x + t->rect.w / 2), y = (float)(t->rect.y + t->rect.h / 2);
        rs_session_pointer(s, RS_POINTER_DOWN, x, y, clock_ms);
        run_for(s, 3050);
        rs_session_pointer(s, RS_POINTER_UP, x, y, clock_ms);
        assert_int_equal(rs_session_spoken_navigation(s), setting == 0);
        run_for(s, 15200); /* the countdown, then the reset */
        assert_int_equal(rs_session_nav(s)->depth, 1);
        assert_int_equal(rs_session_spoken_navigation(s), setting == 1);
        rs_session_destroy(s);
    }
    rs_session *s = start(READER);
    rs_session_set_spoken_navigation(s, true);
    listen(s);
    rs_session_speech_at(s, 4, clock_ms); /* the fifth sentence is heard */
    /* The first key pauses the reading (its control's name replaces it),
     * so the control is said as it then is: Resume. */
    tab_to(s, RS_ACT_LISTEN_PAUSE, -1);
    assert_string_equal(heard.calls[heard.count - 1], "announce Resume, button");
    /* Resume reads again from the sentence heard: the announcements took
     * the voice, so there is nothing to resume in it. */
    heard.count = 0;
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_calls_in(true, (const char *const[]){"read 4 normal"}, 1);
    /* Enter on Pause: paused, and the control's new name said; that
     * replaced the paused reading in the voice, so Resume reads from the
     * same sentence again. */
    heard.count = 0;
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_calls_in(true, (const char *const[]){"pause", "announce Resume, button"}, 2);
    rs_session_key(s, RS_KEY_SHIFT_TAB, clock_ms);
    rs_session_key(s, RS_KEY_TAB, clock_ms);
    assert_int_equal(rs_session_focus(s).kind, RS_ACT_LISTEN_PAUSE);
    assert_string_equal(heard.calls[heard.count - 1], "announce Resume, button");
    heard.count = 0;
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_calls_in(true, (const char *const[]){"read 4 normal"}, 1);
    /* Faster reached with the keys while it reads (which pauses it to say
     * the control's name): Enter reads on at once, faster, from the
     * sentence heard, and nothing is said over it. */
    rs_session_speech_at(s, 6, clock_ms);
    tab_to(s, RS_ACT_LISTEN_SPEED, RS_SPEED_FASTER);
    heard.count = 0;
    rs_session_key(s, RS_KEY_ACTIVATE, clock_ms);
    expect_calls_in(true, (const char *const[]){"read 6 faster"}, 1);
    rs_session_destroy(s);
}

/* Mirrored for Arabic: Pause at the right, then Stop; the speeds from
 * Slower on the right to Faster on the left, left of them. */
static void test_controls_mirrored(void **state)
{
    (void)state;
    rs_session *s = start(READER);
    rs_session_set_language(s, RS_UI_AR);
    listen(s);
    EXPECT_CALLS("read 0 normal");
    rs_rect pause = target_of(s, RS_ACT_LISTEN_PAUSE, -1)->rect, stop = target_of(s, RS_ACT_LISTEN_STOP, -1)->rect;
    rs_rect slower = target_of(s, RS_ACT_LISTEN_SPEED, 0)->rect, faster = target_of(s, RS_ACT_LISTEN_SPEED, 2)->rect;
    const rs_theme *t = rs_session_theme(s);
    assert_int_equal(pause.x + pause.w, 800 - t->margin);
    assert_true(stop.x + stop.w < pause.x);
    assert_true(slower.x + slower.w < stop.x || slower.y > stop.y);
    assert_true(faster.x + faster.w < slower.x);
    rs_session_set_language(s, RS_UI_EN);
    rs_session_destroy(s);
}

/* The controls' words for spoken navigation: what each shows. */
static void test_labels(void **state)
{
    (void)state;
    const struct {
        rs_action action;
        bool paused;
        const char *words;
    } cases[] = {
        {{.kind = RS_ACT_LISTEN}, false, "Listen"},
        {{.kind = RS_ACT_LISTEN_PAUSE}, false, "Pause"},
        {{.kind = RS_ACT_LISTEN_PAUSE}, true, "Resume"},
        {{.kind = RS_ACT_LISTEN_STOP}, false, "Stop"},
        {{.kind = RS_ACT_LISTEN_SPEED, .index = RS_SPEED_SLOWER}, false, "Slower"},
        {{.kind = RS_ACT_LISTEN_SPEED, .index = RS_SPEED_NORMAL}, false, "Normal"},
        {{.kind = RS_ACT_LISTEN_SPEED, .index = RS_SPEED_FASTER}, true, "Faster"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(rs_layout_listen_label(&cases[i].action, cases[i].paused), cases[i].words);
    assert_null(rs_layout_listen_label(&(rs_action){.kind = RS_ACT_BACK}, false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_listen_reads_the_reader),
        cmocka_unit_test(test_sentence_marked),
        cmocka_unit_test(test_sentence_kept_in_view),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_controls_by_keyboard),
        cmocka_unit_test(test_stops_when_left),
        cmocka_unit_test(test_stops_on_next),
        cmocka_unit_test(test_stops_on_translation),
        cmocka_unit_test(test_stops_for_staff),
        cmocka_unit_test(test_idle_and_attract),
        cmocka_unit_test(test_idle_reset_while_reading),
        cmocka_unit_test(test_reading_to_nobody),
        cmocka_unit_test(test_no_speaker_no_button),
        cmocka_unit_test(test_hold_listen),
        cmocka_unit_test(test_hold_is_for_one_visitor),
        cmocka_unit_test(test_controls_mirrored),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
