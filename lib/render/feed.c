/*
 * feed.c - feed.xml: an Atom feed (RFC 4287) of decisions and stage
 * changes, newest first, so people can follow the portfolio in a reader.
 */
#include "render/site_int.h"

#include "render/history_json.h"

#include <stdio.h>
#include <string.h>

enum { FEED_ENTRIES = 200 };

static void link_to(pl_buf *out, const site_ctx *c, const char *path)
{
    if (c->opts->base_url) {
        pl_html_attr(out, c->opts->base_url);
        size_t n = strlen(c->opts->base_url);
        if (n && c->opts->base_url[n - 1] != '/') pl_buf_putc(out, '/');
    }
    pl_html_attr(out, path);
}

void site_feed(pl_buf *out, const site_ctx *c)
{
    char when[32];
    pl_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
                     "xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
    pl_html_text(out, c->title);
    pl_buf_puts(out, ": decisions and stage changes</title>\n<id>");
    if (c->opts->base_url)
        link_to(out, c, "feed.xml");
    else {
        pl_buf_puts(out, "urn:pilotlog:feed:");
        for (const char *t = c->title; *t; t++)
            if ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9'))
                pl_buf_putc(out, *t);
    }
    pl_buf_puts(out, "</id>\n<link rel=\"self\" href=\"");
    link_to(out, c, "feed.xml");
    pl_buf_puts(out, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
    link_to(out, c, "index.html");
    pl_buf_puts(out, "\"/>\n<updated>");
    if (c->history && c->changes.len) {
        pl_commit_datetime(&c->history->commits[c->changes.items[0]->commit], when);
        pl_buf_puts(out, when);
    } else {
        pl_buf_printf(out, "%sT00:00:00Z", c->today_s);
    }
    pl_buf_puts(out, "</updated>\n<author><name>");
    pl_html_text(out, c->title);
    pl_buf_puts(out, "</name></author>\n<generator>pilotlog</generator>\n");
    for (size_t i = 0; i < c->changes.len && i < FEED_ENTRIES; i++) {
        const pl_event *e = c->changes.items[i];
        const pl_history_commit *cm = &c->history->commits[e->commit];
        char hex[GIT_OID_HEXSZ + 1];
        pl_commit_datetime(cm, when);
        pl_buf_puts(out, "<entry>\n<id>urn:pilotlog:");
        pl_buf_puts(out, git_oid_tostr(hex, sizeof(hex), &cm->id));
        pl_buf_putc(out, ':');
        pl_html_text(out, e->pilot);
        pl_buf_printf(out, ":%s</id>\n<title>", pl_event_kind_name(e->kind));
        if (e->kind == PL_EV_DECISION)
            pl_html_textf(out, "%s: decision %s", e->pilot, e->new_value ? e->new_value : "?");
        else
            pl_html_textf(out, "%s: %s → %s", e->pilot, e->old_value ? e->old_value : "?",
                          e->new_value ? e->new_value : "?");
        pl_buf_printf(out, "</title>\n<updated>%s</updated>\n<author><name>", when);
        pl_html_text(out, cm->author);
        pl_buf_puts(out, "</name></author>\n<link href=\"");
        pl_buf path = PL_BUF_INIT;
        pl_buf_printf(&path, "pilots/%s.html", e->pilot);
        link_to(out, c, path.ptr);
        pl_buf_free(&path);
        pl_buf_puts(out, "\"/>\n<summary>");
        if (e->kind == PL_EV_DECISION) {
            if (e->decision_by) pl_html_textf(out, "Decided by %s. ", e->decision_by);
            pl_html_text(out, e->rationale);
        } else {
            pl_html_textf(out, "Stage %s → %s (%s).", e->old_value ? e->old_value : "?",
                          e->new_value ? e->new_value : "?", cm->subject);
        }
        pl_buf_puts(out, "</summary>\n</entry>\n");
    }
    pl_buf_puts(out, "</feed>\n");
}
