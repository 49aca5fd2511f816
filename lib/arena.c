/*
 * arena.c - bump allocator in chunks of at least 16 KiB.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct pl_arena_chunk {
    pl_arena_chunk *next;
    size_t cap;
    size_t used;
    max_align_t data[];
};

enum { CHUNK_MIN = 16 * 1024 };

void *pl_arena_alloc(pl_arena *a, size_t n)
{
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (!a->head || a->head->cap - a->head->used < n) {
        size_t cap = n > CHUNK_MIN ? n : CHUNK_MIN;
        pl_arena_chunk *c = pl_malloc(sizeof(*c) + cap);
        c->next = a->head;
        c->cap = cap;
        c->used = 0;
        a->head = c;
    }
    void *p = (char *)a->head->data + a->head->used;
    a->head->used += n;
    a->used_total += n;
    memset(p, 0, n);
    return p;
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t n)
{
    char *d = pl_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void pl_arena_free(pl_arena *a)
{
    pl_arena_chunk *c = a->head;
    while (c) {
        pl_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}
