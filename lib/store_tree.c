/*
 * store_tree.c - reading pilots and rules from git trees and the index,
 * without a checkout (so hooks and bare repositories work).
 */
#include "store.h"

#include "buf.h"
#include "parallel.h"
#include "pilot_cache.h"

#include <stdlib.h>
#include <string.h>

int pl_odb_read_blob(git_odb *odb, const git_oid *id, size_t max_bytes, char **data, size_t *len,
                     pl_error *err)
{
    size_t size;
    git_object_t type;
    git_odb_object *blob;
    *data = NULL;
    *len = 0;
    /* the header first: a huge blob is refused before it is inflated */
    if (git_odb_read_header(&size, &type, odb, id) < 0) return pl_git_error(err, "reading a blob");
    if (type != GIT_OBJECT_BLOB)
        return pl_error_set(err, PL_EGIT, "reading a blob: the object is a %s",
                            git_object_type2string(type));
    if (size > max_bytes)
        return pl_error_set_at(err, PL_ELIMIT, 1, 1,
                               "file is %zu bytes, more than the limit of %zu", size, max_bytes);
    if (git_odb_read(&blob, odb, id) < 0) return pl_git_error(err, "reading a blob");
    *len = git_odb_object_size(blob);
    *data = pl_strndup(git_odb_object_data(blob), *len);
    git_odb_object_free(blob);
    return 0;
}

int pl_store_read_blob(git_repository *repo, const git_oid *id, size_t max_bytes, char **data,
                       size_t *len, pl_error *err)
{
    git_odb *odb;
    *data = NULL;
    *len = 0;
    if (git_repository_odb(&odb, repo) < 0) return pl_git_error(err, "opening the object database");
    int rc = pl_odb_read_blob(odb, id, max_bytes, data, len, err);
    git_odb_free(odb);
    return rc;
}

int pl_store_read_tree(void *source, const char *relpath, char **data, size_t *len, pl_error *err)
{
    pl_tree_source *src = source;
    git_tree_entry *entry;
    if (!src->tree) return PL_ENOTFOUND;
    int rc = git_tree_entry_bypath(&entry, src->tree, relpath);
    if (rc == GIT_ENOTFOUND) return PL_ENOTFOUND;
    if (rc < 0) return pl_git_error(err, relpath);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
        git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
        git_tree_entry_free(entry);
        return pl_error_set(err, PL_EIO, "%s: not a regular file", relpath);
    }
    rc = pl_store_read_blob(src->repo, git_tree_entry_id(entry), PL_LIMIT_FILE_BYTES, data, len,
                            err);
    git_tree_entry_free(entry);
    return rc;
}

int pl_store_resolve(pl_store *s, const char *rev, git_commit **out, pl_error *err)
{
    git_object *obj;
    *out = NULL;
    int rc = git_revparse_single(&obj, s->repo, rev);
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
        if (strcmp(rev, "HEAD") == 0 && git_repository_head_unborn(s->repo) == 1) return 0;
        return pl_error_set(err, PL_ENOTFOUND, "unknown revision '%s'", rev);
    }
    if (rc < 0) return pl_git_error(err, rev);
    git_object *peeled;
    rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
    git_object_free(obj);
    if (rc < 0) return pl_error_set(err, PL_ENOTFOUND, "'%s' does not name a commit", rev);
    *out = (git_commit *)peeled;
    return 0;
}

int pl_store_rules_from_tree(pl_store *s, git_tree *tree, const char *schema_file, pl_rules **out,
                             pl_error *err)
{
    pl_tree_source src = {s->repo, tree};
    return pl_rules_load(out, pl_store_read_tree, &src, schema_file, err);
}

static pl_pilot *pilot_from_blob(git_odb *odb, const char *path, const git_oid *id,
                                 git_filemode_t mode, const pl_rules *rules, int today)
{
    pl_error err;
    pl_error_clear(&err);
    if (mode == GIT_FILEMODE_LINK) return pl_pilot_symlink(path);
    char *text;
    size_t len;
    if (pl_odb_read_blob(odb, id, PL_LIMIT_FILE_BYTES, &text, &len, &err))
        return pl_pilot_unreadable(path, &err);
    pl_pilot *p = pl_pilot_parse(path, text, len, rules, today, false);
    free(text);
    return p;
}

pl_pilot *pl_store_pilot_from_blob(pl_store *s, const char *path, const git_oid *id,
                                   git_filemode_t mode, const pl_rules *rules, int today)
{
    git_odb *odb;
    if (git_repository_odb(&odb, s->repo) < 0) {
        pl_error err;
        pl_git_error(&err, "opening the object database");
        return pl_pilot_unreadable(path, &err);
    }
    pl_pilot *p = pilot_from_blob(odb, path, id, mode, rules, today);
    git_odb_free(odb);
    return p;
}

/* The pilot files of one tree, parsed and validated on every core. */
typedef struct tree_load {
    const char *dir;
    const pl_rules *rules;
    int today;
    const git_tree_entry **entries;
    pl_pilot **pilots; /* one slot per entry */
    pl_pcache *cache;
    pl_buf records[PL_PARALLEL_MAX]; /* per thread: cache records on their way out */
    git_odb *odbs[PL_PARALLEL_MAX];
} tree_load;

static int load_range(void *ctx, int worker, size_t from, size_t to)
{
    tree_load *t = ctx;
    pl_buf path = PL_BUF_INIT;
    for (size_t i = from; i < to; i++) {
        const git_tree_entry *e = t->entries[i];
        pl_buf_clear(&path);
        pl_buf_printf(&path, "%s/%s", t->dir, git_tree_entry_name(e));
        const git_oid *id = git_tree_entry_id(e);
        git_filemode_t mode = git_tree_entry_filemode(e);
        bool cacheable = t->cache && mode != GIT_FILEMODE_LINK;
        pl_pilot *p = cacheable ? pl_pcache_get(t->cache, id, path.ptr) : NULL;
        bool hit = p != NULL;
        if (!hit) p = pilot_from_blob(t->odbs[worker], path.ptr, id, mode, t->rules, t->today);
        if (cacheable) pl_pcache_note(t->cache, id, p, hit, &t->records[worker]);
        t->pilots[i] = p;
    }
    pl_buf_free(&path);
    return 0;
}

int pl_store_load_tree(pl_store *s, git_tree *tree, const pl_rules *rules, int today,
                       pl_pcache *cache, pl_pilots *out, pl_error *err)
{
    git_tree *dir;
    int rc = pl_store_pilots_tree(s, tree, rules->config.pilots_dir, &dir, err);
    if (rc || !dir) return rc;
    size_t count = git_tree_entrycount(dir), n = 0;
    tree_load t = {.dir = rules->config.pilots_dir, .rules = rules, .today = today, .cache = cache};
    t.entries = pl_malloc((count ? count : 1) * sizeof(*t.entries));
    for (size_t i = 0; i < count; i++) {
        const git_tree_entry *e = git_tree_entry_byindex(dir, i);
        const char *name = git_tree_entry_name(e);
        if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && pl_pilot_file_name(name, strlen(name)))
            t.entries[n++] = e;
    }
    t.pilots = pl_calloc(n ? n : 1, sizeof(*t.pilots));
    if (cache) pl_pcache_begin(cache, n);
    /* a thread is worth its own repository handle from a few hundred files */
    int workers = pl_parallel_workers(n, 256);
    if (s->threads > 0 && workers > s->threads) workers = s->threads;
    git_repository *own[PL_PARALLEL_MAX] = {NULL};
    if (git_repository_odb(&t.odbs[0], s->repo) < 0)
        rc = pl_git_error(err, "opening the object database");
    for (int k = 1; k < workers && !rc; k++)
        rc = pl_store_reopen(s->repo, PL_LANE_PILOTS + k, &own[k], &t.odbs[k], err);
    if (!rc) pl_parallel_for(n, 16, workers, load_range, &t);
    for (size_t i = 0; i < n; i++)
        if (t.pilots[i]) pl_pilots_add(out, t.pilots[i]);
    for (int k = 0; k < PL_PARALLEL_MAX; k++) {
        if (cache) pl_pcache_flush(cache, &t.records[k]);
        pl_buf_free(&t.records[k]);
        git_odb_free(t.odbs[k]);
        git_repository_free(own[k]);
    }
    if (cache) pl_pcache_end(cache, rc == 0);
    free(t.pilots);
    free(t.entries);
    git_tree_free(dir);
    pl_pilots_sort(out);
    return rc;
}

int pl_store_pilots_tree(pl_store *s, git_tree *root, const char *dir, git_tree **out,
                         pl_error *err)
{
    git_tree_entry *e;
    *out = NULL;
    if (!root) return 0;
    int rc = git_tree_entry_bypath(&e, root, dir);
    if (rc == GIT_ENOTFOUND) return 0;
    if (rc < 0) return pl_git_error(err, dir);
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
        git_tree_lookup(out, s->repo, git_tree_entry_id(e)) < 0)
        rc = pl_git_error(err, dir);
    git_tree_entry_free(e);
    return rc < 0 ? rc : 0;
}

static void add_change(pl_file_changes *c, const git_tree_entry *old_e, const git_tree_entry *new_e)
{
    pl_grow((void **)&c->items, &c->cap, c->len + 1, sizeof(*c->items));
    pl_file_change *x = &c->items[c->len++];
    memset(x, 0, sizeof(*x));
    x->name = pl_strdup(git_tree_entry_name(new_e ? new_e : old_e));
    if (old_e) git_oid_cpy(&x->old_id, git_tree_entry_id(old_e));
    if (new_e) {
        git_oid_cpy(&x->new_id, git_tree_entry_id(new_e));
        x->new_mode = git_tree_entry_filemode(new_e);
    }
}

static bool pilot_entry(const git_tree_entry *e)
{
    return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
           pl_pilot_file_name(git_tree_entry_name(e), strlen(git_tree_entry_name(e)));
}

void pl_store_diff_pilots(const git_tree *old_dir, const git_tree *new_dir, pl_file_changes *out)
{
    /* Both trees are sorted by name: one merge pass. */
    size_t i = 0, j = 0;
    size_t n = old_dir ? git_tree_entrycount(old_dir) : 0,
           m = new_dir ? git_tree_entrycount(new_dir) : 0;
    while (i < n || j < m) {
        const git_tree_entry *a = i < n ? git_tree_entry_byindex(old_dir, i) : NULL;
        const git_tree_entry *b = j < m ? git_tree_entry_byindex(new_dir, j) : NULL;
        int c = !a ? 1 : !b ? -1 : git_tree_entry_cmp(a, b);
        if (c < 0) {
            if (pilot_entry(a)) add_change(out, a, NULL);
            i++;
        } else if (c > 0) {
            if (pilot_entry(b)) add_change(out, NULL, b);
            j++;
        } else {
            if (!git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) ||
                git_tree_entry_filemode(a) != git_tree_entry_filemode(b)) {
                if (pilot_entry(b) || pilot_entry(a))
                    add_change(out, pilot_entry(a) ? a : NULL, pilot_entry(b) ? b : NULL);
            }
            i++, j++;
        }
    }
}

void pl_file_changes_free(pl_file_changes *c)
{
    for (size_t i = 0; i < c->len; i++) free(c->items[i].name);
    free(c->items);
    memset(c, 0, sizeof(*c));
}
