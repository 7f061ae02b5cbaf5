#!/usr/bin/env bash
# Prints what the last `mvn verify` ran, from its Surefire (unit) and Failsafe (integration)
# reports: tests run, failed, in error and skipped, and the classes that failed. CI prints this last.
# Counted from the <testcase> elements: a parameterized class writes one file whose header counts
# only one of its runs.
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

report target/surefire-reports "Unit tests (Surefire)"
report target/failsafe-reports "Integration tests (Failsafe)"
report target/failsafe-reports-podman "Integration tests on Podman (Failsafe, tagged engines)"
