/*
 * page_decisions.c - decisions.html: every decision across pilots, newest
 * first, with who decided and why. Without history, the decisions the
 * pilots record now.
 */
#include "render/site_int.h"

#include <stdio.h>
#include <string.h>

static void current_decisions(pl_buf *out, const site_ctx *c)
{
    pl_buf_puts(out, "<ol class=\"history decisions\">\n");
    for (size_t i = 0; i < c->pilots->len; i++) {
        const pl_pilot *p = c->pilots->items[i];
        const char *outcome = pl_pilot_str(p, "decision.outcome");
        if (!outcome || !p->id) continue;
        const char *date = pl_pilot_str(p, "decision.date");
        pl_buf_puts(out, "<li class=\"event event-decision\"><time>");
        pl_html_text(out, date ? date : "");
        pl_buf_puts(out, "</time> <a href=\"pilots/");
        pl_html_attr(out, p->id);
        pl_buf_puts(out, ".html\">");
        pl_html_text(out, p->id);
        pl_buf_puts(out, "</a> <span class=\"what\">Decision ");
        site_badge(out, "outcome-", outcome);
        const char *by = pl_pilot_str(p, "decision.by"),
                   *why = pl_pilot_str(p, "decision.rationale");
        if (by) pl_html_textf(out, " by %s", by);
        if (why) {
            pl_buf_puts(out, ": ");
            pl_html_text(out, why);
        }
        pl_buf_puts(out, "</span></li>\n");
    }
    pl_buf_puts(out, "</ol>\n");
}

void site_decisions(pl_buf *out, const site_ctx *c)
{
    pl_page page = {"Decisions", c->title, "", "decisions"};
    pl_html_begin(out, &page);
    pl_buf_puts(
        out,
        "<h1>Decisions</h1>\n<p class=\"lede\">Every go, no-go and extend, newest first, with who "
        "decided and why. An extension sends a pilot back to running; it is a decision all the "
        "same.</p>\n");
    if (!c->history) {
        current_decisions(out, c);
    } else if (!c->decisions.len) {
        pl_buf_puts(out, "<p>No decision has been recorded yet.</p>\n");
    } else {
        pl_buf_puts(out, "<ol class=\"history decisions\">\n");
        for (size_t i = 0; i < c->decisions.len; i++)
            site_event_html(out, c, c->decisions.items[i], true, "");
        pl_buf_puts(out, "</ol>\n");
        if (c->history->truncated)
            pl_buf_puts(out, "<p class=\"note\">History is truncated (shallow clone): older "
                             "decisions are not listed.</p>\n");
    }
    pl_html_end(out, &page, c->note);
}
