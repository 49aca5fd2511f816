#!/bin/sh
# templates.t - `new` from the shipped templates (pilot, poc) and from a
# team's own in .pilotlog/templates/.
. "$(dirname "$0")/lib.sh"

repo=$(new_repo)
cd "$repo" || exit 1
run pilotlog new "Warehouse voice picking" --hypothesis "Voice picking cuts picking errors by half."
is "$RC" 0 "new with the built-in pilot template"
f=pilots/warehouse-voice-picking.md
for section in "Hypothesis" "Success criteria" "Entry criteria" "Evidence pack" "Transition plan" "Lessons learned"; do
    like "$(cat "$f")" "^# $section" "the pilot template has a $section section"
done
like "$(cat "$f")" "^kind: pilot" "kind pilot"
run pilotlog new "Parser benchmark" --kind poc --hypothesis "The new parser is twice as fast."
like "$(cat pilots/parser-benchmark.md)" "^kind: poc" "--kind poc picks the poc template"
like "$(cat pilots/parser-benchmark.md)" "^# Evidence pack" "which has its own sections"

mkdir -p .pilotlog/templates
cat >.pilotlog/templates/vendor.md <<'EOT'
---
title: {{title}}
kind: pilot
stage: proposed
owner: {{owner}}
hypothesis: {{hypothesis}}
tags: [vendor]
---
# Vendor evaluation for {{title}}

- [ ] Security questionnaire returned
- [ ] Reference call done
EOT
run pilotlog new "CRM: Acme's offer" --template vendor --hypothesis "Acme's CRM meets our needs at lower cost."
is "$RC" 0 "new from a team template"
g=pilots/crm-acme-s-offer.md
like "$(cat "$g")" "^title: \"CRM: Acme's offer\"" "the title is quoted as YAML needs"
like "$(cat "$g")" "^# Vendor evaluation for CRM: Acme's offer" "and written as text in the body"
like "$(cat "$g")" "^tags: \[vendor\]" "the template's fields are kept"
run pilotlog check "$g"
is "$RC" 0 "the result is a valid pilot"
run pilotlog new "Something" --template nope
is "$RC" 2 "an unknown template is an error"
like "$ERR" "no template 'nope'" "and says so"

done_testing
