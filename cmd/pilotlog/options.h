/*
 * options.h - the one option parser every subcommand uses, in the manner
 * of git's parse-options: a table of options per command, long and short
 * forms, "--opt=value" and "--opt value", "--" ends options, -h prints help.
 */
#ifndef PL_OPTIONS_H
#define PL_OPTIONS_H

#include <stdbool.h>

typedef enum opt_type {
    OPT_END,
    OPT_FLAG,   /* bool *value set to true */
    OPT_STRING, /* const char **value */
    OPT_LIST,   /* appends to a str_list *value; may repeat */
} opt_type;

typedef struct str_list {
    const char **items;
    int len, cap;
} str_list;

typedef struct option {
    opt_type type;
    char short_name; /* 0: none */
    const char *long_name;
    void *value;
    const char *argh; /* argument placeholder for help, e.g. "DATE" */
    const char *help;
} option;

#define OPT_FLAG(s, l, v, h)                                                                       \
    {                                                                                              \
        OPT_FLAG, (s), (l), (v), NULL, (h)                                                         \
    }
#define OPT_STRING(s, l, v, a, h)                                                                  \
    {                                                                                              \
        OPT_STRING, (s), (l), (v), (a), (h)                                                        \
    }
#define OPT_LIST(s, l, v, a, h)                                                                    \
    {                                                                                              \
        OPT_LIST, (s), (l), (v), (a), (h)                                                          \
    }
#define OPT_END()                                                                                  \
    {                                                                                              \
        OPT_END, 0, NULL, NULL, NULL, NULL                                                         \
    }

/*
 * Parses argv[1..] (argv[0] is the command name). Positional arguments are
 * left in argv, in order, and their count is returned. Returns -1 after
 * printing a usage error (exit 2), -2 after printing help (exit 0).
 */
int parse_options(int argc, char **argv, const option *opts, const char *const *usage);
void usage_with_options(const char *const *usage, const option *opts, bool to_stderr);
void str_list_push(str_list *l, const char *s);
void str_list_free(str_list *l);

#endif
