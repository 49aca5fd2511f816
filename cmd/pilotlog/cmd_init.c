/*
 * cmd_init.c - `pilotlog init [DIR]`: make a git repository (the current
 * one, or a new one) a pilot repository: the pilots folder, a commented
 * .pilotlog/config.yaml, and the pre-commit hook. Like `git init`, it
 * commits nothing.
 */
#include "commands.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char *const init_usage[] = {
    "pilotlog init [DIR] [--no-hooks]",
    NULL,
};

static const char config_text[] =
    "# pilotlog settings for this repository; every line is optional.\n"
    "#\n"
    "# Where pilot files live (pilots/<id>.md):\n"
    "pilots_dir: pilots\n"
    "#\n"
    "# The schema and workflow default to pilotlog's built-in ones, or to\n"
    "# .pilotlog/pilot.schema.yaml and .pilotlog/workflow.yaml when present.\n"
    "# schema: .pilotlog/pilot.schema.yaml\n"
    "# workflow: .pilotlog/workflow.yaml\n"
    "site:\n"
    "  title: Pilot portfolio\n";

static int write_new_file(const char *path, const char *text)
{
    struct stat st;
    if (lstat(path, &st) == 0) return 0; /* keep what is there */
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        cli_error("cannot write %s: %s", path, strerror(errno));
        return EXIT_USAGE;
    }
    printf("created %s\n", path);
    return 0;
}

int cmd_init(int argc, char **argv)
{
    bool no_hooks = false;
    const option opts[] = {
        OPT_FLAG(0, "no-hooks", &no_hooks, "do not install the pre-commit hook"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, init_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n > 1) {
        usage_with_options(init_usage, opts, true);
        return EXIT_USAGE;
    }
    const char *dir = n ? argv[0] : ".";
    pl_store *s = NULL;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_store_open(&s, dir, &err);
    if (rc == PL_ENOTFOUND) {
        git_repository *repo;
        git_libgit2_init();
        if (git_repository_init(&repo, dir, 0) < 0) {
            pl_git_error(&err, "git init");
            git_libgit2_shutdown();
            return cli_fail(&err);
        }
        printf("initialized an empty git repository in %s\n", git_repository_path(repo));
        git_repository_free(repo);
        git_libgit2_shutdown();
        rc = pl_store_open(&s, dir, &err);
    }
    if (rc) return cli_fail(&err);
    if (!s->workdir) {
        cli_error(
            "%s is a bare repository: pilots are edited in a clone; install hooks/pre-receive here",
            git_repository_path(s->repo));
        pl_store_free(s);
        return EXIT_USAGE;
    }
    pl_buf path = PL_BUF_INIT;
    pl_buf_printf(&path, "%s.pilotlog", s->workdir);
    mkdir(path.ptr, 0755);
    pl_buf_puts(&path, "/config.yaml");
    rc = write_new_file(path.ptr, config_text);
    pl_buf_clear(&path);
    pl_buf_printf(&path, "%spilots", s->workdir);
    mkdir(path.ptr, 0755);
    pl_buf_puts(&path, "/.gitkeep");
    if (!rc) rc = write_new_file(path.ptr, "");
    pl_buf_free(&path);
    if (!rc && !no_hooks && install_pre_commit(s, false) == EXIT_INVALID)
        fprintf(stderr, "pilotlog: the pre-commit hook was not installed (see above)\n");
    if (!rc)
        printf("\nnext: git add .pilotlog pilots && git commit -m 'Track pilots with pilotlog'\n"
               "      pilotlog new \"Title of the first pilot\"\n");
    pl_store_free(s);
    return rc;
}
