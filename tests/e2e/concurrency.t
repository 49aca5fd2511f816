#!/bin/sh
# concurrency.t - many writers at once (new, set, advance, decide) on one
# repository, repeated: no commit is lost, and a pre-commit check running
# meanwhile always sees a consistent state.
. "$(dirname "$0")/lib.sh"

ROUNDS=${CONCURRENCY_ROUNDS:-5}
repo=$(new_repo)
cd "$repo" || exit 1
for p in a b c d; do pilot_file "pilots/$p.md" running; done
pilot_file pilots/e.md evaluating
git add -A && git commit -qm start --no-verify

# a hook-like reader, all the time
( while [ ! -e "$TMP/stop" ]; do
    "$PILOTLOG" check --staged >/dev/null 2>&1 || echo fail >>"$TMP/hook.log"
    echo run >>"$TMP/hook.runs"
done ) &
reader=$!

lost=0 total_ok=0
for r in $(seq 1 "$ROUNDS"); do
    before=$(git rev-list --count HEAD)
    rm -f "$TMP"/rc.*
    k=0
    for p in a b c d; do
        k=$((k + 1))
        ( "$PILOTLOG" set "$p" "users.active=$((r * 10 + k))" -m "set $p round $r" >/dev/null 2>&1
          echo $? >"$TMP/rc.set$p" ) &
    done
    ( "$PILOTLOG" new "Round $r pilot" --hypothesis "Concurrent writers never lose a commit." >/dev/null 2>&1
      echo $? >"$TMP/rc.new" ) &
    ( "$PILOTLOG" new "Round $r other" --hypothesis "Concurrent writers never lose a commit." >/dev/null 2>&1
      echo $? >"$TMP/rc.new2" ) &
    if [ "$r" = 1 ]; then
        ( "$PILOTLOG" decide e extend --rationale "Needs the winter numbers too." >/dev/null 2>&1
          echo $? >"$TMP/rc.decide" ) &
    else
        ( "$PILOTLOG" advance e "$( [ $((r % 2)) = 0 ] && echo evaluating || echo running)" >/dev/null 2>&1
          echo $? >"$TMP/rc.advance" ) &
    fi
    wait_for=0
    while [ "$(ls "$TMP"/rc.* 2>/dev/null | wc -l)" -lt 7 ] && [ $wait_for -lt 600 ]; do sleep 0.1; wait_for=$((wait_for + 1)); done
    succeeded=$(cat "$TMP"/rc.* | grep -c '^0$')
    after=$(git rev-list --count HEAD)
    [ $((after - before)) -eq "$succeeded" ] || lost=$((lost + 1))
    total_ok=$((total_ok + succeeded))
done
touch "$TMP/stop"
wait $reader 2>/dev/null

is "$lost" 0 "every command that succeeded has its commit, in every round"
ok $((total_ok < ROUNDS * 6)) "nearly all commands succeeded ($total_ok)"
git fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict is clean"
is "$(git status --porcelain)" "" "index and working tree match the branch"
is "$(git log --format=%s | grep -c '^set a round')" "$ROUNDS" "each round's edit of pilot a is in history"
is "$(ls pilots | grep -c '^round-')" "$((ROUNDS * 2))" "every new pilot is in the working tree"
ok $(test "$(wc -l <"$TMP/hook.runs")" -gt 0; echo $?) "the hook check ran while the writers did ($(wc -l <"$TMP/hook.runs") runs)"
ok $(test ! -e "$TMP/hook.log"; echo $?) "it never saw an inconsistent state"
run pilotlog check
is "$RC" 0 "all pilots valid at the end"

done_testing
