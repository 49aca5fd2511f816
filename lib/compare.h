/*
 * compare.h - what changes between two versions of the pilots folder,
 * pilot by pilot and field by field: the content of a pull request
 * review (`pilotlog diff`).
 */
#ifndef PL_COMPARE_H
#define PL_COMPARE_H

#include "fields.h"
#include "store.h"

typedef enum pl_delta_status {
    PL_DELTA_ADDED = 'A',
    PL_DELTA_MODIFIED = 'M',
    PL_DELTA_DELETED = 'D',
    PL_DELTA_RENAMED = 'R',
} pl_delta_status;

typedef struct pl_pilot_delta {
    pl_delta_status status;
    pl_pilot *old;  /* NULL when added; parsed, not validated */
    pl_pilot *new_; /* NULL when deleted; validated, transition included */
    pl_fields old_fields, new_fields;
    pl_field_change *changes; /* field by field, in path order */
    size_t n_changes;
    pl_arena arena;
} pl_pilot_delta;

typedef struct pl_comparison {
    pl_pilot_delta *items; /* decisions and stage changes first, then by id */
    size_t len;
} pl_comparison;

/* Compares the pilots of two trees (either may be NULL). rules validate
 * the new side. */
int pl_compare_trees(pl_comparison *out, pl_store *store, git_tree *old_tree, git_tree *new_tree,
                     const pl_rules *rules, int today, pl_error *err);
void pl_comparison_free(pl_comparison *c);

/* Whether the delta records a decision or moves the stage. */
bool pl_delta_has_decision(const pl_pilot_delta *d);
bool pl_delta_moves_stage(const pl_pilot_delta *d);

#endif
