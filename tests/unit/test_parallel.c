/*
 * test_parallel.c - the shared-counter loop and what runs on it: every
 * item is handed out exactly once whatever the threads and chunk size, a
 * stop ends the loop, and Markdown rendered on several threads at once is
 * the same as on one (cmark-gfm's shared inline table is switched under
 * a lock; without it about one render in six loses a strikethrough or
 * a link).
 */
#include "parallel.h"
#include "render/markdown.h"

#include "tap.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

enum { ITEMS = 10007, RENDERS = 3000 };

typedef struct count_ctx {
    atomic_int seen[ITEMS];
    atomic_int ranges;
    size_t stop_at; /* stop when a range contains this item; ITEMS: never */
} count_ctx;

static int count_range(void *ctx, int worker, size_t from, size_t to)
{
    count_ctx *c = ctx;
    if (worker < 0 || worker >= PL_PARALLEL_MAX) return -1;
    atomic_fetch_add(&c->ranges, 1);
    for (size_t i = from; i < to; i++) atomic_fetch_add(&c->seen[i], 1);
    return c->stop_at >= from && c->stop_at < to ? 42 : 0;
}

static bool each_once(count_ctx *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (atomic_load(&c->seen[i]) != 1) return false;
    return true;
}

static const char doc[] = "A paragraph first.\n\n"
                          "alpha ~~beta~~ gamma www.example.com and https://example.org/x\n\n"
                          "| a | b |\n|---|---|\n| ~~c~~ | d |\n\n"
                          "- [x] done ~~old~~\n- [ ] todo\n";

typedef struct render_ctx {
    const char *want;
    atomic_int differ;
} render_ctx;

static void *render_many(void *arg)
{
    render_ctx *r = arg;
    pl_buf out = PL_BUF_INIT;
    for (int i = 0; i < RENDERS; i++) {
        pl_buf_clear(&out);
        pl_markdown_html(&out, doc, sizeof(doc) - 1);
        if (strcmp(pl_buf_cstr(&out), r->want) != 0) atomic_fetch_add(&r->differ, 1);
    }
    pl_buf_free(&out);
    return NULL;
}

int main(void)
{
    static count_ctx c;
    const size_t chunks[] = {1, 7, 64, ITEMS, ITEMS * 2};
    for (int workers = 1; workers <= PL_PARALLEL_MAX + 1; workers++)
        for (size_t k = 0; k < PL_ARRAY_SIZE(chunks); k++) {
            memset(&c, 0, sizeof(c));
            c.stop_at = ITEMS;
            int rc = pl_parallel_for(ITEMS, chunks[k], workers, count_range, &c);
            ok(rc == 0 && each_once(&c, ITEMS), "%d workers, chunks of %zu: every item once",
               workers, chunks[k]);
        }
    memset(&c, 0, sizeof(c));
    ok(pl_parallel_for(0, 8, 4, count_range, &c) == 0 && atomic_load(&c.ranges) == 0,
       "no items: fn never runs");

    memset(&c, 0, sizeof(c));
    c.stop_at = 100;
    int rc = pl_parallel_for(ITEMS, 10, 4, count_range, &c);
    is_int(rc, 42, "a range that fails: its value is returned");
    int ran = atomic_load(&c.ranges);
    ok(ran < (ITEMS + 9) / 10, "and the loop stops early (%d of %d ranges ran)", ran,
       (ITEMS + 9) / 10);

    setenv("PILOTLOG_THREADS", "3", 1);
    is_int(pl_parallel_workers(1000, 10), 3, "PILOTLOG_THREADS sets the thread count");
    is_int(pl_parallel_workers(20, 10), 2, "but a thread gets at least min_per_worker items");
    setenv("PILOTLOG_THREADS", "64", 1);
    is_int(pl_parallel_workers(100000, 1), PL_PARALLEL_MAX, "at most PL_PARALLEL_MAX threads");
    setenv("PILOTLOG_THREADS", "0", 1);
    ok(pl_parallel_workers(100000, 1) >= 1, "a bad count falls back to the CPUs");
    unsetenv("PILOTLOG_THREADS");

    pl_markdown_init();
    pl_buf want = PL_BUF_INIT;
    pl_markdown_html(&want, doc, sizeof(doc) - 1);
    ok(strstr(want.ptr, "<del>beta</del>") && strstr(want.ptr, "<del>c</del>") &&
           strstr(want.ptr, "href=\"http://www.example.com\"") &&
           strstr(want.ptr, "href=\"https://example.org/x\""),
       "one thread: strikethrough and links, in text and in a table");
    render_ctx r = {.want = want.ptr};
    atomic_init(&r.differ, 0);
    pthread_t t[4];
    int started = 0;
    for (; started < 4; started++)
        if (pthread_create(&t[started], NULL, render_many, &r) != 0) break;
    for (int k = 0; k < started; k++) pthread_join(t[k], NULL);
    ok(started == 4, "four threads rendering at once");
    is_int(atomic_load(&r.differ), 0, "every render on four threads equals one thread's");
    pl_buf_free(&want);
    return done_testing();
}
