/*
 * store.c - opening the repository and reading pilots from the working
 * tree.
 */
#include "store.h"

#include "buf.h"
#include "parallel.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What libgit2 may keep mapped of all packs at once (see pl_store_open). */
#define WINDOW_BUDGET ((size_t)128 << 20)

int pl_git_error(pl_error *err, const char *doing)
{
    const git_error *e = git_error_last();
    return pl_error_set(err, PL_EGIT, "%s: %s", doing,
                        e && e->message ? e->message : "unknown libgit2 error");
}

int pl_store_open(pl_store **out, const char *path, pl_error *err)
{
    git_repository *repo = NULL;
    *out = NULL;
    git_libgit2_init();
    /* Objects are read by id from our own repository; re-hashing every
     * object read is what made a history walk 2x slower than git. */
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    /* Pack files are mapped in windows; by default libgit2 maps all of a
     * pack, which a full history walk then touches page by page. A bounded
     * total keeps the memory of a walk below git's own; small windows make
     * a miss cheap, since delta chains jump back and forth in the pack
     * (32 MiB windows under a 96 MiB limit spent 5 s of a 20 s walk of a
     * 200 MiB pack remapping; 8 MiB under 128 MiB spends 1.5 s). */
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)8 << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)WINDOW_BUDGET);
    /* Each commit is read once: caching parsed objects only costs memory. */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, (size_t)0);
    /* Without a path, open as git does: from the current directory and the
     * GIT_DIR, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES...
     * environment, which is how a pre-receive hook sees the pushed objects
     * still in quarantine. */
    int rc = path ? git_repository_open_ext(&repo, path, 0, NULL)
                  : git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
    if (rc < 0) {
        git_libgit2_shutdown();
        if (rc == GIT_ENOTFOUND)
            return pl_error_set(err, PL_ENOTFOUND,
                                "not a git repository (or any of the parent directories)");
        return pl_git_error(err, "opening the repository");
    }
    pl_store *s = pl_calloc(1, sizeof(*s));
    s->repo = repo;
    if (!git_repository_is_bare(repo) && git_repository_workdir(repo))
        s->workdir = pl_strdup(git_repository_workdir(repo));
    /* Finish a commit another pilotlog was killed in the middle of; if
     * that fails, the journal stays for the next writer to retry. */
    pl_store_recover(s, NULL);
    *out = s;
    return 0;
}

void pl_store_free(pl_store *s)
{
    if (!s) return;
    git_repository_free(s->repo);
    free(s->workdir);
    free(s);
    git_libgit2_shutdown();
}

/* Whether new objects are visible only through the environment, as in
 * git's quarantine during a push. */
static bool objects_from_env(void)
{
    return getenv("GIT_OBJECT_DIRECTORY") || getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
}

/* An object database for reading objects_dir whose packs are named by a
 * spelling of their path no other lane uses: libgit2 keeps one open pack
 * per path for the whole process. */
static int lane_odb(git_odb **out, const char *objects_dir, int lane)
{
    pl_buf path = PL_BUF_INIT;
    pl_buf_puts(&path, objects_dir);
    for (int i = 0; i < lane; i++) pl_buf_puts(&path, "/.");
    git_odb_backend *packed = NULL, *loose = NULL;
    int rc = git_odb_new(out);
    /* git's order: packs first, then loose objects */
    if (!rc && !(rc = git_odb_backend_pack(&packed, pl_buf_cstr(&path))) &&
        (rc = git_odb_add_backend(*out, packed, 2)) < 0)
        packed->free(packed);
    if (!rc && !(rc = git_odb_backend_loose(&loose, objects_dir, -1, 0, 0, 0)) &&
        (rc = git_odb_add_backend(*out, loose, 1)) < 0)
        loose->free(loose);
    pl_buf_free(&path);
    if (rc < 0) {
        git_odb_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The bytes of the packs in objects_dir. */
static size_t packs_size(const char *objects_dir)
{
    pl_buf path = PL_BUF_INIT;
    pl_buf_printf(&path, "%s/pack", objects_dir);
    DIR *d = opendir(pl_buf_cstr(&path));
    pl_buf_free(&path);
    size_t total = 0;
    struct dirent *e;
    struct stat st;
    while (d && (e = readdir(d)))
        if (pl_has_suffix(e->d_name, ".pack") && fstatat(dirfd(d), e->d_name, &st, 0) == 0)
            total += (size_t)st.st_size;
    if (d) closedir(d);
    return total;
}

/* Gives own a database of its own lane when that is worth it:
 * - nothing but its objects folder holds objects (alternates would need
 *   loading too);
 * - two lanes' windows of the packs fit in the window budget: each lane
 *   maps the packs anew, so larger packs would take twice the memory or
 *   be remapped over and over (on a 200 MiB pack, two lanes took a third
 *   more memory than one, or with half the budget, twice the time).
 * Otherwise own keeps the shared database. */
static int use_lane(git_repository *own, int lane)
{
    pl_buf dir = PL_BUF_INIT, alternates = PL_BUF_INIT;
    pl_buf_printf(&dir, "%sobjects", git_repository_commondir(own));
    pl_buf_printf(&alternates, "%s/info/alternates", pl_buf_cstr(&dir));
    struct stat st;
    int rc = 0;
    git_odb *odb = NULL;
    if (lane > 0 && stat(pl_buf_cstr(&alternates), &st) != 0 && errno == ENOENT &&
        packs_size(pl_buf_cstr(&dir)) <= WINDOW_BUDGET / 2 &&
        !(rc = lane_odb(&odb, pl_buf_cstr(&dir), lane)))
        git_repository_set_odb(own, odb);
    git_odb_free(odb);
    pl_buf_free(&dir);
    pl_buf_free(&alternates);
    return rc;
}

int pl_store_reopen(git_repository *repo, int lane, git_repository **own, git_odb **odb,
                    pl_error *err)
{
    *own = NULL;
    *odb = NULL;
    if (objects_from_env())
        return git_repository_odb(odb, repo) < 0 ? pl_git_error(err, "opening the object database")
                                                 : 0;
    if (git_repository_open(own, git_repository_path(repo)) < 0 || use_lane(*own, lane) < 0 ||
        git_repository_odb(odb, *own) < 0) {
        int rc = pl_git_error(err, "opening the repository again for another thread");
        git_repository_free(*own);
        *own = NULL;
        return rc;
    }
    return 0;
}

int pl_store_read_worktree(void *store, const char *relpath, char **data, size_t *len,
                           pl_error *err)
{
    pl_store *s = store;
    if (!s->workdir)
        return pl_error_set(err, PL_ENOTFOUND, "%s: a bare repository has no working tree",
                            relpath);
    pl_buf path = PL_BUF_INIT;
    pl_buf_printf(&path, "%s%s", s->workdir, relpath);
    int rc = pl_read_file(data, len, pl_buf_cstr(&path), PL_LIMIT_FILE_BYTES, err);
    pl_buf_free(&path);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int pl_walk_markdown(const char *dir, bool recursive, pl_walk_fn fn, void *ctx, pl_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return pl_error_set(err, errno == ENOENT ? PL_ENOTFOUND : PL_EIO, "%s: %s", dir,
                            strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        pl_grow((void **)&names, &cap, n + 1, sizeof(*names));
        names[n++] = pl_strdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof(*names), cmp_str);

    int rc = 0;
    size_t dlen = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        pl_buf path = PL_BUF_INIT;
        struct stat st;
        pl_buf_printf(&path, "%s%s%s", dir, dlen && dir[dlen - 1] == '/' ? "" : "/", names[i]);
        if (!rc && lstat(pl_buf_cstr(&path), &st) == 0) {
            if (S_ISDIR(st.st_mode) && recursive)
                rc = pl_walk_markdown(pl_buf_cstr(&path), true, fn, ctx, err);
            else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
                     pl_pilot_file_name(names[i], strlen(names[i])))
                rc = fn(ctx, pl_buf_cstr(&path), S_ISLNK(st.st_mode));
        }
        pl_buf_free(&path);
        free(names[i]);
    }
    free(names);
    return rc;
}

static pl_pilot *load_file(const char *path, const char *shown, bool is_link, const pl_rules *rules,
                           int today)
{
    pl_error err;
    char *text;
    size_t len;
    pl_error_clear(&err);
    if (is_link) return pl_pilot_symlink(shown);
    if (pl_read_file(&text, &len, path, PL_LIMIT_FILE_BYTES, &err))
        return pl_pilot_unreadable(shown, &err);
    pl_pilot *p = pl_pilot_parse(shown, text, len, rules, today, pl_path_is_yaml_doc(path));
    free(text);
    return p;
}

void pl_pilots_load_file(pl_pilots *out, const char *path, const char *shown, bool is_link,
                         const pl_rules *rules, int today)
{
    pl_pilots_add(out, load_file(path, shown, is_link, rules, today));
}

/* The files of the pilots folder, found first and then loaded on every
 * core, each into its own slot. */
typedef struct found_file {
    char *path;
    bool is_link;
    pl_pilot *pilot;
} found_file;

typedef struct load_ctx {
    const pl_rules *rules;
    int today;
    size_t prefix; /* bytes of the workdir prefix to strip for display */
    found_file *files;
    size_t len, cap;
} load_ctx;

static int add_found(void *vctx, const char *path, bool is_link)
{
    load_ctx *c = vctx;
    pl_grow((void **)&c->files, &c->cap, c->len + 1, sizeof(*c->files));
    c->files[c->len++] = (found_file){pl_strdup(path), is_link, NULL};
    return 0;
}

static int load_range(void *vctx, int worker, size_t from, size_t to)
{
    load_ctx *c = vctx;
    PL_UNUSED(worker);
    for (size_t i = from; i < to; i++) {
        found_file *f = &c->files[i];
        f->pilot = load_file(f->path, f->path + c->prefix, f->is_link, c->rules, c->today);
    }
    return 0;
}

int pl_store_load_worktree(pl_store *s, const pl_rules *rules, int today, pl_pilots *out,
                           pl_error *err)
{
    if (!s->workdir) return pl_error_set(err, PL_EUSAGE, "a bare repository has no working tree");
    pl_buf dir = PL_BUF_INIT;
    pl_buf_printf(&dir, "%s%s", s->workdir, rules->config.pilots_dir);
    load_ctx c = {.rules = rules, .today = today, .prefix = strlen(s->workdir)};
    int rc = pl_walk_markdown(pl_buf_cstr(&dir), false, add_found, &c, err);
    pl_buf_free(&dir);
    if (rc == PL_ENOTFOUND) rc = 0; /* no pilots folder yet: no pilots */
    if (!rc) pl_parallel_for(c.len, 16, pl_parallel_workers(c.len, 64), load_range, &c);
    for (size_t i = 0; i < c.len; i++) {
        if (c.files[i].pilot) pl_pilots_add(out, c.files[i].pilot);
        free(c.files[i].path);
    }
    free(c.files);
    pl_pilots_sort(out);
    return rc;
}

int pl_store_load_worktree_pilot(pl_store *s, const pl_rules *rules, const char *id, int today,
                                 pl_pilots *out, pl_error *err)
{
    if (!s->workdir) return pl_error_set(err, PL_EUSAGE, "a bare repository has no working tree");
    /* an id is its file's stem: only one file can hold it */
    pl_buf path = PL_BUF_INIT;
    pl_buf_printf(&path, "%s%s/%s.md", s->workdir, rules->config.pilots_dir, id);
    struct stat st;
    int rc = 0;
    if (lstat(path.ptr, &st) == 0) {
        if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
            pl_pilots_load_file(out, path.ptr, path.ptr + strlen(s->workdir), S_ISLNK(st.st_mode),
                                rules, today);
    } else if (errno != ENOENT && errno != ENOTDIR) {
        rc = pl_error_set(err, PL_EIO, "%s: %s", path.ptr, strerror(errno));
    }
    pl_buf_free(&path);
    return rc;
}
