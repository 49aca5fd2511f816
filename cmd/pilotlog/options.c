/*
 * options.c - command-line option parsing shared by all subcommands.
 */
#include "options.h"

#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void str_list_push(str_list *l, const char *s)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->items = pl_realloc(l->items, (size_t)l->cap * sizeof(*l->items));
    }
    l->items[l->len++] = s;
}

void str_list_free(str_list *l)
{
    free(l->items);
    l->items = NULL;
    l->len = l->cap = 0;
}

void usage_with_options(const char *const *usage, const option *opts, bool to_stderr)
{
    FILE *f = to_stderr ? stderr : stdout;
    for (int i = 0; usage[i]; i++) fprintf(f, "%s%s\n", i ? "   or: " : "usage: ", usage[i]);
    fputc('\n', f);
    for (const option *o = opts; o->type != OPT_END; o++) {
        char left[64];
        int n = 0;
        if (o->short_name)
            n += snprintf(left + n, sizeof(left) - (size_t)n, "-%c, ", o->short_name);
        n += snprintf(left + n, sizeof(left) - (size_t)n, "--%s", o->long_name);
        if (o->argh) snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->argh);
        fprintf(f, "    %-28s %s\n", left, o->help);
    }
}

static const option *find_long(const option *opts, const char *name, size_t len)
{
    for (const option *o = opts; o->type != OPT_END; o++)
        if (strlen(o->long_name) == len && strncmp(o->long_name, name, len) == 0) return o;
    return NULL;
}

static const option *find_short(const option *opts, char c)
{
    for (const option *o = opts; o->type != OPT_END; o++)
        if (o->short_name == c) return o;
    return NULL;
}

static void store(const option *o, const char *arg)
{
    switch (o->type) {
    case OPT_FLAG:
        *(bool *)o->value = true;
        break;
    case OPT_STRING:
        *(const char **)o->value = arg;
        break;
    case OPT_LIST:
        str_list_push(o->value, arg);
        break;
    case OPT_END:
        break;
    }
}

int parse_options(int argc, char **argv, const option *opts, const char *const *usage)
{
    int npos = 0;
    bool only_positional = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_positional || a[0] != '-' || a[1] == '\0') {
            argv[npos++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_with_options(usage, opts, false);
            return -2;
        }
        const option *o;
        const char *inline_arg = NULL;
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            o = find_long(opts, name, len);
            if (!o) {
                fprintf(stderr, "pilotlog: unknown option '--%.*s'\n", (int)len, name);
                usage_with_options(usage, opts, true);
                return -1;
            }
            if (eq) inline_arg = eq + 1;
        } else {
            o = find_short(opts, a[1]);
            if (!o) {
                fprintf(stderr, "pilotlog: unknown switch '-%c'\n", a[1]);
                usage_with_options(usage, opts, true);
                return -1;
            }
            if (a[2]) inline_arg = a + 2;
        }
        if (o->type == OPT_FLAG) {
            if (inline_arg) {
                fprintf(stderr, "pilotlog: option '--%s' takes no value\n", o->long_name);
                return -1;
            }
            store(o, NULL);
            continue;
        }
        if (!inline_arg) {
            if (i + 1 >= argc) {
                fprintf(stderr, "pilotlog: option '--%s' requires a value (%s)\n", o->long_name,
                        o->argh);
                return -1;
            }
            inline_arg = argv[++i];
        }
        store(o, inline_arg);
    }
    return npos;
}
