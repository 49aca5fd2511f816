#!/bin/sh
# site.t - `pilotlog site`: content, links, feed and JSON shape,
# determinism, the atomic swap and what it refuses, bare repositories,
# symlinks, and escaping of hostile text.
. "$(dirname "$0")/lib.sh"

# The demo repository: realistic pilots with history. Built the way
# `make demo` builds it, with a relative output folder.
(cd "$TMP" && PILOTLOG="$PILOTLOG" sh "$SRC/tools/make-demo.sh" demo >/dev/null 2>&1)
ok $? "the demo repository builds (relative output folder, as make demo gives it)"
cd "$TMP/demo/repo" || exit 1
count=$(ls pilots/*.md | wc -l)

run pilotlog site -o "$TMP/site" --today 2026-11-24
is "$RC" 0 "site renders"
like "$OUT" "site written: .*/index.html \($count pilots\)" "and says where"
for f in index.html decisions.html feed.xml pilots.json style.css; do
    ok $(test -s "$TMP/site/$f"; echo $?) "$f written"
done
is "$(ls "$TMP/site/pilots" | wc -l)" "$count" "one page per pilot"

# links, anchors, feed, JSON shape, no scripts: checked by a parser
python3 "$SRC/tests/tools/check_site.py" "$TMP/site" "$count" >"$TMP/check.tap"
ok $? "content checks pass"
grep '^not ok' "$TMP/check.tap" | sed 's/^/# /'

index=$(cat "$TMP/site/index.html")
like "$index" "Decisions overdue" "overdue decisions are listed first"
like "$index" "Missing what a decision needs" "missing decision owner / budget / path is listed"
like "$index" "of decided pilots reached production" "conversion shown"
like "$index" "median from start to go / no-go" "time to decision shown"
like "$index" "<svg class=\"chart funnel\"" "funnel chart inline"
like "$index" "<svg class=\"chart timeline\"" "timeline chart inline"
like "$(cat "$TMP/site/pilots/fleet-eco-driving.html")" "<table class=\"criteria\">" "criteria table on a pilot page"
like "$(cat "$TMP/site/pilots/invoice-three-way-match.html")" 'type="checkbox"' "task lists rendered"
like "$(cat "$TMP/site/pilots/invoice-three-way-match.html")" "<del>" "strikethrough rendered"
like "$(cat "$TMP/site/pilots/invoice-three-way-match.html")" '<h3 id="notes-context">' "headings get anchors"
like "$(cat "$TMP/site/decisions.html")" "outcome-no-go" "decisions page lists no-go decisions"
xmllint --noout "$TMP/site/feed.xml" 2>/dev/null
ok $? "feed.xml is well-formed (xmllint)"

# determinism
run pilotlog site -o "$TMP/site2" --today 2026-11-24
diff -r "$TMP/site" "$TMP/site2" >/dev/null
ok $? "same repository, same day: byte-identical site"
SOURCE_DATE_EPOCH=$(date -u -d 2026-11-24 +%s) run pilotlog site -o "$TMP/site3"
diff -r "$TMP/site" "$TMP/site3" >/dev/null
ok $? "SOURCE_DATE_EPOCH gives the same site as --today"

# the swap: an existing site is replaced whole, foreign folders are refused
echo stale >"$TMP/site/pilots/stale.html"
run pilotlog site -o "$TMP/site" --today 2026-11-24
is "$RC" 0 "rebuild over an existing site"
ok $(test ! -e "$TMP/site/pilots/stale.html"; echo $?) "files of the old site are gone"
is "$(ls -a "$TMP" | grep -c '\.site\.pilotlog-[0-9]')" 0 "no temporary folder left behind"
ok $(test -f "$TMP/.site.pilotlog-previous/.pilotlog-site"; echo $?) \
    "the previous site is kept beside the output, for the next build to start from"
# unchanged pages are linked from the previous site, never a tampered one
ln -sf /etc/hostname "$TMP/site/pilots/fleet-eco-driving.html"
echo "tampered" >"$TMP/site/style.css.tmp" && mv "$TMP/site/style.css.tmp" "$TMP/site/decisions.html"
run pilotlog site -o "$TMP/site" --today 2026-11-24
ok $(test -f "$TMP/site/pilots/fleet-eco-driving.html" && test ! -L "$TMP/site/pilots/fleet-eco-driving.html"; echo $?) \
    "a page the old site had replaced by a symlink is written anew"
# a tampered page or pilots.json entry is never carried over, even when
# the manifest says its inputs did not change
run pilotlog site -o "$TMP/site" --today 2026-11-24
sed -i 's|</main>|<p>tampered</p></main>|' "$TMP/site/pilots/invoice-three-way-match.html"
sed -i 's|"invoice-three-way-match"|"tampered-id-here"|' "$TMP/site/pilots.json"
run pilotlog site -o "$TMP/site" --today 2026-11-24
unlike "$(cat "$TMP/site/pilots/invoice-three-way-match.html")" "tampered" "a tampered page is rendered anew"
unlike "$(cat "$TMP/site/pilots.json")" "tampered-id-here" "a tampered pilots.json entry is rendered anew"
diff -r "$TMP/site" "$TMP/site2" >/dev/null
ok $? "the rebuilt site is byte-identical to a fresh one"
# pages carry a stamp (an extended attribute: the hash of their bytes,
# size and time) that lets a rebuild skip reading them; a page changed in
# place keeps the stamp but not the time, and is caught all the same
page="$TMP/site/pilots/invoice-three-way-match.html"
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import os, sys; os.getxattr(sys.argv[1], "user.pilotlog.stamp")' "$page" 2>/dev/null; then
    ok 0 "a page carries its stamp"
    printf 'XXXX' | dd of="$page" bs=1 seek=200 conv=notrunc 2>/dev/null
    printf 'XXXX' | dd of="$TMP/site/pilots.json" bs=1 seek=300 conv=notrunc 2>/dev/null
    run pilotlog site -o "$TMP/site" --today 2026-11-24
    diff -r "$TMP/site" "$TMP/site2" >/dev/null
    ok $? "a page and pilots.json changed in place are rendered anew"
fi
# the kept previous site is where the next build starts, but nothing in
# it is trusted: foreign files go, links are not followed, a page whose
# bytes are not what its stamp says is written anew
prev="$TMP/.site.pilotlog-previous"
mkdir -p "$TMP/elsewhere"
echo foreign >"$prev/extra.txt"
echo foreign >"$prev/pilots/foreign.html"
mkdir -p "$prev/pilots/foreign-folder" && echo foreign >"$prev/pilots/foreign-folder/x.html"
ln -sf /etc/hostname "$prev/pilots/invoice-three-way-match.html"
echo "not the page" >"$prev/decisions.html.tmp" && mv "$prev/decisions.html.tmp" "$prev/pilots/fleet-eco-driving.html"
rm -f "$prev/index.html" && ln -s "$TMP/elsewhere/index.html" "$prev/index.html"
# rebuilds and checks the site against a fresh one; $1 says over what
rebuilt_whole() {
    run pilotlog site -o "$TMP/site" --today 2026-11-24
    is "$RC" 0 "a rebuild over $1"
    diff -r "$TMP/site" "$TMP/site2" >/dev/null
    ok $? "gives the site a fresh build gives"
    is "$(find "$TMP/site" -type l | wc -l)" 0 "with no links in it"
    is "$(ls -A "$TMP/elsewhere" | wc -l)" 0 "and nothing written through a link"
}
rebuilt_whole "a tampered previous site"
# the same with its pages folder replaced by a link
run pilotlog site -o "$TMP/site" --today 2026-11-24
rm -rf "$prev/pilots" && ln -s "$TMP/elsewhere" "$prev/pilots"
rebuilt_whole "a previous site whose pages folder is a link"
# a folder by that name that pilotlog did not make is left alone
mkdir -p "$TMP/.mine.pilotlog-previous" && echo keep >"$TMP/.mine.pilotlog-previous/notes.txt"
run pilotlog site -o "$TMP/mine" --today 2026-11-24
run pilotlog site -o "$TMP/mine" --today 2026-11-24
is "$RC" 0 "beside a folder named like a previous site that pilotlog did not make"
is "$(ls -A "$TMP/.mine.pilotlog-previous")" "notes.txt" "that folder is left as it was"
diff -r "$TMP/mine" "$TMP/site2" >/dev/null
ok $? "and the site is whole"
is "$(ls -a "$TMP" | grep -c '\.mine\.pilotlog-[0-9]')" 0 "with no temporary folder left"
# a rebuild after a commit that touches one pilot: the other pilots' pages
# are linked from the previous site (same inode), that one is written anew,
# and the result is what a fresh build gives
untouched_inode=$(stat -c %i "$TMP/site/pilots/invoice-three-way-match.html")
touched_inode=$(stat -c %i "$TMP/site/pilots/fleet-eco-driving.html")
printf '\nRoute data for March reviewed.\n' >>pilots/fleet-eco-driving.md
git -c user.name=T -c user.email=t@example.org commit -qm "Note on fleet-eco-driving" --no-verify pilots/fleet-eco-driving.md
run pilotlog site -o "$TMP/site" --today 2026-11-24
is "$RC" 0 "rebuild after one commit"
is "$(stat -c %i "$TMP/site/pilots/invoice-three-way-match.html")" "$untouched_inode" \
    "an untouched pilot's page is carried over, not rewritten"
isnt_inode=$(stat -c %i "$TMP/site/pilots/fleet-eco-driving.html")
ok $(test "$isnt_inode" != "$touched_inode"; echo $?) "the changed pilot's page is written anew"
like "$(cat "$TMP/site/pilots/fleet-eco-driving.html")" "Route data for March reviewed" "with the change"
# pages are reused only from the same build of pilotlog: its build id, or
# the hash of its bytes when it has none, is part of every page's inputs
# in the manifest (a page rendered anew to the same bytes is linked all
# the same, so inodes cannot tell)
if command -v objcopy >/dev/null 2>&1; then
    inputs() { awk '$1 == "invoice-three-way-match" { print $2 }' "$TMP/site/.pilotlog-manifest"; }
    first=$(inputs)
    objcopy --remove-section=.note.gnu.build-id "$PILOTLOG" "$TMP/pilotlog-other"
    run "$TMP/pilotlog-other" site -o "$TMP/site" --today 2026-11-24
    is "$RC" 0 "another build of pilotlog renders"
    other=$(inputs)
    ok $(test -n "$first" && test -n "$other" && test "$first" != "$other"; echo $?) \
        "and its pages have other inputs"
    run "$TMP/pilotlog-other" site -o "$TMP/site" --today 2026-11-24
    is "$(inputs)" "$other" "a build without a build id names itself the same way every run"
    run pilotlog site -o "$TMP/site" --today 2026-11-24
    is "$(inputs)" "$first" "and the first build is back to its own"
fi
like "$(cat "$TMP/site/index.html")" "$(git rev-parse --short HEAD)" "the portfolio names the new revision"
run pilotlog site -o "$TMP/site-fresh" --today 2026-11-24 --no-cache
diff -r "$TMP/site" "$TMP/site-fresh" >/dev/null
ok $? "and the rebuilt site equals a fresh, uncached build"
git reset -q --hard HEAD~1
mkdir -p "$TMP/precious" && echo keep >"$TMP/precious/notes.txt"
run pilotlog site -o "$TMP/precious"
is "$RC" 2 "a non-empty folder pilotlog did not make is refused"
is "$(cat "$TMP/precious/notes.txt")" "keep" "and left alone"
run pilotlog site -o "$TMP/site/index.html"
is "$RC" 2 "a file as output is refused"

# without history, and other revisions
run pilotlog site -o "$TMP/nohist" --no-history --today 2026-11-24
is "$RC" 0 "--no-history renders"
like "$(cat "$TMP/nohist/pilots/fleet-eco-driving.html")" "Rendered without history" "and says so"
run pilotlog site -o "$TMP/old" --rev HEAD~40 --today 2026-11-24
is "$RC" 0 "--rev renders an older revision without a checkout"

# a bare repository (post-receive)
git clone -q --bare "$TMP/demo/repo" "$TMP/bare.git"
cd "$TMP/bare.git" || exit 1
run pilotlog site -o "$TMP/bare-site" --today 2026-11-24
is "$RC" 0 "site renders from a bare repository"
diff -r "$TMP/site2" "$TMP/bare-site" >/dev/null
ok $? "identical to the working repository's site"

# hostile text and symlinks
repo=$(new_repo hostile)
cd "$repo" || exit 1
pilot_file pilots/evil.md planned
sed -i 's|^title: .*|title: "<script>alert(1)</script> \\"><svg onload=alert(1)>"|' pilots/evil.md
printf '\n<script>alert(2)</script>\n<iframe src="x"></iframe>\n[a](javascript:alert(3)) [b](data:text/html,x) ![c](JaVaScRiPt:alert(4))\n' \
    >>pilots/evil.md
ln -s /etc/passwd pilots/link.md
ln -s ../../outside pilots/..evil.md 2>/dev/null
git add -A && git commit -qm evil --no-verify
run pilotlog site -o "$TMP/evil-site" --today 2026-11-24
is "$RC" 0 "a hostile repository renders"
page=$(cat "$TMP/evil-site/pilots/evil.html")
unlike "$page" "<script" "no script element survives"
unlike "$page" "<svg onload" "no injected element survives"
unlike "$page" "<iframe" "raw HTML in the body is omitted"
unlike "$page" 'href="(javascript|data|JaVaScRiPt):' "javascript: and data: links are neutralised"
like "$page" "&lt;script&gt;alert\(1\)&lt;/script&gt;" "the title is shown, escaped"
unlike "$(cat "$TMP/evil-site/pilots/link.html")" "root:" "a symlinked pilot is not followed"
like "$(cat "$TMP/evil-site/pilots/link.html")" "is a symbolic link" "its page shows the problem"
like "$(cat "$TMP/evil-site/index.html")" "symbolic link" "and the portfolio lists it"
ok $(test ! -e "$TMP/outside"; echo $?) "nothing written outside the output folder"

done_testing
