#!/usr/bin/env bash
# Prints what the last `mvn verify` ran, from its Surefire (unit) and Failsafe (integration)
# reports: tests run, failed, in error and skipped, and the classes that failed. CI prints this last.
# Counted from the <testcase> elements: a parameterized class writes one file whose header counts
# only one of its runs. Below the totals, each failed test's first lines: CI shows only the end of
# its output, and a failure that does not come back on a rerun must still say what it was.
cd "$(dirname "$0")/.."

count() { # count ELEMENT FILE...: elements that open a line, as Surefire writes them (so not text
  # that a test printed, which sits inside CDATA)
  cat "${@:2}" | grep -c -E "^[[:space:]]*<$1[ >/]"
}

report() { # report DIR LABEL
  local files=("$1"/TEST-*.xml) failed=() file
  [[ -e ${files[0]} ]] || { echo "$2: not run"; return; }
  for file in "${files[@]}"; do
    if grep -q -E '^[[:space:]]*<(failure|error)[ >/]' "$file"; then failed+=("$(basename "$file" .xml | sed 's/^TEST-//')"); fi
  done
  echo "$2: $(count testcase "${files[@]}") run, $(count failure "${files[@]}") failures," \
    "$(count error "${files[@]}") errors, $(count skipped "${files[@]}") skipped${failed:+ — failed: ${failed[*]}}"
}

digest() { # digest DIR: each failed or broken test's name and the first lines of what it threw
  local file
  for file in "$1"/TEST-*.xml; do
    [[ -e $file ]] || continue
    awk '
      /^[[:space:]]*<testcase[ >]/ { match($0, /name="[^"]*"/); test = substr($0, RSTART + 6, RLENGTH - 7) }
      /^[[:space:]]*<(failure|error)[ >]/ { print "  " FILENAME ": " test; left = 12 }
      left > 0 { print "    " substr($0, 1, 240); left-- }
    ' "$file" | sed 's|^  [^ ]*/TEST-|  |; s|\.xml: |.|'
  done
}

report target/surefire-reports "Unit tests (Surefire)"
report target/failsafe-reports "Integration tests (Failsafe)"
report target/failsafe-reports-podman "Integration tests on Podman (Failsafe, tagged engines)"
for dir in target/surefire-reports target/failsafe-reports target/failsafe-reports-podman; do
  failures=$(digest "$dir")
  [[ -z $failures ]] || printf '\nWhat failed in %s:\n%s\n' "$dir" "$failures"
done
