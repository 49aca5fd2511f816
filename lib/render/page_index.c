/*
 * page_index.c - index.html, the portfolio: first what needs a decision
 * or is missing what a decision needs, then conversion and time to
 * decision, then the funnel and the timeline, then every pilot.
 */
#include "render/site_int.h"

#include "criteria.h"
#include "date.h"
#include "render/svg.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

enum { ATTENTION_MAX = 25, TIMELINE_ROWS = 40 };

void site_badge(pl_buf *out, const char *cls_prefix, const char *word)
{
    pl_buf_printf(out, "<span class=\"badge %s", cls_prefix);
    pl_html_attr(out, word ? word : "unknown");
    pl_buf_puts(out, "\">");
    pl_html_text(out, word ? word : "unknown");
    pl_buf_puts(out, "</span>");
}

static void pilot_link(pl_buf *out, const pl_pilot *p)
{
    const char *title = pl_pilot_str(p, "title");
    if (p->id) {
        pl_buf_puts(out, "<a href=\"pilots/");
        pl_html_attr(out, p->id);
        pl_buf_puts(out, ".html\">");
    }
    pl_html_text(out, title ? title : p->id ? p->id : p->path);
    if (p->id) pl_buf_puts(out, "</a>");
}

enum {
    MISSING = PL_FLAG_NO_DECISION_OWNER | PL_FLAG_NO_BUDGET | PL_FLAG_NO_PRODUCTION_PATH |
              PL_FLAG_NO_MEASURABLE_CRITERIA | PL_FLAG_NO_DEADLINE,
};

static size_t count_with(const site_ctx *c, unsigned mask)
{
    size_t n = 0;
    for (size_t i = 0; i < c->pilots->len; i++) n += (c->pf.flags[i] & mask) != 0;
    return n;
}

static void group_begin(pl_buf *out, const char *heading, size_t count, const char *why)
{
    pl_buf_printf(out,
                  "<div class=\"attention-group\"><h3>%s <span class=\"count\">%zu</span></h3>\n",
                  heading, count);
    if (why) pl_buf_printf(out, "<p class=\"why\">%s</p>\n", why);
    pl_buf_puts(out, "<ul>\n");
}

static void group_end(pl_buf *out, size_t count, size_t shown)
{
    pl_buf_puts(out, "</ul>\n");
    if (count > shown)
        pl_buf_printf(out, "<p class=\"more\">and %zu more in the table below</p>\n",
                      count - shown);
    pl_buf_puts(out, "</div>\n");
}

/* One list of pilots carrying any flag of mask; each line says why. */
static void attention_list(pl_buf *out, const site_ctx *c, unsigned mask, const char *heading,
                           const char *why)
{
    size_t count = count_with(c, mask), shown = 0;
    if (!count) return;
    group_begin(out, heading, count, why);
    for (size_t i = 0; i < c->pilots->len && shown < ATTENTION_MAX; i++) {
        unsigned f = c->pf.flags[i] & mask;
        if (!f) continue;
        const pl_pilot *p = c->pilots->items[i];
        char name[200];
        pl_buf_puts(out, "<li>");
        pilot_link(out, p);
        pl_buf_puts(out, " ");
        site_badge(out, "stage-", pl_pilot_str(p, "stage"));
        if (mask == PL_FLAG_OVERDUE) {
            int d;
            const char *dl = pl_pilot_str(p, "decision_deadline");
            if (pl_date_parse(dl, &d))
                pl_html_textf(out, " — deadline %s, %d day%s ago", dl, c->opts->today - d,
                              c->opts->today - d == 1 ? "" : "s");
            const char *who = pl_person_name(pl_pilot_str(p, "decision_owner"), name, sizeof(name));
            if (who) pl_html_textf(out, "; decides: %s", who);
        } else if (mask == PL_FLAG_INVALID) {
            pl_html_textf(out, " — %zu error%s in ", pl_pilot_errors(p),
                          pl_pilot_errors(p) == 1 ? "" : "s");
            pl_buf_puts(out, "<code>");
            pl_html_text(out, p->path);
            pl_buf_puts(out, "</code>");
            for (size_t k = 0; k < p->diags.len; k++)
                if (p->diags.items[k].severity == PL_SEV_ERROR) {
                    pl_buf_puts(out, ": ");
                    pl_html_text(out, p->diags.items[k].message);
                    break;
                }
        } else if (mask == MISSING) {
            pl_buf_puts(out, " — missing");
            bool first = true;
            for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1)
                if (f & bit) {
                    /* "no decision owner" -> "decision owner" */
                    const char *label = pl_flag_label(bit);
                    pl_buf_printf(out, "%s %s", first ? ":" : ",",
                                  strncmp(label, "no ", 3) == 0 ? label + 3 : label);
                    first = false;
                }
        } else {
            const char *owner = pl_person_name(pl_pilot_str(p, "owner"), name, sizeof(name));
            const char *start = pl_pilot_str(p, "start");
            if (start) pl_html_textf(out, " — started %s", start);
            if (owner) pl_html_textf(out, ", owner %s", owner);
        }
        pl_buf_puts(out, "</li>\n");
        shown++;
    }
    group_end(out, count, shown);
}

static void attention(pl_buf *out, const site_ctx *c)
{
    pl_buf_puts(out, "<section class=\"attention\" aria-labelledby=\"attention\">\n<h2 "
                     "id=\"attention\">Needs attention</h2>\n");
    if (!count_with(c, PL_FLAG_OVERDUE | MISSING | PL_FLAG_INVALID | PL_FLAG_LONG)) {
        pl_buf_puts(
            out,
            "<p class=\"all-clear\">Nothing overdue. Every open pilot names a decision owner, a "
            "budget holder, a production path, a deadline and measurable "
            "criteria.</p>\n</section>\n");
        return;
    }
    attention_list(out, c, PL_FLAG_OVERDUE, "Decisions overdue",
                   "The decision deadline has passed without a decision.");
    pl_buf why = PL_BUF_INIT;
    pl_buf_puts(
        &why,
        "A decision needs one named decision owner, a budget holder, a route to production, a "
        "deadline and measurable criteria. Open pilots without them:");
    static const unsigned parts[] = {PL_FLAG_NO_DECISION_OWNER, PL_FLAG_NO_BUDGET,
                                     PL_FLAG_NO_PRODUCTION_PATH, PL_FLAG_NO_MEASURABLE_CRITERIA,
                                     PL_FLAG_NO_DEADLINE};
    bool first = true;
    for (size_t k = 0; k < PL_ARRAY_SIZE(parts); k++) {
        size_t n = c->pf.flag_counts[__builtin_ctz(parts[k])];
        if (!n) continue;
        pl_buf_printf(&why, "%s %zu %s", first ? "" : ",", n, pl_flag_label(parts[k]));
        first = false;
    }
    pl_buf_putc(&why, '.');
    attention_list(out, c, MISSING, "Missing what a decision needs", why.ptr);
    pl_buf_free(&why);
    attention_list(out, c, PL_FLAG_LONG, "Running longer than 26 weeks",
                   "Pilots that drift lose focus.");
    attention_list(out, c, PL_FLAG_INVALID, "Files with errors",
                   "pilotlog check reports errors for these files.");
    pl_buf_puts(out, "</section>\n");
}

static void kpi(pl_buf *out, const char *value, const char *label)
{
    pl_buf_printf(out,
                  "<div class=\"kpi\"><span class=\"kpi-value\">%s</span><span "
                  "class=\"kpi-label\">%s</span></div>\n",
                  value, label);
}

static void conversion(pl_buf *out, const site_ctx *c)
{
    const pl_portfolio *pf = &c->pf;
    char value[64], label[256];
    pl_buf_puts(out, "<section aria-labelledby=\"conversion\">\n<h2 "
                     "id=\"conversion\">Conversion</h2>\n<div class=\"kpis\">\n");
    size_t decided = pf->converted + pf->stopped + pf->no_go;
    if (pf->conversion >= 0) {
        snprintf(value, sizeof(value), "%.0f%%", pf->conversion * 100);
        snprintf(label, sizeof(label), "of decided pilots reached production (%zu of %zu)",
                 pf->converted, decided);
    } else {
        snprintf(value, sizeof(value), "—");
        snprintf(label, sizeof(label), "conversion to production: no pilot decided yet");
    }
    kpi(out, value, label);
    if (pf->median_days >= 0) {
        snprintf(value, sizeof(value), "%d days", pf->median_days);
        snprintf(label, sizeof(label), "median from start to go / no-go (%zu pilot%s)",
                 pf->decided_with_dates, pf->decided_with_dates == 1 ? "" : "s");
    } else {
        snprintf(value, sizeof(value), "—");
        snprintf(label, sizeof(label), "median time to decision: no go / no-go yet");
    }
    kpi(out, value, label);
    snprintf(value, sizeof(value), "%zu", pf->open);
    kpi(out, value, "open pilots (not yet decided)");
    snprintf(value, sizeof(value), "%zu", pf->flag_counts[__builtin_ctz(PL_FLAG_OVERDUE)]);
    kpi(out, value, "decisions overdue");
    pl_buf_puts(out, "</div>\n</section>\n");
}

static void criteria_cell(pl_buf *out, const pl_pilot *p)
{
    size_t met, n = pl_criteria_met(pl_pilot_field(p, "success_criteria"), &met);
    if (n)
        pl_buf_printf(out, "<td class=\"num\">%zu of %zu</td>", met, n);
    else
        pl_buf_puts(out, "<td class=\"num\">—</td>");
}

static void pilot_table(pl_buf *out, const site_ctx *c)
{
    pl_buf_puts(out, "<section aria-labelledby=\"all\">\n<h2 id=\"all\">All pilots</h2>\n<div "
                     "class=\"table-wrap\">\n"
                     "<table class=\"pilots\">\n<thead><tr><th scope=\"col\">Pilot</th><th "
                     "scope=\"col\">Stage</th>"
                     "<th scope=\"col\">Owner</th><th scope=\"col\">Decision owner</th><th "
                     "scope=\"col\">Deadline</th>"
                     "<th scope=\"col\">Criteria met</th><th "
                     "scope=\"col\">Attention</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < c->pilots->len; i++) {
        const pl_pilot *p = c->pilots->items[i];
        char a[200], b[200];
        pl_buf_puts(out, "<tr><th scope=\"row\">");
        pilot_link(out, p);
        pl_buf_puts(out, "<span class=\"id\">");
        pl_html_text(out, p->id ? p->id : p->path);
        pl_buf_puts(out, "</span></th><td>");
        site_badge(out, "stage-", pl_pilot_str(p, "stage"));
        pl_buf_puts(out, "</td><td>");
        pl_html_text(out, pl_person_name(pl_pilot_str(p, "owner"), a, sizeof(a)));
        pl_buf_puts(out, "</td><td>");
        const char *dec = pl_person_name(pl_pilot_str(p, "decision_owner"), b, sizeof(b));
        if (dec)
            pl_html_text(out, dec);
        else
            pl_buf_puts(out, "—");
        pl_buf_puts(out, "</td><td class=\"date\">");
        const char *dl = pl_pilot_str(p, "decision_deadline");
        pl_html_text(out, dl ? dl : "—");
        pl_buf_puts(out, "</td>");
        criteria_cell(out, p);
        pl_buf_puts(out, "<td>");
        bool first = true;
        for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1) {
            if (!(c->pf.flags[i] & bit)) continue;
            pl_buf_printf(out, "%s<span class=\"flag flag-%s\">%s</span>", first ? "" : " ",
                          pl_flag_name(bit), pl_flag_label(bit));
            first = false;
        }
        pl_buf_puts(out, "</td></tr>\n");
    }
    pl_buf_puts(out, "</tbody>\n</table>\n</div>\n</section>\n");
}

void site_index(pl_buf *out, const site_ctx *c)
{
    pl_page page = {c->title, c->title, "", "portfolio"};
    pl_html_begin(out, &page);
    pl_buf_puts(out, "<h1>");
    pl_html_text(out, c->title);
    pl_buf_puts(out, "</h1>\n<p class=\"lede\">");
    pl_html_textf(out, "%zu pilot%s, as of %s.", c->pilots->len, c->pilots->len == 1 ? "" : "s",
                  c->today_s);
    if (c->history && c->history->truncated)
        pl_buf_puts(out, " <span class=\"note\">History is truncated (shallow clone).</span>");
    pl_buf_puts(out, "</p>\n");
    attention(out, c);
    conversion(out, c);
    pl_buf_puts(out, "<section aria-labelledby=\"funnel\">\n<h2 id=\"funnel\">Pilots per "
                     "stage</h2>\n<figure>\n");
    pl_svg_funnel(out, &c->pf, c->rules->workflow);
    pl_buf_puts(out, "</figure>\n</section>\n<section aria-labelledby=\"timeline\">\n<h2 "
                     "id=\"timeline\">Timeline</h2>\n");
    size_t open_with_dates = 0;
    pl_buf chart = PL_BUF_INIT;
    open_with_dates = pl_svg_timeline(&chart, c->pilots, &c->pf, c->rules->workflow, c->opts->today,
                                      TIMELINE_ROWS);
    if (open_with_dates) {
        pl_buf_puts(out, "<figure>\n");
        pl_buf_put(out, chart.ptr, chart.len);
        pl_buf_puts(
            out,
            "<figcaption>Open pilots, soonest decision deadline first: bars run from start to end, "
            "a diamond marks the decision deadline, the dashed line is "
            "today.</figcaption>\n</figure>\n");
        if (c->pf.open > open_with_dates)
            pl_buf_printf(out,
                          "<p class=\"more\">%zu more open pilots are in the table below.</p>\n",
                          c->pf.open - open_with_dates);
    } else {
        pl_buf_puts(out, "<p>No open pilot has start and end dates yet.</p>\n");
    }
    pl_buf_free(&chart);
    pl_buf_puts(out, "</section>\n");
    pilot_table(out, c);
    pl_html_end(out, &page, c->note);
}
