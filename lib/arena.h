/*
 * arena.h - a bump allocator. A parsed document allocates all of its nodes
 * and strings here, so freeing the document is one call and parsing does
 * not pay malloc's per-node overhead.
 */
#ifndef PL_ARENA_H
#define PL_ARENA_H

#include "common.h"

typedef struct pl_arena_chunk pl_arena_chunk;

typedef struct pl_arena {
    pl_arena_chunk *head;
} pl_arena;

#define PL_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL                                                                                       \
    }

void *pl_arena_alloc(pl_arena *a, size_t n);
char *pl_arena_strndup(pl_arena *a, const char *s, size_t n);
void pl_arena_free(pl_arena *a);

#endif
