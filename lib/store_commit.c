/*
 * store_commit.c - committing one pilot file through libgit2 with a
 * compare-and-swap on the branch, and the journal that makes an
 * interrupted commit recoverable.
 *
 * Order of a commit, under a repository-wide lock file that serialises
 * pilotlog writers (the kernel drops it if the process dies):
 *   1. objects (blob, tree, commit) are written: harmless if orphaned;
 *   2. the journal records branch, old and new commit, path and blobs;
 *   3. the branch moves old -> new only if it still points at old;
 *   4. the working-tree file and its index entry are updated;
 *   5. the journal is removed.
 * A crash between 3 and 5 is repaired by pl_store_recover: if the branch
 * is at the new commit, steps 4-5 are redone; otherwise the journal is
 * dropped.
 */
#include "store.h"

#include "buf.h"
#include "date.h"
#include "doc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAX_ATTEMPTS = 20 };

typedef struct journal {
    char ref[256];
    git_oid old_commit, new_commit; /* old is zero on an unborn branch */
    char path[1024];
    git_oid old_blob, new_blob; /* zero when absent */
    long pid;                   /* the writer; 0 in a journal from before it was recorded */
    time_t mtime;               /* when the journal was written (read back only) */
} journal;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void gitdir_path(pl_buf *out, pl_store *s, bool common, const char *name)
{
    const char *dir = common ? git_repository_commondir(s->repo) : git_repository_path(s->repo);
    pl_buf_printf(out, "%s%s", dir, name);
}

/* ---- identity ---------------------------------------------------------- */

/* Parses the date forms git accepts in GIT_AUTHOR_DATE that people use:
 * "@1700000000 +0100", "1700000000 +0100", "2026-09-01T10:00:00+02:00",
 * "2026-09-01 10:00:00 +0200", with "Z" or no zone meaning UTC. */
static bool parse_git_date(const char *s, git_time_t *when, int *offset)
{
    long long secs;
    int n = 0, sign = 1, oh = 0, om = 0;
    *offset = 0;
    if (*s == '@') s++;
    char zone[16] = "";
    if (sscanf(s, "%lld %15s%n", &secs, zone, &n) >= 1 && strchr(s, '-') == NULL) {
        if (zone[0] == '+' || zone[0] == '-') {
            int z = atoi(zone + 1);
            *offset = (zone[0] == '-' ? -1 : 1) * (z / 100 * 60 + z % 100);
        }
        *when = (git_time_t)secs;
        return true;
    }
    int y, mo, d, h = 0, mi = 0, se = 0;
    char sep;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &se, &n) < 3)
        return false;
    if (n == 0) n = 10;
    const char *z = s + n;
    while (*z == ' ') z++;
    if (*z == '+' || *z == '-') {
        sign = *z == '-' ? -1 : 1;
        if (strchr(z, ':'))
            sscanf(z + 1, "%2d:%2d", &oh, &om);
        else {
            int v = atoi(z + 1);
            oh = v / 100, om = v % 100;
        }
        *offset = sign * (oh * 60 + om);
    }
    long long days = pl_days_from_civil(y, mo, d);
    *when = (git_time_t)(days * 86400 + h * 3600 + mi * 60 + se - (long long)*offset * 60);
    return true;
}

int pl_store_signature(pl_store *s, bool committer, git_signature **out, pl_error *err)
{
    const char *name = getenv(committer ? "GIT_COMMITTER_NAME" : "GIT_AUTHOR_NAME");
    const char *email = getenv(committer ? "GIT_COMMITTER_EMAIL" : "GIT_AUTHOR_EMAIL");
    const char *date = getenv(committer ? "GIT_COMMITTER_DATE" : "GIT_AUTHOR_DATE");
    git_config *cfg = NULL;
    git_buf cname = GIT_BUF_INIT, cemail = GIT_BUF_INIT;
    int rc = 0;
    if ((!name || !*name || !email || !*email) &&
        git_repository_config_snapshot(&cfg, s->repo) == 0) {
        if ((!name || !*name) && git_config_get_string_buf(&cname, cfg, "user.name") == 0)
            name = cname.ptr;
        if ((!email || !*email) && git_config_get_string_buf(&cemail, cfg, "user.email") == 0)
            email = cemail.ptr;
    }
    if (!name || !*name || !email || !*email) {
        rc = pl_error_set(err, PL_EUSAGE,
                          "Author identity unknown\n\n*** Please tell me who you are.\n\nRun\n\n"
                          "  git config --global user.email \"you@example.com\"\n"
                          "  git config --global user.name \"Your Name\"\n\n"
                          "to set your account's default identity.");
    } else {
        git_time_t when;
        int offset;
        if (date && *date && parse_git_date(date, &when, &offset))
            rc = git_signature_new(out, name, email, when, offset);
        else if (date && *date)
            rc = pl_error_set(err, PL_EUSAGE, "invalid date format: %s", date);
        else
            rc = git_signature_now(out, name, email);
        if (rc < 0 && rc != PL_EUSAGE) rc = pl_git_error(err, "making the commit signature");
    }
    git_buf_dispose(&cname);
    git_buf_dispose(&cemail);
    git_config_free(cfg);
    return rc;
}

/* ---- the lock ------------------------------------------------------------ */

static int lock_repo(pl_store *s, int *fd, pl_error *err)
{
    pl_buf path = PL_BUF_INIT;
    gitdir_path(&path, s, true, "pilotlog.lock");
    *fd = open(path.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    pl_buf_free(&path);
    if (*fd < 0)
        return pl_error_set(err, PL_EIO, "cannot open the pilotlog lock file: %s", strerror(errno));
    while (flock(*fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(*fd);
            return pl_error_set(err, PL_EIO, "cannot lock the repository: %s", strerror(errno));
        }
    }
    return 0;
}

static void unlock_repo(int fd)
{
    if (fd >= 0) close(fd); /* closing releases the flock */
}

/* ---- the journal --------------------------------------------------------- */

static void journal_path(pl_buf *out, pl_store *s)
{
    gitdir_path(out, s, false, "pilotlog-journal");
}

static int journal_write(pl_store *s, const journal *j, pl_error *err)
{
    pl_buf path = PL_BUF_INIT, tmp = PL_BUF_INIT, text = PL_BUF_INIT;
    char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1], c[GIT_OID_HEXSZ + 1], d[GIT_OID_HEXSZ + 1];
    journal_path(&path, s);
    pl_buf_printf(&tmp, "%s.tmp", path.ptr);
    pl_buf_printf(&text, "%s\n%s\n%s\n%s\n%s\n%s\n%ld\n", j->ref,
                  git_oid_tostr(a, sizeof(a), &j->old_commit),
                  git_oid_tostr(b, sizeof(b), &j->new_commit), j->path,
                  git_oid_tostr(c, sizeof(c), &j->old_blob),
                  git_oid_tostr(d, sizeof(d), &j->new_blob), (long)getpid());
    int rc = 0;
    FILE *f = fopen(tmp.ptr, "w");
    if (!f || fwrite(text.ptr, 1, text.len, f) != text.len || fflush(f) != 0 ||
        fsync(fileno(f)) != 0)
        rc = pl_error_set(err, PL_EIO, "cannot write the journal: %s", strerror(errno));
    if (f && fclose(f) != 0 && !rc) rc = pl_error_set(err, PL_EIO, "cannot write the journal");
    if (!rc && rename(tmp.ptr, path.ptr) != 0)
        rc = pl_error_set(err, PL_EIO, "cannot write the journal");
    pl_buf_free(&path);
    pl_buf_free(&tmp);
    pl_buf_free(&text);
    return rc;
}

static void journal_remove(pl_store *s)
{
    pl_buf path = PL_BUF_INIT;
    journal_path(&path, s);
    unlink(path.ptr);
    pl_buf_puts(&path, ".tmp"); /* left by a writer killed mid-way */
    unlink(path.ptr);
    pl_buf_free(&path);
}

static bool read_line(FILE *f, char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, f)) return false;
    buf[strcspn(buf, "\n")] = '\0';
    return true;
}

static bool journal_read(pl_store *s, journal *j)
{
    pl_buf path = PL_BUF_INIT;
    char l[7][1024];
    struct stat st;
    journal_path(&path, s);
    FILE *f = fopen(path.ptr, "r");
    j->mtime = stat(path.ptr, &st) == 0 ? st.st_mtime : 0;
    pl_buf_free(&path);
    if (!f) return false;
    bool ok = true;
    for (int i = 0; i < 6 && ok; i++) ok = read_line(f, l[i], sizeof(l[i]));
    j->pid = read_line(f, l[6], sizeof(l[6])) ? strtol(l[6], NULL, 10) : 0;
    fclose(f);
    if (!ok || strlen(l[0]) >= sizeof(j->ref) || strlen(l[3]) >= sizeof(j->path)) return false;
    memcpy(j->ref, l[0], strlen(l[0]) + 1);
    memcpy(j->path, l[3], strlen(l[3]) + 1);
    return git_oid_fromstr(&j->old_commit, l[1]) == 0 &&
           git_oid_fromstr(&j->new_commit, l[2]) == 0 && git_oid_fromstr(&j->old_blob, l[4]) == 0 &&
           git_oid_fromstr(&j->new_blob, l[5]) == 0;
}

/* Removes path if it was made no earlier than the journal and stays for
 * a second: a lock file that appeared while the dead writer was
 * committing is its own, and one a live git process holds goes away
 * within that second (git holds its locks for milliseconds). */
static void remove_if_since(const char *path, time_t since)
{
    struct stat st;
    for (int waited = 0; waited < 1000; waited += 50) {
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtime < since) return;
        sleep_ms(50);
    }
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime >= since) unlink(path);
}

static void clear_dead_writer(pl_store *s, const journal *j)
{
    if (j->pid <= 0 || j->pid == (long)getpid() || kill((pid_t)j->pid, 0) == 0 || errno != ESRCH)
        return;
    pl_buf path = PL_BUF_INIT;
    gitdir_path(&path, s, false, "index.lock");
    remove_if_since(path.ptr, j->mtime);
    if (strncmp(j->ref, "refs/", 5) == 0 && !strstr(j->ref, "..")) {
        pl_buf_clear(&path);
        gitdir_path(&path, s, true, j->ref);
        pl_buf_puts(&path, ".lock");
        remove_if_since(path.ptr, j->mtime);
    }
    if (s->workdir && !strstr(j->path, "..")) {
        pl_buf_clear(&path);
        pl_buf_printf(&path, "%s%s.pilotlog-%ld.tmp", s->workdir, j->path, j->pid);
        unlink(path.ptr); /* only that writer names files with its pid */
    }
    pl_buf_free(&path);
}

/* ---- working tree and index ------------------------------------------------ */

static int write_worktree_file(pl_store *s, const char *relpath, const char *data, size_t len,
                               pl_error *err)
{
    pl_buf path = PL_BUF_INIT, tmp = PL_BUF_INIT;
    pl_buf_printf(&path, "%s%s", s->workdir, relpath);
    /* create missing parent folders (the pilots folder on a first `new`) */
    for (char *p = path.ptr + strlen(s->workdir); (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path.ptr, 0755);
        *p = '/';
    }
    pl_buf_printf(&tmp, "%s.pilotlog-%ld.tmp", path.ptr, (long)getpid());
    int rc = 0;
    int fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        rc = pl_error_set(err, PL_EIO, "%s: %s", tmp.ptr, strerror(errno));
    } else {
        int e = pl_write_all(fd, data, len);
        if (e) rc = pl_error_set(err, PL_EIO, "%s: %s", relpath, strerror(e));
        if (close(fd) != 0 && !rc)
            rc = pl_error_set(err, PL_EIO, "%s: %s", relpath, strerror(errno));
        if (!rc && rename(tmp.ptr, path.ptr) != 0)
            rc = pl_error_set(err, PL_EIO, "%s: %s", relpath, strerror(errno));
        if (rc) unlink(tmp.ptr);
    }
    pl_buf_free(&path);
    pl_buf_free(&tmp);
    return rc;
}

/* Updates the index entry of relpath from the working-tree file, retrying
 * while another git process holds the index lock. */
static int update_index_entry(pl_store *s, const char *relpath, pl_error *err)
{
    git_index *idx;
    int rc = git_repository_index(&idx, s->repo);
    if (rc < 0) return pl_git_error(err, "opening the index");
    for (int attempt = 0;; attempt++) {
        rc = git_index_read(idx, 1);
        if (rc == 0) rc = git_index_add_bypath(idx, relpath);
        if (rc == 0) rc = git_index_write(idx);
        if (rc != GIT_ELOCKED || attempt >= 200) break;
        sleep_ms(10);
    }
    if (rc < 0) rc = pl_git_error(err, "updating the index");
    git_index_free(idx);
    return rc;
}

/* Whether the index and working tree hold exactly blob id for path (or
 * both lack it when id is zero): only then may pilotlog replace it. */
/* The blob ids path has in the index and in the working tree, zero where
 * it is absent. *wt_known is false when the working-tree file exists but
 * is not a regular file that could be hashed. */
static int path_ids(pl_store *s, const char *relpath, git_oid *in_index, git_oid *in_wt,
                    bool *wt_known)
{
    git_index *idx;
    if (git_repository_index(&idx, s->repo) < 0) return -1;
    git_index_read(idx, 0);
    const git_index_entry *e = git_index_get_bypath(idx, relpath, 0);
    memset(in_index, 0, sizeof(*in_index));
    if (e) git_oid_cpy(in_index, &e->id);
    git_index_free(idx);
    pl_buf path = PL_BUF_INIT;
    pl_buf_printf(&path, "%s%s", s->workdir, relpath);
    struct stat st;
    memset(in_wt, 0, sizeof(*in_wt));
    *wt_known = lstat(path.ptr, &st) != 0 ||
                (S_ISREG(st.st_mode) &&
                 git_repository_hashfile(in_wt, s->repo, path.ptr, GIT_OBJECT_BLOB, relpath) == 0);
    pl_buf_free(&path);
    return 0;
}

static int check_clean(pl_store *s, const char *relpath, const git_oid *id, pl_error *err)
{
    git_oid in_index, in_wt;
    bool wt_known;
    if (!s->workdir) return 0;
    if (path_ids(s, relpath, &in_index, &in_wt, &wt_known) < 0)
        return pl_git_error(err, "opening the index");
    if (!git_oid_equal(&in_index, id) || !wt_known || !git_oid_equal(&in_wt, id))
        return pl_error_set(
            err, PL_ECONFLICT,
            "%s %s: commit or stash them first (pilotlog commits only its own change)", relpath,
            git_oid_is_zero(id) ? "exists but is not committed" : "has uncommitted changes");
    return 0;
}

static int recover_locked(pl_store *s, pl_error *err);

/* ---- the commit ------------------------------------------------------------ */

typedef struct tip {
    char ref[256];
    git_commit *commit; /* NULL on an unborn branch */
    git_tree *tree;
} tip;

static void tip_free(tip *t)
{
    git_tree_free(t->tree);
    git_commit_free(t->commit);
    memset(t, 0, sizeof(*t));
}

static int read_tip(pl_store *s, tip *t, pl_error *err)
{
    git_reference *head, *resolved;
    memset(t, 0, sizeof(*t));
    if (git_reference_lookup(&head, s->repo, "HEAD") < 0) return pl_git_error(err, "reading HEAD");
    if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
        git_reference_free(head);
        return pl_error_set(err, PL_ECONFLICT, "HEAD is detached: check out a branch first");
    }
    snprintf(t->ref, sizeof(t->ref), "%s", git_reference_symbolic_target(head));
    git_reference_free(head);
    int rc = git_reference_lookup(&resolved, s->repo, t->ref);
    if (rc == GIT_ENOTFOUND) return 0; /* unborn */
    if (rc < 0) return pl_git_error(err, t->ref);
    rc = git_commit_lookup(&t->commit, s->repo, git_reference_target(resolved));
    git_reference_free(resolved);
    if (rc == 0) rc = git_commit_tree(&t->tree, t->commit);
    if (rc < 0) {
        tip_free(t);
        return pl_git_error(err, "reading the branch tip");
    }
    return 0;
}

static int blob_at(pl_store *s, git_tree *tree, const char *relpath, git_oid *id, char **data,
                   size_t *len, pl_error *err)
{
    git_tree_entry *e;
    memset(id, 0, sizeof(*id));
    *data = NULL;
    *len = 0;
    if (!tree) return 0;
    int rc = git_tree_entry_bypath(&e, tree, relpath);
    if (rc == GIT_ENOTFOUND) return 0;
    if (rc < 0) return pl_git_error(err, relpath);
    if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
        git_tree_entry_free(e);
        return pl_error_set(err, PL_EUSAGE, "%s is a symbolic link; pilotlog never follows them",
                            relpath);
    }
    git_oid_cpy(id, git_tree_entry_id(e));
    git_tree_entry_free(e);
    return pl_store_read_blob(s->repo, id, PL_LIMIT_FILE_BYTES, data, len, err);
}

static int make_commit(pl_store *s, const tip *t, const char *relpath, const pl_buf *content,
                       const pl_buf *message, git_oid *blob, git_oid *commit, pl_error *err)
{
    git_oid tree_id;
    git_tree *tree = NULL;
    git_signature *author = NULL, *committer = NULL;
    int rc;
    if (git_blob_create_from_buffer(blob, s->repo, content->ptr, content->len) < 0)
        return pl_git_error(err, "writing the blob");
    git_tree_update upd = {GIT_TREE_UPDATE_UPSERT, *blob, GIT_FILEMODE_BLOB, relpath};
    /* a NULL baseline (unborn branch) starts from an empty tree */
    rc = git_tree_create_updated(&tree_id, s->repo, t->tree, 1, &upd);
    if (rc < 0) return pl_git_error(err, "writing the tree");
    if ((rc = pl_store_signature(s, false, &author, err)) ||
        (rc = pl_store_signature(s, true, &committer, err))) {
        git_signature_free(author);
        return rc;
    }
    rc = git_tree_lookup(&tree, s->repo, &tree_id);
    const git_commit *parents[1] = {t->commit};
    if (rc == 0)
        rc = git_commit_create(commit, s->repo, NULL, author, committer, NULL, message->ptr, tree,
                               t->commit ? 1 : 0, parents);
    if (rc < 0) rc = pl_git_error(err, "writing the commit");
    git_tree_free(tree);
    git_signature_free(author);
    git_signature_free(committer);
    return rc;
}

/* Moves the branch from the tip we built on to commit, only if it has not
 * moved. Returns 1 when it had moved (try again). */
static int swap_ref(pl_store *s, const tip *t, const git_oid *commit, const char *subject,
                    pl_error *err)
{
    git_reference *ref = NULL;
    pl_buf msg = PL_BUF_INIT;
    int rc;
    pl_buf_printf(&msg, "pilotlog: %s", subject);
    if (t->commit)
        rc = git_reference_create_matching(&ref, s->repo, t->ref, commit, 1,
                                           git_commit_id(t->commit), msg.ptr);
    else
        rc = git_reference_create(&ref, s->repo, t->ref, commit, 0, msg.ptr);
    pl_buf_free(&msg);
    git_reference_free(ref);
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) return 1;
    if (rc < 0) return pl_git_error(err, "moving the branch");
    return 0;
}

static void first_line(char *out, size_t cap, const char *message)
{
    size_t n = strcspn(message, "\n");
    if (n >= cap) n = cap - 1;
    memcpy(out, message, n);
    out[n] = '\0';
}

static int finish_checkout(pl_store *s, const char *relpath, const pl_buf *content, pl_error *err)
{
    if (!s->workdir) return 0;
    int rc = write_worktree_file(s, relpath, content->ptr, content->len, err);
    return rc ? rc : update_index_entry(s, relpath, err);
}

static int repo_state_ok(pl_store *s, pl_error *err)
{
    int state = git_repository_state(s->repo);
    if (state != GIT_REPOSITORY_STATE_NONE)
        return pl_error_set(err, PL_ECONFLICT,
                            "a merge, rebase or similar is in progress: finish it first");
    /* Checked before the branch moves, not found out after it did. */
    pl_buf lock = PL_BUF_INIT;
    struct stat st;
    gitdir_path(&lock, s, false, "index.lock");
    int rc = s->workdir && lstat(lock.ptr, &st) == 0
                 ? pl_error_set(err, PL_EIO,
                                "%s exists: another git process seems to be running in this "
                                "repository; if none is, remove that file and try again",
                                lock.ptr)
                 : 0;
    pl_buf_free(&lock);
    return rc;
}

int pl_store_commit_file(pl_store *s, const char *relpath, pl_edit_fn edit, void *ctx,
                         pl_commit_result *out, pl_error *err)
{
    int lock_fd = -1;
    memset(out, 0, sizeof(*out));
    int rc = lock_repo(s, &lock_fd, err);
    if (!rc) rc = recover_locked(s, err);
    if (!rc) rc = repo_state_ok(s, err);
    for (int attempt = 1; !rc && attempt <= MAX_ATTEMPTS; attempt++) {
        tip t;
        git_oid old_blob, new_blob, commit;
        char *old = NULL;
        size_t old_len = 0;
        pl_buf content = PL_BUF_INIT, message = PL_BUF_INIT;
        out->attempts = attempt;
        rc = read_tip(s, &t, err);
        if (!rc) rc = blob_at(s, t.tree, relpath, &old_blob, &old, &old_len, err);
        if (!rc) rc = check_clean(s, relpath, &old_blob, err);
        if (!rc) rc = edit(ctx, old, old_len, !git_oid_is_zero(&old_blob), &content, &message, err);
        bool unchanged =
            !rc && old && content.len == old_len && memcmp(content.ptr, old, old_len) == 0;
        int moved = 0;
        if (!rc && !unchanged)
            rc = make_commit(s, &t, relpath, &content, &message, &new_blob, &commit, err);
        if (!rc && !unchanged) {
            journal j;
            memset(&j, 0, sizeof(j));
            snprintf(j.ref, sizeof(j.ref), "%s", t.ref);
            if (t.commit) git_oid_cpy(&j.old_commit, git_commit_id(t.commit));
            git_oid_cpy(&j.new_commit, &commit);
            snprintf(j.path, sizeof(j.path), "%s", relpath);
            git_oid_cpy(&j.old_blob, &old_blob);
            git_oid_cpy(&j.new_blob, &new_blob);
            rc = journal_write(s, &j, err);
            char subject[200];
            first_line(subject, sizeof(subject), message.ptr);
            if (!rc) moved = swap_ref(s, &t, &commit, subject, err);
            if (moved < 0) rc = moved;
            if (!rc && !moved) {
                rc = finish_checkout(s, relpath, &content, err);
                if (!rc) journal_remove(s);
                git_oid_cpy(&out->commit, &commit);
                out->changed = true;
            } else {
                journal_remove(s);
            }
        }
        free(old);
        pl_buf_free(&content);
        pl_buf_free(&message);
        tip_free(&t);
        if (rc || !moved) break;
        sleep_ms(attempt * 3L); /* someone else committed: build on their tip */
        if (attempt == MAX_ATTEMPTS)
            rc = pl_error_set(err, PL_ECONFLICT, "the branch kept moving; nothing was committed");
    }
    unlock_repo(lock_fd);
    return rc;
}

/* Whether the index entry and the working-tree file of path each hold
 * one of the two blobs (zero = absent): then nobody but the interrupted
 * commit touched them, and finishing it loses nothing. */
static bool untouched_since(pl_store *s, const char *relpath, const git_oid *a, const git_oid *b)
{
    git_oid in_index, in_wt;
    bool wt_known;
    if (path_ids(s, relpath, &in_index, &in_wt, &wt_known) < 0) return false;
    return (git_oid_equal(&in_index, a) || git_oid_equal(&in_index, b)) && wt_known &&
           (git_oid_equal(&in_wt, a) || git_oid_equal(&in_wt, b));
}

static int recover_locked(pl_store *s, pl_error *err)
{
    journal j;
    if (!journal_read(s, &j)) {
        journal_remove(s);
        return 0;
    }
    git_reference *ref;
    int rc = 0;
    clear_dead_writer(s, &j);
    if (git_reference_lookup(&ref, s->repo, j.ref) == 0) {
        bool at_new = git_oid_equal(git_reference_target(ref), &j.new_commit);
        git_reference_free(ref);
        /* The branch moved but the checkout may be half done (the file
         * written, the index not): bring both to the new version. */
        if (at_new && s->workdir && untouched_since(s, j.path, &j.old_blob, &j.new_blob)) {
            char *data;
            size_t len;
            rc = pl_store_read_blob(s->repo, &j.new_blob, PL_LIMIT_FILE_BYTES, &data, &len, err);
            if (!rc) {
                pl_buf content = PL_BUF_INIT;
                pl_buf_put(&content, data, len);
                free(data);
                rc = finish_checkout(s, j.path, &content, err);
                pl_buf_free(&content);
            }
        }
    }
    if (!rc) journal_remove(s);
    return rc;
}

int pl_store_recover(pl_store *s, pl_error *err)
{
    pl_buf path = PL_BUF_INIT;
    struct stat st;
    journal_path(&path, s);
    bool pending = stat(path.ptr, &st) == 0;
    pl_buf_free(&path);
    if (!pending) return 0;
    int fd, rc = lock_repo(s, &fd, err);
    if (!rc) rc = recover_locked(s, err);
    unlock_repo(fd);
    return rc;
}
