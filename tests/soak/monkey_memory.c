/*
 * The monkey's memory measurements (RSS and heap in use, in a settled
 * state) and the month of opening hours (monkey.h).
 */
#include "monkey.h"

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Bytes the program has allocated and not freed (what a leak would grow). */
static size_t heap_in_use(void)
{
#ifdef MONKEY_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
#endif
}

/* Gives back what the allocator keeps of freed memory, so that the RSS is
 * what is in use: glibc keeps freed chunks in its arenas (malloc_trim
 * returns the free pages); AddressSanitizer keeps freed chunks in its
 * quarantine (up to 256 MB) and its free lists (purge drains both). */
static void release_free_memory(void)
{
#ifdef MONKEY_ASAN
    __sanitizer_purge_allocator();
#else
    malloc_trim(0);
#endif
}

/* The memory in a state that can be compared across the run: home at the
 * starting window size, unrotated, the fonts just reopened and one frame
 * drawn, so the canvas, the fonts, the text caches and the screen model are
 * those of the same screen every time, not of whatever size, screen and
 * text came before. (Visiting home is a Home key press: deterministic, and
 * part of the run.) A leak is still counted: it is memory nobody frees,
 * whichever screen is shown. */
memory_point settled_memory(monkey *m)
{
    memory_point p;
    release_free_memory();
    p.raw = rss_kb();
    if (m->rotation || m->window_w != m->start_width || m->window_h != m->start_height) {
        m->rotation = 0;
        if (!resize_to(m, m->start_width, m->start_height))
            exit(2);
    }
    /* app.c keeps its rotation texture after the screen is turned back
     * upright; here it goes, so that it is not counted at one point and
     * not at another. */
    if (m->turned)
        SDL_DestroyTexture(m->turned);
    m->turned = NULL;
    /* Home in the kiosk's own language: a visitor may have left it in
     * Chinese, whose screens open the CJK fallback font (about 1 MB of
     * FreeType's), and that is a state, not growth. */
    rs_session_set_language(m->session, RS_UI_EN);
    rs_session_key(m->session, RS_KEY_HOME, m->now);
    settle(m);
    /* SQLite's page cache fills to its bound as the visit reaches new
     * parts of the file: emptied, like the text caches. */
    rs_bundle_release_memory(m->bundle);
    /* The text caches emptied and the fallback fonts closed (a theme of
     * the same sizes keeps them all). */
    char error[512];
    if (!rs_text_set_theme(m->text, rs_session_theme(m->session), error, sizeof error))
        problem(m, P_FONTS, "%s", error);
    rs_text_release(m->text);
    frame(m, true);
    release_free_memory();
    p.heap = (long)(heap_in_use() / 1024);
    p.rss = rss_kb();
    return p;
}

void print_memory(const char *when, const memory_point *p)
{
    fprintf(stderr, "monkey: memory %s: RSS %ld KB (as left: %ld KB), heap in use %ld KB\n", when, p->rss, p->raw,
            p->heap);
}

/* The judgement. The heap in use must not grow by more than the budget in
 * any build. The RSS is judged too, except
 *  - under AddressSanitizer: there it holds the allocator's own memory and
 *    the shadow of every address range its quarantine has cycled through,
 *    which keeps growing for hundreds of thousands of events while the heap
 *    in use stays flat;
 *  - under an emulator (qemu-user, for the ARM builds; ctest says so in
 *    ROSTRUM_EMULATOR): /proc/self/statm is then the emulator's process,
 *    whose cache of translated code grows each time a code path runs for
 *    the first time (about 3 MB over the 3 days of soak_smoke_month on
 *    arm64, while the heap in use grew by 40 KB).
 * Only a native normal build's RSS says what a kiosk would see. */
static const char *emulator(void)
{
    const char *e = getenv("ROSTRUM_EMULATOR");
    return e && e[0] ? e : NULL;
}

static const char *rss_not_judged(void)
{
#ifdef MONKEY_ASAN
    return "not judged under AddressSanitizer";
#else
    return emulator() ? "not judged under emulation: the RSS is the emulator's" : NULL;
#endif
}

bool grew_too_much(const memory_point *a, const memory_point *b)
{
    return b->heap - a->heap > RSS_BUDGET_KB || (!rss_not_judged() && b->rss - a->rss > RSS_BUDGET_KB);
}

void print_growth(const char *since, const memory_point *a, const memory_point *b)
{
    const char *why = rss_not_judged();
    fprintf(stderr, "monkey: growth since %s: RSS %+ld KB (%s), heap in use %+ld KB (budget %d KB)\n", since,
            b->rss - a->rss, why ? why : "budget 1024 KB", b->heap - a->heap, RSS_BUDGET_KB);
    if (why && emulator())
        fprintf(stderr, "monkey: RSS skipped: running under %s, whose translated-code cache is counted in the RSS; "
                        "the heap in use is still judged\n", emulator());
}

/* ---- the month ---- */

#define MINUTE_MS ((uint64_t)60000)
#define HOUR_MS (60 * MINUTE_MS)
#define DAY_MS (24 * HOUR_MS)

int run_month(monkey *m, int days, memory_point *first, memory_point *last)
{
    uint64_t visitors = 0;
    for (int day = 1; day <= days; day++) {
        uint64_t open = (uint64_t)day * DAY_MS + 9 * HOUR_MS, close = open + 8 * HOUR_MS;
        /* The night: nobody. */
        if (m->now < open)
            pass_coarse(m, open - m->now, 5 * MINUTE_MS, 60 * MINUTE_MS);
        while (m->now < close) {
            /* A visitor: 10 to 200 events over a few minutes. */
            int count = (int)rng_range(&m->r, 10, 200);
            for (int i = 0; i < count; i++)
                one_event(m);
            visitors++;
            /* Nobody for minutes to an hour: only ticks. */
            uint64_t gap = rng_log(&m->r, MINUTE_MS, HOUR_MS);
            pass_coarse(m, gap, 1000, 30000);
            observe(m);
            m->idle_checks++;
            const rs_nav *nav = rs_session_nav(m->session);
            if (gap >= 460000 && (nav->depth != 1 || rs_session_mode_now(m->session) != RS_MODE_ATTRACT))
                problem(m, P_IDLE, "after %" PRIu64 " s without a visitor the kiosk is not in its attract loop at home",
                        gap / 1000);
        }
        /* Measured at the end of every day, the same way each time. */
        memory_point p = settled_memory(m);
        char when[96];
        snprintf(when, sizeof when, "at the end of day %d (%" PRIu64 " events, %" PRIu64 " visitors so far)", day,
                 m->events, visitors);
        print_memory(when, &p);
        if (day == 1)
            *first = p;
        *last = p;
    }
    return (int)visitors;
}

