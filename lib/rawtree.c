/*
 * rawtree.c - parsing and comparing raw git tree bytes.
 */
#include "rawtree.h"

#include "pilot.h"

#include <stdlib.h>
#include <string.h>

size_t pl_rawtree_entry(const unsigned char *p, size_t left, pl_rawent *e)
{
    unsigned mode = 0;
    size_t i = 0;
    while (i < left && p[i] >= '0' && p[i] <= '7') mode = mode * 8 + (unsigned)(p[i++] - '0');
    if (i == 0 || i >= left || p[i] != ' ') return 0;
    const unsigned char *name = p + i + 1;
    const unsigned char *nul = memchr(name, 0, left - i - 1);
    if (!nul || nul == name || (size_t)(p + left - nul) < 1 + GIT_OID_RAWSZ) return 0;
    e->mode = mode;
    e->name = (const char *)name;
    e->name_len = (size_t)(nul - name);
    e->oid = nul + 1;
    return (size_t)(nul + 1 + GIT_OID_RAWSZ - p);
}

bool pl_rawtree_find(const unsigned char *data, size_t len, const char *name, size_t name_len,
                     pl_rawent *e)
{
    for (size_t i = 0; i < len;) {
        size_t n = pl_rawtree_entry(data + i, len - i, e);
        if (!n) return false;
        if (e->name_len == name_len && memcmp(e->name, name, name_len) == 0) return true;
        i += n;
    }
    return false;
}

bool pl_rawent_is_tree(const pl_rawent *e)
{
    return (e->mode & 0170000) == 040000;
}

int pl_rawtree_dir(git_odb *odb, const git_oid *root, const char *path, git_oid *out, bool *found,
                   pl_error *err)
{
    git_oid at = *root;
    *found = false;
    for (;;) {
        git_odb_object *obj;
        pl_rawent e;
        size_t len = strcspn(path, "/");
        if (git_odb_read(&obj, odb, &at) < 0) return pl_git_error(err, "reading a tree");
        bool dir =
            git_odb_object_type(obj) == GIT_OBJECT_TREE &&
            pl_rawtree_find(git_odb_object_data(obj), git_odb_object_size(obj), path, len, &e) &&
            pl_rawent_is_tree(&e);
        if (dir) git_oid_fromraw(&at, e.oid);
        git_odb_object_free(obj);
        if (!dir) return 0;
        if (!path[len]) break;
        path += len + 1;
    }
    *out = at;
    *found = true;
    return 0;
}

/* Index of the first byte where a and b differ (or the shorter length). */
static size_t mismatch(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t i = 0;
    /* long identical runs are the common case: let memcmp's vector code
     * skip them a block at a time */
    while (n - i >= 256 && memcmp(a + i, b + i, 256) == 0) i += 256;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return i + (size_t)__builtin_ctzll(x ^ y) / 8;
    }
    while (i < n && a[i] == b[i]) i++;
    return i;
}

int pl_rawent_cmp(const pl_rawent *a, const pl_rawent *b)
{
    size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int c = memcmp(a->name, b->name, n);
    if (c) return c;
    unsigned char ca =
        a->name_len > n ? (unsigned char)a->name[n] : (pl_rawent_is_tree(a) ? '/' : 0);
    unsigned char cb =
        b->name_len > n ? (unsigned char)b->name[n] : (pl_rawent_is_tree(b) ? '/' : 0);
    return (ca > cb) - (ca < cb);
}

static bool pilot_entry(const pl_rawent *e)
{
    return e && (e->mode & 0170000) == 0100000 && pl_pilot_file_name(e->name, e->name_len);
}

static void add(pl_file_changes *out, const pl_rawent *a, const pl_rawent *b)
{
    const pl_rawent *named = b ? b : a;
    if (!named) return;
    pl_grow((void **)&out->items, &out->cap, out->len + 1, sizeof(*out->items));
    pl_file_change *x = &out->items[out->len++];
    memset(x, 0, sizeof(*x));
    x->name = pl_strndup(named->name, named->name_len);
    if (a) git_oid_fromraw(&x->old_id, a->oid);
    if (b) {
        git_oid_fromraw(&x->new_id, b->oid);
        x->new_mode = (git_filemode_t)b->mode;
    }
}

bool pl_rawtree_index(const unsigned char *data, size_t len, pl_rawindex *out)
{
    pl_rawent e;
    out->len = 0;
    for (size_t i = 0; i < len;) {
        size_t n = pl_rawtree_entry(data + i, len - i, &e);
        if (!n) return false;
        pl_grow((void **)&out->off, &out->cap, out->len + 1, sizeof(*out->off));
        out->off[out->len++] = (uint32_t)i;
        i += n;
    }
    return true;
}

void pl_rawindex_free(pl_rawindex *x)
{
    free(x->off);
    memset(x, 0, sizeof(*x));
}

static void push_off(pl_rawindex *x, size_t off)
{
    if (!x) return;
    pl_grow((void **)&x->off, &x->cap, x->len + 1, sizeof(*x->off));
    x->off[x->len++] = (uint32_t)off;
}

/* Index of the last entry of idx starting at or before off. */
static size_t entry_at(const pl_rawindex *idx, size_t off)
{
    size_t lo = 0, hi = idx->len;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (idx->off[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

bool pl_rawtree_diff(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
                     const pl_rawindex *bidx, pl_rawindex *aidx, pl_file_changes *out)
{
    size_t i = 0, j = 0, k = 0; /* k: b's entry at j, when bidx is known */
    pl_rawent ea = {0}, eb = {0};
    if (aidx) aidx->len = 0;
    while (i < alen || j < blen) {
        if (i < alen && j < blen) {
            /* skip the entries both trees share, byte for byte */
            size_t same = mismatch(a + i, b + j, alen - i < blen - j ? alen - i : blen - j);
            if (bidx && bidx->len) {
                /* the entries of b that end within the identical run */
                size_t stop = j + same, last = entry_at(bidx, stop);
                size_t end_last = last + 1 < bidx->len ? bidx->off[last + 1] : blen;
                size_t upto =
                    end_last <= stop ? last + 1 : last; /* first entry not wholly identical */
                for (; k < upto; k++) push_off(aidx, bidx->off[k] - j + i);
                size_t nj = k < bidx->len ? bidx->off[k] : blen;
                i += nj - j, j = nj;
            } else {
                for (;;) {
                    size_t n = pl_rawtree_entry(a + i, alen - i, &ea);
                    if (!n) return false;
                    if (n > same) break;
                    push_off(aidx, i);
                    i += n, j += n, same -= n;
                    if (i == alen || j == blen) break;
                }
            }
            if (i == alen && j == blen) break;
        }
        size_t la = i < alen ? pl_rawtree_entry(a + i, alen - i, &ea) : 0;
        size_t lb = j < blen ? pl_rawtree_entry(b + j, blen - j, &eb) : 0;
        if ((i < alen && !la) || (j < blen && !lb)) return false;
        int c = !la ? 1 : !lb ? -1 : pl_rawent_cmp(&ea, &eb);
        if (c < 0) {
            if (pilot_entry(&ea)) add(out, &ea, NULL);
            push_off(aidx, i);
            i += la;
        } else if (c > 0) {
            if (pilot_entry(&eb)) add(out, NULL, &eb);
            j += lb, k++;
        } else {
            const pl_rawent *pa = pilot_entry(&ea) ? &ea : NULL,
                            *pb = pilot_entry(&eb) ? &eb : NULL;
            if ((pa || pb) && (memcmp(ea.oid, eb.oid, GIT_OID_RAWSZ) != 0 || ea.mode != eb.mode))
                add(out, pa, pb);
            push_off(aidx, i);
            i += la, j += lb, k++;
        }
    }
    return true;
}
