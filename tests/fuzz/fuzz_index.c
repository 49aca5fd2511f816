/*
 * fuzz_index.c - libFuzzer target: the git index reader of `check
 * --staged` (store_index.c), on arbitrary bytes. Every entry it returns
 * must be a NUL-terminated path of the length it reports.
 */
#include "store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pl_index *ix;
    pl_error err;
    pl_error_clear(&err);
    if (pl_index_parse(&ix, data, size, "index", &err) == 0) {
        for (size_t i = 0; i < ix->len; i++)
            if (strlen(ix->entries[i].path) != ix->entries[i].path_len) abort();
        if (ix->len) (void)pl_index_get(ix, ix->entries[ix->len - 1].path);
        (void)pl_index_find_prefix(ix, "pilots/");
        pl_index_free(ix);
    }
    return 0;
}
