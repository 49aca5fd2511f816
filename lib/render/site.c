/*
 * site.c - building the site: index the history per pilot, render every
 * page into a fresh temporary folder next to the output folder, then swap
 * the two folders in one rename so readers (and an interrupted build)
 * only ever see the old site or the new one.
 *
 * Files are created with openat() under the temporary folder only, with
 * names pilotlog makes itself (pilot ids are validated), and O_NOFOLLOW:
 * nothing is written outside the output folder.
 */
#define _GNU_SOURCE /* renameat2 */
#include "render/site_int.h"

#include "date.h"
#include "doc.h"
#include "embedded.h"
#include "parallel.h"
#include "render/markdown.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const event_list empty_list = {NULL, 0, 0};

const event_list *site_events(const site_ctx *c, const char *id)
{
    const event_list *l = id ? pl_strmap_get(&c->by_pilot, id, strlen(id)) : NULL;
    return l ? l : &empty_list;
}

static void list_push(event_list *l, const pl_event *e)
{
    pl_grow((void **)&l->items, &l->cap, l->len + 1, sizeof(*l->items));
    l->items[l->len++] = e;
}

/* One pass over the events: per pilot, decisions, and feed entries. */
static void index_events(site_ctx *c)
{
    if (!c->history) return;
    for (size_t i = 0; i < c->history->n_events; i++) {
        const pl_event *e = &c->history->events[i];
        event_list *l = pl_strmap_get(&c->by_pilot, e->pilot, strlen(e->pilot));
        if (!l) {
            l = pl_calloc(1, sizeof(*l));
            pl_strmap_put(&c->by_pilot, e->pilot, strlen(e->pilot), l);
        }
        list_push(l, e);
        if (e->kind == PL_EV_DECISION) list_push(&c->decisions, e);
        if (e->kind == PL_EV_DECISION || e->kind == PL_EV_STAGE) list_push(&c->changes, e);
    }
}

static void ctx_free(site_ctx *c)
{
    for (size_t i = 0; i < c->by_pilot.cap; i++) {
        event_list *l = c->by_pilot.slots[i].key ? c->by_pilot.slots[i].value : NULL;
        if (l) {
            free(l->items);
            free(l);
        }
    }
    pl_strmap_free(&c->by_pilot);
    free(c->decisions.items);
    free(c->changes.items);
    pl_portfolio_free(&c->pf);
}

/* ---- files ------------------------------------------------------------------ */

/* Where streamed output goes: a file, and the first error writing it. */
typedef struct file_sink {
    int fd;
    int error; /* errno */
} file_sink;

static void sink_write(void *ctx, const char *data, size_t len)
{
    file_sink *s = ctx;
    if (!s->error) s->error = pl_write_all(s->fd, data, len);
}

/* Copies a run of the previous pilots.json: in the kernel when it can,
 * else through a buffer. A short copy (the old file shrank meanwhile)
 * fails the build: the offsets after it are already promised. */
static void sink_copy(void *ctx, int fd, uint64_t off, uint64_t len)
{
    file_sink *s = ctx;
    loff_t at = (loff_t)off;
    bool kernel = true;
    char chunk[65536];
    while (!s->error && len) {
        size_t want = len < sizeof(chunk) ? (size_t)len : sizeof(chunk);
        ssize_t n = kernel ? copy_file_range(fd, &at, s->fd, NULL, (size_t)len, 0)
                           : pread(fd, chunk, want, (off_t)at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && kernel) {
            kernel = false; /* e.g. EXDEV before Linux 5.3, or no such call */
            continue;
        }
        if (n <= 0) {
            s->error = n < 0 ? errno : EIO;
            break;
        }
        if (!kernel) {
            s->error = pl_write_all(s->fd, chunk, (size_t)n);
            at += n;
        }
        len -= (uint64_t)n;
    }
}

static int create_file(int dirfd, const char *name, file_sink *s, pl_error *err)
{
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    s->error = 0;
    s->fd = openat(dirfd, name, flags, 0644);
    /* a claimed previous site may have anything under that name */
    if (s->fd < 0 && errno == EEXIST && site_remove_tree(dirfd, name) == 0)
        s->fd = openat(dirfd, name, flags, 0644);
    if (s->fd < 0) return pl_error_set(err, PL_EIO, "cannot create %s: %s", name, strerror(errno));
    return 0;
}

static int close_file(file_sink *s, const char *name, pl_error *err)
{
    if (close(s->fd) != 0 && !s->error) s->error = errno;
    if (s->error) return pl_error_set(err, PL_EIO, "cannot write %s: %s", name, strerror(s->error));
    return 0;
}

/* Writes a file; stamp, when not NULL, is the hash of data to stamp it
 * with (site_manifest.c). */
static int write_file(int dirfd, const char *name, const pl_buf *data, const uint64_t *stamp,
                      pl_error *err)
{
    file_sink s;
    int rc = create_file(dirfd, name, &s, err);
    if (rc) return rc;
    sink_write(&s, data->ptr, data->len);
    if (stamp && !s.error) site_stamp(s.fd, *stamp);
    return close_file(&s, name, err);
}

/* Opens dir/name/ (one level of "ns/" allowed) without following links;
 * -1 when there is no such folder. */
static int open_subdir(int dir, const char *name)
{
    return dir < 0 ? -1 : openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Whether old_dir/name is a regular file holding exactly data. */
static bool same_file(int old_dir, const char *name, const pl_buf *data)
{
    int fd = openat(old_dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == data->len;
    char chunk[16384];
    for (size_t off = 0; same && off < data->len;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n <= 0 || off + (size_t)n > data->len || memcmp(chunk, data->ptr + off, (size_t)n) != 0)
            same = false;
        else
            off += (size_t)n;
    }
    close(fd);
    return same;
}

/*
 * Puts a file into the new site. When the previous site has the same
 * bytes under the same name, that file is hard-linked instead of written:
 * a rebuild then creates no new inodes for what did not change, which is
 * most of the cost of writing thousands of small files. old_dir is the
 * matching folder of the previous site, or -1.
 */
static int put_file(int dir, int old_dir, const char *name, const pl_buf *data,
                    const uint64_t *stamp, pl_error *err)
{
    if (old_dir >= 0 && same_file(old_dir, name, data) && site_link(old_dir, dir, name) == 0)
        return 0;
    return write_file(dir, name, data, stamp, err);
}

/* The output folder may be missing, empty, or a site pilotlog made. */
static int check_out_dir(const char *dir, bool *exists, pl_error *err)
{
    struct stat st;
    *exists = false;
    if (lstat(dir, &st) != 0) {
        if (errno == ENOENT) return 0;
        return pl_error_set(err, PL_EIO, "%s: %s", dir, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return pl_error_set(err, PL_EUSAGE, "%s exists and is not a folder", dir);
    *exists = true;
    pl_buf marker = PL_BUF_INIT;
    pl_buf_printf(&marker, "%s/" SITE_MARKER, dir);
    bool ours = lstat(marker.ptr, &st) == 0 && S_ISREG(st.st_mode);
    pl_buf_free(&marker);
    if (ours) return 0;
    DIR *d = opendir(dir);
    if (!d) return pl_error_set(err, PL_EIO, "%s: %s", dir, strerror(errno));
    struct dirent *e;
    bool empty = true;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) empty = false;
    closedir(d);
    if (!empty)
        return pl_error_set(err, PL_EUSAGE,
                            "%s is not empty and was not made by pilotlog; refusing to replace it",
                            dir);
    return 0;
}

/* Splits "a/b/site" into the parent folder and "site". */
static void split_dir(const char *dir, pl_buf *parent, pl_buf *base)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    const char *slash = NULL;
    for (size_t i = 0; i < n; i++)
        if (dir[i] == '/') slash = dir + i;
    if (!slash) {
        pl_buf_puts(parent, ".");
        pl_buf_put(base, dir, n);
    } else {
        pl_buf_put(parent, dir, slash == dir ? 1 : (size_t)(slash - dir));
        pl_buf_put(base, slash + 1, n - (size_t)(slash + 1 - dir));
    }
}

/* ---- the build ------------------------------------------------------------------ */

static void progress(const pl_site_opts *o, const char *phase, size_t done, size_t total)
{
    if (o->progress) o->progress(o->progress_ctx, phase, done, total);
}

/* The folders pilot pages go into: pilots/, and in a portfolio of
 * repositories one folder below it per repository. */
typedef struct page_dirs {
    int *fds; /* new and old folder, in pairs; -1 when missing */
    size_t nfds, cap;
    int *of_pilot; /* index into fds of the pilot's new folder; -1: no page */
    /* in a claimed previous site, what each new folder is to keep (by
     * fds index / 2): its pages, and in pilots/ the repositories' folders */
    pl_strmap *keep;
    pl_arena names;
} page_dirs;

/* A pilot's page: its id without the repository, and ".html". */
static void page_name(const pl_pilot *p, char *name, size_t cap)
{
    const char *slash = strchr(p->id, '/');
    snprintf(name, cap, "%s.html", slash ? slash + 1 : p->id);
}

static void keep_name(page_dirs *d, size_t at, const char *name)
{
    size_t len = strlen(name);
    pl_strmap_put(&d->keep[at / 2], pl_arena_strndup(&d->names, name, len), len, (void *)1);
}

static int open_page_dirs(page_dirs *d, int dirfd, int old_root, const pl_pilots *pilots,
                          bool claimed, pl_error *err)
{
    memset(d, 0, sizeof(*d));
    d->of_pilot = pl_malloc((pilots->len ? pilots->len : 1) * sizeof(*d->of_pilot));
    pl_grow((void **)&d->fds, &d->cap, 2, sizeof(*d->fds));
    d->fds[0] = site_make_dir(dirfd, "pilots");
    d->fds[1] = open_subdir(old_root, "pilots");
    d->nfds = 2;
    if (d->fds[0] < 0)
        return pl_error_set(err, PL_EIO, "cannot create pilots/: %s", strerror(errno));
    if (claimed) d->keep = pl_calloc(pilots->len + 1, sizeof(*d->keep));
    char ns_name[PL_ID_MAX + 1] = "";
    for (size_t i = 0; i < pilots->len; i++) {
        const pl_pilot *p = pilots->items[i];
        d->of_pilot[i] = -1;
        if (!p->id || !pl_id_valid_namespaced(p->id))
            continue; /* listed on the index with its problem */
        const char *slash = strchr(p->id, '/');
        if (!slash) {
            d->of_pilot[i] = 0;
        } else {
            /* pilots are sorted by id: one namespace's pilots come together */
            size_t len = (size_t)(slash - p->id);
            if (strlen(ns_name) != len || strncmp(ns_name, p->id, len) != 0) {
                pl_grow((void **)&d->fds, &d->cap, d->nfds + 2, sizeof(*d->fds));
                memcpy(ns_name, p->id, len);
                ns_name[len] = '\0';
                d->fds[d->nfds] = site_make_dir(d->fds[0], ns_name);
                d->fds[d->nfds + 1] = open_subdir(d->fds[1], ns_name);
                d->nfds += 2; /* closed by close_page_dirs, opened or not */
                if (d->fds[d->nfds - 2] < 0)
                    return pl_error_set(err, PL_EIO, "cannot create pilots/%s: %s", ns_name,
                                        strerror(errno));
                if (claimed) keep_name(d, 0, ns_name);
            }
            d->of_pilot[i] = (int)d->nfds - 2;
        }
        if (claimed) {
            char name[PL_ID_MAX + 8];
            page_name(p, name, sizeof(name));
            keep_name(d, (size_t)d->of_pilot[i], name);
        }
    }
    return 0;
}

/* Removes from a claimed previous site's page folders what the new site
 * does not have. */
static void sweep_page_dirs(page_dirs *d)
{
    for (size_t k = 0; d->keep && k < d->nfds; k += 2) site_sweep(d->fds[k], &d->keep[k / 2]);
}

static void close_page_dirs(page_dirs *d)
{
    for (size_t k = 0; k < d->nfds; k++)
        if (d->fds[k] >= 0) close(d->fds[k]);
    for (size_t k = 0; d->keep && k < d->nfds; k += 2) pl_strmap_free(&d->keep[k / 2]);
    free(d->keep);
    pl_arena_free(&d->names);
    free(d->fds);
    free(d->of_pilot);
}

/* The portfolio's own files, rendered beside the pilot pages. */
typedef struct portfolio_page {
    const char *name;
    void (*write)(pl_buf *, const site_ctx *);
} portfolio_page;

static const portfolio_page portfolio_pages[] = {
    {"pilots.json", NULL}, /* streamed: see render_json */
    {"index.html", site_index},
    {"decisions.html", site_decisions},
    {"feed.xml", site_feed},
};

/* What the threads rendering pages share. */
typedef struct render_job {
    site_ctx *c;
    int dirfd, old_root;
    bool claimed; /* dirfd is the previous site kept beside, being updated */
    page_dirs dirs;
    size_t total;       /* portfolio files first, then one page per pilot */
    atomic_size_t done; /* for the progress line */
    pl_buf page[PL_PARALLEL_MAX];
    pl_error err[PL_PARALLEL_MAX];
} render_job;

/* pilots.json names the revision, so it changes with every commit: no
 * point comparing it with the previous site's. */
static int render_json(render_job *j, pl_buf *page, pl_error *err)
{
    file_sink sink;
    int rc = create_file(j->dirfd, "pilots.json", &sink, err);
    if (rc) return rc;
    site_stream stream = {sink_write, sink_copy, &sink};
    site_json(page, j->c, &stream);
    return close_file(&sink, "pilots.json", err);
}

static int render_pilot(render_job *j, size_t i, pl_buf *page, pl_error *err)
{
    const pl_pilot *p = j->c->pilots->items[i];
    const site_manifest *m = j->c->manifest;
    int at = j->dirs.of_pilot[i];
    if (at < 0) return 0;
    int dir = j->dirs.fds[at], old_dir = j->dirs.fds[at + 1];
    char name[PL_ID_MAX + 8];
    page_name(p, name, sizeof(name));
    site_reuse *next = &j->c->manifest->next[i];
    const site_reuse *old = site_manifest_old(m, p->id, next->inputs);
    /* a claimed previous site may hold the page already */
    if (old && ((j->claimed && site_keep_page(m, dir, name, old->page_hash)) ||
                site_reuse_page(m, old, old_dir, dir, name, page))) {
        next->page_hash = old->page_hash;
        return 0;
    }
    pl_buf_clear(page);
    site_pilot(page, j->c, i);
    next->page_hash = pl_hash_bytes(page->ptr, page->len);
    if (j->claimed && site_keep_page(m, dir, name, next->page_hash)) return 0;
    return put_file(dir, old_dir, name, page, &next->page_hash, err);
}

static int render_range(void *ctx, int worker, size_t from, size_t to)
{
    render_job *j = ctx;
    pl_buf *page = &j->page[worker];
    pl_error *err = &j->err[worker];
    for (size_t k = from; k < to; k++) {
        int rc;
        pl_buf_clear(page);
        if (k >= PL_ARRAY_SIZE(portfolio_pages)) {
            rc = render_pilot(j, k - PL_ARRAY_SIZE(portfolio_pages), page, err);
        } else if (!portfolio_pages[k].write) {
            rc = render_json(j, page, err);
        } else {
            portfolio_pages[k].write(page, j->c);
            rc = put_file(j->dirfd, j->old_root, portfolio_pages[k].name, page, NULL, err);
        }
        if (rc) return rc;
    }
    size_t done = atomic_fetch_add(&j->done, to - from) + (to - from);
    /* the progress line belongs to the calling thread */
    if (worker == 0) progress(j->c->opts, "pages", done, j->total);
    return 0;
}

/* pilots.json is stamped with the hash of the manifest that says where
 * its entries are, once that is written. */
static void stamp_json(int dirfd, uint64_t manifest_hash)
{
    int fd = openat(dirfd, "pilots.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    site_stamp(fd, manifest_hash);
    close(fd);
}

/* Removes from a claimed previous site's top folder what the new site
 * does not have. */
static void sweep_root(int dirfd)
{
    static const char *const names[] = {SITE_MARKER, SITE_MANIFEST, "style.css", "pilots"};
    pl_strmap keep = PL_STRMAP_INIT;
    for (size_t i = 0; i < PL_ARRAY_SIZE(names); i++)
        pl_strmap_put(&keep, names[i], strlen(names[i]), (void *)1);
    for (size_t i = 0; i < PL_ARRAY_SIZE(portfolio_pages); i++)
        pl_strmap_put(&keep, portfolio_pages[i].name, strlen(portfolio_pages[i].name), (void *)1);
    site_sweep(dirfd, &keep);
    pl_strmap_free(&keep);
}

static int render_all(int dirfd, int old_root, bool claimed, site_ctx *c, pl_error *err)
{
    pl_buf page = PL_BUF_INIT;
    const pl_embedded *css = pl_embedded_find("lib/render/style.css");
    pl_buf_puts(&page, "generated by pilotlog; this folder is replaced on every build\n");
    int rc = put_file(dirfd, old_root, SITE_MARKER, &page, NULL, err);
    pl_buf_clear(&page);
    if (!rc) {
        pl_buf_put(&page, css->data, css->len);
        rc = put_file(dirfd, old_root, "style.css", &page, NULL, err);
    }
    render_job *j = pl_calloc(1, sizeof(*j));
    j->c = c;
    j->dirfd = dirfd;
    j->old_root = old_root;
    j->claimed = claimed;
    j->total = PL_ARRAY_SIZE(portfolio_pages) + c->pilots->len;
    atomic_init(&j->done, 0);
    if (!rc) rc = open_page_dirs(&j->dirs, dirfd, old_root, c->pilots, claimed, err);
    /* Pages take one or two milliseconds each: chunks of 8 keep both
     * cores busy to the end without contending on the counter. */
    if (!rc && pl_parallel_for(j->total, 8, pl_parallel_workers(j->total, 64), render_range, j)) {
        for (size_t k = 0; k < PL_PARALLEL_MAX; k++)
            if (j->err[k].code) {
                *err = j->err[k];
                rc = j->err[k].code;
                break;
            }
    }
    if (!rc && claimed) {
        sweep_root(dirfd);
        sweep_page_dirs(&j->dirs);
    }
    if (!rc) {
        progress(c->opts, "pages", j->total, j->total);
        pl_buf_clear(&page);
        site_manifest_text(c->manifest, c, &page);
        rc = write_file(dirfd, SITE_MANIFEST, &page, NULL, err);
        if (!rc) stamp_json(dirfd, pl_hash_bytes(page.ptr, page.len));
    }
    close_page_dirs(&j->dirs);
    for (size_t k = 0; k < PL_PARALLEL_MAX; k++) pl_buf_free(&j->page[k]);
    free(j);
    pl_buf_free(&page);
    return rc;
}

/* Every pilot's inputs into the manifest, on every core. */
typedef struct inputs_job {
    site_ctx *c;
    pl_buf scratch[PL_PARALLEL_MAX];
} inputs_job;

static int inputs_range(void *ctx, int worker, size_t from, size_t to)
{
    inputs_job *j = ctx;
    for (size_t i = from; i < to; i++)
        j->c->manifest->next[i].inputs = site_pilot_inputs(j->c, i, &j->scratch[worker]);
    return 0;
}

static void hash_inputs(site_ctx *c)
{
    inputs_job j = {.c = c};
    size_t n = c->pilots->len;
    pl_parallel_for(n, 16, pl_parallel_workers(n, 128), inputs_range, &j);
    for (size_t k = 0; k < PL_PARALLEL_MAX; k++) pl_buf_free(&j.scratch[k]);
}

int pl_site_write(const pl_site_input *in, const pl_site_opts *opts, pl_error *err)
{
    site_ctx c;
    memset(&c, 0, sizeof(c));
    c.pilots = in->pilots;
    c.rules = in->rules;
    c.history = in->history;
    c.opts = opts;
    c.title = opts->title ? opts->title : in->rules->config.site_title;
    pl_date_format(opts->today, c.today_s);
    snprintf(c.pilot_note, sizeof(c.pilot_note), "Generated by pilotlog, as of %s", c.today_s);
    snprintf(c.note, sizeof(c.note), "Generated by pilotlog from %s, as of %s",
             opts->revision ? opts->revision : "the repository", c.today_s);

    bool exists;
    int rc = check_out_dir(opts->out_dir, &exists, err);
    if (rc) return rc;
    pl_buf parent = PL_BUF_INIT, base = PL_BUF_INIT, tmp = PL_BUF_INIT;
    split_dir(opts->out_dir, &parent, &base);
    int parent_fd = open(parent.ptr, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent_fd < 0) {
        rc = pl_error_set(err, PL_EIO, "%s: %s", parent.ptr, strerror(errno));
        goto out;
    }
    site_remove_stale(parent_fd, base.ptr);
    pl_buf_printf(&tmp, ".%s.pilotlog-%ld", base.ptr, (long)getpid());
    /* without a site to compare with, nothing kept could be trusted */
    bool claimed = exists && site_claim_previous(parent_fd, base.ptr, tmp.ptr);
    if (!claimed && mkdirat(parent_fd, tmp.ptr, 0755) != 0) {
        rc = pl_error_set(err, PL_EIO, "cannot create a temporary folder next to %s: %s",
                          opts->out_dir, strerror(errno));
        goto out;
    }
    int dirfd = openat(parent_fd, tmp.ptr, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dirfd < 0) {
        rc = pl_error_set(err, PL_EIO, "cannot open the temporary folder: %s", strerror(errno));
        goto out;
    }

    pl_markdown_init();
    pl_portfolio_compute(&c.pf, c.pilots, c.rules->workflow, opts->today);
    index_events(&c);
    int old_root = exists ? open_subdir(parent_fd, base.ptr) : -1;
    site_manifest manifest;
    site_manifest_load(&manifest, old_root, c.pilots->len, opts->renderer_id != 0);
    c.manifest = &manifest;
    hash_inputs(&c);
    rc = render_all(dirfd, old_root, claimed, &c, err);
    site_manifest_free(&manifest);
    if (old_root >= 0) close(old_root);
    close(dirfd);

    /* The swap: one rename when there is no old site, else an exchange. */
    if (!rc) {
        if (!exists) {
            if (renameat(parent_fd, tmp.ptr, parent_fd, base.ptr) != 0)
                rc = pl_error_set(err, PL_EIO, "cannot move the new site into place: %s",
                                  strerror(errno));
        } else if (renameat2(parent_fd, tmp.ptr, parent_fd, base.ptr, RENAME_EXCHANGE) != 0) {
            rc = pl_error_set(err, PL_EIO, "cannot swap the new site into place: %s",
                              strerror(errno));
        }
    }
    /* After an exchange the temporary name holds the old site: the next
     * build starts from it. */
    if (!rc && exists)
        site_keep_previous(parent_fd, base.ptr, tmp.ptr);
    else
        site_remove_tree(parent_fd, tmp.ptr);
out:
    if (parent_fd >= 0) close(parent_fd);
    ctx_free(&c);
    pl_buf_free(&parent);
    pl_buf_free(&base);
    pl_buf_free(&tmp);
    return rc;
}
