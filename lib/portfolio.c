/*
 * portfolio.c - portfolio statistics over a set of pilots.
 */
#include "portfolio.h"

#include "date.h"

#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void pl_portfolio_compute(pl_portfolio *out, const pl_pilots *pilots, const pl_workflow *wf,
                          int today)
{
    memset(out, 0, sizeof(*out));
    out->per_stage = pl_calloc(wf->n_stages ? wf->n_stages : 1, sizeof(*out->per_stage));
    out->flags = pl_calloc(pilots->len ? pilots->len : 1, sizeof(*out->flags));
    int *days = pl_malloc((pilots->len ? pilots->len : 1) * sizeof(*days));
    size_t ndays = 0;
    for (size_t i = 0; i < pilots->len; i++) {
        const pl_pilot *p = pilots->items[i];
        const char *stage = pl_pilot_str(p, "stage");
        const char *outcome = pl_pilot_str(p, "decision.outcome");
        int si = pl_workflow_stage_index(wf, stage);
        out->flags[i] = pl_pilot_flags(p, wf, today);
        for (unsigned b = 0; b < PL_FLAG_COUNT; b++)
            if (out->flags[i] & (1u << b)) out->flag_counts[b]++;
        if (si < 0) continue;
        out->per_stage[si]++;
        const pl_stage *st = &wf->stages[si];
        if (st->converted)
            out->converted++;
        else if (st->closed && st->n_next == 0)
            out->stopped++;
        else if (st->closed && outcome && strcmp(outcome, "no-go") == 0)
            out->no_go++;
        else if (!st->closed)
            out->open++;
        int start, decided;
        const char *sd = pl_pilot_str(p, "start"), *dd = pl_pilot_str(p, "decision.date");
        if (st->closed && outcome &&
            (strcmp(outcome, "go") == 0 || strcmp(outcome, "no-go") == 0) &&
            pl_date_parse(sd, &start) && pl_date_parse(dd, &decided) && decided >= start)
            days[ndays++] = decided - start;
    }
    size_t denom = out->converted + out->stopped + out->no_go;
    out->conversion = denom ? (double)out->converted / (double)denom : -1;
    out->decided_with_dates = ndays;
    if (ndays) {
        qsort(days, ndays, sizeof(*days), cmp_int);
        out->median_days =
            ndays % 2 ? days[ndays / 2] : (days[ndays / 2 - 1] + days[ndays / 2]) / 2;
    } else {
        out->median_days = -1;
    }
    free(days);
}

void pl_portfolio_free(pl_portfolio *p)
{
    free(p->per_stage);
    free(p->flags);
    memset(p, 0, sizeof(*p));
}
