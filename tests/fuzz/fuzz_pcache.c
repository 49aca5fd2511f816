/*
 * fuzz_pcache.c - libFuzzer target: arbitrary bytes as the payload of a
 * record of the cache of judged pilots, framed with a checksum that checks
 * out, so the bytes reach the decoder (pilot_cache.c) instead of being
 * refused by the framing. Whatever it makes of them must be a pilot that
 * frees cleanly, or nothing.
 */
#include "pilot_cache.h"

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
    if (!path[0]) snprintf(path, sizeof(path), "/tmp/fuzz-pcache-%ld.cache", (long)getpid());
    /* written by the cache itself, so the header is always the current one */
    unlink(path);
    pl_buf rec = PL_BUF_INIT;
    pl_cache_put_record(&rec, data, size);
    pl_pcache *w = pl_pcache_load(path, 1);
    pl_pcache_begin(w, 1);
    pl_pcache_flush(w, &rec);
    pl_pcache_end(w, true);
    pl_pcache_free(w);
    pl_buf_free(&rec);

    /* the record's key: blob id, then the path */
    pl_cursor cur = {data, data + size, true};
    size_t key_len;
    const char *key = pl_cursor_str(&cur, &key_len);
    pl_pcache *c = pl_pcache_load(path, 1);
    if (key && key_len > GIT_OID_RAWSZ && strlen(key + GIT_OID_RAWSZ) == key_len - GIT_OID_RAWSZ) {
        git_oid blob;
        memcpy(blob.id, key, GIT_OID_RAWSZ);
        pl_pilot *p = pl_pcache_get(c, &blob, key + GIT_OID_RAWSZ);
        if (p && p->doc) {
            size_t len;
            (void)pl_doc_body(p->doc, &len);
        }
        pl_pilot_free(p);
    }
    pl_pcache_free(c);
    return 0;
}
