/*
 * fields.h - a pilot's front matter as a flat, sorted list of fields
 * ("decision.outcome" -> "go"), and the field-by-field difference of two
 * versions. Lists of mappings that carry an "id" (success_criteria) are
 * keyed by that id, so reordering criteria is not a change and an edited
 * criterion is named by its id; other lists are compared as one value.
 */
#ifndef PL_FIELDS_H
#define PL_FIELDS_H

#include "arena.h"
#include "value.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pl_field {
    const char *path;  /* "success_criteria.adoption.actual" */
    const char *value; /* scalars as written; lists and maps as compact JSON */
} pl_field;

typedef struct pl_fields {
    pl_field *items; /* sorted by path, allocated in arena */
    size_t len;
} pl_fields;

typedef struct pl_field_change {
    const char *path;
    const char *old_value; /* NULL: the field was added */
    const char *new_value; /* NULL: the field was removed */
} pl_field_change;

/* Flattens root (a mapping) into out; strings live in arena. */
void pl_fields_flatten(pl_fields *out, const pl_value *root, pl_arena *arena);
/* The value of a field, or NULL. */
const char *pl_fields_get(const pl_fields *f, const char *path);
/* Appends to *changes (grown with pl_grow; caller frees the array) every
 * field that differs between a and b, in path order. Returns the count
 * added. Strings point into a and b. */
size_t pl_fields_diff(const pl_fields *a, const pl_fields *b, pl_field_change **changes,
                      size_t *len, size_t *cap);

/*
 * Incremental flattening, for the history walk: consecutive versions of a
 * pilot usually differ in one or two top-level keys (stage, a criterion's
 * actual), and parsing only those is several times cheaper than the whole.
 *
 * A block is one top-level key with every line up to the next top-level
 * key. Blocks are independent when each key line really starts a new
 * entry, which the split checks for the shapes it accepts and
 * pl_fm_blocks_match confirms against a parse. Anything else (anchors,
 * aliases, directives, quoted or complex keys, keys with dots, duplicate
 * keys, content before the first key) makes the split refuse, and the
 * caller parses the whole document as always.
 */
typedef struct pl_fm_block {
    uint64_t hash; /* of the block's bytes */
    uint32_t start, len, key_len;
} pl_fm_block;

typedef struct pl_fm_blocks {
    pl_fm_block *items;
    size_t len;
} pl_fm_blocks;

/* Splits YAML text into blocks (items allocated with malloc: free them).
 * False, with nothing allocated, when the text is not of the shape whose
 * blocks are independent, or not NUL-free UTF-8. */
bool pl_fm_blocks_split(pl_fm_blocks *out, const char *yaml, size_t len);
/* Whether the parse of the whole text has exactly the blocks' keys, in
 * order: only then may its blocks be reused. */
bool pl_fm_blocks_match(const pl_fm_blocks *b, const char *yaml, const pl_value *root);
void pl_fm_blocks_free(pl_fm_blocks *b);

/*
 * Flattens yaml, split into blocks, from base: the fields of every block
 * that base_blocks has byte for byte are base's, and only the other blocks
 * are parsed, together. Field strings point into base or live in arena.
 * False when those blocks do not parse into exactly their keys: the
 * caller then parses the whole text, which also gives the right error.
 */
bool pl_fields_flatten_changed(pl_fields *out, const char *yaml, const pl_fm_blocks *blocks,
                               const pl_fields *base, const pl_fm_blocks *base_blocks,
                               pl_arena *arena);

#endif
