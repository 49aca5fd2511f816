/*
 * history_cache.c - reading and writing the history cache.
 *
 * File: a header ("PLHC", format number, pilotlog version), then records:
 *   u32 length, payload, u64 checksum (pl_hash_bytes of the payload)
 * payload:
 *   id[20] tree[20] u8 flags u32 nparents parents[20*n] i64 time i32 offset
 *   str author str email str subject u32 nevents event*
 * event:
 *   u8 kind u8 first_seen str id_then str field str old str new
 *   str decision_date str decision_by str rationale
 * str: u32 length (0xFFFFFFFF: none), the bytes, a NUL.
 * Every record is checked completely when loaded, so decoding it later
 * cannot read out of bounds.
 */
#include "history_cache.h"

#include "buf.h"
#include "doc.h"
#include "strmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC     "PLHC"
#define FILE_HEAD "history-" /* file names: FILE_HEAD, a hash of the pilots folder, FILE_TAIL */
#define FILE_TAIL ".cache"
#define FORMAT    4u
#define NO_STRING 0xFFFFFFFFu
#define MAX_CACHE (1u << 30) /* a larger file is ignored, not read */

struct pl_hcache {
    char *data; /* the whole file */
    size_t len;
    size_t valid_len; /* up to the last record that checked out */
    bool header_ok;
    pl_hrecord *records;
    size_t n_records;
    pl_strmap by_id;
};

typedef struct cursor {
    const unsigned char *p, *end;
    bool ok;
} cursor;

static bool take(cursor *c, void *out, size_t n)
{
    if (!c->ok || (size_t)(c->end - c->p) < n) return c->ok = false;
    if (out) memcpy(out, c->p, n);
    c->p += n;
    return true;
}

static const char *take_str(cursor *c)
{
    uint32_t n;
    if (!take(c, &n, 4)) return NULL;
    if (n == NO_STRING) return NULL;
    const char *s = (const char *)c->p;
    if (!take(c, NULL, (size_t)n + 1) || s[n] != '\0') {
        c->ok = false;
        return NULL;
    }
    return s;
}

static void header(pl_buf *out)
{
    uint32_t format = FORMAT;
    pl_buf_put(out, MAGIC, 4);
    pl_buf_put(out, &format, 4);
    pl_buf_puts(out, PILOTLOG_VERSION);
    pl_buf_putc(out, '\0');
}

void pl_hcache_path(pl_buf *out, git_repository *repo, const char *pilots_dir)
{
    pl_buf_printf(out, "%spilotlog", git_repository_commondir(repo));
    mkdir(out->ptr, 0755);
    pl_buf_printf(out, "/" FILE_HEAD "%016llx" FILE_TAIL,
                  (unsigned long long)pl_hash_bytes(pilots_dir, strlen(pilots_dir)));
}

/* Checks one record's payload and fills r. */
static bool parse_record(const unsigned char *p, size_t len, pl_hrecord *r)
{
    cursor c = {p, p + len, true};
    uint8_t flags;
    memset(r, 0, sizeof(*r));
    take(&c, r->id.id, GIT_OID_RAWSZ);
    take(&c, r->tree.id, GIT_OID_RAWSZ);
    take(&c, &flags, 1);
    take(&c, &r->nparents, 4);
    if (!c.ok || r->nparents > 4096) return false;
    r->parents = c.p;
    take(&c, NULL, (size_t)r->nparents * GIT_OID_RAWSZ);
    take(&c, &r->time, 8);
    take(&c, &r->offset, 4);
    r->author = take_str(&c);
    r->email = take_str(&c);
    r->subject = take_str(&c);
    take(&c, &r->nevents, 4);
    r->events = c.p;
    for (uint32_t i = 0; c.ok && i < r->nevents; i++) {
        uint8_t kind = 0;
        take(&c, &kind, 1);
        take(&c, NULL, 1);
        if (kind > PL_EV_REPAIRED) return false;
        for (int s = 0; s < 7; s++) (void)take_str(&c);
    }
    r->end = c.p;
    r->merge = flags & 1;
    r->boundary = flags & 2;
    return c.ok && c.p == c.end && r->author && r->email && r->subject;
}

pl_hcache *pl_hcache_load(const char *path)
{
    pl_hcache *c = pl_calloc(1, sizeof(*c));
    /* a missing, linked, oversized or unreadable cache is an empty one */
    if (pl_read_file(&c->data, &c->len, path, MAX_CACHE, NULL)) return c;
    pl_buf want = PL_BUF_INIT;
    header(&want);
    c->header_ok = c->len >= want.len && memcmp(c->data, want.ptr, want.len) == 0;
    size_t pos = c->header_ok ? want.len : c->len;
    pl_buf_free(&want);
    c->valid_len = pos;
    size_t cap = 0;
    while (pos + 4 <= c->len) {
        uint32_t n;
        uint64_t sum;
        memcpy(&n, c->data + pos, 4);
        if (n > c->len - pos - 4 || c->len - pos - 4 - n < 8) break;
        memcpy(&sum, c->data + pos + 4 + n, 8);
        const unsigned char *payload = (const unsigned char *)c->data + pos + 4;
        if (sum != pl_hash_bytes(payload, n)) break;
        pl_hrecord r;
        if (!parse_record(payload, n, &r)) break;
        pl_grow((void **)&c->records, &cap, c->n_records + 1, sizeof(*c->records));
        c->records[c->n_records++] = r;
        pos += 4 + (size_t)n + 8;
        c->valid_len = pos;
    }
    /* ids point into records[], which is complete now */
    for (size_t i = 0; i < c->n_records; i++)
        pl_strmap_put(&c->by_id, (const char *)c->records[i].id.id, GIT_OID_RAWSZ, &c->records[i]);
    return c;
}

const pl_hrecord *pl_hcache_get(const pl_hcache *c, const git_oid *id)
{
    return c ? pl_strmap_get(&c->by_id, (const char *)id->id, GIT_OID_RAWSZ) : NULL;
}

void pl_hcache_events(const pl_hrecord *r, uint32_t commit, pl_event *out)
{
    cursor c = {r->events, r->end, true};
    for (uint32_t i = 0; i < r->nevents; i++) {
        pl_event *e = &out[i];
        uint8_t kind = 0, first_seen = 0;
        memset(e, 0, sizeof(*e));
        take(&c, &kind, 1);
        take(&c, &first_seen, 1);
        e->kind = (pl_event_kind)kind;
        e->first_seen = first_seen;
        e->commit = commit;
        e->id_then = take_str(&c);
        e->field = take_str(&c);
        e->old_value = take_str(&c);
        e->new_value = take_str(&c);
        e->decision_date = take_str(&c);
        e->decision_by = take_str(&c);
        e->rationale = take_str(&c);
        e->pilot = e->id_then;
    }
}

/* ---- writing ---------------------------------------------------------------- */

static void put_str(pl_buf *b, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) : NO_STRING;
    pl_buf_put(b, &n, 4);
    if (s) pl_buf_put(b, s, (size_t)n + 1);
}

static void put_record(pl_buf *out, const pl_history_commit *c, const pl_event *ev, size_t nev)
{
    pl_buf p = PL_BUF_INIT;
    uint8_t flags = (uint8_t)((c->merge ? 1 : 0) | (c->boundary ? 2 : 0));
    uint32_t np = c->nparents, ne = (uint32_t)nev;
    pl_buf_put(&p, c->id.id, GIT_OID_RAWSZ);
    pl_buf_put(&p, c->tree.id, GIT_OID_RAWSZ);
    pl_buf_put(&p, &flags, 1);
    pl_buf_put(&p, &np, 4);
    for (uint32_t i = 0; i < np; i++) pl_buf_put(&p, c->parents[i].id, GIT_OID_RAWSZ);
    pl_buf_put(&p, &c->time, 8);
    int32_t off = c->offset;
    pl_buf_put(&p, &off, 4);
    put_str(&p, c->author);
    put_str(&p, c->email);
    put_str(&p, c->subject);
    pl_buf_put(&p, &ne, 4);
    for (size_t i = 0; i < nev; i++) {
        uint8_t kind = (uint8_t)ev[i].kind, fs = ev[i].first_seen;
        pl_buf_put(&p, &kind, 1);
        pl_buf_put(&p, &fs, 1);
        put_str(&p, ev[i].id_then);
        put_str(&p, ev[i].field);
        put_str(&p, ev[i].old_value);
        put_str(&p, ev[i].new_value);
        put_str(&p, ev[i].decision_date);
        put_str(&p, ev[i].decision_by);
        put_str(&p, ev[i].rationale);
    }
    uint32_t n = (uint32_t)p.len;
    uint64_t sum = pl_hash_bytes(p.ptr, p.len);
    pl_buf_put(out, &n, 4);
    pl_buf_put(out, p.ptr, p.len);
    pl_buf_put(out, &sum, 8);
    pl_buf_free(&p);
}

static bool write_all(int fd, const pl_buf *b)
{
    size_t done = 0;
    while (done < b->len) {
        ssize_t n = write(fd, b->ptr + done, b->len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += (size_t)n;
    }
    return true;
}

/* Opens where the records go: the cache itself to append to (only if no
 * one else wrote to it since it was read), or a temporary file beside it
 * to rename over it. -1 when there is nowhere to write. */
static int open_target(const pl_hcache *c, const char *path, bool append, pl_buf *tmp)
{
    if (append) {
        int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 &&
            (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 || (size_t)st.st_size != c->len)) {
            close(fd); /* someone else wrote meanwhile: the next run rewrites */
            fd = -1;
        }
        return fd;
    }
    pl_buf_printf(tmp, "%s.%ld.tmp", path, (long)getpid());
    return open(tmp->ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
}

/* Deletes the caches an older (or newer) format left beside path: a new
 * format also names its files anew, and the old ones would stay in the
 * git directory for good. Caches of the same format for other pilots
 * folders are kept. */
static void remove_other_formats(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return;
    char *dir_path = pl_strndup(path, (size_t)(slash - path));
    DIR *dir = opendir(dir_path);
    free(dir_path);
    if (!dir) return;
    struct dirent *d;
    while ((d = readdir(dir))) {
        size_t n = strlen(d->d_name);
        size_t head_len = strlen(FILE_HEAD), tail_len = strlen(FILE_TAIL);
        if (n < head_len + tail_len || strncmp(d->d_name, FILE_HEAD, head_len) != 0 ||
            strcmp(d->d_name + n - tail_len, FILE_TAIL) != 0 || strcmp(d->d_name, slash + 1) == 0)
            continue;
        int fd = openat(dirfd(dir), d->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) continue;
        unsigned char head[8];
        uint32_t format;
        bool stale = read(fd, head, sizeof(head)) == (ssize_t)sizeof(head) &&
                     memcmp(head, MAGIC, 4) == 0 &&
                     (memcpy(&format, head + 4, 4), format != FORMAT);
        close(fd);
        if (stale) unlinkat(dirfd(dir), d->d_name, 0);
    }
    closedir(dir);
}

void pl_hcache_save(pl_hcache *c, const char *path, const pl_history *h, const bool *computed)
{
    size_t n_computed = 0, reused = 0;
    for (size_t i = 0; i < h->n_commits; i++) n_computed += computed[i];
    reused = h->n_commits - n_computed;
    if (n_computed == 0 && c->header_ok && c->valid_len == c->len) return;
    /* append when the file is sound and mostly still in use; else rewrite */
    bool append = c->header_ok && c->valid_len == c->len && reused * 2 >= c->n_records;
    pl_buf out = PL_BUF_INIT, tmp = PL_BUF_INIT;
    int fd = open_target(c, path, append, &tmp);
    if (fd < 0) goto done;
    if (!append) header(&out);
    /* written in pieces: a long history's cache is tens of MiB */
    bool ok = true;
    size_t e = 0;
    for (size_t i = 0; i < h->n_commits && ok; i++) {
        size_t first = e;
        while (e < h->n_events && h->events[e].commit == i) e++;
        if (append && !computed[i]) continue;
        put_record(&out, &h->commits[i], h->events + first, e - first);
        if (out.len >= ((size_t)1 << 20)) {
            ok = write_all(fd, &out);
            pl_buf_clear(&out);
        }
    }
    ok = ok && write_all(fd, &out);
    ok = close(fd) == 0 && ok;
    /* a torn append is harmless: records are checksummed, and loading
     * stops at the first that does not check out */
    if (!append && (!ok || rename(tmp.ptr, path) != 0)) unlink(tmp.ptr);
    if (!append && ok) remove_other_formats(path);
done:
    pl_buf_free(&out);
    pl_buf_free(&tmp);
}

void pl_hcache_free(pl_hcache *c)
{
    if (!c) return;
    pl_strmap_free(&c->by_id);
    free(c->records);
    free(c->data);
    free(c);
}
