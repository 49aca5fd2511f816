/*
 * history_json.c - history events as JSON (see README "JSON output").
 */
#include "render/history_json.h"

#include "date.h"

#include <stdio.h>

static int64_t local_seconds(const pl_history_commit *c)
{
    return c->time + (int64_t)c->offset * 60;
}

void pl_commit_date(const pl_history_commit *c, char out[11])
{
    pl_date_format(pl_date_from_epoch(local_seconds(c)), out);
}

void pl_commit_datetime(const pl_history_commit *c, char out[32])
{
    char day[11];
    int64_t s = local_seconds(c);
    int64_t sod = ((s % 86400) + 86400) % 86400;
    int off = c->offset < 0 ? -c->offset : c->offset;
    pl_commit_date(c, day);
    snprintf(out, 32, "%s%c%02d:%02d:%02d%c%02d:%02d", day, 'T', (int)(sod / 3600),
             (int)(sod / 60 % 60), (int)(sod % 60), c->offset < 0 ? '-' : '+', off / 60 % 100,
             off % 60);
}

void pl_render_event_json(pl_json *j, const pl_history *h, const pl_event *e)
{
    const pl_history_commit *c = &h->commits[e->commit];
    char hex[GIT_OID_HEXSZ + 1], when[32];
    pl_json_object_begin(j);
    pl_json_kstr(j, "kind", pl_event_kind_name(e->kind));
    pl_json_kstr(j, "pilot", e->pilot);
    pl_json_kstr(j, "id", e->id_then);
    pl_json_kstr(j, "commit", git_oid_tostr(hex, sizeof(hex), &c->id));
    pl_json_kstr(j, "author", c->author);
    pl_json_kstr(j, "email", c->email);
    pl_commit_datetime(c, when);
    pl_json_kstr(j, "date", when);
    pl_json_kstr(j, "subject", c->subject);
    if (e->field) pl_json_kstr(j, "field", e->field);
    if (e->kind != PL_EV_BODY && e->kind != PL_EV_REPAIRED) {
        pl_json_kstr(j, "old", e->old_value);
        pl_json_kstr(j, "new", e->new_value);
    }
    if (e->kind == PL_EV_DECISION) {
        pl_json_key(j, "decision");
        pl_json_object_begin(j);
        pl_json_kstr(j, "outcome", e->new_value);
        pl_json_kstr(j, "date", e->decision_date);
        pl_json_kstr(j, "by", e->decision_by);
        pl_json_kstr(j, "rationale", e->rationale);
        pl_json_object_end(j);
    }
    if (e->kind == PL_EV_CREATED) pl_json_kbool(j, "first_seen", e->first_seen);
    pl_json_object_end(j);
}
