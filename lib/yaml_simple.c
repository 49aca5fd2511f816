/*
 * yaml_simple.c - a parser for the one shape nearly every front matter
 * has: block mappings and sequences, plain keys, single-line plain or
 * quoted scalars and one-line flow lists and maps of them.
 *
 * The history walk parses tens of thousands of small YAML pieces, and
 * libyaml's token queue and per-event allocations were a quarter of it.
 * This parser gives the tree pl_yaml_parse gives for the same text (types,
 * styles, strings, key order) or declines; it never reports an error, the
 * full parser does that. Anything it is not sure of makes it decline:
 * tabs, carriage returns, control and line-separator characters, anchors,
 * tags, block scalars, escapes, multi-line scalars, flow collections that
 * nest or span lines, duplicate keys, odd indentation.
 *
 * Positions are libyaml's too, start and end: a scalar ends after its
 * last character, a block where the next token starts.
 */
#include "yaml_simple.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Past this size the node limit could matter; longer texts go to libyaml. */
#define MAX_SIMPLE_BYTES (32u * 1024)
/* libyaml gives up on an implicit key longer than 1,024 characters (and
 * reports an error); such keys go to it. */
#define MAX_KEY_BYTES 1000u

typedef struct line {
    uint32_t off, len; /* without the newline */
    uint32_t indent;   /* leading spaces */
    bool quiet;        /* empty, spaces only, or a comment */
    bool ascii;        /* then a byte's column is its character's */
} line;

typedef struct parser {
    pl_arena *arena;
    const char *text;
    line *lines;
    size_t n, i; /* lines, and the one being read */
    bool ends_in_newline;
    int line_offset, depth, max_depth;
    size_t nodes, max_nodes;
    /* children of the open collections, stacked; a collection's own move
     * into the arena when it closes */
    pl_value **items;
    size_t n_items, cap_items;
    pl_pair *pairs;
    size_t n_pairs, cap_pairs;
} parser;

/* ---- bytes and lines ---------------------------------------------------------- */

/* Whether text holds only characters every part of libyaml takes as
 * ordinary: printable ASCII and newlines, and printable non-ASCII that is
 * neither a line separator (U+0085, U+2028, U+2029) nor a byte order mark. */
static bool plain_bytes(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = pl_utf8_decode(u + i, len - i, &cp);
        if (!n || cp < 0xa0 || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
            (cp >= 0xd800 && cp < 0xe000) || cp == 0xfffe || cp == 0xffff)
            return false;
        i += n;
    }
    return true;
}

static void split_lines(parser *p, const char *text, size_t len)
{
    size_t cap = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        pl_grow((void **)&p->lines, &cap, p->n + 1, sizeof(*p->lines));
        line *l = &p->lines[p->n++];
        l->off = (uint32_t)at;
        l->len = (uint32_t)(end - at);
        l->indent = 0;
        while (l->indent < l->len && text[at + l->indent] == ' ') l->indent++;
        l->quiet = l->indent == l->len || text[at + l->indent] == '#';
        l->ascii = true;
        for (size_t k = at; k < end && l->ascii; k++) l->ascii = (unsigned char)text[k] < 0x80;
        at = end + 1;
    }
}

static const char *line_at(const parser *p, size_t i)
{
    return p->text + p->lines[i].off;
}

/* Moves to the next line with content; false at the end. */
static bool next_content(parser *p)
{
    while (p->i < p->n && p->lines[p->i].quiet) p->i++;
    return p->i < p->n;
}

/* ---- nodes ---------------------------------------------------------------------- */

/* The 1-based column of byte col of line ln: libyaml counts characters. */
static int column(const parser *p, size_t ln, size_t col)
{
    if (ln >= p->n) return 1;
    return (int)(p->lines[ln].ascii ? col : pl_utf8_count(line_at(p, ln), col)) + 1;
}

static void set_end(parser *p, pl_value *v, size_t ln, size_t col)
{
    v->end_line = (int)ln + 1 + p->line_offset;
    v->end_col = column(p, ln, col);
}

/* A block (of entries at column ind) ends where the next token starts:
 * the first character of the next line with content, or the line after
 * the last one. A text that ends in a line of only spaces or a comment,
 * without a newline, ends blocks indented deeper than that line's end
 * right there, as libyaml stops reading at that column. */
static void set_block_end(parser *p, pl_value *v, size_t ind)
{
    if (p->i < p->n) {
        set_end(p, v, p->i, p->lines[p->i].indent);
        return;
    }
    size_t last = p->n - 1;
    if (!p->ends_in_newline && (size_t)column(p, last, p->lines[last].len) - 1 < ind)
        set_end(p, v, last, p->lines[last].len);
    else
        set_end(p, v, p->n, 0);
}

static pl_value *new_node(parser *p, pl_type type, pl_style style, size_t ln, size_t col)
{
    pl_value *v = pl_arena_alloc(p->arena, sizeof(*v));
    v->type = type;
    v->style = style;
    v->line = v->end_line = (int)ln + 1 + p->line_offset;
    v->col = v->end_col = column(p, ln, col);
    v->weight = 1;
    p->nodes++;
    return v;
}

/* A scalar node of s[0, n), written on line ln from byte col to end_col:
 * plain ones resolved by the core schema. */
static pl_value *scalar(parser *p, const char *s, size_t n, pl_style style, size_t ln, size_t col,
                        size_t end_col)
{
    pl_value *v = new_node(p, PL_STRING, style, ln, col);
    set_end(p, v, ln, end_col);
    v->u.str.ptr = pl_arena_strndup(p->arena, s, n);
    v->u.str.len = n;
    if (style == PL_STYLE_PLAIN) pl_yaml_resolve_plain(v, v->u.str.ptr, n);
    return v;
}

static void push_item(parser *p, pl_value *v)
{
    pl_grow((void **)&p->items, &p->cap_items, p->n_items + 1, sizeof(*p->items));
    p->items[p->n_items++] = v;
}

/* Adds key s[0, n) to the open mapping whose pairs start at mark, unless
 * the mapping has it already. */
static bool push_key(parser *p, size_t mark, const char *s, size_t n, size_t ln, size_t col)
{
    for (size_t k = mark; k < p->n_pairs; k++)
        if (p->pairs[k].key_len == n && memcmp(p->pairs[k].key, s, n) == 0) return false;
    pl_grow((void **)&p->pairs, &p->cap_pairs, p->n_pairs + 1, sizeof(*p->pairs));
    pl_pair *pair = &p->pairs[p->n_pairs++];
    memset(pair, 0, sizeof(*pair));
    pair->key = pl_arena_strndup(p->arena, s, n);
    pair->key_len = n;
    pair->key_line = (int)ln + 1 + p->line_offset;
    pair->key_col = column(p, ln, col);
    p->nodes++;
    return true;
}

static void close_seq(parser *p, pl_value *v, size_t mark)
{
    size_t n = p->n_items - mark;
    v->u.seq.len = n;
    v->u.seq.items = pl_arena_alloc(p->arena, (n ? n : 1) * sizeof(*v->u.seq.items));
    for (size_t k = 0; k < n; k++) {
        v->u.seq.items[k] = p->items[mark + k];
        v->weight += p->items[mark + k]->weight;
    }
    p->n_items = mark;
}

static void close_map(parser *p, pl_value *v, size_t mark)
{
    size_t n = p->n_pairs - mark;
    v->u.map.len = n;
    v->u.map.items = pl_arena_alloc(p->arena, (n ? n : 1) * sizeof(*v->u.map.items));
    for (size_t k = 0; k < n; k++) {
        v->u.map.items[k] = p->pairs[mark + k];
        v->weight += p->pairs[mark + k].value->weight + 1;
    }
    p->n_pairs = mark;
}

/* ---- scalars on one line --------------------------------------------------------- */

static bool is_key_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_key_char(char c)
{
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* The length of a plain key at s[0, n) followed by ':' and a space or the
 * end, or 0. */
static size_t key_len(const char *s, size_t n)
{
    if (!n || !is_key_start(s[0])) return 0;
    size_t k = 1;
    while (k < n && is_key_char(s[k])) k++;
    if (k == n || s[k] != ':' || (k + 1 < n && s[k + 1] != ' ') || k > MAX_KEY_BYTES) return 0;
    return k;
}

/* Characters that, first in a scalar, make it something other than plain. */
static bool is_indicator(char c)
{
    return c && strchr("-?:,[]{}#&*!|>'\"%@`", c);
}

/* Whether s[at, n) is nothing, or spaces then nothing or a comment. */
static bool rest_is_quiet(const char *s, size_t at, size_t n)
{
    if (at == n) return true;
    if (s[at] != ' ') return false;
    while (at < n && s[at] == ' ') at++;
    return at == n || s[at] == '#';
}

/* A quoted scalar opening at s[at]: sets its content and returns the
 * index after the closing quote, or 0. Escapes and doubled quotes make it
 * decline. */
static size_t quoted(const char *s, size_t at, size_t n, const char **content, size_t *len)
{
    char q = s[at];
    size_t k = at + 1;
    while (k < n && s[k] != q && s[k] != '\\') k++;
    if (k == n || s[k] == '\\' || (k + 1 < n && s[k + 1] == q)) return 0;
    *content = s + at + 1;
    *len = k - at - 1;
    return k + 1;
}

static bool flow_stop(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '#' || c == ':' ||
           c == '"' || c == '\'';
}

/* One scalar inside a flow collection, from s[*at]; leaves *at on the
 * ',', ']' or '}' after it. */
static pl_value *flow_scalar(parser *p, const char *s, size_t *at, size_t n, size_t ln)
{
    size_t k = *at;
    while (k < n && s[k] == ' ') k++;
    if (k == n) return NULL;
    pl_value *v;
    if (s[k] == '"' || s[k] == '\'') {
        const char *c;
        size_t len, end = quoted(s, k, n, &c, &len);
        if (!end) return NULL;
        v = scalar(p, c, len, s[k] == '"' ? PL_STYLE_DOUBLE : PL_STYLE_SINGLE, ln, k, end);
        k = end;
    } else {
        if (is_indicator(s[k]) &&
            !(s[k] == '-' && k + 1 < n && !flow_stop(s[k + 1]) && s[k + 1] != ' '))
            return NULL;
        size_t start = k;
        while (k < n && !flow_stop(s[k])) k++;
        size_t end = k;
        while (end > start && s[end - 1] == ' ') end--;
        v = scalar(p, s + start, end - start, PL_STYLE_PLAIN, ln, start, end);
    }
    while (k < n && s[k] == ' ') k++;
    if (k == n || (s[k] != ',' && s[k] != ']' && s[k] != '}')) return NULL;
    *at = k;
    return v;
}

/* [a, b] or {a: b, c: d} opening at s[at], closed on the same line.
 * Returns the index after the closing bracket, or 0. */
static size_t flow(parser *p, const char *s, size_t at, size_t n, size_t ln, pl_value **out)
{
    bool is_map = s[at] == '{';
    char close = is_map ? '}' : ']';
    pl_value *v = new_node(p, is_map ? PL_MAP : PL_SEQ, PL_STYLE_FLOW, ln, at);
    size_t mark = is_map ? p->n_pairs : p->n_items, k = at + 1;
    while (k < n && s[k] == ' ') k++;
    bool empty = k < n && s[k] == close;
    while (!empty) {
        while (k < n && s[k] == ' ') k++;
        if (is_map) {
            /* a key at the line's end leaves flow_scalar nothing to read */
            size_t key = key_len(s + k, n - k);
            if (!key || !push_key(p, mark, s + k, key, ln, k)) return 0;
            k += key + 1;
        }
        pl_value *item = flow_scalar(p, s, &k, n, ln);
        if (!item) return 0;
        if (is_map)
            p->pairs[p->n_pairs - 1].value = item;
        else
            push_item(p, item);
        if (s[k] == close) break;
        if (s[k] != ',') return 0;
        k++;
    }
    is_map ? close_map(p, v, mark) : close_seq(p, v, mark);
    set_end(p, v, ln, k + 1);
    *out = v;
    return k + 1;
}

/* The value written on line ln from column at to the end: a plain or
 * quoted scalar, or a one-line flow collection. */
static pl_value *inline_value(parser *p, size_t ln, size_t at)
{
    const char *s = line_at(p, ln);
    size_t n = p->lines[ln].len;
    pl_value *v = NULL;
    size_t end;
    if (s[at] == '"' || s[at] == '\'') {
        const char *c;
        size_t len;
        end = quoted(s, at, n, &c, &len);
        if (!end) return NULL;
        v = scalar(p, c, len, s[at] == '"' ? PL_STYLE_DOUBLE : PL_STYLE_SINGLE, ln, at, end);
    } else if (s[at] == '[' || s[at] == '{') {
        if (p->depth + 1 > p->max_depth) return NULL;
        end = flow(p, s, at, n, ln, &v);
        if (!end) return NULL;
    } else {
        if (is_indicator(s[at]) && !(s[at] == '-' && at + 1 < n && s[at + 1] != ' ')) return NULL;
        size_t k = at;
        for (; k < n; k++) {
            if (s[k] == ':' && (k + 1 == n || s[k + 1] == ' ')) return NULL; /* a mapping */
            if (s[k] == '#' && s[k - 1] == ' ') break;                       /* a comment */
        }
        end = k;
        while (end > at && s[end - 1] == ' ') end--;
        return scalar(p, s + at, end - at, PL_STYLE_PLAIN, ln, at, end);
    }
    return rest_is_quiet(s, end, n) ? v : NULL;
}

/* ---- blocks ------------------------------------------------------------------------ */

static pl_value *block_map(parser *p, size_t ind);

/* The value written on line ln from column at, of an entry or key at
 * column ind; moves past the line. NULL when a line below goes deeper
 * than ind (a multi-line scalar, or worse). */
static pl_value *value_on_line(parser *p, size_t ln, size_t at, size_t ind)
{
    pl_value *v = inline_value(p, ln, at);
    p->i++;
    return v && next_content(p) && p->lines[p->i].indent > ind ? NULL : v;
}

static bool is_entry(const parser *p, size_t ln, size_t col)
{
    const char *s = line_at(p, ln);
    size_t n = p->lines[ln].len;
    return col < n && s[col] == '-' && (col + 1 == n || s[col + 1] == ' ');
}

/* The sequence whose entries start at column ind, from the current line
 * (an entry). Ends before the first line that is not one of its entries. */
static pl_value *block_seq(parser *p, size_t ind)
{
    if (++p->depth > p->max_depth) return NULL;
    pl_value *v = new_node(p, PL_SEQ, PL_STYLE_BLOCK, p->i, ind);
    size_t mark = p->n_items;
    do {
        size_t ln = p->i;
        const char *s = line_at(p, ln);
        size_t n = p->lines[ln].len, c = ind + 1;
        while (c < n && s[c] == ' ') c++;
        if (c == n || is_entry(p, ln, c)) return NULL; /* nested, or on the next line */
        pl_value *item;
        if (key_len(s + c, n - c)) {
            item = block_map(p, c);
        } else {
            item = value_on_line(p, ln, c, ind);
        }
        if (!item) return NULL;
        push_item(p, item);
        if (p->i < p->n && p->lines[p->i].indent > ind) return NULL;
    } while (p->i < p->n && p->lines[p->i].indent == ind && is_entry(p, p->i, ind));
    close_seq(p, v, mark);
    set_block_end(p, v, ind);
    p->depth--;
    return v;
}

/* The value of a key whose line ends after the colon: a block on the
 * lines below, or null. */
static pl_value *value_below(parser *p, size_t ind, size_t key_ln, size_t after_colon)
{
    p->i++;
    if (next_content(p)) {
        size_t child = p->lines[p->i].indent;
        if (child > ind || (child == ind && is_entry(p, p->i, ind))) {
            if (is_entry(p, p->i, child)) return block_seq(p, child);
            if (!key_len(line_at(p, p->i) + child, p->lines[p->i].len - child)) return NULL;
            return block_map(p, child);
        }
    }
    return scalar(p, "", 0, PL_STYLE_PLAIN, key_ln, after_colon, after_colon);
}

/* The mapping whose keys start at column ind, from the current line (whose
 * key may follow a sequence entry's dash). Ends before the first line
 * indented less. */
static pl_value *block_map(parser *p, size_t ind)
{
    if (++p->depth > p->max_depth) return NULL;
    pl_value *v = new_node(p, PL_MAP, PL_STYLE_BLOCK, p->i, ind);
    size_t mark = p->n_pairs;
    for (;;) {
        size_t ln = p->i;
        const char *s = line_at(p, ln);
        size_t n = p->lines[ln].len, k = key_len(s + ind, n - ind);
        if (!k || !push_key(p, mark, s + ind, k, ln, ind)) return NULL;
        size_t at = ind + k + 1;
        while (at < n && s[at] == ' ') at++;
        pl_value *value;
        if (at == n || s[at] == '#') {
            value = value_below(p, ind, ln, ind + k + 1);
        } else {
            value = value_on_line(p, ln, at, ind);
        }
        if (!value) return NULL;
        p->pairs[p->n_pairs - 1].value = value;
        if (!next_content(p) || p->lines[p->i].indent < ind) break;
        if (p->lines[p->i].indent > ind || is_entry(p, p->i, ind)) return NULL;
    }
    close_map(p, v, mark);
    set_block_end(p, v, ind);
    p->depth--;
    return v;
}

/* ---- entry point ------------------------------------------------------------------- */

bool pl_yaml_simple_parse(pl_value **out, pl_arena *arena, const char *text, size_t len,
                          int line_offset, const pl_limits *limits)
{
    *out = NULL;
    if (len == 0 || len > MAX_SIMPLE_BYTES || !plain_bytes(text, len)) return false;
    const pl_limits *lim = limits ? limits : pl_limits_default();
    parser p;
    memset(&p, 0, sizeof(p));
    p.arena = arena;
    p.text = text;
    p.line_offset = line_offset;
    p.ends_in_newline = text[len - 1] == '\n';
    p.max_depth = lim->max_depth;
    p.max_nodes = lim->max_nodes;
    split_lines(&p, text, len);
    pl_value *root = NULL;
    /* the document is one mapping from the left margin */
    if (next_content(&p) && p.lines[p.i].indent == 0 && key_len(line_at(&p, p.i), p.lines[p.i].len))
        root = block_map(&p, 0);
    /* keys count twice in the full parser's node limit */
    if (root && (next_content(&p) || 2 * p.nodes > p.max_nodes)) root = NULL;
    free(p.lines);
    free(p.items);
    free(p.pairs);
    *out = root;
    return root != NULL;
}
