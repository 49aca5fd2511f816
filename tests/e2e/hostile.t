#!/bin/sh
# hostile.t - what anyone who can open a pull request could put into a
# pilot file: check refuses each with a clear error, quickly; the site
# renders all of them with nothing executable left and nothing written
# outside its folder.
. "$(dirname "$0")/lib.sh"

sh "$SRC/tests/hostile/make-hostile.sh" "$TMP/hostile"
for f in "$TMP"/hostile/*.md; do
    name=$(basename "$f")
    start=$(date +%s)
    run timeout $([ -n "${PILOTLOG_SLOW:-}" ] && echo 300 || echo 10) "$PILOTLOG" check "$f"
    took=$(($(date +%s) - start))
    is "$RC" 1 "$name: check exits 1"
    like "$OUT" ":[0-9]+:[0-9]+: error: " "$name: the error names line and column"
    [ -n "${PILOTLOG_SLOW:-}" ] || ok $((took > 5)) "$name: within bounded time"
done
run "$PILOTLOG" check "$TMP/hostile/alias-bomb.md"
like "$OUT" "aliases are expanded" "the alias bomb is named as such"
run "$PILOTLOG" check "$TMP/hostile/deep-flow.md"
like "$OUT" "nesting deeper than 64 levels" "deep nesting is named as such"
run "$PILOTLOG" check "$TMP/hostile/huge-front-matter.md"
like "$OUT" "more than the limit" "the 50 MB front matter is refused by size"

# path-like ids on the command line
repo=$(new_repo)
cd "$repo" || exit 1
for id in ../../etc/passwd /etc/passwd pilots/x .. "a b" UPPER ""; do
    run "$PILOTLOG" show "$id"
    is "$RC" 2 "show '$id' is a usage error"
done
run "$PILOTLOG" set ../x title=Nope
is "$RC" 2 "set with a path-like id is a usage error"

# the same files in a repository, rendered
mkdir -p pilots
cp "$TMP"/hostile/*.md pilots/
ln -s /etc/passwd pilots/symlink.md
mkdir -p pilots/sub && cp "$TMP/hostile/injection.md" pilots/sub/nested.md
git add -A && git commit -qm "hostile pilots" --no-verify
start=$(date +%s)
run timeout $([ -n "${PILOTLOG_SLOW:-}" ] && echo 900 || echo 60) "$PILOTLOG" site -o "$TMP/site" --today 2026-11-24
is "$RC" 0 "the site renders a hostile repository"
[ -n "${PILOTLOG_SLOW:-}" ] || ok $(($(date +%s) - start > 30)) "within bounded time"
python3 "$SRC/tests/tools/check_site.py" "$TMP/site" "$(ls "$TMP"/site/pilots | wc -l)" >"$TMP/check.tap" 2>&1
grep -q "^ok .* - no script, iframe, object or embed element on any page" "$TMP/check.tap"
ok $? "no script, iframe, object or embed element on any page (parsed)"
grep -q "^ok .* - no on\* attribute on any page" "$TMP/check.tap"
ok $? "no event-handler attribute on any page (parsed)"
grep -q "^ok .* - every page carries a CSP" "$TMP/check.tap"
ok $? "every page forbids scripts by CSP"
page=$(cat "$TMP/site/pilots/injection.html")
unlike "$page" 'href="[[:space:]]*(javascript|data|vbscript|jav&)' "no javascript:, data: or vbscript: link"
unlike "$page" "<img[^>]*onerror" "no image with an onerror handler"
like "$page" "&lt;script&gt;alert\(&#39;title&#39;\)&lt;/script&gt;" "the hostile title is shown as text"
unlike "$(cat "$TMP/site/pilots/symlink.html")" "root:" "the symlink was not followed"
ok $(test ! -e "$TMP/site/pilots/nested.html"; echo $?) "files below the pilots folder are not pilots"
outside=$(find "$TMP" -newer "$TMP/site/index.html" -type f ! -path "$TMP/site/*" ! -path "$TMP/.err" ! -path "$TMP/check.tap" \
    ! -path "$repo/*" | head -5)
is "$outside" "" "nothing written outside the output folder"
run "$PILOTLOG" check
is "$RC" 1 "check of the whole hostile repository exits 1"
run "$PILOTLOG" log
is "$RC" 0 "log walks a hostile history without failing"
run "$PILOTLOG" list
is "$RC" 0 "list shows what it can"

done_testing
