/*
 * criteria.c - target/actual parsing and comparison.
 */
#include "criteria.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

static const struct {
    const char *text;
    pl_op op;
} ops[] = {
    /* longest first so ">=" is not read as ">" */
    {">=", PL_OP_GE},
    {"<=", PL_OP_LE},
    {"==", PL_OP_EQ},
    {"!=", PL_OP_NE},
    {"\xE2\x89\xA5", PL_OP_GE}, /* ≥ */
    {"\xE2\x89\xA4", PL_OP_LE}, /* ≤ */
    {">", PL_OP_GT},
    {"<", PL_OP_LT},
    {"=", PL_OP_EQ},
};

const char *pl_op_name(pl_op op)
{
    static const char *const names[] = {">=", ">", "<=", "<", "==", "!="};
    return names[op];
}

static const struct {
    const char *name;
    double seconds;
} durations[] = {{"s", 1}, {"min", 60}, {"h", 3600}, {"d", 86400}, {"w", 604800}};

int pl_quantity_parse(pl_quantity *out, const char *s, pl_error *err)
{
    memset(out, 0, sizeof(*out));
    s = skip_space(s);
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p)) p++, digits++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) p++, digits++;
    }
    if (!digits) return pl_error_set(err, PL_EINVALID, "expected a number, got '%.40s'", s);
    char num[64];
    size_t n = (size_t)(p - s);
    if (n >= sizeof(num)) return pl_error_set(err, PL_EINVALID, "number too long");
    memcpy(num, s, n);
    num[n] = '\0';
    out->value = strtod(num, NULL);

    const char *u = skip_space(p);
    size_t ulen = strlen(u);
    while (ulen && isspace((unsigned char)u[ulen - 1])) ulen--;
    if (ulen == 0) {
        out->kind = PL_UNIT_NONE;
        return 0;
    }
    if (ulen >= sizeof(out->unit))
        return pl_error_set(err, PL_EINVALID, "unit too long: '%.40s'", u);
    memcpy(out->unit, u, ulen);
    out->unit[ulen] = '\0';
    if (strcmp(out->unit, "%") == 0) {
        out->kind = PL_UNIT_PERCENT;
        return 0;
    }
    for (size_t i = 0; i < PL_ARRAY_SIZE(durations); i++) {
        if (strcmp(out->unit, durations[i].name) == 0) {
            out->kind = PL_UNIT_DURATION;
            out->value *= durations[i].seconds;
            return 0;
        }
    }
    /* A unit is a word: it may not start with a digit or an operator. */
    if (isdigit((unsigned char)out->unit[0]) || strchr("<>=!.+-", out->unit[0]))
        return pl_error_set(err, PL_EINVALID, "unexpected '%s' after the number", out->unit);
    out->kind = PL_UNIT_WORD;
    return 0;
}

int pl_target_parse(pl_target *out, const char *s, pl_error *err)
{
    memset(out, 0, sizeof(*out));
    s = skip_space(s);
    for (size_t i = 0; i < PL_ARRAY_SIZE(ops); i++) {
        size_t n = strlen(ops[i].text);
        if (strncmp(s, ops[i].text, n) == 0) {
            out->op = ops[i].op;
            int rc = pl_quantity_parse(&out->q, s + n, err);
            if (rc) pl_error_prefix(err, "target '%.60s'", s);
            return rc;
        }
    }
    return pl_error_set(err, PL_EINVALID,
                        "target '%.60s' does not start with a comparison (>=, >, <=, <, ==, !=)",
                        s);
}

static void scalar_text(const pl_value *v, char *buf, size_t cap)
{
    if (v->type == PL_STRING) {
        size_t n = v->u.str.len < cap - 1 ? v->u.str.len : cap - 1;
        memcpy(buf, v->u.str.ptr, n);
        buf[n] = '\0';
    } else if (v->type == PL_INT)
        snprintf(buf, cap, "%lld", (long long)v->u.i);
    else if (v->type == PL_FLOAT)
        snprintf(buf, cap, "%.15g", v->u.f);
    else
        buf[0] = '\0';
}

bool pl_target_measurable(const pl_value *target)
{
    char text[256] = "";
    pl_target t;
    if (!target || (target->type != PL_STRING && !pl_value_is_number(target))) return false;
    scalar_text(target, text, sizeof(text));
    return pl_target_parse(&t, text, NULL) == 0;
}

static bool compare(pl_op op, double a, double b)
{
    double eps = 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
    switch (op) {
    case PL_OP_GE:
        return a >= b - eps;
    case PL_OP_GT:
        return a > b + eps;
    case PL_OP_LE:
        return a <= b + eps;
    case PL_OP_LT:
        return a < b - eps;
    case PL_OP_EQ:
        return fabs(a - b) <= eps;
    case PL_OP_NE:
        return fabs(a - b) > eps;
    }
    return false;
}

static bool same_unit(const pl_quantity *a, const pl_quantity *b)
{
    if (a->kind != b->kind) return false;
    if (a->kind != PL_UNIT_WORD) return true;
    return strcasecmp(a->unit, b->unit) == 0;
}

static const char *unit_label(const pl_quantity *q)
{
    return q->kind == PL_UNIT_NONE ? "no unit" : q->unit;
}

/* The explanation, for a caller that wants one (the index only counts). */
static void explain(char *why, size_t why_len, const char *fmt, ...)
{
    if (!why || !why_len) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

pl_crit_result pl_criterion_evaluate(const pl_value *target, const pl_value *actual, char *why,
                                     size_t why_len)
{
    char ttext[256] = "", atext[256] = "";
    pl_target t;
    pl_quantity a;
    pl_error err;
    if (why && why_len) why[0] = '\0';
    if (!actual || actual->type == PL_NULL ||
        (actual->type == PL_STRING && actual->u.str.len == 0)) {
        explain(why, why_len, "no actual value yet");
        return PL_CRIT_NOT_MEASURED;
    }
    if (!target || (target->type != PL_STRING && !pl_value_is_number(target))) {
        explain(why, why_len, "no target");
        return PL_CRIT_NOT_COMPARABLE;
    }
    scalar_text(target, ttext, sizeof(ttext));
    if (pl_target_parse(&t, ttext, &err)) {
        explain(why, why_len, "%s", err.message);
        return PL_CRIT_NOT_COMPARABLE;
    }
    if (actual->type != PL_STRING && !pl_value_is_number(actual)) {
        explain(why, why_len, "actual is %s, not a measurement", pl_type_name(actual->type));
        return PL_CRIT_NOT_COMPARABLE;
    }
    scalar_text(actual, atext, sizeof(atext));
    if (pl_value_is_number(actual) && isfinite(pl_value_number(actual))) {
        /* a YAML number is taken as is: its text may be "1e-05" */
        memset(&a, 0, sizeof(a));
        a.value = pl_value_number(actual);
        a.kind = PL_UNIT_NONE;
    } else if (pl_quantity_parse(&a, atext, &err)) {
        explain(why, why_len, "actual '%.60s': %s", atext, err.message);
        return PL_CRIT_NOT_COMPARABLE;
    }
    if (!same_unit(&t.q, &a)) {
        explain(why, why_len, "units differ: target in %s, actual in %s", unit_label(&t.q),
                unit_label(&a));
        return PL_CRIT_NOT_COMPARABLE;
    }
    bool ok = compare(t.op, a.value, t.q.value);
    explain(why, why_len, "%s %s %s", atext, ok ? "meets" : "misses", ttext);
    return ok ? PL_CRIT_MET : PL_CRIT_NOT_MET;
}

const char *pl_crit_result_name(pl_crit_result r)
{
    switch (r) {
    case PL_CRIT_MET:
        return "met";
    case PL_CRIT_NOT_MET:
        return "not_met";
    case PL_CRIT_NOT_MEASURED:
        return "not_measured";
    case PL_CRIT_NOT_COMPARABLE:
        return "not_comparable";
    }
    return "unknown";
}

size_t pl_criteria_met(const pl_value *criteria, size_t *met)
{
    *met = 0;
    if (!criteria || criteria->type != PL_SEQ) return 0;
    for (size_t i = 0; i < criteria->u.seq.len; i++) {
        const pl_value *c = criteria->u.seq.items[i];
        *met += pl_criterion_evaluate(pl_map_get(c, "target"), pl_map_get(c, "actual"), NULL, 0) ==
                PL_CRIT_MET;
    }
    return criteria->u.seq.len;
}

size_t pl_criteria_evaluate(const pl_value *criteria, pl_criterion_eval **out)
{
    *out = NULL;
    if (!criteria || criteria->type != PL_SEQ || criteria->u.seq.len == 0) return 0;
    size_t n = criteria->u.seq.len;
    pl_criterion_eval *ev = pl_calloc(n, sizeof(*ev));
    for (size_t i = 0; i < n; i++) {
        const pl_value *c = criteria->u.seq.items[i];
        ev[i].id = pl_value_str(pl_map_get(c, "id"));
        ev[i].metric = pl_value_str(pl_map_get(c, "metric"));
        ev[i].baseline = pl_map_get(c, "baseline");
        ev[i].target = pl_map_get(c, "target");
        ev[i].actual = pl_map_get(c, "actual");
        ev[i].result =
            pl_criterion_evaluate(ev[i].target, ev[i].actual, ev[i].why, sizeof(ev[i].why));
    }
    *out = ev;
    return n;
}
