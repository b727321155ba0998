#!/bin/bash
# Build every leaflet in content/ under every layout, alone and in every bilingual form, one
# output folder per layout and form, and say which builds failed (issue 12's "done when").
#   tools/build_every_form.sh OUT_DIR [LAYOUT...]     (default: every layouts/*.yaml)
# Then: python tools/fit_report.py OUT_DIR/<layout>/<form> [--png DIR]
set -u
out=${1:?usage: tools/build_every_form.sh OUT_DIR [LAYOUT...]}; shift
cd "$(dirname "$0")/.."
layouts=("$@"); [ ${#layouts[@]} -eq 0 ] && layouts=($(ls layouts/*.yaml | xargs -n1 basename | sed 's/\.yaml$//'))
status=0
for L in "${layouts[@]}"; do
  for F in mono parallel blocks flip; do
    dir="$out/$L/$F"; mkdir -p "$dir"
    if [ "$F" = mono ]; then bi=(); else bi=(--bilingual "$F"); fi
    for C in content/*.yaml; do
      n=$(basename "$C" .yaml)
      python generate.py build "$C" --lang all "${bi[@]}" --layout "$L" --out "$dir" -q > "$dir/$n.log" 2>&1
      rc=$?; [ $rc -ne 0 ] && status=1
      echo "$L $F $n rc=$rc: $(grep -v '^warning' "$dir/$n.log" | tail -1)"
    done
  done
done
exit $status
