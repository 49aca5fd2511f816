#!/bin/sh
# store.t - commits made by pilotlog (new, set, advance, decide) and the
# git hooks (check --staged, check --range, pre-receive), against real
# repositories built with the git CLI.
. "$(dirname "$0")/lib.sh"

repo=$(new_repo)
cd "$repo" || exit 1

# ---- new on an unborn branch, the user's own work untouched ----------------
echo "draft" >notes.txt
git add notes.txt
echo "more" >>notes.txt
staged_before=$(git diff --cached)
unstaged_before=$(git diff)
run pilotlog new "AI triage für Tier-1" --hypothesis "Suggested triage cuts first response time."
is "$RC" 0 "new works on an unborn branch"
like "$OUT" "wrote pilots/ai-triage-fur-tier-1.md" "id made from the title, accents folded"
is "$(git rev-list --count HEAD)" 1 "one commit made"
is "$(git show --name-only --format= HEAD)" "pilots/ai-triage-fur-tier-1.md" "the commit holds only the pilot file"
like "$(git log -1 --format=%B)" "^Pilot: ai-triage-fur-tier-1$" "Pilot trailer"
like "$(git log -1 --format=%B)" "^Pilot-Stage: proposed$" "Pilot-Stage trailer"
is "$(git log -1 --format='%an <%ae>')" "Test User <test@example.com>" "author from git config"
is "$(git diff --cached)" "$staged_before" "the user's staged change is untouched"
is "$(git diff)" "$unstaged_before" "the user's unstaged change is untouched"
is "$(git status --porcelain -- pilots)" "" "pilot file clean in index and working tree"
git fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict is clean"

id=ai-triage-fur-tier-1
run pilotlog new "AI triage für Tier-1"
is "$RC" 1 "a second pilot with the same id is refused"

# ---- set: only the lines that change ---------------------------------------
run pilotlog set $id decision_owner="Priya Natarajan" budget_holder="Priya Natarajan" \
    production_path="Framework agreement lot 2" start=2026-09-01 end=2026-12-15 decision_deadline=2027-01-15 \
    success_criteria='[{id: adoption, metric: Weekly active agents, target: ">= 60%"}]'
is "$RC" 0 "set several fields in one commit"
is "$(git diff HEAD~1 HEAD --numstat | cut -f1,2)" "$(printf '7\t0')" "only seven lines added"
run pilotlog advance $id planned
is "$RC" 0 "advance proposed -> planned once the fields are there"
is "$(git diff HEAD~1 HEAD --numstat | cut -f1,2)" "$(printf '1\t1')" "advance changes one line"
like "$(git log -1 --format=%B)" "^Pilot-Stage: planned$" "stage trailer on advance"

head=$(git rev-parse HEAD)
run pilotlog advance $id evaluating
is "$RC" 1 "a move the workflow does not allow is refused"
like "$ERR" "cannot move .* from planned to evaluating: from planned the workflow allows running, stopped" \
    "and the message names the allowed moves"
run pilotlog advance $id running
is "$RC" 1 "running needs users.target"
like "$ERR" "/users: missing required field 'users' \(stage is 'running'\)" "the missing field is named"
is "$(git rev-parse HEAD)" "$head" "nothing committed when refused"
run pilotlog advance $id no-such-stage
is "$RC" 2 "an unknown stage is a usage error"

pilotlog set $id users.target=100 >/dev/null && pilotlog advance $id running >/dev/null
is "$(sed -n 's/^stage: //p' pilots/$id.md)" "running" "set then advance"
run pilotlog set $id success_criteria.adoption.actual=74% users.active=74
is "$RC" 0 "set a criterion by its id and a nested field"
like "$(cat pilots/$id.md)" "target: \">= 60%\", actual: 74%}" "criterion actual written into the criterion"

# ---- decide ------------------------------------------------------------------
run pilotlog decide $id go --rationale "Adoption met within budget."
is "$RC" 1 "deciding from running is refused (evaluating first)"
pilotlog advance $id evaluating >/dev/null
run pilotlog decide $id go --rationale "Adoption met within budget." --date 2027-01-10
is "$RC" 0 "decide go from evaluating"
msg=$(git log -1 --format=%B)
like "$msg" "^Pilot-Decision: go$" "decision trailer"
like "$msg" "^Pilot-Stage: decided$" "stage trailer with the decision"
like "$msg" "Adoption met within budget" "rationale in the message body"
like "$(cat pilots/$id.md)" "by: Priya Natarajan" "decided by the decision owner"
run pilotlog decide $id no-go --rationale "Changed our mind entirely here." --stage decided
is "$RC" 1 "rewriting a recorded decision without a stage change is refused"
run pilotlog decide $id go --rationale "Someone else decides this one." --by "Lee Park" --stage production
is "$RC" 1 "a decision by someone other than the decision owner is refused"
run pilotlog advance $id production
is "$RC" 0 "decided -> production"

# ---- refusals ------------------------------------------------------------------
pilotlog new "Second pilot" --hypothesis "A second hypothesis to test." >/dev/null
echo "hand edit" >>pilots/second-pilot.md
run pilotlog set second-pilot title="Second pilot, renamed"
is "$RC" 1 "a pilot with uncommitted changes is not committed over"
like "$ERR" "has uncommitted changes" "and says why"
git checkout -q -- pilots/second-pilot.md

HOME=$TMP/nobody GIT_CONFIG_NOSYSTEM=1 run pilotlog set second-pilot title="No identity here"
is "$RC" 2 "no identity is an error"
like "$ERR" "Please tell me who you are" "with git's message"

GIT_AUTHOR_NAME="Zoë Müller" GIT_AUTHOR_EMAIL=zoe@example.com GIT_AUTHOR_DATE="2026-10-01T09:30:00+02:00" \
    run pilotlog set second-pilot title="Second pilot, as Zoë"
is "$(git log -1 --format='%an|%aI')" "Zoë Müller|2026-10-01T09:30:00+02:00" "GIT_AUTHOR_* honoured"

# ---- from a subdirectory and a linked worktree ------------------------------------
mkdir -p docs && cd docs || exit 1
run pilotlog set second-pilot owner="Dana Smith <dana@example.com>"
is "$RC" 0 "works from a subdirectory"
cd "$repo" || exit 1
git worktree add -q "$TMP/wt" -b feature 2>/dev/null
cd "$TMP/wt" || exit 1
run pilotlog set second-pilot sponsor="Lee Park"
is "$RC" 0 "works in a linked worktree"
is "$(git log -1 --format=%s feature)" "pilot second-pilot: set sponsor" "commit landed on the worktree's branch"
is "$(git -C "$repo" log -1 --format=%s main)" "pilot second-pilot: set owner" "main untouched"
cd "$repo" || exit 1

# ---- concurrent writers lose nothing --------------------------------------------------
before=$(git rev-list --count HEAD)
for i in 1 2 3 4 5 6; do
    pilotlog new "Parallel pilot $i" --hypothesis "Concurrency loses no commit at all." >"$TMP/par$i.log" 2>&1 &
done
for i in 1 2 3; do
    pilotlog set second-pilot "sponsor=Sponsor $i" >"$TMP/set$i.log" 2>&1 &
done
wait
after=$(git rev-list --count HEAD)
is "$after" "$((before + 9))" "nine concurrent commands made nine commits"
is "$(ls pilots | grep -c parallel-pilot)" 6 "six new pilot files in the working tree"
is "$(git status --porcelain -- pilots)" "" "index and working tree match the branch"
git fsck --strict >/dev/null 2>&1
ok $? "fsck clean after concurrent writers"

# ---- check --staged (pre-commit) -------------------------------------------------------
pilot_file pilots/staged.md planned
git add pilots/staged.md
run pilotlog check --staged
is "$RC" 0 "a valid staged pilot passes"
sed -i 's/^stage: planned/stage: evaluating/' pilots/staged.md
run pilotlog check --staged
is "$RC" 0 "unstaged edits are not what --staged checks"
git add pilots/staged.md
git commit -qm "add staged pilot" --no-verify
sed -i 's/^stage: evaluating/stage: proposed/' pilots/staged.md
git add pilots/staged.md
run pilotlog check --staged
is "$RC" 1 "a transition the workflow forbids fails in the index"
like "$OUT" "stage moves from 'evaluating' to 'proposed'" "and is named"
git checkout -q HEAD -- pilots/staged.md

# ---- hooks install ---------------------------------------------------------------------
run pilotlog hooks install
is "$RC" 0 "hooks install"
sed -i 's/^title: .*/title: X/' pilots/staged.md
git add pilots/staged.md
git commit -qm "bad title" 2>"$TMP/hook.err"
ok $(( $? == 0 )) "the pre-commit hook refuses an invalid pilot"
like "$(cat "$TMP/hook.err")" "expected at least 3 characters" "hook output shows the problem"
git checkout -q HEAD -- pilots/staged.md
git reset -q
printf '#!/bin/sh\necho mine\n' >.git/hooks/pre-commit
run pilotlog hooks install
is "$RC" 1 "a foreign pre-commit hook is not overwritten"
like "$(cat .git/hooks/pre-commit)" "echo mine" "it is left as it was"
run pilotlog hooks install --chain
is "$RC" 0 "--chain keeps it"
like "$(cat .git/hooks/pre-commit.pre-pilotlog)" "echo mine" "moved aside and run first"
git config core.hooksPath .githooks
run pilotlog hooks install
ok $(test -x .githooks/pre-commit; echo $?) "core.hooksPath honoured"
git config --unset core.hooksPath

# ---- check --range (pre-receive) -------------------------------------------------------
base=$(git rev-parse HEAD)
git checkout -q -b pr
sed -i 's/^stage: evaluating/stage: decided/' pilots/staged.md
git commit -qam "jump to decided without a decision" --no-verify
sed -i 's/^title: .*/title: Fixed title/' pilots/staged.md
git commit -qam "retitle" --no-verify
run pilotlog check --range "$base..pr"
is "$RC" 1 "an invalid commit in the range fails"
like "$OUT" "commit [0-9a-f]{7} jump to decided without a decision" "the bad commit is named"
like "$OUT" "2 commits checked" "every commit was checked"
orphan=$(git commit-tree -p pr -m "unreferenced bad commit" "$(git rev-parse pr~1^{tree})")
run pilotlog check --range "0000000000000000000000000000000000000000..$orphan"
is "$RC" 1 "a new branch (old = zeros) checks the commits no ref reaches"
like "$OUT" "1 commit checked" "and only those"
run pilotlog check --range "$base..0000000000000000000000000000000000000000"
is "$RC" 0 "a deleted branch has nothing to check"
run pilotlog check --range "pr..$base"
is "$RC" 0 "a range with no pilot changes passes"
run pilotlog check --range "nonsense..$base"
is "$RC" 2 "an unknown revision is a usage error"
git checkout -q main

# ---- pre-receive on a bare server -----------------------------------------------------
git clone -q --bare "$repo" "$TMP/server.git"
git -C "$TMP/server.git" branch -q -D pr # so pushing pr creates a branch: OLD is zeros
cp "$SRC/hooks/pre-receive" "$TMP/server.git/hooks/pre-receive"
git remote add server "$TMP/server.git"
PATH="$(dirname "$PILOTLOG"):$PATH"
export PATH
git push -q server pr 2>"$TMP/push.err"
ok $(( $? == 0 )) "the server refuses a push with an invalid pilot"
like "$(cat "$TMP/push.err")" "jump to decided" "the pusher sees why"
git checkout -q -b good main
pilotlog set staged title="A good new title" >/dev/null
git push -q server good 2>"$TMP/push2.err"
ok $? "a valid push is accepted"
git push -q server --delete good 2>/dev/null
ok $? "deleting a branch is accepted"
git checkout -q main

done_testing
