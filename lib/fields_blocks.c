/*
 * fields_blocks.c - flattening a front matter from the previous version's
 * fields, parsing only the top-level keys whose lines changed (see
 * fields.h for when that is sound).
 */
#include "fields.h"

#include "buf.h"
#include "parse_yaml.h"
#include "strmap.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Past this size the node limit could apply to the whole but not to its
 * blocks (a node takes at least one byte): such texts are parsed whole. */
#define MAX_BLOCKS_BYTES (16u * 1024)

static bool is_key_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_key_char(char c)
{
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* A line that is empty or a comment from the left margin: before the
 * first key nothing else is taken, not even white space (a tab there is
 * an error in the whole parse, and no block would carry it). */
static bool is_quiet_line(const char *p, const char *end)
{
    return *p == '#' || *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
}

/* The length of the plain key that opens the line ("stage: ..."), or 0. */
static size_t key_of_line(const char *p, const char *end)
{
    if (p == end || !is_key_start(*p)) return 0;
    size_t n = 1;
    while (p + n < end && is_key_char(p[n])) n++;
    if (p + n == end || p[n] != ':') return 0;
    if (p + n + 1 < end && !strchr(" \t\r\n", p[n + 1])) return 0; /* "url:x" is a scalar */
    return n;
}

/* Whether block b of yaml has the key name (n bytes). */
static bool block_key_is(const pl_fm_block *b, const char *yaml, const char *name, size_t n)
{
    return b->key_len == n && memcmp(yaml + b->start, name, n) == 0;
}

bool pl_fm_blocks_split(pl_fm_blocks *out, const char *yaml, size_t len)
{
    out->items = NULL;
    out->len = 0;
    /* anchors and aliases tie blocks together; directives and flow
     * documents do not start with a key and fail below */
    if (len == 0 || len > MAX_BLOCKS_BYTES || memchr(yaml, '&', len) || memchr(yaml, '*', len))
        return false;
    /* bytes the whole parse refuses could sit where no block parse looks
     * (a comment before the first key) */
    if (!pl_utf8_text(yaml, len)) return false;
    size_t cap = 0;
    const char *end = yaml + len;
    for (const char *line = yaml; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *next = nl ? nl + 1 : end;
        size_t key = key_of_line(line, next);
        if (key) {
            for (size_t i = 0; i < out->len; i++)
                if (block_key_is(&out->items[i], yaml, line, key))
                    goto refuse; /* a duplicate key: the whole parse decides */
            pl_grow((void **)&out->items, &cap, out->len + 1, sizeof(*out->items));
            pl_fm_block *b = &out->items[out->len++];
            b->start = (uint32_t)(line - yaml);
            b->key_len = (uint32_t)key;
            b->len = 0;
        } else if (*line != ' ' && *line != '\t' && *line != '#' && *line != '\r' &&
                   *line != '\n') {
            goto refuse; /* not a plain key at the left margin */
        } else if (out->len == 0 && !is_quiet_line(line, next)) {
            goto refuse; /* content before the first key */
        }
        if (out->len)
            out->items[out->len - 1].len = (uint32_t)(next - yaml) - out->items[out->len - 1].start;
        line = next;
    }
    if (out->len == 0) goto refuse;
    for (size_t i = 0; i < out->len; i++)
        out->items[i].hash = pl_hash_bytes(yaml + out->items[i].start, out->items[i].len);
    return true;
refuse:
    pl_fm_blocks_free(out);
    return false;
}

bool pl_fm_blocks_match(const pl_fm_blocks *b, const char *yaml, const pl_value *root)
{
    if (!root || root->type != PL_MAP || root->u.map.len != b->len) return false;
    for (size_t i = 0; i < b->len; i++)
        if (!block_key_is(&b->items[i], yaml, root->u.map.items[i].key,
                          root->u.map.items[i].key_len))
            return false;
    return true;
}

void pl_fm_blocks_free(pl_fm_blocks *b)
{
    free(b->items);
    b->items = NULL;
    b->len = 0;
}

static bool same_block(const pl_fm_block *a, const pl_fm_block *b)
{
    return a->hash == b->hash && a->len == b->len && a->key_len == b->key_len;
}

/* The top-level key of a field path: up to the first dot (keys in
 * blocks have none). */
static size_t top_key_len(const char *path)
{
    const char *dot = strchr(path, '.');
    return dot ? (size_t)(dot - path) : strlen(path);
}

bool pl_fields_flatten_changed(pl_fields *out, const char *yaml, const pl_fm_blocks *blocks,
                               const pl_fields *base, const pl_fm_blocks *base_blocks,
                               pl_arena *arena)
{
    out->items = NULL;
    out->len = 0;
    bool *reused = pl_calloc(blocks->len ? blocks->len : 1, sizeof(*reused));
    /* the lines before the first key (comments) are parsed along: no
     * byte goes unchecked that the whole parse would check */
    pl_buf changed = PL_BUF_INIT;
    size_t n_changed = 0, prefix = blocks->len ? blocks->items[0].start : 0;
    pl_buf_put(&changed, yaml, prefix);
    for (size_t i = 0; i < blocks->len; i++) {
        const pl_fm_block *b = &blocks->items[i];
        for (size_t k = 0; k < base_blocks->len && !reused[i]; k++)
            reused[i] = same_block(b, &base_blocks->items[k]);
        if (!reused[i]) {
            /* only the text's last block can lack its final newline, and
             * it stays last here: no block is joined to another's line */
            pl_buf_put(&changed, yaml + b->start, b->len);
            n_changed++;
        }
    }

    bool ok = true;
    pl_fields fresh = {NULL, 0};
    if (n_changed || prefix) {
        pl_value *root = NULL;
        pl_error err;
        ok = pl_yaml_parse(&root, arena, changed.ptr, changed.len, 0, NULL, &err) == 0 &&
             (n_changed ? root->type == PL_MAP && root->u.map.len == n_changed
                        : root->type == PL_NULL);
        /* every changed key must start its own entry, in order */
        for (size_t i = 0, k = 0; ok && i < blocks->len; i++) {
            if (reused[i]) continue;
            const pl_pair *p = &root->u.map.items[k++];
            ok = block_key_is(&blocks->items[i], yaml, p->key, p->key_len);
        }
        if (ok && n_changed) pl_fields_flatten(&fresh, root, arena);
    }
    if (ok) {
        /* base's fields of the reused keys and the fresh ones are each in
         * path order already: one merge puts them in order together */
        size_t cap = fresh.len + base->len;
        pl_field *items = pl_arena_alloc(arena, (cap ? cap : 1) * sizeof(*items));
        size_t len = 0, j = 0;
        for (size_t f = 0; f < base->len; f++) {
            const char *path = base->items[f].path;
            size_t key = top_key_len(path);
            bool keep = false;
            for (size_t i = 0; i < blocks->len && !keep; i++)
                keep = reused[i] && block_key_is(&blocks->items[i], yaml, path, key);
            if (!keep) continue;
            while (j < fresh.len && strcmp(fresh.items[j].path, path) < 0)
                items[len++] = fresh.items[j++];
            items[len++] = base->items[f];
        }
        while (j < fresh.len) items[len++] = fresh.items[j++];
        out->items = items;
        out->len = len;
    }
    pl_buf_free(&changed);
    free(reused);
    return ok;
}
