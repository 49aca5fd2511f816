/*
 * test_fields.c - flattening front matter into fields and diffing two
 * versions: scalars, nested maps, lists of criteria matched by id, other
 * lists as one value.
 */
#include "tap.h"

#include "doc.h"
#include "fields.h"

#include <stdlib.h>

static pl_doc *parse(const char *yaml)
{
    pl_doc *doc = NULL;
    pl_error err;
    if (pl_doc_parse_yaml(&doc, "t.yaml", yaml, strlen(yaml), NULL, &err))
        printf("# parse error: %s\n", err.message);
    return doc;
}

/* "path: old -> new; ..." for every change between a and b. */
static char *diff(const char *a, const char *b)
{
    pl_doc *da = parse(a), *db = parse(b);
    pl_arena arena = PL_ARENA_INIT;
    pl_fields fa, fb;
    pl_fields_flatten(&fa, da->root, &arena);
    pl_fields_flatten(&fb, db->root, &arena);
    pl_field_change *ch = NULL;
    size_t n = 0, cap = 0;
    pl_fields_diff(&fa, &fb, &ch, &n, &cap);
    pl_buf out = PL_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        pl_buf_printf(&out, "%s%s: %s -> %s", i ? "; " : "", ch[i].path,
                      ch[i].old_value ? ch[i].old_value : "-",
                      ch[i].new_value ? ch[i].new_value : "-");
    free(ch);
    pl_arena_free(&arena);
    pl_doc_free(da);
    pl_doc_free(db);
    return pl_buf_detach(&out);
}

static void check(const char *a, const char *b, const char *want, const char *name)
{
    char *got = diff(a, b);
    is_str(got, want, name);
    free(got);
}

int main(void)
{
    check("a: 1\nb: x\n", "a: 1\nb: x\n", "", "identical documents: no change");
    check("a: 1\n", "a: 2\n", "a: 1 -> 2", "scalar changed");
    check("a: 1\n", "a: 1\nb: yes\n", "b: - -> yes", "field added");
    check("a: 1\nb: 2\n", "a: 1\n", "b: 2 -> -", "field removed");
    check("b: 2\na: 1\n", "a: 1\nb: 2\n", "", "key order is not a change");
    check("a: \"74%\"\n", "a: 74%\n", "", "quoting style is not a change");
    check("d: {outcome: go, by: Ann}\n", "d:\n  outcome: no-go\n  by: Ann\n",
          "d.outcome: go -> no-go", "nested map: dotted path, flow or block alike");
    check("c:\n  - id: x\n    actual: 1\n  - id: y\n    actual: 2\n",
          "c:\n  - id: y\n    actual: 3\n  - id: x\n    actual: 1\n", "c.y.actual: 2 -> 3",
          "criteria matched by id, reordering is not a change");
    check("c:\n  - id: x\n    target: '>= 1'\n",
          "c:\n  - id: x\n    target: '>= 1'\n    actual: 2\n", "c.x.actual: - -> 2",
          "criterion gets an actual");
    check("c:\n  - id: x\n    metric: m\n",
          "c:\n  - id: x\n    metric: m\n  - id: z\n    metric: n\n", "c.z.metric: - -> n",
          "criterion added");
    check("t: [a, b]\n", "t: [b, a]\n", "t: [\"a\",\"b\"] -> [\"b\",\"a\"]",
          "a plain list is one value, order counts");
    check("c:\n  - id: x\n  - id: x\n", "c:\n  - id: x\n",
          "c: [{\"id\":\"x\"},{\"id\":\"x\"}] -> -; c.x: - -> {\"id\":\"x\"}",
          "duplicate ids: the list is compared as one value");
    check("e: {}\n", "e: {k: 1}\n", "e: {} -> -; e.k: - -> 1", "empty map becomes a field");
    check("a: null\n", "a: ~\n", "", "null spellings are equal");

    pl_doc *d = parse("s: running\nu: {target: 100}\n");
    pl_arena arena = PL_ARENA_INIT;
    pl_fields f;
    pl_fields_flatten(&f, d->root, &arena);
    is_str(pl_fields_get(&f, "u.target"), "100", "lookup by path");
    ok(pl_fields_get(&f, "u") == NULL, "a map itself is not a field");
    ok(pl_fields_get(&f, "zzz") == NULL, "missing field is NULL");
    pl_arena_free(&arena);
    pl_doc_free(d);
    return done_testing();
}
