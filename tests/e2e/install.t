#!/bin/sh
# install.t - pilotlog installs like a Unix tool: make install with PREFIX
# and DESTDIR, the man page documents every command and option, help and
# --version, bash completion of commands, options, ids and stages, and
# colour only on a terminal and never with NO_COLOR.
. "$(dirname "$0")/lib.sh"

stage="$TMP/stage"
# Its own build folder: PREFIX is compiled in, and relinking the shared
# build/pilotlog would pull it from under tests running beside this one.
make -s -C "$SRC" install BUILD="$TMP/build" PREFIX=/opt/pl DESTDIR="$stage" >/dev/null 2>&1
ok $? "make install PREFIX=/opt/pl DESTDIR=..."
for f in bin/pilotlog share/man/man1/pilotlog.1 share/pilotlog/hooks/pre-commit share/pilotlog/hooks/pre-receive \
    share/pilotlog/schemas/pilot.schema.yaml share/pilotlog/schemas/workflow.yaml share/pilotlog/templates/pilot.md \
    share/pilotlog/templates/poc.md share/bash-completion/completions/pilotlog; do
    ok $(test -s "$stage/opt/pl/$f"; echo $?) "installed $f"
done
ok $(test -x "$stage/opt/pl/share/pilotlog/hooks/pre-receive"; echo $?) "hooks are executable"
is "$("$stage/opt/pl/bin/pilotlog" hooks path)" "/opt/pl/share/pilotlog/hooks" "hooks path follows PREFIX"

like "$(pilotlog --version)" "^pilotlog [0-9]+\.[0-9]+\.[0-9]+ \(libgit2" "--version"
run pilotlog help
like "$OUT" "advance +move a pilot" "help lists the commands"
run pilotlog help decide
like "$OUT" "--rationale TEXT" "help COMMAND shows its options"
run pilotlog help nonsense
is "$RC" 2 "help of an unknown command is a usage error"

# the man page documents every command and every option
# the roff source with its escapes for "-" and fonts removed
man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$SRC/docs/pilotlog.1")
MANWIDTH=100 man -l "$SRC/docs/pilotlog.1" >/dev/null 2>&1
ok $? "the man page renders"
for cmd in $(pilotlog __complete commands); do
    printf '%s' "$man" | grep -q -- "$cmd" || echo "$cmd" >>"$TMP/undocumented"
    for opt in $(pilotlog "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
        printf '%s' "$man" | grep -qF -- "$opt" || echo "$cmd $opt" >>"$TMP/undocumented"
    done
done
is "$(cat "$TMP/undocumented" 2>/dev/null)" "" "the man page documents every command and option"

# bash completion
repo=$(new_repo)
cd "$repo" || exit 1
pilot_file pilots/alpha.md running
pilot_file pilots/beta.md proposed
complete_words() { # LINE: what bash would offer at the end of LINE
    bash -c '
        PATH="'"$TMP/bin"':$PATH"
        . "'"$SRC"'/completion/pilotlog.bash"
        COMP_LINE=$1; COMP_WORDS=($1); [ "${1: -1}" = " " ] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _pilotlog; printf "%s\n" "${COMPREPLY[@]}"' _ "$1" | sort | tr '\n' ' '
}
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$PILOTLOG" >"$TMP/bin/pilotlog"
chmod +x "$TMP/bin/pilotlog"
like "$(complete_words 'pilotlog adv')" "^advance $" "completes commands"
like "$(complete_words 'pilotlog show ')" "^alpha beta $" "completes pilot ids"
like "$(complete_words 'pilotlog advance alpha ev')" "^evaluating $" "completes stages"
like "$(complete_words 'pilotlog check --st')" "--staged" "completes options"
like "$(complete_words 'pilotlog decide alpha n')" "^no-go $" "completes outcomes"

# colour only on a terminal, never with NO_COLOR
git add -A && git commit -qm pilots --no-verify
printf -- '---\ntitle: X\n---\n' >pilots/bad.md
plain=$(pilotlog check 2>&1)
unlike "$plain" "$(printf '\033')" "no colour when not on a terminal"
if command -v script >/dev/null; then
    tty_out=$(script -qec "$PILOTLOG check" /dev/null 2>&1)
    like "$tty_out" "$(printf '\033')\[" "colour on a terminal"
    nc_out=$(NO_COLOR=1 script -qec "$PILOTLOG check" /dev/null 2>&1)
    unlike "$nc_out" "$(printf '\033')\[" "NO_COLOR turns it off"
fi

done_testing
