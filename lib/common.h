/*
 * common.h - error codes, the error record every library call fills, and
 * allocation wrappers shared by all of libpilotlog.
 *
 * Every fallible function returns 0 or a negative PL_E* code and, when given
 * a pl_error, leaves a message there. There is no global "last error": the
 * caller owns the pl_error, so threads and nested calls never clobber each
 * other's messages.
 */
#ifndef PL_COMMON_H
#define PL_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    PL_OK = 0,
    PL_ERROR = -1,     /* generic failure */
    PL_EINVALID = -2,  /* the input document is malformed (exit 1 territory) */
    PL_ENOTFOUND = -3, /* a file, pilot, revision or field does not exist */
    PL_ESCHEMA = -4,   /* a schema or workflow file is unusable */
    PL_EIO = -5,       /* reading or writing a file failed */
    PL_EGIT = -6,      /* libgit2 reported an error */
    PL_ELIMIT = -7,    /* a size, depth or alias limit was exceeded */
    PL_ECONFLICT = -8, /* a ref moved under us or a merge is in progress */
    PL_EUSAGE = -9,    /* the caller asked for something that makes no sense */
    PL_EEXISTS = -10,  /* the thing to create is already there */
};

/* A failure description. line/col are 1-based file positions, 0 if unknown. */
typedef struct pl_error {
    int code;
    int line;
    int col;
    char message[512];
} pl_error;

void pl_error_clear(pl_error *err);
/* Records code and message in err (if err is non-NULL) and returns code. */
int pl_error_set(pl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int pl_error_setv(pl_error *err, int code, const char *fmt, va_list ap);
/* Like pl_error_set but with a position in the input. */
int pl_error_set_at(pl_error *err, int code, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Prefix the existing message with "prefix: ". */
void pl_error_prefix(pl_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Allocation. Like redis and git, running out of memory aborts: every input
 * is size-limited before it is parsed, so exhaustion means the machine is
 * broken, not that a user gave bad data. abort() rather than exit() so that a
 * core dump shows where.
 */
void *pl_malloc(size_t n);
void *pl_calloc(size_t count, size_t size);
void *pl_realloc(void *p, size_t n);
char *pl_strdup(const char *s);
char *pl_strndup(const char *s, size_t n);
/* Whether s ends with suffix. */
bool pl_has_suffix(const char *s, const char *suffix);
/* Grow *items (each of size elem) so that it can hold at least need items. */
void pl_grow(void **items, size_t *cap, size_t need, size_t elem);

#define PL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PL_UNUSED(x)     ((void)(x))

#endif
