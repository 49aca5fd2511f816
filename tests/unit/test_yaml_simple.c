/*
 * test_yaml_simple.c - the simple-shape parser against libyaml's: what it
 * accepts it parses into the same tree (positions included), and
 * what it cannot vouch for it declines.
 */
#include "tap.h"
#include "yaml_simple.h"

#include <stdio.h>
#include <stdlib.h>

/* Documents of the simple shape: each must be accepted. */
static const char *const simple[] = {
    "title: Automated accessibility testing in Göteborg, wave 3\n"
    "kind: poc\n"
    "stage: decided\n"
    "decision_owner: Lars Park          # Head of Procurement\n"
    "budget:\n"
    "  pilot: 17000\n"
    "  production: 85000\n"
    "  currency: EUR\n"
    "start: 2024-06-02\n"
    "users: {target: 30, active: 31}\n"
    "success_criteria:\n"
    "  - id: defects\n"
    "    metric: Defects found after release per sprint\n"
    "    baseline: 11\n"
    "    target: \"<= 5\"\n"
    "    actual: 7\n"
    "  - id: training\n"
    "    target: '<= 2.1h'\n"
    "    actual: 1.3h\n"
    "decision:\n"
    "  outcome: go\n"
    "  rationale: All criteria met, with a margin (see [the report](x)).\n"
    "tags: [engineering, quality, goteborg]\n"
    "links:\n"
    "  - title: Pilot dashboard\n"
    "    url: https://bi.northwind.example/dashboards/833\n",
    /* types by the core schema */
    "a: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.5e3\nf: .inf\ng: -.Inf\nh: .nan\ni: true\nj: False\n"
    "k: null\nl: ~\nm:\nn: 99999999999999999999\no: +12\np: 1_000\nq: yes\n",
    /* empty values, comments and blank lines anywhere */
    "# a comment first\n\na:\nb:   # nothing\nc: x # trailing\n  # indented comment\n\nd: y\n",
    /* a sequence at its key's indentation, and a nested one */
    "list:\n- a\n- b\nnext:\n  inner:\n  - 1\n  - 2\n  after: z\n",
    /* maps in sequences in maps, entries spaced out */
    "s:\n  -   id: one\n      v: 1\n  - id: two\n    deep:\n      x: [1, 'two', \"three\"]\n",
    /* flow collections */
    "e: []\nf: {}\ng: [ a , b c ,-1 ]\nh: {k: v, l: 'w x', m: \"y\"}\n",
    /* quoted scalars keep what plain ones would resolve */
    "a: \"1\"\nb: 'true'\nc: \"\"\nd: ''\ne: \"a # not a comment\"\n",
    /* plain scalars with colons, hashes and brackets inside */
    "url: http://x.example/a#b\nt: 10:30\nr: a [b] {c}, d\nq: it's \"fine\"\n",
    /* keys with digits, dashes and underscores; non-ASCII text */
    "_k: 1\nk-2: 2\nk_3: café → €\n",
    /* no final newline; blocks ended by a last line of spaces or a comment */
    "a: b",
    "a:\n  - id: x\n    v: 1\n   ",
    "a:\n  b:\n    c: 1\n  # end",
    "x:\n    a:\n    - y\n   ",
};

/* Documents the simple parser must leave to libyaml, valid or not. */
static const char *const declined[] = {
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "plain text\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  block\n",
    "a: >\n  folded\n",
    "a: \"esc\\\"aped\"\n",
    "a: 'it''s'\n",
    "a: multi\n  line\n",
    "a: \"multi\n  line\"\n",
    "a: [1,\n  2]\n",
    "a: [[1], 2]\n",
    "a: {b: {c: 1}}\n",
    "a:\tb\n",
    "a: b\r\n",
    "a: 1\na: 2\n",
    "a: b: c\n",
    "a: b:\n",
    "\"a\": 1\n",
    "a b: 1\n",
    "? a\n: b\n",
    "a:\n  - - nested\n",
    "a:\n  -\n    b: 1\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "a: 1\n  b: 2\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "a: - b\n",
    "a: @b\n",
    "a: `b\n",
    "a: %b\n",
    "a: [a, ]\n",
    "a: [a, , b]\n",
    "a: {b: }\n",
    "a: [a]x\n",
    "a: 'x'y\n",
    "a: x\xc2\x85y\n",     /* NEL, a line break to libyaml */
    "a: x\xe2\x80\xa8y\n", /* LINE SEPARATOR */
    "a: \xef\xbb\xbfx\n",  /* a byte order mark */
    "a: x\x7f\n",
    "a: x\xff\n",
    " a: 1\n",
};

static bool same_as_libyaml(const char *text, bool *accepted)
{
    pl_arena arena = PL_ARENA_INIT;
    pl_value *fast = NULL, *full = NULL;
    pl_error err;
    size_t len = strlen(text);
    *accepted = pl_yaml_simple_parse(&fast, &arena, text, len, 3, NULL);
    bool same = true;
    if (*accepted)
        same = pl_yaml_parse_libyaml(&full, &arena, text, len, 3, NULL, &err) == 0 &&
               pl_value_same(fast, full, true);
    else
        same = fast == NULL;
    pl_arena_free(&arena);
    return same;
}

int main(void)
{
    for (size_t i = 0; i < sizeof(simple) / sizeof(*simple); i++) {
        bool accepted;
        bool same = same_as_libyaml(simple[i], &accepted);
        ok(accepted, "simple document %zu is accepted", i);
        ok(same, "simple document %zu parses as libyaml parses it", i);
    }
    for (size_t i = 0; i < sizeof(declined) / sizeof(*declined); i++) {
        bool accepted;
        bool same = same_as_libyaml(declined[i], &accepted);
        ok(!accepted && same, "document %zu is left to libyaml", i);
    }

    /* keys longer than libyaml takes an implicit key to be (1,024
     * characters) are its to refuse, in a block, a list or a flow map */
    const char *long_key[] = {"a: 1\n%s: 2\n", "a:\n  - %s: 2\n", "a: {%s: 2}\n", "%s: 1\n"};
    char key[1101], doc[1200];
    memset(key, 'k', sizeof(key) - 1);
    key[sizeof(key) - 1] = '\0';
    for (size_t i = 0; i < sizeof(long_key) / sizeof(*long_key); i++) {
        bool accepted;
        snprintf(doc, sizeof(doc), long_key[i], key);
        bool same = same_as_libyaml(doc, &accepted);
        ok(!accepted && same, "a 1,100-character key (form %zu) is left to libyaml", i);
    }
    key[1000] = '\0';
    snprintf(doc, sizeof(doc), "a: 1\n%s: 2\n", key);
    {
        bool accepted;
        bool same = same_as_libyaml(doc, &accepted);
        ok(accepted && same, "a 1,000-character key is read as libyaml reads it");
    }

    /* limits: nesting past the depth limit is declined */
    pl_limits lim = *pl_limits_default();
    lim.max_depth = 2;
    pl_arena arena = PL_ARENA_INIT;
    pl_value *v;
    const char *deep = "a:\n  b:\n    c: 1\n";
    ok(!pl_yaml_simple_parse(&v, &arena, deep, strlen(deep), 0, &lim),
       "a document deeper than the limit is declined");
    lim.max_depth = 3;
    ok(pl_yaml_simple_parse(&v, &arena, deep, strlen(deep), 0, &lim),
       "one at the limit is accepted");
    lim.max_nodes = 4;
    ok(!pl_yaml_simple_parse(&v, &arena, deep, strlen(deep), 0, &lim),
       "a document over the node limit is declined");
    pl_arena_free(&arena);
    return done_testing();
}
