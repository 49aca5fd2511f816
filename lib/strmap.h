/*
 * strmap.h - an open-addressing hash map from byte strings to pointers.
 * Keys are borrowed: the caller keeps them alive as long as the map.
 */
#ifndef PL_STRMAP_H
#define PL_STRMAP_H

#include "common.h"

typedef struct pl_strmap_slot {
    const char *key;
    size_t key_len;
    uint64_t hash;
    void *value;
} pl_strmap_slot;

typedef struct pl_strmap {
    pl_strmap_slot *slots;
    size_t cap; /* power of two, or 0 */
    size_t len;
} pl_strmap;

#define PL_STRMAP_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

uint64_t pl_hash_bytes(const void *data, size_t len);
/* Makes room for n keys in all, so that putting them rehashes nothing. */
void pl_strmap_reserve(pl_strmap *m, size_t n);
/* Inserts or replaces; returns the previous value or NULL. */
void *pl_strmap_put(pl_strmap *m, const char *key, size_t key_len, void *value);
void *pl_strmap_get(const pl_strmap *m, const char *key, size_t key_len);
/* Removes key (the map forgets the borrowed key); returns its value or NULL. */
void *pl_strmap_del(pl_strmap *m, const char *key, size_t key_len);
void pl_strmap_free(pl_strmap *m);

#endif
