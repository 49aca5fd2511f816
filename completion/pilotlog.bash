# bash completion for pilotlog; installed by `make install` into
# share/bash-completion/completions/pilotlog. Commands, each command's
# options (read from its --help), pilot ids and stages (asked of pilotlog,
# so a repository's own workflow completes too).
_pilotlog()
{
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    }
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$(pilotlog __complete commands 2>/dev/null) --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]}
    case $prev in
    --format)
        case $cmd in
        diff | due) COMPREPLY=($(compgen -W "text json markdown" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        esac
        return ;;
    --kind) COMPREPLY=($(compgen -W "poc pilot" -- "$cur")); return ;;
    --stage) COMPREPLY=($(compgen -W "$(pilotlog __complete stages 2>/dev/null)" -- "$cur")); return ;;
    --schema | -o | --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --today | --date | --since | --until | --rationale | --by | --title | --base-url | -m | --message | --owner | \
        --hypothesis | --id | --template | --within | --rev | --range | --repo) return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$(pilotlog "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    # position of the argument after the command, options not counted
    local i n=0
    for ((i = 2; i < cword; i++)); do [[ ${words[i]} != -* ]] && n=$((n + 1)); done
    case $cmd in
    show | set | log) [ "$n" -eq 0 ] && COMPREPLY=($(compgen -W "$(pilotlog __complete ids 2>/dev/null)" -- "$cur")) ;;
    advance)
        if [ "$n" -eq 0 ]; then COMPREPLY=($(compgen -W "$(pilotlog __complete ids 2>/dev/null)" -- "$cur"))
        elif [ "$n" -eq 1 ]; then COMPREPLY=($(compgen -W "$(pilotlog __complete stages 2>/dev/null)" -- "$cur")); fi ;;
    decide)
        if [ "$n" -eq 0 ]; then COMPREPLY=($(compgen -W "$(pilotlog __complete ids 2>/dev/null)" -- "$cur"))
        elif [ "$n" -eq 1 ]; then COMPREPLY=($(compgen -W "go no-go extend" -- "$cur")); fi ;;
    hooks) [ "$n" -eq 0 ] && COMPREPLY=($(compgen -W "install path" -- "$cur")) ;;
    help) [ "$n" -eq 0 ] && COMPREPLY=($(compgen -W "$(pilotlog __complete commands 2>/dev/null)" -- "$cur")) ;;
    check | site | list | init) COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}
complete -F _pilotlog pilotlog
