#!/bin/sh
# history.t - the decision history from the commit log (log, show, diff)
# over histories built with the git CLI: linear, merged pull requests,
# evil merges, squash merges, rebases, renames, deletions, shallow clones,
# bare repositories and front matter that was broken for a while.
. "$(dirname "$0")/lib.sh"

repo=$(new_repo)
cd "$repo" || exit 1
export GIT_AUTHOR_DATE="2026-09-01T10:00:00+02:00" GIT_COMMITTER_DATE="2026-09-01T10:00:00+02:00"
commit() { git add -A && git commit -qm "$1" --no-verify; }
events() { pilotlog log --format json "$@" | grep -o '"kind": "[a-z]*"' | sed 's/.*: "//; s/"//' | tr '\n' ' '; }
# json ARGS: the log as JSON on one line (OUT), so one event matches one regex
json() { run pilotlog log --format json "$@"; OUT=$(printf '%s' "$OUT" | tr -d '\n'); }

# ---- linear ----------------------------------------------------------------
pilot_file pilots/alpha.md planned
commit "add alpha"
sed -i 's/^stage: planned/stage: running/' pilots/alpha.md
commit "alpha running"
sed -i 's/actual: "74%"/actual: "80%"/' pilots/alpha.md
echo "More notes." >>pilots/alpha.md
commit "alpha measured"
run pilotlog log alpha
is "$RC" 0 "log ID"
like "$OUT" "STAGE planned → running" "stage change shown"
like "$OUT" "success_criteria.adoption.actual: 74% → 80%" "criterion change named by id"
like "$OUT" "notes edited" "body change noted"
like "$OUT" "created at stage planned" "creation shown"
is "$(events alpha)" "field body stage created " "events newest first, stage before fields"
run pilotlog log --format json alpha
like "$OUT" '"author": "Test User"' "json has the author"
like "$OUT" '"date": "2026-09-01T10:00:00\+02:00"' "json has the author date with its zone"
like "$OUT" '"subject": "alpha running"' "json has the subject"

# ---- a pull request merged with --no-ff --------------------------------------
git checkout -q -b pr1
sed -i 's/^stage: running/stage: evaluating/' pilots/alpha.md
commit "alpha evaluating"
git checkout -q main
pilot_file pilots/beta.md proposed
commit "add beta"
git merge -q --no-ff pr1 -m "Merge pull request #1"
run pilotlog log --format json
is "$(printf '%s' "$OUT" | grep -c '"new": "evaluating"')" 1 "the PR's stage change appears once"
unlike "$OUT" '"subject": "Merge pull request #1"' "a clean merge adds no events"

# ---- an evil merge ----------------------------------------------------------------
git checkout -q -b pr2
sed -i 's/^title: .*/title: Alpha on the branch/' pilots/alpha.md
commit "retitle alpha on a branch"
git checkout -q main
sed -i 's/^title: .*/title: Alpha on main/' pilots/alpha.md
commit "retitle alpha on main"
git merge -q pr2 -m "Merge pull request #2" >/dev/null 2>&1
git checkout -q --ours pilots/alpha.md
sed -i 's/^title: .*/title: Alpha resolved/' pilots/alpha.md
commit "Merge pull request #2"
json alpha
like "$OUT" '"subject": "Merge pull request #2",[^}]*"field": "title",[^}]*"new": "Alpha resolved"' \
    "an evil merge's own change is attributed to the merge"

# ---- a squash merge -------------------------------------------------------------------
git checkout -q -b pr3
sed -i 's/users: {target: 100, active: 74}/users: {target: 100, active: 80}/' pilots/alpha.md
commit "wip 1"
sed -i 's/active: 80}/active: 90}/' pilots/alpha.md
commit "wip 2"
git checkout -q main
git merge -q --squash pr3 >/dev/null && git commit -qm "Squashed PR #3" --no-verify
json alpha
like "$OUT" '"subject": "Squashed PR #3",[^}]*"field": "users.active",[^}]*"old": "74",[^}]*"new": "90"' \
    "a squash merge is one change"
unlike "$OUT" '"subject": "wip 1"' "the squashed commits are not in main's history"

# ---- a rebase -------------------------------------------------------------------------
git checkout -q -b pr4 HEAD~1
sed -i 's/^kind: pilot/kind: poc/' pilots/beta.md
commit "beta is a poc"
git rebase -q main
git checkout -q main && git merge -q --ff-only pr4
json beta
like "$OUT" '"subject": "beta is a poc",[^}]*"field": "kind"' "a rebased commit is a normal commit"

# ---- a rename with git mv --------------------------------------------------------------
git mv pilots/beta.md pilots/gamma.md
commit "rename beta to gamma"
sed -i 's/^title: .*/title: Gamma pilot/' pilots/gamma.md
commit "retitle gamma"
run pilotlog log gamma
like "$OUT" "renamed from beta" "rename shown"
like "$OUT" "kind: pilot → poc" "history continues across the rename"
like "$OUT" "created at stage proposed" "back to the creation under the old name"
run pilotlog log beta
is "$RC" 2 "the old id has no history of its own"

# ---- a deletion ---------------------------------------------------------------------------
pilot_file pilots/delta.md proposed
commit "add delta"
git rm -q pilots/delta.md
commit "drop delta"
is "$(events delta)" "deleted created " "deletion recorded"

# ---- front matter broken for a while ----------------------------------------------------
sed -i 's/^kind: pilot/kind: [pilot/' pilots/alpha.md
commit "break alpha"
sed -i 's/^kind: \[pilot/kind: pilot/' pilots/alpha.md
sed -i 's/^stage: evaluating/stage: running/' pilots/alpha.md
commit "repair alpha"
json alpha
is "$RC" 0 "the walk does not abort on a broken version"
like "$OUT" '"kind": "invalid",[^}]*"subject": "break alpha"' "the broken version is an event"
like "$OUT" '"kind": "repaired",[^}]*"subject": "repair alpha"' "and so is the repair"

# ---- since / until ----------------------------------------------------------------------
GIT_AUTHOR_DATE="2026-10-15T09:00:00+00:00" GIT_COMMITTER_DATE="2026-10-15T09:00:00+00:00" \
    pilotlog set gamma owner="Lee Park" >/dev/null
run pilotlog log --since 2026-10-01
like "$OUT" "owner: Dana Smith <dana@example.com> → Lee Park" "--since keeps later events"
unlike "$OUT" "created" "--since drops earlier events"
run pilotlog log --until 2026-09-30 gamma
unlike "$OUT" "Lee Park" "--until drops later events"

# ---- show and diff ------------------------------------------------------------------------
run pilotlog show gamma
like "$OUT" "Recent history" "show has the history"
like "$OUT" "renamed from beta" "show's history follows the rename"
base=$(git rev-parse HEAD)
git checkout -q -b pr5
pilotlog advance gamma planned >/dev/null 2>&1 ||
    pilotlog set gamma decision_owner="Priya Natarajan" budget_holder="Priya Natarajan" production_path="Lot 2" \
        start=2026-11-01 end=2026-12-01 decision_deadline=2027-01-10 \
        success_criteria='[{id: speed, metric: Cases per hour, target: ">= 10"}]' >/dev/null
pilotlog advance gamma planned >/dev/null
run pilotlog diff "$base..pr5" --format markdown
is "$RC" 0 "diff of a valid branch"
like "$OUT" "^## pilotlog: 1 pilot changed" "markdown heading"
like "$OUT" "\| gamma \| proposed → planned \| ✅ \|" "summary table row"
like "$OUT" "\| decision\\\\_owner \| — \| Priya Natarajan \|" "field table row"
like "$OUT" "\| speed \| &gt;= 10 \| — \| not measured \(new criterion\) \|" "criteria table row"
run pilotlog diff "$base..pr5" --format json
like "$OUT" '"stage": \{' "json stage"
like "$OUT" '"status": "modified"' "json status"
git checkout -q main
pilot_file pilots/bad.md proposed
sed -i 's/^title: .*/title: <script>x<\/script> | pipe/' pilots/bad.md
sed -i '/^owner:/d' pilots/bad.md
git checkout -q -b pr6 && commit "bad pilot"
run pilotlog diff "main..pr6" --format markdown
is "$RC" 1 "an invalid head makes diff exit 1"
like "$OUT" "&lt;script&gt;x&lt;/script&gt; \\\\\| pipe" "markdown escapes HTML and table pipes"
like "$OUT" "missing required field 'owner'" "validation problems listed"
git checkout -q main

# ---- a shallow clone ------------------------------------------------------------------------
git clone -q --depth 3 "file://$repo" "$TMP/shallow"
cd "$TMP/shallow" || exit 1
run pilotlog log
is "$RC" 0 "log works in a shallow clone"
like "$OUT" "history truncated" "and says history is truncated"
run pilotlog log --format json
like "$OUT" '"truncated": true' "json says so too"
like "$OUT" '"first_seen": true' "pilots at the boundary are first seen, not created"
cd "$repo" || exit 1

# ---- a bare repository ------------------------------------------------------------------------
git clone -q --bare "$repo" "$TMP/bare.git"
cd "$TMP/bare.git" || exit 1
run pilotlog log gamma
is "$RC" 0 "log works in a bare repository"
like "$OUT" "renamed from beta" "with the same history"
cd "$repo" || exit 1

done_testing
