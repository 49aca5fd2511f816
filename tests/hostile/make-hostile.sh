#!/bin/sh
# make-hostile.sh - writes a folder of hostile pilot files: what anyone who
# can open a pull request could put into a repository. Used by
# tests/e2e/hostile.t (check and site against every file).
#
# usage: tests/hostile/make-hostile.sh DIR
set -eu
d=$1
mkdir -p "$d"
fm() { printf -- '---\ntitle: Hostile pilot\nkind: pilot\nstage: proposed\nowner: Mallory\nhypothesis: Hostile input is rendered inert.\n'; }

# alias bomb ("billion laughs")
{
    printf -- '---\n'
    printf 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
    i=1
    while [ $i -le 12 ]; do
        p=$((i - 1))
        printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' $i $i $p $p $p $p $p $p $p $p $p
        i=$((i + 1))
    done
    printf -- '---\n'
} >"$d/alias-bomb.md"

# 10,000-deep nesting, in flow and block style
{ printf -- '---\nx: '; head -c 10000 /dev/zero | tr '\0' '['; head -c 10000 /dev/zero | tr '\0' ']'; printf '\n---\n'; } \
    >"$d/deep-flow.md"
awk 'BEGIN { print "---"; ind = ""; for (i = 0; i < 300; i++) { print ind "k:"; ind = ind " " } print ind "v"; print "---" }' \
    >"$d/deep-block.md"

# 50 MB of front matter
{ fm; awk 'BEGIN { for (i = 0; i < 700000; i++) printf "k%07d: %s\n", i, "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv" }'; printf -- '---\n'; } \
    >"$d/huge-front-matter.md"

# one line of a megabyte
{ printf -- '---\ntitle: '; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '\nkind: pilot\n---\n'; } >"$d/long-line.md"

# bytes that are not UTF-8, NUL bytes, a stray BOM in the middle
{ fm; printf 'sponsor: caf\351 \300\257\n---\nBody\n'; } >"$d/invalid-utf8.md"
{ fm; printf 'sponsor: nul\000here\n---\n'; } >"$d/nul-byte.md"
{ fm; printf -- '---\nbody \000 with nul\n'; } >"$d/nul-in-body.md"

# front matter that never ends, or is not YAML at all
{ fm; printf 'notes: there is no closing line\n'; } >"$d/unterminated.md"
printf '+++\ntitle = "toml"\n+++\n' >"$d/toml.md"
printf 'no front matter at all\n' >"$d/no-front-matter.md"
: >"$d/empty.md"
{ printf -- '---\n'; printf '\t- tab\n  : ::\n{[}]\n'; printf -- '---\n'; } >"$d/garbage-yaml.md"

# markup and script in every field and in the body
cat >"$d/injection.md" <<'EOT'
---
title: "<script>alert('title')</script>\"><svg onload=alert(1)>"
kind: pilot
stage: planned
owner: "<img src=x onerror=alert('owner')> <owner@example.com>"
sponsor: "javascript:alert(1)"
hypothesis: "</textarea><script>alert('h')</script>"
decision_owner: "<b onmouseover=alert(1)>Eve</b>"
budget_holder: "Eve \u003cscript\u003e"
production_path: "'; DROP TABLE pilots; --"
start: 2026-01-01
end: 2026-02-01
decision_deadline: 2026-03-01
success_criteria:
  - id: xss
    metric: "<iframe src=javascript:alert(1)>"
    target: ">= 1 <script>"
    actual: "<style>body{display:none}</style>"
tags: ["<script>"]
---
# <script>alert('heading')</script>

<script>alert('raw')</script>
<iframe src="https://example.com"></iframe>
<img src=x onerror="alert('img')">
<a href="javascript:alert('a')">raw link</a>

[click](javascript:alert('md')) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[spaced]( javascript:alert(1)) [upper](JAVASCRIPT:alert(1)) [entity](jav&#x61;script:alert(1))
![img](javascript:alert('i')) <javascript:alert(1)>

| a | b |
|---|---|
| <script>x</script> | [y](vbscript:msgbox) |
EOT

# wrong types everywhere
cat >"$d/wrong-types.md" <<'EOT'
---
title: [1, 2]
kind: {a: b}
stage: 5
owner: null
hypothesis: true
decision_owner: [Ann, Bob]
budget: "lots"
users: "many"
success_criteria: "yes"
decision: 5
tags: {x: 1}
start: 20260101
---
EOT

# ids that look like paths or are not ids
{ fm; echo ---; } >"$d/UPPER CASE.md"
printf -- '---\n---\n' >"$d/..md"
{ fm; echo ---; } >"$d/dots.in.id.md"
