/*
 * buf.c - growable byte buffer.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pl_buf_free(pl_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void pl_buf_clear(pl_buf *b)
{
    b->len = 0;
    if (b->ptr) b->ptr[0] = '\0';
}

void pl_buf_grow_to(pl_buf *b, size_t need)
{
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    b->ptr = pl_realloc(b->ptr, cap);
    b->cap = cap;
}

void pl_buf_put(pl_buf *b, const void *data, size_t len)
{
    pl_buf_grow(b, len);
    if (len) memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
}

void pl_buf_puts(pl_buf *b, const char *s)
{
    pl_buf_put(b, s, strlen(s));
}

void pl_buf_putc(pl_buf *b, char c)
{
    pl_buf_grow(b, 1);
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
}

void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap)
{
    /* Formats into the spare room first; only text that does not fit is
     * formatted a second time, into a grown buffer. */
    size_t room = b->ptr ? b->cap - b->len : 0;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(room ? b->ptr + b->len : NULL, room, fmt, copy);
    va_end(copy);
    if (n < 0) {
        if (b->ptr) b->ptr[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        pl_buf_grow(b, (size_t)n);
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void pl_buf_printf(pl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *pl_buf_detach(pl_buf *b)
{
    char *p = b->ptr ? b->ptr : pl_strdup("");
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *pl_buf_cstr(const pl_buf *b)
{
    return b->ptr ? b->ptr : "";
}

void pl_buf_truncate(pl_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->ptr[len] = '\0';
    }
}
