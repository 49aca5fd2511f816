/*
 * pattern.h - JSON Schema patterns (ECMA-262 syntax) run on POSIX extended
 * regular expressions from the C library. The common ECMA shorthands
 * (\d \w \s and their negations, escapes inside classes) are translated;
 * constructs POSIX cannot express (lookaround, backreferences, \b) are
 * refused with a message instead of silently matching differently.
 */
#ifndef PL_PATTERN_H
#define PL_PATTERN_H

#include "common.h"

#include <regex.h>

typedef struct pl_regex {
    regex_t re;
    bool compiled;
} pl_regex;

int pl_regex_compile(pl_regex *out, const char *ecma, pl_error *err);
bool pl_regex_match(const pl_regex *re, const char *s);
void pl_regex_free(pl_regex *re);

#endif
