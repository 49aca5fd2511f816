/*
 * config.h - a repository's rules: .pilotlog/config.yaml, and the schema
 * and workflow it points to (or the ones compiled into pilotlog).
 */
#ifndef PL_CONFIG_H
#define PL_CONFIG_H

#include "schema.h"
#include "workflow.h"

#define PL_CONFIG_PATH         ".pilotlog/config.yaml"
#define PL_DEFAULT_SCHEMA_PATH ".pilotlog/pilot.schema.yaml"
#define PL_DEFAULT_WORKFLOW    ".pilotlog/workflow.yaml"
#define PL_DEFAULT_PILOTS_DIR  "pilots"
#define PL_DEFAULT_SITE_TITLE  "Pilot portfolio"

typedef struct pl_config {
    char *pilots_dir;
    char *schema_path;   /* where the schema came from, for messages */
    char *workflow_path; /* likewise */
    char *site_title;
    char *base_url; /* NULL when not set */
} pl_config;

/* Reads a repository file by its path relative to the root. Returns
 * PL_ENOTFOUND when the file does not exist. */
typedef int (*pl_read_fn)(void *ctx, const char *relpath, char **data, size_t *len, pl_error *err);

typedef struct pl_rules {
    pl_config config;
    pl_schema *schema;
    pl_workflow *workflow;
    uint64_t fingerprint; /* of the texts they were loaded from */
} pl_rules;

/* Loads config, schema and workflow through read (NULL read: built-in
 * defaults only). schema_file, when non-NULL, is a file on disk that
 * replaces the repository's schema (check --schema). */
int pl_rules_load(pl_rules **out, pl_read_fn read, void *ctx, const char *schema_file,
                  pl_error *err);
void pl_rules_free(pl_rules *rules);

#endif
