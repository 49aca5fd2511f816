/*
 * sources.c - where site, list and log read pilots from: the repository
 * around the current directory, or a portfolio of several repositories
 * given as PATH[@REF] (working trees or bare clones, read at a ref without
 * a checkout). In a portfolio every pilot id is namespaced by its
 * repository ("sales/crm-pilot") and remembers where it comes from.
 */
#include "commands.h"

#include "history_cache.h"
#include "parallel.h"
#include "pilot_cache.h"
#include "strmap.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/stat.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "../sales.git@origin/main" -> path "../sales.git", ref "origin/main". */
static void split_spec(const char *spec, const char *default_ref, char **path, char **ref)
{
    const char *at = strrchr(spec, '@');
    if (at && at != spec && at[1]) {
        char *p = pl_strndup(spec, (size_t)(at - spec));
        if (is_dir(p) || !is_dir(spec)) {
            *path = p;
            *ref = pl_strdup(at + 1);
            return;
        }
        free(p);
    }
    *path = pl_strdup(spec);
    *ref = pl_strdup(default_ref);
}

/* A namespace from the folder name: "Sales-EMEA.git" -> "sales-emea". */
static char *namespace_of(const char *path, const source *done, size_t ndone)
{
    char real[PATH_MAX];
    const char *full = realpath(path, real) ? real : path;
    size_t n = strlen(full);
    while (n > 1 && full[n - 1] == '/') n--;
    const char *base = full + n;
    while (base > full && base[-1] != '/') base--;
    size_t len = (size_t)(full + n - base);
    if (len > 4 && strncmp(full + n - 4, ".git", 4) == 0) len -= 4;
    if (len == 0) base = "repo", len = 4;
    pl_buf stem = PL_BUF_INIT, ns = PL_BUF_INIT;
    for (size_t i = 0; i < len && stem.len < PL_ID_MAX - 4; i++) {
        unsigned char c = (unsigned char)base[i];
        pl_buf_putc(&stem, isalnum(c) && c < 0x80 ? (char)tolower(c) : '-');
    }
    pl_buf_puts(&ns, stem.ptr);
    for (int k = 2;; k++) { /* two repositories with the same folder name */
        bool taken = false;
        for (size_t i = 0; i < ndone; i++) taken = taken || strcmp(done[i].ns, ns.ptr) == 0;
        if (!taken) break;
        pl_buf_clear(&ns);
        pl_buf_printf(&ns, "%s-%d", stem.ptr, k);
    }
    pl_buf_free(&stem);
    return pl_buf_detach(&ns);
}

/* The repository's remote URL if it has one, else its absolute path. Read
 * from the configuration directly: git_remote_lookup in libgit2 1.5 leaks
 * a regex match block on every call (fixed upstream after 1.5), and only
 * the URL is needed. */
static char *origin_of(pl_store *s, const char *path)
{
    git_config *cfg;
    char real[PATH_MAX];
    char *url = NULL;
    if (git_repository_config_snapshot(&cfg, s->repo) == 0) {
        const char *v;
        if (git_config_get_string(&v, cfg, "remote.origin.url") == 0 && *v) url = pl_strdup(v);
        git_config_free(cfg);
    }
    if (!url) git_error_clear();
    return url ? url : pl_strdup(realpath(path, real) ? real : path);
}

/* The caches in the git directory are on unless asked off (--no-cache,
 * or PILOTLOG_NO_CACHE=1 for benchmarks of cold runs). */
static bool caches_on(unsigned what)
{
    const char *env = getenv("PILOTLOG_NO_CACHE");
    return !(what & SOURCE_NO_CACHE) && !(env && *env && strcmp(env, "0") != 0);
}

/* The pilots of tree, through the cache of judged pilots unless asked
 * off: what besides a file decides its problems (the rules, the day, this
 * program) is the cache's context. */
static int load_pilots(source *src, pl_store *store, git_tree *tree, int today, unsigned what,
                       pl_pilots *pilots, pl_error *err)
{
    if (!caches_on(what))
        return pl_store_load_tree(store, tree, src->rules, today, NULL, pilots, err);
    uint64_t ctx[3] = {src->rules->fingerprint, (uint64_t)today, program_id()};
    pl_buf path = PL_BUF_INIT;
    pl_pcache_path(&path, store->repo, src->rules->config.pilots_dir);
    pl_pcache *cache = pl_pcache_load(path.ptr, pl_hash_bytes(ctx, sizeof(ctx)));
    int rc = pl_store_load_tree(store, tree, src->rules, today, cache, pilots, err);
    pl_pcache_free(cache);
    pl_buf_free(&path);
    return rc;
}

static int walk_history(source *src, const git_oid *tip, unsigned what, pl_error *err)
{
    return pl_history_walk(&src->history, src->store->repo, tip, src->rules->config.pilots_dir,
                           caches_on(what) ? PL_HISTORY_CACHE : 0, err);
}

/* Whether the walk will mostly read its cache: then it needs little
 * memory or time, and the pilots can load beside it. */
static bool history_warm(const source *src, unsigned what)
{
    if (!caches_on(what)) return false;
    pl_buf path = PL_BUF_INIT;
    pl_hcache_path(&path, src->store->repo, src->rules->config.pilots_dir);
    struct stat st;
    bool warm = stat(path.ptr, &st) == 0 && st.st_size > 0;
    pl_buf_free(&path);
    return warm;
}

/* Up to this many files, the pilots of a revision take a few MiB: they
 * load beside even a cold walk, on the core that is idle while the walk
 * reads the commit graph. Above it a cold walk goes first, so that the
 * peak memory is the larger of the two rather than their sum. */
#define SMALL_TREE_FILES 2000

static bool small_tree(const source *src, git_tree *tree)
{
    git_tree *dir = NULL;
    pl_error err;
    if (pl_store_pilots_tree(src->store, tree, src->rules->config.pilots_dir, &dir, &err))
        return false; /* the load reports it */
    bool small = !dir || git_tree_entrycount(dir) <= SMALL_TREE_FILES;
    git_tree_free(dir);
    return small;
}

/* The walk and the loading of the pilots on two threads; the loader has
 * a repository handle of its own, libgit2's are not shared between
 * threads. */
typedef struct both_job {
    source *src;
    git_tree *tree;
    const git_oid *tip;
    int today;
    unsigned what;
    pl_pilots *pilots;
    bool cold; /* the walk reads git, not its cache */
    int rc[2];
    pl_error err[2];
} both_job;

static int load_beside(both_job *j)
{
    git_repository *own = NULL;
    git_odb *odb = NULL;
    git_tree *tree = NULL;
    int rc = pl_store_reopen(j->src->store->repo, PL_LANE_PILOTS, &own, &odb, &j->err[1]);
    git_odb_free(odb);
    if (!rc && own && git_tree_lookup(&tree, own, git_tree_id(j->tree)) < 0)
        rc = pl_git_error(&j->err[1], "reading the tree");
    if (!rc) {
        /* Beside a cold walk, whose commit graph loads on one core, the
         * pilots take the other one only: two loader threads would slow
         * the graph load, which everything after it waits for. */
        pl_store store = {own ? own : j->src->store->repo, j->src->store->workdir, j->cold ? 1 : 0};
        rc = load_pilots(j->src, &store, own ? tree : j->tree, j->today, j->what, j->pilots,
                         &j->err[1]);
    }
    git_tree_free(tree);
    git_repository_free(own);
    return rc;
}

static int one_of_both(void *ctx, int worker, size_t from, size_t to)
{
    both_job *j = ctx;
    PL_UNUSED(worker);
    for (size_t k = from; k < to; k++)
        j->rc[k] = k == 0 ? walk_history(j->src, j->tip, j->what, &j->err[0]) : load_beside(j);
    return 0;
}

/* Opens one repository at its ref and loads its pilots and history. */
static int open_one(source *src, int today, unsigned what, pl_pilots *pilots, pl_error *err)
{
    git_commit *tip = NULL;
    git_tree *tree = NULL;
    int rc = pl_store_open(&src->store, src->path, err);
    if (!rc) rc = pl_store_resolve(src->store, src->ref, &tip, err);
    if (!rc && tip && git_commit_tree(&tree, tip) < 0) rc = pl_git_error(err, "reading the tree");
    if (!rc) rc = pl_store_rules_from_tree(src->store, tree, NULL, &src->rules, err);
    const git_oid *tip_id = tip ? git_commit_id(tip) : NULL;
    bool history = what & SOURCE_HISTORY, load = what & SOURCE_PILOTS;
    bool both = !rc && history && load && tree;
    bool warm = both && history_warm(src, what);
    if (both && (warm || small_tree(src, tree))) {
        both_job j = {src, tree, tip_id, today, what, pilots, !warm, {0, 0}, {{0}, {0}}};
        pl_parallel_for(2, 1, pl_parallel_workers(2, 1), one_of_both, &j);
        rc = j.rc[0] ? j.rc[0] : j.rc[1];
        if (rc) *err = j.err[j.rc[0] ? 0 : 1];
        load = false;
    } else if (!rc && history) {
        /* a cold walk of a large tree first: what it needs for a while
         * is freed before the pilots are loaded */
        rc = walk_history(src, tip_id, what, err);
    }
#ifdef __GLIBC__
    /* the walk freed much more than it keeps; without this glibc holds on
     * to it, and the pilots would be loaded on top (trimming costs a few
     * milliseconds, so only then) */
    if (history && load && !rc) malloc_trim(0);
#endif
    if (!rc && load) rc = load_pilots(src, src->store, tree, today, what, pilots, err);
    if (tip) git_oid_tostr(src->tip, sizeof(src->tip), git_commit_id(tip));
    git_tree_free(tree);
    git_commit_free(tip);
    if (rc && src->path) pl_error_prefix(err, "%s", src->spec);
    return rc;
}

int sources_open(sources *out, char **specs, int n, const char *default_ref, unsigned what,
                 int today)
{
    pl_error err;
    pl_error_clear(&err);
    memset(out, 0, sizeof(*out));
    out->len = n ? (size_t)n : 1;
    out->items = pl_calloc(out->len, sizeof(*out->items));
    int rc = 0;
    if (n == 0) { /* the repository around the current directory */
        source *src = &out->items[0];
        src->spec = pl_strdup(default_ref);
        src->ref = pl_strdup(default_ref);
        rc = open_one(src, today, what, &out->pilots, &err);
        out->history = src->history;
        snprintf(out->label, sizeof(out->label), "%s @ %s", default_ref,
                 src->tip[0] ? src->tip : "(no commits)");
    } else {
        pl_history **parts = pl_calloc((size_t)n, sizeof(*parts));
        const char **names = pl_calloc((size_t)n, sizeof(*names));
        for (int i = 0; i < n && !rc; i++) {
            source *src = &out->items[i];
            src->spec = pl_strdup(specs[i]);
            split_spec(specs[i], default_ref, &src->path, &src->ref);
            src->ns = namespace_of(src->path, out->items, (size_t)i);
            pl_pilots mine = PL_PILOTS_INIT;
            rc = open_one(src, today, what, &mine, &err);
            if (!rc) src->origin = origin_of(src->store, src->path);
            for (size_t k = 0; k < mine.len; k++) {
                if (!rc) pl_pilot_namespace(mine.items[k], src->ns, src->origin);
                pl_pilots_add(&out->pilots, mine.items[k]);
            }
            free(mine.items);
            parts[i] = src->history;
            names[i] = src->ns;
        }
        if (!rc && (what & SOURCE_HISTORY))
            out->history = out->merged = pl_history_merge(parts, names, (size_t)n);
        snprintf(out->label, sizeof(out->label), "%d repositories", n);
        free(parts);
        free(names);
    }
    if (rc) {
        sources_close(out);
        return cli_fail(&err);
    }
    pl_pilots_sort(&out->pilots);
    out->rules = out->items[0].rules;
    return 0;
}

void sources_close(sources *s)
{
    for (size_t i = 0; i < s->len; i++) {
        source *src = &s->items[i];
        pl_history_free(src->history);
        pl_rules_free(src->rules);
        pl_store_free(src->store);
        free(src->spec);
        free(src->path);
        free(src->ref);
        free(src->ns);
        free(src->origin);
    }
    pl_history_free(s->merged);
    pl_pilots_free(&s->pilots);
    free(s->items);
    memset(s, 0, sizeof(*s));
}
