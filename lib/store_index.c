/*
 * store_index.c - reading git's index file for the pre-commit check.
 *
 * libgit2 reads an index by hashing the whole file to verify its SHA-1
 * trailer and allocating every entry: 5 ms for a 10,000-file index, on
 * every commit, and it does so as soon as the repository is opened when
 * GIT_INDEX_FILE is set, as it is in every git hook. git itself does not
 * verify the trailer when it reads the index (only fsck does). This reader
 * takes what `check --staged` needs (path, mode, id, stage) from the
 * entries of index versions 2, 3 and 4 and nothing else.
 */
#include "store.h"

#include "buf.h"
#include "doc.h"

#include <stdlib.h>
#include <string.h>

enum {
    HEADER_SIZE = 12,
    /* ctime, mtime, dev, ino, mode, uid, gid, size (4 bytes each), the id
     * and the flags */
    ENTRY_FIXED = 40 + GIT_OID_RAWSZ + 2,
    /* the fixed part, a one-byte path and its NUL (or version 4's
     * one-byte prefix length), rounded up */
    ENTRY_MIN = 64,
    FLAG_EXTENDED = 0x4000,
    FLAG_STAGE_SHIFT = 12,
    /* `git add -N`: the path is known, its content not staged */
    XFLAG_INTENT_TO_ADD = 0x2000,
    TRAILER_SIZE = GIT_OID_RAWSZ,
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t be16(const unsigned char *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* git's offset varint (varint.c): seven bits a byte, each continuation
 * adding one so that every value has a single encoding. */
static bool read_varint(const unsigned char **p, const unsigned char *end, size_t *out)
{
    if (*p >= end) return false;
    unsigned char c = *(*p)++;
    size_t v = c & 127;
    while (c & 128) {
        if (*p >= end || v >= ((size_t)1 << (sizeof(size_t) * 8 - 8))) return false;
        c = *(*p)++;
        v = ((v + 1) << 7) | (c & 127);
    }
    *out = v;
    return true;
}

static int corrupt(pl_error *err, const char *file, const char *what)
{
    return pl_error_set(err, PL_EIO, "%s: not a usable git index: %s", file, what);
}

/* Parses the entries; paths are copied into ix->paths (version 4 stores
 * each one as a change of the previous one, so they are rebuilt anyway). */
static int parse_entries(pl_index *ix, const unsigned char *p, const unsigned char *end,
                         unsigned version, const unsigned char **next, const char *file,
                         pl_error *err)
{
    pl_buf paths = PL_BUF_INIT;
    size_t *offsets = pl_malloc((ix->len ? ix->len : 1) * sizeof(*offsets));
    size_t prev_off = 0, prev_len = 0;
    int rc = 0;
    for (size_t i = 0; i < ix->len && !rc; i++) {
        const unsigned char *entry = p;
        if ((size_t)(end - p) < ENTRY_FIXED) {
            rc = corrupt(err, file, "an entry runs past the end");
            break;
        }
        pl_index_entry *e = &ix->entries[i];
        e->mode = be32(p + 24);
        git_oid_fromraw(&e->id, p + 40);
        uint16_t flags = be16(p + 40 + GIT_OID_RAWSZ);
        e->stage = (flags >> FLAG_STAGE_SHIFT) & 3;
        p += ENTRY_FIXED;
        if (flags & FLAG_EXTENDED) {
            if (version < 3 || end - p < 2) {
                rc = corrupt(err, file,
                             version < 3 ? "an extended entry in a version 2 index"
                                         : "an entry runs past the end");
                break;
            }
            e->intent_to_add = (be16(p) & XFLAG_INTENT_TO_ADD) != 0;
            p += 2;
        }
        size_t keep = 0;
        if (version == 4) {
            size_t strip;
            if (!read_varint(&p, end, &strip) || strip > prev_len) {
                rc = corrupt(err, file, "a path prefix longer than the previous path");
                break;
            }
            keep = prev_len - strip;
        }
        const unsigned char *nul = memchr(p, 0, (size_t)(end - p));
        if (!nul) {
            rc = corrupt(err, file, "a path without its end");
            break;
        }
        size_t off = paths.len;
        /* pl_buf may move as it grows, so the kept prefix is copied from
         * its offset after the append has made room */
        pl_buf_grow(&paths, keep + (size_t)(nul - p) + 1);
        memmove(paths.ptr + off, paths.ptr + prev_off, keep);
        paths.len += keep;
        pl_buf_put(&paths, (const char *)p, (size_t)(nul - p));
        pl_buf_putc(&paths, '\0');
        e->path_len = paths.len - off - 1;
        offsets[i] = off;
        prev_off = off;
        prev_len = e->path_len;
        if (version == 4) {
            p = nul + 1;
        } else {
            /* versions 2 and 3 pad each entry with 1-8 NULs to a multiple
             * of eight bytes */
            size_t total = ((size_t)(nul - entry) + 8) & ~(size_t)7;
            if ((size_t)(end - entry) < total) {
                rc = corrupt(err, file, "an entry runs past the end");
                break;
            }
            p = entry + total;
        }
    }
    if (!rc) {
        ix->paths = pl_buf_detach(&paths);
        for (size_t i = 0; i < ix->len; i++) ix->entries[i].path = ix->paths + offsets[i];
        *next = p;
    }
    pl_buf_free(&paths);
    free(offsets);
    return rc;
}

/* The extensions this reader cannot do without: a split index keeps most
 * entries in another file. */
static int check_extensions(const unsigned char *p, const unsigned char *end, const char *file,
                            pl_error *err)
{
    while ((size_t)(end - p) >= 8) {
        uint32_t size = be32(p + 4);
        if (memcmp(p, "link", 4) == 0)
            return pl_error_set(err, PL_EIO,
                                "%s: a split index (core.splitIndex) is not supported; "
                                "run `git update-index --no-split-index`",
                                file);
        if ((size_t)(end - p) - 8 < size)
            return corrupt(err, file, "an extension runs past the end");
        p += 8 + size;
    }
    return 0;
}

int pl_index_parse(pl_index **out, const unsigned char *data, size_t size, const char *file,
                   pl_error *err)
{
    int rc = 0;
    pl_index *ix = pl_calloc(1, sizeof(*ix));
    const unsigned char *end = data + size;
    *out = NULL;
    if (size < HEADER_SIZE + TRAILER_SIZE || memcmp(data, "DIRC", 4) != 0) {
        rc = corrupt(err, file, "no index header");
    } else {
        unsigned version = be32(data + 4);
        ix->len = be32(data + 8);
        if (version < 2 || version > 4)
            rc = pl_error_set(err, PL_EIO, "%s: git index version %u is not supported", file,
                              version);
        else if (ix->len > (size - HEADER_SIZE) / ENTRY_MIN)
            rc = corrupt(err, file, "more entries than the file can hold");
        const unsigned char *extensions = NULL;
        if (!rc) {
            ix->entries = pl_calloc(ix->len ? ix->len : 1, sizeof(*ix->entries));
            rc = parse_entries(ix, data + HEADER_SIZE, end - TRAILER_SIZE, version, &extensions,
                               file, err);
        }
        if (!rc) rc = check_extensions(extensions, end - TRAILER_SIZE, file, err);
    }
    if (rc) {
        pl_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

int pl_index_read(pl_index **out, const char *file, pl_error *err)
{
    char *data;
    size_t size;
    *out = NULL;
    int rc = pl_read_file(&data, &size, file, SIZE_MAX, err);
    if (rc == PL_ENOTFOUND) { /* no index yet: nothing is staged */
        pl_error_clear(err);
        *out = pl_calloc(1, sizeof(**out));
        return 0;
    }
    if (rc) return rc;
    rc = pl_index_parse(out, (const unsigned char *)data, size, file, err);
    free(data);
    return rc;
}

/* The first entry whose path is not less than path (stages in order). */
static size_t lower_bound(const pl_index *ix, const char *path, size_t len)
{
    size_t lo = 0, hi = ix->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const pl_index_entry *e = &ix->entries[mid];
        size_t n = e->path_len < len ? e->path_len : len;
        int c = memcmp(e->path, path, n);
        if (c < 0 || (c == 0 && e->path_len < len))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t pl_index_find_prefix(const pl_index *ix, const char *prefix)
{
    return lower_bound(ix, prefix, strlen(prefix));
}

const pl_index_entry *pl_index_get(const pl_index *ix, const char *path)
{
    size_t len = strlen(path), i = lower_bound(ix, path, len);
    if (i < ix->len && ix->entries[i].path_len == len &&
        memcmp(ix->entries[i].path, path, len) == 0)
        return &ix->entries[i];
    return NULL;
}

void pl_index_free(pl_index *ix)
{
    if (!ix) return;
    free(ix->entries);
    free(ix->paths);
    free(ix);
}

int pl_store_read_index(void *source, const char *relpath, char **data, size_t *len, pl_error *err)
{
    pl_index_source *src = source;
    const pl_index_entry *e = pl_index_get(src->index, relpath);
    if (!e || e->stage != 0) return PL_ENOTFOUND;
    if (e->mode == GIT_FILEMODE_LINK)
        return pl_error_set(err, PL_EIO, "%s: is a symbolic link", relpath);
    return pl_store_read_blob(src->repo, &e->id, PL_LIMIT_FILE_BYTES, data, len, err);
}
