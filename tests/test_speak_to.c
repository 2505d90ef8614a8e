/* `rostrum --speak-to`: the real program writes what Listen says to a WAV
 * file, without a display or a sound card. Checked: the engine's sample
 * rate, a duration within a tolerance of what the text implies, not
 * silence, the statement's own voice (English and Chinese differ, and the
 * Chinese title is the Mandarin voice's), a slower speed is longer, and the
 * exact errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "i18n.h"
#include "screen.h"
#include "speech.h"
#include "support.h"
#include "utf8.h"
#include "utterance.h"
#include "wav.h"

#define ENGLISH "statements/xinhua-2021-07-20-embassy-exchange-accusation"
#define CHINESE "statements/zh-test-statement"

static char *scratch, *languages;

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    languages = support_path(scratch, "languages.sqlite");
    rs_diags *diags = rs_diags_create();
    rs_build_options options = {.source_dir = ROSTRUM_FIXTURES "/sources/languages", .output_path = languages};
    bool ok = rs_build(&options, diags, NULL);
    rs_diags_destroy(diags);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(scratch);
    free(scratch), free(languages);
    return 0;
}

typedef struct wav {
    int16_t *samples;
    size_t count;
    int rate;
} wav;

/* Runs rostrum on bundle with arguments; returns its status and what it
 * printed (caller frees). */
static int run(const char *bundle, const char *arguments, char **output)
{
    char command[4096];
    snprintf(command, sizeof command, "'%s' '%s' %s", ROSTRUM_VIEWER, bundle, arguments);
    return support_run(command, output);
}

static wav speak(const char *bundle, const char *route, const char *extra)
{
    char *path = support_path(scratch, "out.wav"), arguments[2048], *output = NULL;
    snprintf(arguments, sizeof arguments, "--route %s --speak-to '%s' %s", route, path, extra);
    int status = run(bundle, arguments, &output);
    if (status != 0)
        fail_msg("exit %d: %s", status, output);
    assert_string_equal(output, ""); /* nothing to say on success */
    free(output);
    wav w;
    char error[512];
    if (!rs_wav_read(path, &w.samples, &w.count, &w.rate, error, sizeof error))
        fail_msg("%s", error);
    remove(path);
    free(path);
    return w;
}

typedef struct buffer {
    int16_t *s;
    size_t n;
} buffer;

static bool collect(void *context, const int16_t *samples, size_t count)
{
    buffer *b = context;
    b->s = realloc(b->s, (b->n + count) * sizeof *samples);
    memcpy(b->s + b->n, samples, count * sizeof *samples);
    b->n += count;
    return true;
}

static double rms(const int16_t *s, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)s[i] * s[i];
    return n ? sqrt(sum / (double)n) : 0;
}

/* The share of 20 ms windows with sound in them (RMS over 100 of 32,767). */
static double voiced_share(const wav *w)
{
    size_t window = (size_t)w->rate / 50, voiced = 0, total = 0;
    for (size_t i = 0; i + window <= w->count; i += window, total++)
        voiced += rms(w->samples + i, window) > 100;
    return total ? (double)voiced / (double)total : 0;
}

/* What the text implies: the utterance of route, built here as the program
 * builds it, timed at the speed's words a minute (English: words; Chinese:
 * characters, at the rate measured for espeak-ng's Mandarin voice, see
 * below), plus the pauses between sentences. */
/* espeak-ng's Mandarin voice takes about as long for a character as its
 * English voice for a word: measured here, 42 characters of the fixture's
 * body in 16.7 s at 160 "words" a minute (1.06 words a character). */
#define HANZI_AS_WORDS 1.0

static double implied_seconds(const char *bundle_path, const char *route_text, rs_speech_speed speed)
{
    char error[512];
    rs_bundle *bundle = rs_bundle_open(bundle_path, error, sizeof error);
    assert_non_null(bundle);
    rs_nav_entry entry = {.role_filter = -1};
    assert_true(rs_route_parse(route_text, &entry.route, error, sizeof error));
    rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
    assert_non_null(s);
    rs_utterance u;
    assert_true(rs_utterance_build(s, RS_UI_EN, &u));
    double seconds = 0;
    double wpm = rs_speech_words_per_minute(speed);
    for (size_t i = 0; i < u.count; i++) {
        const char *t = u.items[i].text;
        size_t words = 0, hanzi = 0, size;
        bool in_word = false;
        for (size_t k = 0; t[k]; k += size) {
            uint32_t cp = 0;
            size = rs_utf8_decode(t + k, strlen(t + k), &cp);
            bool cjk = cp >= 0x4E00 && cp <= 0x9FFF;
            hanzi += cjk;
            bool word_char = !cjk && cp != ' ' && cp != '\n';
            words += word_char && !in_word;
            in_word = word_char;
        }
        seconds += ((double)words + (double)hanzi * HANZI_AS_WORDS) * 60.0 / wpm;
        seconds += rs_speech_pause_after_ms(&u, i) / 1000.0;
    }
    rs_utterance_free(&u);
    rs_screen_destroy(s);
    rs_bundle_close(bundle);
    return seconds;
}

static void test_english_statement(void **state)
{
    (void)state;
    wav w = speak(ROSTRUM_SAMPLE_BUNDLE, ENGLISH, "");
    assert_int_equal(w.rate, 22050);
    double seconds = (double)w.count / w.rate;
    double implied = implied_seconds(ROSTRUM_SAMPLE_BUNDLE, ENGLISH, RS_SPEED_NORMAL);
    print_message("English: %.1f s, the text implies %.1f s; RMS %.0f, %.0f%% of 20 ms windows voiced\n", seconds,
                  implied, rms(w.samples, w.count), 100 * voiced_share(&w));
    /* Within 20-25%: espeak says numbers as several words ("830,000" is
     * "eight hundred and thirty thousand"), spells "UK" and "IP", and
     * pauses at commas, all of which the count of written words misses
     * (measured: 147.1 s against 132.7 s implied, 1.11). */
    assert_true(seconds > implied * 0.8 && seconds < implied * 1.25);
    assert_true(rms(w.samples, w.count) > 1000);
    assert_true(voiced_share(&w) > 0.6);
    free(w.samples);
}

static void test_chinese_statement(void **state)
{
    (void)state;
    wav zh = speak(languages, CHINESE, "");
    assert_int_equal(zh.rate, 22050);
    double seconds = (double)zh.count / zh.rate;
    double implied = implied_seconds(languages, CHINESE, RS_SPEED_NORMAL);
    print_message("Chinese: %.1f s, the text implies %.1f s; RMS %.0f, %.0f%% voiced\n", seconds, implied,
                  rms(zh.samples, zh.count), 100 * voiced_share(&zh));
    assert_true(seconds > implied * 0.8 && seconds < implied * 1.25);
    assert_true(rms(zh.samples, zh.count) > 1000);

    /* It begins with the title in the Mandarin voice: the same samples as
     * the engine gives here for it in Chinese, not those it gives in English. */
    char error[256];
    rs_speech *speech = rs_speech_create(NULL, error, sizeof error);
    assert_non_null(speech);
    rs_speech_set_volume(speech, 80); /* the settings' default */
    const char *title = "外交部发言人就所谓网络攻击问题答记者问（测试文本）";
    buffer cmn = {0}, en = {0};
    assert_true(rs_speech_say(speech, title, "zh-Hans", RS_UI_EN, RS_SPEED_NORMAL, collect, &cmn));
    assert_true(rs_speech_say(speech, title, "en", RS_UI_EN, RS_SPEED_NORMAL, collect, &en));
    rs_speech_destroy(speech);
    print_message("title: %zu samples in Mandarin, %zu in English\n", cmn.n, en.n);
    size_t head = 22050; /* the first second */
    assert_true(cmn.n > head && en.n > head && zh.count > head);
    assert_memory_equal(zh.samples, cmn.s, head * sizeof *cmn.s);
    assert_memory_not_equal(zh.samples, en.s, head * sizeof *en.s);
    free(cmn.s), free(en.s);

    wav english = speak(ROSTRUM_SAMPLE_BUNDLE, ENGLISH, "");
    assert_true(english.count != zh.count);
    size_t n = english.count < zh.count ? english.count : zh.count;
    assert_memory_not_equal(english.samples, zh.samples, n * sizeof *english.samples);
    free(english.samples), free(zh.samples);
}
static void test_slower_is_longer(void **state)
{
    (void)state;
    wav normal = speak(languages, CHINESE, "");
    wav slower = speak(languages, CHINESE, "--speed slower");
    wav faster = speak(languages, CHINESE, "--speed=faster");
    print_message("slower %zu, normal %zu, faster %zu samples\n", slower.count, normal.count, faster.count);
    assert_true((double)slower.count > (double)normal.count * 1.15);
    assert_true((double)normal.count > (double)faster.count * 1.15);
    free(normal.samples), free(slower.samples), free(faster.samples);
}

static void test_errors(void **state)
{
    (void)state;
    char *path = support_path(scratch, "never.wav"), arguments[2048], *output = NULL;
    snprintf(arguments, sizeof arguments, "--route countries --speak-to '%s'", path);
    assert_int_equal(run(ROSTRUM_SAMPLE_BUNDLE, arguments, &output), 2);
    assert_string_equal(output,
                        "rostrum: --speak-to reads one statement: give --route statements/ID (not 'countries')\n");
    free(output);
    snprintf(arguments, sizeof arguments, "--speak-to '%s'", path);
    assert_int_equal(run(ROSTRUM_SAMPLE_BUNDLE, arguments, &output), 2);
    assert_string_equal(output, "rostrum: --speak-to reads one statement: give --route statements/ID (not 'home')\n");
    free(output);
    snprintf(arguments, sizeof arguments, "--route statements/nope --speak-to '%s'", path);
    assert_int_equal(run(ROSTRUM_SAMPLE_BUNDLE, arguments, &output), 1);
    assert_string_equal(output, "rostrum: This bundle has no statement 'nope'.\n");
    free(output);
    snprintf(arguments, sizeof arguments, "--route %s --speak-to '%s' --screenshot x.png", ENGLISH, path);
    assert_int_equal(run(ROSTRUM_SAMPLE_BUNDLE, arguments, &output), 2);
    assert_string_equal(output,
                        "rostrum: --speak-to writes sound only: use it without --screenshot and --script\n");
    free(output);
    snprintf(arguments, sizeof arguments, "--route %s --speak-to '%s' --speed fast", ENGLISH, path);
    assert_int_equal(run(ROSTRUM_SAMPLE_BUNDLE, arguments, &output), 2);
    assert_string_equal(output, "rostrum: --speed takes slower, normal or faster (got 'fast')\n");
    free(output);
    assert_false(support_exists(path));
    free(path);
    assert_int_equal(run(ROSTRUM_SAMPLE_BUNDLE, "--route " ENGLISH " --speak-to /nonexistent/x.wav", &output), 1);
    assert_string_equal(output, "rostrum: /nonexistent/x.wav: cannot be written: No such file or directory\n");
    free(output);
}

/* The viewer in a window with env set and config as its settings: exit 0
 * and exactly expected on its output. */
static void expect_window(const char *env, const char *config, const char *expected)
{
    char command[4096], *output = NULL;
    snprintf(command, sizeof command,
             "%s SDL_VIDEODRIVER=offscreen '%s' --software --fonts '%s/assets/fonts' '%s' --exit-after-first-frame "
             "--config '%s'",
             env, ROSTRUM_VIEWER, ROSTRUM_SOURCE_DIR, ROSTRUM_SAMPLE_BUNDLE, config);
    assert_int_equal(support_run(command, &output), 0);
    assert_string_equal(output, expected);
    free(output);
}

/* The viewer in a window: without a sound card it says so once, in one
 * line, and starts (no Listen button); with [audio] enabled = false it
 * says nothing and never opens a device; on SDL's dummy device it starts
 * and stops cleanly (test_program). */
static void test_window_without_sound(void **state)
{
    (void)state;
    expect_window("SDL_AUDIODRIVER=nosuch", "/dev/null",
                  "rostrum: speech: no sound (Audio target 'nosuch' not available); the reader has no Listen "
                  "button\n");
    /* ALSA with no card to open (an empty configuration has no "default"):
     * alsa-lib's own message is in the one line, not on stderr apart. */
    expect_window("ALSA_CONFIG_PATH=/dev/null SDL_AUDIODRIVER=alsa", "/dev/null",
                  "rostrum: speech: no audio device: ALSA: Couldn't open audio device: No such file or directory "
                  "(alsa-lib: Unknown PCM default); the reader has no Listen button\n");
    char *settings = support_path(scratch, "quiet.ini");
    support_write_text(scratch, "quiet.ini", "[audio]\nenabled = false\n");
    expect_window("SDL_AUDIODRIVER=nosuch", settings, "");
    /* A voice espeak-ng does not have: the file and line, at start. */
    support_write_text(scratch, "voices.ini", "[audio]\n\nvoice_zh = nosuch\n");
    free(settings);
    settings = support_path(scratch, "voices.ini");
    char expected[2048];
    snprintf(expected, sizeof expected,
             "rostrum: %s:3: voice_zh = nosuch: espeak-ng has no such voice; the voice 'cmn' is used instead\n",
             settings);
    expect_window("SDL_AUDIODRIVER=dummy", settings, expected);
    free(settings);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_statement),
        cmocka_unit_test(test_chinese_statement),
        cmocka_unit_test(test_slower_is_longer),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_window_without_sound),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
