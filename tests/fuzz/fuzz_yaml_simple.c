/*
 * fuzz_yaml_simple.c - libFuzzer target: the simple-shape parser
 * (yaml_simple.c) against libyaml. Whenever it accepts a text, the full
 * parser must accept it too and give the same tree, node for node,
 * position for position.
 */
#include "yaml_simple.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    pl_arena arena = PL_ARENA_INIT;
    pl_value *fast, *full;
    pl_error err;
    if (pl_yaml_simple_parse(&fast, &arena, text, size, 1, NULL) &&
        (pl_yaml_parse_libyaml(&full, &arena, text, size, 1, NULL, &err) != 0 ||
         !pl_value_same(fast, full, true)))
        abort();
    pl_arena_free(&arena);
    return 0;
}
