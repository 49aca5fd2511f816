/*
 * check_git.c - the two checks that run in git hooks: `check --staged`
 * (pre-commit: the index against HEAD) and `check --range OLD..NEW`
 * (pre-receive: every pushed commit against its parent).
 */
#include "commands.h"

#include "json.h"
#include "rawtree.h"
#include "render/pilot_json.h"

#include <stdlib.h>
#include <string.h>

static const char ZERO_ID[] = "0000000000000000000000000000000000000000";

/* Validates one version of a pilot and its move from the old version. */
static pl_pilot *check_version(pl_store *s, const pl_rules *rules, const char *path,
                               const git_oid *new_id, git_filemode_t mode, const git_oid *old_id,
                               int today)
{
    pl_pilot *p = pl_store_pilot_from_blob(s, path, new_id, mode, rules, today);
    if (old_id && !git_oid_is_zero(old_id)) {
        char *old;
        size_t len;
        if (pl_store_read_blob(s->repo, old_id, PL_LIMIT_FILE_BYTES, &old, &len, NULL) == 0) {
            pl_pilot_check_transition(p, rules, old, len);
            free(old);
        }
    }
    return p;
}

/* HEAD's pilots folder as raw tree bytes (NULL: an unborn HEAD or no
 * such folder). */
static int head_pilots(pl_store *s, const char *dir, git_odb *odb, git_odb_object **out,
                       pl_error *err)
{
    git_commit *head;
    git_oid at;
    bool found = false;
    *out = NULL;
    int rc = pl_store_resolve(s, "HEAD", &head, err);
    if (rc || !head) return rc;
    rc = pl_rawtree_dir(odb, git_commit_tree_id(head), dir, &at, &found, err);
    git_commit_free(head);
    if (rc || !found) return rc;
    return git_odb_read(out, odb, &at) < 0 ? pl_git_error(err, "reading HEAD's pilots folder") : 0;
}

/* A cursor over HEAD's pilots folder, moved forward as the index is
 * read: both are in git's path order (a folder sorts as its name and a
 * slash, and no file looked up here has a slash), so the whole index is
 * compared in one pass. */
typedef struct head_cursor {
    const unsigned char *at;
    size_t left;
} head_cursor;

/* HEAD's entry for the file name, if it has one. */
static bool head_entry(head_cursor *c, const char *name, size_t len, pl_rawent *out)
{
    pl_rawent file = {name, len, GIT_FILEMODE_BLOB, NULL};
    while (c->left > 0) {
        size_t n = pl_rawtree_entry(c->at, c->left, out);
        if (!n) break; /* a malformed tree: the rest counts as absent */
        int order = pl_rawent_cmp(out, &file);
        if (order == 0) return !pl_rawent_is_tree(out);
        if (order > 0) return false;
        c->at += n;
        c->left -= n;
    }
    c->left = 0;
    return false;
}

/* Opens the repository as git's environment says and names the index
 * file git means: GIT_INDEX_FILE (set in every hook; `git commit -a` and
 * `git commit PATH` point it at a temporary index), else the repository's
 * own. libgit2 would read and checksum GIT_INDEX_FILE's whole index as it
 * opens the repository: this command reads the index once, itself. */
static int open_repository(pl_store **out, char **index_file, pl_error *err)
{
    const char *env = getenv("GIT_INDEX_FILE");
    *index_file = env && *env ? pl_strdup(env) : NULL;
    unsetenv("GIT_INDEX_FILE");
    int rc = pl_store_open(out, NULL, err);
    if (*index_file) setenv("GIT_INDEX_FILE", *index_file, 1);
    if (!rc && !*index_file) {
        pl_buf path = PL_BUF_INIT;
        pl_buf_printf(&path, "%sindex", git_repository_path((*out)->repo));
        *index_file = pl_buf_detach(&path);
    }
    return rc;
}

int check_staged(const check_request *req)
{
    cli_repo repo = {0};
    pl_error err;
    pl_index *idx = NULL;
    git_odb *odb = NULL;
    git_odb_object *head_dir = NULL;
    pl_pilots set = PL_PILOTS_INIT;
    int rc = 0;
    pl_error_clear(&err);
    char *file;
    if (open_repository(&repo.store, &file, &err)) {
        free(file);
        return cli_fail(&err);
    }
    if (pl_index_read(&idx, file, &err) || (git_repository_odb(&odb, repo.store->repo) < 0 &&
                                            pl_git_error(&err, "opening the object database"))) {
        rc = cli_fail(&err);
        goto out;
    }
    /* The rules being committed are the ones that apply. */
    pl_index_source src = {repo.store->repo, idx};
    if (pl_rules_load(&repo.rules, pl_store_read_index, &src, req->schema, &err) ||
        head_pilots(repo.store, repo.rules->config.pilots_dir, odb, &head_dir, &err)) {
        rc = cli_fail(&err);
        goto out;
    }
    head_cursor head = {head_dir ? git_odb_object_data(head_dir) : NULL,
                        head_dir ? git_odb_object_size(head_dir) : 0};
    pl_buf prefix = PL_BUF_INIT;
    pl_buf_printf(&prefix, "%s/", repo.rules->config.pilots_dir);
    for (size_t i = pl_index_find_prefix(idx, prefix.ptr); i < idx->len; i++) {
        const pl_index_entry *e = &idx->entries[i];
        if (strncmp(e->path, prefix.ptr, prefix.len) != 0) break;
        const char *name = e->path + prefix.len;
        size_t name_len = e->path_len - prefix.len;
        if (memchr(name, '/', name_len) || !pl_pilot_file_name(name, name_len) || e->intent_to_add)
            continue;
        if (e->stage > 0) {
            pl_error conflict;
            pl_error_set(&conflict, PL_EINVALID, "has merge conflicts: resolve them first");
            /* one report for the file, not one per side of the conflict */
            if (i == 0 || strcmp(idx->entries[i - 1].path, e->path) != 0)
                pl_pilots_add(&set, pl_pilot_unreadable(e->path, &conflict));
            continue;
        }
        pl_rawent old;
        bool in_head = head_entry(&head, name, name_len, &old);
        git_oid old_id;
        if (in_head) git_oid_fromraw(&old_id, old.oid);
        if (in_head && git_oid_equal(&old_id, &e->id) && old.mode == e->mode)
            continue; /* not staged for change */
        pl_pilots_add(&set,
                      check_version(repo.store, repo.rules, e->path, &e->id,
                                    (git_filemode_t)e->mode, in_head ? &old_id : NULL, req->today));
    }
    pl_buf_free(&prefix);
    pl_pilots_sort(&set);
    rc = report_check(&set, req->format, req->strict, req->quiet || set.len == 0);
out:
    free(file);
    pl_pilots_free(&set);
    git_odb_object_free(head_dir);
    git_odb_free(odb);
    pl_index_free(idx);
    cli_close_repo(&repo);
    return rc;
}

/* ---- --range ------------------------------------------------------------ */

typedef struct commit_report {
    git_oid id;
    char *subject;
    pl_pilots pilots; /* only the versions with problems */
} commit_report;

/* Rules per commit, cached by the ids of the files that define them. */
typedef struct rules_cache {
    char key[3 * GIT_OID_HEXSZ + 3];
    pl_rules *rules;
} rules_cache;

static void rule_file_id(git_tree *tree, const char *path, char *out)
{
    git_tree_entry *e;
    if (tree && git_tree_entry_bypath(&e, tree, path) == 0) {
        git_oid_tostr(out, GIT_OID_HEXSZ + 1, git_tree_entry_id(e));
        git_tree_entry_free(e);
    } else {
        memcpy(out, "-", 2);
    }
}

static int rules_for(pl_store *s, git_tree *tree, const char *schema_file, rules_cache *cache,
                     pl_rules **out, pl_error *err)
{
    char key[sizeof(cache->key)], a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1], c[GIT_OID_HEXSZ + 1];
    rule_file_id(tree, PL_CONFIG_PATH, a);
    rule_file_id(tree, PL_DEFAULT_SCHEMA_PATH, b);
    rule_file_id(tree, PL_DEFAULT_WORKFLOW, c);
    snprintf(key, sizeof(key), "%s%s%s", a, b, c);
    if (cache->rules && strcmp(cache->key, key) == 0) {
        *out = cache->rules;
        return 0;
    }
    pl_rules *r;
    int rc = pl_store_rules_from_tree(s, tree, schema_file, &r, err);
    if (rc) return rc;
    pl_rules_free(cache->rules);
    cache->rules = r;
    memcpy(cache->key, key, sizeof(key));
    *out = r;
    return 0;
}

static int parse_range(const char *range, char **old, char **new_)
{
    const char *dots = strstr(range, "..");
    if (!dots || strstr(dots + 2, "..") || dots[2] == '.') return -1;
    *old = pl_strndup(range, (size_t)(dots - range));
    *new_ = pl_strdup(dots + 2);
    if (!**old) {
        free(*old);
        *old = pl_strdup(ZERO_ID);
    }
    return **new_ ? 0 : -1;
}

static int hide_all_refs(git_revwalk *walk)
{
    /* A new branch: its commits are the ones no existing ref reaches (in a
     * pre-receive hook the refs do not include the push yet). */
    return git_revwalk_hide_glob(walk, "refs/*");
}

static void report_range_text(pl_buf *out, commit_report *reports, size_t n, size_t commits,
                              size_t versions)
{
    size_t bad = 0, errors = 0, warnings = 0;
    for (size_t i = 0; i < n; i++) {
        char hex[8];
        git_oid_tostr(hex, sizeof(hex), &reports[i].id);
        pl_buf_printf(out, "commit %s %s\n", hex, reports[i].subject);
        for (size_t k = 0; k < reports[i].pilots.len; k++) {
            const pl_pilot *p = reports[i].pilots.items[k];
            bad += pl_pilot_errors(p) > 0;
            errors += pl_pilot_errors(p);
            warnings += pl_pilot_warnings(p);
            for (size_t d = 0; d < p->diags.len; d++) {
                const pl_diag *x = &p->diags.items[d];
                pl_buf_printf(out, "  %s:%d:%d: %s: %s%s%s\n", p->path, x->line, x->col,
                              pl_severity_name(x->severity), x->pointer, *x->pointer ? ": " : "",
                              x->message);
            }
        }
    }
    pl_buf_printf(
        out,
        "%zu commit%s checked, %zu pilot version%s: %zu invalid (%zu error%s, %zu warning%s)\n",
        commits, commits == 1 ? "" : "s", versions, versions == 1 ? "" : "s", bad, errors,
        errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

static void report_range_json(pl_buf *out, commit_report *reports, size_t n, size_t commits,
                              size_t versions, bool ok)
{
    pl_json j;
    pl_json_init(&j, out, true);
    pl_json_object_begin(&j);
    pl_json_kbool(&j, "ok", ok);
    pl_json_kint(&j, "commits_checked", (long long)commits);
    pl_json_kint(&j, "versions_checked", (long long)versions);
    pl_json_key(&j, "commits");
    pl_json_array_begin(&j);
    for (size_t i = 0; i < n; i++) {
        char hex[GIT_OID_HEXSZ + 1];
        pl_json_object_begin(&j);
        pl_json_kstr(&j, "commit", git_oid_tostr(hex, sizeof(hex), &reports[i].id));
        pl_json_kstr(&j, "subject", reports[i].subject);
        pl_json_key(&j, "files");
        pl_json_array_begin(&j);
        for (size_t k = 0; k < reports[i].pilots.len; k++) {
            const pl_pilot *p = reports[i].pilots.items[k];
            pl_json_object_begin(&j);
            pl_json_kstr(&j, "path", p->path);
            pl_json_kstr(&j, "id", p->id);
            pl_json_kbool(&j, "valid", pl_pilot_errors(p) == 0);
            pl_json_key(&j, "problems");
            pl_render_problems_json(&j, &p->diags);
            pl_json_object_end(&j);
        }
        pl_json_array_end(&j);
        pl_json_object_end(&j);
    }
    pl_json_array_end(&j);
    pl_json_object_end(&j);
    pl_buf_putc(out, '\n');
}

/* Checks one commit's changed pilots; appends a report when any has
 * problems. Merges count only what differs from every parent. */
static int check_commit(pl_store *s, git_commit *c, const check_request *req, rules_cache *cache,
                        commit_report **reports, size_t *n, size_t *cap, size_t *versions,
                        size_t *errors, size_t *warnings, pl_error *err)
{
    git_tree *tree = NULL, *dir = NULL;
    pl_rules *rules = NULL;
    int rc = git_commit_tree(&tree, c) < 0 ? pl_git_error(err, "reading a commit") : 0;
    if (!rc) rc = rules_for(s, tree, req->schema, cache, &rules, err);
    if (!rc) rc = pl_store_pilots_tree(s, tree, rules->config.pilots_dir, &dir, err);
    unsigned nparents = git_commit_parentcount(c);
    git_tree **pdirs = pl_calloc(nparents ? nparents : 1, sizeof(*pdirs));
    for (unsigned i = 0; !rc && i < nparents; i++) {
        git_commit *parent;
        git_tree *ptree;
        if (git_commit_parent(&parent, c, i) < 0) {
            rc = pl_git_error(err, "reading a parent commit");
            break;
        }
        if (git_commit_tree(&ptree, parent) == 0) {
            rc = pl_store_pilots_tree(s, ptree, rules->config.pilots_dir, &pdirs[i], err);
            git_tree_free(ptree);
        }
        git_commit_free(parent);
    }
    pl_file_changes changes = {0};
    if (!rc) pl_store_diff_pilots(nparents ? pdirs[0] : NULL, dir, &changes);
    commit_report rep = {*git_commit_id(c), NULL, PL_PILOTS_INIT};
    for (size_t i = 0; !rc && i < changes.len; i++) {
        pl_file_change *ch = &changes.items[i];
        if (git_oid_is_zero(&ch->new_id)) continue; /* deleted */
        bool in_every_parent_differs = true;
        for (unsigned k = 1; k < nparents && in_every_parent_differs; k++) {
            const git_tree_entry *e = pdirs[k] ? git_tree_entry_byname(pdirs[k], ch->name) : NULL;
            if (e && git_oid_equal(git_tree_entry_id(e), &ch->new_id))
                in_every_parent_differs = false;
        }
        if (!in_every_parent_differs) continue;
        pl_buf path = PL_BUF_INIT;
        pl_buf_printf(&path, "%s/%s", rules->config.pilots_dir, ch->name);
        pl_pilot *p =
            check_version(s, rules, path.ptr, &ch->new_id, ch->new_mode, &ch->old_id, req->today);
        pl_buf_free(&path);
        (*versions)++;
        *errors += pl_pilot_errors(p);
        *warnings += pl_pilot_warnings(p);
        if (p->diags.len)
            pl_pilots_add(&rep.pilots, p);
        else
            pl_pilot_free(p);
    }
    if (rep.pilots.len) {
        const char *msg = git_commit_summary(c);
        rep.subject = pl_strdup(msg ? msg : "");
        pl_grow((void **)reports, cap, *n + 1, sizeof(**reports));
        (*reports)[(*n)++] = rep;
    }
    pl_file_changes_free(&changes);
    for (unsigned i = 0; i < nparents; i++) git_tree_free(pdirs[i]);
    free(pdirs);
    git_tree_free(dir);
    git_tree_free(tree);
    return rc;
}

int check_range(const check_request *req)
{
    pl_store *s = NULL;
    pl_error err;
    char *old = NULL, *new_ = NULL;
    git_revwalk *walk = NULL;
    commit_report *reports = NULL;
    size_t n = 0, cap = 0, commits = 0, versions = 0, errors = 0, warnings = 0;
    rules_cache cache = {{0}, NULL};
    int rc = 0;
    pl_error_clear(&err);
    if (parse_range(req->range, &old, &new_)) {
        cli_error("--range '%s': expected OLD..NEW", req->range);
        free(old);
        free(new_);
        return EXIT_USAGE;
    }
    if (pl_store_open(&s, NULL, &err)) {
        rc = cli_fail(&err);
        goto out;
    }
    if (strcmp(new_, ZERO_ID) == 0) goto report; /* a deleted branch */
    git_object *obj;
    if (git_revparse_single(&obj, s->repo, new_) < 0) {
        cli_error("--range: unknown revision '%s'", new_);
        rc = EXIT_USAGE;
        goto out;
    }
    git_oid new_id = *git_object_id(obj);
    git_object_free(obj);
    if (git_revwalk_new(&walk, s->repo) < 0 || git_revwalk_push(walk, &new_id) < 0) {
        rc = cli_fail((pl_git_error(&err, "walking the range"), &err));
        goto out;
    }
    if (strcmp(old, ZERO_ID) == 0) {
        if (hide_all_refs(walk) < 0) {
            rc = cli_fail((pl_git_error(&err, "walking the range"), &err));
            goto out;
        }
    } else {
        if (git_revparse_single(&obj, s->repo, old) < 0) {
            cli_error("--range: unknown revision '%s'", old);
            rc = EXIT_USAGE;
            goto out;
        }
        git_revwalk_hide(walk, git_object_id(obj));
        git_object_free(obj);
    }
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_oid id;
    while (!rc && git_revwalk_next(&id, walk) == 0) {
        git_commit *c;
        if (git_commit_lookup(&c, s->repo, &id) < 0) {
            rc = cli_fail((pl_git_error(&err, "reading a commit"), &err));
            break;
        }
        commits++;
        if (check_commit(s, c, req, &cache, &reports, &n, &cap, &versions, &errors, &warnings,
                         &err))
            rc = cli_fail(&err);
        git_commit_free(c);
    }
report:
    if (!rc) {
        bool ok = errors == 0 && !(req->strict && warnings > 0);
        pl_buf out = PL_BUF_INIT;
        if (req->format == FORMAT_JSON)
            report_range_json(&out, reports, n, commits, versions, ok);
        else
            report_range_text(&out, reports, n, commits, versions);
        cli_out(&out);
        pl_buf_free(&out);
        rc = ok ? EXIT_OK : EXIT_INVALID;
    }
out:
    for (size_t i = 0; i < n; i++) {
        free(reports[i].subject);
        pl_pilots_free(&reports[i].pilots);
    }
    free(reports);
    pl_rules_free(cache.rules);
    git_revwalk_free(walk);
    pl_store_free(s);
    free(old);
    free(new_);
    return rc;
}
