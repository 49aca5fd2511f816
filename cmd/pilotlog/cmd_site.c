/*
 * cmd_site.c - `pilotlog site -o DIR`: the static status site of a
 * revision (HEAD by default), read from git without a checkout, so it also
 * runs in a bare repository's post-receive hook.
 */
#include "commands.h"

#include "render/site.h"
#include "strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const site_usage[] = {
    "pilotlog site -o DIR [--rev REV] [--today DATE] [--title TITLE] [--base-url URL] "
    "[--no-history]",
    "pilotlog site -o DIR REPO[@REF]...   (one portfolio of several repositories)",
    NULL,
};

/* Progress on a terminal only: one line, rewritten in place. */
static void show_progress(void *ctx, const char *phase, size_t done, size_t total)
{
    PL_UNUSED(ctx);
    fprintf(stderr, "\rpilotlog site: %s %zu/%zu", phase, done, total);
    if (done == total) fputs("\033[K\r", stderr);
    fflush(stderr);
}

int cmd_site(int argc, char **argv)
{
    const char *out = NULL, *rev = "HEAD", *today_s = NULL, *title = NULL, *base_url = NULL;
    bool no_history = false, no_cache = false;
    const option opts[] = {
        OPT_STRING('o', "output", &out, "DIR", "where to write the site (replaced as a whole)"),
        OPT_STRING(0, "rev", &rev, "REV",
                   "revision to render (default HEAD; REPO@REF overrides per repository)"),
        OPT_STRING(0, "today", &today_s, "DATE", "judge dates as of this day"),
        OPT_STRING(0, "title", &title, "TITLE",
                   "site title (default: site.title from .pilotlog/config.yaml)"),
        OPT_STRING(0, "base-url", &base_url, "URL",
                   "where the site is published, for the Atom feed's links"),
        OPT_FLAG(0, "no-history", &no_history,
                 "render the revision only, without walking the history"),
        OPT_FLAG(0, "no-cache", &no_cache,
                 "ignore the caches in the git directory: walk the whole history and parse every "
                 "pilot again"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, site_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (!out || !*out) {
        usage_with_options(site_usage, opts, true);
        return EXIT_USAGE;
    }
    int today, rc;
    if ((rc = cli_today(today_s, &today))) return rc;
    sources src;
    if ((rc = sources_open(&src, argv, n, rev,
                           SOURCE_PILOTS | (no_history ? 0 : SOURCE_HISTORY) |
                               (no_cache ? SOURCE_NO_CACHE : 0),
                           today)))
        return rc;
    pl_error err;
    pl_error_clear(&err);
    pl_site_opts so = {.out_dir = out,
                       .title = title,
                       .base_url = base_url ? base_url : src.rules->config.base_url,
                       .revision = src.label,
                       .today = today};
    so.renderer_id = program_id();
    if (isatty(STDERR_FILENO)) so.progress = show_progress;
    pl_site_input in = {&src.pilots, src.rules, src.history};
    if (pl_site_write(&in, &so, &err))
        rc = cli_fail(&err);
    else
        printf("site written: %s/index.html (%zu pilot%s)\n", out, src.pilots.len,
               src.pilots.len == 1 ? "" : "s");
    sources_close(&src);
    return rc;
}
