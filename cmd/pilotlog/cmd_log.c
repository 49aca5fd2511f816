/*
 * cmd_log.c - `pilotlog log [ID]`: the decision history from the commit
 * log, newest first, for all pilots or one.
 */
#include "commands.h"

#include "date.h"
#include "parallel.h"
#include "render/history_json.h"

#include <stdlib.h>
#include <string.h>

static const char *const log_usage[] = {
    "pilotlog log [ID] [--since DATE] [--until DATE] [--rev REV] [--repo PATH[@REF]]... [--format "
    "text|json]",
    NULL,
};

/* The selected events, for rendering them as JSON on every core. */
typedef struct event_list {
    const pl_history *h;
    const pl_event **sel;
} event_list;

static void event_json(pl_json *j, size_t i, void *ctx)
{
    const event_list *list = ctx;
    pl_render_event_json(j, list->h, list->sel[i]);
}

int cmd_log(int argc, char **argv)
{
    const char *since_s = NULL, *until_s = NULL, *rev = "HEAD", *format_s = NULL;
    str_list repos = {0};
    bool no_cache = false;
    const option opts[] = {
        OPT_LIST(0, "repo", &repos, "PATH[@REF]",
                 "read these repositories (repeatable): one portfolio"),
        OPT_STRING(0, "since", &since_s, "DATE", "only events on or after this day"),
        OPT_STRING(0, "until", &until_s, "DATE", "only events on or before this day"),
        OPT_STRING(0, "rev", &rev, "REV", "history of this revision (default HEAD)"),
        OPT_STRING(0, "format", &format_s, "FORMAT", "text (default) or json"),
        OPT_FLAG(0, "no-cache", &no_cache,
                 "walk the whole history again, ignoring the cache in the git directory"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, log_usage);
    if (n < 0) {
        str_list_free(&repos);
        return n == -2 ? EXIT_OK : EXIT_USAGE;
    }
    if (n > 1) {
        usage_with_options(log_usage, opts, true);
        return EXIT_USAGE;
    }
    out_format format;
    int rc, since = -1000000, until = 1000000;
    if ((rc = cli_format(format_s, &format, false))) return rc;
    if ((since_s && !pl_date_parse(since_s, &since)) ||
        (until_s && !pl_date_parse(until_s, &until))) {
        cli_error("--since/--until: expected a date YYYY-MM-DD");
        return EXIT_USAGE;
    }
    const char *id = n ? argv[0] : NULL;
    if (id && !pl_id_valid_namespaced(id)) {
        str_list_free(&repos);
        return cli_check_id(id);
    }
    sources src;
    rc = sources_open(&src, (char **)repos.items, repos.len, rev,
                      SOURCE_HISTORY | (no_cache ? SOURCE_NO_CACHE : 0), 0);
    str_list_free(&repos);
    if (rc) return rc;
    const pl_history *h = src.history;
    const pl_event **sel = pl_malloc((h->n_events ? h->n_events : 1) * sizeof(*sel));
    size_t count = 0;
    bool known = id == NULL;
    for (size_t i = 0; i < h->n_events; i++) {
        const pl_event *e = &h->events[i];
        if (id && strcmp(e->pilot, id) != 0) continue;
        known = true;
        if (event_in_range(h, e, since, until)) sel[count++] = e;
    }
    if (!known) {
        cli_error("no pilot '%s' in the history of %s", id, rev);
        rc = EXIT_USAGE;
    } else {
        pl_buf out = PL_BUF_INIT;
        if (format == FORMAT_JSON) {
            pl_json j;
            pl_json_init(&j, &out, true);
            pl_json_stream(&j, cli_write, stdout);
            pl_json_object_begin(&j);
            pl_json_kbool(&j, "truncated", h->truncated);
            pl_json_kint(&j, "commits", (long long)h->n_commits);
            pl_json_key(&j, "events");
            pl_json_array_begin(&j);
            event_list list = {h, sel};
            pl_json_array_items(&j, count, event_json, &list, pl_parallel_workers(count, 4096));
            pl_json_array_end(&j);
            pl_json_object_end(&j);
            pl_buf_putc(&out, '\n');
            pl_json_finish(&j);
        } else {
            print_events_text(&out, h, sel, count, id == NULL);
        }
        cli_out(&out);
        pl_buf_free(&out);
    }
    free(sel);
    sources_close(&src);
    return rc;
}
