/*
 * value.h - the value tree a YAML document becomes: JSON's data model
 * (null, boolean, integer, number, string, array, object) where every node
 * remembers where it stood in the file.
 *
 * Trees are owned by the pl_doc (or pl_arena) that built them. Aliases make
 * the tree a DAG: an alias shares the anchored node instead of copying it.
 */
#ifndef PL_VALUE_H
#define PL_VALUE_H

#include "buf.h"
#include "common.h"

typedef enum pl_type {
    PL_NULL,
    PL_BOOL,
    PL_INT,
    PL_FLOAT,
    PL_STRING,
    PL_SEQ,
    PL_MAP,
} pl_type;

/* How the node was written; the front-matter editor keeps styles intact. */
typedef enum pl_style {
    PL_STYLE_PLAIN,
    PL_STYLE_SINGLE,
    PL_STYLE_DOUBLE,
    PL_STYLE_LITERAL,
    PL_STYLE_FOLDED,
    PL_STYLE_BLOCK, /* block collection */
    PL_STYLE_FLOW,  /* flow collection: [a, b] or {a: b} */
} pl_style;

typedef struct pl_value pl_value;

typedef struct pl_pair {
    const char *key;
    size_t key_len;
    int key_line, key_col;
    pl_value *value;
} pl_pair;

struct pl_value {
    pl_type type;
    pl_style style;
    int line, col;         /* where the node starts, 1-based */
    int end_line, end_col; /* just after the node */
    size_t weight;         /* nodes below and including this one, aliases expanded */
    union {
        bool b;
        int64_t i;
        double f;
        struct {
            const char *ptr;
            size_t len;
        } str;
        struct {
            pl_value **items;
            size_t len;
        } seq;
        struct {
            pl_pair *items;
            size_t len;
        } map;
    } u;
};

/* "null", "boolean", "integer", "number", "string", "array", "object". */
const char *pl_type_name(pl_type t);

const pl_value *pl_map_get(const pl_value *map, const char *key);
/* Walks a dotted path: "decision.outcome", "users.target". */
const pl_value *pl_value_path(const pl_value *root, const char *dotted);
/* The string, or NULL when v is missing or not a string. */
const char *pl_value_str(const pl_value *v);
/* The string at a dotted path, or NULL. */
const char *pl_value_path_str(const pl_value *root, const char *dotted);
bool pl_value_is_number(const pl_value *v);
double pl_value_number(const pl_value *v);
/* Equality as JSON defines it: 1 == 1.0, maps compare regardless of order. */
bool pl_value_equal(const pl_value *a, const pl_value *b);
/* Whether a and b are the same tree node for node: types, styles, key
 * order, weights and start positions, and end positions too when ends is
 * set. For checking one parser or decoder against another. */
bool pl_value_same(const pl_value *a, const pl_value *b, bool ends);
/* Appends a scalar's text as a person would read it ("74%", "12", "true");
 * collections are written as compact JSON. */
void pl_value_text(pl_buf *out, const pl_value *v);

#endif
