/*
 * The kiosk's voice with espeak-ng (speech.h). espeak-ng's state is global,
 * so this module keeps one engine and refuses a second.
 */
#include "speech.h"

#include <ctype.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "expect.h"
#include "log.h"

#define VOICE_NAME_SIZE 64
#define LANGUAGE_SIZE 16
#define MAX_VOICES 32

typedef struct voice_choice {
    char language[LANGUAGE_SIZE];
    char voice[VOICE_NAME_SIZE];
} voice_choice;

struct rs_speech {
    int sample_rate;
    int volume;                     /* asked for, 0..100 */
    voice_choice chosen[MAX_VOICES]; /* set by rs_speech_set_voice */
    size_t chosen_count;
    char unknown[MAX_VOICES][LANGUAGE_SIZE]; /* languages already logged as having no voice */
    size_t unknown_count;
    /* What espeak holds now, so nothing is set twice. */
    char current_voice[VOICE_NAME_SIZE];
    int current_rate, current_volume;
    rs_speech_notice notice;
    void *notice_context;
    /* The say in progress. */
    rs_speech_sink sink;
    void *context;
    bool stopped;
};

/* The one engine: espeak's callback has no context of ours to find it by. */
static rs_speech *engine;

/* The voices for the UI languages: espeak-ng's own names (espeak-ng-data/
 * lang): Mandarin is "cmn" (sit/cmn), the others are their ISO 639-1 code. */
static const voice_choice defaults[] = {
    {"en", "en"}, {"zh", "cmn"}, {"ru", "ru"}, {"ar", "ar"}, {"fr", "fr"}, {"es", "es"},
};

/* The speeds in words per minute. espeak's own default is 175 wpm, set for
 * screen-reader users who listen every day; a kiosk's listeners hear it
 * once, many of them older or listening in a second language. Normal is
 * 160 wpm, the rate the US National Center for Voice and Speech gives for
 * audiobooks (150-160 wpm), which are made for listening start to end;
 * slower is three quarters of that (120 wpm, a careful lecture's pace and
 * well above espeak's floor of 80, below which its words stretch
 * unnaturally); faster is 1.3 times (210 wpm, a fast talker's pace, for
 * those who know the text). Measured here: the corpus's English sentences
 * come out at 160-170 wpm at "normal". */
static const int words_per_minute[RS_SPEED_COUNT] = {120, 160, 210};

int rs_speech_words_per_minute(rs_speech_speed speed)
{
    return words_per_minute[speed >= 0 && speed < RS_SPEED_COUNT ? speed : RS_SPEED_NORMAL];
}

static int on_samples(short *wav, int count, espeak_EVENT *events)
{
    (void)events;
    rs_speech *s = engine;
    if (!s || s->stopped)
        return 1;
    if (wav && count > 0 && s->sink && !s->sink(s->context, (const int16_t *)wav, (size_t)count)) {
        s->stopped = true;
        return 1; /* espeak: abort the synthesis */
    }
    return 0;
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

rs_speech *rs_speech_create(const char *data_dir, char *error, size_t error_size)
{
    if (engine) {
        snprintf(error, error_size, "the speech engine is already running (espeak-ng allows one a process)");
        return NULL;
    }
    if (data_dir && *data_dir) {
        /* espeak-ng quietly falls back to its built-in path when the one
         * given is wrong: check it here, so an operator hears of a typo. */
        char phontab[1024];
        snprintf(phontab, sizeof phontab, "%s/espeak-ng-data", data_dir);
        if (!is_directory(phontab) && !is_directory(data_dir)) {
            snprintf(error, error_size, "espeak-ng data directory %s does not exist", data_dir);
            return NULL;
        }
        espeak_ng_InitializePath(data_dir);
    } else {
        espeak_ng_InitializePath(NULL);
    }
    espeak_ng_ERROR_CONTEXT context = NULL;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status == ENS_OK)
        status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, RS_SPEECH_CHUNK_MS, NULL);
    if (status != ENS_OK) {
        char message[256];
        espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
        snprintf(error, error_size, "espeak-ng cannot start: %s (is espeak-ng-data installed?)", message);
        espeak_ng_ClearErrorContext(&context);
        return NULL;
    }
    espeak_SetSynthCallback(on_samples);
    rs_speech *s = rs_xcalloc(1, sizeof *s);
    s->sample_rate = espeak_ng_GetSampleRate();
    s->volume = 100;
    s->current_rate = -1, s->current_volume = -1;
    engine = s;
    return s;
}

void rs_speech_destroy(rs_speech *speech)
{
    if (!speech)
        return;
    espeak_ng_Terminate();
    engine = NULL;
    free(speech);
}

void rs_speech_set_notice(rs_speech *speech, rs_speech_notice notice, void *context)
{
    speech->notice = notice, speech->notice_context = context;
}

int rs_speech_sample_rate(const rs_speech *speech)
{
    return speech->sample_rate;
}

void rs_speech_set_volume(rs_speech *speech, int volume)
{
    speech->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
}

/* The primary subtag of a language tag, in small letters: "zh-Hans" -> "zh". */
static void primary_of(const char *language, char out[LANGUAGE_SIZE])
{
    size_t n = 0;
    for (; language && language[n] && language[n] != '-' && language[n] != '_' && n + 1 < LANGUAGE_SIZE; n++)
        out[n] = (char)tolower((unsigned char)language[n]);
    out[n] = '\0';
}

bool rs_speech_has_voice(rs_speech *speech, const char *voice)
{
    (void)speech;
    if (!voice || !*voice)
        return false;
    /* espeak_ng_SetVoiceByName finds a voice file by name under
     * espeak-ng-data/lang or voices (as espeak-ng -v does); trying it is
     * the only check that agrees with what saying would do. */
    espeak_ng_STATUS status = espeak_ng_SetVoiceByName(voice);
    engine->current_voice[0] = '\0'; /* whatever it loaded, set again next time */
    return status == ENS_OK;
}

bool rs_speech_set_voice(rs_speech *speech, const char *language, const char *voice, char *error, size_t error_size)
{
    char primary[LANGUAGE_SIZE];
    primary_of(language, primary);
    if (!rs_speech_has_voice(speech, voice)) {
        snprintf(error, error_size, "espeak-ng has no voice '%s'", voice);
        return false;
    }
    size_t i = 0;
    while (i < speech->chosen_count && strcmp(speech->chosen[i].language, primary) != 0)
        i++;
    if (i == speech->chosen_count) {
        if (speech->chosen_count == MAX_VOICES) {
            snprintf(error, error_size, "too many voices set (at most %d)", MAX_VOICES);
            return false;
        }
        speech->chosen_count++;
    }
    snprintf(speech->chosen[i].language, LANGUAGE_SIZE, "%s", primary);
    snprintf(speech->chosen[i].voice, VOICE_NAME_SIZE, "%s", voice);
    return true;
}

/* The voice set or defaulted for a language, or NULL. */
static const char *named_voice(const rs_speech *speech, const char *primary)
{
    for (size_t i = 0; i < speech->chosen_count; i++)
        if (strcmp(speech->chosen[i].language, primary) == 0)
            return speech->chosen[i].voice;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (strcmp(defaults[i].language, primary) == 0)
            return defaults[i].voice;
    return NULL;
}

/* True when espeak has any voice for the language. */
static bool espeak_knows(const char *primary)
{
    if (!*primary)
        return false;
    espeak_VOICE spec = {.languages = primary};
    const espeak_VOICE **voices = espeak_ListVoices(&spec);
    return voices && voices[0];
}

const char *rs_speech_voice_for(rs_speech *speech, const char *language, rs_ui_language ui)
{
    static char primary[LANGUAGE_SIZE];
    primary_of(language, primary);
    const char *named = named_voice(speech, primary);
    if (named)
        return named;
    if (espeak_knows(primary))
        return primary;
    bool logged = false;
    for (size_t i = 0; i < speech->unknown_count && !logged; i++)
        logged = strcmp(speech->unknown[i], primary) == 0;
    char ui_primary[LANGUAGE_SIZE];
    primary_of(rs_i18n_code(ui), ui_primary);
    const char *fallback = named_voice(speech, ui_primary);
    if (!logged && speech->unknown_count < MAX_VOICES) {
        snprintf(speech->unknown[speech->unknown_count++], LANGUAGE_SIZE, "%s", primary);
        char message[256];
        snprintf(message, sizeof message,
                 "speech: espeak-ng has no voice for the language '%s'; it is read with the voice '%s'",
                 language ? language : "", fallback ? fallback : "en");
        if (speech->notice)
            speech->notice(speech->notice_context, message);
        else
            rs_log("%s", message);
    }
    return fallback ? fallback : "en";
}

/* Puts the voice for language into espeak, if it is not there already. */
static void select_voice(rs_speech *speech, const char *language, rs_ui_language ui)
{
    const char *voice = rs_speech_voice_for(speech, language, ui);
    if (strcmp(speech->current_voice, voice) == 0)
        return;
    espeak_ng_STATUS status;
    char primary[LANGUAGE_SIZE];
    primary_of(language, primary);
    if (strcmp(voice, primary) == 0 && !named_voice(speech, primary)) {
        /* espeak's own choice for the language (its best-scored voice). */
        espeak_VOICE spec = {.languages = primary};
        status = espeak_ng_SetVoiceByProperties(&spec);
    } else {
        status = espeak_ng_SetVoiceByName(voice);
    }
    if (status != ENS_OK)
        espeak_ng_SetVoiceByName(ESPEAKNG_DEFAULT_VOICE);
    snprintf(speech->current_voice, VOICE_NAME_SIZE, "%s", voice);
    /* A new voice resets espeak's rate and volume to the voice's. */
    speech->current_rate = -1, speech->current_volume = -1;
}

bool rs_speech_say(rs_speech *speech, const char *text, const char *language, rs_ui_language ui,
                   rs_speech_speed speed, rs_speech_sink sink, void *context)
{
    RS_EXPECT(speech == engine);
    select_voice(speech, language, ui);
    int rate = rs_speech_words_per_minute(speed);
    if (rate != speech->current_rate)
        espeak_ng_SetParameter(espeakRATE, rate, 0);
    if (speech->volume != speech->current_volume)
        espeak_ng_SetParameter(espeakVOLUME, speech->volume, 0);
    speech->current_rate = rate, speech->current_volume = speech->volume;
    speech->sink = sink, speech->context = context, speech->stopped = false;
    espeak_ng_STATUS status =
        espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
    bool ok = status == ENS_OK && !speech->stopped;
    speech->sink = NULL, speech->context = NULL;
    return ok;
}

int rs_speech_pause_after_ms(const rs_utterance *u, size_t i)
{
    if (i + 1 >= u->count)
        return 0;
    const rs_sentence *s = &u->items[i], *next = &u->items[i + 1];
    if (s->part == RS_SAY_TITLE)
        return 600;
    if (s->part != RS_SAY_BODY || next->part != RS_SAY_BODY || next->paragraph != s->paragraph)
        return 400;
    return 200;
}

void rs_speech_configure(rs_speech *speech, const rs_config *config)
{
    if (!config)
        return;
    rs_speech_set_volume(speech, config->audio_volume);
    for (size_t i = 0; i < config->voice_count; i++) {
        const rs_config_voice *v = &config->voices[i];
        char error[160];
        if (rs_speech_set_voice(speech, v->language, v->name, error, sizeof error))
            continue;
        const char *fallback = named_voice(speech, v->language);
        if (!fallback)
            fallback = espeak_knows(v->language) ? v->language : "en";
        rs_log("%s:%d: voice_%s = %s: espeak-ng has no such voice; the voice '%s' is used instead",
               config->path[0] ? config->path : "settings", v->line, v->language, v->name, fallback);
    }
}
