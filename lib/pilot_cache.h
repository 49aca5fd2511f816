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
/* Loads the cache at path (where it is written back too); a missing,
 * damaged or other-context file gives an empty one. */
pl_pcache *pl_pcache_load(const char *path, uint64_t context);
/* A new pilot from the record of (blob, path), or NULL. Reads only: may
 * be called from several threads at once. */
pl_pilot *pl_pcache_get(const pl_pcache *c, const git_oid *blob, const char *path);
/* Encodes the pilot parsed from blob at p->path into one framed record
 * (out is cleared first); false (out empty) when it is not worth keeping
 * (an unreadable file, a tree too large). */
bool pl_pcache_encode(pl_buf *out, const git_oid *blob, const pl_pilot *p);

/*
 * Writing happens while the files are loaded, in pieces, so that a large
 * portfolio's records are never all in memory at once. Between begin and
 * end, each loaded file is noted from whatever thread loaded it: a new
 * pilot is encoded, and when the file is rewritten (it was empty, damaged,
 * of another context, or mostly of no more use) the records still used
 * are copied too; otherwise new records are appended. Failure to write is
 * not an error: the cache is an optimisation.
 */
void pl_pcache_begin(pl_pcache *c, size_t n_files);
/* Notes the pilot of blob at p->path (hit: it came from the cache) into
 * scratch, the calling thread's own buffer, written out when large. */
void pl_pcache_note(pl_pcache *c, const git_oid *blob, const pl_pilot *p, bool hit,
                    pl_buf *scratch);
/* Writes out and empties scratch. Any thread. */
void pl_pcache_flush(pl_pcache *c, pl_buf *scratch);
/* Finishes the file (ok false: the load failed, nothing is kept of a
 * rewrite). */
void pl_pcache_end(pl_pcache *c, bool ok);
void pl_pcache_free(pl_pcache *c);

#endif
