/*
 * fuzz_render.c - libFuzzer target: Markdown to HTML as pilot pages do
 * it, and HTML escaping. Asserts that no script element or javascript:
 * link survives.
 */
#define _GNU_SOURCE /* strcasestr */
#include "render/html.h"
#include "render/markdown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        pl_markdown_init();
        ready = 1;
    }
    pl_buf out = PL_BUF_INIT;
    pl_markdown_html(&out, (const char *)data, size);
    pl_html_textn(&out, (const char *)data, size);
    const char *html = pl_buf_cstr(&out);
    for (const char *p = html; (p = strchr(p, '<')); p++) {
        if (strncasecmp(p, "<script", 7) == 0 || strncasecmp(p, "<iframe", 7) == 0) abort();
    }
    if (strcasestr(html, "href=\"javascript:") || strcasestr(html, "src=\"javascript:")) abort();
    pl_buf_free(&out);
    return 0;
}
