/*
 * store.h - where pilots are read from and written to: the git repository
 * (through libgit2) and its working tree.
 */
#ifndef PL_STORE_H
#define PL_STORE_H

#include "pilot.h"
#include "parallel.h"
#include "pilot_cache.h"

#include <git2.h>

typedef struct pl_store {
    git_repository *repo;
    char *workdir; /* with a trailing '/', NULL for a bare repository */
    int threads;   /* loads pilots on at most this many threads; 0: one per core */
} pl_store;

/* Finds the repository containing path (NULL: the current directory), as
 * git does: from a subdirectory, a linked worktree, or a bare repository. */
int pl_store_open(pl_store **out, const char *path, pl_error *err);
void pl_store_free(pl_store *store);

/* A pl_read_fn over the working tree (ctx is the pl_store). */
int pl_store_read_worktree(void *store, const char *relpath, char **data, size_t *len,
                           pl_error *err);

/* Loads and validates one file into out (a link or an unreadable file is
 * a pilot with that problem); shown is the path its messages name. */
void pl_pilots_load_file(pl_pilots *out, const char *path, const char *shown, bool is_link,
                         const pl_rules *rules, int today);
/* Loads and validates every pilot in the working tree's pilots folder. */
int pl_store_load_worktree(pl_store *store, const pl_rules *rules, int today, pl_pilots *out,
                           pl_error *err);
/* The same for the one pilot with a valid id (none added when it has no file). */
int pl_store_load_worktree_pilot(pl_store *store, const pl_rules *rules, const char *id, int today,
                                 pl_pilots *out, pl_error *err);

/* Calls fn for each *.md file below dir (sorted, hidden entries skipped,
 * symlinked folders never entered). is_link tells fn the file is a link. */
typedef int (*pl_walk_fn)(void *ctx, const char *path, bool is_link);
int pl_walk_markdown(const char *dir, bool recursive, pl_walk_fn fn, void *ctx, pl_error *err);

/* A tree to read files from without checking it out. */
typedef struct pl_tree_source {
    git_repository *repo;
    git_tree *tree; /* NULL: an empty tree (unborn branch) */
} pl_tree_source;

/* A pl_read_fn over a tree (ctx is a pl_tree_source). */
int pl_store_read_tree(void *source, const char *relpath, char **data, size_t *len, pl_error *err);
/* The index as `check --staged` reads it (store_index.c): each entry's
 * path, mode, id and stage, sorted by path and stage as git keeps them. */
typedef struct pl_index_entry {
    const char *path;
    size_t path_len;
    unsigned mode;
    int stage;          /* 0, or 1-3 for the sides of a merge conflict */
    bool intent_to_add; /* `git add -N`: nothing staged, nothing to commit */
    git_oid id;
} pl_index_entry;

typedef struct pl_index {
    pl_index_entry *entries;
    size_t len;
    char *paths; /* where the entries' paths live */
} pl_index;

/* Reads an index file; a missing file is an empty index. */
int pl_index_read(pl_index **out, const char *file, pl_error *err);
/* Parses an index file's bytes (file names it in errors). */
int pl_index_parse(pl_index **out, const unsigned char *data, size_t size, const char *file,
                   pl_error *err);
/* The position of the first entry whose path is not less than prefix. */
size_t pl_index_find_prefix(const pl_index *ix, const char *prefix);
/* The entry for path (its lowest stage), or NULL. */
const pl_index_entry *pl_index_get(const pl_index *ix, const char *path);
void pl_index_free(pl_index *ix);

typedef struct pl_index_source {
    git_repository *repo;
    const pl_index *index;
} pl_index_source;

/* A pl_read_fn over the index (ctx is a pl_index_source). */
int pl_store_read_index(void *source, const char *relpath, char **data, size_t *len, pl_error *err);
/* Reads a blob, refusing ones larger than max_bytes (before inflating
 * them). */
int pl_odb_read_blob(git_odb *odb, const git_oid *id, size_t max_bytes, char **data, size_t *len,
                     pl_error *err);
int pl_store_read_blob(git_repository *repo, const git_oid *id, size_t max_bytes, char **data,
                       size_t *len, pl_error *err);

/*
 * Opens repo again for another thread or a pass of its own: libgit2 wants
 * one repository handle per thread, and freeing a handle unmaps the pack
 * windows its pass touched. *odb is the new handle's object database.
 *
 * libgit2 shares an open pack (its lock, its windows, its cache of delta
 * bases) between all handles of a process that name it by the same path.
 * A handle reopened on lane > 0 names the packs by a spelling of their
 * path that only that lane uses, so threads on different lanes neither
 * wait for each other's reads nor evict each other's delta bases. Passes
 * that run at the same time take different lanes (see PL_LANE_*); a
 * shared lane costs only speed. Lane 0 shares the packs of repo.
 *
 * When new objects are visible only through the environment (git's
 * quarantine during a push), reopening by path would not see them: then
 * *own is NULL and *odb is repo's own database, which threads may read
 * together. Either way the caller frees *odb and *own.
 */
enum {
    PL_LANE_HISTORY = 1,                  /* the history's graph; + 1 + k: its walkers */
    PL_LANE_PILOTS = 2 + PL_PARALLEL_MAX, /* loading pilots: + its thread */
};
int pl_store_reopen(git_repository *repo, int lane, git_repository **own, git_odb **odb,
                    pl_error *err);

/* Resolves a revision ("HEAD", "main", "origin/main", an id) to a commit.
 * An unborn HEAD gives *out = NULL and 0. */
int pl_store_resolve(pl_store *store, const char *rev, git_commit **out, pl_error *err);
/* Loads the rules (config, schema, workflow) as they are in tree. */
int pl_store_rules_from_tree(pl_store *store, git_tree *tree, const char *schema_file,
                             pl_rules **out, pl_error *err);
/* Loads and validates every pilot in tree's pilots folder. With a cache
 * (may be NULL), a file whose blob and path it holds is taken from it,
 * and the cache's file is brought up to date (pilot_cache.h). */
int pl_store_load_tree(pl_store *store, git_tree *tree, const pl_rules *rules, int today,
                       pl_pcache *cache, pl_pilots *out, pl_error *err);
/* Parses a pilot from a blob (size limit and symlink mode checked). */
pl_pilot *pl_store_pilot_from_blob(pl_store *store, const char *path, const git_oid *id,
                                   git_filemode_t mode, const pl_rules *rules, int today);

/*
 * Writing. pilotlog commits one pilot file at a time: the new tree is
 * HEAD's tree with that one blob replaced, the branch moves by
 * compare-and-swap (retrying on a moved ref), and afterwards that file's
 * index entry and working-tree copy are updated. Other staged or unstaged
 * work is never touched; if the file itself has uncommitted changes the
 * commit is refused.
 *
 * The edit callback computes the new content (and the commit message)
 * from the file's content at the current tip; it runs again when the tip
 * moved under us. exists is false for a file the tip does not have.
 */
typedef int (*pl_edit_fn)(void *ctx, const char *old, size_t old_len, bool exists, pl_buf *content,
                          pl_buf *message, pl_error *err);

typedef struct pl_commit_result {
    git_oid commit;
    bool changed; /* false when the edit produced the same content */
    int attempts; /* compare-and-swap rounds taken */
} pl_commit_result;

int pl_store_commit_file(pl_store *store, const char *path, pl_edit_fn edit, void *ctx,
                         pl_commit_result *out, pl_error *err);

/* Finishes or discards a commit that was interrupted between moving the
 * branch and updating the index and working tree. Runs at every open. */
int pl_store_recover(pl_store *store, pl_error *err);

/* The author/committer as git would use them: GIT_AUTHOR_* and
 * GIT_COMMITTER_* from the environment, else user.name/user.email. */
int pl_store_signature(pl_store *store, bool committer, git_signature **out, pl_error *err);

/* A pilot file that differs between two versions of the pilots folder. */
typedef struct pl_file_change {
    char *name;             /* file name inside the pilots folder */
    git_oid old_id, new_id; /* zero when absent on that side */
    git_filemode_t new_mode;
} pl_file_change;

typedef struct pl_file_changes {
    pl_file_change *items;
    size_t len, cap;
} pl_file_changes;

/* The pilots subtree of a commit's tree, or NULL when it has none. */
int pl_store_pilots_tree(pl_store *store, git_tree *root, const char *dir, git_tree **out,
                         pl_error *err);
/* The *.md entries that differ between two pilots subtrees (either may be
 * NULL), compared by object id: no file is read. */
void pl_store_diff_pilots(const git_tree *old_dir, const git_tree *new_dir, pl_file_changes *out);
void pl_file_changes_free(pl_file_changes *c);

/* Records libgit2's last error in err, prefixed with what was being done. */
int pl_git_error(pl_error *err, const char *doing);

#endif
