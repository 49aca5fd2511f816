#!/bin/sh
# agreement.t - remark with remark-lint-frontmatter-schema (ajv inside),
# set up as examples/remarkrc.mjs, over the examples and the fixtures: its
# valid / invalid verdict must agree with pilotlog check's on every file.
# That proves the shipped schema is real JSON Schema and that pilotlog
# implements it faithfully.
#
# pilotlog's verdict here counts what JSON Schema decides: schema errors
# and YAML it cannot read. Its cross-field rules (decision.by is the
# decision owner, start <= end <= deadline, transitions) are not JSON
# Schema, so ajv cannot see them. Two files differ for reasons outside the
# schema, listed below; any other difference fails.
. "$(dirname "$0")/../e2e/lib.sh"

here=$SRC/tests/remark
if ! command -v node >/dev/null || [ ! -d "$here/node_modules/remark-lint-frontmatter-schema" ]; then
    if [ "${CI:-}" = true ]; then
        echo "not ok 1 - node and the npm packages of tests/remark are needed"
        echo "1..1"
        exit 1
    fi
    echo "1..0 # SKIP node or tests/remark/node_modules missing (make test installs them)"
    exit 0
fi

# File name: why remark and pilotlog legitimately differ on it.
expected_difference() {
    case $1 in
    missing-closing-delimiter.md) echo "front matter that never closes is not front matter to remark" ;;
    duplicate-key.md) echo "the plugin ignores the yaml package's duplicate-key error" ;;
    esac
}

files=$(ls "$SRC"/examples/pilots/*.md "$SRC"/tests/fixtures/valid/*.md "$SRC"/tests/fixtures/invalid/*.md)
# shellcheck disable=SC2086
(cd "$here" && node verdicts.mjs "$SRC/schemas/pilot.schema.yaml" $files) >"$TMP/remark.tsv"
ok $? "remark ran over $(echo "$files" | wc -l) files"

differences=0
for f in $files; do
    name=$(basename "$f")
    remark=$(awk -F'\t' -v f="$f" '$2 == f { print $1 }' "$TMP/remark.tsv")
    "$PILOTLOG" check --format json --today 2026-11-24 "$f" >"$TMP/check.json" 2>/dev/null
    schema_errors=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
cross_field = {"dates", "decider", "duration", "overdue", "transition", "decision", "stage"}
print(sum(1 for p in d["files"][0]["problems"] if p["severity"] == "error" and p["rule"] not in cross_field))
' "$TMP/check.json")
    pilotlog=valid
    [ "$schema_errors" -gt 0 ] && pilotlog=invalid
    why=$(expected_difference "$name")
    if [ -n "$why" ]; then
        differences=$((differences + 1))
        ok $([ "$remark" != "$pilotlog" ]; echo $?) "$name: pilotlog $pilotlog, remark $remark ($why)"
    else
        is "$remark" "$pilotlog" "$name: remark and pilotlog agree"
    fi
done
is "$differences" 2 "exactly the two files that differ for reasons outside JSON Schema"

done_testing
