#!/bin/sh
# make-demo.sh - builds the demo pilot repository from examples/pilots with
# a realistic history made by pilotlog itself: each pilot is proposed with
# `pilotlog new`, written up in an ordinary git commit, then moved along
# its lifecycle with advance / set / decide on the dates its own front
# matter gives, by its owner and its decision owner. All events of all
# pilots are replayed in date order, so the log reads like a real team's.
#
# usage: tools/make-demo.sh OUTDIR     (needs PILOTLOG, GNU date, awk)
set -eu

out=${1:-demo}
src=$(cd "$(dirname "$0")/.." && pwd)
PILOTLOG=${PILOTLOG:-$src/build/pilotlog}
TODAY=${DEMO_TODAY:-2026-11-24}
repo="$out/repo"

rm -rf "$repo"
mkdir -p "$out"
out=$(cd "$out" && pwd) # the replay runs inside the repository
git init -q -b main "$repo"
repo=$(cd "$repo" && pwd)
events="$out/events.tsv"
: >"$events"

# ---- reading the example files (front matter only) ---------------------------

front() { awk 'NR == 1 { next } /^(---|\.\.\.)[ \t]*$/ { exit } { print }' "$1"; }

unquote() { sed -e 's/[ \t]#.*$//' -e 's/^[ \t]*//' -e 's/[ \t]*$//' -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"; }

# top-level scalar
get() { front "$1" | awk -v k="$2" 'index($0, k ":") == 1 { sub("^" k ":[ \t]*", ""); print; exit }' | unquote; }

# a field of the decision block; folded/literal scalars are joined to one line
decision_get() {
    front "$1" | awk -v k="$2" '
        /^decision:/ { d = 1; next }
        d && /^[^ ]/ { d = 0 }
        d && !grab && $0 ~ "^  " k ":" {
            v = $0; sub("^  " k ":[ \t]*", "", v)
            if (v ~ /^[>|]/) { grab = 1; v = ""; next }
            print v; exit
        }
        grab { if ($0 ~ /^    /) { sub(/^ +/, ""); v = v (v == "" ? "" : " ") $0; next } print v; done = 1; exit }
        END { if (grab && !done) print v }' | unquote
}

# "id<TAB>actual" for every criterion with an actual, values as written
actuals() {
    front "$1" | awk '
        /^  - id:/ { id = $0; sub(/^  - id:[ \t]*/, "", id); sub(/[ \t]#.*$/, "", id) }
        /^    actual:/ { v = $0; sub(/^    actual:[ \t]*/, "", v); sub(/[ \t]+#.*$/, "", v); print id "\t" v }'
}

users_active() { front "$1" | sed -n -e 's/.*active: *\([0-9][0-9]*\).*/\1/p' | head -1; }

# The example as it was proposed: stage proposed, no decision, no actuals.
rewind() {
    awk '
        NR == 1 { print; next }
        !body && /^(---|\.\.\.)[ \t]*$/ { body = 1 }
        body { print; next }
        /^stage:/ { print "stage: proposed"; next }
        /^decision:/ { skip = 1; next }
        skip && /^[ \t]/ { next }
        { skip = 0 }
        /^    actual:/ { next }
        /^  active:/ { next }
        { gsub(/, active: [0-9]+/, ""); print }' "$1"
}

person() { printf '%s' "$1" | sed 's/ *<.*//'; }
email() {
    e=$(printf '%s' "$1" | sed -n 's/.*<\(.*\)>.*/\1/p')
    [ -n "$e" ] && { printf '%s' "$e"; return; }
    printf '%s@hafenlog.example' "$(printf '%s' "$1" | tr 'A-Z ' 'a-z.' | iconv -f utf-8 -t ascii//TRANSLIT 2>/dev/null | tr -cd 'a-z.')"
}
shift_date() { date -u -d "$1 $2 days" +%F; }

# ---- planning: one line per event, sorted by date afterwards ---------------------

n=0
event() { # DATE AUTHOR ACTION ID ARGS...
    n=$((n + 1))
    d=$1 who=$2
    # nothing happens after "today": later plans are replayed as of today
    [ "$(date -u -d "$d" +%s)" -gt "$(date -u -d "$TODAY" +%s)" ] && d=$TODAY
    shift 2
    printf '%s\t%04d\t%s\t%s\n' "$d" "$n" "$who" "$*" >>"$events"
}

for f in "$src"/examples/pilots/*.md; do
    id=$(basename "$f" .md)
    stage=$(get "$f" stage)
    owner=$(get "$f" owner)
    decider=$(get "$f" decision_owner)
    [ -n "$decider" ] || decider=$owner
    start=$(get "$f" start)
    end=$(get "$f" end)
    outcome=$(decision_get "$f" outcome)
    ddate=$(decision_get "$f" date)
    if [ -z "$start" ]; then start=$(shift_date "$TODAY" -30); fi
    if [ -z "$end" ]; then end=$(shift_date "$start" 60); fi
    proposed=$(shift_date "$start" -45)
    [ "$stage" = proposed ] && proposed=$(shift_date "$TODAY" -20)
    mid=$(shift_date "$start" $(( ($(date -u -d "$end" +%s) - $(date -u -d "$start" +%s)) / 172800 )))

    event "$proposed" "$owner" new "$id"
    event "$(shift_date "$proposed" 2)" "$owner" writeup "$id"
    [ "$stage" = proposed ] && continue
    ran=no
    if [ "$stage" = stopped ] && [ -z "$(actuals "$f")" ]; then
        event "$(shift_date "$proposed" 9)" "$owner" advance "$id" planned
        event "${ddate:-$(shift_date "$proposed" 20)}" "$decider" decide "$id" "$outcome" stopped
        event "${ddate:-$(shift_date "$proposed" 20)}" "$owner" tidy "$id"
        continue
    fi
    event "$(shift_date "$start" -14)" "$decider" advance "$id" planned
    [ "$stage" = planned ] && { event "$(shift_date "$start" -13)" "$owner" tidy "$id"; continue; }
    event "$start" "$owner" advance "$id" running
    event "$mid" "$owner" measure "$id" half
    if [ "$outcome" = extend ]; then # measured before the extension was decided
        event "$(shift_date "$ddate" -6)" "$owner" measure "$id" all
    else
        event "$(shift_date "$end" -3)" "$owner" measure "$id" all
    fi
    if [ "$stage" = running ] && [ "$outcome" != extend ]; then
        event "$(shift_date "$end" -2)" "$owner" tidy "$id"
        continue
    fi
    if [ "$outcome" = extend ]; then
        event "$(shift_date "$ddate" -5)" "$owner" advance "$id" evaluating
        event "$ddate" "$decider" decide "$id" extend running
        event "$(shift_date "$ddate" 1)" "$owner" tidy "$id"
        continue
    fi
    event "$end" "$owner" advance "$id" evaluating
    [ "$stage" = evaluating ] && { event "$(shift_date "$end" 1)" "$owner" tidy "$id"; continue; }
    target=decided
    [ "$stage" = stopped ] && target=stopped
    event "$ddate" "$decider" decide "$id" "$outcome" "$target"
    [ "$stage" = production ] && event "$(shift_date "$ddate" 21)" "$decider" advance "$id" production
    event "$(shift_date "$ddate" 22)" "$owner" tidy "$id"
done

# ---- replay --------------------------------------------------------------------

cd "$repo"
git config user.name "Demo"
git config user.email "demo@hafenlog.example"
mkdir -p .pilotlog
printf 'pilots_dir: pilots\nsite:\n  title: HafenLog pilot portfolio\n' >.pilotlog/config.yaml
GIT_AUTHOR_DATE="2026-01-05T09:00:00+01:00" GIT_COMMITTER_DATE="2026-01-05T09:00:00+01:00" \
    git -c user.name="Zoë Müller" -c user.email="zoe.mueller@hafenlog.example" add .pilotlog
GIT_AUTHOR_DATE="2026-01-05T09:00:00+01:00" GIT_COMMITTER_DATE="2026-01-05T09:00:00+01:00" \
    git -c user.name="Zoë Müller" -c user.email="zoe.mueller@hafenlog.example" commit -q -m "Track pilots with pilotlog"

hour=9
sort -t "$(printf '\t')" -k1,1 -k2,2n "$events" | while IFS="$(printf '\t')" read -r day seq who action; do
    set -- $action
    verb=$1 id=$2
    seq=$(expr "$seq" + 0)
    f="$src/examples/pilots/$id.md"
    hour=$((hour % 8 + 9))
    stamp="${day}T$(printf '%02d' $hour):$(printf '%02d' $((seq % 60))):00+01:00"
    export GIT_AUTHOR_NAME="$(person "$who")" GIT_AUTHOR_EMAIL="$(email "$who")"
    export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
    export GIT_AUTHOR_DATE="$stamp" GIT_COMMITTER_DATE="$stamp"
    # pilotlog judges dates (overdue, duration) as of the event's day
    SOURCE_DATE_EPOCH=$(date -u -d "$day" +%s)
    export SOURCE_DATE_EPOCH
    case $verb in
    new)
        kind=$(get "$f" kind)
        "$PILOTLOG" new "$(get "$f" title)" --id "$id" --kind "$kind" --owner "$(get "$f" owner)" \
            --hypothesis "$(get "$f" hypothesis)" >/dev/null
        ;;
    writeup)
        rewind "$f" >"pilots/$id.md"
        git add "pilots/$id.md"
        git commit -q -m "$id: write up the proposal" -m "Context, plan and success criteria agreed with the decision owner."
        ;;
    advance)
        "$PILOTLOG" advance "$id" "$3" >/dev/null
        ;;
    measure)
        mode=$3
        set --
        total=$(actuals "$f" | wc -l)
        half=$(( (total + 1) / 2 ))
        [ "$mode" = all ] && half=$total
        i=0
        for pair in $(actuals "$f" | tr '\t ' '=\036'); do
            i=$((i + 1))
            [ $i -le $half ] || break
            pair=$(printf '%s' "$pair" | tr '\036' ' ')
            set -- "$@" "success_criteria.${pair%%=*}.actual=${pair#*=}"
        done
        active=$(users_active "$f")
        [ -n "$active" ] && set -- "$@" "users.active=$active"
        what=interim
        [ "$mode" = all ] && what=final
        [ $# -gt 0 ] && "$PILOTLOG" set "$id" "$@" -m "$id: $what measurements" >/dev/null
        ;;
    decide)
        "$PILOTLOG" decide "$id" "$3" --stage "$4" --date "$(decision_get "$f" date)" \
            --rationale "$(decision_get "$f" rationale)" >/dev/null
        ;;
    tidy)
        if ! cmp -s "$f" "pilots/$id.md"; then
            cp "$f" "pilots/$id.md"
            git add "pilots/$id.md"
            git commit -q -m "$id: notes and lessons learned"
        fi
        ;;
    esac
done 2>"$out/replay.log"

unset SOURCE_DATE_EPOCH
"$PILOTLOG" check --today "$TODAY" >/dev/null || { "$PILOTLOG" check --today "$TODAY"; exit 1; }
echo "demo repository: $repo ($(git rev-list --count HEAD) commits, $(ls pilots | wc -l) pilots)"
