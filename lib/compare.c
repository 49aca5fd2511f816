/*
 * compare.c - pilot-by-pilot comparison of two trees, with renames found
 * by libgit2's similarity detection.
 */
#include "compare.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>

static pl_pilot *load(pl_store *s, const git_diff_file *f, const pl_rules *rules, int today)
{
    return pl_store_pilot_from_blob(s, f->path, &f->id, (git_filemode_t)f->mode, rules, today);
}

static bool is_pilot_path(const char *path, const char *dir)
{
    size_t d = strlen(dir);
    return strncmp(path, dir, d) == 0 && path[d] == '/' && !strchr(path + d + 1, '/') &&
           pl_pilot_file_name(path + d + 1, strlen(path + d + 1));
}

static const char *str_or_null(const pl_fields *f, const char *path)
{
    return pl_fields_get(f, path);
}

bool pl_delta_has_decision(const pl_pilot_delta *d)
{
    const char *o = str_or_null(&d->old_fields, "decision.outcome"),
               *n = str_or_null(&d->new_fields, "decision.outcome");
    const char *od = str_or_null(&d->old_fields, "decision.date"),
               *nd = str_or_null(&d->new_fields, "decision.date");
    if (!n) return false;
    return !o || strcmp(o, n) != 0 || !od || !nd || strcmp(od, nd) != 0;
}

bool pl_delta_moves_stage(const pl_pilot_delta *d)
{
    const char *o = str_or_null(&d->old_fields, "stage"), *n = str_or_null(&d->new_fields, "stage");
    return o && n && strcmp(o, n) != 0;
}

static int rank(const pl_pilot_delta *d)
{
    return pl_delta_has_decision(d) ? 0 : pl_delta_moves_stage(d) ? 1 : 2;
}

static int cmp_delta(const void *a, const void *b)
{
    const pl_pilot_delta *x = a, *y = b;
    int rx = rank(x), ry = rank(y);
    if (rx != ry) return rx - ry;
    const pl_pilot *px = x->new_ ? x->new_ : x->old, *py = y->new_ ? y->new_ : y->old;
    return strcmp(px->path, py->path);
}

int pl_compare_trees(pl_comparison *out, pl_store *s, git_tree *old_tree, git_tree *new_tree,
                     const pl_rules *rules, int today, pl_error *err)
{
    git_diff_options opts;
    git_diff_find_options find;
    git_diff *diff = NULL;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    pl_buf spec = PL_BUF_INIT;
    memset(out, 0, sizeof(*out));
    pl_buf_printf(&spec, "%s/", rules->config.pilots_dir);
    char *specs[1] = {spec.ptr};
    opts.pathspec.strings = specs;
    opts.pathspec.count = 1;
    opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    find.flags = GIT_DIFF_FIND_RENAMES;
    int rc = git_diff_tree_to_tree(&diff, s->repo, old_tree, new_tree, &opts);
    if (rc == 0) rc = git_diff_find_similar(diff, &find);
    pl_buf_free(&spec);
    if (rc < 0) {
        git_diff_free(diff);
        return pl_git_error(err, "comparing the trees");
    }
    size_t n = git_diff_num_deltas(diff), cap = 0;
    for (size_t i = 0; i < n; i++) {
        const git_diff_delta *gd = git_diff_get_delta(diff, i);
        bool old_ok = is_pilot_path(gd->old_file.path, rules->config.pilots_dir);
        bool new_ok = is_pilot_path(gd->new_file.path, rules->config.pilots_dir);
        pl_pilot_delta d;
        memset(&d, 0, sizeof(d));
        switch (gd->status) {
        case GIT_DELTA_ADDED:
            if (!new_ok) continue;
            d.status = PL_DELTA_ADDED;
            d.new_ = load(s, &gd->new_file, rules, today);
            break;
        case GIT_DELTA_DELETED:
            if (!old_ok) continue;
            d.status = PL_DELTA_DELETED;
            d.old = load(s, &gd->old_file, NULL, today);
            break;
        case GIT_DELTA_RENAMED:
            if (!new_ok && !old_ok) continue;
            d.status = old_ok && new_ok ? PL_DELTA_RENAMED
                       : new_ok         ? PL_DELTA_ADDED
                                        : PL_DELTA_DELETED;
            if (old_ok) d.old = load(s, &gd->old_file, NULL, today);
            if (new_ok) d.new_ = load(s, &gd->new_file, rules, today);
            break;
        case GIT_DELTA_MODIFIED:
        case GIT_DELTA_TYPECHANGE:
            if (!new_ok) continue;
            d.status = PL_DELTA_MODIFIED;
            d.old = load(s, &gd->old_file, NULL, today);
            d.new_ = load(s, &gd->new_file, rules, today);
            break;
        default:
            continue;
        }
        if (d.old && d.new_) pl_pilot_check_transition_doc(d.new_, rules, d.old->doc);
        if (d.old && d.old->doc) pl_fields_flatten(&d.old_fields, d.old->doc->root, &d.arena);
        if (d.new_ && d.new_->doc) pl_fields_flatten(&d.new_fields, d.new_->doc->root, &d.arena);
        size_t ccap = 0;
        pl_fields_diff(&d.old_fields, &d.new_fields, &d.changes, &d.n_changes, &ccap);
        pl_grow((void **)&out->items, &cap, out->len + 1, sizeof(*out->items));
        out->items[out->len++] = d;
    }
    git_diff_free(diff);
    if (out->len > 1) qsort(out->items, out->len, sizeof(*out->items), cmp_delta);
    return 0;
}

void pl_comparison_free(pl_comparison *c)
{
    for (size_t i = 0; i < c->len; i++) {
        pl_pilot_delta *d = &c->items[i];
        pl_pilot_free(d->old);
        pl_pilot_free(d->new_);
        free(d->changes);
        pl_arena_free(&d->arena);
    }
    free(c->items);
    memset(c, 0, sizeof(*c));
}
