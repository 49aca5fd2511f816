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
/* Text the YAML parser accepts at all: valid UTF-8 without NUL bytes. */
bool pl_utf8_text(const char *s, size_t len);
/* Number of code points in valid UTF-8 (invalid bytes count one each). */
size_t pl_utf8_count(const char *s, size_t len);
/* 1-based line and column (in code points) of byte offset off in text. */
void pl_utf8_position(const char *text, size_t off, int *line, int *col);

/* A set of ASCII bytes: bit c of the 128 (PL_ASCII_BIT builds the masks). */
typedef struct pl_ascii_set {
    uint64_t bits[2];
} pl_ascii_set;
#define PL_ASCII_BIT(c) (1ull << ((unsigned)(c)&63))
/* Printable ASCII, 0x20 to 0x7f, before exclusions. */
#define PL_ASCII_PRINTABLE_LO 0xFFFFFFFF00000000ull
#define PL_ASCII_PRINTABLE_HI 0xFFFFFFFFFFFFFFFFull

/* The end of the run from i of bytes an escaper copies as they are: ASCII
 * bytes in plain and valid multi-byte sequences. Inline: escapers call it
 * for every run of every string. */
static inline size_t pl_utf8_plain_run(const unsigned char *u, size_t i, size_t len,
                                       const pl_ascii_set *plain)
{
    for (;;) {
        while (i < len && u[i] < 0x80 && (plain->bits[u[i] >> 6] >> (u[i] & 63) & 1)) i++;
        uint32_t cp;
        size_t n = i < len && u[i] >= 0x80 ? pl_utf8_decode(u + i, len - i, &cp) : 0;
        if (!n) return i;
        i += n;
    }
}

#endif
