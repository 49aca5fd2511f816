/*
 * test_yaml.c - front matter splitting and YAML -> value tree: delimiters,
 * BOM and CRLF, YAML 1.2 core-schema scalars, positions (counting the
 * opening '---' as line 1), aliases, and the limits and byte checks that
 * keep hostile files (alias bombs, deep nesting, invalid UTF-8, NUL bytes,
 * unknown tags, several documents) cheap to refuse.
 */
#include "doc.h"

#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static pl_doc *md(const char *text, size_t len)
{
    pl_doc *doc;
    pl_error err;
    if (pl_doc_parse_markdown(&doc, "p.md", text, len, NULL, &err)) {
        printf("# refused: %d:%d %s\n", err.line, err.col, err.message);
        return NULL;
    }
    return doc;
}

static pl_doc *yaml(const char *text)
{
    pl_doc *doc;
    pl_error err;
    if (pl_doc_parse_yaml(&doc, "p.yaml", text, strlen(text), NULL, &err)) {
        printf("# refused: %d:%d %s\n", err.line, err.col, err.message);
        return NULL;
    }
    return doc;
}

/* Expects a refusal with code at line:col (0: not checked) whose message
 * contains want (NULL: not checked). */
static void refused_with(int rc, pl_doc *doc, const pl_error *err, int code, int line, int col,
                         const char *want, const char *name)
{
    char label[300];
    snprintf(label, sizeof(label), "%s: refused", name);
    is_int(rc, code, label);
    ok(doc == NULL, "%s: no document", name);
    pl_doc_free(doc);
    if (line) {
        snprintf(label, sizeof(label), "%s: line", name);
        is_int(err->line, line, label);
    }
    if (col) {
        snprintf(label, sizeof(label), "%s: column", name);
        is_int(err->col, col, label);
    }
    if (want && !ok(strstr(err->message, want) != NULL, "%s: message says '%s'", name, want))
        printf("#   message: %s\n", err->message);
}

static void md_refused(const char *text, size_t len, const pl_limits *lim, int code, int line,
                       int col, const char *want, const char *name)
{
    pl_doc *doc = NULL;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_doc_parse_markdown(&doc, "p.md", text, len ? len : strlen(text), lim, &err);
    refused_with(rc, doc, &err, code, line, col, want, name);
}

static void yaml_refused(const char *text, size_t len, const pl_limits *lim, int code, int line,
                         int col, const char *want, const char *name)
{
    pl_doc *doc = NULL;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_doc_parse_yaml(&doc, "p.yaml", text, len ? len : strlen(text), lim, &err);
    refused_with(rc, doc, &err, code, line, col, want, name);
}

static const char *str_of(const pl_value *v)
{
    return pl_value_str(v);
}

static void test_front_matter(void)
{
    const char *t = "---\ntitle: Hello\ncount: 3\n---\n# Body\n\ntext\n";
    pl_doc *doc = md(t, strlen(t));
    ok(doc != NULL, "basic front matter parses");
    if (doc) {
        size_t blen;
        const char *body = pl_doc_body(doc, &blen);
        ok(doc->is_markdown && !doc->has_bom && !doc->crlf, "markdown, no BOM, LF");
        ok(doc->root->type == PL_MAP && doc->root->u.map.len == 2, "two fields");
        is_str(pl_value_path_str(doc->root, "title"), "Hello", "title");
        is_int(pl_map_get(doc->root, "count")->u.i, 3, "count is the integer 3");
        is_int(doc->root->u.map.items[0].key_line, 2, "first key on line 2 (--- is line 1)");
        is_int(doc->root->u.map.items[0].key_col, 1, "first key in column 1");
        is_int(pl_map_get(doc->root, "title")->col, 8, "title value in column 8");
        is_int(pl_map_get(doc->root, "count")->line, 3, "count on line 3");
        is_str(body, "# Body\n\ntext\n", "body after the closing line");
        is_int((long long)blen, 13, "body length");
        is_int(doc->body_line, 5, "body starts on line 5");
        is_int((long long)doc->fm_start, 4, "YAML starts after the opening line");
        is_str(doc->path, "p.md", "path kept for messages");
    }
    pl_doc_free(doc);

    t = "---\na: 1\n...\nbody\n";
    doc = md(t, strlen(t));
    ok(doc && pl_map_get(doc->root, "a") && pl_map_get(doc->root, "a")->u.i == 1,
       "'...' closes the front matter");
    if (doc) {
        size_t blen;
        is_str(pl_doc_body(doc, &blen), "body\n", "body after '...'");
    }
    pl_doc_free(doc);

    t = "--- \na: 1\n---\t \nbody";
    doc = md(t, strlen(t));
    ok(doc != NULL, "delimiter lines may end in blanks");
    pl_doc_free(doc);

    t = "---\na: x\n---";
    doc = md(t, strlen(t));
    if (ok(doc != NULL, "closing line at the end of the file without a newline")) {
        size_t blen;
        pl_doc_body(doc, &blen);
        is_int((long long)blen, 0, "empty body");
    }
    pl_doc_free(doc);

    t = "---\n---\nbody\n";
    doc = md(t, strlen(t));
    ok(doc && doc->root->type == PL_NULL, "empty front matter is null");
    pl_doc_free(doc);

    t = "---\ntext: |\n  ---\n  ...\n  x\n---\n";
    doc = md(t, strlen(t));
    is_str(doc ? pl_value_path_str(doc->root, "text") : NULL, "---\n...\nx\n",
           "indented '---' and '...' inside a block scalar do not close");
    pl_doc_free(doc);

    t = "\xEF\xBB\xBF---\ntitle: x\n---\nbody\n";
    doc = md(t, strlen(t));
    ok(doc && doc->has_bom, "a UTF-8 BOM before the opening line");
    if (doc) {
        is_str(pl_value_path_str(doc->root, "title"), "x", "BOM: title");
        is_int(pl_map_get(doc->root, "title")->line, 2, "BOM: title on line 2");
        is_int(pl_map_get(doc->root, "title")->col, 8, "BOM: title in column 8");
    }
    pl_doc_free(doc);

    t = "---\r\ntitle: x\r\nn: 2\r\ntext: |\r\n  a\r\n  b\r\n---\r\nbody\r\n";
    doc = md(t, strlen(t));
    ok(doc && doc->crlf, "CRLF line endings");
    if (doc) {
        size_t blen;
        const pl_value *title = pl_map_get(doc->root, "title");
        is_str(str_of(title), "x", "CRLF: no carriage return in values");
        is_int((long long)title->u.str.len, 1, "CRLF: value length 1");
        is_int(pl_map_get(doc->root, "n")->line, 3, "CRLF: lines counted once per CRLF");
        is_str(pl_value_path_str(doc->root, "text"), "a\nb\n", "CRLF: block scalar lines");
        is_str(pl_doc_body(doc, &blen), "body\r\n", "CRLF: body after the closing line");
        is_int(doc->body_line, 8, "CRLF: body line");
    }
    pl_doc_free(doc);

    t = "---\r\na: 1\r\n...\r\n";
    doc = md(t, strlen(t));
    ok(doc != NULL, "CRLF with '...'");
    pl_doc_free(doc);

    md_refused("---\ntitle: x\nstage: running\n", 0, NULL, PL_EINVALID, 1, 1, "never closed",
               "missing closing line");
    md_refused("# Title\n\ntext\n", 0, NULL, PL_EINVALID, 1, 1, "first line must be '---'",
               "no front matter");
    md_refused("\n---\na: 1\n---\n", 0, NULL, PL_EINVALID, 1, 1, "first line", "blank first line");
    md_refused("+++\ntitle = 'x'\n+++\nbody\n", 0, NULL, PL_EINVALID, 1, 1, "TOML",
               "TOML front matter refused");
    md_refused("----\na: 1\n----\n", 0, NULL, PL_EINVALID, 1, 1, NULL, "'----' is no delimiter");
    md_refused("", 0, NULL, PL_EINVALID, 1, 1, NULL, "an empty file");
}

typedef struct scalar_case {
    const char *yaml;
    pl_type type;
    const char *text; /* expected string, or the expected number as text */
} scalar_case;

static const scalar_case scalars[] = {
    {"'true'", PL_STRING, "true"},
    {"\"12\"", PL_STRING, "12"},
    {"'~'", PL_STRING, "~"},
    {"true", PL_BOOL, "true"},
    {"True", PL_BOOL, "true"},
    {"TRUE", PL_BOOL, "true"},
    {"false", PL_BOOL, "false"},
    {"null", PL_NULL, NULL},
    {"Null", PL_NULL, NULL},
    {"NULL", PL_NULL, NULL},
    {"~", PL_NULL, NULL},
    {"", PL_NULL, NULL},
    {"42", PL_INT, "42"},
    {"-7", PL_INT, "-7"},
    {"+12", PL_INT, "12"},
    {"012", PL_INT, "12"},
    {"0", PL_INT, "0"},
    {"-9223372036854775808", PL_INT, "-9223372036854775808"},
    {"0x1F", PL_INT, "31"},
    {"0xff", PL_INT, "255"},
    {"0o17", PL_INT, "15"},
    {"1.5", PL_FLOAT, "1.5"},
    {"-0.25", PL_FLOAT, "-0.25"},
    {"1.0", PL_FLOAT, "1"},
    {".5", PL_FLOAT, "0.5"},
    {"-.5", PL_FLOAT, "-0.5"},
    {"1.", PL_FLOAT, "1"},
    {"1e3", PL_FLOAT, "1000"},
    {"2.5E-1", PL_FLOAT, "0.25"},
    {"99999999999999999999", PL_FLOAT, "1e+20"},
    {".inf", PL_FLOAT, ".inf"},
    {".Inf", PL_FLOAT, ".inf"},
    {"+.inf", PL_FLOAT, ".inf"},
    {"-.inf", PL_FLOAT, "-.inf"},
    {".nan", PL_FLOAT, ".nan"},
    {".NaN", PL_FLOAT, ".nan"},
    {"2026-09-01", PL_STRING, "2026-09-01"},
    {"2026-09-01T10:00:00Z", PL_STRING, "2026-09-01T10:00:00Z"},
    {"yes", PL_STRING, "yes"},
    {"no", PL_STRING, "no"},
    {"on", PL_STRING, "on"},
    {"Off", PL_STRING, "Off"},
    {"y", PL_STRING, "y"},
    {"0b101", PL_STRING, "0b101"},
    {"1_000", PL_STRING, "1_000"},
    {"0o8", PL_STRING, "0o8"},
    {"0x", PL_STRING, "0x"},
    {"12:30", PL_STRING, "12:30"},
    {"1.2.3", PL_STRING, "1.2.3"},
    {"1e", PL_STRING, "1e"},
    {"inf", PL_STRING, "inf"},
    {"nan", PL_STRING, "nan"},
    {"74%", PL_STRING, "74%"},
    {"7min", PL_STRING, "7min"},
    {"!!str 12", PL_STRING, "12"},
    {"!!str true", PL_STRING, "true"},
    {"!!int '12'", PL_INT, "12"},
    {"!!int 0x10", PL_INT, "16"},
    {"!!float 1", PL_FLOAT, "1"},
    {"!!float '2.5'", PL_FLOAT, "2.5"},
    {"!!bool 'false'", PL_BOOL, "false"},
    {"!!null ''", PL_NULL, NULL},
    {"! 12", PL_STRING, "12"},
    {"'it''s'", PL_STRING, "it's"},
    {"\"tab\\there\"", PL_STRING, "tab\there"},
    {"\"\\u00e9\"", PL_STRING, "\xC3\xA9"},
};

static void test_scalars(void)
{
    for (size_t i = 0; i < PL_ARRAY_SIZE(scalars); i++) {
        const scalar_case *c = &scalars[i];
        char text[200];
        snprintf(text, sizeof(text), "v: %s\n", c->yaml);
        pl_doc *doc = yaml(text);
        const pl_value *v = doc ? pl_map_get(doc->root, "v") : NULL;
        if (!ok(v && v->type == c->type, "'%s' is %s", c->yaml, pl_type_name(c->type))) {
            printf("#   got %s\n", v ? pl_type_name(v->type) : "(nothing)");
        } else if (c->text) {
            pl_buf b = PL_BUF_INIT;
            pl_value_text(&b, v);
            char label[260];
            snprintf(label, sizeof(label), "'%s' reads as %s", c->yaml, c->text);
            is_str(pl_buf_cstr(&b), c->text, label);
            pl_buf_free(&b);
        }
        pl_doc_free(doc);
    }

    pl_doc *doc = yaml("v: .nan\nw: -.inf\n");
    if (doc) {
        ok(isnan(pl_map_get(doc->root, "v")->u.f), ".nan is NaN");
        ok(isinf(pl_map_get(doc->root, "w")->u.f) && pl_map_get(doc->root, "w")->u.f < 0,
           "-.inf is negative infinity");
    }
    pl_doc_free(doc);

    /* keys stay the text they were written as */
    doc = yaml("1: a\ntrue: b\nnull: c\n2026-01-01: d\n");
    ok(doc && doc->root->u.map.len == 4, "plain keys of every kind");
    if (doc) {
        is_str(pl_value_path_str(doc->root, "1"), "a", "key 1 is the string '1'");
        is_str(pl_value_path_str(doc->root, "true"), "b", "key true is the string 'true'");
        is_str(pl_value_path_str(doc->root, "null"), "c", "key null is the string 'null'");
        is_str(pl_value_path_str(doc->root, "2026-01-01"), "d", "a date key");
    }
    pl_doc_free(doc);

    /* JSON is YAML */
    doc = yaml("{\"a\": [1, 2.5, \"x\", null, true], \"b\": {}}");
    ok(doc && pl_map_get(doc->root, "a")->u.seq.len == 5, "a JSON document");
    if (doc) {
        const pl_value *a = pl_map_get(doc->root, "a");
        ok(a->u.seq.items[0]->type == PL_INT && a->u.seq.items[1]->type == PL_FLOAT &&
               a->u.seq.items[2]->type == PL_STRING && a->u.seq.items[3]->type == PL_NULL &&
               a->u.seq.items[4]->type == PL_BOOL,
           "JSON types");
        ok(a->style == PL_STYLE_FLOW, "flow style remembered");
    }
    pl_doc_free(doc);

    doc = yaml("");
    ok(doc && doc->root->type == PL_NULL, "an empty document is null");
    pl_doc_free(doc);
    doc = yaml("# only a comment\n");
    ok(doc && doc->root->type == PL_NULL, "a comment-only document is null");
    pl_doc_free(doc);
}

static void test_positions(void)
{
    const char *t = "---\ntitle: x\nlist:\n  - a\n  - b\nmap:\n  k: v\ntags: [one, "
                    "\xC3\xA9t\xC3\xA9, two]\n---\nbody\n";
    pl_doc *doc = md(t, strlen(t));
    if (!ok(doc != NULL, "positions document parses")) return;
    const pl_value *list = pl_map_get(doc->root, "list");
    is_int(list->line, 4, "block sequence starts on line 4");
    is_int(list->col, 3, "block sequence starts at its dash");
    is_int(list->u.seq.items[1]->line, 5, "second item on line 5");
    is_int(list->u.seq.items[1]->col, 5, "second item in column 5");
    const pl_value *map = pl_map_get(doc->root, "map");
    is_int(map->u.map.items[0].key_line, 7, "nested key line");
    is_int(map->u.map.items[0].key_col, 3, "nested key column");
    is_int(pl_map_get(map, "k")->col, 6, "nested value column");
    const pl_value *tags = pl_map_get(doc->root, "tags");
    is_int(tags->u.seq.items[2]->line, 8, "flow item line");
    is_int(tags->u.seq.items[2]->col, 18, "columns count characters, not bytes");
    is_int(doc->root->line, 2, "the root map starts on line 2");
    pl_doc_free(doc);

    doc = yaml("a:\n  b:\n    - {c: 1}\n");
    if (doc) {
        const pl_value *c = pl_map_get(pl_value_path(doc->root, "a.b")->u.seq.items[0], "c");
        is_int(c->line, 3, "whole YAML document: line 3");
        is_int(c->col, 11, "whole YAML document: column 11");
    }
    pl_doc_free(doc);
}

static void test_duplicates(void)
{
    yaml_refused("a: 1\nb: 2\na: 3\n", 0, NULL, PL_EINVALID, 3, 1,
                 "duplicate key 'a' (first at line 1)", "duplicate key");
    md_refused("---\ntitle: x\nowner: y\ntitle: z\n---\n", 0, NULL, PL_EINVALID, 4, 1,
               "duplicate key 'title' (first at line 2)", "duplicate key in front matter");
    yaml_refused("m:\n  k: 1\n  j: 2\n  k: 2\n", 0, NULL, PL_EINVALID, 4, 3, "duplicate key 'k'",
                 "duplicate nested key");
    yaml_refused("{a: 1, b: 2, a: 2}", 0, NULL, PL_EINVALID, 1, 14, "duplicate key",
                 "duplicate key in flow style");
    yaml_refused("1: a\n'1': b\n", 0, NULL, PL_EINVALID, 2, 1, "duplicate key",
                 "1 and '1' are the same key");
    pl_doc *doc = yaml("a: {k: 1}\nb: {k: 2}\n");
    ok(doc != NULL, "the same key in two maps is fine");
    pl_doc_free(doc);
}

static void test_aliases(void)
{
    pl_doc *doc = yaml("base: &b {k: 1, list: [1, 2]}\nother: *b\nitems: [*b, *b]\n");
    if (ok(doc != NULL, "aliases parse")) {
        const pl_value *base = pl_map_get(doc->root, "base");
        ok(pl_map_get(doc->root, "other") == base, "an alias shares the anchored node");
        ok(pl_map_get(doc->root, "items")->u.seq.items[1] == base, "and so does an item");
        ok(pl_value_equal(pl_map_get(doc->root, "other"), base), "and equals it");
        is_int((long long)base->weight, 7, "anchored map weight: itself, 2 keys, 4 values");
        is_int((long long)doc->root->weight, 1 + 3 + 7 + 7 + (1 + 7 + 7),
               "root weight counts aliases expanded");
    }
    pl_doc_free(doc);

    doc = yaml("a: &x hello\nb: *x\n");
    is_str(doc ? pl_value_path_str(doc->root, "b") : NULL, "hello", "scalar alias");
    pl_doc_free(doc);

    yaml_refused("a: *nope\n", 0, NULL, PL_EINVALID, 1, 4, "nope", "alias without an anchor");
    yaml_refused("a: &x [1, *x]\n", 0, NULL, PL_EINVALID, 1, 11, NULL,
                 "an alias inside its own anchor is refused");

    /* billion laughs: 10^9 values once expanded */
    const char *laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                         "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                         "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                         "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                         "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                         "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                         "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                         "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    yaml_refused(laughs, 0, NULL, PL_ELIMIT, 0, 0, "aliases", "billion laughs refused");
    pl_buf b = PL_BUF_INIT;
    pl_buf_printf(&b, "---\n%s---\nbody\n", laughs);
    /* e: is the first line whose expansion passes 50,000 values */
    md_refused(pl_buf_cstr(&b), b.len, NULL, PL_ELIMIT, 6, 0, NULL,
               "billion laughs in front matter refused");
    pl_buf_free(&b);

    /* aliases under the limit are fine; the limit counts expanded nodes */
    pl_limits lim = *pl_limits_default();
    lim.max_nodes = 30;
    doc = NULL;
    pl_error err;
    const char *few = "a: &a [1, 2, 3]\nb: [*a, *a]\n"; /* 1 + 2 keys + 4 + 9 = 16 */
    ok(pl_doc_parse_yaml(&doc, "p.yaml", few, strlen(few), &lim, &err) == 0,
       "aliases within the node limit");
    pl_doc_free(doc);
    const char *more = "a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a]\n"; /* 1 + 2 + 4 + 21 = 28 */
    ok(pl_doc_parse_yaml(&doc, "p.yaml", more, strlen(more), &lim, &err) == 0,
       "aliases just within the node limit");
    pl_doc_free(doc);
    yaml_refused("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a, *a]\n", 0, &lim, PL_ELIMIT, 2, 0,
                 "more than 30 values", "aliases over the node limit");
}

static char *nested(int depth)
{
    char *s = pl_malloc((size_t)depth * 2 + 1);
    for (int i = 0; i < depth; i++) {
        s[i] = '[';
        s[depth * 2 - 1 - i] = ']';
    }
    s[depth * 2] = '\0';
    return s;
}

static void test_limits(void)
{
    const pl_limits *def = pl_limits_default();
    ok(def->max_depth == PL_LIMIT_DEPTH && def->max_nodes == PL_LIMIT_NODES &&
           def->max_file_bytes == PL_LIMIT_FILE_BYTES &&
           def->max_front_matter_bytes == PL_LIMIT_FRONT_MATTER_BYTES,
       "default limits");

    char *s = nested(PL_LIMIT_DEPTH);
    pl_doc *doc = yaml(s);
    ok(doc != NULL, "nesting at the depth limit is fine");
    pl_doc_free(doc);
    free(s);
    s = nested(PL_LIMIT_DEPTH + 1);
    yaml_refused(s, 0, NULL, PL_ELIMIT, 1, PL_LIMIT_DEPTH + 1, "nesting deeper than 64",
                 "nesting one deeper than the limit");
    free(s);
    s = nested(100000);
    yaml_refused(s, 0, NULL, PL_ELIMIT, 0, 0, "nesting", "very deep nesting fails early");
    free(s);

    pl_limits lim = *def;
    lim.max_depth = 3;
    yaml_refused("a:\n  b:\n    c:\n      d: 1\n", 0, &lim, PL_ELIMIT, 4, 7, "deeper than 3",
                 "block nesting over a small limit");
    md_refused("---\na:\n  b:\n    c:\n      d: 1\n---\n", 0, &lim, PL_ELIMIT, 5, 7, NULL,
               "front matter nesting over the limit, at its file line");

    lim = *def;
    lim.max_file_bytes = 100;
    lim.max_front_matter_bytes = 40;
    char big[160];
    memset(big, 'x', sizeof(big));
    memcpy(big, "---\na: 1\n---\n", 13);
    big[sizeof(big) - 1] = '\0';
    md_refused(big, 0, &lim, PL_ELIMIT, 1, 1, "limit of 100", "file over the size limit");
    const char *fm = "---\ntitle: a front matter longer than forty bytes\n---\n";
    md_refused(fm, 0, &lim, PL_ELIMIT, 1, 1, "front matter is larger",
               "front matter over the limit");
    const char *unclosed = "---\na: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\n";
    md_refused(unclosed, 0, &lim, PL_ELIMIT, 1, 1, "front matter is larger",
               "unclosed front matter stops at the limit");
    yaml_refused("title: a YAML document longer than forty bytes\n", 0, &lim, PL_ELIMIT, 1, 1,
                 "more than the limit of 40", "whole YAML document over the limit");
    const char *small = "---\na: 1\n---\nbody\n";
    doc = NULL;
    pl_error err;
    ok(pl_doc_parse_markdown(&doc, "p.md", small, strlen(small), &lim, &err) == 0,
       "a small file within the limits");
    pl_doc_free(doc);

    /* the default front-matter limit */
    pl_buf b = PL_BUF_INIT;
    pl_buf_puts(&b, "---\n");
    while (b.len <= PL_LIMIT_FRONT_MATTER_BYTES) pl_buf_puts(&b, "k: a line of front matter\n");
    pl_buf_puts(&b, "---\n");
    md_refused(pl_buf_cstr(&b), b.len, NULL, PL_ELIMIT, 1, 1, NULL,
               "front matter over 256 KiB refused");
    pl_buf_free(&b);

    lim = *def;
    lim.max_nodes = 5;
    yaml_refused("[1, 2, 3, 4, 5]", 0, &lim, PL_ELIMIT, 1, 0, "more than 5", "node limit");
    doc = NULL;
    ok(pl_doc_parse_yaml(&doc, "p.yaml", "[1, 2, 3, 4]", 12, &lim, &err) == 0,
       "exactly at the node limit");
    pl_doc_free(doc);
}

static void test_bytes(void)
{
    md_refused("---\ntitle: caf\xE9\n---\n", 0, NULL, PL_EINVALID, 2, 11, "invalid UTF-8",
               "Latin-1 byte refused at its line:col");
    md_refused("---\nt: \xC3\xA9\xFF\n---\n", 0, NULL, PL_EINVALID, 2, 5, "byte 0xff",
               "column counts characters before the bad byte");
    md_refused("---\nt: \xC0\xAF\n---\n", 0, NULL, PL_EINVALID, 2, 4, NULL,
               "overlong encoding refused");
    md_refused("---\nt: \xED\xA0\x80\n---\n", 0, NULL, PL_EINVALID, 2, 4, NULL,
               "UTF-16 surrogate refused");
    md_refused("---\nt: \xF4\x90\x80\x80\n---\n", 0, NULL, PL_EINVALID, 2, 4, NULL,
               "code point above U+10FFFF refused");
    md_refused("---\nt: x\n---\nbody \xE2\x82", 0, NULL, PL_EINVALID, 4, 6, NULL,
               "truncated sequence in the body refused");
    md_refused("---\r\nt: x\r\n---\r\n\xFF", 0, NULL, PL_EINVALID, 4, 1, NULL,
               "CRLF does not shift the column");
    yaml_refused("a: \x80\n", 0, NULL, PL_EINVALID, 1, 4, "UTF-8", "YAML document: bad byte");
    yaml_refused("\xEF\xBB\xBF"
                 "a: \x80\n",
                 0, NULL, PL_EINVALID, 1, 4, "UTF-8", "a BOM is not a column");
    yaml_refused("\xEF\xBB\xBF"
                 "a: [1\n",
                 0, NULL, PL_EINVALID, 2, 1, "invalid YAML", "a BOM and a syntax error");
    md_refused("\xEF\xBB\xBF---\xFF\n", 0, NULL, PL_EINVALID, 1, 4, "UTF-8",
               "a BOM is not a column in front matter either");

    static const char with_nul[] = "---\na: b\0c\n---\n";
    md_refused(with_nul, sizeof(with_nul) - 1, NULL, PL_EINVALID, 2, 5, "NUL",
               "NUL byte refused at its line:col");
    static const char nul_body[] = "---\na: b\n---\nbody\0";
    md_refused(nul_body, sizeof(nul_body) - 1, NULL, PL_EINVALID, 4, 5, "NUL",
               "NUL byte in the body refused");
    static const char nul_yaml[] = "a: 1\n\0";
    yaml_refused(nul_yaml, sizeof(nul_yaml) - 1, NULL, PL_EINVALID, 2, 1, "NUL",
                 "NUL byte in a YAML document");
    yaml_refused("a: \"x\\0y\"\n", 0, NULL, PL_EINVALID, 1, 4, "NUL", "NUL written as an escape");

    md_refused("---\ntitle: x\na: b\x01"
               "c\n---\n",
               0, NULL, PL_EINVALID, 3, 5, "control characters",
               "a control character in front matter at its file line:col");
    md_refused("---\ntitle: x\na: \xC3\xA9\x7F\n---\n", 0, NULL, PL_EINVALID, 3, 5, "control",
               "DEL after a multi-byte character");
    yaml_refused("a: \xEF\xBF\xBE\n", 0, NULL, PL_EINVALID, 1, 4, "control",
                 "the non-character U+FFFE");
    const char *t = "---\nt: \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x9A\x80\n---\n";
    pl_doc *doc = md(t, strlen(t));
    ok(doc != NULL, "valid multi-byte UTF-8 is fine");
    pl_doc_free(doc);
}

static void test_tags(void)
{
    yaml_refused("a: !foo bar\n", 0, NULL, PL_EINVALID, 1, 4, "tag '!foo'", "a local tag");
    yaml_refused("a: !!binary aGk=\n", 0, NULL, PL_EINVALID, 1, 4, "binary", "!!binary");
    yaml_refused("a: !!timestamp 2026-01-01\n", 0, NULL, PL_EINVALID, 1, 4, "timestamp",
                 "!!timestamp");
    yaml_refused("a: !!set {x: ~}\n", 0, NULL, PL_EINVALID, 1, 4, "mapping", "!!set");
    yaml_refused("a: !!omap [x: 1]\n", 0, NULL, PL_EINVALID, 1, 4, "sequence", "!!omap");
    yaml_refused("a: !foo [1]\n", 0, NULL, PL_EINVALID, 1, 4, "sequence", "a local sequence tag");
    yaml_refused("a: !!bool yes\n", 0, NULL, PL_EINVALID, 1, 4, "mismatched", "!!bool on yes");
    yaml_refused("a: !!int 1.5\n", 0, NULL, PL_EINVALID, 1, 4, "mismatched", "!!int on 1.5");
    yaml_refused("a: !!null x\n", 0, NULL, PL_EINVALID, 1, 4, "mismatched", "!!null on x");
    yaml_refused("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", 0, NULL, PL_EINVALID, 3, 4,
                 "tag:example.com", "a tag from a %TAG directive");
    yaml_refused("!foo k: v\n", 0, NULL, PL_EINVALID, 1, 1, "tag '!foo'", "a local tag on a key");
    yaml_refused("{!!binary aGk=: v}\n", 0, NULL, PL_EINVALID, 1, 2, "binary", "!!binary on a key");
    pl_doc *doc = yaml("!!str 12: v\n");
    is_str(doc ? pl_value_path_str(doc->root, "12") : NULL, "v", "!!str on a key is fine");
    pl_doc_free(doc);
    doc = yaml("a: !!map {k: 1}\nb: !!seq [1]\n");
    ok(doc != NULL, "!!map and !!seq on collections are fine");
    pl_doc_free(doc);
}

static void test_documents(void)
{
    yaml_refused("a: 1\n---\nb: 2\n", 0, NULL, PL_EINVALID, 2, 1, "second",
                 "two documents refused");
    yaml_refused("---\na: 1\n...\n---\nb: 2\n", 0, NULL, PL_EINVALID, 4, 1, "second",
                 "two explicit documents refused");
    pl_doc *doc = yaml("---\na: 1\n...\n");
    ok(doc && pl_map_get(doc->root, "a"), "one explicit document is fine");
    ok(doc && !doc->is_markdown, "a YAML document is not markdown");
    pl_doc_free(doc);
    doc = yaml("\xEF\xBB\xBF"
               "a: 1\n");
    ok(doc && doc->has_bom && pl_map_get(doc->root, "a"), "a YAML document with a BOM");
    pl_doc_free(doc);

    yaml_refused("a: [1, 2\n", 0, NULL, PL_EINVALID, 2, 1, "invalid YAML",
                 "unclosed flow sequence");
    md_refused("---\ntitle: x\n  bad: indent\n---\n", 0, NULL, PL_EINVALID, 3, 6, "invalid YAML",
               "syntax error at its file line");
    yaml_refused("? [a, b]\n: c\n", 0, NULL, PL_EINVALID, 0, 0, "must be a scalar",
                 "a collection as a key");
    yaml_refused("a: 'open\n", 0, NULL, PL_EINVALID, 0, 0, "invalid YAML", "unclosed quote");
    yaml_refused("a: b: c\n", 0, NULL, PL_EINVALID, 1, 5, "invalid YAML", "a: b: c");
    yaml_refused("\ta: 1\n", 0, NULL, PL_EINVALID, 0, 0, "invalid YAML", "tab indentation");

    ok(pl_path_is_yaml_doc("a.yaml") && pl_path_is_yaml_doc("dir/a.yml") &&
           pl_path_is_yaml_doc("a.json"),
       ".yaml, .yml and .json are whole YAML documents");
    ok(!pl_path_is_yaml_doc("a.md") && !pl_path_is_yaml_doc("yaml") &&
           !pl_path_is_yaml_doc("a.yaml.md"),
       "other paths are not");
}

int main(void)
{
    test_front_matter();
    test_scalars();
    test_positions();
    test_duplicates();
    test_aliases();
    test_limits();
    test_bytes();
    test_tags();
    test_documents();
    return done_testing();
}
