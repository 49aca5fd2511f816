/*
 * value.c - lookups, comparison and text form of value trees.
 */
#include "value.h"

#include "json.h"

#include <math.h>
#include <string.h>

const char *pl_type_name(pl_type t)
{
    switch (t) {
    case PL_NULL:
        return "null";
    case PL_BOOL:
        return "boolean";
    case PL_INT:
        return "integer";
    case PL_FLOAT:
        return "number";
    case PL_STRING:
        return "string";
    case PL_SEQ:
        return "array";
    case PL_MAP:
        return "object";
    }
    return "unknown";
}

const pl_value *pl_map_get(const pl_value *map, const char *key)
{
    if (!map || map->type != PL_MAP) return NULL;
    size_t klen = strlen(key);
    for (size_t i = 0; i < map->u.map.len; i++) {
        const pl_pair *p = &map->u.map.items[i];
        if (p->key_len == klen && memcmp(p->key, key, klen) == 0) return p->value;
    }
    return NULL;
}

const pl_value *pl_value_path(const pl_value *root, const char *dotted)
{
    char part[128];
    const pl_value *v = root;
    while (v && *dotted) {
        const char *dot = strchr(dotted, '.');
        size_t n = dot ? (size_t)(dot - dotted) : strlen(dotted);
        if (n >= sizeof(part)) return NULL;
        memcpy(part, dotted, n);
        part[n] = '\0';
        v = pl_map_get(v, part);
        dotted += n + (dot ? 1 : 0);
    }
    return v;
}

const char *pl_value_str(const pl_value *v)
{
    return v && v->type == PL_STRING ? v->u.str.ptr : NULL;
}

const char *pl_value_path_str(const pl_value *root, const char *dotted)
{
    return pl_value_str(pl_value_path(root, dotted));
}

bool pl_value_is_number(const pl_value *v)
{
    return v && (v->type == PL_INT || v->type == PL_FLOAT);
}

double pl_value_number(const pl_value *v)
{
    if (!v) return 0;
    if (v->type == PL_INT) return (double)v->u.i;
    if (v->type == PL_FLOAT) return v->u.f;
    return 0;
}

bool pl_value_equal(const pl_value *a, const pl_value *b)
{
    if (a == b) return true;
    if (!a || !b) return false;
    if (pl_value_is_number(a) && pl_value_is_number(b)) {
        if (a->type == PL_INT && b->type == PL_INT) return a->u.i == b->u.i;
        return pl_value_number(a) == pl_value_number(b);
    }
    if (a->type != b->type) return false;
    switch (a->type) {
    case PL_NULL:
        return true;
    case PL_BOOL:
        return a->u.b == b->u.b;
    case PL_STRING:
        return a->u.str.len == b->u.str.len &&
               memcmp(a->u.str.ptr, b->u.str.ptr, a->u.str.len) == 0;
    case PL_SEQ:
        if (a->u.seq.len != b->u.seq.len) return false;
        for (size_t i = 0; i < a->u.seq.len; i++)
            if (!pl_value_equal(a->u.seq.items[i], b->u.seq.items[i])) return false;
        return true;
    case PL_MAP:
        if (a->u.map.len != b->u.map.len) return false;
        for (size_t i = 0; i < a->u.map.len; i++) {
            const pl_pair *p = &a->u.map.items[i];
            if (!pl_value_equal(p->value, pl_map_get(b, p->key))) return false;
        }
        return true;
    default:
        return false;
    }
}

bool pl_value_same(const pl_value *a, const pl_value *b, bool ends)
{
    if (a->type != b->type || a->style != b->style || a->line != b->line || a->col != b->col ||
        a->weight != b->weight ||
        (ends && (a->end_line != b->end_line || a->end_col != b->end_col)))
        return false;
    switch (a->type) {
    case PL_NULL:
        return true;
    case PL_BOOL:
        return a->u.b == b->u.b;
    case PL_INT:
        return a->u.i == b->u.i;
    case PL_FLOAT:
        return memcmp(&a->u.f, &b->u.f, sizeof(a->u.f)) == 0;
    case PL_STRING:
        return a->u.str.len == b->u.str.len &&
               memcmp(a->u.str.ptr, b->u.str.ptr, a->u.str.len) == 0 &&
               b->u.str.ptr[b->u.str.len] == '\0';
    case PL_SEQ:
        if (a->u.seq.len != b->u.seq.len) return false;
        for (size_t i = 0; i < a->u.seq.len; i++)
            if (!pl_value_same(a->u.seq.items[i], b->u.seq.items[i], ends)) return false;
        return true;
    case PL_MAP:
        if (a->u.map.len != b->u.map.len) return false;
        for (size_t i = 0; i < a->u.map.len; i++) {
            const pl_pair *x = &a->u.map.items[i], *y = &b->u.map.items[i];
            if (x->key_len != y->key_len || memcmp(x->key, y->key, x->key_len) != 0 ||
                x->key_line != y->key_line || x->key_col != y->key_col ||
                !pl_value_same(x->value, y->value, ends))
                return false;
        }
        return true;
    }
    return false;
}

void pl_value_text(pl_buf *out, const pl_value *v)
{
    if (!v) return;
    switch (v->type) {
    case PL_NULL:
        pl_buf_puts(out, "null");
        break;
    case PL_BOOL:
        pl_buf_puts(out, v->u.b ? "true" : "false");
        break;
    case PL_INT:
        pl_buf_printf(out, "%lld", (long long)v->u.i);
        break;
    case PL_FLOAT:
        if (isfinite(v->u.f))
            pl_buf_printf(out, "%.15g", v->u.f);
        else
            pl_buf_puts(out, isnan(v->u.f) ? ".nan" : (v->u.f > 0 ? ".inf" : "-.inf"));
        break;
    case PL_STRING:
        pl_buf_put(out, v->u.str.ptr, v->u.str.len);
        break;
    case PL_SEQ:
    case PL_MAP: {
        pl_json j;
        pl_json_init(&j, out, false);
        pl_json_value(&j, v);
        break;
    }
    }
}
