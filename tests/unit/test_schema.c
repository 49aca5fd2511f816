/*
 * test_schema.c - the JSON Schema (draft 2020-12) keyword subset, case by
 * case from the specification: for every implemented keyword a valid and
 * an invalid instance, then what the compiler refuses, and the positions
 * and JSON pointers that diagnostics carry.
 *
 * Schemas and instances are YAML (mostly flow style) parsed the way
 * pilotlog parses them, so 1.0 is a number, 'x' a string, ~ null.
 */
#include "embedded.h"
#include "schema.h"

#include "tap.h"

#include <stdlib.h>
#include <string.h>

typedef struct kase {
    const char *schema;
    const char *instance;
    bool valid;
    const char *name;
} kase;

/* Validates instance against schema; the error count, or -1 when either
 * fails to load. With show, the diagnostics are printed as TAP comments. */
static long run(const char *schema_text, const char *instance_text, bool show)
{
    pl_error err;
    pl_schema *schema;
    pl_doc *doc;
    pl_diags diags = PL_DIAGS_INIT;
    if (pl_schema_load(&schema, "t.schema.yaml", schema_text, strlen(schema_text), &err)) {
        printf("# schema refused: %s\n", err.message);
        return -1;
    }
    if (pl_doc_parse_yaml(&doc, "t.yaml", instance_text, strlen(instance_text), NULL, &err)) {
        printf("# instance refused: %s\n", err.message);
        pl_schema_free(schema);
        return -1;
    }
    size_t n = pl_schema_validate(schema, doc->root, &diags), len = diags.len;
    if (n != len) printf("# %zu errors counted but %zu diagnostics\n", n, len);
    for (size_t i = 0; show && i < len; i++)
        printf("#   %d:%d %s [%s] %s\n", diags.items[i].line, diags.items[i].col,
               diags.items[i].pointer, diags.items[i].rule, diags.items[i].message);
    pl_diags_free(&diags);
    pl_doc_free(doc);
    pl_schema_free(schema);
    return n == len ? (long)n : -1;
}

/* A key long enough to make the JSON pointer buffer grow. */
#define LONG_KEY                                                                                   \
    "a_property_name_long_enough_to_make_the_json_pointer_buffer_grow_while_a_branch_is_probed_"   \
    "quietly"

static long count_errors(const char *schema_text, const char *instance_text)
{
    return run(schema_text, instance_text, false);
}

static const kase cases[] = {
    /* type */
    {"{type: integer}", "1", 1, "type integer: 1"},
    {"{type: integer}", "1.0", 1, "type integer: 1.0 is an integer"},
    {"{type: integer}", "1e2", 1, "type integer: 1e2 is an integer"},
    {"{type: integer}", "1.5", 0, "type integer: 1.5 is not"},
    {"{type: integer}", "'1'", 0, "type integer: a string is not"},
    {"{type: integer}", ".inf", 0, "type integer: infinity is not"},
    {"{type: number}", "1", 1, "type number: an integer is a number"},
    {"{type: number}", "-2.5", 1, "type number: 2.5"},
    {"{type: number}", "'1'", 0, "type number: a numeric string is not"},
    {"{type: number}", "true", 0, "type number: a boolean is not"},
    {"{type: string}", "x", 1, "type string: x"},
    {"{type: string}", "2026-09-01", 1, "type string: a date is a string"},
    {"{type: string}", "1", 0, "type string: 1 is not"},
    {"{type: string}", "null", 0, "type string: null is not"},
    {"{type: boolean}", "false", 1, "type boolean: false"},
    {"{type: boolean}", "0", 0, "type boolean: 0 is not"},
    {"{type: boolean}", "'true'", 0, "type boolean: 'true' is not"},
    {"{type: 'null'}", "~", 1, "type null: ~"},
    {"{type: 'null'}", "''", 0, "type null: the empty string is not"},
    {"{type: 'null'}", "false", 0, "type null: false is not"},
    {"{type: array}", "[]", 1, "type array: []"},
    {"{type: array}", "{}", 0, "type array: {} is not"},
    {"{type: object}", "{}", 1, "type object: {}"},
    {"{type: object}", "[]", 0, "type object: [] is not"},
    {"{type: [string, 'null']}", "~", 1, "type list: null"},
    {"{type: [string, 'null']}", "x", 1, "type list: string"},
    {"{type: [string, 'null']}", "1", 0, "type list: integer is neither"},

    /* enum */
    {"{enum: [a, 1, ~]}", "a", 1, "enum: a string member"},
    {"{enum: [a, 1, ~]}", "1.0", 1, "enum: 1.0 equals 1"},
    {"{enum: [a, 1, ~]}", "~", 1, "enum: null member"},
    {"{enum: [a, 1, ~]}", "b", 0, "enum: not a member"},
    {"{enum: [a, 1, ~]}", "'1'", 0, "enum: '1' is not 1"},
    {"{enum: [false]}", "0", 0, "enum: 0 is not false"},
    {"{enum: [0]}", "false", 0, "enum: false is not 0"},
    {"{enum: [[1, 2], {a: 1}]}", "[1, 2]", 1, "enum: array member"},
    {"{enum: [[1, 2], {a: 1}]}", "{a: 1.0}", 1, "enum: object member"},
    {"{enum: [[1, 2], {a: 1}]}", "[2, 1]", 0, "enum: array order matters"},
    {"{enum: [[1, 2], {a: 1}]}", "{a: 1, b: 2}", 0, "enum: extra key"},

    /* const */
    {"{const: 2}", "2", 1, "const: 2"},
    {"{const: 2}", "2.0", 1, "const: 2.0 equals 2"},
    {"{const: 2}", "'2'", 0, "const: '2' is not 2"},
    {"{const: {a: [1, b]}}", "{a: [1, b]}", 1, "const: deep equality"},
    {"{const: {a: [1, b]}}", "{a: [1]}", 0, "const: deep inequality"},
    {"{const: {a: 1, b: 2}}", "{b: 2, a: 1}", 1, "const: key order does not matter"},
    {"{const: ~}", "~", 1, "const null: null"},
    {"{const: ~}", "0", 0, "const null: 0 is not null"},
    {"{const: false}", "0", 0, "const false: 0 is not false"},
    {"{const: false}", "false", 1, "const false: false"},

    /* required */
    {"{required: [a, b]}", "{a: 1, b: ~}", 1, "required: both present (null counts)"},
    {"{required: [a, b]}", "{a: 1}", 0, "required: b missing"},
    {"{required: [a, b]}", "[a, b]", 1, "required: ignores arrays"},
    {"{required: [a, b]}", "x", 1, "required: ignores strings"},
    {"{required: []}", "{}", 1, "required: empty list"},

    /* properties */
    {"{properties: {a: {type: string}, b: {type: integer}}}", "{a: x, b: 1}", 1,
     "properties: both match"},
    {"{properties: {a: {type: string}, b: {type: integer}}}", "{a: 1}", 0,
     "properties: a has the wrong type"},
    {"{properties: {a: {type: string}}}", "{c: 1}", 1, "properties: other keys are free"},
    {"{properties: {a: {type: string}}}", "[1]", 1, "properties: ignores arrays"},
    {"{properties: {'a/b': {type: integer}}}", "{'a/b': x}", 0, "properties: a name with a slash"},
    {"{properties: {a: false}}", "{b: 1}", 1, "properties: false schema for an absent key"},
    {"{properties: {a: false}}", "{a: 1}", 0, "properties: false schema for a present key"},

    /* patternProperties */
    {"{patternProperties: {'^x-': {type: integer}}}", "{x-a: 1, y: s}", 1,
     "patternProperties: matching key valid"},
    {"{patternProperties: {'^x-': {type: integer}}}", "{x-a: s}", 0,
     "patternProperties: matching key invalid"},
    {"{patternProperties: {'^x-': {type: integer}}}", "{ax-: s}", 1,
     "patternProperties: anchored pattern does not match"},
    {"{patternProperties: {'o': {type: integer}}}", "{foo: s}", 0,
     "patternProperties: patterns are not anchored"},
    {"{properties: {xa: {minimum: 5}}, patternProperties: {'^x': {maximum: 10}}}", "{xa: 7}", 1,
     "patternProperties and properties both apply: valid"},
    {"{properties: {xa: {minimum: 5}}, patternProperties: {'^x': {maximum: 10}}}", "{xa: 11}", 0,
     "patternProperties and properties both apply: pattern fails"},
    {"{properties: {xa: {minimum: 5}}, patternProperties: {'^x': {maximum: 10}}}", "{xa: 3}", 0,
     "patternProperties and properties both apply: property fails"},

    /* additionalProperties */
    {"{properties: {a: {}}, patternProperties: {'^v': {}}, additionalProperties: false}",
     "{a: 1, v1: 2}", 1, "additionalProperties false: declared and pattern keys"},
    {"{properties: {a: {}}, patternProperties: {'^v': {}}, additionalProperties: false}",
     "{a: 1, b: 2}", 0, "additionalProperties false: an extra key"},
    {"{additionalProperties: false}", "[1, 2]", 1, "additionalProperties: ignores arrays"},
    {"{properties: {a: {}}, additionalProperties: {type: boolean}}", "{a: 1, b: true}", 1,
     "additionalProperties schema: extra key matches"},
    {"{properties: {a: {}}, additionalProperties: {type: boolean}}", "{b: 1}", 0,
     "additionalProperties schema: extra key does not match"},
    {"{additionalProperties: {type: boolean}}", "{x: true}", 1,
     "additionalProperties alone: valid"},
    {"{additionalProperties: {type: boolean}}", "{x: 1}", 0, "additionalProperties alone: invalid"},
    {"{additionalProperties: true}", "{x: 1}", 1, "additionalProperties true"},

    /* propertyNames */
    {"{propertyNames: {maxLength: 3}}", "{abc: 1}", 1, "propertyNames: short name"},
    {"{propertyNames: {maxLength: 3}}", "{abcd: 1}", 0, "propertyNames: long name"},
    {"{propertyNames: {pattern: '^[a-z]+$'}}", "{Ab: 1}", 0, "propertyNames: pattern"},
    {"{propertyNames: {maxLength: 3}}", "abcdef", 1, "propertyNames: ignores strings"},
    {"{propertyNames: false}", "{}", 1, "propertyNames false: empty object"},
    {"{propertyNames: false}", "{a: 1}", 0, "propertyNames false: any key"},

    /* dependentRequired */
    {"{dependentRequired: {bar: [foo]}}", "{}", 1, "dependentRequired: neither"},
    {"{dependentRequired: {bar: [foo]}}", "{foo: 1}", 1, "dependentRequired: dependency only"},
    {"{dependentRequired: {bar: [foo]}}", "{bar: 1, foo: 2}", 1, "dependentRequired: both"},
    {"{dependentRequired: {bar: [foo]}}", "{bar: 1}", 0, "dependentRequired: foo missing"},
    {"{dependentRequired: {bar: [foo]}}", "[bar]", 1, "dependentRequired: ignores arrays"},

    /* minProperties / maxProperties */
    {"{minProperties: 1}", "{a: 1}", 1, "minProperties: enough"},
    {"{minProperties: 1}", "{}", 0, "minProperties: too few"},
    {"{minProperties: 1}", "[]", 1, "minProperties: ignores arrays"},
    {"{maxProperties: 2}", "{a: 1, b: 2}", 1, "maxProperties: at the limit"},
    {"{maxProperties: 2}", "{a: 1, b: 2, c: 3}", 0, "maxProperties: too many"},
    {"{maxProperties: 0}", "{}", 1, "maxProperties 0: empty object"},

    /* items / prefixItems */
    {"{items: {type: integer}}", "[1, 2]", 1, "items: all match"},
    {"{items: {type: integer}}", "[1, x]", 0, "items: one does not"},
    {"{items: {type: integer}}", "[]", 1, "items: empty array"},
    {"{items: {type: integer}}", "{a: x}", 1, "items: ignores objects"},
    {"{items: false}", "[]", 1, "items false: empty array"},
    {"{items: false}", "[1]", 0, "items false: any item"},
    {"{prefixItems: [{type: integer}, {type: string}], items: false}", "[1, a]", 1,
     "prefixItems: both positions match"},
    {"{prefixItems: [{type: integer}, {type: string}], items: false}", "[1]", 1,
     "prefixItems: fewer items than prefixes"},
    {"{prefixItems: [{type: integer}, {type: string}], items: false}", "[1, a, 2]", 0,
     "prefixItems with items false: an extra item"},
    {"{prefixItems: [{type: integer}, {type: string}], items: false}", "[a]", 0,
     "prefixItems: first position wrong"},
    {"{prefixItems: [{type: integer}]}", "[1, x, y]", 1, "prefixItems alone: later items are free"},
    {"{prefixItems: [{type: integer}], items: {type: string}}", "[1, x, 2]", 0,
     "items applies after the prefix"},

    /* minItems / maxItems */
    {"{minItems: 1}", "[1]", 1, "minItems: enough"},
    {"{minItems: 1}", "[]", 0, "minItems: too few"},
    {"{minItems: 1}", "''", 1, "minItems: ignores strings"},
    {"{maxItems: 2}", "[1, 2]", 1, "maxItems: at the limit"},
    {"{maxItems: 2}", "[1, 2, 3]", 0, "maxItems: too many"},

    /* uniqueItems */
    {"{uniqueItems: true}", "[1, 2]", 1, "uniqueItems: distinct"},
    {"{uniqueItems: true}", "[1, 1]", 0, "uniqueItems: duplicate"},
    {"{uniqueItems: true}", "[1, 1.0]", 0, "uniqueItems: 1 and 1.0 are equal"},
    {"{uniqueItems: true}", "[0, false]", 1, "uniqueItems: 0 and false differ"},
    {"{uniqueItems: true}", "['1', 1]", 1, "uniqueItems: '1' and 1 differ"},
    {"{uniqueItems: true}", "[{a: 1, b: 2}, {b: 2, a: 1}]", 0,
     "uniqueItems: objects equal regardless of key order"},
    {"{uniqueItems: true}", "[[1], [true]]", 1, "uniqueItems: nested arrays differ"},
    {"{uniqueItems: true}", "[[1], [1]]", 0, "uniqueItems: nested arrays equal"},
    {"{uniqueItems: false}", "[1, 1]", 1, "uniqueItems false: duplicates allowed"},

    /* contains */
    {"{contains: {minimum: 5}}", "[3, 6]", 1, "contains: one item matches"},
    {"{contains: {minimum: 5}}", "[3, 4]", 0, "contains: none matches"},
    {"{contains: {minimum: 5}}", "[]", 0, "contains: empty array"},
    {"{contains: {minimum: 5}}", "{a: 6}", 1, "contains: ignores objects"},
    {"{contains: {required: [a_rather_long_property_name_to_make_the_pointer_grow_a_lot]}}",
     "[{b: 1}, {a_rather_long_property_name_to_make_the_pointer_grow_a_lot: 1}]", 1,
     "contains: object items (probe with its own pointer)"},
    {"{items: {contains: {properties: {" LONG_KEY ": {type: integer}}}}}",
     "[[{" LONG_KEY ": x}], [{" LONG_KEY ": 1}]]", 0,
     "contains below items: nested pointer stays intact"},

    /* minLength / maxLength: code points */
    {"{maxLength: 1}", "\xC3\xA9", 1, "maxLength: 'é' has length 1"},
    {"{maxLength: 1}", "\xF0\x9F\x92\xA9", 1, "maxLength: a 4-byte character has length 1"},
    {"{maxLength: 1}", "ab", 0, "maxLength: too long"},
    {"{maxLength: 1}", "100", 1, "maxLength: ignores numbers"},
    {"{minLength: 2}", "\xC3\xA9", 0, "minLength: 'é' is one character"},
    {"{minLength: 2}", "\xC3\xA9\xC3\xA9", 1, "minLength: 'éé' is two"},
    {"{minLength: 1}", "''", 0, "minLength: empty string"},

    /* pattern */
    {"{pattern: '^a*$'}", "aaa", 1, "pattern: matches"},
    {"{pattern: '^a*$'}", "abc", 0, "pattern: does not match"},
    {"{pattern: '^a*$'}", "123", 1, "pattern: ignores numbers"},
    {"{pattern: 'b+'}", "xxbbyy", 1, "pattern: unanchored search"},
    {"{pattern: 'b+'}", "xyz", 0, "pattern: unanchored search fails"},
    {"{pattern: '^\\d{3}$'}", "'123'", 1, "pattern \\d: digits"},
    {"{pattern: '^\\d{3}$'}", "'12a'", 0, "pattern \\d: a letter"},
    {"{pattern: '^\\w+$'}", "a_1Z", 1, "pattern \\w: word characters"},
    {"{pattern: '^\\w+$'}", "a-1", 0, "pattern \\w: a dash is not"},
    {"{pattern: '\\s'}", "a b", 1, "pattern \\s: a space"},
    {"{pattern: '\\s'}", "\"a\\tb\"", 1, "pattern \\s: a tab"},
    {"{pattern: '\\s'}", "ab", 0, "pattern \\s: no space"},
    {"{pattern: '^\\D+$'}", "abc", 1, "pattern \\D: no digits"},
    {"{pattern: '^\\D+$'}", "a1", 0, "pattern \\D: a digit"},
    {"{pattern: '^\\W$'}", "'-'", 1, "pattern \\W: punctuation"},
    {"{pattern: '^\\W$'}", "a", 0, "pattern \\W: a letter"},
    {"{pattern: '^\\S+$'}", "ab", 1, "pattern \\S: no space"},
    {"{pattern: '^\\S+$'}", "a b", 0, "pattern \\S: a space"},
    {"{pattern: '\\.'}", "a.b", 1, "pattern: escaped dot matches a dot"},
    {"{pattern: '\\.'}", "ab", 0, "pattern: escaped dot is not any character"},
    {"{pattern: '^[\\w.+-]+@[\\w-]+\\.[a-z]+$'}", "a.b+c@ex-1.org", 1,
     "pattern class with \\w and a trailing dash: valid"},
    {"{pattern: '^[\\w.+-]+@[\\w-]+\\.[a-z]+$'}", "a b@x.org", 0,
     "pattern class with \\w: a space is not in it"},
    {"{pattern: '^[\\d\\s]+$'}", "'1 2'", 1, "pattern class [\\d\\s]: valid"},
    {"{pattern: '^[\\d\\s]+$'}", "1a", 0, "pattern class [\\d\\s]: a letter"},
    {"{pattern: '^[\\]\\\\]+$'}", "']\\'", 1, "pattern class with escaped ] and \\: valid"},
    {"{pattern: '^[\\]\\\\]+$'}", "a", 0, "pattern class with escaped ] and \\: invalid"},
    {"{pattern: '^[a\\-z]+$'}", "'-a'", 1, "pattern class with an escaped dash: the dash"},
    {"{pattern: '^[a\\-z]+$'}", "b", 0, "pattern class with an escaped dash is no range"},
    {"{pattern: '^[\\^a]+$'}", "'^a'", 1, "pattern class with an escaped caret: the caret"},
    {"{pattern: '^[\\^a]+$'}", "b", 0, "pattern class with an escaped caret is no negation"},
    {"{pattern: '^[\\^]$'}", "'^'", 1, "pattern class of an escaped caret alone"},
    {"{pattern: '^[-^]+$'}", "'-^'", 1, "pattern class of a dash and a caret: valid"},
    {"{pattern: '^[-^]+$'}", "a", 0, "pattern class of a dash and a caret is no negation"},
    {"{pattern: '^[[:]+$'}", "'[:'", 1, "pattern class with '[' and ':': valid"},
    {"{pattern: '^[[:]+$'}", "a", 0, "pattern class with '[' and ':': invalid"},
    {"{pattern: '^[^\\d]+$'}", "abc", 1, "pattern negated class with \\d: valid"},
    {"{pattern: '^[^\\d]+$'}", "a1", 0, "pattern negated class with \\d: invalid"},
    {"{pattern: '^[\\t]$'}", "\"\\t\"", 1, "pattern class with \\t"},
    {"{pattern: '^a\\/b$'}", "a/b", 1, "pattern: escaped slash"},
    {"{pattern: '^\xCF\x80$'}", "\xCF\x80", 1, "pattern: a literal non-ASCII character"},
    {"{pattern: '^\xCF\x80$'}", "\xCF\x80\xCF\x80", 0, "pattern: two of them do not match"},
    {"{pattern: '^.$'}", "\xC3\xA9", 1, "pattern: '.' matches one code point"},
    {"{pattern: '^.{2}$'}", "\xC3\xA9\xF0\x9F\x92\xA9", 1, "pattern: '.{2}' counts code points"},
    {"{pattern: '^[^a]$'}", "\xC3\xA9", 1, "pattern: a negated class matches one code point"},
    {"{pattern: '^[a-z]$'}", "\xC3\xA9", 0, "pattern: 'é' is not in [a-z]"},
    {"{pattern: '^\\w$'}", "\xC3\xA9", 0, "pattern: \\w is ASCII only"},
    {"{pattern: '^[\xC3\xA9\xC3\xA8]+$'}", "\xC3\xA8\xC3\xA9", 1,
     "pattern: a class of non-ASCII characters"},
    {"{pattern: '^\xC3\xA9{2}$'}", "\xC3\xA9\xC3\xA9", 1,
     "pattern: a quantifier applies to a whole character"},
    {"{pattern: '^a.c$'}", "\"a\\nc\"", 0, "pattern: '.' does not match a line break"},
    {"{pattern: '^a.c$'}", "abc", 1, "pattern: '.' matches a letter"},
    {"{pattern: '^a.c$'}", "\"a\\rc\"", 0, "pattern: '.' does not match a carriage return"},
    {"{pattern: '^a.c$'}", "\"a\\u2028c\"", 0, "pattern: '.' does not match U+2028"},
    {"{pattern: '^a.c$'}",
     "a\xE2\x82\xAC"
     "c",
     1, "pattern: '.' matches the euro sign"},
    {"{pattern: 'b$'}", "|\n  ab\n  cd\n", 0, "pattern: '$' is the end of the whole string"},

    /* numeric limits */
    {"{minimum: 1.1}", "1.1", 1, "minimum: equal"},
    {"{minimum: 1.1}", "0.6", 0, "minimum: below"},
    {"{minimum: 1.1}", "x", 1, "minimum: ignores strings"},
    {"{minimum: -2}", "-2", 1, "minimum negative: equal"},
    {"{minimum: -2}", "-3", 0, "minimum negative: below"},
    {"{maximum: 3}", "3", 1, "maximum: equal"},
    {"{maximum: 3}", "3.5", 0, "maximum: above"},
    {"{exclusiveMinimum: 1.1}", "1.2", 1, "exclusiveMinimum: above"},
    {"{exclusiveMinimum: 1.1}", "1.1", 0, "exclusiveMinimum: equal"},
    {"{exclusiveMaximum: 3}", "2.9", 1, "exclusiveMaximum: below"},
    {"{exclusiveMaximum: 3}", "3", 0, "exclusiveMaximum: equal"},
    {"{exclusiveMaximum: 3}", "'9'", 1, "exclusiveMaximum: ignores strings"},

    /* multipleOf */
    {"{multipleOf: 2}", "10", 1, "multipleOf 2: 10"},
    {"{multipleOf: 2}", "7", 0, "multipleOf 2: 7"},
    {"{multipleOf: 2}", "x", 1, "multipleOf: ignores strings"},
    {"{multipleOf: 1.5}", "4.5", 1, "multipleOf 1.5: 4.5"},
    {"{multipleOf: 1.5}", "35", 0, "multipleOf 1.5: 35"},
    {"{multipleOf: 0.0001}", "0.0075", 1, "multipleOf 0.0001: 0.0075"},
    {"{multipleOf: 0.0001}", "0.00751", 0, "multipleOf 0.0001: 0.00751"},
    {"{multipleOf: 0.01}", "19.99", 1, "multipleOf 0.01: 19.99 despite binary fractions"},

    /* format date */
    {"{format: date}", "2024-02-29", 1, "format date: leap day in a leap year"},
    {"{format: date}", "2000-02-29", 1, "format date: 2000 is a leap year"},
    {"{format: date}", "1900-02-29", 0, "format date: 1900 is not a leap year"},
    {"{format: date}", "2026-02-29", 0, "format date: 2026 is not a leap year"},
    {"{format: date}", "2026-02-30", 0, "format date: 2026-02-30 does not exist"},
    {"{format: date}", "2026-04-31", 0, "format date: April has 30 days"},
    {"{format: date}", "2026-12-31", 1, "format date: 31 December"},
    {"{format: date}", "2026-13-01", 0, "format date: month 13"},
    {"{format: date}", "2026-00-10", 0, "format date: month 0"},
    {"{format: date}", "2026-01-00", 0, "format date: day 0"},
    {"{format: date}", "2026-1-01", 0, "format date: unpadded month"},
    {"{format: date}", "' 2026-01-15'", 0, "format date: leading space"},
    {"{format: date}", "2026-01-01Z", 0, "format date: trailing Z"},
    {"{format: date}", "2026-01-01T10:00:00Z", 0, "format date: a date-time is not a date"},
    {"{format: date}", "20260115", 1, "format date: ignores numbers"},

    /* allOf / anyOf / oneOf / not */
    {"{allOf: [{type: integer}, {minimum: 2}]}", "3", 1, "allOf: both"},
    {"{allOf: [{type: integer}, {minimum: 2}]}", "1", 0, "allOf: second fails"},
    {"{allOf: [{type: integer}, {minimum: 2}]}", "2.5", 0, "allOf: first fails"},
    {"{allOf: [true, false]}", "1", 0, "allOf with a false schema"},
    {"{anyOf: [{type: string}, {minimum: 2}]}", "a", 1, "anyOf: first"},
    {"{anyOf: [{type: string}, {minimum: 2}]}", "3", 1, "anyOf: second"},
    {"{anyOf: [{type: string}, {minimum: 2}]}", "1", 0, "anyOf: neither"},
    {"{anyOf: [false, true]}", "1", 1, "anyOf with a true schema"},
    {"{oneOf: [{type: integer}, {minimum: 2}]}", "1", 1, "oneOf: only the first"},
    {"{oneOf: [{type: integer}, {minimum: 2}]}", "2.5", 1, "oneOf: only the second"},
    {"{oneOf: [{type: integer}, {minimum: 2}]}", "3", 0, "oneOf: both"},
    {"{oneOf: [{type: integer}, {minimum: 2}]}", "1.5", 0, "oneOf: neither"},
    {"{oneOf: [true, true]}", "1", 0, "oneOf: two true schemas"},
    {"{not: {type: integer}}", "a", 1, "not: the inner schema fails"},
    {"{not: {type: integer}}", "1", 0, "not: the inner schema passes"},
    {"{not: {}}", "~", 0, "not {}: nothing is valid"},
    {"{not: false}", "1", 1, "not false: everything is valid"},

    /* if / then / else */
    {"{if: {properties: {stage: {const: running}}, required: [stage]}, then: {required: [users]}, "
     "else: {required: [title]}}",
     "{stage: running, users: 1}", 1, "if/then: then holds"},
    {"{if: {properties: {stage: {const: running}}, required: [stage]}, then: {required: [users]}, "
     "else: {required: [title]}}",
     "{stage: running}", 0, "if/then: then fails"},
    {"{if: {properties: {stage: {const: running}}, required: [stage]}, then: {required: [users]}, "
     "else: {required: [title]}}",
     "{stage: planned, title: x}", 1, "if/else: else holds"},
    {"{if: {properties: {stage: {const: running}}, required: [stage]}, then: {required: [users]}, "
     "else: {required: [title]}}",
     "{stage: planned}", 0, "if/else: else fails"},
    {"{if: {exclusiveMaximum: 0}, then: {minimum: -10}}", "-1", 1, "if/then without else: then"},
    {"{if: {exclusiveMaximum: 0}, then: {minimum: -10}}", "-100", 0,
     "if/then without else: then fails"},
    {"{if: {exclusiveMaximum: 0}, then: {minimum: -10}}", "3", 1,
     "if/then without else: if fails, nothing applies"},
    {"{then: {const: 1}}", "2", 1, "then without if is ignored"},
    {"{else: {const: 1}}", "2", 1, "else without if is ignored"},
    {"{if: {const: 1}}", "2", 1, "if alone has no effect"},

    /* $ref */
    {"{$defs: {pos: {type: integer, minimum: 1}}, properties: {n: {$ref: '#/$defs/pos'}}}",
     "{n: 1}", 1, "$ref to $defs: valid"},
    {"{$defs: {pos: {type: integer, minimum: 1}}, properties: {n: {$ref: '#/$defs/pos'}}}",
     "{n: 0}", 0, "$ref to $defs: minimum fails"},
    {"{$defs: {pos: {type: integer, minimum: 1}}, properties: {n: {$ref: '#/$defs/pos'}}}",
     "{n: a}", 0, "$ref to $defs: type fails"},
    {"{properties: {child: {$ref: '#'}}, additionalProperties: false}", "{child: {child: {}}}", 1,
     "$ref to the root: recursive valid"},
    {"{properties: {child: {$ref: '#'}}, additionalProperties: false}", "{child: {x: 1}}", 0,
     "$ref to the root: recursive invalid"},
    {"{$defs: {a: {minimum: 1}}, $ref: '#/$defs/a', maximum: 5}", "3", 1,
     "$ref with siblings: both hold"},
    {"{$defs: {a: {minimum: 1}}, $ref: '#/$defs/a', maximum: 5}", "0", 0,
     "$ref with siblings: the reference fails"},
    {"{$defs: {a: {minimum: 1}}, $ref: '#/$defs/a', maximum: 5}", "6", 0,
     "$ref with siblings: the sibling fails"},
    {"{$defs: {'a/b': {type: string}, 'c~d': {type: integer}}, properties: {x: {$ref: "
     "'#/$defs/a~1b'}, y: {$ref: '#/$defs/c~0d'}}}",
     "{x: s, y: 1}", 1, "$ref with ~1 and ~0 escapes: valid"},
    {"{$defs: {'a/b': {type: string}, 'c~d': {type: integer}}, properties: {x: {$ref: "
     "'#/$defs/a~1b'}, y: {$ref: '#/$defs/c~0d'}}}",
     "{x: 1}", 0, "$ref with ~1 escape: invalid"},
    {"{$defs: {int: {type: integer}}, allOf: [{properties: {foo: {$ref: '#/$defs/int'}}}, "
     "{additionalProperties: {$ref: '#/$defs/int'}}]}",
     "{foo: 1}", 1, "the same $ref twice on one value is no loop"},

    /* boolean schemas */
    {"true", "{a: [1]}", 1, "boolean schema true"},
    {"false", "{a: [1]}", 0, "boolean schema false"},
    {"false", "~", 0, "boolean schema false: even null"},
    {"{items: true}", "[1, a]", 1, "items true"},

    /* annotations are ignored */
    {"{$schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://example.com/p', "
     "title: T, description: D, $comment: c, default: 1, examples: [1, 2], type: integer}",
     "1", 1, "annotations: valid"},
    {"{$schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://example.com/p', "
     "title: T, description: D, $comment: c, default: 1, examples: [1, 2], type: integer}",
     "x", 0, "annotations: invalid"},
    {"{properties: {a: {default: 5, type: string}}}", "{}", 1,
     "default is not applied to a missing field"},
};

static void test_cases(void)
{
    for (size_t i = 0; i < PL_ARRAY_SIZE(cases); i++) {
        const kase *k = &cases[i];
        long n = count_errors(k->schema, k->instance);
        if (n < 0)
            ok(0, "%s (could not run)", k->name);
        else if (!ok(k->valid ? n == 0 : n > 0, "%s", k->name))
            run(k->schema, k->instance, true);
    }
}

/* What pl_schema_load refuses. */
static void refused(const char *schema_text, const char *want_in_message, const char *name)
{
    pl_error err;
    pl_schema *schema = (pl_schema *)1;
    pl_error_clear(&err);
    int rc = pl_schema_load(&schema, "t.schema.yaml", schema_text, strlen(schema_text), &err);
    ok(rc == PL_ESCHEMA && schema == NULL, "%s: refused with PL_ESCHEMA", name);
    if (!ok(strstr(err.message, want_in_message) != NULL, "%s: message names '%s'", name,
            want_in_message))
        printf("#   message: %s\n", err.message);
    if (rc == 0) pl_schema_free(schema);
}

static void test_refused(void)
{
    refused("type: object\nproperties:\n  a:\n    unevaluatedProperties: false\n",
            "t.schema.yaml:4:5: keyword 'unevaluatedProperties'", "unevaluatedProperties");
    refused("$dynamicRef: '#meta'\n", "t.schema.yaml:1:1: keyword '$dynamicRef'", "$dynamicRef");
    refused("items:\n  minContains: 1\n", "2:3: keyword 'minContains'", "minContains");
    refused("properties:\n  a: {$ref: 'other.json#'}\n", "$ref 'other.json#' is not supported",
            "$ref to another file");
    refused("properties:\n  a: {$ref: 'other.json#'}\n",
            "t.schema.yaml:2:13:", "$ref to another file: position");
    refused("$ref: '#/definitions/a'\n", "is not supported", "$ref to definitions");
    refused("$ref: '#/$defs/a/properties/b'\n", "is not supported", "$ref into a definition");
    refused("$defs: {b: true}\n$ref: '#/$defs/a'\n", "names no entry of $defs",
            "$ref to a missing definition");
    refused("type: string\npattern: '^(?=a)b'\n", "t.schema.yaml:2:10:", "lookahead refused");
    refused("pattern: '(?!x)'\n", "lookaround", "negative lookahead refused");
    refused("pattern: '(a)\\1'\n", "backreferences", "backreference refused");
    refused("pattern: '\\bword'\n", "word boundaries", "word boundary refused");
    refused("pattern: 'a+?'\n", "lazy quantifier", "lazy quantifier refused");
    refused("pattern: '[a-'\n", "unterminated", "unterminated class refused");
    refused("pattern: 'a('\n", "invalid pattern", "unbalanced parenthesis refused");
    refused("patternProperties:\n  '(?<=x)y': {}\n",
            "t.schema.yaml:2:3:", "lookbehind in patternProperties refused at its key");
    refused("format: ipv4\n", "format 'ipv4' is not implemented", "unknown format");
    refused("type: text\n", "unknown type 'text'", "unknown type");
    refused("type: ~\n", "'type' must be", "type null (not the string 'null')");
    refused("minLength: -1\n", "non-negative integer", "negative minLength");
    refused("maxItems: 1.5\n", "non-negative integer", "fractional maxItems");
    refused("multipleOf: 0\n", "greater than 0", "multipleOf 0");
    refused("minimum: '5'\n", "must be a number", "minimum as a string");
    refused("properties:\n  a: 1\n", "t.schema.yaml:2:6: a schema must be an object or a boolean",
            "a number is not a schema");
    refused("required: a\n", "array of strings", "required not a list");
    refused("required: [a, 1]\n", "array of strings", "required with a number");
    refused("allOf: []\n", "non-empty array", "empty allOf");
    refused("enum: a\n", "'enum' must be an array", "enum not a list");
    refused("uniqueItems: 1\n", "must be a boolean", "uniqueItems not a boolean");
    refused("properties:\n  a:\n    $defs: {x: {}}\n", "only at the schema's root",
            "$defs below the root");
    refused("type: [string\n", "t.schema.yaml:2:1", "a YAML syntax error");
    refused("a: 1\na: 2\n", "duplicate key", "a duplicate key");
    refused("$defs:\n  a:\n    anyOf: [{$ref: '#/$defs/a'}, {$ref: '#/$defs/a'}]\n$ref: "
            "'#/$defs/a'\n",
            "t.schema.yaml:3:5: $ref loop", "a $ref loop that never descends into the value");
    refused("allOf: [{$ref: '#'}]\n", "$ref", "a root that applies itself");
    refused("$defs:\n  a: {not: {$ref: '#/$defs/b'}}\n  b: {if: true, then: {$ref: '#/$defs/a'}}\n",
            "$ref loop", "a loop through not, if and then");

    /* without an error record nothing crashes */
    pl_schema *schema = (pl_schema *)1;
    const char *bad_pattern = "pattern: '(?=a)'\n";
    ok(pl_schema_load(&schema, "t", bad_pattern, strlen(bad_pattern), NULL) == PL_ESCHEMA &&
           !schema,
       "a refused pattern without an error record");
    const char *bad_key = "patternProperties: {'a\\1': {}}\n";
    ok(pl_schema_load(&schema, "t", bad_key, strlen(bad_key), NULL) == PL_ESCHEMA && !schema,
       "a refused patternProperties key without an error record");
    const char *unknown = "foo: 1\n";
    ok(pl_schema_load(&schema, "t", unknown, strlen(unknown), NULL) == PL_ESCHEMA && !schema,
       "an unknown keyword without an error record");
}

/* Diagnostics for one instance; the caller frees them. */
static size_t diagnose(const char *schema_text, const char *instance_text, bool markdown,
                       pl_diags *diags)
{
    pl_error err;
    pl_schema *schema;
    pl_doc *doc;
    size_t n = 0;
    if (pl_schema_load(&schema, "t.schema.yaml", schema_text, strlen(schema_text), &err)) {
        printf("# schema refused: %s\n", err.message);
        return 0;
    }
    int rc =
        markdown
            ? pl_doc_parse_markdown(&doc, "p.md", instance_text, strlen(instance_text), NULL, &err)
            : pl_doc_parse_yaml(&doc, "p.yaml", instance_text, strlen(instance_text), NULL, &err);
    if (rc) {
        printf("# instance refused: %s\n", err.message);
    } else {
        n = pl_schema_validate(schema, doc->root, diags);
        pl_doc_free(doc);
    }
    pl_schema_free(schema);
    return n;
}

static void expect_one(const char *schema_text, const char *instance_text, bool markdown,
                       const char *pointer, const char *rule, int line, int col, const char *name)
{
    pl_diags d = PL_DIAGS_INIT;
    size_t n = diagnose(schema_text, instance_text, markdown, &d);
    is_int((long long)n, 1, name);
    if (d.len) {
        char label[200];
        snprintf(label, sizeof(label), "%s: pointer", name);
        is_str(d.items[0].pointer, pointer, label);
        snprintf(label, sizeof(label), "%s: rule", name);
        is_str(d.items[0].rule, rule, label);
        snprintf(label, sizeof(label), "%s: line", name);
        is_int(d.items[0].line, line, label);
        snprintf(label, sizeof(label), "%s: column", name);
        is_int(d.items[0].col, col, label);
        ok(d.items[0].severity == PL_SEV_ERROR, "%s: an error", name);
        if (d.len != 1) printf("#   also: %s\n", d.items[1].message);
    } else {
        ok(0, "%s: no diagnostic", name);
    }
    pl_diags_free(&d);
}

static void test_diagnostics(void)
{
    expect_one("properties: {a: {items: {properties: {b: {type: integer}}}}}", "a:\n  - b: x\n",
               false, "/a/0/b", "type", 2, 8, "nested pointer");
    expect_one("properties: {a: {items: {properties: {b: {type: integer}}}}}",
               "a:\n  - b: 1\n  - c: 2\n    b: [x]\n", false, "/a/1/b", "type", 4, 8,
               "pointer to the second item");
    expect_one("properties: {'a/b': {properties: {'c~d': {type: integer}}}}",
               "'a/b':\n  'c~d': x\n", false, "/a~1b/c~0d", "type", 2, 10,
               "pointer escapes / as ~1 and ~ as ~0");
    expect_one("{required: [title]}", "stage: x\n", false, "/title", "required", 1, 1,
               "missing field: pointer names it, position is the object");
    expect_one("{properties: {a: {required: [b]}}}", "z: 1\na:\n  c: 1\n", false, "/a/b",
               "required", 3, 3, "missing nested field");
    expect_one("{properties: {a: {}}, additionalProperties: false}", "a: 1\nbb: 2\n", false, "/bb",
               "additionalProperties", 2, 1, "unknown field at its key");
    expect_one("{propertyNames: {maxLength: 2}}", "ab: 1\nabc: 2\n", false, "/abc", "maxLength", 2,
               1, "propertyNames failure at the key");
    expect_one("{items: {type: string}}", "[a, [1], c]", false, "/1", "type", 1, 5,
               "array item position in flow style");
    expect_one("{uniqueItems: true}", "- a\n- b\n- a\n", false, "/2", "uniqueItems", 3, 3,
               "duplicate item at the later one");
    expect_one("{properties: {title: {type: string}}}", "---\nstage: x\ntitle: 12\n---\nbody\n",
               true, "/title", "type", 3, 8, "front matter lines count the opening ---");
    expect_one("{properties: {t: {minLength: 3}}}", "t: \xC3\xA9\xC3\xA9\n", false, "/t",
               "minLength", 1, 4, "minLength counts characters");
    expect_one("{properties: {d: {format: date}}}", "x: \xC3\xA9\xC3\xA9\nd: 2026-02-30\n", false,
               "/d", "format", 2, 4, "format date error");
    expect_one("{properties: {k: {contains: {const: 1}}}}", "k:\n  - 2\n", false, "/k", "contains",
               2, 3, "contains reported at the array");

    /* the count returned equals the diagnostics added; each problem once */
    pl_diags d = PL_DIAGS_INIT;
    size_t n = diagnose("{type: object, required: [a, b], properties: {c: {type: string}}}",
                        "c: 1\n", false, &d);
    is_int((long long)n, 3, "three problems: two missing fields and a type");
    is_int((long long)d.len, 3, "three diagnostics");
    pl_diags_free(&d);

    /* a then-branch message says why it applies */
    n = diagnose("{if: {properties: {stage: {const: running}}}, then: {required: [users]}}",
                 "stage: running\n", false, &d);
    is_int((long long)n, 1, "then-branch error");
    ok(d.len == 1 && strstr(d.items[0].message, "stage is 'running'") != NULL,
       "then-branch error says the stage");
    pl_diags_free(&d);

    /* a NULL diags list only counts */
    pl_error err;
    pl_schema *schema;
    pl_doc *doc;
    const char *st = "{type: string}";
    if (pl_schema_load(&schema, "t", st, strlen(st), &err) == 0 &&
        pl_doc_parse_yaml(&doc, "t", "[1]", 3, NULL, &err) == 0) {
        is_int((long long)pl_schema_validate(schema, doc->root, NULL), 1,
               "validate without a diagnostics list counts");
        pl_doc_free(doc);
        pl_schema_free(schema);
    }
}

static void test_api(void)
{
    pl_error err;
    pl_schema *schema;
    const char *text = "$schema: x\ntype: object\nproperties:\n  title: {}\n  stage: {}\n";
    if (pl_schema_load(&schema, "p.schema.yaml", text, strlen(text), &err) != 0) {
        ok(0, "schema loads: %s", err.message);
        return;
    }
    is_str(pl_schema_path(schema), "p.schema.yaml", "pl_schema_path");
    const char *const *props = pl_schema_root_properties(schema);
    ok(props && props[0] && props[1] && !props[2], "two root properties");
    if (props && props[0] && props[1]) {
        is_str(props[0], "title", "first root property");
        is_str(props[1], "stage", "second root property");
    }
    pl_schema_free(schema);

    /* JSON text is YAML too */
    const char *json = "{\"type\": \"object\", \"required\": [\"a\"]}";
    ok(count_errors(json, "{\"a\": 1}") == 0, "a schema written as JSON");
    ok(count_errors(json, "{\"b\": 1}") == 1, "a schema written as JSON: invalid");

    /* the shipped schemas compile */
    const char *shipped[] = {"schemas/pilot.schema.yaml", "schemas/workflow.schema.yaml",
                             "schemas/config.schema.yaml"};
    for (size_t i = 0; i < PL_ARRAY_SIZE(shipped); i++) {
        const pl_embedded *e = pl_embedded_find(shipped[i]);
        int rc = e ? pl_schema_load(&schema, e->name, e->data, e->len, &err) : PL_ENOTFOUND;
        if (!ok(rc == 0, "%s compiles", shipped[i])) printf("#   %s\n", err.message);
        if (rc == 0) pl_schema_free(schema);
    }
}

int main(void)
{
    test_cases();
    test_refused();
    test_diagnostics();
    test_api();
    return done_testing();
}
