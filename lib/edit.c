/*
 * edit.c - in-place front-matter edits driven by the positions libyaml
 * gave each node. Three kinds of edit: replace a scalar's bytes, fill an
 * empty value after its colon, or insert a "key: value" line (creating
 * missing parent mappings) at the indentation of its siblings.
 */
#include "edit.h"

#include "parse_yaml.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_SEGMENTS = 16, SEGMENT_LEN = 128 };

typedef struct path {
    char seg[MAX_SEGMENTS][SEGMENT_LEN];
    int n;
} path;

static int split_path(path *p, const char *dotted, pl_error *err)
{
    p->n = 0;
    const char *s = dotted;
    if (!*s) return pl_error_set(err, PL_EINVALID, "empty field name");
    while (*s) {
        const char *dot = strchr(s, '.');
        size_t n = dot ? (size_t)(dot - s) : strlen(s);
        if (n == 0 || n >= SEGMENT_LEN || p->n == MAX_SEGMENTS)
            return pl_error_set(err, PL_EINVALID, "malformed field name '%s'", dotted);
        memcpy(p->seg[p->n], s, n);
        p->seg[p->n][n] = '\0';
        p->n++;
        s += n + (dot ? 1 : 0);
        if (dot && !*s) return pl_error_set(err, PL_EINVALID, "malformed field name '%s'", dotted);
    }
    return 0;
}

/* Byte offset of a 1-based line and column (columns count code points). */
static size_t offset_of(const pl_doc *doc, int line, int col)
{
    size_t off = 0;
    for (int l = 1; l < line && off < doc->len; off++)
        if (doc->text[off] == '\n') l++;
    for (int c = 1; c < col && off < doc->len && doc->text[off] != '\n'; c++) {
        off++;
        while (off < doc->len && ((unsigned char)doc->text[off] & 0xC0) == 0x80) off++;
    }
    return off;
}

static size_t line_end(const pl_doc *doc, size_t off)
{
    const char *nl = memchr(doc->text + off, '\n', doc->len - off);
    return nl ? (size_t)(nl - doc->text) : doc->len;
}

static const char *newline(const pl_doc *doc)
{
    return doc->crlf ? "\r\n" : "\n";
}

/* Items of a sequence are addressed by their "id" field, or by index. */
static pl_value *seq_item(const pl_value *seq, const char *seg)
{
    for (size_t i = 0; i < seq->u.seq.len; i++) {
        const char *id = pl_value_str(pl_map_get(seq->u.seq.items[i], "id"));
        if (id && strcmp(id, seg) == 0) return seq->u.seq.items[i];
    }
    char *end;
    unsigned long idx = strtoul(seg, &end, 10);
    if (*seg && !*end && idx < seq->u.seq.len) return seq->u.seq.items[idx];
    return NULL;
}

static pl_pair *map_pair(const pl_value *map, const char *key)
{
    for (size_t i = 0; i < map->u.map.len; i++)
        if (strcmp(map->u.map.items[i].key, key) == 0) return &map->u.map.items[i];
    return NULL;
}

static bool is_plain_safe(const char *s, bool in_flow)
{
    size_t n = strlen(s);
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':') return false;
    if (strchr("?:,[]{}#&*!|>'\"%@`", s[0])) return false;
    if (s[0] == '-' && (n == 1 || s[1] == ' ' || (s[1] == '-' && s[2] == '-'))) return false;
    if (strstr(s, ": ") || strstr(s, " #")) return false;
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return false;
        if (in_flow && strchr(",[]{}", *p)) return false;
    }
    return true;
}

static void emit_double(pl_buf *out, const char *s)
{
    pl_buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            pl_buf_puts(out, "\\\"");
            break;
        case '\\':
            pl_buf_puts(out, "\\\\");
            break;
        case '\n':
            pl_buf_puts(out, "\\n");
            break;
        case '\t':
            pl_buf_puts(out, "\\t");
            break;
        case '\r':
            pl_buf_puts(out, "\\r");
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                pl_buf_printf(out, "\\x%02x", *p);
            else
                pl_buf_putc(out, (char)*p);
        }
    }
    pl_buf_putc(out, '"');
}

static void emit_single(pl_buf *out, const char *s)
{
    pl_buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'') pl_buf_putc(out, '\'');
        pl_buf_putc(out, *p);
    }
    pl_buf_putc(out, '\'');
}

/* Writes value as YAML text. A value the user quoted or wrote as a flow
 * collection is taken as written (after checking it parses); otherwise it
 * is a scalar, kept in the old quoting style when there was one. */
static int emit_value(pl_buf *out, const char *value, pl_style old_style, bool in_flow,
                      pl_error *err)
{
    if (strchr("\"'[{", value[0]) && value[0]) {
        pl_arena arena = PL_ARENA_INIT;
        pl_value *v;
        pl_buf probe = PL_BUF_INIT;
        pl_buf_printf(&probe, "x: %s\n", value);
        int rc = pl_yaml_parse(&v, &arena, probe.ptr, probe.len, 0, NULL, err);
        bool one_line = !strchr(value, '\n');
        pl_buf_free(&probe);
        pl_arena_free(&arena);
        if (rc || !one_line)
            return pl_error_set(err, PL_EINVALID, "value %s is not valid YAML on one line", value);
        pl_buf_puts(out, value);
        return 0;
    }
    bool multiline = strchr(value, '\n') != NULL;
    if (old_style == PL_STYLE_SINGLE && !multiline)
        emit_single(out, value);
    else if (old_style == PL_STYLE_DOUBLE || multiline || !is_plain_safe(value, in_flow))
        emit_double(out, value);
    else
        pl_buf_puts(out, value);
    return 0;
}

static bool is_plain_key(const char *k)
{
    if (!*k) return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return false;
    return true;
}

static void emit_key(pl_buf *out, const char *k)
{
    if (is_plain_key(k))
        pl_buf_puts(out, k);
    else
        emit_double(out, k);
}

/* The position just after the last thing that belongs to a node. */
static void content_end(const pl_value *v, int *line, int *col)
{
    if (v->style == PL_STYLE_BLOCK && v->type == PL_MAP && v->u.map.len) {
        content_end(v->u.map.items[v->u.map.len - 1].value, line, col);
    } else if (v->style == PL_STYLE_BLOCK && v->type == PL_SEQ && v->u.seq.len) {
        content_end(v->u.seq.items[v->u.seq.len - 1], line, col);
    } else {
        *line = v->end_line;
        *col = v->end_col;
    }
}

/* The mapping's indentation step: how far its nested block mappings are
 * indented, or 2. */
static int indent_step(const pl_value *map)
{
    for (size_t i = 0; i < map->u.map.len; i++) {
        const pl_value *v = map->u.map.items[i].value;
        if (v->type == PL_MAP && v->style == PL_STYLE_BLOCK && v->col > map->col)
            return v->col - map->col;
    }
    return 2;
}

/* "key:\n  sub: value" (block) or "key: {sub: value}" (flow). */
static int emit_new_entry(pl_buf *out, const pl_doc *doc, const path *p, int from, int indent,
                          int step, bool flow, const char *value, pl_error *err)
{
    for (int i = from; i < p->n; i++) {
        bool last = i == p->n - 1;
        if (!flow && i > from) {
            pl_buf_puts(out, newline(doc));
            for (int k = 0; k < indent + (i - from) * step; k++) pl_buf_putc(out, ' ');
        }
        emit_key(out, p->seg[i]);
        pl_buf_puts(out, ":");
        if (last) {
            pl_buf_putc(out, ' ');
            int rc = emit_value(out, value, PL_STYLE_PLAIN, flow, err);
            if (rc) return rc;
        } else if (flow) {
            pl_buf_puts(out, " {");
        }
    }
    if (flow)
        for (int i = from; i < p->n - 1; i++) pl_buf_putc(out, '}');
    return 0;
}

static void splice(pl_buf *out, const pl_doc *doc, size_t start, size_t end, const pl_buf *with)
{
    pl_buf_clear(out);
    pl_buf_put(out, doc->text, start);
    pl_buf_put(out, with->ptr ? with->ptr : "", with->len);
    pl_buf_put(out, doc->text + end, doc->len - end);
}

/* Inserts the missing tail of the path p[from..] into mapping map. */
static int insert_into(pl_buf *out, const pl_doc *doc, const pl_value *map, const path *p, int from,
                       const char *value, pl_error *err)
{
    pl_buf text = PL_BUF_INIT;
    int rc;
    if (map->style == PL_STYLE_FLOW) {
        size_t close = offset_of(doc, map->end_line, map->end_col);
        while (close > 0 && doc->text[close - 1] != '}') close--;
        if (close == 0) return pl_error_set(err, PL_EINVALID, "cannot find the end of the mapping");
        close--;
        if (map->u.map.len) pl_buf_puts(&text, ", ");
        rc = emit_new_entry(&text, doc, p, from, 0, 0, true, value, err);
        if (!rc) splice(out, doc, close, close, &text);
        pl_buf_free(&text);
        return rc;
    }
    if (map->u.map.len == 0)
        return pl_error_set(err, PL_EINVALID, "cannot add a field to an empty mapping");
    int line, col, indent = map->col - 1, step = indent_step(map);
    content_end(map, &line, &col);
    size_t at = offset_of(doc, line, col);
    /* After the line the content ends on, unless it ended at a line start. */
    if (col > 1 || at == 0 || doc->text[at - 1] != '\n') {
        at = line_end(doc, at);
        if (at < doc->len)
            at++;
        else
            pl_buf_puts(&text, newline(doc));
    }
    for (int k = 0; k < indent; k++) pl_buf_putc(&text, ' ');
    rc = emit_new_entry(&text, doc, p, from, indent, step, false, value, err);
    pl_buf_puts(&text, newline(doc));
    if (!rc) splice(out, doc, at, at, &text);
    pl_buf_free(&text);
    return rc;
}

/* Fills "key:" (a null written as nothing) with " value". */
static int fill_empty(pl_buf *out, const pl_doc *doc, const pl_pair *pair, bool in_flow,
                      const char *value, pl_error *err)
{
    size_t k = offset_of(doc, pair->key_line, pair->key_col);
    size_t eol = line_end(doc, k);
    const char *colon = memchr(doc->text + k, ':', eol - k);
    if (!colon) return pl_error_set(err, PL_EINVALID, "cannot find the ':' after '%s'", pair->key);
    size_t at = (size_t)(colon - doc->text) + 1;
    pl_buf text = PL_BUF_INIT;
    pl_buf_putc(&text, ' ');
    int rc = emit_value(&text, value, PL_STYLE_PLAIN, in_flow, err);
    if (!rc) splice(out, doc, at, at, &text);
    pl_buf_free(&text);
    return rc;
}

static int replace_value(pl_buf *out, const pl_doc *doc, const pl_value *old, bool in_flow,
                         const char *value, pl_error *err)
{
    if (old->style == PL_STYLE_BLOCK)
        return pl_error_set(err, PL_EINVALID,
                            "the field at line %d is a block %s: set its items one by one",
                            old->line, old->type == PL_SEQ ? "list" : "mapping");
    size_t start = offset_of(doc, old->line, old->col),
           end = offset_of(doc, old->end_line, old->end_col);
    pl_buf text = PL_BUF_INIT;
    int rc = emit_value(&text, value, old->style, in_flow, err);
    /* A block scalar (| or >) owns its final line break: keep one. */
    if (!rc && (old->style == PL_STYLE_LITERAL || old->style == PL_STYLE_FOLDED) && end > start &&
        doc->text[end - 1] == '\n')
        pl_buf_puts(&text, newline(doc));
    if (!rc) splice(out, doc, start, end, &text);
    pl_buf_free(&text);
    return rc;
}

static int apply_edit(pl_buf *out, const pl_doc *doc, const path *p, const char *value,
                      pl_error *err)
{
    const pl_value *cur = doc->root;
    if (!cur || cur->type != PL_MAP)
        return pl_error_set(err, PL_EINVALID, "the front matter is not a mapping");
    bool in_flow = false;
    for (int i = 0; i < p->n; i++) {
        const char *seg = p->seg[i];
        if (cur->type == PL_SEQ) {
            const pl_value *item = seq_item(cur, seg);
            if (!item)
                return pl_error_set(err, PL_ENOTFOUND, "no item with id '%s' in %s", seg,
                                    p->seg[i - 1]);
            cur = item;
            in_flow = in_flow || cur->style == PL_STYLE_FLOW;
            if (i == p->n - 1)
                return pl_error_set(err, PL_EINVALID, "cannot replace a whole list item");
            continue;
        }
        if (cur->type != PL_MAP)
            return pl_error_set(err, PL_EINVALID, "'%s' is not a mapping, so it has no field '%s'",
                                p->seg[i - 1], seg);
        in_flow = in_flow || cur->style == PL_STYLE_FLOW;
        pl_pair *pair = map_pair(cur, seg);
        if (!pair) return insert_into(out, doc, cur, p, i, value, err);
        if (i == p->n - 1) {
            const pl_value *old = pair->value;
            if (old->type == PL_NULL && old->line == old->end_line && old->col == old->end_col)
                return fill_empty(out, doc, pair, in_flow, value, err);
            return replace_value(out, doc, old, in_flow || old->style == PL_STYLE_FLOW, value, err);
        }
        cur = pair->value;
        if (cur->type == PL_NULL && cur->line == cur->end_line && cur->col == cur->end_col)
            return pl_error_set(err, PL_EINVALID, "'%s' is empty; set '%s' as a whole first", seg,
                                seg);
    }
    return pl_error_set(err, PL_EINVALID, "nothing to set");
}

/* The node a path leads to, following criteria ids. */
static const pl_value *lookup(const pl_value *v, const path *p)
{
    for (int i = 0; v && i < p->n; i++) {
        if (v->type == PL_SEQ)
            v = seq_item(v, p->seg[i]);
        else if (v->type == PL_MAP)
            v = pl_map_get(v, p->seg[i]);
        else
            return NULL;
    }
    return v;
}

/* Whether a and b are equal everywhere except along path p from depth i. */
static bool equal_except(const pl_value *a, const pl_value *b, const path *p, int i)
{
    if (i == p->n) return true;
    if (!a || !b) return !a; /* a missing subtree may be created */
    if (a->type == PL_SEQ && b->type == PL_SEQ) {
        if (a->u.seq.len != b->u.seq.len) return false;
        const pl_value *target = seq_item(a, p->seg[i]);
        for (size_t k = 0; k < a->u.seq.len; k++) {
            if (a->u.seq.items[k] == target) {
                if (!equal_except(a->u.seq.items[k], b->u.seq.items[k], p, i + 1)) return false;
            } else if (!pl_value_equal(a->u.seq.items[k], b->u.seq.items[k])) {
                return false;
            }
        }
        return true;
    }
    if (a->type == PL_NULL && b->type == PL_MAP) return true; /* created */
    if (a->type != PL_MAP || b->type != PL_MAP) return false;
    for (size_t k = 0; k < a->u.map.len; k++) {
        const pl_pair *pa = &a->u.map.items[k];
        const pl_value *vb = pl_map_get(b, pa->key);
        if (strcmp(pa->key, p->seg[i]) == 0) {
            if (!equal_except(pa->value, vb, p, i + 1)) return false;
        } else if (!pl_value_equal(pa->value, vb)) {
            return false;
        }
    }
    size_t extra = b->u.map.len - a->u.map.len;
    return extra == 0 || (extra == 1 && !pl_map_get(a, p->seg[i]));
}

static int reparse(pl_doc **out, const pl_doc *like, const pl_buf *text, pl_error *err)
{
    return like->is_markdown
               ? pl_doc_parse_markdown(out, like->path, text->ptr, text->len, NULL, err)
               : pl_doc_parse_yaml(out, like->path, text->ptr, text->len, NULL, err);
}

/* The value the user's text means, parsed the way the editor wrote it. */
static bool value_matches(const pl_value *got, const char *value, const pl_value *old_at_path)
{
    pl_buf probe = PL_BUF_INIT;
    pl_arena arena = PL_ARENA_INIT;
    pl_value *root;
    pl_buf_puts(&probe, "x: ");
    emit_value(&probe, value, old_at_path ? old_at_path->style : PL_STYLE_PLAIN, false, NULL);
    bool ok = pl_yaml_parse(&root, &arena, probe.ptr, probe.len, 0, NULL, NULL) == 0 &&
              pl_value_equal(pl_map_get(root, "x"), got);
    pl_arena_free(&arena);
    pl_buf_free(&probe);
    return ok;
}

int pl_edit_set(pl_buf *out, const pl_doc *doc, const char *dotted, const char *value,
                pl_error *err)
{
    path p;
    int rc = split_path(&p, dotted, err);
    if (rc) return rc;
    if (strlen(value) > 4096)
        return pl_error_set(err, PL_EINVALID, "value for '%s' is too long", dotted);
    if (pl_utf8_valid_prefix(value, strlen(value)) != strlen(value))
        return pl_error_set(err, PL_EINVALID, "value for '%s' is not valid UTF-8", dotted);
    rc = apply_edit(out, doc, &p, value, err);
    if (rc) {
        pl_error_prefix(err, "cannot set %s", dotted);
        return rc;
    }
    /* Verify: the result parses, the field holds the value, nothing else moved. */
    pl_doc *after;
    rc = reparse(&after, doc, out, err);
    if (rc) {
        pl_error_prefix(err, "setting %s would make the front matter invalid YAML", dotted);
        return PL_EINVALID;
    }
    const pl_value *got = lookup(after->root, &p);
    bool ok = got && value_matches(got, value, lookup(doc->root, &p)) &&
              equal_except(doc->root, after->root, &p, 0);
    size_t body_len_before = doc->len - doc->body_start,
           body_len_after = after->len - after->body_start;
    ok = ok && body_len_before == body_len_after &&
         memcmp(doc->text + doc->body_start, after->text + after->body_start, body_len_after) == 0;
    pl_doc_free(after);
    if (!ok)
        return pl_error_set(err, PL_EINVALID, "cannot set %s: the edit could not be verified",
                            dotted);
    return 0;
}

int pl_edit_assignments(pl_buf *out, const char *path_name, const char *text, size_t len,
                        const char *const *assignments, size_t n, pl_error *err)
{
    pl_buf cur = PL_BUF_INIT;
    pl_buf_put(&cur, text, len);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *eq = strchr(assignments[i], '=');
        if (!eq || eq == assignments[i]) {
            rc = pl_error_set(err, PL_EUSAGE, "'%s': expected KEY=VALUE", assignments[i]);
            break;
        }
        char key[SEGMENT_LEN * 4];
        size_t klen = (size_t)(eq - assignments[i]);
        if (klen >= sizeof(key)) {
            rc = pl_error_set(err, PL_EUSAGE, "'%s': key too long", assignments[i]);
            break;
        }
        memcpy(key, assignments[i], klen);
        key[klen] = '\0';
        pl_doc *doc;
        bool yaml = pl_path_is_yaml_doc(path_name);
        rc = yaml ? pl_doc_parse_yaml(&doc, path_name, cur.ptr, cur.len, NULL, err)
                  : pl_doc_parse_markdown(&doc, path_name, cur.ptr, cur.len, NULL, err);
        if (rc) break;
        pl_buf next = PL_BUF_INIT;
        rc = pl_edit_set(&next, doc, key, eq + 1, err);
        pl_doc_free(doc);
        if (!rc) {
            pl_buf_free(&cur);
            cur = next;
        } else {
            pl_buf_free(&next);
        }
    }
    if (rc) {
        pl_buf_free(&cur);
        return rc;
    }
    pl_buf_free(out);
    *out = cur;
    return 0;
}

void pl_yaml_string(pl_buf *out, const char *s)
{
    /* plain only if it is safe and would not read back as a number etc. */
    pl_arena arena = PL_ARENA_INIT;
    pl_value *root = NULL;
    pl_buf text = PL_BUF_INIT;
    pl_buf_printf(&text, "x: %s\n", s);
    bool plain = is_plain_safe(s, false) && !strchr(s, '\n') &&
                 pl_yaml_parse(&root, &arena, text.ptr, text.len, 0, NULL, NULL) == 0 &&
                 pl_value_str(pl_map_get(root, "x")) &&
                 strcmp(pl_value_str(pl_map_get(root, "x")), s) == 0;
    pl_arena_free(&arena);
    pl_buf_free(&text);
    if (plain)
        pl_buf_puts(out, s);
    else
        emit_double(out, s);
}
