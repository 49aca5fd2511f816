/*
 * cmd_decide.c - `pilotlog decide ID go|no-go|extend --rationale TEXT`:
 * record a decision, by the decision owner, and move the stage with it
 * (go and no-go to decided, extend back to running).
 */
#include "commands.h"

#include "date.h"

#include <string.h>

static const char *const decide_usage[] = {
    "pilotlog decide ID go|no-go|extend --rationale TEXT [--by NAME] [--date DATE] [--stage STAGE] "
    "[-m MESSAGE]",
    NULL,
};

typedef struct decision {
    const char *outcome, *rationale, *by, *date, *stage;
} decision;

static int prepare_decide(pilot_edit *e, const pl_doc *old, pl_error *err)
{
    decision *d = e->prepare_ctx;
    const char *by = d->by ? d->by : (old ? pl_value_path_str(old->root, "decision_owner") : NULL);
    if (!by)
        return pl_error_set(err, PL_EINVALID,
                            "%s names no decision_owner: set one (pilotlog set %s "
                            "decision_owner=NAME) or pass --by",
                            e->id, e->id);
    int rc = check_move(e, old, d->stage, err);
    if (rc) return rc;
    pilot_edit_assign(e, "decision.outcome", d->outcome);
    pilot_edit_assign(e, "decision.date", d->date);
    pilot_edit_assign(e, "decision.by", by);
    pilot_edit_assign(e, "decision.rationale", d->rationale);
    pilot_edit_assign(e, "stage", d->stage);
    return 0;
}

int cmd_decide(int argc, char **argv)
{
    decision d = {0};
    const char *message = NULL;
    const option opts[] = {
        OPT_STRING(0, "rationale", &d.rationale, "TEXT",
                   "why: the evidence behind the decision (required)"),
        OPT_STRING(0, "by", &d.by, "NAME", "who decided (default: the decision_owner)"),
        OPT_STRING(0, "date", &d.date, "DATE", "when (default: today)"),
        OPT_STRING(0, "stage", &d.stage, "STAGE",
                   "stage to move to (default: decided; running for extend)"),
        OPT_STRING('m', "message", &message, "MESSAGE", "commit message (default: the decision)"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, decide_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n != 2 || !d.rationale) {
        if (n == 2) cli_error("a decision needs --rationale: the evidence it rests on");
        usage_with_options(decide_usage, opts, true);
        return EXIT_USAGE;
    }
    d.outcome = argv[1];
    if (strcmp(d.outcome, "go") != 0 && strcmp(d.outcome, "no-go") != 0 &&
        strcmp(d.outcome, "extend") != 0) {
        cli_error("unknown outcome '%s': expected go, no-go or extend", d.outcome);
        return EXIT_USAGE;
    }
    int rc, today;
    char today_s[11];
    if ((rc = cli_check_id(argv[0])) || (rc = cli_today(NULL, &today))) return rc;
    pl_date_format(today, today_s);
    if (!d.date) d.date = today_s;
    if (!pl_date_parse(d.date, NULL)) {
        cli_error("--date '%s': expected a date YYYY-MM-DD", d.date);
        return EXIT_USAGE;
    }
    if (!d.stage) d.stage = strcmp(d.outcome, "extend") == 0 ? "running" : "decided";
    cli_repo repo;
    if ((rc = cli_open_repo(&repo, true, NULL))) return rc;
    pilot_edit e;
    pilot_edit_init(&e, &repo, argv[0], today);
    pl_buf subject = PL_BUF_INIT;
    pl_buf_printf(&subject, "pilot %s: decision %s", argv[0], d.outcome);
    e.subject = subject.ptr;
    e.message = message;
    e.body = d.rationale;
    e.prepare = prepare_decide;
    e.prepare_ctx = &d;
    rc = pilot_edit_commit(&e);
    pilot_edit_free(&e);
    pl_buf_free(&subject);
    cli_close_repo(&repo);
    return rc;
}
