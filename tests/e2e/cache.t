#!/bin/sh
# cache.t - the caches in the git directory: a site built with them is
# byte-identical to a clean build. The history cache: after new commits,
# after history is rewritten (amend, rebase, reset and force), with a
# damaged cache file, and when a shallow clone is deepened. The cache of
# judged pilots: after a pilot changes, when the rules or the day change
# what a file's problems are, with a damaged file, and as list sees it.
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
: >"$f"
same_as_clean "with an empty cache file"
rm -f "$f" && mkfifo "$f"
timeout 20 "$PILOTLOG" log --format json >/dev/null 2>&1
ok $? "a FIFO in the cache's place is not waited on"
rm -f "$f"
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

# the cache of judged pilots
pcache_file() { ls .git/pilotlog/pilots-*.cache 2>/dev/null | head -1; }
rm -rf .git/pilotlog
same_as_clean "judged pilots: first build"
ok $(test -s "$(pcache_file)"; echo $?) "the judged pilots are kept in the git directory"
before=$(stat -c %s "$(pcache_file)")
f=$(git ls-files pilots | grep '\.md$' | head -1)
printf '\nA new line of notes.\n' >>"$f"
git commit -q -m "notes" -- "$f"
same_as_clean "judged pilots: after a pilot changed"
after=$(stat -c %s "$(pcache_file)")
ok $(test "$after" -gt "$before" -a "$after" -lt $((before * 2)); echo $?) "the changed pilot is appended, not the whole cache rewritten"
# a file whose problems are in the cache, then the rules change under it
sed 's/^owner:.*/owner: 42/' "$f" >"$f.new" && mv "$f.new" "$f"
git commit -q -m "owner broken" -- "$f"
run pilotlog list --format json --today 2026-11-24
like "$OUT" '"errors": ?[1-9]' "the broken owner is an error"
same_as_clean "judged pilots: a file with an error"
mkdir -p .pilotlog
printf '%s\n' 'pilots_dir: pilots' 'schema: .pilotlog/loose.schema.json' >.pilotlog/config.yaml
printf '%s\n' '{"type": "object"}' >.pilotlog/loose.schema.json
git add .pilotlog && git commit -q -m "looser schema"
run pilotlog list --format json --today 2026-11-24
unlike "$OUT" '"errors": ?[1-9]' "after the rules change, the cached error is gone"
same_as_clean "judged pilots: after the rules changed"
git reset -q --hard HEAD~1
run pilotlog list --format json --today 2099-01-01
list_far=$OUT
PILOTLOG_NO_CACHE=1 pilotlog list --format json --today 2099-01-01 >"$TMP/far-clean.json"
is "$list_far" "$(cat "$TMP/far-clean.json")" "another day judges the files anew (list)"
same_as_clean "judged pilots: back on the day of the cache"
p=$(pcache_file)
head -c 3000 "$p" >"$p.part" && mv "$p.part" "$p"
same_as_clean "judged pilots: with a truncated cache file"
dd if=/dev/urandom of="$p" bs=1 count=64 seek=2000 conv=notrunc 2>/dev/null
same_as_clean "judged pilots: with bytes flipped inside the cache"
printf 'garbage' >"$p"
same_as_clean "judged pilots: with a cache file of garbage"
is "$(ls .git/pilotlog/pilots-*.cache | wc -l)" 1 "one cache of judged pilots per pilots folder"
ok $(test -z "$(ls .git/pilotlog/*.tmp 2>/dev/null)"; echo $?) "no temporary file is left behind"

# a shallow clone, then deepened
git clone -q --depth 5 "file://$TMP/demo/repo" "$TMP/shallow"
cd "$TMP/shallow" || exit 1
pilotlog site -o "$TMP/s1" --today 2026-11-24 >/dev/null
like "$(cat "$TMP/s1/index.html")" "History is truncated" "the shallow clone's site says so"
git fetch -q --unshallow
same_as_clean "after the clone is deepened"
unlike "$(cat "$TMP/with/index.html")" "History is truncated" "and the truncation note is gone"

done_testing
