/*
 * utf8.c - UTF-8 decoding, validation and position counting.
 */
#include "utf8.h"

#include <string.h>

size_t pl_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

size_t pl_utf8_valid_prefix(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        /* texts are mostly ASCII: eight bytes at a time while they are */
        uint64_t w;
        while (i + 8 <= len && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ull))) i += 8;
        if (i == len) break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = pl_utf8_decode(u + i, len - i, &cp);
        if (!n) return i;
        i += n;
    }
    return len;
}

bool pl_utf8_text(const char *s, size_t len)
{
    return !memchr(s, '\0', len) && pl_utf8_valid_prefix(s, len) == len;
}

size_t pl_utf8_count(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) count++;
    return count;
}

void pl_utf8_position(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80 && ch != '\r') {
            c++;
        }
    }
    *line = l;
    *col = c;
}
