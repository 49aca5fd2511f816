#!/bin/sh
# ci.t - the commands in examples/ci/*.yml, extracted from the files and
# run as written against a local repository with a pull-request branch,
# so the examples cannot rot.
. "$(dirname "$0")/lib.sh"

GHA="$SRC/examples/ci/github-actions.yml"
GLC="$SRC/examples/ci/gitlab-ci.yml"

# The run: block of every GitHub Actions step named "pilotlog: ...".
gha_block() { # STEP-NAME
    awk -v want="$1" '
        /^ *- name: / { inside = index($0, "\"pilotlog: " want "\"") > 0; grab = 0; next }
        inside && /^ *run: \|/ { grab = 1; match($0, /^ */); base = RLENGTH; next }
        grab { match($0, /^ */); if (RLENGTH <= base && $0 !~ /^ *$/) { grab = 0; inside = 0; next } sub(/^ +/, ""); print }
    ' "$GHA"
}
# The script lines of a GitLab job that call pilotlog.
glc_lines() { # JOB-NAME
    awk -v want="\"pilotlog:$1\":" '
        $0 == want { inside = 1; next }
        /^[^ ]/ { inside = 0 }
        inside && /^    - pilotlog / { sub(/^    - /, ""); print }
    ' "$GLC"
}

# CI jobs call "pilotlog" from PATH
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$PILOTLOG" >"$TMP/bin/pilotlog"
chmod +x "$TMP/bin/pilotlog"
PATH="$TMP/bin:$PATH"
export PATH

repo=$(new_repo)
cd "$repo" || exit 1
pilot_file pilots/alpha.md evaluating
git add -A && git commit -qm "alpha" --no-verify
base=$(git rev-parse HEAD)
git checkout -q -b pr
pilotlog decide alpha go --rationale "Adoption met; cost within budget." >/dev/null
head=$(git rev-parse HEAD)

is "$(gha_block 'describe the change' | wc -l)" 2 "github: the describe step has its two commands"
BASE=$base HEAD=$head GITHUB_STEP_SUMMARY="$TMP/summary.md" run sh -ec "$(gha_block 'describe the change')"
is "$RC" 0 "github: describe the change runs"
like "$(cat "$TMP/summary.md")" "\*\*decision go\*\* evaluating → decided" "github: the summary shows the decision"
BASE=$base HEAD=$head run sh -ec "$(gha_block 'check every commit')"
is "$RC" 0 "github: the range check passes a valid pull request"
SITE_URL=https://example.org/pilots/ run sh -ec "$(gha_block 'build the site')"
is "$RC" 0 "github: the site builds"
like "$(cat public/feed.xml)" "https://example.org/pilots/feed.xml" "github: the feed uses the base URL"
rm -rf public
GITHUB_STEP_SUMMARY="$TMP/due.md" run sh -c "$(gha_block 'decisions due')"
like "$(cat "$TMP/due.md")" "Pilot decisions: week of" "github: the weekly due summary is written"

is "$(glc_lines review | wc -l)" 2 "gitlab: the review job has its two pilotlog commands"
export CI_MERGE_REQUEST_DIFF_BASE_SHA=$base CI_COMMIT_SHA=$head CI_PAGES_URL=https://example.org/pilots
run sh -ec "$(glc_lines review)"
is "$RC" 0 "gitlab: the review commands run"
like "$(cat pilotlog-diff.md)" "decision go" "gitlab: the comment body is written"
run sh -ec "$(glc_lines pages)"
is "$RC" 0 "gitlab: the pages job builds the site"
ok $(test -s public/index.html; echo $?) "gitlab: into public/"
run sh -c "$(glc_lines due)"
like "$OUT" "Pilot decisions: week of" "gitlab: the scheduled job lists what is due"

# a pull request that breaks a rule fails the check step
git checkout -q -b bad-pr "$base"
sed -i 's/^stage: evaluating/stage: production/' pilots/alpha.md
git commit -qam "jump to production" --no-verify
BASE=$base HEAD=$(git rev-parse HEAD) run sh -ec "$(gha_block 'check every commit')"
is "$RC" 1 "github: the range check fails a pull request that breaks the workflow"
CI_COMMIT_SHA=$(git rev-parse HEAD) run sh -ec "$(glc_lines review)"
is "$RC" 1 "gitlab: so does the review job"

done_testing
