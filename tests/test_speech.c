/* The speech engine (espeak-ng) and WAV files: real synthesis, checked by
 * what comes out (sample rate, length against the speed, not silence, the
 * voice chosen per language), and the WAV round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "speech.h"
#include "support.h"
#include "wav.h"

typedef struct collected {
    int16_t *samples;
    size_t count, capacity, chunks, stop_after;
} collected;

static bool collect(void *context, const int16_t *samples, size_t count)
{
    collected *c = context;
    if (c->count + count > c->capacity) {
        c->capacity = (c->count + count) * 2;
        c->samples = realloc(c->samples, c->capacity * sizeof *c->samples);
    }
    memcpy(c->samples + c->count, samples, count * sizeof *samples);
    c->count += count;
    c->chunks++;
    return !c->stop_after || c->chunks < c->stop_after;
}

static double rms(const int16_t *s, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)s[i] * s[i];
    return n ? sqrt(sum / (double)n) : 0;
}

static rs_speech *speech;

static int setup(void **state)
{
    (void)state;
    char error[256];
    speech = rs_speech_create(NULL, error, sizeof error);
    if (!speech)
        print_error("%s\n", error);
    return speech ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_speech_destroy(speech);
    return 0;
}

static collected say(const char *text, const char *language, rs_speech_speed speed)
{
    collected c = {0};
    assert_true(rs_speech_say(speech, text, language, RS_UI_EN, speed, collect, &c));
    return c;
}

static void test_one_engine(void **state)
{
    (void)state;
    assert_int_equal(rs_speech_sample_rate(speech), 22050);
    char error[256];
    assert_null(rs_speech_create(NULL, error, sizeof error));
    assert_string_equal(error, "the speech engine is already running (espeak-ng allows one a process)");
}

static void test_english_at_each_speed(void **state)
{
    (void)state;
    const char *text = "China is a staunch defender of cyber security and a main victim of cyber thefts and "
                       "attacks, the spokesperson said."; /* 20 words */
    double seconds[RS_SPEED_COUNT];
    for (int speed = 0; speed < RS_SPEED_COUNT; speed++) {
        collected c = say(text, "en", (rs_speech_speed)speed);
        seconds[speed] = (double)c.count / 22050.0;
        double expected = 20.0 * 60.0 / rs_speech_words_per_minute((rs_speech_speed)speed);
        print_message("speed %d: %.2f s (20 words at %d wpm: %.2f s), %zu chunks, rms %.0f\n", speed, seconds[speed],
                      rs_speech_words_per_minute((rs_speech_speed)speed), expected, c.chunks, rms(c.samples, c.count));
        /* Within a third of what the words per minute imply (espeak counts
         * syllables, not words; commas and the end add pauses). */
        assert_true(seconds[speed] > expected * 0.67 && seconds[speed] < expected * 1.33);
        assert_true(rms(c.samples, c.count) > 500);
        /* In chunks of about RS_SPEECH_CHUNK_MS (882 samples; espeak's
         * are a little longer), so playback can begin early. */
        assert_true(c.chunks >= c.count / (2 * 882));
        free(c.samples);
    }
    assert_true(seconds[RS_SPEED_SLOWER] > seconds[RS_SPEED_NORMAL] * 1.15);
    assert_true(seconds[RS_SPEED_NORMAL] > seconds[RS_SPEED_FASTER] * 1.15);
}

static void test_voices_per_language(void **state)
{
    (void)state;
    assert_string_equal(rs_speech_voice_for(speech, "en", RS_UI_EN), "en");
    assert_string_equal(rs_speech_voice_for(speech, "zh-Hans", RS_UI_EN), "cmn");
    assert_string_equal(rs_speech_voice_for(speech, "ru", RS_UI_EN), "ru");
    assert_string_equal(rs_speech_voice_for(speech, "ar", RS_UI_EN), "ar");
    assert_string_equal(rs_speech_voice_for(speech, "fr_FR", RS_UI_EN), "fr");
    assert_string_equal(rs_speech_voice_for(speech, "es-419", RS_UI_EN), "es");
    /* Others by espeak's own lookup. */
    assert_string_equal(rs_speech_voice_for(speech, "de", RS_UI_EN), "de");
    assert_string_equal(rs_speech_voice_for(speech, "he", RS_UI_EN), "he");
    /* Unknown: the UI language's voice, said in the log once. */
    assert_string_equal(rs_speech_voice_for(speech, "xx-test", RS_UI_RU), "ru");
    assert_string_equal(rs_log_recent(0),
                        "speech: espeak-ng has no voice for the language 'xx-test'; it is read with the voice 'ru'");
    rs_log("marker");
    assert_string_equal(rs_speech_voice_for(speech, "xx", RS_UI_ZH), "cmn");
    assert_string_equal(rs_log_recent(0), "marker");
    collected c = say("Привет.", "xx", RS_SPEED_NORMAL);
    assert_true(c.count > 0);
    free(c.samples);

    /* A voice set for a language; a voice that does not exist is refused. */
    char error[256];
    assert_false(rs_speech_set_voice(speech, "zh", "no-such-voice", error, sizeof error));
    assert_string_equal(error, "espeak-ng has no voice 'no-such-voice'");
    assert_string_equal(rs_speech_voice_for(speech, "zh", RS_UI_EN), "cmn");
    assert_true(rs_speech_set_voice(speech, "zh", "yue", error, sizeof error));
    assert_string_equal(rs_speech_voice_for(speech, "zh-Hans", RS_UI_EN), "yue");
    assert_true(rs_speech_has_voice(speech, "en-us"));
    assert_false(rs_speech_has_voice(speech, ""));
    /* Different voices sound different: Mandarin and Cantonese of one text. */
    collected yue = say("网络安全是全球性问题。", "zh", RS_SPEED_NORMAL);
    assert_true(rs_speech_set_voice(speech, "zh", "cmn", error, sizeof error));
    collected cmn = say("网络安全是全球性问题。", "zh", RS_SPEED_NORMAL);
    assert_true(yue.count != cmn.count || memcmp(yue.samples, cmn.samples, cmn.count * 2) != 0);
    free(yue.samples), free(cmn.samples);
}

/* The settings' voices: one espeak-ng does not have is said with its file
 * and line, and the default stays; the volume is applied. */
static void test_settings(void **state)
{
    (void)state;
    rs_config config;
    rs_config_defaults(&config);
    snprintf(config.path, sizeof config.path, "/etc/rostrum/rostrum.ini");
    config.voices[0] = (rs_config_voice){"zh", "nosuch", 7};
    config.voices[1] = (rs_config_voice){"ru", "en-us", 8};
    config.voices[2] = (rs_config_voice){"de", "nosuch-de", 9};
    config.voice_count = 3;
    config.audio_volume = 0;
    rs_speech_configure(speech, &config);
    assert_string_equal(rs_log_recent(1), "/etc/rostrum/rostrum.ini:7: voice_zh = nosuch: espeak-ng has no such voice; "
                                          "the voice 'cmn' is used instead");
    assert_string_equal(rs_log_recent(0), "/etc/rostrum/rostrum.ini:9: voice_de = nosuch-de: espeak-ng has no such "
                                          "voice; the voice 'de' is used instead");
    assert_string_equal(rs_speech_voice_for(speech, "zh", RS_UI_EN), "cmn");
    assert_string_equal(rs_speech_voice_for(speech, "ru", RS_UI_EN), "en-us");
    collected c = say("Тихо.", "ru", RS_SPEED_NORMAL);
    assert_true(c.count > 0 && rms(c.samples, c.count) < 1.0); /* volume 0 */
    free(c.samples);
    config.voices[0] = (rs_config_voice){"ru", "ru", 8};
    config.voice_count = 1;
    config.audio_volume = 100;
    rs_speech_configure(speech, &config);
    assert_string_equal(rs_speech_voice_for(speech, "ru", RS_UI_EN), "ru");
}

static void test_volume_and_stop(void **state)
{
    (void)state;
    const char *text = "The spokesperson said so on Tuesday.";
    collected loud = say(text, "en", RS_SPEED_NORMAL);
    rs_speech_set_volume(speech, 25);
    collected quiet = say(text, "en", RS_SPEED_NORMAL);
    rs_speech_set_volume(speech, 0);
    collected silent = say(text, "en", RS_SPEED_NORMAL);
    rs_speech_set_volume(speech, 100);
    print_message("rms at 100: %.0f, at 25: %.0f, at 0: %.0f\n", rms(loud.samples, loud.count),
                  rms(quiet.samples, quiet.count), rms(silent.samples, silent.count));
    assert_true(rms(quiet.samples, quiet.count) < rms(loud.samples, loud.count) * 0.5);
    assert_true(rms(silent.samples, silent.count) < 1.0);
    free(quiet.samples), free(silent.samples);

    /* The sink stops it after its first chunk. */
    collected stopped = {.stop_after = 1};
    assert_false(rs_speech_say(speech, text, "en", RS_UI_EN, RS_SPEED_NORMAL, collect, &stopped));
    assert_int_equal(stopped.chunks, 1);
    assert_true(stopped.count <= 2 * 882);
    free(stopped.samples);
    /* And the next say is whole again (espeak's length of one text varies
     * by a few hundred samples from one say to the next, stopped or not). */
    collected again = say(text, "en", RS_SPEED_NORMAL);
    assert_true(again.count + 1000 > loud.count && again.count < loud.count + 1000);
    free(again.samples), free(loud.samples);
}

static void test_wav_round_trip(void **state)
{
    (void)state;
    char *dir = support_temp_dir();
    char *path = support_path(dir, "a.wav");
    int16_t samples[5] = {0, 1, -1, 32767, -32768};
    char error[512];
    assert_true(rs_wav_write(path, samples, 5, 22050, error, sizeof error));
    size_t size;
    unsigned char *file = (unsigned char *)support_read_file(path, &size);
    assert_int_equal(size, 44 + 10);
    static const unsigned char header[44] = {'R', 'I', 'F', 'F', 46, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ',
                                             16, 0, 0, 0, 1, 0, 1, 0, 0x22, 0x56, 0, 0, 0x44, 0xAC, 0, 0, 2, 0, 16,
                                             0, 'd', 'a', 't', 'a', 10, 0, 0, 0};
    assert_memory_equal(file, header, 44);
    assert_int_equal(file[44 + 6], 0xFF), assert_int_equal(file[44 + 7], 0x7F);
    free(file);
    int16_t *back;
    size_t count;
    int rate;
    assert_true(rs_wav_read(path, &back, &count, &rate, error, sizeof error));
    assert_int_equal(count, 5), assert_int_equal(rate, 22050);
    assert_memory_equal(back, samples, sizeof samples);
    free(back);
    /* Cut short; not a WAV; a folder that does not exist. */
    support_write_file(path, "RIFF", 4);
    assert_false(rs_wav_read(path, &back, &count, &rate, error, sizeof error));
    char expected[1024];
    snprintf(expected, sizeof expected, "%s: not a mono 16-bit PCM WAV file", path);
    assert_string_equal(error, expected);
    char *missing = support_path(dir, "no/such.wav");
    assert_false(rs_wav_write(missing, samples, 5, 22050, error, sizeof error));
    snprintf(expected, sizeof expected, "%s: cannot be written: No such file or directory", missing);
    assert_string_equal(error, expected);
    free(missing), free(path);
    support_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_engine),
        cmocka_unit_test(test_english_at_each_speed),
        cmocka_unit_test(test_voices_per_language),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_volume_and_stop),
        cmocka_unit_test(test_wav_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
