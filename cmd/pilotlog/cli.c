/*
 * cli.c - shared helpers for subcommands.
 */
#include "cli.h"

#include "date.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cli_format(const char *s, out_format *out, bool allow_markdown)
{
    if (!s || strcmp(s, "text") == 0) return (*out = FORMAT_TEXT, 0);
    if (strcmp(s, "json") == 0) return (*out = FORMAT_JSON, 0);
    if (allow_markdown && strcmp(s, "markdown") == 0) return (*out = FORMAT_MARKDOWN, 0);
    cli_error("unknown format '%s': expected text%s or json", s,
              allow_markdown ? ", markdown" : "");
    return EXIT_USAGE;
}

int cli_today(const char *opt, int *days)
{
    if (opt) {
        if (!pl_date_parse(opt, days)) {
            cli_error("--today '%s': expected a date YYYY-MM-DD", opt);
            return EXIT_USAGE;
        }
        return 0;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long secs = strtoll(sde, &end, 10);
        if (*end) {
            cli_error("SOURCE_DATE_EPOCH '%s': expected seconds since 1970", sde);
            return EXIT_USAGE;
        }
        *days = pl_date_from_epoch(secs);
        return 0;
    }
    *days = pl_date_from_epoch((int64_t)time(NULL));
    return 0;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("pilotlog: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_fail(const pl_error *err)
{
    cli_error("%s", err->message);
    return err->code == PL_EINVALID ? EXIT_INVALID : EXIT_USAGE;
}

const char *cli_color(FILE *f, const char *sgr)
{
    const char *nc = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    bool on = isatty(fileno(f)) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    return on ? sgr : "";
}

void cli_write(void *ctx, const char *data, size_t len)
{
    fwrite(data, 1, len, ctx);
}

void cli_out(const pl_buf *b)
{
    if (b->len) fwrite(b->ptr, 1, b->len, stdout);
}

int cli_open_repo(cli_repo *r, bool need_repo, const char *schema_file)
{
    pl_error err;
    pl_error_clear(&err);
    memset(r, 0, sizeof(*r));
    int rc = pl_store_open(&r->store, NULL, &err);
    if (rc && !(rc == PL_ENOTFOUND && !need_repo)) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    pl_read_fn read = r->store && r->store->workdir ? pl_store_read_worktree : NULL;
    rc = pl_rules_load(&r->rules, read, r->store, schema_file, &err);
    if (rc) {
        cli_error("%s", err.message);
        pl_store_free(r->store);
        r->store = NULL;
        return EXIT_USAGE;
    }
    return 0;
}

void cli_close_repo(cli_repo *r)
{
    pl_rules_free(r->rules);
    pl_store_free(r->store);
    memset(r, 0, sizeof(*r));
}

int cli_check_id(const char *id)
{
    if (pl_id_valid(id)) return 0;
    cli_error(
        "'%s' is not a pilot id: expected lower-case letters, digits and '-', 1 to %d characters",
        id, PL_ID_MAX);
    return EXIT_USAGE;
}
