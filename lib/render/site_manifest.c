/*
 * site_manifest.c - what each pilot's page and pilots.json entry were made
 * from, kept in the site (.pilotlog-manifest) so that a rebuild reuses
 * what did not change instead of rendering it again.
 *
 * A pilot's inputs are hashed: the pilot file, its problems and flags,
 * every event of its history with its commit, the rules, the day, the
 * site's title and the renderer itself. When the previous site recorded
 * the same inputs, its page is linked and its pilots.json entry copied,
 * each only if its bytes are still what the manifest says (known from
 * the file's stamp, or else read back and hashed): a tampered or truncated
 * old site is rendered anew, never carried over.
 *
 * The file: a header line, then one line per pilot,
 *   ID INPUTS PAGE-HASH ENTRY-HASH ENTRY-OFFSET ENTRY-LENGTH
 * with hashes in hex and the entry's place in the old pilots.json.
 */
#include "render/site_int.h"

#include "cache_file.h"
#include "doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#define MANIFEST_HEADER "pilotlog-manifest 1\n"
#define MAX_REUSED      (8u << 20) /* a larger page or entry is rendered */

/* ---- inputs --------------------------------------------------------------- */

/* The inputs are written into one buffer and hashed once (hashing each
 * string apart cost more than everything else in a rebuild). Strings go
 * in as the caches write them, length first, so that no two different
 * inputs read alike; numbers are of fixed width. */
static void put_int(pl_buf *b, long long v)
{
    pl_buf_put(b, &v, sizeof(v));
}

/* An event is known by its commit's record hash (the commit and all its
 * events, history.h) and its place among them. Its pilot, the one id a
 * later rename can change, is the page's own: site_events lists the
 * events by it, and the id is hashed already. */
static void put_event(pl_buf *b, const pl_history *h, const pl_event *e)
{
    put_int(b, (long long)h->commits[e->commit].record_hash);
    put_int(b, e->seq);
}

uint64_t site_pilot_inputs(const site_ctx *c, size_t index, pl_buf *scratch)
{
    const pl_pilot *p = c->pilots->items[index];
    pl_buf *b = scratch;
    pl_buf_clear(b);
    put_int(b, (long long)c->opts->renderer_id);
    pl_cache_put_str(b, PILOTLOG_VERSION);
    pl_cache_put_str(b, c->title);
    pl_cache_put_str(b, c->opts->base_url);
    pl_cache_put_str(b, c->today_s);
    pl_cache_put_str(b, c->pilot_note);
    put_int(b, (long long)c->rules->fingerprint);
    put_int(b, c->history != NULL);
    put_int(b, c->history && c->history->truncated);
    put_int(b, c->pf.flags[index]);
    pl_cache_put_str(b, p->id);
    pl_cache_put_str(b, p->path);
    pl_cache_put_str(b, p->origin);
    if (p->doc)
        pl_cache_put_strn(b, p->doc->text, p->doc->len);
    else
        pl_cache_put_str(b, NULL);
    for (size_t i = 0; i < p->diags.len; i++) {
        const pl_diag *d = &p->diags.items[i];
        put_int(b, d->severity);
        put_int(b, d->line);
        put_int(b, d->col);
        pl_cache_put_str(b, d->pointer);
        pl_cache_put_str(b, d->rule);
        pl_cache_put_str(b, d->message);
    }
    if (c->history) {
        const event_list *ev = site_events(c, p->id);
        for (size_t i = 0; i < ev->len; i++) put_event(b, c->history, ev->items[i]);
    }
    return pl_hash_bytes(b->ptr, b->len);
}

/* ---- stamps ----------------------------------------------------------------------- */

/* A file pilotlog wrote carries a stamp in an extended attribute: the
 * hash of its bytes, and its size and modification time right after they
 * were written. While the file still has that size and time, its bytes
 * are known without reading them, the way git knows a file in its index
 * is unchanged. Links keep the stamp (it belongs to the inode), any write
 * changes the time, and a time in the same clock tick as the manifest's
 * could hide a second write, so such a file is read back and hashed, as
 * is every file on a file system without extended attributes. The stamp
 * is no part of the file's bytes: the site stays byte-identical. */
#define STAMP_XATTR "user.pilotlog.stamp"

typedef struct stamp {
    uint64_t hash, size;
    int64_t mtime_ns;
} stamp;

static int64_t mtime_ns(const struct stat *st)
{
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

void site_stamp(int fd, uint64_t hash)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return;
    stamp s = {hash, (uint64_t)st.st_size, mtime_ns(&st)};
    (void)fsetxattr(fd, STAMP_XATTR, &s, sizeof(s), 0); /* unsupported: files are read back */
}

/* Whether fd (with st) still holds the bytes that hash to hash. */
static bool stamped(const site_manifest *m, int fd, const struct stat *st, uint64_t hash)
{
    stamp s;
    return fgetxattr(fd, STAMP_XATTR, &s, sizeof(s)) == (ssize_t)sizeof(s) && s.hash == hash &&
           s.size == (uint64_t)st->st_size && s.mtime_ns == mtime_ns(st) &&
           s.mtime_ns < m->written_ns;
}

/* ---- the file ------------------------------------------------------------------ */

/* One number after one space: hex or decimal, as site_manifest_text
 * writes them (sscanf took a tenth of a rebuild). */
static bool parse_number(const char **p, const char *end, int base, uint64_t *out)
{
    const char *s = *p;
    if (s >= end || *s != ' ' || ++s == end) return false;
    uint64_t v = 0;
    const char *start = s;
    for (; s < end && s - start < 17; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else
            break;
        if (v > (UINT64_MAX - d) / (uint64_t)base) return false;
        v = v * (uint64_t)base + d;
    }
    if (s == start) return false;
    *out = v;
    *p = s;
    return true;
}

/* A line "ID INPUTS PAGE-HASH ENTRY-HASH ENTRY-OFFSET ENTRY-LENGTH" (without
 * its newline, which is at end). */
static bool parse_line(const char *line, const char *end, size_t *id_len, site_reuse *r)
{
    const char *p = memchr(line, ' ', (size_t)(end - line));
    if (!p || p == line || p - line > 255) return false;
    *id_len = (size_t)(p - line);
    return parse_number(&p, end, 16, &r->inputs) && parse_number(&p, end, 16, &r->page_hash) &&
           parse_number(&p, end, 16, &r->entry_hash) &&
           parse_number(&p, end, 10, &r->entry_offset) &&
           parse_number(&p, end, 10, &r->entry_len) && p == end;
}

void site_manifest_load(site_manifest *m, int old_root, size_t n_pilots, bool reuse)
{
    memset(m, 0, sizeof(*m));
    m->json_fd = -1;
    m->next = pl_calloc(n_pilots ? n_pilots : 1, sizeof(*m->next));
    if (old_root < 0 || !reuse) return;
    int fd = openat(old_root, SITE_MANIFEST, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 &&
              pl_read_fd(&text, &len, fd, SITE_MANIFEST, MAX_REUSED, NULL) == 0 &&
              strncmp(text, MANIFEST_HEADER, strlen(MANIFEST_HEADER)) == 0;
    close(fd);
    if (!ok) {
        free(text);
        return;
    }
    m->written_ns = mtime_ns(&st);
    for (const char *line = text + strlen(MANIFEST_HEADER); *line;) {
        const char *end = strchr(line, '\n');
        if (!end) break;
        site_reuse r;
        size_t id_len;
        if (parse_line(line, end, &id_len, &r)) {
            site_reuse *kept = pl_arena_alloc(&m->arena, sizeof(*kept));
            *kept = r;
            pl_strmap_put(&m->old, pl_arena_strndup(&m->arena, line, id_len), id_len, kept);
        }
        line = end + 1;
    }
    /* pilots.json is stamped with the hash of the manifest written with it */
    m->json_fd = openat(old_root, "pilots.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    m->json_unchanged = m->json_fd >= 0 && fstat(m->json_fd, &st) == 0 && S_ISREG(st.st_mode) &&
                        stamped(m, m->json_fd, &st, pl_hash_bytes(text, len));
    m->json_size = m->json_unchanged ? (uint64_t)st.st_size : 0;
    free(text);
}

const site_reuse *site_manifest_old(const site_manifest *m, const char *id, uint64_t inputs)
{
    const site_reuse *r = id ? pl_strmap_get(&m->old, id, strlen(id)) : NULL;
    return r && r->inputs == inputs ? r : NULL;
}

/* Reads len bytes at off of fd into out; if check, they must hash to want. */
static bool read_at(int fd, uint64_t off, uint64_t len, bool check, uint64_t want, pl_buf *out)
{
    pl_buf_clear(out);
    if (fd < 0 || len > MAX_REUSED) return false;
    pl_buf_grow(out, (size_t)len);
    if (pl_pread_all(fd, out->ptr, (size_t)len, off)) return false;
    out->len = (size_t)len;
    out->ptr[len] = '\0';
    return !check || pl_hash_bytes(out->ptr, out->len) == want;
}

/* Whether dir/name is a regular file holding the bytes that hash to
 * hash: by its stamp, or (scratch not NULL) read back and hashed. */
static bool holds(const site_manifest *m, int dir, const char *name, uint64_t hash, pl_buf *scratch)
{
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
              (stamped(m, fd, &st, hash) ||
               (scratch && read_at(fd, 0, (uint64_t)st.st_size, true, hash, scratch)));
    close(fd);
    return ok;
}

bool site_keep_page(const site_manifest *m, int dir, const char *name, uint64_t hash)
{
    return holds(m, dir, name, hash, NULL);
}

bool site_reuse_page(const site_manifest *m, const site_reuse *r, int old_dir, int dir,
                     const char *name, pl_buf *scratch)
{
    return r && old_dir >= 0 && holds(m, old_dir, name, r->page_hash, scratch) &&
           site_link(old_dir, dir, name) == 0;
}

bool site_reuse_entry(const site_manifest *m, const site_reuse *r, pl_buf *out)
{
    return r && read_at(m->json_fd, r->entry_offset, r->entry_len, !m->json_unchanged,
                        r->entry_hash, out);
}

bool site_entry_copyable(const site_manifest *m, const site_reuse *r)
{
    return r && m->json_unchanged && r->entry_offset <= m->json_size &&
           r->entry_len <= m->json_size - r->entry_offset;
}

void site_manifest_text(const site_manifest *m, const site_ctx *c, pl_buf *text)
{
    pl_buf_puts(text, MANIFEST_HEADER);
    for (size_t i = 0; i < c->pilots->len; i++) {
        const pl_pilot *p = c->pilots->items[i];
        const site_reuse *r = &m->next[i];
        if (!p->id || !pl_id_valid_namespaced(p->id)) continue;
        pl_buf_printf(text, "%s %016llx %016llx %016llx %llu %llu\n", p->id,
                      (unsigned long long)r->inputs, (unsigned long long)r->page_hash,
                      (unsigned long long)r->entry_hash, (unsigned long long)r->entry_offset,
                      (unsigned long long)r->entry_len);
    }
}

void site_manifest_free(site_manifest *m)
{
    if (m->json_fd >= 0) close(m->json_fd);
    pl_strmap_free(&m->old);
    pl_arena_free(&m->arena);
    free(m->next);
    memset(m, 0, sizeof(*m));
    m->json_fd = -1;
}
