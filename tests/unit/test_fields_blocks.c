/*
 * test_fields_blocks.c - the incremental flattening the history walk uses
 * (fields_blocks.c) against parsing the whole front matter: a realistic
 * pilot's front matter goes through thousands of random line edits,
 * including ones meant to tie blocks together (unclosed quotes and flow
 * lists, anchors, block scalars, indentation, duplicate and odd keys).
 * Whenever the shortcut answers, the whole parse must agree field for
 * field; the shortcut must answer for most ordinary edits.
 */
#include "tap.h"

#include "fields.h"
#include "parse_yaml.h"

#include <stdint.h>
#include <stdlib.h>

static const char *const start_text = "id: crm-assistant\n"
                                      "title: \"CRM assistant: pilot\"\n"
                                      "stage: running\n"
                                      "owner: Dana Petersen\n"
                                      "# who decides\n"
                                      "decision_owner: Sam Okafor\n"
                                      "budget: {amount: 12000, currency: EUR}\n"
                                      "users: {target: 40, active: 12}\n"
                                      "tags: [sales, ai]\n"
                                      "summary: >\n"
                                      "  Agents draft replies\n"
                                      "  from the CRM.\n"
                                      "notes: |\n"
                                      "  line one\n"
                                      "\n"
                                      "  line three\n"
                                      "success_criteria:\n"
                                      "  - id: adoption\n"
                                      "    metric: weekly active users\n"
                                      "    target: \">= 30\"\n"
                                      "    actual: 12\n"
                                      "  - id: time\n"
                                      "    metric: handling time\n"
                                      "    target: \"<= 5min\"\n"
                                      "    # measured weekly\n"
                                      "    actual: 6.5min\n"
                                      "risks:\n"
                                      "  - Data protection review pending\n"
                                      "  - Vendor lock-in\n"
                                      "long: a plain scalar\n"
                                      "  that goes on\n"
                                      "decision_deadline: 2026-03-01\n";

/* Lines the edits draw from: ordinary ones and troublemakers. */
static const char *const pool[] = {
    "stage: evaluating",
    "stage: decided",
    "    actual: 31",
    "    actual: null",
    "    notes: Survey sent.",
    "  - id: cost",
    "    metric: cost per case",
    "decision:",
    "  outcome: go",
    "  date: 2026-03-02",
    "users: {target: 40, active: 33}",
    "users: {target: 40,",
    "  active: 7}",
    "tags: [sales,",
    "  ai]",
    "title: \"unterminated",
    "  closes\"",
    "title: 'single'",
    "summary: |",
    "  kept text",
    "# a comment",
    "",
    "   ",
    "new_key: value",
    "new_key: other",
    "key.with.dots: 1",
    "\"quoted key\": 1",
    "? complex",
    ": value",
    "---",
    "...",
    "%YAML 1.2",
    "url:http://example.org",
    "anchor: &a {x: 1}",
    "alias: *a",
    "- stray item",
    "\tstage: tabbed",
    "continued words",
    "  indented: 1",
    "0numeric: 1",
    "long: again",
    "risks: []",
    "risks: {}",
    "notes: |+",
    "x: [1, 2,",
    "  3]",
    "closer: ends\"",
    "closer: 3]",
    "closer: 4}",
    "anchor: &a {x: 1}",
    "alias: *a",
};

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static size_t pick(size_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % n);
}

typedef struct lines {
    char *items[256];
    size_t len;
} lines;

static void lines_from(lines *l, const char *text)
{
    l->len = 0;
    for (const char *p = text; *p && l->len < 256;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        l->items[l->len++] = pl_strndup(p, n);
        p += n + (nl ? 1 : 0);
    }
}

static char *lines_text(const lines *l, bool final_newline)
{
    pl_buf b = PL_BUF_INIT;
    for (size_t i = 0; i < l->len; i++) {
        pl_buf_puts(&b, l->items[i]);
        if (i + 1 < l->len || final_newline) pl_buf_putc(&b, '\n');
    }
    return pl_buf_detach(&b);
}

static void lines_free(lines *l)
{
    for (size_t i = 0; i < l->len; i++) free(l->items[i]);
    l->len = 0;
}

/* One random edit: change, insert, delete or duplicate a line. */
static void edit(lines *l)
{
    size_t at = l->len ? pick(l->len) : 0;
    switch (pick(l->len > 4 ? 4 : 2)) {
    case 0: { /* change the value after the colon, or the whole line */
        const char *line = l->items[at];
        const char *colon = strchr(line, ':');
        pl_buf b = PL_BUF_INIT;
        if (colon && pick(3)) {
            static const char *const values[] = {
                "1",    "two", "\"3\"", "[a, b]",     "{k: v}", "null",   "\"open",
                "x: y", "|",   "'q'",   "2026-01-01", "",       "# note", "a #b"};
            pl_buf_put(&b, line, (size_t)(colon - line) + 1);
            pl_buf_printf(&b, " %s", values[pick(PL_ARRAY_SIZE(values))]);
        } else {
            pl_buf_puts(&b, pool[pick(PL_ARRAY_SIZE(pool))]);
        }
        free(l->items[at]);
        l->items[at] = pl_buf_detach(&b);
        break;
    }
    case 1: /* insert */
        if (l->len < 255) {
            memmove(&l->items[at + 1], &l->items[at], (l->len - at) * sizeof(char *));
            l->items[at] = pl_strdup(pool[pick(PL_ARRAY_SIZE(pool))]);
            l->len++;
        }
        break;
    case 2: /* delete */
        free(l->items[at]);
        memmove(&l->items[at], &l->items[at + 1], (l->len - at - 1) * sizeof(char *));
        l->len--;
        break;
    default: /* duplicate */
        if (l->len < 255) {
            memmove(&l->items[at + 1], &l->items[at], (l->len - at) * sizeof(char *));
            l->items[at] = pl_strdup(l->items[at + 1]);
            l->len++;
        }
        break;
    }
}

/* The whole parse, as the history walk does it: fields, or false. */
static bool whole(const char *text, pl_fields *f, pl_value **root, pl_arena *arena)
{
    pl_error err;
    if (pl_yaml_parse(root, arena, text, strlen(text), 0, NULL, &err) != 0) return false;
    if ((*root)->type != PL_MAP) return false;
    pl_fields_flatten(f, *root, arena);
    return true;
}

static bool same_fields(const pl_fields *a, const pl_fields *b)
{
    if (a->len != b->len) return false;
    for (size_t i = 0; i < a->len; i++)
        if (strcmp(a->items[i].path, b->items[i].path) != 0 ||
            strcmp(a->items[i].value, b->items[i].value) != 0)
            return false;
    return true;
}

int main(void)
{
    pl_fm_blocks b;
    ok(!pl_fm_blocks_split(&b, "a: &x 1\nb: *x\n", 14), "anchors and aliases: no blocks");
    ok(!pl_fm_blocks_split(&b, "a: 1\na: 2\n", 10), "a duplicate key: no blocks");
    ok(!pl_fm_blocks_split(&b, "a.b: 1\n", 7), "a key with a dot: no blocks");
    ok(!pl_fm_blocks_split(&b, "  a: 1\n", 7), "indented content first: no blocks");
    const char *two = "# c\na: 1\n  more\nb: [x]\n";
    ok(pl_fm_blocks_split(&b, two, strlen(two)) && b.len == 2 && b.items[0].start == 4 &&
           b.items[0].len == 12 && b.items[1].len == 7,
       "two blocks, each with its lines");
    pl_fm_blocks_free(&b);

    /* the shapes that tie blocks together, one by one */
    struct {
        const char *from, *to, *what;
    } cases[] = {
        {"a: &x 1\nb: *x\n", "a: &x 2\nb: *x\n", "an anchor changes under a reused alias"},
        {"a: 1\nb: 2\nc: 3\n", "a: \"x\nb: 2\nc: 3\"\n",
         "a quote opened in one changed block and closed in another"},
        {"a: 1\nb: 2\nc: 3\n", "a: [x,\nb: 2\nc: 3]\n", "a flow list across a reused block"},
        {"a: 1\nb: 2\n", "a: |\n  x\nb: 2", "a block scalar before a reused key"},
        {"a: 1\nb: 2\n", "a: 1\nb: 3", "the last line without its newline"},
        {"a: 1\nb: 2\n", "a: 1\n# note\nb: 2\n", "a comment between keys"},
        /* found by fuzz_fields: lines before the first key belong to no
         * block, and the whole parse refuses them */
        {"a: 1\n", "\t\na: 1\n", "a tab-only line before the first key"},
        {"a: 1\n", "#\x0e\na: 2\n", "a control character in a comment before the first key"},
        {"a: 1\n", "# fine\n\na: 2\n", "a comment and an empty line before the first key"},
    };
    for (size_t i = 0; i < PL_ARRAY_SIZE(cases); i++) {
        pl_arena arena = PL_ARENA_INIT;
        pl_fields fb, fi, ff;
        pl_value *root;
        pl_fm_blocks bb = {NULL, 0}, bv = {NULL, 0};
        bool base_ok = whole(cases[i].from, &fb, &root, &arena) &&
                       pl_fm_blocks_split(&bb, cases[i].from, strlen(cases[i].from)) &&
                       pl_fm_blocks_match(&bb, cases[i].from, root);
        bool inc_ok = base_ok && pl_fm_blocks_split(&bv, cases[i].to, strlen(cases[i].to)) &&
                      pl_fields_flatten_changed(&fi, cases[i].to, &bv, &fb, &bb, &arena);
        bool full_ok = whole(cases[i].to, &ff, &root, &arena);
        ok(!inc_ok || (full_ok && same_fields(&fi, &ff)), "%s: the shortcut refuses or agrees",
           cases[i].what);
        pl_fm_blocks_free(&bb);
        pl_fm_blocks_free(&bv);
        pl_arena_free(&arena);
    }
    {
        pl_arena a = PL_ARENA_INIT;
        pl_value *r;
        pl_fields none;
        ok(whole("{}", &none, &r, &a) && none.len == 0,
           "an empty mapping has no fields (not one without a name)");
        pl_arena_free(&a);
    }
    /* a base whose key lines do not all start entries has no blocks */
    pl_arena arena = PL_ARENA_INIT;
    pl_value *root;
    pl_fields f;
    const char *tied = "a: \"x\nb: y\"\n";
    ok(whole(tied, &f, &root, &arena) && pl_fm_blocks_split(&b, tied, strlen(tied)) &&
           !pl_fm_blocks_match(&b, tied, root),
       "a quoted value spanning a key line: the blocks do not match the parse");
    pl_fm_blocks_free(&b);
    pl_arena_free(&arena);

    int agreed = 0, answered = 0, wrong = 0, pairs = 0;
    for (int round = 0; round < 3000; round++) {
        lines cur;
        lines_from(&cur, start_text);
        pl_arena arena = PL_ARENA_INIT;
        pl_fields base_fields;
        pl_value *root;
        char *base_text = lines_text(&cur, true);
        pl_fm_blocks base_blocks = {NULL, 0};
        bool base_ok = whole(base_text, &base_fields, &root, &arena) &&
                       pl_fm_blocks_split(&base_blocks, base_text, strlen(base_text)) &&
                       pl_fm_blocks_match(&base_blocks, base_text, root);
        for (int step = 0; step < 12 && base_ok; step++) {
            int edits = 1 + (int)pick(3);
            for (int k = 0; k < edits; k++) edit(&cur);
            char *text = lines_text(&cur, pick(8) != 0);
            pairs++;
            pl_fm_blocks blocks;
            pl_fields inc = {NULL, 0}, full = {NULL, 0};
            bool inc_ok =
                pl_fm_blocks_split(&blocks, text, strlen(text)) &&
                pl_fields_flatten_changed(&inc, text, &blocks, &base_fields, &base_blocks, &arena);
            bool full_ok = whole(text, &full, &root, &arena);
            if (inc_ok) {
                answered++;
                if (full_ok && same_fields(&inc, &full)) {
                    agreed++;
                } else if (wrong++ < 3) {
                    printf("# disagreement (whole parse %s) for:\n# from:\n",
                           full_ok ? "ok" : "fails");
                    for (const char *p = base_text; *p; p++)
                        printf("%c%s", *p, *p == '\n' ? "#   " : "");
                    printf("\n# to:\n");
                    for (const char *p = text; *p; p++)
                        printf("%c%s", *p, *p == '\n' ? "#   " : "");
                    printf("\n");
                }
            }
            /* the next edit starts from this version, as the walk does */
            pl_fm_blocks_free(&base_blocks);
            if (inc_ok) {
                base_fields = inc;
                base_blocks = blocks;
            } else {
                if (blocks.items) pl_fm_blocks_free(&blocks);
                base_ok = full_ok && pl_fm_blocks_split(&base_blocks, text, strlen(text)) &&
                          pl_fm_blocks_match(&base_blocks, text, root);
                base_fields = full;
            }
            free(base_text);
            base_text = text;
        }
        pl_fm_blocks_free(&base_blocks);
        free(base_text);
        lines_free(&cur);
        pl_arena_free(&arena);
    }
    ok(wrong == 0, "the shortcut agrees with the whole parse every time it answers (%d of %d)",
       agreed, answered);
    ok(answered > pairs / 4, "and it answers for many of the %d edits (%d)", pairs, answered);
    return done_testing();
}
