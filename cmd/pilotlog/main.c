/*
 * main.c - pilotlog's entry point: a table of subcommands, git-style.
 */
#include "commands.h"

#include <cmark-gfm.h>
#include <git2.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#ifndef PILOTLOG_VERSION
#define PILOTLOG_VERSION "0.0.0"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* NULL: not listed (internal) */
} command;

static const command commands[] = {
    {"check", cmd_check, "validate pilot files (also --staged and --range in hooks)"},
    {"list", cmd_list, "one line per pilot"},
    {"show", cmd_show, "one pilot: facts, criteria, problems"},
    {"init", cmd_init, "make this (or a new) git repository a pilot repository"},
    {"new", cmd_new, "write a new pilot from a template and commit it"},
    {"set", cmd_set, "change front-matter fields and commit"},
    {"advance", cmd_advance, "move a pilot to its next stage and commit"},
    {"decide", cmd_decide, "record a go / no-go / extend decision and commit"},
    {"log", cmd_log, "decision history from the commit log"},
    {"diff", cmd_diff, "what a branch changes, pilot by pilot and field by field"},
    {"site", cmd_site, "the static status site"},
    {"due", cmd_due,
     "decisions due soon or overdue, pilots stuck or missing owners (for a weekly job)"},
    {"hooks", cmd_hooks, "install the pre-commit hook; where the hooks are"},
    {"__complete", cmd_complete, NULL},
};

static void usage(FILE *f)
{
    fputs("usage: pilotlog [--version] [--help] COMMAND [ARGS]\n\ncommands:\n", f);
    for (size_t i = 0; i < PL_ARRAY_SIZE(commands); i++)
        if (commands[i].summary)
            fprintf(f, "    %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'pilotlog help COMMAND' describes a command; 'man pilotlog' describes them all.\n", f);
}

void print_command_names(void)
{
    for (size_t i = 0; i < PL_ARRAY_SIZE(commands); i++)
        if (commands[i].summary) printf("%s\n", commands[i].name);
    printf("help\n");
}

static const command *find(const char *name)
{
    for (size_t i = 0; i < PL_ARRAY_SIZE(commands); i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("pilotlog %s (libgit2 %s, libyaml %s, cmark-gfm %s)\n", PILOTLOG_VERSION,
               LIBGIT2_VERSION, yaml_get_version_string(), cmark_version_string());
        return EXIT_OK;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return EXIT_OK;
        }
        const command *c = find(argv[2]);
        if (!c || !c->summary) {
            cli_error("'%s' is not a pilotlog command; see 'pilotlog help'", argv[2]);
            return EXIT_USAGE;
        }
        char *help_argv[] = {argv[2], "--help", NULL};
        return c->run(2, help_argv);
    }
    const command *c = find(name);
    if (c) return c->run(argc - 1, argv + 1);
    cli_error("'%s' is not a pilotlog command; see 'pilotlog --help'", name);
    return EXIT_USAGE;
}
