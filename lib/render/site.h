/*
 * site.h - the static status site: index.html (the portfolio),
 * pilots/<id>.html, decisions.html, feed.xml (Atom), pilots.json and
 * style.css, written to a temporary folder and swapped in at the end so
 * an interrupted build leaves the previous site whole.
 */
#ifndef PL_RENDER_SITE_H
#define PL_RENDER_SITE_H

#include "history.h"
#include "pilot.h"

typedef struct pl_site_opts {
    const char *out_dir;
    const char *title;    /* NULL: the repository's site.title */
    const char *base_url; /* NULL: relative links in the feed */
    const char *revision; /* shown in the footer, e.g. "main @ 1a2b3c4" */
    int today;
    /* identifies the renderer (e.g. a hash of the program): pages of the
     * previous site made by the same renderer from the same inputs are
     * reused; 0 renders everything */
    uint64_t renderer_id;
    /* progress reports, e.g. for a terminal; may be NULL */
    void (*progress)(void *ctx, const char *phase, size_t done, size_t total);
    void *progress_ctx;
} pl_site_opts;

typedef struct pl_site_input {
    const pl_pilots *pilots;
    const pl_rules *rules;
    const pl_history *history; /* NULL: rendered without history */
} pl_site_input;

/* Writes the whole site. PL_EUSAGE when out_dir exists but is not a
 * pilotlog site; PL_EIO when writing fails (the old site stays). */
int pl_site_write(const pl_site_input *in, const pl_site_opts *opts, pl_error *err);

#endif
