/*
 * criteria.h - evaluating success criteria: a target "OP NUMBER [UNIT]"
 * against an actual "NUMBER [UNIT]".
 *
 * Units: "%"; durations s, min, h, d, w (1d = 24h, 1w = 7d), compared after
 * conversion to seconds; any other word must equal the actual's (case-
 * insensitive). Decimals are allowed ("0.75h").
 */
#ifndef PL_CRITERIA_H
#define PL_CRITERIA_H

#include "value.h"

typedef enum pl_crit_result {
    PL_CRIT_MET,
    PL_CRIT_NOT_MET,
    PL_CRIT_NOT_MEASURED,   /* no actual yet */
    PL_CRIT_NOT_COMPARABLE, /* target or actual unparsable, or units differ */
} pl_crit_result;

typedef enum pl_op { PL_OP_GE, PL_OP_GT, PL_OP_LE, PL_OP_LT, PL_OP_EQ, PL_OP_NE } pl_op;

typedef enum pl_unit_kind {
    PL_UNIT_NONE,
    PL_UNIT_PERCENT,
    PL_UNIT_DURATION, /* value converted to seconds */
    PL_UNIT_WORD,
} pl_unit_kind;

typedef struct pl_quantity {
    double value;
    pl_unit_kind kind;
    char unit[48]; /* as written, for WORD and messages */
} pl_quantity;

typedef struct pl_target {
    pl_op op;
    pl_quantity q;
} pl_target;

/* Parses "OP NUMBER [UNIT]"; PL_EINVALID with a reason in err otherwise. */
int pl_target_parse(pl_target *out, const char *s, pl_error *err);
/* Parses "NUMBER [UNIT]". */
int pl_quantity_parse(pl_quantity *out, const char *s, pl_error *err);
/* Evaluates; why (may be NULL) receives a short explanation. */
pl_crit_result pl_criterion_evaluate(const pl_value *target, const pl_value *actual, char *why,
                                     size_t why_len);
/* One success criterion with its evaluation; strings point into the tree. */
typedef struct pl_criterion_eval {
    const char *id, *metric;
    const pl_value *baseline, *target, *actual;
    pl_crit_result result;
    char why[160];
} pl_criterion_eval;

/* Evaluates every criterion of a success_criteria list. Returns the count;
 * *out (freed by the caller) holds them in file order. */
size_t pl_criteria_evaluate(const pl_value *criteria, pl_criterion_eval **out);
/* How many criteria the list has, and in *met how many are met: what
 * pl_criteria_evaluate would say, without the explanations. */
size_t pl_criteria_met(const pl_value *criteria, size_t *met);

/* Whether a target value is measurable (parses as OP NUMBER [UNIT]). */
bool pl_target_measurable(const pl_value *target);
/* "met", "not_met", "not_measured", "not_comparable". */
const char *pl_crit_result_name(pl_crit_result r);
const char *pl_op_name(pl_op op);

#endif
