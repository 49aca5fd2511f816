/*
 * pilot_json.h - the documented JSON form of a pilot, shared by
 * `list --format json`, `show --format json` and the site's pilots.json.
 */
#ifndef PL_RENDER_PILOT_JSON_H
#define PL_RENDER_PILOT_JSON_H

#include "json.h"
#include "pilot.h"

/* Writes one pilot object; flags are its pl_pilot_flags. full adds the
 * front matter as "fields", the evaluated criteria and the problems. */
void pl_render_pilot_json(pl_json *j, const pl_pilot *p, unsigned flags, bool full);
/* Writes the problems array. */
void pl_render_problems_json(pl_json *j, const pl_diags *diags);

#endif
