/*
 * parallel.h - one loop shared between the machine's cores.
 *
 * Items are handed out from a shared counter in small chunks, so a slow
 * item (a long page, a big blob) does not leave a core idle while the
 * other waits. Each item writes only its own result slot, so results come
 * out in item order whatever thread computed them.
 */
#ifndef PL_PARALLEL_H
#define PL_PARALLEL_H

#include <stddef.h>

enum { PL_PARALLEL_MAX = 8 };

/*
 * How many threads are worth starting for n items when fewer than
 * min_per_worker items each are not worth a thread: the number of online
 * CPUs, at most PL_PARALLEL_MAX, at least 1. PILOTLOG_THREADS (a number
 * >= 1) overrides the CPU count, for tests that compare one thread's
 * output with several threads' and for benchmarks.
 */
int pl_parallel_workers(size_t n, size_t min_per_worker);

/*
 * Calls fn(ctx, worker, from, to) for consecutive ranges covering [0, n)
 * exactly once, on `workers` threads; worker 0 is the calling thread, and
 * a thread that cannot be started leaves its share to the others. fn may
 * return nonzero to stop: no range starts after that, and the first such
 * value is returned (0 when every range ran).
 */
typedef int (*pl_parallel_fn)(void *ctx, int worker, size_t from, size_t to);
int pl_parallel_for(size_t n, size_t chunk, int workers, pl_parallel_fn fn, void *ctx);

#endif
