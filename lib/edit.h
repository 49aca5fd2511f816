/*
 * edit.h - changing front-matter fields in place. Only the bytes of the
 * value that changes are rewritten (or one line is inserted): comments,
 * key order, quoting and the body stay byte-identical. Every edit is
 * verified by parsing the result again.
 */
#ifndef PL_EDIT_H
#define PL_EDIT_H

#include "buf.h"
#include "doc.h"

/*
 * Sets the field at a dotted path to value, written as YAML text (so
 * "80" is a number and "74%" a string; quote it to force a string).
 * A path segment after success_criteria names a criterion by its id
 * ("success_criteria.adoption.actual"); missing mappings are created.
 * out receives the whole new file. Errors: PL_EINVALID (value or path
 * unusable), PL_ENOTFOUND (no criterion with that id).
 */
int pl_edit_set(pl_buf *out, const pl_doc *doc, const char *path, const char *value, pl_error *err);

/* Applies several "path=value" assignments in order, re-parsing between
 * them; returns the final text in out. */
int pl_edit_assignments(pl_buf *out, const char *path, const char *text, size_t len,
                        const char *const *assignments, size_t n, pl_error *err);

/* Appends s as a YAML scalar that reads back as the string s: plain when
 * that is safe, double-quoted otherwise. */
void pl_yaml_string(pl_buf *out, const char *s);

#endif
