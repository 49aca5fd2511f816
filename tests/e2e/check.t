#!/bin/sh
# check.t - `pilotlog check` on files, folders and the repository.
. "$(dirname "$0")/lib.sh"

repo=$(new_repo)
cd "$repo" || exit 1

run pilotlog check
is "$RC" 0 "an empty repository has no invalid pilots"

pilot_file pilots/good.md running
run pilotlog check --today 2026-11-24
is "$RC" 0 "a valid running pilot passes"
like "$OUT" "1 file checked: 1 valid" "summary names the file count"

pilot_file pilots/bad.md planned
sed -i '/^budget_holder:/d; s/^decision_owner: .*/decision_owner: Team Alpha and Beta/' pilots/bad.md
run pilotlog check --today 2026-11-24
is "$RC" 1 "an invalid pilot fails with exit 1"
like "$OUT" "pilots/bad.md:2:1: error: /budget_holder: missing required field 'budget_holder' \(stage is 'planned'\)" \
    "missing field named with file:line:col, pointer and stage"
like "$OUT" "pilots/bad.md:[0-9]+:17: error: /decision_owner: .*one named person" "decision owner must be one person"

run pilotlog check --format json --today 2026-11-24
is "$RC" 1 "json format keeps the exit code"
like "$OUT" '"pointer": "/budget_holder"' "json names the pointer"

run pilotlog check pilots/good.md --today 2026-11-24
is "$RC" 0 "a single valid path passes"

run pilotlog check no/such/file.md
is "$RC" 2 "a missing path is a usage error"

ln -s good.md pilots/link.md
run pilotlog check pilots/link.md
is "$RC" 2 "a symlink on the command line is exit 2"
like "$ERR" "symbolic link" "and says why"
rm pilots/link.md

mkfifo pilots/fifo.md
OUT=$(timeout 20 "$PILOTLOG" check pilots/fifo.md 2>&1)
is "$?" 1 "a FIFO on the command line is not waited on: an invalid file"
like "$OUT" "not a regular file" "and says why"
rm pilots/fifo.md

# warnings do not fail unless --strict
pilot_file pilots/bad.md running
run pilotlog check --today 2027-03-01
is "$RC" 0 "an overdue decision is only a warning"
like "$OUT" "warning: /decision_deadline: decision overdue" "overdue warning printed"
run pilotlog check --strict --today 2027-03-01
is "$RC" 1 "--strict fails on warnings"

printf 'type: object\nunevaluatedProperties: false\n' >"$TMP/bad.schema.yaml"
run pilotlog check --schema "$TMP/bad.schema.yaml"
is "$RC" 2 "a schema with an unsupported keyword is exit 2"
like "$ERR" "unevaluatedProperties' is not implemented" "and names the keyword"

done_testing
