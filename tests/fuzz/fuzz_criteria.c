/*
 * fuzz_criteria.c - libFuzzer target: the target / actual parser and the
 * comparison. The input is "TARGET\nACTUAL".
 */
#include "criteria.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = pl_strndup((const char *)data, size);
    char *nl = strchr(text, '\n');
    const char *actual = "";
    if (nl) {
        *nl = '\0';
        actual = nl + 1;
    }
    pl_target t;
    pl_quantity q;
    (void)pl_target_parse(&t, text, NULL);
    (void)pl_quantity_parse(&q, actual, NULL);
    pl_value tv = {0}, av = {0};
    tv.type = av.type = PL_STRING;
    tv.u.str.ptr = text;
    tv.u.str.len = strlen(text);
    av.u.str.ptr = actual;
    av.u.str.len = strlen(actual);
    char why[160];
    (void)pl_criterion_evaluate(&tv, &av, why, sizeof(why));
    (void)pl_target_measurable(&tv);
    free(text);
    return 0;
}
