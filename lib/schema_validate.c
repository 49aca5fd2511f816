/*
 * schema_validate.c - applies a compiled schema to a value tree and
 * reports each failure with its position, JSON pointer and expectation.
 */
#include "schema_int.h"

#include "date.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A schema can recurse through $ref without consuming the instance; this
 * bounds it so a bad team schema cannot hang a hook. */
enum { MAX_APPLY_DEPTH = 256 };

typedef struct vctx {
    pl_diags *out; /* NULL: only count errors (probing a branch) */
    pl_buf ptr;    /* JSON pointer of the current instance */
    int depth;
    const char *because; /* why a then-branch applies, appended to messages */
} vctx;

static size_t apply(vctx *c, const snode *n, const pl_value *inst);
static size_t probe(vctx *c, const snode *n, const pl_value *inst);

static void short_value(pl_buf *out, const pl_value *v)
{
    pl_buf text = PL_BUF_INIT;
    pl_value_text(&text, v);
    bool quote = v->type == PL_STRING;
    if (quote) pl_buf_putc(out, '\'');
    if (text.len > 60) {
        size_t cut = 57;
        while (cut > 0 && ((unsigned char)text.ptr[cut] & 0xC0) == 0x80) cut--;
        pl_buf_put(out, text.ptr, cut);
        pl_buf_puts(out, "...");
    } else {
        pl_buf_put(out, pl_buf_cstr(&text), text.len);
    }
    if (quote) pl_buf_putc(out, '\'');
    pl_buf_free(&text);
}

/* Records one failure; returns 1 so callers can add it to their count. */
static size_t report(vctx *c, int line, int col, const char *rule, const char *msg)
{
    if (!c->out) return 1;
    if (c->because)
        pl_diags_add(c->out, PL_SEV_ERROR, line, col, pl_buf_cstr(&c->ptr), rule, "%s (%s)", msg,
                     c->because);
    else
        pl_diags_add(c->out, PL_SEV_ERROR, line, col, pl_buf_cstr(&c->ptr), rule, "%s", msg);
    return 1;
}

static size_t report_at(vctx *c, const pl_value *at, const char *rule, pl_buf *msg)
{
    size_t r = report(c, at->line, at->col, rule, pl_buf_cstr(msg));
    pl_buf_free(msg);
    return r;
}

/* Appends "/key" as a JSON Pointer token ('~' -> "~0", '/' -> "~1"); runs
 * every descent into a field, so plain runs are copied whole. */
static void push_key(vctx *c, const char *key, size_t len, size_t *saved)
{
    *saved = c->ptr.len;
    pl_buf_putc(&c->ptr, '/');
    for (size_t i = 0; i < len;) {
        size_t run = i;
        while (run < len && key[run] != '~' && key[run] != '/') run++;
        pl_buf_put(&c->ptr, key + i, run - i);
        if (run < len) pl_buf_puts(&c->ptr, key[run] == '~' ? "~0" : "~1");
        i = run + 1;
    }
}

static void push_index(vctx *c, size_t i, size_t *saved)
{
    *saved = c->ptr.len;
    pl_buf_printf(&c->ptr, "/%zu", i);
}

static void pop(vctx *c, size_t saved)
{
    pl_buf_truncate(&c->ptr, saved);
}

static unsigned instance_type_bits(const pl_value *v)
{
    switch (v->type) {
    case PL_NULL:
        return T_NULL;
    case PL_BOOL:
        return T_BOOL;
    case PL_INT:
        return T_INT | T_NUM;
    case PL_FLOAT:
        return (isfinite(v->u.f) && v->u.f == floor(v->u.f)) ? (T_INT | T_NUM) : T_NUM;
    case PL_STRING:
        return T_STR;
    case PL_SEQ:
        return T_ARR;
    case PL_MAP:
        return T_OBJ;
    }
    return 0;
}

static void type_names(pl_buf *out, unsigned bits)
{
    bool first = true;
    for (int t = PL_NULL; t <= PL_MAP; t++) {
        if (!(bits & (1u << t))) continue;
        if (!first) pl_buf_puts(out, " or ");
        pl_buf_puts(out, pl_type_name((pl_type)t));
        first = false;
    }
}

/* Edit distance bounded to small strings, for "did you mean" hints. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

static const char *closest_property(const snode *n, const char *key)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n->n_props; i++) {
        size_t d = edit_distance(key, n->props[i].name);
        if (d < best_d) best_d = d, best = n->props[i].name;
    }
    return best;
}

static bool format_ok(sformat f, const char *s)
{
    switch (f) {
    case FORMAT_NONE:
        return true;
    case FORMAT_DATE:
        return pl_date_parse(s, NULL);
    case FORMAT_DATE_TIME: {
        char day[11];
        if (strlen(s) < 20) return false;
        memcpy(day, s, 10);
        day[10] = '\0';
        if (!pl_date_parse(day, NULL) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
            return false;
        int h, m, sec;
        if (sscanf(s + 11, "%2d:%2d:%2d", &h, &m, &sec) != 3) return false;
        return h < 24 && m < 60 && sec <= 60 &&
               (strchr(s + 19, 'Z') || strchr(s + 19, 'z') || strchr(s + 19, '+') ||
                strchr(s + 19, '-'));
    }
    case FORMAT_EMAIL: {
        const char *at = strchr(s, '@');
        return at && at != s && !strchr(at + 1, '@') && strchr(at + 1, '.') && !strchr(s, ' ') &&
               at[1] != '.' && s[strlen(s) - 1] != '.';
    }
    case FORMAT_URI: {
        const char *colon = strchr(s, ':');
        if (!colon || colon == s || strchr(s, ' ')) return false;
        for (const char *p = s; p < colon; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (p > s && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))))
                return false;
        return true;
    }
    }
    return true;
}

static const char *format_name(sformat f)
{
    switch (f) {
    case FORMAT_DATE:
        return "a date YYYY-MM-DD";
    case FORMAT_DATE_TIME:
        return "a date-time (RFC 3339)";
    case FORMAT_EMAIL:
        return "an e-mail address";
    case FORMAT_URI:
        return "a URI";
    default:
        return "";
    }
}

static void with_description(pl_buf *msg, const snode *n)
{
    if (n->description) pl_buf_printf(msg, " — %s", n->description);
}

static size_t check_string(vctx *c, const snode *n, const pl_value *inst)
{
    size_t errors = 0;
    const char *s = inst->u.str.ptr;
    if (n->has_min_len || n->has_max_len) {
        size_t len = pl_utf8_count(s, inst->u.str.len);
        if (n->has_min_len && len < n->min_len) {
            pl_buf m = PL_BUF_INIT;
            if (len == 0)
                pl_buf_printf(&m, "expected a non-empty string");
            else
                pl_buf_printf(&m, "expected at least %zu characters, got %zu", n->min_len, len);
            errors += report_at(c, inst, "minLength", &m);
        }
        if (n->has_max_len && len > n->max_len) {
            pl_buf m = PL_BUF_INIT;
            pl_buf_printf(&m, "expected at most %zu characters, got %zu", n->max_len, len);
            errors += report_at(c, inst, "maxLength", &m);
        }
    }
    if (n->pattern_src && !pl_regex_match(&n->pattern, s)) {
        pl_buf m = PL_BUF_INIT;
        short_value(&m, inst);
        pl_buf_printf(&m, " does not match the pattern %s", n->pattern_src);
        with_description(&m, n);
        errors += report_at(c, inst, "pattern", &m);
    }
    if (n->format != FORMAT_NONE && !format_ok(n->format, s)) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "expected %s, got ", format_name(n->format));
        short_value(&m, inst);
        errors += report_at(c, inst, "format", &m);
    }
    return errors;
}

static size_t check_number(vctx *c, const snode *n, const pl_value *inst)
{
    size_t errors = 0;
    double x = pl_value_number(inst);
    struct {
        bool on;
        bool bad;
        const char *rule, *op;
        double limit;
    } checks[] = {
        {n->has_min, x < n->minimum, "minimum", ">=", n->minimum},
        {n->has_max, x > n->maximum, "maximum", "<=", n->maximum},
        {n->has_xmin, x <= n->xminimum, "exclusiveMinimum", ">", n->xminimum},
        {n->has_xmax, x >= n->xmaximum, "exclusiveMaximum", "<", n->xmaximum},
    };
    for (size_t i = 0; i < PL_ARRAY_SIZE(checks); i++) {
        if (!checks[i].on || !checks[i].bad) continue;
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "expected a value %s %g, got ", checks[i].op, checks[i].limit);
        short_value(&m, inst);
        errors += report_at(c, inst, checks[i].rule, &m);
    }
    if (n->has_multiple) {
        double q = x / n->multiple_of;
        if (!isfinite(q) || fabs(q - nearbyint(q)) > 1e-9 * fmax(1.0, fabs(q))) {
            pl_buf m = PL_BUF_INIT;
            pl_buf_printf(&m, "expected a multiple of %g, got ", n->multiple_of);
            short_value(&m, inst);
            errors += report_at(c, inst, "multipleOf", &m);
        }
    }
    return errors;
}

static size_t check_array(vctx *c, const snode *n, const pl_value *inst)
{
    size_t errors = 0, len = inst->u.seq.len, saved;
    if (n->has_min_items && len < n->min_items) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "expected at least %zu item%s, got %zu", n->min_items,
                      n->min_items == 1 ? "" : "s", len);
        errors += report_at(c, inst, "minItems", &m);
    }
    if (n->has_max_items && len > n->max_items) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "expected at most %zu items, got %zu", n->max_items, len);
        errors += report_at(c, inst, "maxItems", &m);
    }
    if (n->unique_items) {
        for (size_t i = 1; i < len; i++)
            for (size_t j = 0; j < i; j++)
                if (pl_value_equal(inst->u.seq.items[i], inst->u.seq.items[j])) {
                    pl_buf m = PL_BUF_INIT;
                    push_index(c, i, &saved);
                    pl_buf_printf(&m, "duplicate item (same as item %zu); items must be unique", j);
                    errors += report_at(c, inst->u.seq.items[i], "uniqueItems", &m);
                    pop(c, saved);
                    j = i; /* one report per item */
                }
    }
    for (size_t i = 0; i < len; i++) {
        const snode *item = i < n->n_prefix_items ? n->prefix_items[i] : n->items;
        if (!item) continue;
        push_index(c, i, &saved);
        errors += apply(c, item, inst->u.seq.items[i]);
        pop(c, saved);
    }
    if (n->contains) {
        bool found = false;
        for (size_t i = 0; i < len && !found; i++)
            found = probe(c, n->contains, inst->u.seq.items[i]) == 0;
        if (!found) {
            pl_buf m = PL_BUF_INIT;
            pl_buf_puts(&m, "expected at least one item matching 'contains'");
            errors += report_at(c, inst, "contains", &m);
        }
    }
    return errors;
}

static const snode *property_schema(const snode *n, const char *key)
{
    for (size_t i = 0; i < n->n_props; i++)
        if (strcmp(n->props[i].name, key) == 0) return n->props[i].schema;
    return NULL;
}

static size_t check_required_list(vctx *c, const pl_value *list, const pl_value *inst,
                                  const char *rule)
{
    size_t errors = 0, saved;
    for (size_t i = 0; i < list->u.seq.len; i++) {
        const pl_value *name = list->u.seq.items[i];
        if (pl_map_get(inst, name->u.str.ptr)) continue;
        pl_buf m = PL_BUF_INIT;
        push_key(c, name->u.str.ptr, name->u.str.len, &saved);
        pl_buf_printf(&m, "missing required field '%s'", name->u.str.ptr);
        errors += report_at(c, inst, rule, &m);
        pop(c, saved);
    }
    return errors;
}

static size_t check_object(vctx *c, const snode *n, const pl_value *inst)
{
    size_t errors = 0, len = inst->u.map.len, saved;
    if (n->required) errors += check_required_list(c, n->required, inst, "required");
    if (n->dependent_required) {
        for (size_t i = 0; i < n->dependent_required->u.map.len; i++) {
            const pl_pair *p = &n->dependent_required->u.map.items[i];
            if (pl_map_get(inst, p->key))
                errors += check_required_list(c, p->value, inst, "dependentRequired");
        }
    }
    if (n->has_min_props && len < n->min_props) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "expected at least %zu fields, got %zu", n->min_props, len);
        errors += report_at(c, inst, "minProperties", &m);
    }
    if (n->has_max_props && len > n->max_props) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "expected at most %zu fields, got %zu", n->max_props, len);
        errors += report_at(c, inst, "maxProperties", &m);
    }
    for (size_t i = 0; i < len; i++) {
        const pl_pair *p = &inst->u.map.items[i];
        const snode *ps = property_schema(n, p->key);
        bool matched = ps != NULL;
        push_key(c, p->key, p->key_len, &saved);
        if (n->property_names) {
            pl_value key = {0};
            key.type = PL_STRING;
            key.u.str.ptr = p->key;
            key.u.str.len = p->key_len;
            key.line = p->key_line;
            key.col = p->key_col;
            errors += apply(c, n->property_names, &key);
        }
        if (ps) errors += apply(c, ps, p->value);
        for (size_t k = 0; k < n->n_patterns; k++) {
            if (!pl_regex_match(&n->patterns[k].re, p->key)) continue;
            matched = true;
            errors += apply(c, n->patterns[k].schema, p->value);
        }
        if (!matched && n->additional) {
            if (n->additional->boolean == 0) {
                pl_buf m = PL_BUF_INIT;
                const char *hint = closest_property(n, p->key);
                pl_buf_printf(&m, "unknown field '%s'", p->key);
                if (hint) pl_buf_printf(&m, " (did you mean '%s'?)", hint);
                errors +=
                    report(c, p->key_line, p->key_col, "additionalProperties", pl_buf_cstr(&m));
                pl_buf_free(&m);
            } else {
                errors += apply(c, n->additional, p->value);
            }
        }
        pop(c, saved);
    }
    return errors;
}

/* Runs a branch quietly; returns its error count. */
static size_t probe(vctx *c, const snode *n, const pl_value *inst)
{
    vctx q = *c;
    q.out = NULL;
    q.ptr = (pl_buf)PL_BUF_INIT;
    pl_buf_put(&q.ptr, c->ptr.ptr ? c->ptr.ptr : "", c->ptr.len);
    size_t e = apply(&q, n, inst);
    pl_buf_free(&q.ptr);
    return e;
}

/* For then/else messages: "stage is 'running'", from the if-schema's
 * const/enum properties and the instance's values. */
static char *describe_condition(const snode *cond, const pl_value *inst)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t i = 0; cond && i < cond->n_props; i++) {
        const snode *ps = cond->props[i].schema;
        const pl_value *v = pl_map_get(inst, cond->props[i].name);
        if (!v || (!ps->const_value && !ps->enum_values)) continue;
        if (b.len) pl_buf_puts(&b, ", ");
        pl_buf_printf(&b, "%s is ", cond->props[i].name);
        short_value(&b, v);
    }
    return b.len ? pl_buf_detach(&b) : (pl_buf_free(&b), NULL);
}

static size_t first_failing_message(vctx *c, const snode *n, const pl_value *inst, pl_buf *out)
{
    pl_diags tmp = PL_DIAGS_INIT;
    vctx q = *c;
    q.out = &tmp;
    q.ptr = (pl_buf)PL_BUF_INIT;
    pl_buf_put(&q.ptr, c->ptr.ptr ? c->ptr.ptr : "", c->ptr.len);
    size_t e = apply(&q, n, inst);
    if (tmp.len) {
        const pl_diag *d = &tmp.items[0];
        if (strcmp(d->pointer, pl_buf_cstr(&c->ptr)) != 0) pl_buf_printf(out, "%s: ", d->pointer);
        pl_buf_puts(out, d->message);
    }
    pl_diags_free(&tmp);
    pl_buf_free(&q.ptr);
    return e;
}

/* anyOf (one = false) or oneOf (one = true). */
static size_t check_alternatives(vctx *c, const snode *n, snode *const *alts, size_t count,
                                 bool one, const pl_value *inst)
{
    const char *rule = one ? "oneOf" : "anyOf";
    size_t passing = 0, best = 0, best_errors = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        size_t e = probe(c, alts[i], inst);
        if (e == 0) passing++;
        if (e < best_errors) best_errors = e, best = i;
    }
    if (passing == 0) {
        /* a quiet probe only counts: the closest alternative's message
         * would cost another full pass over it, per level of nesting */
        if (!c->out) return 1;
        pl_buf m = PL_BUF_INIT, why = PL_BUF_INIT;
        first_failing_message(c, alts[best], inst, &why);
        pl_buf_printf(&m, "matches none of the %zu alternatives (%s)", count, rule);
        with_description(&m, n);
        if (why.len) pl_buf_printf(&m, "; closest: %s", pl_buf_cstr(&why));
        pl_buf_free(&why);
        return report_at(c, inst, rule, &m);
    }
    if (one && passing > 1) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_printf(&m, "matches %zu of the oneOf alternatives, expected exactly one", passing);
        return report_at(c, inst, rule, &m);
    }
    return 0;
}

static size_t check_combinators(vctx *c, const snode *n, const pl_value *inst)
{
    size_t errors = 0;
    for (size_t i = 0; i < n->n_all_of; i++) errors += apply(c, n->all_of[i], inst);
    if (n->n_any_of) errors += check_alternatives(c, n, n->any_of, n->n_any_of, false, inst);
    if (n->n_one_of) errors += check_alternatives(c, n, n->one_of, n->n_one_of, true, inst);
    if (n->not_ && probe(c, n->not_, inst) == 0) {
        pl_buf m = PL_BUF_INIT;
        short_value(&m, inst);
        pl_buf_puts(&m, " is not allowed here");
        with_description(&m, n->not_);
        if (!n->not_->description) with_description(&m, n);
        errors += report_at(c, inst, "not", &m);
    }
    if (n->if_) {
        bool cond = probe(c, n->if_, inst) == 0;
        const snode *branch = cond ? n->then_ : n->else_;
        if (branch) {
            const char *outer = c->because;
            char *why = cond && c->out ? describe_condition(n->if_, inst) : NULL;
            if (why) c->because = why;
            errors += apply(c, branch, inst);
            c->because = outer;
            free(why);
        }
    }
    return errors;
}

static size_t apply(vctx *c, const snode *n, const pl_value *inst)
{
    size_t errors = 0;
    if (n->boolean == 1) return 0;
    if (n->boolean == 0) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_puts(&m, "no value is allowed here");
        return report_at(c, inst, "false", &m);
    }
    if (++c->depth > MAX_APPLY_DEPTH) {
        c->depth--;
        pl_buf m = PL_BUF_INIT;
        pl_buf_puts(&m, "the schema recurses too deeply ($ref loop?)");
        return report_at(c, inst, "schema", &m);
    }
    if (n->ref_target) errors += apply(c, n->ref_target, inst);

    unsigned have = instance_type_bits(inst);
    if (n->types && !(n->types & have)) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_puts(&m, "expected ");
        type_names(&m, n->types);
        pl_buf_printf(&m, ", got %s",
                      inst->type == PL_FLOAT && (have & T_INT) ? "number"
                                                               : pl_type_name(inst->type));
        if (inst->type != PL_MAP && inst->type != PL_SEQ && inst->type != PL_NULL) {
            pl_buf_puts(&m, " ");
            short_value(&m, inst);
        }
        errors += report_at(c, inst, "type", &m);
        c->depth--;
        return errors; /* the other keywords would only repeat the type error */
    }
    if (n->const_value && !pl_value_equal(n->const_value, inst)) {
        pl_buf m = PL_BUF_INIT;
        pl_buf_puts(&m, "expected ");
        short_value(&m, n->const_value);
        pl_buf_puts(&m, ", got ");
        short_value(&m, inst);
        with_description(&m, n);
        errors += report_at(c, inst, "const", &m);
    }
    if (n->enum_values) {
        bool found = false;
        for (size_t i = 0; i < n->enum_values->u.seq.len && !found; i++)
            found = pl_value_equal(n->enum_values->u.seq.items[i], inst);
        if (!found) {
            pl_buf m = PL_BUF_INIT;
            pl_buf_puts(&m, "expected one of ");
            for (size_t i = 0; i < n->enum_values->u.seq.len; i++) {
                if (i) pl_buf_puts(&m, ", ");
                pl_value_text(&m, n->enum_values->u.seq.items[i]);
            }
            pl_buf_puts(&m, "; got ");
            short_value(&m, inst);
            errors += report_at(c, inst, "enum", &m);
        }
    }
    switch (inst->type) {
    case PL_STRING:
        errors += check_string(c, n, inst);
        break;
    case PL_INT:
    case PL_FLOAT:
        errors += check_number(c, n, inst);
        break;
    case PL_SEQ:
        errors += check_array(c, n, inst);
        break;
    case PL_MAP:
        errors += check_object(c, n, inst);
        break;
    default:
        break;
    }
    errors += check_combinators(c, n, inst);
    c->depth--;
    return errors;
}

size_t pl_schema_validate(const pl_schema *schema, const pl_value *instance, pl_diags *out)
{
    vctx c;
    memset(&c, 0, sizeof(c));
    c.out = out;
    size_t errors = apply(&c, schema->root, instance);
    pl_buf_free(&c.ptr);
    return errors;
}
