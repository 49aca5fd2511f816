/*
 * cmd_advance.c - `pilotlog advance ID STAGE`: move a pilot along the
 * workflow, refusing moves the workflow does not allow and stages whose
 * required fields are not filled in.
 */
#include "commands.h"

#include <string.h>

static const char *const advance_usage[] = {
    "pilotlog advance ID STAGE [-m MESSAGE]",
    NULL,
};

/* "evaluating, stopped": where a stage may go next. */
static void allowed_next(pl_buf *out, const pl_workflow *wf, const char *from)
{
    for (size_t i = 0; i < wf->n_stages; i++) {
        const char *to = wf->stages[i].name;
        if (strcmp(to, from) != 0 && pl_workflow_allows(wf, from, to))
            pl_buf_printf(out, "%s%s", out->len ? ", " : "", to);
    }
    if (!out->len) pl_buf_puts(out, "nothing (it is final)");
}

/* Refuses a move the workflow does not allow before anything is edited. */
int check_move(pilot_edit *e, const pl_doc *old, const char *to, pl_error *err)
{
    const pl_workflow *wf = e->repo->rules->workflow;
    const char *from = old ? pl_value_path_str(old->root, "stage") : NULL;
    if (!from)
        return pl_error_set(err, PL_EINVALID, "%s has no readable stage; fix the file first",
                            e->relpath);
    if (strcmp(from, to) == 0 || pl_workflow_allows(wf, from, to)) return 0;
    pl_buf next = PL_BUF_INIT;
    allowed_next(&next, wf, from);
    pl_error_set(err, PL_EINVALID, "cannot move %s from %s to %s: from %s the workflow allows %s",
                 e->id, from, to, from, next.ptr);
    pl_buf_free(&next);
    return PL_EINVALID;
}

static int prepare_advance(pilot_edit *e, const pl_doc *old, pl_error *err)
{
    const char *to = e->prepare_ctx;
    int rc = check_move(e, old, to, err);
    if (rc) return rc;
    pilot_edit_assign(e, "stage", to);
    return 0;
}

int cmd_advance(int argc, char **argv)
{
    const char *message = NULL;
    const option opts[] = {
        OPT_STRING('m', "message", &message, "MESSAGE", "commit message (default: the move)"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, advance_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n != 2) {
        usage_with_options(advance_usage, opts, true);
        return EXIT_USAGE;
    }
    int rc, today;
    if ((rc = cli_check_id(argv[0])) || (rc = cli_today(NULL, &today))) return rc;
    cli_repo repo;
    if ((rc = cli_open_repo(&repo, true, NULL))) return rc;
    if (!pl_workflow_stage(repo.rules->workflow, argv[1])) {
        pl_buf stages = PL_BUF_INIT;
        for (size_t i = 0; i < repo.rules->workflow->n_stages; i++)
            pl_buf_printf(&stages, "%s%s", i ? ", " : "", repo.rules->workflow->stages[i].name);
        cli_error("unknown stage '%s': expected one of %s", argv[1], stages.ptr);
        pl_buf_free(&stages);
        cli_close_repo(&repo);
        return EXIT_USAGE;
    }
    pilot_edit e;
    pilot_edit_init(&e, &repo, argv[0], today);
    pl_buf subject = PL_BUF_INIT;
    pl_buf_printf(&subject, "pilot %s: advance to %s", argv[0], argv[1]);
    e.subject = subject.ptr;
    e.message = message;
    e.prepare = prepare_advance;
    e.prepare_ctx = argv[1];
    rc = pilot_edit_commit(&e);
    pilot_edit_free(&e);
    pl_buf_free(&subject);
    cli_close_repo(&repo);
    return rc;
}
