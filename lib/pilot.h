/*
 * pilot.h - one pilot: its id, its file, its parsed front matter and
 * everything wrong with it; and a set of pilots.
 */
#ifndef PL_PILOT_H
#define PL_PILOT_H

#include "config.h"
#include "diag.h"
#include "doc.h"

#define PL_ID_MAX 64

typedef struct pl_pilot {
    char *id;     /* file stem; NULL when the name is not a valid id;
                     "repo/stem" in a portfolio of several repositories */
    char *path;   /* as shown to people: repository-relative or as given */
    char *origin; /* the repository it comes from (URL or path), when several */
    pl_doc *doc;  /* NULL when the file could not be parsed */
    pl_diags diags;
} pl_pilot;

typedef struct pl_pilots {
    pl_pilot **items;
    size_t len, cap;
} pl_pilots;

#define PL_PILOTS_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Lower-case letters, digits and '-', 1 to 64 characters. */
bool pl_id_valid(const char *id);
/* The id of "dir/<id>.md" into id (PL_ID_MAX + 1 bytes); false when the
 * stem is not a valid id. */
bool pl_id_from_path(const char *path, char id[PL_ID_MAX + 1]);
/* Whether a file name (no folder) names a pilot: "<stem>.md", not hidden. */
bool pl_pilot_file_name(const char *name, size_t len);
/* "Name <email>" as "Name" into buf; NULL when person is NULL. */
const char *pl_person_name(const char *person, char *buf, size_t cap);

/*
 * Parses and validates one pilot file (a Markdown file, or a YAML/JSON
 * document when whole_yaml). Never fails: problems land in diags.
 * today is a day number for date rules. Without rules the file is only
 * parsed (a previous version that is compared, not judged).
 */
pl_pilot *pl_pilot_parse(const char *path, const char *text, size_t len, const pl_rules *rules,
                         int today, bool whole_yaml);
/* Adds the problems of the move from a previous version (its text; an
 * unparsable previous version is skipped): disallowed transitions and
 * silently rewritten decisions. */
void pl_pilot_check_transition(pl_pilot *p, const pl_rules *rules, const char *old_text,
                               size_t old_len);
/* The same with the previous version already parsed (NULL: skipped). */
void pl_pilot_check_transition_doc(pl_pilot *p, const pl_rules *rules, const pl_doc *old);
/* A pilot with its id from path, no document and no problems yet. */
pl_pilot *pl_pilot_new(const char *path);
/* Records a problem that prevented reading the file at all. */
pl_pilot *pl_pilot_unreadable(const char *path, const pl_error *err);
/* A pilot file that is a symbolic link: never followed, listed as a problem. */
pl_pilot *pl_pilot_symlink(const char *path);
void pl_pilot_free(pl_pilot *p);

/* Front-matter accessors: the string at a dotted path, or NULL. */
const char *pl_pilot_str(const pl_pilot *p, const char *dotted);
const pl_value *pl_pilot_field(const pl_pilot *p, const char *dotted);
size_t pl_pilot_errors(const pl_pilot *p);
size_t pl_pilot_warnings(const pl_pilot *p);

/* What a programme lead needs to see first about a pilot. */
enum {
    PL_FLAG_OVERDUE = 1 << 0,                /* decision deadline passed, no decision */
    PL_FLAG_NO_DECISION_OWNER = 1 << 1,      /* nobody named can decide */
    PL_FLAG_NO_BUDGET = 1 << 2,              /* no budget holder */
    PL_FLAG_NO_PRODUCTION_PATH = 1 << 3,     /* no route to production */
    PL_FLAG_NO_MEASURABLE_CRITERIA = 1 << 4, /* no criterion with an OP NUMBER target */
    PL_FLAG_NO_DEADLINE = 1 << 5,            /* nothing forces a decision */
    PL_FLAG_INVALID = 1 << 6,                /* the file has errors */
    PL_FLAG_LONG = 1 << 7,                   /* running longer than 26 weeks */
};
#define PL_FLAG_COUNT 8

/* The flags of an open (not yet decided) pilot; closed pilots get only
 * PL_FLAG_INVALID. */
unsigned pl_pilot_flags(const pl_pilot *p, const pl_workflow *wf, int today);
/* "overdue", "no-decision-owner", ...: a stable name per flag bit. */
const char *pl_flag_name(unsigned flag);
/* A phrase for people: "decision overdue", "no decision owner", ... */
const char *pl_flag_label(unsigned flag);

void pl_pilots_add(pl_pilots *set, pl_pilot *p);
/* Puts a pilot into a portfolio of several repositories: its id becomes
 * "ns/id" and it remembers where it comes from. */
void pl_pilot_namespace(pl_pilot *p, const char *ns, const char *origin);
/* Whether an id is valid, alone or as "ns/id" with both parts valid. */
bool pl_id_valid_namespaced(const char *id);

/* Sorts by id (then path), so every listing is in a stable order. */
void pl_pilots_sort(pl_pilots *set);
pl_pilot *pl_pilots_find(const pl_pilots *set, const char *id);
void pl_pilots_free(pl_pilots *set);

#endif
