/*
 * json.h - a streaming JSON writer. Every --format json output and
 * pilots.json goes through it, so escaping and commas are right in one place.
 */
#ifndef PL_JSON_H
#define PL_JSON_H

#include "buf.h"
#include "value.h"

enum { PL_JSON_MAX_DEPTH = 64 };

typedef struct pl_json {
    pl_buf *out;
    bool pretty;
    int depth;
    bool has_items[PL_JSON_MAX_DEPTH];
    bool after_key;
    /* optional: hands the text over in pieces (e.g. to stdout) so a large
     * document is never all in memory */
    void (*flush)(void *ctx, const char *data, size_t len);
    void *flush_ctx;
    size_t flushed; /* bytes handed to flush so far */
} pl_json;

void pl_json_init(pl_json *j, pl_buf *out, bool pretty);
/* Streams: out is handed to flush whenever it holds 64 KiB, and once more
 * by pl_json_finish. */
void pl_json_stream(pl_json *j, void (*flush)(void *ctx, const char *data, size_t len), void *ctx);
void pl_json_finish(pl_json *j);
/* Appends an already-written JSON value as the next value; returns its
 * offset in the whole document (flushed bytes included). */
size_t pl_json_raw(pl_json *j, const char *json, size_t len);
/* The same for len bytes of already-written JSON (one value, or values
 * with their commas) that the caller hands to the stream's destination
 * itself, right after this returns: what is buffered is flushed first.
 * Streaming only; returns the bytes' offset in the whole document. */
size_t pl_json_raw_passed(pl_json *j, size_t len);
void pl_json_object_begin(pl_json *j);
void pl_json_object_end(pl_json *j);
void pl_json_array_begin(pl_json *j);
void pl_json_array_end(pl_json *j);
void pl_json_key(pl_json *j, const char *key);
void pl_json_str(pl_json *j, const char *s); /* NULL writes null */
void pl_json_strn(pl_json *j, const char *s, size_t len);
void pl_json_int(pl_json *j, long long v);
void pl_json_double(pl_json *j, double v);
void pl_json_bool(pl_json *j, bool v);
void pl_json_null(pl_json *j);
void pl_json_value(pl_json *j, const pl_value *v); /* NULL writes null */

/*
 * Appends n values to the array j has open, value i written by
 * each(sub, i, ctx), rendered on up to `workers` threads: each renders a
 * run of values into a buffer of its own, and the runs are handed to j in
 * order, so the text is the same as from one thread and no more than one
 * run per thread is held. each must write exactly one value and be safe
 * to call from several threads at once.
 */
void pl_json_array_items(pl_json *j, size_t n, void (*each)(pl_json *sub, size_t i, void *ctx),
                         void *ctx, int workers);

/* key + value shorthands */
void pl_json_kstr(pl_json *j, const char *key, const char *s);
void pl_json_kint(pl_json *j, const char *key, long long v);
void pl_json_kbool(pl_json *j, const char *key, bool v);

/* Appends s as a JSON string literal, quotes included. Invalid UTF-8 is
 * replaced by U+FFFD so the output is always valid JSON. */
void pl_json_escape(pl_buf *out, const char *s, size_t len);

#endif
