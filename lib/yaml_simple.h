/*
 * yaml_simple.h - a fast parser for the plain shape of front matter that
 * gives pl_yaml_parse's tree or declines (see yaml_simple.c).
 */
#ifndef PL_YAML_SIMPLE_H
#define PL_YAML_SIMPLE_H

#include "parse_yaml.h"

/*
 * Parses text, a block mapping of plain keys, into *out (allocated in
 * arena) when every part of it is of the simple shape; the tree equals
 * pl_yaml_parse's for the same text and limits, except that nodes carry
 * only their start positions. False, with *out NULL, otherwise: the
 * caller then parses with pl_yaml_parse, which also explains any error.
 * Nodes the arena got before a decline stay there, unused.
 */
bool pl_yaml_simple_parse(pl_value **out, pl_arena *arena, const char *text, size_t len,
                          int line_offset, const pl_limits *limits);

#endif
