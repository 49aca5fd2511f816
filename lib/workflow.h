/*
 * workflow.h - the lifecycle (stages and allowed transitions, from
 * workflow.yaml) and the rules that span several fields: date order,
 * duration, overdue decisions, who decided, and transitions between two
 * versions of a pilot.
 */
#ifndef PL_WORKFLOW_H
#define PL_WORKFLOW_H

#include "diag.h"
#include "value.h"

typedef struct pl_stage {
    char *name;
    char **next;
    size_t n_next;
    bool active;    /* running: duration warning applies */
    bool closed;    /* decided: no overdue warning */
    bool converted; /* reached production */
    int max_days;   /* 0 = no limit */
} pl_stage;

typedef struct pl_workflow {
    char *path;
    pl_stage *stages;
    size_t n_stages;
    char *initial;
    char **any_to;
    size_t n_any_to;
} pl_workflow;

/* Weeks after which a running pilot has lost focus (DESIGN §2). */
#define PL_MAX_RUNNING_WEEKS 26

int pl_workflow_load(pl_workflow **out, const char *path, const char *text, size_t len,
                     pl_error *err);
void pl_workflow_free(pl_workflow *wf);
const pl_stage *pl_workflow_stage(const pl_workflow *wf, const char *name);
/* Index of a stage in lifecycle order, or -1. */
int pl_workflow_stage_index(const pl_workflow *wf, const char *name);
/* Whether from -> to is allowed (a stage may always stay itself). */
bool pl_workflow_allows(const pl_workflow *wf, const char *from, const char *to);

/* Rules that are not about one field, for one version of a pilot.
 * today is a day number (see date.h). */
void pl_workflow_check(const pl_workflow *wf, const pl_value *root, int today, pl_diags *out);
/* Rules between the previous committed version and the new one: the stage
 * transition and the "no silent rewrite of a decision" rule. old may be
 * NULL (a new pilot). */
void pl_workflow_check_transition(const pl_workflow *wf, const pl_value *old_root,
                                  const pl_value *new_root, pl_diags *out);
/* Whether the pilot's decision is overdue on day today. */
bool pl_workflow_overdue(const pl_workflow *wf, const pl_value *root, int today);

#endif
