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

#endif
