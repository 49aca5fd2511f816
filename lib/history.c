/*
 * history.c - the one-pass history walk.
 *
 * 1. Load the commit graph reachable from the tip (metadata only), noting
 *    parents that are missing (a shallow clone's boundary).
 * 2. Walk the commits in the order they were read, on worker threads that
 *    each read through a repository handle of their own (libgit2 wants one
 *    per thread) on a lane of their own (pl_store_reopen: no pack shared).
 *    Without a warm cache the first worker starts at the tip while the
 *    graph is still being read; the others take ranges of what is left,
 *    and a worker that is done takes half of another's. For each commit a
 *    worker compares the pilots folder with its parents' entry by entry
 *    by object id, and each changed file field by field. The YAML is
 *    parsed only when the front-matter bytes differ, and each blob once:
 *    walking from child to parent, the old version of a change is the new
 *    version of that file's next change, so it waits in a per-file slot
 *    until then.
 * 3. Order the commits newest first, children before parents (Kahn's
 *    algorithm, newest commit date first among the ready ones), put the
 *    workers' events in that order and follow renames in one pass.
 * Merges count only files (and fields) that differ from every parent.
 */
#include "history.h"

#include "buf.h"
#include "doc.h"
#include "fields.h"
#include "history_cache.h"
#include "parallel.h"
#include "rawtree.h"
#include "store.h"
#include "strmap.h"
#include "utf8.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    VERSION_CACHE = 2048, /* recently used versions, besides the per-file slots */
    TREE_CACHE = 16,
    MAX_PARENTS = 64,
    MAX_WORKERS = 4,
    MIN_COMMITS_PER_WORKER = 2000, /* below this a thread costs more than it saves */
    MIN_STOLEN = 64,               /* a stolen half smaller than this costs more than it saves */
};

/* ---- the commit graph -------------------------------------------------- */

typedef struct gnode {
    git_oid id, tree;
    struct gnode **parents;
    uint32_t nparents, children;
    uint32_t load;  /* in the order commits were read: what the workers use */
    uint32_t index; /* in the order commits are reported, once all are read */
    int64_t time;
    bool boundary;
    bool loaded;              /* read: written and read under the walk's lock */
    const pl_hrecord *record; /* the cache's record of it, if any */
} gnode;

/* The cache record a commit's events come from: its record, unless made
 * at a shallow boundary (the clone may have deepened since). */
static const pl_hrecord *cached(const gnode *n)
{
    return n->record && !n->record->boundary ? n->record : NULL;
}

typedef struct graph {
    gnode **nodes;
    size_t len, cap;
    /* A commit's node: by the index of its cache record when the cache
     * knows it (no map to fill), else by its 20-byte id. */
    const pl_hcache *cache;
    gnode **by_record;
    pl_strmap by_id;
} graph;

/* ---- versions of a file -------------------------------------------------- */

typedef struct version {
    git_oid id;
    int refs;
    char *text; /* the blob, kept until parsed */
    size_t len;
    bool split_ok, parsed, valid;
    uint64_t fm_hash, body_hash;
    size_t fm_start, fm_end;
    bool body_dropped; /* text ends where the body starts */
    char *error;
    pl_fields fields;    /* path/value strings live in block */
    pl_fm_blocks blocks; /* its top-level keys, when later versions may reuse them */
    char *block;
} version;

/* One thread's share of the walk. */
typedef struct worker {
    /* Each worker reads through a repository handle and object database
     * of its own (libgit2's are not shared between threads), with its own
     * object cache, and on a lane of its own (pl_store_reopen): its own
     * open pack and cache of delta bases. */
    git_odb *odb;
    git_repository *own_repo; /* the handle behind odb (NULL: repo's own database) */
    const char *pilots_dir;
    /* The commits it walks: todo indices [next, end). The end moves when
     * another worker takes half of what is left (SIZE_MAX: all that is
     * read, while the graph is still being read); both are read and
     * written under the walk's lock. */
    size_t next, end;
    /* the pilots folder of each commit, by load index: computed once */
    git_oid *dirs;
    uint8_t *dir_state; /* 0 unknown, 1 none, 2 known */
    size_t cap_dirs;
    struct rtree *trees[TREE_CACHE]; /* raw pilots folders */
    size_t tree_next;
    pl_strmap versions; /* blob id -> version, for the ring below */
    version *ring[VERSION_CACHE];
    size_t ring_next;
    pl_strmap pending;  /* file name -> the file's next (older) version, waiting */
    pl_strmap interned; /* see intern() */
    /* results */
    pl_arena arena; /* event strings and slot names */
    pl_event *events;
    size_t n_events, cap_events;
    int rc;
    pl_error err;
} worker;

static const char *keep(worker *w, const char *s)
{
    return s ? pl_arena_strndup(&w->arena, s, strlen(s)) : NULL;
}

/* Ids, field paths and stage names recur in event after event: one copy
 * each. */
static const char *intern(worker *w, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    const char *have = pl_strmap_get(&w->interned, s, n);
    if (have) return have;
    char *copy = pl_arena_strndup(&w->arena, s, n);
    pl_strmap_put(&w->interned, copy, n, copy);
    return copy;
}

static const char *keep_in(pl_arena *a, const char *s)
{
    return s ? pl_arena_strndup(a, s, strlen(s)) : NULL;
}

struct walk_plan;
static void publish(struct walk_plan *p, gnode *n);

/* The node of a commit id, if it has one yet; *record: the cache's
 * record of the commit, if any. */
static gnode *node_known(const graph *g, const git_oid *id, const pl_hrecord **record)
{
    *record = pl_hcache_get(g->cache, id);
    if (*record) return g->by_record[pl_hcache_index(g->cache, *record)];
    return pl_strmap_get(&g->by_id, (const char *)id->id, GIT_OID_RAWSZ);
}

/* Creates (or finds) the node of a commit id; new nodes are pushed on the
 * stack to be loaded. */
static gnode *node_for(pl_history *h, graph *g, const git_oid *id, gnode ***stack, size_t *depth,
                       size_t *cap)
{
    const pl_hrecord *r;
    gnode *p = node_known(g, id, &r);
    if (p) return p;
    p = pl_arena_alloc(&h->arena, sizeof(*p));
    git_oid_cpy(&p->id, id);
    p->record = r;
    if (r)
        g->by_record[pl_hcache_index(g->cache, r)] = p;
    else
        pl_strmap_put(&g->by_id, (const char *)p->id.id, GIT_OID_RAWSZ, p);
    pl_grow((void **)stack, cap, *depth + 1, sizeof(**stack));
    (*stack)[(*depth)++] = p;
    return p;
}

/* A commit the cache knows (r is cached(n)): no need to read it from git. */
static void load_cached(pl_history *h, graph *g, gnode *n, const pl_hrecord *r,
                        pl_history_commit *meta, gnode ***stack, size_t *depth, size_t *cap)
{
    git_oid *parents =
        pl_arena_alloc(&h->arena, (r->nparents ? r->nparents : 1) * sizeof(*parents));
    meta->author = r->author;
    meta->email = r->email;
    meta->subject = r->subject;
    meta->time = r->time;
    meta->offset = r->offset;
    meta->merge = r->merge;
    n->time = r->time;
    git_oid_cpy(&n->tree, &r->tree);
    git_oid_cpy(&meta->tree, &r->tree);
    n->parents = pl_arena_alloc(&h->arena, (r->nparents ? r->nparents : 1) * sizeof(*n->parents));
    for (uint32_t i = 0; i < r->nparents; i++) {
        git_oid_fromraw(&parents[i], r->parents + (size_t)i * GIT_OID_RAWSZ);
        gnode *p = node_for(h, g, &parents[i], stack, depth, cap);
        n->parents[n->nparents++] = p;
        p->children++;
    }
    meta->parents = parents;
    meta->nparents = r->nparents;
    meta->record_hash = r->sum;
}

static int load_graph(git_repository *repo, git_odb *odb, pl_history *h, graph *g,
                      const git_oid *tip, const pl_hcache *cache, size_t *commits_cap,
                      struct walk_plan *plan, pl_error *err)
{
    gnode **stack = NULL;
    size_t depth = 0, cap = 0;
    /* a warm cache says how large the graph will be, near enough */
    size_t expect = pl_hcache_size(cache);
    pl_grow((void **)&g->nodes, &g->cap, expect, sizeof(*g->nodes));
    pl_grow((void **)&h->commits, commits_cap, expect, sizeof(*h->commits));
    g->cache = cache;
    g->by_record = pl_calloc(expect ? expect : 1, sizeof(*g->by_record));
    node_for(h, g, tip, &stack, &depth, &cap);
    int rc = 0;
    while (depth && !rc) {
        gnode *n = stack[--depth];
        const pl_hrecord *r = cached(n);
        if (r) {
            pl_history_commit meta = {0};
            git_oid_cpy(&meta.id, &n->id);
            load_cached(h, g, n, r, &meta, &stack, &depth, &cap);
            pl_grow((void **)&g->nodes, &g->cap, g->len + 1, sizeof(*g->nodes));
            n->load = n->index = (uint32_t)g->len;
            g->nodes[g->len++] = n;
            pl_grow((void **)&h->commits, commits_cap, g->len, sizeof(*h->commits));
            h->commits[n->index] = meta;
            publish(plan, n);
            continue;
        }
        git_commit *c;
        if (git_commit_lookup(&c, repo, &n->id) < 0) {
            rc = pl_git_error(err, "reading a commit");
            break;
        }
        const git_signature *a = git_commit_author(c);
        pl_history_commit meta = {0};
        git_oid_cpy(&meta.id, &n->id);
        meta.author = keep_in(&h->arena, a->name);
        meta.email = keep_in(&h->arena, a->email);
        meta.subject = keep_in(&h->arena, git_commit_summary(c) ? git_commit_summary(c) : "");
        meta.time = a->when.time;
        meta.offset = a->when.offset;
        n->time = a->when.time;
        git_oid_cpy(&n->tree, git_commit_tree_id(c));
        git_oid_cpy(&meta.tree, &n->tree);
        unsigned np = git_commit_parentcount(c);
        meta.merge = np > 1;
        n->parents = pl_arena_alloc(&h->arena, (np ? np : 1) * sizeof(*n->parents));
        git_oid *parents = pl_arena_alloc(&h->arena, (np ? np : 1) * sizeof(*parents));
        for (unsigned i = 0; i < np; i++) {
            const git_oid *pid = git_commit_parent_id(c, i);
            const pl_hrecord *known;
            if (!node_known(g, pid, &known) && !git_odb_exists(odb, pid)) {
                n->boundary = true; /* shallow: the parent is not here */
                continue;
            }
            gnode *p = node_for(h, g, pid, &stack, &depth, &cap);
            git_oid_cpy(&parents[n->nparents], pid);
            n->parents[n->nparents++] = p;
            p->children++;
        }
        meta.parents = parents;
        meta.nparents = n->nparents;
        meta.boundary = n->boundary;
        git_commit_free(c);
        pl_grow((void **)&g->nodes, &g->cap, g->len + 1, sizeof(*g->nodes));
        n->load = n->index = (uint32_t)g->len;
        g->nodes[g->len++] = n;
        pl_grow((void **)&h->commits, commits_cap, g->len, sizeof(*h->commits));
        h->commits[n->index] = meta;
        publish(plan, n);
    }
    free(stack);
    return rc;
}

/* Max-heap by commit time (ties: the later-loaded first, for stability). */
static bool heap_before(const gnode *a, const gnode *b)
{
    return a->time != b->time ? a->time > b->time : a->index < b->index;
}

static void heap_push(gnode **heap, size_t *len, gnode *n)
{
    size_t i = (*len)++;
    heap[i] = n;
    while (i && heap_before(heap[i], heap[(i - 1) / 2])) {
        gnode *t = heap[i];
        heap[i] = heap[(i - 1) / 2];
        heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static gnode *heap_pop(gnode **heap, size_t *len)
{
    gnode *top = heap[0];
    heap[0] = heap[--*len];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, best = i;
        if (l < *len && heap_before(heap[l], heap[best])) best = l;
        if (r < *len && heap_before(heap[r], heap[best])) best = r;
        if (best == i) break;
        gnode *t = heap[i];
        heap[i] = heap[best];
        heap[best] = t;
        i = best;
    }
    return top;
}

/* Newest first, every child before its parents. */
static gnode **topo_order(graph *g)
{
    gnode **order = pl_malloc(g->len * sizeof(*order)), **heap = pl_malloc(g->len * sizeof(*heap));
    size_t n = 0, hl = 0;
    for (size_t i = 0; i < g->len; i++)
        if (g->nodes[i]->children == 0) heap_push(heap, &hl, g->nodes[i]);
    while (hl) {
        gnode *x = heap_pop(heap, &hl);
        order[n++] = x;
        for (uint32_t i = 0; i < x->nparents; i++)
            if (--x->parents[i]->children == 0) heap_push(heap, &hl, x->parents[i]);
    }
    free(heap);
    return order;
}

/* ---- trees ---------------------------------------------------------------- */

/* Makes room for the pilots folders of a commit and its parents, before
 * dir_of hands out pointers into it: the graph may still be loading, and
 * the arrays grow with it. */
static void dirs_reserve(worker *w, const gnode *n)
{
    size_t need = (size_t)n->load + 1;
    for (uint32_t i = 0; i < n->nparents; i++)
        if (n->parents[i]->load >= need) need = (size_t)n->parents[i]->load + 1;
    if (need <= w->cap_dirs) return;
    size_t had = w->cap_dirs;
    pl_grow((void **)&w->dirs, &w->cap_dirs, need, sizeof(*w->dirs));
    w->dir_state = pl_realloc(w->dir_state, w->cap_dirs);
    memset(w->dir_state + had, 0, w->cap_dirs - had);
}

/* The pilots folder's tree id of a commit, or NULL when it has none. */
static int dir_of(worker *w, gnode *n, const git_oid **out)
{
    *out = NULL;
    if (!w->dir_state[n->load]) {
        w->dir_state[n->load] = 1;
        bool found;
        if (pl_rawtree_dir(w->odb, &n->tree, w->pilots_dir, &w->dirs[n->load], &found, &w->err))
            return w->err.code;
        if (found) w->dir_state[n->load] = 2;
    }
    *out = w->dir_state[n->load] == 2 ? &w->dirs[n->load] : NULL;
    return 0;
}

/* A pilots folder's raw bytes and, once known, where its entries start.
 * Shared between the cache and the commits using it, so counted. */
typedef struct rtree {
    git_odb_object *obj;
    pl_rawindex idx;
    bool indexed;
    int refs;
} rtree;

static void rtree_release(rtree *t)
{
    if (t && --t->refs == 0) {
        git_odb_object_free(t->obj);
        pl_rawindex_free(&t->idx);
        free(t);
    }
}

/* A pilots folder from a small cache; the caller releases it. */
static int tree_of(worker *w, const git_oid *id, rtree **out)
{
    *out = NULL;
    if (!id) return 0;
    for (size_t i = 0; i < TREE_CACHE; i++)
        if (w->trees[i] && git_oid_equal(git_odb_object_id(w->trees[i]->obj), id)) {
            w->trees[i]->refs++;
            *out = w->trees[i];
            return 0;
        }
    git_odb_object *obj;
    if (git_odb_read(&obj, w->odb, id) < 0)
        return pl_git_error(&w->err, "reading the pilots folder");
    if (git_odb_object_type(obj) != GIT_OBJECT_TREE) {
        git_odb_object_free(obj);
        return pl_error_set(&w->err, PL_EGIT, "the pilots folder is not a tree");
    }
    rtree *t = pl_calloc(1, sizeof(*t));
    t->obj = obj;
    t->refs = 2; /* the cache's and the caller's */
    rtree_release(w->trees[w->tree_next]);
    w->trees[w->tree_next] = t;
    w->tree_next = (w->tree_next + 1) % TREE_CACHE;
    *out = t;
    return 0;
}

static const unsigned char *raw(const rtree *t)
{
    return t ? git_odb_object_data(t->obj) : NULL;
}

static size_t raw_len(const rtree *t)
{
    return t ? git_odb_object_size(t->obj) : 0;
}

/* The files that changed from parent to child. The walk goes from child
 * to parent, so the child's index is usually known from the step before,
 * and the parent's is derived from it here without reading the entries
 * both share. */
static bool diff_trees(rtree *parent, rtree *child, pl_file_changes *out)
{
    if (child && !child->indexed) {
        if (!pl_rawtree_index(raw(child), raw_len(child), &child->idx)) return false;
        child->indexed = true;
    }
    bool derive = parent && !parent->indexed;
    bool ok = pl_rawtree_diff(raw(parent), raw_len(parent), raw(child), raw_len(child),
                              child ? &child->idx : NULL, derive ? &parent->idx : NULL, out);
    if (derive && ok) parent->indexed = true;
    return ok;
}

/* ---- versions --------------------------------------------------------------- */

static void version_release(version *v)
{
    if (!v || --v->refs > 0) return;
    free(v->text);
    free(v->error);
    free(v->block);
    pl_fm_blocks_free(&v->blocks);
    free(v);
}

static version *version_retain(version *v)
{
    if (v) v->refs++;
    return v;
}

static version *version_load(worker *w, const git_oid *id)
{
    version *v = pl_calloc(1, sizeof(*v));
    git_oid_cpy(&v->id, id);
    size_t size;
    git_object_t type;
    git_odb_object *blob = NULL;
    /* the header first: a huge blob is refused before it is inflated */
    if (git_odb_read_header(&size, &type, w->odb, id) < 0 || type != GIT_OBJECT_BLOB) {
        v->error = pl_strdup("the file could not be read from the repository");
    } else if (size > PL_LIMIT_FILE_BYTES) {
        v->error = pl_strdup("the file is larger than the size limit");
    } else if (git_odb_read(&blob, w->odb, id) < 0) {
        v->error = pl_strdup("the file could not be read from the repository");
    } else {
        const char *data = git_odb_object_data(blob);
        size_t len = git_odb_object_size(blob);
        pl_split sp;
        pl_error e;
        if (pl_front_matter_split(&sp, data, len, NULL, &e) == 0) {
            v->split_ok = true;
            v->fm_start = sp.fm_start;
            v->fm_end = sp.fm_end;
            v->fm_hash = pl_hash_bytes(data + sp.fm_start, sp.fm_end - sp.fm_start);
            v->body_hash = pl_hash_bytes(data + sp.body_start, len - sp.body_start);
            /* Only the front matter is parsed later; a version may wait a
             * long time for that (one per file of the tree), so the body
             * is dropped unless its bytes would make the parse fail. */
            if (pl_utf8_text(data + sp.body_start, len - sp.body_start)) {
                len = sp.body_start;
                v->body_dropped = true;
            }
        } else {
            v->error = pl_strdup(e.message);
        }
        v->len = len;
        v->text = pl_strndup(data, len);
    }
    git_odb_object_free(blob);
    return v;
}

/* A version by blob id: from the cache, or read. Returns a reference the
 * caller releases. */
static version *version_get(worker *w, const git_oid *id)
{
    version *v = pl_strmap_get(&w->versions, (const char *)id->id, GIT_OID_RAWSZ);
    if (v) return version_retain(v);
    v = version_load(w, id);
    version *old = w->ring[w->ring_next];
    if (old) {
        /* the key lives in old: the entry goes before old can */
        pl_strmap_del(&w->versions, (const char *)old->id.id, GIT_OID_RAWSZ);
        version_release(old);
    }
    w->ring[w->ring_next] = version_retain(v);
    w->ring_next = (w->ring_next + 1) % VERSION_CACHE;
    pl_strmap_put(&w->versions, (const char *)v->id.id, GIT_OID_RAWSZ, v);
    return version_retain(v);
}

/* The version of a file at blob id: its waiting version if that is the
 * one (the common case: this change's new version is the previous
 * change's old one), else the cache. */
static version *version_for(worker *w, const char *name, const git_oid *id)
{
    version *v = pl_strmap_get(&w->pending, name, strlen(name));
    if (v && git_oid_equal(&v->id, id)) return version_retain(v);
    return version_get(w, id);
}

/* Lets v wait under name for the file's next (older) change. */
static void version_wait(worker *w, const char *name, version *v)
{
    size_t n = strlen(name);
    version *prev = pl_strmap_get(&w->pending, name, n);
    /* a name already waiting keeps its key; only a new one is copied */
    pl_strmap_put(&w->pending, prev ? name : pl_arena_strndup(&w->arena, name, n), n,
                  version_retain(v));
    version_release(prev);
}

/* Copies fields into one allocation that the version owns. */
static void keep_fields(version *v, const pl_fields *f)
{
    size_t bytes = f->len * sizeof(pl_field);
    for (size_t i = 0; i < f->len; i++)
        bytes += strlen(f->items[i].path) + strlen(f->items[i].value) + 2;
    v->block = pl_malloc(bytes ? bytes : 1);
    v->fields.items = (pl_field *)(void *)v->block;
    v->fields.len = f->len;
    char *p = v->block + f->len * sizeof(pl_field);
    for (size_t i = 0; i < f->len; i++) {
        size_t a = strlen(f->items[i].path) + 1, b = strlen(f->items[i].value) + 1;
        memcpy(p, f->items[i].path, a);
        v->fields.items[i].path = p;
        p += a;
        memcpy(p, f->items[i].value, b);
        v->fields.items[i].value = p;
        p += b;
    }
    v->valid = true;
}

/* Parses the front matter once into a compact block of fields. */
static void version_parse(version *v)
{
    if (!v || v->parsed) return;
    v->parsed = true;
    if (!v->split_ok) return;
    pl_doc *doc;
    pl_error e;
    if (pl_doc_parse_markdown(&doc, "", v->text, v->len, NULL, &e) != 0) {
        free(v->error);
        v->error = pl_strdup(e.message);
    } else if (doc->root->type != PL_MAP) {
        v->error = pl_strdup("the front matter is not a mapping");
        pl_doc_free(doc);
    } else {
        pl_arena scratch = PL_ARENA_INIT;
        pl_fields f;
        pl_fields_flatten(&f, doc->root, &scratch);
        keep_fields(v, &f);
        /* its blocks, for the older version parsed from this one next */
        const char *yaml = v->text + v->fm_start;
        if (pl_fm_blocks_split(&v->blocks, yaml, v->fm_end - v->fm_start) &&
            !pl_fm_blocks_match(&v->blocks, yaml, doc->root))
            pl_fm_blocks_free(&v->blocks);
        pl_arena_free(&scratch);
        pl_doc_free(doc);
    }
    free(v->text); /* the fields are all that is needed from now on */
    v->text = NULL;
}

/* Parses v from base, a neighbouring version of the same file: only the
 * top-level keys whose lines differ are parsed (fields.h). Anything the
 * shortcut cannot vouch for is parsed whole. */
static void version_parse_from(version *v, version *base)
{
    if (!v || v->parsed) return;
    version_parse(base);
    const char *yaml = v->text ? v->text + v->fm_start : NULL;
    size_t len = v->fm_end - v->fm_start;
    pl_fm_blocks blocks;
    if (yaml && base && base->valid && base->blocks.len && v->split_ok && v->body_dropped &&
        pl_fm_blocks_split(&blocks, yaml, len)) {
        pl_arena scratch = PL_ARENA_INIT;
        pl_fields f;
        if (pl_fields_flatten_changed(&f, yaml, &blocks, &base->fields, &base->blocks, &scratch)) {
            keep_fields(v, &f);
            v->blocks = blocks;
            v->parsed = true;
            free(v->text);
            v->text = NULL;
        } else {
            pl_fm_blocks_free(&blocks);
        }
        pl_arena_free(&scratch);
    }
    version_parse(v);
}

static bool same_front_matter(const version *a, const version *b)
{
    return a->split_ok && b->split_ok && a->fm_hash == b->fm_hash &&
           (!a->text || !b->text ||
            (a->fm_end - a->fm_start == b->fm_end - b->fm_start &&
             memcmp(a->text + a->fm_start, b->text + b->fm_start, a->fm_end - a->fm_start) == 0));
}

/* ---- events ----------------------------------------------------------------- */

static pl_event *emit(worker *w, pl_event_kind kind, uint32_t commit, const char *id)
{
    pl_grow((void **)&w->events, &w->cap_events, w->n_events + 1, sizeof(*w->events));
    pl_event *e = &w->events[w->n_events++];
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    e->commit = commit;
    e->id_then = intern(w, id);
    return e;
}

static const char *fv(const version *v, const char *path)
{
    return v && v->valid ? pl_fields_get(&v->fields, path) : NULL;
}

static bool differs(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

static void emit_decision(worker *w, uint32_t commit, const char *id, const version *v)
{
    pl_event *e = emit(w, PL_EV_DECISION, commit, id);
    e->new_value = intern(w, fv(v, "decision.outcome"));
    e->decision_date = keep(w, fv(v, "decision.date"));
    e->decision_by = intern(w, fv(v, "decision.by"));
    e->rationale = keep(w, fv(v, "decision.rationale"));
}

static bool is_decision_field(const char *path)
{
    return strncmp(path, "decision.", 9) == 0;
}

/*
 * Events for one file changed from old to new (either may be NULL).
 * others: the versions of the same file in a merge's other parents; a
 * field only counts if it differs from all of them too.
 */
static void file_events(worker *w, uint32_t commit, const char *id, version *old, version *new_,
                        version **others, size_t n_others, bool first_seen)
{
    if (!new_) {
        pl_event *e = emit(w, PL_EV_DELETED, commit, id);
        version_parse(old);
        e->old_value = intern(w, fv(old, "stage"));
        return;
    }
    if (!old) {
        version_parse(new_);
        pl_event *e = emit(w, PL_EV_CREATED, commit, id);
        e->new_value = intern(w, fv(new_, "stage"));
        e->first_seen = first_seen;
        if (!new_->valid) {
            pl_event *x = emit(w, PL_EV_INVALID, commit, id);
            x->new_value = keep(w, new_->error);
        } else if (fv(new_, "decision.outcome")) {
            emit_decision(w, commit, id, new_);
        }
        return;
    }
    bool body_changed = old->split_ok && new_->split_ok && old->body_hash != new_->body_hash;
    if (!same_front_matter(old, new_)) {
        /* walking back in time, new_ is usually parsed already */
        version_parse(new_);
        version_parse_from(old, new_);
        for (size_t k = 0; k < n_others; k++) version_parse_from(others[k], new_);
        if (!new_->valid) {
            if (old->valid || differs(old->error, new_->error)) {
                pl_event *x = emit(w, PL_EV_INVALID, commit, id);
                x->new_value = keep(w, new_->error);
            }
        } else if (!old->valid) {
            emit(w, PL_EV_REPAIRED, commit, id);
        } else {
            pl_field_change *ch = NULL;
            size_t n = 0, cap = 0;
            pl_fields_diff(&old->fields, &new_->fields, &ch, &n, &cap);
            /* keep only what differs from every other parent too */
            size_t kept = 0;
            for (size_t i = 0; i < n; i++) {
                bool own = true;
                for (size_t k = 0; k < n_others && own; k++)
                    own = differs(fv(others[k], ch[i].path), ch[i].new_value);
                if (own) ch[kept++] = ch[i];
            }
            n = kept;
            bool decision = false, stage = false;
            for (size_t i = 0; i < n; i++) {
                if (strcmp(ch[i].path, "decision.outcome") == 0 ||
                    strcmp(ch[i].path, "decision.date") == 0)
                    decision = decision || fv(new_, "decision.outcome") != NULL;
                if (strcmp(ch[i].path, "stage") == 0) stage = true;
            }
            if (decision) emit_decision(w, commit, id, new_);
            if (stage) {
                pl_event *e = emit(w, PL_EV_STAGE, commit, id);
                e->old_value = intern(w, fv(old, "stage"));
                e->new_value = intern(w, fv(new_, "stage"));
            }
            for (size_t i = 0; i < n; i++) {
                if (strcmp(ch[i].path, "stage") == 0) continue;
                if (decision && is_decision_field(ch[i].path)) continue;
                pl_event *e = emit(w, PL_EV_FIELD, commit, id);
                e->field = intern(w, ch[i].path);
                e->old_value = keep(w, ch[i].old_value);
                e->new_value = keep(w, ch[i].new_value);
            }
            free(ch);
        }
    }
    bool body_own = body_changed;
    for (size_t k = 0; k < n_others && body_own; k++)
        body_own = !others[k] || !others[k]->split_ok || others[k]->body_hash != new_->body_hash;
    if (body_own) emit(w, PL_EV_BODY, commit, id);
}

/* ---- one commit ------------------------------------------------------------------- */

static bool id_of(const char *name, char *id, size_t cap)
{
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md") != 0 || n - 3 >= cap) return false;
    memcpy(id, name, n - 3);
    id[n - 3] = '\0';
    return true;
}

/* Share of fields two parsed versions have in common (0..1). */
static double field_similarity(version *a, version *b)
{
    version_parse(a);
    version_parse(b);
    if (!a->valid || !b->valid) return 0;
    size_t i = 0, j = 0, common = 0;
    while (i < a->fields.len && j < b->fields.len) {
        int c = strcmp(a->fields.items[i].path, b->fields.items[j].path);
        if (c == 0)
            common += strcmp(a->fields.items[i].value, b->fields.items[j].value) == 0, i++, j++;
        else if (c < 0)
            i++;
        else
            j++;
    }
    size_t total = a->fields.len + b->fields.len;
    return total ? 2.0 * (double)common / (double)total : 0;
}

/* Share of lines two versions have in common (0..1), for renames. Only
 * unparsed versions still have their text; otherwise the front matter's
 * fields are compared. */
static double similarity(version *a, version *b)
{
    if (!a->text || !b->text) return field_similarity(a, b);
    pl_strmap lines = PL_STRMAP_INIT;
    size_t na = 0, nb = 0, common = 0;
    for (const char *p = a->text, *end = a->text + a->len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        pl_strmap_put(&lines, p, len, (void *)1);
        na++;
        p += len + 1;
    }
    for (const char *p = b->text, *end = b->text + b->len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (pl_strmap_get(&lines, p, len)) common++;
        nb++;
        p += len + 1;
    }
    pl_strmap_free(&lines);
    return na + nb ? 2.0 * (double)common / (double)(na + nb) : 0;
}

typedef struct change {
    char name[260];
    char id[256];
    const git_oid *old_id, *new_id;
    version *old_v, *new_v;
    bool handled; /* part of a rename */
} change;

static int process_commit(worker *w, gnode *n)
{
    const git_oid *dir_id = NULL;
    rtree *dir = NULL, *pdirs[MAX_PARENTS] = {0};
    dirs_reserve(w, n);
    int rc = dir_of(w, n, &dir_id);
    uint32_t np = n->nparents < MAX_PARENTS ? n->nparents : MAX_PARENTS;
    const git_oid *pdir_ids[MAX_PARENTS] = {0};
    for (uint32_t i = 0; !rc && i < np; i++) {
        rc = dir_of(w, n->parents[i], &pdir_ids[i]);
        /* the folder did not change against some parent: for a merge that
         * means it took that side; for a plain commit, nothing happened */
        if (!rc && ((dir_id && pdir_ids[i] && git_oid_equal(dir_id, pdir_ids[i])) ||
                    (!dir_id && !pdir_ids[i])))
            return 0;
    }
    if (rc) return rc;
    if (np == 0 && !dir_id) return 0;
    if ((rc = tree_of(w, dir_id, &dir))) return rc;
    for (uint32_t i = 0; !rc && i < np; i++) rc = tree_of(w, pdir_ids[i], &pdirs[i]);
    pl_file_changes fc = {0};
    if (!rc && !diff_trees(np ? pdirs[0] : NULL, dir, &fc)) {
        char hex[GIT_OID_HEXSZ + 1];
        rc = pl_error_set(&w->err, PL_EGIT, "a malformed tree in commit %s",
                          git_oid_tostr(hex, sizeof(hex), &n->id));
    }

    change *ch = pl_calloc(fc.len ? fc.len : 1, sizeof(*ch));
    size_t nch = 0;
    for (size_t i = 0; i < fc.len; i++) {
        change *c = &ch[nch];
        if (strlen(fc.items[i].name) >= sizeof(c->name) ||
            !id_of(fc.items[i].name, c->id, sizeof(c->id)))
            continue;
        memcpy(c->name, fc.items[i].name, strlen(fc.items[i].name) + 1);
        c->old_id = git_oid_is_zero(&fc.items[i].old_id) ? NULL : &fc.items[i].old_id;
        c->new_id = git_oid_is_zero(&fc.items[i].new_id) ? NULL : &fc.items[i].new_id;
        if (c->new_id) c->new_v = version_for(w, c->name, c->new_id);
        if (c->old_id) c->old_v = version_get(w, c->old_id);
        nch++;
    }
    uint32_t commit = n->load; /* until the events are assembled */
    /* pair deletions with additions: renames */
    for (size_t i = 0; i < nch; i++) {
        if (ch[i].old_id || !ch[i].new_id) continue; /* only additions look for a source */
        size_t best = SIZE_MAX;
        double best_sim = 0.5;
        for (size_t k = 0; k < nch; k++) {
            if (ch[k].handled || !ch[k].old_id || ch[k].new_id) continue;
            double sim = git_oid_equal(ch[k].old_id, ch[i].new_id)
                             ? 1.0
                             : similarity(ch[k].old_v, ch[i].new_v);
            if (sim >= best_sim) best_sim = sim, best = k;
        }
        if (best == SIZE_MAX) continue;
        /* a rename: the newer name is the one the pilot has from here on */
        pl_event *e = emit(w, PL_EV_RENAMED, commit, ch[i].id);
        e->old_value = keep(w, ch[best].id);
        e->new_value = keep(w, ch[i].id);
        file_events(w, commit, ch[i].id, ch[best].old_v, ch[i].new_v, NULL, 0, false);
        version_wait(w, ch[best].name, ch[best].old_v);
        ch[i].handled = ch[best].handled = true;
    }
    for (size_t i = 0; i < nch; i++) {
        if (ch[i].handled) continue;
        version *others[MAX_PARENTS];
        size_t n_others = 0;
        bool own = true;
        for (uint32_t k = 1; k < np; k++) {
            pl_rawent pe;
            git_oid pid_buf;
            const git_oid *pid = NULL;
            if (pdirs[k] && pl_rawtree_find(raw(pdirs[k]), raw_len(pdirs[k]), ch[i].name,
                                            strlen(ch[i].name), &pe)) {
                git_oid_fromraw(&pid_buf, pe.oid);
                pid = &pid_buf;
            }
            if ((pid && ch[i].new_id && git_oid_equal(pid, ch[i].new_id)) ||
                (!pid && !ch[i].new_id))
                own = false;
            if (pid) others[n_others++] = version_get(w, pid);
        }
        if (own)
            file_events(w, commit, ch[i].id, ch[i].old_v, ch[i].new_v, others, n_others,
                        n->boundary && np == 0);
        for (size_t k = 0; k < n_others; k++) version_release(others[k]);
        if (ch[i].old_v) version_wait(w, ch[i].name, ch[i].old_v);
    }
    for (size_t i = 0; i < nch; i++) {
        version_release(ch[i].old_v);
        version_release(ch[i].new_v);
    }
    free(ch);
    pl_file_changes_free(&fc);
    rtree_release(dir);
    for (uint32_t i = 0; i < np; i++) rtree_release(pdirs[i]);
    return rc;
}

static void worker_done(worker *w);

/* ---- sharing the walk ------------------------------------------------------------ */

/* What the workers share: the commits to walk in the order they were
 * read, and, while the graph is still being read, how far it is. */
typedef struct walk_plan {
    pthread_mutex_t lock;
    pthread_cond_t more; /* more of the graph is read */
    gnode **todo;        /* the commits to walk (not cached), as read */
    size_t n_todo, cap_todo;
    bool loading; /* the graph is still being read */
    bool failed;  /* reading it failed: the walk stops */
    worker *workers;
    int nworkers, first; /* pl_parallel_for runs workers [first, nworkers) */
} walk_plan;

/* Called by the graph's reader for each commit it has read. */
static void publish(walk_plan *p, gnode *n)
{
    pthread_mutex_lock(&p->lock);
    n->loaded = true;
    if (!cached(n)) {
        pl_grow((void **)&p->todo, &p->cap_todo, p->n_todo + 1, sizeof(*p->todo));
        p->todo[p->n_todo++] = n;
    }
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->lock);
}

/* The graph is read (or reading it failed): a worker's open range ends. */
static void loading_over(walk_plan *p, bool failed)
{
    pthread_mutex_lock(&p->lock);
    p->loading = false;
    p->failed = failed;
    for (int k = 0; k < p->nworkers; k++)
        if (p->workers[k].end == SIZE_MAX) p->workers[k].end = p->n_todo;
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->lock);
}

static bool parents_loaded(const gnode *n)
{
    for (uint32_t i = 0; i < n->nparents; i++)
        if (!n->parents[i]->loaded) return false;
    return true;
}

/* Gives w the older half of the largest range left, when that half is
 * worth the cold start: the first version of each file in it is read
 * again, where the worker that had it would have found it waiting. */
static bool steal(walk_plan *p, worker *w)
{
    worker *victim = NULL;
    for (int k = 0; k < p->nworkers; k++) {
        worker *v = &p->workers[k];
        if (!v->rc && v->end != SIZE_MAX && v->end - v->next >= 2 * MIN_STOLEN &&
            (!victim || v->end - v->next > victim->end - victim->next))
            victim = v;
    }
    if (!victim) return false;
    w->next = victim->next + (victim->end - victim->next) / 2;
    w->end = victim->end;
    victim->end = w->next;
    return true;
}

/* The next commit for w, once it and its parents are read; NULL when
 * there is none left to walk or take. */
static gnode *next_commit(walk_plan *p, worker *w)
{
    gnode *n = NULL;
    pthread_mutex_lock(&p->lock);
    while (!w->rc && !p->failed) {
        size_t end = w->end < p->n_todo ? w->end : p->n_todo;
        if (w->next < end && (!p->loading || parents_loaded(p->todo[w->next]))) {
            n = p->todo[w->next++];
            break;
        }
        if (p->loading)
            pthread_cond_wait(&p->more, &p->lock);
        else if (!steal(p, w))
            break;
    }
    pthread_mutex_unlock(&p->lock);
    return n;
}

static void walk_worker(walk_plan *p, worker *w)
{
    gnode *n;
    while ((n = next_commit(p, w))) {
        int rc = process_commit(w, n);
        if (rc) {
            pthread_mutex_lock(&p->lock);
            w->rc = rc;
            pthread_mutex_unlock(&p->lock);
        }
    }
    worker_done(w); /* here, on the worker's own thread */
}

/* Walks the shares of workers first + [from, to): each worker is one item
 * of pl_parallel_for, whichever thread runs it. Commits are spread
 * evenly, but their cost is not (later trees are larger, some commits
 * touch many files): a worker that is done takes half of what another
 * has left. */
static int walk_shares(void *ctx, int thread, size_t from, size_t to)
{
    walk_plan *p = ctx;
    PL_UNUSED(thread);
    for (size_t k = from; k < to; k++) walk_worker(p, &p->workers[p->first + (int)k]);
    return 0;
}

/* The first worker's thread while the graph is read. */
static void *walk_first(void *ctx)
{
    walk_plan *p = ctx;
    walk_worker(p, &p->workers[0]);
    return NULL;
}

/* Frees what only the walk needed, as soon as it is over: the events
 * are assembled after this, and the peak memory is the sum of the two. */
static void worker_done(worker *w)
{
    for (size_t i = 0; i < VERSION_CACHE; i++) version_release(w->ring[i]);
    for (size_t i = 0; i < w->pending.cap; i++)
        if (w->pending.slots[i].key) version_release(w->pending.slots[i].value);
    for (size_t i = 0; i < TREE_CACHE; i++) rtree_release(w->trees[i]);
    memset(w->ring, 0, sizeof(w->ring));
    memset(w->trees, 0, sizeof(w->trees));
    pl_strmap_free(&w->versions);
    pl_strmap_free(&w->pending);
    pl_strmap_free(&w->interned);
    free(w->dirs);
    free(w->dir_state);
    w->dirs = NULL;
    w->dir_state = NULL;
    git_odb_free(w->odb);
    git_repository_free(w->own_repo);
    w->odb = NULL;
    w->own_repo = NULL;
}

static void worker_free(worker *w)
{
    worker_done(w);
    free(w->events);
    w->events = NULL;
}

/* Follows renames in one pass over all events, newest first: an event's
 * pilot is the id its file has at the tip. */
static void resolve_renames(pl_history *h)
{
    pl_strmap alias = PL_STRMAP_INIT; /* older id -> newer id */
    for (size_t i = 0; i < h->n_events; i++) {
        pl_event *e = &h->events[i];
        const char *id = e->id_then;
        for (int hops = 0; hops < 64; hops++) {
            const char *next = pl_strmap_get(&alias, id, strlen(id));
            if (!next || strcmp(next, id) == 0) break;
            id = next;
        }
        e->pilot = id;
        if (e->kind == PL_EV_RENAMED)
            pl_strmap_put(&alias, e->old_value, strlen(e->old_value), (void *)id);
    }
    pl_strmap_free(&alias);
}

static int workers_for(size_t commits)
{
    int n = pl_parallel_workers(commits, MIN_COMMITS_PER_WORKER);
    return n < MAX_WORKERS ? n : MAX_WORKERS;
}

/* ---- entry points ------------------------------------------------------------------ */

/* The events in the order commits are reported: a cached commit's from
 * the cache, a walked one's from the worker that walked it (which wrote
 * them in order, under the commit's load index). */
static void assemble(pl_history *h, gnode **order, gnode **loaded, worker *workers, int nworkers)
{
    size_t *at = pl_calloc(h->n_commits + 1, sizeof(*at));
    for (size_t i = 0; i < h->n_commits; i++)
        if (cached(order[i])) at[i + 1] = cached(order[i])->nevents;
    for (int k = 0; k < nworkers; k++)
        for (size_t i = 0; i < workers[k].n_events; i++) {
            pl_event *e = &workers[k].events[i];
            e->commit = loaded[e->commit]->index;
            at[e->commit + 1]++;
        }
    for (size_t i = 0; i < h->n_commits; i++) at[i + 1] += at[i];
    h->n_events = at[h->n_commits];
    h->events = pl_malloc((h->n_events ? h->n_events : 1) * sizeof(*h->events));
    for (size_t i = 0; i < h->n_commits; i++)
        if (cached(order[i])) pl_hcache_events(cached(order[i]), (uint32_t)i, h->events + at[i]);
    for (int k = 0; k < nworkers; k++) {
        for (size_t i = 0; i < workers[k].n_events; i++)
            h->events[at[workers[k].events[i].commit]++] = workers[k].events[i];
        free(workers[k].events); /* copied: gone before the next is */
        workers[k].events = NULL;
    }
    free(at);
}

/* Numbers each commit's events; returns where each commit's events
 * start (first[n_commits] = n_events), for the cache and the sums. */
static size_t *number_events(pl_history *h)
{
    size_t *first = pl_malloc((h->n_commits + 1) * sizeof(*first));
    size_t e = 0;
    for (size_t i = 0; i < h->n_commits; i++) {
        first[i] = e;
        for (uint32_t seq = 0; e < h->n_events && h->events[e].commit == i; e++)
            h->events[e].seq = seq++;
    }
    first[h->n_commits] = e;
    return first;
}

/* Sums up each walked commit with its events as the cache would. A
 * cached commit has its record's checksum, and one the cache has just
 * written got it there; 0 is the rest. */
typedef struct sum_job {
    pl_history *h;
    const bool *computed;
    const size_t *first;
    pl_buf scratch[PL_PARALLEL_MAX];
} sum_job;

static int sum_range(void *ctx, int worker, size_t from, size_t to)
{
    sum_job *j = ctx;
    for (size_t i = from; i < to; i++)
        if (j->computed[i] && !j->h->commits[i].record_hash)
            j->h->commits[i].record_hash =
                pl_hcache_record_hash(&j->h->commits[i], j->h->events + j->first[i],
                                      j->first[i + 1] - j->first[i], &j->scratch[worker]);
    return 0;
}

static void sum_commits(pl_history *h, const bool *computed, const size_t *first)
{
    sum_job j = {.h = h, .computed = computed, .first = first};
    pl_parallel_for(h->n_commits, 256, pl_parallel_workers(h->n_commits, 2048), sum_range, &j);
    for (size_t k = 0; k < PL_PARALLEL_MAX; k++) pl_buf_free(&j.scratch[k]);
}

/* Sets up worker k: its repository handle on a lane of its own. */
static int worker_open(worker *w, git_repository *repo, const char *pilots_dir, int k,
                       pl_error *err)
{
    w->pilots_dir = pilots_dir;
    /* the graph is read on PL_LANE_HISTORY, beside the first worker */
    return pl_store_reopen(repo, PL_LANE_HISTORY + 1 + k, &w->own_repo, &w->odb, err);
}

int pl_history_walk(pl_history **out, git_repository *repo, const git_oid *tip,
                    const char *pilots_dir, unsigned flags, pl_error *err)
{
    pl_history *h = pl_calloc(1, sizeof(*h));
    graph g;
    git_odb *odb = NULL;
    size_t commits_cap = 0;
    worker workers[MAX_WORKERS];
    int nworkers = 0, rc = 0;
    pl_buf cache_path = PL_BUF_INIT;
    pl_hcache *cache = NULL;
    walk_plan plan = {.workers = workers};
    pthread_t early_thread;
    memset(&g, 0, sizeof(g));
    memset(workers, 0, sizeof(workers));
    pthread_mutex_init(&plan.lock, NULL);
    pthread_cond_init(&plan.more, NULL);
    *out = NULL;
    if (flags & PL_HISTORY_CACHE) {
        pl_hcache_path(&cache_path, repo, pilots_dir);
        cache = pl_hcache_load(cache_path.ptr);
    }
    h->truncated = git_repository_is_shallow(repo) == 1;
    /* Without a warm cache every commit is walked: the first worker starts
     * at the tip while the rest of the graph is read, on the other core.
     * With one, reading the graph is quick and most commits are not
     * walked at all. */
    bool early = tip && !pl_hcache_size(cache) && pl_parallel_workers(2, 1) > 1;
    int opened = 0;
    if (early && (rc = worker_open(&workers[0], repo, pilots_dir, 0, err))) early = false;
    if (early) {
        opened = plan.nworkers = 1;
        workers[0].end = SIZE_MAX;
        plan.loading = true;
        /* without a thread of its own it walks later, with the others */
        if (pthread_create(&early_thread, NULL, walk_first, &plan) != 0)
            plan.loading = early = false;
    }
    git_repository *walk_repo = NULL;
    if (!rc) rc = pl_store_reopen(repo, PL_LANE_HISTORY, &walk_repo, &odb, err);
    if (!rc && tip)
        rc = load_graph(walk_repo ? walk_repo : repo, odb, h, &g, tip, cache, &commits_cap, &plan,
                        err);
    /* the graph is loaded: its commits need not stay mapped */
    git_odb_free(odb);
    git_repository_free(walk_repo);
    gnode **order = NULL;
    bool *computed = NULL;
    if (!rc && g.len) {
        order = topo_order(&g);
        /* commits are reported newest first: renumber to that order */
        pl_history_commit *sorted = pl_malloc(g.len * sizeof(*sorted));
        for (size_t i = 0; i < g.len; i++) sorted[i] = h->commits[order[i]->index];
        computed = pl_calloc(g.len, sizeof(*computed));
        for (size_t i = 0; i < g.len; i++) {
            order[i]->index = (uint32_t)i;
            if (order[i]->boundary) h->truncated = true;
            computed[i] = !cached(order[i]);
        }
        free(h->commits);
        h->commits = sorted;
        h->n_commits = g.len;
        h->commits_computed = plan.n_todo;
    }
    /* Worker 0 has every commit to walk (and may be walking already); the
     * others start empty and take halves of what is left (steal). */
    loading_over(&plan, rc != 0);
    int want = rc || !g.len ? opened : workers_for(h->commits_computed);
    while (opened < want && !rc) {
        worker *w = &workers[opened];
        rc = worker_open(w, repo, pilots_dir, opened, err);
        if (opened++ == 0) w->end = plan.n_todo;
    }
    if (rc) loading_over(&plan, true);
    pthread_mutex_lock(&plan.lock);
    plan.nworkers = nworkers = opened;
    pthread_mutex_unlock(&plan.lock);
    plan.first = early ? 1 : 0;
    if (!rc && nworkers > plan.first)
        pl_parallel_for((size_t)(nworkers - plan.first), 1, nworkers - plan.first, walk_shares,
                        &plan);
    if (early) pthread_join(early_thread, NULL);
    for (int k = 0; k < nworkers; k++) worker_done(&workers[k]);
    for (int k = 0; k < nworkers && !rc; k++)
        if (workers[k].rc) {
            rc = workers[k].rc;
            if (err) *err = workers[k].err;
        }
    if (!rc && g.len) {
        assemble(h, order, g.nodes, workers, nworkers);
        size_t *first_event = number_events(h);
        if (cache) pl_hcache_save(cache, cache_path.ptr, h, computed, first_event);
        sum_commits(h, computed, first_event);
        free(first_event);
        resolve_renames(h);
    }
    /* the workers' strings (and the cache's) stay alive with the history */
    h->arenas = pl_calloc((size_t)nworkers + 1, sizeof(*h->arenas));
    for (int k = 0; k < nworkers; k++) {
        h->arenas[h->n_arenas++] = workers[k].arena;
        worker_free(&workers[k]);
    }
    h->cache = cache;
    pthread_cond_destroy(&plan.more);
    pthread_mutex_destroy(&plan.lock);
    free(plan.todo);
    free(order);
    free(computed);
    pl_buf_free(&cache_path);
    pl_strmap_free(&g.by_id);
    free(g.by_record);
    free(g.nodes);
    if (rc) {
        pl_history_free(h);
        return rc;
    }
    *out = h;
    return 0;
}

static const char *prefixed(pl_history *h, const char *ns, const char *id)
{
    if (!id) return NULL;
    pl_buf b = PL_BUF_INIT;
    pl_buf_printf(&b, "%s/%s", ns, id);
    const char *s = pl_arena_strndup(&h->arena, b.ptr, b.len);
    pl_buf_free(&b);
    return s;
}

static const char *copy(pl_history *h, const char *s)
{
    return keep_in(&h->arena, s);
}

typedef struct merge_ref {
    size_t part_index;
    const pl_event *e;
    int64_t time;
    size_t order; /* position in its part: keeps each part's own order */
} merge_ref;

static int cmp_merge(const void *a, const void *b)
{
    const merge_ref *x = a, *y = b;
    if (x->time != y->time) return x->time > y->time ? -1 : 1;
    if (x->part_index != y->part_index) return x->part_index < y->part_index ? -1 : 1;
    return x->order < y->order ? -1 : (x->order > y->order);
}

pl_history *pl_history_merge(pl_history *const *parts, const char *const *namespaces, size_t n)
{
    pl_history *h = pl_calloc(1, sizeof(*h));
    size_t total_commits = 0, total_events = 0;
    for (size_t i = 0; i < n; i++) {
        total_commits += parts[i]->n_commits;
        total_events += parts[i]->n_events;
        h->truncated = h->truncated || parts[i]->truncated;
    }
    h->commits = pl_calloc(total_commits ? total_commits : 1, sizeof(*h->commits));
    h->events = pl_calloc(total_events ? total_events : 1, sizeof(*h->events));
    merge_ref *refs = pl_calloc(total_events ? total_events : 1, sizeof(*refs));
    size_t *base = pl_calloc(n ? n : 1, sizeof(*base));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        base[i] = h->n_commits;
        for (size_t c = 0; c < parts[i]->n_commits; c++) {
            pl_history_commit x = parts[i]->commits[c];
            x.author = copy(h, x.author);
            x.email = copy(h, x.email);
            x.subject = copy(h, x.subject);
            h->commits[h->n_commits++] = x;
        }
        for (size_t e = 0; e < parts[i]->n_events; e++) {
            const pl_event *ev = &parts[i]->events[e];
            refs[k++] = (merge_ref){i, ev, parts[i]->commits[ev->commit].time, e};
        }
    }
    qsort(refs, k, sizeof(*refs), cmp_merge);
    for (size_t i = 0; i < k; i++) {
        const char *ns = namespaces[refs[i].part_index];
        pl_event x = *refs[i].e;
        x.commit = (uint32_t)(base[refs[i].part_index] + x.commit);
        x.pilot = prefixed(h, ns, x.pilot);
        x.id_then = prefixed(h, ns, x.id_then);
        x.field = copy(h, x.field);
        x.old_value = copy(h, x.old_value);
        x.new_value = copy(h, x.new_value);
        x.decision_date = copy(h, x.decision_date);
        x.decision_by = copy(h, x.decision_by);
        x.rationale = copy(h, x.rationale);
        h->events[h->n_events++] = x;
    }
    free(refs);
    free(base);
    return h;
}

void pl_history_free(pl_history *h)
{
    if (!h) return;
    free(h->commits);
    free(h->events);
    for (size_t i = 0; i < h->n_arenas; i++) pl_arena_free(&h->arenas[i]);
    free(h->arenas);
    pl_hcache_free(h->cache);
    pl_arena_free(&h->arena);
    free(h);
}

size_t pl_history_of(const pl_history *h, const char *id, const pl_event ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < h->n_events; i++) {
        if (strcmp(h->events[i].pilot, id) != 0) continue;
        pl_grow((void **)out, &cap, n + 1, sizeof(**out));
        (*out)[n++] = &h->events[i];
    }
    return n;
}

const char *pl_event_kind_name(pl_event_kind k)
{
    static const char *const names[] = {"created", "stage",   "decision", "field",   "body",
                                        "renamed", "deleted", "invalid",  "repaired"};
    return (unsigned)k < PL_ARRAY_SIZE(names) ? names[k] : "unknown";
}
