/*
 * strmap.c - string-keyed hash map (word-at-a-time hash, linear probing,
 * load <= 1/2).
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* One step of a lane: a bijection of the state, mixing in eight bytes. */
static inline uint64_t lane_step(uint64_t h, const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
}

/* Four independent lanes of eight bytes, so that the multiplications
 * overlap instead of waiting on each other (a single lane was a tenth of
 * a site rebuild, hashing pages and pilot files), then murmur3's
 * finaliser. Not a cryptographic hash: it names content nobody is trying
 * to collide. */
uint64_t pl_hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (len * 0xC2B2AE3D27D4EB4FULL);
    if (len >= 32) {
        uint64_t a = h, b = h + 0x632BE59BD9B4E019ULL, c = h + 0x8CB92BA72F3D8DD7ULL,
                 d = h + 0xB7E151628AED2A6BULL;
        for (; len >= 32; p += 32, len -= 32) {
            a = lane_step(a, p);
            b = lane_step(b, p + 8);
            c = lane_step(c, p + 16);
            d = lane_step(d, p + 24);
        }
        h = ((a * 0x9E3779B97F4A7C15ULL) ^ b) * 0xC2B2AE3D27D4EB4FULL;
        h = ((h ^ c) * 0x165667B19E3779F9ULL) ^ d;
    }
    for (; len >= 8; p += 8, len -= 8) h = lane_step(h, p);
    uint64_t tail = 0;
    for (size_t i = 0; i < len; i++) tail |= (uint64_t)p[i] << (8 * i);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
}

static pl_strmap_slot *find(const pl_strmap *m, const char *key, size_t key_len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        pl_strmap_slot *s = &m->slots[i];
        if (!s->key) return s;
        if (s->hash == h && s->key_len == key_len && memcmp(s->key, key, key_len) == 0) return s;
    }
}

static void rehash(pl_strmap *m, size_t cap)
{
    pl_strmap old = *m;
    m->slots = pl_calloc(cap, sizeof(*m->slots));
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++) {
        pl_strmap_slot *s = &old.slots[i];
        if (s->key) *find(m, s->key, s->key_len, s->hash) = *s;
    }
    free(old.slots);
}

/* Whether n keys overfill cap slots: three quarters full at most. A
 * sparser table costs memory first touched (a page fault per 128 slots)
 * more than the probes it saves. */
static bool too_full(size_t n, size_t cap)
{
    return n * 4 > cap * 3;
}

void pl_strmap_reserve(pl_strmap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 16;
    while (too_full(n + 1, cap)) cap *= 2;
    if (cap > m->cap) rehash(m, cap);
}

void *pl_strmap_put(pl_strmap *m, const char *key, size_t key_len, void *value)
{
    if (!m->cap || too_full(m->len + 1, m->cap)) rehash(m, m->cap ? m->cap * 2 : 16);
    uint64_t h = pl_hash_bytes(key, key_len);
    pl_strmap_slot *s = find(m, key, key_len, h);
    void *prev = s->key ? s->value : NULL;
    if (!s->key) {
        s->key = key;
        s->key_len = key_len;
        s->hash = h;
        m->len++;
    }
    s->value = value;
    return prev;
}

void *pl_strmap_del(pl_strmap *m, const char *key, size_t key_len)
{
    if (!m->cap) return NULL;
    pl_strmap_slot *s = find(m, key, key_len, pl_hash_bytes(key, key_len));
    if (!s->key) return NULL;
    void *value = s->value;
    /* Backward shift instead of tombstones: every later entry of the probe
     * run whose home slot does not lie between the hole and itself moves
     * into the hole, so lookups still stop at the first empty slot. */
    size_t mask = m->cap - 1, hole = (size_t)(s - m->slots);
    for (size_t i = (hole + 1) & mask; m->slots[i].key; i = (i + 1) & mask) {
        size_t home = m->slots[i].hash & mask;
        bool stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
        if (stays) continue;
        m->slots[hole] = m->slots[i];
        hole = i;
    }
    memset(&m->slots[hole], 0, sizeof(m->slots[hole]));
    m->len--;
    return value;
}

void *pl_strmap_get(const pl_strmap *m, const char *key, size_t key_len)
{
    if (!m->cap) return NULL;
    pl_strmap_slot *s = find(m, key, key_len, pl_hash_bytes(key, key_len));
    return s->key ? s->value : NULL;
}

void pl_strmap_free(pl_strmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}
