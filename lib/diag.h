/*
 * diag.h - validation problems: what is wrong with a pilot, where
 * (line:col and JSON pointer), and whether it is an error or a warning.
 */
#ifndef PL_DIAG_H
#define PL_DIAG_H

#include "common.h"

typedef enum pl_severity {
    PL_SEV_ERROR,
    PL_SEV_WARNING,
} pl_severity;

typedef struct pl_diag {
    pl_severity severity;
    int line, col; /* 1-based, 0 when the problem has no place in the file */
    char *pointer; /* JSON pointer of the field ("" = the whole document) */
    char *rule;    /* short stable id, e.g. "required", "type", "dates" */
    char *message;
} pl_diag;

typedef struct pl_diags {
    pl_diag *items;
    size_t len, cap;
} pl_diags;

#define PL_DIAGS_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void pl_diags_add(pl_diags *d, pl_severity sev, int line, int col, const char *pointer,
                  const char *rule, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Records a pl_error (e.g. a YAML syntax error) as an error diagnostic. */
void pl_diags_add_error(pl_diags *d, const pl_error *err, const char *rule);
size_t pl_diags_count(const pl_diags *d, pl_severity sev);
/* Sorts by position and drops exact duplicates. */
void pl_diags_sort(pl_diags *d);
/* Drops the problems of one rule, keeping the others in order. */
void pl_diags_remove_rule(pl_diags *d, const char *rule);
void pl_diags_clear(pl_diags *d);
void pl_diags_free(pl_diags *d);
const char *pl_severity_name(pl_severity sev);

#endif
