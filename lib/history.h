/*
 * history.h - the decision history of every pilot, computed in ONE walk
 * over the commits: created, stage changed, decision recorded, field
 * changed, body edited, renamed, deleted, unreadable/readable again.
 *
 * Cost grows with commits and changed blobs, never pilots x commits: each
 * commit's pilots folder is compared with its parents' entry by entry by
 * object id, and each blob is read and parsed once however many commits
 * share it.
 */
#ifndef PL_HISTORY_H
#define PL_HISTORY_H

#include "arena.h"

#include <git2.h>

typedef enum pl_event_kind {
    PL_EV_CREATED,  /* the file appeared (first_seen: at a shallow boundary) */
    PL_EV_STAGE,    /* old_value -> new_value */
    PL_EV_DECISION, /* new_value = outcome; decision_date, decision_by, rationale */
    PL_EV_FIELD,    /* field: old_value -> new_value (NULL = absent) */
    PL_EV_BODY,     /* the Markdown body changed */
    PL_EV_RENAMED,  /* old_value = previous id, new_value = new id */
    PL_EV_DELETED,
    PL_EV_INVALID,  /* this version's front matter is unreadable: new_value = why */
    PL_EV_REPAIRED, /* readable again */
} pl_event_kind;

typedef struct pl_event {
    pl_event_kind kind;
    uint32_t commit;     /* index into pl_history.commits */
    const char *pilot;   /* the id it has at the tip (renames followed) */
    const char *id_then; /* the id in this commit */
    const char *field;
    const char *old_value, *new_value;
    const char *decision_date, *decision_by, *rationale;
    bool first_seen;
    uint32_t seq; /* its place among its commit's events */
} pl_event;

typedef struct pl_history_commit {
    git_oid id, tree;
    const git_oid *parents; /* nparents ids (only those present in a shallow clone) */
    uint32_t nparents;
    const char *author, *email, *subject;
    int64_t time; /* author date, seconds since 1970 */
    int offset;   /* author's time zone, minutes east of UTC */
    bool merge;
    bool boundary; /* a parent is missing (shallow clone) */
    /* the commit and its events in one number, the same whether walked
     * or read from the cache: what a page showing them is made from */
    uint64_t record_hash;
} pl_history_commit;

typedef struct pl_history {
    pl_history_commit *commits; /* newest first */
    size_t n_commits;
    pl_event *events; /* newest first, grouped by commit */
    size_t n_events;
    bool truncated; /* the clone is shallow: older history is missing */
    pl_arena arena;
    pl_arena *arenas; /* the walk's worker threads' strings */
    size_t n_arenas;
    void *cache;             /* the history cache, when events point into it */
    size_t commits_computed; /* commits walked, not taken from the cache */
} pl_history;

enum {
    PL_HISTORY_CACHE = 1, /* read and update the cache in the git directory */
};

/* Walks everything reachable from tip (NULL tip: an empty history).
 * With PL_HISTORY_CACHE, commits already in the cache are not walked
 * again; the result is the same either way. */
int pl_history_walk(pl_history **out, git_repository *repo, const git_oid *tip,
                    const char *pilots_dir, unsigned flags, pl_error *err);
void pl_history_free(pl_history *h);

/*
 * Merges the histories of several repositories into one, newest first,
 * each pilot id prefixed with its repository's namespace ("ns/id"). The
 * parts are left as they were; the result owns copies of what it needs.
 */
pl_history *pl_history_merge(pl_history *const *parts, const char *const *namespaces, size_t n);

/* The events of one pilot (by its id at the tip), newest first: fills
 * *out with pointers into h (caller frees the array). */
size_t pl_history_of(const pl_history *h, const char *id, const pl_event ***out);

/* "created", "stage", "decision", "field", "body", "renamed", "deleted",
 * "invalid", "repaired". */
const char *pl_event_kind_name(pl_event_kind k);

#endif
