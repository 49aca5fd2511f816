/*
 * cmd_show.c - `pilotlog show ID`: one pilot, its facts, its criteria
 * with their evaluation, what needs attention, and its problems.
 */
#include "commands.h"

#include "criteria.h"
#include "date.h"
#include "render/history_json.h"
#include "render/pilot_json.h"

#include <stdlib.h>
#include <string.h>

enum { RECENT_EVENTS = 12 };

static const char *const show_usage[] = {
    "pilotlog show ID [--format text|json] [--today DATE]",
    NULL,
};

static void fact(pl_buf *out, const char *label, const char *value)
{
    if (value) pl_buf_printf(out, "  %-16s %s\n", label, value);
}

static void dates_line(pl_buf *out, const pl_pilot *p, int today)
{
    const char *start = pl_pilot_str(p, "start"), *end = pl_pilot_str(p, "end");
    const char *deadline = pl_pilot_str(p, "decision_deadline");
    if (!start && !end && !deadline) return;
    pl_buf_printf(out, "  %-16s %s to %s", "Dates", start ? start : "?", end ? end : "?");
    int d;
    if (deadline && pl_date_parse(deadline, &d)) {
        int delta = d - today;
        pl_buf_printf(out, ", decision due %s (%s%d day%s%s)", deadline, delta >= 0 ? "in " : "",
                      delta >= 0 ? delta : -delta, (delta == 1 || delta == -1) ? "" : "s",
                      delta < 0 ? " ago" : "");
    }
    pl_buf_putc(out, '\n');
}

static void criteria_text(pl_buf *out, const pl_pilot *p)
{
    pl_criterion_eval *ev;
    size_t n = pl_criteria_evaluate(pl_pilot_field(p, "success_criteria"), &ev);
    if (!n) return;
    size_t counts[4] = {0};
    int idw = 2;
    for (size_t i = 0; i < n; i++) {
        counts[ev[i].result]++;
        if (ev[i].id && (int)strlen(ev[i].id) > idw) idw = (int)strlen(ev[i].id);
    }
    pl_buf_printf(
        out, "\nSuccess criteria: %zu met, %zu not met, %zu not measured, %zu not comparable\n",
        counts[PL_CRIT_MET], counts[PL_CRIT_NOT_MET], counts[PL_CRIT_NOT_MEASURED],
        counts[PL_CRIT_NOT_COMPARABLE]);
    static const char *const sgr[] = {"\033[32m", "\033[31m", "\033[33m", "\033[35m"};
    const char *reset = cli_color(stdout, "\033[0m");
    for (size_t i = 0; i < n; i++) {
        pl_buf target = PL_BUF_INIT, actual = PL_BUF_INIT;
        pl_value_text(&target, ev[i].target);
        pl_value_text(&actual, ev[i].actual);
        pl_buf_printf(out, "  %s%-14s%s %-*s  %s\n", cli_color(stdout, sgr[ev[i].result]),
                      pl_crit_result_name(ev[i].result), reset, idw, ev[i].id ? ev[i].id : "?",
                      ev[i].metric ? ev[i].metric : "");
        pl_buf_printf(out, "  %-14s %-*s  target %s, actual %s", "", idw, "",
                      target.len ? target.ptr : "-", actual.len ? actual.ptr : "-");
        if (ev[i].result == PL_CRIT_NOT_COMPARABLE) pl_buf_printf(out, " (%s)", ev[i].why);
        pl_buf_putc(out, '\n');
        pl_buf_free(&target);
        pl_buf_free(&actual);
    }
    free(ev);
}

static void show_text(pl_buf *out, const pl_pilot *p, const pl_workflow *wf, int today)
{
    const char *bold = cli_color(stdout, "\033[1m"), *reset = cli_color(stdout, "\033[0m");
    const char *title = pl_pilot_str(p, "title");
    pl_buf_printf(out, "%s%s%s\n", bold, title ? title : "(no title)", reset);
    pl_buf_printf(out, "%s · %s · %s · %s\n\n", p->id ? p->id : "?",
                  pl_pilot_str(p, "kind") ? pl_pilot_str(p, "kind") : "?",
                  pl_pilot_str(p, "stage") ? pl_pilot_str(p, "stage") : "?", p->path);
    fact(out, "Owner", pl_pilot_str(p, "owner"));
    fact(out, "Sponsor", pl_pilot_str(p, "sponsor"));
    fact(out, "Customer owner", pl_pilot_str(p, "customer_owner"));
    fact(out, "Decision owner", pl_pilot_str(p, "decision_owner"));
    fact(out, "Budget holder", pl_pilot_str(p, "budget_holder"));
    const pl_value *budget = pl_pilot_field(p, "budget");
    if (budget) {
        pl_buf b = PL_BUF_INIT;
        const char *cur = pl_value_path_str(budget, "currency");
        const pl_value *pilot = pl_map_get(budget, "pilot"),
                       *prod = pl_map_get(budget, "production");
        if (pilot) {
            pl_buf_puts(&b, "pilot ");
            pl_value_text(&b, pilot);
            pl_buf_printf(&b, "%s%s", cur ? " " : "", cur ? cur : "");
        }
        if (prod) {
            pl_buf_puts(&b, pilot ? ", production " : "production ");
            pl_value_text(&b, prod);
            pl_buf_printf(&b, "%s%s", cur ? " " : "", cur ? cur : "");
        }
        fact(out, "Budget", b.len ? b.ptr : NULL);
        pl_buf_free(&b);
    }
    fact(out, "Production path", pl_pilot_str(p, "production_path"));
    fact(out, "Risk owner", pl_pilot_str(p, "risk_owner"));
    fact(out, "Hypothesis", pl_pilot_str(p, "hypothesis"));
    dates_line(out, p, today);
    const pl_value *target = pl_pilot_field(p, "users.target"),
                   *active = pl_pilot_field(p, "users.active");
    if (target || active) {
        pl_buf u = PL_BUF_INIT;
        pl_value_text(&u, active);
        pl_buf_puts(&u, active ? " of " : "target ");
        pl_value_text(&u, target);
        pl_buf_puts(&u, active ? " active" : "");
        fact(out, "Users", u.ptr);
        pl_buf_free(&u);
    }
    criteria_text(out, p);

    const char *outcome = pl_pilot_str(p, "decision.outcome");
    if (outcome) {
        const char *date = pl_pilot_str(p, "decision.date"), *by = pl_pilot_str(p, "decision.by");
        const char *why = pl_pilot_str(p, "decision.rationale");
        pl_buf_printf(out, "\nDecision: %s%s%s%s%s\n", bold, outcome, reset, date ? " on " : "",
                      date ? date : "");
        if (by) pl_buf_printf(out, "  by %s\n", by);
        if (why) pl_buf_printf(out, "  %s\n", why);
    }

    unsigned flags = pl_pilot_flags(p, wf, today) & ~(unsigned)PL_FLAG_INVALID;
    if (flags) {
        pl_buf_printf(out, "\n%sNeeds attention:%s", cli_color(stdout, "\033[31m"), reset);
        bool first = true;
        for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1)
            if (flags & bit)
                pl_buf_printf(out, "%s%s", first ? " " : ", ", pl_flag_label(bit)), first = false;
        pl_buf_putc(out, '\n');
    }
    if (p->diags.len) {
        pl_buf_puts(out, "\nProblems:\n");
        for (size_t k = 0; k < p->diags.len; k++) {
            const pl_diag *d = &p->diags.items[k];
            pl_buf_printf(out, "  %s:%d:%d: %s: %s%s%s\n", p->path, d->line, d->col,
                          pl_severity_name(d->severity), d->pointer, *d->pointer ? ": " : "",
                          d->message);
        }
    }
}

int cmd_show(int argc, char **argv)
{
    const char *format_s = NULL, *today_s = NULL;
    const option opts[] = {
        OPT_STRING(0, "format", &format_s, "FORMAT", "text (default) or json"),
        OPT_STRING(0, "today", &today_s, "DATE", "judge dates as of this day"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, show_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n != 1) {
        usage_with_options(show_usage, opts, true);
        return EXIT_USAGE;
    }
    out_format format;
    int today, rc;
    if ((rc = cli_format(format_s, &format, false)) || (rc = cli_today(today_s, &today))) return rc;
    if ((rc = cli_check_id(argv[0]))) return rc;
    cli_repo repo;
    if ((rc = cli_open_repo(&repo, true, NULL))) return rc;
    pl_pilots set = PL_PILOTS_INIT;
    pl_error err;
    pl_error_clear(&err);
    if (pl_store_load_worktree_pilot(repo.store, repo.rules, argv[0], today, &set, &err)) {
        rc = cli_fail(&err);
    } else {
        const pl_pilot *p = pl_pilots_find(&set, argv[0]);
        if (!p) {
            cli_error("no pilot '%s' in %s/", argv[0], repo.rules->config.pilots_dir);
            rc = EXIT_USAGE;
        } else {
            /* the history of the committed pilot, one walk for all */
            sources hist = {0};
            const pl_history *h = NULL;
            const pl_event **ev = NULL;
            size_t nev = 0;
            if (!git_repository_head_unborn(repo.store->repo) &&
                sources_open(&hist, NULL, 0, "HEAD", SOURCE_HISTORY, today) == 0) {
                h = hist.history;
                nev = pl_history_of(h, argv[0], &ev);
            }
            pl_buf out = PL_BUF_INIT;
            if (format == FORMAT_JSON) {
                pl_json j;
                pl_json_init(&j, &out, true);
                pl_json_object_begin(&j);
                pl_json_key(&j, "pilot");
                pl_render_pilot_json(&j, p, pl_pilot_flags(p, repo.rules->workflow, today), true);
                pl_json_kbool(&j, "history_truncated", h && h->truncated);
                pl_json_key(&j, "history");
                pl_json_array_begin(&j);
                for (size_t i = 0; i < nev; i++) pl_render_event_json(&j, h, ev[i]);
                pl_json_array_end(&j);
                pl_json_object_end(&j);
                pl_buf_putc(&out, '\n');
            } else {
                show_text(&out, p, repo.rules->workflow, today);
                if (nev) {
                    pl_buf_printf(&out, "\nRecent history%s:\n",
                                  nev > RECENT_EVENTS ? " (pilotlog log ID for all)" : "");
                    print_events_text(&out, h, ev, nev > RECENT_EVENTS ? RECENT_EVENTS : nev,
                                      false);
                }
            }
            free(ev);
            sources_close(&hist);
            cli_out(&out);
            pl_buf_free(&out);
        }
    }
    pl_pilots_free(&set);
    cli_close_repo(&repo);
    return rc;
}
