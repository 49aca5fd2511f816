/*
 * json.c - streaming JSON writer with correct escaping and separators.
 */
#include "json.h"

#include "parallel.h"
#include "utf8.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

void pl_json_init(pl_json *j, pl_buf *out, bool pretty)
{
    j->out = out;
    j->pretty = pretty;
    j->depth = 0;
    j->has_items[0] = false;
    j->after_key = false;
    j->flush = NULL;
    j->flush_ctx = NULL;
    j->flushed = 0;
}

void pl_json_stream(pl_json *j, void (*flush)(void *ctx, const char *data, size_t len), void *ctx)
{
    j->flush = flush;
    j->flush_ctx = ctx;
}

/* Hands what is written so far to the stream, if there is one. */
static void flush_all(pl_json *j)
{
    if (!j->flush) return;
    if (j->out->len) j->flush(j->flush_ctx, j->out->ptr, j->out->len);
    j->flushed += j->out->len;
    pl_buf_clear(j->out);
}

void pl_json_finish(pl_json *j)
{
    flush_all(j);
}

/* Writes what goes before a value or a closing bracket: a comma if
 * asked, and when pretty a line break and the current depth's indent, in
 * one piece (it precedes every value). */
static void separator(pl_json *j, bool comma)
{
    size_t indent = j->pretty ? 2 * (size_t)j->depth : 0;
    pl_buf_grow(j->out, indent + 2);
    char *p = j->out->ptr + j->out->len;
    if (comma) *p++ = ',';
    if (j->pretty) {
        *p++ = '\n';
        memset(p, ' ', indent);
        p += indent;
    }
    *p = '\0';
    j->out->len = (size_t)(p - j->out->ptr);
}

/* Hands what is written so far to the stream once it holds 64 KiB. */
static void flush_if_full(pl_json *j)
{
    if (j->out->len >= 65536) flush_all(j);
}

/* Writes the separator that must precede a new value. */
static void before_value(pl_json *j)
{
    flush_if_full(j);
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0) {
        separator(j, j->has_items[j->depth]);
        j->has_items[j->depth] = true;
    }
}

static void open(pl_json *j, char c)
{
    before_value(j);
    pl_buf_putc(j->out, c);
    if (j->depth + 1 < PL_JSON_MAX_DEPTH) j->depth++;
    j->has_items[j->depth] = false;
}

static void close(pl_json *j, char c)
{
    bool had = j->has_items[j->depth];
    if (j->depth > 0) j->depth--;
    if (had) separator(j, false);
    pl_buf_putc(j->out, c);
}

void pl_json_object_begin(pl_json *j)
{
    open(j, '{');
}

void pl_json_object_end(pl_json *j)
{
    close(j, '}');
}

void pl_json_array_begin(pl_json *j)
{
    open(j, '[');
}

void pl_json_array_end(pl_json *j)
{
    close(j, ']');
}

/* What the threads rendering an array's values share. */
typedef struct items_job {
    pl_json *j;
    bool had_items; /* the array had values before these */
    void (*each)(pl_json *, size_t, void *);
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t turn;
    size_t handed; /* values handed to j so far, in order */
    pl_buf runs[PL_PARALLEL_MAX];
} items_job;

static int items_range(void *arg, int worker, size_t from, size_t to)
{
    items_job *job = arg;
    pl_buf *run = &job->runs[worker];
    pl_json sub;
    pl_buf_clear(run);
    pl_json_init(&sub, run, job->j->pretty);
    sub.depth = job->j->depth;
    sub.has_items[sub.depth] = from > 0 || job->had_items;
    for (size_t i = from; i < to; i++) job->each(&sub, i, job->ctx);
    /* ranges are handed out in order, so the thread holding the first
     * one not yet handed over never waits here */
    pthread_mutex_lock(&job->lock);
    while (job->handed != from) pthread_cond_wait(&job->turn, &job->lock);
    if (job->j->flush) {
        /* straight to the stream, after what is before it */
        flush_all(job->j);
        job->j->flush(job->j->flush_ctx, run->ptr, run->len);
        job->j->flushed += run->len;
    } else {
        pl_buf_put(job->j->out, run->ptr, run->len);
    }
    job->handed = to;
    pthread_cond_broadcast(&job->turn);
    pthread_mutex_unlock(&job->lock);
    return 0;
}

void pl_json_array_items(pl_json *j, size_t n, void (*each)(pl_json *sub, size_t i, void *ctx),
                         void *ctx, int workers)
{
    if (!n) return;
    items_job job = {.j = j, .had_items = j->has_items[j->depth], .each = each, .ctx = ctx};
    pthread_mutex_init(&job.lock, NULL);
    pthread_cond_init(&job.turn, NULL);
    pl_parallel_for(n, 512, workers, items_range, &job);
    pthread_cond_destroy(&job.turn);
    pthread_mutex_destroy(&job.lock);
    for (int k = 0; k < PL_PARALLEL_MAX; k++) pl_buf_free(&job.runs[k]);
    j->has_items[j->depth] = true;
    j->after_key = false;
}

static void key_n(pl_json *j, const char *key, size_t len)
{
    before_value(j);
    pl_json_escape(j->out, key, len);
    pl_buf_puts(j->out, j->pretty ? ": " : ":");
    j->after_key = true;
}

void pl_json_key(pl_json *j, const char *key)
{
    key_n(j, key, strlen(key));
}

/* What goes out as it is: printable ASCII but the three below. */
static const pl_ascii_set json_plain = {
    {PL_ASCII_PRINTABLE_LO & ~(PL_ASCII_BIT('"') | PL_ASCII_BIT('<')),
     PL_ASCII_PRINTABLE_HI & ~PL_ASCII_BIT('\\')}};

void pl_json_escape(pl_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    pl_buf_grow(out, len + 2);
    pl_buf_putc(out, '"');
    size_t i = 0;
    while (i < len) {
        /* a run that needs no escaping goes out in one copy */
        size_t run = i;
        i = pl_utf8_plain_run(u, i, len, &json_plain);
        if (i > run) pl_buf_put(out, s + run, i - run);
        if (i == len) break;
        unsigned char c = u[i++];
        switch (c) {
        case '"':
            pl_buf_puts(out, "\\\"");
            break;
        case '\\':
            pl_buf_puts(out, "\\\\");
            break;
        case '\n':
            pl_buf_puts(out, "\\n");
            break;
        case '\r':
            pl_buf_puts(out, "\\r");
            break;
        case '\t':
            pl_buf_puts(out, "\\t");
            break;
        /* '<' escaped so JSON embedded in HTML can never close a tag. */
        case '<':
            pl_buf_puts(out, "\\u003c");
            break;
        default:
            if (c >= 0x80)
                pl_buf_puts(out, "\xEF\xBF\xBD"); /* not UTF-8: U+FFFD */
            else
                pl_buf_printf(out, "\\u%04x", c);
        }
    }
    pl_buf_putc(out, '"');
}

size_t pl_json_raw(pl_json *j, const char *json, size_t len)
{
    before_value(j);
    size_t at = j->flushed + j->out->len;
    pl_buf_put(j->out, json, len);
    return at;
}

size_t pl_json_raw_passed(pl_json *j, size_t len)
{
    before_value(j);
    flush_all(j);
    size_t at = j->flushed;
    j->flushed += len;
    return at;
}

void pl_json_strn(pl_json *j, const char *s, size_t len)
{
    before_value(j);
    pl_json_escape(j->out, s, len);
}

void pl_json_str(pl_json *j, const char *s)
{
    if (!s) {
        pl_json_null(j);
        return;
    }
    pl_json_strn(j, s, strlen(s));
}

void pl_json_int(pl_json *j, long long v)
{
    before_value(j);
    pl_buf_printf(j->out, "%lld", v);
}

void pl_json_double(pl_json *j, double v)
{
    before_value(j);
    if (!isfinite(v))
        pl_buf_puts(j->out, "null");
    else if (fabs(v) < 1e15 && v == floor(v)) /* in range before converting */
        pl_buf_printf(j->out, "%lld", (long long)v);
    else
        pl_buf_printf(j->out, "%.17g", v);
}

void pl_json_bool(pl_json *j, bool v)
{
    before_value(j);
    pl_buf_puts(j->out, v ? "true" : "false");
}

void pl_json_null(pl_json *j)
{
    before_value(j);
    pl_buf_puts(j->out, "null");
}

void pl_json_value(pl_json *j, const pl_value *v)
{
    if (!v) {
        pl_json_null(j);
        return;
    }
    switch (v->type) {
    case PL_NULL:
        pl_json_null(j);
        break;
    case PL_BOOL:
        pl_json_bool(j, v->u.b);
        break;
    case PL_INT:
        pl_json_int(j, (long long)v->u.i);
        break;
    case PL_FLOAT:
        pl_json_double(j, v->u.f);
        break;
    case PL_STRING:
        pl_json_strn(j, v->u.str.ptr, v->u.str.len);
        break;
    case PL_SEQ:
        pl_json_array_begin(j);
        for (size_t i = 0; i < v->u.seq.len; i++) pl_json_value(j, v->u.seq.items[i]);
        pl_json_array_end(j);
        break;
    case PL_MAP:
        pl_json_object_begin(j);
        for (size_t i = 0; i < v->u.map.len; i++) {
            const pl_pair *p = &v->u.map.items[i];
            key_n(j, p->key, p->key_len);
            pl_json_value(j, p->value);
        }
        pl_json_object_end(j);
        break;
    }
}

/* Whether s goes out as it is between quotes. */
static bool plain(const char *s, size_t len)
{
    return pl_utf8_plain_run((const unsigned char *)s, 0, len, &json_plain) == len;
}

void pl_json_kstr(pl_json *j, const char *key, const char *s)
{
    size_t kl = strlen(key), sl = s ? strlen(s) : 0;
    if (s && plain(key, kl) && plain(s, sl)) {
        /* The common field, key and string that need no escaping, in one
         * copy after the separator (a quarter of a long log's rendering). */
        const char *between = j->pretty ? "\": \"" : "\":\"";
        size_t bl = strlen(between);
        before_value(j);
        pl_buf_grow(j->out, kl + bl + sl + 2);
        char *p = j->out->ptr + j->out->len;
        *p++ = '"';
        memcpy(p, key, kl);
        memcpy(p += kl, between, bl);
        memcpy(p += bl, s, sl);
        p += sl;
        *p++ = '"';
        *p = '\0';
        j->out->len = (size_t)(p - j->out->ptr);
        return;
    }
    pl_json_key(j, key);
    pl_json_str(j, s);
}

void pl_json_kint(pl_json *j, const char *key, long long v)
{
    pl_json_key(j, key);
    pl_json_int(j, v);
}

void pl_json_kbool(pl_json *j, const char *key, bool v)
{
    pl_json_key(j, key);
    pl_json_bool(j, v);
}
