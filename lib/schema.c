/*
 * schema.c - compiles a JSON Schema value tree into snodes, refusing any
 * keyword outside the implemented subset.
 */
#include "schema_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct compiler {
    pl_schema *schema;
    pl_error *err;
} compiler;

static int compile(compiler *c, const pl_value *v, snode **out);

static int fail(compiler *c, const pl_value *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(compiler *c, const pl_value *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl_error_setv(c->err, PL_ESCHEMA, fmt, ap);
    va_end(ap);
    if (c->err && at) {
        c->err->line = at->line;
        c->err->col = at->col;
    }
    return PL_ESCHEMA;
}

/* Puts the position of the schema text on an error already recorded. */
static int place(compiler *c, int rc, int line, int col)
{
    if (c->err) {
        c->err->line = line;
        c->err->col = col;
    }
    return rc;
}

static snode *new_node(compiler *c, const pl_value *src)
{
    snode *n = pl_calloc(1, sizeof(*n));
    n->src = src;
    n->boolean = -1;
    n->next_alloc = c->schema->all_nodes;
    c->schema->all_nodes = n;
    return n;
}

static bool key_is(const pl_pair *p, const char *k)
{
    return p->key_len == strlen(k) && memcmp(p->key, k, p->key_len) == 0;
}

static int want_count(compiler *c, const pl_pair *p, size_t *out)
{
    const pl_value *v = p->value;
    double d = pl_value_number(v);
    if (!pl_value_is_number(v) || d < 0 || d != floor(d) || d > 1e15)
        return fail(c, v, "'%s' must be a non-negative integer", p->key);
    *out = (size_t)d;
    return 0;
}

static int want_number(compiler *c, const pl_pair *p, double *out)
{
    if (!pl_value_is_number(p->value)) return fail(c, p->value, "'%s' must be a number", p->key);
    *out = pl_value_number(p->value);
    return 0;
}

static int want_schema_list(compiler *c, const pl_pair *p, snode ***out, size_t *n)
{
    const pl_value *v = p->value;
    if (v->type != PL_SEQ || v->u.seq.len == 0)
        return fail(c, v, "'%s' must be a non-empty array of schemas", p->key);
    *out = pl_calloc(v->u.seq.len, sizeof(**out));
    *n = v->u.seq.len;
    for (size_t i = 0; i < v->u.seq.len; i++) {
        int rc = compile(c, v->u.seq.items[i], &(*out)[i]);
        if (rc) return rc;
    }
    return 0;
}

static int want_string_list(compiler *c, const pl_value *v, const char *key)
{
    if (v->type != PL_SEQ) return fail(c, v, "'%s' must be an array of strings", key);
    for (size_t i = 0; i < v->u.seq.len; i++)
        if (v->u.seq.items[i]->type != PL_STRING)
            return fail(c, v->u.seq.items[i], "'%s' must be an array of strings", key);
    return 0;
}

_Static_assert(T_NULL == 1 << PL_NULL && T_NUM == 1 << PL_FLOAT && T_OBJ == 1 << PL_MAP,
               "type bits follow pl_type");

static unsigned type_bit(const pl_value *v)
{
    const char *s = pl_value_str(v);
    for (int t = PL_NULL; s && t <= PL_MAP; t++)
        if (strcmp(s, pl_type_name((pl_type)t)) == 0) return 1u << t;
    return 0;
}

static int compile_type(compiler *c, snode *n, const pl_value *v)
{
    if (v->type == PL_STRING) {
        n->types = type_bit(v);
        if (!n->types) return fail(c, v, "unknown type '%s'", v->u.str.ptr);
        return 0;
    }
    if (v->type != PL_SEQ) return fail(c, v, "'type' must be a string or an array of strings");
    for (size_t i = 0; i < v->u.seq.len; i++) {
        unsigned bit = type_bit(v->u.seq.items[i]);
        if (!bit) return fail(c, v->u.seq.items[i], "unknown type in 'type'");
        n->types |= bit;
    }
    return 0;
}

static int compile_format(compiler *c, snode *n, const pl_value *v)
{
    static const struct {
        const char *name;
        sformat f;
    } formats[] = {{"date", FORMAT_DATE},
                   {"date-time", FORMAT_DATE_TIME},
                   {"email", FORMAT_EMAIL},
                   {"uri", FORMAT_URI}};
    const char *s = pl_value_str(v);
    if (!s) return fail(c, v, "'format' must be a string");
    for (size_t i = 0; i < PL_ARRAY_SIZE(formats); i++)
        if (strcmp(s, formats[i].name) == 0) {
            n->format = formats[i].f;
            return 0;
        }
    return fail(c, v,
                "format '%s' is not implemented by pilotlog (it knows date, date-time, email, uri)",
                s);
}

static int compile_properties(compiler *c, snode *n, const pl_value *v)
{
    if (v->type != PL_MAP) return fail(c, v, "'properties' must be an object");
    n->n_props = v->u.map.len;
    n->props = pl_calloc(v->u.map.len, sizeof(*n->props));
    for (size_t i = 0; i < v->u.map.len; i++) {
        n->props[i].name = v->u.map.items[i].key;
        int rc = compile(c, v->u.map.items[i].value, &n->props[i].schema);
        if (rc) return rc;
    }
    return 0;
}

static int compile_patterns(compiler *c, snode *n, const pl_value *v)
{
    if (v->type != PL_MAP) return fail(c, v, "'patternProperties' must be an object");
    n->n_patterns = v->u.map.len;
    n->patterns = pl_calloc(v->u.map.len, sizeof(*n->patterns));
    for (size_t i = 0; i < v->u.map.len; i++) {
        spattern *sp = &n->patterns[i];
        sp->src = v->u.map.items[i].key;
        int rc = pl_regex_compile(&sp->re, sp->src, c->err);
        if (rc) return place(c, rc, v->u.map.items[i].key_line, v->u.map.items[i].key_col);
        rc = compile(c, v->u.map.items[i].value, &sp->schema);
        if (rc) return rc;
    }
    return 0;
}

static int compile_defs(compiler *c, const pl_value *v)
{
    pl_schema *s = c->schema;
    if (v->type != PL_MAP) return fail(c, v, "'$defs' must be an object");
    for (size_t i = 0; i < v->u.map.len; i++) {
        pl_grow((void **)&s->defs.names, &s->defs.cap, s->defs.len + 1, sizeof(*s->defs.names));
        s->defs.nodes = pl_realloc(s->defs.nodes, s->defs.cap * sizeof(*s->defs.nodes));
        size_t at = s->defs.len++;
        s->defs.names[at] = v->u.map.items[i].key;
        int rc = compile(c, v->u.map.items[i].value, &s->defs.nodes[at]);
        if (rc) return rc;
    }
    return 0;
}

static bool is_annotation(const pl_pair *p)
{
    static const char *const words[] = {
        "$schema",  "$id",        "$comment", "title",     "description",         "default",
        "examples", "deprecated", "readOnly", "writeOnly", "markdownDescription", NULL};
    for (const char *const *w = words; *w; w++)
        if (key_is(p, *w)) return true;
    return false;
}

/* Compiles one keyword of an object schema. */
static int compile_keyword(compiler *c, snode *n, const pl_pair *p, bool is_root)
{
    const pl_value *v = p->value;
    if (is_annotation(p)) {
        if (key_is(p, "description")) n->description = pl_value_str(v);
        return 0;
    }
    if (key_is(p, "type")) return compile_type(c, n, v);
    if (key_is(p, "enum")) {
        if (v->type != PL_SEQ) return fail(c, v, "'enum' must be an array");
        n->enum_values = v;
        return 0;
    }
    if (key_is(p, "const")) return (n->const_value = v, 0);
    if (key_is(p, "required")) {
        n->required = v;
        return want_string_list(c, v, "required");
    }
    if (key_is(p, "dependentRequired")) {
        if (v->type != PL_MAP) return fail(c, v, "'dependentRequired' must be an object");
        for (size_t i = 0; i < v->u.map.len; i++) {
            int rc = want_string_list(c, v->u.map.items[i].value, "dependentRequired");
            if (rc) return rc;
        }
        n->dependent_required = v;
        return 0;
    }
    if (key_is(p, "properties")) return compile_properties(c, n, v);
    if (key_is(p, "patternProperties")) return compile_patterns(c, n, v);
    if (key_is(p, "additionalProperties")) return compile(c, v, &n->additional);
    if (key_is(p, "propertyNames")) return compile(c, v, &n->property_names);
    if (key_is(p, "minProperties"))
        return (n->has_min_props = true, want_count(c, p, &n->min_props));
    if (key_is(p, "maxProperties"))
        return (n->has_max_props = true, want_count(c, p, &n->max_props));
    if (key_is(p, "items")) return compile(c, v, &n->items);
    if (key_is(p, "prefixItems"))
        return want_schema_list(c, p, &n->prefix_items, &n->n_prefix_items);
    if (key_is(p, "contains")) return compile(c, v, &n->contains);
    if (key_is(p, "minItems")) return (n->has_min_items = true, want_count(c, p, &n->min_items));
    if (key_is(p, "maxItems")) return (n->has_max_items = true, want_count(c, p, &n->max_items));
    if (key_is(p, "uniqueItems")) {
        if (v->type != PL_BOOL) return fail(c, v, "'uniqueItems' must be a boolean");
        n->unique_items = v->u.b;
        return 0;
    }
    if (key_is(p, "minLength")) return (n->has_min_len = true, want_count(c, p, &n->min_len));
    if (key_is(p, "maxLength")) return (n->has_max_len = true, want_count(c, p, &n->max_len));
    if (key_is(p, "pattern")) {
        if (v->type != PL_STRING) return fail(c, v, "'pattern' must be a string");
        n->pattern_src = v->u.str.ptr;
        int rc = pl_regex_compile(&n->pattern, n->pattern_src, c->err);
        if (rc) return place(c, rc, v->line, v->col);
        return 0;
    }
    if (key_is(p, "format")) return compile_format(c, n, v);
    if (key_is(p, "minimum")) return (n->has_min = true, want_number(c, p, &n->minimum));
    if (key_is(p, "maximum")) return (n->has_max = true, want_number(c, p, &n->maximum));
    if (key_is(p, "exclusiveMinimum")) return (n->has_xmin = true, want_number(c, p, &n->xminimum));
    if (key_is(p, "exclusiveMaximum")) return (n->has_xmax = true, want_number(c, p, &n->xmaximum));
    if (key_is(p, "multipleOf")) {
        n->has_multiple = true;
        int rc = want_number(c, p, &n->multiple_of);
        if (!rc && n->multiple_of <= 0) rc = fail(c, v, "'multipleOf' must be greater than 0");
        return rc;
    }
    if (key_is(p, "allOf")) return want_schema_list(c, p, &n->all_of, &n->n_all_of);
    if (key_is(p, "anyOf")) return want_schema_list(c, p, &n->any_of, &n->n_any_of);
    if (key_is(p, "oneOf")) return want_schema_list(c, p, &n->one_of, &n->n_one_of);
    if (key_is(p, "not")) return compile(c, v, &n->not_);
    if (key_is(p, "if")) return compile(c, v, &n->if_);
    if (key_is(p, "then")) return compile(c, v, &n->then_);
    if (key_is(p, "else")) return compile(c, v, &n->else_);
    if (key_is(p, "$ref")) {
        if (v->type != PL_STRING) return fail(c, v, "'$ref' must be a string");
        n->ref = v->u.str.ptr;
        return 0;
    }
    if (key_is(p, "$defs")) {
        if (!is_root) return fail(c, v, "'$defs' is supported only at the schema's root");
        return compile_defs(c, v);
    }
    return pl_error_set_at(c->err, PL_ESCHEMA, p->key_line, p->key_col,
                           "keyword '%s' is not implemented by pilotlog; remove it or see the "
                           "README for the supported subset",
                           p->key);
}

static int compile(compiler *c, const pl_value *v, snode **out)
{
    snode *n = new_node(c, v);
    *out = n;
    if (v->type == PL_BOOL) {
        n->boolean = v->u.b;
        return 0;
    }
    if (v->type != PL_MAP)
        return fail(c, v, "a schema must be an object or a boolean, not %s", pl_type_name(v->type));
    bool is_root = c->schema->root == NULL && v == c->schema->doc->root;
    for (size_t i = 0; i < v->u.map.len; i++) {
        int rc = compile_keyword(c, n, &v->u.map.items[i], is_root);
        if (rc) return rc;
    }
    return 0;
}

/* Decodes one JSON pointer segment (~1 -> '/', ~0 -> '~'). */
static void unescape_segment(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && *s != '/' && o + 1 < cap; s++) {
        if (s[0] == '~' && s[1] == '1') {
            out[o++] = '/';
            s++;
        } else if (s[0] == '~' && s[1] == '0') {
            out[o++] = '~';
            s++;
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
}

static int resolve_refs(compiler *c)
{
    pl_schema *s = c->schema;
    for (snode *n = s->all_nodes; n; n = n->next_alloc) {
        if (!n->ref) continue;
        if (strcmp(n->ref, "#") == 0) {
            n->ref_target = s->root;
            continue;
        }
        if (strncmp(n->ref, "#/$defs/", 8) != 0 || strchr(n->ref + 8, '/')) {
            return fail(c, pl_map_get(n->src, "$ref"),
                        "$ref '%s' is not supported: pilotlog resolves '#' and '#/$defs/NAME'",
                        n->ref);
        }
        char name[256];
        unescape_segment(n->ref + 8, name, sizeof(name));
        for (size_t i = 0; i < s->defs.len; i++)
            if (strcmp(s->defs.names[i], name) == 0) n->ref_target = s->defs.nodes[i];
        if (!n->ref_target)
            return fail(c, pl_map_get(n->src, "$ref"), "$ref '%s' names no entry of $defs", n->ref);
    }
    return 0;
}

/* Depth-first search over the keywords that apply a schema to the same
 * value ($ref, allOf, anyOf, oneOf, not, if, then, else). A cycle there
 * never ends: validation would recurse without consuming the instance, and
 * through anyOf or oneOf double its work at every turn. Returns a node of
 * the cycle, or NULL. */
static const snode *in_place_cycle(snode *n)
{
    if (n->visit == 1) return n;
    if (n->visit == 2) return NULL;
    n->visit = 1;
    snode *const single[] = {n->ref_target, n->not_, n->if_, n->then_, n->else_};
    snode *const *const lists[] = {n->all_of, n->any_of, n->one_of};
    const size_t counts[] = {n->n_all_of, n->n_any_of, n->n_one_of};
    const snode *hit = NULL;
    for (size_t i = 0; !hit && i < PL_ARRAY_SIZE(single); i++)
        if (single[i]) hit = in_place_cycle(single[i]);
    for (size_t l = 0; !hit && l < PL_ARRAY_SIZE(lists); l++)
        for (size_t i = 0; !hit && i < counts[l]; i++) hit = in_place_cycle(lists[l][i]);
    n->visit = 2;
    return hit;
}

static int refuse_cycles(compiler *c)
{
    for (snode *n = c->schema->all_nodes; n; n = n->next_alloc) {
        const snode *hit = in_place_cycle(n);
        if (hit)
            return fail(c, hit->src,
                        "$ref loop: this schema applies itself to the same value again without "
                        "descending into a property or item, so validation would never end");
    }
    return 0;
}

static void collect_root_props(pl_schema *s)
{
    size_t n = s->root->n_props;
    s->root_props = pl_calloc(n + 1, sizeof(*s->root_props));
    for (size_t i = 0; i < n; i++) s->root_props[i] = s->root->props[i].name;
}

int pl_schema_load(pl_schema **out, const char *path, const char *text, size_t len, pl_error *err)
{
    pl_schema *s = pl_calloc(1, sizeof(*s));
    compiler c = {s, err};
    *out = NULL;
    s->path = pl_strdup(path);
    int rc = pl_doc_parse_yaml(&s->doc, path, text, len, NULL, err);
    if (rc) {
        rc = PL_ESCHEMA;
        if (err) err->code = rc;
    }
    if (!rc) {
        snode *root;
        rc = compile(&c, s->doc->root, &root);
        s->root = root;
    }
    if (!rc) rc = resolve_refs(&c);
    if (!rc) rc = refuse_cycles(&c);
    if (rc) {
        pl_error_prefix(err, "%s:%d:%d", path, err ? err->line : 0, err ? err->col : 0);
        pl_schema_free(s);
        return PL_ESCHEMA;
    }
    collect_root_props(s);
    *out = s;
    return 0;
}

const char *pl_schema_path(const pl_schema *schema)
{
    return schema->path;
}

const char *const *pl_schema_root_properties(const pl_schema *schema)
{
    return schema->root_props;
}

static void free_node(snode *n)
{
    for (size_t i = 0; i < n->n_patterns; i++) pl_regex_free(&n->patterns[i].re);
    pl_regex_free(&n->pattern);
    free(n->props);
    free(n->patterns);
    free(n->prefix_items);
    free(n->all_of);
    free(n->any_of);
    free(n->one_of);
    free(n);
}

void pl_schema_free(pl_schema *s)
{
    if (!s) return;
    snode *n = s->all_nodes;
    while (n) {
        snode *next = n->next_alloc;
        free_node(n);
        n = next;
    }
    free(s->defs.names);
    free(s->defs.nodes);
    free(s->root_props);
    pl_doc_free(s->doc);
    free(s->path);
    free(s);
}
