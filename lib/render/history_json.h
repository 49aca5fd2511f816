/*
 * history_json.h - the documented JSON form of history events, shared by
 * `log --format json`, `show --format json` and the site's pilots.json.
 */
#ifndef PL_RENDER_HISTORY_JSON_H
#define PL_RENDER_HISTORY_JSON_H

#include "history.h"
#include "json.h"

/* The author date of a commit as YYYY-MM-DD in the author's time zone. */
void pl_commit_date(const pl_history_commit *c, char out[11]);
/* The same day as a day number (pl_date_from_epoch). */
int pl_commit_day(const pl_history_commit *c);
/* The author date as ISO 8601 with the author's offset. */
void pl_commit_datetime(const pl_history_commit *c, char out[32]);

/* One event as a JSON object. */
void pl_render_event_json(pl_json *j, const pl_history *h, const pl_event *e);

#endif
