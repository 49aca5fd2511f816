/*
 * buf.h - a growable byte buffer, always NUL-terminated, used to build
 * strings, file contents and output pages.
 */
#ifndef PL_BUF_H
#define PL_BUF_H

#include "common.h"

typedef struct pl_buf {
    char *ptr;
    size_t len;
    size_t cap;
} pl_buf;

#define PL_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void pl_buf_free(pl_buf *b);
void pl_buf_clear(pl_buf *b);
/* Makes room for extra more bytes (and the NUL); inline, since every
 * append asks and it rarely has to grow. */
void pl_buf_grow_to(pl_buf *b, size_t need);
static inline void pl_buf_grow(pl_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) pl_buf_grow_to(b, b->len + extra + 1);
}
void pl_buf_put(pl_buf *b, const void *data, size_t len);
void pl_buf_puts(pl_buf *b, const char *s);
void pl_buf_putc(pl_buf *b, char c);
void pl_buf_printf(pl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap);
/* Returns the contents (never NULL) and leaves b empty; the caller frees. */
char *pl_buf_detach(pl_buf *b);
/* The contents as a C string; "" when empty. */
const char *pl_buf_cstr(const pl_buf *b);
void pl_buf_truncate(pl_buf *b, size_t len);

#endif
