/*
 * test_workflow.c - the lifecycle and the rules that span several fields:
 * loading the shipped workflow and refusing broken ones, which transitions
 * are allowed, date order, the 26-week warnings (DESIGN §9), overdue
 * decisions, who decided, transitions between two versions of a pilot,
 * and calendar dates.
 */
#include "date.h"
#include "doc.h"
#include "embedded.h"
#include "workflow.h"

#include "tap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static pl_workflow *shipped(void)
{
    const pl_embedded *e = pl_embedded_find("schemas/workflow.yaml");
    pl_workflow *wf = NULL;
    pl_error err;
    if (!e || pl_workflow_load(&wf, e->name, e->data, e->len, &err) != 0) {
        printf("# shipped workflow refused: %s\n", e ? err.message : "not embedded");
        return NULL;
    }
    return wf;
}

static int day(const char *s)
{
    int d = 0;
    if (!pl_date_parse(s, &d)) printf("# bad test date %s\n", s);
    return d;
}

static pl_doc *pilot(const char *yaml)
{
    pl_doc *doc;
    pl_error err;
    if (pl_doc_parse_yaml(&doc, "p.yaml", yaml, strlen(yaml), NULL, &err)) {
        printf("# bad test YAML: %s\n", err.message);
        return NULL;
    }
    return doc;
}

static const pl_diag *find_rule(const pl_diags *d, const char *rule)
{
    for (size_t i = 0; i < d->len; i++)
        if (strcmp(d->items[i].rule, rule) == 0) return &d->items[i];
    return NULL;
}

static void print_diags(const pl_diags *d)
{
    for (size_t i = 0; i < d->len; i++)
        printf("#   %d:%d %s %s [%s] %s\n", d->items[i].line, d->items[i].col,
               pl_severity_name(d->items[i].severity), d->items[i].pointer, d->items[i].rule,
               d->items[i].message);
}

static void test_load(void)
{
    pl_workflow *wf = shipped();
    if (!ok(wf != NULL, "the shipped workflow loads")) return;
    static const char *const order[] = {"proposed", "planned",    "running", "evaluating",
                                        "decided",  "production", "stopped"};
    is_int((long long)wf->n_stages, 7, "seven stages");
    for (size_t i = 0; i < PL_ARRAY_SIZE(order) && i < wf->n_stages; i++) {
        char label[80];
        snprintf(label, sizeof(label), "stage %zu is %s", i, order[i]);
        is_str(wf->stages[i].name, order[i], label);
        is_int(pl_workflow_stage_index(wf, order[i]), (long long)i, "stage index");
    }
    is_str(wf->initial, "proposed", "initial stage");
    ok(wf->n_any_to == 1 && strcmp(wf->any_to[0], "stopped") == 0, "any stage may stop");
    ok(pl_workflow_stage(wf, "running")->active, "running is active");
    ok(!pl_workflow_stage(wf, "evaluating")->active, "evaluating is not active");
    ok(pl_workflow_stage(wf, "decided")->closed && pl_workflow_stage(wf, "production")->closed &&
           pl_workflow_stage(wf, "stopped")->closed,
       "decided, production and stopped are closed");
    ok(!pl_workflow_stage(wf, "running")->closed, "running is not closed");
    ok(pl_workflow_stage(wf, "production")->converted, "production is converted");
    ok(!pl_workflow_stage(wf, "decided")->converted, "decided is not converted");
    is_int(pl_workflow_stage(wf, "proposed")->max_days, 60, "proposed max_days");
    is_int(pl_workflow_stage(wf, "running")->max_days, 0, "running has no max_days");
    ok(pl_workflow_stage(wf, "nope") == NULL && pl_workflow_stage_index(wf, "nope") == -1,
       "unknown stage");
    ok(pl_workflow_stage(wf, NULL) == NULL, "no stage name");
    is_str(wf->path, "schemas/workflow.yaml", "path kept");
    pl_workflow_free(wf);
}

static void refused(const char *text, const char *want, const char *name)
{
    pl_workflow *wf = (pl_workflow *)1;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_workflow_load(&wf, "w.yaml", text, strlen(text), &err);
    ok(rc == PL_ESCHEMA && wf == NULL, "%s: refused with PL_ESCHEMA", name);
    if (!ok(strstr(err.message, want) != NULL, "%s: message says '%s'", name, want))
        printf("#   message: %s\n", err.message);
    if (rc == 0) pl_workflow_free(wf);
}

static void test_broken(void)
{
    refused("initial: a\nstages:\n  a: {next: [b]}\n", "moves to unknown stage 'b'",
            "unknown stage in next");
    refused("initial: x\nstages:\n  a: {next: []}\n", "initial stage 'x'", "unknown initial");
    refused("initial: a\nany_to: [gone]\nstages:\n  a: {next: []}\n", "any_to names unknown",
            "unknown stage in any_to");
    refused("initial: a\n", "stages", "no stages");
    refused("initial: a\nstages: {}\n", "/stages", "empty stages");
    refused("initial: a\nstages:\n  a: {}\n", "next", "a stage without next");
    refused("initial: a\nstages:\n  a: {next: [], colour: red}\n", "colour",
            "an unknown stage field");
    refused("initial: a\nstages:\n  Big: {next: []}\n", "Big", "a stage name with capitals");
    refused("initial: a\nstages:\n  a: {next: [], max_days: 0}\n", "max_days", "max_days 0");
    refused("initial: a\nstages:\n  a: {next: [], active: yes}\n", "active",
            "active must be a boolean (yes is a string)");
    refused("initial: a\nstages: [a, b]\n", "stages", "stages as a list");
    refused("initial: a\nextra: 1\nstages:\n  a: {next: []}\n", "extra", "an unknown top field");
    refused("initial: a\nstages:\n  a: {next: [\n", "w.yaml:", "YAML syntax error");
    refused("initial: a\ninitial: b\nstages:\n  a: {next: []}\n", "w.yaml:2:1",
            "duplicate key at its position");

    pl_workflow *wf = NULL;
    pl_error err;
    const char *custom = "initial: idea\nany_to: [dropped]\nstages:\n  idea: {next: [trial]}\n"
                         "  trial: {next: [done], active: true}\n  done: {next: [], closed: "
                         "true, converted: true}\n  dropped: {next: [], closed: true}\n";
    ok(pl_workflow_load(&wf, "w.yaml", custom, strlen(custom), &err) == 0,
       "a custom workflow loads");
    if (wf) {
        ok(pl_workflow_allows(wf, "idea", "trial") && pl_workflow_allows(wf, "trial", "dropped") &&
               !pl_workflow_allows(wf, "idea", "done"),
           "custom transitions");
        ok(pl_workflow_stage(wf, "trial")->active, "custom active stage");
    }
    pl_workflow_free(wf);

    wf = NULL;
    const char *long_wait = "initial: a\nstages:\n  a: {next: [], max_days: 1e10}\n";
    ok(pl_workflow_load(&wf, "w.yaml", long_wait, strlen(long_wait), &err) == 0 && wf &&
           wf->stages[0].max_days == INT_MAX,
       "a max_days beyond an int is capped");
    pl_workflow_free(wf);
}

static void test_allows(void)
{
    pl_workflow *wf = shipped();
    if (!wf) return;
    static const char *const allowed[][2] = {
        {"proposed", "planned"},   {"planned", "running"},    {"running", "evaluating"},
        {"evaluating", "decided"}, {"evaluating", "running"}, {"decided", "production"},
    };
    for (size_t i = 0; i < PL_ARRAY_SIZE(allowed); i++)
        ok(pl_workflow_allows(wf, allowed[i][0], allowed[i][1]), "%s -> %s allowed", allowed[i][0],
           allowed[i][1]);
    for (size_t i = 0; i < wf->n_stages; i++) {
        const char *s = wf->stages[i].name;
        ok(pl_workflow_allows(wf, s, s), "%s -> %s (staying) allowed", s, s);
        ok(pl_workflow_allows(wf, s, "stopped"), "%s -> stopped allowed", s);
    }
    static const char *const refused_moves[][2] = {
        {"proposed", "running"},   {"proposed", "decided"},   {"proposed", "production"},
        {"planned", "evaluating"}, {"planned", "proposed"},   {"running", "decided"},
        {"running", "production"}, {"running", "planned"},    {"evaluating", "production"},
        {"decided", "running"},    {"decided", "evaluating"}, {"production", "running"},
        {"production", "decided"}, {"stopped", "running"},    {"stopped", "proposed"},
    };
    for (size_t i = 0; i < PL_ARRAY_SIZE(refused_moves); i++)
        ok(!pl_workflow_allows(wf, refused_moves[i][0], refused_moves[i][1]), "%s -> %s refused",
           refused_moves[i][0], refused_moves[i][1]);
    ok(!pl_workflow_allows(wf, "proposed", "nope"), "to an unknown stage refused");
    ok(!pl_workflow_allows(wf, "nope", "stopped"), "from an unknown stage refused");
    ok(!pl_workflow_allows(wf, "nope", "nope"), "an unknown stage does not stay itself");
    pl_workflow_free(wf);
}

/* Runs pl_workflow_check; the caller frees the diagnostics. */
static void check(const pl_workflow *wf, const char *yaml, const char *today, pl_diags *d)
{
    pl_doc *doc = pilot(yaml);
    if (doc) pl_workflow_check(wf, doc->root, day(today), d);
    pl_doc_free(doc);
}

static void expect_clean(const pl_workflow *wf, const char *yaml, const char *today,
                         const char *name)
{
    pl_diags d = PL_DIAGS_INIT;
    check(wf, yaml, today, &d);
    if (!ok(d.len == 0, "%s", name)) print_diags(&d);
    pl_diags_free(&d);
}

static void expect_diag(const pl_workflow *wf, const char *yaml, const char *today,
                        const char *rule, pl_severity sev, const char *pointer, int line, int col,
                        const char *in_message, const char *name)
{
    pl_diags d = PL_DIAGS_INIT;
    check(wf, yaml, today, &d);
    const pl_diag *x = find_rule(&d, rule);
    if (!ok(x != NULL && d.len == 1, "%s: one '%s' %s", name, rule, pl_severity_name(sev))) {
        print_diags(&d);
    } else {
        ok(x->severity == sev, "%s: severity", name);
        char label[200];
        snprintf(label, sizeof(label), "%s: pointer", name);
        is_str(x->pointer, pointer, label);
        snprintf(label, sizeof(label), "%s: line", name);
        is_int(x->line, line, label);
        snprintf(label, sizeof(label), "%s: column", name);
        is_int(x->col, col, label);
        if (!ok(strstr(x->message, in_message) != NULL, "%s: message says '%s'", name, in_message))
            printf("#   message: %s\n", x->message);
    }
    pl_diags_free(&d);
}

static void test_check(void)
{
    pl_workflow *wf = shipped();
    if (!wf) return;

    /* date order: start <= end <= decision_deadline */
    expect_clean(wf,
                 "stage: planned\nstart: 2026-09-01\nend: 2026-12-15\n"
                 "decision_deadline: 2027-01-15\n",
                 "2026-08-01", "dates in order");
    expect_clean(wf,
                 "stage: planned\nstart: 2026-09-01\nend: 2026-09-01\n"
                 "decision_deadline: 2026-09-01\n",
                 "2026-08-01", "equal dates are in order");
    expect_diag(wf,
                "stage: planned\nstart: 2026-09-01\nend: 2026-08-15\n"
                "decision_deadline: 2027-01-15\n",
                "2026-08-01", "dates", PL_SEV_ERROR, "/end", 3, 6, "before start",
                "end before start");
    expect_diag(wf,
                "stage: planned\nstart: 2026-09-01\nend: 2026-12-15\n"
                "decision_deadline: 2026-12-01\n",
                "2026-08-01", "dates", PL_SEV_ERROR, "/decision_deadline", 4, 20, "before end",
                "deadline before end");
    expect_diag(wf, "stage: planned\nstart: 2026-09-01\ndecision_deadline: 2026-08-01\n",
                "2026-07-01", "dates", PL_SEV_ERROR, "/decision_deadline", 3, 20, "before start",
                "deadline before start without an end");
    expect_clean(wf, "stage: planned\nstart: 2026-09-01\nend: 2026-02-30\n", "2026-08-01",
                 "an impossible date is left to the schema");
    expect_clean(wf, "stage: planned\nstart: 2026-09-01\nend: [2026-01-01]\n", "2026-08-01",
                 "a date that is not a string is left to the schema");

    /* the 26-week warning, first form: planned start -> end */
    expect_diag(wf, "stage: planned\nstart: 2026-01-01\nend: 2026-07-03\n", "2025-12-01",
                "duration", PL_SEV_WARNING, "/end", 3, 6, "27 weeks",
                "planned 183 days: more than 26 weeks");
    expect_clean(wf, "stage: planned\nstart: 2026-01-01\nend: 2026-07-02\n", "2025-12-01",
                 "planned exactly 26 weeks: no warning");

    /* second form: a running pilot started more than 26 weeks before today */
    expect_diag(wf, "stage: running\nstart: 2026-01-01\nend: 2026-03-01\n", "2026-07-03",
                "duration", PL_SEV_WARNING, "/start", 2, 8, "running for 26 weeks",
                "running 183 days after start");
    expect_clean(wf, "stage: running\nstart: 2026-01-01\nend: 2026-03-01\n", "2026-07-02",
                 "running exactly 26 weeks: no warning");
    expect_diag(wf, "stage: running\nstart: 2025-01-01\n", "2026-07-03", "duration", PL_SEV_WARNING,
                "/start", 2, 8, "since 2025-01-01", "running for a long time without an end");
    expect_clean(wf, "stage: planned\nstart: 2025-01-01\n", "2026-07-03",
                 "a planned pilot does not run yet");
    expect_clean(wf, "stage: decided\nstart: 2025-01-01\n", "2026-07-03",
                 "a decided pilot does not run any more");

    /* overdue: the deadline passed with no decision */
    const char *running = "stage: running\ndecision_deadline: 2026-12-01\n";
    expect_diag(wf, running, "2026-12-02", "overdue", PL_SEV_WARNING, "/decision_deadline", 2, 20,
                "passed 1 day ago", "overdue by one day");
    expect_diag(wf, running, "2026-12-31", "overdue", PL_SEV_WARNING, "/decision_deadline", 2, 20,
                "30 days", "overdue by 30 days");
    expect_clean(wf, running, "2026-12-01", "not overdue on the deadline itself");
    expect_diag(wf, "stage: evaluating\ndecision_deadline: 2026-12-01\n", "2027-01-01", "overdue",
                PL_SEV_WARNING, "/decision_deadline", 2, 20, "overdue", "evaluating and overdue");
    static const char *const closed[] = {"decided", "production", "stopped"};
    for (size_t i = 0; i < PL_ARRAY_SIZE(closed); i++) {
        char yaml[200];
        snprintf(yaml, sizeof(yaml), "stage: %s\ndecision_deadline: 2026-12-01\n", closed[i]);
        expect_clean(wf, yaml, "2027-06-01", closed[i]);
    }
    pl_doc *doc = pilot(running);
    if (doc) {
        ok(pl_workflow_overdue(wf, doc->root, day("2026-12-02")), "pl_workflow_overdue: yes");
        ok(!pl_workflow_overdue(wf, doc->root, day("2026-11-02")), "pl_workflow_overdue: no");
    }
    pl_doc_free(doc);

    /* decision.by must be the decision owner */
    expect_diag(wf,
                "stage: decided\ndecision_owner: Priya Natarajan\ndecision:\n  outcome: go\n"
                "  by: Lee Park\n",
                "2026-12-01", "decider", PL_SEV_ERROR, "/decision/by", 5, 7, "Lee Park",
                "decision.by is not the decision owner");
    expect_clean(wf,
                 "stage: decided\ndecision_owner: Priya Natarajan\ndecision:\n  outcome: go\n"
                 "  by: Priya Natarajan\n",
                 "2026-12-01", "decision.by is the decision owner");
    expect_clean(wf, "stage: decided\ndecision:\n  by: Priya Natarajan\n", "2026-12-01",
                 "no decision owner: left to the schema");

    /* a stage the workflow does not know */
    expect_diag(wf, "stage: paused\n", "2026-12-01", "stage", PL_SEV_ERROR, "/stage", 1, 8,
                "'paused' is not in the workflow", "unknown stage");
    expect_clean(wf, "title: no stage yet\n", "2026-12-01", "no stage at all");

    pl_diags d = PL_DIAGS_INIT;
    check(wf, "[1, 2]", "2026-12-01", &d);
    ok(d.len == 0, "a document that is not a map is left to the schema");
    pl_workflow_check(wf, NULL, 0, &d);
    ok(d.len == 0, "no document at all");
    pl_diags_free(&d);

    /* several problems at once */
    check(wf,
          "stage: running\nstart: 2026-01-01\nend: 2025-12-01\ndecision_deadline: 2025-12-15\n"
          "decision_owner: A\ndecision:\n  by: B\n",
          "2026-08-01", &d);
    ok(find_rule(&d, "dates") && find_rule(&d, "duration") && find_rule(&d, "overdue") &&
           find_rule(&d, "decider"),
       "dates, duration, overdue and decider together");
    is_int((long long)pl_diags_count(&d, PL_SEV_ERROR), 2, "two errors");
    is_int((long long)pl_diags_count(&d, PL_SEV_WARNING), 2, "two warnings");
    pl_diags_free(&d);
    pl_workflow_free(wf);
}

static void transition(const pl_workflow *wf, const char *old_yaml, const char *new_yaml,
                       pl_diags *d)
{
    pl_doc *old_doc = old_yaml ? pilot(old_yaml) : NULL;
    pl_doc *new_doc = pilot(new_yaml);
    if (new_doc) pl_workflow_check_transition(wf, old_doc ? old_doc->root : NULL, new_doc->root, d);
    pl_doc_free(old_doc);
    pl_doc_free(new_doc);
}

static void expect_move(const pl_workflow *wf, const char *old_yaml, const char *new_yaml,
                        const char *rule, int line, int col, const char *in_message,
                        const char *name)
{
    pl_diags d = PL_DIAGS_INIT;
    transition(wf, old_yaml, new_yaml, &d);
    if (!rule) {
        if (!ok(d.len == 0, "%s", name)) print_diags(&d);
    } else if (!ok(d.len == 1 && strcmp(d.items[0].rule, rule) == 0, "%s: one '%s' error", name,
                   rule)) {
        print_diags(&d);
    } else {
        ok(d.items[0].severity == PL_SEV_ERROR, "%s: an error", name);
        char label[200];
        snprintf(label, sizeof(label), "%s: line", name);
        is_int(d.items[0].line, line, label);
        snprintf(label, sizeof(label), "%s: column", name);
        is_int(d.items[0].col, col, label);
        if (!ok(strstr(d.items[0].message, in_message) != NULL, "%s: message says '%s'", name,
                in_message))
            printf("#   message: %s\n", d.items[0].message);
    }
    pl_diags_free(&d);
}

static void test_transition(void)
{
    pl_workflow *wf = shipped();
    if (!wf) return;
    expect_move(wf, NULL, "stage: proposed\n", NULL, 0, 0, NULL, "a new pilot");
    expect_move(wf, "stage: planned\n", "stage: running\n", NULL, 0, 0, NULL, "planned -> running");
    expect_move(wf, "stage: running\n", "stage: stopped\n", NULL, 0, 0, NULL, "running -> stopped");
    expect_move(wf, "stage: evaluating\n", "stage: running\n", NULL, 0, 0, NULL,
                "evaluating -> running (extend)");
    expect_move(wf, "stage: running\ntitle: x\n", "stage: running\ntitle: y\n", NULL, 0, 0, NULL,
                "an edit that stays on the stage");
    expect_move(wf, "stage: proposed\n", "title: t\nstage: running\n", "transition", 2, 8,
                "from 'proposed' to 'running'", "proposed -> running refused");
    expect_move(wf, "stage: production\n", "stage: decided\n", "transition", 1, 8, "does not allow",
                "production -> decided refused");
    expect_move(wf, "stage: running\n", "stage: paused\n", NULL, 0, 0, NULL,
                "an unknown new stage is reported by the stage check, not here");
    expect_move(wf, "title: x\n", "stage: running\n", NULL, 0, 0, NULL,
                "the old version had no stage");
    expect_move(wf, "stage: running\n", "title: x\n", NULL, 0, 0, NULL,
                "the new version has no stage");

    /* a recorded decision is not rewritten silently */
    expect_move(wf, "stage: decided\ndecision:\n  outcome: go\n",
                "stage: decided\ndecision:\n  outcome: no-go\n", "decision", 3, 12,
                "'go' is changed to 'no-go' without a stage change",
                "outcome changed without a stage change");
    expect_move(wf, "stage: decided\ndecision:\n  outcome: go\n", "stage: decided\n", "decision", 1,
                8, "(removed)", "decision removed without a stage change");
    expect_move(wf, "stage: evaluating\ndecision:\n  outcome: extend\n",
                "stage: decided\ndecision:\n  outcome: go\n", NULL, 0, 0, NULL,
                "outcome changed with a stage change (extend -> go)");
    expect_move(wf, "stage: decided\ndecision:\n  outcome: go\n",
                "stage: production\ndecision:\n  outcome: go\n", NULL, 0, 0, NULL,
                "same outcome, stage moves on");
    expect_move(wf, "stage: evaluating\n",
                "stage: evaluating\ndecision:\n  outcome: extend\n  rationale: more data\n", NULL,
                0, 0, NULL, "a first decision without a stage change");
    expect_move(wf, "stage: decided\ndecision:\n  outcome: go\n  rationale: a\n",
                "stage: decided\ndecision:\n  outcome: go\n  rationale: b\n", NULL, 0, 0, NULL,
                "the rationale edited, the outcome kept");

    pl_diags d = PL_DIAGS_INIT;
    transition(wf, "stage: production\ndecision:\n  outcome: go\n",
               "stage: running\ndecision:\n  outcome: no-go\n", &d);
    ok(d.len == 1 && strcmp(d.items[0].rule, "transition") == 0,
       "a refused move with a new outcome: only the transition error");
    pl_diags_free(&d);
    pl_workflow_free(wf);
}

static void test_dates(void)
{
    int d = -1;
    ok(pl_date_parse("1970-01-01", &d) && d == 0, "1970-01-01 is day 0");
    ok(pl_date_parse("1969-12-31", &d) && d == -1, "1969-12-31 is day -1");
    ok(pl_date_parse("2000-03-01", &d) && d == 11017, "2000-03-01 is day 11017");
    ok(pl_date_parse("2026-09-01", &d) && d == 20697, "2026-09-01 is day 20697");
    ok(pl_date_parse("0001-01-01", &d) && d == -719162, "0001-01-01");
    ok(pl_date_parse("9999-12-31", &d) && d == 2932896, "9999-12-31");
    ok(pl_date_parse("2026-01-01", NULL), "the day number is optional");

    static const char *const good[] = {"2024-02-29", "2000-02-29", "1600-02-29", "2026-01-31",
                                       "2026-04-30", "2026-12-31", "0000-01-01"};
    for (size_t i = 0; i < PL_ARRAY_SIZE(good); i++)
        ok(pl_date_parse(good[i], NULL), "%s is a date", good[i]);
    static const char *const bad[] = {"2026-02-29", "2026-02-30",  "1900-02-29",  "2100-02-29",
                                      "2026-04-31", "2026-13-01",  "2026-00-01",  "2026-01-00",
                                      "2026-01-32", "2026-1-01",   "2026-01-1",   "26-01-01",
                                      "2026/01/01", "2026-01-01 ", " 2026-01-01", "2026-01-01T00",
                                      "",           "2026-01-0x",  "20260101",    "+2026-01-01"};
    for (size_t i = 0; i < PL_ARRAY_SIZE(bad); i++)
        ok(!pl_date_parse(bad[i], NULL), "'%s' is not a date", bad[i]);
    ok(!pl_date_parse(NULL, NULL), "NULL is not a date");

    char out[11];
    pl_date_format(0, out);
    is_str(out, "1970-01-01", "format day 0");
    pl_date_format(20697, out);
    is_str(out, "2026-09-01", "format 2026-09-01");
    pl_date_format(-719162, out);
    is_str(out, "0001-01-01", "format year 1");
    pl_date_format(2932896, out);
    is_str(out, "9999-12-31", "format 9999-12-31");

    /* every day of years 0000 to 9999 survives format -> parse */
    int first = pl_days_from_civil(0, 1, 1), last = pl_days_from_civil(9999, 12, 31);
    int bad_day = 0, count = 0;
    bool all = true;
    for (int n = first; n <= last; n++, count++) {
        int back = 0;
        pl_date_format(n, out);
        if (!pl_date_parse(out, &back) || back != n) {
            all = false;
            bad_day = n;
            break;
        }
    }
    if (!ok(all, "format and parse round-trip for every day of 0000-9999")) {
        pl_date_format(bad_day, out);
        printf("#   day %d -> %s\n", bad_day, out);
    }
    is_int(count, 3652425, "10,000 years of 365.2425 days");

    int y, m, dd;
    pl_civil_from_days(pl_days_from_civil(2024, 2, 29), &y, &m, &dd);
    ok(y == 2024 && m == 2 && dd == 29, "civil <-> days round trip on a leap day");
    is_int(pl_days_from_civil(2027, 1, 1) - pl_days_from_civil(2026, 1, 1), 365, "2026 has 365");
    is_int(pl_days_from_civil(2025, 1, 1) - pl_days_from_civil(2024, 1, 1), 366, "2024 has 366");

    is_int(pl_date_from_epoch(0), 0, "epoch 0");
    is_int(pl_date_from_epoch(86399), 0, "the last second of day 0");
    is_int(pl_date_from_epoch(86400), 1, "the first second of day 1");
    is_int(pl_date_from_epoch(-1), -1, "one second before the epoch");
    is_int(pl_date_from_epoch(-86400), -1, "a day before the epoch");
    is_int(pl_date_from_epoch(-86401), -2, "a day and a second before the epoch");
    pl_date_format(pl_date_from_epoch(1767225600), out);
    is_str(out, "2026-01-01", "SOURCE_DATE_EPOCH 1767225600 is 2026-01-01");
}

int main(void)
{
    test_load();
    test_broken();
    test_allows();
    test_check();
    test_transition();
    test_dates();
    return done_testing();
}
