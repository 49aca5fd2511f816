/*
 * commands.h - the subcommands, one cmd_<name>.c each, dispatched from
 * main.c. Each returns the process exit code.
 */
#ifndef PL_COMMANDS_H
#define PL_COMMANDS_H

#include "cli.h"

int cmd_check(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);

/* Prints a check report; returns EXIT_OK or EXIT_INVALID. */
int report_check(const pl_pilots *set, out_format format, bool strict, bool quiet);

/* "Dana Smith" from "Dana Smith <dana@example.com>", into buf. */
const char *person_name(const char *person, char *buf, size_t cap);

#endif
