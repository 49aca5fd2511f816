/*
 * parse_yaml.c - YAML text -> pl_value tree: the simple parser's when it
 * takes the text (yaml_simple.c), else libyaml's event stream.
 *
 * Built on events rather than libyaml's document API so that limits are
 * enforced while reading: an alias bomb fails at the first alias that would
 * push the expanded size over the limit, long before any memory is spent.
 */
#include "parse_yaml.h"

#include "strmap.h"
#include "utf8.h"
#include "yaml_simple.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static const pl_limits default_limits = {
    PL_LIMIT_FILE_BYTES,
    PL_LIMIT_FRONT_MATTER_BYTES,
    PL_LIMIT_DEPTH,
    PL_LIMIT_NODES,
};

const pl_limits *pl_limits_default(void)
{
    return &default_limits;
}

/* One open collection. Children gather in heap arrays and move into the
 * arena when the collection closes. */
typedef struct frame {
    pl_value *node;
    char *anchor;
    pl_value **items;
    pl_pair *pairs;
    size_t len, cap;
    bool have_key;
    pl_pair key;
} frame;

typedef struct reader {
    pl_arena *arena;
    const pl_limits *lim;
    int line_offset;
    frame *stack;
    int depth;
    size_t nodes; /* running total, aliases expanded */
    pl_strmap anchors;
    char **anchor_names; /* owned copies, freed at the end */
    size_t n_anchor_names, cap_anchor_names;
    pl_value *root;
    pl_error *err;
} reader;

#define TAG_PREFIX "tag:yaml.org,2002:"

static void set_pos(reader *r, pl_value *v, yaml_mark_t start, yaml_mark_t end)
{
    v->line = (int)start.line + 1 + r->line_offset;
    v->col = (int)start.column + 1;
    v->end_line = (int)end.line + 1 + r->line_offset;
    v->end_col = (int)end.column + 1;
}

static int fail_at(reader *r, int code, yaml_mark_t m, const char *what)
{
    return pl_error_set_at(r->err, code, (int)m.line + 1 + r->line_offset, (int)m.column + 1, "%s",
                           what);
}

static bool is_digits(const char *s, size_t n, const char *set)
{
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, s[i]) || !s[i]) return false;
    return true;
}

/* [-+]? ( . [0-9]+ | [0-9]+ ( . [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool is_core_float(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    }
    if (!digits) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp = 0;
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, exp++;
        if (!exp) return false;
    }
    return i == n;
}

/* The first byte decides for almost every scalar, so it is compared
 * before any length is counted. */
static bool match_any(const char *s, size_t n, const char *const *words)
{
    char first = n ? s[0] : '\0';
    for (; *words; words++)
        if ((*words)[0] == first && strlen(*words) == n && memcmp(*words, s, n) == 0) return true;
    return false;
}

void pl_yaml_resolve_plain(pl_value *v, const char *s, size_t n)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
    static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};

    /* every word and number below starts with one of these */
    if (n && !strchr("0123456789+-.~nNtTfF", s[0])) return;
    if (match_any(s, n, nulls)) {
        v->type = PL_NULL;
    } else if (match_any(s, n, trues) || match_any(s, n, falses)) {
        v->type = PL_BOOL;
        v->u.b = s[0] == 't' || s[0] == 'T';
    } else if ((n > 0 && is_digits(s, n, "0123456789")) ||
               (n > 1 && (s[0] == '-' || s[0] == '+') && is_digits(s + 1, n - 1, "0123456789"))) {
        errno = 0;
        long long i = strtoll(s, NULL, 10);
        if (errno == ERANGE) {
            v->type = PL_FLOAT;
            v->u.f = strtod(s, NULL);
        } else {
            v->type = PL_INT;
            v->u.i = i;
        }
    } else if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x') &&
               is_digits(s + 2, n - 2, s[1] == 'o' ? "01234567" : "0123456789abcdefABCDEF")) {
        errno = 0;
        unsigned long long u = strtoull(s + 2, NULL, s[1] == 'o' ? 8 : 16);
        if (errno == ERANGE || u > INT64_MAX) {
            v->type = PL_FLOAT;
            v->u.f = (double)u;
        } else {
            v->type = PL_INT;
            v->u.i = (int64_t)u;
        }
    } else if (is_core_float(s, n)) {
        v->type = PL_FLOAT;
        v->u.f = strtod(s, NULL);
    } else if (match_any(s, n, infs)) {
        v->type = PL_FLOAT;
        v->u.f = __builtin_inf();
    } else if (match_any(s, n, ninfs)) {
        v->type = PL_FLOAT;
        v->u.f = -__builtin_inf();
    } else if (match_any(s, n, nans)) {
        v->type = PL_FLOAT;
        v->u.f = __builtin_nan("");
    }
}

/* Applies an explicit tag such as !!int; returns false for tags pilotlog
 * does not support, so they are refused rather than misread. */
static bool apply_scalar_tag(pl_value *v, const char *tag, const char *s, size_t n)
{
    if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) != 0) return strcmp(tag, "!") == 0;
    const char *t = tag + strlen(TAG_PREFIX);
    if (strcmp(t, "str") == 0) return true;
    pl_value probe = *v;
    pl_yaml_resolve_plain(&probe, s, n);
    if (strcmp(t, "null") == 0 && probe.type == PL_NULL) return (*v = probe, true);
    if (strcmp(t, "bool") == 0 && probe.type == PL_BOOL) return (*v = probe, true);
    if (strcmp(t, "int") == 0 && probe.type == PL_INT) return (*v = probe, true);
    if (strcmp(t, "float") == 0 && (probe.type == PL_FLOAT || probe.type == PL_INT)) {
        double f = pl_value_number(&probe);
        *v = probe;
        v->type = PL_FLOAT;
        v->u.f = f;
        return true;
    }
    return false;
}

static int count_nodes(reader *r, size_t n, yaml_mark_t at)
{
    r->nodes += n;
    if (r->nodes > r->lim->max_nodes) {
        return pl_error_set_at(r->err, PL_ELIMIT, (int)at.line + 1 + r->line_offset,
                               (int)at.column + 1,
                               "document too large: more than %zu values once aliases are "
                               "expanded (limit protects against alias bombs)",
                               r->lim->max_nodes);
    }
    return 0;
}

static int remember_anchor(reader *r, const char *anchor, pl_value *v)
{
    if (!anchor) return 0;
    char *name = pl_strdup(anchor);
    pl_grow((void **)&r->anchor_names, &r->cap_anchor_names, r->n_anchor_names + 1, sizeof(char *));
    r->anchor_names[r->n_anchor_names++] = name;
    pl_strmap_put(&r->anchors, name, strlen(name), v);
    return 0;
}

/* Adds a finished node to the open collection, or makes it the root. */
static int attach(reader *r, pl_value *v, yaml_mark_t at)
{
    if (r->depth == 0) {
        r->root = v;
        return 0;
    }
    frame *f = &r->stack[r->depth - 1];
    if (f->node->type == PL_SEQ) {
        pl_grow((void **)&f->items, &f->cap, f->len + 1, sizeof(*f->items));
        f->items[f->len++] = v;
        return 0;
    }
    if (!f->have_key) {
        if (v->type == PL_SEQ || v->type == PL_MAP)
            return fail_at(r, PL_EINVALID, at, "a mapping key must be a scalar, not a collection");
        if (v->type == PL_STRING) {
            f->key.key = v->u.str.ptr;
            f->key.key_len = v->u.str.len;
        } else {
            pl_buf text = PL_BUF_INIT;
            pl_value_text(&text, v);
            f->key.key_len = text.len;
            f->key.key = pl_arena_strndup(r->arena, pl_buf_cstr(&text), text.len);
            pl_buf_free(&text);
        }
        f->key.key_line = v->line;
        f->key.key_col = v->col;
        f->have_key = true;
        return count_nodes(r, 1, at);
    }
    pl_grow((void **)&f->pairs, &f->cap, f->len + 1, sizeof(*f->pairs));
    f->key.value = v;
    f->pairs[f->len++] = f->key;
    f->have_key = false;
    return 0;
}

static int cmp_pair_ptr(const void *a, const void *b)
{
    const pl_pair *x = *(const pl_pair *const *)a, *y = *(const pl_pair *const *)b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    if (x->key_len != y->key_len) return x->key_len < y->key_len ? -1 : 1;
    return x < y ? -1 : (x > y);
}

/* Duplicate keys are an error; sorting keeps this O(n log n) for huge maps. */
static int check_duplicates(reader *r, const frame *f)
{
    if (f->len < 2) return 0;
    const pl_pair **sorted = pl_malloc(f->len * sizeof(*sorted));
    for (size_t i = 0; i < f->len; i++) sorted[i] = &f->pairs[i];
    qsort(sorted, f->len, sizeof(*sorted), cmp_pair_ptr);
    int rc = 0;
    for (size_t i = 1; i < f->len && !rc; i++) {
        const pl_pair *a = sorted[i - 1], *b = sorted[i];
        if (a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0)
            rc = pl_error_set_at(r->err, PL_EINVALID, b->key_line, b->key_col,
                                 "duplicate key '%s' (first at line %d)", b->key, a->key_line);
    }
    free(sorted);
    return rc;
}

static int open_collection(reader *r, pl_type type, pl_style style, const char *anchor,
                           yaml_mark_t start)
{
    if (r->depth >= r->lim->max_depth)
        return pl_error_set_at(r->err, PL_ELIMIT, (int)start.line + 1 + r->line_offset,
                               (int)start.column + 1, "nesting deeper than %d levels",
                               r->lim->max_depth);
    int rc = count_nodes(r, 1, start);
    if (rc) return rc;
    pl_value *v = pl_arena_alloc(r->arena, sizeof(*v));
    v->type = type;
    v->style = style;
    set_pos(r, v, start, start);
    frame *f = &r->stack[r->depth++];
    memset(f, 0, sizeof(*f));
    f->node = v;
    f->anchor = anchor ? pl_strdup(anchor) : NULL;
    return 0;
}

static int close_collection(reader *r, yaml_mark_t end)
{
    frame *f = &r->stack[r->depth - 1];
    pl_value *v = f->node;
    int rc = 0;
    v->end_line = (int)end.line + 1 + r->line_offset;
    v->end_col = (int)end.column + 1;
    v->weight = 1;
    if (v->type == PL_SEQ) {
        v->u.seq.len = f->len;
        v->u.seq.items = pl_arena_alloc(r->arena, f->len * sizeof(*f->items));
        if (f->len) memcpy(v->u.seq.items, f->items, f->len * sizeof(*f->items));
        for (size_t i = 0; i < f->len; i++) v->weight += f->items[i]->weight;
    } else {
        rc = check_duplicates(r, f);
        v->u.map.len = f->len;
        v->u.map.items = pl_arena_alloc(r->arena, f->len * sizeof(*f->pairs));
        if (f->len) memcpy(v->u.map.items, f->pairs, f->len * sizeof(*f->pairs));
        for (size_t i = 0; i < f->len; i++) v->weight += f->pairs[i].value->weight + 1;
    }
    char *anchor = f->anchor;
    free(f->items);
    free(f->pairs);
    r->depth--;
    if (!rc) rc = remember_anchor(r, anchor, v);
    free(anchor);
    if (!rc) rc = attach(r, v, end);
    return rc;
}

static int on_scalar(reader *r, const yaml_event_t *ev)
{
    int rc = count_nodes(r, 1, ev->start_mark);
    if (rc) return rc;
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    if (memchr(s, '\0', n))
        return fail_at(r, PL_EINVALID, ev->start_mark, "NUL byte in a YAML scalar");
    /* Keys stay the text they were written as, as JSON object keys are,
     * but their tags are checked like any other. A key's node is only
     * read by attach(), so unless an anchor names it, it need not outlive
     * this call: a third of a document's nodes are keys. */
    const frame *top = r->depth ? &r->stack[r->depth - 1] : NULL;
    bool is_key = top && top->node->type == PL_MAP && !top->have_key;
    pl_value key_node;
    pl_value *v;
    if (is_key && !ev->data.scalar.anchor) {
        memset(&key_node, 0, sizeof(key_node));
        v = &key_node;
    } else {
        v = pl_arena_alloc(r->arena, sizeof(*v));
    }
    set_pos(r, v, ev->start_mark, ev->end_mark);
    v->weight = 1;
    v->type = PL_STRING;
    v->u.str.ptr = pl_arena_strndup(r->arena, s, n);
    v->u.str.len = n;
    switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        v->style = PL_STYLE_SINGLE;
        break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        v->style = PL_STYLE_DOUBLE;
        break;
    case YAML_LITERAL_SCALAR_STYLE:
        v->style = PL_STYLE_LITERAL;
        break;
    case YAML_FOLDED_SCALAR_STYLE:
        v->style = PL_STYLE_FOLDED;
        break;
    default:
        v->style = PL_STYLE_PLAIN;
        break;
    }
    const char *tag = (const char *)ev->data.scalar.tag;
    if (tag) {
        pl_value tagged = *v;
        if (!apply_scalar_tag(&tagged, tag, s, n)) {
            char msg[300];
            snprintf(msg, sizeof(msg), "unsupported or mismatched YAML tag '%.200s'", tag);
            return fail_at(r, PL_EINVALID, ev->start_mark, msg);
        }
        if (!is_key) *v = tagged;
    } else if (!is_key && ev->data.scalar.plain_implicit) {
        pl_yaml_resolve_plain(v, s, n);
    }
    rc = remember_anchor(r, (const char *)ev->data.scalar.anchor, v);
    return rc ? rc : attach(r, v, ev->start_mark);
}

static int on_alias(reader *r, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    pl_value *target = pl_strmap_get(&r->anchors, name, strlen(name));
    if (!target) {
        char msg[300];
        snprintf(msg, sizeof(msg), "alias '*%.200s' refers to no anchor defined before it", name);
        return fail_at(r, PL_EINVALID, ev->start_mark, msg);
    }
    int rc = count_nodes(r, target->weight, ev->start_mark);
    return rc ? rc : attach(r, target, ev->start_mark);
}

static bool collection_tag_ok(const yaml_char_t *tag, const char *want)
{
    if (!tag) return true;
    const char *t = (const char *)tag;
    return strcmp(t, "!") == 0 || (strncmp(t, TAG_PREFIX, strlen(TAG_PREFIX)) == 0 &&
                                   strcmp(t + strlen(TAG_PREFIX), want) == 0);
}

static int on_event(reader *r, const yaml_event_t *ev, int *documents)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1)
            return fail_at(r, PL_EINVALID, ev->start_mark,
                           "expected one YAML document, found a second one");
        return 0;
    case YAML_SCALAR_EVENT:
        return on_scalar(r, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(r, ev);
    case YAML_SEQUENCE_START_EVENT:
        if (!collection_tag_ok(ev->data.sequence_start.tag, "seq"))
            return fail_at(r, PL_EINVALID, ev->start_mark, "unsupported YAML tag on a sequence");
        return open_collection(r, PL_SEQ,
                               ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                                   ? PL_STYLE_FLOW
                                   : PL_STYLE_BLOCK,
                               (const char *)ev->data.sequence_start.anchor, ev->start_mark);
    case YAML_MAPPING_START_EVENT:
        if (!collection_tag_ok(ev->data.mapping_start.tag, "map"))
            return fail_at(r, PL_EINVALID, ev->start_mark, "unsupported YAML tag on a mapping");
        return open_collection(r, PL_MAP,
                               ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                                   ? PL_STYLE_FLOW
                                   : PL_STYLE_BLOCK,
                               (const char *)ev->data.mapping_start.anchor, ev->start_mark);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_collection(r, ev->end_mark);
    default:
        return 0;
    }
}

static int parser_error(reader *r, const yaml_parser_t *p, const char *text)
{
    char msg[400];
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->context)
        snprintf(msg, sizeof(msg), "invalid YAML: %s (%s at line %d)", problem, p->context,
                 (int)p->context_mark.line + 1 + r->line_offset);
    else
        snprintf(msg, sizeof(msg), "invalid YAML: %s", problem);
    if (p->error == YAML_READER_ERROR) {
        /* the reader reports a byte offset (a control character, say) */
        int line, col;
        pl_utf8_position(text, p->problem_offset, &line, &col);
        return pl_error_set_at(r->err, PL_EINVALID, line + r->line_offset, col, "%s", msg);
    }
    return fail_at(r, PL_EINVALID, p->problem_mark, msg);
}

int pl_yaml_parse(pl_value **out, pl_arena *arena, const char *text, size_t len, int line_offset,
                  const pl_limits *limits, pl_error *err)
{
    /* most front matter is of the shape the simple parser reads, several
     * times faster than libyaml's tokens and events */
    if (pl_yaml_simple_parse(out, arena, text, len, line_offset, limits)) return 0;
    return pl_yaml_parse_libyaml(out, arena, text, len, line_offset, limits, err);
}

int pl_yaml_parse_libyaml(pl_value **out, pl_arena *arena, const char *text, size_t len,
                          int line_offset, const pl_limits *limits, pl_error *err)
{
    reader r;
    yaml_parser_t parser;
    yaml_event_t ev;
    int rc = 0, documents = 0;
    bool done = false;

    memset(&r, 0, sizeof(r));
    r.arena = arena;
    r.lim = limits ? limits : &default_limits;
    r.line_offset = line_offset;
    r.err = err;
    r.stack = pl_calloc((size_t)r.lim->max_depth + 1, sizeof(*r.stack));
    *out = NULL;

    if (!yaml_parser_initialize(&parser)) abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!done && !rc) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parser_error(&r, &parser, text);
            break;
        }
        rc = on_event(&r, &ev, &documents);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);

    for (int i = 0; i < r.depth; i++) {
        free(r.stack[i].items);
        free(r.stack[i].pairs);
        free(r.stack[i].anchor);
    }
    free(r.stack);
    for (size_t i = 0; i < r.n_anchor_names; i++) free(r.anchor_names[i]);
    free(r.anchor_names);
    pl_strmap_free(&r.anchors);
    if (rc) return rc;
    if (!r.root) {
        r.root = pl_arena_alloc(arena, sizeof(*r.root));
        r.root->type = PL_NULL;
        r.root->line = line_offset + 1;
        r.root->col = 1;
        r.root->weight = 1;
    }
    *out = r.root;
    return 0;
}
