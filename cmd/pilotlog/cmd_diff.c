/*
 * cmd_diff.c - `pilotlog diff BASE..HEAD`: what a branch changes, pilot by
 * pilot and field by field; decisions and stage moves first, criteria that
 * became met or not met, and whether the head version is valid. The
 * markdown form is what a CI job posts on a pull request.
 */
#include "commands.h"

#include "compare.h"
#include "criteria.h"
#include "render/pilot_json.h"

#include <stdlib.h>
#include <string.h>

static const char *const diff_usage[] = {
    "pilotlog diff BASE..HEAD [--format text|json|markdown] [--today DATE]",
    NULL,
};

/* ---- what changed in the criteria ---------------------------------------- */

typedef struct crit_change {
    const char *id, *metric, *target;
    const pl_value *old_actual, *new_actual;
    int old_result, new_result; /* -1: the criterion did not exist */
} crit_change;

static size_t criteria_changes(const pl_pilot_delta *d, crit_change **out)
{
    pl_criterion_eval *a = NULL, *b = NULL;
    size_t na = d->old ? pl_criteria_evaluate(pl_pilot_field(d->old, "success_criteria"), &a) : 0;
    size_t nb = d->new_ ? pl_criteria_evaluate(pl_pilot_field(d->new_, "success_criteria"), &b) : 0;
    crit_change *c = pl_calloc(nb ? nb : 1, sizeof(*c));
    size_t n = 0;
    for (size_t i = 0; i < nb; i++) {
        const pl_criterion_eval *old = NULL;
        for (size_t k = 0; k < na && b[i].id; k++)
            if (a[k].id && strcmp(a[k].id, b[i].id) == 0) old = &a[k];
        bool same = old && old->result == b[i].result && pl_value_equal(old->actual, b[i].actual) &&
                    pl_value_equal(old->target, b[i].target);
        if (same) continue;
        c[n].id = b[i].id;
        c[n].metric = b[i].metric;
        c[n].target = pl_value_str(b[i].target);
        c[n].old_actual = old ? old->actual : NULL;
        c[n].new_actual = b[i].actual;
        c[n].old_result = old ? (int)old->result : -1;
        c[n].new_result = (int)b[i].result;
        n++;
    }
    free(a);
    free(b);
    *out = c;
    return n;
}

static const char *result_words(int r)
{
    static const char *const words[] = {"met", "not met", "not measured", "not comparable"};
    return r < 0 ? "none" : words[r];
}

static const pl_pilot *shown(const pl_pilot_delta *d)
{
    return d->new_ ? d->new_ : d->old;
}

static const char *status_word(const pl_pilot_delta *d)
{
    switch (d->status) {
    case PL_DELTA_ADDED:
        return "added";
    case PL_DELTA_DELETED:
        return "deleted";
    case PL_DELTA_RENAMED:
        return "renamed";
    default:
        return "modified";
    }
}

/* Fields reported under their own heading are not repeated as edits. */
static bool plain_field(const char *path)
{
    return strcmp(path, "stage") != 0 && strncmp(path, "decision.", 9) != 0 &&
           strncmp(path, "success_criteria.", 17) != 0;
}

/* ---- markdown ------------------------------------------------------------- */

/* Values go into table cells and prose: no HTML, no table breaks. */
static void md_text(pl_buf *out, const char *s)
{
    if (!s) {
        pl_buf_puts(out, "—");
        return;
    }
    for (; *s; s++) {
        switch (*s) {
        case '|':
            pl_buf_puts(out, "\\|");
            break;
        case '<':
            pl_buf_puts(out, "&lt;");
            break;
        case '>':
            pl_buf_puts(out, "&gt;");
            break;
        case '&':
            pl_buf_puts(out, "&amp;");
            break;
        case '\n':
            pl_buf_puts(out, " ");
            break;
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '\\':
            pl_buf_printf(out, "\\%c", *s);
            break;
        default:
            pl_buf_putc(out, *s);
        }
    }
}

static void md_value(pl_buf *out, const pl_value *v)
{
    pl_buf t = PL_BUF_INIT;
    pl_value_text(&t, v);
    md_text(out, v ? t.ptr : NULL);
    pl_buf_free(&t);
}

static void md_delta(pl_buf *out, const pl_pilot_delta *d)
{
    const pl_pilot *p = shown(d);
    const char *title = pl_pilot_str(p, "title");
    pl_buf_puts(out, "\n### ");
    md_text(out, p->id ? p->id : p->path);
    pl_buf_puts(out, " — ");
    md_text(out, title ? title : "(no title)");
    pl_buf_printf(out, " (%s", status_word(d));
    if (d->status == PL_DELTA_RENAMED) {
        pl_buf_puts(out, " from ");
        md_text(out, d->old->path);
    }
    pl_buf_puts(out, ")\n\n");
    if (pl_delta_has_decision(d)) {
        pl_buf_puts(out, "**Decision: ");
        md_text(out, pl_fields_get(&d->new_fields, "decision.outcome"));
        pl_buf_puts(out, "** by ");
        md_text(out, pl_fields_get(&d->new_fields, "decision.by"));
        pl_buf_puts(out, " on ");
        md_text(out, pl_fields_get(&d->new_fields, "decision.date"));
        pl_buf_puts(out, "\n\n> ");
        md_text(out, pl_fields_get(&d->new_fields, "decision.rationale"));
        pl_buf_puts(out, "\n\n");
    }
    if (pl_delta_moves_stage(d)) {
        pl_buf_puts(out, "**Stage:** ");
        md_text(out, pl_fields_get(&d->old_fields, "stage"));
        pl_buf_puts(out, " → ");
        md_text(out, pl_fields_get(&d->new_fields, "stage"));
        pl_buf_puts(out, "\n\n");
    } else if (d->status == PL_DELTA_ADDED) {
        pl_buf_puts(out, "**Stage:** ");
        md_text(out, pl_fields_get(&d->new_fields, "stage"));
        pl_buf_puts(out, "\n\n");
    }
    crit_change *cc = NULL;
    size_t ncc = d->new_ ? criteria_changes(d, &cc) : 0;
    if (ncc) {
        pl_buf_puts(out, "| criterion | target | actual | result |\n|---|---|---|---|\n");
        for (size_t i = 0; i < ncc; i++) {
            pl_buf_puts(out, "| ");
            md_text(out, cc[i].id);
            pl_buf_puts(out, " | ");
            md_text(out, cc[i].target);
            pl_buf_puts(out, " | ");
            if (cc[i].old_actual && !pl_value_equal(cc[i].old_actual, cc[i].new_actual)) {
                md_value(out, cc[i].old_actual);
                pl_buf_puts(out, " → ");
            }
            md_value(out, cc[i].new_actual);
            pl_buf_printf(out, " | %s%s", cc[i].new_result == PL_CRIT_MET ? "✅ " : "",
                          result_words(cc[i].new_result));
            if (cc[i].old_result < 0)
                pl_buf_puts(out, " (new criterion)");
            else if (cc[i].old_result != cc[i].new_result)
                pl_buf_printf(out, " (was %s)", result_words(cc[i].old_result));
            pl_buf_puts(out, " |\n");
        }
        pl_buf_putc(out, '\n');
    }
    free(cc);
    size_t plain = 0;
    for (size_t i = 0; i < d->n_changes; i++) plain += plain_field(d->changes[i].path);
    if (plain && d->status != PL_DELTA_ADDED) {
        pl_buf_puts(out, "| field | before | after |\n|---|---|---|\n");
        for (size_t i = 0; i < d->n_changes; i++) {
            if (!plain_field(d->changes[i].path)) continue;
            pl_buf_puts(out, "| ");
            md_text(out, d->changes[i].path);
            pl_buf_puts(out, " | ");
            md_text(out, d->changes[i].old_value);
            pl_buf_puts(out, " | ");
            md_text(out, d->changes[i].new_value);
            pl_buf_puts(out, " |\n");
        }
        pl_buf_putc(out, '\n');
    }
    if (d->new_) {
        size_t e = pl_pilot_errors(d->new_), w = pl_pilot_warnings(d->new_);
        if (!e && !w)
            pl_buf_puts(out, "Validation: ✅ valid\n");
        else
            pl_buf_printf(out, "Validation: %s %zu error%s, %zu warning%s\n\n", e ? "❌" : "⚠️",
                          e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
        for (size_t k = 0; k < d->new_->diags.len; k++) {
            const pl_diag *x = &d->new_->diags.items[k];
            pl_buf_printf(out, "- `%s:%d:%d` %s: ", d->new_->path, x->line, x->col,
                          pl_severity_name(x->severity));
            md_text(out, x->pointer);
            pl_buf_puts(out, " ");
            md_text(out, x->message);
            pl_buf_putc(out, '\n');
        }
    }
}

static void render_markdown(pl_buf *out, const pl_comparison *c, const char *range, size_t invalid)
{
    pl_buf_printf(out, "## pilotlog: %zu pilot%s changed", c->len, c->len == 1 ? "" : "s");
    if (invalid) pl_buf_printf(out, ", %zu invalid", invalid);
    pl_buf_puts(out, "\n\n");
    if (!c->len) {
        pl_buf_printf(out, "No pilot changes in `%s`.\n", range);
        return;
    }
    pl_buf_puts(out, "| pilot | change | valid |\n|---|---|---|\n");
    for (size_t i = 0; i < c->len; i++) {
        const pl_pilot_delta *d = &c->items[i];
        const pl_pilot *p = shown(d);
        pl_buf_puts(out, "| ");
        md_text(out, p->id ? p->id : p->path);
        pl_buf_puts(out, " | ");
        if (pl_delta_has_decision(d)) {
            pl_buf_puts(out, "**decision ");
            md_text(out, pl_fields_get(&d->new_fields, "decision.outcome"));
            pl_buf_puts(out, "** ");
        }
        if (pl_delta_moves_stage(d)) {
            md_text(out, pl_fields_get(&d->old_fields, "stage"));
            pl_buf_puts(out, " → ");
            md_text(out, pl_fields_get(&d->new_fields, "stage"));
        } else {
            pl_buf_puts(out, status_word(d));
        }
        pl_buf_printf(out, " | %s |\n", !d->new_ ? "—" : pl_pilot_errors(d->new_) ? "❌" : "✅");
    }
    for (size_t i = 0; i < c->len; i++) md_delta(out, &c->items[i]);
}

/* ---- text ------------------------------------------------------------------ */

static void render_text(pl_buf *out, const pl_comparison *c, size_t invalid)
{
    const char *bold = cli_color(stdout, "\033[1m"), *reset = cli_color(stdout, "\033[0m");
    const char *red = cli_color(stdout, "\033[31m"), *green = cli_color(stdout, "\033[32m");
    for (size_t i = 0; i < c->len; i++) {
        const pl_pilot_delta *d = &c->items[i];
        const pl_pilot *p = shown(d);
        pl_buf_printf(out, "%s%s%s (%s)", bold, p->id ? p->id : p->path, reset, status_word(d));
        if (d->status == PL_DELTA_RENAMED) pl_buf_printf(out, " from %s", d->old->path);
        pl_buf_putc(out, '\n');
        if (pl_delta_has_decision(d))
            pl_buf_printf(out, "  %sdecision %s%s by %s on %s: %s\n", bold,
                          pl_fields_get(&d->new_fields, "decision.outcome"), reset,
                          pl_fields_get(&d->new_fields, "decision.by")
                              ? pl_fields_get(&d->new_fields, "decision.by")
                              : "?",
                          pl_fields_get(&d->new_fields, "decision.date")
                              ? pl_fields_get(&d->new_fields, "decision.date")
                              : "?",
                          pl_fields_get(&d->new_fields, "decision.rationale")
                              ? pl_fields_get(&d->new_fields, "decision.rationale")
                              : "");
        if (pl_delta_moves_stage(d))
            pl_buf_printf(out, "  %sstage %s → %s%s\n", bold,
                          pl_fields_get(&d->old_fields, "stage"),
                          pl_fields_get(&d->new_fields, "stage"), reset);
        crit_change *cc = NULL;
        size_t ncc = d->new_ ? criteria_changes(d, &cc) : 0;
        for (size_t k = 0; k < ncc; k++) {
            pl_buf a = PL_BUF_INIT, b = PL_BUF_INIT;
            pl_value_text(&a, cc[k].old_actual);
            pl_value_text(&b, cc[k].new_actual);
            pl_buf_printf(out, "  criterion %s: actual %s → %s, %s%s%s", cc[k].id ? cc[k].id : "?",
                          cc[k].old_actual ? a.ptr : "-", cc[k].new_actual ? b.ptr : "-",
                          cc[k].new_result == PL_CRIT_MET       ? green
                          : cc[k].new_result == PL_CRIT_NOT_MET ? red
                                                                : "",
                          result_words(cc[k].new_result), reset);
            if (cc[k].old_result < 0)
                pl_buf_puts(out, " (new criterion)");
            else if (cc[k].old_result != cc[k].new_result)
                pl_buf_printf(out, " (was %s)", result_words(cc[k].old_result));
            pl_buf_putc(out, '\n');
            pl_buf_free(&a);
            pl_buf_free(&b);
        }
        free(cc);
        for (size_t k = 0; k < d->n_changes; k++) {
            if (!plain_field(d->changes[k].path) || d->status == PL_DELTA_ADDED) continue;
            pl_buf_printf(out, "  %s: %s → %s\n", d->changes[k].path,
                          d->changes[k].old_value ? d->changes[k].old_value : "(none)",
                          d->changes[k].new_value ? d->changes[k].new_value : "(none)");
        }
        for (size_t k = 0; d->new_ && k < d->new_->diags.len; k++) {
            const pl_diag *x = &d->new_->diags.items[k];
            pl_buf_printf(out, "  %s:%d:%d: %s%s%s: %s%s%s\n", d->new_->path, x->line, x->col,
                          x->severity == PL_SEV_ERROR ? red : "", pl_severity_name(x->severity),
                          reset, x->pointer, *x->pointer ? ": " : "", x->message);
        }
    }
    pl_buf_printf(out, "%zu pilot%s changed, %zu invalid\n", c->len, c->len == 1 ? "" : "s",
                  invalid);
}

/* ---- json -------------------------------------------------------------------- */

static void render_json(pl_buf *out, const pl_comparison *c, const git_oid *base,
                        const git_oid *head, size_t invalid)
{
    pl_json j;
    char hb[GIT_OID_HEXSZ + 1], hh[GIT_OID_HEXSZ + 1];
    pl_json_init(&j, out, true);
    pl_json_object_begin(&j);
    pl_json_kstr(&j, "base", base ? git_oid_tostr(hb, sizeof(hb), base) : NULL);
    pl_json_kstr(&j, "head", git_oid_tostr(hh, sizeof(hh), head));
    pl_json_kbool(&j, "ok", invalid == 0);
    pl_json_key(&j, "pilots");
    pl_json_array_begin(&j);
    for (size_t i = 0; i < c->len; i++) {
        const pl_pilot_delta *d = &c->items[i];
        const pl_pilot *p = shown(d);
        pl_json_object_begin(&j);
        pl_json_kstr(&j, "id", p->id);
        pl_json_kstr(&j, "path", p->path);
        pl_json_kstr(&j, "old_path", d->old ? d->old->path : NULL);
        pl_json_kstr(&j, "status", status_word(d));
        pl_json_kstr(&j, "title", pl_pilot_str(p, "title"));
        pl_json_key(&j, "stage");
        pl_json_object_begin(&j);
        pl_json_kstr(&j, "old", pl_fields_get(&d->old_fields, "stage"));
        pl_json_kstr(&j, "new", pl_fields_get(&d->new_fields, "stage"));
        pl_json_object_end(&j);
        pl_json_key(&j, "decision");
        if (pl_delta_has_decision(d))
            pl_json_value(&j, pl_pilot_field(d->new_, "decision"));
        else
            pl_json_null(&j);
        pl_json_key(&j, "fields");
        pl_json_array_begin(&j);
        for (size_t k = 0; k < d->n_changes; k++) {
            pl_json_object_begin(&j);
            pl_json_kstr(&j, "field", d->changes[k].path);
            pl_json_kstr(&j, "old", d->changes[k].old_value);
            pl_json_kstr(&j, "new", d->changes[k].new_value);
            pl_json_object_end(&j);
        }
        pl_json_array_end(&j);
        crit_change *cc = NULL;
        size_t ncc = d->new_ ? criteria_changes(d, &cc) : 0;
        pl_json_key(&j, "criteria");
        pl_json_array_begin(&j);
        for (size_t k = 0; k < ncc; k++) {
            pl_json_object_begin(&j);
            pl_json_kstr(&j, "id", cc[k].id);
            pl_json_kstr(&j, "target", cc[k].target);
            pl_json_key(&j, "old_actual");
            pl_json_value(&j, cc[k].old_actual);
            pl_json_key(&j, "new_actual");
            pl_json_value(&j, cc[k].new_actual);
            pl_json_kstr(&j, "old_result",
                         cc[k].old_result < 0
                             ? NULL
                             : pl_crit_result_name((pl_crit_result)cc[k].old_result));
            pl_json_kstr(&j, "new_result", pl_crit_result_name((pl_crit_result)cc[k].new_result));
            pl_json_object_end(&j);
        }
        pl_json_array_end(&j);
        free(cc);
        pl_json_kbool(&j, "valid", !d->new_ || pl_pilot_errors(d->new_) == 0);
        pl_json_key(&j, "problems");
        if (d->new_) {
            pl_render_problems_json(&j, &d->new_->diags);
        } else {
            pl_json_array_begin(&j);
            pl_json_array_end(&j);
        }
        pl_json_object_end(&j);
    }
    pl_json_array_end(&j);
    pl_json_object_end(&j);
    pl_buf_putc(out, '\n');
}

/* ---- the command ------------------------------------------------------------- */

static int resolve_tree(pl_store *s, const char *rev, git_commit **commit, git_tree **tree)
{
    pl_error err;
    pl_error_clear(&err);
    *tree = NULL;
    if (pl_store_resolve(s, rev, commit, &err)) return cli_fail(&err);
    if (!*commit) {
        cli_error("'%s' has no commits yet", rev);
        return EXIT_USAGE;
    }
    if (git_commit_tree(tree, *commit) < 0) {
        cli_error("cannot read the tree of '%s'", rev);
        return EXIT_USAGE;
    }
    return 0;
}

int cmd_diff(int argc, char **argv)
{
    const char *format_s = NULL, *today_s = NULL;
    const option opts[] = {
        OPT_STRING(0, "format", &format_s, "FORMAT", "text (default), json or markdown"),
        OPT_STRING(0, "today", &today_s, "DATE", "judge dates as of this day"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, diff_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    const char *dots = n == 1 ? strstr(argv[0], "..") : NULL;
    if (!dots || dots == argv[0] || !dots[2] || dots[2] == '.') {
        usage_with_options(diff_usage, opts, true);
        return EXIT_USAGE;
    }
    out_format format;
    int today, rc;
    if ((rc = cli_format(format_s, &format, true)) || (rc = cli_today(today_s, &today))) return rc;
    char *a = pl_strndup(argv[0], (size_t)(dots - argv[0]));
    const char *b = dots + 2;

    cli_repo repo = {0};
    pl_error err;
    pl_error_clear(&err);
    git_commit *ca = NULL, *cb = NULL, *cbase = NULL;
    git_tree *ta = NULL, *tb = NULL;
    pl_comparison cmp = {0};
    if (pl_store_open(&repo.store, NULL, &err)) {
        rc = cli_fail(&err);
        goto out;
    }
    if ((rc = resolve_tree(repo.store, a, &ca, &ta)) ||
        (rc = resolve_tree(repo.store, b, &cb, &tb)))
        goto out;
    /* What the branch changes: from where it forked, as a pull request shows. */
    git_oid base_id;
    if (git_merge_base(&base_id, repo.store->repo, git_commit_id(ca), git_commit_id(cb)) == 0 &&
        !git_oid_equal(&base_id, git_commit_id(ca)) &&
        git_commit_lookup(&cbase, repo.store->repo, &base_id) == 0) {
        git_tree_free(ta);
        ta = NULL;
        git_commit_tree(&ta, cbase);
    } else {
        git_oid_cpy(&base_id, git_commit_id(ca));
    }
    if (pl_store_rules_from_tree(repo.store, tb, NULL, &repo.rules, &err) ||
        pl_compare_trees(&cmp, repo.store, ta, tb, repo.rules, today, &err)) {
        rc = cli_fail(&err);
        goto out;
    }
    size_t invalid = 0;
    for (size_t i = 0; i < cmp.len; i++)
        invalid += cmp.items[i].new_ && pl_pilot_errors(cmp.items[i].new_) > 0;
    pl_buf text = PL_BUF_INIT;
    if (format == FORMAT_JSON)
        render_json(&text, &cmp, &base_id, git_commit_id(cb), invalid);
    else if (format == FORMAT_MARKDOWN)
        render_markdown(&text, &cmp, argv[0], invalid);
    else
        render_text(&text, &cmp, invalid);
    cli_out(&text);
    pl_buf_free(&text);
    rc = invalid ? EXIT_INVALID : EXIT_OK;
out:
    pl_comparison_free(&cmp);
    git_tree_free(ta);
    git_tree_free(tb);
    git_commit_free(ca);
    git_commit_free(cb);
    git_commit_free(cbase);
    cli_close_repo(&repo);
    free(a);
    return rc;
}
