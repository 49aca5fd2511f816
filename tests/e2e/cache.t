#!/bin/sh
# cache.t - the history cache in the git directory: a site built with it
# is byte-identical to a clean build, after new commits, after history is
# rewritten (amend, rebase, reset and force), with a damaged cache file,
# and when a shallow clone is deepened.
. "$(dirname "$0")/lib.sh"

PILOTLOG="$PILOTLOG" sh "$SRC/tools/make-demo.sh" "$TMP/demo" >/dev/null 2>&1
cd "$TMP/demo/repo" || exit 1
cache_file() { ls .git/pilotlog/history-*.cache 2>/dev/null | head -1; }
same_as_clean() { # NAME
    rm -rf "$TMP/with" "$TMP/clean"
    pilotlog site -o "$TMP/with" --today 2026-11-24 >/dev/null
    pilotlog site -o "$TMP/clean" --today 2026-11-24 --no-cache >/dev/null
    diff -r "$TMP/with" "$TMP/clean" >/dev/null
    ok $? "$1: the cached build equals a clean build"
}

rm -rf .git/pilotlog
same_as_clean "first build"
ok $(test -s "$(cache_file)"; echo $?) "the cache lives in the git directory"
size1=$(stat -c %s "$(cache_file)")

pilotlog set fleet-eco-driving users.active=39 >/dev/null
same_as_clean "after one new commit"
size2=$(stat -c %s "$(cache_file)")
ok $((size2 <= size1)) "the new commit is appended to the cache"

# rewrite history
git commit -q --amend -m "eco driving: 39 drivers (amended)" --no-verify
same_as_clean "after an amend"
git reset -q --hard HEAD~5
same_as_clean "after a reset that drops commits"
git checkout -q -b side HEAD~10
pilotlog set passwordless-sign-in sponsor="Lee Park" >/dev/null
git checkout -q main
git rebase -q side >/dev/null 2>&1
ok $? "the rebase itself succeeds"
same_as_clean "after a rebase onto another branch"
base=$(git rev-parse HEAD~3)
git checkout -q -b rewritten "$base"
pilotlog set warehouse-voice-picking users.active=9 >/dev/null
git branch -q -f main rewritten && git checkout -q main
same_as_clean "after a force-moved branch"
run pilotlog log --format json
run2=$(pilotlog log --format json --no-cache)
is "$OUT" "$run2" "log equals a clean walk too"

# a damaged cache file
f=$(cache_file)
head -c 2000 "$f" >"$f.part" && mv "$f.part" "$f"
same_as_clean "with a truncated cache file"
printf 'garbage' >"$f"
same_as_clean "with a cache file of garbage"
dd if=/dev/urandom of="$f" bs=1 count=64 seek=500 conv=notrunc 2>/dev/null
same_as_clean "with bytes flipped inside the cache"

# caches of another format (an older pilotlog) are deleted when the cache
# is written anew; this format's cache of another pilots folder, and
# files that are not caches, are kept
head -c 8 "$(cache_file)" >"$TMP/header"
rm -rf .git/pilotlog && mkdir -p .git/pilotlog
printf 'PLHC\001\000\000\0000.0.1\000' >.git/pilotlog/history-00000000000000aa.cache
cp "$TMP/header" .git/pilotlog/history-00000000000000bb.cache
echo notes >.git/pilotlog/history-notes.txt
run pilotlog log --format json
is "$RC" 0 "log runs beside caches of other formats"
ok $(test ! -e .git/pilotlog/history-00000000000000aa.cache; echo $?) "another format's cache is deleted"
ok $(test -e .git/pilotlog/history-00000000000000bb.cache; echo $?) "this format's cache of another folder is kept"
ok $(test -e .git/pilotlog/history-notes.txt; echo $?) "and a file that is no cache is kept"
is "$(ls .git/pilotlog/*.cache | wc -l)" 2 "beside the new cache"

# a shallow clone, then deepened
git clone -q --depth 5 "file://$TMP/demo/repo" "$TMP/shallow"
cd "$TMP/shallow" || exit 1
pilotlog site -o "$TMP/s1" --today 2026-11-24 >/dev/null
like "$(cat "$TMP/s1/index.html")" "History is truncated" "the shallow clone's site says so"
git fetch -q --unshallow
same_as_clean "after the clone is deepened"
unlike "$(cat "$TMP/with/index.html")" "History is truncated" "and the truncation note is gone"

done_testing
