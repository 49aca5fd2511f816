/*
 * fuzz_doc.c - libFuzzer target: arbitrary bytes as a pilot file (front
 * matter split, UTF-8 checks, YAML to value tree, limits) and as a whole
 * YAML document.
 */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pl_doc *doc = NULL;
    pl_error err;
    if (pl_doc_parse_markdown(&doc, "fuzz.md", (const char *)data, size, NULL, &err) == 0) {
        size_t len;
        (void)pl_doc_body(doc, &len);
        pl_doc_free(doc);
    }
    if (pl_doc_parse_yaml(&doc, "fuzz.yaml", (const char *)data, size, NULL, &err) == 0) pl_doc_free(doc);
    return 0;
}
