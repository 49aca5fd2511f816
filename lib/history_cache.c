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

#include "cache_file.h"
#include "doc.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#define FILE_HEAD "history-" /* then a hash of the pilots folder */

struct pl_hcache {
    char *data; /* the whole file */
    size_t len;
    size_t valid_len; /* up to the last record that checked out */
    bool header_ok;
    pl_hrecord *records;
    size_t n_records;
    pl_strmap by_id;
};

void pl_hcache_path(pl_buf *out, git_repository *repo, const char *pilots_dir)
{
    pl_cache_path(out, repo, FILE_HEAD, pilots_dir);
}

static const char *take_str(pl_cursor *c)
{
    return pl_cursor_str(c, NULL);
}

/* Checks one record's payload and fills r. */
static bool parse_record(const unsigned char *p, size_t len, pl_hrecord *r)
{
    pl_cursor c = {p, p + len, true};
    uint8_t flags = 0;
    memset(r, 0, sizeof(*r));
    pl_cursor_take(&c, r->id.id, GIT_OID_RAWSZ);
    pl_cursor_take(&c, r->tree.id, GIT_OID_RAWSZ);
    pl_cursor_take(&c, &flags, 1);
    pl_cursor_take(&c, &r->nparents, 4);
    if (!c.ok || r->nparents > 4096) return false;
    r->parents = c.p;
    pl_cursor_take(&c, NULL, (size_t)r->nparents * GIT_OID_RAWSZ);
    pl_cursor_take(&c, &r->time, 8);
    pl_cursor_take(&c, &r->offset, 4);
    r->author = take_str(&c);
    r->email = take_str(&c);
    r->subject = take_str(&c);
    pl_cursor_take(&c, &r->nevents, 4);
    r->events = c.p;
    for (uint32_t i = 0; c.ok && i < r->nevents; i++) {
        uint8_t kind = 0;
        pl_cursor_take(&c, &kind, 1);
        pl_cursor_take(&c, NULL, 1);
        if (kind > PL_EV_REPAIRED) return false;
        const char *s[7]; /* id_then field old new decision_date decision_by rationale */
        for (int k = 0; k < 7; k++) s[k] = take_str(&c);
        /* what every reader of an event of that kind relies on being there */
        if (!s[0] || (kind == PL_EV_FIELD && !s[1]) || (kind == PL_EV_RENAMED && (!s[2] || !s[3])))
            return false;
    }
    r->end = c.p;
    r->merge = flags & 1;
    r->boundary = flags & 2;
    return c.ok && c.p == c.end && r->author && r->email && r->subject;
}

pl_hcache *pl_hcache_load(const char *path)
{
    pl_hcache *c = pl_calloc(1, sizeof(*c));
    pl_buf want = PL_BUF_INIT;
    pl_cache_header(&want, PL_HCACHE_MAGIC, PL_HCACHE_FORMAT);
    c->header_ok = pl_cache_read(path, &want, &c->data, &c->len);
    size_t pos = c->header_ok ? want.len : c->len;
    pl_buf_free(&want);
    c->valid_len = pos;
    size_t cap = 0;
    const unsigned char *payload;
    uint32_t n;
    uint64_t sum;
    while (pl_cache_next_record(c->data, c->len, &pos, &payload, &n, &sum)) {
        pl_hrecord r;
        if (!parse_record(payload, n, &r)) break;
        r.sum = sum;
        pl_grow((void **)&c->records, &cap, c->n_records + 1, sizeof(*c->records));
        c->records[c->n_records++] = r;
        c->valid_len = pos;
    }
    /* ids point into records[], which is complete now */
    pl_strmap_reserve(&c->by_id, c->n_records);
    for (size_t i = 0; i < c->n_records; i++)
        pl_strmap_put(&c->by_id, (const char *)c->records[i].id.id, GIT_OID_RAWSZ, &c->records[i]);
    return c;
}

const pl_hrecord *pl_hcache_get(const pl_hcache *c, const git_oid *id)
{
    return c ? pl_strmap_get(&c->by_id, (const char *)id->id, GIT_OID_RAWSZ) : NULL;
}

size_t pl_hcache_index(const pl_hcache *c, const pl_hrecord *r)
{
    return (size_t)(r - c->records);
}

size_t pl_hcache_size(const pl_hcache *c)
{
    return c ? c->n_records : 0;
}

void pl_hcache_events(const pl_hrecord *r, uint32_t commit, pl_event *out)
{
    pl_cursor c = {r->events, r->end, true};
    for (uint32_t i = 0; i < r->nevents; i++) {
        pl_event *e = &out[i];
        uint8_t kind = 0, first_seen = 0;
        memset(e, 0, sizeof(*e));
        pl_cursor_take(&c, &kind, 1);
        pl_cursor_take(&c, &first_seen, 1);
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

/* A record's payload: what the file keeps of a commit and its events. */
static void encode_payload(pl_buf *p, const pl_history_commit *c, const pl_event *ev, size_t nev)
{
    uint8_t flags = (uint8_t)((c->merge ? 1 : 0) | (c->boundary ? 2 : 0));
    uint32_t np = c->nparents, ne = (uint32_t)nev;
    pl_buf_put(p, c->id.id, GIT_OID_RAWSZ);
    pl_buf_put(p, c->tree.id, GIT_OID_RAWSZ);
    pl_buf_put(p, &flags, 1);
    pl_buf_put(p, &np, 4);
    for (uint32_t i = 0; i < np; i++) pl_buf_put(p, c->parents[i].id, GIT_OID_RAWSZ);
    pl_buf_put(p, &c->time, 8);
    int32_t off = c->offset;
    pl_buf_put(p, &off, 4);
    pl_cache_put_str(p, c->author);
    pl_cache_put_str(p, c->email);
    pl_cache_put_str(p, c->subject);
    pl_buf_put(p, &ne, 4);
    for (size_t i = 0; i < nev; i++) {
        uint8_t kind = (uint8_t)ev[i].kind, fs = ev[i].first_seen;
        pl_buf_put(p, &kind, 1);
        pl_buf_put(p, &fs, 1);
        pl_cache_put_str(p, ev[i].id_then);
        pl_cache_put_str(p, ev[i].field);
        pl_cache_put_str(p, ev[i].old_value);
        pl_cache_put_str(p, ev[i].new_value);
        pl_cache_put_str(p, ev[i].decision_date);
        pl_cache_put_str(p, ev[i].decision_by);
        pl_cache_put_str(p, ev[i].rationale);
    }
}

static uint64_t put_record(pl_buf *out, pl_buf *scratch, const pl_history_commit *c,
                           const pl_event *ev, size_t nev)
{
    pl_buf_clear(scratch);
    encode_payload(scratch, c, ev, nev);
    return pl_cache_put_record(out, scratch->ptr, scratch->len);
}

uint64_t pl_hcache_record_hash(const pl_history_commit *c, const pl_event *ev, size_t nev,
                               pl_buf *scratch)
{
    pl_buf_clear(scratch);
    encode_payload(scratch, c, ev, nev);
    return pl_hash_bytes(scratch->ptr, scratch->len);
}

void pl_hcache_save(pl_hcache *c, const char *path, pl_history *h, const bool *computed,
                    const size_t *first)
{
    size_t n_computed = 0, reused = 0;
    for (size_t i = 0; i < h->n_commits; i++) n_computed += computed[i];
    reused = h->n_commits - n_computed;
    if (n_computed == 0 && c->header_ok && c->valid_len == c->len) return;
    /* append when the file is sound and mostly still in use; else rewrite */
    bool append = c->header_ok && c->valid_len == c->len && reused * 2 >= c->n_records;
    pl_buf out = PL_BUF_INIT, tmp = PL_BUF_INIT, scratch = PL_BUF_INIT;
    int fd = pl_cache_open_target(path, c->len, append, &tmp);
    if (fd < 0) goto done;
    if (!append) pl_cache_header(&out, PL_HCACHE_MAGIC, PL_HCACHE_FORMAT);
    /* written in pieces: a long history's cache is tens of MiB */
    bool ok = true;
    for (size_t i = 0; i < h->n_commits && ok; i++) {
        if (append && !computed[i]) continue;
        h->commits[i].record_hash = put_record(&out, &scratch, &h->commits[i], h->events + first[i],
                                               first[i + 1] - first[i]);
        if (out.len >= ((size_t)1 << 20)) {
            ok = pl_write_all(fd, out.ptr, out.len) == 0;
            pl_buf_clear(&out);
        }
    }
    ok = ok && pl_write_all(fd, out.ptr, out.len) == 0;
    if (pl_cache_finish(fd, ok, path, &tmp) && !append)
        pl_cache_remove_other_formats(path, FILE_HEAD, PL_HCACHE_MAGIC, PL_HCACHE_FORMAT);
done:
    pl_buf_free(&out);
    pl_buf_free(&tmp);
    pl_buf_free(&scratch);
}

void pl_hcache_free(pl_hcache *c)
{
    if (!c) return;
    pl_strmap_free(&c->by_id);
    free(c->records);
    pl_cache_release(c->data, c->len);
    free(c);
}
