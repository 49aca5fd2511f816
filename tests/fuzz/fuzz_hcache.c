/*
 * fuzz_hcache.c - libFuzzer target: arbitrary bytes as the payload of a
 * record of the history cache, framed with a checksum that checks out, so
 * the bytes reach the record checks (history_cache.c) instead of being
 * refused by the framing. A record that passes them is decoded and its
 * events used the way the history's readers use them.
 */
#include "history_cache.h"

#include "cache_file.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) snprintf(path, sizeof(path), "/tmp/fuzz-hcache-%ld.cache", (long)getpid());
    /* the header as the cache writes it */
    pl_buf file = PL_BUF_INIT;
    pl_cache_header(&file, PL_HCACHE_MAGIC, PL_HCACHE_FORMAT);
    pl_cache_put_record(&file, data, size);
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(file.ptr, 1, file.len, f);
    fclose(f);
    pl_buf_free(&file);

    pl_hcache *c = pl_hcache_load(path);
    git_oid id;
    memset(&id, 0, sizeof(id));
    if (size >= GIT_OID_RAWSZ) memcpy(id.id, data, GIT_OID_RAWSZ);
    const pl_hrecord *r = pl_hcache_get(c, &id);
    if (r) {
        size_t total = strlen(r->author) + strlen(r->email) + strlen(r->subject);
        for (uint32_t i = 0; i < r->nparents; i++) total += r->parents[i * GIT_OID_RAWSZ];
        pl_event *ev = calloc(r->nevents ? r->nevents : 1, sizeof(*ev));
        pl_hcache_events(r, 0, ev);
        for (uint32_t i = 0; i < r->nevents; i++) {
            total += strlen(ev[i].id_then);
            if (ev[i].kind == PL_EV_FIELD) total += strlen(ev[i].field);
            if (ev[i].kind == PL_EV_RENAMED)
                total += strlen(ev[i].old_value) + strlen(ev[i].new_value);
        }
        free(ev);
        if (total == (size_t)-1) abort(); /* keeps the reads */
    }
    pl_hcache_free(c);
    return 0;
}
