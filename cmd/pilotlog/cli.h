/*
 * cli.h - what every subcommand shares: exit codes, output formats, the
 * date called "today", colour, error printing, and opening the repository
 * with its rules.
 */
#ifndef PL_CLI_H
#define PL_CLI_H

#include "buf.h"
#include "options.h"
#include "store.h"

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

typedef enum out_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_MARKDOWN } out_format;

/* Parses --format; markdown only where allowed. Prints the error. */
int cli_format(const char *s, out_format *out, bool allow_markdown);
/* today from --today, else SOURCE_DATE_EPOCH, else the clock. */
int cli_today(const char *opt, int *days);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints err and returns the exit code its code calls for. */
int cli_fail(const pl_error *err);
/* Colour escapes when f is a terminal and NO_COLOR is unset; "" otherwise. */
const char *cli_color(FILE *f, const char *sgr);
/* Writes b to stdout. */
void cli_out(const pl_buf *b);
/* A flush callback for pl_json_stream: writes to the FILE * in ctx. */
void cli_write(void *ctx, const char *data, size_t len);

typedef struct cli_repo {
    pl_store *store; /* NULL outside a repository when not required */
    pl_rules *rules;
} cli_repo;

/* Opens the repository around the current directory and loads its rules
 * (from the working tree). Returns an exit code; prints problems. */
int cli_open_repo(cli_repo *r, bool need_repo, const char *schema_file);
void cli_close_repo(cli_repo *r);

/* Validates an ID given on the command line (exit 2 when path-like). */
int cli_check_id(const char *id);

#endif
