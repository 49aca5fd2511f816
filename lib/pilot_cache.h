/*
 * pilot_cache.h - pilots as parsed and judged, by blob id, kept in the git
 * directory so that a site rebuilt after one commit parses and validates
 * only the files that changed.
 *
 * What a pilot is made of besides its bytes (the blob id) and its path is
 * the cache's context: the rules, the day, the program that judged it. A
 * cache of another context is empty and rewritten. Records are framed and
 * checksummed as in cache_file.h, and decoded through bounds-checked
 * cursors with a depth limit, so a damaged file only costs parsing again.
 */
#ifndef PL_PILOT_CACHE_H
#define PL_PILOT_CACHE_H

#include "buf.h"
#include "pilot.h"

#include <git2.h>

typedef struct pl_pcache pl_pcache;

/* Where the cache of a repository lives, for one pilots folder. */
void pl_pcache_path(pl_buf *out, git_repository *repo, const char *pilots_dir);
/* Loads the cache; a missing, damaged or other-context file gives an
 * empty one. */
pl_pcache *pl_pcache_load(const char *path, uint64_t context);
/* A new pilot from the record of (blob, path), or NULL. Reads only: may
 * be called from several threads at once. */
pl_pilot *pl_pcache_get(const pl_pcache *c, const git_oid *blob, const char *path);
/* Encodes the pilot parsed from blob at p->path into a record for
 * pl_pcache_add; false (out empty) when it is not worth keeping (an
 * unreadable file, a tree too large). Touches no cache: thread-safe. */
bool pl_pcache_encode(pl_buf *out, const git_oid *blob, const pl_pilot *p);
/* Marks the record of (blob, path) as used by this run: it is kept when
 * the file is rewritten. */
void pl_pcache_keep(pl_pcache *c, const git_oid *blob, const char *path);
/* Adds an encoded record (taken over: record is left empty). */
void pl_pcache_add(pl_pcache *c, pl_buf *record);
/* Writes what was added: appended, or the file rewritten with the used
 * and added records when it was empty, damaged or mostly unused. Failure
 * to write is not an error: the cache is an optimisation. */
void pl_pcache_save(pl_pcache *c, const char *path);
void pl_pcache_free(pl_pcache *c);

#endif
