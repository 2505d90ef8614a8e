/* The audio player on SDL's "disk" audio driver, which takes samples in
 * real time as a sound card does and writes them to a file (SDL_DISKAUDIOFILE;
 * SDL 2 uses it, like "dummy", only when asked for by name). Checked: the
 * sentences are reported heard in order and then the end, from a given
 * sentence too; the first sound comes fast; Stop and Pause silence the
 * device at once (the file's tail is silence); an announcement replaces a
 * reading. Real time: labelled kiosk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "player.h"
#include "speech.h"
#include "support.h"

static char *scratch, *disk_file;
static rs_speech *speech;
static SDL_atomic_t notified;

static void notify(void *context)
{
    (void)context;
    SDL_AtomicAdd(&notified, 1);
}

static int setup(void **state)
{
    (void)state;
    scratch = support_temp_dir();
    disk_file = support_path(scratch, "device.raw");
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", disk_file, 1);
    if (SDL_Init(SDL_INIT_AUDIO) != 0)
        return -1;
    char error[256];
    speech = rs_speech_create(NULL, error, sizeof error);
    return speech ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rs_speech_destroy(speech);
    SDL_Quit();
    support_remove_tree(scratch);
    free(scratch), free(disk_file);
    return 0;
}

static rs_utterance make(const char *const *texts, size_t n)
{
    rs_utterance u = {.items = calloc(n, sizeof(rs_sentence)), .count = n};
    for (size_t i = 0; i < n; i++) {
        u.items[i] = (rs_sentence){.part = RS_SAY_BODY, .paragraph = 0, .text = strdup(texts[i])};
        strcpy(u.items[i].language, "en");
    }
    return u;
}

static rs_player *open_player(void)
{
    char error[256];
    rs_player *p = rs_player_create(speech, notify, NULL, error, sizeof error);
    if (!p)
        fail_msg("%s", error);
    assert_int_equal(rs_player_rate(p), 22050);
    return p;
}

/* Polls until the reading ends (or timeout_ms), recording the sentences
 * reported. Returns how many. */
static size_t listen_to_end(rs_player *p, int *heard, size_t max, int timeout_ms)
{
    size_t n = 0;
    for (int waited = 0; waited < timeout_ms; waited += 5) {
        int sentence;
        bool finished;
        if (rs_player_poll(p, &sentence, &finished)) {
            if (sentence >= 0 && n < max)
                heard[n++] = sentence;
            if (finished)
                return n;
        }
        SDL_Delay(5);
    }
    fail_msg("the reading did not end within %d ms", timeout_ms);
    return n;
}

static void test_reads_every_sentence(void **state)
{
    (void)state;
    static const char *const texts[] = {"One.", "Two words.", "And the third."};
    rs_utterance u = make(texts, 3);
    rs_player *p = open_player();
    SDL_AtomicSet(&notified, 0);
    rs_player_read(p, &u, 0, RS_SPEED_FASTER, RS_UI_EN);
    int heard[8];
    size_t n = listen_to_end(p, heard, 8, 10000);
    assert_int_equal(n, 3);
    assert_int_equal(heard[0], 0), assert_int_equal(heard[1], 1), assert_int_equal(heard[2], 2);
    /* All said: the poll that found it closed the device (an idle kiosk has no audio thread). */
    assert_false(rs_player_device_open(p));
    assert_true(SDL_AtomicGet(&notified) >= 2); /* the audio thread told of the news */
    uint64_t first = rs_player_first_sound_ns(p);
    print_message("first sound %.1f ms after read\n", (double)first / 1e6);
    assert_true(first > 0 && first < 1000000000ull);
    /* From the second sentence. */
    rs_player_read(p, &u, 1, RS_SPEED_FASTER, RS_UI_EN);
    n = listen_to_end(p, heard, 8, 10000);
    assert_int_equal(n, 2);
    assert_int_equal(heard[0], 1), assert_int_equal(heard[1], 2);
    /* Nothing more once it ended. */
    SDL_Delay(100);
    int sentence;
    bool finished;
    assert_false(rs_player_poll(p, &sentence, &finished));
    rs_player_destroy(p);
    rs_utterance_free(&u);
}

/* The device's output, as the disk driver wrote it (after the player closed it). */
static int16_t *device_output(size_t *count)
{
    size_t size;
    char *data = support_read_file(disk_file, &size);
    *count = size / 2;
    return (int16_t *)(void *)data;
}

/* The last sample above silence, or 0. */
static size_t last_sound(const int16_t *s, size_t n)
{
    size_t last = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] > 64 || s[i] < -64)
            last = i;
    return last;
}

static const char *const long_text[] = {
    "This sentence is long enough to go on speaking for several seconds, well past the moment the test stops it.",
    "And this one would follow it, if the reading were not stopped.",
};

/* Reads, then after the first sentence has been heard for 300 ms calls
 * stop or pause, and lets the device run on for a second. Every sample
 * the callback gave the device after the call returned is silence, though the
 * text had seconds more to say; the device's own count (not the wall
 * clock, which a loaded machine stretches) says where the call fell in
 * the file. */
static void expect_silenced(bool pause)
{
    rs_utterance u = make(long_text, 2);
    rs_player *p = open_player();
    rs_player_read(p, &u, 0, RS_SPEED_NORMAL, RS_UI_EN);
    int sentence = -1;
    bool finished = false;
    for (int waited = 0; waited < 5000 && sentence != 0; waited += 5) {
        rs_player_poll(p, &sentence, &finished);
        SDL_Delay(5);
    }
    assert_int_equal(sentence, 0);
    SDL_Delay(300);
    if (pause)
        rs_player_pause(p, true);
    else
        rs_player_stop(p);
    size_t at = (size_t)rs_player_samples_out(p);
    /* Stop closes the device; a pause keeps it, fed silence. */
    assert_int_equal(rs_player_device_open(p), pause);
    SDL_Delay(1000);
    assert_false(rs_player_poll(p, &sentence, &finished)); /* no sentence heard since, no end */
    assert_int_equal(rs_player_device_open(p), pause);
    size_t after = (size_t)rs_player_samples_out(p);
    rs_player_destroy(p);
    size_t n;
    int16_t *out = device_output(&n);
    print_message("%s: %zu samples written, the call at %zu, %zu handed after it, last sound at %zu\n",
                  pause ? "pause" : "stop", n, at, after - at, last_sound(out, n));
    if (pause)
        assert_true(after - at >= 4 * 512); /* the device ran on */
    else
        assert_true(after - at <= 512); /* closed at once: at most the buffer being taken */
    assert_true(n + 512 >= after); /* a last buffer may be left unwritten at close */
    assert_true(last_sound(out, n) > 0);  /* it spoke */
    /* And fell silent at once: nothing after the call but, at most, the one
     * 512-sample buffer SDL had already taken from the callback (seen under
     * load: SDL's disk driver writes a buffer after the next is asked for). */
    assert_true(last_sound(out, n) < at + 512);
    free(out);
    rs_utterance_free(&u);
}

static void test_stop_silences(void **state)
{
    (void)state;
    expect_silenced(false);
}

static void test_pause_silences(void **state)
{
    (void)state;
    expect_silenced(true);
}

static void test_announce_replaces_reading(void **state)
{
    (void)state;
    rs_utterance u = make(long_text, 2);
    rs_player *p = open_player();
    rs_player_read(p, &u, 0, RS_SPEED_NORMAL, RS_UI_EN);
    SDL_Delay(200);
    rs_player_announce(p, "Countries, button", RS_UI_EN);
    SDL_Delay(100);
    int sentence;
    bool finished;
    rs_player_poll(p, &sentence, &finished); /* what was heard before the announcement */
    SDL_Delay(2500); /* the announcement is over; the reading would still go on */
    assert_true(rs_player_device_open(p));
    assert_false(rs_player_poll(p, &sentence, &finished));
    assert_false(rs_player_device_open(p)); /* all said: closed */
    rs_player_destroy(p);
    size_t n;
    int16_t *out = device_output(&n);
    assert_true(last_sound(out, n) > 0);
    assert_true(last_sound(out, n) < n - 22050); /* silent for the last second */
    free(out);
    rs_utterance_free(&u);
}

/* A language espeak-ng has no voice for: read with the UI language's,
 * and said in the log once, from the main thread (at a poll). */
static void test_unknown_language_logged_by_poll(void **state)
{
    (void)state;
    static const char *const texts[] = {"Da."};
    rs_utterance u = make(texts, 1);
    strcpy(u.items[0].language, "qx-test");
    rs_player *p = open_player();
    rs_log("before");
    rs_player_read(p, &u, 0, RS_SPEED_FASTER, RS_UI_RU);
    int heard[4];
    assert_int_equal(listen_to_end(p, heard, 4, 10000), 1);
    assert_string_equal(rs_log_recent(0),
                        "speech: espeak-ng has no voice for the language 'qx-test'; it is read with the voice 'ru'");
    rs_player_destroy(p);
    rs_utterance_free(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_every_sentence),
        cmocka_unit_test(test_stop_silences),
        cmocka_unit_test(test_pause_silences),
        cmocka_unit_test(test_announce_replaces_reading),
        cmocka_unit_test(test_unknown_language_logged_by_poll),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
