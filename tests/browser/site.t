#!/bin/sh
# site.t - the static site in a real browser (Debian's chromium, headless,
# driven by playwright-core from tests/browser/node_modules): the demo
# repository's site has no console errors and no serious or critical axe-core
# violations in the light or the dark scheme, screenshots are saved to
# tests/out/screenshots/, and a site rendered from hostile pilots runs no
# script. The checks are in check.mjs; this file builds the two sites.
#
# Without chromium, node or the npm packages (`make test` installs them) the
# test is skipped, except under CI (CI=true), where that is a failure.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../e2e/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
missing=""
command -v node >/dev/null 2>&1 || missing="node is not installed"
[ -n "$missing" ] || [ -x "$CHROMIUM" ] || missing="no chromium at $CHROMIUM"
if [ -z "$missing" ] && ! { [ -d "$here/node_modules/playwright-core" ] && [ -d "$here/node_modules/axe-core" ]; }; then
    missing="tests/browser/node_modules is missing (make test installs it: cd tests/browser && npm ci)"
fi
if [ -n "$missing" ]; then
    if [ "${CI:-}" = true ]; then
        ok 1 "the browser test can run"
        echo "#   $missing"
        done_testing
    fi
    echo "1..0 # SKIP $missing"
    exit 0
fi

shots="$SRC/tests/out/screenshots"
rm -rf "$shots"
TODAY=2026-11-24

# ---- the demo repository and its site --------------------------------------------
PILOTLOG="$PILOTLOG" "$SRC/tools/make-demo.sh" "$TMP/demo" >"$TMP/.out" 2>&1 &&
    (cd "$TMP/demo/repo" && pilotlog site -o "$TMP/site" --today "$TODAY") >>"$TMP/.out" 2>&1
rc=$?
ok $rc "the demo repository is built and its site rendered"
[ $rc -eq 0 ] || tail -20 "$TMP/.out" | sed 's/^/#   | /'

# ---- a repository of hostile pilots ------------------------------------------------
hostile_pilot() { # hostile_pilot FILE STAGE
    cat >"$1" <<EOF
---
title: '<script>alert(1)</script> "><svg onload=alert(1)> <img src=x onerror=alert(1)>'
kind: pilot
stage: $2
owner: '"><svg onload=alert(1)> <iframe src="javascript:alert(1)"></iframe> <evil@example.com>'
hypothesis: '<img src=x onerror=alert(1)> [x](javascript:alert(1))'
decision_owner: '<script>alert(1)</script>'
budget_holder: '<img src=x onerror=alert(1)>'
production_path: '[y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <iframe srcdoc="<script>alert(1)</script>">'
start: 2026-09-01
end: 2026-10-15
decision_deadline: 2026-11-01
users: {target: 10, active: 5}
success_criteria:
  - id: adoption
    metric: '<script>alert(1)</script> share of "><svg onload=alert(1)>'
    target: '>= 60% <img src=x onerror=alert(1)>'
    actual: '<script>alert(1)</script>'
  - id: cost
    metric: 'javascript:alert(1)'
    target: '<= 40 EUR'
    actual: '"><svg onload=alert(1)> 30 EUR'
EOF
    case "$2" in decided | stopped) cat >>"$1" <<'EOF' ;;
decision:
  outcome: go
  date: 2026-11-10
  by: '<script>alert(1)</script>'
  rationale: '<script>alert(1)</script> "><svg onload=alert(1)> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <iframe src="data:text/html,x"></iframe>'
EOF
    esac
    cat >>"$1" <<'EOF'
---
# <script>alert(1)</script> Notes

<script>alert(1)</script>

"><svg onload=alert(1)>

<img src=x onerror=alert(1)>

<iframe src="javascript:alert(1)"></iframe>
<iframe srcdoc="<script>alert(1)</script>"></iframe>
<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">
<form action="javascript:alert(1)"><button>go</button></form>
<a href="javascript:alert(1)" onclick="alert(1)">raw link</a>
<base href="javascript:alert(1)//">
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">

[x](javascript:alert(1)) [x2](JaVaScRiPt:alert(1)) [x3](<java	script:alert(1)>)
[x4](&#106;avascript:alert(1)) [x5](java&#x09;script:alert(1)) [x6](  javascript:alert(1))

[y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

![z](javascript:alert(1)) ![w](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

<javascript:alert(1)> [v](vbscript:msgbox(1))

| <script>alert(1)</script> | <img src=x onerror=alert(1)> |
|---|---|
| [t](javascript:alert(1)) | `<script>alert(1)</script>` |

- [ ] <iframe src="data:text/html,x"></iframe>
- [x] <svg><script>alert(1)</script></svg>

~~<style>body{display:none}</style>~~ <noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>
EOF
}

hostile=$(new_repo hostile)
(
    cd "$hostile" || exit 1
    pilotlog init . >/dev/null || exit 1
    hostile_pilot pilots/decided.md decided
    hostile_pilot pilots/running.md running
    git add -A && git commit -qm "hostile pilots" --no-verify || exit 1
    # a second commit, so the history and the feed carry the hostile text too
    sed -i 's/^  rationale: /&changed /' pilots/decided.md
    git commit -qam "hostile rationale <script>alert(1)</script>" --no-verify || exit 1
    pilotlog site -o "$TMP/hostile-site" --today "$TODAY"
) >"$TMP/.out" 2>&1
rc=$?
ok $rc "the hostile repository is built and its site rendered"
[ $rc -eq 0 ] || tail -20 "$TMP/.out" | sed 's/^/#   | /'

# ---- the browser -------------------------------------------------------------------
TAP_START=$TAP_N TAP_COUNT_FILE="$TMP/.count" node "$here/check.mjs" "$TMP/site" "$TMP/hostile-site" "$shots"
if [ -s "$TMP/.count" ]; then
    read -r n f <"$TMP/.count"
    TAP_N=$n
    TAP_FAILED=$((TAP_FAILED + f))
else
    ok 1 "check.mjs reports its results"
fi
done_testing
