/*
 * markdown.h - a pilot's body as HTML through cmark-gfm with GitHub's
 * extensions (tables, task lists, strikethrough, autolinks, tagfilter).
 * Raw HTML is not passed through; links and images may only use http,
 * https, mailto or relative URLs; headings get ids and move two levels
 * down (the page's title is its h1, "Notes" an h2); links to sibling pilot files
 * (other-pilot.md) point at their pages.
 */
#ifndef PL_RENDER_MARKDOWN_H
#define PL_RENDER_MARKDOWN_H

#include "buf.h"

/* Registers the extensions; call once before rendering (and before any
 * threads start). */
void pl_markdown_init(void);
/* Appends the HTML of the Markdown text to out. */
void pl_markdown_html(pl_buf *out, const char *text, size_t len);

#endif
