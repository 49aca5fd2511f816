/*
 * cmd_set.c - `pilotlog set ID KEY=VALUE...`: change front-matter fields
 * and commit, touching only the lines that change.
 */
#include "commands.h"

#include <string.h>

static const char *const set_usage[] = {
    "pilotlog set ID KEY=VALUE... [-m MESSAGE]",
    NULL,
};

int cmd_set(int argc, char **argv)
{
    const char *message = NULL;
    const option opts[] = {
        OPT_STRING('m', "message", &message, "MESSAGE", "commit message (default: the fields set)"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, set_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n < 2) {
        usage_with_options(set_usage, opts, true);
        return EXIT_USAGE;
    }
    int rc, today;
    if ((rc = cli_check_id(argv[0])) || (rc = cli_today(NULL, &today))) return rc;
    for (int i = 1; i < n; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i]) {
            cli_error("'%s': expected KEY=VALUE", argv[i]);
            return EXIT_USAGE;
        }
    }
    cli_repo repo;
    if ((rc = cli_open_repo(&repo, true, NULL))) return rc;
    pilot_edit e;
    pilot_edit_init(&e, &repo, argv[0], today);
    pl_buf subject = PL_BUF_INIT;
    pl_buf_printf(&subject, "pilot %s: set", argv[0]);
    for (int i = 1; i < n; i++) {
        const char *eq = strchr(argv[i], '=');
        pl_buf_printf(&subject, "%s %.*s", i > 1 ? "," : "", (int)(eq - argv[i]), argv[i]);
        pilot_edit_assign_raw(&e, argv[i]);
    }
    e.subject = subject.ptr;
    e.message = message;
    rc = pilot_edit_commit(&e);
    pilot_edit_free(&e);
    pl_buf_free(&subject);
    cli_close_repo(&repo);
    return rc;
}
