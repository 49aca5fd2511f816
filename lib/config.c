/*
 * config.c - loading .pilotlog/config.yaml and the schema and workflow.
 */
#include "config.h"

#include "strmap.h"

#include "buf.h"
#include "embedded.h"

#include <stdlib.h>
#include <string.h>

static int load_config(pl_config *cfg, const char *text, size_t len, pl_error *err)
{
    const pl_embedded *e = pl_embedded_find("schemas/config.schema.yaml");
    pl_schema *schema = NULL;
    pl_doc *doc = NULL;
    pl_diags diags = PL_DIAGS_INIT;
    int rc = pl_doc_parse_yaml(&doc, PL_CONFIG_PATH, text, len, NULL, err);
    if (rc) {
        pl_error_prefix(err, "%s:%d:%d", PL_CONFIG_PATH, err ? err->line : 0, err ? err->col : 0);
        return PL_ESCHEMA;
    }
    rc = pl_schema_load(&schema, e->name, e->data, e->len, err);
    if (!rc && doc->root->type != PL_NULL && pl_schema_validate(schema, doc->root, &diags)) {
        pl_diag *d = &diags.items[0];
        rc = pl_error_set_at(err, PL_ESCHEMA, d->line, d->col, "%s:%d:%d: %s: %s", PL_CONFIG_PATH,
                             d->line, d->col, d->pointer, d->message);
    }
    if (!rc) {
        const char *s;
        if ((s = pl_value_path_str(doc->root, "pilots_dir"))) {
            free(cfg->pilots_dir);
            cfg->pilots_dir = pl_strdup(s);
            /* "pilots/" and "pilots" mean the same folder */
            size_t n = strlen(cfg->pilots_dir);
            while (n > 1 && cfg->pilots_dir[n - 1] == '/') cfg->pilots_dir[--n] = '\0';
        }
        if ((s = pl_value_path_str(doc->root, "schema"))) {
            free(cfg->schema_path);
            cfg->schema_path = pl_strdup(s);
        }
        if ((s = pl_value_path_str(doc->root, "workflow"))) {
            free(cfg->workflow_path);
            cfg->workflow_path = pl_strdup(s);
        }
        if ((s = pl_value_path_str(doc->root, "site.title"))) {
            free(cfg->site_title);
            cfg->site_title = pl_strdup(s);
        }
        if ((s = pl_value_path_str(doc->root, "site.base_url"))) cfg->base_url = pl_strdup(s);
    }
    pl_diags_free(&diags);
    pl_schema_free(schema);
    pl_doc_free(doc);
    return rc;
}

/* Reads a repository file, or the embedded default when the repository
 * has none. *where says which was used. */
static int read_rule_file(pl_read_fn read, void *ctx, const char *relpath, bool required,
                          const char *builtin, char **data, size_t *len, char **where,
                          pl_error *err)
{
    int rc = read ? read(ctx, relpath, data, len, err) : PL_ENOTFOUND;
    if (rc == 0) {
        *where = pl_strdup(relpath);
        return 0;
    }
    if (rc != PL_ENOTFOUND) return rc;
    if (required)
        return pl_error_set(err, PL_ESCHEMA, "%s: configured in %s but not found", relpath,
                            PL_CONFIG_PATH);
    const pl_embedded *e = pl_embedded_find(builtin);
    *data = pl_strndup(e->data, e->len);
    *len = e->len;
    pl_buf b = PL_BUF_INIT;
    pl_buf_printf(&b, "built-in %s", builtin);
    *where = pl_buf_detach(&b);
    return 0;
}

int pl_rules_load(pl_rules **out, pl_read_fn read, void *ctx, const char *schema_file,
                  pl_error *err)
{
    pl_rules *r = pl_calloc(1, sizeof(*r));
    char *data = NULL, *where = NULL;
    size_t len = 0;
    int rc = 0;
    *out = NULL;
    r->config.pilots_dir = pl_strdup(PL_DEFAULT_PILOTS_DIR);
    r->config.site_title = pl_strdup(PL_DEFAULT_SITE_TITLE);

    if (read) {
        rc = read(ctx, PL_CONFIG_PATH, &data, &len, err);
        if (rc == 0) r->fingerprint = pl_hash_bytes(data, len);
        if (rc == 0)
            rc = load_config(&r->config, data, len, err);
        else if (rc == PL_ENOTFOUND)
            rc = 0;
        free(data);
        data = NULL;
    }
    bool schema_configured = r->config.schema_path != NULL;
    bool workflow_configured = r->config.workflow_path != NULL;
    const char *schema_rel = schema_configured ? r->config.schema_path : PL_DEFAULT_SCHEMA_PATH;
    const char *workflow_rel = workflow_configured ? r->config.workflow_path : PL_DEFAULT_WORKFLOW;

    if (!rc && schema_file) {
        rc = pl_read_file(&data, &len, schema_file, PL_LIMIT_FRONT_MATTER_BYTES, err);
        if (rc) {
            if (err) err->code = PL_ESCHEMA;
            rc = PL_ESCHEMA;
        } else {
            where = pl_strdup(schema_file);
        }
    } else if (!rc) {
        rc = read_rule_file(read, ctx, schema_rel, schema_configured, "schemas/pilot.schema.yaml",
                            &data, &len, &where, err);
    }
    if (!rc) r->fingerprint = r->fingerprint * 31 + pl_hash_bytes(data, len);
    if (!rc) rc = pl_schema_load(&r->schema, where, data, len, err);
    free(r->config.schema_path);
    r->config.schema_path = where;
    where = NULL;
    free(data);
    data = NULL;

    if (!rc)
        rc = read_rule_file(read, ctx, workflow_rel, workflow_configured, "schemas/workflow.yaml",
                            &data, &len, &where, err);
    if (!rc) r->fingerprint = r->fingerprint * 31 + pl_hash_bytes(data, len);
    if (!rc) rc = pl_workflow_load(&r->workflow, where, data, len, err);
    free(r->config.workflow_path);
    r->config.workflow_path = where;
    free(data);

    if (rc) {
        pl_rules_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

void pl_rules_free(pl_rules *r)
{
    if (!r) return;
    free(r->config.pilots_dir);
    free(r->config.schema_path);
    free(r->config.workflow_path);
    free(r->config.site_title);
    free(r->config.base_url);
    pl_schema_free(r->schema);
    pl_workflow_free(r->workflow);
    free(r);
}
