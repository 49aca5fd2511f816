/*
 * html.c - escaping and the page frame.
 */
#include "render/html.h"

#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* What is copied as it is: printable ASCII but the five markup bytes. */
static const pl_ascii_set html_plain = {
    {PL_ASCII_PRINTABLE_LO & ~(PL_ASCII_BIT('&') | PL_ASCII_BIT('<') | PL_ASCII_BIT('>') |
                               PL_ASCII_BIT('"') | PL_ASCII_BIT('\'')),
     PL_ASCII_PRINTABLE_HI}};

static void escape(pl_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* a run of plain bytes and valid UTF-8 goes out in one copy */
        size_t run = i;
        i = pl_utf8_plain_run(u, i, len, &html_plain);
        if (i > run) pl_buf_put(out, s + run, i - run);
        if (i == len) break;
        unsigned char c = u[i++];
        switch (c) {
        case '&':
            pl_buf_puts(out, "&amp;");
            break;
        case '<':
            pl_buf_puts(out, "&lt;");
            break;
        case '>':
            pl_buf_puts(out, "&gt;");
            break;
        case '"':
            pl_buf_puts(out, "&quot;");
            break;
        case '\'':
            pl_buf_puts(out, "&#39;");
            break;
        default:
            if (c >= 0x80)
                pl_buf_puts(out, "\xEF\xBF\xBD"); /* not UTF-8: U+FFFD */
            else if (c == '\n' || c == '\t')
                pl_buf_putc(out, (char)c);
            /* other control characters are dropped */
        }
    }
}

void pl_html_textn(pl_buf *out, const char *s, size_t len)
{
    if (s) escape(out, s, len);
}

void pl_html_text(pl_buf *out, const char *s)
{
    if (s) escape(out, s, strlen(s));
}

void pl_html_attr(pl_buf *out, const char *s)
{
    pl_html_text(out, s);
}

void pl_html_textf(pl_buf *out, const char *fmt, ...)
{
    /* most texts are short: formatted on the stack, without a heap buffer */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof(small)) {
        escape(out, small, (size_t)n);
        return;
    }
    pl_buf tmp = PL_BUF_INIT;
    va_start(ap, fmt);
    pl_buf_vprintf(&tmp, fmt, ap);
    va_end(ap);
    escape(out, tmp.ptr ? tmp.ptr : "", tmp.len);
    pl_buf_free(&tmp);
}

void pl_html_begin(pl_buf *out, const pl_page *page)
{
    pl_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"" PL_CSP "\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    pl_html_text(out, page->title);
    if (page->site_title && strcmp(page->title, page->site_title) != 0) {
        pl_buf_puts(out, " · ");
        pl_html_text(out, page->site_title);
    }
    pl_buf_printf(
        out,
        "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n"
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Decisions\" "
        "href=\"%sfeed.xml\">\n"
        "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
        "<header class=\"site\"><nav aria-label=\"Site\"><a class=\"brand\" href=\"%sindex.html\">",
        page->root, page->root, page->root);
    pl_html_text(out, page->site_title);
    pl_buf_printf(
        out,
        "</a><a href=\"%sindex.html\"%s>Portfolio</a><a href=\"%sdecisions.html\"%s>Decisions</a>"
        "</nav></header>\n<main id=\"main\">\n",
        page->root,
        page->active && strcmp(page->active, "portfolio") == 0 ? " aria-current=\"page\"" : "",
        page->root,
        page->active && strcmp(page->active, "decisions") == 0 ? " aria-current=\"page\"" : "");
}

void pl_html_end(pl_buf *out, const pl_page *page, const char *generated_note)
{
    pl_buf_puts(out, "</main>\n<footer class=\"site\"><p>");
    if (generated_note) {
        pl_html_text(out, generated_note);
        pl_buf_puts(out, " · ");
    }
    pl_buf_printf(out,
                  "<a href=\"%sfeed.xml\">Atom feed</a> · <a "
                  "href=\"%spilots.json\">pilots.json</a></p></footer>\n"
                  "</body>\n</html>\n",
                  page->root, page->root);
}
