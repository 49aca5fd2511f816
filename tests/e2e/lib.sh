# lib.sh - TAP helpers for end-to-end tests: real git repositories set up
# with the git CLI, pilotlog run as a user would run it.
#
#   . "$(dirname "$0")/lib.sh"
#   repo=$(new_repo)            # a fresh repository with a commit identity
#   run pilotlog check          # sets RC, OUT, ERR
#   is "$RC" 0 "check passes"
#   like "$OUT" "1 file checked" "summary printed"
#   done_testing
set -u

PILOTLOG=${PILOTLOG:-$(cd "$(dirname "$0")/../.." && pwd)/build/pilotlog}
SRC=${PILOTLOG_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
TAP_N=0
TAP_FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pilotlog-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# A private git configuration, so tests never depend on the machine's.
export HOME="$TMP/home"
export GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
unset GIT_DIR GIT_WORK_TREE SOURCE_DATE_EPOCH NO_COLOR
mkdir -p "$HOME"
git config --global user.name "Test User"
git config --global user.email "test@example.com"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

pilotlog() { "$PILOTLOG" "$@"; }

ok() { # ok CONDITION-EXIT-CODE DESCRIPTION
    TAP_N=$((TAP_N + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $TAP_N - $2"
    else
        TAP_FAILED=$((TAP_FAILED + 1))
        echo "not ok $TAP_N - $2"
    fi
}

is() { # is GOT WANT DESCRIPTION
    if [ "$1" = "$2" ]; then ok 0 "$3"; else
        ok 1 "$3"
        printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"
    fi
}

like() { # like TEXT EXTENDED-REGEX DESCRIPTION
    if printf '%s' "$1" | grep -Eq -- "$2"; then ok 0 "$3"; else
        ok 1 "$3"
        printf '%s\n' "$1" | sed 's/^/#   | /' | head -40
        printf '#   expected to match: %s\n' "$2"
    fi
}

unlike() { # unlike TEXT EXTENDED-REGEX DESCRIPTION
    if printf '%s' "$1" | grep -Eq -- "$2"; then
        ok 1 "$3"
        printf '%s\n' "$1" | sed 's/^/#   | /' | head -40
        printf '#   expected not to match: %s\n' "$2"
    else ok 0 "$3"; fi
}

# run CMD...: runs a command, capturing exit code, stdout and stderr.
run() {
    OUT=$("$@" 2>"$TMP/.err")
    RC=$?
    ERR=$(cat "$TMP/.err")
}

# new_repo [NAME]: creates and prints the path of a fresh repository.
new_repo() {
    d="$TMP/${1:-repo}"
    git init -q "$d"
    printf '%s\n' "$d"
}

# pilot_file PATH STAGE [EXTRA-YAML]: writes a valid pilot at that stage.
pilot_file() {
    mkdir -p "$(dirname "$1")"
    {
        echo "---"
        echo "title: Test pilot $(basename "$1" .md)"
        echo "kind: pilot"
        echo "stage: $2"
        echo "owner: Dana Smith <dana@example.com>"
        echo "hypothesis: Suggested triage cuts first response time."
        case "$2" in proposed) ;; *)
            echo "decision_owner: Priya Natarajan"
            echo "budget_holder: Priya Natarajan"
            echo "production_path: Framework agreement lot 2"
            echo "start: 2026-09-01"
            echo "end: 2026-12-15"
            echo "decision_deadline: 2027-01-15"
            echo "users: {target: 100, active: 74}"
            echo "success_criteria:"
            echo "  - id: adoption"
            echo "    metric: Weekly active agents / target agents"
            echo "    target: \">= 60%\""
            echo "    actual: \"74%\""
            ;;
        esac
        case "$2" in decided | production | stopped)
            echo "decision:"
            echo "  outcome: $([ "$2" = stopped ] && echo no-go || echo go)"
            echo "  date: 2027-01-10"
            echo "  by: Priya Natarajan"
            echo "  rationale: Adoption met and cost within budget."
            ;;
        esac
        [ $# -ge 3 ] && printf '%s\n' "$3"
        echo "---"
        echo "# Notes"
        echo
        echo "Body text."
    } >"$1"
}

done_testing() {
    echo "1..$TAP_N"
    [ "$TAP_FAILED" -eq 0 ]
    exit $?
}
