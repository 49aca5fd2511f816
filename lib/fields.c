/*
 * fields.c - flattening front matter into sorted paths, and diffing two
 * flattenings in one merge pass.
 */
#include "fields.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct collector {
    pl_field *items;
    size_t len, cap;
    pl_arena *arena;
} collector;

static void add(collector *c, const pl_buf *path, const pl_value *v)
{
    pl_buf text = PL_BUF_INIT;
    pl_value_text(&text, v);
    pl_grow((void **)&c->items, &c->cap, c->len + 1, sizeof(*c->items));
    c->items[c->len].path = pl_arena_strndup(c->arena, path->ptr, path->len);
    c->items[c->len].value = pl_arena_strndup(c->arena, pl_buf_cstr(&text), text.len);
    c->len++;
    pl_buf_free(&text);
}

/* A list whose items are all mappings with a distinct string "id". */
static bool keyed_by_id(const pl_value *seq)
{
    if (seq->u.seq.len == 0) return false;
    for (size_t i = 0; i < seq->u.seq.len; i++) {
        const char *id = pl_value_str(pl_map_get(seq->u.seq.items[i], "id"));
        if (!id || !*id || strchr(id, '.')) return false;
        for (size_t k = 0; k < i; k++)
            if (strcmp(id, pl_value_str(pl_map_get(seq->u.seq.items[k], "id"))) == 0) return false;
    }
    return true;
}

static void walk(collector *c, pl_buf *path, const pl_value *v)
{
    size_t mark = path->len;
    if (v->type == PL_MAP && v->u.map.len > 0) {
        for (size_t i = 0; i < v->u.map.len; i++) {
            const pl_pair *p = &v->u.map.items[i];
            if (mark) pl_buf_putc(path, '.');
            pl_buf_put(path, p->key, p->key_len);
            walk(c, path, p->value);
            pl_buf_truncate(path, mark);
        }
    } else if (v->type == PL_SEQ && keyed_by_id(v)) {
        for (size_t i = 0; i < v->u.seq.len; i++) {
            const pl_value *item = v->u.seq.items[i];
            pl_buf_printf(path, ".%s", pl_value_str(pl_map_get(item, "id")));
            for (size_t k = 0; k < item->u.map.len; k++) {
                const pl_pair *p = &item->u.map.items[k];
                if (strcmp(p->key, "id") == 0) continue;
                size_t inner = path->len;
                pl_buf_putc(path, '.');
                pl_buf_put(path, p->key, p->key_len);
                walk(c, path, p->value);
                pl_buf_truncate(path, inner);
            }
            /* an item with only an id still exists */
            if (item->u.map.len == 1) add(c, path, item);
            pl_buf_truncate(path, mark);
        }
    } else {
        add(c, path, v);
    }
}

static int cmp_field(const void *a, const void *b)
{
    return strcmp(((const pl_field *)a)->path, ((const pl_field *)b)->path);
}

void pl_fields_flatten(pl_fields *out, const pl_value *root, pl_arena *arena)
{
    collector c = {NULL, 0, 0, arena};
    pl_buf path = PL_BUF_INIT;
    out->items = NULL;
    out->len = 0;
    /* an empty front matter ("{}") has no fields, not one without a name */
    if (!root || root->type != PL_MAP || root->u.map.len == 0) return;
    walk(&c, &path, root);
    pl_buf_free(&path);
    if (c.len > 1) qsort(c.items, c.len, sizeof(*c.items), cmp_field);
    out->items = pl_arena_alloc(arena, c.len * sizeof(*c.items));
    if (c.len) memcpy(out->items, c.items, c.len * sizeof(*c.items));
    out->len = c.len;
    free(c.items);
}

const char *pl_fields_get(const pl_fields *f, const char *path)
{
    size_t lo = 0, hi = f->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(f->items[mid].path, path);
        if (c == 0) return f->items[mid].value;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void push(pl_field_change **changes, size_t *len, size_t *cap, const char *path,
                 const char *a, const char *b)
{
    pl_grow((void **)changes, cap, *len + 1, sizeof(**changes));
    (*changes)[*len].path = path;
    (*changes)[*len].old_value = a;
    (*changes)[*len].new_value = b;
    (*len)++;
}

size_t pl_fields_diff(const pl_fields *a, const pl_fields *b, pl_field_change **changes,
                      size_t *len, size_t *cap)
{
    size_t i = 0, j = 0, before = *len;
    while (i < a->len || j < b->len) {
        int c = i == a->len ? 1 : j == b->len ? -1 : strcmp(a->items[i].path, b->items[j].path);
        if (c < 0) {
            push(changes, len, cap, a->items[i].path, a->items[i].value, NULL);
            i++;
        } else if (c > 0) {
            push(changes, len, cap, b->items[j].path, NULL, b->items[j].value);
            j++;
        } else {
            if (strcmp(a->items[i].value, b->items[j].value) != 0)
                push(changes, len, cap, a->items[i].path, a->items[i].value, b->items[j].value);
            i++, j++;
        }
    }
    return *len - before;
}
