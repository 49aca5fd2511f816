/*
 * events.c - history events as text for a terminal: decisions and stage
 * changes stand out from ordinary field edits. Used by log and show.
 */
#include "commands.h"

#include "date.h"
#include "render/history_json.h"

#include <string.h>

enum { MAX_FIELD_LINES = 6 };

/* A value shortened to one line for a terminal. */
static void short_text(pl_buf *out, const char *s, size_t max)
{
    if (!s) {
        pl_buf_puts(out, "(none)");
        return;
    }
    size_t n = strcspn(s, "\n");
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
        pl_buf_put(out, s, n);
        pl_buf_puts(out, "…");
    } else {
        pl_buf_put(out, s, n);
        if (s[n]) pl_buf_puts(out, " …");
    }
}

static void event_line(pl_buf *out, const pl_event *e, bool show_pilot, int idw)
{
    const char *bold = cli_color(stdout, "\033[1m"), *reset = cli_color(stdout, "\033[0m");
    const char *green = cli_color(stdout, "\033[1;32m"), *red = cli_color(stdout, "\033[1;31m");
    const char *cyan = cli_color(stdout, "\033[1;36m"), *dim = cli_color(stdout, "\033[2m");
    pl_buf_puts(out, "    ");
    if (show_pilot) pl_buf_printf(out, "%-*s  ", idw, e->pilot);
    switch (e->kind) {
    case PL_EV_DECISION: {
        const char *o = e->new_value ? e->new_value : "?";
        pl_buf_printf(out, "%sDECISION %s%s", strcmp(o, "no-go") == 0 ? red : green, o, reset);
        if (e->decision_by) pl_buf_printf(out, " by %s", e->decision_by);
        if (e->decision_date) pl_buf_printf(out, " on %s", e->decision_date);
        if (e->rationale) {
            pl_buf_puts(out, ": ");
            short_text(out, e->rationale, 100);
        }
        break;
    }
    case PL_EV_STAGE:
        pl_buf_printf(out, "%sSTAGE %s → %s%s", cyan, e->old_value ? e->old_value : "?",
                      e->new_value ? e->new_value : "?", reset);
        break;
    case PL_EV_CREATED:
        pl_buf_printf(out, "%s%s%s at stage %s", bold,
                      e->first_seen ? "first seen (history truncated)" : "created", reset,
                      e->new_value ? e->new_value : "?");
        break;
    case PL_EV_RENAMED:
        pl_buf_printf(out, "%srenamed%s from %s", bold, reset, e->old_value);
        break;
    case PL_EV_DELETED:
        pl_buf_printf(out, "%sdeleted%s", red, reset);
        break;
    case PL_EV_INVALID:
        pl_buf_printf(out, "%sfront matter unreadable%s: ", red, reset);
        short_text(out, e->new_value, 100);
        break;
    case PL_EV_REPAIRED:
        pl_buf_puts(out, "front matter readable again");
        break;
    case PL_EV_BODY:
        pl_buf_printf(out, "%snotes edited%s", dim, reset);
        break;
    case PL_EV_FIELD:
        pl_buf_printf(out, "%s%s%s: ", dim, e->field, reset);
        short_text(out, e->old_value, 40);
        pl_buf_puts(out, " → ");
        short_text(out, e->new_value, 60);
        break;
    }
    pl_buf_putc(out, '\n');
}

void print_events_text(pl_buf *out, const pl_history *h, const pl_event *const *events, size_t n,
                       bool show_pilot)
{
    int idw = 4;
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(events[i]->pilot) > idw) idw = (int)strlen(events[i]->pilot);
    const char *yellow = cli_color(stdout, "\033[33m"), *reset = cli_color(stdout, "\033[0m");
    uint32_t last = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        if (out->len >= 65536) { /* a long history goes out as it is written */
            cli_out(out);
            pl_buf_clear(out);
        }
        const pl_event *e = events[i];
        if (e->commit != last) {
            const pl_history_commit *c = &h->commits[e->commit];
            char hex[8], day[11];
            pl_commit_date(c, day);
            pl_buf_printf(out, "%s%s %s%s  %s  %s\n", yellow,
                          git_oid_tostr(hex, sizeof(hex), &c->id), day, reset, c->author,
                          c->subject);
            last = e->commit;
        }
        /* a commit that fills in many fields (a write-up) gets a summary */
        size_t run = 0;
        while (i + run < n && events[i + run]->commit == e->commit &&
               events[i + run]->kind == PL_EV_FIELD &&
               strcmp(events[i + run]->pilot, e->pilot) == 0)
            run++;
        if (run > MAX_FIELD_LINES) {
            for (size_t k = 0; k < MAX_FIELD_LINES - 1; k++)
                event_line(out, events[i + k], show_pilot, idw);
            pl_buf_printf(out, "    %s%s… and %zu more fields (--format json lists them all)\n",
                          show_pilot ? e->pilot : "", show_pilot ? "  " : "",
                          run - (MAX_FIELD_LINES - 1));
            i += run - 1;
            continue;
        }
        event_line(out, e, show_pilot, idw);
    }
    if (h->truncated)
        pl_buf_puts(out,
                    "(history truncated: this is a shallow clone; older commits are not here)\n");
}

bool event_in_range(const pl_history *h, const pl_event *e, int since, int until)
{
    int d = pl_commit_day(&h->commits[e->commit]);
    return d >= since && d <= until;
}
