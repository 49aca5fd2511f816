/*
 * cmd_hooks.c - `pilotlog hooks install|path`: install the pre-commit hook
 * (never silently replacing someone else's) and say how to install the
 * pre-receive hook on a server.
 */
#include "commands.h"

#include "embedded.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const hooks_usage[] = {
    "pilotlog hooks install [--chain]",
    "pilotlog hooks path",
    NULL,
};

#define HOOK_MARKER "pilotlog pre-commit hook"

/* Where git runs hooks from: core.hooksPath, else the hooks folder of the
 * (common) git directory. */
static char *hooks_dir(pl_store *s)
{
    git_config *cfg;
    git_buf v = GIT_BUF_INIT;
    pl_buf out = PL_BUF_INIT;
    if (git_repository_config_snapshot(&cfg, s->repo) == 0) {
        if (git_config_get_path(&v, cfg, "core.hooksPath") == 0 && v.ptr && *v.ptr) {
            if (v.ptr[0] == '/' || !s->workdir)
                pl_buf_puts(&out, v.ptr);
            else
                pl_buf_printf(&out, "%s%s", s->workdir, v.ptr);
        }
        git_buf_dispose(&v);
        git_config_free(cfg);
    }
    if (!out.len) pl_buf_printf(&out, "%shooks", git_repository_commondir(s->repo));
    return pl_buf_detach(&out);
}

/* The hook calls "pilotlog" from PATH when that is this binary, else
 * this binary's absolute path, so a hook installed from a build tree
 * works. */
static void hook_text(pl_buf *out)
{
    const pl_embedded *e = pl_embedded_find("hooks/pre-commit");
    char self[PATH_MAX], found[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    bool on_path = false;
    if (n > 0) {
        self[n] = '\0';
        const char *path = getenv("PATH");
        char *copy = pl_strdup(path ? path : "");
        for (char *dir = strtok(copy, ":"); dir && !on_path; dir = strtok(NULL, ":")) {
            pl_buf cand = PL_BUF_INIT;
            pl_buf_printf(&cand, "%s/pilotlog", dir);
            on_path = realpath(cand.ptr, found) && strcmp(found, self) == 0;
            pl_buf_free(&cand);
        }
        free(copy);
    }
    const char *line = "PILOTLOG=${PILOTLOG:-pilotlog}";
    const char *at = strstr(e->data, line);
    if (on_path || n <= 0 || !at) {
        pl_buf_put(out, e->data, e->len);
        return;
    }
    pl_buf_put(out, e->data, (size_t)(at - e->data));
    pl_buf_printf(out, "PILOTLOG=${PILOTLOG:-'%s'}", self);
    pl_buf_puts(out, at + strlen(line));
}

static bool file_contains(const char *path, const char *needle)
{
    char *text;
    size_t len;
    if (pl_read_file(&text, &len, path, 1 << 20, NULL)) return false;
    bool found = strstr(text, needle) != NULL;
    free(text);
    return found;
}

static int write_hook(const char *path, const pl_buf *text)
{
    pl_buf tmp = PL_BUF_INIT;
    pl_buf_printf(&tmp, "%s.tmp", path);
    FILE *f = fopen(tmp.ptr, "w");
    int ok = f && fwrite(text->ptr, 1, text->len, f) == text->len;
    if (f && fclose(f) != 0) ok = 0;
    ok = ok && chmod(tmp.ptr, 0755) == 0 && rename(tmp.ptr, path) == 0;
    if (!ok) {
        cli_error("cannot write %s: %s", path, strerror(errno));
        unlink(tmp.ptr);
    }
    pl_buf_free(&tmp);
    return ok ? 0 : EXIT_USAGE;
}

int install_pre_commit(pl_store *s, bool chain)
{
    char *dir = hooks_dir(s);
    pl_buf path = PL_BUF_INIT, saved = PL_BUF_INIT, text = PL_BUF_INIT;
    pl_buf_printf(&path, "%s/pre-commit", dir);
    pl_buf_printf(&saved, "%s/pre-commit.pre-pilotlog", dir);
    mkdir(dir, 0755);
    struct stat st;
    int rc = 0;
    const char *verb = "installed";
    if (lstat(path.ptr, &st) == 0) {
        if (file_contains(path.ptr, HOOK_MARKER)) {
            verb = "updated";
        } else if (!chain) {
            cli_error(
                "%s already exists and is not pilotlog's; nothing was changed.\n"
                "  Run 'pilotlog hooks install --chain' to keep it and run it before pilotlog,\n"
                "  or add 'pilotlog check --staged' to it yourself.",
                path.ptr);
            rc = EXIT_INVALID;
        } else if (lstat(saved.ptr, &st) == 0) {
            cli_error("%s already exists; refusing to overwrite it", saved.ptr);
            rc = EXIT_INVALID;
        } else if (rename(path.ptr, saved.ptr) != 0) {
            cli_error("cannot move %s aside: %s", path.ptr, strerror(errno));
            rc = EXIT_USAGE;
        } else {
            verb = "installed (your previous hook runs first)";
        }
    }
    if (!rc) {
        hook_text(&text);
        rc = write_hook(path.ptr, &text);
    }
    if (!rc) printf("pre-commit hook %s: %s\n", verb, path.ptr);
    pl_buf_free(&path);
    pl_buf_free(&saved);
    pl_buf_free(&text);
    free(dir);
    return rc;
}

static void pre_receive_help(void)
{
    printf("\nOn the server that hosts the repository, refuse invalid pushes with the pre-receive "
           "hook:\n"
           "  cp \"$(pilotlog hooks path)/pre-receive\" /srv/git/REPO.git/hooks/pre-receive\n"
           "It runs 'pilotlog check --range OLD..NEW' for every pushed branch.\n");
}

int cmd_hooks(int argc, char **argv)
{
    bool chain = false;
    const option opts[] = {
        OPT_FLAG(0, "chain", &chain, "keep an existing pre-commit hook and run it before pilotlog"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, hooks_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n == 1 && strcmp(argv[0], "path") == 0) {
        printf("%s/share/pilotlog/hooks\n", PILOTLOG_PREFIX);
        return EXIT_OK;
    }
    if (n != 1 || strcmp(argv[0], "install") != 0) {
        usage_with_options(hooks_usage, opts, true);
        return EXIT_USAGE;
    }
    pl_store *s;
    pl_error err;
    pl_error_clear(&err);
    if (pl_store_open(&s, NULL, &err)) return cli_fail(&err);
    int rc;
    if (!s->workdir) {
        cli_error("a bare repository takes the pre-receive hook, not pre-commit");
        pre_receive_help();
        rc = EXIT_USAGE;
    } else {
        rc = install_pre_commit(s, chain);
        if (!rc) pre_receive_help();
    }
    pl_store_free(s);
    return rc;
}
