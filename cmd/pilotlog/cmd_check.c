/*
 * cmd_check.c - `pilotlog check`: validate pilot files and report every
 * problem as file:line:col, field and expectation.
 */
#include "commands.h"

#include "json.h"
#include "render/pilot_json.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const check_usage[] = {
    "pilotlog check [PATH...] [--schema FILE] [--format text|json] [--today DATE] [--strict]",
    "pilotlog check --staged        (pre-commit: the index against HEAD)",
    "pilotlog check --range OLD..NEW (pre-receive: every commit of a push)",
    NULL,
};

typedef struct check_opts {
    const char *schema;
    const char *format;
    const char *today;
    const char *range;
    bool staged;
    bool strict;
    bool quiet;
} check_opts;

typedef struct add_ctx {
    const pl_rules *rules;
    int today;
    pl_pilots *out;
} add_ctx;

static int add_walked(void *vctx, const char *path, bool is_link)
{
    add_ctx *c = vctx;
    pl_pilots_load_file(c->out, path, path, is_link, c->rules, c->today);
    return 0;
}

/* Loads the paths named on the command line. Problems with the paths
 * themselves (missing, symlink) are usage errors: exit 2. */
static int load_paths(add_ctx *c, char **paths, int n)
{
    for (int i = 0; i < n; i++) {
        struct stat st;
        pl_error err;
        if (lstat(paths[i], &st) != 0) {
            cli_error("%s: no such file or directory", paths[i]);
            return EXIT_USAGE;
        }
        if (S_ISLNK(st.st_mode)) {
            cli_error("%s: is a symbolic link; pilotlog never follows them", paths[i]);
            return EXIT_USAGE;
        }
        if (S_ISDIR(st.st_mode)) {
            pl_error_clear(&err);
            if (pl_walk_markdown(paths[i], true, add_walked, c, &err)) return cli_fail(&err);
        } else {
            pl_pilots_load_file(c->out, paths[i], paths[i], false, c->rules, c->today);
        }
    }
    return 0;
}

static void report_text(pl_buf *out, const pl_pilots *set, bool quiet)
{
    size_t errors = 0, warnings = 0, invalid = 0;
    const char *red = cli_color(stdout, "\033[31m"), *yellow = cli_color(stdout, "\033[33m");
    const char *bold = cli_color(stdout, "\033[1m"), *reset = cli_color(stdout, "\033[0m");
    for (size_t i = 0; i < set->len; i++) {
        const pl_pilot *p = set->items[i];
        size_t e = pl_pilot_errors(p);
        errors += e;
        warnings += pl_pilot_warnings(p);
        invalid += e > 0;
        for (size_t k = 0; k < p->diags.len; k++) {
            const pl_diag *d = &p->diags.items[k];
            bool is_err = d->severity == PL_SEV_ERROR;
            pl_buf_printf(out, "%s%s:%d:%d:%s %s%s:%s ", bold, p->path, d->line, d->col, reset,
                          is_err ? red : yellow, pl_severity_name(d->severity), reset);
            if (*d->pointer) pl_buf_printf(out, "%s: ", d->pointer);
            pl_buf_printf(out, "%s\n", d->message);
        }
    }
    if (!quiet)
        pl_buf_printf(out,
                      "%zu file%s checked: %zu valid, %zu invalid (%zu error%s, %zu warning%s)\n",
                      set->len, set->len == 1 ? "" : "s", set->len - invalid, invalid, errors,
                      errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

static void report_json(pl_buf *out, const pl_pilots *set, bool ok, bool strict)
{
    pl_json j;
    size_t errors = 0, warnings = 0, invalid = 0;
    pl_json_init(&j, out, true);
    pl_json_object_begin(&j);
    pl_json_kbool(&j, "ok", ok);
    pl_json_kbool(&j, "strict", strict);
    pl_json_key(&j, "files");
    pl_json_array_begin(&j);
    for (size_t i = 0; i < set->len; i++) {
        const pl_pilot *p = set->items[i];
        size_t e = pl_pilot_errors(p), w = pl_pilot_warnings(p);
        errors += e, warnings += w, invalid += e > 0;
        pl_json_object_begin(&j);
        pl_json_kstr(&j, "path", p->path);
        pl_json_kstr(&j, "id", p->id);
        pl_json_kbool(&j, "valid", e == 0);
        pl_json_kint(&j, "errors", (long long)e);
        pl_json_kint(&j, "warnings", (long long)w);
        pl_json_key(&j, "problems");
        pl_render_problems_json(&j, &p->diags);
        pl_json_object_end(&j);
    }
    pl_json_array_end(&j);
    pl_json_key(&j, "summary");
    pl_json_object_begin(&j);
    pl_json_kint(&j, "files", (long long)set->len);
    pl_json_kint(&j, "invalid", (long long)invalid);
    pl_json_kint(&j, "errors", (long long)errors);
    pl_json_kint(&j, "warnings", (long long)warnings);
    pl_json_object_end(&j);
    pl_json_object_end(&j);
    pl_buf_putc(out, '\n');
}

int report_check(const pl_pilots *set, out_format format, bool strict, bool quiet)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < set->len; i++) {
        errors += pl_pilot_errors(set->items[i]);
        warnings += pl_pilot_warnings(set->items[i]);
    }
    bool ok = errors == 0 && !(strict && warnings > 0);
    pl_buf out = PL_BUF_INIT;
    if (format == FORMAT_JSON)
        report_json(&out, set, ok, strict);
    else
        report_text(&out, set, quiet);
    cli_out(&out);
    pl_buf_free(&out);
    return ok ? EXIT_OK : EXIT_INVALID;
}

int cmd_check(int argc, char **argv)
{
    check_opts o = {0};
    const option opts[] = {
        OPT_STRING(0, "schema", &o.schema, "FILE",
                   "validate against this schema instead of the repository's"),
        OPT_STRING(0, "format", &o.format, "FORMAT", "text (default) or json"),
        OPT_STRING(0, "today", &o.today, "DATE",
                   "judge dates as of this day (default: SOURCE_DATE_EPOCH or the clock)"),
        OPT_FLAG(0, "strict", &o.strict, "fail on warnings too"),
        OPT_FLAG('q', "quiet", &o.quiet, "print problems only, no summary"),
        OPT_FLAG(0, "staged", &o.staged, "validate the staged version of changed pilots"),
        OPT_STRING(0, "range", &o.range, "OLD..NEW",
                   "validate every commit in the range, transitions included"),
        OPT_END(),
    };
    int npaths = parse_options(argc, argv, opts, check_usage);
    if (npaths < 0) return npaths == -2 ? EXIT_OK : EXIT_USAGE;
    out_format format;
    int today, rc;
    if ((rc = cli_format(o.format, &format, false)) || (rc = cli_today(o.today, &today))) return rc;
    if ((o.staged || o.range) && (npaths > 0 || (o.staged && o.range))) {
        cli_error("--staged and --range take no paths and exclude each other");
        return EXIT_USAGE;
    }
    check_request req = {o.schema, o.range, format, today, o.strict, o.quiet};
    if (o.staged) return check_staged(&req);
    if (o.range) return check_range(&req);

    cli_repo repo;
    if ((rc = cli_open_repo(&repo, npaths == 0, o.schema))) return rc;
    pl_pilots set = PL_PILOTS_INIT;
    if (npaths == 0) {
        pl_error err;
        pl_error_clear(&err);
        if (pl_store_load_worktree(repo.store, repo.rules, today, &set, &err)) rc = cli_fail(&err);
    } else {
        add_ctx c = {repo.rules, today, &set};
        rc = load_paths(&c, argv, npaths);
    }
    if (!rc) rc = report_check(&set, format, o.strict, o.quiet);
    pl_pilots_free(&set);
    cli_close_repo(&repo);
    return rc;
}
