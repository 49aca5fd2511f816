/*
 * history_json.c - history events as JSON (see README "JSON output").
 */
#include "render/history_json.h"

#include "date.h"

#include <string.h>

static int64_t local_seconds(const pl_history_commit *c)
{
    return c->time + (int64_t)c->offset * 60;
}

int pl_commit_day(const pl_history_commit *c)
{
    return pl_date_from_epoch(local_seconds(c));
}

void pl_commit_date(const pl_history_commit *c, char out[11])
{
    pl_date_format(pl_commit_day(c), out);
}

static char *two_digits(char *p, int v)
{
    *p++ = (char)('0' + v / 10 % 10);
    *p++ = (char)('0' + v % 10);
    return p;
}

/* YYYY-MM-DDTHH:MM:SS+HH:MM, by hand: it is written once per event, and
 * a long history has hundreds of thousands. */
void pl_commit_datetime(const pl_history_commit *c, char out[32])
{
    int64_t s = local_seconds(c);
    int sod = (int)(((s % 86400) + 86400) % 86400);
    int off = c->offset < 0 ? -c->offset : c->offset;
    pl_commit_date(c, out);
    char *p = out + strlen(out);
    *p++ = 'T';
    p = two_digits(p, sod / 3600);
    *p++ = ':';
    p = two_digits(p, sod / 60 % 60);
    *p++ = ':';
    p = two_digits(p, sod % 60);
    *p++ = c->offset < 0 ? '-' : '+';
    p = two_digits(p, off / 60 % 100);
    *p++ = ':';
    p = two_digits(p, off % 60);
    *p = '\0';
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
