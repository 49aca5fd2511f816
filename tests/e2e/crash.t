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
is "$(ls -a "$TMP" | grep -c '\.site\.pilotlog-')" 0 "the next build removes what killed builds left"

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

done_testing
