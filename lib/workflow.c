/*
 * workflow.c - loading workflow.yaml and the cross-field rules.
 */
#include "workflow.h"

#include "date.h"
#include "doc.h"
#include "embedded.h"
#include "schema.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static char **string_list(const pl_value *seq, size_t *n)
{
    *n = seq && seq->type == PL_SEQ ? seq->u.seq.len : 0;
    char **out = pl_calloc(*n + 1, sizeof(*out));
    for (size_t i = 0; i < *n; i++) out[i] = pl_strdup(seq->u.seq.items[i]->u.str.ptr);
    return out;
}

static bool flag(const pl_value *stage, const char *key)
{
    const pl_value *v = pl_map_get(stage, key);
    return v && v->type == PL_BOOL && v->u.b;
}

/* Validates the file's shape with the embedded workflow schema. */
static int validate_shape(const pl_doc *doc, const char *path, pl_error *err)
{
    const pl_embedded *e = pl_embedded_find("schemas/workflow.schema.yaml");
    pl_schema *schema;
    pl_diags diags = PL_DIAGS_INIT;
    int rc = pl_schema_load(&schema, e->name, e->data, e->len, err);
    if (rc) return rc;
    if (pl_schema_validate(schema, doc->root, &diags)) {
        pl_diag *d = &diags.items[0];
        rc = pl_error_set_at(err, PL_ESCHEMA, d->line, d->col, "%s:%d:%d: %s%s%s", path, d->line,
                             d->col, d->pointer, *d->pointer ? ": " : "", d->message);
    }
    pl_diags_free(&diags);
    pl_schema_free(schema);
    return rc;
}

static int check_names(const pl_workflow *wf, const pl_doc *doc, const char *path, pl_error *err)
{
    if (!pl_workflow_stage(wf, wf->initial))
        return pl_error_set(err, PL_ESCHEMA, "%s: initial stage '%s' is not one of the stages",
                            path, wf->initial);
    for (size_t i = 0; i < wf->n_any_to; i++)
        if (!pl_workflow_stage(wf, wf->any_to[i]))
            return pl_error_set(err, PL_ESCHEMA, "%s: any_to names unknown stage '%s'", path,
                                wf->any_to[i]);
    for (size_t i = 0; i < wf->n_stages; i++)
        for (size_t j = 0; j < wf->stages[i].n_next; j++)
            if (!pl_workflow_stage(wf, wf->stages[i].next[j]))
                return pl_error_set(err, PL_ESCHEMA, "%s: stage '%s' moves to unknown stage '%s'",
                                    path, wf->stages[i].name, wf->stages[i].next[j]);
    PL_UNUSED(doc);
    return 0;
}

int pl_workflow_load(pl_workflow **out, const char *path, const char *text, size_t len,
                     pl_error *err)
{
    pl_doc *doc;
    *out = NULL;
    int rc = pl_doc_parse_yaml(&doc, path, text, len, NULL, err);
    if (rc) {
        pl_error_prefix(err, "%s:%d:%d", path, err ? err->line : 0, err ? err->col : 0);
        if (err) err->code = PL_ESCHEMA;
        return PL_ESCHEMA;
    }
    rc = validate_shape(doc, path, err);
    if (rc) {
        pl_doc_free(doc);
        return rc;
    }
    pl_workflow *wf = pl_calloc(1, sizeof(*wf));
    wf->path = pl_strdup(path);
    wf->initial = pl_strdup(pl_value_path_str(doc->root, "initial"));
    wf->any_to = string_list(pl_map_get(doc->root, "any_to"), &wf->n_any_to);
    const pl_value *stages = pl_map_get(doc->root, "stages");
    wf->n_stages = stages->u.map.len;
    wf->stages = pl_calloc(wf->n_stages, sizeof(*wf->stages));
    for (size_t i = 0; i < wf->n_stages; i++) {
        const pl_pair *p = &stages->u.map.items[i];
        pl_stage *s = &wf->stages[i];
        s->name = pl_strdup(p->key);
        s->next = string_list(pl_map_get(p->value, "next"), &s->n_next);
        s->active = flag(p->value, "active");
        s->closed = flag(p->value, "closed");
        s->converted = flag(p->value, "converted");
        /* an integer by JSON Schema (1e10 is one) may not fit in an int */
        double md = pl_value_number(pl_map_get(p->value, "max_days"));
        s->max_days = md > INT_MAX ? INT_MAX : (int)md;
    }
    rc = check_names(wf, doc, path, err);
    pl_doc_free(doc);
    if (rc) {
        pl_workflow_free(wf);
        return rc;
    }
    *out = wf;
    return 0;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++) free(list[i]);
    free(list);
}

void pl_workflow_free(pl_workflow *wf)
{
    if (!wf) return;
    for (size_t i = 0; i < wf->n_stages; i++) {
        free(wf->stages[i].name);
        free_list(wf->stages[i].next, wf->stages[i].n_next);
    }
    free(wf->stages);
    free_list(wf->any_to, wf->n_any_to);
    free(wf->initial);
    free(wf->path);
    free(wf);
}

int pl_workflow_stage_index(const pl_workflow *wf, const char *name)
{
    for (size_t i = 0; name && i < wf->n_stages; i++)
        if (strcmp(wf->stages[i].name, name) == 0) return (int)i;
    return -1;
}

const pl_stage *pl_workflow_stage(const pl_workflow *wf, const char *name)
{
    int i = pl_workflow_stage_index(wf, name);
    return i < 0 ? NULL : &wf->stages[i];
}

bool pl_workflow_allows(const pl_workflow *wf, const char *from, const char *to)
{
    const pl_stage *s = pl_workflow_stage(wf, from);
    if (!s || !pl_workflow_stage(wf, to)) return false;
    if (strcmp(from, to) == 0) return true;
    for (size_t i = 0; i < s->n_next; i++)
        if (strcmp(s->next[i], to) == 0) return true;
    for (size_t i = 0; i < wf->n_any_to; i++)
        if (strcmp(wf->any_to[i], to) == 0) return true;
    return false;
}

/* A date field: its day number, or false when absent or not a date (the
 * schema reports malformed dates; these rules just skip them). */
static bool date_field(const pl_value *root, const char *path, int *days, const pl_value **node)
{
    const pl_value *v = pl_value_path(root, path);
    if (node) *node = v;
    return v && v->type == PL_STRING && pl_date_parse(v->u.str.ptr, days);
}

static void check_date_order(const pl_value *root, pl_diags *out)
{
    int start, end, deadline;
    const pl_value *vs, *ve, *vd;
    bool hs = date_field(root, "start", &start, &vs);
    bool he = date_field(root, "end", &end, &ve);
    bool hd = date_field(root, "decision_deadline", &deadline, &vd);
    if (hs && he && end < start)
        pl_diags_add(out, PL_SEV_ERROR, ve->line, ve->col, "/end", "dates",
                     "end %s is before start %s: expected start <= end", ve->u.str.ptr,
                     vs->u.str.ptr);
    if (he && hd && deadline < end)
        pl_diags_add(out, PL_SEV_ERROR, vd->line, vd->col, "/decision_deadline", "dates",
                     "decision_deadline %s is before end %s: expected end <= decision_deadline",
                     vd->u.str.ptr, ve->u.str.ptr);
    else if (!he && hs && hd && deadline < start)
        pl_diags_add(out, PL_SEV_ERROR, vd->line, vd->col, "/decision_deadline", "dates",
                     "decision_deadline %s is before start %s", vd->u.str.ptr, vs->u.str.ptr);
}

static void check_duration(const pl_workflow *wf, const pl_value *root, int today, pl_diags *out)
{
    int start, end, limit = PL_MAX_RUNNING_WEEKS * 7;
    const pl_value *vs, *ve;
    bool hs = date_field(root, "start", &start, &vs);
    bool he = date_field(root, "end", &end, &ve);
    if (hs && he && end - start > limit) {
        pl_diags_add(out, PL_SEV_WARNING, ve->line, ve->col, "/end", "duration",
                     "planned to run %d weeks (start %s to end %s); pilots longer than %d weeks "
                     "tend to lose focus",
                     (end - start + 6) / 7, vs->u.str.ptr, ve->u.str.ptr, PL_MAX_RUNNING_WEEKS);
        return;
    }
    const pl_stage *st = pl_workflow_stage(wf, pl_value_path_str(root, "stage"));
    if (hs && st && st->active && today - start > limit) {
        pl_diags_add(
            out, PL_SEV_WARNING, vs->line, vs->col, "/start", "duration",
            "running for %d weeks since %s; pilots longer than %d weeks tend to lose focus",
            (today - start) / 7, vs->u.str.ptr, PL_MAX_RUNNING_WEEKS);
    }
}

bool pl_workflow_overdue(const pl_workflow *wf, const pl_value *root, int today)
{
    int deadline;
    const pl_stage *st = pl_workflow_stage(wf, pl_value_path_str(root, "stage"));
    if (st && st->closed) return false;
    return date_field(root, "decision_deadline", &deadline, NULL) && deadline < today;
}

static void check_decider(const pl_value *root, pl_diags *out)
{
    const pl_value *by = pl_value_path(root, "decision.by");
    const char *owner = pl_value_path_str(root, "decision_owner");
    if (!by || by->type != PL_STRING || !owner) return;
    if (strcmp(by->u.str.ptr, owner) != 0)
        pl_diags_add(
            out, PL_SEV_ERROR, by->line, by->col, "/decision/by", "decider",
            "decision.by is '%s' but decision_owner is '%s': the decision must be taken by "
            "the named decision owner",
            by->u.str.ptr, owner);
}

void pl_workflow_check(const pl_workflow *wf, const pl_value *root, int today, pl_diags *out)
{
    if (!root || root->type != PL_MAP) return;
    const pl_value *stage = pl_map_get(root, "stage");
    if (stage && stage->type == PL_STRING && !pl_workflow_stage(wf, stage->u.str.ptr))
        pl_diags_add(out, PL_SEV_ERROR, stage->line, stage->col, "/stage", "stage",
                     "stage '%s' is not in the workflow (%s)", stage->u.str.ptr, wf->path);
    check_date_order(root, out);
    check_duration(wf, root, today, out);
    check_decider(root, out);
    if (pl_workflow_overdue(wf, root, today)) {
        const pl_value *d = pl_map_get(root, "decision_deadline");
        int deadline;
        pl_date_parse(d->u.str.ptr, &deadline);
        pl_diags_add(out, PL_SEV_WARNING, d->line, d->col, "/decision_deadline", "overdue",
                     "decision overdue: the deadline %s passed %d day%s ago with no decision",
                     d->u.str.ptr, today - deadline, today - deadline == 1 ? "" : "s");
    }
}

void pl_workflow_check_transition(const pl_workflow *wf, const pl_value *old_root,
                                  const pl_value *new_root, pl_diags *out)
{
    const pl_value *ns = pl_map_get(new_root, "stage");
    const char *to = pl_value_str(ns);
    if (!to) return;
    if (!old_root) {
        /* A new pilot may enter anywhere up to the initial stage; later
         * stages must be reached through the workflow. */
        (void)wf;
        return;
    }
    const char *from = pl_value_path_str(old_root, "stage");
    if (!from) return;
    if (!pl_workflow_allows(wf, from, to) && pl_workflow_stage(wf, from) &&
        pl_workflow_stage(wf, to))
        pl_diags_add(out, PL_SEV_ERROR, ns->line, ns->col, "/stage", "transition",
                     "stage moves from '%s' to '%s', which the workflow does not allow", from, to);

    const char *old_outcome = pl_value_path_str(old_root, "decision.outcome");
    const pl_value *nov = pl_value_path(new_root, "decision.outcome");
    const char *new_outcome = pl_value_str(nov);
    if (old_outcome && strcmp(from, to) == 0 &&
        (!new_outcome || strcmp(old_outcome, new_outcome) != 0)) {
        const pl_value *at = nov ? nov : ns;
        pl_diags_add(out, PL_SEV_ERROR, at->line, at->col, "/decision/outcome", "decision",
                     "the recorded decision '%s' is changed to '%s' without a stage change: record "
                     "a new decision by moving the stage too",
                     old_outcome, new_outcome ? new_outcome : "(removed)");
    }
}
