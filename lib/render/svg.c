/*
 * svg.c - funnel and timeline charts.
 */
#include "render/svg.h"

#include "date.h"
#include "render/html.h"

#include <stdlib.h>
#include <string.h>

enum { FUNNEL_W = 640, FUNNEL_LABEL = 130, FUNNEL_ROW = 34, FUNNEL_BAR = 24 };
enum { TL_W = 900, TL_LABEL = 230, TL_ROW = 26, TL_TOP = 34, TL_BOTTOM = 14, TL_LABEL_CHARS = 28 };

void pl_svg_funnel(pl_buf *out, const pl_portfolio *pf, const pl_workflow *wf)
{
    size_t max = 1;
    for (size_t i = 0; i < wf->n_stages; i++)
        if (pf->per_stage[i] > max) max = pf->per_stage[i];
    int height = (int)wf->n_stages * FUNNEL_ROW + 4, span = FUNNEL_W - FUNNEL_LABEL - 60;
    pl_buf_printf(out,
                  "<svg class=\"chart funnel\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
                  "aria-labelledby=\"funnel-title funnel-desc\">\n<title "
                  "id=\"funnel-title\">Pilots per stage</title>\n"
                  "<desc id=\"funnel-desc\">",
                  FUNNEL_W, height);
    for (size_t i = 0; i < wf->n_stages; i++)
        pl_html_textf(out, "%s%s: %zu", i ? ", " : "", wf->stages[i].name, pf->per_stage[i]);
    pl_buf_puts(out, "</desc>\n");
    for (size_t i = 0; i < wf->n_stages; i++) {
        int y = (int)i * FUNNEL_ROW + 2;
        int w = pf->per_stage[i] ? (int)((double)span * (double)pf->per_stage[i] / (double)max) : 0;
        if (pf->per_stage[i] && w < 3) w = 3;
        int x = FUNNEL_LABEL + (span - w) / 2;
        pl_buf_printf(
            out, "<g class=\"row\"><text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
            FUNNEL_LABEL - 10, y + FUNNEL_BAR / 2 + 5);
        pl_html_text(out, wf->stages[i].name);
        pl_buf_puts(out, "</text>");
        pl_buf_printf(out, "<rect class=\"bar stage-");
        pl_html_attr(out, wf->stages[i].name);
        pl_buf_printf(out, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\"/>", x, y, w,
                      FUNNEL_BAR);
        pl_buf_printf(out, "<text class=\"count\" x=\"%d\" y=\"%d\">%zu</text></g>\n", x + w + 8,
                      y + FUNNEL_BAR / 2 + 5, pf->per_stage[i]);
    }
    pl_buf_puts(out, "</svg>\n");
}

typedef struct row {
    const pl_pilot *p;
    int start, end, deadline; /* deadline may be INT32_MIN */
    bool overdue;
} row;

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int dx = x->deadline == INT32_MIN ? x->end : x->deadline,
        dy = y->deadline == INT32_MIN ? y->end : y->deadline;
    if (dx != dy) return dx < dy ? -1 : 1;
    return strcmp(x->p->id ? x->p->id : "", y->p->id ? y->p->id : "");
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

size_t pl_svg_timeline(pl_buf *out, const pl_pilots *pilots, const pl_portfolio *pf,
                       const pl_workflow *wf, int today, size_t max_rows)
{
    row *rows = pl_calloc(pilots->len ? pilots->len : 1, sizeof(*rows));
    size_t n = 0;
    for (size_t i = 0; i < pilots->len; i++) {
        const pl_pilot *p = pilots->items[i];
        const pl_stage *st = pl_workflow_stage(wf, pl_pilot_str(p, "stage"));
        row r = {p, 0, 0, INT32_MIN, (pf->flags[i] & PL_FLAG_OVERDUE) != 0};
        if (!p->id || (st && st->closed)) continue;
        if (!pl_date_parse(pl_pilot_str(p, "start"), &r.start) ||
            !pl_date_parse(pl_pilot_str(p, "end"), &r.end))
            continue;
        if (!pl_date_parse(pl_pilot_str(p, "decision_deadline"), &r.deadline))
            r.deadline = INT32_MIN;
        rows[n++] = r;
    }
    if (n > 1) qsort(rows, n, sizeof(*rows), cmp_row);
    if (n > max_rows) n = max_rows;
    if (!n) {
        free(rows);
        return 0;
    }
    int lo = today, hi = today;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].start < lo) lo = rows[i].start;
        if (rows[i].end > hi) hi = rows[i].end;
        if (rows[i].deadline != INT32_MIN && rows[i].deadline > hi) hi = rows[i].deadline;
    }
    lo -= 7, hi += 14;
    double scale = (double)(TL_W - TL_LABEL - 20) / (double)(hi - lo);
#define X(day) (TL_LABEL + (int)((double)((day)-lo) * scale))
    int height = TL_TOP + (int)n * TL_ROW + TL_BOTTOM;
    /* a group, not an image: an image's content is hidden from assistive
     * technology, and the pilots' names in it are links */
    pl_buf_printf(
        out,
        "<svg class=\"chart timeline\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"group\" "
        "aria-labelledby=\"timeline-title\" aria-describedby=\"timeline-desc\">\n<title "
        "id=\"timeline-title\">Timeline "
        "of open "
        "pilots</title>\n<desc id=\"timeline-desc\">Bars run from start to end; a diamond marks "
        "the "
        "decision deadline; the dashed line is today.",
        TL_W, height);
    for (size_t i = 0; i < n; i++) {
        char s[11], e[11], d[11];
        pl_date_format(rows[i].start, s);
        pl_date_format(rows[i].end, e);
        if (rows[i].deadline != INT32_MIN) pl_date_format(rows[i].deadline, d);
        pl_html_textf(out, " %s: %s to %s%s%s%s.", rows[i].p->id, s, e,
                      rows[i].deadline != INT32_MIN ? ", decision by " : "",
                      rows[i].deadline != INT32_MIN ? d : "", rows[i].overdue ? " (overdue)" : "");
    }
    pl_buf_puts(out, "</desc>\n");
    /* month grid */
    int y0, m0, d0;
    pl_civil_from_days(lo, &y0, &m0, &d0);
    bool first = true;
    for (int y = y0, m = m0;; m++) {
        if (m > 12) m = 1, y++;
        int day = pl_days_from_civil(y, m, 1);
        if (day > hi) break;
        if (day < lo) continue;
        pl_buf_printf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X(day),
                      TL_TOP - 6, X(day), height - TL_BOTTOM);
        /* the year on the first tick and on every January */
        if (first || m == 1)
            pl_buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\">%s %d</text>\n", X(day) + 3,
                          TL_TOP - 12, months[m - 1], y);
        else
            pl_buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\">%s</text>\n", X(day) + 3,
                          TL_TOP - 12, months[m - 1]);
        first = false;
    }
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        int y = TL_TOP + (int)i * TL_ROW;
        const char *stage = pl_pilot_str(r->p, "stage");
        pl_buf_printf(out, "<g class=\"row%s\"><a href=\"pilots/", r->overdue ? " overdue" : "");
        pl_html_attr(out, r->p->id);
        pl_buf_printf(out, ".html\"><text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
                      TL_LABEL - 8, y + 15);
        size_t idlen = strlen(r->p->id);
        if (idlen > TL_LABEL_CHARS) { /* ids are ASCII: cut at a byte */
            pl_html_textn(out, r->p->id, TL_LABEL_CHARS - 1);
            pl_buf_puts(out, "…");
        } else {
            pl_html_text(out, r->p->id);
        }
        pl_buf_puts(out, "</text></a>");
        pl_buf_puts(out, "<rect class=\"bar stage-");
        pl_html_attr(out, stage ? stage : "unknown");
        pl_buf_printf(out, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" rx=\"2\"><title>",
                      X(r->start), y + 4,
                      X(r->end) - X(r->start) > 2 ? X(r->end) - X(r->start) : 2);
        pl_html_text(out, r->p->id);
        pl_html_textf(out, " (%s)", stage ? stage : "?");
        pl_buf_puts(out, "</title></rect>");
        if (r->deadline != INT32_MIN) {
            int x = X(r->deadline), cy = y + 11;
            pl_buf_printf(out, "<polygon class=\"deadline\" points=\"%d,%d %d,%d %d,%d %d,%d\"/>",
                          x, cy - 7, x + 7, cy, x, cy + 7, x - 7, cy);
            if (r->overdue)
                pl_buf_printf(out, "<text class=\"flag\" x=\"%d\" y=\"%d\">overdue</text>", x + 10,
                              y + 15);
        }
        pl_buf_puts(out, "</g>\n");
    }
    pl_buf_printf(out, "<line class=\"today\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X(today),
                  TL_TOP - 6, X(today), height - TL_BOTTOM + 4);
    pl_buf_printf(out, "<text class=\"today-label\" x=\"%d\" y=\"%d\">today</text>\n</svg>\n",
                  X(today) + 4, height - 2);
#undef X
    free(rows);
    return n;
}
