/*
 * commands.h - the subcommands, one cmd_<name>.c each, dispatched from
 * main.c. Each returns the process exit code.
 */
#ifndef PL_COMMANDS_H
#define PL_COMMANDS_H

#include "cli.h"
#include "history.h"

int cmd_check(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_advance(int argc, char **argv);
int cmd_decide(int argc, char **argv);
int cmd_hooks(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_complete(int argc, char **argv);
/* The listed commands, one per line (main.c). */
void print_command_names(void);

/*
 * One edit of one pilot, committed (pilot_commit.c). A command fills in
 * the assignments (or create, the whole new file), a subject, and
 * optionally a prepare hook that inspects the current version first.
 */
typedef struct pilot_edit pilot_edit;
struct pilot_edit {
    cli_repo *repo;
    const char *id;
    char *relpath;
    int today;
    str_list assignments; /* "path=value", applied in order */
    str_list owned;       /* strings to free */
    const char *create;   /* full content of a new pilot, or NULL */
    const char *subject;  /* default first line of the message */
    const char *message;  /* -m, replaces the subject */
    const char *body;     /* paragraph after the subject (e.g. a rationale) */
    /* Called with the tip's version before editing; may add assignments
     * or refuse (returning an error code with a message in err). */
    int (*prepare)(pilot_edit *e, const pl_doc *old, pl_error *err);
    void *prepare_ctx;
    /* filled in while committing */
    pl_diags problems;
};

void pilot_edit_init(pilot_edit *e, cli_repo *repo, const char *id, int today);
void pilot_edit_assign(pilot_edit *e, const char *key, const char *value);
void pilot_edit_assign_raw(pilot_edit *e, const char *assignment); /* "key=value" */
/* Commits; prints the result or the problems; returns the exit code. */
int pilot_edit_commit(pilot_edit *e);
void pilot_edit_free(pilot_edit *e);
/* Refuses a stage move the workflow does not allow (cmd_advance.c). */
int check_move(pilot_edit *e, const pl_doc *old, const char *to, pl_error *err);

/* What `check` was asked to do. */
typedef struct check_request {
    const char *schema; /* --schema FILE, or NULL */
    const char *range;  /* --range OLD..NEW, or NULL */
    out_format format;
    int today;
    bool strict, quiet;
} check_request;

int check_staged(const check_request *req); /* check_git.c */
int check_range(const check_request *req);

/* History as text (events.c). */
void print_events_text(pl_buf *out, const pl_history *h, const pl_event *const *events, size_t n,
                       bool show_pilot);
bool event_in_range(const pl_history *h, const pl_event *e, int since, int until);

/* Where site, list and log read from (sources.c): the repository around
 * the current directory, or several PATH[@REF] namespaced by folder. */
typedef struct source {
    char *spec, *path, *ref, *ns, *origin;
    char tip[8];
    pl_store *store;
    pl_rules *rules;
    pl_history *history;
} source;

typedef struct sources {
    source *items;
    size_t len;
    pl_pilots pilots;      /* all of them, sorted */
    pl_history *history;   /* NULL without history */
    pl_history *merged;    /* owned, when several */
    const pl_rules *rules; /* the first repository's: title, workflow */
    char label[64];        /* "HEAD @ 1a2b3c4" or "3 repositories" */
} sources;

enum { SOURCE_PILOTS = 1, SOURCE_HISTORY = 2, SOURCE_NO_CACHE = 4 };
/* Loads what asks for; prints problems and returns an exit code. */
int sources_open(sources *out, char **specs, int n, const char *default_ref, unsigned what,
                 int today);
void sources_close(sources *s);

/* Which build of pilotlog this is (program_id.c); 0 when unknown. */
uint64_t program_id(void);

/* Installs the pre-commit hook; EXIT_INVALID if a foreign hook is in the way. */
int install_pre_commit(pl_store *s, bool chain);

/* Prints a check report; returns EXIT_OK or EXIT_INVALID. */
int report_check(const pl_pilots *set, out_format format, bool strict, bool quiet);

/* "Dana Smith" from "Dana Smith <dana@example.com>", into buf. */

#endif
