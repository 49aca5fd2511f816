/*
 * markdown.c - Markdown to HTML with cmark-gfm, made safe for pages
 * others open.
 */
#include "render/markdown.h"

#include "arena.h"
#include "render/html.h"

#include "strmap.h"
#include "utf8.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const extensions[] = {"table", "tasklist", "strikethrough", "autolink",
                                         "tagfilter"};

/*
 * cmark-gfm 0.29 keeps the table of characters that start inline syntax
 * in a global, which every parse switches its extensions' characters on
 * in and off again at the end of its inline pass (in cmark_parser_finish).
 * Two pages parsed at once would switch them off under each other, and
 * strikethrough or autolinks would silently go missing from one page: the
 * inline pass runs under this lock. Block parsing and HTML rendering,
 * most of the work, touch no shared state and run in parallel.
 */
static pthread_mutex_t inline_pass = PTHREAD_MUTEX_INITIALIZER;

/*
 * cmark allocates every node and every growing string with calloc and
 * realloc, and frees each again: a fifth of a page's rendering went to
 * malloc and free. Its allocator hooks take no context pointer, so the
 * thread rendering a page points this at the page's arena for the length
 * of one pl_markdown_html call, and everything cmark allocated goes with
 * the arena at once. Each block keeps its size in front of it for
 * realloc.
 */
static _Thread_local pl_arena *cmark_arena;

typedef union block_header {
    size_t size;
    max_align_t align;
} block_header;

static void *arena_calloc(size_t count, size_t size)
{
    if (size && count > (SIZE_MAX - sizeof(block_header)) / size) abort();
    block_header *h = pl_arena_alloc(cmark_arena, sizeof(*h) + count * size);
    h->size = count * size;
    return h + 1;
}

static void *arena_realloc(void *p, size_t size)
{
    if (!p) return arena_calloc(1, size);
    size_t old = ((block_header *)p - 1)->size;
    if (size <= old) return p;
    /* cmark's buffers grow by half again each time, so what is left
     * behind is bounded by what is kept */
    void *q = arena_calloc(1, size);
    memcpy(q, p, old);
    return q;
}

static void arena_free(void *p)
{
    (void)p; /* the arena goes at the end of the call */
}

static cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

void pl_markdown_init(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

/* Whether a URL may be linked: http, https, mailto, or no scheme. */
static bool url_allowed(const char *url)
{
    const char *p = url;
    /* browsers ignore leading spaces and control characters */
    while (*p && (unsigned char)*p <= ' ') p++;
    size_t n = strcspn(p, ":/?#");
    if (p[n] != ':') return true; /* relative */
    static const char *const schemes[] = {"http", "https", "mailto"};
    for (size_t i = 0; i < sizeof(schemes) / sizeof(*schemes); i++)
        if (strlen(schemes[i]) == n && strncasecmp(p, schemes[i], n) == 0) {
            /* no control characters or spaces hidden inside the scheme part */
            for (const char *q = url; q < p + n; q++)
                if ((unsigned char)*q < ' ') return false;
            return true;
        }
    return false;
}

/* "other-pilot.md#x" -> "other-pilot.html#x" for links between pilots. */
static char *sibling_page(const char *url)
{
    size_t n = strcspn(url, "#");
    if (n < 4 || strncmp(url + n - 3, ".md", 3) != 0) return NULL;
    for (size_t i = 0; i < n - 3; i++)
        if (!(islower((unsigned char)url[i]) || isdigit((unsigned char)url[i]) || url[i] == '-'))
            return NULL;
    pl_buf b = PL_BUF_INIT;
    pl_buf_put(&b, url, n - 3);
    pl_buf_printf(&b, ".html%s", url + n);
    return pl_buf_detach(&b);
}

static void heading_text(cmark_node *node, pl_buf *out)
{
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        const char *lit = cmark_node_get_literal(c);
        if (lit && (cmark_node_get_type(c) == CMARK_NODE_TEXT ||
                    cmark_node_get_type(c) == CMARK_NODE_CODE))
            pl_buf_puts(out, lit);
        else
            heading_text(c, out);
    }
}

/* GitHub-like: lower case, letters and digits kept, spaces to '-'. */
static void slug(pl_buf *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), i = 0;
    bool dash = false;
    pl_buf_puts(out, "notes-");
    size_t start = out->len;
    while (i < len) {
        uint32_t cp;
        size_t n = s[i] < 0x80 ? 1 : pl_utf8_decode(s + i, len - i, &cp);
        if (!n) n = 1;
        if (n == 1 && isalnum(s[i])) {
            if (dash && out->len > start) pl_buf_putc(out, '-');
            pl_buf_putc(out, (char)tolower(s[i]));
            dash = false;
        } else if (n > 1) {
            if (dash && out->len > start) pl_buf_putc(out, '-');
            pl_buf_put(out, text + i, n);
            dash = false;
        } else if (s[i] == ' ' || s[i] == '-' || s[i] == '_') {
            dash = true;
        }
        i += n;
    }
    if (out->len == start) pl_buf_puts(out, "section");
}

/* The ids given to headings, in document order. */
typedef struct anchors {
    char **ids;
    size_t len, cap;
    pl_strmap seen;  /* base slug -> times used */
    pl_arena *arena; /* the page's: ids and keys live there */
} anchors;

/* Makes links safe, collects heading ids, moves headings one level down. */
static void prepare(cmark_node *doc, anchors *a)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            const char *url = cmark_node_get_url(node);
            if (url && !url_allowed(url)) {
                cmark_node_set_url(node, "");
            } else if (url && t == CMARK_NODE_LINK) {
                char *page = sibling_page(url);
                if (page) cmark_node_set_url(node, page);
                free(page);
            }
        } else if (t == CMARK_NODE_HEADING) {
            /* the page has h1 (title) and h2 (Notes): the body starts at h3 */
            int level = cmark_node_get_heading_level(node) + 2;
            cmark_node_set_heading_level(node, level > 6 ? 6 : level);
            pl_buf text = PL_BUF_INIT, id = PL_BUF_INIT;
            heading_text(node, &text);
            slug(&id, pl_buf_cstr(&text));
            size_t used = (size_t)(uintptr_t)pl_strmap_get(&a->seen, id.ptr, id.len);
            char *key = pl_arena_strndup(a->arena, id.ptr, id.len);
            pl_strmap_put(&a->seen, key, id.len, (void *)(uintptr_t)(used + 1));
            if (used) pl_buf_printf(&id, "-%zu", used);
            pl_grow((void **)&a->ids, &a->cap, a->len + 1, sizeof(*a->ids));
            a->ids[a->len++] = pl_arena_strndup(a->arena, id.ptr, id.len);
            pl_buf_free(&id);
            pl_buf_free(&text);
        }
    }
    cmark_iter_free(it);
}

void pl_markdown_html(pl_buf *out, const char *text, size_t len)
{
    int options = CMARK_OPT_DEFAULT; /* no CMARK_OPT_UNSAFE: raw HTML is omitted */
    pl_arena arena = PL_ARENA_INIT;
    cmark_arena = &arena;
    cmark_parser *parser = cmark_parser_new_with_mem(options, &arena_mem);
    for (size_t i = 0; i < sizeof(extensions) / sizeof(*extensions); i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (ext) cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, text, len);
    pthread_mutex_lock(&inline_pass);
    cmark_node *doc = cmark_parser_finish(parser);
    pthread_mutex_unlock(&inline_pass);
    anchors a;
    memset(&a, 0, sizeof(a));
    a.arena = &arena;
    prepare(doc, &a);
    char *html = cmark_render_html_with_mem(doc, options,
                                            cmark_parser_get_syntax_extensions(parser), &arena_mem);

    /* Every "<hN>" in cmark's output is a heading node (raw HTML is
     * omitted, code is escaped), in document order: give each its id.
     * Every "<input" is a task list item's checkbox: give it a name. */
    static const char checkbox[] = "<input type=\"checkbox\"";
    size_t next = 0;
    for (const char *p = html; *p;) {
        const char *h = strchr(p, '<');
        if (!h) {
            pl_buf_puts(out, p);
            break;
        }
        if (h[1] == 'h' && h[2] >= '1' && h[2] <= '6' && h[3] == '>' && next < a.len) {
            pl_buf_put(out, p, (size_t)(h - p));
            pl_buf_printf(out, "<h%c id=\"", h[2]);
            pl_html_attr(out, a.ids[next++]);
            pl_buf_puts(out, "\">");
            p = h + 4;
        } else if (strncmp(h, checkbox, sizeof(checkbox) - 1) == 0) {
            pl_buf_put(out, p, (size_t)(h - p) + sizeof(checkbox) - 1);
            pl_buf_puts(out, " aria-label=\"done\"");
            p = h + sizeof(checkbox) - 1;
        } else {
            pl_buf_put(out, p, (size_t)(h - p) + 1);
            p = h + 1;
        }
    }
    free(a.ids);
    pl_strmap_free(&a.seen);
    /* html, doc, parser and the heading ids live in the arena */
    cmark_arena = NULL;
    pl_arena_free(&arena);
}
