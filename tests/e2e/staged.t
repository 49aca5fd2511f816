#!/bin/bash
# staged.t - `check --staged` reads git's index itself: every index version
# git writes, GIT_INDEX_FILE as hooks set it, intent-to-add entries, merge
# conflicts, an unborn branch, a nested pilots folder and broken index
# files. What it checks must be what `git diff --cached` says is staged.
. "$(dirname "$0")/lib.sh"

repo=$(new_repo)
cd "$repo" || exit 1

# The pilot files `check --staged` looked at, one per line.
checked() {
    "$PILOTLOG" check --staged --format json 2>/dev/null |
        sed -n 's/^ *"path": "\(.*\)",$/\1/p' | sort
}
# The top-level pilot files git says are staged (added, modified, mode).
git_staged() {
    git diff --cached --name-only --no-renames --diff-filter=AMT -- 'pilots/*.md' |
        grep -v '^pilots/.*/' | sort
}
index_version() { od -An -tu1 -j7 -N1 .git/index | tr -d ' '; }

# Names that sort around folders and each other: git orders a folder as
# its name and a slash, so "a-b.md" < "a.md" < "a/..." < "a0.md".
for name in a a-b a0 b c zz; do pilot_file "pilots/$name.md" planned; done
pilot_file pilots/a/inner.md planned
pilot_file pilots/a-b/inner.md planned
for i in $(seq 100 399); do pilot_file "pilots/p-$i.md" planned; done
echo "# Pilots" >pilots/README.txt
git add -A
git commit -qm "portfolio" --no-verify

run pilotlog check --staged
is "$RC" 0 "nothing staged passes"
is "$(checked)" "" "and checks no file"

# Change files on both sides of every folder and of every sort boundary.
for name in a a-b a0 zz p-100 p-250 p-399; do
    sed -i 's/^title: .*/&, revised/' "pilots/$name.md"
done
sed -i 's/^title: .*/&, revised/' pilots/a/inner.md
pilot_file pilots/a1.md planned
pilot_file pilots/p-250x.md planned
git rm -q pilots/b.md
chmod +x pilots/c.md
git add -A

want=$(git_staged)
like "$want" "pilots/a-b.md" "the scenario stages files around folders"
for v in 2 4; do
    git update-index --index-version "$v"
    is "$(index_version)" "$v" "the index is now version $v"
    is "$(checked)" "$want" "index version $v: exactly the staged pilots are checked"
    run pilotlog check --staged
    is "$RC" 0 "index version $v: they pass"
done

# Intent-to-add: the path is in the index, its content is not staged.
git update-index --index-version 2
printf 'not a pilot yet\n' >pilots/draft.md
git add -N pilots/draft.md
is "$(index_version)" 3 "git add -N makes a version 3 index"
is "$(checked)" "$want" "index version 3: exactly the staged pilots are checked"
unlike "$(checked)" "draft" "an intent-to-add file is not checked"
run pilotlog check --staged
is "$RC" 0 "and does not fail the commit"
git rm -q --cached pilots/draft.md
rm pilots/draft.md
git commit -qm "revisions" --no-verify

# A transition is judged against HEAD's version.
sed -i 's/^stage: planned/stage: proposed/' pilots/p-300.md
git add pilots/p-300.md
run pilotlog check --staged
is "$RC" 1 "a move back to proposed fails"
like "$OUT" "pilots/p-300.md" "the file is named"
like "$OUT" "stage moves from 'planned' to 'proposed'" "the move is judged against HEAD"
git checkout -q HEAD -- pilots/p-300.md

# ---- GIT_INDEX_FILE, as git sets it for hooks --------------------------------------
cp .git/index "$TMP/other-index"
sed -i 's/^title: .*/title: X/' pilots/p-123.md
GIT_INDEX_FILE="$TMP/other-index" git add pilots/p-123.md
run pilotlog check --staged
is "$RC" 0 "the repository's index has nothing wrong"
GIT_INDEX_FILE="$TMP/other-index" run pilotlog check --staged
is "$RC" 1 "GIT_INDEX_FILE's index is the one checked"
like "$OUT" "pilots/p-123.md" "with the file staged there"

run pilotlog hooks install
is "$RC" 0 "hooks install"
git commit -qam "commit -a with a bad title" 2>"$TMP/hook.err"
ok $(($? == 0)) "git commit -a (a temporary index) is refused"
like "$(cat "$TMP/hook.err")" "p-123.md" "the hook names the file"
git commit -qm "commit PATH with a bad title" pilots/p-123.md 2>"$TMP/hook.err"
ok $(($? == 0)) "git commit PATH (a temporary index) is refused"
git checkout -q HEAD -- pilots/p-123.md
sed -i 's/^title: .*/&, fine/' pilots/p-123.md
git commit -qam "commit -a with a good title"
ok $? "a valid git commit -a passes the hook"
is "$(git status --porcelain)" "" "and commits the change"

# ---- merge conflicts -----------------------------------------------------------------
git checkout -q -b side
sed -i 's/^title: .*/title: Side title for p-200/' pilots/p-200.md
git commit -qam "side" --no-verify
git checkout -q main
sed -i 's/^title: .*/title: Main title for p-200/' pilots/p-200.md
git commit -qam "main" --no-verify
git merge -q side >/dev/null 2>&1
is "$(git ls-files -u pilots/p-200.md | wc -l)" 3 "the pilot is in conflict (three stages)"
run pilotlog check --staged
is "$RC" 1 "a conflicted pilot fails"
is "$(printf '%s\n' "$OUT" | grep -c 'p-200.md.*merge conflicts')" 1 "and is reported once"
git merge --abort

# ---- broken index files ----------------------------------------------------------------
cp .git/index "$TMP/good-index"
head -c 3000 "$TMP/good-index" >.git/index
run pilotlog check --staged
is "$RC" 2 "a truncated index is an error"
like "$ERR" "index: not a usable git index" "that names the index"
printf 'DIRC\0\0\0\5\0\0\0\0%020d' 0 >.git/index
run pilotlog check --staged
is "$RC" 2 "an index version git never wrote is an error"
like "$ERR" "git index version 5 is not supported" "that says so"
printf 'DIRC\0\0\0\2\377\377\377\377%0100d' 0 >.git/index
run pilotlog check --staged
is "$RC" 2 "an entry count larger than the file is an error"
printf 'JUNK' >.git/index
run pilotlog check --staged
is "$RC" 2 "a file that is not an index is an error"
cp "$TMP/good-index" .git/index
git update-index --split-index
run pilotlog check --staged
is "$RC" 2 "a split index is refused"
like "$ERR" "split index .* is not supported; run \`git update-index --no-split-index\`" \
    "with what to do"
git update-index --no-split-index
run pilotlog check --staged
is "$RC" 0 "a whole index again passes"

# ---- an unborn branch, no index, a nested pilots folder ---------------------------------
fresh=$(new_repo fresh)
cd "$fresh" || exit 1
run pilotlog check --staged
is "$RC" 0 "a repository without an index passes"
mkdir -p .pilotlog
printf 'pilots_dir: work/pilots\n' >.pilotlog/config.yaml
pilot_file work/pilots/one.md planned
pilot_file work/pilots/two.md running
git add -A
run pilotlog check --staged
is "$RC" 0 "on an unborn branch every staged pilot is new"
like "$OUT" "2 files checked" "and both are checked"
git commit -qm "first" --no-verify
sed -i 's/^stage: running/stage: proposed/' work/pilots/two.md
git add -A
run pilotlog check --staged
is "$RC" 1 "in a nested pilots folder the move is judged against HEAD"
like "$OUT" "work/pilots/two.md.*stage moves from 'running' to 'proposed'" "and named"

# ---- libgit2 does not load CA certificates ------------------------------------------------
# cmd/pilotlog/no_tls.c: with the libgit2 Debian builds (mbedTLS), init
# would open and parse the system's certificate bundle on every commit.
if command -v strace >/dev/null 2>&1; then
    opened=$(strace -f -e trace=open,openat "$PILOTLOG" check --staged 2>&1 >/dev/null | grep -c -i -E 'ssl|cert' || true)
    is "$opened" 0 "check --staged opens no certificate file"
fi

done_testing
