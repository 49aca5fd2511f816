/*
 * arena.c - bump allocator in chunks that start small and double: a
 * site holds one arena per pilot, most of them a few KiB.
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

enum { CHUNK_FIRST = 2 * 1024, CHUNK_MAX = 64 * 1024 };

/* n bytes at the next multiple of align in the current chunk, or in a new
 * one. */
static void *bump(pl_arena *a, size_t n, size_t align)
{
    size_t at = a->head ? (a->head->used + align - 1) / align * align : 0;
    if (!a->head || at > a->head->cap || a->head->cap - at < n) {
        size_t cap = !a->head                   ? CHUNK_FIRST
                     : a->head->cap < CHUNK_MAX ? a->head->cap * 2
                                                : CHUNK_MAX;
        if (cap < n) cap = n;
        pl_arena_chunk *c = pl_malloc(sizeof(*c) + cap);
        c->next = a->head;
        c->cap = cap;
        c->used = 0;
        a->head = c;
        at = 0;
    }
    void *p = (char *)a->head->data + at;
    a->head->used = at + n;
    return p;
}

void *pl_arena_alloc(pl_arena *a, size_t n)
{
    void *p = bump(a, n, sizeof(max_align_t));
    memset(p, 0, n);
    return p;
}

/* Strings need no alignment: packing them saves a third of a parsed
 * document's memory. */
char *pl_arena_strndup(pl_arena *a, const char *s, size_t n)
{
    char *d = bump(a, n + 1, 1);
    if (n) memcpy(d, s, n); /* an empty buffer may have no bytes at all */
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
}
