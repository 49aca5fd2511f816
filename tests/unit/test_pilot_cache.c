/*
 * test_pilot_cache.c - the cache of judged pilots (pilot_cache.c): what
 * comes out of the cache is the pilot that went in, node for node and
 * problem for problem; a cache of another context, a damaged file or a
 * truncated one never gives anything else; used records survive a rewrite
 * and unused ones do not.
 */
#include "tap.h"

#include "config.h"
#include "pilot_cache.h"

#include <stdlib.h>
#include <unistd.h>

static const char *const texts[] = {
    /* every kind of node, aliases, block scalars, flow collections */
    "---\n"
    "id: crm-assistant\n"
    "title: \"CRM \\\"assistant\\\": pilot \\u00e9\"\n"
    "stage: running\n"
    "owner: Dana Petersen\n"
    "decision_owner: &who Sam Okafor\n"
    "budget_owner: *who\n"
    "budget: {amount: 12000, currency: EUR, approved: true, spent: 1234.5, note: null}\n"
    "tags: [sales, ai, 'quoted']\n"
    "summary: >\n"
    "  Folded text, written\n"
    "  on two lines.\n"
    "notes: |\n"
    "  kept as written\n"
    "\n"
    "  with a blank line\n"
    "start: 2026-01-05\n"
    "end: 2026-03-30\n"
    "success_criteria:\n"
    "  - id: adoption\n"
    "    metric: weekly active users\n"
    "    target: \">= 30\"\n"
    "    actual: 12\n"
    "  - &c2\n"
    "    id: time\n"
    "    target: \"<= 5min\"\n"
    "empty_map: {}\n"
    "empty_seq: []\n"
    "---\n"
    "# Body\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n",
    /* a syntax error: no document, one problem */
    "---\n"
    "id: broken\n"
    "title: [unclosed\n"
    "---\n"
    "body\n",
    /* schema problems, CRLF and a BOM */
    "\xEF\xBB\xBF---\r\n"
    "id: odd\r\n"
    "stage: nowhere\r\n"
    "budget: lots\r\n"
    "---\r\n"
    "text\r\n",
};

static bool same_pilot(const pl_pilot *a, const pl_pilot *b)
{
    if (!a || !b || strcmp(a->path, b->path) != 0 || (a->id == NULL) != (b->id == NULL) ||
        (a->id && strcmp(a->id, b->id) != 0) || (a->doc == NULL) != (b->doc == NULL) ||
        a->diags.len != b->diags.len)
        return false;
    if (a->doc) {
        const pl_doc *x = a->doc, *y = b->doc;
        if (x->len != y->len || memcmp(x->text, y->text, x->len) != 0 || y->text[y->len] ||
            x->fm_start != y->fm_start || x->fm_end != y->fm_end ||
            x->body_start != y->body_start || x->body_line != y->body_line ||
            x->has_bom != y->has_bom || x->crlf != y->crlf || x->is_markdown != y->is_markdown ||
            strcmp(x->path, y->path) != 0 || !pl_value_same(x->root, y->root, true))
            return false;
    }
    for (size_t i = 0; i < a->diags.len; i++) {
        const pl_diag *x = &a->diags.items[i], *y = &b->diags.items[i];
        if (x->severity != y->severity || x->line != y->line || x->col != y->col ||
            strcmp(x->pointer, y->pointer) || strcmp(x->rule, y->rule) ||
            strcmp(x->message, y->message))
            return false;
    }
    return true;
}

#define N PL_ARRAY_SIZE(texts)

static pl_pilot *pilots[N];
static git_oid ids[N];
static char paths[N][64];

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
}

/* Every pilot the cache gives for file is the one that went in. */
static bool never_wrong(const char *file, uint64_t context, size_t *hits)
{
    pl_pcache *c = pl_pcache_load(file, context);
    bool good = true;
    for (size_t i = 0; i < N; i++) {
        pl_pilot *got = pl_pcache_get(c, &ids[i], paths[i]);
        if (got) {
            ++*hits;
            good = good && same_pilot(pilots[i], got);
        }
        pl_pilot_free(got);
    }
    pl_pcache_free(c);
    return good;
}

int main(void)
{
    pl_rules *rules = NULL;
    pl_error err;
    git_libgit2_init();
    ok(pl_rules_load(&rules, NULL, NULL, NULL, &err) == 0, "the built-in rules load");
    char dir[] = "/tmp/pl-pcache-XXXXXX";
    ok(mkdtemp(dir) != NULL, "a scratch folder");
    char file[128];
    snprintf(file, sizeof(file), "%s/pilots.cache", dir);

    pl_pcache *c = pl_pcache_load(file, 42);
    pl_buf scratch = PL_BUF_INIT, rec = PL_BUF_INIT;
    pl_pcache_begin(c, N);
    for (size_t i = 0; i < N; i++) {
        snprintf(paths[i], sizeof(paths[i]), "pilots/p%zu.md", i);
        pilots[i] = pl_pilot_parse(paths[i], texts[i], strlen(texts[i]), rules, 20000, false);
        git_odb_hash(&ids[i], texts[i], strlen(texts[i]), GIT_OBJECT_BLOB);
        ok(pl_pcache_encode(&rec, &ids[i], pilots[i]) && rec.len > 0, "pilot %zu is encoded", i);
        pl_pcache_note(c, &ids[i], pilots[i], false, &scratch);
    }
    pl_pcache_flush(c, &scratch);
    ok(scratch.len == 0, "a flush empties the thread's buffer");
    pl_pcache_end(c, true);
    ok(pilots[0]->doc && pilots[0]->doc->root->weight > 30, "the rich pilot has a large tree");
    ok(!pilots[1]->doc && pilots[1]->diags.len == 1, "the broken pilot has only its error");
    ok(pilots[2]->doc && pilots[2]->doc->crlf && pilots[2]->doc->has_bom &&
           pl_pilot_errors(pilots[2]) >= 2,
       "the odd pilot has CRLF, a BOM and schema errors");
    pl_pcache_free(c);

    c = pl_pcache_load(file, 42);
    for (size_t i = 0; i < N; i++) {
        pl_pilot *got = pl_pcache_get(c, &ids[i], paths[i]);
        ok(same_pilot(pilots[i], got), "pilot %zu comes back as it went in", i);
        pl_pilot_free(got);
        got = pl_pcache_get(c, &ids[i], "pilots/other.md");
        ok(got == NULL, "pilot %zu is not found under another path", i);
        pl_pilot_free(got);
    }
    pl_pcache_free(c);

    c = pl_pcache_load(file, 43);
    pl_pilot *other = pl_pcache_get(c, &ids[0], paths[0]);
    ok(other == NULL, "a cache of another context is empty");
    pl_pilot_free(other);
    pl_pcache_free(c);

    /* damage: every byte flipped, every length cut */
    char *data, *data2;
    size_t len, len2;
    ok(pl_read_file(&data, &len, file, 1 << 20, NULL) == 0, "the cache file is read back");
    char damaged[160];
    snprintf(damaged, sizeof(damaged), "%s/damaged.cache", dir);
    bool flips_good = true, cuts_good = true;
    size_t flip_hits = 0, cut_hits = 0;
    for (size_t i = 0; i < len; i++) {
        data[i] ^= 0x20;
        write_bytes(damaged, data, len);
        data[i] ^= 0x20;
        flips_good = flips_good && never_wrong(damaged, 42, &flip_hits);
    }
    for (size_t n = 0; n < len; n++) {
        write_bytes(damaged, data, n);
        cuts_good = cuts_good && never_wrong(damaged, 42, &cut_hits);
    }
    ok(flips_good, "no flipped byte gives a different pilot (%zu hits of %zu)", flip_hits, len * N);
    ok(flip_hits > 0 && flip_hits < len * N, "flips inside a record lose only that record");
    ok(cuts_good, "no truncation gives a different pilot (%zu hits)", cut_hits);
    ok(cut_hits > 0, "a truncation keeps the whole records before it");

    /* a file that is sound and of use grows by appending; one that is not
     * is rewritten with the records still used */
    write_bytes(file, data, len - 10); /* the last record torn: unsound */
    size_t hits = 0;
    ok(never_wrong(file, 42, &hits) && hits == 2, "a torn file keeps the records before the tear");
    c = pl_pcache_load(file, 42);
    pl_pcache_begin(c, N);
    pl_pcache_note(c, &ids[0], pilots[0], true, &scratch);  /* used */
    pl_pcache_note(c, &ids[2], pilots[2], false, &scratch); /* new */
    pl_pcache_flush(c, &scratch);
    pl_pcache_end(c, true);
    pl_pcache_free(c);
    hits = 0;
    ok(never_wrong(file, 42, &hits) && hits == 2,
       "the rewrite keeps the used record and the new one");
    pl_pilot *gone = NULL;
    c = pl_pcache_load(file, 42);
    gone = pl_pcache_get(c, &ids[1], paths[1]);
    ok(gone == NULL, "and drops the unused one");
    pl_pilot_free(gone);
    pl_pcache_begin(c, N);
    pl_pcache_note(c, &ids[0], pilots[0], true, &scratch);
    pl_pcache_note(c, &ids[1], pilots[1], false, &scratch);
    pl_pcache_flush(c, &scratch);
    pl_pcache_end(c, true);
    pl_pcache_free(c);
    hits = 0;
    ok(never_wrong(file, 42, &hits) && hits == 3, "an append adds to what was there");
    c = pl_pcache_load(file, 42);
    pl_pcache_begin(c, N);
    pl_pcache_note(c, &ids[0], pilots[0], false, &scratch);
    pl_pcache_flush(c, &scratch);
    pl_pcache_end(c, false); /* the load failed */
    pl_pcache_free(c);
    ok(pl_read_file(&data2, &len2, file, 1 << 20, NULL) == 0 && len2 > len,
       "records written before a failed load stay (they are sound)");
    free(data2);
    pl_buf_free(&scratch);

    pl_pilot *link = pl_pilot_symlink("pilots/link.md");
    ok(!pl_pcache_encode(&rec, &ids[0], link) && rec.len == 0,
       "a file that could not be read is not cached");
    pl_pilot_free(link);
    pl_buf_free(&rec);

    free(data);
    for (size_t i = 0; i < N; i++) pl_pilot_free(pilots[i]);
    pl_rules_free(rules);
    unlink(file);
    unlink(damaged);
    rmdir(dir);
    git_libgit2_shutdown();
    return done_testing();
}
