/*
 * The audio player (player.h). Three threads meet here: the main loop
 * (read, stop, poll; it alone opens and closes the device), the synthesis
 * thread (espeak-ng, filling the queue) and SDL's audio thread (the
 * callback, emptying it). Everything they share is guarded by one mutex,
 * which the callback holds while it takes samples, so emptying the queue
 * under it means the callback can never hand the device another sample of
 * what was stopped. A generation number tells the synthesis thread its
 * work went stale. The device is open only while something is said: SDL 2
 * feeds an open device every buffer (23 ms), paused or not, which would
 * wake an idle kiosk 43 times a second.
 */
#include "player.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "log.h"

/* The device's buffer: 512 samples, 23 ms at 22,050 Hz. Smaller costs
 * more wake-ups of the audio thread; larger adds to the delay before the
 * first word and after Stop's silence reaches the speaker. */
#define DEVICE_SAMPLES 512
#define SEGMENTS 256
#define SILENT 64

typedef struct segment {
    int sentence; /* -1: an announcement's, never reported */
    size_t samples;
} segment;

typedef struct job {
    bool announce;
    rs_utterance utterance; /* announce: one sentence */
    size_t from;
    rs_speech_speed speed;
    rs_ui_language ui;
} job;

struct rs_player {
    rs_speech *speech;
    SDL_AudioDeviceID device;
    int rate;
    rs_player_notify notify;
    void *context;
    SDL_Thread *thread;
    SDL_sem *work, *space;
    SDL_mutex *lock;

    /* Guarded by lock. */
    unsigned generation;
    bool quit, paused;
    job pending;
    bool has_pending;
    int16_t *queue;
    size_t queue_size, queue_head, queue_count;
    segment segments[SEGMENTS];
    size_t segment_head, segment_count;
    bool reading;       /* a read's samples are what is queued or coming */
    bool synthesising;  /* the synthesis thread has a job */
    bool synthesised;   /* the synthesis thread has queued all of it */
    int heard;          /* the sentence whose samples the device has now */
    bool heard_changed; /* not polled yet */
    bool finished;      /* the reading ended by itself, not polled yet */
    uint64_t read_at, first_sound_at;
    uint64_t samples_out; /* handed to the device since it opened, silence included */
    char notice[256]; /* the engine's last notice, for rs_player_poll to log on the main thread */
};

static void job_free(job *j)
{
    rs_utterance_free(&j->utterance);
    *j = (job){0};
}

/* ---- the audio thread ---- */

static void take_samples(rs_player *p, int16_t *out, size_t n, bool *news)
{
    while (n > 0 && p->queue_count > 0) {
        segment *seg = &p->segments[p->segment_head];
        if (seg->sentence >= 0 && seg->sentence != p->heard) {
            p->heard = seg->sentence, p->heard_changed = true, *news = true;
        }
        size_t run = p->queue_size - p->queue_head;
        size_t k = n < run ? n : run;
        if (k > p->queue_count)
            k = p->queue_count;
        if (k > seg->samples)
            k = seg->samples;
        memcpy(out, p->queue + p->queue_head, k * sizeof *out);
        if (p->reading && !p->first_sound_at)
            for (size_t i = 0; i < k; i++)
                if (out[i] > SILENT || out[i] < -SILENT) {
                    p->first_sound_at = SDL_GetPerformanceCounter();
                    break;
                }
        out += k, n -= k;
        p->queue_head = (p->queue_head + k) % p->queue_size;
        p->queue_count -= k;
        if ((seg->samples -= k) == 0) {
            p->segment_head = (p->segment_head + 1) % SEGMENTS;
            p->segment_count--;
        }
    }
    memset(out, 0, n * sizeof *out);
}

static void on_audio(void *userdata, Uint8 *stream, int length)
{
    rs_player *p = userdata;
    int16_t *out = (int16_t *)(void *)stream;
    size_t n = (size_t)length / sizeof *out;
    bool news = false;
    SDL_LockMutex(p->lock);
    p->samples_out += n;
    if (p->paused) {
        SDL_UnlockMutex(p->lock);
        memset(out, 0, n * sizeof *out);
        return;
    }
    size_t before = p->queue_count;
    take_samples(p, out, n, &news);
    if (p->reading && p->synthesised && p->queue_count == 0) {
        p->reading = false, p->finished = true, news = true;
    }
    /* All said (an announcement too): the main thread's next poll closes the device. */
    if (before > 0 && p->queue_count == 0 && !p->synthesising && !p->has_pending)
        news = true;
    SDL_UnlockMutex(p->lock);
    if (p->queue_count < before)
        SDL_SemPost(p->space);
    if (news && p->notify)
        p->notify(p->context);
}

/* ---- the synthesis thread ---- */

typedef struct feed {
    rs_player *p;
    unsigned generation;
    int sentence;
} feed;

/* Appends samples to the queue, waiting while it is full. False when the
 * work went stale (stop, a new read, the end). */
static bool push(feed *f, const int16_t *samples, size_t count)
{
    rs_player *p = f->p;
    while (count > 0) {
        SDL_LockMutex(p->lock);
        if (p->quit || p->generation != f->generation) {
            SDL_UnlockMutex(p->lock);
            return false;
        }
        size_t free_space = p->queue_size - p->queue_count;
        segment *last = p->segment_count
                            ? &p->segments[(p->segment_head + p->segment_count - 1) % SEGMENTS]
                            : NULL;
        bool same = last && last->sentence == f->sentence;
        if (free_space == 0 || (!same && p->segment_count == SEGMENTS)) {
            SDL_UnlockMutex(p->lock);
            SDL_SemWaitTimeout(p->space, 100);
            continue;
        }
        size_t k = count < free_space ? count : free_space;
        size_t tail = (p->queue_head + p->queue_count) % p->queue_size;
        size_t first = p->queue_size - tail < k ? p->queue_size - tail : k;
        memcpy(p->queue + tail, samples, first * sizeof *samples);
        memcpy(p->queue, samples + first, (k - first) * sizeof *samples);
        p->queue_count += k;
        if (!same) {
            last = &p->segments[(p->segment_head + p->segment_count) % SEGMENTS];
            *last = (segment){f->sentence, 0};
            p->segment_count++;
        }
        last->samples += k;
        SDL_UnlockMutex(p->lock);
        samples += k, count -= k;
    }
    return true;
}

static bool sink(void *context, const int16_t *samples, size_t count)
{
    return push(context, samples, count);
}

static bool push_silence(feed *f, int ms)
{
    int16_t zeros[1024] = {0};
    size_t n = (size_t)f->p->rate * (size_t)ms / 1000;
    while (n > 0) {
        size_t k = n < 1024 ? n : 1024;
        if (!push(f, zeros, k))
            return false;
        n -= k;
    }
    return true;
}

/* Says one job; false when it went stale. */
static bool say_job(rs_player *p, const job *j, unsigned generation)
{
    const rs_utterance *u = &j->utterance;
    for (size_t i = j->from; i < u->count; i++) {
        feed f = {p, generation, j->announce ? -1 : (int)i};
        if (!rs_speech_say(p->speech, u->items[i].text, u->items[i].language, j->ui, j->speed, sink, &f))
            return false;
        if (!j->announce && !push_silence(&f, rs_speech_pause_after_ms(u, i)))
            return false;
    }
    return true;
}

static int synthesis_thread(void *data)
{
    rs_player *p = data;
    for (;;) {
        SDL_SemWait(p->work);
        SDL_LockMutex(p->lock);
        if (p->quit) {
            SDL_UnlockMutex(p->lock);
            return 0;
        }
        if (!p->has_pending) {
            SDL_UnlockMutex(p->lock);
            continue;
        }
        job j = p->pending;
        p->pending = (job){0}, p->has_pending = false;
        p->synthesising = true;
        unsigned generation = p->generation;
        SDL_UnlockMutex(p->lock);
        bool whole = say_job(p, &j, generation);
        SDL_LockMutex(p->lock);
        p->synthesising = false;
        if (whole && p->generation == generation)
            p->synthesised = true;
        bool nothing_queued = p->queue_count == 0 && !p->has_pending;
        SDL_UnlockMutex(p->lock);
        if (nothing_queued && p->notify)
            p->notify(p->context); /* nothing to hear (or stale): the device may close */
        job_free(&j);
    }
}

/* The engine's notice, on the synthesis thread: kept for the main thread. */
static void on_notice(void *context, const char *message)
{
    rs_player *p = context;
    SDL_LockMutex(p->lock);
    snprintf(p->notice, sizeof p->notice, "%s", message);
    SDL_UnlockMutex(p->lock);
    if (p->notify)
        p->notify(p->context);
}

/* ---- the main thread ---- */

/* Opens the device if it is closed; on the main thread. */
static bool open_device(rs_player *p, char *error, size_t error_size)
{
    if (p->device)
        return true;
    SDL_AudioSpec want = {.freq = rs_speech_sample_rate(p->speech),
                          .format = AUDIO_S16SYS,
                          .channels = 1,
                          .samples = DEVICE_SAMPLES,
                          .callback = on_audio,
                          .userdata = p},
                  have;
    /* No change allowed: SDL converts to what the hardware takes. */
    p->device = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!p->device) {
        snprintf(error, error_size, "no audio device: %s", SDL_GetError());
        return false;
    }
    p->rate = have.freq;
    SDL_PauseAudioDevice(p->device, 0);
    return true;
}

/* Closes the device: its thread ends, so an idle kiosk does not wake for
 * it (SDL 2 feeds an open device silence every buffer, paused or not). */
static void close_device(rs_player *p)
{
    if (p->device)
        SDL_CloseAudioDevice(p->device);
    p->device = 0;
}

rs_player *rs_player_create(rs_speech *speech, rs_player_notify notify, void *context, char *error,
                            size_t error_size)
{
    rs_player *p = rs_xcalloc(1, sizeof *p);
    p->speech = speech, p->notify = notify, p->context = context;
    p->heard = -1;
    p->lock = SDL_CreateMutex();
    /* Opened once to know there is one, then closed until something is said. */
    if (!p->lock || !open_device(p, error, error_size)) {
        if (p->lock)
            SDL_DestroyMutex(p->lock);
        else
            snprintf(error, error_size, "%s", SDL_GetError());
        free(p);
        return NULL;
    }
    close_device(p);
    p->queue_size = (size_t)p->rate * RS_PLAYER_AHEAD_MS / 1000;
    p->queue = rs_xmalloc(p->queue_size * sizeof *p->queue);
    p->work = SDL_CreateSemaphore(0);
    p->space = SDL_CreateSemaphore(0);
    rs_speech_set_notice(speech, on_notice, p); /* before the thread that may call it */
    p->thread = p->work && p->space ? SDL_CreateThread(synthesis_thread, "rostrum-speech", p) : NULL;
    if (!p->thread) {
        rs_speech_set_notice(speech, NULL, NULL);
        snprintf(error, error_size, "cannot start the speech thread: %s", SDL_GetError());
        if (p->work)
            SDL_DestroySemaphore(p->work);
        if (p->space)
            SDL_DestroySemaphore(p->space);
        SDL_DestroyMutex(p->lock);
        free(p->queue);
        free(p);
        return NULL;
    }
    return p;
}

/* Empties the queue and starts a new generation; with the lock held. */
static void drop_everything(rs_player *p)
{
    p->generation++;
    p->queue_head = p->queue_count = 0;
    p->segment_head = p->segment_count = 0;
    if (p->has_pending)
        job_free(&p->pending);
    p->has_pending = false;
    p->reading = false, p->synthesised = false, p->paused = false;
    p->heard = -1, p->heard_changed = false, p->finished = false;
}

void rs_player_destroy(rs_player *p)
{
    if (!p)
        return;
    SDL_LockMutex(p->lock);
    drop_everything(p);
    p->quit = true;
    SDL_UnlockMutex(p->lock);
    SDL_SemPost(p->work);
    SDL_SemPost(p->space);
    SDL_WaitThread(p->thread, NULL);
    rs_speech_set_notice(p->speech, NULL, NULL);
    close_device(p);
    SDL_DestroySemaphore(p->work);
    SDL_DestroySemaphore(p->space);
    SDL_DestroyMutex(p->lock);
    free(p->queue);
    free(p);
}

static void start(rs_player *p, job *j)
{
    uint64_t asked = SDL_GetPerformanceCounter();
    char error[256];
    if (!open_device(p, error, sizeof error)) {
        rs_log("speech: %s; nothing is said", error);
        job_free(j);
        return;
    }
    SDL_LockMutex(p->lock);
    drop_everything(p);
    p->pending = *j, p->has_pending = true;
    p->reading = !j->announce;
    p->read_at = asked, p->first_sound_at = 0; /* opening the device counts */
    SDL_UnlockMutex(p->lock);
    SDL_SemPost(p->work);
    SDL_SemPost(p->space); /* a push waiting for room sees the new generation at once */
}

void rs_player_read(rs_player *p, const rs_utterance *u, size_t from, rs_speech_speed speed, rs_ui_language ui)
{
    job j = {.from = from, .speed = speed, .ui = ui};
    rs_utterance_copy(u, &j.utterance);
    start(p, &j);
}

void rs_player_announce(rs_player *p, const char *text, rs_ui_language language)
{
    job j = {.announce = true, .speed = RS_SPEED_NORMAL, .ui = language};
    j.utterance.items = rs_xcalloc(1, sizeof *j.utterance.items);
    j.utterance.count = 1;
    j.utterance.items[0].text = rs_xstrdup(text ? text : "");
    j.utterance.items[0].paragraph = -1;
    /* The UI language's code ("zh_CN") as a voice language: its primary subtag is what speech.c reads. */
    snprintf(j.utterance.items[0].language, sizeof j.utterance.items[0].language, "%s", rs_i18n_code(language));
    start(p, &j);
}

void rs_player_pause(rs_player *p, bool paused)
{
    SDL_LockMutex(p->lock);
    p->paused = paused;
    SDL_UnlockMutex(p->lock);
}

void rs_player_stop(rs_player *p)
{
    SDL_LockMutex(p->lock);
    drop_everything(p);
    SDL_UnlockMutex(p->lock);
    SDL_SemPost(p->space);
    close_device(p);
}

bool rs_player_poll(rs_player *p, int *sentence, bool *finished)
{
    SDL_LockMutex(p->lock);
    bool news = p->heard_changed || p->finished;
    *sentence = p->heard_changed ? p->heard : -1;
    *finished = p->finished;
    p->heard_changed = false, p->finished = false;
    char notice[sizeof p->notice];
    memcpy(notice, p->notice, sizeof notice);
    p->notice[0] = '\0';
    bool idle = p->queue_count == 0 && !p->has_pending && !p->synthesising && !p->paused;
    SDL_UnlockMutex(p->lock);
    if (notice[0])
        rs_log("%s", notice);
    if (idle)
        close_device(p);
    return news;
}

uint64_t rs_player_first_sound_ns(rs_player *p)
{
    SDL_LockMutex(p->lock);
    uint64_t ticks = p->first_sound_at ? p->first_sound_at - p->read_at : 0;
    SDL_UnlockMutex(p->lock);
    return (uint64_t)((double)ticks * 1e9 / (double)SDL_GetPerformanceFrequency());
}

uint64_t rs_player_samples_out(rs_player *p)
{
    SDL_LockMutex(p->lock);
    uint64_t n = p->samples_out;
    SDL_UnlockMutex(p->lock);
    return n;
}

bool rs_player_device_open(const rs_player *p)
{
    return p->device != 0;
}

int rs_player_rate(const rs_player *p)
{
    return p->rate;
}
