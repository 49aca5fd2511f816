/*
 * tap.h - a minimal TAP producer for the C unit tests, run under prove.
 *
 *   ok(cond, "name %d", x);   is_str(got, want, "name");   is_int(got, want, "name");
 *   return done_testing();
 */
#ifndef PL_TAP_H
#define PL_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static int ok_v(int cond, const char *fmt, va_list ap)
{
    tap_count++;
    if (!cond) tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_count);
    vprintf(fmt, ap);
    putchar('\n');
    return cond;
}

static int __attribute__((format(printf, 2, 3), unused)) ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = ok_v(cond, fmt, ap);
    va_end(ap);
    return r;
}

static int __attribute__((unused)) is_str(const char *got, const char *want, const char *name)
{
    int same = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
    if (!ok(same, "%s", name))
        printf("#   got:      '%s'\n#   expected: '%s'\n", got ? got : "(null)",
               want ? want : "(null)");
    return same;
}

static int __attribute__((unused)) is_int(long long got, long long want, const char *name)
{
    if (!ok(got == want, "%s", name)) printf("#   got:      %lld\n#   expected: %lld\n", got, want);
    return got == want;
}

static int __attribute__((unused)) done_testing(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
