/*
 * diag.c - the list of validation problems.
 */
#include "diag.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>

void pl_diags_add(pl_diags *d, pl_severity sev, int line, int col, const char *pointer,
                  const char *rule, const char *fmt, ...)
{
    pl_buf msg = PL_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pl_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    pl_grow((void **)&d->items, &d->cap, d->len + 1, sizeof(*d->items));
    pl_diag *x = &d->items[d->len++];
    x->severity = sev;
    x->line = line;
    x->col = col;
    x->pointer = pl_strdup(pointer ? pointer : "");
    x->rule = pl_strdup(rule ? rule : "");
    x->message = pl_buf_detach(&msg);
}

void pl_diags_add_error(pl_diags *d, const pl_error *err, const char *rule)
{
    pl_diags_add(d, PL_SEV_ERROR, err->line, err->col, "", rule, "%s", err->message);
}

size_t pl_diags_count(const pl_diags *d, pl_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].severity == sev) n++;
    return n;
}

static int cmp_diag(const void *a, const void *b)
{
    const pl_diag *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    if (x->severity != y->severity) return x->severity < y->severity ? -1 : 1;
    int c = strcmp(x->pointer, y->pointer);
    return c ? c : strcmp(x->message, y->message);
}

static void diag_free(pl_diag *x)
{
    free(x->pointer);
    free(x->rule);
    free(x->message);
}

void pl_diags_sort(pl_diags *d)
{
    if (d->len < 2) return;
    qsort(d->items, d->len, sizeof(*d->items), cmp_diag);
    size_t out = 1;
    for (size_t i = 1; i < d->len; i++) {
        pl_diag *prev = &d->items[out - 1], *cur = &d->items[i];
        if (cmp_diag(prev, cur) == 0) {
            diag_free(cur);
            continue;
        }
        d->items[out++] = *cur;
    }
    d->len = out;
}

void pl_diags_remove_rule(pl_diags *d, const char *rule)
{
    size_t out = 0;
    for (size_t i = 0; i < d->len; i++) {
        if (strcmp(d->items[i].rule, rule) == 0)
            diag_free(&d->items[i]);
        else
            d->items[out++] = d->items[i];
    }
    d->len = out;
}

void pl_diags_clear(pl_diags *d)
{
    for (size_t i = 0; i < d->len; i++) diag_free(&d->items[i]);
    d->len = 0;
}

void pl_diags_free(pl_diags *d)
{
    pl_diags_clear(d);
    free(d->items);
    d->items = NULL;
    d->cap = 0;
}

const char *pl_severity_name(pl_severity sev)
{
    return sev == PL_SEV_ERROR ? "error" : "warning";
}
