/*
 * cmd_due.c - `pilotlog due`: the reminder a weekly CI job posts to a
 * channel. Decisions overdue and due soon, pilots stuck in a stage longer
 * than the workflow allows, pilots lacking a decision owner, budget holder
 * or production path. Exits 1 when a decision is overdue, so the job can
 * alert.
 */
#include "commands.h"

#include "criteria.h"
#include "date.h"
#include "render/history_json.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

static const char *const due_usage[] = {
    "pilotlog due [--within 14d] [--rev REV] [--today DATE] [--format text|json|markdown]",
    NULL,
};

typedef enum due_kind { DUE_OVERDUE, DUE_SOON, DUE_STUCK, DUE_MISSING, DUE_KINDS } due_kind;

typedef struct due_item {
    due_kind kind;
    const pl_pilot *p;
    int days;         /* overdue by / due in / in stage for */
    int limit;        /* stuck: the stage's max_days */
    unsigned missing; /* flag bits */
} due_item;

static const char *const kind_titles[] = {"Decisions overdue", "Decisions due soon",
                                          "Stuck in a stage", "Missing what a decision needs"};
static const char *const kind_names[] = {"overdue", "due_soon", "stuck", "missing"};

/* The day each pilot entered its current stage: the newest stage change
 * or creation, from one pass over the history. */
static void stage_entries(const pl_history *h, pl_strmap *since, pl_arena *arena)
{
    for (size_t i = 0; h && i < h->n_events; i++) {
        const pl_event *e = &h->events[i];
        if (e->kind != PL_EV_STAGE && e->kind != PL_EV_CREATED) continue;
        if (pl_strmap_get(since, e->pilot, strlen(e->pilot))) continue;
        int *d = pl_arena_alloc(arena, sizeof(*d));
        *d = pl_commit_day(&h->commits[e->commit]);
        pl_strmap_put(since, e->pilot, strlen(e->pilot), d);
    }
}

static int parse_within(const char *s, int *days)
{
    pl_quantity q;
    if (!s) return (*days = 14, 0);
    if (pl_quantity_parse(&q, s, NULL) || q.value < 0 ||
        (q.kind != PL_UNIT_DURATION && q.kind != PL_UNIT_NONE)) {
        cli_error("--within '%s': expected a number of days or a duration such as 14d or 2w", s);
        return EXIT_USAGE;
    }
    *days = q.kind == PL_UNIT_NONE ? (int)q.value : (int)(q.value / 86400);
    return 0;
}

static int cmp_item(const void *a, const void *b)
{
    const due_item *x = a, *y = b;
    if (x->kind != y->kind) return (int)x->kind - (int)y->kind;
    if (x->days != y->days) return x->kind == DUE_SOON ? x->days - y->days : y->days - x->days;
    return strcmp(x->p->id ? x->p->id : "", y->p->id ? y->p->id : "");
}

static void missing_words(pl_buf *out, unsigned flags)
{
    static const unsigned bits[] = {PL_FLAG_NO_DECISION_OWNER, PL_FLAG_NO_BUDGET,
                                    PL_FLAG_NO_PRODUCTION_PATH};
    bool first = true;
    for (size_t i = 0; i < PL_ARRAY_SIZE(bits); i++)
        if (flags & bits[i]) {
            const char *l = pl_flag_label(bits[i]);
            pl_buf_printf(out, "%s%s", first ? "" : ", ", strncmp(l, "no ", 3) == 0 ? l + 3 : l);
            first = false;
        }
}

static void describe(pl_buf *out, const due_item *it)
{
    char who[200];
    const char *stage = pl_pilot_str(it->p, "stage");
    switch (it->kind) {
    case DUE_OVERDUE:
    case DUE_SOON:
        pl_buf_printf(out, "deadline %s, %s%d day%s%s", pl_pilot_str(it->p, "decision_deadline"),
                      it->kind == DUE_SOON ? "in " : "", it->days, it->days == 1 ? "" : "s",
                      it->kind == DUE_OVERDUE ? " ago" : "");
        if (pl_person_name(pl_pilot_str(it->p, "decision_owner"), who, sizeof(who)))
            pl_buf_printf(out, "; decides: %s", who);
        break;
    case DUE_STUCK:
        pl_buf_printf(out, "%s for %d days (the workflow allows %d)", stage, it->days, it->limit);
        break;
    case DUE_MISSING:
        pl_buf_printf(out, "%s, no ", stage ? stage : "?");
        missing_words(out, it->missing);
        break;
    default:
        break;
    }
}

static void render_text(pl_buf *out, const due_item *items, size_t n, int within)
{
    if (!n) {
        pl_buf_printf(out, "Nothing due within %d days, nothing overdue, nothing missing.\n",
                      within);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || items[i].kind != items[i - 1].kind) {
            size_t count = 0;
            for (size_t k = i; k < n && items[k].kind == items[i].kind; k++) count++;
            pl_buf_printf(out, "%s%s%s (%zu)%s\n", i ? "\n" : "", cli_color(stdout, "\033[1m"),
                          kind_titles[items[i].kind], count, cli_color(stdout, "\033[0m"));
        }
        pl_buf_printf(out, "  %-28s ", items[i].p->id ? items[i].p->id : items[i].p->path);
        describe(out, &items[i]);
        pl_buf_putc(out, '\n');
    }
}

static void md_escape(pl_buf *out, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>|#", *s)) pl_buf_putc(out, '\\');
        pl_buf_putc(out, *s);
    }
}

static void render_markdown(pl_buf *out, const due_item *items, size_t n, int within,
                            const char *today)
{
    pl_buf_printf(out, "### Pilot decisions: week of %s\n\n", today);
    if (!n) {
        pl_buf_printf(out, "Nothing due within %d days, nothing overdue, nothing missing. ✅\n",
                      within);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || items[i].kind != items[i - 1].kind)
            pl_buf_printf(out, "%s**%s**\n\n", i ? "\n" : "", kind_titles[items[i].kind]);
        pl_buf b = PL_BUF_INIT;
        describe(&b, &items[i]);
        pl_buf_puts(out, "- **");
        md_escape(out, items[i].p->id ? items[i].p->id : items[i].p->path);
        pl_buf_puts(out, "** ");
        md_escape(out, pl_pilot_str(items[i].p, "title"));
        pl_buf_puts(out, ": ");
        md_escape(out, b.ptr);
        pl_buf_putc(out, '\n');
        pl_buf_free(&b);
    }
}

static void render_json(pl_buf *out, const due_item *items, size_t n, int within, const char *today)
{
    pl_json j;
    pl_json_init(&j, out, true);
    pl_json_object_begin(&j);
    pl_json_kstr(&j, "today", today);
    pl_json_kint(&j, "within_days", within);
    pl_json_kbool(&j, "overdue", n && items[0].kind == DUE_OVERDUE);
    pl_json_key(&j, "items");
    pl_json_array_begin(&j);
    for (size_t i = 0; i < n; i++) {
        const due_item *it = &items[i];
        pl_json_object_begin(&j);
        pl_json_kstr(&j, "kind", kind_names[it->kind]);
        pl_json_kstr(&j, "id", it->p->id);
        pl_json_kstr(&j, "title", pl_pilot_str(it->p, "title"));
        pl_json_kstr(&j, "stage", pl_pilot_str(it->p, "stage"));
        pl_json_kstr(&j, "decision_owner", pl_pilot_str(it->p, "decision_owner"));
        pl_json_kstr(&j, "decision_deadline", pl_pilot_str(it->p, "decision_deadline"));
        if (it->kind != DUE_MISSING) pl_json_kint(&j, "days", it->days);
        if (it->kind == DUE_STUCK) pl_json_kint(&j, "max_days", it->limit);
        if (it->kind == DUE_MISSING) {
            pl_json_key(&j, "missing");
            pl_json_array_begin(&j);
            for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1)
                if (it->missing & bit) pl_json_str(&j, pl_flag_name(bit));
            pl_json_array_end(&j);
        }
        pl_json_object_end(&j);
    }
    pl_json_array_end(&j);
    pl_json_object_end(&j);
    pl_buf_putc(out, '\n');
}

int cmd_due(int argc, char **argv)
{
    const char *within_s = NULL, *rev = "HEAD", *today_s = NULL, *format_s = NULL;
    const option opts[] = {
        OPT_STRING(0, "within", &within_s, "DAYS",
                   "decisions due within this many days (default 14d)"),
        OPT_STRING(0, "rev", &rev, "REV", "revision to read (default HEAD)"),
        OPT_STRING(0, "today", &today_s, "DATE", "judge dates as of this day"),
        OPT_STRING(0, "format", &format_s, "FORMAT", "text (default), json or markdown"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, due_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n) {
        usage_with_options(due_usage, opts, true);
        return EXIT_USAGE;
    }
    out_format format;
    int today, within, rc;
    if ((rc = cli_format(format_s, &format, true)) || (rc = cli_today(today_s, &today)) ||
        (rc = parse_within(within_s, &within)))
        return rc;

    sources src;
    if ((rc = sources_open(&src, NULL, 0, rev, SOURCE_PILOTS | SOURCE_HISTORY, today))) return rc;
    const pl_history *h = src.history;
    const pl_pilots *pilots = &src.pilots;
    pl_strmap since = PL_STRMAP_INIT;
    pl_arena arena = PL_ARENA_INIT;
    stage_entries(h, &since, &arena);
    due_item *items = pl_calloc(pilots->len * DUE_KINDS + 1, sizeof(*items));
    size_t count = 0;
    bool overdue = false;
    const pl_workflow *wf = src.rules->workflow;
    for (size_t i = 0; i < pilots->len; i++) {
        const pl_pilot *p = pilots->items[i];
        const pl_stage *st = pl_workflow_stage(wf, pl_pilot_str(p, "stage"));
        if (!p->id || !st || st->closed) continue;
        unsigned flags = pl_pilot_flags(p, wf, today);
        int deadline;
        if (pl_date_parse(pl_pilot_str(p, "decision_deadline"), &deadline)) {
            if (flags & PL_FLAG_OVERDUE) {
                items[count++] = (due_item){DUE_OVERDUE, p, today - deadline, 0, 0};
                overdue = true;
            } else if (deadline - today <= within) {
                items[count++] = (due_item){DUE_SOON, p, deadline - today, 0, 0};
            }
        }
        const int *entered = pl_strmap_get(&since, p->id, strlen(p->id));
        if (entered && st->max_days > 0 && today - *entered > st->max_days)
            items[count++] = (due_item){DUE_STUCK, p, today - *entered, st->max_days, 0};
        unsigned missing =
            flags & (PL_FLAG_NO_DECISION_OWNER | PL_FLAG_NO_BUDGET | PL_FLAG_NO_PRODUCTION_PATH);
        if (missing) items[count++] = (due_item){DUE_MISSING, p, 0, 0, missing};
    }
    if (count > 1) qsort(items, count, sizeof(*items), cmp_item);
    char day[11];
    pl_date_format(today, day);
    pl_buf out = PL_BUF_INIT;
    if (format == FORMAT_JSON)
        render_json(&out, items, count, within, day);
    else if (format == FORMAT_MARKDOWN)
        render_markdown(&out, items, count, within, day);
    else
        render_text(&out, items, count, within);
    cli_out(&out);
    pl_buf_free(&out);
    free(items);
    pl_strmap_free(&since);
    pl_arena_free(&arena);
    sources_close(&src);
    return overdue ? EXIT_INVALID : EXIT_OK;
}
