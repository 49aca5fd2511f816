/*
 * history_cache.h - the history walk's cache: per commit, its metadata,
 * its parents and the events it produced, stored in the git directory.
 *
 * A commit's events depend only on that commit and its parents' trees, so
 * a record keyed by commit id never goes stale: a rewritten history
 * (rebase, force-push) has new commit ids, which are simply not in the
 * cache, and commits that are no longer reachable are never looked up.
 * Records are appended; each is length-prefixed and checksummed, so a
 * torn write or a damaged file only means some commits are walked again.
 */
#ifndef PL_HISTORY_CACHE_H
#define PL_HISTORY_CACHE_H

#include "buf.h"
#include "history.h"

/* What the file's header (cache_file.h) names it by. */
#define PL_HCACHE_MAGIC  "PLHC"
#define PL_HCACHE_FORMAT 4u

typedef struct pl_hcache pl_hcache;

typedef struct pl_hrecord {
    git_oid id, tree;
    bool merge, boundary;
    uint32_t nparents;
    const unsigned char *parents; /* nparents raw ids */
    int64_t time;
    int32_t offset;
    const char *author, *email, *subject;
    uint32_t nevents;
    const unsigned char *events, *end; /* encoded; see pl_hcache_events */
    uint64_t sum;                      /* the record's checksum */
} pl_hrecord;

/* Where the cache of a repository lives, for one pilots folder. */
void pl_hcache_path(pl_buf *out, git_repository *repo, const char *pilots_dir);
/* Loads the cache; a missing or unreadable file gives an empty cache. */
pl_hcache *pl_hcache_load(const char *path);
const pl_hrecord *pl_hcache_get(const pl_hcache *c, const git_oid *id);
/* Where r (from pl_hcache_get) is among the cache's records: 0 to size-1. */
size_t pl_hcache_index(const pl_hcache *c, const pl_hrecord *r);
/* How many commits the cache knows (0 for NULL). */
size_t pl_hcache_size(const pl_hcache *c);
/* Decodes a record's events into out (strings point into the cache,
 * which must outlive them); commit is the index to give them. */
void pl_hcache_events(const pl_hrecord *r, uint32_t commit, pl_event *out);
/* Appends the records of the given commits (their events taken from h,
 * commit i's from first[i] to first[i + 1]), or rewrites the file with
 * every commit of h when the cache was empty, damaged or mostly
 * unreachable; each commit written gets its record's checksum as its
 * record_hash. Failure to write is not an error: the cache is an
 * optimisation. */
void pl_hcache_save(pl_hcache *c, const char *path, pl_history *h, const bool *computed,
                    const size_t *first);
/* The checksum a record of commit c with its events would have: what
 * the events of a commit are, in one number (pl_hrecord.sum when it comes
 * from the cache). scratch is the caller's buffer. */
uint64_t pl_hcache_record_hash(const pl_history_commit *c, const pl_event *ev, size_t nev,
                               pl_buf *scratch);
/* The cache's memory: the history keeps it while it points into it. */
void pl_hcache_free(pl_hcache *c);

#endif
