/*
 * parse_yaml.h - turns YAML text into a value tree through libyaml, resolving
 * plain scalars by the YAML 1.2 core schema and enforcing the limits that
 * keep hostile documents (alias bombs, deep nesting) cheap to reject.
 */
#ifndef PL_PARSE_YAML_H
#define PL_PARSE_YAML_H

#include "arena.h"
#include "value.h"

typedef struct pl_limits {
    size_t max_file_bytes;         /* a whole pilot file */
    size_t max_front_matter_bytes; /* the YAML part */
    int max_depth;                 /* nested collections */
    size_t max_nodes;              /* nodes after expanding aliases */
} pl_limits;

#define PL_LIMIT_FILE_BYTES         (4u * 1024 * 1024)
#define PL_LIMIT_FRONT_MATTER_BYTES (256u * 1024)
#define PL_LIMIT_DEPTH              64
#define PL_LIMIT_NODES              50000u

/* The limits pilotlog applies unless told otherwise. */
const pl_limits *pl_limits_default(void);

/*
 * Parses exactly one YAML document. Nodes are allocated in arena. Line
 * numbers are shifted by line_offset (the lines before text in its file).
 * An empty document yields a PL_NULL node. On failure returns PL_EINVALID or
 * PL_ELIMIT with the position in err.
 */
int pl_yaml_parse(pl_value **out, pl_arena *arena, const char *text, size_t len, int line_offset,
                  const pl_limits *limits, pl_error *err);
/* The same through libyaml alone, for checking the simple parser. */
int pl_yaml_parse_libyaml(pl_value **out, pl_arena *arena, const char *text, size_t len,
                          int line_offset, const pl_limits *limits, pl_error *err);

/* Gives v (a string node of s[0, n), NUL-terminated) the type the YAML 1.2
 * core schema resolves a plain scalar to: null, boolean, integer, number,
 * or it stays a string. */
void pl_yaml_resolve_plain(pl_value *v, const char *s, size_t n);

#endif
