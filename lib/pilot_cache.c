/*
 * pilot_cache.c - reading and writing the cache of parsed pilots.
 *
 * File: the header of cache_file.h ("PLPC"), u64 context, then records.
 * payload:
 *   str key (blob id[20] then the path)  u8 flags  [doc]  u32 ndiags diag*
 * doc (flags & HAS_DOC):
 *   str text  u64 fm_start fm_end body_start  i32 body_line  node
 * node:
 *   u8 type u8 style i32 line col end_line end_col u64 weight, then
 *   bool: u8 | int: i64 | float: f64 | string: str |
 *   seq: u32 n node*n | map: u32 n (str key i32 line col node)*n
 * diag: u8 severity i32 line col str pointer str rule str message
 * str: as cache_file.h writes it.
 * Aliases are written expanded (the tree is a DAG in memory); a document
 * whose expansion is large is simply not cached.
 */
#include "pilot_cache.h"

#include "cache_file.h"
#include "doc.h"
#include "strmap.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC      "PLPC"
#define FILE_HEAD  "pilots-" /* then a hash of the pilots folder */
#define FORMAT     1u
#define MAX_NODES  (1u << 16) /* a larger (expanded) tree is not cached */
#define MAX_DEPTH  256
#define NODE_BYTES 26 /* the fixed part of a node: no record holds more nodes than this allows */

enum { HAS_DOC = 1, HAS_BOM = 2, CRLF = 4, IS_MARKDOWN = 8 };

typedef struct record {
    const unsigned char *payload;
    uint32_t len;
} record;

struct pl_pcache {
    char *data; /* the whole file */
    size_t len;
    uint64_t context;
    bool sound; /* the header is this context's and every record checked out */
    record *records;
    size_t n_records;
    pl_strmap by_key; /* blob id + path -> record */
    /* writing, from pl_pcache_begin to pl_pcache_end */
    pthread_mutex_t lock;
    bool writing, append, failed;
    int fd; /* -1 until the first write when appending */
    char *path;
    pl_buf tmp; /* the temporary file's name when rewriting */
};

void pl_pcache_path(pl_buf *out, git_repository *repo, const char *pilots_dir)
{
    pl_cache_path(out, repo, FILE_HEAD, pilots_dir);
}

static void header(pl_buf *out, uint64_t context)
{
    pl_cache_header(out, MAGIC, FORMAT);
    pl_buf_put(out, &context, 8);
}

/* The key of (blob, path) into key: the id's bytes, then the path. */
static void make_key(pl_buf *key, const git_oid *blob, const char *path)
{
    pl_buf_clear(key);
    pl_buf_put(key, blob->id, GIT_OID_RAWSZ);
    pl_buf_puts(key, path);
}

pl_pcache *pl_pcache_load(const char *path, uint64_t context)
{
    pl_pcache *c = pl_calloc(1, sizeof(*c));
    c->context = context;
    c->path = pl_strdup(path);
    c->fd = -1;
    pthread_mutex_init(&c->lock, NULL);
    pl_buf want = PL_BUF_INIT;
    header(&want, context);
    bool header_ok = pl_cache_read(path, &want, &c->data, &c->len);
    size_t pos = header_ok ? want.len : c->len, cap = 0;
    pl_buf_free(&want);
    const unsigned char *payload;
    uint32_t n;
    while (pl_cache_next_record(c->data, c->len, &pos, &payload, &n, NULL)) {
        pl_grow((void **)&c->records, &cap, c->n_records + 1, sizeof(*c->records));
        c->records[c->n_records++] = (record){payload, n};
    }
    c->sound = header_ok && pos == c->len;
    pl_strmap_reserve(&c->by_key, c->n_records);
    for (size_t i = 0; i < c->n_records; i++) {
        pl_cursor cur = {c->records[i].payload, c->records[i].payload + c->records[i].len, true};
        size_t key_len;
        const char *key = pl_cursor_str(&cur, &key_len);
        if (key && key_len > GIT_OID_RAWSZ) pl_strmap_put(&c->by_key, key, key_len, &c->records[i]);
    }
    return c;
}

static record *find(const pl_pcache *c, const git_oid *blob, const char *path)
{
    pl_buf key = PL_BUF_INIT;
    make_key(&key, blob, path);
    record *r = pl_strmap_get(&c->by_key, key.ptr, key.len);
    pl_buf_free(&key);
    return r;
}

/* ---- decoding --------------------------------------------------------------- */

static bool take_i32(pl_cursor *cur, int *out)
{
    int32_t v = 0;
    bool ok = pl_cursor_take(cur, &v, 4);
    *out = v;
    return ok;
}

/* Whether n more items of at least min_bytes each can be in the rest. */
static bool room_for(const pl_cursor *cur, uint32_t n, size_t min_bytes)
{
    return cur->ok && (size_t)(cur->end - cur->p) / min_bytes >= n;
}

static pl_value *decode_node(pl_cursor *cur, pl_arena *a, int depth)
{
    uint8_t type = 0, style = 0;
    if (depth > MAX_DEPTH || !pl_cursor_take(cur, &type, 1) || !pl_cursor_take(cur, &style, 1) ||
        type > PL_MAP || style > PL_STYLE_FLOW)
        return NULL;
    pl_value *v = pl_arena_alloc(a, sizeof(*v));
    uint64_t weight = 0;
    v->type = (pl_type)type;
    v->style = (pl_style)style;
    take_i32(cur, &v->line);
    take_i32(cur, &v->col);
    take_i32(cur, &v->end_line);
    take_i32(cur, &v->end_col);
    pl_cursor_take(cur, &weight, 8);
    v->weight = (size_t)weight;
    uint32_t n = 0;
    switch (v->type) {
    case PL_NULL:
        break;
    case PL_BOOL: {
        uint8_t b = 0;
        pl_cursor_take(cur, &b, 1);
        v->u.b = b != 0;
        break;
    }
    case PL_INT:
        pl_cursor_take(cur, &v->u.i, 8);
        break;
    case PL_FLOAT:
        pl_cursor_take(cur, &v->u.f, 8);
        break;
    case PL_STRING: {
        size_t len;
        const char *s = pl_cursor_str(cur, &len);
        if (!s) return NULL;
        v->u.str.ptr = pl_arena_strndup(a, s, len);
        v->u.str.len = len;
        break;
    }
    case PL_SEQ:
        if (!pl_cursor_take(cur, &n, 4) || !room_for(cur, n, NODE_BYTES)) return NULL;
        v->u.seq.items = pl_arena_alloc(a, (n ? n : 1) * sizeof(*v->u.seq.items));
        v->u.seq.len = n;
        for (uint32_t i = 0; i < n; i++)
            if (!(v->u.seq.items[i] = decode_node(cur, a, depth + 1))) return NULL;
        break;
    case PL_MAP:
        if (!pl_cursor_take(cur, &n, 4) || !room_for(cur, n, NODE_BYTES + 13)) return NULL;
        v->u.map.items = pl_arena_alloc(a, (n ? n : 1) * sizeof(*v->u.map.items));
        v->u.map.len = n;
        for (uint32_t i = 0; i < n; i++) {
            pl_pair *pair = &v->u.map.items[i];
            size_t len;
            const char *key = pl_cursor_str(cur, &len);
            if (!key) return NULL;
            pair->key = pl_arena_strndup(a, key, len);
            pair->key_len = len;
            take_i32(cur, &pair->key_line);
            take_i32(cur, &pair->key_col);
            if (!(pair->value = decode_node(cur, a, depth + 1))) return NULL;
        }
        break;
    }
    return cur->ok ? v : NULL;
}

static pl_doc *decode_doc(pl_cursor *cur, const char *path, uint8_t flags)
{
    size_t len;
    const char *text = pl_cursor_str(cur, &len);
    uint64_t fm_start = 0, fm_end = 0, body_start = 0;
    int body_line = 0;
    pl_cursor_take(cur, &fm_start, 8);
    pl_cursor_take(cur, &fm_end, 8);
    pl_cursor_take(cur, &body_start, 8);
    take_i32(cur, &body_line);
    if (!text || !cur->ok || fm_start > fm_end || fm_end > len || body_start > len) return NULL;
    pl_doc *doc = pl_calloc(1, sizeof(*doc));
    doc->path = pl_strdup(path);
    doc->text = pl_strndup(text, len);
    doc->len = len;
    doc->fm_start = (size_t)fm_start;
    doc->fm_end = (size_t)fm_end;
    doc->body_start = (size_t)body_start;
    doc->body_line = body_line;
    doc->has_bom = flags & HAS_BOM;
    doc->crlf = flags & CRLF;
    doc->is_markdown = flags & IS_MARKDOWN;
    if (!(doc->root = decode_node(cur, &doc->arena, 0))) {
        pl_doc_free(doc);
        return NULL;
    }
    return doc;
}

static bool decode_diags(pl_cursor *cur, pl_diags *d)
{
    uint32_t n = 0;
    if (!pl_cursor_take(cur, &n, 4) || !room_for(cur, n, 21)) return false;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t sev = 0;
        int line = 0, col = 0;
        pl_cursor_take(cur, &sev, 1);
        take_i32(cur, &line);
        take_i32(cur, &col);
        const char *pointer = pl_cursor_str(cur, NULL);
        const char *rule = pl_cursor_str(cur, NULL);
        const char *message = pl_cursor_str(cur, NULL);
        if (!cur->ok || sev > PL_SEV_WARNING || !pointer || !rule || !message) return false;
        pl_diags_add(d, (pl_severity)sev, line, col, pointer, rule, "%s", message);
    }
    return true;
}

pl_pilot *pl_pcache_get(const pl_pcache *c, const git_oid *blob, const char *path)
{
    const record *r = c ? find(c, blob, path) : NULL;
    if (!r) return NULL;
    pl_cursor cur = {r->payload, r->payload + r->len, true};
    uint8_t flags = 0;
    pl_cursor_str(&cur, NULL);
    pl_cursor_take(&cur, &flags, 1);
    pl_pilot *p = pl_pilot_new(path);
    if ((flags & HAS_DOC) && !(p->doc = decode_doc(&cur, path, flags))) goto bad;
    if (!decode_diags(&cur, &p->diags) || cur.p != cur.end) goto bad;
    return p;
bad:
    pl_pilot_free(p);
    return NULL;
}

/* ---- encoding --------------------------------------------------------------- */

static void put_i32(pl_buf *b, int v)
{
    int32_t x = v;
    pl_buf_put(b, &x, 4);
}

static void encode_node(pl_buf *b, const pl_value *v)
{
    uint8_t type = (uint8_t)v->type, style = (uint8_t)v->style;
    uint64_t weight = v->weight;
    pl_buf_put(b, &type, 1);
    pl_buf_put(b, &style, 1);
    put_i32(b, v->line);
    put_i32(b, v->col);
    put_i32(b, v->end_line);
    put_i32(b, v->end_col);
    pl_buf_put(b, &weight, 8);
    switch (v->type) {
    case PL_NULL:
        break;
    case PL_BOOL:
        pl_buf_putc(b, v->u.b ? 1 : 0);
        break;
    case PL_INT:
        pl_buf_put(b, &v->u.i, 8);
        break;
    case PL_FLOAT:
        pl_buf_put(b, &v->u.f, 8);
        break;
    case PL_STRING:
        pl_cache_put_strn(b, v->u.str.ptr, v->u.str.len);
        break;
    case PL_SEQ: {
        uint32_t n = (uint32_t)v->u.seq.len;
        pl_buf_put(b, &n, 4);
        for (size_t i = 0; i < v->u.seq.len; i++) encode_node(b, v->u.seq.items[i]);
        break;
    }
    case PL_MAP: {
        uint32_t n = (uint32_t)v->u.map.len;
        pl_buf_put(b, &n, 4);
        for (size_t i = 0; i < v->u.map.len; i++) {
            const pl_pair *pair = &v->u.map.items[i];
            pl_cache_put_strn(b, pair->key, pair->key_len);
            put_i32(b, pair->key_line);
            put_i32(b, pair->key_col);
            encode_node(b, pair->value);
        }
        break;
    }
    }
}

/* Appends the framed record of p (from blob) to out, if it is worth keeping. */
static bool encode_into(pl_buf *out, const git_oid *blob, const pl_pilot *p)
{
    const pl_doc *doc = p->doc;
    if (doc && (!doc->root || doc->root->weight > MAX_NODES)) return false;
    for (size_t i = 0; i < p->diags.len; i++)
        if (strcmp(p->diags.items[i].rule, "read") == 0) return false; /* may pass next time */
    pl_buf payload = PL_BUF_INIT, key = PL_BUF_INIT;
    make_key(&key, blob, p->path);
    pl_cache_put_strn(&payload, key.ptr, key.len);
    uint8_t flags =
        (uint8_t)((doc ? HAS_DOC : 0) | (doc && doc->has_bom ? HAS_BOM : 0) |
                  (doc && doc->crlf ? CRLF : 0) | (doc && doc->is_markdown ? IS_MARKDOWN : 0));
    pl_buf_put(&payload, &flags, 1);
    if (doc) {
        uint64_t offsets[3] = {doc->fm_start, doc->fm_end, doc->body_start};
        pl_cache_put_strn(&payload, doc->text, doc->len);
        pl_buf_put(&payload, offsets, sizeof(offsets));
        put_i32(&payload, doc->body_line);
        encode_node(&payload, doc->root);
    }
    uint32_t n = (uint32_t)p->diags.len;
    pl_buf_put(&payload, &n, 4);
    for (size_t i = 0; i < p->diags.len; i++) {
        const pl_diag *d = &p->diags.items[i];
        pl_buf_putc(&payload, (char)d->severity);
        put_i32(&payload, d->line);
        put_i32(&payload, d->col);
        pl_cache_put_str(&payload, d->pointer ? d->pointer : "");
        pl_cache_put_str(&payload, d->rule ? d->rule : "");
        pl_cache_put_str(&payload, d->message ? d->message : "");
    }
    pl_cache_put_record(out, payload.ptr, payload.len);
    pl_buf_free(&payload);
    pl_buf_free(&key);
    return true;
}

bool pl_pcache_encode(pl_buf *out, const git_oid *blob, const pl_pilot *p)
{
    pl_buf_clear(out);
    return encode_into(out, blob, p);
}

/* ---- writing ------------------------------------------------------------------ */

void pl_pcache_begin(pl_pcache *c, size_t n_files)
{
    c->writing = true;
    /* a sound file grows by appending while most of it is still of use */
    c->append = c->sound && c->n_records <= 2 * n_files + 16;
    if (c->append) return; /* opened at the first write, if any */
    c->fd = pl_cache_open_target(c->path, c->len, false, &c->tmp);
    pl_buf head = PL_BUF_INIT;
    header(&head, c->context);
    c->failed = c->fd < 0 || pl_write_all(c->fd, head.ptr, head.len) != 0;
    pl_buf_free(&head);
}

void pl_pcache_note(pl_pcache *c, const git_oid *blob, const pl_pilot *p, bool hit, pl_buf *scratch)
{
    if (!c->writing) return;
    if (!hit) {
        encode_into(scratch, blob, p);
    } else if (!c->append) {
        const record *r = find(c, blob, p->path);
        if (r) pl_cache_put_record(scratch, r->payload, r->len);
    }
    /* written in pieces: a large portfolio's cache is tens of MiB */
    if (scratch->len >= ((size_t)256 << 10)) pl_pcache_flush(c, scratch);
}

void pl_pcache_flush(pl_pcache *c, pl_buf *scratch)
{
    if (!scratch->len) return;
    pthread_mutex_lock(&c->lock);
    if (c->writing && !c->failed) {
        if (c->fd < 0 && c->append) c->fd = pl_cache_open_target(c->path, c->len, true, &c->tmp);
        c->failed = c->fd < 0 || pl_write_all(c->fd, scratch->ptr, scratch->len) != 0;
    }
    pthread_mutex_unlock(&c->lock);
    pl_buf_clear(scratch);
}

void pl_pcache_end(pl_pcache *c, bool ok)
{
    if (!c->writing) return;
    c->writing = false;
    if (c->fd < 0) return;
    if (pl_cache_finish(c->fd, ok && !c->failed, c->path, &c->tmp) && !c->append)
        pl_cache_remove_other_formats(c->path, FILE_HEAD, MAGIC, FORMAT);
    c->fd = -1;
}

void pl_pcache_free(pl_pcache *c)
{
    if (!c) return;
    pl_pcache_end(c, false);
    pthread_mutex_destroy(&c->lock);
    pl_strmap_free(&c->by_key);
    pl_buf_free(&c->tmp);
    free(c->path);
    free(c->records);
    pl_cache_release(c->data, c->len);
    free(c);
}
