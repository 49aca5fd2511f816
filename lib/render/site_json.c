/*
 * site_json.c - pilots.json: everything the site shows, as data (see
 * README "pilots.json").
 */
#include "render/site_int.h"

#include "render/history_json.h"
#include "render/pilot_json.h"

/* Consecutive entries that were consecutive in the previous pilots.json
 * too, and are copied from it in one piece: pilots [first, last), bytes
 * [from, from + len) of the old file. */
typedef struct entry_run {
    size_t first, last;
    uint64_t from, len;
} entry_run;

/* Copies the run and moves its entries' offsets from the old file's to
 * the new one's. */
static void copy_run(pl_json *j, const site_ctx *c, const site_stream *stream, entry_run *r)
{
    if (r->first == r->last) return;
    size_t at = pl_json_raw_passed(j, r->len);
    stream->copy(stream->ctx, c->manifest->json_fd, r->from, r->len);
    for (size_t i = r->first; i < r->last; i++)
        c->manifest->next[i].entry_offset = at + (c->manifest->next[i].entry_offset - r->from);
    r->first = r->last;
}

/* Adds pilot i, whose entry old can be copied, to the run; when it does
 * not follow the run in the old file, the run is copied and a new one
 * starts with it. */
static void extend_run(pl_json *j, const site_ctx *c, const site_stream *stream, entry_run *r,
                       size_t i, const site_reuse *old)
{
    /* compact entries are one comma apart */
    if (r->first == r->last || old->entry_offset != r->from + r->len + 1) {
        copy_run(j, c, stream, r);
        r->first = r->last = i;
        r->from = old->entry_offset;
        r->len = 0;
    }
    r->len = old->entry_offset + old->entry_len - r->from;
    r->last = i + 1;
    site_reuse *next = &c->manifest->next[i];
    next->entry_hash = old->entry_hash;
    next->entry_len = old->entry_len;
    next->entry_offset = old->entry_offset; /* in the old file until copied */
}

void site_json(pl_buf *out, const site_ctx *c, const site_stream *stream)
{
    pl_json j;
    const pl_portfolio *pf = &c->pf;
    const pl_workflow *wf = c->rules->workflow;
    /* data for programs: compact, a third smaller; and the entries copied
     * from the previous site are compact too */
    pl_json_init(&j, out, false);
    if (stream) pl_json_stream(&j, stream->write, stream->ctx);
    pl_json_object_begin(&j);
    pl_json_kstr(&j, "generator", "pilotlog " PILOTLOG_VERSION);
    pl_json_kstr(&j, "title", c->title);
    pl_json_kstr(&j, "today", c->today_s);
    pl_json_kstr(&j, "revision", c->opts->revision);
    pl_json_kbool(&j, "history", c->history != NULL);
    pl_json_kbool(&j, "history_truncated", c->history && c->history->truncated);
    pl_json_key(&j, "summary");
    pl_json_object_begin(&j);
    pl_json_kint(&j, "pilots", (long long)c->pilots->len);
    pl_json_key(&j, "per_stage");
    pl_json_object_begin(&j);
    for (size_t i = 0; i < wf->n_stages; i++)
        pl_json_kint(&j, wf->stages[i].name, (long long)pf->per_stage[i]);
    pl_json_object_end(&j);
    pl_json_kint(&j, "open", (long long)pf->open);
    pl_json_kint(&j, "converted", (long long)pf->converted);
    pl_json_kint(&j, "stopped", (long long)pf->stopped);
    pl_json_kint(&j, "no_go", (long long)pf->no_go);
    pl_json_key(&j, "conversion");
    if (pf->conversion >= 0)
        pl_json_double(&j, (double)(long long)(pf->conversion * 10000 + 0.5) / 10000);
    else
        pl_json_null(&j);
    pl_json_key(&j, "median_days_to_decision");
    if (pf->median_days >= 0)
        pl_json_int(&j, pf->median_days);
    else
        pl_json_null(&j);
    pl_json_key(&j, "flags");
    pl_json_object_begin(&j);
    for (unsigned b = 0; b < PL_FLAG_COUNT; b++)
        pl_json_kint(&j, pl_flag_name(1u << b), (long long)pf->flag_counts[b]);
    pl_json_object_end(&j);
    pl_json_object_end(&j);

    pl_json_key(&j, "pilots");
    pl_json_array_begin(&j);
    pl_buf entry = PL_BUF_INIT;
    entry_run run = {0};
    for (size_t i = 0; i < c->pilots->len; i++) {
        const pl_pilot *p = c->pilots->items[i];
        site_reuse *next = &c->manifest->next[i];
        const site_reuse *old = site_manifest_old(c->manifest, p->id, next->inputs);
        /* a rebuild copies most entries in a few runs, in the kernel */
        if (stream && stream->copy && site_entry_copyable(c->manifest, old)) {
            extend_run(&j, c, stream, &run, i, old);
            continue;
        }
        copy_run(&j, c, stream, &run);
        /* each entry is written on its own, so the next build can copy
         * it from this file when its inputs have not changed */
        bool reused = site_reuse_entry(c->manifest, old, &entry);
        if (!reused) {
            pl_json e;
            pl_buf_clear(&entry);
            pl_json_init(&e, &entry, false);
            /* the pilot object, then its history as a sibling list */
            pl_json_object_begin(&e);
            pl_json_key(&e, "pilot");
            pl_render_pilot_json(&e, p, c->pf.flags[i], true);
            pl_json_key(&e, "history");
            pl_json_array_begin(&e);
            if (c->history && p->id) {
                const event_list *ev = site_events(c, p->id);
                for (size_t k = 0; k < ev->len; k++)
                    pl_render_event_json(&e, c->history, ev->items[k]);
            }
            pl_json_array_end(&e);
            pl_json_object_end(&e);
        }
        next->entry_hash = reused ? old->entry_hash : pl_hash_bytes(entry.ptr, entry.len);
        next->entry_len = entry.len;
        next->entry_offset = pl_json_raw(&j, entry.ptr, entry.len);
    }
    copy_run(&j, c, stream, &run);
    pl_buf_free(&entry);
    pl_json_array_end(&j);
    pl_json_key(&j, "decisions");
    pl_json_array_begin(&j);
    for (size_t i = 0; c->history && i < c->decisions.len; i++)
        pl_render_event_json(&j, c->history, c->decisions.items[i]);
    pl_json_array_end(&j);
    pl_json_object_end(&j);
    pl_buf_putc(out, '\n');
    pl_json_finish(&j);
}
