/*
 * schema.h - the JSON Schema (draft 2020-12) subset pilotlog implements,
 * applied to value trees.
 *
 * Implemented: type, enum, const, required, properties, patternProperties,
 * additionalProperties, propertyNames, dependentRequired, min/maxProperties,
 * items, prefixItems, min/maxItems, uniqueItems, contains, min/maxLength,
 * pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 * multipleOf, format (date, date-time, email, uri), allOf, anyOf, oneOf,
 * not, if/then/else, $ref to "#" and "#/$defs/NAME", $defs, boolean
 * schemas. Annotations are ignored. Any other keyword makes compilation
 * fail: a schema is never half-applied.
 */
#ifndef PL_SCHEMA_H
#define PL_SCHEMA_H

#include "diag.h"
#include "doc.h"

typedef struct pl_schema pl_schema;

/* Compiles a schema from YAML or JSON text; path is used in messages. */
int pl_schema_load(pl_schema **out, const char *path, const char *text, size_t len, pl_error *err);
/* Validates instance, appending one diagnostic per problem. Returns the
 * number of errors added. */
size_t pl_schema_validate(const pl_schema *schema, const pl_value *instance, pl_diags *out);
/* The path the schema was loaded from. */
const char *pl_schema_path(const pl_schema *schema);
void pl_schema_free(pl_schema *schema);

/* Property names the schema's root declares, for "did you mean" hints and
 * shell completion; NULL-terminated, owned by the schema. */
const char *const *pl_schema_root_properties(const pl_schema *schema);

#endif
