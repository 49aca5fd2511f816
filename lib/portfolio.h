/*
 * portfolio.h - the numbers a programme lead asks for first: pilots per
 * stage, what needs attention, conversion to production and the time it
 * takes to decide.
 *
 * Conversion = production / (production + stopped + no-go decisions).
 * Time to decision = start -> the date of the final go / no-go.
 * Stages are judged by their workflow flags, not their names: "converted"
 * stages count as production, closed final stages as stopped.
 */
#ifndef PL_PORTFOLIO_H
#define PL_PORTFOLIO_H

#include "pilot.h"

typedef struct pl_portfolio {
    size_t *per_stage; /* counts in workflow order */
    size_t converted, stopped, no_go, open;
    double conversion; /* -1 when nothing was decided yet */
    int median_days;   /* start -> go/no-go; -1 when no data */
    size_t decided_with_dates;
    unsigned *flags; /* per pilot, in the set's order */
    size_t flag_counts[PL_FLAG_COUNT];
} pl_portfolio;

void pl_portfolio_compute(pl_portfolio *out, const pl_pilots *pilots, const pl_workflow *wf,
                          int today);
void pl_portfolio_free(pl_portfolio *p);

#endif
