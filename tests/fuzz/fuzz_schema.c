/*
 * fuzz_schema.c - libFuzzer target: arbitrary pilot files validated with
 * the shipped schema and workflow rules, and their field flattening.
 */
#include "config.h"
#include "fields.h"
#include "pilot.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pl_rules *rules;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rules && pl_rules_load(&rules, NULL, NULL, NULL, NULL)) abort();
    pl_pilot *p = pl_pilot_parse("pilots/fuzz.md", (const char *)data, size, rules, 20781, false);
    if (p->doc) {
        pl_arena arena = PL_ARENA_INIT;
        pl_fields f;
        pl_fields_flatten(&f, p->doc->root, &arena);
        pl_arena_free(&arena);
        pl_pilot_check_transition(p, rules, (const char *)data, size);
    }
    pl_pilot_free(p);
    return 0;
}
