#!/bin/sh
# parallel.t - pilots are loaded and pages rendered on several threads:
# the site must be the same bytes as one thread's, every time. cmark-gfm
# 0.29 shares a table between parses; without the lock around its inline
# pass, strikethrough and autolinks go missing from a page now and then.
. "$(dirname "$0")/lib.sh"

# A portfolio big enough that every stage runs on several threads: the
# benchmark generator's pilots (tables, task lists, strikethrough) and
# enough commits that the history walk is split too.
GEN=${PILOTLOG_GEN:-}
if [ -z "$GEN" ]; then
    GEN="$TMP/gen"
    ${CC:-cc} -std=c11 -O1 "$SRC/bench/gen.c" -o "$GEN"
fi
git init -q "$TMP/repo" && cd "$TMP/repo" || exit 1
"$GEN" --pilots 700 --commits 4200 --seed 7 2>/dev/null | git fast-import --quiet
ok $? "the generated repository imports"
git checkout -q -f main 2>/dev/null || git checkout -q -f master
n=$(git ls-files pilots | wc -l)
ok $(test "$n" -ge 600; echo $?) "a portfolio of $n pilots"
# every pilot page has a table; some have strikethrough and links
ok $(git grep -q '~~' HEAD -- pilots; echo $?) "the pilots use strikethrough"

PILOTLOG_THREADS=1 pilotlog site -o "$TMP/one" --today 2026-11-24 --no-cache >/dev/null
ok $? "one thread builds the site"
ok $(grep -q '<del>' "$TMP/one"/pilots/*.html; echo $?) "strikethrough is rendered"
for threads in 2 4 8; do
    for run in 1 2; do
        rm -rf "$TMP/many"
        PILOTLOG_THREADS=$threads pilotlog site -o "$TMP/many" --today 2026-11-24 --no-cache \
            >/dev/null
        # the manifest records which program rendered: the same program here
        diff -r "$TMP/one" "$TMP/many" >"$TMP/diff" 2>&1
        ok $? "$threads threads, run $run: the same site as one thread"
    done
done
head -20 "$TMP/diff" | sed 's/^/# /'

# the history walk splits the commits between threads (2,000 or more each)
PILOTLOG_THREADS=1 PILOTLOG_NO_CACHE=1 pilotlog log --format json >"$TMP/log1.json"
PILOTLOG_THREADS=2 PILOTLOG_NO_CACHE=1 pilotlog log --format json >"$TMP/log2.json"
cmp -s "$TMP/log1.json" "$TMP/log2.json"
ok $? "the history on two threads is the same as on one"
ok $(test "$(wc -c <"$TMP/log1.json")" -gt 100000; echo $?) "and it is a long one"

# the working tree is loaded on every core too: check and list
for cmd in check list; do
    PILOTLOG_THREADS=1 pilotlog $cmd --today 2026-11-24 >"$TMP/$cmd.1" 2>&1
    PILOTLOG_THREADS=2 pilotlog $cmd --today 2026-11-24 >"$TMP/$cmd.2" 2>&1
    cmp -s "$TMP/$cmd.1" "$TMP/$cmd.2"
    ok $? "$cmd of the working tree: the same output on one and two threads"
done
like "$(tail -1 "$TMP/check.2")" "^$n files checked" "check saw every pilot"

# the HEAD render alone (no history), and list over the same tree
PILOTLOG_THREADS=1 pilotlog site -o "$TMP/head1" --no-history --today 2026-11-24 >/dev/null
PILOTLOG_THREADS=2 pilotlog site -o "$TMP/head2" --no-history --today 2026-11-24 >/dev/null
diff -r "$TMP/head1" "$TMP/head2" >/dev/null
ok $? "--no-history: two threads give the same site as one"

# a pilot that cannot be parsed is a page with its problem, whichever
# thread reads it
printf -- '---\nid: [unclosed\n---\nbody\n' >pilots/zz-broken.md
git add pilots/zz-broken.md && git commit -q -m broken --no-verify
PILOTLOG_THREADS=1 pilotlog site -o "$TMP/b1" --no-history --today 2026-11-24 >/dev/null
PILOTLOG_THREADS=2 pilotlog site -o "$TMP/b2" --no-history --today 2026-11-24 >/dev/null
diff -r "$TMP/b1" "$TMP/b2" >/dev/null
ok $? "a broken pilot among many: the same site on one and two threads"
like "$(cat "$TMP/b2/index.html")" "zz-broken" "the broken pilot is listed on the index"

# Each walking thread reads the packs through a handle no other thread
# shares (the lanes of pl_store_reopen). Objects outside the pack must be
# seen all the same: loose ones, from a linked worktree, and in a clone
# that borrows its objects through alternates.
for p in $(git ls-files pilots | sed -n '1,3p'); do echo "- x: A loose change." >>"$p"; done
git commit -q -a -m "loose changes" --no-verify
ok $(test -n "$(find .git/objects -path '*/[0-9a-f][0-9a-f]/*' -type f | head -1)"; echo $?) \
    "some objects are loose"
same_on_two() { # NAME: the history in the current folder on one and two threads
    PILOTLOG_THREADS=1 PILOTLOG_NO_CACHE=1 pilotlog log --format json >"$TMP/l1.json" 2>&1
    PILOTLOG_THREADS=2 PILOTLOG_NO_CACHE=1 pilotlog log --format json >"$TMP/l2.json" 2>&1
    cmp -s "$TMP/l1.json" "$TMP/l2.json" && grep -q '"loose changes"' "$TMP/l2.json"
    ok $? "$1: the same history on two threads as on one, with the newest commit"
}
same_on_two "loose objects"
git worktree add -q "$TMP/linked" -b linked
cd "$TMP/linked" && same_on_two "a linked worktree"
git clone -q --shared . "$TMP/borrowing"
cd "$TMP/borrowing" && same_on_two "a clone with alternates"

# A worker that is done takes half of what another has left. Here the
# newer half of the history only touches a file outside the pilots folder:
# its worker is done at once and walks most of the other half's commits.
cd "$TMP/repo" || exit 1
git clone -q . "$TMP/uneven" && cd "$TMP/uneven" || exit 1
branch=$(git symbolic-ref --short HEAD)
awk -v b="refs/heads/$branch" 'BEGIN {
    printf "reset %s\nfrom %s^0\n", b, b
    for (i = 1; i <= 4300; i++)
        printf "commit %s\ncommitter T <t@example.com> %d +0000\ndata 5\nnotes\nM 100644 inline notes.txt\ndata %d\n%d\n\n",
            b, 1900000000 + i, length(i "") + 1, i
}' | git fast-import --quiet
ok $? "4,300 commits outside the pilots folder on top"
git reset -q --hard
same_on_two "an uneven history"

done_testing
