/*
 * fuzz_fields.c - libFuzzer target: the history walk's incremental
 * flattening (fields_blocks.c). The input is two YAML texts separated by
 * a NUL byte, an older and a newer version. Whenever the shortcut
 * flattens the second from the first, the whole parse of the second must
 * succeed and give the same fields, path for path and value for value.
 */
#include "fields.h"
#include "parse_yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool whole(const char *text, size_t len, pl_fields *f, pl_value **root, pl_arena *arena)
{
    pl_error err;
    if (pl_yaml_parse(root, arena, text, len, 0, NULL, &err) != 0) return false;
    if ((*root)->type != PL_MAP) return false;
    pl_fields_flatten(f, *root, arena);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    if (!nul) return 0;
    size_t a_len = (size_t)(nul - text), b_len = size - a_len - 1;
    /* the walk hands the shortcut NUL-free, valid UTF-8 text only */
    const char *b = nul + 1;
    if (memchr(b, '\0', b_len)) return 0;

    pl_arena arena = PL_ARENA_INIT;
    pl_fields base, inc, full;
    pl_value *root;
    pl_fm_blocks base_blocks = {NULL, 0}, blocks = {NULL, 0};
    if (whole(text, a_len, &base, &root, &arena) &&
        pl_fm_blocks_split(&base_blocks, text, a_len) &&
        pl_fm_blocks_match(&base_blocks, text, root) && pl_fm_blocks_split(&blocks, b, b_len) &&
        pl_fields_flatten_changed(&inc, b, &blocks, &base, &base_blocks, &arena)) {
        if (!whole(b, b_len, &full, &root, &arena) || full.len != inc.len) abort();
        for (size_t i = 0; i < inc.len; i++)
            if (strcmp(inc.items[i].path, full.items[i].path) != 0 ||
                strcmp(inc.items[i].value, full.items[i].value) != 0)
                abort();
    }
    pl_fm_blocks_free(&base_blocks);
    pl_fm_blocks_free(&blocks);
    pl_arena_free(&arena);
    return 0;
}
