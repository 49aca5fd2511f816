#!/bin/sh
# portfolio.t - one portfolio from several repositories (three bare
# clones, a ref each, no checkout): site, list and log; and `due`, the
# weekly reminder.
. "$(dirname "$0")/lib.sh"

# three business units, each its own repository
for unit in Sales Ops Finance; do
    r=$(new_repo "$unit-work")
    cd "$r" || exit 1
    pilot_file "pilots/shared-name.md" running
    pilot_file "pilots/$(echo "$unit" | tr A-Z a-z)-only.md" proposed
    git add -A && git commit -qm "$unit pilots" --no-verify
    git checkout -q -b next
    sed -i 's/^stage: running/stage: evaluating/' pilots/shared-name.md
    git commit -qam "$unit: evaluating on the next branch" --no-verify
    git checkout -q main
    git clone -q --bare "$r" "$TMP/$unit.git"
    git -C "$TMP/$unit.git" remote set-url origin "https://git.example.com/$unit/pilots.git"
done
cd "$TMP" || exit 1

run pilotlog site -o "$TMP/site" --today 2026-11-24 Sales.git Ops.git@next Finance.git
is "$RC" 0 "one site from three bare repositories"
like "$OUT" "\(6 pilots\)" "with all their pilots"
for p in sales/shared-name ops/shared-name finance/shared-name sales/sales-only ops/ops-only finance/finance-only; do
    ok $(test -s "$TMP/site/pilots/$p.html"; echo $?) "page pilots/$p.html"
done
like "$(cat "$TMP/site/pilots/ops/shared-name.html")" "badge stage-evaluating" "Ops is read at its ref (next)"
like "$(cat "$TMP/site/pilots/sales/shared-name.html")" "badge stage-running" "Sales at its default branch"
like "$(cat "$TMP/site/pilots/sales/shared-name.html")" 'from <a href="https://git.example.com/Sales/pilots.git">' \
    "each pilot links back to its repository"
like "$(cat "$TMP/site/pilots/sales/shared-name.html")" 'href="../../style.css"' "pages one folder deeper find the style sheet"
python3 "$SRC/tests/tools/check_site.py" "$TMP/site" 6 >"$TMP/check.tap"
ok $? "every link resolves and pilots.json lists all six"
grep '^not ok' "$TMP/check.tap" | sed 's/^/# /'
like "$(cat "$TMP/site/pilots.json")" '"id":"ops/shared-name"' "ids are namespaced by repository"
like "$(cat "$TMP/site/pilots/ops/shared-name.html")" "Stage.*evaluating" "the history is each repository's own"

run pilotlog list Sales.git Ops.git@next Finance.git
is "$RC" 0 "list reads the same repositories"
like "$OUT" "ops/shared-name +evaluating" "with namespaced ids"
is "$(printf '%s\n' "$OUT" | wc -l)" 6 "one line per pilot"
run pilotlog log --repo Sales.git --repo Ops.git@next --format json
like "$OUT" '"pilot": "ops/shared-name"' "log reads them too"
like "$OUT" '"subject": "Ops: evaluating on the next branch"' "at each one's ref"
run pilotlog log ops/shared-name --repo Sales.git --repo Ops.git@next
like "$OUT" "STAGE running → evaluating" "log of one namespaced pilot"
unlike "$OUT" "Sales pilots" "and only that pilot"
run pilotlog site -o "$TMP/x" NoSuchRepo.git
is "$RC" 2 "a missing repository is a usage error"
like "$ERR" "NoSuchRepo.git" "and is named"

# ---- due -------------------------------------------------------------------------
repo=$(new_repo due)
cd "$repo" || exit 1
pilot_file pilots/late.md running # deadline 2027-01-15
pilot_file pilots/soon.md running
sed -i 's/^decision_deadline: .*/decision_deadline: 2026-12-01/; s/^end: .*/end: 2026-11-30/' pilots/soon.md
pilot_file pilots/idea.md proposed
git add -A && GIT_AUTHOR_DATE=2026-09-01T10:00:00Z GIT_COMMITTER_DATE=2026-09-01T10:00:00Z \
    git commit -qm "pilots" --no-verify
run pilotlog due --today 2026-11-24
is "$RC" 0 "nothing overdue: exit 0"
like "$OUT" "Decisions due soon \(1\)" "a deadline within 14 days is listed"
like "$OUT" "soon +deadline 2026-12-01, in 7 days; decides: Priya Natarajan" "with days and who decides"
like "$OUT" "idea +proposed, no decision owner, budget holder, production path" "missing owners listed"
run pilotlog due --today 2027-01-20
is "$RC" 1 "an overdue decision makes due exit 1"
like "$OUT" "late +deadline 2027-01-15, 5 days ago" "and lists it first"
like "$OUT" "Stuck in a stage" "a proposal untouched past the workflow's max_days is stuck"
run pilotlog due --today 2026-11-24 --within 60d --format json
like "$OUT" '"kind": "due_soon"' "json items"
like "$OUT" '"within_days": 60' "json window"
run pilotlog due --today 2026-11-24 --format markdown
like "$OUT" "^### Pilot decisions: week of 2026-11-24" "markdown for a channel"
run pilotlog due --within soon
is "$RC" 2 "a malformed window is a usage error"

done_testing
