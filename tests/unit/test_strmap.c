/*
 * test_strmap.c - the string-keyed hash map: insert, replace, get, and
 * delete by backward shift, checked against a plain array after every
 * step of a long random sequence (deletions inside probe runs, runs that
 * wrap around the end of the table, rehashes); and the byte hash it
 * uses, which also names content (pages, caches): every bit of every
 * position of inputs of every length up to 200 bytes changes it.
 */
#include "strmap.h"

#include "tap.h"

#include <stdio.h>
#include <stdlib.h>

enum { KEYS = 600, STEPS = 20000 };

static char names[KEYS][24];
static int values[KEYS];
static bool present[KEYS];

/* every key agrees with the reference: found with its value, or absent */
static bool map_matches(const pl_strmap *m)
{
    size_t len = 0;
    for (int k = 0; k < KEYS; k++) {
        void *v = pl_strmap_get(m, names[k], strlen(names[k]));
        if (present[k] ? v != &values[k] : v != NULL) return false;
        len += present[k];
    }
    return m->len == len;
}

/* Flips each bit of each byte of buffers of 0..200 bytes: every flip
 * must change the hash, and no two lengths of the zero buffer collide. */
static void check_hash(void)
{
    unsigned char buf[200];
    for (size_t i = 0; i < sizeof(buf); i++) buf[i] = (unsigned char)(i * 37 + 11);
    bool flips = true, lengths = true;
    uint64_t zero[sizeof(buf) + 1];
    unsigned char zeros[sizeof(buf)] = {0};
    for (size_t len = 0; len <= sizeof(buf); len++) {
        uint64_t base = pl_hash_bytes(buf, len);
        for (size_t i = 0; i < len && flips; i++)
            for (int bit = 0; bit < 8 && flips; bit++) {
                buf[i] ^= (unsigned char)(1u << bit);
                if (pl_hash_bytes(buf, len) == base) flips = false;
                buf[i] ^= (unsigned char)(1u << bit);
            }
        zero[len] = pl_hash_bytes(zeros, len);
        for (size_t k = 0; k < len; k++) lengths = lengths && zero[k] != zero[len];
    }
    ok(flips, "every one-bit change of inputs up to 200 bytes changes the hash");
    ok(lengths, "zero-filled inputs of different lengths hash apart");
    ok(pl_hash_bytes("pilot", 5) == pl_hash_bytes("pilot", 5), "the same bytes hash the same");
}

int main(void)
{
    check_hash();
    pl_strmap m = PL_STRMAP_INIT;
    ok(pl_strmap_get(&m, "a", 1) == NULL, "an empty map finds nothing");
    ok(pl_strmap_del(&m, "a", 1) == NULL, "deleting from an empty map is a no-op");

    int a = 1, b = 2;
    ok(pl_strmap_put(&m, "alpha", 5, &a) == NULL, "a new key has no previous value");
    ok(pl_strmap_put(&m, "alpha", 5, &b) == &a, "replacing returns the previous value");
    is_int((long long)m.len, 1, "replacing keeps one entry");
    ok(pl_strmap_get(&m, "alph", 4) == NULL, "a prefix is another key");
    ok(pl_strmap_del(&m, "alpha", 5) == &b, "deleting returns the value");
    ok(pl_strmap_get(&m, "alpha", 5) == NULL, "and the key is gone");
    is_int((long long)m.len, 0, "the map is empty again");
    pl_strmap_free(&m);

    for (int k = 0; k < KEYS; k++) snprintf(names[k], sizeof(names[k]), "pilot-%d", k);
    srand(7);
    bool all_ok = true;
    int first_bad = -1;
    for (int step = 0; step < STEPS && all_ok; step++) {
        int k = rand() % KEYS;
        if (rand() % 3 == 0) {
            void *v = pl_strmap_del(&m, names[k], strlen(names[k]));
            if (v != (present[k] ? &values[k] : NULL)) all_ok = false;
            present[k] = false;
        } else {
            pl_strmap_put(&m, names[k], strlen(names[k]), &values[k]);
            present[k] = true;
        }
        /* a full check now and then keeps the test fast */
        if ((step % 97 == 0 || step == STEPS - 1) && !map_matches(&m)) all_ok = false;
        if (!all_ok) first_bad = step;
    }
    ok(all_ok, "%d random puts and deletes agree with a plain array", STEPS);
    if (first_bad >= 0) printf("#   first disagreement at step %d\n", first_bad);

    for (int k = 0; k < KEYS; k++)
        if (present[k]) pl_strmap_del(&m, names[k], strlen(names[k]));
    is_int((long long)m.len, 0, "deleting every key empties the map");
    size_t used = 0;
    for (size_t i = 0; i < m.cap; i++) used += m.slots[i].key != NULL;
    is_int((long long)used, 0, "and leaves no slot behind");
    pl_strmap_free(&m);

    /* room made beforehand is enough for the keys it was made for */
    pl_strmap_reserve(&m, KEYS);
    size_t cap = m.cap;
    bool found = true;
    for (int k = 0; k < KEYS; k++) pl_strmap_put(&m, names[k], strlen(names[k]), &values[k]);
    for (int k = 0; k < KEYS; k++)
        found = found && pl_strmap_get(&m, names[k], strlen(names[k])) == &values[k];
    ok(cap * 3 >= 4 * KEYS && m.cap == cap, "a reserved map takes its keys without growing");
    ok(found, "and finds them all");
    pl_strmap_reserve(&m, 1);
    ok(m.cap == cap && m.len == KEYS, "reserving less than it holds changes nothing");
    pl_strmap_free(&m);
    return done_testing();
}
