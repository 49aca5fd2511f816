/*
 * cmd_complete.c - `pilotlog __complete commands|ids|stages`: words for
 * shell completion, from the repository itself (its pilots folder and its
 * workflow), so completion follows a team's own stages. Not listed in the
 * help: only completion scripts call it.
 */
#include "commands.h"

#include <string.h>

static int print_id(void *ctx, const char *path, bool is_link)
{
    char id[PL_ID_MAX + 1];
    PL_UNUSED(ctx);
    if (!is_link && pl_id_from_path(path, id)) printf("%s\n", id);
    return 0;
}

int cmd_complete(int argc, char **argv)
{
    if (argc != 2) return EXIT_USAGE;
    if (strcmp(argv[1], "commands") == 0) {
        print_command_names();
        return EXIT_OK;
    }
    cli_repo repo;
    if (cli_open_repo(&repo, true, NULL)) return EXIT_USAGE;
    if (strcmp(argv[1], "stages") == 0) {
        for (size_t i = 0; i < repo.rules->workflow->n_stages; i++)
            printf("%s\n", repo.rules->workflow->stages[i].name);
    } else if (strcmp(argv[1], "ids") == 0 && repo.store->workdir) {
        pl_buf dir = PL_BUF_INIT;
        pl_buf_printf(&dir, "%s%s", repo.store->workdir, repo.rules->config.pilots_dir);
        pl_walk_markdown(dir.ptr, false, print_id, NULL, NULL);
        pl_buf_free(&dir);
    }
    cli_close_repo(&repo);
    return EXIT_OK;
}
