/*
 * fuzz_edit.c - libFuzzer target: the front-matter editor used by `set`.
 * The input is "KEY=VALUE\n" followed by the pilot file; the editor must
 * either refuse or produce a file that parses with only that field
 * changed (it verifies itself; this checks it never crashes or corrupts
 * memory on the way).
 */
#include "edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    if (!nl) return 0;
    size_t alen = (size_t)(nl - (const char *)data);
    char *assignment = pl_strndup((const char *)data, alen);
    const char *list[1] = {assignment};
    pl_buf out = PL_BUF_INIT;
    pl_error err;
    (void)pl_edit_assignments(&out, "fuzz.md", nl + 1, size - alen - 1, list, 1, &err);
    pl_buf_free(&out);
    free(assignment);
    return 0;
}
