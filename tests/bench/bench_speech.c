/*
 * The voice's figures (issue 16): tap to first audio, and the CPU the
 * process spends while speaking. The player (app/player.c) on SDL's
 * "dummy" audio driver, which takes the device's buffers in real time as a
 * sound card does (SDL 2 uses it only when asked for by name; this machine
 * has no sound card). A real device costs its driver's CPU on top; the
 * latency adds the card's own buffer (ALSA's period) on a kiosk.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench.h"
#include "nav.h"
#include "player.h"
#include "screen.h"
#include "speech.h"
#include "utterance.h"

static void nothing(void *context)
{
    (void)context;
}

static double process_cpu_ms(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

/* The utterance of route_text in bundle_path, as the reader builds it. */
static bool utterance_of(const char *bundle_path, const char *route_text, rs_utterance *out)
{
    char error[512];
    rs_bundle *bundle = rs_bundle_open(bundle_path, error, sizeof error);
    if (!bundle)
        return false;
    rs_nav_entry entry = {.role_filter = -1};
    rs_screen *s = rs_route_parse(route_text, &entry.route, error, sizeof error)
                       ? rs_screen_build(bundle, &entry, error, sizeof error)
                       : NULL;
    bool ok = s && rs_utterance_build(s, RS_UI_EN, out);
    rs_screen_destroy(s);
    rs_bundle_close(bundle);
    return ok;
}

/* Read to first non-silent sample handed to the device, times reads, from
 * the title and from a body sentence in the middle; their median and p99
 * in ms. */
static void first_audio(rs_player *player, const rs_utterance *u, int times, double *median, double *p99)
{
    double ms[40];
    for (int i = 0; i < times && i < 40; i++) {
        size_t from = i % 2 ? u->count / 2 : 0;
        rs_player_read(player, u, from, RS_SPEED_NORMAL, RS_UI_EN);
        uint64_t ns = 0;
        for (double start = now_ms(); !(ns = rs_player_first_sound_ns(player)) && now_ms() - start < 2000;)
            SDL_Delay(1);
        ms[i] = ns ? (double)ns / 1e6 : 2000;
        rs_player_stop(player);
        SDL_Delay((Uint32)(30 + 7 * (i % 5))); /* a visitor's next tap falls anywhere in the device's cycle */
    }
    *median = quantile(ms, (size_t)times, 0.5);
    *p99 = quantile(ms, (size_t)times, 0.99);
}

static void measure_first_audio(rs_player *player, const rs_utterance *u)
{
    double median, p99;
    first_audio(player, u, 40, &median, &p99);
    char note[512];
    snprintf(note, sizeof note,
             "from the speaker's read to the first sample above silence handed to the audio device, 40 reads "
             "(from the title and from a body sentence) of the sample bundle's Xinhua statement of 20 July 2021; median %.1f ms; "
             "SDL dummy audio (real-time pull, 512-sample buffers at 22,050 Hz = 23 ms); %s",
             median, priority_label);
    record("tap to first audio p99, Listen", p99, "ms", 300, note);
}

/* The other voices a statement may be read in (the kiosk's UI languages):
 * a title and two sentences written for measuring, in each. */
static const struct {
    const char *language, *title, *body;
} other_voices[] = {
    {"zh-Hans", "外交部发言人答记者问", "中方一贯坚决反对一切形式的网络攻击。我们敦促有关方面停止无端指责。"},
    {"ru", "Комментарий официального представителя", "Мы решительно отвергаем эти обвинения. Никаких доказательств представлено не было."},
    {"ar", "تعليق المتحدث الرسمي", "نرفض هذه الاتهامات رفضا قاطعا. لم يقدم أي دليل عليها."},
    {"fr", "Commentaire du porte-parole", "Nous rejetons fermement ces accusations. Aucune preuve n'a été présentée."},
    {"es", "Comentario del portavoz", "Rechazamos firmemente estas acusaciones. No se ha presentado ninguna prueba."},
};

/* The same for each other voice, 20 reads each: the slowest voice's p99. */
static void measure_first_audio_voices(rs_player *player)
{
    char note[512] = "the same reads, 20 a voice, of a title and two sentences written for measuring; p99 (median) ms:";
    double worst = 0;
    for (size_t i = 0; i < sizeof other_voices / sizeof *other_voices; i++) {
        rs_screen screen = {.kind = RS_SCREEN_READER};
        screen.statement.title = (char *)other_voices[i].title;
        screen.statement.body = (char *)other_voices[i].body;
        screen.statement.language = (char *)other_voices[i].language;
        screen.statement.date = "2021-07-20";
        screen.statement.year = 2021, screen.statement.month = 7, screen.statement.day = 20;
        screen.statement.outlet = "Outlet";
        rs_utterance u = {0};
        double median = NAN, p99 = NAN;
        if (rs_utterance_build(&screen, RS_UI_EN, &u))
            first_audio(player, &u, 20, &median, &p99);
        rs_utterance_free(&u);
        worst = p99 > worst || isnan(p99) ? p99 : worst;
        snprintf(note + strlen(note), sizeof note - strlen(note), " %s %.1f (%.1f)", other_voices[i].language, p99,
                 median);
    }
    record("tap to first audio p99, Listen, the slowest other voice", worst, "ms", 300, note);
}

/* Process CPU per second of speech, over seconds of it. */
static void measure_speaking_cpu(rs_player *player, const rs_utterance *u)
{
    const double seconds = 10;
    double cpu = process_cpu_ms(), start = now_ms();
    rs_player_read(player, u, 0, RS_SPEED_NORMAL, RS_UI_EN);
    int sentence = -1, last = -1;
    bool finished = false;
    while (now_ms() - start < seconds * 1000 && !finished) {
        SDL_Delay(20);
        if (rs_player_poll(player, &sentence, &finished) && sentence >= 0)
            last = sentence;
    }
    double wall = now_ms() - start, used = process_cpu_ms() - cpu;
    rs_player_stop(player);
    char note[512];
    snprintf(note, sizeof note,
             "user + system CPU of the whole process (synthesis thread, SDL's audio thread, polling every 20 ms) "
             "over %.1f s of the sample bundle's Xinhua statement of 20 July 2021 read at normal speed (reached sentence %d); "
             "SDL dummy audio (a real device's driver costs more)",
             wall / 1000, last);
    record("CPU while speaking, per second of speech", used / (wall / 1000), "ms", 50, note);
}

void measure_speech(const char *sample)
{
    /* SDL 2's dummy audio is used only when asked for by name. */
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "bench speech: %s\n", SDL_GetError());
        return;
    }
    char error[512];
    rs_utterance u = {0};
    rs_speech *speech = rs_speech_create(NULL, error, sizeof error);
    if (speech)
        rs_speech_set_volume(speech, 80); /* the settings' default; before the player's thread owns the engine */
    rs_player *player = speech ? rs_player_create(speech, nothing, NULL, error, sizeof error) : NULL;
    if (!player) {
        fprintf(stderr, "bench speech: %s\n", error);
    } else if (!utterance_of(sample, "statements/xinhua-2021-07-20-embassy-exchange-accusation", &u)) {
        fprintf(stderr, "bench speech: the sample statement cannot be read from %s\n", sample);
    } else {
        measure_first_audio(player, &u);
        measure_first_audio_voices(player);
        measure_speaking_cpu(player, &u);
    }
    rs_utterance_free(&u);
    rs_player_destroy(player);
    rs_speech_destroy(speech);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}
