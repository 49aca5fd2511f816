/*
 * cache_file.h - what the caches pilotlog keeps in the git directory share:
 * where they live, their framing and how they are read and written.
 *
 * A cache file is a header (a magic, a format number, the pilotlog
 * version), then records: u32 length, payload, u64 checksum of the payload.
 * Loading stops at the first record that does not check out, so a torn
 * append or a damaged file only costs work done again, never a wrong
 * answer. Payloads are read through a cursor that cannot go out of bounds.
 */
#ifndef PL_CACHE_FILE_H
#define PL_CACHE_FILE_H

#include "buf.h"

#include <git2.h>
#include <string.h>

/* Reads a payload: every take checks the bytes are there first; after
 * the first failure ok is false and every later take fails too. */
typedef struct pl_cursor {
    const unsigned char *p, *end;
    bool ok;
} pl_cursor;

/* The marker pl_cache_put_str writes for NULL. */
#define PL_CACHE_NO_STRING 0xFFFFFFFFu

/* Inline: the decoders take a few fields per node, millions per load. */
static inline bool pl_cursor_take(pl_cursor *c, void *out, size_t n)
{
    if (!c->ok || (size_t)(c->end - c->p) < n) return c->ok = false;
    if (out && n) memcpy(out, c->p, n);
    c->p += n;
    return true;
}

/* A string written by pl_cache_put_str: NULL when absent or malformed
 * (then c->ok is false). len may be NULL. */
static inline const char *pl_cursor_str(pl_cursor *c, size_t *len)
{
    uint32_t n;
    if (len) *len = 0;
    if (!pl_cursor_take(c, &n, 4) || n == PL_CACHE_NO_STRING) return NULL;
    const char *s = (const char *)c->p;
    if (!pl_cursor_take(c, NULL, (size_t)n + 1) || s[n] != '\0') {
        c->ok = false;
        return NULL;
    }
    if (len) *len = n;
    return s;
}

/* u32 length (0xFFFFFFFF for NULL), the bytes, a NUL. (The site's page
 * inputs are written the same way before they are hashed.) */
void pl_cache_put_str(pl_buf *b, const char *s);
void pl_cache_put_strn(pl_buf *b, const char *s, size_t len);

/* "<git dir>/pilotlog/<head><hash of pilots_dir>.cache"; the folder is
 * created if missing. */
void pl_cache_path(pl_buf *out, git_repository *repo, const char *head, const char *pilots_dir);

/* The header of a cache of one kind (magic: 4 bytes) and format. */
void pl_cache_header(pl_buf *out, const char *magic, uint32_t format);

/* Maps the cache file at path at *data (a missing, linked, oversized or
 * unreadable one reads as empty); whether it begins with header, after
 * which its records start. pl_cache_release gives *data back. */
bool pl_cache_read(const char *path, const pl_buf *header, char **data, size_t *len);
void pl_cache_release(char *data, size_t len);

/* Appends one framed record; its checksum. */
uint64_t pl_cache_put_record(pl_buf *out, const void *payload, size_t len);
/* The next record of data at *pos, if it is whole and checks out; sum
 * (may be NULL) gets its checksum. */
bool pl_cache_next_record(const char *data, size_t len, size_t *pos, const unsigned char **payload,
                          uint32_t *payload_len, uint64_t *sum);

/* Opens where records go: the cache itself to append to (only if no one
 * else wrote to it since it was read, when it was loaded_len bytes), or a
 * temporary file beside it (its name in tmp) to rename over it. -1 when
 * there is nowhere to write. */
int pl_cache_open_target(const char *path, size_t loaded_len, bool append, pl_buf *tmp);
/* Closes fd; a temporary file is renamed over path when all went well,
 * else removed. Whether the records were written. */
bool pl_cache_finish(int fd, bool ok, const char *path, const pl_buf *tmp);

/* Deletes caches of the same kind (file names starting with head, same
 * magic) and another format beside path: a new format names its files
 * anew, and the old ones would stay in the git directory for good. */
void pl_cache_remove_other_formats(const char *path, const char *head, const char *magic,
                                   uint32_t format);

#endif
