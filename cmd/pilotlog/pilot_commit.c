/*
 * pilot_commit.c - what new, set, advance and decide share: apply an edit
 * to one pilot at the branch tip, validate the result exactly as the
 * pre-commit hook would (schema, rules, transition), build the message
 * with its trailers, and commit through the store.
 */
#include "commands.h"

#include "edit.h"
#include "render/pilot_json.h"

#include <stdlib.h>
#include <string.h>

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The old version's front matter, or NULL when it does not parse (a
 * broken file may still be repaired by an edit). */
static pl_doc *parse_old(const char *path, const char *old, size_t len)
{
    pl_doc *doc = NULL;
    if (old) pl_doc_parse_markdown(&doc, path, old, len, NULL, NULL);
    return doc;
}

/* old is the tip's version, NULL when there is none or it does not parse. */
static void build_message(pilot_edit *e, const pl_pilot *p, const pl_doc *old, pl_buf *message)
{
    const char *old_stage = old ? pl_value_path_str(old->root, "stage") : NULL;
    const char *old_outcome = old ? pl_value_path_str(old->root, "decision.outcome") : NULL;
    const char *old_date = old ? pl_value_path_str(old->root, "decision.date") : NULL;
    const char *new_stage = pl_pilot_str(p, "stage");
    const char *new_outcome = pl_pilot_str(p, "decision.outcome");
    if (e->message)
        pl_buf_puts(message, e->message);
    else
        pl_buf_puts(message, e->subject);
    /* strip trailing newlines, then one blank line before the trailers */
    while (message->len && message->ptr[message->len - 1] == '\n')
        pl_buf_truncate(message, message->len - 1);
    if (e->body) pl_buf_printf(message, "\n\n%s", e->body);
    pl_buf_printf(message, "\n\nPilot: %s\n", e->id);
    if (new_stage && !same(new_stage, old_stage))
        pl_buf_printf(message, "Pilot-Stage: %s\n", new_stage);
    /* a new outcome, or the same one decided again on a new date */
    bool redecided = !same(new_stage, old_stage) && pl_pilot_field(p, "decision.date") &&
                     !same(pl_pilot_str(p, "decision.date"), old_date);
    if (new_outcome && (!same(new_outcome, old_outcome) || redecided))
        pl_buf_printf(message, "Pilot-Decision: %s\n", new_outcome);
}

static int edit_callback(void *ctx, const char *old, size_t old_len, bool exists, pl_buf *content,
                         pl_buf *message, pl_error *err)
{
    pilot_edit *e = ctx;
    pl_doc *old_doc = parse_old(e->relpath, old, old_len);
    int rc = 0;

    if (e->create) {
        if (exists) {
            rc = pl_error_set(err, PL_EEXISTS, "pilot '%s' already exists (%s)", e->id, e->relpath);
        } else {
            pl_buf_puts(content, e->create);
        }
    } else if (!exists) {
        rc = pl_error_set(err, PL_ENOTFOUND, "no pilot '%s' (%s is not in the branch)", e->id,
                          e->relpath);
    } else if (e->prepare && (rc = e->prepare(e, old_doc, err))) {
        /* the command refused before editing */
    } else {
        rc = pl_edit_assignments(content, e->relpath, old, old_len,
                                 (const char *const *)e->assignments.items,
                                 (size_t)e->assignments.len, err);
    }
    if (rc) {
        pl_doc_free(old_doc);
        return rc;
    }

    /* Validate exactly as the hook does. */
    pl_pilot *p =
        pl_pilot_parse(e->relpath, content->ptr, content->len, e->repo->rules, e->today, false);
    pl_pilot_check_transition_doc(p, e->repo->rules, old_doc);
    size_t errors = pl_pilot_errors(p);
    /* the problems move to the edit, which reports them */
    pl_diags_free(&e->problems);
    e->problems = p->diags;
    p->diags = (pl_diags)PL_DIAGS_INIT;
    if (errors) {
        rc = pl_error_set(err, PL_EINVALID,
                          "the result would not be a valid pilot; nothing was committed");
    } else {
        build_message(e, p, old_doc, message);
    }
    pl_pilot_free(p);
    pl_doc_free(old_doc);
    return rc;
}

void pilot_edit_init(pilot_edit *e, cli_repo *repo, const char *id, int today)
{
    memset(e, 0, sizeof(*e));
    e->repo = repo;
    e->id = id;
    e->today = today;
    pl_buf path = PL_BUF_INIT;
    pl_buf_printf(&path, "%s/%s.md", repo->rules->config.pilots_dir, id);
    e->relpath = pl_buf_detach(&path);
}

void pilot_edit_free(pilot_edit *e)
{
    free(e->relpath);
    str_list_free(&e->assignments);
    for (int i = 0; i < e->owned.len; i++) free((char *)e->owned.items[i]);
    str_list_free(&e->owned);
    pl_diags_free(&e->problems);
}

void pilot_edit_assign_raw(pilot_edit *e, const char *assignment)
{
    char *s = pl_strdup(assignment);
    str_list_push(&e->owned, s);
    str_list_push(&e->assignments, s);
}

void pilot_edit_assign(pilot_edit *e, const char *key, const char *value)
{
    pl_buf a = PL_BUF_INIT;
    pl_buf_printf(&a, "%s=%s", key, value);
    pilot_edit_assign_raw(e, a.ptr);
    pl_buf_free(&a);
}

static void print_problems(const pilot_edit *e)
{
    for (size_t i = 0; i < e->problems.len; i++) {
        const pl_diag *d = &e->problems.items[i];
        fprintf(stderr, "%s:%d:%d: %s: %s%s%s\n", e->relpath, d->line, d->col,
                pl_severity_name(d->severity), d->pointer, *d->pointer ? ": " : "", d->message);
    }
}

int pilot_edit_commit(pilot_edit *e)
{
    pl_commit_result res;
    pl_error err;
    pl_error_clear(&err);
    if (!e->repo->store->workdir) {
        cli_error("this command needs a working tree (the repository is bare)");
        return EXIT_USAGE;
    }
    int rc = pl_store_commit_file(e->repo->store, e->relpath, edit_callback, e, &res, &err);
    if (rc) {
        cli_error("%s", err.message);
        print_problems(e);
        return rc == PL_EINVALID || rc == PL_EEXISTS || rc == PL_ENOTFOUND || rc == PL_ECONFLICT
                   ? EXIT_INVALID
                   : EXIT_USAGE;
    }
    if (!res.changed) {
        printf("nothing to change: %s already says that\n", e->relpath);
        return EXIT_OK;
    }
    char hex[8];
    git_oid_tostr(hex, sizeof(hex), &res.commit);
    const char *subject = e->message ? e->message : e->subject;
    int n = (int)strcspn(subject, "\n");
    printf("[%s] %.*s\n", hex, n, subject);
    print_problems(e); /* warnings only: errors refused the commit */
    return EXIT_OK;
}
