/*
 * pilot.c - parsing and validating one pilot; pilot sets.
 */
#include "pilot.h"

#include "criteria.h"

#include <stdlib.h>
#include <string.h>

bool pl_id_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > PL_ID_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

bool pl_id_from_path(const char *path, char id[PL_ID_MAX + 1])
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    id[0] = '\0';
    if (n < 1 || n > PL_ID_MAX) return false;
    memcpy(id, base, n);
    id[n] = '\0';
    return pl_id_valid(id);
}

bool pl_pilot_file_name(const char *name, size_t len)
{
    return len > 3 && name[0] != '.' && memcmp(name + len - 3, ".md", 3) == 0;
}

const char *pl_person_name(const char *person, char *buf, size_t cap)
{
    if (!person) return NULL;
    const char *lt = strchr(person, '<');
    size_t n = lt ? (size_t)(lt - person) : strlen(person);
    while (n && person[n - 1] == ' ') n--;
    if (n >= cap) n = cap - 1;
    memcpy(buf, person, n);
    buf[n] = '\0';
    return buf;
}

pl_pilot *pl_pilot_new(const char *path)
{
    pl_pilot *p = pl_calloc(1, sizeof(*p));
    char id[PL_ID_MAX + 1];
    p->path = pl_strdup(path);
    if (pl_id_from_path(path, id)) p->id = pl_strdup(id);
    return p;
}

pl_pilot *pl_pilot_unreadable(const char *path, const pl_error *err)
{
    pl_pilot *p = pl_pilot_new(path);
    pl_diags_add_error(&p->diags, err, "read");
    return p;
}

pl_pilot *pl_pilot_symlink(const char *path)
{
    pl_error err;
    pl_error_set(&err, PL_EINVALID, "is a symbolic link; pilots must be regular files");
    return pl_pilot_unreadable(path, &err);
}

/* A stage the schema already rejected need not be reported again as
 * unknown to the workflow. */
static void drop_repeated_stage_error(pl_diags *d)
{
    bool schema_said = false;
    for (size_t i = 0; i < d->len; i++)
        if (strcmp(d->items[i].pointer, "/stage") == 0 && strcmp(d->items[i].rule, "stage") != 0)
            schema_said = true;
    if (schema_said) pl_diags_remove_rule(d, "stage");
}

pl_pilot *pl_pilot_parse(const char *path, const char *text, size_t len, const pl_rules *rules,
                         int today, bool whole_yaml)
{
    pl_pilot *p = pl_pilot_new(path);
    pl_error err;
    pl_error_clear(&err);
    int rc = whole_yaml ? pl_doc_parse_yaml(&p->doc, path, text, len, NULL, &err)
                        : pl_doc_parse_markdown(&p->doc, path, text, len, NULL, &err);
    if (rc) {
        pl_diags_add_error(&p->diags, &err, rc == PL_ELIMIT ? "limit" : "syntax");
        return p;
    }
    if (!whole_yaml && !p->id) {
        pl_diags_add(
            &p->diags, PL_SEV_ERROR, 1, 1, "", "id",
            "file name does not make a valid pilot id: expected lower-case letters, digits "
            "and '-', 1 to %d characters, then .md",
            PL_ID_MAX);
    }
    if (!rules) return p;
    size_t schema_errors = pl_schema_validate(rules->schema, p->doc->root, &p->diags);
    pl_workflow_check(rules->workflow, p->doc->root, today, &p->diags);
    if (schema_errors) drop_repeated_stage_error(&p->diags);
    pl_diags_sort(&p->diags);
    return p;
}

void pl_pilot_check_transition(pl_pilot *p, const pl_rules *rules, const char *old_text,
                               size_t old_len)
{
    pl_doc *old = NULL;
    if (!p->doc || !old_text || pl_doc_parse_markdown(&old, p->path, old_text, old_len, NULL, NULL))
        return;
    pl_pilot_check_transition_doc(p, rules, old);
    pl_doc_free(old);
}

void pl_pilot_check_transition_doc(pl_pilot *p, const pl_rules *rules, const pl_doc *old)
{
    if (!p->doc || !old) return;
    pl_workflow_check_transition(rules->workflow, old->root, p->doc->root, &p->diags);
    pl_diags_sort(&p->diags);
}

void pl_pilot_namespace(pl_pilot *p, const char *ns, const char *origin)
{
    pl_buf b = PL_BUF_INIT;
    if (p->id) {
        pl_buf_printf(&b, "%s/%s", ns, p->id);
        free(p->id);
        p->id = pl_buf_detach(&b);
    }
    pl_buf_printf(&b, "%s:%s", ns, p->path);
    free(p->path);
    p->path = pl_buf_detach(&b);
    free(p->origin);
    p->origin = origin ? pl_strdup(origin) : NULL;
}

bool pl_id_valid_namespaced(const char *id)
{
    const char *slash = id ? strchr(id, '/') : NULL;
    if (!slash) return pl_id_valid(id);
    char ns[PL_ID_MAX + 1];
    size_t n = (size_t)(slash - id);
    if (n == 0 || n > PL_ID_MAX) return false;
    memcpy(ns, id, n);
    ns[n] = '\0';
    return pl_id_valid(ns) && pl_id_valid(slash + 1);
}

void pl_pilot_free(pl_pilot *p)
{
    if (!p) return;
    free(p->id);
    free(p->path);
    free(p->origin);
    pl_doc_free(p->doc);
    pl_diags_free(&p->diags);
    free(p);
}

const pl_value *pl_pilot_field(const pl_pilot *p, const char *dotted)
{
    return p && p->doc ? pl_value_path(p->doc->root, dotted) : NULL;
}

const char *pl_pilot_str(const pl_pilot *p, const char *dotted)
{
    return pl_value_str(pl_pilot_field(p, dotted));
}

size_t pl_pilot_errors(const pl_pilot *p)
{
    return pl_diags_count(&p->diags, PL_SEV_ERROR);
}

size_t pl_pilot_warnings(const pl_pilot *p)
{
    return pl_diags_count(&p->diags, PL_SEV_WARNING);
}

static bool has_measurable_criterion(const pl_value *criteria)
{
    if (!criteria || criteria->type != PL_SEQ) return false;
    for (size_t i = 0; i < criteria->u.seq.len; i++)
        if (pl_target_measurable(pl_map_get(criteria->u.seq.items[i], "target"))) return true;
    return false;
}

static bool has_text(const pl_pilot *p, const char *field)
{
    const char *s = pl_pilot_str(p, field);
    return s && *s;
}

unsigned pl_pilot_flags(const pl_pilot *p, const pl_workflow *wf, int today)
{
    unsigned flags = pl_pilot_errors(p) ? PL_FLAG_INVALID : 0;
    if (!p->doc) return flags;
    const pl_stage *st = pl_workflow_stage(wf, pl_pilot_str(p, "stage"));
    if (st && st->closed) return flags;
    const pl_value *root = p->doc->root;
    if (pl_workflow_overdue(wf, root, today)) flags |= PL_FLAG_OVERDUE;
    if (!has_text(p, "decision_owner")) flags |= PL_FLAG_NO_DECISION_OWNER;
    if (!has_text(p, "budget_holder")) flags |= PL_FLAG_NO_BUDGET;
    if (!has_text(p, "production_path")) flags |= PL_FLAG_NO_PRODUCTION_PATH;
    if (!has_text(p, "decision_deadline")) flags |= PL_FLAG_NO_DEADLINE;
    if (!has_measurable_criterion(pl_map_get(root, "success_criteria")))
        flags |= PL_FLAG_NO_MEASURABLE_CRITERIA;
    for (size_t i = 0; i < p->diags.len; i++)
        if (strcmp(p->diags.items[i].rule, "duration") == 0) flags |= PL_FLAG_LONG;
    return flags;
}

static const struct {
    unsigned flag;
    const char *name, *label;
} flag_names[] = {
    {PL_FLAG_OVERDUE, "overdue", "decision overdue"},
    {PL_FLAG_NO_DECISION_OWNER, "no-decision-owner", "no decision owner"},
    {PL_FLAG_NO_BUDGET, "no-budget", "no budget holder"},
    {PL_FLAG_NO_PRODUCTION_PATH, "no-production-path", "no production path"},
    {PL_FLAG_NO_MEASURABLE_CRITERIA, "no-measurable-criteria", "no measurable criteria"},
    {PL_FLAG_NO_DEADLINE, "no-deadline", "no decision deadline"},
    {PL_FLAG_INVALID, "invalid", "has errors"},
    {PL_FLAG_LONG, "long-running", "running over 26 weeks"},
};

const char *pl_flag_name(unsigned flag)
{
    for (size_t i = 0; i < PL_ARRAY_SIZE(flag_names); i++)
        if (flag_names[i].flag == flag) return flag_names[i].name;
    return "unknown";
}

const char *pl_flag_label(unsigned flag)
{
    for (size_t i = 0; i < PL_ARRAY_SIZE(flag_names); i++)
        if (flag_names[i].flag == flag) return flag_names[i].label;
    return "unknown";
}

void pl_pilots_add(pl_pilots *set, pl_pilot *p)
{
    pl_grow((void **)&set->items, &set->cap, set->len + 1, sizeof(*set->items));
    set->items[set->len++] = p;
}

static int cmp_pilot(const void *a, const void *b)
{
    const pl_pilot *x = *(const pl_pilot *const *)a, *y = *(const pl_pilot *const *)b;
    int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
    return c ? c : strcmp(x->path, y->path);
}

void pl_pilots_sort(pl_pilots *set)
{
    if (set->len > 1) qsort(set->items, set->len, sizeof(*set->items), cmp_pilot);
}

pl_pilot *pl_pilots_find(const pl_pilots *set, const char *id)
{
    for (size_t i = 0; i < set->len; i++)
        if (set->items[i]->id && strcmp(set->items[i]->id, id) == 0) return set->items[i];
    return NULL;
}

void pl_pilots_free(pl_pilots *set)
{
    for (size_t i = 0; i < set->len; i++) pl_pilot_free(set->items[i]);
    free(set->items);
    set->items = NULL;
    set->len = set->cap = 0;
}
