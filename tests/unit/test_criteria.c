/*
 * test_criteria.c - success criteria: parsing targets "OP NUMBER [UNIT]"
 * and quantities "NUMBER [UNIT]", and evaluating a target against an
 * actual (met, not met, not measured, not comparable) with percentages,
 * durations converted to seconds, and words that must match.
 */
#include "criteria.h"
#include "doc.h"

#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void target_ok(const char *text, pl_op op, double value, pl_unit_kind kind, const char *unit)
{
    pl_target t;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_target_parse(&t, text, &err);
    if (!ok(rc == 0, "target '%s' parses", text)) {
        printf("#   %s\n", err.message);
        return;
    }
    ok(t.op == op, "target '%s': operator %s", text, pl_op_name(op));
    ok(fabs(t.q.value - value) < 1e-9, "target '%s': value %g", text, value);
    if (t.q.value != value) printf("#   got %g\n", t.q.value);
    ok(t.q.kind == kind, "target '%s': unit kind %d", text, (int)kind);
    if (unit) ok(strcmp(t.q.unit, unit) == 0, "target '%s': unit '%s'", text, unit);
}

static void target_bad(const char *text)
{
    pl_target t;
    pl_error err;
    pl_error_clear(&err);
    ok(pl_target_parse(&t, text, &err) == PL_EINVALID && err.message[0],
       "target '%s' is refused with a reason", text);
}

static void quantity_ok(const char *text, double value, pl_unit_kind kind)
{
    pl_quantity q;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_quantity_parse(&q, text, &err);
    ok(rc == 0 && fabs(q.value - value) < 1e-9 && q.kind == kind, "quantity '%s' is %g (kind %d)",
       text, value, (int)kind);
    if (rc)
        printf("#   %s\n", err.message);
    else if (q.value != value || q.kind != kind)
        printf("#   got %g (kind %d)\n", q.value, (int)q.kind);
}

static void quantity_bad(const char *text)
{
    pl_quantity q;
    pl_error err;
    pl_error_clear(&err);
    ok(pl_quantity_parse(&q, text, &err) == PL_EINVALID && err.message[0],
       "quantity '%s' is refused with a reason", text);
}

static void test_parse(void)
{
    target_ok(">= 60%", PL_OP_GE, 60, PL_UNIT_PERCENT, "%");
    target_ok("> 5", PL_OP_GT, 5, PL_UNIT_NONE, "");
    target_ok("<= 5min", PL_OP_LE, 300, PL_UNIT_DURATION, "min");
    target_ok("< 2h", PL_OP_LT, 7200, PL_UNIT_DURATION, "h");
    target_ok("== 3", PL_OP_EQ, 3, PL_UNIT_NONE, NULL);
    target_ok("!= 0", PL_OP_NE, 0, PL_UNIT_NONE, NULL);
    target_ok("<=40 EUR", PL_OP_LE, 40, PL_UNIT_WORD, "EUR");
    target_ok("  >=  1.5  ", PL_OP_GE, 1.5, PL_UNIT_NONE, NULL);
    target_ok(">= -2", PL_OP_GE, -2, PL_UNIT_NONE, NULL);
    target_ok(">= 0.75h", PL_OP_GE, 2700, PL_UNIT_DURATION, "h");
    target_ok(">= 60 %", PL_OP_GE, 60, PL_UNIT_PERCENT, "%");
    target_ok("<= 40 EUR per agent", PL_OP_LE, 40, PL_UNIT_WORD, "EUR per agent");
    target_ok("\xE2\x89\xA5 3", PL_OP_GE, 3, PL_UNIT_NONE, NULL);
    target_ok("\xE2\x89\xA4 3d", PL_OP_LE, 259200, PL_UNIT_DURATION, "d");

    target_bad("about 5");
    target_bad(">= ");
    target_bad(">=");
    target_bad("=> 5");
    target_bad("=< 5");
    target_bad(">> 5");
    target_bad(">= 5 5");
    target_bad(">= 5.5.5");
    target_bad(">= 5 >");
    target_bad(">= x");
    target_bad("5");
    target_bad("");
    target_bad(">= -");

    quantity_ok("74%", 74, PL_UNIT_PERCENT);
    quantity_ok("12", 12, PL_UNIT_NONE);
    quantity_ok("-3", -3, PL_UNIT_NONE);
    quantity_ok("+3", 3, PL_UNIT_NONE);
    quantity_ok(".5", 0.5, PL_UNIT_NONE);
    quantity_ok("5.", 5, PL_UNIT_NONE);
    quantity_ok("30s", 30, PL_UNIT_DURATION);
    quantity_ok("7min", 420, PL_UNIT_DURATION);
    quantity_ok("7 min", 420, PL_UNIT_DURATION);
    quantity_ok("48h", 172800, PL_UNIT_DURATION);
    quantity_ok("1d", 86400, PL_UNIT_DURATION);
    quantity_ok("1w", 604800, PL_UNIT_DURATION);
    quantity_ok("0.75h", 2700, PL_UNIT_DURATION);
    quantity_ok("1.5d", 129600, PL_UNIT_DURATION);
    quantity_ok("38 eur", 38, PL_UNIT_WORD);
    quantity_ok(" 38 EUR ", 38, PL_UNIT_WORD);

    quantity_bad("");
    quantity_bad("abc");
    quantity_bad("%");
    quantity_bad("5 5");
    quantity_bad("5 -");
    quantity_bad("1.2.3");
    quantity_bad("5 a-unit-name-far-longer-than-the-forty-seven-bytes-a-unit-may-have");

    ok(strcmp(pl_op_name(PL_OP_GE), ">=") == 0 && strcmp(pl_op_name(PL_OP_GT), ">") == 0 &&
           strcmp(pl_op_name(PL_OP_LE), "<=") == 0 && strcmp(pl_op_name(PL_OP_LT), "<") == 0 &&
           strcmp(pl_op_name(PL_OP_EQ), "==") == 0 && strcmp(pl_op_name(PL_OP_NE), "!=") == 0,
       "operator names");
    ok(strcmp(pl_crit_result_name(PL_CRIT_MET), "met") == 0 &&
           strcmp(pl_crit_result_name(PL_CRIT_NOT_MET), "not_met") == 0 &&
           strcmp(pl_crit_result_name(PL_CRIT_NOT_MEASURED), "not_measured") == 0 &&
           strcmp(pl_crit_result_name(PL_CRIT_NOT_COMPARABLE), "not_comparable") == 0,
       "result names (DESIGN §9)");
}

/* Evaluates a target against an actual, both written as YAML values
 * (actual NULL: the criterion has no actual). */
static pl_crit_result evaluate(const char *target, const char *actual, char *why, size_t why_len)
{
    char text[300];
    pl_doc *doc;
    pl_error err;
    if (actual)
        snprintf(text, sizeof(text), "target: %s\nactual: %s\n", target, actual);
    else
        snprintf(text, sizeof(text), "target: %s\n", target);
    if (pl_doc_parse_yaml(&doc, "c.yaml", text, strlen(text), NULL, &err)) {
        printf("# bad test YAML: %s\n", err.message);
        return (pl_crit_result)-1;
    }
    pl_crit_result r = pl_criterion_evaluate(pl_map_get(doc->root, "target"),
                                             pl_map_get(doc->root, "actual"), why, why_len);
    pl_doc_free(doc);
    return r;
}

static void expect(const char *target, const char *actual, pl_crit_result want)
{
    char why[160];
    pl_crit_result got = evaluate(target, actual, why, sizeof(why));
    if (!ok(got == want, "%s against %s: %s", target, actual ? actual : "(no actual)",
            pl_crit_result_name(want)))
        printf("#   got %s: %s\n", (int)got < 0 ? "?" : pl_crit_result_name(got), why);
}

static void test_evaluate(void)
{
    /* every operator, met and not met */
    expect("'>= 60%'", "74%", PL_CRIT_MET);
    expect("'>= 60%'", "60%", PL_CRIT_MET);
    expect("'>= 60%'", "50%", PL_CRIT_NOT_MET);
    expect("'> 60%'", "61%", PL_CRIT_MET);
    expect("'> 60%'", "60%", PL_CRIT_NOT_MET);
    expect("'<= 5min'", "5min", PL_CRIT_MET);
    expect("'<= 5min'", "7min", PL_CRIT_NOT_MET);
    expect("'< 5min'", "4.5min", PL_CRIT_MET);
    expect("'< 5min'", "5min", PL_CRIT_NOT_MET);
    expect("'== 3'", "3", PL_CRIT_MET);
    expect("'== 3'", "2.9", PL_CRIT_NOT_MET);
    expect("'!= 3'", "4", PL_CRIT_MET);
    expect("'!= 3'", "3", PL_CRIT_NOT_MET);
    expect("'>= -5'", "-3", PL_CRIT_MET);
    expect("'\xE2\x89\xA4 10'", "10", PL_CRIT_MET);

    /* durations are compared in seconds */
    expect("'<= 1d'", "24h", PL_CRIT_MET);
    expect("'< 1d'", "24h", PL_CRIT_NOT_MET);
    expect("'== 1w'", "7d", PL_CRIT_MET);
    expect("'>= 1w'", "6d", PL_CRIT_NOT_MET);
    expect("'== 0.75h'", "45min", PL_CRIT_MET);
    expect("'>= 2h'", "90min", PL_CRIT_NOT_MET);
    expect("'<= 60s'", "1min", PL_CRIT_MET);
    expect("'== 1h'", "3600s", PL_CRIT_MET);
    expect("'<= 48h'", "2d", PL_CRIT_MET);
    expect("'<= 5min'", "0.1h", PL_CRIT_NOT_MET);

    /* words must match, without regard to case */
    expect("'<= 40 EUR'", "38 EUR", PL_CRIT_MET);
    expect("'<= 40 EUR'", "38 eur", PL_CRIT_MET);
    expect("'<= 40 EUR'", "41 Eur", PL_CRIT_NOT_MET);
    expect("'<= 40 EUR'", "38 USD", PL_CRIT_NOT_COMPARABLE);
    expect("'<= 40 EUR'", "38", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 100 tickets/day'", "120 Tickets/Day", PL_CRIT_MET);

    /* units that differ are not comparable */
    expect("'>= 60%'", "0.74", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 60%'", "60min", PL_CRIT_NOT_COMPARABLE);
    expect("'<= 5min'", "5", PL_CRIT_NOT_COMPARABLE);
    expect("'<= 5min'", "5%", PL_CRIT_NOT_COMPARABLE);
    expect("'<= 5min'", "5 minutes", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 3'", "3%", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 3'", "3 EUR", PL_CRIT_NOT_COMPARABLE);

    /* no actual yet */
    expect("'>= 60%'", NULL, PL_CRIT_NOT_MEASURED);
    expect("'>= 60%'", "~", PL_CRIT_NOT_MEASURED);
    expect("'>= 60%'", "''", PL_CRIT_NOT_MEASURED);
    expect("about 5", NULL, PL_CRIT_NOT_MEASURED);

    /* malformed targets */
    expect("about 5", "5", PL_CRIT_NOT_COMPARABLE);
    expect("'>= '", "5", PL_CRIT_NOT_COMPARABLE);
    expect("'=> 5'", "5", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 5 5'", "5", PL_CRIT_NOT_COMPARABLE);
    expect("5", "5", PL_CRIT_NOT_COMPARABLE);
    expect("true", "5", PL_CRIT_NOT_COMPARABLE);
    expect("[1]", "5", PL_CRIT_NOT_COMPARABLE);
    expect("~", "5", PL_CRIT_NOT_COMPARABLE);

    /* malformed actuals */
    expect("'>= 5'", "lots", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 5'", "5 5", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 5'", "true", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 5'", "[5]", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 5'", "{v: 5}", PL_CRIT_NOT_COMPARABLE);

    /* YAML numbers as actuals */
    expect("'>= 60'", "74", PL_CRIT_MET);
    expect("'>= 60'", "59.5", PL_CRIT_NOT_MET);
    expect("'>= 0.5'", "0.75", PL_CRIT_MET);
    expect("'< 1000'", "1e3", PL_CRIT_NOT_MET);
    expect("'>= 60%'", "74", PL_CRIT_NOT_COMPARABLE);
    expect("'<= 0.001'", "0.00001", PL_CRIT_MET);
    expect("'>= 1000'", "1e20", PL_CRIT_MET);
    expect("'== 0'", "-0.0", PL_CRIT_MET);
    expect("'>= 5'", ".inf", PL_CRIT_NOT_COMPARABLE);
    expect("'>= 5'", ".nan", PL_CRIT_NOT_COMPARABLE);

    /* equality with decimals */
    expect("'== 0.3'", "0.3", PL_CRIT_MET);
    expect("'== 0.3'", "0.30000000000000004", PL_CRIT_MET);
    expect("'== 0.1'", "'0.10'", PL_CRIT_MET);
    expect("'== 1.5'", "1.50", PL_CRIT_MET);
    expect("'== 1.5'", "1.51", PL_CRIT_NOT_MET);
    expect("'!= 0.1'", "0.1", PL_CRIT_NOT_MET);
    expect("'>= 0.3'", "0.30000000000000004", PL_CRIT_MET);
    expect("'> 0.3'", "0.30000000000000004", PL_CRIT_NOT_MET);
    expect("'== 12.5%'", "12.50%", PL_CRIT_MET);

    /* the explanation */
    char why[160];
    evaluate("'>= 60%'", "74%", why, sizeof(why));
    is_str(why, "74% meets >= 60%", "why: met");
    evaluate("'<= 5min'", "7min", why, sizeof(why));
    is_str(why, "7min misses <= 5min", "why: not met");
    evaluate("'>= 60%'", NULL, why, sizeof(why));
    is_str(why, "no actual value yet", "why: not measured");
    evaluate("'>= 60%'", "0.74", why, sizeof(why));
    ok(strstr(why, "units differ") != NULL, "why: units differ (%s)", why);
    evaluate("about 5", "5", why, sizeof(why));
    ok(strstr(why, "about 5") != NULL, "why: names the malformed target (%s)", why);
    char tiny[8];
    evaluate("'>= 60%'", "74%", tiny, sizeof(tiny));
    ok(strlen(tiny) < sizeof(tiny), "why is truncated to its buffer");
    ok(pl_criterion_evaluate(NULL, NULL, NULL, 0) == PL_CRIT_NOT_MEASURED,
       "no target, no actual, no buffer");
}

static void test_list(void)
{
    const char *text = "success_criteria:\n"
                       "  - id: adoption\n"
                       "    metric: Weekly active agents / target agents\n"
                       "    target: \">= 60%\"\n"
                       "    actual: \"74%\"\n"
                       "  - id: response-time\n"
                       "    metric: Median first response time\n"
                       "    baseline: 48h\n"
                       "    target: \"<= 5min\"\n"
                       "    actual: 7min\n"
                       "  - id: cost\n"
                       "    metric: Run cost per agent per month\n"
                       "    target: \"<= 40 EUR\"\n";
    pl_doc *doc;
    pl_error err;
    if (!ok(pl_doc_parse_yaml(&doc, "c.yaml", text, strlen(text), NULL, &err) == 0,
            "criteria list parses"))
        return;
    pl_criterion_eval *ev;
    size_t n = pl_criteria_evaluate(pl_map_get(doc->root, "success_criteria"), &ev);
    is_int((long long)n, 3, "three criteria");
    if (n == 3) {
        is_str(ev[0].id, "adoption", "first id");
        is_str(ev[1].metric, "Median first response time", "second metric");
        is_str(pl_value_str(ev[1].baseline), "48h", "second baseline");
        ok(ev[2].actual == NULL, "third has no actual");
        ok(ev[0].result == PL_CRIT_MET, "adoption met");
        ok(ev[1].result == PL_CRIT_NOT_MET, "response time not met");
        ok(ev[2].result == PL_CRIT_NOT_MEASURED, "cost not measured");
    }
    free(ev);

    ok(pl_criteria_evaluate(NULL, &ev) == 0 && ev == NULL, "no criteria");
    ok(pl_criteria_evaluate(pl_map_get(doc->root, "nothing"), &ev) == 0, "missing list");
    ok(pl_criteria_evaluate(doc->root, &ev) == 0 && ev == NULL, "not a list");

    const pl_value *list = pl_map_get(doc->root, "success_criteria");
    ok(pl_target_measurable(pl_map_get(list->u.seq.items[0], "target")), "'>= 60%%' measurable");
    ok(!pl_target_measurable(pl_map_get(list->u.seq.items[0], "metric")),
       "a sentence is not measurable");
    ok(!pl_target_measurable(NULL), "a missing target is not measurable");
    pl_doc_free(doc);
}

int main(void)
{
    test_parse();
    test_evaluate();
    test_list();
    return done_testing();
}
