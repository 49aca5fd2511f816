/*
 * pilot_json.c - a pilot as JSON (see README "JSON output").
 */
#include "render/pilot_json.h"

#include "criteria.h"

#include <stdlib.h>

void pl_render_problems_json(pl_json *j, const pl_diags *diags)
{
    pl_json_array_begin(j);
    for (size_t k = 0; k < diags->len; k++) {
        const pl_diag *d = &diags->items[k];
        pl_json_object_begin(j);
        pl_json_kstr(j, "severity", pl_severity_name(d->severity));
        pl_json_kint(j, "line", d->line);
        pl_json_kint(j, "col", d->col);
        pl_json_kstr(j, "pointer", d->pointer);
        pl_json_kstr(j, "rule", d->rule);
        pl_json_kstr(j, "message", d->message);
        pl_json_object_end(j);
    }
    pl_json_array_end(j);
}

static void criteria_json(pl_json *j, const pl_pilot *p, bool full)
{
    pl_criterion_eval *ev;
    size_t n = pl_criteria_evaluate(pl_pilot_field(p, "success_criteria"), &ev);
    size_t counts[4] = {0};
    for (size_t i = 0; i < n; i++) counts[ev[i].result]++;
    pl_json_key(j, "criteria_summary");
    pl_json_object_begin(j);
    for (int r = PL_CRIT_MET; r <= PL_CRIT_NOT_COMPARABLE; r++)
        pl_json_kint(j, pl_crit_result_name((pl_crit_result)r), (long long)counts[r]);
    pl_json_object_end(j);
    if (full) {
        pl_json_key(j, "criteria");
        pl_json_array_begin(j);
        for (size_t i = 0; i < n; i++) {
            pl_json_object_begin(j);
            pl_json_kstr(j, "id", ev[i].id);
            pl_json_kstr(j, "metric", ev[i].metric);
            pl_json_key(j, "baseline");
            pl_json_value(j, ev[i].baseline);
            pl_json_key(j, "target");
            pl_json_value(j, ev[i].target);
            pl_json_key(j, "actual");
            pl_json_value(j, ev[i].actual);
            pl_json_kstr(j, "result", pl_crit_result_name(ev[i].result));
            pl_json_kstr(j, "why", ev[i].why);
            pl_json_object_end(j);
        }
        pl_json_array_end(j);
    }
    free(ev);
}

void pl_render_pilot_json(pl_json *j, const pl_pilot *p, unsigned flags, bool full)
{
    static const char *const facts[] = {"title",
                                        "kind",
                                        "stage",
                                        "owner",
                                        "sponsor",
                                        "decision_owner",
                                        "budget_holder",
                                        "production_path",
                                        "start",
                                        "end",
                                        "decision_deadline",
                                        NULL};
    pl_json_object_begin(j);
    pl_json_kstr(j, "id", p->id);
    pl_json_kstr(j, "path", p->path);
    for (const char *const *f = facts; *f; f++) pl_json_kstr(j, *f, pl_pilot_str(p, *f));
    pl_json_key(j, "decision");
    pl_json_value(j, pl_pilot_field(p, "decision"));
    pl_json_key(j, "flags");
    pl_json_array_begin(j);
    for (unsigned bit = 1; bit < (1u << PL_FLAG_COUNT); bit <<= 1)
        if (flags & bit) pl_json_str(j, pl_flag_name(bit));
    pl_json_array_end(j);
    pl_json_kbool(j, "valid", pl_pilot_errors(p) == 0);
    pl_json_kint(j, "errors", (long long)pl_pilot_errors(p));
    pl_json_kint(j, "warnings", (long long)pl_pilot_warnings(p));
    criteria_json(j, p, full);
    if (full) {
        pl_json_key(j, "fields");
        pl_json_value(j, p->doc ? p->doc->root : NULL);
        pl_json_key(j, "problems");
        pl_render_problems_json(j, &p->diags);
    }
    pl_json_object_end(j);
}
