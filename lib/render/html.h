/*
 * html.h - writing HTML safely: every value that comes from a repository
 * goes through pl_html_text or pl_html_attr, and every page gets the same
 * frame (doctype, Content-Security-Policy that forbids scripts, style
 * sheet, navigation).
 */
#ifndef PL_RENDER_HTML_H
#define PL_RENDER_HTML_H

#include "buf.h"

/* No scripts, no plugins, no framing tricks: the pages are documents. */
#define PL_CSP                                                                                     \
    "default-src 'none'; style-src 'self'; img-src 'self' https:; base-uri 'none'; form-action "   \
    "'none'"

/* Escapes text for an element's content (& < > " '). Invalid UTF-8 becomes
 * U+FFFD; control characters other than tab and newline are dropped. */
void pl_html_text(pl_buf *out, const char *s);
void pl_html_textn(pl_buf *out, const char *s, size_t len);
/* Same escaping, for a double-quoted attribute value. */
void pl_html_attr(pl_buf *out, const char *s);
/* printf into out, then escape the result as text. */
void pl_html_textf(pl_buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct pl_page {
    const char *title;      /* the page's own title */
    const char *site_title; /* the portfolio's name */
    const char *root;       /* relative path to the site root: "" or "../" */
    const char *active;     /* "portfolio", "decisions" or NULL */
} pl_page;

void pl_html_begin(pl_buf *out, const pl_page *page);
void pl_html_end(pl_buf *out, const pl_page *page, const char *generated_note);

#endif
