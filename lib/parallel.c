/*
 * parallel.c - the shared-counter loop behind pl_parallel_for.
 */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

int pl_parallel_workers(size_t n, size_t min_per_worker)
{
    const char *env = getenv("PILOTLOG_THREADS");
    long cpus = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    size_t k = cpus > 0 ? (size_t)cpus : 1;
    if (k > PL_PARALLEL_MAX) k = PL_PARALLEL_MAX;
    while (k > 1 && n / k < min_per_worker) k--;
    return (int)k;
}

typedef struct shared {
    size_t n, chunk;
    atomic_size_t next;
    atomic_int stop; /* the first nonzero value fn returned */
    pl_parallel_fn fn;
    void *ctx;
} shared;

typedef struct worker {
    shared *s;
    int index;
} worker;

static void *run(void *arg)
{
    worker *w = arg;
    shared *s = w->s;
    while (!atomic_load(&s->stop)) {
        size_t from = atomic_fetch_add(&s->next, s->chunk);
        if (from >= s->n) break;
        size_t to = s->n - from < s->chunk ? s->n : from + s->chunk;
        int rc = s->fn(s->ctx, w->index, from, to);
        if (rc) {
            int none = 0;
            atomic_compare_exchange_strong(&s->stop, &none, rc);
        }
    }
    return NULL;
}

int pl_parallel_for(size_t n, size_t chunk, int workers, pl_parallel_fn fn, void *ctx)
{
    shared s = {.n = n, .chunk = chunk ? chunk : 1, .fn = fn, .ctx = ctx};
    atomic_init(&s.next, 0);
    atomic_init(&s.stop, 0);
    if (workers > PL_PARALLEL_MAX) workers = PL_PARALLEL_MAX;
    worker w[PL_PARALLEL_MAX];
    pthread_t threads[PL_PARALLEL_MAX];
    int started = 0;
    for (int k = 1; k < workers; k++) {
        w[k] = (worker){&s, k};
        if (pthread_create(&threads[k], NULL, run, &w[k]) != 0) break;
        started = k;
    }
    w[0] = (worker){&s, 0};
    run(&w[0]);
    for (int k = 1; k <= started; k++) pthread_join(threads[k], NULL);
    return atomic_load(&s.stop);
}
