#!/bin/sh
# crash.t - SIGKILL at random points: the site is always the previous or
# the new one, whole; a killed commit leaves git fsck clean, the branch at
# the old or the new commit, and the index and working tree consistent
# with it (at once, or after the next pilotlog command finishes the
# journalled commit).
. "$(dirname "$0")/lib.sh"

ROUNDS=${CRASH_ROUNDS:-25}
delay() { awk -v s="$1" -v max="$2" 'BEGIN { srand(s); printf "%.3f", rand() * max }'; }

# ---- the site ----------------------------------------------------------------
repo=$(new_repo)
cd "$repo" || exit 1
mkdir -p pilots
i=0
for f in "$SRC"/examples/pilots/*.md; do
    for k in $(seq 1 30); do
        i=$((i + 1))
        cp "$f" "pilots/$(basename "$f" .md)-$k.md"
    done
done
git add -A && git commit -qm "many pilots" --no-verify
pilotlog site -o "$TMP/ref" --today 2026-11-24 >/dev/null
pilotlog site -o "$TMP/site" --today 2026-11-24 >/dev/null
whole=0
for r in $(seq 1 "$ROUNDS"); do
    "$PILOTLOG" site -o "$TMP/site" --today 2026-11-24 >/dev/null 2>&1 &
    pid=$!
    sleep "$(delay "$r" 0.3)"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    diff -r "$TMP/ref" "$TMP/site" >/dev/null && whole=$((whole + 1))
done
is "$whole" "$ROUNDS" "after $ROUNDS kills the site is whole every time"
pilotlog site -o "$TMP/site" --today 2026-11-24 >/dev/null
is "$(ls -a "$TMP" | grep -c '\.site\.pilotlog-[0-9]')" 0 "the next build removes what killed builds left"
pilotlog site -o "$TMP/site" --today 2026-11-24 >/dev/null
diff -r "$TMP/ref" "$TMP/site" >/dev/null
ok $? "and a build from the previous site it keeps is whole"

# ---- commits -------------------------------------------------------------------
repo=$(new_repo commits)
cd "$repo" || exit 1
pilot_file pilots/target.md running
echo "user work" >notes.txt
git add -A && git commit -qm "start" --no-verify
echo "unstaged" >>notes.txt
fsck_clean=0 branch_ok=0 consistent=0 recovered=0 user_ok=0
for r in $(seq 1 "$ROUNDS"); do
    old=$(git rev-parse HEAD)
    "$PILOTLOG" set target "users.active=$r" -m "round $r" >/dev/null 2>&1 &
    pid=$!
    sleep "$(delay "$r" 0.02)"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    git fsck --strict >/dev/null 2>&1 && fsck_clean=$((fsck_clean + 1))
    new=$(git rev-parse HEAD)
    if [ "$new" = "$old" ] || { [ "$(git rev-parse HEAD~1)" = "$old" ] && [ "$(git log -1 --format=%s)" = "round $r" ]; }; then
        branch_ok=$((branch_ok + 1))
    fi
    if [ -z "$(git status --porcelain -- pilots)" ]; then
        consistent=$((consistent + 1))
    else
        "$PILOTLOG" list >/dev/null 2>&1 # opening the repository finishes the commit
        [ -z "$(git status --porcelain -- pilots)" ] && recovered=$((recovered + 1))
    fi
    [ "$(git status --porcelain -- notes.txt)" = " M notes.txt" ] && user_ok=$((user_ok + 1))
done
is "$fsck_clean" "$ROUNDS" "git fsck --strict clean after every kill"
is "$branch_ok" "$ROUNDS" "the branch is at the old or the new commit every time"
is "$((consistent + recovered))" "$ROUNDS" "index and working tree match the branch (recovered: $recovered)"
is "$user_ok" "$ROUNDS" "the user's own unstaged work survives every kill"
run pilotlog set target users.active=999
is "$RC" 0 "the next command works (no stale lock)"
[ "$RC" = 0 ] || printf '# %s\n' "$ERR" "$(ls -a .git)"

# ---- a writer killed while libgit2 held git's locks ---------------------------
# Staged deterministically: the branch moved to the new commit, the index
# still has the old blob, and index.lock and the branch's lock are left
# behind, as a SIGKILL inside git_index_write leaves them.
stage_crash() { # stage_crash WRITER-PID
    old_blob=$(git rev-parse HEAD:pilots/target.md)
    "$PILOTLOG" set target users.active=5 -m "to be half done" >/dev/null 2>&1
    new_blob=$(git rev-parse HEAD:pilots/target.md)
    git update-index --cacheinfo "100644,$old_blob,pilots/target.md"
    printf '%s\n%s\n%s\n%s\n%s\n%s\n%s\n' refs/heads/main "$(git rev-parse HEAD~1)" \
        "$(git rev-parse HEAD)" pilots/target.md "$old_blob" "$new_blob" "$1" >.git/pilotlog-journal
    : >.git/index.lock
    : >.git/refs/heads/main.lock
    : >"pilots/target.md.pilotlog-$1.tmp"
}
sh -c 'exit 0' &
dead=$!
wait $dead
stage_crash "$dead"
run pilotlog list
is "$RC" 0 "after a writer died holding git's locks, the next command works"
ok $(test ! -e .git/index.lock && test ! -e .git/refs/heads/main.lock; echo $?) "and its stale locks are gone"
is "$(git status --porcelain -- pilots)" "" "the interrupted commit is finished: index and working tree match the branch"
git fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict clean"
run pilotlog set target users.active=6
is "$RC" 0 "and the next commit goes through"

sleep 30 &
alive=$!
stage_crash "$alive"
run pilotlog list
ok $(test -e .git/index.lock; echo $?) "a lock whose writer is still alive is left alone"
run pilotlog set target users.active=7
is "$RC" 2 "a commit then refuses, before moving the branch (an environment error)"
like "$ERR" "index.lock exists|index is locked" "and says the index is locked"
is "$(git log -1 --format=%s)" "to be half done" "the branch did not move"
rm -f .git/index.lock .git/refs/heads/main.lock pilots/target.md.pilotlog-*.tmp
run pilotlog set target users.active=7
is "$RC" 0 "once the lock is gone, the interrupted commit is finished and the next one lands"
is "$(git status --porcelain -- pilots)" "" "index and working tree match the branch"
kill $alive 2>/dev/null
wait $alive 2>/dev/null

done_testing
