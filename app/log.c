#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char recent[RS_LOG_KEEP][512];
static size_t newest, count;

void rs_log(const char *format, ...)
{
    char message[1600];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fprintf(stderr, "rostrum: %s\n", message);
    newest = (newest + 1) % RS_LOG_KEEP;
    /* The admin screen shows the start of long messages. */
    size_t keep = strlen(message) < sizeof recent[newest] - 1 ? strlen(message) : sizeof recent[newest] - 1;
    memcpy(recent[newest], message, keep);
    recent[newest][keep] = '\0';
    if (count < RS_LOG_KEEP)
        count++;
}

const char *rs_log_recent(size_t index)
{
    if (index >= count)
        return NULL;
    return recent[(newest + RS_LOG_KEEP - index) % RS_LOG_KEEP];
}
