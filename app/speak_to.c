/* `rostrum --speak-to FILE.wav` (speak_to.h): the route's reader model,
 * its utterance, each sentence synthesised in its language, one WAV. */
#include "speak_to.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "expect.h"
#include "log.h"
#include "nav.h"
#include "screen.h"
#include "speech.h"
#include "wav.h"

typedef struct samples {
    int16_t *items;
    size_t count, capacity;
} samples;

static bool append(void *context, const int16_t *chunk, size_t count)
{
    samples *s = context;
    rs_grow(&s->items, &s->capacity, s->count + count, sizeof *s->items);
    memcpy(s->items + s->count, chunk, count * sizeof *chunk);
    s->count += count;
    return true;
}

static void append_silence(samples *s, int rate, int ms)
{
    size_t n = (size_t)rate * (size_t)ms / 1000;
    rs_grow(&s->items, &s->capacity, s->count + n, sizeof *s->items);
    memset(s->items + s->count, 0, n * sizeof *s->items);
    s->count += n;
}

/* The reader model of route_text, or NULL with the exit status in *status
 * (2: not a statement's route; 1: not in the bundle). */
static rs_screen *open_reader(rs_bundle *bundle, const char *route_text, int *status)
{
    rs_nav_entry entry = {.role_filter = -1};
    char error[512];
    if (!rs_route_parse(route_text, &entry.route, error, sizeof error)) {
        fprintf(stderr, "rostrum: %s\n", error);
        *status = 2;
        return NULL;
    }
    if (entry.route.kind != RS_ROUTE_STATEMENT) {
        fprintf(stderr, "rostrum: --speak-to reads one statement: give --route statements/ID (not '%s')\n",
                route_text);
        *status = 2;
        return NULL;
    }
    rs_screen *s = rs_screen_build(bundle, &entry, error, sizeof error);
    if (!s) {
        fprintf(stderr, "rostrum: %s\n", error);
        *status = 1;
    }
    return s;
}

/* Says every sentence of u into out, with the pauses between. */
static bool say_all(rs_speech *speech, const rs_utterance *u, rs_ui_language ui, rs_speech_speed speed,
                    samples *out)
{
    int rate = rs_speech_sample_rate(speech);
    for (size_t i = 0; i < u->count; i++) {
        if (!rs_speech_say(speech, u->items[i].text, u->items[i].language, ui, speed, append, out))
            return false;
        append_silence(out, rate, rs_speech_pause_after_ms(u, i));
    }
    return true;
}

int rs_speak_to(const rs_speak_to_options *o)
{
    const char *route_text = o->route ? o->route : "home";
    char error[512];
    rs_bundle *bundle = rs_bundle_open(o->bundle_path, error, sizeof error);
    if (!bundle) {
        fprintf(stderr, "rostrum: %s\n", error);
        return 1;
    }
    rs_i18n_set(o->language);
    rs_screen_use_language(bundle, o->language);
    int status = 0;
    rs_screen *screen = open_reader(bundle, route_text, &status);
    rs_utterance u = {0};
    rs_speech *speech = NULL;
    samples out = {0};
    if (!screen)
        goto done;
    status = 1;
    if (!rs_utterance_build(screen, o->language, &u))
        goto done;
    speech = rs_speech_create(NULL, error, sizeof error);
    if (!speech) {
        fprintf(stderr, "rostrum: %s\n", error);
        goto done;
    }
    rs_speech_configure(speech, o->config);
    if (!say_all(speech, &u, o->language, o->speed, &out)) {
        fprintf(stderr, "rostrum: espeak-ng could not say %s\n", route_text);
        goto done;
    }
    if (!rs_wav_write(o->output, out.items, out.count, rs_speech_sample_rate(speech), error, sizeof error)) {
        fprintf(stderr, "rostrum: %s\n", error);
        goto done;
    }
    status = 0;
done:
    free(out.items);
    rs_speech_destroy(speech);
    rs_utterance_free(&u);
    rs_screen_destroy(screen);
    rs_bundle_close(bundle);
    return status;
}
