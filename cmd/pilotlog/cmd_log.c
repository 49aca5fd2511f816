/*
 * cmd_log.c - `pilotlog log [ID]`: the decision history from the commit
 * log, newest first, for all pilots or one.
 */
#include "commands.h"

#include "date.h"
#include "render/history_json.h"

#include <stdlib.h>
#include <string.h>

static const char *const log_usage[] = {
    "pilotlog log [ID] [--since DATE] [--until DATE] [--rev REV] [--format text|json]",
    NULL,
};

int open_history(cli_repo *repo, const char *rev, pl_history **out)
{
    pl_error err;
    git_commit *tip = NULL;
    git_tree *tree = NULL;
    pl_error_clear(&err);
    memset(repo, 0, sizeof(*repo));
    *out = NULL;
    int rc = pl_store_open(&repo->store, NULL, &err);
    if (!rc) rc = pl_store_resolve(repo->store, rev, &tip, &err);
    if (!rc && tip && git_commit_tree(&tree, tip) < 0) rc = pl_git_error(&err, "reading the tip");
    if (!rc) rc = pl_store_rules_from_tree(repo->store, tree, NULL, &repo->rules, &err);
    if (!rc)
        rc = pl_history_walk(out, repo->store->repo, tip ? git_commit_id(tip) : NULL,
                             repo->rules->config.pilots_dir, &err);
    git_tree_free(tree);
    git_commit_free(tip);
    if (rc) {
        cli_close_repo(repo);
        return cli_fail(&err);
    }
    return 0;
}

int cmd_log(int argc, char **argv)
{
    const char *since_s = NULL, *until_s = NULL, *rev = "HEAD", *format_s = NULL;
    const option opts[] = {
        OPT_STRING(0, "since", &since_s, "DATE", "only events on or after this day"),
        OPT_STRING(0, "until", &until_s, "DATE", "only events on or before this day"),
        OPT_STRING(0, "rev", &rev, "REV", "history of this revision (default HEAD)"),
        OPT_STRING(0, "format", &format_s, "FORMAT", "text (default) or json"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, log_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
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
    if (id && (rc = cli_check_id(id))) return rc;

    cli_repo repo;
    pl_history *h;
    if ((rc = open_history(&repo, rev, &h))) return rc;
    if (!h) return EXIT_USAGE;
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
            pl_json_object_begin(&j);
            pl_json_kbool(&j, "truncated", h->truncated);
            pl_json_kint(&j, "commits", (long long)h->n_commits);
            pl_json_key(&j, "events");
            pl_json_array_begin(&j);
            for (size_t i = 0; i < count; i++) pl_render_event_json(&j, h, sel[i]);
            pl_json_array_end(&j);
            pl_json_object_end(&j);
            pl_buf_putc(&out, '\n');
        } else {
            print_events_text(&out, h, sel, count, id == NULL);
        }
        cli_out(&out);
        pl_buf_free(&out);
    }
    free(sel);
    pl_history_free(h);
    cli_close_repo(&repo);
    return rc;
}
