/*
 * cmd_list.c - `pilotlog list`: one line per pilot, what needs attention
 * on the right.
 */
#include "commands.h"

#include "render/pilot_json.h"

#include <string.h>

static const char *const list_usage[] = {
    "pilotlog list [--stage STAGE] [--overdue] [--format text|json] [--today DATE]",
    "pilotlog list REPO[@REF]... [--rev REV] ...   (several repositories, one list)",
    NULL,
};

static bool wanted(const pl_pilot *p, const char *stage, bool overdue_only, unsigned flags)
{
    const char *s = pl_pilot_str(p, "stage");
    if (stage && (!s || strcmp(s, stage) != 0)) return false;
    if (overdue_only && !(flags & PL_FLAG_OVERDUE)) return false;
    return true;
}

static void list_text(pl_buf *out, const pl_pilots *set, const pl_workflow *wf, int today,
                      const char *stage, bool overdue)
{
    int idw = 2;
    for (size_t i = 0; i < set->len; i++) {
        int n =
            set->items[i]->id ? (int)strlen(set->items[i]->id) : (int)strlen(set->items[i]->path);
        if (n > idw) idw = n;
    }
    const char *dim = cli_color(stdout, "\033[2m"), *red = cli_color(stdout, "\033[31m");
    const char *reset = cli_color(stdout, "\033[0m");
    for (size_t i = 0; i < set->len; i++) {
        const pl_pilot *p = set->items[i];
        unsigned flags = pl_pilot_flags(p, wf, today);
        if (!wanted(p, stage, overdue, flags)) continue;
        const char *deadline = pl_pilot_str(p, "decision_deadline");
        const char *title = pl_pilot_str(p, "title");
        pl_buf_printf(out, "%-*s  %-10s  %-10s  %s", idw, p->id ? p->id : p->path,
                      pl_pilot_str(p, "stage") ? pl_pilot_str(p, "stage") : "?",
                      deadline ? deadline : "-", title ? title : "(no title)");
        bool first = true;
        for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1) {
            if (!(flags & bit)) continue;
            pl_buf_printf(out, "%s%s%s%s", first ? "  " : ", ",
                          bit & (PL_FLAG_OVERDUE | PL_FLAG_INVALID) ? red : dim, pl_flag_label(bit),
                          reset);
            first = false;
        }
        pl_buf_putc(out, '\n');
    }
}

static void list_json(pl_buf *out, const pl_pilots *set, const pl_workflow *wf, int today,
                      const char *stage, bool overdue)
{
    pl_json j;
    pl_json_init(&j, out, true);
    pl_json_object_begin(&j);
    pl_json_key(&j, "pilots");
    pl_json_array_begin(&j);
    for (size_t i = 0; i < set->len; i++) {
        const pl_pilot *p = set->items[i];
        unsigned flags = pl_pilot_flags(p, wf, today);
        if (!wanted(p, stage, overdue, flags)) continue;
        pl_render_pilot_json(&j, p, flags, false);
    }
    pl_json_array_end(&j);
    pl_json_object_end(&j);
    pl_buf_putc(out, '\n');
}

int cmd_list(int argc, char **argv)
{
    const char *stage = NULL, *format_s = NULL, *today_s = NULL, *rev = "HEAD";
    bool overdue = false;
    const option opts[] = {
        OPT_STRING(0, "stage", &stage, "STAGE", "only pilots at this stage"),
        OPT_FLAG(0, "overdue", &overdue, "only pilots whose decision is overdue"),
        OPT_STRING(0, "format", &format_s, "FORMAT", "text (default) or json"),
        OPT_STRING(0, "today", &today_s, "DATE", "judge dates as of this day"),
        OPT_STRING(0, "rev", &rev, "REV",
                   "with REPO arguments: the revision to read (default HEAD)"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, list_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    out_format format;
    int today, rc;
    if ((rc = cli_format(format_s, &format, false)) || (rc = cli_today(today_s, &today))) return rc;

    /* Without arguments: the working tree, as it is now. With REPO
     * arguments: those repositories at their ref, one portfolio. */
    cli_repo repo = {0};
    sources src = {0};
    pl_pilots worktree = PL_PILOTS_INIT;
    const pl_pilots *set = &worktree;
    const pl_workflow *wf;
    if (n > 0) {
        if ((rc = sources_open(&src, argv, n, rev, SOURCE_PILOTS, today))) return rc;
        set = &src.pilots;
        wf = src.rules->workflow;
    } else {
        pl_error err;
        pl_error_clear(&err);
        if ((rc = cli_open_repo(&repo, true, NULL))) return rc;
        wf = repo.rules->workflow;
        if (pl_store_load_worktree(repo.store, repo.rules, today, &worktree, &err))
            rc = cli_fail(&err);
    }
    if (!rc && stage && !pl_workflow_stage(wf, stage)) {
        cli_error("unknown stage '%s'", stage);
        rc = EXIT_USAGE;
    }
    if (!rc) {
        pl_buf out = PL_BUF_INIT;
        if (format == FORMAT_JSON)
            list_json(&out, set, wf, today, stage, overdue);
        else
            list_text(&out, set, wf, today, stage, overdue);
        cli_out(&out);
        pl_buf_free(&out);
    }
    pl_pilots_free(&worktree);
    sources_close(&src);
    cli_close_repo(&repo);
    return rc;
}
