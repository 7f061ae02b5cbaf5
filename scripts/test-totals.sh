#!/usr/bin/env bash
# Prints what the last `mvn verify` ran, from its Surefire (unit) and Failsafe (integration)
# reports: tests run, failed, in error and skipped, and the classes that failed. CI prints this last.
cd "$(dirname "$0")/.."

report() { # report DIR LABEL
  local tests=0 failures=0 errors=0 skipped=0 failed=() file head
  for file in "$1"/TEST-*.xml; do
    [[ -e $file ]] || { echo "$2: not run"; return; }
    head=$(grep -o -m1 '<testsuite [^>]*>' "$file")
    attribute() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$head"; }
    tests=$((tests + $(attribute tests))); failures=$((failures + $(attribute failures)))
    errors=$((errors + $(attribute errors))); skipped=$((skipped + $(attribute skipped)))
    if grep -q -E '<(failure|error)[ >]' "$file"; then failed+=("$(basename "$file" .xml | sed 's/^TEST-//')"); fi
  done
  echo "$2: $tests run, $failures failures, $errors errors, $skipped skipped${failed:+ — failed: ${failed[*]}}"
}

report target/surefire-reports "Unit tests (Surefire)"
report target/failsafe-reports "Integration tests (Failsafe)"
