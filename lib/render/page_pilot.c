/*
 * page_pilot.c - pilots/<id>.html: facts, the decision, criteria with
 * their evaluation, validation problems, the notes (the Markdown body) and
 * the decision history.
 */
#include "render/site_int.h"

#include "criteria.h"
#include "date.h"
#include "render/history_json.h"
#include "render/markdown.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static void fact(pl_buf *out, const char *label, const char *value)
{
    if (!value) return;
    pl_buf_printf(out, "<dt>%s</dt><dd>", label);
    pl_html_text(out, value);
    pl_buf_puts(out, "</dd>\n");
}

/* Lists of words (tags) read as "a, b, c". */
static void fact_value(pl_buf *out, const char *label, const pl_value *v)
{
    if (!v || (v->type == PL_SEQ && v->u.seq.len == 0)) return;
    pl_buf text = PL_BUF_INIT;
    if (v->type == PL_SEQ) {
        for (size_t i = 0; i < v->u.seq.len; i++) {
            if (i) pl_buf_puts(&text, ", ");
            pl_value_text(&text, v->u.seq.items[i]);
        }
    } else {
        pl_value_text(&text, v);
    }
    fact(out, label, text.ptr ? text.ptr : "");
    pl_buf_free(&text);
}

static void dates(pl_buf *out, const pl_pilot *p, int today, bool open)
{
    const char *start = pl_pilot_str(p, "start"), *end = pl_pilot_str(p, "end");
    const char *dl = pl_pilot_str(p, "decision_deadline");
    if (start || end) {
        pl_buf_puts(out, "<dt>Runs</dt><dd>");
        pl_html_textf(out, "%s to %s", start ? start : "?", end ? end : "?");
        pl_buf_puts(out, "</dd>\n");
    }
    int d;
    if (dl && pl_date_parse(dl, &d)) {
        pl_buf_puts(out, "<dt>Decision deadline</dt><dd>");
        pl_html_text(out, dl);
        if (open) {
            int delta = d - today;
            if (delta >= 0)
                pl_html_textf(out, " (in %d day%s)", delta, delta == 1 ? "" : "s");
            else
                pl_html_textf(out, " (%d day%s ago)", -delta, delta == -1 ? "" : "s");
        }
        pl_buf_puts(out, "</dd>\n");
    }
}

static void budget(pl_buf *out, const pl_pilot *p)
{
    const pl_value *b = pl_pilot_field(p, "budget");
    if (!b || b->type != PL_MAP) return;
    const char *cur = pl_value_path_str(b, "currency");
    pl_buf text = PL_BUF_INIT;
    const pl_value *pilot = pl_map_get(b, "pilot"), *prod = pl_map_get(b, "production");
    if (pilot) {
        pl_buf_puts(&text, "pilot ");
        pl_value_text(&text, pilot);
        if (cur) pl_buf_printf(&text, " %s", cur);
    }
    if (prod) {
        pl_buf_puts(&text, pilot ? ", production " : "production ");
        pl_value_text(&text, prod);
        if (cur) pl_buf_printf(&text, " %s", cur);
    }
    if (text.len) fact(out, "Budget", text.ptr);
    pl_buf_free(&text);
}

static void facts(pl_buf *out, const pl_pilot *p, int today, bool open)
{
    pl_buf_puts(
        out,
        "<section aria-labelledby=\"facts\">\n<h2 id=\"facts\">Facts</h2>\n<dl class=\"facts\">\n");
    fact(out, "Hypothesis", pl_pilot_str(p, "hypothesis"));
    fact(out, "Owner", pl_pilot_str(p, "owner"));
    fact(out, "Sponsor", pl_pilot_str(p, "sponsor"));
    fact(out, "Customer owner", pl_pilot_str(p, "customer_owner"));
    fact(out, "Decision owner", pl_pilot_str(p, "decision_owner"));
    fact(out, "Budget holder", pl_pilot_str(p, "budget_holder"));
    budget(out, p);
    fact(out, "Production path", pl_pilot_str(p, "production_path"));
    fact(out, "Risk owner", pl_pilot_str(p, "risk_owner"));
    dates(out, p, today, open);
    const pl_value *target = pl_pilot_field(p, "users.target"),
                   *active = pl_pilot_field(p, "users.active");
    if (target || active) {
        pl_buf u = PL_BUF_INIT;
        if (active) {
            pl_value_text(&u, active);
            pl_buf_puts(&u, " active");
        }
        if (target) {
            pl_buf_puts(&u, active ? " of " : "target ");
            pl_value_text(&u, target);
        }
        fact(out, "Users", u.ptr);
        pl_buf_free(&u);
    }
    fact_value(out, "Tags", pl_pilot_field(p, "tags"));
    pl_buf_puts(out, "</dl>\n</section>\n");
}

static void decision(pl_buf *out, const pl_pilot *p)
{
    const char *outcome = pl_pilot_str(p, "decision.outcome");
    if (!outcome) return;
    pl_buf_puts(out, "<section aria-labelledby=\"decision\" class=\"decision\">\n<h2 "
                     "id=\"decision\">Decision</h2>\n<p>");
    site_badge(out, "outcome-", outcome);
    const char *by = pl_pilot_str(p, "decision.by"), *date = pl_pilot_str(p, "decision.date");
    if (by) pl_html_textf(out, " by %s", by);
    if (date) pl_html_textf(out, " on %s", date);
    pl_buf_puts(out, "</p>\n");
    const char *why = pl_pilot_str(p, "decision.rationale");
    if (why) {
        pl_buf_puts(out, "<blockquote>");
        pl_html_text(out, why);
        pl_buf_puts(out, "</blockquote>\n");
    }
    pl_buf_puts(out, "</section>\n");
}

static const char *result_symbol(pl_crit_result r)
{
    static const char *const symbols[] = {"✓ met", "✗ not met", "… not measured",
                                          "? not comparable"};
    return symbols[r];
}

static void criteria(pl_buf *out, const pl_pilot *p)
{
    pl_criterion_eval *ev;
    size_t n = pl_criteria_evaluate(pl_pilot_field(p, "success_criteria"), &ev);
    pl_buf_puts(
        out, "<section aria-labelledby=\"criteria\">\n<h2 id=\"criteria\">Success criteria</h2>\n");
    if (!n) {
        pl_buf_puts(out, "<p>No success criteria yet.</p>\n</section>\n");
        return;
    }
    pl_buf_puts(
        out,
        "<div class=\"table-wrap\"><table class=\"criteria\">\n<thead><tr><th "
        "scope=\"col\">Criterion</th>"
        "<th scope=\"col\">Metric</th><th scope=\"col\">Baseline</th><th scope=\"col\">Target</th>"
        "<th scope=\"col\">Actual</th><th scope=\"col\">Result</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        pl_buf b = PL_BUF_INIT, t = PL_BUF_INIT, a = PL_BUF_INIT;
        pl_value_text(&b, ev[i].baseline);
        pl_value_text(&t, ev[i].target);
        pl_value_text(&a, ev[i].actual);
        pl_buf_puts(out, "<tr><th scope=\"row\">");
        pl_html_text(out, ev[i].id ? ev[i].id : "?");
        pl_buf_puts(out, "</th><td>");
        pl_html_text(out, ev[i].metric);
        pl_buf_puts(out, "</td><td>");
        pl_html_text(out, b.len ? b.ptr : "—");
        pl_buf_puts(out, "</td><td>");
        pl_html_text(out, t.len ? t.ptr : "—");
        pl_buf_puts(out, "</td><td>");
        pl_html_text(out, a.len ? a.ptr : "—");
        pl_buf_printf(out, "</td><td><span class=\"result result-%s\" title=\"",
                      pl_crit_result_name(ev[i].result));
        pl_html_attr(out, ev[i].why);
        pl_buf_printf(out, "\">%s</span></td></tr>\n", result_symbol(ev[i].result));
        pl_buf_free(&b);
        pl_buf_free(&t);
        pl_buf_free(&a);
    }
    pl_buf_puts(out, "</tbody>\n</table></div>\n</section>\n");
    free(ev);
}

static void problems(pl_buf *out, const pl_pilot *p)
{
    if (!p->diags.len) return;
    pl_buf_puts(out, "<section aria-labelledby=\"problems\" class=\"problems\">\n<h2 "
                     "id=\"problems\">Problems</h2>\n<ul>\n");
    for (size_t i = 0; i < p->diags.len; i++) {
        const pl_diag *d = &p->diags.items[i];
        pl_buf_printf(out, "<li class=\"%s\"><span class=\"sev\">%s</span> <code>",
                      pl_severity_name(d->severity), pl_severity_name(d->severity));
        pl_html_textf(out, "%s:%d:%d", p->path, d->line, d->col);
        pl_buf_puts(out, "</code> ");
        if (*d->pointer) {
            pl_buf_puts(out, "<code>");
            pl_html_text(out, d->pointer);
            pl_buf_puts(out, "</code> ");
        }
        pl_html_text(out, d->message);
        pl_buf_puts(out, "</li>\n");
    }
    pl_buf_puts(out, "</ul>\n</section>\n");
}

void site_event_html(pl_buf *out, const site_ctx *c, const pl_event *e, bool with_pilot,
                     const char *root)
{
    const pl_history_commit *cm = &c->history->commits[e->commit];
    char day[11], hex[8];
    pl_commit_date(cm, day);
    git_oid_tostr(hex, sizeof(hex), &cm->id);
    pl_buf_printf(out, "<li class=\"event event-%s\"><time datetime=\"%s\">%s</time> ",
                  pl_event_kind_name(e->kind), day, day);
    if (with_pilot) {
        pl_buf_printf(out, "<a href=\"%spilots/", root);
        pl_html_attr(out, e->pilot);
        pl_buf_puts(out, ".html\">");
        pl_html_text(out, e->pilot);
        pl_buf_puts(out, "</a> ");
    }
    pl_buf_puts(out, "<span class=\"what\">");
    switch (e->kind) {
    case PL_EV_DECISION:
        pl_buf_puts(out, "Decision ");
        site_badge(out, "outcome-", e->new_value);
        if (e->decision_by) pl_html_textf(out, " by %s", e->decision_by);
        if (e->rationale) {
            pl_buf_puts(out, ": ");
            pl_html_text(out, e->rationale);
        }
        break;
    case PL_EV_STAGE:
        pl_buf_puts(out, "Stage ");
        site_badge(out, "stage-", e->old_value);
        pl_buf_puts(out, " → ");
        site_badge(out, "stage-", e->new_value);
        break;
    case PL_EV_CREATED:
        pl_html_textf(out, "%s at stage %s",
                      e->first_seen ? "First seen (history truncated)" : "Created",
                      e->new_value ? e->new_value : "?");
        break;
    case PL_EV_RENAMED:
        pl_html_textf(out, "Renamed from %s", e->old_value);
        break;
    case PL_EV_DELETED:
        pl_buf_puts(out, "Deleted");
        break;
    case PL_EV_INVALID:
        pl_buf_puts(out, "Front matter unreadable: ");
        pl_html_text(out, e->new_value);
        break;
    case PL_EV_REPAIRED:
        pl_buf_puts(out, "Front matter readable again");
        break;
    case PL_EV_BODY:
        pl_buf_puts(out, "Notes edited");
        break;
    case PL_EV_FIELD:
        pl_buf_puts(out, "<code>");
        pl_html_text(out, e->field);
        pl_buf_puts(out, "</code> ");
        pl_html_text(out, e->old_value ? e->old_value : "(none)");
        pl_buf_puts(out, " → ");
        pl_html_text(out, e->new_value ? e->new_value : "(none)");
        break;
    }
    pl_buf_puts(out, "</span> <span class=\"by\">");
    pl_html_textf(out, "%s, %s: %s", hex, cm->author, cm->subject);
    pl_buf_puts(out, "</span></li>\n");
}

static void history(pl_buf *out, const site_ctx *c, const pl_pilot *p)
{
    pl_buf_puts(
        out, "<section aria-labelledby=\"history\">\n<h2 id=\"history\">Decision history</h2>\n");
    if (!c->history) {
        pl_buf_puts(out, "<p>Rendered without history.</p>\n</section>\n");
        return;
    }
    const event_list *ev = site_events(c, p->id);
    if (!ev->len) {
        pl_buf_puts(out, "<p>Not committed yet.</p>\n");
    } else {
        pl_buf_puts(out, "<ol class=\"history\">\n");
        for (size_t i = 0; i < ev->len; i++) site_event_html(out, c, ev->items[i], false, "../");
        pl_buf_puts(out, "</ol>\n");
    }
    if (c->history->truncated)
        pl_buf_puts(
            out,
            "<p class=\"note\">History is truncated: this site was built from a shallow clone, so "
            "older commits are missing.</p>\n");
    pl_buf_puts(out, "</section>\n");
}

void site_pilot(pl_buf *out, const site_ctx *c, size_t index)
{
    const pl_pilot *p = c->pilots->items[index];
    const char *title = pl_pilot_str(p, "title");
    const char *root =
        strchr(p->id, '/') ? "../../" : "../"; /* pilots/<repo>/<id>.html in a portfolio */
    pl_page page = {title ? title : p->id, c->title, root, NULL};
    pl_html_begin(out, &page);
    pl_buf_printf(
        out,
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"%sindex.html\">Portfolio</a> › ",
        root);
    pl_html_text(out, p->id);
    pl_buf_puts(out, "</nav>\n<h1>");
    pl_html_text(out, title ? title : p->id);
    pl_buf_puts(out, "</h1>\n<p class=\"meta\">");
    site_badge(out, "stage-", pl_pilot_str(p, "stage"));
    const char *kind = pl_pilot_str(p, "kind");
    if (kind) {
        pl_buf_puts(out, " <span class=\"kind\">");
        pl_html_text(out, strcmp(kind, "poc") == 0 ? "proof of concept" : kind);
        pl_buf_puts(out, "</span>");
    }
    pl_buf_puts(out, " <code>");
    pl_html_text(out, p->path);
    pl_buf_puts(out, "</code>");
    if (p->origin) { /* where it lives, in a portfolio of repositories */
        pl_buf_puts(out, " <span class=\"origin\">from ");
        if (strncmp(p->origin, "https://", 8) == 0 || strncmp(p->origin, "http://", 7) == 0) {
            pl_buf_puts(out, "<a href=\"");
            pl_html_attr(out, p->origin);
            pl_buf_puts(out, "\">");
            pl_html_text(out, p->origin);
            pl_buf_puts(out, "</a>");
        } else {
            pl_html_text(out, p->origin);
        }
        pl_buf_puts(out, "</span>");
    }
    pl_buf_puts(out, "</p>\n");
    unsigned flags = c->pf.flags[index];
    if (flags) {
        pl_buf_puts(out, "<p class=\"callout\"><strong>Needs attention:</strong> ");
        bool first = true;
        for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1)
            if (flags & bit) {
                pl_buf_printf(out, "%s%s", first ? "" : ", ", pl_flag_label(bit));
                first = false;
            }
        pl_buf_puts(out, ".</p>\n");
    }
    const pl_stage *st = pl_workflow_stage(c->rules->workflow, pl_pilot_str(p, "stage"));
    facts(out, p, c->opts->today, !st || !st->closed);
    decision(out, p);
    criteria(out, p);
    problems(out, p);
    if (p->doc) {
        size_t len;
        const char *body = pl_doc_body(p->doc, &len);
        pl_buf_puts(
            out,
            "<section aria-labelledby=\"notes\" class=\"notes\">\n<h2 id=\"notes\">Notes</h2>\n");
        pl_markdown_html(out, body, len);
        pl_buf_puts(out, "</section>\n");
    }
    history(out, c, p);
    pl_html_end(out, &page, c->pilot_note);
}
