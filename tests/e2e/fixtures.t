#!/bin/sh
# fixtures.t - the demo pilots (examples/pilots) and the hand-written fixtures
# (tests/fixtures/valid, tests/fixtures/invalid) through `pilotlog check`.
#
# Every example and every valid fixture must pass with no errors. Every
# invalid fixture must fail with exit 1, and the message must name the exact
# problem: file:line:col, the field's pointer and the reason.
. "$(dirname "$0")/lib.sh"

TODAY=2026-11-24

repo=$(new_repo)
cd "$repo" || exit 1
mkdir -p pilots valid invalid
cp "$SRC"/examples/pilots/*.md pilots/
cp "$SRC"/tests/fixtures/valid/*.md valid/
cp "$SRC"/tests/fixtures/invalid/*.md invalid/

# --- the demo pilots ---------------------------------------------------------

count=$(ls pilots/*.md | wc -l)
[ "$count" -ge 10 ]
ok $? "at least 10 demo pilots ($count)"

for stage in proposed planned running evaluating decided production stopped; do
    grep -lq "^stage: $stage\$" pilots/*.md
    ok $? "a demo pilot is at stage '$stage'"
done
[ "$(grep -l '^stage: running$' pilots/*.md | wc -l)" -ge 2 ]
ok $? "at least two demo pilots are running"
grep -l '^stage: running$' pilots/*.md | xargs grep -lq '^  outcome: extend$'
ok $? "a running demo pilot was extended (decision outcome extend)"
grep -l '^stage: decided$' pilots/*.md | xargs grep -lq '^  outcome: go$'
ok $? "a decided demo pilot is a go"
grep -l '^stage: decided$' pilots/*.md | xargs grep -lq '^  outcome: no-go$'
ok $? "a decided demo pilot is a no-go"

for f in pilots/*.md; do
    run pilotlog check --today "$TODAY" "$f"
    is "$RC" 0 "example $f passes"
    like "$OUT" "1 file checked: 1 valid, 0 invalid \(0 errors" "example $f has no errors"
done

run pilotlog check --today "$TODAY"
is "$RC" 0 "the demo repository passes as a whole"
like "$OUT" "^$count files checked: $count valid, 0 invalid \(0 errors, 2 warnings\)" \
    "the only problems are the two overdue decisions"
like "$OUT" "pilots/contract-clause-review.md:[0-9]+:[0-9]+: warning: /decision_deadline: decision overdue" \
    "an overdue running pilot is a warning"
like "$OUT" "pilots/hr-onboarding-assistant.md:[0-9]+:[0-9]+: warning: /decision_deadline: decision overdue" \
    "an overdue evaluating pilot is a warning"

# --- valid edge cases --------------------------------------------------------

for f in valid/*.md; do
    run pilotlog check --today "$TODAY" "$f"
    is "$RC" 0 "valid fixture $f passes"
    like "$OUT" "1 file checked: 1 valid, 0 invalid \(0 errors, 0 warnings\)" \
        "valid fixture $f has no problems"
done

# --- invalid fixtures --------------------------------------------------------

checked=" "
# invalid NAME REGEX: invalid/NAME.md fails with exit 1 and its output matches.
invalid() {
    run pilotlog check --today "$TODAY" "invalid/$1.md"
    is "$RC" 1 "invalid/$1.md fails with exit 1"
    like "$OUT" "$2" "invalid/$1.md: message names the problem"
    checked="$checked$1 "
}

invalid missing-closing-delimiter \
    "invalid/missing-closing-delimiter.md:1:1: error: front matter opened on line 1 is never closed: expected a line '---' or '\.\.\.'"
invalid planned-missing-decision-owner \
    "invalid/planned-missing-decision-owner.md:2:1: error: /decision_owner: missing required field 'decision_owner' \(stage is 'planned'\)"
invalid users-target-not-integer \
    "invalid/users-target-not-integer.md:14:11: error: /users/target: expected integer, got string 'lots'"
invalid bad-stage-enum \
    "invalid/bad-stage-enum.md:4:8: error: /stage: expected one of proposed, planned, running, evaluating, decided, production, stopped; got 'piloting'"
invalid bad-date \
    "invalid/bad-date.md:10:8: error: /start: expected a date YYYY-MM-DD, got '2027-02-30'"
invalid end-before-start \
    "invalid/end-before-start.md:11:6: error: /end: end 2027-01-29 is before start 2027-03-01: expected start <= end"
invalid decision-by-not-owner \
    "invalid/decision-by-not-owner.md:11:7: error: /decision/by: decision.by is 'Ingrid Håkansson' but decision_owner is 'Renée Dubois'"
invalid duplicate-key \
    "invalid/duplicate-key.md:7:1: error: duplicate key 'owner' \(first at line 5\)"
invalid bad-indentation \
    "invalid/bad-indentation.md:11:4: error: invalid YAML: did not find expected '-' indicator"
invalid unknown-field-typo \
    "invalid/unknown-field-typo.md:7:1: error: /decison_owner: unknown field 'decison_owner' \(did you mean 'decision_owner'\?\)"
invalid decided-criterion-without-actual \
    "invalid/decided-criterion-without-actual.md:20:5: error: /success_criteria/1/actual: missing required field 'actual' \(stage is 'decided'\)"
invalid planned-empty-criteria \
    "invalid/planned-empty-criteria.md:13:19: error: /success_criteria: expected at least 1 item, got 0 \(stage is 'planned'\)"
invalid production-no-go \
    "invalid/production-no-go.md:20:12: error: /decision/outcome: expected 'go', got 'no-go'"
invalid duplicate-tags \
    "invalid/duplicate-tags.md:8:28: error: /tags/2: duplicate item \(same as item 0\); items must be unique"
invalid negative-budget \
    "invalid/negative-budget.md:8:17: error: /budget/pilot: expected a value >= 0, got -5000"
invalid team-as-decision-owner \
    "invalid/team-as-decision-owner.md:8:17: error: /decision_owner: 'Dispatch team' is not allowed here — one named person"

invalid several-problems "invalid/several-problems.md:9:7: error: /kind: expected one of poc, pilot; got 'trial'"
like "$OUT" "several-problems.md:13:17: error: /decision_owner: 'Facilities Team' is not allowed here — one named person" \
    "several-problems: a team is not one decision owner"
like "$OUT" "several-problems.md:18:20: error: /decision_deadline: decision_deadline 2026-12-01 is before end 2026-12-18" \
    "several-problems: deadline before end"
like "$OUT" "several-problems.md:19:17: error: /users/target: expected a value >= 1, got 0" \
    "several-problems: users.target below minimum"
like "$OUT" "several-problems.md:25:8: error: /tags/0: 'Canteen' does not match the pattern" \
    "several-problems: upper-case tag"
like "$OUT" "1 file checked: 0 valid, 1 invalid \(5 errors, 0 warnings\)" \
    "several-problems: all five errors are reported, not just the first"

run pilotlog check --format json --today "$TODAY" invalid/several-problems.md
is "$RC" 1 "json format keeps exit 1"
like "$OUT" '"pointer": "/users/target"' "json names the pointer"
like "$OUT" '"errors": 5' "json counts the five errors"

# Every invalid fixture must have its own assertion above.
for f in invalid/*.md; do
    name=$(basename "$f" .md)
    case "$checked" in *" $name "*) ok 0 "invalid/$name.md has an assertion" ;;
    *) ok 1 "invalid/$name.md has an assertion (add one to fixtures.t)" ;;
    esac
done

# All invalid fixtures at once: each is invalid, none crashes the run.
n_invalid=$(ls invalid/*.md | wc -l)
run pilotlog check --today "$TODAY" invalid
is "$RC" 1 "the invalid folder as a whole fails with exit 1"
like "$OUT" "$n_invalid files checked: 0 valid, $n_invalid invalid" "every invalid fixture is invalid"

done_testing
