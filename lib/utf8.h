/*
 * utf8.h - UTF-8 decoding and validation (strict: no overlongs, no
 * surrogates, nothing above U+10FFFF).
 */
#ifndef PL_UTF8_H
#define PL_UTF8_H

#include "common.h"

/* Decodes one code point; returns its byte length, or 0 if s does not start
 * with a valid sequence (then *cp is undefined). len must be > 0. */
size_t pl_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Length of the longest valid prefix; equals len when all of s is valid. */
size_t pl_utf8_valid_prefix(const char *s, size_t len);
/* Number of code points in valid UTF-8 (invalid bytes count one each). */
size_t pl_utf8_count(const char *s, size_t len);
/* 1-based line and column (in code points) of byte offset off in text. */
void pl_utf8_position(const char *text, size_t off, int *line, int *col);

#endif
