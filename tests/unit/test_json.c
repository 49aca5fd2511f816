/*
 * test_json.c - the JSON writer's parallel array: values rendered on
 * several threads come out as one thread writes them, streamed or not;
 * values a caller passes to the stream itself (pl_json_raw_passed) land
 * where pl_json_raw would put them; fields come out the same whether
 * they take the one-copy path or the escaper.
 */
#include "json.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static void value(pl_json *j, size_t i, void *ctx)
{
    (void)ctx;
    pl_json_object_begin(j);
    pl_json_kint(j, "i", (long long)i);
    pl_json_kstr(j, "s", i % 3 ? "text with \"quotes\"" : "é\n");
    pl_json_key(j, "list");
    pl_json_array_begin(j);
    for (size_t k = 0; k < i % 4; k++) pl_json_int(j, (long long)k);
    pl_json_array_end(j);
    pl_json_object_end(j);
}

static void to_buf(void *ctx, const char *data, size_t len)
{
    pl_buf_put(ctx, data, len);
}

/* The document { "before": [x?, values...], "after": 1 } written one way. */
static void document(pl_buf *out, bool pretty, bool stream, bool one_before, size_t n, int workers)
{
    pl_buf chunk = PL_BUF_INIT;
    pl_json j;
    pl_json_init(&j, stream ? &chunk : out, pretty);
    if (stream) pl_json_stream(&j, to_buf, out);
    pl_json_object_begin(&j);
    pl_json_key(&j, "values");
    pl_json_array_begin(&j);
    if (one_before) pl_json_str(&j, "first");
    if (workers)
        pl_json_array_items(&j, n, value, NULL, workers);
    else
        for (size_t i = 0; i < n; i++) value(&j, i, NULL);
    pl_json_array_end(&j);
    pl_json_kint(&j, "after", 1);
    pl_json_object_end(&j);
    pl_json_finish(&j);
    pl_buf_free(&chunk);
}

/* [{"a":1},{"a":2},{"a":3}] streamed, its middle value (or, run, the last
 * two with their comma) written into the stream by the caller. */
static void passed(pl_buf *out, size_t *offsets, bool run)
{
    static const char *const v[] = {"{\"a\":1}", "{\"a\":2}", "{\"a\":3}"};
    pl_buf chunk = PL_BUF_INIT;
    pl_json j;
    pl_json_init(&j, &chunk, false);
    pl_json_stream(&j, to_buf, out);
    pl_json_array_begin(&j);
    offsets[0] = pl_json_raw(&j, v[0], strlen(v[0]));
    if (run) {
        const char *both = "{\"a\":2},{\"a\":3}";
        offsets[1] = pl_json_raw_passed(&j, strlen(both));
        to_buf(out, both, strlen(both));
        offsets[2] = offsets[1] + strlen(v[1]) + 1;
    } else {
        offsets[1] = pl_json_raw_passed(&j, strlen(v[1]));
        to_buf(out, v[1], strlen(v[1]));
        offsets[2] = pl_json_raw(&j, v[2], strlen(v[2]));
    }
    pl_json_array_end(&j);
    pl_json_finish(&j);
    pl_buf_free(&chunk);
}

/* Fields as pl_json_kstr writes them, in one copy when key and value
 * need no escaping and through the escaper when not. */
static void fields(pl_buf *out, bool pretty)
{
    pl_json j;
    pl_json_init(&j, out, pretty);
    pl_json_object_begin(&j);
    pl_json_kstr(&j, "a", "x");
    pl_json_kstr(&j, "b", "q\"<");
    pl_json_key(&j, "c");
    pl_json_object_begin(&j);
    pl_json_kstr(&j, "d", "\xc3\xa9");
    pl_json_kstr(&j, "bad", "\xff");
    pl_json_object_end(&j);
    pl_json_kstr(&j, "e", NULL);
    pl_json_kstr(&j, "f", "");
    pl_json_object_end(&j);
    pl_json_finish(&j);
}

int main(void)
{
    for (int pretty = 0; pretty < 2; pretty++) {
        pl_buf got = PL_BUF_INIT;
        fields(&got, pretty);
        const char *want =
            pretty ? "{\n  \"a\": \"x\",\n  \"b\": \"q\\\"\\u003c\",\n  \"c\": {\n    \"d\": "
                     "\"\xc3\xa9\",\n    \"bad\": \"\xef\xbf\xbd\"\n  },\n  \"e\": null,\n  \"f\": "
                     "\"\"\n}"
                   : "{\"a\":\"x\",\"b\":\"q\\\"\\u003c\",\"c\":{\"d\":\"\xc3\xa9\",\"bad\":"
                     "\"\xef\xbf\xbd\"},\"e\":null,\"f\":\"\"}";
        ok(strcmp(got.ptr ? got.ptr : "", want) == 0, "fields written %s: %s",
           pretty ? "pretty" : "compact", got.ptr ? got.ptr : "");
        pl_buf_free(&got);
    }

    for (int run = 0; run < 2; run++) {
        pl_buf got = PL_BUF_INIT;
        size_t at[3];
        passed(&got, at, run);
        ok(strcmp(got.ptr ? got.ptr : "", "[{\"a\":1},{\"a\":2},{\"a\":3}]") == 0,
           "values passed to the stream (%s) come out in place", run ? "a run of two" : "one");
        ok(at[0] == 1 && at[1] == 9 && at[2] == 17 && got.ptr[at[1]] == '{' &&
               got.ptr[at[2]] == '{',
           "and their offsets are where they start (%zu %zu %zu)", at[0], at[1], at[2]);
        pl_buf_free(&got);
    }

    const size_t sizes[] = {0, 1, 511, 512, 513, 5000};
    for (size_t s = 0; s < sizeof(sizes) / sizeof(*sizes); s++)
        for (int mode = 0; mode < 8; mode++) {
            bool pretty = mode & 1, stream = mode & 2, before = mode & 4;
            pl_buf want = PL_BUF_INIT;
            document(&want, pretty, stream, before, sizes[s], 0);
            bool same = true;
            for (int workers = 1; workers <= 4; workers++) {
                pl_buf got = PL_BUF_INIT;
                document(&got, pretty, stream, before, sizes[s], workers);
                same = same && got.len == want.len && memcmp(got.ptr, want.ptr, got.len) == 0;
                pl_buf_free(&got);
            }
            ok(same, "%zu values (%s%s%s): 1 to 4 threads write what one loop writes", sizes[s],
               pretty ? "pretty" : "compact", stream ? ", streamed" : "",
               before ? ", after a value" : "");
            pl_buf_free(&want);
        }
    return done_testing();
}
