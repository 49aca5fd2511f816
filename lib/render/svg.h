/*
 * svg.h - the portfolio's charts as inline SVG: no scripts, no external
 * files, readable without colour (every bar is labelled with its number,
 * markers differ in shape, and each chart has a text description).
 */
#ifndef PL_RENDER_SVG_H
#define PL_RENDER_SVG_H

#include "buf.h"
#include "pilot.h"
#include "portfolio.h"

/* Pilots per stage, in workflow order. */
void pl_svg_funnel(pl_buf *out, const pl_portfolio *pf, const pl_workflow *wf);

/* Start -> end bars with the decision deadline and a "today" line for up
 * to max_rows open pilots (soonest deadline first). Returns the number of
 * pilots drawn. */
size_t pl_svg_timeline(pl_buf *out, const pl_pilots *pilots, const pl_portfolio *pf,
                       const pl_workflow *wf, int today, size_t max_rows);

#endif
