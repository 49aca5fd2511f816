/*
 * store.h - where pilots are read from and written to: the git repository
 * (through libgit2) and its working tree.
 */
#ifndef PL_STORE_H
#define PL_STORE_H

#include "pilot.h"

#include <git2.h>

typedef struct pl_store {
    git_repository *repo;
    char *workdir; /* with a trailing '/', NULL for a bare repository */
} pl_store;

/* Finds the repository containing path (NULL: the current directory), as
 * git does: from a subdirectory, a linked worktree, or a bare repository. */
int pl_store_open(pl_store **out, const char *path, pl_error *err);
void pl_store_free(pl_store *store);

/* A pl_read_fn over the working tree (ctx is the pl_store). */
int pl_store_read_worktree(void *store, const char *relpath, char **data, size_t *len,
                           pl_error *err);

/* Loads and validates every pilot in the working tree's pilots folder. */
int pl_store_load_worktree(pl_store *store, const pl_rules *rules, int today, pl_pilots *out,
                           pl_error *err);

/* Calls fn for each *.md file below dir (sorted, hidden entries skipped,
 * symlinked folders never entered). is_link tells fn the file is a link. */
typedef int (*pl_walk_fn)(void *ctx, const char *path, bool is_link);
int pl_walk_markdown(const char *dir, bool recursive, pl_walk_fn fn, void *ctx, pl_error *err);

/* Records libgit2's last error in err, prefixed with what was being done. */
int pl_git_error(pl_error *err, const char *doing);

#endif
