/*
 * site_folders.c - the folders beside the output folder: the temporary
 * one a build writes into, those that builds which died left behind, and
 * the previous site, kept as the next build's starting point.
 *
 * After the swap the previous site would have to be deleted file by
 * file, and the next build would link every unchanged page again: a
 * third of a rebuild after one commit. Kept instead (as
 * .NAME.pilotlog-previous), it becomes the next build's temporary folder,
 * where most pages already hold the bytes they need. Nothing in it is
 * trusted: a file stays only when its stamp says it holds exactly the
 * bytes the new site needs (site_keep_page), anything else under a name
 * the build writes is replaced (site_link, and the site's file creation),
 * and whatever the new site does not have is removed (site_sweep) before
 * the swap.
 */
#include "render/site_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREVIOUS_SUFFIX "previous"

int site_remove_tree(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return unlinkat(parent, name, 0) == 0 || errno == ENOENT ? 0 : -1;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        /* the entry's type from the folder itself spares a stat per file */
        bool is_dir = e->d_type == DT_DIR;
        struct stat st;
        if (e->d_type == DT_UNKNOWN) {
            if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            is_dir = S_ISDIR(st.st_mode);
        }
        if (is_dir)
            rc |= site_remove_tree(fd, e->d_name);
        else if (unlinkat(fd, e->d_name, 0) != 0)
            rc = -1;
    }
    closedir(d);
    return unlinkat(parent, name, AT_REMOVEDIR) == 0 ? rc : -1;
}

/* Removes every entry of dir that doomed says should go; the names are
 * read first, as a folder changing under readdir may skip entries. */
static void remove_where(int dir, bool (*doomed)(const char *name, void *ctx), void *ctx)
{
    DIR *d = fdopendir(dup(dir));
    if (!d) return;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || !doomed(e->d_name, ctx))
            continue;
        pl_grow((void **)&names, &cap, n + 1, sizeof(*names));
        names[n++] = pl_strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        site_remove_tree(dir, names[i]);
        free(names[i]);
    }
    free(names);
}

/* A temporary folder of a build whose process is gone. */
static bool stale(const char *name, void *ctx)
{
    const pl_buf *prefix = ctx;
    if (strncmp(name, prefix->ptr, prefix->len) != 0) return false;
    const char *suffix = name + prefix->len;
    if (strcmp(suffix, PREVIOUS_SUFFIX) == 0) return false;
    long pid = strtol(suffix, NULL, 10);
    return !(pid > 0 && kill((pid_t)pid, 0) == 0); /* else another build is running */
}

void site_remove_stale(int parent, const char *base)
{
    pl_buf prefix = PL_BUF_INIT;
    pl_buf_printf(&prefix, ".%s.pilotlog-", base);
    remove_where(parent, stale, &prefix);
    pl_buf_free(&prefix);
}

static void previous_name(pl_buf *out, const char *base)
{
    pl_buf_printf(out, ".%s.pilotlog-" PREVIOUS_SUFFIX, base);
}

bool site_claim_previous(int parent, const char *base, const char *tmp)
{
    pl_buf name = PL_BUF_INIT;
    previous_name(&name, base);
    /* only a folder a build made: it carries the marker */
    int fd = openat(parent, name.ptr, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    bool ours =
        fd >= 0 && fstatat(fd, SITE_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
    if (fd >= 0) close(fd);
    /* a rename is atomic: of two builds at once, one gets it */
    bool claimed = ours && renameat(parent, name.ptr, parent, tmp) == 0;
    pl_buf_free(&name);
    return claimed;
}

void site_keep_previous(int parent, const char *base, const char *tmp)
{
    pl_buf name = PL_BUF_INIT;
    previous_name(&name, base);
    /* another build may have kept one meanwhile: then this one goes */
    if (renameat(parent, tmp, parent, name.ptr) != 0) site_remove_tree(parent, tmp);
    pl_buf_free(&name);
}

int site_link(int old_dir, int dir, const char *name)
{
    if (linkat(old_dir, name, dir, name, 0) == 0) return 0;
    if (errno != EEXIST || site_remove_tree(dir, name) != 0) return -1;
    return linkat(old_dir, name, dir, name, 0);
}

int site_make_dir(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) return fd;
    site_remove_tree(parent, name); /* a file or a link of a claimed folder */
    if (mkdirat(parent, name, 0755) != 0) return -1;
    return openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

static bool not_kept(const char *name, void *ctx)
{
    return !pl_strmap_get(ctx, name, strlen(name));
}

void site_sweep(int dir, const pl_strmap *keep)
{
    remove_where(dir, not_kept, (void *)keep);
}
