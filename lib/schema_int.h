/*
 * schema_int.h - the compiled form of a schema, shared by the compiler
 * (schema.c) and the validator (schema_validate.c).
 */
#ifndef PL_SCHEMA_INT_H
#define PL_SCHEMA_INT_H

#include "pattern.h"
#include "schema.h"

typedef struct snode snode;

typedef struct sprop {
    const char *name;
    snode *schema;
} sprop;

typedef struct spattern {
    pl_regex re;
    const char *src;
    snode *schema;
} spattern;

typedef enum sformat {
    FORMAT_NONE,
    FORMAT_DATE,
    FORMAT_DATE_TIME,
    FORMAT_EMAIL,
    FORMAT_URI,
} sformat;

/* Type bits: one per JSON type, bit i for pl_type i (named by pl_type_name). */
enum {
    T_NULL = 1 << 0,
    T_BOOL = 1 << 1,
    T_INT = 1 << 2, /* "integer" */
    T_NUM = 1 << 3, /* "number" (includes integers) */
    T_STR = 1 << 4,
    T_ARR = 1 << 5,
    T_OBJ = 1 << 6,
};

struct snode {
    const pl_value *src; /* the schema object, for positions */
    int boolean;         /* -1: an object schema; 0/1: false/true */
    unsigned types;      /* 0 = no type keyword */
    const pl_value *enum_values;
    const pl_value *const_value;
    const pl_value *required;
    const char *description;

    sprop *props;
    size_t n_props;
    spattern *patterns;
    size_t n_patterns;
    snode *additional;
    snode *property_names;
    const pl_value *dependent_required;
    bool has_min_props, has_max_props;
    size_t min_props, max_props;

    snode *items;
    snode **prefix_items;
    size_t n_prefix_items;
    snode *contains;
    bool has_min_items, has_max_items, unique_items;
    size_t min_items, max_items;

    bool has_min_len, has_max_len;
    size_t min_len, max_len;
    pl_regex pattern;
    const char *pattern_src;
    sformat format;

    bool has_min, has_max, has_xmin, has_xmax, has_multiple;
    double minimum, maximum, xminimum, xmaximum, multiple_of;

    snode **all_of, **any_of, **one_of;
    size_t n_all_of, n_any_of, n_one_of;
    snode *not_;
    snode *if_, *then_, *else_;

    const char *ref; /* resolved into ref_target after compiling */
    snode *ref_target;
    int visit;         /* loop detection while compiling: 0 new, 1 open, 2 done */
    snode *next_alloc; /* every node, for freeing */
};

struct pl_schema {
    char *path;
    pl_doc *doc;
    snode *root;
    snode *all_nodes;
    struct {
        const char **names;
        snode **nodes;
        size_t len, cap;
    } defs;
    const char **root_props;
};

#endif
