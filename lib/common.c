/*
 * common.c - the pl_error record and the allocation wrappers.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pl_error_clear(pl_error *err)
{
    if (!err) return;
    err->code = 0;
    err->line = 0;
    err->col = 0;
    err->message[0] = '\0';
}

int pl_error_setv(pl_error *err, int code, const char *fmt, va_list ap)
{
    if (!err) return code;
    err->code = code;
    err->line = 0;
    err->col = 0;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    return code;
}

int pl_error_set(pl_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl_error_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

int pl_error_set_at(pl_error *err, int code, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl_error_setv(err, code, fmt, ap);
    va_end(ap);
    if (err) {
        err->line = line;
        err->col = col;
    }
    return code;
}

void pl_error_prefix(pl_error *err, const char *fmt, ...)
{
    char joined[sizeof(err->message)];
    va_list ap;
    if (!err) return;
    va_start(ap, fmt);
    int n = vsnprintf(joined, sizeof(joined), fmt, ap);
    va_end(ap);
    if (n < 0) return;
    size_t used = (size_t)n < sizeof(joined) ? (size_t)n : sizeof(joined) - 1;
    /* append ": " and the old message, truncating at the buffer's end */
    const char *parts[2] = {": ", err->message};
    for (int i = 0; i < 2; i++)
        for (const char *p = parts[i]; *p && used + 1 < sizeof(joined); p++) joined[used++] = *p;
    joined[used] = '\0';
    memcpy(err->message, joined, sizeof(joined));
}

static void *check_alloc(void *p)
{
    if (!p) abort();
    return p;
}

void *pl_malloc(size_t n)
{
    return check_alloc(malloc(n ? n : 1));
}

void *pl_calloc(size_t count, size_t size)
{
    return check_alloc(calloc(count ? count : 1, size ? size : 1));
}

void *pl_realloc(void *p, size_t n)
{
    return check_alloc(realloc(p, n ? n : 1));
}

char *pl_strdup(const char *s)
{
    return pl_strndup(s, strlen(s));
}

char *pl_strndup(const char *s, size_t n)
{
    char *d = pl_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

bool pl_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

void pl_grow(void **items, size_t *cap, size_t need, size_t elem)
{
    size_t n;
    if (need <= *cap) return;
    n = *cap ? *cap : 8;
    while (n < need) n *= 2;
    *items = pl_realloc(*items, n * elem);
    *cap = n;
}
