/*
 * rawtree.h - git tree objects as their raw bytes: "MODE NAME\0" and a
 * 20-byte id per entry, sorted. The history walk compares two versions of
 * a large folder here instead of through parsed git_tree objects: the
 * bytes of unchanged entries are identical, so whole runs of them are
 * skipped with word-sized compares, and nothing is allocated per entry.
 */
#ifndef PL_RAWTREE_H
#define PL_RAWTREE_H

#include "store.h"

typedef struct pl_rawent {
    const char *name;
    size_t name_len;
    unsigned mode;            /* 0100644, 040000, ... */
    const unsigned char *oid; /* 20 bytes */
} pl_rawent;

/* Parses the entry at p; returns its length, or 0 if malformed. */
size_t pl_rawtree_entry(const unsigned char *p, size_t left, pl_rawent *e);
/* Whether the entry is a folder (a tree). */
bool pl_rawent_is_tree(const pl_rawent *e);
/* git's tree order: names compare as bytes, a folder as if it ended in
 * '/'. */
int pl_rawent_cmp(const pl_rawent *a, const pl_rawent *b);
/* Finds an entry by name (linear: for small trees and rare lookups). */
bool pl_rawtree_find(const unsigned char *data, size_t len, const char *name, size_t name_len,
                     pl_rawent *e);
/* The id of the folder at path ("pilots", "a/b") below the tree root,
 * reading one raw tree per level; *found is false when there is none. */
int pl_rawtree_dir(git_odb *odb, const git_oid *root, const char *path, git_oid *out, bool *found,
                   pl_error *err);

/* Where each entry of a raw tree starts. */
typedef struct pl_rawindex {
    uint32_t *off;
    size_t len, cap;
} pl_rawindex;

/* Builds a tree's index by reading every entry. */
bool pl_rawtree_index(const unsigned char *data, size_t len, pl_rawindex *out);
void pl_rawindex_free(pl_rawindex *x);

/*
 * Appends the *.md blob entries that differ between two raw trees (either
 * may be empty) to out, like pl_store_diff_pilots. Returns false if a
 * tree is malformed. With bidx, the index of b, runs of identical entries
 * are skipped without reading them, and aidx (when non-NULL) receives the
 * index of a, derived from b's: the history walk goes from child to
 * parent, so every tree but the first is indexed this way.
 */
bool pl_rawtree_diff(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
                     const pl_rawindex *bidx, pl_rawindex *aidx, pl_file_changes *out);

#endif
